#!/usr/bin/env bash
# man_generator.sh KEFU BUILD-DIR SOURCE-DIR VERSION DATE SYSTEM-DB —
# cmake/kefu-help.sh at its edges: the builder's environment (a Chinese
# LANG or LANGUAGE, a KEFU_DB naming nothing, no terminal) changes
# nothing in what it writes; a kefu whose help fails, warns or lacks a
# command, or a template with a placeholder unknown, fails the build and
# leaves the pages it was to replace as they were.
BUILD=$2 SRC=$3 VERSION=$4 DATE=$5 SYSDB=$6
. "$(dirname "$0")/../cli/lib.sh" "$1"

GEN="sh $SRC/cmake/kefu-help.sh"
AWK=$SRC/cmake/kefu-help.awk
TEMPLATE=$SRC/docs/man/kefu.1.in

gen() {			# gen KEFU TEMPLATE OUTDIR: the build's step
	$GEN "$1" "$AWK" "$2" "$VERSION" "$DATE" "$SYSDB" \
	    "$3/man/kefu.1" "$3/completion/kefu"
}

# --- the same pages whatever the environment, with no terminal -----------------
# setsid: no controlling terminal; stdin from /dev/null (expect_exit).
expect_exit 0 env LANG=zh_CN.UTF-8 LANGUAGE=zh_CN LC_ALL=zh_CN.UTF-8 \
    KEFU_DB=/nonexistent/dir/kefu.db KEFU_NOW=garbage TERM=dumb \
    setsid $GEN "$KEFU" "$AWK" "$TEMPLATE" "$VERSION" "$DATE" "$SYSDB" \
    "$T/a/man/kefu.1" "$T/a/completion/kefu"
check "kefu.1 is the build's, byte for byte" \
    -z "$(cmp "$T/a/man/kefu.1" "$BUILD/man/kefu.1" 2>&1)"
check "the completion is the build's, byte for byte" \
    -z "$(cmp "$T/a/completion/kefu" "$BUILD/completion/kefu" 2>&1)"
check "the page is in English" -n "$(grep -F 'is a multi\-user service desk: reception' "$T/a/man/kefu.1")"
check "no database was created" ! -e /nonexistent/dir/kefu.db
check "nothing but the two files was left" \
    "$(find "$T/a" -type f | wc -l)" -eq 2

# --- a kefu that misbehaves: the build fails, the old pages stay ----------------
# A stand-in kefu: the real help, but spoilt as FAKE_MODE says.
cat >"$T/fake" <<FAKE
#!/bin/sh
case \$FAKE_MODE:\$1 in
fail:order)	echo "kefu: out of memory" >&2; exit 6 ;;
warn:--help)	echo "kefu: no translation for language xx" >&2 ;;
nocmds:--help)	"$KEFU" --help | sed '/^Commands:/,/^\$/d'; exit 0 ;;
extra:--help)	"$KEFU" --help | sed 's/^Commands:\$/&\n  bogus     not a command/'; exit 0 ;;
nousage:user)	"$KEFU" user --help | sed 's/^usage: //'; exit 0 ;;
noexit:--help)	"$KEFU" --help | sed '/^Exit codes:/,\$d'; exit 0 ;;
esac
exec "$KEFU" "\$@"
FAKE
chmod +x "$T/fake"
mkdir -p "$T/b/man" "$T/b/completion"
echo old >"$T/b/man/kefu.1"
echo old >"$T/b/completion/kefu"
for mode in fail warn nocmds extra nousage noexit; do
	expect_exit 1 env FAKE_MODE=$mode $GEN "$T/fake" "$AWK" "$TEMPLATE" \
	    "$VERSION" "$DATE" "$SYSDB" "$T/b/man/kefu.1" "$T/b/completion/kefu"
	expect_err '^kefu-help'
	expect_eq old "$(cat "$T/b/man/kefu.1")" "kefu.1 kept after '$mode'"
	expect_eq old "$(cat "$T/b/completion/kefu")" "completion kept after '$mode'"
done
# The stand-in unspoilt writes what the build wrote: the test above tests
# the generator, not the stand-in.
expect_exit 0 env FAKE_MODE=none $GEN "$T/fake" "$AWK" "$TEMPLATE" \
    "$VERSION" "$DATE" "$SYSDB" "$T/b/man/kefu.1" "$T/b/completion/kefu"
check "the stand-in unspoilt gives the build's page" \
    -z "$(cmp "$T/b/man/kefu.1" "$BUILD/man/kefu.1" 2>&1)"
expect_exit 1 $GEN "$T/nonexistent" "$AWK" "$TEMPLATE" "$VERSION" "$DATE" \
    "$SYSDB" "$T/c/man/kefu.1" "$T/c/completion/kefu"
expect_err '^kefu-help'

# --- a template placeholder nobody fills in -------------------------------------
sed 's/^@EXIT_CODES@$/&\n@EXIT_CODEZ@/' "$TEMPLATE" >"$T/bad.1.in"
expect_exit 1 $GEN "$KEFU" "$AWK" "$T/bad.1.in" "$VERSION" "$DATE" \
    "$SYSDB" "$T/c/man/kefu.1" "$T/c/completion/kefu"
expect_err 'no such placeholder: @EXIT_CODEZ@'
check "no page written from a bad template" ! -e "$T/c/man/kefu.1"
check "no temporary file left" -z "$(find "$T/c" -name '.kefu-help*')"

# --- a system path of another build -----------------------------------------------
expect_exit 0 $GEN "$KEFU" "$AWK" "$TEMPLATE" "$VERSION" "$DATE" \
    /srv/kefu-data/desk.db "$T/d/man/kefu.1" "$T/d/completion/kefu"
check "FILES follow KEFU_SYSTEM_DB" -n \
    "$(grep -xF '.I /srv/kefu\-data/desk.db\-wait' "$T/d/man/kefu.1")"
finish
