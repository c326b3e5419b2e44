/*
 * fsm.c — the state-table engine every record with a lifecycle shares
 * (the work order's table in order.c; complaints, callbacks and bills
 * next). What a table holds, the order of the tests, the wording of a
 * refusal and the invariants are in internal.h, beside the API.
 *
 * A record gives only tables and small callbacks; the engine asks the
 * same questions of each (may he, is he the one, from this state, does
 * the guard agree) and runs the one-transaction shape of a move, so two
 * records never word the same refusal differently or forget a test.
 */
#include <assert.h>
#include <stdio.h>


#include "internal.h"
#include "kefu/i18n.h"

static bool
state_ok(const struct kf_fsm *fsm, int state)
{
	return state >= 0 && state < fsm->nstates;
}

/*
 * The words for refusing move m from state (not in m->from): see test 3
 * in internal.h. NULL only for a table that breaks I3.
 */
/* The lowest state of a non-empty set of states (its lowest bit). */
static unsigned
first_state(unsigned from)
{
	unsigned st = 0;

	while (!(from & 1u)) {
		from >>= 1;
		st++;
	}
	return st;
}

static const char *
why_not(const struct kf_fsm *fsm, const struct kf_fsm_move *m, int state)
{
	const char *own = fsm->state_why != NULL ? fsm->state_why[state] :
	    NULL;
	const char *why;

	if (fsm->sealed & KF_FSM_ST(state))
		return own;
	/* from is not empty (I2): its lowest bit is the first state. */
	why = (unsigned)state < first_state(m->from) ? m->early : m->late;
	return why != NULL ? why : own;
}

enum kf_rc
kf_fsm_check(const struct kf_fsm *fsm, struct kf_core *k, const void *rec,
    int state, int64_t id, int move, struct kf_err *err)
{
	const struct kf_fsm_move *m;
	const char *why;
	enum kf_rc rc;

	if (move < 0 || move >= fsm->nmoves)
		return kf_err_set(err, KF_INVALID, "unknown move");
	if (!state_ok(fsm, state))	/* only a database not ours has it */
		return kf_err_set(err, KF_DBERR, "%s %lld has an unknown "
		    "state (%d)", kf_gettext(fsm->noun), (long long)id,
		    state);
	m = &fsm->moves[move];
	if ((rc = kf_may(k, m->may, 0, err)) != KF_OK)
		return rc;
	if (m->who != KF_FSM_BY_ROLE) {
		assert(fsm->who != NULL);	/* I2 */
		if ((rc = fsm->who(k, rec, m->who, err)) != KF_OK)
			return rc;
	}
	if (m->from & KF_FSM_ST(state))
		return m->guard != NULL ? m->guard(k, rec, err) : KF_OK;
	why = why_not(fsm, m, state);
	assert(why != NULL);			/* I3 */
	return kf_err_set(err, KF_REFUSED, "cannot %s: %s %lld is %s; %s",
	    kf_gettext(m->verb), kf_gettext(fsm->noun),
	    (long long)id, kf_gettext(fsm->state_label(state)),
	    why != NULL ? kf_gettext(why) : "");
}

static void
add(struct kf_fsm_changes *c, const char *field, struct kf_value v)
{
	assert(c->n < KF_FSM_MAXCH);
	if (c->n < KF_FSM_MAXCH)
		c->ch[c->n++] = (struct kf_change){ field, v };
}

void
kf_fsm_set_int(struct kf_fsm_changes *c, const char *field, int64_t v)
{
	add(c, field, (struct kf_value){ KF_V_INT, v, NULL });
}

void
kf_fsm_set_null(struct kf_fsm_changes *c, const char *field)
{
	add(c, field, (struct kf_value){ KF_V_NULL, 0, NULL });
}

void
kf_fsm_set_text(struct kf_fsm_changes *c, const char *field, const char *v)
{
	add(c, field, (struct kf_value){ KF_V_TEXT, 0, v });
}

/*
 * kf_fsm_check inside kf_fsm_run: with fsm->stale_field, a state refusal
 * on a record whose field changed after seen is the conflict it is (the
 * caller decided from a state that is gone: told who moved it and when).
 */
static enum kf_rc
stale_or_check(const struct kf_fsm *fsm, struct kf_core *k, const void *rec,
    int64_t id, int64_t seen, int move, struct kf_err *err)
{
	enum kf_rc rc, moved;

	rc = kf_fsm_check(fsm, k, rec, fsm->state_of(rec), id, move, err);
	if (rc != KF_REFUSED || fsm->stale_field == NULL || seen <= 0)
		return rc;
	/* KF_OK (not moved by that field: the refusal stands), or the
	 * conflict (or a storage failure) in its place. */
	moved = kf_rec_moved(k, fsm->entity, id, seen, fsm->stale_field, err);
	return moved == KF_OK ? rc : moved;
}

enum kf_rc
kf_fsm_run(const struct kf_fsm *fsm, struct kf_core *k, void *rec,
    int64_t id, int64_t seen_version, int move, kf_fsm_fn fn,
    const void *arg, struct kf_err *err)
{
	struct kf_fsm_changes c = { .n = 0 };
	enum kf_rc rc;

	assert(fsm->entity != NULL && fsm->load != NULL &&
	    fsm->clear != NULL && fsm->state_of != NULL);
	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		return rc;
	if ((rc = fsm->load(k, id, rec, err)) == KF_OK &&
	    (rc = stale_or_check(fsm, k, rec, id, seen_version, move,
	    err)) == KF_OK &&
	    (rc = fn(k, rec, &c, arg, err)) == KF_OK)
		rc = kf_rec_update(k, fsm->entity, id, seen_version,
		    fsm->moves[move].action, c.ch, c.n, NULL, err);
	if (rc == KF_CONFLICT && err != NULL && fsm->conflict != NULL)
		fsm->conflict(k, id, err);
	fsm->clear(rec);
	return kf_tx_end(k, rc, err);
}

bool
kf_fsm_valid(const struct kf_fsm *fsm, char *why, size_t n)
{
	const struct kf_fsm_move *m;
	unsigned all;
	int i, s;

	if (fsm->nstates < 1 || fsm->nstates > 32 || fsm->noun == NULL ||
	    fsm->state_label == NULL || fsm->nmoves < 1) {
		snprintf(why, n, "the table: 1 to 32 states, a noun, state "
		    "labels and a move");
		return false;
	}
	all = fsm->nstates == 32 ? ~0u : KF_FSM_ST(fsm->nstates) - 1;
	if (fsm->sealed & ~all) {
		snprintf(why, n, "sealed names a state beyond %d",
		    fsm->nstates - 1);
		return false;
	}
	for (s = 0; s < fsm->nstates; s++)
		if (fsm->state_label(s) == NULL) {
			snprintf(why, n, "state %d: no label", s);
			return false;
		}
	for (i = 0; i < fsm->nmoves; i++) {
		m = &fsm->moves[i];
		if (m->action == NULL || m->verb == NULL || m->from == 0 ||
		    (m->from & ~all) != 0 ||
		    (m->who != KF_FSM_BY_ROLE && fsm->who == NULL)) {
			snprintf(why, n, "move %d: an action, a verb, a from "
			    "within the states, a who() for its who", i);
			return false;
		}
		for (s = 0; s < fsm->nstates; s++)
			if (!(m->from & KF_FSM_ST(s)) &&
			    why_not(fsm, m, s) == NULL) {
				snprintf(why, n, "move %d (%s) from state %d "
				    "(%s): no reason", i, m->action, s,
				    fsm->state_label(s));
				return false;
			}
	}
	if (n > 0)
		why[0] = '\0';
	return true;
}
