#!/usr/bin/env bash
# cli_fee.sh — the paid-service list (有偿服务项目表, R16, R22, R25) from the
# command line: adding items with their checks, prices typed and shown in
# yuan and kept in fen, who may change the list, versioned changes (a
# change to another field merges, to the same field conflicts), withdrawn
# items kept but hidden, and what a work order keeps of a price.
. "$(dirname "$0")/lib.sh" "$@"

NOW=2026-11-27T10:00:00+08:00
kn() { env KEFU_NOW="$NOW" "$KEFU" --db "$DB" "$@"; }

fresh_db
expect_exit 0 k user add wangfang 王芳 reception
expect_exit 0 k user add diaodu 调度 dispatcher
expect_exit 0 k user add zhangwei 张伟 technician
expect_exit 0 k user add shoufei 收费员 billing
expect_exit 0 k user add laoban 老板 supervisor

# --- an empty list ------------------------------------------------------------
expect_exit 0 k fee list
expect_eq 0 "$(out_lines)" "an empty list prints nothing"
expect_exit 0 k --json fee list
expect_eq '[]' "$(cat "$OUT")" "an empty JSON list"

# --- add ----------------------------------------------------------------------
rows=$(audit_rows)
expect_exit 0 k fee add GAS-01 更换灶具胶管 次 12.50
expect_out '^added GAS-01 at 12\.50$'
check "an audit row for the new item" "$(audit_rows)" -gt "$rows"
expect_exit 0 k --json fee add GAS-02 更换燃气表 个 30
expect_json
expect_json_eq '$.code' GAS-02
expect_json_eq '$.price' 3000
GAS02=$(json '$.id')
expect_exit 0 k fee add PIPE-1 明管改造 米 8.5
expect_exit 0 k fee add FREE-0 安全检查 次 0
expect_exit 0 k fee add MAX-1 整户改管 次 1000000
expect_exit 0 k --json fee list
expect_json
expect_json_eq '$[0].code' FREE-0
expect_json_eq '$[0].price' 0
expect_json_eq '$[1].code' GAS-01
expect_json_eq '$[1].name' 更换灶具胶管
expect_json_eq '$[1].unit' 次
expect_json_eq '$[1].price' 1250
expect_json_eq '$[1].active' 1
expect_json_eq '$[1].version' 1
expect_json_eq '$[2].id' "$GAS02"
expect_json_eq '$[3].code' MAX-1
expect_json_eq '$[3].price' 100000000
expect_json_eq '$[4].code' PIPE-1
expect_json_eq '$[4].price' 850
expect_json_eq '$[5].code' ''
expect_exit 0 k fee list
expect_eq 6 "$(out_lines)" "a header and five items"
expect_out '^CODE +NAME +UNIT +PRICE +VERSION$'
expect_out '^GAS-01 +更换灶具胶管 +次 +12\.50 +1$'
expect_out '^PIPE-1 +明管改造 +米 +8\.50 +1$'
expect_out '^FREE-0 +安全检查 +次 +0\.00 +1$'
expect_out '^MAX-1 +整户改管 +次 +1000000\.00 +1$'

# What is refused, and nothing saved for it.
rows=$(audit_rows)
expect_exit 3 k fee add GAS-01 又一个 次 1
expect_err "^kefu: item code 'GAS-01' is taken$"
expect_exit 1 k fee add gas-9 名 次 1
expect_err 'capital letters'
expect_exit 1 k fee add 'GAS 9' 名 次 1
expect_exit 1 k fee add ABCDEFGHIJKLMNOPQ 名 次 1
expect_err '1 to 16'
expect_exit 1 k fee add GAS-9 '' 次 1
expect_err '^kefu: name '
expect_exit 1 k fee add GAS-9 '   ' 次 1
expect_exit 1 k fee add GAS-9 名 '' 1
expect_err '^kefu: unit '
expect_exit 1 k fee add GAS-9 名 一二三四五六七八九 1
expect_exit 1 k fee add GAS-9 $'名\033[2J' 次 1
expect_exit 1 k fee add GAS-9 名 次 12.345
expect_err "^kefu: not an amount of money: '12\\.345'"
expect_exit 1 k fee add GAS-9 名 次 -1
expect_err "'-1'"
expect_exit 1 k fee add GAS-9 名 次 1000000.01
expect_exit 1 k fee add GAS-9 名 次 十元
expect_exit 1 k fee add GAS-9 名 次
expect_err 'needs CODE NAME UNIT PRICE'
expect_exit 1 k fee add GAS-9 名 次 1 extra
expect_exit 1 k fee add GAS-9 名 次 1 --active
expect_err 'unknown option --active'
# Only admins change the list; everyone who works with orders reads it.
expect_exit 4 kn --as wangfang fee add GAS-9 名 次 1
expect_err '^kefu: wangfang may not change the paid-service list \(R16\)'
expect_exit 4 kn --as laoban fee add GAS-9 名 次 1
expect_exit 4 kn --as diaodu fee set GAS-01 --price 1
expect_eq "$rows" "$(audit_rows)" "no audit row from a refused item"
for who in wangfang diaodu zhangwei shoufei laoban; do
	expect_exit 0 kn --as "$who" fee list
	expect_out '^GAS-01 '
done

# --- set ----------------------------------------------------------------------
expect_exit 0 k fee set GAS-01 --price 15
expect_out '^changed GAS-01$'
expect_exit 0 k --json fee list
expect_json_eq '$[1].price' 1500
expect_json_eq '$[1].version' 2
expect_json_eq '$[1].name' 更换灶具胶管
expect_exit 0 k --json fee set GAS-01 --name 更换胶管 --unit 根 --version 2
expect_json_eq '$.changed' 1
expect_exit 0 k fee list
expect_out '^GAS-01 +更换胶管 +根 +15\.00 +3$'
# Versions: another admin's change of another field merges; of the same
# field it is a conflict naming who changed it.
expect_exit 0 k fee set GAS-02 --price 32 --version 1
expect_exit 0 k fee set GAS-02 --name 更换燃气表具 --version 1
expect_exit 3 k fee set GAS-02 --price 33 --version 1
expect_err "price was changed by $ME "
expect_exit 0 k --json fee list
expect_json_eq '$[2].price' 3200
expect_json_eq '$[2].name' 更换燃气表具
expect_exit 1 k fee set GAS-02 --price 33 --version 99
expect_exit 1 k fee set GAS-02 --price 33 --version 0
expect_exit 1 k fee set GAS-02 --price 33 --version x
# Bad values.
expect_exit 1 k fee set GAS-02 --price -1
expect_exit 1 k fee set GAS-02 --price 1.234
expect_exit 1 k fee set GAS-02 --name ''
expect_exit 1 k fee set GAS-02 --active maybe
expect_err 'yes or no'
expect_exit 1 k fee set GAS-02
expect_err 'nothing to change'
expect_exit 1 k fee set --price 1
expect_err 'needs CODE'
expect_exit 2 k fee set NOPE --price 1
expect_err "no paid-service item 'NOPE'"
expect_exit 1 k fee set GAS-02 --bogus 1

# --- withdrawn items: kept, hidden, not chargeable ---------------------------------
expect_exit 0 k fee set PIPE-1 --active no
expect_exit 0 k fee list
expect_out_not '^PIPE-1 '
expect_exit 0 k fee list --all
expect_out '^PIPE-1 +明管改造 +米 +8\.50 +2  \(inactive\)$'
expect_exit 0 k --json fee list --all
expect_json_eq '$[4].code' PIPE-1
expect_json_eq '$[4].active' 0
# The code stays taken: never reused.
expect_exit 3 k fee add PIPE-1 别的 次 1
expect_exit 1 k fee list extra
expect_exit 1 k fee list --inactive

# --- a work order keeps the price of its day ------------------------------------
expect_exit 0 kn --as wangfang --json order new --category paid --fee GAS-02 \
    --fault 换表 --address 安康苑 --contact-name 钱 --phone 13800004444
ORD=$(json '$.id')
expect_exit 0 kn --as diaodu order ack "$ORD"
expect_exit 0 kn --as diaodu order assign "$ORD" zhangwei
expect_exit 0 kn --as zhangwei order arrive "$ORD"
expect_exit 5 kn --as zhangwei order item "$ORD" PIPE-1 2
expect_err 'PIPE-1'
expect_exit 0 kn --as zhangwei order item "$ORD" GAS-02 1
expect_exit 0 k fee set GAS-02 --price 40
expect_exit 0 kn --json order show "$ORD"
expect_json_eq '$.items[0].unit_price' 3200
# R17: the list's price at the time of the work; a later change of the
# list flags nothing (the charge was right).
expect_json_eq '$.items[0].list_price' 3200
expect_json_eq '$.amount_due' 3200
expect_exit 0 kn --as laoban --json order charges
expect_json_eq '$[0].code' ''
# Withdrawn again later, the order still reads as it was charged.
expect_exit 0 k fee set GAS-02 --active no
expect_exit 0 kn order show "$ORD"
expect_out '^  #[0-9]+ GAS-02 更换燃气表具 1 个 x 32\.00 = 32\.00$'

# --- usage --------------------------------------------------------------------
expect_exit 1 k fee
expect_err 'needs a verb: list, add or set'
expect_exit 1 k fee remove GAS-01
expect_err "unknown verb 'remove'"
expect_exit 0 k fee --help
expect_out 'kefu fee add CODE NAME UNIT PRICE'
expect_out 'R17'
expect_exit 0 kefu help fee
expect_out 'kefu fee set CODE'

finish
