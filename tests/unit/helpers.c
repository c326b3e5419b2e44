/* helpers.c — fixtures for the unit tests (see helpers.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "helpers.h"
#include "kefu/staff.h"

void
fx_zone(const char *tz)
{
	if (setenv("TZ", tz, 1) != 0)
		fail_msg("setenv TZ=%s failed", tz);
	tzset();
}

int
fx_setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	struct kf_open_opts oo = { .create = true };
	struct kf_err err;

	fx_zone("Asia/Shanghai");
	snprintf(fx->dir, sizeof(fx->dir), "/tmp/kefu-unit-XXXXXX");
	if (mkdtemp(fx->dir) == NULL)
		return -1;
	snprintf(fx->path, sizeof(fx->path), "%s/t.db", fx->dir);
	if (kf_core_open(fx->path, &oo, &fx->k, &err) != KF_OK) {
		fprintf(stderr, "open: %s\n", err.msg);
		return -1;
	}
	kf_clock_fix(kf_core_clock(fx->k), T0);
	if (kf_core_init(fx->k, "boss", "老板", &err) != KF_OK) {
		fprintf(stderr, "init: %s\n", err.msg);
		return -1;
	}
	*state = fx;
	return 0;
}

int
fx_teardown(void **state)
{
	struct fixture *fx = *state;
	char cmd[160];

	kf_core_close(fx->k);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", fx->dir);
	if (system(cmd) != 0)
		return -1;
	free(fx);
	return 0;
}

struct kf_core *
fx_session(struct fixture *fx, const char *login)
{
	struct kf_core *k = NULL;
	struct kf_err err;

	if (kf_core_open(fx->path, NULL, &k, &err) != KF_OK)
		fail_msg("open: %s", err.msg);
	kf_clock_fix(kf_core_clock(k), T0);
	if (kf_core_login_as(k, login, &err) != KF_OK)
		fail_msg("login %s: %s", login, err.msg);
	return k;
}

int64_t
fx_staff(struct kf_core *k, const char *login, unsigned roles)
{
	struct kf_err err;
	int64_t id = 0;

	if (kf_staff_add(k, login, login, roles, NULL, NULL, &id, &err) != KF_OK)
		fail_msg("add %s: %s", login, err.msg);
	return id;
}
