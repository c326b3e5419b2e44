/* cmd_policy.c — the rule numbers: kefu policy list|set. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kefu/policy.h"

static int
policy_list(struct cli *c, int argc, char **argv)
{
	struct kf_policy *v;
	struct kf_err err;
	char val[32];
	size_t n, i;

	(void)argv;
	if (argc != 1)
		return cli_usage("policy list", "takes no arguments");
	kf_err_clear(&err);
	if (kf_policy_list(c->k, &v, &n, &err) != KF_OK)
		return cli_fail(&err);
	if (c->json)
		printf("[");
	else
		printf("%-34s %-8s %-5s %-7s %s\n", "KEY", "VALUE", "RULE", "VERSION",
		    "MEANING");
	for (i = 0; i < n; i++) {
		kf_policy_format(v[i].unit, v[i].value, val, sizeof(val));
		if (c->json) {
			printf("%s{\"key\":", i ? "," : "");
			cli_json_str(stdout, v[i].key);
			printf(",\"value\":%lld,\"shown\":", (long long)v[i].value);
			cli_json_str(stdout, val);
			printf(",\"unit\":");
			cli_json_str(stdout, kf_unit_name(v[i].unit));
			printf(",\"min\":%lld,\"max\":%lld,\"rule\":",
			    (long long)v[i].min_value, (long long)v[i].max_value);
			cli_json_str(stdout, v[i].rule);
			printf(",\"description\":");
			cli_json_str(stdout, v[i].description);
			printf(",\"version\":%lld}", (long long)v[i].version);
		} else
			printf("%-34s %-8s %-5s %-7lld %s\n", v[i].key, val,
			    v[i].rule, (long long)v[i].version,
			    v[i].description);
	}
	if (c->json)
		printf("]\n");
	free(v);
	return 0;
}

static int
policy_set(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "version", required_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 },
	};
	long long version = -1;
	struct kf_err err;
	int ch;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch != 'v')
			return cli_usage("policy set", "unknown option %s",
			    argv[optind - 1]);
		if (!cli_int("policy set", "--version", optarg, &version))
			return EXIT_USAGE;
		if (version < 1)
			return cli_usage("policy set", "--version must be 1 or more");
	}
	if (argc - optind != 2)
		return cli_usage("policy set", "needs KEY VALUE");
	kf_err_clear(&err);
	if (kf_policy_set(c->k, argv[optind], argv[optind + 1], version, &err) !=
	    KF_OK)
		return cli_fail(&err);
	if (!c->json)
		printf("set %s to %s\n", argv[optind], argv[optind + 1]);
	else
		printf("{\"changed\":true}\n");
	return 0;
}

static int
run_policy(struct cli *c, int argc, char **argv)
{
	const char *verb = argc > 1 ? argv[1] : "";

	if (strcmp(verb, "list") == 0)
		return policy_list(c, argc - 1, argv + 1);
	if (strcmp(verb, "set") == 0)
		return policy_set(c, argc - 1, argv + 1);
	return cli_usage("policy", "%s '%.20s'", *verb ? "unknown verb" :
	    "needs a verb", *verb ? verb : "list|set");
}

const struct cli_cmd cmd_policy = {
	.name = "policy",
	.summary = "the configurable numbers of the rules: list, set",
	.help =
	    "usage: kefu policy list\n"
	    "       kefu policy set KEY VALUE [--version V]\n"
	    "\n"
	    "Policies are the numbers the workflow rules run on: R2's 40 minutes,\n"
	    "R3's 4 and 24 hours, R6's viewing hours, R33-R38's day limits, R42's\n"
	    "callback sample. VALUE is read in the policy's unit:\n"
	    "  duration     40m, 4h, 1d, 90s (plain number: seconds)\n"
	    "  time of day  17:30\n"
	    "  days         2\n"
	    "  percent      5%, 2.5 (one decimal)\n"
	    "Each policy has a range; a value outside it is refused (exit 1).\n"
	    "--version V: the version you read; another admin's change meanwhile\n"
	    "is a conflict (exit 3). Admin only; every change is audited.\n",
	.run = run_policy,
	.needs_actor = true,
};
