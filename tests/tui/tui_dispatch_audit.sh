#!/bin/bash
# The supervisor audits the charges off the paid-service list (R17): a
# technician's off-list price shows both prices and his note; the
# correction needs a reason and sets the amount due; a charge at the
# list's price of its day is not flagged when the list changes later.
. "$(dirname "$0")/lib.sh" "$@"
. "$(dirname "$0")/dispatch_lib.sh"

# --- the supervisor audits a charge off the list (R17) -----------------
# An older order charged GAS-01 at the list's price half an hour before the
# list changed: right at the time of the work, it is never flagged.
EARLY=${DAY}T$(date -d "@$((NOW_EPOCH - 30 * 60))" +%H:%M)
O=$(new_order "$EARLY" --category paid --fee GAS-01 --address 审核路1号 \
    --contact-name 吴一 --phone 13800007766 --fault 换胶管)
KEFU_NOW=$EARLY k --as lijun order ack "$O" >/dev/null || fail "order ack $O"
KEFU_NOW=$EARLY k --as lijun order assign "$O" zhangwei >/dev/null ||
    fail "order assign $O"
KEFU_NOW=$EARLY k --as zhangwei order arrive "$O" >/dev/null ||
    fail "order arrive $O"
KEFU_NOW=$EARLY k --as zhangwei order item "$O" GAS-01 1 >/dev/null ||
    fail "order item $O"
k fee set GAS-01 --price 35 >/dev/null || fail "fee set GAS-01"
P=$(new_order "$NOW" --category paid --fee GAS-01 --address 审核路3号 \
    --contact-name 周九 --phone 13800007777 --fault 换胶管)
k --as lijun order ack "$P" >/dev/null || fail "order ack $P"
k --as lijun order assign "$P" zhangwei >/dev/null || fail "order assign $P"
k --as zhangwei order arrive "$P" >/dev/null || fail "order arrive $P"
k --as zhangwei order item "$P" GAS-01 2 --price 30 --note 老客户 >/dev/null ||
    fail "order item $P"
kefu_start sup 80 24 --lang en --as chenjing
keys F3
wait_for "Dispatch board"
keys p
wait_for "Charges off the list"
wait_for "#$P GAS-01 30.00/35.00"
keys Enter
wait_for "Correct a charge"
wait_for "30.00 charged, 35.00 on the list"
wait_re '│ Correct price \(yuan\): 35\.00 +│'
wait_for "老客户"				# the technician's why
keys F2					# no reason: refused, focus on it (R17)
wait_for "say why the charge is corrected (R17)"
typein 按价目表收费
keys F2
wait_re "Charge [0-9]+ corrected to 35\.00\."
expect_eq 7000 "$(jget amount_due "$(show "$P")")" "order $P's amount due after the audit"
keys p					# nothing left: the older charge was right
wait_for "Every charge matches"
finish
