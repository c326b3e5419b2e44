/* cmd_policy.c — the rule numbers: kefu policy list|set. */
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
			printf("%s{\"id\":%lld,\"key\":", i ? "," : "",
			    (long long)v[i].id);
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
		} else {
			cli_pad(stdout, v[i].key, 34);
			printf(" %-8s ", val);
			cli_pad(stdout, v[i].rule, 5);
			printf(" %-7lld ", (long long)v[i].version);
			cli_text(stdout, v[i].description);
			putchar('\n');
		}
	}
	if (c->json)
		printf("]\n");
	free(v);
	return 0;
}

/*
 * Arguments are read by hand, not by getopt: a value may begin with '-'
 * ("-5" is a bad value to report as such, not an unknown option).
 */
static int
policy_set(struct cli *c, int argc, char **argv)
{
	const char *pos[2], *vtext = NULL;
	long long version = -1;
	struct kf_err err;
	int i, npos = 0;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--version") == 0) {
			if (++i == argc)
				return cli_usage("policy set",
				    "option --version needs a value");
			vtext = argv[i];
		} else if (strncmp(argv[i], "--version=", 10) == 0)
			vtext = argv[i] + 10;
		else if (strncmp(argv[i], "--", 2) == 0)
			return cli_usage("policy set", "unknown option %s",
			    argv[i]);
		else if (npos == 2)
			return cli_usage("policy set", "needs KEY VALUE, not more");
		else
			pos[npos++] = argv[i];
	}
	if (npos != 2)
		return cli_usage("policy set", "needs KEY VALUE");
	if (vtext != NULL) {
		if (!cli_int("policy set", "--version", vtext, &version))
			return EXIT_USAGE;
		if (version < 1)
			return cli_usage("policy set", "--version must be 1 or more");
	}
	kf_err_clear(&err);
	if (kf_policy_set(c->k, pos[0], pos[1], version, &err) != KF_OK)
		return cli_fail(&err);
	/* What was typed is shown harmlessly, never raw. */
	if (c->json) {
		printf("{\"key\":");
		cli_json_str(stdout, pos[0]);
		printf(",\"changed\":true}\n");
	} else {
		printf("set ");
		cli_text(stdout, pos[0]);
		printf(" to ");
		cli_text(stdout, pos[1]);
		putchar('\n');
	}
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
	if (*verb == '\0')
		return cli_usage("policy", "needs a verb: list or set");
	return cli_usage("policy", "unknown verb '%.20s'", verb);
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
