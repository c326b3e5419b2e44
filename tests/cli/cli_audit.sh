#!/usr/bin/env bash
# cli_audit.sh — reading the audit trail: audit list, its filters, paging,
# JSON, bad values, and who may read it; audit seal and check --seal,
# against the two forgeries the chain alone cannot show (R54).
. "$(dirname "$0")/lib.sh" "$@"
. "$(dirname "$0")/../rechain.sh"

fresh_db						# row 1: system adds $ME
expect_exit 0 k user add guanli 管理员 admin		# row 2
expect_exit 0 k user add chenjing 陈静 supervisor	# row 3
expect_exit 0 k user add zhangwei 张伟 technician	# row 4
expect_exit 0 k user add wangfang 王芳 reception	# row 5
expect_exit 0 k --as guanli user roles zhangwei technician,billing	# row 6
expect_exit 0 k policy set repair.arrive_within 30m	# row 7
expect_exit 0 k --as guanli policy set viewing.closes 18:00	# row 8
expect_exit 0 k user disable wangfang			# row 9
expect_eq 9 "$(audit_rows)" "audit rows written by the set-up"

jlen() { sqlite3 :memory: "SELECT json_array_length(CAST(readfile('$OUT') AS TEXT))"; }

# --- the whole trail, newest first -------------------------------------------
expect_exit 0 k audit list
expect_eq 9 "$(out_lines)" "audit list: one line per row"
expect_out '^#9 [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} '"$ME"' staff\.disable staff/5 v2 \{"disabled":0\} -> \{"disabled":1\}$'
expect_out '^#1 .* system staff\.add staff/1 v1 \{\} -> \{"login":"'"$ME"'"'
check "newest first" "$(head -n 1 "$OUT" | cut -d' ' -f1)" = '#9'
check "oldest last" "$(tail -n 1 "$OUT" | cut -d' ' -f1)" = '#1'
expect_exit 0 k --json audit list
expect_json
expect_eq 9 "$(jlen)" "audit list --json: nine rows"
expect_json_eq '$[0].id' 9
expect_json_eq '$[0].actor' "$ME"
expect_json_eq '$[0].action' staff.disable
expect_json_eq '$[0].entity' staff
expect_json_eq '$[0].entity_id' 5
expect_json_eq '$[0].version' 2
expect_json_eq '$[0].before.disabled' 0
expect_json_eq '$[0].after.disabled' 1
expect_eq null "$(sqlite3 :memory: "SELECT json_type(CAST(readfile('$OUT') AS TEXT), '\$[8].before')")" \
    "a creation has before = null"
expect_json_eq '$[8].after.login' "$ME"
expect_json_eq '$[6].after.display_name' 陈静
check "every row has a time" -z "$(sqlite3 :memory: "SELECT 1 FROM
    json_each(CAST(readfile('$OUT') AS TEXT)) WHERE
    json_type(value, '\$.at') != 'integer' LIMIT 1")"

# --- filters ---------------------------------------------------------------
expect_exit 0 k --json audit list --entity policy
expect_eq 2 "$(jlen)" "--entity policy"
expect_json_eq '$[0].id' 8
expect_json_eq '$[1].id' 7
expect_json_eq '$[0].before.value' 1050
expect_json_eq '$[0].after.value' 1080
expect_exit 0 k --json audit list --entity staff
expect_eq 7 "$(jlen)" "--entity staff"
expect_exit 0 k --json audit list --entity staff --id 4
expect_eq 2 "$(jlen)" "--entity staff --id 4 (zhangwei: added, roles)"
expect_json_eq '$[0].action' staff.edit
expect_json_eq '$[0].after.roles' technician,billing
expect_json_eq '$[1].action' staff.add
expect_exit 0 k --json audit list --actor guanli
expect_eq 2 "$(jlen)" "--actor guanli"
expect_json_eq '$[0].id' 8
expect_json_eq '$[1].id' 6
expect_exit 0 k --json audit list --actor system
expect_eq 1 "$(jlen)" "--actor system"
expect_exit 0 k --json audit list --actor guanli --entity policy
expect_eq 1 "$(jlen)" "--actor guanli --entity policy"
expect_json_eq '$[0].id' 8
expect_exit 0 k --json audit list --before 3
expect_eq 2 "$(jlen)" "--before 3"
expect_json_eq '$[0].id' 2
expect_json_eq '$[1].id' 1
expect_exit 0 k --json audit list --limit 3
expect_eq 3 "$(jlen)" "--limit 3"
expect_json_eq '$[2].id' 7
expect_exit 0 k --json audit list --limit 2 --before 8 --entity staff
expect_eq 2 "$(jlen)" "--limit 2 --before 8 --entity staff"
expect_json_eq '$[0].id' 6
expect_json_eq '$[1].id' 5
# Nothing matches: an empty list, not an error.
expect_exit 0 k audit list --entity nosuch
expect_eq 0 "$(out_lines)" "no rows for an unknown entity"
expect_exit 0 k --json audit list --actor nosuch
expect_json
expect_eq 0 "$(jlen)" "no rows for an unknown actor"
expect_exit 0 k --json audit list --before 1
expect_eq 0 "$(jlen)" "nothing before row 1"
# Filters are values, never SQL.
expect_exit 0 k --json audit list --entity "staff' OR '1'='1"
expect_eq 0 "$(jlen)" "an --entity that looks like SQL"
expect_exit 0 k --json audit list --actor "%"
expect_eq 0 "$(jlen)" "an --actor that looks like a pattern"
expect_exit 0 k --json audit list --id 999
expect_eq 0 "$(jlen)" "no rows for id 999"

# --- paging: 50 rows by default, --before to go back -------------------------
for i in $(seq 1 30); do
	k policy set repair.arrive_within $((i + 1))m >/dev/null 2>&1
	k policy set viewing.opens 08:$((i + 10)) >/dev/null 2>&1
done
expect_eq 69 "$(audit_rows)" "audit rows after 60 policy changes"
expect_exit 0 k audit list
expect_eq 50 "$(out_lines)" "audit list shows 50 rows by default"
last=$(tail -n 1 "$OUT" | cut -d' ' -f1 | tr -d '#')
expect_eq 20 "$last" "the 50th newest row"
expect_exit 0 k audit list --before "$last"
expect_eq 19 "$(out_lines)" "the next page"
expect_out '^#19 '
expect_exit 0 k audit list --limit 1000
expect_eq 69 "$(out_lines)" "--limit 1000 shows everything"
expect_exit 0 k audit list --limit 1
expect_eq 1 "$(out_lines)" "--limit 1"
expect_out '^#69 '

# --- bad values: exit 1, one line naming the option --------------------------
for o in "--limit 0" "--limit 1001" "--limit -1" "--limit abc" "--limit 5x" \
    "--limit 99999999999999999999" "--id 0" "--id -4" "--id abc" \
    "--before 0" "--before -1" "--before x" "--limit ''"; do
	eval "expect_exit 1 k audit list $o"
	expect_err "${o%% *}"
done
expect_exit 1 k audit list --bogus
expect_err 'unknown option --bogus'
expect_exit 1 k audit list staff
expect_err 'unexpected argument'
for o in --limit --id --before --entity --actor; do
	expect_exit 1 k audit list "$o"
	expect_err "$o"
	expect_err_not 'unknown option'
done

# --- who may read it ---------------------------------------------------------
expect_exit 0 k --as chenjing audit list --limit 1
expect_out '^#69 '
expect_exit 0 k --as chenjing --json audit list --entity staff --id 4
expect_json
expect_exit 4 k --as zhangwei audit list
expect_err 'zhangwei may not read the audit trail'
expect_exit 4 k --as zhangwei --json audit list
expect_exit 0 k user disable --enable wangfang
expect_exit 4 k --as wangfang audit list --entity staff
expect_err 'wangfang may not read the audit trail'

# --- seals -------------------------------------------------------------------
SEAL_RE='^kefu-seal v1 db=[0-9a-f]{16} row=[0-9]+ hash=[0-9a-f]{64} at=[0-9]+ '
expect_exit 0 k audit seal
expect_out "$SEAL_RE"
head=$(audit_rows)
expect_out " row=$head "
expect_out " hash=$(sqlite3 "$DB" "SELECT lower(hex(last_hash)) FROM audit_head") "
expect_eq "$head" "$(audit_rows)" "a seal writes no audit row"
expect_exit 0 k audit seal --to "$T/seals"
expect_out "$SEAL_RE"
expect_eq 600 "$(stat -c %a "$T/seals")" "a new seal file is private"
expect_eq 1 "$(grep -c '^kefu-seal ' "$T/seals")" "seal lines"
expect_exit 0 k --json audit seal --to "$T/seals"
expect_json
expect_json_eq '$.to' "$T/seals"
expect_eq 2 "$(wc -l <"$T/seals")" "a second seal is appended"
expect_exit 0 k check --seal "$T/seals"
expect_out 'and the seals verified$'
# The trail goes on after a seal and still extends it; a journal's
# prefixes before "kefu-seal" are fine.
expect_exit 0 k policy set repair.arrive_within 35m
sed "s/^/Dec 07 20:00:00 host kefu-seal[42]: /" "$T/seals" >"$T/journal"
expect_exit 0 k --json check --seal "$T/journal"
expect_json_eq '$.ok' 1
expect_json_eq '$.sealed' 1
# Who and how.
expect_exit 4 k --as chenjing audit seal
expect_exit 4 k --as chenjing check --seal "$T/seals"
expect_exit 1 k audit seal extra
expect_exit 1 k audit seal --to
expect_exit 1 k audit bogus
expect_err 'list, seal'
expect_exit 2 k check --seal "$T/no-such-file"
expect_err 'cannot read the seal file'
expect_exit 2 k --json check --seal "$T/no-such-file"
# A FIFO would block the check: refused at once (review of issue 11).
mkfifo "$T/fifo"
expect_exit 2 k check --seal "$T/fifo"
expect_err 'cannot read the seal file .*fifo: not a regular file'
# A journal line longer than any buffer is one line, not two: a seal after
# a 5,000-byte line is still found, on line 2.
{ head -c 5000 /dev/zero | tr '\0' x; echo " kefu-seal v1 db=zz"; tail -n 1 "$T/seals"; } >"$T/long"
expect_exit 1 k check --seal "$T/long"
expect_err 'long line 1 is not a whole kefu seal'
{ head -c 5000 /dev/zero | tr '\0' x; echo; tail -n 1 "$T/seals"; } >"$T/long2"
expect_exit 0 k check --seal "$T/long2"
echo "no seal here" >"$T/noseal"
expect_exit 1 k check --seal "$T/noseal"
expect_err 'holds no kefu seal'
echo "kefu-seal v1 db=zz row=1" >"$T/badseal"
expect_exit 1 k check --seal "$T/badseal"
expect_err 'line 1 is not a whole kefu seal'
# A seal of another database is reported, not skipped.
# (Made at another time: a database is named by its first audit row, which
# two databases made by one person in the same second share; a clock
# faked to the same second for every process did that.)
expect_exit 0 env KEFU_NOW="2026-01-01 09:00" "$KEFU" --db "$T/other.db" init
expect_exit 0 kefu --db "$T/other.db" audit seal --to "$T/other-seals"
allow_stdout
expect_exit 6 k check --seal "$T/other-seals"
expect_out '^problem: seal line 1 names database [0-9a-f]+, but this one is'

# Forgery 1: a sealed row rewritten (with the record it made, so the
# records agree) and the chain recomputed from there: the chain and the
# records verify; only the seal shows it.
expect_exit 0 k audit seal --to "$T/seals"
cp "$DB" "$T/forged.db"
row=$(sqlite3 "$T/forged.db" "SELECT max(id) FROM audit WHERE action = 'policy.set'")
sqlite3 "$T/forged.db" "DROP TRIGGER audit_no_update;
    UPDATE audit SET after = '{\"value\":7200}' WHERE id = $row;
    UPDATE policy SET value = 7200 WHERE key = 'repair.arrive_within';
    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;"
rechain "$T/forged.db" "$row"
expect_exit 0 kefu --db "$T/forged.db" check
allow_stdout
expect_exit 6 kefu --db "$T/forged.db" check --seal "$T/seals"
expect_out "^problem: audit row [0-9]+ is not the row sealed at .*the trail was rewritten"
allow_stdout
expect_exit 6 kefu --db "$T/forged.db" --json check --seal "$T/seals"
expect_json_eq '$.problems[0].kind' seal

# Forgery 2: the newest rows deleted and the head fixed by hand (a backup's
# row: no record to give it away). A seal taken before shows it.
expect_exit 0 k backup "$T/b.db"
expect_exit 0 k audit seal --to "$T/seals"
last=$(audit_rows)
cp "$DB" "$T/cut.db"
sqlite3 "$T/cut.db" "DROP TRIGGER audit_no_delete;
    DELETE FROM audit WHERE id = $last;
    UPDATE audit_head SET last_id = $last - 1,
    last_hash = (SELECT hash FROM audit WHERE id = $last - 1);
    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
    BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;"
expect_exit 0 kefu --db "$T/cut.db" check
allow_stdout
expect_exit 6 kefu --db "$T/cut.db" check --seal "$T/seals"
expect_out "^problem: the audit trail ends at row $((last - 1)), but a seal made at .* names row $last: the newest rows were deleted"
# A broken chain is not sealed.
cp "$DB" "$T/broken.db"
sqlite3 "$T/broken.db" "DROP TRIGGER audit_no_update;
    UPDATE audit SET actor = 'x' WHERE id = 2"
expect_exit 6 kefu --db "$T/broken.db" audit seal
expect_err 'not sealed: the audit trail is broken'
expect_exit 0 k check --seal "$T/seals"

finish
