# callbacks_lib.sh — what the Callbacks scenarios (tui_callbacks_*.sh)
# share: sourced after lib.sh, it creates the demo database at $NOW
# (without the demo's contacts, orders and complaints: every task is the
# scenario's), picks three customers and gives the helpers below. The
# tasks are made the way the core makes them (issue 13: never by hand):
# a promise at reception (R52), a work order closed, a complaint's result
# (R30), each through the CLI; what F6 records is read back from the
# database (sqlite3).
#   NOW_EPOCH        $NOW as epoch seconds
#   at_min N         $NOW plus N minutes, as KEFU_NOW takes it
#   cb EXPR ID       a column (or expression) of callback ID
#   last_cb          the newest callback's number
#   promise ACCOUNT ASKED MINUTES
#                    a call logged by 王芳 and a callback promised within
#                    MINUTES (R52); prints the task's number
#   closed_order ACCOUNT FAULT [CLOCK]
#                    a work order of ACCOUNT reported, dispatched to 张伟,
#                    done and signed off at CLOCK (default $NOW); prints
#                    the task of its caller
#   complaint_result ACCOUNT WHAT
#                    a complaint registered, found invalid by 张伟 and
#                    explained (its result, R34): prints the complaint's
#                    number (its callback task is last_cb)
#   cb_row ID        F6's line of task ID ("" when not shown)
#   wait_cb_row ID ERE [TIMEOUT] / wait_cb_gone ID [TIMEOUT]
#   down_to_cb ID    the cursor onto task ID's row (from the top)
# shellcheck shell=bash disable=SC2034 # the variables are the scenarios'
demo_db
NOW_EPOCH=$(date -d "${NOW/T/ }" +%s)	# TZ is Asia/Shanghai (lib.sh)
at_min() {
	date -d "@$((NOW_EPOCH + $1 * 60))" +%Y-%m-%dT%H:%M
}
mapfile -t CUST < <(k --as wangfang customer find 李 --limit 3 |
    awk 'NR > 1 { print $1, $2 }')
check "kefu customer find 李 gave ${#CUST[@]} customers, not 3" ${#CUST[@]} -eq 3
read -r ACC_A NAME_A <<<"${CUST[0]}"
read -r ACC_B NAME_B <<<"${CUST[1]}"
read -r ACC_C NAME_C <<<"${CUST[2]}"

cb() {		# EXPR ID: a column or expression of callback ID
	sqlite3 -cmd ".timeout 5000" "$DB" "SELECT $1 FROM callback WHERE id = $2"
}
last_cb() {
	sqlite3 -cmd ".timeout 5000" "$DB" "SELECT max(id) FROM callback"
}
promise() {	# ACCOUNT ASKED MINUTES
	local id
	id=$(k --as wangfang contact log --purpose inquiry --customer "$1" \
	    --name 李 --title 先生 --asked "$2" --done 查询中 |
	    sed -nE 's/^logged contact ([0-9]+).*/\1/p')
	[ -n "$id" ] || die "kefu contact log failed"
	k --as wangfang contact promise "$id" "$3" >/dev/null ||
	    die "kefu contact promise $id $3 failed"
	last_cb
}
closed_order() {	# ACCOUNT FAULT [CLOCK]
	local id at=${3:-$NOW}
	id=$(KEFU_NOW=$at k --as wangfang order new --category equipment \
	    --customer "$1" --fault "$2" | sed -nE 's/^order ([0-9]+).*/\1/p')
	[ -n "$id" ] || die "kefu order new failed"
	KEFU_NOW=$at k --as lijun order ack "$id" >/dev/null &&
	KEFU_NOW=$at k --as lijun order assign "$id" zhangwei >/dev/null &&
	KEFU_NOW=$at k --as zhangwei order arrive "$id" >/dev/null &&
	KEFU_NOW=$at k --as zhangwei order done "$id" --work 更换点火器 \
	    >/dev/null &&
	KEFU_NOW=$at k --as zhangwei order signoff "$id" --name 李 >/dev/null ||
	    die "order $id did not close"
	last_cb
}
complaint_result() {	# ACCOUNT WHAT
	local id
	id=$(k --as wangfang complaint new --what "$2" --when 08:00 \
	    --channel hotline --category attitude --severity ordinary \
	    --customer "$1" --to zhangwei |
	    sed -nE 's/^complaint ([0-9]+).*/\1/p')
	[ -n "$id" ] || die "kefu complaint new failed"
	k --as zhangwei complaint analyse "$id" invalid >/dev/null &&
	k --as zhangwei complaint explain "$id" --told 已向用户解释 \
	    >/dev/null || die "complaint $id: no result"
	echo "$id"
}

# A row of F6: " NO. DUE SOURCE ...".
cb_row() {	# ID: F6's line of task ID ("" when not shown)
	screen | grep -E -m1 -- "^ $1 +[0-9]{2}-[0-9]{2} "
}
# shellcheck disable=SC2317 # called through _wait
_cb_row_re() { cb_row "$1" | grep -qE -- "$2"; }
wait_cb_row() {	# ID ERE [TIMEOUT]: task ID's row matches ERE
	_wait "${3:-$TUI_TIMEOUT}" "callback $1's row to match /$2/" \
	    _cb_row_re "$1" "$2"
}
# shellcheck disable=SC2317
_cb_gone() { [ -z "$(cb_row "$1")" ]; }
wait_cb_gone() {	# ID [TIMEOUT]: task ID has left F6's list
	_wait "${2:-$TUI_TIMEOUT}" "callback $1 to leave the list" _cb_gone "$1"
}
cb_attr() {	# ID TEXT: TEXT's attributes in task ID's row
	attr_at "$(screen | grep -nE -m1 -- "^ $1 +[0-9]{2}-" | cut -d: -f1 |
	    awk '{ print $1 - 1 }')" "$2"
}
# shellcheck disable=SC2317
_cb_selected() { cb_attr "$1" "$2" | grep -qE 'rev=1|bg=47'; }
down_to_cb() {	# ID: the cursor down (j) to task ID's row, from the top
	local i n
	keys Home
	n=$(screen | grep -nE -m1 -- "^ $1 +[0-9]{2}-" | cut -d: -f1)
	[ -n "$n" ] || die "callback $1 is not on the screen"
	for ((i = 5; i < n; i++)); do
		keys j
	done
	soon _wait "$TUI_TIMEOUT" "the cursor on callback $1" _cb_selected "$1" "$1"
}
