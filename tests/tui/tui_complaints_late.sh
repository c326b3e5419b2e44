#!/bin/bash
# Complaints (F4, issue 12) against the clock: three complaints forwarded
# to 张伟 at F4 at NOW, NOW+6m and NOW+30m (R35: analysed within a day);
#   - at NOW the board is plain, nothing overdue, the badge quiet;
#   - a day and a minute later (KEFU_NOW moved): the first is red with
#     -1m left and at the ladder's top (^^^, R29), the second, due in 5
#     minutes, yellow, the third plain; the header counts open 3, overdue
#     1, due soon 1; the top bar's badge says F4 Complaints (1) and
#     overdue 1; the overdue filter (O) keeps the red one;
#   - monochrome (NO_COLOR): the overdue row is bold;
#   - 120x40 shows the place whole.
. "$(dirname "$0")/lib.sh" "$@"
. "$(dirname "$0")/complaints_lib.sh"

A=$(register_at "$NOW" "$ACC_A" 维修后燃气灶还是打不着)
B=$(register_at "$(at_min 6)" "$ACC_B" 收费员态度不好)
C=$(register_at "$(at_min 30)" "$ACC_C" 小区停气没有通知)
check "three complaints registered ($A, $B, $C)" -n "$A" -a -n "$B" -a -n "$C"
expect_eq $((NOW_EPOCH + 86400)) "$(cpl due_at "$A")" "complaint $A due a day after (R35)"

# --- at NOW: nothing overdue -------------------------------------------
NOW=$(at_min 30) kefu_start calm 80 24 --lang en --as chenjing
wait_for "F1 help"
keys F4
wait_line 1 '^ Complaints +open 3  overdue 0  due soon 0  to sign 0  serious 0$'
expect_line 0 " overdue 0  $(date -d "@$((NOW_EPOCH + 1800))" +%H:%M)\$"
expect_line 4 "^ $A +23h30m +forwarded "
keys j
soon _wait "$TUI_TIMEOUT" "the cursor to leave complaint $A" _cpl_unselected "$A" 23h30m
expect_cpl_attr "$A" "23h30m" '^fg=39 bg=49 bold=0 dim=0 rev=0$' "on time (plain)"

# --- a day and a minute later -------------------------------------------
LATE=$(at_min $((24 * 60 + 1)))
LATE_HM=${LATE#*T}
NOW=$LATE kefu_start late 80 24 --lang en --as chenjing
wait_for "F1 help"
keys F4
wait_line 1 '^ Complaints +open 3  overdue 1  due soon 1  to sign 0  serious 0$'
# (80 columns hold the supervisor's seven screens as keys only, the
# current one with its title and badge; the role gives way.)
expect_line 0 "F4 Complaints \(1\) .* overdue 1  $LATE_HM\$"
expect_line 4 "^ $A +-1m +forwarded +ordinary +Service… +李 +张伟 +\^\^\^ "
expect_line 5 "^ $B +5m +forwarded .* \^\^ "
expect_line 6 "^ $C +29m +forwarded "
# The cursor starts on the first row; it keeps red in LEFT.
expect_cpl_attr "$A" "-1m" '^fg=31 bg=49 bold=1 ' "the selected row keeps red in LEFT"
keys j
soon _wait "$TUI_TIMEOUT" "the cursor to leave complaint $A" _cpl_unselected "$A" forwarded
expect_cpl_attr "$A" "-1m" '^fg=31 bg=49 bold=1 ' "overdue (C_ERROR: red, bold)"
expect_cpl_attr "$A" "forwarded" '^fg=31 bg=49 bold=1 ' "overdue, the whole row"
keys j
soon _wait "$TUI_TIMEOUT" "the cursor to leave complaint $B" _cpl_unselected "$B" forwarded
expect_cpl_attr "$B" "5m" '^fg=33 bg=49 ' "due within 10 minutes (C_WARN: yellow)"
keys k k
soon _wait "$TUI_TIMEOUT" "the cursor back on complaint $A" _cpl_selected "$A" forwarded
expect_cpl_attr "$C" "29m" '^fg=39 bg=49 bold=0 dim=0 rev=0$' "on time (plain)"
keys O
wait_line 2 '^ All open states · Everyone · overdue only$'
wait_line 1 '^ Complaints +open 1  overdue 1  due soon 0 '
expect_line 4 "^ $A +-1m "
expect_line 5 '^$'
keys O
wait_line 2 '^ All open states · Everyone$'
wait_line 6 "^ $C "

# --- monochrome: bold ---------------------------------------------------
start mono 80 24 env NO_COLOR=1 LANG=C.UTF-8 TZ=Asia/Shanghai \
    KEFU_DB="$DB" KEFU_NOW="$LATE" "$KEFU" --lang en --as chenjing
wait_for "F1 help"
keys F4
wait_line 1 '^ Complaints +open 3  overdue 1 '
keys j
soon _wait "$TUI_TIMEOUT" "the cursor to leave complaint $A (monochrome)" _cpl_unselected "$A" -1m
expect_cpl_attr "$A" "-1m" '^fg=39 bg=49 bold=1 dim=0 rev=0$' "overdue in monochrome (bold)"
expect_cpl_attr "$C" "29m" '^fg=39 bg=49 bold=0 dim=0 rev=0$' "on time in monochrome (plain)"

# --- 120x40: the place whole --------------------------------------------
NOW=$LATE kefu_start big 120 40 --lang en --as chenjing
wait_for "F1 help"
keys F4
wait_line 1 '^ Complaints +open 3  overdue 1  due soon 1  to sign 0  serious 0$'
PLACE_A=$(cpl place "$A")
expect_line 4 "^ $A +-1m +forwarded +ordinary +Service… +李 +张伟 +\^\^\^ +$(ere "$PLACE_A")\$"
expect_line 0 "F4 Complaints \(1\) .* overdue 1  $LATE_HM\$"
# The chosen complaint is not ready to sign or close: not offered (M5).
expect_line 39 '^F1 help  Enter open  f forward  W to sign  / search  F10 menu  q quit$'
finish
