/*
 * cmd_demo.c — demo data: kefu demo customers N [--seed S] [--from I].
 *
 * Adds records [I, I + N) of the generator's stream for seed S (see
 * include/kefu/demo.h) through the core, so they are checked, indexed and
 * audited like any customer; whoever may add customers may run it. The
 * records go to the core 1,000 at a time, each call one transaction, so
 * a failure or an interruption keeps what was added before it, the count
 * said is exact, and a rerun with --from carries on. Progress is shown on
 * a terminal every 100,000.
 */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "kefu/demo.h"
#include "kefu/perm.h"

#define SLICE		1000		/* one transaction of the core's: all or nothing */
#define PROGRESS	100000		/* records between progress reports */
#define MAX_COUNT	10000000LL	/* 10 million: more is a typo */

static int
demo_customers(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "from", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	long long count, seed = 1, from = 0, v;
	struct kf_err err;
	bool progress;
	uint64_t done, n, added;
	int ch, code;

	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 's': case 'f':
			if (!cli_int("demo customers", ch == 's' ? "--seed" :
			    "--from", optarg, &v))
				return EXIT_USAGE;
			if (v < 0 || (ch == 'f' && v > 99999999LL))
				return cli_usage("demo customers", "%s must be "
				    "%s", ch == 's' ? "--seed" : "--from",
				    ch == 's' ? "0 or more" : "0 to 99999999");
			if (ch == 's')
				seed = v;
			else
				from = v;
			break;
		default:
			return cli_getopt_fail("demo customers", ch, argv);
		}
	}
	if (argc - optind != 1)
		return cli_usage("demo customers", argc == optind ?
		    "needs a count" : "takes one count");
	if (!cli_int("demo customers", "the count", argv[optind], &count))
		return EXIT_USAGE;
	if (count < 1 || count > MAX_COUNT)
		return cli_usage("demo customers", "the count must be 1 to %lld",
		    MAX_COUNT);
	if (from + count > 100000000LL)
		return cli_usage("demo customers", "--from plus the count must "
		    "stay within 100000000 (D + 8 digits)");
	kf_err_clear(&err);
	/* The core checks again on every chunk; asking first saves the work. */
	if (kf_may(c->k, KF_ACT_CUSTOMER_EDIT, 0, &err) != KF_OK)
		return cli_fail(&err);
	progress = count >= 2LL * PROGRESS && isatty(STDERR_FILENO);
	for (done = 0; done < (uint64_t)count; done += n) {
		n = (uint64_t)count - done < SLICE ? (uint64_t)count - done : SLICE;
		if (kf_demo_customers(c->k, (uint64_t)seed, (uint64_t)from + done,
		    n, &err) != KF_OK) {
			if (progress)
				fputc('\n', stderr);
			code = cli_fail(&err);
			if (err.rc == KF_CONFLICT)
				fprintf(stderr, "kefu: that range of demo "
				    "customers was added before; --from "
				    "picks another\n");
			if (done > 0)
				fprintf(stderr, "kefu: %llu demo customers were "
				    "added before this failure (D%08lld to "
				    "D%08llu)\n", (unsigned long long)done, from,
				    (unsigned long long)from + done - 1);
			return code;
		}
		added = done + n;
		if (progress && (added % PROGRESS == 0 || added == (uint64_t)count))
			fprintf(stderr, "\r%llu / %lld", (unsigned long long)added,
			    count);
	}
	if (progress)
		fputc('\n', stderr);
	if (c->json)
		printf("{\"added\":%lld,\"from\":%lld,\"seed\":%lld}\n", count,
		    from, seed);
	else
		printf("added %lld demo customer%s (D%08lld to D%08lld, seed "
		    "%lld)\n", count, count == 1 ? "" : "s", from,
		    from + count - 1, seed);
	return 0;
}

/* kefu demo complaints DESK HANDLER SUPERVISOR: the demo's complaints
 * (kf_demo_complaints), moved by those three accounts. */
static int
demo_complaints(struct cli *c, int argc, char **argv)
{
	struct kf_err err;

	if (argc != 4)
		return cli_usage("demo complaints", "takes the logins of a "
		    "reception clerk, a person responsible and a supervisor");
	kf_err_clear(&err);
	if (kf_demo_complaints(c->k, 1, argv[1], argv[2], argv[3], &err) !=
	    KF_OK)
		return cli_fail(&err);
	printf("added the demo complaints\n");
	return 0;
}

static int
run_demo(struct cli *c, int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "customers") == 0)
		return demo_customers(c, argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "complaints") == 0)
		return demo_complaints(c, argc - 1, argv + 1);
	return cli_usage("demo", "%s", argc > 1 ?
	    "unknown verb (customers, complaints)" :
	    "needs a verb (customers, complaints)");
}

const struct cli_cmd cmd_demo = {
	.name = "demo",
	.summary = "add made-up customers for trying kefu out: customers",
	.help =
	    "usage: kefu demo customers N [--seed S] [--from I]\n"
	    "       kefu demo complaints DESK HANDLER SUPERVISOR\n"
	    "\n"
	    "Adds N made-up but realistic customers (Chinese names, communities,\n"
	    "buildings, rooms, mobile numbers) with account numbers D00000000\n"
	    "upwards: records I to I+N-1 of the stream for seed S (default: seed\n"
	    "1, from 0). The same seed and index always give the same customer,\n"
	    "and the same index the same account number, so a range can be added\n"
	    "once only; --from carries on where an earlier run stopped. Every\n"
	    "1,000 customers are one transaction, audited like any other add.\n"
	    "Progress is shown on a terminal for large N. Whoever may add\n"
	    "customers (reception, supervisor, billing, admin).\n"
	    "\n"
	    "complaints adds a complaint at each stage of its handling, each\n"
	    "move made by the account the lifecycle names (owner mode).\n",
	.run = run_demo,
	.needs_actor = true,
};
