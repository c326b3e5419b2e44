/* cmd_audit.c — the audit trail: kefu audit list, kefu audit seal. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <unistd.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "kefu/audit.h"
#include "kefu/clock.h"
#include "kefu/util.h"

static int
audit_list(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "entity", required_argument, NULL, 'e' },
		{ "id", required_argument, NULL, 'i' },
		{ "actor", required_argument, NULL, 'a' },
		{ "before", required_argument, NULL, 'b' },
		{ "limit", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	struct kf_audit_filter f = { .limit = 50 };
	struct kf_audit_row *v;
	struct kf_err err;
	char when[32];
	long long num;
	size_t n, i;
	int ch, li;
	char opt[16];

	while ((ch = getopt_long(argc, argv, ":", opts, &li)) != -1) {
		switch (ch) {
		case 'e':	f.entity = optarg; break;
		case 'a':	f.actor = optarg; break;
		case 'i': case 'b': case 'n':
			snprintf(opt, sizeof(opt), "--%s", opts[li].name);
			if (!cli_int("audit list", opt, optarg, &num))
				return EXIT_USAGE;
			if (num < 1 || (ch == 'n' && num > 1000))
				return cli_usage("audit list", "%s must be %s", opt,
				    ch == 'n' ? "1 to 1000" : "1 or more");
			if (ch == 'i')
				f.entity_id = num;
			else if (ch == 'b')
				f.before_id = num;
			else
				f.limit = (int)num;
			break;
		default:
			return cli_getopt_fail("audit list", ch, argv);
		}
	}
	if (argc != optind)
		return cli_usage("audit list", "unexpected argument '%.40s'",
		    argv[optind]);
	kf_err_clear(&err);
	if (kf_audit_list(c->k, &f, &v, &n, &err) != KF_OK)
		return cli_fail(&err);
	if (c->json)
		printf("[");
	for (i = 0; i < n; i++) {
		if (c->json) {
			printf("%s{\"id\":%lld,\"at\":%lld,\"actor\":", i ? "," : "",
			    (long long)v[i].id, (long long)v[i].at);
			cli_json_str(stdout, v[i].actor);
			printf(",\"action\":");
			cli_json_str(stdout, v[i].action);
			printf(",\"entity\":");
			cli_json_str(stdout, v[i].entity);
			printf(",\"entity_id\":%lld,\"version\":%lld,\"before\":%s,"
			    "\"after\":%s}", (long long)v[i].entity_id,
			    (long long)v[i].version,
			    v[i].before ? v[i].before : "null",
			    v[i].after ? v[i].after : "null");
			continue;
		}
		kf_time_local(v[i].at, when, sizeof(when));
		printf("#%lld %s ", (long long)v[i].id, when);
		cli_text(stdout, v[i].actor);
		putchar(' ');
		cli_text(stdout, v[i].action);
		putchar(' ');
		cli_text(stdout, v[i].entity);
		printf("/%lld v%lld ", (long long)v[i].entity_id,
		    (long long)v[i].version);
		cli_text(stdout, v[i].before ? v[i].before : "{}");
		printf(" -> ");
		cli_text(stdout, v[i].after ? v[i].after : "{}");
		putchar('\n');
	}
	if (c->json)
		printf("]\n");
	kf_audit_list_free(v, n);
	return 0;
}

/*
 * Appends line and a newline to path in one write: opened O_APPEND (so a
 * file made append-only with chattr +a takes it), created 0600, never
 * through a symlink, as the person in deployed mode.
 */
static int
append_seal(const struct cli *c, const char *path, const char *line)
{
	gid_t egid = getegid();
	char *buf = NULL;
	size_t n;
	ssize_t w;
	int fd, saved;

	if (c->start.deployed && setegid(getgid()) != 0)
		return -1;
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	saved = errno;
	if (c->start.deployed && setegid(egid) != 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (fd < 0) {
		errno = saved;
		return -1;
	}
	n = strlen(line) + 1;
	buf = xmalloc(n);
	memcpy(buf, line, n - 1);
	buf[n - 1] = '\n';
	w = write(fd, buf, n);
	saved = errno;
	free(buf);
	if (close(fd) != 0 && w == (ssize_t)n) {
		saved = errno;
		w = -1;
	}
	errno = saved;
	return w == (ssize_t)n ? 0 : -1;
}

static int
audit_seal(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "to", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	const char *to = NULL;
	struct kf_err err;
	char *line;
	int ch, li;

	while ((ch = getopt_long(argc, argv, ":", opts, &li)) != -1) {
		if (ch == 't')
			to = optarg;
		else
			return cli_getopt_fail("audit seal", ch, argv);
	}
	if (argc != optind)
		return cli_usage("audit seal", "unexpected argument '%.40s'",
		    argv[optind]);
	kf_err_clear(&err);
	if (kf_audit_seal(c->k, &line, &err) != KF_OK)
		return cli_fail(&err);
	if (to != NULL && append_seal(c, to, line) != 0) {
		fprintf(stderr, "kefu: cannot append the seal to ");
		cli_text(stderr, to);
		fprintf(stderr, ": %s\n", strerror(errno));
		free(line);
		return kf_rc_exit(KF_DBERR);
	}
	if (c->json) {
		printf("{\"seal\":");
		cli_json_str(stdout, line);
		printf(",\"to\":");
		cli_json_str(stdout, to);
		printf("}\n");
	} else
		printf("%s\n", line);
	free(line);
	return 0;
}

static int
run_audit(struct cli *c, int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "list") == 0)
		return audit_list(c, argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "seal") == 0)
		return audit_seal(c, argc - 1, argv + 1);
	return cli_usage("audit", "%s", argc > 1 ? "unknown verb (list, seal)" :
	    "needs a verb (list, seal)");
}

const struct cli_cmd cmd_audit = {
	.name = "audit",
	.summary = "read the audit trail: list; seal its head",
	.help =
	    "usage: kefu audit list [--entity E] [--id N] [--actor LOGIN]\n"
	    "                       [--before ID] [--limit N]\n"
	    "       kefu audit seal [--to FILE]\n"
	    "\n"
	    "list: audit rows newest first: who changed what, when, with the\n"
	    "fields before and after as JSON. --before ID pages back from row ID.\n"
	    "--limit N: 1-1000 rows (default 50). Admins and supervisors.\n"
	    "\n"
	    "seal: verifies the audit chain and prints a seal line naming this\n"
	    "database, its newest audit row and that row's hash; --to FILE also\n"
	    "appends it to FILE (created 0600). Keep seals where the database's\n"
	    "writers cannot rewrite them (logger, a root-owned chattr +a file,\n"
	    "paper); kefu check --seal FILE then proves the trail still extends\n"
	    "every one. Admin only. See docs/admin.md.\n",
	.run = run_audit,
	.needs_actor = true,
};
