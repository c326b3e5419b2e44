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

finish
