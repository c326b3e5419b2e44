/*
 * customer_form.h — the form of a customer's record (the register), beside
 * its record type: name, phones, address, kind, move-in date, notes, as
 * the front desk corrects them (F2, ^O). Drafted under the customer, so a
 * dropped link loses nothing; another clerk's change to other fields
 * merges, one to the same field is a conflict that ^R reloads.
 */
#ifndef KEFU_CUSTOMER_FORM_H
#define KEFU_CUSTOMER_FORM_H

#include "tui.h"

#define CUSTOMER_DRAFT		"customer.edit"
#define CUSTOMER_DRAFT_TITLE	N_("Customer")

/*
 * The form of customer id, as the register has it now. NULL when the
 * customer cannot be read (the reason is on the message line). Its submit
 * makes one core call (kf_customer_edit), says what it did, and has the
 * shown screen reload.
 */
struct form	*customer_form(struct ui *ui, int64_t id);

#endif
