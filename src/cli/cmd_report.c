/*
 * cmd_report.c — reports (F7, R53) from the command line:
 * kefu report kpi|staff|sla|trend|drill|summary.
 *
 * Every verb is one core call (include/kefu/report.h), which checks the
 * role (supervisors and admins), whether the period can be answered for
 * (begun, not before the first record: a refusal, exit 5, never a table
 * of zeros) and computes every figure as docs/reports.md defines it, in
 * one read-only snapshot: nothing here writes to the database. This file
 * parses the period and the scope, and prints: a table for people, JSON
 * (--json) or CSV (--csv) for programs and spreadsheets.
 *
 * A figure without a value (a rate with nothing to count, a period before
 * the first record, money by person) is "—" in the table and in CSV and
 * null in JSON, never 0%. CSV is for WPS and Excel as much as for
 * programs: a UTF-8 byte-order mark first, so that a double-click opens
 * the Chinese as Chinese rather than as GBK mojibake, and every record
 * through kf_csv_write (csv.h: RFC 4180, LF line ends, and a cell that
 * begins with = + - @ written behind a single quote, so that a community
 * named =HYPERLINK(...) stays text). Values in CSV are plain numbers a
 * spreadsheet computes with: a count 1234, a rate 87.5%, money in yuan
 * 12345.67.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "kefu/clock.h"
#include "kefu/csv.h"
#include "kefu/i18n.h"
#include "kefu/perm.h"
#include "kefu/report.h"
#include "kefu/util.h"

#define DRILL_LIMIT	100	/* records drill lists unless told */
#define DRILL_PAGE	1000	/* kf_report_drill's most at a time */

/* The UTF-8 byte-order mark: WPS and Excel read a CSV file that starts
 * with it as UTF-8; without it, as the system's code page (GBK). */
static const char BOM[] = "\xef\xbb\xbf";

/* ---- options ---- */

/* What a verb takes (ropts.allowed). */
enum {
	O_PERIOD = 1 << 0,	/* --month, --quarter */
	O_SCOPE = 1 << 1,	/* --staff, --role, --community */
	O_CSV = 1 << 2,
	O_TO = 1 << 3,		/* trend */
	O_PART = 1 << 4,	/* drill: --num, --den, --missed */
	O_LIMIT = 1 << 5,	/* drill: --limit, --all */
	O_FORMAT = 1 << 6,	/* summary: --markdown, --text */
	O_BY = 1 << 8,		/* staff: --by */
	O_KPI = 1 << 9,		/* staff: --kpi */
};

struct ropts {
	const char		*cmd;		/* "report kpi", for messages */
	unsigned		 allowed;
	struct kf_period	 period;	/* --month, --quarter */
	bool			 have_period;
	struct kf_period	 to;		/* trend's --to */
	bool			 have_to;
	struct kf_scope		 scope;
	bool			 scoped;
	bool			 csv;
	enum kf_drill_part	 part;
	long long		 limit;		/* 0: every one (--all) */
	enum kf_summary_format	 format;
	const char		*out;		/* -o FILE; NULL: standard output */
	int			 saved;		/* standard output, while -o's
						 * file stands in for it */
	bool			 regular;	/* -o names a regular file */
	enum kf_breakdown	 by;
	const char		*kpis;		/* --kpi K1,K2 */
	const char		*pos;		/* the one positional (KPI) */
};

static const struct option report_opts[] = {
	{ "month", required_argument, NULL, 'm' },
	{ "quarter", required_argument, NULL, 'q' },
	{ "staff", required_argument, NULL, 's' },
	{ "role", required_argument, NULL, 'r' },
	{ "community", required_argument, NULL, 'c' },
	{ "json", no_argument, NULL, 'j' },
	{ "csv", no_argument, NULL, 'C' },
	{ "to", required_argument, NULL, 't' },
	{ "num", no_argument, NULL, 'N' },
	{ "den", no_argument, NULL, 'D' },
	{ "missed", no_argument, NULL, 'M' },
	{ "limit", required_argument, NULL, 'n' },
	{ "all", no_argument, NULL, 'a' },
	{ "markdown", no_argument, NULL, 'k' },
	{ "text", no_argument, NULL, 'x' },
	{ "out", required_argument, NULL, 'o' },
	{ "by", required_argument, NULL, 'b' },
	{ "kpi", required_argument, NULL, 'K' },
	{ NULL, 0, NULL, 0 },
};

/* The option group of getopt's answer ch (0: taken by every verb). */
static unsigned
opt_group(int ch)
{
	switch (ch) {
	case 'm': case 'q':		return O_PERIOD;
	case 's': case 'r': case 'c':	return O_SCOPE;
	case 'C':			return O_CSV;
	case 't':			return O_TO;
	case 'N': case 'D': case 'M':	return O_PART;
	case 'n': case 'a':		return O_LIMIT;
	case 'k': case 'x':		return O_FORMAT;
	case 'b':			return O_BY;
	case 'K':			return O_KPI;
	}
	return 0;
}

/* The option ch as it is spelt, for messages. */
static const char *
opt_name(int ch, char *buf, size_t n)
{
	const struct option *op;

	for (op = report_opts; op->name != NULL; op++)
		if (op->val == ch) {
			snprintf(buf, n, "--%s", op->name);
			return buf;
		}
	snprintf(buf, n, "-%c", ch);
	return buf;
}

/*
 * A period as --month or --quarter (want) takes it: the core's reading
 * ("2026Q5", "Q4 2026", "2026-13": KF_INVALID naming both forms), the
 * other kind refused, and "last": the one before the period now running
 * (for cron). false after the message.
 */
static bool
period_arg(struct cli *c, const char *cmd, const char *opt,
    enum kf_period_kind want, const char *s, struct kf_period *p)
{
	struct kf_period now;
	struct kf_err err;

	if (strcmp(s, "last") == 0) {
		kf_period_at(want, kf_core_now(c->k), &now);
		kf_period_prev(&now, p);
		return true;
	}
	kf_err_clear(&err);
	if (kf_report_period_parse(s, p, &err) != KF_OK) {
		cli_fail(&err);
		return false;
	}
	if (p->kind != want) {
		cli_usage(cmd, "%s takes %s, not '%.20s'", opt,
		    want == KF_PERIOD_MONTH ? "a month, YYYY-MM (2026-11)" :
		    "a quarter, YYYYQn (2026Q4)", s);
		return false;
	}
	return true;
}

/*
 * Reads the options of a verb into o (which the caller zeroed, with cmd,
 * allowed and the defaults set). Returns -1 to go on, else the exit code
 * after its message.
 */
static int
parse(struct cli *c, int argc, char **argv, struct ropts *o, int npos)
{
	struct kf_err err;
	const char *staff = NULL, *role = NULL, *comm = NULL;
	const char *month = NULL, *quarter = NULL;
	int ch, nscope = 0, nparts = 0, nformat = 0;
	unsigned mask, g;
	long long v;
	char name[24];

	kf_err_clear(&err);
	while ((ch = getopt_long(argc, argv, ":o:", report_opts, NULL)) !=
	    -1) {
		if (ch == ':' || ch == '?')
			return cli_getopt_fail(o->cmd, ch, argv);
		if ((g = opt_group(ch)) != 0 && (o->allowed & g) == 0)
			return cli_usage(o->cmd, "option %s does not apply "
			    "here", opt_name(ch, name, sizeof(name)));
		switch (ch) {
		case 'm':	month = optarg; break;
		case 'q':	quarter = optarg; break;
		case 's':	staff = optarg; nscope++; break;
		case 'r':	role = optarg; nscope++; break;
		case 'c':	comm = optarg; nscope++; break;
		case 'j':	c->json = true; break;
		case 'C':	o->csv = true; break;
		case 't':	/* a month, or a quarter: its last month */
			if (strcmp(optarg, "last") == 0)
				period_arg(c, o->cmd, "--to", KF_PERIOD_MONTH,
				    optarg, &o->to);
			else if (kf_report_period_parse(optarg, &o->to, &err) !=
			    KF_OK)
				return cli_fail(&err);
			o->have_to = true;
			break;
		case 'N':	o->part = KF_DRILL_NUM; nparts++; break;
		case 'D':	o->part = KF_DRILL_DEN; nparts++; break;
		case 'M':	o->part = KF_DRILL_MISS; nparts++; break;
		case 'n':
			if (!cli_int(o->cmd, "--limit", optarg, &v))
				return EXIT_USAGE;
			if (v < 1)
				return cli_usage(o->cmd, "--limit must be 1 or "
				    "more");
			o->limit = v;
			break;
		case 'a':	o->limit = 0; break;
		case 'k':	o->format = KF_SUMMARY_MARKDOWN; nformat++; break;
		case 'x':	o->format = KF_SUMMARY_TEXT; nformat++; break;
		case 'o':
			o->out = strcmp(optarg, "-") == 0 ? NULL : optarg;
			break;
		case 'b':
			if (strcmp(optarg, "staff") == 0)
				o->by = KF_BY_STAFF;
			else if (strcmp(optarg, "role") == 0)
				o->by = KF_BY_ROLE;
			else if (strcmp(optarg, "community") == 0)
				o->by = KF_BY_COMMUNITY;
			else
				return cli_usage(o->cmd, "--by takes staff, "
				    "role or community, not '%.20s'", optarg);
			break;
		case 'K':	o->kpis = optarg; break;
		}
	}
	if (argc - optind > npos)
		return cli_usage(o->cmd, "unexpected argument '%.40s'",
		    argv[optind + npos]);
	if (argc - optind < npos)
		return cli_usage(o->cmd, "needs a figure: KPI, such as "
		    "orders.arrival (kefu report kpi --json lists every key)");
	if (npos == 1)
		o->pos = argv[optind];
	if (nparts > 1)
		return cli_usage(o->cmd, "give one of --num, --den and "
		    "--missed");
	if (nformat > 1)
		return cli_usage(o->cmd, "give --markdown or --text, not both");
	if (o->csv && c->json)
		return cli_usage(o->cmd, "give --csv or --json, not both");
	if (nscope > 1)
		return cli_usage(o->cmd, "give one scope: --staff, --role or "
		    "--community");
	if (month != NULL && quarter != NULL)
		return cli_usage(o->cmd, "give --month or --quarter, not both");
	if ((o->allowed & O_PERIOD) && month == NULL && quarter == NULL)
		return cli_usage(o->cmd, "needs a period: --month YYYY-MM or "
		    "--quarter YYYYQn");
	if (month != NULL && !period_arg(c, o->cmd, "--month",
	    KF_PERIOD_MONTH, month, &o->period))
		return EXIT_USAGE;
	if (quarter != NULL && !period_arg(c, o->cmd, "--quarter",
	    KF_PERIOD_QUARTER, quarter, &o->period))
		return EXIT_USAGE;
	o->have_period = month != NULL || quarter != NULL;

	/* The scope: names looked up here, checked by the core. */
	o->scoped = nscope == 1;
	if (staff != NULL) {
		o->scope.kind = KF_SCOPE_STAFF;
		if (cli_staff_id(c->k, staff, &o->scope.staff_id, &err) !=
		    KF_OK)
			return cli_fail(&err);
	} else if (role != NULL) {
		o->scope.kind = KF_SCOPE_ROLE;
		if (kf_roles_parse(role, &mask, &err) != KF_OK)
			return cli_fail(&err);
		if (mask == 0 || (mask & (mask - 1)) != 0)
			return cli_usage(o->cmd, "--role takes one role, not "
			    "'%.40s'", role);
		o->scope.role = mask;
	} else if (comm != NULL) {
		o->scope.kind = KF_SCOPE_COMMUNITY;
		if (strlen(comm) >= sizeof(o->scope.community))
			return cli_usage(o->cmd, "--community is too long");
		snprintf(o->scope.community, sizeof(o->scope.community), "%s",
		    comm);
	}
	return -1;
}

static const struct kf_scope *
scope_of(const struct ropts *o)
{
	return o->scoped ? &o->scope : NULL;
}

/* ---- values ---- */

static bool
no_value(const struct kf_kpi_def *d, const struct kf_kpi_value *v)
{
	return !v->has || (d->kind == KF_KPI_K_RATE && v->den <= 0);
}

static const char *
kind_key(const struct kf_kpi_def *d)
{
	return d->kind == KF_KPI_K_RATE ? "rate" :
	    d->kind == KF_KPI_K_MONEY ? "money" : "count";
}

/* v as CSV has it: a count 1234, a rate 87.5% (rounded down, as the
 * table), money in yuan 12345.67; "—" without a value. */
static const char *
csv_value(const struct kf_kpi_def *d, const struct kf_kpi_value *v,
    char *buf, size_t n)
{
	int64_t a;
	int pm;

	if (no_value(d, v))
		snprintf(buf, n, "—");
	else if (d->kind == KF_KPI_K_RATE) {
		pm = kf_kpi_permille(v);
		snprintf(buf, n, "%d.%d%%", pm / 10, pm % 10);
	} else if (d->kind == KF_KPI_K_MONEY) {
		a = v->num < 0 ? -v->num : v->num;
		snprintf(buf, n, "%s%lld.%02d", v->num < 0 ? "-" : "",
		    (long long)(a / 100), (int)(a % 100));
	} else
		snprintf(buf, n, "%lld", (long long)v->num);
	return buf;
}

/* A number as CSV has it, "" without a value. */
static const char *
csv_int(bool has, int64_t x, char *buf, size_t n)
{
	if (!has)
		snprintf(buf, n, "%s", "");
	else
		snprintf(buf, n, "%lld", (long long)x);
	return buf;
}

/* v as a JSON value: null without one, else its numerator, denominator,
 * the value as the table shows it and, for a rate, its permille. */
static void
json_value(const struct kf_kpi_def *d, const struct kf_kpi_value *v)
{
	char buf[48];

	if (no_value(d, v)) {
		printf("null");
		return;
	}
	kf_kpi_format(d, v, buf, sizeof(buf));
	printf("{\"num\":%lld,\"den\":%lld", (long long)v->num,
	    (long long)v->den);
	cli_json_key_str("value", buf);
	if (d->kind == KF_KPI_K_RATE)
		printf(",\"permille\":%d", kf_kpi_permille(v));
	printf("}");
}

static void
json_period(const char *key, const struct kf_period *p)
{
	char label[64];

	kf_period_label(p, label, sizeof(label));
	printf(",\"%s\":{\"key\":", key);
	cli_json_str(stdout, p->key);
	cli_json_key_str("label", label);
	cli_json_key_int("from", p->from);
	cli_json_key_int("to", p->to);
	printf("}");
}

static void
json_def(const struct kf_kpi_def *d)
{
	printf("\"key\":");
	cli_json_str(stdout, d->key);
	cli_json_key_str("label", d->label);
	cli_json_key_str("term", d->term);
	cli_json_key_str("rule", d->rule);
	cli_json_key_str("kind", kind_key(d));
	cli_json_key_str("parent", d->parent < 0 ? NULL :
	    kf_kpi_defs[d->parent].key);
}

/* ---- output: standard output or a file, CSV with its mark ---- */

/* Writes a CSV record; false when the write failed. */
static bool
csv_row(const char *const *v, size_t n)
{
	return kf_csv_write(stdout, v, n) == 0;
}

static void
csv_start(void)
{
	fputs(BOM, stdout);
}

/* The scope as a person reads it: "whole service", "staff wang", ... */
static void
print_scope(struct cli *c, const struct ropts *o)
{
	struct cli_names nm = { 0 };

	switch (o->scoped ? o->scope.kind : KF_SCOPE_ALL) {
	case KF_SCOPE_STAFF:
		printf("staff ");
		cli_text(stdout, cli_login_of(c, &nm, o->scope.staff_id));
		break;
	case KF_SCOPE_ROLE:
		printf("team %s", kf_role_name((enum kf_role)o->scope.role));
		break;
	case KF_SCOPE_COMMUNITY:
		if (o->scope.community[0] == '\0') {
			printf("no community");
			break;
		}
		printf("community ");
		cli_text(stdout, o->scope.community);
		break;
	default:
		printf("the whole service");
	}
	cli_names_free(&nm);
}

static void
json_scope(struct cli *c, const struct ropts *o)
{
	struct cli_names nm = { 0 };

	printf(",\"scope\":{\"kind\":");
	switch (o->scoped ? o->scope.kind : KF_SCOPE_ALL) {
	case KF_SCOPE_STAFF:
		cli_json_str(stdout, "staff");
		cli_json_key_int("staff_id", o->scope.staff_id);
		cli_json_key_str("login", cli_login_of(c, &nm,
		    o->scope.staff_id));
		break;
	case KF_SCOPE_ROLE:
		cli_json_str(stdout, "role");
		cli_json_key_str("role",
		    kf_role_name((enum kf_role)o->scope.role));
		break;
	case KF_SCOPE_COMMUNITY:
		cli_json_str(stdout, "community");
		cli_json_key_str("community", o->scope.community);
		break;
	default:
		cli_json_str(stdout, "all");
	}
	printf("}");
	cli_names_free(&nm);
}

/* "November 2026 (2026-11)", with ", so far (to 2026-12-08 10:00)" for
 * the period now running. */
static void
print_period(const struct kf_period *p, bool partial, int64_t made_at)
{
	char label[64], t[32];

	kf_period_label(p, label, sizeof(label));
	cli_text(stdout, label);
	printf(" (%s)", p->key);
	if (partial)
		printf(", so far (to %s)", cli_time(made_at, t, sizeof(t)));
}

/* ---- kpi and sla: the table of a period ---- */

/* The on-time rates (sla): the complaint clocks, the work orders and the
 * callbacks. */
static bool
is_sla(const struct kf_kpi_def *d)
{
	return d->kind == KF_KPI_K_RATE && (strncmp(d->key, "cpl.ontime",
	    10) == 0 || strncmp(d->key, "orders.", 7) == 0 ||
	    strcmp(d->key, "callbacks.completion") == 0);
}

static bool
row_shown(const struct kf_kpi_def *d, bool sla)
{
	return !sla || is_sla(d);
}

/* The label as the table shows it: a detail row indented. */
static const char *
row_label(const struct kf_kpi_def *d, char *buf, size_t n)
{
	snprintf(buf, n, "%s%s", d->parent >= 0 ? "  " : "",
	    kf_gettext(d->label));
	return buf;
}

static void
print_value(const struct kf_kpi_def *d, const struct kf_kpi_value *v, int vw)
{
	char buf[48];
	int w;

	kf_kpi_format(d, v, buf, sizeof(buf));
	putchar(' ');
	for (w = kf_utf8_width(buf); w < vw; w++)
		putchar(' ');
	printf("%s", buf);
}

/* sla's "met of decided": "38/41", or "—". */
static const char *
met_of(const struct kf_kpi_value *v, char *buf, size_t n)
{
	if (v->has)
		snprintf(buf, n, "%lld/%lld", (long long)v->num,
		    (long long)v->den);
	else
		snprintf(buf, n, "—");
	return buf;
}

/*
 * The table at 80 columns: the labels' width, and each value column as
 * wide as its widest value (at least a period's key, 7), right-aligned.
 */
static void
print_table_text(struct cli *c, const struct ropts *o,
    const struct kf_kpi_table *t, bool sla)
{
	char label[160], buf[48];
	int i, w, lw = 12, vw = 7, fw = 7;

	for (i = 0; i < KF_KPI_ROWS; i++) {
		const struct kf_kpi_row *r = &t->rows[i];

		if (!row_shown(r->def, sla))
			continue;
		if ((w = kf_utf8_width(row_label(r->def, label,
		    sizeof(label)))) > lw)
			lw = w;
		kf_kpi_format(r->def, &r->cur, buf, sizeof(buf));
		if ((w = kf_utf8_width(buf)) > vw)
			vw = w;
		kf_kpi_format(r->def, &r->prev, buf, sizeof(buf));
		if ((w = kf_utf8_width(buf)) > vw)
			vw = w;
		kf_kpi_format(r->def, &r->last_year, buf, sizeof(buf));
		if ((w = kf_utf8_width(buf)) > vw)
			vw = w;
		if ((w = kf_utf8_width(met_of(&r->cur, buf, sizeof(buf)))) >
		    fw)
			fw = w;
	}
	printf("%s: ", sla ? "On time" : "Report");
	print_period(&t->period, t->partial, t->made_at);
	printf(", ");
	print_scope(c, o);
	printf("\n\n");
	cli_pad(stdout, sla ? "Clock / category" : "Figure", lw);
	if (sla)
		printf(" %*s", fw, "on time");
	printf(" %*s %*s %*s\n", vw, t->period.key, vw, t->prev.key, vw,
	    t->last_year.key);
	for (i = 0; i < KF_KPI_ROWS; i++) {
		const struct kf_kpi_row *r = &t->rows[i];

		if (!row_shown(r->def, sla))
			continue;
		cli_pad(stdout, row_label(r->def, label, sizeof(label)), lw);
		if (sla) {
			met_of(&r->cur, buf, sizeof(buf));
			putchar(' ');
			for (w = kf_utf8_width(buf); w < fw; w++)
				putchar(' ');
			printf("%s", buf);
		}
		print_value(r->def, &r->cur, vw);
		print_value(r->def, &r->prev, vw);
		print_value(r->def, &r->last_year, vw);
		putchar('\n');
	}
	printf("\n— no value: a rate with nothing to count, a period before "
	    "the first record,\n  or a figure this scope cannot have (money "
	    "by person). See docs/reports.md.\n");
	if (sla)
		printf("on time: met of decided, in %s.\n", t->period.key);
}

static void
print_table_json(struct cli *c, const struct ropts *o,
    const struct kf_kpi_table *t, bool sla)
{
	int i, first = 1;

	printf("{\"made_at\":%lld", (long long)t->made_at);
	json_period("period", &t->period);
	json_period("prev", &t->prev);
	json_period("last_year", &t->last_year);
	cli_json_key_bool("partial", t->partial);
	cli_json_key_bool("prev_before_first", t->prev_before);
	cli_json_key_bool("last_year_before_first", t->last_year_before);
	json_scope(c, o);
	printf(",\"rows\":[");
	for (i = 0; i < KF_KPI_ROWS; i++) {
		const struct kf_kpi_row *r = &t->rows[i];

		if (!row_shown(r->def, sla))
			continue;
		printf("%s{", first ? "" : ",");
		first = 0;
		json_def(r->def);
		printf(",\"cur\":");
		json_value(r->def, &r->cur);
		printf(",\"prev\":");
		json_value(r->def, &r->prev);
		printf(",\"last_year\":");
		json_value(r->def, &r->last_year);
		printf("}");
	}
	printf("]}\n");
}

static bool
print_table_csv(const struct kf_kpi_table *t, bool sla)
{
	static const char *const head[] = {
		"key", "figure", "term", "rule", "kind",
		"period", "value", "num", "den",
		"prev_period", "prev_value", "prev_num", "prev_den",
		"last_year_period", "last_year_value", "last_year_num",
		"last_year_den",
	};
	const struct kf_kpi_value *col[3];
	const struct kf_period *per[3] = { &t->period, &t->prev,
	    &t->last_year };
	const char *v[17];
	char buf[3][3][32];
	int i, j;

	csv_start();
	if (!csv_row(head, 17))
		return false;
	for (i = 0; i < KF_KPI_ROWS; i++) {
		const struct kf_kpi_row *r = &t->rows[i];

		if (!row_shown(r->def, sla))
			continue;
		col[0] = &r->cur;
		col[1] = &r->prev;
		col[2] = &r->last_year;
		v[0] = r->def->key;
		v[1] = kf_gettext(r->def->label);
		v[2] = r->def->term;
		v[3] = r->def->rule;
		v[4] = kind_key(r->def);
		for (j = 0; j < 3; j++) {
			v[5 + 4 * j] = per[j]->key;
			v[6 + 4 * j] = csv_value(r->def, col[j], buf[j][0],
			    sizeof(buf[j][0]));
			v[7 + 4 * j] = csv_int(col[j]->has, col[j]->num,
			    buf[j][1], sizeof(buf[j][1]));
			v[8 + 4 * j] = csv_int(col[j]->has, col[j]->den,
			    buf[j][2], sizeof(buf[j][2]));
		}
		if (!csv_row(v, 17))
			return false;
	}
	return true;
}

/*
 * -o FILE: once the report is computed (a refusal leaves FILE as it
 * was), FILE, made the person's alone (open_as_person), stands in for
 * standard output until out_done, so every format is printed the one way.
 * Returns -1, or exit 6 after a message.
 */
static int
out_open(struct cli *c, struct ropts *o)
{
	struct stat sb;
	FILE *f;

	if (o->out == NULL)
		return -1;
	fflush(stdout);
	if ((f = open_as_person(c, o->out, "w")) == NULL ||
	    (o->saved = dup(STDOUT_FILENO)) < 0) {
		fprintf(stderr, "kefu: cannot write ");
		cli_text(stderr, o->out);
		fprintf(stderr, ": %s\n", strerror(errno));
		if (f != NULL)
			fclose(f);
		return kf_rc_exit(KF_DBERR);
	}
	/* Only a regular file is removed on failure, never a device or a
	 * pipe named as FILE (/dev/stdout). */
	o->regular = fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode);
	dup2(fileno(f), STDOUT_FILENO);
	fclose(f);
	return -1;
}

/*
 * The verbs' end. code: 0, or the exit code of a failure already said.
 * Output that could not be written is exit 6. With -o: standard output
 * back, FILE removed when the report failed half-way, "wrote FILE" said.
 */
static int
out_done(struct cli *c, struct ropts *o, bool ok, int code)
{
	int saved_errno;

	if (code == 0 && (!ok || fflush(stdout) != 0 || ferror(stdout))) {
		saved_errno = errno;
		fprintf(stderr, "kefu: cannot write the report: %s\n",
		    strerror(saved_errno));
		code = kf_rc_exit(KF_DBERR);
	}
	if (o->out == NULL)
		return code;
	fflush(stdout);
	clearerr(stdout);
	dup2(o->saved, STDOUT_FILENO);
	close(o->saved);
	if (code != 0) {
		if (o->regular)
			unlink_as_person(c, o->out);	/* no half a report */
		return code;
	}
	printf("wrote ");
	cli_text(stdout, o->out);
	putchar('\n');
	return 0;
}

static int
report_table(struct cli *c, int argc, char **argv, const char *cmd,
    bool sla)
{
	struct ropts o = { .cmd = cmd, .allowed = O_PERIOD | O_SCOPE | O_CSV };
	struct kf_kpi_table *t;
	struct kf_err err;
	bool ok = true;
	int code;

	if ((code = parse(c, argc, argv, &o, 0)) >= 0)
		return code;
	kf_err_clear(&err);
	t = xcalloc(1, sizeof(*t));
	if (kf_report_kpi(c->k, &o.period, scope_of(&o), t, &err) != KF_OK) {
		free(t);
		return cli_fail(&err);
	}
	if ((code = out_open(c, &o)) >= 0) {
		free(t);
		return code;
	}
	if (c->json)
		print_table_json(c, &o, t, sla);
	else if (o.csv)
		ok = print_table_csv(t, sla);
	else
		print_table_text(c, &o, t, sla);
	free(t);
	return out_done(c, &o, ok, 0);
}

static int
report_kpi(struct cli *c, int argc, char **argv)
{
	return report_table(c, argc, argv, "report kpi", false);
}

static int
report_sla(struct cli *c, int argc, char **argv)
{
	return report_table(c, argc, argv, "report sla", true);
}

/* ---- staff: every figure per person, team or community ---- */

/* The columns the text table shows unless --kpi says: R53's figures,
 * with a header of at most 7 characters each (80 columns in all). */
static const struct {
	enum kf_kpi	 kpi;
	const char	*head;
} staff_cols[] = {
	{ KF_KPI_CONTACTS, "contact" },
	{ KF_KPI_SATISFACTION, "satisf" },
	{ KF_KPI_CPL_HANDLED, "handled" },
	{ KF_KPI_CPL_RESOLUTION, "resolve" },
	{ KF_KPI_CPL_CLOSURE, "closure" },
	{ KF_KPI_ORD_ARRIVAL, "arrival" },
	{ KF_KPI_ORD_REPAIR, "repair" },
	{ KF_KPI_CALLBACK_COMPLETION, "callbk" },
};
#define NSTAFF_COLS	(sizeof(staff_cols) / sizeof(staff_cols[0]))

/*
 * The figures --kpi names (a comma list of keys), or every one (want
 * NULL: JSON and CSV) or staff_cols (text). Returns the count, or -1
 * after a message naming a key that is not one.
 */
static int
pick_kpis(const char *cmd, const char *want, bool text, enum kf_kpi *v)
{
	struct kf_err err;
	char *list, *p, *tok;
	int n = 0;
	size_t i;

	if (want == NULL && text) {
		for (i = 0; i < NSTAFF_COLS; i++)
			v[n++] = staff_cols[i].kpi;
		return n;
	}
	if (want == NULL) {
		for (n = 0; n < KF_KPI_ROWS; n++)
			v[n] = (enum kf_kpi)n;
		return n;
	}
	list = xstrdup(want);
	kf_err_clear(&err);
	for (p = list; (tok = strsep(&p, ",")) != NULL;) {
		if (*tok == '\0')
			continue;
		if (n == KF_KPI_ROWS || kf_kpi_parse(tok, &v[n], &err) !=
		    KF_OK) {
			free(list);
			if (n == KF_KPI_ROWS)
				cli_usage(cmd, "--kpi names too many figures");
			else
				cli_fail(&err);
			return -1;
		}
		n++;
	}
	free(list);
	if (n == 0) {
		cli_usage(cmd, "--kpi needs at least one figure");
		return -1;
	}
	return n;
}

/* A column's header: staff_cols' short one, else the key. */
static const char *
col_head(enum kf_kpi k)
{
	size_t i;

	for (i = 0; i < NSTAFF_COLS; i++)
		if (staff_cols[i].kpi == k)
			return staff_cols[i].head;
	return kf_kpi_def(k)->key;
}

/* A group's name as a person reads it: "(no community)" for records of
 * none. */
static const char *
group_name(const struct kf_kpi_group *g)
{
	return g->name[0] != '\0' ? g->name : "(no community)";
}

static const char *
by_key(enum kf_breakdown by)
{
	return by == KF_BY_STAFF ? "staff" : by == KF_BY_ROLE ? "role" :
	    "community";
}

static bool
print_groups_csv(struct cli *c, const struct ropts *o,
    const struct kf_kpi_group *g, size_t ng, const enum kf_kpi *k, int nk)
{
	struct cli_names nm = { 0 };
	const char **v;
	char (*buf)[32];
	size_t i;
	int j;
	bool ok;

	v = xcalloc((size_t)nk + 3, sizeof(*v));
	buf = xcalloc((size_t)nk, sizeof(*buf));
	csv_start();
	v[0] = "period";
	v[1] = by_key(o->by);
	v[2] = o->by == KF_BY_STAFF ? "login" : "key";
	for (j = 0; j < nk; j++)
		v[3 + j] = kf_kpi_def(k[j])->key;
	ok = csv_row(v, (size_t)nk + 3);
	for (i = 0; ok && i < ng; i++) {
		v[0] = o->period.key;
		v[1] = g[i].name;
		v[2] = o->by == KF_BY_STAFF ? cli_login_of(c, &nm,
		    g[i].scope.staff_id) : o->by == KF_BY_ROLE ?
		    kf_role_name((enum kf_role)g[i].scope.role) : "";
		for (j = 0; j < nk; j++)
			v[3 + j] = csv_value(kf_kpi_def(k[j]), &g[i].v[k[j]],
			    buf[j], sizeof(buf[j]));
		ok = csv_row(v, (size_t)nk + 3);
	}
	cli_names_free(&nm);
	free(buf);
	free(v);
	return ok;
}

static void
print_groups_json(struct cli *c, const struct ropts *o,
    const struct kf_kpi_group *g, size_t ng, const enum kf_kpi *k, int nk)
{
	struct cli_names nm = { 0 };
	size_t i;
	int j;

	printf("{\"by\":");
	cli_json_str(stdout, by_key(o->by));
	json_period("period", &o->period);
	printf(",\"groups\":[");
	for (i = 0; i < ng; i++) {
		printf("%s{\"name\":", i ? "," : "");
		cli_json_str(stdout, g[i].name);
		if (o->by == KF_BY_STAFF) {
			cli_json_key_int("staff_id", g[i].scope.staff_id);
			cli_json_key_str("login", cli_login_of(c, &nm,
			    g[i].scope.staff_id));
		} else if (o->by == KF_BY_ROLE)
			cli_json_key_str("role",
			    kf_role_name((enum kf_role)g[i].scope.role));
		printf(",\"figures\":{");
		for (j = 0; j < nk; j++) {
			printf("%s", j ? "," : "");
			cli_json_str(stdout, kf_kpi_def(k[j])->key);
			printf(":");
			json_value(kf_kpi_def(k[j]), &g[i].v[k[j]]);
		}
		printf("}}");
	}
	printf("]}\n");
	cli_names_free(&nm);
}

/* s cut to width display cells (whole characters), into buf: a long
 * name does not push the columns out of line. */
static void
cut(const char *s, int width, char *buf, size_t n)
{
	char one[8];
	size_t len = 0, step;
	unsigned cp;
	bool bad;
	int w = 0, cw;

	while (s[len] != '\0') {
		step = kf_utf8_decode(s + len, &cp, &bad);
		if (step >= sizeof(one) || len + step >= n)
			break;
		memcpy(one, s + len, step);
		one[step] = '\0';
		if (w + (cw = kf_utf8_width(one)) > width)
			break;
		w += cw;
		len += step;
	}
	memcpy(buf, s, len);
	buf[len] = '\0';
}

static void
print_groups_text(const struct ropts *o, const struct kf_kpi_group *g,
    size_t ng, const enum kf_kpi *k, int nk)
{
	char buf[48], name[128];
	size_t i;
	int j, w, nw = 12, cw;

	for (i = 0; i < ng; i++)
		if ((w = kf_utf8_width(group_name(&g[i]))) > nw)
			nw = w;
	if (nw > 20)
		nw = 20;
	printf("By %s: ", by_key(o->by));
	print_period(&o->period, false, 0);
	printf("\n\n");
	cli_pad(stdout, o->by == KF_BY_STAFF ? "Name" : o->by == KF_BY_ROLE ?
	    "Team" : "Community", nw);
	for (j = 0; j < nk; j++) {
		cw = (int)strlen(col_head(k[j]));
		printf(" %*s", cw < 7 ? 7 : cw, col_head(k[j]));
	}
	putchar('\n');
	if (ng == 0)
		printf("(nobody has a figure in %s)\n", o->period.key);
	for (i = 0; i < ng; i++) {
		cut(group_name(&g[i]), nw, name, sizeof(name));
		cli_pad(stdout, name, nw);
		for (j = 0; j < nk; j++) {
			cw = (int)strlen(col_head(k[j]));
			kf_kpi_format(kf_kpi_def(k[j]), &g[i].v[k[j]], buf,
			    sizeof(buf));
			printf(" ");
			for (w = kf_utf8_width(buf); w < (cw < 7 ? 7 : cw); w++)
				putchar(' ');
			printf("%s", buf);
		}
		putchar('\n');
	}
	printf("\n");
	for (j = 0; j < nk; j++)
		if (strcmp(col_head(k[j]), kf_kpi_def(k[j])->key) != 0) {
			printf("%s = ", col_head(k[j]));
			cli_text(stdout, kf_gettext(kf_kpi_def(k[j])->label));
			putchar('\n');
		}
}

static int
report_staff(struct cli *c, int argc, char **argv)
{
	struct ropts o = { .cmd = "report staff", .allowed = O_PERIOD |
	    O_CSV | O_BY | O_KPI, .by = KF_BY_STAFF };
	enum kf_kpi k[KF_KPI_ROWS];
	struct kf_kpi_group *g;
	struct kf_err err;
	size_t ng;
	bool ok = true;
	int code, nk;

	if ((code = parse(c, argc, argv, &o, 0)) >= 0)
		return code;
	if ((nk = pick_kpis(o.cmd, o.kpis, !c->json && !o.csv, k)) < 0)
		return EXIT_USAGE;
	kf_err_clear(&err);
	if (kf_report_breakdown(c->k, &o.period, o.by, &g, &ng, &err) != KF_OK)
		return cli_fail(&err);
	if ((code = out_open(c, &o)) >= 0) {
		kf_report_breakdown_free(g, ng);
		return code;
	}
	if (c->json)
		print_groups_json(c, &o, g, ng, k, nk);
	else if (o.csv)
		ok = print_groups_csv(c, &o, g, ng, k, nk);
	else
		print_groups_text(&o, g, ng, k, nk);
	kf_report_breakdown_free(g, ng);
	return out_done(c, &o, ok, 0);
}

/* ---- trend: one figure over twelve months ---- */

/* A bar of eighths of a cell: width cells for full. */
static void
print_bar(int64_t part, int64_t full, int width)
{
	static const char *const eighth[8] = {
		"", "▏", "▎", "▍", "▌", "▋", "▊", "▉",
	};
	int64_t e;
	int i;

	if (full <= 0 || part <= 0)
		return;
	e = part * width * 8 / full;
	if (e == 0)
		e = 1;	/* something is not nothing */
	for (i = 0; i < e / 8; i++)
		fputs("█", stdout);
	fputs(eighth[e % 8], stdout);
}

static int
report_trend(struct cli *c, int argc, char **argv)
{
	struct ropts o = { .cmd = "report trend", .allowed = O_TO | O_SCOPE |
	    O_CSV };
	const struct kf_kpi_def *d;
	struct kf_kpi_trend t;
	struct kf_period last;
	struct kf_err err;
	enum kf_kpi kpi;
	char buf[48], n1[32], n2[32], label[64];
	const char *v[6];
	int64_t full = 0;
	bool ok = true;
	int code, i, w, vw = 6;

	if ((code = parse(c, argc, argv, &o, 1)) >= 0)
		return code;
	kf_err_clear(&err);
	if (kf_kpi_parse(o.pos, &kpi, &err) != KF_OK)
		return cli_fail(&err);
	d = kf_kpi_def(kpi);
	if (o.have_to)
		last = o.to;
	else	/* the month now running, so far */
		kf_period_at(KF_PERIOD_MONTH, kf_core_now(c->k), &last);
	if (kf_report_trend(c->k, kpi, &last, scope_of(&o), &t, &err) != KF_OK)
		return cli_fail(&err);
	if ((code = out_open(c, &o)) >= 0)
		return code;
	if (c->json) {
		printf("{");
		json_def(d);
		json_scope(c, &o);
		printf(",\"months\":[");
		for (i = 0; i < KF_TREND_MONTHS; i++) {
			printf("%s{\"month\":", i ? "," : "");
			cli_json_str(stdout, t.month[i].key);
			cli_json_key_int("from", t.month[i].from);
			cli_json_key_int("to", t.month[i].to);
			printf(",\"value\":");
			json_value(d, &t.v[i]);
			printf("}");
		}
		printf("]}\n");
		return out_done(c, &o, true, 0);
	}
	if (o.csv) {
		static const char *const head[] = {
			"key", "figure", "month", "value", "num", "den",
		};

		csv_start();
		ok = csv_row(head, 6);
		for (i = 0; ok && i < KF_TREND_MONTHS; i++) {
			v[0] = d->key;
			v[1] = kf_gettext(d->label);
			v[2] = t.month[i].key;
			v[3] = csv_value(d, &t.v[i], buf, sizeof(buf));
			v[4] = csv_int(t.v[i].has, t.v[i].num, n1, sizeof(n1));
			v[5] = csv_int(t.v[i].has, t.v[i].den, n2, sizeof(n2));
			ok = csv_row(v, 6);
		}
		return out_done(c, &o, ok, 0);
	}
	/* A rate's bar is out of 100%; a count's or money's out of the
	 * largest month. The values as wide as the widest. */
	for (i = 0; i < KF_TREND_MONTHS; i++) {
		if (!no_value(d, &t.v[i]) && t.v[i].num > full)
			full = t.v[i].num;
		kf_kpi_format(d, &t.v[i], buf, sizeof(buf));
		if ((w = kf_utf8_width(buf)) > vw)
			vw = w;
	}
	cli_text(stdout, kf_gettext(d->label));
	kf_period_label(&t.month[KF_TREND_MONTHS - 1], label, sizeof(label));
	printf(" (%s), twelve months to ", d->key);
	cli_text(stdout, label);
	printf(", ");
	print_scope(c, &o);
	printf("\n\n");
	for (i = 0; i < KF_TREND_MONTHS; i++) {
		kf_kpi_format(d, &t.v[i], buf, sizeof(buf));
		printf("%s ", t.month[i].key);
		for (w = kf_utf8_width(buf); w < vw; w++)
			putchar(' ');
		printf("%s", buf);
		if (!no_value(d, &t.v[i]) && t.v[i].num > 0) {
			printf("  ");
			if (d->kind == KF_KPI_K_RATE)
				print_bar(kf_kpi_permille(&t.v[i]), 1000, 40);
			else
				print_bar(t.v[i].num, full, 40);
		}
		putchar('\n');
	}
	return out_done(c, &o, true, 0);
}

/* ---- drill: the records behind a figure ---- */

static const char *
part_key(enum kf_drill_part p)
{
	return p == KF_DRILL_DEN ? "den" : p == KF_DRILL_MISS ? "missed" :
	    "num";
}

/* The command that shows a record of kind d, for the text's last line. */
static const char *
show_command(enum kf_drill_kind d)
{
	switch (d) {
	case KF_DRILL_CONTACT:		return "kefu contact show ID";
	case KF_DRILL_ORDER:		return "kefu order show ID";
	case KF_DRILL_COMPLAINT:	return "kefu complaint show ID";
	case KF_DRILL_NOTICE:		return "kefu notice show ID";
	case KF_DRILL_PAYMENT:		return "kefu receipt show NUMBER";
	case KF_DRILL_CALLBACK:		return "kefu callback show ID";
	}
	return "-";
}

/* Money in yuan as the tables show it ("¥12.50"), or "" for none. */
static const char *
amount_text(const struct kf_kpi_def *d, int64_t fen, bool csv, char *buf,
    size_t n)
{
	struct kf_kpi_value v = { true, fen, 1 };
	struct kf_kpi_def money = *d;

	if (d->kind != KF_KPI_K_MONEY) {
		snprintf(buf, n, "%s", "");
		return buf;
	}
	money.kind = KF_KPI_K_MONEY;
	if (csv)
		return csv_value(&money, &v, buf, n);
	kf_kpi_format(&money, &v, buf, n);
	return buf;
}

static int
report_drill(struct cli *c, int argc, char **argv)
{
	struct ropts o = { .cmd = "report drill", .allowed = O_PERIOD |
	    O_SCOPE | O_CSV | O_PART | O_LIMIT, .part = KF_DRILL_NUM,
	    .limit = DRILL_LIMIT };
	static const char *const head[] = {
		"kind", "id", "when", "amount", "label",
	};
	struct kf_drill_item *v = NULL, anchor;
	const struct kf_kpi_def *d;
	struct kf_err err;
	enum kf_kpi kpi;
	const char *f[5];
	char id[24], when[32], amt[48], label[64];
	int64_t total = 0;
	long long shown = 0;
	size_t n = 0, i;
	bool ok = true, more = true, first = true;
	int code = 0, page;

	if ((code = parse(c, argc, argv, &o, 1)) >= 0)
		return code;
	kf_err_clear(&err);
	if (kf_kpi_parse(o.pos, &kpi, &err) != KF_OK)
		return cli_fail(&err);
	d = kf_kpi_def(kpi);
	memset(&anchor, 0, sizeof(anchor));
	code = 0;
	/* Page after page, each after the last record shown (keyset), as
	 * far as --limit: the first page's refusal is the command's. */
	while (more) {
		page = DRILL_PAGE;
		if (o.limit > 0 && o.limit - shown < page)
			page = (int)(o.limit - shown);
		if (kf_report_drill(c->k, kpi, &o.period, scope_of(&o), o.part,
		    first ? NULL : &anchor, page, &v, &n, first ? &total : NULL,
		    &err) != KF_OK) {
			if (first)
				return cli_fail(&err);
			if (c->json)	/* what was shown stays whole */
				printf("]}\n");
			fflush(stdout);
			code = cli_fail(&err);
			break;
		}
		if (first) {
			first = false;
			if ((code = out_open(c, &o)) >= 0) {
				kf_drill_free(v, n);
				return code;
			}
			code = 0;
			if (c->json) {
				printf("{");
				json_def(d);
				json_period("period", &o.period);
				json_scope(c, &o);
				cli_json_key_str("part", part_key(o.part));
				cli_json_key_int("total", total);
				printf(",\"items\":[");
			} else if (o.csv) {
				csv_start();
				ok = csv_row(head, 5);
			} else {
				cli_text(stdout, kf_gettext(d->label));
				printf(" (%s), ", d->key);
				kf_period_label(&o.period, label, sizeof(label));
				cli_text(stdout, label);
				printf(", ");
				print_scope(c, &o);
				printf(", %s: %lld\n", part_key(o.part),
				    (long long)total);
				if (n > 0)
					printf("%-9s %8s  %-16s  %s\n", "KIND",
					    "ID", "WHEN", "RECORD");
			}
		}
		for (i = 0; i < n; i++) {
			const struct kf_drill_item *it = &v[i];

			if (c->json) {
				printf("%s{\"kind\":", shown ? "," : "");
				cli_json_str(stdout,
				    kf_drill_kind_key(it->kind));
				cli_json_key_int("id", it->id);
				cli_json_key_int("at", it->at);
				cli_json_key_int("amount", it->amount);
				cli_json_key_str("label", it->label);
				printf("}");
			} else if (o.csv && ok) {
				snprintf(id, sizeof(id), "%lld",
				    (long long)it->id);
				f[0] = kf_drill_kind_key(it->kind);
				f[1] = id;
				f[2] = cli_time(it->at, when, sizeof(when));
				f[3] = amount_text(d, it->amount, true, amt,
				    sizeof(amt));
				f[4] = it->label;
				ok = csv_row(f, 5);
			} else if (!o.csv) {
				printf("%-9s %8lld  %-16s  ",
				    kf_drill_kind_key(it->kind),
				    (long long)it->id,
				    cli_time(it->at, when, sizeof(when)));
				if (d->kind == KF_KPI_K_MONEY)
					printf("%s ", amount_text(d,
					    it->amount, false, amt,
					    sizeof(amt)));
				cli_text(stdout, it->label);
				putchar('\n');
			}
			shown++;
		}
		if (n > 0) {
			anchor.at = v[n - 1].at;
			anchor.id = v[n - 1].id;
			anchor.sub = v[n - 1].sub;
		}
		more = n == (size_t)page && (o.limit == 0 || shown < o.limit);
		kf_drill_free(v, n);
		v = NULL;
		n = 0;
	}
	if (code != 0)
		return out_done(c, &o, ok, code);
	if (c->json)
		printf("]}\n");
	else if (!o.csv && total > shown)
		printf("(%lld of %lld shown: --limit N or --all for more; "
		    "open one with %s)\n", shown, (long long)total,
		    show_command(d->drill));
	else if (!o.csv && shown > 0)
		printf("(open one with %s)\n", show_command(d->drill));
	return out_done(c, &o, ok, code);
}

/* ---- summary: the quarter written up in Chinese ---- */

/* Prints s (several lines) harmlessly, line feeds kept. */
static void
print_lines(const char *s)
{
	const char *nl;
	char *line;

	while (*s != '\0') {
		nl = strchr(s, '\n');
		line = nl ? xasprintf("%.*s", (int)(nl - s), s) : xstrdup(s);
		cli_text(stdout, line);
		free(line);
		if (nl == NULL)
			break;
		putchar('\n');
		s = nl + 1;
	}
}

static int
report_summary(struct cli *c, int argc, char **argv)
{
	struct ropts o = { .cmd = "report summary", .allowed = O_PERIOD |
	    O_SCOPE | O_FORMAT, .format = KF_SUMMARY_MARKDOWN };
	struct kf_err err;
	char *text = NULL;
	int code;

	if ((code = parse(c, argc, argv, &o, 0)) >= 0)
		return code;
	kf_err_clear(&err);
	if (kf_report_summary(c->k, &o.period, scope_of(&o), o.format, &text,
	    &err) != KF_OK)
		return cli_fail(&err);
	if ((code = out_open(c, &o)) >= 0) {
		free(text);
		return code;
	}
	if (c->json) {
		printf("{\"format\":");
		cli_json_str(stdout, o.format == KF_SUMMARY_TEXT ? "text" :
		    "markdown");
		json_period("period", &o.period);
		cli_json_key_str("text", text);
		printf("}\n");
	} else
		print_lines(text);
	free(text);
	return out_done(c, &o, true, 0);
}

/* ---- the command ---- */

static int
run_report(struct cli *c, int argc, char **argv)
{
	const char *verb = argc > 1 ? argv[1] : "";

	argc--;
	argv++;
	if (strcmp(verb, "kpi") == 0)
		return report_kpi(c, argc, argv);
	if (strcmp(verb, "staff") == 0)
		return report_staff(c, argc, argv);
	if (strcmp(verb, "sla") == 0)
		return report_sla(c, argc, argv);
	if (strcmp(verb, "trend") == 0)
		return report_trend(c, argc, argv);
	if (strcmp(verb, "drill") == 0)
		return report_drill(c, argc, argv);
	if (strcmp(verb, "summary") == 0)
		return report_summary(c, argc, argv);
	if (*verb == '\0')
		return cli_usage("report", "needs a verb: kpi, staff, sla, "
		    "trend, drill or summary");
	return cli_usage("report", "unknown verb '%.20s'", verb);
}

const struct cli_cmd cmd_report = {
	.name = "report",
	.summary = "reports (R53): kpi, staff, sla, trend, drill, summary",
	.help =
	    "usage: kefu report kpi PERIOD [SCOPE] [--json | --csv] [-o FILE]\n"
	    "       kefu report sla PERIOD [SCOPE] [--json | --csv] [-o FILE]\n"
	    "       kefu report staff PERIOD [--by staff|role|community]\n"
	    "           [--kpi KEY,...] [--json | --csv] [-o FILE]\n"
	    "       kefu report trend KPI [--to MONTH] [SCOPE] [--json | --csv]\n"
	    "           [-o FILE]\n"
	    "       kefu report drill KPI PERIOD [--num | --den | --missed]\n"
	    "           [--limit N | --all] [SCOPE] [--json | --csv] [-o FILE]\n"
	    "       kefu report summary PERIOD [--markdown | --text] [SCOPE]\n"
	    "           [--json] [-o FILE]\n"
	    "\n"
	    "PERIOD is --month YYYY-MM (2026-11) or --quarter YYYYQn (2026Q4),\n"
	    "local time, or --month last / --quarter last: the one before the\n"
	    "period now running (for cron). SCOPE is one of --staff LOGIN,\n"
	    "--role ROLE (the team: who holds that role now) or --community C\n"
	    "(--community '' : the records of no community, unknown callers');\n"
	    "without one, the whole service. Supervisors and admins (exit 4\n"
	    "for others). A period not yet begun, or one that ends before the\n"
	    "first record, is refused (exit 5) rather than shown as zeros; the\n"
	    "period now running is reported so far. A badly written period\n"
	    "(2026Q5, 2026-13, Q4 2026) is exit 1.\n"
	    "\n"
	    "kpi: every figure of R53 (contacts by channel and purpose,\n"
	    "satisfaction, complaints received, handled, resolution, closure\n"
	    "R39 and on time per clock, on-time arrival R2 and repair R3 and\n"
	    "each category, callback completion R47, billed, collected,\n"
	    "arrears) for the period, the one before and the same one last\n"
	    "year. A rate with nothing to count, a period before the first\n"
	    "record and money by person are \"—\", never 0%. sla: the on-time\n"
	    "rates alone, with met/decided. staff: every figure per staff\n"
	    "member (--by role: per team; --by community: per community); the\n"
	    "text shows R53's columns, --kpi chooses. trend: one figure (KPI, a\n"
	    "key such as orders.arrival; kpi --json lists them) over the twelve\n"
	    "months to --to (default: this month, so far), with bars. drill:\n"
	    "the records behind a figure (kind, id, when, what): --num those\n"
	    "counted (the default), --den the whole denominator, --missed the\n"
	    "rest (the late arrivals); --limit N (default 100) or --all; each\n"
	    "opens with its own show command (kefu order show ID). summary: the\n"
	    "quarterly summary of the seed template (客服总结手册模板), in\n"
	    "Chinese, from the data: Markdown (default) or --text.\n"
	    "\n"
	    "--json: figures as {num, den, value}, null without a value; times\n"
	    "in epoch seconds. --csv (not with --json): UTF-8 with a byte-order\n"
	    "mark, so WPS and Excel open it as such; a count 1234, a rate\n"
	    "87.5%, money in yuan; a cell beginning with = + - @ is written\n"
	    "behind a single quote (never run as a formula). -o FILE (--out):\n"
	    "the report into FILE instead of standard output, replaced, readable\n"
	    "by you alone; a refused report leaves FILE as it was, one that fails\n"
	    "half-way removes it; \"wrote FILE\" is said. Every figure is\n"
	    "defined in docs/reports.md. Reports only read: nothing is written\n"
	    "to the database, not even an audit row.\n",
	.run = run_report,
	.needs_actor = true,
};
