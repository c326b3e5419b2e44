#!/bin/bash
# The whole flow in Simplified Chinese and in English: log in (a wrong
# password first), the Admin screen, help, the menu, My account, a new
# account with a Chinese name (cursor checked against the CJK labels),
# the roles picker, saving, switching the language at run time (and the
# choice remembered for the next start), quitting. The Chinese strings are
# read from po/zh_CN.po, so the test follows the translation. Then a copy
# of the binary alone, with no locale directory anywhere (an install as
# docs/admin.md does it, issue 11): LANG=zh_CN.UTF-8 (a locale this host
# lacks) and --lang zh_CN speak Chinese, and a language kefu has no
# catalogue of is said on the message line.
. "$(dirname "$0")/lib.sh" "$@"
demo_db
if [ ! -f "$SRC/po/zh_CN.po" ]; then
	fail "no po/zh_CN.po: the Chinese UI cannot be checked"
	finish
fi

# The text the UI shows for MSGID in language $L (printf directives kept).
field_x() {	# LABEL: the first cell of that form field
	local l pre
	l=$(line "$(row_of "│ $1")")
	pre=${l%%"│ $1"*}
	l=${l#*"│ $1"}
	pre="$pre│ $1${l%%": "*}: "
	printf '%s' "$pre" | wc -L
}

flow() {	# LANG NAME LOGIN-TO-ADD
	L=$1
	local s=$2 who=$3 other tabs added ny fx
	kefu_start "$s" 80 24 --lang "$L" --login guanli
	# The login screen.
	wait_for "$(t "kefu 客服 — log in")"
	wait_re "$(ere "$(t Login)") *: guanli"
	expect_screen "$(t Password)"
	typein wrong-password
	keys Enter
	wait_for "$(t "wrong login or password")"
	typein kefu-demo
	keys Enter
	# The Admin screen: tabs, title, column headers, roles, hints.
	wait_for "$(t "Staff accounts")"
	wait_line 23 "^F1 $(ere "$(t help)") +Tab $(ere "$(t "staff/policies/fees/rates")") +n $(ere "$(t new)") "
	expect_line 0 "F8 $(ere "$(t Admin)") +F9( $(ere "$(t Me)"))? "
	# At 80 columns an admin's eight screens leave no room for the role.
	expect_line 0 "管理员( \\($(ere "$(t admin)")\\))? +$(ere "$(t overdue)") 0 +$NOW_HM\$"
	expect_line 2 "^ $(ere "$(t LOGIN)") +$(ere "$(t NAME)") +$(ere "$(t ROLES)") "
	expect_screen "陈静             $(t supervisor)"
	# The NAME column lines up under its (possibly Chinese) header.
	check "NAME header and names not aligned in $L" \
	    "$(col_of "$(t NAME)")" -eq "$(col_of 陈静)"
	check "ROLES header and roles not aligned in $L" \
	    "$(col_of "$(t ROLES)")" -eq "$(col_of "$(t supervisor)")"
	# Policies.
	keys Tab
	wait_for "$(t "Policies (the numbers the rules run on)")"
	keys Tab
	wait_for "$(t "Paid-service list (有偿服务项目表, R16)")"
	keys Tab
	wait_for "$(t "Rates (R12, R13): a change is a new version")"
	keys Tab
	wait_for "$(t "Staff accounts")"
	# Help.
	keys F1
	wait_for "$(t Keys)"
	expect_screen "$(t "Add a staff account (or a paid service, on that list)")"
	# 80x24 holds one page of it; PgDn shows the rest.
	expect_no "$(t "Quit kefu")"
	keys NPage
	wait_for "$(t "Quit kefu")"
	keys Escape
	wait_gone "$(t Keys)"
	# The menu to My account.
	keys F10
	wait_for "$(t Menu)"
	expect_screen "$(t "Language: 中文 / English")"
	expect_screen "$(t Quit)"
	keys Down Down Down Down Down Down Down Enter	# F2 F3 F4 F5 F6 F7 F8, then F9
	wait_for "$(t "My account")"
	wait_re "$(ere "$(t Since)") +2026-11-27"
	# A new account with a Chinese name.
	keys F8
	wait_for "$(t "Staff accounts")"
	keys n
	wait_for "$(t "New staff account")"
	wait_re "$(ere "$(t Password)") *:"	# the form is drawn whole
	typein "$who"
	keys Tab
	ny=$(row_of "│ $(t Name)")
	fx=$(field_x "$(t Name)")
	wait_cursor "$fx" "$ny"
	typein 张三丰
	wait_cursor $((fx + 6)) "$ny"
	keys Left
	typein 李
	wait_cursor $((fx + 6)) "$ny"
	wait_re "$(ere "$(t Name)") *: 张三李丰 "
	keys Tab
	expect_screen "$(t "(Space to choose)")"
	keys Space
	wait_for "[ ] $(t reception)"
	expect_screen "[ ] $(t billing)"
	keys Space Enter
	wait_re "$(ere "$(t Roles)") *: $(ere "$(t reception)")"
	keys Tab Tab
	typein lang-pass-1
	keys F2
	added=$(t "Added %s.")
	wait_for "${added//%s/$who}"
	wait_re "^ $who +张三李丰 +$(ere "$(t reception)")"
	# Quit asks first.
	keys q
	wait_for "$(t "Quit kefu?")"
	expect_screen "$(t "y: yes    n/Esc: no")"
	keys n
	wait_gone "$(t "Quit kefu?")"
	# Switch the language from the menu: the screen changes at once.
	if [ "$1" = en ]; then other=zh_CN; else other=en; fi
	keys F10
	wait_for "$(t Menu)"
	keys Down Down Down Down Down Down Down Down Enter	# past F2 F3 F4 F5 F6 F7 F8 F9: the language
	L=$other
	wait_for "$(t "Staff accounts")"
	expect_line 0 "F8 $(ere "$(t Admin)") +F9( $(ere "$(t Me)"))? "
	wait_line 23 "^F1 $(ere "$(t help)") "
	keys q
	wait_for "$(t "Quit kefu?")"
	keys y
	wait_exit
	expect_eq 0 "$EXIT_CODE" "exit code"
	expect_tty_restored
	# The choice is remembered: without --lang the next start speaks it.
	kefu_start "$s-again" 80 24 --as guanli
	wait_for "$(t "Staff accounts")"
	expect_line 0 "F8 $(ere "$(t Admin)") +F9( $(ere "$(t Me)"))? "
	# 'l' on My account switches back, and that is remembered too.
	keys F9
	wait_for "$(t "My account")"
	keys l
	L=$1
	wait_for "$(t "My account")"
	wait_line 23 "^F1 $(ere "$(t help)") "
	keys q
	wait_for "$(t "Quit kefu?")"
	keys y
	wait_exit
	kefu_start "$s-third" 80 24 --as guanli
	wait_for "$(t "Staff accounts")"
	expect_line 0 "F8 $(ere "$(t Admin)") +F9( $(ere "$(t Me)"))? "
	if [ "$1" = zh_CN ]; then
		# Really Chinese: the tab bar holds wide characters besides
		# the logo (more cells than characters).
		tabs=$(line 0 | sed 's/ kefu 客服 //')
		check "the zh_CN top bar has no Chinese besides the logo: '$tabs'" \
		    "$(printf '%s' "$tabs" | wc -L)" -gt "$(printf '%s' "$tabs" | wc -m)"
	fi
	keys q
	wait_for "$(t "Quit kefu?")"
	keys y
	wait_exit
}

flow zh_CN zh zhangsan
flow en en lisi

# --- the catalogues are inside the binary ------------------------------------
mkdir "$T/bin" && cp "$KEFU" "$T/bin/kefu" || die "copying kefu"
alone() {	# NAME LANG ARGS...: the copy, on $DB, with LANG
	local name=$1 lang=$2
	shift 2
	start "$name" 80 24 env LANG="$lang" TZ=Asia/Shanghai KEFU_DB="$DB" \
	    KEFU_NOW="$NOW" "$T/bin/kefu" "$@"
}
L=zh_CN
alone alone-env zh_CN.UTF-8 --login guanli
wait_for "$(t "kefu 客服 — log in")"
expect_screen "$(t Password)"
keys Escape
wait_exit
alone alone-opt C.UTF-8 --lang zh_CN --login guanli
wait_for "$(t "kefu 客服 — log in")"
keys Escape
wait_exit
# Asked for a language kefu lacks: English, and it says so once.
L=en
alone alone-fr C.UTF-8 --lang fr --login guanli
wait_for "$(t "kefu 客服 — log in")"
wait_for "no translation for language fr (kefu has: en, zh_CN)"
typein kefu-demo
wait_gone "no translation for language fr"
keys Escape
wait_exit
alone alone-de de_DE.UTF-8 --login guanli
wait_for "no translation for language de_DE.UTF-8 (kefu has: en, zh_CN)"
keys Escape
wait_exit
# Without a login screen, it is said on the first screen, in the language
# spoken (guanli's saved choice, English since the last flow).
alone alone-as C.UTF-8 --lang fr --as guanli
wait_for "$(t "Staff accounts")"
wait_for "no translation for language fr (kefu has: en, zh_CN)"
keys q
wait_for "$(t "Quit kefu?")"
keys y
wait_exit

finish
