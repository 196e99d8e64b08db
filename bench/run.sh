#!/usr/bin/env bash
# Benchmarks `factlint check --format json` against ripgrep searching the same corpus for the same patterns, on
# generated corpora of 100 MB and 1 GB (10 MB with --quick), with 1 and 2 threads. Prints, per run: wall time of
# both, their ratio, factlint's throughput and both peak memories. Before timing, it checks that factlint found
# exactly the mentions the generator planted, so that speed never comes from skipping work. The rules are those
# the generator plants mentions of: rules/niger-withdrawal.yaml.
#
#   bench/run.sh            # 100 MB and 1 GB
#   bench/run.sh --quick    # 10 MB only, as a sanity run
#
# Needs ripgrep and GNU time:   apt-get install -y ripgrep time
# Environment: RG_TIMEOUT (seconds, default 1800) caps each ripgrep run; a capped run is reported as "> N".
#              SIZES (MB, space-separated, e.g. "1000") replaces the default sizes.
set -euo pipefail
cd "$(dirname "$0")/.."

read -r -a sizes <<<"${SIZES:-100 1000}"
if [[ "${1:-}" == "--quick" ]]; then
  sizes=(10)
fi
rg_timeout="${RG_TIMEOUT:-1800}"

for tool in rg /usr/bin/time cargo awk; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "bench: $tool is missing; install it with: apt-get install -y ripgrep time" >&2
    exit 2
  fi
done

cargo build --release --quiet --bin factlint --example gen_corpus --example dump_patterns
factlint=target/release/factlint
work=target/bench-run
mkdir -p "$work"
rules=rules/niger-withdrawal.yaml
target/release/examples/dump_patterns "$rules" >"$work/patterns.txt"

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

echo "$(date -u '+%F %T') UTC; load average:$(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $(rg --version | head -1)"
printf "%-8s %-7s %12s %10s %8s %10s %12s %10s\n" "corpus" "threads" "factlint s" "rg s" "ratio" "MB/s" "factlint RSS" "rg RSS"
for mb in "${sizes[@]}"; do
  corpus="target/bench-corpora/${mb}mb"
  if [[ ! -f "$corpus/planted.json" ]]; then
    target/release/examples/gen_corpus --mb "$mb" --seed 42 --out "$corpus" >&2
  fi
  bytes=$(cat "$corpus"/*.txt | wc -c)
  # factlint first (seconds), then ripgrep (minutes): the short runs are the ones most upset by a busy machine.
  declare -A f_s f_kb
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
  for threads in 1 2; do
    rg_result=$(timed "$rg_timeout" sh -c "rg -c -j $threads -g '*.txt' -f '$work/patterns.txt' '$corpus' >'$work/rg.txt'; test \$? -le 1")
    if [[ "$rg_result" == "timeout" ]]; then
      r_s="> $rg_timeout"; r_kb="?"; ratio="< $(awk -v f="${f_s[$threads]}" -v r="$rg_timeout" 'BEGIN { printf "%.3f", f / r }')"
    else
      read -r r_s r_kb <<<"$rg_result"
      ratio=$(awk -v f="${f_s[$threads]}" -v r="$r_s" 'BEGIN { printf "%.3f", f / r }')
      r_kb="$((r_kb / 1024)) MB"
    fi
    rate=$(awk -v b="$bytes" -v s="${f_s[$threads]}" 'BEGIN { printf "%.1f", b / 1e6 / s }')
    printf "%-8s %-7s %12s %10s %8s %10s %12s %10s\n" "${mb} MB" "$threads" "${f_s[$threads]}" "$r_s" "$ratio" "$rate" "$((f_kb[$threads] / 1024)) MB" "$r_kb"
  done
done
echo "mentions checked against planted.json: equal in every run; load average now:$(cut -d' ' -f1-3 /proc/loadavg)"
