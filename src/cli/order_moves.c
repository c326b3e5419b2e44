/* order_moves.c — the CLI's verbs for the work-order moves (moves.h). */
#include "moves.h"
#include "kefu/order.h"

const struct cli_move cli_order_moves[] = {
	{ "ack", KF_ORDER_MOVE_ACK, "ID", 1, "", "", "acknowledged", 0 },
	{ "approve", KF_ORDER_MOVE_APPROVE, "ID", 1, "", "", "approved", 0 },
	{ "assign", KF_ORDER_MOVE_ASSIGN, "ID TECH-LOGIN", 2, "", "",
	    "assigned", 0 },
	{ "arrive", KF_ORDER_MOVE_ARRIVE, "ID [--at TIME]", 1, "a", "",
	    "on site", 0 },
	{ "item", KF_ORDER_MOVE_ITEM, NULL, 0, NULL, NULL, NULL, 1 },
	{ "material", KF_ORDER_MOVE_MATERIAL, "ID pass|fail", 2, "n", "",
	    "materials checked", 0 },
	{ "done", KF_ORDER_MOVE_DONE, "ID --work TEXT [--at TIME]", 1, "wa",
	    "w", "work done", 0 },
	{ "signoff", KF_ORDER_MOVE_SIGNOFF, "ID --name NAME", 1, "s", "s",
	    "signed off", 0 },
	{ "cancel", KF_ORDER_MOVE_CANCEL, "ID --reason TEXT", 1, "r", "r",
	    "cancelled", 0 },
	{ "edit", KF_ORDER_MOVE_EDIT, NULL, 0, NULL, NULL, NULL, 1 },
	{ "link", KF_ORDER_MOVE_LINK, NULL, 0, NULL, NULL, NULL, 1 },
};
const size_t cli_order_nmoves = sizeof(cli_order_moves) /
    sizeof(cli_order_moves[0]);
