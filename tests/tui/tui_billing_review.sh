#!/bin/bash
# F5 Billing, what the review of the desk found (docs: billing-desk.md),
# each at the key that was wrong:
#   - a reading below the last marked "rolled over" is still a spike when
#     its usage is far above the usual (R13): W-302 500 -> 9 on 5 digits
#     is 99,509 m³, asked about with the core's words, nothing entered on
#     "no" (it was entered unasked);
#   - a meter read this month is corrected from the round: the form shows
#     this month's reading and asks the reason (R13), instead of offering
#     Enter and refusing for a reason it had no field for;
#   - a payment taken on the account chooses its new receipt, so r prints
#     that one (it printed the row the cursor had been on, an older one);
#   - in Chinese, a bad amount names its field 金额, not "amount".
. "$(dirname "$0")/lib.sh" "$@"
. "$(dirname "$0")/billing_lib.sh"
L=en

billing_setup
kefu_start desk 80 24 --lang en --as zhaomin
wait_for "Find:"
keys Tab
wait_for "No meters here: b chooses the community and building."
keys b
wait_for "Community, building, month"
typein 测试苑
keys Tab
typein 3号楼
keys F2
wait_re '^ W-301 +301 +张三 +2026-10 +30 +30 *$'
keys Enter
wait_for "W-301  301 张三  2026-11"
read_in 66
wait_for "W-302  302 李四  2026-11"

# --- rolled over, and a spike: asked (R13) ---------------------------------
read_in 9
wait_for "The meter rolled over (past its last digit)"
keys Down Enter
wait_for "y: yes    n/Esc: no"
expect_re '99509'				# the usage, in the question
keys n
wait_gone "y: yes    n/Esc: no"
expect_re "Reading *: 9 "			# the value kept for a look
expect_eq 0 "$(sqlite3 "$DB" "SELECT count(*) FROM reading r JOIN meter m ON m.id = r.meter_id WHERE m.code = 'W-302' AND r.period = '2026-11'")" \
    "W-302's readings after the rollover was not confirmed"
keys Escape
wait_for "Close the form and discard what you typed?"
keys y
wait_gone "Last reading"

# --- a correction, with its reason (R13) -----------------------------------
keys Up
wait_re '^ W-301 +301 .* 66 \+36'
keys Enter
wait_for "W-301  301 张三  2026-11"
wait_re "This month's *: 66  \\(\\+36\\)"
expect_re "Why corrected *: "
read_in 67					# Enter: on to the reason
keys Enter					# no reason: the core asks for one
wait_for "a second one is a correction: give its reason (R13)"
read_in 看错了
wait_for "Meter W-301: 67, usage 37."
wait_re '^ W-301 +301 .* 67 \+37'
check "the correction keeps its reason" \
    "$(sqlite3 "$DB" "SELECT r.reason FROM reading r JOIN meter m ON m.id = r.meter_id WHERE m.code = 'W-301' AND r.period = '2026-11'")" = 看错了
keys Escape					# W-302's form, come up next
wait_gone "Last reading"

# --- two payments: r prints the one just taken (R19) ---------------------
keys Tab Tab Tab
wait_for "Find:"
typein T-302
wait_re '^ T-302 +李四 '
keys Enter
wait_re '^ 2026-10-28 2026-10-000002 2026-10 +1725\.00 '
keys p
wait_for "Take a payment"
typein 10
keys F2
wait_for "$(tf "Receipt No. %lld: %s taken from %s; balance now %s. r prints it." 1 10.00 李四 1715.00)"
keys p
wait_for "Take a payment"
typein 5
keys F2
wait_for "$(tf "Receipt No. %lld: %s taken from %s; balance now %s. r prints it." 2 5.00 李四 1710.00)"
wait_re '^ +5\.00  to notice 2026-10-000002$'	# its allocation below
keys r
wait_for "$(tf "Receipt No. %lld printed to %s." 2 ./receipt-000002.txt)"
check "no other receipt printed" ! -e "$T/receipt-000001.txt"

# --- Chinese: a bad amount names 金额 ------------------------------------
L=zh_CN
kefu_start zh 80 24 --lang zh_CN --as zhaomin
wait_for "$(t "Find:")"
typein T-303
wait_re '^ T-303 +王五 '
keys Enter
wait_re '^ 2026-10-28 2026-10-000003 '
keys p
wait_for "$(t "Take a payment")"
typein 1.234
keys F2
wait_for "$(tf "%s: '%.32s' has a fraction of a fen (at most two decimals)" "$(t amount)" 1.234)"
expect_no "amount"
finish
