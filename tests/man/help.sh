# help.sh — reads kefu's help text for the man tests (tests/man/*.sh),
# written apart from cmake/kefu-help.awk on purpose: a misreading there
# must not hide itself by being repeated here. Needs $KEFU.

# The commands `kefu --help` lists, one a line.
help_commands() {
	LANG=C "$KEFU" --help | sed -n '/^Commands:$/,/^$/p' |
	    awk 'NF && $0 != "Commands:" { print $1 }'
}

# The usage lines of `kefu C --help`, as the page shows them: without
# "usage: " and the matching indent of the lines after it.
help_usage() {
	LANG=C "$KEFU" "$1" --help | sed -n '1,/^$/p' | sed '/^$/d' |
	    sed -e 's/^usage: //' -e 's/^       //'
}

# One line per usage line that starts a command: VERBS<TAB>OPTIONS, VERBS
# "-" when the command has none, a|b given as "a b"; OPTIONS every
# --option (and -o) of the line and of its continuation lines.
help_blocks() {
	help_usage "$1" | awk -v c="$1" '
	function flush() { if (started) print verbs "\t" opts }
	/^kefu / {
		flush(); started = 1; opts = ""
		n = split($0, w, " ")
		i = 2
		while (w[i] ~ /^\[/) { while (w[i] !~ /\]$/) i++; i++ }
		verbs = "-"
		if (w[i + 1] ~ /^[a-z][a-z|-]*$/) {
			verbs = w[i + 1]; gsub(/\|/, " ", verbs); i++
		}
		s = ""
		for (j = i + 1; j <= n; j++) s = s " " w[j]
		$0 = s
	}
	{
		t = $0; gsub(/[][()|]/, " ", t)
		n = split(t, w, " ")
		for (j = 1; j <= n; j++)
			if (w[j] ~ /^--?[a-z][a-z-]*$/) opts = opts " " w[j]
	}
	END { flush() }'
}

# The verbs of C (none for a command without), one a line, in order.
help_verbs() {
	help_blocks "$1" | cut -f1 | tr ' ' '\n' | grep -v '^-$' | grep . |
	    awk '!seen[$0]++'
}

# The page's roff source as text: \- is -, \e is \, \& is nothing.
man_text() {
	sed -e 's/\\-/-/g' -e 's/\\e/\\/g' -e 's/\\&//g' "$1"
}
