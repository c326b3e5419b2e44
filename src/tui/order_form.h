/*
 * order_form.h — the forms of a work order (维修单), beside their record
 * type: reporting one (from a call, or at the board), the forms of the
 * moves that take input, the paperwork (R9, R20), the charge audit (R17)
 * and the order shown whole. Any screen opens them; each submit makes one
 * core call, says what it did, and has the shown screen reload
 * (ui_reload). Nothing here knows which screen is shown.
 */
#ifndef KEFU_ORDER_FORM_H
#define KEFU_ORDER_FORM_H

#include "kefu/order.h"
#include "tui.h"

struct kf_contact;

/* A state's and a category's words (gettext ids): the core's tables. */
const char	*order_state_label(enum kf_order_state s);
const char	*order_cat_label(enum kf_order_cat c);
const char	*order_cat_short(enum kf_order_cat c);	/* the board's column */

/*
 * The work order form, filled in from a logged contact (ct->id 0: an
 * order reported straight at the board), with the duplicate warning: the
 * open orders nearby, which the call may join instead (R9, R20).
 */
struct form	*order_form(struct ui *ui, const struct kf_contact *ct);

/*
 * The core's moves made in a form rather than from a board's key: the
 * order form's "This call: Same as #N" links a caller (KF_ORDER_MOVE_LINK).
 * Ends with -1. (A test holds the TUI's tables to the core's.)
 */
extern const int order_form_moves[];

/*
 * The form of move mv on o: cancel's reason, the work done, the sign-off,
 * the materials check, an item charged, an arrival registered after (R9).
 * Drafted under order_move_draft(mv). NULL when it cannot be offered (the
 * reason is on the message line).
 */
struct form	*order_move_form(struct ui *ui, const struct kf_order *o,
		    enum kf_order_move mv);
/*
 * The draft keys and titles of the move forms: one name each, for the
 * forms themselves (order_form.c) and the board that restores their
 * drafts (screen_dispatch.c).
 */
#define ORDER_CANCEL_DRAFT	"order.cancel"
#define ORDER_CANCEL_TITLE	N_("Cancel a work order")
#define ORDER_WORK_DRAFT	"order.work"
#define ORDER_WORK_TITLE	N_("Work done")
#define ORDER_SIGNOFF_DRAFT	"order.signoff"
#define ORDER_SIGNOFF_TITLE	N_("Customer sign-off")
#define ORDER_MATERIAL_DRAFT	"order.material"
#define ORDER_MATERIAL_TITLE	N_("Customer's materials")
#define ORDER_ITEM_DRAFT	"order.item"
#define ORDER_ITEM_TITLE	N_("Charge an item")
#define ORDER_ARRIVE_DRAFT	"order.arrive"
#define ORDER_ARRIVE_TITLE	N_("Arrival")

/* Whether move mv on o takes a form (else a question suffices). */
bool		 order_move_needs_form(const struct kf_order *o,
		    enum kf_order_move mv);

/* R9, R20: what an emergency order lacked, or corrected contact details;
 * ^R after a conflict reloads the order. */
struct form	*order_paperwork_form(const struct kf_order *o);

/* An order whole, read only, with its customer and items. */
struct form	*order_view_form(struct ui *ui, const struct kf_order *o);

/*
 * Finds any work order, closed and cancelled too, for whoever may read
 * orders: by its number (the order opens whole), or by its customer
 * (account, name, phone, address: a picker of their orders, newest
 * first, then the one chosen opens whole). A technician finds his own.
 */
struct form	*order_find_form(void);

/*
 * R17 (supervisors): picks one of the charges that differ from the
 * paid-service list and opens the form correcting its price. Says so when
 * every charge matches.
 */
void		 order_charges_audit(struct ui *ui);

#endif
