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
#   - with the clock past 40 minutes the unattended order is red with -1m
#     left, one due in 5 minutes yellow, the top bar says overdue 1; the
#     overdue filter; monochrome (NO_COLOR): bold;
#   - help (F1) lists the dispatcher's keys on the board and the
#     technician's (r, i, m, w, s) on his screen;
#   - 120x40 shows more of a long board than 80x24 (whose PgDn pages);
#   - Enter on a technician's job shows the customer on file (R54);
#   - an emergency shows "!" until e fills in its paperwork (R9, R20);
#   - the filters c, t, s and o, each against kefu order list, and back;
#   - with 520 more open the header counts them all, and the board says
#     it shows the soonest 500.
# The Chinese strings are read from po/zh_CN.po.
. "$(dirname "$0")/lib.sh" "$@"
T0=$(now_ms)
demo_db
# Seconds for another session's change to show (sessions poll about twice
# a second); TUI_LIVE relaxes it for a slow (sanitizer, loaded) machine.
LIVE=${TUI_LIVE:-2}
NOW_EPOCH=$(date -d "${NOW/T/ }" +%s)	# TZ is Asia/Shanghai (lib.sh)
DAY=${NOW%T*}
DUE_HM=$(date -d "@$((NOW_EPOCH + 2400))" +%H:%M)	# R2: 40 minutes
LATE=${DAY}T$(date -d "@$((NOW_EPOCH + 41 * 60))" +%H:%M)
LATE_HM=${LATE#*T}
TOMORROW=$(date -d "@$((NOW_EPOCH + 86400))" +%m-%d)

L=en
jget() {	# KEY JSON: the value of KEY (its only one) in JSON, unquoted
	printf '%s' "$2" | sed -nE 's/.*"'"$1"'":("([^"]*)"|([^,}]*)).*/\2\3/p'
}
tf() {		# MSGID ARG: the UI's text for a format of one number
	# shellcheck disable=SC2059 # the format is the catalogue's
	printf "$(t "$1")" "$2"
}
counts() {	# OPEN OVERDUE SOON: the board's counts as language $L says them
	local s
	s=$(t "open %lld  overdue %lld  due soon %lld")
	s=${s/\%lld/$1}
	s=${s/\%lld/$2}
	printf '%s' "${s/\%lld/$3}"
}
expect_re() {	# ERE: a line of the screen matches it now
	CHECKS=$((CHECKS + 1))
	_re "$1" || fail "expected a line matching /$1/ (line ${BASH_LINENO[0]})"
}
show() {	# ID: kefu order show ID --json, as the dispatcher
	k --as lijun --json order show "$1"
}
new_order() {	# CLOCK ARGS...: reports an order as the clerk; prints its number
	local at=$1
	shift
	KEFU_NOW=$at k --as wangfang order new "$@" 2>/dev/null |
	    sed -nE 's/^order ([0-9]+) .*/\1/p'
}
# A board row: " DUE LEFT NO. STATE ...", DUE "HH:MM" today, else "MM-DD".
ROW='^ [0-9]{2}[:-][0-9]{2} +[^ ]+ +'
# shellcheck disable=SC2317 # called through _wait (_no_row)
row_line() {	# ID: the board line of order ID ("" when not shown)
	screen | grep -E -m1 -- "$ROW$1 "
}
nrows() {	# how many order rows the screen shows
	local n
	n=$(screen | grep -cE -- "${ROW}[0-9]+ ")
	echo "$n"
}
# shellcheck disable=SC2317 # the conditions here are called through _wait
_no_row() { [ -z "$(row_line "$1")" ]; }
wait_no_row() {	# ID [TIMEOUT]: order ID has left the board
	_wait "${2:-$TUI_TIMEOUT}" "order $1 to leave the list" _no_row "$1"
}
# The SGR attributes in effect where TEXT first shows on screen line N
# (capture-pane -e gives each line's changes from the line before, so the
# whole screen is read): "fg=F bg=B bold=0|1 dim=0|1 rev=0|1", F and B the
# SGR colour numbers (39 and 49: the terminal's default); "none" when TEXT
# is not on that line.
attr_at() {
	TM capture-pane -e -p -t "$CUR" | awk -v row="$1" -v t="$2" '
	BEGIN { fg = 39; bg = 49; bold = dim = rev = 0; out = "none" }
	{
		s = $0; vis = ""; n = 0
		while (s != "") {
			if (match(s, /^\033\[[0-9;]*m/)) {
				p = substr(s, 3, RLENGTH - 3)
				s = substr(s, RLENGTH + 1)
				k = split(p, a, ";")
				if (k == 0) { k = 1; a[1] = 0 }
				for (i = 1; i <= k; i++) {
					c = a[i] + 0
					if (c == 0) { fg = 39; bg = 49; bold = dim = rev = 0 }
					else if (c == 1) bold = 1
					else if (c == 2) dim = 1
					else if (c == 22) bold = dim = 0
					else if (c == 7) rev = 1
					else if (c == 27) rev = 0
					else if (c == 38 || c == 48) {
						v = a[i + 1] == 5 ? "5:" a[i + 2] : "rgb"
						if (c == 38) fg = "38:" v
						else bg = "48:" v
						i += a[i + 1] == 5 ? 2 : 4
					} else if ((c >= 30 && c <= 37) || c == 39 ||
					    (c >= 90 && c <= 97)) fg = c
					else if ((c >= 40 && c <= 47) || c == 49 ||
					    (c >= 100 && c <= 107)) bg = c
				}
				continue
			}
			if (match(s, /^\033/)) {	# another escape: skip ESC
				s = substr(s, 2)
				continue
			}
			vis = vis substr(s, 1, 1)
			s = substr(s, 2)
			st[++n] = "fg=" fg " bg=" bg " bold=" bold " dim=" dim \
			    " rev=" rev
		}
		if (NR - 1 == row) {
			i = index(vis, t)
			if (i) out = st[i]
		}
		delete st
	}
	END { print out }'
}
# ID TEXT: TEXT's attributes in order ID's row.
row_attr() {
	attr_at "$(screen | grep -nE -m1 -- "$ROW$1 " | cut -d: -f1 | awk '{ print $1 - 1 }')" "$2"
}
expect_attr() {	# ID TEXT ERE WHAT: TEXT in order ID's row has attributes ERE
	local a
	a=$(row_attr "$1" "$2")
	CHECKS=$((CHECKS + 1))
	printf '%s' "$a" | grep -qE -- "$3" ||
	    fail "$4: order $1's '$2' is drawn with '$a', expected /$3/ (line ${BASH_LINENO[0]})"
}
# Bells: tmux runs the hook for each one, in any session (detached too).
bells() {	# SESSION: how many times it rang
	local n=0
	[ -f "$T/bells" ] && n=$(grep -cx -- "$1" "$T/bells")
	echo "$n"
}
# shellcheck disable=SC2317
_bells() { [ "$(bells "$1")" -ge "$2" ]; }
# ID TEXT: order ID's row is (not) the one under the cursor.
# shellcheck disable=SC2317
_selected() { row_attr "$1" "$2" | grep -qE 'rev=1|bg=47'; }
# shellcheck disable=SC2317
_unselected() { ! _selected "$@"; }
# Reads every page of the open help into HELP: FOOT is its last line's
# text; an English help of several pages is read with PgDn.
read_help() {
	local p
	wait_for "$1"
	HELP=$(screen)
	while p=$(screen | grep -oE 'Page [0-9]+ of [0-9]+') && [ -n "$p" ]; do
		# shellcheck disable=SC2086 # "Page N of M": four words
		set -- "$1" $p
		[ "$3" -lt "$5" ] || break
		keys NPage
		wait_for "Page $(($3 + 1)) of $5"
		HELP+=$'\n'$(screen)
	done
}
expect_help() {	# KEY DESCRIPTION: the help has that line
	CHECKS=$((CHECKS + 1))
	grep -qE -- "│ ([^ ]*/)?$(ere "$1")(/[^ ]*)? +$(ere "$2")" <<<"$HELP" ||
	    fail "expected the key '$1' with '$2' in the help (line ${BASH_LINENO[0]})"
}
expect_help_no() {	# TEXT: not in the help
	CHECKS=$((CHECKS + 1))
	! grep -qF -- "$1" <<<"$HELP" ||
	    fail "did not expect '$1' in the help (line ${BASH_LINENO[0]})"
}

k --as guanli fee add GAS-01 更换灶具胶管 次 30 >/dev/null ||
    fail "kefu fee add GAS-01 as the admin"
# Customers: the repair's, the unattended one's, and more (all different
# addresses, so that every row is told apart by its address).
mapfile -t CUST < <(k --as wangfang customer find 李 --limit 6 |
    awk 'NR > 1 { print $1, $2 }')
check "kefu customer find 李 gave ${#CUST[@]} customers, not 6" ${#CUST[@]} -eq 6
read -r ACC_A NAME_A <<<"${CUST[0]}"
hit_rows() {	# the customer rows under the Find panel's header
	screen | awk -v h="$(row_of ACCOUNT)" '
	    NR - 1 <= h { next }
	    /^ [A-Z][0-9][0-9][0-9][0-9][0-9][0-9]+ / { print; next }
	    { exit }'
}

# --- 1. the dispatcher's empty board, the technician's empty list ----------
kefu_start li 80 24 --lang en --as lijun
wait_for "Dispatch board"		# a dispatcher starts at the board
TM set-hook -g alert-bell "run-shell 'echo #{session_name} >>\"$T/bells\"'" ||
    fail "tmux set-hook alert-bell"
expect_line 0 "F3 Dispatch .* 李军 \(dispatcher\)  overdue 0  $NOW_HM\$"
expect_line 1 '^ Dispatch board +open 0  overdue 0  due soon 0$'
expect_line 2 '^ All categories · all technicians$'
expect_line 3 '^ DUE +LEFT +NO\. +STATE +CATEGORY +TECH +FAULT / ADDRESS$'
expect_line 4 '^ No open work orders\.$'
expect_line 23 '^F1 help  Enter open  a receive  d dispatch  x cancel  o overdue '
L=zh_CN
kefu_start zhang 80 24 --lang zh_CN --as zhangwei
wait_for "$(t "My work orders")"	# a technician starts at his orders
expect_line 0 "F3 $(ere "$(t Dispatch)") .* 张伟 \($(ere "$(t technician)")\)  $(ere "$(t overdue)") 0  $NOW_HM\$"
expect_no "F2 "				# no Reception for him
expect_line 1 "^ $(ere "$(t "My work orders")") +$(ere "$(counts 0 0 0)")\$"
expect_line 2 "^ $(ere "$(t "All categories")") · $(ere "$(t mine)")\$"
expect_line 4 "^ $(ere "$(t "No open work orders are yours.")")\$"
expect_line 23 "^F1 $(t help)  Enter $(t open)  r $(t arrived)  i $(t item)  m $(t materials)  w $(t "work done")  s $(t sign-off) "
expect_eq 0 "$(bells zhang)" "bells of the technician's session at the start"
L=en

# --- 2. a repair call at Reception becomes a work order; the board, live --
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
t0=$(now_ms)
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
wait_re "^ $DUE_HM 40m +$A +reported +Gas +$(ere "$FAULT_A")  " "$LIVE"
check "order $A took $((WAIT_END - t0)) ms to show on the board" \
    $((WAIT_END - t0)) -le $((LIVE * 1000))
expect_line 1 '^ Dispatch board +open 1  overdue 0  due soon 0$'
expect_no "No open work orders."
read -r ACC_U _ <<<"${CUST[1]}"
U=$(new_order "$NOW" --category equipment --customer "$ACC_U" --fault 热水器漏气)
check "kefu order new (equipment, $ACC_U) gave no order number" -n "$U"
ADDR_U=$(jget address "$(show "$U")")
FAULT_U=$(jget fault "$(show "$U")")
wait_re "^ $DUE_HM 40m +$U +reported +Gas +$(ere "$FAULT_U")  " "$LIVE"
wait_line 1 '^ Dispatch board +open 2  overdue 0  due soon 0$'
check "order $A is not the first row (same deadline, reported first)" \
    "$(row_of "$FAULT_A")" -eq 4

# --- 3. received (R21) and dispatched to 张伟 by his load (R11) --------------
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
t0=$(now_ms)
keys Enter
wait_for "Work order $A dispatched."
wait_re "^ $DUE_HM 40m +$A +dispatched +Gas +张伟 +$(ere "$FAULT_A")"
expect_eq zhangwei "$(jget technician "$(show "$A")")" "technician of order $A"
# The picker counts his order now (the cursor is still on it: reassign).
keys d
wait_for "张伟  (1 open)"
expect_screen "刘洋  (0 open)"
keys Escape
wait_gone "─ Dispatch to "
expect_eq zhangwei "$(jget technician "$(show "$A")")" \
    "technician of order $A after Esc in the picker"

# --- 4. the technician: the bell, then on site to sign-off -------------------
L=zh_CN
use zhang				# no key pressed there since
wait_for "$(t "A new work order is yours.")" "$LIVE"
check "the assignment took $((WAIT_END - t0)) ms to reach the technician" \
    $((WAIT_END - t0)) -le $((LIVE * 1000))
soon _wait 1 "the technician's session to ring" _bells zhang 1
expect_eq 1 "$(bells zhang)" "bells of the technician's session after one assignment"
expect_eq 0 "$(bells li)" "bells of the dispatcher's session"
wait_re "^ $DUE_HM 40m +$A +$(ere "$(t dispatched)") +$(ere "$(t Gas)") +$(ere "$FAULT_A")"	# no TECH column: all his
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
expect_no "$FAULT_A"
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

# --- 5. the board drops the closed order, live -------------------------------
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
soon wait_for "$(po_msgstr "A new work order is yours.")" 1
soon _wait 1 "the technician's session to ring again" _bells zhang 2
expect_eq 2 "$(bells zhang)" "bells of the technician's session after two assignments"
expect_no "$(jget address "$(show "$B")")"	# liuyang's, not his
barrier "$(po_msgstr "Any key closes this help.")"
expect_line 22 '^$'
# B goes from 刘洋 to 张伟: a new assignment for him, though B is older.
k --as lijun order assign "$B" zhangwei --version "$(jget version "$(show "$B")")" \
    >/dev/null || fail "kefu order assign $B zhangwei"
wait_re "$ROW$B " "$LIVE"
expect_eq 2 "$(nrows)" "rows on the technician's list with B and C"
soon wait_for "$(po_msgstr "A new work order is yours.")" 1
soon _wait 1 "the technician's session to ring for the reassigned order" _bells zhang 3
# Cancelled: they leave his list (no bell for that).
for o in "$B" "$C"; do
	k --as lijun order cancel "$o" --reason 测试 >/dev/null || fail "kefu order cancel $o"
done
wait_line 4 "^ $(po_msgstr "No open work orders are yours.")\$" "$LIVE"
nb=$(bells zhang)
use li
wait_no_row "$C" "$LIVE"
wait_line 1 '^ Dispatch board +open 1  overdue 0  due soon 0$'

# --- 7. help: the dispatcher's keys, the technician's ------------------------
keys F1
read_help "closes this help."
expect_help Enter "Show the chosen work order whole"
expect_help a "Acknowledge the order: the time received is recorded (R21)"
expect_help d "Dispatch to a technician, chosen by his open load (R11)"
expect_help v "Approve a job off the paid-service list (R22, supervisors)"
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
expect_help Enter "$(t "Show the chosen work order whole")"
expect_help r "$(t "I am on site: record the arrival (R2)")"
expect_help i "$(t "Charge an item of the paid-service list (R25)")"
expect_help m "$(t "The customer's own materials: pass or fail (R24)")"
expect_help w "$(t "Record what was actually done (R23)")"
expect_help s "$(t "The customer checks the work and signs (R26)")"
expect_help q "$(t "Quit kefu")"
expect_help_no "$(t "Dispatch to a technician, chosen by his open load (R11)")"
expect_help_no "$(t "Acknowledge the order: the time received is recorded (R21)")"
keys Escape
wait_gone "$(t "Any key closes this help.")"
expect_eq "$nb" "$(bells zhang)" "bells after his orders were cancelled"
L=en

# --- 6. 41 minutes later: the unattended order is red ----------------------
Y=$(new_order "${DAY}T$(date -d "@$((NOW_EPOCH + 6 * 60))" +%H:%M)" \
    --category equipment --customer "$(echo "${CUST[4]}" | cut -d' ' -f1)" --fault 有煤气味)
G=$(new_order "${DAY}T$(date -d "@$((NOW_EPOCH + 19 * 60))" +%H:%M)" \
    --category equipment --customer "$(echo "${CUST[5]}" | cut -d' ' -f1)" --fault 点火器坏了)
check "orders Y ($Y) and G ($G) were reported" -n "$Y" -a -n "$G"
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
soon _wait 1 "the cursor to leave order $U" _unselected "$U" reported
expect_attr "$U" "-1m" '^fg=31 bg=49 bold=1 ' "overdue (C_ERROR: red, bold)"
expect_attr "$U" "$FAULT_U" '^fg=31 bg=49 bold=1 ' "overdue, the whole row"
keys j
soon _wait 1 "the cursor to leave order $Y" _unselected "$Y" reported
expect_attr "$Y" "5m" '^fg=33 bg=49 ' "due within 10 minutes (C_WARN: yellow)"
keys k k
soon _wait 1 "the cursor back on order $U" _selected "$U" reported
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
soon _wait 1 "the cursor to leave order $U (monochrome)" _unselected "$U" -1m
expect_attr "$U" "-1m" '^fg=39 bg=49 bold=1 dim=0 rev=0$' "overdue in monochrome (bold)"
expect_attr "$G" "18m" '^fg=39 bg=49 bold=0 dim=0 rev=0$' "on time in monochrome (plain)"

# --- 8. a long board: 80x24 pages, 120x40 shows more -------------------------
for i in $(seq 1 22); do
	cat=pipe
	[ "$i" = 22 ] && cat=pipe-major		# 24 hours: due tomorrow (R3)
	LAST=$(new_order "$NOW" --category "$cat" --address "测试路 $i 号" \
	    --contact-name 张三 --phone "1380000$(printf %04d "$i")" \
	    --fault "管道漏气 $i")
done
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
expect_line 39 '^F1 help  Enter open  a receive  d dispatch  x cancel  o overdue '
expect_eq 25 "$(k --as lijun order list --state reported --limit 100 | awk 'NR > 1' | wc -l)" \
    "reported orders in kefu order list"

# --- 9. the link drops while the technician types: the draft comes back ----
D=$(new_order "$NOW" --category equipment --address 草稿路1号 \
    --contact-name 王五 --phone 13800009999 --fault 阀门坏了)
k --as lijun order ack "$D" >/dev/null || fail "order ack $D"
k --as lijun order assign "$D" liuyang >/dev/null || fail "order assign $D"
k --as liuyang order arrive "$D" >/dev/null || fail "order arrive $D"
kefu_start field 80 24 --lang en --as liuyang
wait_for "My work orders"
wait_re "^ [0-9:]{5} met +$D +on-site "
keys w
wait_for "│ What was done:"
typein 更换阀门
wait_for "更换阀门"
kill_pane				# the SSH link drops (SIGHUP)
has_draft() {	# liuyang's hung-up session has saved his typing
	[ "$(sqlite3 "$DB" "SELECT count(*) FROM draft d JOIN staff s ON
	    s.id = d.staff_id WHERE s.login = 'liuyang'")" -gt 0 ]
}
_wait 10 "the hung-up session saves its draft" has_draft
kefu_start field2 80 24 --lang en --as liuyang
wait_for "You have unsaved input from"
expect_screen "(Work done)"
keys y
wait_for "Your unsaved input is back."
wait_re '│ What was done: 更换阀门 +│'
keys F2
wait_for "Work done recorded for work order $D."
expect_eq done "$(jget state "$(show "$D")")" "state of order $D after the restored draft"
# Enter on an order of a customer on file: his record, read only (R54).
read -r ACC_L NAME_L <<<"${CUST[2]}"
CO=$(new_order "$NOW" --category pipe --customer "$ACC_L" --fault 表前阀漏气)
k --as lijun order ack "$CO" >/dev/null || fail "order ack $CO"
k --as lijun order assign "$CO" liuyang >/dev/null || fail "order assign $CO"
wait_re "$ROW$CO +dispatched " "$LIVE"
keys j					# below $D (due in 40 minutes)
soon _wait 1 "the cursor on order $CO" _selected "$CO" dispatched
keys Enter
wait_re "│ Work order *: $CO  dispatched / Pipeline +│"
expect_re "│ Customer *: $ACC_L $NAME_L 1[0-9]{10}"
expect_re "│ Fault *: 表前阀漏气 +│"
keys Escape
wait_gone "│ Customer "

# --- 10. two dispatchers at once: the second is told who won --------------
R=$(new_order "$NOW" --category equipment --address 抢单路1号 \
    --contact-name 钱七 --phone 13800008888 --fault 抢单测试 \
    --appointment "$(date -d "@$((NOW_EPOCH + 120))" +%H:%M)")
k --as lijun order ack "$R" >/dev/null || fail "order ack $R"
kefu_start race 80 24 --lang en --as lijun
wait_re "^ [0-9:]{5} +[^ ]+ +$R +acknowledged "
keys g					# (no such key: the cursor stays on row 0)
expect_line 4 "^ [0-9:]{5} +[^ ]+ +$R "	# the soonest: first
keys d
wait_for "Dispatch to"
# Meanwhile another dispatcher sends it to 张伟 from the command line.
k --as lijun order assign "$R" zhangwei \
    --version "$(jget version "$(show "$R")")" >/dev/null ||
    fail "order assign $R zhangwei (the first dispatcher)"
keys Enter				# the second chooses from the picker
wait_re "At [0-9:]{5} 李军 sent order $R to 张伟 first; yours to [^ ]+ was not saved \\(R11\\)"
expect_eq zhangwei "$(jget technician "$(show "$R")")" "order $R stays with the winner's choice"

# --- 11. an order reported straight at the board ---------------------------
use race
keys n
wait_for "New work order"
keys Tab				# Category -> Address
typein 板上报修路2号
keys Tab
typein 孙八
keys Tab
typein 13800006666
keys Tab
typein 灶具漏气
keys F2
wait_re 'Work order [0-9]+ reported; due [0-9:]{5}\.'
N=$(screen | sed -nE 's/.*Work order ([0-9]+) reported.*/\1/p' | head -1)
wait_re "^ [0-9:]{5} +[^ ]+ +$N +reported +Gas +灶具漏气  板上报修路2号"
expect_eq 0 "$(jget contact_id "$(show "$N")")" "order $N came from no call"

# --- 12. the supervisor audits a charge off the list (R17) -----------------
P=$(new_order "$NOW" --category paid --fee GAS-01 --address 审核路3号 \
    --contact-name 周九 --phone 13800007777 --fault 换胶管)
k --as lijun order ack "$P" >/dev/null || fail "order ack $P"
k --as lijun order assign "$P" zhangwei >/dev/null || fail "order assign $P"
k --as zhangwei order arrive "$P" >/dev/null || fail "order arrive $P"
k --as zhangwei order item "$P" GAS-01 2 >/dev/null || fail "order item $P"
k fee set GAS-01 --price 35 >/dev/null || fail "fee set GAS-01"
kefu_start sup 80 24 --lang en --as chenjing
keys F3
wait_for "Dispatch board"
keys p
wait_for "Charges off the list"
wait_for "#$P GAS-01 30.00/35.00"
keys Enter
wait_for "Correct a charge"
wait_for "30.00 charged, 35.00 on the list"
wait_re '│ Correct price \(yuan\): 35\.00 +│'
keys F2
wait_re "Charge [0-9]+ corrected to 35\.00\."
expect_eq 7000 "$(jget amount_due "$(show "$P")")" "order $P's amount due after the audit"
keys p					# what is left: the older order's charge
wait_for "Charges off the list"
expect_no "#$P GAS-01"
keys Escape
wait_gone "Charges off the list"

# --- 13. an emergency: "!" until its paperwork is done (R9, R20) -----------
# The helpers compare the board with kefu order list (the clock 41 minutes
# on, so that some orders are overdue).
ids() {		# the numbers of the orders shown, top to bottom, one a line
	screen | sed -nE "s/${ROW}([0-9]+) .*/\1/p"
}
cli_ids() {	# ARGS...: the numbers kefu order list ARGS gives, in its order
	KEFU_NOW=$LATE k --as lijun order list "$@" | awk 'NR > 1 { print $1 }'
}
expect_ids() {	# WHAT ARGS...: the board shows what kefu order list ARGS does
	local what=$1 want
	shift
	want=$(cli_ids "$@" | head -18)		# the rows of 80x24
	CHECKS=$((CHECKS + 1))
	[ "$(ids)" = "$want" ] ||
	    fail "$what: the board shows orders $(ids | paste -sd' '), kefu order list $* $(printf '%s' "$want" | paste -sd' ') (line ${BASH_LINENO[0]})"
}
to_top() {	# the cursor to the first row, the list from its top
	keys PPage PPage
	wait_line 4 "${ROW}$(cli_ids | head -1) "
}
down_to() {	# TEXT: from the top, the cursor down to the row showing TEXT
	local i
	to_top
	for ((i = 4; i < $(row_of "$1"); i++)); do
		keys j
	done
}
E=$(new_order "$LATE" --category equipment --emergency --address 急修路5号 \
    --fault 燃气泄漏报警)
E2=$(new_order "$LATE" --category equipment --emergency --address 急修路6号 \
    --fault 闻到煤气味)
check "kefu order new --emergency (an address and a fault) gave no number" \
    -n "$E" -a -n "$E2"
expect_eq true "$(jget paperwork_pending "$(show "$E")")" "order $E's paperwork pending"
NOW=$LATE kefu_start flt 80 24 --lang en --as lijun
wait_re "${ROW}$E +reported +Gas +!燃气泄漏报警  急修路5号\$"
down_to "!燃气泄漏报警"
soon _wait 1 "the cursor on order $E" _selected "$E" reported
keys e
wait_for "─ Paperwork of a work order "
expect_re "│ Work order *: $E  急修路5号 +│"
expect_re "│ Customer account *: +│"
keys Tab
typein 赵六
keys Tab
typein 13900001111
wait_re "│ Phone *: 13900001111 +│"
keys F2
wait_for "Paperwork of work order $E saved."
wait_re "${ROW}$E +reported +Gas +燃气泄漏报警  急修路5号\$"
expect_no "!燃气泄漏报警"
j=$(show "$E")
expect_eq false "$(jget paperwork_pending "$j")" "order $E's paperwork pending after e"
expect_eq 赵六 "$(jget contact_name "$j")" "order $E's contact"
expect_eq 13900001111 "$(jget contact_phone "$j")" "order $E's phone"
# In Chinese, with the customer's account alone.
L=zh_CN
read -r ACC_E _ <<<"${CUST[3]}"
NOW=$LATE kefu_start fltzh 80 24 --lang zh_CN --as lijun
wait_re "${ROW}$E2 +$(ere "$(t reported)") +$(ere "$(t Gas)") +!闻到煤气味  急修路6号\$"
down_to "!闻到煤气味"
soon _wait 1 "the cursor on order $E2" _selected "$E2" "$(t reported)"
keys e
wait_for "─ $(t "Paperwork of a work order") "
expect_re "│ $(ere "$(t "Customer account")") *: +│"
typein "$ACC_E"
keys F2
wait_for "$(tf "Paperwork of work order %lld saved." "$E2")"
wait_re "${ROW}$E2 .* 闻到煤气味  急修路6号\$"
expect_no "!闻到煤气味"
j=$(show "$E2")
expect_eq false "$(jget paperwork_pending "$j")" "order $E2's paperwork pending after e"
check "order $E2 has no customer after e with $ACC_E" "$(jget customer_id "$j")" -gt 0
L=en

# --- 14. the filters narrow the board; "all" again restores it -------------
# Each against kefu order list with the same filter: the rows, in order,
# and the header's open count (it counts what the filters keep).
pick() {	# N: chooses item N (0: the first, "all") of the open picker
	local k=(Home) i
	for ((i = 0; i < $1; i++)); do
		k+=(j)
	done
	keys "${k[@]}" Enter
}
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
wait_line 2 "^ $(ere "$(t Pipeline) · $(t "all technicians") · $(t dispatched)$(t " · overdue only")")\$"
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

# --- 15. more than 500 open: the header counts them all --------------------
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
expect_line 2 '^ All categories · all technicians · the soonest 500 shown$'
expect_ids "the first page of $ALL"
mapfile -t pages < <(yes NPage | head -30)
keys "${pages[@]}"			# 17 rows a page: to the end
wait_line 21 "${ROW}$(cli_ids | sed -n 500p) "	# the last: the 500th
keys o					# fewer than 500: no note
wait_line 2 '^ All categories · all technicians · overdue only$'
expect_line 1 " open $OVER  overdue $OVER  due soon 0\$"
L=zh_CN
NOW=$LATE kefu_start manyzh 80 24 --lang zh_CN --as lijun
wait_line 1 " $(ere "$(counts "$ALL" "$OVER" "$SOON")")\$"
expect_line 2 "^ $(ere "$(t "All categories") · $(t "all technicians")$(tf " · the soonest %zu shown" 500)")\$"
L=en

# --- 16. R9: a repair done first, registered after ---------------------------
# The desk reports it at the board with the time it was asked for; the
# technician's arrival and work done then take the times they happened.
k user add wujiu 吴九 technician >/dev/null || fail "user add wujiu"
use race
keys n
wait_for "New work order"
keys Tab				# Category -> Address
typein 先修路9号
keys Tab
typein 郑十
keys Tab
typein 13800005555
keys Tab
typein 阀门漏气
keys Tab Tab Tab			# Appointment, Emergency, Asked for at
wait_re "│ Asked for at +: +│"
typein 09:40
keys F2
wait_re 'Work order [0-9]+ reported; due 10:20\.'
W=$(screen | sed -nE 's/.*Work order ([0-9]+) reported.*/\1/p' | head -1)
j=$(show "$W")
expect_eq "$(date -d "${DAY} 09:40" +%s)" "$(jget reported_at "$j")" "order $W asked for at 09:40"
k --as lijun order ack "$W" >/dev/null || fail "order ack $W"
k --as lijun order assign "$W" wujiu >/dev/null || fail "order assign $W"
kefu_start wu 80 24 --lang en --as wujiu
wait_re "^ 10:20 +[^ ]+ +$W +dispatched "
keys r					# registered after: when was he there?
wait_for "─ Arrival "
wait_re "│ When +: +│"
typein 09:30				# before the report: refused, said where
keys F2
wait_for "before the step it follows"
expect_eq 0 "$(jget arrived_at "$(show "$W")")" "order $W after the refused arrival"
keys C-u
typein 10:05
keys F2
wait_for "Arrival recorded for work order $W."
keys w
wait_for "─ Work done "
typein 更换阀门
keys Tab
typein 10:30
keys F2
wait_for "Work done recorded for work order $W."
j=$(show "$W")
expect_eq "$(date -d "${DAY} 10:05" +%s)" "$(jget arrived_at "$j")" "order $W's arrival registered after"
expect_eq "$(date -d "${DAY} 10:30" +%s)" "$(jget done_at "$j")" "order $W's work done registered after"

echo "$SCRIPT: took $(($(now_ms) - T0)) ms"
finish
