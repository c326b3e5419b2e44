#!/bin/bash
# F5's reading answers while a long writer holds the database (BEGIN
# IMMEDIATE in a sqlite3 shell): a spike confirmed (R13) says it is busy
# and retrying, and is entered once, with its mark, when the lock goes;
# the round then goes on to the next meter.
. "$(dirname "$0")/lib.sh" "$@"
. "$(dirname "$0")/billing_lib.sh"

locked() {	# true while another connection holds the write lock
	! sqlite3 -cmd ".timeout 0" "$DB" "BEGIN IMMEDIATE; ROLLBACK;" \
	    >/dev/null 2>&1
}
unlocked() { ! locked; }

billing_setup
kefu_start desk 80 24 --lang en --as zhaomin
wait_for "Find:"
keys Tab
wait_for "No meters here: b chooses the community and building."
keys b
wait_for "Community, building, month"
typein 测试苑
keys Tab
typein 3号楼
keys F2
wait_re '^ W-301 +301 +张三 +2026-10 +30 +30 *$'
keys Down Down Enter
wait_for "W-303  303 王五  2026-11"
read_in 200				# usage 160 > 300% of 40: a spike
wait_for "y: yes    n/Esc: no"
expect_re '160.*W-303|W-303.*160'

start writer 80 24 sqlite3 "$DB"
wait_for "sqlite>"
typein "BEGIN IMMEDIATE;"
keys Enter
_wait 5 "the sqlite3 shell to hold the write lock" locked

use desk
keys y					# confirmed while the lock is held
wait_for "Database busy, retrying..."
expect_eq 0 "$(sqlite3 -cmd ".timeout 2000" "$DB" "SELECT count(*) FROM reading WHERE period = '2026-11'")" \
    "November's readings while the lock is held"

use writer
typein "COMMIT;"
keys Enter
_wait 5 "the sqlite3 shell to let go of the lock" unlocked
use desk
wait_for "Meter W-303: 200, usage 160. The round is done."
expect_re '^ W-303 +303 .* 200 \+160'
expect_eq 1 "$(sqlite3 "$DB" "SELECT count(*) FROM reading r JOIN meter m ON m.id = r.meter_id WHERE m.code = 'W-303' AND r.period = '2026-11'")" \
    "W-303's November reading, entered once"
finish
