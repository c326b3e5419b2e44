#!/bin/bash
# The Dispatch board's fixes of issue 10 ("fix while there"), through the
# real program: the dispatcher 李军 at 80x24 in English and at 120x40 in
# Chinese, the clerk 王芳 at 120x40 in Chinese on Reception (F2):
#   - the top bar's badge: an order reported 41 minutes before NOW is
#     overdue: the Dispatch tab reads "F3 Dispatch (1)" (on the clerk's
#     Reception too, beside her other tab) and the right side "overdue 1";
#     cancelled from the CLI, the badge goes; another overdue one brings
#     it back, and its (late) arrival from the CLI takes it away again; a
#     deadline missed is not shown as "met" (kefu order show: late);
#   - an order late by under a minute (its deadline 30 seconds before
#     NOW) shows "-1m" in LEFT, never "-0m";
#   - an order the dispatcher reports with n shows on his own board at
#     once: within $LIVE seconds, well under the board's 30 s countdown
#     (and a session's own commit does not change its data_version), so
#     it came from the save;
#   - a long board: PgDn past the end shows a whole last page with the
#     last order on the last row; Home and End go to the first and the
#     last, as kefu order list orders them.
. "$(dirname "$0")/lib.sh" "$@"
. "$(dirname "$0")/dispatch_lib.sh"

at_s() {	# SECONDS: $NOW that many seconds earlier, as KEFU_NOW takes it
	date -d "@$((NOW_EPOCH - $1))" +%Y-%m-%dT%H:%M:%S
}
left_of() {	# ID: the LEFT column of order ID's row
	row_line "$1" | awk '{ print $2 }'
}
tab_re() {	# COUNT: an ERE for the Dispatch tab with that badge (0: none)
	if [ "$1" = 0 ]; then
		printf 'F3 %s  ' "$(ere "$(t Dispatch)")"
	else
		printf 'F3 %s \(%s\) ' "$(ere "$(t Dispatch)")" "$1"
	fi
}
top_re() {	# COUNT: the top bar with that badge and overdue count
	printf ' %s.* %s %s  %s$' "$(tab_re "$1")" "$(ere "$(t overdue)")" "$1" "$NOW_HM"
}
badges() {	# COUNT: every session's top bar shows it (no key pressed)
	local s
	for s in li lz fz; do
		use "$s"
		L=${LANG_OF[$s]}
		wait_line 0 "$(top_re "$1")" "$LIVE"
	done
}
declare -A LANG_OF=([li]=en [lz]=zh_CN [fz]=zh_CN)
declare -A ROWS_OF=([li]=24 [lz]=40)

# --- the badge: one overdue order ------------------------------------------
read -r ACC_V _ <<<"${CUST[1]}"
V=$(new_order "$(at_s 2460)" --category equipment --customer "$ACC_V" --fault 热水器漏气)
check "order V was reported" -n "$V"
expect_eq "$((NOW_EPOCH - 60))" "$(jget deadline_at "$(show "$V")")" "deadline of order $V"
kefu_start li 80 24 --lang en --as lijun
kefu_start lz 120 40 --lang zh_CN --as lijun
kefu_start fz 120 40 --lang zh_CN --as wangfang
L=zh_CN
wait_for "$(t Find:)"				# the clerk is on Reception...
expect_line 0 " F2 $(ere "$(t Reception)")  $(tab_re 1)"	# ...her F3 tab counts
badges 1
use li
L=en
expect_line 1 '^ Dispatch board +open 1  overdue 1  due soon 0$'
expect_line 4 "^ $(date -d "@$((NOW_EPOCH - 60))" +%H:%M) -1m +$V +reported "
# Cancelled from the CLI: the badge goes, everywhere.
k --as lijun order cancel "$V" --reason 客户已自行处理 >/dev/null || fail "kefu order cancel $V"
badges 0
use li
L=en
wait_no_row "$V" "$LIVE"
expect_line 1 '^ Dispatch board +open 0  overdue 0  due soon 0$'

# --- another overdue one; its late arrival takes the badge away -------------
read -r ACC_W _ <<<"${CUST[2]}"
W=$(new_order "$(at_s 2460)" --category equipment --customer "$ACC_W" --fault 灶具回火)
check "order W was reported" -n "$W"
badges 1
k --as lijun order ack "$W" >/dev/null || fail "kefu order ack $W"
k --as lijun order assign "$W" zhangwei >/dev/null || fail "kefu order assign $W"
k --as zhangwei order arrive "$W" >/dev/null || fail "kefu order arrive $W"
badges 0
expect_eq "$NOW_EPOCH" "$(jget arrived_at "$(show "$W")")" "arrival of order $W"
check "kefu order show $W does not say its deadline was missed" \
    -n "$(k --as lijun order show "$W" | grep -E '^deadline: .*, late$')"
for s in li lz; do
	use "$s"
	L=${LANG_OF[$s]}
	wait_re "$ROW$W +$(ere "$(t on-site)") " "$LIVE"
	# BUG (report): an arrival after the deadline shows "met" in LEFT.
	check "order $W arrived a minute after its deadline, and LEFT says '$(left_of "$W")' ($L): $(row_line "$W")" \
	    "$(left_of "$W")" != "$(t met)"
done

# --- late by under a minute: -1m, never -0m ------------------------------------
read -r ACC_X _ <<<"${CUST[3]}"
X=$(new_order "$(at_s 2430)" --category equipment --customer "$ACC_X" --fault 报警器误报)
check "order X was reported" -n "$X"
expect_eq "$((NOW_EPOCH - 30))" "$(jget deadline_at "$(show "$X")")" "deadline of order $X (30 s before NOW)"
badges 1
for s in li lz; do
	use "$s"
	L=${LANG_OF[$s]}
	wait_re "$ROW$X " "$LIVE"
	expect_eq -1m "$(left_of "$X")" "LEFT of order $X, late by 30 seconds ($L)"
	expect_no "-0m"
done
use fz
L=zh_CN
keys F3						# the clerk's look at the board
wait_for "$(t Dispatch) (1)"
wait_re "$ROW$X "
expect_eq -1m "$(left_of "$X")" "LEFT of order $X on the clerk's look"
expect_no "-0m"
keys F2
wait_for "$(t Find:)"

# --- n: reported at the board, on it at once ------------------------------
pass=0
for s in li lz; do
	use "$s"
	L=${LANG_OF[$s]}
	pass=$((pass + 1))
	addr="板上报修路$pass号"
	keys n
	wait_for "─ $(t "New work order") "
	keys Tab				# Category -> Address
	typein "$addr"
	keys Tab
	typein 孙八
	keys Tab
	typein "1380000666$pass"
	keys Tab
	typein "灶具漏气$pass"
	wait_for "灶具漏气$pass"
	keys F2
	msg=$(t "Work order %lld reported; due %s.")
	wait_re "$(ere "${msg%%%lld*}")[0-9]+"
	N=$(screen | sed -nE "s/.*$(ere "${msg%%%lld*}")([0-9]+).*/\1/p" | head -1)
	check "no order number in the message ($L)" -n "$N"
	# The board's countdown reloads every 30 s: $LIVE is well under it.
	wait_re "$ROW$N +$(ere "$(t reported)") +$(ere "$(t Gas)") +灶具漏气$pass  $addr" "$LIVE"
	j=$(show "$N")
	expect_eq "$addr" "$(jget address "$j")" "address of order $N"
	expect_eq "灶具漏气$pass" "$(jget fault "$j")" "fault of order $N"
	expect_eq "$NOW_EPOCH" "$(jget reported_at "$j")" "report time of order $N"
	expect_eq 0 "$(jget contact_id "$j")" "order $N came from no call"
done

# --- a long board: PgDn past the end, End, Home --------------------------------
pipe_orders
for i in $(seq 23 40); do			# more than 120x40 shows
	new_order "$NOW" --category pipe --address "测试路 $i 号" \
	    --contact-name 张三 --phone "1380000$(printf %04d "$i")" \
	    --fault "管道漏气 $i" >/dev/null
done
mapfile -t ALL < <(k --as lijun order list --limit 500 | awk 'NR > 1 { print $1 }')
check "kefu order list shows ${#ALL[@]} open orders, not 44" "${#ALL[@]}" -eq 44
FIRST=${ALL[0]}
LASTID=${ALL[${#ALL[@]} - 1]}
expect_eq "$LAST" "$LASTID" "the last order of kefu order list (the major one, due tomorrow)"
for s in li lz; do
	use "$s"
	L=${LANG_OF[$s]}
	rows=${ROWS_OF[$s]}
	page=$((rows - 6))			# rows 4 .. rows-3
	wait_line 1 "$(ere "$(counts 44 1 0)")\$" "$LIVE"
	keys Home
	wait_line 4 "$ROW$FIRST "
	soon _wait "$TUI_TIMEOUT" "the cursor on order $FIRST" _selected "$FIRST" "$FIRST"
	for ((i = 0; i < 44 / page + 2; i++)); do	# more PgDn than pages
		keys NPage
	done
	wait_line $((rows - 3)) "$ROW$LASTID "
	barrier "$(help_tail)"	# every PgDn handled
	expect_line $((rows - 3)) "$ROW$LASTID "	# the last on the last row
	expect_eq "$page" "$(nrows)" "rows of the last page ($L ${rows} rows): a whole page"
	expect_eq "$(printf '%s\n' "${ALL[@]}" | tail -n "$page")" "$(ids)" \
	    "the last page is the last $page of kefu order list ($L)"
	soon _wait "$TUI_TIMEOUT" "the cursor on order $LASTID" _selected "$LASTID" "$LASTID"
	keys Home
	wait_line 4 "$ROW$FIRST "
	soon _wait "$TUI_TIMEOUT" "the cursor on order $FIRST after Home" _selected "$FIRST" "$FIRST"
	expect_eq "$(printf '%s\n' "${ALL[@]}" | head -n "$page")" "$(ids)" \
	    "the first page after Home ($L)"
	keys End
	wait_line $((rows - 3)) "$ROW$LASTID "
	soon _wait "$TUI_TIMEOUT" "the cursor on order $LASTID after End" _selected "$LASTID" "$LASTID"
	expect_eq "$page" "$(nrows)" "rows after End ($L): a whole page"
	keys Home
	wait_line 4 "$ROW$FIRST "
done
finish
