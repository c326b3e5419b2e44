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
report "unfinished-work markers:" \
	"$(grep -rnE 'TODO|FIXME|XXX' src include)"
exit $bad
