# Sourced by the deploy tests. `sanitizer_env` holds the sanitizer settings of
# packaging/sanitizers.sh and the test's Mesa preload (tests/CMakeLists.txt), as VAR=value
# words, so that a build-tree program started with `env -i` in a sanitized build still writes
# its reports where sanitized_ctest counts them; empty in any other build. The preload is
# then taken out of the script's own environment: it is meant for the kiosk only, not for
# cage, apt, mmdebstrap or the package build.
sanitizer_env=()
for kt_var in ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS ASAN_SYMBOLIZER_PATH LD_PRELOAD; do
    if [ -n "${!kt_var:-}" ]; then sanitizer_env+=("$kt_var=${!kt_var}"); fi
done
unset kt_var LD_PRELOAD
