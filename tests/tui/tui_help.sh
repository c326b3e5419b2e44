#!/bin/bash
# Help (F1 or ?) lists every key of where you are, at 80x24 as at 120x40:
# the screen's own keys, the global ones (screens, menu, quit), and in a
# form the form's keys; any key closes it and changes nothing else.
. "$(dirname "$0")/lib.sh" "$@"
demo_db

# What F1 must say on the Admin screen: its keys, then the global ones.
admin_help=(
	"Switch: staff, policies, paid services, rates"
	"Add a staff account (or a paid service, on that list)"
	"Edit the selected account or policy"
	"Disable or re-enable the selected account"
	"Set a new password for the selected account"
	"Filter: login (Latin) or name (Chinese) starting with"
	"Previous row" "Next row" "Previous page" "Next page"
	"First row" "Last row"
	"Show every key"
	"The menu: every screen, language, quit"
	"Reception: find customers, log calls and visits"
	"Administration: staff and policies"
	"My account: password, language"
	"Redraw the screen"
	"Quit kefu"
)
form_help=(
	"Save the form"
	"Next field"
	"Previous field"
	"On a choice field: choose (Left/Right: step)"
	"Close without saving (asks before dropping any input)"
	"Move left (a Chinese character is one step)"
	"Delete the word before the cursor"
	"Delete to the start of the field"
)
# Every key that does something there must be named in the help's key
# column (merged names like "F1/?" count for each). A new account has
# nothing to reload: no ^R there (tui_form_keys.sh has it where it works).
admin_keys=(Tab n Enter e d p / Up k Down j PgUp PgDn Home End
	F1 ? F10 Esc F2 M-2 F8 M-8 F9 M-9 ^L q)
form_keys=(F2 ^S Tab Down S-Tab Up Enter Space Esc F1 Left ^B Right ^F
	Home ^A End ^E C-Left M-b C-Right M-f BS ^H Del ^D ^U ^K ^W)

# Reads every page of the open help into HELP (PgDn through them), then
# returns to its first page.
read_help() {
	local p
	wait_for "closes this help."
	HELP=$(screen)
	while p=$(screen | grep -o 'Page [0-9]* of [0-9]*') && [ -n "$p" ]; do
		set -- $p
		[ "$2" -lt "$4" ] || break
		keys NPage
		wait_for "Page $(($2 + 1)) of $4"
		HELP+=$'\n'$(screen)
	done
	if [ -n "$p" ]; then
		keys PPage
		wait_for "Page $(($4 - 1)) of $4"
		[ "$4" -le 2 ] || die "read_help: more than two pages"
	fi
}
expect_help() {
	CHECKS=$((CHECKS + 1))
	grep -qF -- "$1" <<<"$HELP" || fail "expected '$1' in the help"
}

# The key names of the help's pages, one a line.
help_keys() {
	printf '%s\n' "$HELP" | sed -n 's/^.*│ \([^ ]\{1,\}\) .*$/\1/p' |
	    awk '$0 == "/" { print; next } { n = split($0, a, "/")
		for (i = 1; i <= n; i++) if (a[i] != "") print a[i] }'
}
expect_keys_listed() {
	local k listed
	listed=$(help_keys)
	for k in "$@"; do
		CHECKS=$((CHECKS + 1))
		printf '%s\n' "$listed" | grep -qxF -- "$k" ||
		    fail "the help does not name the key '$k' (it names: $(echo $listed))"
	done
}

for size in "80 24" "120 40"; do
	set -- $size
	s=help$1
	kefu_start "$s" "$1" "$2" --lang en --as guanli
	wait_for "Staff accounts"
	wait_re '^F1 help '			# drawn whole: the hint line is last
	before=$(screen)
	keys F1
	read_help
	expect_screen "Keys"
	for h in "${admin_help[@]}"; do
		expect_help "$h"
	done
	expect_keys_listed "${admin_keys[@]}"
	# Every description is whole: none is cut at the box's edge.
	expect_no "Switch between staff and p "
	if [ "$2" -eq 24 ]; then		# 80x24 takes two pages
		expect_screen "Page 1 of 2"
	else
		expect_no "Page 1 of"
	fi
	# Any key closes it; the key does nothing else ("n" would open a form).
	keys n
	wait_gone "closes this help."
	expect_no "New staff account"
	expect_eq "$before" "$(screen)" "the screen after closing the help"
	# ? opens the same help.
	keys ?
	wait_for "closes this help."
	expect_screen "Add a staff account"
	keys Escape
	wait_gone "closes this help."
	expect_no "Menu"			# Esc only closed the help
	# My account has its own keys.
	keys F9
	wait_for "My account"
	keys F1
	wait_for "closes this help."
	expect_screen "Change your own password"
	expect_screen "Switch the language (remembered for you)"
	expect_screen "Quit kefu"
	expect_no "Add a staff account"
	keys Enter
	wait_gone "closes this help."
	# In a form F1 lists the form's keys, and closing it keeps the form
	# and what was typed.
	keys F8
	wait_for "Staff accounts"
	keys n
	wait_for "New staff account"
	wait_re 'Password *:'		# the form is drawn whole
	typein "zhangsan"
	wait_re 'Login *: zhangsan'
	keys F1
	read_help
	for h in "${form_help[@]}"; do
		expect_help "$h"
	done
	expect_keys_listed "${form_keys[@]}"
	expect_no "Add a staff account"		# not the screen's keys
	keys x
	wait_gone "closes this help."
	expect_screen "New staff account"
	expect_line "$(row_of "Login")" 'Login *: zhangsan '	# no stray "x"
	# Enter saves only on the last field, and only there says so.
	expect_line $(($2 - 1)) '^F2 save +Tab next +Esc close'
	discard_form
	wait_gone "New staff account"
	wait_for "Cancelled; nothing was saved."
	keys q
	wait_for "Quit kefu?"
	keys y
	wait_exit
	expect_eq 0 "$EXIT_CODE" "exit code"
done

finish
