/*
 * cmd_callback.c — callbacks (回访) from the command line (R40–R47, R52):
 * kefu callback list|show, the moves of callback_moves.c (record,
 * attempt, review, assign, cancel), and the batch verbs sample (R42),
 * rate (R47), survey (R41) and letter (R46).
 *
 * Every verb is one core call (include/kefu/callback.h), which checks
 * the role, the state table and the rule, creates the follow-ups and
 * keeps the deadlines; this file parses, looks names up (logins,
 * customers) and prints. Times are shown as local "YYYY-MM-DD HH:MM" and
 * typed as HH:MM today or an ISO time; --json gives them in epoch
 * seconds and every state, reason, method and score by its key. Names
 * are taken in English or Chinese (the core's parsers know both).
 *
 * A task is overdue from the second after its deadline while it is open:
 * one completed at or before that second is on time (R47), whatever the
 * attempts before it.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "moves.h"
#include "kefu/callback.h"
#include "kefu/clock.h"
#include "kefu/complaint.h"
#include "kefu/customer.h"
#include "kefu/util.h"

#define LIST_PAGE	1000	/* tasks per kf_callback_list call */
#define MISSING_MAX	1000	/* tasks `rate` names as missing */
#define LETTER_MAX	(256 * 1024)	/* bytes of a letter's --file read;
					 * the core judges the length */

/* ---- names and times ---- */

static const char *
state_key(int s)
{
	return kf_callback_state_info(s)->key;
}

static const char *
reason_key(int r)
{
	return kf_callback_reason_info(r)->key;
}

static bool
is_overdue(const struct kf_callback *cb, int64_t now)
{
	return cb->state == KF_CB_OPEN && now > cb->due_at;
}

/* "83.3%" from permille, or "—" when nothing was due (R47). */
static const char *
rate_text(int permille, char *buf, size_t n)
{
	if (permille < 0)
		snprintf(buf, n, "—");
	else
		snprintf(buf, n, "%d.%d%%", permille / 10, permille % 10);
	return buf;
}

/* ---- printing ---- */

/* What the task came from, in words ("complaint 7"; several, ", "). */
static void
print_source(const struct kf_callback *cb)
{
	const char *sep = "";

	if (cb->complaint_id) {
		printf("complaint %lld", (long long)cb->complaint_id);
		sep = ", ";
	}
	if (cb->order_id) {
		printf("%swork order %lld", sep, (long long)cb->order_id);
		sep = ", ";
	}
	if (cb->contact_id) {
		printf("%scontact %lld", sep, (long long)cb->contact_id);
		sep = ", ";
	}
	if (cb->survey_id) {
		printf("%ssurvey %lld", sep, (long long)cb->survey_id);
		sep = ", ";
	}
	if (cb->sample_month != NULL && *cb->sample_month) {
		printf("%ssample of %s (R42)", sep, cb->sample_month);
		sep = ", ";
	}
	if (cb->parent_id) {
		printf("%sfollow-up of callback %lld (R45)", sep,
		    (long long)cb->parent_id);
		sep = ", ";
	}
	if (*sep == '\0')
		printf("-");
}

static void
json_key_name(const char *key, const struct kf_callback_name *nm, bool set)
{
	cli_json_key_str(key, set ? nm->key : NULL);
}

/* The task as a JSON object's fields after its id (no brace). */
static void
print_json_fields(struct cli *c, const struct kf_callback *cb)
{
	cli_json_key_str("state", state_key(cb->state));
	cli_json_key_str("reason", reason_key(cb->reason));
	cli_json_key_int("complaint_id", cb->complaint_id);
	cli_json_key_int("contact_id", cb->contact_id);
	cli_json_key_int("order_id", cb->order_id);
	cli_json_key_int("survey_id", cb->survey_id);
	cli_json_key_int("parent_id", cb->parent_id);
	cli_json_key_str("sample_month", cb->sample_month);
	cli_json_key_int("customer_id", cb->customer_id);
	cli_json_key_str("name", cb->name);
	cli_json_key_str("phone", cb->phone);
	cli_json_key_str("subject", cb->subject);
	cli_json_key_int("due_at", cb->due_at);
	cli_json_key_bool("overdue", is_overdue(cb, kf_core_now(c->k)));
	cli_json_key_int("next_try_at", cb->next_try_at);
	cli_json_key_int("owner_id", cb->owner_id);
	cli_json_key_str("owner", cb->owner_id ? cb->owner_name : NULL);
	cli_json_key_int("created_at", cb->created_at);
	cli_json_key_int("created_by", cb->created_by);
	cli_json_key_int("attempt_count", cb->attempts);
	json_key_name("method", kf_callback_method_info(cb->method),
	    cb->method != KF_CB_METHOD_NONE);
	cli_json_key_str("score", cb->score == KF_CPL_SCORE_NONE ? NULL :
	    kf_complaint_score_info(cb->score)->key);
	cli_json_key_str("said", cb->said);
	cli_json_key_str("score_reason", cb->reason_text);
	cli_json_key_str("signed_name", cb->signed_name);
	cli_json_key_int("signed_at", cb->signed_at);
	cli_json_key_str("problem", cb->problem);
	cli_json_key_int("reply_due_at", cb->reply_due_at);
	cli_json_key_int("raised_complaint_id", cb->raised_complaint_id);
	cli_json_key_int("raised_order_id", cb->raised_order_id);
	cli_json_key_int("letter_id", cb->letter_id);
	cli_json_key_int("done_at", cb->done_at);
	cli_json_key_int("done_by", cb->done_by);
	cli_json_key_str("done_by_name", cb->done_by_name);
	cli_json_key_int("reviewed_at", cb->reviewed_at);
	cli_json_key_int("reviewed_by", cb->reviewed_by);
	cli_json_key_str("reviewed_by_name", cb->reviewed_by_name);
	cli_json_key_str("review_note", cb->review_note);
	cli_json_key_str("cancel_reason", cb->cancel_reason);
	cli_json_key_int("cancelled_at", cb->cancelled_at);
	cli_json_key_int("cancelled_by", cb->cancelled_by);
	cli_json_key_int("version", cb->version);
}

static void
print_json(struct cli *c, const struct kf_callback *cb)
{
	printf("{\"id\":%lld", (long long)cb->id);
	print_json_fields(c, cb);
	printf("}");
}

static void
print_list_header(void)
{
	printf("%-6s %-9s %-10s %-24s %-10s %-24s %s\n", "ID", "STATE",
	    "REASON", "DUE", "OWNER", "CUSTOMER", "SUBJECT");
}

/* One line of a list: due with OVERDUE, who has it, whom to call. */
static void
print_line(struct cli *c, const struct kf_callback *cb)
{
	int64_t now = kf_core_now(c->k);
	char due[32], col[48], who[160];

	kf_time_local(cb->due_at, due, sizeof(due));
	snprintf(col, sizeof(col), "%s%s", due, is_overdue(cb, now) ?
	    " OVERDUE" : "");
	printf("%-6lld %-9s %-10s %-24s ", (long long)cb->id,
	    state_key(cb->state), reason_key(cb->reason), col);
	cli_pad(stdout, cb->owner_id ? cli_or_dash(cb->owner_name) : "pool",
	    10);
	putchar(' ');
	snprintf(who, sizeof(who), "%s %s", cli_or_dash(cb->name),
	    cli_or_dash(cb->phone));
	cli_pad(stdout, who, 24);
	putchar(' ');
	cli_text(stdout, cli_or_dash(cb->subject));
	if (cb->state == KF_CB_OPEN && cb->next_try_at > now) {
		kf_time_local(cb->next_try_at, due, sizeof(due));
		printf(" [try again %s]", due);
	}
	putchar('\n');
}

static void
field(const char *label)
{
	printf("%-15s ", label);
}

static void
line_text(const char *label, const char *v)
{
	field(label);
	cli_text(stdout, cli_or_dash(v));
	putchar('\n');
}

/* R41: a survey task's script line, as its supervisor wrote it. */
static void
print_script(struct cli *c, const struct kf_callback *cb)
{
	struct kf_callback_survey sv;

	if (cb->reason != KF_CB_SURVEY || cb->survey_id == 0 ||
	    kf_callback_survey_get(c->k, cb->survey_id, &sv, NULL) != KF_OK)
		return;
	field("survey:");
	printf("%lld ", (long long)sv.id);
	cli_text(stdout, cli_or_dash(sv.title));
	putchar('\n');
	line_text("script:", sv.script);
	kf_callback_survey_clear(&sv);
}

static void
print_text(struct cli *c, struct cli_names *nm, const struct kf_callback *cb,
    const struct kf_callback_attempt *att, size_t natt,
    const struct kf_callback_letter *letter)
{
	int64_t now = kf_core_now(c->k);
	char t1[32], t2[32];
	struct kf_customer cu;
	size_t i;

	printf("%-15s %lld\n", "callback:", (long long)cb->id);
	field("state:");
	printf("%s%s\n", state_key(cb->state), is_overdue(cb, now) ?
	    ", OVERDUE" : "");
	field("reason:");
	printf("%s\n", reason_key(cb->reason));
	field("from:");
	print_source(cb);
	putchar('\n');
	line_text("subject:", cb->subject);
	print_script(c, cb);
	field("customer:");
	if (cb->customer_id != 0 &&
	    kf_customer_get(c->k, cb->customer_id, &cu, NULL) == KF_OK) {
		cli_text(stdout, cu.account);
		putchar(' ');
		kf_customer_clear(&cu);
	} else if (cb->customer_id != 0)
		printf("#%lld ", (long long)cb->customer_id);
	cli_text(stdout, cli_or_dash(cb->name));
	putchar(' ');
	cli_text(stdout, cli_or_dash(cb->phone));
	putchar('\n');
	field("due:");
	printf("%s\n", cli_time(cb->due_at, t1, sizeof(t1)));
	if (cb->state == KF_CB_OPEN && cb->next_try_at != 0) {
		field("try again:");
		printf("%s\n", cli_time(cb->next_try_at, t1, sizeof(t1)));
	}
	field("owner:");
	if (cb->owner_id == 0)
		printf("pool\n");
	else {
		cli_text(stdout, cli_or_dash(cb->owner_name));
		printf(" (");
		cli_text(stdout, cli_login_of(c, nm, cb->owner_id));
		printf(")\n");
	}
	field("created:");
	printf("%s by ", cli_time(cb->created_at, t1, sizeof(t1)));
	cli_text(stdout, cb->created_by ? cli_login_of(c, nm, cb->created_by) :
	    "the system");
	putchar('\n');
	printf("attempts:%s\n", natt ? "" : "       -");
	for (i = 0; i < natt; i++) {
		printf("  %s ", cli_time(att[i].at, t1, sizeof(t1)));
		cli_text(stdout, cli_or_dash(att[i].by_name));
		printf(": %s", kf_callback_outcome_info(att[i].outcome)->key);
		if (att[i].outcome == KF_CB_CALL_LATER)
			printf(" %s", cli_time(att[i].later_at, t2, sizeof(t2)));
		if (att[i].note != NULL && *att[i].note) {
			printf(": ");
			cli_text(stdout, att[i].note);
		}
		putchar('\n');
	}
	field("done:");
	if (cb->done_at) {
		printf("%s by ", cli_time(cb->done_at, t1, sizeof(t1)));
		cli_text(stdout, cli_or_dash(cb->done_by_name));
		printf(", %s%s\n", kf_callback_method_info(cb->method)->key,
		    cb->done_at <= cb->due_at ? "" : ", late (R47)");
	} else
		printf("-\n");
	if (cb->done_at && cb->method != KF_CB_LETTER) {
		field("score:");
		printf("%s", cb->score == KF_CPL_SCORE_NONE ? "-" :
		    kf_complaint_score_info(cb->score)->key);
		if (cb->reason_text != NULL && *cb->reason_text) {
			printf(": ");
			cli_text(stdout, cb->reason_text);
		}
		putchar('\n');
		line_text("said:", cb->said);
		field("signature:");
		if (cb->method == KF_CB_VISIT) {
			cli_text(stdout, cli_or_dash(cb->signed_name));
			printf(" %s (R43)\n", cli_time(cb->signed_at, t1,
			    sizeof(t1)));
		} else
			printf("- (by phone, R43)\n");
	}
	if (cb->problem != NULL && *cb->problem) {
		line_text("new problem:", cb->problem);
		if (cb->reply_due_at) {
			field("reply due:");
			printf("%s (R45)\n", cli_time(cb->reply_due_at, t1,
			    sizeof(t1)));
		}
		if (cb->raised_complaint_id)
			printf("%-15s complaint %lld (R45)\n", "raised:",
			    (long long)cb->raised_complaint_id);
		if (cb->raised_order_id)
			printf("%-15s work order %lld (R45)\n", "raised:",
			    (long long)cb->raised_order_id);
	}
	if (cb->letter_id) {
		field("open letter:");
		printf("%lld", (long long)cb->letter_id);
		if (letter != NULL) {
			printf(" ");
			cli_text(stdout, letter->subject);
			printf(" (%s)", cli_time(letter->dated, t1, sizeof(t1)));
		}
		printf(" (R46)\n");
	}
	field("reviewed:");
	if (cb->reviewed_at) {
		printf("%s by ", cli_time(cb->reviewed_at, t1, sizeof(t1)));
		cli_text(stdout, cli_or_dash(cb->reviewed_by_name));
		if (cb->review_note != NULL && *cb->review_note) {
			printf(": ");
			cli_text(stdout, cb->review_note);
		}
		printf(" (R44)\n");
	} else
		printf("%s\n", cb->state == KF_CB_DONE ? "waiting (R44)" : "-");
	if (cb->state == KF_CB_CANCELLED) {
		field("cancelled:");
		printf("%s by ", cli_time(cb->cancelled_at, t1, sizeof(t1)));
		cli_text(stdout, cli_login_of(c, nm, cb->cancelled_by));
		printf(": ");
		cli_text(stdout, cli_or_dash(cb->cancel_reason));
		putchar('\n');
	}
	printf("%-15s %lld\n", "version:", (long long)cb->version);
}

/* Lists f's tasks, keyset page after page, at most limit (0: all). */
static int
list_tasks(struct cli *c, const struct kf_callback_filter *f,
    long long limit)
{
	struct kf_callback *v = NULL, *prev = NULL;
	struct kf_err err;
	size_t n = 0, nprev = 0, i, shown = 0;
	int page, code = 0;

	kf_err_clear(&err);
	do {	/* keyset pages after the last row shown: never the table */
		page = LIST_PAGE;
		if (limit > 0 && limit - (long long)shown < page)
			page = (int)(limit - (long long)shown);
		if (kf_callback_list(c->k, f, shown ? KF_PAGE_AFTER :
		    KF_PAGE_FIRST, nprev ? &prev[nprev - 1] : NULL, page, &v,
		    &n, &err) != KF_OK) {
			if (shown != 0 && c->json) {
				/* the list so far stands; JSON stays whole */
				printf("]\n");
				c->json = false;
			}
			code = cli_fail(&err);
			break;
		}
		if (shown == 0 && c->json)
			printf("[");
		else if (shown == 0 && n > 0)
			print_list_header();
		for (i = 0; i < n; i++, shown++) {
			if (c->json) {
				printf("%s", shown ? "," : "");
				print_json(c, &v[i]);
			} else
				print_line(c, &v[i]);
		}
		kf_callback_list_free(prev, nprev);
		prev = v;
		nprev = n;
		v = NULL;
	} while (n == (size_t)page && (limit == 0 || (long long)shown < limit));
	if (code == 0 && c->json)
		printf("]\n");
	kf_callback_list_free(prev, nprev);
	return code;
}

/* ---- list, show ---- */

static int
callback_list(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "state", required_argument, NULL, 's' },
		{ "all", no_argument, NULL, 'a' },
		{ "reason", required_argument, NULL, 'r' },
		{ "mine", no_argument, NULL, 'm' },
		{ "pool", no_argument, NULL, 'p' },
		{ "owner", required_argument, NULL, 'o' },
		{ "overdue", no_argument, NULL, 'O' },
		{ "to-review", no_argument, NULL, 'R' },
		{ "now", no_argument, NULL, 'N' },
		{ "month", required_argument, NULL, 'M' },
		{ "limit", required_argument, NULL, 'n' },
		{ "search", required_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 },
	};
	static const char cmd[] = "callback list";
	struct kf_callback_filter f = { .state = KF_CB_OPEN, .reason = -1 };
	struct kf_err err;
	const char *owner = NULL;
	int64_t from, to;
	long long limit = 0;	/* 0: every one */
	bool all = false, state = false;
	int ch, whose = 0;

	kf_err_clear(&err);
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 's':
			if (kf_callback_state_parse(optarg, &f.state, &err) !=
			    KF_OK)
				return cli_fail(&err);
			state = true;
			break;
		case 'r':
			if (kf_callback_reason_parse(optarg, &f.reason, &err) !=
			    KF_OK)
				return cli_fail(&err);
			break;
		case 'a':	all = true; break;
		case 'm':	f.mine = true; whose++; break;
		case 'p':	f.owner_id = -1; whose++; break;
		case 'o':	owner = optarg; whose++; break;
		case 'O':	f.overdue_only = true; break;
		case 'R':	f.to_review = true; break;
		case 'N':	f.due_now = true; break;
		case 'S':	f.text = optarg; break;	/* the core checks it */
		case 'M':
			if (kf_month_parse(optarg, &from, &to, "month", &err) !=
			    KF_OK)
				return cli_fail(&err);
			f.sample_month = optarg;
			break;
		case 'n':
			if (!cli_int(cmd, "--limit", optarg, &limit))
				return EXIT_USAGE;
			if (limit < 1)
				return cli_usage(cmd, "--limit must be 1 or "
				    "more");
			break;
		default:
			return cli_getopt_fail(cmd, ch, argv);
		}
	}
	if (optind != argc)
		return cli_usage(cmd, "unexpected argument '%.40s'",
		    argv[optind]);
	if (whose > 1)
		return cli_usage(cmd, "say one of --mine, --pool and --owner");
	if (all && state)
		return cli_usage(cmd, "--all and --state exclude each other");
	/* Waiting for a review are the done ones (R44); a month's sample
	 * and --all are every state unless one is named. */
	if (f.to_review)
		f.state = state ? f.state : KF_CB_DONE;
	else if (all || (f.sample_month != NULL && !state))
		f.state = -1;
	if ((f.overdue_only || f.due_now) && state && f.state != KF_CB_OPEN)
		return cli_usage(cmd, "only open callbacks are overdue or "
		    "due now");
	if (f.overdue_only || f.due_now)
		f.state = KF_CB_OPEN;
	if (owner != NULL && cli_staff_id(c->k, owner, &f.owner_id, &err) !=
	    KF_OK)
		return cli_fail(&err);
	return list_tasks(c, &f, limit);
}

static int
callback_show(struct cli *c, int argc, char **argv)
{
	struct kf_callback_attempt *att = NULL;
	struct kf_callback_letter letter;
	struct cli_names nm = { 0 };
	struct kf_callback cb;
	struct kf_err err;
	bool have_letter = false;
	size_t natt = 0, i;
	int64_t id;
	int code = 0;

	if (argc != 2)
		return cli_usage("callback show", "needs an ID");
	if (!cli_id("callback show", "ID", argv[1], &id))
		return EXIT_USAGE;
	kf_err_clear(&err);
	memset(&cb, 0, sizeof(cb));
	memset(&letter, 0, sizeof(letter));
	if (kf_callback_get(c->k, id, &cb, &err) != KF_OK ||
	    kf_callback_attempts(c->k, id, &att, &natt, &err) != KF_OK) {
		code = cli_fail(&err);
		goto out;
	}
	if (cb.letter_id != 0 && kf_callback_letter_get(c->k, cb.letter_id,
	    &letter, &err) == KF_OK)
		have_letter = true;
	kf_err_clear(&err);
	if (c->json) {
		printf("{\"id\":%lld", (long long)cb.id);
		print_json_fields(c, &cb);
		printf(",\"attempts\":[");
		for (i = 0; i < natt; i++) {
			printf("%s{\"id\":%lld", i ? "," : "",
			    (long long)att[i].id);
			cli_json_key_int("at", att[i].at);
			cli_json_key_int("by", att[i].by);
			cli_json_key_str("by_name", att[i].by_name);
			cli_json_key_str("outcome",
			    kf_callback_outcome_info(att[i].outcome)->key);
			cli_json_key_int("later_at", att[i].later_at);
			cli_json_key_str("note", att[i].note);
			printf("}");
		}
		printf("]");
		if (have_letter) {
			printf(",\"letter\":{\"id\":%lld", (long long)letter.id);
			cli_json_key_str("subject", letter.subject);
			cli_json_key_str("text", letter.text);
			cli_json_key_int("dated", letter.dated);
			printf("}");
		}
		printf("}\n");
	} else {
		print_text(c, &nm, &cb, att, natt, have_letter ? &letter :
		    NULL);
		cli_history(c, "callback", id);
	}
out:
	kf_callback_letter_clear(&letter);
	kf_callback_attempts_free(att, natt);
	kf_callback_clear(&cb);
	cli_names_free(&nm);
	return code;
}

/* ---- the moves ---- */

/* complaint|order (or 投诉, 维修单 or 工单): what a serious new problem
 * becomes. */
static bool
raise_parse(const char *cmd, const char *s, enum kf_callback_raise *r)
{
	if (strcmp(s, "complaint") == 0 || strcmp(s, "投诉") == 0)
		*r = KF_CB_RAISE_COMPLAINT;
	else if (strcmp(s, "order") == 0 || strcmp(s, "work-order") == 0 ||
	    strcmp(s, "维修单") == 0 || strcmp(s, "工单") == 0)
		*r = KF_CB_RAISE_ORDER;
	else {
		cli_usage(cmd, "--raise must be complaint or order (R45), not "
		    "'%.40s'", s);
		return false;
	}
	return true;
}

/*
 * record's arguments into r: the method and score by name, the times,
 * and the combinations only the command line can get wrong. What the
 * rules decide (a visit's signature, a reason below satisfied, a reply
 * time ahead) the core refuses naming the field.
 */
static int
record_args(struct cli *c, const char *cmd, const char *const *o,
    struct kf_callback_record *r)
{
	struct kf_err err;
	int v;

	kf_err_clear(&err);
	memset(r, 0, sizeof(*r));
	/* The core's names (phone, visit, 电话回访, 上门回访), and the short
	 * words `complaint callback` takes (电话, 上门). */
	if (strcmp(o['m'], "电话") == 0)
		v = KF_CB_PHONE;
	else if (strcmp(o['m'], "上门") == 0)
		v = KF_CB_VISIT;
	else if (kf_callback_method_parse(o['m'], &v, &err) != KF_OK)
		v = KF_CB_METHOD_NONE;
	if (v != KF_CB_PHONE && v != KF_CB_VISIT)	/* letter: R46's */
		return cli_usage(cmd, "--method must be phone or visit (电话, "
		    "上门; R40), not '%.40s'", o['m']);
	r->method = (enum kf_callback_method)v;
	if (kf_complaint_score_parse(o['s'], &v, &err) != KF_OK)
		return cli_fail(&err);
	r->score = (enum kf_complaint_score)v;
	r->said = o['S'];
	r->reason = o['r'];
	r->signed_name = o['g'];
	if (o['G'] != NULL && o['g'] == NULL)
		return cli_usage(cmd, "--signed-at goes with --signed-by");
	if (o['G'] != NULL && !cli_when_past(c, o['G'], &r->signed_at))
		return EXIT_USAGE;
	r->problem = o['p'];
	if ((o['y'] != NULL || o['R'] != NULL) && o['p'] == NULL)
		return cli_usage(cmd, "--%s goes with --problem (R45)",
		    o['y'] != NULL ? "reply-by" : "raise");
	if (o['y'] != NULL && o['R'] != NULL)
		return cli_usage(cmd, "say --reply-by or --raise, not both: a "
		    "problem raised is answered by its complaint or order");
	if (o['y'] != NULL && !cli_when(c, o['y'], &r->reply_due_at))
		return EXIT_USAGE;
	r->raise = KF_CB_RAISE_NONE;
	if (o['R'] != NULL && !raise_parse(cmd, o['R'], &r->raise))
		return EXIT_USAGE;
	if (o['X'] != NULL && r->raise != KF_CB_RAISE_COMPLAINT)
		return cli_usage(cmd, "--serious goes with --raise complaint "
		    "(R29)");
	r->raise_serious = o['X'] != NULL;
	return -1;
}

/* Whether argv (a verb's) holds --pool before any "--". */
static bool
has_pool(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--pool") == 0)
			return true;
	return false;
}

static int
callback_move(struct cli *c, int argc, char **argv,
    const struct cli_move *mv)
{
	static const struct option opts[] = {
		{ "version", required_argument, NULL, 'v' },
		{ "seen", required_argument, NULL, 'v' },
		{ "method", required_argument, NULL, 'm' },
		{ "score", required_argument, NULL, 's' },
		{ "said", required_argument, NULL, 'S' },
		{ "reason", required_argument, NULL, 'r' },
		{ "signed-by", required_argument, NULL, 'g' },
		{ "signed-at", required_argument, NULL, 'G' },
		{ "problem", required_argument, NULL, 'p' },
		{ "reply-by", required_argument, NULL, 'y' },
		{ "raise", required_argument, NULL, 'R' },
		{ "serious", no_argument, NULL, 'X' },
		{ "no-answer", no_argument, NULL, 'N' },
		{ "later", required_argument, NULL, 'L' },
		{ "note", required_argument, NULL, 'n' },
		{ "pool", no_argument, NULL, 'P' },
		{ NULL, 0, NULL, 0 },
	};
	struct kf_callback_record rec;
	struct cli_move pool_row;
	struct cli_move_args a;
	struct kf_callback cb;
	struct kf_err err;
	const char *const *o = a.opt;
	int64_t id, seen, staff = 0, later = 0, new_id = 0;
	enum kf_callback_outcome outcome = KF_CB_NO_ANSWER;
	char cmd[48], t[32];
	enum kf_rc rc;
	int code;

	/* assign ID --pool takes no LOGIN: the same row, one argument. */
	if (mv->move == KF_CB_MOVE_ASSIGN && has_pool(argc, argv)) {
		pool_row = *mv;
		pool_row.args = 1;
		mv = &pool_row;
	}
	if ((code = cli_move_parse("callback", mv, opts, argc, argv, &a)) >=
	    0)
		return code;
	snprintf(cmd, sizeof(cmd), "callback %s", mv->verb);
	id = a.id;
	seen = a.version;
	kf_err_clear(&err);
	switch ((enum kf_callback_move)mv->move) {
	case KF_CB_MOVE_RECORD:
		if ((code = record_args(c, cmd, o, &rec)) >= 0)
			return code;
		rc = kf_callback_record(c->k, id, seen, &rec, &new_id, &err);
		break;
	case KF_CB_MOVE_ATTEMPT:
		if ((o['N'] != NULL) == (o['L'] != NULL))
			return cli_usage(cmd, o['N'] != NULL ? "say --no-answer "
			    "or --later, not both" : "needs %s", mv->usage);
		if (o['L'] != NULL) {
			outcome = KF_CB_CALL_LATER;
			if (!cli_when(c, o['L'], &later))
				return EXIT_USAGE;
		}
		rc = kf_callback_attempt(c->k, id, seen, outcome, later, o['n'],
		    &err);
		break;
	case KF_CB_MOVE_REVIEW:
		rc = kf_callback_review(c->k, id, seen, o['n'], &err);
		break;
	case KF_CB_MOVE_ASSIGN:
		if (o['P'] == NULL && cli_staff_id(c->k, a.pos[0], &staff,
		    &err) != KF_OK)
			return cli_fail(&err);
		rc = kf_callback_assign(c->k, id, seen, staff, &err);
		break;
	case KF_CB_MOVE_CANCEL:
		rc = kf_callback_cancel(c->k, id, seen, o['r'], &err);
		break;
	default:
		abort();
	}
	if (rc != KF_OK)
		return cli_fail(&err);
	/* Report where it stands now. */
	memset(&cb, 0, sizeof(cb));
	kf_err_clear(&err);
	rc = kf_callback_get(c->k, id, &cb, &err);
	if (c->json) {
		printf("{\"id\":%lld,\"changed\":true", (long long)id);
		if (rc == KF_OK) {
			cli_json_key_str("state", state_key(cb.state));
			cli_json_key_int("due_at", cb.due_at);
			cli_json_key_int("next_try_at", cb.next_try_at);
			cli_json_key_int("owner_id", cb.owner_id);
			cli_json_key_int("version", cb.version);
		}
		if (mv->move == KF_CB_MOVE_RECORD) {
			cli_json_key_int("follow_up_id", rec.raise ==
			    KF_CB_RAISE_NONE ? new_id : 0);
			cli_json_key_int("raised_complaint_id", rec.raise ==
			    KF_CB_RAISE_COMPLAINT ? new_id : 0);
			cli_json_key_int("raised_order_id", rec.raise ==
			    KF_CB_RAISE_ORDER ? new_id : 0);
		}
		printf("}\n");
		kf_callback_clear(&cb);
		return 0;
	}
	printf("callback %lld: %s", (long long)id, mv->done);
	if (mv->move == KF_CB_MOVE_ATTEMPT)
		printf(": %s", kf_callback_outcome_info(outcome)->key);
	if (rc == KF_OK && mv->move == KF_CB_MOVE_ASSIGN) {
		if (cb.owner_id == 0)
			printf(" to the pool");
		else {
			printf(" to ");
			cli_text(stdout, a.pos[0]);
		}
	}
	if (rc == KF_OK)
		printf(" (%s)", state_key(cb.state));
	if (rc == KF_OK && mv->move == KF_CB_MOVE_ATTEMPT &&
	    cb.next_try_at != 0)
		printf(", try again %s", cli_time(cb.next_try_at, t,
		    sizeof(t)));
	if (mv->move == KF_CB_MOVE_RECORD && new_id != 0)
		printf(", %s %lld (R45)", rec.raise == KF_CB_RAISE_COMPLAINT ?
		    "complaint" : rec.raise == KF_CB_RAISE_ORDER ?
		    "work order" : "follow-up callback", (long long)new_id);
	if (rc == KF_OK && mv->move == KF_CB_MOVE_RECORD &&
	    cb.reason == KF_CB_COMPLAINT && cb.complaint_id != 0)
		printf(", complaint %lld called back (R30)",
		    (long long)cb.complaint_id);
	putchar('\n');
	kf_callback_clear(&cb);
	return 0;
}

/* ---- sample (R42) ---- */

static void
print_sample_json(const struct kf_callback_sample *s, bool drawn)
{
	int64_t i;

	printf("{\"month\":");
	cli_json_str(stdout, s->month);
	printf(",\"seed\":\"%016" PRIx64 "\"", s->seed);
	cli_json_key_int("rate_permille", s->rate_permille);
	cli_json_key_int("population", s->population);
	printf(",\"population_hash\":\"%016" PRIx64 "\"", s->population_hash);
	cli_json_key_int("size", s->size);
	cli_json_key_bool("drawn", drawn);
	cli_json_key_int("drawn_at", s->drawn_at);
	cli_json_key_int("drawn_by", s->drawn_by);
	printf(",\"orders\":[");
	for (i = 0; i < s->size; i++)
		printf("%s%lld", i ? "," : "", (long long)s->order_ids[i]);
	printf("]}\n");
}

static void
print_sample_text(struct cli *c, const struct kf_callback_sample *s,
    bool drawn)
{
	struct cli_names nm = { 0 };
	char t[32], pct[16];
	int64_t i;

	printf("sample of %s: ", s->month);
	if (drawn)
		printf("drawn now\n");
	else {
		printf("drawn %s by ", cli_time(s->drawn_at, t, sizeof(t)));
		cli_text(stdout, s->drawn_by ? cli_login_of(c, &nm, s->drawn_by) :
		    "the system");
		printf(", unchanged\n");
	}
	field("seed:");
	printf("%016" PRIx64 "\n", s->seed);
	field("rate:");
	printf("%s (frozen for the month)\n", rate_text(s->rate_permille, pct,
	    sizeof(pct)));
	field("population:");
	printf("%lld completed work orders (hash %016" PRIx64 ")\n",
	    (long long)s->population, s->population_hash);
	field("size:");
	printf("%lld\n", (long long)s->size);
	field("orders:");
	for (i = 0; i < s->size; i++)
		printf("%s%lld", i ? " " : "", (long long)s->order_ids[i]);
	printf("%s\n", s->size ? "" : "-");
	cli_names_free(&nm);
}

/*
 * --due, the monthly timer's (kefu-sample.service): the draw a start-up
 * makes (kf_callback_sample_due), last month's by kefu's clock. A month
 * with no completed work orders has nothing to draw and is not a
 * failure here (exit 0, one line): the timer must not show failed on a
 * quiet month, while --month, typed by someone who expects a sample,
 * still refuses it (R42; issue 16 review M4/L7). Anything else that
 * stops the draw (a sample rate the policy cannot draw at) fails.
 */
static int
callback_sample_due(struct cli *c)
{
	struct kf_callback_sample s;
	struct kf_err err;
	enum kf_rc rc;
	bool drawn = false;

	memset(&s, 0, sizeof(s));
	kf_err_clear(&err);
	if (kf_callback_sample_due(c->k, &s, &drawn, &err) != KF_OK)
		return cli_fail(&err);
	if (!drawn) {
		/* Drawn before, or nothing to draw: which, the stored
		 * sample says (only to whoever sees callbacks). */
		char month[sizeof(s.month)];

		snprintf(month, sizeof(month), "%s", s.month);
		kf_callback_sample_clear(&s);
		rc = kf_callback_sample_get(c->k, month, &s, &err);
		if (rc == KF_NOTFOUND) {
			if (c->json) {
				printf("{\"month\":");
				cli_json_str(stdout, month);
				printf(",\"drawn\":false,\"size\":0}\n");
			} else
				printf("sample of %s: no completed work "
				    "orders, nothing to sample (R42)\n",
				    month);
			return 0;
		}
		if (rc != KF_OK)
			return cli_fail(&err);
	}
	if (c->json)
		print_sample_json(&s, drawn);
	else
		print_sample_text(c, &s, drawn);
	kf_callback_sample_clear(&s);
	return 0;
}

static int
callback_sample(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "month", required_argument, NULL, 'M' },
		{ "verify", no_argument, NULL, 'V' },
		{ "due", no_argument, NULL, 'D' },
		{ NULL, 0, NULL, 0 },
	};
	static const char cmd[] = "callback sample";
	struct kf_callback_sample s;
	struct kf_err err;
	const char *month = NULL;
	bool verify = false, drawn = false, due = false;
	int ch;

	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'M':	month = optarg; break;
		case 'V':	verify = true; break;
		case 'D':	due = true; break;
		default:	return cli_getopt_fail(cmd, ch, argv);
		}
	}
	if (optind != argc)
		return cli_usage(cmd, "unexpected argument '%.40s'",
		    argv[optind]);
	if (due && (month != NULL || verify))
		return cli_usage(cmd, "--due takes no --month or --verify");
	if (due)
		return callback_sample_due(c);
	if (month == NULL)
		return cli_usage(cmd, "needs --month YYYY-MM or --due");
	kf_err_clear(&err);
	/* --verify draws nothing: it recomputes the stored draw. */
	if (verify) {
		if (kf_callback_sample_verify(c->k, month, &err) != KF_OK)
			return cli_fail(&err);
		if (c->json) {
			printf("{\"month\":");
			cli_json_str(stdout, month);
			printf(",\"verified\":true}\n");
		} else {
			printf("sample of ");
			cli_text(stdout, month);
			printf(": verified, its stored seed draws the same "
			    "orders (R42)\n");
		}
		return 0;
	}
	memset(&s, 0, sizeof(s));
	if (kf_callback_sample(c->k, month, &s, &drawn, &err) != KF_OK)
		return cli_fail(&err);
	if (c->json)
		print_sample_json(&s, drawn);
	else
		print_sample_text(c, &s, drawn);
	kf_callback_sample_clear(&s);
	return 0;
}

/* ---- rate (R47) ---- */

static int
callback_rate(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "month", required_argument, NULL, 'M' },
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	static const char cmd[] = "callback rate";
	const char *month = NULL, *fs = NULL, *ts = NULL;
	struct kf_callback *v = NULL;
	struct kf_callback_rate r;
	struct kf_err err;
	int64_t from, to;
	char pct[16], t1[32], t2[32];
	size_t n = 0, i;
	int ch;

	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'M':	month = optarg; break;
		case 'f':	fs = optarg; break;
		case 't':	ts = optarg; break;
		default:	return cli_getopt_fail(cmd, ch, argv);
		}
	}
	if (optind != argc)
		return cli_usage(cmd, "unexpected argument '%.40s'",
		    argv[optind]);
	if (month != NULL && (fs != NULL || ts != NULL))
		return cli_usage(cmd, "say --month or --from and --to, not "
		    "both");
	kf_err_clear(&err);
	if (month != NULL) {
		if (kf_month_parse(month, &from, &to, "month", &err) != KF_OK)
			return cli_fail(&err);
	} else if (fs == NULL || ts == NULL)
		return cli_usage(cmd, "needs --month YYYY-MM or --from DAY "
		    "--to DAY");
	else {
		if (!cli_bound(c, cmd, "--from", fs, false, &from) ||
		    !cli_bound(c, cmd, "--to", ts, true, &to))
			return EXIT_USAGE;
		if (to <= from)
			return cli_usage(cmd, "--to is before --from");
	}
	if (kf_callback_rate(c->k, from, to, &r, &err) != KF_OK ||
	    kf_callback_missing(c->k, from, to, MISSING_MAX, &v, &n, &err) !=
	    KF_OK)
		return cli_fail(&err);
	rate_text(r.rate_permille, pct, sizeof(pct));
	if (c->json) {
		printf("{\"from\":%lld", (long long)from);
		cli_json_key_int("to", to);
		cli_json_key_int("due", r.due);
		cli_json_key_int("on_time", r.on_time);
		cli_json_key_int("late", r.late);
		cli_json_key_int("missing", r.missing);
		cli_json_key_int("cancelled", r.cancelled);
		printf(",\"rate_permille\":");
		if (r.rate_permille < 0)
			printf("null");
		else
			printf("%d", r.rate_permille);
		cli_json_key_str("rate", pct);
		printf(",\"not_on_time\":[");
		for (i = 0; i < n; i++) {
			printf("%s", i ? "," : "");
			print_json(c, &v[i]);
		}
		printf("]}\n");
	} else {
		kf_time_local(from, t1, sizeof(t1));
		kf_time_local(to, t2, sizeof(t2));
		printf("callbacks due from %s until %s (R47, target 100%%)\n",
		    t1, t2);
		printf("%-15s %lld\n", "due:", (long long)r.due);
		printf("%-15s %lld\n", "on time:", (long long)r.on_time);
		printf("%-15s %lld\n", "late:", (long long)r.late);
		printf("%-15s %lld\n", "missing:", (long long)r.missing);
		/* R47: what a person cancelled stays due and missing. */
		printf("%-15s %lld (among missing)\n", "cancelled:",
		    (long long)r.cancelled);
		printf("%-15s %s\n", "rate:", pct);
		if (n > 0) {
			printf("not done on time:\n");
			print_list_header();
			for (i = 0; i < n; i++)
				print_line(c, &v[i]);
		}
	}
	kf_callback_list_free(v, n);
	return 0;
}

/* ---- survey (R41), letter (R46) ---- */

static int
callback_survey(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "title", required_argument, NULL, 't' },
		{ "script", required_argument, NULL, 's' },
		{ "due", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	static const char cmd[] = "callback survey";
	const char *title = NULL, *script = NULL, *due = NULL;
	struct kf_customer cu;
	struct kf_err err;
	int64_t *ids, due_at = 0, id = 0;
	size_t n = 0;
	char t[32];
	int ch, code = 0;

	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 't':	title = optarg; break;
		case 's':	script = optarg; break;
		case 'd':	due = optarg; break;
		default:	return cli_getopt_fail(cmd, ch, argv);
		}
	}
	if (title == NULL || script == NULL || due == NULL || optind == argc)
		return cli_usage(cmd, "needs --title TEXT --script TEXT --due "
		    "TIME CUSTOMER...");
	if (!cli_when(c, due, &due_at))
		return EXIT_USAGE;
	kf_err_clear(&err);
	ids = xcalloc((size_t)(argc - optind), sizeof(*ids));
	for (; optind < argc; optind++) {
		if (cli_customer(c, argv[optind], &cu, &err) != KF_OK) {
			code = cli_fail(&err);
			goto out;
		}
		ids[n++] = cu.id;
		kf_customer_clear(&cu);
	}
	if (kf_callback_survey(c->k, title, script, due_at, ids, n, &id,
	    &err) != KF_OK) {
		code = cli_fail(&err);
		goto out;
	}
	if (c->json) {
		printf("{\"id\":%lld", (long long)id);
		cli_json_key_int("tasks", (int64_t)n);
		cli_json_key_int("due_at", due_at);
		printf("}\n");
	} else
		printf("survey %lld: %zu callback%s due %s, in the pool (R41)\n",
		    (long long)id, n, n == 1 ? "" : "s", cli_time(due_at, t,
		    sizeof(t)));
out:
	free(ids);
	return code;
}

/* The whole of file path as a string (at most LETTER_MAX bytes), its
 * final newline dropped, or NULL after a message. */
static char *
read_text(struct cli *c, const char *path, int *code)
{
	FILE *f;
	char *buf;
	size_t n;

	if ((f = open_as_person(c, path, "r")) == NULL) {
		fprintf(stderr, "kefu: cannot open ");
		cli_text(stderr, path);
		fprintf(stderr, ": %s\n", strerror(errno));
		*code = EXIT_USAGE;
		return NULL;
	}
	buf = xmalloc(LETTER_MAX + 1);
	n = fread(buf, 1, LETTER_MAX + 1, f);
	if (ferror(f) || n > LETTER_MAX) {
		fprintf(stderr, "kefu: cannot read ");
		cli_text(stderr, path);
		fprintf(stderr, ": %s\n", ferror(f) ? strerror(errno) :
		    "longer than 256 KiB");
		fclose(f);
		free(buf);
		*code = EXIT_USAGE;
		return NULL;
	}
	fclose(f);
	/* A text file's last line ends with a newline: not the letter's. */
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		n--;
	buf[n] = '\0';
	return buf;
}

static int
callback_letter(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "subject", required_argument, NULL, 's' },
		{ "text", required_argument, NULL, 't' },
		{ "file", required_argument, NULL, 'f' },
		{ "dated", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	static const char cmd[] = "callback letter";
	const char *subject = NULL, *text = NULL, *file = NULL, *dated = NULL;
	struct kf_err err;
	int64_t *ids, when, id = 0;
	char *body = NULL, t[32];
	size_t n = 0, i;
	int ch, code = 0;

	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 's':	subject = optarg; break;
		case 't':	text = optarg; break;
		case 'f':	file = optarg; break;
		case 'd':	dated = optarg; break;
		default:	return cli_getopt_fail(cmd, ch, argv);
		}
	}
	if (subject == NULL || (text == NULL && file == NULL) ||
	    optind == argc)
		return cli_usage(cmd, "needs --subject TEXT (--text TEXT | "
		    "--file FILE) TASK...");
	if (text != NULL && file != NULL)
		return cli_usage(cmd, "say --text or --file, not both");
	/* Dated today unless told: a date is its day, a time that time. */
	when = kf_core_now(c->k);
	if (dated != NULL && !cli_bound(c, cmd, "--dated", dated, false, &when))
		return EXIT_USAGE;
	ids = xcalloc((size_t)(argc - optind), sizeof(*ids));
	for (; optind < argc; optind++)
		if (!cli_id(cmd, "TASK", argv[optind], &ids[n++])) {
			code = EXIT_USAGE;
			goto out;
		}
	if (file != NULL && (text = body = read_text(c, file, &code)) == NULL)
		goto out;
	kf_err_clear(&err);
	if (kf_callback_letter(c->k, subject, text, when, ids, n, &id, &err) !=
	    KF_OK) {
		code = cli_fail(&err);
		goto out;
	}
	if (c->json) {
		printf("{\"id\":%lld", (long long)id);
		cli_json_key_int("dated", when);
		printf(",\"tasks\":[");
		for (i = 0; i < n; i++)
			printf("%s%lld", i ? "," : "", (long long)ids[i]);
		printf("]}\n");
	} else
		printf("open letter %lld dated %.10s: %zu callback%s done "
		    "(R46)\n", (long long)id, cli_time(when, t, sizeof(t)), n,
		    n == 1 ? "" : "s");
out:
	free(body);
	free(ids);
	return code;
}

static int
run_callback(struct cli *c, int argc, char **argv)
{
	const char *verb = argc > 1 ? argv[1] : "";
	const struct cli_move *mv;

	argc--;
	argv++;
	if (strcmp(verb, "list") == 0)
		return callback_list(c, argc, argv);
	if (strcmp(verb, "show") == 0)
		return callback_show(c, argc, argv);
	if (strcmp(verb, "letter") == 0)
		return callback_letter(c, argc, argv);
	if ((mv = cli_move_find(cli_callback_moves, cli_callback_nmoves,
	    verb)) != NULL)
		return callback_move(c, argc, argv, mv);
	if (strcmp(verb, "sample") == 0)
		return callback_sample(c, argc, argv);
	if (strcmp(verb, "rate") == 0)
		return callback_rate(c, argc, argv);
	if (strcmp(verb, "survey") == 0)
		return callback_survey(c, argc, argv);
	if (*verb == '\0')
		return cli_usage("callback", "needs a verb: list, show, record, "
		    "attempt, review, assign, cancel, sample, rate, survey or "
		    "letter");
	return cli_usage("callback", "unknown verb '%.20s'", verb);
}

const struct cli_cmd cmd_callback = {
	.name = "callback",
	.summary = "callbacks (回访): list, show, record, attempt, review, "
	    "sample, rate, survey, letter, ...",
	.help =
	    "usage: kefu callback list [--state S | --all] [--reason R]\n"
	    "           [--mine | --pool | --owner LOGIN] [--overdue] [--now]\n"
	    "           [--to-review] [--month YYYY-MM] [--search TEXT]\n"
	    "           [--limit N]\n"
	    "       kefu callback show ID\n"
	    "       kefu callback record ID --method phone|visit --score SCORE\n"
	    "           --said TEXT [--reason TEXT]\n"
	    "           [--signed-by NAME [--signed-at TIME]]\n"
	    "           [--problem TEXT (--reply-by TIME |\n"
	    "           --raise complaint|order [--serious])]\n"
	    "       kefu callback attempt ID (--no-answer | --later TIME)"
	    " [--note TEXT]\n"
	    "       kefu callback review ID [--note TEXT]\n"
	    "       kefu callback assign ID (LOGIN | --pool)\n"
	    "       kefu callback cancel ID --reason TEXT\n"
	    "       kefu callback sample --month YYYY-MM [--verify]\n"
	    "       kefu callback sample --due\n"
	    "       kefu callback rate (--month YYYY-MM | --from DAY|TIME\n"
	    "           --to DAY|TIME)\n"
	    "       kefu callback survey --title TEXT --script TEXT --due TIME\n"
	    "           CUSTOMER...\n"
	    "       kefu callback letter --subject TEXT (--text TEXT | --file FILE)\n"
	    "           [--dated DAY|TIME] TASK...\n"
	    "\n"
	    "Every move takes --version V (or --seen V): the version you read\n"
	    "(show gives it); another's change meanwhile is a conflict (exit 3)\n"
	    "naming who and when.\n"
	    "\n"
	    "Callback tasks are made by kefu, never by hand: one for each\n"
	    "complaint whose result is recorded (R30, R41), each callback\n"
	    "promised at reception (R52), each caller of a work order when it\n"
	    "closes or is cancelled, each suggestion handled (R41), the month's\n"
	    "repair-quality sample (R42), a supervisor's survey (R41) and each\n"
	    "new problem promised a reply (R45). Each has a deadline that never\n"
	    "moves, a reason, the record it came from and an owner or the pool.\n"
	    "\n"
	    "record (reception or supervisor; the owner, or anyone from the\n"
	    "pool): --method phone (电话回访) or visit (上门回访, R40); a visit\n"
	    "needs the customer's signature, --signed-by NAME and --signed-at\n"
	    "(when signed, not ahead; now if not given) (R43). SCORE:\n"
	    "very-satisfied, satisfied, neutral, dissatisfied,\n"
	    "very-dissatisfied (or 非常满意 ...); below satisfied --reason says\n"
	    "why. --said: what the customer said. --problem: a new problem\n"
	    "raised; not answered at once it gets --reply-by (the reply\n"
	    "promised) and a follow-up callback due then (R45), or --raise makes\n"
	    "it a complaint (--serious: a serious one, R29) or a work order in\n"
	    "the same step. Recording a complaint's callback records the\n"
	    "complaint's as well (R30), so it can close (R39).\n"
	    "attempt: the customer did not answer (tried again later), or asks\n"
	    "to be called --later TIME (within 30 days); kept, never counted as\n"
	    "done (R47). review (supervisor, R44) signs a done record; a\n"
	    "technician or a reception clerk is refused (exit 4). assign gives\n"
	    "the task to a clerk, or back to the pool; cancel (supervisor) ends\n"
	    "one whose record no longer calls for it.\n"
	    "\n"
	    "list shows the open tasks by deadline, late first (--state S or\n"
	    "--all for others; --mine: yours and the pool's; --now: callable\n"
	    "now; --to-review: done, waiting for a supervisor's signature;\n"
	    "--month: the month's sample, every state; --search TEXT: those\n"
	    "whose name, phone or subject holds TEXT, among the open ones or a\n"
	    "month's sample). --overdue, for cron: the\n"
	    "open tasks past their deadline, nothing at all when none (exit 0\n"
	    "either way). show prints the task, where it came from, its\n"
	    "attempts, the record, the review and, for supervisors and admins,\n"
	    "the history.\n"
	    "\n"
	    "sample (R42) draws the month's repair-quality sample: ceil(rate x\n"
	    "completed work orders), at least one, every technician at least\n"
	    "once when the size allows; a random seed drawn once, stored and\n"
	    "audited with the rate, so a re-run prints the same sample. It\n"
	    "prints the month, seed, rate, population, size and the orders. A\n"
	    "month not over, or with no completed orders, is refused (exit 5).\n"
	    "--due (the monthly timer): last month's, as a start-up draws it;\n"
	    "a month with no completed orders is \"nothing to sample\", exit 0.\n"
	    "--verify recomputes the stored draw from its seed (exit 5 naming\n"
	    "what differs). rate (R47): the callbacks due in the month, or from\n"
	    "--from until --to (a DAY YYYY-MM-DD: --to through its end), how\n"
	    "many were done on time, late or are missing, the rate (\"—\" when\n"
	    "none was due), and the ones not done on time.\n"
	    "\n"
	    "survey (supervisor, R41): one callback for each CUSTOMER (account\n"
	    "or number), in the pool, due --due, --script the line to read.\n"
	    "letter (supervisor, R46): an open letter answering the open tasks\n"
	    "TASK... at once, archived; the tasks are done by it. --dated: its\n"
	    "date (a DAY or a time; now if not given).\n"
	    "\n"
	    "States, reasons, methods and scores are taken in English or\n"
	    "Chinese. With --json: times in epoch seconds, names by their\n"
	    "English keys, the seed in hexadecimal.\n"
	    "Exit codes: 1 bad input (naming the field), 2 not found, 3 changed\n"
	    "meanwhile, 4 your role may not, 5 refused by a rule (naming it).\n",
	.run = run_callback,
	.needs_actor = true,
};
