/* cmd_db.c — the database as a whole: init, migrate, check, backup. */
#include <errno.h>
#include <getopt.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "kefu/audit.h"
#include "kefu/util.h"

static int
run_init(struct cli *c, int argc, char **argv)
{
	struct passwd pw, *res = NULL;
	struct kf_err err;
	char buf[4096], *name, *comma;
	int code;

	(void)argc;
	(void)argv;		/* main checked: init takes no arguments */
	if (getpwuid_r(getuid(), &pw, buf, sizeof(buf), &res) != 0 ||
	    res == NULL) {
		fprintf(stderr, "kefu: uid %u has no user name\n",
		    (unsigned)getuid());
		return kf_rc_exit(KF_NOTFOUND);
	}
	name = xstrdup(pw.pw_gecos && *pw.pw_gecos ? pw.pw_gecos : pw.pw_name);
	if ((comma = strchr(name, ',')) != NULL)
		*comma = '\0';
	if (kf_blank(name) || !kf_text_clean(name)) {
		free(name);
		name = xstrdup(pw.pw_name);
	}
	kf_err_clear(&err);
	if (kf_core_init(c->k, pw.pw_name, name, &err) != KF_OK)
		code = cli_fail(&err);
	else {
		code = 0;
		if (c->json) {
			printf("{\"database\":");
			cli_json_str(stdout, c->start.path);
			printf(",\"admin\":");
			cli_json_str(stdout, pw.pw_name);
			printf(",\"schema\":%d}\n", kf_core_schema_version(c->k));
		} else {
			/* The path was typed (--db) and the user name comes
			 * from the system: both shown harmlessly. */
			printf("created ");
			cli_text(stdout, c->start.path);
			printf(" (schema %d); ", kf_core_schema_version(c->k));
			cli_text(stdout, pw.pw_name);
			printf(" is its admin\n");
		}
	}
	free(name);
	return code;
}

const struct cli_cmd cmd_init = {
	.name = "init",
	.summary = "create the database; you become its first admin",
	.help =
	    "usage: kefu [--db PATH] init\n"
	    "\n"
	    "Creates a kefu database at PATH (or the default path) with the\n"
	    "current schema, and makes the invoking Unix user its first admin\n"
	    "(staff login = Unix user name, mapped to that Unix user).\n"
	    "Refuses a database that already has staff (exit 5).\n",
	.run = run_init,
	.needs_actor = false,
};

static int
run_migrate(struct cli *c, int argc, char **argv)
{
	struct kf_err err;
	int from, to;

	(void)argv;
	if (argc != 1)
		return cli_usage("migrate", "takes no arguments");
	kf_err_clear(&err);
	if (kf_core_migrate(c->k, &from, &to, &err) != KF_OK)
		return cli_fail(&err);
	if (c->json)
		printf("{\"from\":%d,\"to\":%d}\n", from, to);
	else if (from == to)
		printf("schema is current (version %d)\n", to);
	else
		printf("migrated schema from version %d to %d\n", from, to);
	return 0;
}

const struct cli_cmd cmd_migrate = {
	.name = "migrate",
	.summary = "bring the database schema up to date",
	.help =
	    "usage: kefu migrate\n"
	    "\n"
	    "Applies the schema migrations this kefu has and the database lacks,\n"
	    "each in its own transaction, and says what it did. Every kefu\n"
	    "command does this on opening; this one reports it. A database newer\n"
	    "than this kefu is refused (exit 6). Admin only.\n",
	.run = run_migrate,
	.needs_actor = true,
};

struct check_out {
	struct cli	*c;
	int		 n;
};

/* Prints one problem as it is found: a line, or an element of --json's
 * problems array. */
static void
print_problem(const struct kf_check_problem *p, void *arg)
{
	struct check_out *o = arg;

	if (!o->c->json) {
		printf("problem: ");
		cli_text(stdout, p->msg);
		putchar('\n');
		o->n++;
		return;
	}
	/* The object opens with the first problem, so a check that fails
	 * before finding any (no seal file) prints nothing on stdout. */
	printf("%s{\"kind\":\"%s\",\"entity\":", o->n++ ? "," :
	    "{\"problems\":[", kf_check_kind_name(p->kind));
	cli_json_str(stdout, p->entity);
	printf(",\"id\":%lld,\"field\":", (long long)p->id);
	cli_json_str(stdout, p->field);
	/* trail and row are JSON values already (kf_buf_json_str). */
	printf(",\"trail\":%s,\"row\":%s,\"message\":",
	    p->trail ? p->trail : "null", p->row ? p->row : "null");
	cli_json_str(stdout, p->msg);
	printf("}");
}

static int
run_check(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "seal", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	struct check_out o = { c, 0 };
	const char *seal = NULL;
	struct kf_err err;
	enum kf_rc rc;
	int problems, ch, li;

	while ((ch = getopt_long(argc, argv, ":", opts, &li)) != -1) {
		if (ch == 's')
			seal = optarg;
		else
			return cli_getopt_fail("check", ch, argv);
	}
	if (argc != optind)
		return cli_usage("check", "unexpected argument '%.40s'",
		    argv[optind]);
	/* The seal file is one the person may read (access() asks with the
	 * real ids): a deployed kefu would read it with the group's rights. */
	if (seal != NULL && access(seal, R_OK) != 0) {
		fprintf(stderr, "kefu: cannot read the seal file ");
		cli_text(stderr, seal);
		fprintf(stderr, ": %s\n", strerror(errno));
		return kf_rc_exit(KF_NOTFOUND);
	}
	kf_err_clear(&err);
	rc = kf_check(c->k, seal, print_problem, &o, &problems, &err);
	if (rc != KF_OK && problems == 0)
		return cli_fail(&err);
	if (c->json)
		printf("%s],\"count\":%d,\"ok\":%s,\"sealed\":%s}\n",
		    o.n ? "" : "{\"problems\":[", problems,
		    rc == KF_OK ? "true" : "false", seal ? "true" : "false");
	else if (rc == KF_OK)
		printf(seal ? "ok: integrity, foreign keys, audit chain, "
		    "every record against its trail, and the seals verified\n" :
		    "ok: integrity, foreign keys, audit chain and every "
		    "record against its trail verified\n");
	if (rc != KF_OK) {
		fprintf(stderr, "kefu: check failed: %d problem%s (listed "
		    "above)\n", problems, problems == 1 ? "" : "s");
		return kf_rc_exit(rc);
	}
	return 0;
}

const struct cli_cmd cmd_check = {
	.name = "check",
	.summary = "verify the database, its audit trail and every record",
	.help =
	    "usage: kefu check [--seal FILE]\n"
	    "\n"
	    "Verifies, in one read snapshot (others keep working):\n"
	    "  - SQLite's integrity check (a damaged file) and foreign keys;\n"
	    "  - the audit trail: append-only triggers, the hash chain from\n"
	    "    row 1 to its head (an edited, inserted or deleted row);\n"
	    "  - every record of staff, policy, customer, contact, fee_item,\n"
	    "    work_order and order_item against what its audit trail\n"
	    "    replays to: a field changed, a record inserted or deleted\n"
	    "    outside kefu (docs/admin.md lists what is not compared);\n"
	    "  - with --seal FILE: every seal line in FILE (kefu audit seal)\n"
	    "    is still extended by the trail: rows up to a seal rewritten\n"
	    "    with the chain recomputed, or the newest rows cut, show.\n"
	    "Every problem is listed, one per line (with --json: an object\n"
	    "with a problems array of {kind, entity, id, field, trail, row,\n"
	    "message}). Exit 0 when all is well, 6 when a problem was found,\n"
	    "2 when FILE cannot be read, 1 when it holds no seal. Admin only.\n",
	.run = run_check,
	.needs_actor = true,
};

static int
run_backup(struct cli *c, int argc, char **argv)
{
	struct kf_err err;
	enum kf_rc rc;
	gid_t egid = getegid();

	if (argc != 2)
		return cli_usage("backup", "needs one FILE");
	kf_err_clear(&err);
	/* Deployed: write the copy as the person, not as the group. */
	if (c->start.deployed && setegid(getgid()) != 0) {
		fprintf(stderr, "kefu: cannot drop privileges\n");
		return kf_rc_exit(KF_DBERR);
	}
	rc = kf_backup(c->k, argv[1], &err);
	if (c->start.deployed && setegid(egid) != 0 && rc == KF_OK)
		rc = kf_err_set(&err, KF_DBERR, "cannot take the group back");
	if (rc != KF_OK)
		return cli_fail(&err);
	if (c->json) {
		printf("{\"backup\":");
		cli_json_str(stdout, argv[1]);
		printf(",\"checked\":true}\n");
	} else {
		printf("backed up to ");
		cli_text(stdout, argv[1]);
		printf(" and checked it\n");
	}
	return 0;
}

const struct cli_cmd cmd_backup = {
	.name = "backup",
	.summary = "copy the live database to FILE, safely",
	.help =
	    "usage: kefu backup FILE\n"
	    "\n"
	    "Copies the database to FILE with SQLite's online backup API (safe\n"
	    "while others keep working), then opens and checks the copy.\n"
	    "FILE must not exist. Admin only; the backup is audited.\n",
	.run = run_backup,
	.needs_actor = true,
};
