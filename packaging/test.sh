#!/usr/bin/env bash
# Installs what is needed, builds the tests and runs every one of them; this is CI (.ci/run).
# Prints the time of each stage and, at the end, all of them.
#  1. builds the `sanitize` preset (Debug with tests under ASan + UBSan) into build/sanitize and
#     runs every test but the benchmarks with halt_on_error=1; every sanitizer report of every
#     process (tests and the programs they start) is written to build/sanitize/sanitizer-reports
#     and counted: 0 pass. Third-party leaks are suppressed only in tests/sanitizers/lsan.supp.
#  2. builds the `fuzz` preset (Debian's clang, libFuzzer, ASan + UBSan) into build/fuzz and
#     runs each fuzz target for KT_FUZZ_SECONDS (default 60; nightly 600), two at a time.
#  3. runs the benchmarks (label bench) in the sanitized build: they must run and stay clean,
#     but their figures are not the README's (those come from a plain build, see there).
#  4. the deploy label in the sanitized build: packaging/build-deb.sh (Release build, the four
#     Debian packages, lintian), the install test in a clean Debian 12 root (mmdebstrap, as
#     root; skipped with its reason where no chroot can be made or deb.debian.org cannot be
#     reached) and the sanitized kiosk under cage.
# Arguments go to the sanitized ctest run of step 1 (e.g. -R i18n). KT_SKIP_FUZZ=1 skips
# step 2, KT_SKIP_BENCH=1 step 3, KT_SKIP_DEPLOY=1 step 4. The plain Debug build for daily
# work is the `test` preset.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. packaging/stage.sh
. packaging/sanitizers.sh
jobs=$(nproc)

configure() { cmake --preset "$1" >/dev/null; }
benchmarks() {
  echo "test.sh: benchmarks in the sanitized build (ASan + UBSan, -O0): their figures are" \
    "NOT meaningful; the README's come from plain builds"
  sanitized_ctest -L bench
}

stage install-deps packaging/install-deps.sh
stage sanitize-configure configure sanitize
stage sanitize-build cmake --build --preset sanitize -j"$jobs"
stage sanitize-test sanitized_ctest -LE "bench|deploy" -j"$jobs" "$@"
if [ "${KT_SKIP_FUZZ:-0}" != 1 ]; then
  stage fuzz-configure configure fuzz
  stage fuzz-build cmake --build --preset fuzz -j"$jobs"
  stage fuzz-run ctest --preset fuzz -j"$jobs" --verbose
fi
if [ "${KT_SKIP_BENCH:-0}" != 1 ]; then
  stage bench-sanitized benchmarks
fi
if [ "${KT_SKIP_DEPLOY:-0}" != 1 ]; then
  stage deploy sanitized_ctest -L deploy
fi
stages_summary
