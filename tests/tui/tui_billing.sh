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
