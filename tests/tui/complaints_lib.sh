# complaints_lib.sh — what the Complaints scenarios (tui_complaints_*.sh)
# share: sourced after lib.sh, it creates the demo database at $NOW, picks
# three customers (CUST: "ACCOUNT NAME") and gives the clock's landmarks
# and the helpers below. Each scenario sets up its own complaints and
# sessions from there; every record is made through the screens, and
# read back from the database (sqlite3) to check what the core stored.
#   NOW_EPOCH, DAY       $NOW as epoch seconds, and its date
#   at_min N             $NOW plus N minutes, as KEFU_NOW takes it
#   cpl SQL-EXPR ID      a column (or expression) of complaint ID
#   last_cpl             the newest complaint's number
#   cpl_row ID           F4's line of complaint ID ("" when not shown)
#   log_complaint_call ACCOUNT WHAT
#                        in the current session at Reception: finds the
#                        customer, logs a call with purpose Complaint
#                        (投诉) and asks WHAT; answers "register it now"
#                        and waits for the complaint form
#   fill_complaint WHEN RESP
#                        in the complaint form opened from a call (it
#                        starts at When it happened): that time, then
#                        Forward to the RESP-th person of the list (0: later)
#   register_at CLOCK ACCOUNT WHAT
#                        a complaint of customer ACCOUNT registered at F4
#                        by the supervisor in a session of its own at
#                        CLOCK, forwarded to 张伟; prints its number
#                        (REG_SERIOUS=1: serious; REG_MUNICIPAL=1: a
#                        municipal body involved)
# shellcheck shell=bash disable=SC2034 # the variables are the scenarios'
demo_db
NOW_EPOCH=$(date -d "${NOW/T/ }" +%s)	# TZ is Asia/Shanghai (lib.sh)
DAY=${NOW%T*}
at_min() {
	date -d "@$((NOW_EPOCH + $1 * 60))" +%Y-%m-%dT%H:%M
}
mapfile -t CUST < <(k --as wangfang customer find 李 --limit 3 |
    awk 'NR > 1 { print $1, $2 }')
check "kefu customer find 李 gave ${#CUST[@]} customers, not 3" ${#CUST[@]} -eq 3
read -r ACC_A NAME_A <<<"${CUST[0]}"
read -r ACC_B NAME_B <<<"${CUST[1]}"
read -r ACC_C NAME_C <<<"${CUST[2]}"

cpl() {		# EXPR ID: a column or expression of complaint ID
	sqlite3 -cmd ".timeout 5000" "$DB" "SELECT $1 FROM complaint WHERE id = $2"
}
last_cpl() {
	sqlite3 -cmd ".timeout 5000" "$DB" "SELECT max(id) FROM complaint"
}
# A row of F4: " NO. DUE LEFT STATE ...".
CROW='^ ([0-9]+) +'
cpl_row() {	# ID: F4's line of complaint ID ("" when not shown)
	screen | grep -E -m1 -- "^ $1 +"
}
# shellcheck disable=SC2317 # called through _wait
_cpl_row() { [ -n "$(cpl_row "$1")" ]; }
# shellcheck disable=SC2317
_cpl_row_re() { cpl_row "$1" | grep -qE -- "$2"; }
wait_cpl_row() {	# ID ERE [TIMEOUT]: complaint ID's row matches ERE
	_wait "${3:-$TUI_TIMEOUT}" "complaint $1's row to match /$2/" \
	    _cpl_row_re "$1" "$2"
}
# shellcheck disable=SC2317
_cpl_gone() { [ -z "$(cpl_row "$1")" ]; }
wait_cpl_gone() {	# ID [TIMEOUT]: complaint ID has left F4's list
	_wait "${2:-$TUI_TIMEOUT}" "complaint $1 to leave the list" _cpl_gone "$1"
}
cpl_attr() {	# ID TEXT: TEXT's attributes in complaint ID's row
	attr_at "$(screen | grep -nE -m1 -- "^ $1 +" | cut -d: -f1 |
	    awk '{ print $1 - 1 }')" "$2"
}
expect_cpl_attr() {	# ID TEXT ERE WHAT
	local a
	a=$(cpl_attr "$1" "$2")
	CHECKS=$((CHECKS + 1))
	printf '%s' "$a" | grep -qE -- "$3" ||
	    fail "$4: complaint $1's '$2' is drawn with '$a', expected /$3/ (line ${BASH_LINENO[0]})"
}
# shellcheck disable=SC2317
_cpl_selected() { cpl_attr "$1" "$2" | grep -qE 'rev=1|bg=47'; }
# shellcheck disable=SC2317
_cpl_unselected() { ! _cpl_selected "$@"; }
down_to_cpl() {	# ID: the cursor down (j) to complaint ID's row, from the top
	local i n
	keys Home
	n=$(screen | grep -nE -m1 -- "^ $1 +" | cut -d: -f1)
	[ -n "$n" ] || die "complaint $1 is not on the screen"
	for ((i = 5; i < n; i++)); do
		keys j
	done
	soon _wait "$TUI_TIMEOUT" "the cursor on complaint $1" _cpl_selected "$1" "$1"
}

log_complaint_call() {	# ACCOUNT WHAT
	wait_for "$(t "Find:")"
	typein "$1"
	wait_re "^ $1 +"
	keys Enter
	wait_for "$(t "Log a call or visit")"
	# From "Address as": Phone, Purpose; Repair request, two to the
	# left, is Complaint; then Asked.
	keys Tab Tab Left Left
	wait_re "│ $(t Purpose) *: < $(ere "$(t Complaint)") >"
	keys Tab
	typein "$2"
	keys F2
	wait_for "$(t "Register the complaint from this call now (R27)?")"
	keys y
	wait_for "$(t "Complaint from the call")"
}
fill_complaint() {	# WHEN RESP: the time it happened, the person (a name)
	typein "$1"
	wait_re "│ $(ere "$(t "When it happened")") *: $(ere "$1") "
	# Channel, Category, Severity, Municipal body, then Forward to.
	keys Tab Tab Tab Tab Tab
	choose "$(t "Forward to")" "$2"
}
register_at() {	# CLOCK ACCOUNT WHAT: registered at F4 by the supervisor
	local cur=$CUR n
	NOW=$1 kefu_start "reg$RANDOM" 80 24 --lang en --as chenjing >&2
	wait_for "F1 help"
	keys F4
	wait_for "open "
	keys n
	wait_for "Register a complaint"
	keys Up				# from Complainant to Customer account
	typein "$2"
	keys Tab
	typein "李"
	keys Tab Tab
	typein "$3"
	keys Tab
	typein "测试地点 $RANDOM 号"
	keys Tab
	typein "09:00"
	keys Tab Tab Tab			# Channel, Category, Severity
	[ -n "${REG_SERIOUS:-}" ] && keys Right
	keys Tab				# Municipal body
	[ -n "${REG_MUNICIPAL:-}" ] && keys Right
	keys Tab
	choose "Forward to" "张伟"
	keys F2
	# Saved, or the likely duplicates offered first (R48): a new one.
	wait_re "Complaint [0-9]+ registered|Likely duplicates \(R48\)"
	if _has "Likely duplicates (R48)"; then
		keys F2
		wait_re "Complaint [0-9]+ registered"
	fi
	n=$(screen | sed -nE 's/.*Complaint ([0-9]+) registered.*/\1/p' | head -1)
	CUR=$cur
	echo "$n"
}
