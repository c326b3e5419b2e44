/* helpers.h — what the unit tests share: a fresh database in a temp dir. */
#ifndef KEFU_TEST_HELPERS_H
#define KEFU_TEST_HELPERS_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "kefu/core.h"

struct fixture {
	char		 dir[64];
	char		 path[96];
	struct kf_core	*k;		/* logged in as "root" admin */
};

/* 2026-11-27T10:41:00+08:00, the clock every test starts at. */
#define T0	1795747260LL

/*
 * The local time zone of the process, as TZ names it (setenv + tzset): the
 * rules that read the clock in local time (R6's hours, "today") follow the
 * zone of the machine, so a test that depends on it sets it itself.
 */
void	fx_zone(const char *tz);
/* Creates a database with admin "boss" (unix user "boss"); fixes the clock
 * at T0 and the zone at Asia/Shanghai (the fixture's day is Beijing's). */
int	fx_setup(void **state);
int	fx_teardown(void **state);
/* Opens a second session on the fixture's database, logged in as login. */
struct kf_core *fx_session(struct fixture *fx, const char *login);
/* Adds a staff account with roles (no password); returns its id. */
int64_t	fx_staff(struct kf_core *k, const char *login, unsigned roles);

#endif
