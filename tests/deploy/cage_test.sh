#!/usr/bin/env bash
# The kiosk under a real Wayland kiosk compositor: Debian's cage on wlroots' headless backend
# (pixman, no GPU), the kiosk inside it full screen with no vault yet, as an unprivileged user
# (cage refuses root). grim captures the screen through cage, and the capture must be the
# first run's welcome page as the headless kiosk draws it
# (build/test/tests/deploy/cage/cage-first-screen.png to look at). T-22: the only window's
# title is "Keukentafel".
# Without a GPU, SDL's Wayland driver draws black here, so the kiosk goes through cage's
# Xwayland (SDL_VIDEODRIVER=x11); on a tablet the unit uses Wayland (README, "Install on a
# tablet").
# Usage: cage_test.sh KIOSK_BINARY PNG_COMPARE OUT_DIR   (exit 77: skipped, reason printed)
set -euo pipefail
kiosk=$1 compare=$2 out=$3
. "$(dirname "$0")/sanitizer_env.sh"

for tool in cage grim xwininfo setpriv Xwayland; do
    command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed (packaging/install-deps.sh)"; exit 77; }
done
user=nobody
id "$user" >/dev/null 2>&1 || { echo "SKIP: no unprivileged user '$user' to run cage as"; exit 77; }
if [ "$(id -u)" -ne 0 ]; then user=$(id -un); fi

mkdir -p "$out"
rm -f "$out"/*.png
work=$(mktemp -d /tmp/kt-cage.XXXXXX)
cage_pid=
cleanup() {
    if [ -n "$cage_pid" ]; then
        cage=$(pgrep -n -u "$user" -x cage || true)
        [ -n "$cage" ] && kill "$cage" 2>/dev/null
        wait "$cage_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
chmod 0755 "$work"
# The unprivileged user may not be able to enter the checkout (CI runs in a directory only root
# can enter): it runs a copy of the kiosk and its data (bin/ and share/ side by side, as built).
mkdir -p "$work/app/bin"
cp "$kiosk" "$work/app/bin/keukentafel"
cp -r "$(dirname "$kiosk")/../share" "$work/app/share"
chmod -R a+rX "$work/app"
mkdir -p "$work/run" "$work/home"
chmod 0700 "$work/run" "$work/home"
as_user() {
    if [ "$(id -u)" -eq 0 ]; then
        chown -R "$user:" "$work/run" "$work/home"
        setpriv --reuid="$user" --regid="$(id -g "$user")" --clear-groups -- "$@"
    else
        "$@"
    fi
}
session_env=(env -i PATH=/usr/bin:/bin HOME="$work/home" XDG_RUNTIME_DIR="$work/run"
    XDG_DATA_HOME="$work/home/data" LANG=C.UTF-8)

as_user "${session_env[@]}" WLR_BACKENDS=headless WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 \
    SDL_VIDEODRIVER=x11 cage -- env "${sanitizer_env[@]}" "$work/app/bin/keukentafel" --fullscreen --dpi 96 >"$work/cage.log" 2>&1 &
cage_pid=$!

# The kiosk is up once it is a child of cage with a window; then give it time to draw.
kiosk_pid=
for _ in $(seq 1 100); do
    cage=$(pgrep -n -u "$user" -x cage || true)
    [ -n "$cage" ] && kiosk_pid=$(pgrep -n -x keukentafel -P "$cage" || true)
    [ -n "$kiosk_pid" ] && [ -S "$work/run/wayland-0" ] && break
    sleep 0.2
done
if [ -z "$kiosk_pid" ]; then
    grep -v "Basic output test failed" "$work/cage.log" | head -40
    echo "FAIL: the kiosk did not start inside cage"
    exit 1
fi
display=$(tr '\0' '\n' <"/proc/$kiosk_pid/environ" | sed -n 's/^DISPLAY=//p')

# grim until two captures a second apart are the same screen (drawing has settled).
shot="$out/cage-first-screen.png"
settled=
for i in $(seq 1 30); do
    sleep 1
    as_user env XDG_RUNTIME_DIR="$work/run" WAYLAND_DISPLAY=wayland-0 grim "$work/home/shot$i.png"
    if [ "$i" -gt 1 ] && "$compare" "$work/home/shot$i.png" "$work/home/shot$((i - 1)).png" >/dev/null; then
        settled=$i
        break
    fi
done
cp "$work/home/shot${settled:-$i}.png" "$shot"
size=$(file "$shot" | sed -n 's/.*PNG image data, \([0-9]*\) x \([0-9]*\).*/\1x\2/p')
echo "cage: grim captured $shot ($size) after ${settled:-$i} s"

# T-22: every window the kiosk shows through Xwayland is titled "Keukentafel" (besides the
# window of wlroots' own X11 window manager).
titles=$(as_user env DISPLAY="$display" xwininfo -root -tree | sed -n 's/^ *0x[0-9a-f]* "\([^"]*\)".*/\1/p' |
    grep -vx 'wlroots wm' | sort -u)
echo "window titles: ${titles:-none}"
if [ "$titles" != "Keukentafel" ]; then
    echo "FAIL: the kiosk's window title is not the constant \"Keukentafel\""
    exit 1
fi

# The capture shows the kiosk's screen: its light background with dark text, not the black
# of a client that could not draw.
if ! "$compare" --kiosk "$shot"; then
    echo "FAIL: the screen under cage does not show the kiosk"
    exit 1
fi
# A fresh tablet starts the first run: the capture is the welcome page the headless kiosk
# draws at the same size, density and vault place (not the unlock screen), pixel for pixel in
# the top 85 % of the screen. The bottom bar ("Beginnen") is left out of the comparison: on
# wlroots' headless backend with software rendering, Xwayland puts on the output only what the
# window held before cage gave it the output's size (measured with a test client that clears
# red for 20 frames, then green: the capture stays red), so the capture shows the kiosk's
# first frames, drawn at its initial 1280x800, whose bar lies below the 720 rows of the output.
# On a tablet the unit runs the kiosk on Wayland (README, "Install on a tablet").
headless="$out/headless-first-screen.png"
printf '%s\n' 'expect-text "Welkom bij Keukentafel"' "screenshot $headless" >"$work/welcome.txt"
env -i PATH=/usr/bin:/bin HOME="$work/home" XDG_DATA_HOME="$work/home/data" LANG=C.UTF-8 \
    "${sanitizer_env[@]}" SDL_VIDEODRIVER=offscreen "$kiosk" --headless --size "$size" --dpi 96 --script "$work/welcome.txt" ||
    { echo "FAIL: the headless kiosk does not start with the welcome page"; exit 1; }
if ! "$compare" "$shot" "$headless" 0.05 "$((${size#*x} * 85 / 100))"; then
    echo "FAIL: the screen under cage is not the first run's welcome page ($headless)"
    exit 1
fi
echo "PASS: the kiosk's first screen under cage, captured by grim, is the first run's welcome page"
