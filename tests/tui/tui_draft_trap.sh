#!/bin/bash
# The draft trap (issue 10), in English and in Chinese at 80x24: the link
# drops while the technician types what he did; at the next login he
# answers Esc ("later") to the offered draft and presses w on the same
# order. The form comes up with his text, saying so; Esc on it asks, and
# only "discard" drops the draft ("no" keeps it for later, and a form of
# another order has nothing of it). A save drops it too.
. "$(dirname "$0")/lib.sh" "$@"
demo_db

drafts() {	# liuyang's drafts: "form|record_id" lines
	sqlite3 -cmd ".timeout 5000" "$DB" "SELECT d.form || '|' || d.record_id FROM draft d
	    JOIN staff s ON s.id = d.staff_id WHERE s.login = 'liuyang'
	    ORDER BY d.record_id"
}
has_draft() {	# the hung-up session has saved his typing
	[ -n "$(drafts)" ]
}
field() {	# the text of the form's "What was done"
	line "$(row_of "│ $(t "What was done")")" |
	    sed -E 's/^[^:]*: //; s/ *│.*$//; s/ +$//'
}
order_row() {	# ID: the screen row of order ID on his list
	screen | grep -nE -m1 "^ [0-9:]{5} +[^ ]+ +$1 " | cut -d: -f1 |
	    awk '{ print $1 - 1 }'
}
open_work() {	# ID: w on order ID (his list shows a few orders)
	local i
	wait_re "^ [0-9:]{5} +[^ ]+ +$1 "
	keys k k k k				# to the first row (line 4)
	for ((i = 4; i < $(order_row "$1"); i++)); do
		keys j
	done
	keys w
	wait_re "│ $(ere "$(t "Work order")") *: $1 "
}

for L in en zh_CN; do
	A=$(on_site_order "陷阱路${L}号")
	B=$(on_site_order "别处路${L}号")
	# --- the link drops mid-sentence ------------------------------------------
	kefu_start "field$L" 80 24 --lang "$L" --as liuyang
	open_work "$A"
	typein 更换了阀门,试气正常
	wait_for 更换了阀门,试气正常
	kill_pane				# the SSH link drops (SIGHUP)
	_wait 10 "the hung-up session saves its draft" has_draft
	expect_eq "order.work|$A" "$(drafts)" "his drafts after the link dropped"

	# --- "later", then w on the same order ---------------------------------------
	kefu_start "back$L" 80 24 --lang "$L" --as liuyang
	q=$(t "You have unsaved input from %s (%s). Restore it?")
	wait_for "${q%%%s*}"
	keys Escape				# later
	wait_gone "${q%%%s*}"
	expect_eq "order.work|$A" "$(drafts)" "his drafts after answering later"
	open_work "$A"
	wait_for "$(t "Your unsaved input is back.")"
	expect_eq 更换了阀门,试气正常 "$(field)" "What was done, from the draft"
	# Esc without typing: asked, and "no" keeps it.
	keys Escape
	wait_for "$(t "Discard your unsaved input? (n: keep it as a draft for later)")"
	keys n
	wait_gone "$(t "What was done")"
	wait_for "$(t "Kept as a draft: it comes back when you open this form again.")"
	expect_eq "order.work|$A" "$(drafts)" "his drafts after keeping it"
	# Another order's form is empty, and Esc on it drops nothing.
	open_work "$B"
	expect_eq "" "$(field)" "What was done on order $B"
	expect_no "$(t "Your unsaved input is back.")"
	keys Escape
	wait_gone "$(t "What was done")"
	expect_eq "order.work|$A" "$(drafts)" "his drafts after Esc on order $B's form"
	# Typing more, then keeping it: the draft holds the new text.
	open_work "$A"
	wait_for "$(t "Your unsaved input is back.")"
	keys End
	typein ,已交代
	wait_for 更换了阀门,试气正常,已交代
	keys Escape
	wait_for "$(t "Discard your unsaved input? (n: keep it as a draft for later)")"
	keys n
	# The question can hide the form's label: the message says n was
	# handled (the draft is written before the form closes).
	wait_for "$(t "Kept as a draft: it comes back when you open this form again.")"
	wait_gone "$(t "What was done")"
	check "the kept draft holds the new text" -n "$(sqlite3 -cmd ".timeout 5000" "$DB" \
	    "SELECT body FROM draft WHERE form = 'order.work' AND
	    record_id = $A" | grep -F 更换了阀门,试气正常,已交代)"
	# "Discard" is the one way to drop it without saving.
	open_work "$A"
	wait_for 更换了阀门,试气正常,已交代
	keys Escape
	wait_for "$(t "Discard your unsaved input? (n: keep it as a draft for later)")"
	keys y
	wait_gone "$(t "What was done")"
	wait_for "$(t "Cancelled; nothing was saved.")"
	expect_eq "" "$(drafts)" "his drafts after discarding"
	expect_eq on-site "$(kn --as lijun --json order show "$A" |
	    sed -nE 's/.*"state":"([^"]*)".*/\1/p')" "order $A after discarding"
	# A save drops it too.
	open_work "$A"
	typein 再次填写
	wait_for 再次填写
	kill -TERM "$(pid_of)"			# SIGTERM: the draft is saved
	wait_exit
	expect_eq "order.work|$A" "$(drafts)" "his drafts after SIGTERM"
	kefu_start "save$L" 80 24 --lang "$L" --as liuyang
	wait_for "${q%%%s*}"
	keys Escape
	wait_gone "${q%%%s*}"
	open_work "$A"
	wait_for "$(t "Your unsaved input is back.")"
	expect_eq 再次填写 "$(field)" "What was done, from the second draft"
	keys F2
	fmt=$(t "Work done recorded for work order %lld.")
	wait_for "${fmt/\%lld/$A}"
	expect_eq "" "$(drafts)" "his drafts after saving"
	keys q
	wait_for "$(t "Quit kefu?")"
	keys y
	wait_exit
	kn --as lijun order cancel "$B" --reason 测试结束 >/dev/null ||
	    fail "order cancel $B"
done

finish
