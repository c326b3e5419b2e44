/*
 * customer.c — the customer register and its search (see
 * include/kefu/customer.h).
 *
 * Design note: search. Every customer has four kinds of index rows, all
 * rewritten by index_rows() in the same transaction as any change:
 *   customer_fts    body = name, account, phones, address parts, one per
 *                   line (a query holds no newline, so no match spans two
 *                   fields), and the address parts joined (电力小区2号楼
 *                   3单元201, as people type it without spaces); FTS5
 *                   trigram: substrings of 3+ characters. The body is the
 *                   view customer_search (schema/014), not stored twice;
 *   customer_phone  one row per phone: exact and prefix lookups;
 *   customer_gram   the 1- and 2-character pieces of the name;
 *   customer_digits every run of seven digits of the body, as a number:
 *                   an account or phone number in a handful of rows.
 * A query of 3+ characters asks the FTS index (as one quoted phrase, so
 * nothing in it is syntax), or customer_digits when it holds seven digits
 * in a row, plus the exact account and phone lookups; a
 * shorter one asks the gram table and the prefix indexes of account,
 * phone, community, building and room. Each path returns at most CAND
 * rows, so the work is bounded whatever the table's size; the candidates
 * are scored in C (exact account and phone first, then names, then
 * addresses) and the best come back.
 *
 * A query of several words (电力小区 2号楼, 李 301) finds the customers
 * matching every word, planned from the word with the fewest candidates
 * (see "How a search is planned" below).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"
#include "kefu/customer.h"
#include "kefu/perm.h"

#define CAND	200	/* candidates per search path */

#define COLS "SELECT id, account, name, phones, community, building, unit, " \
    "room, address, kind, move_in, notes, status, created_at, version " \
    "FROM customer "
static const char SQL_BY_ID[] = COLS "WHERE id = :id";
static const char SQL_BY_ACCOUNT[] = COLS "WHERE account = :a";
static const char SQL_INSERT[] =
    "INSERT INTO customer (account, name, phones, community, building, unit, "
    "room, address, kind, move_in, notes, status, created_at) VALUES (:account, "
    ":name, :phones, :community, :building, :unit, :room, :address, :kind, "
    ":move_in, :notes, :status, :now)";
static const char SQL_ACCOUNT_TAKEN[] =
    "SELECT 1 FROM customer WHERE account = :a";
static const char SQL_NEXT_ID[] = "SELECT coalesce(max(id), 0) + 1 FROM customer";

/*
 * The search rows (schema/014). customer_fts reads its body from the view
 * customer_search (external content); the body is written here with
 * VALUES, as body() makes it (the same as the view: a test checks the
 * index against the view), because an INSERT ... SELECT opens a
 * statement savepoint, at which FTS5 flushes a segment of one row: adds
 * ran at half speed. The old rows go by their keys, from the row as it
 * was before the change.
 */
static const char SQL_FTS_DEL[] =
    "INSERT INTO customer_fts (customer_fts, rowid, body) "
    "VALUES ('delete', :id, :body)";
static const char SQL_FTS_ADD[] =
    "INSERT INTO customer_fts (rowid, body) VALUES (:id, :body)";
static const char SQL_PHONE_DEL[] =
    "DELETE FROM customer_phone WHERE phone = :p AND customer_id = :id";
static const char SQL_PHONE_ADD[] =
    "INSERT OR IGNORE INTO customer_phone (phone, customer_id) VALUES (:p, :id)";
static const char SQL_GRAM_DEL[] =
    "DELETE FROM customer_gram WHERE gram = :g AND customer_id = :id";
static const char SQL_GRAM_ADD[] =
    "INSERT OR IGNORE INTO customer_gram (gram, customer_id) VALUES (:g, :id)";
static const char SQL_DIGITS_DEL[] =
    "DELETE FROM customer_digits WHERE w = :w AND customer_id = :id";
static const char SQL_DIGITS_ADD[] =
    "INSERT OR IGNORE INTO customer_digits (w, customer_id) VALUES (:w, :id)";

/* Search paths; each returns customer ids. */
static const char SQL_Q_FTS[] =
    "SELECT rowid FROM customer_fts WHERE customer_fts MATCH :q LIMIT :n";
/*
 * Filters on a customer row (c: its alias and a dot, or "") by a short
 * word (p: :f or :g; its end p||hi; its phone digits p||d, NULL when
 * none): a piece of the name, or the start of community, building, room,
 * account or a phone, as its own paths find it. The second, :g, may be
 * NULL (no third word).
 */
#define SHORT_IS(c, p) "(instr(" c "name, " p ") > 0 OR " c "community >= " \
    p " AND " c "community < " p "hi OR " c "building >= " p " AND " c \
    "building < " p "hi OR " c "room >= " p " AND " c "room < " p "hi OR " \
    c "account >= " p " AND " c "account < " p "hi OR instr(',' || " c \
    "phones, ',' || " p "d) > 0) "
#define SHORT_FILTERS(c) "AND " SHORT_IS(c, ":f") "AND (:g IS NULL OR " \
    SHORT_IS(c, ":g") ") "

/*
 * The FTS words, filtered row by row by up to two short words (a surname,
 * an address part's start), so no cap falls before the short words'
 * filter: one customer row read per FTS row. The IN (subquery) this
 * replaces was built whole first: every customer named 王, at a million
 * 393 ms.
 */
static const char SQL_Q_FTS_SHORT[] =
    "SELECT c.id FROM customer_fts JOIN customer c ON "
    "c.id = customer_fts.rowid WHERE customer_fts MATCH :q "
    SHORT_FILTERS("c.") "LIMIT :n";
/*
 * A short word's paths, each filtered row by row by one or two other
 * short words: two short words that are both common (王 3号) read their
 * rows in index order until enough match.
 */
static const char SQL_QF_GRAM[] =
    "SELECT g.customer_id FROM customer_gram g JOIN customer c ON "
    "c.id = g.customer_id WHERE g.gram = :q " SHORT_FILTERS("c.")
    "LIMIT :n";
static const char SQL_QF_COMMUNITY[] =
    "SELECT id FROM customer WHERE community >= :q AND community < :hi "
    SHORT_FILTERS("") "LIMIT :n";
static const char SQL_QF_BUILDING[] =
    "SELECT id FROM customer WHERE building >= :q AND building < :hi "
    SHORT_FILTERS("") "LIMIT :n";
static const char SQL_QF_ROOM[] =
    "SELECT id FROM customer WHERE room >= :q AND room < :hi "
    SHORT_FILTERS("") "LIMIT :n";
static const char SQL_QF_ACCOUNT[] =
    "SELECT id FROM customer WHERE account >= :q AND account < :hi "
    SHORT_FILTERS("") "LIMIT :n";
static const char SQL_QF_PHONE[] =
    "SELECT p.customer_id FROM customer_phone p JOIN customer c ON "
    "c.id = p.customer_id WHERE p.phone >= :q AND p.phone < :hi "
    SHORT_FILTERS("c.") "LIMIT :n";
#undef SHORT_FILTERS
#undef SHORT_IS
static const char SQL_Q_DIGITS[] =
    "SELECT customer_id FROM customer_digits WHERE w = :w LIMIT :n";
static const char SQL_Q_GRAM[] =
    "SELECT customer_id FROM customer_gram WHERE gram = :q LIMIT :n";
static const char SQL_Q_ACCOUNT[] =
    "SELECT id FROM customer WHERE account >= :q AND account < :hi LIMIT :n";
static const char SQL_Q_PHONE[] =
    "SELECT customer_id FROM customer_phone WHERE phone >= :q AND phone < :hi "
    "LIMIT :n";
static const char SQL_Q_COMMUNITY[] =
    "SELECT id FROM customer WHERE community >= :q AND community < :hi "
    "LIMIT :n";
static const char SQL_Q_BUILDING[] =
    "SELECT id FROM customer WHERE building >= :q AND building < :hi LIMIT :n";
static const char SQL_Q_ROOM[] =
    "SELECT id FROM customer WHERE room >= :q AND room < :hi LIMIT :n";

/*
 * The register's list (kf_customer_list), by id, each page read in order
 * from the keyset anchor :aid: forwards ("> :aid", FROM is "> :aid - 1"),
 * backwards ("< :aid", reversed in C). One pair per filter shape, so the
 * planner sees a plain equality: the primary key alone, or
 * customer_by_community / customer_by_building, whose entries run in
 * rowid order within one value. A "(:c = '' OR community = :c)" would
 * hide the index and read the whole table.
 */
#define LIST(where) { \
    COLS "WHERE " where "(:status < 0 OR status = :status) " \
    "AND id > :aid ORDER BY id LIMIT :n", \
    COLS "WHERE " where "(:status < 0 OR status = :status) " \
    "AND id < :aid ORDER BY id DESC LIMIT :n" }
enum { FWD, BACK };
enum { BY_COMMUNITY = 1, BY_BUILDING = 2 };	/* bits: SQL_LIST's index */
static const char *const SQL_LIST[4][2] = {
	LIST(""),
	LIST("community = :community AND "),
	LIST("building = :building AND "),
	LIST("community = :community AND building = :building AND "),
};
#undef LIST

static const char SQL_VERSION[] = "SELECT version FROM customer WHERE id = :id";
static const char SQL_BUMP[] = "UPDATE customer SET version = :v WHERE id = :id";

#define FIELD(f) { #f, "SELECT " #f " FROM customer WHERE id = :id", \
    "UPDATE customer SET " #f " = :v WHERE id = :id", false }
static const struct kf_field customer_fields[] = {
	FIELD(account), FIELD(name), FIELD(phones), FIELD(community),
	FIELD(building), FIELD(unit), FIELD(room), FIELD(address), FIELD(kind),
	FIELD(move_in), FIELD(notes), FIELD(status),
};
#undef FIELD

static const struct kf_entity customer_entity = {
	"customer", SQL_VERSION, SQL_BUMP, customer_fields,
	(int)(sizeof(customer_fields) / sizeof(customer_fields[0])),
};

/* Above every valid UTF-8 string with the same prefix. */
#define TOP	"\xf4\x8f\xbf\xbf"

static const char *const kind_names[] = { "resident", "commercial", "other" };

const char *
kf_customer_kind_name(enum kf_customer_kind kind)
{
	return (unsigned)kind < 3 ? kind_names[kind] : "?";
}

enum kf_rc
kf_customer_kind_parse(const char *s, enum kf_customer_kind *kind,
    struct kf_err *err)
{
	int i;

	for (i = 0; i < 3; i++)
		if (s != NULL && strcmp(s, kind_names[i]) == 0) {
			*kind = (enum kf_customer_kind)i;
			return KF_OK;
		}
	kf_err_set(err, KF_INVALID, "unknown customer kind '%.20s' (resident, "
	    "commercial or other)", s ? s : "");
	kf_err_field(err, "kind");
	return KF_INVALID;
}

void
kf_customer_clear(struct kf_customer *c)
{
	int i;

	if (c == NULL)
		return;
	free(c->account);
	free(c->name);
	for (i = 0; i < KF_MAX_PHONES; i++)
		free(c->phones[i]);
	free(c->community);
	free(c->building);
	free(c->unit);
	free(c->room);
	free(c->address);
	free(c->move_in);
	free(c->notes);
	memset(c, 0, sizeof(*c));
}

/* ---- checking ---- */

char *
kf_customer_address(const struct kf_customer *c)
{
	const char *parts[] = { c->community, c->building, c->unit, c->room,
	    c->address };
	struct kf_buf b = { 0 };
	size_t i;
	char *s;

	kf_buf_puts(&b, "");
	for (i = 0; i < 5; i++) {
		if (parts[i] == NULL || kf_blank(parts[i]))
			continue;
		if (b.len > 0)
			kf_buf_puts(&b, " ");
		kf_buf_puts(&b, parts[i]);
	}
	s = xstrdup(kf_buf_str(&b));
	kf_buf_free(&b);
	return s;
}

/* Replaces *s with a trimmed copy (ASCII and ideographic spaces). */
static void
trim(char **s)
{
	char *p, *e, *t;

	if (*s == NULL)
		return;
	p = *s;
	for (;;) {
		if (*p == ' ')
			p++;
		else if (strncmp(p, "\xe3\x80\x80", 3) == 0)
			p += 3;
		else
			break;
	}
	e = p + strlen(p);
	for (;;) {
		if (e > p && e[-1] == ' ')
			e--;
		else if (e - p >= 3 && strncmp(e - 3, "\xe3\x80\x80", 3) == 0)
			e -= 3;
		else
			break;
	}
	t = xasprintf("%.*s", (int)(e - p), p);
	free(*s);
	*s = t;
}

/* A text field: "" when NULL, trimmed, then the core's text rule. */
static enum kf_rc
check_text(char **s, const char *field, size_t max, bool required,
    struct kf_err *err)
{
	if (*s == NULL)
		*s = xstrdup("");
	trim(s);
	return kf_check_text(*s, field, max, required, err);
}

static int
digits(const char *s, int n)
{
	int v = 0;

	while (n-- > 0)
		v = v * 10 + (*s++ - '0');
	return v;
}

static bool
valid_date(const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int y, m, d, i;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return false;
	y = digits(s, 4);	/* all digits: checked above */
	m = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return false;
	return !(m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) ||
	    y % 400 == 0));
}

enum kf_rc
kf_customer_check(struct kf_customer *c, struct kf_err *err)
{
	enum kf_rc rc;
	int i, j;
	const char *p;

	if (c->account != NULL && *c->account != '\0') {
		if (strlen(c->account) > 32)
			return kf_err_about(err, KF_INVALID, "account", N_("account number is longer "
			    "than 32 characters"));
		for (p = c->account; *p; p++)
			if (!isalnum((unsigned char)*p) && *p != '-')
				return kf_err_about(err, KF_INVALID, "account", N_("account number may "
				    "only hold letters, digits and dashes"));
	}
	if ((rc = check_text(&c->name, "name", 64, true, err)) != KF_OK ||
	    (rc = check_text(&c->community, "community", 64, false, err)) !=
	    KF_OK ||
	    (rc = check_text(&c->building, "building", 32, false, err)) != KF_OK ||
	    (rc = check_text(&c->unit, "unit", 32, false, err)) != KF_OK ||
	    (rc = check_text(&c->room, "room", 32, false, err)) != KF_OK ||
	    (rc = check_text(&c->notes, "notes", 2000, false, err)) != KF_OK)
		return rc;
	if (c->address != NULL && *c->address != '\0' && kf_blank(c->address))
		return kf_err_about(err, KF_INVALID, "address", N_("address is only spaces"));
	if ((rc = check_text(&c->address, "address", 200, false, err)) != KF_OK)
		return rc;
	for (i = 0; i < KF_MAX_PHONES && c->phones[i] != NULL; i++) {
		if (kf_blank(c->phones[i])) {
			/* An empty phone slot: drop it, close the gap. */
			free(c->phones[i]);
			for (j = i; j + 1 < KF_MAX_PHONES; j++)
				c->phones[j] = c->phones[j + 1];
			c->phones[KF_MAX_PHONES - 1] = NULL;
			i--;
			continue;
		}
		if ((rc = kf_check_phone(&c->phones[i], "phones", err)) != KF_OK)
			return rc;
	}
	if ((unsigned)c->kind > KF_CUST_OTHER)
		return kf_err_about(err, KF_INVALID, "kind", N_("unknown customer kind"));
	if ((unsigned)c->status > KF_CUST_MOVED_OUT)
		return kf_err_about(err, KF_INVALID, "status", N_("unknown customer status"));
	if (c->move_in != NULL && *c->move_in == '\0') {
		free(c->move_in);
		c->move_in = NULL;
	}
	if (c->move_in != NULL && !valid_date(c->move_in)) {
		kf_err_set(err, KF_INVALID, "move-in date '%.20s' is not a date "
		    "(YYYY-MM-DD)", c->move_in);
		kf_err_field(err, "move_in");
		return KF_INVALID;
	}
	return KF_OK;
}

/* ---- storage ---- */

static char *
join_phones(const struct kf_customer *c)
{
	struct kf_buf b = { 0 };
	int i;

	kf_buf_puts(&b, "");
	for (i = 0; i < KF_MAX_PHONES && c->phones[i] != NULL; i++) {
		if (i)
			kf_buf_puts(&b, ",");
		kf_buf_puts(&b, c->phones[i]);
	}
	return b.s;
}

static void
split_phones(const char *s, struct kf_customer *c)
{
	const char *p = s ? s : "", *comma;
	int i = 0;

	while (*p && i < KF_MAX_PHONES) {
		comma = strchr(p, ',');
		c->phones[i++] = comma ? xasprintf("%.*s", (int)(comma - p), p) :
		    xstrdup(p);
		if (comma == NULL)
			break;
		p = comma + 1;
	}
}

static void
row_to_customer(sqlite3_stmt *st, struct kf_customer *c)
{
	memset(c, 0, sizeof(*c));
	c->id = sqlite3_column_int64(st, 0);
	c->account = kf_col_strdup(st, 1);
	c->name = kf_col_strdup(st, 2);
	split_phones((const char *)sqlite3_column_text(st, 3), c);
	c->community = kf_col_strdup(st, 4);
	c->building = kf_col_strdup(st, 5);
	c->unit = kf_col_strdup(st, 6);
	c->room = kf_col_strdup(st, 7);
	c->address = kf_col_strdup(st, 8);
	c->kind = (enum kf_customer_kind)sqlite3_column_int(st, 9);
	c->move_in = kf_col_strdup(st, 10);
	c->notes = kf_col_strdup(st, 11);
	c->status = (enum kf_customer_status)sqlite3_column_int(st, 12);
	c->created_at = sqlite3_column_int64(st, 13);
	c->version = sqlite3_column_int64(st, 14);
}

static enum kf_rc
load(struct kf_core *k, const char *sql, int64_t id, const char *account,
    struct kf_customer *c, struct kf_err *err)
{
	sqlite3_stmt *st = kf_sql(k, sql);
	enum kf_rc rc = KF_OK;
	int src;

	memset(c, 0, sizeof(*c));
	if (account != NULL)
		kf_bind_text(st, ":a", account);
	else
		kf_bind_int(st, ":id", id);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		row_to_customer(st, c);
	else if (src == SQLITE_DONE)
		rc = account ? kf_err_set(err, KF_NOTFOUND, "no customer with "
		    "account number %.32s", account) : kf_err_set(err,
		    KF_NOTFOUND, "no customer %lld", (long long)id);
	else
		rc = kf_db_err(k, src, "reading a customer", err);
	kf_sql_done(st);
	return rc;
}

static int
step_done(struct kf_core *k, const char *sql, int64_t id, const char *name,
    const char *text)
{
	sqlite3_stmt *st = kf_sql(k, sql);
	int src;

	kf_bind_int(st, ":id", id);
	if (name != NULL)
		kf_bind_text(st, name, text);
	src = sqlite3_step(st);
	kf_sql_done(st);
	return src;
}

/* Length in bytes of the UTF-8 character at s (s[0] != '\0'). */
static int
clen(const char *s)
{
	unsigned cp;

	return (int)kf_utf8_decode(s, &cp, NULL);
}

/* Steps sql (:id, :g) once for each one- and two-character piece of name. */
static int
grams(struct kf_core *k, const char *sql, int64_t id, const char *name)
{
	const char *p;
	char gram[16];
	int a, b, src = SQLITE_DONE;

	for (p = name; *p != '\0'; p += a) {
		a = clen(p);
		snprintf(gram, sizeof(gram), "%.*s", a, p);
		if ((src = step_done(k, sql, id, ":g", gram)) != SQLITE_DONE ||
		    p[a] == '\0')
			break;
		b = clen(p + a);
		snprintf(gram, sizeof(gram), "%.*s", a + b, p);
		if ((src = step_done(k, sql, id, ":g", gram)) != SQLITE_DONE)
			break;
	}
	return src;
}

#define SEVEN	7	/* digits in a customer_digits window (schema/014) */

/*
 * The last run of SEVEN digits in s (as a number) into *w; false when
 * there is none. With last false, steps sql (:w, :id) for every run
 * instead and returns whether all went well (*w: the SQLite code).
 */
static bool
seven(struct kf_core *k, const char *s, const char *sql, int64_t id,
    int64_t *w)
{
	const char *p;
	sqlite3_stmt *st;
	bool found = false;
	int run = 0, i, src;

	for (p = s; *p != '\0'; p++) {
		run = isdigit((unsigned char)*p) ? run + 1 : 0;
		if (run < SEVEN)
			continue;
		for (i = SEVEN - 1, *w = 0; i >= 0; i--)
			*w = *w * 10 + (p[-i] - '0');
		found = true;
		if (sql == NULL)
			continue;
		st = kf_sql(k, sql);
		kf_bind_int(st, ":w", *w);
		kf_bind_int(st, ":id", id);
		src = sqlite3_step(st);
		kf_sql_done(st);
		if (src != SQLITE_DONE) {
			*w = src;
			return false;
		}
	}
	if (sql != NULL) {
		*w = SQLITE_DONE;
		return true;
	}
	return found;
}

/* c's search body, as the view customer_search makes it (schema/014). */
static char *
body(const struct kf_customer *c)
{
	struct kf_buf b = { 0 };
	char *s;
	int i;

	kf_buf_printf(&b, "%s\n%s", c->name, c->account);
	for (i = 0; i < KF_MAX_PHONES && c->phones[i] != NULL; i++)
		kf_buf_printf(&b, "\n%s", c->phones[i]);
	kf_buf_printf(&b, "\n%s\n%s\n%s\n%s\n%s\n%s%s%s%s", c->community,
	    c->building, c->unit, c->room, c->address, c->community,
	    c->building, c->unit, c->room);
	s = xstrdup(kf_buf_str(&b));
	kf_buf_free(&b);
	return s;
}

/*
 * Writes (add) or removes the search rows of customer c, whose row is
 * stored (inside the transaction). Removing runs before the row changes,
 * with c as stored then: the FTS delete reads the old body through the
 * view, and the other rows are found by their keys (schema/014 dropped
 * the indexes by customer id to save 100 bytes a customer).
 */
static enum kf_rc
index_rows(struct kf_core *k, int64_t id, const struct kf_customer *c,
    bool add, struct kf_err *err)
{
	char *text = body(c);
	int64_t dsrc;
	int i, src;

	src = step_done(k, add ? SQL_FTS_ADD : SQL_FTS_DEL, id, ":body", text);
	if (src == SQLITE_DONE) {
		seven(k, text, add ? SQL_DIGITS_ADD : SQL_DIGITS_DEL, id, &dsrc);
		src = (int)dsrc;
	}
	free(text);
	if (src != SQLITE_DONE)
		goto fail;
	for (i = 0; i < KF_MAX_PHONES && c->phones[i] != NULL; i++)
		if ((src = step_done(k, add ? SQL_PHONE_ADD : SQL_PHONE_DEL,
		    id, ":p", c->phones[i])) != SQLITE_DONE)
			goto fail;
	if ((src = grams(k, add ? SQL_GRAM_ADD : SQL_GRAM_DEL, id,
	    c->name)) != SQLITE_DONE)
		goto fail;
	return KF_OK;
fail:
	return kf_db_err(k, src, "indexing a customer", err);
}

static void
bind_fields(sqlite3_stmt *st, const struct kf_customer *c, const char *phones)
{
	kf_bind_text(st, ":account", c->account);
	kf_bind_text(st, ":name", c->name);
	kf_bind_text(st, ":phones", phones);
	kf_bind_text(st, ":community", c->community);
	kf_bind_text(st, ":building", c->building);
	kf_bind_text(st, ":unit", c->unit);
	kf_bind_text(st, ":room", c->room);
	kf_bind_text(st, ":address", c->address);
	kf_bind_int(st, ":kind", c->kind);
	kf_bind_text(st, ":move_in", c->move_in);
	kf_bind_text(st, ":notes", c->notes);
	kf_bind_int(st, ":status", c->status);
}

/* Appends c as a JSON object of its fields (for the audit trail). */
static void
json_customer(struct kf_buf *b, const struct kf_customer *c, const char *phones)
{
	kf_buf_puts(b, "{\"account\":");
	kf_buf_json_str(b, c->account);
	kf_buf_puts(b, ",\"name\":");
	kf_buf_json_str(b, c->name);
	kf_buf_puts(b, ",\"phones\":");
	kf_buf_json_str(b, phones);
	kf_buf_puts(b, ",\"community\":");
	kf_buf_json_str(b, c->community);
	kf_buf_puts(b, ",\"building\":");
	kf_buf_json_str(b, c->building);
	kf_buf_puts(b, ",\"unit\":");
	kf_buf_json_str(b, c->unit);
	kf_buf_puts(b, ",\"room\":");
	kf_buf_json_str(b, c->room);
	kf_buf_puts(b, ",\"address\":");
	kf_buf_json_str(b, c->address);
	kf_buf_printf(b, ",\"kind\":%d,\"move_in\":", (int)c->kind);
	kf_buf_json_str(b, c->move_in);
	kf_buf_puts(b, ",\"notes\":");
	kf_buf_json_str(b, c->notes);
	kf_buf_printf(b, ",\"status\":%d}", (int)c->status);
}

/* Adds c inside the caller's transaction (checked already). */
static enum kf_rc
add_one(struct kf_core *k, struct kf_customer *c, int64_t *id,
    struct kf_err *err)
{
	struct kf_buf after = { 0 };
	sqlite3_stmt *st;
	char *phones = NULL;
	int64_t next = 0, newid;
	enum kf_rc rc;
	int src;

	if (c->account == NULL || *c->account == '\0') {
		/* K + 8 digits from the next id; skip numbers people used. */
		st = kf_sql(k, SQL_NEXT_ID);
		if (sqlite3_step(st) == SQLITE_ROW)
			next = sqlite3_column_int64(st, 0);
		kf_sql_done(st);
		for (;; next++) {
			free(c->account);
			c->account = xasprintf("K%08lld", (long long)next);
			st = kf_sql(k, SQL_ACCOUNT_TAKEN);
			kf_bind_text(st, ":a", c->account);
			src = sqlite3_step(st);
			kf_sql_done(st);
			if (src == SQLITE_DONE)
				break;
		}
	}
	phones = join_phones(c);
	st = kf_sql(k, SQL_INSERT);
	bind_fields(st, c, phones);
	kf_bind_int(st, ":now", kf_core_now(k));
	src = sqlite3_step(st);
	kf_sql_done(st);
	if (src == SQLITE_CONSTRAINT_UNIQUE) {
		rc = kf_err_set(err, KF_CONFLICT, "account number %s is taken",
		    c->account);
		kf_err_field(err, "account");
		goto out;
	}
	if (src != SQLITE_DONE) {
		rc = kf_db_err(k, src, "adding a customer", err);
		goto out;
	}
	newid = sqlite3_last_insert_rowid(k->db);
	if ((rc = index_rows(k, newid, c, true, err)) != KF_OK)
		goto out;
	json_customer(&after, c, phones);
	rc = kf_audit_append(k, "customer.add", "customer", newid, 1, NULL,
	    kf_buf_str(&after), err);
	if (rc == KF_OK && id != NULL)
		*id = newid;
out:
	free(phones);
	kf_buf_free(&after);
	return rc;
}

enum kf_rc
kf_customer_add(struct kf_core *k, struct kf_customer *c, int64_t *id,
    struct kf_err *err)
{
	enum kf_rc rc;

	if ((rc = kf_may(k, KF_ACT_CUSTOMER_EDIT, 0, err)) != KF_OK)
		return rc;
	if ((rc = kf_customer_check(c, err)) != KF_OK)
		return rc;
	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		return rc;
	rc = add_one(k, c, id, err);
	return kf_tx_end(k, rc, err);
}

enum kf_rc
kf_customer_add_batch(struct kf_core *k, struct kf_customer *v, size_t n,
    size_t *bad, struct kf_err *err)
{
	enum kf_rc rc;
	size_t i;

	*bad = 0;
	if ((rc = kf_may(k, KF_ACT_CUSTOMER_EDIT, 0, err)) != KF_OK)
		return rc;
	for (i = 0; i < n; i++)
		if ((rc = kf_customer_check(&v[i], err)) != KF_OK) {
			*bad = i;
			return rc;
		}
	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		return rc;
	for (i = 0; i < n && rc == KF_OK; i++)
		if ((rc = add_one(k, &v[i], NULL, err)) != KF_OK)
			*bad = i;
	return kf_tx_end(k, rc, err);
}

enum kf_rc
kf_customer_get(struct kf_core *k, int64_t id, struct kf_customer *c,
    struct kf_err *err)
{
	enum kf_rc rc;

	memset(c, 0, sizeof(*c));
	if ((rc = kf_may(k, KF_ACT_CUSTOMER_VIEW, 0, err)) != KF_OK) {
		/* R54: a technician sees the customers of his own jobs. */
		if (!(kf_core_actor_roles(k) & KF_ROLE_TECHNICIAN) ||
		    !kf_order_customer_is_his(k, id))
			return rc;
		kf_err_clear(err);
	}
	return load(k, SQL_BY_ID, id, NULL, c, err);
}

enum kf_rc
kf_customer_get_account(struct kf_core *k, const char *account,
    struct kf_customer *c, struct kf_err *err)
{
	enum kf_rc rc;

	memset(c, 0, sizeof(*c));
	if ((rc = kf_may(k, KF_ACT_CUSTOMER_VIEW, 0, err)) != KF_OK)
		return rc;
	return load(k, SQL_BY_ACCOUNT, 0, account ? account : "", c, err);
}

static bool
differ(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") != 0;
}

enum kf_rc
kf_customer_edit(struct kf_core *k, const struct kf_customer *before,
    struct kf_customer *after, struct kf_err *err)
{
	struct kf_change ch[12];
	struct kf_customer now;
	char *pb = NULL, *pa = NULL;
	enum kf_rc rc;
	int n = 0;

	if ((rc = kf_may(k, KF_ACT_CUSTOMER_EDIT, 0, err)) != KF_OK)
		return rc;
	if (after->account == NULL || *after->account == '\0')
		return kf_err_about(err, KF_INVALID, "account", N_("account number is empty"));
	if ((rc = kf_customer_check(after, err)) != KF_OK)
		return rc;
	pb = join_phones(before);
	pa = join_phones(after);
#define TXT(f) if (differ(before->f, after->f)) \
	ch[n++] = (struct kf_change){ #f, { KF_V_TEXT, 0, after->f ? after->f : "" } }
	TXT(account);
	TXT(name);
	if (strcmp(pb, pa) != 0)
		ch[n++] = (struct kf_change){ "phones", { KF_V_TEXT, 0, pa } };
	TXT(community);
	TXT(building);
	TXT(unit);
	TXT(room);
	TXT(address);
	TXT(notes);
#undef TXT
	if (before->kind != after->kind)
		ch[n++] = (struct kf_change){ "kind", { KF_V_INT, after->kind,
		    NULL } };
	if (differ(before->move_in, after->move_in))
		ch[n++] = after->move_in ?
		    (struct kf_change){ "move_in", { KF_V_TEXT, 0, after->move_in } } :
		    (struct kf_change){ "move_in", { KF_V_NULL, 0, NULL } };
	if (before->status != after->status)
		ch[n++] = (struct kf_change){ "status", { KF_V_INT, after->status,
		    NULL } };
	if (n == 0) {
		free(pb);
		free(pa);
		return KF_OK;		/* nothing changed: nothing to save */
	}
	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		goto out;
	/* The search rows follow the record: off as it is stored now, on
	 * again as it is after the update (merged with other changes). */
	if ((rc = load(k, SQL_BY_ID, before->id, NULL, &now, err)) == KF_OK) {
		rc = index_rows(k, now.id, &now, false, err);
		kf_customer_clear(&now);
	}
	if (rc == KF_OK)
		rc = kf_rec_update(k, &customer_entity, before->id,
		    before->version, "customer.edit", ch, n, NULL, err);
	if (rc == KF_OK && (rc = load(k, SQL_BY_ID, before->id, NULL, &now,
	    err)) == KF_OK) {
		rc = index_rows(k, now.id, &now, true, err);
		kf_customer_clear(&now);
	}
	rc = kf_tx_end(k, rc, err);
out:
	free(pb);
	free(pa);
	return rc;
}

/* ---- search ---- */

/*
 * How a search is planned (issue 11: 王 301 took 393 ms at a million).
 *
 * A word of 3+ characters (or a phone number's 3+ digits) is found
 * through customer_fts (any line of the body holding it) and the account
 * and phone prefixes; a shorter one through its name pieces and the
 * starts of community, building, room, account and phone. A customer
 * matches a word when one of those paths reaches it and it scores
 * (score() > 0); a search of several words finds the customers matching
 * every word (match_word()).
 *
 * One word: each path gives at most CAND ids, read in index order, so
 * the work is bounded at any size.
 *
 * Several words: every word's paths are first asked for up to PROBE ids
 * each. The word with the fewest, if it has fewer than PROBE, is
 * complete: its ids are every customer it matches, so they are the
 * candidates and the other words are checked on them in C: exact, and
 * bounded by PROBE. A surname (王: 7% of everyone) is never made to drive
 * a scan: at a million its name pieces alone are 70,000 ids. When every
 * word is that common, the words are intersected as sorted id streams
 * (intersect(): each index read in order, no lookup per row) until CAND
 * customers hold them all; the words being common, that comes after a
 * bounded number of rows. A short word with a prefix of many values
 * (3: every room of the third floor) cannot stream; then the FTS words,
 * or else the longest short word's paths, drive in SQL with the (next)
 * two longest short words as a per-row filter (SQL_Q_FTS_SHORT,
 * SQL_QF_*), capped at CAND. A further short word is then only checked
 * in C: with every word that common, the cap can hide a match (the clerk
 * types more).
 */

/*
 * Ids per path when planning several words. A complete word's ids are
 * each loaded (about 3 us a customer at a million), merged streams cost
 * about 0.4 us a row: 3,000 keeps the loading under 10 ms and lets a
 * less common surname or a full name (欧: 1,000 at a million; 王芳:
 * 1,400) drive instead of a merge through a common word's rows.
 */
int kf_search_probe = 3000;
#define PROBE	kf_search_probe

struct word {
	char	*w;		/* as typed */
	char	*qd;		/* its digits when it is a phone number, else "" */
	bool	 fts;		/* 3+ characters or digits: customer_fts */
	size_t	 chars;
};

/* Appends up to limit ids of sql; returns how many it appended. */
static size_t
add_ids(struct kf_core *k, const char *sql, const char *q, const char *hi,
    int limit, int64_t **ids, size_t *n, size_t *cap)
{
	sqlite3_stmt *st = kf_sql(k, sql);
	size_t n0 = *n;

	kf_bind_text(st, ":q", q);
	if (hi != NULL)
		kf_bind_text(st, ":hi", hi);
	kf_bind_int(st, ":n", limit);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 256;
			*ids = xrealloc(*ids, *cap * sizeof(**ids));
		}
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	kf_sql_done(st);
	return *n - n0;
}

static int
cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* Case-insensitive for Latin letters, as the trigram index is. */
static bool
starts(const char *s, const char *q)
{
	return s != NULL && strncasecmp(s, q, strlen(q)) == 0;
}

static bool
has(const char *s, const char *q)
{
	return s != NULL && strcasestr(s, q) != NULL;
}

/* Byte for byte, as the prefix indexes compare. */
static bool
begins(const char *s, const char *q)
{
	return s != NULL && strncmp(s, q, strlen(q)) == 0;
}

/* How well c matches q (and qd, q's digits when q is a phone number). */
static int
score(const struct kf_customer *c, const char *q, const char *qd,
    const char **why)
{
	int i, best = 0;

#define TRY(cond, pts, w) if ((cond) && (pts) > best) { best = (pts); *why = (w); }
	TRY(strcasecmp(c->account, q) == 0, 100, "account");
	for (i = 0; i < KF_MAX_PHONES && c->phones[i] != NULL; i++) {
		TRY(*qd && strcmp(c->phones[i], qd) == 0, 95, "phone");
		TRY(*qd && starts(c->phones[i], qd), 60, "phone");
		TRY(*qd && has(c->phones[i], qd), 50, "phone");
	}
	TRY(strcmp(c->name, q) == 0, 90, "name");
	TRY(starts(c->name, q), 80, "name");
	TRY(has(c->name, q), 65, "name");
	TRY(starts(c->account, q), 70, "account");
	TRY(has(c->account, q), 45, "account");
	TRY(strcmp(c->room, q) == 0 || strcmp(c->building, q) == 0 ||
	    strcmp(c->community, q) == 0, 40, "address");
	TRY(has(c->community, q) || has(c->building, q) || has(c->unit, q) ||
	    has(c->room, q) || has(c->address, q), 30, "address");
	if (best == 0) {		/* across the parts: 电力小区2号楼 */
		char *joined = xasprintf("%s%s%s%s", c->community, c->building,
		    c->unit, c->room);

		TRY(has(joined, q), 25, "address");
		free(joined);
	}
#undef TRY
	return best;
}

/*
 * Whether a short word's paths reach c: a piece of the name, or the start
 * of community, building, room, account or a phone (SQL_Q_GRAM and the
 * prefix paths; SQL_Q_FTS_SHORT's filter).
 */
static bool
short_reaches(const struct kf_customer *c, const struct word *w)
{
	int i;

	if (strstr(c->name, w->w) != NULL || begins(c->community, w->w) ||
	    begins(c->building, w->w) || begins(c->room, w->w) ||
	    begins(c->account, w->w))
		return true;
	for (i = 0; *w->qd && i < KF_MAX_PHONES && c->phones[i] != NULL; i++)
		if (begins(c->phones[i], w->qd))
			return true;
	return false;
}

/* How well c matches word w (0: not at all). */
static int
match_word(const struct kf_customer *c, const struct word *w,
    const char **why)
{
	if (!w->fts && !short_reaches(c, w))
		return 0;
	return score(c, w->w, w->qd, why);
}

/* q as a stored phone number (kf_phone_normal) when it is one, else "". */
static char *
phone_digits(const char *q)
{
	char *qd = xmalloc(strlen(q) + 1);

	if (kf_phone_normal(q, qd, strlen(q) + 1) <= 0)
		qd[0] = '\0';		/* not a phone number */
	return qd;
}

#define MAX_WORDS	8

/*
 * Splits q at spaces (ASCII and the ideographic U+3000) into at most
 * MAX_WORDS words, in place; returns how many.
 */
static int
split_words(char *q, char **w)
{
	char *p = q;
	int n = 0;

	while (*p) {
		while (*p == ' ' || strncmp(p, "\xe3\x80\x80", 3) == 0)
			p += *p == ' ' ? 1 : 3;
		if (*p == '\0')
			break;
		if (n == MAX_WORDS)
			return 0;	/* too many: one phrase after all */
		w[n++] = p;
		while (*p && *p != ' ' && strncmp(p, "\xe3\x80\x80", 3) != 0)
			p++;
		if (*p == ' ')
			*p++ = '\0';
		else if (*p) {
			*p = '\0';
			p += 3;
		}
	}
	return n;
}

/* An FTS5 phrase for t: in quotes, its quotes doubled (nothing is syntax). */
static void
fts_phrase(struct kf_buf *b, const char *t)
{
	const char *p;

	kf_buf_puts(b, "\"");
	for (p = t; *p; p++)
		kf_buf_add(b, *p == '"' ? "\"\"" : p, *p == '"' ? 2 : 1);
	kf_buf_puts(b, "\"");
}

/* The text a word is looked up by in customer_fts. */
static const char *
fts_text(const struct word *w)
{
	return strlen(w->qd) >= 3 ? w->qd : w->w;
}

static int
cmp_hit(const void *a, const void *b)
{
	const struct kf_customer_hit *x = a, *y = b;
	int c;

	if (x->score != y->score)
		return y->score - x->score;
	if ((c = strcmp(x->c.name, y->c.name)) != 0)
		return c;
	return x->c.id < y->c.id ? -1 : x->c.id > y->c.id;
}

/*
 * Appends up to limit ids from each of w's paths; returns whether they
 * are all there are (no path reached limit).
 */
static bool
word_ids(struct kf_core *k, const struct word *w, int limit, int64_t **ids,
    size_t *n, size_t *cap)
{
	static const char *const shorts[] = { SQL_Q_COMMUNITY,
	    SQL_Q_BUILDING, SQL_Q_ROOM };
	struct kf_buf b = { 0 };
	char *hi = xasprintf("%s" TOP, w->w);
	bool all = true;
	int64_t dw;
	size_t i;

	if (w->fts && seven(k, fts_text(w), NULL, 0, &dw)) {
		/* Seven digits in a row: a handful of customers hold them. */
		sqlite3_stmt *st = kf_sql(k, SQL_Q_DIGITS);
		size_t n0 = *n;

		kf_bind_int(st, ":w", dw);
		kf_bind_int(st, ":n", limit);
		while (sqlite3_step(st) == SQLITE_ROW) {
			if (*n == *cap) {
				*cap = *cap ? *cap * 2 : 256;
				*ids = xrealloc(*ids, *cap * sizeof(**ids));
			}
			(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
		}
		kf_sql_done(st);
		all &= *n - n0 < (size_t)limit;
	} else if (w->fts) {
		fts_phrase(&b, fts_text(w));
		all &= add_ids(k, SQL_Q_FTS, b.s, NULL, limit, ids, n, cap) <
		    (size_t)limit;
		kf_buf_free(&b);
	} else {
		all &= add_ids(k, SQL_Q_GRAM, w->w, NULL, limit, ids, n, cap) <
		    (size_t)limit;
		for (i = 0; i < sizeof(shorts) / sizeof(shorts[0]); i++)
			all &= add_ids(k, shorts[i], w->w, hi, limit, ids, n,
			    cap) < (size_t)limit;
	}
	all &= add_ids(k, SQL_Q_ACCOUNT, w->w, hi, limit, ids, n, cap) <
	    (size_t)limit;
	free(hi);
	if (*w->qd) {
		hi = xasprintf("%s" TOP, w->qd);
		all &= add_ids(k, SQL_Q_PHONE, w->qd, hi, limit, ids, n, cap) <
		    (size_t)limit;
		free(hi);
	}
	return all;
}

/* Binds short words f and g (NULL: none) as SHORT_FILTERS' :f and :g. */
static void
bind_filters(sqlite3_stmt *st, const struct word *f, const struct word *g)
{
	const struct word *v[2] = { f, g };
	char name[8], *hi;
	int i;

	for (i = 0; i < 2; i++) {
		hi = v[i] ? xasprintf("%s" TOP, v[i]->w) : NULL;
		snprintf(name, sizeof(name), ":%c", "fg"[i]);
		kf_bind_text(st, name, v[i] ? v[i]->w : NULL);
		snprintf(name, sizeof(name), ":%chi", "fg"[i]);
		kf_bind_text(st, name, hi);
		snprintf(name, sizeof(name), ":%cd", "fg"[i]);
		kf_bind_text(st, name, v[i] && *v[i]->qd ? v[i]->qd : NULL);
		free(hi);
	}
}

/*
 * Up to limit ids from each of short word w's paths that f and g (NULL:
 * none) reach too.
 */
static void
short_filtered(struct kf_core *k, const struct word *w, const struct word *f,
    const struct word *g, int limit, int64_t **ids, size_t *n, size_t *cap)
{
	static const char *const paths[] = { SQL_QF_GRAM, SQL_QF_COMMUNITY,
	    SQL_QF_BUILDING, SQL_QF_ROOM, SQL_QF_ACCOUNT, SQL_QF_PHONE };
	char *hi = xasprintf("%s" TOP, w->w), *dhi = xasprintf("%s" TOP, w->qd);
	sqlite3_stmt *st;
	size_t i;

	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		if (paths[i] == SQL_QF_PHONE && *w->qd == '\0')
			continue;
		st = kf_sql(k, paths[i]);
		kf_bind_text(st, ":q", paths[i] == SQL_QF_PHONE ? w->qd : w->w);
		if (paths[i] != SQL_QF_GRAM)
			kf_bind_text(st, ":hi", paths[i] == SQL_QF_PHONE ? dhi :
			    hi);
		bind_filters(st, f, g);
		kf_bind_int(st, ":n", limit);
		while (sqlite3_step(st) == SQLITE_ROW) {
			if (*n == *cap) {
				*cap = *cap ? *cap * 2 : 256;
				*ids = xrealloc(*ids, *cap * sizeof(**ids));
			}
			(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
		}
		kf_sql_done(st);
	}
	free(hi);
	free(dhi);
}

/*
 * Several common words, intersected as sorted id streams (issue 11).
 * Each word's candidates are read in id order, all words side by side,
 * and the ids every word holds are kept: every index page is read once,
 * in order, instead of one random lookup per candidate (梁 301 at a
 * million: 35,000 rows of 301 read in order, not probed one by one). A
 * word is a union of streams: the FTS words together one, a short word
 * its name pieces in id order plus its prefix paths, each of which must
 * be small (under PROBE, sorted in C); a short word with a big prefix
 * path (3号: every third building) cannot stream, and the caller filters
 * row by row instead.
 */
struct stream {
	sqlite3_stmt	*st;		/* NULL: v[] */
	int64_t		*v;
	size_t		 n, at;
	int64_t		 cur;
	bool		 done;
};

struct wordset {
	struct stream	 s[8];
	int		 ns;
	int64_t		 cur;		/* the least id of its streams */
	bool		 done;
};

static void
stream_step(struct stream *s)
{
	if (s->st != NULL) {
		if (sqlite3_step(s->st) == SQLITE_ROW)
			s->cur = sqlite3_column_int64(s->st, 0);
		else
			s->done = true;
	} else if (s->at < s->n)
		s->cur = s->v[s->at++];
	else
		s->done = true;
}

/* Moves ws to its first id >= x. */
static void
ws_seek(struct wordset *ws, int64_t x)
{
	int i;

	ws->done = true;
	for (i = 0; i < ws->ns; i++) {
		struct stream *s = &ws->s[i];

		while (!s->done && s->cur < x)
			stream_step(s);
		if (!s->done && (ws->done || s->cur < ws->cur)) {
			ws->cur = s->cur;
			ws->done = false;
		}
	}
}

static void
ws_free(struct wordset *ws)
{
	int i;

	for (i = 0; i < ws->ns; i++) {
		sqlite3_finalize(ws->s[i].st);
		free(ws->s[i].v);
	}
	ws->ns = 0;
}

/* Adds a statement stream (its own statement: two may run at once). */
static bool
ws_add_sql(struct kf_core *k, struct wordset *ws, const char *sql,
    const char *q)
{
	struct stream *s = &ws->s[ws->ns];

	memset(s, 0, sizeof(*s));
	if (sqlite3_prepare_v2(k->db, sql, -1, &s->st, NULL) != SQLITE_OK) {
		sqlite3_finalize(s->st);
		return false;
	}
	kf_bind_text(s->st, ":q", q);
	ws->ns++;
	stream_step(s);
	return true;
}

/* Adds a prefix path's ids if they are few (under PROBE), sorted. */
static bool
ws_add_small(struct kf_core *k, struct wordset *ws, const char *sql,
    const char *q, const char *hi)
{
	struct stream *s = &ws->s[ws->ns];
	size_t cap = 0;

	memset(s, 0, sizeof(*s));
	if (add_ids(k, sql, q, hi, PROBE, &s->v, &s->n, &cap) >=
	    (size_t)PROBE) {
		free(s->v);
		return false;
	}
	if (s->n > 1)
		qsort(s->v, s->n, sizeof(*s->v), cmp_id);
	ws->ns++;
	stream_step(s);
	return true;
}

/*
 * A big prefix path of few values (阳光: only 阳光花园; 3号: 3号楼) is
 * streamed one value at a time: within one value the index runs in id
 * order. The values are found by one seek each.
 */
#define MAX_VALUES	4
static const char *const SQL_S_VALUE[3][2] = {
	{ "SELECT community FROM customer WHERE community > :q AND "
	  "community < :hi ORDER BY community LIMIT 1",
	  "SELECT id FROM customer WHERE community = :q ORDER BY id" },
	{ "SELECT building FROM customer WHERE building > :q AND "
	  "building < :hi ORDER BY building LIMIT 1",
	  "SELECT id FROM customer WHERE building = :q ORDER BY id" },
	{ "SELECT room FROM customer WHERE room > :q AND room < :hi "
	  "ORDER BY room LIMIT 1",
	  "SELECT id FROM customer WHERE room = :q ORDER BY id" },
};

/* Adds path (SQL_S_VALUE's) of prefix q..hi as one stream per value. */
static bool
ws_add_values(struct kf_core *k, struct wordset *ws, int path, const char *q,
    const char *hi)
{
	char *v[MAX_VALUES];
	sqlite3_stmt *st;
	int i, nv = 0;
	bool ok = true;

	v[nv++] = xstrdup(q);	/* q itself (not > q); an absent one is empty */
	for (;;) {
		st = kf_sql(k, SQL_S_VALUE[path][0]);
		kf_bind_text(st, ":q", v[nv - 1]);
		kf_bind_text(st, ":hi", hi);
		if (sqlite3_step(st) != SQLITE_ROW) {
			kf_sql_done(st);
			break;
		}
		if (nv == MAX_VALUES || ws->ns + nv >= 8) {
			kf_sql_done(st);	/* too many: filter instead */
			ok = false;
			break;
		}
		v[nv++] = kf_col_strdup(st, 0);
		kf_sql_done(st);
	}
	for (i = 0; i < nv; i++) {
		if (ok)
			ok = ws_add_sql(k, ws, SQL_S_VALUE[path][1], v[i]);
		free(v[i]);
	}
	return ok;
}

static const char SQL_S_FTS[] =
    "SELECT rowid FROM customer_fts WHERE customer_fts MATCH :q "
    "ORDER BY rowid";
static const char SQL_S_GRAM[] =
    "SELECT customer_id FROM customer_gram WHERE gram = :q "
    "ORDER BY customer_id";

/* Short word w as a union of streams; false when one path is too big. */
static bool
ws_short(struct kf_core *k, struct wordset *ws, const struct word *w)
{
	static const char *const paths[] = { SQL_Q_COMMUNITY, SQL_Q_BUILDING,
	    SQL_Q_ROOM, SQL_Q_ACCOUNT };
	char *hi = xasprintf("%s" TOP, w->w);
	bool ok = ws_add_sql(k, ws, SQL_S_GRAM, w->w);
	int i;

	for (i = 0; ok && i < 4; i++)
		if (!ws_add_small(k, ws, paths[i], w->w, hi))
			/* Big: accounts are unique, so never the account. */
			ok = i < 3 && ws_add_values(k, ws, i, w->w, hi);
	free(hi);
	if (ok && *w->qd) {
		hi = xasprintf("%s" TOP, w->qd);
		ok = ws_add_small(k, ws, SQL_Q_PHONE, w->qd, hi);
		free(hi);
	}
	return ok;
}

/*
 * The first limit ids (ascending) every word holds: fts, the FTS words as
 * one FTS5 query ("" when none), and the short words; false, and nothing
 * added, when a short word cannot stream.
 */
static bool
intersect(struct kf_core *k, const char *fts, const struct word **sw,
    int ns, int limit, int64_t **ids, size_t *n, size_t *cap)
{
	struct wordset ws[MAX_WORDS];
	int64_t hi;
	int i, nws = 0;
	bool ok = true, all;

	memset(ws, 0, sizeof(ws));
	if (*fts != '\0')
		ok = ws_add_sql(k, &ws[nws++], SQL_S_FTS, fts);
	for (i = 0; ok && i < ns; i++)
		ok = ws_short(k, &ws[nws++], sw[i]);
	for (i = 0; ok && i < nws; i++)
		ws_seek(&ws[i], 0);
	while (ok && *n < (size_t)limit) {
		for (i = 0, all = true, hi = 0; i < nws; i++) {
			if (ws[i].done)
				goto out;
			if (i > 0 && ws[i].cur != hi)
				all = false;
			if (ws[i].cur > hi)
				hi = ws[i].cur;
		}
		if (all) {
			if (*n == *cap) {
				*cap = *cap ? *cap * 2 : 256;
				*ids = xrealloc(*ids, *cap * sizeof(**ids));
			}
			(*ids)[(*n)++] = hi;
			hi++;
		}
		for (i = 0; i < nws; i++)
			ws_seek(&ws[i], hi);
	}
out:
	for (i = 0; i < nws; i++)
		ws_free(&ws[i]);
	return ok;
}

/*
 * The candidates of several words (see "How a search is planned"):
 * every word's paths asked for PROBE ids; the smallest complete set, or
 * else the FTS words filtered by the two longest short words, or else
 * the longest short word's paths filtered by the next two.
 */
static void
plan_words(struct kf_core *k, struct word *w, int nw, int64_t **ids,
    size_t *n, size_t *cap)
{
	int64_t *best = NULL, *v = NULL;
	size_t nbest = 0, nv, cv = 0, cbest = 0;
	struct kf_buf b = { 0 };
	const struct word *sw[MAX_WORDS + 2] = { NULL };
	bool found = false;
	int i, j, ns = 0;

	for (i = 0; i < nw; i++) {
		nv = 0;
		if (word_ids(k, &w[i], PROBE, &v, &nv, &cv) &&
		    nv < (size_t)PROBE && (!found || nv < nbest)) {
			int64_t *t = best;
			size_t tc = cbest;

			best = v;
			cbest = cv;
			nbest = nv;
			v = t;
			cv = tc;
			found = true;
		}
		if (w[i].fts) {
			if (b.len > 0)
				kf_buf_puts(&b, " ");
			fts_phrase(&b, fts_text(&w[i]));
			continue;
		}
		/* The short words, longest first (as typed among equals). */
		for (j = ns++; j > 0 && sw[j - 1]->chars < w[i].chars; j--)
			sw[j] = sw[j - 1];
		sw[j] = &w[i];
	}
	free(v);
	if (found) {
		free(*ids);
		*ids = best;
		*n = nbest;
		*cap = cbest;
	} else if (ns > 0 && intersect(k, b.len > 0 ? b.s : "", sw, ns,
	    CAND, ids, n, cap)) {
		free(best);
	} else if (b.len > 0 && ns > 0) {
		sqlite3_stmt *st = kf_sql(k, SQL_Q_FTS_SHORT);

		free(best);
		kf_bind_text(st, ":q", b.s);
		bind_filters(st, sw[0], sw[1]);
		kf_bind_int(st, ":n", CAND);
		while (sqlite3_step(st) == SQLITE_ROW) {
			if (*n == *cap) {
				*cap = *cap ? *cap * 2 : 256;
				*ids = xrealloc(*ids, *cap * sizeof(**ids));
			}
			(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
		}
		kf_sql_done(st);
	} else {
		free(best);
		if (b.len > 0)
			add_ids(k, SQL_Q_FTS, b.s, NULL, CAND, ids, n, cap);
		else		/* short words only, two at least */
			short_filtered(k, sw[0], sw[1], sw[2], CAND, ids, n,
			    cap);
	}
	kf_buf_free(&b);
}

/* How well c matches every word (0: some word matches nothing). */
static int
score_words(const struct kf_customer *c, const struct word *w, int nw,
    const char **why)
{
	const char *wy;
	int i, s, total = 0, best = 0;

	for (i = 0; i < nw; i++) {
		if ((s = match_word(c, &w[i], &wy)) == 0)
			return 0;
		total += s;
		if (s > best) {
			best = s;
			*why = wy;
		}
	}
	return total / nw;
}

enum kf_rc
kf_customer_find(struct kf_core *k, const char *query, int limit,
    struct kf_customer_hit **out, size_t *n, struct kf_err *err)
{
	struct kf_customer_hit *hits = NULL;
	struct kf_customer *tmp;
	struct word words[MAX_WORDS];
	int64_t *ids = NULL;
	size_t nids = 0, cap = 0, i, len = 0;
	char *q = NULL, *qd = NULL, *wq = NULL, *w[MAX_WORDS];
	int nw = 0, j;
	enum kf_rc rc;

	*out = NULL;
	*n = 0;
	if ((rc = kf_may(k, KF_ACT_CUSTOMER_VIEW, 0, err)) != KF_OK)
		return rc;
	/* Each fault its own words: a pasted address that is too long must
	 * not read like a typing mistake. */
	if (query == NULL || !kf_utf8_valid(query))
		return kf_err_about(err, KF_INVALID, "query",
		    N_("the search text is not valid UTF-8"));
	if (strlen(query) > 256)
		return kf_err_about(err, KF_INVALID, "query",
		    N_("search text is at most 256 bytes (about 85 Chinese "
		    "characters); search by a part of it"));
	q = xstrdup(query);
	trim(&q);
	if (!kf_text_clean(*q ? q : query)) {
		free(q);
		return kf_err_about(err, KF_INVALID, "query",
		    N_("the search text holds control characters"));
	}
	if (*q == '\0') {
		free(q);
		return KF_OK;
	}
	if (limit < 1 || limit > 100)
		limit = 100;
	/* A phone typed with spaces or dashes: search its digits. */
	qd = phone_digits(q);
	if (*qd == '\0') {
		wq = xstrdup(q);
		nw = split_words(wq, w);
	}
	if (nw < 2) {		/* the whole text, one word */
		nw = 1;
		w[0] = q;
	}
	for (j = 0; j < nw; j++) {
		words[j].w = w[j];
		words[j].qd = nw == 1 ? xstrdup(qd) : phone_digits(w[j]);
		words[j].chars = kf_utf8_chars(w[j]);
		words[j].fts = words[j].chars >= 3 || strlen(words[j].qd) >= 3;
	}

	if (nw >= 2)
		plan_words(k, words, nw, &ids, &nids, &cap);
	else
		word_ids(k, &words[0], CAND, &ids, &nids, &cap);
	if (nids > 1)
		qsort(ids, nids, sizeof(*ids), cmp_id);
	hits = xcalloc(nids ? nids : 1, sizeof(*hits));
	for (i = 0; i < nids; i++) {
		if (i > 0 && ids[i] == ids[i - 1])
			continue;
		tmp = &hits[len].c;
		if (load(k, SQL_BY_ID, ids[i], NULL, tmp, err) != KF_OK)
			continue;
		hits[len].score = score_words(tmp, words, nw, &hits[len].why);
		if (hits[len].score == 0) {	/* an index false positive */
			kf_customer_clear(tmp);
			continue;
		}
		len++;
	}
	if (len > 1)
		qsort(hits, len, sizeof(*hits), cmp_hit);
	for (i = (size_t)limit; i < len; i++)
		kf_customer_clear(&hits[i].c);
	*out = hits;
	*n = len < (size_t)limit ? len : (size_t)limit;
	for (j = 0; j < nw; j++)
		free(words[j].qd);
	free(ids);
	free(q);
	free(qd);
	free(wq);
	return KF_OK;
}

void
kf_customer_hits_free(struct kf_customer_hit *v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		kf_customer_clear(&v[i].c);
	free(v);
}

enum kf_rc
kf_customer_list(struct kf_core *k, const struct kf_customer_filter *f,
    enum kf_page dir, const struct kf_customer *anchor, int limit,
    struct kf_customer **out, size_t *n, struct kf_err *err)
{
	struct kf_customer_filter all = { NULL, NULL, -1 };
	struct kf_customer *v;
	int64_t a = 0, aid = 0;
	sqlite3_stmt *st;
	size_t len = 0;
	enum kf_rc rc;
	bool back;
	int by = 0, src = SQLITE_DONE;

	*out = NULL;
	*n = 0;
	if ((rc = kf_may(k, KF_ACT_CUSTOMER_VIEW, 0, err)) != KF_OK)
		return rc;	/* R54: the roles kf_customer_find has */
	if (f == NULL)
		f = &all;
	if (limit < 1 || limit > 1000)
		limit = 1000;
	if (anchor != NULL)
		a = aid = anchor->id;
	back = kf_page_bound(dir, anchor != NULL, false, &a, &aid);
	if (f->community != NULL && *f->community != '\0')
		by |= BY_COMMUNITY;
	if (f->building != NULL && *f->building != '\0')
		by |= BY_BUILDING;
	st = kf_sql(k, SQL_LIST[by][back ? BACK : FWD]);
	if (by & BY_COMMUNITY)
		kf_bind_text(st, ":community", f->community);
	if (by & BY_BUILDING)
		kf_bind_text(st, ":building", f->building);
	kf_bind_int(st, ":status", f->status < 0 ? -1 : f->status);
	kf_bind_int(st, ":aid", aid);
	kf_bind_int(st, ":n", limit);
	v = xcalloc((size_t)limit, sizeof(*v));
	while (len < (size_t)limit && (src = sqlite3_step(st)) == SQLITE_ROW)
		row_to_customer(st, &v[len++]);
	if (len == (size_t)limit)
		src = SQLITE_DONE;	/* stopped at the limit, not failed */
	kf_sql_done(st);
	if (src != SQLITE_DONE) {
		kf_customer_list_free(v, len);
		return kf_db_err(k, src, "listing customers", err);
	}
	if (back)
		kf_page_reverse(v, len, sizeof(*v));
	*out = v;
	*n = len;
	return KF_OK;
}

void
kf_customer_list_free(struct kf_customer *v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		kf_customer_clear(&v[i]);
	free(v);
}
