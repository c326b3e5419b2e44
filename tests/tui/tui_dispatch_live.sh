#!/bin/bash
# The Dispatch board (F3) and the technician's own orders, three sessions
# at once through the real program (issue 5):
#   - the dispatcher (80x24, English) starts on an empty board, the
#     technician (80x24, Chinese) on an empty 我的维修单;
#   - a clerk (80x24, English) logs a repair call at Reception and makes
#     it a work order; the board shows it live, no key pressed, due 40
#     minutes after NOW with 40m left (R2); a second, unattended order
#     (from the CLI) joins it;
#   - the dispatcher receives it (R21) and dispatches it to 张伟 through
#     the picker, which shows each technician's open load (R11);
#   - the technician's session rings with 您有一张新的维修单。 and shows
#     it, and only it (R54); he records the arrival, an item of the
#     paid-service list (R25), the materials check (R24), the work done
#     (R23) and the customer's sign-off (R26): the order leaves his list
#     and is closed with 30.00 due (R19); the board drops it live;
#   - a later assignment rings again, also for an order older than the
#     last one he was given (a reassignment);
#   - help (F1) lists the dispatcher's keys on the board and the
#     technician's (r, i, m, w, s) on his screen.
# The other Dispatch scenarios: tui_dispatch_*.sh. The Chinese strings
# are read from po/zh_CN.po.
# shellcheck disable=SC2034 # L is read by t (lib.sh)
. "$(dirname "$0")/lib.sh" "$@"
. "$(dirname "$0")/dispatch_lib.sh"

# --- the dispatcher's empty board, the technician's empty list ----------
kefu_start li 80 24 --lang en --as lijun
wait_for "Dispatch board"		# a dispatcher starts at the board
TM set-hook -g alert-bell "run-shell 'echo #{session_name} >>\"$T/bells\"'" ||
    fail "tmux set-hook alert-bell"
expect_line 0 "F3 Dispatch .* 李军 \(dispatcher\)  overdue 0  $NOW_HM\$"
expect_line 1 '^ Dispatch board +open 0  overdue 0  due soon 0$'
expect_line 2 '^ All categories · all technicians$'
expect_line 3 '^ DUE +LEFT +NO\. +STATE +CATEGORY +TECH +FAULT / ADDRESS$'
expect_line 4 '^ No open work orders\.$'
# Only the moves the chosen row may have are offered (M5): none without a row.
expect_line 23 '^F1 help  o overdue  F10 menu  q quit$'
L=zh_CN
kefu_start zhang 80 24 --lang zh_CN --as zhangwei
wait_for "$(t "My work orders")"	# a technician starts at his orders
expect_line 0 "F3 $(ere "$(t Dispatch)") .* 张伟 \($(ere "$(t technician)")\)  $(ere "$(t overdue)") 0  $NOW_HM\$"
expect_no "F2 "				# no Reception for him
expect_line 1 "^ $(ere "$(t "My work orders")") +$(ere "$(counts 0 0 0)")\$"
expect_line 2 "^ $(ere "$(t "All categories")") · $(ere "$(t mine)")\$"
expect_line 4 "^ $(ere "$(t "No open work orders are yours.")")\$"
expect_line 23 "^F1 $(t help)  F10 "
expect_eq 0 "$(bells zhang)" "bells of the technician's session at the start"
L=en

# --- a repair call at Reception becomes a work order; the board, live --
kefu_start fang 80 24 --lang en --as wangfang
wait_for "Find:"
typein "$ACC_A"
wait_re "^ $ACC_A +$NAME_A "
check "the Find panel shows $(hit_rows | wc -l) customers for $ACC_A" \
    "$(hit_rows | wc -l)" -eq 1
keys Enter
wait_for "Log a call or visit"
wait_re "Customer: $ACC_A $NAME_A "
keys Tab Tab Tab			# from "Address as" to Asked
typein 燃气灶打不着火
wait_for "您反映的是:燃气灶打不着火"
keys F2
wait_re 'Logged contact [0-9]+ \(Repair request\)\.'
wait_for "Make a work order of this repair call now?"
keys y
wait_for "Work order from the call"
wait_for "No open work order nearby."
expect_re "│ Category +: < Gas equipment >"
expect_re "│ Fault +: 燃气灶打不着火 +│"
keys F2
wait_re "Work order [0-9]+ reported; due $DUE_HM\."
A=$(screen | sed -nE 's/.*Work order ([0-9]+) reported.*/\1/p' | head -1)
check "no work order number on the clerk's screen" -n "$A"
j=$(show "$A")
ADDR_A=$(jget address "$j")
expect_eq equipment "$(jget category "$j")" "category of order $A"
expect_eq 燃气灶打不着火 "$(jget fault "$j")" "fault of order $A"
expect_eq $((NOW_EPOCH + 2400)) "$(jget deadline_at "$j")" "deadline of order $A"
check "order $A has no contact it came from" "$(jget contact_id "$j")" -gt 0
use li					# no key pressed there since
FAULT_A=$(jget fault "$j")
wait_re "^ $DUE_HM 40m +$A +reported +Gas +$(fault_re "$FAULT_A")  " "$LIVE"
expect_line 1 '^ Dispatch board +open 1  overdue 0  due soon 0$'
expect_no "No open work orders."
read -r ACC_U _ <<<"${CUST[1]}"
U=$(new_order "$NOW" --category equipment --customer "$ACC_U" --fault 热水器漏气)
check "kefu order new (equipment, $ACC_U) gave no order number" -n "$U"
FAULT_U=$(jget fault "$(show "$U")")
wait_re "^ $DUE_HM 40m +$U +reported +Gas +$(fault_re "$FAULT_U")  " "$LIVE"
wait_line 1 '^ Dispatch board +open 2  overdue 0  due soon 0$'
check "order $A is not the first row (same deadline, reported first)" \
    "$(row_of "${FAULT_A:0:4}")" -eq 4

# --- received (R21) and dispatched to 张伟 by his load (R11) --------------
keys a					# the cursor is on the first row
wait_for "Receive work order $A ($ADDR_A) now?"
keys y
wait_for "Work order $A received."
wait_re "^ $DUE_HM 40m +$A +acknowledg"
j=$(show "$A")
expect_eq acknowledged "$(jget state "$j")" "state of order $A after a, y"
expect_eq "$NOW_EPOCH" "$(jget acked_at "$j")" "time received of order $A"
keys d
wait_for "─ Dispatch to "
expect_screen "张伟  (0 open)"
expect_screen "刘洋  (0 open)"
top=$(row_of "─ Dispatch to ")
z=$(row_of "张伟  (0 open)")
check "张伟 is not in the picker under its title ($top, $z)" "$z" -gt "$top"
for ((i = top + 1; i < z; i++)); do
	keys Down
done
keys Enter
wait_for "Work order $A dispatched."
wait_re "^ $DUE_HM 40m +$A +dispatched +Gas +张伟 +$(fault_re "$FAULT_A")"
expect_eq zhangwei "$(jget technician "$(show "$A")")" "technician of order $A"
# The picker counts his order now (the cursor is still on it: reassign).
keys d
wait_for "张伟  (1 open)"
expect_screen "刘洋  (0 open)"
keys Escape
wait_gone "─ Dispatch to "
expect_eq zhangwei "$(jget technician "$(show "$A")")" \
    "technician of order $A after Esc in the picker"

# --- the technician: the bell, then on site to sign-off -------------------
L=zh_CN
use zhang				# no key pressed there since
wait_for "$(t "A new work order is yours.")" "$LIVE"
soon _wait "$LIVE" "the technician's session to ring" _bells zhang 1
expect_eq 1 "$(bells zhang)" "bells of the technician's session after one assignment"
expect_eq 0 "$(bells li)" "bells of the dispatcher's session"
wait_re "^ $DUE_HM 40m +$A +$(ere "$(t dispatched)") +$(fault_re "$FAULT_A")"	# no TECH, no CATEGORY: his, the address first
expect_no "$FAULT_U"			# R54: only his own
expect_eq 1 "$(nrows)" "rows on the technician's list"
expect_line 1 " $(ere "$(counts 1 0 0)")\$"
keys r
q=$(t "On site for work order %lld (%s) now?")
q=${q/\%lld/$A}
wait_for "${q/\%s/$ADDR_A}"
keys y
wait_for "$(tf "Arrival recorded for work order %lld." "$A")"
wait_re "^ $DUE_HM $(ere "$(t met)") +$A +$(ere "$(t on-site)") "
keys s					# no work done yet: refused (R23, R26) at the key,
wait_for "$(t "the customer signs once the work done is recorded (R23, R26)")"
expect_no "$(t "Customer's name")"	# before he types into a form
expect_no "cannot "			# all of it in Chinese
expect_eq on-site "$(jget state "$(show "$A")")" "state of order $A after a refused sign-off"
keys i
wait_for "< GAS-01 更换灶具胶管  30.00/次 >"
expect_re "│ $(ere "$(t Quantity)") *: 1 +│"
keys Tab C-u				# a quantity of 0: refused
typein 0
keys F2
wait_for "$(t "a quantity is a whole number from 1 to 10000")"
expect_eq "[]" "$(show "$A" | sed -nE 's/.*"items":(\[[^]]*\]).*/\1/p')" \
    "items of order $A after a refused quantity"
keys C-u
typein 1
wait_re "│ $(ere "$(t Quantity)") *: 1 +│"
keys F2
wait_for "$(tf "Item charged on work order %lld." "$A")"
keys Enter				# the order whole: arrival, item, amount
wait_re "│ $(ere "$(t Arrived)") *: $DAY $NOW_HM +│"
expect_re "│ $(ere "$(t Customer)") *: $ACC_A $NAME_A "	# his job's (R54)
expect_re "│ $(ere "$(t Item)") *: GAS-01 更换灶具胶管 x1 = 30\.00 +│"
expect_re "│ $(ere "$(t "Amount due")") *: 30\.00 +│"
keys Escape
wait_gone "$(t "Amount due")"
keys m
wait_re "│ $(ere "$(t Result)") *: < $(ere "$(t Passed)") >"
keys Tab
typein 客户自购胶管合格
wait_for 客户自购胶管合格
keys F2
wait_for "$(tf "Materials check recorded for work order %lld." "$A")"
keys w
wait_re "│ $(ere "$(t "What was done")") *: +│"
typein 更换灶具胶管,试火正常
wait_for 更换灶具胶管,试火正常
keys F2
wait_for "$(tf "Work done recorded for work order %lld." "$A")"
wait_re "^ $DUE_HM $(ere "$(t met)") +$A +$(ere "$(t "done")") "
keys s
wait_re "│ $(ere "$(t "Customer's name")") *: +│"
typein "$NAME_A"
wait_re "│ $(ere "$(t "Customer's name")") *: $NAME_A +│"
keys F2
wait_for "$(tf "Work order %lld signed off." "$A")"
wait_line 4 "^ $(ere "$(t "No open work orders are yours.")")\$"
expect_no "${FAULT_A:0:4}"
j=$(show "$A")
expect_eq closed "$(jget state "$j")" "state of order $A after the sign-off"
expect_eq 3000 "$(jget amount_due "$j")" "amount due of order $A (fen)"
expect_eq "$NAME_A" "$(jget signed_name "$j")" "signed name of order $A"
expect_eq "$NOW_EPOCH" "$(jget arrived_at "$j")" "arrival of order $A"
expect_eq "$NOW_EPOCH" "$(jget signed_at "$j")" "sign-off time of order $A"
expect_eq 更换灶具胶管,试火正常 "$(jget work_done "$j")" "work done of order $A"
expect_eq pass "$(jget materials "$j")" "materials check of order $A"
expect_eq 客户自购胶管合格 "$(jget materials_note "$j")" "materials note of order $A"
expect_eq GAS-01 "$(jget code "$j")" "item of order $A"
expect_eq 1 "$(jget quantity "$j")" "quantity of order $A's item"
L=en

# --- the board drops the closed order, live -------------------------------
use li
wait_no_row "$A" "$LIVE"
wait_line 1 '^ Dispatch board +open 1  overdue 0  due soon 0$'
expect_screen "$FAULT_U"
expect_eq "" "$(k --as lijun order list | awk -v a="$A" '$1 == a')" \
    "order $A in kefu order list (open orders)"

# --- a later assignment rings again; so does a reassigned, older order ------
read -r ACC_B _ <<<"${CUST[2]}"
read -r ACC_C _ <<<"${CUST[3]}"
B=$(new_order "$NOW" --category equipment --customer "$ACC_B" --fault 灶具回火)
C=$(new_order "$NOW" --category equipment --customer "$ACC_C" --fault 报警器误报)
check "orders B ($B) and C ($C) were reported" -n "$B" -a -n "$C"
for o in "$B" "$C"; do
	k --as lijun order ack "$o" >/dev/null || fail "kefu order ack $o"
done
k --as lijun order assign "$B" liuyang >/dev/null || fail "kefu order assign $B liuyang"
use zhang
barrier "$(po_msgstr "Any key closes this help.")"	# the message goes
expect_line 22 '^$'
k --as lijun order assign "$C" zhangwei >/dev/null || fail "kefu order assign $C zhangwei"
wait_re "$ROW$C " "$LIVE"
soon wait_for "$(po_msgstr "A new work order is yours.")" "$LIVE"
soon _wait "$LIVE" "the technician's session to ring again" _bells zhang 2
expect_eq 2 "$(bells zhang)" "bells of the technician's session after two assignments"
expect_no "$(jget address "$(show "$B")")"	# liuyang's, not his
barrier "$(po_msgstr "Any key closes this help.")"
expect_line 22 '^$'
# B goes from 刘洋 to 张伟: a new assignment for him, though B is older.
k --as lijun order assign "$B" zhangwei --version "$(jget version "$(show "$B")")" \
    >/dev/null || fail "kefu order assign $B zhangwei"
wait_re "$ROW$B " "$LIVE"
expect_eq 2 "$(nrows)" "rows on the technician's list with B and C"
soon wait_for "$(po_msgstr "A new work order is yours.")" "$LIVE"
soon _wait "$LIVE" "the technician's session to ring for the reassigned order" _bells zhang 3
# Cancelled: they leave his list (no bell for that).
for o in "$B" "$C"; do
	k --as lijun order cancel "$o" --reason 测试 >/dev/null || fail "kefu order cancel $o"
done
wait_line 4 "^ $(po_msgstr "No open work orders are yours.")\$" "$LIVE"
nb=$(bells zhang)
use li
wait_no_row "$C" "$LIVE"
wait_line 1 '^ Dispatch board +open 1  overdue 0  due soon 0$'

# --- help: the dispatcher's keys, the technician's ------------------------
keys F1
read_help "closes this help."
expect_help Enter "Show the chosen work order whole"
expect_help a "Acknowledge the order: the time received is recorded (R21)"
# The chosen order is not received yet: no dispatch, nothing to
# approve (M5: only what the row may have now).
expect_help_no "Dispatch to a technician, chosen by his open load (R11)"
expect_help_no "Approve a job off the paid-service list (R22, supervisors)"
expect_help x "Cancel the order, with a reason"
expect_help c "Show one category only"
expect_help t "Show one technician's orders only"
expect_help o "Show the overdue orders only, or all again"
expect_help PgDn "Next page"
expect_help q "Quit kefu"
expect_help_no "I am on site"
keys Escape
wait_gone "closes this help."
L=zh_CN
use zhang
keys F1
read_help "$(t "Any key closes this help.")"	# one page at 80x24
# None of his orders is open: no move of a row is offered (M5).
expect_help_no "$(t "Show the chosen work order whole")"
expect_help_no "$(t "I am on site: record the arrival (R2)")"
expect_help_no "$(t "Charge an item of the paid-service list (R25)")"
expect_help_no "$(t "Record what was actually done (R23)")"
expect_help q "$(t "Quit kefu")"
expect_help_no "$(t "Dispatch to a technician, chosen by his open load (R11)")"
expect_help_no "$(t "Acknowledge the order: the time received is recorded (R21)")"
keys Escape
wait_gone "$(t "Any key closes this help.")"
expect_eq "$nb" "$(bells zhang)" "bells after his orders were cancelled"
finish
