#!/bin/bash
# Two sessions as two people on one database: what one saves shows in the
# other with no key pressed (a renamed account, changed roles with an alert, a
# CLI change in the admin's list); two admins editing the same account:
# different fields merge, the same field is a conflict that names the other
# change and ^R reloads it; an account disabled from the CLI ends its
# session cleanly (message, exit code, terminal restored).
. "$(dirname "$0")/lib.sh" "$@"
demo_db

# On the Admin screen of the current session: filter the staff list down
# to LOGIN (the only row, so it is selected).
select_staff() {
	keys /
	keys C-u
	typein "$1"
	keys Enter
	wait_re "^ /$1"
	wait_re "^ $1 "
}

kefu_start admin 100 30 --lang en --as guanli
wait_for "Staff accounts"
kefu_start fang 80 24 --lang en --as wangfang
wait_for "Find:"			# a clerk starts at Reception
keys F9
wait_for "My account"
wait_re 'Name +王芳$'

# --- a rename by the admin shows in wangfang's session ----------------------
use admin
select_staff wangfang
keys Enter
wait_for "Edit staff account"
wait_re 'Unix user *:'		# the form is drawn whole
wait_re 'Name *: 王芳 '
keys C-u
typein 王芳芳
wait_re 'Name *: 王芳芳 '
keys F2
wait_for "Saved."
use fang
wait_re 'Name +王芳芳$' "$LIVE"
# The top bar names the person as they are now, too.
soon wait_line 0 '王芳芳 \(reception\)' "$LIVE"

# --- changed roles: shown at once, with an alert -----------------------------
use admin
keys Enter
wait_for "Edit staff account"
wait_re 'Unix user *:'		# the form is drawn whole
keys Tab
wait_re 'Roles *: reception '
keys Space
wait_for "[x] reception"
keys Down Down Down Down Space
wait_for "[x] billing"
keys Enter
wait_re 'Roles *: reception,billing '
keys F2
wait_for "Saved."
use fang
wait_for "Your roles were changed by an administrator." "$LIVE"
wait_re 'Roles +reception,billing$'
# The top bar offers the billing screen now (at 80 columns its six
# screens and the current one's title leave no room for the roles).
expect_line 0 ' F4  F5  F6  F9 '

# --- a change made with the CLI shows in the admin's list --------------------
use admin
keys /
keys C-u
keys Enter
wait_for "zhaomin"
k user add xinren 新人 technician >/dev/null || fail "kefu user add"
wait_re '^ xinren +新人 +technician' "$LIVE"
# A new account that sorts before the first row shown (the list is at its
# top) shows as well.
k user add anna 安娜 reception >/dev/null || fail "kefu user add"
soon wait_re '^ anna +安娜 +reception' "$LIVE"

# --- two admins, one account ------------------------------------------------
k user add zhuguan 周管 admin >/dev/null || fail "kefu user add zhuguan"
kefu_start zhou 100 30 --lang en --as zhuguan
wait_for "Staff accounts"
use admin
select_staff lijun
keys Enter
wait_for "Edit staff account"
wait_re 'Unix user *:'		# the form is drawn whole
use zhou
select_staff lijun
keys Enter
wait_for "Edit staff account"
wait_re 'Unix user *:'		# the form is drawn whole
# Different fields: zhuguan sets the Unix user, guanli renames; both win.
keys Tab Tab
typein lj
wait_re 'Unix user *: lj '
keys F2
wait_for "Saved."
use admin
keys C-u
typein 李俊
keys F2
if ! soon wait_for "Saved." 2; then
	discard_form			# give up this edit, go on
	wait_gone "Edit staff account"
fi
expect_eq "李俊|lj" "$(sqlite3 "$DB" "SELECT display_name || '|' || unix_user FROM staff WHERE login='lijun'")" \
    "lijun after two edits of different fields"
use zhou
soon wait_re '^ lijun +李俊 +dispatcher +lj' "$LIVE"
# The same field: the second save is refused, naming the first.
keys Enter
wait_for "Edit staff account"
wait_re 'Unix user *:'		# the form is drawn whole
use admin
keys Enter
wait_for "Edit staff account"
wait_re 'Unix user *:'		# the form is drawn whole
keys C-u
typein 李军军
keys F2
wait_for "Saved."
use zhou
keys C-u
typein 李君
keys F2
wait_re "(guanli|管理员) changed Name at [0-9]{2}:[0-9]{2}"	# who, what, when...
expect_screen "李军军"			# ...to what
expect_screen "not saved. ^R: reload it."	# ...and how to go on
expect_screen "Edit staff account"	# the form stays, with the input
wait_re 'Name *: 李君 '
keys C-r
wait_for "Reloaded: the record as it is now."
wait_re 'Name *: 李军军 '
discard_form
wait_gone "Edit staff account"
expect_eq "李军军" "$(sqlite3 "$DB" "SELECT display_name FROM staff WHERE login='lijun'")" \
    "lijun's name after the conflict"

# --- disabled from the CLI: the session ends, cleanly -----------------------
use fang
k user disable wangfang >/dev/null || fail "kefu user disable"
wait_exit "$LIVE"
expect_eq 4 "$EXIT_CODE" "exit code of a disabled account's session"
expect_tty_restored
wait_for "kefu: account wangfang has been disabled"
expect_no "My account"
# The admin sees it in the list.
use admin
keys /
keys C-u
keys Enter
wait_re '^ wangfang +王芳芳 +reception,billing +disabled' "$LIVE"

finish
