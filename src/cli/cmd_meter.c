/*
 * cmd_meter.c — meters, shared meters, floor areas and readings from the
 * command line (R12-R14): kefu meter add|list|show|link|unlink|area and
 * kefu reading enter|list|round.
 *
 * Customers are named by account number; meters by code. Areas are typed
 * in m² with at most two decimals ("88.50"); --json gives them in 0.01 m²
 * (area_dm2). Readings are whole units of the meter.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kefu/customer.h"
#include "kefu/meter.h"
#include "kefu/rate.h"

/* A whole number >= 0 of at most 12 digits; else a message naming what. */
static bool
parse_count(const char *s, const char *what, int64_t *v)
{
	struct kf_err err;
	const char *p;

	kf_err_clear(&err);
	if (s != NULL && *s == '-')
		kf_err_set(&err, KF_INVALID, "%s cannot be negative: %.32s", what,
		    s);
	else {
		for (p = s; p != NULL && isdigit((unsigned char)*p); p++)
			;
		if (s == NULL || *s == '\0' || *p != '\0' || p - s > 12)
			kf_err_set(&err, KF_INVALID, "%s must be a whole number: "
			    "'%.32s'", what, s ? s : "");
		else {
			*v = strtoll(s, NULL, 10);
			return true;
		}
	}
	cli_fail(&err);
	return false;
}

/* The customer with this account number: -1, else the exit code after
 * the message. */
static int
customer_of(struct cli *c, const char *account, int64_t *id)
{
	struct kf_customer cu;
	struct kf_err err;

	kf_err_clear(&err);
	if (kf_customer_get_account(c->k, account, &cu, &err) != KF_OK)
		return cli_fail(&err);
	*id = cu.id;
	kf_customer_clear(&cu);
	return -1;
}

/* The meter with this code: -1, else the exit code after the message. */
static int
meter_of(struct cli *c, const char *code, struct kf_meter *m)
{
	struct kf_err err;

	kf_err_clear(&err);
	if (kf_meter_get_code(c->k, code, m, &err) != KF_OK)
		return cli_fail(&err);
	return -1;
}

static void
print_meter_json(const struct kf_meter *m)
{
	printf("{\"id\":%lld,\"code\":", (long long)m->id);
	cli_json_str(stdout, m->code);
	printf(",\"kind\":\"%s\",\"customer_id\":%lld,\"community\":",
	    kf_meter_kind_name(m->kind), (long long)m->customer_id);
	cli_json_str(stdout, m->community);
	printf(",\"building\":");
	cli_json_str(stdout, m->building);
	printf(",\"position\":%d,\"digits\":%d,\"start\":%lld,\"shared\":%s",
	    m->position, m->digits, (long long)m->start,
	    m->customer_id == 0 ? "true" : "false");
	if (m->customer_id == 0)
		printf(",\"key\":\"%s\"", kf_share_key_name(m->share_key));
	printf(",\"version\":%lld}", (long long)m->version);
}

static int
meter_add(struct cli *c, int argc, char **argv)
{
	struct cli_opt opts[] = {
		{ "customer", true, NULL, false },
		{ "community", true, NULL, false },
		{ "building", true, NULL, false },
		{ "shared", true, NULL, false },
		{ "position", true, NULL, false },
		{ "digits", true, NULL, false },
		{ "start", true, NULL, false },
		{ NULL, false, NULL, false },
	};
	const char *pos[2];
	struct kf_meter m;
	struct kf_err err;
	int64_t id = 0, v;
	int x, np;

	if ((x = cli_split("meter add", argc, argv, opts, pos, 2, &np)) >= 0)
		return x;
	if (np != 2)
		return cli_usage("meter add", "needs CODE water|power");
	if (opts[0].seen == opts[3].seen)
		return cli_usage("meter add", "give --customer ACCOUNT (a unit's "
		    "meter) or --shared equal|area|submeter (a shared meter)");
	memset(&m, 0, sizeof(m));
	kf_err_clear(&err);
	snprintf(m.code, sizeof(m.code), "%.39s", pos[0]);
	if (kf_meter_kind_parse(pos[1], &m.kind, &err) != KF_OK)
		return cli_fail(&err);
	if (opts[0].seen && (x = customer_of(c, opts[0].value,
	    &m.customer_id)) >= 0)
		return x;
	if (opts[3].seen && kf_share_key_parse(opts[3].value, &m.share_key,
	    &err) != KF_OK)
		return cli_fail(&err);
	if (opts[1].seen)
		snprintf(m.community, sizeof(m.community), "%s", opts[1].value);
	if (opts[2].seen)
		snprintf(m.building, sizeof(m.building), "%s", opts[2].value);
	if (opts[4].seen) {
		if (!parse_count(opts[4].value, "position", &v))
			return EXIT_USAGE;
		m.position = v > 1000000 ? 1000000 : (int)v;
	}
	if (opts[5].seen) {
		if (!parse_count(opts[5].value, "digits", &v))
			return EXIT_USAGE;
		m.digits = v > 99 ? 99 : (int)v;
		if (m.digits == 0)
			m.digits = 99;		/* 0 would mean "the default" */
	}
	if (opts[6].seen && !parse_count(opts[6].value, "start", &m.start))
		return EXIT_USAGE;
	if (kf_meter_add(c->k, &m, &id, &err) != KF_OK)
		return cli_fail(&err);
	if (c->json) {
		if (kf_meter_get(c->k, id, &m, &err) != KF_OK)
			return cli_fail(&err);
		print_meter_json(&m);
		putchar('\n');
		return 0;
	}
	printf("added meter ");
	cli_text(stdout, m.code);
	printf(" (%lld)\n", (long long)id);
	return 0;
}

static int
meter_list(struct cli *c, int argc, char **argv)
{
	struct cli_opt opts[] = {
		{ "customer", true, NULL, false },
		{ NULL, false, NULL, false },
	};
	const char *pos[2];
	struct kf_meter *v;
	struct kf_err err;
	int64_t cust = 0;
	size_t n, i;
	int x, np;

	if ((x = cli_split("meter list", argc, argv, opts, pos, 2, &np)) >= 0)
		return x;
	if ((np == 0) == !opts[0].seen)
		return cli_usage("meter list", "needs COMMUNITY [BUILDING] or "
		    "--customer ACCOUNT");
	if (opts[0].seen && (x = customer_of(c, opts[0].value, &cust)) >= 0)
		return x;
	kf_err_clear(&err);
	if (kf_meter_list(c->k, np > 0 ? pos[0] : NULL, np > 1 ? pos[1] : NULL,
	    cust, &v, &n, &err) != KF_OK)
		return cli_fail(&err);
	if (c->json)
		printf("[");
	else if (n > 0)
		printf("%-16s %-6s %-10s %-10s %4s %s\n", "CODE", "KIND",
		    "BUILDING", "OWNER", "POS", "DIGITS");
	for (i = 0; i < n; i++) {
		if (c->json) {
			printf("%s", i ? "," : "");
			print_meter_json(&v[i]);
			continue;
		}
		cli_pad(stdout, v[i].code, 16);
		printf(" %-6s ", kf_meter_kind_name(v[i].kind));
		cli_pad(stdout, v[i].building, 10);
		if (v[i].customer_id)
			printf(" #%-9lld", (long long)v[i].customer_id);
		else
			printf(" %-10s", kf_share_key_name(v[i].share_key));
		printf(" %4d %d\n", v[i].position, v[i].digits);
	}
	if (c->json)
		printf("]\n");
	free(v);
	return 0;
}

static int
meter_show(struct cli *c, int argc, char **argv)
{
	struct cli_opt opts[] = { { NULL, false, NULL, false } };
	struct kf_meter_link *links = NULL;
	const char *pos[1];
	struct kf_meter m;
	struct kf_err err;
	size_t n = 0, i;
	int x, np;

	if ((x = cli_split("meter show", argc, argv, opts, pos, 1, &np)) >= 0)
		return x;
	if (np != 1)
		return cli_usage("meter show", "needs CODE");
	if ((x = meter_of(c, pos[0], &m)) >= 0)
		return x;
	kf_err_clear(&err);
	if (m.customer_id == 0 &&
	    kf_meter_links(c->k, m.id, &links, &n, &err) != KF_OK)
		return cli_fail(&err);
	if (c->json) {
		print_meter_json(&m);
		printf("\n");
		free(links);
		return 0;
	}
	printf("meter:      ");
	cli_text(stdout, m.code);
	printf(" (%lld, version %lld)\nkind:       %s, %d digits, start %lld\n",
	    (long long)m.id, (long long)m.version, kf_meter_kind_name(m.kind),
	    m.digits, (long long)m.start);
	printf("read in:    ");
	cli_text(stdout, m.community);
	putchar(' ');
	cli_text(stdout, m.building);
	printf(", position %d\n", m.position);
	if (m.customer_id)
		printf("customer:   %lld\n", (long long)m.customer_id);
	else {
		printf("shared:     by %s, %zu units\n",
		    kf_share_key_name(m.share_key), n);
		for (i = 0; i < n; i++) {
			printf("  customer %lld", (long long)links[i].customer_id);
			if (links[i].sub_meter_id)
				printf(" (sub-meter %lld)",
				    (long long)links[i].sub_meter_id);
			putchar('\n');
		}
	}
	free(links);
	return 0;
}

static int
meter_link(struct cli *c, int argc, char **argv, bool link)
{
	struct cli_opt opts[] = {
		{ "sub", true, NULL, false }, { NULL, false, NULL, false },
	};
	const char *cmd = link ? "meter link" : "meter unlink";
	struct kf_meter m, sub;
	const char *pos[2];
	struct kf_err err;
	int64_t cust = 0;
	enum kf_rc rc;
	int x, np;

	if ((x = cli_split(cmd, argc, argv, link ? opts : opts + 1, pos, 2,
	    &np)) >= 0)
		return x;
	if (np != 2)
		return cli_usage(cmd, "needs SHARED-METER ACCOUNT");
	if ((x = meter_of(c, pos[0], &m)) >= 0 ||
	    (x = customer_of(c, pos[1], &cust)) >= 0)
		return x;
	memset(&sub, 0, sizeof(sub));
	if (opts[0].seen && (x = meter_of(c, opts[0].value, &sub)) >= 0)
		return x;
	kf_err_clear(&err);
	rc = link ? kf_meter_link(c->k, m.id, cust, sub.id, NULL, &err) :
	    kf_meter_unlink(c->k, m.id, cust, &err);
	if (rc != KF_OK)
		return cli_fail(&err);
	if (c->json) {
		printf("{\"meter\":");
		cli_json_str(stdout, m.code);
		printf(",\"account\":");
		cli_json_str(stdout, pos[1]);
		printf(",\"linked\":%s}\n", link ? "true" : "false");
	} else {
		printf("%s ", link ? "linked" : "unlinked");
		cli_text(stdout, pos[1]);
		printf(link ? " to " : " from ");
		cli_text(stdout, m.code);
		putchar('\n');
	}
	return 0;
}

static int
meter_area(struct cli *c, int argc, char **argv)
{
	struct cli_opt opts[] = {
		{ "version", true, NULL, false }, { NULL, false, NULL, false },
	};
	const char *pos[2];
	struct kf_err err;
	long long version = -1;
	int64_t cust = 0, dm2, v;
	char shown[32];
	int x, np;

	if ((x = cli_split("meter area", argc, argv, opts, pos, 2, &np)) >= 0)
		return x;
	if (np < 1)
		return cli_usage("meter area", "needs ACCOUNT [M2]");
	if (opts[0].seen && !cli_int("meter area", "--version", opts[0].value,
	    &version))
		return EXIT_USAGE;
	if ((x = customer_of(c, pos[0], &cust)) >= 0)
		return x;
	kf_err_clear(&err);
	if (np == 2) {
		if (kf_area_parse(pos[1], &dm2, &err) != KF_OK ||
		    kf_area_set(c->k, cust, dm2, version, &err) != KF_OK)
			return cli_fail(&err);
	}
	if (kf_area_get(c->k, cust, &dm2, &v, &err) != KF_OK)
		return cli_fail(&err);
	if (c->json) {
		printf("{\"account\":");
		cli_json_str(stdout, pos[0]);
		printf(",\"area_dm2\":%lld,\"version\":%lld}\n", (long long)dm2,
		    (long long)v);
		return 0;
	}
	kf_area_format(dm2, shown, sizeof(shown));
	cli_text(stdout, pos[0]);
	if (v == 0)
		printf(": no floor area\n");
	else
		printf(": %s m² (version %lld)\n", shown, (long long)v);
	return 0;
}

static int
run_meter(struct cli *c, int argc, char **argv)
{
	const char *verb = argc > 1 ? argv[1] : "";

	argc--;
	argv++;
	if (strcmp(verb, "add") == 0)
		return meter_add(c, argc, argv);
	if (strcmp(verb, "list") == 0)
		return meter_list(c, argc, argv);
	if (strcmp(verb, "show") == 0)
		return meter_show(c, argc, argv);
	if (strcmp(verb, "link") == 0)
		return meter_link(c, argc, argv, true);
	if (strcmp(verb, "unlink") == 0)
		return meter_link(c, argc, argv, false);
	if (strcmp(verb, "area") == 0)
		return meter_area(c, argc, argv);
	if (*verb == '\0')
		return cli_usage("meter", "needs a verb: add, list, show, link, "
		    "unlink or area");
	return cli_usage("meter", "unknown verb '%.20s'", verb);
}

const struct cli_cmd cmd_meter = {
	.name = "meter",
	.summary = "water and power meters, shared meters, floor areas: add, "
	    "list, show, link, unlink, area",
	.help =
	    "usage: kefu meter add CODE water|power --customer ACCOUNT\n"
	    "           [--building B] [--position N] [--digits D] [--start N]\n"
	    "       kefu meter add CODE water|power --shared equal|area|submeter\n"
	    "           --community C [--building B] [--position N] [--digits D]\n"
	    "           [--start N]\n"
	    "       kefu meter list COMMUNITY [BUILDING] | --customer ACCOUNT\n"
	    "       kefu meter show CODE\n"
	    "       kefu meter link SHARED-CODE ACCOUNT [--sub CODE]\n"
	    "       kefu meter unlink SHARED-CODE ACCOUNT\n"
	    "       kefu meter area ACCOUNT [M2] [--version V]\n"
	    "\n"
	    "A unit's meter belongs to a customer (read where the customer lives,\n"
	    "unless --community/--building say otherwise); a shared (public) meter\n"
	    "belongs to none and its usage is charged to the units linked to it\n"
	    "(R14, 谁使用谁负担): in equal shares, by floor area, or by the usage of\n"
	    "each unit's own meter of the same kind (submeter: link with --sub).\n"
	    "The parts add up to the whole to the fen (largest remainder).\n"
	    "CODE: 1-24 of A-Z, 0-9 and '-', never reused. --position orders the\n"
	    "reading round; --digits (3-9, default 6) is where the meter rolls over;\n"
	    "--start is its first reading.\n"
	    "\n"
	    "area sets (with M2, at most two decimals) or shows a customer's floor\n"
	    "area (R12: a fee per m²). Billing and admins change; supervisors read.\n",
	.run = run_meter,
	.needs_actor = true,
};

/* ---- readings ---- */

static int
reading_enter(struct cli *c, int argc, char **argv)
{
	struct cli_opt opts[] = {
		{ "replaced", true, NULL, false },
		{ "rollover", false, NULL, false },
		{ "confirm", false, NULL, false },
		{ "reason", true, NULL, false },
		{ NULL, false, NULL, false },
	};
	int64_t value, start = 0, id = 0, usage = 0;
	const char *pos[3];
	struct kf_meter m;
	struct kf_err err;
	unsigned flags = 0;
	int x, np;

	if ((x = cli_split("reading enter", argc, argv, opts, pos, 3, &np)) >=
	    0)
		return x;
	if (np != 3)
		return cli_usage("reading enter", "needs METER PERIOD VALUE");
	if (!parse_count(pos[2], "value", &value) || (opts[0].seen &&
	    !parse_count(opts[0].value, "start", &start)))
		return EXIT_USAGE;
	if ((x = meter_of(c, pos[0], &m)) >= 0)
		return x;
	if (opts[0].seen)
		flags |= KF_READ_REPLACED;
	if (opts[1].seen)
		flags |= KF_READ_ROLLOVER;
	if (opts[2].seen)
		flags |= KF_READ_CONFIRM;
	kf_err_clear(&err);
	if (kf_reading_enter(c->k, m.id, pos[1], value, flags, start,
	    opts[3].seen ? opts[3].value : NULL, &id, &usage, &err) != KF_OK)
		return cli_fail(&err);
	if (c->json) {
		printf("{\"id\":%lld,\"meter\":", (long long)id);
		cli_json_str(stdout, m.code);
		printf(",\"period\":");
		cli_json_str(stdout, pos[1]);
		printf(",\"value\":%lld,\"usage\":%lld}\n", (long long)value,
		    (long long)usage);
		return 0;
	}
	cli_text(stdout, m.code);
	printf(" %s: %lld, usage %lld%s\n", pos[1], (long long)value,
	    (long long)usage, opts[3].seen ? " (corrected)" : "");
	return 0;
}

static int
reading_list(struct cli *c, int argc, char **argv)
{
	struct cli_opt opts[] = {
		{ "limit", true, NULL, false }, { NULL, false, NULL, false },
	};
	struct kf_reading *v;
	const char *pos[1];
	struct kf_meter m;
	struct kf_err err;
	int64_t limit = 24;
	size_t n, i;
	int x, np;

	if ((x = cli_split("reading list", argc, argv, opts, pos, 1, &np)) >= 0)
		return x;
	if (np != 1)
		return cli_usage("reading list", "needs METER");
	if (opts[0].seen && !parse_count(opts[0].value, "limit", &limit))
		return EXIT_USAGE;
	if ((x = meter_of(c, pos[0], &m)) >= 0)
		return x;
	kf_err_clear(&err);
	if (kf_reading_list(c->k, m.id, (int)(limit > 1000 ? 1000 : limit), &v,
	    &n, &err) != KF_OK)
		return cli_fail(&err);
	if (c->json)
		printf("[");
	else if (n > 0)
		printf("%-8s %10s %10s %8s  %s\n", "PERIOD", "FROM", "READING",
		    "USAGE", "NOTE");
	for (i = 0; i < n; i++) {
		if (c->json) {
			printf("%s{\"id\":%lld,\"period\":\"%s\",\"value\":%lld,"
			    "\"prev\":%lld,\"usage\":%lld,\"kind\":\"%s\","
			    "\"spike\":%s,\"reason\":", i ? "," : "",
			    (long long)v[i].id, v[i].period, (long long)v[i].value,
			    (long long)v[i].prev, (long long)v[i].usage,
			    kf_reading_kind_name(v[i].kind),
			    v[i].spike ? "true" : "false");
			cli_json_str(stdout, v[i].reason);
			printf(",\"version\":%lld}", (long long)v[i].version);
			continue;
		}
		printf("%-8s %10lld %10lld %8lld  %s%s", v[i].period,
		    (long long)v[i].prev, (long long)v[i].value,
		    (long long)v[i].usage, v[i].kind != KF_READING_NORMAL ?
		    kf_reading_kind_name(v[i].kind) : "",
		    v[i].spike ? " confirmed-high" : "");
		if (v[i].reason[0]) {
			printf(" corrected: ");
			cli_text(stdout, v[i].reason);
		}
		putchar('\n');
	}
	if (c->json)
		printf("]\n");
	free(v);
	return 0;
}

static int
reading_round(struct cli *c, int argc, char **argv)
{
	struct cli_opt opts[] = {
		{ "period", true, NULL, false }, { NULL, false, NULL, false },
	};
	struct kf_round_row *v;
	const char *pos[2];
	struct kf_err err;
	size_t n, i;
	int x, np;

	if ((x = cli_split("reading round", argc, argv, opts, pos, 2, &np)) >= 0)
		return x;
	if (np < 1 || !opts[0].seen)
		return cli_usage("reading round", "needs COMMUNITY [BUILDING] "
		    "--period YYYY-MM");
	kf_err_clear(&err);
	if (kf_reading_round(c->k, pos[0], np > 1 ? pos[1] : NULL,
	    opts[0].value, &v, &n, &err) != KF_OK)
		return cli_fail(&err);
	if (c->json)
		printf("[");
	else if (n > 0)
		printf("%-16s %-8s %-10s %-8s %10s %8s %10s\n", "METER", "ROOM",
		    "CUSTOMER", "LAST", "READING", "USAGE", "THIS");
	for (i = 0; i < n; i++) {
		if (c->json) {
			printf("%s{\"meter\":", i ? "," : "");
			cli_json_str(stdout, v[i].meter.code);
			printf(",\"kind\":\"%s\",\"room\":",
			    kf_meter_kind_name(v[i].meter.kind));
			cli_json_str(stdout, v[i].room);
			printf(",\"customer\":");
			cli_json_str(stdout, v[i].customer);
			printf(",\"last_period\":\"%s\",\"last_value\":%lld,"
			    "\"last_usage\":%lld,\"moved_out\":%s", v[i].last_period,
			    (long long)v[i].last_value, (long long)v[i].last_usage,
			    v[i].moved_out ? "true" : "false");
			if (v[i].this_id)
				printf(",\"value\":%lld,\"usage\":%lld}",
				    (long long)v[i].this_value,
				    (long long)v[i].this_usage);
			else
				printf(",\"value\":null,\"usage\":null}");
			continue;
		}
		cli_pad(stdout, v[i].meter.code, 16);
		putchar(' ');
		cli_pad(stdout, v[i].meter.customer_id ? v[i].room : "(shared)", 8);
		putchar(' ');
		cli_pad(stdout, v[i].customer, 10);
		printf(" %-8s %10lld ", v[i].last_period[0] ? v[i].last_period :
		    "-", (long long)v[i].last_value);
		if (v[i].last_usage >= 0)
			printf("%8lld ", (long long)v[i].last_usage);
		else
			printf("%8s ", "-");
		if (v[i].moved_out)
			printf("%10s\n", "moved out");
		else if (v[i].this_id)
			printf("%10lld\n", (long long)v[i].this_value);
		else
			printf("%10s\n", "?");
	}
	if (c->json)
		printf("]\n");
	free(v);
	return 0;
}

static int
run_reading(struct cli *c, int argc, char **argv)
{
	const char *verb = argc > 1 ? argv[1] : "";

	argc--;
	argv++;
	if (strcmp(verb, "enter") == 0)
		return reading_enter(c, argc, argv);
	if (strcmp(verb, "list") == 0)
		return reading_list(c, argc, argv);
	if (strcmp(verb, "round") == 0)
		return reading_round(c, argc, argv);
	if (*verb == '\0')
		return cli_usage("reading", "needs a verb: enter, list or round");
	return cli_usage("reading", "unknown verb '%.20s'", verb);
}

const struct cli_cmd cmd_reading = {
	.name = "reading",
	.summary = "monthly meter readings: enter, list, round",
	.help =
	    "usage: kefu reading enter METER PERIOD VALUE [--replaced START]\n"
	    "           [--rollover] [--confirm] [--reason TEXT]\n"
	    "       kefu reading list METER [--limit N]\n"
	    "       kefu reading round COMMUNITY [BUILDING] --period YYYY-MM\n"
	    "\n"
	    "One reading per meter per month (R13), in month order; the usage is\n"
	    "the reading minus the last one. Refused, naming the rule:\n"
	    "  a reading below the last, unless the meter was replaced (--replaced\n"
	    "  START: the new meter's first reading) or rolled over (--rollover);\n"
	    "  a usage above the policy reading.spike (300%) of the meter's mean of\n"
	    "  the last six months, until checked and entered again with --confirm;\n"
	    "  a reading of a moved-out customer's meter;\n"
	    "  a second reading for the month without --reason (with one, it\n"
	    "  corrects the first: only the meter's latest);\n"
	    "  a month whose notices are issued (R15).\n"
	    "round lists a building's meters in reading order with the last\n"
	    "reading and usage, and the month's reading when entered ('?': not yet).\n"
	    "\n"
	    "Billing enters readings; supervisors and admins read them.\n",
	.run = run_reading,
	.needs_actor = true,
};
