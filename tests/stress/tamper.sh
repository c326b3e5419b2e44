#!/usr/bin/env bash
# tamper.sh KEFU — someone with the sqlite3 shell edits the audit trail;
# `kefu check` must fail (exit 6) and name the row.
#
# A database with a few dozen audit rows is made through kefu; each case
# works on its own copy (made with `kefu backup`, which checks the copy),
# drops the append-only trigger, tampers, and — like a careful intruder —
# puts the trigger back, so only the hash chain can tell. Cases:
#   edit   a middle row's after / at / actor, and the newest row: "audit row N"
#   delete a middle row: named as the row after the gap (or the row itself)
#   delete the newest row: "audit row N" (audit_head points past the end)
#   insert a forged row at the end, or between two rows
#   drop a trigger and leave it dropped: the check says so
# and the untouched copy passes.
set -uo pipefail

KEFU=${1:?usage: tamper.sh KEFU}
dir=$(mktemp -d "${TMPDIR:-/tmp}/kefu-stress-tamper.XXXXXX") || exit 1
. "$(dirname "${BASH_SOURCE[0]}")/../guard.sh"
trap guard_end EXIT		# every process it started, and $dir
guard_start "$dir"
fail() { echo "FAIL: $*" >&2; exit 1; }

TRIG_UPDATE="CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;"
TRIG_DELETE="CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;"

db=$dir/kefu.db
k() { "$KEFU" --db "$db" "$@"; }
k init >/dev/null || fail "kefu init failed"
for i in $(seq 1 12); do
	k user add "tamper$i" "篡改测试$i" reception >/dev/null || fail "user add"
	k policy set repair.arrive_within "$((40 + i))m" >/dev/null || fail "policy set"
done
k user roles tamper3 reception,billing >/dev/null || fail "user roles"
k check >/dev/null || fail "the fresh database fails its check"
[ "$(sqlite3 "$db" "SELECT max(id) FROM audit")" -ge 20 ] || fail "too few audit rows"
# The triggers work: plain UPDATE and DELETE are refused.
sqlite3 "$db" "UPDATE audit SET actor = 'x' WHERE id = 5" 2>/dev/null &&
	fail "the audit_no_update trigger let an UPDATE through"
sqlite3 "$db" "DELETE FROM audit WHERE id = 5" 2>/dev/null &&
	fail "the audit_no_delete trigger let a DELETE through"

n=0
copy() {
	n=$((n + 1))
	c=$dir/copy$n.db
	k backup "$c" >/dev/null || fail "kefu backup to $c failed"
	# Each backup adds its own audit row to the original: the copy's
	# newest row is the one before that.
	newest=$(sqlite3 "$c" "SELECT max(id) FROM audit")
}

# expect_fail WHAT PATTERN — kefu check on $c must exit 6 and print PATTERN.
expect_fail() {
	local what=$1 pattern=$2 out status
	out=$("$KEFU" --db "$c" check 2>&1)
	status=$?
	[ $status -eq 6 ] ||
		fail "$what: kefu check exit $status, expected 6; it said: $out"
	grep -Eq "$pattern" <<<"$out" ||
		fail "$what: kefu check did not name it (/$pattern/); it said: $out"
	echo "  $what: detected: ${out#kefu: }"
}

tamper() {	# tamper SQL — runs SQL with the triggers out of the way
	sqlite3 "$c" "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;
		$1
		$TRIG_UPDATE $TRIG_DELETE" || fail "sqlite3 could not tamper: $1"
}

copy
"$KEFU" --db "$c" check >/dev/null || fail "an untouched copy fails its check"

# Row 4 is "staff.add tamper2" with roles reception: make it say admin.
copy; tamper "UPDATE audit SET after = replace(after, 'reception', 'admin') WHERE id = 4;"
[ "$(sqlite3 "$c" "SELECT json_extract(after, '$.roles') FROM audit WHERE id = 4")" = admin ] ||
	fail "the edit of row 4 did not take"
expect_fail "row 4's after edited" "audit row 4:"

copy; tamper "UPDATE audit SET at = at - 3600 WHERE id = 7;"
expect_fail "row 7's time edited" "audit row 7:"

copy; tamper "UPDATE audit SET actor = 'tamper2' WHERE id = 9;"
expect_fail "row 9's actor edited" "audit row 9:"

copy; tamper "UPDATE audit SET before = '{\"value\":1}' WHERE id = $newest;"
expect_fail "the newest row ($newest) edited" "audit row $newest:"

copy; tamper "DELETE FROM audit WHERE id = 10;"
expect_fail "middle row 10 deleted" "audit row (10|11):"

copy; tamper "DELETE FROM audit WHERE id = $newest;"
expect_fail "the newest row ($newest) deleted" "audit row $newest:"

# A forged row appended with a made-up hash, head left alone.
copy; tamper "INSERT INTO audit (id, at, actor_id, actor, action, entity,
	entity_id, version, before, after, prev_hash, hash)
	SELECT id + 1, at, actor_id, actor, action, entity, entity_id,
	version + 1, before, after, hash, randomblob(32)
	FROM audit WHERE id = $newest;"
expect_fail "a forged row appended" "audit row $((newest + 1)):"

# A forged row slipped in between 12 and 13 by renumbering the rest.
copy; tamper "UPDATE audit SET id = -id WHERE id > 12;
	UPDATE audit SET id = 1 - id WHERE id < 0;
	INSERT INTO audit (id, at, actor_id, actor, action, entity, entity_id,
	version, before, after, prev_hash, hash)
	SELECT 13, at, actor_id, actor, action, entity, entity_id, version,
	before, after, hash, hash FROM audit WHERE id = 12;"
expect_fail "a forged row inserted as 13" "audit row 1[34]:"

# The trigger dropped and left dropped, nothing else touched.
copy; sqlite3 "$c" "DROP TRIGGER audit_no_delete;" || fail "drop trigger"
expect_fail "the delete trigger dropped" "triggers are missing"

echo "PASS"
