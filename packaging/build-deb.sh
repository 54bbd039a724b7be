#!/usr/bin/env bash
# Builds the three Debian packages into dist/: keukentafel (kiosk, CLI), keukentafel-receiver
# and keukentafel-kiosk (the tablet's boot session). The programs are built once here with
# the `release` preset; debhelper (dpkg-buildpackage -b, packaging/debian) installs them,
# writes the man pages from --help and computes Depends with dpkg-shlibdeps; lintian then
# checks the packages and fails the build on any error.
# Usage: packaging/build-deb.sh        (needs packaging/install-deps.sh first)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

version=$(sed -n 's/^project(keukentafel VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
[ -n "$version" ] || { echo "build-deb: no project(VERSION) in CMakeLists.txt" >&2; exit 2; }
start=$(date +%s)

cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)"
packaging/write-sbom.sh build/release/bin "$version" >build/release/sbom.txt

stage=build/deb/src
rm -rf build/deb
mkdir -p "$stage"
cp -r packaging/debian "$stage/debian"
when=$(git log -1 --format=%cD 2>/dev/null || date -R)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
cat >"$stage/debian/changelog" <<CHANGELOG
keukentafel (${version}) bookworm; urgency=medium

  * Keukentafel ${version}, built from commit ${commit}.

 -- Keukentafel <packaging@keukentafel.example>  ${when}
CHANGELOG

(cd "$stage" && KT_SOURCE_DIR="$root" dpkg-buildpackage -b -us -uc >../dpkg-buildpackage.log 2>&1) ||
    { tail -40 build/deb/dpkg-buildpackage.log >&2; exit 2; }

mkdir -p dist
rm -f dist/keukentafel_*.deb dist/keukentafel-i18n_*.deb dist/keukentafel-receiver_*.deb \
    dist/keukentafel-kiosk_*.deb
cp build/deb/*.deb dist/
ls -l dist/*.deb

echo "build-deb: lintian"
lintian --fail-on error dist/*.deb
echo "build-deb: ${version} in $(($(date +%s) - start)) s"
