#!/bin/bash
# Names stored with escape sequences, control, format and invalid bytes
# (put there behind the core's back, as an old import or a tampered file
# could) are shown harmlessly: as ^X or U+FFFD, the columns stay aligned,
# the screen is not cleared, no colour or window title changes, in the
# list, in a form, in a dialog and in the person's own top bar.
. "$(dirname "$0")/lib.sh" "$@"
demo_db

hex() { printf "$1" | od -An -tx1 | tr -d ' \n'; }
nasty() {	# LOGIN PRINTF-FORMAT: add LOGIN, then store the raw name
	k user add "$1" placeholder reception >/dev/null || fail "user add $1"
	sqlite3 "$DB" "UPDATE staff SET display_name = CAST(X'$(hex "$2")' AS TEXT)
	    WHERE login = '$1'" || fail "sqlite3 update $1"
}
# OSC window title, clear screen, red; CR LF TAB BS; bidi override, zero
# width space, BOM; C1 CSI (U+009B); invalid UTF-8; DEL.
nasty evila '\033]0;pwned\007\033[2J\033[31m红色'
nasty evilb 'a\rb\nc\td\bE'
nasty evilc '\342\200\256abc\342\200\213\357\273\277X'
nasty evild '\302\23331m紫\177Z'
nasty evile 'ab\377\376cd'

kefu_start list 100 30 --lang en --as guanli
wait_for "Staff accounts"
wait_re '^ zhaomin '
title0=$(TM display -p -t list '#{pane_title}')
expect_screen "^[]0;pwned^G^[[2"		# cut at the 16-cell NAME column
expect_screen "a^Mb^Jc^Id^HE"
expect_screen "�abc��X"
expect_screen "�31m紫^?Z"
expect_screen "ab��cd"
# Nothing acted: the screen was not cleared, the title is not changed.
expect_line 0 '^ kefu 客服 '
expect_screen " chenjing       陈静 "
check "the pane title was set by a stored name: '$title0'" \
    "$(TM display -p -t list '#{pane_title}')" != pwned
# No colour reached the terminal from the name: evila's row has no red.
evil_row=$(row_of " evila ")
raw_row=$(TM capture-pane -p -e -t list -S "$evil_row" -E "$evil_row")
check "a stored name turned text red: $(printf '%q' "$raw_row")" \
    -z "$(printf '%s' "$raw_row" | grep -E $'\033\\[(0;)?(1;)?31m|\033\\[38;5;1m')"
# Every row's ROLES column starts where the header's does.
roles_col=$(col_of "ROLES")
for who in evila evilb evilc evild evile chenjing zhaomin; do
	l=$(line "$(row_of " $who ")")
	pre=${l%%reception*}
	[ "$who" = chenjing ] && pre=${l%%supervisor*}
	[ "$who" = zhaomin ] && pre=${l%%billing*}
	check "$who's roles are not in the ROLES column: '$l'" \
	    "$(printf '%s' "$pre" | wc -L)" -eq "$roles_col"
done

# In a form the editor drops what it cannot hold; the box stays whole.
keys /
typein evila
keys Enter
wait_re '^ evila '
keys Enter
wait_for "Edit staff account"
wait_re 'Unix user *:'		# the form is drawn whole
wait_re 'Name *: \]0;pwned\[2J\[31m红色 '
check "the form's border moved" \
    "$(screen | grep '│' | while IFS= read -r l; do printf '%s' "${l%│*}" | wc -L; done | sort -u | wc -l)" -eq 1
keys Escape
wait_gone "Edit staff account"
# In a dialog: disabling shows the name harmlessly.
keys d
wait_for "Disable evila ("
expect_screen "^[]0;pwned^G"
keys n
wait_for "Cancelled; nothing was changed."
keys /
keys C-u
typein evilb
keys Enter
wait_re '^ evilb '
keys d
wait_for "Disable evilb (a^Mb^Jc^Id^HE)?"
keys n
wait_gone "Disable evilb"
check "the pane title was set by a stored name" \
    "$(TM display -p -t list '#{pane_title}')" != pwned
keys q
keys y
wait_exit
expect_tty_restored

# The person's own name, in the top bar and on My account.
kefu_start me 80 24 --lang en --as evila
wait_for "Find:"
keys F9
wait_for "My account"
wait_re 'Name +\^\[\]0;pwned\^G\^\[\[2J\^\[\[31m红色'
# (The role gives way to the long name at 80 columns.)
expect_line 0 '\^\[\]0;pwned.*红色( \(reception\))? +overdue 0 +'"$NOW_HM"'$'
check "the top bar is not 79 cells wide: '$(line 0)'" "$(line 0 | wc -L)" -eq 79
check "the pane title was set by a stored name" \
    "$(TM display -p -t me '#{pane_title}')" != pwned
kefu_start me2 80 24 --lang en --as evilb
wait_for "Find:"
keys F9
wait_for "My account"
wait_re 'Name +a\^Mb\^Jc\^Id\^HE$'
expect_line 0 'a\^Mb\^Jc\^Id\^HE \(reception\)'
wait_line 6 'Roles +reception$'		# nothing pushed down a line

finish
