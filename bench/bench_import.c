/*
 * bench_import.c — the CSV import rate (issue 4: "import rate (rows per
 * second) for a 100,000-row CSV"), through the core function `kefu
 * customer import` runs, kf_customer_import.
 *
 *   [1] The file. ROWS (default 100,000) generated customers
 *       (kf_demo_customer, seed 1: Chinese names, shops and offices, one
 *       mobile and sometimes a landline, community / building / unit /
 *       room, sometimes a free-text address and notes, move-in dates) are
 *       written with kf_csv_write in the columns and order `kefu customer
 *       export` writes, so the file is what an export of another kefu, or
 *       a tidy spreadsheet, gives.
 *
 *   [2] Import, all or nothing: the file into a fresh database
 *       (synchronous=FULL, as deployed) in one kf_customer_import: pass 1
 *       reads and checks every row, pass 2 adds them in chunks (search
 *       rows, audit row per customer), one transaction. Rows per second,
 *       CPU per row, the import's peak memory (VmHWM, reset before it
 *       through /proc/self/clear_refs where the kernel allows).
 *
 *   [3] Checking alone: the same file again into the now full database:
 *       every account number is taken, so pass 1 refuses every row and
 *       nothing is added (KF_INVALID) — what the clerk waits for before a
 *       refusal.
 *
 *   [4] Export: every customer back out through kf_customer_export.
 *
 *   [5] --skip-bad: a second file, the same rows with one in 100 made bad
 *       in five ways by turns: a phone with letters, an account number
 *       given twice (both rejected with their fields), a stray quote, GBK
 *       bytes, a field too many (rejected with the raw line). Imported
 *       into another fresh database with skip_bad and a reject file; the
 *       reject file is read back and counted.
 *
 * Each answer is checked (rows imported, refused, exported, rejected,
 * rows with raw), so a fast figure cannot come from a broken import.
 * About 30 s for 100,000 rows, most of it in the two imports' pass 2.
 *
 * Usage: bench_import [--normal] [--keep] [--import-only] [ROWS]
 *   --normal  synchronous=NORMAL (one commit per import: it makes no
 *             difference worth measuring)
 *   --keep    leaves the files and databases in their /tmp directory
 *   --import-only  stops after [2] (the bulk insert and the import: the
 *             figures of a 1,000,000-row run, without the rest's minutes)
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "kefu/core.h"
#include "kefu/csv.h"
#include "kefu/customer.h"
#include "kefu/customer_csv.h"
#include "kefu/demo.h"
#include "kefu/err.h"
#include "kefu/util.h"

#include "common.h"

#define SEED		1
#define BAD_EVERY	100		/* one row in 100 is bad */
#define BAD_AT		37		/* ... the one at i % 100 == 37 */
#define NKINDS		5		/* the kinds of bad row, by turns */
#define NCOLS		12		/* the export's columns */

static char tmpdir[] = "/tmp/kefu-bench-import-XXXXXX";
static bool keep, import_only;

static const char *const header[NCOLS] = { "account", "name", "phones",
	"community", "building", "unit", "room", "address", "kind", "move_in",
	"notes", "status" };

/* ------------------------------------------------------------ helpers */

static void
cleanup(void)
{
	if (!keep)
		bench_remove_dir(tmpdir);
}

/* Resets the peak memory figure (VmHWM) when the kernel allows it. */
static bool
reset_peak(void)
{
	FILE *f = fopen("/proc/self/clear_refs", "w");
	bool ok;

	if (f == NULL)
		return false;
	ok = fputs("5", f) >= 0;
	return fclose(f) == 0 && ok;
}

/* VmHWM of this process in MB, or -1. */
static double
peak_mb(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kb = -1;

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "VmHWM: %ld", &kb) == 1)
			break;
	fclose(f);
	return kb < 0 ? -1 : (double)kb / 1024.0;
}

static FILE *
open_file(const char *path, const char *mode)
{
	FILE *f = fopen(path, mode);

	if (f == NULL)
		bench_die("%s: %s", path, strerror(errno));
	return f;
}

/* ------------------------------------------------------------ the files */

/*
 * Writes rows customers to path in the export's columns. With bad, the row
 * at i % BAD_EVERY == BAD_AT is made bad, kind (i / BAD_EVERY) % NKINDS:
 *   0 a phone with letters        (read as CSV: rejected with its fields)
 *   1 the previous row's account  (read as CSV: rejected with its fields)
 *   2 a stray quote in the name   (not read: rejected with raw)
 *   3 the name in GBK bytes       (not read: rejected with raw)
 *   4 a field too many            (read, does not fit: rejected with raw)
 */
static void
write_file(const char *path, long rows, bool bad)
{
	FILE *f = open_file(path, "w");
	struct kf_customer c;
	struct kf_buf phones = { 0 };
	const char *v[NCOLS + 1];
	char prev[32] = "";
	long i;
	int j, kind;

	if (kf_csv_write(f, header, NCOLS) != 0)
		bench_die("%s: %s", path, strerror(errno));
	for (i = 0; i < rows; i++) {
		memset(&c, 0, sizeof(c));
		kf_demo_customer(SEED, (uint64_t)i, &c);
		kf_buf_reset(&phones);
		kf_buf_puts(&phones, "");
		for (j = 0; j < KF_MAX_PHONES && c.phones[j] != NULL; j++) {
			kf_buf_puts(&phones, j ? ";" : "");
			kf_buf_puts(&phones, c.phones[j]);
		}
		v[0] = c.account;
		v[1] = c.name;
		v[2] = kf_buf_str(&phones);
		v[3] = c.community;
		v[4] = c.building;
		v[5] = c.unit;
		v[6] = c.room;
		v[7] = c.address;
		v[8] = kf_customer_kind_name(c.kind);
		v[9] = c.move_in;
		v[10] = c.notes;
		v[11] = kf_customer_status_name(c.status);
		kind = bad && i % BAD_EVERY == BAD_AT ?
		    (int)((i / BAD_EVERY) % NKINDS) : -1;
		switch (kind) {
		case 0:
			v[2] = "138abc";
			break;
		case 1:
			v[0] = prev;
			break;
		case 2:		/* 王芳" : a quote inside an unquoted field */
			fprintf(f, "%s,%s\",", c.account, c.name);
			break;
		case 3:		/* 王芳 as a Chinese Excel's plain CSV saves it */
			fprintf(f, "%s,\xcd\xf5\xb7\xbc,", c.account);
			break;
		case 4:
			v[NCOLS] = "多余";
			break;
		}
		if ((kind == 2 || kind == 3 ? kf_csv_write(f, v + 2, NCOLS - 2) :
		    kf_csv_write(f, v, NCOLS + (kind == 4))) != 0)
			bench_die("%s: %s", path, strerror(errno));
		snprintf(prev, sizeof(prev), "%s", c.account);
		kf_customer_clear(&c);
	}
	kf_buf_free(&phones);
	if (fclose(f) != 0)
		bench_die("%s: %s", path, strerror(errno));
}

/*
 * The yardstick for [2]: the same rows as the file holds (generated again,
 * not read from it) inserted into the customer table of a fresh kefu
 * database with bare SQLite: one transaction, one prepared INSERT, the
 * same pragmas (WAL, synchronous as the import's), the table's indexes
 * and UNIQUE account maintained, nothing else (no checks, no search rows,
 * no audit). Returns the seconds it took; *cpu_us the CPU a row.
 */
static double
bulk_insert(const char *db, long rows, bool sync_normal, double *cpu_us)
{
	static const char sql[] = "INSERT INTO customer (account, name, phones, "
	    "community, building, unit, room, address, kind, move_in, notes, "
	    "status, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
	    "?10, ?11, ?12, ?13)";
	struct kf_customer c;
	struct kf_buf phones = { 0 };
	sqlite3 *h;
	sqlite3_stmt *st;
	int64_t t0, c0;
	long i;
	int j;

	kf_core_close(bench_admin(db, true, sync_normal));
	c0 = bench_cpu_ns();
	t0 = bench_now_ns();
	if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    sqlite3_exec(h, sync_normal ? "PRAGMA journal_mode = WAL; "
	    "PRAGMA synchronous = NORMAL; BEGIN IMMEDIATE" :
	    "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; "
	    "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		bench_die("bulk insert: %s", sqlite3_errmsg(h));
	for (i = 0; i < rows; i++) {
		memset(&c, 0, sizeof(c));
		kf_demo_customer(SEED, (uint64_t)i, &c);
		kf_buf_reset(&phones);
		kf_buf_puts(&phones, "");
		for (j = 0; j < KF_MAX_PHONES && c.phones[j] != NULL; j++) {
			kf_buf_puts(&phones, j ? "," : "");
			kf_buf_puts(&phones, c.phones[j]);
		}
		sqlite3_bind_text(st, 1, c.account, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, c.name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, kf_buf_str(&phones), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, c.community ? c.community : "", -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(st, 5, c.building ? c.building : "", -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(st, 6, c.unit ? c.unit : "", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 7, c.room ? c.room : "", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 8, c.address ? c.address : "", -1,
		    SQLITE_STATIC);
		sqlite3_bind_int(st, 9, (int)c.kind);
		if (c.move_in != NULL)
			sqlite3_bind_text(st, 10, c.move_in, -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(st, 10);
		sqlite3_bind_text(st, 11, c.notes ? c.notes : "", -1,
		    SQLITE_STATIC);
		sqlite3_bind_int(st, 12, (int)c.status);
		sqlite3_bind_int64(st, 13, 1764000000);
		if (sqlite3_step(st) != SQLITE_DONE)
			bench_die("bulk insert: %s", sqlite3_errmsg(h));
		sqlite3_reset(st);
		kf_customer_clear(&c);
	}
	sqlite3_finalize(st);
	if (sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		bench_die("bulk insert: %s", sqlite3_errmsg(h));
	sqlite3_close(h);
	kf_buf_free(&phones);
	*cpu_us = (double)(bench_cpu_ns() - c0) / 1e3 / (double)rows;
	return (double)(bench_now_ns() - t0) / 1e9;
}

/* Counts the reject file's records (header left out) and those with raw. */
static void
count_rejects(const char *path, size_t *records, size_t *with_raw)
{
	FILE *f = open_file(path, "r");
	struct kf_csv_reader *r = kf_csv_open(f);
	struct kf_err err;
	char **v;
	size_t n;
	int x;

	*records = *with_raw = 0;
	if (kf_csv_next(r, &v, &n, &err) != 1 || n != NCOLS + 2 ||
	    strcmp(v[NCOLS + 1], "raw") != 0)
		bench_die("%s: not a reject file's header", path);
	while ((x = kf_csv_next(r, &v, &n, &err)) != 0) {
		if (x < 0)
			bench_die("%s line %lu: %s", path, kf_csv_line(r), err.msg);
		(*records)++;
		if (n == NCOLS + 2 && *v[NCOLS + 1] != '\0')
			(*with_raw)++;
	}
	kf_csv_close(r);
	fclose(f);
}

/* ------------------------------------------------------------ the steps */

struct timing {
	double	 s;		/* wall */
	double	 cpu_us;	/* CPU per row */
	double	 peak_mb;	/* VmHWM after (since the reset, if done) */
	bool	 peak_reset;
};

/* kf_customer_import of path into path's database, timed. */
static enum kf_rc
import(const char *db, const char *path, bool skip_bad, const char *rejects,
    bool sync_normal, long rows, struct kf_import_report *rep,
    struct timing *t, struct kf_err *err)
{
	struct kf_core *k = bench_admin(db, false, sync_normal);
	FILE *in = open_file(path, "r");
	FILE *rf = rejects ? open_file(rejects, "w") : NULL;
	int64_t t0, c0;
	enum kf_rc rc;

	t->peak_reset = reset_peak();
	c0 = bench_cpu_ns();
	t0 = bench_now_ns();
	rc = kf_customer_import(k, in, skip_bad, rf, rep, err);
	t->s = (double)(bench_now_ns() - t0) / 1e9;
	t->cpu_us = (double)(bench_cpu_ns() - c0) / 1e3 / (double)rows;
	t->peak_mb = peak_mb();
	fclose(in);
	if (rf != NULL && fclose(rf) != 0)
		bench_die("%s: %s", rejects, strerror(errno));
	kf_core_close(k);
	return rc;
}

static void	usage(void) __attribute__((noreturn));

static void
usage(void)
{
	fprintf(stderr, "usage: bench_import [--normal] [--keep] [--import-only] "
	    "[ROWS]\n"
	    "(ROWS from 1,000 to 10,000,000; default 100,000)\n");
	exit(1);
}

int
main(int argc, char **argv)
{
	struct kf_import_report rep;
	struct kf_err err;
	struct kf_core *k;
	struct timing t;
	long rows = 100000, nbad, nraw = 0, i;
	bool sync_normal = false;
	char *csv, *badcsv, *rejects, *db1, *db2, *dbb, *out, *end;
	char a[32], b[32], c[32];
	int64_t t0;
	size_t n, records, with_raw;
	double s, rate, rate_skip, bulk, bulk_cpu;
	FILE *f;
	enum kf_rc rc;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--normal") == 0)
			sync_normal = true;
		else if (strcmp(argv[i], "--keep") == 0)
			keep = true;
		else if (strcmp(argv[i], "--import-only") == 0)
			import_only = true;
		else {
			errno = 0;
			rows = strtol(argv[i], &end, 10);
			if (errno != 0 || end == argv[i] || *end != '\0' ||
			    rows < 1000 || rows > 10000000)
				usage();
		}
	}
	/* The bad rows of [5]: i % BAD_EVERY == BAD_AT; kinds 2, 3 and 4
	 * keep the raw line. */
	nbad = rows / BAD_EVERY + (rows % BAD_EVERY > BAD_AT);
	for (i = 0; i < nbad; i++)
		nraw += i % NKINDS >= 2;
	if (mkdtemp(tmpdir) == NULL)
		bench_die("mkdtemp: %s", strerror(errno));
	atexit(cleanup);
	if (asprintf(&csv, "%s/customers.csv", tmpdir) < 0 ||
	    asprintf(&badcsv, "%s/customers-bad.csv", tmpdir) < 0 ||
	    asprintf(&rejects, "%s/customers-bad.rejects.csv", tmpdir) < 0 ||
	    asprintf(&db1, "%s/import.db", tmpdir) < 0 ||
	    asprintf(&db2, "%s/skip-bad.db", tmpdir) < 0 ||
	    asprintf(&dbb, "%s/bulk.db", tmpdir) < 0 ||
	    asprintf(&out, "%s/export.csv", tmpdir) < 0)
		bench_die("out of memory");

	printf("CSV import: %s generated customers (seed %d: Chinese names and "
	    "addresses, one or two\nphones) in the columns `kefu customer "
	    "export` writes, imported through kf_customer_import\n(what `kefu "
	    "customer import` runs) into a fresh database, synchronous=%s:\n\n",
	    bench_commas(a, sizeof(a), (double)rows), SEED,
	    sync_normal ? "NORMAL" : "FULL");

	/* [1] */
	t0 = bench_now_ns();
	write_file(csv, rows, false);
	s = (double)(bench_now_ns() - t0) / 1e9;
	printf("  file         %s rows, %.1f MB (%.0f bytes a row), written in "
	    "%.1f s\n", bench_commas(a, sizeof(a), (double)rows),
	    (double)bench_file_size(csv) / 1048576.0, (double)bench_file_size(csv) /
	    (double)rows, s);
	fflush(stdout);

	/* [2] */
	bulk = bulk_insert(dbb, rows, sync_normal, &bulk_cpu);
	printf("  bulk insert  %s rows in %.1f s: %s rows/s (CPU %.0f us/row; "
	    "bare SQLite, one transaction,\n               the customer "
	    "table only: the yardstick for the import)\n",
	    bench_commas(a, sizeof(a), (double)rows), bulk,
	    bench_commas(b, sizeof(b), (double)rows / bulk), bulk_cpu);
	fflush(stdout);
	kf_core_close(bench_admin(db1, true, sync_normal));
	kf_err_clear(&err);
	rc = import(db1, csv, false, NULL, sync_normal, rows, &rep, &t, &err);
	if (rc != KF_OK || rep.imported != (size_t)rows || rep.nbad != 0)
		bench_die("import: %s (%zu imported, %zu bad)", err.msg,
		    rep.imported, rep.nbad);
	kf_import_report_free(&rep);
	rate = (double)rows / t.s;
	printf("  import       %s rows in %.1f s: %s rows/s (CPU %.0f us/row); "
	    "peak memory %.1f MB%s;\n               database %.1f MB\n",
	    bench_commas(a, sizeof(a), (double)rows), t.s,
	    bench_commas(b, sizeof(b), rate), t.cpu_us, t.peak_mb,
	    t.peak_reset ? "" : " (the process's)",
	    (double)bench_file_size(db1) / 1048576.0);
	printf("               %.1f times the bulk insert's time (target: "
	    "within 5): %s; CPU %.1f times\n", t.s / bulk, t.s / bulk <= 5.0 ?
	    "MET" : "NOT MET", t.cpu_us / bulk_cpu);
	fflush(stdout);
	if (import_only)
		goto done;

	/* [3] */
	kf_err_clear(&err);
	rc = import(db1, csv, false, NULL, sync_normal, rows, &rep, &t, &err);
	if (rc != KF_INVALID || rep.nbad != (size_t)rows || rep.imported != 0)
		bench_die("checking again: %s (rc %d, %zu bad)", err.msg,
		    (int)rc, rep.nbad);
	kf_import_report_free(&rep);
	printf("  check only   %s rows in %.1f s: %s rows/s (the same file "
	    "again: every account number\n               taken, every row "
	    "refused, nothing added)\n", bench_commas(a, sizeof(a), (double)rows),
	    t.s, bench_commas(b, sizeof(b), (double)rows / t.s));
	fflush(stdout);

	/* [4] */
	k = bench_admin(db1, false, sync_normal);
	f = open_file(out, "w");
	t0 = bench_now_ns();
	if (kf_customer_export(k, f, &n, &err) != KF_OK || n != (size_t)rows)
		bench_die("export: %s (%zu rows)", err.msg, n);
	s = (double)(bench_now_ns() - t0) / 1e9;
	fclose(f);
	kf_core_close(k);
	printf("  export       %s rows in %.1f s: %s rows/s\n",
	    bench_commas(a, sizeof(a), (double)rows), s,
	    bench_commas(b, sizeof(b), (double)rows / s));
	fflush(stdout);

	/* [5] */
	write_file(badcsv, rows, true);
	kf_core_close(bench_admin(db2, true, sync_normal));
	kf_err_clear(&err);
	rc = import(db2, badcsv, true, rejects, sync_normal, rows, &rep, &t,
	    &err);
	if (rc != KF_OK || rep.imported != (size_t)(rows - nbad) ||
	    rep.nbad != (size_t)nbad || rep.rows != (size_t)rows)
		bench_die("--skip-bad: %s (%zu imported, %zu bad, want %ld)",
		    err.msg, rep.imported, rep.nbad, nbad);
	kf_import_report_free(&rep);
	count_rejects(rejects, &records, &with_raw);
	if (records != (size_t)nbad || with_raw != (size_t)nraw)
		bench_die("reject file: %zu rows, %zu with raw; want %ld, %ld",
		    records, with_raw, nbad, nraw);
	rate_skip = (double)rows / t.s;
	printf("  --skip-bad   %s rows, 1 in %d bad: %s imported in %.1f s: %s "
	    "rows/s (CPU %.0f us/row);\n", bench_commas(a, sizeof(a), (double)rows),
	    BAD_EVERY, bench_commas(b, sizeof(b), (double)(rows - nbad)), t.s,
	    bench_commas(c, sizeof(c), rate_skip), t.cpu_us);
	printf("               reject file %s rows, %s of them with the raw "
	    "line\n", bench_commas(a, sizeof(a), (double)records),
	    bench_commas(b, sizeof(b), (double)with_raw));
	printf("\n  import rate for a %s-row CSV: %s rows/s all or nothing, "
	    "%s rows/s with --skip-bad\n", bench_commas(a, sizeof(a), (double)rows),
	    bench_commas(b, sizeof(b), rate), bench_commas(c, sizeof(c), rate_skip));
done:
	if (keep)
		printf("\n  files kept in %s\n", tmpdir);
	free(csv);
	free(badcsv);
	free(rejects);
	free(db1);
	free(db2);
	free(dbb);
	free(out);
	return 0;
}
