/*
 * cmd_customer.c — the customer register from the command line:
 * kefu customer add|show|find|edit|import|export.
 *
 * Files the person names (import, its reject file, export) are opened
 * with the person's own group, never the setgid one, so the command can
 * read or write nothing the person could not anyway (the database's
 * directory included).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"
#include "kefu/clock.h"
#include "kefu/customer.h"
#include "kefu/customer_csv.h"
#include "kefu/perm.h"
#include "kefu/util.h"

#define SHOW_BAD	20	/* bad rows listed after a --skip-bad import */

static const char *
or_dash(const char *s)
{
	return s != NULL && *s != '\0' ? s : "-";
}

/* "138..., 139..." */
static void
phones_text(const struct kf_customer *c, struct kf_buf *b, const char *sep)
{
	int i;

	kf_buf_reset(b);
	kf_buf_puts(b, "");
	for (i = 0; i < KF_MAX_PHONES && c->phones[i] != NULL; i++) {
		if (i > 0)
			kf_buf_puts(b, sep);
		kf_buf_puts(b, c->phones[i]);
	}
}

static void
print_json(const struct kf_customer *c)
{
	int i;

	printf("{\"id\":%lld,\"account\":", (long long)c->id);
	cli_json_str(stdout, c->account);
	printf(",\"name\":");
	cli_json_str(stdout, c->name);
	printf(",\"phones\":[");
	for (i = 0; i < KF_MAX_PHONES && c->phones[i] != NULL; i++) {
		printf("%s", i ? "," : "");
		cli_json_str(stdout, c->phones[i]);
	}
	printf("],\"community\":");
	cli_json_str(stdout, c->community);
	printf(",\"building\":");
	cli_json_str(stdout, c->building);
	printf(",\"unit\":");
	cli_json_str(stdout, c->unit);
	printf(",\"room\":");
	cli_json_str(stdout, c->room);
	printf(",\"address\":");
	cli_json_str(stdout, c->address);
	printf(",\"kind\":\"%s\",\"move_in\":", kf_customer_kind_name(c->kind));
	cli_json_str(stdout, c->move_in);
	printf(",\"notes\":");
	cli_json_str(stdout, c->notes);
	printf(",\"status\":\"%s\",\"created_at\":%lld,\"version\":%lld}",
	    kf_customer_status_name(c->status), (long long)c->created_at,
	    (long long)c->version);
}

/* ---- add and edit ---- */

/* The options add and edit share; NULL: not given. */
struct fields {
	const char	*account, *name, *community, *building, *unit, *room;
	const char	*address, *kind, *move_in, *notes, *status;
	const char	*phones[KF_MAX_PHONES];
	int		 nphones;
	long long	 version;
	bool		 any;
};

static const struct option field_opts[] = {
	{ "account", required_argument, NULL, 'a' },
	{ "name", required_argument, NULL, 'n' },
	{ "phone", required_argument, NULL, 'p' },
	{ "community", required_argument, NULL, 'c' },
	{ "building", required_argument, NULL, 'b' },
	{ "unit", required_argument, NULL, 'u' },
	{ "room", required_argument, NULL, 'r' },
	{ "address", required_argument, NULL, 'd' },
	{ "kind", required_argument, NULL, 'k' },
	{ "move-in", required_argument, NULL, 'm' },
	{ "notes", required_argument, NULL, 'o' },
	{ "status", required_argument, NULL, 's' },
	{ "version", required_argument, NULL, 'v' },
	{ NULL, 0, NULL, 0 },
};

/* Parses the options of add (edit: also --status and --version). */
static int
parse_fields(const char *cmd, bool edit, int argc, char **argv,
    struct fields *fv)
{
	int ch, li = 0;

	memset(fv, 0, sizeof(*fv));
	while ((ch = getopt_long(argc, argv, ":", field_opts, &li)) != -1) {
		if (!edit && (ch == 's' || ch == 'v'))
			return cli_usage(cmd, "unknown option --%s",
			    field_opts[li].name);
		if (ch != 'v')
			fv->any = true;
		switch (ch) {
		case 'a':	fv->account = optarg; break;
		case 'n':	fv->name = optarg; break;
		case 'p':
			if (fv->nphones == KF_MAX_PHONES)
				return cli_usage(cmd, "at most %d --phone",
				    KF_MAX_PHONES);
			fv->phones[fv->nphones++] = optarg;
			break;
		case 'c':	fv->community = optarg; break;
		case 'b':	fv->building = optarg; break;
		case 'u':	fv->unit = optarg; break;
		case 'r':	fv->room = optarg; break;
		case 'd':	fv->address = optarg; break;
		case 'k':	fv->kind = optarg; break;
		case 'm':	fv->move_in = optarg; break;
		case 'o':	fv->notes = optarg; break;
		case 's':	fv->status = optarg; break;
		case 'v':
			if (!cli_int(cmd, "--version", optarg, &fv->version))
				return EXIT_USAGE;
			if (fv->version < 1)
				return cli_usage(cmd, "--version must be 1 or "
				    "more");
			break;
		default:
			return cli_getopt_fail(cmd, ch, argv);
		}
	}
	return 0;
}

static void
set(char **dst, const char *v)
{
	if (v == NULL)
		return;
	free(*dst);
	*dst = xstrdup(v);
}

/* Applies the options given to c; prints and returns 1 for a bad value. */
static int
apply(const char *cmd, const struct fields *fv, struct kf_customer *c)
{
	int i;

	set(&c->account, fv->account);
	set(&c->name, fv->name);
	set(&c->community, fv->community);
	set(&c->building, fv->building);
	set(&c->unit, fv->unit);
	set(&c->room, fv->room);
	set(&c->address, fv->address);
	set(&c->move_in, fv->move_in);
	set(&c->notes, fv->notes);
	if (fv->nphones > 0)
		for (i = 0; i < KF_MAX_PHONES; i++) {
			free(c->phones[i]);
			c->phones[i] = i < fv->nphones ?
			    xstrdup(fv->phones[i]) : NULL;
		}
	if (fv->kind != NULL && !kf_customer_kind_from_text(fv->kind,
	    &c->kind))
		return cli_usage(cmd, "--kind takes resident, commercial or "
		    "other (居民, 商户 or 其他)");
	if (fv->status != NULL && (*fv->status == '\0' ||
	    !kf_customer_status_from_text(fv->status, &c->status)))
		return cli_usage(cmd, "--status takes active or moved_out "
		    "(在住 or 迁出)");
	return 0;
}

static int
customer_add(struct cli *c, int argc, char **argv)
{
	struct kf_customer cu = { 0 };
	struct fields fv;
	struct kf_err err;
	int64_t id = 0;
	int code;

	if ((code = parse_fields("customer add", false, argc, argv, &fv)) != 0)
		return code;
	if (argc != optind)
		return cli_usage("customer add", "unexpected argument '%.40s'",
		    argv[optind]);
	if (fv.name == NULL)
		return cli_usage("customer add", "needs --name");
	if ((code = apply("customer add", &fv, &cu)) != 0)
		goto out;
	kf_err_clear(&err);
	if (kf_customer_add(c->k, &cu, &id, &err) != KF_OK) {
		code = cli_fail(&err);
		goto out;
	}
	if (c->json) {
		printf("{\"id\":%lld,\"account\":", (long long)id);
		cli_json_str(stdout, cu.account);
		printf("}\n");
	} else {
		printf("added ");
		cli_text(stdout, cu.name);
		printf(" (account ");
		cli_text(stdout, cu.account);
		printf(")\n");
	}
out:
	kf_customer_clear(&cu);
	return code;
}

static int
customer_show(struct cli *c, int argc, char **argv)
{
	struct kf_customer cu;
	struct kf_buf b = { 0 };
	struct kf_err err;
	char when[32];

	(void)argv;
	if (argc != 2)
		return cli_usage("customer show", "needs ACCOUNT");
	kf_err_clear(&err);
	if (kf_customer_get_account(c->k, argv[1], &cu, &err) != KF_OK)
		return cli_fail(&err);
	if (c->json) {
		print_json(&cu);
		putchar('\n');
		kf_customer_clear(&cu);
		return 0;
	}
	/* Stored text through cli_text: never raw to a terminal. */
	printf("account:   ");
	cli_text(stdout, cu.account);
	printf("\nname:      ");
	cli_text(stdout, cu.name);
	phones_text(&cu, &b, ", ");
	printf("\nphones:    ");
	cli_text(stdout, or_dash(kf_buf_str(&b)));
	printf("\ncommunity: ");
	cli_text(stdout, or_dash(cu.community));
	printf("\nbuilding:  ");
	cli_text(stdout, or_dash(cu.building));
	printf("\nunit:      ");
	cli_text(stdout, or_dash(cu.unit));
	printf("\nroom:      ");
	cli_text(stdout, or_dash(cu.room));
	printf("\naddress:   ");
	cli_text(stdout, or_dash(cu.address));
	printf("\nkind:      %s\nmove-in:   ", kf_customer_kind_name(cu.kind));
	cli_text(stdout, or_dash(cu.move_in));
	printf("\nnotes:     ");
	cli_text(stdout, or_dash(cu.notes));
	kf_time_local(cu.created_at, when, sizeof(when));
	printf("\nstatus:    %s\ncreated:   %s\nversion:   %lld\n",
	    kf_customer_status_name(cu.status), when, (long long)cu.version);
	kf_buf_free(&b);
	kf_customer_clear(&cu);
	return 0;
}

/* A deep copy of src (the "after" of an edit). */
static void
copy_customer(struct kf_customer *dst, const struct kf_customer *src)
{
	int i;

	*dst = *src;
#define DUP(f) dst->f = src->f ? xstrdup(src->f) : NULL
	DUP(account);
	DUP(name);
	DUP(community);
	DUP(building);
	DUP(unit);
	DUP(room);
	DUP(address);
	DUP(move_in);
	DUP(notes);
	for (i = 0; i < KF_MAX_PHONES; i++)
		DUP(phones[i]);
#undef DUP
}

static int
customer_edit(struct cli *c, int argc, char **argv)
{
	struct kf_customer before, after;
	struct fields fv;
	struct kf_err err;
	int code;

	if ((code = parse_fields("customer edit", true, argc, argv, &fv)) != 0)
		return code;
	if (argc - optind != 1)
		return cli_usage("customer edit", "needs ACCOUNT");
	if (!fv.any)
		return cli_usage("customer edit", "nothing to change: give "
		    "--name, --phone, --status or another field");
	kf_err_clear(&err);
	if (kf_customer_get_account(c->k, argv[optind], &before, &err) != KF_OK)
		return cli_fail(&err);
	copy_customer(&after, &before);
	if (fv.version > 0)
		before.version = fv.version;	/* the version they read */
	if ((code = apply("customer edit", &fv, &after)) != 0)
		goto out;
	if (kf_customer_edit(c->k, &before, &after, &err) != KF_OK) {
		code = cli_fail(&err);
		goto out;
	}
	if (c->json) {
		printf("{\"account\":");
		cli_json_str(stdout, after.account);
		printf(",\"changed\":true}\n");
	} else {
		printf("changed ");
		cli_text(stdout, after.account);
		putchar('\n');
	}
out:
	kf_customer_clear(&before);
	kf_customer_clear(&after);
	return code;
}

/* ---- find ---- */

static int
customer_find(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "limit", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	struct kf_customer_hit *h;
	struct kf_buf b = { 0 };
	char *addr;
	struct kf_err err;
	long long limit = 20;
	size_t n, i;
	int ch;

	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (ch != 'n')
			return cli_getopt_fail("customer find", ch, argv);
		if (!cli_int("customer find", "--limit", optarg, &limit))
			return EXIT_USAGE;
		if (limit < 1 || limit > 100)
			return cli_usage("customer find", "--limit must be 1 "
			    "to 100");
	}
	if (argc - optind != 1)
		return cli_usage("customer find", "needs one QUERY (quote it "
		    "when it has spaces)");
	kf_err_clear(&err);
	if (kf_customer_find(c->k, argv[optind], (int)limit, &h, &n, &err) !=
	    KF_OK)
		return cli_fail(&err);
	if (c->json) {
		printf("[");
		for (i = 0; i < n; i++) {
			printf("%s{\"why\":\"%s\",\"score\":%d,\"customer\":",
			    i ? "," : "", h[i].why, h[i].score);
			print_json(&h[i].c);
			printf("}");
		}
		printf("]\n");
	} else if (n == 0)
		printf("no customer matches\n");
	else {
		printf("%-12s %-16s %-25s %-36s %s\n", "ACCOUNT", "NAME",
		    "PHONES", "ADDRESS", "WHY");
		for (i = 0; i < n; i++) {
			cli_pad(stdout, h[i].c.account, 12);
			putchar(' ');
			cli_pad(stdout, h[i].c.name, 16);
			putchar(' ');
			phones_text(&h[i].c, &b, ",");
			cli_pad(stdout, or_dash(kf_buf_str(&b)), 25);
			putchar(' ');
			addr = kf_customer_address(&h[i].c);
			cli_pad(stdout, or_dash(addr), 36);
			free(addr);
			printf(" %s\n", h[i].why);
		}
	}
	kf_buf_free(&b);
	kf_customer_hits_free(h, n);
	return 0;
}

/* ---- import and export ---- */

/* FILE without a trailing ".csv", then ".rejects.csv" (allocated). */
static char *
default_rejects(const char *file)
{
	size_t len = strlen(file);

	if (len > 4 && strcasecmp(file + len - 4, ".csv") == 0)
		len -= 4;
	return xasprintf("%.*s.rejects.csv", (int)len, file);
}

static void
print_bad(FILE *f, const struct kf_import_bad *b)
{
	fprintf(f, "line %lu: ", b->line);
	if (b->field[0] != '\0') {
		cli_text(f, b->field);
		fputs(": ", f);
	}
	cli_text(f, b->reason);
	fputc('\n', f);
}

static void
print_report_json(const struct kf_import_report *rep, const char *rejects,
    const char *error)
{
	size_t i;

	printf("{\"imported\":%zu,\"rows\":%zu,\"blank\":%zu,\"bad_count\":%zu,"
	    "\"bad\":[", rep->imported, rep->rows, rep->blank, rep->nbad);
	for (i = 0; i < rep->nlisted; i++) {
		printf("%s{\"line\":%lu,\"field\":", i ? "," : "",
		    rep->bad[i].line);
		cli_json_str(stdout, rep->bad[i].field);
		printf(",\"reason\":");
		cli_json_str(stdout, rep->bad[i].reason);
		printf("}");
	}
	printf("],\"rejects\":");
	cli_json_str(stdout, rejects);
	printf(",\"error\":");
	cli_json_str(stdout, error);
	printf("}\n");
}

static int
customer_import(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "skip-bad", no_argument, NULL, 's' },
		{ "rejects", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	struct kf_import_report rep;
	struct kf_err err;
	const char *file, *rejects_arg = NULL;
	char *rejects = NULL;
	FILE *in = NULL, *rf = NULL;
	bool skip_bad = false, kept = false;
	enum kf_rc rc;
	size_t i, lines;
	int ch, code = 0, secs;

	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 's':	skip_bad = true; break;
		case 'r':	rejects_arg = optarg; break;
		default:
			return cli_getopt_fail("customer import", ch, argv);
		}
	}
	if (argc - optind != 1)
		return cli_usage("customer import", "needs one FILE (- for "
		    "standard input)");
	file = argv[optind];
	if (rejects_arg != NULL && !skip_bad)
		return cli_usage("customer import", "--rejects goes with "
		    "--skip-bad");
	if (skip_bad && rejects_arg == NULL && strcmp(file, "-") == 0)
		return cli_usage("customer import", "--skip-bad from standard "
		    "input needs --rejects FILE");
	if (skip_bad)
		rejects = rejects_arg ? xstrdup(rejects_arg) :
		    default_rejects(file);
	if (strcmp(file, "-") == 0)
		in = stdin;
	else if ((in = open_as_person(c, file, "r")) == NULL) {
		fprintf(stderr, "kefu: cannot open ");
		cli_text(stderr, file);
		fprintf(stderr, ": %s\n", strerror(errno));
		free(rejects);
		return EXIT_USAGE;
	}
	if (rejects != NULL && (rf = open_as_person(c, rejects, "w")) == NULL) {
		fprintf(stderr, "kefu: cannot write ");
		cli_text(stderr, rejects);
		fprintf(stderr, ": %s\n", strerror(errno));
		code = kf_rc_exit(KF_DBERR);
		goto out;
	}
	kf_err_clear(&err);
	/* Said before it starts: the import is one transaction, so the desk
	 * cannot save while it runs (issue 11). */
	if (kf_may(c->k, KF_ACT_CUSTOMER_EDIT, 0, &err) == KF_OK &&
	    kf_customer_import_estimate(in, &lines, &secs, &err) == KF_OK &&
	    (int64_t)secs * 1000 > KF_BUSY_PATIENCE_MS)
		fprintf(stderr, "kefu: %zu lines: this import holds the "
		    "database for about %d s (all or nothing); meanwhile "
		    "others' saves wait about %d s, then give up naming it. "
		    "Large files are best imported out of hours.\n", lines,
		    secs, KF_BUSY_PATIENCE_MS / 1000);
	kf_err_clear(&err);
	rc = kf_customer_import(c->k, in, skip_bad, rf, &rep, &err);
	if (rf != NULL) {
		kept = rc == KF_OK && rep.nbad > 0;
		if (fclose(rf) != 0 && kept) {
			rc = kf_err_set(&err, KF_DBERR, "cannot write the "
			    "reject file: %s", strerror(errno));
			kept = false;
		}
		rf = NULL;
		if (!kept)
			unlink_as_person(c, rejects);
	}
	if (c->json && (rc == KF_OK || rep.nbad > 0))
		print_report_json(&rep, kept ? rejects : NULL,
		    rc == KF_OK ? NULL : err.msg);
	if (rc != KF_OK) {
		/* A report: every bad row listed, then the one-line verdict. */
		if (!c->json)
			for (i = 0; i < rep.nlisted; i++)
				print_bad(stderr, &rep.bad[i]);
		if (!c->json && rep.nbad > rep.nlisted)
			fprintf(stderr, "... and %zu more bad rows\n",
			    rep.nbad - rep.nlisted);
		code = cli_fail(&err);
	} else if (!c->json) {
		printf("imported %zu customer%s", rep.imported,
		    rep.imported == 1 ? "" : "s");
		if (rep.nbad > 0) {
			printf("; %zu bad row%s written to ", rep.nbad,
			    rep.nbad == 1 ? " was" : "s were");
			cli_text(stdout, rejects);
		}
		putchar('\n');
		for (i = 0; i < rep.nlisted && i < SHOW_BAD; i++)
			print_bad(stdout, &rep.bad[i]);
		if (rep.nbad > SHOW_BAD)
			printf("... and %zu more\n", rep.nbad - SHOW_BAD);
	}
	kf_import_report_free(&rep);
out:
	if (in != NULL && in != stdin)
		fclose(in);
	free(rejects);
	return code;
}

static int
customer_export(struct cli *c, int argc, char **argv)
{
	struct kf_err err;
	const char *file = NULL;
	FILE *out = stdout;
	size_t n = 0;
	enum kf_rc rc;
	int x;

	/* FILE, or --out FILE as `contact export` takes it. */
	if (argc == 3 && strcmp(argv[1], "--out") == 0)
		file = strcmp(argv[2], "-") != 0 ? argv[2] : NULL;
	else if (argc > 2)
		return cli_usage("customer export", "takes at most one FILE");
	else if (argc == 2 && strcmp(argv[1], "--out") == 0)
		return cli_usage("customer export", "option --out needs a FILE");
	else if (argc == 2 && strcmp(argv[1], "-") != 0) {
		if (argv[1][0] == '-')
			return cli_usage("customer export", "unknown option %s",
			    argv[1]);
		file = argv[1];
	}
	if (file != NULL && (out = open_as_person(c, file, "w")) == NULL) {
		fprintf(stderr, "kefu: cannot write ");
		cli_text(stderr, file);
		fprintf(stderr, ": %s\n", strerror(errno));
		return kf_rc_exit(KF_DBERR);
	}
	kf_err_clear(&err);
	rc = kf_customer_export(c->k, out, &n, &err);
	if (file != NULL) {
		x = fclose(out);
		if (rc == KF_OK && x != 0)
			rc = kf_err_set(&err, KF_DBERR, "cannot write the "
			    "export: %s", strerror(errno));
		if (rc != KF_OK)
			unlink_as_person(c, file);	/* no half a file */
	}
	if (rc != KF_OK)
		return cli_fail(&err);
	if (file != NULL && c->json) {
		printf("{\"exported\":%zu,\"file\":", n);
		cli_json_str(stdout, file);
		printf("}\n");
	} else if (file != NULL) {
		printf("exported %zu customer%s to ", n, n == 1 ? "" : "s");
		cli_text(stdout, file);
		putchar('\n');
	}
	return 0;
}

static int
run_customer(struct cli *c, int argc, char **argv)
{
	const char *verb = argc > 1 ? argv[1] : "";

	argc--;
	argv++;
	if (strcmp(verb, "add") == 0)
		return customer_add(c, argc, argv);
	if (strcmp(verb, "show") == 0)
		return customer_show(c, argc, argv);
	if (strcmp(verb, "find") == 0)
		return customer_find(c, argc, argv);
	if (strcmp(verb, "edit") == 0)
		return customer_edit(c, argc, argv);
	if (strcmp(verb, "import") == 0)
		return customer_import(c, argc, argv);
	if (strcmp(verb, "export") == 0)
		return customer_export(c, argc, argv);
	if (*verb == '\0')
		return cli_usage("customer", "needs a verb: add, show, find, "
		    "edit, import or export");
	return cli_usage("customer", "unknown verb '%.20s'", verb);
}

const struct cli_cmd cmd_customer = {
	.name = "customer",
	.summary = "customers: add, show, find, edit, import, export (CSV)",
	.help =
	    "usage: kefu customer add --name NAME [FIELDS]\n"
	    "       kefu customer show ACCOUNT\n"
	    "       kefu customer find QUERY [--limit N]\n"
	    "       kefu customer edit ACCOUNT [FIELDS] [--status S] "
	    "[--version V]\n"
	    "       kefu customer import FILE [--skip-bad [--rejects FILE]]\n"
	    "       kefu customer export [FILE | --out FILE]\n"
	    "\n"
	    "FIELDS: --account A (letters, digits, dashes; generated as\n"
	    "K + 8 digits when not given), --name NAME, --phone P (up to\n"
	    "4 times; digits, spaces and dashes), --community C (小区),\n"
	    "--building B (楼栋), --unit U (单元), --room R (室),\n"
	    "--address TEXT, --kind resident|commercial|other\n"
	    "(居民|商户|其他), --move-in YYYY-MM-DD, --notes TEXT.\n"
	    "On edit, --phone replaces all the numbers (--phone ''\n"
	    "removes them), '' empties a field, and --status\n"
	    "active|moved_out (在住|迁出) marks a move.\n"
	    "--version V: the version you read (customer show); when another\n"
	    "clerk changed the same field since, the edit is refused (exit 3)\n"
	    "naming who, when and both values; other fields merge.\n"
	    "\n"
	    "find matches QUERY against names, phone numbers (any part),\n"
	    "account numbers and addresses, best first (at most N, 1-100,\n"
	    "default 20). The text is searched for as it is, never as syntax.\n"
	    "\n"
	    "import reads a CSV file (UTF-8 with a header row; see\n"
	    "docs/csv.md for the columns: account,name,phones,community,\n"
	    "building,unit,room,address,kind,move_in,notes,status). Every\n"
	    "row is checked first; if any is bad, each is listed (line N:\n"
	    "column: reason) and nothing is imported (exit 1). With\n"
	    "--skip-bad the good rows are imported and the bad ones\n"
	    "written to the reject file (--rejects, default\n"
	    "FILE.rejects.csv; it is left only when there were bad rows):\n"
	    "the columns, a reason, and raw, the line as it was in FILE\n"
	    "when its values could not be kept in the columns. Either way\n"
	    "an import is all or nothing. FILE - reads standard input.\n"
	    "\n"
	    "export writes every customer as CSV, in the same columns, to\n"
	    "FILE (replaced if it exists) or to standard output.\n"
	    "\n"
	    "Reception, supervisors, billing and admins may add, edit and\n"
	    "import; dispatchers may also find, show and export.\n",
	.run = run_customer,
	.needs_actor = true,
};
