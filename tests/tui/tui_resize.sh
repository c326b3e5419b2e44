#!/bin/bash
# Resizing: 80x24 -> 120x40 relays out (hint line at the new bottom, top
# bar right-aligned); 20x5 shows the "terminal too small" notice and takes
# no keys but q; back at 80x24 the screen is exactly what it was (nothing
# left over); an open form keeps its text and cursor across it all; q
# quits from the notice.
. "$(dirname "$0")/lib.sh" "$@"
demo_db

kefu_start r 80 24 --lang en --as guanli
wait_for "Staff accounts"
wait_line 23 '^F1 help '
before=$(screen)

resize_to 120 40
wait_line 39 '^F1 help .* F10 menu +q quit$'
expect_line 0 "overdue 0 +$NOW_HM\$"
check "the top bar is not right-aligned at 120 columns" "$(line 0 | wc -L)" -eq 119
expect_line 23 '^ *$'			# the old hint line is gone
expect_screen "zhaomin        赵敏"

resize_to 20 5
wait_for "Terminal too small"
expect_no "Staff accounts"
expect_no "F1 help"
# What it needs is on the screen, whatever its width.
expect_screen "80x24"
# Keys other than q do nothing while it is too small.
keys n
keys Tab
resize_to 80 24
wait_for "Staff accounts"
wait_gone "Terminal too small"
expect_no "New staff account"
expect_no "Policies"
expect_eq "$before" "$(screen)" "the screen after 20x5 and back to 80x24"

# Just under the minimum, either way.
resize_to 79 24
wait_for "Terminal too small"
resize_to 80 23
wait_for "Terminal too small"
resize_to 80 24
wait_for "Staff accounts"
expect_eq "$before" "$(screen)" "the screen after 79x24 and 80x23"

# A form keeps its text and its cursor across a resize.
keys n
wait_for "New staff account"
wait_re 'Password *:'		# the form is drawn whole
keys Tab
typein 张三丰
keys Left
wait_re 'Name *: 张三丰'
form_cursor=$(cursor)
form_screen=$(screen)
resize_to 20 5
wait_for "Terminal too small"
typein x				# ignored: it is too small
resize_to 120 40
wait_for "New staff account"
wait_re 'Password *:'		# the form is drawn whole
wait_re 'Name *: 张三丰 '
# The form is centred again at 120x40: the cursor is still before 丰.
ny=$(row_of "Name")
expect_cursor $(($(col_of "张三丰") + 4)) "$ny"
resize_to 80 24
wait_re 'Name *: 张三丰 '
wait_cursor "${form_cursor%,*}" "${form_cursor#*,}"
# The terminal may show the redraw in more than one piece: wait for the
# whole screen to be the one from before (the clock is fixed).
_same_screen() { [ "$(screen)" = "$form_screen" ]; }
SOFT=1 _wait "$TUI_TIMEOUT" "the form as before 20x5" _same_screen
expect_eq "$form_screen" "$(screen)" "the form after 20x5, 120x40 and back"
typein 李
wait_re 'Name *: 张三李丰 '
discard_form
wait_for "Cancelled; nothing was saved."

# q quits from the notice.
resize_to 20 5
wait_for "Terminal too small"
keys q
wait_exit
expect_eq 0 "$EXIT_CODE" "exit code after q on the notice"
expect_tty_restored

finish
