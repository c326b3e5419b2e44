/*
 * i18n.c — message lookup in the catalogues carried inside the binary
 * (kefu/i18n.h, catalog.h).
 *
 * Design note. A catalogue is the GNU .mo file msgfmt made from
 * po/<lang>.po, embedded byte for byte: msgfmt --check stays the one
 * compiler of translations, and its table of original strings is sorted
 * (by strcmp of the msgid, a plural entry's key being "msgid\0plural"),
 * so a message is found by binary search without building anything at
 * start-up. The layout, all 32-bit words in the writer's byte order:
 *
 *   0  magic 0x950412de      12  offset of the originals' table
 *   4  revision              16  offset of the translations' table
 *   8  N, number of strings       each table: N pairs {length, offset}
 *
 * A catalogue is checked once, when first chosen (every pair inside the
 * file and NUL-terminated, the originals in order); one that fails is
 * treated as absent, so a bad build speaks English rather than crashing.
 *
 * Invariants:
 * (1) cur is NULL (English) or a catalogue that passed mo_valid().
 * (2) Every string returned is either the caller's msgid/plural or lies
 *     inside an embedded array: it never dangles.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "internal.h"
#include "kefu/i18n.h"

#define MO_MAGIC	0x950412deu
#define MO_MAGIC_SWAP	0xde120495u

struct mo {
	const struct kf_catalog	*cat;
	bool			 swap;		/* written in the other byte order */
	uint32_t		 n;		/* number of strings */
	uint32_t		 orig, trans;	/* offsets of the two tables */
	unsigned		 nplurals;	/* from the header's Plural-Forms */
};

static struct mo	 cur_mo;
static const struct mo	*cur;		/* NULL: English */
static char		 asked[48];	/* a language asked for and missing */

static uint32_t
word(const struct mo *m, size_t off)
{
	uint32_t v;

	memcpy(&v, m->cat->mo + off, 4);
	return m->swap ? __builtin_bswap32(v) : v;
}

/* String i of the table at tab: its bytes and length (checked by mo_valid). */
static const char *
str_at(const struct mo *m, uint32_t tab, uint32_t i, uint32_t *len)
{
	*len = word(m, tab + 8 * (size_t)i);
	return (const char *)m->cat->mo + word(m, tab + 8 * (size_t)i + 4);
}

/* Is pair i of the table at tab inside the file and NUL-terminated? */
static bool
pair_ok(const struct mo *m, uint32_t tab, uint32_t i)
{
	size_t len = word(m, tab + 8 * (size_t)i);
	size_t off = word(m, tab + 8 * (size_t)i + 4);

	return off < m->cat->size && len < m->cat->size - off &&
	    m->cat->mo[off + len] == '\0';
}

/* Reads and checks cat into m; false if it is not a usable .mo file. */
static bool
mo_load(const struct kf_catalog *cat, struct mo *m)
{
	uint32_t magic, i, len;
	const char *s, *prev = NULL, *p;

	memset(m, 0, sizeof(*m));
	m->cat = cat;
	if (cat->size < 28)
		return false;
	memcpy(&magic, cat->mo, 4);
	if (magic != MO_MAGIC && magic != MO_MAGIC_SWAP)
		return false;
	m->swap = magic == MO_MAGIC_SWAP;
	m->n = word(m, 8);
	m->orig = word(m, 12);
	m->trans = word(m, 16);
	if (m->n > cat->size / 16 || m->orig > cat->size - 8 * (size_t)m->n ||
	    m->trans > cat->size - 8 * (size_t)m->n)
		return false;
	for (i = 0; i < m->n; i++) {
		if (!pair_ok(m, m->orig, i) || !pair_ok(m, m->trans, i))
			return false;
		s = str_at(m, m->orig, i, &len);
		if (prev != NULL && strcmp(prev, s) >= 0)
			return false;	/* binary search needs the order */
		prev = s;
	}
	/* The header (msgid "") says how many plural forms there are. */
	m->nplurals = 2;
	if (m->n > 0 && *str_at(m, m->orig, 0, &len) == '\0' &&
	    (p = strstr(str_at(m, m->trans, 0, &len), "nplurals=")) != NULL)
		m->nplurals = (unsigned)strtoul(p + 9, NULL, 10);
	return true;
}

/* The index of msgid in m's originals, or -1. */
static long
mo_find(const struct mo *m, const char *msgid)
{
	uint32_t lo = 0, hi = m->n, mid, len;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(msgid, str_at(m, m->orig, mid, &len));
		if (c == 0)
			return (long)mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

/*
 * The catalogue name a locale or language name asks for, into out:
 * "en" for English (C, POSIX, en, en_*), "zh_CN" for any Chinese, else
 * the name without codeset and modifier. False for an empty name.
 */
static bool
canon(const char *name, char *out, size_t size)
{
	size_t n = strcspn(name, ".@");

	if (n == 0)
		return false;
	if ((n == 1 && name[0] == 'C') || (n == 5 &&
	    strncmp(name, "POSIX", 5) == 0) || (strncmp(name, "en", 2) == 0 &&
	    (n == 2 || name[2] == '_')))
		snprintf(out, size, "en");
	else if (strncmp(name, "zh", 2) == 0 && (n == 2 || name[2] == '_'))
		snprintf(out, size, "zh_CN");
	else
		snprintf(out, size, "%.*s", (int)(n < size ? n : size - 1), name);
	return true;
}

/* The catalogue called name (canonical), exactly or by its language. */
static const struct kf_catalog *
catalog_of(const char *name)
{
	size_t lang = strcspn(name, "_");
	int i;

	for (i = 0; i < kf_catalogs_count; i++)
		if (strcmp(kf_catalogs[i].lang, name) == 0)
			return &kf_catalogs[i];
	for (i = 0; i < kf_catalogs_count; i++)
		if (strncmp(kf_catalogs[i].lang, name, lang) == 0 &&
		    strcspn(kf_catalogs[i].lang, "_") == lang)
			return &kf_catalogs[i];
	return NULL;
}

bool
kf_i18n_set(const char *lang)
{
	const struct kf_catalog *cat;
	char name[48];

	if (lang == NULL || !canon(lang, name, sizeof(name)))
		return false;
	if (strcmp(name, "en") == 0) {
		cur = NULL;
		return true;
	}
	if ((cat = catalog_of(name)) == NULL)
		return false;
	if (cur != NULL && cur->cat == cat)
		return true;
	if (!mo_load(cat, &cur_mo)) {
		cur = NULL;
		return false;
	}
	cur = &cur_mo;
	return true;
}

/*
 * Tries each name of list (separated by ':'): true once one is spoken.
 * When none is, the first name goes into asked[] unless one is there.
 */
static bool
try_list(const char *list)
{
	char one[48];
	size_t n, had = strlen(asked);

	while (list != NULL && *list) {
		n = strcspn(list, ":");
		if (n > 0 && n < sizeof(one)) {
			memcpy(one, list, n);
			one[n] = '\0';
			if (kf_i18n_set(one)) {
				asked[had] = '\0';	/* a later one was */
				return true;
			}
		}
		if (n > 0 && asked[0] == '\0')
			snprintf(asked, sizeof(asked), "%.*s",
			    (int)(n < sizeof(asked) ? n : sizeof(asked) - 1),
			    list);
		list += n;
		if (*list == ':')
			list++;
	}
	return false;
}

bool
kf_i18n_init(const char *lang)
{
	static const char *const locale_vars[] = { "LC_ALL", "LC_MESSAGES",
	    "LANG" };
	const char *v;
	size_t i;

	cur = NULL;
	asked[0] = '\0';
	/* --lang first; one kefu lacks is said, and the environment
	 * decides instead. */
	if (lang != NULL && try_list(lang))
		return true;
	if (!try_list(getenv("LANGUAGE"))) {
		/* The locale: the first of these that is set, as setlocale
		 * reads LC_MESSAGES. */
		for (i = 0; i < sizeof(locale_vars) / sizeof(locale_vars[0]); i++)
			if ((v = getenv(locale_vars[i])) != NULL && *v) {
				try_list(v);
				break;
			}
	}
	return asked[0] == '\0';
}

const char *
kf_i18n_lang(void)
{
	return cur != NULL ? cur->cat->lang : "en";
}

const char *
kf_i18n_warning(char *buf, size_t size)
{
	char name[sizeof(asked)], have[128];
	size_t i, len = 0;
	int c;

	if (asked[0] == '\0' || size == 0)
		return NULL;
	/* Only the characters of a language name: the value came from the
	 * environment or the command line, and goes to a terminal. */
	for (i = 0; asked[i]; i++) {
		c = (unsigned char)asked[i];
		name[i] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("_.@-", c) ? (char)c : '?';
	}
	name[i] = '\0';
	len = (size_t)snprintf(have, sizeof(have), "en");
	for (i = 0; i < (size_t)kf_catalogs_count && len < sizeof(have); i++)
		len += (size_t)snprintf(have + len, sizeof(have) - len, ", %s",
		    kf_catalogs[i].lang);
	snprintf(buf, size, kf_gettext(N_("no translation for language %s "
	    "(kefu has: %s)")), name, have);
	return buf;
}

const char *
kf_gettext(const char *msgid)
{
	uint32_t len;
	long i;

	if (cur == NULL || msgid == NULL || *msgid == '\0' ||
	    (i = mo_find(cur, msgid)) < 0)
		return msgid;
	return str_at(cur, cur->trans, (uint32_t)i, &len);
}

const char *
kf_gettext_in(const char *lang, const char *msgid)
{
	static struct mo other;		/* the last language asked for */
	const struct kf_catalog *cat;
	char name[48];
	uint32_t len;
	long i;

	if (lang == NULL || msgid == NULL || *msgid == '\0' ||
	    !canon(lang, name, sizeof(name)) || strcmp(name, "en") == 0 ||
	    (cat = catalog_of(name)) == NULL)
		return msgid;
	if (other.cat != cat && !mo_load(cat, &other)) {
		other.cat = NULL;
		return msgid;
	}
	if ((i = mo_find(&other, msgid)) < 0)
		return msgid;
	return str_at(&other, other.trans, (uint32_t)i, &len);
}

const char *
kf_ngettext(const char *msgid, const char *plural, unsigned long n)
{
	const char *s, *start;
	uint32_t len, k, form;
	long i;

	if (cur == NULL || (i = mo_find(cur, msgid)) < 0)
		return n == 1 ? msgid : plural;
	form = cur->nplurals <= 1 ? 0 : n == 1 ? 0 : 1;
	/* The forms follow each other, each NUL-terminated, within len. */
	start = s = str_at(cur, cur->trans, (uint32_t)i, &len);
	for (k = 0; k < form; k++) {
		size_t l = strlen(s);

		if ((size_t)(s - start) + l + 1 >= len)
			break;		/* fewer forms than that: the last */
		s += l + 1;
	}
	return s;
}
