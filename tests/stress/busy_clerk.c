/*
 * busy_clerk.c — the clerk of the import stress test
 * (tests/stress/import_busy.sh): saves again and again while another
 * session imports, retrying a busy database exactly as the TUI does.
 *
 *   busy_clerk DB LOGIN STOPFILE
 *
 * Opens DB as LOGIN (owner mode, like `kefu --as`) with the TUI's short
 * lock wait (300 ms a try), then until STOPFILE exists: one save of the
 * policy repair.arrive_within (alternating 40m / 41m), and when it fails
 * with KF_BUSY, tries it again every 400 ms for as long as the core's
 * kf_core_busy_retry allows (KF_BUSY_PATIENCE_MS in all, wall clock), as
 * src/tui/form.c does. One line per save on standard output:
 *   ok MS            saved, MS milliseconds after the first try
 *   busy MS MESSAGE  given up after MS milliseconds; MESSAGE as shown
 * Anything else (a conflict, a storage error) is printed and ends it with
 * exit 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kefu/core.h"
#include "kefu/err.h"
#include "kefu/policy.h"

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int
main(int argc, char **argv)
{
	struct kf_open_opts oo = { .busy_timeout_ms = 300 };
	struct timespec pause = { 0, 400 * 1000000L };
	struct kf_core *k;
	struct kf_err err;
	long long t0;
	int64_t since;
	enum kf_rc rc;
	long n = 0;

	if (argc != 4) {
		fprintf(stderr, "usage: busy_clerk DB LOGIN STOPFILE\n");
		return 2;
	}
	if (kf_core_open(argv[1], &oo, &k, &err) != KF_OK ||
	    kf_core_login_as(k, argv[2], &err) != KF_OK) {
		fprintf(stderr, "busy_clerk: %s\n", err.msg);
		return 1;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	while (access(argv[3], F_OK) != 0) {
		since = 0;
		t0 = now_ms();
		for (;;) {
			kf_err_clear(&err);
			rc = kf_policy_set(k, "repair.arrive_within",
			    n % 2 ? "41m" : "40m", -1, &err);
			if (rc != KF_BUSY || !kf_core_busy_retry(k, &since, &err))
				break;
			nanosleep(&pause, NULL);
		}
		if (rc == KF_OK)
			printf("ok %lld\n", now_ms() - t0);
		else if (rc == KF_BUSY)
			printf("busy %lld %s\n", now_ms() - t0, err.msg);
		else {
			fprintf(stderr, "busy_clerk: %s: %s\n", kf_rc_name(rc),
			    err.msg);
			kf_core_close(k);
			return 1;
		}
		n++;
	}
	kf_core_close(k);
	return 0;
}
