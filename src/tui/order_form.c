/*
 * order_form.c — the forms of a work order (see order_form.h). Every rule
 * is the core's (src/core/order.c): a form only collects, and a refusal
 * names the rule and the field it is about.
 */
#include <stdlib.h>
#include <string.h>

#include "kefu/clock.h"
#include "kefu/contact.h"
#include "kefu/customer.h"
#include "kefu/fee.h"
#include "kefu/order.h"
#include "kefu/util.h"
#include "order_form.h"

/* ---- names: the core's tables (kf_order_state_info, kf_order_cat_info) ---- */

const char *
order_state_label(enum kf_order_state s)
{
	return kf_order_state_info(s)->label;
}

const char *
order_cat_label(enum kf_order_cat c)
{
	return kf_order_cat_info(c)->label;
}

const char *
order_cat_short(enum kf_order_cat c)
{
	return kf_order_cat_info(c)->label_short;
}

/* The category choice of a form: labels and keys from the core's table,
 * in the enum's order (filled once; they outlive every form). */
static const char *const *
cat_choices(const char *const **keys)
{
	static const char *items[KF_ORDER_CAT_COUNT], *k[KF_ORDER_CAT_COUNT];
	int i;

	for (i = 0; i < KF_ORDER_CAT_COUNT; i++) {
		items[i] = kf_order_cat_info((enum kf_order_cat)i)->label;
		k[i] = kf_order_cat_info((enum kf_order_cat)i)->key;
	}
	*keys = k;
	return items;
}

#define WHEN_HOW	N_("write the time as HH:MM or YYYY-MM-DD HH:MM; " \
	"empty: now")
#define APPT_HOW	N_("write the appointment as HH:MM (today) or " \
	"YYYY-MM-DD HH:MM")

/*
 * A time typed into field: "HH:MM" today (with past, last night's when it
 * is more than half a day ahead), or a full time; "" is none. The core
 * reads it; a refusal says how to write it, under the field.
 */
static enum kf_rc
parse_when(const char *s, int64_t now, bool past, int64_t *t,
    const char *field, const char *how, struct kf_err *err)
{
	if (kf_time_when(s, now, past, t, NULL) == KF_OK)
		return KF_OK;
	kf_err_set(err, KF_INVALID, "%s", _(how));
	kf_err_field(err, field);
	return KF_INVALID;
}

/* ---- reporting an order (issue 5, R9, R20) ---- */

const int order_form_moves[] = { KF_ORDER_MOVE_LINK, -1 };

static const char *const emergency_items[] = {
	N_("No"), N_("Yes: dispatch first, paperwork after (R9)"),
};

struct new_ctx {
	int64_t		 contact_id;
	int64_t		 customer_id;
	char		*community, *building;
	/* Open orders nearby, offered instead of a second order. */
	struct kf_order	*near;
	size_t		 nnear;
	int		 level;		/* 3 address, 2 building, 1 community */
	char	       **near_items;	/* "A new work order", "Same as #12…" */
	char	       **near_keys;
};

static void
free_near(struct new_ctx *c)
{
	size_t i;

	kf_order_list_free(c->near, c->nnear);
	for (i = 0; c->near_items != NULL && i <= c->nnear; i++) {
		free(c->near_items[i]);
		free(c->near_keys[i]);
	}
	free(c->near_items);
	free(c->near_keys);
	c->near = NULL;
	c->near_items = c->near_keys = NULL;
	c->nnear = 0;
}

static void
new_ctx_free(void *p)
{
	struct new_ctx *c = p;

	if (c == NULL)
		return;
	free(c->community);
	free(c->building);
	free_near(c);
	free(c);
}

static void
new_layout(struct form *f)
{
	static const char *const fields[] = { "category", "address",
	    "contact_name", "contact_phone", "fault", "appointment_at",
	    "emergency", "reported_at" };
	struct field *link = form_field(f, "link");
	bool linking = link != NULL && !link->hidden && link->choice > 0;
	size_t i;

	/* Linked to an open order, the caller needs no new one. */
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		form_field(f, fields[i])->hidden = linking;
	form_field(f, "fee_code")->hidden = linking ||
	    form_choice(f, "category") != KF_ORDER_CAT_PAID;
}

/*
 * The open orders near the caller (the duplicate warning): by the
 * customer's address, building and community, or by the address typed
 * for a caller not on file. Replaces what was found before.
 */
static void
find_nearby(struct ui *ui, struct new_ctx *c, const char *addr)
{
	struct kf_err err;
	size_t i;

	free_near(c);
	c->level = 0;
	if (kf_order_nearby(ui->k, addr, c->community, c->building, 5,
	    &c->near, &c->nnear, &c->level, &err) != KF_OK)
		c->nnear = 0;
	c->near_items = xcalloc(c->nnear + 1, sizeof(char *));
	c->near_keys = xcalloc(c->nnear + 1, sizeof(char *));
	c->near_items[0] = xstrdup(_("A new work order"));
	c->near_keys[0] = xstrdup("new");
	for (i = 0; i < c->nnear; i++) {
		c->near_items[i + 1] = xasprintf(_("Same as #%lld: %s"),
		    (long long)c->near[i].id, c->near[i].fault);
		c->near_keys[i + 1] = xasprintf("%lld",
		    (long long)c->near[i].id);
	}
}

static void
new_changed(struct ui *ui, struct form *f, struct field *fl)
{
	struct new_ctx *c = f->ctx;
	struct field *link;
	char *addr;

	if (strcmp(fl->name, "address") == 0 && c->customer_id == 0 &&
	    ui->dialog == NULL) {
		/* A caller not on file: look again at the address typed. */
		addr = form_text(f, "address");
		find_nearby(ui, c, addr);
		free(addr);
		link = form_field(f, "link");
		link->items = (const char *const *)c->near_items;
		link->keys = (const char *const *)c->near_keys;
		link->nitems = (int)c->nnear + 1;
		link->choice = 0;
		link->hidden = c->nnear == 0;
	}
	new_layout(f);
}

/* The duplicate warning at intake: open orders at the same place. */
static void
new_extra(struct ui *ui, struct form *f, int y, int x, int width)
{
	static const char *const where[] = { "", N_("in the same community"),
	    N_("in the same building"), N_("at the same address") };
	struct new_ctx *c = f->ctx;
	char buf[512];

	(void)ui;
	if (c->nnear == 0) {
		draw_text(stdscr, y, x, _("No open work order nearby."), width,
		    true);
		return;
	}
	snprintf(buf, sizeof(buf), _("%zu open work order(s) %s: %s (%s) %s"),
	    c->nnear, _(where[c->level]), c->near[0].fault,
	    _(order_state_label(c->near[0].state)), c->near[0].address);
	wattron(stdscr, theme(C_WARN));
	draw_text_cut(stdscr, y, x, buf, width, true);
	wattroff(stdscr, theme(C_WARN));
}

static enum kf_rc
new_submit(struct ui *ui, struct form *f, struct kf_err *err)
{
	struct new_ctx *c = f->ctx;
	struct field *link = form_field(f, "link");
	struct kf_order o = { 0 };
	char *appt = form_text(f, "appointment_at");
	char *reported = form_text(f, "reported_at");
	int64_t id;
	enum kf_rc rc;
	char due[32];

	if (!link->hidden && link->choice > 0) {
		/* The caller joins an order already open: told when it closes. */
		id = c->near[link->choice - 1].id;
		rc = kf_order_link_contact(ui->k, id, c->contact_id, err);
		if (rc == KF_OK) {
			ui_msg(ui, MSG_INFO, _("The call is linked to work order "
			    "%lld; no second order."), (long long)id);
			ui_reload(ui);
		}
		goto out;
	}
	o.contact_id = c->contact_id;
	o.customer_id = c->customer_id;
	o.category = (enum kf_order_cat)form_choice(f, "category");
	o.address = form_text(f, "address");
	o.community = xstrdup(c->community ? c->community : "");
	o.building = xstrdup(c->building ? c->building : "");
	o.contact_name = form_text(f, "contact_name");
	o.contact_phone = form_text(f, "contact_phone");
	o.fault = form_text(f, "fault");
	o.fee_code = form_text(f, "fee_code");
	o.emergency = form_choice(f, "emergency") == 1;
	rc = parse_when(appt, kf_core_now(ui->k), false, &o.appointment_at,
	    "appointment_at", APPT_HOW, err);
	if (rc == KF_OK)	/* R9: asked for before it was registered */
		rc = parse_when(reported, kf_core_now(ui->k), true,
		    &o.reported_at, "reported_at", WHEN_HOW, err);
	if (rc == KF_OK)
		rc = kf_order_new(ui->k, &o, &id, err);
	if (rc == KF_OK) {
		kf_time_local(o.deadline_at, due, sizeof(due));
		ui_msg(ui, MSG_INFO, _("Work order %lld reported; due %s."),
		    (long long)id, due + 11);
		ui_reload(ui);		/* on the reporter's own board at once */
	}
	kf_order_clear(&o);
out:
	free(appt);
	free(reported);
	return rc;
}

struct form *
order_form(struct ui *ui, const struct kf_contact *ct)
{
	struct form *f = form_new(ct->id != 0 ? N_("Work order from the call") :
	    N_("New work order"), NULL, 0, new_submit);
	struct new_ctx *c = xcalloc(1, sizeof(*c));
	const char *const *items, *const *keys;
	struct kf_customer cu;
	struct kf_err err;
	char *addr = NULL, name[64];
	struct field *fl;

	c->contact_id = ct->id;
	c->customer_id = ct->customer_id;
	if (ct->customer_id != 0 &&
	    kf_customer_get(ui->k, ct->customer_id, &cu, &err) == KF_OK) {
		addr = kf_customer_address(&cu);
		c->community = xstrdup(cu.community);
		c->building = xstrdup(cu.building);
		kf_customer_clear(&cu);
	}
	find_nearby(ui, c, addr);
	f->ctx = c;
	f->free_ctx = new_ctx_free;
	f->on_change = new_changed;
	f->extra_lines = 1;
	f->draw_extra = new_extra;
	fl = form_add_choice(f, "link", N_("This call"),
	    (const char *const *)c->near_items,
	    (const char *const *)c->near_keys, (int)c->nnear + 1, true, 0);
	fl->hidden = c->nnear == 0;
	items = cat_choices(&keys);
	form_add_choice(f, "category", N_("Category"), items, keys,
	    KF_ORDER_CAT_COUNT, false, KF_ORDER_CAT_EQUIPMENT);
	form_add(f, "address", N_("Address"), FIELD_TEXT, addr, 200);
	snprintf(name, sizeof(name), "%s%s", ct->caller_name ? ct->caller_name :
	    "", ct->caller_title ? ct->caller_title : "");
	form_add(f, "contact_name", N_("Contact person"), FIELD_TEXT, name, 32);
	form_add(f, "contact_phone", N_("Phone"), FIELD_TEXT, ct->caller_phone,
	    24);
	form_add(f, "fault", N_("Fault"), FIELD_TEXT, ct->asked, 2000);
	form_add(f, "appointment_at", N_("Appointment"), FIELD_TEXT, NULL, 20);
	form_add_choice(f, "emergency", N_("Emergency"), emergency_items, NULL,
	    2, false, 0);
	form_add(f, "fee_code", N_("Paid-service code"), FIELD_TEXT, NULL, 16);
	/* R9: a repair done first is registered after, from when it was
	 * asked for; empty is now. */
	form_add(f, "reported_at", N_("Asked for at"), FIELD_TEXT, NULL, 20);
	new_layout(f);
	free(addr);
	return f;
}

/* ---- the forms of the moves that take input ---- */

static const char *const material_items[] = { N_("Passed"), N_("Failed") };
static const char *const material_keys[] = { "1", "2" };

/*
 * One row a move: its draft (so an SSH drop in the field loses nothing:
 * the draft comes back at the next login), its title, the label of its
 * text field (NULL: none), and what is said when it is done.
 */
static const struct move_form {
	enum kf_order_move	 mv;
	const char		*draft, *title, *label, *done;
} move_forms[] = {
	{ KF_ORDER_MOVE_CANCEL, ORDER_CANCEL_DRAFT, ORDER_CANCEL_TITLE,
	  N_("Reason"), N_("Work order %lld cancelled.") },
	{ KF_ORDER_MOVE_DONE, ORDER_WORK_DRAFT, ORDER_WORK_TITLE,
	  N_("What was done"), N_("Work done recorded for work order %lld.") },
	{ KF_ORDER_MOVE_SIGNOFF, ORDER_SIGNOFF_DRAFT, ORDER_SIGNOFF_TITLE,
	  N_("Customer's name"), N_("Work order %lld signed off.") },
	{ KF_ORDER_MOVE_MATERIAL, ORDER_MATERIAL_DRAFT, ORDER_MATERIAL_TITLE,
	  NULL, N_("Materials check recorded for work order %lld.") },
	{ KF_ORDER_MOVE_ITEM, ORDER_ITEM_DRAFT, ORDER_ITEM_TITLE, NULL,
	  N_("Item charged on work order %lld.") },
	/* A repair registered after it was done (R9): when he arrived. */
	{ KF_ORDER_MOVE_ARRIVE, ORDER_ARRIVE_DRAFT, ORDER_ARRIVE_TITLE, NULL,
	  N_("Arrival recorded for work order %lld.") },
};
#define NMOVE_FORMS (sizeof(move_forms) / sizeof(move_forms[0]))

static const struct move_form *
move_form_of(enum kf_order_move mv)
{
	size_t i;

	for (i = 0; i < NMOVE_FORMS; i++)
		if (move_forms[i].mv == mv)
			return &move_forms[i];
	return NULL;
}

bool
order_move_needs_form(const struct kf_order *o, enum kf_order_move mv)
{
	/* R9: registered after, the arrival asks when it was. */
	if (mv == KF_ORDER_MOVE_ARRIVE)
		return kf_order_registered_after(o);
	return move_form_of(mv) != NULL;
}

/* A move's form: which move, and the paid-service list for an item. */
struct move_ctx {
	const struct move_form	*m;
	struct kf_fee		*fees;
	size_t			 nfees;
	char		       **fee_items;
	const char	       **fee_codes;	/* the drafts' stable keys */
};

static void
move_ctx_free(void *p)
{
	struct move_ctx *c = p;
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; c->fee_items != NULL && i < c->nfees; i++)
		free(c->fee_items[i]);
	free(c->fee_items);
	free(c->fee_codes);
	kf_fee_list_free(c->fees, c->nfees);
	free(c);
}

/* The active paid-service list, for the item picker; false: said why. */
static bool
load_fees(struct ui *ui, struct move_ctx *c)
{
	struct kf_err err;
	char price[32];
	size_t i;

	if (kf_fee_list(ui->k, false, &c->fees, &c->nfees, &err) != KF_OK) {
		ui_err(ui, &err);
		return false;
	}
	if (c->nfees == 0) {
		ui_msg(ui, MSG_ERROR, "%s", _("The paid-service list is empty: "
		    "ask an admin."));
		return false;
	}
	c->fee_items = xcalloc(c->nfees + 1, sizeof(char *));
	c->fee_codes = xcalloc(c->nfees + 1, sizeof(char *));
	for (i = 0; i < c->nfees; i++) {
		c->fee_codes[i] = c->fees[i].code;
		kf_money_format(c->fees[i].price, price, sizeof(price));
		c->fee_items[i] = xasprintf("%s %s  %s/%s", c->fees[i].code,
		    c->fees[i].name, price, c->fees[i].unit);
	}
	return true;
}

static enum kf_rc
make_move(struct ui *ui, struct form *f, struct move_ctx *c, const char *t,
    const char *note, int64_t at, struct kf_err *err)
{
	int64_t qty;
	char *end;

	switch (c->m->mv) {
	case KF_ORDER_MOVE_ARRIVE:
		return kf_order_arrive(ui->k, f->record_id, f->seen_version, at,
		    err);
	case KF_ORDER_MOVE_CANCEL:
		return kf_order_cancel(ui->k, f->record_id, f->seen_version, t,
		    err);
	case KF_ORDER_MOVE_DONE:
		return kf_order_done(ui->k, f->record_id, f->seen_version, t, at,
		    err);
	case KF_ORDER_MOVE_SIGNOFF:
		return kf_order_signoff(ui->k, f->record_id, f->seen_version, t,
		    err);
	case KF_ORDER_MOVE_MATERIAL:
		return kf_order_material(ui->k, f->record_id, f->seen_version,
		    form_choice(f, "result") == 0 ? KF_ORDER_MAT_PASS : KF_ORDER_MAT_FAIL,
		    note, err);
	case KF_ORDER_MOVE_ITEM:
		qty = strtoll(note, &end, 10);
		if (*note == '\0' || *end != '\0')
			return kf_err_set(err, KF_INVALID, "%s",
			    _("the quantity is a whole number"));
		return kf_order_item_add(ui->k, f->record_id,
		    c->fees[form_choice(f, "item")].code, qty, NULL, err);
	default:
		return kf_err_set(err, KF_INVALID, "%s", _("not a move"));
	}
}

static enum kf_rc
move_submit(struct ui *ui, struct form *f, struct kf_err *err)
{
	struct move_ctx *c = f->ctx;
	char *t = form_text(f, "text"), *note = form_text(f, "note");
	char *when = form_text(f, "when"), msg[256];
	int64_t at = 0;
	enum kf_rc rc;

	rc = parse_when(when, kf_core_now(ui->k), true, &at, "when", WHEN_HOW,
	    err);
	if (rc == KF_OK)
		rc = make_move(ui, f, c, t, note, at, err);
	if (rc == KF_OK) {
		text_fill(msg, sizeof(msg), _(c->m->done), f->record_id, NULL);
		ui_msg(ui, MSG_INFO, "%s", msg);
		ui_reload(ui);
	} else if (err->field[0] != '\0' && form_field(f, err->field) == NULL)
		/* arrived_at, done_at: the time typed under When; quantity. */
		kf_err_field(err, form_field(f, "when") != NULL &&
		    strstr(err->field, "_at") != NULL ? "when" :
		    c->m->mv == KF_ORDER_MOVE_ITEM ? "note" : "text");
	free(t);
	free(note);
	free(when);
	return rc;
}

/* The order's words at the top of its forms: number, customer, due. */
static void
add_head(struct ui *ui, struct form *f, const struct kf_order *o)
{
	struct kf_customer cu;
	char head[512], money[32];

	snprintf(head, sizeof(head), "%lld  %s", (long long)o->id, o->address);
	form_add(f, "order", N_("Work order"), FIELD_READONLY, head, 256);
	form_add(f, "fault", N_("Fault"), FIELD_READONLY, o->fault, 2000);
	if (o->customer_id != 0 &&
	    kf_customer_get(ui->k, o->customer_id, &cu, NULL) == KF_OK) {
		snprintf(head, sizeof(head), "%s %s", cu.account, cu.name);
		form_add(f, "customer", N_("Customer"), FIELD_READONLY, head,
		    256);
		kf_customer_clear(&cu);
	}
	kf_money_format(o->amount_due, money, sizeof(money));
	form_add(f, "due", N_("Amount due"), FIELD_READONLY, money, 32);
}

struct form *
order_move_form(struct ui *ui, const struct kf_order *o, enum kf_order_move mv)
{
	const struct move_form *m = move_form_of(mv);
	struct move_ctx *c;
	struct form *f;

	if (m == NULL)
		return NULL;
	c = xcalloc(1, sizeof(*c));
	c->m = m;
	if (mv == KF_ORDER_MOVE_ITEM && !load_fees(ui, c)) {
		move_ctx_free(c);
		return NULL;
	}
	f = form_new(m->title, m->draft, o->id, move_submit);
	f->ctx = c;
	f->free_ctx = move_ctx_free;
	f->seen_version = o->version;
	add_head(ui, f, o);
	if (m->label != NULL)
		form_add(f, "text", m->label, FIELD_TEXT, NULL, 2000);
	/* R9: the steps of a repair registered after it was done take the
	 * times they happened (empty: now); the core holds them to it. */
	if ((mv == KF_ORDER_MOVE_ARRIVE || mv == KF_ORDER_MOVE_DONE) &&
	    kf_order_registered_after(o))
		form_add(f, "when", N_("When"), FIELD_TEXT, NULL, 20);
	if (mv == KF_ORDER_MOVE_MATERIAL) {
		form_add_choice(f, "result", N_("Result"), material_items,
		    material_keys, 2, false, 0);
		form_add(f, "note", N_("Note"), FIELD_TEXT, NULL, 500);
	} else if (mv == KF_ORDER_MOVE_ITEM) {
		form_add_choice(f, "item", N_("Item"),
		    (const char *const *)c->fee_items, c->fee_codes,
		    (int)c->nfees, true, 0);
		form_add(f, "note", N_("Quantity"), FIELD_TEXT, "1", 6);
	}
	return f;
}

/* ---- the paperwork (R9, R20) ---- */

static enum kf_rc
paperwork_submit(struct ui *ui, struct form *f, struct kf_err *err)
{
	char *acc = form_text(f, "customer"), *name = form_text(f,
	    "contact_name"), *phone = form_text(f, "contact_phone");
	struct kf_customer cu = { 0 };
	int64_t cust = 0;
	enum kf_rc rc = KF_OK;

	if (!kf_blank(acc)) {
		if ((rc = kf_customer_get_account(ui->k, acc, &cu, err)) ==
		    KF_OK)
			cust = cu.id;
		else
			kf_err_field(err, "customer");
		kf_customer_clear(&cu);
	}
	if (rc == KF_OK)
		rc = kf_order_edit(ui->k, f->record_id, f->seen_version, cust,
		    name, phone, NULL, NULL, err);
	if (rc == KF_OK) {
		ui_msg(ui, MSG_INFO, _("Paperwork of work order %lld saved."),
		    (long long)f->record_id);
		ui_reload(ui);
	}
	free(acc);
	free(name);
	free(phone);
	return rc;
}

/*
 * ^R after a conflict: the order as it is now (form_reload_field keeps
 * the person's other changes); the core names the customer customer_id,
 * the form customer.
 */
static bool
paperwork_reload(struct ui *ui, struct form *f)
{
	struct kf_customer cu;
	struct kf_order o;
	struct kf_err err;

	if (kf_order_get(ui->k, f->record_id, &o, &err) != KF_OK) {
		ui_err(ui, &err);
		return false;
	}
	if (strcmp(f->conflict_field, "customer_id") == 0)
		snprintf(f->conflict_field, sizeof(f->conflict_field), "%s",
		    "customer");
	form_reload_field(f, "contact_name", o.contact_name);
	form_reload_field(f, "contact_phone", o.contact_phone);
	if (o.customer_id != 0 &&
	    kf_customer_get(ui->k, o.customer_id, &cu, NULL) == KF_OK) {
		form_reload_field(f, "customer", cu.account);
		kf_customer_clear(&cu);
	}
	f->seen_version = o.version;
	kf_order_clear(&o);
	return true;
}

struct form *
order_paperwork_form(const struct kf_order *o)
{
	struct form *f = form_new(N_("Paperwork of a work order"), NULL, o->id,
	    paperwork_submit);
	char head[256];

	f->seen_version = o->version;
	f->reload = paperwork_reload;
	snprintf(head, sizeof(head), "%lld  %s", (long long)o->id, o->address);
	form_add(f, "order", N_("Work order"), FIELD_READONLY, head, 256);
	form_add(f, "customer", N_("Customer account"), FIELD_TEXT, NULL, 32);
	form_add(f, "contact_name", N_("Contact person"), FIELD_TEXT,
	    o->contact_name, 32);
	form_add(f, "contact_phone", N_("Phone"), FIELD_TEXT, o->contact_phone,
	    24);
	return f;
}

/* ---- an order whole ---- */

struct form *
order_view_form(struct ui *ui, const struct kf_order *o)
{
	struct form *f = form_new(N_("Work order"), NULL, o->id,
	    form_view_submit);
	struct kf_order_item *it = NULL;
	struct kf_customer cu;
	struct kf_err err;
	char buf[256], t1[32], money[32];
	size_t n = 0, i;

	snprintf(buf, sizeof(buf), "%lld  %s / %s", (long long)o->id,
	    _(order_state_label(o->state)), _(order_cat_label(o->category)));
	form_add(f, "id", N_("Work order"), FIELD_READONLY, buf, 256);
	form_add(f, "address", N_("Address"), FIELD_READONLY, o->address, 256);
	if (o->customer_id != 0 &&
	    kf_customer_get(ui->k, o->customer_id, &cu, NULL) == KF_OK) {
		/* The register's record: a technician sees his job's (R54). */
		snprintf(buf, sizeof(buf), "%s %s", cu.account, cu.name);
		for (i = 0; i < KF_MAX_PHONES && cu.phones[i] != NULL; i++)
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf),
			    " %s", cu.phones[i]);
		form_add(f, "customer", N_("Customer"), FIELD_READONLY, buf,
		    256);
		if (cu.notes != NULL && cu.notes[0] != '\0')
			form_add(f, "notes", N_("Notes"), FIELD_READONLY,
			    cu.notes, 2000);
		kf_customer_clear(&cu);
	}
	snprintf(buf, sizeof(buf), "%s %s", o->contact_name, o->contact_phone);
	form_add(f, "contact", N_("Contact person"), FIELD_READONLY, buf, 256);
	form_add(f, "fault", N_("Fault"), FIELD_READONLY, o->fault, 2000);
	kf_time_local(o->reported_at, t1, sizeof(t1));
	form_add(f, "reported", N_("Reported"), FIELD_READONLY, t1, 32);
	kf_time_local(o->deadline_at, t1, sizeof(t1));
	snprintf(buf, sizeof(buf), "%s  %s", t1, o->deadline_on_arrival ?
	    _("(on site by)") : _("(cleared by)"));
	form_add(f, "deadline", N_("Deadline"), FIELD_READONLY, buf, 64);
	if (o->arrived_at != 0) {
		kf_time_local(o->arrived_at, t1, sizeof(t1));
		form_add(f, "arrived", N_("Arrived"), FIELD_READONLY, t1, 32);
	}
	if (o->work_done[0])
		form_add(f, "work", N_("Work done"), FIELD_READONLY,
		    o->work_done, 2000);
	if (o->materials != KF_ORDER_MAT_NONE) {
		snprintf(buf, sizeof(buf), "%s %s", _(material_items[
		    o->materials == KF_ORDER_MAT_PASS ? 0 : 1]), o->materials_note);
		form_add(f, "materials", N_("Materials"), FIELD_READONLY, buf,
		    256);
	}
	if (kf_order_items(ui->k, o->id, &it, &n, &err) == KF_OK)
		for (i = 0; i < n && f->n < FORM_MAX_FIELDS - 3; i++) {
			kf_money_format(it[i].amount, money, sizeof(money));
			snprintf(buf, sizeof(buf), "%s %s x%lld = %s", it[i].code,
			    it[i].name, (long long)it[i].quantity, money);
			form_add(f, "item", N_("Item"), FIELD_READONLY, buf, 256);
		}
	kf_order_items_free(it, n);
	kf_money_format(o->amount_due, money, sizeof(money));
	form_add(f, "due", N_("Amount due"), FIELD_READONLY, money, 32);
	if (o->signed_name[0]) {
		kf_time_local(o->signed_at, t1, sizeof(t1));
		snprintf(buf, sizeof(buf), "%s  %s", o->signed_name, t1);
		form_add(f, "signed", N_("Signed"), FIELD_READONLY, buf, 64);
	}
	if (o->state == KF_ORDER_STATE_CANCELLED && o->cancel_reason != NULL &&
	    o->cancel_reason[0])
		form_add(f, "cancelled", N_("Reason"), FIELD_READONLY,
		    o->cancel_reason, 2000);
	return f;
}

/* ---- finding any order ---- */

#define FIND_CUSTOMERS	10	/* customers a search looks through */
#define FIND_ORDERS	50	/* orders of each, newest first */

/* What the picker of found orders shows: it lives until the next find. */
static struct found {
	struct kf_order	*v;
	size_t		 n;
	char	       **items;
} found;

static void
found_free(void)
{
	size_t i;

	for (i = 0; found.items != NULL && i < found.n; i++)
		free(found.items[i]);
	free(found.items);
	kf_order_list_free(found.v, found.n);
	memset(&found, 0, sizeof(found));
}

static void
found_chosen(struct ui *ui, void *arg, unsigned choice)
{
	(void)arg;
	if (choice < found.n)
		ui_open_form(ui, order_view_form(ui, &found.v[choice]));
}

/* One line of the picker of found orders: "#12 2026-11-28 closed 李丽 …". */
static char *
found_line(const struct kf_order *o, const char *who)
{
	char when[32];

	kf_time_local(o->reported_at, when, sizeof(when));
	return xasprintf("#%lld %.10s %s %s  %s", (long long)o->id, when,
	    _(order_state_label(o->state)), who, o->fault);
}

/*
 * A technician (R54: no customer register) finds among his own orders, of
 * every state, those whose address, contact or fault holds q.
 */
static enum kf_rc
found_mine(struct ui *ui, const char *q, struct kf_err *err)
{
	struct kf_order_filter f = { false, false, -1, -1, 0 };
	struct kf_order *v = NULL;
	size_t n = 0, i;
	enum kf_rc rc;

	rc = kf_order_list(ui->k, &f, KF_PAGE_FIRST, NULL, 1000, &v, &n, err);
	for (i = 0; rc == KF_OK && i < n; i++) {
		if (strstr(v[i].address, q) == NULL &&
		    strstr(v[i].contact_name, q) == NULL &&
		    strstr(v[i].contact_phone, q) == NULL &&
		    strstr(v[i].fault, q) == NULL) {
			kf_order_clear(&v[i]);
			continue;
		}
		found.v = xrealloc(found.v, (found.n + 1) * sizeof(*found.v));
		found.items = xrealloc(found.items, (found.n + 1) *
		    sizeof(char *));
		found.items[found.n] = found_line(&v[i], v[i].contact_name);
		found.v[found.n++] = v[i];	/* moved: its strings too */
	}
	for (; i < n; i++)
		kf_order_clear(&v[i]);
	free(v);
	return rc;
}

/* Adds the orders of customer cu to found; their line names cu. */
static void
found_add(struct ui *ui, const struct kf_customer *cu)
{
	struct kf_order *v = NULL;
	struct kf_err err;
	size_t n = 0, i;

	if (kf_order_of_customer(ui->k, cu->id, FIND_ORDERS, &v, &n, &err) !=
	    KF_OK || n == 0) {
		kf_order_list_free(v, n);
		return;
	}
	found.v = xrealloc(found.v, (found.n + n) * sizeof(*found.v));
	found.items = xrealloc(found.items, (found.n + n) * sizeof(char *));
	for (i = 0; i < n; i++) {
		found.items[found.n] = found_line(&v[i], cu->name);
		found.v[found.n++] = v[i];	/* moved: its strings too */
	}
	free(v);
}

static enum kf_rc
find_submit(struct ui *ui, struct form *f, struct kf_err *err)
{
	char *q = form_text(f, "q"), *end;
	struct kf_customer_hit *hits = NULL;
	struct kf_order o;
	size_t nhits = 0, i;
	long long id = strtoll(q, &end, 10);
	enum kf_rc rc;

	if (kf_blank(q)) {
		free(q);
		kf_err_field(err, "q");
		return kf_err_set(err, KF_INVALID, "%s", _("type a work order's "
		    "number, or its customer's account, name or phone"));
	}
	/* A number: that order, whole. */
	if (*end == '\0' && id > 0 &&
	    kf_order_get(ui->k, (int64_t)id, &o, NULL) == KF_OK) {
		f->next = order_view_form(ui, &o);
		kf_order_clear(&o);
		free(q);
		return KF_OK;
	}
	found_free();
	if (kf_order_own_only(ui->k)) {
		/* A technician: his own orders only (R54), no register. */
		if (*end == '\0')
			rc = kf_err_set(err, KF_NOTFOUND, _("no work order %lld "
			    "of yours"), id);
		else
			rc = found_mine(ui, q, err);
	} else {
		rc = kf_customer_find(ui->k, q, FIND_CUSTOMERS, &hits, &nhits,
		    err);
		for (i = 0; rc == KF_OK && i < nhits; i++)
			found_add(ui, &hits[i].c);
		kf_customer_hits_free(hits, nhits);
	}
	if (rc == KF_OK && found.n == 0)
		rc = kf_err_set(err, KF_NOTFOUND, _("no work order and no "
		    "customer with work orders matches \"%s\""), q);
	free(q);
	if (rc != KF_OK) {
		kf_err_field(err, "q");
		return rc;
	}
	ui_pick(ui, _("Work orders found"), (const char *const *)found.items,
	    (int)found.n, PICK_LITERAL, 0, found_chosen, NULL);
	return KF_OK;
}

struct form *
order_find_form(void)
{
	struct form *f = form_new(N_("Find a work order"), NULL, 0,
	    find_submit);

	form_add(f, "q", N_("Number or customer"), FIELD_TEXT, NULL, 64);
	return f;
}

/* ---- the charge audit (R17) ---- */

struct charge_ctx {
	int64_t	 item_id;
	int64_t	 version;
};

static enum kf_rc
charge_submit(struct ui *ui, struct form *f, struct kf_err *err)
{
	struct charge_ctx *c = f->ctx;
	char *price = form_text(f, "price");
	char *reason = form_text(f, "reason");
	int64_t fen;
	enum kf_rc rc;

	if ((rc = kf_money_parse(price, &fen, err)) == KF_OK)
		rc = kf_order_item_correct(ui->k, c->item_id, c->version, fen,
		    reason, err);		/* R17: with a reason */
	else
		kf_err_field(err, "price");
	free(reason);
	if (rc == KF_OK) {
		ui_msg(ui, MSG_INFO, _("Charge %lld corrected to %s."),
		    (long long)c->item_id, price);
		ui_reload(ui);
	}
	free(price);
	return rc;
}

/* The flagged charges, held while their picker is open. */
struct charges {
	struct kf_order_item	*v;
	size_t			 n;
	char		       **items;
};

static void
charges_free(struct charges *c)
{
	size_t i;

	for (i = 0; c->items != NULL && i < c->n; i++)
		free(c->items[i]);
	free(c->items);
	kf_order_items_free(c->v, c->n);
	memset(c, 0, sizeof(*c));
}

/* The picker shows these items: they live until the next audit. */
static struct charges audit;

static void
charge_chosen(struct ui *ui, void *arg, unsigned choice)
{
	const struct kf_order_item *it;
	struct charge_ctx *c;
	struct form *f;
	char buf[256], charged[32], list[32];

	(void)arg;
	if (choice >= audit.n)
		return;
	it = &audit.v[choice];
	kf_money_format(it->unit_price, charged, sizeof(charged));
	kf_money_format(it->list_price, list, sizeof(list));
	f = form_new(N_("Correct a charge"), NULL, it->order_id, charge_submit);
	c = xcalloc(1, sizeof(*c));
	c->item_id = it->id;
	c->version = it->version;
	f->ctx = c;
	snprintf(buf, sizeof(buf), "%lld  %s %s x%lld", (long long)it->order_id,
	    it->code, it->name, (long long)it->quantity);
	form_add(f, "order", N_("Work order"), FIELD_READONLY, buf, 256);
	snprintf(buf, sizeof(buf), _("%s charged, %s on the list"), charged,
	    list);
	form_add(f, "prices", N_("Prices"), FIELD_READONLY, buf, 128);
	if (*it->off_list_note) {
		form_add(f, "note", N_("Off the list because"), FIELD_READONLY,
		    it->off_list_note, 256);
	}
	form_add(f, "price", N_("Correct price (yuan)"), FIELD_TEXT, list, 12);
	form_add(f, "reason", N_("Reason"), FIELD_TEXT, NULL, 200);
	ui_open_form(ui, f);
}

void
order_charges_audit(struct ui *ui)
{
	struct kf_err err;
	char charged[32], list[32];
	size_t i;

	charges_free(&audit);
	if (kf_order_charges_flagged(ui->k, 100, &audit.v, &audit.n, &err) !=
	    KF_OK) {
		ui_err(ui, &err);
		return;
	}
	if (audit.n == 0) {
		ui_msg(ui, MSG_INFO, "%s", _("Every charge matches the "
		    "paid-service list."));
		return;
	}
	audit.items = xcalloc(audit.n, sizeof(char *));
	for (i = 0; i < audit.n; i++) {
		kf_money_format(audit.v[i].unit_price, charged, sizeof(charged));
		kf_money_format(audit.v[i].list_price, list, sizeof(list));
		audit.items[i] = xasprintf("#%lld %s %s/%s",
		    (long long)audit.v[i].order_id, audit.v[i].code, charged,
		    list);
	}
	ui_pick(ui, _("Charges off the list"), (const char *const *)audit.items,
	    (int)audit.n, PICK_LITERAL, 0, charge_chosen, NULL);
}
