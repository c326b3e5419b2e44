#!/bin/sh
# deps.sh [test] — installs the Debian packages kefu needs to build and run
# (with "test": and to test), and only those that are missing. Runs apt-get update first (a fresh machine finds
# nothing without it). Uses sudo when not root. Prints nothing when all is
# present, so `make` stays quiet on a machine that is ready.
set -eu

pkgs="build-essential cmake pkg-config git libsqlite3-dev sqlite3 libsodium-dev
libncurses-dev ncurses-term libcmocka-dev tmux gettext locales tzdata"
# The deployment test logs a technician in through a private sshd on
# 127.0.0.1 (tests/stress/deploy.sh); kefu itself never needs it.
# dpkg-buildflags (dpkg-dev): `make test` compiles with Debian's flags.
# groff (groff-base): the man tests format the pages with warnings on.
# `make deb` and the package test (tests/pkg/deb.sh) build the package with
# dpkg-buildpackage (debhelper, fakeroot, po-debconf for the debconf
# question's translation) and check it with lintian.
[ "${1:-}" = test ] && pkgs="$pkgs openssh-server openssh-client dpkg-dev
groff-base debhelper fakeroot lintian po-debconf"

missing=""
for p in $pkgs; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

echo "kefu: installing missing Debian packages:$missing" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
	command -v sudo >/dev/null 2>&1 || {
		echo "kefu: need root or sudo to install:$missing" >&2
		exit 1
	}
	sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
