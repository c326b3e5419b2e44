#!/bin/bash
# The Reports screen (F7, R53; issue 15) in Chinese at 80x24, as 陈静 the
# supervisor: a period typed (a quarter spelt wrongly is refused under the
# field, in Chinese), the table in Chinese words with its figures lined
# up under their titles and nothing wider than the terminal, one
# community's and one staff member's scope, the drill-down to the late
# order and the order on F3, the chart's bars and trend in block
# characters; every figure's name whole; then (edge_records) an arrival
# a second late read to the second, and the callback completion's task
# opened on F6. The orders: reports_lib.sh.
. "$(dirname "$0")/lib.sh" "$@"
. "$(dirname "$0")/reports_lib.sh"
L=zh_CN

kefu_start zh 80 24 --lang zh_CN --as chenjing
keys F7
wait_line 1 '^ 报表 · 2026年11月\(截至现在\) · 全部$'
expect_line 2 '^ 上期:2026年10月 · 去年同期:2025年11月$'
expect_line 3 "^ $(ere "$(t FIGURE)") +$(ere "$(t "THIS PERIOD")") +$(ere "$(t PREVIOUS)") +$(ere "$(t "LAST YEAR")")\$"
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
# One staff member's: the technician's three arrivals.
keys s
wait_for "$(t "Report for")"
pick 1					# 某位员工
wait_for "$(t "Which staff member")"
expect_screen "张伟"
keys Enter
wait_line 1 '^ 报表 · 2026年第4季度\(截至现在\) · 张伟$'
wait_re '^ 准时到达率 \(R2\) +66\.6% +— +—$'
# The chart: bars per staff member and the trend, in block characters.
keys g
wait_line 3 "^ 准时到达率 \\(R2\\) — $(ere "$(t "per staff member")")\$"
expect_line 4 '^ 张伟 █+[▏▎▍▌▋▊▉]? 66\.6%$'
wait_re "^ 准时到达率 \\(R2\\) — 截至 2026-11 的十二个月:50\\.0%\$"
expect_re() { wait_re "$@"; }
expect_re ' 12 +01 +02 +03 +04 +05 +06 +07 +08 +09 +10 +11$'
expect_re '^ 100% +█+$'
check "a chart line is wider than 80 columns" "$(screen | wc -L)" -le 80
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
finish
