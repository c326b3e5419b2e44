/*
 * fuzz_search.c — libFuzzer target for the customer search's query
 * building (kf_customer_find: trimming, phone digits, the FTS5 phrase,
 * the prefix bounds, the planning of several words, the merged id
 * streams, the scoring).
 *
 * One temporary database is made at the first input (kf_core_open with
 * create, kf_core_init, a few customers in Chinese and Latin) and kept for
 * the whole run. Each input is a query (up to its first NUL); its first
 * byte also picks the result limit and, odd or even, a planning limit
 * of 1 or 3,000. The search must never crash and never
 * answer anything but KF_OK or KF_INVALID: the query is text to look for,
 * never syntax. The database is removed at exit.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kefu/clock.h"
#include "kefu/core.h"
#include "kefu/customer.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* customer.c's planning limit (src/core/internal.h): at 1, every word of
 * a several-word search is "common", so the merged streams and the
 * row-by-row filters run on these few customers too (issue 11). */
extern int kf_search_probe;

static struct kf_core *k;
static char dir[64], path[96];

static void
die(const char *what, const struct kf_err *err)
{
	fprintf(stderr, "fuzz_search: %s: %s\n", what, err ? err->msg : "");
	abort();
}

static void
cleanup(void)
{
	kf_core_close(k);
	kf_core_remove_files(path);
	rmdir(dir);
}

static void
add(const char *account, const char *name, const char *phone,
    const char *community, const char *building, const char *room)
{
	struct kf_customer c = { 0 };
	struct kf_err err;

	c.account = account ? strdup(account) : NULL;
	c.name = strdup(name);
	c.phones[0] = phone ? strdup(phone) : NULL;
	c.community = strdup(community);
	c.building = strdup(building);
	c.room = strdup(room);
	if (kf_customer_add(k, &c, NULL, &err) != KF_OK)
		die("add", &err);
	kf_customer_clear(&c);
}

static void
setup(void)
{
	struct kf_open_opts oo = { .create = true, .sync_normal = true };
	struct kf_err err;

	snprintf(dir, sizeof(dir), "/tmp/kefu-fuzz-XXXXXX");
	if (mkdtemp(dir) == NULL)
		die("mkdtemp", NULL);
	snprintf(path, sizeof(path), "%s/fuzz.db", dir);
	if (kf_core_open(path, &oo, &k, &err) != KF_OK)
		die("open", &err);
	kf_clock_fix(kf_core_clock(k), 1795747260);
	if (kf_core_init(k, "fuzz", "模糊", &err) != KF_OK)
		die("init", &err);
	atexit(cleanup);
	add("A001", "王芳", "138-1234-5678", "阳光花园", "3号楼", "301");
	add("A002", "王小明", "13900001111", "阳光花园", "5号楼", "502");
	add("A003", "李军", "+86 10 6555 1234", "翠苑小区", "3号楼", "1201");
	add(NULL, "Zhang Wei", "010 6555 1234", "Green Court", "B", "7");
	add(NULL, "张三丰", NULL, "武当山", "1", "100%");
	add("X-1", "O'Brien \"Q\"", NULL, "a_b%c", "*", "NEAR");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kf_customer_hit *h = NULL;
	struct kf_err err;
	size_t n = 0, i;
	enum kf_rc rc;
	char *q;
	int limit;

	if (k == NULL)
		setup();
	q = malloc(size + 1);
	memcpy(q, data, size);
	q[size] = '\0';
	limit = size > 0 ? (int)data[0] % 128 - 10 : 20;
	kf_search_probe = size > 0 && (data[0] & 1) ? 1 : 3000;
	rc = kf_customer_find(k, q, limit, &h, &n, &err);
	if (rc != KF_OK && rc != KF_INVALID)
		die("find answered neither ok nor invalid", &err);
	if (rc == KF_OK) {
		if (n > 100 ||
		    (limit >= 1 && limit <= 100 && n > (size_t)limit))
			die("more results than the limit", NULL);
		for (i = 0; i < n; i++)
			if (h[i].score <= 0 || h[i].why == NULL ||
			    h[i].c.account == NULL || h[i].c.name == NULL)
				die("a result without a score, a reason or "
				    "a record", NULL);
	} else if (h != NULL || n != 0)
		die("a refused search returned results", NULL);
	kf_customer_hits_free(h, n);
	free(q);
	return 0;
}
