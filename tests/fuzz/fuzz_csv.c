/*
 * fuzz_csv.c — libFuzzer target for the CSV reader and writer
 * (include/kefu/csv.h).
 *
 * The input is read as a CSV file (through fmemopen, as the importer reads
 * a FILE). Beyond "no crash, no leak, no undefined behaviour" it checks
 * what the header promises:
 *   - a record has at least one field; every field is valid UTF-8 within
 *     the limits; a bad record's field number is within the record;
 *   - line numbers never go back;
 *   - every record written by kf_csv_write reads back as the same fields
 *     (the writer turns unsafe characters into '?': those records are
 *     only checked for their field count);
 *   - every record's raw text (kf_csv_raw), good or bad, is within its
 *     limit, written by kf_csv_write as it is, and holds no backslash
 *     but \\, \xNN and a cut text's final \….
 * The first byte's low bit selects tiny limits (16 bytes, 4 fields, 16
 * bytes of raw text), so short inputs reach the limit paths too. See
 * tests/fuzz/CMakeLists.txt.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kefu/csv.h"
#include "kefu/util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_csv: %s\n", what);
		abort();
	}
}

/*
 * True when the writer leaves every field as it is: nothing in them that
 * kf_unsafe_char refuses but LF and TAB (the fields are valid UTF-8).
 */
static int
writable(char **f, size_t n)
{
	char *t, *p;
	size_t i;
	int ok = 1;

	for (i = 0; ok && i < n; i++) {
		t = xstrdup(f[i]);
		for (p = t; *p; p++)
			if (*p == '\n' || *p == '\t')
				*p = 'a';
		ok = kf_text_clean(t);
		free(t);
	}
	return ok;
}

static void
round_trip(char **f, size_t n)
{
	struct kf_csv_reader *r;
	struct kf_err err;
	char *out = NULL, **g;
	size_t len = 0, m, i;
	FILE *w = open_memstream(&out, &len), *in;
	int same = writable(f, n);

	check(w != NULL, "open_memstream");
	check(kf_csv_write(w, (const char *const *)f, n) == 0, "write");
	fclose(w);
	in = fmemopen(out, len, "r");
	check(in != NULL, "fmemopen");
	r = kf_csv_open(in);
	check(kf_csv_next(r, &g, &m, &err) == 1, "a written record reads back");
	check(m == n, "the same number of fields");
	for (i = 0; same && i < n; i++)
		check(strcmp(f[i], g[i]) == 0, "the same fields");
	check(kf_csv_next(r, &g, &m, &err) == 0,
	    "one record written, one read");
	kf_csv_close(r);
	fclose(in);
	free(out);
}

static void
check_raw(const char *raw, size_t max)
{
	const unsigned char *p = (const unsigned char *)raw;
	size_t i;

	check(raw != NULL, "raw kept");
	check(strlen(raw) <= max, "raw within its limit");
	check(kf_csv_written_as_is(raw), "raw written as it is");
	for (i = 0; p[i] != '\0'; i++) {
		if (p[i] != '\\')
			continue;
		if (p[i + 1] == '\\') {
			i++;
			continue;
		}
		if (p[i + 1] == 'x' && isxdigit(p[i + 2]) && isxdigit(p[i + 3])) {
			i += 3;
			continue;
		}
		check(strcmp(raw + i, "\\\xe2\x80\xa6") == 0,
		    "a backslash is an escape or the cut mark");
		break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kf_csv_reader *r;
	struct kf_err err;
	size_t n, i, field_max = KF_CSV_FIELD_MAX;
	size_t fields_max = KF_CSV_FIELDS_MAX, raw_max = 4096;
	unsigned long last = 0;
	char *copy, **f;
	FILE *in;
	int x;

	if (size == 0)
		return 0;
	copy = malloc(size);
	memcpy(copy, data, size);
	in = fmemopen(copy, size, "r");
	check(in != NULL, "fmemopen");
	r = kf_csv_open(in);
	if (data[0] & 1) {
		field_max = 16;
		fields_max = 4;
		raw_max = 16;
		kf_csv_limits(r, field_max, fields_max);
	}
	kf_csv_keep_raw(r, raw_max);
	while ((x = kf_csv_next(r, &f, &n, &err)) != 0) {
		check(kf_csv_line(r) >= 1 && kf_csv_line(r) >= last,
		    "line numbers never go back");
		last = kf_csv_line(r);
		check_raw(kf_csv_raw(r), raw_max);
		if (x < 0) {
			check(err.rc == KF_INVALID, "a bad record: KF_INVALID");
			check(err.msg[0] != '\0', "a bad record says why");
			check(kf_csv_bad_field(r) <= size + 1,
			    "the bad field is one of the record's");
			continue;
		}
		check(n >= 1 && n <= fields_max, "1 to fields_max fields");
		for (i = 0; i < n; i++) {
			check(strlen(f[i]) <= field_max,
			    "a field within the limit");
			check(kf_utf8_valid(f[i]), "fields are UTF-8");
		}
		round_trip(f, n);
	}
	kf_csv_close(r);
	fclose(in);
	free(copy);
	return 0;
}
