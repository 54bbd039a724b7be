#!/usr/bin/env bash
# Installs what is needed, builds Debug with tests into build/test and runs every test.
# Prints the time of each stage.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. packaging/stage.sh

stage install-deps packaging/install-deps.sh
configure() { cmake --preset test >/dev/null; }
stage configure configure
stage build cmake --build --preset test -j"$(nproc)"
stage test ctest --test-dir build/test --output-on-failure -j"$(nproc)" "$@"
stages_summary
