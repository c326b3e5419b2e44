/*
 * cmd_contact.c — the contact log from the command line:
 * kefu contact log|list|show|queue|key|promise|link|export.
 *
 * export writes the log as CSV (docs/csv.md), as customer export does:
 * the file the person names is opened with the person's own group, never
 * the setgid one, and is removed again when the export fails.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "kefu/clock.h"
#include "kefu/contact.h"
#include "kefu/order.h"
#include "kefu/csv.h"
#include "kefu/customer.h"
#include "kefu/perm.h"
#include "kefu/policy.h"
#include "kefu/staff.h"
#include "kefu/util.h"

static void
print_contact(const struct kf_contact *c, bool json, const int64_t *orders,
    size_t norders)
{
	char when[32], appt[32];
	size_t i;

	if (json) {
		printf("{\"id\":%lld,\"at\":%lld,\"channel\":\"%s\","
		    "\"purpose\":\"%s\",\"customer_id\":%lld,\"caller_name\":",
		    (long long)c->id, (long long)c->at,
		    kf_channel_name(c->channel), kf_purpose_name(c->purpose),
		    (long long)c->customer_id);
		cli_json_str(stdout, c->caller_name);
		printf(",\"caller_title\":");
		cli_json_str(stdout, c->caller_title);
		printf(",\"caller_phone\":");
		cli_json_str(stdout, c->caller_phone);
		printf(",\"asked\":");
		cli_json_str(stdout, c->asked);
		printf(",\"done\":");
		cli_json_str(stdout, c->done);
		printf(",\"staff_id\":%lld,\"appointment_at\":%lld,"
		    "\"documents_checked\":%s,\"key_out_at\":%lld,"
		    "\"key_in_at\":%lld,\"urgency\":\"%s\",\"routed_to\":%u,"
		    "\"received_by\":%lld,\"callback_due_at\":%lld,"
		    "\"appointment_cancelled_at\":%lld,\"version\":%lld,"
		    "\"entered_at\":%lld",
		    (long long)c->staff_id, (long long)c->appointment_at,
		    c->documents_checked ? "true" : "false",
		    (long long)c->key_out_at, (long long)c->key_in_at,
		    c->urgency == KF_CONTACT_URG_URGENT ? "urgent" : "normal",
		    c->routed_to, (long long)c->received_by,
		    (long long)c->callback_due_at,
		    (long long)c->appointment_cancelled_at,
		    (long long)c->version, (long long)c->entered_at);
		if (orders != NULL) {
			printf(",\"orders\":[");
			for (i = 0; i < norders; i++)
				printf("%s%lld", i ? "," : "",
				    (long long)orders[i]);
			printf("]");
		}
		printf("}");
		return;
	}
	kf_time_local(c->at, when, sizeof(when));
	printf("#%lld %s %-8s %s ", (long long)c->id, when,
	    kf_channel_name(c->channel), kf_purpose_label(c->purpose));
	cli_text(stdout, c->caller_name);
	cli_text(stdout, c->caller_title);
	if (c->caller_phone[0]) {
		putchar(' ');
		cli_text(stdout, c->caller_phone);
	}
	printf(": ");
	cli_text(stdout, c->asked);
	if (c->done[0]) {
		printf(" -> ");
		cli_text(stdout, c->done);
	}
	if (c->appointment_at) {
		kf_time_local(c->appointment_at, appt, sizeof(appt));
		printf(" [appointment %s%s]", appt,
		    c->appointment_cancelled_at ? ", cancelled" : "");
	}
	if (c->callback_due_at) {
		kf_time_local(c->callback_due_at, appt, sizeof(appt));
		printf(" [callback by %s]", appt);
	}
	/* Logged later than it began (R1, R6): when it really was. */
	if (c->entered_at > c->at + 60) {
		kf_time_local(c->entered_at, appt, sizeof(appt));
		printf(" [logged %s]", appt);
	}
	putchar('\n');
	if (orders != NULL && norders > 0) {	/* what it led to */
		printf("  work orders:");
		for (i = 0; i < norders; i++)
			printf(" %lld", (long long)orders[i]);
		putchar('\n');
	}
}

/* Prints v (a JSON array with --json) and frees it. */
static void
print_contacts(const struct cli *c, struct kf_contact *v, size_t n)
{
	size_t i;

	if (c->json)
		printf("[");
	for (i = 0; i < n; i++) {
		if (c->json && i)
			printf(",");
		print_contact(&v[i], c->json, NULL, 0);
	}
	if (c->json)
		printf("]\n");
	kf_contact_list_free(v, n);
}

static int
contact_log(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "channel", required_argument, NULL, 'c' },
		{ "purpose", required_argument, NULL, 'p' },
		{ "customer", required_argument, NULL, 'u' },
		{ "name", required_argument, NULL, 'n' },
		{ "title", required_argument, NULL, 't' },
		{ "phone", required_argument, NULL, 'f' },
		{ "asked", required_argument, NULL, 'a' },
		{ "done", required_argument, NULL, 'd' },
		{ "at", required_argument, NULL, 'T' },
		{ "appointment", required_argument, NULL, 'A' },
		{ "documents-checked", no_argument, NULL, 'D' },
		{ "accompanied-by", required_argument, NULL, 'B' },
		{ "urgent", no_argument, NULL, 'U' },
		{ "formalities", required_argument, NULL, 'F' },
		{ "received-by", required_argument, NULL, 'R' },
		{ NULL, 0, NULL, 0 },
	};
	struct kf_contact ct;
	struct kf_customer cu;
	struct kf_err err;
	int64_t id = 0;
	int ch, code = 0;
	bool have_purpose = false;

	memset(&ct, 0, sizeof(ct));
	kf_err_clear(&err);
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			if (kf_channel_parse(optarg, &ct.channel, &err) != KF_OK)
				goto fail;
			break;
		case 'p':
			if (kf_purpose_parse(optarg, &ct.purpose, &err) != KF_OK)
				goto fail;
			have_purpose = true;
			break;
		case 'u':
			if (kf_customer_get_account(c->k, optarg, &cu, &err) !=
			    KF_OK)
				goto fail;
			ct.customer_id = cu.id;
			kf_customer_clear(&cu);
			break;
		case 'n':	free(ct.caller_name); ct.caller_name = xstrdup(optarg); break;
		case 't':	free(ct.caller_title); ct.caller_title = xstrdup(optarg); break;
		case 'f':	free(ct.caller_phone); ct.caller_phone = xstrdup(optarg); break;
		case 'a':	free(ct.asked); ct.asked = xstrdup(optarg); break;
		case 'd':	free(ct.done); ct.done = xstrdup(optarg); break;
		case 'T':
			if (!cli_when_past(c, optarg, &ct.at)) {
				code = EXIT_USAGE;
				goto out;
			}
			break;
		case 'A':
			if (!cli_when(c, optarg, &ct.appointment_at)) {
				code = EXIT_USAGE;
				goto out;
			}
			break;
		case 'D':	ct.documents_checked = true; break;
		case 'B':	free(ct.accompanied_by); ct.accompanied_by = xstrdup(optarg); break;
		case 'U':	ct.urgency = KF_CONTACT_URG_URGENT; break;
		case 'F':	free(ct.formalities); ct.formalities = xstrdup(optarg); break;
		case 'R':
			if (cli_staff_id(c->k, optarg, &ct.received_by, &err) !=
			    KF_OK)
				goto fail;
			break;
		default:
			code = cli_getopt_fail("contact log", ch, argv);
			goto out;
		}
	}
	if (optind != argc || !have_purpose) {
		code = cli_usage("contact log", "needs --purpose and --asked (and "
		    "--customer ACCOUNT or --phone)");
		goto out;
	}
	if (kf_contact_log(c->k, &ct, &id, &err) != KF_OK)
		goto fail;
	if (c->json)
		printf("{\"id\":%lld}\n", (long long)id);
	else
		printf("logged contact %lld\n", (long long)id);
	goto out;
fail:
	code = cli_fail(&err);
out:
	kf_contact_clear(&ct);
	return code;
}

static int
contact_list(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "purpose", required_argument, NULL, 'p' },
		{ "staff", required_argument, NULL, 's' },
		{ "days", required_argument, NULL, 'd' },
		{ "limit", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	struct kf_contact_filter f = { .purpose = -1 };
	struct kf_contact *v;
	struct kf_err err;
	enum kf_contact_purpose p;
	long long num, days = 1, limit = 200;
	int ch;
	size_t n;

	kf_err_clear(&err);
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'p':
			if (kf_purpose_parse(optarg, &p, &err) != KF_OK)
				return cli_fail(&err);
			f.purpose = (int)p;
			break;
		case 's':
			if (cli_staff_id(c->k, optarg, &f.staff_id, &err) != KF_OK)
				return cli_fail(&err);
			break;
		case 'd': case 'n':
			if (!cli_int("contact list", ch == 'd' ? "--days" :
			    "--limit", optarg, &num))
				return EXIT_USAGE;
			if (num < 1 || num > (ch == 'd' ? 366 : 1000))
				return cli_usage("contact list", "%s out of range",
				    ch == 'd' ? "--days" : "--limit");
			if (ch == 'd')
				days = num;
			else
				limit = num;
			break;
		default:
			return cli_getopt_fail("contact list", ch, argv);
		}
	}
	if (optind != argc)
		return cli_usage("contact list", "unexpected argument '%.40s'",
		    argv[optind]);
	/* Today's contacts (or the last N days'), by local days. */
	f.to = kf_time_day_start(kf_core_now(c->k)) + 86400;
	f.from = f.to - days * 86400;
	if (kf_contact_list(c->k, &f, KF_PAGE_FIRST, NULL, (int)limit, &v, &n,
	    &err) != KF_OK)
		return cli_fail(&err);
	print_contacts(c, v, n);
	return 0;
}

#define SHOW_ORDERS	64	/* work orders a contact shows it led to */

static int
contact_show(struct cli *c, int argc, char **argv)
{
	struct kf_contact ct;
	struct kf_err err;
	int64_t orders[SHOW_ORDERS];
	size_t norders;
	long long id;

	if (argc != 2)
		return cli_usage("contact show", "needs an ID");
	if (!cli_int("contact show", "ID", argv[1], &id))
		return EXIT_USAGE;
	kf_err_clear(&err);
	if (kf_contact_get(c->k, id, &ct, &err) != KF_OK)
		return cli_fail(&err);
	if (kf_order_ids_of_contact(c->k, id, orders, SHOW_ORDERS, &norders,
	    &err) != KF_OK) {
		kf_contact_clear(&ct);
		return cli_fail(&err);
	}
	print_contact(&ct, c->json, orders, norders);
	if (c->json)
		putchar('\n');
	kf_contact_clear(&ct);
	return 0;
}

static int
contact_queue(struct cli *c, int argc, char **argv)
{
	struct kf_contact_filter f = { .purpose = -1, .queue = true };
	struct kf_contact *v;
	struct kf_err err;
	size_t n;

	(void)argv;
	if (argc != 1)
		return cli_usage("contact queue", "takes no arguments");
	kf_err_clear(&err);
	if (kf_contact_list(c->k, &f, KF_PAGE_FIRST, NULL, 200, &v, &n,
	    &err) != KF_OK)
		return cli_fail(&err);
	print_contacts(c, v, n);
	return 0;
}

/* key ID out|in; promise ID MINUTES; link ID ACCOUNT; handle ID OUTCOME */
static int
contact_change(struct cli *c, int argc, char **argv, const char *verb)
{
	struct kf_customer cu;
	struct kf_contact ct;
	struct kf_err err;
	long long id, num;
	char cmd[32];
	enum kf_rc rc;

	snprintf(cmd, sizeof(cmd), "contact %s", verb);
	if (argc != 3)
		return cli_usage(cmd, strcmp(verb, "key") == 0 ? "needs ID out|in" :
		    strcmp(verb, "promise") == 0 ? "needs ID MINUTES" :
		    strcmp(verb, "handle") == 0 ? "needs ID OUTCOME" :
		    "needs ID ACCOUNT");
	if (!cli_int(cmd, "ID", argv[1], &id))
		return EXIT_USAGE;
	kf_err_clear(&err);
	if (strcmp(verb, "key") == 0) {
		if (strcmp(argv[2], "out") != 0 && strcmp(argv[2], "in") != 0)
			return cli_usage(cmd, "say out or in");
		rc = kf_contact_key(c->k, id, strcmp(argv[2], "in") == 0, &err);
	} else if (strcmp(verb, "promise") == 0) {
		if (!cli_int(cmd, "MINUTES", argv[2], &num))
			return EXIT_USAGE;
		rc = kf_contact_promise_callback(c->k, id, num * 60, &err);
	} else if (strcmp(verb, "handle") == 0) {
		if ((rc = kf_contact_get(c->k, id, &ct, &err)) == KF_OK)
			rc = kf_contact_handle(c->k, id, ct.version, argv[2],
			    &err);
		kf_contact_clear(&ct);
	} else {
		if ((rc = kf_customer_get_account(c->k, argv[2], &cu, &err)) !=
		    KF_OK)
			return cli_fail(&err);
		if ((rc = kf_contact_get(c->k, id, &ct, &err)) == KF_OK)
			rc = kf_contact_link_customer(c->k, id, ct.version, cu.id,
			    &err);
		kf_contact_clear(&ct);
		kf_customer_clear(&cu);
	}
	if (rc != KF_OK)
		return cli_fail(&err);
	if (!c->json)
		printf("contact %lld: %s\n", id, verb);
	else
		printf("{\"id\":%lld,\"changed\":true}\n", id);
	return 0;
}

/* cancel-appointment ID: R6, staff no longer wait for the viewer. */
static int
contact_unbook(struct cli *c, int argc, char **argv)
{
	struct kf_err err;
	long long id;

	if (argc != 2)
		return cli_usage("contact cancel-appointment", "needs an ID");
	if (!cli_int("contact cancel-appointment", "ID", argv[1], &id))
		return EXIT_USAGE;
	kf_err_clear(&err);
	if (kf_contact_cancel_appointment(c->k, id, -1, &err) != KF_OK)
		return cli_fail(&err);
	if (!c->json)
		printf("contact %lld: appointment cancelled\n", id);
	else
		printf("{\"id\":%lld,\"changed\":true}\n", id);
	return 0;
}

/* ---- export ---- */

#define EXPORT_PAGE	500	/* contacts per kf_contact_list call */
#define NAME_SLOTS	256	/* logins and account numbers remembered */

/* The columns, in the file's order (docs/csv.md). */
enum xcol {
	X_ID, X_AT, X_CHANNEL, X_PURPOSE, X_CUSTOMER, X_CALLER_NAME,
	X_CALLER_TITLE, X_CALLER_PHONE, X_ASKED, X_DONE, X_STAFF,
	X_APPOINTMENT_AT, X_DOCUMENTS_CHECKED, X_ACCOMPANIED_BY, X_KEY_OUT_AT,
	X_KEY_IN_AT, X_URGENCY, X_FORMALITIES, X_RECEIVED_BY,
	X_CALLBACK_DUE_AT, NXCOLS
};

static const char *const xcol_names[NXCOLS] = {
	[X_ID] = "id", [X_AT] = "at", [X_CHANNEL] = "channel",
	[X_PURPOSE] = "purpose", [X_CUSTOMER] = "customer",
	[X_CALLER_NAME] = "caller_name", [X_CALLER_TITLE] = "caller_title",
	[X_CALLER_PHONE] = "caller_phone", [X_ASKED] = "asked",
	[X_DONE] = "done", [X_STAFF] = "staff",
	[X_APPOINTMENT_AT] = "appointment_at",
	[X_DOCUMENTS_CHECKED] = "documents_checked",
	[X_ACCOMPANIED_BY] = "accompanied_by", [X_KEY_OUT_AT] = "key_out_at",
	[X_KEY_IN_AT] = "key_in_at", [X_URGENCY] = "urgency",
	[X_FORMALITIES] = "formalities", [X_RECEIVED_BY] = "received_by",
	[X_CALLBACK_DUE_AT] = "callback_due_at",
};

/*
 * Id -> text, direct-mapped: the memory stays bounded however many rows
 * are written, and the few staff accounts and the customers who call
 * again are looked up once each.
 */
struct names {
	int64_t	 id[NAME_SLOTS];
	char	*text[NAME_SLOTS];
};

/* One export's state. */
struct export {
	struct cli	*c;
	FILE		*out;
	struct kf_contact_filter f;	/* the range, purpose, staff */
	size_t		 count;		/* rows written */
	struct names	 logins, accounts;
	struct kf_staff	*colleagues;	/* loaded when a login is denied */
	size_t		 ncolleagues;
};

static const char *
names_find(const struct names *nm, int64_t id)
{
	unsigned i = (unsigned)((uint64_t)id % NAME_SLOTS);

	return nm->text[i] != NULL && nm->id[i] == id ? nm->text[i] : NULL;
}

/* Keeps text (taken over) for id; returns it, lent until the slot is reused. */
static const char *
names_keep(struct names *nm, int64_t id, char *text)
{
	unsigned i = (unsigned)((uint64_t)id % NAME_SLOTS);

	free(nm->text[i]);
	nm->id[i] = id;
	nm->text[i] = text;
	return text;
}

static void
names_free(struct names *nm)
{
	size_t i;

	for (i = 0; i < NAME_SLOTS; i++)
		free(nm->text[i]);
}

/*
 * The login of staff id into *out ("" for 0). Only supervisors and admins
 * may look up other accounts (staff.show); reception and dispatchers get
 * colleagues' logins from kf_staff_colleagues (staff.names), and "#id"
 * only for an account missing there.
 */
static enum kf_rc
staff_login(struct export *x, int64_t id, const char **out,
    struct kf_err *err)
{
	struct kf_staff st;
	enum kf_rc rc;

	*out = "";
	if (id == 0)
		return KF_OK;
	if ((*out = names_find(&x->logins, id)) != NULL)
		return KF_OK;
	if (id == kf_core_actor_id(x->c->k)) {
		*out = names_keep(&x->logins, id,
		    xstrdup(kf_core_actor_login(x->c->k)));
		return KF_OK;
	}
	rc = kf_staff_get_id(x->c->k, id, &st, err);
	if (rc == KF_DENIED) {
		struct kf_staff *v;
		size_t n, i;

		/* An enabled colleague is named; else the account's id. */
		kf_err_clear(err);
		if (x->colleagues == NULL &&
		    kf_staff_colleagues(x->c->k, ~0u, 1000, &v, &n, err) ==
		    KF_OK) {
			x->colleagues = v;
			x->ncolleagues = n;
		}
		for (i = 0; i < x->ncolleagues; i++)
			if (x->colleagues[i].id == id) {
				*out = names_keep(&x->logins, id,
				    xstrdup(x->colleagues[i].login));
				return KF_OK;
			}
		*out = names_keep(&x->logins, id, xasprintf("#%lld",
		    (long long)id));
		return KF_OK;
	}
	if (rc != KF_OK)
		return rc;
	*out = names_keep(&x->logins, id, xstrdup(st.login));
	kf_staff_clear(&st);
	return KF_OK;
}

/* The account number of customer id into *out ("" for 0: unknown caller). */
static enum kf_rc
customer_account(struct export *x, int64_t id, const char **out,
    struct kf_err *err)
{
	struct kf_customer cu;
	enum kf_rc rc;

	*out = "";
	if (id == 0)
		return KF_OK;
	if ((*out = names_find(&x->accounts, id)) != NULL)
		return KF_OK;
	if ((rc = kf_customer_get(x->c->k, id, &cu, err)) != KF_OK)
		return rc;
	*out = names_keep(&x->accounts, id, xstrdup(cu.account ?
	    cu.account : ""));
	kf_customer_clear(&cu);
	return KF_OK;
}

/* t as ISO 8601 with the local offset into buf; "" for 0 (not set). */
static const char *
iso(int64_t t, char *buf, size_t n)
{
	if (t == 0)
		return "";
	kf_time_iso(t, buf, n);
	return buf;
}

static enum kf_rc
write_contact(struct export *x, const struct kf_contact *ct,
    struct kf_err *err)
{
	const char *v[NXCOLS];
	char id[24], at[40], appt[40], kout[40], kin[40], cb[40], *staff;
	enum kf_rc rc;

	if ((rc = customer_account(x, ct->customer_id, &v[X_CUSTOMER], err)) !=
	    KF_OK || (rc = staff_login(x, ct->staff_id, &v[X_STAFF], err)) !=
	    KF_OK)
		return rc;
	/* A copy: received_by's lookup may reuse the same slot. */
	v[X_STAFF] = staff = xstrdup(v[X_STAFF]);
	if ((rc = staff_login(x, ct->received_by, &v[X_RECEIVED_BY], err)) !=
	    KF_OK)
		goto out;
	snprintf(id, sizeof(id), "%lld", (long long)ct->id);
	v[X_ID] = id;
	v[X_AT] = iso(ct->at, at, sizeof(at));
	v[X_CHANNEL] = kf_channel_name(ct->channel);
	v[X_PURPOSE] = kf_purpose_name(ct->purpose);
	v[X_CALLER_NAME] = ct->caller_name;
	v[X_CALLER_TITLE] = ct->caller_title;
	v[X_CALLER_PHONE] = ct->caller_phone;
	v[X_ASKED] = ct->asked;
	v[X_DONE] = ct->done;
	v[X_APPOINTMENT_AT] = iso(ct->appointment_at, appt, sizeof(appt));
	v[X_DOCUMENTS_CHECKED] = ct->documents_checked ? "yes" : "no";
	v[X_ACCOMPANIED_BY] = ct->accompanied_by;
	v[X_KEY_OUT_AT] = iso(ct->key_out_at, kout, sizeof(kout));
	v[X_KEY_IN_AT] = iso(ct->key_in_at, kin, sizeof(kin));
	v[X_URGENCY] = ct->urgency == KF_CONTACT_URG_URGENT ? "urgent" : "normal";
	v[X_FORMALITIES] = ct->formalities;
	v[X_CALLBACK_DUE_AT] = iso(ct->callback_due_at, cb, sizeof(cb));
	if (kf_csv_write(x->out, v, NXCOLS) != 0)
		rc = kf_err_set(err, KF_DBERR, "cannot write the export: %s",
		    strerror(errno));
	else
		x->count++;
out:
	free(staff);
	return rc;
}

/*
 * One kf_contact_list page of the export's filter, after *last (the last
 * row written; the first page when nothing was), written out. *n: the
 * rows it had; *last becomes the last one's key (unchanged when there
 * were none).
 */
static enum kf_rc
export_page(struct export *x, struct kf_contact *last, size_t *n,
    struct kf_err *err)
{
	struct kf_contact *v;
	enum kf_rc rc;
	size_t i;

	if ((rc = kf_contact_list(x->c->k, &x->f, last->id ? KF_PAGE_AFTER :
	    KF_PAGE_FIRST, last, EXPORT_PAGE, &v, n, err)) != KF_OK)
		return rc;
	for (i = 0; i < *n && rc == KF_OK; i++)
		rc = write_contact(x, &v[i], err);
	if (*n > 0) {	/* the keyset: only these two are read */
		last->at = v[*n - 1].at;
		last->id = v[*n - 1].id;
	}
	kf_contact_list_free(v, *n);
	return rc;
}

/*
 * Writes every contact of the export's range, newest first, a page at a
 * time: kf_contact_list pages by (time, id) after the last row written.
 */
static enum kf_rc
export_rows(struct export *x, struct kf_err *err)
{
	struct kf_contact last = { 0 };
	enum kf_rc rc;
	size_t n;

	do
		rc = export_page(x, &last, &n, err);
	while (rc == KF_OK && n == EXPORT_PAGE);
	return rc;
}

static int
contact_export(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "purpose", required_argument, NULL, 'p' },
		{ "staff", required_argument, NULL, 's' },
		{ "out", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	struct export *x;
	struct kf_err err;
	struct stat sb;
	enum kf_contact_purpose p;
	const char *file = NULL;
	bool regular = false;
	enum kf_rc rc;
	int ch, code = 0;

	x = xcalloc(1, sizeof(*x));
	x->c = c;
	x->out = stdout;
	x->f.from = INT64_MIN;
	x->f.to = INT64_MAX;
	x->f.purpose = -1;
	kf_err_clear(&err);
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'f': case 't':
			if (!cli_bound(c, "contact export", ch == 'f' ?
			    "--from" : "--to", optarg, ch == 't', ch == 'f' ?
			    &x->f.from : &x->f.to)) {
				code = EXIT_USAGE;
				goto out;
			}
			break;
		case 'p':
			if (kf_purpose_parse(optarg, &p, &err) != KF_OK)
				goto fail;
			x->f.purpose = (int)p;
			break;
		case 's':
			if (cli_staff_id(c->k, optarg, &x->f.staff_id, &err) !=
			    KF_OK)
				goto fail;
			break;
		case 'o':
			file = strcmp(optarg, "-") == 0 ? NULL : optarg;
			break;
		default:
			code = cli_getopt_fail("contact export", ch, argv);
			goto out;
		}
	}
	if (optind != argc) {
		code = cli_usage("contact export", "unexpected argument '%.40s' "
		    "(write to a file with --out FILE)", argv[optind]);
		goto out;
	}
	if (x->f.from >= x->f.to) {
		code = cli_usage("contact export", "--from must be before --to");
		goto out;
	}
	/* Before the file is touched: a refused export leaves it alone. */
	if (kf_may(c->k, KF_ACT_CONTACT_VIEW, 0, &err) != KF_OK)
		goto fail;
	if (file != NULL && (x->out = open_as_person(c, file, "w")) == NULL) {
		fprintf(stderr, "kefu: cannot write ");
		cli_text(stderr, file);
		fprintf(stderr, ": %s\n", strerror(errno));
		code = kf_rc_exit(KF_DBERR);
		goto out;
	}
	/* Only a regular file is removed on failure, never a device or a
	 * pipe named as FILE (/dev/stdout, a FIFO). */
	if (file != NULL)
		regular = fstat(fileno(x->out), &sb) == 0 &&
		    S_ISREG(sb.st_mode);
	rc = KF_OK;
	if (kf_csv_write(x->out, xcol_names, NXCOLS) != 0)
		rc = kf_err_set(&err, KF_DBERR, "cannot write the export: %s",
		    strerror(errno));
	if (rc == KF_OK)
		rc = export_rows(x, &err);
	if (rc == KF_OK && fflush(x->out) != 0)
		rc = kf_err_set(&err, KF_DBERR, "cannot write the export: %s",
		    strerror(errno));
	if (file != NULL) {
		if (fclose(x->out) != 0 && rc == KF_OK)
			rc = kf_err_set(&err, KF_DBERR, "cannot write the "
			    "export: %s", strerror(errno));
		if (rc != KF_OK && regular)
			unlink_as_person(c, file);	/* no half a file */
	}
	if (rc != KF_OK)
		goto fail;
	if (file != NULL && c->json) {
		printf("{\"exported\":%zu,\"file\":", x->count);
		cli_json_str(stdout, file);
		printf("}\n");
	} else if (file != NULL) {
		printf("exported %zu contact%s to ", x->count,
		    x->count == 1 ? "" : "s");
		cli_text(stdout, file);
		putchar('\n');
	}
	goto out;
fail:
	code = cli_fail(&err);
out:
	names_free(&x->logins);
	names_free(&x->accounts);
	kf_staff_list_free(x->colleagues, x->ncolleagues);
	free(x);
	return code;
}

static int
run_contact(struct cli *c, int argc, char **argv)
{
	const char *verb = argc > 1 ? argv[1] : "";

	argc--;
	argv++;
	if (strcmp(verb, "log") == 0)
		return contact_log(c, argc, argv);
	if (strcmp(verb, "list") == 0)
		return contact_list(c, argc, argv);
	if (strcmp(verb, "show") == 0)
		return contact_show(c, argc, argv);
	if (strcmp(verb, "queue") == 0)
		return contact_queue(c, argc, argv);
	if (strcmp(verb, "key") == 0 || strcmp(verb, "promise") == 0 ||
	    strcmp(verb, "link") == 0 || strcmp(verb, "handle") == 0)
		return contact_change(c, argc, argv, verb);
	if (strcmp(verb, "cancel-appointment") == 0)
		return contact_unbook(c, argc, argv);
	if (strcmp(verb, "export") == 0)
		return contact_export(c, argc, argv);
	if (*verb == '\0')
		return cli_usage("contact", "needs a verb: log, list, show, queue, "
		    "handle, key, cancel-appointment, promise, link or export");
	return cli_usage("contact", "unknown verb '%.20s'", verb);
}

const struct cli_cmd cmd_contact = {
	.name = "contact",
	.summary = "the contact log (来电/来访登记): log, list, show, queue, "
	    "handle, key, cancel-appointment, promise, link, export (CSV)",
	.help =
	    "usage: kefu contact log --purpose P --asked TEXT [--channel C]\n"
	    "           [--customer ACCOUNT | --phone PHONE] [--name SURNAME]\n"
	    "           [--title 先生|女士] [--done TEXT] [--at TIME]\n"
	    "           [--appointment TIME] [--documents-checked]\n"
	    "           [--accompanied-by NAME] [--urgent] [--formalities TEXT]\n"
	    "           [--received-by LOGIN]\n"
	    "       kefu contact list [--purpose P] [--staff LOGIN] [--days N]"
	    " [--limit N]\n"
	    "       kefu contact show ID\n"
	    "       kefu contact queue\n"
	    "       kefu contact key ID out|in\n"
	    "       kefu contact cancel-appointment ID\n"
	    "       kefu contact promise ID MINUTES\n"
	    "       kefu contact link ID ACCOUNT\n"
	    "       kefu contact handle ID OUTCOME\n"
	    "       kefu contact export [--from DAY|TIME] [--to DAY|TIME]\n"
	    "           [--purpose P] [--staff LOGIN] [--out FILE]\n"
	    "\n"
	    "Every call and visit is logged (R1, R4): channel hotline|walk-in|\n"
	    "phone-in|other (default hotline), purpose from R5: viewing 看房,\n"
	    "inquiry 业主来访, suggestion 合理化建议, complaint 投诉, renovation\n"
	    "装修申报, repair 报修, external 外来参观, inspection 上级检查,\n"
	    "payment 缴费, other 其他 (English or Chinese). TIME is HH:MM today or\n"
	    "an ISO time. A viewing at the desk needs --documents-checked (one\n"
	    "booked ahead has them checked as the key goes out); outside the\n"
	    "viewing hours an --appointment between the viewing.earliest and\n"
	    "viewing.wait_until policies, which bound the key going out too;\n"
	    "cancel-appointment cancels a booking (R6). show lists the work\n"
	    "orders a contact led to or was linked to. A suggestion goes to the dispatchers' queue with --urgent, else\n"
	    "to the managers' (R7); a renovation needs --formalities (R8); an\n"
	    "inspection needs --received-by a supervisor (R10). An unknown caller\n"
	    "needs --phone and can be linked to a customer later. promise records\n"
	    "a callback promised within MINUTES (R52). list shows today's\n"
	    "contacts (or the last N days'), newest first; queue shows the\n"
	    "suggestions waiting for your role, and handle takes one out of it\n"
	    "with what became of it: into the work plan, to the leadership, or\n"
	    "why not (R7).\n"
	    "\n"
	    "export writes the contacts as CSV (UTF-8, a header row; see\n"
	    "docs/csv.md for the columns: id,at,channel,purpose,customer,\n"
	    "caller_name,caller_title,caller_phone,asked,done,staff,\n"
	    "appointment_at,documents_checked,accompanied_by,key_out_at,\n"
	    "key_in_at,urgency,formalities,received_by,callback_due_at),\n"
	    "newest first, to standard output or to --out FILE (replaced if\n"
	    "it exists, removed again if the export fails). Every contact by\n"
	    "default; --from DAY (YYYY-MM-DD) or TIME from then on, --to DAY\n"
	    "through the end of that day or --to TIME before it; --purpose and\n"
	    "--staff as for list. Times are ISO 8601 with the offset; staff\n"
	    "are logins.\n"
	    "\n"
	    "Reception, dispatchers, supervisors and admins.\n",
	.run = run_contact,
	.needs_actor = true,
};
