# lib.sh — the tmux harness of the terminal UI scenarios (tests/tui/tui_*.sh).
#
# A scenario starts with
#     . "$(dirname "$0")/lib.sh" "$@"    # $1: kefu binary, $2: scripts/demo.sh
# and ends with `finish`. Every scenario gets its own tmux server on a
# private socket (tmux -L), so scenarios run in parallel and never touch
# the user's tmux; the server is killed on exit, whatever happens.
#
#   $T, $DB          a fresh temporary directory; $DB=$T/kefu.db (not created)
#   $KEFU, $SRC      the binary; the source tree (for po/zh_CN.po)
#   $NOW, $NOW_HM    the fixed clock every session and every command gets
#                    (KEFU_NOW), and its "HH:MM" as the top bar shows it: a
#                    scenario never reads the machine's calendar
#   demo_db          creates $DB with scripts/demo.sh (password kefu-demo)
#                    at $NOW, without its contacts and orders
#   k ARGS           runs the CLI: kefu --db $DB ARGS (as the Unix user),
#                    at $NOW unless KEFU_NOW is given (KEFU_NOW=... k ARGS)
#
# Sessions (one tmux session each; the last started or `use`d is current):
#   start NAME COLS ROWS CMD...   runs CMD in a detached session of that size
#   kefu_start NAME COLS ROWS ARGS...
#                    runs kefu ARGS in owner mode on $DB, LANG=C.UTF-8,
#                    KEFU_NOW=$NOW (pass --lang and --as/--login in ARGS)
#   use NAME         makes NAME the current session
#   keys KEY...      tmux send-keys (key names: Enter, F8, M-8, C-u, BSpace)
#   typein TEXT      sends TEXT literally (send-keys -l)
#   paste_file FILE [-p]
#                    pastes FILE with load-buffer/paste-buffer (tmux turns
#                    LF into CR, as a terminal does; -p: as a bracketed
#                    paste if the program asked for that mode)
#   resize_to COLS ROWS  resizes the current window
#   kill_pane        closes the current pane (the program gets SIGHUP)
#
# Waiting (the only way to wait for the program: never a fixed sleep). A
# wait polls capture-pane every 50 ms until the condition holds or the
# timeout passes (seconds, default $TUI_TIMEOUT = 30: a wait ends as soon as
# its condition holds, so a generous bound costs nothing on a fast machine
# and keeps a loaded one, or a sanitizer build, from failing); a failed
# wait dumps the screen and ends the scenario (what follows would be
# meaningless). How long a wait took is never a check: a duration is a
# figure for bench/, not a test.
#   $LIVE            the bound for another session's change to show with no
#                    key pressed (sessions poll twice a second): $TUI_LIVE,
#                    default 10 s
#   wait_for TEXT [TIMEOUT]      TEXT (fixed string) appears on the screen
#   wait_re ERE [TIMEOUT]        a line matches ERE
#   wait_gone TEXT [TIMEOUT]     TEXT is no longer on the screen
#   wait_line N ERE [TIMEOUT]    screen line N (0 = top) matches ERE
#   wait_cursor X Y [TIMEOUT]    the cursor is at column X, row Y
#   wait_exit [TIMEOUT]          the program in the pane has ended; sets
#                                $EXIT_CODE and $TTY_STATE (stty flags after it)
#   wait_pid_gone PID [TIMEOUT]  a process has ended
#   now_ms                       milliseconds of wall-clock time
#   soon WAIT-COMMAND ARGS...    the same wait as a check: a timeout is a
#                                failure, and the scenario goes on
#   barrier [HELP-TEXT]          every key sent so far has been handled:
#                                opens help (F1, which works everywhere after
#                                login) and closes it (the closing key does
#                                nothing else); HELP-TEXT is the help's last
#                                line (default the English one)
#
# finish ends every program still running with SIGTERM (waiting for it),
# fails on any sanitizer report (ASAN/UBSAN log_path point into $T), and
# exits 1 if any check failed.
#
# Checks (a failure is reported with a screen dump; the scenario goes on):
#   expect_screen TEXT / expect_no TEXT   TEXT is / is not on the screen now
#   expect_line N ERE                      screen line N matches ERE now
#   expect_cursor X Y                      the cursor is at (X, Y) now
#   expect_eq WANT GOT WHAT                WANT = GOT
#   check WHAT TEST-ARGS...                `test TEST-ARGS...` holds
#   fail MESSAGE
#   screen / line N / cursor               the screen, a line, "X,Y" now
#   row_of TEXT / col_of TEXT              the row of the first line holding
#                                          TEXT, and TEXT's column there (in
#                                          cells: CJK counts two); -1 if none
#   expect_tty_restored                    after wait_exit: the terminal is
#                                          back in its normal modes
#   choose LABEL VALUE                     in the open form, on the choice
#                                          field LABEL (the cursor on it):
#                                          Right until it shows < VALUE >
#   po_msgstr MSGID                        the zh_CN translation of MSGID
#                                          (from po/zh_CN.po), "" when none
#   t MSGID                                the UI's text for MSGID in the
#                                          language $L (en, the default, or
#                                          zh_CN: a failure when untranslated)
#   ere TEXT                               an ERE matching TEXT literally

set -u

if [ $# -lt 2 ] || [ -z "$1" ] || [ -z "$2" ]; then
	echo "usage: $0 PATH-TO-KEFU PATH-TO-DEMO.SH" >&2
	exit 2
fi
case $1 in
/*)	KEFU=$1 ;;
*)	KEFU=$PWD/$1 ;;
esac
case $2 in
/*)	DEMO=$2 ;;
*)	DEMO=$PWD/$2 ;;
esac
if [ ! -x "$KEFU" ]; then
	echo "FAIL: kefu binary '$KEFU' is not executable" >&2
	exit 1
fi
if [ ! -f "$DEMO" ]; then
	echo "FAIL: demo script '$DEMO' not found" >&2
	exit 1
fi
for tool in tmux sqlite3 mktemp grep stty; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "FAIL: the TUI tests need '$tool'" >&2
		exit 1
	fi
done
# shellcheck disable=SC2034 # used by the scenarios
SRC=$(cd "$(dirname "$DEMO")/.." && pwd)

# A known environment: UTF-8, Beijing time, no kefu overrides, not inside
# the user's tmux.
export TZ=Asia/Shanghai
export LANG=C.UTF-8
unset LC_ALL LC_CTYPE LC_MESSAGES LANGUAGE KEFU_DB KEFU_NOW TMUX TMUX_PANE
TUI_TIMEOUT=${TUI_TIMEOUT:-30}
# shellcheck disable=SC2034 # used by the scenarios
LIVE=${TUI_LIVE:-10}
NOW=2026-11-27T10:41
# shellcheck disable=SC2034 # used by the scenarios
NOW_HM=10:41

T=$(mktemp -d "${TMPDIR:-/tmp}/kefu-tui.XXXXXX") || {
	echo "FAIL: mktemp" >&2
	exit 1
}
DB=$T/kefu.db
# A sanitizer build writes its reports to files, which finish checks (on
# the terminal they would only garble the screen under test).
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=$T/sanitizer"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}log_path=$T/sanitizer:print_stacktrace=1"
SOCK="kefu-tui-$$-$RANDOM$RANDOM"
SCRIPT=$(basename "$0")
FAILS=0
CHECKS=0
CUR=
FINISHED=0

SOCK_PATH=
# However the scenario ends (finish, a failed wait, a signal, CTest's
# SIGKILL on timeout: tests/guard.sh), the tmux server and every program
# it started end, and $T goes (kept after a failure with TUI_KEEP set).
. "$(dirname "${BASH_SOURCE[0]}")/../guard.sh"
cleanup() {
	local keep=
	tmux -L "$SOCK" kill-server >/dev/null 2>&1
	# tmux 3.3 leaves its socket behind when the server is killed.
	[ -n "$SOCK_PATH" ] && rm -f "$SOCK_PATH"
	if [ "$FINISHED" != 1 ] || [ "$FAILS" != 0 ]; then
		[ -n "${TUI_KEEP:-}" ] && keep=keep
	fi
	guard_end $keep
	[ -n "$keep" ] && echo "kept $T" >&2
}
trap cleanup EXIT
[ -n "${TUI_KEEP:-}" ] && export GUARD_KEEP=1
guard_start "$T" "$SOCK"

# Infocmp decides the terminal type: tmux's own when installed.
if infocmp tmux-256color >/dev/null 2>&1; then
	TERM_IN=tmux-256color
else
	TERM_IN=screen
fi
cat >"$T/tmux.conf" <<EOF
set -g status off
set -g default-terminal $TERM_IN
set -g history-limit 100
set -s escape-time 0
set -g focus-events off
EOF

TM() {
	tmux -u -L "$SOCK" -f "$T/tmux.conf" "$@"
}

# Milliseconds of wall-clock time.
now_ms() {
	local t=${EPOCHREALTIME/[.,]/}
	echo $((t / 1000))
}

where() {
	local i=1
	# The innermost caller outside this file.
	while [ "${BASH_SOURCE[$i]:-}" = "${BASH_SOURCE[0]}" ]; do
		i=$((i + 1))
	done
	echo "$(basename "${BASH_SOURCE[$i]:-$0}"):${BASH_LINENO[$((i - 1))]}"
}

screen() {
	TM capture-pane -p -t "$CUR" 2>/dev/null
}

line() {
	screen | sed -n "$(($1 + 1))p"
}

cursor() {
	TM display -p -t "$CUR" '#{cursor_x},#{cursor_y}' 2>/dev/null
}

row_of() {
	screen | awk -v t="$1" 'index($0, t) { print NR - 1; f = 1; exit }
	    END { if (!f) print -1 }'
}

col_of() {
	local l pre
	l=$(screen | grep -F -m1 -- "$1") || { echo -1; return; }
	pre=${l%%"$1"*}
	printf '%s' "$pre" | wc -L
}

LAST_DUMP=
dump() {
	local size now
	now="$CUR $(cursor) $(screen)"
	if [ "$now" = "$LAST_DUMP" ]; then
		echo "(screen of '$CUR' as dumped above)"
		return
	fi
	LAST_DUMP=$now
	size=$(TM display -p -t "$CUR" '#{pane_width}x#{pane_height}' 2>/dev/null)
	echo "---- screen of '$CUR' ($size, cursor at $(cursor)) ----"
	screen | awk '{ printf "%2d|%s|\n", NR - 1, $0 }'
	echo "----"
}

fail() {
	FAILS=$((FAILS + 1))
	echo "FAIL: $(where): $*"
	[ -n "$CUR" ] && dump
}

# A failed wait: the screen is not what the rest of the scenario expects.
die() {
	fail "$@"
	stop_all
	echo "$SCRIPT: stopped after the failure above ($CHECKS checks, $FAILS failed)"
	exit 1
}

# Ends the programs still running with SIGTERM, so that they exit through
# their own clean-up (where a sanitizer build checks for leaks), rather
# than being cut off with the tmux server; then any sanitizer report is a
# failure.
stop_all() {
	local f pid rep name
	for f in "$T"/pid.*; do
		[ -e "$f" ] || continue
		pid=$(cat "$f")
		name=${f##*/pid.}
		_pid_gone "$pid" && continue
		_reused "$name" "$pid" && continue	# not ours: never signalled
		kill -TERM "$pid" 2>/dev/null
		SOFT=1 wait_pid_gone "$pid" "$TUI_TIMEOUT" || kill -KILL "$pid" 2>/dev/null
		# Its wrapper is done writing into $T once the exit file is
		# there (unless the pane is gone, and the wrapper with it).
		if TM has-session -t "=$name" 2>/dev/null; then
			CUR=$name SOFT=1 _wait "$TUI_TIMEOUT" "the wrapper of '$name'" _exited
		fi
	done
	for rep in "$T"/sanitizer.*; do
		[ -e "$rep" ] || continue
		CUR=
		fail "sanitizer report $(basename "$rep"):"
		cat "$rep"
	done
}

finish() {
	local msgid
	stop_all
	FINISHED=1
	if [ -s "$T/untranslated" ]; then
		CUR=				# no screen to show for these
		while IFS= read -r msgid; do
			fail "po/zh_CN.po has no translation of '$msgid'"
		done <"$T/untranslated"
	fi
	if [ "$FAILS" -ne 0 ]; then
		echo "$SCRIPT: $FAILS of $CHECKS checks failed"
		exit 1
	fi
	echo "$SCRIPT: all $CHECKS checks passed"
	exit 0
}

# Helpers the scenarios share (one copy each):
#   kn ARGS            the CLI at the sessions' fixed clock ($NOW)
#   jget KEY JSON      the value of KEY (its only one) in JSON, unquoted
#   tf MSGID ARGS...   the UI's text for a format: %N$s by position, then
#                      printf's own directives (%s, %lld, %zu) in order
#   expect_re ERE      a line of the screen matches ERE now
#   attr_at N TEXT     the SGR attributes where TEXT first shows on line N
#   read_help FOOT, expect_help KEY DESCRIPTION, expect_help_no TEXT
#                      the open help read whole (every page) into HELP,
#                      and what it lists
kn() {
	KEFU_NOW=$NOW k "$@"
}
jget() {
	printf '%s' "$2" | sed -nE 's/.*"'"$1"'":("([^"]*)"|([^,}]*)).*/\2\3/p'
}
tf() {
	local s i=1 a
	s=$(t "$1")
	shift
	for a in "$@"; do
		s=${s//%$i\$s/$a}
		i=$((i + 1))
	done
	if [[ $s == *%* ]]; then
		# shellcheck disable=SC2059 # the format is the catalogue's
		printf "$s" "$@"
	else
		printf '%s' "$s"
	fi
}
expect_re() {
	CHECKS=$((CHECKS + 1))
	_re "$1" || fail "expected a line matching /$1/ (line ${BASH_LINENO[0]})"
}
# The SGR attributes in effect where TEXT first shows on screen line N
# (capture-pane -e gives each line's changes from the line before, so the
# whole screen is read): "fg=F bg=B bold=0|1 dim=0|1 rev=0|1", F and B the
# SGR colour numbers (39 and 49: the terminal's default); "none" when TEXT
# is not on that line.
attr_at() {
	TM capture-pane -e -p -t "$CUR" | awk -v row="$1" -v t="$2" '
	BEGIN { fg = 39; bg = 49; bold = dim = rev = 0; out = "none" }
	{
		s = $0; vis = ""; n = 0
		while (s != "") {
			if (match(s, /^\033\[[0-9;]*m/)) {
				p = substr(s, 3, RLENGTH - 3)
				s = substr(s, RLENGTH + 1)
				k = split(p, a, ";")
				if (k == 0) { k = 1; a[1] = 0 }
				for (i = 1; i <= k; i++) {
					c = a[i] + 0
					if (c == 0) { fg = 39; bg = 49; bold = dim = rev = 0 }
					else if (c == 1) bold = 1
					else if (c == 2) dim = 1
					else if (c == 22) bold = dim = 0
					else if (c == 7) rev = 1
					else if (c == 27) rev = 0
					else if (c == 38 || c == 48) {
						v = a[i + 1] == 5 ? "5:" a[i + 2] : "rgb"
						if (c == 38) fg = "38:" v
						else bg = "48:" v
						i += a[i + 1] == 5 ? 2 : 4
					} else if ((c >= 30 && c <= 37) || c == 39 ||
					    (c >= 90 && c <= 97)) fg = c
					else if ((c >= 40 && c <= 47) || c == 49 ||
					    (c >= 100 && c <= 107)) bg = c
				}
				continue
			}
			if (match(s, /^\033/)) {	# another escape: skip ESC
				s = substr(s, 2)
				continue
			}
			vis = vis substr(s, 1, 1)
			s = substr(s, 2)
			st[++n] = "fg=" fg " bg=" bg " bold=" bold " dim=" dim \
			    " rev=" rev
		}
		if (NR - 1 == row) {
			i = index(vis, t)
			if (i) out = st[i]
		}
		delete st
	}
	END { print out }'
}
# Reads every page of the open help into HELP: FOOT is its last line's
# text; a help of several pages ("Page 1 of 2", "第 1/2 页") is read with
# PgDn.
read_help() {
	local p n m
	wait_for "$1"
	HELP=$(screen)
	while p=$(screen | grep -oE 'Page [0-9]+ of [0-9]+|第 [0-9]+/[0-9]+ 页') &&
	    [ -n "$p" ]; do
		n=$(printf '%s' "$p" | grep -oE '[0-9]+' | sed -n 1p)
		m=$(printf '%s' "$p" | grep -oE '[0-9]+' | sed -n 2p)
		[ "$n" -lt "$m" ] || break
		keys NPage
		_wait "$TUI_TIMEOUT" "page $((n + 1)) of the help" _re \
		    "Page $((n + 1)) of $m|第 $((n + 1))/$m 页"
		HELP+=$'\n'$(screen)
	done
}
expect_help() {	# KEY DESCRIPTION: the help has that line
	CHECKS=$((CHECKS + 1))
	grep -qE -- "│ ([^ ]*/)?$(ere "$1")(/[^ ]*)? +$(ere "$2")" <<<"$HELP" ||
	    fail "expected the key '$1' with '$2' in the help (line ${BASH_LINENO[0]})"
}
expect_help_no() {	# TEXT: not in the help

	! grep -qF -- "$1" <<<"$HELP" ||
	    fail "did not expect '$1' in the help (line ${BASH_LINENO[0]})"
}
#   on_site_order ADDRESS [FAULT]
#                      an equipment order of liuyang's, received, dispatched
#                      and on site (by the CLI at $NOW); prints its number
#   help_tail          the end of F1's last line in language $L (one page
#                      or several)
on_site_order() {
	local id
	id=$(kn --as wangfang order new --category equipment --address "$1" \
	    --contact-name 王五 --phone 13800009999 --fault "${2:-阀门坏了}" |
	    sed -nE 's/^order ([0-9]+) .*/\1/p')
	[ -n "$id" ] || die "order new $1"
	kn --as lijun order ack "$id" >/dev/null || die "order ack $id"
	kn --as lijun order assign "$id" liuyang >/dev/null ||
	    die "order assign $id"
	kn --as liuyang order arrive "$id" >/dev/null || die "order arrive $id"
	echo "$id"
}
help_tail() {
	case $L in
	en)	printf 'closes this help.' ;;
	*)	t "Any key closes this help." | sed 's/^.*任意键//' ;;
	esac
}

demo_db() {
	KEFU_NOW=$NOW KEFU_DEMO_CONTACTS=0 sh "$DEMO" "$KEFU" "$DB" >/dev/null ||
	    die "demo.sh failed"
}

k() {
	KEFU_NOW=${KEFU_NOW:-$NOW} "$KEFU" --db "$DB" "$@"
}

start() {
	local name=$1 cols=$2 rows=$3 w
	shift 3
	w=$T/run.$name.sh
	rm -f "$T/pid.$name" "$T/start.$name" "$T/exit.$name"
	{
		echo '#!/bin/bash'
		printf 'cd %q || exit 1\n' "$T"
		# The subshell records when it started (its pid may be another
		# process's later: pids wrap at 32768 on a busy machine) and its
		# pid, then becomes the program (exec keeps both).
		printf '( read -r s </proc/$BASHPID/stat; s=${s##*) }; set -- $s; '
		printf 'echo "${20}" >%q; ' "$T/start.$name"
		printf 'echo $BASHPID >%q; exec' "$T/pid.$name"
		printf ' %q' "$@"
		printf ' )\n'
		echo 'rc=$?'
		echo 'flags=$(stty -a | tr " ;" "\n\n" | grep -xE -- "-?(icanon|echo|isig|icrnl|opost|onlcr|ixon)" | tr "\n" " ")'
		printf 'echo "$rc $flags" >%q.tmp && mv %q.tmp %q\n' \
		    "$T/exit.$name" "$T/exit.$name" "$T/exit.$name"
		echo 'printf "\n[exited %s]\n" "$rc"'
		# The pane stays as the program left it (a dead pane would
		# scroll for tmux's own notice) until the server goes.
		echo 'exec sleep 3600'
	} >"$w"
	TM new-session -d -s "$name" -x "$cols" -y "$rows" "bash $(printf %q "$w")" ||
	    die "tmux new-session $name failed"
	if [ -z "$SOCK_PATH" ]; then
		SOCK_PATH=$(TM display -p '#{socket_path}')
		guard_also "$SOCK_PATH"
	fi
	CUR=$name
	local deadline=$(($(now_ms) + TUI_TIMEOUT * 1000))
	while [ ! -s "$T/pid.$name" ]; do
		[ "$(now_ms)" -gt "$deadline" ] && die "session $name did not start"
		sleep 0.05
	done
}

kefu_start() {
	local name=$1 cols=$2 rows=$3
	shift 3
	start "$name" "$cols" "$rows" env LANG=C.UTF-8 TZ=Asia/Shanghai \
	    KEFU_DB="$DB" KEFU_NOW="$NOW" "$KEFU" "$@"
}

use() {
	CUR=$1
}

pid_of() {
	cat "$T/pid.${1:-$CUR}"
}

keys() {
	TM send-keys -t "$CUR" "$@" || die "send-keys $* failed"
}

typein() {
	local t=$1
	# tmux reads an argument ending in ";" as the end of its command.
	while [ "${t%;}" != "$t" ]; do
		t=${t%;}
		set -- "$t" "3b${2:+ $2}"
	done
	if [ -n "$t" ]; then
		TM send-keys -t "$CUR" -l -- "$t" || die "send-keys -l failed"
	fi
	if [ -n "${2:-}" ]; then
		# shellcheck disable=SC2086 # hex bytes, one per word
		TM send-keys -t "$CUR" -H $2 || die "send-keys -H failed"
	fi
}

paste_file() {
	TM load-buffer -b kefu-paste "$1" || die "load-buffer $1 failed"
	TM paste-buffer -d -b kefu-paste ${2:+"$2"} -t "$CUR" ||
	    die "paste-buffer failed"
}

resize_to() {
	TM resize-window -t "$CUR" -x "$1" -y "$2" || die "resize-window failed"
}

kill_pane() {
	TM kill-pane -t "$CUR" || die "kill-pane failed"
}

# _wait TIMEOUT DESCRIPTION CONDITION...: polls CONDITION every 50 ms.
_wait() {
	local timeout=$1 what=$2 deadline
	shift 2
	CHECKS=$((CHECKS + 1))
	deadline=$(($(now_ms) + ${timeout%.*} * 1000))
	case $timeout in
	*.*)	deadline=$((deadline + 10#$(printf '%-3.3s' "${timeout#*.}" | tr ' ' 0))) ;;
	esac
	while :; do
		if "$@"; then
			return 0
		fi
		if [ "$(now_ms)" -gt "$deadline" ]; then
			if [ "${SOFT:-0}" = 1 ]; then
				fail "waited ${timeout}s for $what"
				return 1
			fi
			die "waited ${timeout}s for $what"
		fi
		sleep 0.05
	done
}

soon() {
	local SOFT=1
	"$@"
}

# Esc on a form with typing in it asks first; answer yes.
discard_form() {
	keys Escape
	wait_for "discard what you typed"
	keys y
}

barrier() {
	local t=${1:-closes this help.}
	keys F1
	wait_for "$t"
	keys Escape
	wait_gone "$t"
}

_has() { screen | grep -qF -- "$1"; }
_hasnt() { ! screen | grep -qF -- "$1"; }
_re() { screen | grep -qE -- "$1"; }
_line() { line "$1" | grep -qE -- "$2"; }
_cursor() { [ "$(cursor)" = "$1,$2" ]; }
_exited() { [ -s "$T/exit.$CUR" ]; }
_reused() {	# NAME PID: PID is now another process than NAME's program
	local want now
	want=$(cat "$T/start.$1" 2>/dev/null) || return 1
	now=$(sed 's/.*) //' "/proc/$2/stat" 2>/dev/null | cut -d' ' -f20)
	[ -n "$now" ] && [ "$now" != "$want" ]
}

_pid_gone() {
	local st
	[ -r "/proc/$1/stat" ] || return 0
	st=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)
	[ -z "$st" ] || [ "$st" = Z ] || [ "$st" = X ]
}

wait_for() { _wait "${2:-$TUI_TIMEOUT}" "'$1' to appear" _has "$1"; }
wait_re() { _wait "${2:-$TUI_TIMEOUT}" "a line matching /$1/" _re "$1"; }
wait_gone() { _wait "${2:-$TUI_TIMEOUT}" "'$1' to go" _hasnt "$1"; }
wait_line() { _wait "${3:-$TUI_TIMEOUT}" "line $1 to match /$2/" _line "$1" "$2"; }
wait_cursor() { _wait "${3:-$TUI_TIMEOUT}" "the cursor at $1,$2" _cursor "$1" "$2"; }
wait_pid_gone() { _wait "${2:-$TUI_TIMEOUT}" "process $1 to end" _pid_gone "$1"; }

wait_exit() {
	# shellcheck disable=SC2034 # used by the scenarios
	EXIT_CODE=none TTY_STATE=
	_wait "${1:-$TUI_TIMEOUT}" "the program in '$CUR' to exit" _exited ||
	    return 1
	# shellcheck disable=SC2034 # used by the scenarios
	read -r EXIT_CODE TTY_STATE <"$T/exit.$CUR"
}

expect_tty_restored() {
	local f
	for f in icanon echo isig icrnl opost onlcr; do
		CHECKS=$((CHECKS + 1))
		case " $TTY_STATE " in
		*" $f "*) ;;
		*)	fail "terminal not restored: '$f' is off after kefu ($TTY_STATE)" ;;
		esac
	done
	CHECKS=$((CHECKS + 1))
	[ "$(TM display -p -t "$CUR" '#{alternate_on}')" = 0 ] ||
	    fail "terminal not restored: still on the alternate screen"
	CHECKS=$((CHECKS + 1))
	[ "$(TM display -p -t "$CUR" '#{keypad_cursor_flag}')" = 0 ] ||
	    fail "terminal not restored: cursor keys still in application mode"
	CHECKS=$((CHECKS + 1))
	[ "$(TM display -p -t "$CUR" '#{cursor_flag}')" = 1 ] ||
	    fail "terminal not restored: the cursor is still hidden"
}

expect_screen() {
	CHECKS=$((CHECKS + 1))
	_has "$1" || fail "expected '$1' on the screen"
}

expect_no() {
	CHECKS=$((CHECKS + 1))
	_hasnt "$1" || fail "did not expect '$1' on the screen"
}

expect_line() {
	CHECKS=$((CHECKS + 1))
	_line "$1" "$2" || fail "expected line $1 to match /$2/"
}

expect_cursor() {
	CHECKS=$((CHECKS + 1))
	_cursor "$1" "$2" || fail "expected the cursor at $1,$2, it is at $(cursor)"
}

expect_eq() {
	CHECKS=$((CHECKS + 1))
	[ "$1" = "$2" ] || fail "$3: expected '$1', got '$2'"
}

check() {
	local what=$1
	shift
	CHECKS=$((CHECKS + 1))
	test "$@" || fail "$what"
}

# The zh_CN msgstr of a msgid (no plural, no context); "" when the
# catalogue or the entry is missing, untranslated or fuzzy (gettext would
# show the English then).
po_msgstr() {
	local po=$SRC/po/zh_CN.po
	[ -f "$po" ] || return 0
	awk -v id="$1" '
	function unq(s) {
		sub(/^[^"]*"/, "", s); sub(/"[ \t]*$/, "", s)
		gsub(/\\"/, "\"", s); gsub(/\\n/, "\n", s); gsub(/\\\\/, "\\", s)
		return s
	}
	function done() {
		if (state == "str" && cur == id && !fuzzy) { print str; found = 1; exit }
	}
	/^#,/ { done(); if ($0 ~ /fuzzy/) fuzzy = 1; state = ""; next }
	/^#/ { done(); state = ""; next }
	/^msgid / { done(); cur = unq($0); state = "id"; next }
	/^msgstr / { str = unq($0); state = "str"; next }
	/^"/ {
		if (state == "id") cur = cur unq($0)
		else if (state == "str") str = str unq($0)
		next
	}
	{ done(); state = ""; fuzzy = 0 }
	END { if (!found) done() }
	' "$po" | head -1
}

L=${L:-en}
t() {	# MSGID: the text the UI shows for it in language $L
	local s
	if [ "$L" = en ]; then
		printf '%s' "$1"
		return
	fi
	s=$(po_msgstr "$1")
	if [ -z "$s" ]; then
		# t runs inside $(...): a fail here would be lost with the
		# subshell, so the msgid is written down for finish to fail.
		printf '%s\n' "$1" >>"$T/untranslated"
		s=$1
	fi
	printf '%s' "$s"
}
ere() {		# TEXT -> an ERE matching it literally
	printf '%s' "$1" | sed -E 's/[][\.*^$+?(){}|/]/\\&/g'
}
# shellcheck disable=SC2317 # called through _wait
_shows() { screen | grep -qE -- "│ $(ere "$1") *: < $(ere "$2") >"; }
choose() {	# LABEL VALUE
	local i
	for ((i = 0; i < 20; i++)); do
		_shows "$1" "$2" && return 0
		keys Right
		# shellcheck disable=SC2034
		SOFT=1 _wait 2 "the choice to move" _re "│ $(ere "$1") *: < " ||
		    true
		sleep 0.1
	done
	die "no choice '$2' in '$1'"
}
