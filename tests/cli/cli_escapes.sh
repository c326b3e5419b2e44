#!/usr/bin/env bash
# cli_escapes.sh — what was typed never reaches the terminal raw.
#
# Every message that quotes an argument (an unknown command, verb or
# option, an unexpected argument, a bad number, a bad option value, a bad
# time, a core refusal naming what was typed, a success line naming it)
# shows control and format characters harmlessly, as cli_text does:
# `kefu $'\e]0;pwned\a'` must not retitle the terminal (issue 11).
. "$(dirname "$0")/lib.sh" "$@"

# The payloads: an OSC title change (ESC ... BEL), a screen clear, a raw
# C1 CSI byte (invalid UTF-8), the same C1 CSI encoded as UTF-8 (U+009B),
# a bidi override and a newline (a second, forged, line).
PAYLOADS=(
	$'\e]0;pwned\a'
	$'x\e[2J\e[H'
	$'\x9b''31m'
	$'\xc2\x9b''31m'
	$'a\u202eb'
	$'one\nkefu: forged\r\b'
)

# The last command's stdout and stderr hold no C0 control but the
# newline, no DEL, no C1 (raw or UTF-8 encoded) and are valid UTF-8.
expect_harmless() {
	local f

	[ "$WRONG_EXIT" = 1 ] && return
	for f in "$OUT" "$ERR"; do
		if LC_ALL=C grep -aqP \
		    '[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80\xae' "$f"; then
			fail "$1: a control byte reached $(basename "$f")"
		elif ! iconv -f UTF-8 -t UTF-8 <"$f" >/dev/null 2>&1; then
			fail "$1: $(basename "$f") is not valid UTF-8"
		else
			pass
		fi
	done
}

# Each message kind, run with each payload as P: "CODE ARGS..." with P
# standing for the payload.
KINDS=(
	"1 --db \$DB P"				# unknown command
	"1 --db \$DB help P"			# help for an unknown command
	"1 --db \$DB --P user list"		# unknown global option
	"1 --db \$DB -P user list"		# unknown global short option
	"1 --db \$DB user P"			# unknown verb, each noun
	"1 --db \$DB policy P"
	"1 --db \$DB audit P"
	"1 --db \$DB customer P"
	"1 --db \$DB contact P"
	"1 --db \$DB order P"
	"1 --db \$DB fee P"
	"1 --db \$DB demo P"
	"1 --db \$DB order list P"		# unexpected argument
	"1 --db \$DB order charges P"
	"1 --db \$DB fee list P"
	"1 --db \$DB contact list P"
	"1 --db \$DB contact export P"
	"1 --db \$DB customer add --name x P"
	"1 --db \$DB order new --address a --fault f P"
	"1 --db \$DB order ack 1 P"
	"1 --db \$DB order show P"		# must be a number
	"1 --db \$DB order list --limit P"
	"1 --db \$DB contact key P out"
	"1 --db \$DB contact promise 1 P"
	"1 --db \$DB policy set --version P repair.arrive_within 40m"
	"1 --db \$DB user edit --version P --name n $ME"
	"1 --db \$DB audit list --limit P"
	"1 --db \$DB order list --bogusP"	# unknown option
	"1 --db \$DB customer add --P x"
	"1 --db \$DB customer export --P"
	"1 --db \$DB fee add --P"
	"1 --db \$DB order ack 1 --P"
	"1 --db \$DB policy set --P k v"
	"1 --db \$DB user list --P"
	"1 --db \$DB contact export --from P"	# bad option value
	"1 --db \$DB contact key 1 P"
	"1 --db \$DB order new --at P --address a --fault f"	# bad time
	"2 --db \$DB customer show P"		# core: not found, named
	"2 --db \$DB policy set P 40m"		# core: no such policy
	"1 --db \$DB policy set repair.arrive_within P"	# core: bad value
	"0 --db \$DB user add P name reception"	# core: bad login
	"1 --db \$DB user roles $ME P"		# core: bad role
)

expect_exit 0 k init
for kind in "${KINDS[@]}"; do
	read -r code rest <<<"$kind"
	for p in "${PAYLOADS[@]}"; do
		args=()
		for w in $rest; do
			case $w in
			'$DB')	args+=("$DB") ;;
			*P*)	args+=("${w//P/$p}") ;;
			*)	args+=("$w") ;;
			esac
		done
		allow_stdout
		run kefu "${args[@]}"
		if [ "$RC" = 0 ]; then
			fail "'$rest' succeeded"
		else
			pass
		fi
		expect_harmless "$rest"
		# Exactly one line on stderr: an embedded newline cannot forge
		# a second message.
		expect_eq 1 "$(wc -l <"$ERR")" "stderr lines of '$rest'"
	done
	# The message still names what was typed (shown as '?' where it had
	# control characters).
	args=()
	for w in $rest; do
		case $w in
		'$DB')	args+=("$DB") ;;
		*P*)	args+=("${w//P/zq}") ;;
		*)	args+=("$w") ;;
		esac
	done
	expect_exit "$code" kefu "${args[@]}"
done

# A bad --lang value: refused or warned about (which, is the language
# setting's business), but shown harmlessly either way.
for p in "${PAYLOADS[@]}"; do
	allow_stdout
	run kefu --db "$DB" --lang "$p" user list
	expect_harmless "--lang"
	expect_eq 1 "$(wc -l <"$ERR")" "stderr lines of --lang"
done

# The same escape, shown as '?': the message is readable.
expect_exit 1 k $'\e]0;pwned\a'
expect_err_fixed "unknown command '?]0;pwned?'"
expect_exit 1 k order $'\x9b''31m'
expect_err_fixed "unknown verb '?31m'"

# Success lines that repeat what was typed show it harmlessly too, and
# JSON output quotes it as a JSON string.
expect_exit 0 k policy set repair.arrive_within 40m
expect_harmless "policy set"
expect_exit 0 k --json policy set repair.arrive_within 40m
expect_json
expect_json_eq '$.key' repair.arrive_within
expect_exit 0 k user add clerk "Clerk" reception
expect_out_fixed 'added clerk'
expect_exit 0 k --json user edit --name Clerk2 clerk
expect_json
expect_json_eq '$.login' clerk
expect_exit 0 k --json user disable clerk
expect_json
expect_json_eq '$.disabled' 1

finish
