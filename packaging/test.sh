#!/usr/bin/env bash
# Installs what is needed, builds Debug with tests into build/test and runs every test except
# the deploy label (Debian packages in a chroot, the kiosk under cage: packaging/deploy-test.sh);
# KT_DEPLOY=1 adds that as a last stage. Prints the time of each stage.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. packaging/stage.sh

stage install-deps packaging/install-deps.sh
configure() { cmake --preset test >/dev/null; }
stage configure configure
stage build cmake --build --preset test -j"$(nproc)"
stage test ctest --test-dir build/test --output-on-failure -j"$(nproc)" -LE deploy "$@"
if [ "${KT_DEPLOY:-0}" = 1 ]; then
  stage deploy ctest --test-dir build/test -L deploy --output-on-failure
fi
stages_summary
