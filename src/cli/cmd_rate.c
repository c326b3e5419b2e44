/*
 * cmd_rate.c — billing's rates from the command line (R12, R13, R15):
 * kefu rate list|show|add|withdraw|charges.
 *
 * Prices are typed and shown in yuan: a management fee in whole fen
 * ("2.50"), a tariff with up to four decimals ("0.5283"); --json gives
 * them in 0.01 fen as stored (price_cfen) and amounts in fen. Arguments
 * are read by hand (cli_split), so "-1" is reported as a bad price, not
 * as an unknown option.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kefu/customer.h"
#include "kefu/fee.h"
#include "kefu/rate.h"

static void
print_rate_json(const struct kf_rate *r)
{
	char tiers[256];
	int i;

	kf_tiers_format(r->tiers, r->ntiers, tiers, sizeof(tiers));
	printf("{\"id\":%lld,\"kind\":\"%s\",\"community\":", (long long)r->id,
	    kf_rate_kind_name(r->kind));
	cli_json_str(stdout, r->community);
	printf(",\"effective\":\"%s\",\"basis\":\"%s\",\"pricing\":\"%s\","
	    "\"price_cfen\":%lld,\"tiers\":[", r->effective,
	    kf_rate_basis_name(r->basis), kf_rate_pricing_name(r->pricing),
	    (long long)r->price_cfen);
	for (i = 0; i < r->ntiers; i++)
		printf("%s{\"upto\":%lld,\"price_cfen\":%lld}", i ? "," : "",
		    (long long)r->tiers[i].upto,
		    (long long)r->tiers[i].price_cfen);
	printf("],\"note\":");
	cli_json_str(stdout, r->note);
	printf(",\"withdrawn\":%s,\"created_at\":%lld,\"version\":%lld}",
	    r->withdrawn ? "true" : "false", (long long)r->created_at,
	    (long long)r->version);
}

/* "2.50/m² agreed", "120.00/unit government", "180:0.5283,*:0.8283". */
static void
rate_price_text(const struct kf_rate *r, char *buf, size_t n)
{
	char price[32];

	if (r->kind != KF_RATE_MGMT) {
		kf_tiers_format(r->tiers, r->ntiers, buf, n);
		return;
	}
	kf_price_format(r->price_cfen, price, sizeof(price));
	snprintf(buf, n, "%s/%s %s", price, r->basis == KF_BASIS_AREA ? "m²" :
	    "unit", kf_rate_pricing_name(r->pricing));
}

static void
print_rate_row(const struct kf_rate *r)
{
	char price[300];

	rate_price_text(r, price, sizeof(price));
	printf("%-5lld %-6s ", (long long)r->id, kf_rate_kind_name(r->kind));
	cli_pad(stdout, r->community[0] ? r->community : "*", 14);
	printf(" %-9s ", r->effective);
	cli_text(stdout, price);
	if (r->note[0]) {
		fputs("  ", stdout);
		cli_text(stdout, r->note);
	}
	printf("%s\n", r->withdrawn ? "  (withdrawn)" : "");
}

static int
rate_list(struct cli *c, int argc, char **argv)
{
	struct cli_opt opts[] = {
		{ "kind", true, NULL, false }, { "all", false, NULL, false },
		{ NULL, false, NULL, false },
	};
	enum kf_rate_kind kind;
	struct kf_rate *v;
	struct kf_err err;
	const char *pos[1];
	size_t n, i;
	int x, np;

	if ((x = cli_split("rate list", argc, argv, opts, pos, 0, &np)) >= 0)
		return x;
	kf_err_clear(&err);
	if (opts[0].seen && kf_rate_kind_parse(opts[0].value, &kind, &err) !=
	    KF_OK)
		return cli_fail(&err);
	if (kf_rate_list(c->k, opts[0].seen ? (int)kind : -1, opts[1].seen, &v,
	    &n, &err) != KF_OK)
		return cli_fail(&err);
	if (c->json)
		printf("[");
	else if (n > 0)
		printf("%-5s %-6s %-14s %-9s %s\n", "ID", "KIND", "COMMUNITY",
		    "FROM", "PRICE");
	for (i = 0; i < n; i++) {
		if (c->json) {
			printf("%s", i ? "," : "");
			print_rate_json(&v[i]);
		} else
			print_rate_row(&v[i]);
	}
	if (c->json)
		printf("]\n");
	free(v);
	return 0;
}

static bool
parse_id(const char *cmd, const char *s, int64_t *id)
{
	long long v;

	if (!cli_int(cmd, "ID", s, &v))
		return false;
	if (v < 1) {
		cli_usage(cmd, "an ID is 1 or more");
		return false;
	}
	*id = v;
	return true;
}

static int
rate_show(struct cli *c, int argc, char **argv)
{
	struct cli_opt opts[] = { { NULL, false, NULL, false } };
	const char *pos[1];
	struct kf_rate r;
	struct kf_err err;
	char price[300];
	int64_t id;
	int x, np;

	if ((x = cli_split("rate show", argc, argv, opts, pos, 1, &np)) >= 0)
		return x;
	if (np != 1)
		return cli_usage("rate show", "needs ID");
	if (!parse_id("rate show", pos[0], &id))
		return EXIT_USAGE;
	kf_err_clear(&err);
	if (kf_rate_get(c->k, id, &r, &err) != KF_OK)
		return cli_fail(&err);
	if (c->json) {
		print_rate_json(&r);
		putchar('\n');
		return 0;
	}
	rate_price_text(&r, price, sizeof(price));
	printf("rate:       %lld (version %lld)%s\n", (long long)r.id,
	    (long long)r.version, r.withdrawn ? ", withdrawn" : "");
	printf("kind:       %s\n", kf_rate_kind_name(r.kind));
	printf("community:  ");
	cli_text(stdout, r.community[0] ? r.community : "* (every community)");
	printf("\nfrom:       %s\n", r.effective);
	printf("price:      ");
	cli_text(stdout, price);
	printf("\nnote:       ");
	cli_text(stdout, r.note);
	putchar('\n');
	return 0;
}

static int
rate_add(struct cli *c, int argc, char **argv)
{
	struct cli_opt opts[] = {
		{ "community", true, NULL, false },
		{ "per", true, NULL, false },
		{ "agreed", false, NULL, false },
		{ "note", true, NULL, false },
		{ NULL, false, NULL, false },
	};
	const char *pos[3];
	struct kf_rate r;
	struct kf_err err;
	int64_t id = 0;
	int x, np;

	if ((x = cli_split("rate add", argc, argv, opts, pos, 3, &np)) >= 0)
		return x;
	if (np != 3)
		return cli_usage("rate add", "needs KIND FROM PRICE (mgmt) or "
		    "KIND FROM TIERS (water, power)");
	memset(&r, 0, sizeof(r));
	kf_err_clear(&err);
	if (kf_rate_kind_parse(pos[0], &r.kind, &err) != KF_OK)
		return cli_fail(&err);
	snprintf(r.effective, sizeof(r.effective), "%.7s", pos[1]);
	if (strlen(pos[1]) != 7) {
		kf_err_set(&err, KF_INVALID, "effective %.20s is not a month "
		    "(YYYY-MM)", pos[1]);
		return cli_fail(&err);
	}
	if (opts[0].seen)
		snprintf(r.community, sizeof(r.community), "%s", opts[0].value);
	if (opts[3].seen)
		snprintf(r.note, sizeof(r.note), "%s", opts[3].value);
	if (r.kind == KF_RATE_MGMT) {
		r.basis = KF_BASIS_AREA;
		if (opts[1].seen && strcmp(opts[1].value, "unit") == 0)
			r.basis = KF_BASIS_UNIT;
		else if (opts[1].seen && strcmp(opts[1].value, "area") != 0)
			return cli_usage("rate add", "--per takes area or unit");
		r.pricing = opts[2].seen ? KF_PRICING_AGREED :
		    KF_PRICING_GOVERNMENT;
		if (kf_price_parse(pos[2], "price", 2, &r.price_cfen, &err) !=
		    KF_OK)
			return cli_fail(&err);
	} else {
		if (opts[1].seen || opts[2].seen)
			return cli_usage("rate add", "--per and --agreed are for "
			    "the management fee (mgmt)");
		r.basis = KF_BASIS_METERED;
		if (kf_tiers_parse(pos[2], r.tiers, &r.ntiers, &err) != KF_OK)
			return cli_fail(&err);
	}
	if (kf_rate_add(c->k, &r, &id, &err) != KF_OK)
		return cli_fail(&err);
	if (c->json) {
		r.id = id;
		r.version = 1;
		print_rate_json(&r);
		putchar('\n');
		return 0;
	}
	printf("added rate %lld: %s from %s\n", (long long)id,
	    kf_rate_kind_name(r.kind), r.effective);
	return 0;
}

static int
rate_withdraw(struct cli *c, int argc, char **argv)
{
	struct cli_opt opts[] = {
		{ "version", true, NULL, false }, { NULL, false, NULL, false },
	};
	const char *pos[1];
	struct kf_err err;
	long long version = -1;
	int64_t id;
	int x, np;

	if ((x = cli_split("rate withdraw", argc, argv, opts, pos, 1, &np)) >=
	    0)
		return x;
	if (np != 1)
		return cli_usage("rate withdraw", "needs ID");
	if (!parse_id("rate withdraw", pos[0], &id) || (opts[0].seen &&
	    !cli_int("rate withdraw", "--version", opts[0].value, &version)))
		return EXIT_USAGE;
	kf_err_clear(&err);
	if (kf_rate_withdraw(c->k, id, version, &err) != KF_OK)
		return cli_fail(&err);
	if (c->json)
		printf("{\"id\":%lld,\"withdrawn\":true}\n", (long long)id);
	else
		printf("withdrew rate %lld\n", (long long)id);
	return 0;
}

static const char *
charge_kind_name(enum kf_charge_kind kind)
{
	static const char *const names[] = { "mgmt", "water", "power",
	    "shared_water", "shared_power" };

	return (unsigned)kind < 5 ? names[kind] : "?";
}

static int
rate_charges(struct cli *c, int argc, char **argv)
{
	struct cli_opt opts[] = { { NULL, false, NULL, false } };
	struct kf_customer cu;
	struct kf_charge *v;
	const char *pos[2];
	struct kf_err err;
	char amount[32];
	int64_t total = 0;
	size_t n, i;
	int x, np;

	if ((x = cli_split("rate charges", argc, argv, opts, pos, 2, &np)) >= 0)
		return x;
	if (np != 2)
		return cli_usage("rate charges", "needs ACCOUNT PERIOD");
	kf_err_clear(&err);
	if (kf_customer_get_account(c->k, pos[0], &cu, &err) != KF_OK)
		return cli_fail(&err);
	if (kf_charges_for(c->k, cu.id, pos[1], &v, &n, &err) != KF_OK) {
		kf_customer_clear(&cu);
		return cli_fail(&err);
	}
	if (c->json)
		printf("{\"customer_id\":%lld,\"period\":", (long long)cu.id);
	if (c->json) {
		cli_json_str(stdout, pos[1]);
		printf(",\"lines\":[");
	}
	for (i = 0; i < n; i++) {
		total += v[i].amount;
		if (c->json) {
			printf("%s{\"kind\":\"%s\",\"amount\":%lld,\"source\":",
			    i ? "," : "", charge_kind_name(v[i].kind),
			    (long long)v[i].amount);
			cli_json_str(stdout, v[i].source);
			printf(",\"ref_id\":%lld}", (long long)v[i].ref_id);
			continue;
		}
		kf_money_format(v[i].amount, amount, sizeof(amount));
		printf("%-12s %10s  ", charge_kind_name(v[i].kind), amount);
		cli_text(stdout, v[i].source);
		putchar('\n');
	}
	if (c->json)
		printf("],\"total\":%lld}\n", (long long)total);
	else {
		kf_money_format(total, amount, sizeof(amount));
		printf("%-12s %10s\n", "total", amount);
	}
	free(v);
	kf_customer_clear(&cu);
	return 0;
}

static int
run_rate(struct cli *c, int argc, char **argv)
{
	const char *verb = argc > 1 ? argv[1] : "";

	argc--;
	argv++;
	if (strcmp(verb, "list") == 0)
		return rate_list(c, argc, argv);
	if (strcmp(verb, "show") == 0)
		return rate_show(c, argc, argv);
	if (strcmp(verb, "add") == 0)
		return rate_add(c, argc, argv);
	if (strcmp(verb, "withdraw") == 0)
		return rate_withdraw(c, argc, argv);
	if (strcmp(verb, "charges") == 0)
		return rate_charges(c, argc, argv);
	if (*verb == '\0')
		return cli_usage("rate", "needs a verb: list, show, add, withdraw "
		    "or charges");
	return cli_usage("rate", "unknown verb '%.20s'", verb);
}

const struct cli_cmd cmd_rate = {
	.name = "rate",
	.summary = "management fees and water/power tariffs: list, show, add, "
	    "withdraw, charges",
	.help =
	    "usage: kefu rate list [--kind mgmt|water|power] [--all]\n"
	    "       kefu rate show ID\n"
	    "       kefu rate add mgmt FROM PRICE [--per area|unit] [--agreed]\n"
	    "           [--community C] [--note TEXT]\n"
	    "       kefu rate add water|power FROM TIERS [--community C] [--note TEXT]\n"
	    "       kefu rate withdraw ID [--version V]\n"
	    "       kefu rate charges ACCOUNT PERIOD\n"
	    "\n"
	    "Rates are versioned by the month they take effect (FROM, YYYY-MM):\n"
	    "a change is a new version, never an edit. The version in force for\n"
	    "a month is the latest one not after it; a community's own (--community)\n"
	    "beats the rate for every community.\n"
	    "\n"
	    "mgmt: the management fee (R12), PRICE in yuan with at most two decimals,\n"
	    "per m² of floor area a month (--per area, the default) or per unit a\n"
	    "month (--per unit); government-priced unless --agreed. It runs from the\n"
	    "customer's move-in date, the first month pro-rated by days.\n"
	    "water, power: a tariff (R13), TIERS a flat price (3.45) or tiers\n"
	    "BOUND:PRICE in order, the last unbounded (180:0.5283,280:0.5783,*:0.8283):\n"
	    "a month's usage up to 180 at 0.5283, the next 100 at 0.5783, the rest\n"
	    "at 0.8283; prices with at most four decimals.\n"
	    "\n"
	    "A version for a month whose notices are issued is refused (R15): correct\n"
	    "them with an adjustment line. withdraw takes back a version not yet used.\n"
	    "charges shows what ACCOUNT owes for PERIOD, each line with its source.\n"
	    "With --json prices are in 0.01 fen (price_cfen), amounts in fen.\n"
	    "\n"
	    "Admins add and withdraw; billing, supervisors and admins read.\n",
	.run = run_rate,
	.needs_actor = true,
};
