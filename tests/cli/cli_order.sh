#!/usr/bin/env bash
# cli_order.sh — repair work orders from the command line (R2, R3, R9, R11,
# R16, R17, R19-R26, R54): the whole lifecycle with --json checks at each
# step, the 40-minute clock at its edges, the pipeline clocks (4 h / 24 h)
# and appointments, every illegal move by state and by role, two
# dispatchers assigning at once, emergencies dispatched before their
# paperwork, paid jobs off the list approved first, the duplicate note at
# intake, the charge audit, the technicians' load, list filters, paging
# past 1,000 orders and `order list --overdue` for cron.
. "$(dirname "$0")/lib.sh" "$@"

# The clock: Friday 2026-11-27 10:00 Beijing time.
NOW=2026-11-27T10:00:00+08:00
T0=1795744800			# date -d 2026-11-27T10:00:00+08:00 +%s
kn() { env KEFU_NOW="$NOW" "$KEFU" --db "$DB" "$@"; }
at() { NOW=2026-11-27T$1+08:00; }
epoch() { date -d "$1" +%s; }
# order_new LOGIN ARGS...: LOGIN reports an order at NOW (checked: exit 0;
# on stderr nothing but the duplicate note); $ID and $DUE are the new
# order's number and deadline.
order_new() {
	local who=$1

	shift
	ID=
	DUE=
	expect_created 'note: open orders nearby ' kn --as "$who" --json \
	    order new "$@" || return
	ID=$(json '$.id')
	DUE=$(json '$.deadline_at')
}
# show ID: `order show --json ID` as the admin (checked).
show() { expect_exit 0 kn --json order show "$1"; }

fresh_db
expect_exit 0 k user add wangfang 王芳 reception
expect_exit 0 k user add diaodu 调度 dispatcher
expect_exit 0 k user add diaodu2 调度二 dispatcher
expect_exit 0 k user add laoban 老板 supervisor
expect_exit 0 k user add zhangwei 张伟 technician
expect_exit 0 k user add lisi 李四 technician
expect_exit 0 k user add shoufei 收费员 billing
expect_exit 0 k --json user show zhangwei
ZW_ID=$(json '$.id')
expect_exit 0 k --json user show diaodu
DD_ID=$(json '$.id')
expect_exit 0 k customer add --name 李军 --account A-2 --phone 13900002222 \
    --community 幸福小区 --building 3号楼 --unit 2单元 --room 301
expect_exit 0 k --json customer show A-2
A2_ID=$(json '$.id')
expect_exit 0 k customer add --name 赵敏 --account B-7 --phone 13900007777 \
    --community 和平里 --building 7号楼 --room 101
expect_exit 0 k --json customer show B-7
B7_ID=$(json '$.id')
expect_exit 0 k --json user show laoban
LB_ID=$(json '$.id')
expect_exit 0 k fee add GAS-01 更换灶具胶管 次 12.50
expect_exit 0 k fee add GAS-02 更换燃气表 个 30

# --- the whole lifecycle ------------------------------------------------------
order_new wangfang --category equipment --fault 灶具打不着火 --customer A-2
LIFE=$ID
expect_eq $((T0 + 2400)) "$DUE" "an equipment order is due 40 minutes after the report (R2)"
show "$LIFE"
expect_json
expect_json_eq '$.state' reported
expect_json_eq '$.category' equipment
expect_json_eq '$.reported_at' "$T0"
expect_json_eq '$.customer_id' "$A2_ID"
# Where to go and whom to call come from the customer register (R20).
expect_json_eq '$.address' '幸福小区 3号楼 2单元 301'
expect_json_eq '$.community' 幸福小区
expect_json_eq '$.building' 3号楼
expect_json_eq '$.contact_name' 李军
expect_json_eq '$.contact_phone' 13900002222
expect_json_eq '$.deadline_at' $((T0 + 2400))
expect_json_eq '$.deadline_on' arrival
expect_json_eq '$.overdue' 0
expect_json_eq '$.on_time' ''
expect_json_eq '$.technician' ''
expect_json_eq '$.version' 1
expect_exit 0 kn order show "$LIFE"
expect_out '^state: +reported$'
expect_out '^deadline: +2026-11-27 10:40 \(on site\)$'
expect_out '^customer: +A-2 李军$'
expect_out '^amount due: +0\.00$'

# R21: the dispatcher acknowledges; the time received is recorded.
at 10:02:00
expect_exit 0 kn --as diaodu order ack "$LIFE"
expect_out "^order $LIFE: acknowledged \\(acknowledged\\)\$"
show "$LIFE"
expect_json_eq '$.state' acknowledged
expect_json_eq '$.acked_at' $((T0 + 120))
expect_json_eq '$.acked_by' "$DD_ID"
V=$(json '$.version')
# R11: dispatchers dispatch, by the version they read.
at 10:03:00
expect_exit 0 kn --as diaodu --json order assign "$LIFE" zhangwei --version "$V"
expect_json_eq '$.changed' 1
expect_json_eq '$.state' dispatched
show "$LIFE"
expect_json_eq '$.technician' zhangwei
expect_json_eq '$.technician_id' "$ZW_ID"
expect_json_eq '$.dispatched_at' $((T0 + 180))
expect_json_eq '$.dispatched_by' "$DD_ID"
# The technician sees it among his own; the other does not.
expect_exit 0 kn --as zhangwei order list
expect_out "^$LIFE +dispatched +equipment +2026-11-27 10:40 +zhangwei +幸福小区 3号楼 2单元 301 +灶具打不着火\$"
expect_exit 0 kn --as lisi order list
expect_eq 0 "$(out_lines)" "lisi sees none of zhangwei's orders"
# On site at 10:30: on time.
at 10:30:00
expect_exit 0 kn --as zhangwei order arrive "$LIFE"
expect_out "^order $LIFE: on site \\(on-site\\)\$"
show "$LIFE"
expect_json_eq '$.state' on-site
expect_json_eq '$.arrived_at' $((T0 + 1800))
expect_json_eq '$.on_time' 1
# R25: items at the list's price; R24: materials inspected.
expect_exit 0 kn --as zhangwei --json order item "$LIFE" GAS-01 2
ITEM1=$(json '$.item_id')
check "an item id" -n "$ITEM1"
expect_exit 0 kn --as zhangwei order material "$LIFE" pass --note 胶管合格
expect_out "^order $LIFE: materials checked \\(on-site\\)\$"
show "$LIFE"
expect_json_eq '$.items[0].id' "$ITEM1"
expect_json_eq '$.items[0].code' GAS-01
expect_json_eq '$.items[0].name' 更换灶具胶管
expect_json_eq '$.items[0].unit_price' 1250
expect_json_eq '$.items[0].quantity' 2
expect_json_eq '$.items[0].amount' 2500
expect_json_eq '$.items[1].id' ''
expect_json_eq '$.materials' pass
expect_json_eq '$.materials_note' 胶管合格
# R23: what was actually done; R26: the customer signs; complete, it closes.
at 10:50:00
expect_exit 0 kn --as zhangwei order done "$LIFE" --work 更换灶具胶管两根
expect_out "^order $LIFE: work done \\(done\\)\$"
show "$LIFE"
expect_json_eq '$.state' done
expect_json_eq '$.work_done' 更换灶具胶管两根
expect_json_eq '$.done_at' $((T0 + 3000))
at 10:55:00
expect_exit 0 kn --as zhangwei --json order signoff "$LIFE" --name 李军
expect_json_eq '$.state' closed
show "$LIFE"
expect_json_eq '$.state' closed
expect_json_eq '$.signed_name' 李军
expect_json_eq '$.signed_at' $((T0 + 3300))
expect_json_eq '$.closed_at' $((T0 + 3300))
# R19: no cash at the door; the amount due goes to billing.
expect_json_eq '$.amount_due' 2500
expect_json_eq '$.on_time' 1
expect_json_eq '$.overdue' 0
expect_exit 0 kn order show "$LIFE"
expect_out "^  #$ITEM1 GAS-01 更换灶具胶管 2 次 x 12\\.50 = 25\\.00\$"
expect_out '^amount due: +25\.00$'
expect_out '^signed: +李军 2026-11-27 10:55$'
expect_out '^materials: +pass: 胶管合格$'
expect_out '^deadline: +2026-11-27 10:40 \(on site\), met$'
# Closed: off the board, on it with --all or --state closed.
expect_exit 0 kn order list
expect_out_not "^$LIFE "
expect_exit 0 kn order list --all
expect_out "^$LIFE +closed "
expect_exit 0 kn --json order list --state closed
expect_json_eq '$[0].id' "$LIFE"
expect_json_eq '$[1].id' ''
# Nothing moves a closed order.
expect_exit 5 kn --as zhangwei order item "$LIFE" GAS-01 1
expect_exit 5 kn --as diaodu order cancel "$LIFE" --reason 重复
expect_err 'closed'
# A reported order was logged by reception and audited at each step.
check "the lifecycle is audited step by step" "$(db_sql "SELECT count(*) FROM audit WHERE entity = 'work_order' AND entity_id = $LIFE")" -ge 7

# --- R2: the 40-minute clock at its edges -------------------------------------
at 10:00:00
order_new wangfang --category equipment --fault 燃气表漏气 --address '和平里 9号楼' \
    --contact-name 孙 --phone 13800009999
EDGE=$ID
expect_eq $((T0 + 2400)) "$DUE" "due at 10:40:00"
at 10:39:59
expect_exit 0 kn order list --overdue
expect_out_not "^$EDGE "
at 10:40:00
expect_exit 0 kn order list --overdue
expect_out_not "^$EDGE "
show "$EDGE"
expect_json_eq '$.overdue' 0
expect_exit 0 kn order list
expect_out "^$EDGE +reported +equipment +2026-11-27 10:40 +- "
at 10:40:01
expect_exit 0 kn order list --overdue
expect_out "^$EDGE +reported +equipment +2026-11-27 10:40 OVERDUE +- +和平里 9号楼 "
show "$EDGE"
expect_json_eq '$.overdue' 1
expect_json_eq '$.on_time' ''
expect_exit 0 kn order show "$EDGE"
expect_out '^deadline: +2026-11-27 10:40 \(on site\) OVERDUE$'
expect_exit 0 kn --json order list --overdue
expect_json
check "the overdue order in the JSON list" "$(sqlite3 :memory: "SELECT count(*) FROM json_each(CAST(readfile('$OUT') AS TEXT)) WHERE json_extract(value, '\$.id') = $EDGE AND json_extract(value, '\$.overdue') = 1")" = 1
# Arriving at 10:40:00 exactly is on time (ack and dispatch earlier).
at 10:10:00
expect_exit 0 kn --as diaodu order ack "$EDGE"
expect_exit 0 kn --as diaodu order assign "$EDGE" zhangwei
at 10:40:00
expect_exit 0 kn --as zhangwei order arrive "$EDGE"
at 11:30:00
show "$EDGE"
expect_json_eq '$.arrived_at' $((T0 + 2400))
expect_json_eq '$.on_time' 1
expect_json_eq '$.overdue' 0
expect_exit 0 kn order list --overdue
expect_out_not "^$EDGE "
expect_exit 0 kn order show "$EDGE"
expect_out '^deadline: +2026-11-27 10:40 \(on site\), met$'
# ... and at 10:40:01 late.
at 10:00:00
order_new wangfang --category equipment --fault 燃气灶回火 --address '和平里 10号楼' \
    --contact-name 周 --phone 13800008888
LATE=$ID
at 10:05:00
expect_exit 0 kn --as diaodu order ack "$LATE"
expect_exit 0 kn --as diaodu order assign "$LATE" lisi
at 10:40:01
expect_exit 0 kn --as lisi order arrive "$LATE"
at 11:30:00
show "$LATE"
expect_json_eq '$.on_time' 0
expect_json_eq '$.overdue' 0
expect_exit 0 kn order show "$LATE"
expect_out '^deadline: +2026-11-27 10:40 \(on site\), late$'
# The clock is the policy's: 30 minutes from a report at 10:00.
expect_exit 0 k policy set repair.arrive_within 30m
at 10:00:00
order_new wangfang --category equipment --fault 热水器不点火 --address '和平里 11号楼' \
    --contact-name 吴 --phone 13800007777
expect_eq $((T0 + 1800)) "$DUE" "the deadline follows repair.arrive_within"
expect_exit 0 k policy set repair.arrive_within 40m
# --at: reported earlier by phone; the clock starts then.
at 10:20:00
order_new wangfang --category equipment --fault 补登的报修 --address '和平里 12号楼' \
    --contact-name 郑 --phone 13800006666 --at 10:05
expect_eq $((T0 + 300 + 2400)) "$DUE" "the clock starts at --at"
# R2 (issue 11): a report time is never after the moment it is entered.
# At now exactly is accepted; a second later is refused, and so is the
# next minute typed as HH:MM, which once moved the deadline a minute on.
order_new wangfang --category equipment --fault 当时报修 --address '和平里 13号楼' \
    --contact-name 钱 --phone 13800005555 --at 2026-11-27T10:20:00+08:00
expect_eq $((T0 + 1200 + 2400)) "$DUE" "--at now: the clock starts now"
rows=$(audit_rows)
expect_exit 1 kn --as wangfang order new --category equipment --fault 将来报修 \
    --address '和平里 13号楼' --contact-name 钱 --phone 13800005555 \
    --at 2026-11-27T10:20:01+08:00
expect_err '^kefu: a work order cannot be reported in the future: the report time is never after the moment it is entered \(R2\)$'
at 10:20:30
expect_exit 1 kn --as wangfang order new --category equipment --fault 将来报修 \
    --address '和平里 13号楼' --contact-name 钱 --phone 13800005555 --at 10:21
expect_err 'future'
expect_eq "$rows" "$(audit_rows)" "no order reported from the future"
# R9 (issue 11): registered after, at most order.backdate_within (7 days)
# after it was asked for: the bound and the minute inside it are taken,
# a second and a minute beyond are refused, naming the limit.
at 10:20:00
for back in '2026-11-20T10:20:00+08:00 0' '2026-11-20T10:21:00+08:00 0' \
    '2026-11-20T10:19:59+08:00 5' '2026-11-20T10:19:00+08:00 5'; do
	read -r when code <<<"$back"
	if [ "$code" = 0 ]; then
		order_new wangfang --category equipment --fault 上周修的 \
		    --address '和平里 14号楼' --contact-name 孙 \
		    --phone 13800004444 --at "$when"
		continue
	fi
	expect_exit "$code" kn --as wangfang order new --category equipment \
	    --fault 上周修的 --address '和平里 14号楼' --contact-name 孙 \
	    --phone 13800004444 --at "$when"
	expect_err "^kefu: a work order is registered at most 7d after it was asked for \\(policy order.backdate_within, R9\\): 2026-11-20 10:19 is earlier\$"
done
# The admin may allow more (or less): the same policy machinery.
expect_exit 0 k policy set order.backdate_within 10d
order_new wangfang --category equipment --fault 上周修的 \
    --address '和平里 14号楼' --contact-name 孙 --phone 13800004444 \
    --at 2026-11-20T10:19:00+08:00
expect_exit 0 k policy set order.backdate_within 7d
# R20 (issue 11): the contact phone is required, from the register or
# typed. A customer on file without a phone needs one typed; the message
# names the field.
expect_exit 0 k customer add --name 无电话 --account NOPH-1 --address '和平里 15号楼'
rows=$(audit_rows)
expect_exit 1 kn --as wangfang order new --category equipment --fault 没电话 \
    --customer NOPH-1
expect_err '^kefu: a contact phone is required \(R20\): the customer on file has none; give the caller.s number$'
expect_eq "$rows" "$(audit_rows)" "no order without a phone"
order_new wangfang --category equipment --fault 有电话 --customer NOPH-1 \
    --phone '138 0000 3333'
show "$ID"
expect_json_eq '$.contact_phone' 13800003333

# --- appointments (R20) --------------------------------------------------------
at 10:00:00
order_new wangfang --category equipment --fault 约下午修 --customer B-7 \
    --appointment 15:30
APPT=$ID
expect_eq "$(epoch 2026-11-27T15:30:00+08:00)" "$DUE" "an appointment is the deadline"
show "$APPT"
expect_json_eq '$.appointment_at' "$(epoch 2026-11-27T15:30:00+08:00)"
order_new wangfang --category equipment --fault 约明天 --customer B-7 \
    --appointment 2026-11-28T09:00:00+08:00
expect_eq "$(epoch 2026-11-28T09:00:00+08:00)" "$DUE" "an ISO appointment"
rows=$(audit_rows)
expect_exit 1 kn --as wangfang order new --category equipment --fault 约过去 \
    --customer B-7 --appointment 09:59
expect_err 'appointment .*past'
expect_exit 1 kn --as wangfang order new --category equipment --fault 约过去 \
    --customer B-7 --appointment 2026-11-26T15:00:00+08:00
expect_err 'appointment .*past'
expect_exit 1 kn --as wangfang order new --category equipment --fault x \
    --customer B-7 --appointment soon
expect_eq "$rows" "$(audit_rows)" "no audit row from a refused appointment"

# --- R3: pipeline faults, cleared within 4 h or 24 h ---------------------------
at 10:00:00
order_new wangfang --category pipe --fault 管道漏气 --address 幸福小区 --community 幸福小区 \
    --contact-name 物业 --phone 13800005555
PIPE=$ID
expect_eq $((T0 + 4 * 3600)) "$DUE" "an ordinary pipeline fault: 4 hours"
show "$PIPE"
expect_json_eq '$.deadline_on' done
order_new wangfang --category 管网重大故障 --fault 主管道断裂 --address 和平里 \
    --contact-name 物业 --phone 13800005555
MAJOR=$ID
expect_eq $((T0 + 24 * 3600)) "$DUE" "a major pipeline fault: 24 hours"
show "$MAJOR"
expect_json_eq '$.category' pipe-major
# Other categories have their own policies (indoor 2 h, paid 24 h).
order_new wangfang --category indoor --fault 户内阀门 --customer B-7
expect_eq $((T0 + 7200)) "$DUE" "indoor: indoor.arrive_within"
# Arrival does not meet a pipeline deadline: the work done does.
expect_exit 0 kn --as diaodu order ack "$PIPE"
expect_exit 0 kn --as diaodu order assign "$PIPE" lisi
at 11:00:00
expect_exit 0 kn --as lisi order arrive "$PIPE"
at 14:00:01
expect_exit 0 kn order list --overdue
expect_out "^$PIPE +on-site +pipe +2026-11-27 14:00 OVERDUE +lisi "
expect_out_not "^$MAJOR "
at 13:59:00
expect_exit 0 kn --as lisi order done "$PIPE" --work 更换管段
at 14:00:01
expect_exit 0 kn order list --overdue
expect_out_not "^$PIPE "
show "$PIPE"
expect_json_eq '$.on_time' 1
# The major one, a day later.
NOW=2026-11-28T10:00:00+08:00
expect_exit 0 kn order list --overdue
expect_out_not "^$MAJOR "
NOW=2026-11-28T10:00:01+08:00
expect_exit 0 kn order list --overdue
expect_out "^$MAJOR +reported +pipe-major +2026-11-28 10:00 OVERDUE "

# --- illegal moves -------------------------------------------------------------
at 10:00:00
order_new wangfang --category equipment --fault 报警器响 --customer B-7
BAD=$ID
rows=$(audit_rows)
# R11: reception writes orders but does not dispatch them.
expect_exit 4 kn --as wangfang order assign "$BAD" zhangwei
expect_err '^kefu: wangfang may not dispatch a work order \(R11\); needs role: dispatcher$'
expect_exit 4 kn --as zhangwei order assign "$BAD" zhangwei
expect_exit 4 kn --as shoufei order new --category equipment --fault x --customer B-7
# R21: received before dispatch; arrival needs a dispatch first.
expect_exit 5 kn --as diaodu order assign "$BAD" zhangwei
expect_err '\(R21\)'
expect_exit 5 kn --as diaodu order arrive "$BAD"
expect_err '^kefu: cannot record the arrival: .*\(R[0-9]+\)$'
expect_exit 4 kn --as wangfang order ack "$BAD"
expect_eq "$rows" "$(audit_rows)" "no audit row from a refused move"
expect_exit 0 kn --as diaodu order ack "$BAD"
rows=$(audit_rows)
expect_exit 5 kn --as diaodu order ack "$BAD"
expect_err 'already'
expect_exit 5 kn --as diaodu order arrive "$BAD"
expect_err '\(R11\)'
expect_eq "$rows" "$(audit_rows)" "no audit row from a refused move"
expect_exit 2 kn --as diaodu order assign "$BAD" nobody
expect_err "no technician 'nobody'"
expect_exit 2 kn --as diaodu order assign "$BAD" wangfang
expect_exit 0 kn --as diaodu order assign "$BAD" zhangwei
# R54: another technician's order is not his to touch, nor to read.
expect_exit 4 kn --as lisi order arrive "$BAD"
expect_err 'not yours.*R54'
expect_exit 4 kn --as lisi order show "$BAD"
expect_exit 4 kn --as lisi order done "$BAD" --work x
expect_exit 4 kn --as lisi order item "$BAD" GAS-01 1
# R23, R26: sign-off needs the work done recorded.
expect_exit 5 kn --as zhangwei order signoff "$BAD" --name 赵敏
expect_err '\(R23, R26\)'
expect_exit 5 kn --as zhangwei order done "$BAD" --work 还没到
expect_exit 5 kn --as zhangwei order item "$BAD" GAS-01 1
expect_err '\(R25\)'
expect_exit 0 kn --as zhangwei order arrive "$BAD"
rows=$(audit_rows)
expect_exit 5 kn --as zhangwei order arrive "$BAD"
expect_exit 5 kn --as zhangwei order signoff "$BAD" --name 赵敏
expect_err '\(R23, R26\)'
# Quantities and codes (R25).
expect_exit 1 kn --as zhangwei order item "$BAD" GAS-01 -1
expect_err 'quantity'
expect_exit 1 kn --as zhangwei order item "$BAD" GAS-01 0
expect_exit 1 kn --as zhangwei order item "$BAD" GAS-01 two
expect_exit 2 kn --as zhangwei order item "$BAD" GAS-99 1
expect_err "no paid-service item 'GAS-99'"
expect_exit 1 kn --as zhangwei order item "$BAD" GAS-01
expect_exit 1 kn --as zhangwei order material "$BAD" maybe
expect_exit 1 kn --as zhangwei order done "$BAD"
expect_err 'needs ID --work TEXT'
expect_exit 1 kn --as zhangwei order done "$BAD" --work '   '
expect_exit 1 kn --as zhangwei order done "$BAD" --work $'\033[2Jx'
expect_exit 4 kn --as zhangwei order cancel "$BAD" --reason 不修了
expect_exit 1 kn --as diaodu order cancel "$BAD"
expect_exit 4 kn --as zhangwei order approve "$BAD"
expect_exit 4 kn --as zhangwei order charges
expect_eq "$rows" "$(audit_rows)" "no audit row from a refused move"
expect_exit 0 kn --as zhangwei order done "$BAD" --work 更换报警器电池
expect_exit 0 kn --as zhangwei order signoff "$BAD" --name 赵敏
expect_exit 0 kn --json order show "$BAD"
expect_json_eq '$.state' closed
# Cancelled: from any open state, with a reason; then nothing moves.
order_new wangfang --category equipment --fault 误报 --customer B-7
CXL=$ID
expect_exit 0 kn --as diaodu order cancel "$CXL" --reason 客户取消
expect_out "^order $CXL: cancelled \\(cancelled\\)\$"
show "$CXL"
expect_json_eq '$.state' cancelled
expect_json_eq '$.cancel_reason' 客户取消
expect_exit 5 kn --as diaodu order ack "$CXL"
expect_exit 5 kn --as diaodu order cancel "$CXL" --reason 再取消
expect_exit 0 kn order list --state cancelled
expect_out "^$CXL +cancelled "
expect_exit 0 kn order list
expect_out_not "^$CXL "
# Numbers, unknown orders and stale versions.
expect_exit 2 kn --as diaodu order ack 9999
expect_exit 2 kn order show 9999
expect_exit 1 kn order show x
expect_exit 1 kn order show 0
expect_exit 1 kn order show
expect_exit 1 kn --as diaodu order ack "$CXL" --version 0
expect_exit 1 kn --as diaodu order ack "$CXL" --version x

# --- two dispatchers assign the same order at once -----------------------------
order_new wangfang --category equipment --fault 两人抢派 --customer B-7
RACE=$ID
expect_exit 0 kn --as diaodu order ack "$RACE"
show "$RACE"
V=$(json '$.version')
expect_exit 0 kn --as diaodu order assign "$RACE" zhangwei --version "$V"
expect_exit 3 kn --as diaodu2 order assign "$RACE" lisi --version "$V"
expect_err "^kefu: At [0-9]{2}:[0-9]{2} 调度 sent order $RACE to 张伟 first; yours to 李四 was not saved \\(R11\\)\$"
expect_err_not '调度二'
show "$RACE"
expect_json_eq '$.technician' zhangwei
# Truly at once: one wins, the other sees the conflict.
order_new wangfang --category equipment --fault 同时派 --customer B-7
RACE2=$ID
expect_exit 0 kn --as diaodu order ack "$RACE2"
show "$RACE2"
V=$(json '$.version')
(kn --as diaodu order assign "$RACE2" zhangwei --version "$V" >"$T/r1.out" 2>"$T/r1.err"; echo $? >"$T/r1.rc") &
(kn --as diaodu2 order assign "$RACE2" lisi --version "$V" >"$T/r2.out" 2>"$T/r2.err"; echo $? >"$T/r2.rc") &
wait
expect_eq "0 3" "$(sort "$T/r1.rc" "$T/r2.rc" | tr '\n' ' ' | sed 's/ $//')" \
    "one assignment wins, the other conflicts"
if [ "$(cat "$T/r1.rc")" = 3 ]; then winner=调度二 tech=lisi name=李四; lose=$T/r1.err
else winner=调度 tech=zhangwei name=张伟; lose=$T/r2.err; fi
check "the loser is told who won: $(cat "$lose")" \
    "$(grep -c "^kefu: At [0-9:]* $winner sent order $RACE2 to $name first" "$lose")" = 1
show "$RACE2"
expect_json_eq '$.technician' "$tech"
# A dispatcher told by phone records the arrival for the technician.
at 10:20:00
expect_exit 0 kn --as diaodu order arrive "$RACE2"
show "$RACE2"
expect_json_eq '$.state' on-site
expect_json_eq '$.arrived_at' $((T0 + 1200))
at 10:00:00
# Reassigning before arrival needs the version the dispatcher saw (R11):
# without it, a dispatched order is not silently taken away.
expect_exit 5 kn --as diaodu order assign "$RACE" lisi
expect_err "^kefu: At [0-9]{2}:[0-9]{2} 调度 sent order $RACE to 张伟 first; yours to 李四 was not saved: to reassign it, give the version you saw \\(R11\\)\$"
# Two dispatchers without --version, truly at once (issue 11): one wins,
# the other is refused and told who won, to whom, when.
order_new wangfang --category equipment --fault 不带版本抢派 --customer B-7
RACE3=$ID
expect_exit 0 kn --as diaodu order ack "$RACE3"
(kn --as diaodu order assign "$RACE3" zhangwei >"$T/r1.out" 2>"$T/r1.err"; echo $? >"$T/r1.rc") &
(kn --as diaodu2 order assign "$RACE3" lisi >"$T/r2.out" 2>"$T/r2.err"; echo $? >"$T/r2.rc") &
wait
expect_eq "0 5" "$(sort "$T/r1.rc" "$T/r2.rc" | tr '\n' ' ' | sed 's/ $//')" \
    "one assignment without --version wins, the other is refused"
if [ "$(cat "$T/r1.rc")" = 5 ]; then winner=调度二 name=李四 yours=张伟 lose=$T/r1.err
else winner=调度 name=张伟 yours=李四 lose=$T/r2.err; fi
check "the loser without --version is told who won: $(cat "$lose")" \
    "$(grep -c "^kefu: At [0-9:]* $winner sent order $RACE3 to $name first; yours to $yours was not saved: to reassign it, give the version you saw (R11)\$" "$lose")" = 1
V=$(kn --json order show "$RACE" | sed -n 's/.*"version":\([0-9]*\).*/\1/p')
expect_exit 0 kn --as diaodu order assign "$RACE" lisi --version "$V"
show "$RACE"
expect_json_eq '$.technician' lisi
expect_exit 0 kn --as lisi order arrive "$RACE"
expect_exit 5 kn --as diaodu order assign "$RACE" zhangwei

# --- R9: an emergency, dispatched first, paperwork after -----------------------
rows=$(audit_rows)
expect_exit 1 kn --as wangfang order new --category pipe --fault 闻到煤气味 \
    --address '和平里 5号楼'
expect_err '\(R20\).*\(R9\)'
expect_eq "$rows" "$(audit_rows)" "a refused order leaves no trace"
order_new wangfang --category pipe --emergency --fault 闻到煤气味 --address '和平里 5号楼'
EMG=$ID
show "$EMG"
expect_json_eq '$.emergency' 1
expect_json_eq '$.paperwork_pending' 1
expect_json_eq '$.customer_id' 0
expect_json_eq '$.contact_name' ''
# Straight from reported to dispatched, no acknowledgement first.
expect_exit 0 kn --as diaodu order assign "$EMG" lisi
show "$EMG"
expect_json_eq '$.state' dispatched
expect_json_eq '$.dispatched_by' "$DD_ID"
# (received and dispatched in one move: the time received is the dispatch's)
expect_json_eq '$.acked_at' "$(json '$.dispatched_at')"
expect_exit 0 kn order list
expect_out "^$EMG +dispatched +pipe .* 闻到煤气味 \\[emergency\\] \\[paperwork pending\\]\$"
expect_exit 0 kn --as lisi order arrive "$EMG"
expect_exit 0 kn --as lisi order done "$EMG" --work 关阀门更换接头
expect_exit 0 kn --as lisi --json order signoff "$EMG" --name 赵敏
# Signed but not closed while the paperwork is pending.
expect_json_eq '$.state' signed
expect_exit 4 kn --as lisi order edit "$EMG" --customer B-7
expect_exit 2 kn --as wangfang order edit "$EMG" --customer NOPE
expect_exit 1 kn --as wangfang order edit "$EMG"
expect_err 'nothing to change'
expect_exit 0 kn --as wangfang --json order edit "$EMG" --contact-name 赵敏
expect_json_eq '$.paperwork_pending' 1
expect_json_eq '$.state' signed
show "$EMG"
V=$(json '$.version')
expect_exit 3 kn --as wangfang order edit "$EMG" --contact-name 赵女士 --version $((V - 1))
expect_exit 0 kn --as wangfang --json order edit "$EMG" --customer B-7 --version "$V"
expect_json_eq '$.paperwork_pending' 0
expect_json_eq '$.state' closed
show "$EMG"
expect_json_eq '$.customer_id' "$B7_ID"
expect_json_eq '$.state' closed
expect_json_eq '$.closed_at' "$T0"

# --- R22: paid jobs; one off the list is approved before dispatch -------------
order_new wangfang --category paid --fee GAS-02 --fault 换燃气表 --customer B-7 \
    --appointment 16:00
PAID=$ID
show "$PAID"
expect_json_eq '$.fee_code' GAS-02
expect_json_eq '$.needs_approval' 0
expect_json_eq '$.deadline_at' "$(epoch 2026-11-27T16:00:00+08:00)"
expect_exit 0 kn --as diaodu order ack "$PAID"
expect_exit 0 kn --as diaodu order assign "$PAID" zhangwei
order_new wangfang --category 有偿服务 --fee KITCHEN-9 --fault 改灶台管线 --customer B-7
OFF=$ID
show "$OFF"
expect_json_eq '$.needs_approval' 1
expect_json_eq '$.deadline_at' $((T0 + 86400))
expect_exit 0 kn order list
expect_out "^$OFF +reported +paid .* \\[needs approval\\]\$"
expect_exit 0 kn --as diaodu order ack "$OFF"
expect_exit 5 kn --as diaodu order assign "$OFF" zhangwei
expect_err '\(R22\)$'
expect_exit 4 kn --as diaodu order approve "$OFF"
expect_exit 0 kn --as laoban order approve "$OFF"
expect_out "^order $OFF: approved "
expect_exit 5 kn --as laoban order approve "$OFF"
show "$OFF"
expect_json_eq '$.approved_by' "$LB_ID"
expect_json_eq '$.approved_at' "$T0"
expect_exit 0 kn --as diaodu order assign "$OFF" zhangwei
expect_exit 0 kn order show "$OFF"
expect_out '^approval: +approved 2026-11-27 10:00 by laoban$'
# A paid job with no code at all needs the approval too.
order_new wangfang --category paid --fault 不知道算什么 --customer B-7
show "$ID"
expect_json_eq '$.needs_approval' 1
NOCODE=$ID
expect_exit 0 kn order list
expect_out "^$NOCODE +reported +paid .* 不知道算什么 \\[needs approval\\]\$"
# Cancelled, it waits for no approval any more.
expect_exit 0 kn --as diaodu order cancel "$NOCODE" --reason 客户不做了
expect_exit 0 kn order list --state cancelled
expect_out "^$NOCODE +cancelled +paid .* 不知道算什么\$"

# --- R17: the charge audit -------------------------------------------------------
expect_exit 0 kn --as zhangwei order arrive "$PAID"
expect_exit 0 kn --as zhangwei --json order item "$PAID" GAS-02 1
METER=$(json '$.item_id')
expect_exit 0 kn --as zhangwei --json order item "$PAID" GAS-01 3
HOSE=$(json '$.item_id')
expect_exit 0 kn --as laoban order charges
expect_eq 0 "$(out_lines)" "no charge differs from the list yet"
# The list's price changes after the item was charged: the order keeps its
# price, the audit shows the difference.
expect_exit 0 k fee set GAS-02 --price 35.00
show "$PAID"
expect_json_eq '$.items[0].unit_price' 3000
expect_json_eq '$.amount_due' $((3000 + 3 * 1250))
expect_exit 0 kn --as laoban order charges
expect_out "^$METER +$PAID +GAS-02 +更换燃气表 +1 +30\\.00 +35\\.00 +30\\.00\$"
expect_out_not "^$HOSE "
expect_exit 0 kn --as laoban --json order charges
expect_json_eq '$[0].id' "$METER"
expect_json_eq '$[0].order_id' "$PAID"
expect_json_eq '$[0].unit_price' 3000
expect_json_eq '$[0].list_price' 3500
expect_json_eq '$[1].id' ''
expect_exit 4 kn --as diaodu order charges
expect_exit 4 kn --as diaodu order correct "$METER" 35.00
expect_exit 1 kn --as laoban order correct "$METER" 35.001
expect_exit 1 kn --as laoban order correct "$METER" cheap
expect_exit 1 kn --as laoban order correct "$METER"
expect_exit 2 kn --as laoban order correct 9999 35.00
expect_exit 1 kn --as laoban order correct "$METER" 35.00 --version 9
expect_exit 0 kn --as laoban order correct "$METER" 32.00 --version 1
expect_exit 3 kn --as laoban order correct "$METER" 33.00 --version 1
expect_err 'by laoban '
expect_exit 0 kn --as laoban order correct "$METER" 35.00
expect_out "^item $METER: unit price 35\\.00\$"
show "$PAID"
expect_json_eq '$.items[0].unit_price' 3500
expect_json_eq '$.items[0].amount' 3500
expect_json_eq '$.items[0].corrected' 1
expect_json_eq '$.items[1].corrected' 0
expect_json_eq '$.amount_due' $((3500 + 3 * 1250))
expect_exit 0 kn order show "$PAID"
expect_out "^  #$METER GAS-02 更换燃气表 1 个 x 35\\.00 = 35\\.00 \\(corrected\\)\$"
expect_out '^amount due: +72\.50$'
expect_exit 0 kn --as laoban order charges
expect_out_not "^$METER "
check "the correction is audited" "$(db_sql "SELECT count(*) FROM audit WHERE action LIKE '%correct%'")" -ge 1
# An item withdrawn from the list cannot be charged any more.
expect_exit 0 k fee set GAS-01 --active no
expect_exit 5 kn --as zhangwei order item "$PAID" GAS-01 1
expect_err 'GAS-01'
expect_exit 0 k fee set GAS-01 --active yes

# --- the duplicate note at intake ------------------------------------------------
at 12:00:00
order_new wangfang --category equipment --fault 楼道有煤气味 --address '安康苑 1号楼 1单元' \
    --community 安康苑 --building 1号楼 --contact-name 钱 --phone 13800004444
DUP=$ID
expect_eq 0 "$(wc -c <"$ERR")" "no note for the first order there"
# The same address: named, and linked rather than dispatched twice.
order_new wangfang --category equipment --fault 也闻到了 --address '安康苑 1号楼 1单元' \
    --community 安康苑 --building 1号楼 --contact-name 孙 --phone 13800003333
DUP2=$ID
expect_err "^note: open orders nearby \\(same address\\): #$DUP equipment reported, 安康苑 1号楼 1单元: 楼道有煤气味\$"
expect_json_eq '$.nearby[0]' "$DUP"
expect_exit 0 kn --as diaodu order cancel "$DUP2" --reason 重复报修
# The same building, another door; the same community, another building.
order_new wangfang --category indoor --fault 热水器 --address '安康苑 1号楼 3单元' \
    --community 安康苑 --building 1号楼 --contact-name 李 --phone 13800002222
expect_err "^note: open orders nearby \\(same building\\): #$DUP "
BLD=$ID
order_new wangfang --category indoor --fault 灶具 --address '安康苑 8号楼' \
    --community 安康苑 --building 8号楼 --contact-name 王 --phone 13800001111
expect_err '^note: open orders nearby \(same community\): '
expect_err "#$DUP "
expect_eq 1 "$(wc -l <"$ERR")" "the note is one line"
# Elsewhere: no note. A cancelled order is not "open".
order_new wangfang --category indoor --fault 灶具 --address 别处 --community 别处 \
    --contact-name 王 --phone 13800001111
expect_eq 0 "$(wc -c <"$ERR")" "no note elsewhere"
# Without --json: the number and the deadline on stdout.
run kn --as wangfang order new --category indoor --fault x --address 别处2号 \
    --contact-name x --phone 13800001111
expect_eq 0 "$RC" "order new in text"
expect_out '^order [0-9]+ \(due 2026-11-27 14:00\)$'
expect_eq 1 "$(out_lines)" "order new prints one line"
# With a customer: the customer's community is the community (an open
# pipeline fault there).
order_new wangfang --category indoor --fault 再报 --customer A-2
expect_err "^note: open orders nearby \\(same community\\): #$PIPE pipe done, 幸福小区: 管道漏气\$"
# A refused order prints its error alone, not the note.
expect_exit 1 kn --as wangfang order new --category indoor --fault '' --customer A-2
expect_err_not note

# --- linking another caller's contact; --from-contact ----------------------------
expect_exit 0 kn --as wangfang --json contact log --purpose repair \
    --phone 13800003333 --asked 安康苑也闻到煤气味
CT=$(json '$.id')
expect_exit 0 kn --as wangfang order link "$DUP" "$CT"
expect_out "^order $DUP: contact $CT linked\$"
check "the caller is linked" "$(db_sql "SELECT count(*) FROM order_reporter WHERE order_id = $DUP AND contact_id = $CT")" = 1
expect_exit 2 kn --as wangfang order link "$DUP" 9999
expect_exit 4 kn --as zhangwei order link "$DUP" "$CT"
expect_exit 1 kn --as wangfang order link "$DUP"
order_new wangfang --category equipment --fault 来电报修 --customer B-7 --from-contact "$CT"
show "$ID"
expect_json_eq '$.contact_id' "$CT"
expect_exit 2 kn --as wangfang order new --category equipment --fault 来电报修 \
    --customer B-7 --from-contact 9999

# --- the technicians' load -------------------------------------------------------
expect_exit 0 kn --as diaodu --json order load
expect_json
zw=$(db_sql "SELECT count(*) FROM work_order WHERE technician_id = $ZW_ID AND state < 6")
expect_eq "$zw" "$(sqlite3 :memory: "SELECT json_extract(value, '\$.open') FROM json_each(CAST(readfile('$OUT') AS TEXT)) WHERE json_extract(value, '\$.login') = 'zhangwei'")" \
    "zhangwei's open orders"
check "zhangwei has open orders" "$zw" -gt 0
expect_exit 0 kn --as diaodu order load
expect_out "^zhangwei +张伟 +$zw\$"
expect_out '^lisi +李四 +[0-9]+$'
expect_out_not '^(diaodu|wangfang)'
expect_exit 4 kn --as zhangwei order load

# --- list filters ------------------------------------------------------------------
at 12:00:00
expect_exit 0 kn order list --tech zhangwei
expect_eq $((zw + 1)) "$(out_lines)" "a header and zhangwei's open orders"
expect_out_not ' lisi '
expect_exit 0 kn --json order list --category pipe-major
expect_json_eq '$[0].id' "$MAJOR"
expect_json_eq '$[1].id' ''
expect_exit 0 kn --json order list --state on-site --category paid
expect_json_eq '$[0].id' "$PAID"
expect_json_eq '$[1].id' ''
expect_exit 0 kn order list --limit 2
expect_eq 3 "$(out_lines)" "a header and two orders"
# Soonest deadline first.
expect_exit 0 kn --json order list
expect_eq "$(db_sql "SELECT group_concat(id, ' ') FROM (SELECT id FROM work_order WHERE state < 6 ORDER BY deadline_at, id)")" \
    "$(sqlite3 :memory: "SELECT group_concat(json_extract(value, '\$.id'), ' ') FROM json_each(CAST(readfile('$OUT') AS TEXT))")" \
    "the board by deadline"
expect_exit 1 kn order list --state nowhere
expect_exit 1 kn order list --category gas
expect_exit 2 kn order list --tech nobody
expect_exit 1 kn order list --limit 0
expect_exit 1 kn order list extra
# A technician asks for his own.
expect_exit 0 kn --as zhangwei order list --tech zhangwei
expect_eq $((zw + 1)) "$(out_lines)" "zhangwei's own list"
# Reception reads the board; billing reads orders.
expect_exit 0 kn --as wangfang order list
expect_exit 0 kn --as shoufei order show "$PAID"

# --- text from the database never reaches the terminal raw -------------------------
sqlite3 "$DB" "UPDATE work_order SET fault = 'evil' || char(27) || '[2J' WHERE id = $BLD"
expect_exit 0 kn order show "$BLD"
if grep -q "$(printf '\033')" "$OUT"; then fail "order show printed a raw ESC"; else pass; fi
expect_out '^fault: +evil\?\[2J$'
expect_exit 0 kn order list
if grep -q "$(printf '\033')" "$OUT"; then fail "order list printed a raw ESC"; else pass; fi
expect_exit 0 kn --json order show "$BLD"
expect_json_eq '$.fault' "evil$(printf '\033')[2J"

# --- paging: more than 1,000 open orders, and --overdue for cron -------------------
DB2=$T/many.db
cp "$DB" "$DB2"
sqlite3 "$DB2" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
    WHERE i < 1500) INSERT INTO work_order (reported_at, reported_by, address,
    fault, category, deadline_at, deadline_on_arrival, due_at)
    SELECT $T0, 1, '批量 ' || i, '批量', 0, $T0 + ((i * 7919) % 50) * 60,
    1, $T0 + ((i * 7919) % 50) * 60 FROM n"
open=$(db_sql "SELECT count(*) FROM work_order WHERE state < 6" "$DB2")
check "more than 1000 open orders" "$open" -gt 1500
expect_exit 0 env KEFU_NOW="$NOW" "$KEFU" --db "$DB2" --json order list
sqlite3 :memory: "SELECT json_extract(value, '\$.id') FROM json_each(CAST(readfile('$OUT') AS TEXT))" >"$T/got.ids"
db_sql "SELECT id FROM work_order WHERE state < 6 ORDER BY deadline_at, id" "$DB2" >"$T/want.ids"
if cmp -s "$T/want.ids" "$T/got.ids"; then
	pass
else
	fail "every open order once, by deadline, across pages: $(cmp "$T/want.ids" "$T/got.ids" 2>&1 | head -n 1)"
fi
expect_exit 0 env KEFU_NOW="$NOW" "$KEFU" --db "$DB2" order list --limit 1200
expect_eq 1201 "$(out_lines)" "--limit 1200 across two pages"
expect_exit 0 env KEFU_NOW="$NOW" "$KEFU" --db "$DB2" order list --overdue
expect_eq "$(db_sql "SELECT count(*) FROM work_order WHERE state < 6 AND deadline_at < $(epoch 2026-11-27T12:00:00+08:00) AND (CASE WHEN deadline_on_arrival THEN arrived_at ELSE done_at END) IS NULL" "$DB2")" \
    "$(grep -c ' OVERDUE ' "$OUT")" "every overdue order listed"
# Cron: nothing overdue, nothing printed.
DB3=$T/cron.db
rm -f "$DB3"
expect_exit 0 kefu --db "$DB3" init
expect_exit 0 kefu --db "$DB3" user add wangfang 王芳 reception
at 10:00:00
expect_exit 0 env KEFU_NOW="$NOW" "$KEFU" --db "$DB3" --as wangfang --json order new \
    --category equipment --fault 漏气 --address 某小区 --contact-name 冯 --phone 13800000000
CRON=$(json '$.id')
at 10:40:00
expect_exit 0 env KEFU_NOW="$NOW" "$KEFU" --db "$DB3" order list --overdue
expect_eq 0 "$(wc -c <"$OUT")" "cron: no output while nothing is overdue"
expect_exit 0 env KEFU_NOW="$NOW" "$KEFU" --db "$DB3" --json order list --overdue
expect_eq '[]' "$(cat "$OUT")" "cron: an empty JSON list"
at 10:40:01
expect_exit 0 env KEFU_NOW="$NOW" "$KEFU" --db "$DB3" order list --overdue
expect_eq 2 "$(out_lines)" "cron: a header and the overdue order"
expect_out "^$CRON +reported +equipment +2026-11-27 10:40 OVERDUE "

# --- R9: registered after; R2: a live clock is not rewound ---------------------
at 15:00:00
order_new diaodu --category equipment --fault 先修后补 --customer B-7 --at 13:50
AFTER=$ID
expect_exit 0 kn --as diaodu order ack "$AFTER"
expect_exit 0 kn --as diaodu order assign "$AFTER" zhangwei
expect_exit 1 kn --as diaodu order arrive "$AFTER" --at 25:00
expect_exit 1 kn --as diaodu order arrive "$AFTER" --at 13:49
expect_err 'before the step it follows'
expect_exit 0 kn --as diaodu order arrive "$AFTER" --at 14:20
expect_exit 0 kn --as diaodu order done "$AFTER" --work 更换阀门 --at 14:50
show "$AFTER"
expect_json_eq '$.state' done
expect_eq "$(date -d 2026-11-27T14:20:00+08:00 +%s)" "$(json '$.arrived_at')" "arrival registered after"
expect_eq "$(date -d 2026-11-27T14:50:00+08:00 +%s)" "$(json '$.done_at')" "work registered after"
expect_json_eq '$.overdue' 0
# A live order: reported now, the technician two hours late.
order_new wangfang --category equipment --fault 现场迟到 --customer B-7
LIVE=$ID
expect_exit 0 kn --as diaodu order ack "$LIVE"
expect_exit 0 kn --as diaodu order assign "$LIVE" zhangwei
at 17:00:00
expect_exit 5 kn --as zhangwei order arrive "$LIVE" --at 15:30
expect_err "^kefu: work order $LIVE was entered at 2026-11-27 15:00; later steps are recorded as they happen, an earlier time only for a repair registered after it was done \\(R2, R9\\)\$"
expect_exit 0 kn --as zhangwei order arrive "$LIVE"
expect_exit 4 kn --as diaodu order done "$LIVE" --work 修好了
expect_err 'is not yours'
# A night job registered after midnight: --at 23:40 at 00:10 is last
# night's; a time a few minutes ahead is still refused as the future.
NOW=2026-11-28T00:10:00+08:00
order_new diaodu --category equipment --fault 夜间抢修 --customer B-7 --at 23:40
show "$ID"
expect_eq "$(date -d 2026-11-27T23:40:00+08:00 +%s)" "$(json '$.reported_at')" "--at 23:40 typed at 00:10"
expect_exit 1 kn --as diaodu order new --category equipment --fault 将来 \
    --customer B-7 --at 00:20
expect_err 'future'
at 10:00:00

# --- usage -----------------------------------------------------------------------
expect_exit 1 k order
expect_err 'needs a verb: new, .*load'
expect_exit 1 k order frobnicate
expect_err "unknown verb 'frobnicate'"
expect_exit 1 kn --as wangfang order new --fault x --customer B-7
expect_err 'needs --category'
expect_exit 1 kn --as wangfang order new --category equipment --customer B-7
expect_exit 1 kn --as wangfang order new --category equipment --fault x
expect_exit 1 kn --as wangfang order new --category gas --fault x --customer B-7
expect_err "gas"
expect_exit 1 kn --as wangfang order new --category equipment --fault x \
    --customer B-7 --bogus
expect_err 'unknown option --bogus'
expect_exit 2 kn --as wangfang order new --category equipment --fault x \
    --customer NOPE
expect_exit 1 kn --as diaodu order assign "$CXL"
expect_exit 1 kn --as diaodu order ack "$CXL" --work x
expect_err 'unknown option --work'
expect_exit 1 kn --as laoban order charges --limit 0
expect_exit 0 k order --help
expect_out 'kefu order new --category CAT --fault TEXT'
expect_out 'R22'
expect_exit 0 kefu help order
expect_out 'kefu order list \[--overdue\]'
expect_exit 0 kefu --help
expect_out '^  order '
expect_out '^  fee '

finish
