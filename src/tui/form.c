/*
 * form.c — a modal form of labelled fields over the current screen.
 *
 * Each field is a lineedit; the focused one shows the terminal cursor.
 * Tab/Down and Shift-Tab/Up move between fields (round: after the last
 * comes the first) and never save; Enter moves on, and on the last field
 * saves, as the hint line then says ("Enter save"); F2 or Ctrl-S saves
 * from anywhere; Esc cancels. A roles field opens a picker. Validation
 * comes from the core: a refusal that names a field (err.field) is shown
 * under that field. The keys are one table (form_keys), which the loop
 * dispatches on and the hint line and help are drawn from.
 *
 * Nothing typed is lost: the form saves a draft in the database every two
 * seconds while there is unsaved typing (and at once on SIGHUP/SIGTERM,
 * see app.c). A draft is dropped only by a save or by the person's
 * explicit "discard":
 *
 *   open ── a draft of it saved? ──no──> fresh form
 *              │yes (had_draft)               │ typing (touched)
 *              v                              v
 *   the draft's values,          Esc: "discard what you typed?"
 *   "Your unsaved input is back"        y: drop, close   n: stay
 *              │ Esc (typed or not)
 *              v
 *   "Discard your unsaved input?"  y: drop, close
 *                                  n: keep the draft (saved now), close
 *
 * Esc on a fresh, untouched form closes it and drops nothing.
 *
 * After a conflict ^R calls the form's reload callback, which re-reads the
 * record and applies it field by field through form_reload_field (the
 * rule is in tui.h's struct form). A form without one neither offers nor
 * takes ^R. A save the database refused as busy is retried on the timer
 * while the person can still type or cancel.
 */
#include <stdlib.h>
#include <string.h>

#include "kefu/check.h"
#include "kefu/draft.h"
#include "kefu/perm.h"
#include "kefu/util.h"
#include "tui.h"

#define DRAFT_EVERY_MS	2000
#define RETRY_EVERY_MS	400	/* the core bounds the whole wait */

/*
 * Every key of a form that edits; form_keys gives the ones that apply
 * where the person is (one of the two Enter rows; ^R only with a reload).
 */
static const struct binding form_bindings[] = {
	{ FN(KEY_F(2)), CMD_SAVE, 0, "F2", N_("save"), N_("Save the form"), true },
	{ CH(19), CMD_SAVE, 0, "^S", N_("save"), N_("Save the form"), false },
	{ CH('\t'), CMD_NEXT_FIELD, 0, "Tab", N_("next"),
	  N_("Next field (after the last, the first)"), true },
	{ FN(KEY_DOWN), CMD_NEXT_FIELD, 0, "Down", N_("next"),
	  N_("Next field (after the last, the first)"), false },
	{ FN(KEY_BTAB), CMD_PREV_FIELD, 0, "S-Tab", N_("back"),
	  N_("Previous field"), false },
	{ FN(KEY_UP), CMD_PREV_FIELD, 0, "Up", N_("back"), N_("Previous field"),
	  false },
	/* Enter: before the last field the next one (Tab says so on the
	 * hint line), on the last one a save, named there. */
	{ CH('\r'), CMD_NEXT_FIELD, 0, "Enter", N_("next"),
	  N_("Next field (after the last, the first)"), false },
	{ CH('\r'), CMD_SAVE, 0, "Enter", N_("save"), N_("Save the form"), true },
	{ CH(' '), CMD_PICK, 0, "Space", N_("choose"),
	  N_("On a choice field: choose (Left/Right: step)"), false },
	{ CH(18), CMD_RELOAD, 0, "^R", N_("reload"),
	  N_("After a conflict: load the record as it is now"), false },
	/* "close", not "cancel": a form may itself cancel a record
	 * (取消回访), and Esc closes the form, cancelling nothing (L7). */
	{ CH(27), CMD_CANCEL, 0, "Esc", N_("close"),
	  N_("Close without saving (asks before dropping any input)"),
	  true },
	END_BINDINGS
};

/* A form with nothing to edit (an order or contact shown whole): the
 * keys close it; saving it saves nothing. */
static const struct binding form_view_bindings[] = {
	{ CH('\r'), CMD_SAVE, 0, "Enter", N_("close"),
	  N_("Close the view"), true },
	{ CH(27), CMD_CANCEL, 0, "Esc", N_("close"), N_("Close the view"),
	  false },
	{ FN(KEY_F(2)), CMD_SAVE, 0, "F2", N_("close"), N_("Close the view"),
	  false },
	END_BINDINGS
};

static bool last_field(const struct form *f);

const struct binding *
form_keys(const struct form *f)
{
	static struct binding keys[sizeof(form_bindings) /
	    sizeof(form_bindings[0])];
	const struct binding *b;
	bool last = last_field(f);
	size_t n = 0;

	if (form_is_view(f))
		return form_view_bindings;
	for (b = form_bindings; b->keyname != NULL; b++) {
		if (!b->key.fn && b->key.ch == '\r' &&
		    (b->act == CMD_SAVE) != last)
			continue;
		if (b->act == CMD_RELOAD && f->reload == NULL)
			continue;
		keys[n] = *b;
		if (b->act == CMD_RELOAD)
			keys[n].hint = f->conflict;
		n++;
	}
	keys[n] = (struct binding)END_BINDINGS;
	return keys;
}

enum kf_rc
form_view_submit(struct ui *ui, struct form *f, struct kf_err *err)
{
	(void)ui;
	(void)f;
	(void)err;
	return KF_OK;		/* read only: Enter closes */
}

bool
form_is_view(const struct form *f)
{
	int i;

	for (i = 0; i < f->n; i++)
		if (f->f[i].kind != FIELD_READONLY && !f->f[i].hidden)
			return false;
	return true;
}

/*
 * The roles picker: the core's table of roles (kf_roles), its labels in
 * the table's order; picked index i is the table's i-th role. Filled
 * once: the picker shows these until it closes.
 */
static const char *role_items[16];
static unsigned role_bits[16];
static int nrole_items;

static void
fill_roles(void)
{
	const struct kf_role_info *r;
	size_t n, i;

	r = kf_roles(&n);
	for (i = 0; i < n && i < 16; i++) {
		role_items[i] = r[i].label;
		role_bits[i] = (unsigned)r[i].role;
	}
	nrole_items = (int)i;
}

/* A mask of roles as the picker's indexes, and back. */
static unsigned
roles_to_picks(unsigned roles)
{
	unsigned picks = 0;
	int i;

	for (i = 0; i < nrole_items; i++)
		if (roles & role_bits[i])
			picks |= 1u << i;
	return picks;
}

static unsigned
picks_to_roles(unsigned picks)
{
	unsigned roles = 0;
	int i;

	for (i = 0; i < nrole_items; i++)
		if (picks & (1u << i))
			roles |= role_bits[i];
	return roles;
}

struct form *
form_new(const char *title, const char *draft_form, int64_t record_id,
    form_submit_fn submit)
{
	struct form *f = xcalloc(1, sizeof(*f));

	f->title = title;
	f->draft_form = draft_form;
	f->record_id = record_id;
	f->seen_version = -1;
	f->submit = submit;
	f->last_draft_ms = now_ms();
	return f;
}

void
form_free(struct form *f)
{
	int i;

	if (f == NULL)
		return;
	for (i = 0; i < f->n; i++) {
		lineedit_free(&f->f[i].ed);
		free(f->f[i].error);
		free(f->f[i].saved);
	}
	if (f->free_ctx != NULL)
		f->free_ctx(f->ctx);
	else
		free(f->ctx);
	form_free(f->next);
	free(f);
}

/* The field's value in text form (allocated): see form_text. */
static char *
field_text(const struct field *fl)
{
	char buf[128];

	if (fl->kind == FIELD_ROLES) {
		kf_roles_format(fl->roles, buf, sizeof(buf));
		return xstrdup(buf);
	}
	if (fl->kind == FIELD_CHOICE) {
		if (fl->nitems == 0)
			return xstrdup("");	/* nothing to choose */
		if (fl->keys != NULL)
			return xstrdup(fl->keys[fl->choice] ?
			    fl->keys[fl->choice] : "");
		return xasprintf("%d", fl->choice);
	}
	return lineedit_text(&fl->ed);
}

/* What the field holds now is what the record holds (see saved). */
static void
remember_saved(struct field *fl)
{
	free(fl->saved);
	fl->saved = field_text(fl);
}

struct field *
form_add(struct form *f, const char *name, const char *label,
    enum field_kind kind, const char *value, size_t max_chars)
{
	struct field *fl;

	if (f->n == FORM_MAX_FIELDS)
		abort();	/* a screen built a form too big: a bug */
	fl = &f->f[f->n++];
	fl->name = name;
	fl->label = label;
	fl->kind = kind;
	lineedit_init(&fl->ed, max_chars);
	if (kind == FIELD_ROLES) {
		if (value == NULL || kf_roles_parse(value, &fl->roles, NULL) !=
		    KF_OK)
			fl->roles = 0;
	} else if (value != NULL)
		lineedit_set(&fl->ed, value);
	fl->ed.changed = false;
	remember_saved(fl);
	return fl;
}

struct field *
form_add_choice(struct form *f, const char *name, const char *label,
    const char *const *items, const char *const *keys, int nitems,
    bool literal, int initial)
{
	struct field *fl = form_add(f, name, label, FIELD_CHOICE, NULL, 1);

	fl->items = items;
	fl->keys = keys;
	fl->nitems = nitems;
	fl->literal = literal;
	fl->choice = initial >= 0 && initial < nitems ? initial : 0;
	remember_saved(fl);
	return fl;
}

/* Sets fl from its text form (see form_set); false when value is not one
 * of a choice's. */
static bool
set_value(struct field *fl, const char *value)
{
	char *end;
	long i;

	switch (fl->kind) {
	case FIELD_ROLES:
		return kf_roles_parse(value, &fl->roles, NULL) == KF_OK;
	case FIELD_CHOICE:
		for (i = 0; fl->keys != NULL && i < fl->nitems; i++)
			if (strcmp(fl->keys[i], value) == 0) {
				fl->choice = (int)i;
				return true;
			}
		if (fl->keys != NULL)
			return false;
		i = strtol(value, &end, 10);
		if (*value == '\0' || *end != '\0' || i < 0 || i >= fl->nitems)
			return false;
		fl->choice = (int)i;
		return true;
	default:
		lineedit_set(&fl->ed, value);
		fl->ed.changed = false;
		return true;
	}
}

bool
form_set(struct form *f, const char *name, const char *value)
{
	struct field *fl = form_field(f, name);

	if (fl == NULL || fl->kind == FIELD_READONLY || value == NULL)
		return false;
	return set_value(fl, value);
}

bool
form_reload_field(struct form *f, const char *name, const char *value)
{
	struct field *fl = form_field(f, name);
	char *now;
	bool take;

	if (fl == NULL || fl->kind == FIELD_SECRET || value == NULL)
		return false;
	now = field_text(fl);
	take = fl->kind == FIELD_READONLY || strcmp(name,
	    f->conflict_field) == 0 || strcmp(now, fl->saved ? fl->saved :
	    "") == 0;
	free(now);
	if (take)
		set_value(fl, value);
	free(fl->saved);
	fl->saved = xstrdup(value);
	return true;
}

int
form_choice(struct form *f, const char *name)
{
	struct field *fl = form_field(f, name);

	return fl != NULL && fl->kind == FIELD_CHOICE ? fl->choice : 0;
}

struct field *
form_field(struct form *f, const char *name)
{
	int i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->f[i].name, name) == 0)
			return &f->f[i];
	return NULL;
}

char *
form_text(const struct form *f, const char *name)
{
	int i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->f[i].name, name) == 0)
			return field_text(&f->f[i]);
	return xstrdup("");
}

void
form_save_draft(struct ui *ui, struct form *f)
{
	struct kf_draft_field df[FORM_MAX_FIELDS + 1];
	char *vals[FORM_MAX_FIELDS + 1];
	struct kf_err err;
	int i, n = 0;

	if (f->draft_form == NULL || !f->dirty)
		return;
	/* The version the person started from: a change made meanwhile
	 * still shows as a conflict when the draft is saved later. */
	vals[n] = xasprintf("%lld", (long long)f->seen_version);
	df[n].name = "_version";
	df[n].value = vals[n];
	n++;
	for (i = 0; i < f->n; i++) {
		if (f->f[i].kind == FIELD_SECRET)
			continue;	/* passwords never touch the disk */
		vals[n] = form_text(f, f->f[i].name);
		df[n].name = f->f[i].name;
		df[n].value = vals[n];
		n++;
	}
	kf_err_clear(&err);
	if (kf_draft_save(ui->k, f->draft_form, f->record_id, df, (size_t)n,
	    &err) == KF_OK)
		f->dirty = false;
	for (i = 0; i < n; i++)
		free(vals[i]);
	f->last_draft_ms = now_ms();
}

/*
 * The draft of f saved before it opened, if any (see ui_open_form): f
 * remembers it exists; a form nobody has filled in takes its values.
 */
static void
take_draft(struct ui *ui, struct form *f)
{
	struct kf_draft *d;
	struct field *fl;
	const char *v;
	size_t i;

	if (kf_draft_find(ui->k, f->draft_form, f->record_id, &d, NULL) !=
	    KF_OK)
		return;		/* none (or unreadable: nothing to keep) */
	f->had_draft = true;
	if (!f->dirty && !f->touched) {
		for (i = 0; i < d->nfields; i++)
			if (form_set(f, d->names[i], d->values[i]) &&
			    f->on_change != NULL &&
			    (fl = form_field(f, d->names[i])) != NULL)
				f->on_change(ui, f, fl);
		/* The version the person started from: a change made since
		 * still shows as a conflict when this is saved. */
		if ((v = kf_draft_get(d, "_version")) != NULL &&
		    strtoll(v, NULL, 10) > 0)
			f->seen_version = strtoll(v, NULL, 10);
		ui_msg(ui, MSG_INFO, "%s", _("Your unsaved input is back."));
	}
	kf_draft_list_free(d, 1);
}

void
ui_open_form(struct ui *ui, struct form *f)
{
	ui_close_form(ui, false);
	ui->form = f;
	f->cur = 0;
	if (f->focus != NULL && form_field(f, f->focus) != NULL)
		f->cur = (int)(form_field(f, f->focus) - f->f);
	while (f->cur < f->n - 1 && (f->f[f->cur].kind == FIELD_READONLY ||
	    f->f[f->cur].hidden))
		f->cur++;
	if (f->draft_form != NULL)
		take_draft(ui, f);
}

void
ui_close_form(struct ui *ui, bool drop_draft)
{
	struct kf_err err;

	if (ui->form == NULL)
		return;
	if (drop_draft && ui->form->draft_form != NULL)
		kf_draft_drop(ui->k, ui->form->draft_form, ui->form->record_id,
		    &err);
	form_free(ui->form);
	ui->form = NULL;
	curs_set(0);
}

static void
clear_errors(struct form *f)
{
	int i;

	for (i = 0; i < f->n; i++) {
		free(f->f[i].error);
		f->f[i].error = NULL;
	}
}

void
form_conflict(struct ui *ui, struct form *f, const struct kf_err *err)
{
	struct field *fl = form_field(f, err->conflict.field);
	char when[32];

	f->conflict = true;
	snprintf(f->conflict_field, sizeof(f->conflict_field), "%s",
	    err->conflict.field);
	if (fl == NULL) {	/* not one of the form's: the core's words */
		ui_msg(ui, MSG_ERROR, "%s%s%s", err->msg, f->reload ? " " : "",
		    f->reload ? _("^R: reload it.") : "");
		return;
	}
	/* Say it in the form's terms: its label, a short time. */
	kf_time_local(err->conflict.at, when, sizeof(when));
	if (f->reload != NULL)
		ui_msg(ui, MSG_ERROR, _("%s changed %s at %s to %s; not "
		    "saved. ^R: reload it."), err->conflict.by, _(fl->label),
		    when + 11, fl->kind == FIELD_SECRET ? "***" :
		    err->conflict.theirs);
	else
		ui_msg(ui, MSG_ERROR, _("%s changed %s at %s to %s; not "
		    "saved."), err->conflict.by, _(fl->label), when + 11,
		    fl->kind == FIELD_SECRET ? "***" : err->conflict.theirs);
	if (fl->kind != FIELD_READONLY && !fl->hidden)
		f->cur = (int)(fl - f->f);
}

/* Tries to save; the form stays open unless the save succeeded. */
static unsigned
save(struct ui *ui, struct form *f)
{
	struct field *fl;
	struct kf_err err;
	enum kf_rc rc;

	clear_errors(f);
	kf_err_clear(&err);
	rc = f->submit(ui, f, &err);
	if (rc == KF_OK && f->keep_open) {	/* a confirmation is asked */
		f->keep_open = false;
		f->busy_tries = 0;
		f->busy_since_us = 0;
		return DIRTY_ALL;
	}
	if (rc == KF_OK) {
		struct form *next = f->next;

		f->next = NULL;
		f->busy_tries = 0;
		f->busy_since_us = 0;
		if (f->saved != NULL)
			f->saved(ui, f);
		ui_close_form(ui, true);
		if (next != NULL)
			ui_open_form(ui, next);
		return DIRTY_ALL;
	}
	if (rc == KF_BUSY) {
		/* Another session holds the write lock: keep the input,
		 * say so, try again shortly. */
		if (kf_core_busy_retry(ui->k, &f->busy_since_us, &err)) {
			f->busy_tries++;
			f->retry_at_ms = now_ms() + RETRY_EVERY_MS;
			ui_msg(ui, MSG_BUSY, "%s", _("Database busy, retrying..."));
			return DIRTY_ALL;
		}
	}
	f->busy_tries = 0;
	f->busy_since_us = 0;
	if (rc == KF_CONFLICT && err.conflict.field[0] != '\0') {
		/* Another person's change (not a taken code: err.field). */
		form_conflict(ui, f, &err);
		return DIRTY_ALL;
	}
	f->conflict = false;
	if (err.field[0] && (fl = form_field(f, err.field)) != NULL) {
		fl->error = xstrdup(err.msg);
		f->cur = (int)(fl - f->f);
	}
	ui_err(ui, &err);
	return DIRTY_ALL;
}

unsigned
form_save(struct ui *ui, struct form *f)
{
	return save(ui, f);
}

static void
roles_chosen(struct ui *ui, void *arg, unsigned mask)
{
	struct field *fl;

	(void)arg;
	if (ui->form == NULL)
		return;
	fl = &ui->form->f[ui->form->cur];
	if (fl->kind == FIELD_ROLES) {
		fl->roles = picks_to_roles(mask);
		ui->form->dirty = true;
		ui->form->touched = true;
	}
}

static void
choice_chosen(struct ui *ui, void *arg, unsigned index)
{
	struct form *f = ui->form;
	struct field *fl;

	(void)arg;
	if (f == NULL)
		return;
	fl = &f->f[f->cur];
	if (fl->kind != FIELD_CHOICE || index >= (unsigned)fl->nitems)
		return;
	if (fl->choice != (int)index) {
		fl->choice = (int)index;
		f->dirty = f->touched = true;
		free(fl->error);
		fl->error = NULL;
		if (f->on_change != NULL)
			f->on_change(ui, f, fl);
	}
}

/* Left/Right on a choice field: the previous or next choice. */
static unsigned
step_choice(struct ui *ui, struct field *fl, int step)
{
	if (fl->nitems > 0)
		choice_chosen(ui, NULL, (unsigned)((fl->choice + step +
		    fl->nitems) % fl->nitems));
	return DIRTY_BODY;
}

/* "Discard": the one way, besides a save, that a draft is dropped. */
static void
discard_confirmed(struct ui *ui, void *arg)
{
	(void)arg;
	ui_close_form(ui, true);
	ui_msg(ui, MSG_INFO, "%s", _("Cancelled; nothing was saved."));
}

/* "Keep it for later": the draft holds what the form shows, then it
 * closes; if the draft cannot be written the form stays open. */
static void
keep_confirmed(struct ui *ui, void *arg)
{
	(void)arg;
	if (ui->form == NULL)
		return;
	form_save_draft(ui, ui->form);
	if (ui->form->dirty) {
		ui_msg(ui, MSG_ERROR, "%s", _("Your input could not be kept as "
		    "a draft; the form stays open."));
		return;
	}
	ui_close_form(ui, false);
	ui_msg(ui, MSG_INFO, "%s", _("Kept as a draft: it comes back when you "
	    "open this form again."));
}

static void
move_field(struct form *f, int step)
{
	int i = f->cur;

	do {
		i = (i + step + f->n) % f->n;
	} while ((f->f[i].kind == FIELD_READONLY || f->f[i].hidden) &&
	    i != f->cur);
	f->cur = i;
}

/* No visible, editable field after the focused one: Enter saves. */
static bool
last_field(const struct form *f)
{
	int i;

	for (i = f->cur + 1; i < f->n; i++)
		if (f->f[i].kind != FIELD_READONLY && !f->f[i].hidden)
			return false;
	return true;
}

static unsigned
act(struct ui *ui, struct form *f, enum command a)
{
	struct field *fl = &f->f[f->cur];

	switch (a) {
	case CMD_SAVE:
		return save(ui, f);
	case CMD_NEXT_FIELD:	/* never a save: round to the first field */
		move_field(f, 1);
		return DIRTY_BODY;
	case CMD_PREV_FIELD:
		move_field(f, -1);
		return DIRTY_BODY;
	case CMD_PICK:
		if (fl->kind == FIELD_CHOICE) {
			if (fl->nitems > 0)
				ui_pick(ui, _(fl->label), fl->items, fl->nitems,
				    fl->literal ? PICK_LITERAL : 0,
				    (unsigned)fl->choice, choice_chosen, NULL);
			else
				ui_msg(ui, MSG_ERROR, _("There is nothing to "
				    "choose for %s."), _(fl->label));
			return DIRTY_ALL;
		}
		if (fl->kind != FIELD_ROLES)
			return 0;
		fill_roles();
		ui_pick(ui, _("Roles"), role_items, nrole_items, PICK_MULTI,
		    roles_to_picks(fl->roles), roles_chosen, NULL);
		return DIRTY_ALL;
	case CMD_RELOAD:
		if (f->reload == NULL)
			return 0;
		if (!f->reload(ui, f))
			return DIRTY_ALL;	/* it said why */
		f->conflict = false;
		f->conflict_field[0] = '\0';
		f->dirty = true;		/* the draft takes the new version */
		clear_errors(f);
		ui_msg(ui, MSG_INFO, "%s", _("Reloaded: the record as it is now."));
		return DIRTY_ALL;
	case CMD_CANCEL:
		if (f->had_draft) {	/* a draft goes only when told to */
			ui_confirm2(ui, _("Discard your unsaved input? (n: keep "
			    "it as a draft for later)"), discard_confirmed,
			    keep_confirmed, NULL);
			return DIRTY_ALL;
		}
		if (f->touched) {	/* typing is not thrown away unasked */
			ui_confirm(ui, _("Close the form and discard what you "
			    "typed?"), discard_confirmed, NULL);
			return DIRTY_ALL;
		}
		ui_close_form(ui, false);	/* nothing of theirs to drop */
		ui_msg(ui, MSG_INFO, "%s", _("Cancelled; nothing was saved."));
		return DIRTY_ALL;
	default:
		return 0;
	}
}

enum edit_op { E_LEFT, E_RIGHT, E_HOME, E_END, E_WLEFT, E_WRIGHT, E_BS,
	E_DEL, E_KILL_START, E_KILL_END, E_KILL_WORD };

/* The editing keys: dispatched from this table, and listed by F1 from it. */
const struct binding form_edit_bindings[] = {
	{ FN(KEY_LEFT), CMD_EDIT_KEY, E_LEFT, "Left", NULL,
	  N_("Move left (a Chinese character is one step)"), false },
	{ CH(2), CMD_EDIT_KEY, E_LEFT, "^B", NULL,
	  N_("Move left (a Chinese character is one step)"), false },
	{ FN(KEY_RIGHT), CMD_EDIT_KEY, E_RIGHT, "Right", NULL, N_("Move right"),
	  false },
	{ CH(6), CMD_EDIT_KEY, E_RIGHT, "^F", NULL, N_("Move right"), false },
	{ FN(KEY_HOME), CMD_EDIT_KEY, E_HOME, "Home", NULL,
	  N_("To the start of the field"), false },
	{ CH(1), CMD_EDIT_KEY, E_HOME, "^A", NULL, N_("To the start of the field"),
	  false },
	{ FN(KEY_END), CMD_EDIT_KEY, E_END, "End", NULL,
	  N_("To the end of the field"), false },
	{ CH(5), CMD_EDIT_KEY, E_END, "^E", NULL, N_("To the end of the field"),
	  false },
	{ FN(0x222), CMD_EDIT_KEY, E_WLEFT, "C-Left", NULL,
	  N_("To the previous word"), false },
	{ ALT('b'), CMD_EDIT_KEY, E_WLEFT, "M-b", NULL, N_("To the previous word"),
	  false },
	{ FN(0x231), CMD_EDIT_KEY, E_WRIGHT, "C-Right", NULL,
	  N_("To the next word"), false },
	{ ALT('f'), CMD_EDIT_KEY, E_WRIGHT, "M-f", NULL, N_("To the next word"),
	  false },
	{ FN(KEY_BACKSPACE), CMD_EDIT_KEY, E_BS, "BS", NULL,
	  N_("Delete the character before the cursor"), false },
	{ CH(127), CMD_EDIT_KEY, E_BS, "BS", NULL,
	  N_("Delete the character before the cursor"), false },
	{ CH(8), CMD_EDIT_KEY, E_BS, "^H", NULL,
	  N_("Delete the character before the cursor"), false },
	{ FN(KEY_DC), CMD_EDIT_KEY, E_DEL, "Del", NULL,
	  N_("Delete the character under the cursor"), false },
	{ CH(4), CMD_EDIT_KEY, E_DEL, "^D", NULL,
	  N_("Delete the character under the cursor"), false },
	{ CH(21), CMD_EDIT_KEY, E_KILL_START, "^U", NULL,
	  N_("Delete to the start of the field"), false },
	{ CH(11), CMD_EDIT_KEY, E_KILL_END, "^K", NULL,
	  N_("Delete to the end of the field"), false },
	{ CH(23), CMD_EDIT_KEY, E_KILL_WORD, "^W", NULL,
	  N_("Delete the word before the cursor"), false },
	END_BINDINGS
};

static void
edit_op(struct lineedit *e, int op)
{
	switch ((enum edit_op)op) {
	case E_LEFT:		lineedit_left(e); break;
	case E_RIGHT:		lineedit_right(e); break;
	case E_HOME:		lineedit_home(e); break;
	case E_END:		lineedit_end(e); break;
	case E_WLEFT:		lineedit_word_left(e); break;
	case E_WRIGHT:		lineedit_word_right(e); break;
	case E_BS:		lineedit_backspace(e); break;
	case E_DEL:		lineedit_delete(e); break;
	case E_KILL_START:	lineedit_kill_to_start(e); break;
	case E_KILL_END:	lineedit_kill_to_end(e); break;
	case E_KILL_WORD:	lineedit_kill_word(e); break;
	}
}

bool
edit_key(struct lineedit *e, struct key k)
{
	const struct binding *b;

	for (b = form_edit_bindings; b->keyname != NULL; b++)
		if (b->key.fn == k.fn && b->key.ch == k.ch &&
		    b->key.alt == k.alt) {
			edit_op(e, b->arg);
			return true;
		}
	if (k.fn || k.alt || k.ch < 0x20 || k.ch == 0x7f)
		return false;		/* not text: the form's keys */
	lineedit_insert(e, (wchar_t)k.ch);
	return true;			/* a full field swallows the key */
}

/* Editing keys and typed characters go to the focused field's editor. */
static bool
edit(struct field *fl, struct key k)
{
	if (fl->kind == FIELD_READONLY || fl->kind == FIELD_ROLES ||
	    fl->kind == FIELD_CHOICE)
		return false;
	return edit_key(&fl->ed, k);
}

bool
form_tell(struct ui *ui, struct field *fl, bool paste)
{
	struct kf_err err;

	kf_err_clear(&err);
	if (fl->ed.lost > 0)
		kf_text_too_long(fl->name, fl->ed.max_chars, &err);
	else if (fl->ed.refused != KF_TEXT_OK)
		kf_text_refusal(fl->ed.refused, fl->name, &err);
	else
		return false;
	if (paste && fl->ed.lost > 0)
		ui_msg(ui, MSG_ERROR, _("%s: paste cut to %zu."), err.msg,
		    fl->ed.len);	/* what the field holds now, in all */
	else if (paste)
		ui_msg(ui, MSG_ERROR, _("%s: left out of the paste."),
		    err.msg);
	else
		ui_msg(ui, MSG_ERROR, "%s", err.msg);
	ui->msg_sticky = paste;
	fl->ed.lost = 0;
	fl->ed.refused = KF_TEXT_OK;
	return true;
}

unsigned
form_key(struct ui *ui, struct form *f, struct key k)
{
	const struct binding *b;
	struct field *fl = &f->f[f->cur];

	if (k.fn && k.ch == KEY_ENTER)
		k = (struct key){ false, '\r', false };
	if (!k.fn && k.ch == '\n')
		k.ch = '\r';
	if (fl->kind == FIELD_ROLES && !k.fn && k.ch == '\r') {
		/* Enter on roles opens the picker first, unless set. */
		if (fl->roles == 0)
			return act(ui, f, CMD_PICK);
	}
	if (fl->kind == FIELD_CHOICE && k.fn && !k.alt &&
	    (k.ch == KEY_LEFT || k.ch == KEY_RIGHT))
		return step_choice(ui, fl, k.ch == KEY_LEFT ? -1 : 1);
	if (edit(fl, k)) {
		form_tell(ui, fl, false);	/* refused, or full */
		if (fl->ed.changed) {
			f->dirty = true;
			f->touched = true;
			fl->ed.changed = false;
			free(fl->error);
			fl->error = NULL;
			if (f->on_change != NULL)
				f->on_change(ui, f, fl);
		}
		return DIRTY_BODY;
	}
	for (b = form_keys(f); b->keyname != NULL; b++)
		if (b->key.fn == k.fn && b->key.ch == k.ch && b->key.alt == k.alt)
			return act(ui, f, b->act);
	return 0;
}

unsigned
form_tick(struct ui *ui, struct form *f)
{
	int64_t t = now_ms();

	/* Not under an open question or picker: the save would close the
	 * form (and free what the picker shows) while it is answered. */
	if (f->busy_tries > 0 && t >= f->retry_at_ms && ui->dialog == NULL)
		return save(ui, f);
	if (f->dirty && t - f->last_draft_ms >= DRAFT_EVERY_MS)
		form_save_draft(ui, f);
	return 0;
}

/* Lines under a field for its message: two at most (the rule's number
 * ends the message, so it must not be cut off). */
static int
error_lines(const struct field *fl, int width)
{
	int n;

	if (fl->error == NULL)
		return 0;
	n = text_lines(fl->error, width);
	return n < 1 ? 1 : n > 2 ? 2 : n;
}

void
form_draw(struct ui *ui, struct form *f)
{
	int rows = 0, i, h, w, y, x, lw = 0, fw, cy = -1, cx = 0, col;
	size_t first, count;
	char buf[160];

	for (i = 0; i < f->n; i++) {
		int l;

		if (!f->f[i].hidden && (l = text_width(_(f->f[i].label))) > lw)
			lw = l;
	}
	w = COLS - 8 < 72 ? COLS - 8 : 72;
	fw = w - lw - 7;
	for (i = 0; i < f->n; i++)
		if (!f->f[i].hidden)
			rows += 1 + error_lines(&f->f[i], fw);
	if (f->extra_lines > 0)
		rows += f->extra_lines + 1;
	h = rows + 4;
	/* Over the top bar if need be, never over the message line. */
	y = h >= LINES - 2 ? 0 : (LINES - 2 - h) / 2 + 1;
	x = (COLS - w) / 2;
	draw_box(stdscr, y, x, h, w, _(f->title));
	y += 2;
	if (f->extra_lines > 0 && f->draw_extra != NULL) {
		f->draw_extra(ui, f, y, x + 2, w - 4);
		y += f->extra_lines + 1;
	}
	for (i = 0; i < f->n; i++, y++) {
		struct field *fl = &f->f[i];

		if (fl->hidden) {
			y--;
			continue;
		}
		draw_text(stdscr, y, x + 2, _(fl->label), lw, true);
		mvwaddstr(stdscr, y, x + 2 + lw, ": ");
		if (i == f->cur)
			wattron(stdscr, A_UNDERLINE);
		switch (fl->kind) {
		case FIELD_ROLES:
			kf_roles_label(fl->roles, ",", buf, sizeof(buf));
			draw_text(stdscr, y, x + 4 + lw, buf[0] ? buf :
			    _("(Space to choose)"), fw, true);
			break;
		case FIELD_CHOICE:
			snprintf(buf, sizeof(buf), "< %s >", fl->nitems == 0 ?
			    "" : fl->literal ? fl->items[fl->choice] :
			    _(fl->items[fl->choice]));
			draw_text(stdscr, y, x + 4 + lw, buf, fw, true);
			break;
		case FIELD_SECRET:
			wmove(stdscr, y, x + 4 + lw);
			for (col = 0; col < fw; col++)
				waddch(stdscr, (size_t)col < fl->ed.len ? '*' : ' ');
			if (i == f->cur) {
				cy = y;
				cx = x + 4 + lw + (int)(fl->ed.cur < (size_t)fw ?
				    fl->ed.cur : (size_t)fw - 1);
			}
			break;
		case FIELD_READONLY: {
			/* Nothing to scroll to: a text too long ends with …. */
			char *t = lineedit_text(&fl->ed);

			draw_text_cut(stdscr, y, x + 4 + lw, t, fw, true);
			free(t);
			break;
		}
		default:
			col = lineedit_view(&fl->ed, fw, &first, &count);
			wmove(stdscr, y, x + 4 + lw);
			/* The editor holds no control characters. */
			waddnwstr(stdscr, fl->ed.buf + first, (int)count);
			for (int c = lineedit_width(&fl->ed, first, first + count);
			    c < fw; c++)
				waddch(stdscr, ' ');
			if (i == f->cur) {
				cy = y;
				cx = x + 4 + lw + col;
			}
		}
		if (i == f->cur)
			wattroff(stdscr, A_UNDERLINE);
		if (fl->error) {
			wattron(stdscr, theme(C_ERROR));
			draw_wrapped(stdscr, y + 1, x + 4 + lw, fl->error, fw,
			    error_lines(fl, fw));
			wattroff(stdscr, theme(C_ERROR));
			y += error_lines(fl, fw);
		}
	}
	if (cy >= 0) {
		wmove(stdscr, cy, cx);
		curs_set(1);
	} else
		curs_set(0);
}
