/*
 * contact_form.c — the forms of a contact and of a customer (see
 * contact_form.h). The contact form follows the purpose (R5–R10) and, for
 * a call, shows the phone script: the greeting to say (R49), how to
 * address the caller once the surname is known (R50), the problem to
 * restate (R51), and a hold timer that offers a callback when the answer
 * takes too long (R52, policy call.offer_callback_after).
 *
 * Every rule is the core's: a form only collects, the core refuses with
 * the rule's number and the field it is about.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "kefu/clock.h"
#include "kefu/complaint.h"
#include "kefu/order.h"
#include "kefu/perm.h"
#include "kefu/policy.h"
#include "kefu/staff.h"
#include "kefu/util.h"
#include "complaint_form.h"
#include "contact_form.h"
#include "order_form.h"

/* ---- names (the order of the enums) ---- */

static const char *const purpose_items[KF_CONTACT_P_COUNT] = {
	N_("House viewing"), N_("Owner visit / inquiry"), N_("Suggestion"),
	N_("Complaint"), N_("Renovation application"), N_("Repair request"),
	N_("External visit"), N_("Inspection"), N_("Payment"),
	N_("Other purpose"),
};
static const char *const purpose_keys[KF_CONTACT_P_COUNT] = {
	"viewing", "inquiry", "suggestion", "complaint", "renovation", "repair",
	"external", "inspection", "payment", "other",
};
static const char *const purpose_short[KF_CONTACT_P_COUNT] = {
	N_("Viewing"), N_("Inquiry"), N_("Suggestion"), N_("Complaint"),
	N_("Renovation"), N_("Repair"), N_("Visit"), N_("Inspection"),
	N_("Payment"), N_("Other"),
};
const char *const contact_purpose_filter[KF_CONTACT_P_COUNT + 1] = {
	N_("All purposes"), N_("House viewing"), N_("Owner visit / inquiry"),
	N_("Suggestion"), N_("Complaint"), N_("Renovation application"),
	N_("Repair request"), N_("External visit"), N_("Inspection"),
	N_("Payment"), N_("Other purpose"),
};
static const char *const channel_items[] = {
	N_("Hotline"), N_("Walk-in"), N_("Phone-in"), N_("Other channel"),
};
static const char *const channel_keys[] = {
	"hotline", "walk-in", "phone-in", "other",
};
static const char *const title_items[] = { N_("(not yet)"), "先生", "女士" };
static const char *const title_keys[] = { "", "先生", "女士" };
static const char *const yesno_items[] = { N_("No"), N_("Yes") };
static const char *const yesno_keys[] = { "0", "1" };
static const char *const key_items[] = {
	N_("Not handed over"), N_("Handed over now"),
};
static const char *const urgency_items[] = {
	N_("Normal: to the manager"), N_("Urgent: to the dispatcher"),
};
static const char *const urgency_keys[] = { "normal", "urgent" };
/* R52: when the callback is promised for. */
const char *const contact_callback_items[CALLBACK_CHOICES] = {
	N_("No callback"), N_("Within 30 minutes"), N_("Within 2 hours"),
	N_("Within 1 day"),
};
static const char *const callback_keys[CALLBACK_CHOICES] = {
	"0", "1800", "7200", "86400"
};

/* What a caller is told at once (R49), in the callers' language. */
static const char greeting[] = "您好,客服中心,很高兴为您服务!";

const char *
contact_purpose_label(enum kf_contact_purpose p)
{
	return purpose_items[(unsigned)p % KF_CONTACT_P_COUNT];
}

const char *
contact_purpose_short(enum kf_contact_purpose p)
{
	return purpose_short[(unsigned)p % KF_CONTACT_P_COUNT];
}

const char *
contact_channel_label(enum kf_contact_channel ch)
{
	return channel_items[(unsigned)ch & 3];
}

int64_t
contact_callback_within(int choice)
{
	return choice > 0 && choice < CALLBACK_CHOICES ?
	    strtoll(callback_keys[choice], NULL, 10) : 0;
}

/*
 * The surname of a Chinese name (R50): the first character, or the first
 * two for the compound surnames still common; a Latin name is kept whole.
 */
static char *
surname_of(const char *name)
{
	static const char *const compound[] = { "欧阳", "司马", "上官", "诸葛",
	    "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
	    "夏侯", "轩辕", "令狐", "钟离", "端木", "百里", "南宫", "西门" };
	size_t i, len;

	if (name == NULL || (unsigned char)name[0] < 0x80)
		return xstrdup(name ? name : "");
	for (i = 0; i < sizeof(compound) / sizeof(compound[0]); i++)
		if (strncmp(name, compound[i], strlen(compound[i])) == 0)
			return xstrdup(compound[i]);
	for (len = 1; name[len] && ((unsigned char)name[len] & 0xc0) == 0x80;
	    len++)
		;
	return xasprintf("%.*s", (int)len, name);
}

/* ---- the contact form ---- */

struct contact_ctx {
	int64_t		 customer_id;	/* 0: an unknown caller */
	char		*customer;	/* "D00000012 李明  阳光小区 3号楼" */
	int64_t		 started;	/* the core's clock when the call began */
	int64_t		 opened_ms;	/* for the hold timer (monotonic) */
	int64_t		 offer_after;	/* R52's threshold, seconds */
	int		 shown_s;	/* timer second last drawn */
	bool		 offered;	/* the callback was offered */
	/* Managers who may receive an inspection (R10). */
	struct kf_staff	*managers;
	size_t		 nmanagers;
	const char     **manager_names;	/* "(choose)", then the enabled */
	const char     **manager_logins;
	int64_t		*manager_ids;	/* of each choice (0: "(choose)") */
	int		 nchoices;
};

static void
contact_ctx_free(void *p)
{
	struct contact_ctx *c = p;

	if (c == NULL)
		return;
	free(c->customer);
	kf_staff_list_free(c->managers, c->nmanagers);
	free(c->manager_names);
	free(c->manager_logins);
	free(c->manager_ids);
	free(c);
}

static enum kf_rc contact_submit(struct ui *, struct form *, struct kf_err *);

bool
is_contact_form(const struct form *f)
{
	return f != NULL && f->submit == contact_submit;
}

/* Shows the fields the purpose needs (R6–R10), hides the others. */
static void
contact_layout(struct form *f)
{
	static const struct { const char *field; int purpose; } only[] = {
		{ "appointment_at", KF_CONTACT_P_VIEWING },
		{ "documents_checked", KF_CONTACT_P_VIEWING },
		{ "accompanied_by", KF_CONTACT_P_VIEWING },
		{ "key", KF_CONTACT_P_VIEWING },
		{ "urgency", KF_CONTACT_P_SUGGESTION },
		{ "formalities", KF_CONTACT_P_RENOVATION },
		{ "received_by", KF_CONTACT_P_INSPECTION },
	};
	int p = form_choice(f, "purpose");
	size_t i;

	for (i = 0; i < sizeof(only) / sizeof(only[0]); i++)
		form_field(f, only[i].field)->hidden = only[i].purpose != p;
}

static void
contact_changed(struct ui *ui, struct form *f, struct field *fl)
{
	(void)ui;
	if (strcmp(fl->name, "purpose") == 0)
		contact_layout(f);
}

static bool
is_call(struct form *f)
{
	int ch = form_choice(f, "channel");

	return ch == KF_CONTACT_CH_HOTLINE || ch == KF_CONTACT_CH_PHONE_IN;
}

/*
 * The lines above the fields: who the caller is, and for a call the
 * script (R49 greeting, R50 how to address them, R51 the restatement)
 * with the hold timer (R52). A line too long ends with "…".
 */
static void
contact_extra(struct ui *ui, struct form *f, int y, int x, int width)
{
	struct contact_ctx *c = f->ctx;
	char *name = form_text(f, "caller_name"), *title = form_text(f,
	    "caller_title"), *asked = form_text(f, "asked"), buf[2560], tm[32];
	int64_t s = (now_ms() - c->opened_ms) / 1000;
	int tw = 0;

	(void)ui;
	snprintf(buf, sizeof(buf), "%s %s", _("Customer:"), c->customer_id ?
	    c->customer : _("not on file (a phone number is needed)"));
	draw_text_cut(stdscr, y, x, buf, width, true);
	/* The script and the hold timer are for a caller on the line. */
	if (is_call(f)) {
		snprintf(tm, sizeof(tm), _("hold %d:%02d"), (int)(s / 60),
		    (int)(s % 60));
		tw = text_width(tm) + 1;
		snprintf(buf, sizeof(buf), "%s %s", _("Say:"), greeting);
		wattron(stdscr, A_BOLD);
		draw_text_cut(stdscr, y + 1, x, buf, width - tw, true);
		wattroff(stdscr, A_BOLD);
		if (s >= c->offer_after)
			wattron(stdscr, theme(C_WARN));
		draw_text(stdscr, y + 1, x + width - tw + 1, tm, tw - 1, true);
		if (s >= c->offer_after)
			wattroff(stdscr, theme(C_WARN));
	} else
		draw_text(stdscr, y + 1, x, "", width, true);
	if (kf_blank(name))
		snprintf(buf, sizeof(buf), "%s %s", _("Ask (R50):"),
		    "请问您贵姓?");
	else if (kf_blank(asked))
		snprintf(buf, sizeof(buf), "%s %s%s,%s", _("Say (R50):"), name,
		    *title ? title : _("(先生/女士?)"), "请问有什么可以帮您?");
	else
		snprintf(buf, sizeof(buf), "%s %s%s,%s%s%s", _("Restate (R51):"),
		    name, *title ? title : _("(先生/女士?)"), "您反映的是:", asked,
		    ",对吗?");
	draw_text_cut(stdscr, y + 2, x, buf, width, true);
	free(name);
	free(title);
	free(asked);
}

#define APPT_HOW	N_("write the appointment as HH:MM (today) or " \
	"YYYY-MM-DD HH:MM")

/* A logged repair call, to be made a work order (confirmed first). */
struct from_contact {
	int64_t	 contact_id;
};

/* No work order: the message still says what was logged. */
static void
order_declined(struct ui *ui, void *arg)
{
	const struct from_contact *fc = arg;

	ui_msg(ui, MSG_INFO, _("Logged contact %lld (no work order)."),
	    (long long)fc->contact_id);
}

static void
order_from_contact(struct ui *ui, void *arg)
{
	const struct from_contact *fc = arg;
	struct kf_contact ct;
	struct kf_err err;

	if (kf_contact_get(ui->k, fc->contact_id, &ct, &err) != KF_OK) {
		ui_err(ui, &err);
		return;
	}
	ui_open_form(ui, order_form(ui, &ct));
	kf_contact_clear(&ct);
}

/* No complaint registered now: the message still says what was logged. */
static void
complaint_declined(struct ui *ui, void *arg)
{
	const struct from_contact *fc = arg;

	ui_msg(ui, MSG_INFO, _("Logged contact %lld (no complaint registered)."),
	    (long long)fc->contact_id);
}

/* R27: the complaint registered whole from the call, prefilled. */
static void
complaint_from_contact(struct ui *ui, void *arg)
{
	const struct from_contact *fc = arg;
	struct kf_contact ct;
	struct kf_err err;
	struct form *cf;

	if (kf_contact_get(ui->k, fc->contact_id, &ct, &err) != KF_OK) {
		ui_err(ui, &err);
		return;
	}
	if ((cf = complaint_form(ui, &ct)) != NULL)
		ui_open_form(ui, cf);
	kf_contact_clear(&ct);
}

static enum kf_rc
contact_submit(struct ui *ui, struct form *f, struct kf_err *err)
{
	struct contact_ctx *cx = f->ctx;
	struct kf_contact c = { 0 };
	char *appt = form_text(f, "appointment_at");
	int64_t id, within;
	enum kf_rc rc;

	c.at = cx->started;
	c.channel = (enum kf_contact_channel)form_choice(f, "channel");
	c.purpose = (enum kf_contact_purpose)form_choice(f, "purpose");
	c.customer_id = cx->customer_id;
	c.caller_name = form_text(f, "caller_name");
	c.caller_title = form_text(f, "caller_title");
	c.caller_phone = form_text(f, "caller_phone");
	c.asked = form_text(f, "asked");
	c.done = form_text(f, "done");
	switch (c.purpose) {
	case KF_CONTACT_P_VIEWING:
		if (kf_time_when(appt, c.at, false, &c.appointment_at, NULL) !=
		    KF_OK) {
			rc = kf_err_set(err, KF_INVALID, "%s", _(APPT_HOW));
			kf_err_field(err, "appointment_at");
			goto out;
		}
		c.documents_checked = form_choice(f, "documents_checked") == 1;
		c.accompanied_by = form_text(f, "accompanied_by");
		/* The key leaves as the viewing is logged (one transaction). */
		c.key_out_at = form_choice(f, "key") == 1;
		break;
	case KF_CONTACT_P_SUGGESTION:
		c.urgency = form_choice(f, "urgency") == 1 ? KF_CONTACT_URG_URGENT :
		    KF_CONTACT_URG_NORMAL;
		break;
	case KF_CONTACT_P_RENOVATION:
		c.formalities = form_text(f, "formalities");
		break;
	case KF_CONTACT_P_INSPECTION:		/* 0: "(choose)", refused by R10 */
		c.received_by = cx->manager_ids[form_choice(f, "received_by")];
		break;
	default:
		break;
	}
	within = form_field(f, "callback")->hidden ? 0 :
	    contact_callback_within(form_choice(f, "callback"));
	if (within > 0)
		c.callback_due_at = kf_core_now(ui->k) + within;
	if ((rc = kf_contact_log(ui->k, &c, &id, err)) != KF_OK)
		goto out;
	ui_msg(ui, MSG_INFO, _("Logged contact %lld (%s)."), (long long)id,
	    _(purpose_items[c.purpose]));
	ui_reload(ui);
	/* A repair call becomes a work order at once (R9, R20). */
	if (c.purpose == KF_CONTACT_P_REPAIR &&
	    kf_may(ui->k, KF_ACT_ORDER_NEW, 0, NULL) == KF_OK) {
		struct from_contact *fc = xcalloc(1, sizeof(*fc));

		fc->contact_id = id;
		ui_confirm2(ui, _("Make a work order of this repair call now?"),
		    order_from_contact, order_declined, fc);
	}
	/* A complaint is registered whole and forwarded at once (R27). */
	if (c.purpose == KF_CONTACT_P_COMPLAINT &&
	    kf_may(ui->k, KF_ACT_COMPLAINT_NEW, 0, NULL) == KF_OK) {
		struct from_contact *fc = xcalloc(1, sizeof(*fc));

		fc->contact_id = id;
		ui_confirm2(ui, _("Register the complaint from this call now "
		    "(R27)?"), complaint_from_contact, complaint_declined, fc);
	}
out:
	free(appt);
	kf_contact_clear(&c);
	return rc;
}

struct form *
contact_form(struct ui *ui, const struct kf_customer *cu, const char *phone)
{
	struct contact_ctx *c = xcalloc(1, sizeof(*c));
	/* A customer's call is drafted under the customer; an unknown
	 * caller's under the moment it began (negative: no record), so one
	 * caller's kept draft never fills in the next caller's form. */
	struct form *f = form_new(CONTACT_DRAFT_TITLE, CONTACT_DRAFT,
	    cu ? cu->id : -kf_core_now(ui->k), contact_submit);
	/* A company's name gives no surname to offer. */
	char *surname = surname_of(cu && cu->kind == KF_CUST_RESIDENT ?
	    cu->name : NULL), started[32];
	struct kf_err err;
	struct field *fl;
	size_t i;

	c->customer_id = cu ? cu->id : 0;
	if (cu != NULL) {
		char *addr = kf_customer_address(cu);

		c->customer = xasprintf("%s %s  %s", cu->account, cu->name, addr);
		free(addr);
	}
	c->started = kf_core_now(ui->k);
	c->opened_ms = now_ms();
	if (kf_policy_value(ui->k, "call.offer_callback_after", &c->offer_after,
	    &err) != KF_OK)
		c->offer_after = 60;	/* R52's own figure */
	if (kf_staff_colleagues(ui->k, KF_ROLE_SUPERVISOR, 200, &c->managers,
	    &c->nmanagers, &err) != KF_OK)
		ui_err(ui, &err);
	/* "(choose)" first: nobody is credited with an inspection unasked. */
	c->manager_names = xcalloc(c->nmanagers + 2, sizeof(char *));
	c->manager_logins = xcalloc(c->nmanagers + 2, sizeof(char *));
	c->manager_ids = xcalloc(c->nmanagers + 2, sizeof(int64_t));
	c->manager_names[0] = _("(choose)");
	c->manager_logins[0] = "";
	c->nchoices = 1;
	for (i = 0; i < c->nmanagers; i++) {
		if (c->managers[i].disabled)
			continue;	/* skipped, not the end of the list */
		c->manager_names[c->nchoices] = c->managers[i].display_name;
		c->manager_ids[c->nchoices] = c->managers[i].id;
		c->manager_logins[c->nchoices++] = c->managers[i].login;
	}
	f->ctx = c;
	f->free_ctx = contact_ctx_free;
	f->on_change = contact_changed;
	f->extra_lines = 3;
	f->draw_extra = contact_extra;
	snprintf(started, sizeof(started), "%lld", (long long)c->started);
	fl = form_add(f, "started", N_("Began"), FIELD_READONLY, started, 20);
	fl->hidden = true;
	form_add_choice(f, "channel", N_("Channel"), channel_items, channel_keys,
	    4, false, KF_CONTACT_CH_HOTLINE);
	/* In the order of the script: who is calling, then what about. */
	form_add(f, "caller_name", N_("Surname"), FIELD_TEXT, surname, 32);
	form_add_choice(f, "caller_title", N_("Address as"), title_items,
	    title_keys, 3, false, 0);
	form_add(f, "caller_phone", N_("Phone"), FIELD_TEXT, phone != NULL ?
	    phone : cu && cu->phones[0] ? cu->phones[0] : "", 24);
	form_add_choice(f, "purpose", N_("Purpose"), purpose_items, purpose_keys,
	    KF_CONTACT_P_COUNT, false, KF_CONTACT_P_REPAIR);
	form_add(f, "asked", N_("Asked"), FIELD_TEXT, NULL, 2000);
	form_add(f, "done", N_("Done"), FIELD_TEXT, NULL, 2000);
	form_add(f, "appointment_at", N_("Appointment"), FIELD_TEXT, NULL, 20);
	form_add_choice(f, "documents_checked", N_("Documents checked"),
	    yesno_items, yesno_keys, 2, false, 0);
	form_add(f, "accompanied_by", N_("Accompanied by"), FIELD_TEXT, NULL,
	    64);
	form_add_choice(f, "key", N_("Key"), key_items, yesno_keys, 2, false, 0);
	form_add_choice(f, "urgency", N_("Urgency"), urgency_items,
	    urgency_keys, 2, false, 0);
	form_add(f, "formalities", N_("Formalities told"), FIELD_TEXT, NULL,
	    2000);
	form_add_choice(f, "received_by", N_("Received by"), c->manager_names,
	    c->manager_logins, c->nchoices, true, 0);
	fl = form_add_choice(f, "callback", N_("Callback"),
	    contact_callback_items, callback_keys, CALLBACK_CHOICES, false, 0);
	fl->hidden = true;	/* offered when the hold passes R52's limit */
	contact_layout(f);
	/* The first thing to ask: the surname, unless the account gave
	 * one (R50), then how to address the caller. */
	f->focus = surname[0] != '\0' ? "caller_title" : "caller_name";
	free(surname);
	return f;
}

void
contact_form_restored(struct form *f)
{
	struct contact_ctx *c = f->ctx;
	char *v = form_text(f, "started");

	if (strtoll(v, NULL, 10) > 0)
		c->started = strtoll(v, NULL, 10);
	free(v);
	if (form_choice(f, "callback") != 0)
		form_field(f, "callback")->hidden = false;
	contact_layout(f);
}

unsigned
contact_form_tick(struct ui *ui, struct form *f)
{
	struct contact_ctx *c = f->ctx;
	int s;

	if (!is_call(f))
		return 0;		/* no caller waits on the line */
	s = (int)((now_ms() - c->opened_ms) / 1000);
	if (s == c->shown_s)
		return 0;
	c->shown_s = s;
	if (s >= c->offer_after && !c->offered) {
		c->offered = true;
		form_field(f, "callback")->hidden = false;
		ui_alert(ui, _("On hold %d s: offer to call back (R52) and "
		    "choose when under Callback."), s);
	}
	return DIRTY_ALL;
}

/* ---- a suggestion handled (R7) ---- */

/* Stored as the Chinese the staff read. */
static const char *const outcome_items[] = {
	N_("Into the work plan"), N_("To the company leadership"),
	N_("Not adopted"),
};
static const char *const outcome_keys[] = {
	"列入工作计划", "报公司领导", "暂不采纳",
};

static enum kf_rc
handle_submit(struct ui *ui, struct form *f, struct kf_err *err)
{
	char *what = form_text(f, "outcome"), *note = form_text(f, "note");
	char *outcome = kf_blank(note) ? xstrdup(what) :
	    xasprintf("%s:%s", what, note);
	enum kf_rc rc;

	rc = kf_contact_handle(ui->k, f->record_id, f->seen_version, outcome,
	    err);
	if (rc == KF_OK) {
		ui_msg(ui, MSG_INFO, _("Suggestion %lld handled: %s."),
		    (long long)f->record_id, outcome);
		ui_reload(ui);
	} else if (strcmp(err->field, "outcome") == 0)
		kf_err_field(err, "note");
	free(what);
	free(note);
	free(outcome);
	return rc;
}

struct form *
contact_handle_form(const struct kf_contact *c)
{
	struct form *f = form_new(N_("Suggestion handled"), NULL, c->id,
	    handle_submit);

	f->seen_version = c->version;
	form_add(f, "asked", N_("Suggestion"), FIELD_READONLY, c->asked, 2000);
	form_add_choice(f, "outcome", N_("Outcome"), outcome_items,
	    outcome_keys, 3, false, 0);
	form_add(f, "note", N_("Note"), FIELD_TEXT, NULL, 500);
	return f;
}

/* ---- a contact whole ---- */

#define SHOW_ORDERS	6	/* work orders a contact's view lists */

struct form *
contact_view_form(struct ui *ui, const struct kf_contact *c)
{
	struct form *f = form_new(N_("Contact"), NULL, c->id, form_view_submit);
	char when[32], appt[48] = "", buf[64];
	int64_t orders[SHOW_ORDERS + 1];
	size_t n = 0, i;

	kf_time_local(c->at, when, sizeof(when));
	snprintf(buf, sizeof(buf), "%lld  %s", (long long)c->id, when);
	form_add(f, "id", N_("Contact"), FIELD_READONLY, buf, 64);
	snprintf(buf, sizeof(buf), "%s / %s", _(contact_channel_label(
	    c->channel)), _(contact_purpose_label(c->purpose)));
	form_add(f, "purpose", N_("Purpose"), FIELD_READONLY, buf, 64);
	form_add(f, "who", N_("Caller"), FIELD_READONLY, c->who, 64);
	form_add(f, "caller_phone", N_("Phone"), FIELD_READONLY,
	    c->caller_phone, 24);
	form_add(f, "asked", N_("Asked"), FIELD_READONLY, c->asked, 2000);
	form_add(f, "done", N_("Done"), FIELD_READONLY, c->done, 2000);
	form_add(f, "staff", N_("Taken by"), FIELD_READONLY, c->staff_name, 64);
	if (c->appointment_at != 0) {
		kf_time_local(c->appointment_at, appt, sizeof(appt));
		if (c->appointment_cancelled_at != 0)
			snprintf(appt + strlen(appt), sizeof(appt) - strlen(appt),
			    "  %s", _("(cancelled)"));
		form_add(f, "appointment_at", N_("Appointment"), FIELD_READONLY,
		    appt, 48);
	}
	if (c->purpose == KF_CONTACT_P_VIEWING)
		form_add(f, "accompanied_by", N_("Accompanied by"),
		    FIELD_READONLY, c->accompanied_by, 64);
	if (c->purpose == KF_CONTACT_P_RENOVATION)
		form_add(f, "formalities", N_("Formalities told"),
		    FIELD_READONLY, c->formalities, 2000);
	if (c->purpose == KF_CONTACT_P_INSPECTION)
		form_add(f, "received_by", N_("Received by"), FIELD_READONLY,
		    c->received_by_name, 64);
	if (c->callback_due_at != 0) {
		kf_time_local(c->callback_due_at, when, sizeof(when));
		form_add(f, "callback", N_("Call back by"), FIELD_READONLY, when,
		    32);
	}
	/* What it led to. */
	if (kf_order_ids_of_contact(ui->k, c->id, orders, SHOW_ORDERS + 1, &n,
	    NULL) == KF_OK && n > 0) {
		buf[0] = '\0';
		for (i = 0; i < n && i < SHOW_ORDERS; i++)
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf),
			    "%s%lld", i ? " " : "", (long long)orders[i]);
		if (n > SHOW_ORDERS)	/* more than the line holds */
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf),
			    " …");
		form_add(f, "orders", N_("Work orders"), FIELD_READONLY, buf,
		    64);
	}
	return f;
}
