/*
 * cmd_fee.c — the paid-service list (有偿服务项目表, R16, R22, R25) from
 * the command line: kefu fee list|add|set.
 *
 * Prices are typed and shown in yuan ("12.50"); the core keeps fen, and
 * --json gives fen too (machine-readable, as stored). Arguments of add are
 * read by hand, not by getopt, so that a PRICE like "-1" is reported as a
 * bad price rather than as an unknown option.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kefu/fee.h"

static void
print_fee_json(const struct kf_fee *f)
{
	printf("{\"id\":%lld,\"code\":", (long long)f->id);
	cli_json_str(stdout, f->code);
	printf(",\"name\":");
	cli_json_str(stdout, f->name);
	printf(",\"unit\":");
	cli_json_str(stdout, f->unit);
	printf(",\"price\":%lld,\"active\":%s,\"version\":%lld}",
	    (long long)f->price, f->active ? "true" : "false",
	    (long long)f->version);
}

static int
fee_list(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 },
	};
	struct kf_fee *v;
	struct kf_err err;
	char price[32];
	bool all = false;
	size_t n, i;
	int ch;

	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (ch != 'a')
			return cli_getopt_fail("fee list", ch, argv);
		all = true;
	}
	if (optind != argc)
		return cli_usage("fee list", "unexpected argument '%.40s'",
		    argv[optind]);
	kf_err_clear(&err);
	if (kf_fee_list(c->k, all, &v, &n, &err) != KF_OK)
		return cli_fail(&err);
	if (c->json)
		printf("[");
	else if (n > 0)
		printf("%-16s %-24s %-6s %10s  %s\n", "CODE", "NAME", "UNIT",
		    "PRICE", "VERSION");
	for (i = 0; i < n; i++) {
		if (c->json) {
			printf("%s", i ? "," : "");
			print_fee_json(&v[i]);
			continue;
		}
		kf_money_format(v[i].price, price, sizeof(price));
		cli_pad(stdout, v[i].code, 16);
		putchar(' ');
		cli_pad(stdout, v[i].name, 24);
		putchar(' ');
		cli_pad(stdout, v[i].unit, 6);
		printf(" %10s  %lld%s\n", price, (long long)v[i].version,
		    v[i].active ? "" : "  (inactive)");
	}
	if (c->json)
		printf("]\n");
	kf_fee_list_free(v, n);
	return 0;
}

static int
fee_add(struct cli *c, int argc, char **argv)
{
	struct kf_err err;
	int64_t price, id = 0;
	char shown[32];
	int i;

	for (i = 1; i < argc; i++)
		if (strncmp(argv[i], "--", 2) == 0)
			return cli_usage("fee add", "unknown option %.40s",
			    argv[i]);
	if (argc != 5)
		return cli_usage("fee add", "needs CODE NAME UNIT PRICE");
	kf_err_clear(&err);
	if (kf_money_parse(argv[4], &price, &err) != KF_OK)
		return cli_fail(&err);
	if (kf_fee_add(c->k, argv[1], argv[2], argv[3], price, &id, &err) !=
	    KF_OK)
		return cli_fail(&err);
	if (c->json) {
		printf("{\"id\":%lld,\"code\":", (long long)id);
		cli_json_str(stdout, argv[1]);
		printf(",\"price\":%lld}\n", (long long)price);
		return 0;
	}
	kf_money_format(price, shown, sizeof(shown));
	printf("added ");
	cli_text(stdout, argv[1]);
	printf(" at %s\n", shown);
	return 0;
}

static int
fee_set(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "unit", required_argument, NULL, 'u' },
		{ "price", required_argument, NULL, 'p' },
		{ "active", required_argument, NULL, 'a' },
		{ "version", required_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 },
	};
	const char *name = NULL, *unit = NULL, *ptext = NULL;
	long long version = -1;
	struct kf_err err;
	int64_t price = -1;
	int ch, active = -1;

	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'n':	name = optarg; break;
		case 'u':	unit = optarg; break;
		case 'p':	ptext = optarg; break;
		case 'a':
			if (strcmp(optarg, "yes") == 0)
				active = 1;
			else if (strcmp(optarg, "no") == 0)
				active = 0;
			else
				return cli_usage("fee set", "--active takes yes "
				    "or no");
			break;
		case 'v':
			if (!cli_int("fee set", "--version", optarg, &version))
				return EXIT_USAGE;
			if (version < 1)
				return cli_usage("fee set", "--version must be 1 "
				    "or more");
			break;
		default:
			return cli_getopt_fail("fee set", ch, argv);
		}
	}
	if (argc - optind != 1)
		return cli_usage("fee set", "needs CODE");
	if (name == NULL && unit == NULL && ptext == NULL && active < 0)
		return cli_usage("fee set", "nothing to change: give --name, "
		    "--unit, --price or --active");
	kf_err_clear(&err);
	if (ptext != NULL) {
		if (kf_money_parse(ptext, &price, &err) != KF_OK)
			return cli_fail(&err);
		if (price < 0)	/* < 0 would mean "keep it" to the core */
			return cli_usage("fee set", "--price cannot be negative");
	}
	if (kf_fee_set(c->k, argv[optind], version, name, unit, price, active,
	    &err) != KF_OK)
		return cli_fail(&err);
	if (c->json) {
		printf("{\"code\":");
		cli_json_str(stdout, argv[optind]);
		printf(",\"changed\":true}\n");
	} else {
		printf("changed ");
		cli_text(stdout, argv[optind]);
		putchar('\n');
	}
	return 0;
}

static int
run_fee(struct cli *c, int argc, char **argv)
{
	const char *verb = argc > 1 ? argv[1] : "";

	argc--;
	argv++;
	if (strcmp(verb, "list") == 0)
		return fee_list(c, argc, argv);
	if (strcmp(verb, "add") == 0)
		return fee_add(c, argc, argv);
	if (strcmp(verb, "set") == 0)
		return fee_set(c, argc, argv);
	if (*verb == '\0')
		return cli_usage("fee", "needs a verb: list, add or set");
	return cli_usage("fee", "unknown verb '%.20s'", verb);
}

const struct cli_cmd cmd_fee = {
	.name = "fee",
	.summary = "the paid-service list (有偿服务项目表): list, add, set",
	.help =
	    "usage: kefu fee list [--all]\n"
	    "       kefu fee add CODE NAME UNIT PRICE\n"
	    "       kefu fee set CODE [--name NAME] [--unit UNIT] [--price PRICE]\n"
	    "           [--active yes|no] [--version V]\n"
	    "\n"
	    "The list of paid services and their rates (R16): what a technician\n"
	    "may put on a work order (R25). CODE is 1-16 of A-Z, 0-9 and '-'\n"
	    "(GAS-01), never reused; NAME the service (更换灶具胶管, at most 64\n"
	    "characters); UNIT what is counted (次, 米, 个; at most 8); PRICE in\n"
	    "yuan with at most two decimals (12.50), 0 to 1,000,000.\n"
	    "\n"
	    "list shows the active items by code, --all the inactive ones too.\n"
	    "Items are never deleted: set --active no withdraws one, so old work\n"
	    "orders keep their meaning. A work order keeps the price of the day an\n"
	    "item was added; after a price change the charge audit (kefu order\n"
	    "charges, R17) shows the orders that differ. --version V: the version\n"
	    "you read; another admin's change meanwhile is a conflict (exit 3).\n"
	    "With --json prices are in fen.\n"
	    "\n"
	    "Anyone logged in may list; admins add and change.\n",
	.run = run_fee,
	.needs_actor = true,
};
