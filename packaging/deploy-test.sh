#!/usr/bin/env bash
# The deploy stage (CTest label deploy): packaging/build-deb.sh builds the Release programs and
# the four Debian packages (lintian), the install test puts them into a clean Debian 12 root
# (mmdebstrap) and installs, checks, upgrades and purges them, and the kiosk runs under cage.
# Needs root (a chroot) and the test build; without root its tests say why and are skipped.
# CI runs the same tests as the last stage of packaging/test.sh, in the sanitized build; this
# script runs them in the plain `test` build.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. packaging/stage.sh

if [ ! -f build/test/CTestTestfile.cmake ]; then
  configure() { cmake --preset test >/dev/null; }
  stage configure configure
  stage build cmake --build --preset test -j"$(nproc)"
fi
stage deploy ctest --test-dir build/test -L deploy --output-on-failure "$@"
stages_summary
