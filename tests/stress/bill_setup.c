/*
 * bill_setup.c DB ADMIN N — a community of N customers (幸福小区, accounts
 * C000001…), each with an adjustment waiting for the next notice, and a
 * billing clerk "shoufei": the set-up of stress/notice_kill.sh, made
 * through the core (so kefu check passes), with synchronous=NORMAL since
 * it is test data.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kefu/bill.h"
#include "kefu/core.h"
#include "kefu/customer.h"
#include "kefu/staff.h"

static void
die(const char *what, const struct kf_err *err)
{
	fprintf(stderr, "bill_setup: %s: %s\n", what, err->msg);
	exit(1);
}

int
main(int argc, char **argv)
{
	struct kf_open_opts oo = { .sync_normal = true };
	struct kf_customer *v;
	struct kf_core *k;
	struct kf_err err;
	char buf[32];
	size_t n, i, bad;

	if (argc != 4 || (n = strtoul(argv[3], NULL, 10)) == 0) {
		fprintf(stderr, "usage: bill_setup DB ADMIN N\n");
		return 2;
	}
	if (kf_core_open(argv[1], &oo, &k, &err) != KF_OK)
		die("open", &err);
	if (kf_core_login_as(k, argv[2], &err) != KF_OK)
		die("login", &err);
	if (kf_staff_add(k, "shoufei", "收费员", KF_ROLE_BILLING, NULL, NULL,
	    NULL, &err) != KF_OK)
		die("staff", &err);
	v = calloc(n, sizeof(*v));
	for (i = 0; i < n; i++) {
		snprintf(buf, sizeof(buf), "C%06zu", i + 1);
		v[i].account = strdup(buf);
		snprintf(buf, sizeof(buf), "住户%zu", i + 1);
		v[i].name = strdup(buf);
		v[i].community = strdup("幸福小区");
		snprintf(buf, sizeof(buf), "%zu号楼", i / 100 + 1);
		v[i].building = strdup(buf);
		snprintf(buf, sizeof(buf), "%zu", i % 100 + 101);
		v[i].room = strdup(buf);
	}
	if (kf_customer_add_batch(k, v, n, &bad, &err) != KF_OK)
		die("customers", &err);
	for (i = 0; i < n; i++)
		kf_customer_clear(&v[i]);
	free(v);
	kf_core_close(k);
	if (kf_core_open(argv[1], &oo, &k, &err) != KF_OK ||
	    kf_core_login_as(k, "shoufei", &err) != KF_OK)
		die("open", &err);
	for (i = 0; i < n; i++)
		if (kf_adjust_add(k, (int64_t)i + 1, 10000 + (int64_t)i,
		    "十一月物业费", NULL, &err) != KF_OK)
			die("adjust", &err);
	kf_core_close(k);
	return 0;
}
