#!/usr/bin/env bash
# Installs exactly the Debian 12 packages Keukentafel needs to build, run and
# test. Installs nothing when they are all present. Non-interactive.
set -euo pipefail

PACKAGES=(
  # build (clang-tidy: the check test "check/clang-tidy finds no bug pattern")
  cmake g++ make pkg-config clang-format clang-tidy
  # kiosk: SDL2 + OpenGL3 + Dear ImGui 1.86 (ships libstb for PNG writing)
  libsdl2-dev libimgui-dev libstb-dev libgl1-mesa-dri libegl-mesa0
  # vault and crypto
  libsqlcipher-dev libsodium-dev
  # sealed records: Debian's JSON parser under the RFC 8785 canonical form (header only)
  nlohmann-json3-dev
  # language
  libicu-dev icu-devtools
  # the passphrase rule (zxcvbn strength estimate)
  libzxcvbn-dev
  # fonts
  fonts-noto-core fonts-noto-ui-core
  # client mode: read aloud in the client's language
  libespeak-ng-dev
  # the client's copy: PDF drawn with cairo, text shaped and laid out (Arabic right to left)
  # by pango
  libcairo2-dev libpango1.0-dev
  # sync to the municipality: the receiver (HTTPS with cpp-httplib + OpenSSL, PostgreSQL via
  # libpq, enrollment QR codes, the console's export ZIPs with libzip) and the device's
  # sender (libcurl with a pinned key)
  libcpp-httplib-dev libssl-dev openssl libpq-dev libqrencode-dev libzip-dev libcurl4-openssl-dev
  # the receiver's HTTPS server: Boost.Beast and Boost.Asio (header only); Debian's nginx in TCP
  # pass-through (stream module) in front of two receivers for the scale-out test
  libboost-dev nginx-light libnginx-mod-stream
  # tests start their own PostgreSQL 15 on loopback (initdb in a temp dir)
  postgresql-15
  # Debian packages (packaging/build-deb.sh): debhelper, man pages from --help, lintian; the
  # install test (mmdebstrap, curl to see the mirror answers, hardening-check from devscripts)
  # and the kiosk under cage (grim)
  debhelper dpkg-dev help2man lintian devscripts mmdebstrap debian-archive-keyring bsdextrautils curl
  cage xwayland grim x11-utils file
  # tests (poppler-utils: pdftotext, pdfinfo, pdffonts and pdftoppm read the client's copy)
  catch2 xvfb xauth poppler-utils
  # fuzz targets (tests/fuzz): Debian's clang with libFuzzer and the sanitizer runtimes;
  # llvm-symbolizer (package llvm) names functions and lines in sanitizer reports
  clang libclang-rt-14-dev llvm
  # the receiver's web console: server-side templates (mustache, header only), password
  # strength (zxcvbn); its browser tests drive Debian's Chromium from Node.js (npm ci below)
  libkainjow-mustache-dev libzxcvbn-dev chromium nodejs
  # domain pictograms (SVG rendered by librsvg into the kiosk's atlas and the PDF); the read
  # aloud test: espeak-ng's own WAV output measured by sox
  librsvg2-dev espeak-ng sox
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

# npm comes with Debian's nodejs through the npm package, or inside a NodeSource nodejs.
if ! command -v npm >/dev/null 2>&1; then missing+=(npm); fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
else
  echo "install-deps: installing ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The console's NL Design System CSS and the browser tests' playwright-core and axe-core, as
# pinned in package-lock.json (no browser download: the tests use Debian's Chromium).
root=$(cd "$(dirname "$0")/.." && pwd)
if ! (cd "$root" && npm ls --omit=optional >/dev/null 2>&1); then
  (cd "$root" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
else
  echo "install-deps: node_modules matches package-lock.json"
fi
