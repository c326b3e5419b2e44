/*
 * test_cli_moves.c — every move of a core state table (src/core/order.c,
 * complaint.c and callback.c moves[], one per enum kf_<noun>_move) has a
 * verb in the CLI's move table (src/cli/order_moves.c,
 * complaint_moves.c, callback_moves.c), and no verb is there twice: a move added to the
 * core without a way to make it from the command line fails here. (The
 * TUI's move tables are checked beside the TUI.)
 */
#include <string.h>

#include "helpers.h"
#include "moves.h"
#include "kefu/callback.h"
#include "kefu/complaint.h"
#include "kefu/order.h"

static void
check_table(const struct cli_move *v, size_t n, int count, const char *file)
{
	size_t i, j, rows;
	int mv;

	for (mv = 0; mv < count; mv++) {
		rows = 0;
		for (i = 0; i < n; i++)
			rows += v[i].move == mv;
		if (rows == 0)
			fail_msg("core move %d has no verb in src/cli/%s", mv,
			    file);
	}
	for (i = 0; i < n; i++) {
		assert_true(v[i].move >= 0 && v[i].move < count);
		/* A row the generic runner reads says how it is used and
		 * done, and needs only options it takes. */
		if (!v[i].own) {
			assert_non_null(v[i].usage);
			assert_non_null(v[i].done);
			assert_non_null(v[i].opts);
			assert_non_null(v[i].need);
			assert_true(v[i].args >= 1 && v[i].args <= 4);
			for (j = 0; v[i].need[j] != '\0'; j++)
				assert_non_null(strchr(v[i].opts,
				    v[i].need[j]));
		}
		for (j = i + 1; j < n; j++)
			assert_string_not_equal(v[i].verb, v[j].verb);
	}
}

static void
test_every_order_move_has_a_cli_verb(void **state)
{
	(void)state;
	check_table(cli_order_moves, cli_order_nmoves, KF_ORDER_MOVE_COUNT,
	    "order_moves.c");
}

static void
test_every_complaint_move_has_a_cli_verb(void **state)
{
	(void)state;
	check_table(cli_complaint_moves, cli_complaint_nmoves,
	    KF_CPL_MOVE_COUNT, "complaint_moves.c");
}

static void
test_every_callback_move_has_a_cli_verb(void **state)
{
	(void)state;
	check_table(cli_callback_moves, cli_callback_nmoves,
	    KF_CB_MOVE_COUNT, "callback_moves.c");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_order_move_has_a_cli_verb),
		cmocka_unit_test(test_every_complaint_move_has_a_cli_verb),
		cmocka_unit_test(test_every_callback_move_has_a_cli_verb),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
