/*
 * test_customer_csv.c — importing and exporting customers: all or
 * nothing with every bad row reported by line, --skip-bad and its reject
 * file, duplicate account numbers in the file and in the database, the
 * header's rules, pipes, and export → import into a fresh database giving
 * the same records.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "internal.h"
#include "kefu/csv.h"
#include "kefu/customer.h"
#include "kefu/customer_csv.h"
#include "kefu/perm.h"
#include "kefu/util.h"

/* Runs an import of text (seekable, through fmemopen). */
static enum kf_rc
import(struct kf_core *k, const char *text, bool skip_bad, FILE *rejects,
    struct kf_import_report *rep, struct kf_err *err)
{
	size_t len = strlen(text);
	char *buf = malloc(len + 1);
	FILE *f;
	enum kf_rc rc;

	memcpy(buf, text, len + 1);
	f = len ? fmemopen(buf, len, "r") : fopen("/dev/null", "r");
	assert_non_null(f);
	kf_err_clear(err);
	rc = kf_customer_import(k, f, skip_bad, rejects, rep, err);
	fclose(f);
	free(buf);
	return rc;
}

/* The export as a string (caller frees); *n the count. */
static char *
export(struct kf_core *k, size_t *n)
{
	char *out = NULL;
	size_t len = 0;
	struct kf_err err;
	FILE *f = open_memstream(&out, &len);

	if (kf_customer_export(k, f, n, &err) != KF_OK)
		fail_msg("export: %s", err.msg);
	fclose(f);
	return out;
}

static size_t
customers(struct kf_core *k)
{
	size_t n;

	free(export(k, &n));
	return n;
}

static void
expect_bad(const struct kf_import_report *rep, size_t i, unsigned long line,
    const char *field, const char *what)
{
	if (i >= rep->nlisted)
		fail_msg("bad row %zu not listed (%zu listed)", i,
		    rep->nlisted);
	if (rep->bad[i].line != line || strcmp(rep->bad[i].field, field) != 0 ||
	    strstr(rep->bad[i].reason, what) == NULL)
		fail_msg("bad row %zu: got line %lu field '%s' reason '%s'; "
		    "want line %lu field '%s' reason with '%s'", i,
		    rep->bad[i].line, rep->bad[i].field, rep->bad[i].reason,
		    line, field, what);
}

static void
add(struct kf_core *k, const char *account, const char *name)
{
	struct kf_customer c = { 0 };
	struct kf_err err;

	c.account = strdup(account);
	c.name = strdup(name);
	if (kf_customer_add(k, &c, NULL, &err) != KF_OK)
		fail_msg("add: %s", err.msg);
	kf_customer_clear(&c);
}

/* Several bad rows of every kind: all reported, nothing added. */
static const char BAD_FILE[] =
    "account,name,phones,address,kind,move_in\n"		/* 1 */
    "A001,王芳,138-1234-5678,阳光花园3号楼301,居民,2020-05-01\n"	/* 2 ok */
    "A002,李军,138abc,,,\n"					/* 3 phone */
    "A003,张伟,,   ,,\n"					/* 4 address */
    "A004,,13900001111,,,\n"					/* 5 name */
    "A001,王芳二,,,,\n"						/* 6 dup */
    "A005,赵敏,,,farm,\n"					/* 7 kind */
    "A006,陈静,,,,2026-02-30\n"					/* 8 date */
    "A007,孙丽,,\"unterminated,,\n"				/* 9 quote */
    "A008,周杰\n"						/* 10 */
    "OLD1,老客户,,,,\n"						/* 11 db */
    "A009,吴刚,1;2;3;4;5,,,\n"					/* 12 */
    "A010,\xcd\xf5\xb7\xbc,,,,\n"				/* 13 GBK */
    "A011,郑和,,,,\n";						/* 14 ok */

static void
check_bad_file_report(const struct kf_import_report *rep)
{
	assert_int_equal(rep->rows, 8);	/* the quote took lines 9-14 */
	assert_int_equal(rep->nbad, 7);
	assert_int_equal(rep->nlisted, 7);
	expect_bad(rep, 0, 3, "phones", "138abc");
	expect_bad(rep, 1, 4, "address", "only spaces");
	expect_bad(rep, 2, 5, "name", "empty");
	expect_bad(rep, 3, 6, "account", "also on line 2");
	expect_bad(rep, 4, 7, "kind", "farm");
	expect_bad(rep, 5, 8, "move_in", "2026-02-30");
	expect_bad(rep, 6, 9, "address", "unterminated");
}

static void
test_all_or_nothing(void **state)
{
	struct fixture *fx = *state;
	struct kf_import_report rep;
	struct kf_err err;
	char *fixed;

	add(fx->k, "OLD1", "老客户");
	assert_int_equal(import(fx->k, BAD_FILE, false, NULL, &rep, &err),
	    KF_INVALID);
	assert_non_null(strstr(err.msg,
	    "7 of 8 rows are bad: nothing imported"));
	check_bad_file_report(&rep);
	assert_int_equal(rep.imported, 0);
	assert_int_equal(customers(fx->k), 1);
	kf_import_report_free(&rep);
	kf_import_report_free(&rep);	/* twice is fine */

	/* Without the unterminated quote the rows after it are read, and
	 * each bad one is named. */
	fixed = strdup(BAD_FILE);
	*strstr(fixed, "\"unterminated") = ' ';
	assert_int_equal(import(fx->k, fixed, false, NULL, &rep, &err),
	    KF_INVALID);
	assert_int_equal(rep.rows, 13);
	assert_int_equal(rep.nbad, 10);
	expect_bad(&rep, 6, 10, "", "the row has 2 fields, the header 6");
	expect_bad(&rep, 7, 11, "account", "already taken (老客户)");
	expect_bad(&rep, 8, 12, "phones", "more than 4 phone numbers");
	expect_bad(&rep, 9, 13, "name", "invalid UTF-8");
	assert_int_equal(customers(fx->k), 1);
	kf_import_report_free(&rep);
	free(fixed);
}

static int
cache_size(struct kf_core *k)
{
	sqlite3_stmt *st;
	int v;

	assert_int_equal(sqlite3_prepare_v2(k->db, "PRAGMA cache_size", -1, &st,
	    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/*
 * Issue 11: before a long import the desk is told how long it will wait.
 * The estimate counts the lines from the file's position to its end and
 * puts the position back; at the rate's edge one more line is one more
 * second; a pipe is not read (the import reads it once).
 */
static void
test_import_estimate(void **state)
{
	struct kf_err err;
	size_t lines, i;
	int secs, fd[2];
	FILE *f, *p;

	(void)state;
	assert_non_null(f = tmpfile());
	fputs("name,phones\n", f);
	for (i = 0; i < KF_IMPORT_ROWS_PER_S * 3; i++)
		fprintf(f, "王%zu,1380000%04zu\n", i, i % 10000);
	assert_int_equal(fseeko(f, 12, SEEK_SET), 0);	/* after the header */
	assert_int_equal(kf_customer_import_estimate(f, &lines, &secs, &err),
	    KF_OK);
	assert_int_equal(lines, KF_IMPORT_ROWS_PER_S * 3);
	assert_int_equal(secs, 3);
	assert_int_equal(ftello(f), 12);		/* put back */
	assert_int_equal(fseeko(f, 0, SEEK_END), 0);
	fputs("李,13800000000\n", f);
	assert_int_equal(fseeko(f, 12, SEEK_SET), 0);
	assert_int_equal(kf_customer_import_estimate(f, &lines, &secs, &err),
	    KF_OK);
	assert_int_equal(lines, KF_IMPORT_ROWS_PER_S * 3 + 1);
	assert_int_equal(secs, 4);
	fclose(f);

	assert_int_equal(pipe(fd), 0);
	assert_int_equal(write(fd[1], "name\n王\n", 9), 9);
	close(fd[1]);
	assert_non_null(p = fdopen(fd[0], "r"));
	assert_int_equal(kf_customer_import_estimate(p, &lines, &secs, &err),
	    KF_OK);
	assert_int_equal(lines, 0);
	assert_int_equal(secs, 0);
	assert_int_equal(fgetc(p), 'n');		/* nothing read */
	fclose(p);
}

/*
 * Issue 11: the import runs with a large page cache and names itself to
 * sessions that wait behind it; afterwards both are given back, so the
 * session's later writes are not called an import. (That a waiting clerk
 * is told "a customer import by ..." is tests/stress/import_busy.sh.)
 */
static void
test_import_gives_back_cache_and_name(void **state)
{
	struct fixture *fx = *state;
	struct kf_open_opts oo = { .busy_timeout_ms = 100 };
	struct kf_import_report rep;
	struct kf_core *k2;
	struct kf_err err;
	int before = cache_size(fx->k);

	assert_int_equal(import(fx->k, "account,name\nA1,王芳\nA2,李伟\n",
	    false, NULL, &rep, &err), KF_OK);
	assert_int_equal(rep.imported, 2);
	kf_import_report_free(&rep);
	assert_int_equal(cache_size(fx->k), before);
	/* And on a refused import too. */
	assert_int_equal(import(fx->k, "account,name\nA1,王芳\n", false, NULL,
	    &rep, &err), KF_INVALID);
	kf_import_report_free(&rep);
	assert_int_equal(cache_size(fx->k), before);

	assert_int_equal(kf_core_open(fx->path, &oo, &k2, &err), KF_OK);
	assert_int_equal(kf_core_login_as(k2, "boss", &err), KF_OK);
	assert_int_equal(kf_tx_begin(fx->k, &err), KF_OK);
	assert_int_equal(import(k2, "account,name\nA3,张敏\n", false, NULL,
	    &rep, &err), KF_BUSY);
	kf_import_report_free(&rep);
	assert_non_null(strstr(err.msg, "database busy"));
	assert_null(strstr(err.msg, "customer import"));
	assert_int_equal(kf_tx_end(fx->k, KF_OK, &err), KF_OK);
	kf_core_close(k2);
}

/* Reads a CSV file back into one string per record: "f1|f2|...". */
static char *
records(FILE *f)
{
	struct kf_csv_reader *r;
	struct kf_buf b = { 0 };
	struct kf_err err;
	char **v;
	size_t n, i;

	rewind(f);
	r = kf_csv_open(f);
	kf_buf_puts(&b, "");
	while (kf_csv_next(r, &v, &n, &err) == 1) {
		for (i = 0; i < n; i++) {
			kf_buf_puts(&b, i ? "|" : "");
			kf_buf_puts(&b, v[i]);
		}
		kf_buf_puts(&b, "\n");
	}
	kf_csv_close(r);
	return b.s;
}

static void
test_skip_bad_writes_rejects(void **state)
{
	struct fixture *fx = *state;
	struct kf_import_report rep;
	struct kf_customer c;
	struct kf_err err;
	FILE *rej = tmpfile(), *again = tmpfile();
	const char *p;
	char *got;

	add(fx->k, "OLD1", "老客户");
	assert_int_equal(import(fx->k, BAD_FILE, true, rej, &rep, &err), KF_OK);
	check_bad_file_report(&rep);
	assert_int_equal(rep.imported, 1);
	assert_int_equal(customers(fx->k), 2);
	assert_int_equal(kf_customer_get_account(fx->k, "A001", &c, &err),
	    KF_OK);
	assert_string_equal(c.phones[0], "13812345678");
	assert_string_equal(c.move_in, "2020-05-01");
	kf_customer_clear(&c);
	kf_import_report_free(&rep);
	got = records(rej);
	/* Rows read as CSV keep their fields (raw empty); the unterminated
	 * quote, which took the rest of the file, keeps its bytes in raw,
	 * the GBK name as \xNN escapes. */
	assert_string_equal(got,
	    "account|name|phones|address|kind|move_in|reason|raw\n"
	    "A002|李军|138abc||||line 3: phones: phone number '138abc' may "
	    "only hold digits, spaces, dashes, brackets and a leading +|\n"
	    "A003|张伟||   |||line 4: address: address is only spaces|\n"
	    "A004||13900001111||||line 5: name: field name is empty|\n"
	    "A001|王芳二|||||line 6: account: account number A001 is also on "
	    "line 2|\n"
	    "A005|赵敏|||farm||line 7: kind: unknown kind 'farm' (resident, "
	    "commercial or other; 居民, 商户 or 其他)|\n"
	    "A006|陈静||||2026-02-30|line 8: move_in: move-in date '2026-02-30' "
	    "is not a date (YYYY-MM-DD)|\n"
	    "||||||line 9: address: unterminated quoted field (its closing "
	    "quote is missing)|A007,孙丽,,\"unterminated,,\nA008,周杰\n"
	    "OLD1,老客户,,,,\nA009,吴刚,1;2;3;4;5,,,\n"
	    "A010,\\xCD\\xF5\\xB7\\xBC,,,,\nA011,郑和,,,,\n");
	free(got);

	/* The reject file, corrected, imports as it is: its reason column
	 * is ignored. */
	fputs("account,name,phones,address,kind,move_in,reason\n"
	    "A002,李军,138 0000 2222,,,,line 3: phones: ...\n"
	    "A003,张伟,,翠苑,,,line 4\n", again);
	rewind(again);
	kf_err_clear(&err);
	assert_int_equal(kf_customer_import(fx->k, again, false, NULL, &rep,
	    &err), KF_OK);
	assert_int_equal(rep.imported, 2);
	assert_int_equal(customers(fx->k), 4);
	kf_import_report_free(&rep);

	/* Every row bad, with skip_bad: KF_OK, nothing added. */
	p = "name,phones\n王,abc\n李,xyz\n";
	assert_int_equal(import(fx->k, p, true, NULL, &rep, &err), KF_OK);
	assert_int_equal(rep.imported, 0);
	assert_int_equal(rep.nbad, 2);
	assert_int_equal(customers(fx->k), 4);
	kf_import_report_free(&rep);
	fclose(rej);
	fclose(again);
}

/*
 * What the reject file keeps of rows it cannot give back as fields: the
 * record as it was in the file (raw), escaped where it is not text; and
 * the reject file imported again as it is.
 */
static void
test_rejects_keep_raw(void **state)
{
	struct fixture *fx = *state;
	struct kf_import_report rep;
	struct kf_err err;
	FILE *rej = tmpfile(), *rej2 = tmpfile();
	char *got;

	assert_int_equal(import(fx->k,
	    "name,phones,notes\n"				/* 1 */
	    "好,13800000001,ok\n"				/* 2 ok */
	    "坏\"引号,13800000002,x\n"				/* 3 quote */
	    "多,13800000003,x,y\n"				/* 4 fields */
	    "少,13800000004\n"					/* 5 fields */
	    "\xcd\xf5,13800000005,\n"				/* 6 GBK */
	    "控\x01制,13800000006,\n"				/* 7 control */
	    "错,abc,C:\\备注\n",				/* 8 phone */
	    true, rej, &rep, &err), KF_OK);
	assert_int_equal(rep.imported, 1);
	assert_int_equal(rep.nbad, 6);
	kf_import_report_free(&rep);
	got = records(rej);
	assert_string_equal(got,
	    "name|phones|notes|reason|raw\n"
	    "|||line 3: name: a quote inside an unquoted field (quote the "
	    "whole field and double the quote)|坏\"引号,13800000002,x\n"
	    "|||line 4: the row has 4 fields, the header 3|多,13800000003,x,y\n"
	    "少|13800000004||line 5: the row has 2 fields, the header 3|"
	    "少,13800000004\n"
	    "|||line 6: name: invalid UTF-8 (save the file as CSV UTF-8; GBK "
	    "is not read)|\\xCD\\xF5,13800000005,\n"
	    "|||line 7: name: field name has control characters|"
	    "控\\x01制,13800000006,\n"
	    "错|abc|C:\\备注|line 8: phones: phone number 'abc' may only hold "
	    "digits, spaces, dashes, brackets and a leading +|\n");
	free(got);

	/* Imported again as it is: the rows only in raw are "not
	 * corrected", and raw goes on to the next reject file. */
	rewind(rej);
	kf_err_clear(&err);
	assert_int_equal(kf_customer_import(fx->k, rej, true, rej2, &rep,
	    &err), KF_OK);
	assert_int_equal(rep.imported, 1);	/* 少, as it was read */
	assert_int_equal(rep.nbad, 5);
	expect_bad(&rep, 0, 2, "raw", "not corrected");
	expect_bad(&rep, 1, 3, "raw", "not corrected");
	expect_bad(&rep, 2, 5, "raw", "not corrected");
	expect_bad(&rep, 3, 6, "raw", "not corrected");
	expect_bad(&rep, 4, 7, "phones", "abc");
	kf_import_report_free(&rep);
	got = records(rej2);
	assert_non_null(strstr(got, "|||line 2: raw: not corrected: the row "
	    "is only in the raw column (copy its values into the columns)|"
	    "坏\"引号,13800000002,x\n"));
	assert_non_null(strstr(got, "|\\xCD\\xF5,13800000005,\n"));
	free(got);
	fclose(rej);
	fclose(rej2);
}

static void
test_header_rules(void **state)
{
	struct fixture *fx = *state;
	struct kf_import_report rep;
	struct kf_err err;
	static const struct {
		const char	*file;
		const char	*what;
	} cases[] = {
		{ "", "the file is empty" },
		{ "\xef\xbb\xbf", "the file is empty" },
		{ "\n", "column 1 of the header has no name" },
		{ "name,phone_no,fax\n王芳,1,2\n", "unknown column 'phone_no', "
		    "'fax' in the header" },
		{ "name,NAME\n", "column name is in the header twice (columns 1 "
		    "and 2)" },
		{ "account,room\nA1,301\n", "the header has no name column" },
		{ "A001,王芳,13800001111\n", "the first row is not a header" },
		{ "name,,room\n", "column 2 of the header has no name" },
		{ "name,\"x\ny\"z\n", "line 1 (the header): text after the closing "
		    "quote" },
		{ "name,\x1b[2J\n", "unknown column '?[2J'" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(import(fx->k, cases[i].file, false, NULL, &rep,
		    &err), KF_INVALID);
		if (strstr(err.msg, cases[i].what) == NULL)
			fail_msg("case %zu: '%s' should say '%s'", i, err.msg,
			    cases[i].what);
		kf_import_report_free(&rep);
	}
	/* A header alone: nothing to import, and that is fine. */
	assert_int_equal(import(fx->k, "name\n", false, NULL, &rep, &err),
	    KF_OK);
	assert_int_equal(rep.rows, 0);
	assert_int_equal(rep.imported, 0);
	assert_int_equal(customers(fx->k), 0);
}

/* Chinese column names in any order, Chinese kinds, spreadsheet dates,
 * BOM and CRLF, blank rows, phones with several separators. */
static void
test_spreadsheet_file(void **state)
{
	struct fixture *fx = *state;
	struct kf_import_report rep;
	struct kf_customer c;
	struct kf_err err;

	assert_int_equal(import(fx->k,
	    "\xef\xbb\xbf房号,姓名 ,电话,类型,入住日期,户号,状态,备注\r\n"
	    "301,王芳,138-1234-5678；010 6555 1234,商户,2020/5/1,B-1,迁出,"
	    "\"有狗，\"\"小心\"\"\"\r\n"
	    "\r\n"
	    ",,,,,,,\r\n"
	    "502, 李军 ,13900001111/13900002222,Other,2021-12-3,,active,\r\n",
	    false, NULL, &rep, &err), KF_OK);
	assert_int_equal(rep.imported, 2);
	assert_int_equal(rep.rows, 2);
	assert_int_equal(rep.blank, 2);
	kf_import_report_free(&rep);
	assert_int_equal(kf_customer_get_account(fx->k, "B-1", &c, &err),
	    KF_OK);
	assert_string_equal(c.name, "王芳");
	assert_string_equal(c.room, "301");
	assert_string_equal(c.phones[0], "13812345678");
	assert_string_equal(c.phones[1], "01065551234");
	assert_null(c.phones[2]);
	assert_int_equal(c.kind, KF_CUST_COMMERCIAL);
	assert_int_equal(c.status, KF_CUST_MOVED_OUT);
	assert_string_equal(c.move_in, "2020-05-01");
	assert_string_equal(c.notes, "有狗，\"小心\"");
	kf_customer_clear(&c);
	/* The row without an account number got a generated one. */
	assert_int_equal(kf_customer_get(fx->k, 2, &c, &err), KF_OK);
	assert_string_equal(c.name, "李军");
	assert_string_equal(c.account, "K00000002");
	assert_int_equal(c.kind, KF_CUST_OTHER);
	assert_string_equal(c.move_in, "2021-12-03");
	assert_string_equal(c.phones[1], "13900002222");
	kf_customer_clear(&c);
}

/* A generated number never takes one that a later row gives. */
static void
test_generated_accounts_do_not_clash(void **state)
{
	struct fixture *fx = *state;
	struct kf_import_report rep;
	struct kf_customer c;
	struct kf_err err;

	assert_int_equal(import(fx->k, "account,name\n,甲\nK00000001,乙\n,丙\n",
	    false, NULL, &rep, &err), KF_OK);
	assert_int_equal(rep.imported, 3);
	kf_import_report_free(&rep);
	assert_int_equal(kf_customer_get_account(fx->k, "K00000001", &c, &err),
	    KF_OK);
	assert_string_equal(c.name, "乙");
	kf_customer_clear(&c);
	assert_int_equal(customers(fx->k), 3);
}

static void
test_huge_field_and_pipe(void **state)
{
	struct fixture *fx = *state;
	struct kf_import_report rep;
	struct kf_err err;
	size_t mb = 1024 * 1024;
	char *big = malloc(mb + 64);
	int fds[2];
	FILE *r;
	const char *text = "name,room\n王芳,301\n李军,502\n";

	strcpy(big, "name,notes\n王芳,");
	memset(big + strlen(big), 'x', mb);
	strcpy(big + strlen("name,notes\n王芳,") + mb, "\n李军,ok\n");
	assert_int_equal(import(fx->k, big, false, NULL, &rep, &err),
	    KF_INVALID);
	assert_int_equal(rep.nbad, 1);
	expect_bad(&rep, 0, 2, "notes", "longer than 65536 bytes");
	kf_import_report_free(&rep);
	free(big);
	assert_int_equal(customers(fx->k), 0);

	/* A pipe cannot seek: it is copied first, then read twice. */
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], text, strlen(text)),
	    (ssize_t)strlen(text));
	close(fds[1]);
	r = fdopen(fds[0], "r");
	assert_int_equal(kf_customer_import(fx->k, r, false, NULL, &rep, &err),
	    KF_OK);
	assert_int_equal(rep.imported, 2);
	kf_import_report_free(&rep);
	fclose(r);
	assert_int_equal(customers(fx->k), 2);
}

static void
test_permissions(void **state)
{
	struct fixture *fx = *state;
	struct kf_import_report rep;
	struct kf_core *t;
	struct kf_err err;
	FILE *out = tmpfile();

	fx_staff(fx->k, "tech", KF_ROLE_TECHNICIAN);
	fx_staff(fx->k, "disp", KF_ROLE_DISPATCHER);
	t = fx_session(fx, "tech");
	assert_int_equal(import(t, "name\n王芳\n", false, NULL, &rep, &err),
	    KF_DENIED);
	assert_int_equal(kf_customer_export(t, out, NULL, &err), KF_DENIED);
	kf_core_close(t);
	/* A dispatcher may look customers up (export) but not add them. */
	t = fx_session(fx, "disp");
	assert_int_equal(import(t, "name\n王芳\n", false, NULL, &rep, &err),
	    KF_DENIED);
	assert_int_equal(kf_customer_export(t, out, NULL, &err), KF_OK);
	kf_core_close(t);
	fclose(out);
	assert_int_equal(customers(fx->k), 0);
}

/* Export, import into a fresh database, export again: the same bytes. */
static void
test_round_trip(void **state)
{
	struct fixture *fx = *state;
	struct fixture *fresh;
	struct kf_import_report rep;
	struct kf_err err;
	char *first, *second;
	size_t n1, n2, i;
	FILE *f;
	void *st2;
	char line[256];

	assert_int_equal(import(fx->k,
	    "account,name,phones,community,building,unit,room,address,kind,"
	    "move_in,notes,status\n"
	    "A1,王芳,13812345678;01065551234,阳光花园,3号楼,2单元,301,,resident,"
	    "2020-05-01,\"有狗, 当心\",active\n"
	    "A2,\"O'Brien \"\"Q\"\"\",+8613900001111,,,,,\"Flat 2, 5 Rd\","
	    "commercial,,,moved_out\n"
	    "A3,张三丰,,武当山,1,,100%,,other,,\"x,y\",active\n",
	    false, NULL, &rep, &err), KF_OK);
	kf_import_report_free(&rep);
	/* And many more, to cross export pages (500) and import chunks. */
	f = tmpfile();
	fputs("name,phones,room\n", f);
	for (i = 0; i < 1203; i++)
		fprintf(f, "客户%zu,1380000%04zu,%zu\n", i, i, i % 40);
	rewind(f);
	assert_int_equal(kf_customer_import(fx->k, f, false, NULL, &rep, &err),
	    KF_OK);
	assert_int_equal(rep.imported, 1203);
	kf_import_report_free(&rep);
	fclose(f);
	first = export(fx->k, &n1);
	assert_int_equal(n1, 1206);

	assert_int_equal(fx_setup(&st2), 0);
	fresh = st2;
	f = tmpfile();
	fputs(first, f);
	rewind(f);
	assert_int_equal(kf_customer_import(fresh->k, f, false, NULL, &rep,
	    &err), KF_OK);
	assert_int_equal(rep.imported, 1206);
	kf_import_report_free(&rep);
	fclose(f);
	second = export(fresh->k, &n2);
	assert_int_equal(n2, 1206);
	assert_string_equal(first, second);
	/* The file starts as documented. */
	snprintf(line, sizeof(line), "%.*s", (int)strcspn(first, "\n"), first);
	assert_string_equal(line, "account,name,phones,community,building,unit,"
	    "room,address,kind,move_in,notes,status");
	assert_non_null(strstr(first, "\nA1,王芳,13812345678;01065551234,阳光花园,"
	    "3号楼,2单元,301,,resident,2020-05-01,\"有狗, 当心\",active\n"));
	/* An international number keeps its '+' behind the formula quote. */
	assert_non_null(strstr(first, "\nA2,\"O'Brien \"\"Q\"\"\","
	    "'+8613900001111,,,,,\"Flat 2, 5 Rd\",commercial,,,moved_out\n"));
	free(first);
	free(second);
	fx_teardown(&st2);
}

/*
 * Issue 11: a value a spreadsheet would run as a formula (= + - @ first)
 * is exported behind a single quote, and so is one that begins with a
 * quote; an import of the export gives every value back exactly.
 */
static void
test_formula_quoted(void **state)
{
	static const char *const notes[] = {
		"=HYPERLINK(\"http://evil.example/\",\"点此\")",
		"+1+1", "-5 元", "@SUM(A1:A2)", "'quoted", "''two", "'", "'=x",
		"a=b", "x'", "=", "-", "有=号",
	};
	const size_t nnotes = sizeof(notes) / sizeof(notes[0]);
	struct fixture *fx = *state, *fresh;
	struct kf_customer c, got;
	struct kf_import_report rep;
	struct kf_err err;
	char acct[16], *first, *second;
	size_t i, n;
	void *st2;
	FILE *f;

	for (i = 0; i < nnotes; i++) {
		snprintf(acct, sizeof(acct), "F%02zu", i);
		memset(&c, 0, sizeof(c));
		c.account = strdup(acct);
		c.name = strdup(i == 0 ? "=cmd|' /C calc'!A0" : "'O'Neil");
		c.phones[0] = strdup("+86 138 0013 8000");
		c.address = strdup(notes[i]);
		c.notes = strdup(notes[i]);
		kf_err_clear(&err);
		if (kf_customer_add(fx->k, &c, NULL, &err) != KF_OK)
			fail_msg("add %s: %s", notes[i], err.msg);
		kf_customer_clear(&c);
	}
	first = export(fx->k, &n);
	assert_int_equal(n, nnotes);
	assert_non_null(strstr(first, "\nF00,'=cmd|' /C calc'!A0,"
	    "'+8613800138000,,,,,\"'=HYPERLINK(\"\"http://evil.example/\"\","
	    "\"\"点此\"\")\",resident,,"));
	assert_non_null(strstr(first, "\nF01,''O'Neil,'+8613800138000,,,,,"
	    "'+1+1,resident,,'+1+1,active\n"));
	assert_non_null(strstr(first, ",'-5 元,resident,,'-5 元,"));
	assert_non_null(strstr(first, ",'@SUM(A1:A2),"));
	assert_non_null(strstr(first, ",''quoted,"));
	assert_non_null(strstr(first, ",'''two,"));
	assert_non_null(strstr(first, ",'',resident,,'',"));	/* "'" */
	assert_non_null(strstr(first, ",''=x,"));
	assert_non_null(strstr(first, ",a=b,resident,,a=b,"));
	assert_non_null(strstr(first, ",x',resident,,x',"));
	assert_non_null(strstr(first, ",'=,resident,,'=,"));
	assert_non_null(strstr(first, ",'-,resident,,'-,"));
	assert_non_null(strstr(first, ",有=号,"));
	/* No cell begins with a formula character. */
	assert_null(strstr(first, ",="));
	assert_null(strstr(first, ",+"));
	assert_null(strstr(first, ",-"));
	assert_null(strstr(first, ",@"));
	assert_null(strstr(first, ",\"="));

	/* Into a fresh database: every value exactly as it was. */
	assert_int_equal(fx_setup(&st2), 0);
	fresh = st2;
	f = tmpfile();
	fputs(first, f);
	rewind(f);
	kf_err_clear(&err);
	assert_int_equal(kf_customer_import(fresh->k, f, false, NULL, &rep,
	    &err), KF_OK);
	assert_int_equal(rep.imported, nnotes);
	kf_import_report_free(&rep);
	fclose(f);
	for (i = 0; i < nnotes; i++) {
		snprintf(acct, sizeof(acct), "F%02zu", i);
		assert_int_equal(kf_customer_get_account(fresh->k, acct, &got,
		    &err), KF_OK);
		assert_string_equal(got.notes, notes[i]);
		assert_string_equal(got.address, notes[i]);
		assert_string_equal(got.name, i == 0 ? "=cmd|' /C calc'!A0" :
		    "'O'Neil");
		assert_string_equal(got.phones[0], "+8613800138000");
		kf_customer_clear(&got);
	}
	second = export(fresh->k, &n);
	assert_string_equal(first, second);
	free(first);
	free(second);
	fx_teardown(&st2);
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(test_all_or_nothing),
		T(test_skip_bad_writes_rejects),
		T(test_rejects_keep_raw),
		T(test_header_rules),
		T(test_spreadsheet_file),
		T(test_generated_accounts_do_not_clash),
		T(test_huge_field_and_pipe),
		T(test_permissions),
		T(test_round_trip),
		T(test_formula_quoted),
		T(test_import_gives_back_cache_and_name),
		T(test_import_estimate),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
