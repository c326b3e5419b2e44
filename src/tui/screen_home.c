/*
 * screen_home.c — F9 My account (everyone): who you are, your roles, and
 * what you can do for yourself: change your password, switch the
 * language. The screens of the later issues (reception, dispatch, ...)
 * join the tabs as they land; until then this is where a non-admin lands.
 */
#include <stdlib.h>
#include <string.h>

#include "kefu/draft.h"
#include "kefu/perm.h"
#include "kefu/staff.h"
#include "kefu/util.h"
#include "tui.h"

struct home {
	struct kf_staff	 me;
	bool		 loaded;
};

static const struct binding home_keys[] = {
	{ CH('p'), CMD_PASSWD, 0, "p", N_("my password"),
	  N_("Change your own password"), true },
	{ CH('l'), CMD_LANG, 0, "l", N_("中文/English"),
	  N_("Switch the language (remembered for you)"), true },
	END_BINDINGS
};

static void
load(struct ui *ui)
{
	struct home *h = ui->state;
	struct kf_err err;

	kf_staff_clear(&h->me);
	h->loaded = kf_staff_get(ui->k, kf_core_actor_login(ui->k), &h->me,
	    &err) == KF_OK;
	if (!h->loaded)
		ui_err(ui, &err);
}

static int
home_enter(struct ui *ui)
{
	ui->state = xcalloc(1, sizeof(struct home));
	load(ui);
	return 0;
}

static void
home_leave(struct ui *ui)
{
	struct home *h = ui->state;

	if (h == NULL)
		return;
	kf_staff_clear(&h->me);
	free(h);
	ui->state = NULL;
}

static void
row(int y, const char *label, const char *value)
{
	attron(A_BOLD);
	draw_text(stdscr, y, 3, label, 14, true);
	attroff(A_BOLD);
	draw_text(stdscr, y, 18, value, COLS - 20, false);
}

static void
home_draw(struct ui *ui)
{
	struct home *h = ui->state;
	char roles[128], when[32];
	int y = ui_body_top() + 1;

	attron(theme(C_TITLE));
	draw_text(stdscr, y, 1, _("My account"), COLS - 2, false);
	attroff(theme(C_TITLE));
	if (!h->loaded)
		return;
	kf_roles_label(h->me.roles, ",", roles, sizeof(roles));
	kf_time_local(h->me.created_at, when, sizeof(when));
	row(y + 2, _("Login"), h->me.login);
	row(y + 3, _("Name"), h->me.display_name);
	row(y + 4, _("Roles"), roles);
	row(y + 5, _("Unix user"), h->me.unix_user ? h->me.unix_user : "-");
	row(y + 6, _("Password"), h->me.has_password ? _("set") : _("none"));
	row(y + 7, _("Since"), when);
	wattron(stdscr, theme(C_DIM));
	draw_wrapped(stdscr, y + 9, 3, _("Your screens are on the top bar: "
	    "press the F key shown beside each. A screen your roles do not use "
	    "is not shown; F1 lists every key."), COLS - 6, 3);
	wattroff(stdscr, theme(C_DIM));
}

static unsigned
home_act(struct ui *ui, enum command act, int arg)
{
	struct home *h = ui->state;
	struct kf_err err;
	const char *l;

	(void)arg;
	switch (act) {
	case CMD_PASSWD:
		if (h->loaded)
			ui_open_form(ui, passwd_form(h->me.id, h->me.login));
		return DIRTY_ALL;
	case CMD_LANG:
		l = strcmp(ui_language(), "en") == 0 ? "zh_CN" : "en";
		ui_set_language(l);
		kf_pref_set(ui->k, "lang", l, &err);
		return DIRTY_ALL;
	default:
		return 0;
	}
}

static void
home_refresh(struct ui *ui)
{
	load(ui);
}

const struct screen screen_home = {
	.title = N_("Me"),
	.help = N_("My account: password, language"),
	.fkey = 9,
	.action = -1,
	.start = 4,			/* anyone, when nothing else is theirs */
	.keys = home_keys,
	.enter = home_enter,
	.leave = home_leave,
	.draw = home_draw,
	.act = home_act,
	.changed = home_refresh,
};
