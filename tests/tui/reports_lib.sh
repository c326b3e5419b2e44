# reports_lib.sh — what the Reports scenarios (tui_reports*.sh) share:
# sourced after lib.sh, it builds on dispatch_lib.sh's demo database (at
# $NOW, 2026-11-27 10:41, so 2026Q4 is the quarter running) a few work
# orders at fixed moments of the quarter, by the CLI:
#   LATE_ID   equipment, reported 2026-11-03 09:00, arrived 09:52: late
#             (due 09:40, R2)
#   OK_ID     equipment, reported 2026-11-05 14:00, arrived 14:30: on time
#   OCT_ID    equipment, reported 2026-10-12 10:00, arrived 10:20: on time
# so November's on-time arrival is 1 of 2 (50.0%), the quarter's 2 of 3
# (66.6%, rounded down), and the quarter's missed arrivals are LATE_ID.
#   arrival_row   how many rows down the table "On-time arrival (R2)" is
#   (satisfaction_row, completion_row, explain_row: the same of
#   "Satisfaction", "Callback completion (R47)", "Invalid: explained on
#   time (R34)")
#   goto_figure N the cursor from the table's first row N rows down
#   edge_records  for a scenario's end (it changes November's figures):
#     EDGE_OK     equipment, reported 2026-11-20 09:00:00, arrived at its
#                 deadline's second, 09:40:00: on time (R2)
#     EDGE_LATE   reported 11:00:00, arrived 11:40:01: a second late
#     CB          an opinion survey (R41) of CUST[5] due 2026-11-20 10:00,
#                 recorded satisfied by 陈静 at 10:00:01: a second late
#                 (R47), and November's one score
#   money_records a contact, a fee notice and a receipt, each of CUST[0]
#                 in November, for the records that open on F2 and F5:
#     CONTACT     an inquiry logged by 王芳 2026-11-04 09:30
#     NOTICE      the id of CUST[0]'s notice 2026-11-000001 (an
#                 adjustment of 88.00), issued by 赵敏 2026-11-05 10:00
#     RECEIPT     the id of receipt 1, 50.00 of it taken by 赵敏
#                 2026-11-06 10:00
#   contact_flood N  N more contacts in November, 2026-11-10 08:00 and a
#                 minute apart (问路 1 .. 问路 N): copies, by SQL, of one
#                 that kefu logged (the screen's paging is what is tried,
#                 not the logging; N CLI runs would take minutes)
# shellcheck shell=bash disable=SC2034 # the variables are the scenarios'
. "$(dirname "$0")/dispatch_lib.sh"

arrived_order() {	# REPORTED ARRIVED CUSTOMER FAULT: an order, in $ID
	ID=$(new_order "$1" --category equipment --customer "$3" --fault "$4")
	KEFU_NOW=$1 k --as lijun order ack "$ID" >/dev/null ||
	    fail "kefu order ack $ID"
	KEFU_NOW=$1 k --as lijun order assign "$ID" zhangwei >/dev/null ||
	    fail "kefu order assign $ID"
	KEFU_NOW=$2 k --as zhangwei order arrive "$ID" >/dev/null ||
	    fail "kefu order arrive $ID"
}
arrived_order 2026-11-03T09:00 2026-11-03T09:52 "${CUST[0]%% *}" 灶具不点火
LATE_ID=$ID
arrived_order 2026-11-05T14:00 2026-11-05T14:30 "${CUST[1]%% *}" 热水器漏水
OK_ID=$ID
arrived_order 2026-10-12T10:00 2026-10-12T10:20 "${CUST[2]%% *}" 点火器坏了
OCT_ID=$ID
check "three orders were reported ($LATE_ID $OK_ID $OCT_ID)" \
    -n "$LATE_ID" -a -n "$OK_ID" -a -n "$OCT_ID"
# The figures in kf_kpi_defs' order: On-time arrival (R2) is row 29 (0:
# Contacts received). The table starts with the cursor on row 0.
arrival_row=29
satisfaction_row=15
completion_row=36
explain_row=24
goto_figure() {
	local i k=()
	for ((i = 0; i < $1; i++)); do
		k+=(Down)
	done
	keys "${k[@]}"
}
edge_records() {
	arrived_order 2026-11-20T09:00:00 2026-11-20T09:40:00 \
	    "${CUST[3]%% *}" 壁挂炉不热
	EDGE_OK=$ID
	arrived_order 2026-11-20T11:00:00 2026-11-20T11:40:01 \
	    "${CUST[4]%% *}" 燃气表漏气
	EDGE_LATE=$ID
	KEFU_NOW=2026-11-19T10:00 k --as chenjing callback survey \
	    --title 供暖回访 --script 请问供暖正常吗 --due 2026-11-20T10:00 \
	    "${CUST[5]%% *}" >/dev/null || fail "kefu callback survey"
	CB=$(sqlite3 "$DB" "SELECT max(id) FROM callback")
	KEFU_NOW=2026-11-20T10:00:01 k --as chenjing callback record "$CB" \
	    --method phone --score satisfied --said 暖气很好 >/dev/null ||
	    fail "kefu callback record $CB"
	check "the edge records were made ($EDGE_OK $EDGE_LATE $CB)" \
	    -n "$EDGE_OK" -a -n "$EDGE_LATE" -a -n "$CB"
}
money_records() {
	local acct=${CUST[0]%% *}
	CONTACT=$(KEFU_NOW=2026-11-04T09:30 k --as wangfang --json contact log \
	    --purpose inquiry --customer "$acct" --asked 问燃气费 \
	    --done 已告知 | sed -nE 's/.*"id":([0-9]+).*/\1/p')
	KEFU_NOW=2026-11-05T09:00 k --as zhaomin notice adjust "$acct" 88 \
	    --reason 十一月物业费 >/dev/null || fail "kefu notice adjust"
	KEFU_NOW=2026-11-05T10:00 k --as zhaomin notice run --period 2026-11 \
	    --community "$(jget community "$(k --json customer show "$acct")")" \
	    >/dev/null || fail "kefu notice run"
	NOTICE=$(jget id "$(k --as zhaomin --json notice show 2026-11-000001)")
	KEFU_NOW=2026-11-06T10:00 k --as zhaomin payment take "$acct" 50 \
	    >/dev/null || fail "kefu payment take"
	RECEIPT=$(sqlite3 "$DB" "SELECT id FROM receipt WHERE no = 1")
	check "the money records were made ($CONTACT $NOTICE $RECEIPT)" \
	    -n "$CONTACT" -a -n "$NOTICE" -a -n "$RECEIPT"
}
contact_flood() {
	local first
	first=$(KEFU_NOW=2026-11-10T08:00 k --as wangfang --json contact log \
	    --purpose inquiry --phone 13700001234 --asked "问路 1" |
	    sed -nE 's/.*"id":([0-9]+).*/\1/p')
	[ -n "$first" ] || die "kefu contact log (the flood's first)"
	sqlite3 "$DB" "WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1
	    FROM n WHERE i < $1) INSERT INTO contact (at, channel, purpose,
	    customer_id, caller_name, caller_title, caller_phone, asked, done,
	    staff_id, entered_at) SELECT c.at + (n.i - 1) * 60, c.channel,
	    c.purpose, c.customer_id, c.caller_name, c.caller_title,
	    c.caller_phone, '问路 ' || n.i, c.done, c.staff_id,
	    c.entered_at + (n.i - 1) * 60 FROM contact c, n WHERE c.id = $first" ||
	    die "copying contact $first"
}
