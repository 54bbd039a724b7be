#!/bin/sh
# clang-tidy with the repository's .clang-tidy over every source of core/, report/,
# receiver_store/ and app/ in the build's compile_commands.json; any warning fails (WarningsAsErrors).
# Usage: check_tidy.sh <source dir> <build dir> <clang-tidy program> <run-clang-tidy program>
# Exit 77 (reported as skipped) when clang-tidy is not installed.
set -eu
src=$1
build=$2
tidy=${3:-}
runner=${4:-}
if [ -z "$tidy" ] || [ -z "$runner" ] || ! command -v "$tidy" >/dev/null 2>&1; then
    echo "clang-tidy not found: check skipped"
    exit 77
fi
if [ ! -f "$build/compile_commands.json" ]; then
    echo "no $build/compile_commands.json: nothing was checked"
    exit 1
fi
jobs=$(nproc 2>/dev/null || echo 2)
# Generated headers (the theme) must exist before their users are parsed.
out=$(mktemp)
trap 'rm -f "$out"' EXIT
status=0
"$runner" -quiet -p "$build" -clang-tidy-binary "$tidy" -j "$jobs" \
    "^$src/(core|report|receiver_store|app)/.*\.cpp\$" >"$out" 2>&1 || status=$?
grep -E "(warning|error):" "$out" | sort -u || true
if [ "$status" -ne 0 ]; then
    echo "clang-tidy found bug patterns (above)"
    exit 1
fi
echo "clang-tidy: no findings"
