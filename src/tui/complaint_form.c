/*
 * complaint_form.c — the forms of a complaint (see complaint_form.h).
 * Every rule is the core's (src/core/complaint.c): a form only collects,
 * and a refusal names the rule and the field it is about.
 */
#include <stdlib.h>
#include <string.h>

#include "kefu/clock.h"
#include "kefu/complaint.h"
#include "kefu/contact.h"
#include "kefu/customer.h"
#include "kefu/staff.h"
#include "kefu/util.h"
#include "complaint_form.h"

/* ---- names: the core's tables ---- */

static const char *const yesno_items[] = { N_("No"), N_("Yes") };
static const char *const yesno_keys[] = { "0", "1" };
static const char *const valid_items[] = { N_("Valid"), N_("Invalid") };
static const char *const valid_keys[] = { "valid", "invalid" };
/* R40: how the callback was made (kf_complaint_callback's method). */
static const char *const method_items[] = { N_("By phone"),
	N_("Home visit") };
static const char *const method_keys[] = { "phone", "visit" };

const char *
complaint_state_label(int s)
{
	return kf_complaint_state_info(s)->label;
}

const char *
complaint_severity_label(int sev)
{
	return kf_complaint_severity_info(sev)->label;
}

/* The severity choice: the core's table (filled once; outlives forms). */
static const char *const *
severity_choices(const char *const **keys)
{
	static const char *items[2], *k[2];
	int i;

	for (i = 0; i < 2; i++) {
		items[i] = kf_complaint_severity_info(i)->label;
		k[i] = kf_complaint_severity_info(i)->key;
	}
	*keys = k;
	return items;
}

const char *
complaint_clock_label(int clk)
{
	return kf_complaint_clock_info(clk)->label;
}

/*
 * R27: the apology said before anything is asked, in the callers'
 * language (as the greeting of R49 is); the English UI shows what it
 * means under it (APOLOGY, whose Chinese is this line).
 */
static const char apology_zh[] = "非常抱歉给您带来不便!您反映的问题我们"
    "一定认真处理,并尽快把处理结果告诉您。";
#define APOLOGY	N_("We are very sorry for the inconvenience! We will look " \
	"into the problem you reported carefully and let you know the " \
	"result as soon as possible.")
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

/* ---- people (forward, an action's owner, escalate) ---- */

void
complaint_people_free(struct complaint_people *p)
{
	kf_staff_list_free(p->v, p->nv);
	free(p->names);
	free(p->logins);
	free(p->ids);
	memset(p, 0, sizeof(*p));
}

bool
complaint_people_load(struct ui *ui, unsigned mask, struct complaint_people *p)
{
	struct kf_staff *v = NULL;
	struct kf_err err;
	size_t n = 0, i;

	if (kf_staff_colleagues(ui->k, mask, 500, &v, &n, &err) != KF_OK) {
		ui_err(ui, &err);
		return false;
	}
	complaint_people_free(p);
	p->v = v;
	p->nv = n;
	p->names = xcalloc(n + 1, sizeof(char *));
	p->logins = xcalloc(n + 1, sizeof(char *));
	p->ids = xcalloc(n + 1, sizeof(int64_t));
	for (i = 0; i < n; i++) {
		if (v[i].disabled)
			continue;	/* a complaint goes to one who works */
		p->names[p->n] = v[i].display_name;
		p->logins[p->n] = v[i].login;
		p->ids[p->n++] = v[i].id;
	}
	if (p->n == 0)
		ui_msg(ui, MSG_ERROR, "%s", _("There is nobody to choose."));
	return p->n > 0;
}

/* ---- registering a complaint (R27, R28, R48) ---- */

#define MAX_SIMILAR	5

struct new_ctx {
	int64_t		 contact_id;
	int64_t		 customer_id;
	char		*account;	/* the customer_id's, as looked up */
	char		*community, *building;
	/* Categories (R27's configurable list). */
	struct kf_complaint_category *cats;
	size_t		 ncats;
	char	       **cat_items;
	const char	**cat_keys;
	/* Whom it is forwarded to: "(later)", then the people. */
	struct kf_staff	*staff;
	size_t		 nstaff;
	const char	**who_items, **who_keys;
	int64_t		*who_ids;
	int		 nwho;
	/* R48: the likely duplicates, offered before saving. */
	struct kf_complaint_similar *sim;
	size_t		 nsim;
	char	       **sim_items, **sim_keys;
	char		 offered[128];	/* the ids last offered at a save */
};

static void
free_sim(struct new_ctx *c)
{
	size_t i;

	kf_complaint_similar_free(c->sim, c->nsim);
	for (i = 0; c->sim_items != NULL && i <= c->nsim; i++) {
		free(c->sim_items[i]);
		free(c->sim_keys[i]);
	}
	free(c->sim_items);
	free(c->sim_keys);
	c->sim = NULL;
	c->sim_items = c->sim_keys = NULL;
	c->nsim = 0;
}

static void
new_ctx_free(void *p)
{
	struct new_ctx *c = p;
	size_t i;

	if (c == NULL)
		return;
	free(c->account);
	free(c->community);
	free(c->building);
	for (i = 0; i < c->ncats; i++)
		free(c->cat_items[i]);
	free(c->cat_items);
	free(c->cat_keys);
	kf_complaint_categories_free(c->cats, c->ncats);
	kf_staff_list_free(c->staff, c->nstaff);
	free(c->who_items);
	free(c->who_keys);
	free(c->who_ids);
	free_sim(c);
	free(c);
}

/* The customer on file the account field names now (0: none). */
static void
look_up_customer(struct ui *ui, struct new_ctx *c, const char *acc)
{
	struct kf_customer cu;

	if (c->account != NULL && strcmp(c->account, acc) == 0)
		return;
	free(c->account);
	c->account = xstrdup(acc);
	free(c->community);
	free(c->building);
	c->community = c->building = NULL;
	c->customer_id = 0;
	if (kf_blank(acc) ||
	    kf_customer_get_account(ui->k, acc, &cu, NULL) != KF_OK)
		return;
	c->customer_id = cu.id;
	c->community = xstrdup(cu.community);
	c->building = xstrdup(cu.building);
	kf_customer_clear(&cu);
}

/* The complaint as the form holds it now (strings allocated). */
static void
read_form(struct form *f, struct new_ctx *c, struct kf_complaint *o)
{
	memset(o, 0, sizeof(*o));
	o->contact_id = c->contact_id;
	o->customer_id = c->customer_id;
	o->name = form_text(f, "name");
	o->phone = form_text(f, "phone");
	o->what = form_text(f, "what");
	o->place = form_text(f, "place");
	o->community = xstrdup(c->community ? c->community : "");
	o->building = xstrdup(c->building ? c->building : "");
	/* R33: channel company is made to the company (the core says so). */
	o->channel = (enum kf_complaint_channel)form_choice(f, "channel");
	o->municipal = form_choice(f, "municipal") == 1;
	o->severity = form_choice(f, "severity") == 1 ? KF_CPL_SERIOUS :
	    KF_CPL_ORDINARY;
	o->category_id = c->ncats > 0 ?
	    c->cats[form_choice(f, "category")].id : 0;
	o->responsible_id = c->who_ids[form_choice(f, "responsible")];
	o->valid = -1;
}

/*
 * R48: the likely duplicates of what is typed now, as the "Same as"
 * choice ("A new complaint", "Same as #12 (same customer): …"). The one
 * chosen stays chosen while it is still offered.
 */
static void
find_similar(struct ui *ui, struct form *f, struct new_ctx *c)
{
	struct field *link = form_field(f, "link");
	int64_t chosen = link->choice > 0 && (size_t)link->choice <= c->nsim ?
	    c->sim[link->choice - 1].c.id : 0;
	struct kf_complaint o;
	struct kf_err err;
	char when[32];
	size_t i;

	read_form(f, c, &o);
	free_sim(c);
	if (kf_complaint_similar(ui->k, &o, MAX_SIMILAR, &c->sim, &c->nsim,
	    &err) != KF_OK)
		c->nsim = 0;
	kf_complaint_clear(&o);
	c->sim_items = xcalloc(c->nsim + 1, sizeof(char *));
	c->sim_keys = xcalloc(c->nsim + 1, sizeof(char *));
	c->sim_items[0] = xstrdup(_("A new complaint"));
	c->sim_keys[0] = xstrdup("new");
	link->choice = 0;
	for (i = 0; i < c->nsim; i++) {
		kf_time_local(c->sim[i].c.registered_at, when, sizeof(when));
		c->sim_items[i + 1] = xasprintf(_("Same as #%lld (%s, %.10s): "
		    "%s"), (long long)c->sim[i].c.id, _(c->sim[i].why), when,
		    c->sim[i].c.what);
		c->sim_keys[i + 1] = xasprintf("%lld",
		    (long long)c->sim[i].c.id);
		if (c->sim[i].c.id == chosen)
			link->choice = (int)i + 1;
	}
	link->items = (const char *const *)c->sim_items;
	link->keys = (const char *const *)c->sim_keys;
	link->nitems = (int)c->nsim + 1;
	link->hidden = c->nsim == 0;
}

static void
new_changed(struct ui *ui, struct form *f, struct field *fl)
{
	struct new_ctx *c = f->ctx;
	char *acc;

	if (ui->dialog != NULL)
		return;		/* a picker shows the choices: not now */
	if (strcmp(fl->name, "customer") == 0) {
		acc = form_text(f, "customer");
		look_up_customer(ui, c, acc);
		free(acc);
	}
	if (strcmp(fl->name, "customer") == 0 ||
	    strcmp(fl->name, "phone") == 0 ||
	    strcmp(fl->name, "place") == 0 || strcmp(fl->name, "what") == 0)
		find_similar(ui, f, c);
}

/* Whether the UI speaks the caller's language (no meaning to add). */
static bool
ui_speaks_chinese(void)
{
	return strcmp(_(APOLOGY), apology_zh) == 0;
}

/* The apology first (R27), then what the duplicates are. */
static void
new_extra(struct ui *ui, struct form *f, int y, int x, int width)
{
	struct new_ctx *c = f->ctx;
	char buf[512];

	(void)ui;
	snprintf(buf, sizeof(buf), "%s %s", _("Apologise first (R27):"),
	    apology_zh);
	wattron(stdscr, theme(C_TITLE));
	draw_wrapped(stdscr, y, x, buf, width, 2);
	wattroff(stdscr, theme(C_TITLE));
	y += 2;
	if (!ui_speaks_chinese()) {
		attron(theme(C_DIM));
		draw_text_cut(stdscr, y++, x, _(APOLOGY), width, true);
		attroff(theme(C_DIM));
	}
	if (c->nsim == 0) {
		draw_text(stdscr, y, x, _("No similar complaint found."),
		    width, true);
		return;
	}
	snprintf(buf, sizeof(buf), _("%zu likely duplicate(s) (R48), first "
	    "#%lld: %s %s"), c->nsim, (long long)c->sim[0].c.id,
	    _(complaint_state_label(c->sim[0].c.state)), c->sim[0].c.what);
	wattron(stdscr, theme(C_WARN));
	draw_text_cut(stdscr, y, x, buf, width, true);
	wattroff(stdscr, theme(C_WARN));
}

/* The ids offered now, to tell whether a save has shown them. */
static void
sim_ids(const struct new_ctx *c, char *buf, size_t n)
{
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < c->nsim && len < n; i++)
		len += (size_t)snprintf(buf + len, n - len, "%lld,",
		    (long long)c->sim[i].c.id);
}

static enum kf_rc
new_submit(struct ui *ui, struct form *f, struct kf_err *err)
{
	struct new_ctx *c = f->ctx;
	struct field *link = form_field(f, "link");
	struct kf_complaint o;
	char *when = form_text(f, "happened_at"), ids[128], due[32];
	char *cid = form_text(f, "contact_id"), *acc = form_text(f, "customer");
	int64_t id;
	enum kf_rc rc;

	/* What a draft put back: the call, the customer of the account. */
	c->contact_id = strtoll(cid, NULL, 10);
	look_up_customer(ui, c, acc);
	free(cid);
	free(acc);
	/* R48: offered before saving, once for each set of duplicates. */
	sim_ids(c, ids, sizeof(ids));
	if (c->nsim > 0 && link->choice == 0 && strcmp(ids, c->offered) != 0) {
		snprintf(c->offered, sizeof(c->offered), "%s", ids);
		f->keep_open = true;
		f->cur = (int)(link - f->f);
		ui_msg(ui, MSG_ERROR, "%s", _("Likely duplicates (R48): link "
		    "one under Same as, or save again."));
		free(when);
		return KF_OK;
	}
	read_form(f, c, &o);
	if (link->choice > 0 && (size_t)link->choice <= c->nsim)
		o.duplicate_of = c->sim[link->choice - 1].c.id;
	if ((rc = parse_when(ui, when, true, &o.happened_at, "happened_at",
	    err)) == KF_OK)
		rc = kf_complaint_new(ui->k, &o, &id, err);
	if (rc == KF_OK) {
		if (o.duplicate_of != 0)
			ui_msg(ui, MSG_INFO, _("Complaint %lld registered, "
			    "linked to complaint %lld (R48)."), (long long)id,
			    (long long)o.duplicate_of);
		else if (o.due_at != 0) {
			kf_time_local(o.due_at, due, sizeof(due));
			ui_msg(ui, MSG_INFO, _("Complaint %lld registered; due "
			    "%s."), (long long)id, due + 5);
		} else
			ui_msg(ui, MSG_INFO, _("Complaint %lld registered."),
			    (long long)id);
		ui_reload(ui);
	} else if (strcmp(err->field, "customer_id") == 0)
		kf_err_field(err, "customer");
	else if (strcmp(err->field, "category_id") == 0)
		kf_err_field(err, "category");
	else if (strcmp(err->field, "responsible_id") == 0)
		kf_err_field(err, "responsible");
	kf_complaint_clear(&o);
	free(when);
	return rc;
}

/* The contact log's channel as a complaint's (R27: how it came). */
static int
channel_of(const struct kf_contact *ct)
{
	switch (ct->channel) {
	case KF_CONTACT_CH_HOTLINE:
		return KF_CPL_CH_HOTLINE;
	case KF_CONTACT_CH_WALK_IN:
		return KF_CPL_CH_WALK_IN;
	case KF_CONTACT_CH_PHONE_IN:
		return KF_CPL_CH_PHONE_IN;
	default:
		return KF_CPL_CH_OTHER;
	}
}

/* The channel choice: the core's table (filled once; outlives forms). */
static const char *const *
channel_choices(const char *const **keys)
{
	static const char *items[KF_CPL_CH_COUNT], *k[KF_CPL_CH_COUNT];
	int i;

	for (i = 0; i < KF_CPL_CH_COUNT; i++) {
		items[i] = kf_complaint_channel_info(i)->label;
		k[i] = kf_complaint_channel_info(i)->key;
	}
	*keys = k;
	return items;
}

/* The categories and the people of the form: false when it cannot be
 * offered (said why). */
static bool
new_lists(struct ui *ui, struct new_ctx *c)
{
	struct kf_err err;
	size_t i;

	if (kf_complaint_categories(ui->k, false, &c->cats, &c->ncats, &err) !=
	    KF_OK) {
		ui_err(ui, &err);
		return false;
	}
	c->cat_items = xcalloc(c->ncats + 1, sizeof(char *));
	c->cat_keys = xcalloc(c->ncats + 1, sizeof(char *));
	for (i = 0; i < c->ncats; i++) {
		/* A seeded label is a msgid, an added one as typed. */
		c->cat_items[i] = xstrdup(_(c->cats[i].label));
		c->cat_keys[i] = c->cats[i].key;
	}
	if (kf_staff_colleagues(ui->k, KF_ROLE_ALL, 500, &c->staff, &c->nstaff,
	    &err) != KF_OK)
		c->nstaff = 0;
	c->who_items = xcalloc(c->nstaff + 1, sizeof(char *));
	c->who_keys = xcalloc(c->nstaff + 1, sizeof(char *));
	c->who_ids = xcalloc(c->nstaff + 1, sizeof(int64_t));
	c->who_items[0] = _("(forward later)");
	c->who_keys[0] = "";
	c->nwho = 1;
	for (i = 0; i < c->nstaff; i++) {
		if (c->staff[i].disabled)
			continue;
		c->who_items[c->nwho] = c->staff[i].display_name;
		c->who_keys[c->nwho] = c->staff[i].login;
		c->who_ids[c->nwho++] = c->staff[i].id;
	}
	return true;
}

struct form *
complaint_form(struct ui *ui, const struct kf_contact *ct)
{
	struct new_ctx *c = xcalloc(1, sizeof(*c));
	const char *const *items, *const *keys;
	struct kf_customer cu;
	struct form *f;
	struct field *fl;
	char *place = NULL, name[96] = "", cid[24];
	bool from_call = ct != NULL && ct->id != 0;

	if (!new_lists(ui, c)) {
		new_ctx_free(c);
		return NULL;
	}
	/* Drafted (an SSH drop loses nothing): one from a call under the
	 * call (negative: no record yet), one typed at F4 under the moment
	 * it began, so one complaint's draft never fills in the next. */
	f = form_new(from_call ? N_("Complaint from the call") :
	    COMPLAINT_NEW_TITLE, COMPLAINT_NEW_DRAFT, from_call ? -ct->id :
	    -kf_core_now(ui->k), new_submit);
	f->ctx = c;
	f->free_ctx = new_ctx_free;
	f->on_change = new_changed;
	f->extra_lines = ui_speaks_chinese() ? 3 : 4;
	f->draw_extra = new_extra;
	if (ct != NULL) {
		c->contact_id = ct->id;
		snprintf(name, sizeof(name), "%s%s", ct->caller_name ?
		    ct->caller_name : "", ct->caller_title ? ct->caller_title :
		    "");
	}
	if (ct != NULL && ct->customer_id != 0 &&
	    kf_customer_get(ui->k, ct->customer_id, &cu, NULL) == KF_OK) {
		c->customer_id = cu.id;
		c->account = xstrdup(cu.account);
		c->community = xstrdup(cu.community);
		c->building = xstrdup(cu.building);
		place = kf_customer_address(&cu);
		if (name[0] == '\0')
			snprintf(name, sizeof(name), "%s", cu.name);
		kf_customer_clear(&cu);
	}
	fl = form_add_choice(f, "link", N_("Same as"), NULL, NULL, 0, true, 0);
	fl->hidden = true;
	/* The call it came from, drafted with the rest (not shown). */
	snprintf(cid, sizeof(cid), "%lld", (long long)c->contact_id);
	fl = form_add(f, "contact_id", N_("Contact"), FIELD_TEXT, cid, 20);
	fl->hidden = true;
	form_add(f, "customer", N_("Customer account"), FIELD_TEXT, c->account,
	    32);
	form_add(f, "name", N_("Complainant"), FIELD_TEXT, name, 64);
	form_add(f, "phone", N_("Phone"), FIELD_TEXT, ct != NULL ?
	    ct->caller_phone : NULL, 24);
	form_add(f, "what", N_("What happened"), FIELD_TEXT, ct != NULL ?
	    ct->asked : NULL, 2000);
	form_add(f, "place", N_("Where"), FIELD_TEXT, place, 200);
	form_add(f, "happened_at", N_("When it happened"), FIELD_TEXT, NULL,
	    20);
	items = channel_choices(&keys);
	form_add_choice(f, "channel", N_("Channel"), items, keys,
	    KF_CPL_CH_COUNT, false, ct != NULL ? channel_of(ct) :
	    KF_CPL_CH_HOTLINE);
	form_add_choice(f, "category", N_("Category"),
	    (const char *const *)c->cat_items, c->cat_keys, (int)c->ncats,
	    true, 0);
	items = severity_choices(&keys);
	form_add_choice(f, "severity", N_("Severity"), items, keys, 2, false,
	    KF_CPL_ORDINARY);
	form_add_choice(f, "municipal", N_("Municipal body"), yesno_items,
	    yesno_keys, 2, false, 0);
	form_add_choice(f, "responsible", N_("Forward to"), c->who_items,
	    c->who_keys, c->nwho, true, 0);
	find_similar(ui, f, c);
	/* The first thing to ask that the call did not say. */
	if (name[0] == '\0')
		f->focus = "name";
	else if (ct == NULL || kf_blank(ct->asked))
		f->focus = "what";
	else
		f->focus = place == NULL ? "place" : "happened_at";
	free(place);
	return f;
}

/* ---- the forms of the moves that take input ---- */

/*
 * One row a move: its draft key and title, and what is said when it is
 * done ("%lld" the complaint).
 */
static const struct move_form {
	enum kf_complaint_move	 mv;
	const char		*draft, *title, *done;
} move_forms[] = {
	{ KF_CPL_MOVE_ANALYSE, "complaint.analyse", N_("Analyse a complaint"),
	  N_("Complaint %lld analysed.") },
	{ KF_CPL_MOVE_EXPLAIN, "complaint.explain", N_("Explain an invalid "
	  "complaint"), N_("Explanation recorded for complaint %lld.") },
	{ KF_CPL_MOVE_ACTION, "complaint.action", N_("Corrective action"),
	  N_("Corrective action set on complaint %lld.") },
	{ KF_CPL_MOVE_VERIFY, "complaint.verify", N_("Verify an action"),
	  N_("Action verified on complaint %lld.") },
	{ KF_CPL_MOVE_RESULT, "complaint.result", N_("Result of a complaint"),
	  N_("Result recorded for complaint %lld; the callback is due.") },
	{ KF_CPL_MOVE_CALLBACK, "complaint.callback", N_("Complaint callback"),
	  N_("Callback recorded for complaint %lld.") },
	{ KF_CPL_MOVE_REOPEN, "complaint.reopen", N_("Reopen a complaint"),
	  N_("Complaint %lld reopened.") },
	{ KF_CPL_MOVE_WITHDRAW, "complaint.withdraw", N_("Withdraw a "
	  "complaint"), N_("Complaint %lld withdrawn.") },
	{ KF_CPL_MOVE_VISIT, "complaint.visit", N_("On-site visit"),
	  N_("On-site visit recorded for complaint %lld.") },
	{ KF_CPL_MOVE_REPLY, "complaint.reply", N_("Interim reply"),
	  N_("Interim reply recorded for complaint %lld.") },
	{ KF_CPL_MOVE_LINK, "complaint.link", N_("Link a duplicate"),
	  N_("Complaint %lld linked.") },
};
#define NMOVE_FORMS (sizeof(move_forms) / sizeof(move_forms[0]))

static const struct move_form *
move_form_of(enum kf_complaint_move mv)
{
	size_t i;

	for (i = 0; i < NMOVE_FORMS; i++)
		if (move_forms[i].mv == mv)
			return &move_forms[i];
	return NULL;
}

const char *
complaint_move_draft(enum kf_complaint_move mv)
{
	const struct move_form *m = move_form_of(mv);

	return m != NULL ? m->draft : NULL;
}

const char *
complaint_move_title(enum kf_complaint_move mv)
{
	const struct move_form *m = move_form_of(mv);

	return m != NULL ? m->title : NULL;
}

/* A move's form: which move, the people (an owner), the actions. */
struct move_ctx {
	const struct move_form	*m;
	struct kf_staff		*staff;
	size_t			 nstaff;
	const char		**who_items, **who_keys;
	int64_t			*who_ids;
	int			 nwho;
	struct kf_complaint_action *acts;	/* unverified ones */
	size_t			 nacts;
	char		       **act_items, **act_keys;
};

static void
move_ctx_free(void *p)
{
	struct move_ctx *c = p;
	size_t i;

	if (c == NULL)
		return;
	kf_staff_list_free(c->staff, c->nstaff);
	free(c->who_items);
	free(c->who_keys);
	free(c->who_ids);
	for (i = 0; i < c->nacts; i++) {
		free(c->act_items[i]);
		free(c->act_keys[i]);
	}
	free(c->act_items);
	free(c->act_keys);
	kf_complaint_actions_free(c->acts, c->nacts);
	free(c);
}

/*
 * Who may own a corrective action: every enabled account; one who may
 * not read colleagues' names (a technician, R54) names himself.
 */
static bool
load_owners(struct ui *ui, struct move_ctx *c)
{
	struct kf_err err;
	size_t i;

	if (kf_staff_colleagues(ui->k, KF_ROLE_ALL, 500, &c->staff, &c->nstaff,
	    &err) != KF_OK) {
		if (err.rc != KF_DENIED) {
			ui_err(ui, &err);
			return false;
		}
		c->nstaff = 0;
	}
	c->who_items = xcalloc(c->nstaff + 1, sizeof(char *));
	c->who_keys = xcalloc(c->nstaff + 1, sizeof(char *));
	c->who_ids = xcalloc(c->nstaff + 1, sizeof(int64_t));
	if (c->nstaff == 0) {
		c->who_items[0] = ui->display_name != NULL ? ui->display_name :
		    kf_core_actor_login(ui->k);
		c->who_keys[0] = kf_core_actor_login(ui->k);
		c->who_ids[0] = kf_core_actor_id(ui->k);
		c->nwho = 1;
		return true;
	}
	for (i = 0; i < c->nstaff; i++) {
		if (c->staff[i].disabled)
			continue;
		c->who_items[c->nwho] = c->staff[i].display_name;
		c->who_keys[c->nwho] = c->staff[i].login;
		c->who_ids[c->nwho++] = c->staff[i].id;
	}
	return c->nwho > 0;
}

/* The actions not verified yet (R36), for the verify form. */
static bool
load_actions(struct ui *ui, const struct kf_complaint *k, struct move_ctx *c)
{
	struct kf_complaint_action *v = NULL;
	struct kf_err err;
	char due[32];
	size_t n = 0, i;

	if (kf_complaint_actions(ui->k, k->id, &v, &n, &err) != KF_OK) {
		ui_err(ui, &err);
		return false;
	}
	c->acts = xcalloc(n + 1, sizeof(*c->acts));
	c->act_items = xcalloc(n + 1, sizeof(char *));
	c->act_keys = xcalloc(n + 1, sizeof(char *));
	for (i = 0; i < n; i++) {
		if (v[i].verified_at != 0) {
			kf_complaint_action_clear(&v[i]);
			continue;
		}
		kf_time_local(v[i].due_at, due, sizeof(due));
		c->act_items[c->nacts] = xasprintf("#%lld %s (%s, %s)",
		    (long long)v[i].id, v[i].text, v[i].owner_name ?
		    v[i].owner_name : "", due + 5);
		c->act_keys[c->nacts] = xasprintf("%lld", (long long)v[i].id);
		c->acts[c->nacts++] = v[i];	/* moved: its strings too */
	}
	free(v);
	if (c->nacts == 0)
		ui_msg(ui, MSG_ERROR, "%s", _("Every action of this complaint "
		    "is verified."));
	return c->nacts > 0;
}

static enum kf_rc
make_move(struct ui *ui, struct form *f, struct move_ctx *c,
    struct kf_err *err)
{
	char *t = form_text(f, "text"), *t2 = form_text(f, "text2");
	char *when = form_text(f, "when"), *end;
	int64_t at = 0, to;
	enum kf_rc rc = KF_OK;

	switch (c->m->mv) {
	case KF_CPL_MOVE_ANALYSE:
		rc = kf_complaint_analyse(ui->k, f->record_id, f->seen_version,
		    form_choice(f, "valid") == 0, t, t2, err);
		break;
	case KF_CPL_MOVE_EXPLAIN:
		rc = kf_complaint_explain(ui->k, f->record_id, f->seen_version,
		    t, err);
		break;
	case KF_CPL_MOVE_ACTION:
		if ((rc = parse_when(ui, when, false, &at, "when", err)) ==
		    KF_OK)
			rc = kf_complaint_action(ui->k, f->record_id,
			    f->seen_version, t, c->who_ids[form_choice(f,
			    "owner")], at, NULL, err);
		break;
	case KF_CPL_MOVE_VERIFY:
		rc = kf_complaint_verify(ui->k, f->record_id, f->seen_version,
		    c->acts[form_choice(f, "action")].id, t, err);
		break;
	case KF_CPL_MOVE_RESULT:
		rc = kf_complaint_result(ui->k, f->record_id, f->seen_version,
		    t, err);
		break;
	case KF_CPL_MOVE_CALLBACK:
		rc = kf_complaint_callback(ui->k, f->record_id, f->seen_version,
		    form_choice(f, "method"), (enum kf_complaint_score)
		    (form_choice(f, "score") + KF_CPL_VERY_SATISFIED), t, t2, err);
		break;
	case KF_CPL_MOVE_REOPEN:
		rc = kf_complaint_reopen(ui->k, f->record_id, f->seen_version,
		    t, err);
		break;
	case KF_CPL_MOVE_WITHDRAW:
		rc = kf_complaint_withdraw(ui->k, f->record_id, f->seen_version,
		    t, err);
		break;
	case KF_CPL_MOVE_VISIT:
		if ((rc = parse_when(ui, when, true, &at, "when", err)) ==
		    KF_OK)
			rc = kf_complaint_visit(ui->k, f->record_id,
			    f->seen_version, t2, at, t, err);
		break;
	case KF_CPL_MOVE_REPLY:
		rc = kf_complaint_reply(ui->k, f->record_id, f->seen_version,
		    t, err);
		break;
	case KF_CPL_MOVE_LINK:
		to = strtoll(t, &end, 10);
		if (kf_blank(t) || *end != '\0' || to <= 0) {
			rc = kf_err_set(err, KF_INVALID, "%s", _("type the "
			    "number of the complaint it repeats"));
			kf_err_field(err, "text");
		} else
			rc = kf_complaint_link(ui->k, f->record_id,
			    f->seen_version, to, err);
		break;
	default:
		rc = kf_err_set(err, KF_INVALID, "%s", _("not a move"));
	}
	free(t);
	free(t2);
	free(when);
	return rc;
}

/* The core's field names in the form's terms. */
static void
field_of(struct form *f, struct kf_err *err)
{
	static const struct { const char *core, *form; } map[] = {
		{ "cause", "text" }, { "responsibility", "text2" },
		{ "result", "text" }, { "reply", "text" }, { "text", "text" },
		{ "due_at", "when" }, { "owner_id", "owner" },
		{ "action_id", "action" }, { "note", "text" },
		{ "verify_note", "text" }, { "callback_note", "text" },
		{ "callback_method", "method" }, { "callback_score", "score" },
		{ "reopen_reason", "text" }, { "withdraw_reason", "text" },
		{ "visit_who", "text2" }, { "visit_at", "when" },
		{ "visit_report", "text" }, { "duplicate_of", "text" },
		{ "to", "text" }, { "signed_name", "text2" },
		{ "signed_at", "text2" },
	};
	size_t i;

	if (err->field[0] == '\0' || form_field(f, err->field) != NULL)
		return;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(err->field, map[i].core) == 0 &&
		    form_field(f, map[i].form) != NULL) {
			kf_err_field(err, map[i].form);
			return;
		}
}

static enum kf_rc
move_submit(struct ui *ui, struct form *f, struct kf_err *err)
{
	struct move_ctx *c = f->ctx;
	char msg[256];
	enum kf_rc rc;

	rc = make_move(ui, f, c, err);
	if (rc == KF_OK) {
		text_fill(msg, sizeof(msg), _(c->m->done), f->record_id, NULL);
		ui_msg(ui, MSG_INFO, "%s", msg);
		ui_reload(ui);
	} else
		field_of(f, err);
	return rc;
}

/* The complaint's words at the top of its forms: number, who, what. */
static void
add_head(struct form *f, const struct kf_complaint *c)
{
	char head[512];

	snprintf(head, sizeof(head), "%lld  %s  %s", (long long)c->id,
	    c->name ? c->name : "", c->place ? c->place : "");
	form_add(f, "complaint", N_("Complaint"), FIELD_READONLY, head, 256);
	form_add(f, "what_was", N_("What happened"), FIELD_READONLY, c->what,
	    2000);
}

/* The callback's satisfaction (R43's words), very satisfied first. */
static const char *const *
score_choices(const char *const **keys)
{
	static const char *items[5], *k[5];
	int i;

	for (i = 0; i < 5; i++) {
		items[i] = kf_complaint_score_info(KF_CPL_VERY_SATISFIED +
		    i)->label;
		k[i] = kf_complaint_score_info(KF_CPL_VERY_SATISFIED + i)->key;
	}
	*keys = k;
	return items;
}

struct form *
complaint_move_form(struct ui *ui, const struct kf_complaint *k,
    enum kf_complaint_move mv)
{
	const struct move_form *m = move_form_of(mv);
	const char *const *items, *const *keys;
	struct move_ctx *c;
	struct form *f;

	if (m == NULL)
		return NULL;
	c = xcalloc(1, sizeof(*c));
	c->m = m;
	if ((mv == KF_CPL_MOVE_ACTION && !load_owners(ui, c)) ||
	    (mv == KF_CPL_MOVE_VERIFY && !load_actions(ui, k, c))) {
		move_ctx_free(c);
		return NULL;
	}
	f = form_new(m->title, m->draft, k->id, move_submit);
	f->ctx = c;
	f->free_ctx = move_ctx_free;
	f->seen_version = k->version;
	add_head(f, k);
	switch (mv) {
	case KF_CPL_MOVE_ANALYSE:	/* R35: cause and responsibility */
		form_add_choice(f, "valid", N_("Finding"), valid_items,
		    valid_keys, 2, false, 0);
		form_add(f, "text", N_("Cause"), FIELD_TEXT, NULL, 2000);
		form_add(f, "text2", N_("Responsibility"), FIELD_TEXT, NULL,
		    500);
		break;
	case KF_CPL_MOVE_EXPLAIN:	/* R34 */
	case KF_CPL_MOVE_REPLY:		/* R38 */
		form_add(f, "text", N_("Told the complainant"), FIELD_TEXT,
		    NULL, 2000);
		break;
	case KF_CPL_MOVE_ACTION:	/* R35, R36 */
		form_add(f, "text", N_("Action"), FIELD_TEXT, NULL, 2000);
		form_add_choice(f, "owner", N_("Owner"), c->who_items,
		    c->who_keys, c->nwho, true, 0);
		form_add(f, "when", N_("Due"), FIELD_TEXT, NULL, 20);
		break;
	case KF_CPL_MOVE_VERIFY:	/* R36 */
		form_add_choice(f, "action", N_("Action"),
		    (const char *const *)c->act_items,
		    (const char *const *)c->act_keys, (int)c->nacts, true, 0);
		form_add(f, "text", N_("Note"), FIELD_TEXT, NULL, 2000);
		break;
	case KF_CPL_MOVE_RESULT:	/* R30, R31 */
		form_add(f, "text", N_("Result"), FIELD_TEXT, NULL, 2000);
		break;
	case KF_CPL_MOVE_CALLBACK:	/* R30, R40, R41 */
		form_add_choice(f, "method", N_("Method"), method_items,
		    method_keys, 2, false, 0);
		items = score_choices(&keys);
		form_add_choice(f, "score", N_("Satisfaction"), items, keys, 5,
		    false, 1);
		form_add(f, "text", N_("Note"), FIELD_TEXT, NULL, 2000);
		/* R43: a home visit carries the customer's signature. */
		form_add(f, "text2", N_("Signed by (visit)"), FIELD_TEXT, NULL,
		    32);
		break;
	case KF_CPL_MOVE_REOPEN:
	case KF_CPL_MOVE_WITHDRAW:	/* R32 */
		form_add(f, "text", N_("Reason"), FIELD_TEXT, NULL, 2000);
		break;
	case KF_CPL_MOVE_VISIT:		/* R37 */
		form_add(f, "text2", N_("Who went"), FIELD_TEXT, NULL, 200);
		form_add(f, "when", N_("When"), FIELD_TEXT, NULL, 20);
		form_add(f, "text", N_("Report"), FIELD_TEXT, NULL, 2000);
		break;
	case KF_CPL_MOVE_LINK:		/* R48 */
		form_add(f, "text", N_("Same as complaint"), FIELD_TEXT, NULL,
		    20);
		break;
	default:
		break;
	}
	return f;
}

/* ---- a complaint whole ---- */

/* "YYYY-MM-DD HH:MM", or "" for 0. */
static const char *
when_of(int64_t t, char *buf, size_t n)
{
	if (t == 0)
		buf[0] = '\0';
	else
		kf_time_local(t, buf, n);
	return buf;
}

/*
 * The lines of a complaint shown whole, as many as the screen holds (a
 * form of more rows would run off an 80x24 terminal): the ones that say
 * most first; what does not fit is named on the last line.
 */
struct view {
	struct form	*f;
	int		 cap;		/* lines the screen holds */
	int		 cut;		/* lines left out */
};

static void
view_add(struct view *v, const char *name, const char *label,
    const char *text)
{
	if (v->f->n >= v->cap - 1) {	/* the last line says what is cut */
		v->cut++;
		return;
	}
	form_add(v->f, name, label, FIELD_READONLY, text, 2000);
}

/* The clocks, side by side (R28-R38, R30), as the core reckons them
 * (kf_complaint_clocks): with met_first only those met on time (they say
 * least), else the others, still to meet first. */
static void
add_clocks(struct view *v, const struct kf_complaint *c, int64_t now,
    bool met_first)
{
	static const struct {
		const char	*name, *label;
	} line[KF_CPL_CLOCK_COUNT] = {
		[KF_CPL_CLOCK_FORWARD] = { "forward", N_("Forwarded by (R28)") },
		[KF_CPL_CLOCK_TRACK] = { "track", N_("Tracked by (R33)") },
		[KF_CPL_CLOCK_ANALYSE] = { "analyse", N_("Analysed by (R35)") },
		[KF_CPL_CLOCK_EXPLAIN] = { "explain", N_("Explained by (R34)") },
		[KF_CPL_CLOCK_REPLY] = { "reply", N_("Replied by (R38)") },
		[KF_CPL_CLOCK_ACTION] = { "action_due", N_("Actions by (R36)") },
		[KF_CPL_CLOCK_CALLBACK] = { "callback_due",
		    N_("Callback by (R30)") },
	};
	struct kf_complaint_clock_state st[KF_CPL_CLOCK_COUNT];
	char buf[128], t1[32], t2[32];
	size_t n, i;

	n = kf_complaint_clocks(c, now, st, KF_CPL_CLOCK_COUNT);
	for (i = 0; i < n; i++) {
		if ((st[i].status == KF_CPL_CLK_MET) != met_first)
			continue;
		when_of(st[i].due_at, t1, sizeof(t1));
		switch (st[i].status) {
		case KF_CPL_CLK_MET:
		case KF_CPL_CLK_LATE:
			snprintf(buf, sizeof(buf), "%s  %s %s", t1,
			    st[i].status == KF_CPL_CLK_MET ? _("met") :
			    _("late"), when_of(st[i].met_at, t2,
			    sizeof(t2)) + 5);
			break;
		case KF_CPL_CLK_STOPPED:
			snprintf(buf, sizeof(buf), "%s  %s", t1, _("stopped"));
			break;
		default:
			snprintf(buf, sizeof(buf), "%s  %s", t1,
			    st[i].status == KF_CPL_CLK_OVERDUE ?
			    _("overdue") : _("running"));
			break;
		}
		view_add(v, line[st[i].which].name,
		    line[st[i].which].label, buf);
	}
}

struct form *
complaint_view_form(struct ui *ui, const struct kf_complaint *c)
{
	struct form *f = form_new(N_("Complaint"), NULL, c->id,
	    form_view_submit);
	struct view v = { f, LINES - 6, 0 };
	struct kf_complaint_action *a = NULL;
	int64_t now = kf_core_now(ui->k);
	struct kf_err err;
	char buf[512], t1[32], t2[32];
	size_t n = 0, i;

	if (v.cap > FORM_MAX_FIELDS)
		v.cap = FORM_MAX_FIELDS;
	snprintf(buf, sizeof(buf), "%lld  %s / %s / %s", (long long)c->id,
	    _(complaint_state_label(c->state)),
	    _(complaint_severity_label(c->severity)), c->category_label ?
	    _(c->category_label) : "");
	view_add(&v, "id", N_("Complaint"), buf);
	snprintf(buf, sizeof(buf), "%s  %s", c->name ? c->name : "",
	    c->phone ? c->phone : "");
	view_add(&v, "who", N_("Complainant"), buf);
	view_add(&v, "what", N_("What happened"), c->what);
	snprintf(buf, sizeof(buf), "%s  %s", c->place ? c->place : "",
	    when_of(c->happened_at, t1, sizeof(t1)));
	view_add(&v, "where", N_("Where, when"), buf);
	snprintf(buf, sizeof(buf), "%s  %s  %s%s%s",
	    _(kf_complaint_channel_info(c->channel)->label),
	    c->received_by_name ? c->received_by_name : "",
	    when_of(c->registered_at, t1, sizeof(t1)),
	    c->municipal ? "  " : "", c->municipal ? _("municipal") : "");
	view_add(&v, "received", N_("Received"), buf);
	if (c->responsible_id != 0) {
		snprintf(buf, sizeof(buf), "%s  %s", c->responsible_name ?
		    c->responsible_name : "", when_of(c->forwarded_at, t1,
		    sizeof(t1)));
		view_add(&v, "responsible", N_("Responsible"), buf);
	}
	add_clocks(&v, c, now, false);
	if (c->valid >= 0) {
		snprintf(buf, sizeof(buf), "%s: %s / %s", c->valid ?
		    _("Valid") : _("Invalid"), c->cause ? c->cause : "",
		    c->responsibility ? c->responsibility : "");
		view_add(&v, "analysis", N_("Analysis"), buf);
	}
	if (kf_complaint_actions(ui->k, c->id, &a, &n, &err) == KF_OK)
		for (i = 0; i < n; i++) {
			/* Verified or not first: a long text is cut. */
			snprintf(buf, sizeof(buf), "%s%s%s (%s, %s)",
			    a[i].verified_at ? _("verified") : "",
			    a[i].verified_at ? ": " : "", a[i].text,
			    a[i].owner_name ? a[i].owner_name : "",
			    when_of(a[i].due_at, t1, sizeof(t1)) + 5);
			view_add(&v, "action", N_("Action"), buf);
		}
	kf_complaint_actions_free(a, n);
	if (c->visit_at != 0) {
		snprintf(buf, sizeof(buf), "%s %s: %s", c->visit_who ?
		    c->visit_who : "", when_of(c->visit_at, t1, sizeof(t1)),
		    c->visit_report ? c->visit_report : "");
		view_add(&v, "visit", N_("On-site visit"), buf);
	}
	if (c->reply != NULL && c->reply[0] != '\0')
		view_add(&v, "reply", N_("Interim reply"), c->reply);
	if (c->result != NULL && c->result[0] != '\0')
		view_add(&v, "result", N_("Result"), c->result);
	if (c->callback_done_at != 0) {
		snprintf(buf, sizeof(buf), "%s  %s  %s %s",
		    _(method_items[c->callback_method == 1]),
		    _(kf_complaint_score_info(c->callback_score)->label),
		    when_of(c->callback_done_at, t1, sizeof(t1)),
		    c->callback_note ? c->callback_note : "");
		view_add(&v, "callback", N_("Called back"), buf);
	}
	if (c->signed_at != 0 || c->closed_at != 0) {
		snprintf(buf, sizeof(buf), "%s  %s", when_of(c->signed_at, t1,
		    sizeof(t1)), when_of(c->closed_at, t2, sizeof(t2)));
		view_add(&v, "signed", N_("Signed, closed"), buf);
	}
	if (c->duplicate_of != 0) {
		snprintf(buf, sizeof(buf), "%lld", (long long)c->duplicate_of);
		view_add(&v, "duplicate", N_("Same as complaint"), buf);
	}
	if (c->state == KF_CPL_WITHDRAWN && c->withdraw_reason != NULL)
		view_add(&v, "withdrawn", N_("Withdrawn"), c->withdraw_reason);
	add_clocks(&v, c, now, true);
	if (v.cut > 0) {
		snprintf(buf, sizeof(buf), _("%d more: kefu complaint show "
		    "%lld"), v.cut, (long long)c->id);
		form_add(f, "more", N_("More"), FIELD_READONLY, buf, 128);
	}
	return f;
}
