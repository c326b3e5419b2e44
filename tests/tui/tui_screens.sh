#!/bin/bash
# Every screen is reachable by its F-key, by its Alt-digit twin and from
# the menu (F10, or Esc at the top), at 80x24 and at 120x40; the frame
# (top bar, message line, hint line) sits where it should at each size;
# a role without the Admin screen cannot reach it any way.
. "$(dirname "$0")/lib.sh" "$@"
demo_db

frame() {	# COLS ROWS: the top bar and the hint line are in place
	# The hint line: F1 first, then whole hints while they fit (it is
	# drawn last, so once it is there the rest is too).
	# (At 80 columns the fourth tab's longer hint leaves "p password"
	# to F1.)
	wait_line $(($2 - 1)) '^F1 help +Tab staff/policies/fees/rates +n new +Enter edit +d disable'
	# At 80 columns the other screens shrink to their keys.
	expect_line 0 '^ kefu 客服 +F2( Reception)? +F3( Dispatch)? +F4( Complaints)? +F5( Billing)? +F6( Callbacks)? +F7( Reports)? +F8 Admin +F9( Me)? .*管理员( \(admin\))? +overdue 0 +'"$NOW_HM"'$'
	# The clock is right-aligned: one space after it (capture-pane
	# drops trailing spaces).
	check "the top bar is not right-aligned at $1 columns: '$(line 0)'" \
	    "$(line 0 | wc -L)" -eq $(($1 - 1))
	if [ "$1" -ge 100 ]; then
		expect_line $(($2 - 1)) ' / find +F10 menu +q quit$'
	else	# cut after a whole hint, never inside one
		expect_line $(($2 - 1)) ' (d disable|p password|/ find|F10 menu|q quit)$'
	fi
	expect_line $(($2 - 2)) '^$'		# no message
}

menu_pick() {	# ITEM: opens the menu with F10 and chooses ITEM with Down/Enter
	local want=$1 i
	keys F10
	wait_for "Menu"
	for i in "F2  Reception" "F3  Dispatch" "F4  Complaints" "F5  Billing" "F6  Callbacks" "F7  Reports" "F8  Admin" "F9  Me" "Language: 中文 / English" "Help" "Quit"; do
		[ "$i" = "$want" ] && break
		keys Down
	done
	keys Enter
	wait_gone "Menu"
}

for size in "80 24" "120 40"; do
	set -- $size
	cols=$1 rows=$2
	s=admin$cols
	kefu_start "$s" "$cols" "$rows" --lang en --as guanli
	# An admin lands on the Admin screen.
	wait_for "Staff accounts"
	frame "$cols" "$rows"
	expect_line 2 '^ LOGIN +NAME +ROLES +UNIX USER'
	expect_screen "guanli         管理员"
	# F-keys.
	keys F9
	wait_for "My account"
	expect_no "Staff accounts"
	expect_line 0 '^ kefu 客服 +F2( Reception)? +F3( Dispatch)? +F4( Complaints)? +F5( Billing)? +F6( Callbacks)? +F7( Reports)? +F8( Admin)? +F9 Me '
	wait_line $((rows - 1)) '^F1 help +p my password +l 中文/English +F10 menu +q quit'
	keys F8
	wait_for "Staff accounts"
	expect_no "My account"
	# Alt-digit, for terminals that eat F-keys.
	keys M-9
	wait_for "My account"
	keys M-8
	wait_for "Staff accounts"
	# Complaints (F4, issue 12): by its F-key, its Alt-digit, the menu.
	keys F4
	wait_for "No open complaints."
	expect_line 1 '^ Complaints +open 0  overdue 0  due soon 0  to sign 0  serious 0$'
	keys M-8
	wait_for "Staff accounts"
	keys M-4
	wait_for "No open complaints."
	keys F8
	wait_for "Staff accounts"
	menu_pick "F4  Complaints"
	wait_for "No open complaints."
	keys F8
	wait_for "Staff accounts"
	# Tab switches the Admin screen between its three lists.
	keys Tab
	wait_for "Policies (the numbers the rules run on)"
	expect_line 2 '^ KEY +VALUE +RULE +MEANING'
	keys Tab
	wait_for "Paid-service list (有偿服务项目表, R16)"
	expect_line 2 '^ CODE +SERVICE +UNIT +PRICE +OFFERED'
	expect_line 3 '^ SV-01 +更换灶具胶管 +次 +30\.00 +offered'
	# An admin changes a price (R16): saved, listed, audited.
	keys Enter
	wait_for "Change a paid service"
	keys Tab Tab C-u
	typein 35.5
	keys F2
	wait_for "Saved SV-01."
	wait_line 3 '^ SV-01 +更换灶具胶管 +次 +35\.50 +offered'
	expect_eq 3550 "$(sqlite3 "$DB" "SELECT price FROM fee_item WHERE code = 'SV-01'")" \
	    "SV-01's price after the change at $cols columns"
	k fee set SV-01 --price 30 >/dev/null || fail "kefu fee set SV-01 --price 30"
	wait_line 3 '^ SV-01 +更换灶具胶管 +次 +30\.00 +offered'	# live
	keys Tab
	wait_for "Rates (R12, R13): a change is a new version"
	expect_line 2 '^ KIND +COMMUNITY +FROM +BASIS +PRICED +STATE +USED +PRICE \(YUAN\) / TIERS$'
	keys Tab
	wait_for "Staff accounts"
	# The menu: every screen, language, help, quit.
	keys F10
	wait_for "Menu"
	for item in "F2  Reception" "F3  Dispatch" "F4  Complaints" "F5  Billing" "F6  Callbacks" "F7  Reports" "F8  Admin" "F9  Me" "Language: 中文 / English" "Help" "Quit"; do
		expect_screen "$item"
	done
	keys Escape
	wait_gone "Menu"
	expect_screen "Staff accounts"
	menu_pick "F9  Me"
	wait_for "My account"
	menu_pick "F8  Admin"
	wait_for "Staff accounts"
	# Esc at the top opens the menu too.
	keys Escape
	wait_for "Menu"
	keys Down Down Down Down Down Down Down	# F2 F3 F4 F5 F6 F7 F8, then F9
	keys Enter
	wait_for "My account"
	expect_no "Menu"
	menu_pick "Help"
	wait_for "Keys"
	expect_screen "Change your own password"
	keys x
	wait_gone "Keys"
	expect_screen "My account"
	# After all that the frame is whole again.
	keys F8
	wait_for "Staff accounts"
	frame "$cols" "$rows"
	expect_no "Menu"
	# Quit from the menu ends kefu at once.
	menu_pick "Quit"
	wait_exit
	expect_eq 0 "$EXIT_CODE" "exit code after Quit from the menu"
	expect_tty_restored
done

# --- a receptionist: no Admin tab, no way in --------------------------------
kefu_start recep 80 24 --lang en --as wangfang
wait_for "Find:"		# a clerk lands on Reception
expect_line 0 '^ kefu 客服 +F2 Reception +F3( Dispatch)? +F4( Complaints)? +F6( Callbacks)? +F9( Me)? +王芳 \(reception\)'
expect_no "F8 Admin"
keys F9
wait_for "My account"
keys F8
wait_for "That screen is not available to your roles."
expect_screen "My account"
expect_no "Staff accounts"
keys M-8
wait_for "That screen is not available to your roles."
expect_no "Staff accounts"
keys F10
wait_for "Menu"
expect_screen "F9  Me"
expect_no "Admin"
keys Escape
wait_gone "Menu"
keys q
wait_for "Quit kefu?"
keys y
wait_exit
expect_eq 0 "$EXIT_CODE" "exit code"

finish
