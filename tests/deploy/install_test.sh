#!/usr/bin/env bash
# The install test (CTest label deploy). Builds the packages (packaging/build-deb.sh), makes a
# clean Debian 12 root with mmdebstrap and in it: apt-get installs the four .deb files with
# every dependency from Debian; checks --version, the system users and directories,
# hardening-check (T-29), systemd-analyze verify of every unit and the receiver's exposure;
# creates the receiver's keys and a worker's vault with a sealed assessment; serves the web
# console from the installed pages and CSS; runs the installed kiosk headless (the first run's
# welcome page, and with KIOSK the matrix screen against the build tree's); checks the
# logrotate file; upgrades to the same sources under the next version; then remove and purge,
# which must leave both untouched.
# The base root and the downloaded packages are cached in $KT_DEPLOY_CACHE
# (default ~/.cache/keukentafel-deploy); a base older than 7 days is made anew.
# Usage: install_test.sh SOURCE_DIR OUT_DIR [KIOSK PNG_COMPARE]   (exit 77: skipped, with the
#        reason printed); OUT_DIR receives the installed kiosk's screenshots.
#        KT_DEPLOY_PREBUILT=1 takes dist/*.deb as they are instead of running build-deb.sh.
set -euo pipefail
. "$(dirname "$0")/sanitizer_env.sh"
src=$(cd "$1" && pwd)
shots=$2 build_kiosk=${3:-} compare=${4:-}
t0=$(date +%s)
step() { echo "[$(($(date +%s) - t0)) s] $*"; }
fail() { echo "FAIL: $*"; exit 1; }
skip() { echo "SKIP: $*"; exit 77; }

[ "$(id -u)" -eq 0 ] || skip "making a chroot needs root"
for tool in mmdebstrap hardening-check dpkg-deb chroot mount; do
    command -v "$tool" >/dev/null || skip "$tool is not installed (packaging/install-deps.sh)"
done
probe=$(mktemp -d)
if ! mount -t tmpfs none "$probe" 2>/dev/null; then rmdir "$probe"; skip "this machine cannot mount (no chroot possible)"; fi
umount "$probe" && rmdir "$probe"

cache=${KT_DEPLOY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/keukentafel-deploy}
mkdir -p "$cache/archives/partial"
work=$(mktemp -d /tmp/kt-deploy.XXXXXX)
R=$work/root
mounted=()
cleanup() {
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -R "${mounted[$i]}" 2>/dev/null || true; done
    if findmnt -rn -o TARGET | grep -q "^$work/"; then
        echo "left $work in place: something is still mounted there"
    else
        rm -rf --one-file-system "$work"
    fi
}
trap cleanup EXIT

# ---- the packages, version N and N+1 (the same files under the next version) ----
if [ "${KT_DEPLOY_PREBUILT:-0}" = 1 ]; then
    step "using the packages in dist/ as they are (KT_DEPLOY_PREBUILT=1)"
else
    step "building the packages (packaging/build-deb.sh)"
    "$src/packaging/build-deb.sh" >"$work/build-deb.log" 2>&1 || { tail -60 "$work/build-deb.log"; fail "build-deb.sh"; }
    grep -E '^(W|E|I): |lintian|build-deb:' "$work/build-deb.log" || true
fi
version=$(sed -n 's/^project(keukentafel VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")
next="${version}+1"
mkdir -p "$work/debs-n" "$work/debs-next"
for p in keukentafel keukentafel-i18n keukentafel-receiver keukentafel-kiosk; do
    deb=$(ls "$src/dist/${p}_${version}_"*.deb)
    cp "$deb" "$work/debs-n/"
    dpkg-deb -R "$deb" "$work/unpacked"
    sed -i "s/^Version: .*/Version: ${next}/; s/(>= ${version})/(>= ${next})/; s/(= ${version})/(= ${next})/g" "$work/unpacked/DEBIAN/control"
    dpkg-deb -b --root-owner-group "$work/unpacked" "$work/debs-next/" >/dev/null
    rm -rf "$work/unpacked"
done
step "packages: $(cd "$work/debs-n" && ls) and the same as ${next}"

# ---- a clean Debian 12 root ----
base=$cache/bookworm-base.tar
if [ ! -s "$base" ] || [ -n "$(find "$base" -mtime +7)" ]; then
    curl -sf -o /dev/null --max-time 20 http://deb.debian.org/debian/dists/bookworm/Release ||
        skip "deb.debian.org cannot be reached: no clean Debian 12 root can be made here"
    step "making the base root with mmdebstrap (cached in $cache)"
    mmdebstrap --quiet --variant=apt --mode=root --format=tar bookworm "$base.tmp" \
        "deb http://deb.debian.org/debian bookworm main" \
        "deb http://deb.debian.org/debian bookworm-updates main" \
        "deb http://deb.debian.org/debian-security bookworm-security main"
    mv "$base.tmp" "$base"
fi
mkdir -p "$R"
tar -C "$R" -xf "$base"
mount -t proc proc "$R/proc" && mounted+=("$R/proc")
mount --bind "$cache/archives" "$R/var/cache/apt/archives" && mounted+=("$R/var/cache/apt/archives")
cp /etc/resolv.conf "$R/etc/resolv.conf"
# Keep the downloaded .deb files for the next run (apt deletes them after install by default).
rm -f "$R/etc/apt/apt.conf.d/docker-clean"
echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' >"$R/etc/apt/apt.conf.d/10keep-debs"
in_root() { chroot "$R" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }
# shellcheck source=tests/deploy/installed_programs.sh
. "$(dirname "$0")/installed_programs.sh"
step "clean Debian $(cat "$R/etc/debian_version") root in $R"

# ---- install N with every dependency from Debian ----
cp -r "$work/debs-n" "$work/debs-next" "$R/tmp/"
in_root apt-get update -qq
debs() { (cd "$R" && ls "tmp/$1"/keukentafel_*.deb "tmp/$1"/keukentafel-i18n_*.deb \
    "tmp/$1"/keukentafel-receiver_*.deb "tmp/$1"/keukentafel-kiosk_*.deb | sed 's|^|/|'); }
# shellcheck disable=SC2046
in_root apt-get install -y -q $(debs debs-n) >"$work/install.log" 2>&1 || { tail -40 "$work/install.log"; fail "apt-get install"; }
step "installed: $(grep -c '^Setting up' "$work/install.log") packages set up"

for p in keukentafel keukentafel-cli keukentafel-receiver; do
    got=$(in_root "$p" --version)
    echo "$got"
    [ "$got" = "$p $version" ] || fail "$p --version printed '$got', not '$p $version'"
done
in_root getent passwd keukentafel-receiver >/dev/null || fail "no system user keukentafel-receiver"
in_root getent passwd keukentafel-kiosk >/dev/null || fail "no system user keukentafel-kiosk"
perm=$(in_root stat -c '%a %U' /var/lib/keukentafel-receiver)
[ "$perm" = "700 keukentafel-receiver" ] || fail "/var/lib/keukentafel-receiver is '$perm'"
[ -d "$R/etc/keukentafel-receiver" ] || fail "no /etc/keukentafel-receiver"
for f in usr/share/man/man1/keukentafel.1.gz usr/share/man/man1/keukentafel-cli.1.gz \
    usr/share/man/man1/keukentafel-receiver.1.gz usr/share/doc/keukentafel/sbom.txt \
    usr/share/applications/nl.keukentafel.Keukentafel.desktop \
    usr/share/icons/hicolor/scalable/apps/nl.keukentafel.Keukentafel.svg \
    usr/share/metainfo/nl.keukentafel.Keukentafel.metainfo.xml; do
    [ -s "$R/$f" ] || fail "missing /$f"
done
echo "SBOM (/usr/share/doc/keukentafel/sbom.txt):"
sed 's/^/  /' "$R/usr/share/doc/keukentafel/sbom.txt"
for p in libsqlcipher-dev libsqlcipher0 libsodium23 libssl3 @utrecht/component-library-css; do
    grep -q "^$p " "$R/usr/share/doc/keukentafel/sbom.txt" || fail "the SBOM does not name $p"
done
owner() { in_root dpkg -S "$1" | sed 's/: .*//'; }
share=/usr/share/keukentafel
[ "$(owner $share/i18n/nl.res)" = keukentafel-i18n ] || fail "$share/i18n is not keukentafel-i18n's"
# The console reads the same bundles: the receiver must not need the kiosk's package for them.
for p in keukentafel keukentafel-receiver; do
    in_root dpkg-query -W -f='${Depends}' "$p" | grep -q 'keukentafel-i18n (=' ||
        fail "$p does not depend on keukentafel-i18n"
done
[ "$(owner $share/pictograms/sociaal_netwerk.svg)" = keukentafel ] || fail "no pictograms in keukentafel"
[ "$(ls "$R$share/pictograms" | wc -l)" = 13 ] || fail "not 13 pictograms in $share/pictograms"
for f in templates/layout.mustache static/console.css static/theme.css \
    static/utrecht-component-library.css static/utrecht-design-tokens.css; do
    [ "$(owner "$share/console/$f")" = keukentafel-receiver ] || fail "$share/console/$f is not keukentafel-receiver's"
done
in_root dpkg -s espeak-ng-data >/dev/null 2>&1 || fail "espeak-ng-data (the voices) is not installed"

# ---- T-29: hardening of the installed programs ----
step "hardening-check (T-29)"
# Debian 12's glibc start files carry no CET marks, so no program linked here can be marked
# for control-flow protection, whatever it was compiled with (README, "Hardening").
hardening-check --nocfprotection "$R/usr/bin/keukentafel" "$R/usr/bin/keukentafel-cli" "$R/usr/bin/keukentafel-receiver" ||
    fail "hardening-check"

# ---- the units ----
step "systemd-analyze verify"
for u in keukentafel-receiver.service keukentafel-kiosk.service getty@tty1.service; do
    out=$(in_root systemd-analyze verify --man=no "$u" 2>&1) || { echo "$out"; fail "systemd-analyze verify $u"; }
    echo "$out" | grep -i keukentafel && fail "systemd-analyze verify $u warns about our files"
    echo "verify $u: ok"
done
in_root systemctl is-enabled keukentafel-kiosk.service | grep -qx enabled || fail "the kiosk unit is not enabled"
security=$(in_root systemd-analyze security --offline=yes keukentafel-receiver.service 2>&1 | tee "$work/security.txt" |
    sed -n 's/.*Overall exposure level for keukentafel-receiver.service: \([0-9.]*\).*/\1/p')
[ -n "$security" ] || { cat "$work/security.txt"; fail "no exposure figure from systemd-analyze security"; }
echo "systemd-analyze security keukentafel-receiver.service: exposure ${security}"
awk -v s="$security" 'BEGIN { exit !(s <= 2.0) }' || { cat "$work/security.txt"; fail "exposure ${security} > 2.0"; }

# ---- the receiver's keys and a worker's vault with a sealed assessment ----
step "keukentafel-receiver init, the worker's vaults"
in_root runuser -u keukentafel-receiver -- keukentafel-receiver init \
    --data /var/lib/keukentafel-receiver --hostname receiver.example >/dev/null
home=/var/lib/keukentafel-kiosk
data=$home/.local/share/keukentafel
in_root runuser -u keukentafel-kiosk -- sh -c "umask 077; mkdir -p $data && printf '%s\n' \
    'Koffie aan de keukentafel 2026' >$home/pw"
in_root runuser -u keukentafel-kiosk -- keukentafel-cli init --vault "$data/vault.kt" \
    --passphrase-file "$home/pw" --worker-name "Sanne de Vries" --team Oost
in_root runuser -u keukentafel-kiosk -- keukentafel-cli demo --vault "$data/demo.kt" --passphrase-file "$home/pw"
vault_check() {
    in_root runuser -u keukentafel-kiosk -- keukentafel-cli verify --vault "$data/demo.kt" --passphrase-file "$home/pw" ||
        fail "the demo vault's sealed assessments do not verify ($1)"
    in_root runuser -u keukentafel-kiosk -- keukentafel-cli check --vault "$data/demo.kt" --passphrase-file "$home/pw" >/dev/null ||
        fail "the demo vault does not pass check ($1)"
}
vault_check "version ${version}"
console_check
kiosk_check
logrotate_check
kept_files() { (cd "$R" && find var/lib/keukentafel-receiver var/lib/keukentafel-kiosk -type f | sort | xargs sha256sum); }
kept_files >"$work/kept.before"
echo "kept: $(wc -l <"$work/kept.before") files under /var/lib/keukentafel-receiver and /var/lib/keukentafel-kiosk"

# ---- upgrade N -> N+1 ----
step "upgrade to ${next}"
# shellcheck disable=SC2046
in_root apt-get install -y -q $(debs debs-next) >"$work/upgrade.log" 2>&1 || { tail -40 "$work/upgrade.log"; fail "upgrade"; }
for p in keukentafel keukentafel-receiver keukentafel-kiosk; do
    [ "$(in_root dpkg-query -W -f='${Version}' "$p")" = "$next" ] || fail "$p was not upgraded"
done
vault_check "after the upgrade"
in_root runuser -u keukentafel-receiver -- keukentafel-receiver enroll --data /var/lib/keukentafel-receiver \
    --device tablet-upgrade --team Oost >/dev/null || fail "the receiver's store does not open after the upgrade"
# Opening a vault appends audit rows, so across the upgrade only the keys must be identical.
keys_of() { grep -E '/keys/|\.kt\.key$' "$1"; }
kept_files >"$work/kept.after"
diff <(keys_of "$work/kept.before") <(keys_of "$work/kept.after") || fail "the upgrade changed keys"

# ---- remove and purge keep every worker's vault and the receiver's data ----
kept_files >"$work/kept.before"
step "apt-get remove"
in_root apt-get remove -y -qq keukentafel-kiosk keukentafel-receiver keukentafel keukentafel-i18n >/dev/null 2>&1 || fail "apt-get remove"
kept_files | diff "$work/kept.before" - || fail "apt-get remove changed or deleted data"
step "apt-get purge"
in_root apt-get purge -y -qq keukentafel-kiosk keukentafel-receiver keukentafel keukentafel-i18n >/dev/null 2>&1 || fail "apt-get purge"
kept_files | diff "$work/kept.before" - || fail "apt-get purge changed or deleted data"
[ ! -e "$R/etc/keukentafel-receiver/receiver.conf" ] || fail "purge left the receiver's conffile"
step "reinstall ${next} after the purge"
in_root apt-get install -y -q "/$(cd "$R" && ls tmp/debs-next/keukentafel_*.deb)" \
    "/$(cd "$R" && ls tmp/debs-next/keukentafel-i18n_*.deb)" >/dev/null 2>&1 || fail "reinstall"
vault_check "after purge and reinstall"

step "PASS (lintian and hardening above; exposure ${security})"
