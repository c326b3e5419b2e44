#!/bin/bash
# The technician in the field (issue 5): the link drops while he types
# the work done (SIGHUP), and his draft comes back at the next login;
# Enter on an order of a customer on file shows the customer (R54).
. "$(dirname "$0")/lib.sh" "$@"
. "$(dirname "$0")/dispatch_lib.sh"

# --- the link drops while the technician types: the draft comes back ----
D=$(new_order "$NOW" --category equipment --address 草稿路1号 \
    --contact-name 王五 --phone 13800009999 --fault 阀门坏了)
k --as lijun order ack "$D" >/dev/null || fail "order ack $D"
k --as lijun order assign "$D" liuyang >/dev/null || fail "order assign $D"
k --as liuyang order arrive "$D" >/dev/null || fail "order arrive $D"
kefu_start field 80 24 --lang en --as liuyang
wait_for "My work orders"
wait_re "^ [0-9:]{5} met +$D +on-site "
keys w
wait_for "│ What was done:"
typein 更换阀门
wait_for "更换阀门"
kill_pane				# the SSH link drops (SIGHUP)
has_draft() {	# liuyang's hung-up session has saved his typing
	[ "$(sqlite3 "$DB" "SELECT count(*) FROM draft d JOIN staff s ON
	    s.id = d.staff_id WHERE s.login = 'liuyang'")" -gt 0 ]
}
_wait "$TUI_TIMEOUT" "the hung-up session saves its draft" has_draft
kefu_start field2 80 24 --lang en --as liuyang
wait_for "You have unsaved input from"
expect_screen "(Work done)"
keys y
wait_for "Your unsaved input is back."
wait_re '│ What was done: 更换阀门 +│'
keys F2
wait_for "Work done recorded for work order $D."
expect_eq "done" "$(jget state "$(show "$D")")" "state of order $D after the restored draft"
# Enter on an order of a customer on file: his record, read only (R54).
read -r ACC_L NAME_L <<<"${CUST[2]}"
CO=$(new_order "$NOW" --category pipe --customer "$ACC_L" --fault 表前阀漏气)
k --as lijun order ack "$CO" >/dev/null || fail "order ack $CO"
k --as lijun order assign "$CO" liuyang >/dev/null || fail "order assign $CO"
wait_re "$ROW$CO +dispatched " "$LIVE"
keys j					# below $D (due in 40 minutes)
soon _wait "$TUI_TIMEOUT" "the cursor on order $CO" _selected "$CO" dispatched
keys Enter
wait_re "│ Work order *: $CO  dispatched / Pipeline +│"
expect_re "│ Customer *: $ACC_L $NAME_L 1[0-9]{10}"
expect_re "│ Fault *: 表前阀漏气 +│"
keys Escape
wait_gone "│ Customer "
finish
