/*
 * test_i18n.c — the catalogues carried inside the binary (kefu/i18n.h):
 * the language chosen from --lang and the environment, lookups, plural
 * forms, and the warning for a language kefu lacks (issue 11: an install
 * as docs/admin.md does it had no catalogue, and spoke English silently).
 */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "catalog.h"
#include "kefu/err.h"
#include "kefu/i18n.h"

/* A message of po/zh_CN.po and its translation. */
#define MSG	"no database at %s (create one with: kefu init)"
#define MSG_ZH	"%s 处没有数据库（可用 kefu init 创建）"

static void
clear_env(void)
{
	unsetenv("LANGUAGE");
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	unsetenv("LANG");
}

static void
test_zh_cn_is_built_in(void **state)
{
	int i, found = 0;

	(void)state;
	for (i = 0; i < kf_catalogs_count; i++)
		found |= strcmp(kf_catalogs[i].lang, "zh_CN") == 0;
	assert_true(found);
	/* Loads (the table is checked: inside the file, in order). */
	assert_true(kf_i18n_set("zh_CN"));
	assert_string_equal(kf_i18n_lang(), "zh_CN");
	assert_string_equal(kf_gettext(MSG), MSG_ZH);
	assert_string_equal(kf_gettext("no such message, surely"),
	    "no such message, surely");
	assert_string_equal(kf_gettext(""), "");	/* not the header */
	assert_true(kf_i18n_set("en"));
	assert_string_equal(kf_gettext(MSG), MSG);
	assert_false(kf_i18n_set("fr"));
	assert_string_equal(kf_i18n_lang(), "en");	/* unchanged */
}

static void
test_language_from_the_environment(void **state)
{
	char buf[256];

	(void)state;
	clear_env();
	assert_true(kf_i18n_init(NULL));
	assert_string_equal(kf_i18n_lang(), "en");
	assert_null(kf_i18n_warning(buf, sizeof(buf)));

	/* A locale the host may not have installed still speaks Chinese. */
	setenv("LANG", "zh_CN.UTF-8", 1);
	assert_true(kf_i18n_init(NULL));
	assert_string_equal(kf_i18n_lang(), "zh_CN");
	assert_null(kf_i18n_warning(buf, sizeof(buf)));
	/* gettext's order: LC_ALL before LANG, LANGUAGE before both. */
	setenv("LC_ALL", "C", 1);
	assert_true(kf_i18n_init(NULL));
	assert_string_equal(kf_i18n_lang(), "en");
	setenv("LANGUAGE", "fr:zh_TW", 1);	/* any Chinese is zh_CN */
	assert_true(kf_i18n_init(NULL));
	assert_string_equal(kf_i18n_lang(), "zh_CN");
	assert_null(kf_i18n_warning(buf, sizeof(buf)));
	clear_env();
	for (const char *const *e = (const char *const[]){ "C", "POSIX",
	    "C.UTF-8", "en_US.UTF-8", "en", NULL }; *e; e++) {
		setenv("LANG", *e, 1);
		assert_true(kf_i18n_init(NULL));
		assert_string_equal(kf_i18n_lang(), "en");
	}
	clear_env();
}

static void
test_lang_option_first(void **state)
{
	char buf[256];

	(void)state;
	clear_env();
	setenv("LANG", "en_US.UTF-8", 1);
	assert_true(kf_i18n_init("zh_CN"));
	assert_string_equal(kf_i18n_lang(), "zh_CN");
	setenv("LANG", "zh_CN.UTF-8", 1);
	assert_true(kf_i18n_init("en"));
	assert_string_equal(kf_i18n_lang(), "en");
	/* One kefu lacks: said, and the environment decides instead. */
	assert_false(kf_i18n_init("fr"));
	assert_string_equal(kf_i18n_lang(), "zh_CN");
	assert_non_null(kf_i18n_warning(buf, sizeof(buf)));
	assert_non_null(strstr(buf, "fr"));
	assert_non_null(strstr(buf, "zh_CN"));	/* what kefu has */
	clear_env();
	assert_false(kf_i18n_init("fr"));
	assert_string_equal(kf_i18n_lang(), "en");
	assert_string_equal(kf_i18n_warning(buf, sizeof(buf)),
	    "no translation for language fr (kefu has: en, zh_CN)");
	/* The next init forgets it. */
	assert_true(kf_i18n_init(NULL));
	assert_null(kf_i18n_warning(buf, sizeof(buf)));
}

static void
test_warning_for_the_environment_is_harmless(void **state)
{
	char buf[256];

	(void)state;
	clear_env();
	setenv("LANG", "de_DE.UTF-8", 1);
	assert_false(kf_i18n_init(NULL));
	assert_string_equal(kf_i18n_lang(), "en");
	assert_string_equal(kf_i18n_warning(buf, sizeof(buf)),
	    "no translation for language de_DE.UTF-8 (kefu has: en, zh_CN)");
	/* Escape sequences in the name never reach the terminal. */
	setenv("LANG", "x\033]0;pwned\a", 1);
	assert_false(kf_i18n_init(NULL));
	assert_non_null(kf_i18n_warning(buf, sizeof(buf)));
	assert_null(strchr(buf, '\033'));
	assert_null(strchr(buf, '\a'));
	/* Said in the language spoken. */
	setenv("LANGUAGE", "ja:zh_CN", 1);	/* a later one is there */
	assert_true(kf_i18n_init(NULL));
	assert_null(kf_i18n_warning(buf, sizeof(buf)));
	assert_false(kf_i18n_init("ja"));
	assert_string_equal(kf_i18n_lang(), "zh_CN");
	assert_non_null(kf_i18n_warning(buf, sizeof(buf)));
	assert_non_null(strstr(buf, "ja"));
	assert_non_null(strstr(buf, "没有"));
	clear_env();
	kf_i18n_init(NULL);
}

static void
test_plural_forms(void **state)
{
	(void)state;
	kf_i18n_set("en");
	assert_string_equal(kf_ngettext("%d order", "%d orders", 1), "%d order");
	assert_string_equal(kf_ngettext("%d order", "%d orders", 2), "%d orders");
	assert_string_equal(kf_ngettext("%d order", "%d orders", 0), "%d orders");
	/* Chinese has one form (nplurals=1): its translation for every n. */
	assert_true(kf_i18n_set("zh_CN"));
	assert_string_equal(kf_ngettext(MSG, "plural", 1), MSG_ZH);
	assert_string_equal(kf_ngettext(MSG, "plural", 5), MSG_ZH);
	assert_string_equal(kf_ngettext("not there", "not theres", 5),
	    "not theres");
	kf_i18n_set("en");
}

static void
test_core_messages_follow_the_language(void **state)
{
	struct kf_err err;

	(void)state;
	kf_i18n_set("zh_CN");
	kf_err_set(&err, KF_NOTFOUND, MSG, "/x.db");
	assert_string_equal(err.msg, "/x.db 处没有数据库（可用 kefu init 创建）");
	kf_i18n_set("en");
	kf_err_set(&err, KF_NOTFOUND, MSG, "/x.db");
	assert_string_equal(err.msg,
	    "no database at /x.db (create one with: kefu init)");
}

/* A msgid in a named language, leaving the spoken one as it was. */
static void
test_gettext_in_another_language(void **state)
{
	(void)state;
	kf_i18n_set("en");
	assert_string_equal(kf_gettext_in("zh_CN", "serious"), "严重");
	assert_string_equal(kf_gettext("serious"), "serious");
	assert_string_equal(kf_i18n_lang(), "en");
	assert_string_equal(kf_gettext_in("en", "serious"), "serious");
	assert_string_equal(kf_gettext_in("fr", "serious"), "serious");
	assert_string_equal(kf_gettext_in("zh_CN", "no such msgid"),
	    "no such msgid");
	assert_null(kf_gettext_in("zh_CN", NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_zh_cn_is_built_in),
		cmocka_unit_test(test_language_from_the_environment),
		cmocka_unit_test(test_lang_option_first),
		cmocka_unit_test(test_warning_for_the_environment_is_harmless),
		cmocka_unit_test(test_plural_forms),
		cmocka_unit_test(test_core_messages_follow_the_language),
		cmocka_unit_test(test_gettext_in_another_language),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
