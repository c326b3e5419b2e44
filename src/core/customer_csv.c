/*
 * customer_csv.c — customers in and out of CSV (see
 * include/kefu/customer_csv.h and docs/csv.md).
 *
 * Design note: the import is one action in one write transaction, and it
 * streams, so 100,000 rows cost the memory of a few hundred records plus
 * a set of the file's account numbers:
 *
 *   in not seekable? --> copy to tmpfile()
 *   BEGIN IMMEDIATE
 *   pass 1  read every record; check each; remember which are good (one
 *           bit per record), the account numbers seen (duplicates), and
 *           write the bad ones to the reject file (skip_bad), with the
 *           record as it was in the file where the columns cannot hold
 *           it (kf_csv_keep_raw: the reader copies each record's bytes)
 *   bad rows and !skip_bad --> ROLLBACK, KF_INVALID, the report
 *   pass 2a rewind; add the good rows that have an account number, in
 *           chunks through kf_customer_add_batch (which joins the open
 *           transaction)
 *   pass 2b rewind; add the good rows without one (generated numbers
 *           cannot then take a number a later row of the file gives)
 *   COMMIT (any failure: ROLLBACK, nothing added)
 *
 * Pass 1 runs inside the transaction so that what it checked against the
 * database (account numbers taken) still holds when pass 2 adds.
 * Invariant: pass 2 sees the same records as pass 1 (the file is ours or
 * the person's and is not being written meanwhile); if a record pass 1
 * found good no longer converts, the import fails as a whole.
 *
 * One transaction is what makes the import all or nothing, and also what
 * keeps everyone else out while it runs (issue 11): batches committed as
 * they go would let the desk in, but a crash or a failure half way would
 * leave half a file imported, and its audit rows cannot be taken back
 * (the trail is append-only). So the import stays one transaction, made
 * as short as it cheaply can be (the page cache, below), and it names
 * itself (kf_core_doing): a clerk's save that gives up after about ten
 * seconds says "another session (a customer import by LOGIN) has held
 * the database for N s" instead of a bare "busy". docs/admin.md tells the
 * admin to import large files out of hours, with the rate.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>

#include "internal.h"
#include "kefu/csv.h"
#include "kefu/customer_csv.h"
#include "kefu/i18n.h"
#include "kefu/perm.h"

#define CHUNK		256	/* customers per kf_customer_add_batch */
#define IMPORT_CACHE_MB	256	/* page cache while importing (bench_import) */
#define PAGE		500	/* customers per export page */
/* Bytes of a reject row's raw text: under a spreadsheet cell's 32,767
 * characters and the reader's field limit, so the file reads back. */
#define RAW_MAX		32000

static const char SQL_ACCOUNT_NAME[] =
    "SELECT name FROM customer WHERE account = :a";

enum col {
	C_ACCOUNT, C_NAME, C_PHONES, C_COMMUNITY, C_BUILDING, C_UNIT, C_ROOM,
	C_ADDRESS, C_KIND, C_MOVE_IN, C_NOTES, C_STATUS,
	C_REASON, C_RAW,	/* the reject file's: read, ignored, not exported */
	NCOLS
};
#define NDATA	C_REASON	/* the customer's columns: what export writes */

/* The column names: English (written by export) and Chinese. */
static const struct {
	const char	*name;
	const char	*alias[3];
} columns[NCOLS] = {
	[C_ACCOUNT]	= { "account", { "户号", "账号", NULL } },
	[C_NAME]	= { "name", { "姓名", "名称", NULL } },
	[C_PHONES]	= { "phones", { "电话", "phone", NULL } },
	[C_COMMUNITY]	= { "community", { "小区", NULL, NULL } },
	[C_BUILDING]	= { "building", { "楼栋", "楼号", NULL } },
	[C_UNIT]	= { "unit", { "单元", NULL, NULL } },
	[C_ROOM]	= { "room", { "房号", "室", NULL } },
	[C_ADDRESS]	= { "address", { "地址", NULL, NULL } },
	[C_KIND]	= { "kind", { "类型", NULL, NULL } },
	[C_MOVE_IN]	= { "move_in", { "入住日期", NULL, NULL } },
	[C_NOTES]	= { "notes", { "备注", NULL, NULL } },
	[C_STATUS]	= { "status", { "状态", NULL, NULL } },
	[C_REASON]	= { "reason", { "原因", NULL, NULL } },
	[C_RAW]		= { "raw", { "原文", NULL, NULL } },
};

/* The file's header: which column each field of a row is. */
struct header {
	enum col	*map;		/* map[i]: the column of field i */
	size_t		 n;
	int		 at[NCOLS];	/* the field of each column, or -1 */
};

/* The account numbers seen in pass 1, with their line (open addressing). */
struct seen {
	struct slot {
		char		*account;
		unsigned long	 line;
	}		*v;
	size_t		 n, cap;
};

/* One import's state. */
struct import {
	struct kf_core		*k;
	FILE			*in;
	off_t			 start;
	bool			 skip_bad;
	FILE			*rejects;
	struct kf_import_report	*rep;
	struct header		 hdr;
	struct seen		 seen;
	unsigned char		*good;		/* one bit per record */
	size_t			 nrec, goodcap;
	size_t			 with_account, without_account;
	struct kf_buf		 tmp;
};

/* ---- small helpers ---- */

bool
kf_customer_kind_from_text(const char *s, enum kf_customer_kind *kind)
{
	static const char *const en[] = { "resident", "commercial", "other" };
	static const char *const zh[] = { "居民", "商户", "其他" };
	int i;

	if (s == NULL || *s == '\0') {
		*kind = KF_CUST_RESIDENT;
		return true;
	}
	for (i = 0; i < 3; i++)
		if (strcasecmp(s, en[i]) == 0 || strcmp(s, zh[i]) == 0) {
			*kind = (enum kf_customer_kind)i;
			return true;
		}
	return false;
}

bool
kf_customer_status_from_text(const char *s, enum kf_customer_status *status)
{
	if (s == NULL || *s == '\0' || strcasecmp(s, "active") == 0 ||
	    strcmp(s, "在住") == 0) {
		*status = KF_CUST_ACTIVE;
		return true;
	}
	if (strcasecmp(s, "moved_out") == 0 || strcmp(s, "迁出") == 0 ||
	    strcmp(s, "已迁出") == 0) {
		*status = KF_CUST_MOVED_OUT;
		return true;
	}
	return false;
}

const char *
kf_customer_status_name(enum kf_customer_status status)
{
	return status == KF_CUST_MOVED_OUT ? "moved_out" : "active";
}

void
kf_import_report_free(struct kf_import_report *rep)
{
	if (rep == NULL)
		return;
	free(rep->bad);
	memset(rep, 0, sizeof(*rep));
}

/* The length of the UTF-8 character at s if it is valid and safe, else 0. */
static int
safe_char(const unsigned char *s)
{
	bool bad = false;
	unsigned cp;
	size_t n = kf_utf8_decode((const char *)s, &cp, &bad);

	return bad || kf_unsafe_char(cp) ? 0 : (int)n;
}

/*
 * Copies s into buf (size n) for a message: whole characters only, at
 * most max of them, anything unsafe or invalid as '?', "…" when cut.
 */
static void
shown(char *buf, size_t n, const char *s, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = 0, chars = 0;
	int c;

	while (*p && len + 4 + 3 < n) {
		if (chars == max) {
			memcpy(buf + len, "\xe2\x80\xa6", 3);	/* … */
			len += 3;
			break;
		}
		if ((c = safe_char(p)) == 0) {
			buf[len++] = '?';
			p++;
		} else {
			memcpy(buf + len, p, (size_t)c);
			len += (size_t)c;
			p += c;
		}
		chars++;
	}
	buf[len] = '\0';
}

static char *
trimmed(const char *s)
{
	const char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	return xasprintf("%.*s", (int)(e - s), s);
}

static bool
blank_row(char **f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (*f[i] != '\0')
			return false;
	return true;
}

/* ---- the set of account numbers ---- */

static uint64_t
hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* The line an account was first seen on (0: not seen; then it is added). */
static unsigned long
seen_add(struct seen *t, const char *account, unsigned long line)
{
	struct slot *old;
	size_t i, ocap;

	if (2 * (t->n + 1) > t->cap) {
		old = t->v;
		ocap = t->cap;
		t->cap = t->cap ? t->cap * 2 : 1024;
		t->v = xcalloc(t->cap, sizeof(*t->v));
		for (i = 0; i < ocap; i++) {
			size_t j;

			if (old[i].account == NULL)
				continue;
			for (j = hash(old[i].account) & (t->cap - 1);
			    t->v[j].account != NULL; j = (j + 1) & (t->cap - 1))
				;
			t->v[j] = old[i];
		}
		free(old);
	}
	for (i = hash(account) & (t->cap - 1); t->v[i].account != NULL;
	    i = (i + 1) & (t->cap - 1))
		if (strcmp(t->v[i].account, account) == 0)
			return t->v[i].line;
	t->v[i].account = xstrdup(account);
	t->v[i].line = line;
	t->n++;
	return 0;
}

static void
seen_free(struct seen *t)
{
	size_t i;

	for (i = 0; i < t->cap; i++)
		free(t->v[i].account);
	free(t->v);
	memset(t, 0, sizeof(*t));
}

/* ---- the header ---- */

static int
column_of(const char *name)
{
	char *t = trimmed(name);
	int i, j, found = -1;

	for (i = 0; i < NCOLS && found < 0; i++) {
		if (strcasecmp(t, columns[i].name) == 0)
			found = i;
		for (j = 0; j < 3 && columns[i].alias[j] != NULL; j++)
			if (strcasecmp(t, columns[i].alias[j]) == 0)
				found = i;
	}
	free(t);
	return found;
}

static enum kf_rc
read_header(struct import *im, struct kf_csv_reader *r, struct kf_err *err)
{
	struct header *h = &im->hdr;
	struct kf_buf unknown = { 0 };
	struct kf_err e;
	char **f, name[128];
	size_t n, i, nunknown = 0;
	enum kf_rc rc = KF_OK;
	int c, x, known = 0;

	kf_err_clear(&e);
	x = kf_csv_next(r, &f, &n, &e);
	if (x == 0)
		return kf_err_set(err, KF_INVALID, "the file is empty: the "
		    "first row must name the columns (account, name, phones, "
		    "...)");
	if (x < 0 && e.rc == KF_DBERR)
		return kf_err_set(err, KF_DBERR, "%s", e.msg);
	if (x < 0)
		return kf_err_set(err, KF_INVALID, "line %lu (the header): %s",
		    kf_csv_line(r), e.msg);
	for (i = 0; i < NCOLS; i++)
		h->at[i] = -1;
	h->n = n;
	h->map = xcalloc(n, sizeof(*h->map));
	for (i = 0; i < n; i++) {
		if (kf_blank(f[i])) {
			rc = kf_err_set(err, KF_INVALID, "column %zu of the "
			    "header has no name", i + 1);
			goto out;
		}
		if ((c = column_of(f[i])) < 0) {
			shown(name, sizeof(name), f[i], 24);
			kf_buf_printf(&unknown, "%s'%s'", nunknown ? ", " : "",
			    name);
			nunknown++;
			continue;
		}
		if (h->at[c] >= 0) {
			rc = kf_err_set(err, KF_INVALID, "column %s is in the "
			    "header twice (columns %d and %zu)",
			    columns[c].name, h->at[c] + 1, i + 1);
			goto out;
		}
		h->at[c] = (int)i;
		h->map[i] = (enum col)c;
		if (c < NDATA)
			known++;
	}
	if (known == 0)
		rc = kf_err_set(err, KF_INVALID, "the first row is not a "
		    "header: it names no known column (account, name, phones, "
		    "...)");
	else if (nunknown > 0)
		rc = kf_err_set(err, KF_INVALID, "unknown column %s in the "
		    "header (known: account, name, phones, community, "
		    "building, unit, room, address, kind, move_in, notes, "
		    "status; a reject file's reason and raw are ignored)",
		    kf_buf_str(&unknown));
	else if (h->at[C_NAME] < 0)
		rc = kf_err_set(err, KF_INVALID, "the header has no name "
		    "column (name is required)");
out:
	kf_buf_free(&unknown);
	return rc;
}

/* ---- rows ---- */

/* Turns Y/M/D or Y-M-D (one- or two-digit month and day) into YYYY-MM-DD. */
static char *
date_of(const char *s)
{
	char *t = trimmed(s), sep, *e;
	long y, m, d;

	if (strlen(t) < 8 || strlen(t) > 10 || (t[4] != '-' && t[4] != '/') ||
	    strspn(t, "0123456789") != 4 || t[5] < '0' || t[5] > '9')
		return t;
	sep = t[4];
	m = strtol(t + 5, &e, 10);
	if (e == t + 5 || e > t + 7 || *e != sep || e[1] < '0' || e[1] > '9')
		return t;
	d = strtol(e + 1, &e, 10);
	if (*e != '\0' || m < 0 || d < 0)
		return t;
	y = strtol(t, NULL, 10);
	e = xasprintf("%04ld-%02ld-%02ld", y, m, d);
	free(t);
	return e;
}

static void
add_phone(struct kf_customer *c, int *np, const char *p, size_t len,
    bool *toomany)
{
	char *s = xasprintf("%.*s", (int)len, p);

	if (kf_blank(s)) {
		free(s);
		return;
	}
	if (*np == KF_MAX_PHONES) {
		*toomany = true;
		free(s);
		return;
	}
	c->phones[(*np)++] = s;
}

/*
 * Splits a phones field at ';', '/' or ',' and their full-width forms
 * '；' '／' '，', or '、'. No separator can be part of a phone number.
 */
static bool
split_phones(struct kf_customer *c, const char *s)
{
	static const char *const wide[] = { "\xef\xbc\x9b", "\xef\xbc\x8f",
	    "\xef\xbc\x8c", "\xe3\x80\x81" };	/* ； ／ ， 、 */
	const char *p = s, *q;
	bool toomany = false;
	size_t i;
	int np = 0;

	for (q = p; *q; ) {
		if (*q == ';' || *q == '/' || *q == ',') {
			add_phone(c, &np, p, (size_t)(q - p), &toomany);
			p = ++q;
			continue;
		}
		for (i = 0; i < 4; i++)
			if (strncmp(q, wide[i], 3) == 0)
				break;
		if (i < 4) {
			add_phone(c, &np, p, (size_t)(q - p), &toomany);
			p = q += 3;
		} else
			q++;
	}
	add_phone(c, &np, p, (size_t)(q - p), &toomany);
	return !toomany;
}

static const char *
field_of(const struct header *h, char **f, enum col c)
{
	return h->at[c] >= 0 ? f[h->at[c]] : "";
}

/*
 * Fills c from a row's fields (c zeroed by the caller; cleared by the
 * caller whatever this returns) and checks it. KF_INVALID with err and
 * err->field set when the row is bad.
 */
static enum kf_rc
row_to_customer(const struct header *h, char **f, size_t n,
    struct kf_customer *c, struct kf_err *err)
{
	const char *s;
	char shownv[96];

	if (n != h->n)
		return kf_err_set(err, KF_INVALID, "the row has %zu fields, "
		    "the header %zu", n, h->n);
	s = field_of(h, f, C_ACCOUNT);
	c->account = *s ? trimmed(s) : NULL;
	c->name = xstrdup(field_of(h, f, C_NAME));
	c->community = xstrdup(field_of(h, f, C_COMMUNITY));
	c->building = xstrdup(field_of(h, f, C_BUILDING));
	c->unit = xstrdup(field_of(h, f, C_UNIT));
	c->room = xstrdup(field_of(h, f, C_ROOM));
	c->address = xstrdup(field_of(h, f, C_ADDRESS));
	c->notes = xstrdup(field_of(h, f, C_NOTES));
	s = field_of(h, f, C_MOVE_IN);
	c->move_in = *s ? date_of(s) : NULL;
	if (!split_phones(c, field_of(h, f, C_PHONES))) {
		kf_err_set(err, KF_INVALID, "more than %d phone numbers",
		    KF_MAX_PHONES);
		kf_err_field(err, "phones");
		return KF_INVALID;
	}
	s = field_of(h, f, C_KIND);
	if (!kf_customer_kind_from_text(s, &c->kind)) {
		shown(shownv, sizeof(shownv), s, 20);
		kf_err_set(err, KF_INVALID, "unknown kind '%s' (resident, "
		    "commercial or other; 居民, 商户 or 其他)", shownv);
		kf_err_field(err, "kind");
		return KF_INVALID;
	}
	s = field_of(h, f, C_STATUS);
	if (!kf_customer_status_from_text(s, &c->status)) {
		shown(shownv, sizeof(shownv), s, 20);
		kf_err_set(err, KF_INVALID, "unknown status '%s' (active or "
		    "moved_out; 在住 or 迁出)", shownv);
		kf_err_field(err, "status");
		return KF_INVALID;
	}
	return kf_customer_check(c, err);
}

/*
 * True for a reject file's row nobody corrected: raw holds the record,
 * every customer column is empty.
 */
static bool
only_raw(const struct header *h, char **f, size_t n)
{
	size_t i;

	if (n != h->n || h->at[C_RAW] < 0 || *f[h->at[C_RAW]] == '\0')
		return false;
	for (i = 0; i < n; i++)
		if (h->map[i] < NDATA && !kf_blank(f[i]))
			return false;
	return true;
}

static void
mark_good(struct import *im, size_t rec, bool good)
{
	if (rec / 8 >= im->goodcap) {
		size_t ncap = im->goodcap ? im->goodcap * 2 : 4096;

		im->good = xrealloc(im->good, ncap);
		memset(im->good + im->goodcap, 0, ncap - im->goodcap);
		im->goodcap = ncap;
	}
	if (good)
		im->good[rec / 8] |= (unsigned char)(1u << (rec % 8));
}

static bool
is_good(const struct import *im, size_t rec)
{
	return rec / 8 < im->goodcap &&
	    (im->good[rec / 8] & (1u << (rec % 8))) != 0;
}

/*
 * The reject file's header: the file's customer columns, in its order,
 * then reason and raw.
 */
static enum kf_rc
write_reject_header(struct import *im, struct kf_err *err)
{
	const char **v = xcalloc(im->hdr.n + 2, sizeof(*v));
	size_t i, m = 0;
	int x;

	for (i = 0; i < im->hdr.n; i++)
		if (im->hdr.map[i] < NDATA)
			v[m++] = columns[im->hdr.map[i]].name;
	v[m++] = columns[C_REASON].name;
	v[m++] = columns[C_RAW].name;
	x = kf_csv_write(im->rejects, v, m);
	free(v);
	if (x != 0)
		return kf_err_set(err, KF_DBERR, "cannot write the reject "
		    "file: %s", strerror(errno));
	return KF_OK;
}

/*
 * Counts, lists and (skip_bad) writes a bad row: its customer fields (f,
 * n; f NULL: none), the reason and raw (NULL: empty), the record as it was
 * in the file (kf_csv_raw).
 */
static enum kf_rc
bad_row(struct import *im, unsigned long line, const char *field,
    const char *why, char **f, size_t n, const char *raw, struct kf_err *err)
{
	struct kf_import_report *rep = im->rep;
	struct kf_import_bad *b;
	const char **v;
	size_t i, m = 0;
	int x;

	rep->nbad++;
	if (rep->nlisted < KF_IMPORT_LISTED_MAX) {
		if (rep->nlisted == 0)
			rep->bad = xcalloc(KF_IMPORT_LISTED_MAX,
			    sizeof(*rep->bad));
		b = &rep->bad[rep->nlisted++];
		b->line = line;
		snprintf(b->field, sizeof(b->field), "%s", field ? field : "");
		shown(b->reason, sizeof(b->reason), why, 250);
	}
	if (!im->skip_bad || im->rejects == NULL)
		return KF_OK;
	v = xcalloc(im->hdr.n + 2, sizeof(*v));
	for (i = 0; i < im->hdr.n; i++)
		if (im->hdr.map[i] < NDATA)
			v[m++] = f != NULL && i < n ? f[i] : "";
	kf_buf_reset(&im->tmp);
	if (field != NULL && *field != '\0')
		kf_buf_printf(&im->tmp, "line %lu: %s: %s", line, field, why);
	else
		kf_buf_printf(&im->tmp, "line %lu: %s", line, why);
	v[m++] = kf_buf_str(&im->tmp);
	v[m++] = raw;
	x = kf_csv_write(im->rejects, v, m);
	free(v);
	if (x != 0)
		return kf_err_set(err, KF_DBERR, "cannot write the reject "
		    "file: %s", strerror(errno));
	return KF_OK;
}

/* The name of the customer holding account (allocated), or NULL. */
static char *
taken_by(struct kf_core *k, const char *account, int *src)
{
	sqlite3_stmt *st = kf_sql(k, SQL_ACCOUNT_NAME);
	char *name = NULL;

	kf_bind_text(st, ":a", account);
	*src = sqlite3_step(st);
	if (*src == SQLITE_ROW)
		name = kf_col_strdup(st, 0);
	kf_sql_done(st);
	return name;
}

/*
 * A bad row that was read as CSV, as the reject file gets it: sets *cols
 * to its fields, or to NULL when they cannot stand for the row, and
 * returns its raw text (NULL: none):
 *   - more fields than the header has columns (which value is the extra
 *     one is not known), or a field holding a character the file writes
 *     as '?' (a control character): the columns, imported again, would
 *     be a different row; they are left empty and raw keeps the record,
 *     as for a row that could not be read;
 *   - fewer fields: the fields as read, and the record in raw;
 *   - otherwise the fields, and the row's own raw column (a reject file
 *     imported again), usually empty.
 */
static const char *
reject_of(struct import *im, struct kf_csv_reader *r, char **f, size_t n,
    char ***cols)
{
	size_t i;

	*cols = f;
	if (!im->skip_bad || im->rejects == NULL)
		return NULL;		/* no reject file */
	for (i = 0; i < n && i < im->hdr.n; i++)
		if (im->hdr.map[i] < NDATA && !kf_csv_written_as_is(f[i]))
			break;
	if (n > im->hdr.n || i < n) {
		*cols = NULL;
		return kf_csv_raw(r);
	}
	if (n < im->hdr.n)
		return kf_csv_raw(r);
	return field_of(&im->hdr, f, C_RAW);
}

/* Pass 1: checks every row (see the design note). */
static enum kf_rc
check_all(struct import *im, struct kf_err *err)
{
	struct kf_csv_reader *r = kf_csv_open(im->in);
	struct kf_customer c;
	struct kf_err e;
	char **f, **cols, acc[64], who[96];
	const char *raw;
	size_t n;
	unsigned long line, first;
	enum kf_rc rc;
	char *name;
	int x, src;

	if ((rc = read_header(im, r, err)) != KF_OK)
		goto out;
	if (im->skip_bad && im->rejects != NULL) {
		kf_csv_keep_raw(r, RAW_MAX);
		if ((rc = write_reject_header(im, err)) != KF_OK)
			goto out;
	}
	for (;;) {
		kf_err_clear(&e);
		x = kf_csv_next(r, &f, &n, &e);
		if (x == 0)
			break;
		line = kf_csv_line(r);
		if (x < 0 && e.rc == KF_DBERR) {
			rc = kf_err_set(err, KF_DBERR, "%s", e.msg);
			goto out;
		}
		mark_good(im, im->nrec, false);
		im->nrec++;
		if (x < 0) {
			size_t bf = kf_csv_bad_field(r);
			const char *col = bf > 0 && bf <= im->hdr.n ?
			    columns[im->hdr.map[bf - 1]].name : "";

			im->rep->rows++;
			rc = bad_row(im, line, col, e.msg, NULL, 0, kf_csv_raw(r),
			    err);
			if (rc != KF_OK)
				goto out;
			continue;
		}
		if (blank_row(f, n)) {
			im->rep->blank++;
			continue;
		}
		im->rep->rows++;
		memset(&c, 0, sizeof(c));
		if (only_raw(&im->hdr, f, n)) {
			rc = kf_err_set(&e, KF_INVALID, "not corrected: the row "
			    "is only in the raw column (copy its values into the "
			    "columns)");
			kf_err_field(&e, columns[C_RAW].name);
		} else
			rc = row_to_customer(&im->hdr, f, n, &c, &e);
		/* An account number counts as seen even on a bad row: the
		 * file gives it twice either way. */
		if (n == im->hdr.n && c.account != NULL &&
		    (first = seen_add(&im->seen, c.account, line)) != 0 &&
		    rc == KF_OK) {
			shown(acc, sizeof(acc), c.account, 32);
			rc = kf_err_set(&e, KF_INVALID, "account number %s is "
			    "also on line %lu", acc, first);
			kf_err_field(&e, "account");
		}
		if (rc == KF_OK && c.account != NULL) {
			name = taken_by(im->k, c.account, &src);
			if (src != SQLITE_ROW && src != SQLITE_DONE) {
				kf_customer_clear(&c);
				rc = kf_db_err(im->k, src, "checking account "
				    "numbers", err);
				goto out;
			}
			if (name != NULL) {
				shown(acc, sizeof(acc), c.account, 32);
				shown(who, sizeof(who), name, 20);
				rc = kf_err_set(&e, KF_INVALID, "account "
				    "number %s is already taken (%s)", acc, who);
				kf_err_field(&e, "account");
				free(name);
			}
		}
		if (rc == KF_OK) {
			mark_good(im, im->nrec - 1, true);
			if (c.account != NULL && *c.account != '\0')
				im->with_account++;
			else
				im->without_account++;
		}
		kf_customer_clear(&c);
		if (rc != KF_OK) {
			raw = reject_of(im, r, f, n, &cols);
			rc = bad_row(im, line, e.field, e.msg, cols, n, raw, err);
			if (rc != KF_OK)
				goto out;
		}
	}
	rc = KF_OK;
out:
	kf_csv_close(r);
	return rc;
}

/* Adds the chunk v[0..n) (lines[i] their lines); clears them. */
static enum kf_rc
flush(struct import *im, struct kf_customer *v, const unsigned long *lines,
    size_t *n, struct kf_err *err)
{
	struct kf_err e;
	enum kf_rc rc = KF_OK;
	size_t bad = 0, i;

	if (*n == 0)
		return KF_OK;
	kf_err_clear(&e);
	rc = kf_customer_add_batch(im->k, v, *n, &bad, &e);
	if (rc == KF_OK)
		im->rep->imported += *n;
	else if (rc == KF_INVALID || rc == KF_CONFLICT)
		kf_err_set(err, rc, "line %lu: %s", lines[bad], e.msg);
	else if (err != NULL)
		*err = e;
	for (i = 0; i < *n; i++)
		kf_customer_clear(&v[i]);
	*n = 0;
	return rc;
}

/*
 * Pass 2: adds the good rows with (with_account) or without an account
 * number, from the start of the file.
 */
static enum kf_rc
add_all(struct import *im, bool with_account, struct kf_err *err)
{
	struct kf_csv_reader *r;
	struct kf_customer v[CHUNK];
	unsigned long lines[CHUNK];
	struct kf_err e;
	char **f;
	size_t n, rec = 0, nv = 0;
	enum kf_rc rc = KF_OK;
	int x;

	clearerr(im->in);
	if (fseeko(im->in, im->start, SEEK_SET) != 0)
		return kf_err_set(err, KF_DBERR, "cannot read the file again: "
		    "%s", strerror(errno));
	r = kf_csv_open(im->in);
	memset(v, 0, sizeof(v));
	if (kf_csv_next(r, &f, &n, &e) != 1)	/* the header, read before */
		goto changed;
	while ((x = kf_csv_next(r, &f, &n, &e)) != 0) {
		if (rec == im->nrec)
			goto changed;
		if (!is_good(im, rec++))
			continue;
		if (x < 0)
			goto changed;
		memset(&v[nv], 0, sizeof(v[nv]));
		if (row_to_customer(&im->hdr, f, n, &v[nv], &e) != KF_OK) {
			kf_customer_clear(&v[nv]);
			goto changed;
		}
		if ((v[nv].account != NULL && *v[nv].account != '\0') !=
		    with_account) {
			kf_customer_clear(&v[nv]);
			continue;
		}
		lines[nv++] = kf_csv_line(r);
		if (nv == CHUNK &&
		    (rc = flush(im, v, lines, &nv, err)) != KF_OK)
			goto out;
	}
	if (rec != im->nrec)
		goto changed;
	rc = flush(im, v, lines, &nv, err);
	goto out;
changed:
	rc = kf_err_set(err, KF_INVALID, "the file changed while it was being "
	    "imported: nothing imported");
out:
	while (nv > 0)
		kf_customer_clear(&v[--nv]);
	kf_csv_close(r);
	return rc;
}

/* Makes im->in seekable: a pipe is copied to an anonymous temporary file. */
static enum kf_rc
seekable(struct import *im, FILE **copy, struct kf_err *err)
{
	char buf[65536];
	size_t got;

	*copy = NULL;
	if ((im->start = ftello(im->in)) >= 0 &&
	    fseeko(im->in, im->start, SEEK_SET) == 0)
		return KF_OK;
	if ((*copy = tmpfile()) == NULL)
		return kf_err_set(err, KF_DBERR, "cannot make a temporary copy "
		    "of the input: %s", strerror(errno));
	while ((got = fread(buf, 1, sizeof(buf), im->in)) > 0)
		if (fwrite(buf, 1, got, *copy) != got)
			return kf_err_set(err, KF_DBERR, "cannot make a "
			    "temporary copy of the input: %s", strerror(errno));
	if (ferror(im->in))
		return kf_err_set(err, KF_DBERR, "cannot read the file: %s",
		    strerror(errno));
	if (fflush(*copy) != 0 || fseeko(*copy, 0, SEEK_SET) != 0)
		return kf_err_set(err, KF_DBERR, "cannot make a temporary copy "
		    "of the input: %s", strerror(errno));
	im->in = *copy;
	im->start = 0;
	return KF_OK;
}

enum kf_rc
kf_customer_import_estimate(FILE *in, size_t *lines, int *seconds,
    struct kf_err *err)
{
	char buf[65536];
	size_t got, n = 0;
	char *p, *end;
	off_t at;

	*lines = 0;
	*seconds = 0;
	if ((at = ftello(in)) < 0 || fseeko(in, at, SEEK_SET) != 0)
		return KF_OK;		/* a pipe: read once, by the import */
	while ((got = fread(buf, 1, sizeof(buf), in)) > 0)
		for (p = buf, end = buf + got;
		    (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
			n++;
	if (ferror(in) || fseeko(in, at, SEEK_SET) != 0)
		return kf_err_set(err, KF_DBERR, "cannot read the file: %s",
		    strerror(errno));
	*lines = n;
	*seconds = (int)((n + KF_IMPORT_ROWS_PER_S - 1) / KF_IMPORT_ROWS_PER_S);
	return KF_OK;
}

enum kf_rc
kf_customer_import(struct kf_core *k, FILE *in, bool skip_bad, FILE *rejects,
    struct kf_import_report *rep, struct kf_err *err)
{
	struct import im;
	FILE *copy = NULL;
	char what[80];
	enum kf_rc rc;
	int old_cache = 0;
	bool cache_swapped = false;

	memset(rep, 0, sizeof(*rep));
	memset(&im, 0, sizeof(im));
	im.k = k;
	im.in = in;
	im.skip_bad = skip_bad;
	im.rejects = rejects;
	im.rep = rep;
	if ((rc = kf_may(k, KF_ACT_CUSTOMER_EDIT, 0, err)) != KF_OK)
		return rc;
	if ((rc = seekable(&im, &copy, err)) != KF_OK)
		goto out;
	/* Sessions that give up waiting behind the import say what holds
	 * the database, and whose it is. */
	snprintf(what, sizeof(what), kf_gettext(
	    N_("a customer import by %s")), k->actor_login);
	kf_core_doing(k, what);
	/* Pass 2 inserts into indexes whose pages are all over the file
	 * (name pieces, phones): with SQLite's 2 MB page cache most inserts
	 * read a page back from the WAL, and the import slowed as it grew. */
	old_cache = kf_cache_swap(k, -1024 * IMPORT_CACHE_MB);
	cache_swapped = true;
	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		goto out;
	rc = check_all(&im, err);
	if (rc == KF_OK && rep->nbad > 0 && !skip_bad)
		rc = kf_err_set(err, KF_INVALID, "%zu of %zu rows are bad: "
		    "nothing imported", rep->nbad, rep->rows);
	if (rc == KF_OK && rejects != NULL && fflush(rejects) != 0)
		rc = kf_err_set(err, KF_DBERR, "cannot write the reject file: "
		    "%s", strerror(errno));
	if (rc == KF_OK && im.with_account > 0)
		rc = add_all(&im, true, err);
	if (rc == KF_OK && im.without_account > 0)
		rc = add_all(&im, false, err);
	rc = kf_tx_end(k, rc, err);
	if (rc != KF_OK)
		rep->imported = 0;
out:
	if (cache_swapped)
		kf_cache_swap(k, old_cache);
	kf_core_doing(k, NULL);
	if (copy != NULL)
		fclose(copy);
	seen_free(&im.seen);
	free(im.hdr.map);
	free(im.good);
	kf_buf_free(&im.tmp);
	return rc;
}

/* ---- export ---- */

static enum kf_rc
write_customer(FILE *out, const struct kf_customer *c, struct kf_buf *phones)
{
	const char *v[NDATA];
	int i;

	kf_buf_reset(phones);
	kf_buf_puts(phones, "");
	for (i = 0; i < KF_MAX_PHONES && c->phones[i] != NULL; i++) {
		if (i > 0)
			kf_buf_puts(phones, ";");
		kf_buf_puts(phones, c->phones[i]);
	}
	v[C_ACCOUNT] = c->account;
	v[C_NAME] = c->name;
	v[C_PHONES] = kf_buf_str(phones);
	v[C_COMMUNITY] = c->community;
	v[C_BUILDING] = c->building;
	v[C_UNIT] = c->unit;
	v[C_ROOM] = c->room;
	v[C_ADDRESS] = c->address;
	v[C_KIND] = kf_customer_kind_name(c->kind);
	v[C_MOVE_IN] = c->move_in;
	v[C_NOTES] = c->notes;
	v[C_STATUS] = kf_customer_status_name(c->status);
	return kf_csv_write(out, v, NDATA) == 0 ? KF_OK : KF_DBERR;
}

enum kf_rc
kf_customer_export(struct kf_core *k, FILE *out, size_t *count,
    struct kf_err *err)
{
	static const struct kf_customer_filter all = { NULL, NULL, -1 };
	const char *hdr[NDATA];
	struct kf_customer *v = NULL, *prev;
	struct kf_buf phones = { 0 };
	size_t n = 0, i, total = 0;
	enum kf_rc rc;
	int j;

	if (count != NULL)
		*count = 0;
	/* Before the header: a refused export writes nothing. */
	if ((rc = kf_may(k, KF_ACT_CUSTOMER_VIEW, 0, err)) != KF_OK)
		return rc;
	for (j = 0; j < NDATA; j++)
		hdr[j] = columns[j].name;
	if (kf_csv_write(out, hdr, NDATA) != 0)
		goto werr;
	/* The register's pages, in id order (one way to page customers);
	 * each page is read whole before any of it is written. */
	rc = kf_customer_list(k, &all, KF_PAGE_FIRST, NULL, PAGE, &v, &n, err);
	while (rc == KF_OK) {
		for (i = 0; i < n; i++) {
			if (write_customer(out, &v[i], &phones) != KF_OK)
				goto werr;
			total++;
		}
		if (n < PAGE)
			break;
		prev = v;
		rc = kf_customer_list(k, &all, KF_PAGE_AFTER, &prev[n - 1],
		    PAGE, &v, &n, err);
		kf_customer_list_free(prev, PAGE);
	}
	if (rc != KF_OK)
		goto out;
	if (fflush(out) != 0)
		goto werr;
	goto out;
werr:
	rc = kf_err_set(err, KF_DBERR, "cannot write the export: %s",
	    strerror(errno));
out:
	kf_customer_list_free(v, n);
	if (count != NULL)
		*count = total;
	kf_buf_free(&phones);
	return rc;
}
