/*
 * moves.h — the CLI's tables of moves: one row per verb of a record's
 * command (`kefu order assign`, `kefu complaint forward`), naming the
 * core move it makes (the record's enum kf_<noun>_move), the arguments
 * it takes and what it says when done. order_moves.c,
 * complaint_moves.c and callback_moves.c hold the tables, with no other
 * dependency, so a unit test (tests/unit/test_cli_moves.c) can check
 * that every move of each core state table has a verb; moves.c parses a
 * verb's arguments by its row.
 */
#ifndef KEFU_CLI_MOVES_H
#define KEFU_CLI_MOVES_H

#include <getopt.h>
#include <stddef.h>
#include <stdint.h>

struct cli_move {
	const char	*verb;		/* "assign" */
	int		 move;		/* the core's enum kf_<noun>_move */
	/* For the rows the command's generic move runs (own == 0): */
	const char	*usage;		/* the arguments after the verb */
	int		 args;		/* positional arguments, ID included */
	const char	*opts;		/* the option letters it takes, besides
					 * --version ('v'); "" none */
	const char	*need;		/* of those, the ones it needs */
	const char	*done;		/* "<noun> N: ..." */
	/* 1: the verb has its own function (item, edit, link, ...). */
	int		 own;
};

extern const struct cli_move cli_order_moves[];
extern const size_t cli_order_nmoves;
extern const struct cli_move cli_complaint_moves[];
extern const size_t cli_complaint_nmoves;
extern const struct cli_move cli_callback_moves[];
extern const size_t cli_callback_nmoves;

/* The row of verb in v, or NULL. */
const struct cli_move *cli_move_find(const struct cli_move *v, size_t n,
	    const char *verb);

/* A verb's arguments as cli_move_parse read them. */
struct cli_move_args {
	int64_t		 id;		/* the first positional argument */
	int64_t		 version;	/* --version, -1 when not given */
	const char	*pos[3];	/* the positional arguments after ID */
	const char	*opt[128];	/* each option's value by its letter,
					 * NULL when not given, "" for a
					 * flag given */
};

/*
 * Parses argv (argv[0] the verb) for the row mv of command noun
 * ("order"): opts is the command's whole set of move options, each
 * with a letter as its val and --version as 'v'; an option the row does
 * not take, a missing positional argument or needed option is a usage
 * error naming it. Returns -1 with *a filled in, else the exit code
 * after the message.
 */
int	cli_move_parse(const char *noun, const struct cli_move *mv,
	    const struct option *opts, int argc, char **argv,
	    struct cli_move_args *a);

#endif
