#!/usr/bin/env bash
# cli_contact.sh — the contact log from the command line (R1, R4–R10, R52):
# each purpose with what it requires (viewing hours and appointments from
# the policy table, suggestion queues by urgency, renovation formalities,
# inspections received by a manager), unknown callers, list filters, show,
# the viewing key, callback promises, linking a caller to a customer, who
# may do what, and the CSV export (its columns, quoting of Chinese text,
# filters, paging through more contacts than one page holds).
. "$(dirname "$0")/lib.sh" "$@"

# The clock: Friday 2026-11-27 10:41 Beijing time, inside the viewing hours.
NOW=2026-11-27T10:41:00+08:00
NOW_EPOCH=1795747260		# date -d 2026-11-27T10:41:00+08:00 +%s
kn() { env KEFU_NOW="$NOW" "$KEFU" --db "$DB" "$@"; }
# logc LOGIN ARGS...: LOGIN logs a contact at NOW (checked); $ID is its id.
logc() {
	local who=$1

	shift
	ID=
	expect_exit 0 kn --as "$who" --json contact log "$@"
	[ "$WRONG_EXIT" = 1 ] || ID=$(json '$.id')
}
# Seconds since the epoch of a local Beijing time.
epoch() { date -d "$1" +%s; }
HEADER=id,at,channel,purpose,customer,caller_name,caller_title,caller_phone,asked,done,staff,appointment_at,documents_checked,accompanied_by,key_out_at,key_in_at,urgency,formalities,received_by,callback_due_at

fresh_db
expect_exit 0 k user add wangfang 王芳 reception
expect_exit 0 k user add laoban 老板 supervisor
expect_exit 0 k user add diaodu 调度 dispatcher
expect_exit 0 k user add zhangwei 张伟 technician
expect_exit 0 k user add shoufei 收费员 billing
expect_exit 0 k --json user show laoban
LAOBAN_ID=$(json '$.id')
expect_exit 0 k customer add --name 李军 --account A-2 --phone 13900002222
expect_exit 0 k --json customer show A-2
A2_ID=$(json '$.id')

# The viewing hours come from the policy table, seeded from R6.
expect_exit 0 k policy list
expect_out '^viewing\.opens +08:00 +R6 '
expect_out '^viewing\.closes +17:30 +R6 '
expect_out '^viewing\.wait_until +21:00 +R6 '

# --- R6 house viewing ------------------------------------------------------
logc wangfang --purpose viewing --channel walk-in --name 赵 --title 女士 \
    --phone '138-0000 1111' --asked 看3号楼2单元301 --documents-checked \
    --accompanied-by 小张
VIEW_ID=$ID
expect_exit 0 kn --json contact show "$VIEW_ID"
expect_json
expect_json_eq '$.purpose' viewing
expect_json_eq '$.channel' walk-in
expect_json_eq '$.at' "$NOW_EPOCH"
expect_json_eq '$.documents_checked' 1
expect_json_eq '$.caller_phone' 13800001111
expect_json_eq '$.customer_id' 0
expect_json_eq '$.appointment_at' 0
rows=$(audit_rows)
# The documents (入伙通知单, 购房合同) are checked first.
expect_exit 5 kn --as wangfang contact log --purpose viewing --asked 看房 \
    --phone 13800001111
expect_err 'documents checked.*\(R6\)'
# A contact is logged as it happens or after, never ahead of the clock.
expect_exit 1 kn --as wangfang contact log --purpose inquiry --at 10:43 \
    --asked 问物业费 --phone 13800001111
expect_err '^kefu: a contact cannot begin in the future$'
# The hours' edges: 08:00 and 17:29 inside, 07:59 and 17:30 outside
# (logged late, in the evening).
NOW=2026-11-27T18:00:00+08:00
for t in 08:00 17:29; do
	expect_exit 0 kn --as wangfang contact log --purpose 看房 --at "$t" \
	    --asked "看房 $t" --phone 13800001111 --documents-checked
done
rows=$(audit_rows)
for t in 07:59 17:30; do
	expect_exit 5 kn --as wangfang contact log --purpose viewing --at "$t" \
	    --asked 看房 --phone 13800001111 --documents-checked
	expect_err '^kefu: house viewings run 08:00-17:30; outside those hours only by appointment \(R6\)$'
done
# In the evening: only by appointment, and viewers are waited for until
# 21:00 at the latest.
expect_exit 5 kn --as wangfang contact log --purpose viewing --asked 晚上看房 \
    --phone 13800001111 --documents-checked
expect_err 'only by appointment \(R6\)'
expect_exit 5 kn --as wangfang contact log --purpose viewing --asked 晚上看房 \
    --phone 13800001111 --documents-checked --appointment 21:01
expect_err '^kefu: booked viewers are seen from 07:00 until 21:00 at the latest \(R6\)$'
expect_exit 5 kn --as wangfang contact log --purpose viewing --asked 晚上看房 \
    --phone 13800001111 --documents-checked \
    --appointment 2026-11-27T22:30:00+08:00
expect_err 'until 21:00'
expect_eq "$rows" "$(audit_rows)" "no audit row from a refused viewing"
logc wangfang --purpose viewing --asked 晚上看房 --phone 13800001111 \
    --documents-checked --appointment 20:00
EVENING_ID=$ID
expect_exit 0 kn --json contact show "$EVENING_ID"
expect_json_eq '$.appointment_at' "$(epoch 2026-11-27T20:00:00+08:00)"
logc wangfang --purpose viewing --asked 最晚看房 --phone 13800001111 \
    --documents-checked --appointment 21:00
expect_exit 0 kn contact show "$ID"
expect_out '\[appointment 2026-11-27 21:00\]$'
# The hours are the policy's: an admin moves the closing time.
expect_exit 0 k policy set viewing.closes 18:30
expect_exit 0 kn --as wangfang contact log --purpose viewing --asked 延长看房 \
    --phone 13800001111 --documents-checked
expect_exit 0 k policy set viewing.closes 17:30
expect_exit 5 kn --as wangfang contact log --purpose viewing --asked 延长看房 \
    --phone 13800001111 --documents-checked
NOW=2026-11-27T10:41:00+08:00

# --- the key of a viewing (R6) ---------------------------------------------
expect_exit 5 kn --as wangfang contact key "$VIEW_ID" in
expect_err 'never given out'
NOW=2026-11-27T10:45:00+08:00
expect_exit 0 kn --as wangfang contact key "$VIEW_ID" out
expect_out "^contact $VIEW_ID: key\$"
expect_exit 5 kn --as wangfang contact key "$VIEW_ID" out
expect_err 'out already'
NOW=2026-11-27T11:20:00+08:00
expect_exit 0 kn --as wangfang --json contact key "$VIEW_ID" in
expect_json_eq '$.changed' 1
expect_exit 5 kn --as wangfang contact key "$VIEW_ID" in
expect_err 'back already'
NOW=2026-11-27T10:41:00+08:00
expect_exit 0 kn --json contact show "$VIEW_ID"
expect_json_eq '$.key_out_at' "$(epoch 2026-11-27T10:45:00+08:00)"
expect_json_eq '$.key_in_at' "$(epoch 2026-11-27T11:20:00+08:00)"
expect_exit 1 kn --as wangfang contact key "$VIEW_ID" lost
expect_exit 2 kn --as wangfang contact key 9999 out

# --- R7 suggestions: urgent to the dispatchers, normal to the managers -----
logc wangfang --purpose suggestion --phone 13800002222 --asked 电梯门夹人隐患 \
    --urgent
URGENT_ID=$ID
logc wangfang --purpose 合理化建议 --phone 13800002222 --asked 建议增加绿化
NORMAL_ID=$ID
expect_exit 0 kn --json contact show "$URGENT_ID"
expect_json_eq '$.urgency' urgent
expect_exit 0 kn --json contact show "$NORMAL_ID"
expect_json_eq '$.urgency' normal
expect_exit 0 kn --as diaodu contact queue
expect_out "^#$URGENT_ID .* 合理化建议 .*电梯门夹人隐患\$"
expect_out_not 建议增加绿化
expect_exit 0 kn --as laoban contact queue
expect_out "^#$NORMAL_ID .* 合理化建议 .*建议增加绿化\$"
expect_out_not 电梯门夹人隐患
expect_exit 0 kn --as laoban --json contact queue
expect_json
expect_json_eq '$[0].id' "$NORMAL_ID"
# Reception has no queue of its own; a technician may not look.
expect_exit 0 kn --as wangfang contact queue
expect_eq 0 "$(out_lines)" "reception's suggestion queue is empty"
expect_exit 4 kn --as zhangwei contact queue
# Handled, a suggestion leaves its queue; only that queue's people may.
expect_exit 4 kn --as diaodu contact handle "$NORMAL_ID" 列入计划
expect_err '\(R7\)'
expect_exit 1 kn --as laoban contact handle "$NORMAL_ID" '  '
expect_exit 1 kn --as laoban contact handle "$NORMAL_ID"
expect_exit 0 kn --as laoban contact handle "$NORMAL_ID" 列入下月绿化计划
expect_exit 0 kn --as laoban contact queue
expect_out_not 建议增加绿化
expect_exit 5 kn --as laoban contact handle "$NORMAL_ID" 再来一次
expect_err 'handled already'

# --- R8 renovation: the formalities the applicant was told -----------------
expect_exit 5 kn --as wangfang contact log --purpose renovation \
    --customer A-2 --asked 装修厨房
expect_err '^kefu: a renovation application lists the formalities the applicant was told \(R8\)$'
expect_exit 5 kn --as wangfang contact log --purpose renovation \
    --customer A-2 --asked 装修厨房 --formalities '   '
expect_err '\(R8\)'
logc wangfang --purpose 装修申报 --customer A-2 --asked 装修厨房 \
    --formalities '交押金, 签装修协议'
RENO_ID=$ID
expect_exit 0 kn --json contact show "$RENO_ID"
expect_json_eq '$.customer_id' "$A2_ID"
expect_json_eq '$.purpose' renovation

# --- R10 inspection: received by a manager (a supervisor account) -----------
expect_exit 5 kn contact log --purpose inspection --asked 消防检查 \
    --phone 01065550000 --received-by diaodu
expect_err '^kefu: an inspection is received by a manager \(a supervisor account\) \(R10\)$'
expect_exit 5 kn contact log --purpose inspection --asked 消防检查 \
    --phone 01065550000
expect_err '\(R10\)'
expect_exit 2 kn contact log --purpose inspection --asked 消防检查 \
    --phone 01065550000 --received-by nobody
logc laoban --purpose 上级检查 --channel walk-in --phone 01065550000 \
    --asked 消防检查 --done 已陪同检查 --received-by laoban
INSP_ID=$ID
expect_exit 0 kn --json contact show "$INSP_ID"
expect_json_eq '$.received_by' "$LAOBAN_ID"
# The front desk names the manager too, without reading staff accounts.
expect_exit 0 kn --as wangfang --json contact log --purpose inspection \
    --channel walk-in --phone 01065550000 --asked 燃气安全检查 \
    --received-by laoban
expect_exit 2 kn --as wangfang contact log --purpose inspection \
    --phone 01065550000 --asked 燃气安全检查 --received-by nobody
expect_err "no staff account 'nobody'"

# --- R1: what is required of every contact -----------------------------------
rows=$(audit_rows)
expect_exit 1 kn --as wangfang contact log --purpose inquiry --asked 问物业费
expect_err '^kefu: an unknown caller needs a phone number \(R1\)$'
expect_exit 1 kn --as wangfang contact log --purpose inquiry --asked 问物业费 \
    --phone 138abc5678
expect_err 'may only hold digits'
expect_exit 1 kn --as wangfang contact log --purpose inquiry --asked 问物业费 \
    --phone 1234
expect_err '5 to 20 digits'
expect_exit 1 kn --as wangfang contact log --purpose inquiry --phone 13800003333
expect_err 'say what the caller asked \(R1\)'
expect_exit 1 kn --as wangfang contact log --asked 问物业费 --phone 13800003333
expect_err 'needs --purpose'
expect_exit 1 kn --as wangfang contact log --purpose visit --asked x \
    --phone 13800003333
expect_err "unknown purpose 'visit'"
expect_exit 1 kn --as wangfang contact log --purpose other --asked x \
    --phone 13800003333 --channel fax
expect_err "unknown channel 'fax'"
expect_exit 2 kn --as wangfang contact log --purpose inquiry --asked x \
    --customer NOPE
expect_exit 1 kn --as wangfang contact log --purpose other \
    --asked $'\033[2J' --phone 13800003333
expect_err 'control characters'
expect_eq "$rows" "$(audit_rows)" "no audit row from a refused contact"
# A known customer needs no phone.
logc wangfang --purpose inquiry --customer A-2 --asked 问物业费怎么交
INQ_ID=$ID

# --- who may log and read ----------------------------------------------------
rows=$(audit_rows)
expect_exit 4 kn --as zhangwei contact log --purpose repair --asked 水管漏了 \
    --phone 13800004444
expect_err '^kefu: zhangwei may not log calls and visits \(R1, R4\); needs role: reception/dispatcher/supervisor/admin'
expect_exit 4 kn --as shoufei contact log --purpose payment --asked 缴费 \
    --phone 13800004444
expect_exit 4 kn --as zhangwei contact list
expect_exit 4 kn --as zhangwei contact show "$VIEW_ID"
expect_exit 4 kn --as shoufei contact show "$VIEW_ID"
expect_eq "$rows" "$(audit_rows)" "no audit row from a refused role"
logc diaodu --purpose repair --phone 13800004444 --asked 水管漏了 \
    --done 已派维修
REPAIR_ID=$ID

# --- R52: a callback promised ---------------------------------------------
expect_exit 0 kn --as wangfang contact promise "$INQ_ID" 30
expect_out "^contact $INQ_ID: promise\$"
expect_exit 0 kn --json contact show "$INQ_ID"
expect_json_eq '$.callback_due_at' $((NOW_EPOCH + 1800))
expect_exit 0 kn contact show "$INQ_ID"
expect_out '\[callback by 2026-11-27 11:11\]$'
expect_exit 1 kn --as wangfang contact promise "$INQ_ID" 0
expect_err 'within 1 minute to 30 days'
expect_exit 1 kn --as wangfang contact promise "$INQ_ID" soon
expect_exit 4 kn --as zhangwei contact promise "$INQ_ID" 30

# --- link an unknown caller to a customer ------------------------------------
expect_exit 0 kn --json contact show "$REPAIR_ID"
expect_json_eq '$.customer_id' 0
expect_exit 2 kn --as wangfang contact link "$REPAIR_ID" NOPE
expect_exit 4 kn --as zhangwei contact link "$REPAIR_ID" A-2
expect_exit 0 kn --as wangfang contact link "$REPAIR_ID" A-2
expect_out "^contact $REPAIR_ID: link\$"
expect_exit 0 kn --json contact show "$REPAIR_ID"
expect_json_eq '$.customer_id' "$A2_ID"
expect_json_eq '$.caller_phone' 13800004444
expect_exit 2 kn --as wangfang contact link 9999 A-2

# --- show --------------------------------------------------------------------
expect_exit 0 kn contact show "$VIEW_ID"
expect_out "^#$VIEW_ID 2026-11-27 10:41 walk-in  看房 赵女士 13800001111: 看3号楼2单元301\$"
expect_exit 0 kn contact show "$INSP_ID"
expect_out "^#$INSP_ID 2026-11-27 10:41 walk-in  上级检查  01065550000: 消防检查 -> 已陪同检查\$"
expect_exit 2 kn contact show 9999
expect_err 'no contact 9999'
expect_exit 1 kn contact show x
expect_exit 1 kn contact show
expect_exit 0 kn --as diaodu contact show "$VIEW_ID"

# --- list: today's, by purpose and by who took it ----------------------------
expect_exit 0 kn contact list
expect_out "^#$VIEW_ID "
expect_out "^#$REPAIR_ID "
expect_exit 0 kn contact list --purpose viewing
expect_out "^#$VIEW_ID .* 看房 "
expect_out "^#$EVENING_ID "
expect_out_not ' (合理化建议|装修申报|上级检查|业主来访|报修) '
expect_exit 0 kn contact list --purpose 报修
expect_eq 1 "$(out_lines)" "one repair contact listed"
expect_out "^#$REPAIR_ID .* 报修 "
expect_exit 0 kn contact list --staff laoban
expect_eq 1 "$(out_lines)" "one contact taken by laoban"
expect_out "^#$INSP_ID "
expect_exit 0 kn contact list --staff diaodu --purpose repair
expect_eq 1 "$(out_lines)" "one repair taken by diaodu"
expect_exit 0 kn contact list --staff diaodu --purpose viewing
expect_eq 0 "$(out_lines)" "no viewing taken by diaodu"
expect_exit 0 kn --json contact list --staff wangfang --purpose suggestion
expect_json
expect_json_eq '$[0].id' "$NORMAL_ID"
expect_json_eq '$[1].id' "$URGENT_ID"
expect_json_eq '$[2].id' ''
expect_exit 0 kn contact list --limit 2
expect_eq 2 "$(out_lines)" "list --limit 2"
expect_exit 1 kn contact list --purpose visit
expect_exit 2 kn contact list --staff nobody
expect_exit 1 kn contact list --days 0
# Tomorrow, today's contacts are yesterday's.
NOW=2026-11-28T09:00:00+08:00
expect_exit 0 kn contact list
expect_eq 0 "$(out_lines)" "nothing logged on the 28th"
expect_exit 0 kn contact list --days 2 --purpose inspection
expect_out "^#$INSP_ID "
NOW=2026-11-27T10:41:00+08:00

# --- export ------------------------------------------------------------------
# A complaint whose text needs quoting: a comma and quotes, in Chinese.
ASKED='楼上漏水, 说"马上修"却没来'
logc wangfang --purpose complaint --channel walk-in --customer A-2 --name 李 \
    --title 先生 --asked "$ASKED" --done '已登记, 转维修'
CJK_ID=$ID
# One logged on the 26th, later than the others (a later id, an earlier time).
logc wangfang --purpose other --phone 13800005555 --asked 昨天的来电 \
    --at 2026-11-26T16:00:00+08:00
OLD_ID=$ID
total=$(db_sql "SELECT count(*) FROM contact")

expect_exit 0 kn contact export
cp "$OUT" "$T/all.csv"
expect_eq "$HEADER" "$(head -n 1 "$T/all.csv")" "the export's header row"
expect_eq $((total + 1)) "$(out_lines)" "a header and one row per contact"
expect_out_fixed "$CJK_ID,2026-11-27T10:41:00+08:00,walk-in,complaint,A-2,李,先生,,\"楼上漏水, 说\"\"马上修\"\"却没来\",\"已登记, 转维修\",wangfang,,no,,,,normal,,,"
expect_out "^$VIEW_ID,2026-11-27T10:41:00\\+08:00,walk-in,viewing,,赵,女士,13800001111,看3号楼2单元301,,wangfang,,yes,小张,2026-11-27T10:45:00\\+08:00,2026-11-27T11:20:00\\+08:00,normal,,,\$"
expect_out "^$EVENING_ID,2026-11-27T18:00:00\\+08:00,hotline,viewing,,,,13800001111,晚上看房,,wangfang,2026-11-27T20:00:00\\+08:00,yes,"
expect_out "^$URGENT_ID,.*,suggestion,.*,urgent,,,\$"
expect_out "^$RENO_ID,.*,renovation,A-2,.*,\"交押金, 签装修协议\",,\$"
expect_out "^$INSP_ID,.*,inspection,,.*,消防检查,已陪同检查,laoban,.*,laoban,\$"
expect_out "^$INQ_ID,.*,inquiry,A-2,.*,2026-11-27T11:11:00\\+08:00\$"
expect_out "^$REPAIR_ID,.*,repair,A-2,,,13800004444,水管漏了,已派维修,diaodu,"
# Newest first, by time and then number: the row of the 26th comes last
# though its number is the highest.
expect_eq "$OLD_ID" "$(tail -n 1 "$T/all.csv" | cut -d, -f1)" \
    "the earliest contact is the last row"
expect_eq "$(db_sql "SELECT group_concat(id, ' ') FROM (SELECT id FROM contact ORDER BY at DESC, id DESC)")" \
    "$(tail -n +2 "$T/all.csv" | cut -d, -f1 | tr '\n' ' ' | sed 's/ $//')" \
    "rows newest first"
# Read back by a CSV reader (the sqlite3 shell's): the text is as logged.
csvq() {
	sqlite3 :memory: -cmd ".import --csv $1 c" "$2"
}
expect_eq "$ASKED" "$(csvq "$T/all.csv" "SELECT asked FROM c WHERE id = '$CJK_ID'")" \
    "asked round-trips through CSV"
expect_eq '已登记, 转维修' "$(csvq "$T/all.csv" "SELECT done FROM c WHERE id = '$CJK_ID'")" \
    "done round-trips through CSV"
expect_eq "$total" "$(csvq "$T/all.csv" "SELECT count(*) FROM c")" \
    "a CSV reader finds every contact"
expect_eq 20 "$(csvq "$T/all.csv" "SELECT count(*) FROM pragma_table_info('c')")" \
    "twenty columns"
# To a file: the same bytes; replaced when it exists.
printf 'old content\n' >"$T/out.csv"
expect_exit 0 kn contact export --out "$T/out.csv"
expect_out "^exported $total contacts to $T/out.csv\$"
expect_eq "$(file_sum "$T/all.csv")" "$(file_sum "$T/out.csv")" \
    "export --out FILE = export to standard output"
expect_exit 0 kn --json contact export --out "$T/out.csv"
expect_json_eq '$.exported' "$total"
expect_json_eq '$.file' "$T/out.csv"
expect_exit 0 kn contact export --out -
expect_eq "$(file_sum "$T/all.csv")" "$(file_sum "$OUT")" "--out - is standard output"
# --purpose: only those rows.
n=$(db_sql "SELECT count(*) FROM contact WHERE purpose = 0")
expect_exit 0 kn contact export --purpose viewing --out "$T/view.csv"
expect_out "^exported $n contacts to "
expect_eq "$n" "$(csvq "$T/view.csv" "SELECT count(*) FROM c WHERE purpose = 'viewing'")" \
    "every viewing exported"
expect_eq 0 "$(csvq "$T/view.csv" "SELECT count(*) FROM c WHERE purpose <> 'viewing'")" \
    "only viewings exported"
expect_exit 0 kn contact export --purpose 装修申报
expect_eq 2 "$(out_lines)" "one renovation exported"
expect_out "^$RENO_ID,"
# None of a purpose: the header alone.
expect_exit 0 kn contact export --purpose payment
expect_eq "$HEADER" "$(cat "$OUT")" "an export of no contacts is the header"
expect_eq 1 "$(out_lines)" "an export of no contacts is one line"
expect_exit 0 kn contact export --purpose payment --out "$T/none.csv"
expect_out "^exported 0 contacts to "
# --staff, as list.
expect_exit 0 kn contact export --staff diaodu
expect_eq 2 "$(out_lines)" "one contact taken by diaodu"
expect_out "^$REPAIR_ID,"
expect_exit 2 kn contact export --staff nobody
# --from / --to: days (--to through its end) and times (--to before it).
expect_exit 0 kn contact export --from 2026-11-26 --to 2026-11-26
expect_eq 2 "$(out_lines)" "one contact on the 26th"
expect_out "^$OLD_ID,"
expect_exit 0 kn contact export --from 2026-11-27
expect_eq "$total" "$(out_lines)" "all but one from the 27th"
expect_out_not "^$OLD_ID,"
expect_exit 0 kn contact export --to 2026-11-26T16:00:01+08:00
expect_eq 2 "$(out_lines)" "--to a time includes the second before it"
expect_exit 0 kn contact export --to 2026-11-26T16:00:00+08:00
expect_eq 1 "$(out_lines)" "--to a time excludes that instant"
expect_exit 0 kn contact export --from 17:00 --purpose viewing
expect_out "^$EVENING_ID,"
expect_out_not "^$VIEW_ID,"
expect_exit 0 kn contact export --from 2026-11-28
expect_eq 1 "$(out_lines)" "nothing from the 28th"
expect_exit 1 kn contact export --from 2026-11-28 --to 2026-11-27
expect_err '--from must be before --to'
expect_exit 1 kn contact export --from 2026-02-30
expect_err 'not a day'
expect_exit 1 kn contact export --to tomorrow
expect_exit 1 kn contact export --purpose visit
# Who may export: those who may list. Reception and dispatchers may not
# read other staff accounts, but colleagues are named by login.
expect_exit 0 kn --as wangfang contact export --purpose inspection
expect_out "^$INSP_ID,.*,laoban,.*,laoban,\$"
expect_exit 0 kn --as wangfang contact export --purpose renovation
expect_out "^$RENO_ID,.*,wangfang,"
expect_exit 0 kn --as diaodu contact export --out "$T/diaodu.csv"
expect_exit 0 kn --as laoban contact export --purpose inspection
expect_out "^$INSP_ID,.*,laoban,.*,laoban,\$"
before=$(file_sum "$T/out.csv")
expect_exit 4 kn --as zhangwei contact export --out "$T/out.csv"
expect_exit 4 kn --as shoufei contact export
expect_eq "$before" "$(file_sum "$T/out.csv")" "a refused export leaves FILE alone"
# Files and usage.
expect_exit 6 kn contact export --out "$T/nodir/x.csv"
expect_err '^kefu: cannot write .*/nodir/x.csv: No such file or directory$'
check "no file from a failed export" ! -e "$T/nodir/x.csv"
expect_exit 1 kn contact export "$T/x.csv"
expect_err 'unexpected argument'
expect_exit 1 kn contact export --bogus
expect_exit 1 kn contact export --out
# A value edited outside kefu with an escape sequence is written as '?'.
sqlite3 "$DB" "UPDATE contact SET done = 'evil' || char(27) || '[2J' WHERE id = $INQ_ID"
expect_exit 0 kn contact export
if grep -q "$(printf '\033')" "$OUT"; then fail "export wrote a raw ESC"; else pass; fi
expect_out "^$INQ_ID,.*,evil\\?\\[2J,"

# Spreadsheet formulas (issue 11): a value a spreadsheet would run (= + -
# @ first) or that begins with a quote is exported behind a single quote;
# kefu's own CSV reader takes exactly that quote off (docs/csv.md).
logc wangfang --purpose payment --phone '+86 139 0000 0002' \
    --asked '=HYPERLINK("http://evil.example/","点此")' --done "'已交"
FORMULA_ID=$ID
expect_exit 0 kn contact export --purpose payment
expect_out_fixed "$FORMULA_ID,2026-11-27T10:41:00+08:00,hotline,payment,,,,'+8613900000002,\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"点此\"\")\",''已交,wangfang,"
expect_out_not '(^|,)"?[-=+@]'
# A spreadsheet reading the file sees the quoted text, never a formula.
cp "$OUT" "$T/formula.csv"
expect_eq "'=HYPERLINK(\"http://evil.example/\",\"点此\")" \
    "$(csvq "$T/formula.csv" "SELECT asked FROM c WHERE id = '$FORMULA_ID'")" \
    "the formula stays text"

# --- export pages: more contacts than a page, times out of id order ----------
# 1,200 contacts in 40 minutes (30 a minute), their numbers shuffled
# against their times, as contacts logged late with --at are: the export
# holds each exactly once, newest first.
DB2=$T/many.db
cp "$DB" "$DB2"
sqlite3 "$DB2" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
    WHERE i < 1200) INSERT INTO contact (at, channel, purpose, caller_phone,
    asked, staff_id) SELECT $NOW_EPOCH - 7200 + ((i * 7919) % 40) * 60, 0, 9,
    '13800006666', '批量 ' || i, 2 FROM n"
total=$(db_sql "SELECT count(*) FROM contact" "$DB2")
check "many contacts" "$total" -gt 1200
expect_exit 0 env KEFU_NOW="$NOW" "$KEFU" --db "$DB2" contact export --out "$T/many.csv"
expect_out "^exported $total contacts to "
db_sql "SELECT id FROM contact ORDER BY at DESC, id DESC" "$DB2" >"$T/want.ids"
tail -n +2 "$T/many.csv" | cut -d, -f1 >"$T/got.ids"
if cmp -s "$T/want.ids" "$T/got.ids"; then
	pass
else
	fail "every contact once, newest first, across pages: $(cmp "$T/want.ids" "$T/got.ids" 2>&1 | head -n 1); $(sort -n "$T/got.ids" | uniq -d | wc -l) written twice"
fi
check "an export of more than 64 KiB" "$(stat -c %s "$T/many.csv")" -gt 65536
# A write that fails half-way (the file-size limit) leaves no half file.
expect_exit 6 bash -c "trap '' XFSZ; ulimit -f 64; exec env KEFU_NOW=$NOW \"$KEFU\" --db \"$DB2\" contact export --out \"$T/half.csv\""
expect_err '^kefu: cannot write the export: File too large$'
check "no half-written export left" ! -e "$T/half.csv"
# ... but a device named as FILE (here through a link) is not removed.
if [ -c /dev/full ]; then
	ln -s /dev/full "$T/full.csv"
	expect_exit 6 kn contact export --out "$T/full.csv"
	expect_err 'No space left on device'
	check "a failed export to a device keeps it" -L "$T/full.csv"
fi

# --- R6: a booking is cancelled; staff no longer wait, the key stays in ----
logc wangfang --purpose viewing --asked 预约晚上看房 --phone 13800001111 \
    --appointment 19:30
BOOKED=$ID
expect_exit 4 kn --as zhangwei contact cancel-appointment "$BOOKED"
expect_err 'may not log calls and visits \(R1, R4\)'
expect_exit 0 kn --as wangfang contact cancel-appointment "$BOOKED"
expect_out "^contact $BOOKED: appointment cancelled\$"
expect_exit 0 kn --as wangfang --json contact show "$BOOKED"
expect_eq "$NOW_EPOCH" "$(json '$.appointment_cancelled_at')" "when the booking was cancelled"
expect_exit 0 kn --as wangfang contact show "$BOOKED"
expect_out '\[appointment 2026-11-27 19:30, cancelled\]'
expect_exit 5 kn --as wangfang contact cancel-appointment "$BOOKED"
expect_err 'cancelled already'
expect_exit 5 env KEFU_NOW=2026-11-27T19:30:00+08:00 "$KEFU" --db "$DB" \
    --as wangfang contact key "$BOOKED" out
expect_err 'that appointment was cancelled; book the viewing again \(R6\)'
# A viewing that was not booked has nothing to cancel.
logc wangfang --purpose viewing --asked 看房 --phone 13800001111 --documents-checked
expect_exit 5 kn --as wangfang contact cancel-appointment "$ID"
expect_err 'is no booked viewing \(R6\)'
expect_exit 1 kn --as wangfang contact cancel-appointment
expect_err 'needs an ID'
# Booked for 03:00: before the earliest booking time.
expect_exit 5 kn --as wangfang contact log --purpose viewing --asked 看房 \
    --phone 13800001111 --appointment 2026-11-28T03:00:00+08:00
expect_err 'booked viewers are seen from 07:00 until 21:00 at the latest \(R6\)'

# --- R50: 先生 or 女士 only ------------------------------------------------------
expect_exit 1 kn --as wangfang contact log --purpose inquiry --asked 问燃气费 \
    --phone 13800001111 --name 王 --title 老板
expect_err 'addressed as 先生 or 女士 \(R50\)'

# --- a contact shows the work orders it led to ---------------------------------
logc wangfang --purpose repair --asked 燃气灶打不着火 --customer A-2
REPAIR=$ID
logc wangfang --purpose repair --asked 邻居也说打不着 --phone 13900005555
NEIGHBOUR=$ID
expect_exit 0 kn --as wangfang contact show "$REPAIR"
expect_out_not 'work orders:'
expect_exit 0 kn --as wangfang --json order new --category equipment \
    --customer A-2 --address 测试路1号 --fault 燃气灶打不着火 \
    --from-contact "$REPAIR"
ORDER=$(json '$.id')
expect_exit 0 kn --as wangfang order link "$ORDER" "$NEIGHBOUR"
for c in "$REPAIR" "$NEIGHBOUR"; do
	expect_exit 0 kn --as wangfang contact show "$c"
	expect_out "^  work orders: $ORDER\$"
	expect_exit 0 kn --as wangfang --json contact show "$c"
	expect_eq "[$ORDER]" "$(json '$.orders')" "contact $c's work orders"
done

# --- R1, R6: back-dating bounded by contact.backdate_within (issue 11) ---------
# A contact is logged at most 1 day after it began: the bound and the
# minute inside it are taken; a second and a minute beyond are refused,
# naming the limit.
NOW=2026-11-27T10:41:00+08:00
for back in '2026-11-26T10:41:00+08:00 0' '2026-11-26T10:42:00+08:00 0' \
    '2026-11-26T10:40:59+08:00 5' '2026-11-26T10:40:00+08:00 5'; do
	read -r when code <<<"$back"
	expect_exit "$code" kn --as wangfang contact log --purpose inquiry \
	    --asked 昨天问过 --phone 13800001111 --at "$when"
	[ "$code" = 5 ] && expect_err '^kefu: a contact is logged at most 1d after it began \(policy contact.backdate_within, R1\): 2026-11-26 10:40 is earlier$'
done
# An evening visitor logged as seen at 17:00, within the hours: taken
# (a clerk may log a visit late), but its record and its audit row say
# when it was entered, so the back-dating shows (R6).
NOW=2026-11-27T19:00:00+08:00
logc wangfang --purpose viewing --asked 傍晚看房 --phone 13800001111 \
    --documents-checked --at 17:00
LATE=$ID
expect_exit 0 kn --json contact show "$LATE"
expect_json_eq '$.at' "$(epoch 2026-11-27T17:00:00+08:00)"
expect_json_eq '$.entered_at' "$(epoch 2026-11-27T19:00:00+08:00)"
expect_exit 0 kn contact show "$LATE"
expect_out '\[logged 2026-11-27 19:00\]'
expect_exit 0 k --json audit list --entity contact --limit 1
expect_json_eq '$[0].at' "$(epoch 2026-11-27T19:00:00+08:00)"
expect_json_eq '$[0].after.at' "$(epoch 2026-11-27T17:00:00+08:00)"
expect_json_eq '$[0].after.entered_at' "$(epoch 2026-11-27T19:00:00+08:00)"
# Days later it is refused; the admin sets the bound (R1).
NOW=2026-11-30T09:00:00+08:00
expect_exit 5 kn --as wangfang contact log --purpose viewing --asked 补登看房 \
    --phone 13800001111 --documents-checked --at 2026-11-27T17:00:00+08:00
expect_err 'at most 1d after it began'
expect_exit 0 k policy set contact.backdate_within 4d
expect_exit 0 kn --as wangfang contact log --purpose viewing --asked 补登看房 \
    --phone 13800001111 --documents-checked --at 2026-11-27T17:00:00+08:00
expect_exit 0 k policy set contact.backdate_within 1d
NOW=2026-11-27T10:41:00+08:00

# --- usage -------------------------------------------------------------------
expect_exit 1 k contact
expect_err 'needs a verb: .*export'
expect_exit 1 k contact frobnicate
expect_err "unknown verb 'frobnicate'"
expect_exit 0 k contact --help
expect_out 'kefu contact export \[--from DAY\|TIME\]'
expect_out 'docs/csv.md'
expect_exit 0 kefu help contact
expect_out 'kefu contact log --purpose P'

finish
