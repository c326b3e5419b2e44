#!/bin/bash
# A customer's record edited from Reception (F2, ^O on a customer found),
# issue 10 ("the clerk can edit a customer from F2"), at 80x24 and 120x40,
# in English and in Chinese:
#   - the clerk (王芳, reception) changes the name and a phone; F2 saves,
#     "Customer <account> saved." and kefu customer show has both;
#   - a conflict: while the form is open, billing (赵敏: src/core/perm.c
#     lets reception, supervisor, billing and admin edit customers) changes
#     the notes from the CLI; F2 names who, when and their value and offers
#     ^R; ^R takes their notes and keeps the clerk's new name; F2 saves;
#   - the dispatcher (李军) sees customers and has F2, but may not edit
#     them (perm.c: customer.edit is not his): ^O says "Your roles may not
#     edit customers." and opens nothing, as the CLI refuses him (exit 4).
#     Billing may edit but has no F2 (no Reception screen), so the
#     dispatcher is the role that reaches ^O and is refused.
# Each pass edits its own customer. The Chinese strings are read from
# po/zh_CN.po.
. "$(dirname "$0")/lib.sh" "$@"
demo_db

cust() {	# ACCOUNT: kefu customer show ACCOUNT --json
	k --as wangfang --json customer show "$1"
}
field_re() {	# LABEL VALUE: an ERE for that form field showing VALUE
	printf '│ %s *: %s +│' "$(ere "$(t "$1")")" "$(ere "$2")"
}
wait_box() {	# TEXT: the Find box shows TEXT (its hits are TEXT's)
	wait_line "$(row_of "$(t Find:)")" "^ $(ere "$(t Find:)") $(ere "$1")\$"
}
find_one() {	# ACCOUNT: finds that customer, the cursor on its row
	keys C-u
	wait_line "$(row_of "$(t Find:)")" "^ $(ere "$(t Find:)")\$"
	typein "$1"
	wait_box "$1"
	wait_re "^ $1 "
}

# Four customers, one a pass, none with orders or contacts.
mapfile -t ACCS < <(k --as wangfang customer find 王 --limit 8 |
    awk 'NR > 1 { print $1 }' | tail -4)
check "kefu customer find 王 gave ${#ACCS[@]} customers, not 4" ${#ACCS[@]} -eq 4

pass=0
for L in en zh_CN; do
	for size in "80 24" "120 40"; do
		read -r cols rows <<<"$size"
		ACC=${ACCS[$pass]}
		pass=$((pass + 1))
		name=改名$pass
		mine=改名二$pass
		phone=1390000$(printf %04d "$pass")
		kefu_start "fang$pass" "$cols" "$rows" --lang "$L" --as wangfang
		wait_for "$(t Find:)"

		# --- the name and a phone, saved ----------------------------------------
		find_one "$ACC"
		old=$(cust "$ACC")
		keys C-o
		wait_for "─ $(t Customer) "
		wait_re "$(field_re Account "$ACC")"
		expect_re "$(field_re Name "$(jget name "$old")")"
		keys C-u			# the cursor starts on Name
		typein "$name"
		keys Tab C-u
		typein "$phone"
		wait_re "$(field_re Phones "$phone")"
		expect_re "$(field_re Name "$name")"
		keys F2
		wait_for "$(tf "Customer %s saved." "$ACC")"
		wait_gone "─ $(t Customer) "
		j=$(cust "$ACC")
		expect_eq "$name" "$(jget name "$j")" "name of $ACC after the save ($L ${cols}x$rows)"
		expect_eq "[\"$phone\"]" "$(printf '%s' "$j" | sed -nE 's/.*"phones":(\[[^]]*\]).*/\1/p')" \
		    "phones of $ACC after the save ($L ${cols}x$rows)"
		expect_eq "$(($(jget version "$old") + 1))" "$(jget version "$j")" \
		    "version of $ACC after one save"
		soon wait_re "^ $ACC +$name +$phone "	# the Find panel follows

		# --- a conflict on Notes: ^R takes theirs, keeps my name ----------------
		keys C-o
		wait_for "─ $(t Customer) "
		wait_re "$(field_re Name "$name")"
		keys C-u
		typein "$mine"
		for i in 1 2 3 4 5 6 7 8; do	# Name -> Notes
			keys Tab
		done
		keys C-u
		typein 我的备注
		wait_re "$(field_re Notes 我的备注)"
		expect_re "$(field_re Name "$mine")"
		k --as zhaomin customer edit "$ACC" --notes "他们的备注$pass" >/dev/null ||
		    fail "kefu --as zhaomin customer edit $ACC --notes (billing may)"
		keys F2
		wait_for "$(tf "%s changed %s at %s to %s; not saved. ^R: reload it." \
		    zhaomin "$(t Notes)" "$NOW_HM" "\"他们的备注$pass\"")"
		soon wait_re "^F2 .* \^R $(ere "$(t reload)") "	# the hint offers ^R
		expect_re "$(field_re Notes 我的备注)"		# the form stays
		expect_eq "$name" "$(jget name "$(cust "$ACC")")" "name of $ACC after the conflict"
		keys C-r
		wait_for "$(t "Reloaded: the record as it is now.")"
		wait_re "$(field_re Notes "他们的备注$pass")"	# theirs
		expect_re "$(field_re Name "$mine")"		# mine stays
		expect_re "$(field_re Phones "$phone")"
		keys F2
		wait_for "$(tf "Customer %s saved." "$ACC")"
		wait_gone "─ $(t Customer) "
		j=$(cust "$ACC")
		expect_eq "$mine" "$(jget name "$j")" "name of $ACC after ^R and a save"
		expect_eq "他们的备注$pass" "$(jget notes "$j")" "notes of $ACC after ^R and a save"
		expect_eq "[\"$phone\"]" "$(printf '%s' "$j" | sed -nE 's/.*"phones":(\[[^]]*\]).*/\1/p')" \
		    "phones of $ACC after ^R and a save"

		# --- the dispatcher may not ---------------------------------------------
		kefu_start "li$pass" "$cols" "$rows" --lang "$L" --as lijun
		wait_for "$(t "Dispatch board")"
		keys F2
		wait_for "$(t Find:)"
		find_one "$ACC"
		before=$(cust "$ACC")
		# The core refuses, and says so in the same words to the CLI.
		lang=C
		[ "$L" = zh_CN ] && lang=zh_CN
		said=$(LANGUAGE=$lang k --as lijun customer edit "$ACC" \
		    --name 调度改名 2>&1 >/dev/null)
		said=${said#kefu: }
		check "the CLI's refusal names R54 ($said)" -n "$(printf '%s' "$said" | grep -F R54)"
		keys C-o
		wait_for "${said:0:24}"
		expect_no "─ $(t Customer) "
		expect_line $((rows - 1)) "^F1 $(ere "$(t help)")"	# no form's keys
		k --as lijun customer edit "$ACC" --name 调度改名 >/dev/null 2>&1
		expect_eq 4 "$?" "kefu --as lijun customer edit: exit code (permission denied)"
		expect_eq "$before" "$(cust "$ACC")" "$ACC after the dispatcher's tries"
	done
done
finish
