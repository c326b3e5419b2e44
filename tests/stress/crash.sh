#!/usr/bin/env bash
# crash.sh KEFU CRASH_WRITER — a writer killed with SIGKILL at random
# moments, 20 times, must never lose a write it acknowledged.
#
# Each round starts crash_writer (adds staff accounts crash_rN_1, _2, ...,
# printing "ack LOGIN" after each commit returned KF_OK), kills it with
# SIGKILL a random 0-30 ms after its Nth ack, N random from 0 to 7 (0: at
# start-up or in its first write; counting acks rather than milliseconds
# from the start keeps the kills among the writes on a loaded machine,
# where start-up alone can take longer than a fixed delay), then the next
# kefu session opens the
# database (recovering the WAL). Asserts after every round:
#   - the writer was killed by our SIGKILL (it did not fail on its own);
#   - `kefu check` passes (integrity, foreign keys, audit chain);
#   - every acknowledged login exists;
#   - besides them, at most one more from that round exists — the one
#     whose commit finished as the kill came, before its ack was printed —
#     and then it is the next in sequence (no gaps, nothing invented);
# and at the end that each account has its staff.add audit row.
set -uo pipefail

KEFU=${1:?usage: crash.sh KEFU CRASH_WRITER}
WRITER=${2:?usage: crash.sh KEFU CRASH_WRITER}
ROUNDS=20

dir=$(mktemp -d "${TMPDIR:-/tmp}/kefu-stress-crash.XXXXXX") || exit 1
wpid=
cleanup() {
	[ -n "$wpid" ] && kill -KILL "$wpid" 2>/dev/null
	guard_end			# the rest, and $dir (tests/guard.sh)
}
. "$(dirname "${BASH_SOURCE[0]}")/../guard.sh"
trap cleanup EXIT
guard_start "$dir"
fail() { echo "FAIL: $*" >&2; exit 1; }

db=$dir/kefu.db
admin=$(id -un)
"$KEFU" --db "$db" init >/dev/null || fail "kefu init failed"

total_acked=0 total_extra=0 empty_rounds=0
for r in $(seq 1 $ROUNDS); do
	prefix=crash_r${r}_
	n=$((RANDOM % 8)) ms=$((RANDOM % 31))
	"$WRITER" "$db" "$admin" "$prefix" >"$dir/ack.$r" 2>"$dir/err.$r" &
	wpid=$!
	deadline=$((SECONDS + 120))
	while [ "$(grep -c '^ack ' "$dir/ack.$r")" -lt "$n" ]; do
		kill -0 "$wpid" 2>/dev/null || break	# ended: reported below
		[ $SECONDS -lt $deadline ] ||
			fail "round $r: no $n acks from the writer in 120 s"
		sleep 0.005
	done
	sleep "$(printf '0.%03d' "$ms")"
	kill -KILL "$wpid" 2>/dev/null
	{ wait "$wpid"; } 2>/dev/null	# no "Killed" job notice
	status=$?
	wpid=
	if [ $status -ne $((128 + 9)) ]; then
		cat "$dir/err.$r" >&2
		fail "round $r: the writer ended with status $status before the kill"
	fi

	# The next session after the crash: kefu opens and checks the database.
	"$KEFU" --db "$db" check >/dev/null ||
		fail "round $r: kefu check failed after the kill ($n acks + $ms ms)"

	sed -n 's/^ack //p' "$dir/ack.$r" | sort >"$dir/acked.$r"
	sqlite3 "$db" "SELECT login FROM staff WHERE login LIKE '${prefix}%'" |
		sort >"$dir/present.$r" || fail "round $r: cannot read staff"
	missing=$(comm -23 "$dir/acked.$r" "$dir/present.$r")
	[ -z "$missing" ] ||
		fail "round $r: acknowledged but lost after the kill ($n acks + $ms ms): $(tr '\n' ' ' <<<"$missing")"
	acked=$(wc -l <"$dir/acked.$r")
	present=$(wc -l <"$dir/present.$r")
	extra=$((present - acked))
	if [ $extra -gt 1 ]; then
		fail "round $r: $extra unacknowledged accounts saved (at most 1 can be in flight)"
	fi
	if [ $extra -eq 1 ]; then
		grep -qx "${prefix}$((acked + 1))" "$dir/present.$r" ||
			fail "round $r: the unacknowledged account is not ${prefix}$((acked + 1))"
	fi
	# The acks must be 1..acked in order (no gaps in what was reported).
	[ "$(sed -n 's/^ack //p' "$dir/ack.$r" | tr '\n' ' ')" = \
	  "$(for i in $(seq 1 "$acked"); do printf '%s%d ' "$prefix" "$i"; done)" ] ||
		fail "round $r: the acks are not ${prefix}1..$acked in order"
	echo "  round $r: killed $ms ms after ack $n: $acked acknowledged, all present" \
		"(+$extra committed before its ack)"
	total_acked=$((total_acked + acked)) total_extra=$((total_extra + extra))
	[ "$acked" -eq 0 ] && empty_rounds=$((empty_rounds + 1))
done

# Nearly every round must have written something, or the kills only ever
# hit start-up and the test proved nothing.
[ $empty_rounds -le $((ROUNDS / 2)) ] ||
	fail "$empty_rounds of $ROUNDS rounds acknowledged no write: the writer is too slow to start"
n_staff=$(sqlite3 "$db" "SELECT count(*) FROM staff WHERE login LIKE 'crash_r%'")
n_audit=$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE action = 'staff.add'
	AND json_extract(after, '$.login') LIKE 'crash_r%'")
[ "$n_staff" -eq "$n_audit" ] ||
	fail "$n_staff crash accounts but $n_audit staff.add audit rows for them"
"$KEFU" --db "$db" check || fail "kefu check failed at the end"
echo "crash: $ROUNDS SIGKILLs; $total_acked acknowledged writes all present;" \
	"$total_extra committed just before the kill; $empty_rounds rounds killed before the first write"
echo "PASS"
