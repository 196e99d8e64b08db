#!/usr/bin/env bash
# Benchmarks `factlint check --format json` against ripgrep searching the same corpus for the same patterns, on
# generated corpora of 100 MB and 1 GB (10 MB with --quick) of two profiles, with 1 and 2 threads. The profiles
# are those of examples/gen_corpus: `sparse`, news digests with a planted mention in about one sentence in thirty,
# and `dense`, short reports of one story as real coverage reads them (about 2 mentions per KB, most reports
# undated; BENCHMARKS.md, "Dense coverage"). ripgrep runs twice per thread count: with the patterns as written,
# and with every Unicode word boundary made an ASCII one (`\b` becomes `(?-u:\b)`), the form a ripgrep DFA can
# search text holding non-ASCII characters with; both pattern files come from examples/dump_patterns. Prints, per
# run: wall time of each, factlint's time over each of ripgrep's, factlint's throughput, the peak memory of each,
# and what each found: factlint's mentions, and the lines with a match that `rg -c` counts (a line holding two
# mentions counts once). Before timing, it checks that factlint found exactly the mentions the generator planted,
# so that speed never comes from skipping work. The rules are those the generator plants mentions of, twice:
# rules/niger-withdrawal.yaml (written in words) and bench/niger-withdrawal-regex.yaml (the same claims as
# regexes), so one run compares the two forms.
#
# Per profile and size it then checks the corpus with every rule (`--rules rules/`: names and quotations too),
# checking the planted claims' mentions again, and prints its time and peak memory against the first rule file's
# run. Last, per profile and rule file, the scaling check: factlint's seconds per MB at each size (first thread
# count), wall and CPU, and whether each step to a larger corpus stays within 15% of the one before. factlint's
# CPU time (user and system) is printed beside its wall time: on a busy machine it is the steadier figure.
#
#   bench/run.sh                                   # both profiles, 100 MB and 1 GB
#   PROFILES=dense SIZES="10 100 1000" bench/run.sh # the dense profile, with the scaling check over three sizes
#   bench/run.sh --quick                           # 10 MB only, as a sanity run
#
# Needs ripgrep and GNU time:   apt-get install -y ripgrep time
# A current ripgrep, used instead of the one on PATH once installed:
#                               cargo install ripgrep --locked --root target/bench-tools
# Environment: PROFILES (space-separated, default "sparse dense") chooses the profiles;
#              SIZES (MB, space-separated, e.g. "1000") replaces the default sizes;
#              THREADS (space-separated, default "1 2") the thread counts;
#              RULES (rule files, space-separated) replaces the two rule files;
#              EVERY_RULE (default rules/) is what the every-rule run checks with; empty skips that run;
#              RG (a ripgrep binary) overrides both; otherwise target/bench-tools/bin/rg, else rg on PATH.
#              RG_TIMEOUT (seconds, default 1800) caps each ripgrep run; a capped run is reported as "> N";
#              F_TIMEOUT (seconds, default 36000) caps each factlint run the same way (its mentions unchecked).
set -euo pipefail
cd "$(dirname "$0")/.."

read -r -a profiles <<<"${PROFILES:-sparse dense}"
read -r -a sizes <<<"${SIZES:-100 1000}"
read -r -a thread_counts <<<"${THREADS:-1 2}"
if [[ "${1:-}" == "--quick" ]]; then
  sizes=(10)
fi
rg_timeout="${RG_TIMEOUT:-1800}"
f_timeout="${F_TIMEOUT:-36000}"
every_rule="${EVERY_RULE-rules/}"

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

# The report's mentions of the planted claims only (a report of every rule also holds names and quotations).
planted_claims_found() {
  awk 'NR == FNR { keep[$1]; next } $1 in keep' <(planted_mentions "$2") <(count_mentions "$1")
}

# Stops the benchmark unless the report ($1) holds exactly the mentions planted in the corpus ($2) of its claims.
check_planted() {
  if [[ -z "$(planted_mentions "$2/planted.json")" ]]; then
    echo "bench: $2/planted.json lists no planted mentions" >&2
    exit 1
  fi
  if ! diff <(planted_claims_found "$1" "$2/planted.json") <(planted_mentions "$2/planted.json") >"$work/count.diff"; then
    echo "bench: factlint's mentions differ from the planted ones in $2 (found < > planted):" >&2
    cat "$work/count.diff" >&2
    exit 1
  fi
}

# The sum of the counts in `rg -c` output ("path:count" a line).
sum_counts() {
  awk -F: '{ n += $NF } END { print n + 0 }' "$1"
}

# Runs a command under GNU time; prints "seconds peak_kb cpu_seconds", or "timeout" when it ran past the limit.
timed() {
  local limit="$1"
  shift
  if timeout "$limit" /usr/bin/time -f "%e %M %U %S" -o "$work/time.txt" "$@"; then
    awk '{ print $1, $2, $3 + $4 }' "$work/time.txt"
  else
    local code=$?
    if [[ $code -eq 124 ]]; then echo "timeout"; else tail -1 "$work/time.txt" | awk '{ print $1, $2, $3 + $4 }'; fi
  fi
}

# Checks corpus $1 with rules $2 and $3 threads into $work/report.json (its warnings' count to
# $work/factlint-stderr.txt); prints "seconds peak_MB cpu_seconds" (user and system: what a busy machine
# changes least), or ">N ? ?" when
# stopped. factlint exits 1 when it finds conflicts (the corpora hold planted ones); 2 would be an error.
run_factlint() {
  local result
  result=$(timed "$f_timeout" sh -c "$factlint check '$1' --rules '$2' --format json --threads $3 --quiet >'$work/report.json' 2>'$work/factlint-stderr.txt'; test \$? -le 1")
  if [[ "$result" == "timeout" ]]; then
    echo ">$f_timeout ? ?"
  else
    read -r seconds kb cpu <<<"$result"
    echo "$seconds $((kb / 1024)) $cpu"
  fi
}

# The quotient of two times, "< q" when the divisor is a lower bound ("> N") and "> q" when the dividend is one.
ratio() {
  local f="$1" r="$2" sign=""
  if [[ "$r" == ">"* ]]; then sign="< "; fi
  if [[ "$f" == ">"* ]]; then sign="> "; fi
  if [[ "$f" == ">"* && "$r" == ">"* ]]; then echo "?"; return; fi
  echo "$sign$(awk -v f="${f#>}" -v r="${r#>}" 'BEGIN { printf "%.3f", f / r }')"
}

# The corpus directory of a profile and size: the sparse corpora keep the names they always had.
corpus_dir() {
  if [[ "$1" == sparse ]]; then echo "target/bench-corpora/${2}mb"; else echo "target/bench-corpora/$1-${2}mb"; fi
}

row="%-28s %-14s %3s %10s %8s %9s %10s %7s %10s %7s %8s %8s %10s %8s %8s %10s\n"
every_row="%-28s %-14s %3s %10s %8s %9s %10s %7s %10s\n"
echo "$(date -u '+%F %T') UTC; load average:$(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $("$rg" --version | head -1) ($rg)"
# shellcheck disable=SC2059 # the format is the table's, shared by every row
printf "$row" "rules" "corpus" "thr" "factlint s" "f CPU s" "rg s" "rg-ascii s" "f/rg" "f/rg-ascii" "f MB/s" \
  "f RSS" "rg RSS" "rg-ascii RSS" "mentions" "rg lines" "rg-ascii lines"
counts_differ=""
declare -A first_s scale_s scale_bytes
for profile in "${profiles[@]}"; do
for rules in "${rule_files[@]}"; do
# The two ways ripgrep searches, each with its pattern file: the patterns as written, and with ASCII word boundaries.
target/release/examples/dump_patterns "$rules" >"$work/patterns-written.txt"
target/release/examples/dump_patterns --ascii-word-boundaries "$rules" >"$work/patterns-ascii.txt"
for mb in "${sizes[@]}"; do
  corpus=$(corpus_dir "$profile" "$mb")
  if [[ ! -f "$corpus/planted.json" ]]; then
    target/release/examples/gen_corpus --profile "$profile" --mb "$mb" --seed 42 --out "$corpus" >&2
  fi
  bytes=$(find "$corpus" -name '*.txt' -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
  # factlint first (seconds), then ripgrep with ASCII word boundaries (seconds), then ripgrep with the patterns as
  # written (minutes): the short runs are the ones most upset by a busy machine.
  declare -A f_s f_kb f_cpu r_s r_kb r_n
  mentions="?"
  for threads in "${thread_counts[@]}"; do
    read -r f_s[$threads] f_kb[$threads] f_cpu[$threads] < <(run_factlint "$corpus" "$rules" "$threads")
    if [[ "${f_s[$threads]}" != ">"* ]]; then
      check_planted "$work/report.json" "$corpus"
      mentions=$(count_mentions "$work/report.json" | awk '{ n += $2 } END { print n + 0 }')
    fi
  done
  if [[ "$rules" == "${rule_files[0]}" ]]; then
    for threads in "${thread_counts[@]}"; do
      first_s["$profile $mb $threads"]="${f_s[$threads]}"
    done
  fi
  scale_s["wall $profile $rules $mb"]="${f_s[${thread_counts[0]}]}"
  scale_s["CPU $profile $rules $mb"]="${f_cpu[${thread_counts[0]}]}"
  scale_bytes["$profile $mb"]="$bytes"
  for variant in ascii written; do
    for threads in "${thread_counts[@]}"; do
      key="$variant $threads"
      result=$(timed "$rg_timeout" sh -c "'$rg' -c -j $threads -g '*.txt' -f '$work/patterns-$variant.txt' '$corpus' >'$work/rg.txt'; test \$? -le 1")
      if [[ "$result" == "timeout" ]]; then
        r_s[$key]="> $rg_timeout"
        r_kb[$key]="?"
        r_n[$key]="?"
      else
        read -r seconds kb _ <<<"$result"
        r_s[$key]="$seconds"
        r_kb[$key]="$((kb / 1024)) MB"
        r_n[$key]=$(sum_counts "$work/rg.txt")
      fi
    done
  done
  for threads in "${thread_counts[@]}"; do
    rate=$(awk -v b="$bytes" -v s="${f_s[$threads]}" 'BEGIN { if (s ~ />/) print "?"; else printf "%.1f", b / 1e6 / s }')
    # shellcheck disable=SC2059
    printf "$row" "$(basename "$rules")" "$profile ${mb} MB" "$threads" "${f_s[$threads]}" "${f_cpu[$threads]}" "${r_s[written $threads]}" "${r_s[ascii $threads]}" \
      "$(ratio "${f_s[$threads]}" "${r_s[written $threads]}")" "$(ratio "${f_s[$threads]}" "${r_s[ascii $threads]}")" \
      "$rate" "${f_kb[$threads]} MB" "${r_kb[written $threads]}" "${r_kb[ascii $threads]}" \
      "$mentions" "${r_n[written $threads]}" "${r_n[ascii $threads]}"
    if [[ "${r_n[written $threads]}" != "?" && "${r_n[written $threads]}" != "${r_n[ascii $threads]}" ]]; then
      counts_differ="yes"
    fi
  done
done
done
# Every rule: the planted claims' mentions checked again, time and memory against the first rule file's run.
if [[ -n "$every_rule" ]]; then
  # shellcheck disable=SC2059
  printf "$every_row" "" "" "thr" "factlint s" "f CPU s" "first s" "ratio" "f RSS" "mentions"
  for mb in "${sizes[@]}"; do
    corpus=$(corpus_dir "$profile" "$mb")
    for threads in "${thread_counts[@]}"; do
      read -r e_s e_mb e_cpu < <(run_factlint "$corpus" "$every_rule" "$threads")
      all="?"
      if [[ "$e_s" != ">"* ]]; then
        check_planted "$work/report.json" "$corpus"
        all=$(count_mentions "$work/report.json" | awk '{ n += $2 } END { print n + 0 }')
      fi
      # shellcheck disable=SC2059
      printf "$every_row" "every rule: $every_rule" "$profile ${mb} MB" "$threads" "$e_s" "$e_cpu" \
        "${first_s[$profile $mb $threads]}" "$(ratio "$e_s" "${first_s[$profile $mb $threads]}")" "$e_mb MB" "$all"
    done
  done
fi
done
echo "mentions checked against planted.json: equal in every run; load average now:$(cut -d' ' -f1-3 /proc/loadavg)"
echo "rg lines: lines with at least one match (rg -c), so a line holding several mentions counts once."
if [[ -n "$counts_differ" ]]; then
  printf '%s\n' 'rg lines and rg-ascii lines differ: an ASCII \b sees a non-ASCII letter as a non-word character,' \
    'so the ASCII patterns also match a wording that starts or ends next to one ("chatou" in "Aïchatou").'
fi
if [[ -n "$every_rule" ]]; then
  echo "every rule: checked with $every_rule (names and quotations too; the planted claims' mentions checked again):"
  echo "  factlint s, its time (f CPU s, user and system); first s, the run of ${rule_files[0]} above;"
  echo "  ratio, the one over the other; f RSS, its peak memory; mentions, of every claim."
fi
if [[ ${#sizes[@]} -gt 1 ]]; then
  echo
  echo "Scaling, ${thread_counts[0]} thread(s): seconds per MB of text, and each step's change (within 15%?);"
  echo "the CPU seconds (user and system) are what to judge by on a busy machine:"
  for measure in wall CPU; do
  for profile in "${profiles[@]}"; do
    for rules in "${rule_files[@]}"; do
      line="$measure, $profile $(basename "$rules"):"
      previous=""
      for mb in "${sizes[@]}"; do
        seconds="${scale_s[$measure $profile $rules $mb]}"
        if [[ "$seconds" == ">"* || "$seconds" == "?" ]]; then
          line+=" ${mb} MB stopped;"
          previous=""
          continue
        fi
        per_mb=$(awk -v s="$seconds" -v b="${scale_bytes[$profile $mb]}" 'BEGIN { printf "%.4f", s / (b / 1e6) }')
        line+=" ${mb} MB ${per_mb} s/MB"
        if [[ -n "$previous" ]]; then
          line+=$(awk -v a="$previous" -v b="$per_mb" \
            'BEGIN { d = 100 * (b - a) / a; printf " (%+.0f%%, %s)", d, (d <= 15 && d >= -15) ? "within 15%" : "NOT within 15%" }')
        fi
        line+=";"
        previous="$per_mb"
      done
      echo "${line%;}"
    done
  done
  done
fi
