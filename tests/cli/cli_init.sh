#!/usr/bin/env bash
# cli_init.sh — kefu init and migrate, and opening files that are not (or
# not yet, or no longer) this kefu's database.
. "$(dirname "$0")/lib.sh" "$@"

expect_exit 0 kefu --version
SCHEMA=$(sed -n 's/^schema \([0-9]*\) .*/\1/p' "$OUT")
check "--version names the schema" -n "$SCHEMA"

# --- a new database: the invoking Unix user is its first admin ----------
expect_exit 0 k init
expect_out_fixed "created $DB (schema $SCHEMA); $ME is its admin"
check "init created the file" -f "$DB"
check "no WAL file is left behind" ! -e "$DB-wal"
expect_exit 0 k user list
expect_out "^$ME +.* admin +$ME\$"
expect_eq 2 "$(out_lines)" "a new database has one account (plus the header)"
expect_exit 0 k --json user list
expect_json
expect_json_eq '$[0].login' "$ME"
expect_json_eq '$[0].roles' admin
expect_json_eq '$[0].unix_user' "$ME"
expect_json_eq '$[0].disabled' 0
expect_json_eq '$[0].version' 1
expect_json_eq '$[1]' ''
# The first admin is created by "the system", and audited.
expect_exit 0 k --json audit list
expect_json_eq '$[0].id' 1
expect_json_eq '$[0].actor' system
expect_json_eq '$[0].action' staff.add
expect_json_eq '$[0].after.login' "$ME"
expect_json_eq '$[1]' ''
expect_exit 0 k check

# --- a second init is refused and changes nothing ------------------------
expect_exit 5 k init
expect_err 'already initialised'
expect_eq 1 "$(audit_rows)" "audit rows after a refused init"
expect_exit 5 k --json init

# --- init --json --------------------------------------------------------
expect_exit 0 kefu --db "$T/j.db" --json init
expect_json
expect_json_eq '$.database' "$T/j.db"
expect_json_eq '$.admin' "$ME"
expect_json_eq '$.schema' "$SCHEMA"

# --- a zero-byte file (touched in advance) is a new database -------------
: >"$T/empty.db"
expect_exit 0 kefu --db "$T/empty.db" init
expect_exit 0 kefu --db "$T/empty.db" check

# --- places where there is no database ----------------------------------
expect_exit 2 kefu --db "$T/nodir/kefu.db" init
expect_err 'nodir'
expect_err 'does not exist'
check "init into a missing directory created nothing" ! -e "$T/nodir"
expect_exit 2 kefu --db "$T/nodir/kefu.db" user list
expect_exit 2 kefu --db "$T/missing.db" user list
expect_err "no database at $T/missing.db"
expect_err 'kefu init'
check "a non-init command created no database" ! -e "$T/missing.db"
for c in "check" "migrate" "audit list" "policy list" "backup $T/b.db"; do
	expect_exit 2 kefu --db "$T/missing.db" $c
done
check "nothing created by commands on a missing database" ! -e "$T/missing.db"
check "no backup of a missing database" ! -e "$T/b.db"
expect_exit 1 kefu --db '' user list
expect_err 'no database path'

# A path that is a directory.
mkdir "$T/adir"
expect_exit 6 kefu --db "$T/adir" init
expect_err 'not a database file'
expect_exit 6 kefu --db "$T/adir/" user list
check "the directory stays empty" -z "$(ls -A "$T/adir")"

# A file that is not a database: text. Refused, and left as it was.
for i in 1 2 3 4 5 6 7 8; do
	echo "line $i of some notes, $RANDOM $RANDOM $RANDOM"
done >"$T/notes.txt"
head -c 3000 /dev/urandom | od -An -tx1 >>"$T/notes.txt"
sum=$(file_sum "$T/notes.txt")
expect_exit 6 kefu --db "$T/notes.txt" init
expect_err 'not a database'
expect_exit 6 kefu --db "$T/notes.txt" user list
expect_err 'not a database'
expect_exit 6 kefu --db "$T/notes.txt" check
expect_eq "$sum" "$(file_sum "$T/notes.txt")" "a text file is left unchanged"
check "no WAL/SHM next to the text file" ! -e "$T/notes.txt-wal" -a ! -e "$T/notes.txt-shm"

# Some other program's SQLite database. Refused, and left as it was.
sqlite3 "$T/other.db" "CREATE TABLE readings (meter TEXT, kwh INTEGER);
    INSERT INTO readings VALUES ('A-1', 42);"
sum=$(file_sum "$T/other.db")
expect_exit 6 kefu --db "$T/other.db" init
expect_err 'not a kefu'
expect_exit 6 kefu --db "$T/other.db" user list
expect_err 'not a kefu'
expect_exit 6 kefu --db "$T/other.db" migrate
expect_eq "$sum" "$(file_sum "$T/other.db")" "another program's database is left unchanged"
expect_eq "readings" "$(sqlite3 "$T/other.db" "SELECT group_concat(name) FROM sqlite_schema")" \
    "no kefu table was added to another program's database"

# --- a database made by a newer kefu --------------------------------------
cp "$DB" "$T/newer.db"
sqlite3 "$T/newer.db" 'PRAGMA user_version=99'
sum=$(file_sum "$T/newer.db")
for c in "user list" "check" "migrate" "init" "audit list" "policy list" \
    "user add x X reception" "backup $T/nb.db"; do
	expect_exit 6 kefu --db "$T/newer.db" $c
	expect_err 'newer'
	expect_err 'upgrade'
done
expect_eq "$sum" "$(file_sum "$T/newer.db")" "a newer database is left unchanged"
check "no backup of a newer database" ! -e "$T/nb.db"

# --- migrate -------------------------------------------------------------
expect_exit 0 k migrate
expect_out "^schema is current \(version $SCHEMA\)\$"
expect_exit 0 k --json migrate
expect_json
expect_json_eq '$.from' "$SCHEMA"
expect_json_eq '$.to' "$SCHEMA"
expect_exit 0 k user add zhangwei 张伟 technician
expect_exit 4 k --as zhangwei migrate
expect_err 'zhangwei may not migrate'

# A database of schema 1 (as the first kefu made it) is brought up to date:
# by migrate, which says so, or silently by any command that opens it.
FIRST=$(dirname "$0")/../../schema/001_foundation.sql
APPID=$(sqlite3 "$DB" 'PRAGMA application_id')
# The admin comes with its audit row, as the first kefu wrote it (kefu
# check proves every account against its trail).
. "$(dirname "$0")/../rechain.sh"
old_db() {
	rm -f "$1"
	sqlite3 "$1" <"$FIRST"
	sqlite3 "$1" "PRAGMA application_id = $APPID; PRAGMA user_version = 1;
	    INSERT INTO staff (login, display_name, roles, unix_user, created_at)
	    VALUES ('$ME', 'Old Admin', 'admin', '$ME', 0);
	    INSERT INTO audit (id, at, actor, action, entity, entity_id, version,
	    after, prev_hash, hash) VALUES (1, 0, 'system', 'staff.add', 'staff',
	    1, 1, json_object('login', '$ME', 'display_name', 'Old Admin',
	    'roles', 'admin', 'unix_user', '$ME', 'password', NULL),
	    zeroblob(32), zeroblob(32))"
	rechain "$1" 1
}
if [ "$SCHEMA" -gt 1 ]; then
	old_db "$T/old.db"
	expect_exit 0 kefu --db "$T/old.db" migrate
	expect_out "^migrated schema from version 1 to $SCHEMA\$"
	expect_exit 0 kefu --db "$T/old.db" migrate
	expect_out "^schema is current \(version $SCHEMA\)\$"
	expect_exit 0 kefu --db "$T/old.db" check
	expect_exit 0 kefu --db "$T/old.db" user show "$ME"
	expect_out '^name: +Old Admin$'
	old_db "$T/old2.db"
	expect_exit 0 kefu --db "$T/old2.db" --json migrate
	expect_json_eq '$.from' 1
	expect_json_eq '$.to' "$SCHEMA"
	old_db "$T/old3.db"
	expect_exit 0 kefu --db "$T/old3.db" user list
	expect_exit 0 kefu --db "$T/old3.db" --json migrate
	expect_json_eq '$.from' "$SCHEMA"
	expect_eq "$SCHEMA" "$(sqlite3 "$T/old3.db" 'PRAGMA user_version')" \
	    "user_version after a command opened a schema-1 database"
fi

# --- a failed init leaves no database behind -----------------------------
# Bad arguments or a bad KEFU_NOW are found before anything is created:
# otherwise the file exists with a schema and no admin, and every later
# command says "no staff account for Unix user ..." instead of "no database".
expect_exit 1 kefu --db "$T/half.db" init extra-argument
expect_err 'takes no arguments'
check "init with a usage error created no file" ! -e "$T/half.db"
expect_exit 2 kefu --db "$T/half.db" user list
expect_err 'no database'
rm -f "$T/half.db"
expect_exit 1 env KEFU_NOW=yesterday "$KEFU" --db "$T/half2.db" init
expect_err 'KEFU_NOW'
check "init with a bad KEFU_NOW created no file" ! -e "$T/half2.db"

finish
