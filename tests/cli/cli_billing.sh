#!/usr/bin/env bash
# cli_billing.sh — a month at the billing desk (R15–R19): adjustments and a
# paid repair carried onto the notices of one run (all or nothing, once),
# the notice shown, printed in 80 columns and exported as CSV; a partial
# payment, an over-payment held as credit, a receipt printed twice (a
# copy), voided by a supervisor with a reason; the arrears list by age
# shrinking as the money comes in; chasing; who may do what; bad amounts.
. "$(dirname "$0")/lib.sh" "$@"

NOW=2026-11-27T10:00:00+08:00
kn() { env KEFU_NOW="$NOW" "$KEFU" --db "$DB" "$@"; }

fresh_db
expect_exit 0 k user add shoufei 收费员 billing
expect_exit 0 k user add laoban 老板 supervisor
expect_exit 0 k user add zhangwei 张伟 technician
expect_exit 0 k user add diaodu 调度 dispatcher,reception
expect_exit 0 k customer add --name 李军 --account A-1 --phone 13900002222 \
    --community 幸福小区 --building 3号楼 --room 301
expect_exit 0 k customer add --name 赵敏 --account A-2 --phone 13900007777 \
    --community 幸福小区 --building 3号楼 --room 302
expect_exit 0 k customer add --name 王五 --account B-1 --phone 13900008888 \
    --community 和平里 --building 7号楼 --room 101
expect_exit 0 k notice company 幸福物业服务中心
expect_out '^幸福物业服务中心$'
expect_exit 4 kn --as shoufei notice company 别的公司

# --- a paid repair, audited, for the notice (R16–R18) ----------------------
expect_exit 0 k fee add GAS-01 更换灶具胶管 次 25
expect_exit 0 kn --as diaodu --json order new --category paid --fee GAS-01 \
    --customer A-1 --fault 换胶管
ORD=$(json '$.id')
expect_exit 0 kn --as diaodu order ack "$ORD"
expect_exit 0 kn --as diaodu order assign "$ORD" zhangwei
expect_exit 0 kn --as zhangwei order arrive "$ORD"
expect_exit 0 kn --as zhangwei order item "$ORD" GAS-01 2
expect_exit 0 kn --as zhangwei order done "$ORD" --work 换了两根胶管
expect_exit 0 kn --as zhangwei order signoff "$ORD" --name 李军

# --- adjustments, amounts typed ----------------------------------------------
expect_exit 0 kn --as shoufei notice adjust A-1 120 --reason 十一月物业费
expect_out '^adjustment [0-9]+: 120\.00 on the next notice$'
expect_exit 0 kn --as shoufei notice adjust A-2 80.5 --reason 十一月物业费
expect_exit 0 kn --as shoufei notice adjust A-2 -0.5 --reason 上月多收
expect_exit 1 kn --as shoufei notice adjust A-2 1.234 --reason 分以下
expect_err 'amount'
expect_exit 1 kn --as shoufei notice adjust A-2 abc --reason 非数字
expect_err 'amount'
expect_exit 1 kn --as shoufei notice adjust A-2 5
expect_err 'reason'
expect_exit 2 kn --as shoufei notice adjust NOPE 5 --reason 无此户
expect_exit 4 kn --as zhangwei notice adjust A-2 5 --reason 维修工

# --- the run: once, all customers, numbered (R15) ----------------------------
expect_exit 1 kn --as shoufei notice run --period 2026-11
expect_exit 1 kn --as shoufei notice run --period 2026-13 --community 幸福小区
expect_exit 5 kn --as shoufei notice run --period 2026-12 --community 幸福小区
expect_err 'R15'
expect_exit 4 kn --as zhangwei notice run --period 2026-11 --community 幸福小区
expect_exit 2 kn --as shoufei notice run --period 2026-11 --community 无人小区
expect_exit 0 kn --as shoufei notice run --period 2026-11 --community 幸福小区
expect_out '^issued 2 notices for 2026-11 幸福小区: 2026-11-000001 to 2026-11-000002, total 250\.00$'
expect_exit 0 kn --as shoufei notice run --period 2026-11 --community 幸福小区
expect_out '^already issued: 2026-11 幸福小区 by shoufei'
expect_exit 0 kn --as shoufei --json notice run --period 2026-11 --community 幸福小区
expect_json_eq '$.already' 1
expect_json_eq '$.notices' 2

expect_exit 0 kn --as shoufei notice show 2026-11-000001
expect_out '^total due: +170\.00$'
# The sources are Chinese whatever the language spoken (R15, review #11).
expect_out "repair +50\\.00  维修单 $ORD：更换灶具胶管 2 次 × 25\\.00元\$"
expect_out 'adjust +120\.00  调整 [0-9]+：十一月物业费$'
expect_exit 0 kn --as shoufei --json notice show 2026-11-000002
expect_json_eq '$.amount' 8000
expect_json_eq '$.account' A-2
expect_exit 4 kn --as zhangwei notice show 2026-11-000001
expect_exit 2 kn --as shoufei notice show 2026-11-000009
expect_exit 0 kn --as shoufei notice print 2026-11-000001 --out "$T/n1.txt"
check "the notice names the company" "$(grep -c 幸福物业服务中心 "$T/n1.txt")" -eq 1
check "and its number" "$(grep -c 2026-11-000001 "$T/n1.txt")" -eq 1
WIDEST=$(while IFS= read -r line; do printf '%s' "$line" | wc -L; done <"$T/n1.txt" | sort -n | tail -1)
check "80 columns at most" "$WIDEST" -le 80
expect_exit 0 kn --as shoufei notice export --period 2026-11 --community 幸福小区 --out "$T/n.csv"
expect_out '^exported 4 lines$'
check "a CSV header" "$(head -1 "$T/n.csv")" = "notice,period,account,name,kind,item,source,amount,notice_amount,prev_balance,total_due,due"
check "a line per notice line" "$(grep -c '^2026-11-00000' "$T/n.csv")" -eq 4
expect_exit 0 kn --as shoufei notice list --period 2026-11 --unpaid
expect_out '^2026-11-000001 +A-1 '

# --- payments at the desk only (R19) ------------------------------------------
expect_exit 4 kn --as zhangwei payment take A-1 10
expect_err 'R19'
expect_exit 4 kn --as laoban payment take A-1 10
expect_exit 1 kn --as shoufei payment take A-1 -1
expect_err 'amount'
expect_exit 1 kn --as shoufei payment take A-1 1.234
expect_err 'amount'
expect_exit 1 kn --as shoufei payment take A-1 十元
expect_exit 1 kn --as shoufei payment take A-1 10 --method gold
expect_exit 0 kn --as shoufei payment take A-1 100
expect_out '^receipt 000001: 100\.00 cash from A-1 李军'
expect_out '^  paid 2026-11-000001 100\.00$'
expect_exit 0 kn --as shoufei --json notice account A-1
expect_json_eq '$.balance' 7000
expect_exit 3 kn --as shoufei payment take A-1 70 --expect 170
expect_exit 0 kn --as shoufei --json payment take A-1 100 --method mobile --expect 70
expect_json_eq '$.no' 2
expect_json_eq '$.allocations[0].amount' 7000
expect_exit 0 kn --as shoufei --json notice account A-1
expect_json_eq '$.balance' -3000
expect_json_eq '$.credit' 3000
# M5: the desk's limit is named (100,000,000.00 yuan), not the price list's.
expect_exit 1 kn --as shoufei payment take A-1 100000000.01
expect_err_fixed "amount: '100000000.01' is above the billing desk's limit of 100,000,000.00 yuan"
# R19: a print whose write fails does not use up the original.
expect_exit 6 kn --as shoufei receipt print 2 --out "$T/no-such-dir/r.txt"
expect_err 'cannot write'
expect_exit 6 kn --as shoufei receipt print 2 --out /dev/full
expect_exit 0 kn --as shoufei --json receipt show 2
expect_json_eq '$.prints' 0
expect_exit 0 kn --as shoufei receipt print 2 --out "$T/r1.txt"
check "an original" "$(grep -c 重打 "$T/r1.txt")" -eq 0
expect_exit 0 kn --as shoufei receipt print 2
expect_out '重打'
expect_exit 0 kn --as shoufei --json receipt show 2
expect_json_eq '$.prints' 2
expect_exit 4 kn --as shoufei receipt void 2 --reason 收错
expect_exit 1 kn --as laoban receipt void 2
expect_err 'reason'
expect_exit 0 kn --as laoban receipt void 2 --reason 收错户
expect_exit 5 kn --as laoban receipt void 2 --reason 再作废
expect_exit 0 kn --as shoufei receipt show 2
expect_out 'VOID at .* by laoban: 收错户'
expect_out '^  reversed 2026-11-000001 -70\.00$'
expect_exit 0 kn --as shoufei --json notice account A-1
expect_json_eq '$.balance' 7000
check "receipts are never deleted" "$(db_sql 'SELECT count(*) FROM receipt')" -eq 2

# --- arrears by age, chasing, shrinking (R15) ----------------------------------
LATE=2026-12-28T10:00:00+08:00
kl() { env KEFU_NOW="$LATE" "$KEFU" --db "$DB" "$@"; }
expect_exit 0 kn --as shoufei arrears list
expect_out '^0 in arrears'
expect_exit 5 kn --as shoufei arrears chase A-1 --answer 月底交 --next 再打
expect_exit 0 kl --as shoufei arrears list
expect_out '^A-1 +李军 +70\.00 +0\.00 +0\.00 +0\.00 +70\.00 +16 '
expect_out '^2 in arrears: 0-30 150\.00'
expect_exit 0 kl --as shoufei --json arrears list
expect_json_eq '$.buckets[0]' 15000
expect_exit 4 kl --as zhangwei arrears chase A-1 --answer 月底交 --next 再打
expect_exit 1 kl --as shoufei arrears chase A-1 --next 再打
expect_exit 0 kl --as shoufei arrears chase A-1 --method phone --answer 月底交 --next 月底再打
expect_exit 0 kl --as shoufei arrears history A-1
expect_out 'shoufei phone owed 70\.00: 月底交 -> 月底再打$'
expect_exit 0 kl --as shoufei payment take A-2 80
expect_exit 0 kl --as shoufei arrears list
expect_out '^1 in arrears: 0-30 70\.00'
expect_out_not '^A-2 '

# --- kefu check stays clean -------------------------------------------------
expect_exit 0 k check
finish
