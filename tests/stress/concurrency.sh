#!/usr/bin/env bash
# concurrency.sh KEFU STRESS_WRITER — 8 processes, 200 increments each, of
# one versioned row (the policy repair.arrive_within, 2400 s at first).
#
# Each writer reads the value and its version, saves value+1 against that
# version, and on a conflict reads again and retries; a KF_BUSY (the
# core's bounded lock wait ran out: a loaded machine) is retried too, and
# counted. All eight are held at
# a barrier (their standard input, closed by us once all say "ready") so
# they start together. Asserts:
#   - every writer finishes with exit 0: no KF_DBERR or other failure
#     ever reached a caller;
#   - the successes add up to 8 x 200 = 1600, and the final value is
#     2400 + 1600: a save reported as successful is never lost;
#   - the row's version is 1 + 1600 and the audit trail holds exactly 1600
#     policy.set rows for it, with versions 2..1601 each once;
#   - `kefu check` passes afterwards.
# Prints the figures: conflicts and busy (retries), longest lock wait,
# duration; none of them is a check (a loaded machine changes them all).
set -uo pipefail

KEFU=${1:?usage: concurrency.sh KEFU STRESS_WRITER}
WRITER=${2:?usage: concurrency.sh KEFU STRESS_WRITER}
PROCS=8
EACH=200
KEY=repair.arrive_within
INITIAL=2400

dir=$(mktemp -d "${TMPDIR:-/tmp}/kefu-stress-conc.XXXXXX") || exit 1
pids=()
cleanup() {
	local p
	for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null; done
	exec 3>&- 2>/dev/null
	guard_end			# the rest, and $dir (tests/guard.sh)
}
. "$(dirname "${BASH_SOURCE[0]}")/../guard.sh"
trap cleanup EXIT
guard_start "$dir"
fail() { echo "FAIL: $*" >&2; exit 1; }

db=$dir/kefu.db
admin=$(id -un)
"$KEFU" --db "$db" init >/dev/null || fail "kefu init failed"
[ "$(sqlite3 "$db" "SELECT value FROM policy WHERE key = '$KEY'")" = "$INITIAL" ] ||
	fail "$KEY does not start at $INITIAL"

mkfifo "$dir/go" || fail "mkfifo"
for i in $(seq 1 $PROCS); do
	"$WRITER" "$db" "$admin" "$KEY" "$EACH" <"$dir/go" >"$dir/out.$i" 2>"$dir/err.$i" &
	pids+=($!)
done
# Opening the write end lets the writers' opens of their stdin complete;
# they stay blocked reading it until we close it.
exec 3>"$dir/go"
deadline=$((SECONDS + 60))
while :; do
	ready=$(cat "$dir"/out.* 2>/dev/null | grep -c '^ready' || true)
	[ "$ready" -eq $PROCS ] && break
	for p in "${pids[@]}"; do
		kill -0 "$p" 2>/dev/null && continue
		cat "$dir"/err.* >&2
		fail "a writer died before the start"
	done
	[ $SECONDS -lt $deadline ] || fail "writers not ready after 60 s ($ready of $PROCS)"
	sleep 0.01
done
t0=$(date +%s%N)
exec 3>&-		# go
# kefu check while the writers run: one read snapshot, so the chain and
# its head always agree (it once saw "newest rows missing" mid-write).
checks=0 check_bad=0
while kill -0 "${pids[0]}" 2>/dev/null; do
	if ! "$KEFU" --db "$db" check >/dev/null 2>"$dir/check.err"; then
		check_bad=$((check_bad + 1))
		cat "$dir/check.err" >&2
	fi
	checks=$((checks + 1))
done
bad=0
for i in $(seq 1 $PROCS); do
	if ! wait "${pids[$((i - 1))]}"; then
		echo "writer $i failed:" >&2
		cat "$dir/err.$i" >&2
		bad=1
	fi
done
pids=()
t1=$(date +%s%N)
cat "$dir"/err.* >&2
[ $bad -eq 0 ] || fail "at least one writer failed (a storage error reached the caller?)"
[ $check_bad -eq 0 ] || fail "kefu check failed $check_bad of $checks times while the writers ran"
echo "kefu check ran $checks times during the writes, all clean"
"$KEFU" --db "$db" check || fail "kefu check failed after the run"

ok=0 conflicts=0 busy=0 maxwait=0
for i in $(seq 1 $PROCS); do
	line=$(grep '^done ' "$dir/out.$i") || fail "writer $i printed no result"
	echo "  writer $i: ${line#done }"
	o=$(sed -n 's/.* ok=\([0-9]*\).*/\1/p' <<<"$line")
	c=$(sed -n 's/.* conflicts=\([0-9]*\).*/\1/p' <<<"$line")
	b=$(sed -n 's/.* busy=\([0-9]*\).*/\1/p' <<<"$line")
	w=$(sed -n 's/.* lock_wait_max_ms=\([0-9]*\).*/\1/p' <<<"$line")
	ok=$((ok + o)) conflicts=$((conflicts + c)) busy=$((busy + b))
	[ "$w" -gt "$maxwait" ] && maxwait=$w
done

read -r value version < <(sqlite3 -separator ' ' "$db" \
	"SELECT value, version FROM policy WHERE key = '$KEY'")
read -r nset nver vmin vmax < <(sqlite3 -separator ' ' "$db" \
	"SELECT count(*), count(DISTINCT version), min(version), max(version)
	 FROM audit WHERE action = 'policy.set' AND entity = 'policy' AND
	 entity_id = (SELECT id FROM policy WHERE key = '$KEY')")

echo "concurrency: $PROCS x $EACH increments in $(((t1 - t0) / 1000000)) ms;" \
	"$conflicts conflicts and $busy busy retried; longest lock wait $maxwait ms"
echo "  successes $ok; final value $value (expected $((INITIAL + PROCS * EACH)));" \
	"version $version; audit policy.set rows $nset (versions $vmin..$vmax, $nver distinct)"

# diagnose — when saves were lost: is it a stale save of the value someone
# else already saved being reported as a success (nothing saved)?
diagnose() {
	local d=$dir/diag.db a b
	"$KEFU" --db "$d" init >/dev/null || return
	"$KEFU" --db "$d" policy set $KEY 2401 --version 1 >/dev/null 2>&1
	a=$?
	"$KEFU" --db "$d" policy set $KEY 2401 --version 1 >/dev/null 2>&1
	b=$?
	[ $a -eq 0 ] && [ $b -eq 0 ] &&
		echo "  diagnosis: 'kefu policy set $KEY 2401 --version 1' run twice:" \
			"both exit 0, though the second was read at a stale version" \
			"and saved nothing (no new version, no audit row); it must" \
			"be a conflict (exit 3), or two increments count as one" >&2
}

[ "$ok" -eq $((PROCS * EACH)) ] || fail "successes $ok, expected $((PROCS * EACH))"
if [ "$value" -ne $((INITIAL + ok)) ]; then
	diagnose
	fail "final value $value - $INITIAL = $((value - INITIAL)) increments, but $ok saves were acknowledged (lost updates)"
fi
[ "$version" -eq $((1 + ok)) ] || fail "version $version, expected $((1 + ok))"
[ "$nset" -eq "$ok" ] || fail "$nset policy.set audit rows, expected $ok"
if [ "$nver" -ne "$ok" ] || [ "$vmin" -ne 2 ] || [ "$vmax" -ne $((1 + ok)) ]; then
	fail "audit versions are not 2..$((1 + ok)) each once"
fi
echo "PASS"
