#!/bin/bash
# An emergency reported with no paperwork shows "!" on the board until e
# fills it in (R9, R20): with a contact and phone in English, with the
# customer's account alone in Chinese.
# shellcheck disable=SC2034 # L is read by t (lib.sh)
. "$(dirname "$0")/lib.sh" "$@"
. "$(dirname "$0")/dispatch_lib.sh"

# --- an emergency: "!" until its paperwork is done (R9, R20) -----------
E=$(new_order "$LATE" --category equipment --emergency --address 急修路5号 \
    --fault 燃气泄漏报警)
E2=$(new_order "$LATE" --category equipment --emergency --address 急修路6号 \
    --fault 闻到煤气味)
check "kefu order new --emergency (an address and a fault) gave no number" \
    -n "$E" -a -n "$E2"
expect_eq true "$(jget paperwork_pending "$(show "$E")")" "order $E's paperwork pending"
NOW=$LATE kefu_start flt 80 24 --lang en --as lijun
wait_re "${ROW}$E +reported +Gas +!燃气泄漏报警  急修路5号\$"
down_to "!燃气泄漏报警"
soon _wait "$TUI_TIMEOUT" "the cursor on order $E" _selected "$E" reported
keys e
wait_for "─ Paperwork of a work order "
expect_re "│ Work order *: $E  急修路5号 +│"
expect_re "│ Customer account *: +│"
keys Tab
typein 赵六
keys Tab
typein 13900001111
wait_re "│ Phone *: 13900001111 +│"
keys F2
wait_for "Paperwork of work order $E saved."
wait_re "${ROW}$E +reported +Gas +燃气泄漏报警  急修路5号\$"
expect_no "!燃气泄漏报警"
j=$(show "$E")
expect_eq false "$(jget paperwork_pending "$j")" "order $E's paperwork pending after e"
expect_eq 赵六 "$(jget contact_name "$j")" "order $E's contact"
expect_eq 13900001111 "$(jget contact_phone "$j")" "order $E's phone"
# In Chinese, with the customer's account alone.
L=zh_CN
read -r ACC_E _ <<<"${CUST[3]}"
NOW=$LATE kefu_start fltzh 80 24 --lang zh_CN --as lijun
wait_re "${ROW}$E2 +$(ere "$(t reported)") +$(ere "$(t Gas)") +!闻到煤气味  急修路6号\$"
down_to "!闻到煤气味"
soon _wait "$TUI_TIMEOUT" "the cursor on order $E2" _selected "$E2" "$(t reported)"
keys e
wait_for "─ $(t "Paperwork of a work order") "
expect_re "│ $(ere "$(t "Customer account")") *: +│"
typein "$ACC_E"
keys F2
wait_for "$(tf "Paperwork of work order %lld saved." "$E2")"
wait_re "${ROW}$E2 .* 闻到煤气味  急修路6号\$"
expect_no "!闻到煤气味"
j=$(show "$E2")
expect_eq false "$(jget paperwork_pending "$j")" "order $E2's paperwork pending after e"
check "order $E2 has no customer after e with $ACC_E" "$(jget customer_id "$j")" -gt 0
finish
