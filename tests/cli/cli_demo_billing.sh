#!/bin/bash
# scripts/demo.sh's billing (F5 is not empty in `make run`): 翠湖苑 5号楼's
# rates, four flats with areas and water meters, two months read,
# October's notices, a payment in full, one in part, a chase; the same
# amounts every time (fixed dates), and the file passes `kefu check`.
. "$(dirname "$0")/lib.sh" "$@"
DEMO=$(cd "$(dirname "$0")/../../scripts" && pwd)/demo.sh

demo() {	# DB: the demo with its billing, without today's contacts
	KEFU_NOW=2026-12-01T09:00 KEFU_DEMO_CONTACTS=0 KEFU_DEMO_BILLING=1 \
	    sh "$DEMO" "$KEFU" "$1" >/dev/null
}
expect_exit 0 demo "$DB"
q() { sqlite3 "$DB" "$1"; }

expect_exit 0 k check
expect_out '^ok: '
expect_eq 2 "$(q "SELECT count(*) FROM rate WHERE community = '翠湖苑'")" "the community's rates"
expect_eq 4 "$(q "SELECT count(*) FROM meter WHERE community = '翠湖苑'")" "its water meters"
expect_eq 8 "$(q "SELECT count(*) FROM reading WHERE period IN ('2026-09', '2026-10')")" "two months read"
expect_eq 0 "$(q "SELECT count(*) FROM reading WHERE period = '2026-11'")" "November left to key"
expect_exit 0 k notice list --period 2026-10 --community 翠湖苑
expect_out '^2026-10-000001 +CH-501 +周建国 +273\.09 +273\.09 2026-11-12'
expect_out '^2026-10-000002 +CH-502 +吴秀兰 +190\.65 +50\.00 2026-11-12'
expect_out '^2026-10-000004 +CH-504 +冯丽 +165\.45 +0\.00 2026-11-12'
expect_eq "1|27309|3" "$(q "SELECT no || '|' || amount || '|' || method FROM receipt WHERE no = 1")" "receipt 1: CH-501 in full, mobile"
expect_eq "2|5000" "$(q "SELECT no || '|' || amount FROM receipt WHERE no = 2")" "receipt 2: CH-502 in part"
expect_exit 0 k --as zhaomin arrears list
expect_out '^CH-503 +郑海 +347\.75 .* 2026-11-20 '
expect_out '^3 in arrears: 0-30 653\.85'
# November waits for its readings: a run is refused until they are keyed.
expect_exit 5 k --as zhaomin notice run --period 2026-11 --community 翠湖苑
expect_err '4 meter\(s\) of 翠湖苑 have no reading for 2026-11'

# The same amounts every time.
expect_exit 0 demo "$T/again.db"
expect_eq "$(k notice list --period 2026-10)" \
    "$("$KEFU" --db "$T/again.db" notice list --period 2026-10)" \
    "October's notices of a second demo"
finish
