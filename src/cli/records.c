/*
 * records.c — what the commands over records with a lifecycle (order,
 * complaint, callback) share: record numbers and versions as typed, the
 * JSON fields they print, times shown as "-" when not yet, staff logins
 * by id and ids by login, customers by account or number, and a record's
 * history from the audit trail (cli.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kefu/audit.h"
#include "kefu/clock.h"
#include "kefu/customer.h"
#include "kefu/order.h"
#include "kefu/staff.h"

bool
cli_id(const char *cmd, const char *what, const char *s, int64_t *id)
{
	long long v;

	if (!cli_int(cmd, what, s, &v))
		return false;
	if (v < 1) {
		cli_usage(cmd, "%s must be 1 or more", what);
		return false;
	}
	*id = v;
	return true;
}

bool
cli_version(const char *cmd, const char *s, int64_t *version)
{
	return cli_id(cmd, "--version", s, version);
}

const char *
cli_or_dash(const char *s)
{
	return s != NULL && *s != '\0' ? s : "-";
}

const char *
cli_time(int64_t t, char *buf, size_t n)
{
	if (t == 0)
		snprintf(buf, n, "-");
	else
		kf_time_local(t, buf, n);
	return buf;
}

void
cli_json_key_str(const char *key, const char *v)
{
	printf(",\"%s\":", key);
	cli_json_str(stdout, v);
}

void
cli_json_key_int(const char *key, int64_t v)
{
	printf(",\"%s\":%lld", key, (long long)v);
}

void
cli_json_key_bool(const char *key, bool v)
{
	printf(",\"%s\":%s", key, v ? "true" : "false");
}

void
cli_names_free(struct cli_names *nm)
{
	kf_order_tech_load_free(nm->techs, nm->ntechs);
	kf_staff_list_free(nm->staff, nm->nstaff);
}

const char *
cli_login_of(struct cli *c, struct cli_names *nm, int64_t id)
{
	struct kf_err err;
	size_t i;
	char *b;

	if (id == 0)
		return "-";
	if (id == kf_core_actor_id(c->k))
		return kf_core_actor_login(c->k);
	kf_err_clear(&err);
	if (!nm->techs_tried) {
		nm->techs_tried = true;
		if (kf_order_tech_load(c->k, &nm->techs, &nm->ntechs, &err) !=
		    KF_OK) {
			nm->techs = NULL;
			nm->ntechs = 0;
		}
	}
	for (i = 0; i < nm->ntechs; i++)
		if (nm->techs[i].id == id)
			return nm->techs[i].login;
	if (!nm->staff_tried) {
		nm->staff_tried = true;
		if (kf_staff_colleagues(c->k, ~0u, 1000, &nm->staff, &nm->nstaff,
		    &err) != KF_OK) {
			nm->staff = NULL;
			nm->nstaff = 0;
		}
	}
	for (i = 0; i < nm->nstaff; i++)
		if (nm->staff[i].id == id)
			return nm->staff[i].login;
	b = nm->buf[nm->next++ % 4];
	snprintf(b, sizeof(nm->buf[0]), "#%lld", (long long)id);
	return b;
}

enum kf_rc
cli_staff_id(struct kf_core *k, const char *login, int64_t *id,
    struct kf_err *err)
{
	struct kf_staff st, *v;
	enum kf_rc rc;
	size_t n, i;

	if ((rc = kf_staff_get(k, login, &st, err)) == KF_OK) {
		*id = st.id;
		kf_staff_clear(&st);
		return KF_OK;
	}
	if (rc != KF_DENIED)
		return rc;
	kf_err_clear(err);
	if ((rc = kf_staff_colleagues(k, ~0u, 1000, &v, &n, err)) != KF_OK)
		return rc;
	for (i = 0; i < n && strcmp(v[i].login, login) != 0; i++)
		;
	if (i < n)
		*id = v[i].id;
	kf_staff_list_free(v, n);
	if (i == n)
		return kf_err_set(err, KF_NOTFOUND, "no staff account '%.64s'",
		    login);
	return KF_OK;
}

enum kf_rc
cli_customer(struct cli *c, const char *s, struct kf_customer *cu,
    struct kf_err *err)
{
	enum kf_rc rc;
	char *end;
	long long v;

	rc = kf_customer_get_account(c->k, s, cu, err);
	if (rc != KF_NOTFOUND)
		return rc;
	v = strtoll(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v < 1)
		return rc;
	kf_err_clear(err);
	return kf_customer_get(c->k, v, cu, err);
}

void
cli_history(struct cli *c, const char *entity, int64_t id)
{
	struct kf_audit_filter f = { .entity = entity, .entity_id = id,
	    .limit = CLI_HISTORY_MAX };
	struct kf_audit_row *v;
	struct kf_err err;
	char t[32];
	size_t n, i;

	/* The trail is for supervisors and admins; others see no history. */
	kf_err_clear(&err);
	if (kf_audit_list(c->k, &f, &v, &n, &err) != KF_OK)
		return;
	printf("history:\n");
	for (i = n; i-- > 0;) {		/* oldest first */
		printf("  %s ", cli_time(v[i].at, t, sizeof(t)));
		cli_pad(stdout, v[i].actor, 12);
		putchar(' ');
		cli_text(stdout, v[i].action);
		putchar('\n');
	}
	if (n == 0)
		printf("  -\n");
	kf_audit_list_free(v, n);
}

bool
cli_bound(struct cli *c, const char *cmd, const char *opt, const char *s,
    bool end, int64_t *t)
{
	char day[24];

	if (strlen(s) == 10 && s[4] == '-' && s[7] == '-') {
		snprintf(day, sizeof(day), "%sT00:00", s);
		if (kf_time_parse(day, t, NULL) != KF_OK) {
			cli_usage(cmd, "%s: not a day YYYY-MM-DD", opt);
			return false;
		}
		if (end)	/* the next midnight, whatever the day's length */
			*t = kf_time_day_start(*t + (int64_t)36 * 3600);
		return true;
	}
	return cli_when(c, s, t);
}
