#!/usr/bin/env bash
# cli_billing_zh_sources.sh — review #11 (R15): a month's notices issued the
# way cron issues them, under LANG=C / LC_ALL=C (English spoken), carry
# their lines' sources in Chinese — the management fee pro-rated, a meter
# replaced, a meter rolled over, an equal share of a common meter, a paid
# repair, an adjustment — on `notice show`, on the printed 收费通知单 (80
# columns at most with a long Chinese source, wide characters counting
# two) and in the finance CSV (valid UTF-8).
. "$(dirname "$0")/lib.sh" "$@"

NOW=2026-11-27T10:00:00+08:00
# cron: the C locale, nothing Chinese asked for.
cron() { env LANG=C LC_ALL=C KEFU_NOW="$NOW" "$KEFU" --db "$DB" "$@"; }
b() { k --as shoufei "$@"; }

fresh_db
expect_exit 0 k user add shoufei 收费员 billing
expect_exit 0 k user add diaodu 调度 dispatcher,reception
expect_exit 0 k user add zhangwei 张伟 technician
expect_exit 0 k notice company 幸福物业服务中心
expect_exit 0 k rate add mgmt 2026-01 2.10
expect_exit 0 k rate add water 2026-01 3.45
expect_exit 0 k customer add --name 李军 --account A-501 --community 幸福小区 \
    --building 5号楼 --room 501 --move-in 2026-11-14
expect_exit 0 k customer add --name 赵敏 --account A-502 --community 幸福小区 \
    --building 5号楼 --room 502 --move-in 2019-06-01 --phone 13900007777
expect_exit 0 b meter area A-501 88
expect_exit 0 b meter area A-502 76
expect_exit 0 b meter add W-501 water --customer A-501 --position 1 --digits 5
expect_exit 0 b meter add W-502 water --customer A-502 --position 2 --digits 5
expect_exit 0 b meter add W-PUB water --shared equal --community 幸福小区 \
    --building 5号楼 --position 9
expect_exit 0 b meter link W-PUB A-501
expect_exit 0 b meter link W-PUB A-502
for m in W-501:99990 W-502:17 W-PUB:100; do
	expect_exit 0 b reading enter "${m%%:*}" 2026-10 "${m##*:}"
done
expect_exit 0 b reading enter W-501 2026-11 5 --rollover
expect_exit 0 b reading enter W-502 2026-11 3 --replaced 0
expect_exit 0 b reading enter W-PUB 2026-11 110

# a paid repair, audited (R18), and an adjustment with a long reason
expect_exit 0 k fee add GAS-01 更换灶具胶管 次 25
expect_exit 0 env KEFU_NOW="$NOW" "$KEFU" --db "$DB" --as diaodu --json \
    order new --category paid --fee GAS-01 --customer A-502 --fault 换胶管
ORD=$(json '$.id')
expect_exit 0 env KEFU_NOW="$NOW" "$KEFU" --db "$DB" --as diaodu order ack "$ORD"
expect_exit 0 env KEFU_NOW="$NOW" "$KEFU" --db "$DB" --as diaodu order assign "$ORD" zhangwei
expect_exit 0 env KEFU_NOW="$NOW" "$KEFU" --db "$DB" --as zhangwei order arrive "$ORD"
expect_exit 0 env KEFU_NOW="$NOW" "$KEFU" --db "$DB" --as zhangwei order item "$ORD" GAS-01 2
expect_exit 0 env KEFU_NOW="$NOW" "$KEFU" --db "$DB" --as zhangwei order done "$ORD" --work 换了两根胶管
expect_exit 0 env KEFU_NOW="$NOW" "$KEFU" --db "$DB" --as zhangwei order signoff "$ORD" --name 赵敏
expect_exit 0 env KEFU_NOW="$NOW" "$KEFU" --db "$DB" --as shoufei notice adjust \
    A-501 -20 --reason 十月份停水三天经客服中心核实后按协议减收部分水费并向业主致歉下月起恢复正常收费

# --- the run, as cron makes it -----------------------------------------------
expect_exit 0 cron --as shoufei notice run --period 2026-11 --community 幸福小区
expect_out '^issued 2 notices for 2026-11 幸福小区'
expect_exit 0 cron --as shoufei notice show 2026-11-000001
expect_out '^ +mgmt +104\.72  2\.10元/平方米 × 88\.00 平方米 × 17/30天（2026-11-14起）（政府定价）$'
expect_out '^ +water +51\.75  W-501 读数 99990→5 翻转 = 15 m³ × 3\.45$'
expect_out '^ +shared-water +17\.25  公摊表 W-PUB 10 m³ = 34\.50元，2 户均摊$'
expect_out '^ +adjust +-20\.00  调整 [0-9]+：十月份停水三天'
expect_exit 0 cron --as shoufei notice show 2026-11-000002
expect_out '^ +mgmt +159\.60  2\.10元/平方米 × 76\.00 平方米 × 1个月（政府定价）$'
expect_out '^ +water +10\.35  W-502 读数 换表 0→3 = 3 m³ × 3\.45$'
expect_out "^ +repair +50\\.00  维修单 $ORD：更换灶具胶管 2 次 × 25\\.00元\$"
for no in 2026-11-000001 2026-11-000002; do
	expect_exit 0 cron --as shoufei notice show "$no"
	check "$no: no English word in a source" \
	    "$(grep -cE 'reading|month|days|rolled|equal|by area|adjustment|work order|government' "$OUT" || true)" -eq 0
done

# --- printed: 80 columns, wide characters two --------------------------------
expect_exit 0 cron --as shoufei notice print 2026-11-000001 --out "$T/n1.txt"
check "the long source is wrapped, not cut" \
    "$(grep -c '恢复正常收费' "$T/n1.txt")" -eq 1
check "the fee's source is printed in Chinese" \
    "$(grep -c '17/30天（2026-11-14起' "$T/n1.txt")" -eq 1
WIDEST=$(while IFS= read -r line; do printf '%s' "$line" | LC_ALL=C.UTF-8 wc -L; done <"$T/n1.txt" | sort -n | tail -1)
check "80 columns at most ($WIDEST)" "$WIDEST" -le 80
check "and some of them wide" "$WIDEST" -ge 70

# --- the finance CSV: UTF-8 ----------------------------------------------------
expect_exit 0 cron --as shoufei notice export --period 2026-11 --community 幸福小区 --out "$T/n.csv"
check "every CSV row is valid UTF-8" \
    "$(LC_ALL=C.UTF-8 grep -caxv '.*' "$T/n.csv" || true)" -eq 0
check "the CSV carries the Chinese source" \
    "$(grep -c 'W-501 读数 99990→5 翻转 = 15 m³ × 3.45' "$T/n.csv")" -eq 1

# --- kefu check stays clean ---------------------------------------------------
expect_exit 0 k check
finish
