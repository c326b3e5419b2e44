#!/usr/bin/env bash
# cli_migrate.sh — what the package's maintainer scripts call (issue 16):
# kefu --version, kefu migrate --status (exit 0/10/11/2) and
# kefu migrate --backup FILE (a checked backup first; all or nothing).
. "$(dirname "$0")/lib.sh" "$@"
. "$(dirname "$0")/old_db.sh"

# --- --version: three lines, or one JSON object -----------------------------
expect_exit 0 kefu --version
expect_eq 3 "$(out_lines)" "--version prints three lines"
expect_out '^kefu [0-9]+\.[0-9]+\.[0-9]+$'
expect_out '^schema [0-9]+ \(writes and reads databases of schema 1 to [0-9]+\)$'
SQLITE=$(sqlite3 :memory: 'SELECT sqlite_version()')
expect_out_fixed "SQLite $SQLITE"
LATEST=$(sed -n 's/^schema \([0-9]*\) .*/\1/p' "$OUT")
NMIG=$(find "$(dirname "$0")/../../schema" -name '[0-9][0-9][0-9]_*.sql' | wc -l)
expect_eq "$NMIG" "$LATEST" "the schema written is the last migration's"
expect_out_fixed "schema 1 to $LATEST)"
for order in "--json --version" "--version --json"; do
	# shellcheck disable=SC2086
	expect_exit 0 kefu $order
	expect_json
	expect_json_eq '$.schema' "$LATEST"
	expect_json_eq '$.sqlite' "$SQLITE"
	expect_eq "$(sed -n 's/^kefu //p' <<<"$(kefu --version)")" "$(json '$.version')" \
	    "--json names the same version"
done
expect_exit 0 kefu --version --db "$T/none.db"	# opens nothing
check "--version creates no database" ! -e "$T/none.db"

# --- --status ----------------------------------------------------------------
expect_exit 2 k migrate --status
expect_err 'no database'
fresh_db
expect_exit 0 k user add zhangwei 张伟 technician
expect_exit 0 k migrate --status
expect_out "^schema $LATEST of $LATEST\$"
expect_exit 0 k --json migrate --status
expect_json_eq '$.state' current
expect_json_eq '$.schema' "$LATEST"
expect_json_eq '$.latest' "$LATEST"
# It reads one number: any account may ask, none is needed.
expect_exit 0 k --as zhangwei migrate --status
expect_exit 1 k migrate --status extra
expect_exit 1 k migrate --status --backup "$T/x.db"
expect_err 'exclude each other'
expect_exit 1 k migrate --bogus

old_db "$T/old.db"
sum=$(file_sum "$T/old.db")
run kefu --db "$T/old.db" migrate --status
expect_eq 10 "$RC" "--status of an older database exits 10"
expect_eq "schema 1 of $LATEST" "$(cat "$OUT")" "--status says schema N of M"
check "--status of an older database says nothing on stderr" ! -s "$ERR"
run kefu --db "$T/old.db" --json migrate --status
expect_eq 10 "$RC" "--json --status of an older database exits 10"
expect_json_eq '$.state' older
expect_eq "$sum" "$(file_sum "$T/old.db")" "--status migrates nothing"
expect_eq 1 "$(sqlite3 "$T/old.db" 'PRAGMA user_version')" "still schema 1"

cp "$DB" "$T/newer.db"
sqlite3 "$T/newer.db" 'PRAGMA user_version = 99'
sum=$(file_sum "$T/newer.db")
run kefu --db "$T/newer.db" migrate --status
expect_eq 11 "$RC" "--status of a newer database exits 11"
expect_eq "schema 99 of $LATEST" "$(cat "$OUT")" "--status of a newer one"
expect_eq "kefu: this database is schema 99; this kefu knows up to $LATEST: install the newer kefu" \
    "$(cat "$ERR")" "the refusal of a newer database"
run kefu --db "$T/newer.db" --json migrate --status
expect_eq 11 "$RC" "--json --status of a newer database exits 11"
expect_json_eq '$.state' newer
expect_eq "$sum" "$(file_sum "$T/newer.db")" "--status changes no newer database"
# Anything else still refuses the newer database.
expect_exit 6 kefu --db "$T/newer.db" migrate
expect_exit 6 kefu --db "$T/newer.db" migrate --backup "$T/nb.db"
expect_err 'schema 99; this kefu knows up to'
check "no backup of a database that is not migrated" ! -e "$T/nb.db"
expect_exit 2 kefu --db "$T/missing.db" migrate --status
check "--status creates no database" ! -e "$T/missing.db"
sqlite3 "$T/plain.db" 'CREATE TABLE t (x)'
expect_exit 6 kefu --db "$T/plain.db" migrate --status
expect_err 'not a kefu one'

# --- --backup: nothing due, nothing written ---------------------------------
rows=$(audit_rows)
expect_exit 0 k migrate --backup "$T/b0.db"
expect_out "^schema $LATEST: nothing to migrate\$"
check "nothing due: no backup file" ! -e "$T/b0.db"
expect_eq "$rows" "$(audit_rows)" "nothing due: no audit row"
expect_exit 0 k --json migrate --backup "$T/b0.db"
expect_out_fixed '"backup":null'
expect_json_eq '$.to' "$LATEST"
# ... even over a FILE that exists: it is not touched.
echo keep >"$T/exists"
expect_exit 0 k migrate --backup "$T/exists"
expect_eq keep "$(cat "$T/exists")" "nothing due leaves FILE alone"

# --- --backup of an older database: backup, check, migrate -----------------
old_db "$T/old.db"
# FILE that exists: refused before anything, the database as it was.
sum=$(file_sum "$T/old.db")
expect_exit 1 kefu --db "$T/old.db" migrate --backup "$T/exists"
expect_err 'exists: choose a new file'
expect_eq keep "$(cat "$T/exists")" "an existing FILE is not overwritten"
expect_eq "$sum" "$(file_sum "$T/old.db")" "refused: the database as it was"
expect_exit 1 kefu --db "$T/old.db" migrate --backup ''
expect_eq "$sum" "$(file_sum "$T/old.db")" "no FILE: the database as it was"

expect_exit 0 kefu --db "$T/old.db" migrate --backup "$T/pre.db"
expect_out "^backed up to $T/pre.db and checked it; migrated schema from version 1 to $LATEST\$"
expect_eq 600 "$(stat -c %a "$T/pre.db")" "the backup is the person's alone"
expect_eq 1 "$(sqlite3 "$T/pre.db" 'PRAGMA user_version')" \
    "the backup is of the database before the migration"
check "the scratch copy is gone" ! -e "$T/pre.db-check"
check "looking at the backup left no -shm" ! -e "$T/pre.db-shm"
expect_eq "$LATEST" "$(sqlite3 "$T/old.db" 'PRAGMA user_version')" "migrated"
expect_exit 0 kefu --db "$T/old.db" check
expect_exit 0 kefu --db "$T/old.db" --json audit list --limit 1
expect_json_eq '$[0].action' migrate
expect_json_eq '$[0].actor' system		# the owner acts as the system
expect_json_eq '$[0].after.from' 1
expect_json_eq '$[0].after.to' "$LATEST"
expect_json_eq '$[0].after.backup' "$T/pre.db"
# The backup restores the old database as it was.
expect_exit 0 kefu --db "$T/back.db" restore "$T/pre.db"
expect_exit 0 kefu --db "$T/back.db" user show "$ME"
expect_out '^name: +Old Admin$'
# Again: now nothing is due.
expect_exit 0 kefu --db "$T/old.db" migrate --backup "$T/pre2.db"
expect_out 'nothing to migrate'
check "second run: no backup" ! -e "$T/pre2.db"
old_db "$T/old.db"
expect_exit 0 kefu --db "$T/old.db" --json migrate --backup "$T/pre3.db"
expect_json_eq '$.from' 1
expect_json_eq '$.to' "$LATEST"
expect_json_eq '$.backup' "$T/pre3.db"

# --- a migration that fails part way: the database exactly as before -------
# A table of the name migration 021 creates: the twenty before it would
# apply, 021 fails. (The state of the file, not a hook in kefu.)
old_db "$T/bad.db"
sqlite3 "$T/bad.db" 'CREATE TABLE callback (x)'
sum=$(file_sum "$T/bad.db")
expect_exit 6 kefu --db "$T/bad.db" migrate --backup "$T/bad-pre.db"
expect_err 'nothing was migrated'
expect_err '021_callbacks'
expect_err_fixed "the backup taken before is $T/bad-pre.db"
expect_eq "$sum" "$(file_sum "$T/bad.db")" "a failed migration leaves the database as it was"
expect_eq 1 "$(sqlite3 "$T/bad.db" 'PRAGMA user_version')" "still schema 1"
check "the backup is kept" -s "$T/bad-pre.db"
check "the scratch copy is gone" ! -e "$T/bad-pre.db-check"
expect_eq "$(sqlite3 "$T/bad.db" .dump | sha256sum)" \
    "$(sqlite3 "$T/bad-pre.db" .dump | sha256sum)" "the backup holds the database as it was"
run kefu --db "$T/bad.db" migrate --status
expect_eq 10 "$RC" "still due after the failure"

# --- who may: an admin, root or the owner; not a technician ----------------
old_db "$T/old.db"
expect_exit 0 kefu --db "$T/old.db" migrate
expect_exit 0 kefu --db "$T/old.db" user add zhangwei 张伟 technician
# Marked one migration behind: due, and refused before it is tried.
sqlite3 "$T/old.db" 'PRAGMA user_version = 23'
expect_exit 4 kefu --db "$T/old.db" --as zhangwei migrate --backup "$T/t.db"
expect_err 'zhangwei may not migrate'
check "a technician gets no backup" ! -e "$T/t.db"
expect_eq 23 "$(sqlite3 "$T/old.db" 'PRAGMA user_version')" "not migrated"

finish
