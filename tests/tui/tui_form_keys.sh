#!/bin/bash
# The keys of a form, in English and in Chinese at 80x24 (issue 10):
#   - Tab and Down on the last field never save: they go round to the
#     first field. On the technician's one-field sign-off form, Tab used
#     to close the order; now only Enter (which the hint line then names,
#     "Enter save") or F2 does;
#   - before the last field Enter moves on, and the hint line does not
#     offer it as a save;
#   - a read-only field too long for its box ends with "…", never with
#     half a Chinese character;
#   - ^R is offered (F1) only by a form that can reload.
. "$(dirname "$0")/lib.sh" "$@"
demo_db

state_of() {	# ID: the state of work order ID
	jget state "$(kn --as lijun --json order show "$1")"
}
# An order of liuyang's with its work done: the sign-off is next. Its
# fault is longer than the form's box, in Chinese.
FAULT=燃气热水器点火后立即熄火并伴有异味客户称已持续三天请尽快上门检查燃气管道与阀门
work_done_order() {	# ADDRESS: prints the new order's number
	local id
	id=$(on_site_order "$1" "$FAULT")
	kn --as liuyang order material "$id" pass >/dev/null ||
	    die "order material $id"
	kn --as liuyang order done "$id" --work 更换点火针 >/dev/null ||
	    die "order done $id"
	echo "$id"
}
frow() {	# LABEL: the screen row of that form field
	row_of "│ $1"
}
field_col() {	# LABEL: the screen column where that field's text starts
	local l pre
	l=$(line "$(frow "$1")")
	pre=${l%%": "*}
	echo $(($(printf '%s' "$pre" | wc -L) + 2))
}
at_field() {	# LABEL: wait for the cursor at the start of that (empty) field
	wait_cursor "$(field_col "$1")" "$(frow "$1")"
}

for L in en zh_CN; do
	LG=${L%_*}			# in a login: en, zh
	# --- the technician's sign-off: one field --------------------------------
	A=$(work_done_order "签字路${L}号")
	kefu_start "sign$L" 80 24 --lang "$L" --as liuyang
	wait_re "^ [0-9:]{5} +[^ ]+ +$A "
	keys s
	wait_re "│ $(ere "$(t "Customer's name")") *: +│"
	# The one field is also the last: Enter saves, and says so.
	soon wait_re "^F2 $(ere "$(t save)") +Tab $(ere "$(t next)") +Enter $(ere "$(t save)") "
	# The fault is cut at the box's edge with "…" (a Chinese character
	# is two cells: one is never split).
	fault=$(line "$(frow "$(t Fault)")")
	check "the fault ends with … at the box's edge: '$fault'" \
	    -n "$(printf '%s' "$fault" | grep -E '… *│')"
	check "the fault's cut is whole characters: '$fault'" \
	    -n "$(printf '%s' "$fault" | grep -F "${FAULT:0:20}")"
	typein 王五
	wait_re "│ $(ere "$(t "Customer's name")") *: 王五 +│"
	keys Tab
	barrier "$(t "Any key closes this help.")"
	keys Down
	barrier "$(t "Any key closes this help.")"
	expect_screen "$(t "Customer sign-off")"
	expect_eq done "$(state_of "$A")" "order $A after Tab and Down on the sign-off"
	expect_re "│ $(ere "$(t "Customer's name")") *: 王五 +│"	# still there
	keys Enter
	fmt=$(t "Work order %lld signed off.")
	wait_for "${fmt/\%lld/$A}"
	expect_eq closed "$(state_of "$A")" "order $A after Enter"
	keys q
	wait_for "$(t "Quit kefu?")"
	keys y
	wait_exit

	# --- a form of several fields: Tab goes round -------------------------------
	kefu_start "staff$L" 80 24 --lang "$L" --as guanli
	wait_for "$(t "Staff accounts")"
	keys n
	wait_for "$(t "New staff account")"
	wait_re "$(ere "$(t Password)") *:"	# the form is drawn whole
	# On the first field Enter moves on: the hint line offers no save but F2.
	soon wait_re "^F2 $(ere "$(t save)") +Tab $(ere "$(t next)") +Esc $(ere "$(t close)")"
	expect_no "Enter $(t save)"
	typein "quan$LG"
	keys Enter				# to Name, not a save
	at_field "$(t Name)"
	typein 全键
	keys Tab Space
	wait_for "[ ] $(t reception)"
	keys Space Enter
	keys Tab Tab				# Unix user, Password: the last
	at_field "$(t Password)"
	typein quan-pass-1
	soon wait_re "Enter $(ere "$(t save)")"	# the last field: Enter saves
	keys Tab				# round to the first, no save
	login_row=$(frow "$(t Login)")
	wait_cursor "$(($(field_col "$(t Login)") + ${#LG} + 4))" "$login_row"
	expect_screen "$(t "New staff account")"
	expect_eq 0 "$(sqlite3 -cmd ".timeout 5000" "$DB" "SELECT count(*) FROM staff WHERE login='quan$LG'")" \
	    "accounts quan$LG after Tab on the last field"
	keys Up					# round backwards: the last
	wait_cursor "$(($(field_col "$(t Password)") + 11))" "$(frow "$(t Password)")"
	keys Down				# round again, no save
	wait_cursor "$(($(field_col "$(t Login)") + ${#LG} + 4))" "$login_row"
	expect_eq 0 "$(sqlite3 -cmd ".timeout 5000" "$DB" "SELECT count(*) FROM staff WHERE login='quan$LG'")" \
	    "accounts quan$LG after Down on the last field"
	# A new account has nothing to reload: F1 offers no ^R.
	keys F1
	wait_for "$(t "Any key closes this help.")"
	expect_no "$(t "After a conflict: load the record as it is now")"
	expect_no "^R"
	keys Escape
	wait_gone "$(t "Any key closes this help.")"
	keys F2
	fmt=$(t "Added %s.")
	wait_for "${fmt/\%s/quan$LG}"
	expect_eq 1 "$(sqlite3 -cmd ".timeout 5000" "$DB" "SELECT count(*) FROM staff WHERE login='quan$LG'")" \
	    "accounts quan$LG after F2"
	# An account's edit form can reload: F1 lists ^R there.
	keys /
	typein "quan$LG"
	keys Enter
	wait_re "^ quan$LG "
	keys Enter
	wait_for "$(t "Edit staff account")"
	keys F1
	wait_for "$(t "Any key closes this help.")"
	expect_screen "$(t "After a conflict: load the record as it is now")"
	expect_screen "^R"
	keys Escape
	wait_gone "$(t "Any key closes this help.")"
	expect_no "^R $(t reload)"		# on the hint line after a conflict only
	keys Escape				# nothing typed: closes at once
	wait_gone "$(t "Edit staff account")"
	keys q
	wait_for "$(t "Quit kefu?")"
	keys y
	wait_exit
done

finish
