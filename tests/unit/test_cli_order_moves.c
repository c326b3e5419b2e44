/*
 * test_cli_order_moves.c — every move of the core's work-order state table
 * (src/core/order.c moves[], one per enum kf_order_move) has a verb in the
 * CLI's move table (src/cli/order_moves.c), and no verb is there twice:
 * a move added to the core without a way to make it from the command line
 * fails here. (The TUI's move tables are checked beside the TUI.)
 */
#include <string.h>

#include "helpers.h"
#include "order_moves.h"

static void
test_every_core_move_has_a_cli_verb(void **state)
{
	size_t i, j, rows;
	int mv;

	(void)state;
	for (mv = 0; mv < KF_ORDER_MOVE_COUNT; mv++) {
		rows = 0;
		for (i = 0; i < cli_order_nmoves; i++)
			rows += cli_order_moves[i].move == (enum kf_order_move)mv;
		if (rows == 0)
			fail_msg("core move %d has no verb in src/cli/"
			    "order_moves.c", mv);
	}
	for (i = 0; i < cli_order_nmoves; i++) {
		assert_true((unsigned)cli_order_moves[i].move < KF_ORDER_MOVE_COUNT);
		/* A row order_move() runs says how it is used and done. */
		if (!cli_order_moves[i].own) {
			assert_non_null(cli_order_moves[i].usage);
			assert_non_null(cli_order_moves[i].done);
			assert_true(cli_order_moves[i].args >= 1);
		}
		for (j = i + 1; j < cli_order_nmoves; j++)
			assert_string_not_equal(cli_order_moves[i].verb,
			    cli_order_moves[j].verb);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_core_move_has_a_cli_verb),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
