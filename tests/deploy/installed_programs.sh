# Checks of the installed programs for install_test.sh (sourced there; uses its R, work, shots,
# home, data, build_kiosk, compare, in_root, step and fail).

# The web console as the unit starts it (empty --db keeps config.json), from the pages and
# CSS the package installed: the login page and the NL Design System's CSS over HTTPS.
console_check() {
    step "the receiver's console from the installed files"
    local port=$((20000 + RANDOM % 20000)) log=$work/serve.log page pid
    chroot --userspec=keukentafel-receiver:keukentafel-receiver "$R" env -i PATH=/usr/bin:/bin \
        keukentafel-receiver serve --data /var/lib/keukentafel-receiver \
        --listen "127.0.0.1:$port" --console "127.0.0.1:$((port + 1))" --db "" >"$log" 2>&1 &
    pid=$!
    for _ in $(seq 1 100); do
        grep -q '^console on' "$log" || ! kill -0 "$pid" 2>/dev/null && break
        sleep 0.2
    done
    page=$(curl -sk "https://127.0.0.1:$((port + 1))/inloggen" || true)
    curl -sk -o "$work/console.css" "https://127.0.0.1:$((port + 1))/static/utrecht-component-library.css" || true
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    grep -q '^console on' "$log" || { cat "$log"; fail "the console did not start"; }
    echo "$page" | grep -q 'href="/static/utrecht-component-library.css"' ||
        fail "the console's login page is not served"
    cmp -s "$work/console.css" "$R/usr/share/keukentafel/console/static/utrecht-component-library.css" ||
        fail "the console does not serve the installed NL Design System CSS"
    echo "console: login page and NL Design System CSS served from /usr/share/keukentafel/console"
}

# The installed kiosk, headless, as the kiosk user: `kiosk_run NAME SCRIPT_LINES... -- ARGS`
# writes $shots/installed-NAME.png.
kiosk_run() {
    local name=$1 dir=/tmp/kiosk-run
    shift
    mkdir -p "$R$dir" && chmod 0777 "$R$dir"
    : >"$R$dir/$name.txt"
    while [ "$1" != -- ]; do printf '%s\n' "$1" >>"$R$dir/$name.txt"; shift; done
    shift
    printf '%s\n' "screenshot $dir/$name.png" >>"$R$dir/$name.txt"
    in_root runuser -u keukentafel-kiosk -- env HOME="$home" XDG_DATA_HOME="$dir/data" \
        SDL_VIDEODRIVER=offscreen keukentafel --headless --size 1280x800 --dpi 96 "$@" \
        --script "$dir/$name.txt" || fail "the installed kiosk's script $name"
    cp "$R$dir/$name.png" "$shots/installed-$name.png"
}

# With no vault the first run's welcome page (the bundles, fonts and GL drivers the packages
# brought); with the build tree's kiosk, the demo vault's matrix screen must be the build
# tree's, the domain's pictogram included (at most 0.05 % of the pixels differ).
kiosk_check() {
    step "the installed kiosk, headless"
    mkdir -p "$shots" && rm -f "$shots"/*.png
    kiosk_run welcome 'expect-text "Welkom bij Keukentafel"' -- --vault /tmp/kiosk-run/vault.kt
    echo "kiosk: the first run's welcome page ($shots/installed-welcome.png)"
    [ -n "$build_kiosk" ] || return 0
    local matrix=('tap-text "Zoek op naam"' 'type "dijk"' 'tap-text "Klaar"'
        'tap-text "Dijk, IJsbrand van"' 'tap-text "Voortgangsmeting starten"'
        'tap-text "Gesprek beginnen"' 'expect-text "van 13 gescoord"')
    cp "$R$data/demo.kt" "$R$data/demo.kt.key" "$work/"
    kiosk_run matrix "${matrix[@]}" -- --vault "$data/demo.kt" --passphrase-file "$home/pw"
    printf '%s\n' "${matrix[@]}" "screenshot $shots/build-matrix.png" >"$work/matrix.txt"
    env -i PATH=/usr/bin:/bin HOME="$work" XDG_DATA_HOME="$work/data" SDL_VIDEODRIVER=offscreen \
        "${sanitizer_env[@]}" "$build_kiosk" --headless --size 1280x800 --dpi 96 --vault "$work/demo.kt" \
        --passphrase-file "$R$home/pw" --script "$work/matrix.txt" || fail "the build tree's kiosk"
    "$compare" "$shots/installed-matrix.png" "$shots/build-matrix.png" 0.05 ||
        fail "the installed kiosk's matrix differs from the build tree's ($shots)"
}

# logrotate accepts the package's file for the request log (its su user exists).
logrotate_check() {
    step "logrotate's file for the request log"
    in_root apt-get install -y -q logrotate >"$work/logrotate-install.log" 2>&1 || fail "apt-get install logrotate"
    in_root logrotate --debug /etc/logrotate.d/keukentafel-receiver >"$work/logrotate.log" 2>&1 ||
        { cat "$work/logrotate.log"; fail "logrotate refuses /etc/logrotate.d/keukentafel-receiver"; }
    grep -q "keukentafel-receiver/receiver.log" "$work/logrotate.log" ||
        { cat "$work/logrotate.log"; fail "logrotate does not see the request log"; }
    echo "logrotate: /etc/logrotate.d/keukentafel-receiver accepted"
}
