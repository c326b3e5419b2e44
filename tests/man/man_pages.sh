#!/usr/bin/env bash
# man_pages.sh KEFU BUILD-DIR — kefu(1) and kefu-admin(7) as built
# (cmake/man.cmake): kefu(1) holds every command, verb, option and line
# of kefu's help text, its hand-written sections say what the issue asks
# (exit codes, environment, files, examples in English and Chinese), and
# both pages format without a single warning, as man-db and lintian
# format them.
BUILD=$2
. "$(dirname "$0")/../cli/lib.sh" "$1"
. "$(dirname "$0")/help.sh"

PAGE=$BUILD/man/kefu.1
ADMIN=$BUILD/man/kefu-admin.7
check "kefu.1 was built" -s "$PAGE"
check "kefu-admin.7 was built" -s "$ADMIN"
man_text "$PAGE" >"$T/kefu.1.txt"
# Each line of the page, without its leading blanks: usage and text lines
# are the help's one for one.
sed 's/^[[:space:]]*//' "$T/kefu.1.txt" >"$T/lines"

has_line() {		# has_line LINE: a line of kefu.1 is LINE (trimmed)
	grep -qxF -- "$(printf '%s' "$1" | sed 's/^[[:space:]]*//')" "$T/lines"
}

# --- every command, verb, usage line, option and line of text ---------------
cmds=$(help_commands)
expect_eq 1 "$([ "$(echo "$cmds" | wc -l)" -ge 20 ] && echo 1)" \
    "kefu --help lists the commands ($(echo $cmds))"
ncmd=0 nverb=0 nline=0 nopt=0
for c in $cmds; do
	ncmd=$((ncmd + 1))
	check "kefu.1 has a section for $c" -n \
	    "$(grep -xF ".SS \"kefu $c\"" "$PAGE")"
	while IFS= read -r v; do
		nverb=$((nverb + 1))
		check "kefu.1 has the verb '$c $v'" -n "$(grep -E \
		    "^kefu $c ([a-z-]+\|)*$v(\||[[:space:]]|$)" "$T/lines")"
	done < <(help_verbs "$c")
	# Every line of the command's help, usage and text, is on the page.
	while IFS= read -r line; do
		[ -n "$line" ] || continue
		nline=$((nline + 1))
		has_line "$line" || fail "kefu.1 lacks the line of '$c --help': $line"
		pass
	done < <(LANG=C "$KEFU" "$c" --help | sed 's/^usage: //')
	for o in $(LANG=C "$KEFU" "$c" --help | grep -oE -- '--[a-z][a-z-]*' |
	    sort -u); do
		nopt=$((nopt + 1))
		check "kefu.1 names $c's option $o" -n \
		    "$(grep -F -- "$o" "$T/kefu.1.txt")"
	done
done
echo "kefu.1: $ncmd commands, $nverb verbs, $nline lines of help, $nopt options"
check "the page has verbs (order's at least)" "$nverb" -gt 100

# The global options, the exit codes and the commands' summaries of
# kefu --help.
for o in $(LANG=C "$KEFU" --help | sed -n '/^Global options:$/,/^$/p' |
    grep -oE -- '^  --[a-z]+'); do
	check "kefu.1 lists global option $o" -n \
	    "$(grep -E "^\.BI? $(printf '%s' "$o" | sed 's/-/\\\\-/g')( |$)" "$PAGE")"
done
while IFS= read -r line; do
	c=$(echo "$line" | awk '{ print $1 }')
	summary=$(echo "$line" | sed -E 's/^ *[a-z]+ +//')
	check "kefu.1 gives $c's summary" -n "$(grep -xF -- "$summary" "$T/lines")"
done < <(LANG=C "$KEFU" --help | sed -n '/^Commands:$/,/^$/p' | sed '1d;/^$/d')
for code in 0 1 2 3 4 5 6; do
	check "kefu.1 gives exit code $code" -n \
	    "$(sed -n '/^\.SH "EXIT STATUS"/,/^\.SH /p' "$PAGE" | grep -x ".B $code")"
done

# --- the hand-written parts -----------------------------------------------------
for s in NAME SYNOPSIS DESCRIPTION OPTIONS COMMANDS '"EXIT STATUS"' \
    ENVIRONMENT FILES EXAMPLES '"SEE ALSO"'; do
	check "kefu.1 has section $s" -n "$(grep -xF ".SH $s" "$PAGE")"
done
section() {		# section PAGE NAME: the text of .SH NAME
	sed -n "/^\.SH $2\$/,/^\.SH /p" "$1" | man_text /dev/stdin
}
for v in KEFU_DB KEFU_NOW LANG LANGUAGE LC_ALL LC_MESSAGES TZ TERM NO_COLOR; do
	check "ENVIRONMENT names $v" -n "$(section "$PAGE" ENVIRONMENT | grep -w "$v")"
done
check "KEFU_NOW is owner mode only" -n \
    "$(section "$PAGE" ENVIRONMENT | sed -n '/KEFU_NOW/,/^\.TP/p' | grep 'Owner mode only')"
for f in /var/lib/kefu/kefu.db /var/lib/kefu/kefu.db-wal \
    /var/lib/kefu/kefu.db-shm /var/lib/kefu/kefu.db-wait /etc/default/kefu; do
	check "FILES names $f" -n "$(section "$PAGE" FILES | grep -F -- "$f")"
done
check "EXAMPLES in English" -n "$(sed -n '/^\.SS English$/,/^\.SS /p' "$PAGE" | grep '^kefu ')"
check "EXAMPLES in Chinese" -n "$(sed -n '/^\.SS 中文示例$/,/^\.SH /p' "$PAGE" |
    grep -E '^(sudo )?kefu .*[登报燃幸]')"
check "SEE ALSO kefu-admin(7)" -n "$(section "$PAGE" '"SEE ALSO"' | grep -F 'kefu-admin (7)')"
V=$(LANG=C "$KEFU" --version | sed -n '1s/^kefu \([0-9.]*\).*/\1/p')
check "the page is of kefu $V" -n "$(grep -E "^\.TH KEFU 1 \"[0-9-]+\" \"kefu $V\"" "$PAGE")"

# kefu --help says where the manuals are.
expect_exit 0 kefu --help
expect_out 'man kefu '
expect_out 'man kefu-admin '

# --- kefu-admin(7) -------------------------------------------------------------
man_text "$ADMIN" >"$T/admin.txt"
for s in DEPLOYMENT ROLES '"BACKUP AND RESTORE"' '"INTEGRITY CHECK AND SEALS"' \
    TIMERS FILES '"SEE ALSO"'; do
	check "kefu-admin.7 has section $s" -n "$(grep -xF ".SH $s" "$ADMIN")"
done
for t in kefu-backup.timer kefu-sample.timer kefu-overdue.timer kefu-check.timer; do
	check "kefu-admin.7 names $t" -n "$(grep -F ".B $t" "$T/admin.txt")"
	check "kefu-admin.7 says how to enable $t" -n \
	    "$(grep -xF ".B sudo systemctl enable --now $t" "$T/admin.txt")"
done
for r in reception dispatcher technician supervisor billing admin; do
	check "kefu-admin.7 describes role $r" -n "$(grep -E "^\.BR $r " "$ADMIN")"
done
for w in 'kefu backup ' 'kefu restore ' '--force' 'kefu migrate --status' \
    'kefu migrate --backup ' 'kefu check' 'kefu audit seal' 'check --seal' \
    'apt install' 'dpkg-statoverride' 'kefu init'; do
	check "kefu-admin.7 covers '$w'" -n "$(grep -F -- "$w" "$T/admin.txt")"
done
check "no placeholder left in kefu-admin.7" -z "$(grep -n '@[A-Z_]*@' "$ADMIN")"
check "no placeholder left in kefu.1" -z "$(grep -n '@[A-Z_]*@' "$PAGE")"

# --- formatted without a warning ---------------------------------------------
# UTF-8 pages (Chinese in them) are formatted through preconv (-k) for a
# terminal (-Tutf8), as man-db does; lintian runs man --warnings so.
for p in "$PAGE" "$ADMIN"; do
	n=$(basename "$p")
	expect_exit 0 groff -k -man -ww -z -Tutf8 "$p"
	if command -v man >/dev/null 2>&1; then
		expect_exit 0 env LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 \
		    man --warnings -E UTF-8 -l -Tutf8 -Z "$p"
	fi
	if command -v mandoc >/dev/null 2>&1; then
		expect_exit 0 mandoc -Tlint -Wwarning "$p"
	else
		echo "man_pages.sh: mandoc not installed, its lint not run on $n"
	fi
	# Rendered, nothing is lost to hyphenation or a stray request.
	groff -k -man -Tutf8 -P-cbou "$p" >"$T/$n.out" 2>&1
	check "$n renders" -s "$T/$n.out"
	check "$n renders without a hyphen at a line's end" \
	    -z "$(grep -n -- '‐$' "$T/$n.out")"
done
finish
