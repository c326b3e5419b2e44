#!/bin/bash
# The Dispatch board 41 minutes after NOW (issue 5): the unattended order
# is red with -1m left, one due in 5 minutes yellow, the top bar says
# overdue 1; the overdue filter; monochrome (NO_COLOR): bold. A long
# board: 80x24 pages (PgDn), 120x40 shows more, a major pipeline order is
# due tomorrow (R3).
. "$(dirname "$0")/lib.sh" "$@"
. "$(dirname "$0")/dispatch_lib.sh"

# --- 41 minutes later: the unattended order is red ----------------------
late_orders
NOW=$LATE kefu_start late 80 24 --lang en --as lijun
wait_for "Dispatch board"
expect_line 0 " overdue 1  $LATE_HM\$"
expect_line 1 '^ Dispatch board +open 3  overdue 1  due soon 1$'
expect_line 4 "^ $DUE_HM -1m +$U +reported +Gas +$(ere "$FAULT_U")  "
expect_line 5 "^ [0-9:]{5} 5m +$Y +reported "
expect_line 6 "^ [0-9:]{5} 18m +$G +reported "
# Colours (DESIGN: overdue red, due within 10 minutes yellow). The cursor
# starts on the first row; off it, each row shows its own colour.
expect_attr "$U" "reported" 'rev=1|bg=47' "the selected row"
expect_attr "$U" "-1m" '^fg=31 bg=49 bold=1 ' "the selected row keeps red in LEFT"
keys j
soon _wait "$TUI_TIMEOUT" "the cursor to leave order $U" _unselected "$U" reported
expect_attr "$U" "-1m" '^fg=31 bg=49 bold=1 ' "overdue (C_ERROR: red, bold)"
expect_attr "$U" "$FAULT_U" '^fg=31 bg=49 bold=1 ' "overdue, the whole row"
keys j
soon _wait "$TUI_TIMEOUT" "the cursor to leave order $Y" _unselected "$Y" reported
expect_attr "$Y" "5m" '^fg=33 bg=49 ' "due within 10 minutes (C_WARN: yellow)"
keys k k
soon _wait "$TUI_TIMEOUT" "the cursor back on order $U" _selected "$U" reported
expect_attr "$G" "18m" '^fg=39 bg=49 bold=0 dim=0 rev=0$' "an order on time (normal)"
keys o					# overdue only
wait_line 2 '^ All categories · all technicians · overdue only$'
expect_eq 1 "$(nrows)" "rows with the overdue filter"
expect_line 4 "^ $DUE_HM -1m +$U "
keys o
wait_line 2 '^ All categories · all technicians$'
expect_eq 3 "$(nrows)" "rows without the overdue filter"
# Monochrome (NO_COLOR): the overdue row is bold.
start mono 80 24 env NO_COLOR=1 LANG=C.UTF-8 TZ=Asia/Shanghai \
    KEFU_DB="$DB" KEFU_NOW="$LATE" "$KEFU" --lang en --as lijun
wait_line 1 '^ Dispatch board +open 3  overdue 1  due soon 1$'
keys j
soon _wait "$TUI_TIMEOUT" "the cursor to leave order $U (monochrome)" _unselected "$U" -1m
expect_attr "$U" "-1m" '^fg=39 bg=49 bold=1 dim=0 rev=0$' "overdue in monochrome (bold)"
expect_attr "$G" "18m" '^fg=39 bg=49 bold=0 dim=0 rev=0$' "on time in monochrome (plain)"

# --- a long board: 80x24 pages, 120x40 shows more -------------------------
pipe_orders
use late
wait_line 1 '^ Dispatch board +open 25  overdue 1  due soon 1$' "$LIVE"
expect_eq 18 "$(nrows)" "rows of 25 shown at 80x24"
expect_line 21 "${ROW}[0-9]+ "
keys NPage NPage
wait_line 21 "^ $TOMORROW 23h19m +$LAST +reported +Pipe, maj"	# R3: 24 hours
expect_line 20 "^ [0-9:]{5} 3h19m +[0-9]+ +reported +Pipe +管道漏气 21  测试路 21 号\$"
NOW=$LATE kefu_start big 120 40 --lang en --as lijun
wait_line 1 '^ Dispatch board +open 25  overdue 1  due soon 1$'
expect_eq 25 "$(nrows)" "rows of 25 shown at 120x40"
expect_line 4 "^ $DUE_HM -1m +$U +reported +Gas +热水器漏气  $(ere "$ADDR_U")\$"
expect_line 28 "^ $TOMORROW 23h19m +$LAST +reported +Pipe, maj[a-z…]* +管道漏气 22  测试路 22 号\$"
# Not received yet: no dispatch offered (M5, R21).
expect_line 39 '^F1 help  Enter open  a receive  x cancel  o overdue '
expect_eq 25 "$(k --as lijun order list --state reported --limit 100 | awk 'NR > 1' | wc -l)" \
    "reported orders in kefu order list"
finish
