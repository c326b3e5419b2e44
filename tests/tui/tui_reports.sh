#!/bin/bash
# The Reports screen (F7, R53; issue 15) in English: a supervisor reads
# the quarter and drills down to its one late arrival, which opens on F3;
# the records behind a rate in its three parts; a period before the first
# record or not begun is refused and the table stays; the chart (bars per
# staff member and community, the twelve-month trend); the view kept when
# F7 comes back; 120x40 shows the month with more rows; an admin has F7,
# a technician has none. Then, with edge_records: an arrival at its
# deadline's second is met and one a second after late, the labels
# telling them apart by their seconds; the callback completion's and the
# satisfaction's records open on F6 (for an admin too) and F7 comes back
# to the list; the CLI's drill says `kefu callback show ID`; every
# figure's name whole at 80x24. A contact opens on F2, a fee notice and a
# receipt in the account on F5 (review M6); the bars leave out whoever has
# no value for the figure, and say so when no one has (L9); the hint
# reads "[ before  ] after" (L1); another session's change marks the
# chart and the drill-down stale and they are read again after a quiet
# moment (M5); a figure of 1,200 records reaches its last, End and Enter
# (M9). The records: reports_lib.sh.
. "$(dirname "$0")/lib.sh" "$@"
. "$(dirname "$0")/reports_lib.sh"
money_records

# --- 80x24: the quarter, its late arrival, the order on F3 ----------------
kefu_start sup 80 24 --lang en --as chenjing
keys F7
wait_line 1 '^ Reports · November 2026 \(to now\) · the whole service$'
expect_line 2 '^ previous: October 2026 · last year: November 2025$'
expect_line 3 '^ FIGURE +THIS PERIOD +PREVIOUS +LAST YEAR$'
expect_line 4 '^ Contacts received +[0-9]+ +[0-9]+ +—$'	# last year: before the first record
# The period keys' own words (L1: Callbacks' "later" is 稍后), and
# every hint of the table fits at 80 columns.
expect_line 23 '^F1 help  Enter records  \[ before  \] after  p period  s scope  g chart'
keys m					# the quarter
wait_line 1 '^ Reports · 2026 Q4 \(to now\) · the whole service$'
expect_line 2 '^ previous: 2026 Q3 · last year: 2025 Q4$'
goto_figure "$arrival_row"
# 2 of 3 on time, rounded down; Q3 and 2025 Q4 lie before the first record.
wait_re '^ On-time arrival \(R2\) +66\.6% +— +—$'
# Every line within 80 columns, the values right-aligned in theirs; the
# figures' names whole (none cut with "…").
check "a line is wider than 80 columns" "$(screen | wc -L)" -le 80
wait_re '^   Invalid: explained on time \(R34\) +— +— +—$'
expect_no "…"
expect_eq "$(($(col_of "THIS PERIOD") + 11))" "$(($(col_of "66.6%") + 5))" \
    "the value's end under its column's title's end"
keys Enter
wait_line 3 '^ On-time arrival \(R2\) — missed: 1 \(work orders\)$'
expect_line 4 '^ PLACED AT +RECORD$'
expect_line 5 "^ 11-03 09:40 #$LATE_ID "
# The chosen record's label whole under the list: its deadline, its arrival.
wait_re "^ #$LATE_ID .*due 2026-11-03 09:40, met"
expect_screen "2026-11-03 09:52"
# The counted ones, the whole denominator, and back to the missed.
keys v
wait_line 3 '^ On-time arrival \(R2\) — counted: 2 \(work orders\)$'
expect_screen "#$OK_ID "
expect_screen "#$OCT_ID "
expect_no "#$LATE_ID "
keys v
wait_line 3 '^ On-time arrival \(R2\) — all counted against: 3 \(work orders\)$'
keys v
wait_line 3 '^ On-time arrival \(R2\) — missed: 1 \(work orders\)$'
# Enter: the late order on its own screen, F3, shown whole.
keys Enter
wait_for "Dispatch board"
wait_re "Work order +: $LATE_ID  on-site / Gas equipment"
expect_re() { wait_re "$@"; }
expect_re "Deadline +: 2026-11-03 09:40  \(on site by\)"
expect_re "Arrived +: 2026-11-03 09:52"
keys Enter				# the view closes: F3 is there
wait_gone "Arrived"
expect_line 1 '^ Dispatch board '
# F7 again: where the person was.
keys F7
wait_line 3 '^ On-time arrival \(R2\) — missed: 1 \(work orders\)$'
expect_line 1 '^ Reports · 2026 Q4 \(to now\) · the whole service$'
keys Escape
wait_line 3 '^ FIGURE +THIS PERIOD'
# A period before the first record, or not begun: said, the table stays.
keys '['
wait_for "2026Q3 ends before the first record (2026-10-12 10:00)"
expect_line 1 '^ Reports · 2026 Q4 \(to now\)'
keys ']'
wait_for "2027Q1 has not begun: reports cover periods that have begun (R53)"
expect_line 1 '^ Reports · 2026 Q4 \(to now\)'
# The chart of the figure under the cursor.
keys g
wait_line 3 '^ On-time arrival \(R2\) — per staff member$'
# (Counted at the next tick: "Counting per staff member…" meanwhile.)
wait_line 4 '^ 张伟 █+[▏▎▍▌▋▊▉]? 66\.6%$'
# 王芳 (a contact) and 赵敏 (a receipt) are in the breakdown but have
# no arrival: left out, not bars of "—" (L9).
expect_line 5 '^ *$'
expect_no "王芳"
expect_no "赵敏"
expect_line 23 '^F1 help  b by  Enter records  \[ before  \] after  p period  s scope  g table'
# A rate's whole bar is 100%: two thirds of the bar's room, not all of it
# (张伟 is the only one, so the largest would have filled it).
check "a 66.6% bar as long as a whole one: '$(line 4)'" "$(line 4 | wc -L)" -lt 65
wait_re '^ On-time arrival \(R2\) — the twelve months to 2026-11: 50\.0%$'
# The trend: December 2025 to November; only October and November have
# a value (the others lie before the first record: a dash, no column).
expect_re ' 12 +01 +02 +03 +04 +05 +06 +07 +08 +09 +10 +11$'
expect_re '^ 100% +█+$'
keys b
wait_line 3 '^ On-time arrival \(R2\) — per community$'
expect_re " $(ere "$(jget community "$(show "$LATE_ID")")") +0\.0%$"
# Up and Down choose the figure the chart is of.
keys Down
wait_line 3 '^ On-time repair \(R3\) — per community$'
# A figure no community and no one has a value for: said (L9).
goto_up() { local i k=(); for ((i = 0; i < $1; i++)); do k+=(Up); done; keys "${k[@]}"; }
goto_up $((arrival_row + 1 - satisfaction_row))
wait_line 3 '^ Satisfaction — per community$'
wait_line 4 '^ No community has a value for this figure in this period\.$'
keys b
wait_line 3 '^ Satisfaction — per staff member$'
wait_line 4 '^ No one has a value for this figure in this period\.$'
check "a chart line is wider than 80 columns" "$(screen | wc -L)" -le 80
keys g
wait_line 3 '^ FIGURE +THIS PERIOD'
# The help lists the screen's keys.
keys F1
read_help "Keys"
expect_help "[" "The period before (a month or a quarter)"
expect_help "p" "Type a period: a month 2026-11 or a quarter 2026Q4"
expect_help "s" "Everyone, one staff member, one team (role) or one community"
expect_help "g" "The chosen figure as pictures"
keys Escape

# --- 120x40: the month, with more rows at once ----------------------------
kefu_start wide 120 40 --lang en --as chenjing
keys F7
wait_line 1 '^ Reports · November 2026 \(to now\) · the whole service$'
# November 1 of 2, October 1 of 1, November 2025 before the first record.
wait_re '^ On-time arrival \(R2\) +50\.0% +100\.0% +—$'
check "a line is wider than 120 columns" "$(screen | wc -L)" -le 120
keys g				# the chart of the first figure
wait_line 3 '^ Contacts received — per staff member$'
wait_re '^ 王芳 +█+ 1$'
# Another session logs a contact: the chart says it has changed, and
# once the desk is quiet a moment (3 s) counts again by itself (M5: not
# at every poll of a busy desk).
KEFU_NOW=2026-11-03T08:00 k --as wangfang contact log --purpose inquiry \
    --phone 13700001234 --asked 问路 >/dev/null || fail "kefu contact log"
wait_line 3 '^ Contacts received — per staff member · changed since$'
wait_re '^ 王芳 +█+ 2$'
wait_line 3 '^ Contacts received — per staff member$'

# --- an admin has F7; a technician has none --------------------------------
kefu_start admin 80 24 --lang en --as guanli
wait_for "Staff accounts"
keys M-7
wait_line 1 '^ Reports · November 2026 \(to now\) · the whole service$'
kefu_start tech 80 24 --lang en --as zhangwei
wait_for "My work orders"
expect_no "F7"
keys F7
wait_for "That screen is not available to your roles."
expect_no "Reports"
keys M-7
wait_for "That screen is not available to your roles."
expect_no "Reports"

# --- a second late reads late; a callback figure opens on F6 --------------
# (At the end: these records change November's figures.)
edge_records
kefu_start edge 120 40 --lang en --as chenjing
keys F7
wait_line 1 '^ Reports · November 2026 \(to now\) · the whole service$'
# November: LATE_ID and EDGE_LATE late, OK_ID and EDGE_OK on time.
wait_re '^ On-time arrival \(R2\) +50\.0% +100\.0% +—$'
goto_figure "$arrival_row"
keys Enter
wait_line 3 '^ On-time arrival \(R2\) — missed: 2 \(work orders\)$'
expect_line 5 "^ 11-03 09:40 #$LATE_ID "
expect_line 6 "^ 11-20 11:40 #$EDGE_LATE "
expect_no "#$EDGE_OK "
# The one a second late, chosen: its label whole under the list, the
# deadline and the arrival in one minute told apart by their seconds.
keys Down
late_label=$(k --as chenjing report drill orders.arrival --month 2026-11 \
    --missed | sed -nE "s/^order +$EDGE_LATE  [0-9: -]{16}  //p")
check "the CLI's drill lists $EDGE_LATE: '$late_label'" -n "$late_label"
wait_re " — due 2026-11-20 11:40:00, met 2026-11-20 11:40:01\$"
wait_re "^ $(ere "$late_label")\$"
# At the deadline's second: on time, counted, read as met.
keys v
wait_line 3 '^ On-time arrival \(R2\) — counted: 2 \(work orders\)$'
expect_line 6 "^ 11-20 09:40 #$EDGE_OK "
keys Down
wait_re " — due 2026-11-20 09:40:00, met 2026-11-20 09:40:00\$"
expect_no "#$EDGE_LATE "
# Callback completion (R47): the survey recorded a second late is missed;
# Enter opens the task on F6, shown whole; F7 again is the same list.
keys Escape
wait_line 3 '^ FIGURE +THIS PERIOD'
keys Home
wait_line 4 '^ Contacts received '
goto_figure "$completion_row"
wait_re '^ Callback completion \(R47\) +0\.0% +— +—$'
keys Enter
wait_line 3 '^ Callback completion \(R47\) — missed: 1 \(callbacks\)$'
expect_line 5 "^ 11-20 10:00 #$CB "
wait_re " — due 2026-11-20 10:00:00, done 2026-11-20 10:00:01\$"
keys Enter
wait_for "Callback record"
expect_line 0 '^ kefu 客服 .* F6 Callbacks  F7 '
expect_re "│ Callback no\. : $CB  opinion survey / called back +│"
expect_re "│ Recorded +: By phone  satisfied  11-20 10:00 陈静 +│"
keys Enter				# the view closes: F6 is there
wait_gone "Callback record"
expect_line 1 '^ Callbacks '
keys F7
wait_line 3 '^ Callback completion \(R47\) — missed: 1 \(callbacks\)$'
expect_line 5 "^ 11-20 10:00 #$CB "
# Satisfaction: its one score, counted, opens on F6 too.
keys Escape
wait_line 3 '^ FIGURE +THIS PERIOD'
keys Home
wait_line 4 '^ Contacts received '
goto_figure "$satisfaction_row"
wait_re '^ Satisfaction +100\.0% +— +—$'
keys Enter
wait_line 3 '^ Satisfaction — missed: 0 \(callbacks\)$'
keys v
wait_line 3 '^ Satisfaction — counted: 1 \(callbacks\)$'
keys Enter
wait_for "Callback record"
expect_re "│ Callback no\. : $CB "
keys Enter
wait_gone "Callback record"
# The CLI's drill names the command that shows a callback.
expect_eq "(open one with kefu callback show ID)" "$(k --as chenjing \
    report drill callbacks.completion --month 2026-11 --missed | tail -n 1)" \
    "the CLI drill's last line for callbacks"
expect_eq "$CB" "$(jget id "$(k --as chenjing --json callback show "$CB")")" \
    "kefu callback show opens the drilled task"
# An admin looks at callbacks (F6): the task opens there for him too.
kefu_start admin2 80 24 --lang en --as guanli
wait_for "Staff accounts"
keys M-7
wait_line 1 '^ Reports · November 2026 \(to now\) · the whole service$'
goto_figure "$completion_row"
wait_re '^ Callback completion \(R47\) +0\.0% +— +—$'
keys Enter
wait_line 3 '^ Callback completion \(R47\) — missed: 1 \(callbacks\)$'
keys Enter
wait_for "Callback record"
expect_line 0 '^ kefu 客服 .* F6 Callbacks  F7 '
keys Enter
wait_gone "Callback record"
# Every figure's name whole at 80x24 (three pages of the table).
keys F7
wait_line 1 '^ Reports · '
keys Escape
wait_line 3 '^ FIGURE +THIS PERIOD'
keys Home
for page in 1 2 3; do
	wait_line 3 '^ FIGURE +THIS PERIOD'
	check "a figure's name cut on page $page: $(screen | grep -m1 '…')" \
	    -z "$(screen | grep '…')"
	keys NPage
done

# --- a contact on F2, a notice and a receipt on F5 (M6) ---------------------
kefu_start money 80 24 --lang en --as chenjing
keys F7
wait_line 1 '^ Reports · November 2026 \(to now\) · the whole service$'
keys Enter				# Contacts received
wait_line 3 '^ Contacts received — counted: 2 \(contacts\)$'
wait_line 5 '^ 11-03 08:00 #[0-9]+ 问路$'
expect_line 6 "^ 11-04 09:30 #$CONTACT 问燃气费\$"
keys Down Enter
wait_re "│ Contact +: $CONTACT  2026-11-04 09:30 +│"
expect_re "│ Asked +: 问燃气费 +│"
expect_line 0 '^ kefu 客服  F2 Reception  F3 '
expect_line 22 '^ Close it, then F7: back to the report\.$'
keys Enter				# the view closes: F2 is there
wait_gone "Asked"
expect_line 1 '^ Reception '
keys F7
wait_line 3 '^ Contacts received — counted: 2 \(contacts\)$'
keys Escape
wait_line 3 '^ FIGURE +THIS PERIOD'
acct=${CUST[0]%% *}
name=${CUST[0]#* }
# Billed: the notice in its customer's account, chosen, its lines below.
goto_figure 37
wait_re '^ Billed \(notices issued\) +¥88\.00 '
keys Enter
wait_line 3 '^ Billed \(notices issued\) — counted: 1 \(fee notices\)$'
expect_line 5 "^ 11-05 10:00 #$NOTICE 2026-11 · $name\$"
keys Enter
wait_line 22 '^ F7: back to the report\.$'
expect_line 0 '^ kefu 客服  F2  F3  F4  F5 Billing'
wait_re "^ $acct  $name  "
expect_re '^ 2026-11-05 2026-11-000001 2026-11 +88\.00 +88\.00 +50\.00 +38\.00 11-20$'
expect_re '^ +88\.00  调整  调整 1：十一月物业费$'
expect_re '^ previous balance 0\.00  total due 88\.00  due 2026-11-20$'
check "the notice's row is the chosen one" -n "$(attr_at \
    "$(row_of "2026-11-000001 2026-11")" 2026-11-000001 | grep -E 'rev=1|bg=47')"
# A supervisor looks at F5 (V_LOOK): no payment is offered.
expect_no " pay "
keys F7
wait_line 3 '^ Billed \(notices issued\) — counted: 1 \(fee notices\)$'
keys Escape
wait_line 3 '^ FIGURE +THIS PERIOD'
# Collected: the receipt, chosen, what it paid below.
keys Down
wait_re '^ Collected +¥50\.00 '
keys Enter
wait_line 3 '^ Collected — counted: 1 \(receipts\)$'
expect_line 5 "^ 11-06 10:00 receipt 1 · $name\$"
keys Enter
wait_line 22 '^ F7: back to the report\.$'
wait_re '^ taken by zhaomin at 2026-11-06 10:00, printed 0 times$'
expect_re '^ +50\.00  to notice 2026-11-000001$'
check "the receipt's row is the chosen one" -n "$(attr_at \
    "$(row_of "receipt 000001")" "receipt 000001" | grep -E 'rev=1|bg=47')"
# Arrears: the same notice, now 38.00 owed and overdue.
keys F7
wait_line 3 '^ Collected — counted: 1 \(receipts\)$'
keys Escape
wait_line 3 '^ FIGURE +THIS PERIOD'
keys Down
wait_re '^ Arrears \(overdue\) +¥38\.00 '
keys Enter
wait_line 3 '^ Arrears \(overdue\) — counted: 1 \(fee notices\)$'
keys Enter
wait_line 22 '^ F7: back to the report\.$'
expect_re '^ previous balance 0\.00  total due 88\.00  due 2026-11-20$'

# --- 1,200 more contacts: every one can be reached (M9) --------------------
# (At the end: they change November's contacts.)
contact_flood 1200
total=$(k --as chenjing report drill contacts --month 2026-11 |
    sed -nE '1s/.*, num: ([0-9]+)$/\1/p')
check "November's contacts: '$total'" "${total:-0}" -gt 1000
last=$(k --as chenjing report drill contacts --month 2026-11 --all |
    sed -nE 's/^contact +[0-9]+  [0-9: -]{16}  (.*)$/\1/p' | tail -n 1)
check "the CLI's last contact of November: '$last'" -n "$last"
kefu_start flood 80 24 --lang en --as chenjing
keys F7
wait_line 1 '^ Reports · November 2026 \(to now\) · the whole service$'
keys Enter
wait_line 3 "^ Contacts received — counted: $total \\(contacts\\)\$"
keys End				# the last, past the first 1,000
wait_re "^ 11-11 03:59 $(ere "$last")\$"
expect_re "^ 11-11 03:59 #[0-9]+ 问路 1200\$"
keys Enter
wait_re "│ Contact +: [0-9]+  2026-11-11 03:59 +│"
expect_re "│ Asked +: 问路 1200 +│"
keys Enter
wait_gone "Asked"
keys F7					# back on the record opened
wait_re "^ 11-11 03:59 $(ere "$last")\$"
wait_line 20 "^ $(ere "$last")\$"
# PgUp goes back through them; Home to the first.
keys PPage
wait_re '^ 11-11 03:4[0-9] #[0-9]+ 问路 11[89][0-9]$'
keys Home
wait_line 5 '^ 11-03 08:00 #[0-9]+ 问路$'
# Another session's contact: the heading says the list has changed; a
# quiet moment later it is read again, with one more.
KEFU_NOW=2026-11-20T08:00 k --as wangfang contact log --purpose inquiry \
    --phone 13700001234 --asked 又问路 >/dev/null || fail "kefu contact log"
wait_re '^ Contacts received — counted: [0-9,]+ \(contacts\) · changed since$'
wait_line 3 "^ Contacts received — counted: $((total + 1)) \\(contacts\\)\$"
keys End
wait_re "^ 11-20 08:00 #[0-9]+ 又问路\$"
finish
