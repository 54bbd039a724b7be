#!/usr/bin/env bash
# Prints the SBOM of a build (T-30): the exact Debian versions of every package it was
# compiled against (packaging/debian/control's Build-Depends) and of every package whose
# shared libraries the programs in BIN_DIR load (ldd, then dpkg -S); and the npm packages whose
# files the receiver's console ships (package.json's dependencies, as package-lock.json pins
# them).
# Usage: packaging/write-sbom.sh BIN_DIR VERSION > sbom.txt
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin_dir=$1
version=$2

versions() {  # package names on stdin -> "name version arch", sorted, once each
    sort -u | xargs -r dpkg-query -W -f='${binary:Package} ${Version} ${Architecture}\n' |
        sed 's/:[a-z0-9]* / /' | sort -u | column -t
}

build_depends() {
    sed -n '/^Build-Depends:/,/^[A-Z][A-Za-z-]*:/p' "$root/packaging/debian/control" |
        sed '$d' | sed 's/^Build-Depends://' | tr ',' '\n' | sed 's/([^)]*)//; s/\s//g' |
        grep -v '^$' | grep -v '^debhelper-compat'
}

linked_packages() {  # one dpkg -S for every library path (as ldd says it and resolved)
    local libs
    libs=$(for b in "$bin_dir"/keukentafel "$bin_dir"/keukentafel-cli "$bin_dir"/keukentafel-receiver; do
        ldd "$b" | awk '/=> \// { print $3 } /^\s*\/lib/ { print $1 }'
    done | sort -u)
    for lib in $libs; do
        real=$(readlink -f "$lib")
        printf '%s\n' "$lib" "$real" "${lib#/usr}" "/usr${lib}" "${real#/usr}" "/usr${real}"
    done | sort -u | { xargs dpkg -S 2>/dev/null || true; } | sed 's/: .*//' | tr ',' '\n' | sed 's/\s//g; s/:.*//'
}

npm_shipped() {  # "name version (license)" of the lock's direct, non-dev dependencies
    perl -MJSON::PP -0777 -ne '
        my $p = decode_json($_)->{packages};
        for my $name (sort keys %{ $p->{""}{dependencies} }) {
            my $e = $p->{"node_modules/$name"};
            print "$name $e->{version} (", ($e->{license} // "no license field"), ")\n";
        }' "$root/package-lock.json"
}

echo "# Keukentafel ${version}: Debian packages this build compiled and linked against"
echo "# built on Debian $(cat /etc/debian_version) $(dpkg --print-architecture)"
echo
echo "## compiled against (Build-Depends)"
build_depends | versions
echo
echo "## linked at run time (shared libraries of keukentafel, keukentafel-cli, keukentafel-receiver)"
linked_packages | versions
echo
echo "## shipped from npm (the console's CSS, package-lock.json)"
npm_shipped
