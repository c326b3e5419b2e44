#!/bin/bash
# The login screen (--login): a good password after a wrong one, three
# wrong ones close the door, an unknown login says no more than a wrong
# password, a disabled account stays out, Esc leaves; the terminal is
# restored every time kefu ends.
. "$(dirname "$0")/lib.sh" "$@"
demo_db
k user disable zhaomin >/dev/null || fail "setup: disable zhaomin"

# --- a wrong password, then the right one ------------------------------------
kefu_start good 80 24 --lang en --login wangfang
wait_for "log in"
wait_re 'Password *:'		# the form is drawn whole
wait_re 'Login *: wangfang'
# The login is filled in: the cursor waits in the password field.
pw_row=$(row_of "Password")
pw_col=$(($(col_of "Password") + $(printf '%s' "Password" | wc -L) + 2))
wait_cursor "$pw_col" "$pw_row"
# Before anyone logged in the top bar names nobody (no empty "()").
expect_no "()"
typein "not-the-password"
wait_for "****************"
expect_no "not-the-password"		# the password is never shown
keys Enter
wait_for "wrong login or password"
# The password field is emptied for the next try; the login stays.
wait_re 'Password *: +│'
expect_line "$(row_of "Login")" 'Login *: wangfang'
typein kefu-demo
wait_gone "wrong login or password"	# typing clears the message
keys Enter
wait_for "Find:"			# a clerk starts at Reception
wait_re '王芳 \(reception\)'
keys F9
wait_for "My account"
expect_line 0 '王芳 \(reception\) +overdue 0 +'"$NOW_HM"
expect_line "$(row_of "Login")" 'Login +wangfang'
expect_no "log in"
keys q
wait_for "Quit kefu?"
keys y
wait_exit
expect_eq 0 "$EXIT_CODE" "exit code after quitting"
expect_tty_restored
expect_no "My account"			# the screen was given back

# --- three wrong passwords: the door closes ----------------------------------
kefu_start three 80 24 --lang en --login lijun
wait_for "log in"
wait_re 'Password *:'		# the form is drawn whole
for i in 1 2 3; do
	typein "wrong-$i-password"
	wait_for "****************"
	keys Enter
	if [ "$i" -lt 3 ]; then
		wait_for "wrong login or password"
		wait_re 'Password *: *$|Password *: *│'
	fi
done
wait_exit
expect_eq 4 "$EXIT_CODE" "exit code after three wrong passwords"
wait_for "kefu: not logged in"
expect_tty_restored

# --- an unknown login gets the same answer as a wrong password ---------------
kefu_start unknown 80 24 --lang en --login nosuchuser
wait_for "log in"
wait_re 'Password *:'		# the form is drawn whole
typein kefu-demo
keys Enter
wait_for "wrong login or password"
expect_no "nosuchuser does not exist"
expect_no "no such"
# Esc leaves the login screen.
keys Escape
wait_exit
expect_eq 4 "$EXIT_CODE" "exit code after Esc at the login screen"
wait_for "kefu: not logged in"
expect_tty_restored

# --- nothing pre-filled: type the login, Tab, the password -------------------
kefu_start blank 80 24 --lang en --login ""
wait_for "log in"
wait_re 'Password *:'		# the form is drawn whole
login_row=$(row_of "Login")
wait_cursor "$(($(col_of "Login") + $(printf '%s' "Password" | wc -L) + 2))" \
    "$login_row"
typein chenjing
keys Tab
typein kefu-demo
keys Enter
wait_for "Suggestion queue"		# a manager starts at Reception
keys F9
wait_for "My account"
wait_re '陈静 \(supervisor\)'
# Supervisors have no Admin screen: no F8 tab.
expect_no "F8"
keys q
wait_for "Quit kefu?"
keys n
wait_gone "Quit kefu?"
expect_screen "My account"		# "n" keeps kefu running
keys q
wait_for "Quit kefu?"
keys y
wait_exit
expect_eq 0 "$EXIT_CODE" "exit code"

# --- a disabled account stays out -------------------------------------------
# A wrong password says nothing about the account; the right one is told
# why it cannot come in.
kefu_start disabled 80 24 --lang en --login zhaomin
wait_for "log in"
wait_re 'Password *:'		# the form is drawn whole
typein wrong-password
keys Enter
wait_for "wrong login or password"
expect_no "disabled"
typein kefu-demo
keys Enter
wait_for "account zhaomin is disabled"
expect_no "My account"
expect_screen "log in"
keys Escape
wait_exit
expect_eq 4 "$EXIT_CODE" "exit code"
expect_tty_restored

finish
