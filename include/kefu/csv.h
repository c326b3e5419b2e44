/*
 * csv.h — reading and writing CSV (RFC 4180), for the importers and the
 * exports. No SQL, no screens: bytes in, fields out.
 *
 * Reading streams over a FILE*: only the record being read is held, so a
 * 100,000-row or a 1 GB file costs the memory of its longest record. The
 * reader accepts what spreadsheets write:
 *   - fields separated by ',', records by LF or CRLF (mixed is fine); the
 *     last record may lack its line ending;
 *   - quoted fields ("..."), with "" for a quote and with commas, CR and LF
 *     inside kept as they are;
 *   - a UTF-8 byte-order mark at the very start (Excel's "CSV UTF-8"),
 *     skipped;
 *   - an empty line: a record of one empty field (the caller decides);
 *   - a field that begins with a single quote followed by = + - @ TAB CR
 *     or another quote: the writer's formula quote (below), taken off;
 *     any other quote is the value's.
 * A record is refused, with the physical line where it starts and a reason,
 * when it has an unterminated quoted field, a quote inside an unquoted
 * field or text after a closing quote, a carriage return not followed by a
 * line feed outside quotes, a NUL byte, invalid UTF-8 (a GBK file, say), a
 * field longer than the field limit (64 KiB) or more fields than the field
 * limit (256). The reader then skips to the end of that record, so the
 * next call reads the next one: a caller can report every bad record.
 *
 * Writing (kf_csv_write) quotes a field only when it must (a comma, a
 * quote, a line break, or a space at either end), doubles quotes, ends
 * records with LF (not CRLF: the files are for programs and for kefu, and
 * every spreadsheet reads LF), and never writes a control or invisible
 * format character raw: anything kf_unsafe_char refuses (except LF and
 * TAB) and any byte that is not valid UTF-8 is written as '?'. A value
 * that begins with = + - @ or TAB, which a spreadsheet (WPS, Excel) would
 * run as a formula (=HYPERLINK(...)), or with a single quote, is written
 * with a single quote before it, as spreadsheet users keep text as text;
 * the reader takes that quote off, so every value reads back exactly as
 * it was (docs/csv.md, issue 11).
 */
#ifndef KEFU_CSV_H
#define KEFU_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "kefu/err.h"

#define KF_CSV_FIELD_MAX	((size_t)64 * 1024)	/* bytes in one field */
#define KF_CSV_FIELDS_MAX	256		/* fields in one record */

struct kf_csv_reader;

/*
 * Starts reading CSV from f at its current position; f stays the
 * caller's (kf_csv_close does not close it). The reader reads ahead in
 * its own buffer, so f's position afterwards is not where the last
 * record ended. Never returns NULL (allocation failure aborts).
 */
struct kf_csv_reader *kf_csv_open(FILE *f);

/*
 * Lowers (or raises) the limits of a reader before its first record:
 * field_max bytes in a field, fields_max fields in a record (0 keeps the
 * current value).
 */
void		kf_csv_limits(struct kf_csv_reader *r, size_t field_max,
		    size_t fields_max);

/*
 * Reads the next record. Returns
 *    1  a record: *fields holds *n NUL-terminated fields (n >= 1), valid
 *       UTF-8 without NUL bytes, each without the writer's formula quote
 *       (the field limit counts the value, not that quote); the array and
 *       the strings are lent until the next call or kf_csv_close;
 *    0  the end of the input (*fields NULL, *n 0);
 *   -1  a bad record (KF_INVALID: err says why, without the line number,
 *       which kf_csv_line gives), or a read error (KF_DBERR, then every
 *       later call returns 0). After a bad record the next call reads the
 *       record after it.
 */
int		kf_csv_next(struct kf_csv_reader *r, char ***fields, size_t *n,
		    struct kf_err *err);

/*
 * The physical line (1-based, counting LF) where the record last returned
 * by kf_csv_next starts, good or bad; 0 before the first call.
 */
unsigned long	kf_csv_line(const struct kf_csv_reader *r);

/*
 * After kf_csv_next returned -1: the 1-based number of the field the
 * problem is in (invalid UTF-8, too long, a stray quote, ...), or 0 when
 * it is about the record as a whole (too many fields, a read error).
 */
size_t		kf_csv_bad_field(const struct kf_csv_reader *r);

/*
 * Makes r keep the bytes of each record as they were in the file, for
 * kf_csv_raw; call before the first record. Off by default: it copies
 * every byte read (up to max + 2 a record). max >= 16.
 */
void		kf_csv_keep_raw(struct kf_csv_reader *r, size_t max);

/*
 * The record last returned by kf_csv_next, good or bad, as it was in the
 * file (from its first byte to its line ending, which is left out; a
 * record of several lines keeps the LFs inside it), as text that
 * kf_csv_write writes unchanged (but for a formula quote before it) and
 * kf_csv_next reads back:
 *   - valid UTF-8 characters as they are, LF and TAB included;
 *   - every other byte (invalid UTF-8, a GBK character) and every byte of
 *     a character kf_csv_write would not write (a control character such
 *     as CR or NUL, an invisible format character) as \xNN, two
 *     upper-case hex digits per byte;
 *   - a backslash as two.
 * So the bytes are got back by replacing \xNN with byte NN and \\ with \.
 * At most max bytes (kf_csv_keep_raw): a longer record is cut at a whole
 * character or escape and ends in a backslash and "…", which no escape
 * is. NULL when kf_csv_keep_raw was not called. Lent until the next
 * kf_csv_next or kf_csv_raw.
 */
const char     *kf_csv_raw(struct kf_csv_reader *r);

/* Frees r (NULL is fine); the FILE stays open. */
void		kf_csv_close(struct kf_csv_reader *r);

/*
 * Writes one record of n fields (n >= 1; a NULL field is written empty)
 * and its LF, as the header comment says. Returns 0, or -1 when a write
 * to f failed (errno set; f's error indicator too).
 */
int		kf_csv_write(FILE *f, const char *const *fields, size_t n);

/* True when kf_csv_write writes s as it is (nothing in it becomes '?';
 * a formula quote before it is taken off again by the reader). */
bool		kf_csv_written_as_is(const char *s);

#endif
