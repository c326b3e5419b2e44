/*
 * cmd_complaint.c — complaints (投诉) from the command line:
 * kefu complaint new|show|list|category and the moves of
 * complaint_moves.c (forward, analyse, explain, action, approve, verify,
 * result, callback, signoff, close, reopen, withdraw, visit, reply,
 * escalate, link).
 *
 * Every verb is one core call (include/kefu/complaint.h), which checks
 * the role, the state table and the rule (R27–R39, R48) and computes the
 * clocks; this file parses, looks names up (accounts, logins, categories)
 * and prints. Times are shown as local "YYYY-MM-DD HH:MM" and typed as
 * HH:MM today or an ISO time; --json gives them in epoch seconds and
 * every state, channel, clock and score by its key.
 *
 * A clock is met when its moment (the analysis, the result, the reply,
 * the callback) came at or before its deadline, late when after; one
 * whose moment has not come is running, or overdue from the second after
 * its deadline (complaint.h). A moment from before the last reopening
 * does not count: the reopening started that clock again.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "moves.h"
#include "kefu/clock.h"
#include "kefu/complaint.h"
#include "kefu/customer.h"
#include "kefu/i18n.h"
#include "kefu/util.h"

#define LIST_PAGE	1000	/* complaints per kf_complaint_list call */
#define SIMILAR_MAX	5	/* likely duplicates named at registration */

static void
set(char **dst, const char *v)
{
	free(*dst);
	*dst = xstrdup(v);
}

/* ---- names ---- */

/*
 * Names are taken in English or Chinese whatever language is spoken (a
 * script written at a Chinese desk runs under cron's C locale): the
 * core's parsers know both; a category's label is compared the same way.
 */
static bool
spells(const char *s, const char *msgid)
{
	return strcmp(s, msgid) == 0 || strcmp(s, kf_gettext(msgid)) == 0 ||
	    strcmp(s, kf_gettext_in("zh_CN", msgid)) == 0;
}

static const char *
severity_key(enum kf_complaint_severity s)
{
	return kf_complaint_severity_info((int)s)->key;
}

/* ordinary|serious, or their Chinese (一般, 严重): the core's names. */
static bool
severity_parse(const char *cmd, const char *s, enum kf_complaint_severity *sv)
{
	struct kf_err err;
	int v;

	kf_err_clear(&err);
	if (kf_complaint_severity_parse(s, &v, &err) != KF_OK) {
		cli_usage(cmd, "--severity must be ordinary (一般) or serious "
		    "(严重), not '%.40s'", s);
		return false;
	}
	*sv = (enum kf_complaint_severity)v;
	return true;
}

/*
 * The category s names: its key ("attitude"), its label as stored or in
 * Chinese. Retired ones are found too: the core says why
 * it refuses one (registering), a list may still filter by it.
 */
static enum kf_rc
category_id(struct cli *c, const char *s, int64_t *id, struct kf_err *err)
{
	struct kf_complaint_category *v;
	size_t n, i;
	enum kf_rc rc;

	if ((rc = kf_complaint_categories(c->k, true, &v, &n, err)) != KF_OK)
		return rc;
	for (i = 0; i < n; i++)
		if (strcmp(s, v[i].key) == 0 || spells(s, v[i].label))
			break;
	if (i < n)
		*id = v[i].id;
	kf_complaint_categories_free(v, n);
	if (i == n) {
		kf_err_set(err, KF_INVALID, "unknown complaint category "
		    "'%.40s' (kefu complaint category list)", s);
		kf_err_field(err, "category");
		return KF_INVALID;
	}
	return KF_OK;
}

/* A category's key by id ("-" for none or one not found). */
static const char *
category_key(struct kf_complaint_category *v, size_t n, int64_t id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].id == id)
			return v[i].key;
	return "-";
}

/* ---- clocks ---- */

static bool
is_open(const struct kf_complaint *c)
{
	return c->state != KF_CPL_CLOSED && c->state != KF_CPL_WITHDRAWN;
}

/* ---- printing ---- */

static void
print_clocks_json(struct cli *c, const struct kf_complaint *cp)
{
	struct kf_complaint_clock_state v[KF_CPL_CLOCK_COUNT];
	size_t n, i;
	int first = 1;

	/* The core's reckoning (kf_complaint_clocks), the actions aside:
	 * each has its own in "actions". */
	n = kf_complaint_clocks(cp, kf_core_now(c->k), v, KF_CPL_CLOCK_COUNT);
	printf(",\"clocks\":[");
	for (i = 0; i < n; i++) {
		if (v[i].which == KF_CPL_CLOCK_ACTION)
			continue;
		printf("%s{\"clock\":", first ? "" : ",");
		cli_json_str(stdout, kf_complaint_clock_info(v[i].which)->key);
		cli_json_key_int("due_at", v[i].due_at);
		printf(",\"met_at\":");
		if (v[i].met_at)
			printf("%lld", (long long)v[i].met_at);
		else
			printf("null");
		cli_json_key_str("status",
		    kf_complaint_clock_status_key(v[i].status));
		printf("}");
		first = 0;
	}
	printf("]");
}

/* The complaint as a JSON object (no newline); its actions when given. */
static void
print_json(struct cli *c, const struct kf_complaint *cp, const char *cat,
    const struct kf_complaint_action *acts, size_t nacts, bool whole)
{
	int64_t now = kf_core_now(c->k);
	size_t i;

	printf("{\"id\":%lld", (long long)cp->id);
	cli_json_key_str("state", kf_complaint_state_info(cp->state)->key);
	cli_json_key_str("severity", severity_key(cp->severity));
	cli_json_key_str("category", cat);
	cli_json_key_int("category_id", cp->category_id);
	cli_json_key_str("channel", kf_complaint_channel_info(cp->channel)->key);
	cli_json_key_int("customer_id", cp->customer_id);
	cli_json_key_str("name", cp->name);
	cli_json_key_str("phone", cp->phone);
	cli_json_key_str("what", cp->what);
	cli_json_key_str("place", cp->place);
	cli_json_key_str("community", cp->community);
	cli_json_key_str("building", cp->building);
	cli_json_key_int("happened_at", cp->happened_at);
	cli_json_key_int("registered_at", cp->registered_at);
	cli_json_key_int("received_by", cp->received_by);
	cli_json_key_str("received_by_name", cp->received_by_name);
	cli_json_key_int("contact_id", cp->contact_id);
	cli_json_key_bool("via_company", cp->via_company);
	cli_json_key_bool("municipal", cp->municipal);
	cli_json_key_int("responsible_id", cp->responsible_id);
	cli_json_key_str("responsible", cp->responsible_name);
	cli_json_key_int("due_at", cp->due_at);
	cli_json_key_str("due_clock",
	    kf_complaint_clock_info(cp->due_clock)->key);
	cli_json_key_bool("overdue", kf_complaint_overdue(cp, now));
	printf(",\"level\":%d", kf_complaint_level(c->k, cp, now));
	cli_json_key_int("duplicate_of", cp->duplicate_of);
	cli_json_key_int("version", cp->version);
	if (!whole) {
		printf("}");
		return;
	}
	cli_json_key_int("forwarded_at", cp->forwarded_at);
	cli_json_key_int("forwarded_by", cp->forwarded_by);
	printf(",\"valid\":%s", cp->valid < 0 ? "null" : cp->valid ? "true" :
	    "false");
	cli_json_key_str("cause", cp->cause);
	cli_json_key_str("responsibility", cp->responsibility);
	cli_json_key_int("analysed_at", cp->analysed_at);
	cli_json_key_int("analysed_by", cp->analysed_by);
	cli_json_key_str("result", cp->result);
	cli_json_key_int("result_at", cp->result_at);
	cli_json_key_int("result_by", cp->result_by);
	cli_json_key_str("reply", cp->reply);
	cli_json_key_int("replied_at", cp->replied_at);
	cli_json_key_str("visit_who", cp->visit_who);
	cli_json_key_str("visit_report", cp->visit_report);
	cli_json_key_int("visit_at", cp->visit_at);
	cli_json_key_int("approved_at", cp->approved_at);
	cli_json_key_int("approved_by", cp->approved_by);
	cli_json_key_int("callback_due_at", cp->callback_due_at);
	cli_json_key_int("callback_done_at", cp->callback_done_at);
	cli_json_key_int("callback_by", cp->callback_by);
	cli_json_key_str("callback_method", cp->callback_done_at == 0 ? NULL :
	    cp->callback_method == 1 ? "visit" : "phone");
	cli_json_key_str("callback_score",
	    cp->callback_score == KF_CPL_SCORE_NONE ? NULL :
	    kf_complaint_score_info(cp->callback_score)->key);
	cli_json_key_str("callback_note", cp->callback_note);
	cli_json_key_int("signed_at", cp->signed_at);
	cli_json_key_int("signed_by", cp->signed_by);
	cli_json_key_int("closed_at", cp->closed_at);
	cli_json_key_int("closed_by", cp->closed_by);
	cli_json_key_str("withdraw_reason", cp->withdraw_reason);
	cli_json_key_int("withdrawn_at", cp->withdrawn_at);
	cli_json_key_int("reopened_at", cp->reopened_at);
	printf(",\"reopen_count\":%d,\"escalated\":%d", cp->reopen_count,
	    cp->escalated);
	cli_json_key_int("escalated_to", cp->escalated_to);
	cli_json_key_int("track_due_at", cp->track_due_at);
	cli_json_key_int("analyse_due_at", cp->analyse_due_at);
	cli_json_key_int("explain_due_at", cp->explain_due_at);
	cli_json_key_int("reply_due_at", cp->reply_due_at);
	cli_json_key_int("action_due_at", cp->action_due_at);
	print_clocks_json(c, cp);
	printf(",\"actions\":[");
	for (i = 0; i < nacts; i++) {
		const struct kf_complaint_action *a = &acts[i];

		printf("%s{\"id\":%lld", i ? "," : "", (long long)a->id);
		cli_json_key_str("text", a->text);
		cli_json_key_int("owner_id", a->owner_id);
		cli_json_key_str("owner", a->owner_name);
		cli_json_key_int("due_at", a->due_at);
		cli_json_key_int("set_at", a->set_at);
		cli_json_key_int("set_by", a->set_by);
		cli_json_key_int("verified_at", a->verified_at);
		cli_json_key_int("verified_by", a->verified_by);
		cli_json_key_str("verify_note", a->verify_note);
		cli_json_key_bool("overdue", a->verified_at == 0 &&
		    is_open(cp) && now > a->due_at);
		cli_json_key_int("version", a->version);
		printf("}");
	}
	printf("]}");
}

/* Where a complaint stands after a move: its state, deadline, link and
 * version (the fields after the object's first). */
static void
print_where_json(const struct kf_complaint *cp)
{
	cli_json_key_str("state", kf_complaint_state_info(cp->state)->key);
	cli_json_key_int("due_at", cp->due_at);
	cli_json_key_str("due_clock",
	    kf_complaint_clock_info(cp->due_clock)->key);
	cli_json_key_int("duplicate_of", cp->duplicate_of);
	cli_json_key_int("version", cp->version);
}

static void
print_list_header(void)
{
	printf("%-6s %-12s %-8s %-12s %-26s %-12s %-20s %s\n", "ID", "STATE",
	    "SEVERITY", "CATEGORY", "DUE", "RESPONSIBLE", "COMPLAINANT",
	    "WHAT");
}

/* One line of the list: due is the earliest running clock. */
static void
print_line(struct cli *c, const struct kf_complaint *cp, const char *cat)
{
	int64_t now = kf_core_now(c->k);
	char due[32], col[48];

	if (cp->due_at == 0)
		snprintf(col, sizeof(col), "-");
	else {
		kf_time_local(cp->due_at, due, sizeof(due));
		snprintf(col, sizeof(col), "%s %s%s", due,
		    kf_complaint_clock_info(cp->due_clock)->key,
		    kf_complaint_overdue(cp, now) ? " OVERDUE" : "");
	}
	printf("%-6lld %-12s %-8s ", (long long)cp->id,
	    kf_complaint_state_info(cp->state)->key,
	    severity_key(cp->severity));
	cli_pad(stdout, cat, 12);
	printf(" %-26s ", col);
	cli_pad(stdout, cli_or_dash(cp->responsible_name), 12);
	putchar(' ');
	cli_pad(stdout, cli_or_dash(cp->name), 20);
	putchar(' ');
	cli_text(stdout, cli_or_dash(cp->what));
	if (cp->duplicate_of)
		printf(" [duplicate of %lld]", (long long)cp->duplicate_of);
	putchar('\n');
}

/* "label: " padded as show's field names are. */
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

/* "2026-11-27 10:40 by wang" or "-". */
static void
line_when_by(struct cli *c, struct cli_names *nm, const char *label,
    int64_t at, int64_t by)
{
	char t[32];

	field(label);
	printf("%s", cli_time(at, t, sizeof(t)));
	if (at != 0 && by != 0) {
		printf(" by ");
		cli_text(stdout, cli_login_of(c, nm, by));
	}
	putchar('\n');
}

static void
print_clock_lines(struct cli *c, const struct kf_complaint *cp)
{
	static const char *const rule[] = {
		[KF_CPL_CLOCK_TRACK] = "R33", [KF_CPL_CLOCK_ANALYSE] = "R35",
		[KF_CPL_CLOCK_EXPLAIN] = "R34", [KF_CPL_CLOCK_REPLY] = "R38",
		[KF_CPL_CLOCK_CALLBACK] = "R30", [KF_CPL_CLOCK_FORWARD] = "R28",
		[KF_CPL_CLOCK_ACTION] = "R36",
	};
	struct kf_complaint_clock_state v[KF_CPL_CLOCK_COUNT], act;
	char t1[32], t2[32];
	size_t n, i;
	int any = 0;

	/* The core's reckoning; the actions' line last, as before. */
	n = kf_complaint_clocks(cp, kf_core_now(c->k), v, KF_CPL_CLOCK_COUNT);
	memset(&act, 0, sizeof(act));
	printf("clocks:\n");
	for (i = 0; i < n; i++) {
		if (v[i].which == KF_CPL_CLOCK_ACTION) {
			act = v[i];
			continue;
		}
		printf("  %-9s due %s (%s) ",
		    kf_complaint_clock_info(v[i].which)->key,
		    cli_time(v[i].due_at, t1, sizeof(t1)), rule[v[i].which]);
		printf("%s", kf_complaint_clock_status_key(v[i].status));
		if (v[i].met_at != 0)
			printf(" %s", cli_time(v[i].met_at, t2, sizeof(t2)));
		putchar('\n');
		any = 1;
	}
	if (act.due_at != 0) {
		printf("  %-9s due %s (R36) %s\n", "action",
		    cli_time(act.due_at, t1, sizeof(t1)),
		    kf_complaint_clock_status_key(act.status));
		any = 1;
	}
	if (!any)
		printf("  -\n");
}

static void
print_text(struct cli *c, struct cli_names *nm, const struct kf_complaint *cp,
    const char *cat, const struct kf_complaint_action *acts, size_t nacts)
{
	struct kf_customer cu;
	int64_t now = kf_core_now(c->k);
	char t1[32], t2[32];
	size_t i;

	printf("%-15s %lld\n", "complaint:", (long long)cp->id);
	field("state:");
	printf("%s", kf_complaint_state_info(cp->state)->key);
	if (cp->state == KF_CPL_ANALYSED && cp->valid >= 0)
		printf(" (%s)", cp->valid ? "valid" : "invalid");
	if (kf_complaint_overdue(cp, now))
		printf(", OVERDUE");
	printf(", level %d\n", kf_complaint_level(c->k, cp, now));
	field("severity:");
	printf("%s\n", severity_key(cp->severity));
	field("category:");
	cli_text(stdout, cat);
	if (cp->category_label != NULL) {
		printf(" ");
		cli_text(stdout, cp->category_label);
	}
	printf("\n");
	field("channel:");
	printf("%s%s%s\n", kf_complaint_channel_info(cp->channel)->key,
	    cp->via_company ? ", made to the company (R33)" : "",
	    cp->municipal ? ", municipal (R38)" : "");
	field("customer:");
	if (cp->customer_id == 0)
		printf("-");
	else if (kf_customer_get(c->k, cp->customer_id, &cu, NULL) == KF_OK) {
		cli_text(stdout, cu.account);
		kf_customer_clear(&cu);
	} else
		printf("#%lld", (long long)cp->customer_id);
	putchar('\n');
	field("complainant:");
	cli_text(stdout, cli_or_dash(cp->name));
	putchar(' ');
	cli_text(stdout, cli_or_dash(cp->phone));
	putchar('\n');
	line_text("what:", cp->what);
	line_text("place:", cp->place);
	field("happened:");
	printf("%s\n", cli_time(cp->happened_at, t1, sizeof(t1)));
	field("registered:");
	printf("%s by ", cli_time(cp->registered_at, t1, sizeof(t1)));
	cli_text(stdout, cli_login_of(c, nm, cp->received_by));
	if (cp->contact_id)
		printf(" (contact %lld)", (long long)cp->contact_id);
	putchar('\n');
	if (cp->duplicate_of)
		printf("%-15s %lld (R48)\n", "duplicate of:",
		    (long long)cp->duplicate_of);
	field("responsible:");
	cli_text(stdout, cli_or_dash(cp->responsible_name));
	if (cp->responsible_id) {
		printf(" (");
		cli_text(stdout, cli_login_of(c, nm, cp->responsible_id));
		putchar(')');
	}
	if (cp->forwarded_at) {
		printf(", forwarded %s by ", cli_time(cp->forwarded_at, t1,
		    sizeof(t1)));
		cli_text(stdout, cli_login_of(c, nm, cp->forwarded_by));
	}
	putchar('\n');
	field("analysis:");
	if (cp->valid < 0)
		printf("-\n");
	else {
		printf("%s %s by ", cp->valid ? "valid" : "invalid",
		    cli_time(cp->analysed_at, t1, sizeof(t1)));
		cli_text(stdout, cli_login_of(c, nm, cp->analysed_by));
		putchar('\n');
	}
	line_text("cause:", cp->cause);
	line_text("responsibility:", cp->responsibility);
	printf("actions:%s\n", nacts ? "" : "        -");
	for (i = 0; i < nacts; i++) {
		const struct kf_complaint_action *a = &acts[i];

		printf("  #%lld ", (long long)a->id);
		cli_text(stdout, a->text);
		printf(" (owner ");
		cli_text(stdout, a->owner_name != NULL ? a->owner_name :
		    cli_login_of(c, nm, a->owner_id));
		printf(", due %s", cli_time(a->due_at, t1, sizeof(t1)));
		if (a->verified_at) {
			printf(", verified %s by ", cli_time(a->verified_at, t2,
			    sizeof(t2)));
			cli_text(stdout, cli_login_of(c, nm, a->verified_by));
			if (a->verify_note != NULL && *a->verify_note) {
				printf(": ");
				cli_text(stdout, a->verify_note);
			}
		} else if (is_open(cp) && now > a->due_at)
			printf(", OVERDUE");
		printf(")\n");
	}
	line_when_by(c, nm, "approved:", cp->approved_at, cp->approved_by);
	field("visit:");
	if (cp->visit_at) {
		printf("%s ", cli_time(cp->visit_at, t1, sizeof(t1)));
		cli_text(stdout, cli_or_dash(cp->visit_who));
		printf(": ");
		cli_text(stdout, cli_or_dash(cp->visit_report));
	} else
		printf("-");
	putchar('\n');
	field("interim reply:");
	cli_text(stdout, cli_or_dash(cp->reply));
	if (cp->replied_at)
		printf(" (%s)", cli_time(cp->replied_at, t1, sizeof(t1)));
	putchar('\n');
	field(cp->valid == 0 ? "explained:" : "result:");
	cli_text(stdout, cli_or_dash(cp->result));
	if (cp->result_at) {
		printf(" (%s by ", cli_time(cp->result_at, t1, sizeof(t1)));
		cli_text(stdout, cli_login_of(c, nm, cp->result_by));
		putchar(')');
	}
	putchar('\n');
	field("callback:");
	if (cp->callback_done_at) {
		printf("%s by ", cli_time(cp->callback_done_at, t1,
		    sizeof(t1)));
		cli_text(stdout, cli_login_of(c, nm, cp->callback_by));
		printf(", %s, %s", cp->callback_method == 1 ? "visit" : "phone",
		    kf_complaint_score_info(cp->callback_score)->key);
		if (cp->callback_note != NULL && *cp->callback_note) {
			printf(": ");
			cli_text(stdout, cp->callback_note);
		}
	} else if (cp->callback_due_at)
		printf("due %s", cli_time(cp->callback_due_at, t1, sizeof(t1)));
	else
		printf("-");
	putchar('\n');
	line_when_by(c, nm, "signed:", cp->signed_at, cp->signed_by);
	line_when_by(c, nm, "closed:", cp->closed_at, cp->closed_by);
	if (cp->state == KF_CPL_WITHDRAWN) {
		field("withdrawn:");
		printf("%s: ", cli_time(cp->withdrawn_at, t1, sizeof(t1)));
		cli_text(stdout, cli_or_dash(cp->withdraw_reason));
		putchar('\n');
	}
	if (cp->reopen_count)
		printf("%-15s %d time(s), last %s\n", "reopened:",
		    cp->reopen_count, cli_time(cp->reopened_at, t1, sizeof(t1)));
	if (cp->escalated || cp->escalated_to) {
		field("escalated:");
		printf("%d step(s)", cp->escalated);
		if (cp->escalated_to) {
			printf(" to ");
			cli_text(stdout, cli_login_of(c, nm, cp->escalated_to));
		}
		putchar('\n');
	}
	print_clock_lines(c, cp);
	printf("%-15s %lld\n", "version:", (long long)cp->version);
}

/* ---- new ---- */

/* The likely duplicates, one note on stderr (R48). */
static void
print_similar(int64_t id, const struct kf_complaint_similar *v, size_t n)
{
	size_t i;

	if (n == 0)
		return;
	fprintf(stderr, "note: likely duplicates (R48):");
	for (i = 0; i < n; i++) {
		fprintf(stderr, "%s #%lld %s (%s): ", i ? ";" : "",
		    (long long)v[i].c.id,
		    kf_complaint_state_info(v[i].c.state)->key, v[i].why);
		cli_text(stderr, cli_or_dash(v[i].c.what));
	}
	fprintf(stderr, "; link with: kefu complaint link %lld %lld\n",
	    (long long)id, (long long)v[0].c.id);
}

static int
complaint_new(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "customer", required_argument, NULL, 'u' },
		{ "name", required_argument, NULL, 'N' },
		{ "phone", required_argument, NULL, 'p' },
		{ "what", required_argument, NULL, 'w' },
		{ "place", required_argument, NULL, 'P' },
		{ "community", required_argument, NULL, 'C' },
		{ "building", required_argument, NULL, 'B' },
		{ "when", required_argument, NULL, 'W' },
		{ "channel", required_argument, NULL, 'h' },
		{ "category", required_argument, NULL, 'c' },
		{ "severity", required_argument, NULL, 's' },
		{ "company", no_argument, NULL, 'y' },
		{ "municipal", no_argument, NULL, 'm' },
		{ "to", required_argument, NULL, 't' },
		{ "contact", required_argument, NULL, 'K' },
		{ "link", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	const char *account = NULL, *category = NULL, *to = NULL;
	struct kf_complaint cp, got;
	struct kf_complaint_similar *sim = NULL;
	struct kf_customer cu;
	struct kf_err err;
	size_t nsim = 0, i;
	int64_t id = 0;
	int ch, chan = -1, code = 0;
	bool have_sev = false;
	enum kf_rc rc;

	memset(&cp, 0, sizeof(cp));
	memset(&got, 0, sizeof(got));
	kf_err_clear(&err);
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'u':	account = optarg; break;
		case 'N':	set(&cp.name, optarg); break;
		case 'p':	set(&cp.phone, optarg); break;
		case 'w':	set(&cp.what, optarg); break;
		case 'P':	set(&cp.place, optarg); break;
		case 'C':	set(&cp.community, optarg); break;
		case 'B':	set(&cp.building, optarg); break;
		case 'y':	cp.via_company = true; break;
		case 'm':	cp.municipal = true; break;
		case 'c':	category = optarg; break;
		case 't':	to = optarg; break;
		case 'W':
			if (!cli_when_past(c, optarg, &cp.happened_at)) {
				code = EXIT_USAGE;
				goto out;
			}
			break;
		case 'h':
			if (kf_complaint_channel_parse(optarg, &chan, &err) != KF_OK)
				goto fail;
			break;
		case 's':
			if (!severity_parse("complaint new", optarg,
			    &cp.severity)) {
				code = EXIT_USAGE;
				goto out;
			}
			have_sev = true;
			break;
		case 'K': case 'l':
			if (!cli_id("complaint new", ch == 'K' ? "--contact" :
			    "--link", optarg, ch == 'K' ? &cp.contact_id :
			    &cp.duplicate_of)) {
				code = EXIT_USAGE;
				goto out;
			}
			break;
		default:
			code = cli_getopt_fail("complaint new", ch, argv);
			goto out;
		}
	}
	if (optind != argc) {
		code = cli_usage("complaint new", "unexpected argument '%.40s'",
		    argv[optind]);
		goto out;
	}
	/* R27: not given, the core refuses them naming the field, as the
	 * form's. */
	cp.channel = chan < 0 ? KF_CPL_CH_NOT_GIVEN :
	    (enum kf_complaint_channel)chan;
	if (!have_sev)
		cp.severity = KF_CPL_SEV_NOT_GIVEN;
	if (category != NULL &&
	    category_id(c, category, &cp.category_id, &err) != KF_OK)
		goto fail;
	if (to != NULL && cli_staff_id(c->k, to, &cp.responsible_id, &err) !=
	    KF_OK)
		goto fail;
	/* A complainant on file: the core takes name, phone and place
	 * from the register unless given (kf_complaint_new). */
	if (account != NULL) {
		if (cli_customer(c, account, &cu, &err) != KF_OK)
			goto fail;
		cp.customer_id = cu.id;
		kf_customer_clear(&cu);
	}
	/* R48: asked before it exists (else it would find itself), told
	 * only once it does, so a refusal stays one line. */
	rc = kf_complaint_similar(c->k, &cp, SIMILAR_MAX, &sim, &nsim, &err);
	if (rc == KF_BUSY || rc == KF_DBERR)
		goto fail;
	if (rc != KF_OK) {		/* kf_complaint_new says why */
		sim = NULL;
		nsim = 0;
		kf_err_clear(&err);
	}
	if (kf_complaint_new(c->k, &cp, &id, &err) != KF_OK)
		goto fail;
	if (cp.duplicate_of == 0)	/* --link: the clerk has chosen */
		print_similar(id, sim, nsim);
	kf_err_clear(&err);
	rc = kf_complaint_get(c->k, id, &got, &err);
	if (c->json) {
		printf("{\"id\":%lld", (long long)id);
		if (rc == KF_OK)
			print_where_json(&got);
		printf(",\"duplicates\":[");
		for (i = 0; i < nsim; i++) {
			printf("%s{\"id\":%lld,\"score\":%d", i ? "," : "",
			    (long long)sim[i].c.id, sim[i].score);
			cli_json_key_str("why", sim[i].why);
			printf("}");
		}
		printf("]}\n");
	} else {
		char due[32];

		printf("complaint %lld", (long long)id);
		if (rc == KF_OK) {
			printf(" (%s", kf_complaint_state_info(got.state)->key);
			if (got.responsible_id != 0) {
				printf(" to ");
				cli_text(stdout, cli_or_dash(got.responsible_name));
			}
			if (got.due_at != 0)
				printf(", %s due %s",
				    kf_complaint_clock_info(got.due_clock)->key,
				    cli_time(got.due_at, due, sizeof(due)));
			if (got.duplicate_of != 0)
				printf(", duplicate of %lld",
				    (long long)got.duplicate_of);
			putchar(')');
		}
		putchar('\n');
	}
	goto out;
fail:
	code = cli_fail(&err);
out:
	kf_complaint_similar_free(sim, nsim);
	kf_complaint_clear(&got);
	kf_complaint_clear(&cp);
	return code;
}

/* ---- the moves ---- */

static int
complaint_move(struct cli *c, int argc, char **argv,
    const struct cli_move *mv)
{
	static const struct option opts[] = {
		{ "version", required_argument, NULL, 'v' },
		{ "cause", required_argument, NULL, 'c' },
		{ "responsibility", required_argument, NULL, 'R' },
		{ "told", required_argument, NULL, 't' },
		{ "text", required_argument, NULL, 'x' },
		{ "owner", required_argument, NULL, 'o' },
		{ "due", required_argument, NULL, 'd' },
		{ "note", required_argument, NULL, 'n' },
		{ "method", required_argument, NULL, 'm' },
		{ "score", required_argument, NULL, 's' },
		{ "reason", required_argument, NULL, 'r' },
		{ "who", required_argument, NULL, 'w' },
		{ "at", required_argument, NULL, 'a' },
		{ "report", required_argument, NULL, 'p' },
		{ "signed", required_argument, NULL, 'g' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli_move_args a;
	struct kf_complaint cp;
	struct kf_err err;
	const char *const *o = a.opt;
	int64_t id, seen, staff = 0, other = 0, at = 0, action = 0;
	int method = 0, score = 0, code;
	bool valid = false;
	char cmd[48];
	enum kf_rc rc;

	if ((code = cli_move_parse("complaint", mv, opts, argc, argv, &a)) >=
	    0)
		return code;
	snprintf(cmd, sizeof(cmd), "complaint %s", mv->verb);
	id = a.id;
	seen = a.version;
	kf_err_clear(&err);
	/* Bad input is refused here naming the argument, before the core
	 * is asked; what only the core knows it refuses itself. */
	switch (mv->move) {
	case KF_CPL_MOVE_ANALYSE:
		if (strcmp(a.pos[0], "valid") == 0 ||
		    strcmp(a.pos[0], "有效") == 0)
			valid = true;
		else if (strcmp(a.pos[0], "invalid") != 0 &&
		    strcmp(a.pos[0], "无效") != 0)
			return cli_usage(cmd, "say valid or invalid, not "
			    "'%.40s'", a.pos[0]);
		break;
	case KF_CPL_MOVE_ACTION:
		if (!cli_when(c, o['d'], &at))
			return EXIT_USAGE;
		break;
	case KF_CPL_MOVE_VISIT:		/* R37: when, or now (0) */
		if (o['a'] != NULL && !cli_when_past(c, o['a'], &at))
			return EXIT_USAGE;
		break;
	case KF_CPL_MOVE_VERIFY:
		if (!cli_id(cmd, "ACTION-ID", a.pos[0], &action))
			return EXIT_USAGE;
		break;
	case KF_CPL_MOVE_LINK:
		if (!cli_id(cmd, "TO-ID", a.pos[0], &other))
			return EXIT_USAGE;
		break;
	case KF_CPL_MOVE_CALLBACK:
		/* R40: by phone (电话回访) or home visit (上门回访). */
		if (strcmp(o['m'], "phone") == 0 || strcmp(o['m'], "电话") == 0)
			method = 0;
		else if (strcmp(o['m'], "visit") == 0 ||
		    strcmp(o['m'], "上门") == 0)
			method = 1;
		else
			return cli_usage(cmd, "--method must be phone or visit "
			    "(R40), not '%.40s'", o['m']);
		if (kf_complaint_score_parse(o['s'], &score, &err) != KF_OK)
			return cli_fail(&err);
		break;
	default:
		break;
	}
	/* The person it goes to: responsible, action owner, supervisor. */
	if (((mv->move == KF_CPL_MOVE_FORWARD ||
	    mv->move == KF_CPL_MOVE_ESCALATE) && cli_staff_id(c->k, a.pos[0],
	    &staff, &err) != KF_OK) || (mv->move == KF_CPL_MOVE_ACTION &&
	    cli_staff_id(c->k, o['o'], &staff, &err) != KF_OK))
		return cli_fail(&err);
	switch ((enum kf_complaint_move)mv->move) {
	case KF_CPL_MOVE_FORWARD:
		rc = kf_complaint_forward(c->k, id, seen, staff, &err);
		break;
	case KF_CPL_MOVE_ANALYSE:
		rc = kf_complaint_analyse(c->k, id, seen, valid, o['c'], o['R'],
		    &err);
		break;
	case KF_CPL_MOVE_EXPLAIN:
		rc = kf_complaint_explain(c->k, id, seen, o['t'], &err);
		break;
	case KF_CPL_MOVE_ACTION:
		rc = kf_complaint_action(c->k, id, seen, o['x'], staff, at,
		    &action, &err);
		break;
	case KF_CPL_MOVE_APPROVE:
		rc = kf_complaint_approve(c->k, id, seen, &err);
		break;
	case KF_CPL_MOVE_VERIFY:
		rc = kf_complaint_verify(c->k, id, seen, action, o['n'], &err);
		break;
	case KF_CPL_MOVE_RESULT:
		rc = kf_complaint_result(c->k, id, seen, o['x'], &err);
		break;
	case KF_CPL_MOVE_CALLBACK:
		rc = kf_complaint_callback(c->k, id, seen, method,
		    (enum kf_complaint_score)score, o['n'], o['g'], &err);
		break;
	case KF_CPL_MOVE_SIGNOFF:
		rc = kf_complaint_signoff(c->k, id, seen, &err);
		break;
	case KF_CPL_MOVE_CLOSE:
		rc = kf_complaint_close(c->k, id, seen, &err);
		break;
	case KF_CPL_MOVE_REOPEN:
		rc = kf_complaint_reopen(c->k, id, seen, o['r'], &err);
		break;
	case KF_CPL_MOVE_WITHDRAW:
		rc = kf_complaint_withdraw(c->k, id, seen, o['r'], &err);
		break;
	case KF_CPL_MOVE_VISIT:
		rc = kf_complaint_visit(c->k, id, seen, o['w'], at, o['p'],
		    &err);
		break;
	case KF_CPL_MOVE_REPLY:
		rc = kf_complaint_reply(c->k, id, seen, o['t'], &err);
		break;
	case KF_CPL_MOVE_ESCALATE:
		rc = kf_complaint_escalate(c->k, id, seen, staff, &err);
		break;
	case KF_CPL_MOVE_LINK:
		rc = kf_complaint_link(c->k, id, seen, other, &err);
		break;
	default:
		abort();
	}
	if (rc != KF_OK)
		return cli_fail(&err);
	/* Report where it stands now (verifying the last action moves it). */
	memset(&cp, 0, sizeof(cp));
	kf_err_clear(&err);
	rc = kf_complaint_get(c->k, id, &cp, &err);
	if (c->json) {
		printf("{\"id\":%lld,\"changed\":true", (long long)id);
		if (mv->move == KF_CPL_MOVE_ACTION)
			cli_json_key_int("action_id", action);
		if (rc == KF_OK)
			print_where_json(&cp);
		printf("}\n");
	} else {
		printf("complaint %lld: %s", (long long)id, mv->done);
		if (mv->move == KF_CPL_MOVE_ACTION)
			printf(" (action %lld)", (long long)action);
		if (rc == KF_OK)
			printf(" (%s)", kf_complaint_state_info(cp.state)->key);
		putchar('\n');
	}
	kf_complaint_clear(&cp);
	return 0;
}

/* ---- list, show ---- */

static int
complaint_list(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "overdue", no_argument, NULL, 'o' },
		{ "all", no_argument, NULL, 'a' },
		{ "state", required_argument, NULL, 's' },
		{ "severity", required_argument, NULL, 'S' },
		{ "category", required_argument, NULL, 'c' },
		{ "to", required_argument, NULL, 't' },
		{ "to-sign", no_argument, NULL, 'g' },
		{ "search", required_argument, NULL, 'q' },
		{ "limit", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	struct kf_complaint_filter f = { .open_only = true, .state = -1,
	    .severity = -1 };
	struct kf_complaint_category *cats = NULL;
	struct kf_complaint *v = NULL, *prev = NULL;
	struct kf_err err;
	enum kf_complaint_severity sev;
	const char *to = NULL, *category = NULL;
	long long limit = 0;	/* 0: every one */
	size_t n = 0, nprev = 0, ncats = 0, i, shown = 0;
	bool all = false;
	int ch, page, code = 0;

	kf_err_clear(&err);
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'o':	f.overdue_only = true; break;
		case 'a':	all = true; break;
		case 'g':	f.to_sign = true; break;
		case 'q':	f.text = optarg; break;
		case 't':	to = optarg; break;
		case 'c':	category = optarg; break;
		case 's':
			if (kf_complaint_state_parse(optarg, &f.state, &err) != KF_OK)
				return cli_fail(&err);
			break;
		case 'S':
			if (!severity_parse("complaint list", optarg, &sev))
				return EXIT_USAGE;
			f.severity = (int)sev;
			break;
		case 'n':
			if (!cli_int("complaint list", "--limit", optarg,
			    &limit))
				return EXIT_USAGE;
			if (limit < 1)
				return cli_usage("complaint list", "--limit must "
				    "be 1 or more");
			break;
		default:
			return cli_getopt_fail("complaint list", ch, argv);
		}
	}
	if (optind != argc)
		return cli_usage("complaint list", "unexpected argument '%.40s'",
		    argv[optind]);
	/* Asking for closed or withdrawn ones implies --all. */
	f.open_only = !all && f.state != KF_CPL_CLOSED &&
	    f.state != KF_CPL_WITHDRAWN;
	if (to != NULL && cli_staff_id(c->k, to, &f.responsible_id, &err) !=
	    KF_OK)
		return cli_fail(&err);
	if (category != NULL && category_id(c, category, &f.category_id,
	    &err) != KF_OK)
		return cli_fail(&err);
	if (kf_complaint_categories(c->k, true, &cats, &ncats, &err) != KF_OK)
		return cli_fail(&err);
	do {	/* keyset pages after the last row shown: never the table */
		page = LIST_PAGE;
		if (limit > 0 && limit - (long long)shown < page)
			page = (int)(limit - (long long)shown);
		if (kf_complaint_list(c->k, &f, shown ? KF_PAGE_AFTER :
		    KF_PAGE_FIRST, nprev ? &prev[nprev - 1] : NULL, page, &v,
		    &n, &err) != KF_OK) {
			if (shown == 0)
				code = cli_fail(&err);
			else {	/* the list so far stands; JSON stays whole */
				if (c->json)
					printf("]\n");
				code = cli_fail(&err);
				c->json = false;
			}
			break;
		}
		if (shown == 0 && c->json)
			printf("[");
		else if (shown == 0 && n > 0)
			print_list_header();
		for (i = 0; i < n; i++, shown++) {
			const char *cat = category_key(cats, ncats,
			    v[i].category_id);

			if (c->json) {
				printf("%s", shown ? "," : "");
				print_json(c, &v[i], cat, NULL, 0, false);
			} else
				print_line(c, &v[i], cat);
		}
		kf_complaint_list_free(prev, nprev);
		prev = v;
		nprev = n;
		v = NULL;
	} while (n == (size_t)page && (limit == 0 || (long long)shown < limit));
	if (code == 0 && c->json)
		printf("]\n");
	kf_complaint_list_free(prev, nprev);
	kf_complaint_categories_free(cats, ncats);
	return code;
}

static int
complaint_show(struct cli *c, int argc, char **argv)
{
	struct kf_complaint_action *acts = NULL;
	struct kf_complaint_category *cats = NULL;
	struct cli_names nm = { 0 };
	struct kf_complaint cp;
	struct kf_err err;
	size_t nacts = 0, ncats = 0;
	const char *cat;
	int64_t id;
	int code = 0;

	if (argc != 2)
		return cli_usage("complaint show", "needs an ID");
	if (!cli_id("complaint show", "ID", argv[1], &id))
		return EXIT_USAGE;
	kf_err_clear(&err);
	memset(&cp, 0, sizeof(cp));
	if (kf_complaint_get(c->k, id, &cp, &err) != KF_OK ||
	    kf_complaint_actions(c->k, id, &acts, &nacts, &err) != KF_OK ||
	    kf_complaint_categories(c->k, true, &cats, &ncats, &err) != KF_OK) {
		code = cli_fail(&err);
		goto out;
	}
	cat = category_key(cats, ncats, cp.category_id);
	if (c->json) {
		print_json(c, &cp, cat, acts, nacts, true);
		putchar('\n');
	} else {
		print_text(c, &nm, &cp, cat, acts, nacts);
		cli_history(c, "complaint", id);
	}
out:
	kf_complaint_categories_free(cats, ncats);
	kf_complaint_actions_free(acts, nacts);
	kf_complaint_clear(&cp);
	cli_names_free(&nm);
	return code;
}

/* ---- the category list ---- */

static int
complaint_category(struct cli *c, int argc, char **argv)
{
	struct kf_complaint_category *v;
	struct kf_err err;
	const char *verb = argc > 1 ? argv[1] : "list";
	bool all = false;
	size_t n, i;

	kf_err_clear(&err);
	if (strcmp(verb, "add") == 0) {
		if (argc != 4)
			return cli_usage("complaint category", "add needs KEY "
			    "LABEL");
		if (kf_complaint_category_add(c->k, argv[2], argv[3], &err) !=
		    KF_OK)
			return cli_fail(&err);
	} else if (strcmp(verb, "retire") == 0) {
		if (argc != 3)
			return cli_usage("complaint category", "retire needs "
			    "KEY");
		if (kf_complaint_category_retire(c->k, argv[2], &err) != KF_OK)
			return cli_fail(&err);
	} else if (strcmp(verb, "list") == 0) {
		if (argc > 3 || (argc == 3 && strcmp(argv[2], "--all") != 0))
			return cli_usage("complaint category", "list takes "
			    "only --all");
		all = argc == 3;
	} else
		return cli_usage("complaint category", "say list, add or "
		    "retire, not '%.20s'", verb);
	if (strcmp(verb, "list") != 0) {
		if (c->json) {
			printf("{\"key\":");
			cli_json_str(stdout, argv[2]);
			printf(",\"changed\":true}\n");
		} else {
			printf("category ");
			cli_text(stdout, argv[2]);
			printf(" %s\n", strcmp(verb, "add") == 0 ? "added" :
			    "retired");
		}
		return 0;
	}
	if (kf_complaint_categories(c->k, all, &v, &n, &err) != KF_OK)
		return cli_fail(&err);
	if (c->json)
		printf("[");
	for (i = 0; i < n; i++) {
		if (c->json) {
			printf("%s{\"id\":%lld", i ? "," : "", (long long)v[i].id);
			cli_json_key_str("key", v[i].key);
			cli_json_key_str("label", v[i].label);
			cli_json_key_bool("active", v[i].active);
			printf("}");
			continue;
		}
		cli_pad(stdout, v[i].key, 16);
		putchar(' ');
		cli_text(stdout, v[i].label);
		if (strcmp(kf_gettext(v[i].label), v[i].label) != 0) {
			printf(" (");
			cli_text(stdout, kf_gettext(v[i].label));
			putchar(')');
		}
		printf("%s\n", v[i].active ? "" : " [retired]");
	}
	if (c->json)
		printf("]\n");
	kf_complaint_categories_free(v, n);
	return 0;
}

static int
run_complaint(struct cli *c, int argc, char **argv)
{
	const char *verb = argc > 1 ? argv[1] : "";
	const struct cli_move *mv;

	argc--;
	argv++;
	if (strcmp(verb, "new") == 0)
		return complaint_new(c, argc, argv);
	if ((mv = cli_move_find(cli_complaint_moves, cli_complaint_nmoves,
	    verb)) != NULL)
		return complaint_move(c, argc, argv, mv);
	if (strcmp(verb, "list") == 0)
		return complaint_list(c, argc, argv);
	if (strcmp(verb, "show") == 0)
		return complaint_show(c, argc, argv);
	if (strcmp(verb, "category") == 0)
		return complaint_category(c, argc, argv);
	if (*verb == '\0')
		return cli_usage("complaint", "needs a verb: new, show, list, "
		    "forward, analyse, explain, action, approve, verify, "
		    "result, callback, signoff, close, reopen, withdraw, "
		    "visit, reply, link, escalate or category");
	return cli_usage("complaint", "unknown verb '%.20s'", verb);
}

const struct cli_cmd cmd_complaint = {
	.name = "complaint",
	.summary = "complaints (投诉): new, forward, analyse, result, "
	    "callback, signoff, close, list, show, ...",
	.help =
	    "usage: kefu complaint new --what TEXT --when TIME --channel CH\n"
	    "           --category CAT --severity ordinary|serious\n"
	    "           (--customer ACCOUNT|ID | --name NAME --phone PHONE\n"
	    "           --place TEXT) [--place TEXT] [--community C]\n"
	    "           [--building B] [--company] [--municipal] [--to LOGIN]\n"
	    "           [--contact ID] [--link ID]\n"
	    "       kefu complaint forward ID LOGIN\n"
	    "       kefu complaint analyse ID valid|invalid [--cause TEXT]\n"
	    "           [--responsibility TEXT]\n"
	    "       kefu complaint explain ID --told TEXT\n"
	    "       kefu complaint action ID --text TEXT --owner LOGIN --due TIME\n"
	    "       kefu complaint approve ID\n"
	    "       kefu complaint verify ID ACTION-ID [--note TEXT]\n"
	    "       kefu complaint visit ID --who NAMES --report TEXT [--at TIME]\n"
	    "       kefu complaint reply ID --told TEXT\n"
	    "       kefu complaint result ID --text TEXT\n"
	    "       kefu complaint callback ID --method phone|visit --score SCORE\n"
	    "           [--note TEXT] [--signed NAME]\n"
	    "       kefu complaint signoff|close ID\n"
	    "       kefu complaint reopen|withdraw ID --reason TEXT\n"
	    "       kefu complaint escalate ID SUPERVISOR-LOGIN\n"
	    "       kefu complaint link ID TO-ID\n"
	    "       kefu complaint list [--overdue] [--all] [--state S]\n"
	    "           [--severity SEV] [--category CAT] [--to LOGIN]\n"
	    "           [--to-sign] [--search TEXT] [--limit N]\n"
	    "       kefu complaint show ID\n"
	    "       kefu complaint category [list [--all] | add KEY LABEL |\n"
	    "           retire KEY]\n"
	    "\n"
	    "Every move takes --version V: the version you read (show gives it);\n"
	    "another's change meanwhile is a conflict (exit 3) naming who.\n"
	    "\n"
	    "A complaint is registered whole (R27): who complains (a customer\n"
	    "on file by account or id, whose name, phone and address are taken\n"
	    "unless given; or --name, --phone and --place), what happened,\n"
	    "where, --when (HH:MM today or an ISO time, not ahead), the\n"
	    "--channel it came by (hotline, walk-in, phone-in, letter, company,\n"
	    "other), a --category (kefu complaint category list) and its\n"
	    "--severity; each left out is refused naming it (exit 1). --to\n"
	    "forwards it at once to the person responsible (R28); a serious\n"
	    "one goes to the top of the supervisors' queue (R29). --company: made\n"
	    "to the company directly, its result tracked within 2 days (R33);\n"
	    "--municipal: involves a municipal body, an interim reply within\n"
	    "3 days (R38). --contact ID: the logged call it came from.\n"
	    "Likely duplicates (same customer, address, building or similar\n"
	    "text within the policy's window, R48) are named on standard\n"
	    "error (\"note: likely duplicates ...\") and, with --json, in\n"
	    "\"duplicates\": the complaint is registered anyway; link it with\n"
	    "`complaint link NEW OLD`, or give --link OLD to register it as a\n"
	    "duplicate at once (then no note). Prints the new number.\n"
	    "\n"
	    "The moves: registered -> forward (reception, dispatcher or\n"
	    "supervisor, R28) -> analyse valid with --cause and\n"
	    "--responsibility within 1 day (R35) -> action (corrective actions,\n"
	    "each with an owner and a due time after now, R36; on a serious\n"
	    "complaint a supervisor's, R29) -> approve (supervisor) -> verify\n"
	    "each action (supervisor, R36) -> result (what was done and told; a\n"
	    "serious one needs its visit first, R37) -> callback (reception or\n"
	    "supervisor, R30, R41) -> signoff (supervisor, R31) -> close\n"
	    "(supervisor; refused, exit 5, without a recorded result and a\n"
	    "completed callback, R39). An invalid complaint: analyse invalid ->\n"
	    "explain what the complainant was told within 2 days (R34) ->\n"
	    "callback -> signoff -> close. reopen (supervisor, from signed or\n"
	    "closed) sends it back to its person responsible to be analysed\n"
	    "again, its clocks started again; withdraw keeps it, searchable,\n"
	    "with the reason (R32). visit records the on-site visit (R37; --at:\n"
	    "when, if not now), reply a municipal complaint's interim reply\n"
	    "(R38), escalate raises it a step up the ladder, link makes ID a\n"
	    "duplicate of TO-ID (R48). SCORE: very-satisfied, satisfied,\n"
	    "neutral, dissatisfied, very-dissatisfied (a note, the reason,\n"
	    "below satisfied). A wrong role is refused (exit 4), an illegal\n"
	    "move (exit 5) naming the rule. States, channels, categories and\n"
	    "severities are taken in English or Chinese.\n"
	    "\n"
	    "list shows the open complaints by their nearest deadline, late\n"
	    "first (--all: closed and withdrawn too; --to-sign: waiting for a\n"
	    "supervisor's signature; --search: complainant, phone, place or\n"
	    "text). --overdue, for cron: the complaints past a deadline, one a\n"
	    "line, nothing at all when none (exit 0 either way), so cron mails\n"
	    "only when there is something to do. show prints every field, the\n"
	    "clocks (due, met or late), the actions and, for supervisors and\n"
	    "admins, the history from the audit trail. category list|add|retire\n"
	    "keeps the category list (add and retire: admins). With --json:\n"
	    "times in epoch seconds, names by their English keys.\n",
	.run = run_complaint,
	.needs_actor = true,
};
