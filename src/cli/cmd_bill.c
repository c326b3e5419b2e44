/*
 * cmd_bill.c — the billing desk from the command line (include/kefu/bill.h,
 * R15–R19): kefu notice run|list|show|print|export|adjust|account|company,
 * kefu payment take, kefu receipt show|print|void, kefu arrears list|chase|
 * history.
 *
 * Amounts are typed and shown in yuan ("12.50"); --json gives fen, as
 * stored. Arguments are read by hand, not by getopt, so an amount like
 * "-5" (an adjustment) is a value and "-1" a refused amount, never an
 * unknown option.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kefu/bill.h"
#include "kefu/clock.h"
#include "kefu/customer.h"
#include "kefu/fee.h"
#include "kefu/perm.h"

/* An option: its name ("--period") and whether it takes a value. */
struct opt {
	const char	*name;
	bool		 value;
};

/*
 * Splits argv (argv[0] the verb) into the options of opts (vals[i]: the
 * value, or "" for a flag, NULL when absent) and at most maxpos
 * positional arguments, through the shared cli_split (args.c). 0, or the
 * usage exit code after a message.
 */
#define MAX_OPTS	8
static int
scan(const char *cmd, int argc, char **argv, const struct opt *opts,
    int nopts, const char **vals, const char **pos, int maxpos, int *npos)
{
	struct cli_opt o[MAX_OPTS + 1];
	int j, code;

	memset(o, 0, sizeof(o));
	for (j = 0; j < nopts && j < MAX_OPTS; j++) {
		o[j].name = opts[j].name + 2;		/* without "--" */
		o[j].has_value = opts[j].value;
	}
	if ((code = cli_split(cmd, argc, argv, o, pos, maxpos, npos)) != -1)
		return code;
	for (j = 0; j < nopts; j++)
		vals[j] = j < MAX_OPTS && o[j].seen ? (o[j].value != NULL ?
		    o[j].value : "") : NULL;
	return 0;
}

static const char *
yuan(int64_t fen, char *buf, size_t n)
{
	kf_money_format(fen, buf, n);
	return buf;
}

static const char *
day(int64_t t, char *buf, size_t n)
{
	char full[32];

	if (t == 0)
		return "-";
	kf_time_local(t, full, sizeof(full));
	snprintf(buf, n, "%.10s", full);
	return buf;
}

/* The customer whose account number is s: its id, or 0 after a message. */
static int
customer_of(struct cli *c, const char *s, int64_t *id)
{
	struct kf_customer cu;
	struct kf_err err;

	kf_err_clear(&err);
	if (kf_customer_get_account(c->k, s, &cu, &err) != KF_OK)
		return cli_fail(&err);
	*id = cu.id;
	kf_customer_clear(&cu);
	return 0;
}

/* Writes text to path (the person's own file) or standard output. */
static int
emit(struct cli *c, const char *cmd, const char *path, const char *text)
{
	FILE *f = stdout;

	if (path != NULL && (f = open_as_person(c, path, "w")) == NULL) {
		fprintf(stderr, "kefu %s: cannot write ", cmd);
		cli_text(stderr, path);
		fprintf(stderr, "\n");
		return 6;
	}
	/* The caller counts a receipt printed only once this succeeded
	 * (R19: a failed write does not use up the original). */
	if (fputs(text, f) == EOF || fflush(f) != 0 || ferror(f)) {
		if (f != stdout)
			fclose(f);
		fprintf(stderr, "kefu %s: cannot write ", cmd);
		cli_text(stderr, path != NULL ? path : "standard output");
		fprintf(stderr, "\n");
		return 6;
	}
	if (f != stdout && fclose(f) != 0) {
		fprintf(stderr, "kefu %s: cannot write ", cmd);
		cli_text(stderr, path);
		fprintf(stderr, "\n");
		return 6;
	}
	return 0;
}

/* ---- kefu notice ---- */

static int
notice_run(struct cli *c, int argc, char **argv)
{
	static const struct opt opts[] = { { "--period", true },
	    { "--community", true }, { "--allow-missing-readings", false } };
	const char *v[3], *pos[1];
	struct kf_notice_run r;
	struct kf_err err;
	char money[32], when[32];
	int code, npos, i;

	if ((code = scan("notice run", argc, argv, opts, 3, v, pos, 0,
	    &npos)) != 0)
		return code;
	if (v[0] == NULL || v[1] == NULL)
		return cli_usage("notice run", "needs --period YYYY-MM and "
		    "--community NAME");
	kf_err_clear(&err);
	if (kf_notice_run_flags(c->k, v[0], v[1], v[2] != NULL ?
	    KF_RUN_WITHOUT_READINGS : 0, &r, &err) != KF_OK)
		return cli_fail(&err);
	if (c->json) {
		printf("{\"run_id\":%lld", (long long)r.run_id);
		cli_json_key_str("period", v[0]);
		cli_json_key_str("community", v[1]);
		printf(",\"already\":%s", r.already ? "true" : "false");
		cli_json_key_int("notices", r.notices);
		cli_json_key_int("first_seq", r.first_seq);
		cli_json_key_int("last_seq", r.last_seq);
		cli_json_key_int("total", r.total);
		cli_json_key_int("issued_at", r.issued_at);
		cli_json_key_str("by", r.by);
		cli_json_key_int("skipped", r.skipped);
		printf(",\"skipped_ids\":[");
		for (i = 0; i < r.skipped_listed; i++)
			printf("%s%lld", i ? "," : "",
			    (long long)r.skipped_ids[i]);
		printf("]}\n");
		return 0;
	}
	kf_time_local(r.issued_at, when, sizeof(when));
	if (r.already) {
		printf("already issued: %s ", v[0]);
		cli_text(stdout, v[1]);
		printf(" by %s at %s, %lld notice%s, %s; nothing done\n", r.by,
		    when, (long long)r.notices, r.notices == 1 ? "" : "s",
		    yuan(r.total, money, sizeof(money)));
		return 0;
	}
	printf("issued %lld notice%s for %s ", (long long)r.notices,
	    r.notices == 1 ? "" : "s", v[0]);
	cli_text(stdout, v[1]);
	if (r.notices > 0)
		printf(": %s-%06lld to %s-%06lld", v[0], (long long)r.first_seq,
		    v[0], (long long)r.last_seq);
	printf(", total %s\n", yuan(r.total, money, sizeof(money)));
	if (r.skipped > 0) {
		/* R15: billed for the period already, in another community. */
		printf("left out %lld customer%s billed for %s already (moved "
		    "community):", (long long)r.skipped, r.skipped == 1 ? "" :
		    "s", v[0]);
		for (i = 0; i < r.skipped_listed; i++)
			printf(" %lld", (long long)r.skipped_ids[i]);
		printf("%s\n", r.skipped > r.skipped_listed ? " ..." : "");
	}
	return 0;
}

static void
notice_json(const struct kf_notice *n, bool lines)
{
	size_t i;

	printf("{\"id\":%lld", (long long)n->id);
	cli_json_key_str("no", n->no);
	cli_json_key_str("period", n->period);
	cli_json_key_int("customer_id", n->customer_id);
	cli_json_key_str("account", n->account);
	cli_json_key_str("name", n->name);
	cli_json_key_str("address", n->address);
	cli_json_key_int("issued_at", n->issued_at);
	cli_json_key_int("due_at", n->due_at);
	cli_json_key_int("prev_balance", n->prev_balance);
	cli_json_key_int("amount", n->amount);
	cli_json_key_int("total_due", n->total_due);
	cli_json_key_int("paid", n->paid);
	cli_json_key_int("version", n->version);
	if (lines) {
		printf(",\"lines\":[");
		for (i = 0; i < n->nlines; i++) {
			printf("%s{\"kind\":", i ? "," : "");
			cli_json_str(stdout, kf_line_kind_name(n->lines[i].kind));
			cli_json_key_int("amount", n->lines[i].amount);
			cli_json_key_str("source", n->lines[i].source);
			cli_json_key_int("ref_id", n->lines[i].ref_id);
			printf("}");
		}
		printf("]");
	}
	printf("}");
}

static int
notice_list(struct cli *c, int argc, char **argv)
{
	static const struct opt opts[] = { { "--period", true },
	    { "--community", true }, { "--customer", true },
	    { "--unpaid", false }, { "--limit", true } };
	const char *v[5], *pos[1];
	struct kf_notice_filter f = { 0 };
	struct kf_notice *list;
	struct kf_err err;
	long long limit = 100;
	char a[32], b[32], d[16];
	size_t n, i;
	int code, npos;

	if ((code = scan("notice list", argc, argv, opts, 5, v, pos, 0,
	    &npos)) != 0)
		return code;
	f.period = v[0];
	f.community = v[1];
	if (v[2] != NULL && (code = customer_of(c, v[2], &f.customer_id)) != 0)
		return code;
	f.unpaid_only = v[3] != NULL;
	if (v[4] != NULL && (!cli_int("notice list", "--limit", v[4], &limit) ||
	    limit < 1 || limit > 1000))
		return cli_usage("notice list", "--limit must be 1 to 1000");
	kf_err_clear(&err);
	if (kf_notice_list(c->k, &f, KF_PAGE_FIRST, NULL, (int)limit, &list,
	    &n, &err) != KF_OK)
		return cli_fail(&err);
	if (c->json)
		printf("[");
	else if (n > 0)
		printf("%-15s %-10s %-12s %12s %12s %-10s\n", "NOTICE", "ACCOUNT",
		    "NAME", "TOTAL DUE", "PAID", "DUE");
	for (i = 0; i < n; i++) {
		if (c->json) {
			printf("%s", i ? "," : "");
			notice_json(&list[i], false);
			continue;
		}
		printf("%-15s ", list[i].no);
		cli_pad(stdout, list[i].account, 10);
		putchar(' ');
		cli_pad(stdout, list[i].name, 12);
		printf(" %12s %12s %s\n", yuan(list[i].total_due, a, sizeof(a)),
		    yuan(list[i].paid, b, sizeof(b)), day(list[i].due_at, d,
		    sizeof(d)));
	}
	if (c->json)
		printf("]\n");
	kf_notice_list_free(list, n);
	return 0;
}

static int
notice_show(struct cli *c, int argc, char **argv)
{
	struct kf_notice n;
	struct kf_err err;
	char a[32], d[16];
	size_t i;

	if (argc != 2)
		return cli_usage("notice show", "needs a notice number "
		    "(2026-11-000123)");
	kf_err_clear(&err);
	if (kf_notice_get(c->k, argv[1], &n, &err) != KF_OK)
		return cli_fail(&err);
	if (c->json) {
		notice_json(&n, true);
		printf("\n");
		kf_notice_clear(&n);
		return 0;
	}
	printf("notice:       %s (period %s)\ncustomer:     ", n.no, n.period);
	cli_text(stdout, n.account);
	putchar(' ');
	cli_text(stdout, n.name);
	printf("\naddress:      ");
	cli_text(stdout, n.address);
	printf("\nissued:       %s\ndue:          %s\nlines:\n",
	    day(n.issued_at, d, sizeof(d)), day(n.due_at, a, sizeof(a)));
	for (i = 0; i < n.nlines; i++) {
		printf("  %-12s %12s  ", kf_line_kind_name(n.lines[i].kind),
		    yuan(n.lines[i].amount, a, sizeof(a)));
		cli_text(stdout, n.lines[i].source);
		putchar('\n');
	}
	printf("amount:       %s\n", yuan(n.amount, a, sizeof(a)));
	printf("previous:     %s\n", yuan(n.prev_balance, a, sizeof(a)));
	printf("total due:    %s\n", yuan(n.total_due, a, sizeof(a)));
	printf("paid:         %s\n", yuan(n.paid, a, sizeof(a)));
	kf_notice_clear(&n);
	return 0;
}

static int
notice_print(struct cli *c, int argc, char **argv)
{
	static const struct opt opts[] = { { "--out", true } };
	const char *v[1], *pos[1];
	struct kf_buf b = { 0 };
	struct kf_err err;
	int code, npos;

	if ((code = scan("notice print", argc, argv, opts, 1, v, pos, 1,
	    &npos)) != 0)
		return code;
	if (npos != 1)
		return cli_usage("notice print", "needs a notice number");
	kf_err_clear(&err);
	if (kf_notice_print(c->k, pos[0], &b, &err) != KF_OK) {
		kf_buf_free(&b);
		return cli_fail(&err);
	}
	code = emit(c, "notice print", v[0], kf_buf_str(&b));
	kf_buf_free(&b);
	return code;
}

static int
notice_export(struct cli *c, int argc, char **argv)
{
	static const struct opt opts[] = { { "--period", true },
	    { "--community", true }, { "--out", true } };
	const char *v[3], *pos[1];
	struct kf_err err;
	size_t rows;
	FILE *f = stdout;
	int code, npos;

	if ((code = scan("notice export", argc, argv, opts, 3, v, pos, 0,
	    &npos)) != 0)
		return code;
	if (v[0] == NULL)
		return cli_usage("notice export", "needs --period YYYY-MM");
	if (v[2] != NULL && (f = open_as_person(c, v[2], "w")) == NULL) {
		fprintf(stderr, "kefu notice export: cannot write ");
		cli_text(stderr, v[2]);
		fprintf(stderr, "\n");
		return 6;
	}
	kf_err_clear(&err);
	if (kf_notice_export(c->k, v[0], v[1], f, &rows, &err) != KF_OK) {
		if (f != stdout)
			fclose(f);
		return cli_fail(&err);
	}
	if (f != stdout) {
		if (fclose(f) != 0)
			return 6;
		if (c->json)
			printf("{\"rows\":%zu}\n", rows);
		else
			printf("exported %zu lines\n", rows);
	}
	return 0;
}

static int
notice_adjust(struct cli *c, int argc, char **argv)
{
	static const struct opt opts[] = { { "--reason", true } };
	const char *v[1], *pos[2];
	struct kf_err err;
	int64_t cid = 0, fen, id = 0;
	char money[32];
	int code, npos;

	if ((code = scan("notice adjust", argc, argv, opts, 1, v, pos, 2,
	    &npos)) != 0)
		return code;
	if (npos != 2)
		return cli_usage("notice adjust", "needs ACCOUNT AMOUNT "
		    "--reason TEXT");
	kf_err_clear(&err);
	if (kf_bill_amount_parse(pos[1], "amount", true, &fen, &err) != KF_OK)
		return cli_fail(&err);
	if ((code = customer_of(c, pos[0], &cid)) != 0)
		return code;
	if (kf_adjust_add(c->k, cid, fen, v[0], &id, &err) != KF_OK)
		return cli_fail(&err);
	if (c->json)
		printf("{\"id\":%lld,\"amount\":%lld}\n", (long long)id,
		    (long long)fen);
	else
		printf("adjustment %lld: %s on the next notice\n", (long long)id,
		    yuan(fen, money, sizeof(money)));
	return 0;
}

static int
notice_account(struct cli *c, int argc, char **argv)
{
	struct kf_account a;
	struct kf_err err;
	char m1[32], m2[32], d[16];
	int64_t cid = 0;
	size_t i;
	int code;

	if (argc != 2)
		return cli_usage("notice account", "needs ACCOUNT");
	if ((code = customer_of(c, argv[1], &cid)) != 0)
		return code;
	kf_err_clear(&err);
	if (kf_account_get(c->k, cid, 24, &a, &err) != KF_OK)
		return cli_fail(&err);
	if (c->json) {
		printf("{\"customer_id\":%lld", (long long)cid);
		cli_json_key_str("account", a.account);
		cli_json_key_str("name", a.name);
		cli_json_key_int("balance", a.balance);
		cli_json_key_int("owed", a.owed);
		cli_json_key_int("credit", a.credit);
		printf(",\"notices\":[");
		for (i = 0; i < a.nnotices; i++) {
			printf("%s", i ? "," : "");
			notice_json(&a.notices[i], false);
		}
		printf("],\"receipts\":[");
		for (i = 0; i < a.nreceipts; i++)
			printf("%s{\"no\":%lld,\"amount\":%lld,\"void\":%s}",
			    i ? "," : "", (long long)a.receipts[i].no,
			    (long long)a.receipts[i].amount,
			    a.receipts[i].voided_at ? "true" : "false");
		printf("]}\n");
		kf_account_clear(&a);
		return 0;
	}
	cli_text(stdout, a.account);
	putchar(' ');
	cli_text(stdout, a.name);
	printf("\nbalance: %s (owed %s", yuan(a.balance, m1, sizeof(m1)),
	    yuan(a.owed, m2, sizeof(m2)));
	printf(", credit %s)\n", yuan(a.credit, m1, sizeof(m1)));
	for (i = 0; i < a.nnotices; i++)
		printf("  notice  %s  due %s  %12s  paid %s\n", a.notices[i].no,
		    day(a.notices[i].due_at, d, sizeof(d)),
		    yuan(a.notices[i].amount, m1, sizeof(m1)),
		    yuan(a.notices[i].paid, m2, sizeof(m2)));
	for (i = 0; i < a.nreceipts; i++)
		printf("  receipt %06lld  %s  %12s%s\n",
		    (long long)a.receipts[i].no, day(a.receipts[i].taken_at, d,
		    sizeof(d)), yuan(a.receipts[i].amount, m1, sizeof(m1)),
		    a.receipts[i].voided_at ? "  (void)" : "");
	kf_account_clear(&a);
	return 0;
}

static int
notice_company(struct cli *c, int argc, char **argv)
{
	struct kf_err err;
	char name[128];

	if (argc > 2)
		return cli_usage("notice company", "takes at most a NAME");
	kf_err_clear(&err);
	if (argc == 2 && kf_bill_company_set(c->k, argv[1], &err) != KF_OK)
		return cli_fail(&err);
	kf_bill_company(c->k, name, sizeof(name));
	if (c->json) {
		printf("{\"company\":");
		cli_json_str(stdout, name);
		printf("}\n");
	} else {
		cli_text(stdout, name);
		putchar('\n');
	}
	return 0;
}

static int
run_notice(struct cli *c, int argc, char **argv)
{
	const char *verb = argc > 1 ? argv[1] : "";

	argc--;
	argv++;
	if (strcmp(verb, "run") == 0)
		return notice_run(c, argc, argv);
	if (strcmp(verb, "list") == 0)
		return notice_list(c, argc, argv);
	if (strcmp(verb, "show") == 0)
		return notice_show(c, argc, argv);
	if (strcmp(verb, "print") == 0)
		return notice_print(c, argc, argv);
	if (strcmp(verb, "export") == 0)
		return notice_export(c, argc, argv);
	if (strcmp(verb, "adjust") == 0)
		return notice_adjust(c, argc, argv);
	if (strcmp(verb, "account") == 0)
		return notice_account(c, argc, argv);
	if (strcmp(verb, "company") == 0)
		return notice_company(c, argc, argv);
	if (*verb == '\0')
		return cli_usage("notice", "needs a verb: run, list, show, "
		    "print, export, adjust, account or company");
	return cli_usage("notice", "unknown verb '%.20s'", verb);
}

const struct cli_cmd cmd_notice = {
	.name = "notice",
	.summary = "fee notices (收费通知单): runs, print, CSV (R15, R18)",
	.help =
	    "usage: kefu notice run --period YYYY-MM --community NAME\n"
	    "           [--allow-missing-readings]\n"
	    "       kefu notice list [--period P] [--community C] "
	    "[--customer ACCOUNT]\n"
	    "           [--unpaid] [--limit N]\n"
	    "       kefu notice show NOTICE\n"
	    "       kefu notice print NOTICE [--out FILE]\n"
	    "       kefu notice export --period P [--community C] [--out FILE]\n"
	    "       kefu notice adjust ACCOUNT AMOUNT --reason TEXT\n"
	    "       kefu notice account ACCOUNT\n"
	    "       kefu notice company [NAME]\n"
	    "\n"
	    "run issues the period's notices for every customer of a community\n"
	    "in one go (billing): the period's charges, the paid repairs signed\n"
	    "off and passed by the charge audit (R18, each order once), pending\n"
	    "adjustments, late fees by policy; the previous balance, the total\n"
	    "due and the due day (bill.due_days after issue). All or nothing: a\n"
	    "run interrupted leaves no notice and runs again whole; a run made\n"
	    "already says so and does nothing. Numbers (2026-11-000123) follow\n"
	    "each other without gaps within a period. print writes the notice\n"
	    "as 80-column text for a printer; export writes CSV for finance.\n"
	    "adjust puts an AMOUNT in yuan (negative: a credit) with a reason on\n"
	    "the customer's next notice. account shows his balance, notices and\n"
	    "receipts. company shows or (admin) sets the name printed on top.\n"
	    "With --json money is in fen.\n",
	.run = run_notice,
	.needs_actor = true,
};

/* ---- kefu payment ---- */

static void
receipt_json(const struct kf_receipt *r)
{
	size_t i;

	printf("{\"no\":%lld", (long long)r->no);
	cli_json_key_int("customer_id", r->customer_id);
	cli_json_key_str("account", r->account);
	cli_json_key_str("name", r->name);
	cli_json_key_int("amount", r->amount);
	cli_json_key_str("method", kf_pay_method_name(r->method));
	cli_json_key_str("note", r->note);
	cli_json_key_int("taken_at", r->taken_at);
	cli_json_key_str("taken_by", r->taken_by);
	cli_json_key_int("prints", r->prints);
	cli_json_key_int("voided_at", r->voided_at);
	cli_json_key_str("voided_by", r->voided_by);
	cli_json_key_str("void_reason", r->void_reason);
	cli_json_key_int("version", r->version);
	printf(",\"allocations\":[");
	for (i = 0; i < r->nallocs; i++) {
		printf("%s{\"notice\":", i ? "," : "");
		cli_json_str(stdout, r->allocs[i].notice_no);
		cli_json_key_int("amount", r->allocs[i].amount);
		printf("}");
	}
	printf("]}");
}

static void
receipt_text(const struct kf_receipt *r)
{
	char m[32], when[32];
	int64_t applied = 0;
	size_t i;

	kf_time_local(r->taken_at, when, sizeof(when));
	printf("receipt %06lld: %s %s from ", (long long)r->no,
	    yuan(r->amount, m, sizeof(m)), kf_pay_method_name(r->method));
	cli_text(stdout, r->account);
	putchar(' ');
	cli_text(stdout, r->name);
	printf(" at %s by %s\n", when, r->taken_by);
	for (i = 0; i < r->nallocs; i++) {
		printf("  %s %s %s\n", r->allocs[i].amount < 0 ? "reversed" :
		    "paid", r->allocs[i].notice_no, yuan(r->allocs[i].amount, m,
		    sizeof(m)));
		applied += r->allocs[i].amount;
	}
	if (r->voided_at == 0 && applied < r->amount)
		printf("  credit %s\n", yuan(r->amount - applied, m, sizeof(m)));
	if (r->voided_at != 0) {
		kf_time_local(r->voided_at, when, sizeof(when));
		printf("  VOID at %s by %s: ", when, r->voided_by);
		cli_text(stdout, r->void_reason);
		putchar('\n');
	}
}

static int
payment_take(struct cli *c, int argc, char **argv)
{
	static const struct opt opts[] = { { "--method", true },
	    { "--note", true }, { "--expect", true } };
	const char *v[3], *pos[2];
	enum kf_pay_method m = KF_PAY_CASH;
	struct kf_receipt r;
	struct kf_err err;
	int64_t cid = 0, fen, seen = KF_BALANCE_ANY;
	int code, npos;

	if ((code = scan("payment take", argc, argv, opts, 3, v, pos, 2,
	    &npos)) != 0)
		return code;
	if (npos != 2)
		return cli_usage("payment take", "needs ACCOUNT AMOUNT");
	kf_err_clear(&err);
	/* R19: said before anything else is looked up. */
	if (kf_may(c->k, KF_ACT_PAYMENT, 0, &err) != KF_OK)
		return cli_fail(&err);
	if (kf_bill_amount_parse(pos[1], "amount", false, &fen, &err) != KF_OK ||
	    (v[0] != NULL && kf_pay_method_parse(v[0], &m, &err) != KF_OK) ||
	    (v[2] != NULL && kf_bill_amount_parse(v[2], "expect", true, &seen,
	    &err) != KF_OK))
		return cli_fail(&err);
	if ((code = customer_of(c, pos[0], &cid)) != 0)
		return code;
	if (kf_payment_take(c->k, cid, fen, m, v[1], seen, &r, &err) != KF_OK)
		return cli_fail(&err);
	if (c->json) {
		receipt_json(&r);
		printf("\n");
	} else
		receipt_text(&r);
	kf_receipt_clear(&r);
	return 0;
}

static int
run_payment(struct cli *c, int argc, char **argv)
{
	const char *verb = argc > 1 ? argv[1] : "";

	argc--;
	argv++;
	if (strcmp(verb, "take") == 0)
		return payment_take(c, argc, argv);
	if (*verb == '\0')
		return cli_usage("payment", "needs a verb: take");
	return cli_usage("payment", "unknown verb '%.20s'", verb);
}

const struct cli_cmd cmd_payment = {
	.name = "payment",
	.summary = "take a payment at the billing desk (R19)",
	.help =
	    "usage: kefu payment take ACCOUNT AMOUNT [--method cash|card|"
	    "transfer|mobile]\n"
	    "           [--note TEXT] [--expect BALANCE]\n"
	    "\n"
	    "Takes AMOUNT yuan (12.5 is 12.50; more than two decimals, a negative\n"
	    "or a non-number is refused naming the field) from the customer at\n"
	    "the billing desk: only the billing role (R19: technicians collect no\n"
	    "cash; anyone else is refused, exit 4). The receipt gets the next\n"
	    "number, without gaps whatever crashes or other desks do. The money\n"
	    "pays the oldest unpaid notices first; what is left is credit for\n"
	    "the next notice. --expect BALANCE: the balance you told the\n"
	    "customer (notice account); when another desk changed it meanwhile\n"
	    "nothing is taken (exit 3).\n",
	.run = run_payment,
	.needs_actor = true,
};

/* ---- kefu receipt ---- */

static bool
receipt_no(const char *cmd, const char *s, int64_t *no)
{
	long long v;

	if (!cli_int(cmd, "NUMBER", s, &v))
		return false;
	if (v < 1) {
		cli_usage(cmd, "NUMBER must be 1 or more");
		return false;
	}
	*no = v;
	return true;
}

static int
receipt_show(struct cli *c, int argc, char **argv)
{
	struct kf_receipt r;
	struct kf_err err;
	int64_t no;

	if (argc != 2)
		return cli_usage("receipt show", "needs a receipt NUMBER");
	if (!receipt_no("receipt show", argv[1], &no))
		return EXIT_USAGE;
	kf_err_clear(&err);
	if (kf_receipt_get(c->k, no, &r, &err) != KF_OK)
		return cli_fail(&err);
	if (c->json) {
		receipt_json(&r);
		printf("\n");
	} else {
		receipt_text(&r);
		printf("  printed %lld times\n", (long long)r.prints);
	}
	kf_receipt_clear(&r);
	return 0;
}

static int
receipt_print(struct cli *c, int argc, char **argv)
{
	static const struct opt opts[] = { { "--out", true } };
	const char *v[1], *pos[1];
	struct kf_buf b = { 0 };
	struct kf_err err;
	int64_t no;
	int code, npos;

	if ((code = scan("receipt print", argc, argv, opts, 1, v, pos, 1,
	    &npos)) != 0)
		return code;
	if (npos != 1)
		return cli_usage("receipt print", "needs a receipt NUMBER");
	if (!receipt_no("receipt print", pos[0], &no))
		return EXIT_USAGE;
	kf_err_clear(&err);
	if (kf_receipt_render(c->k, no, &b, NULL, &err) != KF_OK) {
		kf_buf_free(&b);
		return cli_fail(&err);
	}
	code = emit(c, "receipt print", v[0], kf_buf_str(&b));
	kf_buf_free(&b);
	/* Counted only once written: a failed print keeps the original. */
	if (code == 0 && kf_receipt_mark_printed(c->k, no, &err) != KF_OK)
		return cli_fail(&err);
	return code;
}

static int
receipt_void(struct cli *c, int argc, char **argv)
{
	static const struct opt opts[] = { { "--reason", true },
	    { "--version", true } };
	const char *v[2], *pos[1];
	struct kf_err err;
	long long version = -1;
	int64_t no;
	int code, npos;

	if ((code = scan("receipt void", argc, argv, opts, 2, v, pos, 1,
	    &npos)) != 0)
		return code;
	if (npos != 1)
		return cli_usage("receipt void", "needs a receipt NUMBER and "
		    "--reason TEXT");
	if (!receipt_no("receipt void", pos[0], &no))
		return EXIT_USAGE;
	if (v[1] != NULL && (!cli_int("receipt void", "--version", v[1],
	    &version) || version < 1))
		return cli_usage("receipt void", "--version must be 1 or more");
	kf_err_clear(&err);
	if (kf_receipt_void(c->k, no, version, v[0], &err) != KF_OK)
		return cli_fail(&err);
	if (c->json)
		printf("{\"no\":%lld,\"void\":true}\n", (long long)no);
	else
		printf("receipt %06lld voided\n", (long long)no);
	return 0;
}

static int
run_receipt(struct cli *c, int argc, char **argv)
{
	const char *verb = argc > 1 ? argv[1] : "";

	argc--;
	argv++;
	if (strcmp(verb, "show") == 0)
		return receipt_show(c, argc, argv);
	if (strcmp(verb, "print") == 0)
		return receipt_print(c, argc, argv);
	if (strcmp(verb, "void") == 0)
		return receipt_void(c, argc, argv);
	if (*verb == '\0')
		return cli_usage("receipt", "needs a verb: show, print or void");
	return cli_usage("receipt", "unknown verb '%.20s'", verb);
}

const struct cli_cmd cmd_receipt = {
	.name = "receipt",
	.summary = "receipts: show, print (a copy marked), void (R19)",
	.help =
	    "usage: kefu receipt show NUMBER\n"
	    "       kefu receipt print NUMBER [--out FILE]\n"
	    "       kefu receipt void NUMBER --reason TEXT [--version V]\n"
	    "\n"
	    "print writes the receipt as 80-column text; the first print is the\n"
	    "original, every later one says 重打 (COPY). void (supervisors only,\n"
	    "with a reason) marks the receipt void and reverses what it paid;\n"
	    "a receipt is never deleted, its number never reused.\n",
	.run = run_receipt,
	.needs_actor = true,
};

/* ---- kefu arrears ---- */

static int
arrears_list(struct cli *c, int argc, char **argv)
{
	static const struct opt opts[] = { { "--community", true },
	    { "--limit", true } };
	static const char *const steps[] = { "-", "reminder", "second notice" };
	const char *v[2], *pos[1];
	struct kf_arrears *list;
	struct kf_err err;
	long long limit = 1000;
	int64_t sum[4];
	char m[4][32], t[32], d[16];
	size_t n, i;
	int code, npos, j;

	if ((code = scan("arrears list", argc, argv, opts, 2, v, pos, 0,
	    &npos)) != 0)
		return code;
	if (v[1] != NULL && (!cli_int("arrears list", "--limit", v[1], &limit)
	    || limit < 1 || limit > 10000))
		return cli_usage("arrears list", "--limit must be 1 to 10000");
	kf_err_clear(&err);
	if (kf_arrears_list(c->k, v[0], kf_core_now(c->k), (int)limit, &list,
	    &n, sum, &err) != KF_OK)
		return cli_fail(&err);
	if (c->json) {
		printf("{\"buckets\":[%lld,%lld,%lld,%lld],\"customers\":[",
		    (long long)sum[0], (long long)sum[1], (long long)sum[2],
		    (long long)sum[3]);
		for (i = 0; i < n; i++) {
			printf("%s{\"customer_id\":%lld", i ? "," : "",
			    (long long)list[i].customer_id);
			cli_json_key_str("account", list[i].account);
			cli_json_key_str("name", list[i].name);
			printf(",\"buckets\":[%lld,%lld,%lld,%lld]",
			    (long long)list[i].bucket[0],
			    (long long)list[i].bucket[1],
			    (long long)list[i].bucket[2],
			    (long long)list[i].bucket[3]);
			cli_json_key_int("total", list[i].total);
			cli_json_key_int("oldest_days", list[i].oldest_days);
			cli_json_key_int("chases", list[i].chases);
			cli_json_key_int("last_chase_at", list[i].last_chase_at);
			cli_json_key_str("step", steps[list[i].step]);
			printf("}");
		}
		printf("]}\n");
		kf_arrears_free(list, n);
		return 0;
	}
	if (n > 0)
		printf("%-10s %-12s %10s %10s %10s %10s %10s %5s %-10s %s\n",
		    "ACCOUNT", "NAME", "0-30", "31-60", "61-90", "90+", "TOTAL",
		    "DAYS", "CHASED", "NEXT");
	for (i = 0; i < n; i++) {
		cli_pad(stdout, list[i].account, 10);
		putchar(' ');
		cli_pad(stdout, list[i].name, 12);
		for (j = 0; j < 4; j++)
			printf(" %10s", yuan(list[i].bucket[j], m[j],
			    sizeof(m[j])));
		printf(" %10s %5lld %-10s %s\n", yuan(list[i].total, t,
		    sizeof(t)), (long long)list[i].oldest_days,
		    day(list[i].last_chase_at, d, sizeof(d)),
		    steps[list[i].step]);
	}
	for (j = 0; j < 4; j++)
		yuan(sum[j], m[j], sizeof(m[j]));
	printf("%zu in arrears: 0-30 %s, 31-60 %s, 61-90 %s, over 90 %s\n", n,
	    m[0], m[1], m[2], m[3]);
	kf_arrears_free(list, n);
	return 0;
}

static int
arrears_chase(struct cli *c, int argc, char **argv)
{
	static const struct opt opts[] = { { "--method", true },
	    { "--answer", true }, { "--next", true }, { "--by", true } };
	const char *v[4], *pos[1];
	enum kf_chase_method m = KF_CHASE_PHONE;
	struct kf_err err;
	int64_t cid = 0, id = 0, by = 0;
	int code, npos;

	if ((code = scan("arrears chase", argc, argv, opts, 4, v, pos, 1,
	    &npos)) != 0)
		return code;
	if (npos != 1)
		return cli_usage("arrears chase", "needs ACCOUNT --answer TEXT "
		    "--next TEXT");
	kf_err_clear(&err);
	if (v[0] != NULL && kf_chase_method_parse(v[0], &m, &err) != KF_OK)
		return cli_fail(&err);
	if (v[3] != NULL && !cli_when(c, v[3], &by))
		return EXIT_USAGE;
	if ((code = customer_of(c, pos[0], &cid)) != 0)
		return code;
	if (kf_chase_add(c->k, cid, m, v[1], v[2], by, &id, &err) != KF_OK)
		return cli_fail(&err);
	if (c->json)
		printf("{\"id\":%lld}\n", (long long)id);
	else
		printf("chasing %lld recorded\n", (long long)id);
	return 0;
}

static int
arrears_history(struct cli *c, int argc, char **argv)
{
	struct kf_chase *h;
	struct kf_err err;
	char when[32], m[32];
	int64_t cid = 0;
	size_t n, i;
	int code;

	if (argc != 2)
		return cli_usage("arrears history", "needs ACCOUNT");
	if ((code = customer_of(c, argv[1], &cid)) != 0)
		return code;
	kf_err_clear(&err);
	if (kf_chase_list(c->k, cid, &h, &n, &err) != KF_OK)
		return cli_fail(&err);
	if (c->json)
		printf("[");
	for (i = 0; i < n; i++) {
		if (c->json) {
			printf("%s{\"id\":%lld", i ? "," : "", (long long)h[i].id);
			cli_json_key_int("at", h[i].at);
			cli_json_key_str("by", h[i].by);
			cli_json_key_str("method",
			    kf_chase_method_name(h[i].method));
			cli_json_key_str("answer", h[i].answer);
			cli_json_key_str("next_step", h[i].next_step);
			cli_json_key_int("next_at", h[i].next_at);
			cli_json_key_int("owed", h[i].owed);
			printf("}");
			continue;
		}
		kf_time_local(h[i].at, when, sizeof(when));
		printf("%s %s %s owed %s: ", when, h[i].by,
		    kf_chase_method_name(h[i].method), yuan(h[i].owed, m,
		    sizeof(m)));
		cli_text(stdout, h[i].answer);
		printf(" -> ");
		cli_text(stdout, h[i].next_step);
		putchar('\n');
	}
	if (c->json)
		printf("]\n");
	kf_chase_free(h, n);
	return 0;
}

static int
run_arrears(struct cli *c, int argc, char **argv)
{
	const char *verb = argc > 1 ? argv[1] : "";

	argc--;
	argv++;
	if (strcmp(verb, "list") == 0)
		return arrears_list(c, argc, argv);
	if (strcmp(verb, "chase") == 0)
		return arrears_chase(c, argc, argv);
	if (strcmp(verb, "history") == 0)
		return arrears_history(c, argc, argv);
	if (*verb == '\0')
		return cli_usage("arrears", "needs a verb: list, chase or "
		    "history");
	return cli_usage("arrears", "unknown verb '%.20s'", verb);
}

const struct cli_cmd cmd_arrears = {
	.name = "arrears",
	.summary = "arrears by age and chasing (催缴, R15)",
	.help =
	    "usage: kefu arrears list [--community C] [--limit N]\n"
	    "       kefu arrears chase ACCOUNT --answer TEXT --next TEXT\n"
	    "           [--method phone|visit|letter|sms|second-notice] "
	    "[--by TIME]\n"
	    "       kefu arrears history ACCOUNT\n"
	    "\n"
	    "list shows the customers with notices unpaid past their due day,\n"
	    "most overdue first, by age: 1-30, 31-60, 61-90 and over 90 days\n"
	    "after the due day, with when they were last chased and what the\n"
	    "overdue policy says is next (bill.remind_days, bill.second_notice_days).\n"
	    "chase records chasing: how, the customer's answer, the next step\n"
	    "and by when (billing, supervisors); only overdue accounts are chased.\n",
	.run = run_arrears,
	.needs_actor = true,
};
