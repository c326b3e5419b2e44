/*
 * cmd_order.c — repair work orders (维修单) from the command line:
 * kefu order new|ack|approve|assign|arrive|item|material|done|signoff|
 * cancel|edit|link|list|show|charges|correct|load.
 *
 * Every verb is one core call (include/kefu/order.h), which checks the
 * role, the state table and the rule; this file parses, looks names up
 * (account numbers, technicians' logins) and prints. Times are shown as
 * local "YYYY-MM-DD HH:MM" and typed as contact's --at is (HH:MM today or
 * ISO); money is shown in yuan and, with --json, given in fen as stored.
 *
 * Whether a deadline is overdue or was met on time is read off the
 * order as order.h defines it: met when the moment it measures (arrival,
 * or work done for pipeline faults) came at or before it; overdue from
 * the second after it while that moment has not come.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "moves.h"
#include "kefu/clock.h"
#include "kefu/customer.h"
#include "kefu/fee.h"
#include "kefu/order.h"
#include "kefu/policy.h"
#include "kefu/staff.h"
#include "kefu/util.h"

#define LIST_PAGE	1000	/* orders per kf_order_list call (its most) */
#define NEARBY_MAX	5	/* open orders named by the duplicate note */
#define CHARGES_MAX	200	/* flagged items listed by default */

static void
set(char **dst, const char *v)
{
	free(*dst);
	*dst = xstrdup(v);
}

/* ---- deadlines ---- */

static bool
is_open(const struct kf_order *o)
{
	return o->state != KF_ORDER_STATE_CLOSED && o->state != KF_ORDER_STATE_CANCELLED;
}

/*
 * The id of technician login, from the assignment picker. A technician
 * (who may not read the picker) may name himself.
 */
static enum kf_rc
tech_id_of(struct cli *c, const char *login, int64_t *id, struct kf_err *err)
{
	struct kf_tech_load *v;
	enum kf_rc rc;
	size_t n, i;

	rc = kf_order_tech_load(c->k, &v, &n, err);
	if (rc == KF_DENIED && kf_core_actor_login(c->k) != NULL &&
	    strcmp(kf_core_actor_login(c->k), login) == 0) {
		kf_err_clear(err);
		*id = kf_core_actor_id(c->k);
		return KF_OK;
	}
	if (rc != KF_OK)
		return rc;
	for (i = 0; i < n && strcmp(v[i].login, login) != 0; i++)
		;
	if (i < n)
		*id = v[i].id;
	kf_order_tech_load_free(v, n);
	if (i == n)
		return kf_err_set(err, KF_NOTFOUND, "no technician '%.64s'",
		    login);
	return KF_OK;
}

/* ---- printing ---- */

static const char *
material_name(enum kf_order_material m)
{
	return m == KF_ORDER_MAT_PASS ? "pass" : m == KF_ORDER_MAT_FAIL ? "fail" : "none";
}

/* The order as a JSON object (no newline); items too when given. */
static void
print_order_json(struct cli *c, const struct kf_order *o,
    const struct kf_order_item *items, size_t nitems, bool with_items)
{
	int64_t now = kf_core_now(c->k), met = kf_order_met_at(o);
	size_t i;

	printf("{\"id\":%lld", (long long)o->id);
	cli_json_key_str("state", kf_order_state_name(o->state));
	cli_json_key_str("category", kf_order_cat_name(o->category));
	cli_json_key_int("reported_at", o->reported_at);
	cli_json_key_int("reported_by", o->reported_by);
	cli_json_key_int("contact_id", o->contact_id);
	cli_json_key_int("customer_id", o->customer_id);
	cli_json_key_str("address", o->address);
	cli_json_key_str("community", o->community);
	cli_json_key_str("building", o->building);
	cli_json_key_str("contact_name", o->contact_name);
	cli_json_key_str("contact_phone", o->contact_phone);
	cli_json_key_str("fault", o->fault);
	cli_json_key_str("fee_code", o->fee_code);
	cli_json_key_bool("emergency", o->emergency);
	cli_json_key_bool("paperwork_pending", o->paperwork_pending);
	cli_json_key_bool("needs_approval", o->needs_approval);
	cli_json_key_int("approved_by", o->approved_by);
	cli_json_key_int("approved_at", o->approved_at);
	cli_json_key_int("appointment_at", o->appointment_at);
	cli_json_key_int("deadline_at", o->deadline_at);
	cli_json_key_str("deadline_on", o->deadline_on_arrival ? "arrival" :
	    "done");
	cli_json_key_bool("overdue", kf_order_overdue(o, now));
	/* null until the moment the deadline measures has come */
	printf(",\"on_time\":%s", met == 0 ? "null" :
	    met <= o->deadline_at ? "true" : "false");
	cli_json_key_int("acked_at", o->acked_at);
	cli_json_key_int("acked_by", o->acked_by);
	cli_json_key_int("technician_id", o->technician_id);
	cli_json_key_str("technician", o->technician_id ? o->technician_login :
	    NULL);
	cli_json_key_int("dispatched_at", o->dispatched_at);
	cli_json_key_int("dispatched_by", o->dispatched_by);
	cli_json_key_int("arrived_at", o->arrived_at);
	cli_json_key_str("work_done", o->work_done);
	cli_json_key_str("materials", material_name(o->materials));
	cli_json_key_str("materials_note", o->materials_note);
	cli_json_key_int("done_at", o->done_at);
	cli_json_key_str("signed_name", o->signed_name);
	cli_json_key_int("signed_at", o->signed_at);
	cli_json_key_int("closed_at", o->closed_at);
	cli_json_key_str("cancel_reason", o->cancel_reason);
	cli_json_key_int("amount_due", o->amount_due);
	cli_json_key_int("version", o->version);
	if (with_items) {
		printf(",\"items\":[");
		for (i = 0; i < nitems; i++) {
			const struct kf_order_item *it = &items[i];

			printf("%s{\"id\":%lld", i ? "," : "", (long long)it->id);
			cli_json_key_str("code", it->code);
			cli_json_key_str("name", it->name);
			cli_json_key_str("unit", it->unit);
			cli_json_key_int("unit_price", it->unit_price);
			cli_json_key_int("list_price", it->list_price);
			cli_json_key_int("quantity", it->quantity);
			cli_json_key_int("amount", it->amount);
			cli_json_key_bool("corrected", it->corrected);
			cli_json_key_int("version", it->version);
			printf("}");
		}
		printf("]");
	}
	printf("}");
}

static void
print_list_header(void)
{
	printf("%-6s %-12s %-10s %-24s %-12s %-30s %s\n", "ID", "STATE",
	    "CATEGORY", "DEADLINE", "TECHNICIAN", "ADDRESS", "FAULT");
}

/* One line of the board. */
static void
print_order_line(struct cli *c, const struct kf_order *o)
{
	char due[32], col[48];

	kf_time_local(o->deadline_at, due, sizeof(due));
	snprintf(col, sizeof(col), "%s%s", due,
	    kf_order_overdue(o, kf_core_now(c->k)) ? " OVERDUE" : "");
	printf("%-6lld %-12s %-10s %-24s ", (long long)o->id,
	    kf_order_state_name(o->state), kf_order_cat_name(o->category), col);
	cli_pad(stdout, o->technician_id ? o->technician_login : "-", 12);
	putchar(' ');
	cli_pad(stdout, cli_or_dash(o->address), 30);
	putchar(' ');
	cli_text(stdout, cli_or_dash(o->fault));
	if (o->emergency)
		printf(" [emergency]");
	if (o->paperwork_pending)
		printf(" [paperwork pending]");
	if (o->needs_approval && o->approved_at == 0 && is_open(o))
		printf(" [needs approval]");
	putchar('\n');
}

/* ---- new ---- */

/* The duplicate warning: one line on stderr naming the open orders. */
static void
print_nearby(const struct kf_order *v, size_t n, int level)
{
	size_t i;

	if (n == 0)
		return;
	fprintf(stderr, "note: open orders nearby (same %s):",
	    level == 3 ? "address" : level == 2 ? "building" : "community");
	for (i = 0; i < n; i++) {
		fprintf(stderr, "%s #%lld %s %s, ", i ? ";" : "",
		    (long long)v[i].id, kf_order_cat_name(v[i].category),
		    kf_order_state_name(v[i].state));
		cli_text(stderr, cli_or_dash(v[i].address));
		fputs(": ", stderr);
		cli_text(stderr, cli_or_dash(v[i].fault));
	}
	fputc('\n', stderr);
}

static int
order_new(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "category", required_argument, NULL, 'c' },
		{ "fault", required_argument, NULL, 'f' },
		{ "customer", required_argument, NULL, 'u' },
		{ "address", required_argument, NULL, 'a' },
		{ "community", required_argument, NULL, 'C' },
		{ "building", required_argument, NULL, 'B' },
		{ "contact-name", required_argument, NULL, 'n' },
		{ "phone", required_argument, NULL, 'p' },
		{ "appointment", required_argument, NULL, 'A' },
		{ "emergency", no_argument, NULL, 'E' },
		{ "fee", required_argument, NULL, 'F' },
		{ "from-contact", required_argument, NULL, 'K' },
		{ "at", required_argument, NULL, 'T' },
		{ NULL, 0, NULL, 0 },
	};
	const char *account = NULL;
	struct kf_order o, got, *near = NULL;
	struct kf_customer cu;
	struct kf_err err;
	size_t nnear = 0, i;
	int64_t id = 0;
	int ch, level = 0, code = 0;
	bool have_cat = false;
	enum kf_rc rc;

	memset(&o, 0, sizeof(o));
	memset(&got, 0, sizeof(got));
	kf_err_clear(&err);
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			if (kf_order_cat_parse(optarg, &o.category, &err) !=
			    KF_OK)
				goto fail;
			have_cat = true;
			break;
		case 'f':	set(&o.fault, optarg); break;
		case 'u':	account = optarg; break;
		case 'a':	set(&o.address, optarg); break;
		case 'C':	set(&o.community, optarg); break;
		case 'B':	set(&o.building, optarg); break;
		case 'n':	set(&o.contact_name, optarg); break;
		case 'p':	set(&o.contact_phone, optarg); break;
		case 'E':	o.emergency = true; break;
		case 'F':	set(&o.fee_code, optarg); break;
		case 'A': case 'T':
			if (!(ch == 'A' ? cli_when(c, optarg, &o.appointment_at) :
			    cli_when_past(c, optarg, &o.reported_at))) {
				code = EXIT_USAGE;
				goto out;
			}
			break;
		case 'K':
			if (!cli_id("order new", "--from-contact", optarg,
			    &o.contact_id)) {
				code = EXIT_USAGE;
				goto out;
			}
			break;
		default:
			code = cli_getopt_fail("order new", ch, argv);
			goto out;
		}
	}
	if (optind != argc) {
		code = cli_usage("order new", "unexpected argument '%.40s'",
		    argv[optind]);
		goto out;
	}
	if (!have_cat || o.fault == NULL ||
	    (account == NULL && o.address == NULL)) {
		code = cli_usage("order new", "needs --category, --fault and "
		    "--customer ACCOUNT or --address");
		goto out;
	}
	/* A known customer: where and whom to call come from the register
	 * unless given. */
	if (account != NULL) {
		if (kf_customer_get_account(c->k, account, &cu, &err) != KF_OK)
			goto fail;
		o.customer_id = cu.id;
		if (o.address == NULL)
			o.address = kf_customer_address(&cu);
		if (o.community == NULL && cu.community != NULL)
			o.community = xstrdup(cu.community);
		if (o.building == NULL && cu.building != NULL)
			o.building = xstrdup(cu.building);
		if (o.contact_name == NULL && cu.name != NULL)
			o.contact_name = xstrdup(cu.name);
		if (o.contact_phone == NULL && cu.phones[0] != NULL)
			o.contact_phone = xstrdup(cu.phones[0]);
		kf_customer_clear(&cu);
	}
	/* Asked before the order exists (else it would find itself); told
	 * only once it does, so a refusal stays one line. */
	rc = kf_order_nearby(c->k, o.address, o.community, o.building,
	    NEARBY_MAX, &near, &nnear, &level, &err);
	if (rc == KF_BUSY || rc == KF_DBERR)
		goto fail;
	if (rc != KF_OK) {		/* kf_order_new says why */
		near = NULL;
		nnear = 0;
		kf_err_clear(&err);
	}
	if (kf_order_new(c->k, &o, &id, &err) != KF_OK)
		goto fail;
	print_nearby(near, nnear, level);
	kf_err_clear(&err);
	rc = kf_order_get(c->k, id, &got, &err);
	if (c->json) {
		printf("{\"id\":%lld,\"deadline_at\":", (long long)id);
		if (rc == KF_OK)
			printf("%lld", (long long)got.deadline_at);
		else
			printf("null");
		printf(",\"nearby\":[");
		for (i = 0; i < nnear; i++)
			printf("%s%lld", i ? "," : "", (long long)near[i].id);
		printf("]}\n");
	} else {
		char due[32];

		printf("order %lld", (long long)id);
		if (rc == KF_OK)
			printf(" (due %s)", cli_time(got.deadline_at, due,
			    sizeof(due)));
		putchar('\n');
	}
	goto out;
fail:
	code = cli_fail(&err);
out:
	kf_order_list_free(near, nnear);
	kf_order_clear(&got);
	kf_order_clear(&o);
	return code;
}

/* ---- the moves ---- */

static int
order_move(struct cli *c, int argc, char **argv, const struct cli_move *mv)
{
	static const struct option opts[] = {
		{ "version", required_argument, NULL, 'v' },
		{ "work", required_argument, NULL, 'w' },
		{ "name", required_argument, NULL, 's' },
		{ "reason", required_argument, NULL, 'r' },
		{ "note", required_argument, NULL, 'n' },
		{ "at", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli_move_args a;
	const char *text = NULL;
	struct kf_order o;
	struct kf_err err;
	enum kf_order_material m = KF_ORDER_MAT_NONE;
	int64_t id, version, tech = 0, at = 0;
	enum kf_rc rc;
	int code;

	if ((code = cli_move_parse("order", mv, opts, argc, argv, &a)) >= 0)
		return code;
	id = a.id;
	version = a.version;
	if (*mv->need != '\0')		/* the one text the move records */
		text = a.opt[(unsigned char)*mv->need];
	if (mv->move == KF_ORDER_MOVE_MATERIAL) {
		if (strcmp(a.pos[0], "pass") == 0)
			m = KF_ORDER_MAT_PASS;
		else if (strcmp(a.pos[0], "fail") == 0)
			m = KF_ORDER_MAT_FAIL;
		else
			return cli_usage("order material", "say pass or fail");
	}
	/* R9: arrive and done registered after */
	if (a.opt['a'] != NULL && !cli_when_past(c, a.opt['a'], &at))
		return EXIT_USAGE;
	kf_err_clear(&err);
	if (mv->move == KF_ORDER_MOVE_ASSIGN &&
	    tech_id_of(c, a.pos[0], &tech, &err) != KF_OK)
		return cli_fail(&err);
	switch (mv->move) {
	case KF_ORDER_MOVE_ACK:	rc = kf_order_ack(c->k, id, version, &err); break;
	case KF_ORDER_MOVE_APPROVE: rc = kf_order_approve(c->k, id, version, &err); break;
	case KF_ORDER_MOVE_ASSIGN:
		rc = kf_order_assign(c->k, id, version, tech, &err);
		break;
	case KF_ORDER_MOVE_ARRIVE:	rc = kf_order_arrive(c->k, id, version, at, &err); break;
	case KF_ORDER_MOVE_MATERIAL:
		rc = kf_order_material(c->k, id, version, m, a.opt['n'], &err);
		break;
	case KF_ORDER_MOVE_DONE:
		rc = kf_order_done(c->k, id, version, text, at, &err);
		break;
	case KF_ORDER_MOVE_SIGNOFF:
		rc = kf_order_signoff(c->k, id, version, text, &err);
		break;
	case KF_ORDER_MOVE_CANCEL:
		rc = kf_order_cancel(c->k, id, version, text, &err);
		break;
	default:
		abort();
	}
	if (rc != KF_OK)
		return cli_fail(&err);
	/* Report the state it is in now (signoff may have closed it). */
	memset(&o, 0, sizeof(o));
	kf_err_clear(&err);
	rc = kf_order_get(c->k, id, &o, &err);
	if (c->json) {
		printf("{\"id\":%lld,\"changed\":true", (long long)id);
		if (rc == KF_OK) {
			cli_json_key_str("state", kf_order_state_name(o.state));
			cli_json_key_int("version", o.version);
		}
		printf("}\n");
	} else {
		printf("order %lld: %s", (long long)id, mv->done);
		if (rc == KF_OK)
			printf(" (%s)", kf_order_state_name(o.state));
		putchar('\n');
	}
	kf_order_clear(&o);
	return 0;
}

/*
 * item ID CODE QTY and correct ITEM-ID PRICE [--version V] are read by
 * hand, not by getopt: a quantity or price like "-1" is a bad value to
 * report as such, not an unknown option.
 */
static int
positional(const char *cmd, int argc, char **argv, int want,
    const char **pos, bool versioned, int64_t *version)
{
	int i, npos = 0;

	for (i = 1; i < argc; i++) {
		if (versioned && strcmp(argv[i], "--version") == 0) {
			if (++i == argc)
				return cli_usage(cmd, "option --version needs a "
				    "value");
			if (!cli_version(cmd, argv[i], version))
				return EXIT_USAGE;
		} else if (versioned && strncmp(argv[i], "--version=", 10) == 0) {
			if (!cli_version(cmd, argv[i] + 10, version))
				return EXIT_USAGE;
		} else if (strncmp(argv[i], "--", 2) == 0)
			return cli_usage(cmd, "unknown option %.40s", argv[i]);
		else if (npos == want)
			return cli_usage(cmd, "unexpected argument '%.40s'",
			    argv[i]);
		else
			pos[npos++] = argv[i];
	}
	return npos == want ? 0 : -1;
}

static int
order_item(struct cli *c, int argc, char **argv)
{
	const char *pos[3];
	struct kf_err err;
	int64_t id, item = 0;
	long long qty;
	int code;

	if ((code = positional("order item", argc, argv, 3, pos, false,
	    NULL)) != 0)
		return code > 0 ? code : cli_usage("order item",
		    "needs ID CODE QUANTITY");
	if (!cli_id("order item", "ID", pos[0], &id) ||
	    !cli_int("order item", "QUANTITY", pos[2], &qty))
		return EXIT_USAGE;
	kf_err_clear(&err);
	if (kf_order_item_add(c->k, id, pos[1], qty, &item, &err) != KF_OK)
		return cli_fail(&err);
	if (c->json)
		printf("{\"id\":%lld,\"item_id\":%lld}\n", (long long)id,
		    (long long)item);
	else
		printf("order %lld: item %lld added\n", (long long)id,
		    (long long)item);
	return 0;
}

static int
order_correct(struct cli *c, int argc, char **argv)
{
	const char *pos[2];
	struct kf_err err;
	int64_t item, price, version = -1;
	char shown[32];
	int code;

	if ((code = positional("order correct", argc, argv, 2, pos, true,
	    &version)) != 0)
		return code > 0 ? code : cli_usage("order correct",
		    "needs ITEM-ID PRICE");
	if (!cli_id("order correct", "ITEM-ID", pos[0], &item))
		return EXIT_USAGE;
	kf_err_clear(&err);
	if (kf_money_parse(pos[1], &price, &err) != KF_OK)
		return cli_fail(&err);
	if (kf_order_item_correct(c->k, item, version, price, &err) != KF_OK)
		return cli_fail(&err);
	kf_money_format(price, shown, sizeof(shown));
	if (c->json)
		printf("{\"item_id\":%lld,\"unit_price\":%lld,\"changed\":true}\n",
		    (long long)item, (long long)price);
	else
		printf("item %lld: unit price %s\n", (long long)item, shown);
	return 0;
}

static int
order_edit(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "customer", required_argument, NULL, 'u' },
		{ "contact-name", required_argument, NULL, 'n' },
		{ "phone", required_argument, NULL, 'p' },
		{ "address", required_argument, NULL, 'a' },
		{ "fault", required_argument, NULL, 'f' },
		{ "version", required_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 },
	};
	const char *account = NULL, *name = NULL, *phone = NULL;
	const char *address = NULL, *fault = NULL;
	struct kf_customer cu;
	struct kf_order o;
	struct kf_err err;
	int64_t id, version = -1, customer = 0;
	enum kf_rc rc;
	int ch;

	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'u':	account = optarg; break;
		case 'n':	name = optarg; break;
		case 'p':	phone = optarg; break;
		case 'a':	address = optarg; break;
		case 'f':	fault = optarg; break;
		case 'v':
			if (!cli_version("order edit", optarg, &version))
				return EXIT_USAGE;
			break;
		default:
			return cli_getopt_fail("order edit", ch, argv);
		}
	}
	if (argc - optind != 1)
		return cli_usage("order edit", "needs ID");
	if (!cli_id("order edit", "ID", argv[optind], &id))
		return EXIT_USAGE;
	if (account == NULL && name == NULL && phone == NULL &&
	    address == NULL && fault == NULL)
		return cli_usage("order edit", "nothing to change: give "
		    "--customer, --contact-name, --phone, --address or --fault");
	kf_err_clear(&err);
	if (account != NULL) {
		if (kf_customer_get_account(c->k, account, &cu, &err) != KF_OK)
			return cli_fail(&err);
		customer = cu.id;
		kf_customer_clear(&cu);
	}
	if (kf_order_edit(c->k, id, version, customer, name, phone, address,
	    fault, &err) != KF_OK)
		return cli_fail(&err);
	memset(&o, 0, sizeof(o));
	rc = kf_order_get(c->k, id, &o, &err);
	if (c->json) {
		printf("{\"id\":%lld,\"changed\":true", (long long)id);
		if (rc == KF_OK) {
			cli_json_key_str("state", kf_order_state_name(o.state));
			cli_json_key_bool("paperwork_pending", o.paperwork_pending);
			cli_json_key_int("version", o.version);
		}
		printf("}\n");
	} else {
		printf("order %lld: changed", (long long)id);
		if (rc == KF_OK && o.paperwork_pending)
			printf(" (paperwork still pending)");
		else if (rc == KF_OK)
			printf(" (%s)", kf_order_state_name(o.state));
		putchar('\n');
	}
	kf_order_clear(&o);
	return 0;
}

static int
order_link(struct cli *c, int argc, char **argv)
{
	struct kf_err err;
	int64_t id, contact;

	if (argc != 3)
		return cli_usage("order link", "needs ID CONTACT-ID");
	if (!cli_id("order link", "ID", argv[1], &id) ||
	    !cli_id("order link", "CONTACT-ID", argv[2], &contact))
		return EXIT_USAGE;
	kf_err_clear(&err);
	if (kf_order_link_contact(c->k, id, contact, &err) != KF_OK)
		return cli_fail(&err);
	if (c->json)
		printf("{\"id\":%lld,\"contact_id\":%lld,\"changed\":true}\n",
		    (long long)id, (long long)contact);
	else
		printf("order %lld: contact %lld linked\n", (long long)id,
		    (long long)contact);
	return 0;
}

/* ---- list, show ---- */

static int
order_list(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "overdue", no_argument, NULL, 'o' },
		{ "all", no_argument, NULL, 'a' },
		{ "state", required_argument, NULL, 's' },
		{ "category", required_argument, NULL, 'c' },
		{ "tech", required_argument, NULL, 't' },
		{ "limit", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	struct kf_order_filter f = { .open_only = true, .state = -1,
	    .category = -1 };
	struct kf_order *v;
	struct kf_err err;
	enum kf_order_state st;
	enum kf_order_cat cat;
	const char *tech = NULL;
	long long limit = 0;	/* 0: every one */
	struct kf_order last = { 0 };
	size_t n, i, shown = 0;
	bool all = false;
	int ch, page;

	kf_err_clear(&err);
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'o':	f.overdue_only = true; break;
		case 'a':	all = true; break;
		case 's':
			if (kf_order_state_parse(optarg, &st, &err) != KF_OK)
				return cli_fail(&err);
			f.state = (int)st;
			break;
		case 'c':
			if (kf_order_cat_parse(optarg, &cat, &err) != KF_OK)
				return cli_fail(&err);
			f.category = (int)cat;
			break;
		case 't':	tech = optarg; break;
		case 'n':
			if (!cli_int("order list", "--limit", optarg, &limit))
				return EXIT_USAGE;
			if (limit < 1)
				return cli_usage("order list", "--limit must be "
				    "1 or more");
			break;
		default:
			return cli_getopt_fail("order list", ch, argv);
		}
	}
	if (optind != argc)
		return cli_usage("order list", "unexpected argument '%.40s'",
		    argv[optind]);
	/* Asking for closed or cancelled ones implies --all. */
	f.open_only = !all && f.state != KF_ORDER_STATE_CLOSED &&
	    f.state != KF_ORDER_STATE_CANCELLED;
	if (tech != NULL && tech_id_of(c, tech, &f.technician_id, &err) !=
	    KF_OK)
		return cli_fail(&err);
	do {	/* keyset pages by (deadline, id): never the whole table */
		page = LIST_PAGE;
		if (limit > 0 && limit - (long long)shown < page)
			page = (int)(limit - (long long)shown);
		if (kf_order_list(c->k, &f, shown ? KF_PAGE_AFTER :
		    KF_PAGE_FIRST, &last, page, &v, &n, &err) != KF_OK)
			return cli_fail(&err);
		if (shown == 0 && c->json)	/* allowed: now the header */
			printf("[");
		else if (shown == 0 && n > 0)
			print_list_header();
		for (i = 0; i < n; i++, shown++) {
			if (c->json) {
				printf("%s", shown ? "," : "");
				print_order_json(c, &v[i], NULL, 0, false);
			} else
				print_order_line(c, &v[i]);
		}
		if (n > 0) {	/* the keyset: only these two are read */
			last.deadline_at = v[n - 1].deadline_at;
			last.id = v[n - 1].id;
		}
		kf_order_list_free(v, n);
	} while (n == (size_t)page && (limit == 0 || (long long)shown < limit));
	if (c->json)
		printf("]\n");
	return 0;
}

static void
print_order_text(struct cli *c, struct cli_names *nm, const struct kf_order *o,
    const struct kf_order_item *items, size_t nitems)
{
	struct kf_customer cu;
	int64_t met = kf_order_met_at(o);
	char t1[32], t2[32], money[32], price[32];
	size_t i;

	printf("order:        %lld\nstate:        %s%s%s\ncategory:     %s ",
	    (long long)o->id, kf_order_state_name(o->state),
	    o->emergency ? ", emergency" : "",
	    o->paperwork_pending ? ", paperwork pending" : "",
	    kf_order_cat_name(o->category));
	cli_text(stdout, kf_order_cat_label(o->category));
	printf("\nreported:     %s by ", cli_time(o->reported_at, t1, sizeof(t1)));
	cli_text(stdout, cli_login_of(c, nm, o->reported_by));
	if (o->contact_id)
		printf(" (contact %lld)", (long long)o->contact_id);
	printf("\ncustomer:     ");
	if (o->customer_id == 0)
		printf("-");
	else if (kf_customer_get(c->k, o->customer_id, &cu, NULL) == KF_OK) {
		cli_text(stdout, cu.account);
		printf(" ");
		cli_text(stdout, cu.name);
		kf_customer_clear(&cu);
	} else
		printf("#%lld", (long long)o->customer_id);
	printf("\naddress:      ");
	cli_text(stdout, cli_or_dash(o->address));
	printf("\ncommunity:    ");
	cli_text(stdout, cli_or_dash(o->community));
	printf("\nbuilding:     ");
	cli_text(stdout, cli_or_dash(o->building));
	printf("\ncontact:      ");
	cli_text(stdout, cli_or_dash(o->contact_name));
	printf(" ");
	cli_text(stdout, cli_or_dash(o->contact_phone));
	printf("\nfault:        ");
	cli_text(stdout, cli_or_dash(o->fault));
	printf("\nfee code:     ");
	cli_text(stdout, cli_or_dash(o->fee_code));
	printf("\napproval:     ");
	if (o->approved_at) {
		printf("approved %s by ", cli_time(o->approved_at, t1, sizeof(t1)));
		cli_text(stdout, cli_login_of(c, nm, o->approved_by));
	} else
		printf("%s", o->needs_approval ? "needed (R22)" : "-");
	printf("\nappointment:  %s", cli_time(o->appointment_at, t1, sizeof(t1)));
	printf("\ndeadline:     %s (%s)", cli_time(o->deadline_at, t1, sizeof(t1)),
	    o->deadline_on_arrival ? "on site" : "cleared");
	if (met != 0)
		printf(", %s", met <= o->deadline_at ? "met" : "late");
	else if (kf_order_overdue(o, kf_core_now(c->k)))
		printf(" OVERDUE");
	printf("\nacknowledged: %s", cli_time(o->acked_at, t1, sizeof(t1)));
	if (o->acked_at) {
		printf(" by ");
		cli_text(stdout, cli_login_of(c, nm, o->acked_by));
	}
	printf("\ntechnician:   ");
	cli_text(stdout, o->technician_id ? o->technician_login : "-");
	if (o->dispatched_at) {
		printf(", dispatched %s by ", cli_time(o->dispatched_at, t1,
		    sizeof(t1)));
		cli_text(stdout, cli_login_of(c, nm, o->dispatched_by));
	}
	printf("\narrived:      %s", cli_time(o->arrived_at, t1, sizeof(t1)));
	printf("\nwork done:    ");
	cli_text(stdout, cli_or_dash(o->work_done));
	if (o->done_at)
		printf(" (%s)", cli_time(o->done_at, t1, sizeof(t1)));
	printf("\nmaterials:    %s", o->materials == KF_ORDER_MAT_NONE ?
	    "not checked" : material_name(o->materials));
	if (o->materials_note != NULL && *o->materials_note) {
		printf(": ");
		cli_text(stdout, o->materials_note);
	}
	printf("\nsigned:       ");
	if (o->signed_at) {
		cli_text(stdout, cli_or_dash(o->signed_name));
		printf(" %s", cli_time(o->signed_at, t1, sizeof(t1)));
	} else
		printf("-");
	printf("\nclosed:       %s", cli_time(o->closed_at, t2, sizeof(t2)));
	if (o->state == KF_ORDER_STATE_CANCELLED) {
		printf("\ncancelled:    ");
		cli_text(stdout, cli_or_dash(o->cancel_reason));
	}
	printf("\nitems:        %s\n", nitems ? "" : "-");
	for (i = 0; i < nitems; i++) {
		const struct kf_order_item *it = &items[i];

		kf_money_format(it->unit_price, price, sizeof(price));
		kf_money_format(it->amount, money, sizeof(money));
		printf("  #%lld ", (long long)it->id);
		cli_text(stdout, it->code);
		putchar(' ');
		cli_text(stdout, it->name);
		printf(" %lld ", (long long)it->quantity);
		cli_text(stdout, it->unit);
		printf(" x %s = %s%s\n", price, money,
		    it->corrected ? " (corrected)" : "");
	}
	kf_money_format(o->amount_due, money, sizeof(money));
	printf("amount due:   %s\nversion:      %lld\n", money,
	    (long long)o->version);
}

static int
order_show(struct cli *c, int argc, char **argv)
{
	struct kf_order_item *items = NULL;
	struct cli_names nm = { 0 };
	struct kf_order o;
	struct kf_err err;
	size_t nitems = 0;
	int64_t id;

	if (argc != 2)
		return cli_usage("order show", "needs an ID");
	if (!cli_id("order show", "ID", argv[1], &id))
		return EXIT_USAGE;
	kf_err_clear(&err);
	memset(&o, 0, sizeof(o));
	if (kf_order_get(c->k, id, &o, &err) != KF_OK)
		return cli_fail(&err);
	if (kf_order_items(c->k, id, &items, &nitems, &err) != KF_OK) {
		kf_order_clear(&o);
		return cli_fail(&err);
	}
	if (c->json) {
		print_order_json(c, &o, items, nitems, true);
		putchar('\n');
	} else
		print_order_text(c, &nm, &o, items, nitems);
	kf_order_items_free(items, nitems);
	kf_order_clear(&o);
	cli_names_free(&nm);
	return 0;
}

/* ---- the charge audit (R17) and the technicians' load ---- */

static int
order_charges(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "limit", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	struct kf_order_item *v;
	struct kf_err err;
	char charged[32], list[32], amount[32];
	long long limit = CHARGES_MAX;
	size_t n, i;
	int ch;

	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (ch != 'n')
			return cli_getopt_fail("order charges", ch, argv);
		if (!cli_int("order charges", "--limit", optarg, &limit))
			return EXIT_USAGE;
		if (limit < 1 || limit > 1000)
			return cli_usage("order charges", "--limit must be 1 "
			    "to 1000");
	}
	if (optind != argc)
		return cli_usage("order charges", "unexpected argument '%.40s'",
		    argv[optind]);
	kf_err_clear(&err);
	if (kf_order_charges_flagged(c->k, (int)limit, &v, &n, &err) != KF_OK)
		return cli_fail(&err);
	if (c->json)
		printf("[");
	else if (n > 0)
		printf("%-7s %-7s %-16s %-20s %5s %10s %10s %10s\n", "ITEM",
		    "ORDER", "CODE", "NAME", "QTY", "CHARGED", "LIST",
		    "AMOUNT");
	for (i = 0; i < n; i++) {
		if (c->json) {
			printf("%s{\"id\":%lld", i ? "," : "",
			    (long long)v[i].id);
			cli_json_key_int("order_id", v[i].order_id);
			cli_json_key_str("code", v[i].code);
			cli_json_key_str("name", v[i].name);
			cli_json_key_str("unit", v[i].unit);
			cli_json_key_int("unit_price", v[i].unit_price);
			cli_json_key_int("list_price", v[i].list_price);
			cli_json_key_int("quantity", v[i].quantity);
			cli_json_key_int("amount", v[i].amount);
			cli_json_key_bool("corrected", v[i].corrected);
			cli_json_key_int("version", v[i].version);
			printf("}");
			continue;
		}
		kf_money_format(v[i].unit_price, charged, sizeof(charged));
		kf_money_format(v[i].list_price, list, sizeof(list));
		kf_money_format(v[i].amount, amount, sizeof(amount));
		printf("%-7lld %-7lld ", (long long)v[i].id,
		    (long long)v[i].order_id);
		cli_pad(stdout, v[i].code, 16);
		putchar(' ');
		cli_pad(stdout, v[i].name, 20);
		printf(" %5lld %10s %10s %10s\n", (long long)v[i].quantity,
		    charged, list, amount);
	}
	if (c->json)
		printf("]\n");
	kf_order_items_free(v, n);
	return 0;
}

static int
order_load(struct cli *c, int argc, char **argv)
{
	struct kf_tech_load *v;
	struct kf_err err;
	size_t n, i;

	(void)argv;
	if (argc != 1)
		return cli_usage("order load", "takes no arguments");
	kf_err_clear(&err);
	if (kf_order_tech_load(c->k, &v, &n, &err) != KF_OK)
		return cli_fail(&err);
	if (c->json)
		printf("[");
	else if (n > 0)
		printf("%-16s %-20s %s\n", "LOGIN", "NAME", "OPEN");
	for (i = 0; i < n; i++) {
		if (c->json) {
			printf("%s{\"id\":%lld", i ? "," : "", (long long)v[i].id);
			cli_json_key_str("login", v[i].login);
			cli_json_key_str("display_name", v[i].display_name);
			printf(",\"open\":%d}", v[i].open);
			continue;
		}
		cli_pad(stdout, v[i].login, 16);
		putchar(' ');
		cli_pad(stdout, v[i].display_name, 20);
		printf(" %d\n", v[i].open);
	}
	if (c->json)
		printf("]\n");
	kf_order_tech_load_free(v, n);
	return 0;
}

static int
run_order(struct cli *c, int argc, char **argv)
{
	const char *verb = argc > 1 ? argv[1] : "";
	size_t i;

	argc--;
	argv++;
	if (strcmp(verb, "new") == 0)
		return order_new(c, argc, argv);
	for (i = 0; i < cli_order_nmoves; i++) {
		const struct cli_move *mv = &cli_order_moves[i];

		if (strcmp(verb, mv->verb) != 0)
			continue;
		if (!mv->own)
			return order_move(c, argc, argv, mv);
		if (mv->move == KF_ORDER_MOVE_ITEM)
			return order_item(c, argc, argv);
		if (mv->move == KF_ORDER_MOVE_EDIT)
			return order_edit(c, argc, argv);
		return order_link(c, argc, argv);
	}
	if (strcmp(verb, "list") == 0)
		return order_list(c, argc, argv);
	if (strcmp(verb, "show") == 0)
		return order_show(c, argc, argv);
	if (strcmp(verb, "charges") == 0)
		return order_charges(c, argc, argv);
	if (strcmp(verb, "correct") == 0)
		return order_correct(c, argc, argv);
	if (strcmp(verb, "load") == 0)
		return order_load(c, argc, argv);
	if (*verb == '\0')
		return cli_usage("order", "needs a verb: new, ack, approve, "
		    "assign, arrive, item, material, done, signoff, cancel, "
		    "edit, link, list, show, charges, correct or load");
	return cli_usage("order", "unknown verb '%.20s'", verb);
}

const struct cli_cmd cmd_order = {
	.name = "order",
	.summary = "repair work orders (维修单): new, ack, assign, arrive, "
	    "done, signoff, list, show, ...",
	.help =
	    "usage: kefu order new --category CAT --fault TEXT\n"
	    "           (--customer ACCOUNT | --address TEXT [--community C]\n"
	    "           [--building B]) [--contact-name NAME] [--phone PHONE]\n"
	    "           [--appointment TIME] [--emergency] [--fee CODE]\n"
	    "           [--from-contact ID] [--at TIME]\n"
	    "       kefu order ack|approve ID [--version V]\n"
	    "       kefu order arrive ID [--at TIME] [--version V]\n"
	    "       kefu order assign ID TECH-LOGIN [--version V]\n"
	    "       kefu order item ID CODE QUANTITY\n"
	    "       kefu order material ID pass|fail [--note TEXT] [--version V]\n"
	    "       kefu order done ID --work TEXT [--at TIME] [--version V]\n"
	    "       kefu order signoff ID --name NAME [--version V]\n"
	    "       kefu order cancel ID --reason TEXT [--version V]\n"
	    "       kefu order edit ID [--customer ACCOUNT] [--contact-name NAME]\n"
	    "           [--phone PHONE] [--address TEXT] [--fault TEXT]"
	    " [--version V]\n"
	    "       kefu order link ID CONTACT-ID\n"
	    "       kefu order list [--overdue] [--all] [--state S] "
	    "[--category CAT]\n"
	    "           [--tech LOGIN] [--limit N]\n"
	    "       kefu order show ID\n"
	    "       kefu order charges [--limit N]\n"
	    "       kefu order correct ITEM-ID PRICE [--version V]\n"
	    "       kefu order load\n"
	    "\n"
	    "A repair work order runs against the clock of its category (CAT,\n"
	    "English or Chinese): equipment 燃气设施维修, on site within 40\n"
	    "minutes of the report or by the appointed time (R2); pipe and\n"
	    "pipe-major 管网故障, cleared within 4 or 24 hours (R3); indoor\n"
	    "户内维修 and paid 有偿服务 with their own policies (kefu policy list).\n"
	    "A deadline is met when arrival (or, for pipeline faults, the work\n"
	    "done) comes at or before it; the order is overdue from the second\n"
	    "after it. TIME is HH:MM today or an ISO time; --at reports an order\n"
	    "taken earlier, an --appointment may not lie in the past (R20).\n"
	    "\n"
	    "new: with --customer the address, community, building, contact\n"
	    "name and phone come from the customer register unless given; an\n"
	    "unknown caller needs --address and --contact-name and --phone. An\n"
	    "--emergency order needs only the address and the fault and may be\n"
	    "assigned at once, its paperwork pending until edit fills in the\n"
	    "customer or contact (R9). A paid job names its --fee CODE; one not\n"
	    "on the paid-service list is approved by a supervisor before it is\n"
	    "assigned (R22). Open orders at the same address, else building,\n"
	    "else community are named on standard error (\"note: open orders\n"
	    "nearby ...\"): link the caller with `order link` instead of\n"
	    "dispatching twice. Prints the new order's number.\n"
	    "\n"
	    "The moves: reported -> ack (dispatcher or supervisor, the time\n"
	    "received, R21) -> assign (dispatchers only, R11; again to reassign\n"
	    "before arrival, with --version: without it an order dispatched\n"
	    "already is refused, exit 5, naming who sent it to whom and when)\n"
	    "-> arrive -> done with the work actually done (R23),\n"
	    "customer-supplied materials pass|fail (R24) and items of the\n"
	    "paid-service list at its price of the moment (R25) -> signoff with\n"
	    "the customer's name (R26) -> closed once the paperwork is complete;\n"
	    "cancel with a reason from any open state (the callers linked to it\n"
	    "are told). arrive and done --at TIME register a repair done first\n"
	    "(R9): no earlier than the report or the arrival, never ahead.\n"
	    "A technician works only\n"
	    "his own orders. The amount due is billed by the billing desk:\n"
	    "technicians take no cash (R19). --version V: the version you read\n"
	    "(show gives it); another's change meanwhile is a conflict (exit 3)\n"
	    "naming who. An illegal move is refused (exit 5) naming the rule.\n"
	    "\n"
	    "list shows the open orders by deadline, soonest first (--all: closed\n"
	    "and cancelled too; --overdue: past the deadline and not met, for\n"
	    "cron); a technician sees only his own. show prints every field, the\n"
	    "items and the amount due in yuan. charges lists the items whose\n"
	    "price differs from the list's present one, and correct sets an\n"
	    "item's unit price in yuan (supervisors, R17). load shows each\n"
	    "technician's open orders (the assignment picker). With --json:\n"
	    "times in epoch seconds, money in fen.\n",
	.run = run_order,
	.needs_actor = true,
};
