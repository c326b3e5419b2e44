/*
 * csv.c — the CSV reader and writer (see include/kefu/csv.h).
 *
 * Design note: the reader. Bytes come through a read-ahead buffer; one
 * record is parsed by a small state machine and its fields collected, NUL
 * separated, in one growing byte array (data) with their start offsets:
 *
 *            +--------------------------------------------------+
 *            v                                                  |
 *   ----> FIELD --other--> UNQUOTED (other bytes kept) --','----+
 *            |                |  '"': bad, skip the line        |
 *           '"'               +-- LF, CRLF, EOF: record ends    |
 *            v                                                  |
 *         QUOTED (other bytes, LF and '""' as '"' kept)         |
 *            |    EOF: bad (unterminated)                       |
 *           '"'                                                 |
 *            v                                                  |
 *       AFTER_QUOTE ---------------------------------','--------+
 *            |  LF, CRLF, EOF: record ends
 *            +- anything else: bad, skip the line
 *
 * Invariants:
 *   1. r->line counts every LF consumed, inside quotes or not, so it is
 *      always the physical line of the next byte; rec_line is r->line when
 *      the record's first byte was read.
 *   2. Once a record is bad (bad != P_NONE), nothing more is stored: the
 *      machine only runs on to the record's end (or, for a stray quote,
 *      text after a closing quote or a bare CR, where the structure is
 *      lost, to the end of the physical line), so the next call starts at
 *      the next record and memory stays bounded by the limits.
 *   3. The first problem found is the one reported, except that a quoted
 *      field still open at the end of the input is reported as such (it
 *      swallowed the rest of the file: whatever else went wrong after the
 *      quote follows from it).
 *   4. With kf_csv_keep_raw, every byte get() consumes is also copied to
 *      raw, from the record's first byte (after the BOM) to its line
 *      ending, up to raw_max + 2 bytes (the content and a CRLF); past that
 *      raw_cut is set. Invariant 2 does not apply to raw: a bad record's
 *      bytes are exactly what kf_csv_raw is for. kf_csv_raw escapes them
 *      only when asked, so a good record costs one copy of its bytes.
 */
#include <assert.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "kefu/csv.h"

#define BUFSZ	((size_t)64 * 1024)

enum problem {
	P_NONE,
	P_FIELDS,		/* more than fields_max fields */
	P_LONG,			/* a field over field_max bytes */
	P_NUL,
	P_UTF8,
	P_CR,			/* CR not followed by LF, outside quotes */
	P_UNTERMINATED,
	P_AFTER_QUOTE,		/* "abc"def */
	P_STRAY_QUOTE,		/* ab"c */
};

struct kf_csv_reader {
	FILE		*f;
	unsigned char	*buf;
	size_t		 pos, len;
	bool		 eof;		/* f gave its last byte */
	bool		 ioerr;		/* a read failed: the end for us */
	int		 ioerrno;
	bool		 started;	/* the BOM check was done */
	unsigned long	 line;		/* invariant 1 */
	unsigned long	 rec_line;
	size_t		 field_max, fields_max;

	/* The record being read (lent to the caller until the next call). */
	char		*data;
	size_t		 dlen, dcap;
	size_t		*off;		/* start of each field in data */
	size_t		 nf, offcap;
	char		**fields;
	size_t		 fcap;
	size_t		 flen;		/* bytes in the current field */
	size_t		 fieldno;	/* 1-based, counted even when bad */

	/* The record's first problem (invariant 3). */
	enum problem	 bad;
	size_t		 bad_field;	/* 1-based; 0: the record as a whole */

	/* The record's bytes as read (invariant 4; raw_cap 0: not kept). */
	char		*raw;
	size_t		 raw_len, raw_cap;	/* raw_cap: raw_max + 2 */
	size_t		 raw_max;		/* kf_csv_raw's limit */
	bool		 raw_cut;
	struct kf_buf	 raw_text;	/* kf_csv_raw's answer */
};

/*
 * Spreadsheet formulas (issue 11). WPS, Excel and LibreOffice run a cell
 * that begins with = + - @ (or a tab or carriage return, as OWASP lists
 * them) as a formula: =HYPERLINK(...) in a customer's note becomes a live
 * link. The writer puts a single quote before such a value, as spreadsheet
 * users write text that must stay text, and before a value that begins
 * with a quote itself; the reader takes exactly that quote off again:
 *
 *   value        written      read back
 *   =1+1         '=1+1        =1+1
 *   +8613800..   '+8613800..  +8613800..
 *   'x           ''x          'x
 *   x'           x'           x'
 *
 * The writer adds the quote when the value begins with one of FORMULA_LEAD
 * (the quote included); the reader takes a quote off when it is followed
 * by one of them. So every value reads back as it was written, whatever it
 * begins with; a hand-made file's field that begins with a quote and then
 * one of these loses that first quote (as a spreadsheet hides it).
 */
static const char FORMULA_LEAD[] = "=+-@\t\r'";

/* True when s (read from a file) begins with the writer's formula quote. */
static bool
formula_quoted(const char *s)
{
	return s[0] == '\'' && s[1] != '\0' &&
	    strchr(FORMULA_LEAD, s[1]) != NULL;
}

struct kf_csv_reader *
kf_csv_open(FILE *f)
{
	struct kf_csv_reader *r = xcalloc(1, sizeof(*r));

	r->f = f;
	r->buf = xmalloc(BUFSZ);
	r->line = 1;
	r->field_max = KF_CSV_FIELD_MAX;
	r->fields_max = KF_CSV_FIELDS_MAX;
	return r;
}

void
kf_csv_limits(struct kf_csv_reader *r, size_t field_max, size_t fields_max)
{
	if (field_max > 0)
		r->field_max = field_max;
	if (fields_max > 0)
		r->fields_max = fields_max;
}

void
kf_csv_keep_raw(struct kf_csv_reader *r, size_t max)
{
	assert(max >= 16);
	free(r->raw);
	r->raw_max = max;
	r->raw_cap = max + 2;
	r->raw = xmalloc(r->raw_cap);
	r->raw_len = 0;
}

void
kf_csv_close(struct kf_csv_reader *r)
{
	if (r == NULL)
		return;
	free(r->buf);
	free(r->data);
	free(r->off);
	free(r->fields);
	free(r->raw);
	kf_buf_free(&r->raw_text);
	free(r);
}

unsigned long
kf_csv_line(const struct kf_csv_reader *r)
{
	return r->rec_line;
}

size_t
kf_csv_bad_field(const struct kf_csv_reader *r)
{
	return r->bad_field;
}

/* Refills the buffer, keeping the unread bytes; false at the end. */
static bool
fill(struct kf_csv_reader *r)
{
	size_t got;

	if (r->eof || r->ioerr)
		return false;
	if (r->pos > 0) {
		memmove(r->buf, r->buf + r->pos, r->len - r->pos);
		r->len -= r->pos;
		r->pos = 0;
	}
	got = fread(r->buf + r->len, 1, BUFSZ - r->len, r->f);
	r->len += got;
	if (got == 0) {
		if (ferror(r->f)) {
			r->ioerr = true;
			r->ioerrno = errno;
		} else
			r->eof = true;
		return false;
	}
	return true;
}

/* The next byte, or -1 at the end of the input. */
static inline int
peek(struct kf_csv_reader *r)
{
	if (r->pos == r->len && !fill(r))
		return -1;
	return r->buf[r->pos];
}

static inline int
get(struct kf_csv_reader *r)
{
	int c = peek(r);

	if (c >= 0) {
		r->pos++;
		if (c == '\n')
			r->line++;
		if (r->raw_len < r->raw_cap)		/* invariant 4 */
			r->raw[r->raw_len++] = (char)c;
		else if (r->raw_cap > 0)
			r->raw_cut = true;
	}
	return c;
}

static void
mark_bad(struct kf_csv_reader *r, enum problem why, bool whole_record)
{
	if (r->bad != P_NONE)
		return;
	r->bad = why;
	r->bad_field = whole_record ? 0 : r->fieldno;
}

static void
start_field(struct kf_csv_reader *r)
{
	r->fieldno++;
	if (r->bad != P_NONE)
		return;
	if (r->nf == r->fields_max) {
		mark_bad(r, P_FIELDS, true);
		return;
	}
	if (r->nf == r->offcap) {
		r->offcap = r->offcap ? r->offcap * 2 : 16;
		r->off = xrealloc(r->off, r->offcap * sizeof(*r->off));
	}
	r->off[r->nf++] = r->dlen;
	r->flen = 0;
}

static inline void
put(struct kf_csv_reader *r, int c)
{
	if (r->bad != P_NONE)
		return;
	if (c == '\0') {
		mark_bad(r, P_NUL, false);
		return;
	}
	/* The limit is on the value: a formula quote, taken off when the
	 * record is returned, is one byte more. */
	if (r->flen == r->field_max + (r->flen >= 2 &&
	    formula_quoted(r->data + r->off[r->nf - 1]))) {
		mark_bad(r, P_LONG, false);
		return;
	}
	if (r->dlen + 1 >= r->dcap) {
		r->dcap = r->dcap ? r->dcap * 2 : 1024;
		r->data = xrealloc(r->data, r->dcap);
	}
	r->data[r->dlen++] = (char)c;
	r->flen++;
}

static void
end_field(struct kf_csv_reader *r)
{
	if (r->bad != P_NONE)
		return;
	if (r->dlen + 1 > r->dcap) {
		r->dcap = r->dcap ? r->dcap * 2 : 1024;
		r->data = xrealloc(r->data, r->dcap);
	}
	r->data[r->dlen++] = '\0';
	if (!kf_utf8_valid(r->data + r->off[r->nf - 1]))
		mark_bad(r, P_UTF8, false);
}

/* Invariant 2: the structure is lost; on to the end of the physical line. */
static void
skip_line(struct kf_csv_reader *r)
{
	int c;

	while ((c = get(r)) >= 0 && c != '\n')
		;
}

/*
 * After a CR outside quotes: takes its LF, or (a bare CR) marks the record
 * bad and skips the rest of the physical line.
 */
static void
line_end(struct kf_csv_reader *r)
{
	if (peek(r) == '\n') {
		get(r);
		return;
	}
	mark_bad(r, P_CR, false);
	skip_line(r);
}

/* Parses one record; false at the end of the input (nothing read). */
static bool
parse(struct kf_csv_reader *r)
{
	int c;

	r->dlen = 0;
	r->nf = 0;
	r->fieldno = 0;
	r->bad = P_NONE;
	r->bad_field = 0;
	if (!r->started) {
		r->started = true;
		while (r->len - r->pos < 3 && fill(r))
			;
		if (r->len - r->pos >= 3 &&
		    memcmp(r->buf + r->pos, "\xef\xbb\xbf", 3) == 0)
			r->pos += 3;
	}
	if (peek(r) < 0)
		return false;
	r->rec_line = r->line;
	r->raw_len = 0;
	r->raw_cut = false;
	for (;;) {			/* one field per turn */
		start_field(r);
		c = get(r);
		if (c == '"') {
			for (;;) {
				c = get(r);
				if (c < 0) {	/* invariant 3 */
					r->bad = P_NONE;
					mark_bad(r, P_UNTERMINATED, false);
					return true;
				}
				if (c == '"') {
					if (peek(r) != '"')
						break;
					get(r);
				}
				put(r, c);
			}
			end_field(r);
			c = get(r);
			if (c == ',')
				continue;
			if (c < 0 || c == '\n')
				return true;
			if (c == '\r') {
				line_end(r);
				return true;
			}
			mark_bad(r, P_AFTER_QUOTE, false);
			skip_line(r);
			return true;
		}
		for (;;) {
			if (c < 0 || c == ',' || c == '\n' || c == '\r')
				break;
			if (c == '"') {
				mark_bad(r, P_STRAY_QUOTE, false);
				skip_line(r);
				return true;
			}
			put(r, c);
			c = get(r);
		}
		end_field(r);
		if (c == ',')
			continue;
		if (c == '\r')
			line_end(r);
		return true;
	}
}

/* Says what the record's problem is (translated). */
static void
report(const struct kf_csv_reader *r, struct kf_err *err)
{
	switch (r->bad) {
	case P_FIELDS:
		kf_err_set(err, KF_INVALID, "more than %zu fields",
		    r->fields_max);
		break;
	case P_LONG:
		kf_err_set(err, KF_INVALID, "field longer than %zu bytes",
		    r->field_max);
		break;
	case P_NUL:
		kf_err_set(err, KF_INVALID,
		    "a NUL byte (is this a text file?)");
		break;
	case P_UTF8:
		kf_err_set(err, KF_INVALID, "invalid UTF-8 (save the file as "
		    "CSV UTF-8; GBK is not read)");
		break;
	case P_CR:
		kf_err_set(err, KF_INVALID, "a carriage return without a line "
		    "feed (save the file with Windows or Unix line endings)");
		break;
	case P_UNTERMINATED:
		kf_err_set(err, KF_INVALID, "unterminated quoted field (its "
		    "closing quote is missing)");
		break;
	case P_AFTER_QUOTE:
		kf_err_set(err, KF_INVALID, "text after the closing quote of a "
		    "field (quote the whole field)");
		break;
	case P_STRAY_QUOTE:
		kf_err_set(err, KF_INVALID, "a quote inside an unquoted field "
		    "(quote the whole field and double the quote)");
		break;
	case P_NONE:
		break;
	}
}

int
kf_csv_next(struct kf_csv_reader *r, char ***fields, size_t *n,
    struct kf_err *err)
{
	size_t i;

	*fields = NULL;
	*n = 0;
	if (!parse(r)) {
		if (r->ioerr) {
			r->ioerr = false;	/* reported once, then the end */
			r->eof = true;
			kf_err_set(err, KF_DBERR, "cannot read the file: %s",
			    strerror(r->ioerrno));
			return -1;
		}
		return 0;
	}
	if (r->ioerr) {
		r->ioerr = false;
		r->eof = true;
		r->bad_field = 0;
		kf_err_set(err, KF_DBERR, "cannot read the file: %s",
		    strerror(r->ioerrno));
		return -1;
	}
	if (r->bad != P_NONE) {
		report(r, err);
		return -1;
	}
	if (r->nf > r->fcap) {
		r->fcap = r->nf;
		r->fields = xrealloc(r->fields, r->fcap * sizeof(*r->fields));
	}
	for (i = 0; i < r->nf; i++) {
		r->fields[i] = r->data + r->off[i];
		if (formula_quoted(r->fields[i]))
			r->fields[i]++;		/* the writer's, not the value's */
	}
	*fields = r->fields;
	*n = r->nf;
	return 1;
}

/* ---- writing ---- */

/*
 * The length of the valid UTF-8 sequence at s (*cp its value), or 0; at
 * most avail bytes (avail >= 1) are looked at.
 */
static int
decode(const unsigned char *s, size_t avail, unsigned *cp)
{
	bool bad = false;
	size_t n = kf_utf8_decode_n((const char *)s, avail, cp, &bad);

	return bad ? 0 : (int)n;
}

/* True when kf_csv_write writes character cp as it is. */
static bool
written_raw(unsigned cp)
{
	return !kf_unsafe_char(cp) || cp == '\n' || cp == '\t';
}

bool
kf_csv_written_as_is(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t left = strlen(s);
	unsigned cp;
	int len;

	for (; *p; left -= (size_t)len, p += len)
		if ((len = decode(p, left, &cp)) == 0 || !written_raw(cp))
			return false;
	return true;
}

/* s with every unsafe character (but LF and TAB) and bad byte as '?'. */
static void
sanitise(struct kf_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t left = strlen(s);
	unsigned cp;
	int len;

	kf_buf_reset(b);
	kf_buf_puts(b, "");
	for (; *p; left -= (size_t)len, p += len) {
		len = decode(p, left, &cp);
		if (len == 0) {
			kf_buf_add(b, "?", 1);
			len = 1;
		} else if (!written_raw(cp))
			kf_buf_add(b, "?", 1);
		else
			kf_buf_add(b, (const char *)p, (size_t)len);
	}
}

int
kf_csv_write(FILE *f, const char *const *fields, size_t n)
{
	struct kf_buf b = { 0 }, lead = { 0 };
	const char *s, *p;
	size_t i, len;
	bool quote;

	for (i = 0; i < n; i++) {
		if (i > 0)
			putc(',', f);
		sanitise(&b, fields[i] ? fields[i] : "");
		s = kf_buf_str(&b);
		if (s[0] != '\0' && strchr(FORMULA_LEAD, s[0]) != NULL) {
			/* A formula stays text (see FORMULA_LEAD). */
			kf_buf_reset(&lead);
			kf_buf_puts(&lead, "'");
			kf_buf_puts(&lead, s);
			s = kf_buf_str(&lead);
		}
		len = strlen(s);
		/* One empty field alone would be an empty line: quote it. */
		quote = strpbrk(s, ",\"\n") != NULL || (len > 0 &&
		    (s[0] == ' ' || s[0] == '\t' || s[len - 1] == ' ' ||
		    s[len - 1] == '\t')) || (n == 1 && len == 0);
		if (!quote) {
			fputs(s, f);
			continue;
		}
		putc('"', f);
		for (p = s; *p; p++) {
			if (*p == '"')
				putc('"', f);
			putc(*p, f);
		}
		putc('"', f);
	}
	putc('\n', f);
	kf_buf_free(&b);
	kf_buf_free(&lead);
	return ferror(f) ? -1 : 0;
}

/* ---- a record as it was in the file ---- */

/* Ends a cut text: a backslash not followed by '\' or 'x' is no escape. */
#define CUT_MARK	"\\\xe2\x80\xa6"	/* \… */

const char *
kf_csv_raw(struct kf_csv_reader *r)
{
	const unsigned char *p = (const unsigned char *)r->raw;
	struct kf_buf *b = &r->raw_text;
	size_t left = r->raw_len, fit = 0, room;
	char hex[8];
	unsigned cp;
	int len, i;

	if (r->raw_cap == 0)
		return NULL;
	/* The line ending is not part of the record (invariant 4). */
	if (!r->raw_cut && left > 0 && p[left - 1] == '\n') {
		left--;
		if (left > 0 && p[left - 1] == '\r')
			left--;
	}
	room = r->raw_max - (sizeof(CUT_MARK) - 1);
	kf_buf_reset(b);
	kf_buf_puts(b, "");
	for (; left > 0; left -= (size_t)len, p += len) {
		len = decode(p, left, &cp);
		if (len > 0 && cp == '\\')
			kf_buf_add(b, "\\\\", 2);
		else if (len > 0 && written_raw(cp))
			kf_buf_add(b, (const char *)p, (size_t)len);
		else {
			if (len == 0)
				len = 1;
			for (i = 0; i < len; i++) {
				snprintf(hex, sizeof(hex), "\\x%02X", p[i]);
				kf_buf_add(b, hex, 4);
			}
		}
		if (b->len <= room)
			fit = b->len;	/* the last whole piece that leaves room */
	}
	if (r->raw_cut || b->len > r->raw_max) {
		b->len = fit;
		b->s[fit] = '\0';
		kf_buf_puts(b, CUT_MARK);
	}
	return kf_buf_str(b);
}
