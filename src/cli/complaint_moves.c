/*
 * complaint_moves.c — the CLI's verbs for the complaint moves (moves.h).
 * The option letters are cmd_complaint.c's: c --cause, R
 * --responsibility, t --told, x --text, o --owner, d --due, n --note,
 * m --method, s --score, r --reason, w --who, a --at, p --report,
 * g --signed (R43: a home visit's signature).
 */
#include "moves.h"
#include "kefu/complaint.h"

const struct cli_move cli_complaint_moves[] = {
	{ "forward", KF_CPL_MOVE_FORWARD, "ID LOGIN", 2, "", "", "forwarded",
	    0 },
	{ "analyse", KF_CPL_MOVE_ANALYSE, "ID valid|invalid [--cause TEXT] "
	    "[--responsibility TEXT]", 2, "cR", "", "analysed", 0 },
	{ "explain", KF_CPL_MOVE_EXPLAIN, "ID --told TEXT", 1, "t", "t",
	    "explained", 0 },
	{ "action", KF_CPL_MOVE_ACTION, "ID --text TEXT --owner LOGIN "
	    "--due TIME", 1, "xod", "xod", "action set", 0 },
	{ "approve", KF_CPL_MOVE_APPROVE, "ID", 1, "", "", "actions approved",
	    0 },
	{ "verify", KF_CPL_MOVE_VERIFY, "ID ACTION-ID [--note TEXT]", 2, "n",
	    "", "action verified", 0 },
	{ "result", KF_CPL_MOVE_RESULT, "ID --text TEXT", 1, "x", "x",
	    "result recorded", 0 },
	{ "callback", KF_CPL_MOVE_CALLBACK, "ID --method phone|visit "
	    "--score SCORE [--note TEXT] [--signed NAME]", 1, "msng", "ms",
	    "called back", 0 },
	{ "signoff", KF_CPL_MOVE_SIGNOFF, "ID", 1, "", "", "signed off", 0 },
	{ "close", KF_CPL_MOVE_CLOSE, "ID", 1, "", "", "closed", 0 },
	{ "reopen", KF_CPL_MOVE_REOPEN, "ID --reason TEXT", 1, "r", "r",
	    "reopened", 0 },
	{ "withdraw", KF_CPL_MOVE_WITHDRAW, "ID --reason TEXT", 1, "r", "r",
	    "withdrawn", 0 },
	{ "visit", KF_CPL_MOVE_VISIT, "ID --who NAMES --report TEXT "
	    "[--at TIME]", 1, "wap", "wp", "visit recorded", 0 },
	{ "reply", KF_CPL_MOVE_REPLY, "ID --told TEXT", 1, "t", "t",
	    "interim reply recorded", 0 },
	{ "escalate", KF_CPL_MOVE_ESCALATE, "ID SUPERVISOR-LOGIN", 2, "", "",
	    "escalated", 0 },
	{ "link", KF_CPL_MOVE_LINK, "ID TO-ID", 2, "", "", "linked", 0 },
};
const size_t cli_complaint_nmoves = sizeof(cli_complaint_moves) /
    sizeof(cli_complaint_moves[0]);
