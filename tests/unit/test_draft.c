/* test_draft.c — drafts survive any text, belong to one person; prefs. */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "kefu/draft.h"
#include "kefu/perm.h"

static void
test_round_trip_any_text(void **state)
{
	struct fixture *fx = *state;
	struct kf_draft_field f[] = {
		{ "name", "张三丰" },
		{ "note", "line one\nline two \\ back\\nslash = equals" },
		{ "empty", "" },
	};
	struct kf_draft *d;
	struct kf_err err;
	size_t n;

	assert_int_equal(kf_draft_save(fx->k, "staff.add", 0, f, 3, &err), KF_OK);
	assert_int_equal(kf_draft_list(fx->k, 10, &d, &n, &err), KF_OK);
	assert_int_equal(n, 1);
	assert_string_equal(d[0].form, "staff.add");
	assert_int_equal(d[0].record_id, 0);
	assert_int_equal(d[0].saved_at, T0);
	assert_int_equal(d[0].nfields, 3);
	assert_string_equal(kf_draft_get(&d[0], "name"), "张三丰");
	assert_string_equal(kf_draft_get(&d[0], "note"), f[1].value);
	assert_string_equal(kf_draft_get(&d[0], "empty"), "");
	assert_null(kf_draft_get(&d[0], "missing"));
	kf_draft_list_free(d, n);
}

static void
test_replace_drop_and_privacy(void **state)
{
	struct fixture *fx = *state;
	struct kf_draft_field a[] = { { "name", "一" } }, b[] = { { "name", "二" } };
	struct kf_core *other;
	struct kf_draft *d;
	struct kf_err err;
	size_t n;

	fx_staff(fx->k, "wangfang", KF_ROLE_RECEPTION);
	other = fx_session(fx, "wangfang");
	assert_int_equal(kf_draft_save(fx->k, "staff.edit", 7, a, 1, &err), KF_OK);
	assert_int_equal(kf_draft_save(fx->k, "staff.edit", 7, b, 1, &err), KF_OK);
	assert_int_equal(kf_draft_list(fx->k, 10, &d, &n, &err), KF_OK);
	assert_int_equal(n, 1);			/* replaced, not added */
	assert_string_equal(kf_draft_get(&d[0], "name"), "二");
	kf_draft_list_free(d, n);
	assert_int_equal(kf_draft_list(other, 10, &d, &n, &err), KF_OK);
	assert_int_equal(n, 0);			/* nobody else sees it */
	kf_draft_list_free(d, n);
	assert_int_equal(kf_draft_drop(fx->k, "staff.edit", 7, &err), KF_OK);
	assert_int_equal(kf_draft_drop(fx->k, "staff.edit", 7, &err), KF_OK);
	assert_int_equal(kf_draft_list(fx->k, 10, &d, &n, &err), KF_OK);
	assert_int_equal(n, 0);
	kf_draft_list_free(d, n);
	kf_core_close(other);
}

/* A form that opens finds its own draft, and only its own person's. */
static void
test_find(void **state)
{
	struct fixture *fx = *state;
	struct kf_draft_field a[] = { { "text", "换了阀门" } };
	struct kf_draft_field b[] = { { "text", "别的单" } };
	struct kf_core *other;
	struct kf_draft *d;
	struct kf_err err;

	fx_staff(fx->k, "wangfang", KF_ROLE_RECEPTION);
	other = fx_session(fx, "wangfang");
	assert_int_equal(kf_draft_find(fx->k, "order.work", 42, &d, &err),
	    KF_NOTFOUND);
	assert_null(d);
	assert_int_equal(kf_draft_save(fx->k, "order.work", 42, a, 1, &err),
	    KF_OK);
	assert_int_equal(kf_draft_save(fx->k, "order.work", 43, b, 1, &err),
	    KF_OK);
	assert_int_equal(kf_draft_find(fx->k, "order.work", 42, &d, &err),
	    KF_OK);
	assert_non_null(d);
	assert_string_equal(d->form, "order.work");
	assert_int_equal(d->record_id, 42);
	assert_int_equal(d->saved_at, T0);
	assert_string_equal(kf_draft_get(d, "text"), "换了阀门");
	kf_draft_list_free(d, 1);
	assert_int_equal(kf_draft_find(fx->k, "order.signoff", 42, &d, &err),
	    KF_NOTFOUND);
	assert_int_equal(kf_draft_find(other, "order.work", 42, &d, &err),
	    KF_NOTFOUND);			/* nobody else's */
	assert_null(d);
	kf_core_close(other);
}

static void
test_prefs(void **state)
{
	struct fixture *fx = *state;
	struct kf_err err;
	char *v;

	assert_int_equal(kf_pref_get(fx->k, "lang", &v, &err), KF_OK);
	assert_null(v);
	assert_int_equal(kf_pref_set(fx->k, "lang", "zh_CN", &err), KF_OK);
	assert_int_equal(kf_pref_set(fx->k, "lang", "en", &err), KF_OK);
	assert_int_equal(kf_pref_get(fx->k, "lang", &v, &err), KF_OK);
	assert_string_equal(v, "en");
	free(v);
	assert_int_equal(kf_pref_set(fx->k, "lang", "a\x1b", &err), KF_INVALID);
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(test_round_trip_any_text),
		T(test_replace_drop_and_privacy),
		T(test_find),
		T(test_prefs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
