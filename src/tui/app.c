/*
 * app.c — the terminal application: start-up and login, the loop, the
 * frame (top bar, message line, key hints), help, the menu, live refresh,
 * signals. See the design note in tui.h.
 */
#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "kefu/draft.h"
#include "kefu/perm.h"
#include "kefu/staff.h"
#include "kefu/util.h"
#include "input.h"
#include "tui.h"

#define TICK_MS		250	/* getch timeout while idle */
#define POLL_MS		500	/* data_version poll: about twice a second */
#define LOGIN_TRIES	3
#define MSG_KEEP_MS	20000	/* a message stays this long, then goes */

/* Every screen, in tab order. */
static const struct screen *const screens[] = { &screen_reception,
    &screen_dispatch, &screen_complaints, &screen_billing, &screen_callbacks,
    &screen_reports,
    &screen_admin, &screen_home };
#define NSCREENS (sizeof(screens) / sizeof(screens[0]))

/*
 * The keys that work everywhere. The screens' F keys and Alt-digits are
 * not written here: make_global_keys adds them from the screen table.
 */
static const struct binding fixed_bindings[] = {
	{ FN(KEY_F(1)), CMD_HELP, 0, "F1", N_("help"), N_("Show every key"), true },
	{ CH('?'), CMD_HELP, 0, "?", N_("help"), N_("Show every key"), false },
	{ FN(KEY_F(10)), CMD_MENU, 0, "F10", N_("menu"),
	  N_("The menu: every screen, language, quit"), true },
	{ CH(27), CMD_MENU, 0, "Esc", N_("menu"), N_("The menu (from the top)"),
	  false },
};
/* After the screens' keys. */
static const struct binding last_bindings[] = {
	{ CH(12), CMD_REDRAW, 0, "^L", N_("redraw"), N_("Redraw the screen"),
	  false },
	{ CH('q'), CMD_QUIT, 0, "q", N_("quit"), N_("Quit kefu"), true },
};
#define NFIXED	(sizeof(fixed_bindings) / sizeof(fixed_bindings[0]))
#define NLAST	(sizeof(last_bindings) / sizeof(last_bindings[0]))

static const char *const alt_names[] = { "M-0", "M-1", "M-2", "M-3", "M-4",
    "M-5", "M-6", "M-7", "M-8", "M-9" };
static const char *const fkey_names[] = { "F0", "F1", "F2", "F3", "F4",
    "F5", "F6", "F7", "F8", "F9" };

/* The fixed keys, F<n> and M-<n> for each screen, ^L and q; the end. */
static struct binding global_bindings[NFIXED + 16 + NLAST + 1]; /* 8 screens */

static void
make_global_keys(void)
{
	size_t i, n = 0;

	for (i = 0; i < NFIXED; i++)
		global_bindings[n++] = fixed_bindings[i];
	for (i = 0; i < NSCREENS; i++) {
		const struct screen *sc = screens[i];

		global_bindings[n++] = (struct binding){ FN(KEY_F(sc->fkey)),
		    CMD_SCREEN, sc->fkey, fkey_names[sc->fkey], NULL, sc->help,
		    false };
		global_bindings[n++] = (struct binding){ ALT('0' + sc->fkey),
		    CMD_SCREEN, sc->fkey, alt_names[sc->fkey], NULL, sc->help,
		    false };
	}
	for (i = 0; i < NLAST; i++)
		global_bindings[n++] = last_bindings[i];
	global_bindings[n] = (struct binding)END_BINDINGS;
}

/*
 * The menu's keys: also j and k (a phone's SSH client may have no
 * arrows), and every way out (Esc, F10 again, q), so nobody is caught in
 * it; the hint line shows them while it is open.
 */
static const struct binding menu_bindings[] = {
	{ CH('\r'), CMD_OPEN, 0, "Enter", N_("choose"), N_("Choose"), true },
	{ FN(KEY_ENTER), CMD_OPEN, 0, "Enter", NULL, N_("Choose"), false },
	{ CH(27), CMD_CANCEL, 0, "Esc", N_("close"), N_("Close the menu"),
	  true },
	{ FN(KEY_F(10)), CMD_CANCEL, 0, "F10", NULL, N_("Close the menu"),
	  false },
	{ CH('q'), CMD_CANCEL, 0, "q", NULL, N_("Close the menu"), false },
	LIST_KEYS,
	END_BINDINGS
};

/* What of the global keys works while a form is open: help. */
static const struct binding form_global_bindings[] = {
	{ FN(KEY_F(1)), CMD_HELP, 0, "F1", N_("help"), N_("Show every key"), true },
	END_BINDINGS
};

static volatile sig_atomic_t got_hup, got_term;
static struct termios saved_tio;
static bool have_tio;
static char reset_seq[256];
static size_t reset_len;

static void
on_quit_signal(int sig)
{
	if (sig == SIGHUP)
		got_hup = 1;
	else
		got_term = 1;
}

/*
 * A crash: put the terminal back with async-signal-safe calls only
 * (write, tcsetattr), then die of the same signal.
 */
static void
on_crash(int sig)
{
	if (reset_len > 0)
		(void)!write(STDOUT_FILENO, reset_seq, reset_len);
	if (have_tio)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
add_reset(const char *cap)
{
	const char *s = tigetstr(cap);
	size_t n;

	if (s == NULL || s == (char *)-1)
		return;
	n = strlen(s);
	if (reset_len + n < sizeof(reset_seq)) {
		memcpy(reset_seq + reset_len, s, n);
		reset_len += n;
	}
}

static void
install_signals(void)
{
	struct sigaction sa;
	static const int crash[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_quit_signal;	/* no SA_RESTART: getch returns */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGINT, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	/* Bracketed paste off first, then terminfo's own resets. */
	reset_len = (size_t)snprintf(reset_seq, sizeof(reset_seq), "%s",
	    "\033[?2004l");
	add_reset("sgr0");
	add_reset("cnorm");
	add_reset("rmcup");
	for (i = 0; i < sizeof(crash) / sizeof(crash[0]); i++)
		signal(crash[i], on_crash);
}

int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
ui_msg(struct ui *ui, enum msg_level lvl, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->msg, sizeof(ui->msg), fmt, ap);
	va_end(ap);
	ui->msg_level = lvl;
	ui->msg_ms = now_ms();
	ui->msg_sticky = false;
}

void
ui_err(struct ui *ui, const struct kf_err *err)
{
	if (err->rc == KF_BUSY)
		ui_msg(ui, MSG_BUSY, "%s", err->msg);
	else
		ui_msg(ui, MSG_ERROR, "%s", err->msg[0] ? err->msg :
		    kf_rc_name(err->rc));
}

void
ui_alert(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->msg, sizeof(ui->msg), fmt, ap);
	va_end(ap);
	ui->msg_level = MSG_INFO;
	ui->msg_ms = now_ms();
	ui->msg_sticky = false;
	beep();
	flash();
}

/*
 * A sticky message (bytes that were not UTF-8, a paste cut) came with
 * keys right behind it in the same burst: those keys must not wipe it
 * before it was ever drawn, so it stays over keys for MSG_HOLD_MS.
 */
#define MSG_HOLD_MS	3000

static bool
msg_held(const struct ui *ui)
{
	return ui->msg_sticky && now_ms() - ui->msg_ms < MSG_HOLD_MS;
}

#define RETRY_EVERY_MS	400

bool
ui_retry_later(struct ui *ui, confirm_fn fn, const void *arg, size_t size,
    struct kf_err *err)
{
	int tries = ui->retry_fn == fn ? ui->retry_tries : 0;
	int64_t since = ui->retry_fn == fn ? ui->retry_since_us : 0;

	if (ui->retry_fn != NULL && ui->retry_fn != fn) {
		ui_err(ui, err);	/* one waiting change at a time */
		return true;
	}
	if (ui->retry_arg != arg)
		free(ui->retry_arg);
	ui->retry_fn = NULL;
	ui->retry_arg = NULL;
	/* The whole wait is bounded in wall-clock time by the core, which
	 * then says how long it really was and who holds the database. */
	if (!kf_core_busy_retry(ui->k, &since, err)) {
		ui->retry_tries = 0;
		ui->retry_since_us = 0;
		ui_err(ui, err);
		return false;
	}
	ui->retry_fn = fn;
	ui->retry_arg = memcpy(xmalloc(size), arg, size);
	ui->retry_tries = tries + 1;
	ui->retry_since_us = since;
	ui->retry_at_ms = now_ms() + RETRY_EVERY_MS;
	ui_msg(ui, MSG_BUSY, "%s", _("Database busy, retrying... (Esc gives "
	    "up)"));
	return true;
}

/* Runs a pending retry when its time has come. */
static unsigned
run_retry(struct ui *ui)
{
	confirm_fn fn = ui->retry_fn;
	void *arg = ui->retry_arg;

	if (fn == NULL || now_ms() < ui->retry_at_ms)
		return 0;
	ui->retry_arg = NULL;		/* fn may schedule itself again */
	fn(ui, arg);
	if (ui->retry_arg == NULL) {
		ui->retry_fn = NULL;
		ui->retry_tries = 0;
		ui->retry_since_us = 0;
	}
	free(arg);
	return DIRTY_ALL;
}

int
ui_body_top(void)
{
	return 1;
}

int
ui_body_height(void)
{
	return LINES - 3;	/* top bar, message line, hint line */
}

static bool
may_open(const struct kf_core *k, const struct screen *s)
{
	if (kf_core_actor_id(k) == 0)
		return false;		/* the login screen: nothing yet */
	/* The core decides, as for every action (perm.c). */
	return s->action < 0 || kf_may(k, (enum kf_action)s->action, 0,
	    NULL) == KF_OK;
}

static void
switch_screen(struct ui *ui, const struct screen *s)
{
	if (ui->screen == s || !may_open(ui->k, s))
		return;
	/* A question or picker may point into the view state that leave()
	 * frees (a board's filter, a picker's names): it goes first. */
	dialog_free(ui);
	if (ui->form != NULL) {
		form_save_draft(ui, ui->form);	/* the draft waits for them */
		ui_close_form(ui, false);
	}
	if (ui->screen != NULL && ui->screen->leave != NULL)
		ui->screen->leave(ui);
	ui->state = NULL;
	ui->screen = s;
	if (s->enter != NULL)
		s->enter(ui);
}

/*
 * Where the person starts: the screen of the lowest start rank whose
 * start_roles hold one of theirs (0: anyone who may open it).
 */
static const struct screen *
start_screen(const struct kf_core *k)
{
	const struct screen *best = NULL;
	size_t i;

	for (i = 0; i < NSCREENS; i++)
		if (may_open(k, screens[i]) && (screens[i]->start_roles == 0 ||
		    (screens[i]->start_roles & kf_core_actor_roles(k))) &&
		    (best == NULL || screens[i]->start < best->start))
			best = screens[i];
	return best;
}

static const struct screen *
screen_by_key(const struct kf_core *k, int fkey)
{
	size_t i;

	for (i = 0; i < NSCREENS; i++)
		if (screens[i]->fkey == fkey && may_open(k, screens[i]))
			return screens[i];
	return NULL;
}

bool
ui_show_screen(struct ui *ui, int fkey)
{
	const struct screen *s = screen_by_key(ui->k, fkey);

	if (s == NULL)
		return false;
	switch_screen(ui, s);
	return ui->screen == s;
}

/* ---- drawing the frame ---- */

/*
 * The top bar: the screens the person may open (the current one
 * highlighted), then who they are and the time at the right. When the
 * screens' names do not all fit beside that, the others shrink to their
 * keys ("F3"), and if need be the current one too (its title is on the
 * screen below).
 */
static void
draw_top(struct ui *ui)
{
	char buf[512], roles[256], when[32], right[512], who[256] = "";
	size_t i;
	int x = 0, w, nw, avail, need = 0, keys_only = 0, cur = 0;
	bool compact, all_keys;

	kf_roles_label(kf_core_actor_roles(ui->k), ",", roles,
	    sizeof(roles));
	kf_time_local(kf_core_now(ui->k), when, sizeof(when));
	/* The name gives way first: the time and the count stay whole. */
	if (kf_core_actor_id(ui->k) == 0)
		snprintf(right, sizeof(right), "%s ", when + 11);
	else {
		snprintf(who, sizeof(who), "%s", ui->display_name ?
		    ui->display_name : kf_core_actor_login(ui->k));
		snprintf(right, sizeof(right), " (%s)  %s %lld  %s ", roles,
		    _("overdue"), (long long)ui->overdue, when + 11);
	}
	attron(theme(C_BAR));
	mvhline(0, 0, ' ', COLS);
	x += draw_text(stdscr, 0, 0, _(" kefu 客服 "), 12, false);
	for (i = 0; i < NSCREENS; i++)
		if (may_open(ui->k, screens[i])) {
			need += text_width(_(screens[i]->title)) + 5 +
			    (ui->badge[screens[i]->fkey] > 0 ? 6 : 0);
			keys_only += 4;
			if (screens[i] == ui->screen)
				cur = text_width(_(screens[i]->title)) + 1;
		}
	avail = COLS - x - text_width(who) - text_width(right) - 1;
	compact = need > avail;
	all_keys = compact && keys_only + cur > avail;
	/* Before the current screen's title (and its overdue badge) gives
	 * way, the roles do: a supervisor's seven screens at 80 columns. */
	if (all_keys && kf_core_actor_id(ui->k) != 0) {
		snprintf(right, sizeof(right), "  %s %lld  %s ", _("overdue"),
		    (long long)ui->overdue, when + 11);
		avail = COLS - x - text_width(who) - text_width(right) - 1;
		all_keys = keys_only + cur > avail;
	}
	for (i = 0; i < NSCREENS; i++) {
		if (!may_open(ui->k, screens[i]))
			continue;
		if (all_keys || (compact && screens[i] != ui->screen))
			snprintf(buf, sizeof(buf), " F%d ", screens[i]->fkey);
		else if (ui->badge[screens[i]->fkey] > 0)	/* its overdue */
			snprintf(buf, sizeof(buf), " F%d %s (%lld) ",
			    screens[i]->fkey, _(screens[i]->title),
			    (long long)ui->badge[screens[i]->fkey]);
		else
			snprintf(buf, sizeof(buf), " F%d %s ", screens[i]->fkey,
			    _(screens[i]->title));
		if (screens[i] == ui->screen)
			attron(theme(C_TAB));
		x += draw_text(stdscr, 0, x, buf, COLS - x, false);
		if (screens[i] == ui->screen) {
			attroff(theme(C_TAB));
			attron(theme(C_BAR));
		}
	}
	w = text_width(right);
	if (w > COLS - x - 1)
		w = COLS - x - 1;
	nw = text_width(who);
	if (nw > COLS - x - 1 - w)
		nw = COLS - x - 1 - w;		/* a long name is cut */
	if (nw > 0)
		draw_text(stdscr, 0, COLS - w - nw, who, nw, true);
	if (w > 0)
		draw_text(stdscr, 0, COLS - w, right, w, false);
	attroff(theme(C_BAR));
}

/* The current screen's keys where the person is (a panel may have its own). */
static const struct binding *
screen_keys(const struct ui *ui)
{
	if (ui->screen == NULL)
		return NULL;
	return ui->screen->keys_now != NULL ? ui->screen->keys_now(ui) :
	    ui->screen->keys;
}

/* The bindings that apply now, in lookup order. */
static const struct binding *const *
active_tables(const struct ui *ui, int *n)
{
	static const struct binding *t[4];

	*n = 0;
	if (ui->menu) {
		t[(*n)++] = menu_bindings;	/* nothing else works there */
		return t;
	}
	if (ui->form != NULL) {
		t[(*n)++] = form_keys(ui->form);
		if (!form_is_view(ui->form))
			t[(*n)++] = form_edit_bindings;
	} else if (screen_keys(ui) != NULL)
		t[(*n)++] = screen_keys(ui);
	t[(*n)++] = ui->form != NULL ? form_global_bindings : global_bindings;
	return t;
}

/* Draws one hint ("F1 help"); false when it does not fit whole. */
static bool
draw_hint(const struct binding *b, int *x)
{
	char label[96];
	int w;

	snprintf(label, sizeof(label), " %s  ", _(b->label));
	w = text_width(b->keyname) + text_width(label);
	if (*x + w > COLS)
		return false;
	attron(theme(C_BAR));
	*x += draw_text(stdscr, LINES - 1, *x, b->keyname, COLS - *x, false);
	attroff(theme(C_BAR));
	*x += draw_text(stdscr, LINES - 1, *x, label, COLS - *x, false);
	return true;
}

/* The hint line: F1 help first (it lists the rest), then what fits. */
static void
draw_hints(struct ui *ui)
{
	const struct binding *const *t;
	const struct binding *b;
	int n, i, x = 0;

	move(LINES - 1, 0);
	clrtoeol();
	if (ui->form == NULL && !ui->menu)
		draw_hint(&global_bindings[0], &x);
	t = active_tables(ui, &n);
	for (i = 0; i < n; i++)
		for (b = t[i]; b->keyname != NULL; b++)
			if (b->hint && b->label != NULL &&
			    b != &global_bindings[0] && !draw_hint(b, &x))
				return;
}

/* Lines an error may take: a refusal names its rule at its end. */
#define MSG_MAX_LINES	3

/*
 * The message line. An error too long for it wraps upwards over the
 * body's last lines while it shows (at most MSG_MAX_LINES; not while a
 * form or a question is open), so the rule it names at its end is read
 * whole ("… (R39)"); anything else is one line, cut.
 */
static void
draw_msg(struct ui *ui)
{
	int n = 1, y;

	move(LINES - 2, 0);
	clrtoeol();
	if (ui->msg[0] == '\0')
		return;
	/* Never over an open form or question: it says what it is about. */
	if (ui->msg_level == MSG_ERROR && ui->form == NULL &&
	    ui->dialog == NULL &&
	    (n = text_lines(ui->msg, COLS - 2)) > MSG_MAX_LINES)
		n = MSG_MAX_LINES;
	if (n < 1)
		n = 1;
	for (y = LINES - 1 - n; y < LINES - 1; y++) {
		move(y, 0);
		clrtoeol();
	}
	attron(theme(ui->msg_level == MSG_ERROR ? C_ERROR :
	    ui->msg_level == MSG_BUSY ? C_WARN : C_OK));
	if (n > 1)
		draw_wrapped(stdscr, LINES - 1 - n, 1, ui->msg, COLS - 2, n);
	else
		draw_text(stdscr, LINES - 2, 1, ui->msg, COLS - 2, false);
	attroff(theme(ui->msg_level == MSG_ERROR ? C_ERROR :
	    ui->msg_level == MSG_BUSY ? C_WARN : C_OK));
}

/* Two bindings that do the same and are described alike share a help row. */
static bool
same_meaning(const struct binding *a, const struct binding *b)
{
	return a->help != NULL && b->help != NULL && a->act == b->act &&
	    a->arg == b->arg && strcmp(a->help, b->help) == 0;
}

/* True when an earlier binding in t[0..ti] with the same meaning exists. */
static bool
seen_before(const struct binding *const *t, int ti, const struct binding *b)
{
	const struct binding *o;
	int i;

	for (i = 0; i <= ti; i++)
		for (o = t[i]; o->keyname != NULL && o != b; o++)
			if (same_meaning(o, b))
				return true;
	return false;
}

/* "Up/k": every key of the tables with b's meaning. */
static void
all_keys(const struct binding *const *t, int n, const struct binding *b,
    char *buf, size_t size)
{
	const struct binding *o;
	size_t len = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < n; i++)
		for (o = t[i]; o->keyname != NULL; o++)
			if (same_meaning(o, b) &&
			    len + strlen(o->keyname) + 2 < size)
				len += (size_t)snprintf(buf + len, size - len,
				    "%s%s", len ? "/" : "", o->keyname);
}

/* A screen's key is listed only for those who may open that screen. */
static bool
offered(const struct ui *ui, const struct binding *b)
{
	return b->act != CMD_SCREEN || screen_by_key(ui->k, b->arg) != NULL;
}

/* The help's rows (one per meaning) and the widest key column. */
static int
help_rows(const struct ui *ui, int *kw)
{
	const struct binding *const *t;
	const struct binding *b;
	char keys[64];
	int n, i, rows = 0;

	*kw = 4;
	t = active_tables(ui, &n);
	for (i = 0; i < n; i++)
		for (b = t[i]; b->keyname != NULL; b++) {
			if (b->help == NULL || seen_before(t, i, b) ||
			    !offered(ui, b))
				continue;
			rows++;
			all_keys(t, n, b, keys, sizeof(keys));
			if (text_width(keys) > *kw)
				*kw = text_width(keys);
		}
	if (*kw > 24)
		*kw = 24;
	return rows;
}

/* Rows on one page of help, and how many pages it takes. */
static int
help_per_page(int rows)
{
	int per = LINES - 2 - 3;	/* the box's borders and its footer */

	return per > rows ? (rows > 0 ? rows : 1) : per;
}

static int
help_pages(const struct ui *ui)
{
	int kw, rows = help_rows(ui, &kw), per = help_per_page(rows);

	return rows > 0 ? (rows + per - 1) / per : 1;
}

/*
 * Help: every key of the current context, generated from the tables the
 * loop dispatches on (so it cannot drift from behaviour); keys with the
 * same meaning share a line. One column, whole descriptions, in pages
 * when they do not all fit (PgDn/Space, PgUp).
 */
static void
draw_help(struct ui *ui)
{
	const struct binding *const *t;
	const struct binding *b;
	int n, i, y, h, w = COLS - 4, x = 2, rows, per, r = 0, first, kw, pages;
	int page;
	char keys[64], foot[256];

	rows = help_rows(ui, &kw);
	per = help_per_page(rows);
	pages = help_pages(ui);
	page = ui->help_page < pages ? ui->help_page : pages - 1;
	first = page * per;
	t = active_tables(ui, &n);
	h = per + 3;
	y = (LINES - h) / 2;
	draw_box(stdscr, y, x, h, w, _("Keys"));
	for (i = 0; i < n; i++) {
		for (b = t[i]; b->keyname != NULL; b++) {
			int row;

			if (b->help == NULL || seen_before(t, i, b) ||
			    !offered(ui, b))
				continue;
			row = r++ - first;
			if (row < 0 || row >= per)
				continue;
			all_keys(t, n, b, keys, sizeof(keys));
			attron(A_BOLD);
			draw_text(stdscr, y + 1 + row, x + 2, keys, kw, true);
			attroff(A_BOLD);
			draw_text(stdscr, y + 1 + row, x + 4 + kw, _(b->help),
			    w - kw - 7, false);
		}
	}
	if (pages > 1)
		snprintf(foot, sizeof(foot), _("Page %d of %d (PgDn, PgUp); "
		    "any other key closes this help."), page + 1, pages);
	else
		snprintf(foot, sizeof(foot), "%s", _("Any key closes this help."));
	attron(theme(C_DIM));
	draw_text(stdscr, y + h - 2, x + 2, foot, w - 4, false);
	attroff(theme(C_DIM));
}

/* The menu: every screen the person may open, language, help, quit. */
enum { M_LANG = 100, M_HELP, M_QUIT };

static int
menu_items(const struct ui *ui, int *ids, const char **labels, char (*bufs)[80])
{
	size_t i;
	int n = 0;

	for (i = 0; i < NSCREENS; i++) {
		if (!may_open(ui->k, screens[i]))
			continue;
		snprintf(bufs[n], 80, "F%d  %s", screens[i]->fkey,
		    _(screens[i]->title));
		labels[n] = bufs[n];
		ids[n++] = (int)i;
	}
	labels[n] = _("Language: 中文 / English");
	ids[n++] = M_LANG;
	labels[n] = _("Help");
	ids[n++] = M_HELP;
	labels[n] = _("Quit");
	ids[n++] = M_QUIT;
	return n;
}

static void
draw_menu(struct ui *ui)
{
	int ids[16], n, i, y, x, w = 40;
	const char *labels[16];
	char bufs[16][80];

	n = menu_items(ui, ids, labels, bufs);
	y = (LINES - n - 2) / 2;
	x = (COLS - w) / 2;
	draw_box(stdscr, y, x, n + 2, w, _("Menu"));
	for (i = 0; i < n; i++) {
		if (i == ui->menu_sel)
			attron(theme(C_SEL));
		draw_text(stdscr, y + 1 + i, x + 2, labels[i], w - 4, true);
		if (i == ui->menu_sel)
			attroff(theme(C_SEL));
	}
}

static void
draw_too_small(void)
{
	char buf[160];

	erase();
	snprintf(buf, sizeof(buf), _("Terminal too small: %dx%d; kefu needs "
	    "at least %dx%d. Enlarge the window, or press q to quit."), COLS,
	    LINES, MIN_COLS, MIN_LINES);
	draw_wrapped(stdscr, 0, 0, buf, COLS, LINES);
}

static void
draw_all(struct ui *ui)
{
	int cy, cx;

	curs_set(0);
	if (COLS < MIN_COLS || LINES < MIN_LINES) {
		draw_too_small();
		refresh();
		return;
	}
	erase();
	draw_top(ui);
	if (ui->screen != NULL && ui->screen->draw != NULL)
		ui->screen->draw(ui);
	getyx(stdscr, cy, cx);
	draw_msg(ui);
	draw_hints(ui);
	move(cy, cx);
	if (ui->form != NULL)
		form_draw(ui, ui->form);
	if (ui->help)
		draw_help(ui);
	else if (ui->menu)
		draw_menu(ui);
	if (ui->dialog != NULL)
		dialog_draw(ui);
	refresh();
}

/* ---- language ---- */

bool
ui_set_language(const char *lang)
{
	return kf_i18n_set(lang);
}

const char *
ui_language(void)
{
	return strcmp(kf_i18n_lang(), "en") == 0 ? "en" : "zh_CN";
}

/* ---- keys ---- */

/*
 * The terminal's bytes are decoded by input.c (pure, unit-tested and
 * fuzzed), not by get_wch: ncurses matched no paste marker split between
 * two reads and swallowed the byte after an invalid one. keypad is off so
 * getch hands over bytes; the function keys' sequences are terminfo's, as
 * ncurses itself knows them (keybound), taken once at start.
 */
static struct input dec;
static struct input_seq *fkeys;
static size_t nfkeys;

/*
 * With keypad off ncurses does not put the terminal in keypad-transmit
 * mode (smkx), so the arrows come as Esc [ A where terminfo says Esc O A;
 * these common xterm, VT220 and Linux console sequences follow terminfo's
 * (which win where both have a sequence).
 */
static const struct {
	const char	*bytes;
	int		 code;
} common_keys[] = {
	{ "\033[A", KEY_UP }, { "\033[B", KEY_DOWN }, { "\033[C", KEY_RIGHT },
	{ "\033[D", KEY_LEFT }, { "\033OA", KEY_UP }, { "\033OB", KEY_DOWN },
	{ "\033OC", KEY_RIGHT }, { "\033OD", KEY_LEFT }, { "\033[H", KEY_HOME },
	{ "\033[F", KEY_END }, { "\033OH", KEY_HOME }, { "\033OF", KEY_END },
	{ "\033[1~", KEY_HOME }, { "\033[4~", KEY_END }, { "\033[7~", KEY_HOME },
	{ "\033[8~", KEY_END }, { "\033[2~", KEY_IC }, { "\033[3~", KEY_DC },
	{ "\033[5~", KEY_PPAGE }, { "\033[6~", KEY_NPAGE },
	{ "\033[Z", KEY_BTAB }, { "\033OM", KEY_ENTER },
	{ "\033OP", KEY_F(1) }, { "\033OQ", KEY_F(2) }, { "\033OR", KEY_F(3) },
	{ "\033OS", KEY_F(4) }, { "\033[11~", KEY_F(1) },
	{ "\033[12~", KEY_F(2) }, { "\033[13~", KEY_F(3) },
	{ "\033[14~", KEY_F(4) }, { "\033[15~", KEY_F(5) },
	{ "\033[17~", KEY_F(6) }, { "\033[18~", KEY_F(7) },
	{ "\033[19~", KEY_F(8) }, { "\033[20~", KEY_F(9) },
	{ "\033[21~", KEY_F(10) }, { "\033[23~", KEY_F(11) },
	{ "\033[24~", KEY_F(12) }, { "\033[[A", KEY_F(1) },
	{ "\033[[B", KEY_F(2) }, { "\033[[C", KEY_F(3) }, { "\033[[D", KEY_F(4) },
	{ "\033[[E", KEY_F(5) },
};

static void
add_fkey(char *s, int code)
{
	fkeys = xrealloc(fkeys, (nfkeys + 1) * sizeof(*fkeys));
	fkeys[nfkeys++] = (struct input_seq){ s, code };
}

static void
keys_init(void)
{
	int code, i;
	size_t j;
	char *s;

	keypad(stdscr, TRUE);	/* loads the terminal's key table */
	for (code = KEY_MIN; code < KEY_MAX + 1024; code++)
		for (i = 0; (s = keybound(code, i)) != NULL; i++) {
			if (s[0] != '\033' || s[1] == '\0') {
				free(s);	/* Backspace as ^? or ^H: a char */
				continue;
			}
			add_fkey(s, code);
		}
	for (j = 0; j < sizeof(common_keys) / sizeof(common_keys[0]); j++)
		add_fkey(xstrdup(common_keys[j].bytes), common_keys[j].code);
	keypad(stdscr, FALSE);
	input_init(&dec, fkeys, nfkeys);
}

static void
keys_free(void)
{
	size_t i;

	for (i = 0; i < nfkeys; i++)
		free((void *)(uintptr_t)fkeys[i].bytes);	/* keybound's */
	free(fkeys);
	fkeys = NULL;
	nfkeys = 0;
}

/* The decoder's event as the loop's key; false for none. */
static bool
ev_key(const struct input_ev *ev, struct key *k)
{
	*k = (struct key){ false, 0, false };
	switch (ev->what) {
	case INPUT_CHAR:
		k->ch = ev->ch;
		k->alt = ev->alt;
		return true;
	case INPUT_PASTE_CHAR:
		k->ch = ev->ch;
		return true;
	case INPUT_FKEY:
		k->fn = true;
		k->ch = (wint_t)ev->code;
		return true;
	case INPUT_PASTE_START:
	case INPUT_PASTE_END:
		k->fn = true;
		k->ch = ev->what == INPUT_PASTE_START ? KEY_PASTE_START :
		    KEY_PASTE_END;
		return true;
	case INPUT_BAD:
		k->fn = true;
		k->ch = KEY_NOT_UTF8;
		return true;
	}
	return false;
}

/*
 * Reads one key: a character (alt when Esc came at once before it), a
 * function key, a paste marker (Esc [ 200~ and Esc [ 201~, which the
 * terminal sends once we asked with \e[?2004h; the characters between
 * are text), or KEY_NOT_UTF8. Blocks up to TICK_MS; ERR when nothing came.
 */
static int
read_key(struct key *k)
{
	struct input_ev ev;
	int c, w;

	for (;;) {
		while (input_next(&dec, &ev))
			if (ev_key(&ev, k))
				return OK;
		w = input_wait_ms(&dec, now_ms());
		timeout(w < 0 || w > TICK_MS ? TICK_MS : w);
		c = getch();
		if (c == KEY_RESIZE) {
			*k = (struct key){ true, KEY_RESIZE, false };
			return OK;
		}
		if (c == ERR) {
			if (input_idle(&dec, now_ms()))
				continue;
			timeout(TICK_MS);
			return ERR;
		}
		if (c >= 0 && c <= 0xff)
			input_feed(&dec, (unsigned char)c, now_ms());
	}
}

/*
 * A character of a paste: text for the focused field or the filter being
 * typed, never a command (Tab, Enter and line breaks become spaces; what
 * the text rule refuses or what does not fit is said at the paste's end).
 */
static unsigned
paste_char(struct ui *ui, struct key k)
{
	struct field *fl;

	if (k.fn || ui->dialog != NULL || ui->menu || ui->help)
		return 0;
	if (ui->form != NULL) {
		fl = &ui->form->f[ui->form->cur];
		if (fl->kind == FIELD_TEXT || fl->kind == FIELD_SECRET) {
			ui->paste_field = fl;
			(void)lineedit_insert(&fl->ed, (wchar_t)k.ch);
			if (fl->ed.changed) {
				ui->form->dirty = true;
				ui->form->touched = true;
				fl->ed.changed = false;
			}
			return DIRTY_BODY;
		}
		return 0;
	}
	if (ui->screen != NULL && ui->screen->key != NULL && k.ch >= 0x20 &&
	    k.ch != 0x7f)
		return ui->screen->key(ui, k);
	return 0;
}

/*
 * The decoder's own events: a paste's markers and characters, and bytes
 * that are not UTF-8. Returns true when k was one (taken here).
 */
static bool
input_key(struct ui *ui, struct key k)
{
	if (k.fn && k.ch == KEY_PASTE_START) {
		ui->pasting = true;
		ui->paste_field = NULL;
		return true;
	}
	if (k.fn && k.ch == KEY_PASTE_END) {
		ui->pasting = false;
		if (ui->form != NULL && ui->paste_field != NULL)
			form_tell(ui, ui->paste_field, true);
		ui->paste_field = NULL;
		return true;
	}
	if (k.fn && k.ch == KEY_NOT_UTF8) {
		/* Once: the terminal's bytes are another encoding (an SSH
		 * client set to GBK); what was valid still got through. */
		if (!ui->told_not_utf8) {
			ui_msg(ui, MSG_ERROR, "%s", _("The terminal is not "
			    "sending UTF-8: set it (or the SSH client) to "
			    "UTF-8."));
			ui->msg_sticky = true;	/* the next key keeps it */
		}
		ui->told_not_utf8 = true;
		return true;
	}
	if (ui->pasting) {
		paste_char(ui, k);
		return true;
	}
	return false;
}

bool
key_waiting(void)
{
	int c;

	if (dec.q_len > 0)
		return true;
	nodelay(stdscr, TRUE);
	c = getch();
	timeout(TICK_MS);
	if (c != ERR)
		ungetch(c);
	/* Inside a paste more is on its way: draw and search at its end. */
	return c != ERR || input_pasting(&dec);
}

static const struct binding *
lookup(const struct binding *t, struct key k)
{
	for (; t->keyname != NULL; t++)
		if (t->key.fn == k.fn && t->key.ch == k.ch &&
		    t->key.alt == k.alt)
			return t;
	return NULL;
}

static void
quit_confirmed(struct ui *ui, void *arg)
{
	(void)arg;
	ui->quit = true;
}

static unsigned
global_act(struct ui *ui, enum command act, int arg)
{
	const struct screen *s;

	switch (act) {
	case CMD_HELP:
		ui->help = true;
		ui->help_page = 0;
		return DIRTY_ALL;
	case CMD_MENU:
		ui->menu = true;
		ui->menu_sel = 0;
		return DIRTY_ALL;
	case CMD_REDRAW:
		clearok(curscr, TRUE);
		return DIRTY_ALL;
	case CMD_SCREEN:
		if ((s = screen_by_key(ui->k, arg)) == NULL) {
			ui_msg(ui, MSG_ERROR, "%s", _("That screen is not "
			    "available to your roles."));
			return DIRTY_ALL;
		}
		switch_screen(ui, s);
		return DIRTY_ALL;
	case CMD_QUIT:
		ui->quit = true;
		return DIRTY_ALL;
	default:
		return 0;
	}
}

static const struct binding *lookup(const struct binding *, struct key);

static unsigned
menu_key(struct ui *ui, struct key k)
{
	const struct binding *b = lookup(menu_bindings, k);
	int ids[16], n;
	const char *labels[16];
	char bufs[16][80];
	struct kf_err err;

	n = menu_items(ui, ids, labels, bufs);
	if (b == NULL)
		return 0;
	switch (b->act) {
	case CMD_UP:
		if (ui->menu_sel > 0)
			ui->menu_sel--;
		break;
	case CMD_DOWN:
		if (ui->menu_sel < n - 1)
			ui->menu_sel++;
		break;
	case CMD_PGUP:
		ui->menu_sel = 0;
		break;
	case CMD_PGDN:
		ui->menu_sel = n - 1;
		break;
	case CMD_CANCEL:
		ui->menu = false;
		break;
	case CMD_OPEN:
		ui->menu = false;
		switch (ids[ui->menu_sel]) {
		case M_LANG:
			ui_set_language(strcmp(ui_language(), "en") == 0 ?
			    "zh_CN" : "en");
			kf_pref_set(ui->k, "lang", ui_language(), &err);
			break;
		case M_HELP:
			ui->help = true;
			ui->help_page = 0;
			break;
		case M_QUIT:
			ui->quit = true;
			break;
		default:
			switch_screen(ui, screens[ids[ui->menu_sel]]);
		}
		break;
	default:
		break;
	}
	return DIRTY_ALL;
}

static unsigned
dispatch(struct ui *ui, struct key k)
{
	const struct binding *b;
	unsigned d;

	if (input_key(ui, k))
		return DIRTY_ALL;
	if (k.fn && k.ch == KEY_RESIZE) {
		if (COLS >= MIN_COLS && LINES >= MIN_LINES &&
		    ui->screen != NULL && ui->screen->changed != NULL)
			ui->screen->changed(ui);	/* new page height */
		return DIRTY_ALL;
	}
	if (ui->help) {
		/* PgDn/Space and PgUp page through; any other key closes. */
		if ((k.fn && k.ch == KEY_NPAGE) || (!k.fn && k.ch == ' ')) {
			if (ui->help_page + 1 < help_pages(ui)) {
				ui->help_page++;
				return DIRTY_ALL;
			}
		} else if (k.fn && k.ch == KEY_PPAGE && ui->help_page > 0) {
			ui->help_page--;
			return DIRTY_ALL;
		}
		ui->help = false;
		return DIRTY_ALL;
	}
	if (COLS < MIN_COLS || LINES < MIN_LINES) {
		if (!k.fn && k.ch == 'q')
			ui->quit = true;
		return DIRTY_ALL;
	}
	if (ui->retry_fn != NULL && !k.fn && k.ch == 27) {
		free(ui->retry_arg);
		ui->retry_arg = NULL;
		ui->retry_fn = NULL;
		ui->retry_tries = 0;
		ui->retry_since_us = 0;
		ui_msg(ui, MSG_INFO, "%s", _("Gave up; nothing was changed."));
		return DIRTY_ALL;
	}
	if (ui->retry_fn == NULL && !msg_held(ui))
		ui->msg[0] = '\0';
	if (ui->dialog != NULL)
		return dialog_key(ui, k);
	if (ui->menu)
		return menu_key(ui, k);
	if (ui->form != NULL) {
		if ((d = form_key(ui, ui->form, k)) != 0)
			return d;
		/* F1 works in forms; another screen waits until the form
		 * is saved or cancelled (nothing typed is hidden away). */
		if ((b = lookup(form_global_bindings, k)) != NULL)
			return global_act(ui, b->act, b->arg);
		if ((b = lookup(global_bindings, k)) != NULL &&
		    b->act == CMD_SCREEN && b->key.fn) {
			ui_msg(ui, MSG_ERROR, "%s", _("Finish the form first: F2 "
			    "saves, Esc cancels."));
			return DIRTY_ALL;
		}
		return DIRTY_BODY;
	}
	if (ui->screen != NULL) {
		/* Keys the screen takes itself (typing in a filter). */
		if (ui->screen->key != NULL &&
		    (d = ui->screen->key(ui, k)) != 0)
			return d;
		if (ui->screen->act != NULL &&
		    (b = lookup(screen_keys(ui), k)) != NULL)
			return ui->screen->act(ui, b->act, b->arg);
	}
	if ((b = lookup(global_bindings, k)) != NULL) {
		if (b->act == CMD_QUIT) {	/* q is easily hit: ask */
			ui_confirm(ui, ui->retry_fn != NULL ? _("A change is "
			    "still waiting for the database. Quit and give it "
			    "up?") : _("Quit kefu?"), quit_confirmed, NULL);
			return DIRTY_ALL;
		}
		return global_act(ui, b->act, b->arg);
	}
	return 0;
}

static bool terminal_gone(void);

/* ---- login ---- */

struct login_ctx {
	int	 tries;
	bool	 done;
};

static enum kf_rc
login_submit(struct ui *ui, struct form *f, struct kf_err *err)
{
	struct login_ctx *lc = f->ctx;
	char *login = form_text(f, "login"), *pw = form_text(f, "password");
	enum kf_rc rc;

	rc = kf_core_login_password(ui->k, login, pw, err);
	explicit_bzero(pw, strlen(pw));
	free(pw);
	free(login);
	if (rc == KF_OK) {
		lc->done = true;
		return KF_OK;
	}
	if (++lc->tries >= LOGIN_TRIES)
		ui->quit = true;
	else
		lineedit_set(&form_field(f, "password")->ed, "");
	kf_err_field(err, "password");
	return rc;
}

/* The login screen: staff login and password, three tries. */
static bool
login_loop(struct ui *ui, const char *login)
{
	struct login_ctx *lc = xcalloc(1, sizeof(*lc));
	struct form *f = form_new(N_("kefu 客服 — log in"), NULL, 0,
	    login_submit);
	struct key k;
	bool ok;

	f->ctx = lc;
	form_add(f, "login", N_("Login"), FIELD_TEXT, login, 32);
	form_add(f, "password", N_("Password"), FIELD_SECRET, NULL, 128);
	ui_open_form(ui, f);
	if (login != NULL && *login)
		f->cur = 1;
	draw_all(ui);
	while (!ui->quit && ui->form != NULL && !got_hup && !got_term) {
		if (read_key(&k) == ERR) {
			if (terminal_gone())
				break;
			continue;
		}
		if (input_key(ui, k)) {		/* a paste, bad bytes */
			if (!key_waiting())
				draw_all(ui);
			continue;
		}
		if (k.fn && k.ch == KEY_RESIZE) {
			draw_all(ui);
			continue;
		}
		if (!k.fn && k.ch == 27) {
			ui->quit = true;
			break;
		}
		if (!msg_held(ui))
			ui->msg[0] = '\0';
		form_key(ui, ui->form, k);
		draw_all(ui);
	}
	/* lc belongs to the form (freed with it) unless it already closed. */
	ok = ui->form == NULL && !ui->quit;
	if (ui->form != NULL)
		ui_close_form(ui, false);
	return ok && kf_core_actor_id(ui->k) != 0;
}

/* ---- drafts offered back ---- */

static void
restore_draft(struct ui *ui, void *arg)
{
	struct kf_draft *d;
	struct kf_err err;
	size_t n;

	(void)arg;
	if (kf_draft_list(ui->k, 1, &d, &n, &err) != KF_OK)
		return;
	if (n == 1 && ui->screen != NULL && ui->screen->restore != NULL)
		ui->screen->restore(ui, &d[0]);
	kf_draft_list_free(d, n);
}

static void
discard_draft(struct ui *ui, void *arg)
{
	struct kf_draft *d;
	struct kf_err err;
	size_t n;

	(void)arg;
	if (kf_draft_list(ui->k, 1, &d, &n, &err) != KF_OK)
		return;
	if (n == 1)
		kf_draft_drop(ui->k, d[0].form, d[0].record_id, &err);
	kf_draft_list_free(d, n);
}

/* The screen whose form the draft is, and the form's title. */
static const struct screen *
draft_owner(const struct ui *ui, const char *key, const char **title)
{
	size_t i;

	for (i = 0; i < NSCREENS; i++)
		if (screens[i]->owns_draft != NULL && may_open(ui->k,
		    screens[i]) && screens[i]->owns_draft(key, title))
			return screens[i];
	*title = NULL;
	return NULL;
}

static void
offer_drafts(struct ui *ui)
{
	const struct screen *owner;
	const char *title;
	struct kf_draft *d;
	struct kf_err err;
	char q[768], when[32];
	size_t n;

	if (kf_draft_list(ui->k, 1, &d, &n, &err) != KF_OK || n == 0) {
		kf_draft_list_free(d, n);
		return;
	}
	if ((owner = draft_owner(ui, d[0].form, &title)) == NULL) {
		kf_draft_list_free(d, n);	/* no screen of theirs takes it */
		return;
	}
	kf_time_local(d[0].saved_at, when, sizeof(when));
	snprintf(q, sizeof(q), _("You have unsaved input from %s (%s). "
	    "Restore it?"), when, _(title));
	switch_screen(ui, owner);	/* the form belongs there */
	kf_draft_list_free(d, n);
	ui_confirm2(ui, q, restore_draft, discard_draft, NULL);
}

/* ---- the loop ---- */

static void
save_drafts(struct ui *ui)
{
	if (ui->form != NULL)
		form_save_draft(ui, ui->form);
}

/* True when the terminal is gone (an SSH link dropped). */
static bool
terminal_gone(void)
{
	struct termios t;

	return tcgetattr(STDIN_FILENO, &t) != 0 && errno != EINTR;
}

static void load_display_name(struct ui *ui);
static void count_badges(struct ui *);

static int
loop(struct ui *ui)
{
	int64_t last_poll = 0, v, t;
	unsigned dirty = DIRTY_ALL;
	struct kf_err err;
	struct key k;
	char minute[32] = "", m[32];

	while (!ui->quit) {
		/* Draw only when no key is waiting: a 10,000-character paste
		 * is taken in whole, then drawn once. */
		if (dirty && !key_waiting()) {
			if (ui->badges_stale)	/* once, however many reloads */
				count_badges(ui);
			draw_all(ui);
			dirty = 0;
		}
		/* A signal is heeded between any two keys: a terminal gone
		 * bad may hand over "keys" without end, and a session must
		 * still end on SIGTERM (one spun so, at 100% CPU). */
		if (!got_hup && !got_term && read_key(&k) == OK) {
			dirty |= dispatch(ui, k);
			continue;
		}
		if (got_hup || got_term || terminal_gone()) {
			save_drafts(ui);	/* the person comes back to it */
			return 0;
		}
		t = now_ms();
		dirty |= run_retry(ui);
		/* An old message leaves the line; a retry's stays till done. */
		if (ui->msg[0] != '\0' && ui->retry_fn == NULL &&
		    t - ui->msg_ms >= MSG_KEEP_MS) {
			ui->msg[0] = '\0';
			dirty |= DIRTY_ALL;
		}
		if (ui->form != NULL)
			dirty |= form_tick(ui, ui->form);
		if (ui->screen != NULL && ui->screen->tick != NULL)
			dirty |= ui->screen->tick(ui);
		kf_time_local(kf_core_now(ui->k), m, sizeof(m));
		if (strcmp(m, minute) != 0) {	/* the clock in the top bar */
			snprintf(minute, sizeof(minute), "%s", m);
			ui_badges(ui);
			dirty |= DIRTY_ALL;
		}
		if (t - last_poll < POLL_MS)
			continue;
		last_poll = t;
		v = kf_core_data_version(ui->k);
		if (v == ui->data_version)
			continue;
		ui->data_version = v;
		kf_err_clear(&err);
		{
			unsigned before = kf_core_actor_roles(ui->k);
			enum kf_rc rc;

			save_drafts(ui);	/* while the account still may */
			rc = kf_core_actor_refresh(ui->k, &err);
			if (rc == KF_DENIED) {
				ui_msg(ui, MSG_ERROR, "%s", err.msg);
				return 4;	/* disabled: end the session */
			}
			if (rc != KF_OK) {	/* busy: look again later */
				ui->data_version = -1;
				continue;
			}
			if (kf_core_actor_roles(ui->k) != before)
				ui_alert(ui, "%s", _("Your roles were changed "
				    "by an administrator."));
		}
		load_display_name(ui);	/* renamed by an admin? */
		ui_badges(ui);
		if (ui->screen != NULL && !may_open(ui->k, ui->screen))
			switch_screen(ui, start_screen(ui->k));
		if (ui->screen != NULL && ui->screen->changed != NULL)
			ui->screen->changed(ui);
		dirty |= DIRTY_ALL;
	}
	save_drafts(ui);
	return 0;
}

void
ui_badges(struct ui *ui)
{
	ui->badges_stale = true;
}

/* Asks every screen the person may open for its badge (app.c only). */
static void
count_badges(struct ui *ui)
{
	size_t i;
	int64_t sum = 0;

	ui->badges_stale = false;
	for (i = 0; i < NSCREENS; i++) {
		int64_t *b = &ui->badge[screens[i]->fkey];

		*b = screens[i]->badge != NULL && may_open(ui->k, screens[i]) ?
		    screens[i]->badge(ui) : 0;
		sum += *b;
	}
	ui->overdue = sum;
}

void
ui_reload(struct ui *ui)
{
	if (ui->screen != NULL && ui->screen->changed != NULL)
		ui->screen->changed(ui);
	ui_badges(ui);
}

static void
load_display_name(struct ui *ui)
{
	struct kf_staff s;
	struct kf_err err;

	free(ui->display_name);
	ui->display_name = NULL;
	if (kf_staff_get(ui->k, kf_core_actor_login(ui->k), &s, &err) == KF_OK) {
		ui->display_name = s.display_name;
		s.display_name = NULL;
		kf_staff_clear(&s);
	}
}

static void
leave_terminal(void)
{
	keys_free();
	endwin();
	fputs("\033[?2004l", stdout);
	fflush(stdout);
}

int
tui_run(struct kf_core *k, bool logged_in, const char *login, const char *lang)
{
	struct ui ui;
	struct kf_err err;
	char *pref = NULL, warn[256];
	bool warned = false;
	int code = 0;

	memset(&ui, 0, sizeof(ui));
	ui.k = k;
	make_global_keys();
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "kefu: %s\n", _("the terminal UI needs a "
		    "terminal (see: kefu --help for commands)"));
		return 1;
	}
	if (lang != NULL)
		ui_set_language(lang);
	have_tio = tcgetattr(STDIN_FILENO, &saved_tio) == 0;
	if (initscr() == NULL) {
		fprintf(stderr, "kefu: %s\n", _("cannot start the terminal UI"));
		return 1;
	}
	install_signals();
	raw();
	noecho();
	nonl();
	keys_init();
	timeout(TICK_MS);
	/* NO_COLOR: any non-empty value means monochrome (no-color.org). */
	ui.color = has_colors() && (secure_getenv("NO_COLOR") == NULL ||
	    *secure_getenv("NO_COLOR") == '\0');
	if (ui.color) {
		start_color();
		use_default_colors();
	}
	theme_init(ui.color);
	fputs("\033[?2004h", stdout);	/* bracketed paste, see read_key */
	fflush(stdout);

	if (!logged_in && kf_i18n_warning(warn, sizeof(warn)) != NULL) {
		ui_msg(&ui, MSG_ERROR, "%s", warn);
		warned = true;
	}
	if (!logged_in && !login_loop(&ui, login)) {
		leave_terminal();
		fprintf(stderr, "kefu: %s\n", ui.quit && !got_hup ?
		    _("not logged in") : _("login abandoned"));
		return 4;
	}
	if (lang == NULL && kf_pref_get(k, "lang", &pref, &err) == KF_OK &&
	    pref != NULL)
		ui_set_language(pref);
	free(pref);
	load_display_name(&ui);
	for (size_t i = 0; i < NSCREENS; i++)	/* the start-up work */
		if (screens[i]->startup != NULL)
			screens[i]->startup(&ui);
	ui.data_version = kf_core_data_version(k);
	/* Where the person works: administration for admins, the board for
	 * dispatchers and technicians, the front desk for those who log
	 * calls, else their own account. */
	count_badges(&ui);	/* what is his when he starts rings not */
	switch_screen(&ui, start_screen(k));
	/* A language asked for (--lang, LANGUAGE, LANG) that kefu lacks:
	 * said once, on the message line (the CLI says it on stderr), in
	 * the language spoken (his saved choice, perhaps). */
	if (!warned && kf_i18n_warning(warn, sizeof(warn)) != NULL)
		ui_msg(&ui, MSG_ERROR, "%s", warn);
	offer_drafts(&ui);
	code = loop(&ui);
	ui_close_form(&ui, false);
	if (ui.screen != NULL && ui.screen->leave != NULL)
		ui.screen->leave(&ui);
	leave_terminal();
	if (code != 0 && ui.msg[0])
		fprintf(stderr, "kefu: %s\n", ui.msg);
	free(ui.display_name);
	free(ui.retry_arg);
	dialog_free(&ui);	/* no callback: a pending question stays open */
	return code;
}
