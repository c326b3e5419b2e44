/*
 * contact_form.h — the forms of a contact (a call or visit, 来电来访),
 * beside its record type: logging a contact with the phone script
 * (R5–R10, R49–R52), a suggestion handled (R7), a contact shown whole.
 * Any screen opens them; a
 * submit makes one core call, says what it did, and has the shown screen
 * reload (ui_reload).
 */
#ifndef KEFU_CONTACT_FORM_H
#define KEFU_CONTACT_FORM_H

#include "kefu/contact.h"
#include "kefu/customer.h"
#include "tui.h"

/* R5's purposes, full and short, and the channels (gettext ids). */
const char	*contact_purpose_label(enum kf_contact_purpose p);
const char	*contact_purpose_short(enum kf_contact_purpose p);
const char	*contact_channel_label(enum kf_contact_channel ch);
/* The purpose filter's picker: "All purposes", then each purpose. */
extern const char *const contact_purpose_filter[KF_CONTACT_P_COUNT + 1];
/* R52's offers: "No callback", "Within 30 minutes", ... and seconds. */
#define CALLBACK_CHOICES	4
extern const char *const contact_callback_items[CALLBACK_CHOICES];
int64_t		 contact_callback_within(int choice);

/* The key of the contact form's drafts and its title. */
#define CONTACT_DRAFT		"contact.log"
#define CONTACT_DRAFT_TITLE	N_("Log a call or visit")

/*
 * The contact form for customer cu (NULL: an unknown caller), with the
 * phone number to start from (the digits typed in a search box, or NULL),
 * focused on the first thing to ask: the surname unless the account gave
 * one (R50), then how to address the caller. On saving a repair call it
 * offers to make a work order of it at once (R9, R20); a complaint, to
 * register it from the call, prefilled (R27, complaint_form.c). Drafted.
 */
struct form	*contact_form(struct ui *ui, const struct kf_customer *cu,
		    const char *phone);
/* Whether f is a contact form (the hold timer ticks for it). */
bool		 is_contact_form(const struct form *f);
/*
 * The hold timer (R52), called about twice a second while f is open:
 * redraws each second while a caller waits on the line, and once the
 * policy's time has passed, offers the callback. Returns dirty flags.
 */
unsigned	 contact_form_tick(struct ui *ui, struct form *f);
/* After a draft's values were put back: the call began when the draft's
 * did, the callback field shows if one was chosen. */
void		 contact_form_restored(struct form *f);

/* R7: what became of a suggestion. */
struct form	*contact_handle_form(const struct kf_contact *c);

/* A contact as it was logged, read only, with what it led to. */
struct form	*contact_view_form(struct ui *ui, const struct kf_contact *c);

#endif
