/*
 * test_fee.c — the paid-service list (有偿服务项目表, R16, R22, R25):
 * code/name/unit/price validation at its edges, codes never reused,
 * versioned changes that conflict from a stale version, inactive items,
 * admin-only changes, audit, and money in fen to text and back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "kefu/audit.h"
#include "kefu/fee.h"

/* n copies of the UTF-8 character (or ASCII string) s, into buf. */
static char *
rep(char *buf, size_t size, const char *s, int n)
{
	size_t len = strlen(s);
	int i;

	assert_true(len * (size_t)n < size);
	buf[0] = '\0';
	for (i = 0; i < n; i++)
		memcpy(buf + len * (size_t)i, s, len + 1);
	return buf;
}

static struct kf_fee
get(struct kf_core *k, const char *code)
{
	struct kf_fee f;
	struct kf_err err;

	memset(&f, 0, sizeof(f));
	if (kf_fee_get(k, code, &f, &err) != KF_OK)
		fail_msg("get %s: %s", code, err.msg);
	return f;
}

/* The audit rows by actor, newest first (at most 100). */
static size_t
audit_rows(struct kf_core *k, const char *actor, struct kf_audit_row **rows)
{
	struct kf_audit_filter f = { .actor = actor, .limit = 100 };
	struct kf_err err;
	size_t n = 0;

	if (kf_audit_list(k, &f, rows, &n, &err) != KF_OK)
		fail_msg("audit: %s", err.msg);
	return n;
}

/* R16: an item as published, read back whole; the add is audited. */
static void
test_r16_add_and_get(void **state)
{
	struct fixture *fx = *state;
	struct kf_audit_row *rows;
	struct kf_fee f;
	struct kf_err err;
	size_t before, n;
	int64_t id = 0;

	before = audit_rows(fx->k, "boss", &rows);
	kf_audit_list_free(rows, before);
	assert_int_equal(kf_fee_add(fx->k, "GAS-01", "更换灶具胶管", "次", 1500,
	    &id, &err), KF_OK);
	assert_true(id > 0);
	f = get(fx->k, "GAS-01");
	assert_int_equal(f.id, id);
	assert_string_equal(f.code, "GAS-01");
	assert_string_equal(f.name, "更换灶具胶管");
	assert_string_equal(f.unit, "次");
	assert_int_equal(f.price, 1500);
	assert_true(f.active);
	assert_int_equal(f.version, 1);
	kf_fee_clear(&f);
	kf_fee_clear(NULL);
	/* id may be NULL. */
	assert_int_equal(kf_fee_add(fx->k, "GAS-02", "安装报警器", "个", 0, NULL,
	    &err), KF_OK);
	/* Every change is audited (R54): one row per add, by its actor. */
	n = audit_rows(fx->k, "boss", &rows);
	assert_int_equal(n, before + 2);
	assert_non_null(rows[1].after);
	assert_non_null(strstr(rows[1].after, "GAS-01"));
	assert_non_null(strstr(rows[0].after, "GAS-02"));
	kf_audit_list_free(rows, n);
	assert_int_equal(kf_fee_get(fx->k, "GAS-99", &f, &err), KF_NOTFOUND);
}

/* Codes: 1–16 of [A-Z0-9-], upper case. */
static void
test_code_edges(void **state)
{
	struct fixture *fx = *state;
	struct kf_err err;
	struct kf_fee f;
	char code[32];

	assert_int_equal(kf_fee_add(fx->k, "", "换阀", "个", 100, NULL, &err),
	    KF_INVALID);
	assert_string_equal(err.field, "code");
	rep(code, sizeof(code), "A", 17);
	assert_int_equal(kf_fee_add(fx->k, code, "换阀", "个", 100, NULL, &err),
	    KF_INVALID);
	assert_string_equal(err.field, "code");
	rep(code, sizeof(code), "A", 16);	/* the longest allowed */
	assert_int_equal(kf_fee_add(fx->k, code, "换阀", "个", 100, NULL, &err),
	    KF_OK);
	assert_int_equal(kf_fee_add(fx->k, "A", "换阀", "个", 100, NULL, &err),
	    KF_OK);				/* the shortest */
	assert_int_equal(kf_fee_add(fx->k, "0-9Z", "换阀", "个", 100, NULL,
	    &err), KF_OK);
	assert_int_equal(kf_fee_add(fx->k, "gas-01", "换阀", "个", 100, NULL,
	    &err), KF_INVALID);
	assert_string_equal(err.field, "code");
	assert_int_equal(kf_fee_add(fx->k, "Gas-01", "换阀", "个", 100, NULL,
	    &err), KF_INVALID);
	assert_int_equal(kf_fee_add(fx->k, "GAS_01", "换阀", "个", 100, NULL,
	    &err), KF_INVALID);
	assert_int_equal(kf_fee_add(fx->k, "GAS 01", "换阀", "个", 100, NULL,
	    &err), KF_INVALID);
	assert_int_equal(kf_fee_add(fx->k, "阀门", "换阀", "个", 100, NULL,
	    &err), KF_INVALID);
	assert_int_equal(kf_fee_get(fx->k, "gas-01", &f, &err), KF_NOTFOUND);
}

/* Names: non-blank, at most 64 characters (Chinese count as one each). */
static void
test_name_and_unit_edges(void **state)
{
	struct fixture *fx = *state;
	struct kf_err err;
	struct kf_fee f;
	char buf[512];

	assert_int_equal(kf_fee_add(fx->k, "N1", "", "次", 100, NULL, &err),
	    KF_INVALID);
	assert_string_equal(err.field, "name");
	assert_int_equal(kf_fee_add(fx->k, "N1", "   ", "次", 100, NULL, &err),
	    KF_INVALID);
	assert_string_equal(err.field, "name");
	assert_int_equal(kf_fee_add(fx->k, "N1", rep(buf, sizeof(buf), "阀", 65),
	    "次", 100, NULL, &err), KF_INVALID);
	assert_string_equal(err.field, "name");
	assert_int_equal(kf_fee_add(fx->k, "N1", rep(buf, sizeof(buf), "阀", 64),
	    "次", 100, NULL, &err), KF_OK);
	f = get(fx->k, "N1");
	assert_string_equal(f.name, buf);
	kf_fee_clear(&f);

	assert_int_equal(kf_fee_add(fx->k, "U1", "换阀", "", 100, NULL, &err),
	    KF_INVALID);
	assert_string_equal(err.field, "unit");
	assert_int_equal(kf_fee_add(fx->k, "U1", "换阀", "  ", 100, NULL, &err),
	    KF_INVALID);
	assert_string_equal(err.field, "unit");
	assert_int_equal(kf_fee_add(fx->k, "U1", "换阀",
	    rep(buf, sizeof(buf), "米", 9), 100, NULL, &err), KF_INVALID);
	assert_string_equal(err.field, "unit");
	assert_int_equal(kf_fee_add(fx->k, "U1", "换阀",
	    rep(buf, sizeof(buf), "米", 8), 100, NULL, &err), KF_OK);
	/* The refused tries left nothing: the one saved is the last. */
	f = get(fx->k, "U1");
	assert_string_equal(f.unit, buf);
	assert_int_equal(f.version, 1);
	kf_fee_clear(&f);
}

/* Prices: 0 to 100,000,000 fen. */
static void
test_price_edges(void **state)
{
	struct fixture *fx = *state;
	struct kf_err err;
	struct kf_fee f;

	assert_int_equal(kf_fee_add(fx->k, "P1", "换阀", "个", -1, NULL, &err),
	    KF_INVALID);
	assert_string_equal(err.field, "price");
	assert_int_equal(kf_fee_add(fx->k, "P1", "换阀", "个", 100000001, NULL,
	    &err), KF_INVALID);
	assert_string_equal(err.field, "price");
	assert_int_equal(kf_fee_add(fx->k, "P1", "换阀", "个", INT64_MAX, NULL,
	    &err), KF_INVALID);
	assert_int_equal(kf_fee_get(fx->k, "P1", &f, &err), KF_NOTFOUND);
	assert_int_equal(kf_fee_add(fx->k, "P1", "换阀", "个", 100000000, NULL,
	    &err), KF_OK);
	assert_int_equal(kf_fee_add(fx->k, "P0", "免费检查", "次", 0, NULL,
	    &err), KF_OK);
	f = get(fx->k, "P1");
	assert_int_equal(f.price, 100000000);
	kf_fee_clear(&f);
	/* The same limits hold for a change. */
	assert_int_equal(kf_fee_set(fx->k, "P0", -1, NULL, NULL, 100000001, -1,
	    &err), KF_INVALID);
	assert_string_equal(err.field, "price");
	f = get(fx->k, "P0");
	assert_int_equal(f.price, 0);
	assert_int_equal(f.version, 1);
	kf_fee_clear(&f);
}

/* A code is unique and never reused, even once the item is inactive. */
static void
test_duplicate_code_conflicts(void **state)
{
	struct fixture *fx = *state;
	struct kf_err err;
	struct kf_fee f;

	assert_int_equal(kf_fee_add(fx->k, "GAS-01", "更换灶具胶管", "次", 1500,
	    NULL, &err), KF_OK);
	assert_int_equal(kf_fee_add(fx->k, "GAS-01", "别的", "个", 99, NULL,
	    &err), KF_CONFLICT);
	assert_int_equal(kf_fee_set(fx->k, "GAS-01", -1, NULL, NULL, -1, 0,
	    &err), KF_OK);
	assert_int_equal(kf_fee_add(fx->k, "GAS-01", "别的", "个", 99, NULL,
	    &err), KF_CONFLICT);
	f = get(fx->k, "GAS-01");
	assert_string_equal(f.name, "更换灶具胶管");	/* untouched */
	assert_int_equal(f.price, 1500);
	kf_fee_clear(&f);
}

/* kf_fee_set: NULL / < 0 keep a field; each change bumps the version. */
static void
test_set_keeps_and_changes(void **state)
{
	struct fixture *fx = *state;
	struct kf_err err;
	struct kf_fee f;

	assert_int_equal(kf_fee_add(fx->k, "GAS-01", "更换灶具胶管", "次", 1500,
	    NULL, &err), KF_OK);
	assert_int_equal(kf_fee_set(fx->k, "GAS-01", 1, NULL, NULL, 1800, -1,
	    &err), KF_OK);
	f = get(fx->k, "GAS-01");
	assert_string_equal(f.name, "更换灶具胶管");
	assert_string_equal(f.unit, "次");
	assert_int_equal(f.price, 1800);
	assert_true(f.active);
	assert_int_equal(f.version, 2);
	kf_fee_clear(&f);
	assert_int_equal(kf_fee_set(fx->k, "GAS-01", 2, "更换胶管", "米", -1, -1,
	    &err), KF_OK);
	f = get(fx->k, "GAS-01");
	assert_string_equal(f.name, "更换胶管");
	assert_string_equal(f.unit, "米");
	assert_int_equal(f.price, 1800);
	assert_int_equal(f.version, 3);
	kf_fee_clear(&f);
	/* Changes are validated as adds are. */
	assert_int_equal(kf_fee_set(fx->k, "GAS-01", -1, "  ", NULL, -1, -1,
	    &err), KF_INVALID);
	assert_string_equal(err.field, "name");
	assert_int_equal(kf_fee_set(fx->k, "GAS-01", -1, NULL, "", -1, -1,
	    &err), KF_INVALID);
	assert_string_equal(err.field, "unit");
	assert_int_equal(kf_fee_set(fx->k, "NOPE", -1, NULL, NULL, 1, -1, &err),
	    KF_NOTFOUND);
	f = get(fx->k, "GAS-01");
	assert_int_equal(f.version, 3);
	kf_fee_clear(&f);
}

/* Two admins change the price from the same version: the second is told
 * who changed it, and nothing of his is saved. */
static void
test_set_from_a_stale_version_conflicts(void **state)
{
	struct fixture *fx = *state;
	struct kf_core *other;
	struct kf_err err;
	struct kf_fee f;

	fx_staff(fx->k, "admin2", KF_ROLE_ADMIN);
	other = fx_session(fx, "admin2");
	kf_clock_fix(kf_core_clock(other), T0 + 60);
	assert_int_equal(kf_fee_add(fx->k, "GAS-01", "更换灶具胶管", "次", 1500,
	    NULL, &err), KF_OK);
	assert_int_equal(kf_fee_set(other, "GAS-01", 1, NULL, NULL, 1800, -1,
	    &err), KF_OK);
	assert_int_equal(kf_fee_set(fx->k, "GAS-01", 1, NULL, NULL, 2000, -1,
	    &err), KF_CONFLICT);
	assert_string_equal(err.conflict.by, "admin2");
	assert_int_equal(err.conflict.at, T0 + 60);
	assert_string_equal(err.conflict.field, "price");
	f = get(fx->k, "GAS-01");
	assert_int_equal(f.price, 1800);
	assert_int_equal(f.version, 2);
	kf_fee_clear(&f);
	/* Re-read at version 2, it goes through; -1 is "whatever is current". */
	assert_int_equal(kf_fee_set(fx->k, "GAS-01", 2, NULL, NULL, 2000, -1,
	    &err), KF_OK);
	assert_int_equal(kf_fee_set(fx->k, "GAS-01", -1, NULL, NULL, 2100, -1,
	    &err), KF_OK);
	f = get(fx->k, "GAS-01");
	assert_int_equal(f.price, 2100);
	assert_int_equal(f.version, 4);
	kf_fee_clear(&f);
	kf_core_close(other);
}

/* Items are never deleted: made inactive, they leave the plain list. */
static void
test_inactive_items_and_lists(void **state)
{
	struct fixture *fx = *state;
	struct kf_err err;
	struct kf_fee *v, f;
	size_t n;

	assert_int_equal(kf_fee_add(fx->k, "PIPE-02", "更换管段", "米", 3000,
	    NULL, &err), KF_OK);
	assert_int_equal(kf_fee_add(fx->k, "GAS-01", "更换灶具胶管", "次", 1500,
	    NULL, &err), KF_OK);
	assert_int_equal(kf_fee_add(fx->k, "GAS-02", "安装报警器", "个", 8000,
	    NULL, &err), KF_OK);
	assert_int_equal(kf_fee_set(fx->k, "GAS-02", 1, NULL, NULL, -1, 0, &err),
	    KF_OK);
	f = get(fx->k, "GAS-02");
	assert_false(f.active);
	assert_int_equal(f.version, 2);
	assert_int_equal(f.price, 8000);
	kf_fee_clear(&f);

	assert_int_equal(kf_fee_list(fx->k, false, &v, &n, &err), KF_OK);
	assert_int_equal(n, 2);				/* by code */
	assert_string_equal(v[0].code, "GAS-01");
	assert_string_equal(v[1].code, "PIPE-02");
	assert_int_equal(v[1].price, 3000);
	assert_string_equal(v[1].unit, "米");
	kf_fee_list_free(v, n);
	assert_int_equal(kf_fee_list(fx->k, true, &v, &n, &err), KF_OK);
	assert_int_equal(n, 3);
	assert_string_equal(v[0].code, "GAS-01");
	assert_string_equal(v[1].code, "GAS-02");
	assert_false(v[1].active);
	assert_string_equal(v[2].code, "PIPE-02");
	kf_fee_list_free(v, n);
	kf_fee_list_free(NULL, 0);

	/* Active again. */
	assert_int_equal(kf_fee_set(fx->k, "GAS-02", 2, NULL, NULL, -1, 1, &err),
	    KF_OK);
	assert_int_equal(kf_fee_list(fx->k, false, &v, &n, &err), KF_OK);
	assert_int_equal(n, 3);
	kf_fee_list_free(v, n);
}

/* Only admins change the list; anyone logged in reads it. */
static void
test_admin_only(void **state)
{
	struct fixture *fx = *state;
	struct kf_core *disp, *tech;
	struct kf_err err;
	struct kf_fee f, *v;
	size_t n;

	fx_staff(fx->k, "disp", KF_ROLE_DISPATCHER);
	fx_staff(fx->k, "sup", KF_ROLE_SUPERVISOR);
	fx_staff(fx->k, "tech", KF_ROLE_TECHNICIAN);
	assert_int_equal(kf_fee_add(fx->k, "GAS-01", "更换灶具胶管", "次", 1500,
	    NULL, &err), KF_OK);
	disp = fx_session(fx, "disp");
	assert_int_equal(kf_fee_add(disp, "GAS-09", "换阀", "个", 100, NULL,
	    &err), KF_DENIED);
	assert_int_equal(kf_fee_set(disp, "GAS-01", -1, NULL, NULL, 1, -1, &err),
	    KF_DENIED);
	assert_int_equal(kf_fee_set(disp, "GAS-01", -1, NULL, NULL, -1, 0, &err),
	    KF_DENIED);
	f = get(disp, "GAS-01");
	assert_int_equal(f.price, 1500);
	assert_true(f.active);
	kf_fee_clear(&f);
	assert_int_equal(kf_fee_get(disp, "GAS-09", &f, &err), KF_NOTFOUND);
	assert_int_equal(kf_fee_list(disp, true, &v, &n, &err), KF_OK);
	assert_int_equal(n, 1);
	kf_fee_list_free(v, n);
	kf_core_close(disp);
	/* Not the supervisor either: he audits charges (R17), not the list. */
	disp = fx_session(fx, "sup");
	assert_int_equal(kf_fee_add(disp, "GAS-09", "换阀", "个", 100, NULL,
	    &err), KF_DENIED);
	kf_core_close(disp);
	/* The technician reads the list to charge from it (R25). */
	tech = fx_session(fx, "tech");
	f = get(tech, "GAS-01");
	kf_fee_clear(&f);
	assert_int_equal(kf_fee_add(tech, "GAS-09", "换阀", "个", 100, NULL,
	    &err), KF_DENIED);
	kf_core_close(tech);
}

static void
test_money_format(void **state)
{
	static const struct {
		int64_t		 fen;
		const char	*text;
	} cases[] = {
		{ 0, "0.00" }, { 1, "0.01" }, { 10, "0.10" }, { 99, "0.99" },
		{ 100, "1.00" }, { 1200, "12.00" }, { 1250, "12.50" },
		{ 1205, "12.05" }, { 100000000, "1000000.00" },
		{ -5, "-0.05" }, { -1, "-0.01" }, { -1250, "-12.50" },
		{ INT64_MAX, "92233720368547758.07" },
		{ INT64_MIN, "-92233720368547758.08" },
	};
	char buf[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(buf, 'x', sizeof(buf));
		kf_money_format(cases[i].fen, buf, sizeof(buf));
		assert_string_equal(buf, cases[i].text);
	}
}

static void
test_money_parse(void **state)
{
	static const struct {
		const char	*text;
		int64_t		 fen;
	} ok[] = {
		{ "0.01", 1 }, { "12.5", 1250 }, { "12.50", 1250 },
		{ "12", 1200 }, { "0", 0 }, { "0.10", 10 }, { "0.1", 10 },
		{ "12.05", 1205 }, { "1000000.00", 100000000 },
	};
	static const char *const bad[] = {
		"1.234", "0.001", "12.500", "abc", "", "12a", "1.2.3", "1e3",
		"12.5x", "--1", "¥12",
		"99999999999999999999",		/* beyond int64 */
		"92233720368547758.08",		/* one fen beyond INT64_MAX */
		"100000000000000000",		/* fen overflow when * 100 */
	};
	struct kf_err err;
	int64_t fen;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		fen = -42;
		if (kf_money_parse(ok[i].text, &fen, &err) != KF_OK)
			fail_msg("\"%s\": %s", ok[i].text, err.msg);
		assert_int_equal(fen, ok[i].fen);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (kf_money_parse(bad[i], &fen, &err) != KF_INVALID)
			fail_msg("\"%s\" accepted as %lld", bad[i],
			    (long long)fen);
		assert_true(err.msg[0] != '\0');
	}
	/* Round trip. */
	{
		char buf[32];

		kf_money_format(1250, buf, sizeof(buf));
		assert_int_equal(kf_money_parse(buf, &fen, &err), KF_OK);
		assert_int_equal(fen, 1250);
	}
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(test_r16_add_and_get),
		T(test_code_edges),
		T(test_name_and_unit_edges),
		T(test_price_edges),
		T(test_duplicate_code_conflicts),
		T(test_set_keeps_and_changes),
		T(test_set_from_a_stale_version_conflicts),
		T(test_inactive_items_and_lists),
		T(test_admin_only),
		cmocka_unit_test(test_money_format),
		cmocka_unit_test(test_money_parse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
