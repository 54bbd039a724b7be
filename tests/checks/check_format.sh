#!/bin/sh
# clang-format check (STYLE.md point 18) over every git-tracked .cpp/.hpp; falls back to
# find when the source dir is not a git checkout.
# Usage: check_format.sh <source dir> <clang-format program>
# Exit 77 (reported as skipped) when clang-format is not installed.
set -eu
src=$1
cf=${2:-}
if [ -z "$cf" ] || ! command -v "$cf" >/dev/null 2>&1; then
    echo "clang-format not found: format check skipped"
    exit 77
fi
cd "$src"
list=$(mktemp)
trap 'rm -f "$list"' EXIT
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files -z -- '*.cpp' '*.hpp' >"$list"
else
    find . -path ./build -prune -o \( -name '*.cpp' -o -name '*.hpp' \) -type f -print0 >"$list"
fi
if [ ! -s "$list" ]; then
    echo "no sources found in $src: nothing was checked"
    exit 1
fi
xargs -0 "$cf" --dry-run --Werror <"$list"
echo "$(tr -cd '\0' <"$list" | wc -c) files are clang-format clean"
