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
#
# Then the records themselves, the trail left alone (issue 11): on a
# database built with every kind of change the core makes, each direct
# change an intruder might make with sqlite3 — an account made admin, a
# password hash copied, a Unix user remapped, customers and contacts
# edited, deleted or inserted, a work order's amount, deadline or state
# changed, an order deleted, an item's price, a policy value or a fee
# price changed, a rate's price, a reading, a floor area or a shared
# meter's link changed — and the two forgeries of the chain itself (a row
# rewritten and the chain recomputed; the newest rows cut and the head
# fixed) against a seal taken before. Each must be named by table, id
# and field (R54).
set -uo pipefail

KEFU=${1:?usage: tamper.sh KEFU}
dir=$(mktemp -d "${TMPDIR:-/tmp}/kefu-stress-tamper.XXXXXX") || exit 1
. "$(dirname "${BASH_SOURCE[0]}")/../guard.sh"
. "$(dirname "${BASH_SOURCE[0]}")/../rechain.sh"
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
	echo "  $what: detected: $(grep -E -m1 -- "$pattern" <<<"$out")"
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

# --- the records: each direct change with sqlite3 ----------------------------
export KEFU_NOW=2026-11-27T10:41:00+08:00 TZ=Asia/Shanghai
db=$dir/work.db
k init >/dev/null || fail "kefu init (work)"
k user add wang 王芳 reception --unix wang >/dev/null || fail "user add wang"
printf 'first-secret-1\n' | k user add li 李强 technician --password >/dev/null ||
	fail "user add li"
printf 'other-secret-2\n' | k user passwd wang >/dev/null || fail "passwd"
k user roles wang reception,billing >/dev/null || fail "user roles"
k user add all 全能 reception,dispatcher,technician,supervisor >/dev/null ||
	fail "user add all"
k policy set repair.arrive_within 45m >/dev/null || fail "policy set"
k fee add GAS-01 更换灶具胶管 次 15 >/dev/null || fail "fee add"
k fee set GAS-01 --price 18 >/dev/null || fail "fee set"
k customer add --account A-1 --name 张三 --phone 13800001111 \
	--community 电力小区 --building 3号楼 --room 301 >/dev/null || fail "customer add"
k customer add --account A-2 --name 李四 --phone 13900002222 >/dev/null ||
	fail "customer add 2"
k customer edit A-1 --notes 老人独居 >/dev/null || fail "customer edit"
k --as all contact log --purpose repair --asked 灶具打不着火 --customer A-1 \
	>/dev/null || fail "contact log"
k --as all contact log --purpose inquiry --asked 问物业费 --phone 13700003333 \
	--name 王 >/dev/null || fail "contact log 2"
k --as all order new --category paid --fault 灶具打不着火 --customer A-1 \
	--fee GAS-01 --from-contact 1 >/dev/null || fail "order new"
k --as all order ack 1 >/dev/null || fail "order ack"
k --as all order assign 1 all >/dev/null || fail "order assign"
k --as all order arrive 1 >/dev/null || fail "order arrive"
k --as all order item 1 GAS-01 2 >/dev/null || fail "order item"
k --as all order correct 1 15 >/dev/null || fail "order correct"
k --as all order done 1 --work 更换灶具胶管 >/dev/null || fail "order done"
k --as all order signoff 1 --name 张三 >/dev/null || fail "order signoff"
k --as all order new --category indoor --fault 水龙头漏水 --address 幸福小区3栋501 \
	--community 幸福小区 --building 3栋 --contact-name 王先生 --phone 13900004444 \
	>/dev/null || fail "order new 2"
k --as all order link 2 2 >/dev/null || fail "order link"
k --as all order ack 2 >/dev/null || fail "order ack 2"
k --as all order assign 2 all >/dev/null || fail "order assign 2"
# Billing (issue 14): a rate, a floor area, meters, a link, readings.
k rate add mgmt 2026-01 2.50 --agreed >/dev/null || fail "rate add"
k rate add water 2026-01 10:3.45,*:4.83 >/dev/null || fail "rate add water"
k --as wang meter area A-1 88 >/dev/null || fail "meter area"
k --as wang meter add W-301 water --customer A-1 >/dev/null || fail "meter add"
k --as wang meter add W-PUB water --shared area --community 电力小区 \
	>/dev/null || fail "meter add shared"
k --as wang meter link W-PUB A-1 >/dev/null || fail "meter link"
k --as wang reading enter W-301 2026-10 12 >/dev/null || fail "reading"
k --as wang reading enter W-301 2026-11 30 >/dev/null || fail "reading 2"
k --as wang reading enter W-301 2026-11 29 --reason 抄错 >/dev/null ||
	fail "reading corrected"
k check >/dev/null || { k check; fail "the workload's database fails its check"; }
k audit seal --to "$dir/seals" >/dev/null || fail "audit seal"

# expect_named WHAT SQL PATTERN... — SQL on a copy; check exits 6 and its
# output (and --json's problems) match each PATTERN.
expect_named() {
	local what=$1 sql=$2 out status p
	shift 2
	copy
	sqlite3 "$c" "$sql" || fail "$what: sqlite3 could not: $sql"
	out=$("$KEFU" --db "$c" check 2>&1)
	status=$?
	[ $status -eq 6 ] ||
		fail "$what: kefu check exit $status, expected 6; it said: $out"
	for p in "$@"; do
		grep -Eq -- "$p" <<<"$out" ||
			fail "$what: kefu check did not name it (/$p/); it said: $out"
	done
	echo "  $what: detected: $(grep -E -m1 -- "$1" <<<"$out")"
}
wang=$(sqlite3 "$db" "SELECT id FROM staff WHERE login = 'wang'")
li=$(sqlite3 "$db" "SELECT id FROM staff WHERE login = 'li'")
NOFK="PRAGMA foreign_keys = OFF;"

expect_named "an account made admin" \
	"UPDATE staff SET roles = 'admin' WHERE id = $wang" \
	"staff $wang: roles is \"admin\" in the table but \"reception,billing\""
expect_named "a password hash copied" \
	"UPDATE staff SET pw_hash = (SELECT pw_hash FROM staff WHERE id = $wang) WHERE id = $li" \
	"staff $li: pw_hash is not the one its audit trail records"
expect_named "a Unix user remapped" \
	"UPDATE staff SET unix_user = 'mallory' WHERE id = $wang" \
	"staff $wang: unix_user is \"mallory\" in the table but \"wang\""
expect_named "a customer edited" \
	"UPDATE customer SET name = '王五', notes = '' WHERE account = 'A-1'" \
	'customer 1: name is "王五" in the table but "张三"' \
	'customer 1: notes is "" in the table but "老人独居"'
expect_named "a customer deleted" "$NOFK DELETE FROM customer WHERE id = 2" \
	'customer 2: its audit trail exists but the record is gone'
expect_named "a customer inserted" \
	"INSERT INTO customer (account, name, created_at) VALUES ('X-9', '假客户', 0)" \
	'customer 3 has no audit trail \(inserted outside kefu\)'
expect_named "a contact edited" \
	"UPDATE contact SET asked = '别的事', at = at - 86400 WHERE id = 1" \
	'contact 1: asked is "别的事" in the table but "灶具打不着火"' \
	'contact 1: at is [0-9]+ in the table but [0-9]+'
expect_named "a contact's entry time rewritten (R1, R6: back-dating shows by it)" \
	"UPDATE contact SET entered_at = entered_at + 3600 WHERE id = 1" \
	'contact 1: entered_at is [0-9]+ in the table but [0-9]+'
expect_named "a contact deleted" "$NOFK DELETE FROM contact WHERE id = 2" \
	'contact 2: its audit trail exists but the record is gone'
expect_named "a contact inserted" \
	"INSERT INTO contact (at, channel, purpose, asked, staff_id) VALUES (0, 0, 1, '假', 1)" \
	'contact 3 has no audit trail'
expect_named "an order's amount changed" \
	"UPDATE work_order SET amount_due = 1 WHERE id = 1" \
	'work_order 1: amount_due is 1 in the table but 3000'
expect_named "an order's deadline changed" \
	"UPDATE work_order SET deadline_at = deadline_at + 3600 WHERE id = 2" \
	'work_order 2: deadline_at is [0-9]+ in the table but [0-9]+'
expect_named "an order's state changed" \
	"UPDATE work_order SET state = 7 WHERE id = 2" \
	'work_order 2: state is 7 in the table but 2'
expect_named "an order deleted" \
	"$NOFK DELETE FROM order_reporter WHERE order_id = 2; DELETE FROM work_order WHERE id = 2" \
	'work_order 2: its audit trail exists but the record is gone'
expect_named "a caller's link to an order removed" \
	"DELETE FROM order_reporter WHERE order_id = 2" \
	'work_order 2: its audit trail links 2 but order_reporter lacks that row'
expect_named "a caller linked to an order" \
	"INSERT INTO order_reporter (order_id, contact_id) VALUES (1, 2)" \
	'work_order 1: order_reporter links 2, which its audit trail never linked'
expect_named "an item's price changed" \
	"UPDATE order_item SET unit_price = 100, amount = 200 WHERE id = 1" \
	'order_item 1: unit_price is 100 in the table but 1500' \
	'order_item 1: amount is 200 in the table but 3000'
expect_named "a policy value changed" \
	"UPDATE policy SET value = 7200 WHERE key = 'repair.arrive_within'" \
	'policy 1: value is 7200 in the table but 2700'
expect_named "a policy never set, changed" \
	"UPDATE policy SET value = 60 WHERE key = 'callback.sample_rate'" \
	'policy [0-9]+: value is 60 in the table but 50'
expect_named "a fee price changed" \
	"UPDATE fee_item SET price = 100 WHERE code = 'GAS-01'" \
	'fee_item 1: price is 100 in the table but 1800'
expect_named "a rate's price changed (R12: rates are never edited)" \
	"UPDATE rate SET price_cfen = 20000 WHERE id = 1" \
	'rate 1: price_cfen is 20000 in the table but 25000'
expect_named "a reading lowered (R13)" \
	"UPDATE reading SET value = 20, usage = 8 WHERE period = '2026-11'" \
	'reading 2: value is 20 in the table but 29' \
	'reading 2: usage is 8 in the table but 17'
expect_named "a floor area shrunk (R12, R14)" \
	"UPDATE customer_area SET area_dm2 = 100" \
	'customer_area 1: area_dm2 is 100 in the table but 8800'
expect_named "a flat unlinked from its shared meter (R14)" \
	"UPDATE meter_link SET active = 0" \
	'meter_link 1: active is 0 in the table but 1'

# --- the chain forged after the seal: only the seal shows it -----------------
copy
row=$(sqlite3 "$c" "SELECT max(id) FROM audit WHERE action = 'policy.set'")
sqlite3 "$c" "DROP TRIGGER audit_no_update;
	UPDATE audit SET after = '{\"value\":7200}' WHERE id = $row;
	UPDATE policy SET value = 7200 WHERE key = 'repair.arrive_within';
	$TRIG_UPDATE" || fail "rewrite row $row"
rechain "$c" "$row"
"$KEFU" --db "$c" check >/dev/null ||
	fail "the recomputed chain should verify without a seal"
out=$("$KEFU" --db "$c" check --seal "$dir/seals" 2>&1)
[ $? -eq 6 ] && grep -q "audit row [0-9]* is not the row sealed" <<<"$out" ||
	fail "a recomputed chain not caught by the seal: $out"
echo "  a row rewritten, chain recomputed: detected by the seal"

copy
last=$(sqlite3 "$c" "SELECT max(id) FROM audit")
sealed=$(sed -n 's/.* row=\([0-9]*\) .*/\1/p' "$dir/seals" | tail -1)
sqlite3 "$c" "DROP TRIGGER audit_no_delete;
	DELETE FROM audit WHERE id >= $sealed;
	UPDATE audit_head SET last_id = $sealed - 1,
	last_hash = (SELECT hash FROM audit WHERE id = $sealed - 1);
	$TRIG_DELETE" || fail "cut the trail"
out=$("$KEFU" --db "$c" check --seal "$dir/seals" 2>&1)
[ $? -eq 6 ] && grep -q "names row $sealed: the newest rows were deleted" <<<"$out" ||
	fail "a cut trail not caught by the seal: $out"
echo "  the newest rows ($sealed..$last) cut, head fixed: detected by the seal"

echo "PASS"
