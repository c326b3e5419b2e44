#!/bin/bash
# Callbacks (F6, issue 13) in Chinese: a complaint's callback completes at
# F6 and opens its R39 gate; the month's sample (R42) at start-up and in
# its view. The Chinese strings are read from po/zh_CN.po.
#   - two work orders closed last month (2026-10): the first start in
#     November draws October's sample, said in one line (R42), once;
#   - a complaint found invalid and explained (its result, R34): the core
#     makes its callback task (R30, R41); the supervisor's close is
#     refused (R39) until it is done;
#   - 王芳 at 80x24: the call screen in Chinese (the complaint and its
#     result, the script line), recorded by phone; the complaint is
#     called back (R30, in the same step);
#   - 陈静 signs it off and closes it at F4 (R31, R39);
#   - 120x40: Tab shows the sample of 2026-10 (rate, seed, 1 of 2, the
#     order drawn); [ shows September, not drawn, and D is refused: no
#     completed work orders; ] comes back.
# shellcheck disable=SC2034 # L is read by t (lib.sh)
. "$(dirname "$0")/lib.sh" "$@"
. "$(dirname "$0")/callbacks_lib.sh"
L=zh_CN

O1=$(closed_order "$ACC_A" 燃气灶打不着火 2026-10-20T10:00)
O2=$(closed_order "$ACC_B" 热水器不点火 2026-10-21T11:00)
CPL=$(complaint_result "$ACC_C" 维修工态度差)
TASK=$(last_cb)
expect_eq "0|$CPL" "$(cb "reason || '|' || complaint_id" "$TASK")" \
    "the complaint's callback task (R30, R41)"
check "R39: closed before its callback" "$(k --as chenjing complaint \
    close "$CPL" >/dev/null 2>&1; echo $?)" -eq 5

# --- the first start in November draws October's sample (R42) ------------
kefu_start fang 80 24 --lang zh_CN --as wangfang
wait_for "$(tf "The sample of %s is drawn: %lld of %lld work orders (R42)." \
    2026-10 1 2)"
expect_eq 1 "$(sqlite3 "$DB" "SELECT count(*) FROM callback WHERE reason = 4 AND sample_month = '2026-10'")" \
    "one order of two drawn (ceil 5%)"

# --- the complaint's callback --------------------------------------------
keys F6
wait_line 1 "^ $(t Callbacks) +"
wait_cb_row "$TASK" "^ $TASK +11-28 10:41 $(ere "$(t complaint)") "
down_to_cb "$TASK"
keys Enter
wait_for "$(t "Calling back")"
expect_re "│ $(ere "$(tf "Complaint %lld: %s" "$CPL" 维修工态度差)") "
expect_re "│ $(ere "$(tf "Result: %s" 已向用户解释)") "
expect_re "│ $(ere "$(t "Say:")") 您好,我是"
expect_re "│ $(ere "$(t "Not tried yet.")") "
expect_re "│ $(ere "$(t Method)") *: < $(ere "$(t "By phone")") >"
keys Tab
choose "$(t Satisfaction)" "$(t satisfied)"
keys Tab
typein 用户表示理解
keys F2
wait_for "$(tf "Callback %lld recorded." "$TASK")"
expect_eq 1 "$(cb state "$TASK")" "done"
expect_eq 7 "$(sqlite3 "$DB" "SELECT state FROM complaint WHERE id = $CPL")" \
    "the complaint is called back (R30), in the same step"
wait_cb_gone "$TASK"

# --- the supervisor signs off and closes it at F4 (R31, R39) -------------
kefu_start sup 80 24 --lang zh_CN --as chenjing
wait_for "F1 $(t help)"
keys F4
wait_line 1 " $(tf "to sign %lld" 1)  "
keys s
wait_for "$(tf "Sign off complaint %lld (%s)?" "$CPL" "$NAME_C")"
keys y
wait_for "$(tf "Complaint %lld signed off." "$CPL")"
keys c
wait_for "$(tf "Close complaint %lld (%s)?" "$CPL" "$NAME_C")"
keys y
wait_for "$(tf "Complaint %lld closed." "$CPL")"
expect_eq 9 "$(sqlite3 "$DB" "SELECT state FROM complaint WHERE id = $CPL")" \
    "closed: its callback done (R39)"
# The F6 the supervisor sees: what waits for her signature (R44).
keys F6
wait_line 1 " $(tf "to review %lld" 1)  "

# --- the sample of the month (R42), at 120x40 -----------------------------
use fang
resize_to 120 40
keys Tab
wait_line 1 "^ $(t "Callback sample") "
wait_line 2 "^ 2026-10  "
SEED=$(sqlite3 "$DB" "SELECT printf('%016x', seed) FROM callback_sample WHERE month = '2026-10'" 2>/dev/null)
[ -n "$SEED" ] && expect_re " $SEED "
DRAWN=$(sqlite3 "$DB" "SELECT order_id FROM callback WHERE reason = 4 AND sample_month = '2026-10'")
check "the order drawn is one of the month's" "$DRAWN" = "$O1" -o "$DRAWN" = "$O2"
expect_re "^ [0-9]+ +$DRAWN +[0-9]{2}-[0-9]{2} "
keys "["
wait_line 2 "^ $(ere "$(tf "%s: not drawn yet. D draws it (R42)." 2026-09)")"
keys D
wait_re "2026-09"				# the core's refusal
expect_eq 0 "$(sqlite3 "$DB" "SELECT count(*) FROM callback WHERE sample_month = '2026-09'")" \
    "no sample of a month without completed orders"
keys "]"
wait_line 2 "^ 2026-10  "
keys Tab
wait_line 1 "^ $(t Callbacks) +"

# --- a second start draws nothing, says nothing -------------------------
kefu_start fang2 80 24 --lang zh_CN --as wangfang
wait_for "F1 $(t help)"
barrier "$(help_tail)"
expect_no "2026-10"
keys F1
read_help "$(help_tail)"
keys Escape
finish
