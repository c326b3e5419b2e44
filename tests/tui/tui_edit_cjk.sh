#!/bin/bash
# Editing Chinese text in a form: typing 张三丰, inserting in the middle,
# backspace and delete over a double-width character, Home/End, mixed
# Latin and CJK, a CJK text longer than the field (scrolling, the border
# never pushed), all with the terminal cursor's column checked; then the
# account is saved and the database holds exactly what the screen showed.
# A Chinese filter finds it and an edit inserts into the stored name.
. "$(dirname "$0")/lib.sh" "$@"
demo_db

# The first cell of the field labelled LABEL in the open form: just after
# the ": " that follows the label.
field_x() {
	local l pre
	l=$(line "$(row_of "$1")")
	pre=${l%%"$1"*}
	l=${l#*"$1"}
	pre="$pre$1${l%%": "*}: "
	printf '%s' "$pre" | wc -L
}
# The column of the form's right border on row Y.
border_x() {
	local l pre
	l=$(line "$1")
	pre=${l%│*}
	printf '%s' "$pre" | wc -L
}
# The text of the field on row Y (between ": " and the border), trimmed.
field_text() {
	line "$1" | sed -E 's/^[^:]*: //; s/ *│.*$//; s/ +$//'
}
# A key that leaves the cursor where it was (Delete) shows nothing new
# until it is handled: wait for the text as well as the cursor, so the
# check never reads the screen of the key before.
_field_is() { [ "$(field_text "$1")" = "$2" ] && _cursor $((fx + $3)) "$1"; }
expect_field() {	# ROW TEXT CURSOR-OFFSET (cells from the field's start)
	_wait "$TUI_TIMEOUT" "the field on row $1 to read '$2' with the cursor at +$3" \
	    _field_is "$1" "$2" "$3"
}

kefu_start edit 80 24 --lang en --as guanli
wait_for "Staff accounts"
keys n
wait_for "New staff account"
wait_re 'Password *:'		# the form is drawn whole
# The cursor starts in the Login field; Tab moves to Name.
ly=$(row_of "Login")
ny=$(row_of "Name")
fx=$(field_x "Name")
bx=$(border_x "$ny")
wait_cursor "$fx" "$ly"
typein zhangsan
wait_cursor $((fx + 8)) "$ly"
keys Tab
wait_cursor "$fx" "$ny"

# 张三丰: three characters, six cells.
typein 张三丰
expect_field "$ny" 张三丰 6
keys Left
expect_field "$ny" 张三丰 4
keys Left
expect_field "$ny" 张三丰 2
# Insert in the middle.
typein 李
expect_field "$ny" 张李三丰 4
# Backspace over a wide character takes the whole character and two cells.
keys BSpace
expect_field "$ny" 张三丰 2
keys End
expect_field "$ny" 张三丰 6
keys BSpace
expect_field "$ny" 张三 4
keys Home
expect_field "$ny" 张三 0
keys Right
expect_field "$ny" 张三 2
# Latin in between: one cell.
typein a
expect_field "$ny" 张a三 3
keys Right
expect_field "$ny" 张a三 5
keys Left Left
expect_field "$ny" 张a三 2
keys DC				# Delete: the character under the cursor
expect_field "$ny" 张三 2
keys C-a			# ^A / ^E: home, end
expect_field "$ny" 张三 0
keys C-e
expect_field "$ny" 张三 4
typein 丰
expect_field "$ny" 张三丰 6

# Longer than the field (56 cells): the view scrolls, the cursor stays in
# the field, no wide character is cut and the border stays put.
keys C-u
expect_field "$ny" "" 0
long=一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥春夏秋冬东南西北
typein "$long"				# 40 characters, 80 cells
wait_re '北 *│'
cx=$(cursor); cx=${cx%,*}
check "the cursor left the field: at $cx, the field is $fx..$((bx - 3))" \
    "$cx" -gt "$fx" -a "$cx" -le $((bx - 3))
expect_eq "$bx" "$(border_x "$ny")" "the right border's column after scrolling"
expect_no "一二三四五"			# the start scrolled out of view
keys Home
wait_cursor "$fx" "$ny"
wait_re ': 一二三四五'
expect_eq "$bx" "$(border_x "$ny")" "the right border's column at Home"
keys End
wait_re '北 *│'
wait_cursor "$cx" "$ny"
keys C-u
expect_field "$ny" "" 0
typein 张三丰
expect_field "$ny" 张三丰 6

# Roles: Space opens the picker, Space ticks, Enter is done.
keys Tab
wait_for "(Space to choose)"
keys Space
wait_for "[ ] reception"
keys Space
wait_for "[x] reception"
keys Enter
wait_re 'Roles *: reception'
keys Tab Tab				# Unix user, then Password
wait_cursor "$(field_x "Password")" "$(row_of "Password")"
typein "sanfeng-pass"
wait_for "************"
keys F2
wait_for "Added zhangsan."
wait_gone "New staff account"
wait_re 'zhangsan +张三丰 +reception'
expect_eq "张三丰" "$(sqlite3 "$DB" "SELECT display_name FROM staff WHERE login='zhangsan'")" \
    "the stored name"
# The password typed is the one stored.
out=$(printf 'sanfeng-pass\n' | "$KEFU" --db "$DB" --login zhangsan user show zhangsan 2>&1)
check "zhangsan cannot log in with the password typed: $out" \
    "$(printf '%s' "$out" | grep -c '张三丰')" -ge 1

# A Chinese filter: names starting with 张.
keys /
typein 张
wait_re '^ /张'
wait_re 'zhangsan +张三丰'
expect_screen "zhangwei       张伟"
expect_no "wangfang"
keys BSpace				# an empty filter shows everyone
wait_for "wangfang"
typein 张三
wait_gone "zhangwei"
expect_screen "zhangsan       张三丰"
keys Enter				# keep the filter, back to the list
# Edit the one row: the name comes with the cursor at its end.
keys Enter
wait_for "Edit staff account"
wait_re 'Unix user *:'		# the form is drawn whole
ny=$(row_of "Name")
fx=$(field_x "Name")
wait_cursor $((fx + 6)) "$ny"
expect_eq 张三丰 "$(field_text "$ny")" "the name in the edit form"
keys Left
expect_field "$ny" 张三丰 4
typein 李
expect_field "$ny" 张三李丰 6
keys F2
wait_for "Saved."
wait_re 'zhangsan +张三李丰 +reception'
expect_eq "张三李丰" "$(sqlite3 "$DB" "SELECT display_name FROM staff WHERE login='zhangsan'")" \
    "the stored name after the edit"

# The same at 120x40: the form is centred elsewhere, the columns follow.
kefu_start wide 120 40 --lang en --as guanli
wait_for "Staff accounts"
keys n
wait_for "New staff account"
wait_re 'Password *:'		# the form is drawn whole
keys Tab
ny=$(row_of "Name")
fx=$(field_x "Name")
wait_cursor "$fx" "$ny"
typein 张三丰
expect_field "$ny" 张三丰 6
keys Left
typein 李
expect_field "$ny" 张三李丰 6
keys BSpace BSpace
expect_field "$ny" 张丰 2
discard_form
wait_for "Cancelled; nothing was saved."

finish
