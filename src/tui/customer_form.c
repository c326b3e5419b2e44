/*
 * customer_form.c — the form of a customer's record (see customer_form.h):
 * the register's fields as the front desk corrects them. The core checks
 * them (kf_customer_check) and merges another clerk's change to other
 * fields (kf_customer_edit).
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "kefu/customer.h"
#include "kefu/util.h"
#include "customer_form.h"

static const char *const kind_items[] = {
	N_("Resident"), N_("Commercial"), N_("Other kind"),
};
static const char *const kind_keys[] = { "resident", "commercial", "other" };

/* The text fields of a customer, and where each lives in the struct. */
static const struct cust_field {
	const char	*name, *label;
	size_t		 off, max;
} cust_fields[] = {
	{ "name", N_("Name"), offsetof(struct kf_customer, name), 64 },
	{ "community", N_("Community"), offsetof(struct kf_customer, community),
	  64 },
	{ "building", N_("Building"), offsetof(struct kf_customer, building),
	  32 },
	{ "unit", N_("Unit"), offsetof(struct kf_customer, unit), 32 },
	{ "room", N_("Room"), offsetof(struct kf_customer, room), 32 },
	{ "address", N_("Address"), offsetof(struct kf_customer, address),
	  200 },
	{ "move_in", N_("Moved in (YYYY-MM-DD)"),
	  offsetof(struct kf_customer, move_in), 10 },
	{ "notes", N_("Notes"), offsetof(struct kf_customer, notes), 2000 },
};
#define NCUST_FIELDS	(sizeof(cust_fields) / sizeof(cust_fields[0]))

static char **
cust_str(struct kf_customer *c, const struct cust_field *cf)
{
	return (char **)((char *)c + cf->off);
}

/* The record as read (its version: what an edit is made against). */
struct customer_ctx {
	struct kf_customer	 before;
};

static void
customer_ctx_free(void *p)
{
	struct customer_ctx *c = p;

	if (c == NULL)
		return;
	kf_customer_clear(&c->before);
	free(c);
}

/* "138…, 139…": the phones as one field (a comma between). */
static char *
phones_text(const struct kf_customer *c)
{
	char buf[256] = "";
	size_t i;

	for (i = 0; i < KF_MAX_PHONES && c->phones[i] != NULL; i++)
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%s%s",
		    i ? ", " : "", c->phones[i]);
	return xstrdup(buf);
}

/*
 * The next phone of the field's text at *p: up to a comma, a semicolon or
 * a full-width comma "，" (a space is part of a number: "138 0013 8000");
 * NULL at the end. Allocated; *p moves past it.
 */
static char *
next_phone(const char **p)
{
	const char *s = *p, *end;
	size_t len;

	while (*s == ' ' || *s == ',' || *s == ';' ||
	    strncmp(s, "，", strlen("，")) == 0)
		s += strncmp(s, "，", strlen("，")) == 0 ? strlen("，") : 1;
	if (*s == '\0')
		return NULL;
	for (end = s; *end && *end != ',' && *end != ';' &&
	    strncmp(end, "，", strlen("，")) != 0; end++)
		;
	*p = end;
	for (len = (size_t)(end - s); len > 0 && s[len - 1] == ' '; len--)
		;
	return xasprintf("%.*s", (int)len, s);
}

/* after = before with the form's values (strings allocated). */
static void
customer_from_form(struct form *f, const struct kf_customer *before,
    struct kf_customer *after)
{
	char *phones = form_text(f, "phones"), *one;
	const char *p = phones;
	size_t i, n = 0;

	memset(after, 0, sizeof(*after));
	after->id = before->id;
	after->account = xstrdup(before->account);
	after->kind = (enum kf_customer_kind)form_field(f, "kind")->choice;
	after->status = before->status;
	after->created_at = before->created_at;
	after->version = before->version;
	for (i = 0; i < NCUST_FIELDS; i++)
		*cust_str(after, &cust_fields[i]) = form_text(f,
		    cust_fields[i].name);
	if (after->move_in != NULL && after->move_in[0] == '\0') {
		free(after->move_in);
		after->move_in = NULL;
	}
	while ((one = next_phone(&p)) != NULL)
		if (n < KF_MAX_PHONES)
			after->phones[n++] = one;
		else
			free(one);
	free(phones);
}

static enum kf_rc
customer_submit(struct ui *ui, struct form *f, struct kf_err *err)
{
	struct customer_ctx *c = f->ctx;
	struct kf_customer after;
	enum kf_rc rc;

	customer_from_form(f, &c->before, &after);
	c->before.version = f->seen_version;
	rc = kf_customer_edit(ui->k, &c->before, &after, err);
	if (rc == KF_OK) {
		ui_msg(ui, MSG_INFO, _("Customer %s saved."), after.account);
		ui_reload(ui);
	} else if (strncmp(err->field, "phone", 5) == 0)
		kf_err_field(err, "phones");
	kf_customer_clear(&after);
	return rc;
}

/*
 * ^R after a conflict: the record as it is now (form_reload_field keeps
 * the person's other changes); the next save starts from it.
 */
static bool
customer_reload(struct ui *ui, struct form *f)
{
	struct customer_ctx *c = f->ctx;
	struct kf_customer now;
	struct kf_err err;
	char *phones;
	size_t i;

	if (kf_customer_get(ui->k, c->before.id, &now, &err) != KF_OK) {
		ui_err(ui, &err);
		return false;
	}
	if (strncmp(f->conflict_field, "phone", 5) == 0)
		snprintf(f->conflict_field, sizeof(f->conflict_field), "%s",
		    "phones");
	for (i = 0; i < NCUST_FIELDS; i++)
		form_reload_field(f, cust_fields[i].name,
		    *cust_str(&now, &cust_fields[i]) ?
		    *cust_str(&now, &cust_fields[i]) : "");
	phones = phones_text(&now);
	form_reload_field(f, "phones", phones);
	free(phones);
	form_reload_field(f, "kind", kind_keys[(unsigned)now.kind % 3]);
	kf_customer_clear(&c->before);
	c->before = now;
	f->seen_version = now.version;
	return true;
}

struct form *
customer_form(struct ui *ui, int64_t id)
{
	struct customer_ctx *c = xcalloc(1, sizeof(*c));
	struct kf_err err;
	struct form *f;
	char *phones, title[96];
	size_t i;

	if (kf_customer_get(ui->k, id, &c->before, &err) != KF_OK) {
		ui_err(ui, &err);
		free(c);
		return NULL;
	}
	f = form_new(CUSTOMER_DRAFT_TITLE, CUSTOMER_DRAFT, id, customer_submit);
	f->ctx = c;
	f->free_ctx = customer_ctx_free;
	f->seen_version = c->before.version;
	f->reload = customer_reload;
	snprintf(title, sizeof(title), "%s", c->before.account);
	form_add(f, "account", N_("Account"), FIELD_READONLY, title, 32);
	form_add(f, "name", N_("Name"), FIELD_TEXT, c->before.name, 64);
	phones = phones_text(&c->before);
	form_add(f, "phones", N_("Phones"), FIELD_TEXT, phones, 120);
	free(phones);
	for (i = 1; i < NCUST_FIELDS; i++)
		form_add(f, cust_fields[i].name, cust_fields[i].label,
		    FIELD_TEXT, *cust_str(&c->before, &cust_fields[i]),
		    cust_fields[i].max);
	form_add_choice(f, "kind", N_("Kind"), kind_items, kind_keys, 3, false,
	    (int)c->before.kind);
	return f;
}
