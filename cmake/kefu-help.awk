# kefu-help.awk — kefu's help text into kefu(1) and its bash completion.
# Run by kefu-help.sh (which says why) as
#   awk -v version=V -v date=D -v sysdb=PATH -v man=OUT -v comp=OUT \
#       -f kefu-help.awk MAIN COMMANDS TEMPLATE
# MAIN is `kefu --help`; COMMANDS is each `kefu COMMAND --help` after a
# line "@@command COMMAND"; TEMPLATE is docs/man/kefu.1.in, copied to man
# with its placeholders filled in (a line holding only @NAME@ becomes a
# generated section; @VERSION@, @DATE@ and @SYSTEM_DB@ are replaced where
# they stand). POSIX awk only (Debian's mawk): no gensub, no length(array).
#
# What it reads in the help, the shape src/cli keeps:
#   MAIN      "usage: kefu ..." first; the description up to a blank
#             line; "Global options:" with "  --opt ARG   text" entries
#             (continued on lines indented further); "Commands:" with
#             "  NAME summary"; "Exit codes: 0 ok, 1 ..., 6 ....", which
#             may wrap and ends with a full stop.
#   COMMAND   "usage: kefu NOUN [VERB] ..." and more usage lines, each
#             "       kefu NOUN ..." (continued on lines indented further),
#             up to a blank line; then the text. VERB is the word after
#             NOUN when it is in lower case (ack|approve: two verbs).

function fail(msg) {
	print "kefu-help.awk: " msg > "/dev/stderr"
	failed = 1
	exit 1
}

# Text as roff: a backslash is \e, every - a minus \- (options must copy
# and paste as typed), and a line starting with . or ' is not a request.
function esc(s,    out, i, c, n) {
	out = ""
	n = length(s)
	for (i = 1; i <= n; i++) {
		c = substr(s, i, 1)
		if (c == "\\")
			out = out "\\e"
		else if (c == "-")
			out = out "\\-"
		else
			out = out c
	}
	if (out ~ /^[.']/)
		out = "\\&" out
	return out
}

function trim(s) {
	sub(/^[ \t]+/, "", s)
	sub(/[ \t]+$/, "", s)
	return s
}

# Adds each word of list (space-separated) to the set named by key in
# set[], once, in order of first appearance.
function add_words(key, list,    n, w, i, had) {
	n = split(list, w, " ")
	for (i = 1; i <= n; i++) {
		if (w[i] == "" || ((key, w[i]) in seen))
			continue
		seen[key, w[i]] = 1
		had = key in set
		set[key] = had ? set[key] " " w[i] : w[i]
	}
}

# The options named in a usage line (--name, -o), into the set for key,
# and the values of an option written "--opt a|b|c" into set[key, opt].
# A placeholder the command's text defines ("FIELDS: --account A, ...",
# "SCOPE is one of --staff LOGIN, ...") stands for the options it names.
function usage_options(key, line, indef,    n, w, i, o, v) {
	gsub(/[][()]/, " ", line)
	n = split(line, w, " ")
	for (i = 1; i <= n; i++) {
		if (!indef && ((cur SUBSEP w[i]) in defs))
			usage_options(key, defs[cur, w[i]], 1)
		if (w[i] !~ /^--?[a-z][a-z-]*$/)
			continue
		o = w[i]
		add_words(key, o)
		if (i < n && w[i + 1] ~ /^[a-z][a-z_-]*(\|[a-z][a-z_-]*)+$/) {
			v = w[i + 1]
			gsub(/\|/, " ", v)
			add_words(key SUBSEP o, v)
		}
	}
}

# --- MAIN: kefu --help ---------------------------------------------------
FILENAME != curfile { curfile = FILENAME; fileno++ }

fileno == 1 && FNR == 1 {
	if ($0 !~ /^usage: kefu /)
		fail("kefu --help does not start with usage:")
	synopsis = substr($0, 8)
	part = "description"
	next
}
fileno == 1 && part == "description" {
	if ($0 == "" && ndesc > 0)
		part = ""
	else if ($0 != "")
		desc[++ndesc] = $0
	next
}
fileno == 1 && $0 == "Global options:" { part = "options"; next }
fileno == 1 && $0 == "Commands:" { part = "commands"; next }
fileno == 1 && $0 == "" { part = ""; next }
fileno == 1 && part == "options" {
	if ($0 ~ /^  -/) {
		line = substr($0, 3)
		if (match(line, /  +/)) {
			spec = substr(line, 1, RSTART - 1)
			text = substr(line, RSTART + RLENGTH)
		} else {
			spec = line
			text = ""
		}
		nopt++
		split(spec, w, " ")
		optname[nopt] = w[1]
		optarg[nopt] = substr(spec, length(w[1]) + 2)
		opttext[nopt] = text
		add_words("globals", w[1])
		if (optarg[nopt] != "") {
			add_words("globalargs", w[1])
			# "--lang LANG  zh_CN or en (...)": its values.
			if (match(text, /^[A-Za-z_]+( or [A-Za-z_]+)+ /)) {
				v = substr(text, 1, RLENGTH - 1)
				gsub(/ or /, " ", v)
				add_words(w[1], v)
			}
		}
	} else if (nopt > 0) {
		opttext[nopt] = opttext[nopt] " " trim($0)
	}
	next
}
fileno == 1 && part == "commands" {
	line = substr($0, 3)
	split(line, w, " ")
	ncmd++
	cmdname[ncmd] = w[1]
	cmdsummary[ncmd] = trim(substr(line, length(w[1]) + 1))
	cmdindex[w[1]] = ncmd
	add_words("nouns", w[1])
	next
}
fileno == 1 && /^Exit codes: / { part = "exit"; exits = substr($0, 13); if ($0 ~ /\.$/) part = ""; next }
fileno == 1 && part == "exit" { exits = exits " " $0; if ($0 ~ /\.$/) part = ""; next }
fileno == 1 { next }

# --- COMMANDS: kefu COMMAND --help for each ---------------------------------
fileno == 2 && /^@@command / {
	if (cur != "")
		end_command()
	cur = $2
	if (!(cur in cmdindex))
		fail("help for a command kefu --help does not list: " cur)
	nusage[cur] = 0
	nbody[cur] = 0
	inusage = 0
	verb = ""
	next
}
fileno == 2 && /^usage: kefu / {
	inusage = 1
	line = substr($0, 8)	# "kefu NOUN ..."
}
fileno == 2 && inusage && $0 == "" { inusage = 0; next }
fileno == 2 && inusage {
	if (line == "") {
		line = $0
		if (line ~ /^       kefu /)
			line = substr(line, 8)	# the column of "usage: "
		else if (line ~ /^       /)
			line = substr(line, 8)	# a continuation, indented further
	}
	usage[cur, ++nusage[cur]] = line
	if (line ~ /^kefu /) {
		# "kefu [--db PATH] NOUN VERB ...": skip global options
		n = split(line, w, " ")
		for (i = 2; i <= n && w[i] ~ /^\[/; i++)
			while (i < n && w[i] !~ /\]$/)
				i++
		if (w[i] != cur)
			fail("usage of " cur " names another command: " line)
		verb = ""
		if (i < n && w[i + 1] ~ /^[a-z][a-z-]*(\|[a-z][a-z-]*)*$/) {
			verb = w[i + 1]
			gsub(/\|/, " ", verb)
			add_words("v:" cur, verb)
		}
		rest = ""
		for (j = i + 1 + (verb != ""); j <= n; j++)
			rest = rest " " w[j]
	} else {
		rest = line
	}
	# The options of this usage line belong to each of its verbs; they
	# are read once the text is (it may define a placeholder).
	if (verb == "")
		pending[++npending] = "o:" cur SUBSEP rest
	else {
		nv = split(verb, vs, " ")
		for (j = 1; j <= nv; j++)
			pending[++npending] = "o:" cur " " vs[j] SUBSEP rest
	}
	line = ""
	next
}
fileno == 2 { body[cur, ++nbody[cur]] = $0; next }
fileno > 1 && FNR == 1 && cur != "" { end_command(); cur = "" }

# At the end of a command's help: the placeholders its text defines, then
# the options of its usage lines.
function end_command(    i, p, para, n, sent, k, word) {
	para = ""
	for (i = 1; i <= nbody[cur] + 1; i++) {
		if (i <= nbody[cur] && body[cur, i] != "") {
			para = para " " trim(body[cur, i])
			continue
		}
		n = split(substr(para, 2), sent, /\. /)
		for (k = 1; k <= n; k++)
			if (match(sent[k], /^[A-Z][A-Z]+(:| is )/)) {
				word = substr(sent[k], 1, RLENGTH)
				sub(/(:| is )$/, "", word)
				defs[cur, word] = sent[k]
			}
		para = ""
	}
	for (i = 1; i <= npending; i++) {
		split(pending[i], p, SUBSEP)
		usage_options(p[1], p[2], 0)
	}
	npending = 0
}

# --- TEMPLATE: copied, with the generated sections -------------------------
fileno == 3 && !checked {
	checked = 1
	if (ncmd == 0)
		fail("no command in kefu --help")
	if (nopt == 0 || ndesc == 0 || exits == "")
		fail("kefu --help lacks its description, global options or exit codes")
	for (i = 1; i <= ncmd; i++)
		if (!(cmdname[i] in nusage))
			fail("no help read for " cmdname[i])
}
# The template's comments are for its editors; the page says what it is.
fileno == 3 && FNR == 1 {
	print > man
	print ".\\\" Generated from docs/man/kefu.1.in and the help text of kefu " \
	    version " by" > man
	print ".\\\" cmake/kefu-help.sh: do not edit." > man
	next
}
fileno == 3 && /^\.\\"/ { next }
fileno == 3 && $0 == "@SYNOPSIS@" {
	print ".SY kefu" > man
	n = split(synopsis, w, " ")
	for (i = 2; i <= n; i++)
		print esc(w[i]) > man
	print ".YS" > man
	next
}
fileno == 3 && $0 == "@DESCRIPTION@" {
	for (i = 1; i <= ndesc; i++)
		print esc(desc[i]) > man
	next
}
fileno == 3 && $0 == "@OPTIONS@" {
	for (i = 1; i <= nopt; i++) {
		print ".TP" > man
		if (optarg[i] == "")
			print ".B " esc(optname[i]) > man
		else
			print ".BI " esc(optname[i]) " \" " esc(optarg[i]) "\"" > man
		print esc(opttext[i]) > man
	}
	next
}
fileno == 3 && $0 == "@EXIT_CODES@" {
	s = exits
	sub(/\.$/, "", s)
	n = split(s, w, ", ")
	for (i = 1; i <= n; i++) {
		if (!match(w[i], /^[0-9]+ /))
			fail("exit codes: cannot read \"" w[i] "\"")
		print ".TP" > man
		print ".B " substr(w[i], 1, RLENGTH - 1) > man
		print esc(substr(w[i], RLENGTH + 1)) > man
	}
	next
}
fileno == 3 && $0 == "@COMMANDS@" {
	for (i = 1; i <= ncmd; i++)
		man_command(cmdname[i], cmdsummary[i])
	next
}
fileno == 3 {
	gsub(/@VERSION@/, version)
	gsub(/@DATE@/, date)
	gsub(/@SYSTEM_DB@/, esc(sysdb))
	print > man
	next
}

# One command's section: its summary, its usage lines as they are, then
# its text: paragraphs at blank lines, filled, except lines indented in
# the help (lists, tables), which keep their layout.
function man_command(c, summary,    i, fill, s) {
	print ".SS \"kefu " c "\"" > man
	print esc(summary) > man
	print ".PP" > man
	print ".nf" > man
	print ".RS 2" > man
	for (i = 1; i <= nusage[c]; i++)
		print esc(usage[c, i]) > man
	print ".RE" > man
	print ".fi" > man
	print ".PP" > man
	fill = 1
	for (i = 1; i <= nbody[c]; i++) {
		s = body[c, i]
		if (s == "") {
			if (!fill)
				print ".fi" > man
			fill = 1
			print ".PP" > man
		} else if (s ~ /^[ \t]/) {
			if (fill)
				print ".nf" > man
			fill = 0
			print esc(s) > man
		} else {
			if (!fill)
				print ".fi" > man
			fill = 1
			print esc(s) > man
		}
	}
	if (!fill)
		print ".fi" > man
}

END {
	if (failed)
		exit 1
	if (!checked)
		fail("no template read")
	write_completion()
}

# The completion: word lists in case statements (no associative arrays,
# which bash-completion's lazy loading would make local), and one
# function that finds the COMMAND and its verb in the words typed.
function write_completion(    i, c, k, n, vs, j, o, os, m) {
	print "# bash completion for kefu(1)                    -*- shell-script -*-" > comp
	print "# Generated from the help text of kefu " version " (kefu --help, kefu" > comp
	print "# COMMAND --help) by cmake/kefu-help.sh: do not edit; change the help" > comp
	print "# text in src/cli instead, and this follows." > comp
	print "" > comp
	print "# _kefu_words KEY: the words for KEY, one of" > comp
	print "#   nouns            the commands (help COMMAND is one more)" > comp
	print "#   globals          the global options" > comp
	print "#   v:NOUN           the verbs of NOUN" > comp
	print "#   o:NOUN VERB      the options of that command (o:NOUN without verbs)" > comp
	print "#   OPTION@          the values of a global OPTION" > comp
	print "#   OPTION@NOUN VERB the values of OPTION of that command" > comp
	print "_kefu_words()" > comp
	print "{" > comp
	print "\tcase $1 in" > comp
	print "\tnouns) echo '" set["nouns"] "' ;;" > comp
	print "\tglobals) echo '" set["globals"] "' ;;" > comp
	n = split(set["globals"], os, " ")
	for (j = 1; j <= n; j++)
		if (os[j] in set)
			print "\t'" os[j] "@') echo '" set[os[j]] "' ;;" > comp
	for (i = 1; i <= ncmd; i++) {
		c = cmdname[i]
		if (("v:" c) in set)
			print "\t'v:" c "') echo '" set["v:" c] "' ;;" > comp
		m = split((("v:" c) in set) ? set["v:" c] : "", vs, " ")
		for (j = 1; j <= m; j++)
			emit_options(c " " vs[j])
		emit_options(c)
	}
	print "\tesac" > comp
	print "}" > comp
	print "" > comp
	print "# _kefu_has_verbs NOUN: whether NOUN's usage names verbs" > comp
	print "_kefu_has_verbs()" > comp
	print "{" > comp
	print "\tcase $1 in" > comp
	s = ""
	for (i = 1; i <= ncmd; i++)
		if (hasverbs(cmdname[i]))
			s = (s == "") ? cmdname[i] : s "|" cmdname[i]
	print "\t" s ") return 0 ;;" > comp
	print "\tesac" > comp
	print "\treturn 1" > comp
	print "}" > comp
	print "" > comp
	print "_kefu()" > comp
	print "{" > comp
	print "\tlocal cur prev i w noun= at=0 key" > comp
	print "\tcur=${COMP_WORDS[COMP_CWORD]}" > comp
	print "\tprev=" > comp
	print "\t[ \"$COMP_CWORD\" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD-1]}" > comp
	print "\t# --opt=VALUE comes as three words: --opt, =, VALUE." > comp
	print "\tif [ \"$cur\" = = ]; then" > comp
	print "\t\tcur=" > comp
	print "\telif [ \"$prev\" = = ] && [ \"$COMP_CWORD\" -gt 1 ]; then" > comp
	print "\t\tprev=${COMP_WORDS[COMP_CWORD-2]}" > comp
	print "\tfi" > comp
	print "\tCOMPREPLY=()" > comp
	print "" > comp
	print "\t# The global options come before the COMMAND; skip their values." > comp
	print "\ti=1" > comp
	print "\twhile [ \"$i\" -lt \"$COMP_CWORD\" ]; do" > comp
	print "\t\tw=${COMP_WORDS[i]}" > comp
	print "\t\tcase $w in" > comp
	g = set["globalargs"]
	gsub(/ /, "|", g)
	print "\t\t" g ")" > comp
	print "\t\t\tif [ \"${COMP_WORDS[i+1]-}\" = = ]; then" > comp
	print "\t\t\t\ti=$((i + 3))" > comp
	print "\t\t\telse" > comp
	print "\t\t\t\ti=$((i + 2))" > comp
	print "\t\t\tfi" > comp
	print "\t\t\tcontinue ;;" > comp
	print "\t\t-*) ;;" > comp
	print "\t\t*) noun=$w; at=$i; break ;;" > comp
	print "\t\tesac" > comp
	print "\t\ti=$((i + 1))" > comp
	print "\tdone" > comp
	print "" > comp
	print "\tif [ -z \"$noun\" ]; then" > comp
	print "\t\tcase $prev in" > comp
	print "\t\t" g ")" > comp
	print "\t\t\t# a value: known ones, else files (complete -o default)" > comp
	print "\t\t\tCOMPREPLY=($(compgen -W \"$(_kefu_words \"$prev@\")\" -- \"$cur\"))" > comp
	print "\t\t\treturn ;;" > comp
	print "\t\tesac" > comp
	print "\t\tcase $cur in" > comp
	print "\t\t-*) key=globals ;;" > comp
	print "\t\t*) key=nouns ;;" > comp
	print "\t\tesac" > comp
	print "\t\tw=$(_kefu_words $key)" > comp
	print "\t\t[ $key = nouns ] && w=\"$w help\"" > comp
	print "\t\tCOMPREPLY=($(compgen -W \"$w\" -- \"$cur\"))" > comp
	print "\t\treturn" > comp
	print "\tfi" > comp
	print "\tif [ \"$noun\" = help ]; then" > comp
	print "\t\t[ \"$COMP_CWORD\" -eq $((at + 1)) ] &&" > comp
	print "\t\t    COMPREPLY=($(compgen -W \"$(_kefu_words nouns)\" -- \"$cur\"))" > comp
	print "\t\treturn" > comp
	print "\tfi" > comp
	print "\tkey=$noun" > comp
	print "\tif _kefu_has_verbs \"$noun\"; then" > comp
	print "\t\tif [ \"$COMP_CWORD\" -eq $((at + 1)) ]; then" > comp
	print "\t\t\tcase $cur in" > comp
	print "\t\t\t-*) COMPREPLY=($(compgen -W --help -- \"$cur\")) ;;" > comp
	print "\t\t\t*) COMPREPLY=($(compgen -W \"$(_kefu_words \"v:$noun\")\" -- \"$cur\")) ;;" > comp
	print "\t\t\tesac" > comp
	print "\t\t\treturn" > comp
	print "\t\tfi" > comp
	print "\t\tkey=\"$noun ${COMP_WORDS[at+1]}\"" > comp
	print "\tfi" > comp
	print "\tcase $prev in" > comp
	print "\t-*)" > comp
	print "\t\tw=$(_kefu_words \"$prev@$key\")" > comp
	print "\t\tif [ -n \"$w\" ]; then" > comp
	print "\t\t\tCOMPREPLY=($(compgen -W \"$w\" -- \"$cur\"))" > comp
	print "\t\t\treturn" > comp
	print "\t\tfi ;;" > comp
	print "\tesac" > comp
	print "\tcase $cur in" > comp
	print "\t-*) COMPREPLY=($(compgen -W \"$(_kefu_words \"o:$key\") --help\" -- \"$cur\")) ;;" > comp
	print "\tesac" > comp
	print "}" > comp
	print "complete -o bashdefault -o default -F _kefu kefu" > comp
}

function hasverbs(c) {
	return ("v:" c) in set
}

# The options of command key ("NOUN VERB" or "NOUN"), as "o:key) ...",
# and the values of each that has some, as "OPTION@key) ...".
function emit_options(key,    n, os, j, k) {
	k = "o:" key
	if (!(k in set))
		return
	print "\t'" k "') echo '" set[k] "' ;;" > comp
	n = split(set[k], os, " ")
	for (j = 1; j <= n; j++)
		if ((k SUBSEP os[j]) in set)
			print "\t'" os[j] "@" key "') echo '" set[k SUBSEP os[j]] "' ;;" > comp
}
