/*
 * screen_billing.c — F5 Billing (收费): the billing desk on the record
 * board (board.c), in four panels, Tab from one to the next:
 *
 *   P_ACCOUNT   find a customer (the customer search, as Reception), then
 *               his account: notices and receipts newest first, the
 *               chosen one's lines with their sources below (R15, R18),
 *               the balance and credit; take a payment, print a receipt
 *               (the second print says 重打), void one (supervisors), write
 *               a notice to a file for the printer;
 *   P_READINGS  a building's meters in round order (kf_reading_round):
 *               Enter keys the chosen meter's reading and brings up the
 *               next; a reading below the last asks "replaced or rolled
 *               over?", a spike asks to confirm (R13);
 *   P_NOTICES   a period's notices of a community: the run (all or
 *               nothing, R15), printing and the CSV for finance;
 *   P_ARREARS   who owes what by age (0-30, 31-60, 61-90, over 90 days),
 *               most overdue first; chasing (催缴) and payments.
 *
 * Two views of every board: V_DESK for the billing role, who takes money
 * and keys readings; V_LOOK for supervisors and admins, who may look (and
 * a supervisor void a receipt). A technician never opens this screen
 * (R19: KF_ACT_NOTICE_VIEW is not his). Every rule is the core's
 * (src/core/bill.c, meter.c): the screen only asks and shows.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kefu/bill.h"
#include "kefu/clock.h"
#include "kefu/customer.h"
#include "kefu/fee.h"
#include "kefu/meter.h"
#include "kefu/perm.h"
#include "kefu/util.h"
#include "board.h"

#define MAX_HITS	50	/* customers found (ranked; best first) */
#define MAX_ITEMS	24	/* an account's notices and receipts, each */
#define MAX_ARREARS	10000
#define DETAIL_H	7	/* the chosen notice's lines below the list */

/*
 * The forms' draft keys (DESIGN.md "Forms autosave as drafts"), each
 * kept against its record: a payment's and a chase's the customer (so
 * it comes back on the right account), a reading's the meter (with the
 * month in a hidden field), a void's the receipt number; the building
 * picker has none (0). billing_restore reopens them.
 */
#define DRAFT_PAY	"billing.pay"
#define DRAFT_READING	"billing.reading"
#define DRAFT_CHASE	"billing.chase"
#define DRAFT_VOID	"billing.void"
#define DRAFT_WHERE	"billing.where"

enum panel { P_ACCOUNT, P_READINGS, P_NOTICES, P_ARREARS, P_COUNT };
enum { V_DESK = 1, V_LOOK = 2 };
enum { F_AGE };			/* the arrears' filter */

struct billing {
	enum panel		 panel;
	unsigned		 view;
	/* The account panel: the search box, or the account chosen. */
	bool			 finding;
	struct lineedit		 query;
	char			*searched;
	int64_t			 cust_id;
	char			 cust[256];	/* "account name address" */
	int64_t			 balance, owed, credit;
	/* What the readings, notices and arrears are of. */
	char			 community[200], building[200];
	char			 period[KF_PERIOD_LEN];
	int64_t			 age_sum[4];
	struct board		 hits, acct, round, notices, arrears;
};

static struct billing *
st(struct ui *ui)
{
	return ui->state;
}

static void reload_all(struct ui *, bool);

/* "12.50" of fen, right-aligned in the cell. */
static void
money_cell(const struct board *b, int64_t fen, char *buf, size_t n)
{
	char m[32];

	kf_money_format(fen, m, sizeof(m));
	snprintf(buf, n, "%*s", b->cell_w, m);
}

/* "2026-12-07" of t. */
static void
day_text(int64_t t, char *buf, size_t n)
{
	char when[32];

	kf_time_local(t, when, sizeof(when));
	snprintf(buf, n, "%.10s", when);
}

/* The month now, "2026-12" (local time, as the core's periods). */
static void
period_now(struct ui *ui, char *buf, size_t n)
{
	char when[32];

	kf_time_local(kf_core_now(ui->k), when, sizeof(when));
	snprintf(buf, n, "%.7s", when);
}

/* Where printed notices, receipts and CSV go: $KEFU_PRINT_DIR, or here. */
static char *
print_path(const char *name)
{
	const char *dir = getenv("KEFU_PRINT_DIR");

	if (dir == NULL || *dir == '\0')
		dir = ".";
	return xasprintf("%s/%s", dir, name);
}

/* Writes text to the file path; false with the reason in err. */
static bool
write_file(const char *path, const char *text, struct kf_err *err)
{
	FILE *f = fopen(path, "w");
	bool ok;

	if (f == NULL) {
		kf_err_set(err, KF_DBERR, "cannot write %s: %s", path,
		    strerror(errno));
		return false;
	}
	ok = fputs(text, f) >= 0;
	ok = fclose(f) == 0 && ok;
	if (!ok)
		kf_err_set(err, KF_DBERR, "cannot write %s: %s", path,
		    strerror(errno));
	return ok;
}

/* ---- the customers found (the account panel's search) ---- */

static enum kf_rc
hits_fetch(struct ui *ui, struct board *b, enum kf_page dir,
    const void *anchor, int limit, void **rows, size_t *n, struct kf_err *err)
{
	struct billing *s = b->ctx;
	struct kf_customer_hit *v = NULL;
	size_t all = 0;
	enum kf_rc rc;

	*rows = NULL;
	*n = 0;
	if (s->searched == NULL || kf_blank(s->searched))
		return KF_OK;
	if ((rc = kf_customer_find(ui->k, s->searched, MAX_HITS, &v, &all,
	    err)) != KF_OK)
		return rc;
	board_slice(b->cls, v, all, dir, anchor, limit, n);
	*rows = v;
	return KF_OK;
}

static void
hits_free(void *rows, size_t n)
{
	kf_customer_hits_free(rows, n);
}

static int64_t
hit_id(const void *row)
{
	return ((const struct kf_customer_hit *)row)->c.id;
}

static void
hit_clear(void *row)
{
	kf_customer_clear(&((struct kf_customer_hit *)row)->c);
}

static void
col_hit_address(struct ui *ui, const struct board *b, const void *row,
    char *buf, size_t n)
{
	char *a = kf_customer_address(&((const struct kf_customer_hit *)
	    row)->c);

	(void)ui;
	(void)b;
	snprintf(buf, n, "%s", a);
	free(a);
}

static const struct board_col hit_cols[] = {
	{ .title = N_("ACCOUNT"), .width = 11,
	  .str = BOARD_STR(struct kf_customer_hit, c.account) },
	{ .title = N_("NAME"), .width = 12,
	  .str = BOARD_STR(struct kf_customer_hit, c.name) },
	{ .title = N_("ADDRESS"), .text = col_hit_address },
	{ .title = NULL }
};

/* Shows customer id's account in the account panel. */
static void
show_account(struct ui *ui, int64_t id)
{
	struct billing *s = st(ui);

	s->cust_id = id;
	s->finding = false;
	s->panel = P_ACCOUNT;
	board_reload(ui, &s->acct, false, 0);
}

static unsigned
hit_open(struct ui *ui, struct board *b, const void *row)
{
	(void)b;
	show_account(ui, hit_id(row));
	return DIRTY_ALL;
}

static const struct board_move hit_moves[] = {
	{ .key = CH('\r'), .keyname = "Enter", .label = N_("account"),
	  .help = N_("Show the chosen customer's account"), .hint = true,
	  .core = -1, .open = hit_open },
	{ .keyname = NULL }
};

static const struct board_class hits_class = {
	.row_size = sizeof(struct kf_customer_hit),
	.cols = hit_cols,
	.moves = hit_moves,
	.empty = NULL,		/* said by draw_account: it knows the query */
	.noun = N_("customer %lld"),
	.typing = true,
	.fetch = hits_fetch,
	.free_rows = hits_free,
	.id = hit_id,
	.clear_row = hit_clear,
};

/* ---- the account: notices and receipts ---- */

struct acct_row {
	int64_t		 key;		/* notices even, receipts odd */
	bool		 receipt;
	int64_t		 no;		/* a receipt's number */
	char		 notice_no[24];
	char		 period[KF_PERIOD_LEN];
	int64_t		 at;		/* issued, taken */
	int64_t		 amount, paid, total_due, due_at, prev;
	int64_t		 prints, version;
	int		 method;
	bool		 voided;
	char		*detail;	/* the lines below the list, '\n' */
};

static void
acct_clear(void *row)
{
	struct acct_row *r = row;

	free(r->detail);
	r->detail = NULL;
}

static void
acct_free(void *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		acct_clear((struct acct_row *)rows + i);
	free(rows);
}

/* A notice's lines, each with its source (R15, R18), and its sums. */
static char *
notice_detail(struct ui *ui, const char *no)
{
	struct kf_notice n;
	struct kf_buf out = { 0 };
	struct kf_err err;
	char m[32], p[32], t[32], due[16];
	size_t i;

	memset(&n, 0, sizeof(n));
	if (kf_notice_get(ui->k, no, &n, &err) != KF_OK)
		return xstrdup(err.msg);
	for (i = 0; i < n.nlines; i++) {
		kf_money_format(n.lines[i].amount, m, sizeof(m));
		kf_buf_printf(&out, "%10s  %s  %s\n", m,
		    kf_line_kind_term(n.lines[i].kind), n.lines[i].source);
	}
	kf_money_format(n.prev_balance, p, sizeof(p));
	kf_money_format(n.total_due, t, sizeof(t));
	day_text(n.due_at, due, sizeof(due));
	kf_buf_printf(&out, _("previous balance %s  total due %s  due %s"),
	    p, t, due);
	kf_notice_clear(&n);
	return out.s != NULL ? out.s : xstrdup("");
}

/* What a receipt paid, notice by notice; void, who and why. */
static char *
receipt_detail(struct ui *ui, int64_t no)
{
	struct kf_receipt r;
	struct kf_buf out = { 0 };
	struct kf_err err;
	char m[32], when[32];
	size_t i;

	memset(&r, 0, sizeof(r));
	if (kf_receipt_get(ui->k, no, &r, &err) != KF_OK)
		return xstrdup(err.msg);
	kf_time_local(r.taken_at, when, sizeof(when));
	kf_buf_printf(&out, _("taken by %s at %s, printed %lld times"),
	    r.taken_by, when, (long long)r.prints);
	if (r.note != NULL && *r.note != '\0')
		kf_buf_printf(&out, "  (%s)", r.note);
	kf_buf_puts(&out, "\n");
	for (i = 0; i < r.nallocs; i++) {
		kf_money_format(r.allocs[i].amount, m, sizeof(m));
		kf_buf_printf(&out, _("%10s  to notice %s\n"), m,
		    r.allocs[i].notice_no);
	}
	if (r.voided_at != 0) {
		kf_time_local(r.voided_at, when, sizeof(when));
		kf_buf_printf(&out, _("VOID: %s at %s: %s"), r.voided_by, when,
		    r.void_reason != NULL ? r.void_reason : "");
	}
	kf_receipt_clear(&r);
	return out.s;
}

static enum kf_rc
acct_fetch(struct ui *ui, struct board *b, enum kf_page dir,
    const void *anchor, int limit, void **rows, size_t *n, struct kf_err *err)
{
	struct billing *s = b->ctx;
	struct kf_account a;
	struct acct_row *v;
	size_t i, j, k;
	enum kf_rc rc;

	*rows = NULL;
	*n = 0;
	s->cust[0] = '\0';
	if (s->cust_id <= 0)
		return KF_OK;
	memset(&a, 0, sizeof(a));
	if ((rc = kf_account_get(ui->k, s->cust_id, MAX_ITEMS, &a, err)) !=
	    KF_OK)
		return rc;
	snprintf(s->cust, sizeof(s->cust), "%s  %s  %s", a.account, a.name,
	    a.address);
	s->balance = a.balance;
	s->owed = a.owed;
	s->credit = a.credit;
	v = xcalloc(a.nnotices + a.nreceipts + 1, sizeof(*v));
	/* Both come newest first: merged by time, newest first (a payment
	 * made the minute a notice was issued after it). */
	for (i = j = k = 0; i < a.nnotices || j < a.nreceipts; k++) {
		struct acct_row *r = &v[k];

		if (j >= a.nreceipts || (i < a.nnotices &&
		    a.notices[i].issued_at > a.receipts[j].taken_at)) {
			const struct kf_notice *no = &a.notices[i++];

			r->key = no->id * 2;
			snprintf(r->notice_no, sizeof(r->notice_no), "%s",
			    no->no);
			snprintf(r->period, sizeof(r->period), "%s",
			    no->period);
			r->at = no->issued_at;
			r->amount = no->amount;
			r->paid = no->paid;
			r->total_due = no->total_due;
			r->due_at = no->due_at;
			r->prev = no->prev_balance;
			r->version = no->version;
			r->detail = notice_detail(ui, no->no);
		} else {
			const struct kf_receipt *re = &a.receipts[j++];

			r->key = re->id * 2 + 1;
			r->receipt = true;
			r->no = re->no;
			r->at = re->taken_at;
			r->amount = re->amount;
			r->method = (int)re->method;
			r->voided = re->voided_at != 0;
			r->prints = re->prints;
			r->version = re->version;
			r->detail = receipt_detail(ui, re->no);
		}
	}
	kf_account_clear(&a);
	board_slice(b->cls, v, k, dir, anchor, limit, n);
	*rows = v;
	return KF_OK;
}

static int64_t
acct_id(const void *row)
{
	return ((const struct acct_row *)row)->key;
}

static int64_t
acct_version(const void *row)
{
	return ((const struct acct_row *)row)->version;
}

static void
col_acct_date(struct ui *ui, const struct board *b, const void *row,
    char *buf, size_t n)
{
	(void)ui;
	(void)b;
	day_text(((const struct acct_row *)row)->at, buf, n);
}

static void
col_acct_no(struct ui *ui, const struct board *b, const void *row, char *buf,
    size_t n)
{
	const struct acct_row *r = row;

	(void)ui;
	(void)b;
	if (r->receipt)
		snprintf(buf, n, _("receipt %06lld"), (long long)r->no);
	else
		snprintf(buf, n, "%s", r->notice_no);
}

static const char *const method_words[KF_PAY_METHOD_COUNT] = {
	N_("cash"), N_("card"), N_("transfer"), N_("WeChat/Alipay")
};

static void
col_acct_what(struct ui *ui, const struct board *b, const void *row,
    char *buf, size_t n)
{
	const struct acct_row *r = row;

	(void)ui;
	(void)b;
	if (r->receipt && r->voided)
		snprintf(buf, n, "%s", _("void"));
	else if (r->receipt)
		snprintf(buf, n, "%s", _(method_words[r->method]));
	else
		snprintf(buf, n, "%s", r->period);
}

static void
col_acct_amount(struct ui *ui, const struct board *b, const void *row,
    char *buf, size_t n)
{
	(void)ui;
	money_cell(b, ((const struct acct_row *)row)->amount, buf, n);
}

static void
col_acct_total(struct ui *ui, const struct board *b, const void *row,
    char *buf, size_t n)
{
	const struct acct_row *r = row;

	(void)ui;
	if (r->receipt)
		snprintf(buf, n, "%s", "");
	else
		money_cell(b, r->total_due, buf, n);
}

static void
col_acct_paid(struct ui *ui, const struct board *b, const void *row,
    char *buf, size_t n)
{
	const struct acct_row *r = row;

	(void)ui;
	if (r->receipt)
		snprintf(buf, n, "%s", "");
	else
		money_cell(b, r->paid, buf, n);
}

/* What is left of a notice: its own amount less what was paid to it. */
static void
col_acct_left(struct ui *ui, const struct board *b, const void *row,
    char *buf, size_t n)
{
	const struct acct_row *r = row;

	(void)ui;
	if (r->receipt)
		snprintf(buf, n, "%s", "");
	else
		money_cell(b, r->amount - r->paid, buf, n);
}

static void
col_acct_due(struct ui *ui, const struct board *b, const void *row,
    char *buf, size_t n)
{
	const struct acct_row *r = row;

	(void)ui;
	(void)b;
	char day[16];

	if (r->receipt)
		snprintf(buf, n, "%s", "");
	else {
		day_text(r->due_at, day, sizeof(day));
		snprintf(buf, n, "%s", day + 5);
	}
}

static const struct board_col acct_cols[] = {
	{ .title = N_("DATE"), .width = 10, .text = col_acct_date },
	{ .title = N_("NO."), .width = 14, .text = col_acct_no },
	{ .title = N_("PERIOD"), .width = 7, .text = col_acct_what },
	{ .title = N_("AMOUNT"), .width = 9, .text = col_acct_amount },
	{ .title = N_("TOTAL"), .width = 8, .text = col_acct_total },
	{ .title = N_("PAID"), .width = 8, .text = col_acct_paid },
	{ .title = N_("LEFT"), .width = 8, .text = col_acct_left },
	{ .title = N_("DUE DAY"), .text = col_acct_due },
	{ .title = NULL }
};

/* ---- moves on money: may, payment, receipts, notices ---- */

/* The core's permission of the move (its kf_action in m->core). */
static enum kf_rc
may_act(struct ui *ui, const void *row, int mv, struct kf_err *err)
{
	(void)row;
	return kf_may(ui->k, (enum kf_action)mv, 0, err);
}

struct pay_ctx {
	int64_t	 customer_id;
	int64_t	 seen_balance;	/* what the clerk saw (two desks, R19) */
};

static const char *const method_keys[KF_PAY_METHOD_COUNT] = {
	"cash", "card", "transfer", "mobile"
};

static const void *find_row(struct board *, int64_t);

static enum kf_rc
pay_submit(struct ui *ui, struct form *f, struct kf_err *err)
{
	struct billing *s = st(ui);
	struct pay_ctx *c = f->ctx;
	struct kf_receipt r;
	struct kf_account a;
	char *text = form_text(f, "amount"), *note = form_text(f, "note");
	char m[32], bal[32];
	int64_t fen;
	enum kf_rc rc;
	bool on_acct;

	memset(&r, 0, sizeof(r));
	rc = kf_bill_amount_parse(text, N_("amount"), false, &fen, err);
	if (rc == KF_OK)
		rc = kf_payment_take(ui->k, c->customer_id, fen,
		    (enum kf_pay_method)form_choice(f, "method"), note,
		    c->seen_balance, &r, err);
	free(text);
	free(note);
	if (rc == KF_CONFLICT) {
		/* Another desk moved the balance (R19): the core's words say
		 * to what, the form shows it, and a second save takes the
		 * payment against the balance now. */
		memset(&a, 0, sizeof(a));
		if (kf_account_get(ui->k, c->customer_id, 1, &a, NULL) ==
		    KF_OK) {
			c->seen_balance = a.balance;
			kf_money_format(a.balance, bal, sizeof(bal));
			form_reload_field(f, "balance", bal);
		}
		kf_account_clear(&a);
		err->conflict.field[0] = '\0';
		return rc;
	}
	if (rc != KF_OK)
		return rc;
	ui_reload(ui);
	/* r prints the chosen row: on this account, the new receipt is
	 * chosen (the reload kept the cursor where it was, on an older
	 * one); elsewhere r is the account's key, Enter goes there. */
	on_acct = s->panel == P_ACCOUNT && !s->finding &&
	    s->cust_id == c->customer_id &&
	    find_row(&s->acct, r.id * 2 + 1) != NULL;
	memset(&a, 0, sizeof(a));
	kf_money_format(r.amount, m, sizeof(m));
	if (kf_account_get(ui->k, c->customer_id, 1, &a, NULL) == KF_OK) {
		kf_money_format(a.balance, bal, sizeof(bal));
		if (on_acct)
			ui_msg(ui, MSG_INFO, _("Receipt No. %lld: %s taken "
			    "from %s; balance now %s. r prints it."),
			    (long long)r.no, m, r.name, bal);
		else	/* short: 80 columns hold it with a long name */
			ui_msg(ui, MSG_INFO, _("Receipt No. %lld: %s from %s; "
			    "balance %s. Enter, then r prints it."),
			    (long long)r.no, m, r.name, bal);
	} else
		ui_msg(ui, MSG_INFO, _("Receipt No. %lld: %s taken."),
		    (long long)r.no, m);
	kf_account_clear(&a);
	kf_receipt_clear(&r);
	return KF_OK;
}

static struct form *
pay_form(struct ui *ui, int64_t customer_id)
{
	struct kf_account a;
	struct kf_err err;
	struct pay_ctx *c;
	struct form *f;
	char bal[32], who[300];

	memset(&a, 0, sizeof(a));
	if (kf_account_get(ui->k, customer_id, 1, &a, &err) != KF_OK) {
		ui_err(ui, &err);
		return NULL;
	}
	c = xcalloc(1, sizeof(*c));
	c->customer_id = customer_id;
	c->seen_balance = a.balance;
	kf_money_format(a.balance, bal, sizeof(bal));
	snprintf(who, sizeof(who), "%s %s", a.account, a.name);
	kf_account_clear(&a);
	f = form_new(N_("Take a payment"), DRAFT_PAY, customer_id, pay_submit);
	f->ctx = c;
	form_add(f, "customer", N_("Customer"), FIELD_READONLY, who, 120);
	form_add(f, "balance", N_("Balance"), FIELD_READONLY, bal, 20);
	form_add(f, "amount", N_("Amount (yuan)"), FIELD_TEXT, "", 14);
	form_add_choice(f, "method", N_("Method"), method_words, method_keys,
	    KF_PAY_METHOD_COUNT, false, KF_PAY_CASH);
	form_add(f, "note", N_("Note"), FIELD_TEXT, "", 200);
	f->focus = "amount";
	return f;
}

/* Payment at the account panel: the customer shown. */
static struct form *
acct_pay(struct ui *ui, struct board *b, const struct board_move *m,
    const void *row)
{
	struct billing *s = b->ctx;

	(void)m;
	(void)row;
	if (s->cust_id <= 0) {
		ui_msg(ui, MSG_ERROR, "%s", _("Find the customer first (/)."));
		return NULL;
	}
	return pay_form(ui, s->cust_id);
}

static bool
is_receipt(struct ui *ui, const struct acct_row *r)
{
	if (r->receipt)
		return true;
	ui_msg(ui, MSG_ERROR, "%s", _("Choose a receipt (a row marked "
	    "\"receipt\")."));
	return false;
}

/* What a print carries: copied, so a retry after "busy" still has it. */
struct print_arg {
	int64_t	 no;
};

/*
 * Prints receipt no to a file named on the message line (R19: a second
 * print says 重打, the core's words on the paper). The core renders it
 * without counting; the print is counted (a write) only once the file is
 * written, so a failed write never uses up the original (bill.h). The
 * database busy at the count, it is tried again shortly: the file is
 * written again then, the same text.
 */
static void
print_receipt_run(struct ui *ui, void *arg)
{
	const struct print_arg *p = arg;
	struct kf_buf out = { 0 };
	struct kf_err err;
	char name[64], *path = NULL;
	int64_t prints = 0;
	enum kf_rc rc;

	kf_err_clear(&err);
	if ((rc = kf_receipt_render(ui->k, p->no, &out, &prints, &err)) !=
	    KF_OK)
		goto fail;
	snprintf(name, sizeof(name), "receipt-%06lld.txt", (long long)p->no);
	path = print_path(name);
	if (!write_file(path, kf_buf_str(&out), &err)) {
		ui_err(ui, &err);
		goto out;
	}
	if ((rc = kf_receipt_mark_printed(ui->k, p->no, &err)) != KF_OK)
		goto fail;
	if (prints > 0)
		ui_msg(ui, MSG_INFO, _("Receipt No. %lld printed again (a copy, "
		    "marked 重打) to %s."), (long long)p->no, path);
	else
		ui_msg(ui, MSG_INFO, _("Receipt No. %lld printed to %s."),
		    (long long)p->no, path);
	ui_reload(ui);		/* the count of prints */
	goto out;
fail:
	if (rc != KF_BUSY || !ui_retry_later(ui, print_receipt_run, p,
	    sizeof(*p), &err))
		ui_err(ui, &err);
out:
	free(path);
	kf_buf_free(&out);
}

static unsigned
print_receipt(struct ui *ui, struct board *b, const void *row)
{
	const struct acct_row *r = row;
	struct print_arg p;

	(void)b;
	if (!is_receipt(ui, r))
		return DIRTY_ALL;
	p.no = r->no;
	print_receipt_run(ui, &p);
	return DIRTY_ALL;
}

/* Writes notice no as the printer's 80 columns to a file. */
static void
print_notice(struct ui *ui, const char *no)
{
	struct kf_buf out = { 0 };
	struct kf_err err;
	char name[64], *path;

	kf_err_clear(&err);
	if (kf_notice_print(ui->k, no, &out, &err) != KF_OK) {
		ui_err(ui, &err);
		kf_buf_free(&out);
		return;
	}
	snprintf(name, sizeof(name), "notice-%s.txt", no);
	path = print_path(name);
	if (write_file(path, kf_buf_str(&out), &err))
		ui_msg(ui, MSG_INFO, _("Notice %s printed to %s."), no, path);
	else
		ui_err(ui, &err);
	free(path);
	kf_buf_free(&out);
}

static unsigned
acct_print_notice(struct ui *ui, struct board *b, const void *row)
{
	const struct acct_row *r = row;

	(void)b;
	if (r->receipt) {
		ui_msg(ui, MSG_ERROR, "%s", _("Choose a notice; r prints a "
		    "receipt."));
		return DIRTY_ALL;
	}
	print_notice(ui, r->notice_no);
	return DIRTY_ALL;
}

struct void_ctx {
	int64_t	 no;
};

static enum kf_rc
void_submit(struct ui *ui, struct form *f, struct kf_err *err)
{
	struct void_ctx *c = f->ctx;
	char *reason = form_text(f, "reason");
	enum kf_rc rc;

	rc = kf_receipt_void(ui->k, c->no, f->seen_version, reason, err);
	free(reason);
	if (rc != KF_OK)
		return rc;
	ui_msg(ui, MSG_INFO, _("Receipt No. %lld is void; its money is owed "
	    "again."), (long long)c->no);
	ui_reload(ui);
	return KF_OK;
}

/* The void form of receipt no, as read at version (a stale one conflicts). */
static struct form *
void_form_of(int64_t no_, int64_t version, int64_t amount)
{
	struct void_ctx *c;
	struct form *f;
	char no[32], amt[32];

	c = xcalloc(1, sizeof(*c));
	c->no = no_;
	f = form_new(N_("Void a receipt"), DRAFT_VOID, no_, void_submit);
	f->ctx = c;
	f->seen_version = version;
	snprintf(no, sizeof(no), "%06lld", (long long)no_);
	kf_money_format(amount, amt, sizeof(amt));
	form_add(f, "no", N_("Receipt"), FIELD_READONLY, no, 20);
	form_add(f, "amount", N_("Amount"), FIELD_READONLY, amt, 20);
	form_add(f, "reason", N_("Reason"), FIELD_TEXT, "", 200);
	f->focus = "reason";
	return f;
}

static struct form *
void_form(struct ui *ui, struct board *b, const struct board_move *m,
    const void *row)
{
	const struct acct_row *r = row;

	(void)b;
	(void)m;
	if (!is_receipt(ui, r))
		return NULL;
	return void_form_of(r->no, r->version, r->amount);
}

static unsigned
acct_find(struct ui *ui, struct board *b, const void *row)
{
	struct billing *s = b->ctx;

	(void)ui;
	(void)row;
	s->finding = true;
	return DIRTY_ALL;
}

static const struct board_move acct_moves[] = {
	{ .key = CH('p'), .keyname = "p", .label = N_("pay"),
	  .help = N_("Take a payment: a numbered receipt, the oldest notice "
	  "paid first (R19)"), .hint = true, .views = V_DESK,
	  .core = KF_ACT_PAYMENT, .no_row = true, .form = acct_pay,
	  .draft = DRAFT_PAY, .draft_title = N_("Take a payment") },
	{ .key = CH('r'), .keyname = "r", .label = N_("print receipt"),
	  .help = N_("Print the chosen receipt to a file; a second print is "
	  "marked 重打 (R19)"), .hint = true, .core = KF_ACT_NOTICE_VIEW,
	  .open = print_receipt },
	{ .key = CH('w'), .keyname = "w", .label = N_("print notice"),
	  .help = N_("Print the chosen notice (80 columns) to a file"),
	  .hint = true, .core = KF_ACT_NOTICE_VIEW,
	  .open = acct_print_notice },
	{ .key = CH('x'), .keyname = "x", .label = NULL,
	  .help = N_("Void the chosen receipt, with a reason (supervisors, "
	  "R19)"), .core = KF_ACT_RECEIPT_VOID, .form = void_form,
	  .draft = DRAFT_VOID, .draft_title = N_("Void a receipt") },
	{ .key = CH('/'), .keyname = "/", .label = N_("find"),
	  .help = N_("Find another customer"), .hint = true, .core = -1,
	  .no_row = true, .open = acct_find },
	{ .keyname = NULL }
};

static const struct board_class acct_class = {
	.row_size = sizeof(struct acct_row),
	.cols = acct_cols,
	.moves = acct_moves,
	.empty = N_("No notice and no receipt yet."),
	.noun = N_("account item %lld"),
	.fetch = acct_fetch,
	.free_rows = acct_free,
	.id = acct_id,
	.version = acct_version,
	.may = may_act,
	.clear_row = acct_clear,
};

/*
 * For F7's drill-down (tui.h): the account shown as a search would show
 * it, then the cursor stepped down to the item, a notice's key its id *
 * 2, a receipt's its id * 2 + 1 (acct_id).
 */
bool
billing_show_item(struct ui *ui, int64_t customer_id, bool receipt,
    int64_t id)
{
	struct billing *s = st(ui);
	const struct acct_row *r;
	int64_t key = receipt ? id * 2 + 1 : id * 2;
	int i;

	if (ui->screen != &screen_billing || s == NULL)
		return false;
	show_account(ui, customer_id);
	for (i = 0; i <= 2 * MAX_ITEMS; i++) {
		if ((r = board_row(&s->acct)) == NULL)
			return false;
		if (r->key == key)
			return true;
		if (board_act(ui, &s->acct, CMD_DOWN, 0) == 0)
			return false;	/* the last row */
	}
	return false;
}

/* ---- meter readings by building, one pass (R13) ---- */

static enum kf_rc
round_fetch(struct ui *ui, struct board *b, enum kf_page dir,
    const void *anchor, int limit, void **rows, size_t *n, struct kf_err *err)
{
	struct billing *s = b->ctx;
	struct kf_round_row *v = NULL;
	size_t all = 0;
	enum kf_rc rc;

	*rows = NULL;
	*n = 0;
	if (s->community[0] == '\0')
		return KF_OK;
	if ((rc = kf_reading_round(ui->k, s->community, s->building,
	    s->period, &v, &all, err)) != KF_OK)
		return rc;
	board_slice(b->cls, v, all, dir, anchor, limit, n);
	*rows = v;
	return KF_OK;
}

static void
round_free(void *rows, size_t n)
{
	(void)n;
	free(rows);
}

static void
round_clear(void *row)
{
	(void)row;
}

static int64_t
round_id(const void *row)
{
	return ((const struct kf_round_row *)row)->meter.id;
}

static void
col_meter(struct ui *ui, const struct board *b, const void *row, char *buf,
    size_t n)
{
	const struct kf_round_row *r = row;

	(void)ui;
	(void)b;
	snprintf(buf, n, "%s%s", r->meter.code, r->meter.customer_id == 0 ?
	    "*" : "");
}

static void
col_room(struct ui *ui, const struct board *b, const void *row, char *buf,
    size_t n)
{
	(void)ui;
	(void)b;
	snprintf(buf, n, "%s", ((const struct kf_round_row *)row)->room);
}

static void
col_customer(struct ui *ui, const struct board *b, const void *row,
    char *buf, size_t n)
{
	(void)ui;
	(void)b;
	snprintf(buf, n, "%s", ((const struct kf_round_row *)row)->customer);
}

static void
col_last_period(struct ui *ui, const struct board *b, const void *row,
    char *buf, size_t n)
{
	(void)ui;
	(void)b;
	snprintf(buf, n, "%s", ((const struct kf_round_row *)row)->last_period);
}

static void
col_last(struct ui *ui, const struct board *b, const void *row, char *buf,
    size_t n)
{
	const struct kf_round_row *r = row;

	(void)ui;
	snprintf(buf, n, "%*lld", b->cell_w, (long long)r->last_value);
}

static void
col_last_usage(struct ui *ui, const struct board *b, const void *row,
    char *buf, size_t n)
{
	const struct kf_round_row *r = row;

	(void)ui;
	if (r->last_usage < 0)
		snprintf(buf, n, "%*s", b->cell_w, "-");
	else
		snprintf(buf, n, "%*lld", b->cell_w, (long long)r->last_usage);
}

static void
col_this(struct ui *ui, const struct board *b, const void *row, char *buf,
    size_t n)
{
	const struct kf_round_row *r = row;

	(void)ui;
	(void)b;
	if (r->moved_out)
		snprintf(buf, n, "%s", _("moved out"));
	else if (r->this_id == 0)
		snprintf(buf, n, "%s", "");
	else
		snprintf(buf, n, "%*lld %+lld", 8, (long long)r->this_value,
		    (long long)r->this_usage);
}

static const struct board_col round_cols[] = {
	{ .title = N_("METER"), .width = 12, .text = col_meter },
	{ .title = N_("ROOM"), .width = 6, .text = col_room },
	{ .title = N_("CUSTOMER"), .width = 10, .text = col_customer },
	{ .title = N_("LAST"), .width = 8, .text = col_last_period },
	{ .title = N_("READING"), .width = 9, .text = col_last },
	{ .title = N_("USAGE"), .width = 7, .text = col_last_usage },
	{ .title = N_("THIS MONTH"), .text = col_this },
	{ .title = NULL }
};

/* The reading form: what it is for, and where the round goes next. */
struct read_ctx {
	struct billing	*s;
	int64_t		 meter_id;
	char		 code[40];
	char		 period[KF_PERIOD_LEN];
	int64_t		 last;		/* the reading it counts from */
	unsigned	 flags;		/* KF_READ_REPLACED, _ROLLOVER */
};

static struct form *reading_form(struct ui *, struct billing *,
    const struct kf_round_row *);

/*
 * The meter after meter_id in the round, not yet read this month and
 * not of a moved-out customer; its form is opened when this one saves
 * (one pass through the building). NULL at the round's end.
 */
static struct form *
next_reading(struct ui *ui, struct billing *s, int64_t meter_id)
{
	struct board *b = &s->round;
	const struct kf_round_row *v = b->lv.rows;
	size_t i;

	for (i = 0; i < b->lv.nrows && v[i].meter.id != meter_id; i++)
		;
	for (i++; i < b->lv.nrows; i++)
		if (!v[i].moved_out && v[i].this_id == 0) {
			b->lv.sel = i;	/* the cursor follows the round */
			return reading_form(ui, s, &v[i]);
		}
	return NULL;
}

/* Enters the reading with flags; the done message, or the refusal. */
static enum kf_rc
reading_enter(struct ui *ui, struct form *f, unsigned flags,
    struct kf_err *err)
{
	struct read_ctx *c = f->ctx;
	char *text = form_text(f, "value"), *start = form_text(f, "start");
	char *reason = form_text(f, "reason"), *end;
	long long v, st0 = 0;
	int64_t usage = 0;
	enum kf_rc rc;

	errno = 0;
	v = strtoll(text, &end, 10);
	if (kf_blank(text) || *end != '\0' || errno != 0 || v < 0) {
		free(text);
		free(start);
		free(reason);
		kf_err_set(err, KF_INVALID, "a reading is a whole number, 0 "
		    "or more");
		kf_err_field(err, "value");
		return KF_INVALID;
	}
	if (flags & KF_READ_REPLACED) {
		st0 = strtoll(start, &end, 10);
		if (kf_blank(start) || *end != '\0' || st0 < 0) {
			free(text);
			free(start);
			free(reason);
			kf_err_set(err, KF_INVALID, "the new meter's start "
			    "reading lies between 0 and this reading (R13)");
			kf_err_field(err, "start");
			return KF_INVALID;
		}
	}
	free(text);
	free(start);
	rc = kf_reading_enter(ui->k, c->meter_id, c->period, v, flags, st0,
	    reason, NULL, &usage, err);
	free(reason);
	if (rc == KF_OK) {
		ui_msg(ui, MSG_INFO, _("Meter %s: %lld, usage %lld."), c->code,
		    v, (long long)usage);
		f->next = next_reading(ui, c->s, c->meter_id);
		if (f->next == NULL)
			ui_msg(ui, MSG_INFO, _("Meter %s: %lld, usage %lld. "
			    "The round is done."), c->code, v,
			    (long long)usage);
		ui_reload(ui);
	}
	return rc;
}

struct read_ask {
	unsigned	 flags;
};

/* A spike confirmed (R13): entered with the mark, the form closes. */
static void
spike_confirmed(struct ui *ui, void *arg)
{
	struct read_ask *a = arg;
	struct form *f = ui->form, *next;
	struct kf_err err;

	if (f == NULL)
		return;
	kf_err_clear(&err);
	if (reading_enter(ui, f, a->flags | KF_READ_CONFIRM, &err) != KF_OK) {
		/* Another desk holds the database: the answer is tried
		 * again shortly, not lost (Esc gives up). */
		if (err.rc != KF_BUSY || !ui_retry_later(ui, spike_confirmed,
		    a, sizeof(*a), &err))
			ui_err(ui, &err);
		return;
	}
	next = f->next;
	f->next = NULL;
	ui_close_form(ui, true);
	if (next != NULL)
		ui_open_form(ui, next);
}

static const char *const lower_items[] = {
	N_("The meter was replaced (a new meter)"),
	N_("The meter rolled over (past its last digit)"),
};

/* Replaced: the new meter's start is asked; rolled over: entered now. */
static void
lower_chosen(struct ui *ui, void *arg, unsigned choice)
{
	struct form *f = ui->form;
	struct read_ctx *c;
	struct field *fl;

	(void)arg;
	if (f == NULL)
		return;
	c = f->ctx;
	if (choice == 0) {
		c->flags = KF_READ_REPLACED;
		if ((fl = form_field(f, "start")) != NULL) {
			fl->hidden = false;
			f->cur = (int)(fl - f->f);
		}
		ui_msg(ui, MSG_INFO, "%s", _("Type the new meter's start "
		    "reading; Enter saves."));
		return;
	}
	/* Saved as Enter saves, not confirmed: the usage through the last
	 * digit is a spike like any other (R13), and a slip marked rolled
	 * over (17 -> 5 on 5 digits: 99,988 m³) must be asked about. */
	c->flags = KF_READ_ROLLOVER;
	form_save(ui, f);
}

static enum kf_rc
reading_submit(struct ui *ui, struct form *f, struct kf_err *err)
{
	struct read_ctx *c = f->ctx;
	struct read_ask *a;
	char *text = form_text(f, "value"), q[900];
	long long v = strtoll(text, NULL, 10);
	enum kf_rc rc;

	free(text);
	rc = reading_enter(ui, f, c->flags, err);
	if (rc != KF_REFUSED || strcmp(err->field, "value") != 0)
		return rc;
	/* The core refused (R13): its words stay on the message line, the
	 * value stays in the field, and the question follows. */
	ui_err(ui, err);
	f->keep_open = true;
	if (v < c->last && c->flags == 0) {
		ui_pick(ui, _("Below the last: replaced or rolled over?"),
		    lower_items, 2, 0, 0, lower_chosen, NULL);
		return KF_OK;
	}
	a = xcalloc(1, sizeof(*a));
	a->flags = c->flags;
	/* The core's words say the usage and the usual it is above: the
	 * question must, the message line is cut at 80 columns. */
	snprintf(q, sizeof(q), _("%s. Is reading %lld of meter %s right?"),
	    err->msg, v, c->code);
	ui_confirm(ui, q, spike_confirmed, a);
	return KF_OK;
}

static struct form *
reading_form(struct ui *ui, struct billing *s, const struct kf_round_row *r)
{
	struct read_ctx *c;
	struct form *f;
	char last[400], usage[64];
	struct field *fl;

	(void)ui;
	c = xcalloc(1, sizeof(*c));
	c->s = s;
	c->meter_id = r->meter.id;
	snprintf(c->code, sizeof(c->code), "%s", r->meter.code);
	snprintf(c->period, sizeof(c->period), "%s", s->period);
	c->last = r->last_value;
	f = form_new(N_("Meter reading"), DRAFT_READING, r->meter.id,
	    reading_submit);
	f->ctx = c;
	snprintf(last, sizeof(last), "%s  %s %s  %s", r->meter.code,
	    r->room, r->customer, s->period);
	form_add(f, "meter", N_("Meter"), FIELD_READONLY, last, 120);
	snprintf(last, sizeof(last), "%lld  (%s)", (long long)r->last_value,
	    r->last_period[0] != '\0' ? r->last_period : _("start"));
	form_add(f, "last", N_("Last reading"), FIELD_READONLY, last, 60);
	if (r->last_usage < 0)
		snprintf(usage, sizeof(usage), "-");
	else
		snprintf(usage, sizeof(usage), "%lld", (long long)r->last_usage);
	form_add(f, "last_usage", N_("Last usage"), FIELD_READONLY, usage, 20);
	/* Read already this month: a second reading corrects the first
	 * and needs its reason (R13), asked here rather than refused. */
	if (r->this_id != 0) {
		snprintf(usage, sizeof(usage), "%lld  (%+lld)",
		    (long long)r->this_value, (long long)r->this_usage);
		form_add(f, "this", N_("This month's"), FIELD_READONLY, usage,
		    32);
	}
	form_add(f, "value", N_("Reading"), FIELD_TEXT, "", 10);
	fl = form_add(f, "reason", N_("Why corrected"), FIELD_TEXT, "", 64);
	fl->hidden = r->this_id == 0;
	fl = form_add(f, "start", N_("New meter's start"), FIELD_TEXT, "0", 10);
	fl->hidden = true;
	/* Kept in the draft: the month the reading was typed for. */
	fl = form_add(f, "period", N_("Month (YYYY-MM)"), FIELD_TEXT,
	    s->period, KF_PERIOD_LEN - 1);
	fl->hidden = true;
	f->focus = "value";
	return f;
}

static struct form *
round_read(struct ui *ui, struct board *b, const struct board_move *m,
    const void *row)
{
	const struct kf_round_row *r = row;

	(void)m;
	if (r->moved_out) {
		ui_msg(ui, MSG_ERROR, "%s", _("Its customer moved out: the "
		    "meter is not read (R13)."));
		return NULL;
	}
	return reading_form(ui, b->ctx, row);
}

/* ---- which community, building and period (every panel's) ---- */

static void
keep_ctx(void *p)
{
	(void)p;
}

static enum kf_rc
where_submit(struct ui *ui, struct form *f, struct kf_err *err)
{
	struct billing *s = f->ctx;
	char *c = form_text(f, "community"), *bd = form_text(f, "building");
	char *p = form_text(f, "period");
	enum kf_rc rc = KF_OK;

	if (kf_blank(c)) {
		rc = kf_err_set(err, KF_INVALID, "a community is required");
		kf_err_field(err, "community");
	}
	else if ((rc = kf_bill_period_check(p, err)) == KF_OK) {
		snprintf(s->community, sizeof(s->community), "%s", c);
		snprintf(s->building, sizeof(s->building), "%s", bd);
		snprintf(s->period, sizeof(s->period), "%s", p);
	} else
		kf_err_field(err, "period");
	free(c);
	free(bd);
	free(p);
	if (rc == KF_OK)
		reload_all(ui, false);
	return rc;
}

static struct form *
where_form(struct ui *ui, struct board *b, const struct board_move *m,
    const void *row)
{
	struct billing *s = b->ctx;
	struct form *f;

	(void)ui;
	(void)m;
	(void)row;
	f = form_new(N_("Community, building, month"), DRAFT_WHERE, 0,
	    where_submit);
	f->ctx = s;
	f->free_ctx = keep_ctx;	/* the screen's state, not the form's */
	form_add(f, "community", N_("Community"), FIELD_TEXT, s->community,
	    100);
	form_add(f, "building", N_("Building (empty: all)"), FIELD_TEXT,
	    s->building, 100);
	form_add(f, "period", N_("Month (YYYY-MM)"), FIELD_TEXT, s->period, 7);
	return f;
}

static const struct board_move round_moves[] = {
	{ .key = CH('\r'), .keyname = "Enter", .label = N_("read"),
	  .help = N_("Key the chosen meter's reading; Enter saves and brings "
	  "up the next meter (R13)"), .hint = true, .views = V_DESK,
	  .core = KF_ACT_READING_ENTER, .form = round_read,
	  .draft = DRAFT_READING, .draft_title = N_("Meter reading") },
	{ .key = CH('b'), .keyname = "b", .label = N_("building"),
	  .help = N_("Choose the community, building and month"),
	  .hint = true, .core = -1, .no_row = true, .form = where_form,
	  .draft = DRAFT_WHERE,
	  .draft_title = N_("Community, building, month") },
	{ .keyname = NULL }
};

static const struct board_class round_class = {
	.row_size = sizeof(struct kf_round_row),
	.cols = round_cols,
	.moves = round_moves,
	.empty = N_("No meters here: b chooses the community and building."),
	.noun = N_("meter %lld"),
	.fetch = round_fetch,
	.free_rows = round_free,
	.id = round_id,
	.may = may_act,
	.clear_row = round_clear,
};

/* ---- the notice run and its notices (R15) ---- */

static enum kf_rc
notices_fetch(struct ui *ui, struct board *b, enum kf_page dir,
    const void *anchor, int limit, void **rows, size_t *n, struct kf_err *err)
{
	struct billing *s = b->ctx;
	struct kf_notice_filter f;
	struct kf_notice *v = NULL;
	enum kf_rc rc;

	*rows = NULL;
	*n = 0;
	if (s->community[0] == '\0')
		return KF_OK;
	memset(&f, 0, sizeof(f));
	f.period = s->period;
	f.community = s->community;
	rc = kf_notice_list(ui->k, &f, dir, anchor, limit, &v, n, err);
	*rows = v;
	return rc;
}

static void
notices_free(void *rows, size_t n)
{
	kf_notice_list_free(rows, n);
}

static int64_t
notice_id(const void *row)
{
	return ((const struct kf_notice *)row)->id;
}

static int64_t
notice_version(const void *row)
{
	return ((const struct kf_notice *)row)->version;
}

static void
notice_clear_row(void *row)
{
	kf_notice_clear(row);
}

static enum kf_rc
notice_get_row(struct ui *ui, int64_t id, void *row, struct kf_err *err)
{
	char no[24];

	snprintf(no, sizeof(no), "%lld", (long long)id);
	return kf_notice_get(ui->k, no, row, err);
}

static void
col_n_no(struct ui *ui, const struct board *b, const void *row, char *buf,
    size_t n)
{
	(void)ui;
	(void)b;
	snprintf(buf, n, "%s", ((const struct kf_notice *)row)->no);
}

static void
col_n_amount(struct ui *ui, const struct board *b, const void *row,
    char *buf, size_t n)
{
	(void)ui;
	money_cell(b, ((const struct kf_notice *)row)->amount, buf, n);
}

static void
col_n_total(struct ui *ui, const struct board *b, const void *row,
    char *buf, size_t n)
{
	(void)ui;
	money_cell(b, ((const struct kf_notice *)row)->total_due, buf, n);
}

static void
col_n_paid(struct ui *ui, const struct board *b, const void *row,
    char *buf, size_t n)
{
	(void)ui;
	money_cell(b, ((const struct kf_notice *)row)->paid, buf, n);
}

static void
col_n_due(struct ui *ui, const struct board *b, const void *row, char *buf,
    size_t n)
{
	(void)ui;
	(void)b;
	day_text(((const struct kf_notice *)row)->due_at, buf, n);
}

static const struct board_col notice_cols[] = {
	{ .title = N_("NO."), .width = 14, .text = col_n_no },
	{ .title = N_("NAME"), .width = 10,
	  .str = BOARD_STR(struct kf_notice, name) },
	{ .title = N_("AMOUNT"), .width = 9, .text = col_n_amount },
	{ .title = N_("TOTAL"), .width = 9, .text = col_n_total },
	{ .title = N_("PAID"), .width = 9, .text = col_n_paid },
	{ .title = N_("DUE DAY"), .width = 10, .text = col_n_due },
	{ .title = N_("ADDRESS"),
	  .str = BOARD_STR(struct kf_notice, address) },
	{ .title = NULL }
};

/* The run's question: the period and the community; then the run. */
struct run_arg {
	char	 period[KF_PERIOD_LEN];
	char	 community[200];
	unsigned flags;		/* KF_RUN_WITHOUT_READINGS, once asked */
};

static void run_confirmed(struct ui *, void *);

/*
 * The run was refused because meters have no reading (R13, R15): the
 * clerk may issue without them on purpose, told how many first (their
 * usage waits for the next reading, through the tiers then).
 */
static void
offer_without_readings(struct ui *ui, const struct run_arg *a,
    const struct kf_err *why)
{
	struct run_arg *b;
	struct kf_err err;
	char q[900];
	int64_t n = 0;

	kf_err_clear(&err);
	if (kf_notice_unread(ui->k, a->period, a->community, &n, &err) !=
	    KF_OK || n == 0) {
		ui_err(ui, n == 0 && err.rc == KF_OK ? why : &err);
		return;
	}
	b = xcalloc(1, sizeof(*b));
	*b = *a;
	b->flags |= KF_RUN_WITHOUT_READINGS;
	snprintf(q, sizeof(q), _("%lld meter(s) of %s have no reading for "
	    "%s. Issue the notices without their readings? Their usage is "
	    "billed with the next reading (R13, R15)."), (long long)n,
	    a->community, a->period);
	ui_confirm(ui, q, run_confirmed, b);
}

static void
run_confirmed(struct ui *ui, void *arg)
{
	struct run_arg *a = arg;
	struct kf_notice_run r;
	struct kf_err err;
	char m[32];
	enum kf_rc rc;

	memset(&r, 0, sizeof(r));
	kf_err_clear(&err);
	rc = kf_notice_run_flags(ui->k, a->period, a->community, a->flags, &r,
	    &err);
	if (rc == KF_BUSY && ui_retry_later(ui, run_confirmed, a, sizeof(*a),
	    &err))
		return;
	if (rc == KF_REFUSED && strcmp(err.field, "readings") == 0 &&
	    !(a->flags & KF_RUN_WITHOUT_READINGS)) {
		offer_without_readings(ui, a, &err);
		return;
	}
	if (rc != KF_OK) {
		ui_err(ui, &err);	/* all or nothing: nothing issued */
		return;
	}
	kf_money_format(r.total, m, sizeof(m));
	if (r.already)
		ui_msg(ui, MSG_ERROR, _("The notices of %s for %s were issued "
		    "already by %s: %lld notices, total %s."), a->period,
		    a->community, r.by, (long long)r.notices, m);
	else
		ui_msg(ui, MSG_INFO, _("Issued %lld notices of %s for %s "
		    "(No. %lld to %lld), total %s."), (long long)r.notices,
		    a->period, a->community, (long long)r.first_seq,
		    (long long)r.last_seq, m);
	ui_reload(ui);
}

/*
 * The run (R15): what it will issue first — the customers of the
 * community, the notices already issued — then all or nothing.
 */
static unsigned
notice_run(struct ui *ui, struct board *b, const void *row)
{
	struct billing *s = b->ctx;
	struct run_arg *a;
	struct kf_err err;
	char q[700], m[32];
	int64_t count = 0, total = 0;

	(void)row;
	kf_err_clear(&err);
	if (kf_may(ui->k, KF_ACT_NOTICE_RUN, 0, &err) != KF_OK) {
		ui_err(ui, &err);
		return DIRTY_ALL;
	}
	if (s->community[0] == '\0') {
		ui_msg(ui, MSG_ERROR, "%s", _("Choose the community and month "
		    "first (b)."));
		return DIRTY_ALL;
	}
	/* The core's reckoning of the run (kf_notice_preview): a customer
	 * it cannot reckon is named here, as the run would name him. */
	if (kf_notice_preview(ui->k, s->period, s->community, &count, &total,
	    &err) != KF_OK) {
		ui_err(ui, &err);
		return DIRTY_ALL;
	}
	a = xcalloc(1, sizeof(*a));
	snprintf(a->period, sizeof(a->period), "%s", s->period);
	snprintf(a->community, sizeof(a->community), "%s", s->community);
	kf_money_format(total, m, sizeof(m));
	snprintf(q, sizeof(q), _("Issue the fee notices of %s for %s now, all "
	    "or none? %lld customers are charged %s for the month (repairs, "
	    "adjustments and late fees come on top)."), s->period,
	    s->community, (long long)count, m);
	ui_confirm(ui, q, run_confirmed, a);
	return DIRTY_ALL;
}

static unsigned
notice_print(struct ui *ui, struct board *b, const void *row)
{
	(void)b;
	print_notice(ui, ((const struct kf_notice *)row)->no);
	return DIRTY_ALL;
}

/* The period's notices of the community as CSV for finance. */
static unsigned
notice_csv(struct ui *ui, struct board *b, const void *row)
{
	struct billing *s = b->ctx;
	struct kf_err err;
	char name[300], *path;
	size_t rows = 0;
	FILE *f;

	(void)row;
	if (s->community[0] == '\0') {
		ui_msg(ui, MSG_ERROR, "%s", _("Choose the community and month "
		    "first (b)."));
		return DIRTY_ALL;
	}
	snprintf(name, sizeof(name), "notices-%s-%s.csv", s->period,
	    s->community);
	path = print_path(name);
	kf_err_clear(&err);
	if ((f = fopen(path, "w")) == NULL) {
		kf_err_set(&err, KF_DBERR, "cannot write %s: %s", path,
		    strerror(errno));
		ui_err(ui, &err);
	} else if (kf_notice_export(ui->k, s->period, s->community, f, &rows,
	    &err) != KF_OK) {
		fclose(f);
		ui_err(ui, &err);
	} else if (fclose(f) != 0) {
		kf_err_set(&err, KF_DBERR, "cannot write %s: %s", path,
		    strerror(errno));
		ui_err(ui, &err);
	} else
		ui_msg(ui, MSG_INFO, _("%zu lines written to %s."), rows, path);
	free(path);
	return DIRTY_ALL;
}

static unsigned
notice_account(struct ui *ui, struct board *b, const void *row)
{
	(void)b;
	show_account(ui, ((const struct kf_notice *)row)->customer_id);
	return DIRTY_ALL;
}

static const struct board_move notice_moves[] = {
	{ .key = CH('\r'), .keyname = "Enter", .label = N_("account"),
	  .help = N_("The chosen notice's customer: his account"),
	  .hint = true, .core = -1, .open = notice_account },
	{ .key = CH('R'), .keyname = "R", .label = N_("run"),
	  .help = N_("Issue the month's notices of the community, all or "
	  "none (R15)"), .hint = true, .views = V_DESK, .core = -1,
	  .no_row = true, .open = notice_run },
	{ .key = CH('w'), .keyname = "w", .label = N_("print"),
	  .help = N_("Print the chosen notice (80 columns) to a file"),
	  .hint = true, .core = -1, .open = notice_print },
	{ .key = CH('e'), .keyname = "e", .label = N_("CSV"),
	  .help = N_("Export the month's notices as CSV for finance"),
	  .hint = true, .core = -1, .no_row = true, .open = notice_csv },
	{ .key = CH('b'), .keyname = "b", .label = N_("community"),
	  .help = N_("Choose the community, building and month"),
	  .hint = true, .core = -1, .no_row = true, .form = where_form,
	  .draft = DRAFT_WHERE,
	  .draft_title = N_("Community, building, month") },
	{ .keyname = NULL }
};

static const struct board_class notices_class = {
	.row_size = sizeof(struct kf_notice),
	.cols = notice_cols,
	.moves = notice_moves,
	.empty = N_("No notices for this month: b chooses the community and "
	"month, R issues them."),
	.noun = N_("notice %lld"),
	.fetch = notices_fetch,
	.free_rows = notices_free,
	.id = notice_id,
	.version = notice_version,
	.get = notice_get_row,
	.clear_row = notice_clear_row,
};

/* ---- arrears and chasing (R15) ---- */

/* The oldest bucket a row has money in (0..3); the age filter's. */
static int
oldest_bucket(const struct kf_arrears *a)
{
	int i;

	for (i = 3; i > 0 && a->bucket[i] == 0; i--)
		;
	return i;
}

static void arrears_clear(void *);

static enum kf_rc
arrears_fetch(struct ui *ui, struct board *b, enum kf_page dir,
    const void *anchor, int limit, void **rows, size_t *n, struct kf_err *err)
{
	struct billing *s = b->ctx;
	struct kf_arrears *v = NULL;
	int64_t age = board_filter_value(b, F_AGE);
	size_t all = 0, i, j;
	enum kf_rc rc;

	*rows = NULL;
	*n = 0;
	if ((rc = kf_arrears_list(ui->k, s->community[0] != '\0' ?
	    s->community : NULL, kf_core_now(ui->k), MAX_ARREARS, &v, &all,
	    s->age_sum, err)) != KF_OK)
		return rc;
	/* The age filter: whose oldest money is in the bucket chosen. */
	for (i = j = 0; i < all; i++) {
		if (age != BOARD_ALL && oldest_bucket(&v[i]) != age) {
			arrears_clear(&v[i]);
			continue;
		}
		if (i != j)
			v[j] = v[i];
		j++;
	}
	board_slice(b->cls, v, j, dir, anchor, limit, n);
	*rows = v;
	return KF_OK;
}

static void
arrears_free_rows(void *rows, size_t n)
{
	kf_arrears_free(rows, n);
}

static void
arrears_clear(void *row)
{
	struct kf_arrears *a = row;

	free(a->account);
	free(a->name);
	free(a->address);
	a->account = a->name = a->address = NULL;
}

static int64_t
arrears_id(const void *row)
{
	return ((const struct kf_arrears *)row)->customer_id;
}

static const char *
arrears_words(const void *row)
{
	return ((const struct kf_arrears *)row)->name;
}

#define BUCKET_COL(nm, i)						\
static void								\
nm(struct ui *ui, const struct board *b, const void *row, char *buf,	\
    size_t n)								\
{									\
	int64_t v = ((const struct kf_arrears *)row)->bucket[i];	\
									\
	(void)ui;							\
	if (v == 0)							\
		snprintf(buf, n, "%s", "");				\
	else								\
		money_cell(b, v, buf, n);				\
}
BUCKET_COL(col_b0, 0)
BUCKET_COL(col_b1, 1)
BUCKET_COL(col_b2, 2)
BUCKET_COL(col_b3, 3)

static void
col_a_total(struct ui *ui, const struct board *b, const void *row,
    char *buf, size_t n)
{
	(void)ui;
	money_cell(b, ((const struct kf_arrears *)row)->total, buf, n);
}

static void
col_a_days(struct ui *ui, const struct board *b, const void *row, char *buf,
    size_t n)
{
	(void)ui;
	snprintf(buf, n, "%*lld", b->cell_w,
	    (long long)((const struct kf_arrears *)row)->oldest_days);
}

static void
col_a_chased(struct ui *ui, const struct board *b, const void *row,
    char *buf, size_t n)
{
	const struct kf_arrears *a = row;

	(void)ui;
	(void)b;
	if (a->last_chase_at == 0)
		snprintf(buf, n, "%s", a->step == KF_ARREARS_SECOND ?
		    _("second notice due") : a->step == KF_ARREARS_REMIND ?
		    _("reminder due") : "");
	else {
		char day[16];

		day_text(a->last_chase_at, day, sizeof(day));
		/* How many times, and the last: "2x 11-21". */
		snprintf(buf, n, _("%lldx %s"), (long long)a->chases, day + 5);
	}
}

static const struct board_col arrears_cols[] = {
	{ .title = N_("NAME"), .width = 10,
	  .str = BOARD_STR(struct kf_arrears, name) },
	{ .title = N_("DAYS"), .width = 4, .text = col_a_days },
	{ .title = "0-30", .width = 8, .text = col_b0 },
	{ .title = "31-60", .width = 8, .text = col_b1 },
	{ .title = "61-90", .width = 8, .text = col_b2 },
	{ .title = ">90", .width = 8, .text = col_b3 },
	{ .title = N_("TOTAL"), .width = 9, .text = col_a_total },
	{ .title = N_("CHASED"), .text = col_a_chased },
	{ .title = NULL }
};

static const char *const age_items[] = {
	N_("All ages"), N_("0-30 days"), N_("31-60 days"), N_("61-90 days"),
	N_("over 90 days")
};

static int
age_picker(struct ui *ui, struct board *b, const char *const **items,
    bool *literal)
{
	(void)ui;
	(void)b;
	*items = age_items;
	*literal = false;
	return 5;
}

static const char *
all_ages(const struct board *b)
{
	(void)b;
	return N_("All ages");
}

static const struct board_filter arrears_filters[] = {
	[F_AGE] = { .key = CH('a'), .keyname = "a", .label = N_("age"),
	  .help = N_("Show one age of debt only (by the oldest money owed)"),
	  .hint = true, .items = age_picker, .all_label = all_ages },
	{ .keyname = NULL }
};

/* The chasing form (催缴): the method, the answer, the next step. */
static const char *const chase_words[KF_CHASE_METHOD_COUNT] = {
	N_("phone"), N_("visit"), N_("letter"), N_("SMS"),
	N_("second notice")
};
static const char *const chase_keys[KF_CHASE_METHOD_COUNT] = {
	"phone", "visit", "letter", "sms", "second"
};

static enum kf_rc
chase_submit(struct ui *ui, struct form *f, struct kf_err *err)
{
	char *ans = form_text(f, "answer"), *next = form_text(f, "next");
	enum kf_rc rc;

	rc = kf_chase_add(ui->k, f->record_id,
	    (enum kf_chase_method)form_choice(f, "method"), ans, next, 0,
	    NULL, err);
	free(ans);
	free(next);
	if (rc != KF_OK)
		return rc;
	ui_msg(ui, MSG_INFO, "%s", _("Chasing recorded (R15)."));
	ui_reload(ui);
	return KF_OK;
}

static struct form *
chase_form_of(int64_t customer_id, const char *account, const char *name,
    int64_t total)
{
	struct form *f;
	char who[300], owed[32];

	f = form_new(N_("Chasing (催缴)"), DRAFT_CHASE, customer_id,
	    chase_submit);
	snprintf(who, sizeof(who), "%s %s", account, name);
	kf_money_format(total, owed, sizeof(owed));
	form_add(f, "customer", N_("Customer"), FIELD_READONLY, who, 120);
	form_add(f, "owed", N_("Overdue"), FIELD_READONLY, owed, 20);
	form_add_choice(f, "method", N_("Method"), chase_words, chase_keys,
	    KF_CHASE_METHOD_COUNT, false, KF_CHASE_PHONE);
	form_add(f, "answer", N_("Answer"), FIELD_TEXT, "", 500);
	form_add(f, "next", N_("Next step"), FIELD_TEXT, "", 200);
	return f;
}

static struct form *
chase_form(struct ui *ui, struct board *b, const struct board_move *m,
    const void *row)
{
	const struct kf_arrears *a = row;

	(void)ui;
	(void)b;
	(void)m;
	return chase_form_of(a->customer_id, a->account, a->name, a->total);
}

static struct form *
arrears_pay(struct ui *ui, struct board *b, const struct board_move *m,
    const void *row)
{
	(void)b;
	(void)m;
	return pay_form(ui, arrears_id(row));
}

static unsigned
arrears_account(struct ui *ui, struct board *b, const void *row)
{
	(void)b;
	show_account(ui, arrears_id(row));
	return DIRTY_ALL;
}

static const struct board_move arrears_moves[] = {
	{ .key = CH('\r'), .keyname = "Enter", .label = N_("account"),
	  .help = N_("The chosen customer's account"), .hint = true,
	  .core = -1, .open = arrears_account },
	{ .key = CH('c'), .keyname = "c", .label = N_("chase"),
	  .help = N_("Record chasing (催缴): method, answer, next step (R15)"),
	  .hint = true, .core = KF_ACT_ARREARS, .form = chase_form,
	  .draft = DRAFT_CHASE, .draft_title = N_("Chasing (催缴)") },
	{ .key = CH('p'), .keyname = "p", .label = N_("pay"),
	  .help = N_("Take a payment from the chosen customer (R19)"),
	  .hint = true, .views = V_DESK, .core = KF_ACT_PAYMENT,
	  .form = arrears_pay, .draft = DRAFT_PAY,
	  .draft_title = N_("Take a payment") },
	{ .keyname = NULL }
};

static const struct board_class arrears_class = {
	.row_size = sizeof(struct kf_arrears),
	.cols = arrears_cols,
	.filters = arrears_filters,
	.moves = arrears_moves,
	.empty = N_("Nobody owes anything overdue."),
	.noun = N_("customer %lld"),
	.fetch = arrears_fetch,
	.free_rows = arrears_free_rows,
	.id = arrears_id,
	.words = arrears_words,
	.may = may_act,
	.clear_row = arrears_clear,
};

/* ---- the screen ---- */

static const struct binding panel_keys[] = {
	{ CH('\t'), CMD_TAB, 0, "Tab", N_("next panel"),
	  N_("Next panel: account, meter readings, notices, arrears"), true },
	END_BINDINGS
};

static const char *const panel_names[P_COUNT] = {
	N_("Accounts"), N_("Meter readings"), N_("Notices"), N_("Arrears")
};

/* The panel's lines: title and tabs, then one line of what it is of. */
static int
list_top(void)
{
	return ui_body_top() + 2;
}

static int
list_height(const struct billing *s)
{
	int h = ui_body_height() - 2;

	return s != NULL && s->panel == P_ACCOUNT && !s->finding ?
	    h - DETAIL_H - 1 : h;
}

static struct board *
cur_board(struct billing *s)
{
	switch (s->panel) {
	case P_ACCOUNT:
		return s->finding ? &s->hits : &s->acct;
	case P_READINGS:
		return &s->round;
	case P_NOTICES:
		return &s->notices;
	default:
		return &s->arrears;
	}
}

static void
reload_all(struct ui *ui, bool keep)
{
	struct billing *s = st(ui);
	int h = ui_body_height() - 2;

	board_reload(ui, &s->hits, keep, h);
	board_reload(ui, &s->acct, keep, h - DETAIL_H - 1);
	board_reload(ui, &s->round, keep, h);
	board_reload(ui, &s->notices, keep, h);
	board_reload(ui, &s->arrears, keep, h);
}

static bool
search(struct ui *ui)
{
	struct billing *s = st(ui);
	char *q = lineedit_text(&s->query);

	if (s->searched != NULL && strcmp(q, s->searched) == 0) {
		free(q);
		return false;
	}
	free(s->searched);
	s->searched = q;
	board_reload(ui, &s->hits, false, 0);
	return true;
}

static unsigned
view_of(struct ui *ui)
{
	return kf_may(ui->k, KF_ACT_PAYMENT, 0, NULL) == KF_OK ? V_DESK :
	    V_LOOK;
}

static void
boards_init(struct ui *ui, struct billing *s)
{
	int h = ui_body_height() - 2;

	s->view = view_of(ui);
	board_init(ui, &s->hits, &hits_class, s->view, s, panel_keys, h);
	board_init(ui, &s->acct, &acct_class, s->view, s, panel_keys,
	    h - DETAIL_H - 1);
	board_init(ui, &s->round, &round_class, s->view, s, panel_keys, h);
	board_init(ui, &s->notices, &notices_class, s->view, s, panel_keys, h);
	board_init(ui, &s->arrears, &arrears_class, s->view, s, panel_keys, h);
}

static void
boards_free(struct billing *s)
{
	board_free(&s->hits);
	board_free(&s->acct);
	board_free(&s->round);
	board_free(&s->notices);
	board_free(&s->arrears);
}

static int
billing_enter(struct ui *ui)
{
	struct billing *s = xcalloc(1, sizeof(*s));

	ui->state = s;
	s->finding = true;
	lineedit_init(&s->query, 64);
	s->searched = xstrdup("");
	period_now(ui, s->period, sizeof(s->period));
	boards_init(ui, s);
	return 0;
}

static void
billing_leave(struct ui *ui)
{
	struct billing *s = st(ui);

	if (s == NULL)
		return;
	lineedit_free(&s->query);
	free(s->searched);
	boards_free(s);
	free(s);
	ui->state = NULL;
}

/* The account panel: the search box, or the account and the chosen
 * notice's lines (or receipt's allocations) below. */
static void
draw_account(struct ui *ui, struct billing *s, int y)
{
	const struct acct_row *r;
	char buf[512], b1[32], b2[32], b3[32];
	const char *p, *nl;
	size_t first, count;
	int x, col, i, w = COLS - 1, h = list_height(s);

	if (s->finding) {
		x = 1 + draw_text(stdscr, y, 1, _("Find:"), 12, false);
		x += draw_text(stdscr, y, x, " ", 1, false);
		attron(A_UNDERLINE);
		col = lineedit_view(&s->query, w - x, &first, &count);
		move(y, x);
		addnwstr(s->query.buf + first, (int)count);
		for (int c = lineedit_width(&s->query, first, first + count);
		    c < w - x; c++)
			addch(' ');
		attroff(A_UNDERLINE);
		board_draw(ui, &s->hits, y + 1, h, true);
		if (s->hits.lv.nrows == 0) {
			attron(theme(C_DIM));
			draw_wrapped(stdscr, y + 2, 1, kf_blank(s->searched) ?
			    _("Type a name, phone number, account number or "
			    "address; Enter shows the account.") :
			    _("No customer found."), w - 1, 3);
			attroff(theme(C_DIM));
		}
		if (ui->form == NULL && ui->dialog == NULL && !ui->menu &&
		    !ui->help) {
			move(y, x + col);
			curs_set(1);
		}
		return;
	}
	kf_money_format(s->balance, b1, sizeof(b1));
	kf_money_format(s->owed, b2, sizeof(b2));
	kf_money_format(s->credit, b3, sizeof(b3));
	snprintf(buf, sizeof(buf), _("%s   balance %s  owed %s  credit %s"),
	    s->cust, b1, b2, b3);
	draw_text_cut(stdscr, y, 1, buf, w - 1, true);
	board_draw(ui, &s->acct, y + 1, h, true);
	y += 1 + h;
	attron(theme(C_DIM));
	mvhline(y, 0, ACS_HLINE, COLS);
	attroff(theme(C_DIM));
	if ((r = board_row(&s->acct)) == NULL || r->detail == NULL)
		return;
	for (p = r->detail, i = 0; *p != '\0' && i < DETAIL_H; i++) {
		nl = strchr(p, '\n');
		snprintf(buf, sizeof(buf), "%.*s", nl != NULL ? (int)(nl - p) :
		    (int)strlen(p), p);
		draw_text_cut(stdscr, y + 1 + i, 1, buf, w - 1, true);
		p = nl != NULL ? nl + 1 : p + strlen(p);
	}
}

static void
billing_draw(struct ui *ui)
{
	struct billing *s = st(ui);
	int y = ui_body_top(), x, i;
	char buf[512], filt[160], sum[4][32], tot[32];

	attron(theme(C_TITLE));
	x = 1 + draw_text(stdscr, y, 1, _("Billing"), 20, false);
	attroff(theme(C_TITLE));
	for (i = 0; i < P_COUNT; i++) {
		x += draw_text(stdscr, y, x, " ", 1, false);
		if ((int)s->panel == i)
			attron(theme(C_TAB));
		snprintf(buf, sizeof(buf), " %s ", _(panel_names[i]));
		x += draw_text(stdscr, y, x, buf, COLS - 1 - x, false);
		if ((int)s->panel == i)
			attroff(theme(C_TAB));
	}
	y++;
	switch (s->panel) {
	case P_ACCOUNT:
		draw_account(ui, s, y);
		return;
	case P_READINGS:
		snprintf(buf, sizeof(buf), _("%s  building %s  month %s  "
		    "(* shared meter)"), s->community[0] != '\0' ?
		    s->community : _("(no community: b)"), s->building[0] !=
		    '\0' ? s->building : _("all"), s->period);
		break;
	case P_NOTICES:
		snprintf(buf, sizeof(buf), _("%s  month %s  %zu notices"),
		    s->community[0] != '\0' ? s->community :
		    _("(no community: b)"), s->period, s->notices.lv.nrows);
		break;
	default:
		for (i = 0; i < 4; i++)
			kf_money_format(s->age_sum[i], sum[i], sizeof(sum[i]));
		kf_money_format(s->age_sum[0] + s->age_sum[1] + s->age_sum[2] +
		    s->age_sum[3], tot, sizeof(tot));
		board_filter_line(&s->arrears, filt, sizeof(filt));
		snprintf(buf, sizeof(buf), _("%s  overdue %s: 0-30 %s, 31-60 "
		    "%s, 61-90 %s, >90 %s"), filt, tot, sum[0], sum[1], sum[2],
		    sum[3]);
		break;
	}
	attron(theme(C_DIM));
	draw_text_cut(stdscr, y, 1, buf, COLS - 2, true);
	attroff(theme(C_DIM));
	board_draw(ui, cur_board(s), list_top(), list_height(s), true);
}

static unsigned
billing_act(struct ui *ui, enum command act, int arg)
{
	struct billing *s = st(ui);

	if (s->panel == P_ACCOUNT && s->finding)
		search(ui);		/* typed ahead of this key */
	if (act == CMD_TAB) {
		s->panel = (s->panel + 1) % P_COUNT;
		if (s->panel == P_ACCOUNT)
			s->finding = s->cust_id <= 0;
		return DIRTY_ALL;
	}
	return board_act(ui, cur_board(s), act, arg);
}

/* While finding, typing goes into the search box. */
static unsigned
billing_key(struct ui *ui, struct key k)
{
	struct billing *s = st(ui);

	if (s->panel != P_ACCOUNT || !s->finding)
		return 0;
	if (!k.fn && !k.alt && k.ch == 27) {
		if (s->query.len == 0) {
			if (s->cust_id > 0) {	/* back to the account */
				s->finding = false;
				return DIRTY_ALL;
			}
			return 0;	/* Esc on an empty box: the menu */
		}
		lineedit_set(&s->query, "");
		search(ui);
		return DIRTY_ALL;
	}
	if (!k.fn && (k.ch == '\t' || k.ch == '\r' || k.ch == '\n'))
		return 0;
	if (k.fn && (k.ch == KEY_UP || k.ch == KEY_DOWN ||
	    k.ch == KEY_PPAGE || k.ch == KEY_NPAGE))
		return 0;
	if (!edit_key(&s->query, k))
		return 0;
	if (!key_waiting())
		search(ui);
	return DIRTY_BODY;
}

/* Another session's change, a move made here, a resize; the role may
 * have changed (the view follows it). */
static void
billing_changed(struct ui *ui)
{
	struct billing *s = st(ui);

	if (view_of(ui) != s->view) {
		boards_free(s);
		boards_init(ui, s);
		return;
	}
	reload_all(ui, true);
}

static unsigned
billing_tick(struct ui *ui)
{
	struct billing *s = st(ui);

	if (s->panel == P_ACCOUNT && s->finding && !ui->pasting && search(ui))
		return DIRTY_ALL;
	return 0;
}

static const struct binding *
billing_keys_now(const struct ui *ui)
{
	struct billing *s = ui->state;

	return s != NULL ? board_keys(cur_board(s)) : NULL;
}

/* The top bar's badge: customers with money overdue (billing's work). */
static int64_t
billing_badge(struct ui *ui)
{
	return kf_arrears_count(ui->k, kf_core_now(ui->k));
}

/* ---- drafts brought back (after a crash, a dropped link, "later") ---- */

/* The board row of id in b's loaded rows (its cursor put there), or NULL. */
static const void *
find_row(struct board *b, int64_t id)
{
	const char *v = b->lv.rows;
	size_t i;

	for (i = 0; i < b->lv.nrows; i++)
		if (b->cls->id(v + i * b->cls->row_size) == id) {
			b->lv.sel = i;
			return v + i * b->cls->row_size;
		}
	return NULL;
}

/* The reading form of the draft's meter, in the round of its building
 * and the draft's month (the panel shows that round). */
static struct form *
restore_reading(struct ui *ui, struct billing *s, const struct kf_draft *d,
    struct kf_err *err)
{
	const char *period = kf_draft_get(d, "period");
	const struct kf_round_row *r;
	struct kf_meter m;

	if (kf_meter_get(ui->k, d->record_id, &m, err) != KF_OK)
		return NULL;
	snprintf(s->community, sizeof(s->community), "%s", m.community);
	snprintf(s->building, sizeof(s->building), "%s", m.building);
	if (period != NULL && kf_bill_period_check(period, NULL) == KF_OK)
		snprintf(s->period, sizeof(s->period), "%s", period);
	s->panel = P_READINGS;
	reload_all(ui, false);
	if ((r = find_row(&s->round, m.id)) == NULL) {
		kf_err_set(err, KF_NOTFOUND, "meter %s is not in the round of "
		    "%s", m.code, s->period);
		return NULL;
	}
	if (r->moved_out) {
		kf_err_set(err, KF_REFUSED, "meter %s: its customer moved out, "
		    "the meter is not read (R13)", m.code);
		return NULL;
	}
	return reading_form(ui, s, r);
}

/* The chase form of the draft's customer, the arrears panel shown. */
static struct form *
restore_chase(struct ui *ui, struct billing *s, int64_t id,
    struct kf_err *err)
{
	const struct kf_arrears *r;
	struct kf_account a;
	struct form *f;

	s->panel = P_ARREARS;
	if ((r = find_row(&s->arrears, id)) != NULL)
		return chase_form_of(id, r->account, r->name, r->total);
	/* No longer overdue: the form still comes back, with what he owes
	 * now (the core says whether a chase is still to be recorded). */
	memset(&a, 0, sizeof(a));
	if (kf_account_get(ui->k, id, 1, &a, err) != KF_OK)
		return NULL;
	f = chase_form_of(id, a.account, a.name, a.owed);
	kf_account_clear(&a);
	return f;
}

/* The payment form of the draft's customer, his account shown. */
static struct form *
restore_pay(struct ui *ui, int64_t id, struct kf_err *err)
{
	struct kf_account a;
	enum kf_rc rc;

	memset(&a, 0, sizeof(a));
	rc = kf_account_get(ui->k, id, 1, &a, err);
	kf_account_clear(&a);
	if (rc != KF_OK)
		return NULL;
	show_account(ui, id);
	return pay_form(ui, id);
}

/* The void form of the draft's receipt, its customer's account shown. */
static struct form *
restore_void(struct ui *ui, int64_t no, struct kf_err *err)
{
	struct kf_receipt r;
	struct form *f;

	memset(&r, 0, sizeof(r));
	if (kf_receipt_get(ui->k, no, &r, err) != KF_OK)
		return NULL;
	show_account(ui, r.customer_id);
	f = void_form_of(r.no, r.version, r.amount);
	kf_receipt_clear(&r);
	return f;
}

/*
 * Reopens the form whose draft d is, on the record it was typed against;
 * ui_open_form puts the draft's values back in (form.c take_draft). A
 * record gone or no longer to be had is said, and its draft dropped so
 * it is not offered at every login.
 */
static void
billing_restore(struct ui *ui, const struct kf_draft *d)
{
	struct billing *s = st(ui);
	struct form *f = NULL;
	struct kf_err err;

	if (s == NULL)
		return;
	kf_err_clear(&err);
	if (strcmp(d->form, DRAFT_PAY) == 0)
		f = restore_pay(ui, d->record_id, &err);
	else if (strcmp(d->form, DRAFT_READING) == 0)
		f = restore_reading(ui, s, d, &err);
	else if (strcmp(d->form, DRAFT_CHASE) == 0)
		f = restore_chase(ui, s, d->record_id, &err);
	else if (strcmp(d->form, DRAFT_VOID) == 0)
		f = restore_void(ui, d->record_id, &err);
	else if (strcmp(d->form, DRAFT_WHERE) == 0)
		f = where_form(ui, &s->round, NULL, NULL);
	else
		return;
	if (f == NULL) {
		if (err.rc != KF_OK)	/* else said where it failed */
			ui_err(ui, &err);
		/* Busy is a moment's: the draft waits for the next login. */
		if (err.rc != KF_BUSY)
			kf_draft_drop(ui->k, d->form, d->record_id, NULL);
		return;
	}
	ui_open_form(ui, f);
}

static bool
billing_owns_draft(const char *key, const char **title)
{
	return board_owns_draft(&acct_class, key, title) ||
	    board_owns_draft(&round_class, key, title) ||
	    board_owns_draft(&arrears_class, key, title);
}

const struct screen screen_billing = {
	.title = N_("Billing"),
	.help = N_("Billing: accounts, meter readings, notices, payments, "
	    "arrears"),
	.fkey = 5,
	.action = KF_ACT_NOTICE_VIEW,
	.start = 1,
	.start_roles = KF_ROLE_BILLING,
	.keys_now = billing_keys_now,
	.enter = billing_enter,
	.leave = billing_leave,
	.draw = billing_draw,
	.act = billing_act,
	.key = billing_key,
	.changed = billing_changed,
	.tick = billing_tick,
	.badge = billing_badge,
	.restore = billing_restore,
	.owns_draft = billing_owns_draft,
};
