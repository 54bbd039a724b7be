#!/usr/bin/env bash
# Installs what is needed, builds Debug with tests into build/test and runs every test.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

packaging/install-deps.sh
cmake --preset test >/dev/null
cmake --build --preset test -j"$(nproc)"
cd build/test
set +e
ctest --output-on-failure -j"$(nproc)" "$@"
status=$?
exit $status
