/* test_util.c — string buffers, JSON escaping, UTF-8 checks and widths. */
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "kefu/file.h"
#include "kefu/util.h"

static void
test_buf_grows_and_formats(void **state)
{
	struct kf_buf b = { 0 };
	int i;

	(void)state;
	assert_string_equal(kf_buf_str(&b), "");
	for (i = 0; i < 1000; i++)
		kf_buf_printf(&b, "%d,", i);
	assert_int_equal(b.len, strlen(b.s));
	assert_memory_equal(b.s, "0,1,2,", 6);
	assert_non_null(strstr(b.s, "999,"));
	kf_buf_free(&b);
	assert_null(b.s);
	kf_buf_free(&b);	/* twice is harmless */
}

static void
test_json_escapes_everything_dangerous(void **state)
{
	struct kf_buf b = { 0 };

	(void)state;
	kf_buf_json_str(&b, "a\"b\\c\nd\x1b[31m\x7f王");
	assert_string_equal(kf_buf_str(&b),
	    "\"a\\\"b\\\\c\\nd\\u001b[31m\\u007f王\"");
	kf_buf_free(&b);
	kf_buf_json_str(&b, NULL);
	assert_string_equal(kf_buf_str(&b), "null");
	kf_buf_free(&b);
	/* C1 controls in UTF-8 (CSI U+009B, NEL U+0085) are escaped; the
	 * characters around them and U+00A0 after the range are kept. */
	kf_buf_json_str(&b, "x\xc2\x9b" "2J\xc2\x85\xc2\xa0y");
	assert_string_equal(kf_buf_str(&b),
	    "\"x\\u009b2J\\u0085\xc2\xa0y\"");
	kf_buf_free(&b);
}

static void
test_utf8_valid(void **state)
{
	(void)state;
	assert_true(kf_utf8_valid(""));
	assert_true(kf_utf8_valid("王芳 abc 😀"));
	assert_false(kf_utf8_valid("\xff"));
	assert_false(kf_utf8_valid("\xe7\x8e"));		/* truncated 王 */
	assert_false(kf_utf8_valid("\xc0\xaf"));		/* overlong '/' */
	assert_false(kf_utf8_valid("\xed\xa0\x80"));		/* surrogate */
	assert_false(kf_utf8_valid("\xf4\x90\x80\x80"));	/* > U+10FFFF */
}

/* Decodes one character of s; checks its code point, length and badness. */
static void
decodes(const char *s, unsigned want_cp, size_t want_len, bool want_bad)
{
	bool bad = false;
	unsigned cp = 0;

	assert_int_equal(kf_utf8_decode(s, &cp, &bad), want_len);
	assert_int_equal(cp, want_cp);
	assert_int_equal(bad, want_bad);
}

/* The one decoder: one U+FFFD per maximal bad prefix (Unicode 3-8). */
static void
test_utf8_decode(void **state)
{
	bool bad = false;
	unsigned cp;

	(void)state;
	decodes("a", 'a', 1, false);
	decodes("\xe7\x8e\x8b", 0x738b, 3, false);		/* 王 */
	decodes("\xf0\x9f\x98\x80", 0x1f600, 4, false);
	decodes("\xc3\xa9x", 0xe9, 2, false);
	decodes("\xe7\x8ex", 0xfffd, 2, true);	/* cut short: 'x' kept */
	decodes("\xe7\x8e", 0xfffd, 2, true);		/* cut by the NUL */
	decodes("\x80", 0xfffd, 1, true);		/* stray continuation */
	decodes("\xc0\xaf", 0xfffd, 1, true);		/* overlong '/' */
	decodes("\xe0\x80\xaf", 0xfffd, 1, true);	/* overlong */
	decodes("\xed\xa0\x80", 0xfffd, 1, true);	/* surrogate */
	decodes("\xf4\x90\x80\x80", 0xfffd, 1, true);	/* > U+10FFFF */
	decodes("\xff", 0xfffd, 1, true);
	/* Bounded: a character cut by the end of the bytes is malformed. */
	assert_int_equal(kf_utf8_decode_n("\xe7\x8e\x8b", 2, &cp, &bad), 2);
	assert_true(bad);
	assert_int_equal(cp, 0xfffd);
	/* A good character leaves *bad alone; NULL is allowed. */
	assert_int_equal(kf_utf8_decode("\xe7\x8e\x8b", &cp, NULL), 3);
}

static void
test_text_clean_rejects_controls_and_format_chars(void **state)
{
	(void)state;
	assert_true(kf_text_clean("张三丰 Zhang"));
	assert_false(kf_text_clean("a\tb"));
	assert_false(kf_text_clean("a\x1b[2Jb"));
	assert_false(kf_text_clean("a\x7f"));
	assert_false(kf_text_clean("a\xc2\x85"));		/* U+0085 C1 */
	assert_false(kf_text_clean("a\xe2\x80\xae"));		/* U+202E RLO */
	assert_false(kf_text_clean("a\xe2\x80\x8b"));		/* U+200B ZWSP */
	assert_false(kf_text_clean("\xef\xbb\xbf" "a"));	/* U+FEFF BOM */
	assert_false(kf_text_clean("\xff"));
	assert_false(kf_text_clean("a\xc2\xad"));		/* U+00AD soft hyphen */
	assert_false(kf_text_clean("a\xe2\x81\xa0"));		/* U+2060 word joiner */
	assert_false(kf_text_clean("a\xe2\x80\xa8"));		/* U+2028 line sep */
	assert_false(kf_text_clean("a\xf3\xa0\x80\x81"));	/* U+E0001 tag */
	assert_true(kf_text_clean("a\xe2\x80\x94" "b"));		/* U+2014 dash: fine */
	assert_true(kf_unsafe_char(0x1b));
	assert_false(kf_unsafe_char(0x738b));			/* 王 */
}

static void
test_blank(void **state)
{
	(void)state;
	assert_true(kf_blank(NULL));
	assert_true(kf_blank(""));
	assert_true(kf_blank("   "));
	assert_true(kf_blank("\xe3\x80\x80 \xe3\x80\x80"));	/* U+3000 */
	assert_false(kf_blank(" x "));
	assert_false(kf_blank("王"));
}

/* M7: the one first-line cut, never inside a character. */
static void
test_text_first_line(void **state)
{
	char buf[8], big[160], fault[400];
	int i;

	(void)state;
	assert_int_equal(kf_text_first_line(buf, sizeof(buf), "ab\ncd"), 2);
	assert_string_equal(buf, "ab");
	assert_int_equal(kf_text_first_line(buf, sizeof(buf), NULL), 0);
	assert_string_equal(buf, "");
	assert_int_equal(kf_text_first_line(buf, sizeof(buf), "\nx"), 0);
	/* Exactly fits: 7 bytes and the NUL. */
	assert_int_equal(kf_text_first_line(buf, sizeof(buf), "abcdefg"), 7);
	assert_string_equal(buf, "abcdefg");
	assert_int_equal(kf_text_first_line(buf, sizeof(buf), "abcdefgh"), 7);
	/* "a燃燃": 1 + 3 + 3 = 7 bytes fit; "ab燃燃" (8) cuts the second
	 * 燃 at its second byte: it goes whole. */
	assert_int_equal(kf_text_first_line(buf, sizeof(buf),
	    "a\xe7\x87\x83\xe7\x87\x83"), 7);
	assert_int_equal(kf_text_first_line(buf, sizeof(buf),
	    "ab\xe7\x87\x83\xe7\x87\x83"), 5);
	assert_string_equal(buf, "ab\xe7\x87\x83");
	assert_int_equal(kf_text_first_line(buf, sizeof(buf),
	    "abcde\xe7\x87\x83"), 5);
	assert_int_equal(kf_text_first_line(buf, sizeof(buf),
	    "abcdef\xe7\x87\x83"), 6);
	/* A four-byte character (𠮷) cut at each of its bytes. */
	assert_int_equal(kf_text_first_line(buf, sizeof(buf),
	    "abcd\xf0\xa0\xae\xb7"), 4);
	assert_int_equal(kf_text_first_line(buf, sizeof(buf),
	    "abc\xf0\xa0\xae\xb7"), 7);
	assert_int_equal(kf_text_first_line(buf, 1, "abc"), 0);
	/* The review's case: "a" + 燃 × 70 into 160 bytes (order.c's cut
	 * ended in two bytes of a character). */
	strcpy(fault, "a");
	for (i = 0; i < 70; i++)
		strcat(fault, "\xe7\x87\x83");
	assert_int_equal(kf_text_first_line(big, sizeof(big), fault),
	    1 + 3 * 52);
	assert_true(kf_utf8_valid(big));
}

static void
test_width_counts_cjk_as_two(void **state)
{
	(void)state;
	assert_int_equal(kf_utf8_width("abc"), 3);
	assert_int_equal(kf_utf8_width("王芳"), 4);
	assert_int_equal(kf_utf8_width("张三丰a"), 7);
	assert_int_equal(kf_utf8_width(""), 0);
	assert_int_equal(kf_utf8_width("\xff" "a"), 2);	/* bad byte: one cell */
}

static off_t
size_of(const char *p)
{
	struct stat sb;

	assert_int_equal(stat(p, &sb), 0);
	return sb.st_size;
}

static void
write_file(const char *p, const char *text, mode_t mode)
{
	FILE *f;

	assert_non_null(f = fopen(p, "w"));
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(chmod(p, mode), 0);
}

/*
 * A person's output files (issue 11, kefu/file.h): new ones 0600 whatever
 * the umask; an old one of his made private before it is emptied; one
 * someone else owns never filled nor emptied (root makes such a file); a
 * FIFO without a reader fails at once; a backup never replaces anything.
 */
static void
test_file_private(void **state)
{
	char dir[] = "/tmp/kefu-file-XXXXXX", p[64], q[64];
	struct stat sb;
	mode_t old;
	int fd;

	(void)state;
	assert_non_null(mkdtemp(dir));
	old = umask(0);
	snprintf(p, sizeof(p), "%s/new.csv", dir);
	assert_true((fd = kf_file_private(p, false)) >= 0);
	close(fd);
	assert_int_equal(stat(p, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
	errno = 0;
	assert_int_equal(kf_file_private(p, false), -1);	/* a backup */
	assert_int_equal(errno, EEXIST);

	write_file(p, "old export", 0664);
	assert_true((fd = kf_file_private(p, true)) >= 0);
	close(fd);
	assert_int_equal(stat(p, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
	assert_int_equal(size_of(p), 0);

	/* Through a link to his own file: still his, made private. */
	write_file(p, "again", 0660);
	snprintf(q, sizeof(q), "%s/link.csv", dir);
	assert_int_equal(symlink(p, q), 0);
	assert_true((fd = kf_file_private(q, true)) >= 0);
	close(fd);
	assert_int_equal(size_of(p), 0);
	assert_int_equal(stat(p, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
	unlink(q);

	if (geteuid() == 0) {
		write_file(p, "someone else's", 0666);
		assert_int_equal(chown(p, 65534, 65534), 0);
		errno = 0;
		assert_int_equal(kf_file_private(p, true), -1);
		assert_int_equal(errno, EPERM);
		assert_int_equal(size_of(p), 14);
		assert_int_equal(stat(p, &sb), 0);
		assert_int_equal(sb.st_mode & 07777, 0666);
	}
	unlink(p);

	snprintf(q, sizeof(q), "%s/fifo", dir);
	assert_int_equal(mkfifo(q, 0600), 0);
	errno = 0;
	assert_int_equal(kf_file_private(q, true), -1);	/* no hang */
	assert_int_equal(errno, ENXIO);
	unlink(q);
	umask(old);
	assert_int_equal(rmdir(dir), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_grows_and_formats),
		cmocka_unit_test(test_json_escapes_everything_dangerous),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_utf8_decode),
		cmocka_unit_test(test_text_clean_rejects_controls_and_format_chars),
		cmocka_unit_test(test_blank),
		cmocka_unit_test(test_text_first_line),
		cmocka_unit_test(test_width_counts_cjk_as_two),
		cmocka_unit_test(test_file_private),
	};

	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
