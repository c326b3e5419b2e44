/* moves.c — a move verb's arguments, read by its row (moves.h). */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "moves.h"

const struct cli_move *
cli_move_find(const struct cli_move *v, size_t n, const char *verb)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].verb, verb) == 0)
			return &v[i];
	return NULL;
}

/* The long name of option letter ch in opts. */
static const char *
long_name(const struct option *opts, int ch)
{
	for (; opts->name != NULL; opts++)
		if (opts->val == ch)
			return opts->name;
	return "?";
}

int
cli_move_parse(const char *noun, const struct cli_move *mv,
    const struct option *opts, int argc, char **argv,
    struct cli_move_args *a)
{
	const char *p;
	char cmd[48];
	int ch, li = 0, i;

	memset(a, 0, sizeof(*a));
	a->version = -1;
	snprintf(cmd, sizeof(cmd), "%s %s", noun, mv->verb);
	while ((ch = getopt_long(argc, argv, ":", opts, &li)) != -1) {
		if (ch == ':' || ch == '?')
			return cli_getopt_fail(cmd, ch, argv);
		if (ch == 'v') {
			if (!cli_version(cmd, optarg, &a->version))
				return EXIT_USAGE;
		} else if (ch > 0 && ch < 128 && strchr(mv->opts, ch) != NULL)
			/* A flag (no value: --pool, --serious) reads as "",
			 * so given or not is told apart as for the others. */
			a->opt[ch] = optarg != NULL ? optarg : "";
		else
			return cli_usage(cmd, "unknown option --%s",
			    opts[li].name);
	}
	if (argc - optind != mv->args)
		return cli_usage(cmd, "needs %s", mv->usage);
	for (p = mv->need; *p != '\0'; p++)
		if (a->opt[(unsigned char)*p] == NULL)
			return cli_usage(cmd, "needs %s (--%s is missing)",
			    mv->usage, long_name(opts, *p));
	if (!cli_id(cmd, "ID", argv[optind], &a->id))
		return EXIT_USAGE;
	for (i = 1; i < mv->args && i <= 3; i++)
		a->pos[i - 1] = argv[optind + i];
	return -1;
}
