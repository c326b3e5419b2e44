#!/bin/bash
# Complaints (F4, issue 12): the keys the other scenarios do not reach, in
# English at 80x24, the supervisor alone at the board:
#   - a serious complaint stands at the ladder's top at once (R29) and is
#     counted serious; its supervisor analyses it and sets its action
#     (R29: a serious one's only by a supervisor), approves and verifies
#     it; its result is refused at the key before the on-site visit
#     (R37), which "i" records; then the result, the callback, the signature;
#   - two supervisors sign it off at once: the second is told who signed
#     first and when (R31), nothing of his saved;
#   - "o" reopens the signed complaint with a reason: its clocks start
#     again;
#   - "u" escalates a complaint to a supervisor chosen from the list: one
#     step up (^);
#   - "y" records a municipal complaint's interim reply (R38);
#   - "l" links a complaint to another by its number (R48); to itself it
#     is refused.
. "$(dirname "$0")/lib.sh" "$@"
. "$(dirname "$0")/complaints_lib.sh"

A=$(REG_SERIOUS=1 register_at "$NOW" "$ACC_A" 燃气泄漏报修两小时无人到场)
M=$(REG_MUNICIPAL=1 register_at "$NOW" "$ACC_B" 道路施工挖断燃气管道停气)
D=$(register_at "$NOW" "$ACC_C" 收费员多收了费用)
check "three complaints registered ($A, $M, $D)" -n "$A" -a -n "$M" -a -n "$D"
expect_eq 1 "$(cpl severity "$A")" "complaint $A is serious"
expect_eq 1 "$(cpl municipal "$M")" "complaint $M involves a municipal body"

kefu_start sup 80 24 --lang en --as chenjing
wait_for "F1 help"
keys F4
wait_line 1 '^ Complaints +open 3  overdue 0  due soon 0  to sign 0  serious 1$'
wait_cpl_row "$A" "^ $A +1d00h +forwarded +serious .* \^\^\^ "	# R29
wait_cpl_row "$D" "^ $D +1d00h +forwarded +ordinary .* 张伟 +[^^ ]"

# --- escalate one step, to a supervisor (R29) ----------------------------
down_to_cpl "$D"
keys u
wait_for "Escalate to"
expect_re "│ 陈静 +│"
keys Enter
wait_for "Complaint $D escalated."
expect_eq 1 "$(cpl escalated "$D")" "one step raised by hand"
wait_cpl_row "$D" " 张伟 +\^ "
# E: those escalated to me (R29), the header counting them; E again: all.
keys E
wait_line 1 '^ Complaints +open 1  overdue 0  due soon 0  to sign 0  serious 0$'
wait_cpl_row "$D" "^ $D "
wait_cpl_gone "$A"
keys E
wait_line 1 '^ Complaints +open 3  overdue 0  due soon 0  to sign 0  serious 1$'
down_to_cpl "$D"

# --- link to another by its number (R48); not to itself -------------------
keys l
wait_for "Link a duplicate"
typein "$D"
keys F2
wait_re "(itself|R48)"
open_forms=$(screen | grep -c "Link a duplicate")
check "the form stays open after the refusal" "$open_forms" -ge 1
keys C-u
typein "$M"
keys F2
wait_for "Complaint $D linked."
expect_eq "$M" "$(cpl duplicate_of "$D")" "R48: $D is a duplicate of $M"

# --- a municipal complaint's interim reply (R38) ---------------------------
down_to_cpl "$M"
keys y
wait_for "Interim reply"
typein 已告知用户市政施工进度,恢复供气后再答复
keys F2
wait_for "Interim reply recorded for complaint $M."
check "R38: the interim reply is recorded" "$(cpl replied_at "$M")" -gt 0

# --- a serious complaint handled by the supervisor ------------------------
down_to_cpl "$A"
keys a
wait_for "Analyse a complaint"
keys Tab
typein 抢修调度不及时
keys Tab
typein 调度中心
keys F2
wait_for "Complaint $A analysed."
keys m
wait_for "Corrective action"
typein 调整抢修值班安排
keys Tab
choose Owner 李军
keys Tab
typein "2026-11-28 09:00"
keys F2
wait_for "Corrective action set on complaint $A."
keys p
wait_for "Approve the actions of complaint $A"
keys y
wait_for "Actions of complaint $A approved."
keys v
wait_for "Verify an action"
keys F2
wait_for "Action verified on complaint $A."
keys r
wait_re "\(R37\)"			# refused at the key: the visit first
expect_no "Result of a complaint"
expect_eq 5 "$(cpl state "$A")" "no result before the on-site visit"
keys i
wait_for "On-site visit"
typein "陈静、李军"
keys Tab Tab
typein 现场查看并向用户当面致歉,已提交整改报告
keys F2
wait_for "On-site visit recorded for complaint $A."
expect_eq "陈静、李军" "$(cpl visit_who "$A")" "R37: who went"
keys r
wait_for "Result of a complaint"
typein 已整改并向用户说明
keys F2
wait_for "Result recorded for complaint $A; the callback is due."
keys b
wait_for "Complaint callback"
keys F2
wait_for "Callback recorded for complaint $A."

# --- two supervisors sign at once: one wins, the other is told who (R31) --
k user add zhouli 周丽 supervisor >/dev/null || fail "kefu user add zhouli"
kefu_start sup2 80 24 --lang en --as zhouli
wait_for "F1 help"
keys F4
wait_cpl_row "$A" "^ $A +- +called back "
down_to_cpl "$A"
use sup
keys s
wait_for "Sign off complaint $A"		# asked, not answered yet
use sup2
keys s
wait_for "Sign off complaint $A"
keys y
wait_for "Complaint $A signed off."
use sup
keys y
wait_re "At 2026-11-27 10:41 周丽 signed off complaint $A first; yours was"
wait_re "\(R31\)$"
expect_eq "$(sqlite3 "$DB" "SELECT id FROM staff WHERE login = 'zhouli'")" \
    "$(cpl signed_by "$A")" "the first signature stands"
wait_cpl_row "$A" " signed off "

# --- reopened with a reason: its clocks start again ------------------------
keys o
wait_for "Reopen a complaint"
typein 用户反映问题再次出现
keys F2
wait_for "Complaint $A reopened."
expect_eq 1 "$(cpl reopen_count "$A")" "reopened once"
check "a clock runs again" -n "$(cpl due_at "$A")"
wait_cpl_row "$A" "^ $A +1d00h "
finish
