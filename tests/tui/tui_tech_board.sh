#!/bin/bash
# The technician's own board and sign-off (issue 10: "at 80x24 ... the
# board keeps the address readable; the technician's sign-off form shows
# the customer's name and the amount due"): 张伟 at 80x24 and 120x40, in
# English and in Chinese, one order each, at the longest addresses of the
# demo's customers (community, building, unit and room: 30 cells):
#   - his board shows the address whole (no "…" in it), beside a
#     realistic fault;
#   - his order driven with the CLI (received, dispatched to him, arrived,
#     an item of the paid-service list, work done): s opens the sign-off
#     form with the customer (account and name) and "Amount due" 30.00;
#     the customer's name signed, F2 closes the order (kefu order show).
. "$(dirname "$0")/lib.sh" "$@"
. "$(dirname "$0")/dispatch_lib.sh"

field_re() {	# LABEL VALUE: an ERE for that form field showing VALUE
	printf '│ %s *: %s +│' "$(ere "$(t "$1")")" "$(ere "$2")"
}

# The four customers of the widest addresses without a street address.
mapfile -t LONG < <(k --as wangfang customer export |
    awk -F, 'NR > 1 && $8 == "" && $12 == "active" { print $1 "\t" $4 " " $5 " " $6 " " $7 }' |
    while IFS=$'\t' read -r acc addr; do
	printf '%s\t%s\n' "$(printf '%s' "$addr" | wc -L)" "$acc"
    done | sort -k1,1nr -k2,2 | head -4 | cut -f2)
check "four customers with long addresses (${LONG[*]})" "${#LONG[@]}" -eq 4
declare -A ORDER ADDR CNAME
for acc in "${LONG[@]}"; do
	o=$(new_order "$NOW" --category equipment --customer "$acc" --fault 热水器漏气)
	check "an order for $acc" -n "$o"
	k --as lijun order ack "$o" >/dev/null || fail "kefu order ack $o"
	k --as lijun order assign "$o" zhangwei >/dev/null || fail "kefu order assign $o"
	j=$(show "$o")
	ORDER[$acc]=$o
	ADDR[$acc]=$(jget address "$j")
	CNAME[$acc]=$(jget name "$(k --as wangfang --json customer show "$acc")")
	check "the address of order $o is ${ADDR[$acc]} ($(printf '%s' "${ADDR[$acc]}" | wc -L) cells), not 30 cells" \
	    "$(printf '%s' "${ADDR[$acc]}" | wc -L)" -ge 30
done

pass=0
for L in en zh_CN; do
	for size in "80 24" "120 40"; do
		read -r cols rows <<<"$size"
		acc=${LONG[$pass]}
		pass=$((pass + 1))
		o=${ORDER[$acc]}
		kefu_start "zhang$pass" "$cols" "$rows" --lang "$L" --as zhangwei
		wait_for "$(t "My work orders")"
		wait_re "$ROW$o "

		# --- the address whole ------------------------------------------------
		r=$(row_line "$o")
		check "order $o's row does not end with its whole address '${ADDR[$acc]}' ($L ${cols}x$rows): '$r'" \
		    "${r%"  ${ADDR[$acc]}"}" != "$r"

		# --- the sign-off: the customer and the amount due ----------------------
		k --as zhangwei order arrive "$o" >/dev/null || fail "kefu order arrive $o"
		k --as zhangwei order item "$o" GAS-01 1 >/dev/null || fail "kefu order item $o"
		k --as zhangwei order "done" "$o" --work 更换热水器胶管 >/dev/null || fail "kefu order done $o"
		expect_eq 3000 "$(jget amount_due "$(show "$o")")" "amount due of order $o (fen)"
		wait_re "$ROW$o +$(ere "$(t "done")") " "$LIVE"
		keys Home
		wait_line 4 "${ROW}[0-9]+ "
		for ((i = 4; i < $(screen | grep -nE -m1 -- "$ROW$o " | cut -d: -f1) - 1; i++)); do
			keys j
		done
		soon _wait "$TUI_TIMEOUT" "the cursor on order $o" _selected "$o" "${ADDR[$acc]:0:4}"
		keys s
		wait_for "─ $(t "Customer sign-off") "
		wait_re "$(field_re "Customer's name" "")"
		expect_re "$(field_re Customer "$acc ${CNAME[$acc]}")"
		expect_re "$(field_re "Amount due" 30.00)"
		expect_re "$(field_re Fault 热水器漏气)"
		typein "${CNAME[$acc]}"
		wait_re "$(field_re "Customer's name" "${CNAME[$acc]}")"
		keys F2
		msg=$(t "Work order %lld signed off.")
		wait_for "${msg/\%lld/$o}"
		wait_no_row "$o"
		j=$(show "$o")
		expect_eq closed "$(jget state "$j")" "state of order $o after the sign-off"
		expect_eq "${CNAME[$acc]}" "$(jget signed_name "$j")" "signed name of order $o"
		expect_eq 3000 "$(jget amount_due "$j")" "amount due of order $o after the sign-off"
	done
done
finish
