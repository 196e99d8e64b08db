#!/usr/bin/env bash
# Benchmarks `factlint check --format json` against ripgrep searching the same corpus for the same patterns, on
# generated corpora of 100 MB and 1 GB (10 MB with --quick), with 1 and 2 threads. ripgrep runs twice per thread
# count: with the patterns as written, and with every Unicode word boundary made an ASCII one (`\b` becomes
# `(?-u:\b)`), the form a ripgrep DFA can search text holding non-ASCII characters with; both pattern files come
# from examples/dump_patterns. Prints, per run: wall time of each, factlint's time over each of ripgrep's,
# factlint's throughput, the peak memory of each, and what each found: factlint's mentions, and the lines with a
# match that `rg -c` counts (a line holding two mentions counts once). Before timing, it checks that factlint found
# exactly the mentions the generator planted, so that speed never comes from skipping work. The rules are those
# the generator plants mentions of, twice: rules/niger-withdrawal.yaml (written in words) and
# bench/niger-withdrawal-regex.yaml (the same claims as regexes), so one run compares the two forms.
#
#   bench/run.sh            # 100 MB and 1 GB
#   bench/run.sh --quick    # 10 MB only, as a sanity run
#
# Needs ripgrep and GNU time:   apt-get install -y ripgrep time
# A current ripgrep, used instead of the one on PATH once installed:
#                               cargo install ripgrep --locked --root target/bench-tools
# Environment: RULES (rule files, space-separated) replaces the two rule files;
#              RG (a ripgrep binary) overrides both; otherwise target/bench-tools/bin/rg, else rg on PATH.
#              RG_TIMEOUT (seconds, default 1800) caps each ripgrep run; a capped run is reported as "> N".
#              SIZES (MB, space-separated, e.g. "1000") replaces the default sizes.
set -euo pipefail
cd "$(dirname "$0")/.."

read -r -a sizes <<<"${SIZES:-100 1000}"
if [[ "${1:-}" == "--quick" ]]; then
  sizes=(10)
fi
rg_timeout="${RG_TIMEOUT:-1800}"

if [[ -n "${RG:-}" ]]; then
  rg="$RG"
elif [[ -x target/bench-tools/bin/rg ]]; then
  rg=target/bench-tools/bin/rg
else
  rg=rg
fi
if ! command -v "$rg" >/dev/null 2>&1; then
  echo "bench: ripgrep ($rg) is missing; install it with: apt-get install -y ripgrep, or point RG at one" >&2
  exit 2
fi
for tool in /usr/bin/time cargo awk timeout; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "bench: $tool is missing; install it with: apt-get install -y time coreutils gawk" >&2
    exit 2
  fi
done

cargo build --release --quiet --bin factlint --example gen_corpus --example dump_patterns
factlint=target/release/factlint
work=target/bench-run
mkdir -p "$work"
read -r -a rule_files <<<"${RULES:-rules/niger-withdrawal.yaml bench/niger-withdrawal-regex.yaml}"

# Mentions per claim in a JSON report: a mention is the object whose "claim" line is followed by its "source".
count_mentions() {
  awk '/^      "source": / && prev ~ /^      "claim": / { split(prev, p, "\""); n[p[4]]++ }
       { prev = $0 }
       END { for (c in n) print c, n[c] }' "$1" | sort
}

# Planted mentions per claim, from the generator's planted.json.
planted_mentions() {
  sed -n '/"claims"/,/}/p' "$1" | awk -F'"' 'NF >= 3 && $2 != "claims" { gsub(/[^0-9]/, "", $3); print $2, $3 }' | sort
}

# The sum of the counts in `rg -c` output ("path:count" a line).
sum_counts() {
  awk -F: '{ n += $NF } END { print n + 0 }' "$1"
}

# Runs a command under GNU time; prints "seconds peak_kb", or "timeout" when it ran past the limit.
timed() {
  local limit="$1"
  shift
  if timeout "$limit" /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@"; then
    cat "$work/time.txt"
  else
    local code=$?
    if [[ $code -eq 124 ]]; then echo "timeout"; else tail -1 "$work/time.txt"; fi
  fi
}

# factlint's time over ripgrep's ("< x" when ripgrep was stopped, since its time is then a lower bound).
ratio() {
  local f="$1" r="$2"
  if [[ "$r" == ">"* ]]; then
    echo "< $(awk -v f="$f" -v r="${r#> }" 'BEGIN { printf "%.3f", f / r }')"
  else
    awk -v f="$f" -v r="$r" 'BEGIN { printf "%.3f", f / r }'
  fi
}

row="%-28s %-7s %3s %10s %9s %10s %7s %10s %7s %8s %8s %10s %8s %8s %10s\n"
echo "$(date -u '+%F %T') UTC; load average:$(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $("$rg" --version | head -1) ($rg)"
# shellcheck disable=SC2059 # the format is the table's, shared by every row
printf "$row" "rules" "corpus" "thr" "factlint s" "rg s" "rg-ascii s" "f/rg" "f/rg-ascii" "f MB/s" \
  "f RSS" "rg RSS" "rg-ascii RSS" "mentions" "rg lines" "rg-ascii lines"
counts_differ=""
for rules in "${rule_files[@]}"; do
# The two ways ripgrep searches, each with its pattern file: the patterns as written, and with ASCII word boundaries.
target/release/examples/dump_patterns "$rules" >"$work/patterns-written.txt"
target/release/examples/dump_patterns --ascii-word-boundaries "$rules" >"$work/patterns-ascii.txt"
for mb in "${sizes[@]}"; do
  corpus="target/bench-corpora/${mb}mb"
  if [[ ! -f "$corpus/planted.json" ]]; then
    target/release/examples/gen_corpus --mb "$mb" --seed 42 --out "$corpus" >&2
  fi
  bytes=$(cat "$corpus"/*.txt | wc -c)
  # factlint first (seconds), then ripgrep with ASCII word boundaries (seconds), then ripgrep with the patterns as
  # written (minutes): the short runs are the ones most upset by a busy machine.
  declare -A f_s f_kb r_s r_kb r_n
  for threads in 1 2; do
    # factlint exits 1 when it finds conflicts (the corpora hold planted ones); 2 would be an error.
    read -r f_s[$threads] f_kb[$threads] < <(timed 36000 sh -c "$factlint check '$corpus' --rules '$rules' --format json --threads $threads --quiet >'$work/report.json'; test \$? -le 1")
    if [[ -z "$(planted_mentions "$corpus/planted.json")" ]]; then
      echo "bench: $corpus/planted.json lists no planted mentions" >&2
      exit 1
    fi
    if ! diff <(count_mentions "$work/report.json") <(planted_mentions "$corpus/planted.json") >"$work/count.diff"; then
      echo "bench: factlint's mentions differ from the planted ones in $corpus (found < > planted):" >&2
      cat "$work/count.diff" >&2
      exit 1
    fi
  done
  mentions=$(count_mentions "$work/report.json" | awk '{ n += $2 } END { print n + 0 }')
  for variant in ascii written; do
    for threads in 1 2; do
      key="$variant $threads"
      result=$(timed "$rg_timeout" sh -c "'$rg' -c -j $threads -g '*.txt' -f '$work/patterns-$variant.txt' '$corpus' >'$work/rg.txt'; test \$? -le 1")
      if [[ "$result" == "timeout" ]]; then
        r_s[$key]="> $rg_timeout"
        r_kb[$key]="?"
        r_n[$key]="?"
      else
        read -r seconds kb <<<"$result"
        r_s[$key]="$seconds"
        r_kb[$key]="$((kb / 1024)) MB"
        r_n[$key]=$(sum_counts "$work/rg.txt")
      fi
    done
  done
  for threads in 1 2; do
    rate=$(awk -v b="$bytes" -v s="${f_s[$threads]}" 'BEGIN { printf "%.1f", b / 1e6 / s }')
    # shellcheck disable=SC2059
    printf "$row" "$(basename "$rules")" "${mb} MB" "$threads" "${f_s[$threads]}" "${r_s[written $threads]}" "${r_s[ascii $threads]}" \
      "$(ratio "${f_s[$threads]}" "${r_s[written $threads]}")" "$(ratio "${f_s[$threads]}" "${r_s[ascii $threads]}")" \
      "$rate" "$((f_kb[$threads] / 1024)) MB" "${r_kb[written $threads]}" "${r_kb[ascii $threads]}" \
      "$mentions" "${r_n[written $threads]}" "${r_n[ascii $threads]}"
    if [[ "${r_n[written $threads]}" != "?" && "${r_n[written $threads]}" != "${r_n[ascii $threads]}" ]]; then
      counts_differ="yes"
    fi
  done
done
done
echo "mentions checked against planted.json: equal in every run; load average now:$(cut -d' ' -f1-3 /proc/loadavg)"
echo "rg lines: lines with at least one match (rg -c), so a line holding several mentions counts once."
if [[ -n "$counts_differ" ]]; then
  printf '%s\n' 'rg lines and rg-ascii lines differ: an ASCII \b sees a non-ASCII letter as a non-word character,' \
    'so the ASCII patterns also match a wording that starts or ends next to one ("chatou" in "Aïchatou").'
fi
