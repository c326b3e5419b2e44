/*
 * policy.c — the configurable numbers of RULES.md (R2, R3, R6, R33–R38,
 * R42): reading them for the core, listing and changing them for admins.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "kefu/perm.h"
#include "kefu/policy.h"

static const char SQL_VALUE[] = "SELECT value FROM policy WHERE key = :key";
static const char SQL_ONE[] =
    "SELECT id, key, value, unit, min_value, max_value, rule, description, "
    "version FROM policy WHERE key = :key";
static const char SQL_ALL[] =
    "SELECT id, key, value, unit, min_value, max_value, rule, description, "
    "version FROM policy ORDER BY key";
static const char SQL_VERSION[] = "SELECT version FROM policy WHERE id = :id";
static const char SQL_BUMP[] = "UPDATE policy SET version = :v WHERE id = :id";

static const struct kf_field policy_fields[] = {
	{ "value", "SELECT value FROM policy WHERE id = :id",
	  "UPDATE policy SET value = :v WHERE id = :id", false },
};

static const struct kf_entity policy_entity = {
	"policy", SQL_VERSION, SQL_BUMP, policy_fields, 1,
};

enum kf_rc
kf_policy_value(struct kf_core *k, const char *key, int64_t *value,
    struct kf_err *err)
{
	sqlite3_stmt *st = kf_sql(k, SQL_VALUE);
	enum kf_rc rc = KF_OK;
	int src;

	kf_bind_text(st, ":key", key);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		*value = sqlite3_column_int64(st, 0);
	else if (src == SQLITE_DONE)
		rc = kf_err_set(err, KF_NOTFOUND, "no policy '%.48s'", key);
	else
		rc = kf_db_err(k, src, "reading a policy", err);
	kf_sql_done(st);
	return rc;
}

enum kf_rc
kf_policy_backdated(struct kf_core *k, const char *key, int64_t at,
    bool *late, char lim[32], char when[32], struct kf_err *err)
{
	int64_t within = 0;
	enum kf_rc rc;

	*late = false;
	if ((rc = kf_policy_value(k, key, &within, err)) != KF_OK)
		return rc;
	if (at >= kf_core_now(k) - within)
		return KF_OK;		/* at the bound exactly: in time */
	*late = true;
	kf_policy_format(KF_UNIT_SECONDS, within, lim, 32);
	kf_time_local(at, when, 32);
	return KF_OK;
}

static void
row_to_policy(sqlite3_stmt *st, struct kf_policy *p)
{
	memset(p, 0, sizeof(*p));
	p->id = sqlite3_column_int64(st, 0);
	kf_col_copy(st, 1, p->key, sizeof(p->key));
	p->value = sqlite3_column_int64(st, 2);
	p->unit = (enum kf_unit)sqlite3_column_int(st, 3);
	p->min_value = sqlite3_column_int64(st, 4);
	p->max_value = sqlite3_column_int64(st, 5);
	kf_col_copy(st, 6, p->rule, sizeof(p->rule));
	kf_col_copy(st, 7, p->description, sizeof(p->description));
	p->version = sqlite3_column_int64(st, 8);
}

enum kf_rc
kf_policy_list(struct kf_core *k, struct kf_policy **out, size_t *n,
    struct kf_err *err)
{
	struct kf_policy *v = NULL;
	sqlite3_stmt *st;
	size_t len = 0, cap = 0;
	enum kf_rc rc;
	int src;

	*out = NULL;
	*n = 0;
	if ((rc = kf_may(k, KF_ACT_POLICY_LIST, 0, err)) != KF_OK)
		return rc;
	st = kf_sql(k, SQL_ALL);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 16;
			v = xrealloc(v, cap * sizeof(*v));
		}
		row_to_policy(st, &v[len++]);
	}
	kf_sql_done(st);
	if (src != SQLITE_DONE) {
		free(v);
		return kf_db_err(k, src, "listing policies", err);
	}
	*out = v;
	*n = len;
	return KF_OK;
}

const char *
kf_unit_name(enum kf_unit unit)
{
	switch (unit) {
	case KF_UNIT_SECONDS:		return "duration";
	case KF_UNIT_MINUTE_OF_DAY:	return "time of day";
	case KF_UNIT_DAYS:		return "days";
	case KF_UNIT_PERMILLE:		return "percent";
	case KF_UNIT_PER_10000:		return "per ten thousand";
	}
	return "?";
}

/* Parses a non-negative decimal integer of at most 9 digits at *s. */
static int
number(const char **s, int64_t *v)
{
	int n = 0;

	*v = 0;
	while (isdigit((unsigned char)**s) && n < 9) {
		*v = *v * 10 + (**s - '0');
		(*s)++;
		n++;
	}
	return n > 0 && !isdigit((unsigned char)**s) ? 0 : -1;
}

enum kf_rc
kf_policy_parse(enum kf_unit unit, const char *text, int64_t *value,
    struct kf_err *err)
{
	const char *p = text;
	int64_t a, b = 0, mult = 1;

	if (text == NULL || *text == '\0')
		return kf_err_set(err, KF_INVALID, "no value given");
	switch (unit) {
	case KF_UNIT_SECONDS:
		if (number(&p, &a) != 0)
			break;
		switch (*p) {
		case '\0': case 's':	mult = 1; break;
		case 'm':		mult = 60; break;
		case 'h':		mult = 3600; break;
		case 'd':		mult = 86400; break;
		default:		goto bad;
		}
		if (*p != '\0' && p[1] != '\0')
			break;
		*value = a * mult;
		return KF_OK;
	case KF_UNIT_MINUTE_OF_DAY:
		/* H:MM or HH:MM: "17:5" is a typo, not 17:05. */
		if (number(&p, &a) != 0 || *p++ != ':' || strlen(p) != 2 ||
		    number(&p, &b) != 0 || a > 23 || b > 59 || strlen(text) > 5)
			break;
		*value = a * 60 + b;
		return KF_OK;
	case KF_UNIT_DAYS:
		if (number(&p, &a) != 0 || (*p != '\0' && strcmp(p, "d") != 0))
			break;
		*value = a;
		return KF_OK;
	case KF_UNIT_PERMILLE:
		if (number(&p, &a) != 0 && *p != '.')
			break;
		if (*p == '.') {
			p++;
			if (!isdigit((unsigned char)*p))
				break;
			b = *p++ - '0';
		}
		if (*p == '%')
			p++;
		if (*p != '\0')
			break;
		*value = a * 10 + b;
		return KF_OK;
	case KF_UNIT_PER_10000:
		/* 万分之三 is "3": a whole number of ten-thousandths. */
		if (number(&p, &a) != 0 ||
		    (*p != '\0' && strcmp(p, "/10000") != 0))
			break;
		*value = a;
		return KF_OK;
	}
bad:
	/* One whole sentence per unit, so each translates as a whole. */
	switch (unit) {
	case KF_UNIT_SECONDS:
		return kf_err_set(err, KF_INVALID, "'%.40s' is not a duration "
		    "(e.g. 40m, 4h, 1d, 90s)", text);
	case KF_UNIT_MINUTE_OF_DAY:
		return kf_err_set(err, KF_INVALID, "'%.40s' is not a time of "
		    "day (e.g. 17:30)", text);
	case KF_UNIT_DAYS:
		return kf_err_set(err, KF_INVALID, "'%.40s' is not a number of "
		    "days (e.g. 2)", text);
	case KF_UNIT_PER_10000:
		return kf_err_set(err, KF_INVALID, "'%.40s' is not a whole "
		    "number of ten-thousandths (e.g. 3 for 万分之三, or "
		    "3/10000)", text);
	case KF_UNIT_PERMILLE:
		break;
	}
	return kf_err_set(err, KF_INVALID, "'%.40s' is not a percentage "
	    "(e.g. 5%% or 2.5%%)", text);
}

void
kf_policy_format(enum kf_unit unit, int64_t v, char *buf, size_t n)
{
	switch (unit) {
	case KF_UNIT_SECONDS:
		if (v % 86400 == 0 && v > 0)
			snprintf(buf, n, "%lldd", (long long)(v / 86400));
		else if (v % 3600 == 0 && v > 0)
			snprintf(buf, n, "%lldh", (long long)(v / 3600));
		else if (v % 60 == 0 && v > 0)
			snprintf(buf, n, "%lldm", (long long)(v / 60));
		else
			snprintf(buf, n, "%llds", (long long)v);
		return;
	case KF_UNIT_MINUTE_OF_DAY:
		snprintf(buf, n, "%02lld:%02lld", (long long)(v / 60),
		    (long long)(v % 60));
		return;
	case KF_UNIT_DAYS:
		snprintf(buf, n, "%lldd", (long long)v);
		return;
	case KF_UNIT_PERMILLE:
		snprintf(buf, n, "%lld.%lld%%", (long long)(v / 10),
		    (long long)(v % 10));
		return;
	case KF_UNIT_PER_10000:
		snprintf(buf, n, "%lld/10000", (long long)v);
		return;
	}
	snprintf(buf, n, "%lld", (long long)v);
}

/*
 * R6's four times of day keep their order, whichever one is changed:
 * viewing.earliest <= opens < closes <= wait_until (a booking window
 * that ends before the viewing hours would refuse every booked viewer).
 */
static enum kf_rc
viewing_order(struct kf_core *k, const char *key, int64_t v,
    struct kf_err *err)
{
	static const char *const keys[] = {
		"viewing.earliest", "viewing.opens", "viewing.closes",
		"viewing.wait_until",
	};
	int64_t t[4];
	size_t i, at = 4;
	enum kf_rc rc;

	for (i = 0; i < 4; i++)
		if (strcmp(key, keys[i]) == 0)
			at = i;
	if (at == 4)
		return KF_OK;
	for (i = 0; i < 4; i++)
		if (i == at)
			t[i] = v;
		else if ((rc = kf_policy_value(k, keys[i], &t[i], err)) != KF_OK)
			return rc;
	if (t[0] <= t[1] && t[1] < t[2] && t[2] <= t[3])
		return KF_OK;
	return kf_err_about(err, KF_INVALID, "value", N_("the viewing times "
	    "keep their order: viewing.earliest, viewing.opens, "
	    "viewing.closes, viewing.wait_until (R6)"));
}

/*
 * The complaint ladder's three steps keep their order, whichever one is
 * changed: complaint.ladder_1 < ladder_2 < ladder_3 (R29: a step that
 * came before the one below it would never be seen).
 */
static enum kf_rc
ladder_order(struct kf_core *k, const char *key, int64_t v,
    struct kf_err *err)
{
	static const char *const keys[] = {
		"complaint.ladder_1", "complaint.ladder_2", "complaint.ladder_3",
	};
	int64_t t[3];
	size_t i, at = 3;
	enum kf_rc rc;

	for (i = 0; i < 3; i++)
		if (strcmp(key, keys[i]) == 0)
			at = i;
	if (at == 3)
		return KF_OK;
	for (i = 0; i < 3; i++)
		if (i == at)
			t[i] = v;
		else if ((rc = kf_policy_value(k, keys[i], &t[i], err)) != KF_OK)
			return rc;
	if (t[0] < t[1] && t[1] < t[2])
		return KF_OK;
	return kf_err_about(err, KF_INVALID, "value", N_("the complaint "
	    "ladder's steps keep their order: complaint.ladder_1 below "
	    "ladder_2 below ladder_3 (R29)"));
}

enum kf_rc
kf_policy_set(struct kf_core *k, const char *key, const char *text,
    int64_t seen_version, struct kf_err *err)
{
	struct kf_policy p = { 0 };
	struct kf_change ch = { "value", { KF_V_INT, 0, NULL } };
	char lo[32], hi[32];
	sqlite3_stmt *st;
	enum kf_rc rc;
	int src;

	if ((rc = kf_may(k, KF_ACT_POLICY_SET, 0, err)) != KF_OK)
		return rc;
	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		return rc;
	st = kf_sql(k, SQL_ONE);
	kf_bind_text(st, ":key", key);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		row_to_policy(st, &p);
	kf_sql_done(st);
	if (src == SQLITE_DONE)
		rc = kf_err_set(err, KF_NOTFOUND,
		    "no policy '%.48s' (see: kefu policy list)", key);
	else if (src != SQLITE_ROW)
		rc = kf_db_err(k, src, "reading a policy", err);
	if (rc == KF_OK)
		rc = kf_policy_parse(p.unit, text, &ch.v.i, err);
	if (rc == KF_OK && (ch.v.i < p.min_value || ch.v.i > p.max_value)) {
		kf_policy_format(p.unit, p.min_value, lo, sizeof(lo));
		kf_policy_format(p.unit, p.max_value, hi, sizeof(hi));
		rc = kf_err_set(err, KF_INVALID,
		    "%s must lie between %s and %s (%s)", p.key, lo, hi, p.rule);
	}
	if (rc == KF_OK)
		rc = viewing_order(k, p.key, ch.v.i, err);
	if (rc == KF_OK)
		rc = ladder_order(k, p.key, ch.v.i, err);
	if (rc == KF_OK)
		rc = kf_rec_update(k, &policy_entity, p.id, seen_version,
		    "policy.set", &ch, 1, NULL, err);
	if (rc == KF_CONFLICT && err != NULL) {
		/* Say it in the policy's own terms: its key and unit. */
		char when[32];

		kf_policy_format(p.unit, strtoll(err->conflict.theirs, NULL, 10),
		    hi, sizeof(hi));
		kf_policy_format(p.unit, ch.v.i, lo, sizeof(lo));
		kf_time_local(err->conflict.at, when, sizeof(when));
		kf_err_set(err, KF_CONFLICT, "policy %s was changed by %s at %s "
		    "to %s; your %s was not saved (see: kefu policy list)",
		    p.key, err->conflict.by, when, hi, lo);
	}
	return kf_tx_end(k, rc, err);
}
