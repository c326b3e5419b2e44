/*
 * order_moves.h — the CLI's table of work-order moves: one row per verb
 * of `kefu order`, naming the core move it makes (enum kf_order_move).
 * Kept apart from cmd_order.c, with no other dependency, so a unit test
 * (tests/unit/test_cli_order_moves.c) can check that every move of the
 * core's state table has a verb here.
 */
#ifndef KEFU_CLI_ORDER_MOVES_H
#define KEFU_CLI_ORDER_MOVES_H

#include <stddef.h>

#include "kefu/order.h"

struct cli_order_move {
	const char		*verb;		/* "assign" */
	enum kf_order_move	 move;
	/* For the moves cmd_order.c's order_move() runs (own == false): */
	const char		*usage;		/* the arguments after ID */
	int			 args;		/* positional arguments, ID included */
	int			 text_opt;	/* the text option it needs, 0: none */
	const char		*done;		/* "order N: ..." */
	/* true: the verb has its own function (item, edit, link). */
	int			 own;
};

extern const struct cli_order_move cli_order_moves[];
extern const size_t cli_order_nmoves;

#endif
