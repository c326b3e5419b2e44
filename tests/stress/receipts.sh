#!/usr/bin/env bash
# receipts.sh KEFU — receipt numbers without gaps or repeats (R19) with two
# desks paying at once, one of them killed with SIGKILL at random moments
# mid-payment: afterwards the receipts are numbered exactly 1..N, each
# with its audit row, the counter stands at N+1, and kefu check passes.
set -uo pipefail

KEFU=${1:?usage: receipts.sh KEFU}
PER=60

dir=$(mktemp -d "${TMPDIR:-/tmp}/kefu-stress-receipts.XXXXXX") || exit 1
pids=
cleanup() {
	for p in $pids; do kill -KILL "$p" 2>/dev/null; done
	guard_end
}
. "$(dirname "${BASH_SOURCE[0]}")/../guard.sh"
trap cleanup EXIT
guard_start "$dir"
fail() { echo "FAIL: $*" >&2; exit 1; }

db=$dir/kefu.db
k() { "$KEFU" --db "$db" "$@"; }
k init >/dev/null || fail "kefu init failed"
k user add desk1 收费一 billing >/dev/null || fail "user"
k user add desk2 收费二 billing >/dev/null || fail "user"
k customer add --name 李军 --account A-1 --community 幸福小区 >/dev/null ||
    fail "customer"

desk() {	# desk LOGIN KILL: PER payments; with KILL, each maybe killed
	local i p
	for i in $(seq 1 $PER); do
		if [ "$2" = kill ]; then
			# Not through k(): $! must be kefu itself.
			"$KEFU" --db "$db" --as "$1" payment take A-1 1 \
			    >/dev/null 2>&1 &
			p=$!
			sleep "0.0$((RANDOM % 10))"
			kill -KILL "$p" 2>/dev/null
			wait "$p" 2>/dev/null
		else
			k --as "$1" payment take A-1 1 >/dev/null 2>&1 ||
			    echo "desk $1 payment $i failed" >>"$dir/errors"
		fi
	done
}
desk desk1 plain & pids="$pids $!"
desk desk2 kill & pids="$pids $!"
wait
pids=
[ ! -s "$dir/errors" ] || fail "$(cat "$dir/errors")"
q() { sqlite3 "$db" "$1"; }
n=$(q "SELECT count(*) FROM receipt")
killed=$((2 * PER - n))
[ "$killed" -gt 0 ] || fail "no payment was killed before its commit"
[ "$n" -ge "$PER" ] || fail "only $n receipts for $PER acknowledged payments"
[ "$(q "SELECT count(DISTINCT no), min(no), max(no) FROM receipt")" = "$n|1|$n" ] ||
    fail "receipt numbers are not 1..$n: $(q "SELECT group_concat(no) FROM receipt")"
[ "$(q "SELECT next FROM bill_counter WHERE name = 'receipt'")" = $((n + 1)) ] ||
    fail "the counter does not stand at $((n + 1))"
[ "$(q "SELECT count(*) FROM audit WHERE entity = 'receipt' AND action = 'payment.take'")" = "$n" ] ||
    fail "a receipt without its audit row"
k check >/dev/null 2>&1 || fail "kefu check failed"
echo "receipts: $n receipts numbered 1..$n by two desks; $killed payments killed before their commit"
