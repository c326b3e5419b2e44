#!/usr/bin/env bash
# cli_policy.sh — the numbers the rules run on: policy list and set, their
# units and ranges, permissions, --version conflicts and the audit trail.
. "$(dirname "$0")/lib.sh" "$@"

fresh_db
expect_exit 0 k user add guanli 管理员 admin
expect_exit 0 k user add zhangwei 张伟 technician
expect_exit 0 k user add chenjing 陈静 supervisor

# --- list: every configurable number of RULES.md, at its default ------------
expect_exit 0 k policy list
expect_out '^KEY +VALUE +RULE +VERSION +MEANING$'
while read -r key shown rule; do
	expect_out "^${key//./\\.} +${shown//./\\.} +$rule +1 +[A-Z]"
done <<'EOF'
repair.arrive_within 40m R2
pipeline.ordinary_within 4h R3
pipeline.major_within 1d R3
viewing.opens 08:00 R6
viewing.closes 17:30 R6
viewing.wait_until 21:00 R6
viewing.earliest 07:00 R6
complaint.track_within 2d R33
complaint.invalid_reply_within 2d R34
complaint.analyse_within 1d R35
complaint.municipal_reply_within 3d R38
callback.sample_rate 5.0% R42
contact.backdate_within 1d R1
order.backdate_within 7d R9
bill.due_days 15d R15
bill.remind_days 7d R15
bill.second_notice_days 30d R15
bill.late_fee_per_10000 0/10000 R15
EOF
expect_eq 33 "$(out_lines)" "policy list: header and thirty-two policies (021: four for callbacks; 019: complaint.forward_within; 016: five for complaints; 017: reading.spike; 018: four for overdue bills)"

expect_exit 0 k --json policy list
expect_json
pol() {			# pol KEY FIELD: a field of the last policy list --json
	sqlite3 :memory: "SELECT json_extract(value, '\$.$2') FROM
	    json_each(CAST(readfile('$OUT') AS TEXT)) WHERE
	    json_extract(value, '\$.key') = '$1'"
}
expect_eq 2400 "$(pol repair.arrive_within value)" "repair.arrive_within in seconds"
expect_eq duration "$(pol repair.arrive_within unit)" "repair.arrive_within unit"
expect_eq 14400 "$(pol pipeline.ordinary_within value)" "pipeline.ordinary_within"
expect_eq 86400 "$(pol pipeline.major_within value)" "pipeline.major_within"
expect_eq 480 "$(pol viewing.opens value)" "viewing.opens in minutes"
expect_eq 'time of day' "$(pol viewing.opens unit)" "viewing.opens unit"
expect_eq 1050 "$(pol viewing.closes value)" "viewing.closes"
expect_eq 'days' "$(pol complaint.track_within unit)" "complaint.track_within unit"
expect_eq 50 "$(pol callback.sample_rate value)" "callback.sample_rate in permille"
expect_eq 5.0% "$(pol callback.sample_rate shown)" "callback.sample_rate shown"
expect_eq percent "$(pol callback.sample_rate unit)" "callback.sample_rate unit"
expect_eq R42 "$(pol callback.sample_rate rule)" "callback.sample_rate rule"
expect_eq 1 "$(pol callback.sample_rate version)" "a policy's first version"
expect_eq 32 "$(sqlite3 :memory: "SELECT json_array_length(CAST(readfile('$OUT') AS TEXT))")" \
    "policy list --json: thirty-two policies (021: the callback deadlines)"

# --- set in each unit; each change audited with before and after ------------
last_audit_is() {	# last_audit_is KEY BEFORE AFTER
	local av

	expect_exit 0 k --json audit list --entity policy --limit 1
	expect_json_eq '$[0].action' policy.set
	expect_json_eq '$[0].actor' "$ME"
	expect_json_eq '$[0].entity' policy
	expect_json_eq '$[0].before.value' "$2"
	expect_json_eq '$[0].after.value' "$3"
	av=$(json '$[0].version')
	expect_exit 0 k --json policy list
	expect_eq "$3" "$(pol "$1" value)" "$1 after the change"
	expect_eq "$av" "$(pol "$1" version)" \
	    "$1: the audit row carries the policy's new version"
}
expect_exit 0 k policy set repair.arrive_within 30m
expect_out '^set repair\.arrive_within to 30m$'
last_audit_is repair.arrive_within 2400 1800
expect_exit 0 k policy set pipeline.ordinary_within 2h
last_audit_is pipeline.ordinary_within 14400 7200
expect_exit 0 k policy set pipeline.major_within 2d
last_audit_is pipeline.major_within 86400 172800
expect_exit 0 k policy set viewing.closes 17:45
last_audit_is viewing.closes 1050 1065
expect_exit 0 k policy set complaint.track_within 3
last_audit_is complaint.track_within 2 3
expect_exit 0 k policy set complaint.analyse_within 2d
last_audit_is complaint.analyse_within 1 2
expect_exit 0 k policy set callback.sample_rate 7.5%
last_audit_is callback.sample_rate 50 75
expect_exit 0 k policy set callback.sample_rate 2.5
last_audit_is callback.sample_rate 75 25
expect_exit 0 k policy set callback.sample_rate 10
last_audit_is callback.sample_rate 25 100
expect_exit 0 k policy set repair.arrive_within 90s
last_audit_is repair.arrive_within 1800 90
expect_exit 0 k policy set repair.arrive_within 3600
last_audit_is repair.arrive_within 90 3600
expect_exit 0 k --json policy set viewing.opens 07:30
expect_json
expect_json_eq '$.changed' 1
last_audit_is viewing.opens 480 450
# How they show afterwards.
expect_exit 0 k policy list
expect_out '^repair\.arrive_within +1h +R2 +'
expect_out '^pipeline\.major_within +2d +R3 +'
expect_out '^viewing\.closes +17:45 +R6 +'
expect_out '^viewing\.opens +07:30 +R6 +'
expect_out '^complaint\.track_within +3d +R33 +'
expect_out '^callback\.sample_rate +10\.0% +R42 +'
# The edges of the ranges are allowed.
for kv in "repair.arrive_within 1m" "repair.arrive_within 1d" \
    "viewing.wait_until 23:59" "viewing.earliest 00:00" "complaint.track_within 60" \
    "callback.sample_rate 0.1%" "callback.sample_rate 100%"; do
	expect_exit 0 k policy set $kv
done
# Setting the value it already has: fine, and no audit row.
rows=$(audit_rows)
expect_exit 0 k policy set callback.sample_rate 100.0%
expect_eq "$rows" "$(audit_rows)" "a set to the current value adds no audit row"

# The viewing times keep their order (R6).
expect_exit 1 k policy set viewing.closes 07:00	# before opens 07:30
expect_err 'the viewing times keep their order: viewing\.earliest, viewing\.opens, viewing\.closes, viewing\.wait_until \(R6\)'
expect_exit 1 k policy set viewing.earliest 08:00	# after opens 07:30

# --- out of range: exit 1, the message gives the range and the rule ----------
for kv in "repair.arrive_within 30s" "repair.arrive_within 2d" \
    "repair.arrive_within 0" "pipeline.major_within 5m" \
    "pipeline.ordinary_within 8d" "complaint.track_within 0" \
    "complaint.track_within 61" "callback.sample_rate 0%" \
    "callback.sample_rate 100.1%" "callback.sample_rate 1000"; do
	expect_exit 1 k policy set $kv
	expect_err 'must lie between .* and .* \(R[0-9]+\)'
done
expect_exit 1 k policy set repair.arrive_within 2d
expect_err_fixed 'between 1m and 1d (R2)'

# --- values that are not values of the unit ---------------------------------
for kv in "repair.arrive_within abc" "repair.arrive_within 5x" \
    "repair.arrive_within 40M" "repair.arrive_within 40mm" \
    "repair.arrive_within 4.5h" "repair.arrive_within 1h30m" \
    "repair.arrive_within 99999999999" "viewing.closes 25:00" \
    "viewing.closes 17:60" "viewing.closes 1730" "viewing.closes 17:30:00" \
    "viewing.closes 5pm" "viewing.closes 17:5" "viewing.closes :30" \
    "complaint.track_within 5x" "complaint.track_within 2.5" \
    "complaint.track_within two" "callback.sample_rate 5.55%" \
    "callback.sample_rate %" "callback.sample_rate 5%%" \
    "callback.sample_rate 1.2.3" "callback.sample_rate 5.%"; do
	expect_exit 1 k policy set $kv
	expect_err "is not a|must lie between"
done
expect_exit 1 k policy set repair.arrive_within ' 40m'
expect_exit 1 k policy set repair.arrive_within '40 m'
expect_exit 1 k policy set repair.arrive_within ''
expect_err 'no value'
expect_exit 1 k policy set viewing.opens '８:00'	# full-width digit
# A negative number is a bad value, not an unknown option.
for kv in "complaint.track_within -5" "repair.arrive_within -40m" \
    "callback.sample_rate -5%"; do
	expect_exit 1 k policy set $kv
	expect_err "-5|-40m"
	expect_err_not 'unknown option'
done

# --- keys and usage ---------------------------------------------------------
expect_exit 2 k policy set no.such.key 5
expect_err "no policy 'no.such.key'"
expect_exit 2 k policy set Repair.Arrive_Within 40m
expect_exit 2 k policy set '' 40m
expect_exit 1 k policy set repair.arrive_within
expect_err 'needs KEY VALUE'
expect_exit 1 k policy set
expect_exit 1 k policy set repair.arrive_within 40m 50m
expect_exit 1 k policy set repair.arrive_within 40m --bogus
expect_exit 1 k policy set repair.arrive_within 40m --version
expect_err_not 'unknown option'

# --- only admins -------------------------------------------------------------
for who in zhangwei chenjing; do
	expect_exit 4 k --as "$who" policy list
	expect_err "$who may not read the policies"
	expect_exit 4 k --as "$who" policy set repair.arrive_within 45m
	expect_err "$who may not change the policies"
	expect_exit 4 k --as "$who" --json policy list
done
expect_exit 0 k --as guanli policy list

# --- --version: another admin's change meanwhile is a conflict ---------------
expect_exit 0 k policy set repair.arrive_within 40m
expect_exit 0 k --json policy list
V=$(pol repair.arrive_within version)
expect_exit 0 k policy set repair.arrive_within 45m --version "$V"
rows=$(audit_rows)
expect_exit 3 k --as guanli policy set repair.arrive_within 50m --version "$V"
expect_err "by $ME"
expect_err 'repair|policy'
# Both values, in the policy's unit as people typed them.
expect_err_fixed '45m'
expect_err_fixed '50m'
expect_eq "$rows" "$(audit_rows)" "no audit row from a conflict"
expect_exit 0 k --json policy list
expect_eq 2700 "$(pol repair.arrive_within value)" "the first change stays"
V2=$(pol repair.arrive_within version)
expect_eq $((V + 1)) "$V2" "one change, one version"
expect_exit 0 k --as guanli policy set repair.arrive_within 50m --version "$V2"
# Versions that cannot have been read.
for bad in 0 -1 abc; do
	expect_exit 1 k policy set repair.arrive_within 55m --version "$bad"
	expect_err 'version'
done
expect_exit 1 k policy set repair.arrive_within 55m --version 99
expect_err 'no version 99'

finish
