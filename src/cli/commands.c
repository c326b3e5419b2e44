/*
 * commands.c — the CLI's command table, its general help, and what is
 * answered before any database is opened: help, unknown commands and
 * init's arguments. main.c starts the session and runs the command.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "kefu/err.h"
#include "kefu_config.h"

static const struct cli_cmd *const commands[] = {
	&cmd_init, &cmd_migrate, &cmd_check, &cmd_backup, &cmd_restore,
	&cmd_user,
	&cmd_policy, &cmd_audit, &cmd_customer, &cmd_contact, &cmd_order,
	&cmd_complaint, &cmd_callback, &cmd_fee, &cmd_rate, &cmd_meter,
	&cmd_reading, &cmd_notice, &cmd_payment, &cmd_receipt, &cmd_arrears,
	&cmd_report, &cmd_demo,
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

void
cli_help(FILE *f)
{
	size_t i;

	fprintf(f,
	    "usage: kefu [--db PATH] [--as LOGIN | --login LOGIN] [--json] "
	    "COMMAND [ARGS]\n"
	    "\n"
	    "kefu (客服) is a multi-user service desk: reception, repair dispatch,\n"
	    "complaints, billing and callbacks over one shared database.\n"
	    "Without a COMMAND it starts the terminal UI, as the same person.\n"
	    "\n"
	    "Global options:\n"
	    "  --db PATH      the database (default: $KEFU_DB in owner mode, else\n"
	    "                 %s); a setgid kefu opens any other\n"
	    "                 file as you, without its group\n"
	    "  --as LOGIN     act as this staff account (owner mode only: you can\n"
	    "                 write the database file; refused otherwise)\n"
	    "  --login LOGIN  log in with this account's password (read from the\n"
	    "                 terminal, or the first line of standard input)\n"
	    "  --json         machine-readable output on standard output\n"
	    "  --lang LANG    zh_CN or en (default: from LANGUAGE, LC_ALL,\n"
	    "                 LC_MESSAGES or LANG; the catalogues are built in)\n"
	    "  --version      print the version of kefu, the schema it writes\n"
	    "                 and the SQLite it runs on (with --json: an object)\n"
	    "  --help         this text; COMMAND --help for a command\n"
	    "\nCommands:\n", KEFU_SYSTEM_DB);
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-9s %s\n", commands[i]->name, commands[i]->summary);
	fprintf(f,
	    "\nExit codes: 0 ok, 1 usage or invalid input, 2 not found, "
	    "3 conflict,\n4 permission denied, 5 refused by a rule, "
	    "6 storage error or busy;\n"
	    "kefu migrate --status also exits 10 (migration due) or 11 (newer).\n"
	    "Environment (owner mode only): KEFU_DB, KEFU_NOW "
	    "(e.g. 2026-11-27T10:41:00+08:00).\n"
	    "Manuals: man kefu (every command), man kefu-admin (deployment,\n"
	    "roles, backup and restore, checks, timers).\n");
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

int
cli_prepare(int argc, char **argv, const struct cli_cmd **cmd)
{
	const struct cli_cmd *found;

	*cmd = NULL;
	if (strcmp(argv[0], "help") == 0) {
		if (argc == 1) {
			cli_help(stdout);
			return 0;
		}
		if ((found = find_command(argv[1])) == NULL)
			return cli_usage(NULL, "no command '%.40s'", argv[1]);
		fputs(found->help, stdout);
		return 0;
	}
	if ((found = find_command(argv[0])) == NULL)
		return cli_usage(NULL, "unknown command '%.40s'", argv[0]);
	if (cli_wants_help(argc, argv)) {
		fputs(found->help, stdout);
		return 0;
	}
	if (found == &cmd_init && argc != 1)
		return cli_usage("init", "takes no arguments");
	*cmd = found;
	return -1;
}
