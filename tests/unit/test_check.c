/*
 * test_check.c — the one text rule and the one phone rule (check.c) that
 * customers, contacts and work orders share: the same typed phone number
 * is stored the same way by each.
 */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "internal.h"
#include "kefu/check.h"
#include "kefu/contact.h"
#include "kefu/customer.h"
#include "kefu/order.h"

static void
test_phone_normal_form(void **state)
{
	char out[32];

	(void)state;
	assert_int_equal(kf_phone_normal("138-0013 8000", out, sizeof(out)), 11);
	assert_string_equal(out, "13800138000");
	assert_int_equal(kf_phone_normal("(0571) 8888-1234", out, sizeof(out)),
	    12);
	assert_string_equal(out, "057188881234");
	assert_int_equal(kf_phone_normal("+86 138 0013 8000", out, sizeof(out)),
	    13);
	assert_string_equal(out, "+8613800138000");	/* country code kept */
	assert_int_equal(kf_phone_normal("138abc", out, sizeof(out)), -1);
	assert_int_equal(kf_phone_normal("1+38", out, sizeof(out)), -1);
	assert_int_equal(kf_phone_normal("13800138000", out, 5), -1); /* room */
	assert_int_equal(kf_phone_normal("", out, sizeof(out)), 0);
	assert_string_equal(out, "");
}

static void
test_check_phone_messages(void **state)
{
	struct kf_err err;
	char *s;

	(void)state;
	s = strdup("138abc");
	assert_int_equal(kf_check_phone(&s, "caller_phone", &err), KF_INVALID);
	assert_string_equal(err.field, "caller_phone");
	assert_non_null(strstr(err.msg, "may only hold digits"));
	assert_string_equal(s, "138abc");		/* left as it was */
	free(s);
	s = strdup("12-34");
	assert_int_equal(kf_check_phone(&s, "phones", &err), KF_INVALID);
	assert_non_null(strstr(err.msg, "5 to 20 digits"));
	free(s);
	s = NULL;
	assert_int_equal(kf_check_phone(&s, "phones", &err), KF_OK);
	assert_string_equal(s, "");			/* no number */
	free(s);
}

static void
test_check_text(void **state)
{
	struct kf_err err;

	(void)state;
	assert_int_equal(kf_check_text(NULL, "f", 4, false, &err), KF_OK);
	assert_int_equal(kf_check_text("王小明", "f", 3, true, &err), KF_OK);
	assert_int_equal(kf_check_text("王小明a", "f", 3, true, &err),
	    KF_INVALID);
	assert_non_null(strstr(err.msg, "longer than 3"));
	assert_int_equal(kf_check_text("\xe3\x80\x80 ", "f", 3, true, &err),
	    KF_INVALID);
	assert_string_equal(err.msg, "field f is empty");
	assert_int_equal(kf_check_text("a\x1b[2J", "g", 30, false, &err),
	    KF_INVALID);
	assert_string_equal(err.field, "g");
	assert_non_null(strstr(err.msg, "control characters"));
	assert_int_equal(kf_check_text("\xe7\x8e", "g", 30, false, &err),
	    KF_INVALID);
	assert_string_equal(err.msg, "invalid UTF-8");
}

/* A contact's stored caller phone. */
static char *
contact_phone(struct kf_core *k, const char *typed)
{
	struct kf_contact c;
	struct kf_err err;
	int64_t id;
	char *phone;

	memset(&c, 0, sizeof(c));
	c.channel = KF_CONTACT_CH_HOTLINE;
	c.purpose = KF_CONTACT_P_INQUIRY;
	c.caller_name = strdup("王");
	c.caller_title = strdup("先生");
	c.caller_phone = strdup(typed);
	c.asked = strdup("问物业费");
	if (kf_contact_log(k, &c, &id, &err) != KF_OK)
		fail_msg("contact: %s", err.msg);
	kf_contact_clear(&c);
	assert_int_equal(kf_contact_get(k, id, &c, &err), KF_OK);
	phone = strdup(c.caller_phone);
	kf_contact_clear(&c);
	return phone;
}

/* An order's stored contact phone, as reported and after an edit. */
static char *
order_phone(struct kf_core *k, const char *typed, const char *edited)
{
	struct kf_order o;
	struct kf_err err;
	int64_t id;
	char *phone;

	memset(&o, 0, sizeof(o));
	o.category = KF_ORDER_CAT_INDOOR;
	o.address = strdup("幸福小区3栋2单元501");
	o.fault = strdup("水龙头漏水");
	o.contact_name = strdup("王先生");
	o.contact_phone = strdup(typed);
	if (kf_order_new(k, &o, &id, &err) != KF_OK)
		fail_msg("order: %s", err.msg);
	kf_order_clear(&o);
	if (edited != NULL && kf_order_edit(k, id, -1, 0, NULL, edited, NULL,
	    NULL, &err) != KF_OK)
		fail_msg("edit: %s", err.msg);
	assert_int_equal(kf_order_get(k, id, &o, &err), KF_OK);
	phone = strdup(o.contact_phone);
	kf_order_clear(&o);
	return phone;
}

/*
 * The same typed number is stored the same by a contact and a work order
 * (an order used to keep "138-0013 8000" as typed, a contact its digits).
 */
static void
test_order_and_contact_store_a_phone_alike(void **state)
{
	struct fixture *fx = *state;
	struct kf_core *k;
	char *c, *o, *e;

	fx_staff(fx->k, "zhao", KF_ROLE_DISPATCHER);
	k = fx_session(fx, "zhao");
	c = contact_phone(k, "138-0013 8000");
	o = order_phone(k, "138-0013 8000", NULL);
	e = order_phone(k, "13900000000", "(138) 0013-8000");
	kf_core_close(k);

	assert_string_equal(c, "13800138000");
	assert_string_equal(o, c);
	assert_string_equal(e, c);
	free(c);
	free(o);
	free(e);
}

/*
 * Issue 11: the one text rule (util.h), which the CLI gets through
 * kf_check_text and the TUI's line editor through kf_text_char. Before,
 * the CLI refused a ZWJ emoji as control characters and accepted a
 * combining mark anywhere; the TUI stripped both.
 */
static void
test_text_rule(void **state)
{
	struct kf_err err;

	(void)state;
	/* Kept: 𠮷 (U+20BB7), e + U+0301, ZWJ emoji, 🏳️‍🌈, 4 marks. */
	assert_true(kf_text_clean("\xf0\xa0\xae\xb7" "e\xcc\x81"));
	assert_int_equal(kf_check_text("\xf0\xa0\xae\xb7" "e\xcc\x81", "name",
	    2, true, &err), KF_INVALID);	/* three characters: counted */
	assert_int_equal(kf_check_text("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0"
	    "\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7", "notes", 10, false,
	    &err), KF_OK);
	assert_true(kf_text_clean("\xf0\x9f\x8f\xb3\xef\xb8\x8f\xe2\x80"
	    "\x8d\xf0\x9f\x8c\x88"));
	assert_true(kf_text_clean("a\xcc\x81\xcc\x82\xcc\x83\xcc\x84"));
	assert_int_equal(kf_utf8_width("\xf0\xa0\xae\xb7" "e\xcc\x81"), 3);
	/* Refused, each with its words. */
	assert_int_equal(kf_text_verdict("\xcc\x81" "a"), KF_TEXT_LONE_MARK);
	assert_int_equal(kf_text_verdict("a \xcc\x81"), KF_TEXT_LONE_MARK);
	assert_int_equal(kf_text_verdict("a\xcc\x81\xcc\x82\xcc\x83\xcc\x84"
	    "\xcc\x85"), KF_TEXT_MANY_MARKS);
	assert_int_equal(kf_text_verdict("a\xe2\x80\x8d" "b"), KF_TEXT_CONTROL);
	assert_int_equal(kf_text_verdict("\xe2\x80\x8d"), KF_TEXT_LONE_MARK);
	assert_int_equal(kf_text_verdict("a\xe2\x80\x8b"), KF_TEXT_CONTROL);
	assert_int_equal(kf_check_text("\xcc\x81x", "name", 64, true, &err),
	    KF_INVALID);
	assert_string_equal(err.msg, "field name has a combining mark with no "
	    "character before it");
	assert_string_equal(err.field, "name");
	assert_int_equal(kf_check_text("o\xcc\x81\xcc\x81\xcc\x81\xcc\x81"
	    "\xcc\x81", "name", 64, true, &err), KF_INVALID);
	assert_string_equal(err.msg, "field name has more than 4 combining "
	    "marks on one character");
	assert_int_equal(kf_check_text("a\xe2\x80\x8d", "notes", 64, false,
	    &err), KF_INVALID);
	assert_string_equal(err.msg, "field notes has control characters");
	/* The words a face uses for a text cut at the limit: the CLI's. */
	assert_int_equal(kf_text_too_long("notes", 2000, &err), KF_INVALID);
	assert_string_equal(err.msg, "field notes is longer than 2000 "
	    "characters");
}

/* A customer named 𠮷 + e + U+0301 is stored and read back exactly. */
static void
test_rare_name_kept_exactly(void **state)
{
	static const char name[] = "\xf0\xa0\xae\xb7" "e\xcc\x81";
	struct fixture *fx = *state;
	struct kf_customer c = { 0 };
	struct kf_err err;
	int64_t id = 0;

	c.name = strdup(name);
	c.notes = strdup("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9");
	if (kf_customer_add(fx->k, &c, &id, &err) != KF_OK)
		fail_msg("add: %s", err.msg);
	kf_customer_clear(&c);
	assert_int_equal(kf_customer_get(fx->k, id, &c, &err), KF_OK);
	assert_string_equal(c.name, name);
	assert_string_equal(c.notes, "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f"
	    "\x91\xa9");
	kf_customer_clear(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_phone_normal_form),
		cmocka_unit_test(test_check_phone_messages),
		cmocka_unit_test(test_check_text),
		cmocka_unit_test(test_text_rule),
		cmocka_unit_test_setup_teardown(test_rare_name_kept_exactly,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_order_and_contact_store_a_phone_alike, fx_setup,
		    fx_teardown),
	};

	/* kefu runs under a UTF-8 LC_CTYPE (main.c): marks are zero width. */
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
