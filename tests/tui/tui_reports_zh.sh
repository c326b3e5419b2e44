#!/bin/bash
# The Reports screen (F7, R53; issue 15) in Chinese at 80x24, as 陈静 the
# supervisor: a period typed (a quarter spelt wrongly is refused under the
# field, in Chinese), the table in Chinese words with its figures lined
# up under their titles and nothing wider than the terminal, one
# community's and one staff member's scope, the drill-down to the late
# order and the order on F3, the chart's bars and trend in block
# characters; every figure's name whole; then (edge_records) an arrival
# a second late read to the second, and the callback completion's task
# opened on F6. The hint's period keys read 上一期 and 下一期 (review L1,
# not Callbacks' 稍后); the staff picker lists every account (M5); the
# bars leave out those without a value and say so when no one has (L9);
# a contact opens on F2 and a fee notice in its account on F5 (M6), at
# 80x24 and 120x40. The records: reports_lib.sh.
. "$(dirname "$0")/lib.sh" "$@"
. "$(dirname "$0")/reports_lib.sh"
L=zh_CN
money_records

kefu_start zh 80 24 --lang zh_CN --as chenjing
keys F7
wait_line 1 '^ 报表 · 2026年11月\(截至现在\) · 全部$'
expect_line 2 '^ 上期:2026年10月 · 去年同期:2025年11月$'
expect_line 3 "^ $(ere "$(t FIGURE)") +$(ere "$(t "THIS PERIOD")") +$(ere "$(t PREVIOUS)") +$(ere "$(t "LAST YEAR")")\$"
expect_line 23 "^F1 帮助  Enter 明细  \\[ 上一期  \\] 下一期  p 期间  s 范围  g 图表 "
expect_no "稍后"
# A quarter spelt wrongly: refused under the field; the right one taken.
keys p
wait_for "$(t "Report period")"
keys C-u
typein 2026Q5
keys Enter
wait_for "“2026Q5”不是统计期间"
keys C-u
typein 2026Q4
keys Enter
wait_line 1 '^ 报表 · 2026年第4季度\(截至现在\) · 全部$'
expect_line 2 '^ 上期:2026年第3季度 · 去年同期:2025年第4季度$'
goto_figure "$arrival_row"
wait_re '^ 准时到达率 \(R2\) +66\.6% +— +—$'
check "a line is wider than 80 columns" "$(screen | wc -L)" -le 80
# The figures end where their titles do (CJK titles count two cells).
expect_eq "$(($(col_of "$(t "THIS PERIOD")") + $(printf '%s' "$(t "THIS PERIOD")" | wc -L)))" \
    "$(($(col_of "66.6%") + 5))" "本期's value under its title"
expect_eq "$(line 3 | wc -L)" "$(line "$(row_of "准时到达率 (R2)")" | wc -L)" \
    "去年同期 and its values end in one column"
# The drill-down: the late order, and on F3.
keys Enter
wait_line 3 '^ 准时到达率 \(R2\) — 未达标:1\(维修单\)$'
expect_line 4 "^ $(ere "$(t "PLACED AT")") +$(ere "$(t RECORD)")\$"
expect_line 5 "^ 11-03 09:40 #$LATE_ID "
keys Enter
wait_re "$(ere "$(t "Work order")") +: $LATE_ID "
expect_screen "2026-11-03 09:52"
keys Enter
wait_gone "2026-11-03 09:52"
keys F7
wait_line 3 '^ 准时到达率 \(R2\) — 未达标:1\(维修单\)$'
keys Escape
wait_line 3 "^ $(ere "$(t FIGURE)") "
# One community's: the late order's (its one arrival, late: 0.0%).
comm=$(jget community "$(show "$LATE_ID")")
keys s
wait_for "$(t "Report for")"
pick 3					# 某个小区
wait_for "$(t "Which community")"
for ((i = $(row_of "$(t "Which community")") + 1; i < $(row_of "│ $comm "); i++)); do
	keys j
done
keys Enter
wait_line 1 "^ 报表 · 2026年第4季度\\(截至现在\\) · $(ere "$comm")\$"
wait_re '^ 准时到达率 \(R2\) +0\.0% +— +—$'
# One staff member's: the technician's three arrivals. The picker lists
# every account by name (one query, not the breakdown per person).
keys s
wait_for "$(t "Report for")"
pick 1					# 某位员工
wait_for "$(t "Which staff member")"
for who in root 王芳 李军 张伟 刘洋 陈静 赵敏 管理员; do
	expect_re "│ $who +│"
done
for ((i = $(row_of "$(t "Which staff member")") + 1; i < $(row_of "│ 张伟 "); i++)); do
	keys j
done
keys Enter
wait_line 1 '^ 报表 · 2026年第4季度\(截至现在\) · 张伟$'
wait_re '^ 准时到达率 \(R2\) +66\.6% +— +—$'
# The chart: bars per staff member and the trend, in block characters;
# only 张伟 has arrivals (王芳's contact, 赵敏's receipt: left out, L9).
keys g
wait_line 3 "^ 准时到达率 \\(R2\\) — $(ere "$(t "per staff member")")\$"
wait_line 4 '^ 张伟 █+[▏▎▍▌▋▊▉]? 66\.6%$'
expect_line 5 '^ *$'
expect_line 23 "^F1 帮助  b 分组  Enter 明细  \\[ 上一期  \\] 下一期  p 期间  s 范围  g $(ere "$(t table)")"
wait_re "^ 准时到达率 \\(R2\\) — 截至 2026-11 的十二个月:50\\.0%\$"
expect_re() { wait_re "$@"; }
expect_re ' 12 +01 +02 +03 +04 +05 +06 +07 +08 +09 +10 +11$'
expect_re '^ 100% +█+$'
check "a chart line is wider than 80 columns" "$(screen | wc -L)" -le 80
# Satisfaction: no one has a score this quarter, and it says so.
for ((i = arrival_row; i > satisfaction_row; i--)); do
	keys Up
done
wait_line 3 "^ 满意度 — $(ere "$(t "per staff member")")\$"
wait_line 4 "^ $(ere "$(t "No one has a value for this figure in this period.")")\$"
expect_eq "本期间没有人有该指标的数值。" "$(t "No one has a value for this figure in this period.")" \
    "the message in Chinese"
# Back to everyone.
keys g
wait_line 3 "^ $(ere "$(t FIGURE)") "
keys s
wait_for "$(t "Report for")"
pick 0
wait_line 1 '^ 报表 · 2026年第4季度\(截至现在\) · 全部$'
# Every figure's name whole at 80x24 in Chinese (three pages).
keys Home
wait_line 4 '^ 接待量 '
for page in 1 2 3; do
	wait_line 3 "^ $(ere "$(t FIGURE)") "
	check "a figure's name cut on page $page: $(screen | grep -m1 '…')" \
	    -z "$(screen | grep '…')"
	keys NPage
done

# --- a second late, and a callback on F6, in Chinese -----------------------
# (At the end: these records change November's figures.)
edge_records
kefu_start zh2 80 24 --lang zh_CN --as chenjing
keys F7
wait_line 1 '^ 报表 · 2026年11月\(截至现在\) · 全部$'
goto_figure "$explain_row"
wait_re '^   无效投诉按时解释 \(R34\) +— +— +—$'
keys Home
wait_line 4 '^ 接待量 '
goto_figure "$arrival_row"
wait_re '^ 准时到达率 \(R2\) +50\.0% +100\.0% +—$'
keys Enter
wait_line 3 '^ 准时到达率 \(R2\) — 未达标:2\(维修单\)$'
expect_line 6 "^ 11-20 11:40 #$EDGE_LATE "
keys Down
# The label wraps at 80 columns: its deadline and arrival to the second.
wait_re "2026-11-20 11:40:00"
expect_screen "2026-11-20 11:40:01"
keys Escape
wait_line 3 "^ $(ere "$(t FIGURE)") "
keys Home
wait_line 4 '^ 接待量 '
goto_figure "$completion_row"
wait_re '^ 回访完成率 \(R47\) +0\.0% +— +—$'
keys Enter
wait_line 3 '^ 回访完成率 \(R47\) — 未达标:1\(回访\)$'
expect_line 5 "^ 11-20 10:00 #$CB "
keys Enter
wait_for "$(t "Callback record")"
expect_line 0 "^ kefu 客服 .* F6 $(ere "$(t Callbacks)")  F7 "
expect_re "│ $(ere "$(t "Callback no.")") *: $CB "
check "a line is wider than 80 columns" "$(screen | wc -L)" -le 80
keys Enter
wait_gone "$(t "Callback record")"
keys F7
wait_line 3 '^ 回访完成率 \(R47\) — 未达标:1\(回访\)$'

# --- a contact on F2, a fee notice on F5, in Chinese (M6) -------------------
for size in "80 24" "120 40"; do
	kefu_start "money${size%% *}" $size --lang zh_CN --as chenjing
	keys F7
	wait_line 1 '^ 报表 · 2026年11月\(截至现在\) · 全部$'
	keys Enter				# 接待量
	wait_line 3 "^ 接待量 — $(ere "$(t counted)"):1\\($(ere "$(t contacts)")\\)\$"
	expect_line 5 "^ 11-04 09:30 #$CONTACT 问燃气费\$"
	keys Enter
	wait_re "│ $(ere "$(t Contact)") *: $CONTACT  2026-11-04 09:30 +│"
	expect_line 0 "^ kefu 客服  F2 $(ere "$(t Reception)")  F3 "
	expect_line $((${size##* } - 2)) '^ 关闭后按 F7 返回报表。$'
	check "a line is wider than ${size%% *} columns" "$(screen | wc -L)" -le "${size%% *}"
	keys Enter
	wait_gone "问燃气费"
	keys F7
	wait_line 3 "^ 接待量 — "
	keys Escape
	wait_line 3 "^ $(ere "$(t FIGURE)") "
	goto_figure 37				# 应收金额 (notices issued)
	wait_re '^ 开具金额.* +¥88\.00 +¥0\.00 +—$'
	keys Enter
	wait_line 3 "— $(ere "$(t counted)"):1\\($(ere "$(t "fee notices")")\\)\$"
	keys Enter
	wait_line $((${size##* } - 2)) '^ 按 F7 返回报表。$'
	expect_line 0 " F5 $(ere "$(t Billing)") "
	expect_line 1 "^ $(ere "$(t Billing)")  $(ere "$(t Accounts)") "
	wait_re '^ 2026-11-05 2026-11-000001 2026-11 +88\.00 '
	expect_re '调整 1：十一月物业费$'
	check "a line is wider than ${size%% *} columns" "$(screen | wc -L)" -le "${size%% *}"
	keys F7
	wait_line 3 "— $(ere "$(t counted)"):1\\($(ere "$(t "fee notices")")\\)\$"
done
finish
