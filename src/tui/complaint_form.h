/*
 * complaint_form.h — the forms of a complaint (投诉), beside their record
 * type: registering one (from a call at Reception, or at F4) with the
 * apology first and the likely duplicates offered before saving (R27,
 * R48), the forms of the moves that take input (analyse, explain, a
 * corrective action, verify, the result, the callback, reopen, withdraw,
 * the on-site visit, the interim reply, link), and a complaint shown
 * whole with its clocks and actions. Any screen opens them; each submit
 * makes one core call (src/core/complaint.c), says what it did and has
 * the shown screen reload (ui_reload). Every rule is the core's.
 */
#ifndef KEFU_COMPLAINT_FORM_H
#define KEFU_COMPLAINT_FORM_H

#include "kefu/complaint.h"
#include "tui.h"

struct kf_contact;

/* The words of a state, a severity, a channel, a clock, a score (gettext
 * ids): the core's tables. */
const char	*complaint_state_label(int s);
const char	*complaint_severity_label(int sev);
const char	*complaint_clock_label(int clk);

/*
 * The registration form (R27), filled in from a logged contact (ct NULL
 * or ct->id 0: a complaint taken straight at F4): the apology to say
 * first, the complainant, what, where, when, how, the category and the
 * severity, and to whom it is forwarded (R28). Before it saves it offers
 * the likely duplicates (kf_complaint_similar): "Same as" links the
 * complaint to one instead of opening a second (R48). Drafted, the call
 * it came from with it: a dropped link loses nothing.
 */
struct form	*complaint_form(struct ui *ui, const struct kf_contact *ct);
/* Its draft key and title (F4's board restores its drafts). */
#define COMPLAINT_NEW_DRAFT	"complaint.new"
#define COMPLAINT_NEW_TITLE	N_("Register a complaint")

/*
 * The form of move mv on c (NULL when mv takes none, or it cannot be
 * offered: the reason is on the message line). Drafted under the
 * move's key (complaint.<move>), so a dropped link loses nothing.
 */
struct form	*complaint_move_form(struct ui *ui, const struct kf_complaint *c,
		    enum kf_complaint_move mv);
/* The draft key and title of move mv's form (NULL: it has none). */
const char	*complaint_move_draft(enum kf_complaint_move mv);
const char	*complaint_move_title(enum kf_complaint_move mv);

/* A complaint whole, read only: every field, its clocks, its actions. */
struct form	*complaint_view_form(struct ui *ui, const struct kf_complaint *c);

/*
 * The people a complaint goes to, for the pickers (forward, an action's
 * owner, escalate to a supervisor): enabled accounts holding a role of
 * mask, by name. Lent until the next call with the same mask slot;
 * n == 0 when none (said on the message line).
 */
struct complaint_people {
	struct kf_staff	*v;		/* every row read (nv), for freeing */
	size_t		 nv;
	size_t		 n;		/* the enabled ones, in names[] */
	const char	**names;
	const char	**logins;
	int64_t		*ids;
};
bool		 complaint_people_load(struct ui *ui, unsigned mask,
		    struct complaint_people *p);
void		 complaint_people_free(struct complaint_people *p);

#endif
