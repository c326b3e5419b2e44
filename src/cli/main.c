/*
 * main.c — kefu's entry point, the same for both faces:
 *
 *   1. kf_start_process   a setgid kefu sanitises its environment first
 *   2. locale_init        UTF-8 always
 *   3. parse_options      the global options into struct cli; then
 *      lang_init          the language (--lang, else the environment)
 *   4. cli_prepare        with a COMMAND: help and usage errors, before
 *                         any database is opened (commands.c)
 *   5. start_session      kf_start_open and kf_start_identify (the mode,
 *                         path, privilege, clock and actor: kefu/start.h),
 *                         with --login's password read here for the CLI
 *   6. the command's run function, or tui_run without a COMMAND
 *
 * The rules of step 5 live in the core, so a refusal is the same message
 * and exit code whichever face was asked for. The TUI differs in two ways
 * only: it waits for the write lock briefly (it retries on its timer), and
 * it asks for a login and password itself when --login is given or the
 * Unix user has no account.
 */
#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "tui.h"
#include "kefu/i18n.h"
#include "kefu/start.h"
#include "kefu_config.h"

/* The locale from the (already sanitised) environment, always UTF-8. */
static void
locale_init(void)
{
	/* kefu always speaks UTF-8: with no locale, or one that is not
	 * installed or not UTF-8, CJK widths would come out wrong. The
	 * language is chosen apart from it (lang_init): a zh_CN.UTF-8 that
	 * is not installed still gets the Chinese UI. */
	if (setlocale(LC_ALL, "") == NULL || MB_CUR_MAX == 1)
		setlocale(LC_CTYPE, "C.UTF-8");
}

/*
 * The language of messages: --lang, else the environment, from the
 * catalogues inside the binary (kefu/i18n.h), so an installed kefu needs
 * no locale directory. A language asked for that kefu lacks is said once:
 * here on stderr before a command, on the message line by the TUI. An
 * unknown --lang is then dropped, so the TUI's saved choice still counts.
 */
static void
lang_init(struct cli *c, bool tui)
{
	char warn[256];

	if (!kf_i18n_init(c->lang) && c->lang != NULL &&
	    strcmp(kf_i18n_lang(), c->lang) != 0)
		c->lang = NULL;
	else if (c->lang != NULL)
		c->lang = kf_i18n_lang();
	if (!tui && kf_i18n_warning(warn, sizeof(warn)) != NULL)
		fprintf(stderr, "kefu: %s\n", warn);
}

/*
 * kefu --version: the program, the schema it writes (and reads: every
 * older one is migrated up) and the SQLite library it runs on, which may
 * differ from the one it was built with. The package's scripts read it.
 */
static void
print_version(bool json)
{
	if (json)
		printf("{\"version\":\"%s\",\"schema\":%d,\"sqlite\":\"%s\"}\n",
		    KEFU_VERSION, kf_schema_latest(), kf_sqlite_version());
	else
		printf("kefu %s\nschema %d (writes and reads databases of "
		    "schema 1 to %d)\nSQLite %s\n", KEFU_VERSION,
		    kf_schema_latest(), kf_schema_latest(),
		    kf_sqlite_version());
}

/*
 * Reads the global options into c and moves *argc and *argv past them.
 * Returns -1 to go on, else the exit code (--help, --version, a usage
 * error, each printed). The strings in c point into argv.
 */
static int
parse_options(struct cli *c, int *argc, char ***argv)
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
	bool version = false;
	int ch;

	opterr = 0;
	while ((ch = getopt_long(*argc, *argv, "+:hVj", opts, NULL)) != -1) {
		switch (ch) {
		case 'd':	c->start.db_path = optarg; break;
		case 'a':	c->start.as = optarg; break;
		case 'l':	c->start.login = optarg; break;
		case 'j':	c->json = true; break;
		case 'L':	c->lang = optarg; break;	/* lang_init */
		case 'V':	version = true; break;	/* --json may follow */
		case 'h':
			cli_help(stdout);
			return 0;
		default:
			return cli_getopt_fail(NULL, ch, *argv);
		}
	}
	if (version) {
		print_version(c->json);
		return 0;
	}
	*argc -= optind;
	*argv += optind;
	return -1;
}

/*
 * Opens c->k as c->start says and, when need_actor, resolves who acts
 * (kefu/start.h); the CLI reads --login's password here, the TUI asks on
 * its login screen. Returns 0, or the exit code after one line on stderr
 * with c->k closed (NULL).
 */
static int
start_session(struct cli *c, bool need_actor)
{
	struct kf_err err;
	enum kf_rc rc;
	char *pw = NULL;
	int code = 0;

	kf_err_clear(&err);
	if ((rc = kf_start_open(&c->start, &c->k, &err)) != KF_OK)
		return cli_fail(&err);
	if (!need_actor)
		return 0;
	if (c->start.login != NULL && !c->start.login_screen &&
	    (pw = cli_read_password("Password: ", false)) == NULL)
		code = EXIT_USAGE;
	else if ((rc = c->system_ok ?
	    kf_start_identify_system(&c->start, c->k, pw, &err) :
	    kf_start_identify(&c->start, c->k, pw, &err)) != KF_OK)
		code = cli_fail(&err);
	if (pw != NULL) {
		explicit_bzero(pw, strlen(pw));
		free(pw);
	}
	if (code != 0) {
		kf_core_close(c->k);
		c->k = NULL;
	}
	return code;
}

/*
 * Runs cmd on a started session, or the terminal UI when cmd is NULL.
 * A failed kefu init leaves no file behind. Returns the exit code.
 */
static int
run(struct cli *c, const struct cli_cmd *cmd, int argc, char **argv)
{
	int code;

	if (cmd == NULL) {
		/* The UI waits for the write lock only briefly and retries on
		 * its timer, so it stays responsive behind a long writer. */
		c->start.busy_timeout_ms = 300;
		c->start.login_screen = true;
	}
	c->start.create = cmd == &cmd_init;
	if (cmd != NULL && cmd->setup != NULL)
		cmd->setup(c, argc, argv);
	if (cmd != NULL && c->no_session) {
		optind = 0;
		return cmd->run(c, argc, argv);
	}
	code = start_session(c, cmd == NULL ||
	    (cmd->needs_actor && !c->no_actor));
	if (code == 0 && cmd == NULL)
		code = tui_run(c->k, kf_core_actor_id(c->k) != 0,
		    c->start.login, c->lang);
	else if (code == 0) {
		optind = 0;	/* commands run getopt_long afresh */
		code = cmd->run(c, argc, argv);
	}
	kf_core_close(c->k);
	if (code != 0 && c->start.created)
		kf_core_remove_files(c->start.path);
	return code;
}

int
main(int argc, char **argv)
{
	struct cli c = { 0 };
	const struct cli_cmd *cmd = NULL;
	int code;

	kf_start_process(&c.start);
	locale_init();
	c.start.system_db = KEFU_SYSTEM_DB;
	if ((code = parse_options(&c, &argc, &argv)) < 0) {
		lang_init(&c, argc == 0);
		if (argc == 0 || (code = cli_prepare(argc, argv, &cmd)) < 0)
			code = run(&c, cmd, argc, argv);
	}

	/* Output that could not be written is a failure, help included. */
	if ((fflush(stdout) != 0 || ferror(stdout)) && code == 0) {
		fprintf(stderr, "kefu: cannot write output: %s\n",
		    strerror(errno));
		code = kf_rc_exit(KF_DBERR);
	}
	return code;
}
