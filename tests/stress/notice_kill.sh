#!/usr/bin/env bash
# notice_kill.sh KEFU BILL_SETUP — a notice run for a community of 3,000
# customers killed with SIGKILL at random moments (R15: all or nothing per
# run, resumable). After every kill: no notice or all of them, no run row
# without its notices, kefu check passes. Then a run completes: one notice
# per customer numbered 1..N without a gap, and running it again does
# nothing ("already issued").
set -uo pipefail

KEFU=${1:?usage: notice_kill.sh KEFU BILL_SETUP}
SETUP=${2:?usage: notice_kill.sh KEFU BILL_SETUP}
N=3000
ROUNDS=8

dir=$(mktemp -d "${TMPDIR:-/tmp}/kefu-stress-notice.XXXXXX") || exit 1
pid=
cleanup() {
	[ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null
	guard_end
}
. "$(dirname "${BASH_SOURCE[0]}")/../guard.sh"
trap cleanup EXIT
guard_start "$dir"
fail() { echo "FAIL: $*" >&2; exit 1; }

export TZ=Asia/Shanghai KEFU_NOW=2026-11-27T10:00:00+08:00
db=$dir/kefu.db
admin=$(id -un)
"$KEFU" --db "$db" init >/dev/null || fail "kefu init failed"
"$SETUP" "$db" "$admin" "$N" || fail "set-up failed"
q() { sqlite3 "$db" "$1"; }

mid=0
for r in $(seq 1 $ROUNDS); do
	ms=$(( (r - 1) * 25 + RANDOM % 25 ))
	"$KEFU" --db "$db" --as shoufei notice run --period 2026-11 \
	    --community 幸福小区 >"$dir/out.$r" 2>&1 &
	pid=$!
	sleep "$(printf '0.%03d' "$ms")"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	pid=
	"$KEFU" --db "$db" check >"$dir/check.$r" 2>&1 ||
	    fail "round $r: kefu check failed: $(cat "$dir/check.$r")"
	notices=$(q "SELECT count(*) FROM notice")
	runs=$(q "SELECT count(*) FROM bill_run")
	case "$notices/$runs" in
	0/0)	mid=$((mid + 1)) ;;
	$N/1)	;;
	*)	fail "round $r (killed after ${ms} ms): $notices notices, $runs runs: half-saved" ;;
	esac
done
[ "$mid" -gt 0 ] || fail "no round killed a run before it committed"

"$KEFU" --db "$db" --as shoufei notice run --period 2026-11 \
    --community 幸福小区 >"$dir/final" 2>&1 || fail "the run after the kills: $(cat "$dir/final")"
[ "$(q "SELECT count(*), count(DISTINCT customer_id), min(seq), max(seq) FROM notice")" = "$N|$N|1|$N" ] ||
    fail "not one notice per customer numbered 1..$N"
[ "$(q "SELECT next FROM bill_counter WHERE name = 'notice:2026-11'")" = $((N + 1)) ] ||
    fail "the counter does not continue after $N"
"$KEFU" --db "$db" --as shoufei notice run --period 2026-11 \
    --community 幸福小区 >"$dir/again" 2>&1 || fail "the re-run failed"
grep -q '^already issued' "$dir/again" || fail "the re-run did not say already issued: $(cat "$dir/again")"
"$KEFU" --db "$db" check >/dev/null 2>&1 || fail "kefu check failed at the end"
echo "notice_kill: $ROUNDS kills, $mid before the commit; then $N notices, 1..$N"
