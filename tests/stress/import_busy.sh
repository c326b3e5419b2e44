#!/usr/bin/env bash
# import_busy.sh KEFU BUSY_CLERK [ROWS] — issue 11: a long import and the
# desk. While `kefu customer import` adds ROWS (default 150,000) customers
# in its one all-or-nothing transaction, a clerk (busy_clerk: the TUI's
# retry policy, 300 ms a try, retried every 400 ms while the core's
# wall-clock patience of about ten seconds lasts) saves again and again,
# and `kefu policy set` is tried from the CLI too. Asserts:
#   - the import succeeds and adds exactly ROWS customers; check passes;
#   - every save of the clerk either succeeds or gives up with the true
#     message: "database busy", the real wait ("waited N s", not the
#     300 ms of one try) and the holder named ("a customer import by
#     LOGIN"); no save is held longer than three times the documented
#     bound (30 s: a generous margin, never a tight duration);
#   - the CLI's save that finds the import running says the same.
# Prints the figures (saves, how many gave up, the longest); none of them
# is a check beyond the bound.
set -uo pipefail

KEFU=${1:?usage: import_busy.sh KEFU BUSY_CLERK [ROWS]}
CLERK=${2:?usage: import_busy.sh KEFU BUSY_CLERK [ROWS]}
ROWS=${3:-150000}
BOUND_MS=10000		# KF_BUSY_PATIENCE_MS, docs/user-guide.md
LIMIT_MS=$((3 * BOUND_MS))

dir=$(mktemp -d "${TMPDIR:-/tmp}/kefu-stress-import.XXXXXX") || exit 1
pids=()
cleanup() {
	local p
	for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null; done
	guard_end
}
. "$(dirname "${BASH_SOURCE[0]}")/../guard.sh"
trap cleanup EXIT
guard_start "$dir"
fail() { echo "FAIL: $*" >&2; exit 1; }

db=$dir/kefu.db
admin=$(id -un)
"$KEFU" --db "$db" init >/dev/null || fail "kefu init failed"

# The file: ROWS customers in the columns `kefu customer export` writes.
awk -v n="$ROWS" 'BEGIN {
	print "account,name,phones,community,building,unit,room,address,kind,move_in,notes,status"
	split("王 李 张 刘 陈 杨 赵 黄 周 吴", sur, " ")
	split("芳 伟 娜 敏 静 丽 强 磊 军 洋", giv, " ")
	for (i = 1; i <= n; i++)
		printf "I%07d,%s%s%s,139%08d,阳光花园%d期,%d号楼,%d,%d,,resident,,,active\n",
		    i, sur[i % 10 + 1], giv[int(i / 10) % 10 + 1],
		    giv[int(i / 100) % 10 + 1], i, i % 7 + 1, i % 30 + 1,
		    i % 4 + 1, 100 + i % 900
}' >"$dir/in.csv" || fail "cannot write the CSV"

"$KEFU" --db "$db" customer import "$dir/in.csv" >"$dir/import.out" 2>&1 &
import_pid=$!
pids+=($import_pid)
# The import holds the database once its first write began: wait for a
# CLI save to find it busy (or the import to end: a fast machine).
cli_msg=
v=61
deadline=$((SECONDS + 120))
while kill -0 $import_pid 2>/dev/null && [ $SECONDS -lt $deadline ]; do
	v=$((121 - v))		# 61 s, 60 s, 61 s, ...
	if ! "$KEFU" --db "$db" policy set call.offer_callback_after ${v}s \
	    >/dev/null 2>"$dir/cli.err"; then
		cli_msg=$(cat "$dir/cli.err")
		break
	fi
	sleep 0.2
done
"$CLERK" "$db" "$admin" "$dir/stop" >"$dir/clerk.out" 2>"$dir/clerk.err" &
clerk_pid=$!
pids+=($clerk_pid)
wait $import_pid
import_rc=$?
sleep 1			# a save or two after the import
touch "$dir/stop"
wait $clerk_pid || { cat "$dir/clerk.err" >&2; fail "the clerk failed"; }
pids=()

cat "$dir/import.out"
[ $import_rc -eq 0 ] || fail "the import failed (exit $import_rc)"
n=$(sqlite3 "$db" "SELECT count(*) FROM customer")
[ "$n" -eq "$ROWS" ] || fail "$n customers after importing $ROWS"
"$KEFU" --db "$db" check >/dev/null || fail "kefu check failed after the run"

if [ -n "$cli_msg" ]; then
	echo "CLI during the import: $cli_msg"
	grep -q "database busy" <<<"$cli_msg" || fail "CLI message is not 'database busy': $cli_msg"
	grep -q "a customer import by $admin" <<<"$cli_msg" ||
		fail "CLI message does not name the import: $cli_msg"
	grep -q "waited [0-9.]* s" <<<"$cli_msg" || fail "CLI message gives no wait: $cli_msg"
else
	echo "the import ended before a CLI save found it (a fast machine)"
fi

saves=$(wc -l <"$dir/clerk.out")
okn=$(grep -c '^ok ' "$dir/clerk.out")
busyn=$(grep -c '^busy ' "$dir/clerk.out")
[ "$saves" -gt 0 ] || fail "the clerk saved nothing"
[ $((okn + busyn)) -eq "$saves" ] || fail "the clerk printed something else"
longest=$(awk '{ if ($2 > m) m = $2 } END { print m + 0 }' "$dir/clerk.out")
[ "$longest" -le $LIMIT_MS ] ||
	fail "a save was held $longest ms, more than 3 x the $BOUND_MS ms bound"
while read -r what ms msg; do
	[ "$what" = busy ] || continue
	grep -q "^database busy" <<<"$msg" || fail "busy message: $msg"
	grep -q "a customer import by $admin" <<<"$msg" ||
		fail "the message does not name the import: $msg"
	secs=$(sed -n 's/.*waited \([0-9]*\)\.[0-9] s.*/\1/p' <<<"$msg")
	[ -n "$secs" ] || fail "the message gives no wait in seconds: $msg"
	# The wait it reports is the whole wait, not one 300 ms try.
	[ "$secs" -ge 5 ] || fail "the message reports one try's wait: $msg"
done <"$dir/clerk.out"
echo "clerk: $saves saves, $okn saved, $busyn gave up; longest $longest ms" \
	"(bound $BOUND_MS ms, limit $LIMIT_MS ms)"
grep -m1 '^busy ' "$dir/clerk.out" | sed 's/^/  e.g. /'
echo "PASS"
