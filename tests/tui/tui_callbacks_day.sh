#!/bin/bash
# Callbacks (F6, issue 13) in English at 80x24: a clerk works through the
# day's callbacks, the supervisor signs them, a technician has no F6.
#   - four tasks made by the core: a promise already late (red), one due
#     within ten minutes (yellow), one later (R52), the caller of a work
#     order closed today; the header counts them, the month's rate (R47);
#   - 王芳: no answer on the late one (kept, tried again an hour later,
#     never done: R47), "call later" on the next, the third recorded by
#     phone (the score asked first), the work order's by a home visit
#     with the customer's signature (R43), dissatisfied with a reason,
#     and a new problem promised a reply: a follow-up task (R45);
#   - an hour on: the retry is called back, its attempt shown;
#   - 陈静 (supervisor): W shows what waits for her signature (R44); she
#     reads the record and signs it;
#   - 张伟 (technician): no F6 (R54);
#   - a call form half filled in when the link drops comes back;
#   - the supervisor cancels a missed one: the rate stays, the header says
#     "(1 cancelled)" (R47).
. "$(dirname "$0")/lib.sh" "$@"
. "$(dirname "$0")/callbacks_lib.sh"

LATE=$(KEFU_NOW=$(at_min -120) promise "$ACC_A" 问燃气费怎么交 60)
SOON=$(promise "$ACC_B" 问维修进度 5)
LATER=$(promise "$ACC_C" 问停气时间 30)
ORD=$(closed_order "$ACC_B" 燃气灶打不着火)
check "four tasks, not $LATE $SOON $LATER $ORD" "$ORD" -eq $((LATE + 3))
expect_eq 2 "$(cb reason "$ORD")" "a work order's caller (R41)"

# --- the clerk's board ---------------------------------------------------
kefu_start fang 80 24 --lang en --as wangfang
wait_for "F1 help"
expect_line 0 " 王芳 \(reception\)  overdue 1  10:41 *\$"	# the late one
keys F6
wait_line 1 "^ Callbacks +open 4  overdue 1  due soon 1  to review 0  month 0%\$"
expect_line 2 "^ to call back · Mine and the pool\$"
expect_line 3 "^ NO\. +DUE +SOURCE +NAME +PHONE +OWNER +TRIES +ABOUT"
wait_cb_row "$LATE" "^ $LATE +11-27 09:41 promise +李 "
wait_cb_row "$SOON" "^ $SOON +11-27 10:46 promise "
wait_cb_row "$LATER" "^ $LATER +11-27 11:11 promise "
wait_cb_row "$ORD" "^ $ORD +11-28 10:41 work order "
expect_line 4 "^ $LATE "			# the nearest deadline first
expect_line 5 "^ $SOON "
expect_line 6 "^ $LATER "
expect_line 7 "^ $ORD "
check "the late one: red (kept where chosen)" \
    "$(cb_attr "$LATE" "09:41")" = "fg=31 bg=49 bold=1 dim=0 rev=0"
check "the late one is chosen" -n "$(cb_attr "$LATE" "promise" |
    grep -E 'rev=1|bg=47')"
check "due within ten minutes: yellow" \
    "$(cb_attr "$SOON" "10:46" | cut -d' ' -f1)" = fg=33
check "later: plain" "$(cb_attr "$LATER" "11:11")" = \
    "fg=39 bg=49 bold=0 dim=0 rev=0"
keys j
soon _wait "$TUI_TIMEOUT" "the cursor on $SOON" _cb_selected "$SOON" "$SOON"
keys k
expect_re "^F1 help  Enter call  a no answer  l later  t take  / search  Tab sample"

# --- no answer: kept, tried again, never done (R47) ----------------------
keys a
wait_for "No answer at 李? It is tried again later."
keys y
wait_for "Callback $LATE: no answer, tried again later."
wait_cb_row "$LATE" " 1 >11:41 "
expect_eq "0|1" "$(cb "state || '|' || attempts" "$LATE")" "an attempt, still open"

# --- call later -----------------------------------------------------------
down_to_cb "$SOON"
keys l
wait_for "Call later"
expect_re "│ Callback no\. *: $SOON  promise  李"
typein 15:00
keys F2
# Past its deadline (10:46): kept, and the core says it will be late (L2).
wait_for "the promised time was ${NOW%T*} 10:46; this callback will be late (R47)"
wait_cb_row "$SOON" " 1 >15:00 "
expect_eq "$(date -d "${NOW%T*} 15:00" +%s)" "$(cb next_try_at "$SOON")" \
    "called again at 15:00"

# --- recorded by phone ----------------------------------------------------
down_to_cb "$LATER"
keys Enter
wait_for "Say: 您好,我是"
expect_re "关于您咨询的“问停气时间”"
expect_re "│ Promised a callback by 11-27 11:11 \(R52\)"
expect_re "│ Not tried yet\."
expect_re "│ Method *: < By phone >"
keys Tab				# Satisfaction: asked, never assumed
expect_re "│ Satisfaction *: < \(ask the customer\) >"
keys Tab
typein 已经清楚了
keys F2
wait_for "say how satisfied the customer is (R41)"	# under the field
expect_eq 0 "$(cb state "$LATER")" "not recorded without a score"
choose Satisfaction satisfied
keys F2
wait_for "Callback $LATER recorded."
expect_eq "1|0|2" "$(cb "state || '|' || method || '|' || score" "$LATER")" \
    "done by phone, satisfied"

# --- a home visit with the customer's signature (R43), a new problem (R45)
down_to_cb "$ORD"
keys Enter
wait_for "Work order "
expect_re "│ Work done \(张伟\): 更换点火器"
expect_re "关于您反映的“燃气灶打不着火”"
choose Method "Home visit"
wait_re "│ Signed by *:"
keys Tab Tab Tab			# Signed by, Signed at, Satisfaction
choose Satisfaction dissatisfied
wait_re "│ Why not satisfied *:"
keys Tab Tab
typein 师傅来得晚
keys Tab
typein 楼道灯坏了
wait_re "│ Then *: < No: promise a reply >"
keys Tab Tab
typein "2026-11-28 10:00"
# The core asks in its order, the cursor going to each field it names.
keys F2
wait_for "say why the customer is not satisfied"
expect_eq 0 "$(cb state "$ORD")" "no dissatisfied score without a reason"
typein 等了一个小时
wait_re "│ Why not satisfied *: 等了一个小时 "
keys F2
wait_for "a home visit carries the customer's signature: the name signed (R43)"
expect_eq 0 "$(cb state "$ORD")" "no home visit without a signature (R43)"
typein 李世岩
wait_re "│ Signed by *: 李世岩 "
keys F2
wait_re "Callback $ORD recorded; follow-up [0-9]+ due 11-28 10:00 \(R45\)\."
FUP=$(last_cb)
expect_eq "1|1|李世岩|4" "$(cb "state || '|' || method || '|' || signed_name || '|' || score" "$ORD")" \
    "a home visit, signed (R43), dissatisfied"
expect_eq "6|$ORD|0" "$(cb "reason || '|' || parent_id || '|' || state" "$FUP")" \
    "the follow-up task of the new problem (R45)"
wait_cb_row "$FUP" "^ $FUP +11-28 10:00 follow-up "
wait_line 1 " open 3  overdue 1  due soon 1  to review 2  month 0%\$"

# --- an hour on: the retry ----------------------------------------------
NOW=$(at_min 65) kefu_start fang2 80 24 --lang en --as wangfang
wait_for "F1 help"
keys F6
wait_cb_row "$LATE" " 1 +"
keys Enter
wait_re "│ Attempts \(1\): 11-27 10:41 no answer \(王芳\)"
keys Tab
choose Satisfaction "very satisfied"
keys Tab
typein 终于打通了
keys F2
wait_for "Callback $LATE recorded."
expect_eq 1 "$(cb state "$LATE")" "done at the second try"

# --- the supervisor signs (R44) -----------------------------------------
kefu_start sup 80 24 --lang en --as chenjing
wait_for "F1 help"
keys F6
wait_line 1 " to review 3  month "
# An open task: nothing to sign yet (M5).
expect_re "^F1 help  Enter call  a no answer  l later  g assign  W to review"
keys W
wait_line 2 "waiting for review \(R44\)"
wait_cb_row "$ORD" "^ $ORD "
down_to_cb "$ORD"
keys s
wait_for "Review a callback"
expect_re "│ Signed \(R43\) *: 李世岩 "
expect_re "│ Customer said *: 师傅来得晚"
expect_re "│ Why *: 等了一个小时"
typein 已电话致歉
keys F2
wait_for "Callback $ORD reviewed and signed (R44)."
expect_eq 2 "$(cb state "$ORD")" "reviewed (R44)"
wait_cb_gone "$ORD"
wait_line 1 " to review 2  month "

# --- a clerk does not sign; a technician has no F6 (R54) -----------------
use fang
keys W
expect_no "waiting for review"		# not hers: no such key
kefu_start zhang 80 24 --lang en --as zhangwei
wait_for "F1 help"
expect_no "F6"
keys F6
barrier
expect_no "Callbacks"

# --- a dropped link loses nothing: the call form's draft -----------------
use fang
down_to_cb "$SOON"
keys Enter
wait_for "Calling back"
choose Method "Home visit"
keys Tab
typein 李先生
wait_re "│ Signed by *: 李先生 "
kill_pane
kefu_start fang3 80 24 --lang en --as wangfang
wait_for "(Calling back). Restore it?"
keys y
wait_re "│ Signed by *: 李先生 "
expect_re "│ Method *: < Home visit >"
expect_re "│ Call of 11-27 10:41: 问维修进度"

# --- cancelling never raises the rate (R47, H2) ---------------------------
# At 12:11 the one due at 10:46 (called later, never reached) is missing;
# the supervisor cancels it: it stays due and missing, the rate does not
# move, and the header says a person cancelled it.
NOW=$(at_min 90) kefu_start sup2 80 24 --lang en --as chenjing
wait_for "F1 help"
keys F6
wait_line 1 " month 33.3%\$"
wait_cb_row "$SOON" "^ $SOON "
down_to_cb "$SOON"
keys x
wait_for "Cancel a callback"
typein 客户已搬走
keys F2
wait_for "Callback $SOON cancelled."
expect_eq 3 "$(cb state "$SOON")" "cancelled"
wait_line 1 " month 33.3% \\(1 cancelled\\)\$"
finish
