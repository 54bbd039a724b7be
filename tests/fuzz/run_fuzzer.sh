#!/usr/bin/env bash
# Runs one libFuzzer target for KT_FUZZ_SECONDS (default 60; nightly 600, weekly 3600) on a
# working corpus in the build tree, seeded from the repository's seeds (never written to).
# Prints one summary line: findings, executions, corpus size and coverage. Exit 1 on a finding
# (crash, sanitizer report, leak, timeout or out-of-memory); the input is kept as an artifact.
#   run_fuzzer.sh FUZZER SEED_DIR RUN_DIR
set -uo pipefail
fuzzer=$1 seeds=$2 run=$3
seconds=${KT_FUZZ_SECONDS:-60}
name=$(basename "$fuzzer")
rm -rf "$run/artifacts" "$run/tmp"
mkdir -p "$run/corpus" "$run/artifacts" "$run/tmp"
log=$run/fuzz.log
export TMPDIR=$run/tmp
export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
"$fuzzer" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2560 -max_len=65536 \
  -print_final_stats=1 -artifact_prefix="$run/artifacts/" "$run/corpus" "$seeds" >"$log" 2>&1
status=$?
edges=$(sed -n 's/.*INFO: Loaded 1 modules *(\([0-9]*\) inline 8-bit counters).*/\1/p' "$log" | head -1)
done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1)
cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$done_line")
ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$done_line")
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
files=$(find "$run/corpus" "$seeds" -type f | wc -l)
bytes=$(cat "$run/corpus"/* "$seeds"/* 2>/dev/null | wc -c)
findings=$(find "$run/artifacts" -type f | wc -l)
if [ "$status" -ne 0 ] || [ -z "$done_line" ]; then
  tail -n 60 "$log"
  echo "fuzz $name: FINDING after ${execs:-?} executions (exit $status); input kept in $run/artifacts"
  exit 1
fi
pct=$(awk -v c="$cov" -v e="$edges" 'BEGIN { if (e > 0) printf "%.1f", 100 * c / e; else print "?" }')
echo "fuzz $name: $findings findings, $execs executions in ${seconds} s," \
  "corpus $files inputs ($bytes bytes), coverage $cov of ${edges:-?} edges ($pct %), $ft features"
