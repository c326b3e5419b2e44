/*
 * board.h — the record board: the one list widget every list screen of the
 * terminal UI stands on, as every tmux mode stands on mode-tree.c.
 *
 * A screen describes its board with tables — the columns, the filters and
 * the moves — and a few callbacks that reach the core (fetch a page, count
 * for the header, ask whether a move may be made, make it). The board owns,
 * once for every screen:
 *
 *   - one page of rows fetched by keyset (listview.c underneath), the
 *     cursor and paging, the cursor kept on its record across reloads;
 *   - drawing: the column header, cells cut to their widths (a wide
 *     character never split, "…" where text is cut), the chosen row, and
 *     colours by deadline: overdue red, due within BOARD_SOON_S yellow,
 *     waiting (clock stopped) dim;
 *   - the header's counts (open, overdue, due soon, and the class's own
 *     more[]) and the top bar's overdue badge of the screen;
 *   - the filter line and each filter's picker (a new view starts at its
 *     first row), a filter's starting choice (initial: "mine");
 *   - a search line ("/", when the class has search_help): the text
 *     typed, read by the class's fetch and counts (board_search), the
 *     rows following each character;
 *   - live reload: when another session changed the data, when a shown
 *     deadline passes or comes within BOARD_SOON_S, and at least every
 *     BOARD_REFRESH_MS (the countdown);
 *   - the flow of a move, one path for every screen:
 *
 *       key ─> row chosen? ─> the core's may ─> pick? ─> question or form
 *           ─> the move (core) ─> done message ─> reload
 *
 *     with the busy retry (ui_retry_later), the conflict message (who,
 *     when; nothing changed), and drafts of move forms restored;
 *   - its key table, generated from the moves and filters, which the hint
 *     line and F1 read as they read every other binding table.
 *
 * A board belongs to its screen's view state (board_init .. board_free).
 * Callbacks get the board; b->ctx is the screen's own pointer.
 *
 * Views: a screen may show one board in several ways (the dispatcher's
 * board, a technician's own orders). b->view is one bit; a column, filter
 * or move whose views mask is 0 is in every view, else only in those.
 */
#ifndef KEFU_BOARD_H
#define KEFU_BOARD_H

#include <stddef.h>

#include "tui.h"

#define BOARD_SOON_S		600	/* "due soon": within 10 minutes */
#define BOARD_REFRESH_MS	30000	/* the countdown, at least this often */
#define BOARD_ALL		INT64_MIN	/* a filter's "all" */

struct board;

/* How a row stands against its clock (colours; the next reload). */
enum board_clock {
	BOARD_NO_CLOCK,		/* no deadline: drawn plainly */
	BOARD_CLOCK_RUNS,	/* red past it, yellow within BOARD_SOON_S */
	BOARD_CLOCK_WAITS,	/* met or stopped: dim */
};

/*
 * A column: its header, its width, and the text of a row's cell. A column
 * of a few known words (a state) may give them as labels: it is then as
 * wide as the widest of them and its header in the UI language, at most
 * its width when it has one (so a Chinese board, whose words are
 * shorter, leaves the address more room).
 */
struct board_col {
	const char	*title;		/* gettext id */
	int		 width;		/* cells; 0: the rest of the line */
	unsigned	 views;		/* 0: every view */
	/* The chosen row keeps its deadline colour in this column. */
	bool		 clock;
	/* Writes the cell (UTF-8, already translated) into buf; the cell is
	 * b->cell_w wide (cut with "…" when longer). */
	void	(*text)(struct ui *, const struct board *, const void *row,
		    char *buf, size_t n);
	/* The words it may hold: label(i) for i < nlabels (NULL: none). */
	const char *(*label)(int i);
	int		 nlabels;
	/* Instead of text(): the row's char * member at this BOARD_STR. */
	size_t		 str;
	/* Right-aligned, its header too (figures, amounts). */
	bool		 right;
};

/* A column of the row's string member m (a struct type's char *m). */
#define BOARD_STR(type, m)	(offsetof(type, m) + 1)

/*
 * A filter: a key that opens a picker of choices, "all" first (choice 0,
 * value BOARD_ALL); or, when toggle, a key that flips it on and off. Its
 * key is offered in views; the filter line shows it in line_views (0: the
 * same), where all_label names choice 0 (NULL: nothing is shown then).
 */
struct board_filter {
	struct key	 key;
	const char	*keyname, *label, *help;
	bool		 hint;
	unsigned	 views;
	bool		 toggle;
	/*
	 * The choices (items[0] is "all"); lent until the picker closes.
	 * literal: names of people, not gettext ids. Returns how many (0:
	 * none to offer, the reason is on the message line).
	 */
	int	(*items)(struct ui *, struct board *, const char *const **items,
		    bool *literal);
	/* The value of choice i > 0 (an enum, an id); NULL: i - 1. */
	int64_t	(*value)(struct ui *, struct board *, int i);
	/* The filter line's words at "all" (a gettext id), or NULL. */
	const char *(*all_label)(const struct board *);
	unsigned	 line_views;
	/* The filter line's words for choice i > 0 (NULL: the item's):
	 * "张伟" where the picker said "张伟  (3 open)". */
	void	(*choice_label)(struct ui *, struct board *, int i, char *buf,
		    size_t n);
	/* The choice the board starts at (NULL or 0: "all"): a person's
	 * own records first ("mine"). */
	int	(*initial)(struct ui *, struct board *);
};

/* What a move acts on: copied, so a retry after "busy" still has it. */
struct board_target {
	const struct board_move	*mv;
	const struct screen	*screen;	/* reloaded when still shown */
	const char		*screen_noun;	/* the class's noun */
	const char		*done;		/* the done message (gettext id) */
	const char		*question;	/* asked first (gettext id), or NULL */
	char			 words[128];	/* the row's, for the question */
	int64_t			 id, version;
	int64_t			 arg;		/* what the picker chose */
};

/*
 * A move: a key, the core's move it makes, and how it is asked for. The
 * board asks may(row, core) first (unless core < 0); then, in order:
 * form() when given (and use_form is NULL or says yes for the row): the
 * form collects input, and its submit makes the move and says what it
 * did; else open() when given (the move opens something of its own: a
 * view, a picker); else pick() when given (e.g. which technician), then
 * the question (when given), then run(), then the done message.
 * question_for, done_for and arg_for, when given, choose by the row (a
 * key going out or coming back).
 */
struct board_move {
	struct key	 key;
	const char	*keyname, *label, *help;
	bool		 hint;
	unsigned	 views;
	int		 core;		/* the core's move id; -1 none */
	bool		 no_row;	/* works without a chosen row */
	/* A question before run: "%lld" is the row's id, "%s" its words. */
	const char	*question;
	/* After success: "%lld" is the id (gettext id). */
	const char	*done;
	/* The core says a lost race best (it names who, for whom). */
	bool		 core_words;
	/* The draft key and title of form(), for restoring drafts. */
	const char	*draft, *draft_title;
	unsigned (*open)(struct ui *, struct board *, const void *row);
	int	(*pick)(struct ui *, struct board *, const void *row,
		    const char **title, const char *const **items,
		    bool *literal);
	int64_t	(*picked)(struct ui *, struct board *, int i);
	enum kf_rc (*run)(struct ui *, const struct board_target *,
		    struct kf_err *);
	/* The move's form (m: this row of the table, so one function may
	 * serve several moves by m->core). */
	struct form *(*form)(struct ui *, struct board *,
		    const struct board_move *m, const void *row);
	bool	(*use_form)(const struct board *, const void *row);
	const char *(*question_for)(const void *row);
	const char *(*done_for)(const void *row);
	int64_t	(*arg_for)(const void *row);
	/*
	 * Whether the hint line and F1 offer the move on row now (row NULL:
	 * none chosen), for a move the core's may cannot answer (core < 0:
	 * a view, a draw); it may name other words (label, help: gettext
	 * ids) for the row ("view" where one may not call). NULL: offered.
	 */
	bool	(*offered)(struct ui *, const struct board *, const void *row,
		    const char **label, const char **help);
};

/* The header's counts (the whole filtered set, not only the page). */
#define BOARD_MORE_COUNTS	4
struct board_counts {
	int64_t	 open, overdue, due_soon;
	/* The class's own counts, named by its more_counts (to sign, …). */
	int64_t	 more[BOARD_MORE_COUNTS];
};

struct board_class {
	size_t			 row_size;
	const struct board_col	*cols;		/* ends with a NULL title */
	const struct board_filter *filters;	/* ends with a NULL keyname */
	const struct board_move	*moves;		/* ends with a NULL keyname */
	const char		*empty;		/* gettext id: no rows */
	/* The noun of a row in messages: "work order %lld" (gettext id). */
	const char		*noun;
	/* Letters go to a search box: the list keys are the arrows only. */
	bool			 typing;
	/*
	 * The board's own search line: "/" opens it with this help (gettext
	 * id; NULL: no search); what is typed is board_search(b), the rows
	 * and counts follow each character; Enter keeps it, Esc clears it.
	 */
	const char		*search_help;
	/* The header's further counts: "to sign %lld" (gettext ids), at
	 * most BOARD_MORE_COUNTS, ended by NULL; their values in more[]. */
	const char *const	*more_counts;
	/* A page of rows by keyset (listview's contract), in display order. */
	enum kf_rc (*fetch)(struct ui *, struct board *, enum kf_page dir,
		    const void *anchor, int limit, void **rows, size_t *n,
		    struct kf_err *);
	void	(*free_rows)(void *rows, size_t n);
	/* A row's id and version; its words in a question (an address). */
	int64_t	(*id)(const void *row);
	int64_t	(*version)(const void *row);
	const char *(*words)(const void *row);
	/* The row's clock (NULL: no deadlines on this board). */
	enum board_clock (*clock)(const void *row, int64_t *deadline_at);
	/* The header's counts for the current filters (NULL: none). */
	enum kf_rc (*counts)(struct ui *, struct board *, struct board_counts *,
		    struct kf_err *);
	/* Whether core move mv may be made on row now (the core's table). */
	enum kf_rc (*may)(struct ui *, const void *row, int mv,
		    struct kf_err *);
	/* One record by id, into row (a draft's record); clear_row frees it. */
	enum kf_rc (*get)(struct ui *, int64_t id, void *row, struct kf_err *);
	void	(*clear_row)(void *row);
};

struct board_filter_state {
	int		 choice;
	int64_t		 value;
	char		 label[96];	/* as the filter line shows it */
};

struct board {
	const struct board_class *cls;
	void			*ctx;		/* the screen's */
	unsigned		 view;
	struct listview		 lv;
	struct lv_source	 src;
	struct board_filter_state *fs;
	int			 nfilters;
	struct board_counts	 counts;
	bool			 has_counts;
	int64_t			 next_change;	/* the clock alone changes it */
	int64_t			 last_ms;	/* last reload */
	struct binding		*keys;		/* generated; END_BINDINGS */
	int			 cell_w;	/* the cell a text() fills */
	const struct binding	*extra;		/* the screen's own keys */
	/* The chosen row's id and version the offers were made for. */
	int64_t			 offer_id, offer_version;
};

/*
 * Sets b up for cls in view (one bit), with the screen's extra key table
 * (NULL: none; its actions go to the screen's act), and loads the first
 * page for height rows. Never fails: a core error is shown on the
 * message line and the board starts empty.
 */
void	 board_init(struct ui *ui, struct board *b, const struct board_class *cls,
	    unsigned view, void *ctx, const struct binding *extra, int height);
void	 board_free(struct board *b);

/* The board's keys now (moves and filters of its view, the list keys,
 * then the screen's extra ones). A move the core's may refuses on the
 * chosen row (or of a row when none is chosen) is neither on the hint
 * line nor in F1; its key still says why when pressed. Lent: valid
 * until board_free. */
const struct binding *board_keys(const struct board *b);

/*
 * Handles an action of board_keys (CMD_MOVE, CMD_BFILTER, list moves);
 * returns dirty flags, 0 when the action is not the board's.
 */
unsigned board_act(struct ui *ui, struct board *b, enum command act, int arg);

/*
 * Reloads the page (keep: the cursor stays on its record; else the view
 * starts at its first row), the counts and the next change. For another
 * session's change, a move made, a resize (new height; 0 keeps it).
 */
void	 board_reload(struct ui *ui, struct board *b, bool keep, int height);

/* Reloads when the clock says so (a deadline passing, the countdown). */
unsigned board_tick(struct ui *ui, struct board *b);

/*
 * Draws the board in rows y .. y + h - 1: the header line of columns,
 * then the rows (the message b->cls->empty when none). focus: the chosen
 * row is highlighted.
 */
void	 board_draw(struct ui *ui, struct board *b, int y, int h, bool focus);

/*
 * The screen's key hook while the search line is open: the line editor
 * takes the key (the rows and counts follow the text). Returns dirty
 * flags, 0 when the key is not the search's.
 */
unsigned board_key(struct ui *ui, struct board *b, struct key k);

/* The text searched for ("" when none); lent until the next key. */
const char *board_search(const struct board *b);

/*
 * Draws the search line at (y, x) in w cells, "/" then the text, with the
 * terminal cursor in it while it is open (focus: nothing covers the
 * screen). False, drawing nothing, when there is no search.
 */
bool	 board_search_draw(struct board *b, int y, int x, int w, bool focus);

/* The filter line: each filter's choice, " · " between ("" when none). */
void	 board_filter_line(const struct board *b, char *buf, size_t n);

/* "open 12  overdue 3  due soon 1" and the class's more ("to sign 2"), or
 * "" when the board counts nothing. */
void	 board_counts_line(const struct board *b, char *buf, size_t n);

/* The value of filter i (BOARD_ALL when "all"). */
int64_t	 board_filter_value(const struct board *b, int i);

/* The chosen row, or NULL. */
const void *board_row(const struct board *b);

/* Rows visible for a board of h lines (its header takes one). */
int	 board_rows(int h);

/*
 * Whether the draft form named key belongs to one of b's moves: its title
 * in *title. For offering drafts back at login (app.c asks each screen).
 */
bool	 board_owns_draft(const struct board_class *cls, const char *key,
	    const char **title);

/*
 * Reopens the form of the move whose draft d is (a record id <= 0: a form
 * of no record, a move with no_row; else the record read again with
 * cls->get; gone or no longer the person's: said, and the draft
 * dropped so it is not offered at every login). The draft's values and
 * the version typed against are put back. False when no move owns it.
 */
bool	 board_restore(struct ui *ui, struct board *b,
	    const struct kf_draft *d);

/*
 * For a source the core does not page (a ranked search, a short queue):
 * cuts the page dir/anchor asks for out of the whole list v of n rows
 * (owned; rows outside the page are cleared with clear_row), moving it to the
 * front of v. *out_n is its length. An anchor no longer in the list gives
 * the first page for KF_PAGE_FROM and nothing for AFTER and BEFORE.
 */
void	 board_slice(const struct board_class *cls, void *v, size_t n,
	    enum kf_page dir, const void *anchor, int limit, size_t *out_n);

/*
 * A screen's hooks when its view state (ui->state) begins with its board
 * (struct { struct board b; ... }): the one-line hooks F3, F4 and F6 once
 * each wrote for themselves. board_screen_act hands the board its
 * actions; a screen with keys of its own acts on those first and calls it
 * for the rest.
 */
unsigned board_screen_act(struct ui *ui, enum command act, int arg);
unsigned board_screen_key(struct ui *ui, struct key k);
unsigned board_screen_tick(struct ui *ui);
void	 board_screen_restore(struct ui *ui, const struct kf_draft *d);
const struct binding *board_screen_keys(const struct ui *ui);

/* The screens' boards (their tables are held to the core's by a test). */
extern const struct board_class dispatch_board, complaints_board,
    callbacks_board;

#endif
