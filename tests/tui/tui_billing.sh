#!/bin/bash
# F5 Billing at 80x24 in English: a building's readings in one pass (a
# reading below the last refused, then marked replaced; a spike asked),
# the notice run, a notice printed and the CSV, a payment taken from the
# arrears list (it shrinks), the receipt printed and reprinted (重打),
# chasing (R13, R15, R19); a technician has no F5 and no payment key.
. "$(dirname "$0")/lib.sh" "$@"
. "$(dirname "$0")/billing_lib.sh"

billing_setup
billing_month 80 24

# --- two desks, one customer (R19): the second is told, then takes it ---
keys /
wait_for "Find:"
keys C-u
typein ZZ-404
wait_for "No customer found."
keys C-u
typein T-303
wait_re '^ T-303 +王五 '
keys Enter
wait_re "T-303  王五 .* 172\\.50"
keys p
wait_re "Balance *: 172\\.50"
typein 10
k --as zhaomin payment take T-303 5 >/dev/null || fail "payment take T-303 5"
keys F2
wait_for "changed meanwhile"			# the core's words; nothing taken
wait_re "Balance *: 167\\.50"
expect_screen "Take a payment"
keys F2
wait_for "Receipt No. 3: 10.00 taken from 王五; balance now 157.50."
wait_re '^ 2026-11-27 receipt 000003 cash +10\.00'
expect_eq 3 "$(sqlite3 "$DB" "SELECT count(*) FROM receipt")" "receipts after two desks"

# --- a technician: no Billing screen, no way to take money (R19) --------
kefu_start tech 80 24 --lang en --as zhangwei
wait_for "My work orders"
expect_no "F5"
expect_no "Billing"
keys F5
wait_for "That screen is not available to your roles."
expect_no "Take a payment"
keys M-5
wait_for "That screen is not available to your roles."
keys F1
wait_for "Keys"
expect_no "payment"
expect_no "F5"
finish
