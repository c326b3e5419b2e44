/*
 * stress_writer.c — one of the processes of the concurrency stress test
 * (tests/stress/concurrency.sh).
 *
 *   stress_writer DB ADMIN KEY N
 *
 * Opens DB, logs in as ADMIN (owner mode, like `kefu --as`), prints
 * "ready" and then waits for end-of-file on standard input: the driver
 * holds every writer at that barrier so all of them start at once. Then it
 * increments the seconds policy KEY by one, N times, the way a person at a
 * screen would: read the value and its version (kf_policy_list), save
 * value + 1 against that version (kf_policy_set). KF_OK counts a success;
 * KF_CONFLICT (someone else saved first) reads again and retries; so does
 * KF_BUSY (the core's bounded lock wait ran out, which a loaded machine
 * can make happen: how long a write waits is a figure, not a test), as a
 * person told "busy, try again" would; anything else is printed and the
 * writer exits 1.
 *
 * On success it prints one line the driver sums:
 *   done pid=P ok=N conflicts=C busy=B lock_wait_max_ms=W elapsed_ms=E
 *
 * Opens its connection itself, after the driver started it: no connection
 * ever crosses a fork().
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

static void
fail(const char *what, const struct kf_err *err, long ok, long conflicts)
{
	fprintf(stderr, "stress_writer[%ld]: %s failed after %ld successes, "
	    "%ld conflicts: %s: %s\n", (long)getpid(), what, ok, conflicts,
	    kf_rc_name(err->rc), err->msg);
}

/* Reads KEY's value and version; KF_NOTFOUND when there is no such key. */
static enum kf_rc
read_policy(struct kf_core *k, const char *key, int64_t *value,
    int64_t *version, struct kf_err *err)
{
	struct kf_policy *v;
	enum kf_rc rc;
	size_t n, i;

	if ((rc = kf_policy_list(k, &v, &n, err)) != KF_OK)
		return rc;
	rc = kf_err_set(err, KF_NOTFOUND, "no policy %s", key);
	for (i = 0; i < n; i++) {
		if (strcmp(v[i].key, key) == 0) {
			*value = v[i].value;
			*version = v[i].version;
			kf_err_clear(err);
			rc = KF_OK;
			break;
		}
	}
	free(v);
	return rc;
}

int
main(int argc, char **argv)
{
	struct kf_core *k = NULL;
	struct kf_err err;
	int64_t value = 0, version = 0;
	long n, ok = 0, conflicts = 0, busy = 0;
	long long t0;
	char text[32], *end, buf[64];
	enum kf_rc rc;

	if (argc != 5) {
		fprintf(stderr, "usage: stress_writer DB ADMIN KEY N\n");
		return 2;
	}
	n = strtol(argv[4], &end, 10);
	if (*end != '\0' || n < 1) {
		fprintf(stderr, "stress_writer: N must be a positive number\n");
		return 2;
	}
	kf_err_clear(&err);
	if (kf_core_open(argv[1], NULL, &k, &err) != KF_OK) {
		fail("opening the database", &err, 0, 0);
		return 1;
	}
	if (kf_core_login_as(k, argv[2], &err) != KF_OK) {
		fail("logging in", &err, 0, 0);
		kf_core_close(k);
		return 1;
	}
	printf("ready pid=%ld\n", (long)getpid());
	fflush(stdout);
	while (fread(buf, 1, sizeof(buf), stdin) > 0)
		;		/* the barrier: the driver closes our stdin */

	t0 = now_ms();
	while (ok < n) {
		if ((rc = read_policy(k, argv[3], &value, &version, &err)) !=
		    KF_OK) {
			fail("reading the policy", &err, ok, conflicts);
			kf_core_close(k);
			return 1;
		}
		snprintf(text, sizeof(text), "%lld", (long long)value + 1);
		rc = kf_policy_set(k, argv[3], text, version, &err);
		if (rc == KF_OK)
			ok++;
		else if (rc == KF_CONFLICT)
			conflicts++;
		else if (rc == KF_BUSY)
			busy++;
		else {
			fail("saving the policy", &err, ok, conflicts);
			kf_core_close(k);
			return 1;
		}
	}
	printf("done pid=%ld ok=%ld conflicts=%ld busy=%ld lock_wait_max_ms=%lld "
	    "elapsed_ms=%lld\n", (long)getpid(), ok, conflicts, busy,
	    (long long)kf_core_max_lock_wait_ms(k), now_ms() - t0);
	kf_core_close(k);
	return fflush(stdout) == 0 ? 0 : 1;
}
