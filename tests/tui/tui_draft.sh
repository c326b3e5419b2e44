#!/bin/bash
# Nothing typed is lost: a pane killed mid-form (SIGHUP), a SIGTERM, and a
# SIGKILL after the autosave each leave a draft (never the password), and
# the next login offers it back: yes reopens the form as it was, no drops
# it for good.
. "$(dirname "$0")/lib.sh" "$@"
demo_db

drafts() {	# the drafts of LOGIN: "form|record_id" lines
	sqlite3 "$DB" "SELECT d.form || '|' || d.record_id FROM draft d
	    JOIN staff s ON s.id = d.staff_id WHERE s.login = '$1'"
}
draft_body() {
	sqlite3 "$DB" "SELECT d.body FROM draft d JOIN staff s ON
	    s.id = d.staff_id WHERE s.login = '$1' AND d.form = '$2'"
}
_draft_has() { draft_body "$1" "$2" | grep -qF -- "$3"; }
field_text() {	# LABEL: the text of that form field, trimmed
	line "$(row_of "$1")" | sed -E 's/^[^:]*: //; s/ *│.*$//; s/ +$//'
}
login_as() {	# NAME LOGIN: a session through the login screen
	kefu_start "$1" 80 24 --lang en --login "$2"
	wait_for "log in"
	wait_re 'Password *:'		# the form is drawn whole
	typein kefu-demo
	keys Enter
}

# --- a pane killed mid-form --------------------------------------------------
kefu_start one 80 24 --lang en --as guanli
wait_for "Staff accounts"
keys n
wait_for "New staff account"
wait_re 'Password *:'		# the form is drawn whole
typein caogao
keys Tab Tab Space
wait_for "[ ] reception"
keys Space Enter
wait_re 'Roles *: reception'
keys Tab Tab
typein secret-pass-9
wait_for "*************"
# The name last, just before the terminal goes: no autosave can have
# kept it, only the SIGHUP handler.
keys Up Up Up
wait_cursor "$(($(col_of "Name") + 11))" "$(row_of "Name")"
typein 草稿张三
wait_re 'Name *: 草稿张三 '
pid=$(pid_of)
kill_pane				# the terminal goes: kefu gets SIGHUP
wait_pid_gone "$pid"
expect_eq "staff.add|0" "$(drafts guanli)" "guanli's drafts after the pane was killed"
body=$(draft_body guanli staff.add)
check "the draft lacks the name: $body" -n "$(printf '%s' "$body" | grep -F 草稿张三)"
check "the draft holds the password: $body" -z "$(printf '%s' "$body" | grep -F secret-pass)"
check "a password reached the database" \
    "$(sqlite3 "$DB" .dump | grep -c secret-pass-9)" -eq 0

# The next login offers it back.
login_as two guanli
wait_for "You have unsaved input from"
expect_screen "Restore it?"
expect_screen "2026-11-27 10:41"
keys y
wait_for "New staff account"
wait_for "Your unsaved input is back."
wait_re 'Password *:'		# the form is drawn whole
expect_eq caogao "$(field_text Login)" "Login from the draft"
expect_eq 草稿张三 "$(field_text Name)" "Name from the draft"
expect_eq reception "$(field_text Roles)" "Roles from the draft"
expect_eq "" "$(field_text Password)" "Password after restoring (never kept)"
keys Tab Tab Tab Tab
wait_cursor "$(($(col_of "Password") + 11))" "$(row_of "Password")"
typein caogao-pass-1
keys F2
wait_for "Added caogao."
# The list is at its top: the new first row (caogao < chenjing) shows.
soon wait_re '^ caogao +草稿张三 +reception'
expect_eq "" "$(drafts guanli)" "guanli's drafts after saving"
keys q
wait_for "Quit kefu?"
keys y
wait_exit
expect_eq 0 "$EXIT_CODE" "exit code"
# No offer next time: the draft went with the save.
kefu_start three 80 24 --lang en --as guanli
wait_for "Staff accounts"
barrier
expect_no "You have unsaved input"
keys q
keys y
wait_exit

# --- SIGTERM in an edit form; "no" drops the draft ---------------------------
kefu_start four 80 24 --lang en --as guanli
wait_for "Staff accounts"
keys /
typein lijun
keys Enter
wait_re '^ lijun '
keys Enter
wait_for "Edit staff account"
wait_re 'Unix user *:'		# the form is drawn whole
keys C-u
typein 李军改
wait_re 'Name *: 李军改 '
kill -TERM "$(pid_of)"
wait_exit
expect_eq 0 "$EXIT_CODE" "exit code after SIGTERM"
expect_tty_restored
lijun_id=$(sqlite3 "$DB" "SELECT id FROM staff WHERE login='lijun'")
expect_eq "staff.edit|$lijun_id" "$(drafts guanli)" "guanli's drafts after SIGTERM"
expect_eq 李军 "$(sqlite3 "$DB" "SELECT display_name FROM staff WHERE login='lijun'")" \
    "lijun's name (a draft is not a save)"
login_as five guanli
wait_for "You have unsaved input from"
keys n
wait_gone "You have unsaved input from"
expect_no "Edit staff account"
expect_eq "" "$(drafts guanli)" "guanli's drafts after answering no"
keys q
keys y
wait_exit
kefu_start six 80 24 --lang en --as guanli
wait_for "Staff accounts"
barrier
expect_no "You have unsaved input"
keys q
keys y
wait_exit

# --- the autosave: SIGKILL after typing stops loses nothing -------------------
kefu_start seven 80 24 --lang en --as guanli
wait_for "Staff accounts"
keys n
wait_for "New staff account"
wait_re 'Password *:'		# the form is drawn whole
typein zidong
keys Tab
typein 自动保存
wait_re 'Name *: 自动保存 '
# The draft is written a few seconds after typing stops, with no signal.
_wait 5 "the autosaved draft" _draft_has guanli staff.add 自动保存
kill -KILL "$(pid_of)"
wait_pid_gone "$(pid_of)"
login_as eight guanli
wait_for "You have unsaved input from"
keys y
wait_for "Your unsaved input is back."
wait_re 'Password *:'		# the form is drawn whole
expect_eq zidong "$(field_text Login)" "Login from the autosaved draft"
expect_eq 自动保存 "$(field_text Name)" "Name from the autosaved draft"
# Esc on the restored form asks; only an explicit "discard" drops it.
keys Escape
wait_for "Discard your unsaved input?"
keys y
wait_for "Cancelled; nothing was saved."
expect_eq "" "$(drafts guanli)" "guanli's drafts after cancelling"

finish
