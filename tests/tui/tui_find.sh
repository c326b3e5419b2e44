#!/bin/bash
# Finding any work order from the Dispatch board (F3, "/"), closed and
# cancelled ones too (issue 10: "anyone who may read orders can find a
# closed or cancelled order by number or customer and read it in the
# TUI"), at 80x24 and 120x40, in English and in Chinese:
#   - one customer's four orders, set up with the CLI at other times of
#     the day: one closed (ack, assign, arrive, done, signoff), one
#     cancelled, one with 刘洋, and one reported last with --at, the
#     oldest of all (so that newest first is by the time reported, not
#     by the number);
#   - the dispatcher: a number opens the order whole ("Work order" view),
#     the cancelled one with its reason, the closed one with its
#     signature, each as kefu order show has it; the customer's name
#     opens the picker "Work orders found", that customer's orders newest
#     first (#id, date, state, name, fault), and Enter on one opens it
#     whole; a query matching nothing says so under the field;
#   - the technician 张伟 finds his own (closed) order by number; 刘洋's
#     number is refused ("no work order N of yours").
. "$(dirname "$0")/lib.sh" "$@"
. "$(dirname "$0")/dispatch_lib.sh"

at() {		# HOURS: $NOW that many hours earlier, as KEFU_NOW takes it
	date -d "@$((NOW_EPOCH - $1 * 3600))" +%Y-%m-%dT%H:%M
}
day_of() {	# ID: the date order ID was reported (YYYY-MM-DD)
	date -d "@$(jget reported_at "$(show "$1")")" +%F
}
field_re() {	# LABEL VALUE: an ERE for that form field showing VALUE
	printf '│ %s *: %s +│' "$(ere "$(t "$1")")" "$(ere "$2")"
}
discard() {	# Esc on a form with typing in it, and yes
	keys Escape
	wait_for "$(t "Close the form and discard what you typed?")"
	keys y
	wait_gone "$(t "Close the form and discard what you typed?")"
}
find_q() {	# QUERY: "/" and QUERY in the field, then Enter
	keys /
	wait_for "─ $(t "Find a work order") "
	typein "$1"
	wait_re "$(field_re "Number or customer" "$1")"
	keys Enter
}
close_view() {	# the order whole is open: Esc closes it
	keys Escape
	wait_gone "─ $(t "Work order") "
}
# The text of the picker's line for order ID, between its borders.
found_line() {
	screen | sed -nE "s/.*│ (#$1 .*[^ ]) *│.*/\1/p" | head -1
}

# --- one customer's orders, at other times of the day --------------------
C1=$(new_order "$(at 3)" --category equipment --customer "$ACC_A" --fault 燃气灶打不着火)
C2=$(new_order "$(at 2)" --category equipment --customer "$ACC_A" --fault 热水器漏气)
C3=$(new_order "$(at 1)" --category equipment --customer "$ACC_A" --fault 管道有异味)
# Reported last, with the time it was asked for: the oldest of the four.
C4=$(new_order "$NOW" --category equipment --customer "$ACC_A" --fault 点火器坏了 --at "$(at 4)")
check "the four orders were reported ($C1 $C2 $C3 $C4)" -n "$C1" -a -n "$C2" -a -n "$C3" -a -n "$C4"
check "the order reported with --at has the highest number" "$C4" -gt "$C3"
for o in "$C1" "$C3"; do
	k --as lijun order ack "$o" >/dev/null || fail "kefu order ack $o"
done
k --as lijun order assign "$C1" zhangwei >/dev/null || fail "kefu order assign $C1"
k --as lijun order assign "$C3" liuyang >/dev/null || fail "kefu order assign $C3"
k --as zhangwei order arrive "$C1" >/dev/null || fail "kefu order arrive $C1"
k --as zhangwei order "done" "$C1" --work 更换点火针 >/dev/null || fail "kefu order done $C1"
k --as zhangwei order signoff "$C1" --name "$NAME_A" >/dev/null || fail "kefu order signoff $C1"
k --as lijun order cancel "$C2" --reason 客户重复报修 >/dev/null || fail "kefu order cancel $C2"
expect_eq closed "$(jget state "$(show "$C1")")" "state of order $C1"
expect_eq cancelled "$(jget state "$(show "$C2")")" "state of order $C2"
NEWEST=("$C3" "$C2" "$C1" "$C4")	# by the time reported
declare -A FAULT=([$C1]=燃气灶打不着火 [$C2]=热水器漏气 [$C3]=管道有异味 [$C4]=点火器坏了)

pass=0
for L in en zh_CN; do
	for size in "80 24" "120 40"; do
		read -r cols rows <<<"$size"
		pass=$((pass + 1))
		kefu_start "li$pass" "$cols" "$rows" --lang "$L" --as lijun
		wait_for "$(t "Dispatch board")"

		# --- by number: the cancelled order whole -------------------------------
		find_q "$C2"
		wait_for "─ $(t "Work order") "
		wait_re "$(field_re "Work order" "$C2  $(t cancelled) / $(t "Gas equipment")")"
		expect_re "$(field_re Address "$(jget address "$(show "$C2")")")"
		expect_re "$(field_re Fault 热水器漏气)"
		expect_re "$(field_re Reason 客户重复报修)"
		expect_no "─ $(t "Find a work order") "
		close_view
		# --- by number: the closed order whole ----------------------------------
		find_q "$C1"
		wait_re "$(field_re "Work order" "$C1  $(t closed) / $(t "Gas equipment")")"
		expect_re "$(field_re Fault 燃气灶打不着火)"
		expect_re "$(field_re "Work done" 更换点火针)"
		expect_re "$(field_re Signed "$NAME_A  $DAY $NOW_HM")"
		expect_re "$(field_re "Amount due" 0.00)"
		close_view

		# --- by the customer's name: the picker, newest first ------------------
		find_q "$NAME_A"
		wait_for "─ $(t "Work orders found") "
		prev=-1
		cut=
		for o in "${NEWEST[@]}"; do
			r=$(row_of "#$o ")
			check "order $o is not listed below the one before it ($prev, $r; $L ${cols}x$rows)" \
			    "$r" -gt "$prev"
			prev=$r
			st=$(jget state "$(show "$o")")
			want="#$o $(day_of "$o") $(t "$st") $NAME_A  ${FAULT[$o]}"
			got=$(found_line "$o")
			# The number, date, state and name always show...
			check "the picker's line of order $o is '$got', not '${want%  *}  …' ($L ${cols}x$rows)" \
			    "${got#"${want%  *}  "}" != "$got"
			# ...and the fault, whole or cut with "…" (draw_text_cut).
			case $got in
			"$want") ;;
			*…) [ "${want#"${got%…}"}" != "$want" ] || cut+=" '$got'" ;;
			*) cut+=" '$got'" ;;
			esac
		done
		check "the picker cuts faults without …:$cut ($L ${cols}x$rows)" -z "$cut"
		expect_no "#$((C4 + 1)) "		# hers only
		pick 1					# the second: the cancelled one
		wait_for "─ $(t "Work order") "
		wait_re "$(field_re "Work order" "$C2  $(t cancelled) / $(t "Gas equipment")")"
		expect_no "─ $(t "Work orders found") "
		close_view

		# --- nothing matches: said under the field -------------------------------
		find_q 无此客户XYZ
		msg=$(t 'no work order and no customer with work orders matches "%s"')
		msg=${msg/\%s/无此客户XYZ}
		wait_for "$msg"				# the message line
		r=$(row_of "│ $(t "Number or customer"):")
		under=$(line $((r + 1)) | sed -E 's/^[^│]*│ *//; s/ *│.*//')
		check "under the field: '$under', not the start of '$msg' ($L ${cols}x$rows)" \
		    -n "$under" -a "${msg#"$under"}" != "$msg"
		expect_no "─ $(t "Work orders found") "
		discard
	done
done

# --- the technician: his own by number; another's refused -----------------
pass=0
for L in en zh_CN; do
	case $L in
	en)	cols=80 rows=24 ;;
	*)	cols=120 rows=40 ;;
	esac
	pass=$((pass + 1))
	kefu_start "zhang$pass" "$cols" "$rows" --lang "$L" --as zhangwei
	wait_for "$(t "My work orders")"
	find_q "$C1"
	wait_re "$(field_re "Work order" "$C1  $(t closed) / $(t "Gas equipment")")"
	expect_re "$(field_re Fault 燃气灶打不着火)"
	close_view
	find_q "$C3"				# 刘洋's
	msg=$(t "no work order %lld of yours")
	wait_for "${msg/\%lld/$C3}"
	r=$(row_of "│ $(t "Number or customer"):")
	expect_line $((r + 1)) "│ +$(ere "${msg/\%lld/$C3}") +│"
	expect_no "│ $(t Fault)"
	expect_no 管道有异味
	discard
done
finish
