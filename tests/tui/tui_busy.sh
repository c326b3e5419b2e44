#!/bin/bash
# The database locked by a long writer (BEGIN IMMEDIATE held in a sqlite3
# shell for a few seconds) while a form is saved: the UI says it is busy
# and retrying, keeps answering keys with the input intact, and the save
# completes once the lock is released.
. "$(dirname "$0")/lib.sh" "$@"
demo_db

locked() {	# true while another connection holds the write lock
	! sqlite3 -cmd ".timeout 0" "$DB" "BEGIN IMMEDIATE; ROLLBACK;" \
	    >/dev/null 2>&1
}
unlocked() { ! locked; }

kefu_start ui 80 24 --lang en --as guanli
wait_for "Staff accounts"
keys n
wait_for "New staff account"
wait_re 'Password *:'		# the form is drawn whole
typein mangmang
keys Tab
typein 忙忙
keys Tab Space
wait_for "[ ] reception"
keys Space Enter
wait_re 'Roles *: reception'
keys Tab Tab
typein busy-pass-1
wait_for "***********"

# The long writer.
start writer 80 24 sqlite3 "$DB"
wait_for "sqlite>"
typein "BEGIN IMMEDIATE;"
keys Enter
_wait 5 "the sqlite3 shell to hold the write lock" locked
held_from=$(now_ms)

use ui
keys F2
wait_for "Database busy, retrying..."
expect_screen "New staff account"		# the form and its input stay
expect_line "$(row_of "Name")" 'Name *: 忙忙 '
# It keeps answering keys while it retries (the lock is held until the
# COMMIT below, so a UI stuck waiting for it would answer none of them):
# help opens and closes, the focus moves between fields.
keys F1
wait_for "closes this help."
keys Escape
wait_gone "closes this help."
keys Up
wait_cursor "$(($(col_of "Unix user") + 11))" "$(row_of "Unix user")"
keys Down
wait_cursor "$(($(col_of "Password") + 11 + 11))" "$(row_of "Password")"
# Hold the lock a while longer: time itself is the subject here.
sleep 2
wait_for "Database busy, retrying..."
expect_no "Added mangmang."
expect_eq 0 "$(sqlite3 -cmd ".timeout 2000" "$DB" "SELECT count(*) FROM staff WHERE login='mangmang'")" \
    "mangmang's rows while the lock is held"
check "the lock was not held for 2 s" $(($(now_ms) - held_from)) -ge 2000

use writer
typein "COMMIT;"
keys Enter
_wait 5 "the sqlite3 shell to let go of the lock" unlocked
use ui
wait_for "Added mangmang."		# the next retry saves it
wait_gone "New staff account"
expect_no "retrying"
wait_re '^ mangmang +忙忙 +reception'
expect_eq "忙忙|reception" \
    "$(sqlite3 "$DB" "SELECT display_name || '|' || roles FROM staff WHERE login='mangmang'")" \
    "the saved account"
# Saved once, not once per retry.
expect_eq 1 "$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE action='staff.add' AND after LIKE '%mangmang%'")" \
    "audit rows of the add"

finish
