#!/bin/bash
# Complaints (F4, issue 12) in Chinese at 80x24: an invalid complaint
# takes the short path (R34), three sessions on one database:
#   - a clerk (王芳) logs a call at Reception with purpose 投诉 and
#     registers it from the call: the apology (非常抱歉给您带来不便…)
#     first, in the caller's language only; forwarded to 张伟 (R28);
#   - the supervisor's F4 (陈静) shows it live, in Chinese words;
#   - 张伟 finds it invalid and records what the complainant was told
#     (R34, the result of an invalid complaint): its callback falls due;
#   - the supervisor's close is refused before the callback, R39 on the
#     screen in Chinese;
#   - the clerk records the callback (R30, R41) at her F4; the supervisor
#     signs (R31) and closes it; help (F1) lists the keys in Chinese.
# The Chinese strings are read from po/zh_CN.po.
# shellcheck disable=SC2034 # L is read by t (lib.sh)
. "$(dirname "$0")/lib.sh" "$@"
. "$(dirname "$0")/complaints_lib.sh"
L=zh_CN

kefu_start sup 80 24 --lang zh_CN --as chenjing
wait_for "F1 $(t help)"
keys F4
wait_line 1 "^ $(t Complaints) +$(t "open %lld  overdue %lld  due soon %lld" |
    sed 's/%lld/0/g')  $(tf "to sign %lld" 0)  $(tf "serious %lld" 0)\$"
expect_line 2 "^ $(t "All open states") · $(t Everyone)\$"
expect_line 4 "^ $(t "No open complaints.")\$"
# Only the moves the chosen row may have are offered (M5): none without a row.
expect_line 23 "^F1 $(t help)  W $(t "to sign")  / $(t search)  F10 "
kefu_start zhang 80 24 --lang zh_CN --as zhangwei
wait_for "F1 $(t help)"
keys F4
wait_line 2 "^ $(t "All open states") · $(t Mine)\$"

# --- registered from a complaint call --------------------------------
kefu_start fang 80 24 --lang zh_CN --as wangfang
log_complaint_call "$ACC_B" 燃气表走得太快
wait_re "│ $(ere "$(t "Apologise first (R27):")") 非常抱歉给您带来不便!"
# The caller's language is the UI's: no English gloss, the line says it.
expect_no "We are very sorry"
expect_eq "$(t "We are very sorry for the inconvenience! We will look into the problem you reported carefully and let you know the result as soon as possible.")" \
    "非常抱歉给您带来不便!您反映的问题我们一定认真处理,并尽快把处理结果告诉您。" \
    "the apology's translation is the line said"
expect_re "│ $(ere "$(t "No similar complaint found.")") +│"
expect_re "│ $(ere "$(t "What happened")") *: 燃气表走得太快 +│"
fill_complaint 08:15 张伟
keys F2
A=1					# the database's first
wait_for "$(tf "Complaint %lld registered; due %s." "$A" "11-28 10:41")"
expect_eq "$A" "$(last_cpl)" "the complaint's number"
expect_eq 1 "$(cpl state "$A")" "forwarded (R28)"
use sup
wait_cpl_row "$A" "^ $A +1d00h +$(ere "$(t forwarded)") +$(ere "$(t ordinary)") +$(ere "$(t "Service attitude")") +李 +张伟 " "$LIVE"

# --- invalid: explained (R34) ------------------------------------------
use zhang
wait_cpl_row "$A" "^ $A " "$LIVE"
keys a
wait_for "$(t "Analyse a complaint")"
keys Right				# 无效
wait_re "│ $(ere "$(t Finding)") *: < $(ere "$(t Invalid)") >"
keys Tab
typein 表计经检定合格
keys Tab
typein 无
keys F2
wait_for "$(tf "Complaint %lld analysed." "$A")"
expect_eq 0 "$(cpl valid "$A")" "found invalid"
check "R34: an invalid one is explained within two days" \
    "$(cpl explain_due_at "$A")" = $((NOW_EPOCH + 2 * 86400))
keys e
wait_for "$(t "Explain an invalid complaint")"
typein 已向用户解释表计检定结果
keys F2
wait_for "$(tf "Explanation recorded for complaint %lld." "$A")"
expect_eq 6 "$(cpl state "$A")" "explained: the result of an invalid complaint"

# --- R39: no close before the callback ---------------------------------
use sup
wait_cpl_row "$A" " $(ere "$(t "result recorded")") " "$LIVE"
keys c
wait_re "\(R39\)"
expect_eq 6 "$(cpl state "$A")" "not closed before the callback"

# --- the callback at the front desk, the signature, the close ----------
use fang
keys F4
wait_cpl_row "$A" "^ $A "
keys b
wait_for "$(t "Complaint callback")"
keys Down Right				# 满意 -> 一般
keys Tab
typein 用户表示理解
keys F2
wait_for "$(tf "Callback recorded for complaint %lld." "$A")"
expect_eq 3 "$(cpl callback_score "$A")" "the satisfaction chosen"
use sup
wait_line 1 " $(tf "to sign %lld" 1)  " "$LIVE"
keys s
wait_for "$(tf "Sign off complaint %lld (%s)?" "$A" 李)"
keys y
wait_for "$(tf "Complaint %lld signed off." "$A")"
keys c
wait_for "$(tf "Close complaint %lld (%s)?" "$A" 李)"
keys y
wait_for "$(tf "Complaint %lld closed." "$A")"
wait_line 4 "^ $(t "No open complaints.")\$"
expect_eq 9 "$(cpl state "$A")" "closed"

# --- help lists every key that works now, in Chinese --------------------
keys F1
read_help "$(help_tail)"
# No complaint is chosen (the list is empty): no move of a row (M5).
expect_help_no "$(t "Forward to the person responsible (R28)")"
expect_help_no "$(t "Close the complaint: only with a result and a callback (R39)")"
expect_help "W" "$(t "Show the complaints waiting for my signature (R31), or all again")"
expect_help "/" "$(t "Search: complainant, phone, place or what happened (Enter keeps it, Esc clears it)")"
keys Escape
finish
