#!/bin/sh
# Project conventions a compiler does not check (STYLE.md). Prints each
# break as file:line and exits 1 when there is any. Run from anywhere.
set -u
cd "$(dirname "$0")/.." || exit 2
bad=0
report() {
	if [ -n "$2" ]; then
		printf 'lint: %s\n%s\n' "$1" "$2"
		bad=1
	fi
}
report "src/core must not include curses (the core knows no screens):" \
	"$(grep -rnE '#include *[<"](n?curses|ncursesw/curses|term)\.h' src/core include)"
report "time() belongs to src/core/clock.c only (use kf_core_now):" \
	"$(grep -rnE '\btime\(' src/core | grep -v '^src/core/clock.c:')"
report "SQL built with printf (bind parameters instead):" \
	"$(grep -rnE 'printf\([^;]*"(SELECT|INSERT|UPDATE|DELETE|REPLACE)' src)"
report "sqlite3_exec with a non-constant SQL in the faces (only the core talks SQL):" \
	"$(grep -rnE 'sqlite3_' src/cli src/tui 2>/dev/null)"
# What was typed reaches the terminal only through cli_text, cli_pad,
# cli_json_str or a message (cli_usage, cli_fail): a printf-family call
# taking argv or optarg directly could echo an escape sequence (issue 11).
report "src/cli prints argv raw (use cli_text or cli_json_str):" \
	"$(ls src/cli/*.c | xargs awk '/(^|[^_a-z])(printf|fprintf|vfprintf|dprintf|fputs|puts|fwrite)\(/ { s = ""; at = FNR; on = 1 }
	    on { s = s $0; if ($0 ~ /;/) { on = 0; if (s ~ /argv|optarg/) print FILENAME ":" at } }')"
# The catalogues are inside the binary (i18n.c): gettext's own functions
# would find no catalogue and answer in English.
report "gettext's functions instead of kf_gettext/kf_ngettext:" \
	"$(grep -rnE '(^|[^_a-z])(d|dc|dn|n)?gettext\(' src include)"
report "unfinished-work markers:" \
	"$(grep -rnE 'TODO|FIXME|XXX' src include)"
exit $bad
