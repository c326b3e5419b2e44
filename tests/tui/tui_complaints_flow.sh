#!/bin/bash
# Complaints (F4, issue 12), a valid complaint from the call to its close,
# in English at 80x24, four sessions on one database:
#   - the supervisor (陈静) watches an empty F4; the person responsible
#     (张伟, a technician) an empty one of his own, where "n" is refused
#     at the key (he may not register one);
#   - a clerk (王芳) logs a call at Reception with purpose Complaint: it
#     offers to register it (R27); the form says the apology first, is
#     filled in from the call (complainant, phone, what, where, the
#     channel), and is forwarded to 张伟 (R28): due in a day (R35);
#   - the supervisor's F4 shows it live, no key pressed; so does 张伟's;
#   - 张伟 records the analysis (R35) and a corrective action; the
#     supervisor approves it and verifies it (R36); 张伟 records the
#     result (R30, R31): the callback falls due;
#   - a close before the callback is refused, R39 on the screen;
#   - the callback is recorded (R30, R41); it waits for the supervisor's
#     signature (W); she signs (R31) and closes it: it leaves the board,
#     and is still found by the search and shown whole;
#   - the clerk's link drops while she registers a second complaint call:
#     at her next login the form comes back, its call with it.
# The database says what the core stored at each step.
. "$(dirname "$0")/lib.sh" "$@"
. "$(dirname "$0")/complaints_lib.sh"

# --- the supervisor's and the person responsible's empty boards -------
kefu_start sup 80 24 --lang en --as chenjing
wait_for "F1 help"
keys F4
wait_line 1 '^ Complaints +open 0  overdue 0  due soon 0  to sign 0  serious 0$'
expect_line 2 '^ All open states · Everyone$'
expect_line 3 '^ NO\. +LEFT +STATE +SEVERITY +CATEGORY +NAME +RESP\. +UP +PLACE$'
expect_line 4 '^ No open complaints\.$'
# Only the moves the chosen row may have are offered (M5): none without a row.
expect_line 23 '^F1 help  W to sign  / search  F10 menu  q quit$'
kefu_start zhang 80 24 --lang en --as zhangwei
wait_for "F1 help"
keys F4
wait_line 1 '^ Complaints +open 0 '
expect_line 2 "^ All open states · Mine$"
# Only the moves the chosen row may have are offered (M5): none without a row.
expect_line 23 '^F1 help  n new  / search  F10 menu  q quit$'
keys n					# a technician registers none: at the key
wait_re "zhangwei may not register a complaint"
expect_no "Register a complaint"

# --- a complaint call at Reception, registered from it ----------------
kefu_start fang 80 24 --lang en --as wangfang
log_complaint_call "$ACC_A" 维修工态度很差
# R27: the apology comes first, at the top of the form.
wait_re "│ Apologise first \(R27\): 非常抱歉给您带来不便!"
expect_re "│ We are very sorry for the inconvenience! "
expect_re "│ No similar complaint found\. +│"
expect_re "│ Customer account: $ACC_A +│"
expect_re "│ What happened +: 维修工态度很差 +│"
expect_re "│ Channel *: < hotline > +│"
check "the apology is above the first field" \
    "$(row_of "Apologise first")" -lt "$(row_of "Customer account")"
PLACE=$(screen | sed -nE 's/.*│ Where +: (.*[^ ]) +│.*/\1/p')
check "the place is the customer's address" -n "$PLACE"
fill_complaint 09:30 张伟
keys F2
wait_re "Complaint [0-9]+ registered; due 11-28 10:41\."
A=$(last_cpl)
expect_eq "$A" "$(screen | sed -nE 's/.*Complaint ([0-9]+) registered.*/\1/p')" \
    "the number said is the complaint's"
expect_eq 1 "$(cpl state "$A")" "state of complaint $A (forwarded, R28)"
expect_eq "$((NOW_EPOCH + 86400))" "$(cpl analyse_due_at "$A")" "R35: analysed within a day"
check "complaint $A keeps the call it came from" "$(cpl contact_id "$A")" -gt 0
expect_eq 维修工态度很差 "$(cpl what "$A")" "what happened"

# --- live on the supervisor's board and on 张伟's ---------------------
use sup
wait_cpl_row "$A" "^ $A +1d00h +forwarded +ordinary +Service… +李 +张伟 +" "$LIVE"
expect_line 1 '^ Complaints +open 1  overdue 0  due soon 0  to sign 0  serious 0$'
use zhang
wait_cpl_row "$A" "^ $A +1d00h +forwarded " "$LIVE"
expect_line 2 '^ All open states · Mine$'

# --- the analysis and the corrective action (R35, R36) ----------------
keys a
wait_for "Analyse a complaint"
expect_re "│ Finding *: < Valid >"
keys Tab
typein 维修工服务意识差
keys Tab
typein 维修班组
keys F2
wait_for "Complaint $A analysed."
expect_eq 2 "$(cpl state "$A")" "analysed"
expect_eq 维修工服务意识差 "$(cpl cause "$A")" "the cause"
keys m
wait_for "Corrective action"
expect_re "│ Owner *: < 张伟 >"
typein 批评教育并上门道歉
keys Tab Tab
typein "2026-11-28 18:00"
keys F2
wait_for "Corrective action set on complaint $A."
wait_cpl_row "$A" "^ $A +1d07h +action set "
use sup
wait_cpl_row "$A" "^ $A +1d07h +action set " "$LIVE"
keys p
wait_for "Approve the actions of complaint $A (李)?"
keys y
wait_for "Actions of complaint $A approved."
keys v
wait_for "Verify an action"
expect_re "│ Action *: < #[0-9]+ 批评教育并上门道歉"
keys Tab
typein 已落实
keys F2
wait_for "Action verified on complaint $A."
expect_eq 5 "$(cpl state "$A")" "verified (R36)"

# --- the result (R30, R31), then a close before the callback ----------
use zhang
wait_cpl_row "$A" " verified " "$LIVE"
keys r
wait_for "Result of a complaint"
typein 已向投诉人道歉并告知处理结果
keys F2
wait_for "Result recorded for complaint $A; the callback is due."
expect_eq $((NOW_EPOCH + 86400)) "$(cpl callback_due_at "$A")" "R30: the callback due a day after"
use sup
wait_cpl_row "$A" "^ $A +1d00h +result rec" "$LIVE"
keys c
# R39, refused at the key, read whole on the screen.
wait_re "cannot close the complaint: complaint $A "
wait_re "\(R39\)$"
expect_eq 6 "$(cpl state "$A")" "not closed before the callback"

# --- the callback, the signature, the close ---------------------------
keys b
wait_for "Complaint callback"
expect_re "│ Method *: < By phone >"
keys Tab Tab
typein 满意
keys F2
wait_for "Callback recorded for complaint $A."
wait_line 1 '^ Complaints +open 1  overdue 0  due soon 0  to sign 1  serious 0$'
keys W
wait_line 2 '^ All open states · Everyone · waiting for my signature$'
expect_re "^ $A +- +called back "
keys s
wait_for "Sign off complaint $A (李)?"
keys y
wait_for "Complaint $A signed off."
wait_line 4 '^ No open complaints\.$'	# none waits for a signature now
keys W
wait_line 2 '^ All open states · Everyone$'
wait_cpl_row "$A" " signed off "
keys c
wait_for "Close complaint $A (李)?"
keys y
wait_for "Complaint $A closed."
wait_line 4 '^ No open complaints\.$'
expect_eq 9 "$(cpl state "$A")" "closed (R39)"
# Still found (R32), and shown whole: every step, each clock met.
keys /
typein 维修工态度
wait_cpl_row "$A" "^ $A +- +closed "
keys Enter Enter
wait_for "─ Complaint "
expect_re "│ Complaint +: $A  closed / ordinary / Service attitude"
expect_re "│ Analysis +: Valid: 维修工服务意识差 / 维修班组"
expect_re "│ Action +: verified: 批评教育并上门道歉 \(张伟, 11-28 18:00\)"
expect_re "│ Result +: 已向投诉人道歉并告知处理结果"
expect_re "│ Called back +: By phone  satisfied  2026-11-27 10:41 满意"
expect_re "│ Signed, closed +: 2026-11-27 10:41  2026-11-27 10:41"
expect_re "│ Analysed by \(R35\) *: 2026-11-28 10:41  met 11-27 10:41"
expect_re "│ Callback by \(R30\) *: 2026-11-28 10:41  met 11-27 10:41"
check "the whole box above the message line at 80x24" \
    "$(row_of "└──")" -lt 22
keys Enter
wait_gone "─ Complaint "
use zhang
wait_line 4 '^ No open complaints\.$' "$LIVE"

# --- the link drops while a complaint is typed: it comes back, its call
# with it --------------------------------------------------------------
use fang
keys F2
log_complaint_call "$ACC_C" 燃气费多收了
typein 08:00
wait_for "08:00"
kill_pane				# the SSH link drops (SIGHUP)
has_draft() {	# wangfang's hung-up session has saved her typing
	[ "$(sqlite3 "$DB" "SELECT count(*) FROM draft d JOIN staff s ON
	    s.id = d.staff_id WHERE s.login = 'wangfang' AND
	    d.form = 'complaint.new'")" -gt 0 ]
}
_wait "$TUI_TIMEOUT" "the hung-up session saves its draft" has_draft
kefu_start fang2 80 24 --lang en --as wangfang
wait_for "You have unsaved input from"
expect_screen "(Register a complaint)"
keys y
wait_for "Your unsaved input is back."
wait_re "│ What happened +: 燃气费多收了 +│"
expect_re "│ When it happened: 08:00 +│"
keys F2
wait_re "Complaint [0-9]+ registered"
B=$(last_cpl)
expect_eq "$(sqlite3 "$DB" "SELECT max(id) FROM contact")" "$(cpl contact_id "$B")" \
    "the restored complaint keeps the call it came from"
finish
