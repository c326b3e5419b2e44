/*
 * args.c — what every command parses its arguments with: usage errors
 * that name the option as typed, numbers, and -h/--help anywhere.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int
cli_usage(const char *cmd, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	/*
	 * Usage errors quote what was typed (an unknown command, verb,
	 * option or argument): the whole line goes through cli_text, so an
	 * argument like $'\e]0;x\a' cannot drive the terminal. The message
	 * is bounded anyway (quoted arguments are cut at %.40s).
	 */
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (cmd != NULL) {
		fputs("kefu ", stderr);
		cli_text(stderr, cmd);
		fputs(": ", stderr);
	} else
		fputs("kefu: ", stderr);
	cli_text(stderr, msg);
	if (cmd != NULL) {
		fputs(" (see: kefu ", stderr);
		cli_text(stderr, cmd);
		fputs(" --help)\n", stderr);
	} else
		fputs(" (see: kefu --help)\n", stderr);
	return EXIT_USAGE;
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

/* (cli.h) */
int
cli_split(const char *cmd, int argc, char **argv, struct cli_opt *opts,
    const char **pos, int maxpos, int *npos)
{
	struct cli_opt *o;
	const char *name, *eq;
	size_t len;
	int i;

	*npos = 0;
	for (i = 1; i < argc; i++) {
		if (strncmp(argv[i], "--", 2) != 0 || argv[i][2] == '\0') {
			if (*npos == maxpos)
				return cli_usage(cmd, "unexpected argument '%.40s'",
				    argv[i]);
			pos[(*npos)++] = argv[i];
			continue;
		}
		name = argv[i] + 2;
		eq = strchr(name, '=');
		len = eq ? (size_t)(eq - name) : strlen(name);
		for (o = opts; o->name != NULL; o++)
			if (strlen(o->name) == len &&
			    strncmp(o->name, name, len) == 0)
				break;
		if (o->name == NULL)
			return cli_usage(cmd, "unknown option %.40s", argv[i]);
		o->seen = true;
		if (!o->has_value) {
			if (eq != NULL)
				return cli_usage(cmd, "option --%s takes no value",
				    o->name);
			continue;
		}
		if (eq != NULL)
			o->value = eq + 1;
		else if (i + 1 < argc)
			o->value = argv[++i];
		else
			return cli_usage(cmd, "option --%s needs a value", o->name);
	}
	return -1;
}
