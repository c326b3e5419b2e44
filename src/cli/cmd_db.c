/* cmd_db.c — the database as a whole: init, migrate, check, backup, restore. */
#include <errno.h>
#include <getopt.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "kefu/audit.h"
#include "kefu/dbadmin.h"
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

/* The options of migrate, read once by setup and again by run. */
struct migrate_args {
	bool		 status;
	const char	*backup;
};

/* Parses migrate's arguments; -1, or the usage exit code after a message. */
static int
migrate_args(int argc, char **argv, struct migrate_args *a)
{
	static const struct option opts[] = {
		{ "status", no_argument, NULL, 's' },
		{ "backup", required_argument, NULL, 'b' },
		{ NULL, 0, NULL, 0 },
	};
	int ch, li;

	memset(a, 0, sizeof(*a));
	optind = 0;
	while ((ch = getopt_long(argc, argv, ":", opts, &li)) != -1) {
		if (ch == 's')
			a->status = true;
		else if (ch == 'b')
			a->backup = optarg;
		else
			return cli_getopt_fail("migrate", ch, argv);
	}
	if (argc != optind)
		return cli_usage("migrate", "unexpected argument '%.40s'",
		    argv[optind]);
	if (a->status && a->backup != NULL)
		return cli_usage("migrate", "--status and --backup exclude "
		    "each other");
	return -1;
}

/* migrate_args without a word said: true when the arguments parse. */
static bool
migrate_args_quiet(int argc, char **argv, struct migrate_args *a)
{
	int i;

	memset(a, 0, sizeof(*a));
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--status") == 0)
			a->status = true;
		else if (strcmp(argv[i], "--backup") == 0 && i + 1 < argc)
			a->backup = argv[++i];
		else if (strncmp(argv[i], "--backup=", 9) == 0)
			a->backup = argv[i] + 9;
	}
	return true;
}

/*
 * --status and --backup look at the database before anything migrates
 * it (as_is); --status needs no account (it reads one number), --backup
 * lets root and the owner act as the system (the package's postinst).
 */
static void
setup_migrate(struct cli *c, int argc, char **argv)
{
	struct migrate_args a;

	if (migrate_args_quiet(argc, argv, &a)) {
		c->start.as_is = a.status || a.backup != NULL;
		c->no_actor = a.status;
		c->system_ok = a.backup != NULL;
	}
}

static int
run_status(struct cli *c)
{
	static const char *const names[] = { "current", "older", "newer" };
	enum kf_schema_state st;
	int have, latest;

	st = kf_schema_state(c->k, &have, &latest);
	if (c->json)
		printf("{\"schema\":%d,\"latest\":%d,\"state\":\"%s\"}\n",
		    have, latest, names[st]);
	else
		printf("schema %d of %d\n", have, latest);
	if (st == KF_SCHEMA_NEWER) {
		fprintf(stderr, "kefu: this database is schema %d; this kefu "
		    "knows up to %d: install the newer kefu\n", have, latest);
		return EXIT_SCHEMA_NEWER;
	}
	return st == KF_SCHEMA_OLDER ? EXIT_SCHEMA_OLDER : 0;
}

static int
run_migrate_backup(struct cli *c, const char *file)
{
	struct kf_migrate_result r;
	struct kf_err err;
	enum kf_rc rc;
	gid_t egid = getegid();

	kf_err_clear(&err);
	/* Deployed: the backup is written as the person (root, for the
	 * package), as kefu backup writes it. */
	if (c->start.deployed && setegid(getgid()) != 0) {
		fprintf(stderr, "kefu: cannot drop privileges\n");
		return kf_rc_exit(KF_DBERR);
	}
	rc = kf_migrate_with_backup(c->k, file, &r, &err);
	if (c->start.deployed && setegid(egid) != 0 && rc == KF_OK)
		rc = kf_err_set(&err, KF_DBERR, "cannot take the group back");
	if (rc != KF_OK)
		return cli_fail(&err);
	if (c->json) {
		printf("{\"from\":%d,\"to\":%d,\"backup\":", r.from, r.to);
		if (r.backed_up)
			cli_json_str(stdout, file);
		else
			printf("null");
		printf("}\n");
	} else if (!r.backed_up)
		printf("schema %d: nothing to migrate\n", r.to);
	else {
		printf("backed up to ");
		cli_text(stdout, file);
		printf(" and checked it; migrated schema from version %d to "
		    "%d\n", r.from, r.to);
	}
	return 0;
}

static int
run_migrate(struct cli *c, int argc, char **argv)
{
	struct migrate_args a;
	struct kf_err err;
	int from, to, code;

	if ((code = migrate_args(argc, argv, &a)) >= 0)
		return code;
	if (a.status)
		return run_status(c);
	if (a.backup != NULL)
		return run_migrate_backup(c, a.backup);
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
	    "       kefu migrate --status\n"
	    "       kefu migrate --backup FILE\n"
	    "\n"
	    "Applies the schema migrations this kefu has and the database lacks,\n"
	    "each in its own transaction, and says what it did. Every kefu\n"
	    "command does this on opening; this one reports it. A database newer\n"
	    "than this kefu is refused (exit 6). Admin only.\n"
	    "\n"
	    "  --status       change nothing; print \"schema N of M\" (the\n"
	    "                 database's and this kefu's) and exit 0 when it is\n"
	    "                 current, 10 when it is older (a migration is due),\n"
	    "                 11 when it is newer than this kefu (refused: install\n"
	    "                 the newer kefu), 2 when there is no database. Needs\n"
	    "                 no account. With --json: {schema, latest, state}.\n"
	    "  --backup FILE  when a migration is due: first back up to FILE as\n"
	    "                 kefu backup does (FILE must not exist; created 0600)\n"
	    "                 and check the backup, trying the migrations on a\n"
	    "                 scratch copy (FILE-check, removed after); then apply\n"
	    "                 all of them in one transaction. On any failure the\n"
	    "                 database is left exactly as it was and the message\n"
	    "                 says where the backup is (exit 6). When nothing is\n"
	    "                 due it writes nothing, no FILE either (\"schema N:\n"
	    "                 nothing to migrate\", exit 0). Admin, root or the\n"
	    "                 database file's owner. With --json: {from, to,\n"
	    "                 backup} (backup null when nothing was due).\n",
	.run = run_migrate,
	.needs_actor = true,
	.setup = setup_migrate,
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

/*
 * Root and the database file's owner check and back up as the system, as
 * migrate --backup does: they hold the file itself, so no staff account
 * adds a right, and the package's timers (run as root, where
 * NoNewPrivileges makes kefu run in owner mode) must not stop because
 * root's account was disabled or lost its admin role (issue 16 review,
 * M4). --as/--login name an account that then acts with its own rights.
 */
static void
setup_system(struct cli *c, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	c->system_ok = true;
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
	    "2 when FILE cannot be read, 1 when it holds no seal. Admin, root\n"
	    "or the database file's owner (no account needed: the trail says\n"
	    "\"system\").\n",
	.run = run_check,
	.needs_actor = true,
	.setup = setup_system,
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
	    "FILE must not exist. Admin, root or the database file's owner (no\n"
	    "account needed: the trail says \"system\"); the backup is audited.\n",
	.run = run_backup,
	.needs_actor = true,
	.setup = setup_system,
};

static int
run_restore(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "force", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	struct kf_restore_result r;
	struct kf_err err;
	bool force = false;
	int ch, li;

	while ((ch = getopt_long(argc, argv, ":", opts, &li)) != -1) {
		if (ch == 'f')
			force = true;
		else
			return cli_getopt_fail("restore", ch, argv);
	}
	if (argc == optind)
		return cli_usage("restore", "needs one BACKUP");
	if (argc - optind > 1)
		return cli_usage("restore", "unexpected argument '%.40s'",
		    argv[optind + 1]);
	kf_err_clear(&err);
	if (kf_start_restore(&c->start, argv[optind], force, &r, &err) != KF_OK)
		return cli_fail(&err);
	if (c->json) {
		printf("{\"database\":");
		cli_json_str(stdout, c->start.path);
		printf(",\"backup\":");
		cli_json_str(stdout, argv[optind]);
		printf(",\"backup_schema\":%d,\"schema\":%d,\"backup_head\":%lld,"
		    "\"created\":%s,\"checked\":true,\"saved\":",
		    r.backup_schema, r.schema, (long long)r.backup_head,
		    r.created ? "true" : "false");
		if (r.saved[0] != '\0')
			cli_json_str(stdout, r.saved);
		else
			printf("null");
		printf("}\n");
		return 0;
	}
	printf("restored ");
	cli_text(stdout, c->start.path);
	printf(" from ");
	cli_text(stdout, argv[optind]);
	printf(" (schema %d", r.backup_schema);
	if (r.schema != r.backup_schema)
		printf(", migrated to %d", r.schema);
	printf("; audit row %lld) and checked it\n", (long long)r.backup_head);
	if (r.saved[0] != '\0') {
		printf("the database it replaced is kept as ");
		cli_text(stdout, r.saved);
		printf(" (0600)\n");
	}
	return 0;
}

/* Restore opens the database itself (kf_start_restore): it may be
 * missing, damaged or newer, and no session may hold it. */
static void
setup_restore(struct cli *c, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	c->no_session = true;
}

const struct cli_cmd cmd_restore = {
	.name = "restore",
	.summary = "replace the database with a checked backup",
	.help =
	    "usage: kefu restore BACKUP [--force]\n"
	    "\n"
	    "Checks BACKUP first: it must be a kefu database (not newer than\n"
	    "this kefu) that passes SQLite's integrity check and, migrated up on\n"
	    "a scratch copy beside the database, the whole of kefu check. Any\n"
	    "failure refuses and changes nothing (exit 6; 2 when BACKUP is\n"
	    "missing). An existing database is only replaced with --force\n"
	    "(exit 5 without), and only when no other session has it open\n"
	    "(exit 6, nothing changed: stop kefu sessions first). It is written\n"
	    "in place with SQLite's backup API, so the file keeps its owner,\n"
	    "group and mode; with no database yet, one is created as kefu init\n"
	    "makes it. Then the result is checked again. The database it\n"
	    "replaces is first kept beside it, under the same lock, as\n"
	    "DB.before-restore-YYYYMMDD-HHMMSS (UTC), 0600: if that copy\n"
	    "cannot be made, nothing is changed (exit 6). The restored trail\n"
	    "gets a row db.restore (who, from which file, the backup's audit\n"
	    "head, where the replaced one is kept). Root, or the owner of the database file (owner mode); in\n"
	    "deployed mode no staff account may, admins included (exit 4).\n"
	    "\n"
	    "  --force        replace the existing database\n"
	    "\n"
	    "With --json: {database, backup, backup_schema, schema,\n"
	    "backup_head, created, checked, saved} (saved null when there was\n"
	    "no database to replace).\n",
	.run = run_restore,
	.needs_actor = false,
	.setup = setup_restore,
};
