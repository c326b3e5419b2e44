/*
 * test_demo.c — the demo-data generator: the same (seed, i) always gives
 * the same record, every record is one the core accepts, the names look
 * like a Chinese population, and a generated register can be searched.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "kefu/audit.h"
#include "kefu/callback.h"
#include "kefu/complaint.h"
#include "kefu/customer.h"
#include "kefu/demo.h"

static const char *
s0(const char *s)
{
	return s ? s : "(null)";
}

/* Asserts a and b are the same record, field by field. */
static void
assert_same(const struct kf_customer *a, const struct kf_customer *b)
{
	int i;

	assert_string_equal(a->account, b->account);
	assert_string_equal(a->name, b->name);
	for (i = 0; i < KF_MAX_PHONES; i++)
		assert_string_equal(s0(a->phones[i]), s0(b->phones[i]));
	assert_string_equal(a->community, b->community);
	assert_string_equal(a->building, b->building);
	assert_string_equal(a->unit, b->unit);
	assert_string_equal(a->room, b->room);
	assert_string_equal(a->address, b->address);
	assert_int_equal(a->kind, b->kind);
	assert_string_equal(s0(a->move_in), s0(b->move_in));
	assert_string_equal(a->notes, b->notes);
	assert_int_equal(a->status, b->status);
}

static void
test_deterministic(void **state)
{
	struct kf_customer a, b, c;
	uint64_t i;
	int differ = 0;

	(void)state;
	for (i = 0; i < 200; i++) {
		kf_demo_customer(7, i, &a);
		kf_demo_customer(7, i, &b);
		assert_same(&a, &b);
		/* Another seed: another person, the same account number. */
		kf_demo_customer(8, i, &c);
		assert_string_equal(a.account, c.account);
		differ += strcmp(a.phones[0], c.phones[0]) != 0;
		kf_customer_clear(&a);
		kf_customer_clear(&b);
		kf_customer_clear(&c);
	}
	assert_true(differ > 190);
	/* Record 42 does not depend on what was generated before it. */
	kf_demo_customer(7, 42, &a);
	assert_string_equal(a.account, "D00000042");
	for (i = 1000; i < 1010; i++) {
		kf_demo_customer(7, i, &b);
		kf_customer_clear(&b);
	}
	kf_demo_customer(7, 42, &b);
	assert_same(&a, &b);
	kf_customer_clear(&a);
	kf_customer_clear(&b);
}

static void
test_records_pass_the_check(void **state)
{
	struct kf_customer c, copy;
	struct kf_err err;
	int kinds[3] = { 0, 0, 0 }, landlines = 0, dated = 0, addressed = 0;
	uint64_t i;
	size_t len;

	(void)state;
	for (i = 0; i < 10000; i++) {
		kf_demo_customer(1, i, &c);
		kf_demo_customer(1, i, &copy);
		if (kf_customer_check(&c, &err) != KF_OK)
			fail_msg("record %llu (%s): %s", (unsigned long long)i,
			    c.name, err.msg);
		/* Nothing needed normalising but the landline's dash. */
		assert_string_equal(c.name, copy.name);
		assert_string_equal(c.room, copy.room);
		assert_string_equal(c.phones[0], copy.phones[0]);
		len = strlen(c.phones[0]);
		assert_int_equal(len, 11);
		assert_true(c.phones[0][0] == '1' && c.phones[0][1] != '4');
		if (c.phones[1] != NULL) {
			assert_int_equal(c.phones[1][0], '0');
			landlines++;
		}
		kinds[c.kind]++;
		dated += c.move_in != NULL;
		addressed += *c.address != '\0';
		if (c.move_in != NULL)
			assert_true(strcmp(c.move_in, "2005-01-01") >= 0 &&
			    strcmp(c.move_in, "2026-10-31") <= 0);
		kf_customer_clear(&c);
		kf_customer_clear(&copy);
	}
	/* Mostly residents, some shops, a few offices. */
	assert_in_range(kinds[KF_CUST_RESIDENT], 8500, 9100);
	assert_in_range(kinds[KF_CUST_COMMERCIAL], 800, 1200);
	assert_in_range(kinds[KF_CUST_OTHER], 100, 300);
	assert_in_range(landlines, 1300, 2300);
	assert_in_range(dated, 9300, 9700);
	assert_in_range(addressed, 600, 1000);
}

struct tally {
	char		 surname[8];
	int		 n;
};

static int
by_count(const void *a, const void *b)
{
	return ((const struct tally *)b)->n - ((const struct tally *)a)->n;
}

static void
test_surnames_look_chinese(void **state)
{
	static const char *const compound[] = { "欧阳", "司马", "诸葛", "上官",
	    "东方" };
	struct tally t[200] = { { "", 0 } };
	struct kf_customer c;
	size_t nt = 0, j, k, len, people = 0;
	uint64_t i;
	int top = 0;

	(void)state;
	for (i = 0; i < 10000; i++) {
		kf_demo_customer(3, i, &c);
		if (c.kind != KF_CUST_RESIDENT) {
			kf_customer_clear(&c);
			continue;
		}
		people++;
		len = 3;			/* one CJK character */
		for (k = 0; k < sizeof(compound) / sizeof(compound[0]); k++)
			if (strncmp(c.name, compound[k], 6) == 0)
				len = 6;
		/* Surname and one or two given-name characters. */
		assert_in_range(strlen(c.name) - len, 3, 6);
		for (j = 0; j < nt; j++)
			if (strncmp(t[j].surname, c.name, len) == 0 &&
			    t[j].surname[len] == '\0')
				break;
		if (j == nt) {
			assert_true(nt < 200);
			snprintf(t[nt].surname, sizeof(t[nt].surname), "%.*s",
			    (int)len, c.name);
			t[nt++].n = 0;
		}
		t[j].n++;
		kf_customer_clear(&c);
	}
	qsort(t, nt, sizeof(t[0]), by_count);
	/* 王, 李 and 张 are the three most common, each 5-10% of people. */
	for (j = 0; j < 3; j++) {
		top += strcmp(t[j].surname, "王") == 0 ||
		    strcmp(t[j].surname, "李") == 0 ||
		    strcmp(t[j].surname, "张") == 0;
		assert_in_range(t[j].n * 1000 / (int)people, 50, 100);
	}
	assert_int_equal(top, 3);
	/* Many surnames, and a long tail. */
	assert_true(nt > 80);
	assert_true(t[nt - 1].n < 10);
}

static void
test_add_and_find(void **state)
{
	struct fixture *fx = *state;
	struct kf_customer_hit *h;
	struct kf_customer c, want;
	struct kf_core *t;
	struct kf_err err;
	size_t n;

	assert_int_equal(kf_demo_customers(fx->k, 5, 0, 2000, &err), KF_OK);
	assert_int_equal(kf_customer_find(fx->k, "王", 20, &h, &n, &err), KF_OK);
	assert_true(n > 0);
	assert_true(strncmp(h[0].c.name, "王", 3) == 0 ||
	    strstr(h[0].c.name, "王") != NULL);
	kf_customer_hits_free(h, n);

	/* Record 1234's mobile number finds it first. */
	kf_demo_customer(5, 1234, &want);
	assert_int_equal(kf_customer_find(fx->k, want.phones[0], 20, &h, &n,
	    &err), KF_OK);
	assert_true(n >= 1);
	assert_string_equal(h[0].c.account, "D00001234");
	assert_string_equal(h[0].c.name, want.name);
	kf_customer_hits_free(h, n);
	kf_customer_clear(&want);

	assert_int_equal(kf_customer_get_account(fx->k, "D00001999", &c, &err),
	    KF_OK);
	kf_customer_clear(&c);
	assert_int_equal(kf_customer_get_account(fx->k, "D00002000", &c, &err),
	    KF_NOTFOUND);

	/* The same range again: its accounts are taken. */
	assert_int_equal(kf_demo_customers(fx->k, 6, 1500, 10, &err),
	    KF_CONFLICT);
	assert_int_equal(kf_customer_get_account(fx->k, "D00002000", &c, &err),
	    KF_NOTFOUND);
	/* A later chunk that fails keeps the chunks before it. */
	assert_int_equal(kf_demo_customers(fx->k, 5, 3500, 1, &err), KF_OK);
	assert_int_equal(kf_demo_customers(fx->k, 5, 2000, 2000, &err),
	    KF_CONFLICT);
	assert_int_equal(kf_customer_get_account(fx->k, "D00002999", &c, &err),
	    KF_OK);
	kf_customer_clear(&c);
	assert_int_equal(kf_customer_get_account(fx->k, "D00003000", &c, &err),
	    KF_NOTFOUND);

	/* Only those who may add customers. */
	fx_staff(fx->k, "tech", KF_ROLE_TECHNICIAN);
	t = fx_session(fx, "tech");
	assert_int_equal(kf_demo_customers(t, 5, 10000, 10, &err), KF_DENIED);
	kf_core_close(t);
	assert_int_equal(kf_demo_customers(fx->k, 5, 10000, 0, &err), KF_OK);
}

/* The demo's complaints: one at each stage, the session its own actor
 * again after, every record proven by check. */
static void
test_demo_complaints(void **state)
{
	struct fixture *fx = *state;
	struct kf_complaint_filter f = { .state = -1, .severity = -1 };
	struct kf_complaint *v;
	struct kf_err err;
	size_t n, i;
	unsigned seen = 0;
	int problems = -1;

	fx_staff(fx->k, "desk", KF_ROLE_RECEPTION);
	fx_staff(fx->k, "hand", KF_ROLE_TECHNICIAN);
	fx_staff(fx->k, "sup", KF_ROLE_SUPERVISOR);
	assert_int_equal(kf_demo_complaints(fx->k, 1, "desk", "hand", "nobody",
	    &err), KF_NOTFOUND);
	assert_string_equal(kf_core_actor_login(fx->k), "boss");
	assert_int_equal(kf_demo_complaints(fx->k, 1, "desk", "hand", "sup",
	    &err), KF_OK);
	assert_string_equal(kf_core_actor_login(fx->k), "boss");
	assert_int_equal(kf_core_now(fx->k), T0);
	assert_int_equal(kf_complaint_list(fx->k, &f, KF_PAGE_FIRST, NULL, 100,
	    &v, &n, &err), KF_OK);
	assert_int_equal(n, 8);
	for (i = 0; i < n; i++)
		seen |= 1u << v[i].state;
	kf_complaint_list_free(v, n);
	assert_int_equal(seen, (1u << KF_CPL_REGISTERED) |
	    (1u << KF_CPL_FORWARDED) | (1u << KF_CPL_APPROVED) |
	    (1u << KF_CPL_RESULT) | (1u << KF_CPL_CALLED_BACK) |
	    (1u << KF_CPL_CLOSED));
	/* F6 is not empty: a callback in every state (issue 13), one late. */
	{
		struct kf_callback_filter cf = { .state = -1, .reason = -1 };
		struct kf_callback *cv;

		assert_int_equal(kf_callback_list(fx->k, &cf, KF_PAGE_FIRST,
		    NULL, 100, &cv, &n, &err), KF_OK);
		seen = 0;
		for (i = 0; i < n; i++)
			seen |= 1u << cv[i].state;
		kf_callback_list_free(cv, n);
		assert_int_equal(seen, (1u << KF_CB_STATE_COUNT) - 1);
		assert_true(kf_callback_overdue_count(fx->k) >= 1);
	}
	assert_int_equal(kf_check(fx->k, NULL, NULL, NULL, &problems, &err),
	    KF_OK);
	assert_int_equal(problems, 0);
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_records_pass_the_check),
		cmocka_unit_test(test_surnames_look_chinese),
		T(test_demo_complaints),
		T(test_add_and_find),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
