#!/usr/bin/env bash
# cli_report.sh — reports from the command line (R53, issue 15): the KPI
# table of a month and a quarter as text, JSON and CSV (a byte-order mark,
# a formula-like cell kept as text), the on-time rates, the breakdowns,
# the twelve-month trend, the drill-down to a record that `order show`
# then shows, the quarterly summary in Chinese (stdout and -o FILE), and
# every refusal: a period in the future or before the first record, a
# period spelt wrongly, --csv with --json, a wrong role. A month with no
# records shows its rates as "—", never 0%. After every report the
# database is byte for byte what it was, audit rows included: reports
# only read.
. "$(dirname "$0")/lib.sh" "$@"

NOW=2026-09-15T10:00:00+08:00
kn() { env KEFU_NOW="$NOW" "$KEFU" --db "$DB" "$@"; }
at() { NOW=$1; }
# The reports are read on Tuesday 2026-12-08 10:00 Beijing time.
REPORT_NOW=2026-12-08T10:00:00+08:00
kr() { env KEFU_NOW="$REPORT_NOW" "$KEFU" --db "$DB" "$@"; }
# rep CODE ARGS...: `kefu ARGS` at the report time exits CODE, and the
# database is unchanged after it: the file byte for byte and the audit
# trail's length (a report writes nothing, R53; report.h).
rep() {
	local want=$1 sum audit

	shift
	sum=$(file_sum "$DB")
	audit=$(audit_rows)
	expect_exit "$want" kr "$@"
	expect_eq "$sum" "$(file_sum "$DB")" "the database after 'report $*'"
	expect_eq "$audit" "$(audit_rows)" "the audit rows after 'report $*'"
}
# pyjson: the last stdout parses as JSON with python3's json.tool.
pyjson() {
	[ "$WRONG_EXIT" = 1 ] && return
	if python3 -m json.tool "$OUT" >/dev/null 2>"$T/.py"; then
		pass
	else
		fail "stdout is not JSON for python3 -m json.tool: $(cat "$T/.py")"
	fi
}
# row KEY FIELD: a field of the KPI table's row KEY in the last JSON.
row() {
	sqlite3 :memory: "SELECT json_extract(value, '\$.$2') FROM
	    json_each(json_extract(CAST(readfile('$OUT') AS TEXT), '\$.rows'))
	    WHERE json_extract(value, '\$.key') = '$1'"
}
# order_at LOGIN REPORTED ARRIVED: an equipment order reported at
# REPORTED (due 40 minutes later, R2), acknowledged, assigned to
# zhangwei and arrived at ARRIVED; $ID its number.
order_at() {
	at "$2"
	ID=
	expect_created 'note: open orders nearby ' kn --as "$1" --json \
	    order new --category equipment --fault 灶具打不着火 --customer A-2 ||
	    return
	ID=$(json '$.id')
	expect_exit 0 kn --as diaodu order ack "$ID"
	expect_exit 0 kn --as diaodu order assign "$ID" zhangwei
	at "$3"
	expect_exit 0 kn --as zhangwei order arrive "$ID"
}

fresh_db
expect_exit 0 k user add wangfang 王芳 reception
expect_exit 0 k user add diaodu 调度 dispatcher
expect_exit 0 k user add laoban 老板 supervisor
expect_exit 0 k user add zhangwei 张伟 technician
expect_exit 0 k customer add --name 李军 --account A-2 --phone 13900002222 \
    --community 幸福小区 --building 3号楼 --unit 2单元 --room 301
# A community a spreadsheet would run as a formula (issue 11).
expect_exit 0 k customer add --name 赵敏 --account B-7 --phone 13900007777 \
    --community '=HYPERLINK("http://x","y")' --building 7号楼 --room 101

# --- nothing to report yet --------------------------------------------------
rep 5 report kpi --month 2026-11
expect_err_fixed 'there are no records yet'

# --- the records -------------------------------------------------------------
# September: the first record (2026-09-15 10:00). October: none at all.
at 2026-09-15T10:00:00+08:00
expect_exit 0 kn --as wangfang contact log --purpose inquiry --asked 问水价 \
    --customer A-2
# November: two equipment orders, one on site at its deadline's second
# (on time), one a second after (late, R2); contacts on the 11th and on
# November's last second; a complaint.
order_at wangfang 2026-11-10T09:00:00+08:00 2026-11-10T09:40:00+08:00
ONTIME=$ID
order_at wangfang 2026-11-10T10:00:00+08:00 2026-11-10T10:40:01+08:00
LATE=$ID
at 2026-11-11T09:00:00+08:00
expect_exit 0 kn --as wangfang contact log --purpose inquiry --asked 问燃气费 \
    --customer A-2
expect_exit 0 kn --as wangfang contact log --purpose repair --asked 报修 \
    --channel walk-in --customer B-7
at 2026-11-12T09:00:00+08:00
expect_created 'note: likely duplicates ' kn --as wangfang --json \
    complaint new --customer A-2 --what 抄表员态度差 --place '幸福小区 3号楼' \
    --when 08:30 --channel hotline --category attitude --severity ordinary
CPL=$(json '$.id')
at 2026-12-01T00:30:00+08:00
expect_exit 0 kn --as wangfang contact log --purpose inquiry --asked 末秒 \
    --customer A-2 --at 2026-11-30T23:59:59+08:00
expect_exit 0 kn --as wangfang contact log --purpose inquiry --asked 首秒 \
    --customer A-2 --at 2026-12-01T00:00:00+08:00

# --- kpi: text ---------------------------------------------------------------
rep 0 --as laoban report kpi --month 2026-11
expect_out '^Report: November 2026 \(2026-11\), the whole service$'
expect_out '^Figure +2026-11 +2026-10 +2025-11$'
# November's last second is November's (3 contacts: the 11th twice and
# 23:59:59 on the 30th); October had none; November 2025 is before the
# first record: "—".
expect_out '^Contacts received +3 +0 +—$'
expect_out '^  Walk-in +1 +0 +—$'
expect_out '^On-time arrival \(R2\) +50\.0% +— +—$'
expect_out '^  Equipment repairs on time +50\.0% +— +—$'
# No callback scored in November: satisfaction has no value, not 0%.
expect_out '^Satisfaction +— +— +—$'
expect_out '^Complaints received +1 +0 +—$'
# One complaint received and not closed: 0 of 1 is a real 0.0%.
expect_out '^Complaint closure \(R39\) +0\.0% +— +—$'
expect_out_not ' 0\.0% +0\.0%'
# The quarter: October to December; 2026Q4 runs until the 31st.
rep 0 --as laoban report kpi --quarter 2026Q4
expect_out '^Report: 2026 Q4 \(2026Q4\), so far \(to 2026-12-08 10:00\), the whole service$'
expect_out '^Contacts received +4 +1 +—$'
# In Chinese when asked.
rep 0 --as laoban --lang zh_CN report kpi --month 2026-11
expect_out '准时到达率|按时到达'

# --- a month with no records: rates "—", counts 0 -------------------------
rep 0 --as laoban report kpi --month 2026-10
expect_out '^Contacts received +0 +1 +—$'
expect_out '^On-time arrival \(R2\) +— +— +—$'
expect_out '^Complaint closure \(R39\) +— +— +—$'
expect_out_not '[0-9]%'

# --- kpi: JSON ---------------------------------------------------------------
rep 0 --as laoban report kpi --month 2026-11 --json
pyjson
expect_json
expect_json_eq '$.period.key' 2026-11
expect_json_eq '$.prev.key' 2026-10
expect_json_eq '$.last_year.key' 2025-11
expect_json_eq '$.partial' 0
expect_json_eq '$.last_year_before_first' 1
expect_json_eq '$.scope.kind' all
expect_eq 3 "$(row contacts cur.num)" "contacts in November (JSON)"
expect_eq 1 "$(row orders.arrival cur.num)" "arrivals on time (JSON)"
expect_eq 2 "$(row orders.arrival cur.den)" "arrivals decided (JSON)"
expect_eq 500 "$(row orders.arrival cur.permille)" "arrival permille (JSON)"
expect_eq 50.0% "$(row orders.arrival cur.value)" "arrival as shown (JSON)"
expect_eq R39 "$(row cpl.closure rule)" "closure's rule (JSON)"
# No value is null, never 0.
expect_eq null "$(sqlite3 :memory: "SELECT json_type(value, '\$.cur') FROM
    json_each(json_extract(CAST(readfile('$OUT') AS TEXT), '\$.rows'))
    WHERE json_extract(value, '\$.key') = 'satisfaction'")" "satisfaction without a score (JSON)"
expect_eq null "$(sqlite3 :memory: "SELECT json_type(value, '\$.last_year') FROM
    json_each(json_extract(CAST(readfile('$OUT') AS TEXT), '\$.rows'))
    WHERE json_extract(value, '\$.key') = 'contacts'")" "last year before the first record (JSON)"
# --json after the command word too (the global one works the same).
rep 0 --as laoban --json report kpi --month 2026-11
pyjson
# A scope: one technician's figures; money by person has no value.
rep 0 --as laoban report kpi --month 2026-11 --staff zhangwei --json
pyjson
expect_json_eq '$.scope.kind' staff
expect_json_eq '$.scope.login' zhangwei
expect_eq 2 "$(row orders.arrival cur.den)" "zhangwei's arrivals"
expect_eq "" "$(row bill.issued cur.num)" "money by person has no value"
rep 0 --as laoban report kpi --month 2026-11 --role technician --json
expect_json_eq '$.scope.role' technician
expect_eq 2 "$(row orders.arrival cur.den)" "the technicians' arrivals"
rep 0 --as laoban report kpi --month 2026-11 --community 幸福小区
expect_out '^Report: November 2026 \(2026-11\), community 幸福小区$'
expect_out '^Contacts received +2 +0 +—$'

# --- kpi: CSV ----------------------------------------------------------------
rep 0 --as laoban report kpi --month 2026-11 --csv
cp "$OUT" "$T/kpi.csv"
expect_eq efbbbf "$(head -c 3 "$T/kpi.csv" | od -An -tx1 | tr -d ' \n')" "the CSV starts with a UTF-8 byte-order mark"
expect_out_fixed $'\xef\xbb\xbfkey,figure,term,rule,kind,period,value,num,den,prev_period,prev_value,prev_num,prev_den,last_year_period,last_year_value,last_year_num,last_year_den'
expect_out_fixed 'contacts,Contacts received,接听电话/在线咨询量,R53,count,2026-11,3,3,1,2026-10,0,0,1,2025-11,—,,'
expect_out_fixed 'orders.arrival,On-time arrival (R2),准时到达率,R2,rate,2026-11,50.0%,1,2,2026-10,—,,,2025-11,—,,'
expect_out_fixed 'satisfaction,Satisfaction,客户满意度,R43,rate,2026-11,—,,,2026-10,—,,,2025-11,—,,'
expect_out_fixed 'bill.issued,Billed (notices issued),开具收费通知金额,R15,money,2026-11,0.00,0,1,'
# One record a line; the CSV reads back through the project's reader
# (customer import's), so no row is malformed: a count of rows.
expect_eq $((1 + 40)) "$(out_lines)" "the KPI CSV: a header and a row for each of the 40 figures"
check "the KPI CSV has no carriage return (csv.h writes LF)" -z "$(tr -cd '\r' <"$T/kpi.csv")"
# Refused together.
# -o FILE: the CSV into a file of the reader's alone, "wrote FILE" said;
# a refused report creates no file and leaves an old one alone.
rep 0 --as laoban report kpi --month 2026-11 --csv -o "$T/nov.csv"
expect_eq "wrote $T/nov.csv" "$(cat "$OUT")" "what -o says"
expect_eq "$(file_sum "$T/kpi.csv")" "$(file_sum "$T/nov.csv")" "-o writes what standard output shows"
check "the CSV file is the reader's alone" "$(stat -c %a "$T/nov.csv")" = 600
rep 5 --as laoban report kpi --month 2027-11 --csv -o "$T/future.csv"
check "a refused report makes no file" ! -e "$T/future.csv"
rep 5 --as laoban report kpi --month 2027-11 --csv --out "$T/nov.csv"
expect_eq "$(file_sum "$T/kpi.csv")" "$(file_sum "$T/nov.csv")" "a refused report leaves the file as it was"
rep 6 --as laoban report kpi --month 2026-11 -o "$T/no/such/dir.txt"
expect_err_fixed "cannot write $T/no/such/dir.txt"
rep 1 --as laoban report kpi --month 2026-11 --csv --json
expect_err_fixed 'give --csv or --json, not both'
rep 1 --as laoban --json report kpi --month 2026-11 --csv
expect_err_fixed 'give --csv or --json, not both'

# --- staff: by person, team and community ----------------------------------
rep 0 --as laoban report staff --month 2026-11
expect_out '^By staff: November 2026 \(2026-11\)$'
expect_out '^张伟 +0 +— +0 +— +— +50\.0% +— +—$'
expect_out '^王芳 +3 '
expect_out '^arrival = On-time arrival \(R2\)$'
rep 0 --as laoban report staff --month 2026-11 --by role
expect_out '^Team '
rep 0 --as laoban report staff --month 2026-11 --json
pyjson
check "zhangwei in the staff breakdown" "$(sqlite3 :memory: "SELECT json_extract(value, '\$.figures.\"orders.arrival\".num') FROM json_each(json_extract(CAST(readfile('$OUT') AS TEXT), '\$.groups')) WHERE json_extract(value, '\$.login') = 'zhangwei'")" = 1
# The community that looks like a formula is text in the CSV: behind a
# single quote, its quotes doubled (csv.h, docs/csv.md).
rep 0 --as laoban report staff --month 2026-11 --by community --csv \
    --kpi contacts,orders.arrival
expect_eq efbbbf "$(head -c 3 "$OUT" | od -An -tx1 | tr -d ' \n')" "the breakdown CSV's byte-order mark"
expect_out_fixed $'\xef\xbb\xbfperiod,community,key,contacts,orders.arrival'
expect_out_fixed '2026-11,"'"'"'=HYPERLINK(""http://x"",""y"")",,1,—'
expect_out_fixed '2026-11,幸福小区,,2,50.0%'
expect_out_not '^2026-11,=|,=HYPERLINK|^=|,"=|,[+@-][^0-9]'
rep 0 --as laoban report staff --month 2026-11 --by community
# (cut to the name column's 20 cells in the table)
expect_out '^=HYPERLINK\("http://x +1 '
rep 1 --as laoban report staff --month 2026-11 --by floor
expect_err_fixed '--by takes staff, role or community'
rep 1 --as laoban report staff --month 2026-11 --kpi contacts,nonsense
expect_err_fixed 'no figure "nonsense"'
rep 1 --as laoban report staff --month 2026-11 --staff zhangwei
expect_err_fixed 'option --staff does not apply here'

# --- sla: the on-time rates --------------------------------------------------
rep 0 --as laoban report sla --month 2026-11
expect_out '^On time: November 2026 \(2026-11\), the whole service$'
expect_out '^On-time arrival \(R2\) +1/2 +50\.0% +— +—$'
expect_out '^Callback completion \(R47\) +— +— +— +—$'
expect_out_not '^Contacts received'
rep 0 --as laoban report sla --month 2026-11 --csv
expect_out_fixed 'orders.arrival,On-time arrival (R2),准时到达率,R2,rate,2026-11,50.0%,1,2,'
expect_out_not '^contacts,'

# --- trend: twelve months ------------------------------------------------------
rep 0 --as laoban report trend orders.arrival --to 2026-11
expect_eq 14 "$(out_lines)" "the trend: a title, a blank line and twelve months"
expect_out '^On-time arrival \(R2\) \(orders.arrival\), twelve months to November 2026, the whole service$'
expect_out '^2025-12 +—$'
expect_out '^2026-10 +—$'
expect_out '^2026-11 +50\.0%  █{20}$'
rep 0 --as laoban report trend contacts --to 2026Q4 --json
pyjson
expect_json_eq '$.months[0].month' 2026-01
expect_json_eq '$.months[11].month' 2026-12
expect_json_eq '$.months[11].value.num' 1
expect_json_eq '$.months[10].value.num' 3
expect_json_eq '$.months[9].value.num' 0
expect_eq null "$(sqlite3 :memory: "SELECT json_type(CAST(readfile('$OUT') AS TEXT), '\$.months[0].value')")" "a month before the first record (JSON)"
rep 0 --as laoban report trend contacts --to 2026-11 --csv
expect_out_fixed 'contacts,Contacts received,2026-11,3,3,1'
expect_out_fixed 'contacts,Contacts received,2026-08,—,,'
rep 1 --as laoban report trend --to 2026-11
expect_err_fixed 'needs a figure'
rep 1 --as laoban report trend orders.nothing --to 2026-11
expect_err_fixed 'no figure "orders.nothing"'
rep 5 --as laoban report trend contacts --to 2027-01
expect_err_fixed '2027-01 has not begun'

# --- drill: from a figure to its records, and to one record ----------------
rep 0 --as laoban report drill orders.arrival --month 2026-11 --missed
expect_out '^On-time arrival \(R2\) \(orders.arrival\), November 2026, the whole service, missed: 1$'
expect_out "^order +$LATE  2026-11-10 10:40  #$LATE "
expect_out '^\(open one with kefu order show ID\)$'
rep 0 --as laoban report drill orders.arrival --month 2026-11 --missed --json
pyjson
expect_json_eq '$.part' missed
expect_json_eq '$.total' 1
expect_json_eq '$.items[0].kind' order
expect_json_eq '$.items[0].id' "$LATE"
DRILLED=$(json '$.items[0].id')
# ... and the record itself, on its own page.
expect_exit 0 kr --as laoban order show "$DRILLED"
expect_out "^order: +$LATE$"
expect_out '^deadline: +2026-11-10 10:40 \(on site\), late$'
rep 0 --as laoban report drill orders.arrival --month 2026-11 --num --json
expect_json_eq '$.total' 1
expect_json_eq '$.items[0].id' "$ONTIME"
rep 0 --as laoban report drill orders.arrival --month 2026-11 --den --csv
expect_eq efbbbf "$(head -c 3 "$OUT" | od -An -tx1 | tr -d ' \n')" "the drill CSV's byte-order mark"
expect_out_fixed $'\xef\xbb\xbfkind,id,when,amount,label'
# Deadline and arrival in one minute: to the second, so the late one reads late.
expect_out_fixed "order,$ONTIME,2026-11-10 09:40,,\"#$ONTIME 幸福小区 3号楼 2单元 301 · 灶具打不着火 — due 2026-11-10 09:40:00, met 2026-11-10 09:40:00\""
expect_out_fixed "order,$LATE,2026-11-10 10:40,,\"#$LATE 幸福小区 3号楼 2单元 301 · 灶具打不着火 — due 2026-11-10 10:40:00, met 2026-11-10 10:40:01\""
expect_eq 3 "$(out_lines)" "the drill CSV: a header and two orders"
# --limit: the first, and the total said.
rep 0 --as laoban report drill contacts --quarter 2026Q4 --limit 2
expect_out '^Contacts received \(contacts\), 2026 Q4, the whole service, num: 4$'
expect_out '^\(2 of 4 shown: --limit N or --all for more; open one with kefu contact show ID\)$'
rep 0 --as laoban report drill contacts --quarter 2026Q4 --all --json
expect_eq 4 "$(sqlite3 :memory: "SELECT json_array_length(CAST(readfile('$OUT') AS TEXT), '\$.items')")" "--all lists every contact"
# The complaint behind closure's missed part.
rep 0 --as laoban report drill cpl.closure --month 2026-11 --missed --json
expect_json_eq '$.items[0].kind' complaint
expect_json_eq '$.items[0].id' "$CPL"
rep 1 --as laoban report drill orders.arrival --month 2026-11 --num --missed
expect_err_fixed 'give one of --num, --den and --missed'
rep 1 --as laoban report drill orders.arrival --month 2026-11 --limit 0
expect_err_fixed '--limit must be 1 or more'

# --- summary: the quarter, in Chinese ------------------------------------------
rep 0 --as laoban report summary --quarter 2026Q4
expect_out '^# 2026年第四季度客服工作总结'
expect_out '亮点工作'
expect_out '不足之处'
expect_out '提示'
rep 0 --as laoban report summary --quarter 2026Q4 --text
expect_out '^2026年第四季度客服工作总结'
expect_out_not '^#'
rep 0 --as laoban report summary --quarter 2026Q4 -o "$T/q4.md"
expect_out_fixed "wrote $T/q4.md"
check "the summary file is written" -s "$T/q4.md"
check "the summary file is the reader's alone" "$(stat -c %a "$T/q4.md")" = 600
expect_eq "$(env KEFU_NOW="$REPORT_NOW" "$KEFU" --db "$DB" --as laoban report summary --quarter 2026Q4 | sha256sum)" \
    "$(sha256sum <"$T/q4.md")" "the file holds what standard output shows"
rep 0 --as laoban report summary --quarter 2026Q4 --json
pyjson
expect_json_eq '$.format' markdown
# A refused summary leaves the file alone.
before=$(file_sum "$T/q4.md")
rep 5 --as laoban report summary --quarter 2027Q1 -o "$T/q4.md"
expect_eq "$before" "$(file_sum "$T/q4.md")" "a refused summary does not touch its file"
rep 1 --as laoban report summary --quarter 2026Q4 --markdown --text
expect_err_fixed 'give --markdown or --text, not both'
rep 1 --as laoban report summary --quarter 2026Q4 --csv
expect_err_fixed 'option --csv does not apply here'

# --- refusals ------------------------------------------------------------------
# A period not yet begun, or over before the first record: a refusal,
# not a table of zeros (exit 5).
rep 5 --as laoban report kpi --month 2027-01
expect_err_fixed '2027-01 has not begun'
rep 5 --as laoban report kpi --month 2026-08
expect_err_fixed '2026-08 ends before the first record (2026-09-15 10:00)'
rep 5 --as laoban report kpi --quarter 2026Q2
expect_err_fixed 'ends before the first record'
rep 5 --as laoban report drill contacts --month 2026-08
# The month of the first record is reported; the month now running too.
rep 0 --as laoban report kpi --month 2026-09
expect_out '^Contacts received +1 +— +—$'
rep 0 --as laoban report kpi --month 2026-12
expect_out 'so far \(to 2026-12-08 10:00\)'
# Spelt wrongly (exit 1), naming the two forms.
for bad in 2026Q5 2026-13 'Q4 2026' 2026-4 '' 2026Q0 26-11; do
	case $bad in
	*Q*)	rep 1 --as laoban report kpi --quarter "$bad" ;;
	*)	rep 1 --as laoban report kpi --month "$bad" ;;
	esac
	expect_err_fixed "is not a period: write a month as YYYY-MM (2026-11) or a quarter as YYYYQn (2026Q4)"
done
rep 1 --as laoban report kpi --month 2026Q4
expect_err_fixed '--month takes a month, YYYY-MM (2026-11)'
rep 1 --as laoban report kpi --quarter 2026-11
expect_err_fixed '--quarter takes a quarter, YYYYQn (2026Q4)'
rep 1 --as laoban report kpi
expect_err_fixed 'needs a period'
rep 1 --as laoban report kpi --month 2026-10 --quarter 2026Q4
expect_err_fixed 'give --month or --quarter, not both'
rep 1 --as laoban report kpi --month 2026-11 --staff zhangwei --role technician
expect_err_fixed 'give one scope'
rep 2 --as laoban report kpi --month 2026-11 --staff nobody
rep 1 --as laoban report kpi --month 2026-11 --role technician,billing
expect_err_fixed '--role takes one role'
rep 1 --as laoban report kpi --month 2026-11 --limit 5
expect_err_fixed 'option --limit does not apply here'
rep 1 --as laoban report
expect_err_fixed 'needs a verb'
rep 1 --as laoban report chart --month 2026-11
expect_err_fixed "unknown verb 'chart'"
# --month last: the month before this one (cron's).
rep 0 --as laoban report kpi --month last --json
expect_json_eq '$.period.key' 2026-11
rep 0 --as laoban report kpi --quarter last --json
expect_json_eq '$.period.key' 2026Q3
# Supervisors and admins only.
rep 4 --as wangfang report kpi --month 2026-11
rep 4 --as zhangwei report drill orders.arrival --month 2026-11 --missed
rep 0 report kpi --month 2026-11
# Help without a database.
expect_exit 0 kefu report --help
expect_out '^usage: kefu report kpi PERIOD'
expect_exit 0 kefu --help
expect_out '^  report +reports \(R53\)'

finish
