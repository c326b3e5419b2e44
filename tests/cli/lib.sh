# lib.sh — helpers shared by the CLI scenarios (tests/cli/cli_*.sh).
#
# A scenario starts with
#     . "$(dirname "$0")/lib.sh" "$@"      # $1: path of the kefu binary
# and ends with `finish`. It gets:
#     $T        a fresh temporary directory, removed on exit
#     $DB       $T/kefu.db (not created: call `k init` or `fresh_db`)
#     k ARGS    runs kefu --db "$DB" ARGS
#     kefu ARGS runs kefu ARGS (no --db)
#     ME        the invoking Unix user (root in CI), who becomes admin at init
#     guard_also PATH   PATH (outside $T) is removed with $T (tests/guard.sh)
#
# Assertions count as checks; a failed one prints where (file:line), the
# command, its exit code, stdout and stderr, and the script carries on, so
# one run shows every failure. `finish` exits 1 if any check failed, and a
# script that stops before `finish` fails too.
#
#   expect_exit CODE CMD...   runs CMD (stdin from /dev/null unless `feed`
#                             was called) and checks its exit code. For
#                             CODE 0: stderr is empty. For a failure:
#                             stderr is exactly one non-empty line starting
#                             "kefu", stdout is empty (unless `allow_stdout`
#                             was called), and $DB, when it exists, is byte
#                             for byte unchanged (nothing half-saved).
#   feed TEXT                 the next command's stdin is TEXT and a newline
#   allow_stdout              the next failing command may print on stdout
#   expect_out ERE            the last stdout matches ERE (grep -E)
#   expect_out_not ERE        ... does not
#   expect_out_fixed STRING   the last stdout contains STRING literally
#   expect_err ERE            the last stderr matches ERE
#   expect_err_not ERE        ... does not
#   expect_err_fixed STRING   the last stderr contains STRING literally
#   (after a wrong exit code, the expect_out/err/json checks of that same
#   output are skipped: the failure is already reported with the output)
#   expect_eq WANT GOT WHAT   WANT = GOT
#   check WHAT TEST-ARGS...   `test TEST-ARGS...` holds
#   run CMD...                runs CMD like expect_exit, checking nothing
#   expect_created NOTE CMD...  CMD makes a record and prints it as JSON
#                             (--json): exit 0, valid JSON, and on stderr
#                             nothing but lines starting with NOTE (a
#                             duplicate warning); returns 1 on a wrong exit
#   expect_json               the last stdout is valid JSON (sqlite3 json_valid)
#   json PATH                 prints json_extract(last stdout, PATH)
#   expect_json_eq PATH WANT  json_extract(last stdout, PATH) = WANT
#   audit_rows [DB]           number of audit rows (sqlite3, read only)
#   file_sum FILE             sha256 of FILE ("missing" when absent)
#   db_sql SQL [DB]           runs SQL with the sqlite3 shell
#   out_lines / err_text      the last stdout line count / stderr text

set -u

if [ $# -lt 1 ] || [ -z "$1" ]; then
	echo "usage: $0 PATH-TO-KEFU" >&2
	exit 2
fi
case $1 in
/*)	KEFU=$1 ;;
*)	KEFU=$PWD/$1 ;;
esac
if [ ! -x "$KEFU" ]; then
	echo "FAIL: kefu binary '$KEFU' is not executable" >&2
	exit 1
fi
for tool in sqlite3 sha256sum mktemp grep; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "FAIL: the CLI tests need '$tool'" >&2
		exit 1
	fi
done

# A known environment: UTF-8 text, Beijing time, no kefu overrides.
export TZ=Asia/Shanghai
export LANG=C.UTF-8
unset LC_ALL LC_CTYPE LC_MESSAGES LANGUAGE KEFU_DB KEFU_NOW

T=$(mktemp -d "${TMPDIR:-/tmp}/kefu-cli.XXXXXX") || {
	echo "FAIL: mktemp" >&2
	exit 1
}
DB=$T/kefu.db
# shellcheck disable=SC2034 # used by the scenarios
ME=$(id -un)
OUT=$T/.stdout
ERR=$T/.stderr
IN=$T/.stdin
RC=0
CMD=
CHECKS=0
FAILS=0
FINISHED=0
FEED=0
ALLOW_STDOUT=0
WRONG_EXIT=0		# the last expect_exit got another code: already reported

# However the scenario ends (finish, a signal, CTest's SIGKILL on timeout:
# tests/guard.sh), every program it started ends and $T goes, with any
# path given to guard_also.
. "$(dirname "${BASH_SOURCE[0]}")/../guard.sh"
_cleanup() {
	local rc=$?

	guard_end
	if [ "$FINISHED" != 1 ]; then
		echo "FAIL: $(basename "$0") stopped before finish (exit $rc)"
		exit 1
	fi
}
trap _cleanup EXIT
guard_start "$T"

kefu() { "$KEFU" "$@"; }
k() { "$KEFU" --db "$DB" "$@"; }

# file:line of the scenario line that called the helper.
_where() {
	local i

	for ((i = 1; i < ${#BASH_SOURCE[@]}; i++)); do
		case ${BASH_SOURCE[i]} in
		*/lib.sh|lib.sh) ;;
		*)	echo "$(basename "${BASH_SOURCE[i]}"):${BASH_LINENO[i - 1]}"
			return ;;
		esac
	done
	echo "?"
}

_show() {
	# Control characters become '?' so the log cannot drive the terminal.
	{
		cat "$1"
		# A last line without its newline still ends the block.
		[ -s "$1" ] && [ -n "$(tail -c 1 "$1")" ] && echo
	} | tr '\000-\010\013-\037\177' '?' | sed -e 's/^/      | /' |
	    head -n 40
}

pass() { CHECKS=$((CHECKS + 1)); }

fail() {
	CHECKS=$((CHECKS + 1))
	FAILS=$((FAILS + 1))
	echo "FAIL [$(_where)] $*"
	echo "    command: $CMD"
	echo "    exit:    $RC"
	echo "    stdout:"
	_show "$OUT"
	echo "    stderr:"
	_show "$ERR"
}

check() {		# check DESCRIPTION TEST-ARGS... (a `test` expression)
	local what=$1

	shift
	if test "$@"; then pass; else fail "$what"; fi
}

feed() {
	printf '%s\n' "$1" >"$IN"
	FEED=1
}

allow_stdout() { ALLOW_STDOUT=1; }

file_sum() {
	if [ -e "$1" ]; then
		sha256sum <"$1" | cut -d' ' -f1
	else
		echo missing
	fi
}

run() {
	CMD=$(printf '%q ' "$@")
	if [ "$FEED" = 1 ]; then
		"$@" <"$IN" >"$OUT" 2>"$ERR"
	else
		"$@" </dev/null >"$OUT" 2>"$ERR"
	fi
	RC=$?
	FEED=0
	WRONG_EXIT=0
}

expect_exit() {
	local want=$1 before after lines allow=$ALLOW_STDOUT

	shift
	ALLOW_STDOUT=0
	before=$(file_sum "$DB")
	run "$@"
	after=$(file_sum "$DB")
	if [ "$RC" != "$want" ]; then
		fail "expected exit $want, got $RC"
		WRONG_EXIT=1
		return
	fi
	pass
	if [ "$want" = 0 ]; then
		if [ -s "$ERR" ]; then
			fail "success printed on stderr"
		else
			pass
		fi
		return
	fi
	lines=$(wc -l <"$ERR")
	if [ "$lines" != 1 ] || [ "$(tail -c 1 "$ERR" | od -An -c | tr -d ' ')" != '\n' ]; then
		fail "a failure must print exactly one line on stderr (got $lines newline(s))"
	elif ! grep -q '^kefu' "$ERR"; then
		fail "the error line should start with 'kefu'"
	else
		pass
	fi
	if [ "$allow" != 1 ] && [ -s "$OUT" ]; then
		fail "a failure printed on stdout"
	else
		pass
	fi
	if [ "$before" != "$after" ]; then
		fail "a failed command changed $DB"
	else
		pass
	fi
}

# After a wrong exit code (reported with the whole output) the checks of
# that output are skipped: one failure, one report.
expect_out() {
	[ "$WRONG_EXIT" = 1 ] && return
	if grep -Eq -- "$1" "$OUT"; then pass; else fail "stdout should match /$1/"; fi
}
expect_out_not() {
	[ "$WRONG_EXIT" = 1 ] && return
	if grep -Eq -- "$1" "$OUT"; then fail "stdout should not match /$1/"; else pass; fi
}
expect_out_fixed() {
	[ "$WRONG_EXIT" = 1 ] && return
	if grep -Fq -- "$1" "$OUT"; then pass; else fail "stdout should contain '$1'"; fi
}
expect_err() {
	[ "$WRONG_EXIT" = 1 ] && return
	if grep -Eq -- "$1" "$ERR"; then pass; else fail "stderr should match /$1/"; fi
}
expect_err_not() {
	[ "$WRONG_EXIT" = 1 ] && return
	if grep -Eq -- "$1" "$ERR"; then fail "stderr should not match /$1/"; else pass; fi
}
expect_err_fixed() {
	[ "$WRONG_EXIT" = 1 ] && return
	if grep -Fq -- "$1" "$ERR"; then pass; else fail "stderr should contain '$1'"; fi
}

expect_eq() {
	if [ "$1" = "$2" ]; then
		pass
	else
		fail "$3: expected '$1', got '$2'"
	fi
}

out_lines() { wc -l <"$OUT"; }
err_text() { cat "$ERR"; }

# SQLite's JSON functions judge JSON: sqlite3 is always there, python not.
expect_json() {
	local ok

	[ "$WRONG_EXIT" = 1 ] && return
	ok=$(sqlite3 :memory: "SELECT json_valid(CAST(readfile('$OUT') AS TEXT))" 2>&1)
	if [ "$ok" = 1 ]; then pass; else fail "stdout is not valid JSON ($ok)"; fi
}

expect_created() {
	local note=$1

	shift
	run "$@"
	if [ "$RC" != 0 ]; then
		fail "expected exit 0, got $RC"
		WRONG_EXIT=1
		return 1
	fi
	pass
	if grep -qv -- "^$note" "$ERR"; then
		fail "printed more than '$note...' on stderr"
	else
		pass
	fi
	expect_json
	return 0
}

json() {
	sqlite3 :memory: "SELECT json_extract(CAST(readfile('$OUT') AS TEXT), '$1')"
}

expect_json_eq() {
	local got

	[ "$WRONG_EXIT" = 1 ] && return
	got=$(json "$1" 2>&1)
	if [ "$got" = "$2" ]; then
		pass
	else
		fail "JSON $1: expected '$2', got '$got'"
	fi
}

db_sql() {
	sqlite3 "${2:-$DB}" "$1"
}

audit_rows() {
	sqlite3 "${1:-$DB}" "SELECT count(*) FROM audit"
}

# A new database at $DB, created by `kefu init` (checked).
fresh_db() {
	rm -f "$DB" "$DB-wal" "$DB-shm"
	expect_exit 0 k init
}

finish() {
	FINISHED=1
	if [ "$FAILS" -gt 0 ]; then
		echo "$(basename "$0"): $FAILS of $CHECKS checks FAILED"
		exit 1
	fi
	echo "$(basename "$0"): all $CHECKS checks passed"
	exit 0
}
