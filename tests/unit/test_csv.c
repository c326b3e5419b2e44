/*
 * test_csv.c — the CSV reader and writer: RFC 4180 quoting, line endings,
 * the BOM, every kind of malformed record (reported with the line where
 * the record starts, then skipped so the next record reads), the limits
 * (a 1 MB field is refused, not a crash), writer round trips, and a
 * record's raw text (escaped, cut) for reject files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "kefu/csv.h"
#include "kefu/util.h"

/* A reader over a copy of the len bytes at s (fmemopen needs len > 0). */
struct src {
	char			*buf;
	FILE			*f;
	struct kf_csv_reader	*r;
};

static void
open_src(struct src *s, const char *data, size_t len)
{
	s->buf = malloc(len + 1);
	memcpy(s->buf, data, len);
	s->f = len ? fmemopen(s->buf, len, "r") : fopen("/dev/null", "r");
	assert_non_null(s->f);
	s->r = kf_csv_open(s->f);
}

static void
close_src(struct src *s)
{
	kf_csv_close(s->r);
	fclose(s->f);
	free(s->buf);
}

#define OPEN(s, lit)	open_src((s), (lit), sizeof(lit) - 1)

/* Expects a record of the given fields starting on line. */
static void
expect_rec(struct src *s, unsigned long line, size_t n, ...)
{
	struct kf_err err;
	char **f;
	size_t got, i;
	va_list ap;
	int x;

	x = kf_csv_next(s->r, &f, &got, &err);
	if (x != 1)
		fail_msg("expected a record at line %lu, got %d (%s)", line, x,
		    x < 0 ? err.msg : "end");
	assert_int_equal(kf_csv_line(s->r), line);
	assert_int_equal(got, n);
	va_start(ap, n);
	for (i = 0; i < n; i++)
		assert_string_equal(f[i], va_arg(ap, const char *));
	va_end(ap);
}

/* Expects a bad record at line, its message holding what, about field. */
static void
expect_bad(struct src *s, unsigned long line, size_t field, const char *what)
{
	struct kf_err err;
	char **f;
	size_t n;
	int x;

	x = kf_csv_next(s->r, &f, &n, &err);
	if (x != -1)
		fail_msg("expected a bad record at line %lu, got %d", line, x);
	assert_int_equal(err.rc, KF_INVALID);
	assert_int_equal(kf_csv_line(s->r), line);
	assert_int_equal(kf_csv_bad_field(s->r), field);
	if (strstr(err.msg, what) == NULL)
		fail_msg("message '%s' should say '%s'", err.msg, what);
	assert_null(f);
	assert_int_equal(n, 0);
}

static void
expect_end(struct src *s)
{
	struct kf_err err;
	char **f;
	size_t n;

	assert_int_equal(kf_csv_next(s->r, &f, &n, &err), 0);
	assert_int_equal(kf_csv_next(s->r, &f, &n, &err), 0);	/* stays */
}

static void
test_plain_records(void **state)
{
	struct src s;

	(void)state;
	OPEN(&s, "account,name,phones\nA1,王芳,13800001111\nA2,李军,\n");
	expect_rec(&s, 1, 3, "account", "name", "phones");
	expect_rec(&s, 2, 3, "A1", "王芳", "13800001111");
	expect_rec(&s, 3, 3, "A2", "李军", "");
	expect_end(&s);
	close_src(&s);
	/* No line ending after the last record. */
	OPEN(&s, "a,b\nc,d");
	expect_rec(&s, 1, 2, "a", "b");
	expect_rec(&s, 2, 2, "c", "d");
	expect_end(&s);
	close_src(&s);
}

static void
test_crlf_and_bom(void **state)
{
	struct src s;

	(void)state;
	/* Excel's "CSV UTF-8": BOM, CRLF. */
	OPEN(&s, "\xef\xbb\xbfname,room\r\n王芳,301\r\n李军,502\r\n");
	expect_rec(&s, 1, 2, "name", "room");
	expect_rec(&s, 2, 2, "王芳", "301");
	expect_rec(&s, 3, 2, "李军", "502");
	expect_end(&s);
	close_src(&s);
	/* Mixed endings. */
	OPEN(&s, "a\r\nb\nc\r\n");
	expect_rec(&s, 1, 1, "a");
	expect_rec(&s, 2, 1, "b");
	expect_rec(&s, 3, 1, "c");
	expect_end(&s);
	close_src(&s);
	/* A BOM anywhere else is text (a caller's check refuses it). */
	OPEN(&s, "a\n\xef\xbb\xbf" "b\n");
	expect_rec(&s, 1, 1, "a");
	expect_rec(&s, 2, 1, "\xef\xbb\xbf" "b");
	close_src(&s);
	/* Only a BOM: an empty file. */
	OPEN(&s, "\xef\xbb\xbf");
	expect_end(&s);
	close_src(&s);
	/* Half a BOM is not one: invalid UTF-8. */
	OPEN(&s, "\xef\xbb" "a\n");
	expect_bad(&s, 1, 1, "UTF-8");
	expect_end(&s);
	close_src(&s);
}

static void
test_quoted_fields(void **state)
{
	struct src s;

	(void)state;
	OPEN(&s, "\"a,b\",\"say \"\"hi\"\"\",\"line1\nline2\"\n"
	    "\"\",x,\"\"\"\"\n"
	    "\"crlf\r\ninside\",\"王\n芳\n\"\n"
	    "after,multi\n");
	expect_rec(&s, 1, 3, "a,b", "say \"hi\"", "line1\nline2");
	expect_rec(&s, 3, 3, "", "x", "\"");
	expect_rec(&s, 4, 2, "crlf\r\ninside", "王\n芳\n");
	/* Line numbers stay right after records of several lines. */
	expect_rec(&s, 8, 2, "after", "multi");
	expect_end(&s);
	close_src(&s);
	/* A quoted last field with no line ending; quoted fields then CRLF. */
	OPEN(&s, "\"a\",\"b\"\r\n\"c\"");
	expect_rec(&s, 1, 2, "a", "b");
	expect_rec(&s, 2, 1, "c");
	expect_end(&s);
	close_src(&s);
}

static void
test_empty_things(void **state)
{
	struct src s;

	(void)state;
	OPEN(&s, "");
	expect_end(&s);
	close_src(&s);
	/* Empty fields, an empty line, a lone quoted empty field. */
	OPEN(&s, ",,\n\n\"\"\n,\n");
	expect_rec(&s, 1, 3, "", "", "");
	expect_rec(&s, 2, 1, "");
	expect_rec(&s, 3, 1, "");
	expect_rec(&s, 4, 2, "", "");
	expect_end(&s);
	close_src(&s);
	/* A header and nothing else. */
	OPEN(&s, "account,name\n");
	expect_rec(&s, 1, 2, "account", "name");
	expect_end(&s);
	close_src(&s);
	/* A trailing comma is one more empty field. */
	OPEN(&s, "a,\n");
	expect_rec(&s, 1, 2, "a", "");
	expect_end(&s);
	close_src(&s);
}

static void
test_bad_quoting(void **state)
{
	struct src s;

	(void)state;
	/* An unterminated quote takes the rest of the file: one bad record
	 * at the line where it opened, then the end. */
	OPEN(&s, "name,notes\n王芳,\"no end\nnext,row\nlast,row\n");
	expect_rec(&s, 1, 2, "name", "notes");
	expect_bad(&s, 2, 2, "unterminated quoted field");
	expect_end(&s);
	close_src(&s);
	/* A quote inside an unquoted field: that line is skipped. */
	OPEN(&s, "a,b\"c,d\nx,y\n");
	expect_bad(&s, 1, 2, "quote inside an unquoted field");
	expect_rec(&s, 2, 2, "x", "y");
	expect_end(&s);
	close_src(&s);
	/* Text after a closing quote. */
	OPEN(&s, "\"ab\"c,d\nx\n");
	expect_bad(&s, 1, 1, "after the closing quote");
	expect_rec(&s, 2, 1, "x");
	expect_end(&s);
	close_src(&s);
	/* A bare CR (old Mac line endings). */
	OPEN(&s, "a\rb\nc\n");
	expect_bad(&s, 1, 1, "carriage return");
	expect_rec(&s, 2, 1, "c");
	close_src(&s);
	OPEN(&s, "\"q\"\rz\nc\n");
	expect_bad(&s, 1, 1, "carriage return");
	expect_rec(&s, 2, 1, "c");
	close_src(&s);
	/* A bad record of several lines: the next starts after it. */
	OPEN(&s, "\"two\nlines\"x\nok\n");
	expect_bad(&s, 1, 1, "after the closing quote");
	expect_rec(&s, 3, 1, "ok");
	expect_end(&s);
	close_src(&s);
}

static void
test_bad_bytes(void **state)
{
	struct src s;

	(void)state;
	/* Invalid UTF-8; GBK (王芳 saved by a Chinese Excel); a NUL. */
	OPEN(&s, "ok,\xff\xfe\n\xcd\xf5\xb7\xbc,x\na\0b\nfine,\"\xe7\x8e\"\n"
	    "\xed\xa0\x80\n\xc0\xaf\nlast\n");
	expect_bad(&s, 1, 2, "invalid UTF-8");
	expect_bad(&s, 2, 1, "GBK");
	expect_bad(&s, 3, 1, "NUL");
	expect_bad(&s, 4, 2, "UTF-8");		/* truncated sequence */
	expect_bad(&s, 5, 1, "UTF-8");		/* a surrogate */
	expect_bad(&s, 6, 1, "UTF-8");		/* an overlong '/' */
	expect_rec(&s, 7, 1, "last");
	expect_end(&s);
	close_src(&s);
}

static void
test_limits(void **state)
{
	struct src s;
	size_t mb = 1024 * 1024, i, len;
	char *big;
	struct kf_err err;
	char **f;
	size_t n;

	(void)state;
	/* A 1 MB field, unquoted then quoted with line breaks inside: each
	 * refused with a message, then the next record reads. */
	big = malloc(2 * mb + 100);
	len = 0;
	len += (size_t)sprintf(big, "name,notes\nA,");
	memset(big + len, 'x', mb);
	len += mb;
	len += (size_t)sprintf(big + len, "\nB,\"");
	for (i = 0; i < mb; i++)
		big[len + i] = i % 1000 == 999 ? '\n' : 'y';
	len += mb;
	len += (size_t)sprintf(big + len, "\"\nC,ok\n");
	open_src(&s, big, len);
	expect_rec(&s, 1, 2, "name", "notes");
	expect_bad(&s, 2, 2, "longer than 65536 bytes");
	expect_bad(&s, 3, 2, "longer than 65536 bytes");
	expect_rec(&s, 3 + mb / 1000 + 1, 2, "C", "ok");
	expect_end(&s);
	close_src(&s);
	/* An unterminated quote that also runs past the limit is reported
	 * as the unterminated quote it is. */
	len = (size_t)sprintf(big, "a,\"");
	memset(big + len, 'z', mb);
	len += mb;
	open_src(&s, big, len);
	expect_bad(&s, 1, 2, "unterminated");
	expect_end(&s);
	close_src(&s);
	/* Exactly at the limit is fine. */
	memset(big, 'w', KF_CSV_FIELD_MAX);
	big[KF_CSV_FIELD_MAX] = '\n';
	open_src(&s, big, KF_CSV_FIELD_MAX + 1);
	assert_int_equal(kf_csv_next(s.r, &f, &n, &err), 1);
	assert_int_equal(strlen(f[0]), KF_CSV_FIELD_MAX);
	close_src(&s);
	/* Too many fields. */
	len = 0;
	for (i = 0; i < 300; i++)
		big[len++] = ',';
	len += (size_t)sprintf(big + len, "\nnext\n");
	open_src(&s, big, len);
	expect_bad(&s, 1, 0, "more than 256 fields");
	expect_rec(&s, 2, 1, "next");
	close_src(&s);
	free(big);
	/* Limits set by the caller. */
	OPEN(&s, "abcd,e\nabcde\na,b,c\n");
	kf_csv_limits(s.r, 4, 2);
	expect_rec(&s, 1, 2, "abcd", "e");
	expect_bad(&s, 2, 1, "longer than 4 bytes");
	expect_bad(&s, 3, 0, "more than 2 fields");
	expect_end(&s);
	close_src(&s);
}

static void
test_read_error(void **state)
{
	struct kf_csv_reader *r;
	struct kf_err err;
	char **f;
	size_t n;
	FILE *w = fopen("/dev/null", "w");	/* reading it fails */

	(void)state;
	assert_non_null(w);
	r = kf_csv_open(w);
	assert_int_equal(kf_csv_next(r, &f, &n, &err), -1);
	assert_int_equal(err.rc, KF_DBERR);
	assert_non_null(strstr(err.msg, "cannot read"));
	assert_int_equal(kf_csv_next(r, &f, &n, &err), 0);
	kf_csv_close(r);
	fclose(w);
	kf_csv_close(NULL);
}

/* What kf_csv_write makes of fields. */
static char *
written(const char *const *v, size_t n)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	assert_int_equal(kf_csv_write(f, v, n), 0);
	fclose(f);
	return out;
}

static void
expect_written(const char *const *v, size_t n, const char *want)
{
	char *got = written(v, n);

	assert_string_equal(got, want);
	free(got);
}

static void
test_writer(void **state)
{
	const char *plain[] = { "A1", "王芳", "", NULL, "3号楼" };
	const char *quoted[] = { "a,b", "say \"hi\"", "two\nlines", " lead",
	    "trail ", "tab\there" };
	const char *unsafe[] = { "esc\x1b[2J", "cr\rx", "bad\xff",
	    "rtl\xe2\x80\xae", "del\x7f", "c1\xc2\x85" };
	const char *empty[] = { "" };
	const char *nul[] = { NULL };

	(void)state;
	expect_written(plain, 5, "A1,王芳,,,3号楼\n");
	expect_written(quoted, 6, "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\","
	    "\" lead\",\"trail \",tab\there\n");
	expect_written(unsafe, 6, "esc?[2J,cr?x,bad?,rtl?,del?,c1?\n");
	expect_written(empty, 1, "\"\"\n");
	expect_written(nul, 1, "\"\"\n");
}

/* Whatever the writer writes, the reader reads back the same fields. */
static void
test_round_trip(void **state)
{
	const char *v[] = { "", "\"", "\"\"", ",", "\n", "a\nb\nc",
	    "王芳，李军", " x ", "x\"y\"z", "\t", "😀", "" };
	size_t n = sizeof(v) / sizeof(v[0]), i, got;
	char *out = NULL, **f;
	size_t len = 0;
	struct kf_csv_reader *r;
	struct kf_err err;
	FILE *w = open_memstream(&out, &len), *in;

	(void)state;
	assert_int_equal(kf_csv_write(w, v, n), 0);
	assert_int_equal(kf_csv_write(w, v, 1), 0);	/* a lone empty field */
	assert_int_equal(kf_csv_write(w, v + 1, 2), 0);
	fclose(w);
	in = fmemopen(out, len, "r");
	r = kf_csv_open(in);
	assert_int_equal(kf_csv_next(r, &f, &got, &err), 1);
	assert_int_equal(got, n);
	for (i = 0; i < n; i++)
		assert_string_equal(f[i], v[i]);
	assert_int_equal(kf_csv_next(r, &f, &got, &err), 1);
	assert_int_equal(kf_csv_line(r), 5);	/* after 3 embedded LFs */
	assert_int_equal(got, 1);
	assert_string_equal(f[0], "");
	assert_int_equal(kf_csv_next(r, &f, &got, &err), 1);
	assert_int_equal(got, 2);
	assert_string_equal(f[1], "\"\"");
	assert_int_equal(kf_csv_next(r, &f, &got, &err), 0);
	kf_csv_close(r);
	fclose(in);
	free(out);
}

/*
 * Issue 11: a value a spreadsheet would run as a formula is written
 * behind a single quote (as is one that begins with a quote), and the
 * reader takes exactly that quote off.
 */
static void
test_formula_quote(void **state)
{
	const char *v[] = { "=1+1", "+86138", "-5", "@SUM(A1)", "\tx", "'",
	    "'x", "''", "a=1", "x'", "=a,b", "\rcr", "'=", "王=" };
	size_t n = sizeof(v) / sizeof(v[0]), i, got;
	char *out, **f;
	struct src s;
	struct kf_err err;
	char big[40];

	(void)state;
	out = written(v, n);
	assert_string_equal(out, "'=1+1,'+86138,'-5,'@SUM(A1),'\tx,'',''x,'''"
	    ",a=1,x',\"'=a,b\",?cr,''=,王=\n");
	open_src(&s, out, strlen(out));
	assert_int_equal(kf_csv_next(s.r, &f, &got, &err), 1);
	assert_int_equal(got, n);
	for (i = 0; i < n; i++)
		assert_string_equal(f[i], strcmp(v[i], "\rcr") == 0 ? "?cr" :
		    v[i]);
	close_src(&s);
	free(out);

	/* A hand-made file: a quote before anything else is the value's. */
	OPEN(&s, "'x,'',' =,\"'@a\",\"'\"\"\"\n");
	expect_rec(&s, 1, 5, "'x", "'", "' =", "@a", "'\"");
	close_src(&s);

	/* The field limit is on the value, not the quote before it. */
	memset(big, '=', sizeof(big));
	big[16] = '\0';
	{
		const char *one[] = { big };

		out = written(one, 1);
	}
	assert_int_equal(strlen(out), 18);		/* ' + 16 + LF */
	open_src(&s, out, strlen(out));
	kf_csv_limits(s.r, 16, 0);
	expect_rec(&s, 1, 1, big);
	close_src(&s);
	out[16] = '=';					/* 17 bytes of value */
	out[17] = '=';
	{
		char *longer = xasprintf("%.*s\n", 18, out);

		open_src(&s, longer, strlen(longer));
		kf_csv_limits(s.r, 16, 0);
		expect_bad(&s, 1, 1, "longer than 16");
		close_src(&s);
		free(longer);
	}
	free(out);
	OPEN(&s, "'abcdefghijklmnop\n");		/* not a formula quote */
	kf_csv_limits(s.r, 16, 0);
	expect_bad(&s, 1, 1, "longer than 16");
	close_src(&s);
}

static void
test_write_error(void **state)
{
	const char *v[] = { "x" };
	FILE *f = fopen("/dev/full", "w");

	(void)state;
	if (f == NULL)
		skip();
	setvbuf(f, NULL, _IONBF, 0);
	assert_int_equal(kf_csv_write(f, v, 1), -1);
	fclose(f);
}

/* The raw record: what a reject file keeps of a row it could not read. */
static void
test_raw(void **state)
{
	struct src s;
	struct kf_err err;
	char **f;
	size_t n;

	(void)state;
	OPEN(&s, "a\n");
	assert_int_equal(kf_csv_next(s.r, &f, &n, &err), 1);
	assert_null(kf_csv_raw(s.r));		/* not kept unless asked */
	close_src(&s);

	/* BOM and line ending left out; bad bytes, controls, invisible
	 * characters and backslashes escaped; LF and TAB as they are. */
	OPEN(&s, "\xef\xbb\xbfok,\"x\"\r\n"
	    "ab\"c,d\r\n"
	    "\xcd\xf5,C:\\tmp\t1\n"
	    "\"two\r\nlines\"x\n"
	    "nul\0,\xe2\x80\xae\n"
	    "bare\rcr\n"
	    "last");
	kf_csv_keep_raw(s.r, 64);
	expect_rec(&s, 1, 2, "ok", "x");
	assert_string_equal(kf_csv_raw(s.r), "ok,\"x\"");
	expect_bad(&s, 2, 1, "quote inside");
	assert_string_equal(kf_csv_raw(s.r), "ab\"c,d");
	expect_bad(&s, 3, 1, "UTF-8");
	assert_string_equal(kf_csv_raw(s.r), "\\xCD\\xF5,C:\\\\tmp\t1");
	assert_true(kf_csv_written_as_is(kf_csv_raw(s.r)));
	expect_bad(&s, 4, 1, "after the closing quote");
	assert_string_equal(kf_csv_raw(s.r), "\"two\\x0D\nlines\"x");
	assert_true(kf_csv_written_as_is(kf_csv_raw(s.r)));
	expect_bad(&s, 6, 1, "NUL");
	assert_string_equal(kf_csv_raw(s.r), "nul\\x00,\\xE2\\x80\\xAE");
	expect_bad(&s, 7, 1, "carriage return");
	assert_string_equal(kf_csv_raw(s.r), "bare\\x0Dcr");
	expect_rec(&s, 8, 1, "last");
	assert_string_equal(kf_csv_raw(s.r), "last");
	expect_end(&s);
	close_src(&s);

	/* At most max bytes: cut at a whole character or escape, marked
	 * with a backslash and "…" (no escape). */
	OPEN(&s, "abcdefghijklmnop\r\n"
	    "abcdefghijklmnopqrstuvwxyz\n"
	    "abcdefgh\xff\xff\n"
	    "abcdefghi\xff\xff\n");
	kf_csv_keep_raw(s.r, 16);
	expect_rec(&s, 1, 1, "abcdefghijklmnop");
	assert_string_equal(kf_csv_raw(s.r), "abcdefghijklmnop");
	expect_rec(&s, 2, 1, "abcdefghijklmnopqrstuvwxyz");
	assert_string_equal(kf_csv_raw(s.r), "abcdefghijkl\\\xe2\x80\xa6");
	expect_bad(&s, 3, 1, "UTF-8");
	assert_string_equal(kf_csv_raw(s.r), "abcdefgh\\xFF\\xFF");
	expect_bad(&s, 4, 1, "UTF-8");
	assert_string_equal(kf_csv_raw(s.r), "abcdefghi\\\xe2\x80\xa6");
	expect_end(&s);
	close_src(&s);

	assert_true(kf_csv_written_as_is("王芳\tb\nc"));
	assert_false(kf_csv_written_as_is("a\x01"));
	assert_false(kf_csv_written_as_is("\xcd\xf5"));
	assert_false(kf_csv_written_as_is("\xe2\x80\xae"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_records),
		cmocka_unit_test(test_crlf_and_bom),
		cmocka_unit_test(test_quoted_fields),
		cmocka_unit_test(test_empty_things),
		cmocka_unit_test(test_bad_quoting),
		cmocka_unit_test(test_bad_bytes),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_read_error),
		cmocka_unit_test(test_writer),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_formula_quote),
		cmocka_unit_test(test_write_error),
		cmocka_unit_test(test_raw),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
