#!/bin/bash
# The Admin screen's paid-service list (F8, Tab twice; R16) through the
# real program at 80x24, each change checked with kefu fee list:
#   - an admin adds an item with n: a price that is no amount of money
#     and a code that is taken are refused under their fields, nothing is
#     saved; put right, the item is listed at once and by the CLI;
#   - Enter on it changes its price, then withdraws it: off kefu fee
#     list, still in --all (items are never deleted: old orders keep them);
#   - the same in Chinese, the labels and messages from po/zh_CN.po.
. "$(dirname "$0")/lib.sh" "$@"
demo_db

L=en
fee_row() {	# CODE: its line in kefu fee list --all ("" when none)
	k fee list --all | awk -v c="$1" '$1 == c'
}
expect_fee() {	# CODE ERE: kefu fee list --all has CODE's line matching ERE
	local r
	r=$(fee_row "$1")
	CHECKS=$((CHECKS + 1))
	printf '%s' "$r" | grep -qE -- "$2" ||
	    fail "kefu fee list --all: $1 is '$r', expected /$2/ (line ${BASH_LINENO[0]})"
}
listed() {	# CODE: how many times kefu fee list (the offered ones) has it
	k fee list | awk -v c="$1" '$1 == c' | wc -l
}

# --- 1. a new item, refused twice first --------------------------------------
kefu_start adm 80 24 --lang en --as guanli
wait_for "Staff accounts"
keys Tab Tab
wait_for "Paid-service list (有偿服务项目表, R16)"
expect_line 2 '^ CODE +SERVICE +UNIT +PRICE +OFFERED$'
wait_line 6 '^ SV-04 +户内管道改造 +米 +85\.00 +offered$'
# No accounts here: the staff list's disable and password keys are not
# offered, and d does nothing.
expect_line 23 '^F1 help +Tab staff/policies/fees/rates +n new +Enter edit +F10 menu'
keys d
expect_no "Disable "
keys n
wait_for "─ New paid service "
expect_re "│ Code *: +│"
typein SV-01
keys Tab
typein 燃气报警器安装
keys Tab
typein 个
keys Tab
typein 12.345
keys F2
wait_for "not an amount of money: '12.345' (write yuan, e.g. 12.50)"
expect_eq 0 "$(k fee list --all | grep -c 燃气报警器安装)" \
    "items saved after a refused price"
keys C-u				# the cursor is in the price
typein 120
keys F2
wait_for "item code 'SV-01' is taken"
expect_re "│ Code *: SV-01 +│"
expect_fee SV-01 '^SV-01 +更换灶具胶管 +次 +30\.00 +1$'
keys C-u				# the cursor went to the code
typein SV-05
keys F2
wait_for "Saved SV-05."
wait_line 7 '^ SV-05 +燃气报警器安装 +个 +120\.00 +offered$'
expect_no "─ New paid service "
expect_fee SV-05 '^SV-05 +燃气报警器安装 +个 +120\.00 +1$'
expect_eq 1 "$(listed SV-05)" "SV-05 in kefu fee list"

# --- 2. its price changed, then withdrawn ------------------------------------
keys End Enter				# the last row: SV-05
wait_for "─ Change a paid service "
expect_re "│ Code *: SV-05 +│"
expect_re "│ Price \(yuan\) *: 120\.00 +│"
expect_re "│ Offered *: < Offered > +│"
keys Tab Tab C-u			# Service -> Unit -> Price
typein 98.5
keys F2
wait_for "Saved SV-05."
wait_line 7 '^ SV-05 +燃气报警器安装 +个 +98\.50 +offered$'
expect_fee SV-05 '^SV-05 +燃气报警器安装 +个 +98\.50 +2$'
keys Enter
wait_for "─ Change a paid service "
wait_re "│ Price \(yuan\) *: 98\.50 +│"
keys Tab Tab Tab Left			# to Offered, one step: Withdrawn
wait_re "│ Offered *: < Withdrawn > +│"
keys F2
wait_line 7 '^ SV-05 +燃气报警器安装 +个 +98\.50 +not offered$'
expect_eq 0 "$(listed SV-05)" "SV-05 in kefu fee list once withdrawn"
expect_fee SV-05 '^SV-05 +燃气报警器安装 +个 +98\.50 +3 +\(inactive\)$'
expect_eq 4 "$(k fee list | awk 'NR > 1' | wc -l)" "items offered"

# --- 3. in Chinese ------------------------------------------------------------
L=zh_CN
kefu_start admzh 80 24 --lang zh_CN --as guanli
wait_for "$(t "Staff accounts")"
keys Tab Tab
wait_for "$(t "Paid-service list (有偿服务项目表, R16)")"
wait_line 7 "^ SV-05 +燃气报警器安装 +个 +98\.50 +$(ere "$(t "not offered")")\$"
expect_line 2 "^ $(t CODE) +$(t SERVICE) +$(t UNIT) +$(t PRICE) +$(t OFFERED)\$"
keys n
wait_for "─ $(t "New paid service") "
expect_re "│ $(ere "$(t Code)") *: +│"
expect_re "│ $(ere "$(t "Price (yuan)")") *: +│"
typein SV-06
keys Tab
typein 燃气表移位
keys Tab
typein 次
keys Tab
typein 十元
keys F2
wait_for "$(tf "not an amount of money: '%.32s' (write yuan, e.g. 12.50)" 十元)"
expect_no "not an amount"
expect_eq "" "$(fee_row SV-06)" "SV-06 after a refused price"
keys C-u
typein 200
keys F2
wait_for "$(tf "Saved %s." SV-06)"
wait_line 8 "^ SV-06 +燃气表移位 +次 +200\.00 +$(ere "$(t offered)")\$"
expect_fee SV-06 '^SV-06 +燃气表移位 +次 +200\.00 +1$'
keys End Enter
wait_for "─ $(t "Change a paid service") "
expect_re "│ $(ere "$(t Offered)") *: < $(ere "$(t Offered)") > +│"
keys Tab Tab C-u
typein 180
keys F2
wait_for "$(tf "Saved %s." SV-06)"
wait_line 8 "^ SV-06 +燃气表移位 +次 +180\.00 +$(ere "$(t offered)")\$"
expect_fee SV-06 '^SV-06 +燃气表移位 +次 +180\.00 +2$'
L=en

finish
