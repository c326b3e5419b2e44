/*
 * callback_form.h — the forms of a callback (回访), beside their record
 * type: the call screen (the customer, the record the task came from and
 * what was done about it, the script line to say, the attempts so far,
 * then the record form: R40, R43, R45), "call later" (an attempt with a
 * time), the supervisor's review (R44) and cancel, and a callback shown
 * whole. Any screen opens them (F6 does); each submit makes one core
 * call (src/core/callback.c), says what it did and has the shown screen
 * reload (ui_reload). Every rule is the core's: a form only collects.
 */
#ifndef KEFU_CALLBACK_FORM_H
#define KEFU_CALLBACK_FORM_H

#include "kefu/callback.h"
#include "tui.h"

/* The words of a reason and a state (gettext ids): the core's tables. */
const char	*callback_reason_label(int r);
const char	*callback_state_label(int s);

/*
 * The form of move mv on c (NULL when mv takes none here, or it cannot
 * be offered: the reason is on the message line): record (the call
 * screen), attempt (call later: a time and a note; "no answer" takes no
 * form), review (R44: the record shown, a note), cancel (a reason).
 * Drafted under the move's key (callback.<move>), so a dropped link
 * loses nothing.
 */
struct form	*callback_move_form(struct ui *ui, const struct kf_callback *c,
		    enum kf_callback_move mv);
/* The draft key and title of move mv's form (NULL: it has none). */
const char	*callback_move_draft(enum kf_callback_move mv);
const char	*callback_move_title(enum kf_callback_move mv);

/* A callback whole, read only: the customer, where it came from, what
 * was recorded, signed, attempted. */
struct form	*callback_view_form(struct ui *ui, const struct kf_callback *c);

/* "97%", "97.5%", or "—" when nothing was due (R47's rate in permille,
 * -1 for none). */
void		 callback_rate_text(int permille, char *buf, size_t n);

#endif
