#!/bin/bash
# The board's filters (c, t, s, o) narrow it, each compared with kefu
# order list under the same filter (rows in order, the header's counts),
# and "all" again restores it, in English and in Chinese; with more than
# 500 open the header counts them all and the board pages (by keyset,
# never loading them all) to the very last, End at once.
# shellcheck disable=SC2034 # L is read by t (lib.sh)
. "$(dirname "$0")/lib.sh" "$@"
. "$(dirname "$0")/dispatch_lib.sh"

# --- the day's orders, 41 minutes on ------------------------------------
# Every category and state the filters pick, some overdue, some due soon,
# more pipeline orders than a page: U, Y, G and 22 pipeline orders; with
# 刘洋 one done (D) and one dispatched (CO); with 张伟 one dispatched (R)
# and a paid one on site (P); two emergencies with their paperwork.
late_orders
pipe_orders
at() {		# LOGIN ARGS...: kefu ARGS as LOGIN at $NOW, checked
	local who=$1
	shift
	k --as "$who" "$@" >/dev/null || fail "kefu $* as $who"
}
D=$(new_order "$NOW" --category equipment --address 草稿路1号 \
    --contact-name 王五 --phone 13800009999 --fault 阀门坏了)
CO=$(new_order "$NOW" --category pipe --customer "${CUST[2]%% *}" --fault 表前阀漏气)
R=$(new_order "$NOW" --category equipment --address 抢单路1号 \
    --contact-name 钱七 --phone 13800008888 --fault 抢单测试 \
    --appointment "$(date -d "@$((NOW_EPOCH + 120))" +%H:%M)")
P=$(new_order "$NOW" --category paid --fee GAS-01 --address 审核路3号 \
    --contact-name 周九 --phone 13800007777 --fault 换胶管)
for o in "$D" "$CO" "$R" "$P"; do
	at lijun order ack "$o"
done
at lijun order assign "$D" liuyang
at liuyang order arrive "$D"
at liuyang order "done" "$D" --work 更换阀门
at lijun order assign "$CO" liuyang
at lijun order assign "$R" zhangwei
at lijun order assign "$P" zhangwei
at zhangwei order arrive "$P"
at zhangwei order item "$P" GAS-01 2
E=$(new_order "$LATE" --category equipment --emergency --address 急修路5号 \
    --fault 燃气泄漏报警)
E2=$(new_order "$LATE" --category equipment --emergency --address 急修路6号 \
    --fault 闻到煤气味)
KEFU_NOW=$LATE at lijun order edit "$E" --contact-name 赵六 --phone 13900001111
KEFU_NOW=$LATE at lijun order edit "$E2" --customer "${CUST[3]%% *}"
NOW=$LATE kefu_start flt 80 24 --lang en --as lijun
wait_for "Dispatch board"
L=zh_CN
NOW=$LATE kefu_start fltzh 80 24 --lang zh_CN --as lijun
wait_for "$(t "Dispatch board")"
L=en

# --- the filters narrow the board; "all" again restores it -------------
# Each against kefu order list with the same filter: the rows, in order,
# and the header's open count (it counts what the filters keep).
ALL=$(cli_ids | wc -l)
OVER=$(cli_ids --overdue | wc -l)
use flt
to_top
expect_line 1 "^ Dispatch board +open $ALL  overdue $OVER  due soon [0-9]+\$"
SOON=$(line 1 | sed -nE 's/.* due soon ([0-9]+)$/\1/p')
expect_line 2 '^ All categories · all technicians$'
expect_ids "all the open orders"
keys c
wait_for "─ Show "
expect_screen "│ Paid service "
pick 1					# Gas equipment
wait_line 2 '^ Gas equipment · all technicians$'
expect_ids "category Gas equipment" --category equipment
expect_line 1 " open $(cli_ids --category equipment | wc -l)  overdue "
keys c
wait_for "─ Show "
pick 5					# Paid service
wait_line 2 '^ Paid service · all technicians$'
expect_ids "category Paid service" --category paid
keys o					# and overdue: none
wait_line 2 '^ Paid service · all technicians · overdue only$'
expect_line 1 ' open 0  overdue 0  due soon 0$'
expect_line 4 '^ No open work orders\.$'
keys o c
wait_for "─ Show "
pick 0					# All categories
wait_line 2 '^ All categories · all technicians$'
expect_line 1 " open $ALL  overdue $OVER  due soon $SOON\$"
expect_ids "all categories again"	# a new view starts at its most urgent
keys t
wait_for "─ Show "
expect_screen "│ All technicians "
top=$(row_of "─ Show ")
pick $(($(row_of "张伟  (") - top - 1))
wait_line 2 '^ All categories · 张伟$'
expect_ids "technician 张伟" --tech zhangwei
expect_line 1 " open $(cli_ids --tech zhangwei | wc -l)  overdue "
keys t
wait_for "─ Show "
pick 0					# All technicians
wait_line 2 '^ All categories · all technicians$'
expect_ids "all technicians again"	# a new view starts at its most urgent
keys s
wait_for "─ Show "
expect_screen "│ All states "
pick 4					# on-site
wait_line 2 '^ All categories · all technicians · on-site$'
expect_ids "state on-site" --state on-site
keys s
wait_for "─ Show "
pick 0					# All states
wait_line 2 '^ All categories · all technicians$'
expect_ids "all states again"	# a new view starts at its most urgent
keys o
wait_line 2 '^ All categories · all technicians · overdue only$'
expect_ids "overdue only" --overdue
expect_line 1 " open $OVER  overdue $OVER  due soon 0\$"
keys o
wait_line 2 '^ All categories · all technicians$'
expect_line 1 " open $ALL  overdue $OVER  due soon $SOON\$"
L=zh_CN
use fltzh
keys c
wait_for "─ $(t Show) "
pick 2					# Pipeline: more than a page
wait_line 2 "^ $(ere "$(t Pipeline) · $(t "all technicians")")\$"
expect_line 1 " $(ere "$(counts "$(cli_ids --category pipe | wc -l)" 0 0)")\$"
expect_ids "category Pipeline (zh_CN)" --category pipe
keys s
wait_for "─ $(t Show) "
pick 3					# dispatched
wait_line 2 "^ $(ere "$(t Pipeline) · $(t "all technicians") · $(t dispatched)")\$"
expect_ids "category Pipeline, state dispatched (zh_CN)" --category pipe --state dispatched
keys o
wait_line 2 "^ $(ere "$(t Pipeline) · $(t "all technicians") · $(t dispatched) · $(t "overdue only")")\$"
expect_line 4 "^ $(ere "$(t "No open work orders.")")\$"
keys o s
wait_for "─ $(t Show) "
pick 0
keys c
wait_for "─ $(t Show) "
pick 0
wait_line 2 "^ $(ere "$(t "All categories") · $(t "all technicians")")\$"
expect_line 1 " $(ere "$(counts "$ALL" "$OVER" "$SOON")")\$"
L=en

# --- more than 500 open: the header counts them all, every one reached --
# 520 runs of kefu order new take 2.6 s (5 ms each; far longer in a
# sanitizer build): one order is reported, and copied 519 times in SQL.
X=$(new_order "$NOW" --category pipe --address 批量路 --contact-name 张三 \
    --phone 13800000000 --fault 批量漏气)
sqlite3 "$DB" "CREATE TEMP TABLE o AS SELECT * FROM work_order WHERE id = $X;
    UPDATE o SET id = NULL;
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 519)
    INSERT INTO work_order SELECT o.* FROM o, n;
    UPDATE work_order SET address = '批量路 ' || id || ' 号' WHERE id >= $X;" ||
    fail "sqlite3: 519 copies of order $X"
ALL=$(cli_ids | wc -l)
OVER=$(cli_ids --overdue | wc -l)
check "only $ALL orders open after 520 more" "$ALL" -gt 520
NOW=$LATE kefu_start many 80 24 --lang en --as lijun
wait_line 1 "^ Dispatch board +open $ALL  overdue $OVER  due soon $SOON\$"
expect_line 2 '^ All categories · all technicians$'
expect_ids "the first page of $ALL"
mapfile -t pages < <(yes NPage | head -30)
keys "${pages[@]}"			# 18 rows a page: to the end
wait_line 21 "${ROW}$(cli_ids | tail -n 1) "
keys Home End				# the very last, at once
wait_line 21 "${ROW}$(cli_ids | tail -n 1) "
keys Home				# and back to the most urgent
wait_line 4 "${ROW}$(cli_ids | head -n 1) "
keys o
wait_line 2 '^ All categories · all technicians · overdue only$'
expect_line 1 " open $OVER  overdue $OVER  due soon 0\$"
L=zh_CN
NOW=$LATE kefu_start manyzh 80 24 --lang zh_CN --as lijun
wait_line 1 " $(ere "$(counts "$ALL" "$OVER" "$SOON")")\$"
expect_line 2 "^ $(ere "$(t "All categories") · $(t "all technicians")")\$"
finish
