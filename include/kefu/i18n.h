/*
 * i18n.h — the language kefu speaks, from catalogues carried inside the
 * binary.
 *
 * Every po/<lang>.po is compiled by msgfmt at build time and embedded
 * (cmake/embed_mo.cmake), so an installed kefu needs no locale directory:
 * a deployment that copies the one binary speaks Chinese (issue 11; the
 * catalogue was never installed, and kefu fell back to English without a
 * word). Messages are looked up here, not through the C library's
 * gettext, with the same meaning: kf_gettext returns the translation, or
 * msgid itself when there is none. The faces keep writing _("...") and
 * N_("...") (xgettext extracts them as before); _() calls kf_gettext.
 *
 * Not thread-safe: the language is one setting of the process.
 */
#ifndef KEFU_I18N_H
#define KEFU_I18N_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Chooses the language: lang (--lang) when not NULL, else the first
 * language of $LANGUAGE, $LC_ALL, $LC_MESSAGES, $LANG (gettext's order;
 * LANGUAGE may list several, separated by ':') that kefu has. A name is
 * matched without its codeset and modifier ("zh_CN.UTF-8" is zh_CN); any
 * Chinese (zh, zh_TW, ...) gets zh_CN, the only Chinese kefu has; C,
 * POSIX and en_* are English. Returns true when what was asked for is
 * spoken (nothing asked is English); false when a language was asked for
 * that kefu has no catalogue of: then English is spoken, and
 * kf_i18n_warning says so until the next kf_i18n_init.
 */
bool		 kf_i18n_init(const char *lang);

/*
 * Speaks lang from now on ("zh_CN", "en", or any name kf_i18n_init
 * takes). Returns false, changing nothing, when kefu has no such
 * catalogue. Strings kf_gettext returned before stay valid (they are
 * part of the binary).
 */
bool		 kf_i18n_set(const char *lang);

/* The language spoken now: "en" or a catalogue's name ("zh_CN"). */
const char	*kf_i18n_lang(void);

/*
 * When the last kf_i18n_init was asked for a language kefu does not have:
 * one line for the person, in the language spoken now, naming what was
 * asked (its harmless characters only) and what kefu has, written into
 * buf (always terminated). Returns buf, or NULL when there is nothing to
 * say.
 */
const char	*kf_i18n_warning(char *buf, size_t size);

/* The translation of msgid in the language spoken now, or msgid itself. */
const char	*kf_gettext(const char *msgid)
		    __attribute__((format_arg(1)));

/*
 * The translation of msgid in language lang ("zh_CN"), whichever is
 * spoken now, or msgid itself (English, a language kefu lacks, a msgid
 * the catalogue lacks). For input that may come in either language: a
 * name typed at a Chinese desk, run later under cron's C locale. Lent
 * until the next call naming another language.
 */
const char	*kf_gettext_in(const char *lang, const char *msgid)
		    __attribute__((format_arg(2)));

/*
 * ngettext: the form of msgid (singular) or plural for n, translated
 * when the catalogue has it (msgid_plural entries), else English's
 * (n == 1 ? msgid : plural). Catalogues with one form (Chinese) use it
 * for every n; others use English's rule.
 */
const char	*kf_ngettext(const char *msgid, const char *plural,
		    unsigned long n)
		    __attribute__((format_arg(1), format_arg(2)));

#endif
