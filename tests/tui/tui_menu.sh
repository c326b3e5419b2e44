#!/bin/bash
# The menu never traps anyone (issue 10: "Esc at the top level does not
# trap a technician in the menu"): the technician 张伟 at 80x24 in English
# and in Chinese, and at 120x40 in Chinese. Esc at the top level and F10
# open it; its hint line reads "Enter choose  Esc close" while it is open;
# j and k move the choice; Esc, F10 and q each close it (q closes the
# menu, it does not quit), and the board's keys are back.
. "$(dirname "$0")/lib.sh" "$@"
. "$(dirname "$0")/dispatch_lib.sh"

# _chosen TEXT: TEXT is drawn as the menu's choice (reverse or white).
# shellcheck disable=SC2317 # called through _wait
_chosen() { attr_at "$(row_of "$1")" "$1" | grep -qE 'rev=1|bg=47'; }
chosen() {	# TEXT: waits until TEXT is the menu's choice, and only it
	local item
	_wait "$TUI_TIMEOUT" "'$1' to be the menu's choice" _chosen "$1"
	for item in "${ITEMS[@]}"; do
		[ "$item" = "$1" ] && continue
		CHECKS=$((CHECKS + 1))
		_chosen "$item" && fail "'$item' is drawn as chosen too ($L ${cols}x$rows)"
	done
}
menu_open() {	# the menu is open, its hint line alone on the last line
	wait_for "─ $(t Menu) "
	wait_line $((rows - 1)) "^Enter $(ere "$(t choose)")  Esc $(ere "$(t close)")\$"
}
menu_closed() {	# the menu is gone, the board's keys are back, kefu runs
	wait_gone "─ $(t Menu) "
	# (a technician with no order chosen: the board offers no row moves)
	wait_line $((rows - 1)) "^F1 $(ere "$(t help)")  F10 $(ere "$(t menu)")  "
	expect_no "$(t "Quit kefu?")"
	check "kefu ended in session $CUR ($L ${cols}x$rows)" ! -e "$T/exit.$CUR"
	expect_line 1 "^ $(ere "$(t "My work orders")") "
}

pass=0
for run in "en 80 24" "zh_CN 80 24" "zh_CN 120 40"; do
	read -r L cols rows <<<"$run"
	pass=$((pass + 1))
	ITEMS=("F3  $(t Dispatch)" "F4  $(t Complaints)" "F9  $(t Me)"
	    "$(t "Language: 中文 / English")" "$(t Help)" "$(t Quit)")
	kefu_start "zhang$pass" "$cols" "$rows" --lang "$L" --as zhangwei
	wait_for "$(t "My work orders")"
	menu_closed

	keys Escape				# Esc at the top level: the menu
	menu_open
	for item in "${ITEMS[@]}"; do
		expect_screen "│ $item "
	done
	chosen "${ITEMS[0]}"
	keys j
	chosen "${ITEMS[1]}"
	keys j
	chosen "${ITEMS[2]}"
	keys k
	chosen "${ITEMS[1]}"
	keys Escape				# Esc closes it
	menu_closed

	keys F10				# F10 opens it, F10 closes it
	menu_open
	chosen "${ITEMS[0]}"			# from the top again
	keys F10
	menu_closed

	keys Escape				# q closes it (and does not quit)
	menu_open
	keys j j j j j				# down to Quit: q still only closes
	chosen "${ITEMS[5]}"
	keys q
	menu_closed
	barrier "$(help_tail)"	# the keys work again
	expect_line 0 "$(ere "$(t technician)")"
done
finish
