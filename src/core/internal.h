/*
 * internal.h — what the core's modules share and nobody else sees.
 *
 * The SQLite wrapper (statement cache, named binds, transactions), the
 * versioned-update engine and the audit writer. The CLI and the TUI never
 * include this; unit tests may.
 */
#ifndef KEFU_INTERNAL_H
#define KEFU_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "kefu/core.h"
#include "kefu/err.h"
#include "kefu/perm.h"
#include "kefu/util.h"

#define KF_APPLICATION_ID	0x4b454655	/* "KEFU" in the database header */

struct kf_stmt_slot {
	const char	*sql;		/* a static string: the cache key is its address */
	sqlite3_stmt	*stmt;
};

/*
 * The prepared statements of a session: an open-addressing hash table
 * keyed by the address of the static SQL text, grown (doubled) before it
 * is three quarters full, so it has no fixed capacity and a lookup is one
 * or two probes whatever the number of statements.
 */
struct kf_stmt_cache {
	struct kf_stmt_slot	*slots;		/* cap entries; sql NULL = free */
	size_t			 cap;		/* 0 or a power of two */
	size_t			 n;
};

struct kf_room;
struct kf_room_slot;

struct kf_core {
	sqlite3			*db;
	char			*path;
	struct kf_clock		 clock;
	int			 busy_timeout_ms;
	int64_t		 busy_started_us;
	int			 schema_at_open;

	int64_t			 actor_id;
	char			 actor_login[64];
	unsigned		 actor_roles;
	bool			 system;	/* acting as the system (kefu init) */

	int			 tx_depth;
	int64_t			 max_lock_wait_ms;
	int64_t			 busy_waited_us; /* by the last BEGIN/COMMIT */
	int64_t			 busy_origin_us; /* kf_core_busy_retry; 0: none */
	const char		*busy_what;	/* a literal: the last busy_err's */
	char			 tx_what[80];	/* kf_core_doing: shown to waiters */
	struct kf_room		*room;		/* db.c: the waiting room */
	struct kf_room_slot	*me;		/* this session's place in it */
	int64_t			 room_tried_us;	/* last failed room_map */
	uint32_t		 wake_seen;	/* me->wake before the last try */
	int64_t			 turn_started_us; /* this run of writes */
	int			 turn_writes;
	int64_t			 last_release_us;
	int64_t			 called_at_us;	/* last called a successor */
	bool			 in_begin;	/* kf_tx_begin is trying */
	bool			 waited;	/* this BEGIN had to wait */
	bool			 defer_next;	/* handed the lock on: queue */

	struct kf_stmt_cache	 stmts;
	sqlite3_stmt		*unprepared;	/* see kf_sql; NULL until needed */
	char			 unprepared_why[256];
	bool			 tx_unprepared;	/* kf_sql failed in this transaction */
};

/*
 * Statements. kf_sql returns the cached prepared statement for a static
 * SQL string, reset and with bindings cleared; the caller steps it and
 * must call kf_sql_done (reset) before the next kf_sql of the same text.
 * The statement belongs to the cache (finalized by kf_core_close); sql
 * must outlive the session (a static string: its address is the key).
 * A bind to a name the statement does not have is a bug: it aborts.
 *
 * kf_sql never returns NULL and never ends the session. When sql cannot
 * be prepared (a schema that is not ours, out of memory inside SQLite) it
 * returns a stand-in statement whose every step fails with SQLITE_ERROR
 * and the message "cannot prepare a statement: <why>", which the callers'
 * usual step-error paths turn into KF_DBERR (kf_db_err); binds to it are
 * ignored. Nothing is cached then, so the next call tries again. A
 * transaction in which this happened cannot commit: kf_tx_end rolls it
 * back and returns KF_DBERR even when the caller went on as if the step
 * had found no row. (tests/unit/test_sql_all.c prepares every statement of
 * the core against a fresh database, so a typo never gets this far.)
 */
sqlite3_stmt	*kf_sql(struct kf_core *k, const char *sql);
void		 kf_sql_done(sqlite3_stmt *st);
void		 kf_bind_int(sqlite3_stmt *st, const char *name, int64_t v);
void		 kf_bind_text(sqlite3_stmt *st, const char *name, const char *v);
void		 kf_bind_blob(sqlite3_stmt *st, const char *name, const void *v, int n);
void		 kf_bind_null(sqlite3_stmt *st, const char *name);
/* Copies column i as a new string (NULL stays NULL). */
char		*kf_col_strdup(sqlite3_stmt *st, int i);
/* Copies column i into buf (truncating at a character boundary). */
void		 kf_col_copy(sqlite3_stmt *st, int i, char *buf, size_t n);

/* Marks a message for translation where it is not a kf_err_set format. */
#define N_(s)	(s)

/*
 * Sets err to rc with the fixed message msg (marked N_, translated here)
 * about input field; returns rc.
 */
enum kf_rc	 kf_err_about(struct kf_err *err, enum kf_rc rc,
		     const char *field, const char *msg);

/*
 * Turns a SQLite result code into a kf_rc with a message naming what failed.
 * For SQLITE_BUSY: KF_BUSY, saying how long this session really waited and
 * who holds the database (db.c's waiting room). what must be a string
 * literal: kf_core_busy_retry may reuse it later.
 */
enum kf_rc	 kf_db_err(struct kf_core *k, int src, const char *what,
		     struct kf_err *err);

/*
 * The one rule for a text field a person typed (check.c): valid UTF-8
 * ("invalid UTF-8"), nothing kf_text_clean refuses ("field F has control
 * characters"), not blank when required ("field F is empty"), at most max
 * characters ("field F is longer than N characters"). KF_OK, or KF_INVALID
 * with that message and err's field set to field. NULL counts as "".
 */
enum kf_rc	 kf_check_text(const char *s, const char *field, size_t max,
		     bool required, struct kf_err *err);

/*
 * The one rule for a phone number (check.c): *s (NULL becomes "") is
 * replaced by its stored form (kf_phone_normal; the old string is freed,
 * the new one malloc'd) when it has 5 to 20 digits; "" stays "" (no
 * number; whether one is required is the record's rule). Otherwise
 * KF_INVALID naming field, and *s is left as it was.
 */
enum kf_rc	 kf_check_phone(char **s, const char *field,
		     struct kf_err *err);

/*
 * Sets the session's page cache (PRAGMA cache_size: pages, or KiB when
 * negative) for a bulk job that touches pages all over the file; returns
 * the value it had, to give back afterwards.
 */
int		 kf_cache_swap(struct kf_core *k, int cache_size);

/* Runs one statement with no result rows (no binds). */
enum kf_rc	 kf_exec(struct kf_core *k, const char *sql, struct kf_err *err);

/*
 * Transactions. kf_tx_begin starts BEGIN IMMEDIATE, waiting for the write
 * lock at most busy_timeout_ms (wall clock) in line behind earlier waiters
 * (fair under contention, unlike SQLite's default handler; db.c's design
 * note), then KF_BUSY with the time really waited. Nested calls
 * join the open transaction. kf_tx_end commits when rc is KF_OK (and the
 * outermost level ends), else rolls back; it returns rc, or the commit's
 * failure.
 */
#define kf_tx_begin(k, err)	kf_tx_begin_at((k), __FILE__, __LINE__, (err))
/* (file and line name the caller in a debugger's backtrace.) */
enum kf_rc	 kf_tx_begin_at(struct kf_core *k, const char *file, int line,
		     struct kf_err *err);
enum kf_rc	 kf_tx_end(struct kf_core *k, enum kf_rc rc, struct kf_err *err);


/* Inside a transaction: 0 when not. */
int		 kf_tx_depth(const struct kf_core *k);

/*
 * Versioned records. An entity describes, for one table, how to read its
 * version and each editable field and how to set them; every SQL string is
 * static. kf_rec_update applies changes the caller made to a row it read at
 * seen_version:
 *   - row at seen_version: apply;
 *   - row moved on, but the audit trail shows later changes touched other
 *     fields only: apply (merge), both edits win;
 *   - a later change touched one of these fields (to a different value):
 *     KF_CONFLICT naming who, when, theirs and yours; nothing changed.
 * The version is bumped once and one audit row written. Must run inside a
 * transaction. seen_version -1 means "current" (no conflict check).
 */
enum kf_vtype { KF_V_NULL, KF_V_INT, KF_V_TEXT };

struct kf_value {
	enum kf_vtype	 type;
	int64_t		 i;
	const char	*s;
};

struct kf_field {
	const char	*name;
	const char	*sql_get;	/* SELECT <field> FROM t WHERE id = :id */
	const char	*sql_set;	/* UPDATE t SET <field> = :v WHERE id = :id */
	bool		 secret;	/* audited as "(changed)", never the value */
};

struct kf_entity {
	const char		*name;		/* "staff" */
	const char		*sql_version;	/* SELECT version FROM t WHERE id = :id */
	const char		*sql_bump;	/* UPDATE t SET version = :v WHERE id = :id */
	const struct kf_field	*fields;
	int			 nfields;
};

struct kf_change {
	const char	*field;
	struct kf_value	 v;
};

enum kf_rc	 kf_rec_update(struct kf_core *k, const struct kf_entity *e,
		     int64_t id, int64_t seen_version, const char *action,
		     const struct kf_change *ch, int nch, int64_t *new_version,
		     struct kf_err *err);

/*
 * Whether at is further back than the duration policy key allows before
 * now (R1, R6, R9: how far a contact or an order may be back-dated). At the
 * bound exactly is in time. When *late, lim and when hold the limit and
 * the time written out for the caller's own message.
 */
enum kf_rc	 kf_policy_backdated(struct kf_core *k, const char *key,
		     int64_t at, bool *late, char lim[32], char when[32],
		     struct kf_err *err);

/*
 * Whether a time (µs, CLOCK_MONOTONIC) read from the waiting room was set
 * less than win ago: not one ahead of now beyond a moment's skew, as one
 * left from before a reboot or garbage is (db.c).
 */
bool		 kf_room_fresh(int64_t at, int64_t now, int64_t win);

/*
 * Appends the trail's form of a secret (a password hash) to b as a JSON
 * value: "blake2b:" and the hex BLAKE2b-256 of s, or null for NULL. It
 * says whether a stored secret is the one the trail recorded without
 * telling anything about it.
 */
void		 kf_audit_secret(struct kf_buf *b, const char *s);
/* The same digest as a C string: "blake2b:" and 64 hex digits. */
#define KF_AUDIT_DIGEST_LEN	(8 + 64 + 1)
void		 kf_audit_digest(const char *s, char out[KF_AUDIT_DIGEST_LEN]);

/*
 * Appends an audit row for a change to entity/id at version (inside the
 * caller's transaction). before/after are JSON objects (before may be
 * NULL). Extends the hash chain and audit_head.
 */
enum kf_rc	 kf_audit_append(struct kf_core *k, const char *action,
		     const char *entity, int64_t id, int64_t version,
		     const char *before, const char *after, struct kf_err *err);

/*
 * Applies every pending migration of k in one transaction: on any failure
 * (KF_DBERR naming the migration, KF_BUSY) nothing of any of them is
 * kept. kf_core_open applies them one transaction each instead.
 */
enum kf_rc	 kf_migrate_all(struct kf_core *k, struct kf_err *err);

/*
 * Copies the database of connection from into a new file path with
 * SQLite's backup API in one step (a read snapshot: writers go on). path
 * is created exclusively, mode 0600 (kf_file_private): an existing path
 * is refused (KF_INVALID, "... exists"). On failure (KF_DBERR) nothing
 * is left at path. Checks nothing: the callers do.
 */
enum kf_rc	 kf_copy_db(sqlite3 *from, const char *path, struct kf_err *err);

/* The hash of an audit row's fields, as stored (32 bytes into out). */
void		 kf_audit_hash(const unsigned char prev[32], int64_t id,
		     int64_t at, int64_t actor_id, const char *actor,
		     const char *action, const char *entity, int64_t entity_id,
		     int64_t version, const char *before, const char *after,
		     unsigned char out[32]);

/*
 * Keyset paging (page.c; enum kf_page in core.h) for a list ordered by
 * (key, id), ascending or (desc) descending. On entry *key and *id are
 * the anchor's (ignored without one); on return, the bound the page's
 * query reads past. Returns true when the page is read against the
 * list's order (BEFORE, LAST): its rows are then reversed with
 * kf_page_reverse (n elements of size bytes, in place).
 */
bool		 kf_page_bound(enum kf_page dir, bool have_anchor, bool desc,
		     int64_t *key, int64_t *id);
void		 kf_page_reverse(void *v, size_t n, size_t size);

/*
 * Fails with KF_DENIED when the session has no actor (a disabled account
 * is caught by kf_tx_begin, inside the write transaction).
 */
enum kf_rc	 kf_need_actor(const struct kf_core *k, struct kf_err *err);

/*
 * Inside the caller's transaction: the caller of contact id is called
 * back about work order order_id, closed or cancelled (contact.c; R41):
 * a callback task due at due, every time; the contact's callback_due_at
 * is set to due (audited as action) only when it had none, so no
 * deadline promised is overwritten.
 */
enum kf_rc	 kf_contact_callback_tx(struct kf_core *k, int64_t id,
		     int64_t order_id, int64_t due, const char *action,
		     struct kf_err *err);

/*
 * Callbacks (callback.c; callback.h "Where tasks come from"). Inside the
 * caller's transaction: a new open task from t's reason, source ids
 * (complaint_id, contact_id, order_id, survey_id, parent_id,
 * sample_month), customer_id, name, phone, subject, due_at and owner_id
 * (0: the pool); created_at and created_by (the actor, 0 without one)
 * are set here. Audited "callback.new". *id may be NULL. Every source
 * of tasks calls it and nothing else writes a task.
 */
struct kf_callback;
enum kf_rc	 kf_callback_task_tx(struct kf_core *k,
		     const struct kf_callback *t, int64_t *id,
		     struct kf_err *err);
/*
 * Inside the caller's transaction: task id, open, is done by open letter
 * letter_id (R46; the state table's letter move: method letter, done now
 * by the actor). KF_REFUSED naming the state when it is not open.
 */
enum kf_rc	 kf_callback_letter_done_tx(struct kf_core *k, int64_t id,
		     int64_t letter_id, struct kf_err *err);
/*
 * kf_callback_record with the complaint's seen version for a complaint's
 * task (its R30 move is made with it; -1: current): kf_complaint_callback
 * records the complaint's callback through its open task this way. With
 * said_optional, r->said may be "": the complaint's callback asks for a
 * note only below satisfied (R30), and nothing is put in its place (M1:
 * a face shows the score; no label is ever stored as data).
 */
struct kf_callback_record;
enum kf_rc	 kf_callback_record_tx(struct kf_core *k, int64_t id,
		     int64_t seen, const struct kf_callback_record *r,
		     int64_t complaint_seen, bool said_optional,
		     int64_t *new_id, struct kf_err *err);
/* Inside the caller's transaction: complaint's open task (reason
 * complaint) into *id, 0 when none. */
enum kf_rc	 kf_callback_of_complaint_tx(struct kf_core *k,
		     int64_t complaint, int64_t *id, struct kf_err *err);
/* Inside the caller's transaction: complaint's open tasks cancelled
 * (audited "callback.cancel", with reason): it was withdrawn or
 * reopened, so the callback it called for is no longer due. */
enum kf_rc	 kf_callback_cancel_complaint_tx(struct kf_core *k,
		     int64_t complaint, const char *reason,
		     struct kf_err *err);
/*
 * Inside the caller's transaction (complaint.c): the complaint's own
 * callback move (R30), run by its state table with seen (-1: current);
 * only callback.c's record of its task calls it.
 */
enum kf_rc	 kf_complaint_called_back_tx(struct kf_core *k, int64_t id,
		     int64_t seen, int method, int score, const char *note,
		     struct kf_err *err);

/*
 * Whether customer_id is the customer of an open work order dispatched to
 * the session's actor (order.c; R54: a technician reads the customers of
 * his own jobs). No permission check.
 */
bool		 kf_order_customer_is_his(struct kf_core *k, int64_t customer_id);

/*
 * The display name of staff id, or of the account login, into buf (n
 * bytes), for a message that names who (a lost race); the number or the
 * login itself when there is no such account (staff.c).
 */
void		 kf_staff_name(struct kf_core *k, int64_t id, char *buf,
		     size_t n);
void		 kf_staff_login_name(struct kf_core *k, const char *login,
		     char *buf, size_t n);

/* A paid-service item by code, without a permission check (fee.c). */
struct kf_fee;
enum kf_rc	 kf_fee_load(struct kf_core *k, const char *code,
		     struct kf_fee *f, struct kf_err *err);

/*
 * Billed periods (rate.c, R15). Inside the caller's transaction: marks
 * period "YYYY-MM" as issued for every community, so that from then on
 * no rate version is back-dated over it and none of its readings is
 * entered or corrected (KF_REFUSED naming R15). The notice run (bill.c)
 * does not call it: its bill_run row locks the period for its own
 * community only (kf_bill_period_after_in). Marking
 * a period marked already does nothing (KF_OK); the first mark is
 * audited as "bill_period.mark" (table bill_period). No permission check:
 * the caller made its own. KF_INVALID for a bad period.
 */
enum kf_rc	 kf_bill_period_mark_tx(struct kf_core *k, const char *period,
		     struct kf_err *err);

/*
 * Whether a billed period is at or after period (rate.c): the test
 * behind R15's refusals. *which receives the latest billed period.
 * kf_bill_period_after asks about any community; _in about community's
 * own runs (and marks for every community), NULL meaning any (R15: the
 * lock is per community; a rate for every community is locked by any
 * community's run).
 */
enum kf_rc	 kf_bill_period_after(struct kf_core *k, const char *period,
		     bool *billed, char which[8], struct kf_err *err);
enum kf_rc	 kf_bill_period_after_in(struct kf_core *k, const char *period,
		     const char *community, bool *billed, char which[8],
		     struct kf_err *err);

/*
 * kf_rate_in_force without the permission check or the period's parse
 * (rate.c; charge.c's use).
 */
struct kf_rate;
enum kf_rc	 kf_rate_force_tx(struct kf_core *k, int kind,
		     const char *community, const char *period,
		     struct kf_rate *r, struct kf_err *err);

/*
 * meter.c's reads without permission checks (for kf_meter_links and
 * charge.c): a shared meter's active links by customer id (malloc'd), a
 * customer's floor area row (*rid 0 when none), a meter's reading for a
 * period (KF_NOTFOUND, no message, when none).
 */
struct kf_meter_link;
struct kf_reading;
enum kf_rc	 kf_meter_links_tx(struct kf_core *k, int64_t meter_id,
		     struct kf_meter_link **out, size_t *n, struct kf_err *err);
enum kf_rc	 kf_area_tx(struct kf_core *k, int64_t customer_id,
		     int64_t *rid, int64_t *dm2, int64_t *version,
		     struct kf_err *err);
enum kf_rc	 kf_reading_tx(struct kf_core *k, int64_t meter_id,
		     const char *period, struct kf_reading *r,
		     struct kf_err *err);

/*
 * The state-table engine (fsm.c). Every record with a lifecycle (the work
 * order; next the complaint, the callback, the bill) gives one const
 * struct kf_fsm: its states and its moves. The engine makes the checks
 * every move shares and words the refusals alike; the record keeps only
 * what is its own (who "the assigned technician" is, a guard, the move's
 * input and the fields it changes).
 *
 *   struct kf_fsm ── one per record type, static const in its module
 *   │ noun         N_("work order")
 *   │ nstates      8, numbered in lifecycle order
 *   │ state_label  s → N_("dispatched")
 *   │ state_why    [s] → N_("it was cancelled; … (R9)"), or NULL
 *   │ sealed       ST(CANCELLED): its why beats every move's own words
 *   │ who()        (k, rec, kind): is the actor the one? (kind ≠ BY_ROLE)
 *   │ moves[] ─┬─ action "order.arrive"     audit trail, never translated
 *   │          ├─ verb   N_("record the arrival")
 *   │          ├─ may    KF_ACT_ORDER_WORK   test 1
 *   │          ├─ who    BY_TECH_OR_PHONE    test 2, through who()
 *   │          ├─ from   ST(DISPATCHED)      test 3
 *   │          ├─ early  N_("a technician arrives once it is dispatched (R11)")
 *   │          ├─ late   N_("the arrival is recorded already (R2)")
 *   │          └─ guard  NULL                test 4
 *   └ entity, load(), clear(), state_of(), conflict()   kf_fsm_run only
 *
 *   which words refuse a move, by the state the record is in:
 *     state   0 ── 1 ── 2 ──[ 3 ── 4 ]── 5 ── 6 ── 7
 *     from                  └ allowed ┘
 *     why       early            │        late        (NULL: state_why[s])
 *     sealed: state_why[s], whatever the move's words
 *
 * A move is allowed when, in this order (the first that fails answers):
 *   1. the actor has the move's permission may (kf_may) — KF_DENIED;
 *   2. when who is not KF_FSM_BY_ROLE, the record's who(k, rec, who)
 *      says he is the one (the technician it is dispatched to) — KF_DENIED;
 *   3. the record's state is in from — else KF_REFUSED:
 *        "cannot <verb>: <noun> <id> is <state>; <why>"
 *      why is, for a state in sealed, state_why[state] whatever the move;
 *      otherwise the move's early words from a state numbered below the
 *      lowest of from, its late words from one above; where the move has
 *      none for that side, state_why[state];
 *   4. the move's guard, if any, says yes — its own refusal (KF_REFUSED).
 * Nothing is written by a check.
 *
 * Invariants (kf_fsm_valid proves them of a table; every record's table
 * is proved in tests/unit/test_fsm.c):
 *   I1. 1 <= nstates <= 32 (from is a bit mask, KF_FSM_ST(s)), and the
 *       states are numbered in lifecycle order (early/late follow it).
 *   I2. Every move has an action, a verb, a non-empty from within the
 *       states, and a who of 0 or a fsm with a who().
 *   I3. Every refusal names a reason: for every move and every state
 *       not in its from, step 3 finds non-NULL words. (Each names its
 *       rule, "(R11)"; the tests of each record check the wording.)
 * Strings (noun, verb, labels, reasons) are gettext msgids marked N_()
 * and translated when the message is made; action is the audit trail's
 * name and never translated. The tables are static const: the engine
 * owns nothing and allocates nothing.
 */
#define KF_FSM_ST(s)	(1u << (s))	/* a state in a from or sealed mask */
#define KF_FSM_BY_ROLE	0		/* who: the permission says it all */
#define KF_FSM_MAXCH	48		/* fields one move may change (a
					 * complaint's reopen and its clocks) */

struct kf_fsm_move {
	const char	*action;	/* audit action, "order.assign" */
	const char	*verb;		/* msgid: "cannot <verb>: …" */
	enum kf_action	 may;		/* the permission (test 1) */
	int		 who;		/* KF_FSM_BY_ROLE, or a kind for who() */
	unsigned	 from;		/* KF_FSM_ST(s) | …: where it leaves from */
	const char	*early, *late;	/* msgids naming the rule, or NULL */
	/* Test 4, NULL for none: what else must hold before any input is
	 * asked for; KF_OK or a refusal naming the rule. */
	enum kf_rc	(*guard)(struct kf_core *k, const void *rec,
			    struct kf_err *err);
};

struct kf_fsm {
	const char		 *noun;		/* msgid: "work order" */
	int			  nstates;
	const char		*(*state_label)(int state);	/* msgid */
	const char *const	 *state_why;	/* [nstates] msgids or NULL; may be NULL */
	unsigned		  sealed;	/* states whose why beats any move's */
	const struct kf_fsm_move *moves;
	int			  nmoves;
	/* Test 2 for a move whose who is not KF_FSM_BY_ROLE: KF_OK, or
	 * KF_DENIED naming the rule. NULL when every move is by role. */
	enum kf_rc	(*who)(struct kf_core *k, const void *rec, int who,
			    struct kf_err *err);

	/* What kf_fsm_run needs; NULL in a record that does not use it. */
	const struct kf_entity	 *entity;
	/* Reads record id into rec without a permission check; leaves rec
	 * fit for clear() even when it fails (KF_NOTFOUND naming it). */
	enum kf_rc	(*load)(struct kf_core *k, int64_t id, void *rec,
			    struct kf_err *err);
	void		(*clear)(void *rec);	/* frees what load allocated */
	int		(*state_of)(const void *rec);
	/* Optional: rewords a KF_CONFLICT (err->conflict says which field)
	 * inside the move's transaction; keeps err->rc. */
	void		(*conflict)(struct kf_core *k, int64_t id,
			    struct kf_err *err);
	/* Optional: a move refused by the state (test 3) on a record that
	 * moved on since the caller's seen version, by a change of this
	 * field, is a KF_CONFLICT naming who and when (passed through
	 * conflict), not a refusal: two supervisors signing off at once,
	 * the second is told who won. NULL: a refusal. */
	const char		 *stale_field;
};

/*
 * Whether the session's actor may make move (an index into fsm->moves)
 * on rec, whose state and id the caller gives: tests 1–4 above. KF_OK;
 * KF_DENIED or KF_REFUSED with the message above; KF_INVALID "unknown
 * move" for a move out of range; KF_DBERR for a state out of range (a
 * database that is not ours). Writes nothing; rec is only passed on to
 * who() and the guard.
 */
enum kf_rc	 kf_fsm_check(const struct kf_fsm *fsm, struct kf_core *k,
		     const void *rec, int state, int64_t id, int move,
		     struct kf_err *err);

/* The fields one move changes, built up by its function, written at once. */
struct kf_fsm_changes {
	struct kf_change ch[KF_FSM_MAXCH];
	int		 n;
};
/* Each adds one change (field and text are lent: they must outlive the
 * write); more than KF_FSM_MAXCH is a bug (assert). */
void		 kf_fsm_set_int(struct kf_fsm_changes *c, const char *field,
		     int64_t v);
void		 kf_fsm_set_null(struct kf_fsm_changes *c, const char *field);
void		 kf_fsm_set_text(struct kf_fsm_changes *c, const char *field,
		     const char *v);

/*
 * A move's own part: checks its input arg against the record (loaded
 * inside the transaction, after kf_fsm_check passed) and names the fields
 * it changes in c; may write other rows itself (an item, a callback) in
 * the same transaction. KF_OK, or a failure that rolls everything back.
 */
typedef enum kf_rc (*kf_fsm_fn)(struct kf_core *k, void *rec,
    struct kf_fsm_changes *c, const void *arg, struct kf_err *err);

/*
 * One user action on record id as one transaction (BEGIN IMMEDIATE):
 * load it into rec (the caller's storage for one record of the fsm's
 * type; cleared again before return, so the caller frees nothing),
 * kf_fsm_check, fn, then kf_rec_update of fsm->entity at seen_version
 * (-1: current) under the move's audit action: versioned, merged or
 * KF_CONFLICT (passed through fsm->conflict), one audit row. Commits iff
 * every step returned KF_OK; returns the first failure (nothing changed).
 * fn naming no change is its own to refuse (kf_rec_update writes then
 * only the version and the audit row).
 */
enum kf_rc	 kf_fsm_run(const struct kf_fsm *fsm, struct kf_core *k,
		     void *rec, int64_t id, int64_t seen_version, int move,
		     kf_fsm_fn fn, const void *arg, struct kf_err *err);

/*
 * Whether fsm keeps invariants I1–I3; when not, false and the first
 * break in why (n bytes, "move 3 from state 6: no reason"). For tests.
 */
bool		 kf_fsm_valid(const struct kf_fsm *fsm, char *why, size_t n);

/* The work order's table (order.c), for the engine's tests. */
extern const struct kf_fsm kf_order_fsm;
/* The complaint's table (complaint.c). */
extern const struct kf_fsm kf_complaint_fsm;
/* The callback's table (callback.c). */
extern const struct kf_fsm kf_callback_fsm;

/*
 * Whether field of entity/id was changed after version seen (> 0): fills
 * err->conflict (who, when, the value now) and returns KF_CONFLICT with
 * rec.c's words; KF_OK when not (rec.c).
 */
enum kf_rc	 kf_rec_moved(struct kf_core *k, const struct kf_entity *e,
		     int64_t id, int64_t seen, const char *field,
		     struct kf_err *err);

/*
 * One page of a list read into an array (rec.c): steps st for at most
 * limit (> 0) rows, each filled by row(st, slot) into a zeroed array of
 * limit elements of size bytes, then releases the statement. *out gets
 * the array (the caller frees it as the list's free does), *n the rows
 * read. On a database error the rows read are cleared with clear(slot),
 * the array freed, *out NULL, *n 0, and the error names what ("listing
 * work orders"). Every record list of the core reads its page this way.
 */
enum kf_rc	 kf_rows_read(struct kf_core *k, sqlite3_stmt *st, int limit,
		     size_t size, void (*row)(sqlite3_stmt *, void *),
		     void (*clear)(void *), const char *what, void **out,
		     size_t *n, struct kf_err *err);

/*
 * Ids per path a several-word search asks for when planning (customer.c,
 * 3,000). Tests lower it, so a few thousand customers reach every plan.
 */
extern int	 kf_search_probe;

#endif
