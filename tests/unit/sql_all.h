/*
 * sql_all.h — the list of every SQL statement written in src/core, made at
 * build time by tests/sql_extract.c (see there how it is found).
 */
#ifndef KEFU_TEST_SQL_ALL_H
#define KEFU_TEST_SQL_ALL_H

struct core_sql {
	const char	*file;		/* "order.c" */
	int		 line;		/* where the statement starts */
	const char	*sql;
};

extern const struct core_sql core_sql[];
extern const int core_sql_count;

#endif
