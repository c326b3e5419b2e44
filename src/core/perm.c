/*
 * perm.c — the permission table: which roles may perform which action
 * (R11: only dispatchers dispatch; R54: customer data only to roles that
 * need it). kf_may is the only function that decides; nothing else in the
 * core or the faces compares roles.
 */
#include <stdio.h>
#include <string.h>


#include "internal.h"
#include "kefu/i18n.h"
#include "kefu/perm.h"

#define ADMIN	KF_ROLE_ADMIN
#define SUPER	KF_ROLE_SUPERVISOR
#define RECEP	KF_ROLE_RECEPTION
#define DISP	KF_ROLE_DISPATCHER
#define BILL	KF_ROLE_BILLING
#define TECH	KF_ROLE_TECHNICIAN
#define ANYONE	KF_ROLE_ALL

/* Actions anyone may perform on their own account (target == actor). */
#define SELF_OK	1u

/* name: the action's stable name (audit, docs); what: "may not <what>",
 * naming the rule behind the limit where there is one. */
static const struct {
	const char	*name;
	const char	*what;
	unsigned	 roles;
	unsigned	 flags;
} actions[KF_ACT_COUNT] = {
	[KF_ACT_STAFF_ADD] = { "staff.add", N_("add staff accounts"),
	    ADMIN, 0 },
	[KF_ACT_STAFF_LIST] = { "staff.list", N_("list the staff accounts"),
	    ADMIN | SUPER, 0 },
	[KF_ACT_STAFF_SHOW] = { "staff.show",
	    N_("see another person's account"),
	    ADMIN | SUPER, SELF_OK },
	[KF_ACT_STAFF_EDIT] = { "staff.edit", N_("change staff accounts"),
	    ADMIN, 0 },
	[KF_ACT_STAFF_DISABLE] = { "staff.disable",
	    N_("disable staff accounts"),
	    ADMIN, 0 },
	[KF_ACT_STAFF_PASSWD] = { "staff.passwd",
	    N_("set another person's password"),
	    ADMIN, SELF_OK },
	[KF_ACT_POLICY_LIST] = { "policy.list", N_("read the policies"),
	    ADMIN, 0 },
	[KF_ACT_POLICY_SET] = { "policy.set", N_("change the policies"),
	    ADMIN, 0 },
	[KF_ACT_AUDIT_LIST] = { "audit.list", N_("read the audit trail (R54)"),
	    ADMIN | SUPER, 0 },
	[KF_ACT_CHECK] = { "check", N_("check the database"),
	    ADMIN, 0 },
	[KF_ACT_BACKUP] = { "backup", N_("back up the database"),
	    ADMIN, 0 },
	[KF_ACT_MIGRATE] = { "migrate", N_("migrate the database"),
	    ADMIN, 0 },
	/* R54: customer data only to the roles whose work needs it; a
	 * technician sees the customers of his own orders (issue 5). */
	[KF_ACT_CUSTOMER_VIEW] = { "customer.view",
	    N_("see customer records (R54)"),
	    RECEP | DISP | SUPER | BILL | ADMIN, 0 },
	[KF_ACT_CUSTOMER_EDIT] = { "customer.edit",
	    N_("add or change customers (R54)"),
	    RECEP | SUPER | BILL | ADMIN, 0 },
	[KF_ACT_CONTACT_LOG] = { "contact.log",
	    N_("log calls and visits (R1, R4)"),
	    RECEP | DISP | SUPER | ADMIN, 0 },
	[KF_ACT_CONTACT_VIEW] = { "contact.view",
	    N_("read the contact log (R54)"),
	    RECEP | DISP | SUPER | ADMIN, 0 },
	[KF_ACT_STAFF_NAMES] = { "staff.names", N_("see colleagues' names"),
	    RECEP | DISP | SUPER | BILL | ADMIN, 0 },
	[KF_ACT_FEE_VIEW] = { "fee.view", N_("see the paid-service list (R16)"),
	    RECEP | DISP | TECH | SUPER | BILL | ADMIN, 0 },
	[KF_ACT_FEE_EDIT] = { "fee.edit",
	    N_("change the paid-service list (R16)"),
	    ADMIN, 0 },
	[KF_ACT_ORDER_NEW] = { "order.new", N_("report a work order (R20)"),
	    RECEP | DISP | SUPER | ADMIN, 0 },
	[KF_ACT_ORDER_VIEW] = { "order.view", N_("see work orders (R54)"),
	    RECEP | DISP | TECH | SUPER | BILL | ADMIN, 0 },
	[KF_ACT_ORDER_EDIT] = { "order.edit", N_("change a work order (R20)"),
	    RECEP | DISP | SUPER, 0 },
	[KF_ACT_ORDER_ACK] = { "order.ack",
	    N_("acknowledge a work order (R21)"),
	    DISP | SUPER, 0 },
	[KF_ACT_ORDER_ASSIGN] = { "order.assign",
	    N_("dispatch a work order (R11)"),
	    DISP, 0 },
	[KF_ACT_ORDER_APPROVE] = { "order.approve",
	    N_("approve a job off the paid-service list (R22)"),
	    SUPER, 0 },
	[KF_ACT_ORDER_WORK] = { "order.work", N_("record work on site (R23)"),
	    TECH | DISP, 0 },
	[KF_ACT_ORDER_CANCEL] = { "order.cancel", N_("cancel a work order"),
	    DISP | SUPER, 0 },
	[KF_ACT_ORDER_AUDIT] = { "order.audit", N_("audit the charges (R17)"),
	    SUPER, 0 },
	[KF_ACT_COMPLAINT_NEW] = { "complaint.new",
	    N_("register a complaint (R27)"),
	    RECEP | DISP | SUPER | ADMIN, 0 },
	[KF_ACT_COMPLAINT_VIEW] = { "complaint.view",
	    N_("see complaints (R54)"),
	    RECEP | DISP | TECH | SUPER | BILL | ADMIN, 0 },
	[KF_ACT_COMPLAINT_FORWARD] = { "complaint.forward",
	    N_("forward, link or withdraw a complaint (R28, R32, R48)"),
	    RECEP | DISP | SUPER, 0 },
	/* Any account may be a complaint's person responsible (R28); who()
	 * then says whether he is this one's. */
	[KF_ACT_COMPLAINT_HANDLE] = { "complaint.handle",
	    N_("handle a complaint (R28)"),
	    ANYONE, 0 },
	[KF_ACT_COMPLAINT_SUPERVISE] = { "complaint.supervise",
	    N_("approve, sign off or close a complaint (R31, R39)"),
	    SUPER, 0 },
	[KF_ACT_COMPLAINT_CALLBACK] = { "complaint.callback",
	    N_("record a complaint's callback (R30)"),
	    RECEP | SUPER, 0 },
	[KF_ACT_COMPLAINT_CATEGORY] = { "complaint.category",
	    N_("change the complaint categories (R27)"),
	    ADMIN, 0 },
	[KF_ACT_RATE_VIEW] = { "rate.view",
	    N_("see rates, meters and readings (R12-R14)"),
	    SUPER | BILL | ADMIN, 0 },
	[KF_ACT_RATE_EDIT] = { "rate.edit", N_("change the rates (R12, R13)"),
	    ADMIN, 0 },
	[KF_ACT_METER_EDIT] = { "meter.edit",
	    N_("add meters and floor areas (R13, R14)"),
	    BILL | ADMIN, 0 },
	[KF_ACT_READING_ENTER] = { "reading.enter",
	    N_("enter meter readings (R13)"),
	    BILL, 0 },
	[KF_ACT_NOTICE_RUN] = { "notice.run",
	    N_("issue fee notices or adjust them (R15)"),
	    BILL, 0 },
	[KF_ACT_NOTICE_VIEW] = { "notice.view",
	    N_("see fee notices, receipts and accounts (R54)"),
	    BILL | SUPER | ADMIN, 0 },
	/* R19: technicians collect no cash; the billing desk takes every
	 * payment, against a receipt. */
	[KF_ACT_PAYMENT] = { "payment.take",
	    N_("take payments: only the billing desk does (R19)"),
	    BILL, 0 },
	[KF_ACT_RECEIPT_VOID] = { "receipt.void",
	    N_("void a receipt (R19)"),
	    SUPER, 0 },
	[KF_ACT_ARREARS] = { "arrears.chase",
	    N_("record chasing of arrears (R15)"),
	    BILL | SUPER, 0 },
	/* R54: callbacks name customers and what they said; the field
	 * and the billing desk have no use for them. */
	[KF_ACT_CALLBACK_VIEW] = { "callback.view",
	    N_("see callbacks (R54)"),
	    RECEP | DISP | SUPER | ADMIN, 0 },
	[KF_ACT_CALLBACK_WORK] = { "callback.work",
	    N_("make and record callbacks (R40, R43)"),
	    RECEP | SUPER, 0 },
	[KF_ACT_CALLBACK_REVIEW] = { "callback.review",
	    N_("review and sign callback records (R44)"),
	    SUPER, 0 },
	[KF_ACT_CALLBACK_MANAGE] = { "callback.manage",
	    N_("assign or cancel callbacks, make surveys and open letters "
	    "(R41, R46)"),
	    SUPER, 0 },
	[KF_ACT_CALLBACK_SAMPLE] = { "callback.sample",
	    N_("draw the month's callback sample (R42)"),
	    RECEP | SUPER | ADMIN, 0 },
	/* R53: figures over everyone's work, and a drill-down to the
	 * records behind them: the supervisors' and admins' view. */
	[KF_ACT_REPORT_VIEW] = { "report.view",
	    N_("read reports (R53)"),
	    SUPER | ADMIN, 0 },
};

/*
 * The roles: the one table of their stable names (the CLI, the database's
 * staff.roles, --json) and their labels in the UI (gettext msgids, which
 * the faces translate). Bit i of a role mask is row i.
 */
static const struct kf_role_info role_table[] = {
	{ KF_ROLE_RECEPTION,	"reception",	N_("reception") },
	{ KF_ROLE_DISPATCHER,	"dispatcher",	N_("dispatcher") },
	{ KF_ROLE_TECHNICIAN,	"technician",	N_("technician") },
	{ KF_ROLE_SUPERVISOR,	"supervisor",	N_("supervisor") },
	{ KF_ROLE_BILLING,	"billing",	N_("billing") },
	{ KF_ROLE_ADMIN,	"admin",	N_("admin") },
};
#define NROLES	(sizeof(role_table) / sizeof(role_table[0]))
_Static_assert(NROLES == 6 && KF_ROLE_ALL == (1u << NROLES) - 1,
    "one row per bit of KF_ROLE_ALL");

const struct kf_role_info *
kf_roles(size_t *n)
{
	*n = NROLES;
	return role_table;
}

const char *
kf_role_label(enum kf_role r)
{
	size_t i;

	for (i = 0; i < NROLES; i++)
		if (role_table[i].role == r)
			return kf_gettext(role_table[i].label);
	return "?";
}

void
kf_roles_label(unsigned mask, const char *sep, char *buf, size_t n)
{
	size_t i, len = 0;

	if (n == 0)
		return;
	buf[0] = '\0';
	for (i = 0; i < NROLES && len < n; i++)
		if (mask & role_table[i].role)
			len += (size_t)snprintf(buf + len, n - len, "%s%s",
			    len ? sep : "", kf_gettext(role_table[i].label));
}

/*
 * The stable names of all roles for a message, each followed by its label
 * where the reader's language differs: "reception, dispatcher, ..." or
 * "reception 前台, dispatcher 调度, ...".
 */
static void
role_list(char *buf, size_t n)
{
	const char *label;
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < NROLES && len < n; i++) {
		label = kf_gettext(role_table[i].label);
		len += (size_t)snprintf(buf + len, n - len, "%s%s%s%s",
		    len ? ", " : "", role_table[i].name,
		    strcmp(label, role_table[i].name) ? " " : "",
		    strcmp(label, role_table[i].name) ? label : "");
	}
}

enum kf_rc
kf_need_actor(const struct kf_core *k, struct kf_err *err)
{
	if (k->actor_id == 0 && !k->system)
		return kf_err_set(err, KF_DENIED, "not logged in");
	return KF_OK;
}

enum kf_rc
kf_may(const struct kf_core *k, enum kf_action act, int64_t target,
    struct kf_err *err)
{
	char roles[128];
	enum kf_rc rc;

	if ((unsigned)act >= KF_ACT_COUNT)
		return kf_err_set(err, KF_INVALID, "unknown action");
	if ((rc = kf_need_actor(k, err)) != KF_OK)
		return rc;
	if (k->system)
		return KF_OK;
	if (k->actor_roles & actions[act].roles)
		return KF_OK;
	if ((actions[act].flags & SELF_OK) && target != 0 &&
	    target == k->actor_id)
		return KF_OK;
	kf_roles_label(actions[act].roles, "/", roles, sizeof(roles));
	return kf_err_set(err, KF_DENIED, "%s may not %s; needs role: %s",
	    k->actor_login, kf_gettext(actions[act].what), roles);
}

unsigned
kf_action_roles(enum kf_action act)
{
	return (unsigned)act < KF_ACT_COUNT ? actions[act].roles : 0;
}

const char *
kf_action_name(enum kf_action act)
{
	return (unsigned)act < KF_ACT_COUNT ? actions[act].name : "?";
}

const char *
kf_role_name(enum kf_role r)
{
	size_t i;

	for (i = 0; i < NROLES; i++)
		if (role_table[i].role == r)
			return role_table[i].name;
	return "?";
}

enum kf_rc
kf_roles_parse(const char *list, unsigned *mask, struct kf_err *err)
{
	const char *p = list, *end;
	char all[256];
	size_t i, len;

	*mask = 0;
	role_list(all, sizeof(all));
	if (list == NULL || *list == '\0')
		return kf_err_set(err, KF_INVALID, "no role given (roles: %s)",
		    all);
	for (;;) {
		end = strchr(p, ',');
		len = end ? (size_t)(end - p) : strlen(p);
		for (i = 0; i < NROLES; i++)
			if (strlen(role_table[i].name) == len &&
			    strncmp(role_table[i].name, p, len) == 0)
				break;
		if (i == NROLES)
			return kf_err_set(err, KF_INVALID,
			    "unknown role '%.*s' (roles: %s)",
			    (int)(len > 40 ? 40 : len), p, all);
		*mask |= role_table[i].role;
		if (end == NULL)
			break;
		p = end + 1;
	}
	return KF_OK;
}

void
kf_roles_format(unsigned mask, char *buf, size_t n)
{
	size_t i, len = 0;

	if (n == 0)
		return;
	buf[0] = '\0';
	for (i = 0; i < NROLES; i++) {
		if (!(mask & role_table[i].role))
			continue;
		len += (size_t)snprintf(buf + len, len < n ? n - len : 0, "%s%s",
		    len ? "," : "", role_table[i].name);
		if (len >= n)
			break;
	}
}
