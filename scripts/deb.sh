#!/bin/sh
# deb.sh [--src DIR] [--out DIR] [--version VERSION] [--debian DIR]
# Builds kefu's Debian package (`make deb`, tests/pkg/deb.sh) and prints
# the .deb's path as its last line.
#
# The source tree (DIR, default this checkout: its tracked and untracked
# but not ignored files, so no build directory or database goes along) is
# copied to OUT/kefu-VERSION and built there with `dpkg-buildpackage -b
# -us -uc`, so the tree itself stays clean; the .deb lands in OUT (default
# build-pkg/). --debian takes the debian/ directory from elsewhere (the
# package test builds an older tree with this one); --version adds a
# changelog entry of that version (lower, for the upgrade test). The build's
# output goes to OUT/kefu_VERSION.build.log, shown in part on a failure.
# DEB_BUILD_OPTIONS is passed on (the test sets nocheck parallel=2).
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
src=$top out=$top/build-pkg debian= version=
while [ $# -gt 0 ]; do
	case $1 in
	--src)		src=$2; shift 2 ;;
	--out)		out=$2; shift 2 ;;
	--debian)	debian=$2; shift 2 ;;
	--version)	version=$2; shift 2 ;;
	*)	echo "usage: deb.sh [--src DIR] [--out DIR] [--version V] [--debian DIR]" >&2
		exit 1 ;;
	esac
done
src=$(cd "$src" && pwd)
[ -n "$debian" ] || debian=$src/debian
debian=$(cd "$debian" && pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)
[ -n "$version" ] || version=$(dpkg-parsechangelog -l "$debian/changelog" -SVersion)

dir=$out/kefu-$version
log=$out/kefu_$version.build.log
rm -rf "$dir"
mkdir -p "$dir"
# (safe.directory: root may build a checkout another user owns.)
sgit() { git -c safe.directory="$src" -C "$src" "$@"; }
if sgit rev-parse --is-inside-work-tree >/dev/null 2>&1 &&
    [ "$(sgit rev-parse --show-toplevel)" = "$src" ]; then
	# A tracked file deleted in the work tree is skipped, not an error.
	sgit ls-files -z -co --exclude-standard |
	    tar -C "$src" --null --ignore-failed-read -T - -cf - 2>/dev/null |
	    tar -C "$dir" -xf -
else
	tar -C "$src" --exclude=./.git --exclude=./build --exclude='./build-*' \
	    --exclude=./var --exclude=./debian -cf - . | tar -C "$dir" -xf -
fi
rm -rf "$dir/debian"
cp -R "$debian" "$dir/debian"

if [ "$version" != "$(dpkg-parsechangelog -l "$dir/debian/changelog" -SVersion)" ]; then
	{
		printf 'kefu (%s) unstable; urgency=medium\n\n' "$version"
		printf '  * Built by scripts/deb.sh --version %s.\n\n' "$version"
		printf ' -- %s  %s\n\n' \
		    "$(dpkg-parsechangelog -l "$debian/changelog" -SMaintainer)" \
		    "$(date -R)"
		cat "$debian/changelog"
	} >"$dir/debian/changelog"
fi

echo "kefu: building the Debian package $version in $dir (log: $log)" >&2
if ! (cd "$dir" && dpkg-buildpackage -b -us -uc) >"$log" 2>&1; then
	tail -n 40 "$log" >&2
	echo "kefu: dpkg-buildpackage failed; the whole log: $log" >&2
	exit 1
fi
# The rules' loud warnings (no man pages...) are worth seeing here too.
grep '^debian/rules: WARNING' "$log" >&2 || true
deb=$out/kefu_${version}_$(dpkg-architecture -qDEB_HOST_ARCH).deb
[ -f "$deb" ] || { echo "kefu: no $deb after the build" >&2; exit 1; }
echo "$deb"
