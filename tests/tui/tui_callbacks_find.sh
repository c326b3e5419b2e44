#!/bin/bash
# Callbacks (F6, issue 13) at 80x24 in English: who to call and "/".
#   - a promise for a customer on file whose caller gave no phone: the
#     PHONE column shows the register's first phone (the core fills it);
#   - "/" searches the open callbacks by what they are about, the name
#     or the phone as it is typed; Enter keeps it, Esc clears it;
#   - every state with a search: the core's refusal is shown, naming why.
. "$(dirname "$0")/lib.sh" "$@"
. "$(dirname "$0")/callbacks_lib.sh"

A=$(promise "$ACC_A" 问燃气费怎么交 60)
B=$(promise "$ACC_B" 问维修进度 30)
PA=$(cb phone "$A")
PB=$(cb phone "$B")
REG=$(sqlite3 "$DB" "SELECT phones FROM customer WHERE id = (SELECT \
    customer_id FROM callback WHERE id = $A)" | cut -d, -f1)
check "task $A is called on the register's phone ($REG), not '$PA'" \
    -n "$PA" -a "$PA" = "$REG"
check "task $B has a phone" -n "$PB"

kefu_start fang 80 24 --lang en --as wangfang
wait_for "F1 help"
keys F6
wait_line 3 "^ NO\. +DUE +SOURCE +NAME +PHONE +OWNER"
wait_cb_row "$A" "^ $A +[0-9-]+ [0-9:]+ promise +李 +$PA "
wait_cb_row "$B" "^ $B +[0-9-]+ [0-9:]+ promise +李 +$PB "

# --- the search line -----------------------------------------------------
keys /
typein 燃气费
wait_line 2 '/燃气费'
wait_cb_gone "$B"
expect_re "^ $A "
keys Enter				# kept: the list keys work again
keys /
keys Escape				# cleared
wait_cb_row "$B" "^ $B "
expect_no "/燃气费"
# By phone: the register's, as the column shows it.
keys /
typein "${PB:3:6}"
wait_line 2 "/${PB:3:6}"
wait_cb_row "$B" "^ $B "
if [ "${PA:3:6}" != "${PB:3:6}" ]; then
	wait_cb_gone "$A"
fi
keys Enter

# --- every state: refused with the reason, the search kept ---------------
keys S
wait_for "Any state"
keys End Enter
wait_for "a search looks among the open callbacks or a month's sample"
keys /
keys Escape
wait_cb_row "$A" "^ $A "
wait_cb_row "$B" "^ $B "
finish
