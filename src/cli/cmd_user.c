/* cmd_user.c — staff accounts: kefu user add|list|show|roles|edit|disable|passwd. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kefu/clock.h"
#include "kefu/perm.h"
#include "kefu/staff.h"
#include "kefu/util.h"

static void
print_json(const struct kf_staff *s)
{
	char roles[128];

	kf_roles_format(s->roles, roles, sizeof(roles));
	printf("{\"id\":%lld,\"login\":", (long long)s->id);
	cli_json_str(stdout, s->login);
	printf(",\"display_name\":");
	cli_json_str(stdout, s->display_name);
	printf(",\"roles\":");
	cli_json_str(stdout, roles);
	printf(",\"unix_user\":");
	cli_json_str(stdout, s->unix_user);
	printf(",\"password\":%s,\"disabled\":%s,\"created_at\":%lld,"
	    "\"version\":%lld}", s->has_password ? "true" : "false",
	    s->disabled ? "true" : "false", (long long)s->created_at,
	    (long long)s->version);
}

/*
 * Prints a line of success naming a login as it was typed: before, the
 * login (a JSON string when json, else shown harmlessly as cli_text),
 * after. What was typed never reaches the terminal raw.
 */
static void
said(const char *before, const char *login, const char *after, bool json)
{
	fputs(before, stdout);
	if (json)
		cli_json_str(stdout, login);
	else
		cli_text(stdout, login);
	fputs(after, stdout);
	putchar('\n');
}

/* Parses "--version V" style options shared by the editing verbs. */
static bool
take_version(const char *cmd, const char *arg, long long *v)
{
	if (!cli_int(cmd, "--version", arg, v))
		return false;
	if (*v < 1) {
		cli_usage(cmd, "--version must be 1 or more");
		return false;
	}
	return true;
}

static int
user_add(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "unix", required_argument, NULL, 'u' },
		{ "password", no_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 },
	};
	const char *unix_user = NULL;
	char *pw = NULL;
	bool want_pw = false;
	struct kf_err err;
	unsigned roles;
	int64_t id = 0;
	int ch, code = 0;

	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'u':	unix_user = optarg; break;
		case 'p':	want_pw = true; break;
		default:
			return cli_getopt_fail("user add", ch, argv);
		}
	}
	if (argc - optind != 3)
		return cli_usage("user add", "needs LOGIN NAME ROLES");
	kf_err_clear(&err);
	if (kf_roles_parse(argv[optind + 2], &roles, &err) != KF_OK)
		return cli_fail(&err);
	if (want_pw && (pw = cli_read_password("New password: ", true)) == NULL)
		return EXIT_USAGE;
	if (kf_staff_add(c->k, argv[optind], argv[optind + 1], roles, unix_user,
	    pw, &id, &err) != KF_OK)
		code = cli_fail(&err);
	else if (c->json) {
		printf("{\"id\":%lld,\"login\":", (long long)id);
		said("", argv[optind], "}", true);
	} else {
		printf("added ");
		cli_text(stdout, argv[optind]);
		printf(" (id %lld)\n", (long long)id);
	}
	if (pw != NULL) {
		explicit_bzero(pw, strlen(pw));
		free(pw);
	}
	return code;
}

static int
user_list(struct cli *c, int argc, char **argv)
{
	struct kf_staff *v, last = { 0 };
	struct kf_err err;
	char roles[128];
	size_t n, i;
	bool first = true;

	(void)argv;
	if (argc != 1)
		return cli_usage("user list", "takes no arguments");
	kf_err_clear(&err);
	do {		/* keyset pages by login: never the whole table at once */
		if (kf_staff_page(c->k, NULL, last.login ? KF_PAGE_AFTER :
		    KF_PAGE_FIRST, &last, 500, &v, &n, &err) != KF_OK) {
			kf_staff_clear(&last);
			return cli_fail(&err);
		}
		if (last.login == NULL && c->json) /* allowed: now the header */
			printf("[");
		else if (last.login == NULL)
			printf("%-16s %-20s %-40s %s\n", "LOGIN", "NAME",
			    "ROLES", "UNIX USER");
		for (i = 0; i < n; i++) {
			if (c->json) {
				printf("%s", first ? "" : ",");
				print_json(&v[i]);
				first = false;
				continue;
			}
			kf_roles_format(v[i].roles, roles, sizeof(roles));
			cli_pad(stdout, v[i].login, 16);
			putchar(' ');
			cli_pad(stdout, v[i].display_name, 20);
			putchar(' ');
			cli_pad(stdout, roles, 40);
			putchar(' ');
			cli_text(stdout, v[i].unix_user ? v[i].unix_user : "-");
			printf("%s\n", v[i].disabled ? "  (disabled)" : "");
		}
		if (n > 0) {	/* the keyset: by login, no filter */
			kf_staff_clear(&last);
			last.login = xstrdup(v[n - 1].login);
		}
		kf_staff_list_free(v, n);
	} while (n == 500);
	kf_staff_clear(&last);
	if (c->json)
		printf("]\n");
	return 0;
}

static int
user_show(struct cli *c, int argc, char **argv)
{
	struct kf_staff s;
	struct kf_err err;
	char roles[128], when[32];

	if (argc != 2)
		return cli_usage("user show", "needs LOGIN");
	kf_err_clear(&err);
	if (kf_staff_get(c->k, argv[1], &s, &err) != KF_OK)
		return cli_fail(&err);
	if (c->json) {
		print_json(&s);
		putchar('\n');
	} else {
		kf_roles_format(s.roles, roles, sizeof(roles));
		kf_time_local(s.created_at, when, sizeof(when));
		/* Stored text through cli_text: never raw to a terminal. */
		printf("login:     ");
		cli_text(stdout, s.login);
		printf("\nname:      ");
		cli_text(stdout, s.display_name);
		printf("\nroles:     %s\nunix user: ", roles);
		cli_text(stdout, s.unix_user ? s.unix_user : "-");
		printf("\npassword:  %s\nstatus:    %s\n"
		    "created:   %s\nversion:   %lld\n",
		    s.has_password ? "set" : "none",
		    s.disabled ? "disabled" : "active", when,
		    (long long)s.version);
	}
	kf_staff_clear(&s);
	return 0;
}

/* Looks up LOGIN for an editing verb: its id and, unless given, version. */
static int
target(struct cli *c, const char *login, long long *version, int64_t *id)
{
	struct kf_staff s;
	struct kf_err err;

	kf_err_clear(&err);
	if (kf_staff_get(c->k, login, &s, &err) != KF_OK)
		return cli_fail(&err);
	*id = s.id;
	if (*version == 0)
		*version = -1;	/* no version given: edit what is there now */
	kf_staff_clear(&s);
	return 0;
}

static int
user_edit(struct cli *c, int argc, char **argv, const char *verb)
{
	static const struct option opts[] = {
		{ "version", required_argument, NULL, 'v' },
		{ "name", required_argument, NULL, 'n' },
		{ "unix", required_argument, NULL, 'u' },
		{ "roles", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	const char *name = NULL, *unix_user = NULL, *rolearg = NULL;
	char cmd[32];
	long long version = 0;
	unsigned roles = ~0u;
	struct kf_err err;
	int64_t id = 0;
	int ch, code;

	snprintf(cmd, sizeof(cmd), "user %s", verb);
	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'v':
			if (!take_version(cmd, optarg, &version))
				return EXIT_USAGE;
			break;
		case 'n':	name = optarg; break;
		case 'u':	unix_user = optarg; break;
		case 'r':	rolearg = optarg; break;
		default:
			return cli_getopt_fail(cmd, ch, argv);
		}
	}
	if (strcmp(verb, "roles") == 0) {
		if (argc - optind != 2)
			return cli_usage(cmd, "needs LOGIN ROLES");
		rolearg = argv[optind + 1];
	} else if (argc - optind != 1)
		return cli_usage(cmd, "needs LOGIN");
	else if (!name && !unix_user && !rolearg)
		return cli_usage(cmd, "nothing to change: give --name, --unix "
		    "or --roles");
	kf_err_clear(&err);
	if (rolearg != NULL && kf_roles_parse(rolearg, &roles, &err) != KF_OK)
		return cli_fail(&err);
	if ((code = target(c, argv[optind], &version, &id)) != 0)
		return code;
	if (kf_staff_edit(c->k, id, version, name, roles, unix_user, &err) !=
	    KF_OK)
		return cli_fail(&err);
	if (c->json)
		said("{\"login\":", argv[optind], ",\"changed\":true}", true);
	else
		said("changed ", argv[optind], "", false);
	return 0;
}

static int
user_disable(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "enable", no_argument, NULL, 'e' },
		{ "version", required_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 },
	};
	long long version = 0;
	bool enable = false;
	struct kf_err err;
	int64_t id = 0;
	int ch, code;

	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (ch) {
		case 'e':	enable = true; break;
		case 'v':
			if (!take_version("user disable", optarg, &version))
				return EXIT_USAGE;
			break;
		default:
			return cli_getopt_fail("user disable", ch, argv);
		}
	}
	if (argc - optind != 1)
		return cli_usage("user disable", "needs LOGIN");
	if ((code = target(c, argv[optind], &version, &id)) != 0)
		return code;
	kf_err_clear(&err);
	if (kf_staff_set_disabled(c->k, id, version, !enable, &err) != KF_OK)
		return cli_fail(&err);
	if (c->json)
		said("{\"login\":", argv[optind], enable ?
		    ",\"disabled\":false}" : ",\"disabled\":true}", true);
	else
		said(enable ? "enabled " : "disabled ", argv[optind], "", false);
	return 0;
}

static int
user_passwd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "clear", no_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 },
	};
	long long version = 0;
	bool clear = false;
	struct kf_err err;
	char *pw = NULL;
	int64_t id = 0;
	int ch, code;

	while ((ch = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (ch != 'c')
			return cli_getopt_fail("user passwd", ch, argv);
		clear = true;
	}
	if (argc - optind != 1)
		return cli_usage("user passwd", "needs LOGIN");
	if ((code = target(c, argv[optind], &version, &id)) != 0)
		return code;
	if (!clear && (pw = cli_read_password("New password: ", true)) == NULL)
		return EXIT_USAGE;
	kf_err_clear(&err);
	code = 0;
	if (kf_staff_passwd(c->k, id, pw, &err) != KF_OK)
		code = cli_fail(&err);
	else if (c->json)
		said("{\"login\":", argv[optind], clear ?
		    ",\"password\":false}" : ",\"password\":true}", true);
	else
		said(clear ? "cleared the password of " :
		    "set the password of ", argv[optind], "", false);
	if (pw != NULL) {
		explicit_bzero(pw, strlen(pw));
		free(pw);
	}
	return code;
}

static int
run_user(struct cli *c, int argc, char **argv)
{
	const char *verb = argc > 1 ? argv[1] : "";

	argc--;
	argv++;
	if (strcmp(verb, "add") == 0)
		return user_add(c, argc, argv);
	if (strcmp(verb, "list") == 0)
		return user_list(c, argc, argv);
	if (strcmp(verb, "show") == 0)
		return user_show(c, argc, argv);
	if (strcmp(verb, "roles") == 0 || strcmp(verb, "edit") == 0)
		return user_edit(c, argc, argv, verb);
	if (strcmp(verb, "disable") == 0)
		return user_disable(c, argc, argv);
	if (strcmp(verb, "passwd") == 0)
		return user_passwd(c, argc, argv);
	if (*verb == '\0')
		return cli_usage("user", "needs a verb: add, list, show, roles, "
		    "edit, disable or passwd");
	return cli_usage("user", "unknown verb '%.20s'", verb);
}

const struct cli_cmd cmd_user = {
	.name = "user",
	.summary = "staff accounts: add, list, show, roles, edit, disable, passwd",
	.help =
	    "usage: kefu user add LOGIN NAME ROLES [--unix USER] [--password]\n"
	    "       kefu user list\n"
	    "       kefu user show LOGIN\n"
	    "       kefu user roles LOGIN ROLES [--version V]\n"
	    "       kefu user edit LOGIN [--name NAME] [--unix USER] [--roles R]"
	    " [--version V]\n"
	    "       kefu user disable LOGIN [--enable] [--version V]\n"
	    "       kefu user passwd LOGIN [--clear]\n"
	    "\n"
	    "ROLES is a comma list of: reception, dispatcher, technician,\n"
	    "supervisor, billing, admin. LOGIN: 1-32 of a-z 0-9 . _ - starting\n"
	    "with a letter. NAME may be Chinese (at most 64 characters).\n"
	    "--unix maps the account to a Unix user (deployed mode logs that user\n"
	    "in as this account); --unix '' removes the mapping.\n"
	    "Passwords (at least 8 characters) are read from the terminal, or\n"
	    "one line from standard input; only an argon2id hash is stored.\n"
	    "--version V: the version you read (from user show); when the account\n"
	    "changed since in the same field, the change is refused (exit 3) and\n"
	    "the message says who changed it, when, and to what.\n"
	    "Accounts are never deleted: disable them. The last enabled admin\n"
	    "cannot be disabled or lose the admin role (exit 5).\n"
	    "Admin only, except: anyone may show their own account and change\n"
	    "their own password; supervisors may list and show.\n",
	.run = run_user,
	.needs_actor = true,
};
