#!/usr/bin/env bash
# The suite under sanitizers and the fuzz targets (docs/security.md T-28, T-11, T-27, T-40):
#  1. builds the `sanitize` preset (ASan + UBSan) into build/sanitize and runs every test but the
#     benchmarks with halt_on_error=1; every sanitizer report of every process (tests and the
#     programs they start) is written to build/sanitize/sanitizer-reports and counted: 0 pass.
#     Third-party leaks are suppressed only in tests/sanitizers/lsan.supp.
#  2. builds the `fuzz` preset (Debian's clang, libFuzzer, ASan + UBSan) into build/fuzz and
#     runs each fuzz target for KT_FUZZ_SECONDS (default 60; nightly 600).
# Arguments go to the sanitized ctest run (e.g. -R i18n). KT_SKIP_FUZZ=1 skips step 2.
# Prints the time of each stage.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. packaging/stage.sh
jobs=$(nproc)
reports=$root/build/sanitize/sanitizer-reports

configure() { cmake --preset "$1" >/dev/null; }
sanitized_suite() {
  rm -rf "$reports"
  mkdir -p "$reports"
  local status=0
  # The options of the sanitize test preset, plus a log file per reporting process.
  ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:log_path=$reports/asan" \
    UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:log_path=$reports/ubsan" \
    LSAN_OPTIONS="suppressions=$root/tests/sanitizers/lsan.supp" \
    ctest --test-dir build/sanitize --output-on-failure -LE bench -j"$jobs" "$@" || status=$?
  local count
  count=$(find "$reports" -type f | wc -l)
  echo "sanitizer reports: $count (in $reports)"
  if [ "$count" -ne 0 ]; then
    for f in $(find "$reports" -type f | head -5); do
      echo "--- $f"
      head -n 40 "$f"
    done
    status=1
  fi
  return "$status"
}

stage install-deps packaging/install-deps.sh
stage sanitize-configure configure sanitize
stage sanitize-build cmake --build --preset sanitize -j"$jobs"
stage sanitize-test sanitized_suite "$@"
if [ "${KT_SKIP_FUZZ:-0}" != 1 ]; then
  stage fuzz-configure configure fuzz
  stage fuzz-build cmake --build --preset fuzz -j"$jobs"
  stage fuzz-run ctest --preset fuzz -j"$jobs" --verbose
fi
stages_summary
