#!/usr/bin/env bash
# cli_complaint.sh — complaints from the command line (R27–R39, R48): the
# whole lifecycle of a valid complaint and the short path of an invalid
# one with --json checks at each step; close before the callback refused
# naming R39 (exit 5); a technician and a reception clerk signing off
# (exit 4); empty required fields named (exit 1); an action due before
# now; links to itself and in a loop; a reopen of a withdrawn complaint;
# two supervisors signing off at once (exit 3 naming who); and
# `complaint list --overdue` for cron with the clock the second before,
# at and after a deadline; the category list; paging past 1,000.
. "$(dirname "$0")/lib.sh" "$@"

# The clock: Friday 2026-11-27 10:00 Beijing time.
NOW=2026-11-27T10:00:00+08:00
T0=1795744800			# date -d 2026-11-27T10:00:00+08:00 +%s
DAY=86400
kn() { env KEFU_NOW="$NOW" "$KEFU" --db "$DB" "$@"; }
at() { NOW=$1; }
epoch() { date -d "$1" +%s; }
# cpl_new LOGIN ARGS...: LOGIN registers a complaint at NOW (checked:
# exit 0; on stderr nothing but the duplicate note); $ID is its number.
cpl_new() {
	local who=$1

	shift
	ID=
	expect_created 'note: likely duplicates ' kn --as "$who" --json \
	    complaint new "$@" || return
	ID=$(json '$.id')
}
# show ID: `complaint show --json ID` as the admin (checked); $V its version.
show() {
	expect_exit 0 kn --json complaint show "$1"
	expect_json
	V=$(json '$.version')
}
# A complaint as a clerk takes it down, for the cases that are not about
# the fields (the complainant, what, where and when given).
BASIC=(--what 抄表员态度差 --place '幸福小区 3号楼' --when 09:30
    --channel hotline --category attitude --severity ordinary)

fresh_db
expect_exit 0 k user add wangfang 王芳 reception
expect_exit 0 k user add diaodu 调度 dispatcher
expect_exit 0 k user add laoban 老板 supervisor
expect_exit 0 k user add laoban2 副主管 supervisor
expect_exit 0 k user add zhangwei 张伟 technician
expect_exit 0 k --json user show diaodu
DD_ID=$(json '$.id')
expect_exit 0 k --json user show laoban
LB_ID=$(json '$.id')
expect_exit 0 k --json user show wangfang
WF_ID=$(json '$.id')
expect_exit 0 k customer add --name 李军 --account A-2 --phone 13900002222 \
    --community 幸福小区 --building 3号楼 --unit 2单元 --room 301
expect_exit 0 k --json customer show A-2
A2_ID=$(json '$.id')

# The category list is seeded and takes English or Chinese.
expect_exit 0 kn complaint category list
expect_out '^attitude +'
expect_exit 0 kn --json complaint category list
expect_json

# --- the whole lifecycle of a valid complaint ---------------------------------
cpl_new wangfang --customer A-2 --what 维修工上门态度恶劣 --when 09:30 \
    --channel hotline --category attitude --severity ordinary --to diaodu
LIFE=$ID
check "a complaint number" -n "$LIFE"
expect_json_eq '$.state' forwarded
expect_json_eq '$.due_clock' analyse
expect_json_eq '$.due_at' $((T0 + DAY))
show "$LIFE"
expect_json_eq '$.state' forwarded
expect_json_eq '$.customer_id' "$A2_ID"
# R27: the complainant on file, with name, phone and place from the register.
expect_json_eq '$.name' 李军
expect_json_eq '$.phone' 13900002222
expect_json_eq '$.place' '幸福小区 3号楼 2单元 301'
expect_json_eq '$.what' 维修工上门态度恶劣
expect_json_eq '$.happened_at' $((T0 - 1800))
expect_json_eq '$.registered_at' "$T0"
expect_json_eq '$.received_by' "$WF_ID"
expect_json_eq '$.channel' hotline
expect_json_eq '$.category' attitude
expect_json_eq '$.severity' ordinary
# R28: forwarded at once, with a deadline: analysed within a day (R35).
expect_json_eq '$.responsible_id' "$DD_ID"
expect_json_eq '$.responsible' 调度
expect_json_eq '$.forwarded_at' "$T0"
expect_json_eq '$.analyse_due_at' $((T0 + DAY))
expect_json_eq '$.overdue' 0
expect_json_eq '$.valid' ''
expect_json_eq '$.actions[0].id' ''
expect_exit 0 kn complaint show "$LIFE"
expect_out '^state: +forwarded, level [0-3]$'
expect_out '^responsible: +调度 \(diaodu\), forwarded 2026-11-27 10:00 by wangfang$'
expect_out '^registered: +2026-11-27 10:00 by wangfang$'
expect_out '^  analyse +due 2026-11-28 10:00 \(R35\) running$'
expect_out '^history:$'
expect_out 'wangfang +complaint\.new'

# R35: the person responsible analyses it: valid, cause, responsibility.
at 2026-11-27T11:00:00+08:00
expect_exit 0 kn --as diaodu complaint analyse "$LIFE" valid \
    --cause 维修工未按规范沟通 --responsibility 维修班组
expect_out "^complaint $LIFE: analysed \\(analysed\\)\$"
show "$LIFE"
expect_json_eq '$.valid' 1
expect_json_eq '$.cause' 维修工未按规范沟通
expect_json_eq '$.responsibility' 维修班组
expect_json_eq '$.analysed_at' $((T0 + 3600))
expect_json_eq '$.clocks[0].clock' analyse
expect_json_eq '$.clocks[0].status' met
expect_exit 0 kn complaint show "$LIFE"
expect_out '^  analyse +due 2026-11-28 10:00 \(R35\) met 2026-11-27 11:00$'

# R36: an action due before now (or at it) is refused naming the due time.
expect_exit 1 kn --as diaodu complaint action "$LIFE" --text 班组培训 \
    --owner zhangwei --due 2026-11-27T10:59:59+08:00
expect_err 'due'
expect_exit 1 kn --as diaodu complaint action "$LIFE" --text 班组培训 \
    --owner zhangwei --due 2026-11-27T11:00:00+08:00
expect_err 'due'
expect_exit 1 kn --as diaodu complaint action "$LIFE" --text 班组培训 \
    --owner zhangwei
expect_err 'needs ID --text TEXT --owner LOGIN --due TIME \(--due is missing\)'
expect_exit 1 kn --as diaodu complaint action "$LIFE" --text '   ' \
    --owner zhangwei --due 2026-11-28T10:00:00+08:00
expect_exit 2 kn --as diaodu complaint action "$LIFE" --text 班组培训 \
    --owner nobody --due 2026-11-28T10:00:00+08:00
expect_err "nobody"
expect_exit 0 kn --as diaodu --json complaint action "$LIFE" \
    --text 班组服务规范培训 --owner zhangwei --due 2026-11-28T10:00:00+08:00
expect_json_eq '$.state' action-set
ACT=$(json '$.action_id')
check "an action number" -n "$ACT"
show "$LIFE"
expect_json_eq '$.actions[0].id' "$ACT"
expect_json_eq '$.actions[0].text' 班组服务规范培训
expect_json_eq '$.actions[0].owner' 张伟
expect_json_eq '$.actions[0].due_at' $((T0 + DAY))
expect_json_eq '$.actions[0].verified_at' 0
# The technician owning an action sees the complaint (R54).
expect_exit 0 kn --as zhangwei complaint show "$LIFE"
expect_out '班组服务规范培训'
# R35: a supervisor approves the actions; a dispatcher may not.
expect_exit 4 kn --as diaodu complaint approve "$LIFE"
expect_exit 0 kn --as laoban complaint approve "$LIFE"
expect_out "^complaint $LIFE: actions approved \\(approved\\)\$"
# R36: verified when done, by a supervisor.
at 2026-11-27T15:00:00+08:00
expect_exit 0 kn --as laoban --json complaint verify "$LIFE" "$ACT" --note 已培训
expect_json_eq '$.state' verified
show "$LIFE"
expect_json_eq '$.actions[0].verified_by' "$LB_ID"
expect_json_eq '$.actions[0].verify_note' 已培训
# Close before the result and the callback: refused naming R39.
expect_exit 5 kn --as laoban complaint close "$LIFE"
expect_err 'R39'
# R30, R31: the result recorded; the callback falls due.
at 2026-11-27T16:00:00+08:00
expect_exit 0 kn --as diaodu complaint result "$LIFE" --text 已向客户道歉并培训班组
expect_out "^complaint $LIFE: result recorded \\(result\\)\$"
show "$LIFE"
expect_json_eq '$.result' 已向客户道歉并培训班组
expect_json_eq '$.result_at' $((T0 + 6 * 3600))
check "the callback falls due after the result" "$(json '$.callback_due_at')" -gt $((T0 + 6 * 3600))
expect_json_eq '$.due_clock' callback
expect_exit 0 kn complaint show "$LIFE"
expect_out '^callback: +due '
# Still no callback: close refused (R39), and so is the signature.
expect_exit 5 kn --as laoban complaint close "$LIFE"
expect_err 'R39'
# R30, R40, R41: the callback, by phone, with the complainant's word.
expect_exit 1 kn --as wangfang complaint callback "$LIFE" --method fax \
    --score satisfied
expect_err 'method'
expect_exit 1 kn --as wangfang complaint callback "$LIFE" --method phone \
    --score happy
expect_exit 1 kn --as wangfang complaint callback "$LIFE" --method phone
expect_err '--score is missing'
at 2026-11-27T17:00:00+08:00
expect_exit 0 kn --as wangfang --json complaint callback "$LIFE" \
    --method phone --score satisfied --note 客户表示满意
expect_json_eq '$.state' called-back
show "$LIFE"
expect_json_eq '$.callback_method' phone
expect_json_eq '$.callback_score' satisfied
expect_json_eq '$.callback_done_at' $((T0 + 7 * 3600))
expect_json_eq '$.callback_note' 客户表示满意
# R31: a technician and a reception clerk may not sign off (exit 4).
expect_exit 4 kn --as zhangwei complaint signoff "$LIFE"
expect_exit 4 kn --as wangfang complaint signoff "$LIFE"
# Two supervisors signing off at once: one wins, the other is told who.
show "$LIFE"
SEEN=$V
expect_exit 0 kn --as laoban2 complaint signoff "$LIFE" --version "$SEEN"
expect_out "^complaint $LIFE: signed off \\(signed\\)\$"
expect_exit 3 kn --as laoban complaint signoff "$LIFE" --version "$SEEN"
expect_err '副主管 signed off complaint [0-9]+ first'
at 2026-11-27T17:30:00+08:00
expect_exit 0 kn --as laoban --json complaint close "$LIFE"
expect_json_eq '$.state' closed
show "$LIFE"
expect_json_eq '$.state' closed
expect_json_eq '$.closed_by' "$LB_ID"
expect_json_eq '$.overdue' 0
# Closed: off the list, on it with --all or --state closed.
expect_exit 0 kn complaint list
expect_out_not "^$LIFE "
expect_exit 0 kn complaint list --all
expect_out "^$LIFE +closed +ordinary +attitude "
expect_exit 0 kn --json complaint list --state closed
expect_json
expect_json_eq '$[0].id' "$LIFE"
expect_json_eq '$[1].id' ''
check "the lifecycle is audited step by step" \
    "$(db_sql "SELECT count(*) FROM audit WHERE entity = 'complaint' AND entity_id = $LIFE")" -ge 9

# --- the short path of an invalid complaint (R34) ----------------------------
at 2026-11-28T09:00:00+08:00
T1=$((T0 + 23 * 3600))
cpl_new wangfang --name 路人甲 --phone 13700001111 --place 和平里7号楼 \
    --what 邻居装修噪音 --when 2026-11-28T08:00:00+08:00 --channel walk-in \
    --category other --severity ordinary --to diaodu
INV=$ID
expect_exit 0 kn --as diaodu complaint analyse "$INV" invalid
expect_out "^complaint $INV: analysed \\(analysed\\)\$"
show "$INV"
expect_json_eq '$.valid' 0
expect_json_eq '$.name' 路人甲
expect_json_eq '$.customer_id' 0
check "an invalid complaint is explained within 2 days (R34)" \
    "$(json '$.explain_due_at')" -le $((T1 + 2 * DAY))
# A valid complaint's moves are not an invalid one's.
expect_exit 5 kn --as diaodu complaint action "$INV" --text x --owner zhangwei \
    --due 2026-11-29T10:00:00+08:00
expect_exit 1 kn --as diaodu complaint explain "$INV" --told ''
expect_exit 0 kn --as diaodu complaint explain "$INV" --told 已解释:不属我司服务范围
expect_out "^complaint $INV: explained \\(result\\)\$"
expect_exit 5 kn --as laoban complaint close "$INV"
expect_err 'R39'
expect_exit 1 kn --as wangfang complaint callback "$INV" --method visit \
    --score neutral
expect_err 'not satisfied'
expect_exit 1 kn --as wangfang complaint callback "$INV" --method 上门 \
    --score 一般 --note 客户仍有意见
expect_err 'R43'
expect_exit 0 kn --as wangfang complaint callback "$INV" --method 上门 \
    --score 一般 --note 客户仍有意见 --signed 李先生
expect_exit 0 kn --as laoban complaint signoff "$INV"
expect_exit 0 kn --as laoban --json complaint close "$INV"
expect_json_eq '$.state' closed
# Reopened, audited: the clocks start again.
at 2026-11-28T10:00:00+08:00
expect_exit 1 kn --as laoban complaint reopen "$INV"
expect_err '--reason is missing'
expect_exit 4 kn --as wangfang complaint reopen "$INV" --reason 客户再次来电
expect_exit 0 kn --as laoban complaint reopen "$INV" --reason 客户再次来电
show "$INV"
expect_json_eq '$.reopen_count' 1
expect_json_eq '$.reopened_at' $((T0 + DAY))
check "a reopened complaint is open" "$(json '$.state')" != closed

# --- registration: every required field named (R27) -------------------------
expect_exit 1 kn --as wangfang complaint new --customer A-2 --what '' \
    --when 09:30 --channel hotline --category attitude --severity ordinary
expect_err 'what'
expect_exit 1 kn --as wangfang complaint new --customer A-2 --what 噪音 \
    --when 09:30 --category attitude --severity ordinary
expect_err 'channel the complaint came by \(R27\)'
expect_exit 1 kn --as wangfang complaint new --customer A-2 --what 噪音 \
    --when 09:30 --channel hotline --category attitude
expect_err 'the severity: ordinary or serious \(R27, R29\)'
expect_exit 1 kn --as wangfang complaint new --customer A-2 --what 噪音 \
    --channel hotline --category attitude --severity ordinary
expect_err 'when'
expect_exit 1 kn --as wangfang complaint new --customer A-2 --what 噪音 \
    --when 09:30 --channel hotline --severity ordinary
expect_err 'category'
expect_exit 1 kn --as wangfang complaint new --what 噪音 --place 某处 \
    --when 09:30 --channel hotline --category attitude --severity ordinary
expect_err 'complainant|name|phone'
expect_exit 1 kn --as wangfang complaint new "${BASIC[@]}" --name 甲 \
    --phone 13700001111 --channel carrier-pigeon
expect_err 'carrier-pigeon'
expect_exit 1 kn --as wangfang complaint new "${BASIC[@]}" --name 甲 \
    --phone 13700001111 --severity grave
expect_err 'severity'
expect_exit 1 kn --as wangfang complaint new "${BASIC[@]}" --name 甲 \
    --phone 13700001111 --category nonsense
expect_err 'nonsense'
# A technician does not register complaints.
expect_exit 4 kn --as zhangwei complaint new "${BASIC[@]}" --name 甲 \
    --phone 13700001111
# Chinese names for channel, category and severity.
cpl_new wangfang --name 乙 --phone 13700002222 --place 东湖小区 \
    --what 燃气费多收 --when 09:00 --channel 热线 --category 收费 \
    --severity 严重
SER=$ID
show "$SER"
expect_json_eq '$.severity' serious
expect_json_eq '$.state' registered
expect_json_eq '$.level' 3

# --- duplicates and links (R48) ----------------------------------------------
at 2026-11-28T11:00:00+08:00
cpl_new wangfang "${BASIC[@]}" --customer A-2
D1=$ID
cpl_new wangfang "${BASIC[@]}" --customer A-2
D2=$ID
expect_err "^note: likely duplicates \\(R48\\): .*#$D1 .*link with: kefu complaint link $D2 $D1\$"
check "the duplicate in --json" "$(json '$.duplicates[0].id')" != ''
# Linked at registration: no note, the link recorded.
cpl_new wangfang "${BASIC[@]}" --customer A-2 --link "$D1"
D3=$ID
expect_json_eq '$.duplicate_of' "$D1"
expect_err_not 'note'
# Linked to itself, or in a loop: refused.
expect_exit 5 kn --as wangfang complaint link "$D2" "$D2"
expect_err 'R48'
expect_exit 0 kn --as wangfang complaint link "$D2" "$D1"
expect_out "^complaint $D2: linked "
show "$D2"
expect_json_eq '$.duplicate_of' "$D1"
expect_exit 5 kn --as wangfang complaint link "$D1" "$D3"
expect_err 'R48'
expect_exit 1 kn --as wangfang complaint link "$D1" zero
expect_exit 2 kn --as wangfang complaint link "$D1" 99999

# --- serious and municipal: escalated (R29), visited (R37), replied (R38) ---
cpl_new wangfang --name 戊 --phone 13700005555 --place 电力小区 \
    --what 停气三天无人处理 --when 08:00 --channel letter --category supply \
    --severity serious --municipal --to diaodu
MUN=$ID
show "$MUN"
expect_json_eq '$.municipal' 1
expect_json_eq '$.level' 3
REG=$(json '$.registered_at')
expect_json_eq '$.reply_due_at' $((REG + 3 * DAY))
expect_exit 1 kn --as diaodu complaint reply "$MUN"
expect_err '--told is missing'
expect_exit 0 kn --as diaodu complaint reply "$MUN" --told 已报市政,三日内答复
expect_out "^complaint $MUN: interim reply recorded \\(forwarded\\)\$"
expect_exit 4 kn --as diaodu complaint visit "$MUN" --who 调度 --at 10:30 \
    --report 现场查看
expect_exit 1 kn --as laoban complaint visit "$MUN" --who 老板 --at 10:30
expect_err '--report is missing'
# R37: the visit lies between the complaint and now.
at 2026-11-28T11:30:00+08:00
expect_exit 1 kn --as laoban complaint visit "$MUN" --who 老板 --at 10:30 \
    --report 现场查看
expect_err 'R37'
expect_exit 0 kn --as laoban complaint visit "$MUN" --who '老板, 调度' --at 11:20 \
    --report 现场查看,已协调市政抢修
expect_exit 2 kn --as laoban complaint escalate "$MUN" nobody
expect_exit 1 kn --as laoban complaint escalate "$MUN"
expect_err 'needs ID SUPERVISOR-LOGIN'
expect_exit 0 kn --as laoban complaint escalate "$MUN" laoban2
show "$MUN"
expect_json_eq '$.replied_at' "$(epoch 2026-11-28T11:00:00+08:00)"
expect_json_eq '$.reply' 已报市政,三日内答复
expect_json_eq '$.visit_who' '老板, 调度'
expect_json_eq '$.visit_at' "$(epoch 2026-11-28T11:20:00+08:00)"
check "escalated to laoban2" "$(json '$.escalated_to')" -gt 0
expect_exit 0 kn complaint show "$MUN"
expect_out '^visit: +2026-11-28 11:20 老板, 调度: 现场查看,已协调市政抢修$'
expect_out '^  reply +due .* \(R38\) met 2026-11-28 11:00$'
expect_out '^escalated: +.* to laoban2$'
# Registered in words: the forward and its deadline.
run kn --as wangfang complaint new --name 己 --phone 13700006666 --place 某处 \
    --what 客服电话打不通 --when 09:00 --channel 来电 --category 其他 \
    --severity 一般 --to diaodu
expect_eq 0 "$RC" "complaint new in words"
expect_out '^complaint [0-9]+ \(forwarded to 调度, analyse due 2026-11-29 11:30\)$'
run kn --as wangfang complaint new --name 庚 --phone 13700007777 --place 某处 \
    --what 客服电话占线 --when 09:00 --channel phone-in --category other \
    --severity ordinary
# R28: unforwarded, its forwarding clock runs (complaint.forward_within, 2 h).
expect_out '^complaint [0-9]+ \(registered, forward due 2026-11-28 13:30\)$'

# --- the category list: admins add and retire; retired ones take no new ---
expect_exit 4 kn --as wangfang complaint category add noise 噪音扰民
expect_exit 0 kn complaint category add noise 噪音扰民
expect_out '^category noise added$'
expect_exit 0 kn complaint category list
expect_out '^noise +噪音扰民$'
cpl_new wangfang --name 辛 --phone 13700008888 --place 某处 --what 夜间施工 \
    --when 09:00 --channel hotline --category 噪音扰民 --severity ordinary \
    --company
NOISE=$ID
show "$NOISE"
expect_json_eq '$.category' noise
# R33: made to the company directly: its result tracked within 2 days.
expect_json_eq '$.via_company' 1
expect_json_eq '$.track_due_at' $(($(json '$.registered_at') + 2 * DAY))
expect_exit 0 kn --json complaint category retire noise
expect_json_eq '$.changed' 1
expect_exit 0 kn complaint category list
expect_out_not '^noise '
expect_exit 0 kn complaint category list --all
expect_out '^noise +噪音扰民 \[retired\]$'
expect_exit 1 kn --as wangfang complaint new "${BASIC[@]}" --name 壬 \
    --phone 13700009999 --category noise
expect_err 'categor'
expect_exit 1 kn complaint category frob
# The retired category stays on its complaints, and lists filter by it.
expect_exit 0 kn complaint list --category noise
expect_out "^$NOISE +registered +ordinary +noise "

# --- withdrawn: kept, searchable, never reopened (R32) ------------------------
cpl_new wangfang "${BASIC[@]}" --name 丙 --phone 13700003333
WD=$ID
expect_exit 4 kn --as zhangwei complaint withdraw "$WD" --reason 客户撤回
expect_exit 1 kn --as wangfang complaint withdraw "$WD" --reason ''
expect_exit 0 kn --as wangfang complaint withdraw "$WD" --reason 客户撤回
expect_out "^complaint $WD: withdrawn \\(withdrawn\\)\$"
expect_exit 5 kn --as laoban complaint reopen "$WD" --reason 再开
expect_exit 5 kn --as wangfang complaint forward "$WD" diaodu
expect_exit 0 kn --json complaint list --all --search 13700003333
expect_json_eq '$[0].id' "$WD"
expect_json_eq '$[0].state' withdrawn
expect_exit 0 kn complaint list
expect_out_not "^$WD "

# --- usage -------------------------------------------------------------------
expect_exit 1 kn complaint
expect_err 'needs a verb: new, show, list'
expect_exit 1 kn complaint frobnicate
expect_err "unknown verb 'frobnicate'"
expect_exit 1 kn complaint show x
expect_exit 2 kn complaint show 99999
expect_exit 1 kn --as laoban complaint signoff "$LIFE" --bogus
expect_err 'unknown option --bogus'
expect_exit 1 kn --as laoban complaint signoff "$LIFE" --told x
expect_err 'unknown option --told'
expect_exit 1 kn --as diaodu complaint analyse "$D1" maybe
expect_err 'valid or invalid'
expect_exit 1 kn --as diaodu complaint forward "$D1"
expect_err 'needs ID LOGIN'
expect_exit 1 kn --as laoban complaint close "$LIFE" --version 0
# What is typed reaches the terminal harmlessly.
expect_exit 1 kn complaint $'\033[2Jx'
expect_err_not $'\033'
expect_exit 0 k complaint --help
expect_out 'kefu complaint new --what TEXT'
expect_out 'R39'
expect_exit 0 kefu --help
expect_out '^  complaint '

# --- the clocks at their edges, and list --overdue for cron -------------------
fresh_db
expect_exit 0 k user add wangfang 王芳 reception
expect_exit 0 k user add diaodu 调度 dispatcher
expect_exit 0 k user add laoban 老板 supervisor
at 2026-11-27T10:00:00+08:00
cpl_new wangfang "${BASIC[@]}" --name 丁 --phone 13700004444 --to diaodu
EDGE=$ID
# Nothing overdue: nothing printed, exit 0 (cron mails nothing).
at 2026-11-28T09:59:59+08:00
expect_exit 0 kn complaint list --overdue
expect_eq 0 "$(out_lines)" "no complaint overdue the second before"
expect_exit 0 kn --json complaint list --overdue
expect_json_eq '$[0].id' ''
# At the deadline's second: still on time.
at 2026-11-28T10:00:00+08:00
expect_exit 0 kn complaint list --overdue
expect_eq 0 "$(out_lines)" "none overdue at the deadline's second"
# A second later: overdue, one line under the header, and in --json.
at 2026-11-28T10:00:01+08:00
expect_exit 0 kn complaint list --overdue
expect_out "^$EDGE +forwarded +ordinary +attitude +2026-11-28 10:00 analyse OVERDUE +调度 "
expect_eq 2 "$(out_lines)" "the header and the overdue complaint"
expect_exit 0 kn --json complaint list --overdue
expect_json_eq '$[0].id' "$EDGE"
expect_json_eq '$[0].overdue' 1
expect_json_eq '$[1].id' ''
expect_exit 0 kn complaint show "$EDGE"
expect_out '^  analyse +due 2026-11-28 10:00 \(R35\) overdue$'
# Analysed late: met no more, late; off the overdue list.
at 2026-11-28T10:00:02+08:00
expect_exit 0 kn --as diaodu complaint analyse "$EDGE" valid --cause 甲 \
    --responsibility 乙
expect_exit 0 kn complaint show "$EDGE"
expect_out '^  analyse +due 2026-11-28 10:00 \(R35\) late 2026-11-28 10:00$'
expect_exit 0 kn complaint list --overdue
expect_eq 0 "$(out_lines)" "analysed: off the overdue list"
# Filters and paging.
expect_exit 0 kn complaint list --to diaodu --severity 一般 --category attitude
expect_out "^$EDGE "
expect_exit 0 kn complaint list --state registered
expect_eq 0 "$(out_lines)" "none registered"
expect_exit 0 kn complaint list --to-sign
expect_eq 0 "$(out_lines)" "none to sign"
expect_exit 0 kn complaint list --search 13700004444 --limit 1
expect_out "^$EDGE "
expect_exit 1 kn complaint list --limit 0
expect_exit 1 kn complaint list --state nonsense

# --- paging: more than 1,000 open complaints, in the queue's order ----------
DB2=$T/many.db
cp "$DB" "$DB2"
# Every seventh has no clock running: those come last, by number.
sqlite3 "$DB2" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
    WHERE i < 1500) INSERT INTO complaint (name, phone, what, place,
    happened_at, channel, received_by, registered_at, category_id, severity,
    due_at, due_clock, queue_at)
    SELECT '批量', '1370000' || i, '批量 ' || i, '某处', $T0, 0, 1, $T0, 1, 0,
    CASE WHEN i % 7 = 0 THEN NULL ELSE $T0 + ((i * 7919) % 50) * 60 END,
    CASE WHEN i % 7 = 0 THEN 0 ELSE 2 END,
    CASE WHEN i % 7 = 0 THEN 9223372036854775807
    ELSE $T0 + ((i * 7919) % 50) * 60 END FROM n"
expect_exit 0 env KEFU_NOW="$NOW" "$KEFU" --db "$DB2" --json complaint list
expect_json
sqlite3 :memory: "SELECT json_extract(value, '\$.id') FROM json_each(CAST(readfile('$OUT') AS TEXT))" >"$T/got.ids"
db_sql "SELECT id FROM complaint WHERE state < 9 ORDER BY queue_at, id" "$DB2" >"$T/want.ids"
check "more than 1000 open complaints" "$(wc -l <"$T/want.ids")" -gt 1500
if cmp -s "$T/want.ids" "$T/got.ids"; then
	pass
else
	fail "every open complaint once, by deadline, across pages: $(cmp "$T/want.ids" "$T/got.ids" 2>&1 | head -n 1)"
fi
expect_exit 0 env KEFU_NOW="$NOW" "$KEFU" --db "$DB2" complaint list --limit 1200
expect_eq 1201 "$(out_lines)" "--limit 1200 across two pages"

finish
