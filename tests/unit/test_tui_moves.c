/*
 * test_tui_moves.c — the terminal UI's move tables against the core's
 * state table: every move of the work order's state table (order.c's
 * moves[], enum kf_order_move) has a row on the Dispatch board
 * (screen_dispatch.c) or is made in a form (order_form_moves), so a move
 * added to the core without a way to make it in the TUI fails here. The
 * complaint's state table (complaint.c, enum kf_complaint_move) is held
 * to the Complaints board (screen_complaints.c) the same way, and each
 * of its move forms has its draft key on the board (board_restore). The
 * callback's (callback.c, enum kf_callback_move) is held to the Callbacks
 * board (screen_callbacks.c): every move but the open letter (R46, a
 * supervisor's batch on the command line) has a key in both task views.
 * The CLI's table has its own test (test_cli_moves.c).
 *
 * Links the TUI library (no terminal is started: the tables are data).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "board.h"
#include "callback_form.h"
#include "complaint_form.h"
#include "kefu/callback.h"
#include "kefu/complaint.h"
#include "kefu/order.h"
#include "order_form.h"

/* How many ways the TUI makes core move mv: board rows and forms. */
static int
ways(int mv)
{
	const struct board_move *m;
	int n = 0, i;

	for (m = dispatch_board.moves; m->keyname != NULL; m++)
		if (m->core == mv)
			n++;
	for (i = 0; order_form_moves[i] >= 0; i++)
		if (order_form_moves[i] == mv)
			n++;
	return n;
}

static void
test_every_core_move_has_a_row(void **state)
{
	int mv;

	(void)state;
	for (mv = 0; mv < KF_ORDER_MOVE_COUNT; mv++)
		if (ways(mv) == 0)
			fail_msg("core move %d (enum kf_order_move) has no row "
			    "on the Dispatch board and no form", mv);
}

/* Each row names a core move that exists (or none, -1). */
static void
test_rows_name_real_moves(void **state)
{
	const struct board_move *m;
	int i;

	(void)state;
	for (m = dispatch_board.moves; m->keyname != NULL; m++)
		assert_true(m->core >= -1 && m->core < KF_ORDER_MOVE_COUNT);
	for (i = 0; order_form_moves[i] >= 0; i++)
		assert_true(order_form_moves[i] < KF_ORDER_MOVE_COUNT);
}

/*
 * A row that makes a move says how: a form, something it opens, or a
 * run (with its question or picker); and a move with a draft has a form
 * to restore it into.
 */
static void
test_rows_are_whole(void **state)
{
	const struct board_move *m;

	(void)state;
	for (m = dispatch_board.moves; m->keyname != NULL; m++) {
		assert_true(m->form != NULL || m->open != NULL ||
		    m->run != NULL);
		if (m->pick != NULL)
			assert_non_null(m->picked);
		if (m->draft != NULL) {
			assert_non_null(m->form);
			assert_non_null(m->draft_title);
		}
		assert_non_null(m->help);	/* F1 lists every key */
	}
}

/* The rows of core move mv in view (a bit; a row of views 0 is in all). */
static int
complaint_ways(int mv, unsigned view)
{
	const struct board_move *m;
	int n = 0;

	for (m = complaints_board.moves; m->keyname != NULL; m++)
		if (m->core == mv && (m->views == 0 || (m->views & view)))
			n++;
	return n;
}

/*
 * Every complaint move has one key in each view of F4 (the supervisor's,
 * 1, and the others', 2), its rows are whole, and a row that opens a
 * move's form restores its drafts under the form's key.
 */
static void
test_complaints_board(void **state)
{
	const struct board_move *m;
	const char *d;
	unsigned view;
	int mv;

	(void)state;
	for (view = 1; view <= 2; view++)
		for (mv = 0; mv < KF_CPL_MOVE_COUNT; mv++)
			if (complaint_ways(mv, view) != 1)
				fail_msg("complaint move %d (enum "
				    "kf_complaint_move) has %d rows in view %u "
				    "of the Complaints board, not 1", mv,
				    complaint_ways(mv, view), view);
	for (m = complaints_board.moves; m->keyname != NULL; m++) {
		assert_true(m->core >= -1 && m->core < KF_CPL_MOVE_COUNT);
		assert_true(m->form != NULL || m->open != NULL ||
		    m->run != NULL);
		if (m->pick != NULL)
			assert_non_null(m->picked);
		assert_non_null(m->help);
		if (m->core < 0)
			continue;
		d = complaint_move_draft((enum kf_complaint_move)m->core);
		if (m->form != NULL) {
			assert_non_null(d);
			assert_non_null(m->draft);
			assert_string_equal(d, m->draft);
			assert_string_equal(complaint_move_title(
			    (enum kf_complaint_move)m->core), m->draft_title);
		} else
			assert_null(d);	/* a form no key would open */
	}
}

/* The rows of callback move mv in view (a bit; views 0: in all). */
static int
callback_ways(int mv, unsigned view)
{
	const struct board_move *m;
	int n = 0;

	for (m = callbacks_board.moves; m->keyname != NULL; m++)
		if (m->core == mv && (m->views == 0 || (m->views & view)))
			n++;
	return n;
}

/*
 * Every callback move but the letter has a key in the supervisor's view
 * (1) and the clerk's (2) of F6 (attempt has two: no answer, call
 * later; assign two: take, assign), its rows are whole, and a row that
 * opens a move's form restores its drafts under the form's key.
 */
static void
test_callbacks_board(void **state)
{
	const struct board_move *m;
	const char *d;
	unsigned view;
	int mv;

	(void)state;
	for (view = 1; view <= 2; view++)
		for (mv = 0; mv < KF_CB_MOVE_COUNT; mv++)
			if (mv != KF_CB_MOVE_LETTER &&
			    callback_ways(mv, view) < 1)
				fail_msg("callback move %d (enum "
				    "kf_callback_move) has no row in view %u "
				    "of the Callbacks board", mv, view);
	assert_int_equal(callback_ways(KF_CB_MOVE_LETTER, 1), 0);
	for (m = callbacks_board.moves; m->keyname != NULL; m++) {
		assert_true(m->core >= -1 && m->core < KF_CB_MOVE_COUNT);
		assert_true(m->form != NULL || m->open != NULL ||
		    m->run != NULL);
		if (m->pick != NULL)
			assert_non_null(m->picked);
		assert_non_null(m->help);
		if (m->core < 0 || m->form == NULL)
			continue;
		d = callback_move_draft((enum kf_callback_move)m->core);
		assert_non_null(d);
		assert_non_null(m->draft);
		assert_string_equal(d, m->draft);
		assert_string_equal(callback_move_title(
		    (enum kf_callback_move)m->core), m->draft_title);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_core_move_has_a_row),
		cmocka_unit_test(test_rows_name_real_moves),
		cmocka_unit_test(test_rows_are_whole),
		cmocka_unit_test(test_complaints_board),
		cmocka_unit_test(test_callbacks_board),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
