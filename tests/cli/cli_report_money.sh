#!/usr/bin/env bash
# cli_report_money.sh — the report figures cli_report.sh cannot reach,
# because its data has no callbacks and no billing (R53, issue 15):
# satisfaction (R43's scale), callback completion (R47), billed,
# collected and arrears (R15, R19), in text, --json and --csv (-o FILE),
# at their edges: a callback recorded on November's last second and one
# a second later; done at the deadline's second and a second late; a
# task a person cancelled (due, and missed); a month with nothing due
# ("—"); a part payment, a full payment on the month's last second, a
# receipt voided in its own month and one voided in the month running.
# Then the drill-down of each figure (exactly its records), the staff
# and community breakdowns, the quarterly summary, a customer and a
# community a spreadsheet would run as formulas, and the roles refused.
# Every report leaves the database file byte for byte as it was.
#
# Every record is made through kefu's own commands, the clock fixed
# with KEFU_NOW (Beijing time, lib.sh). Every expected figure below is
# worked out by hand from the records made here (the comments say how),
# never by asking kefu.
. "$(dirname "$0")/lib.sh" "$@"

NOW=2026-10-01T09:00:00+08:00
kn() { env KEFU_NOW="$NOW" "$KEFU" --db "$DB" "$@"; }
at() { NOW=$1; }
# The reports are read on Tuesday 2026-12-08 10:00, in December (the
# month running) and in 2026Q4 (the quarter running).
REPORT_NOW=2026-12-08T10:00:00+08:00
kr() { env KEFU_NOW="$REPORT_NOW" "$KEFU" --db "$DB" "$@"; }
# rep CODE ARGS...: `kefu ARGS` at the report time exits CODE, and after
# it the database file is byte for byte what it was (kefu runs in WAL
# mode and checkpoints on close, so any write would reach the file), no
# WAL is left behind, and the audit trail has as many rows: a report
# writes nothing (R53; report.h).
rep() {
	local want=$1 sum audit

	shift
	sum=$(file_sum "$DB")
	audit=$(audit_rows)
	expect_exit "$want" kr "$@"
	expect_eq "$sum" "$(file_sum "$DB")" "the database after '$*'"
	expect_eq "$audit" "$(audit_rows)" "the audit rows after '$*'"
	check "no WAL left after '$*'" ! -s "$DB-wal"
}
# pyjson: the last stdout parses as JSON for python3 too.
pyjson() {
	[ "$WRONG_EXIT" = 1 ] && return
	if python3 -m json.tool "$OUT" >/dev/null 2>"$T/.py"; then
		pass
	else
		fail "stdout is not JSON for python3 -m json.tool: $(cat "$T/.py")"
	fi
}
# row KEY PATH: a field of the KPI table's row KEY in the last JSON
# (PATH such as cur.num); "" when absent or null.
row() {
	sqlite3 :memory: "SELECT json_extract(value, '\$.$2') FROM
	    json_each(json_extract(CAST(readfile('$OUT') AS TEXT), '\$.rows'))
	    WHERE json_extract(value, '\$.key') = '$1'"
}
# rowtype KEY PART: the JSON type of the row's cur, prev or last_year.
rowtype() {
	sqlite3 :memory: "SELECT json_type(value, '\$.$2') FROM
	    json_each(json_extract(CAST(readfile('$OUT') AS TEXT), '\$.rows'))
	    WHERE json_extract(value, '\$.key') = '$1'"
}
# items FIELD: the drill-down's items' FIELD, in order, comma separated.
items() {
	sqlite3 :memory: "SELECT coalesce(group_concat(x, ','), '') FROM
	    (SELECT json_extract(value, '\$.$1') AS x FROM
	    json_each(json_extract(CAST(readfile('$OUT') AS TEXT), '\$.items'))
	    ORDER BY key)"
}
# group LOGIN-OR-NAME KEY FIELD: a breakdown group's figure (JSON).
group() {
	sqlite3 :memory: "SELECT json_extract(value, '\$.figures.\"$2\".$3')
	    FROM json_each(json_extract(CAST(readfile('$OUT') AS TEXT),
	    '\$.groups')) WHERE json_extract(value, '\$.login') = '$1' OR
	    json_extract(value, '\$.name') = '$1'"
}
# drill KPI MONTH PART WANT_IDS WHAT: the drill-down's JSON lists
# exactly the records WANT_IDS (in the order placed), and its total
# says as many.
drill() {
	local n

	rep 0 --as laoban report drill "$1" --month "$2" "--$3" --all --json
	pyjson
	expect_eq "$4" "$(items id)" "$5: the records of $1 in $2, --$3"
	n=$(echo "$4" | tr ',' '\n' | grep -c .)
	expect_json_eq '$.total' "$n"
	expect_json_eq '$.part' "$3"
}
# The drill-down's CSV and the staff breakdown's: no cell a spreadsheet
# would run as a formula (csv.h: such a cell starts with a single quote).
no_formula() {
	[ "$WRONG_EXIT" = 1 ] && return
	if sed '1s/^\xef\xbb\xbf//' "$OUT" | grep -Eq '(^|,)"?[=+@-]'; then
		fail "a CSV cell starts with =, +, - or @ (a formula in Excel/WPS)"
	else
		pass
	fi
}
bom() {
	expect_eq efbbbf "$(head -c 3 "$1" | od -An -tx1 | tr -d ' \n')" \
	    "$1 starts with a UTF-8 byte-order mark"
}

fresh_db
expect_exit 0 k user add wangfang 王芳 reception
expect_exit 0 k user add liming 李明 reception
expect_exit 0 k user add laoban 老板 supervisor
expect_exit 0 k user add shoufei 收费员 billing
expect_exit 0 k user add zhangwei 张伟 technician
# Fixed here, so the hand reckoning does not lean on the seed: a notice
# is due at the end of the 15th day after the day it is issued (R15,
# bill.c: day start + 16 days - 1 s), and no late fees.
expect_exit 0 k policy set bill.due_days 15
expect_exit 0 k policy set bill.late_fee_per_10000 0
expect_exit 0 k customer add --name 李军 --account A-1 --phone 13900001111 \
    --community 幸福小区 --building 3号楼 --room 301
expect_exit 0 k customer add --name 赵敏 --account A-2 --phone 13900002222 \
    --community 幸福小区 --building 3号楼 --room 302
# A customer and a community a spreadsheet would run as formulas.
expect_exit 0 k customer add --name '@陈某' --account P-1 \
    --phone 13900003333 --community '+加号苑' --building 1号楼 --room 101

# --- nothing yet -------------------------------------------------------------
rep 5 --as laoban report kpi --month 2026-11
expect_err_fixed 'there are no records yet'

# --- October: the first notices, three payments, one voided ------------------
# Adjustments make the amounts (R15): A-1 100.00, A-2 200.00, P-1 50.00.
at 2026-10-05T09:00:00+08:00
expect_exit 0 kn --as shoufei notice adjust A-1 100 --reason 十月物业费
expect_exit 0 kn --as shoufei notice adjust A-2 200 --reason 十月物业费
expect_exit 0 kn --as shoufei notice adjust P-1 50 --reason 十月物业费
# Issued 2026-10-05 10:00 (the first record of the database), due
# 2026-10-20 23:59:59.
at 2026-10-05T10:00:00+08:00
expect_exit 0 kn --as shoufei notice run --period 2026-10 --community 幸福小区
expect_out '^issued 2 notices for 2026-10 幸福小区: .* total 300\.00$'
expect_exit 0 kn --as shoufei notice run --period 2026-10 --community '+加号苑'
expect_out 'total 50\.00$'
# notice_id NUMBER: its id, as the drill-down names it.
notice_id() {
	expect_exit 0 kn --as shoufei --json notice show "$1"
	json '$.id'
}
N1=$(notice_id 2026-10-000001)		# A-1, 100.00
expect_json_eq '$.account' A-1
N2=$(notice_id 2026-10-000002)		# A-2, 200.00
expect_json_eq '$.account' A-2
N3=$(notice_id '2026-10-000003')	# P-1, 50.00
expect_json_eq '$.account' P-1
expect_json_eq '$.due_at' "$(date -d 2026-10-20T23:59:59+08:00 +%s)"
# A full payment, a part payment, and one taken from the wrong flat and
# voided the same month. Receipts are numbered from 1 in a new database
# and never deleted (R19), so receipt N is record N.
at 2026-10-10T10:00:00+08:00
expect_exit 0 kn --as shoufei --json payment take A-1 100
expect_json_eq '$.no' 1
at 2026-10-15T10:00:00+08:00
expect_exit 0 kn --as shoufei --json payment take A-2 80
expect_json_eq '$.no' 2
at 2026-10-18T10:00:00+08:00
expect_exit 0 kn --as shoufei --json payment take P-1 50
expect_json_eq '$.no' 3
at 2026-10-25T10:00:00+08:00
expect_exit 0 kn --as laoban receipt void 3 --reason 收错户
# October, by hand:
#   billed     100 + 200 + 50                      = 350.00
#   collected  receipts 1 and 2 (3 is void)        = 180.00
#   arrears at 2026-10-31 23:59:59, the three notices overdue since the
#     20th: A-1 paid in full (0), A-2 200 - 80 = 120, P-1 50 (its
#     receipt voided the 25th: the money is back in arrears) = 170.00

# --- callbacks: seven survey tasks (R41), each due when we say -------------
# survey TITLE DUE ACCOUNT: a survey of one customer made on 2026-11-01
# 08:00 by the supervisor, its task in the pool; $TASK the task's id.
survey() {
	at 2026-11-01T08:00:00+08:00
	expect_exit 0 kn --as laoban --json callback survey --title "$1" \
	    --script 请问您对我们的服务满意吗 --due "$2" "$3"
	expect_exit 0 kn --as laoban --json callback list --search "$1"
	expect_json_eq '$[1].id' ''
	TASK=$(json '$[0].id')
	check "a task for $1" -n "$TASK"
}
survey 回访一 2026-11-10T10:00:00+08:00 A-1
S1=$TASK
survey 回访二 2026-11-12T10:00:00+08:00 A-2
S2=$TASK
survey 回访三 2026-11-30T23:59:59+08:00 P-1
S3=$TASK
survey 回访四 2026-11-20T12:00:00+08:00 A-1
C1=$TASK
survey 回访五 2026-12-01T00:00:00+08:00 A-2
S4=$TASK
survey 回访六 2026-12-02T10:00:00+08:00 P-1
S5=$TASK
survey 回访七 2026-12-20T10:00:00+08:00 A-1
O1=$TASK
# S1: very satisfied, by wangfang at its deadline's second (on time).
at 2026-11-10T10:00:00+08:00
expect_exit 0 kn --as wangfang callback record "$S1" --method phone \
    --score very-satisfied --said 很满意
# S2: satisfied, by liming a second after its deadline (late, R47).
at 2026-11-12T10:00:01+08:00
expect_exit 0 kn --as liming callback record "$S2" --method phone \
    --score satisfied --said 满意
# C1: given to liming, then cancelled by the supervisor: still due in
# November and missed (R47: cancelling never raises the rate); liming's
# (the owner: no one did it).
at 2026-11-15T10:00:00+08:00
expect_exit 0 kn --as laoban callback assign "$C1" liming
expect_exit 0 kn --as laoban callback cancel "$C1" --reason 客户已来厅
# S3: neutral, by wangfang on November's last second, its deadline's.
at 2026-11-30T23:59:59+08:00
expect_exit 0 kn --as wangfang callback record "$S3" --method phone \
    --score neutral --reason 等待时间长 --said 一般
# S4: dissatisfied, by liming a second later: December's, at its
# deadline's second (on time).
at 2026-12-01T00:00:00+08:00
expect_exit 0 kn --as liming callback record "$S4" --method phone \
    --score dissatisfied --reason 费用偏高 --said 不满意
# S5: very satisfied, by wangfang an hour early. O1 stays open (due the
# 20th, after the report time).
at 2026-12-02T09:00:00+08:00
expect_exit 0 kn --as wangfang callback record "$S5" --method phone \
    --score very-satisfied --said 很满意
# By hand:
#   satisfaction, placed by the moment recorded, score 1 or 2 of scored:
#     November  S1 (1), S2 (2), S3 (3)      2 of 3 = 66.6% (rounded down)
#     December  S4 (4), S5 (1)              1 of 2 = 50.0%
#     October   nothing recorded            "—"
#   completion, placed by the deadline, done at or before it of all due:
#     November  S1 on time, S2 late, C1 cancelled, S3 on time
#                                           2 of 4 = 50.0%
#     December  S4 on time, S5 on time, O1 not done yet
#                                           2 of 3 = 66.6%
#     October   nothing due                 "—"
#   2026Q4: satisfaction 3 of 5 = 60.0%; completion 4 of 7 = 57.1%.
#   November by person: wangfang satisfaction 1 of 2 (S1, S3) = 50.0%,
#     completion 2 of 2 = 100.0%; liming satisfaction 1 of 1 (S2) =
#     100.0%, completion 0 of 2 (S2 late, C1 his and cancelled) = 0.0%.
#   November by community: 幸福小区 (A-1, A-2) satisfaction 2 of 2 =
#     100.0%, completion 1 of 3 (S1; S2, C1 missed) = 33.3%; +加号苑
#     (P-1) satisfaction 0 of 1 (S3) = 0.0%, completion 1 of 1 = 100.0%.

# --- November's notices and payments ------------------------------------------
at 2026-11-05T09:00:00+08:00
expect_exit 0 kn --as shoufei notice adjust A-1 60 --reason 十一月物业费
expect_exit 0 kn --as shoufei notice adjust A-2 40 --reason 十一月物业费
# Issued 2026-11-05 10:00, due 2026-11-20 23:59:59.
at 2026-11-05T10:00:00+08:00
expect_exit 0 kn --as shoufei notice run --period 2026-11 --community 幸福小区
expect_out 'total 100\.00$'
N4=$(notice_id 2026-11-000001)		# A-1, 60.00
expect_json_eq '$.account' A-1
N5=$(notice_id 2026-11-000002)		# A-2, 40.00
expect_json_eq '$.account' A-2
# A-1 pays November's notice in full on November's last second; A-2
# pays 50.00 a second later, towards October's notice first (the
# oldest, bill.c), which then owes 70.00.
at 2026-11-30T23:59:59+08:00
expect_exit 0 kn --as shoufei --json payment take A-1 60
expect_json_eq '$.no' 4
expect_json_eq '$.allocations[0].notice' 2026-11-000001
at 2026-12-01T00:00:00+08:00
expect_exit 0 kn --as shoufei --json payment take A-2 50
expect_json_eq '$.no' 5
expect_json_eq '$.allocations[0].notice' 2026-10-000002
# November, by hand:
#   billed     60 + 40                              = 100.00
#   collected  receipt 4 (23:59:59 is November's)   =  60.00
#   arrears at 2026-11-30 23:59:59: N2 200 - 80 = 120 (receipt 5 comes
#     a second later), N3 50, N5 40 (overdue since the 20th), N4 paid
#     by then, N1 paid                              = 210.00
# December so far (2026-12-04 10:00): billed 0.00, collected receipt 5
#   = 50.00, arrears N2 70 + N3 50 + N5 40 = 160.00.

# --- December before and after a void -------------------------------------------
EARLY=2026-12-04T10:00:00+08:00
ke() { env KEFU_NOW="$EARLY" "$KEFU" --db "$DB" "$@"; }
sum=$(file_sum "$DB")
expect_exit 0 ke --as laoban --json report kpi --month 2026-12
expect_eq "$sum" "$(file_sum "$DB")" "the database after a report on the 4th"
expect_json_eq '$.partial' 1
expect_eq 0 "$(row bill.issued cur.num)" "December billed, the 4th"
expect_eq 5000 "$(row bill.collected cur.num)" "December collected, the 4th"
expect_eq 16000 "$(row bill.arrears cur.num)" "December arrears, the 4th"
# Receipt 5 voided the 5th: out of December's collected, its 50.00 back
# on N2 (200 - 80 = 120 owed again): arrears 120 + 50 + 40 = 210.00.
at 2026-12-05T10:00:00+08:00
expect_exit 0 kn --as laoban receipt void 5 --reason 金额有误
# So, at the report time, by hand:
#   December   billed 0.00, collected 0.00, arrears 210.00
#   2026Q4     billed 350 + 100 = 450.00; collected 100 + 80 + 60 =
#              240.00; arrears now (the quarter running) 210.00

# --- kpi: text -------------------------------------------------------------------
rep 0 --as laoban report kpi --month 2026-11
expect_out '^Report: November 2026 \(2026-11\), the whole service$'
expect_out '^Figure +2026-11 +2026-10 +2025-11$'
expect_out '^Satisfaction +66\.6% +— +—$'
expect_out '^Callback completion \(R47\) +50\.0% +— +—$'
expect_out '^Billed \(notices issued\) +¥100\.00 +¥350\.00 +—$'
expect_out '^Collected +¥60\.00 +¥180\.00 +—$'
expect_out '^Arrears \(overdue\) +¥210\.00 +¥170\.00 +—$'
# October: the first record's month. Nothing recorded, nothing due:
# no value ("—"), never 0% or 100%; September is before the first
# record ("—").
rep 0 --as laoban report kpi --month 2026-10
expect_out '^Satisfaction +— +— +—$'
expect_out '^Callback completion \(R47\) +— +— +—$'
expect_out '^Billed \(notices issued\) +¥350\.00 +— +—$'
expect_out '^Collected +¥180\.00 +— +—$'
expect_out '^Arrears \(overdue\) +¥170\.00 +— +—$'
expect_out_not '[0-9]%'
# December, running: the void counted.
rep 0 --as laoban report kpi --month 2026-12
expect_out '^Report: December 2026 \(2026-12\), so far \(to 2026-12-08 10:00\), the whole service$'
expect_out '^Satisfaction +50\.0% +66\.6% +—$'
expect_out '^Callback completion \(R47\) +66\.6% +50\.0% +—$'
expect_out '^Billed \(notices issued\) +¥0\.00 +¥100\.00 +—$'
expect_out '^Collected +¥0\.00 +¥60\.00 +—$'
expect_out '^Arrears \(overdue\) +¥210\.00 +¥210\.00 +—$'
# The quarter: October to December so far; 2026Q3 before the first record.
rep 0 --as laoban report kpi --quarter 2026Q4
expect_out '^Satisfaction +60\.0% +— +—$'
expect_out '^Callback completion \(R47\) +57\.1% +— +—$'
expect_out '^Billed \(notices issued\) +¥450\.00 +— +—$'
expect_out '^Collected +¥240\.00 +— +—$'
expect_out '^Arrears \(overdue\) +¥210\.00 +— +—$'
# Before the first record (a notice, 2026-10-05 10:00): refused.
rep 5 --as laoban report kpi --month 2026-09
expect_err_fixed '2026-09 ends before the first record (2026-10-05 10:00)'

# --- kpi: JSON -------------------------------------------------------------------
rep 0 --as laoban report kpi --month 2026-11 --json
pyjson
expect_json_eq '$.period.key' 2026-11
expect_eq 2 "$(row satisfaction cur.num)" "satisfied in November (JSON)"
expect_eq 3 "$(row satisfaction cur.den)" "scored in November (JSON)"
expect_eq 666 "$(row satisfaction cur.permille)" "2 of 3, rounded down (JSON)"
expect_eq 66.6% "$(row satisfaction cur.value)" "satisfaction as shown (JSON)"
expect_eq R43 "$(row satisfaction rule)" "satisfaction's rule (JSON)"
expect_eq null "$(rowtype satisfaction prev)" "October has no satisfaction (JSON)"
expect_eq null "$(rowtype satisfaction last_year)" "before the first record (JSON)"
expect_eq 2 "$(row callbacks.completion cur.num)" "completed on time (JSON)"
expect_eq 4 "$(row callbacks.completion cur.den)" "due in November (JSON)"
expect_eq 500 "$(row callbacks.completion cur.permille)" "completion (JSON)"
expect_eq null "$(rowtype callbacks.completion prev)" "nothing due in October (JSON)"
expect_eq R47 "$(row callbacks.completion rule)" "completion's rule (JSON)"
expect_eq 10000 "$(row bill.issued cur.num)" "billed in fen (JSON)"
expect_eq 35000 "$(row bill.issued prev.num)" "October billed in fen (JSON)"
expect_eq 6000 "$(row bill.collected cur.num)" "collected in fen (JSON)"
expect_eq 18000 "$(row bill.collected prev.num)" "October collected in fen (JSON)"
expect_eq 21000 "$(row bill.arrears cur.num)" "arrears in fen (JSON)"
expect_eq 17000 "$(row bill.arrears prev.num)" "October arrears in fen (JSON)"
expect_eq money "$(row bill.arrears kind)" "arrears are money (JSON)"
rep 0 --as laoban report kpi --month 2026-12 --json
pyjson
expect_json_eq '$.partial' 1
expect_eq 1 "$(row satisfaction cur.num)" "December: S5 (JSON)"
expect_eq 2 "$(row satisfaction cur.den)" "December: S4 and S5 (JSON)"
expect_eq 3 "$(row callbacks.completion cur.den)" "December: O1 due and not done counts (JSON)"
expect_eq 0 "$(row bill.collected cur.num)" "December: the voided receipt is not collected (JSON)"
expect_eq 21000 "$(row bill.arrears cur.num)" "December: the voided 50.00 owed again (JSON)"

# --- kpi: CSV, on standard output and -o FILE -------------------------------------
rep 0 --as laoban report kpi --month 2026-11 --csv
cp "$OUT" "$T/kpi.csv"
bom "$T/kpi.csv"
expect_out_fixed 'satisfaction,Satisfaction,客户满意度,R43,rate,2026-11,66.6%,2,3,2026-10,—,,,2025-11,—,,'
expect_out_fixed 'callbacks.completion,Callback completion (R47),回访完成率,R47,rate,2026-11,50.0%,2,4,2026-10,—,,,2025-11,—,,'
expect_out_fixed 'bill.issued,Billed (notices issued),开具收费通知金额,R15,money,2026-11,100.00,10000,1,2026-10,350.00,35000,1,2025-11,—,,'
expect_out_fixed 'bill.collected,Collected,实收金额,R19,money,2026-11,60.00,6000,1,2026-10,180.00,18000,1,2025-11,—,,'
expect_out_fixed 'bill.arrears,Arrears (overdue),欠费金额,R15,money,2026-11,210.00,21000,1,2026-10,170.00,17000,1,2025-11,—,,'
no_formula
rep 0 --as laoban report kpi --month 2026-11 --csv -o "$T/nov.csv"
expect_eq "wrote $T/nov.csv" "$(cat "$OUT")" "what -o says"
bom "$T/nov.csv"
expect_eq "$(file_sum "$T/kpi.csv")" "$(file_sum "$T/nov.csv")" \
    "-o FILE holds what standard output shows"
check "the CSV file is the reader's alone" "$(stat -c %a "$T/nov.csv")" = 600
rep 0 --as laoban report kpi --month 2026-10 --csv -o "$T/oct.csv"
expect_eq 1 "$(grep -c '^satisfaction,Satisfaction,客户满意度,R43,rate,2026-10,—,,,2026-09,—,,,2025-10,—,,$' "$T/oct.csv")" \
    "October's satisfaction has no value (CSV)"
expect_eq 1 "$(grep -c '^callbacks.completion,Callback completion (R47),回访完成率,R47,rate,2026-10,—,,,' "$T/oct.csv")" \
    "October's completion has no value: nothing due (CSV)"

# --- sla and trend -----------------------------------------------------------------
rep 0 --as laoban report sla --month 2026-11
expect_out '^Callback completion \(R47\) +2/4 +50\.0% +— +—$'
rep 0 --as laoban report trend callbacks.completion --to 2026-12 --csv
bom "$OUT"
expect_out_fixed 'callbacks.completion,Callback completion (R47),2026-10,—,,'
expect_out_fixed 'callbacks.completion,Callback completion (R47),2026-11,50.0%,2,4'
expect_out_fixed 'callbacks.completion,Callback completion (R47),2026-12,66.6%,2,3'
rep 0 --as laoban report trend satisfaction --to 2026-12 --json
pyjson
expect_json_eq '$.months[10].month' 2026-11
expect_json_eq '$.months[10].value.num' 2
expect_json_eq '$.months[10].value.den' 3
expect_json_eq '$.months[11].value.num' 1
expect_json_eq '$.months[11].value.den' 2
expect_eq null "$(sqlite3 :memory: "SELECT json_type(CAST(readfile('$OUT') AS TEXT), '\$.months[9].value')")" \
    "October: no scored callback (trend JSON)"
rep 0 --as laoban report trend bill.collected --to 2026-12
expect_out '^2026-10 +¥180\.00 '
expect_out '^2026-11 +¥60\.00 '
expect_out '^2026-12 +¥0\.00'

# --- drill: exactly the records behind each figure --------------------------------
drill satisfaction 2026-11 num "$S1,$S2" "S1 very satisfied, S2 satisfied"
drill satisfaction 2026-11 den "$S1,$S2,$S3" "S3 on November's last second"
drill satisfaction 2026-11 missed "$S3" "S3 neutral"
drill satisfaction 2026-12 den "$S4,$S5" "S4 a second after November"
drill satisfaction 2026-12 num "$S5" "S4 dissatisfied"
# Placed by their deadlines: S1 the 10th, S2 the 12th, C1 the 20th, S3
# the 30th.
drill callbacks.completion 2026-11 num "$S1,$S3" "done at the deadline's second"
drill callbacks.completion 2026-11 den "$S1,$S2,$C1,$S3" "every task due"
drill callbacks.completion 2026-11 missed "$S2,$C1" "a second late, and cancelled"
drill callbacks.completion 2026-12 missed "$O1" "not done yet"
drill callbacks.completion 2026-10 den "" "nothing due in October"
drill bill.issued 2026-10 num "$N1,$N2,$N3" "October's notices"
expect_eq 10000,20000,5000 "$(items amount)" "October's notices' amounts"
drill bill.issued 2026-11 num "$N4,$N5" "November's notices"
drill bill.collected 2026-10 num 1,2 "receipts 1 and 2, not the void 3"
expect_eq 10000,8000 "$(items amount)" "October's receipts' amounts"
drill bill.collected 2026-11 num 4 "receipt 4 on the last second"
drill bill.collected 2026-12 num "" "receipt 5 voided"
drill bill.arrears 2026-10 num "$N2,$N3" "the part paid, the voided"
expect_eq 12000,5000 "$(items amount)" "what N2 and N3 owed at October's end"
drill bill.arrears 2026-11 num "$N2,$N3,$N5" "owed at November's end"
expect_eq 12000,5000,4000 "$(items amount)" "what each owed at November's end"
drill bill.arrears 2026-12 num "$N2,$N3,$N5" "owed now"
expect_eq 12000,5000,4000 "$(items amount)" "receipt 5's 50.00 owed again"
# A count's or money's "den" is its records; nothing is "missed".
drill bill.arrears 2026-11 den "$N2,$N3,$N5" "money's den"
# Text: the records, then how to open one.
rep 0 --as laoban report drill callbacks.completion --month 2026-11 --missed
expect_out '^Callback completion \(R47\) \(callbacks\.completion\), November 2026, the whole service, missed: 2$'
# (a second late within the deadline's minute: both to the second)
expect_out "^callback +$S2  2026-11-12 10:00  #$S2 赵敏 · 回访二 — due 2026-11-12 10:00:00, done 2026-11-12 10:00:01$"
expect_out "^callback +$C1  2026-11-20 12:00  #$C1 李军 · 回访四 — due 2026-11-20 12:00, not done$"
expect_eq 5 "$(out_lines)" "a title, a header, two tasks and the last line"
check "the last line names how to open one" -n "$(tail -n 1 "$OUT" | grep -E '^\(open one with (kefu callback show ID|the Callbacks screen \(F6\))\)$')"
rep 0 --as laoban report drill satisfaction --month 2026-11 --missed
expect_out "^callback +$S3  2026-11-30 23:59  #$S3 @陈某 · 回访三 — neutral$"
check "the last line names how to open one" -n "$(tail -n 1 "$OUT" | grep -E '^\(open one with ')"
rep 0 --as laoban report drill bill.arrears --month 2026-11
expect_out '^Arrears \(overdue\) \(bill\.arrears\), November 2026, the whole service, num: 3$'
expect_out "^notice +$N2  2026-10-20 23:59  ¥120\\.00 #$N2 2026-10 · 赵敏$"
expect_out "^notice +$N3  2026-10-20 23:59  ¥50\\.00 #$N3 2026-10 · @陈某$"
expect_out "^notice +$N5  2026-11-20 23:59  ¥40\\.00 #$N5 2026-11 · 赵敏$"
expect_eq '(open one with kefu notice show ID)' "$(tail -n 1 "$OUT")" \
    "the arrears drill-down names kefu notice show ID"
# ... and it opens the drilled notice by that id.
run env KEFU_NOW="$REPORT_NOW" "$KEFU" --db "$DB" --as laoban notice show "$N2"
expect_eq 0 "$RC" "kefu notice show $N2 opens the drilled notice"
rep 0 --as laoban report drill bill.collected --month 2026-10
expect_out '^payment +1  2026-10-10 10:00  ¥100\.00 receipt 1 · 李军$'
expect_out '^payment +2  2026-10-15 10:00  ¥80\.00 receipt 2 · 赵敏$'
expect_out_not 'receipt 3'
check "the last line names how to open one" -n "$(tail -n 1 "$OUT" | grep -E '^\(open one with kefu receipt show NUMBER\)$')"
# The drill-down's CSV: the BOM, amounts in yuan, and the customer whose
# name starts with @ only inside a label.
rep 0 --as laoban report drill bill.arrears --month 2026-11 --csv -o "$T/arrears.csv"
bom "$T/arrears.csv"
cp "$T/arrears.csv" "$OUT"
expect_out_fixed $'\xef\xbb\xbfkind,id,when,amount,label'
expect_out_fixed "notice,$N2,2026-10-20 23:59,120.00,#$N2 2026-10 · 赵敏"
expect_out_fixed "notice,$N3,2026-10-20 23:59,50.00,#$N3 2026-10 · @陈某"
expect_out_fixed "notice,$N5,2026-11-20 23:59,40.00,#$N5 2026-11 · 赵敏"
expect_eq 4 "$(out_lines)" "the arrears CSV: a header and three notices"
no_formula
rep 0 --as laoban report drill callbacks.completion --month 2026-11 --den --csv
bom "$OUT"
# (a label with a comma is quoted)
expect_out_fixed "callback,$S3,2026-11-30 23:59,,\"#$S3 @陈某 · 回访三 — due 2026-11-30 23:59:59, done 2026-11-30 23:59:59\""
no_formula

# The collected figure's drill-down names the read-only way to open a
# receipt, `kefu receipt show NUMBER` (its lines say "receipt N"), never
# `receipt print`, which writes (an audit row, the print count: R19's
# original would be used up by a supervisor reading a report).
# Following it (on a copy of the database, as the supervisor, with a
# drilled receipt's number) writes nothing.
rep 0 --as laoban report drill bill.collected --month 2026-11
expect_eq '(open one with kefu receipt show NUMBER)' "$(tail -n 1 "$OUT")" \
    "the collected drill-down names the read-only receipt show"
FOLLOW=$(tail -n 1 "$OUT" | sed -n 's/^(open one with kefu \(receipt [a-z]* \)NUMBER)$/\1/p')
check "the last line names a receipt command" -n "$FOLLOW"
RNO=$(sed -n 's/.*receipt \([0-9][0-9]*\) · .*/\1/p' "$OUT" | head -n 1)
check "a drilled line names its receipt number" -n "$RNO"
cp "$DB" "$T/follow.db"
before=$(file_sum "$T/follow.db")
rows=$(audit_rows "$T/follow.db")
# shellcheck disable=SC2086 # FOLLOW is the verb and its subcommand
run env KEFU_NOW="$REPORT_NOW" "$KEFU" --db "$T/follow.db" --as laoban \
    $FOLLOW "$RNO"
expect_eq 0 "$RC" "the named command opens receipt $RNO"
expect_eq "$rows" "$(audit_rows "$T/follow.db")" \
    "opening a receipt the drill-down names adds no audit row"
expect_eq "$before" "$(file_sum "$T/follow.db")" \
    "opening a receipt the drill-down names leaves the database as it was"

# --- staff: who did it; money has no person ----------------------------------------
FIGS=satisfaction,callbacks.completion,bill.issued,bill.collected,bill.arrears
rep 0 --as laoban report staff --month 2026-11 --kpi "$FIGS"
expect_out '^By staff: November 2026 \(2026-11\)$'
expect_out '^王芳 +50\.0% +100\.0% +— +¥0\.00 +—$'
expect_out '^李明 +100\.0% +0\.0% +— +¥0\.00 +—$'
# Collected is the billing clerk's who took the money (docs/reports.md);
# billed and arrears belong to no one: "—".
expect_out '^收费员 +— +— +— +¥60\.00 +—$'
rep 0 --as laoban report staff --month 2026-11 --kpi "$FIGS" --json
pyjson
expect_eq 1 "$(group wangfang satisfaction num)" "wangfang's satisfied (S1)"
expect_eq 2 "$(group wangfang satisfaction den)" "wangfang's scored (S1, S3)"
expect_eq 2 "$(group wangfang callbacks.completion num)" "wangfang's on time"
expect_eq 0 "$(group liming callbacks.completion num)" "liming's on time"
expect_eq 2 "$(group liming callbacks.completion den)" "liming's due: S2 and C1"
expect_eq 6000 "$(group shoufei bill.collected num)" "shoufei took 60.00"
rep 0 --as laoban report staff --month 2026-11 --kpi "$FIGS" --csv -o "$T/staff.csv"
bom "$T/staff.csv"
cp "$T/staff.csv" "$OUT"
expect_out_fixed $'\xef\xbb\xbfperiod,staff,login,satisfaction,callbacks.completion,bill.issued,bill.collected,bill.arrears'
expect_out_fixed '2026-11,王芳,wangfang,50.0%,100.0%,—,0.00,—'
expect_out_fixed '2026-11,李明,liming,100.0%,0.0%,—,0.00,—'
expect_out_fixed '2026-11,收费员,shoufei,—,—,—,60.00,—'
# One person's report: money by person has no value, not 0.
rep 0 --as laoban report kpi --month 2026-11 --staff liming --json
pyjson
expect_eq 0 "$(row callbacks.completion cur.num)" "liming: nothing on time"
expect_eq 2 "$(row callbacks.completion cur.den)" "liming: S2 late, C1 cancelled"
expect_eq 0 "$(row callbacks.completion cur.permille)" "liming: a real 0.0%"
expect_eq null "$(rowtype bill.issued cur)" "billed by person: no value"
expect_eq null "$(rowtype bill.arrears cur)" "arrears by person: no value"
rep 0 --as laoban report kpi --month 2026-11 --staff wangfang
expect_out '^Report: November 2026 \(2026-11\), staff wangfang$'
expect_out '^Satisfaction +50\.0% +— +—$'
expect_out '^Callback completion \(R47\) +100\.0% +— +—$'
expect_out '^Billed \(notices issued\) +— +— +—$'
expect_out '^Arrears \(overdue\) +— +— +—$'

# --- by community: the formula-like community is text in the CSV -------------------
rep 0 --as laoban report staff --month 2026-11 --by community --kpi "$FIGS" --csv
bom "$OUT"
expect_out_fixed $'\xef\xbb\xbfperiod,community,key,satisfaction,callbacks.completion,bill.issued,bill.collected,bill.arrears'
expect_out_fixed "2026-11,'+加号苑,,0.0%,100.0%,0.00,0.00,50.00"
expect_out_fixed '2026-11,幸福小区,,100.0%,33.3%,100.00,60.00,160.00'
no_formula
rep 0 --as laoban report kpi --month 2026-11 --community '+加号苑'
expect_out '^Satisfaction +0\.0% +— +—$'
expect_out '^Arrears \(overdue\) +¥50\.00 +¥50\.00 +—$'
rep 0 --as laoban report drill satisfaction --month 2026-11 --community '+加号苑' --den --csv
expect_out_fixed "callback,$S3,2026-11-30 23:59,,#$S3 @陈某 · 回访三"
expect_eq 2 "$(out_lines)" "+加号苑's one scored callback"
no_formula

# --- summary: the quarter with its callback and money figures ---------------------
rep 0 --as laoban report summary --quarter 2026Q4
expect_out '^# 2026年第四季度客服工作总结'
# Q4: S1..S5 scored, S1, S2, S5 very satisfied or satisfied.
expect_out_fixed '满意度达60.0%(评分回访 5 次,非常满意及满意 3 次)'
expect_out '^\| 客户满意度\(R43\) \| 60\.0% \| — \| — \|$'
expect_out '^\| 回访完成率\(R47\) \| 57\.1% \| — \| — \|$'
expect_out '^\| 开具收费通知金额\(R15\) \| ¥450\.00 \| — \| — \|$'
expect_out '^\| 实收金额\(R19\) \| ¥240\.00 \| — \| — \|$'
expect_out '^\| 欠费金额\(R15\) \| ¥210\.00 \| — \| — \|$'
# Under the shortfalls: R47 below 100%, S2, C1 and O1 not on time.
expect_out_fixed '回访完成率 57.1%,未达 R47 要求的 100%(3 项未按时完成)'
rep 0 --as laoban report summary --quarter 2026Q4 --text -o "$T/q4.txt"
expect_eq "wrote $T/q4.txt" "$(cat "$OUT")" "what -o says (summary)"
expect_eq 1 "$(grep -c '^  实收金额(R19):本期 ¥240\.00,上季度 —,去年同期 —$' "$T/q4.txt")" \
    "the plain summary's collected"
expect_eq 1 "$(grep -c '^  欠费金额(R15):本期 ¥210\.00,上季度 —,去年同期 —$' "$T/q4.txt")" \
    "the plain summary's arrears"
expect_eq 1 "$(grep -c '^  回访完成率(R47):本期 57\.1%,上季度 —,去年同期 —$' "$T/q4.txt")" \
    "the plain summary's callback completion"

# --- refused: the billing clerk and the technician (R53), nothing written ----------
for who in shoufei zhangwei; do
	rep 4 --as "$who" report kpi --month 2026-11
	expect_err_fixed "$who may not read reports (R53)"
	rep 4 --as "$who" report kpi --month 2026-11 --csv -o "$T/$who.csv"
	check "no file for $who" ! -e "$T/$who.csv"
	rep 4 --as "$who" report staff --month 2026-11
	rep 4 --as "$who" report sla --month 2026-11
	rep 4 --as "$who" report trend bill.collected --to 2026-12
	rep 4 --as "$who" report drill bill.arrears --month 2026-11
	rep 4 --as "$who" report drill callbacks.completion --month 2026-11 --missed --json
	rep 4 --as "$who" report summary --quarter 2026Q4
done
# kefu check: every record made here replays against its audit trail.
expect_exit 0 kr check

finish
