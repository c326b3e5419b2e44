#!/usr/bin/env bash
# cli_callback.sh — callbacks from the command line (R40–R47, R52): a
# complaint's callback from its result to its close (R30, R39) with a home
# visit and its signature (R43); a promise's no-answer and call-later
# attempts, never done (R47), and a new problem's follow-up (R45) or a
# complaint raised in one step; two clerks recording at once (exit 3
# naming who); review by a supervisor, refused to a technician and to
# reception (R44); assign and cancel; the month's sample (R42): drawn,
# the same on a re-run, its rate frozen, verified, a month not over or
# empty refused; the completion rate at its edges (R47: "—" when nothing
# is due, the deadline's second on time); a survey (R41) and an open
# letter (R46); `callback list --overdue` for cron; paging past 1,000
# tasks; every refusal's exit code and message.
. "$(dirname "$0")/lib.sh" "$@"

# The clock: Friday 2026-11-27 10:00 Beijing time.
NOW=2026-11-27T10:00:00+08:00
T0=1795744800			# date -d 2026-11-27T10:00:00+08:00 +%s
DAY=86400
kn() { env KEFU_NOW="$NOW" "$KEFU" --db "$DB" "$@"; }
at() { NOW=$1; }
epoch() { date -d "$1" +%s; }
# show ID: `callback show --json ID` as the admin (checked); $V its version.
show() {
	expect_exit 0 kn --json callback show "$1"
	expect_json
	V=$(json '$.version')
}
# json_tool: the last stdout parses as JSON for python3 and jq too, when
# they are there (sqlite3's json_valid always judges it: expect_json).
json_tool() {
	[ "$WRONG_EXIT" = 1 ] && return
	if command -v python3 >/dev/null 2>&1; then
		if python3 -m json.tool <"$OUT" >/dev/null 2>&1; then pass; else
			fail "python3 -m json.tool refuses stdout"; fi
	fi
	if command -v jq >/dev/null 2>&1; then
		if jq . <"$OUT" >/dev/null 2>&1; then pass; else
			fail "jq refuses stdout"; fi
	fi
}
# task_of FILTER...: the id of the first task `callback list --json
# FILTER...` gives wangfang.
task_of() {
	expect_exit 0 kn --as wangfang --json callback list "$@"
	expect_json
	TASK=$(json '$[0].id')
}

fresh_db
expect_exit 0 k user add wangfang 王芳 reception
expect_exit 0 k user add liming 李明 reception
expect_exit 0 k user add diaodu 调度 dispatcher
expect_exit 0 k user add laoban 老板 supervisor
expect_exit 0 k user add zhangwei 张伟 technician
expect_exit 0 k user add shoufei 收费员 billing
expect_exit 0 k --json user show wangfang
WF_ID=$(json '$.id')
expect_exit 0 k --json user show laoban
LB_ID=$(json '$.id')
expect_exit 0 k customer add --name 李军 --account A-2 --phone 13900002222 \
    --community 幸福小区 --building 3号楼 --unit 2单元 --room 301
expect_exit 0 k --json customer show A-2
A2_ID=$(json '$.id')
expect_exit 0 k customer add --name 赵敏 --account B-7 --phone 13900007777 \
    --community 和平里 --building 7号楼 --room 101
expect_exit 0 k --json customer show B-7
B7_ID=$(json '$.id')

# Nothing yet: an empty list, silent for cron, and [] in JSON.
expect_exit 0 kn --as wangfang callback list
expect_eq 0 "$(out_lines)" "no callbacks yet"
expect_exit 0 kn --as wangfang --json callback list
expect_json_eq '$[0].id' ''
# A technician and a billing clerk see no callbacks (R54).
expect_exit 4 kn --as zhangwei callback list
expect_exit 4 kn --as shoufei callback list

# --- a complaint's callback: result -> task -> home visit -> close (R39) -----
expect_exit 0 kn --as wangfang --json complaint new --customer A-2 \
    --what 维修工上门态度恶劣 --when 09:30 --channel hotline \
    --category attitude --severity ordinary --to diaodu
CPL=$(json '$.id')
expect_exit 0 kn --as diaodu complaint analyse "$CPL" valid \
    --cause 维修工未按规范沟通 --responsibility 维修班组
expect_exit 0 kn --as diaodu --json complaint action "$CPL" \
    --text 班组服务规范培训 --owner zhangwei --due 2026-11-28T10:00:00+08:00
ACT=$(json '$.action_id')
expect_exit 0 kn --as laoban complaint approve "$CPL"
expect_exit 0 kn --as laoban complaint verify "$CPL" "$ACT"
# No task before the result.
expect_exit 0 kn --as wangfang callback list --reason complaint
expect_eq 0 "$(out_lines)" "no complaint callback before its result"
at 2026-11-27T16:00:00+08:00
expect_exit 0 kn --as diaodu complaint result "$CPL" --text 已向客户道歉并培训班组
expect_exit 0 kn --json complaint show "$CPL"
CPL_DUE=$(json '$.callback_due_at')
check "the complaint's callback falls due after its result" "$CPL_DUE" -gt $((T0 + 6 * 3600))
# R30, R41: exactly one task, the complaint's, due when its callback is.
expect_exit 0 kn --as wangfang --json callback list --reason 投诉
expect_json
json_tool
expect_json_eq '$[0].reason' complaint
expect_json_eq '$[0].complaint_id' "$CPL"
expect_json_eq '$[0].customer_id' "$A2_ID"
expect_json_eq '$[0].due_at' "$CPL_DUE"
expect_json_eq '$[0].state' open
expect_json_eq '$[1].id' ''
CB=$(json '$[0].id')
check "a callback number" -n "$CB"
expect_exit 0 kn --as wangfang callback list
expect_out '^ID +STATE +REASON +DUE +OWNER +CUSTOMER +SUBJECT$'
expect_out "^$CB +open +complaint +$(date -d "@$CPL_DUE" '+%Y-%m-%d %H:%M') "
expect_out '李军 13900002222'
show "$CB"
expect_json_eq '$.reason' complaint
expect_json_eq '$.complaint_id' "$CPL"
expect_json_eq '$.name' 李军
expect_json_eq '$.phone' 13900002222
expect_json_eq '$.method' ''
expect_json_eq '$.score' ''
expect_json_eq '$.attempts[0].id' ''
expect_exit 0 kn callback show "$CB"
expect_out "^callback: +$CB\$"
expect_out '^state: +open$'
expect_out '^reason: +complaint$'
expect_out "^from: +complaint $CPL\$"
expect_out '^customer: +A-2 李军 13900002222$'
expect_out '^done: +-$'
expect_out '^history:$'
# The technician may not open it either.
expect_exit 4 kn --as zhangwei callback show "$CB"

# R40, R43: bad records are refused naming what, and nothing is saved.
at 2026-11-27T17:00:00+08:00
expect_exit 1 kn --as wangfang callback record "$CB" --method fax \
    --score satisfied --said 满意
expect_err '--method must be phone or visit'
expect_exit 1 kn --as wangfang callback record "$CB" --method letter \
    --score satisfied --said 满意
expect_err 'R40'
expect_exit 1 kn --as wangfang callback record "$CB" --method visit \
    --said 满意
expect_err '--score is missing'
expect_exit 1 kn --as wangfang callback record "$CB" --method visit \
    --score happy --said 满意
expect_err 'happy'
# A home visit without the customer's signature (R43).
expect_exit 1 kn --as wangfang callback record "$CB" --method visit \
    --score satisfied --said 满意
expect_err 'R43'
expect_exit 1 kn --as wangfang callback record "$CB" --method visit \
    --score satisfied --said 满意 --signed-at 16:55
expect_err '--signed-at goes with --signed-by'
# Signed before the task was made (16:00), or ahead of now: refused (R43).
expect_exit 1 kn --as wangfang callback record "$CB" --method visit \
    --score satisfied --said 满意 --signed-by 李军 --signed-at 15:59
expect_err 'R43'
expect_exit 1 kn --as wangfang callback record "$CB" --method visit \
    --score satisfied --said 满意 --signed-by 李军 \
    --signed-at 2026-11-27T17:30:00+08:00
expect_err 'R43'
# Below satisfied, the reason (R40's record).
expect_exit 1 kn --as wangfang callback record "$CB" --method phone \
    --score 不满意 --said 还是不满意
expect_err 'not satisfied'
expect_exit 1 kn --as wangfang callback record "$CB" --method phone \
    --score satisfied --said ''
expect_err 'said'
expect_exit 1 kn --as wangfang callback record "$CB" --method phone \
    --score satisfied --said 满意 --serious
expect_err '--serious goes with --raise complaint'
expect_exit 1 kn --as wangfang callback record "$CB" --method phone \
    --score satisfied --said 满意 --reply-by 2026-11-28T10:00:00+08:00
expect_err '--reply-by goes with --problem'
expect_exit 1 kn --as wangfang callback record "$CB" --method phone \
    --score satisfied --said 满意 --problem 灶具还有异味 --raise complaint \
    --reply-by 2026-11-28T10:00:00+08:00
expect_err 'not both'
expect_exit 1 kn --as wangfang callback record "$CB" --method phone \
    --score satisfied --said 满意 --problem 灶具还有异味 --raise fire-brigade
expect_err '--raise must be complaint or order'
expect_exit 1 kn --as wangfang callback record "$CB" --method phone \
    --score satisfied --said 满意 --version 0
expect_exit 4 kn --as zhangwei callback record "$CB" --method phone \
    --score satisfied --said 满意
expect_exit 2 kn --as wangfang callback record 99999 --method phone \
    --score satisfied --said 满意
# The home visit, signed by the customer five minutes ago (R43).
show "$CB"
SEEN=$V
expect_exit 0 kn --as wangfang callback record "$CB" --method 上门 \
    --score satisfied --said 客户表示满意 --signed-by 李军 --signed-at 16:55 \
    --seen "$SEEN"
expect_out "^callback $CB: recorded \\(done\\), complaint $CPL called back \\(R30\\)\$"
show "$CB"
expect_json_eq '$.state' done
expect_json_eq '$.method' visit
expect_json_eq '$.score' satisfied
expect_json_eq '$.said' 客户表示满意
expect_json_eq '$.signed_name' 李军
expect_json_eq '$.signed_at' $((T0 + 6 * 3600 + 55 * 60))
expect_json_eq '$.done_at' $((T0 + 7 * 3600))
expect_json_eq '$.done_by' "$WF_ID"
expect_json_eq '$.overdue' 0
expect_exit 0 kn callback show "$CB"
expect_out '^signature: +李军 2026-11-27 16:55 \(R43\)$'
expect_out '^reviewed: +waiting \(R44\)$'
# Done: recorded again, or by a stale version, it is refused.
expect_exit 5 kn --as wangfang callback record "$CB" --method phone \
    --score satisfied --said 满意
expect_exit 3 kn --as liming callback record "$CB" --method phone \
    --score satisfied --said 满意 --version "$SEEN"
expect_err '王芳'
# The complaint's callback is recorded with it: it can close (R39).
expect_exit 0 kn --json complaint show "$CPL"
expect_json_eq '$.callback_done_at' $((T0 + 7 * 3600))
expect_json_eq '$.callback_method' visit
expect_json_eq '$.callback_score' satisfied
expect_exit 0 kn --as laoban complaint signoff "$CPL"
expect_exit 0 kn --as laoban --json complaint close "$CPL"
expect_json_eq '$.state' closed

# R44: a supervisor reviews and signs; a technician and reception may not.
expect_exit 0 kn --as laoban callback list --to-review
expect_out "^$CB +done +complaint "
expect_exit 4 kn --as zhangwei callback review "$CB"
expect_exit 4 kn --as wangfang callback review "$CB"
expect_exit 0 kn --as laoban --json callback review "$CB" --note 已核
expect_json_eq '$.state' reviewed
expect_json_eq '$.changed' 1
show "$CB"
expect_json_eq '$.reviewed_by' "$LB_ID"
expect_json_eq '$.review_note' 已核
expect_exit 0 kn --as laoban callback list --to-review
expect_eq 0 "$(out_lines)" "nothing left to review"
expect_exit 5 kn --as laoban callback review "$CB"
expect_exit 5 kn --as laoban callback cancel "$CB" --reason 不需要

# --- a promise: no answer, call later, a new problem (R52, R45, R47) ---------
at 2026-11-28T09:00:00+08:00
T1=$((T0 + 23 * 3600))
expect_exit 0 kn --as wangfang --json contact log --purpose inquiry \
    --customer B-7 --asked 燃气费怎么算
CT=$(json '$.id')
expect_exit 0 kn --as wangfang contact promise "$CT" 120
task_of --reason promise
PR=$TASK
check "a promise makes a task" -n "$PR"
show "$PR"
expect_json_eq '$.reason' promise
expect_json_eq '$.contact_id' "$CT"
expect_json_eq '$.due_at' $((T1 + 7200))
expect_json_eq '$.owner_id' "$WF_ID"
# R47: an attempt is kept and the task stays open, never done.
expect_exit 1 kn --as wangfang callback attempt "$PR"
expect_err 'needs ID --no-answer \| --later TIME'
expect_exit 1 kn --as wangfang callback attempt "$PR" --no-answer --later 15:00
expect_err 'not both'
expect_exit 4 kn --as zhangwei callback attempt "$PR" --no-answer
at 2026-11-28T09:10:00+08:00
expect_exit 0 kn --as wangfang callback attempt "$PR" --no-answer --note 无人接听
expect_out "^callback $PR: attempt recorded: no-answer \\(open\\), try again 2026-11-28 "
show "$PR"
expect_json_eq '$.state' open
expect_json_eq '$.attempt_count' 1
expect_json_eq '$.attempts[0].outcome' no-answer
expect_json_eq '$.attempts[0].note' 无人接听
expect_json_eq '$.attempts[0].by' "$WF_ID"
expect_json_eq '$.done_at' 0
check "no answer: tried again later" "$(json '$.next_try_at')" -gt $((T1 + 600))
# Called later: after now only.
expect_exit 1 kn --as wangfang callback attempt "$PR" --later 09:00
expect_err 'call again: after now'
expect_exit 1 kn --as wangfang callback attempt "$PR" --later soon
expect_exit 1 kn --as wangfang callback attempt "$PR" \
    --later 2026-12-28T09:10:01+08:00
expect_err 'within 30 days'
at 2026-11-28T09:20:00+08:00
expect_exit 0 kn --as wangfang --json callback attempt "$PR" --later 10:30
expect_json_eq '$.state' open
expect_json_eq '$.next_try_at' $((T1 + 5400))
# Not callable before then (--now), but still due at its deadline.
expect_exit 0 kn --as wangfang callback list --now
expect_out_not "^$PR "
expect_exit 0 kn --as wangfang callback list --mine
expect_out "^$PR +open +promise .*\\[try again 2026-11-28 10:30\\]\$"
expect_exit 0 kn callback show "$PR"
expect_out '^attempts:$'
expect_out '^  2026-11-28 09:10 王芳: no-answer: 无人接听$'
expect_out '^  2026-11-28 09:20 王芳: call-later 2026-11-28 10:30$'
expect_out '^try again: +2026-11-28 10:30$'
at 2026-11-28T10:30:00+08:00
expect_exit 0 kn --as wangfang callback list --now
expect_out "^$PR "
# Cron: nothing overdue the deadline's second, the task the second after.
at 2026-11-28T11:00:00+08:00
expect_exit 0 kn --as wangfang callback list --overdue
expect_eq 0 "$(out_lines)" "not overdue at the deadline's second"
at 2026-11-28T11:00:01+08:00
expect_exit 0 kn --as wangfang callback list --overdue
expect_eq 2 "$(out_lines)" "the header and the overdue task"
expect_out "^$PR +open +promise +2026-11-28 11:00 OVERDUE +王芳 "
expect_exit 0 kn --as wangfang --json callback list --overdue
expect_json_eq '$[0].id' "$PR"
expect_json_eq '$[0].overdue' 1
expect_exit 1 kn callback list --overdue --state done
expect_exit 1 kn callback list --mine --pool
expect_err 'one of --mine, --pool and --owner'
# R45: a new problem not answered at once: a reply promised, a follow-up.
expect_exit 1 kn --as wangfang callback record "$PR" --method phone \
    --score neutral --reason 费用解释不清 --said 还有疑问 --problem 要求上门核表
expect_err 'reply'
expect_exit 1 kn --as wangfang callback record "$PR" --method phone \
    --score neutral --reason 费用解释不清 --said 还有疑问 --problem 要求上门核表 \
    --reply-by 11:00
expect_exit 0 kn --as wangfang --json callback record "$PR" --method phone \
    --score neutral --reason 费用解释不清 --said 还有疑问 --problem 要求上门核表 \
    --reply-by 2026-11-29T11:00:00+08:00
expect_json_eq '$.state' done
FU=$(json '$.follow_up_id')
check "a follow-up task" -n "$FU"
check "a follow-up task number" "$FU" != 0
show "$PR"
expect_json_eq '$.problem' 要求上门核表
expect_json_eq '$.reply_due_at' "$(epoch 2026-11-29T11:00:00+08:00)"
expect_json_eq '$.score_reason' 费用解释不清
# Done a second late: late, not on time (R47).
expect_exit 0 kn callback show "$PR"
expect_out '^done: +2026-11-28 11:00 by 王芳, phone, late \(R47\)$'
expect_out '^signature: +- \(by phone, R43\)$'
show "$FU"
expect_json_eq '$.reason' follow-up
expect_json_eq '$.parent_id' "$PR"
expect_json_eq '$.state' open
expect_json_eq '$.due_at' "$(epoch 2026-11-29T11:00:00+08:00)"
expect_exit 0 kn callback show "$FU"
expect_out "follow-up of callback $PR \\(R45\\)"

# Assigned: a supervisor gives it to a clerk, or back to the pool.
expect_exit 2 kn --as laoban callback assign "$FU" nobody
expect_err 'nobody'
expect_exit 1 kn --as laoban callback assign "$FU"
expect_err 'needs ID LOGIN \| ID --pool'
expect_exit 0 kn --as laoban callback assign "$FU" liming
expect_out "^callback $FU: assigned to liming \\(open\\)\$"
expect_exit 0 kn --as laoban --json callback assign "$FU" --pool
expect_json_eq '$.owner_id' 0
expect_exit 0 kn --as wangfang callback list --pool
expect_out "^$FU +open +follow-up .* pool "
# Two clerks recording the pool's task at once: one wins, the other is
# told who (exit 3).
show "$FU"
SEEN=$V
at 2026-11-28T14:00:00+08:00
expect_exit 0 kn --as liming callback record "$FU" --method phone \
    --score satisfied --said 已上门核表,无误 --version "$SEEN"
expect_exit 3 kn --as wangfang callback record "$FU" --method phone \
    --score satisfied --said 已核 --version "$SEEN"
expect_err '李明'

# R45: a serious problem raised as a complaint in the same step.
expect_exit 0 kn --as wangfang --json contact log --purpose inquiry \
    --customer A-2 --asked 上次维修后仍漏气
CT2=$(json '$.id')
expect_exit 0 kn --as wangfang contact promise "$CT2" 60
task_of --reason promise
PR2=$TASK
expect_exit 0 kn --as wangfang --json callback record "$PR2" --method phone \
    --score very-dissatisfied --reason 维修后仍漏气 --said 很不满意 \
    --problem 维修后仍有漏气 --raise complaint --serious
expect_json_eq '$.state' done
RAISED=$(json '$.raised_complaint_id')
check "a complaint raised" "$RAISED" -gt 0
expect_exit 0 kn --json complaint show "$RAISED"
expect_json_eq '$.severity' serious
expect_json_eq '$.customer_id' "$A2_ID"
show "$PR2"
expect_json_eq '$.raised_complaint_id' "$RAISED"

# Cancelled by a supervisor with a reason: sealed.
expect_exit 0 kn --as wangfang --json contact log --purpose inquiry \
    --customer B-7 --asked 营业时间
CT3=$(json '$.id')
expect_exit 0 kn --as wangfang contact promise "$CT3" 60
task_of --reason promise
PR3=$TASK
expect_exit 4 kn --as wangfang callback cancel "$PR3" --reason 客户已来厅
expect_exit 4 kn --as zhangwei callback cancel "$PR3" --reason 客户已来厅
expect_exit 1 kn --as laoban callback cancel "$PR3"
expect_err '--reason is missing'
expect_exit 1 kn --as laoban callback cancel "$PR3" --reason ''
expect_exit 0 kn --as laoban callback cancel "$PR3" --reason 客户已来厅
expect_out "^callback $PR3: cancelled \\(cancelled\\)\$"
expect_exit 5 kn --as wangfang callback record "$PR3" --method phone \
    --score satisfied --said 满意
expect_exit 5 kn --as wangfang callback attempt "$PR3" --no-answer
expect_exit 0 kn callback list --state 已取消
expect_out "^$PR3 +cancelled "
# R47: a task a person cancelled stays due and is missing, never dropped.
expect_exit 0 kn callback rate --from 2026-11-01 --to 2026-12-31
expect_out '^cancelled: +1 \(among missing\)$'

# --- a survey (R41) and an open letter (R46) ---------------------------------
at 2026-11-30T09:00:00+08:00
expect_exit 4 kn --as wangfang callback survey --title 服务满意度 \
    --script 请问您对我们的服务满意吗 --due 2026-12-05T18:00:00+08:00 A-2 B-7
expect_exit 1 kn --as laoban callback survey --title 服务满意度 \
    --script 请问您对我们的服务满意吗 --due 2026-12-05T18:00:00+08:00
expect_err 'needs --title TEXT --script TEXT --due TIME CUSTOMER'
expect_exit 1 kn --as laoban callback survey --title 服务满意度 \
    --script 请问您对我们的服务满意吗 --due 2026-12-05T18:00:00+08:00 A-2 "$A2_ID"
expect_err 'survey'
expect_exit 2 kn --as laoban callback survey --title 服务满意度 \
    --script 请问您对我们的服务满意吗 --due 2026-12-05T18:00:00+08:00 A-2 Z-9
expect_err 'Z-9'
expect_exit 1 kn --as laoban callback survey --title 服务满意度 \
    --script 请问您对我们的服务满意吗 --due 2026-11-30T08:00:00+08:00 A-2
expect_exit 1 kn --as laoban callback survey --title '' \
    --script 请问您对我们的服务满意吗 --due 2026-12-05T18:00:00+08:00 A-2
expect_exit 0 kn --as laoban --json callback survey --title 服务满意度 \
    --script 请问您对我们的服务满意吗 --due 2026-12-05T18:00:00+08:00 A-2 "$B7_ID"
expect_json_eq '$.tasks' 2
SV=$(json '$.id')
expect_exit 0 kn --json callback list --reason survey --pool
expect_json_eq '$[0].survey_id' "$SV"
expect_json_eq '$[0].owner_id' 0
expect_json_eq '$[0].due_at' "$(epoch 2026-12-05T18:00:00+08:00)"
S1=$(json '$[0].id')
S2=$(json '$[1].id')
check "two survey tasks" -n "$S2"
expect_json_eq '$[2].id' ''
# show prints the survey's own script line (R41), as written.
expect_exit 0 kn --as wangfang callback show "$S1"
expect_out "^survey: +$SV 服务满意度$"
expect_out "^script: +请问您对我们的服务满意吗$"
# --search: name, phone or subject, among the open ones (F6's "/").
expect_exit 0 kn --as wangfang --json callback list --search 服务满意 --reason survey
expect_json_eq '$[0].id' "$S1"
expect_json_eq '$[1].id' "$S2"
expect_json_eq '$[2].id' ''
expect_exit 0 kn --as wangfang callback list --search 没有这样的词
expect_out_not '服务满意度'
expect_exit 1 kn --as laoban callback list --to-review --search 服务满意
expect_err 'search'
# Open, not yet recorded: nothing to review (R44).
expect_exit 5 kn --as laoban callback review "$S1"
expect_err 'R44'
# The letter: a supervisor's, with a text or a file, answering open tasks.
printf '尊敬的用户:关于近期燃气费调整,特此说明。\n' >"$T/letter.txt"
expect_exit 4 kn --as wangfang callback letter --subject 燃气费调整说明 \
    --text 特此说明 "$S1" "$S2"
expect_exit 1 kn --as laoban callback letter --subject 燃气费调整说明 "$S1"
expect_err 'needs --subject TEXT'
expect_exit 1 kn --as laoban callback letter --subject 燃气费调整说明 \
    --text 特此说明 --file "$T/letter.txt" "$S1"
expect_err 'not both'
expect_exit 1 kn --as laoban callback letter --subject 燃气费调整说明 \
    --text 特此说明
expect_exit 1 kn --as laoban callback letter --subject 燃气费调整说明 \
    --text 特此说明 "$S1" x
expect_err 'TASK'
expect_exit 1 kn --as laoban callback letter --subject 燃气费调整说明 \
    --file "$T/nofile.txt" "$S1"
expect_err 'nofile.txt'
expect_exit 5 kn --as laoban callback letter --subject 燃气费调整说明 \
    --text 特此说明 "$S1" "$PR3"
expect_exit 2 kn --as laoban callback letter --subject 燃气费调整说明 \
    --text 特此说明 "$S1" 99999
expect_exit 0 kn --as laoban --json callback letter --subject 燃气费调整说明 \
    --file "$T/letter.txt" --dated 2026-11-30 "$S1" "$S2"
LT=$(json '$.id')
expect_json_eq '$.dated' "$(epoch 2026-11-30T00:00:00+08:00)"
expect_json_eq '$.tasks[1]' "$S2"
show "$S1"
expect_json_eq '$.state' done
expect_json_eq '$.method' letter
expect_json_eq '$.letter_id' "$LT"
expect_json_eq '$.letter.subject' 燃气费调整说明
expect_json_eq '$.letter.text' "$(cat "$T/letter.txt")"
expect_exit 0 kn callback show "$S2"
expect_out "^open letter: +$LT 燃气费调整说明 .*\\(R46\\)\$"
# A task done already is not answered again: nothing is saved.
expect_exit 5 kn --as laoban callback letter --subject 补充说明 --text 再次说明 \
    "$S1"

# --- the completion rate (R47) -----------------------------------------------
# Nothing due in October: no rate ("—"), not 0% or 100%.
expect_exit 0 kn --as laoban callback rate --month 2026-10
expect_out '^due: +0$'
expect_out '^rate: +—$'
expect_exit 0 kn --as laoban --json callback rate --month 2026-10
expect_json
json_tool
expect_json_eq '$.due' 0
expect_json_eq '$.rate_permille' ''
expect_json_eq '$.rate' —
expect_json_eq '$.not_on_time[0].id' ''
# 2026-11-28: the promise done a second late, its follow-up due the 29th.
expect_exit 0 kn --as laoban --json callback rate --from 2026-11-28 \
    --to 2026-11-28
expect_json_eq '$.from' "$(epoch 2026-11-28T00:00:00+08:00)"
expect_json_eq '$.to' "$(epoch 2026-11-29T00:00:00+08:00)"
# Due that day: the complaint's callback (done the 27th), the promise
# done a second late, the promise whose problem became a complaint (on
# time), and the one a supervisor cancelled: due, and missing (R47: a
# cancellation never lifts the rate).
expect_json_eq '$.due' 4
expect_json_eq '$.on_time' 2
expect_json_eq '$.late' 1
expect_json_eq '$.missing' 1
expect_json_eq '$.cancelled' 1
expect_json_eq '$.rate_permille' 500
expect_json_eq '$.not_on_time[0].id' "$PR"
expect_json_eq '$.not_on_time[1].id' "$PR3"
expect_json_eq '$.not_on_time[2].id' ''
expect_exit 0 kn --as laoban callback rate --from 2026-11-28 --to 2026-11-28
expect_out '^callbacks due from 2026-11-28 00:00 until 2026-11-29 00:00 \(R47, target 100%\)$'
expect_out '^late: +1$'
expect_out '^rate: +50\.0%$'
expect_out '^not done on time:$'
expect_out "^$PR +done +promise "
# The 29th: the follow-up, done the day before: 100%.
expect_exit 0 kn --as laoban callback rate --from 2026-11-29 --to 2026-11-29
expect_out '^due: +1$'
expect_out '^rate: +100\.0%$'
expect_out_not 'not done on time'
expect_exit 1 kn --as laoban callback rate
expect_err 'needs --month YYYY-MM or --from DAY --to DAY'
expect_exit 1 kn --as laoban callback rate --month 2026-11 --from 2026-11-01
expect_exit 1 kn --as laoban callback rate --from 2026-11-01
expect_exit 1 kn --as laoban callback rate --from 2026-11-30 --to 2026-11-01
expect_err '--to is before --from'
expect_exit 1 kn --as laoban callback rate --from 2026-11-31 --to 2026-12-01
expect_exit 1 kn --as laoban callback rate --month 2026-13
expect_exit 1 kn --as laoban callback rate --month november

# --- the month's sample (R42) ------------------------------------------------
# Twelve repairs completed in November by three technicians (6, 4 and 2).
expect_exit 0 k user add lisi 李四 technician
expect_exit 0 k user add wangwu 王五 technician
close_order() {		# close_order TECH HH:MM [ARGS]: reported, done, signed
	local tech=$1 hm=$2 id

	shift 2
	at "2026-11-20T$hm:00+08:00"
	expect_created 'note: open orders nearby ' kn --as wangfang --json \
	    order new --category equipment --fault 灶具打不着火 --customer A-2 \
	    "$@" || return
	id=$(json '$.id')
	LAST_ORDER=$id
	expect_exit 0 kn --as diaodu order ack "$id"
	expect_exit 0 kn --as diaodu order assign "$id" "$tech"
	expect_exit 0 kn --as "$tech" order arrive "$id"
	expect_exit 0 kn --as "$tech" order done "$id" --work 更换胶管
	expect_exit 0 kn --as "$tech" order signoff "$id" --name 李军
}
# The first was reported by a logged call: when it closes, the caller
# gets a callback (each order's reporter does).
at 2026-11-20T07:50:00+08:00
expect_exit 0 kn --as wangfang --json contact log --purpose repair \
    --customer A-2 --asked 灶具打不着火
CTR=$(json '$.id')
close_order zhangwei 07:55 --from-contact "$CTR"
CALLER_ORDER=$LAST_ORDER
expect_exit 0 kn --as wangfang --json callback list --reason 维修单 --all
expect_json_eq '$[0].order_id' "$CALLER_ORDER"
expect_json_eq '$[0].contact_id' "$CTR"
expect_json_eq '$[1].id' ''
for h in 09 10 11 12 13; do close_order zhangwei "$h:00"; done
for h in 08 09 10 11; do close_order lisi "$h:30"; done
for h in 14 15; do close_order wangwu "$h:00"; done
check "twelve orders closed in November" \
    "$(db_sql "SELECT count(*) FROM work_order WHERE closed_at IS NOT NULL")" = 12
# A month not over yet, or ahead, is refused; so is a month with nothing.
at 2026-11-30T23:59:59+08:00
# --due (the monthly timer) on a month with nothing to draw (October):
# not a failure, nothing written (issue 16 review M4).
rows=$(audit_rows)
expect_exit 0 kn --as wangfang callback sample --due
expect_out '^sample of 2026-10: no completed work orders, nothing to sample \(R42\)$'
expect_exit 0 kn --as wangfang --json callback sample --due
expect_json_eq '$.month' 2026-10
expect_json_eq '$.drawn' 0
expect_json_eq '$.size' 0
expect_eq "$rows" "$(audit_rows)" "--due with nothing to draw writes nothing"
expect_exit 1 kn --as wangfang callback sample --due --month 2026-10
expect_err '--due takes no --month'
expect_exit 5 kn --as wangfang callback sample --month 2026-11
expect_exit 5 kn --as wangfang callback sample --month 2027-01
at 2026-12-01T09:00:00+08:00
expect_exit 5 kn --as wangfang callback sample --month 2026-12
expect_exit 5 kn --as wangfang callback sample --month 2026-10
expect_err 'no completed work orders in 2026-10'
expect_exit 1 kn --as wangfang callback sample --month 2026-13
expect_exit 1 kn --as wangfang callback sample --month 11
expect_exit 1 kn --as wangfang callback sample
expect_err 'needs --month YYYY-MM or --due'
expect_exit 4 kn --as zhangwei callback sample --month 2026-11
expect_exit 2 kn --as wangfang callback sample --month 2026-10 --verify
expect_err 'no sample drawn for 2026-10'
# 20% of 12: 3, one for each technician (the strata).
expect_exit 0 kn policy set callback.sample_rate 20%
expect_exit 0 kn --as wangfang --json callback sample --month 2026-11
expect_json
json_tool
expect_json_eq '$.month' 2026-11
expect_json_eq '$.rate_permille' 200
expect_json_eq '$.population' 12
expect_json_eq '$.size' 3
expect_json_eq '$.orders[3]' ''
SEED=$(json '$.seed')
# --due in December finds November's sample drawn and prints it unchanged.
expect_exit 0 kn --as wangfang --json callback sample --due
expect_json_eq '$.month' 2026-11
expect_json_eq '$.drawn' 0
expect_json_eq '$.seed' "$SEED"
expect_json_eq '$.size' 3
ORDERS=$(json '$.orders')
FIRST_DRAWN=$(json '$.drawn')
check "a seed" -n "$SEED"
check "the orders drawn" -n "$ORDERS"
TECHS=$(db_sql "SELECT count(DISTINCT technician_id) FROM work_order WHERE id IN ($(echo "$ORDERS" | tr -d '[]'))")
expect_eq 3 "$TECHS" "every technician sampled once (stratified, R42)"
# Re-run: the same seed, rate and orders, nothing drawn again, even
# after the rate changed (frozen for the month).
expect_exit 0 kn policy set callback.sample_rate 5%
expect_exit 0 kn --as laoban --json callback sample --month 2026-11
expect_json_eq '$.drawn' 0
expect_json_eq '$.seed' "$SEED"
expect_json_eq '$.orders' "$ORDERS"
expect_json_eq '$.rate_permille' 200
expect_exit 0 kn --as laoban callback sample --month 2026-11
expect_out '^sample of 2026-11: drawn 2026-1[12]-[0-9]{2} [0-9:]{5} by .*, unchanged$'
expect_out "^seed: +$SEED\$"
expect_out '^rate: +20\.0% \(frozen for the month\)$'
expect_out '^population: +12 completed work orders '
expect_out '^size: +3$'
expect_out "^orders: +$(echo "$ORDERS" | tr -d '[]' | tr ',' ' ')\$"
expect_exit 0 kn --as laoban callback sample --month 2026-11 --verify
expect_out '^sample of 2026-11: verified'
expect_exit 0 kn --as laoban --json callback sample --month 2026-11 --verify
expect_json_eq '$.verified' 1
# An order of the sample closed in another month since (here: the
# database changed behind kefu's back, on a copy): --verify says it
# differs (exit 5), and changes nothing.
DB2=$T/moved.db
cp "$DB" "$DB2"
db_sql "UPDATE work_order SET closed_at = closed_at + 20 * $DAY WHERE id = $(echo "$ORDERS" | tr -d '[]' | cut -d, -f1)" "$DB2"
before=$(file_sum "$DB2")
expect_exit 5 env KEFU_NOW="$NOW" "$KEFU" --db "$DB2" --as laoban callback \
    sample --month 2026-11 --verify
expect_err 'differs'
expect_eq "$before" "$(file_sum "$DB2")" "--verify writes nothing"
# One task per order drawn, reason sample, listed by the month.
expect_exit 0 kn --as wangfang --json callback list --month 2026-11
expect_json_eq '$[0].reason' sample
expect_json_eq '$[0].sample_month' 2026-11
expect_json_eq '$[2].sample_month' 2026-11
expect_json_eq '$[3].id' ''
expect_exit 0 kn --as wangfang callback list --month 2026-11 --reason sample
expect_eq 4 "$(out_lines)" "the header and the month's three sample tasks"
# The first draw of the month was this command's or the start-up's.
check "drawn once" "$FIRST_DRAWN" = 1 -o "$FIRST_DRAWN" = 0
# December so far: the survey's two done by letter, the sample's three
# missing (not done yet): listed, the rate 40%.
expect_exit 0 kn --as laoban --json callback rate --month 2026-12
expect_json_eq '$.due' 5
expect_json_eq '$.on_time' 2
expect_json_eq '$.missing' 3
expect_json_eq '$.rate' 40.0%
expect_json_eq '$.not_on_time[2].reason' sample
expect_json_eq '$.not_on_time[3].id' ''

# The 21st: the callers of the twelve orders closed the day before,
# never called back: 0%, not "—", and each named, the first one first.
expect_exit 0 kn --as laoban callback rate --from 2026-11-21 --to 2026-11-21
expect_out '^due: +12$'
expect_out '^missing: +12$'
expect_out '^cancelled: +0 \(among missing\)$'
expect_out '^rate: +0\.0%$'
expect_out "^[0-9]+ +open +order +2026-11-21 07:55 OVERDUE "
expect_exit 0 kn --as laoban --json callback rate --from 2026-11-21 \
    --to 2026-11-21
expect_json_eq '$.rate_permille' 0
expect_json_eq '$.not_on_time[0].order_id' "$CALLER_ORDER"
expect_json_eq '$.not_on_time[11].reason' order

# --- usage -------------------------------------------------------------------
expect_exit 1 kn callback
expect_err 'needs a verb: list, show, record'
expect_exit 1 kn callback frobnicate
expect_err "unknown verb 'frobnicate'"
expect_exit 1 kn callback show
expect_exit 1 kn callback show x
expect_exit 2 kn callback show 99999
expect_exit 1 kn callback list --state nonsense
expect_exit 1 kn callback list --reason nonsense
expect_exit 1 kn callback list --limit 0
expect_exit 1 kn callback list --month 2026-13
expect_exit 2 kn callback list --owner nobody
expect_exit 1 kn --as laoban callback review "$CB" --bogus
expect_err 'unknown option --bogus'
expect_exit 1 kn --as laoban callback review "$CB" --method phone
expect_err 'unknown option --method'
expect_exit 1 kn --as laoban callback cancel x --reason y
expect_exit 1 kn callback $'\033[2Jx'
expect_err_not $'\033'
expect_exit 0 k callback --help
expect_out 'kefu callback record ID --method phone\|visit --score SCORE'
expect_out 'R47'
expect_exit 0 kefu --help
expect_out '^  callback '

# Every task, attempt, sample and letter made here replays against its
# audit trail.
expect_exit 0 kn check

# --- paging: more than 1,000 open tasks, by deadline, across pages ----------
DB3=$T/many.db
cp "$DB" "$DB3"
# Deadlines with ties (every fifth the same), so the id breaks them.
sqlite3 "$DB3" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
    WHERE i < 1500) INSERT INTO callback (reason, name, phone, subject,
    due_at, created_at) SELECT 1, '批量', '1370000' || i, '批量 ' || i,
    $T0 + ((i * 7919) % 300) * 60, $T0 FROM n"
expect_exit 0 env KEFU_NOW="$NOW" "$KEFU" --db "$DB3" --json callback list
expect_json
sqlite3 :memory: "SELECT json_extract(value, '\$.id') FROM json_each(CAST(readfile('$OUT') AS TEXT))" >"$T/got.ids"
db_sql "SELECT id FROM callback WHERE state = 0 ORDER BY due_at, id" "$DB3" >"$T/want.ids"
check "more than 1000 open tasks" "$(wc -l <"$T/want.ids")" -gt 1500
if cmp -s "$T/want.ids" "$T/got.ids"; then
	pass
else
	fail "every open task once, by deadline, across pages: $(cmp "$T/want.ids" "$T/got.ids" 2>&1 | head -n 1)"
fi
expect_exit 0 env KEFU_NOW="$NOW" "$KEFU" --db "$DB3" callback list --limit 1200
expect_eq 1201 "$(out_lines)" "--limit 1200 across two pages"

finish
