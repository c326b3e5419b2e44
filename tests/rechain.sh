# rechain.sh — what an intruder with sqlite3 and b2sum can do to the audit
# chain: recompute every hash from row FROM to the end and fix audit_head,
# so the chain verifies again after rows were rewritten or removed. Only a
# seal kept outside the file (kefu audit seal) shows it. Sourced by
# tests/cli/cli_audit.sh and tests/stress/tamper.sh.
#
# The hash is src/core/audit.c's: BLAKE2b-256 (no key) over the previous
# hash, then each field: integers as 8 little-endian bytes, strings as
# their length (8 bytes) and bytes, a NULL string as the length -1.

# le64 N — N as 16 hex digits, little-endian.
le64() {
	local h i out=
	h=$(printf '%016x' "$1")
	for ((i = 14; i >= 0; i -= 2)); do out+=${h:i:2}; done
	printf '%s' "$out"
}

# rechain DB FROM — recomputes rows FROM.. and the head of DB's chain.
rechain() {
	local db=$1 from=$2 prev sql= row id at actor_id rest hex hash
	local -a f
	prev=$(sqlite3 "$db" "SELECT coalesce((SELECT hex(hash) FROM audit
	    WHERE id = $from - 1), hex(zeroblob(32)))")
	while IFS='|' read -r -a f; do
		id=${f[0]}
		hex=$prev$(le64 "$id")$(le64 "${f[1]}")$(le64 "${f[2]}")
		# actor, action, entity: never NULL
		hex+=$(le64 "${f[3]}")${f[4]}$(le64 "${f[5]}")${f[6]}
		hex+=$(le64 "${f[7]}")${f[8]}
		hex+=$(le64 "${f[9]}")$(le64 "${f[10]}")
		for i in 11 14; do		# before, after: maybe NULL
			if [ "${f[i]}" = 1 ]; then hex+=$(le64 -1)
			else hex+=$(le64 "${f[i + 1]}")${f[i + 2]}; fi
		done
		# bash's printf writes \x00 as a NUL byte: no xxd needed.
		hash=$(printf "$(sed 's/../\\x&/g' <<<"$hex")" |
		    b2sum -l 256 | cut -d' ' -f1)
		sql+="UPDATE audit SET prev_hash = X'$prev', hash = X'$hash'
		    WHERE id = $id;"
		prev=$hash
	done < <(sqlite3 "$db" "SELECT id, at, coalesce(actor_id, 0),
	    length(CAST(actor AS BLOB)), hex(actor),
	    length(CAST(action AS BLOB)), hex(action),
	    length(CAST(entity AS BLOB)), hex(entity), entity_id, version,
	    before IS NULL, length(CAST(before AS BLOB)), hex(before),
	    after IS NULL, length(CAST(after AS BLOB)), hex(after)
	    FROM audit WHERE id >= $from ORDER BY id")
	sqlite3 "$db" "DROP TRIGGER audit_no_update; $sql
	    UPDATE audit_head SET last_id = (SELECT max(id) FROM audit),
	    last_hash = (SELECT hash FROM audit ORDER BY id DESC LIMIT 1);
	    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
	    BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;"
}
