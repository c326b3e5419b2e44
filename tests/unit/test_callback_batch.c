/*
 * test_callback_batch.c — the batch parts of callbacks (callback.h,
 * src/core/callback_batch.c): the month's repair-quality sample (R42)
 * at its edges (the month's last second and the next month's first, no
 * completed orders, the rate's bounds, the rate frozen once drawn, the
 * seed in the audit trail, stratified by technician, one task per order,
 * nothing half-saved, verify, the start-up's draw), the supervisor's
 * opinion survey (R41) and the open letter (R46), each refused field by
 * field, and kf_month_parse.
 *
 * The population is inserted into work_order directly (closed orders as
 * a finished lifecycle leaves them): the sample only reads it, and a
 * month of them through the whole order lifecycle would only slow the
 * tests. Tasks are read from the callback table with SQL, so the test
 * says what is stored, not what a list shows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "internal.h"
#include "kefu/callback.h"
#include "kefu/clock.h"
#include "kefu/customer.h"
#include "kefu/policy.h"
#include "kefu/sample.h"

#define DAY	86400LL

struct world {
	struct fixture	*fx;
	struct kf_core	*boss, *rec, *sup, *tech, *bill, *disp;
	int64_t		 rec_id, sup_id, tech_id, tech2_id, tech3_id;
};

static int
w_setup(void **state)
{
	struct world *w;

	if (fx_setup(state) != 0)
		return -1;
	w = calloc(1, sizeof(*w));
	w->fx = *state;
	w->boss = w->fx->k;
	w->rec_id = fx_staff(w->boss, "rec", KF_ROLE_RECEPTION);
	w->sup_id = fx_staff(w->boss, "sup", KF_ROLE_SUPERVISOR);
	w->tech_id = fx_staff(w->boss, "tech", KF_ROLE_TECHNICIAN);
	w->tech2_id = fx_staff(w->boss, "tech2", KF_ROLE_TECHNICIAN);
	w->tech3_id = fx_staff(w->boss, "tech3", KF_ROLE_TECHNICIAN);
	fx_staff(w->boss, "bill", KF_ROLE_BILLING);
	fx_staff(w->boss, "disp", KF_ROLE_DISPATCHER);
	w->rec = fx_session(w->fx, "rec");
	w->sup = fx_session(w->fx, "sup");
	w->tech = fx_session(w->fx, "tech");
	w->bill = fx_session(w->fx, "bill");
	w->disp = fx_session(w->fx, "disp");
	*state = w;
	return 0;
}

static int
w_teardown(void **state)
{
	struct world *w = *state;

	kf_core_close(w->rec);
	kf_core_close(w->sup);
	kf_core_close(w->tech);
	kf_core_close(w->bill);
	kf_core_close(w->disp);
	*state = w->fx;
	free(w);
	return fx_teardown(state);
}

/* Moves every session's clock to t. */
static void
at(struct world *w, int64_t t)
{
	kf_clock_fix(kf_core_clock(w->boss), t);
	kf_clock_fix(kf_core_clock(w->rec), t);
	kf_clock_fix(kf_core_clock(w->sup), t);
	kf_clock_fix(kf_core_clock(w->tech), t);
	kf_clock_fix(kf_core_clock(w->bill), t);
	kf_clock_fix(kf_core_clock(w->disp), t);
}

static int64_t
when(const char *s)
{
	struct kf_err err;
	int64_t t = 0;

	if (kf_time_parse(s, &t, &err) != KF_OK)
		fail_msg("time %s: %s", s, err.msg);
	return t;
}

/* A work order as a finished lifecycle leaves it: closed (state 6) at
 * closed_at by technician tech (0: none); cancelled (7) when state says. */
static int64_t
order_at(struct world *w, int64_t tech, int64_t closed_at, int state)
{
	static const char sql[] =
	    "INSERT INTO work_order (reported_at, reported_by, address, "
	    "contact_name, contact_phone, fault, category, state, deadline_at, "
	    "deadline_on_arrival, technician_id, closed_at) VALUES (?1, ?2, "
	    "'电力小区3号楼301', '张先生', '13800001111', '灶具打不着火', "
	    "0, ?3, ?4, 0, ?5, ?6)";
	sqlite3_stmt *st;

	assert_int_equal(sqlite3_prepare_v2(w->boss->db, sql, -1, &st, NULL),
	    SQLITE_OK);
	sqlite3_bind_int64(st, 1, closed_at - 3600);
	sqlite3_bind_int64(st, 2, w->rec_id);
	sqlite3_bind_int(st, 3, state);
	sqlite3_bind_int64(st, 4, closed_at);
	if (tech != 0)
		sqlite3_bind_int64(st, 5, tech);
	sqlite3_bind_int64(st, 6, closed_at);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	return sqlite3_last_insert_rowid(w->boss->db);
}

static int64_t
closed(struct world *w, int64_t tech, int64_t closed_at)
{
	return order_at(w, tech, closed_at, 6);
}

/* One integer SQL answer on the boss's connection (?1 bound to a). */
static int64_t
q1(struct world *w, const char *sql, const char *a)
{
	sqlite3_stmt *st;
	int64_t v = -1;

	assert_int_equal(sqlite3_prepare_v2(w->boss->db, sql, -1, &st, NULL),
	    SQLITE_OK);
	if (a != NULL)
		sqlite3_bind_text(st, 1, a, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void
exec(struct world *w, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(w->boss->db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
}

static void
rate(struct world *w, const char *v)
{
	struct kf_err err;

	if (kf_policy_set(w->boss, "callback.sample_rate", v, -1, &err) !=
	    KF_OK)
		fail_msg("rate %s: %s", v, err.msg);
}

/* ---- kf_month_parse ---- */

static void
test_month_parse(void **state)
{
	struct world *w = *state;
	struct kf_err err;
	int64_t from = 0, to = 0;

	(void)w;
	assert_int_equal(kf_month_parse("2026-11", &from, &to, "month", &err),
	    KF_OK);
	assert_int_equal(from, when("2026-11-01T00:00+08:00"));
	assert_int_equal(to, when("2026-12-01T00:00+08:00"));
	/* December runs into the next year. */
	assert_int_equal(kf_month_parse("2026-12", &from, &to, "month", &err),
	    KF_OK);
	assert_int_equal(from, when("2026-12-01T00:00+08:00"));
	assert_int_equal(to, when("2027-01-01T00:00+08:00"));
	assert_int_equal(kf_month_parse("2026-13", &from, &to, "month", &err),
	    KF_INVALID);
	assert_string_equal(err.field, "month");
	assert_non_null(strstr(err.msg, "2026-13"));
	assert_int_equal(kf_month_parse("2026-1", &from, &to, "m", &err),
	    KF_INVALID);
	assert_string_equal(err.field, "m");
	assert_int_equal(kf_month_parse("", &from, &to, "month", &err),
	    KF_INVALID);
	assert_int_equal(kf_month_parse(NULL, &from, &to, "month", &err),
	    KF_INVALID);
	/* Local time: the same month in another zone starts elsewhere. */
	fx_zone("UTC");
	assert_int_equal(kf_month_parse("2026-11", &from, &to, "month", &err),
	    KF_OK);
	assert_int_equal(from, when("2026-11-01T00:00Z"));
	fx_zone("Asia/Shanghai");
}

/* ---- the sample (R42) ---- */

/* R42: the current month and a future one are refused; the month's
 * last second is still the month, its end (the next's first) draws. */
static void
test_sample_month_over(void **state)
{
	struct world *w = *state;
	struct kf_callback_sample s;
	struct kf_err err;
	int64_t end = when("2026-12-01T00:00+08:00");
	bool drawn = true;

	memset(&s, 0, sizeof(s));
	closed(w, w->tech_id, when("2026-11-10T09:00+08:00"));
	closed(w, w->tech_id, end - 1);		/* its last second */
	assert_int_equal(kf_callback_sample(w->sup, "2026-11", &s, &drawn,
	    &err), KF_REFUSED);
	assert_false(drawn);
	assert_non_null(strstr(err.msg, "2026-11"));
	assert_non_null(strstr(err.msg, "R42"));
	assert_int_equal(kf_callback_sample(w->sup, "2027-01", &s, &drawn,
	    &err), KF_REFUSED);
	at(w, end - 1);
	assert_int_equal(kf_callback_sample(w->sup, "2026-11", &s, &drawn,
	    &err), KF_REFUSED);
	assert_int_equal(q1(w, "SELECT count(*) FROM callback_sample", NULL),
	    0);
	at(w, end);
	assert_int_equal(kf_callback_sample(w->sup, "2026-11", &s, &drawn,
	    &err), KF_OK);
	assert_true(drawn);
	assert_string_equal(s.month, "2026-11");
	assert_int_equal(s.population, 2);	/* the last second counts */
	assert_int_equal(s.size, 1);
	assert_int_equal(s.drawn_at, end);
	assert_int_equal(s.drawn_by, w->sup_id);
	kf_callback_sample_clear(&s);
	assert_null(s.order_ids);
	/* A bad month is invalid, naming the field. */
	assert_int_equal(kf_callback_sample(w->sup, "11/2026", &s, &drawn,
	    &err), KF_INVALID);
	assert_string_equal(err.field, "month");
}

/* R42: no completed orders: refused with a clear message, nothing
 * recorded; cancelled and still open orders are not the population,
 * nor orders closed the month before or after. */
static void
test_sample_empty_month(void **state)
{
	struct world *w = *state;
	struct kf_callback_sample s;
	struct kf_err err;
	bool drawn = true;

	memset(&s, 0, sizeof(s));
	order_at(w, w->tech_id, when("2026-10-05T10:00+08:00"), 7);
	order_at(w, w->tech_id, when("2026-10-05T10:00+08:00"), 5);
	closed(w, w->tech_id, when("2026-10-01T00:00+08:00") - 1);
	closed(w, w->tech_id, when("2026-11-01T00:00+08:00"));
	assert_int_equal(kf_callback_sample(w->sup, "2026-10", &s, &drawn,
	    &err), KF_REFUSED);
	assert_false(drawn);
	assert_non_null(strstr(err.msg, "no completed work orders in "
	    "2026-10"));
	assert_int_equal(q1(w, "SELECT count(*) FROM callback_sample", NULL),
	    0);
	assert_int_equal(q1(w, "SELECT count(*) FROM callback", NULL), 0);
	assert_int_equal(q1(w, "SELECT count(*) FROM audit WHERE action = "
	    "'callback.sample'", NULL), 0);
	/* The edges are in their own months. */
	assert_int_equal(kf_callback_sample(w->sup, "2026-09", &s, &drawn,
	    &err), KF_OK);
	assert_int_equal(s.population, 1);
	kf_callback_sample_clear(&s);
}

/* R42: sizes at 5%: 1 of 1, 1 of 20, 2 of 21; one task per order drawn,
 * each reason sample, the order, the month, who to call, the pool, due
 * callback.sample_within days after the draw. */
static void
test_sample_tasks(void **state)
{
	struct world *w = *state;
	struct kf_callback_sample s;
	struct kf_err err;
	int64_t base = when("2026-08-03T10:00+08:00"), i, within = 0;
	bool drawn;
	char sql[200];

	memset(&s, 0, sizeof(s));
	closed(w, w->tech_id, when("2026-07-15T10:00+08:00"));
	for (i = 0; i < 20; i++)
		closed(w, w->tech_id, base + i * 3600);
	for (i = 0; i < 21; i++)
		closed(w, w->tech2_id, base + 31 * DAY + i * 3600);
	assert_int_equal(kf_callback_sample(w->rec, "2026-07", &s, &drawn,
	    &err), KF_OK);
	assert_int_equal(s.size, 1);
	assert_int_equal(s.rate_permille, 50);
	kf_callback_sample_clear(&s);
	assert_int_equal(kf_callback_sample(w->rec, "2026-08", &s, &drawn,
	    &err), KF_OK);
	assert_int_equal(s.population, 20);
	assert_int_equal(s.size, 1);
	kf_callback_sample_clear(&s);
	assert_int_equal(kf_callback_sample(w->rec, "2026-09", &s, &drawn,
	    &err), KF_OK);
	assert_true(drawn);
	assert_int_equal(s.population, 21);
	assert_int_equal(s.size, 2);
	assert_non_null(s.order_ids);
	assert_int_not_equal(s.order_ids[0], s.order_ids[1]);
	assert_int_equal(kf_policy_value(w->boss, "callback.sample_within",
	    &within, &err), KF_OK);
	assert_int_equal(q1(w, "SELECT count(*) FROM callback WHERE "
	    "sample_month = ?1", "2026-09"), 2);
	for (i = 0; i < 2; i++) {
		snprintf(sql, sizeof(sql), "SELECT count(*) FROM callback "
		    "WHERE order_id = %lld AND reason = %d AND sample_month = "
		    "?1 AND state = 0 AND owner_id IS NULL AND due_at = %lld "
		    "AND name = '张先生' AND phone = '13800001111'",
		    (long long)s.order_ids[i], KF_CB_SAMPLE,
		    (long long)(s.drawn_at + within * DAY));
		assert_int_equal(q1(w, sql, "2026-09"), 1);
	}
	/* The drawn orders, in the order drawn, in the child table. */
	assert_int_equal(q1(w, "SELECT order_id FROM callback_sample_order "
	    "WHERE month = ?1 AND seq = 1", "2026-09"), s.order_ids[0]);
	assert_int_equal(q1(w, "SELECT order_id FROM callback_sample_order "
	    "WHERE month = ?1 AND seq = 2", "2026-09"), s.order_ids[1]);
	kf_callback_sample_clear(&s);
	assert_int_equal(q1(w, "SELECT count(*) FROM callback", NULL), 4);
}

/* R42: stratified: every technician with closed orders is sampled once
 * when the size allows (3 technicians, 16 orders at 20%: 4 drawn). */
static void
test_sample_strata(void **state)
{
	struct world *w = *state;
	struct kf_callback_sample s;
	struct kf_err err;
	int64_t base = when("2026-10-02T10:00+08:00"), i, j;
	bool drawn, seen[3] = { false, false, false };
	int64_t techs[3];

	memset(&s, 0, sizeof(s));
	techs[0] = w->tech_id;
	techs[1] = w->tech2_id;
	techs[2] = w->tech3_id;
	for (i = 0; i < 10; i++)
		closed(w, techs[0], base + i * 60);
	for (i = 0; i < 5; i++)
		closed(w, techs[1], base + 900 + i * 60);
	closed(w, techs[2], base + 2000);
	rate(w, "20%");
	assert_int_equal(kf_callback_sample(w->sup, "2026-10", &s, &drawn,
	    &err), KF_OK);
	assert_int_equal(s.population, 16);
	assert_int_equal(s.size, 4);
	for (i = 0; i < s.size; i++) {
		char sql[96];
		int64_t t;

		snprintf(sql, sizeof(sql), "SELECT technician_id FROM "
		    "work_order WHERE id = %lld", (long long)s.order_ids[i]);
		t = q1(w, sql, NULL);
		for (j = 0; j < 3; j++)
			if (t == techs[j])
				seen[j] = true;
	}
	assert_true(seen[0] && seen[1] && seen[2]);
	kf_callback_sample_clear(&s);
}

/* R42: drawn once; a re-run gives the stored sample unchanged (*drawn
 * false), even after the rate changed: the month's rate is frozen. The
 * seed is stored and in the audit row with the rest. */
static void
test_sample_frozen(void **state)
{
	struct world *w = *state;
	struct kf_callback_sample s, again;
	struct kf_err err;
	int64_t base = when("2026-10-02T10:00+08:00"), i;
	bool drawn = false;

	memset(&s, 0, sizeof(s));
	memset(&again, 0, sizeof(again));
	for (i = 0; i < 40; i++)
		closed(w, i % 2 ? w->tech_id : w->tech2_id, base + i * 600);
	assert_int_equal(kf_callback_sample(w->sup, "2026-10", &s, &drawn,
	    &err), KF_OK);
	assert_true(drawn);
	assert_int_equal(s.size, 2);
	rate(w, "100%");
	closed(w, w->tech_id, base + 5 * DAY);	/* a late completion */
	at(w, T0 + 3 * DAY);
	assert_int_equal(kf_callback_sample(w->rec, "2026-10", &again, &drawn,
	    &err), KF_OK);
	assert_false(drawn);
	assert_int_equal(again.rate_permille, 50);
	assert_int_equal(again.seed, s.seed);
	assert_int_equal(again.size, s.size);
	assert_int_equal(again.population, 40);
	assert_int_equal(again.population_hash, s.population_hash);
	assert_int_equal(again.drawn_at, s.drawn_at);
	assert_memory_equal(again.order_ids, s.order_ids,
	    (size_t)s.size * sizeof(int64_t));
	assert_int_equal(q1(w, "SELECT count(*) FROM callback", NULL), 2);
	/* The seed and the rest, stored and in the audit trail. */
	assert_int_equal(q1(w, "SELECT seed FROM callback_sample WHERE month "
	    "= ?1", "2026-10"), (int64_t)s.seed);
	assert_int_equal(q1(w, "SELECT json_extract(after, '$.seed') FROM "
	    "audit WHERE action = 'callback.sample'", NULL), (int64_t)s.seed);
	assert_int_equal(q1(w, "SELECT json_extract(after, '$.rate') FROM "
	    "audit WHERE action = 'callback.sample'", NULL), 50);
	assert_int_equal(q1(w, "SELECT json_extract(after, '$.population') "
	    "FROM audit WHERE action = 'callback.sample'", NULL), 40);
	assert_int_equal(q1(w, "SELECT json_extract(after, '$.size') "
	    "FROM audit WHERE action = 'callback.sample'", NULL), 2);
	assert_int_equal(q1(w, "SELECT json_extract(after, "
	    "'$.population_hash') FROM audit WHERE action = "
	    "'callback.sample'", NULL), (int64_t)s.population_hash);
	assert_int_equal(q1(w, "SELECT json_extract(after, '$.order_ids[1]') "
	    "FROM audit WHERE action = 'callback.sample'", NULL),
	    s.order_ids[1]);
	assert_int_equal(q1(w, "SELECT entity_id FROM audit WHERE action = "
	    "'callback.sample'", NULL), 202610);
	/* The stored row is frozen below the core too. */
	assert_int_not_equal(sqlite3_exec(w->boss->db, "UPDATE callback_sample "
	    "SET rate = 1000", NULL, NULL, NULL), SQLITE_OK);
	kf_callback_sample_clear(&s);
	kf_callback_sample_clear(&again);
}

/* R42: the rate's bounds: 0 and 101% cannot be set; 100% samples all. */
static void
test_sample_rate_bounds(void **state)
{
	struct world *w = *state;
	struct kf_callback_sample s;
	struct kf_err err;
	int64_t base = when("2026-10-02T10:00+08:00"), i;
	bool drawn;

	memset(&s, 0, sizeof(s));
	assert_int_equal(kf_policy_set(w->boss, "callback.sample_rate", "0%",
	    -1, &err), KF_INVALID);
	assert_int_equal(kf_policy_set(w->boss, "callback.sample_rate", "101%",
	    -1, &err), KF_INVALID);
	assert_int_equal(kf_policy_set(w->boss, "callback.sample_rate", "0.1%",
	    -1, &err), KF_OK);
	rate(w, "100%");
	for (i = 0; i < 7; i++)
		closed(w, i < 3 ? w->tech_id : 0, base + i * 600);
	assert_int_equal(kf_callback_sample(w->sup, "2026-10", &s, &drawn,
	    &err), KF_OK);
	assert_int_equal(s.rate_permille, 1000);
	assert_int_equal(s.size, 7);		/* all, the unassigned too */
	assert_int_equal(q1(w, "SELECT count(*) FROM callback", NULL), 7);
	kf_callback_sample_clear(&s);
	/* The table's own bounds keep such a rate out; one that got in
	 * anyway (its bounds edited outside kefu) is refused at the draw,
	 * nothing recorded. */
	exec(w, "UPDATE policy SET min_value = 0, value = 0 WHERE key = "
	    "'callback.sample_rate'");
	closed(w, w->tech_id, when("2026-09-02T10:00+08:00"));
	assert_int_equal(kf_callback_sample(w->sup, "2026-09", &s, &drawn,
	    &err), KF_REFUSED);
	assert_non_null(strstr(err.msg, "R42"));
	exec(w, "UPDATE policy SET max_value = 2000, value = 1001 WHERE key = "
	    "'callback.sample_rate'");
	assert_int_equal(kf_callback_sample(w->sup, "2026-09", &s, &drawn,
	    &err), KF_REFUSED);
	assert_int_equal(q1(w, "SELECT count(*) FROM callback_sample", NULL),
	    1);
}

/* R42: all in one transaction: a task that cannot be made undoes the
 * draw whole (no sample, no drawn orders, no tasks, no audit row). */
static void
test_sample_all_or_nothing(void **state)
{
	struct world *w = *state;
	struct kf_callback_sample s;
	struct kf_err err;
	int64_t base = when("2026-10-02T10:00+08:00"), i, last = 0;
	bool drawn = true;
	char sql[256];

	memset(&s, 0, sizeof(s));
	rate(w, "100%");
	for (i = 0; i < 5; i++)
		last = closed(w, w->tech_id, base + i * 600);
	snprintf(sql, sizeof(sql), "CREATE TRIGGER boom BEFORE INSERT ON "
	    "callback WHEN NEW.order_id = %lld BEGIN SELECT RAISE(ABORT, "
	    "'boom'); END", (long long)last);
	exec(w, sql);
	assert_int_not_equal(kf_callback_sample(w->sup, "2026-10", &s, &drawn,
	    &err), KF_OK);
	assert_false(drawn);
	assert_null(s.order_ids);
	assert_int_equal(q1(w, "SELECT count(*) FROM callback_sample", NULL),
	    0);
	assert_int_equal(q1(w, "SELECT count(*) FROM callback_sample_order",
	    NULL), 0);
	assert_int_equal(q1(w, "SELECT count(*) FROM callback", NULL), 0);
	assert_int_equal(q1(w, "SELECT count(*) FROM audit WHERE action LIKE "
	    "'callback.%'", NULL), 0);
	exec(w, "DROP TRIGGER boom");
	assert_int_equal(kf_callback_sample(w->sup, "2026-10", &s, &drawn,
	    &err), KF_OK);
	assert_true(drawn);
	assert_int_equal(q1(w, "SELECT count(*) FROM callback", NULL), 5);
	kf_callback_sample_clear(&s);
}

/* Who may draw: reception, supervisor, admin; not a technician, not the
 * billing desk, not a dispatcher. */
static void
test_sample_roles(void **state)
{
	struct world *w = *state;
	struct kf_callback_sample s;
	struct kf_err err;
	bool drawn;

	memset(&s, 0, sizeof(s));
	closed(w, w->tech_id, when("2026-10-02T10:00+08:00"));
	assert_int_equal(kf_callback_sample(w->tech, "2026-10", &s, &drawn,
	    &err), KF_DENIED);
	assert_int_equal(kf_callback_sample(w->bill, "2026-10", &s, &drawn,
	    &err), KF_DENIED);
	assert_int_equal(kf_callback_sample(w->disp, "2026-10", &s, &drawn,
	    &err), KF_DENIED);
	assert_int_equal(q1(w, "SELECT count(*) FROM callback_sample", NULL),
	    0);
	assert_int_equal(kf_callback_sample(w->boss, "2026-10", &s, &drawn,
	    &err), KF_OK);
	kf_callback_sample_clear(&s);
	assert_int_equal(kf_callback_sample_verify(w->tech, "2026-10", &err),
	    KF_DENIED);
}

/* R42: verify recomputes from the stored seed and today's population:
 * the same orders, or what differs (an order no longer closed, one
 * closed late). A month never drawn is not found. */
static void
test_sample_verify(void **state)
{
	struct world *w = *state;
	struct kf_callback_sample s;
	struct kf_err err;
	int64_t base = when("2026-10-02T10:00+08:00"), i, late;
	bool drawn;
	char sql[128], id[32];

	memset(&s, 0, sizeof(s));
	for (i = 0; i < 60; i++)
		closed(w, i % 3 ? w->tech_id : w->tech2_id, base + i * 600);
	assert_int_equal(kf_callback_sample_verify(w->sup, "2026-10", &err),
	    KF_NOTFOUND);
	assert_int_equal(kf_callback_sample(w->sup, "2026-10", &s, &drawn,
	    &err), KF_OK);
	assert_int_equal(kf_callback_sample_verify(w->sup, "2026-10", &err),
	    KF_OK);
	assert_int_equal(kf_callback_sample_verify(w->rec, "2026-10", &err),
	    KF_OK);
	/* A late completion changes the population. */
	late = closed(w, w->tech_id, base + 3 * DAY);
	assert_int_equal(kf_callback_sample_verify(w->sup, "2026-10", &err),
	    KF_REFUSED);
	assert_non_null(strstr(err.msg, "60"));
	assert_non_null(strstr(err.msg, "61"));
	snprintf(sql, sizeof(sql), "UPDATE work_order SET state = 7 WHERE id "
	    "= %lld", (long long)late);
	exec(w, sql);
	assert_int_equal(kf_callback_sample_verify(w->sup, "2026-10", &err),
	    KF_OK);
	/* A drawn order no longer closed: named. */
	snprintf(sql, sizeof(sql), "UPDATE work_order SET state = 5 WHERE id "
	    "= %lld", (long long)s.order_ids[0]);
	exec(w, sql);
	assert_int_equal(kf_callback_sample_verify(w->sup, "2026-10", &err),
	    KF_REFUSED);
	snprintf(id, sizeof(id), "%lld", (long long)s.order_ids[0]);
	assert_non_null(strstr(err.msg, id));
	assert_non_null(strstr(err.msg, "R42"));
	/* Nothing written. */
	assert_int_equal(q1(w, "SELECT count(*) FROM audit WHERE action LIKE "
	    "'callback.%verif%'", NULL), 0);
	kf_callback_sample_clear(&s);
}

/* The start-up's draw: the last month's when not drawn and there is
 * anything; silent otherwise; whoever starts (a technician too). */
static void
test_sample_due(void **state)
{
	struct world *w = *state;
	struct kf_callback_sample s;
	struct kf_err err;
	int64_t dec1 = when("2026-12-01T00:00+08:00");
	bool drawn;

	memset(&s, 0, sizeof(s));
	/* At T0 (November) the last month is October: nothing closed. */
	assert_int_equal(kf_callback_sample_due(w->tech, &err), KF_OK);
	assert_int_equal(q1(w, "SELECT count(*) FROM callback_sample", NULL),
	    0);
	closed(w, w->tech_id, when("2026-11-03T10:00+08:00"));
	closed(w, w->tech2_id, when("2026-11-04T10:00+08:00"));
	at(w, dec1 - 1);			/* November still */
	assert_int_equal(kf_callback_sample_due(w->tech, &err), KF_OK);
	assert_int_equal(q1(w, "SELECT count(*) FROM callback_sample", NULL),
	    0);
	at(w, dec1);			/* the first start in December */
	assert_int_equal(kf_callback_sample_due(w->tech, &err), KF_OK);
	assert_int_equal(q1(w, "SELECT count(*) FROM callback_sample WHERE "
	    "month = ?1", "2026-11"), 1);
	assert_int_equal(q1(w, "SELECT drawn_by FROM callback_sample", NULL),
	    w->tech_id);
	assert_int_equal(q1(w, "SELECT count(*) FROM callback", NULL), 1);
	/* Again: silent, nothing more. */
	at(w, dec1 + DAY);
	assert_int_equal(kf_callback_sample_due(w->rec, &err), KF_OK);
	assert_int_equal(q1(w, "SELECT count(*) FROM callback", NULL), 1);
	assert_int_equal(q1(w, "SELECT count(*) FROM audit WHERE action = "
	    "'callback.sample'", NULL), 1);
	/* The clerk's later run returns what the start-up drew. */
	assert_int_equal(kf_callback_sample(w->rec, "2026-11", &s, &drawn,
	    &err), KF_OK);
	assert_false(drawn);
	assert_int_equal(s.drawn_by, w->tech_id);
	kf_callback_sample_clear(&s);
	/* January: December has nothing closed, silent. */
	at(w, when("2027-01-01T08:00+08:00"));
	assert_int_equal(kf_callback_sample_due(w->rec, &err), KF_OK);
	assert_int_equal(q1(w, "SELECT count(*) FROM callback_sample", NULL),
	    1);
}

/* ---- surveys (R41) ---- */

static int64_t
customer(struct world *w, const char *name, const char *phones)
{
	struct kf_customer c;
	struct kf_err err;
	int64_t id = 0;

	memset(&c, 0, sizeof(c));
	c.name = strdup(name);
	c.phones[0] = strdup(phones);
	c.community = strdup("电力小区");
	c.building = strdup("3号楼");
	c.room = strdup("301");
	if (kf_customer_add(w->boss, &c, &id, &err) != KF_OK)
		fail_msg("customer: %s", err.msg);
	kf_customer_clear(&c);
	return id;
}

static void
test_survey(void **state)
{
	struct world *w = *state;
	struct kf_err err;
	int64_t c[3], bad[2], id = -1, due = T0 + 7 * DAY;
	char sql[200];
	int i;

	c[0] = customer(w, "张三", "13800001111");
	c[1] = customer(w, "李四", "13900002222");
	c[2] = customer(w, "王五", "13700003333");
	assert_int_equal(kf_callback_survey(w->rec, "满意度", "满意吗？", due,
	    c, 3, &id, &err), KF_DENIED);
	assert_int_equal(id, 0);
	assert_int_equal(kf_callback_survey(w->tech, "满意度", "满意吗？", due,
	    c, 3, &id, &err), KF_DENIED);
	assert_int_equal(kf_callback_survey(w->sup, " ", "满意吗？", due, c,
	    3, &id, &err), KF_INVALID);
	assert_string_equal(err.field, "title");
	assert_int_equal(kf_callback_survey(w->sup, "满意度", "", due, c, 3,
	    &id, &err), KF_INVALID);
	assert_string_equal(err.field, "script");
	assert_int_equal(kf_callback_survey(w->sup, "满意度", NULL, due, c, 3,
	    &id, &err), KF_INVALID);
	assert_string_equal(err.field, "script");
	/* The deadline: after now, within 366 days. */
	assert_int_equal(kf_callback_survey(w->sup, "满意度", "满意吗？", T0,
	    c, 3, &id, &err), KF_INVALID);
	assert_string_equal(err.field, "due_at");
	assert_int_equal(kf_callback_survey(w->sup, "满意度", "满意吗？",
	    T0 + 366 * DAY + 1, c, 3, &id, &err), KF_INVALID);
	assert_string_equal(err.field, "due_at");
	/* The customers: at least one, each once, each on file. */
	assert_int_equal(kf_callback_survey(w->sup, "满意度", "满意吗？", due,
	    c, 0, &id, &err), KF_INVALID);
	assert_string_equal(err.field, "customers");
	bad[0] = c[1];
	bad[1] = c[1];
	assert_int_equal(kf_callback_survey(w->sup, "满意度", "满意吗？", due,
	    bad, 2, &id, &err), KF_INVALID);
	assert_string_equal(err.field, "customers");
	snprintf(sql, sizeof(sql), "%lld", (long long)c[1]);
	assert_non_null(strstr(err.msg, sql));
	bad[0] = c[0];
	bad[1] = 999999;
	assert_int_equal(kf_callback_survey(w->sup, "满意度", "满意吗？", due,
	    bad, 2, &id, &err), KF_NOTFOUND);
	assert_non_null(strstr(err.msg, "999999"));
	/* Nothing half-saved: no survey, no task for the first customer. */
	assert_int_equal(q1(w, "SELECT count(*) FROM callback_survey", NULL),
	    0);
	assert_int_equal(q1(w, "SELECT count(*) FROM callback", NULL), 0);
	/* The edges: the second after now, and 366 days exactly. */
	assert_int_equal(kf_callback_survey(w->sup, "满意度", "满意吗？",
	    T0 + 1, c, 1, &id, &err), KF_OK);
	assert_int_equal(kf_callback_survey(w->sup, "满意度", "满意吗？",
	    T0 + 366 * DAY, c, 1, &id, &err), KF_OK);
	assert_int_equal(kf_callback_survey(w->sup, "燃气安全", "您家燃气灶使用"
	    "正常吗？", due, c, 3, &id, &err), KF_OK);
	assert_true(id > 0);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM callback WHERE "
	    "survey_id = %lld AND reason = %d AND state = 0 AND due_at = %lld "
	    "AND owner_id IS NULL AND subject = ?1", (long long)id,
	    KF_CB_SURVEY, (long long)due);
	assert_int_equal(q1(w, sql, "燃气安全"), 3);
	for (i = 0; i < 3; i++) {
		snprintf(sql, sizeof(sql), "SELECT count(*) FROM callback "
		    "WHERE survey_id = %lld AND customer_id = %lld",
		    (long long)id, (long long)c[i]);
		assert_int_equal(q1(w, sql, NULL), 1);
	}
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM callback WHERE "
	    "customer_id = %lld AND name = '李四' AND phone = '13900002222'",
	    (long long)c[1]);
	assert_int_equal(q1(w, sql, NULL), 1);
	snprintf(sql, sizeof(sql), "SELECT customers FROM callback_survey "
	    "WHERE id = %lld AND title = '燃气安全' AND created_by = %lld",
	    (long long)id, (long long)w->sup_id);
	assert_int_equal(q1(w, sql, NULL), 3);
	assert_int_equal(q1(w, "SELECT count(*) FROM audit WHERE action = "
	    "'callback.survey'", NULL), 3);
}

/* ---- open letters (R46) ---- */

/* n open survey tasks for letters to answer, into ids. */
static void
tasks(struct world *w, int64_t *ids, int n)
{
	struct kf_err err;
	int64_t c[8], sid = 0;
	char sql[96];
	int i;

	for (i = 0; i < n; i++) {
		char name[16];

		snprintf(name, sizeof(name), "客户%d", i);
		c[i] = customer(w, name, "13800001111");
	}
	if (kf_callback_survey(w->sup, "停气通知", "停气原因", T0 + DAY, c,
	    (size_t)n, &sid, &err) != KF_OK)
		fail_msg("survey: %s", err.msg);
	for (i = 0; i < n; i++) {
		snprintf(sql, sizeof(sql), "SELECT id FROM callback WHERE "
		    "survey_id = %lld AND customer_id = %lld", (long long)sid,
		    (long long)c[i]);
		ids[i] = q1(w, sql, NULL);
	}
}

static void
test_letter(void **state)
{
	struct world *w = *state;
	struct kf_callback_letter l;
	struct kf_err err;
	int64_t t[4], two[2], id = -1, id2 = 0;
	char sql[200], tid[32];

	memset(&l, 0, sizeof(l));
	tasks(w, t, 4);
	assert_int_equal(kf_callback_letter(w->rec, "停气说明", "因管道改造…",
	    T0, t, 3, &id, &err), KF_DENIED);
	assert_int_equal(id, 0);
	assert_int_equal(kf_callback_letter(w->sup, "", "因管道改造…", T0, t, 3,
	    &id, &err), KF_INVALID);
	assert_string_equal(err.field, "subject");
	assert_int_equal(kf_callback_letter(w->sup, "停气说明", " \t", T0, t, 3,
	    &id, &err), KF_INVALID);
	assert_string_equal(err.field, "text");
	/* Dated today or earlier, not in the future. */
	assert_int_equal(kf_callback_letter(w->sup, "停气说明", "因管道改造…",
	    T0 + 1, t, 3, &id, &err), KF_INVALID);
	assert_string_equal(err.field, "dated");
	assert_int_equal(kf_callback_letter(w->sup, "停气说明", "因管道改造…",
	    0, t, 3, &id, &err), KF_INVALID);
	assert_string_equal(err.field, "dated");
	/* At least one task, each once, each there. */
	assert_int_equal(kf_callback_letter(w->sup, "停气说明", "因管道改造…",
	    T0, t, 0, &id, &err), KF_INVALID);
	assert_string_equal(err.field, "tasks");
	two[0] = two[1] = t[2];
	assert_int_equal(kf_callback_letter(w->sup, "停气说明", "因管道改造…",
	    T0, two, 2, &id, &err), KF_INVALID);
	snprintf(tid, sizeof(tid), "%lld", (long long)t[2]);
	assert_non_null(strstr(err.msg, tid));
	two[0] = t[0];
	two[1] = 999999;
	assert_int_equal(kf_callback_letter(w->sup, "停气说明", "因管道改造…",
	    T0, two, 2, &id, &err), KF_NOTFOUND);
	assert_non_null(strstr(err.msg, "999999"));
	assert_int_equal(q1(w, "SELECT count(*) FROM callback_letter", NULL),
	    0);
	assert_int_equal(q1(w, "SELECT count(*) FROM callback WHERE state "
	    "!= 0", NULL), 0);
	/* Archived, and each task done by it, dated a week back. */
	assert_int_equal(kf_callback_letter(w->sup, "停气说明",
	    "因管道改造，11月停气两天。", T0 - 7 * DAY, t, 3, &id, &err),
	    KF_OK);
	assert_true(id > 0);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM callback WHERE "
	    "letter_id = %lld AND state = 1 AND method = 2", (long long)id);
	assert_int_equal(q1(w, sql, NULL), 3);
	assert_int_equal(q1(w, "SELECT count(*) FROM callback WHERE state = 0",
	    NULL), 1);
	assert_int_equal(kf_callback_letter_get(w->rec, id, &l, &err), KF_OK);
	assert_string_equal(l.subject, "停气说明");
	assert_string_equal(l.text, "因管道改造，11月停气两天。");
	assert_int_equal(l.dated, T0 - 7 * DAY);
	assert_int_equal(l.created_at, T0);
	assert_int_equal(l.created_by, w->sup_id);
	assert_int_equal(l.ntasks, 3);
	assert_int_equal(l.task_ids[0], t[0]);
	assert_int_equal(l.task_ids[2], t[2]);
	kf_callback_letter_clear(&l);
	assert_null(l.task_ids);
	assert_int_equal(kf_callback_letter_get(w->tech, id, &l, &err),
	    KF_DENIED);
	assert_int_equal(kf_callback_letter_get(w->rec, id + 100, &l, &err),
	    KF_NOTFOUND);
	/* A task done already is refused, naming it and its state; the
	 * open one with it is left open (nothing half-saved). */
	two[0] = t[3];
	two[1] = t[1];
	assert_int_equal(kf_callback_letter(w->sup, "再次说明", "…", T0, two, 2,
	    &id2, &err), KF_REFUSED);
	snprintf(tid, sizeof(tid), "%lld", (long long)t[1]);
	assert_non_null(strstr(err.msg, tid));
	assert_non_null(strstr(err.msg, "called back"));
	assert_non_null(strstr(err.msg, "R46"));
	assert_int_equal(q1(w, "SELECT count(*) FROM callback WHERE state = 0",
	    NULL), 1);
	assert_int_equal(q1(w, "SELECT count(*) FROM callback_letter", NULL),
	    1);
	/* Archived: never deleted, never changed. */
	assert_int_not_equal(sqlite3_exec(w->boss->db, "DELETE FROM "
	    "callback_letter", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(w->boss->db, "UPDATE callback_letter "
	    "SET text = 'x'", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(q1(w, "SELECT json_array_length(after, '$.task_ids') "
	    "FROM audit WHERE action = 'callback.letter'", NULL), 3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_month_parse, w_setup,
		    w_teardown),
		cmocka_unit_test_setup_teardown(test_sample_month_over,
		    w_setup, w_teardown),
		cmocka_unit_test_setup_teardown(test_sample_empty_month,
		    w_setup, w_teardown),
		cmocka_unit_test_setup_teardown(test_sample_tasks, w_setup,
		    w_teardown),
		cmocka_unit_test_setup_teardown(test_sample_strata, w_setup,
		    w_teardown),
		cmocka_unit_test_setup_teardown(test_sample_frozen, w_setup,
		    w_teardown),
		cmocka_unit_test_setup_teardown(test_sample_rate_bounds,
		    w_setup, w_teardown),
		cmocka_unit_test_setup_teardown(test_sample_all_or_nothing,
		    w_setup, w_teardown),
		cmocka_unit_test_setup_teardown(test_sample_roles, w_setup,
		    w_teardown),
		cmocka_unit_test_setup_teardown(test_sample_verify, w_setup,
		    w_teardown),
		cmocka_unit_test_setup_teardown(test_sample_due, w_setup,
		    w_teardown),
		cmocka_unit_test_setup_teardown(test_survey, w_setup,
		    w_teardown),
		cmocka_unit_test_setup_teardown(test_letter, w_setup,
		    w_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
