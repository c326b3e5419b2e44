#!/bin/bash
# ^R after a conflict in the policy and paid-service forms (F8), in
# English and in Chinese at 80x24 (issue 10: they said ^R and did
# nothing). Another admin changes the same value from the command line
# while the form is open; the save is refused naming who, when and what,
# the hint line offers ^R, and ^R brings in the saved value where it
# conflicted while the person's other changes stay; the next save, from
# the version now saved, goes through.
. "$(dirname "$0")/lib.sh" "$@"
demo_db

policy() {	# KEY: its value as kefu policy list shows it
	kn --as guanli policy list | awk -v k="$1" '$1 == k { print $2 }'
}
fee_row() {	# CODE: its line of kefu fee list
	kn --as guanli fee list --all | grep -E "^$1 "
}

for L in en zh_CN; do
	case $L in
	en)	mine=3h; theirs=5h; last=4h; price=35; cli_price=40 ;;
	*)	mine=6h; theirs=7h; last=8h; price=36; cli_price=41 ;;
	esac
	name=灶具胶管$L
	kefu_start "adm$L" 80 24 --lang "$L" --as guanli
	wait_for "$(t "Staff accounts")"

	# --- a policy ------------------------------------------------------------------
	keys Tab
	wait_for "$(t "Policies (the numbers the rules run on)")"
	wait_re "^ bill\.due_days "
	# The cursor starts on the first policy by key; indoor.arrive_within
	# is that many rows down the list (by key, as kefu policy list has
	# it), past the first page once there are enough policies.
	n=$(k policy list | awk 'NR > 1 { print $1 }' |
	    grep -nx 'indoor\.arrive_within' | cut -d: -f1)
	check "indoor.arrive_within is a policy" -n "$n"
	for ((i = 1; i < n; i++)); do
		keys j
	done
	wait_re "^ indoor\.arrive_within "
	keys Enter
	wait_re "│ $(ere "$(t Policy)") *: indoor\.arrive_within +│"
	old=$(policy indoor.arrive_within)
	keys C-u
	typein "$mine"
	wait_re "│ $(ere "$(t "New value")") *: $mine +│"
	# Meanwhile another admin sets it from the command line.
	kn --as guanli policy set indoor.arrive_within "$theirs" >/dev/null ||
	    fail "policy set indoor.arrive_within $theirs"
	keys F2
	wait_for "$(t "Confirm")"
	keys y
	wait_for "$(tf "%s changed %s at %s to %s; not saved. ^R: reload it." \
	    guanli "$(t "New value")" "$NOW_HM" "$theirs")"
	expect_eq "$theirs" "$(policy indoor.arrive_within)" "the policy after the conflict"
	expect_re "│ $(ere "$(t "New value")") *: $mine +│"	# the form stays
	soon wait_re "^F2 .* \^R $(ere "$(t reload)") "	# the hint line offers ^R
	keys C-r
	wait_for "$(t "Reloaded: the record as it is now.")"
	wait_re "│ $(ere "$(t "New value")") *: $theirs +│"
	expect_no "^R $(t reload)"
	keys C-u
	typein "$last"
	keys F2
	wait_for "$(t "Confirm")"
	keys y
	wait_for "$(tf "Set %s to %s." indoor.arrive_within "$last")"
	wait_gone "$(t "Change a policy")"
	expect_eq "$last" "$(policy indoor.arrive_within)" "the policy after the reload and a save"
	check "the policy was $old before" -n "$old"

	# --- a paid service ---------------------------------------------------------------
	keys Tab
	wait_for "$(t "Paid-service list (有偿服务项目表, R16)")"
	wait_re "^ SV-01 "
	keys Enter				# the first row: SV-01
	wait_re "│ $(ere "$(t Code)") *: SV-01 +│"
	keys C-u				# Service: the person renames it...
	typein "$name"
	keys Tab Tab C-u			# ...and reprices it
	typein "$price"
	wait_re "│ $(ere "$(t "Price (yuan)")") *: $price +│"
	kn --as guanli fee set SV-01 --price "$cli_price" >/dev/null ||
	    fail "fee set SV-01 --price $cli_price"
	keys F2
	wait_for "$(tf "%s changed %s at %s to %s; not saved. ^R: reload it." \
	    guanli "$(t "Price (yuan)")" "$NOW_HM" "$cli_price.00")"
	soon wait_re "^F2 .* \^R $(ere "$(t reload)") "
	keys C-r
	wait_for "$(t "Reloaded: the record as it is now.")"
	wait_re "│ $(ere "$(t "Price (yuan)")") *: $cli_price\.00 +│"	# theirs
	expect_re "│ $(ere "$(t Service)") *: $name +│"		# mine stays
	keys F2
	wait_for "$(tf "Saved %s." SV-01)"
	check "SV-01 after the reload and a save: $(fee_row SV-01)" \
	    -n "$(fee_row SV-01 | grep -E "^SV-01 +$name +次 +$cli_price\.00 ")"
	keys q
	wait_for "$(t "Quit kefu?")"
	keys y
	wait_exit
done

finish
