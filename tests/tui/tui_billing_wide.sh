#!/bin/bash
# F5 Billing at 120x40 in English: the month of tui_billing.sh
# (billing_lib.sh) on a larger terminal; a supervisor may look, and
# void a receipt with a reason (R19), but takes no payment.
. "$(dirname "$0")/lib.sh" "$@"
. "$(dirname "$0")/billing_lib.sh"

billing_setup
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
