# billing_draft_lib.sh — F5's forms keep drafts (DESIGN.md "Forms autosave
# as drafts"), and a run refused for unread meters is offered without them
# (R13, R15); for tui_billing_draft*.sh (sourced after lib.sh and
# billing_lib.sh, L chosen by the scenario). Not a scenario itself.
#
#   billing_drafts   at 80x24 in language $L, on billing_setup's house:
#                    a payment typed, the program killed (SIGKILL after
#                    the autosave): the next login offers it back on the
#                    same account, a save takes it and drops the draft;
#                    a reading typed, killed: back on the same meter and
#                    month, Esc-discard drops it, nothing saved; the run
#                    of November (no reading yet) refused, offered
#                    without readings naming the 3 meters: n changes
#                    nothing, y issues; a chase typed, killed: back on
#                    the same customer; the admin's new rate version
#                    typed, killed, back with its kind and tiers.

drafts() {	# the drafts of LOGIN: "form|record_id" lines
	sqlite3 "$DB" "SELECT d.form || '|' || d.record_id FROM draft d
	    JOIN staff s ON s.id = d.staff_id WHERE s.login = '$1'"
}
draft_body() {
	sqlite3 "$DB" "SELECT d.body FROM draft d JOIN staff s ON
	    s.id = d.staff_id WHERE s.login = '$1' AND d.form = '$2'"
}
_draft_has() { draft_body "$1" "$2" | grep -qF -- "$3"; }
field_text() {	# LABEL: the text of that form field, trimmed
	line "$(row_of "$1")" | sed -E 's/^[^:]*: //; s/ *│.*$//; s/ +$//'
}
killed() {	# the current session's program killed outright
	kill -KILL "$(pid_of)"
	wait_pid_gone "$(pid_of)"
}
prefix() {	# TEXT N: its first N characters (a dialog wraps the rest)
	printf '%s' "${1:0:$2}"
}
restored() {	# NAME LOGIN TITLE: a new session; its draft offered, taken
	kefu_start "$1" 80 24 --lang "$lang" --as "$2"
	wait_for "$(prefix "$(tf "You have unsaved input from %s (%s). Restore it?" \
	    "2026-11-27 $NOW_HM" "$(t "$3")")" 30)"
	expect_screen "$(t "y: yes    n: no    Esc: later")"
	keys y
	wait_for "$(t "Your unsaved input is back.")"
}

billing_drafts() {
	local lang=en id msg
	[ "$L" = en ] || lang=zh_CN

	# --- a payment: killed mid-form, back on the same account (R19) -----
	kefu_start pay1 80 24 --lang "$lang" --as zhaomin
	wait_for "$(t "Find:")"
	typein T-302
	wait_re '^ T-302 +李四 '
	keys Enter
	keys p
	wait_for "$(t "Take a payment")"
	typein 12.5
	keys Tab Tab
	typein 草稿备注
	wait_re "$(ere "$(t Note)") *: 草稿备注"
	_wait 5 "the payment's autosaved draft" _draft_has zhaomin billing.pay 草稿备注
	killed
	id=$(sqlite3 "$DB" "SELECT id FROM customer WHERE account = 'T-302'")
	expect_eq "billing.pay|$id" "$(drafts zhaomin)" "the draft of T-302's payment"
	restored pay2 zhaomin "Take a payment"
	wait_for "$(t "Take a payment")"
	wait_re "$(ere "$(t Customer)") *: T-302 李四"	# the right account
	expect_eq 12.5 "$(field_text "$(t "Amount (yuan)")")" "amount from the draft"
	expect_eq 草稿备注 "$(field_text "$(t Note)")" "note from the draft"
	keys F2
	# October's 500 m³ x 3.45 = 1725.00, less 12.50.
	wait_for "$(tf "Receipt No. %lld: %s taken from %s; balance now %s. r prints it." 1 12.50 李四 1712.50)"
	expect_re '^ 2026-11-27 .* 000001 .* 12\.50'
	expect_eq "" "$(drafts zhaomin)" "drafts after the payment saved"
	expect_eq 1250 "$(sqlite3 "$DB" "SELECT amount FROM receipt WHERE no = 1")" "receipt 1's amount"

	# --- a reading: killed, back on the same meter and month (R13) -------
	keys Tab
	wait_for "$(t "No meters here: b chooses the community and building.")"
	keys b
	wait_for "$(t "Community, building, month")"
	typein 测试苑
	keys Tab
	typein 3号楼
	keys F2
	wait_re '^ W-301 +301 +张三 +2026-10 +30 +30 *$'
	keys Down
	keys Enter
	wait_for "W-302  302 李四  2026-11"
	typein 577
	wait_re "$(ere "$(t Reading)") *: 577 "
	_wait 5 "the reading's autosaved draft" _draft_has zhaomin billing.reading 577
	killed
	id=$(sqlite3 "$DB" "SELECT id FROM meter WHERE code = 'W-302'")
	expect_eq "billing.reading|$id" "$(drafts zhaomin)" "the draft of W-302's reading"
	check "the reading's draft keeps its month" \
	    "$(draft_body zhaomin billing.reading | grep -c 2026-11)" -ge 1
	restored read2 zhaomin "Meter reading"
	wait_for "$(t "Meter reading")"
	wait_for "W-302  302 李四  2026-11"		# the right meter and month
	wait_re "$(ere "$(t "Last reading")") *: 500  \\(2026-10\\)"
	expect_eq 577 "$(field_text "$(t Reading)")" "reading from the draft"
	expect_re '^ W-302 +302 +李四 '		# the round behind it
	keys Escape
	wait_for "$(prefix "$(t "Discard your unsaved input? (n: keep it as a draft for later)")" 10)"
	keys y
	wait_gone "$(t "Last reading")"
	expect_eq "" "$(drafts zhaomin)" "drafts after the reading discarded"
	expect_eq 0 "$(sqlite3 "$DB" "SELECT count(*) FROM reading WHERE period = '2026-11'")" \
	    "November's readings after a discarded draft"

	# --- the run without readings, asked by name (R13, R15) --------------
	keys Tab
	wait_for "$(tf "%s  month %s  %zu notices" 测试苑 2026-11 0)"
	keys R
	wait_for "$(t "y: yes    n/Esc: no")"
	keys y
	wait_for "$(prefix "$(tf "%lld meter(s) of %s have no reading for %s. Issue the notices without their readings? Their usage is billed with the next reading (R13, R15)." 3 测试苑 2026-11)" 14)"
	expect_screen "$(t "y: yes    n/Esc: no")"
	keys n
	wait_for "$(t "Cancelled; nothing was changed.")"
	expect_eq 0 "$(sqlite3 "$DB" "SELECT count(*) FROM notice WHERE period = '2026-11'")" \
	    "November's notices after no"
	keys R
	wait_for "$(t "y: yes    n/Esc: no")"
	keys y
	wait_for "$(prefix "$(tf "%lld meter(s) of %s have no reading for %s. Issue the notices without their readings? Their usage is billed with the next reading (R13, R15)." 3 测试苑 2026-11)" 14)"
	keys y
	wait_for "$(tf "Issued %lld notices of %s for %s (No. %lld to %lld), total %s." 3 2026-11 测试苑 1 3 0.00)"
	expect_eq 3 "$(sqlite3 "$DB" "SELECT count(*) FROM notice WHERE period = '2026-11'")" \
	    "November's notices, issued without readings"
	expect_eq 0 "$(sqlite3 "$DB" "SELECT count(*) FROM notice_line l JOIN notice n ON n.id = l.notice_id WHERE n.period = '2026-11'")" \
	    "November's lines (no usage without a reading)"

	# --- a chase: killed, back on the same customer (R15) ----------------
	keys Tab
	wait_re "^ 王五 +15 "
	keys Down
	keys c
	wait_for "$(t "Chasing (催缴)")"
	wait_re "$(ere "$(t Customer)") *: T-303 王五"
	keys Tab				# method -> answer
	typein 下周来交
	_wait 5 "the chase's autosaved draft" _draft_has zhaomin billing.chase 下周来交
	killed
	id=$(sqlite3 "$DB" "SELECT id FROM customer WHERE account = 'T-303'")
	expect_eq "billing.chase|$id" "$(drafts zhaomin)" "the draft of T-303's chase"
	restored chase2 zhaomin "Chasing (催缴)"
	wait_re "$(ere "$(t Customer)") *: T-303 王五"	# the right customer
	expect_eq 下周来交 "$(field_text "$(t Answer)")" "answer from the draft"
	keys Tab Tab				# method -> next step
	typein 周一再打
	keys F2
	wait_for "$(t "Chasing recorded (R15).")"
	expect_eq "" "$(drafts zhaomin)" "drafts after the chase saved"
	expect_eq 1 "$(sqlite3 "$DB" "SELECT count(*) FROM chase")" "chases"

	# --- the admin's new rate version (R12, R13) -------------------------
	kefu_start adm1 80 24 --lang "$lang" --as guanli
	wait_for "$(t "Staff accounts")"
	keys Tab Tab Tab
	wait_for "$(t "Rates (R12, R13): a change is a new version")"
	keys n
	wait_for "─ $(t "New rate version") "
	keys Right				# water: its tiers
	wait_re "$(ere "$(t Kind)") *: < $(ere "$(t Water)") >"
	keys Tab Tab
	typein 2027-01
	keys Tab
	typein '10:3.45,*:4.83'
	_wait 5 "the rate's autosaved draft" _draft_has guanli rate.add '10:3.45,*:4.83'
	killed
	expect_eq "rate.add|0" "$(drafts guanli)" "the draft of the new rate"
	restored adm2 guanli "New rate version"
	wait_for "─ $(t "New rate version") "
	wait_re "$(ere "$(t Kind)") *: < $(ere "$(t Water)") >"
	expect_eq 2027-01 "$(field_text "$(t "From (YYYY-MM)")")" "from, from the draft"
	expect_re "$(ere "$(t "Tiers (10:3.45,*:4.83)")") *: 10:3\\.45,\\*:4\\.83 "
	keys F2
	msg=$(tf "Added rate version %lld (%s from %s)." 2 water 2027-01)
	msg=${msg%% (*}
	wait_for "${msg%%（*}"
	expect_eq "" "$(drafts guanli)" "drafts after the rate saved"
}
