#!/usr/bin/env bash
# cli_startup.sh — the one session start-up (include/kefu/start.h) gives
# the CLI and the terminal UI the same rules, words and exit codes: --as,
# --login, KEFU_NOW and KEFU_DB, --db's precedence, an unmapped Unix user,
# in owner mode and, when run as root, in deployed mode (a setgid copy of
# kefu run as `nobody`).
#
# The TUI needs no terminal for this: every refusal of the start-up comes
# before it needs one, so `kefu [OPTIONS]` with no command either fails
# exactly as the CLI does, or gets as far as "needs a terminal" (exit 1),
# which proves the start-up let it in. One run under tmux shows --as
# really makes the TUI that person.
. "$(dirname "$0")/lib.sh" "$@"

NOW=2026-11-27T10:41:00+08:00
NOW_EPOCH=1795747260		# date -d 2026-11-27T10:41:00+08:00 +%s
NEEDS_TTY='needs a terminal'

# same_for_tui CODE CLI-ARGS... — runs `kefu CLI-ARGS user list` and then
# the TUI with the same global options: both must exit CODE with the same
# line on stderr.
same_for_tui() {
	local code=$1 cli_err

	shift
	expect_exit "$code" "$@" user list
	cli_err=$(err_text)
	expect_exit "$code" "$@"
	expect_eq "$cli_err" "$(err_text)" "the TUI's refusal, word for word"
}
# tui_starts KEFU-ARGS... — the TUI got past the start-up (as far as
# needing a terminal).
tui_starts() {
	expect_exit 1 "$@"
	expect_err "$NEEDS_TTY"
}

fresh_db
expect_exit 0 k user add guanli 管理员甲 admin
expect_exit 0 k user add zhangwei 张伟 technician

# --- --as in owner mode: the same for both faces ---------------------------
expect_exit 0 k --as guanli user add liuyang 刘洋 technician
expect_exit 0 k --json audit list --limit 1
expect_json_eq '$[0].actor' guanli
tui_starts k --as guanli
same_for_tui 2 k --as nosuch
expect_err "no staff account 'nosuch'"
same_for_tui 1 k --as guanli --login guanli
expect_err 'exclude each other'
# A disabled account is refused by both, --as or not.
expect_exit 0 k --as guanli user disable zhangwei
same_for_tui 4 k --as zhangwei
expect_err 'account zhangwei is disabled'
expect_exit 0 k --as guanli user disable --enable zhangwei

if command -v tmux >/dev/null 2>&1; then
	# The TUI started with --as is that person: the top bar names them
	# (a technician: the invoker's own account is an admin).
	SOCK=kefu-startup-$$
	trap 'rc=$?; tmux -L "$SOCK" kill-server 2>/dev/null; (exit $rc); _cleanup' EXIT
	tmux -L "$SOCK" new-session -d -x 80 -y 24 \
	    "env LANG=C.UTF-8 $(printf '%q' "$KEFU") --db $(printf '%q' "$DB") --as zhangwei --lang en"
	seen=0
	for _ in $(seq 200); do
		if tmux -L "$SOCK" capture-pane -p 2>/dev/null | grep -q '张伟 (technician)'; then
			seen=1
			break
		fi
		sleep 0.05
	done
	check "the TUI started with --as zhangwei shows 张伟 (technician)" "$seen" = 1
	tmux -L "$SOCK" kill-server 2>/dev/null
else
	echo "note: no tmux here; the TUI's --as was checked only up to its terminal"
fi

# --- the Unix user, and --login ------------------------------------------------
# Not mapped: the CLI says who to ask; the TUI offers its login screen.
expect_exit 0 k --as guanli user edit "$ME" --unix ''
expect_exit 2 k user list
expect_err "no staff account for Unix user '$ME'"
tui_starts k
expect_exit 0 k --as guanli user edit "$ME" --unix "$ME"
tui_starts k
# --login: the CLI reads the password, the TUI asks on its login screen.
feed 'guanli-pass-1'
expect_exit 0 k user passwd guanli
feed 'guanli-pass-1'
expect_exit 0 k --login guanli --json user show guanli
expect_json_eq '$.login' guanli
feed 'wrong-pass'
expect_exit 4 k --login guanli user list
expect_err 'wrong login or password'
tui_starts k --login guanli

# --- KEFU_NOW: fixed for both, refused alike when it is not a time ------------
expect_exit 0 env KEFU_NOW=$NOW "$KEFU" --db "$DB" user add wangfang 王芳 reception
expect_exit 0 k --json audit list --limit 1
expect_json_eq '$[0].at' $NOW_EPOCH
same_for_tui 1 env KEFU_NOW=yesterday "$KEFU" --db "$DB"
expect_err '^kefu: KEFU_NOW: .*yesterday'
tui_starts env KEFU_NOW=$NOW "$KEFU" --db "$DB"

# --- the database: --db, else KEFU_DB, else the system path -------------------
expect_exit 0 env KEFU_DB="$T/missing.db" "$KEFU" --db "$DB" user list
tui_starts env KEFU_DB="$T/missing.db" "$KEFU" --db "$DB"
expect_exit 0 env KEFU_DB="$DB" "$KEFU" user list
tui_starts env KEFU_DB="$DB" "$KEFU"
same_for_tui 2 env KEFU_DB="$DB" "$KEFU" --db "$T/missing.db"
expect_err "no database at $T/missing.db"
same_for_tui 2 env KEFU_DB="$T/missing.db" "$KEFU"
expect_err "no database at $T/missing.db"
check "no database was created by a refused start" ! -e "$T/missing.db"

# --- deployed mode: a setgid kefu, run by somebody else ----------------------
# The system path compiled into this kefu, from its help.
SYSTEM_DB=$(kefu --help | sed -n 's/^ *\(\/[^ ]*\))$/\1/p' | head -n 1)
if [ "$(id -u)" != 0 ]; then
	echo "note: not root: the deployed-mode checks need a setgid copy run as another user"
elif ! command -v setpriv >/dev/null 2>&1 || ! id nobody >/dev/null 2>&1; then
	fail "setpriv and a user 'nobody' are needed for the deployed-mode checks"
elif grep -qa __asan_init "$KEFU"; then
	# A setgid process run by another user cannot be leak-scanned, and
	# ignores ASAN_OPTIONS (tests/stress/deploy_san.c); stress.deploy
	# covers deployed mode in this build with its own kefu.
	echo "note: a sanitizer build: the deployed-mode checks are left to stress.deploy"
elif [ -z "$SYSTEM_DB" ] || [ -e "$SYSTEM_DB" ] || [ -e "$(dirname "$SYSTEM_DB")" ]; then
	echo "note: $SYSTEM_DB${SYSTEM_DB:+ or its directory }exists here: the deployed-mode checks leave a real installation alone"
else
	# The copy is setgid to nogroup, which owns no files; it runs as
	# nobody with another real group, so real and effective differ.
	S=$(mktemp -d /tmp/kefu-startup.XXXXXX)
	CLEANUP_EXTRA=$S
	chmod 755 "$S"
	cp "$KEFU" "$S/kefu"
	chgrp nogroup "$S/kefu"
	chmod 2755 "$S/kefu"
	RGID=$(($(id -g nobody) - 1))
	dep() { setpriv --reuid=nobody --regid="$RGID" --clear-groups "$@"; }
	K=$S/kefu
	# A file nobody may write, mapped to him, for the --db cases.
	mkdir -m 777 "$S/own"
	SH=$S/own/shared.db
	cp "$DB" "$SH"
	chmod 666 "$SH"
	expect_exit 0 kefu --db "$SH" user add nb 无名氏 supervisor --unix nobody

	# --as is refused before anything is opened; KEFU_DB and KEFU_NOW
	# are ignored (the system database is what is missing).
	same_for_tui 4 dep "$K" --as guanli
	expect_err "^kefu: --as needs write access to $SYSTEM_DB"
	same_for_tui 2 dep env KEFU_DB="$SH" "$K"
	expect_err "$(dirname "$SYSTEM_DB")"
	expect_err_not "$SH"
	same_for_tui 2 dep env KEFU_NOW=yesterday "$K"
	expect_err_not KEFU_NOW
	# Only root creates the shared database.
	expect_exit 4 dep "$K" init
	expect_err 'only root creates the shared database'

	# --db naming his own file: the group is dropped, and he is in owner
	# mode there: --as works; the environment stays ignored (it was
	# cleared before anything read it).
	expect_exit 0 dep "$K" --db "$SH" --json user show nb
	expect_json_eq '$.login' nb
	expect_exit 0 dep "$K" --db "$SH" --as guanli user add nb2 无名二 reception
	expect_exit 0 kefu --db "$SH" --json audit list --limit 1
	expect_json_eq '$[0].actor' guanli
	tui_starts dep "$K" --db "$SH" --as guanli
	feed 'nobody-pass-1'
	expect_exit 0 dep env KEFU_NOW=2000-01-01T00:00:00Z "$K" --db "$SH" \
	    user passwd nb
	expect_exit 0 kefu --db "$SH" --json audit list --limit 1
	check "KEFU_NOW is ignored by a setgid kefu" "$(json '$[0].at')" -gt 1700000000
	expect_exit 0 dep env KEFU_NOW=yesterday "$K" --db "$SH" user show nb
	tui_starts dep env KEFU_NOW=yesterday "$K" --db "$SH"
fi

finish
