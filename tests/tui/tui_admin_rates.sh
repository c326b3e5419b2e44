#!/bin/bash
# The Admin screen's rates (F8, Tab three times; R12, R13, R15) through
# the real program, each change checked with kefu rate list:
#   - at 80x24 in English an admin adds a management-fee version (a
#     fraction of a fen refused first, under its field and on the message
#     line, nothing saved) and a tiered water tariff (bad tiers refused
#     first); both listed at once, newest effective month first;
#   - a version back-dated over a billed month (2026-10, issued by the
#     CLI's notice run) is refused naming R15 and its field, the typed
#     values kept; put right, it saves;
#   - w withdraws an unused version after a question; a used one (its
#     month billed) is refused by the core without one;
#   - the same in Chinese at 80x24, the labels and messages from
#     po/zh_CN.po, CJK community names in their column;
#   - at 120x40 the tiers show whole; each version's state is this
#     month's: in force, to come (a later month), superseded (a later
#     version took over), withdrawn.
. "$(dirname "$0")/lib.sh" "$@"
demo_db

L=en
rate_line() {	# ID: rate ID's line in kefu rate list --all ("" when none)
	k rate list --all | awk -v i="$1" '$1 == i'
}
expect_rate() {	# ID ERE: kefu rate list --all has ID's line matching ERE
	local r
	r=$(rate_line "$1")
	CHECKS=$((CHECKS + 1))
	printf '%s' "$r" | grep -qE -- "$2" ||
	    fail "kefu rate list --all: $1 is '$r', expected /$2/ (line ${BASH_LINENO[0]})"
}
nrates() {	# how many versions kefu rate list --all has
	k rate list --all | grep -cE '^[0-9]+ '
}

# A version the notice run of 2026-10 used, then that run: 2026-10 is
# billed (R15) for the community 测试小区 (its one customer).
expect_eq 0 "$(nrates)" "rates before the scenario"
k rate add mgmt 2026-09 2.00 --per unit >/dev/null || fail "rate add 2026-09"
k customer add --name 赵敏 --account T-1 --phone 13900007777 \
    --community 测试小区 --building 1号楼 --room 101 >/dev/null ||
    fail "customer add"
kn --as zhaomin notice run --period 2026-10 --community 测试小区 >/dev/null ||
    fail "notice run 2026-10"

# --- 1. a management fee, a fraction of a fen refused first ---------------
kefu_start adm 80 24 --lang en --as guanli
wait_for "Staff accounts"
keys Tab Tab Tab
wait_for "Rates (R12, R13): a change is a new version"
expect_line 2 '^ KIND +COMMUNITY +FROM +BASIS +PRICED +STATE +USED +PRICE \(YUAN\) / TIERS$'
wait_line 3 '^ mgmt +\(all\) +2026-09 +unit +gov.t +in force +used +2\.00$'
expect_line 23 '^F1 help +Tab staff/policies/fees/rates +n new version +w withdraw +F10 menu'
keys Enter				# never edited in place
wait_for "A rate version is never edited: n adds a new version (R12, R13)."
expect_no "─ New rate version "
keys n
wait_for "─ New rate version "
expect_re "│ Kind *: < Management fee > +│"
expect_no "Tiers"				# a tariff's field only
keys Tab Tab				# Community (all) -> From
typein 2026-12
keys Tab Tab Right			# Basis -> Pricing: agreed
wait_re "│ Pricing *: < Agreed > +│"
keys Tab
typein 1.234
keys F2
wait_for "Price (yuan): a management fee is whole fen (two decimals)"
expect_re "│ Price \(yuan\) *: 1\.234 +│"
expect_eq 1 "$(nrates)" "versions after a fraction of a fen"
keys C-u
typein 2.65
keys F2
wait_for "Added rate version 2 (mgmt from 2026-12)."
expect_no "─ New rate version "
wait_line 3 '^ mgmt +\(all\) +2026-12 +per m² +agreed +to come +- +2\.65$'
expect_line 4 '^ mgmt +\(all\) +2026-09 +unit +gov.t +in force +used +2\.00$'
expect_rate 2 '^2 +mgmt +\* +2026-12 +2\.65/m² agreed$'

# --- 2. a tiered water tariff, bad tiers refused first -----------------------
keys n
wait_for "─ New rate version "
keys Right				# Water: tiers instead of a price
wait_re "│ Kind *: < Water > +│"
expect_no "Price (yuan)"
keys Tab
typein 测试小区
keys Tab
typein 2027-01
keys Tab
typein '10:3.45,5:4.00,*:4.83'
keys F2
wait_for "Tiers (10:3.45,*:4.83): tier 2: bounds must increase (5 after 10)"
expect_eq 2 "$(nrates)" "versions after bad tiers"
keys C-u
typein '10:3.45,*:4.83'
keys Tab
typein 价格文件
keys F2
wait_for "Added rate version 3 (water from 2027-01)."
wait_line 3 '^ water +测试小区 +2027-01 +meter +gov.t +to come +- +10:3\.45,\*:4\.83$'
expect_line 4 '^ mgmt +\(all\) +2026-12 '
expect_rate 3 '^3 +water +测试小区 +2027-01 +10:3\.45,\*:4\.83 +价格文件$'

# --- 3. back-dated over the billed month: refused (R15), input kept ---------
keys n
wait_for "─ New rate version "
keys Tab
typein 测试小区
keys Tab
typein 2026-10
keys Tab Tab Tab
typein 3.10
keys F2
wait_line 22 '^ From \(YYYY-MM\) \(R15\): cannot change a rate from 2026-10: notices'
expect_re "│ Community \(empty: all\) *: 测试小区 +│"
expect_re "│ From \(YYYY-MM\) *: 2026-10 +│"
expect_re "│ Price \(yuan\) *: 3\.10 +│"
expect_eq 3 "$(nrates)" "versions after a back-dated one"
keys C-u				# the cursor went to From
typein 2027-03
keys F2
wait_for "Added rate version 4 (mgmt from 2027-03)."
wait_line 3 '^ mgmt +测试小区 +2027-03 +per m² +gov.t +to come +- +3\.10$'

# --- 4. withdrawn after a question; a used one refused ------------------------
keys Home w				# the newest month: the new version
wait_for "Withdraw rate version 4 (mgmt, 测试小区, from 2027-03)?"
keys y
wait_for "Withdrew rate version 4."
wait_line 3 '^ mgmt +测试小区 +2027-03 +per m² +gov.t +withdrawn +- +3\.10$'
expect_rate 4 '\(withdrawn\)$'
keys w					# withdrawn already: the core says so
wait_for "rate 4 is withdrawn already"
keys End w				# 2026-09: its month is billed
wait_for "cannot withdraw a rate in force from 2026-09: notices for 2026-10"
expect_no "Withdraw rate version 1"
expect_rate 1 '^1 +mgmt +\* +2026-09 +2\.00/unit government$'
keys Tab				# round to the staff list
wait_for "Staff accounts"

# --- 5. in Chinese -------------------------------------------------------------
L=zh_CN
kefu_start admzh 80 24 --lang zh_CN --as guanli
wait_for "$(t "Staff accounts")"
keys Tab Tab Tab
wait_for "$(t "Rates (R12, R13): a change is a new version")"
expect_line 2 "^ $(t KIND) +$(t COMMUNITY) +$(t FROM) +$(t BASIS) +$(t PRICED) +$(t STATE) +$(t USED) +$(ere "$(t "PRICE (YUAN) / TIERS")")\$"
wait_line 3 "^ $(t mgmt) +测试小区 +2027-03 +$(ere "$(t "per m²")") +$(ere "$(t "gov't")") +$(t withdrawn) +- +3\.10\$"
expect_line 4 "^ $(t water) +测试小区 +2027-01 +$(t meter) +$(ere "$(t "gov't")") +$(t "to come") +- +10:3\.45,\*:4\.83\$"
expect_line 6 "^ $(t mgmt) +$(ere "$(t "(all)")") +2026-09 +$(t unit) +$(ere "$(t "gov't")") +$(t "in force") +$(t used) +2\.00\$"
# The columns line up whatever the cells hold (CJK counts two).
expect_eq "$(col_of 2027-03)" "$(col_of 2026-09)" "the FROM column"
expect_line 23 "^F1 $(t help) +Tab $(ere "$(t "staff/policies/fees/rates")") +n $(t "new version") +w $(t withdraw) "
keys n
wait_for "─ $(t "New rate version") "
keys Right Right			# Power
wait_re "│ $(t Kind) *: < $(t Power) > +│"
keys Tab Tab
typein 2026-10
keys Tab
typein 0.5283
keys F2
wait_line 22 "^ $(ere "$(t "From (YYYY-MM)")") \(R15\): "
expect_re "R15"
expect_re "│ $(ere "$(t "From (YYYY-MM)")") *: 2026-10 +│"
expect_eq 4 "$(nrates)" "versions after a back-dated one (zh_CN)"
keys C-u
typein 2027-02
keys F2
wait_for "$(tf "Added rate version %lld (%s from %s)." 5 "$(t power)" 2027-02)"
wait_line 3 "^ $(t mgmt) +测试小区 +2027-03 "
expect_line 4 "^ $(t power) +$(ere "$(t "(all)")") +2027-02 +$(t meter) +$(ere "$(t "gov't")") +$(t "to come") +- +0\.5283\$"
expect_rate 5 '^5 +power +\* +2027-02 +0\.5283$'
keys Down w
wait_for "$(tf "Withdraw rate version %lld (%s, %s, from %s)? The version before it is in force again." 5 "$(t power)" "$(t "(all)")" 2027-02)"
keys y
wait_for "$(tf "Withdrew rate version %lld." 5)"
wait_line 4 "^ $(t power) +$(ere "$(t "(all)")") +2027-02 +$(t meter) +$(ere "$(t "gov't")") +$(t withdrawn) "
expect_rate 5 '\(withdrawn\)$'
L=en

# --- 6. at 120x40; a version a later one replaced -------------------------------
k rate add water 2027-04 '180:0.5283,280:0.5783,400:0.6283,*:0.8283' \
    --community 幸福小区东区 >/dev/null || fail "rate add 2027-04"
# November's fee for every community: from $NOW's month it is the one in
# force, and 2026-09's (still listed, used) is superseded, not "in force".
k rate add mgmt 2026-11 2.20 --per unit >/dev/null || fail "rate add 2026-11"
kefu_start wide 120 40 --lang en --as guanli
wait_for "Staff accounts"
keys Tab Tab Tab
wait_for "Rates (R12, R13): a change is a new version"
wait_line 3 '^ water +幸福小区东 +2027-04 +meter +gov.t +to come +- +180:0\.5283,280:0\.5783,400:0\.6283,\*:0\.8283$'
expect_line 2 '^ KIND +COMMUNITY +FROM +BASIS +PRICED +STATE +USED +PRICE \(YUAN\) / TIERS$'
expect_re '^ mgmt +\(all\) +2026-11 +unit +gov.t +in force +- +2\.20$'
expect_re '^ mgmt +\(all\) +2026-09 +unit +gov.t +superseded +used +2\.00$'
expect_re '^ mgmt +\(all\) +2026-12 +per m² +agreed +to come +- +2\.65$'
expect_line 39 '^F1 help +Tab staff/policies/fees/rates +n new version +w withdraw +F10 menu +q quit$'

finish
