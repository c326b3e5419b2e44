# billing_lib.sh — a month at the billing desk on the F5 screen, for the
# tui_billing*.sh scenarios (sourced after lib.sh; L and the size chosen
# by the scenario). Not a scenario itself (CMake runs tui_*.sh only).
#
# The house: community 测试苑, building 3号楼, three flats with a water
# meter each (W-301..W-303, 5 digits), water at 3.45 a m³. October was
# read and its notices issued on 2026-10-28 (due 11-12, 15 days overdue
# at $NOW, 2026-11-27): the arrears list holds all three.
#
#   billing_setup        the data above, by the CLI (and the scenario's
#                        billing_setup_more, when it has one, before the
#                        October run)
#   billing_month COLS ROWS
#                        the desk's month in one session of that size:
#                        November's readings in one pass (W-302's 9 below
#                        its last 500 refused, then marked replaced; a
#                        spike confirmed), the run (its preview, then all
#                        three notices), a notice printed and the CSV, a
#                        payment from the arrears list (it shrinks), the
#                        receipt printed twice (the copy says 重打), chasing

billing_setup() {
	demo_db
	local c
	for c in "张三 T-301 13900001111 301" "李四 T-302 13900002222 302" \
	    "王五 T-303 13900003333 303"; do
		set -- $c
		k customer add --name "$1" --account "$2" --phone "$3" \
		    --community 测试苑 --building 3号楼 --room "$4" \
		    --move-in 2019-06-01 >/dev/null || die "customer add $2"
	done
	k rate add water 2026-01 3.45 >/dev/null || die "rate add water"
	for c in 1 2 3; do
		k --as zhaomin meter add W-30$c water --customer T-30$c \
		    --position $c --digits 5 >/dev/null || die "meter add W-30$c"
	done
	for c in W-301:30 W-302:500 W-303:40; do
		KEFU_NOW=2026-10-28T10:00 k --as zhaomin reading enter \
		    "${c%%:*}" 2026-10 "${c##*:}" >/dev/null ||
		    die "reading enter $c"
	done
	# A scenario's own meters are read before the run: an issued month
	# takes no more readings for its community (R15).
	! declare -F billing_setup_more >/dev/null || billing_setup_more
	KEFU_NOW=2026-10-28T11:00 k --as zhaomin notice run --period 2026-10 \
	    --community 测试苑 >/dev/null || die "notice run 2026-10"
}

# The value keyed into the reading form's field, and Enter.
read_in() {
	typein "$1"
	keys Enter
}

billing_month() {
	local cols=$1 rows=$2 lang=en
	[ "$L" = en ] || lang=zh_CN
	kefu_start desk "$cols" "$rows" --lang "$lang" --as zhaomin
	# The billing clerk starts at F5, on the account panel's search.
	wait_for "$(t "Meter readings")"
	wait_for "$(t "Find:")"
	expect_line 0 "F5 $(ere "$(t Billing)") \\(3\\)"	# 3 owe overdue

	# --- November's readings, one pass through 3号楼 (R13) -------------
	keys Tab
	wait_for "$(t "No meters here: b chooses the community and building.")"
	keys b
	wait_for "$(t "Community, building, month")"
	typein 测试苑
	keys Tab
	typein 3号楼
	keys F2
	wait_re '^ W-301 +301 +张三 +2026-10 +30 +30 *$'
	keys Enter
	wait_for "$(t "Meter reading")"
	wait_re "$(ere "$(t "Last reading")") *: 30  \\(2026-10\\)"
	read_in 66
	wait_for "W-302  302 李四  2026-11"		# the next meter comes up
	wait_re "$(ere "$(t "Last reading")") *: 500  \\(2026-10\\)"
	expect_re '^ W-301 +301 .* 66 \+36'
	read_in 9				# below the last: refused, asked
	wait_for "$(t "The meter was replaced (a new meter)")"
	expect_screen "$(t "The meter rolled over (past its last digit)")"
	expect_re 'W-302.*500'			# the core's words (R13)
	keys Enter				# replaced: its start is asked
	wait_for "$(t "New meter's start")"
	expect_re "$(ere "$(t Reading)") *: 9 "		# the value kept
	keys Enter
	wait_for "W-303  303 王五  2026-11"
	expect_re '^ W-302 +302 .* 9 \+9'
	check "W-302's November reading is marked replaced" \
	    "$(sqlite3 "$DB" "SELECT r.kind FROM reading r JOIN meter m ON m.id = r.meter_id WHERE m.code = 'W-302' AND r.period = '2026-11'")" = 1
	read_in 200				# usage 160 > 300% of 40: a spike
	wait_for "$(t "y: yes    n/Esc: no")"
	expect_re '160.*W-303|W-303.*160'		# the core's words (R13)
	keys n					# no: the value stays for correction
	wait_gone "$(t "Confirm")"
	expect_re "$(ere "$(t Reading)") *: 200 "
	keys BSpace BSpace BSpace
	read_in 50
	wait_for "$(tf "Meter %s: %lld, usage %lld. The round is done." W-303 50 10)"
	expect_re '^ W-303 +303 .* 50 \+10'

	# --- the notice run: what it will issue, then all of it (R15) -------
	keys Tab
	wait_for "$(tf "%s  month %s  %zu notices" 测试苑 2026-11 0)"
	keys R
	wait_for "$(t "y: yes    n/Esc: no")"
	# The preview: 36+9+10 m³ x 3.45 for 3 customers (the wrap of a
	# Chinese line may fall inside a number: English only).
	[ "$L" != en ] || expect_re 'customers are charged 189\.75'
	keys y
	wait_for "$(tf "Issued %lld notices of %s for %s (No. %lld to %lld), total %s." 3 2026-11 测试苑 1 3 189.75)"
	wait_re '^ 2026-11-000001 +张三 +124\.20 +227\.70 +0\.00 '
	expect_re '^ 2026-11-000003 +王五 +34\.50 +172\.50 +0\.00 '
	keys w
	wait_for "$(tf "Notice %s printed to %s." 2026-11-000001 ./notice-2026-11-000001.txt)"
	check "the printed notice names its number" \
	    "$(grep -c 2026-11-000001 "$T/notice-2026-11-000001.txt")" -ge 1
	check "the printed notice is 80 columns at most" \
	    "$(wc -L <"$T/notice-2026-11-000001.txt")" -le 80
	keys e
	wait_for "$(tf "%zu lines written to %s." 3 ./notices-2026-11-测试苑.csv)"
	check "the CSV has a line per notice line" \
	    "$(grep -c '^2026-11-00000' "$T/notices-2026-11-测试苑.csv")" -eq 3
	keys R					# a second run: nothing twice
	wait_for "$(t "y: yes    n/Esc: no")"
	keys y
	wait_for zhaomin			# "issued already by zhaomin"
	expect_re '^ 2026-11-000003 +王五 '
	expect_no '2026-11-000004'

	# --- arrears by age; a payment shrinks the list (R15, R19) ----------
	keys Tab
	wait_re '^ 李四 +15 +1725\.00 +1725\.00'
	expect_re '^ 王五 +15 +138\.00 +138\.00'
	expect_re '^ 张三 +15 +103\.50 +103\.50'
	expect_re "0-30 1966\\.50"
	keys a
	wait_for "$(t "over 90 days")"
	keys Down Down Down Down Enter		# over 90: nobody
	wait_for "$(t "Nobody owes anything overdue.")"
	keys a
	wait_for "$(t "over 90 days")"
	keys Up Up Up Enter			# 0-30: all three
	wait_re '^ 李四 +15 +1725\.00'
	keys p
	wait_for "$(t "Take a payment")"
	wait_re "$(ere "$(t Balance)") *: 1756\\.05"	# October's and November's
	typein 1725
	keys F2
	# Taken on the arrears list, where r is not a key: its account is.
	wait_for "$(tf "Receipt No. %lld: %s from %s; balance %s. Enter, then r prints it." 1 1725.00 李四 31.05)"
	wait_gone "李四"			# the list shrinks
	expect_re '^ 王五 +15 +138\.00'
	expect_line 0 "F5 $(ere "$(t Billing)") \\(2\\)"
	keys c					# chasing 王五 (R15)
	wait_for "$(t "Next step")"
	keys Tab
	typein 月底前交
	keys Tab
	typein 下周再打电话
	keys F2
	wait_for "$(t "Chasing recorded (R15).")"
	wait_re "^ 王五 +15 +138\\.00 +138\\.00 +$(tf "%lldx %s" 1 11-27)"

	# --- the account; the receipt printed, then a copy (R19) ------------
	keys Tab
	wait_for "$(t "Find:")"
	typein T-302
	wait_re '^ T-302 +李四 '
	keys Enter
	wait_re "T-302  李四 .* 31\\.05"
	expect_re '^ 2026-11-27 receipt 000001|^ 2026-11-27 收据 000001'
	expect_re '^ 2026-10-28 2026-10-000002 2026-10 +1725\.00 +1725\.00 +1725\.00 +0\.00'
	expect_re '1725\.00 .*2026-10-000002$'		# what it paid
	keys r
	wait_for "$(tf "Receipt No. %lld printed to %s." 1 ./receipt-000001.txt)"
	check "the first print is the original" \
	    "$(grep -c 重打 "$T/receipt-000001.txt")" -eq 0
	keys r
	wait_for "重打"
	check "the second print says 重打" \
	    "$(grep -c 重打 "$T/receipt-000001.txt")" -ge 1
	keys Down				# November's notice and its line
	wait_re "3\\.45"
	expect_re '31\.05  水费  W-302'			# the line's source
	keys x					# a clerk may not void (R19)
	wait_re "R19|denied|不允许|无权"
}
