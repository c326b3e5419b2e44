# dispatch_lib.sh — what the Dispatch board scenarios (tui_dispatch_*.sh)
# share: sourced after lib.sh, it creates the demo database at $NOW with
# the paid service GAS-01, picks six customers (CUST: "ACCOUNT NAME", all
# at different addresses, so that every row is told apart by its address),
# and gives the clock's landmarks and the helpers below. Each scenario
# sets up its own orders and sessions from there.
#   NOW_EPOCH, DAY    $NOW as epoch seconds, and its date
#   DUE_HM            an order reported at $NOW is due at this HH:MM (R2)
#   LATE, LATE_HM     41 minutes after $NOW: such an order is 1m overdue
#   TOMORROW          MM-DD of the day after $NOW
#   new_order CLOCK ARGS...   kefu order new as the clerk at CLOCK; its number
#   show ID           kefu order show ID --json, as the dispatcher
#   jget KEY JSON     a value of that JSON
#   late_orders       U (unattended since $NOW), Y and G (due 5 and 18
#                     minutes after $LATE); sets ADDR_U, FAULT_U
#   pipe_orders       22 pipeline orders at $NOW (the last, LAST, a major
#                     one: due tomorrow, R3)
#   ROW, row_line, nrows, wait_no_row, row_attr, expect_attr, bells,
#   ids, cli_ids, expect_ids, to_top, down_to, pick: see each below
#   (attr_at, read_help, expect_help: lib.sh).
# shellcheck shell=bash disable=SC2034 # the variables are the scenarios'
demo_db
NOW_EPOCH=$(date -d "${NOW/T/ }" +%s)	# TZ is Asia/Shanghai (lib.sh)
DAY=${NOW%T*}
DUE_HM=$(date -d "@$((NOW_EPOCH + 2400))" +%H:%M)	# R2: 40 minutes
LATE=${DAY}T$(date -d "@$((NOW_EPOCH + 41 * 60))" +%H:%M)
LATE_HM=${LATE#*T}
TOMORROW=$(date -d "@$((NOW_EPOCH + 86400))" +%m-%d)

L=en
counts() {	# OPEN OVERDUE SOON: the board's counts as language $L says them
	local s
	s=$(t "open %lld  overdue %lld  due soon %lld")
	s=${s/\%lld/$1}
	s=${s/\%lld/$2}
	printf '%s' "${s/\%lld/$3}"
}
show() {	# ID: kefu order show ID --json, as the dispatcher
	k --as lijun --json order show "$1"
}
new_order() {	# CLOCK ARGS...: reports an order as the clerk; prints its number
	local at=$1
	shift
	KEFU_NOW=$at k --as wangfang order new "$@" 2>/dev/null |
	    sed -nE 's/^order ([0-9]+) .*/\1/p'
}
# A board row: " DUE LEFT NO. STATE ...", DUE "HH:MM" today, else "MM-DD".
ROW='^ [0-9]{2}[:-][0-9]{2} +[^ ]+ +'
# shellcheck disable=SC2317 # called through _wait (_no_row)
row_line() {	# ID: the board line of order ID ("" when not shown)
	screen | grep -E -m1 -- "$ROW$1 "
}
nrows() {	# how many order rows the screen shows
	local n
	n=$(screen | grep -cE -- "${ROW}[0-9]+ ")
	echo "$n"
}
# shellcheck disable=SC2317 # the conditions here are called through _wait
_no_row() { [ -z "$(row_line "$1")" ]; }
wait_no_row() {	# ID [TIMEOUT]: order ID has left the board
	_wait "${2:-$TUI_TIMEOUT}" "order $1 to leave the list" _no_row "$1"
}
# ID TEXT: TEXT's attributes in order ID's row.
row_attr() {
	attr_at "$(screen | grep -nE -m1 -- "$ROW$1 " | cut -d: -f1 | awk '{ print $1 - 1 }')" "$2"
}
expect_attr() {	# ID TEXT ERE WHAT: TEXT in order ID's row has attributes ERE
	local a
	a=$(row_attr "$1" "$2")
	CHECKS=$((CHECKS + 1))
	printf '%s' "$a" | grep -qE -- "$3" ||
	    fail "$4: order $1's '$2' is drawn with '$a', expected /$3/ (line ${BASH_LINENO[0]})"
}
# Bells: tmux runs the hook for each one, in any session (detached too).
bells() {	# SESSION: how many times it rang
	local n=0
	[ -f "$T/bells" ] && n=$(grep -cx -- "$1" "$T/bells")
	echo "$n"
}
# shellcheck disable=SC2317
_bells() { [ "$(bells "$1")" -ge "$2" ]; }
# ID TEXT: order ID's row is (not) the one under the cursor.
# shellcheck disable=SC2317
_selected() { row_attr "$1" "$2" | grep -qE 'rev=1|bg=47'; }
# shellcheck disable=SC2317
_unselected() { ! _selected "$@"; }
k --as guanli fee add GAS-01 更换灶具胶管 次 30 >/dev/null ||
    fail "kefu fee add GAS-01 as the admin"
# Customers: the repair's, the unattended one's, and more (all different
# addresses, so that every row is told apart by its address).
mapfile -t CUST < <(k --as wangfang customer find 李 --limit 6 |
    awk 'NR > 1 { print $1, $2 }')
check "kefu customer find 李 gave ${#CUST[@]} customers, not 6" ${#CUST[@]} -eq 6
read -r ACC_A NAME_A <<<"${CUST[0]}"
hit_rows() {	# the customer rows under the Find panel's header
	screen | awk -v h="$(row_of ACCOUNT)" '
	    NR - 1 <= h { next }
	    /^ [A-Z][0-9][0-9][0-9][0-9][0-9][0-9]+ / { print; next }
	    { exit }'
}


# The helpers compare the board with kefu order list (the clock 41 minutes
# on, so that some orders are overdue).
ids() {		# the numbers of the orders shown, top to bottom, one a line
	screen | sed -nE "s/${ROW}([0-9]+) .*/\1/p"
}
cli_ids() {	# ARGS...: the numbers kefu order list ARGS gives, in its order
	KEFU_NOW=$LATE k --as lijun order list "$@" | awk 'NR > 1 { print $1 }'
}
expect_ids() {	# WHAT ARGS...: the board shows what kefu order list ARGS does
	local what=$1 want
	shift
	want=$(cli_ids "$@" | head -18)		# the rows of 80x24
	CHECKS=$((CHECKS + 1))
	[ "$(ids)" = "$want" ] ||
	    fail "$what: the board shows orders $(ids | paste -sd' '), kefu order list $* $(printf '%s' "$want" | paste -sd' ') (line ${BASH_LINENO[0]})"
}
to_top() {	# the cursor to the first row, the list from its top
	keys PPage PPage
	wait_line 4 "${ROW}$(cli_ids | head -1) "
}
down_to() {	# TEXT: from the top, the cursor down to the row showing TEXT
	local i
	to_top
	for ((i = 4; i < $(row_of "$1"); i++)); do
		keys j
	done
}
pick() {	# N: chooses item N (0: the first, "all") of the open picker
	local k=(Home) i
	for ((i = 0; i < $1; i++)); do
		k+=(j)
	done
	keys "${k[@]}" Enter
}

late_orders() {
	local acc_u
	read -r acc_u _ <<<"${CUST[1]}"
	U=$(new_order "$NOW" --category equipment --customer "$acc_u" --fault 热水器漏气)
	check "kefu order new (equipment, $acc_u) gave no order number" -n "$U"
	ADDR_U=$(jget address "$(show "$U")")
	FAULT_U=$(jget fault "$(show "$U")")
	Y=$(new_order "${DAY}T$(date -d "@$((NOW_EPOCH + 6 * 60))" +%H:%M)" \
	    --category equipment --customer "$(echo "${CUST[4]}" | cut -d' ' -f1)" --fault 有煤气味)
	G=$(new_order "${DAY}T$(date -d "@$((NOW_EPOCH + 19 * 60))" +%H:%M)" \
	    --category equipment --customer "$(echo "${CUST[5]}" | cut -d' ' -f1)" --fault 点火器坏了)
	check "orders Y ($Y) and G ($G) were reported" -n "$Y" -a -n "$G"
}
pipe_orders() {
	local i cat
	for i in $(seq 1 22); do
		cat=pipe
		[ "$i" = 22 ] && cat=pipe-major		# 24 hours: due tomorrow (R3)
		LAST=$(new_order "$NOW" --category "$cat" --address "测试路 $i 号" \
		    --contact-name 张三 --phone "1380000$(printf %04d "$i")" \
		    --fault "管道漏气 $i")
	done
}
fault_re() {	# FAULT: an ERE for a fault as the board shows it at 80x24 (its
	# start, then cut with … where the address needs the room)
	printf '%s[^ ]*' "$(ere "${1:0:4}")"
}
