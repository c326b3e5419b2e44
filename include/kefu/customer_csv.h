/*
 * customer_csv.h — customers in and out of CSV files (docs/csv.md).
 *
 * The file: UTF-8 (a leading BOM is skipped), a header row, then one
 * customer per row. The header names the columns, in any order:
 *
 *   account   account number; empty: one is generated (K + 8 digits)
 *   name      required
 *   phones    up to 4, separated by ';', '/' or ',' (or '；' '／' '，' '、')
 *   community, building, unit, room, address
 *   kind      resident | commercial | other (or 居民 | 商户 | 其他);
 *             empty: resident
 *   move_in   YYYY-MM-DD (YYYY/M/D, as spreadsheets rewrite dates, too)
 *   notes
 *   status    active | moved_out (or 在住 | 迁出); empty: active
 *   reason, raw  ignored: the reject file's columns, so that a
 *             corrected reject file imports as it is
 *
 * Column names are matched without case and surrounding spaces; the
 * Chinese names 户号 姓名 电话 小区 楼栋 单元 房号 地址 类型 入住日期 备注
 * 状态 are accepted too. Only name is required. Rows that are empty (a
 * blank line, or only commas) are skipped.
 *
 * Export writes the English header in the order above (without reason
 * and raw), phones joined with ';', one row per customer in id order:
 * exactly what import reads back.
 */
#ifndef KEFU_CUSTOMER_CSV_H
#define KEFU_CUSTOMER_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "kefu/core.h"
#include "kefu/customer.h"
#include "kefu/err.h"

/* At most this many bad rows are listed in a report (all are counted). */
#define KF_IMPORT_LISTED_MAX	1000

/* One bad row. */
struct kf_import_bad {
	unsigned long	 line;		/* physical line where the row starts */
	char		 field[32];	/* the column ("" for the row) */
	char		 reason[512];	/* one line, in the person's language */
};

/* What an import did; zero-initialise, free with kf_import_report_free. */
struct kf_import_report {
	size_t			 rows;		/* data rows (not blank ones) */
	size_t			 blank;		/* blank rows skipped */
	size_t			 imported;	/* customers added */
	size_t			 nbad;		/* bad rows, all of them */
	struct kf_import_bad	*bad;		/* the first ones, in order */
	size_t			 nlisted;	/* entries in bad */
};

void		kf_import_report_free(struct kf_import_report *rep);

/*
 * How long an import of in would hold the database, said before it starts
 * (issue 11): an import is one transaction, all or nothing, so others'
 * saves wait for it (about KF_BUSY_PATIENCE_MS) and then give up naming
 * it. Counts the lines from in's current position to its end and puts the
 * position back; *seconds is that many rows at KF_IMPORT_ROWS_PER_S,
 * rounded up. A file that cannot seek (a pipe) is not read: *lines and
 * *seconds are 0. Fails with KF_DBERR when the file cannot be read.
 */
#define KF_IMPORT_ROWS_PER_S	4000	/* docs/performance.md, import */
enum kf_rc	kf_customer_import_estimate(FILE *in, size_t *lines,
		    int *seconds, struct kf_err *err);

/*
 * Imports customers from the CSV file in (from its current position) as
 * one action (reception, supervisor, billing, admin; KF_ACT_CUSTOMER_EDIT).
 *
 * Every row is read and checked first (kf_customer_check, the column
 * values, an account number twice in the file — the later rows are the
 * bad ones — or already in the database); then either
 *   - some rows are bad and skip_bad is false: nothing is added;
 *     KF_INVALID, "N of M rows are bad: nothing imported", and rep lists
 *     them;
 *   - otherwise the good rows are added in one transaction, all or
 *     nothing: the rows with an account number first, then those without
 *     (their generated numbers can then not clash with one in the file),
 *     each in file order. With skip_bad, the bad rows are written to
 *     rejects (when not NULL) as CSV: the header's customer columns,
 *     then reason ("line N: column: why") and raw (kf_csv_raw: the
 *     record as it was in the file, escaped, at most 32,000 bytes). A
 *     row whose values the columns can hold exactly gets them and an
 *     empty raw (or the row's own raw column: a reject file imported
 *     again); one that could not be read as CSV, has more fields than
 *     the header or a control character in a value gets empty columns
 *     and its raw; one with fewer fields both. A row with only raw
 *     filled is bad ("not corrected"). KF_OK, even when every row was
 *     bad: rep says how many were added and how many were not.
 * The file must be read twice: a file that cannot seek (a pipe) is first
 * copied to an anonymous temporary file.
 *
 * Fails with KF_INVALID for a file that is empty, or whose header has no
 * name column, an unknown or repeated column name, or a column without a
 * name (err says which); KF_DBERR when the file, the temporary copy or
 * rejects cannot be read or written; KF_DENIED, KF_BUSY, KF_DBERR as
 * err.h says. On any failure no customer was added. rep is filled as far
 * as the import went; the caller frees it.
 */
enum kf_rc	kf_customer_import(struct kf_core *k, FILE *in, bool skip_bad,
		    FILE *rejects, struct kf_import_report *rep,
		    struct kf_err *err);

/*
 * Writes every customer to out as CSV (KF_ACT_CUSTOMER_VIEW), in id
 * order, read in pages of kf_customer_list so no read transaction stays
 * open for the whole write. Fails with KF_DBERR when writing to out
 * fails (part of the file may have been written), KF_DENIED, KF_BUSY,
 * KF_DBERR as err.h says.
 * *count (may be NULL) receives the number of customers written.
 */
enum kf_rc	kf_customer_export(struct kf_core *k, FILE *out, size_t *count,
		    struct kf_err *err);

/*
 * The kind and status as the file (and the command line) may write them:
 * the English names, any case, or the Chinese ones; "" or NULL gives the
 * default (resident, active). False for anything else.
 */
bool		kf_customer_kind_from_text(const char *s,
		    enum kf_customer_kind *kind);
bool		kf_customer_status_from_text(const char *s,
		    enum kf_customer_status *status);
/* "active" or "moved_out". */
const char     *kf_customer_status_name(enum kf_customer_status status);

#endif
