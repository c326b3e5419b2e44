#!/usr/bin/env bash
# cli_check_backup.sh — kefu check (integrity and the audit hash chain,
# with tampered copies) and kefu backup.
. "$(dirname "$0")/lib.sh" "$@"

fresh_db						# audit row 1
expect_exit 0 k user add zhangwei 张伟 technician	# row 2
expect_exit 0 k user add chenjing 陈静 supervisor	# row 3
expect_exit 0 k policy set repair.arrive_within 30m	# row 4

# --- a sound database --------------------------------------------------------
expect_exit 0 k check
expect_out '^ok: integrity, foreign keys, audit chain and every record against its trail verified$'
expect_exit 0 k --json check
expect_json
expect_json_eq '$.ok' 1
expect_json_eq '$.count' 0
expect_eq 0 "$(sqlite3 :memory: "SELECT json_array_length(CAST(readfile('$OUT') AS TEXT), '\$.problems')")" \
    "check --json: an empty problems array when all is well"
for who in zhangwei chenjing; do
	expect_exit 4 k --as "$who" check
	expect_err "$who may not check"
done

# tampered COPY SQL: a copy of $DB changed behind kefu's back with sqlite3.
tampered() {
	rm -f "$T/$1"
	cp "$DB" "$T/$1"
	sqlite3 "$T/$1" "$2"
}
# Checks the copy: exit 6, every problem a line on stdout (one naming
# what), a one-line summary on stderr; --json lists them; the file is not
# changed.
check_fails() {		# check_fails COPY ERE
	local sum

	sum=$(file_sum "$T/$1")
	allow_stdout
	expect_exit 6 kefu --db "$T/$1" check
	expect_err '^kefu: check failed: [0-9]+ problems? \(listed above\)$'
	expect_out "^problem: .*$2"
	allow_stdout
	expect_exit 6 kefu --db "$T/$1" --json check
	expect_json
	expect_json_eq '$.ok' 0
	check "check --json counts the problems" "$(json '$.count')" -ge 1
	expect_eq "$(json '$.count')" "$(sqlite3 :memory: "SELECT json_array_length(CAST(readfile('$OUT') AS TEXT), '\$.problems')")" \
	    "check --json: count is the problems listed"
	if sqlite3 :memory: "SELECT value ->> 'message' FROM json_each(CAST(readfile('$OUT') AS TEXT), '\$.problems')" 2>/dev/null |
	    grep -Eq -- "$2"; then pass; else
		fail "check --json: no problem's message matches /$2/"
	fi
	expect_eq "$sum" "$(file_sum "$T/$1")" "check leaves $1 as it was"
}

# An edited row (its trigger dropped first): named, and the dropped trigger
# is a second problem.
tampered edit.db "DROP TRIGGER audit_no_update;
    UPDATE audit SET after = '{}' WHERE id = 2"
check_fails edit.db 'audit row 2\b'
allow_stdout
expect_exit 6 kefu --db "$T/edit.db" check
expect_out '^problem: audit row 2: hash does not match its contents \(row edited\)$'
expect_out '^problem: audit: the append-only triggers are missing'
# The same edit with the trigger put back: still found.
tampered edit2.db "DROP TRIGGER audit_no_update;
    UPDATE audit SET actor = 'nobody' WHERE id = 1;
    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;"
check_fails edit2.db 'audit row 1\b'
allow_stdout
expect_exit 6 kefu --db "$T/edit2.db" check
expect_err '1 problem '
# The newest row deleted: the head points past the end.
tampered last.db "DROP TRIGGER audit_no_delete;
    DELETE FROM audit WHERE id = (SELECT max(id) FROM audit)"
check_fails last.db 'audit row 4\b.*missing'
tampered last2.db "DROP TRIGGER audit_no_delete;
    DELETE FROM audit WHERE id = (SELECT max(id) FROM audit);
    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
    BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;"
check_fails last2.db 'audit row 4\b.*missing'
# A row in the middle deleted: the gap is named.
tampered middle.db "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = 2"
check_fails middle.db 'audit row 3\b.*(missing|deleted)'
# A forged row appended after the head.
tampered forged.db "INSERT INTO audit (id, at, actor_id, actor, action,
    entity, entity_id, version, before, after, prev_hash, hash)
    SELECT 5, at, actor_id, actor, action, entity, entity_id, version + 1,
    before, after, hash, randomblob(32) FROM audit WHERE id = 4"
check_fails forged.db 'audit row 5\b'
# Triggers dropped, nothing else touched.
tampered trig.db "DROP TRIGGER audit_no_delete"
check_fails trig.db 'trigger'
# Only the audit head edited.
tampered head.db "UPDATE audit_head SET last_hash = randomblob(32)"
check_fails head.db 'audit row 4\b'
# A record changed behind kefu's back (the trail untouched): --json names
# the table, the record, the field and both values.
tampered field.db "UPDATE staff SET roles = 'admin' WHERE login = 'zhangwei';
    UPDATE policy SET value = 60 WHERE key = 'repair.arrive_within'"
check_fails field.db 'staff 2: roles is "admin" in the table but "technician"'
allow_stdout
expect_exit 6 kefu --db "$T/field.db" --json check
expect_json_eq '$.count' 2
expect_json_eq '$.problems[0].kind' field
expect_json_eq '$.problems[0].entity' staff
expect_json_eq '$.problems[0].id' 2
expect_json_eq '$.problems[0].field' roles
expect_json_eq '$.problems[0].row' admin
expect_json_eq '$.problems[0].trail' technician
expect_json_eq '$.problems[1].entity' policy
expect_json_eq '$.problems[1].field' value
expect_json_eq '$.problems[1].row' 60
expect_json_eq '$.problems[1].trail' 1800
# A damaged page: every line SQLite finds, in words an admin can act on,
# never its "*** in database main ***" header.
rm -f "$T/page.db"
sqlite3 "$DB" ".backup '$T/page.db'"
p=$(sqlite3 "$T/page.db" "SELECT rootpage FROM sqlite_schema WHERE name = 'staff_by_name'")
ps=$(sqlite3 "$T/page.db" "PRAGMA page_size")
printf 'garbage-garbage-garbage' |
    dd of="$T/page.db" bs=1 seek=$(( (p - 1) * ps + 8 )) conv=notrunc 2>/dev/null
check_fails page.db 'the database file is damaged'
allow_stdout
expect_exit 6 kefu --db "$T/page.db" check
expect_out_not '\*\*\*'
expect_out '^problem: the database file is damaged \(SQLite: On tree page [0-9]+ '
expect_out '^problem: the database file is damaged: an index does not match its table \(SQLite: row [0-9]+ missing from index staff_by_name\); restore it from the newest backup that passes kefu check$'
# The live database was never touched by any of that.
expect_exit 0 k check

# --- backup --------------------------------------------------------------
expect_exit 0 k backup "$T/b1.db"
expect_out "^backed up to $T/b1.db and checked it\$"
expect_exit 0 kefu --db "$T/b1.db" check
expect_exit 0 kefu --db "$T/b1.db" --json user list
cp "$OUT" "$T/copy-users.json"
expect_exit 0 k --json user list
expect_eq "$(cat "$T/copy-users.json")" "$(cat "$OUT")" "the copy has the same accounts"
expect_exit 0 kefu --db "$T/b1.db" policy list
expect_out '^repair\.arrive_within +30m '
# The backup is audited in the live database; the file's owner backs up
# as the system (as migrate --backup does; issue 16 review M4).
expect_exit 0 k --json audit list --limit 1
expect_json_eq '$[0].action' backup
expect_json_eq '$[0].actor' system
expect_json_eq '$[0].after.file' "$T/b1.db"
expect_exit 0 k check
expect_exit 0 k --json backup "$T/b2.db"
expect_json
expect_json_eq '$.backup' "$T/b2.db"
expect_json_eq '$.checked' 1
expect_exit 0 kefu --db "$T/b2.db" check

# Never over an existing file, which stays as it was.
echo "precious notes" >"$T/notes.txt"
sum=$(file_sum "$T/notes.txt")
expect_exit 1 k backup "$T/notes.txt"
expect_err 'exists'
expect_eq "$sum" "$(file_sum "$T/notes.txt")" "an existing file is not overwritten"
sum=$(file_sum "$T/b1.db")
expect_exit 1 k backup "$T/b1.db"
expect_eq "$sum" "$(file_sum "$T/b1.db")" "an existing backup is not overwritten"
expect_exit 1 k backup "$DB"
mkdir "$T/adir"
expect_exit 1 k backup "$T/adir"
check "nothing written into the directory" -z "$(ls -A "$T/adir")"
# Into a directory that does not exist: a one-line message naming the file.
rows=$(audit_rows)
run k backup "$T/nodir/b.db"
check "backup into a missing directory fails with 2 or 6 (got $RC)" \
    "$RC" = 2 -o "$RC" = 6
expect_eq 1 "$(wc -l <"$ERR")" "lines on stderr"
expect_err_fixed "$T/nodir"
check "no directory was created" ! -e "$T/nodir"
expect_eq "$rows" "$(audit_rows)" "no audit row for a failed backup"
# No file name (an empty one is no file name either).
expect_exit 1 k backup
expect_exit 1 k backup "$T/b3.db" "$T/b4.db"
expect_exit 1 k backup ''
check "no backups made by usage errors" ! -e "$T/b3.db" -a ! -e "$T/b4.db"
# Admins only.
for who in zhangwei chenjing; do
	expect_exit 4 k --as "$who" backup "$T/b5.db"
	expect_err "$who may not back up the database"
done
check "no backup made by the denied" ! -e "$T/b5.db"
expect_eq "$rows" "$(audit_rows)" "no audit rows from refused backups"

# A database that fails its check: the backup says so, and leaves no copy
# behind that could later be taken for a good backup.
expect_exit 6 kefu --db "$T/edit.db" backup "$T/bad-copy.db"
expect_err 'fails its check'
check "a backup that failed its check is not left behind" ! -e "$T/bad-copy.db"

# Root and the owner need no account of their own to check and back up
# (the package's timers run them as root): with $ME's account disabled,
# both still work, as the system (issue 16 review M4). --as names an
# account, which then needs its rights.
expect_exit 0 k user add laowang 老王 admin
expect_exit 0 k --as laowang user disable "$ME"
expect_exit 0 k check
expect_out '^ok: integrity'
expect_exit 0 k backup "$T/b-system.db"
expect_exit 0 kefu --db "$T/b-system.db" check
expect_exit 0 k --as laowang --json audit list --limit 1
expect_json_eq '$[0].action' backup
expect_json_eq '$[0].actor' system
expect_json_eq '$[0].after.file' "$T/b-system.db"
expect_exit 4 k --as zhangwei backup "$T/b7.db"
expect_exit 4 k --as zhangwei check
expect_exit 0 k --as laowang check

finish
