/*
 * customer.h — the customer register and the search the front desk finds
 * people with (R1, R20, R54).
 *
 * A customer has an account number (unique; generated when not given), a
 * name, one or more phone numbers (digits; '+' may lead), a structured
 * address (community 小区, building 楼栋, unit 单元, room 室, free text),
 * a kind, a move-in date (R12 bills from it), notes and a status. Customers
 * are never deleted: one who leaves is marked moved out. Every change is
 * versioned and audited; edits of different fields by two clerks merge.
 *
 * Search (kf_customer_find): one query matched against name, phone digits
 * (any part), account number and address, Chinese and Latin. Queries of
 * three characters or more go through an FTS5 trigram index; one- and
 * two-character queries (a surname 王, a building 3号) through indexed
 * prefix lookups and the 1–2 character pieces of names. The query is
 * always text to look for, never syntax: %, _, ", *, SQL or FTS5 operators
 * are searched for literally. Results are ranked: exact account and phone
 * first, then names, then addresses. Several words (王 301) find the
 * customers matching every word: a word of three or more characters
 * anywhere in a field, a shorter one in the name or at the start of
 * community, building, room, account or a phone. When a word matches
 * fewer than a few thousand customers the answer is exact; when every
 * word is that common, the best of the first 200 customers (by id)
 * matching them all. The work is bounded whatever the register's size
 * (docs/performance.md, issue 11).
 */
#ifndef KEFU_CUSTOMER_H
#define KEFU_CUSTOMER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kefu/core.h"
#include "kefu/err.h"

enum kf_customer_kind { KF_CUST_RESIDENT, KF_CUST_COMMERCIAL, KF_CUST_OTHER };
enum kf_customer_status { KF_CUST_ACTIVE, KF_CUST_MOVED_OUT };

#define KF_MAX_PHONES	4

struct kf_customer {
	int64_t			 id;
	char			*account;
	char			*name;
	char			*phones[KF_MAX_PHONES];	/* NULL-terminated when < 4 */
	char			*community, *building, *unit, *room, *address;
	enum kf_customer_kind	 kind;
	char			*move_in;	/* "YYYY-MM-DD" or NULL */
	char			*notes;
	enum kf_customer_status	 status;
	int64_t			 created_at;
	int64_t			 version;
};

/* Frees the strings of c (not c); c may be NULL. */
void		kf_customer_clear(struct kf_customer *c);

/*
 * The address as one line: community, building, unit, room and the free
 * text, space-separated, blank parts left out ("阳光花园 3号楼 2单元 301").
 * The one form work orders store and compare (duplicates at intake).
 * Allocated; the caller frees it.
 */
char	       *kf_customer_address(const struct kf_customer *c);

/*
 * Checks and normalises c in place, as kf_customer_add would: trims
 * spaces, turns phone numbers into digits (spaces and dashes removed),
 * refuses a phone with letters, a blank name, an address of only spaces,
 * invalid UTF-8 or control characters, an impossible move-in date, fields
 * too long. KF_INVALID with err->field naming the field. For the importer.
 */
enum kf_rc	kf_customer_check(struct kf_customer *c, struct kf_err *err);

/*
 * Adds a customer (reception, supervisor, billing, admin). c->account may
 * be NULL or "": one is generated (K + 8 digits). *id receives the id and
 * c->account the number used (c's strings are the caller's; c->account is
 * replaced with an allocated copy when generated). KF_CONFLICT when the
 * account number exists.
 */
enum kf_rc	kf_customer_add(struct kf_core *k, struct kf_customer *c,
		    int64_t *id, struct kf_err *err);

/*
 * Adds n customers all or nothing, in one transaction (the importer): every
 * record is checked first; on the first failure *bad is its index, err
 * says why (with err->field), and nothing is added. Each added customer
 * gets its own audit row.
 */
enum kf_rc	kf_customer_add_batch(struct kf_core *k, struct kf_customer *v,
		    size_t n, size_t *bad, struct kf_err *err);

/*
 * Loads a customer by id or by account number (caller clears *c). A
 * technician may load by id the customer of an open order dispatched to
 * him, and no other (R54); the account lookup is for the desk roles.
 */
enum kf_rc	kf_customer_get(struct kf_core *k, int64_t id,
		    struct kf_customer *c, struct kf_err *err);
enum kf_rc	kf_customer_get_account(struct kf_core *k, const char *account,
		    struct kf_customer *c, struct kf_err *err);

/*
 * Saves an edit: before is the record as the caller read it (with its
 * version), after the same record with the caller's changes. Only fields
 * that differ between the two are written, so another clerk's change to
 * other fields meanwhile is kept (merge); a change to the same field
 * meanwhile is KF_CONFLICT naming who, when and both values. after is
 * checked as kf_customer_check does.
 */
enum kf_rc	kf_customer_edit(struct kf_core *k, const struct kf_customer *before,
		    struct kf_customer *after, struct kf_err *err);

/* Which customers a list shows (a register browse, an export). */
struct kf_customer_filter {
	const char	*community;	/* NULL or "": any; else exactly this */
	const char	*building;	/* NULL or "": any; else exactly this */
	int		 status;	/* enum kf_customer_status; -1: any */
};

/*
 * One page of the customers f selects (NULL: every customer), in the
 * register's order: by id, the order they were added in, which is also
 * the order kf_customer_export writes. Not by account number: imported
 * numbers follow no order of the register's own, and the export's order
 * is kept byte for byte. dir and anchor place the page (enum kf_page in
 * core.h): only anchor->id is read, so an anchor that no longer matches f
 * (moved out, rehoused) still places it. At most limit rows (1..1000;
 * out of range: 1000), in id order whatever dir is. Each page is read by
 * an index in order, never the whole table nor a sort: the primary key,
 * or with community or building the index on that column, whose entries
 * are in id order within one value (EXPLAIN QUERY PLAN is checked by
 * tests/unit/test_customer.c). The roles of kf_customer_find (KF_DENIED
 * otherwise). *out is allocated, *n its length (on failure NULL and 0);
 * free with kf_customer_list_free (NULL is fine).
 */
enum kf_rc	kf_customer_list(struct kf_core *k,
		    const struct kf_customer_filter *f, enum kf_page dir,
		    const struct kf_customer *anchor, int limit,
		    struct kf_customer **out, size_t *n, struct kf_err *err);
void		kf_customer_list_free(struct kf_customer *v, size_t n);

/* One search result: the customer and why it matched. */
struct kf_customer_hit {
	struct kf_customer	 c;
	int			 score;		/* higher is better */
	const char		*why;		/* "account", "phone", "name", "address" */
};

/*
 * Searches for query (see the header comment); at most limit (1..100)
 * results, best first. An empty query gives no results. Roles that may
 * see customers: reception, dispatcher, supervisor, billing, admin (R54).
 * *out allocated; free with kf_customer_hits_free.
 *
 * Not a paged list (enum kf_page in core.h does not apply): results are
 * ranked by a score computed per query, not by a key stored in an index,
 * so there is no keyset to page by; a search narrows instead of scrolling
 * (one more character), and limit bounds the work. To scroll the
 * register itself, page kf_customer_list.
 */
enum kf_rc	kf_customer_find(struct kf_core *k, const char *query, int limit,
		    struct kf_customer_hit **out, size_t *n, struct kf_err *err);
void		kf_customer_hits_free(struct kf_customer_hit *v, size_t n);

const char     *kf_customer_kind_name(enum kf_customer_kind kind);
enum kf_rc	kf_customer_kind_parse(const char *s, enum kf_customer_kind *kind,
		    struct kf_err *err);

#endif
