# Sourced by packaging/test.sh (or by hand: `. packaging/sanitizers.sh; sanitized_ctest -R i18n`).
# `sanitized_ctest ARGS...` runs ctest ARGS in build/sanitize with the sanitize test preset's
# options plus one report file per reporting process in build/sanitize/sanitizer-reports; it
# fails if a test fails or if any process (tests and every program they start) wrote a report,
# and prints the first lines of the first reports.
#  ASan and UBSan: halt_on_error=1 (the first report ends the process with an error).
#  verify_asan_link_order=0: the GL tests preload Mesa's libraries ahead of ASan's runtime
#  (tests/CMakeLists.txt says why); ASan still starts first (.preinit_array of the program).
#  LeakSanitizer: tests/sanitizers/lsan.supp, third-party libraries only.
#  Symbols: llvm-symbolizer (Debian's `llvm`), so reports name functions and lines.
kt_root=${root:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
kt_reports=$kt_root/build/sanitize/sanitizer-reports

sanitized_ctest() {
  rm -rf "$kt_reports"
  mkdir -p "$kt_reports"
  chmod 0777 "$kt_reports" # the kiosk test run as `nobody` (T-18) writes its reports here too
  local status=0 symbolizer
  symbolizer=$(command -v llvm-symbolizer || true)
  ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:verify_asan_link_order=0:log_path=$kt_reports/asan" \
    UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:log_path=$kt_reports/ubsan" \
    LSAN_OPTIONS="suppressions=$kt_root/tests/sanitizers/lsan.supp:print_suppressions=0" \
    ASAN_SYMBOLIZER_PATH="$symbolizer" \
    ctest --test-dir "$kt_root/build/sanitize" --output-on-failure "$@" || status=$?
  local count
  count=$(find "$kt_reports" -type f | wc -l)
  echo "sanitizer reports: $count (in $kt_reports)"
  if [ "$count" -ne 0 ]; then
    local f
    for f in $(find "$kt_reports" -type f | head -5); do
      echo "--- $f"
      head -n 40 "$f"
    done
    status=1
  fi
  return "$status"
}
