#!/bin/bash
# F5 Billing at 120x40 in English: the month of tui_billing.sh
# (billing_lib.sh) on a larger terminal; a supervisor may look, and
# void a receipt with a reason (R19), but takes no payment.
. "$(dirname "$0")/lib.sh" "$@"
. "$(dirname "$0")/billing_lib.sh"

# Another community, whose meter is near its last digit (5 digits).
billing_setup_more() {
	k customer add --name 赵六 --account T-401 --phone 13900004444 \
	    --community 别苑 --building 1号楼 --room 101 \
	    --move-in 2019-06-01 >/dev/null || die "customer add T-401"
	k --as zhaomin meter add W-401 water --customer T-401 --position 1 \
	    --digits 5 >/dev/null || die "meter add W-401"
	KEFU_NOW=2026-10-28T10:00 k --as zhaomin reading enter W-401 2026-10 \
	    99990 >/dev/null || die "reading enter W-401"
}
billing_setup
# --- a meter past its last digit: rolled over (R13) --------------------
# (Before the month of 测试苑: once November is issued anywhere, no
# reading of it is taken, R15.)
kefu_start roll 120 40 --lang en --as zhaomin
wait_for "Find:"
keys Tab
wait_for "(* shared meter)"
keys b
wait_for "Community, building, month"
typein 别苑
keys Tab
typein 1号楼
keys F2
wait_re '^ W-401 +101 +赵六 +2026-10 +99990 +99990 *$'
keys Enter
wait_for "W-401  101 赵六  2026-11"
typein 12
keys Enter
wait_for "The meter rolled over (past its last digit)"
keys Down Enter
wait_for "Meter W-401: 12, usage 22. The round is done."
wait_re '^ W-401 +101 .* 12 \+22'
check "W-401's November reading is marked rolled over" \
    "$(sqlite3 "$DB" "SELECT r.kind FROM reading r JOIN meter m ON m.id = r.meter_id WHERE m.code = 'W-401' AND r.period = '2026-11'")" = 2

billing_month 120 40

kefu_start sup 120 40 --lang en --as chenjing
wait_for "Today 0  Queue 0"		# a supervisor lands on Reception
keys F5
wait_for "Meter readings"
expect_no " p pay"			# no payment key for a supervisor
typein T-302
wait_re '^ T-302 +李四 '
keys Enter
wait_re '^ 2026-11-27 receipt 000001'
keys p
barrier
expect_no "Take a payment"
keys x
wait_for "Void a receipt"
keys F2					# no reason: refused
wait_re "reason"
typein 收错了
keys F2
wait_for "Receipt No. 1 is void; its money is owed again."
wait_re '^ 2026-11-27 receipt 000001 void'
wait_re "T-302  李四 .* 1756\\.05"
finish
