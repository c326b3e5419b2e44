/*
 * callback_form.c — the forms of a callback (see callback_form.h). Every
 * rule is the core's (src/core/callback.c): a form collects, shows what
 * the clerk needs to say and hear, and a refusal names the rule and the
 * field it is about.
 */
#include <stdlib.h>
#include <string.h>

#include "kefu/bill.h"
#include "kefu/clock.h"
#include "kefu/complaint.h"
#include "kefu/contact.h"
#include "kefu/customer.h"
#include "kefu/order.h"
#include "kefu/util.h"
#include "callback_form.h"

/* ---- names: the core's tables ---- */

const char *
callback_reason_label(int r)
{
	return kf_callback_reason_info(r)->label;
}

/* The core's words (its msgids are the callback's own: "to call back",
 * not another screen's "open"), one name table for every face. */
const char *
callback_state_label(int s)
{
	return kf_callback_state_info(s)->label;
}

void
callback_rate_text(int permille, char *buf, size_t n)
{
	if (permille < 0)
		snprintf(buf, n, "%s", "—");	/* nothing due: no rate */
	else if (permille % 10 == 0)
		snprintf(buf, n, "%d%%", permille / 10);
	else
		snprintf(buf, n, "%d.%d%%", permille / 10, permille % 10);
}

/* R40: phone or home visit (a letter is R46's, never typed here). */
static const char *const method_items[] = { N_("By phone"),
	N_("Home visit") };
static const char *const method_keys[] = { "phone", "visit" };
/* R45: a new problem promised a reply, or raised in one step. */
static const char *const raise_items[] = { N_("No: promise a reply"),
	N_("Raise as a complaint"), N_("Raise as a work order") };
static const char *const raise_keys[] = { "none", "complaint", "order" };
static const char *const yesno_items[] = { N_("No"), N_("Yes") };
static const char *const yesno_keys[] = { "0", "1" };

#define WHEN_HOW	N_("write the time as HH:MM (today) or " \
	"YYYY-MM-DD HH:MM")

/* A time typed into field (past: not ahead of now); "" is 0. */
static enum kf_rc
parse_when(struct ui *ui, const char *s, bool past, int64_t *t,
    const char *field, struct kf_err *err)
{
	if (kf_time_when(s, kf_core_now(ui->k), past, t, NULL) == KF_OK)
		return KF_OK;
	kf_err_set(err, KF_INVALID, "%s", _(WHEN_HOW));
	kf_err_field(err, field);
	return KF_INVALID;
}

/* "12-08 14:00" (this year) or "" for 0. */
static const char *
short_when(int64_t t, char *buf, size_t n)
{
	char full[32];

	if (t == 0) {
		buf[0] = '\0';
		return buf;
	}
	kf_time_local(t, full, sizeof(full));
	snprintf(buf, n, "%s", full + 5);
	return buf;
}

/* The satisfaction (R43's words): "(ask)" first, so none is chosen
 * until the customer says (the core refuses a missing score). */
static const char *const *
score_choices(const char *const **keys)
{
	static const char *items[6], *k[6];
	int i;

	items[0] = N_("(ask the customer)");
	k[0] = "";
	for (i = 0; i < 5; i++) {
		items[i + 1] = kf_complaint_score_info(KF_CPL_VERY_SATISFIED +
		    i)->label;
		k[i + 1] = kf_complaint_score_info(KF_CPL_VERY_SATISFIED +
		    i)->key;
	}
	*keys = k;
	return items;
}

/* ---- what the call screen shows above the form ---- */

/*
 * The lines read before the call, each one line (cut at the form's
 * width): who to call, the record it came from, what was done about it,
 * the script (two lines), the attempts so far.
 */
struct call_ctx {
	char	*who, *from, *done, *script, *tries;
	int	 lines;
};

static void
call_ctx_free(void *p)
{
	struct call_ctx *c = p;

	if (c == NULL)
		return;
	free(c->who);
	free(c->from);
	free(c->done);
	free(c->script);
	free(c->tries);
	free(c);
}

/* Who: the name and phone the source gave (the register's phone when
 * it gave none), the address on file. */
static char *
who_line(struct ui *ui, const struct kf_callback *c)
{
	struct kf_customer cu;
	char *addr = NULL, *phone = NULL, *s;

	if (c->customer_id != 0 &&
	    kf_customer_get(ui->k, c->customer_id, &cu, NULL) == KF_OK) {
		addr = kf_customer_address(&cu);
		if (cu.phones[0] != NULL)
			phone = xstrdup(cu.phones[0]);
		kf_customer_clear(&cu);
	}
	s = xasprintf("%s  %s%s%s", c->name ? c->name : "",
	    c->phone != NULL && c->phone[0] ? c->phone : phone ? phone : "",
	    addr != NULL ? "  " : "", addr != NULL ? addr : "");
	free(addr);
	free(phone);
	return s;
}

/*
 * Where the task came from and what was done about it, read from the
 * source (a complaint's result, a work order's work done, the call that
 * promised it, the problem a follow-up answers); a source the person may
 * not read shows the task's subject only.
 */
static void
source_lines(struct ui *ui, const struct kf_callback *c, char **from,
    char **done)
{
	struct kf_complaint cp;
	struct kf_order o;
	struct kf_contact ct;
	struct kf_callback p;
	char t[32];

	*from = *done = NULL;
	switch (c->reason) {
	case KF_CB_COMPLAINT:
		if (kf_complaint_get(ui->k, c->complaint_id, &cp, NULL) !=
		    KF_OK)
			break;
		*from = xasprintf(_("Complaint %lld: %s"),
		    (long long)cp.id, cp.what ? cp.what : "");
		*done = xasprintf(_("Result: %s"), cp.result ? cp.result : "");
		kf_complaint_clear(&cp);
		break;
	case KF_CB_ORDER:
	case KF_CB_SAMPLE:
		if (kf_order_get(ui->k, c->order_id, &o, NULL) != KF_OK)
			break;
		*from = xasprintf(_("Work order %lld: %s"), (long long)o.id,
		    o.fault ? o.fault : "");
		*done = xasprintf(_("Work done (%s): %s"), o.technician_name ?
		    o.technician_name : "", o.work_done ? o.work_done : "");
		kf_order_clear(&o);
		break;
	case KF_CB_PROMISE:
	case KF_CB_SUGGESTION:
		if (kf_contact_get(ui->k, c->contact_id, &ct, NULL) != KF_OK)
			break;
		*from = xasprintf(c->reason == KF_CB_PROMISE ?
		    _("Call of %s: %s") : _("Suggestion of %s: %s"),
		    short_when(ct.at, t, sizeof(t)), ct.asked ? ct.asked : "");
		if (c->reason == KF_CB_PROMISE)
			*done = xasprintf(_("Promised a callback by %s (R52)"),
			    short_when(c->due_at, t, sizeof(t)));
		else
			*done = xasprintf(_("Handled: %s"), ct.outcome ?
			    ct.outcome : "");
		kf_contact_clear(&ct);
		break;
	case KF_CB_FOLLOWUP:
		if (kf_callback_get(ui->k, c->parent_id, &p, NULL) != KF_OK)
			break;
		*from = xasprintf(_("Follow-up of callback %lld: %s"),
		    (long long)p.id, p.problem ? p.problem : "");
		*done = xasprintf(_("Reply promised by %s (R45)"),
		    short_when(p.reply_due_at, t, sizeof(t)));
		kf_callback_clear(&p);
		break;
	default:
		break;
	}
	if (*from == NULL)
		*from = xasprintf("%s: %s", _(callback_reason_label(c->reason)),
		    c->subject ? c->subject : "");
}

/*
 * The script line (as F2 says the greeting, R49): in the callers'
 * language, the company's name (F8's, on notices too) and the topic; a
 * promise is an answer called back (R52), a survey reads the script its
 * supervisor wrote (R41, kf_callback_survey_get), the rest ask how the
 * matter was handled.
 */
static char *
script_line(struct ui *ui, const struct kf_callback *c)
{
	struct kf_callback_survey sv;
	const char *co, *subj = c->subject ? c->subject : "";
	char company[96], *s;

	/* R41: a survey's own script, as its supervisor wrote it. */
	if (c->reason == KF_CB_SURVEY && c->survey_id != 0 &&
	    kf_callback_survey_get(ui->k, c->survey_id, &sv, NULL) == KF_OK) {
		s = xasprintf("%s %s", _("Say:"), sv.script);
		kf_callback_survey_clear(&sv);
		return s;
	}
	kf_bill_company(ui->k, company, sizeof(company));
	co = company[0] ? company : "物业";
	switch (c->reason) {
	case KF_CB_PROMISE:
		return xasprintf("%s 您好,我是%s客服,关于您咨询的“%s”,现在给您"
		    "回电答复。", _("Say:"), co, subj);
	case KF_CB_SURVEY:
		return xasprintf("%s 您好,我是%s客服,想占用您一分钟,就“%s”"
		    "听听您的意见。", _("Say:"), co, subj);
	case KF_CB_FOLLOWUP:	/* the reply comes first, then the question */
		return xasprintf("%s 您好,我是%s客服,关于您上次提出的“%s”,"
		    "现在给您答复。", _("Say:"), co, subj);
	default:
		return xasprintf("%s 您好,我是%s客服,关于您反映的“%s”,我们做"
		    "个回访,请问您对处理结果满意吗?", _("Say:"), co, subj);
	}
}

/* The attempts that did not reach, newest last: "Tried 2 times: …". */
static char *
tries_line(struct ui *ui, const struct kf_callback *c)
{
	struct kf_callback_attempt *v = NULL;
	struct kf_buf b = { 0 };
	char t[32], t2[32], *s;
	size_t n = 0, i;

	if (c->attempts == 0 || kf_callback_attempts(ui->k, c->id, &v, &n,
	    NULL) != KF_OK || n == 0)
		return xstrdup(_("Not tried yet."));
	kf_buf_printf(&b, _("Attempts (%zu):"), n);
	for (i = 0; i < n; i++) {
		kf_buf_printf(&b, "%s %s %s", i ? ";" : "",
		    short_when(v[i].at, t, sizeof(t)),
		    _(kf_callback_outcome_info(v[i].outcome)->label));
		if (v[i].outcome == KF_CB_CALL_LATER)
			kf_buf_printf(&b, " → %s", short_when(v[i].later_at,
			    t2, sizeof(t2)));
		if (v[i].by_name != NULL && v[i].by_name[0] != '\0')
			kf_buf_printf(&b, " (%s)", v[i].by_name);
	}
	kf_callback_attempts_free(v, n);
	s = xstrdup(kf_buf_str(&b));
	kf_buf_free(&b);
	return s;
}

static void
call_extra(struct ui *ui, struct form *f, int y, int x, int width)
{
	struct call_ctx *c = f->ctx;
	int l = 0;

	(void)ui;
	draw_text_cut(stdscr, y + l++, x, c->who, width, true);
	attron(theme(C_DIM));
	draw_text_cut(stdscr, y + l++, x, c->from, width, true);
	if (c->done != NULL && l < c->lines)
		draw_text_cut(stdscr, y + l++, x, c->done, width, true);
	attroff(theme(C_DIM));
	if (l < c->lines) {
		attron(theme(C_TITLE));
		l += draw_wrapped(stdscr, y + l, x, c->script, width,
		    c->lines - l - 1 > 2 ? 2 : c->lines - l - 1 > 0 ?
		    c->lines - l - 1 : 1);
		attroff(theme(C_TITLE));
	}
	if (l < c->lines) {
		attron(theme(C_WARN));
		draw_text_cut(stdscr, y + l, x, c->tries, width, true);
		attroff(theme(C_WARN));
	}
}

/* Shows the fields that the answers so far call for. */
static void
call_changed(struct ui *ui, struct form *f, struct field *fl)
{
	struct field *p = form_field(f, "problem");
	char *problem;
	bool visit = form_choice(f, "method") == 1, has;
	int score = form_choice(f, "score"), raise = form_choice(f, "raise");

	(void)ui;
	(void)fl;
	/* R43: a home visit's signature. */
	form_field(f, "signed_name")->hidden = !visit;
	form_field(f, "signed_at")->hidden = !visit;
	/* A reason below "satisfied" (the second choice after "ask"). */
	form_field(f, "reason")->hidden = score >= 0 && score <= 2;
	/* R45: a new problem: a reply promised, or raised in one step. */
	problem = lineedit_text(&p->ed);
	has = !kf_blank(problem);
	free(problem);
	form_field(f, "raise")->hidden = !has;
	form_field(f, "reply_due")->hidden = !has || raise != 0;
	form_field(f, "serious")->hidden = !has || raise != 1;
}

/* The core's field names in the form's terms. */
static void
field_of(struct form *f, struct kf_err *err)
{
	static const struct { const char *core, *form; } map[] = {
		{ "reply_due_at", "reply_due" }, { "raise_serious", "serious" },
		{ "later_at", "when" }, { "review_note", "note" },
		{ "cancel_reason", "reason" }, { "note", "note" },
		{ "reason_text", "reason" },
	};
	struct field *fl;
	size_t i;

	if (err->field[0] == '\0')
		return;
	if ((fl = form_field(f, err->field)) != NULL && !fl->hidden)
		return;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(err->field, map[i].core) == 0 &&
		    form_field(f, map[i].form) != NULL) {
			kf_err_field(err, map[i].form);
			return;
		}
	/* A field the answers hid (a reason after the score went up). */
	if (fl != NULL)
		fl->hidden = false;
}

/* ---- the forms of the moves ---- */

static const struct move_form {
	enum kf_callback_move	 mv;
	const char		*draft, *title, *done;
} move_forms[] = {
	{ KF_CB_MOVE_RECORD, "callback.record", N_("Calling back"),
	  N_("Callback %lld recorded.") },
	{ KF_CB_MOVE_ATTEMPT, "callback.later", N_("Call later"),
	  N_("Callback %lld: call later, the attempt kept.") },
	{ KF_CB_MOVE_REVIEW, "callback.review", N_("Review a callback"),
	  N_("Callback %lld reviewed and signed (R44).") },
	{ KF_CB_MOVE_CANCEL, "callback.cancel", N_("Cancel a callback"),
	  N_("Callback %lld cancelled.") },
};
#define NMOVE_FORMS (sizeof(move_forms) / sizeof(move_forms[0]))

/* A small form's context: which move it makes. */
struct move_ctx {
	const struct move_form	*m;
};

static const struct move_form *
move_form_of(enum kf_callback_move mv)
{
	size_t i;

	for (i = 0; i < NMOVE_FORMS; i++)
		if (move_forms[i].mv == mv)
			return &move_forms[i];
	return NULL;
}

const char *
callback_move_draft(enum kf_callback_move mv)
{
	const struct move_form *m = move_form_of(mv);

	return m != NULL ? m->draft : NULL;
}

const char *
callback_move_title(enum kf_callback_move mv)
{
	const struct move_form *m = move_form_of(mv);

	return m != NULL ? m->title : NULL;
}

/* The record form's submit (R40, R43, R45): one core call. */
static enum kf_rc
record_submit(struct ui *ui, struct form *f, struct kf_err *err)
{
	struct kf_callback_record r;
	char *said = form_text(f, "said"), *reason = form_text(f, "reason");
	char *sname = form_text(f, "signed_name");
	char *sat = form_text(f, "signed_at");
	char *problem = form_text(f, "problem");
	char *reply = form_text(f, "reply_due"), t[32];
	int score = form_choice(f, "score");
	int64_t new_id = 0;
	enum kf_rc rc;

	memset(&r, 0, sizeof(r));
	r.method = form_choice(f, "method") == 1 ? KF_CB_VISIT : KF_CB_PHONE;
	r.score = score == 0 ? KF_CPL_SCORE_NONE : (enum kf_complaint_score)
	    (KF_CPL_VERY_SATISFIED + score - 1);
	r.said = said;
	r.reason = form_field(f, "reason")->hidden ? "" : reason;
	if (r.method == KF_CB_VISIT) {
		r.signed_name = sname;
		rc = parse_when(ui, sat, true, &r.signed_at, "signed_at", err);
	} else
		rc = KF_OK;
	if (!kf_blank(problem)) {
		r.problem = problem;
		r.raise = (enum kf_callback_raise)form_choice(f, "raise");
		r.raise_serious = r.raise == KF_CB_RAISE_COMPLAINT &&
		    form_choice(f, "serious") == 1;
		if (rc == KF_OK && r.raise == KF_CB_RAISE_NONE)
			rc = parse_when(ui, reply, false, &r.reply_due_at,
			    "reply_due", err);
	}
	if (rc == KF_OK)
		rc = kf_callback_record(ui->k, f->record_id, f->seen_version,
		    &r, &new_id, err);
	if (rc == KF_OK) {
		if (new_id != 0 && r.raise == KF_CB_RAISE_COMPLAINT)
			ui_msg(ui, MSG_INFO, _("Callback %lld recorded; "
			    "complaint %lld raised."), (long long)f->record_id,
			    (long long)new_id);
		else if (new_id != 0 && r.raise == KF_CB_RAISE_ORDER)
			ui_msg(ui, MSG_INFO, _("Callback %lld recorded; "
			    "work order %lld raised."), (long long)f->record_id,
			    (long long)new_id);
		else if (new_id != 0)
			ui_msg(ui, MSG_INFO, _("Callback %lld recorded; "
			    "follow-up %lld due %s (R45)."),
			    (long long)f->record_id, (long long)new_id,
			    short_when(r.reply_due_at, t, sizeof(t)));
		else
			ui_msg(ui, MSG_INFO, _("Callback %lld recorded."),
			    (long long)f->record_id);
		ui_reload(ui);
	} else
		field_of(f, err);
	free(said);
	free(reason);
	free(sname);
	free(sat);
	free(problem);
	free(reply);
	return rc;
}

/* The other moves' submit: call later, review, cancel. */
static enum kf_rc
move_submit(struct ui *ui, struct form *f, struct kf_err *err)
{
	const struct move_form *m = ((struct move_ctx *)f->ctx)->m;
	char *note = form_text(f, "note"), *when = form_text(f, "when");
	char *reason = form_text(f, "reason"), msg[256];
	int64_t at = 0;
	enum kf_rc rc;

	switch (m->mv) {
	case KF_CB_MOVE_ATTEMPT:	/* call later: a time after now */
		if (kf_blank(when)) {
			rc = kf_err_set(err, KF_INVALID, "%s", _("when to call "
			    "again is required"));
			kf_err_field(err, "when");
		} else if ((rc = parse_when(ui, when, false, &at, "when",
		    err)) == KF_OK)
			rc = kf_callback_attempt(ui->k, f->record_id,
			    f->seen_version, KF_CB_CALL_LATER, at, note, err);
		break;
	case KF_CB_MOVE_REVIEW:		/* R44 */
		rc = kf_callback_review(ui->k, f->record_id, f->seen_version,
		    note, err);
		break;
	case KF_CB_MOVE_CANCEL:
		rc = kf_callback_cancel(ui->k, f->record_id, f->seen_version,
		    reason, err);
		break;
	default:
		rc = kf_err_set(err, KF_INVALID, "%s", _("not a move"));
	}
	if (rc == KF_OK && err->msg[0] != '\0') {
		/* Kept, with the core's warning: a call later past the
		 * deadline will be late (R47). */
		ui_msg(ui, MSG_INFO, "%s", err->msg);
		ui_reload(ui);
	} else if (rc == KF_OK) {
		text_fill(msg, sizeof(msg), _(m->done), f->record_id, NULL);
		ui_msg(ui, MSG_INFO, "%s", msg);
		ui_reload(ui);
	} else
		field_of(f, err);
	free(note);
	free(when);
	free(reason);
	return rc;
}

/* The task at the top of its small forms: number, who, what about. */
static void
add_head(struct form *f, const struct kf_callback *c)
{
	char head[512];

	snprintf(head, sizeof(head), "%lld  %s  %s  %s", (long long)c->id,
	    _(callback_reason_label(c->reason)), c->name ? c->name : "",
	    c->phone ? c->phone : "");
	form_add(f, "task", N_("Callback no."), FIELD_READONLY, head, 256);
	form_add(f, "subject", N_("About"), FIELD_READONLY, c->subject, 500);
}

/* What was recorded, in a line (the review shows it before the note). */
static void
recorded_lines(struct form *f, const struct kf_callback *c)
{
	char buf[512], t[32], t2[32];

	snprintf(buf, sizeof(buf), "%s  %s  %s %s",
	    c->method == KF_CB_LETTER ? _(kf_callback_method_info(
	    KF_CB_LETTER)->label) : _(method_items[c->method == KF_CB_VISIT]),
	    c->score != KF_CPL_SCORE_NONE ?
	    _(kf_complaint_score_info(c->score)->label) : "",
	    short_when(c->done_at, t, sizeof(t)), c->done_by_name ?
	    c->done_by_name : "");
	form_add(f, "how", N_("Recorded"), FIELD_READONLY, buf, 500);
	/* Nothing said (a complaint's callback noted with its score
	 * alone, M1): the score on the line above says it. */
	if (c->said != NULL && c->said[0] != '\0')
		form_add(f, "said_was", N_("Customer said"), FIELD_READONLY,
		    c->said, 500);
	if (c->reason_text != NULL && c->reason_text[0] != '\0')
		form_add(f, "why", N_("Why"), FIELD_READONLY, c->reason_text,
		    500);
	if (c->method == KF_CB_VISIT) {
		snprintf(buf, sizeof(buf), "%s  %s", c->signed_name ?
		    c->signed_name : "", short_when(c->signed_at, t2,
		    sizeof(t2)));
		form_add(f, "signed", N_("Signed (R43)"), FIELD_READONLY, buf,
		    200);
	}
	if (c->problem != NULL && c->problem[0] != '\0') {
		snprintf(buf, sizeof(buf), "%s  %s", c->problem,
		    short_when(c->reply_due_at, t, sizeof(t)));
		form_add(f, "problem_was", N_("New problem (R45)"),
		    FIELD_READONLY, buf, 500);
	}
}

/* The call screen and its record form (R40, R43, R45). */
static struct form *
call_form(struct ui *ui, const struct kf_callback *c)
{
	const struct move_form *m = move_form_of(KF_CB_MOVE_RECORD);
	struct call_ctx *x = xcalloc(1, sizeof(*x));
	const char *const *items, *const *keys;
	struct form *f;

	f = form_new(m->title, m->draft, c->id, record_submit);
	f->ctx = x;
	f->free_ctx = call_ctx_free;
	f->seen_version = c->version;
	f->on_change = call_changed;
	f->draw_extra = call_extra;
	x->who = who_line(ui, c);
	source_lines(ui, c, &x->from, &x->done);
	x->script = script_line(ui, c);
	x->tries = tries_line(ui, c);
	/*
	 * The lines above the fields, as many as an 80x24 screen holds
	 * beside the most fields the answers can show (ten, and a
	 * refusal's two lines): the script and the attempts last to go.
	 */
	x->lines = LINES - 1 - 4 - 1 - 12;
	x->lines = x->lines > 6 ? 6 : x->lines < 2 ? 2 : x->lines;
	f->extra_lines = x->lines;
	form_add_choice(f, "method", N_("Method"), method_items, method_keys,
	    2, false, 0);
	form_add(f, "signed_name", N_("Signed by"), FIELD_TEXT, NULL, 64);
	form_add(f, "signed_at", N_("Signed at"), FIELD_TEXT, NULL, 20);
	items = score_choices(&keys);
	form_add_choice(f, "score", N_("Satisfaction"), items, keys, 6, false,
	    0);
	form_add(f, "reason", N_("Why not satisfied"), FIELD_TEXT, NULL, 500);
	form_add(f, "said", N_("Customer said"), FIELD_TEXT, NULL, 500);
	form_add(f, "problem", N_("New problem"), FIELD_TEXT, NULL, 500);
	form_add_choice(f, "raise", N_("Then"), raise_items, raise_keys, 3,
	    false, 0);
	form_add(f, "reply_due", N_("Reply by"), FIELD_TEXT, NULL, 20);
	form_add_choice(f, "serious", N_("Serious (R29)"), yesno_items,
	    yesno_keys, 2, false, 0);
	call_changed(ui, f, NULL);
	return f;
}

struct form *
callback_move_form(struct ui *ui, const struct kf_callback *c,
    enum kf_callback_move mv)
{
	const struct move_form *m = move_form_of(mv);
	struct move_ctx *mc;
	struct form *f;

	if (m == NULL)
		return NULL;
	if (mv == KF_CB_MOVE_RECORD)
		return call_form(ui, c);
	f = form_new(m->title, m->draft, c->id, move_submit);
	mc = xcalloc(1, sizeof(*mc));
	mc->m = m;
	f->ctx = mc;			/* freed with the form (free()) */
	f->seen_version = c->version;
	add_head(f, c);
	switch (mv) {
	case KF_CB_MOVE_ATTEMPT:
		form_add(f, "when", N_("Call again at"), FIELD_TEXT, NULL, 20);
		form_add(f, "note", N_("Note"), FIELD_TEXT, NULL, 500);
		break;
	case KF_CB_MOVE_REVIEW:		/* R44: what she signs, first */
		recorded_lines(f, c);
		form_add(f, "note", N_("Review note"), FIELD_TEXT, NULL, 500);
		break;
	case KF_CB_MOVE_CANCEL:
		form_add(f, "reason", N_("Why cancelled"), FIELD_TEXT, NULL,
		    500);
		break;
	default:
		break;
	}
	return f;
}

/* ---- a callback whole ---- */

struct form *
callback_view_form(struct ui *ui, const struct kf_callback *c)
{
	struct form *f = form_new(N_("Callback record"), NULL, c->id,
	    form_view_submit);
	char buf[512], t[32], t2[32], *from, *done, *who;

	snprintf(buf, sizeof(buf), "%lld  %s / %s", (long long)c->id,
	    _(callback_reason_label(c->reason)),
	    _(callback_state_label(c->state)));
	form_add(f, "id", N_("Callback no."), FIELD_READONLY, buf, 256);
	who = who_line(ui, c);
	form_add(f, "who", N_("Customer"), FIELD_READONLY, who, 500);
	free(who);
	source_lines(ui, c, &from, &done);
	form_add(f, "from", N_("From"), FIELD_READONLY, from, 500);
	if (done != NULL)
		form_add(f, "done_was", N_("How it was handled"),
		    FIELD_READONLY,
		    done, 500);
	free(from);
	free(done);
	snprintf(buf, sizeof(buf), "%s  %s  %s", short_when(c->due_at, t,
	    sizeof(t)), c->owner_name && c->owner_name[0] ? c->owner_name :
	    _("(pool)"), c->next_try_at ? short_when(c->next_try_at, t2,
	    sizeof(t2)) : "");
	form_add(f, "due", N_("Due, owner"), FIELD_READONLY, buf, 256);
	if (c->attempts > 0) {
		who = tries_line(ui, c);
		form_add(f, "tries", N_("Attempts"), FIELD_READONLY, who, 500);
		free(who);
	}
	if (c->state == KF_CB_DONE || c->state == KF_CB_REVIEWED)
		recorded_lines(f, c);
	if (c->state == KF_CB_REVIEWED) {
		snprintf(buf, sizeof(buf), "%s  %s  %s", c->reviewed_by_name ?
		    c->reviewed_by_name : "", short_when(c->reviewed_at, t,
		    sizeof(t)), c->review_note ? c->review_note : "");
		form_add(f, "reviewed", N_("Reviewed (R44)"), FIELD_READONLY,
		    buf, 500);
	}
	if (c->state == KF_CB_CANCELLED)
		form_add(f, "cancelled", N_("Cancelled"), FIELD_READONLY,
		    c->cancel_reason, 500);
	return f;
}
