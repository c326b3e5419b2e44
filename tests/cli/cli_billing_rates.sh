#!/usr/bin/env bash
# cli_billing_rates.sh — billing's rates, meters and a month's readings
# for a building from the command line (R12, R13, R14, R15): rates added
# with their checks (negative, fractional-fen, non-numeric prices named
# by field; nothing half-saved), versions by month, who may; meters of
# three flats and a shared meter by floor area; November's readings keyed
# in one pass with the refusals (below the last, a spike, a moved-out
# flat, a second reading without a reason); the charges each flat owes
# with their sources, the shared parts adding up to the whole; a rate
# back-dated over a billed month refused, per community; a run refused
# while a meter is not read; kefu check clean.
. "$(dirname "$0")/lib.sh" "$@"

# The readings run to January 2027: a month not yet begun is refused.
export KEFU_NOW=2027-01-28T10:00:00+08:00

fresh_db
expect_exit 0 k user add shoufei 收费员 billing
expect_exit 0 k user add laoban 老板 supervisor
expect_exit 0 k user add wangfang 王芳 reception
b() { k --as shoufei "$@"; }

# --- rates: checks, nothing half-saved -------------------------------------------
rows=$(audit_rows)
expect_exit 1 k rate add mgmt 2026-01 -2.50
expect_err_fixed 'price cannot be negative: -2.50'
expect_exit 1 k rate add mgmt 2026-01 2.505
expect_err_fixed 'price has a fraction of a fen: 2.505'
expect_exit 1 k rate add mgmt 2026-01 两块五
expect_err 'price is not an amount in yuan'
expect_exit 1 k rate add mgmt 2026-13 2.50
expect_err 'effective 2026-13 is not a month'
expect_exit 1 k rate add mgmt 2026-01 2.50 --per floor
expect_exit 1 k rate add water 2026-01 '280:3.45,180:4.00,*:5'
expect_err 'bounds must increase'
expect_exit 1 k rate add water 2026-01 3.45678
expect_err 'tiers has more than four decimals'
expect_exit 1 k rate add power 2026-01 '180:0.5283'
expect_err "the last tier's bound is"
expect_eq "$rows" "$(audit_rows)" "refused rates left no audit row"
expect_eq 0 "$(db_sql 'SELECT count(*) FROM rate')" "nor a rate"

expect_exit 4 b rate add mgmt 2026-01 2.50
expect_err 'may not'
expect_exit 0 k rate add mgmt 2026-01 2.50 --agreed --note 业主大会决议
expect_out '^added rate 1: mgmt from 2026-01$'
expect_exit 0 k --json rate add water 2026-01 3.45
expect_json
expect_json_eq '$.tiers[0].price_cfen' 34500
expect_exit 0 k rate add power 2026-01 '180:0.5283,280:0.5783,*:0.8283'
expect_exit 3 k rate add power 2026-01 0.60
expect_err 'withdraw it first'
expect_exit 0 b rate list
expect_out '^1 +mgmt +\* +2026-01 +2\.50/m² agreed +业主大会决议$'
expect_out '^3 +power +\* +2026-01 +180:0\.5283,280:0\.5783,\*:0\.8283$'
expect_exit 4 k --as wangfang rate list

# --- customers, areas, meters -----------------------------------------------------
expect_exit 0 k customer add --name 张三 --account A-301 --community 阳光花园 \
    --building 3号楼 --room 301 --move-in 2026-11-14
expect_exit 0 k customer add --name 李四 --account A-302 --community 阳光花园 \
    --building 3号楼 --room 302 --move-in 2019-06-01
expect_exit 0 k customer add --name 王五 --account A-303 --community 阳光花园 \
    --building 3号楼 --room 303 --move-in 2019-06-01
expect_exit 0 b meter area A-301 88
expect_out '^A-301: 88\.00 m² \(version 1\)$'
expect_exit 0 b meter area A-302 66.00
expect_exit 0 b --json meter area A-303 44
expect_json_eq '$.area_dm2' 4400
expect_exit 1 b meter area A-303 44.125
expect_err 'area must be m² with at most two decimals'
expect_exit 1 b meter area A-303 -5
expect_exit 0 b meter area A-303
expect_out '44\.00 m²'

expect_exit 0 b meter add W-301 water --customer A-301 --position 1 --digits 5
expect_exit 0 b meter add W-302 water --customer A-302 --position 2 --digits 5 \
    --start 470
expect_exit 0 b meter add W-303 water --customer A-303 --position 3 --digits 5
expect_exit 0 b meter add P-301 power --customer A-301 --position 4
expect_exit 0 b meter add W-PUB water --shared area --community 阳光花园 \
    --building 3号楼 --position 9
expect_exit 3 b meter add W-301 water --customer A-302
expect_exit 1 b meter add W-X water
expect_err 'give --customer ACCOUNT'
expect_exit 1 b meter add W-X water --customer A-301 --start -3
expect_err 'start cannot be negative'
expect_exit 2 b meter add W-X water --customer NOBODY
for a in A-301 A-302 A-303; do
	expect_exit 0 b meter link W-PUB $a
done
expect_exit 3 b meter link W-PUB A-301
expect_exit 1 b meter link W-301 A-302
expect_err 'not a shared meter'
expect_exit 0 b meter show W-PUB
expect_out '^shared: +by area, 3 units$'

# --- October: the first round ------------------------------------------------------
for m in W-301:30 W-302:500 W-303:99990 P-301:0 W-PUB:100; do
	expect_exit 0 b reading enter "${m%%:*}" 2026-10 "${m##*:}"
done
# some history so the usual is known
expect_exit 0 b reading enter W-302 2026-11 530
expect_exit 0 b reading list W-302
expect_out '^2026-11 +500 +530 +30 *$'

# --- November: the building in one pass, with its refusals ------------------------
expect_exit 0 b reading round 阳光花园 3号楼 --period 2026-11
expect_out '^W-301 +301 +张三 +2026-10 +30 +30 +\?$'
expect_out '^W-302 +302 +李四 +2026-10 +500 +30 +530$'
expect_out '^W-PUB +\(shared\) +2026-10 +100 +100 +\?$'
expect_exit 0 b --json reading round 阳光花园 3号楼 --period 2026-11
expect_json
expect_json_eq '$[0].meter' W-301
expect_json_eq '$[0].last_value' 30
expect_json_eq '$[0].value' ''

expect_exit 5 b reading enter W-301 2026-11 9
expect_err_fixed 'reading 9 of meter W-301 is below the last (30, 2026-10)'
expect_err '\(R13\)'
expect_exit 1 b reading enter W-301 2026-11 12.5
expect_err 'value must be a whole number'
expect_exit 1 b reading enter W-301 2026-11 -1
expect_exit 0 b reading enter W-301 2026-11 66
expect_out '^W-301 2026-11: 66, usage 36$'
expect_exit 5 b reading enter W-301 2026-11 67
expect_err 'a second one is a correction: give its reason \(R13\)'
expect_exit 0 b reading enter W-301 2026-11 66 --reason 复核无误
expect_exit 0 b reading enter W-303 2026-11 12 --rollover
expect_out 'usage 22$'
expect_exit 0 b reading enter P-301 2026-11 200
# a spike: 10 × the usual (the mean of the last usages, 30)
expect_exit 0 b reading enter W-302 2026-12 560
expect_exit 5 b reading enter W-302 2027-01 860
expect_err 'above 300% of its usual \(mean 30\.0 a month; months compared: 3\)'
expect_exit 0 b reading enter W-302 2027-01 860 --confirm
expect_exit 1 b reading enter W-302 2027-02 870
expect_err 'period 2027-02 has not begun \(it is 2027-01\)'
expect_exit 0 b reading enter W-PUB 2026-11 200
expect_exit 4 k --as laoban reading enter W-PUB 2026-12 300
expect_exit 4 k --as wangfang reading list W-PUB

# --- the charges of November -------------------------------------------------------
expect_exit 0 b rate charges A-301 2026-11
expect_out '^mgmt +124\.67  2\.50元/平方米 × 88\.00 平方米 × 17/30天（2026-11-14起）（协议价）$'
expect_out '^water +124\.20  W-301 读数 30→66 = 36 m³ × 3\.45$'
expect_out '^power +106\.66  P-301 读数 0→200 = 200 kWh: 180×0\.5283\+20×0\.5783$'
expect_out '^shared_water +153\.33  公摊表 W-PUB 100 m³ = 345\.00元，按面积 88\.00/198\.00 平方米$'
expect_out '^total +508\.86$'
total=0
for a in A-301 A-302 A-303; do
	expect_exit 0 b --json rate charges $a 2026-11
	expect_json
	part=$(sqlite3 :memory: "SELECT sum(json_extract(value, '\$.amount')) FROM json_each(json_extract(CAST(readfile('$OUT') AS TEXT), '\$.lines')) WHERE json_extract(value, '\$.kind') = 'shared_water'")
	total=$((total + part))
done
expect_eq 34500 "$total" "the shared parts add up to the whole, to the fen (R14)"
expect_exit 0 b --json rate charges A-302 2026-11
expect_json_eq '$.lines[0].kind' mgmt
expect_json_eq '$.lines[0].amount' 16500
expect_json_eq '$.lines[1].amount' 10350

# --- a moved-out flat --------------------------------------------------------------
expect_exit 0 k customer edit A-303 --status moved_out
expect_exit 5 b reading enter W-303 2026-12 20
expect_err 'moved out: no reading \(R13\)'

# --- R13, R15: a month is issued per community, once its meters are read ---------
expect_exit 0 k customer add --name 赵六 --account B-101 --community 幸福小区 \
    --building 1号楼 --room 101 --move-in 2019-06-01
expect_exit 0 b meter area B-101 50
expect_exit 0 b meter add W-B101 water --customer B-101 --position 1
expect_exit 0 b reading enter W-B101 2026-10 10
expect_exit 0 k user add zhangwei 张伟 billing
# December: W-302 read, W-303's flat moved out; the others not read.
expect_exit 5 k --as zhangwei notice run --period 2026-12 --community 阳光花园
expect_err_fixed '3 meter(s) of 阳光花园 have no reading for 2026-12 (W-301, P-301, W-PUB)'
expect_err '\(R13, R15\)'
expect_exit 0 k --as zhangwei notice run --period 2026-11 --community 阳光花园
expect_out '^issued 3 notices for 2026-11 阳光花园'
# 阳光花园's November: its readings, its rates and rates for every
# community stay as billed.
expect_exit 5 k rate add mgmt 2026-11 3.00
expect_err 'notices for 2026-11 are issued already.*\(R15\)'
expect_exit 5 k rate add mgmt 2026-11 3.00 --community 阳光花园
expect_exit 5 k rate withdraw 1
expect_err '\(R15\)'
expect_exit 5 b reading enter W-301 2026-11 70 --reason 再抄
expect_err 'notices of 阳光花园 for 2026-11 are issued already.*\(R15\)'
# 幸福小区's November is still open until its own run.
expect_exit 0 b reading enter W-B101 2026-11 14
expect_exit 0 k rate add water 2026-11 4.00 --community 幸福小区
# A-302 moves to 幸福小区, billed for November already in 阳光花园: left
# out of 幸福小区's run and said so, not billed twice (R15).
expect_exit 0 k customer edit A-302 --community 幸福小区
expect_exit 0 k --as zhangwei notice run --period 2026-11 --community 幸福小区
expect_out '^issued 1 notice for 2026-11 幸福小区: 2026-11-000004 to 2026-11-000004, total '
expect_out '^left out 1 customer billed for 2026-11 already \(moved community\): 2$'
expect_exit 0 k --as zhangwei --json notice run --period 2026-11 --community 幸福小区
expect_json_eq '$.already' 1
expect_json_eq '$.notices' 1
expect_json_eq '$.skipped' 0
expect_exit 5 b reading enter W-B101 2026-11 15 --reason 再抄
expect_err '\(R15\)'
expect_exit 0 k rate add mgmt 2026-12 3.00
# On purpose: December without W-301, P-301, W-PUB.
expect_exit 0 k --as zhangwei notice run --period 2026-12 --community 阳光花园 \
    --allow-missing-readings
expect_out '^issued [0-9]+ notices? for 2026-12'

expect_exit 0 k check
finish
