/*
 * test_fsm.c — the state-table engine (src/core/fsm.c) on its own, over a
 * made-up record: a toy, in a table of its own, with four states and two
 * moves. The tests of internal.h's four steps (who by role, who by the
 * record, from which state with the early / late / state's own words, the
 * guard), of kf_fsm_run's one transaction, and of invariants I1–I3 on
 * the toy's table and on every record's real table.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "internal.h"

/*
 *   new ──open──> open ──shut──> shut        gone (sealed: no move
 *                                             leaves it, whatever words)
 *   open  by role (the permission of acknowledging an order: dispatcher,
 *         supervisor), only when the toy is ready (the guard, T2)
 *   shut  by its owner only (who: MINE), a dispatcher holding the
 *         permission of work on site
 */
enum toy_state { NEW, OPEN, SHUT, GONE, TOY_STATES };
enum toy_move { MV_OPEN, MV_SHUT, TOY_MOVES };
enum toy_who { BY_ROLE = KF_FSM_BY_ROLE, MINE };

struct toy {
	int64_t	 id;
	int	 state;
	bool	 ready;
	int64_t	 owner;
	int	 cleared;	/* how many times clear() ran */
};

static enum kf_rc
ready_guard(struct kf_core *k, const void *rec, struct kf_err *err)
{
	const struct toy *t = rec;

	(void)k;
	return t->ready ? KF_OK : kf_err_set(err, KF_REFUSED, "toy %lld is "
	    "not ready (T2)", (long long)t->id);
}

static enum kf_rc
toy_who(struct kf_core *k, const void *rec, int who, struct kf_err *err)
{
	const struct toy *t = rec;

	assert_int_equal(who, MINE);
	return t->owner == kf_core_actor_id(k) ? KF_OK : kf_err_set(err,
	    KF_DENIED, "toy %lld is not yours (T6)", (long long)t->id);
}

static const char *
toy_label(int s)
{
	static const char *const names[TOY_STATES] = { "new", "open", "shut",
	    "gone" };

	return names[s];
}

static const struct kf_fsm_move toy_moves[TOY_MOVES] = {
	[MV_OPEN] = { "toy.open", "open", KF_ACT_ORDER_ACK, BY_ROLE,
	    KF_FSM_ST(NEW), NULL, "it is open already (T1)", ready_guard },
	[MV_SHUT] = { "toy.shut", "shut", KF_ACT_ORDER_WORK, MINE,
	    KF_FSM_ST(OPEN), "a toy is shut once open (T3)", NULL, NULL },
};

static const char *const toy_why[TOY_STATES] = {
	[SHUT] = "it is shut for good (T4)",
	[GONE] = "it is gone (T5)",
};

/* The toy's table in SQLite, for kf_fsm_run. */
static const char SQL_TOY_TABLE[] =
    "CREATE TABLE toy (id INTEGER PRIMARY KEY, state INTEGER NOT NULL, "
    "ready INTEGER NOT NULL, owner INTEGER, version INTEGER NOT NULL "
    "DEFAULT 1)";
static const char SQL_TOY_GET[] =
    "SELECT state, ready, owner FROM toy WHERE id = :id";
static const char SQL_TOY_V[] = "SELECT version FROM toy WHERE id = :id";
static const char SQL_TOY_B[] = "UPDATE toy SET version = :v WHERE id = :id";
static const struct kf_field toy_fields[] = {
	{ "state", "SELECT state FROM toy WHERE id = :id",
	  "UPDATE toy SET state = :v WHERE id = :id", false },
};
static const struct kf_entity toy_entity = { "toy", SQL_TOY_V, SQL_TOY_B,
    toy_fields, 1 };

static enum kf_rc
toy_load(struct kf_core *k, int64_t id, void *rec, struct kf_err *err)
{
	sqlite3_stmt *st = kf_sql(k, SQL_TOY_GET);
	struct toy *t = rec;
	enum kf_rc rc = KF_OK;

	memset(t, 0, sizeof(*t));
	kf_bind_int(st, ":id", id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		t->id = id;
		t->state = sqlite3_column_int(st, 0);
		t->ready = sqlite3_column_int(st, 1) != 0;
		t->owner = sqlite3_column_int64(st, 2);
	} else
		rc = kf_err_set(err, KF_NOTFOUND, "no toy %lld", (long long)id);
	kf_sql_done(st);
	return rc;
}

static int toy_clears;

static void
toy_clear(void *rec)
{
	memset(rec, 0, sizeof(struct toy));
	toy_clears++;
}

static int
toy_state_of(const void *rec)
{
	return ((const struct toy *)rec)->state;
}

static int toy_conflicts;

static void
toy_conflict(struct kf_core *k, int64_t id, struct kf_err *err)
{
	(void)k;
	toy_conflicts++;
	kf_err_set(err, KF_CONFLICT, "toy %lld: someone was first",
	    (long long)id);
}

static const struct kf_fsm toy_fsm = {
	.noun = "toy",
	.nstates = TOY_STATES,
	.state_label = toy_label,
	.state_why = toy_why,
	.sealed = KF_FSM_ST(GONE),
	.moves = toy_moves,
	.nmoves = TOY_MOVES,
	.who = toy_who,
	.entity = &toy_entity,
	.load = toy_load,
	.clear = toy_clear,
	.state_of = toy_state_of,
	.conflict = toy_conflict,
};

struct world {
	struct fixture	*fx;
	struct kf_core	*disp, *disp2, *rec;	/* dispatchers, a clerk */
	int64_t		 disp_id;
};

static int
setup(void **state)
{
	struct world *w;
	struct kf_err err;

	if (fx_setup(state) != 0)
		return -1;
	w = calloc(1, sizeof(*w));
	w->fx = *state;
	w->disp_id = fx_staff(w->fx->k, "disp", KF_ROLE_DISPATCHER);
	fx_staff(w->fx->k, "disp2", KF_ROLE_DISPATCHER);
	fx_staff(w->fx->k, "clerk", KF_ROLE_RECEPTION);
	if (kf_exec(w->fx->k, SQL_TOY_TABLE, &err) != KF_OK)
		fail_msg("toy table: %s", err.msg);
	w->disp = fx_session(w->fx, "disp");
	w->disp2 = fx_session(w->fx, "disp2");
	w->rec = fx_session(w->fx, "clerk");
	*state = w;
	return 0;
}

static int
teardown(void **state)
{
	struct world *w = *state;

	kf_core_close(w->disp);
	kf_core_close(w->disp2);
	kf_core_close(w->rec);
	*state = w->fx;
	free(w);
	return fx_teardown(state);
}

static enum kf_rc
check(struct kf_core *k, const struct toy *t, int mv, struct kf_err *err)
{
	memset(err, 0, sizeof(*err));
	return kf_fsm_check(&toy_fsm, k, t, t->state, t->id, mv, err);
}

static void
test_allowed(void **state)
{
	struct world *w = *state;
	struct toy t = { 7, NEW, true, 0, 0 };
	struct kf_err err;

	assert_int_equal(check(w->disp, &t, MV_OPEN, &err), KF_OK);
	t.state = OPEN;
	t.owner = w->disp_id;
	assert_int_equal(check(w->disp, &t, MV_SHUT, &err), KF_OK);
}

/* From a state below from: the early words; above: the late words; the
 * refusal in the one sentence, naming the rule. */
static void
test_wrong_state_early_and_late(void **state)
{
	struct world *w = *state;
	struct toy t = { 7, OPEN, true, 0, 0 };
	struct kf_err err;

	assert_int_equal(check(w->disp, &t, MV_OPEN, &err), KF_REFUSED);
	assert_string_equal(err.msg, "cannot open: toy 7 is open; it is open "
	    "already (T1)");
	t.owner = w->disp_id;
	t.state = NEW;
	assert_int_equal(check(w->disp, &t, MV_SHUT, &err), KF_REFUSED);
	assert_string_equal(err.msg, "cannot shut: toy 7 is new; a toy is "
	    "shut once open (T3)");
}

/* A move with no words for a side falls back on the state's own; a
 * sealed state's words win over the move's. */
static void
test_state_words_and_sealed(void **state)
{
	struct world *w = *state;
	struct toy t = { 7, SHUT, true, 0, 0 };
	struct kf_err err;

	t.owner = w->disp_id;
	assert_int_equal(check(w->disp, &t, MV_SHUT, &err), KF_REFUSED);
	assert_string_equal(err.msg, "cannot shut: toy 7 is shut; it is shut "
	    "for good (T4)");
	/* open has late words, but gone is sealed */
	t.state = GONE;
	assert_int_equal(check(w->disp, &t, MV_OPEN, &err), KF_REFUSED);
	assert_string_equal(err.msg, "cannot open: toy 7 is gone; it is gone "
	    "(T5)");
	/* open's own late words from shut (not sealed) */
	t.state = SHUT;
	assert_int_equal(check(w->disp, &t, MV_OPEN, &err), KF_REFUSED);
	assert_non_null(strstr(err.msg, "it is open already (T1)"));
}

/* The permission first (before the state: a clerk is told he may not,
 * not that the toy is open), then the record's who. */
static void
test_wrong_role_and_not_the_one(void **state)
{
	struct world *w = *state;
	struct toy t = { 7, OPEN, true, 0, 0 };
	struct kf_err err;

	assert_int_equal(check(w->rec, &t, MV_OPEN, &err), KF_DENIED);
	assert_non_null(strstr(err.msg, "(R21)"));	/* kf_may's rule */
	t.owner = w->disp_id;
	assert_int_equal(check(w->disp2, &t, MV_SHUT, &err), KF_DENIED);
	assert_string_equal(err.msg, "toy 7 is not yours (T6)");
	/* the owner from the wrong state: denied comes before refused */
	t.state = NEW;
	assert_int_equal(check(w->disp2, &t, MV_SHUT, &err), KF_DENIED);
}

/* The guard runs only from an allowed state, after who. */
static void
test_guard_refuses(void **state)
{
	struct world *w = *state;
	struct toy t = { 7, NEW, false, 0, 0 };
	struct kf_err err;

	assert_int_equal(check(w->disp, &t, MV_OPEN, &err), KF_REFUSED);
	assert_string_equal(err.msg, "toy 7 is not ready (T2)");
	assert_int_equal(check(w->rec, &t, MV_OPEN, &err), KF_DENIED);
	t.state = OPEN;		/* the state's words, not the guard's */
	assert_int_equal(check(w->disp, &t, MV_OPEN, &err), KF_REFUSED);
	assert_non_null(strstr(err.msg, "(T1)"));
}

static void
test_unknown_move_and_state(void **state)
{
	struct world *w = *state;
	struct toy t = { 7, NEW, true, 0, 0 };
	struct kf_err err;

	assert_int_equal(check(w->disp, &t, TOY_MOVES, &err), KF_INVALID);
	assert_int_equal(check(w->disp, &t, -1, &err), KF_INVALID);
	t.state = TOY_STATES;
	assert_int_equal(check(w->disp, &t, MV_OPEN, &err), KF_DBERR);
}

static int64_t
toy_version(struct kf_core *k, int64_t id)
{
	sqlite3_stmt *st = kf_sql(k, SQL_TOY_V);
	int64_t v = -1;

	kf_bind_int(st, ":id", id);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	kf_sql_done(st);
	return v;
}

static int64_t
toy_audits(struct kf_core *k, const char *action)
{
	sqlite3_stmt *st = kf_sql(k, "SELECT count(*) FROM audit WHERE "
	    "entity = 'toy' AND action = :a");
	int64_t n = -1;

	kf_bind_text(st, ":a", action);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	kf_sql_done(st);
	return n;
}

static enum kf_rc
do_open(struct kf_core *k, void *rec, struct kf_fsm_changes *c,
    const void *arg, struct kf_err *err)
{
	const struct toy *t = rec;
	const bool *fail = arg;

	(void)k;
	assert_int_equal(t->state, NEW);	/* loaded, then checked */
	if (*fail)
		return kf_err_set(err, KF_INVALID, "no (T7)");
	kf_fsm_set_int(c, "state", OPEN);
	return KF_OK;
}

static int64_t
a_toy(struct world *w, int state, bool ready)
{
	sqlite3_stmt *st = kf_sql(w->fx->k, "INSERT INTO toy (state, ready, "
	    "owner) VALUES (:s, :r, :o)");

	kf_bind_int(st, ":s", state);
	kf_bind_int(st, ":r", ready);
	kf_bind_int(st, ":o", w->disp_id);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	kf_sql_done(st);
	return sqlite3_last_insert_rowid(w->fx->k->db);
}

/* kf_fsm_run: load, check, the move, one versioned write and one audit
 * row under the move's action; any failure leaves everything as it was;
 * the record is cleared whatever happened. */
static void
test_run_one_transaction(void **state)
{
	struct world *w = *state;
	int64_t id = a_toy(w, NEW, true), unready = a_toy(w, NEW, false);
	bool fail = true, ok = false;
	struct toy t;
	struct kf_err err;
	char want[128];
	int clears = toy_clears;

	assert_int_equal(kf_fsm_run(&toy_fsm, w->disp, &t, id, 1, MV_OPEN,
	    do_open, &fail, &err), KF_INVALID);
	assert_int_equal(toy_version(w->disp, id), 1);
	assert_int_equal(kf_fsm_run(&toy_fsm, w->disp, &t, unready, 1,
	    MV_OPEN, do_open, &ok, &err), KF_REFUSED);
	snprintf(want, sizeof(want), "toy %lld is not ready (T2)",
	    (long long)unready);
	assert_string_equal(err.msg, want);
	assert_int_equal(kf_fsm_run(&toy_fsm, w->rec, &t, id, 1, MV_OPEN,
	    do_open, &ok, &err), KF_DENIED);
	assert_int_equal(toy_audits(w->disp, "toy.open"), 0);

	assert_int_equal(kf_fsm_run(&toy_fsm, w->disp, &t, id, 1, MV_OPEN,
	    do_open, &ok, &err), KF_OK);
	assert_int_equal(toy_version(w->disp, id), 2);
	assert_int_equal(toy_audits(w->disp, "toy.open"), 1);
	assert_int_equal(t.id, 0);		/* cleared */

	assert_int_equal(kf_fsm_run(&toy_fsm, w->disp, &t, id, 2, MV_OPEN,
	    do_open, &ok, &err), KF_REFUSED);
	snprintf(want, sizeof(want), "cannot open: toy %lld is open; it is "
	    "open already (T1)", (long long)id);
	assert_string_equal(err.msg, want);
	assert_int_equal(kf_fsm_run(&toy_fsm, w->disp, &t, 999, -1, MV_OPEN,
	    do_open, &ok, &err), KF_NOTFOUND);
	assert_int_equal(toy_version(w->disp, id), 2);
	assert_int_equal(toy_audits(w->disp, "toy.open"), 1);
	assert_int_equal(toy_clears - clears, 6);
}

/* A stale version of a field changed meanwhile: the record's conflict
 * hook words it, and nothing is written. */
static void
test_run_conflict_hook(void **state)
{
	struct world *w = *state;
	int64_t id = a_toy(w, NEW, true);
	struct kf_change back = { "state", { KF_V_INT, NEW, NULL } };
	bool ok = false;
	struct toy t;
	struct kf_err err;

	/* disp opens it, then puts it back to new: version 3, state new */
	assert_int_equal(kf_fsm_run(&toy_fsm, w->disp, &t, id, 1, MV_OPEN,
	    do_open, &ok, &err), KF_OK);
	assert_int_equal(kf_tx_begin(w->disp, &err), KF_OK);
	assert_int_equal(kf_tx_end(w->disp, kf_rec_update(w->disp,
	    &toy_entity, id, 2, "toy.back", &back, 1, NULL, &err), &err),
	    KF_OK);
	/* disp2 opens it from version 1: state was changed since */
	toy_conflicts = 0;
	assert_int_equal(kf_fsm_run(&toy_fsm, w->disp2, &t, id, 1, MV_OPEN,
	    do_open, &ok, &err), KF_CONFLICT);
	assert_int_equal(toy_conflicts, 1);
	assert_non_null(strstr(err.msg, "someone was first"));
	assert_int_equal(toy_version(w->disp, id), 3);
}

/* I1–I3 on the toy, on broken tables, and on every record's real table. */
static void
test_valid_tables(void **state)
{
	static const struct kf_fsm_move no_words[] = {
		{ "toy.x", "x", KF_ACT_ORDER_ACK, BY_ROLE, KF_FSM_ST(OPEN),
		  NULL, NULL, NULL },
	};
	static const struct kf_fsm_move beyond[] = {
		{ "toy.x", "x", KF_ACT_ORDER_ACK, BY_ROLE, KF_FSM_ST(5),
		  "e", "l", NULL },
	};
	const struct kf_fsm *real[] = { &kf_order_fsm, &kf_complaint_fsm,
	    &kf_callback_fsm };
	struct kf_fsm f;
	char why[128];
	size_t i;

	(void)state;
	if (!kf_fsm_valid(&toy_fsm, why, sizeof(why)))
		fail_msg("toy: %s", why);
	for (i = 0; i < sizeof(real) / sizeof(real[0]); i++)
		if (!kf_fsm_valid(real[i], why, sizeof(why)))
			fail_msg("%s: %s", real[i]->noun, why);

	f = toy_fsm;			/* new: no early words, no state's */
	f.moves = no_words;
	f.nmoves = 1;
	assert_false(kf_fsm_valid(&f, why, sizeof(why)));
	assert_non_null(strstr(why, "from state 0"));
	f.moves = beyond;		/* from names state 5 of 4 */
	assert_false(kf_fsm_valid(&f, why, sizeof(why)));
	f = toy_fsm;			/* a who kind with no who() */
	f.who = NULL;
	assert_false(kf_fsm_valid(&f, why, sizeof(why)));
	f = toy_fsm;
	f.nstates = 33;
	assert_false(kf_fsm_valid(&f, why, sizeof(why)));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_allowed),
		cmocka_unit_test(test_wrong_state_early_and_late),
		cmocka_unit_test(test_state_words_and_sealed),
		cmocka_unit_test(test_wrong_role_and_not_the_one),
		cmocka_unit_test(test_guard_refuses),
		cmocka_unit_test(test_unknown_move_and_state),
		cmocka_unit_test(test_run_one_transaction),
		cmocka_unit_test(test_run_conflict_hook),
		cmocka_unit_test(test_valid_tables),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
