/*
 * crash_writer.c — the process the crash test (tests/stress/crash.sh)
 * kills with SIGKILL at a random moment.
 *
 *   crash_writer DB ADMIN PREFIX
 *
 * Opens DB, logs in as ADMIN (owner mode) and adds staff accounts
 * PREFIX1, PREFIX2, ... one transaction each, for ever. After each
 * kf_staff_add returns KF_OK — the commit is acknowledged — it prints
 * "ack LOGIN" and flushes, so every line the driver reads is a write the
 * program told its user was saved. Any failure is printed to standard
 * error and the writer exits 1 (the driver then sees it was not killed).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kefu/core.h"
#include "kefu/err.h"
#include "kefu/staff.h"

int
main(int argc, char **argv)
{
	struct kf_core *k = NULL;
	struct kf_err err;
	char login[40];
	unsigned long i;
	int64_t id;

	if (argc != 4 || strlen(argv[3]) > 20) {
		fprintf(stderr, "usage: crash_writer DB ADMIN PREFIX (at most 20 "
		    "characters)\n");
		return 2;
	}
	kf_err_clear(&err);
	if (kf_core_open(argv[1], NULL, &k, &err) != KF_OK ||
	    kf_core_login_as(k, argv[2], &err) != KF_OK) {
		fprintf(stderr, "crash_writer: %s: %s\n", kf_rc_name(err.rc),
		    err.msg);
		kf_core_close(k);
		return 1;
	}
	for (i = 1;; i++) {
		snprintf(login, sizeof(login), "%s%lu", argv[3], i);
		if (kf_staff_add(k, login, "崩溃测试", KF_ROLE_RECEPTION, NULL, NULL,
		    &id, &err) != KF_OK) {
			fprintf(stderr, "crash_writer: adding %s: %s: %s\n", login,
			    kf_rc_name(err.rc), err.msg);
			kf_core_close(k);
			return 1;
		}
		if (printf("ack %s\n", login) < 0 || fflush(stdout) != 0) {
			fprintf(stderr, "crash_writer: cannot write the ack\n");
			kf_core_close(k);
			return 1;
		}
	}
}
