#!/bin/bash
# Complaints (F4, issue 12): duplicates, the search line, the filters,
# in English at 80x24:
#   - a second complaint of the same customer, typed at F4 ("n"), is
#     offered the first as a likely duplicate before it saves (R48); the
#     supervisor links it there instead of opening a second;
#   - Enter shows a complaint whole, its clock (R35) among its fields;
#   - "/" searches complainant, phone, place and text as it is typed;
#     Enter keeps it, Esc clears it;
#   - the severity, state and person filters; "W": none to sign yet;
#   - the clerk's "s" is refused at the key, naming who may;
#   - a complaint withdrawn with its reason (R32) leaves the open list
#     and is still found, by the state filter and by the search.
. "$(dirname "$0")/lib.sh" "$@"
. "$(dirname "$0")/complaints_lib.sh"

A=$(register_at "$NOW" "$ACC_A" 燃气灶点不着火还漏气)
check "complaint A registered" -n "$A"

# --- a second complaint of the customer: offered as a duplicate (R48) --
kefu_start sup 80 24 --lang en --as chenjing
wait_for "F1 help"
keys F4
wait_cpl_row "$A" "^ $A +1d00h +forwarded "
keys n
wait_for "Register a complaint"
expect_re "│ No similar complaint found\. +│"
keys Up
typein "$ACC_A"
wait_re "│ 1 likely duplicate\(s\) \(R48\), first #$A: forwarded 燃气灶点不着火"
expect_re "│ Same as *: < A new complaint >"
keys Tab
typein 李
keys Tab Tab
typein 上次投诉的问题还没解决
keys Tab
typein 枫林绿洲
keys Tab
typein 10:00
keys F2
wait_for "Likely duplicates (R48): link one under Same as, or save again."
expect_re "│ Same as *: < A new complaint >"
keys Space
wait_re "│ Same as #$A \(same customer, 2026-11-27\): 燃气灶点不着火还漏气"
keys j Enter
wait_re "│ Same as *: < Same as #$A "
keys F2
wait_for "Complaint $((A + 1)) registered, linked to complaint $A (R48)."
B=$((A + 1))
expect_eq "$A" "$(cpl duplicate_of "$B")" "R48: complaint $B is a duplicate of $A"
wait_cpl_row "$B" "^ $B "

# --- a complaint whole --------------------------------------------------
down_to_cpl "$A"
keys Enter
wait_for "─ Complaint "
expect_re "│ Complaint +: $A  forwarded / ordinary / Service attitude"
expect_re "│ What happened +: 燃气灶点不着火还漏气"
expect_re "│ Responsible +: 张伟  2026-11-27 10:41"
expect_re "│ Analysed by \(R35\): 2026-11-28 10:41  running"
keys Enter
wait_gone "─ Complaint "

# --- the search line -----------------------------------------------------
keys /
typein 还没解决
wait_line 2 '/还没解决'
wait_cpl_gone "$A"
expect_re "^ $B "
keys Enter				# kept: the list keys work again
keys Escape
wait_for "Menu"				# Esc at the top: the menu
keys Escape
wait_gone "Menu"
expect_line 2 '/还没解决'
keys /
keys Escape				# cleared
wait_cpl_row "$A" "^ $A "
expect_no "/还没解决"

# --- filters ---------------------------------------------------------------
keys V
wait_for "All severities"
keys j j Enter				# serious
wait_line 2 '^ All open states · serious · Everyone$'
wait_line 4 '^ No open complaints\.$'
keys V
wait_for "All severities"
keys Home Enter
wait_line 2 '^ All open states · Everyone$'
keys P
wait_for "Mine"
keys j Enter
wait_line 2 '^ All open states · Mine$'
wait_line 4 '^ No open complaints\.$'	# none is the supervisor's
keys P
wait_for "Mine"
keys Home Enter
wait_line 2 '^ All open states · Everyone$'
keys W
wait_line 2 ' · waiting for my signature$'
wait_line 4 '^ No open complaints\.$'
keys W
wait_cpl_row "$A" "^ $A "

# --- a clerk may not sign off: refused at the key --------------------------
kefu_start fang 80 24 --lang en --as wangfang
wait_for "F1 help"
keys F4
wait_cpl_row "$A" "^ $A "
keys s
wait_re "wangfang may not .*sign"
expect_no "Sign off complaint"

# --- withdrawn with a reason (R32): off the open list, still found ---------
use sup
down_to_cpl "$B"
keys w
wait_for "Withdraw a complaint"
keys F2
wait_re "│ +.*(reason|R32)"			# the reason is required
typein 与投诉 $A 重复,已合并处理
keys F2
wait_for "Complaint $B withdrawn."
wait_cpl_gone "$B"
expect_eq 10 "$(cpl state "$B")" "withdrawn (R32)"
keys S
wait_for "All open states"
keys End Enter				# withdrawn: the last state
wait_line 2 '^ withdrawn · Everyone$'
wait_cpl_row "$B" "^ $B +- +withdrawn "
keys S
wait_for "All open states"
keys Home Enter
wait_cpl_gone "$B"
keys /
typein 上次投诉
wait_cpl_row "$B" "^ $B +- +withdrawn "
finish
