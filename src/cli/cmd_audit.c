/* cmd_audit.c — reading the audit trail: kefu audit list. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "kefu/audit.h"
#include "kefu/clock.h"

static int
audit_list(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "entity", required_argument, NULL, 'e' },
		{ "id", required_argument, NULL, 'i' },
		{ "actor", required_argument, NULL, 'a' },
		{ "before", required_argument, NULL, 'b' },
		{ "limit", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	struct kf_audit_filter f = { .limit = 50 };
	struct kf_audit_row *v;
	struct kf_err err;
	char when[32];
	long long num;
	size_t n, i;
	int ch, li;
	char opt[16];

	while ((ch = getopt_long(argc, argv, ":", opts, &li)) != -1) {
		switch (ch) {
		case 'e':	f.entity = optarg; break;
		case 'a':	f.actor = optarg; break;
		case 'i': case 'b': case 'n':
			snprintf(opt, sizeof(opt), "--%s", opts[li].name);
			if (!cli_int("audit list", opt, optarg, &num))
				return EXIT_USAGE;
			if (num < 1 || (ch == 'n' && num > 1000))
				return cli_usage("audit list", "%s must be %s", opt,
				    ch == 'n' ? "1 to 1000" : "1 or more");
			if (ch == 'i')
				f.entity_id = num;
			else if (ch == 'b')
				f.before_id = num;
			else
				f.limit = (int)num;
			break;
		default:
			return cli_getopt_fail("audit list", ch, argv);
		}
	}
	if (argc != optind)
		return cli_usage("audit list", "unexpected argument '%.40s'",
		    argv[optind]);
	kf_err_clear(&err);
	if (kf_audit_list(c->k, &f, &v, &n, &err) != KF_OK)
		return cli_fail(&err);
	if (c->json)
		printf("[");
	for (i = 0; i < n; i++) {
		if (c->json) {
			printf("%s{\"id\":%lld,\"at\":%lld,\"actor\":", i ? "," : "",
			    (long long)v[i].id, (long long)v[i].at);
			cli_json_str(stdout, v[i].actor);
			printf(",\"action\":");
			cli_json_str(stdout, v[i].action);
			printf(",\"entity\":");
			cli_json_str(stdout, v[i].entity);
			printf(",\"entity_id\":%lld,\"version\":%lld,\"before\":%s,"
			    "\"after\":%s}", (long long)v[i].entity_id,
			    (long long)v[i].version,
			    v[i].before ? v[i].before : "null",
			    v[i].after ? v[i].after : "null");
			continue;
		}
		kf_time_local(v[i].at, when, sizeof(when));
		printf("#%lld %s ", (long long)v[i].id, when);
		cli_text(stdout, v[i].actor);
		putchar(' ');
		cli_text(stdout, v[i].action);
		putchar(' ');
		cli_text(stdout, v[i].entity);
		printf("/%lld v%lld ", (long long)v[i].entity_id,
		    (long long)v[i].version);
		cli_text(stdout, v[i].before ? v[i].before : "{}");
		printf(" -> ");
		cli_text(stdout, v[i].after ? v[i].after : "{}");
		putchar('\n');
	}
	if (c->json)
		printf("]\n");
	kf_audit_list_free(v, n);
	return 0;
}

static int
run_audit(struct cli *c, int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "list") == 0)
		return audit_list(c, argc - 1, argv + 1);
	return cli_usage("audit", "%s", argc > 1 ? "unknown verb (list)" :
	    "needs a verb (list)");
}

const struct cli_cmd cmd_audit = {
	.name = "audit",
	.summary = "read the audit trail: list",
	.help =
	    "usage: kefu audit list [--entity E] [--id N] [--actor LOGIN]\n"
	    "                       [--before ID] [--limit N]\n"
	    "\n"
	    "Lists audit rows newest first: who changed what, when, with the\n"
	    "fields before and after as JSON. --before ID pages back from row ID.\n"
	    "--limit N: 1-1000 rows (default 50). Admins and supervisors.\n",
	.run = run_audit,
	.needs_actor = true,
};
