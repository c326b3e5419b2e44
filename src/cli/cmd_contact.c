/*
 * cmd_contact.c — the contact log from the command line:
 * kefu contact log|list|show|queue|key|promise|link.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kefu/clock.h"
#include "kefu/contact.h"
#include "kefu/customer.h"
#include "kefu/policy.h"
#include "kefu/staff.h"
#include "kefu/util.h"

static void
print_contact(const struct kf_contact *c, bool json)
{
	char when[32], appt[32];

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
		    "\"version\":%lld}", (long long)c->staff_id,
		    (long long)c->appointment_at,
		    c->documents_checked ? "true" : "false",
		    (long long)c->key_out_at, (long long)c->key_in_at,
		    c->urgency == KF_URG_URGENT ? "urgent" : "normal",
		    c->routed_to, (long long)c->received_by,
		    (long long)c->callback_due_at, (long long)c->version);
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
		printf(" [appointment %s]", appt);
	}
	if (c->callback_due_at) {
		kf_time_local(c->callback_due_at, appt, sizeof(appt));
		printf(" [callback by %s]", appt);
	}
	putchar('\n');
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
		print_contact(&v[i], c->json);
	}
	if (c->json)
		printf("]\n");
	kf_contact_list_free(v, n);
}

/* --at / --appointment: an ISO time, or HH:MM today. */
static bool
parse_when(struct cli *c, const char *s, int64_t *t)
{
	struct kf_err err;
	int64_t mins;

	/* HH:MM today: the clock policy parser reads times of day. */
	if (strlen(s) <= 5 && strchr(s, ':') != NULL &&
	    kf_policy_parse(KF_UNIT_MINUTE_OF_DAY, s, &mins, NULL) == KF_OK) {
		*t = kf_time_day_start(kf_core_now(c->k)) + mins * 60;
		return true;
	}
	kf_err_clear(&err);
	if (kf_time_parse(s, t, &err) != KF_OK) {
		cli_fail(&err);
		return false;
	}
	return true;
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
	struct kf_staff st;
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
			if (!parse_when(c, optarg, &ct.at)) {
				code = EXIT_USAGE;
				goto out;
			}
			break;
		case 'A':
			if (!parse_when(c, optarg, &ct.appointment_at)) {
				code = EXIT_USAGE;
				goto out;
			}
			break;
		case 'D':	ct.documents_checked = true; break;
		case 'B':	free(ct.accompanied_by); ct.accompanied_by = xstrdup(optarg); break;
		case 'U':	ct.urgency = KF_URG_URGENT; break;
		case 'F':	free(ct.formalities); ct.formalities = xstrdup(optarg); break;
		case 'R':
			if (kf_staff_get(c->k, optarg, &st, &err) != KF_OK)
				goto fail;
			ct.received_by = st.id;
			kf_staff_clear(&st);
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
	struct kf_contact *v;
	struct kf_staff st;
	struct kf_err err;
	enum kf_purpose p;
	long long num, days = 1, limit = 200;
	int purpose = -1, ch;
	int64_t staff = 0, t1, t0;
	size_t n;

	kf_err_clear(&err);
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'p':
			if (kf_purpose_parse(optarg, &p, &err) != KF_OK)
				return cli_fail(&err);
			purpose = (int)p;
			break;
		case 's':
			if (kf_staff_get(c->k, optarg, &st, &err) != KF_OK)
				return cli_fail(&err);
			staff = st.id;
			kf_staff_clear(&st);
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
	t1 = kf_time_day_start(kf_core_now(c->k)) + 86400;
	t0 = t1 - days * 86400;
	if (kf_contact_list(c->k, t0, t1, purpose, staff, 0, (int)limit, &v, &n,
	    &err) != KF_OK)
		return cli_fail(&err);
	print_contacts(c, v, n);
	return 0;
}

static int
contact_show(struct cli *c, int argc, char **argv)
{
	struct kf_contact ct;
	struct kf_err err;
	long long id;

	if (argc != 2)
		return cli_usage("contact show", "needs an ID");
	if (!cli_int("contact show", "ID", argv[1], &id))
		return EXIT_USAGE;
	kf_err_clear(&err);
	if (kf_contact_get(c->k, id, &ct, &err) != KF_OK)
		return cli_fail(&err);
	print_contact(&ct, c->json);
	if (c->json)
		putchar('\n');
	kf_contact_clear(&ct);
	return 0;
}

static int
contact_queue(struct cli *c, int argc, char **argv)
{
	struct kf_contact *v;
	struct kf_err err;
	size_t n;

	(void)argv;
	if (argc != 1)
		return cli_usage("contact queue", "takes no arguments");
	kf_err_clear(&err);
	if (kf_contact_queue(c->k, 200, &v, &n, &err) != KF_OK)
		return cli_fail(&err);
	print_contacts(c, v, n);
	return 0;
}

/* key ID out|in; promise ID MINUTES; link ID ACCOUNT */
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
	    strcmp(verb, "link") == 0)
		return contact_change(c, argc, argv, verb);
	if (*verb == '\0')
		return cli_usage("contact", "needs a verb: log, list, show, queue, "
		    "key, promise or link");
	return cli_usage("contact", "unknown verb '%.20s'", verb);
}

const struct cli_cmd cmd_contact = {
	.name = "contact",
	.summary = "the contact log (来电/来访登记): log, list, show, queue, key, "
	    "promise, link",
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
	    "       kefu contact promise ID MINUTES\n"
	    "       kefu contact link ID ACCOUNT\n"
	    "\n"
	    "Every call and visit is logged (R1, R4): channel hotline|walk-in|\n"
	    "phone-in|other (default hotline), purpose from R5: viewing 看房,\n"
	    "inquiry 业主来访, suggestion 合理化建议, complaint 投诉, renovation\n"
	    "装修申报, repair 报修, external 外来参观, inspection 上级检查,\n"
	    "payment 缴费, other 其他 (English or Chinese). TIME is HH:MM today or\n"
	    "an ISO time. A viewing needs --documents-checked, and outside the\n"
	    "viewing hours an --appointment no later than the wait-until policy\n"
	    "(R6); a suggestion goes to the dispatchers' queue with --urgent, else\n"
	    "to the managers' (R7); a renovation needs --formalities (R8); an\n"
	    "inspection needs --received-by a supervisor (R10). An unknown caller\n"
	    "needs --phone and can be linked to a customer later. promise records\n"
	    "a callback promised within MINUTES (R52). list shows today's\n"
	    "contacts (or the last N days'), newest first; queue shows the\n"
	    "suggestions waiting for your role. Reception, dispatchers,\n"
	    "supervisors and admins.\n",
	.run = run_contact,
	.needs_actor = true,
};
