/*
 * test_start.c — the one session start-up (kefu/start.h): the database
 * path's precedence, KEFU_NOW, --as in owner and deployed mode, --login,
 * and what a face with a login screen is left to ask. Deployed mode is
 * played by setting s.setgid (a test process holds no privilege), with
 * the fixture's file as the system database.
 */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "kefu/staff.h"
#include "kefu/start.h"

#define NOW_ISO	"2026-11-27T10:41:00+08:00"	/* = T0 */

/* A start from a clean environment, on the fixture's file. */
static struct kf_start
start_on(const struct fixture *fx)
{
	struct kf_start s = { .system_db = "/nonexistent/kefu-system.db",
	    .db_path = fx->path };

	unsetenv("KEFU_DB");
	unsetenv("KEFU_NOW");
	return s;
}

/* The invoker's Unix name, as kf_start_identify finds it. */
static const char *
me(void)
{
	struct passwd *pw = getpwuid(getuid());

	assert_non_null(pw);
	return pw->pw_name;
}

/* A fresh session on s (kf_start_identify wants one without an actor). */
static struct kf_core *
reopen(struct kf_start *s, struct kf_core *k)
{
	struct kf_err err;

	kf_core_close(k);
	assert_int_equal(kf_start_open(s, &k, &err), KF_OK);
	return k;
}

static void
test_db_path_precedence(void **state)
{
	struct fixture *fx = *state;
	struct kf_start s = start_on(fx);
	struct kf_core *k;
	struct kf_err err;

	/* --db beats KEFU_DB. */
	setenv("KEFU_DB", "/nonexistent/from-env.db", 1);
	assert_int_equal(kf_start_open(&s, &k, &err), KF_OK);
	assert_string_equal(s.path, fx->path);
	assert_true(s.owner);
	assert_false(s.deployed);
	kf_core_close(k);
	/* No --db: KEFU_DB, named in the refusal. */
	s.db_path = NULL;
	assert_int_equal(kf_start_open(&s, &k, &err), KF_NOTFOUND);
	assert_null(k);
	assert_string_equal(s.path, "/nonexistent/from-env.db");
	assert_non_null(strstr(err.msg, "/nonexistent"));
	/* Neither, or an empty KEFU_DB: the system database. */
	setenv("KEFU_DB", "", 1);
	assert_int_equal(kf_start_open(&s, &k, &err), KF_NOTFOUND);
	assert_string_equal(s.path, s.system_db);
	unsetenv("KEFU_DB");
	s.system_db = fx->path;
	assert_int_equal(kf_start_open(&s, &k, &err), KF_OK);
	assert_string_equal(s.path, fx->path);
	kf_core_close(k);
}

static void
test_kefu_now_in_owner_mode(void **state)
{
	struct fixture *fx = *state;
	struct kf_start s = start_on(fx);
	struct kf_core *k;
	struct kf_err err;

	setenv("KEFU_NOW", NOW_ISO, 1);
	assert_int_equal(kf_start_open(&s, &k, &err), KF_OK);
	assert_int_equal(kf_core_now(k), T0);
	kf_core_close(k);
	/* A bad one refuses to start, naming the variable and the value,
	 * before the database is touched. */
	setenv("KEFU_NOW", "yesterday", 1);
	assert_int_equal(kf_start_open(&s, &k, &err), KF_INVALID);
	assert_null(k);
	assert_true(strncmp(err.msg, "KEFU_NOW: ", 10) == 0);
	assert_non_null(strstr(err.msg, "yesterday"));
	unsetenv("KEFU_NOW");
}

static void
test_as_in_owner_mode(void **state)
{
	struct fixture *fx = *state;
	struct kf_start s = start_on(fx);
	struct kf_core *k;
	struct kf_err err;

	fx_staff(fx->k, "guanli", KF_ROLE_ADMIN);
	s.as = "guanli";
	assert_int_equal(kf_start_open(&s, &k, &err), KF_OK);
	assert_int_equal(kf_start_identify(&s, k, NULL, &err), KF_OK);
	assert_string_equal(kf_core_actor_login(k), "guanli");
	/* An unknown login is an error even where a login screen could ask. */
	s.as = "nosuch";
	s.login_screen = true;
	k = reopen(&s, k);
	assert_int_equal(kf_start_identify(&s, k, NULL, &err), KF_NOTFOUND);
	assert_int_equal(kf_core_actor_id(k), 0);
	kf_core_close(k);
	/* --as with --login: refused before anything is opened. */
	s.login = "guanli";
	assert_int_equal(kf_start_open(&s, &k, &err), KF_INVALID);
	assert_null(k);
	assert_non_null(strstr(err.msg, "exclude each other"));
}

static void
test_deployed_ignores_environment_and_refuses_as(void **state)
{
	struct fixture *fx = *state;
	struct kf_start s = start_on(fx);
	struct kf_core *k;
	struct kf_err err;
	char cli_msg[sizeof(err.msg)];

	s.setgid = true;
	s.db_path = NULL;
	s.system_db = fx->path;
	setenv("KEFU_DB", "/nonexistent/from-env.db", 1);
	setenv("KEFU_NOW", "2000-01-01T00:00:00Z", 1);
	assert_int_equal(kf_start_open(&s, &k, &err), KF_OK);
	assert_true(s.deployed);
	assert_false(s.owner);
	assert_string_equal(s.path, fx->path);
	assert_true(kf_core_now(k) > 946684800 + 86400);	/* the real clock */
	/* The file is not the person's: --as is refused, even found only
	 * after opening, with the same words as before opening. */
	s.as = "boss";
	assert_int_equal(kf_start_identify(&s, k, NULL, &err), KF_DENIED);
	assert_non_null(strstr(err.msg, "--as needs write access"));
	snprintf(cli_msg, sizeof(cli_msg), "%s", err.msg);
	kf_core_close(k);
	s.login_screen = true;	/* the TUI: the same refusal */
	assert_int_equal(kf_start_open(&s, &k, &err), KF_DENIED);
	assert_null(k);
	assert_string_equal(err.msg, cli_msg);
	/* A bad KEFU_NOW is ignored, not an error. */
	s.as = NULL;
	setenv("KEFU_NOW", "yesterday", 1);
	assert_int_equal(kf_start_open(&s, &k, &err), KF_OK);
	kf_core_close(k);
	/* Only root creates the shared database. */
	s.create = true;
	assert_int_equal(kf_start_open(&s, &k, &err),
	    getuid() == 0 ? KF_OK : KF_DENIED);
	kf_core_close(k);
	unsetenv("KEFU_DB");
	unsetenv("KEFU_NOW");
}

static void
test_deployed_with_another_file_drops_the_group(void **state)
{
	struct fixture *fx = *state;
	struct kf_start s = start_on(fx);
	struct kf_core *k;
	struct kf_err err;

	fx_staff(fx->k, "guanli", KF_ROLE_ADMIN);
	s.setgid = true;
	s.as = "guanli";
	setenv("KEFU_NOW", "2000-01-01T00:00:00Z", 1);
	assert_int_equal(kf_start_open(&s, &k, &err), KF_OK);
	assert_false(s.deployed);
	assert_true(s.owner);	/* the person can write the file */
	assert_int_equal(getegid(), getgid());
	/* --as is the person's to use; the environment stays ignored. */
	assert_int_equal(kf_start_identify(&s, k, NULL, &err), KF_OK);
	assert_string_equal(kf_core_actor_login(k), "guanli");
	assert_true(kf_core_now(k) > 946684800 + 86400);
	kf_core_close(k);
	unsetenv("KEFU_NOW");
}

static void
test_unix_user_and_login_screen(void **state)
{
	struct fixture *fx = *state;
	struct kf_start s = start_on(fx);
	struct kf_core *k = NULL;
	struct kf_err err;
	int64_t id;

	k = reopen(&s, k);
	/* Nobody mapped to the invoker: the CLI is refused, the TUI asks. */
	assert_int_equal(kf_start_identify(&s, k, NULL, &err), KF_NOTFOUND);
	assert_non_null(strstr(err.msg, "no staff account for Unix user"));
	s.login_screen = true;
	assert_int_equal(kf_start_identify(&s, k, NULL, &err), KF_OK);
	assert_int_equal(kf_core_actor_id(k), 0);
	/* Mapped: that account, for both. */
	assert_int_equal(kf_staff_add(fx->k, "me", "Me", KF_ROLE_RECEPTION,
	    me(), "pass-word-1", &id, &err), KF_OK);
	assert_int_equal(kf_start_identify(&s, k, NULL, &err), KF_OK);
	assert_string_equal(kf_core_actor_login(k), "me");
	/* --login: the TUI asks for the password, the CLI gives it. */
	s.login = "me";
	k = reopen(&s, k);
	assert_int_equal(kf_start_identify(&s, k, NULL, &err), KF_OK);
	assert_int_equal(kf_core_actor_id(k), 0);
	s.login_screen = false;
	assert_int_equal(kf_start_identify(&s, k, NULL, &err), KF_INVALID);
	assert_int_equal(kf_start_identify(&s, k, "wrong", &err), KF_DENIED);
	assert_int_equal(kf_start_identify(&s, k, "pass-word-1", &err), KF_OK);
	assert_string_equal(kf_core_actor_login(k), "me");
	/* A disabled account: no way in, login screen or not. */
	assert_int_equal(kf_staff_set_disabled(fx->k, id, -1, true, &err),
	    KF_OK);
	s.login = NULL;
	s.login_screen = true;
	k = reopen(&s, k);
	assert_int_equal(kf_start_identify(&s, k, NULL, &err), KF_DENIED);
	assert_non_null(strstr(err.msg, "disabled"));
	kf_core_close(k);
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(test_db_path_precedence),
		T(test_kefu_now_in_owner_mode),
		T(test_as_in_owner_mode),
		T(test_deployed_ignores_environment_and_refuses_as),
		T(test_deployed_with_another_file_drops_the_group),
		T(test_unix_user_and_login_screen),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
