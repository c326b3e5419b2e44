#!/bin/bash
# F5 Billing while a long writer holds the database (BEGIN IMMEDIATE in a
# sqlite3 shell): the notice run says it is busy and retrying, the screen
# keeps answering keys, and the run is made once, whole, when the lock
# goes (R15: all or nothing); a receipt's print (a write: its count) the
# same.
. "$(dirname "$0")/lib.sh" "$@"
. "$(dirname "$0")/billing_lib.sh"

locked() {	# true while another connection holds the write lock
	! sqlite3 -cmd ".timeout 0" "$DB" "BEGIN IMMEDIATE; ROLLBACK;" \
	    >/dev/null 2>&1
}
unlocked() { ! locked; }

billing_setup
# November read with no usage: a run waits for its meters' readings (R13).
for c in W-301:30 W-302:500 W-303:40; do
	k --as zhaomin reading enter "${c%%:*}" 2026-11 "${c##*:}" >/dev/null ||
	    die "reading enter $c 2026-11"
done
k --as zhaomin payment take T-301 10 >/dev/null || die "payment take T-301"
kefu_start desk 80 24 --lang en --as zhaomin
wait_for "Find:"
keys Tab Tab
wait_for "(no community: b)"
keys b
wait_for "Community, building, month"
typein 测试苑
keys F2
wait_for "测试苑  month 2026-11  0 notices"

start writer 80 24 sqlite3 "$DB"
wait_for "sqlite>"
typein "BEGIN IMMEDIATE;"
keys Enter
_wait 5 "the sqlite3 shell to hold the write lock" locked

use desk
keys R
wait_for "y: yes    n/Esc: no"
keys y
wait_for "Database busy, retrying..."
keys F1					# it answers keys meanwhile
wait_for "closes this help."
keys Escape
wait_gone "closes this help."
expect_eq 0 "$(sqlite3 -cmd ".timeout 2000" "$DB" "SELECT count(*) FROM notice WHERE period = '2026-11'")" \
    "November's notices while the lock is held"

use writer
typein "COMMIT;"
keys Enter
_wait 5 "the sqlite3 shell to let go of the lock" unlocked
use desk
wait_for "Issued 3 notices of 2026-11 for 测试苑 (No. 1 to 3), total 0.00."
wait_re '^ 2026-11-000003 +王五 '
expect_eq 3 "$(sqlite3 "$DB" "SELECT count(*) FROM notice WHERE period = '2026-11'")" \
    "November's notices, made once"

# A receipt's print is counted: busy, then printed once.
keys Tab Tab
wait_for "Find:"
typein T-301
wait_re '^ T-301 +张三 '
keys Enter
wait_re '^ 2026-11-27 receipt 000001 cash'
use writer
typein "BEGIN IMMEDIATE;"
keys Enter
_wait 5 "the sqlite3 shell to hold the write lock" locked
use desk
keys r
wait_for "Database busy, retrying..."
use writer
typein "COMMIT;"
keys Enter
_wait 5 "the sqlite3 shell to let go of the lock" unlocked
use desk
wait_for "Receipt No. 1 printed to ./receipt-000001.txt."
expect_eq 1 "$(sqlite3 "$DB" "SELECT prints FROM receipt WHERE no = 1")" \
    "the receipt's prints after a busy print"
finish
