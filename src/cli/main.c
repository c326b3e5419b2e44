/*
 * main.c — kefu's entry point: global options, the mode (deployed or
 * owner), the identity of the person at the keyboard, and dispatch to a
 * command of the table below.
 *
 * Modes (DESIGN.md, "Identity and security"):
 *   deployed  the binary is setgid (real gid != effective gid). Identity is
 *             the staff account mapped to the real uid; --as, $KEFU_DB and
 *             $KEFU_NOW are ignored; the environment is sanitised. A --db
 *             naming another file drops the group privilege first, so the
 *             person can only open what they could open anyway.
 *   owner     the invoker can write the database file: --as LOGIN and
 *             KEFU_NOW are allowed (the invoker could edit the file).
 *   otherwise a staff login and password (--login).
 */
#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libintl.h>

#include "cli.h"
#include "tui.h"
#include "kefu/clock.h"
#include "kefu/util.h"
#include "kefu_config.h"

static const struct cli_cmd *const commands[] = {
	&cmd_init, &cmd_migrate, &cmd_check, &cmd_backup, &cmd_user,
	&cmd_policy, &cmd_audit, &cmd_customer, &cmd_contact, &cmd_order,
	&cmd_fee, &cmd_demo,
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void
usage(FILE *f)
{
	size_t i;

	fprintf(f,
	    "usage: kefu [--db PATH] [--as LOGIN | --login LOGIN] [--json] "
	    "COMMAND [ARGS]\n"
	    "\n"
	    "kefu (客服) is a multi-user service desk: reception, repair dispatch,\n"
	    "complaints, billing and callbacks over one shared database.\n"
	    "\n"
	    "Global options:\n"
	    "  --db PATH      the database (default: $KEFU_DB in owner mode, else\n"
	    "                 %s)\n"
	    "  --as LOGIN     act as this staff account (owner mode only)\n"
	    "  --login LOGIN  log in with this account's password (read from the\n"
	    "                 terminal, or the first line of standard input)\n"
	    "  --json         machine-readable output on standard output\n"
	    "  --version      print the version\n"
	    "  --help         this text; COMMAND --help for a command\n"
	    "\nCommands:\n", KEFU_SYSTEM_DB);
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-9s %s\n", commands[i]->name, commands[i]->summary);
	fprintf(f,
	    "\nExit codes: 0 ok, 1 usage or invalid input, 2 not found, "
	    "3 conflict,\n4 permission denied, 5 refused by a rule, "
	    "6 storage error or busy.\n"
	    "Environment (owner mode only): KEFU_DB, KEFU_NOW "
	    "(e.g. 2026-11-27T10:41:00+08:00).\n");
}

int
cli_fail(const struct kf_err *err)
{
	/* The message may quote what was typed or stored: shown harmlessly. */
	fputs("kefu: ", stderr);
	cli_text(stderr, err->msg[0] ? err->msg : kf_rc_name(err->rc));
	fputc('\n', stderr);
	return kf_rc_exit(err->rc);
}

int
cli_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "kefu %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (see: kefu %s --help)\n", cmd);
	return EXIT_USAGE;
}

bool
cli_wants_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			return true;
	}
	return false;
}

bool
cli_int(const char *cmd, const char *what, const char *s, long long *v)
{
	char *end;

	errno = 0;
	*v = strtoll(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0') {
		cli_usage(cmd, "%s must be a number, not '%.40s'", what, s);
		return false;
	}
	return true;
}

/*
 * Gives up the setgid group for good: real, effective and saved, so it
 * cannot be taken back while SQLite parses a file the person chose.
 */
static int
drop_group(void)
{
	gid_t g = getgid(), r, e, sv;

	if (setresgid(g, g, g) != 0 || getresgid(&r, &e, &sv) != 0 ||
	    r != g || e != g || sv != g)
		return -1;
	return 0;
}

/* The real user's name, from the password database (never $USER). */
static char *
real_user(void)
{
	struct passwd pw, *res = NULL;
	char buf[4096];

	if (getpwuid_r(getuid(), &pw, buf, sizeof(buf), &res) != 0 ||
	    res == NULL)
		return NULL;
	return xstrdup(pw.pw_name);
}

/*
 * Deployed mode keeps only what a terminal program needs from the
 * environment, so nothing the user sets can steer the privileged process.
 */
static void
sanitise_env(void)
{
	static const char *const keep[] = { "TERM", "LANG", "LANGUAGE",
	    "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "TZ", "COLUMNS", "LINES",
	    "NO_COLOR" };
	char *saved[sizeof(keep) / sizeof(keep[0])];
	size_t i;

	for (i = 0; i < sizeof(keep) / sizeof(keep[0]); i++) {
		const char *v = getenv(keep[i]);

		/* A TERM or locale naming a path could load files as us. */
		saved[i] = v && !strchr(v, '/') && strlen(v) < 128 ?
		    xstrdup(v) : NULL;
	}
	clearenv();
	setenv("PATH", "/usr/bin:/bin", 1);
	for (i = 0; i < sizeof(keep) / sizeof(keep[0]); i++) {
		if (saved[i] != NULL)
			setenv(keep[i], saved[i], 1);
		free(saved[i]);
	}
}

static const struct cli_cmd *
find_command(const char *name)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

/* Resolves who is acting, per the mode; prints and returns an exit code. */
static int
identify(struct cli *c)
{
	struct kf_err err;
	char *who, *pw;
	enum kf_rc rc;

	kf_err_clear(&err);
	if (c->login != NULL) {
		if ((pw = cli_read_password("Password: ", false)) == NULL)
			return EXIT_USAGE;
		rc = kf_core_login_password(c->k, c->login, pw, &err);
		explicit_bzero(pw, strlen(pw));
		free(pw);
		return rc == KF_OK ? 0 : cli_fail(&err);
	}
	if (c->as != NULL && !c->deployed) {
		if (access(c->db_path, W_OK) != 0) {
			fprintf(stderr, "kefu: --as needs write access to %s "
			    "(owner mode); log in with --login instead\n",
			    c->db_path);
			return kf_rc_exit(KF_DENIED);
		}
		rc = kf_core_login_as(c->k, c->as, &err);
		return rc == KF_OK ? 0 : cli_fail(&err);
	}
	if ((who = real_user()) == NULL) {
		fprintf(stderr, "kefu: cannot tell who you are (uid %u has no "
		    "name); use --login\n", (unsigned)getuid());
		return kf_rc_exit(KF_DENIED);
	}
	rc = kf_core_login_unix(c->k, who, &err);
	free(who);
	return rc == KF_OK ? 0 : cli_fail(&err);
}

/* The option as the person typed it, for messages ("--db", "-j"). */
static const char *
typed(char **argv)
{
	return optind > 0 ? argv[optind - 1] : "?";
}

int
cli_getopt_fail(const char *cmd, int ch, char **argv)
{
	if (ch == ':')
		return cli_usage(cmd, "option %s needs a value", typed(argv));
	return cli_usage(cmd, "unknown option %s", typed(argv));
}

/*
 * Binds the message catalogues: beside the binary (a build tree, or an
 * install that keeps them together), else the installed locale directory.
 * With the C locale gettext would ignore LANGUAGE, so a Chinese LANG that
 * is not installed still picks the Chinese catalogue through LANGUAGE.
 */
static void
i18n_init(void)
{
	char exe[4096], dir[4200], *slash;
	const char *lang = getenv("LANG"), *lc_all = getenv("LC_ALL");
	ssize_t n;
	struct stat sb;

	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL)
			*slash = '\0';
		snprintf(dir, sizeof(dir), "%s/locale", exe);
		if (stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode)) {
			bindtextdomain("kefu", dir);
			goto bound;
		}
	}
	bindtextdomain("kefu", KEFU_LOCALEDIR);
bound:
	bind_textdomain_codeset("kefu", "UTF-8");
	textdomain("kefu");
	if (lc_all != NULL && *lc_all)
		lang = lc_all;
	if (getenv("LANGUAGE") == NULL && lang != NULL &&
	    strncmp(lang, "zh", 2) == 0)
		setenv("LANGUAGE", "zh_CN", 1);
}

/*
 * kefu with no command: the terminal UI, as the person the mode says
 * (deployed: the Unix user; owner: --as or the Unix user), or after a
 * login screen when no account is mapped.
 */
static int
run_tui(struct cli *c, const char *db_env, const char *now_env)
{
	struct kf_open_opts oo = { .busy_timeout_ms = 300 };
	struct kf_err err;
	enum kf_rc rc = KF_NOTFOUND;
	char *who;
	int64_t now;
	int code;

	if (c->db_path != NULL && c->deployed &&
	    strcmp(c->db_path, KEFU_SYSTEM_DB) != 0) {
		if (drop_group() != 0)
			return kf_rc_exit(KF_DBERR);
		c->deployed = false;
	}
	if (c->db_path == NULL)
		c->db_path = db_env && *db_env ? db_env : KEFU_SYSTEM_DB;
	kf_err_clear(&err);
	if (now_env != NULL && *now_env != '\0' &&
	    kf_time_parse(now_env, &now, &err) != KF_OK) {
		fprintf(stderr, "kefu: KEFU_NOW: %s\n", err.msg);
		return EXIT_USAGE;
	}
	/* The UI waits for the write lock only briefly and retries on
	 * its timer, so it stays responsive behind a long writer. */
	if (kf_core_open(c->db_path, &oo, &c->k, &err) != KF_OK)
		return cli_fail(&err);
	if (now_env != NULL && *now_env != '\0')
		kf_clock_fix(kf_core_clock(c->k), now);
	if (c->as != NULL && !c->deployed && access(c->db_path, W_OK) == 0)
		rc = kf_core_login_as(c->k, c->as, &err);
	else if (c->login == NULL && (who = real_user()) != NULL) {
		rc = kf_core_login_unix(c->k, who, &err);
		free(who);
	}
	if (rc != KF_OK && rc != KF_NOTFOUND) {
		kf_core_close(c->k);
		return cli_fail(&err);	/* a disabled account: no way in */
	}
	code = tui_run(c->k, rc == KF_OK, c->login, c->lang);
	kf_core_close(c->k);
	return code;
}

static int
run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "as", required_argument, NULL, 'a' },
		{ "login", required_argument, NULL, 'l' },
		{ "json", no_argument, NULL, 'j' },
		{ "lang", required_argument, NULL, 'L' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli c = { 0 };
	const struct cli_cmd *cmd;
	struct kf_open_opts oo = { 0 };
	struct kf_err err;
	struct stat sb;
	const char *now_env = NULL, *db_env = NULL;
	bool created = false, fixed = false;
	int ch, code;
	int64_t now = 0;

	c.deployed = getegid() != getgid() || geteuid() != getuid();
	if (c.deployed) {
		sanitise_env();
		umask(007);	/* WAL and shm files shared with the group */
	} else {
		now_env = secure_getenv("KEFU_NOW");
		db_env = secure_getenv("KEFU_DB");
	}
	/* kefu always speaks UTF-8: with no locale, or one that is not
	 * installed or not UTF-8, CJK widths would come out wrong. */
	if (setlocale(LC_ALL, "") == NULL || MB_CUR_MAX == 1)
		setlocale(LC_CTYPE, "C.UTF-8");
	/* gettext ignores LANGUAGE under the C locale: use C.UTF-8 for
	 * messages too, so the language setting always takes effect. */
	if (strcmp(setlocale(LC_MESSAGES, NULL), "C") == 0 ||
	    strcmp(setlocale(LC_MESSAGES, NULL), "POSIX") == 0)
		setlocale(LC_MESSAGES, "C.UTF-8");
	i18n_init();

	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+:hVj", opts, NULL)) != -1) {
		switch (ch) {
		case 'd':	c.db_path = optarg; break;
		case 'a':	c.as = optarg; break;
		case 'l':	c.login = optarg; break;
		case 'j':	c.json = true; break;
		case 'L':
			if (strcmp(optarg, "zh_CN") != 0 &&
			    strcmp(optarg, "en") != 0) {
				fprintf(stderr, "kefu: --lang takes zh_CN or en\n");
				return EXIT_USAGE;
			}
			c.lang = optarg;
			break;
		case 'V':
			printf("kefu %s (schema %d)\n", KEFU_VERSION,
			    kf_schema_latest());
			return 0;
		case 'h':
			usage(stdout);
			return 0;
		case ':':
			fprintf(stderr, "kefu: option %s needs a value "
			    "(see: kefu --help)\n", typed(argv));
			return EXIT_USAGE;
		default:
			fprintf(stderr, "kefu: unknown option %s "
			    "(see: kefu --help)\n", typed(argv));
			return EXIT_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0)
		return run_tui(&c, db_env, now_env);
	if (strcmp(argv[0], "help") == 0) {
		if (argc == 1) {
			usage(stdout);
			return 0;
		}
		if ((cmd = find_command(argv[1])) == NULL) {
			fprintf(stderr, "kefu: no command '%.40s' (see: kefu "
			    "--help)\n", argv[1]);
			return EXIT_USAGE;
		}
		fputs(cmd->help, stdout);
		return 0;
	}
	if ((cmd = find_command(argv[0])) == NULL) {
		fprintf(stderr, "kefu: unknown command '%.40s' (see: kefu --help)\n",
		    argv[0]);
		return EXIT_USAGE;
	}
	if (cli_wants_help(argc, argv)) {
		fputs(cmd->help, stdout);
		return 0;
	}
	if (c.as != NULL && c.login != NULL) {
		fprintf(stderr, "kefu: --as and --login exclude each other\n");
		return EXIT_USAGE;
	}
	/* Everything that can be checked without the database is checked
	 * before it is opened (or, for init, created). */
	if (cmd == &cmd_init && argc != 1)
		return cli_usage("init", "takes no arguments");
	if (cmd == &cmd_init && c.deployed && getuid() != 0 &&
	    (c.db_path == NULL || strcmp(c.db_path, KEFU_SYSTEM_DB) == 0)) {
		/* Whoever runs init becomes the first admin: on a shared
		 * host that is root's job, not the first user's. */
		fprintf(stderr, "kefu: only root creates the shared database "
		    "(sudo kefu init)\n");
		return kf_rc_exit(KF_DENIED);
	}
	if (now_env != NULL && *now_env != '\0') {
		kf_err_clear(&err);
		if (kf_time_parse(now_env, &now, &err) != KF_OK) {
			fprintf(stderr, "kefu: KEFU_NOW: %s\n", err.msg);
			return EXIT_USAGE;
		}
		fixed = true;
	}

	if (c.deployed && c.as != NULL)
		fprintf(stderr, "kefu: --as is ignored: this kefu is installed "
		    "for many users and acts as you\n");
	if (c.db_path != NULL && c.deployed &&
	    strcmp(c.db_path, KEFU_SYSTEM_DB) != 0) {
		/* Another file: open it as the person, not as the group. */
		if (drop_group() != 0) {
			fprintf(stderr, "kefu: cannot drop privileges\n");
			return kf_rc_exit(KF_DBERR);
		}
		c.deployed = false;
	}
	if (c.db_path == NULL)
		c.db_path = db_env && *db_env ? db_env : KEFU_SYSTEM_DB;

	kf_err_clear(&err);
	oo.create = cmd == &cmd_init;
	created = oo.create && stat(c.db_path, &sb) != 0;
	if (kf_core_open(c.db_path, &oo, &c.k, &err) != KF_OK)
		return cli_fail(&err);
	if (fixed)
		kf_clock_fix(kf_core_clock(c.k), now);
	if (cmd->needs_actor && (code = identify(&c)) != 0) {
		kf_core_close(c.k);
		return code;
	}
	optind = 0;		/* commands run getopt_long afresh */
	code = cmd->run(&c, argc, argv);
	kf_core_close(c.k);
	if (code != 0 && created)
		kf_core_remove_files(c.db_path);	/* a failed init leaves nothing */
	return code;
}

int
main(int argc, char **argv)
{
	int code = run(argc, argv);

	/* Output that could not be written is a failure, help included. */
	if ((fflush(stdout) != 0 || ferror(stdout)) && code == 0) {
		fprintf(stderr, "kefu: cannot write output: %s\n",
		    strerror(errno));
		code = kf_rc_exit(KF_DBERR);
	}
	return code;
}
