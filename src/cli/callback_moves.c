/*
 * callback_moves.c — the CLI's verbs for the callback moves (moves.h).
 * The option letters are cmd_callback.c's: m --method, s --score, S
 * --said, r --reason, g --signed-by, G --signed-at, p --problem, y
 * --reply-by, R --raise, X --serious, N --no-answer, L --later, n
 * --note, P --pool. letter is a batch over many tasks (own).
 */
#include "moves.h"
#include "kefu/callback.h"

const struct cli_move cli_callback_moves[] = {
	{ "record", KF_CB_MOVE_RECORD, "ID --method phone|visit --score SCORE "
	    "--said TEXT [--reason TEXT] [--signed-by NAME [--signed-at TIME]] "
	    "[--problem TEXT (--reply-by TIME | --raise complaint|order "
	    "[--serious])]", 1, "msSrgGpyRX", "ms", "recorded", 0 },
	{ "attempt", KF_CB_MOVE_ATTEMPT, "ID --no-answer | --later TIME "
	    "[--note TEXT]", 1, "NLn", "", "attempt recorded", 0 },
	{ "review", KF_CB_MOVE_REVIEW, "ID [--note TEXT]", 1, "n", "",
	    "reviewed", 0 },
	{ "assign", KF_CB_MOVE_ASSIGN, "ID LOGIN | ID --pool", 2, "P", "",
	    "assigned", 0 },
	{ "cancel", KF_CB_MOVE_CANCEL, "ID --reason TEXT", 1, "r", "r",
	    "cancelled", 0 },
	{ "letter", KF_CB_MOVE_LETTER, NULL, 0, NULL, NULL, NULL, 1 },
};
const size_t cli_callback_nmoves = sizeof(cli_callback_moves) /
    sizeof(cli_callback_moves[0]);
