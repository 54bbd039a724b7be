#!/usr/bin/env bash
# Installs what is needed, builds Release into build/release, creates a demo vault with
# invented clients on first run and starts the kiosk in a window.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

packaging/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)"

data="${XDG_DATA_HOME:-$HOME/.local/share}/keukentafel"
vault="$data/demo.kt"
passphrase="koffie-aan-de-keukentafel"
mkdir -p "$data"
chmod 700 "$data"
if [ ! -e "$vault" ]; then
  pwfile=$(mktemp)
  trap 'rm -f "$pwfile"' EXIT
  printf '%s\n' "$passphrase" > "$pwfile"
  build/release/bin/keukentafel-cli demo --vault "$vault" --passphrase-file "$pwfile"
  rm -f "$pwfile"
fi
echo "Demokluis: $vault"
echo "Wachtwoord van de demokluis: $passphrase"
echo "Pincode (na een pauze): 123456"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display: run it headless, e.g. build/release/bin/keukentafel --headless --vault \"$vault\" --passphrase-file FILE --script FILE (README: Headless test mode), or under xvfb-run." >&2
  exit 3
fi
exec build/release/bin/keukentafel --vault "$vault" "$@"
