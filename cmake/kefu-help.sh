#!/bin/sh
# kefu-help.sh KEFU AWK-SCRIPT TEMPLATE VERSION DATE SYSTEM-DB MAN-OUT BASH-OUT
#
# Writes kefu(1) and kefu's bash completion from the help text of the
# kefu just built: `kefu --help` and `kefu COMMAND --help` for every
# COMMAND that `kefu --help` lists. The help text in src/cli is the one
# source, so neither the manual page nor the completion can drift from it
# (docs/man/README.md says why this direction). The hand-written parts of
# the page are in TEMPLATE (docs/man/kefu.1.in); kefu-help.awk turns the
# help into roff and into the completion's word lists.
#
# Help is answered before kefu opens any database and writes only to
# standard output, so this needs no database, no terminal and no
# installed locale; the environment is reset so the text is the English
# one whatever the builder's LANG, LANGUAGE or KEFU_DB. Anything odd (a
# command's help failing, a warning on stderr, no command found, a
# placeholder left in the page) fails the build rather than shipping a
# page short of a command. Outputs are replaced only when complete.
set -eu

if [ $# -ne 8 ]; then
	echo "usage: $0 KEFU AWK TEMPLATE VERSION DATE SYSTEM-DB MAN-OUT BASH-OUT" >&2
	exit 2
fi
kefu=$1 awkf=$2 template=$3 version=$4 date=$5 sysdb=$6 man=$7 comp=$8

LC_ALL=C LANG=C
export LC_ALL LANG
unset LANGUAGE LC_MESSAGES LC_CTYPE KEFU_DB KEFU_NOW || :

# Work beside the outputs, so each is renamed into place whole.
mkdir -p "$(dirname "$man")" "$(dirname "$comp")"
tmp=$(mktemp -d "$(dirname "$man")/.kefu-help.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

fail() {
	echo "kefu-help.sh: $*" >&2
	exit 1
}

# help FILE ARGS...: kefu ARGS into FILE; exit 0 and a silent stderr.
help() {
	out=$1
	shift
	"$kefu" "$@" </dev/null >"$out" 2>"$tmp/err" ||
	    fail "'kefu $*' failed: $(cat "$tmp/err")"
	[ ! -s "$tmp/err" ] || fail "'kefu $*' said on stderr: $(cat "$tmp/err")"
	grep -q '^usage: kefu' "$out" || fail "'kefu $*' printed no usage line"
}

help "$tmp/main" --help
cmds=$(awk '/^Commands:$/ { on = 1; next }
    on && /^$/ { exit }
    on { print $1 }' "$tmp/main")
[ -n "$cmds" ] || fail "'kefu --help' lists no command"

: >"$tmp/commands"
for c in $cmds; do
	help "$tmp/one" "$c" --help
	printf '@@command %s\n' "$c" >>"$tmp/commands"
	cat "$tmp/one" >>"$tmp/commands"
done

awk -v version="$version" -v date="$date" -v sysdb="$sysdb" \
    -v man="$tmp/man" -v comp="$tmp/comp" \
    -f "$awkf" "$tmp/main" "$tmp/commands" "$template"
left=$(grep -o '@[A-Z_]*@' "$tmp/man" | sort -u | tr '\n' ' ')
[ -z "$left" ] || fail "$template: no such placeholder: $left"
mv "$tmp/man" "$man"
mv "$tmp/comp" "$comp"
