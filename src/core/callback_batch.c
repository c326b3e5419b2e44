/*
 * callback_batch.c — the callbacks made in batches (callback.h): the
 * month's repair-quality sample (R42), a supervisor's opinion survey
 * (R41) and the open letter that answers many tasks at once (R46).
 *
 * Each is one transaction: its own record (callback_sample,
 * callback_survey, callback_letter: schema/022) with one audit row that
 * holds every column and the ids it links, and the tasks it makes or
 * completes through callback.c (kf_callback_task_tx,
 * kf_callback_letter_done_tx), so nothing is half-saved and kefu check
 * replays the three tables against their trail (integrity.c).
 *
 * Design note: the sample (R42; docs/callback-sample.md for the
 * statistics).
 *   month over? ── no ──> KF_REFUSED (the current or a future month)
 *   drawn?      ── yes ─> the stored sample, *drawn false (frozen: the
 *                         rate, seed and orders of the month never change)
 *   population  ── 0 ───> KF_REFUSED, nothing recorded
 *   seed := randombytes_buf (libsodium: the system's generator; nobody
 *           picks it, so the person running the draw cannot steer it)
 *   size := kf_sample_size(N, callback.sample_rate)
 *   ids  := kf_sample_draw(seed, population by technician, size)
 *   store the month, its drawn ids, the audit row; one task per id.
 * The population is read from the partial index order_closed (state 6,
 * closed_at, technician_id) alone. The draw depends only on (seed, the
 * set of (id, technician), size): kf_sample_draw sorts its input, so the
 * order the database returns rows in does not matter, and verify can
 * recompute it any day from the stored seed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "internal.h"
#include "kefu/callback.h"
#include "kefu/clock.h"
#include "kefu/i18n.h"
#include "kefu/perm.h"
#include "kefu/policy.h"
#include "kefu/rate.h"
#include "kefu/sample.h"

#define DAY			86400LL
#define SURVEY_MAX_AHEAD	(366 * DAY)	/* R41: a survey's deadline */
#define SURVEY_MAX_CUSTOMERS	10000
#define LETTER_MAX_TASKS	10000

static const char SQL_SAMPLE_GET[] =
    "SELECT seed, rate, population, size, population_hash, drawn_at, "
    "drawn_by FROM callback_sample WHERE month = :month";
static const char SQL_SAMPLE_IDS[] =
    "SELECT order_id FROM callback_sample_order WHERE month = :month "
    "ORDER BY seq";
static const char SQL_SAMPLE_INSERT[] =
    "INSERT INTO callback_sample (month, seed, rate, population, size, "
    "population_hash, drawn_at, drawn_by) VALUES (:month, :seed, :rate, "
    ":pop, :size, :hash, :at, :by)";
/* The drawn ids (a JSON array, in the order drawn) as rows 1..size. */
static const char SQL_SAMPLE_ORDER_INSERT[] =
    "INSERT INTO callback_sample_order (month, seq, order_id) "
    "SELECT :month, key + 1, value FROM json_each(:ids)";
/* The population: closed in [from, to), from the index order_closed. */
static const char SQL_POPULATION[] =
    "SELECT id, coalesce(technician_id, 0) FROM work_order "
    "INDEXED BY order_closed "
    "WHERE state = 6 AND closed_at >= :from AND closed_at < :to";
static const char SQL_POPULATION_ANY[] =
    "SELECT 1 FROM work_order INDEXED BY order_closed "
    "WHERE state = 6 AND closed_at >= :from AND closed_at < :to LIMIT 1";
/* Who to call about each drawn order, in the order drawn. */
static const char SQL_ORDERS_FOR_TASKS[] =
    "SELECT o.id, o.customer_id, o.contact_name, o.contact_phone, o.fault "
    "FROM json_each(:ids) AS j JOIN work_order AS o ON o.id = j.value "
    "ORDER BY j.key";

static const char SQL_CUSTOMER_FOR_TASK[] =
    "SELECT name, phones FROM customer WHERE id = :id";
static const char SQL_SURVEY_GET[] =
    "SELECT title, script, due_at, customers, created_at, created_by "
    "FROM callback_survey WHERE id = :id";
static const char SQL_SURVEY_INSERT[] =
    "INSERT INTO callback_survey (title, script, due_at, customers, "
    "created_at, created_by) VALUES (:title, :script, :due, :n, :at, :by)";

static const char SQL_TASK_STATE[] =
    "SELECT state FROM callback WHERE id = :id";
static const char SQL_LETTER_INSERT[] =
    "INSERT INTO callback_letter (subject, text, dated, created_at, "
    "created_by) VALUES (:subject, :text, :dated, :at, :by)";
static const char SQL_LETTER_TASK_INSERT[] =
    "INSERT INTO callback_letter_task (letter_id, callback_id) "
    "VALUES (:letter, :task)";
static const char SQL_LETTER_GET[] =
    "SELECT subject, text, dated, created_at, created_by "
    "FROM callback_letter WHERE id = :id";
static const char SQL_LETTER_TASKS[] =
    "SELECT callback_id FROM callback_letter_task WHERE letter_id = :id "
    "ORDER BY callback_id";

/* ---- months ---- */

/* The local time of the first second of (year, month). */
static int64_t
month_start(int year, int month)
{
	struct tm tm = { 0 };

	tm.tm_year = year - 1900;
	tm.tm_mon = month - 1;
	tm.tm_mday = 1;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

enum kf_rc
kf_month_parse(const char *s, int64_t *from, int64_t *to, const char *field,
    struct kf_err *err)
{
	enum kf_rc rc;
	int y, m;

	if ((rc = kf_period_parse(s, field, &y, &m, err)) != KF_OK)
		return rc;
	*from = month_start(y, m);
	*to = m == 12 ? month_start(y + 1, 1) : month_start(y, m + 1);
	return KF_OK;
}

/* "YYYY-MM" of the month before the one t falls in (local time). */
static void
last_month(int64_t t, char out[8])
{
	time_t tt = (time_t)t;
	struct tm tm;
	int y, m;

	localtime_r(&tt, &tm);
	y = tm.tm_year + 1900;
	m = tm.tm_mon + 1;
	if (--m == 0) {
		m = 12;
		y--;
	}
	snprintf(out, 8, "%04u-%02u", (unsigned)y % 10000u,
	    (unsigned)m % 100u);
}

/* ---- the sample (R42) ---- */

void
kf_callback_sample_clear(struct kf_callback_sample *s)
{
	if (s == NULL)
		return;
	free(s->order_ids);
	memset(s, 0, sizeof(*s));
}

/*
 * Reads month's stored sample into s (may be NULL: only whether there is
 * one). KF_NOTFOUND when the month has none.
 */
static enum kf_rc
sample_load(struct kf_core *k, const char *month,
    struct kf_callback_sample *s, struct kf_err *err)
{
	sqlite3_stmt *st;
	int64_t *ids = NULL;
	size_t n = 0, cap;
	int src;

	st = kf_sql(k, SQL_SAMPLE_GET);
	kf_bind_text(st, ":month", month);
	src = sqlite3_step(st);
	if (src == SQLITE_DONE) {
		kf_sql_done(st);
		return kf_err_set(err, KF_NOTFOUND, "no sample drawn for %s "
		    "(R42)", month);
	}
	if (src != SQLITE_ROW) {
		kf_sql_done(st);
		return kf_db_err(k, src, "reading the month's sample", err);
	}
	if (s == NULL) {
		kf_sql_done(st);
		return KF_OK;
	}
	kf_callback_sample_clear(s);
	snprintf(s->month, sizeof(s->month), "%s", month);
	s->seed = (uint64_t)sqlite3_column_int64(st, 0);
	s->rate_permille = sqlite3_column_int(st, 1);
	s->population = sqlite3_column_int64(st, 2);
	s->size = sqlite3_column_int64(st, 3);
	s->population_hash = (uint64_t)sqlite3_column_int64(st, 4);
	s->drawn_at = sqlite3_column_int64(st, 5);
	s->drawn_by = sqlite3_column_int64(st, 6);
	kf_sql_done(st);
	/* Who drew it (F6's sample line: a technician's start may have). */
	if (s->drawn_by != 0)
		kf_staff_name(k, s->drawn_by, s->drawn_by_name,
		    sizeof(s->drawn_by_name));
	cap = s->size > 0 ? (size_t)s->size : 1;
	ids = xmalloc(cap * sizeof(*ids));
	st = kf_sql(k, SQL_SAMPLE_IDS);
	kf_bind_text(st, ":month", month);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap *= 2;
			ids = xrealloc(ids, cap * sizeof(*ids));
		}
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	kf_sql_done(st);
	if (src != SQLITE_DONE) {
		free(ids);
		return kf_db_err(k, src, "reading the month's sample", err);
	}
	s->order_ids = ids;
	return KF_OK;
}

/* The closed work orders of [from, to): *pop allocated (free()). */
static enum kf_rc
population(struct kf_core *k, int64_t from, int64_t to,
    struct kf_sample_unit **pop, size_t *n, struct kf_err *err)
{
	struct kf_sample_unit *v = NULL;
	sqlite3_stmt *st = kf_sql(k, SQL_POPULATION);
	size_t cap = 0, i = 0;
	int src;

	kf_bind_int(st, ":from", from);
	kf_bind_int(st, ":to", to);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (i == cap) {
			cap = cap ? 2 * cap : 1024;
			v = xrealloc(v, cap * sizeof(*v));
		}
		v[i].id = sqlite3_column_int64(st, 0);
		v[i].stratum = sqlite3_column_int64(st, 1);
		i++;
	}
	kf_sql_done(st);
	if (src != SQLITE_DONE) {
		free(v);
		return kf_db_err(k, src, "reading the month's completed work "
		    "orders", err);
	}
	*pop = v;
	*n = i;
	return KF_OK;
}

/* Whether [from, to) has a closed work order (no allocation). */
static enum kf_rc
population_any(struct kf_core *k, int64_t from, int64_t to, bool *any,
    struct kf_err *err)
{
	sqlite3_stmt *st = kf_sql(k, SQL_POPULATION_ANY);
	int src;

	kf_bind_int(st, ":from", from);
	kf_bind_int(st, ":to", to);
	src = sqlite3_step(st);
	kf_sql_done(st);
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		return kf_db_err(k, src, "reading the month's completed work "
		    "orders", err);
	*any = src == SQLITE_ROW;
	return KF_OK;
}

/*
 * The month's record, its drawn orders and its audit row "callback.sample"
 * (entity callback_sample, id YYYYMM: integrity.c). ids receives the
 * drawn ids as a JSON array, which the drawn orders' rows and the audit
 * row are made from (one statement for all the rows, not one each).
 */
static enum kf_rc
sample_store(struct kf_core *k, const struct kf_callback_sample *s,
    struct kf_buf *ids, struct kf_err *err)
{
	struct kf_buf after = { 0 };
	sqlite3_stmt *st;
	enum kf_rc rc;
	int64_t i;
	int src;

	kf_buf_add(ids, "[", 1);
	for (i = 0; i < s->size; i++)
		kf_buf_printf(ids, "%s%lld", i ? "," : "",
		    (long long)s->order_ids[i]);
	kf_buf_add(ids, "]", 1);
	st = kf_sql(k, SQL_SAMPLE_INSERT);
	kf_bind_text(st, ":month", s->month);
	kf_bind_int(st, ":seed", (int64_t)s->seed);
	kf_bind_int(st, ":rate", s->rate_permille);
	kf_bind_int(st, ":pop", s->population);
	kf_bind_int(st, ":size", s->size);
	kf_bind_int(st, ":hash", (int64_t)s->population_hash);
	kf_bind_int(st, ":at", s->drawn_at);
	if (s->drawn_by != 0)
		kf_bind_int(st, ":by", s->drawn_by);
	src = sqlite3_step(st);
	kf_sql_done(st);
	if (src == SQLITE_DONE) {
		st = kf_sql(k, SQL_SAMPLE_ORDER_INSERT);
		kf_bind_text(st, ":month", s->month);
		kf_bind_text(st, ":ids", kf_buf_str(ids));
		src = sqlite3_step(st);
		kf_sql_done(st);
	}
	if (src != SQLITE_DONE)
		return kf_db_err(k, src, "recording the month's sample", err);
	kf_buf_puts(&after, "{\"month\":");
	kf_buf_json_str(&after, s->month);
	kf_buf_printf(&after, ",\"seed\":%lld,\"rate\":%d,\"population\":%lld,"
	    "\"size\":%lld,\"population_hash\":%lld,\"drawn_at\":%lld,"
	    "\"drawn_by\":", (long long)(int64_t)s->seed, s->rate_permille,
	    (long long)s->population, (long long)s->size,
	    (long long)(int64_t)s->population_hash, (long long)s->drawn_at);
	if (s->drawn_by != 0)
		kf_buf_printf(&after, "%lld", (long long)s->drawn_by);
	else
		kf_buf_puts(&after, "null");
	kf_buf_puts(&after, ",\"order_ids\":");
	kf_buf_puts(&after, kf_buf_str(ids));
	kf_buf_puts(&after, "}");
	rc = kf_audit_append(k, "callback.sample", "callback_sample",
	    (int64_t)atoi(s->month) * 100 + atoi(s->month + 5), 1, NULL,
	    kf_buf_str(&after), err);
	kf_buf_free(&after);
	return rc;
}

/* Copies column i as a string ("" for NULL) into a malloc'd string. */
static char *
col_text(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	return xstrdup(s != NULL ? s : "");
}

/*
 * One task per drawn order (R42), who to call from the order: the drawn
 * ids (ids, a JSON array) joined to their orders in one statement.
 */
static enum kf_rc
sample_tasks(struct kf_core *k, const char *month, const char *ids,
    int64_t size, int64_t due, struct kf_err *err)
{
	struct kf_callback t;
	sqlite3_stmt *st = kf_sql(k, SQL_ORDERS_FOR_TASKS);
	char empty[1] = "", m[8], subject[160];
	enum kf_rc rc = KF_OK;
	int64_t made = 0;
	int src = SQLITE_DONE;

	snprintf(m, sizeof(m), "%s", month);
	kf_bind_text(st, ":ids", ids);
	while (rc == KF_OK && (src = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&t, 0, sizeof(t));
		t.reason = KF_CB_SAMPLE;
		t.state = KF_CB_OPEN;
		t.order_id = sqlite3_column_int64(st, 0);
		t.sample_month = m;
		t.customer_id = sqlite3_column_int64(st, 1);
		t.name = col_text(st, 2);
		t.phone = col_text(st, 3);
		/* What was repaired, its first line (a fault runs to 2,000
		 * characters over lines): the topic of the call. */
		kf_text_first_line(subject, sizeof(subject),
		    (const char *)sqlite3_column_text(st, 4));
		t.subject = subject;
		t.due_at = due;
		t.owner_id = 0;			/* the pool */
		t.said = t.reason_text = t.signed_name = t.problem = empty;
		rc = kf_callback_task_tx(k, &t, NULL, err);
		free(t.name);
		free(t.phone);
		made++;
	}
	kf_sql_done(st);
	if (rc != KF_OK)
		return rc;
	if (src != SQLITE_DONE)
		return kf_db_err(k, src, "reading the drawn work orders", err);
	if (made != size)		/* an order of the population gone */
		return kf_err_set(err, KF_DBERR, "%lld of the %lld drawn work "
		    "orders could not be read", (long long)(size - made),
		    (long long)size);
	return KF_OK;
}

/* The rate of a draw, refused outside 1..1000 permille (R42: a rate of
 * 0 or over 100% cannot sample). */
static enum kf_rc
sample_rate(struct kf_core *k, int *rate, struct kf_err *err)
{
	int64_t v = 0;
	enum kf_rc rc;

	if ((rc = kf_policy_value(k, "callback.sample_rate", &v, err)) !=
	    KF_OK)
		return rc;
	if (v < 1 || v > 1000)
		return kf_err_set(err, KF_REFUSED, "the sample rate "
		    "%lld.%lld%% is not a rate a sample can be drawn at: it "
		    "must be above 0 and at most 100%% (R42)",
		    (long long)(v / 10), (long long)(v < 0 ? -v % 10 : v % 10));
	*rate = (int)v;
	return KF_OK;
}

/*
 * The draw (inside a transaction): the stored sample when month has one
 * (*drawn false), else a new one. s receives it.
 */
static enum kf_rc
sample_tx(struct kf_core *k, const char *month, int64_t from, int64_t to,
    struct kf_callback_sample *s, bool *drawn, struct kf_err *err)
{
	struct kf_sample_unit *pop = NULL;
	struct kf_buf idj = { 0 };
	int64_t *ids = NULL, within = 0, now = kf_core_now(k), due;
	size_t n = 0;
	enum kf_rc rc;
	int rate = 0;

	*drawn = false;
	rc = sample_load(k, month, s, err);
	if (rc != KF_NOTFOUND)
		return rc;			/* drawn: frozen (R42) */
	kf_err_clear(err);
	if (now < to)
		return kf_err_set(err, KF_REFUSED, "%s is not over yet: its "
		    "sample is drawn once the month has ended (R42)", month);
	if ((rc = population(k, from, to, &pop, &n, err)) != KF_OK)
		return rc;
	if (n == 0) {
		rc = kf_err_set(err, KF_REFUSED, "no completed work orders in "
		    "%s: there is nothing to sample, and nothing was recorded "
		    "(R42)", month);
		goto end;
	}
	if ((rc = sample_rate(k, &rate, err)) != KF_OK ||
	    (rc = kf_policy_value(k, "callback.sample_within", &within,
	    err)) != KF_OK)
		goto end;
	kf_callback_sample_clear(s);
	snprintf(s->month, sizeof(s->month), "%s", month);
	/* Never chosen by anyone: the system's generator (R42). */
	randombytes_buf(&s->seed, sizeof(s->seed));
	s->rate_permille = rate;
	s->population = (int64_t)n;
	s->size = kf_sample_size((int64_t)n, rate);
	s->population_hash = kf_sample_hash(pop, n);
	s->drawn_at = now;
	s->drawn_by = kf_core_actor_id(k);
	if ((rc = kf_sample_draw(s->seed, pop, n, (size_t)s->size, &ids,
	    err)) != KF_OK)
		goto end;
	s->order_ids = ids;
	if ((rc = sample_store(k, s, &idj, err)) != KF_OK)
		goto end;
	due = now + within * DAY;
	rc = sample_tasks(k, month, kf_buf_str(&idj), s->size, due, err);
	if (rc == KF_OK)
		*drawn = true;
end:
	kf_buf_free(&idj);
	free(pop);
	if (rc != KF_OK)
		kf_callback_sample_clear(s);
	return rc;
}

/* The draw of month whoever is allowed (the caller checked). */
static enum kf_rc
sample_run(struct kf_core *k, const char *month, int64_t from, int64_t to,
    struct kf_callback_sample *s, bool *drawn, struct kf_err *err)
{
	struct kf_callback_sample mine;
	enum kf_rc rc;
	bool d = false;
	char what[80];

	memset(&mine, 0, sizeof(mine));
	/* Sessions waiting behind the draw say what holds the database. */
	snprintf(what, sizeof(what), kf_gettext(N_("the callback sample of "
	    "%s")), month);
	kf_core_doing(k, what);
	if ((rc = kf_tx_begin(k, err)) != KF_OK) {
		kf_core_doing(k, NULL);
		return rc;
	}
	rc = sample_tx(k, month, from, to, s != NULL ? s : &mine, &d, err);
	rc = kf_tx_end(k, rc, err);
	kf_core_doing(k, NULL);
	kf_callback_sample_clear(&mine);
	if (rc != KF_OK && s != NULL)
		kf_callback_sample_clear(s);
	if (drawn != NULL)
		*drawn = rc == KF_OK && d;
	return rc;
}

enum kf_rc
kf_callback_sample(struct kf_core *k, const char *month,
    struct kf_callback_sample *s, bool *drawn, struct kf_err *err)
{
	int64_t from, to;
	enum kf_rc rc;

	if (drawn != NULL)
		*drawn = false;
	if ((rc = kf_may(k, KF_ACT_CALLBACK_SAMPLE, 0, err)) != KF_OK ||
	    (rc = kf_month_parse(month, &from, &to, "month", err)) != KF_OK)
		return rc;
	return sample_run(k, month, from, to, s, drawn, err);
}

/*
 * The month's stored sample, never drawn here: KF_NOTFOUND when month has
 * none. A plain read (no transaction, no write lock), for whoever sees
 * callbacks: the seed and the orders drawn are what the tasks show.
 */
enum kf_rc
kf_callback_sample_get(struct kf_core *k, const char *month,
    struct kf_callback_sample *s, struct kf_err *err)
{
	int64_t from, to;
	enum kf_rc rc;

	if (s != NULL)
		kf_callback_sample_clear(s);
	if ((rc = kf_may(k, KF_ACT_CALLBACK_VIEW, 0, err)) != KF_OK ||
	    (rc = kf_month_parse(month, &from, &to, "month", err)) != KF_OK)
		return rc;
	if ((rc = sample_load(k, month, s, err)) != KF_OK && s != NULL)
		kf_callback_sample_clear(s);
	return rc;
}

/*
 * The start-up's draw. Any logged-in actor: the month (the last one),
 * the rate (the policy) and the seed (the system's generator) are not
 * his to choose, so whoever happens to start kefu first in a new month
 * cannot steer the draw, and the sample is not left waiting for a clerk
 * who may draw it (docs/callbacks.md). Read first without the write
 * lock, so an ordinary start takes none.
 */
enum kf_rc
kf_callback_sample_due(struct kf_core *k, struct kf_callback_sample *s,
    bool *drawn, struct kf_err *err)
{
	char month[8];
	int64_t from, to;
	enum kf_rc rc;
	bool any = false;

	if (drawn != NULL)
		*drawn = false;
	if (s != NULL)
		kf_callback_sample_clear(s);
	if ((rc = kf_need_actor(k, err)) != KF_OK)
		return rc;
	last_month(kf_core_now(k), month);
	if (s != NULL)		/* the month asked about, drawn or not */
		snprintf(s->month, sizeof(s->month), "%s", month);
	if ((rc = kf_month_parse(month, &from, &to, "month", err)) != KF_OK)
		return rc;
	rc = sample_load(k, month, NULL, err);
	if (rc == KF_OK)
		return KF_OK;			/* drawn already */
	if (rc != KF_NOTFOUND)
		return rc;
	kf_err_clear(err);
	if ((rc = population_any(k, from, to, &any, err)) != KF_OK)
		return rc;
	if (!any)
		return KF_OK;			/* nothing to draw: silent */
	rc = sample_run(k, month, from, to, s, drawn, err);
	if (s != NULL && s->month[0] == '\0')	/* cleared on a refusal */
		snprintf(s->month, sizeof(s->month), "%s", month);
	return rc;
}

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Which ids of a (na) are not in b (nb), both sorted, into the message
 * buffer: at most a few named, then how many more.
 */
static void
list_missing(struct kf_buf *m, const int64_t *a, size_t na, const int64_t *b,
    size_t nb, const char *what)
{
	size_t i, j = 0, shown = 0, more = 0;

	for (i = 0; i < na; i++) {
		while (j < nb && b[j] < a[i])
			j++;
		if (j < nb && b[j] == a[i])
			continue;
		if (shown < 5) {
			kf_buf_printf(m, "%s%lld", shown ? ", " : "; ",
			    (long long)a[i]);
			if (shown == 0)
				kf_buf_printf(m, " %s", what);
			shown++;
		} else
			more++;
	}
	if (more > 0)
		kf_buf_printf(m, " (+%zu)", more);
}

enum kf_rc
kf_callback_sample_verify(struct kf_core *k, const char *month,
    struct kf_err *err)
{
	struct kf_callback_sample s;
	struct kf_sample_unit *pop = NULL;
	struct kf_buf m = { 0 };
	int64_t from, to, *now_ids = NULL, *a = NULL, *b = NULL;
	uint64_t hash;
	size_t n = 0;
	enum kf_rc rc;
	bool same_pop, same_draw;

	memset(&s, 0, sizeof(s));
	if ((rc = kf_may(k, KF_ACT_CALLBACK_VIEW, 0, err)) != KF_OK ||
	    (rc = kf_month_parse(month, &from, &to, "month", err)) != KF_OK)
		return rc;
	if ((rc = sample_load(k, month, &s, err)) != KF_OK)
		return rc;
	if ((rc = population(k, from, to, &pop, &n, err)) != KF_OK)
		goto end;
	hash = kf_sample_hash(pop, n);
	same_pop = (int64_t)n == s.population && hash == s.population_hash;
	if (s.size > (int64_t)n) {
		same_draw = false;
	} else {
		if ((rc = kf_sample_draw(s.seed, pop, n, (size_t)s.size,
		    &now_ids, err)) != KF_OK)
			goto end;
		same_draw = memcmp(now_ids, s.order_ids, (size_t)s.size *
		    sizeof(*now_ids)) == 0;
	}
	if (same_pop && same_draw)
		goto end;
	/* Say what differs: the population, then the orders. */
	kf_buf_printf(&m, kf_gettext(N_("the sample of %s differs from a "
	    "draw today with its seed: %lld completed work orders then, %zu "
	    "now")), month, (long long)s.population, n);
	if (!same_draw && now_ids != NULL) {
		a = xmalloc((size_t)s.size * sizeof(*a) + 1);
		b = xmalloc((size_t)s.size * sizeof(*b) + 1);
		memcpy(a, s.order_ids, (size_t)s.size * sizeof(*a));
		memcpy(b, now_ids, (size_t)s.size * sizeof(*b));
		qsort(a, (size_t)s.size, sizeof(*a), cmp_i64);
		qsort(b, (size_t)s.size, sizeof(*b), cmp_i64);
		list_missing(&m, a, (size_t)s.size, b, (size_t)s.size,
		    kf_gettext(N_("drawn then, not now")));
		list_missing(&m, b, (size_t)s.size, a, (size_t)s.size,
		    kf_gettext(N_("drawn now, not then")));
	} else if (!same_draw)
		kf_buf_puts(&m, kf_gettext(N_("; fewer orders now than were "
		    "drawn")));
	kf_buf_puts(&m, " (R42)");
	rc = kf_err_set(err, KF_REFUSED, "%s", kf_buf_str(&m));
end:
	free(pop);
	free(now_ids);
	free(a);
	free(b);
	kf_buf_free(&m);
	kf_callback_sample_clear(&s);
	return rc;
}

/* ---- surveys (R41) ---- */

/* Whether v[0..n-1] holds a value twice: *dup the first found. */
static bool
has_duplicate(const int64_t *v, size_t n, int64_t *dup)
{
	int64_t *s;
	size_t i;
	bool found = false;

	if (n < 2)
		return false;
	s = xmalloc(n * sizeof(*s));
	memcpy(s, v, n * sizeof(*s));
	qsort(s, n, sizeof(*s), cmp_i64);
	for (i = 1; i < n && !found; i++)
		if (s[i] == s[i - 1]) {
			*dup = s[i];
			found = true;
		}
	free(s);
	return found;
}

/* The first phone of a customer's comma-separated list, in place. */
static void
first_phone(char *phones)
{
	char *c = strchr(phones, ',');

	if (c != NULL)
		*c = '\0';
}

/* One survey task for customer cid (R41). */
static enum kf_rc
survey_task(struct kf_core *k, int64_t survey, int64_t cid,
    const char *title, int64_t due, struct kf_err *err)
{
	struct kf_callback t;
	sqlite3_stmt *st = kf_sql(k, SQL_CUSTOMER_FOR_TASK);
	char empty[1] = "";
	enum kf_rc rc;
	int src;

	memset(&t, 0, sizeof(t));
	kf_bind_int(st, ":id", cid);
	src = sqlite3_step(st);
	if (src == SQLITE_DONE) {
		kf_sql_done(st);
		kf_err_set(err, KF_NOTFOUND, "no customer %lld on file: a "
		    "survey calls customers on file (R41)", (long long)cid);
		kf_err_field(err, "customers");
		return KF_NOTFOUND;
	}
	if (src != SQLITE_ROW) {
		kf_sql_done(st);
		return kf_db_err(k, src, "reading a surveyed customer", err);
	}
	t.reason = KF_CB_SURVEY;
	t.state = KF_CB_OPEN;
	t.survey_id = survey;
	t.customer_id = cid;
	t.name = col_text(st, 0);
	t.phone = col_text(st, 1);
	kf_sql_done(st);
	first_phone(t.phone);
	t.subject = xstrdup(title);
	t.sample_month = empty;
	t.due_at = due;
	t.owner_id = 0;
	t.said = t.reason_text = t.signed_name = t.problem = empty;
	rc = kf_callback_task_tx(k, &t, NULL, err);
	free(t.name);
	free(t.phone);
	free(t.subject);
	return rc;
}

void
kf_callback_survey_clear(struct kf_callback_survey *v)
{
	if (v == NULL)
		return;
	free(v->title);
	free(v->script);
	memset(v, 0, sizeof(*v));
}

/* The survey as its supervisor made it (R41): what the call says. */
enum kf_rc
kf_callback_survey_get(struct kf_core *k, int64_t id,
    struct kf_callback_survey *v, struct kf_err *err)
{
	sqlite3_stmt *st;
	enum kf_rc rc;
	int src;

	memset(v, 0, sizeof(*v));
	if ((rc = kf_may(k, KF_ACT_CALLBACK_VIEW, 0, err)) != KF_OK)
		return rc;
	st = kf_sql(k, SQL_SURVEY_GET);
	kf_bind_int(st, ":id", id);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		v->id = id;
		v->title = col_text(st, 0);
		v->script = col_text(st, 1);
		v->due_at = sqlite3_column_int64(st, 2);
		v->customers = sqlite3_column_int64(st, 3);
		v->created_at = sqlite3_column_int64(st, 4);
		v->created_by = sqlite3_column_int64(st, 5);
	}
	kf_sql_done(st);
	if (src == SQLITE_DONE)
		return kf_err_set(err, KF_NOTFOUND, "no opinion survey %lld "
		    "(R41)", (long long)id);
	if (src != SQLITE_ROW)
		return kf_db_err(k, src, "reading an opinion survey", err);
	return KF_OK;
}

enum kf_rc
kf_callback_survey(struct kf_core *k, const char *title, const char *script,
    int64_t due_at, const int64_t *customer_ids, size_t n, int64_t *id,
    struct kf_err *err)
{
	struct kf_buf after = { 0 };
	sqlite3_stmt *st;
	int64_t now = kf_core_now(k), sid = 0, dup = 0;
	enum kf_rc rc;
	size_t i;
	int src;

	if (id != NULL)
		*id = 0;
	if ((rc = kf_may(k, KF_ACT_CALLBACK_MANAGE, 0, err)) != KF_OK)
		return rc;
	if (kf_blank(title))
		return kf_err_about(err, KF_INVALID, "title", N_("a survey "
		    "needs a title (R41)"));
	if (kf_blank(script))
		return kf_err_about(err, KF_INVALID, "script", N_("a survey "
		    "needs the script line the clerk reads (R41)"));
	if ((rc = kf_check_text(title, "title", 100, true, err)) != KF_OK ||
	    (rc = kf_check_text(script, "script", 1000, true, err)) != KF_OK)
		return rc;
	if (due_at <= now)
		return kf_err_about(err, KF_INVALID, "due_at", N_("a survey's "
		    "deadline is after now (R41)"));
	if (due_at > now + SURVEY_MAX_AHEAD)
		return kf_err_about(err, KF_INVALID, "due_at", N_("a survey's "
		    "deadline is within 366 days (R41)"));
	if (n == 0 || customer_ids == NULL)
		return kf_err_about(err, KF_INVALID, "customers", N_("a survey "
		    "calls at least one customer (R41)"));
	if (n > SURVEY_MAX_CUSTOMERS) {
		kf_err_set(err, KF_INVALID, "a survey calls at most %d "
		    "customers (R41)", SURVEY_MAX_CUSTOMERS);
		kf_err_field(err, "customers");
		return KF_INVALID;
	}
	if (has_duplicate(customer_ids, n, &dup)) {
		kf_err_set(err, KF_INVALID, "customer %lld is on the survey's "
		    "list twice: each is called once (R41)", (long long)dup);
		kf_err_field(err, "customers");
		return KF_INVALID;
	}
	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		return rc;
	st = kf_sql(k, SQL_SURVEY_INSERT);
	kf_bind_text(st, ":title", title);
	kf_bind_text(st, ":script", script);
	kf_bind_int(st, ":due", due_at);
	kf_bind_int(st, ":n", (int64_t)n);
	kf_bind_int(st, ":at", now);
	kf_bind_int(st, ":by", kf_core_actor_id(k));
	src = sqlite3_step(st);
	kf_sql_done(st);
	if (src != SQLITE_DONE) {
		rc = kf_db_err(k, src, "recording the survey", err);
		goto end;
	}
	sid = sqlite3_last_insert_rowid(k->db);
	kf_buf_puts(&after, "{\"title\":");
	kf_buf_json_str(&after, title);
	kf_buf_puts(&after, ",\"script\":");
	kf_buf_json_str(&after, script);
	kf_buf_printf(&after, ",\"due_at\":%lld,\"customers\":%zu,"
	    "\"created_at\":%lld,\"created_by\":%lld}", (long long)due_at, n,
	    (long long)now, (long long)kf_core_actor_id(k));
	rc = kf_audit_append(k, "callback.survey", "callback_survey", sid, 1,
	    NULL, kf_buf_str(&after), err);
	for (i = 0; i < n && rc == KF_OK; i++)
		rc = survey_task(k, sid, customer_ids[i], title, due_at, err);
end:
	kf_buf_free(&after);
	rc = kf_tx_end(k, rc, err);
	if (rc == KF_OK && id != NULL)
		*id = sid;
	return rc;
}

/* ---- open letters (R46) ---- */

void
kf_callback_letter_clear(struct kf_callback_letter *l)
{
	if (l == NULL)
		return;
	free(l->subject);
	free(l->text);
	free(l->task_ids);
	memset(l, 0, sizeof(*l));
}

/* Task id exists and is open; else refused naming it and its state. */
static enum kf_rc
letter_task_open(struct kf_core *k, int64_t id, struct kf_err *err)
{
	sqlite3_stmt *st = kf_sql(k, SQL_TASK_STATE);
	int src, state = -1;

	kf_bind_int(st, ":id", id);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		state = sqlite3_column_int(st, 0);
	kf_sql_done(st);
	if (src == SQLITE_DONE) {
		kf_err_set(err, KF_NOTFOUND, "no callback task %lld",
		    (long long)id);
		kf_err_field(err, "tasks");
		return KF_NOTFOUND;
	}
	if (src != SQLITE_ROW)
		return kf_db_err(k, src, "reading a callback task", err);
	if (state != KF_CB_OPEN) {
		kf_err_set(err, KF_REFUSED, "callback task %lld is %s, not "
		    "open: an open letter answers open tasks only (R46)",
		    (long long)id, kf_gettext(kf_callback_state_info(state)->
		    label));
		kf_err_field(err, "tasks");
		return KF_REFUSED;
	}
	return KF_OK;
}

enum kf_rc
kf_callback_letter(struct kf_core *k, const char *subject, const char *text,
    int64_t dated, const int64_t *task_ids, size_t n, int64_t *id,
    struct kf_err *err)
{
	struct kf_buf after = { 0 };
	sqlite3_stmt *st;
	int64_t now = kf_core_now(k), lid = 0, dup = 0;
	enum kf_rc rc;
	size_t i;
	int src;

	if (id != NULL)
		*id = 0;
	if ((rc = kf_may(k, KF_ACT_CALLBACK_MANAGE, 0, err)) != KF_OK)
		return rc;
	if (kf_blank(subject))
		return kf_err_about(err, KF_INVALID, "subject", N_("an open "
		    "letter needs a subject (R46)"));
	if (kf_blank(text))
		return kf_err_about(err, KF_INVALID, "text", N_("an open "
		    "letter needs its text (R46)"));
	if ((rc = kf_check_text(subject, "subject", 200, true, err)) !=
	    KF_OK || (rc = kf_check_text(text, "text", 20000, true, err)) !=
	    KF_OK)
		return rc;
	if (dated <= 0)
		return kf_err_about(err, KF_INVALID, "dated", N_("an open "
		    "letter needs its date (R46)"));
	if (dated > now)
		return kf_err_about(err, KF_INVALID, "dated", N_("an open "
		    "letter is dated today or earlier, not in the future "
		    "(R46)"));
	if (n == 0 || task_ids == NULL)
		return kf_err_about(err, KF_INVALID, "tasks", N_("an open "
		    "letter answers at least one callback task (R46)"));
	if (n > LETTER_MAX_TASKS) {
		kf_err_set(err, KF_INVALID, "an open letter answers at most "
		    "%d tasks (R46)", LETTER_MAX_TASKS);
		kf_err_field(err, "tasks");
		return KF_INVALID;
	}
	if (has_duplicate(task_ids, n, &dup)) {
		kf_err_set(err, KF_INVALID, "callback task %lld is on the "
		    "letter's list twice (R46)", (long long)dup);
		kf_err_field(err, "tasks");
		return KF_INVALID;
	}
	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		return rc;
	for (i = 0; i < n && rc == KF_OK; i++)
		rc = letter_task_open(k, task_ids[i], err);
	if (rc != KF_OK)
		goto end;
	st = kf_sql(k, SQL_LETTER_INSERT);
	kf_bind_text(st, ":subject", subject);
	kf_bind_text(st, ":text", text);
	kf_bind_int(st, ":dated", dated);
	kf_bind_int(st, ":at", now);
	kf_bind_int(st, ":by", kf_core_actor_id(k));
	src = sqlite3_step(st);
	kf_sql_done(st);
	if (src != SQLITE_DONE) {
		rc = kf_db_err(k, src, "archiving the open letter", err);
		goto end;
	}
	lid = sqlite3_last_insert_rowid(k->db);
	for (i = 0; i < n && rc == KF_OK; i++) {
		st = kf_sql(k, SQL_LETTER_TASK_INSERT);
		kf_bind_int(st, ":letter", lid);
		kf_bind_int(st, ":task", task_ids[i]);
		src = sqlite3_step(st);
		kf_sql_done(st);
		if (src != SQLITE_DONE)
			rc = kf_db_err(k, src, "archiving the open letter",
			    err);
	}
	if (rc != KF_OK)
		goto end;
	kf_buf_puts(&after, "{\"subject\":");
	kf_buf_json_str(&after, subject);
	kf_buf_puts(&after, ",\"text\":");
	kf_buf_json_str(&after, text);
	kf_buf_printf(&after, ",\"dated\":%lld,\"created_at\":%lld,"
	    "\"created_by\":%lld,\"task_ids\":[", (long long)dated,
	    (long long)now, (long long)kf_core_actor_id(k));
	for (i = 0; i < n; i++)
		kf_buf_printf(&after, "%s%lld", i ? "," : "",
		    (long long)task_ids[i]);
	kf_buf_puts(&after, "]}");
	rc = kf_audit_append(k, "callback.letter", "callback_letter", lid, 1,
	    NULL, kf_buf_str(&after), err);
	/* Each task done by it, in the same transaction (R46). */
	for (i = 0; i < n && rc == KF_OK; i++)
		rc = kf_callback_letter_done_tx(k, task_ids[i], lid, err);
end:
	kf_buf_free(&after);
	rc = kf_tx_end(k, rc, err);
	if (rc == KF_OK && id != NULL)
		*id = lid;
	return rc;
}

enum kf_rc
kf_callback_letter_get(struct kf_core *k, int64_t id,
    struct kf_callback_letter *l, struct kf_err *err)
{
	sqlite3_stmt *st;
	size_t cap = 8;
	enum kf_rc rc;
	int src;

	memset(l, 0, sizeof(*l));
	if ((rc = kf_may(k, KF_ACT_CALLBACK_VIEW, 0, err)) != KF_OK)
		return rc;
	st = kf_sql(k, SQL_LETTER_GET);
	kf_bind_int(st, ":id", id);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		l->id = id;
		l->subject = col_text(st, 0);
		l->text = col_text(st, 1);
		l->dated = sqlite3_column_int64(st, 2);
		l->created_at = sqlite3_column_int64(st, 3);
		l->created_by = sqlite3_column_int64(st, 4);
	}
	kf_sql_done(st);
	if (src == SQLITE_DONE)
		return kf_err_set(err, KF_NOTFOUND, "no open letter %lld",
		    (long long)id);
	if (src != SQLITE_ROW)
		return kf_db_err(k, src, "reading an open letter", err);
	l->task_ids = xmalloc(cap * sizeof(*l->task_ids));
	st = kf_sql(k, SQL_LETTER_TASKS);
	kf_bind_int(st, ":id", id);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (l->ntasks == cap) {
			cap *= 2;
			l->task_ids = xrealloc(l->task_ids, cap *
			    sizeof(*l->task_ids));
		}
		l->task_ids[l->ntasks++] = sqlite3_column_int64(st, 0);
	}
	kf_sql_done(st);
	if (src != SQLITE_DONE) {
		kf_callback_letter_clear(l);
		return kf_db_err(k, src, "reading an open letter", err);
	}
	return KF_OK;
}
