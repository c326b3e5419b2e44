# old_db.sh — a database of schema 1, as the first kefu made it, with its
# admin $ME and that account's audit row (kefu check proves every account
# against its trail). Sourced by the CLI scenarios after lib.sh, with $DB
# already a kefu database (its application id is copied).
#   old_db FILE   (re)creates FILE at schema 1
. "$(dirname "${BASH_SOURCE[0]}")/../rechain.sh"
OLD_FIRST=$(dirname "${BASH_SOURCE[0]}")/../../schema/001_foundation.sql
old_db() {
	local appid
	appid=$(sqlite3 "$DB" 'PRAGMA application_id')
	rm -f "$1" "$1-wal" "$1-shm"
	sqlite3 "$1" <"$OLD_FIRST"
	sqlite3 "$1" "PRAGMA application_id = $appid; PRAGMA user_version = 1;
	    INSERT INTO staff (login, display_name, roles, unix_user, created_at)
	    VALUES ('$ME', 'Old Admin', 'admin', '$ME', 0);
	    INSERT INTO audit (id, at, actor, action, entity, entity_id, version,
	    after, prev_hash, hash) VALUES (1, 0, 'system', 'staff.add', 'staff',
	    1, 1, json_object('login', '$ME', 'display_name', 'Old Admin',
	    'roles', 'admin', 'unix_user', '$ME', 'password', NULL),
	    zeroblob(32), zeroblob(32))"
	rechain "$1" 1
}
