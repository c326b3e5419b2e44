#!/bin/bash
# Pastes into form fields (tmux load-buffer/paste-buffer): 10,000
# characters into short fields (the field keeps its maximum, the UI stays
# responsive, the database gets exactly what the field shows); control,
# C1 and format characters in a paste are dropped; a paste with a tab, a
# newline and an escape sequence in it (bracketed, should kefu ask for
# bracketed paste) stays text in the field (lineedit.h: "pasted newlines
# and tabs become spaces") instead of moving between fields, saving, or
# cancelling the form; and typed-ahead keys (an
# Enter with the next field's text right behind it, as a slow SSH link
# delivers them) are still keys, not a paste.
#
# Hostile and careless input (issue 11), in a customer's form at 80x24 in
# English and in Chinese, with the bytes sent raw (send-keys -H):
#   - a paste holding GBK bytes (an SSH client set to GBK) ends at its end
#     marker: the ASCII in it and after it is kept, the message line says
#     once that the terminal is not sending UTF-8, and F1, Esc, F10 and q
#     (in the menu) work after it (before: Tab and Enter became spaces and Esc, F2, F10, q
#     did nothing for good);
#   - GBK bytes typed then a letter: the letter is not eaten;
#   - the end marker split between two writes, then Tab: the paste ended,
#     Tab moves to the next field; the start marker split: the pasted q,
#     Tab and q are text, not a quit and a field move;
#   - a paste whose end never comes ends by itself: its text is drawn and
#     the next keys are keys;
#   - 10,000 characters pasted into Notes: 2,000 kept and the message line
#     says so in the CLI's words ("field notes is longer than 2000
#     characters") with how many were kept;
#   - a name of 𠮷 (U+20BB7) and e + U+0301 (a combining acute), and a ZWJ
#     emoji family in the notes, typed and saved: kefu customer show
#     --json gives them back exactly, the form's box stays whole (the mark
#     takes no cell);
#   - a password pasted on the login screen logs in;
#   - the CLI, first: it stores the same name and notes, and refuses
#     10,000 characters of notes and a lone mark with the words the TUI
#     shows.
. "$(dirname "$0")/lib.sh" "$@"
demo_db

field_text() {	# ROW: the text of the form field on that row, trimmed
	line "$1" | sed -E 's/^[^:]*: //; s/ *│.*$//; s/ +$//'
}
stored() {	# LOGIN COLUMN-EXPRESSION
	sqlite3 "$DB" "SELECT $2 FROM staff WHERE login='$1'"
}

awk 'BEGIN { for (i = 0; i < 10000; i++) printf "a" }' >"$T/latin"
awk 'BEGIN { for (i = 0; i < 2500; i++) printf "甲乙丙丁" }' >"$T/cjk"
check "setup: 10,000 characters" "$(LC_ALL=C.UTF-8 wc -m <"$T/cjk")" -eq 10000
# Text with control characters that are no editing key (BEL, ^N, ^\),
# a C1 control (U+0085) and format characters (U+202E, U+200B, U+FEFF).
printf '王\a五\016六\034七\302\205八\342\200\256九\342\200\213十\357\273\277。' \
    >"$T/controls"
printf '北京市\t朝阳区\n建国路\033[1m88号' >"$T/address"
thirty2=$(head -c 32 "$T/latin")
sixty4=$(awk 'BEGIN { for (i = 0; i < 16; i++) printf "甲乙丙丁" }')

kefu_start paste 80 24 --lang en --as guanli
wait_for "Staff accounts"
keys n
wait_for "New staff account"
wait_re 'Password *:'		# the form is drawn whole
ly=$(row_of "Login")
ny=$(row_of "Name")

# --- 10,000 Latin characters into Login (at most 32) -------------------------
paste_file "$T/latin"
wait_re "Login *: a{32} "
# Still responsive: help opens and closes after the whole paste is taken.
barrier
expect_eq "$thirty2" "$(field_text "$ly")" "Login after the paste"
expect_screen "New staff account"

# --- 10,000 CJK characters into Name (at most 64) ----------------------------
keys Tab
paste_file "$T/cjk"
wait_re "Name *: [甲乙丙丁]{20}"
barrier
# The view shows the end of the 64 characters; Home shows the start.
keys Home
wait_re "Name *: 甲乙丙丁甲乙丙丁"
expect_line "$ly" "Login *: a{32} "		# the other field is untouched
keys Tab
keys Space
wait_for "[ ] reception"
keys Space Enter
wait_re 'Roles *: reception'
keys Tab Tab
typein "paste-pass-1"
keys F2
wait_for "Added $thirty2."
wait_gone "New staff account"
expect_eq "$thirty2" "$(stored "$thirty2" login)" "the stored login"
expect_eq 64 "$(stored "$thirty2" 'length(display_name)')" \
    "characters in the stored name"
expect_eq "$sixty4" "$(stored "$thirty2" display_name)" "the stored name"

# --- control, C1 and format characters in a paste are dropped -----------------
keys n
wait_for "New staff account"
wait_re 'Password *:'		# the form is drawn whole
typein pasted
keys Tab
paste_file "$T/controls"
wait_re "Name *: 王"
barrier					# the whole paste is in
expect_eq "王五六七八九十。" "$(field_text "$ny")" "Name after pasting control characters"
expect_no "^G"
expect_no "^N"
expect_no "^\\"
expect_screen "New staff account"
expect_line "$ly" "Login *: pasted "
# The box is whole: every row of it ends at the same border column.
check "the form's right border is not in one column" \
    "$(screen | grep '│' | while IFS= read -r l; do printf '%s' "${l%│*}" | wc -L; done | sort -u | wc -l)" -eq 1
keys Tab Space
wait_for "[ ] reception"
keys Space Enter
wait_re 'Roles *: reception'
keys F2
wait_for "Added pasted."
expect_eq "王五六七八九十。" "$(stored pasted display_name)" "the stored name"

# --- a paste with a tab, a newline and ESC: it all stays in the field --------
keys n
wait_for "New staff account"
wait_re 'Password *:'		# the form is drawn whole
typein address
keys Tab
wait_cursor "$(($(col_of ': ') + 2))" "$ny"
paste_file "$T/address" -p
barrier
expect_screen "New staff account"	# an ESC in a paste must not cancel
expect_line "$ny" "Name *: 北京市 朝阳区 建国路"
expect_line "$ly" "Login *: address "
# The focus stayed in Name (a tab or newline would move it to Roles)...
check "the focus left the Name field: cursor at $(cursor)" \
    "$(cursor | cut -d, -f2)" -eq "$ny"
expect_no "[ ] reception"		# ...and the roles picker never opened
expect_screen "88号"
expect_no "^["
if screen | grep -qF "New staff account"; then
	discard_form
	wait_gone "New staff account"
fi

# --- type-ahead: Enter then more keys in one burst ---------------------------
keys n
wait_for "New staff account"
wait_re 'Password *:'
keys t y p e a h e a d Enter l i s i	# one send-keys: one burst
barrier
expect_line "$ly" "Login *: typeahead "
expect_line "$ny" "Name *: lisi "
check "the typed-ahead Enter did not move to Name: cursor at $(cursor)" \
    "$(cursor | cut -d, -f2)" -eq "$ny"
discard_form
wait_for "Cancelled; nothing was saved."

# --- hostile and careless input (issue 11) -----------------------------------
raw() {		# HEX-BYTES: sent to the program as they are, in one write
	# shellcheck disable=SC2086 # hex bytes, one per word
	TM send-keys -t "$CUR" -H $1 || die "send-keys -H $1 failed"
}
PS="1b 5b 32 30 30 7e"		# ESC [ 200 ~: a paste starts
PE="1b 5b 32 30 31 7e"		# ESC [ 201 ~: it ends
GBK="c4 e3 ba c3"		# 你好 in GBK
cust() {	# ACCOUNT: kefu customer show ACCOUNT --json
	k --as wangfang --json customer show "$1"
}
field_re() {	# LABEL VALUE: an ERE for that form field showing VALUE
	printf '│ %s *: %s +│' "$(ere "$(t "$1")")" "$(ere "$2")"
}
mapfile -t ACCS < <(k --as wangfang customer find 王 --limit 8 |
    awk 'NR > 1 { print $1 }' | tail -3)
check "kefu customer find 王 gave ${#ACCS[@]} customers, not 3" ${#ACCS[@]} -eq 3
yy=$'\xf0\xa0\xae\xb7'		# 𠮷 U+20BB7
ea=$'e\xcc\x81'		# e + U+0301
family=$'\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7'
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "x" }' >"$T/long"

# The CLI keeps and refuses the same text, in the words the TUI shows.
k --as wangfang customer edit "${ACCS[2]}" --name "$yy$ea" --notes "$family" \
    >/dev/null 2>"$T/err" || fail "customer edit --name 𠮷é: $(cat "$T/err")"
j=$(cust "${ACCS[2]}")
expect_eq "$yy$ea" "$(jget name "$j")" "the name the CLI stored"
expect_eq "$family" "$(jget notes "$j")" "the notes the CLI stored"
k --as wangfang customer edit "${ACCS[2]}" --notes "$(cat "$T/long")" \
    >/dev/null 2>"$T/err" && fail "the CLI took 10,000 characters of notes"
expect_eq "kefu: field notes is longer than 2000 characters" "$(cat "$T/err")" \
    "the CLI's words for 10,000 characters of notes"
k --as wangfang customer edit "${ACCS[2]}" --name $'\xcc\x81x' \
    >/dev/null 2>"$T/err" && fail "the CLI took a name starting with a mark"
expect_eq "kefu: field name has a combining mark with no character before it" \
    "$(cat "$T/err")" "the CLI's words for a lone combining mark"

_on_row() { [ "$(cursor | cut -d, -f2)" = "$1" ]; }
on_row() {	# ROW: waits for the cursor to be on screen row ROW
	_wait "$TUI_TIMEOUT" "the cursor on row $1" _on_row "$1"
}
fill() {	# MSGID S ZU: the message in language $L with its %s and %zu
	local s
	s=$(t "$1")
	s=${s/\%s/$2}
	s=${s/\%zu/$3}
	printf '%s' "$s"
}

pass=0
for L in en zh_CN; do
	ACC=${ACCS[$pass]}
	pass=$((pass + 1))
	kefu_start "hostile$pass" 80 24 --lang "$L" --as wangfang
	wait_for "$(t Find:)"
	typein "$ACC"
	wait_re "^ $ACC "
	keys C-o
	wait_for "─ $(t Customer) "
	wait_re "$(field_re Account "$ACC")"
	ny=$(row_of "│ $(t Name) ")
	py=$(row_of "│ $(t Phones) ")
	keys C-u			# the cursor starts on Name
	wait_line "$ny" "│ $(ere "$(t Name)") *: +│"

	# A paste with GBK bytes in it: its end marker still ends it.
	raw "$PS 61 $GBK 62 $PE"
	wait_re "$(field_re Name ab)"
	wait_for "$(t "The terminal is not sending UTF-8: set it (or the SSH client) to UTF-8.")"
	barrier "$(help_tail)"	# F1 is a key again
	# Typed GBK then a letter: the letter is kept.
	raw "$GBK 63"
	wait_re "$(field_re Name abc)"
	# The end marker split between two writes, then Tab: a key.
	# (A pause between the writes, well inside the decoder's 500 ms for
	# the rest of a sequence, so the program reads them apart.)
	raw "$PS e4 b8 ad 1b 5b 32"
	sleep 0.1
	raw "30 31 7e"
	keys Tab
	on_row "$py"
	expect_re "$(field_re Name abc中)"
	keys BTab
	on_row "$ny"
	# The start marker split: q, Tab and q pasted are text.
	raw "1b 5b 32"
	sleep 0.1
	raw "30 30 7e 71 09 71 $PE"
	wait_re "$(field_re Name "abc中q q")"
	expect_screen "─ $(t Customer) "
	# The pasted Tab is text: run as a key it would have moved on.
	check "the pasted Tab left Name: cursor at $(cursor)" \
	    "$(cursor | cut -d, -f2)" -eq "$ny"
	# A paste that never ends: it ends by itself, then keys are keys.
	raw "$PS 7a"
	wait_re "$(field_re Name "abc中q qz")"
	barrier "$(help_tail)"

	# 10,000 characters into Notes after 3 typed: the field holds 2,000,
	# and says so (not the 1,997 of the paste that went in).
	for i in 1 2 3 4 5 6 7 8; do	# Name -> Notes
		keys Tab
	done
	keys C-u
	typein abc
	wait_re "│ $(ere "$(t Notes)") *: abc +│"
	paste_file "$T/long" -p
	wait_for "$(fill "%s: paste cut to %zu." "$(fill "field %s is longer than %zu characters" notes 2000)" 2000)"
	expect_re "│ $(ere "$(t Notes)") *: (abc)?x{40,} +│"
	# Esc works after all that.
	keys Escape
	wait_for "$(t "Close the form and discard what you typed?")"
	keys y
	wait_gone "─ $(t Customer) "

	# 𠮷 and e + U+0301 as a name, a ZWJ family in the notes: kept exactly.
	keys C-o
	wait_for "─ $(t Customer) "
	keys C-u
	typein "$yy$ea王"
	wait_re "$(field_re Name "$yy$ea王")"
	check "the form's right border is not in one column" \
	    "$(screen | grep '│' | while IFS= read -r l; do printf '%s' "${l%│*}" | wc -L; done | sort -u | wc -l)" -eq 1
	for i in 1 2 3 4 5 6 7 8; do
		keys Tab
	done
	keys C-u
	typein "家$family"
	keys F2
	wait_for "$(tf "Customer %s saved." "$ACC")"
	j=$(cust "$ACC")
	expect_eq "$yy${ea}王" "$(jget name "$j")" "the name of $ACC ($L)"
	expect_eq "家$family" "$(jget notes "$j")" "the notes of $ACC ($L)"
	soon wait_re "^ $ACC +$yy$ea王 "	# shown back

	# F10 opens the menu, q closes it; F10, PgDn and Enter quit.
	keys F10
	wait_for "$(t "Language: 中文 / English")"
	keys q
	wait_gone "$(t "Language: 中文 / English")"
	keys F10
	wait_for "$(t "Language: 中文 / English")"
	keys NPage Enter
	wait_exit
	expect_eq 0 "$EXIT_CODE" "kefu's exit code after Quit ($L)"
done

# A password pasted on the login screen is typed into its field (before,
# the paste's start marker ended the login: "not logged in", exit 4).
L=en
kefu_start pastelogin 80 24 --lang en --login wangfang
wait_for "log in"
wait_re 'Password *:'
raw "$PS 6b 65 66 75 2d 64 65 6d 6f $PE"	# kefu-demo
wait_for "*********"
keys Enter
wait_for "$(t Find:)"
wait_re '王芳 \(reception\)'

finish
