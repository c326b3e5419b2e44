#!/usr/bin/env bash
# cli_restore.sh — kefu restore BACKUP [--force] (issue 16): the backup is
# checked first, a live database is only replaced with --force and when
# nobody has it open, in place (owner, group, mode, inode stay), an older
# backup is migrated up, and the restored trail says who restored what.
. "$(dirname "$0")/lib.sh" "$@"
. "$(dirname "$0")/old_db.sh"

export KEFU_NOW=2026-11-27T10:41:00+08:00
fresh_db
expect_exit 0 k user add zhangwei 张伟 technician
expect_exit 0 k backup "$T/good.db"
HEAD=$(sqlite3 "$T/good.db" 'SELECT max(id) FROM audit')
expect_exit 0 k user add lisi 李四 reception		# after the backup
LATEST=$(sed -n 's/^schema \([0-9]*\) .*/\1/p' <<<"$(kefu --version)")

# --- usage -----------------------------------------------------------------
expect_exit 1 k restore
expect_err 'needs one BACKUP'
expect_exit 1 k restore "$T/good.db" extra
expect_err "unexpected argument 'extra'"
expect_exit 1 k restore --bogus "$T/good.db"
expect_exit 0 k restore --help
expect_out '^usage: kefu restore BACKUP \[--force\]$'

# --- a live database: refused without --force, after the check ------------
expect_exit 5 k restore "$T/good.db"
expect_err_fixed "$DB exists; stop kefu sessions and add --force"
expect_err 'checked: it is good'
check "no scratch copy is left" ! -e "$DB.restore.$$"
expect_eq 0 "$(find "$T" -name '*.restore.*' | wc -l)" "no scratch copy left"

# --- bad backups: refused, nothing changed ---------------------------------
expect_exit 2 k restore --force "$T/missing.db"
expect_err_fixed "no backup at $T/missing.db"
printf 'not a database at all, just text\n%.0s' {1..200} >"$T/text.db"
expect_exit 6 k restore --force "$T/text.db"
expect_err_fixed "$T/text.db is not a database"
: >"$T/empty.db"
expect_exit 6 k restore --force "$T/empty.db"
expect_err 'is not a kefu database'
sqlite3 "$T/other.db" 'CREATE TABLE readings (meter TEXT, kwh INTEGER)'
expect_exit 6 k restore --force "$T/other.db"
expect_err_fixed "$T/other.db is not a kefu database"
expect_exit 6 k restore --force "$T"
expect_err 'is not a database file'
# A newer schema: a newer kefu's backup.
cp "$T/good.db" "$T/newer.db"
sqlite3 "$T/newer.db" 'PRAGMA user_version = 99'
expect_exit 6 k restore --force "$T/newer.db"
expect_err_fixed "$T/newer.db is schema 99; this kefu knows up to $LATEST: install the newer kefu"
# Damaged: a page of an index overwritten (SQLite's integrity check).
cp "$T/good.db" "$T/damaged.db"
p=$(sqlite3 "$T/damaged.db" "SELECT rootpage FROM sqlite_schema WHERE name = 'staff_by_name'")
ps=$(sqlite3 "$T/damaged.db" 'PRAGMA page_size')
dd if=/dev/urandom of="$T/damaged.db" bs="$ps" seek=$((p - 1)) count=1 conv=notrunc 2>/dev/null
expect_exit 6 k restore --force "$T/damaged.db"
expect_err 'damaged|malformed|fails its check'
# Sound to SQLite, but its records disagree with its trail (kefu check).
cp "$T/good.db" "$T/tampered.db"
sqlite3 "$T/tampered.db" "UPDATE staff SET roles = 'admin' WHERE login = 'zhangwei'"
expect_exit 6 k restore --force "$T/tampered.db"
expect_err_fixed "backup $T/tampered.db fails its check"
check "the tampered backup is as it was" -n "$(sqlite3 "$T/tampered.db" "SELECT 1 FROM staff WHERE login = 'zhangwei' AND roles = 'admin'")"
expect_exit 0 k user show lisi		# the live one untouched throughout
for f in good text other newer damaged tampered; do
	check "looking at $f.db left no -shm beside it" ! -e "$T/$f.db-shm"
done

# --- busy: another session has the database open ---------------------------
ready=$T/ready
mkfifo "$T/hold"
sqlite3 "$DB" <"$T/hold" >"$ready" 2>&1 &
HOLDER=$!
exec 7>"$T/hold"
echo "SELECT count(*) FROM staff; SELECT 'ready';" >&7
for _ in $(seq 1 200); do
	grep -q ready "$ready" 2>/dev/null && break
	sleep 0.05
done
check "the other session has read the database" -n "$(grep ready "$ready")"
expect_exit 6 k restore --force "$T/good.db"
expect_err_fixed "$DB is in use"
expect_err 'nothing was changed'
exec 7>&-
wait "$HOLDER"
expect_exit 0 k user show lisi

# --- --force: replaced in place --------------------------------------------
if [ "$(id -u)" = 0 ]; then
	chgrp "$(getent group | awk -F: '$3 != 0 { print $1; exit }')" "$DB"
fi
chmod 0604 "$DB"
before=$(stat -c '%u:%g:%a:%i' "$DB")
expect_exit 0 k restore --force "$T/good.db"
expect_out_fixed "restored $DB from $T/good.db (schema $LATEST; audit row $HEAD) and checked it"
expect_eq "$before" "$(stat -c '%u:%g:%a:%i' "$DB")" "owner, group, mode and inode stay"
# The database it replaced is kept beside it first (issue 16 review M1):
# named by the restore's time in UTC (KEFU_NOW is 02:41:00 UTC), 0600,
# the person's, with what the backup lacks (lisi).
SAVED=$DB.before-restore-20261127-024100
expect_out_fixed "the database it replaced is kept as $SAVED (0600)"
expect_eq "600 $(id -u)" "$(stat -c '%a %u' "$SAVED" 2>&1)" "the kept copy's mode and owner"
expect_eq 1 "$(sqlite3 -readonly "$SAVED" "SELECT count(*) FROM staff WHERE login = 'lisi'")" \
    "the kept copy holds what was replaced"
expect_exit 2 k user show lisi		# added after the backup: gone
expect_exit 0 k user show zhangwei
expect_exit 0 k check
expect_exit 0 k --json audit list --limit 1
expect_json_eq '$[0].action' db.restore
expect_json_eq '$[0].actor' system
expect_json_eq '$[0].at' "$(date -d 2026-11-27T10:41:00+08:00 +%s)"
expect_json_eq '$[0].after.file' "$T/good.db"
expect_json_eq '$[0].after.by' "$ME"
expect_json_eq '$[0].after.backup_head' "$HEAD"
expect_json_eq '$[0].after.backup_schema' "$LATEST"
expect_json_eq '$[0].after.saved' "$SAVED"
expect_eq "$(sqlite3 "$T/good.db" 'SELECT hex(hash) FROM audit ORDER BY id DESC LIMIT 1')" \
    "$(json '$[0].after.backup_hash')" "the trail names the backup's head hash"
expect_eq "$HEAD" "$(sqlite3 "$DB" "SELECT id - 1 FROM audit WHERE action = 'db.restore'")" \
    "the restore row follows the backup's head"
chmod 0600 "$DB"

# --json
expect_exit 0 k --json restore --force "$T/good.db"
expect_json_eq '$.database' "$DB"
expect_json_eq '$.backup' "$T/good.db"
expect_json_eq '$.backup_schema' "$LATEST"
expect_json_eq '$.schema' "$LATEST"
expect_json_eq '$.backup_head' "$HEAD"
expect_json_eq '$.created' 0
expect_json_eq '$.checked' 1
expect_json_eq '$.saved' "$SAVED.1"	# the same second: the next name
check "the second kept copy exists" -f "$SAVED.1"

# --- no database yet: created from the backup, as kefu init makes it -------
expect_exit 0 kefu --db "$T/new.db" restore "$T/good.db"
expect_out_fixed "restored $T/new.db from $T/good.db"
expect_exit 0 kefu --db "$T/init.db" init
expect_eq "$(stat -c %a "$T/init.db")" "$(stat -c %a "$T/new.db")" \
    "a new database has init's mode"
expect_exit 0 kefu --db "$T/new.db" user show zhangwei
expect_exit 0 kefu --db "$T/new.db" --json restore --force "$T/good.db"
expect_json_eq '$.created' 0
expect_exit 0 kefu --db "$T/new2.db" --json restore "$T/good.db"
expect_json_eq '$.created' 1
expect_json_eq '$.saved' ''		# nothing was replaced, nothing kept
check "no copy kept when there was no database" -z "$(ls "$T" | grep '^new2\.db\.before-restore')"
# A failed restore into no database leaves none.
expect_exit 6 kefu --db "$T/new3.db" restore "$T/other.db"
check "a refused restore creates no database" ! -e "$T/new3.db"

# --- an older backup is migrated up --------------------------------------
old_db "$T/old.db"
sum=$(file_sum "$T/old.db")
expect_exit 0 k restore --force "$T/old.db"
expect_out_fixed "(schema 1, migrated to $LATEST; audit row 1)"
expect_eq "$sum" "$(file_sum "$T/old.db")" "restoring leaves the backup as it was"
expect_eq "$LATEST" "$(sqlite3 "$DB" 'PRAGMA user_version')" "migrated up"
expect_exit 0 k user show "$ME"
expect_out '^name: +Old Admin$'
expect_exit 0 k check
expect_exit 2 k user show zhangwei
# An older backup whose migration fails: refused, the live one as it was.
sqlite3 "$T/old.db" 'CREATE TABLE callback (x)'
expect_exit 6 k restore --force "$T/old.db"
expect_err '021_callbacks'
expect_exit 0 k user show "$ME"
expect_out '^name: +Old Admin$'

# --- what restore is for: a damaged live database --------------------------
expect_exit 0 k restore --force "$T/good.db"
p=$(sqlite3 "$DB" "SELECT rootpage FROM sqlite_schema WHERE name = 'staff_by_name'")
dd if=/dev/urandom of="$DB" bs="$ps" seek=$((p - 1)) count=1 conv=notrunc 2>/dev/null
allow_stdout
expect_exit 6 k check
expect_exit 0 k restore --force "$T/good.db"
expect_exit 0 k check
expect_exit 0 k user show zhangwei

# --- a live file that is not a kefu database is never replaced ------------
cp "$T/other.db" "$T/live-other.db"
sum=$(file_sum "$T/live-other.db")
expect_exit 6 kefu --db "$T/live-other.db" restore --force "$T/good.db"
expect_err 'not a kefu one: it was not replaced'
expect_eq "$sum" "$(file_sum "$T/live-other.db")" "someone else's database untouched"

head -c 4096 /dev/urandom >"$T/live-noise.db"
sum=$(file_sum "$T/live-noise.db")
expect_exit 6 kefu --db "$T/live-noise.db" restore --force "$T/good.db"
expect_err 'is not a database: it was not replaced'
expect_eq "$sum" "$(file_sum "$T/live-noise.db")" "a file that is no database untouched"

# --- the copy of the replaced database cannot be made: nothing changes -----
# (a dangling symlink where it goes: created exclusively, never followed)
expect_exit 0 kefu --db "$T/keep.db" restore "$T/good.db"
expect_exit 0 kefu --db "$T/keep.db" user add wangwu 王五 reception
ln -s /nonexistent/kefu-kept "$T/keep.db.before-restore-20261127-024100"
sum=$(file_sum "$T/keep.db")
expect_exit 6 kefu --db "$T/keep.db" restore --force "$T/good.db"
expect_err_fixed "cannot keep a copy of $T/keep.db before replacing it"
expect_err 'nothing was changed'
expect_eq "$sum" "$(file_sum "$T/keep.db")" "the database stays as it was"
expect_exit 0 kefu --db "$T/keep.db" user show wangwu
rm "$T/keep.db.before-restore-20261127-024100"
expect_exit 0 kefu --db "$T/keep.db" restore --force "$T/good.db"
expect_out_fixed "kept as $T/keep.db.before-restore-20261127-024100 (0600)"

finish
