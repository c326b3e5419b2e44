#!/usr/bin/env bash
# man_completion.sh KEFU BUILD-DIR — the bash completion as built
# (cmake/man.cmake), in a bash of its own: every command of kefu --help,
# every verb of each, every option of each usage line and the global
# options complete; `kefu or` gives order, `kefu order ` its verbs,
# `kefu --l` --lang and --login.
BUILD=$2
. "$(dirname "$0")/../cli/lib.sh" "$1"
. "$(dirname "$0")/help.sh"

COMP=$BUILD/completion/kefu
check "the completion was built" -s "$COMP"
expect_exit 0 bash -n "$COMP"
expect_exit 0 bash --norc --noprofile -c ". '$COMP' && complete -p kefu"
expect_out '^complete .*-F _kefu kefu$'

# complete LINE: what bash offers for LINE (the cursor at its end), sorted,
# on one line. LINE is cut into words as bash does, "=" a word of its own.
complete_line() {
	bash --norc --noprofile -c '
	. "$1" || exit 1
	line=${2//=/ = }
	read -ra COMP_WORDS <<<"$line"
	COMP_CWORD=${#COMP_WORDS[@]}
	case $2 in
	*" ") COMP_WORDS+=("") ;;
	*) COMP_CWORD=$((COMP_CWORD - 1)) ;;
	esac
	COMP_LINE=$2 COMP_POINT=${#2}
	_kefu kefu "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
	printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " " | sed "s/ $//"
	' _ "$COMP" "$1"
}

expect_completes() {	# expect_completes LINE WORDS: exactly WORDS (sorted)
	local want got

	want=$(printf '%s\n' $2 | sort | tr '\n' ' ' | sed 's/ $//')
	got=$(complete_line "$1")
	expect_eq "$want" "$got" "completing '$1'"
}

expect_offers() {	# expect_offers LINE WORD...: each WORD among the answers
	local got w line=$1

	shift
	got=" $(complete_line "$line") "
	for w in "$@"; do
		case $got in
		*" $w "*) pass ;;
		*) fail "completing '$line' does not offer '$w' (got:$got)" ;;
		esac
	done
}

# --- the issue's examples ------------------------------------------------------
expect_completes 'kefu or' 'order'
expect_completes 'kefu order ' "$(help_verbs order)"
expect_completes 'kefu --l' '--lang --login'

# --- every command, every verb, every option -------------------------------------
cmds=$(help_commands)
expect_completes 'kefu ' "$cmds help"
expect_completes 'kefu help ' "$cmds"
nverbs=0 nopts=0
for c in $cmds; do
	expect_offers "kefu ${c:0:2}" "$c"
	verbs=$(help_verbs "$c")
	if [ -n "$verbs" ]; then
		expect_completes "kefu $c " "$verbs"
		nverbs=$((nverbs + $(echo "$verbs" | wc -l)))
	fi
	# Each usage line's options, for each of its verbs.
	while IFS=$'\t' read -r vs opts; do
		[ -n "$opts" ] || continue
		for v in $vs; do
			if [ "$v" = - ]; then
				line="kefu $c -"
			else
				line="kefu $c $v -"
			fi
			expect_offers "$line" $opts --help
			nopts=$((nopts + $(echo $opts | wc -w)))
		done
	done < <(help_blocks "$c")
done
echo "completion: $(echo $cmds | wc -w) commands, $nverbs verbs, $nopts options"
check "the completion knows verbs" "$nverbs" -gt 100

# The global options, with or without the command after them.
globals=$(LANG=C "$KEFU" --help | sed -n '/^Global options:$/,/^$/p' |
    grep -oE -- '^  --[a-z]+')
expect_completes 'kefu -' "$globals"
expect_completes 'kefu --db x.db --' "$globals"
expect_completes 'kefu --lang ' 'en zh_CN'
expect_completes 'kefu --lang=z' 'zh_CN'
expect_completes 'kefu --db x.db or' 'order'
expect_completes 'kefu --db=x.db --json or' 'order'
expect_completes 'kefu --as wangfang order li' 'link list'
expect_completes 'kefu --login zhangwei order ' "$(help_verbs order)"

# A verb's options, and the values its usage spells out.
expect_completes 'kefu order list --ov' '--overdue'
expect_completes 'kefu payment take K00000001 10 --method ' \
    'card cash mobile transfer'
expect_completes 'kefu complaint new --severity ' 'ordinary serious'
expect_completes 'kefu fee set GAS-01 --active=' 'no yes'
expect_offers 'kefu customer add --' --name --phone --community --kind --move-in
expect_offers 'kefu report kpi --' --month --quarter --staff --role --csv
expect_completes 'kefu check --' '--help --seal'
# The verb's arguments (IDs, names) are not guessed: nothing, and bash
# falls back to file names (complete -o default).
expect_completes 'kefu order show ' ''
expect_completes 'kefu nosuch ' ''
finish
