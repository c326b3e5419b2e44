#!/usr/bin/env bash
# cli_identity.sh — who is acting and on which file, in owner mode: the
# Unix user's account, --as, KEFU_NOW and KEFU_DB; databases the invoker
# cannot write (read-only file, unreadable or unwritable directory); and a
# second Unix user mapped to an account (when run as root: as `nobody`).
. "$(dirname "$0")/lib.sh" "$@"

NOW=2026-11-27T10:41:00+08:00
NOW_EPOCH=1795747260		# date -d 2026-11-27T10:41:00+08:00 +%s

fresh_db
expect_exit 0 k user add guanli 管理员 admin
expect_exit 0 k user add zhangwei 张伟 technician

# --- KEFU_NOW fixes the clock --------------------------------------------------
expect_exit 0 env KEFU_NOW=$NOW "$KEFU" --db "$DB" user add wangfang 王芳 reception
expect_exit 0 k --json audit list --limit 1
expect_json_eq '$[0].at' $NOW_EPOCH
expect_json_eq '$[0].after.login' wangfang
expect_exit 0 k audit list --limit 1
expect_out '^#[0-9]+ 2026-11-27 10:41 '"$ME"' staff\.add '
expect_exit 0 k --json user show wangfang
expect_json_eq '$.created_at' $NOW_EPOCH
expect_exit 0 k user show wangfang
expect_out '^created: +2026-11-27 10:41$'
# The same instant written other ways: no offset means local time (TZ).
i=10
for t in 2026-11-27T10:41 '2026-11-27 10:41:00' 2026-11-27T02:41:00Z \
    2026-11-27T03:41+01:00 2026-11-26T21:41:00-05:00; do
	i=$((i + 1))
	expect_exit 0 env KEFU_NOW="$t" "$KEFU" --db "$DB" policy set \
	    repair.arrive_within ${i}m
	expect_exit 0 k --json audit list --limit 1
	expect_json_eq '$[0].at' $NOW_EPOCH
done
# Leap days: 2028 has one, 2026 has not.
expect_exit 0 env KEFU_NOW=2028-02-29T12:00:00Z "$KEFU" --db "$DB" \
    user edit wangfang --name 王芳芳
expect_exit 0 k --json audit list --limit 1
expect_json_eq '$[0].at' 1835438400
# Bad times: exit 1, one line naming KEFU_NOW; nothing done.
rows=$(audit_rows)
for t in 2026-13-01T00:00Z 2026-02-29T00:00Z 2026-11-31T10:00Z \
    2026-11-27T24:00Z 2026-11-27T10:60Z 2026-11-27T10:41:61Z yesterday \
    2026-11-27 2026-11-27T10:41+8 2026-11-27T10:41+08:00x \
    '2026-11-27T10:41:00+08:00 extra' 1969-12-31T23:59Z 2026/11/27T10:41Z; do
	expect_exit 1 env KEFU_NOW="$t" "$KEFU" --db "$DB" user add badtime 时间 reception
	expect_err '^kefu: KEFU_NOW: '
	expect_err_fixed "$t"
done
expect_exit 2 k user show badtime
expect_eq "$rows" "$(audit_rows)" "no audit row with a bad KEFU_NOW"
# An empty KEFU_NOW is no KEFU_NOW: the real clock.
expect_exit 0 env KEFU_NOW= "$KEFU" --db "$DB" user add realtime 真时 reception
expect_exit 0 k --json audit list --limit 1
check "an empty KEFU_NOW uses the real clock" "$(json '$[0].at')" -gt 1700000000

# KEFU_NOW at init: the first audit row has that time.
expect_exit 0 env KEFU_NOW=$NOW "$KEFU" --db "$T/now.db" init
expect_exit 0 kefu --db "$T/now.db" --json audit list
expect_json_eq '$[0].at' $NOW_EPOCH
expect_json_eq '$[0].actor' system

# --- KEFU_DB is the database when --db is absent --------------------------------
expect_exit 0 env KEFU_DB="$DB" "$KEFU" user show guanli
expect_out '^login: +guanli$'
expect_exit 0 env KEFU_DB="$T/missing.db" "$KEFU" --db "$DB" user show guanli
expect_exit 2 env KEFU_DB="$DB" "$KEFU" --db "$T/missing.db" user show guanli
expect_err "$T/missing.db"
expect_exit 2 env KEFU_DB="$T/missing.db" "$KEFU" user list
expect_err "no database at $T/missing.db"
expect_exit 0 env KEFU_DB="$T/env.db" "$KEFU" init
expect_out_fixed "created $T/env.db"
check "init made the file KEFU_DB names" -f "$T/env.db"

# --- the Unix user's account, and --as -------------------------------------------
expect_exit 0 k --as guanli user add liuyang 刘洋 technician
expect_exit 0 k --json audit list --limit 1
expect_json_eq '$[0].actor' guanli
expect_exit 0 k user add zhaomin 赵敏 billing
expect_exit 0 k --json audit list --limit 1
expect_json_eq '$[0].actor' "$ME"
expect_exit 2 k --as nosuch user list
expect_err "no staff account 'nosuch'"
expect_exit 2 k --as '' user list
# The invoker's account disabled: refused; enabled again: back.
expect_exit 0 k --as guanli user disable "$ME"
expect_exit 4 k user list
expect_err "account $ME is disabled"
expect_exit 0 k --as guanli user disable --enable "$ME"
# The invoker's Unix user no longer mapped: not found, and how to fix it.
expect_exit 0 k --as guanli user edit "$ME" --unix ''
expect_exit 2 k user list
expect_err "no staff account for Unix user '$ME'"
expect_err 'kefu user add'
# Mapped to another account: the invoker is that account now.
expect_exit 0 k --as guanli user edit zhangwei --unix "$ME"
expect_exit 4 k user add x X reception
expect_err 'zhangwei may not'
expect_exit 0 k user show zhangwei
expect_exit 0 k --as guanli user edit zhangwei --unix ''
expect_exit 0 k --as guanli user edit "$ME" --unix "$ME"
expect_exit 0 k user list

# --- files the invoker cannot write -----------------------------------------------
# As root (CI) permissions do not bind, so these run as `nobody`; otherwise
# as the invoker, with permissions taken from the invoker.
S=$(mktemp -d /tmp/kefu-cli-other.XXXXXX)
guard_also "$S"
chmod 755 "$S"
OTHER=()
OTHER_OK=1
if [ "$(id -u)" = 0 ]; then
	if ! command -v setpriv >/dev/null 2>&1; then
		fail "setpriv (util-linux) is needed to run these cases as nobody"
		OTHER_OK=0
	elif ! id nobody >/dev/null 2>&1; then
		fail "there is no user 'nobody' to run these cases as"
		OTHER_OK=0
	else
		OTHER=(setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups)
	fi
fi
# The build tree may be closed to others: then run a copy.
KX=$KEFU
if [ "$OTHER_OK" = 1 ] && ! "${OTHER[@]}" test -x "$KEFU"; then
	KX=$S/kefu
	cp "$KEFU" "$KX"
	chmod 755 "$KX"
fi
other() { "${OTHER[@]}" "$KX" "$@"; }

if [ "$OTHER_OK" = 1 ]; then
	# A read-only database file: refused (exit 6), and left as it was.
	# (Its directory is open to all: only the file's mode is in the way.)
	mkdir -m 777 "$S/ro"
	cp "$DB" "$S/ro/ro.db"
	chmod 444 "$S/ro/ro.db"
	sum=$(file_sum "$S/ro/ro.db")
	for c in "user list" "--as $ME user list" "check" "init" "policy list"; do
		expect_exit 6 other --db "$S/ro/ro.db" $c
		expect_err 'read-only'
	done
	feed 'some-password'
	expect_exit 6 other --db "$S/ro/ro.db" --login guanli user list
	expect_eq "$sum" "$(file_sum "$S/ro/ro.db")" "a read-only database is left as it was"
	check "no WAL file next to a read-only database" ! -e "$S/ro/ro.db-wal"

	# A database in a directory the invoker cannot enter: a storage error
	# that says so, not "no database here, create one with kefu init".
	# Directly in it, or further down.
	mkdir -m 777 "$S/closed" "$S/closed/sub"
	cp "$DB" "$S/closed/kefu.db"
	cp "$DB" "$S/closed/sub/kefu.db"
	chmod 666 "$S/closed/kefu.db" "$S/closed/sub/kefu.db"
	if [ "$(id -u)" = 0 ]; then chmod 700 "$S/closed"; else chmod 000 "$S/closed"; fi
	for f in "$S/closed/kefu.db" "$S/closed/sub/kefu.db"; do
		expect_exit 6 other --db "$f" user list
		expect_err_not 'no database|does not exist|kefu init'
		expect_err 'ermission|denied|cannot'
		expect_err "$S/closed"
	done
	expect_exit 6 other --db "$S/closed/new.db" init
	expect_err "$S/closed"
	expect_exit 6 other --db "$S/closed/sub/new.db" init
	expect_err_not 'does not exist'

	# A writable file in a directory the invoker cannot write (WAL needs
	# its -wal and -shm files there): refused, and the message says why.
	mkdir -m 755 "$S/nowrite"
	cp "$DB" "$S/nowrite/kefu.db"
	chmod 666 "$S/nowrite/kefu.db"
	[ "$(id -u)" = 0 ] || chmod 555 "$S/nowrite"
	sum=$(file_sum "$S/nowrite/kefu.db")
	expect_exit 6 other --db "$S/nowrite/kefu.db" user list
	expect_err 'director'
	expect_eq "$sum" "$(file_sum "$S/nowrite/kefu.db")" "the database is left as it was"
fi

if [ "$OTHER_OK" = 1 ] && [ "$(id -u)" = 0 ]; then
	# A second Unix user (nobody) sharing a writable database.
	mkdir -m 777 "$S/shared"
	cp "$DB" "$S/shared/kefu.db"
	chmod 666 "$S/shared/kefu.db"
	SH=$S/shared/kefu.db
	expect_exit 2 other --db "$SH" user list
	expect_err "no staff account for Unix user 'nobody'"
	expect_exit 0 kefu --db "$SH" user add nb 无名氏 supervisor --unix nobody
	expect_exit 0 other --db "$SH" user show nb
	expect_out '^name: +无名氏$'
	expect_exit 0 other --db "$SH" --json user list
	expect_json
	expect_exit 4 other --db "$SH" user add nb2 X reception
	expect_err 'nb may not add staff accounts'
	expect_exit 4 other --db "$SH" policy list
	# nobody can write the file: owner mode, --as is allowed.
	expect_exit 0 other --db "$SH" --as "$ME" user add nb2 无名二 reception
	expect_exit 0 kefu --db "$SH" --json audit list --limit 1
	expect_json_eq '$[0].actor' "$ME"
	expect_json_eq '$[0].after.login' nb2
	expect_exit 0 kefu --db "$SH" check
	expect_exit 0 kefu --db "$SH" --as guanli user disable nb
	expect_exit 4 other --db "$SH" user show nb
	expect_err 'account nb is disabled'
fi

finish
