# guard.sh — a test scenario leaves nothing behind, however it ends.
#
# Sourced (bash) by the scenario libraries (tests/cli/lib.sh,
# tests/tui/lib.sh) and the stress drivers. A scenario can end:
#   - by exit (finished, or stopped after a failure): its EXIT trap runs;
#   - by SIGTERM, SIGINT or SIGHUP (Ctrl-C at ctest, kill, CTest >= 3.27
#     with TIMEOUT_SIGNAL_NAME): guard_start's traps make that an exit
#     (status 128 + the signal), so the EXIT trap runs too;
#   - by SIGKILL: CTest up to 3.26 (Debian 12 has 3.25) ends a test past
#     its TIMEOUT by stopping the script and SIGKILLing it and every
#     process below it. No trap runs, and what is not below it lives on:
#     a tmux server is a daemon (its parent is init), with a kefu in each
#     pane. A scenario killed so once left a tmux server and four kefu
#     sessions running.
# For the last case guard_start also starts a watchdog outside the
# script's process tree (its own session, its parent init, so neither
# CTest's kill nor a Ctrl-C reaches it): it waits for the script to end,
# then does what the EXIT trap would have done. A script that ends
# normally stops its watchdog first (guard_end).
#
#   guard_start DIR PATTERN...
#        traps INT, TERM and HUP (as an exit) and starts the watchdog for
#        DIR (the scenario's temporary directory). The caller sets its
#        own EXIT trap, which calls guard_end.
#   guard_end [keep]
#        stops the watchdog and does its work now: guard_reap, then
#        removes DIR and every path given to guard_also (unless "keep":
#        a failed scenario's files kept for a look, TUI_KEEP).
#   guard_also PATH
#        PATH (outside DIR) is removed with it.
#   guard_reap
#        ends every process that belongs to the scenario: its working
#        directory is DIR or under it, or its command line holds DIR or
#        one of the PATTERNs (a private tmux socket name, say). Each gets
#        SIGTERM (kefu saves drafts and restores the terminal on it), then
#        SIGKILL if it still runs 3 s later. The script itself and its
#        subshells are never matched (their command line is the script's).
#
# The watchdog polls once a second; it holds no descriptor of the
# scenario's, so CTest sees the test's output end when the script does.

GUARD_DIR=
GUARD_PATTERNS=()
GUARD_PID=
GUARD_LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/guard.sh
export GUARD_LIB

# Every pid (but ours and our ancestors') that belongs to the scenario.
_guard_pids() {
	local p pid cwd cmd pat self=" $$ $BASHPID " a=$$
	# Our ancestors (a watchdog's is init; a script's are ctest, make...).
	while [ "$a" -gt 1 ] 2>/dev/null; do
		self+="$a "
		a=$(sed 's/.*) //' "/proc/$a/stat" 2>/dev/null | cut -d' ' -f2)
		[ -n "$a" ] || break
	done
	for p in /proc/[0-9]*; do
		pid=${p#/proc/}
		case $self in *" $pid "*) continue ;; esac
		cwd=$(readlink "$p/cwd" 2>/dev/null)
		case $cwd/ in
		"$GUARD_DIR"/*) echo "$pid"; continue ;;
		esac
		{ cmd=$(tr '\0' ' ' <"$p/cmdline"); } 2>/dev/null || continue
		[ -n "$cmd" ] || continue
		case $cmd in
		*"$GUARD_DIR"*) echo "$pid"; continue ;;
		esac
		for pat in "${GUARD_PATTERNS[@]}"; do
			case $cmd in
			*"$pat"*) echo "$pid"; break ;;
			esac
		done
	done
}

guard_reap() {
	local pids pid i
	[ -n "$GUARD_DIR" ] || return 0
	pids=$(_guard_pids)
	[ -n "$pids" ] || return 0
	# shellcheck disable=SC2086 # one pid a word
	kill -TERM $pids 2>/dev/null
	for ((i = 0; i < 30; i++)); do
		pids=$(for pid in $pids; do
			[ -d "/proc/$pid" ] && ! grep -q '^[^)]*) [ZX]' \
			    "/proc/$pid/stat" 2>/dev/null && echo "$pid"
		done)
		[ -n "$pids" ] || return 0
		sleep 0.1
	done
	# shellcheck disable=SC2086
	kill -KILL $pids 2>/dev/null
	return 0
}

guard_also() {
	printf '%s\n' "$1" >>"$GUARD_DIR/.guard-also"
}

_guard_remove() {
	local p also=()
	[ -n "$GUARD_DIR" ] && [ -d "$GUARD_DIR" ] || return 0
	[ -f "$GUARD_DIR/.guard-also" ] &&
	    mapfile -t also <"$GUARD_DIR/.guard-also"
	# A scenario may have taken permissions away (chmod 000) to test them.
	for p in "$GUARD_DIR" "${also[@]}"; do
		[ -n "$p" ] || continue
		chmod -R u+rwx "$p" 2>/dev/null
		rm -rf "$p"
	done
}

guard_end() {
	if [ -n "$GUARD_PID" ]; then
		kill -TERM "$GUARD_PID" 2>/dev/null
		GUARD_PID=
	fi
	guard_reap
	[ "${1:-}" = keep ] || _guard_remove
}

_guard_signal() {	# NAME STATUS
	echo "FAIL: $(basename "$0") ended by SIG$1" >&2
	exit "$2"
}

guard_start() {
	GUARD_DIR=$1
	shift
	GUARD_PATTERNS=("$@")
	trap '_guard_signal HUP 129' HUP
	trap '_guard_signal INT 130' INT
	trap '_guard_signal TERM 143' TERM
	# The watchdog: a subshell that ends at once leaves it to init; setsid
	# gives it its own session and process group. What it needs comes in
	# its environment, so that its command line matches no pattern.
	GUARD_PID=$(
		W_SCRIPT=$$ W_DIR=$GUARD_DIR \
		    W_PAT=$(printf '%s\n' "${GUARD_PATTERNS[@]}") \
		    setsid bash -c '
			. "$GUARD_LIB" || exit 1
			GUARD_DIR=$W_DIR
			mapfile -t GUARD_PATTERNS <<<"$W_PAT"
			[ -n "$W_PAT" ] || GUARD_PATTERNS=()
			cd / || exit 1
			# tail --pid polls the script once a second.
			tail --pid="$W_SCRIPT" -f /dev/null &
			tp=$!
			trap "kill $tp; exit 0" TERM	# the script ended normally
			wait "$tp"
			guard_reap
			[ -n "${GUARD_KEEP:-}" ] || _guard_remove
		' </dev/null >/dev/null 2>>"${GUARD_LOG:-/dev/null}" &
		echo $!
	)
}
