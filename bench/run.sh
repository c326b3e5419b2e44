#!/bin/sh
# Runs every benchmark and prints its figures, each with its target:
#   make bench   (= sh bench/run.sh BUILD_DIR)
# Each benchmark makes its own databases in a fresh directory under /tmp and
# removes it. Takes about fifteen minutes, nine of them building the 1,000,000
# customers bench_search searches and those bench_check checks. Other load
# on the machine (a parallel build or test run) shows up in the figures: the
# load average is printed.
set -eu
BUILD=${1:-build}
for b in bench/bench_open bench/bench_write bench/bench_contact bench/bench_search \
    bench/bench_import bench/bench_order bench/bench_tui bench/bench_check \
    bench/bench_complaint bench/bench_billing_calc bench/bench_sample \
    bench/bench_callback_sample kefu; do
	if [ ! -x "$BUILD/$b" ]; then
		echo "bench/run.sh: $BUILD/$b not built (run: make build)" >&2
		exit 1
	fi
done
echo "kefu benchmarks: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores," \
    "SQLite $(pkg-config --modversion sqlite3 2>/dev/null || echo '?')," \
    "/tmp on $(df -T /tmp | awk 'NR==2 {print $2}'), load average" \
    "$(cut -d' ' -f1-3 /proc/loadavg)"
echo
"$BUILD/bench/bench_open" 200
echo
"$BUILD/bench/bench_write" rate 0.2 40
echo
"$BUILD/bench/bench_write" contend 2 8 4
echo
# Contact logging on 10,000 customers: one clerk logging 20,000 contacts,
# then 4 clerks' processes at once for 5 s (about 10 s in all).
"$BUILD/bench/bench_contact" 20000 4 5
echo
# Customer search at 10,000 / 100,000 / 1,000,000 customers, added first
# through the core (the bulk-add rate; about four minutes).
"$BUILD/bench/bench_search"
echo
# The CSV import rate (issue 4): a 100,000-row customer file through
# kf_customer_import into a fresh database, all or nothing, then checked
# again (every row refused), exported, and a copy with 1% bad rows imported
# with --skip-bad (about 30 s).
"$BUILD/bench/bench_import"
echo
# Work orders (issue 5) on 1,000,000 orders, 5,000 of them open (built first,
# about 10 s): the dispatch board's reads, 200 runs each, then 4 processes
# (a dispatcher and a technician session each) running whole lifecycles for
# 10 s. About 30 s in all.
"$BUILD/bench/bench_order" 200 4 10
echo
# The terminal UI: the real binary in a pseudo-terminal, on a database of
# 1,000,000 staff accounts (built first, a few seconds), then the dispatch
# board (F3) on bench_order's 1,000,000 orders (built too, about 10 s).
"$BUILD/bench/bench_tui" "$BUILD/kefu"
echo
# kefu check on 1,000,000 customers (built first through the core, about
# four minutes): the file, the audit chain and every record against its
# trail, cold and warm.
"$BUILD/bench/bench_check" 1000000
echo
# Complaints (issue 12) on 1,000,000 complaints, 2,000 of them open (built
# first, about a minute): the supervisor's queue and its header counts,
# and registering a complaint with the duplicate suggestion, 200 each.
"$BUILD/bench/bench_complaint" 200

# Callbacks (issue 13) on 1,000,000 tasks, 5,000 of them open (built
# first with SQLite directly, about 10 s): F6's redraw and the R47 rate.
"$BUILD/bench/bench_callback" 200
echo

# Billing (issue 14): every customer's charges for a month at 100,000
# customers (built first with SQLite directly, a few seconds), through a
# notice run's memo, then the first 20,000 without it (about 45 s in all).
"$BUILD/bench/bench_billing_calc" 100000
echo
# The monthly callback sample (issue 13, R42): its hash and stratified draw
# over 100,000 completed orders of 200 technicians, at 5% and at 100%, 200
# runs each (no database; a few seconds).
"$BUILD/bench/bench_sample" 100000 200
echo
# Callbacks (issue 13): the month's sample (R42) over 100,000 orders closed
# in the month by 200 technicians, after 400,000 closed before (built
# first with SQLite directly, a few seconds), three months each drawn once.
"$BUILD/bench/bench_callback_sample" 3
# Reports (issue 15): a month's KPI table (R53) at 10,000,000 contacts,
# 1,000,000 work orders and 1,000,000 complaints (built first with SQLite
# directly, two to four minutes, 2.5 GB), against a naive full scan.
"$BUILD/bench/bench_report" 20
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
