#!/bin/bash
# Callbacks (F6, issue 13) in Chinese at 80x24: only the keys that work
# are offered (M5), what the month's rate misses (M8, R47), the sample
# line naming who drew it (R42).
#   - October's two orders closed: 王芳's first start in November draws
#     October's sample; at 80x24 the sample line fits and names 王芳, and
#     no D is offered for a month drawn; September (not drawn) offers D;
#   - a promise called back half an hour late (done late) and one never
#     called (still open): % lists both with why, and the header how the
#     rate is made (due, on time, late, not done); % goes back;
#   - 李军 (dispatcher: sees callbacks, may not call back): Enter looks,
#     no a / l / t / r on the hint line nor in F1; a still says why;
#   - 陈静 (supervisor) on the records waiting for review (W): s signs,
#     no a / l / g offered for a record already made.
# shellcheck disable=SC2034 # L is read by t (lib.sh)
. "$(dirname "$0")/lib.sh" "$@"
. "$(dirname "$0")/callbacks_lib.sh"
L=zh_CN
HINT=23				# the hint line at 80x24

O1=$(closed_order "$ACC_A" 燃气灶打不着火 2026-10-20T10:00)
O2=$(closed_order "$ACC_B" 热水器不点火 2026-10-21T11:00)
LATE=$(promise "$ACC_B" 问维修进度 30)
KEFU_NOW=$(at_min 60) k --as wangfang callback record "$LATE" \
    --method phone --score satisfied --said 已答复 >/dev/null ||
    die "callback record $LATE"
OPEN=$(promise "$ACC_C" 问燃气费怎么交 10)
NOW=$(at_min 90)		# 12:11: both deadlines passed

hint_has() {	# TEXT: on the hint line
	CHECKS=$((CHECKS + 1))
	line $HINT | grep -qF -- "$1" ||
	    fail "expected '$1' on the hint line: $(line $HINT) (line ${BASH_LINENO[0]})"
}
hint_hasnt() {	# TEXT: not on the hint line
	CHECKS=$((CHECKS + 1))
	! line $HINT | grep -qF -- "$1" ||
	    fail "did not expect '$1' on the hint line: $(line $HINT) (line ${BASH_LINENO[0]})"
}

# --- 王芳: the sample drawn at start-up, named in its line (R42) ---------
kefu_start fang 80 24 --lang zh_CN --as wangfang
wait_for "$(tf "The sample of %s is drawn: %lld of %lld work orders (R42)." \
    2026-10 1 2)"
keys F6
wait_line 1 "^ $(t Callbacks) +"
wait_cb_row "$OPEN" "^ $OPEN "
keys Tab
wait_line 1 "^ $(t "Callback sample") "
wait_line 2 "^ 2026-10  .* 王芳"
hint_hasnt "D $(t draw)"		# drawn: nothing to draw
keys "["
wait_line 2 "^ $(ere "$(tf "%s: not drawn yet. D draws it (R42)." 2026-09)")"
_wait "$TUI_TIMEOUT" "D on the hint line" _line $HINT "D $(ere "$(t draw)")"
hint_hasnt "Enter"			# no row to call
keys "]"
wait_line 2 "^ 2026-10  "
keys Tab
wait_line 1 "^ $(t Callbacks) +"

# --- % : what the month's rate misses (R47) ------------------------------
keys %
wait_line 1 "^ $(t "Missed this month") "
FROM=$(date -d 2026-11-01 +%s)
TO=$(($(date -d "${NOW/T/ }" +%s) + 1))
read -r DUE ONT LAT < <(sqlite3 -separator ' ' "$DB" "SELECT count(*), \
    coalesce(sum(state IN (1, 2) AND done_at <= due_at), 0), \
    coalesce(sum(state IN (1, 2) AND done_at > due_at), 0) FROM callback \
    WHERE due_at >= $FROM AND due_at < $TO AND state != 3")
expect_re "$(ere "$(tf "due %lld  on time %lld  late %lld  not done %lld  month %s" \
    "$DUE" "$ONT" "$LAT" $((DUE - ONT - LAT)) "")")"
wait_cb_row "$LATE" "^ $LATE .* $(ere "$(tf "late: %s" "11-27 11:41")")"
wait_cb_row "$OPEN" "^ $OPEN .* $(ere "$(t "still open")")"
hint_has "% $(t return)"
keys /					# "/" looks among the missed too
typein 维修进度
wait_cb_gone "$OPEN"
expect_re "^ $LATE "
keys Escape
wait_cb_row "$OPEN" "^ $OPEN "
keys %
wait_line 1 "^ $(t Callbacks) +"

# --- 李军, dispatcher: looks, is offered nothing he may not do (M5) ------
kefu_start li 80 24 --lang zh_CN --as lijun
wait_for "F1 $(t help)"
keys F6
wait_cb_row "$OPEN" "^ $OPEN "
_wait "$TUI_TIMEOUT" "Enter look" _line $HINT "Enter $(ere "$(t look)")"
hint_hasnt "a $(t "no answer")"
hint_hasnt "l $(t later)"
hint_hasnt "t $(t take)"
keys Tab				# the sample: no D for one who may not draw
wait_line 1 "^ $(t "Callback sample") "
keys "["
wait_line 2 "^ $(ere "$(tf "%s: not drawn yet (R42)." 2026-09)")"
_wait "$TUI_TIMEOUT" "[ month" _line $HINT "\\[ $(ere "$(t month)")"
hint_hasnt "D $(t draw)"
keys Tab
wait_line 1 "^ $(t Callbacks) +"
keys F1
read_help "$(help_tail)"
expect_help % "$(t "What the month's rate is missing: each task not called back on time, and why (R47)")"
expect_help_no "$(t "Record the callback: how, how satisfied, what was said (R40)")"
expect_help_no "$(t "Take the callback for yourself from the pool")"
expect_help Enter "$(t "Show the callback whole: the source, the attempts, what was recorded and signed")"
keys Escape
wait_gone "$(help_tail)"
keys a					# not offered, still explained
wait_re "R40"
expect_eq 0 "$(cb attempts "$OPEN")" "no attempt made by a dispatcher"

# --- 陈静, supervisor: the records to review offer only what works -------
kefu_start sup 80 24 --lang zh_CN --as chenjing
wait_for "F1 $(t help)"
keys F6
wait_line 1 " $(tf "to review %lld" 1)  "
keys W
wait_cb_row "$LATE" "^ $LATE "
_wait "$TUI_TIMEOUT" "s sign" _line $HINT "s $(ere "$(t sign)")"
hint_hasnt "a $(t "no answer")"
hint_hasnt "l $(t later)"
hint_hasnt "g $(t assign)"
keys W
wait_cb_row "$OPEN" "^ $OPEN "
_wait "$TUI_TIMEOUT" "a no answer" _line $HINT "a $(ere "$(t "no answer")")"
hint_has "g $(t assign)"
finish
