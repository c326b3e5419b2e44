/*
 * test_sql_all.c — every SQL statement of the core prepares against a
 * freshly migrated database, all of them in one session.
 *
 * How "every" is found (the choice, and why): the core keeps its SQL as
 * string constants (STYLE.md), some assembled by macros (COLS "...", the
 * FIELD() tables of versioned entities). At build time each core source
 * is run through the C preprocessor and tests/sql_extract.c lists every
 * run of adjacent string literals from a core source that begins with an
 * SQL verb (SELECT, INSERT, UPDATE, DELETE, WITH, PRAGMA, BEGIN, ...),
 * with its file and line: so a statement added tomorrow is tested without
 * anyone registering it, and one with a typo or a column the migrations
 * never made fails here, naming file:line, instead of in a user's session.
 * Driving every core API instead would only reach the statements the
 * tests happen to call. What this cannot see: SQL not written as a
 * literal starting with a verb (the lint forbids printf-built SQL), and
 * errors SQLite only finds when a statement runs (constraint failures),
 * which the module tests cover.
 *
 * Preparing is not running: BEGIN, DELETE and the rest are compiled and
 * finalized, never stepped. The one formatted statement (PRAGMA values,
 * which take no bind parameter) is prepared with its %d as 1.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "internal.h"
#include "sql_all.h"

/*
 * s->sql with every "%d" as "1": the one kind of statement the core
 * formats (PRAGMA user_version takes no bind parameter). Caller frees.
 */
static char *
formatted(const char *sql)
{
	struct kf_buf b = { 0 };
	const char *p;
	char *s;

	for (p = sql; *p; p++)
		if (p[0] == '%' && p[1] == 'd') {
			kf_buf_puts(&b, "1");
			p++;
		} else
			kf_buf_add(&b, p, 1);
	s = xstrdup(kf_buf_str(&b));
	kf_buf_free(&b);
	return s;
}

/* Prepares every statement of s (several when ';'-separated); prints
 * each failure; returns how many failed. */
static int
prepare_all(sqlite3 *db, const struct core_sql *s)
{
	char *sql = formatted(s->sql);
	const char *p = sql, *tail;
	sqlite3_stmt *st;
	int bad = 0;

	while (*p) {
		st = NULL;
		if (sqlite3_prepare_v2(db, p, -1, &st, &tail) != SQLITE_OK) {
			printf("%s:%d: %s\n    %s\n", s->file, s->line,
			    sqlite3_errmsg(db), s->sql);
			bad++;
			break;
		}
		sqlite3_finalize(st);
		if (tail == NULL || tail == p)
			break;
		p = tail;
	}
	free(sql);
	return bad;
}

static void
test_every_core_statement_prepares(void **state)
{
	struct fixture *fx = *state;
	int i, bad = 0;

	/* A broken extractor must not pass by finding nothing: the core
	 * had 150 or so statements when this test was written. */
	printf("%d statements in src/core\n", core_sql_count);
	assert_true(core_sql_count >= 100);
	for (i = 0; i < core_sql_count; i++)
		bad += prepare_all(fx->k->db, &core_sql[i]);
	assert_int_equal(bad, 0);
}

/*
 * The session's statement cache holds them all at once, and still hands
 * back the same handle for each: the cache has no fixed size.
 */
static void
test_one_session_caches_them_all(void **state)
{
	struct fixture *fx = *state;
	static sqlite3_stmt *first[2048];
	static char *sql[2048];		/* the cache's keys: kept till the end */
	int i, n = core_sql_count < 2048 ? core_sql_count : 2048;

	for (i = 0; i < n; i++) {
		sql[i] = formatted(core_sql[i].sql);
		first[i] = kf_sql(fx->k, sql[i]);
		assert_non_null(first[i]);
		/* Not the stand-in for a statement that failed to prepare. */
		assert_null(fx->k->unprepared);
		kf_sql_done(first[i]);
	}
	for (i = 0; i < n; i++) {
		assert_ptr_equal(kf_sql(fx->k, sql[i]), first[i]);
		kf_sql_done(first[i]);
	}
	kf_core_close(fx->k);		/* before its keys go */
	fx->k = NULL;
	for (i = 0; i < n; i++)
		free(sql[i]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_every_core_statement_prepares, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_one_session_caches_them_all,
		    fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
