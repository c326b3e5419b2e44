/*
 * tui.h — the terminal front end: the application loop, screens, keys
 * and the widgets every screen uses.
 *
 * Design note. One loop (app.c) reads a key, looks it up in the tables of
 * whatever has the focus (an open dialog or form, then the current
 * screen, then the global table), runs its command, and redraws once when
 * anything was marked dirty. While idle it polls PRAGMA data_version about
 * twice a second and asks the screen to refresh when another session
 * changed the data. Handlers never draw; draw functions change nothing but
 * a line editor's horizontal scroll (which depends on the field's width on
 * screen). The hint line and the help screen are generated from the same
 * binding tables the loop dispatches on, so they cannot drift apart.
 *
 *   key ──> dialog? ──> form? ──> screen bindings ──> global bindings
 *                                   │ act() → dirty flags
 *   idle ─> data_version changed? ──> screen->changed()
 *   dirty ─> draw: top bar, screen->draw(), form/dialog, message, hints
 *
 * Signal handlers only set flags (volatile sig_atomic_t); crash signals
 * restore the terminal with async-signal-safe calls and re-raise.
 */
#ifndef KEFU_TUI_H
#define KEFU_TUI_H

#include <stdbool.h>
#include <stdint.h>
#include <wchar.h>

#include <ncursesw/curses.h>

#include "kefu/core.h"
#include "kefu/draft.h"
#include "kefu/err.h"
#include "kefu/i18n.h"
#include "kefu/staff.h"
#include "lineedit.h"

/* Messages come from the catalogues inside the binary (kefu/i18n.h). */
#define _(s)	kf_gettext(s)
#define N_(s)	(s)

/*
 * Function-key codes of our own (input.c's events), far beyond ncurses'
 * KEY_MAX: the codes just above it are terminfo's extended keys (0x222 is
 * Ctrl-Left), which once collided with a paste marker's code.
 */
#define KEY_PASTE_START	(KEY_MAX + 0x1001)
#define KEY_PASTE_END	(KEY_MAX + 0x1002)
#define KEY_NOT_UTF8	(KEY_MAX + 0x1003)	/* bytes that are not UTF-8 */

#define MIN_COLS	80
#define MIN_LINES	24

/*
 * A key as read_key gives it (input.c decodes it): a character, or a
 * function key (KEY_*, or one of the codes above);
 * alt when Esc came at once before it (Alt+key on most terminals).
 */
struct key {
	bool	 fn;
	wint_t	 ch;
	bool	 alt;
};

/*
 * What a key asks the UI to do. (The core's enum kf_action is something
 * else: what a person may do, asked of kf_may; "action" names that only.)
 */
enum command {
	CMD_NONE = 0,
	/* global */
	CMD_QUIT, CMD_HELP, CMD_MENU, CMD_REDRAW, CMD_SCREEN,
	/* lists */
	CMD_UP, CMD_DOWN, CMD_PGUP, CMD_PGDN, CMD_TOP, CMD_BOTTOM, CMD_FILTER,
	CMD_OPEN, CMD_NEW, CMD_TAB,
	/* admin */
	CMD_DISABLE, CMD_PASSWD,
	/* home */
	CMD_LANG,
	/* reception */
	CMD_LOG_UNKNOWN, CMD_FILTER_PURPOSE, CMD_FILTER_STAFF, CMD_KEY,
	CMD_CALLBACK, CMD_LINK, CMD_HANDLE, CMD_UNBOOK,
	/* dispatch */
	CMD_ACK, CMD_ASSIGN, CMD_APPROVE, CMD_CANCEL_ORDER, CMD_FILTER_CAT,
	CMD_FILTER_TECH, CMD_FILTER_OVERDUE, CMD_FILTER_STATE, CMD_PAPERWORK,
	CMD_CHARGES,
	CMD_ARRIVE, CMD_ITEM, CMD_MATERIAL,
	CMD_WORK, CMD_SIGNOFF,
	/* forms */
	CMD_NEXT_FIELD, CMD_PREV_FIELD, CMD_SAVE, CMD_CANCEL, CMD_PICK,
	CMD_RELOAD, CMD_EDIT_KEY,	/* arg: enum edit_op (form.c) */
	/* a record board (board.c): arg is the move's or filter's index */
	CMD_MOVE, CMD_BFILTER,
	/* reports (screen_reports.c): arg is what (its enum) */
	CMD_REPORT,
};

/* A key binding: the key, the command, and how the hint line and help name it. */
struct binding {
	struct key	 key;
	enum command	 act;
	int		 arg;		/* e.g. the F-key number of CMD_SCREEN */
	const char	*keyname;	/* "F2", "Enter", "/" (shown as is) */
	const char	*label;		/* N_("new"): short, for the hint line */
	const char	*help;		/* N_("Add a staff account"), for F1 */
	bool		 hint;		/* shown on the hint line */
};

#define CH(c)	{ false, (wint_t)(c), false }
#define FN(k)	{ true, (wint_t)(k), false }

/*
 * The row keys of a list, for the binding tables: the arrows and pages
 * (ARROW_KEYS, where letters are typed into a search box) and with j/k
 * too (LIST_KEYS, where no box takes them). Not on the hint line; Home
 * and End (the first and the last row) not in F1 either, which a
 * technician's 80x24 help must hold on one page.
 */
#define ARROW_KEYS \
	{ FN(KEY_UP), CMD_UP, 0, "Up", NULL, N_("Previous row"), false }, \
	{ FN(KEY_DOWN), CMD_DOWN, 0, "Down", NULL, N_("Next row"), false }, \
	{ FN(KEY_PPAGE), CMD_PGUP, 0, "PgUp", NULL, N_("Previous page"), \
	  false }, \
	{ FN(KEY_NPAGE), CMD_PGDN, 0, "PgDn", NULL, N_("Next page"), false }, \
	{ FN(KEY_HOME), CMD_TOP, 0, "Home", NULL, NULL, false }, \
	{ FN(KEY_END), CMD_BOTTOM, 0, "End", NULL, NULL, false }
#define LIST_KEYS \
	{ FN(KEY_UP), CMD_UP, 0, "Up", NULL, N_("Previous row"), false }, \
	{ CH('k'), CMD_UP, 0, "k", NULL, N_("Previous row"), false }, \
	{ FN(KEY_DOWN), CMD_DOWN, 0, "Down", NULL, N_("Next row"), false }, \
	{ CH('j'), CMD_DOWN, 0, "j", NULL, N_("Next row"), false }, \
	{ FN(KEY_PPAGE), CMD_PGUP, 0, "PgUp", NULL, N_("Previous page"), \
	  false }, \
	{ FN(KEY_NPAGE), CMD_PGDN, 0, "PgDn", NULL, N_("Next page"), false }, \
	{ FN(KEY_HOME), CMD_TOP, 0, "Home", NULL, NULL, false }, \
	{ FN(KEY_END), CMD_BOTTOM, 0, "End", NULL, NULL, false }
#define ALT(c)	{ false, (wint_t)(c), true }
#define END_BINDINGS	{ CH(0), CMD_NONE, 0, NULL, NULL, NULL, false }

/*
 * Something changed: draw again. The whole frame is redrawn each time
 * (ncurses then sends the terminal only the cells that differ), so the two
 * values only document intent.
 */
#define DIRTY_BODY	0x1u
#define DIRTY_ALL	0x3u

struct ui;

struct screen {
	const char		*title;		/* gettext id */
	const char		*help;		/* its F key in F1 (gettext id) */
	int			 fkey;		/* 2..9 */
	int			 action;	/* kf_may decides who opens it;
						 * -1: everyone logged in */
	/* Where a person starts: the lowest start among the screens whose
	 * start_roles hold a role of theirs (0: anyone who may open it). */
	int			 start;
	unsigned		 start_roles;
	const struct binding	*keys;
	/* The keys of the panel in use, when panels differ (NULL: keys). */
	const struct binding *(*keys_now)(const struct ui *);
	int	(*enter)(struct ui *);		/* load view state; 0 ok */
	void	(*leave)(struct ui *);		/* free view state */
	void	(*draw)(struct ui *);		/* reads view state only */
	unsigned (*act)(struct ui *, enum command, int arg);
	/* Keys before the bindings (typing in a filter); dirty if taken. */
	unsigned (*key)(struct ui *, struct key);
	void	(*changed)(struct ui *);	/* data changed elsewhere */
	unsigned (*tick)(struct ui *);		/* about twice a second */
	/* Reopens the form of the person's newest draft (after login). */
	void	(*restore)(struct ui *, const struct kf_draft *);
	/* Whether the draft form named key is this screen's; its title. */
	bool	(*owns_draft)(const char *key, const char **title);
	/*
	 * The count of overdue records this screen is about (the top bar's
	 * badge), asked whether the screen is shown or not, whenever the
	 * data or the minute changes (NULL: none). May ring for news that
	 * concerns the person (a new assignment).
	 */
	int64_t	(*badge)(struct ui *);
	/*
	 * Once after login, whoever logged in and whatever screen is his
	 * (NULL: none): work the core does on the first start (F6 draws
	 * the last month's sample when due, R42). May say one line.
	 */
	void	(*startup)(struct ui *);
};

extern const struct screen screen_home, screen_admin, screen_reception,
    screen_dispatch, screen_complaints, screen_billing, screen_callbacks,
    screen_reports;

/*
 * Shows the screen of F key fkey as its key would (a form's draft is
 * kept, the old screen left), so another screen can take the person to
 * a record on its own screen (F7's drill-down opens a work order on F3).
 * False, changing nothing, when the person may not open it.
 */
bool	 ui_show_screen(struct ui *ui, int fkey);

/* The "new password" form for account id (screen_admin.c; home uses it). */
struct form *passwd_form(int64_t id, const char *login);
/*
 * F5's account of customer_id, the cursor on its fee notice or receipt
 * id (screen_billing.c; F7's drill-down opens one there), with F5 shown:
 * false when the account's list does not hold it (older than it lists).
 */
bool	 billing_show_item(struct ui *ui, int64_t customer_id, bool receipt,
	    int64_t id);

/* Message line levels. */
enum msg_level { MSG_INFO, MSG_ERROR, MSG_BUSY };

/* ---- list view (listview.c): a page of rows fetched by keyset ---- */

struct listview;

struct lv_source {
	size_t	 row_size;
	/* Fetch up to limit rows relative to anchor (NULL for FIRST/LAST),
	 * in display order, into *rows (allocated). */
	enum kf_rc (*fetch)(struct ui *, const struct listview *,
	    const char *filter, enum kf_page dir,
	    const void *anchor, int limit, void **rows, size_t *n,
	    struct kf_err *err);
	void	(*free_rows)(void *rows, size_t n);
	void	(*draw_row)(struct ui *, WINDOW *w, int y, int x, int width,
	    const void *row);
	/* Same record? (keeps the cursor on it across refreshes) */
	bool	(*same)(const void *a, const void *b);
};

struct listview {
	const struct lv_source	*src;
	void			*rows;
	size_t			 nrows;
	size_t			 sel;		/* selected row index */
	int			 height;	/* rows visible */
	bool			 at_top;	/* the page starts at the first row */
	bool			 filtering;	/* the filter editor has focus */
	struct lineedit		 filter;
	char			*filter_text;	/* applied filter ("" none) */
	void			*owner;		/* whose list (a board) */
};

void	 lv_init(struct listview *lv, const struct lv_source *src);
void	 lv_free(struct listview *lv);
/* Loads the first page for height visible rows. */
enum kf_rc lv_load(struct ui *ui, struct listview *lv, int height);
/* Handles a list command; returns dirty flags. */
unsigned lv_act(struct ui *ui, struct listview *lv, enum command act);
/* Feeds a key to the filter editor while filtering; true if taken. */
bool	 lv_filter_key(struct ui *ui, struct listview *lv, struct key k,
	    unsigned *dirty);
/* Re-reads the page from its first row, keeping the selection. */
void	 lv_refresh(struct ui *ui, struct listview *lv);
/* The selected row, or NULL when the list is empty. */
const void *lv_selected(const struct listview *lv);
void	 lv_draw(struct ui *ui, struct listview *lv, WINDOW *w, int y, int x,
	    int width, int height, const char *header);

/* ---- forms (form.c) ---- */

enum field_kind { FIELD_TEXT, FIELD_SECRET, FIELD_ROLES, FIELD_READONLY,
	FIELD_CHOICE };

struct field {
	const char	*name;		/* draft key and core field name */
	const char	*label;		/* gettext id */
	enum field_kind	 kind;
	struct lineedit	 ed;
	/* The value as the record has it (text form, as form_text gives it):
	 * the field is the person's change while its text differs. Set when
	 * the field is added and by form_reload_field; owned by the form. */
	char		*saved;
	unsigned	 roles;		/* FIELD_ROLES: the chosen mask */
	char		*error;		/* validation message, or NULL */
	bool		 hidden;	/* not shown, not focused; still drafted */
	/* FIELD_CHOICE: one of nitems; items are gettext ids unless literal
	 * (names of people); keys, when given, are the stable values drafts
	 * keep (else the index). The arrays outlive the form. */
	const char *const *items;
	const char *const *keys;
	int		 nitems;
	bool		 literal;
	int		 choice;
};

#define FORM_MAX_FIELDS	24

struct form;
typedef enum kf_rc (*form_submit_fn)(struct ui *, struct form *,
    struct kf_err *);

struct form {
	const char	*title;		/* gettext id */
	const char	*draft_form;	/* draft key ("staff.add"), NULL: none */
	int64_t		 record_id;
	int64_t		 seen_version;
	struct field	 f[FORM_MAX_FIELDS];
	int		 n;
	int		 cur;
	form_submit_fn	 submit;
	bool		 dirty;		/* typed since the last draft save */
	bool		 touched;	/* typed since the form opened */
	/* A draft of it was saved before it opened (a dropped link, "later"
	 * at login): only an explicit choice or a save drops it. */
	bool		 had_draft;
	int64_t		 last_draft_ms;
	int		 busy_tries;	/* retrying a save the database refused busy */
	int64_t		 busy_since_us;	/* kf_core_busy_retry's */
	int64_t		 retry_at_ms;
	bool		 conflict;	/* last save conflicted: offer reload */
	char		 conflict_field[48]; /* the field it was about */
	bool		 keep_open;	/* submit wants the form kept (confirming) */
	const char	*focus;		/* the field to start at (NULL: first) */
	/* After a successful save, before the form closes: what the opener
	 * wants then (the search box emptied for the next caller). */
	void		(*saved)(struct ui *, struct form *);
	/* Opened once this form has saved and closed (the ui owns it then;
	 * freed with this form if it does not save). */
	struct form	*next;
	/*
	 * Re-reads the record after a conflict: fields the person did not
	 * change and the conflicting one take the saved values; the person's
	 * other changes stay; the version becomes the current one. The
	 * callback reads the record, calls form_reload_field for each field
	 * and sets seen_version; false (having said why on the message line)
	 * when the record cannot be read. NULL: ^R is neither offered nor
	 * taken, and a conflict does not mention it.
	 */
	bool		(*reload)(struct ui *, struct form *);
	/* A field's value changed (typing, a choice): e.g. show or hide the
	 * fields that depend on it. */
	void		(*on_change)(struct ui *, struct form *, struct field *);
	/* Lines drawn above the fields (a script to read out, a timer). */
	int		 extra_lines;
	void		(*draw_extra)(struct ui *, struct form *, int y, int x,
			    int width);
	void		*ctx;		/* the screen's; freed with the form */
	void		(*free_ctx)(void *);	/* NULL: free() */
};

struct form *form_new(const char *title, const char *draft_form,
	    int64_t record_id, form_submit_fn submit);
void	 form_free(struct form *f);
struct field *form_add(struct form *f, const char *name, const char *label,
	    enum field_kind kind, const char *value, size_t max_chars);
/* A choice field (see struct field); initial is the chosen index. */
struct field *form_add_choice(struct form *f, const char *name,
	    const char *label, const char *const *items, const char *const *keys,
	    int nitems, bool literal, int initial);
/*
 * Sets a field from its text form, as form_text gives it (a draft being
 * restored): roles by name, a choice by key (or index); false when the
 * field is unknown, read-only or the value is not one of the choices.
 */
bool	 form_set(struct form *f, const char *name, const char *value);
/* The index chosen in choice field name (0 when there is none such). */
int	 form_choice(struct form *f, const char *name);
/* The field's text (allocated). */
char	*form_text(const struct form *f, const char *name);
struct field *form_field(struct form *f, const char *name);
/*
 * For a form's reload callback: the record now holds value (text form,
 * as form_text gives it) in field name. The field takes it when the
 * person has not changed it, when it is the field that conflicted, and
 * always when it is read-only; otherwise the person's change stays.
 * Either way value is what "not changed" means from now on. False when f
 * has no such field (or it is a secret, never reloaded).
 */
bool	 form_reload_field(struct form *f, const char *name, const char *value);
/*
 * A save of f lost to another person's change of the same field (err:
 * KF_CONFLICT, err->conflict filled; its theirs already in the form's
 * terms): f remembers the field (for ^R), the cursor goes to it, and the
 * message line says who changed it, when and to what, and that ^R
 * reloads when f can. For a submit that is finished outside save (after
 * a confirmation).
 */
void	 form_conflict(struct ui *ui, struct form *f, const struct kf_err *err);
/*
 * Opens f as the modal form of the ui (the ui owns it from now). When f
 * has a draft key and a draft of it is saved, f remembers that; a form
 * nobody has filled in yet (not dirty, not touched: not a screen's
 * restore) takes the draft's values and version, and the message line
 * says so.
 */
void	 ui_open_form(struct ui *ui, struct form *f);
/* Closes the open form; drop_draft: its draft goes too (a save, or the
 * person's explicit "discard"). */
void	 ui_close_form(struct ui *ui, bool drop_draft);
/* Saves the open form's draft now (on a timer, and on SIGHUP/SIGTERM). */
void	 form_save_draft(struct ui *ui, struct form *f);
void	 form_draw(struct ui *ui, struct form *f);
/*
 * Saves f as F2 does (f->submit, busy retries, the error under its
 * field; closed and its next opened on success): for a question answered
 * after the form's own save asked it, whose answer changes what is saved.
 */
unsigned form_save(struct ui *ui, struct form *f);
/* Handles a key for the open form; returns dirty flags (0: not taken). */
unsigned form_key(struct ui *ui, struct form *f, struct key k);
/*
 * Says on the message line, in the core's words (the CLI's), what fl's
 * editor refused or could not fit since last asked, and clears that:
 * after a paste, "…: paste cut to N." with N the characters the field now
 * holds in all (what was there before the paste counts), else the core's
 * refusal. Returns whether it said anything.
 */
bool	 form_tell(struct ui *ui, struct field *fl, bool paste);
unsigned form_tick(struct ui *ui, struct form *f);
extern const struct binding form_edit_bindings[];
/*
 * The keys of f where the person is, for the loop, the hint line and F1
 * alike (then form_edit_bindings, unless f is a view): a view's keys, or
 * the form's with Enter as it acts on the focused field (it saves only on
 * the last field, and says so), and ^R only when f can reload (on the
 * hint line after a conflict). Lent until the next call.
 */
const struct binding *form_keys(const struct form *f);
/* The submit of a form that only shows a record: saves nothing, closes. */
enum kf_rc form_view_submit(struct ui *ui, struct form *f,
	    struct kf_err *err);
/* Whether f has no field to edit (a record shown whole). */
bool		form_is_view(const struct form *f);
/*
 * An editing key of form_edit_bindings, or a typed character, applied to
 * e (a form's field or a screen's search box); false when k is neither.
 */
bool	 edit_key(struct lineedit *e, struct key k);

/* ---- dialogs (dialog.c) ---- */

typedef void (*confirm_fn)(struct ui *, void *arg);
/* Asks a yes/no question; on yes calls fn(ui, arg). The ui owns arg (freed). */
void	 ui_confirm(struct ui *ui, const char *question, confirm_fn fn,
	    void *arg);
/* As ui_confirm, and on no calls no(ui, arg) (may be NULL). */
void	 ui_confirm2(struct ui *ui, const char *question, confirm_fn yes,
	    confirm_fn no, void *arg);
/*
 * A picker: choose one of n items (or several, when multi). On a choice,
 * fn(ui, arg, index or mask) is called.
 */
typedef void (*pick_fn)(struct ui *, void *arg, unsigned choice);
#define PICK_MULTI	0x1u	/* several (choice is a mask; n <= 32) */
#define PICK_LITERAL	0x2u	/* items are names, shown untranslated */
/* items must outlive the picker. */
void	 ui_pick(struct ui *ui, const char *title, const char *const *items,
	    int n, unsigned flags, unsigned initial, pick_fn fn, void *arg);
/* Closes an open dialog without calling any of its callbacks. */
void	 dialog_free(struct ui *ui);
void	 dialog_draw(struct ui *ui);
unsigned dialog_key(struct ui *ui, struct key k);

/* ---- the application (app.c) ---- */

struct ui {
	struct kf_core		*k;
	const struct screen	*screen;	/* shown now */
	void			*state;		/* the screen's view state */
	struct form		*form;		/* modal form, or NULL */
	void			*dialog;	/* modal dialog, or NULL */
	char			 msg[512];
	enum msg_level		 msg_level;
	int64_t			 msg_ms;	/* when it was set (now_ms) */
	bool			 msg_sticky;	/* kept over keys a while */
	bool			 help;		/* help overlay shown */
	int			 help_page;	/* its page (from 0) */
	bool			 menu;		/* menu overlay shown */
	int			 menu_sel;
	bool			 quit;
	bool			 pasting;	/* inside a bracketed paste */
	bool			 told_not_utf8;	/* said once per session */
	struct field		*paste_field;	/* the paste went there */
	bool			 color;
	char			*display_name;	/* actor's, for the top bar */
	int64_t			 overdue;	/* the badges' sum, top bar */
	int64_t			 badge[10];	/* by F key: each screen's */
	bool			 badges_stale;	/* count them before drawing */
	int64_t			 data_version;
	/* A change the database refused as busy, tried again on the timer. */
	confirm_fn		 retry_fn;
	void			*retry_arg;
	int			 retry_tries;
	int64_t			 retry_since_us; /* kf_core_busy_retry's */
	int64_t			 retry_at_ms;
};

/*
 * Called by a change that got KF_BUSY: runs fn(ui, copy of arg) again
 * shortly, saying so on the message line, while the person can keep
 * working or press Esc to give up. The whole wait, every try included, is
 * bounded in wall-clock time (KF_BUSY_PATIENCE_MS, about ten seconds;
 * kf_core_busy_retry). Returns false when it is spent, with err rewritten
 * to say how long it really waited and who holds the database (shown).
 */
bool	 ui_retry_later(struct ui *ui, confirm_fn fn, const void *arg,
	    size_t size, struct kf_err *err);

/*
 * True when a key is already waiting to be read: the rest of a paste, not
 * a person typing (app.c).
 */
bool	 key_waiting(void);
/*
 * Switches the UI language now ("zh_CN" or "en", kf_i18n_set): the next
 * draw speaks it. False, changing nothing, for a language kefu lacks.
 */
bool	 ui_set_language(const char *lang);
/* "zh_CN" or "en": the language the UI speaks now. */
const char *ui_language(void);
/* Milliseconds of a monotonic clock. */
int64_t	 now_ms(void);
/* Sets the message line. */
void	 ui_msg(struct ui *ui, enum msg_level lvl, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/*
 * The data changed by this session's own hand (a form saved, a move made):
 * the shown screen reloads at once (its changed()), and the badges follow.
 */
void	 ui_reload(struct ui *ui);
/*
 * Every screen's badge for the top bar is to be counted again (a board
 * reloaded, the data or the minute changed): once, before the next draw,
 * however many boards asked.
 */
void	 ui_badges(struct ui *ui);
/* Shows a core error (conflicts with who and when). */
void	 ui_err(struct ui *ui, const struct kf_err *err);
/* Flash and ring the bell: something addressed to this person happened. */
void	 ui_alert(struct ui *ui, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Body area of the screen (below the top bar, above the message line). */
int	 ui_body_top(void);
int	 ui_body_height(void);

/* ---- drawing (draw.c) ---- */

enum color { C_NORMAL = 0, C_BAR, C_TAB, C_SEL, C_ERROR, C_WARN, C_DIM,
	C_TITLE, C_OK, C_COUNT };

void	 theme_init(bool color);
attr_t	 theme(enum color c);
/*
 * Draws UTF-8 text at (y, x) in at most width cells, never cutting a wide
 * character; control and format characters are shown harmlessly (^X or
 * U+FFFD), never sent to the terminal. Pads with spaces when pad. Returns
 * the cells used.
 */
int	 draw_text(WINDOW *w, int y, int x, const char *s, int width, bool pad);
/*
 * Copies s into buf (n bytes) cut to width cells, ending with "…" when it
 * was cut; a wide character is never split.
 */
void	 text_cut(char *buf, size_t n, const char *s, int width);
/*
 * Fills fmt (a translated text from a table) into buf: each "%lld" becomes
 * id, each "%s" words, "%%" a percent sign; nothing else is read (no
 * varargs: a format that is not a literal is safe).
 */
void	 text_fill(char *buf, size_t n, const char *fmt, int64_t id,
	    const char *words);
/*
 * As draw_text, but text wider than width ends with "…" in the last cell
 * (the cells before it hold what fits whole: never half a wide
 * character). Returns the cells used.
 */
int	 draw_text_cut(WINDOW *w, int y, int x, const char *s, int width,
	    bool pad);
/*
 * Draws text wrapped to width cells over at most max_lines lines (breaking
 * at spaces, or anywhere in CJK text). Returns the lines used.
 */
int	 draw_wrapped(WINDOW *w, int y, int x, const char *s, int width,
	    int max_lines);
/* The lines draw_wrapped would use for s at width. */
int	 text_lines(const char *s, int width);
/* Display width of UTF-8 text as draw_text would draw it. */
int	 text_width(const char *s);
void	 draw_box(WINDOW *w, int y, int x, int h, int wd, const char *title);

/*
 * Entry point: runs the UI until the person quits. When logged_in is
 * false, a login screen comes first (login pre-filled when not NULL).
 * lang ("zh_CN", "en") overrides the locale and the saved preference.
 * Returns the exit code.
 */
int	 tui_run(struct kf_core *k, bool logged_in, const char *login,
	    const char *lang);

#endif
