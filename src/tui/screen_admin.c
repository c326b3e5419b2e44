/*
 * screen_admin.c — F8 Administration (admins): the staff list (add, edit
 * name/roles/Unix user, disable/enable, reset a password), the policy
 * table (change a value, with confirmation), the paid-service list (R16)
 * and the rates (R12, R13: add a version, withdraw an unused one). Every
 * action goes through the core, so permissions and the audit trail hold
 * as on the CLI.
 */
#include <stdlib.h>
#include <string.h>

#include "kefu/fee.h"
#include "kefu/perm.h"
#include "kefu/policy.h"
#include "kefu/rate.h"
#include "kefu/staff.h"
#include "kefu/util.h"
#include "tui.h"

enum panel { P_STAFF, P_POLICY, P_FEE, P_RATE };

struct admin {
	enum panel	 panel;
	struct listview	 staff;
	struct listview	 pol;
	struct listview	 fee;
	struct listview	 rate;
};

static const struct binding admin_keys[] = {
	{ CH('\t'), CMD_TAB, 0, "Tab", N_("staff/policies/fees/rates"),
	  N_("Switch: staff, policies, paid services, rates"), true },
	{ CH('n'), CMD_NEW, 0, "n", N_("new"),
	  N_("Add a staff account (or a paid service, on that list)"), true },
	{ CH('\r'), CMD_OPEN, 0, "Enter", N_("edit"),
	  N_("Edit the selected account or policy"), true },
	{ CH('e'), CMD_OPEN, 0, "e", NULL, N_("Edit the selected account or "
	  "policy"), false },
	{ CH('d'), CMD_DISABLE, 0, "d", N_("disable"),
	  N_("Disable or re-enable the selected account"), true },
	{ CH('p'), CMD_PASSWD, 0, "p", N_("password"),
	  N_("Set a new password for the selected account"), true },
	{ CH('/'), CMD_FILTER, 0, "/", N_("find"),
	  N_("Filter: login (Latin) or name (Chinese) starting with"), true },
	LIST_KEYS,
	{ FN(KEY_HOME), CMD_TOP, 0, "Home", NULL, N_("First row"), false },
	{ FN(KEY_END), CMD_BOTTOM, 0, "End", NULL, N_("Last row"), false },
	END_BINDINGS
};

/*
 * The rates tab's keys: a version is never edited in place (R12, R13),
 * so there is no Enter: a change is a new version (n), a mistake not yet
 * used is withdrawn (w; CMD_DISABLE with arg 1, the staff list's d
 * being arg 0).
 */
static const struct binding rate_keys[] = {
	{ CH('\t'), CMD_TAB, 0, "Tab", N_("staff/policies/fees/rates"),
	  N_("Switch: staff, policies, paid services, rates"), true },
	{ CH('n'), CMD_NEW, 0, "n", N_("new version"),
	  N_("Add a rate version; a version is never edited: a change is a "
	  "new version"), true },
	{ CH('w'), CMD_DISABLE, 1, "w", N_("withdraw"),
	  N_("Withdraw the selected version while no notice used it (R15)"),
	  true },
	{ CH('\r'), CMD_OPEN, 0, "Enter", NULL,
	  N_("(A version is never edited: a change is a new version)"),
	  false },
	LIST_KEYS,
	{ FN(KEY_HOME), CMD_TOP, 0, "Home", NULL, N_("First row"), false },
	{ FN(KEY_END), CMD_BOTTOM, 0, "End", NULL, N_("Last row"), false },
	END_BINDINGS
};

/* ---- the staff list's source ---- */

static enum kf_rc
staff_fetch(struct ui *ui, const struct listview *lv,
    const char *filter, enum kf_page dir,
    const void *anchor, int limit, void **rows, size_t *n, struct kf_err *err)
{
	struct kf_staff *v;
	enum kf_rc rc;

	(void)lv;
	rc = kf_staff_page(ui->k, &(struct kf_staff_filter){ filter }, dir,
	    anchor, limit, &v, n, err);
	*rows = v;
	return rc;
}

static void
staff_free(void *rows, size_t n)
{
	kf_staff_list_free(rows, n);
}

/* Column widths in cells; the last column takes what is left. */
static const int staff_w[] = { 14, 16, 30, 0 };
static const int pol_w[] = { 32, 7, 5, 0 };

static void
staff_draw(struct ui *ui, WINDOW *w, int y, int x, int width, const void *row)
{
	const struct kf_staff *s = row;
	char roles[128];
	int col = x;

	(void)ui;
	kf_roles_label(s->roles, ",", roles, sizeof(roles));
	col += draw_text(w, y, col, s->login, staff_w[0], true);
	waddch(w, ' ');
	col += draw_text(w, y, col + 1, s->display_name, staff_w[1], true) + 1;
	waddch(w, ' ');
	col += draw_text(w, y, col + 1, roles, staff_w[2], true) + 1;
	waddch(w, ' ');
	col++;
	draw_text(w, y, col, s->disabled ? _("disabled") :
	    s->unix_user ? s->unix_user : "-", x + width - col, true);
}

static bool
staff_same(const void *a, const void *b)
{
	return ((const struct kf_staff *)a)->id == ((const struct kf_staff *)b)->id;
}

static const struct lv_source staff_src = {
	sizeof(struct kf_staff), staff_fetch, staff_free, staff_draw, staff_same,
};

/* ---- the policy list's source (a short table: all of it at once) ---- */

static enum kf_rc
pol_fetch(struct ui *ui, const struct listview *lv,
    const char *filter, enum kf_page dir,
    const void *anchor, int limit, void **rows, size_t *n, struct kf_err *err)
{
	struct kf_policy *v;
	const struct kf_policy *a = anchor;
	enum kf_rc rc;
	size_t i, from = 0, len;

	(void)lv;
	(void)filter;
	*rows = NULL;
	*n = 0;
	if ((rc = kf_policy_list(ui->k, &v, &len, err)) != KF_OK)
		return rc;
	if (dir == KF_PAGE_AFTER || dir == KF_PAGE_FROM) {
		for (i = 0; i < len && strcmp(v[i].key, a->key) < 0; i++)
			;
		from = i < len && dir == KF_PAGE_AFTER &&
		    strcmp(v[i].key, a->key) == 0 ? i + 1 : i;
	} else if (dir == KF_PAGE_BEFORE) {
		for (i = 0; i < len && strcmp(v[i].key, a->key) < 0; i++)
			;
		from = i > (size_t)limit ? i - (size_t)limit : 0;
		len = i;
	} else if (dir == KF_PAGE_LAST && len > (size_t)limit)
		from = len - (size_t)limit;
	if (from > len)
		from = len;
	*n = len - from < (size_t)limit ? len - from : (size_t)limit;
	memmove(v, v + from, *n * sizeof(*v));
	*rows = v;
	return KF_OK;
}

static void
pol_free(void *rows, size_t n)
{
	(void)n;
	free(rows);
}

static void
pol_draw(struct ui *ui, WINDOW *w, int y, int x, int width, const void *row)
{
	const struct kf_policy *p = row;
	char val[32];
	int col = x;

	(void)ui;
	kf_policy_format(p->unit, p->value, val, sizeof(val));
	col += draw_text(w, y, col, p->key, pol_w[0], true);
	waddch(w, ' ');
	col += draw_text(w, y, col + 1, val, pol_w[1], true) + 1;
	waddch(w, ' ');
	col += draw_text(w, y, col + 1, p->rule, pol_w[2], true) + 1;
	waddch(w, ' ');
	col++;
	draw_text(w, y, col, _(p->description), x + width - col, true);
}

static bool
pol_same(const void *a, const void *b)
{
	return ((const struct kf_policy *)a)->id ==
	    ((const struct kf_policy *)b)->id;
}

static const struct lv_source pol_src = {
	sizeof(struct kf_policy), pol_fetch, pol_free, pol_draw, pol_same,
};

/* ---- the paid-service list's source (short: all of it at once) ---- */

static enum kf_rc
fee_fetch(struct ui *ui, const struct listview *lv,
    const char *filter, enum kf_page dir,
    const void *anchor, int limit, void **rows, size_t *n, struct kf_err *err)
{
	const struct kf_fee *a = anchor;
	struct kf_fee *v;
	size_t i, from = 0, len;
	enum kf_rc rc;

	(void)lv;
	(void)filter;
	*rows = NULL;
	*n = 0;
	if ((rc = kf_fee_list(ui->k, true, &v, &len, err)) != KF_OK)
		return rc;
	if (a != NULL)
		for (i = 0; i < len && strcmp(v[i].code, a->code) < 0; i++)
			from = i + 1;
	if (dir == KF_PAGE_AFTER && from < len && a != NULL &&
	    strcmp(v[from].code, a->code) == 0)
		from++;
	else if (dir == KF_PAGE_BEFORE)
		from = from > (size_t)limit ? from - (size_t)limit : 0;
	else if (dir == KF_PAGE_LAST)
		from = len > (size_t)limit ? len - (size_t)limit : 0;
	else if (dir == KF_PAGE_FIRST)
		from = 0;
	for (i = 0; i < from && i < len; i++)
		kf_fee_clear(&v[i]);
	*n = len - (from < len ? from : len);
	if (*n > (size_t)limit) {
		for (i = from + (size_t)limit; i < len; i++)
			kf_fee_clear(&v[i]);
		*n = (size_t)limit;
	}
	memmove(v, v + (from < len ? from : len), *n * sizeof(*v));
	*rows = v;
	return KF_OK;
}

static void
fee_free(void *rows, size_t n)
{
	kf_fee_list_free(rows, n);
}

static const int fee_w[] = { 16, 24, 6, 10, 0 };

static void
fee_draw(struct ui *ui, WINDOW *w, int y, int x, int width, const void *row)
{
	const struct kf_fee *f = row;
	char price[32];
	int col = x;

	(void)ui;
	kf_money_format(f->price, price, sizeof(price));
	col += draw_text(w, y, col, f->code, fee_w[0], true);
	col += draw_text(w, y, col, " ", 1, false);
	col += draw_text(w, y, col, f->name, fee_w[1], true);
	col += draw_text(w, y, col, " ", 1, false);
	col += draw_text(w, y, col, f->unit, fee_w[2], true);
	col += draw_text(w, y, col, " ", 1, false);
	col += draw_text(w, y, col, price, fee_w[3], true);
	col += draw_text(w, y, col, " ", 1, false);
	draw_text(w, y, col, f->active ? _("offered") : _("not offered"),
	    x + width - col, true);
}

static bool
fee_same(const void *a, const void *b)
{
	return ((const struct kf_fee *)a)->id == ((const struct kf_fee *)b)->id;
}

static const struct lv_source fee_src = {
	sizeof(struct kf_fee), fee_fetch, fee_free, fee_draw, fee_same,
};

/* ---- the rates' source (R12, R13; short: all of it at once) ---- */

/* A rate version as listed: the version and whether a notice used it. */
struct rate_row {
	struct kf_rate	 r;
	bool		 used;
};

/* Newest effective period first; then by kind, community, newest id. */
static int
rate_cmp(const void *pa, const void *pb)
{
	const struct kf_rate *a = &((const struct rate_row *)pa)->r;
	const struct kf_rate *b = &((const struct rate_row *)pb)->r;
	int c;

	if ((c = strcmp(b->effective, a->effective)) != 0)
		return c;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if ((c = strcmp(a->community, b->community)) != 0)
		return c;
	return a->id == b->id ? 0 : a->id > b->id ? -1 : 1;
}

static enum kf_rc
rate_fetch(struct ui *ui, const struct listview *lv,
    const char *filter, enum kf_page dir,
    const void *anchor, int limit, void **rows, size_t *n, struct kf_err *err)
{
	struct kf_rate *v;
	struct rate_row *rr;
	size_t i, from = 0, len;
	enum kf_rc rc;

	(void)lv;
	(void)filter;
	*rows = NULL;
	*n = 0;
	if ((rc = kf_rate_list(ui->k, -1, true, &v, &len, err)) != KF_OK)
		return rc;
	rr = xcalloc(len ? len : 1, sizeof(*rr));
	for (i = 0; i < len; i++) {
		rr[i].r = v[i];
		if ((rc = kf_rate_used(ui->k, &v[i], &rr[i].used, NULL, err)) !=
		    KF_OK) {
			free(v);
			free(rr);
			return rc;
		}
	}
	free(v);
	qsort(rr, len, sizeof(*rr), rate_cmp);
	if (anchor != NULL)
		for (i = 0; i < len && rate_cmp(&rr[i], anchor) < 0; i++)
			from = i + 1;
	if (dir == KF_PAGE_AFTER && anchor != NULL && from < len &&
	    rate_cmp(&rr[from], anchor) == 0)
		from++;
	else if (dir == KF_PAGE_BEFORE)
		from = from > (size_t)limit ? from - (size_t)limit : 0;
	else if (dir == KF_PAGE_LAST)
		from = len > (size_t)limit ? len - (size_t)limit : 0;
	else if (dir == KF_PAGE_FIRST)
		from = 0;
	if (from > len)
		from = len;
	*n = len - from < (size_t)limit ? len - from : (size_t)limit;
	memmove(rr, rr + from, *n * sizeof(*rr));
	*rows = rr;
	return KF_OK;
}

static void
rate_free(void *rows, size_t n)
{
	(void)n;
	free(rows);
}

/*
 * Kind, community, from, basis, pricing, state, used; the price (or the
 * tiers) takes what is left: 23 cells at 80 columns, in either language.
 */
static const int rate_w[] = { 6, 10, 7, 6, 6, 9, 4, 0 };

static const char *
rate_kind_label(enum kf_rate_kind k)
{
	return k == KF_RATE_MGMT ? _("mgmt") : k == KF_RATE_WATER ?
	    _("water") : _("power");
}

static void
rate_draw(struct ui *ui, WINDOW *w, int y, int x, int width, const void *row)
{
	const struct rate_row *rr = row;
	const struct kf_rate *r = &rr->r;
	const char *cells[7];
	char price[300];
	int col = x, i;

	(void)ui;
	if (r->kind == KF_RATE_MGMT)
		kf_price_format(r->price_cfen, price, sizeof(price));
	else
		kf_tiers_format(r->tiers, r->ntiers, price, sizeof(price));
	cells[0] = rate_kind_label(r->kind);
	cells[1] = r->community[0] ? r->community : _("(all)");
	cells[2] = r->effective;
	cells[3] = r->basis == KF_BASIS_AREA ? _("per m²") :
	    r->basis == KF_BASIS_UNIT ? _("unit") : _("meter");
	cells[4] = r->pricing == KF_PRICING_AGREED ? _("agreed") :
	    _("gov't");
	cells[5] = r->withdrawn ? _("withdrawn") : _("in force");
	cells[6] = rr->used ? _("used") : "-";
	for (i = 0; i < 7; i++) {
		col += draw_text(w, y, col, cells[i], rate_w[i], true);
		col += draw_text(w, y, col, " ", 1, false);
	}
	draw_text(w, y, col, price, x + width - col, true);
}

static bool
rate_same(const void *a, const void *b)
{
	return ((const struct rate_row *)a)->r.id ==
	    ((const struct rate_row *)b)->r.id;
}

static const struct lv_source rate_src = {
	sizeof(struct rate_row), rate_fetch, rate_free, rate_draw, rate_same,
};

/* ---- the screen ---- */

static struct admin *
st(struct ui *ui)
{
	return ui->state;
}

static struct listview *
cur_list(struct ui *ui)
{
	return st(ui)->panel == P_STAFF ? &st(ui)->staff :
	    st(ui)->panel == P_POLICY ? &st(ui)->pol :
	    st(ui)->panel == P_FEE ? &st(ui)->fee : &st(ui)->rate;
}

/* The rates tab is there for those who may read the rates. */
static bool
rates_shown(struct ui *ui)
{
	return kf_may(ui->k, KF_ACT_RATE_VIEW, 0, NULL) == KF_OK;
}

static int
list_height(void)
{
	/* Body minus title line, header line, and a filter line. */
	return ui_body_height() - 3;
}

static int
admin_enter(struct ui *ui)
{
	struct admin *a = xcalloc(1, sizeof(*a));

	ui->state = a;
	lv_init(&a->staff, &staff_src);
	lv_init(&a->pol, &pol_src);
	lv_init(&a->fee, &fee_src);
	lv_init(&a->rate, &rate_src);
	lv_load(ui, &a->staff, list_height());
	lv_load(ui, &a->pol, list_height());
	lv_load(ui, &a->fee, list_height());
	if (rates_shown(ui))
		lv_load(ui, &a->rate, list_height());
	return 0;
}

static void
admin_leave(struct ui *ui)
{
	struct admin *a = st(ui);

	if (a == NULL)
		return;
	lv_free(&a->staff);
	lv_free(&a->pol);
	lv_free(&a->fee);
	lv_free(&a->rate);
	free(a);
	ui->state = NULL;
}

/* Column headers, padded by display width (they may be Chinese). */
static void
header(int y, const char *const *labels, const int *widths, int n)
{
	int i, x = 1;

	attron(A_BOLD);
	for (i = 0; i < n; i++) {
		draw_text(stdscr, y, x, _(labels[i]), widths[i] ? widths[i] :
		    COLS - 1 - x, true);
		x += widths[i] + 1;
	}
	attroff(A_BOLD);
}

static void
admin_draw(struct ui *ui)
{
	static const char *const staff_cols[] = { N_("LOGIN"), N_("NAME"),
	    N_("ROLES"), N_("UNIX USER") };
	static const char *const pol_cols[] = { N_("KEY"), N_("VALUE"),
	    N_("RULE"), N_("MEANING") };
	static const char *const fee_cols[] = { N_("CODE"), N_("SERVICE"),
	    N_("UNIT"), N_("PRICE"), N_("OFFERED") };
	static const char *const rate_cols[] = { N_("KIND"), N_("COMMUNITY"),
	    N_("FROM"), N_("BASIS"), N_("PRICED"), N_("STATE"), N_("USED"),
	    N_("PRICE (YUAN) / TIERS") };
	struct admin *a = st(ui);
	struct listview *lv = cur_list(ui);
	int y = ui_body_top(), top;

	attron(theme(C_TITLE));
	draw_text(stdscr, y, 1, a->panel == P_STAFF ? _("Staff accounts") :
	    a->panel == P_POLICY ? _("Policies (the numbers the rules run on)") :
	    a->panel == P_FEE ? _("Paid-service list (有偿服务项目表, R16)") :
	    _("Rates (R12, R13): a change is a new version"), COLS - 2, false);
	attroff(theme(C_TITLE));
	/* The filter line, when there is one, sits above the headers. */
	top = lv->filtering || lv->filter_text[0] ? y + 2 : y + 1;
	if (a->panel == P_STAFF)
		header(top, staff_cols, staff_w, 4);
	else if (a->panel == P_POLICY)
		header(top, pol_cols, pol_w, 4);
	else if (a->panel == P_FEE)
		header(top, fee_cols, fee_w, 5);
	else
		header(top, rate_cols, rate_w, 8);
	lv_draw(ui, lv, stdscr, y + 1, 1, COLS - 2, ui_body_height() - 1, NULL);
}

/* ---- forms ---- */

struct edit_ctx {
	int64_t	 id;
	char	 key[48];	/* policy key */
	/* The account as the form was loaded: only what differs is sent, so
	 * another admin's change to another field merges. */
	char	 name[256];
	unsigned roles;
	char	 unix_user[64];
};

static void
remember(struct edit_ctx *c, const struct kf_staff *s)
{
	snprintf(c->name, sizeof(c->name), "%s", s->display_name);
	c->roles = s->roles;
	snprintf(c->unix_user, sizeof(c->unix_user), "%s",
	    s->unix_user ? s->unix_user : "");
}

static void
refresh_lists(struct ui *ui)
{
	lv_refresh(ui, &st(ui)->staff);
	lv_refresh(ui, &st(ui)->pol);
	lv_refresh(ui, &st(ui)->fee);
	if (rates_shown(ui))
		lv_refresh(ui, &st(ui)->rate);
}

static enum kf_rc
add_submit(struct ui *ui, struct form *f, struct kf_err *err)
{
	char *login = form_text(f, "login"), *name = form_text(f, "display_name");
	char *unix_user = form_text(f, "unix_user"), *pw = form_text(f, "password");
	struct field *roles = form_field(f, "roles");
	enum kf_rc rc;

	rc = kf_staff_add(ui->k, login, name, roles->roles,
	    *unix_user ? unix_user : NULL, *pw ? pw : NULL, NULL, err);
	if (rc == KF_OK) {
		ui_msg(ui, MSG_INFO, _("Added %s."), login);
		refresh_lists(ui);
	}
	explicit_bzero(pw, strlen(pw));
	free(pw);
	free(login);
	free(name);
	free(unix_user);
	return rc;
}

static struct form *
add_form(void)
{
	struct form *f = form_new(N_("New staff account"), "staff.add", 0,
	    add_submit);

	form_add(f, "login", N_("Login"), FIELD_TEXT, NULL, 32);
	form_add(f, "display_name", N_("Name"), FIELD_TEXT, NULL, 64);
	form_add(f, "roles", N_("Roles"), FIELD_ROLES, NULL, 1);
	form_add(f, "unix_user", N_("Unix user"), FIELD_TEXT, NULL, 32);
	form_add(f, "password", N_("Password"), FIELD_SECRET, NULL, 128);
	return f;
}

static enum kf_rc
edit_submit(struct ui *ui, struct form *f, struct kf_err *err)
{
	struct edit_ctx *c = f->ctx;
	char *name = form_text(f, "display_name"), *unix_user = form_text(f,
	    "unix_user");
	unsigned roles = form_field(f, "roles")->roles;
	bool n = strcmp(name, c->name) != 0, u = strcmp(unix_user,
	    c->unix_user) != 0, r = roles != c->roles;
	enum kf_rc rc = KF_OK;

	if (n || u || r)
		rc = kf_staff_edit(ui->k, c->id, f->seen_version, n ? name : NULL,
		    r ? roles : ~0u, u ? unix_user : NULL, err);
	if (rc == KF_OK) {
		ui_msg(ui, MSG_INFO, "%s", n || u || r ? _("Saved.") :
		    _("Nothing changed."));
		refresh_lists(ui);
	}
	free(name);
	free(unix_user);
	return rc;
}

/*
 * After a conflict: the saved record comes in where the person changed
 * nothing and in the field that conflicted; their other changes stay, and
 * the next save starts from the version now saved (form_reload_field).
 * False, having said why, when the account cannot be read.
 */
static bool
edit_reload(struct ui *ui, struct form *f)
{
	struct edit_ctx *c = f->ctx;
	struct kf_staff s;
	struct kf_err err;
	char roles[128];

	if (kf_staff_get_id(ui->k, c->id, &s, &err) != KF_OK) {
		ui_err(ui, &err);
		return false;
	}
	kf_roles_format(s.roles, roles, sizeof(roles));
	form_reload_field(f, "display_name", s.display_name);
	form_reload_field(f, "roles", roles);
	form_reload_field(f, "unix_user", s.unix_user ? s.unix_user : "");
	f->seen_version = s.version;
	remember(c, &s);
	kf_staff_clear(&s);
	return true;
}

static struct form *
edit_form(const struct kf_staff *s)
{
	struct form *f = form_new(N_("Edit staff account"), "staff.edit", s->id,
	    edit_submit);
	struct edit_ctx *c = xcalloc(1, sizeof(*c));
	char roles[128];

	c->id = s->id;
	remember(c, s);
	f->ctx = c;
	f->seen_version = s->version;
	f->reload = edit_reload;
	kf_roles_format(s->roles, roles, sizeof(roles));
	form_add(f, "login", N_("Login"), FIELD_READONLY, s->login, 32);
	form_add(f, "display_name", N_("Name"), FIELD_TEXT, s->display_name, 64);
	form_add(f, "roles", N_("Roles"), FIELD_ROLES, roles, 1);
	form_add(f, "unix_user", N_("Unix user"), FIELD_TEXT,
	    s->unix_user ? s->unix_user : "", 32);
	return f;
}

static enum kf_rc
passwd_submit(struct ui *ui, struct form *f, struct kf_err *err)
{
	struct edit_ctx *c = f->ctx;
	char *a = form_text(f, "password"), *b = form_text(f, "again");
	enum kf_rc rc;

	if (strcmp(a, b) != 0) {
		kf_err_set(err, KF_INVALID, "%s", _("the two passwords differ"));
		kf_err_field(err, "again");
		rc = KF_INVALID;
	} else
		rc = kf_staff_passwd(ui->k, c->id, a, err);
	if (rc == KF_OK)
		ui_msg(ui, MSG_INFO, "%s", _("Password set."));
	explicit_bzero(a, strlen(a));
	explicit_bzero(b, strlen(b));
	free(a);
	free(b);
	return rc;
}

struct form *
passwd_form(int64_t id, const char *login)
{
	struct form *f = form_new(N_("New password"), NULL, id, passwd_submit);
	struct edit_ctx *c = xcalloc(1, sizeof(*c));

	c->id = id;
	f->ctx = c;
	form_add(f, "login", N_("Login"), FIELD_READONLY, login, 32);
	form_add(f, "password", N_("Password"), FIELD_SECRET, NULL, 128);
	form_add(f, "again", N_("Again"), FIELD_SECRET, NULL, 128);
	return f;
}

static enum kf_rc pol_submit(struct ui *, struct form *, struct kf_err *);

/* A policy change is confirmed before it is made. */
struct pol_change {
	char		 key[48];
	char		 text[32];
	int64_t		 version;
	enum kf_unit	 unit;		/* to show another's value in */
};

static void
pol_confirmed(struct ui *ui, void *arg)
{
	struct pol_change *pc = arg;
	struct kf_err err;

	kf_err_clear(&err);
	if (kf_policy_set(ui->k, pc->key, pc->text, pc->version, &err) != KF_OK) {
		if (err.rc == KF_CONFLICT && ui->form != NULL &&
		    ui->form->submit == pol_submit) {
			/* Another admin set it first: the form stays, with
			 * their value in its unit and ^R to take it. */
			kf_policy_format(pc->unit, strtoll(err.conflict.theirs,
			    NULL, 10), err.conflict.theirs,
			    sizeof(err.conflict.theirs));
			form_conflict(ui, ui->form, &err);
		} else if (err.rc != KF_BUSY || !ui_retry_later(ui,
		    pol_confirmed, pc, sizeof(*pc), &err))
			ui_err(ui, &err);
		return;
	}
	if (ui->form != NULL && ui->form->submit == pol_submit)
		ui_close_form(ui, true);
	ui_msg(ui, MSG_INFO, _("Set %s to %s."), pc->key, pc->text);
	refresh_lists(ui);
}

static enum kf_rc
pol_submit(struct ui *ui, struct form *f, struct kf_err *err)
{
	struct edit_ctx *c = f->ctx;
	const struct kf_policy *p = lv_selected(&st(ui)->pol);
	struct pol_change *pc;
	char *text = form_text(f, "value"), q[768], cur[32];
	int64_t v;
	enum kf_rc rc;

	if (p == NULL || strcmp(p->key, c->key) != 0) {
		free(text);
		return kf_err_set(err, KF_NOTFOUND, "%s", _("the policy is gone"));
	}
	if ((rc = kf_policy_parse(p->unit, text, &v, err)) != KF_OK) {
		kf_err_field(err, "value");
		free(text);
		return rc;
	}
	if (v < p->min_value || v > p->max_value) {
		char lo[32], hi[32];

		kf_policy_format(p->unit, p->min_value, lo, sizeof(lo));
		kf_policy_format(p->unit, p->max_value, hi, sizeof(hi));
		kf_err_set(err, KF_INVALID, "must lie between %s and %s", lo,
		    hi);
		kf_err_field(err, "value");
		free(text);
		return KF_INVALID;
	}
	pc = xcalloc(1, sizeof(*pc));
	snprintf(pc->key, sizeof(pc->key), "%s", c->key);
	snprintf(pc->text, sizeof(pc->text), "%s", text);
	pc->version = f->seen_version;
	pc->unit = p->unit;
	kf_policy_format(p->unit, p->value, cur, sizeof(cur));
	snprintf(q, sizeof(q), _("Change %s (%s) from %s to %s?"), p->key,
	    p->rule, cur, text);
	free(text);
	/* The form stays until the change is made: a "no" or a refusal
	 * leaves what was typed. */
	f->keep_open = true;
	ui_confirm(ui, q, pol_confirmed, pc);
	return KF_OK;
}

/* "From .. to" of a policy's allowed values, in its unit. */
static void
pol_range(const struct kf_policy *p, char *buf, size_t n)
{
	char lo[32], hi[32];

	kf_policy_format(p->unit, p->min_value, lo, sizeof(lo));
	kf_policy_format(p->unit, p->max_value, hi, sizeof(hi));
	snprintf(buf, n, "%s .. %s", lo, hi);
}

/*
 * ^R after a conflict: the policy as saved now. Its value is the one
 * field, and the one that conflicted, so it takes the saved value; the
 * next save starts from the version now saved. False, having said why,
 * when the policy cannot be read.
 */
static bool
pol_reload(struct ui *ui, struct form *f)
{
	struct edit_ctx *c = f->ctx;
	struct kf_policy *v;
	struct kf_err err;
	char val[32], range[80];
	size_t n, i;

	if (kf_policy_list(ui->k, &v, &n, &err) != KF_OK) {
		ui_err(ui, &err);
		return false;
	}
	for (i = 0; i < n && strcmp(v[i].key, c->key) != 0; i++)
		;
	if (i == n) {
		free(v);
		ui_msg(ui, MSG_ERROR, "%s", _("the policy is gone"));
		return false;
	}
	kf_policy_format(v[i].unit, v[i].value, val, sizeof(val));
	pol_range(&v[i], range, sizeof(range));
	form_reload_field(f, "range", range);
	form_reload_field(f, "value", val);
	f->seen_version = v[i].version;
	free(v);
	refresh_lists(ui);	/* the confirmation reads the list's value */
	return true;
}

static struct form *
pol_form(const struct kf_policy *p)
{
	struct form *f = form_new(N_("Change a policy"), NULL, p->id,
	    pol_submit);
	struct edit_ctx *c = xcalloc(1, sizeof(*c));
	char val[32], range[80];

	snprintf(c->key, sizeof(c->key), "%s", p->key);
	f->ctx = c;
	f->seen_version = p->version;
	f->reload = pol_reload;
	kf_policy_format(p->unit, p->value, val, sizeof(val));
	pol_range(p, range, sizeof(range));
	form_add(f, "key", N_("Policy"), FIELD_READONLY, p->key, 48);
	form_add(f, "range", N_("Allowed"), FIELD_READONLY, range, 80);
	form_add(f, "value", N_("New value"), FIELD_TEXT, val, 16);
	return f;
}

/* ---- the paid-service list's forms (R16, R25) ---- */

static const char *const offered_items[] = { N_("Withdrawn"), N_("Offered") };
static const char *const offered_keys[] = { "0", "1" };

static enum kf_rc
fee_submit(struct ui *ui, struct form *f, struct kf_err *err)
{
	char *code = form_text(f, "code"), *name = form_text(f, "name");
	char *unit = form_text(f, "unit"), *price = form_text(f, "price");
	int64_t fen = 0;
	enum kf_rc rc;

	if ((rc = kf_money_parse(price, &fen, err)) != KF_OK)
		kf_err_field(err, "price");
	else if (f->record_id == 0)
		rc = kf_fee_add(ui->k, code, name, unit, fen, NULL, err);
	else
		rc = kf_fee_set(ui->k, code, f->seen_version, name, unit, fen,
		    form_field(f, "active")->choice, err);
	if (rc == KF_OK) {
		ui_msg(ui, MSG_INFO, _("Saved %s."), code);
		refresh_lists(ui);
	} else if (rc == KF_CONFLICT && strcmp(err->conflict.field, "price") ==
	    0) {
		/* Another admin's price, in yuan as the form takes it. */
		kf_money_format(strtoll(err->conflict.theirs, NULL, 10),
		    err->conflict.theirs, sizeof(err->conflict.theirs));
	}
	free(code);
	free(name);
	free(unit);
	free(price);
	return rc;
}

/*
 * ^R after a conflict: the item as saved now comes in where the person
 * changed nothing and in the field that conflicted; their other changes
 * stay, and the next save starts from the version now saved. False,
 * having said why, when the item cannot be read.
 */
static bool
fee_reload(struct ui *ui, struct form *f)
{
	char *code = form_text(f, "code"), price[32];
	struct kf_fee fee;
	struct kf_err err;

	if (kf_fee_get(ui->k, code, &fee, &err) != KF_OK) {
		ui_err(ui, &err);
		free(code);
		return false;
	}
	kf_money_format(fee.price, price, sizeof(price));
	form_reload_field(f, "name", fee.name);
	form_reload_field(f, "unit", fee.unit);
	form_reload_field(f, "price", price);
	form_reload_field(f, "active", fee.active ? "1" : "0");
	f->seen_version = fee.version;
	kf_fee_clear(&fee);
	free(code);
	return true;
}

/* A new item (fee NULL) or an item to change. */
static struct form *
fee_form(const struct kf_fee *fee)
{
	struct form *f = form_new(fee ? N_("Change a paid service") :
	    N_("New paid service"), NULL, fee ? fee->id : 0, fee_submit);
	char price[32] = "";

	if (fee != NULL) {
		kf_money_format(fee->price, price, sizeof(price));
		f->seen_version = fee->version;
		f->reload = fee_reload;
	}
	form_add(f, "code", N_("Code"), fee ? FIELD_READONLY : FIELD_TEXT,
	    fee ? fee->code : NULL, 16);
	form_add(f, "name", N_("Service"), FIELD_TEXT, fee ? fee->name : NULL,
	    64);
	form_add(f, "unit", N_("Unit"), FIELD_TEXT, fee ? fee->unit : NULL, 8);
	form_add(f, "price", N_("Price (yuan)"), FIELD_TEXT, price, 12);
	if (fee != NULL)
		form_add_choice(f, "active", N_("Offered"), offered_items,
		    offered_keys, 2, false, fee->active ? 1 : 0);
	return f;
}

/* ---- the rates' form and withdrawal (R12, R13, R15) ---- */

static const char *const kind_items[] = { N_("Management fee"),
    N_("Water"), N_("Power") };
static const char *const kind_keys[] = { "mgmt", "water", "power" };
static const char *const basis_items[] = { N_("Per m² of floor area"),
    N_("Per unit") };
static const char *const basis_keys[] = { "area", "unit" };
static const char *const pricing_items[] = { N_("Government-priced"),
    N_("Agreed") };
static const char *const pricing_keys[] = { "government", "agreed" };

/* A management fee has a basis, a pricing and a price; a tariff tiers. */
static void
rate_kind_changed(struct ui *ui, struct form *f, struct field *fl)
{
	bool mgmt = form_choice(f, "kind") == KF_RATE_MGMT;

	(void)ui;
	(void)fl;
	form_field(f, "basis")->hidden = !mgmt;
	form_field(f, "pricing")->hidden = !mgmt;
	form_field(f, "price")->hidden = !mgmt;
	form_field(f, "tiers")->hidden = mgmt;
}

/*
 * The core's refusal, on the message line with the field it is about
 * named as the form labels it (the form shows it under the field too).
 * kf_rate_add refuses (KF_REFUSED) only a version back-dated over a
 * billed month (R15): that is about its period, and the rule is named
 * up front, where an 80-column message line still shows it.
 */
static void
rate_name_field(struct form *f, enum kf_rc rc, struct kf_err *err)
{
	struct field *fl;
	char pre[128];
	size_t pn, mn;

	if (rc == KF_REFUSED && err->field[0] == '\0')
		kf_err_field(err, "effective");
	if (err->field[0] == '\0' || (fl = form_field(f, err->field)) == NULL)
		return;
	snprintf(pre, sizeof(pre), rc == KF_REFUSED ? "%s (R15): " : "%s: ",
	    _(fl->label));
	pn = strlen(pre);
	mn = strlen(err->msg);
	if (pn + mn >= sizeof(err->msg))
		return;		/* no room: the field shows it anyway */
	memmove(err->msg + pn, err->msg, mn + 1);
	memcpy(err->msg, pre, pn);
}

static enum kf_rc
rate_submit(struct ui *ui, struct form *f, struct kf_err *err)
{
	struct kf_rate r;
	char *community = form_text(f, "community");
	char *effective = form_text(f, "effective");
	char *price = form_text(f, "price"), *tiers = form_text(f, "tiers");
	char *note = form_text(f, "note");
	enum kf_rc rc;
	int64_t id = 0;

	memset(&r, 0, sizeof(r));
	r.kind = (enum kf_rate_kind)form_choice(f, "kind");
	snprintf(r.community, sizeof(r.community), "%s", community);
	snprintf(r.effective, sizeof(r.effective), "%s", effective);
	snprintf(r.note, sizeof(r.note), "%s", note);
	if (r.kind == KF_RATE_MGMT) {
		r.basis = form_choice(f, "basis") == 1 ? KF_BASIS_UNIT :
		    KF_BASIS_AREA;
		r.pricing = form_choice(f, "pricing") == 1 ? KF_PRICING_AGREED :
		    KF_PRICING_GOVERNMENT;
		/* Four decimals read: a fraction of a fen is the core's to
		 * refuse (R12), in its words. */
		rc = kf_price_parse(price, "price", 4, &r.price_cfen, err);
	} else {
		r.basis = KF_BASIS_METERED;
		rc = kf_tiers_parse(tiers, r.tiers, &r.ntiers, err);
	}
	if (rc == KF_OK)
		rc = kf_rate_add(ui->k, &r, &id, err);
	if (rc == KF_OK) {
		ui_msg(ui, MSG_INFO, _("Added rate version %lld (%s from %s)."),
		    (long long)id, rate_kind_label(r.kind), r.effective);
		refresh_lists(ui);
	} else
		rate_name_field(f, rc, err);
	free(community);
	free(effective);
	free(price);
	free(tiers);
	free(note);
	return rc;
}

#define RATE_DRAFT	"rate.add"

static struct form *
rate_form(void)
{
	/* Drafted like every form (DESIGN.md): a tier table typed and lost
	 * to a dropped link comes back (admin_restore). */
	struct form *f = form_new(N_("New rate version"), RATE_DRAFT, 0,
	    rate_submit);

	form_add_choice(f, "kind", N_("Kind"), kind_items, kind_keys, 3, false,
	    0);
	form_add(f, "community", N_("Community (empty: all)"), FIELD_TEXT,
	    NULL, 64);
	/* Seven characters hold "YYYY-MM", all struct kf_rate keeps. */
	form_add(f, "effective", N_("From (YYYY-MM)"), FIELD_TEXT, NULL,
	    KF_PERIOD_LEN - 1);
	form_add_choice(f, "basis", N_("Basis"), basis_items, basis_keys, 2,
	    false, 0);
	form_add_choice(f, "pricing", N_("Pricing"), pricing_items,
	    pricing_keys, 2, false, 0);
	form_add(f, "price", N_("Price (yuan)"), FIELD_TEXT, NULL, 16);
	form_add(f, "tiers", N_("Tiers (10:3.45,*:4.83)"), FIELD_TEXT, NULL,
	    200);
	form_add(f, "note", N_("Note"), FIELD_TEXT, NULL, 64);
	f->on_change = rate_kind_changed;
	rate_kind_changed(NULL, f, NULL);
	return f;
}

/* What a withdrawal's confirmation carries: plain data, copyable. */
struct rate_withdrawal {
	int64_t	 id;
	int64_t	 version;
};

static void
rate_withdraw_confirmed(struct ui *ui, void *arg)
{
	const struct rate_withdrawal *w = arg;
	struct kf_err err;

	kf_err_clear(&err);
	if (kf_rate_withdraw(ui->k, w->id, w->version, &err) != KF_OK) {
		if (err.rc != KF_BUSY || !ui_retry_later(ui,
		    rate_withdraw_confirmed, w, sizeof(*w), &err))
			ui_err(ui, &err);
		return;
	}
	ui_msg(ui, MSG_INFO, _("Withdrew rate version %lld."),
	    (long long)w->id);
	refresh_lists(ui);
}

/*
 * w: a version no notice used is withdrawn after a question; one used
 * (or withdrawn already) is not asked about: the core refuses it (R15),
 * and a billed period or a withdrawal is never undone, so the row's
 * state cannot be stale the other way.
 */
static void
rate_withdraw(struct ui *ui, const struct rate_row *rr)
{
	struct rate_withdrawal *w = xcalloc(1, sizeof(*w));
	char q[768];

	w->id = rr->r.id;
	w->version = rr->r.version;
	if (rr->used || rr->r.withdrawn) {
		rate_withdraw_confirmed(ui, w);
		free(w);
		return;
	}
	snprintf(q, sizeof(q), _("Withdraw rate version %lld (%s, %s, from "
	    "%s)? The version before it is in force again."),
	    (long long)rr->r.id, rate_kind_label(rr->r.kind),
	    rr->r.community[0] ? rr->r.community : _("(all)"), rr->r.effective);
	ui_confirm(ui, q, rate_withdraw_confirmed, w);
}

/* What a disable/enable confirmation carries: plain data, copyable. */
struct toggle {
	int64_t	 id;
	int64_t	 version;
	bool	 disabled;
	char	 login[64];
};

static void
disable_confirmed(struct ui *ui, void *arg)
{
	const struct toggle *t = arg;
	struct kf_err err;

	kf_err_clear(&err);
	if (kf_staff_set_disabled(ui->k, t->id, t->version, !t->disabled,
	    &err) != KF_OK) {
		if (err.rc != KF_BUSY || !ui_retry_later(ui, disable_confirmed,
		    t, sizeof(*t), &err))
			ui_err(ui, &err);
		return;
	}
	ui_msg(ui, MSG_INFO, t->disabled ? _("Enabled %s.") : _("Disabled %s."),
	    t->login);
	refresh_lists(ui);
}

static unsigned
admin_act(struct ui *ui, enum command act, int arg)
{
	struct admin *a = st(ui);
	struct listview *lv = cur_list(ui);
	const struct kf_staff *s = lv_selected(&a->staff);
	const struct kf_policy *p = lv_selected(&a->pol);
	char q[768];

	switch (act) {
	case CMD_TAB:
		a->panel = a->panel == P_STAFF ? P_POLICY : a->panel ==
		    P_POLICY ? P_FEE : a->panel == P_FEE && rates_shown(ui) ?
		    P_RATE : P_STAFF;
		if (a->panel == P_RATE)
			lv_refresh(ui, &a->rate);
		return DIRTY_ALL;
	case CMD_NEW:
		ui_open_form(ui, a->panel == P_FEE ? fee_form(NULL) :
		    a->panel == P_RATE ? rate_form() : add_form());
		return DIRTY_ALL;
	case CMD_OPEN:
		if (a->panel == P_RATE) {
			ui_msg(ui, MSG_INFO, "%s", _("A rate version is never "
			    "edited: n adds a new version (R12, R13)."));
			return DIRTY_ALL;
		}
		if (a->panel == P_FEE) {
			if (lv_selected(&a->fee) != NULL)
				ui_open_form(ui, fee_form(lv_selected(&a->fee)));
		} else if (a->panel == P_POLICY) {
			if (p != NULL)
				ui_open_form(ui, pol_form(p));
		} else if (s != NULL)
			ui_open_form(ui, edit_form(s));
		return DIRTY_ALL;
	case CMD_DISABLE:
		if (arg == 1) {		/* w: withdraw a rate version */
			if (a->panel == P_RATE && lv_selected(&a->rate) != NULL)
				rate_withdraw(ui, lv_selected(&a->rate));
			return DIRTY_ALL;
		}
		if (a->panel != P_STAFF || s == NULL)
			return 0;
		{
			struct toggle *t = xcalloc(1, sizeof(*t));

			t->id = s->id;
			t->version = s->version;
			t->disabled = s->disabled;
			snprintf(t->login, sizeof(t->login), "%s", s->login);
			snprintf(q, sizeof(q), s->disabled ? _("Enable %s (%s)?") :
			    _("Disable %s (%s)? They can no longer log in."),
			    s->login, s->display_name);
			ui_confirm(ui, q, disable_confirmed, t);
		}
		return DIRTY_ALL;
	case CMD_PASSWD:
		if (a->panel == P_STAFF && s != NULL)
			ui_open_form(ui, passwd_form(s->id, s->login));
		return DIRTY_ALL;
	case CMD_FILTER:
		if (a->panel != P_STAFF)
			return 0;
		return lv_act(ui, lv, act);
	default:
		return lv_act(ui, lv, act);
	}
}

static unsigned
admin_key(struct ui *ui, struct key k)
{
	unsigned dirty = 0;

	if (st(ui)->panel == P_STAFF &&
	    lv_filter_key(ui, &st(ui)->staff, k, &dirty))
		return dirty ? dirty : DIRTY_BODY;
	return 0;
}

/* Data changed elsewhere, or the terminal was resized. */
static void
admin_refresh(struct ui *ui)
{
	st(ui)->staff.height = st(ui)->pol.height = st(ui)->fee.height =
	    st(ui)->rate.height = list_height();
	refresh_lists(ui);
}

/* Reopens a staff or rate form from a draft (after an SSH drop or a
 * closed pane). */
static void
admin_restore(struct ui *ui, const struct kf_draft *d)
{
	struct kf_staff s;
	struct kf_err err;
	struct form *f;
	const char *v;
	size_t i;

	if (strcmp(d->form, RATE_DRAFT) == 0) {
		/* The rates tab, and the form: ui_open_form takes the
		 * draft's values, its choices through rate_kind_changed. */
		if (rates_shown(ui)) {
			st(ui)->panel = P_RATE;
			lv_refresh(ui, &st(ui)->rate);
		}
		ui_open_form(ui, rate_form());
		return;
	}
	if (strcmp(d->form, "staff.add") == 0)
		f = add_form();
	else if (strcmp(d->form, "staff.edit") == 0 &&
	    kf_staff_get_id(ui->k, d->record_id, &s, &err) == KF_OK) {
		f = edit_form(&s);
		kf_staff_clear(&s);
	} else
		return;
	for (i = 0; i < d->nfields; i++) {
		struct field *fl = form_field(f, d->names[i]);

		if (fl == NULL || fl->kind == FIELD_READONLY)
			continue;
		if (fl->kind == FIELD_ROLES)
			kf_roles_parse(d->values[i], &fl->roles, NULL);
		else
			lineedit_set(&fl->ed, d->values[i]);
	}
	if ((v = kf_draft_get(d, "_version")) != NULL &&
	    strtoll(v, NULL, 10) > 0)
		f->seen_version = strtoll(v, NULL, 10);
	f->dirty = true;
	ui_open_form(ui, f);
	ui_msg(ui, MSG_INFO, "%s", _("Your unsaved input is back."));
}

/* The drafts of the staff and rate forms are this screen's (app.c offers
 * them). */
static bool
admin_owns_draft(const char *key, const char **title)
{
	if (strcmp(key, "staff.add") == 0)
		*title = N_("New staff account");
	else if (strcmp(key, "staff.edit") == 0)
		*title = N_("Edit staff account");
	else if (strcmp(key, RATE_DRAFT) == 0)
		*title = N_("New rate version");
	else
		return false;
	return true;
}

/*
 * The keys where the person is: the staff list has them all; the policies
 * and the paid-service list have no accounts to disable or set a password
 * for, and no filter, so those keys are neither hinted nor taken there;
 * the rates have their own (rate_keys).
 */
static const struct binding *
admin_keys_now(const struct ui *ui)
{
	static struct binding lists[sizeof(admin_keys) / sizeof(admin_keys[0])];
	const struct admin *a = ui->state;
	size_t i, n = 0;

	if (a == NULL || a->panel == P_STAFF)
		return admin_keys;
	if (a->panel == P_RATE)
		return rate_keys;
	if (lists[0].keyname == NULL)
		for (i = 0; admin_keys[i].keyname != NULL; i++)
			if (admin_keys[i].act != CMD_DISABLE &&
			    admin_keys[i].act != CMD_PASSWD &&
			    admin_keys[i].act != CMD_FILTER)
				lists[n++] = admin_keys[i];
	return lists;		/* ends with the zeroed END_BINDINGS */
}

const struct screen screen_admin = {
	.title = N_("Admin"),
	.help = N_("Administration: staff and policies"),
	.fkey = 8,
	.action = KF_ACT_STAFF_EDIT,	/* administration is editing staff */
	.start = 1,			/* admins start here */
	.keys = admin_keys,
	.keys_now = admin_keys_now,
	.enter = admin_enter,
	.leave = admin_leave,
	.draw = admin_draw,
	.act = admin_act,
	.key = admin_key,
	.changed = admin_refresh,
	.restore = admin_restore,
	.owns_draft = admin_owns_draft,
};
