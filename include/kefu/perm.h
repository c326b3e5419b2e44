/*
 * perm.h — the one place that decides who may do what (R11, R54).
 *
 * Every action a person can take is an enum kf_action. kf_may answers for
 * the session's actor; every core function that performs an action calls
 * it first, and the CLI and the TUI call it to decide what to offer, so all
 * faces get the same answer.
 */
#ifndef KEFU_PERM_H
#define KEFU_PERM_H

#include <stddef.h>
#include <stdint.h>

#include "kefu/core.h"
#include "kefu/err.h"

enum kf_action {
	KF_ACT_STAFF_ADD,
	KF_ACT_STAFF_LIST,
	KF_ACT_STAFF_SHOW,	/* anyone may see their own account */
	KF_ACT_STAFF_EDIT,	/* roles, name, unix user */
	KF_ACT_STAFF_DISABLE,
	KF_ACT_STAFF_PASSWD,	/* anyone may change their own password */
	KF_ACT_POLICY_LIST,
	KF_ACT_POLICY_SET,
	KF_ACT_AUDIT_LIST,
	KF_ACT_CHECK,
	KF_ACT_BACKUP,
	KF_ACT_MIGRATE,
	KF_ACT_CUSTOMER_VIEW,	/* find and read customers (R54) */
	KF_ACT_CUSTOMER_EDIT,	/* add and change customers */
	KF_ACT_CONTACT_LOG,	/* log a call or visit (R1, R4) */
	KF_ACT_CONTACT_VIEW,	/* read the contact log */
	KF_ACT_STAFF_NAMES,	/* colleagues' names and logins (not accounts) */
	KF_ACT_FEE_VIEW,	/* the paid-service list */
	KF_ACT_FEE_EDIT,
	KF_ACT_ORDER_NEW,	/* report a work order (R20) */
	KF_ACT_ORDER_VIEW,	/* technicians: their own only (R54) */
	KF_ACT_ORDER_EDIT,	/* fill in paperwork (R9), contact details */
	KF_ACT_ORDER_ACK,	/* the repair supervisor receives it (R21) */
	KF_ACT_ORDER_ASSIGN,	/* dispatch (R11) */
	KF_ACT_ORDER_APPROVE,	/* a job off the paid-service list (R22) */
	KF_ACT_ORDER_WORK,	/* arrive, items, materials, done, sign-off */
	KF_ACT_ORDER_CANCEL,
	KF_ACT_ORDER_AUDIT,	/* the charge audit (R17) */
	/* Complaints (R27-R39, R48; complaint.h) */
	KF_ACT_COMPLAINT_NEW,	/* register one (R27) */
	KF_ACT_COMPLAINT_VIEW,	/* technicians: their own only (R54) */
	KF_ACT_COMPLAINT_FORWARD, /* forward, link (R48), withdraw (R32) */
	KF_ACT_COMPLAINT_HANDLE, /* as its person responsible: analyse,
				 * explain, action, result, reply, escalate */
	KF_ACT_COMPLAINT_SUPERVISE, /* approve, verify, visit, signoff,
				 * close, reopen (R29, R31, R36, R37, R39) */
	KF_ACT_COMPLAINT_CALLBACK, /* the callback (R30, R41) */
	KF_ACT_COMPLAINT_CATEGORY, /* the category list (R27) */
	KF_ACT_RATE_VIEW,	/* rates, meters, readings, charges (R12-R14) */
	KF_ACT_RATE_EDIT,	/* add and withdraw rate versions (R12, R13) */
	KF_ACT_METER_EDIT,	/* meters, shared-meter links, floor areas */
	KF_ACT_READING_ENTER,	/* monthly meter readings (R13) */
	KF_ACT_NOTICE_RUN,	/* issue fee notices, adjustments (R15, R18) */
	KF_ACT_NOTICE_VIEW,	/* notices, receipts, accounts (R54) */
	KF_ACT_PAYMENT,		/* take a payment: the desk only (R19) */
	KF_ACT_RECEIPT_VOID,	/* void a receipt, with a reason (R19) */
	KF_ACT_ARREARS,		/* record chasing (R15) */
	KF_ACT_CALLBACK_VIEW,	/* see callbacks (not technicians or the
				 * billing desk, R54) */
	KF_ACT_CALLBACK_WORK,	/* record, attempt, take one from the pool
				 * (R40, R43, R45) */
	KF_ACT_CALLBACK_REVIEW,	/* sign callback records (R44) */
	KF_ACT_CALLBACK_MANAGE,	/* assign, cancel, survey, open letter
				 * (R41, R46) */
	KF_ACT_CALLBACK_SAMPLE,	/* draw the month's sample (R42) */
	KF_ACT_REPORT_VIEW,	/* reports: the KPI table, drill-down,
				 * the summary (R53, F7) */
	KF_ACT_COUNT
};

/*
 * KF_OK when the session's actor may perform act on the record target
 * (a staff id for the "own account" actions, else 0). KF_DENIED with a
 * message naming the action and the roles that may, otherwise; KF_DENIED
 * too when the session has no actor.
 */
enum kf_rc	kf_may(const struct kf_core *k, enum kf_action act,
		    int64_t target, struct kf_err *err);

/* The roles that may perform act (a mask of enum kf_role). */
unsigned	kf_action_roles(enum kf_action act);

/* A stable name for act, e.g. "staff.add". */
const char     *kf_action_name(enum kf_action act);

/*
 * The roles, one table: each role's stable name ("reception": the CLI,
 * the database, --json; never translated) and its label in the UI, a
 * gettext msgid the faces translate (_(info->label)). kf_roles returns
 * the table (lent for ever, in display order) and its length in *n.
 */
struct kf_role_info {
	enum kf_role	 role;
	const char	*name;		/* "reception" */
	const char	*label;		/* msgid: N_("reception") */
};
const struct kf_role_info *kf_roles(size_t *n);

/* The label of r, translated ("前台" in zh_CN); "?" for no single role. */
const char     *kf_role_label(enum kf_role r);

/*
 * The translated labels of the roles in mask joined by sep ("调度/主管"),
 * into buf (n bytes, cut when short; "" for none). Allocates nothing.
 */
void		kf_roles_label(unsigned mask, const char *sep, char *buf,
		    size_t n);

/* Role names: "reception", ... Parse a comma list; format a mask. */
const char     *kf_role_name(enum kf_role r);
enum kf_rc	kf_roles_parse(const char *list, unsigned *mask,
		    struct kf_err *err);
/* Writes the canonical comma list for mask into buf ("" for none). */
void		kf_roles_format(unsigned mask, char *buf, size_t n);

#endif
