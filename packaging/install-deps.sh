#!/usr/bin/env bash
# Installs exactly the Debian 12 packages Keukentafel needs to build, run and
# test. Installs nothing when they are all present. Non-interactive.
set -euo pipefail

PACKAGES=(
  # build
  cmake g++ make pkg-config clang-format
  # kiosk: SDL2 + OpenGL3 + Dear ImGui 1.86 (ships libstb for PNG writing)
  libsdl2-dev libimgui-dev libstb-dev libgl1-mesa-dri libegl-mesa0
  # vault and crypto
  libsqlcipher-dev libsodium-dev
  # sealed records: Debian's JSON parser under the RFC 8785 canonical form (header only)
  nlohmann-json3-dev
  # language
  libicu-dev icu-devtools
  # fonts
  fonts-noto-core fonts-noto-ui-core
  # client mode: read aloud in the client's language
  libespeak-ng-dev
  # the client's copy: PDF drawn with cairo, text shaped and laid out (Arabic right to left)
  # by pango
  libcairo2-dev libpango1.0-dev
  # sync to the municipality: the receiver (HTTPS with cpp-httplib + OpenSSL, PostgreSQL via
  # libpq, enrollment QR codes) and the device's sender (libcurl with a pinned key)
  libcpp-httplib-dev libssl-dev openssl libpq-dev libqrencode-dev libcurl4-openssl-dev
  # tests start their own PostgreSQL 15 on loopback (initdb in a temp dir)
  postgresql-15
  # Debian packages (packaging/build-deb.sh): debhelper, man pages from --help, lintian; the
  # install test (mmdebstrap, hardening-check from devscripts) and the kiosk under cage (grim)
  debhelper dpkg-dev help2man lintian devscripts mmdebstrap debian-archive-keyring bsdextrautils
  cage xwayland grim x11-utils file
  # tests (poppler-utils: pdftotext, pdfinfo, pdffonts and pdftoppm read the client's copy)
  catch2 xvfb xauth poppler-utils
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
