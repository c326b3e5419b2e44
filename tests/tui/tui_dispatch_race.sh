#!/bin/bash
# Two dispatchers at once (R11): the second is told who won, in names;
# an order reported straight at the board (n); R9: a repair done first
# and registered after, with the times it was asked for, the technician
# arrived and the work was done (a time before the report is refused).
. "$(dirname "$0")/lib.sh" "$@"
. "$(dirname "$0")/dispatch_lib.sh"

# --- two dispatchers at once: the second is told who won --------------
R=$(new_order "$NOW" --category equipment --address 抢单路1号 \
    --contact-name 钱七 --phone 13800008888 --fault 抢单测试 \
    --appointment "$(date -d "@$((NOW_EPOCH + 120))" +%H:%M)")
k --as lijun order ack "$R" >/dev/null || fail "order ack $R"
kefu_start race 80 24 --lang en --as lijun
wait_re "^ [0-9:]{5} +[^ ]+ +$R +acknowledged "
keys g					# (no such key: the cursor stays on row 0)
expect_line 4 "^ [0-9:]{5} +[^ ]+ +$R "	# the soonest: first
keys d
wait_for "Dispatch to"
# Meanwhile another dispatcher sends it to 张伟 from the command line.
k --as lijun order assign "$R" zhangwei \
    --version "$(jget version "$(show "$R")")" >/dev/null ||
    fail "order assign $R zhangwei (the first dispatcher)"
keys Enter				# the second chooses from the picker
wait_re "At [0-9:]{5} 李军 sent order $R to 张伟 first; yours to [^ ]+ was not saved \\(R11\\)"
expect_eq zhangwei "$(jget technician "$(show "$R")")" "order $R stays with the winner's choice"

# --- an order reported straight at the board ---------------------------
use race
keys n
wait_for "New work order"
keys Tab				# Category -> Address
typein 板上报修路2号
keys Tab
typein 孙八
keys Tab
typein 13800006666
keys Tab
typein 灶具漏气
keys F2
wait_re 'Work order [0-9]+ reported; due [0-9:]{5}\.'
N=$(screen | sed -nE 's/.*Work order ([0-9]+) reported.*/\1/p' | head -1)
wait_re "^ [0-9:]{5} +[^ ]+ +$N +reported +Gas +灶具漏气  板上报修路2号"
expect_eq 0 "$(jget contact_id "$(show "$N")")" "order $N came from no call"

# --- R9: a repair done first, registered after ---------------------------
# The desk reports it at the board with the time it was asked for; the
# technician's arrival and work done then take the times they happened.
k user add wujiu 吴九 technician >/dev/null || fail "user add wujiu"
use race
keys n
wait_for "New work order"
keys Tab				# Category -> Address
typein 先修路9号
keys Tab
typein 郑十
keys Tab
typein 13800005555
keys Tab
typein 阀门漏气
keys Tab Tab Tab			# Appointment, Emergency, Asked for at
wait_re "│ Asked for at +: +│"
typein 09:40
keys F2
wait_re 'Work order [0-9]+ reported; due 10:20\.'
W=$(screen | sed -nE 's/.*Work order ([0-9]+) reported.*/\1/p' | head -1)
j=$(show "$W")
expect_eq "$(date -d "${DAY} 09:40" +%s)" "$(jget reported_at "$j")" "order $W asked for at 09:40"
k --as lijun order ack "$W" >/dev/null || fail "order ack $W"
k --as lijun order assign "$W" wujiu >/dev/null || fail "order assign $W"
kefu_start wu 80 24 --lang en --as wujiu
wait_re "^ 10:20 +[^ ]+ +$W +dispatched "
keys r					# registered after: when was he there?
wait_for "─ Arrival "
wait_re "│ When +: +│"
typein 09:30				# before the report: refused, said where
keys F2
wait_for "before the step it follows"
expect_eq 0 "$(jget arrived_at "$(show "$W")")" "order $W after the refused arrival"
keys C-u
typein 10:05
keys F2
wait_for "Arrival recorded for work order $W."
keys w
wait_for "─ Work done "
typein 更换阀门
keys Tab
typein 10:30
keys F2
wait_for "Work done recorded for work order $W."
j=$(show "$W")
expect_eq "$(date -d "${DAY} 10:05" +%s)" "$(jget arrived_at "$j")" "order $W's arrival registered after"
expect_eq "$(date -d "${DAY} 10:30" +%s)" "$(jget done_at "$j")" "order $W's work done registered after"
finish
