/*
 * cli.h — the command-line face of kefu: `kefu [global options] NOUN VERB`.
 * Each command family is one cmd_<noun>.c registered in commands.c's
 * table; a command parses its arguments, calls the core, prints the
 * result (a table for people, JSON with --json) and returns an exit code
 * (see kf_rc_exit). main.c parses the global options, starts the session
 * (kefu/start.h) and hands it to a command or to the TUI.
 */
#ifndef KEFU_CLI_H
#define KEFU_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "kefu/core.h"
#include "kefu/err.h"
#include "kefu/start.h"

struct kf_customer;
struct kf_tech_load;
struct kf_staff;

#define EXIT_USAGE	1
/* kefu migrate --status (the package's scripts branch on them). */
#define EXIT_SCHEMA_OLDER	10
#define EXIT_SCHEMA_NEWER	11

struct cli {
	struct kf_start	 start;		/* --db, --as, --login; the mode and
					 * the path once started */
	bool		 json;
	const char	*lang;		/* --lang zh_CN|en (the TUI) */
	struct kf_core	*k;		/* the session, owned by main.c */
	/* Set by a command's setup (below), before the session starts. */
	bool		 no_session;	/* run opens nothing itself (restore) */
	bool		 no_actor;	/* open, but identify nobody */
	bool		 system_ok;	/* root/owner act as the system
					 * (kf_start_identify_system) */
};

struct cli_cmd {
	const char	*name;
	const char	*summary;
	const char	*help;		/* full usage text for COMMAND --help */
	int		(*run)(struct cli *, int argc, char **argv);
	bool		 needs_actor;	/* false: runs before any login (init) */
	/* NULL, or how this invocation wants its session started (the
	 * fields of struct cli above, start.as_is), from its arguments:
	 * only looks, never fails (run reports bad arguments). */
	void		(*setup)(struct cli *, int argc, char **argv);
};

extern const struct cli_cmd cmd_init, cmd_migrate, cmd_check, cmd_backup, cmd_restore,
    cmd_user, cmd_policy, cmd_audit, cmd_customer, cmd_contact, cmd_order,
    cmd_fee, cmd_complaint, cmd_demo, cmd_rate, cmd_meter, cmd_reading,
    cmd_notice, cmd_payment, cmd_receipt, cmd_arrears, cmd_callback,
    cmd_report;

/* Prints the general help (global options, every command, exit codes). */
void	 cli_help(FILE *f);
/*
 * Answers what needs no database for `kefu ARGV...` (argc >= 1): help,
 * an unknown command, init's arguments. Returns -1 with *cmd set when the
 * command is to run; else the exit code, after printing, with *cmd NULL.
 */
int	 cli_prepare(int argc, char **argv, const struct cli_cmd **cmd);

/*
 * Files the person names (exports, imports, reject files) are opened and
 * removed as the person: in deployed mode without the kefu group, so no
 * file is ever written with the group's rights. NULL / -1 with errno set.
 */
/*
 * A time as --at and --appointment take it: HH:MM today, or an ISO time;
 * false after a one-line message on a bad one.
 */
bool	 cli_when(struct cli *c, const char *s, int64_t *t);
/* As cli_when, for a time that has passed (--at): an HH:MM more than
 * half a day ahead is yesterday's (a night job registered after
 * midnight). */
bool	 cli_when_past(struct cli *c, const char *s, int64_t *t);
/*
 * Opens path as fopen would, as the person (a deployed kefu gives up the
 * group meanwhile). Mode "w" makes the file the person's alone: created
 * 0600, an existing one replaced and its group/other bits dropped
 * (kf_file_private): exports and reject files. NULL with errno on failure.
 */
FILE	*open_as_person(const struct cli *c, const char *path,
	    const char *mode);
int	 unlink_as_person(const struct cli *c, const char *path);

/* Prints "kefu: msg" to stderr (harmlessly, as cli_text) and returns the
 * exit code for err->rc. */
int	cli_fail(const struct kf_err *err);
/* Prints a usage error ("kefu CMD: msg (see: kefu CMD --help)"; for a
 * NULL cmd, "kefu: msg (see: kefu --help)"), returns 1. */
int	cli_usage(const char *cmd, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* The usage error for getopt_long's ':' (missing value) or '?' result. */
int	cli_getopt_fail(const char *cmd, int ch, char **argv);
/* True when argv holds -h or --help before any "--". */
bool	cli_wants_help(int argc, char **argv);

/* Prints s with control and format characters shown as '?'. */
void	cli_text(FILE *f, const char *s);
/* Prints s (as cli_text) padded with spaces to width display cells (CJK counts 2). */
void	cli_pad(FILE *f, const char *s, int width);
/* Prints s as a JSON string. */
void	cli_json_str(FILE *f, const char *s);

/*
 * Reads a password: from the terminal with echo off when stdin is a
 * terminal (asking twice when confirm), else one line of standard input.
 * Returns an allocated string, or NULL with a message printed.
 */
char	*cli_read_password(const char *prompt, bool confirm);

/*
 * Options and positional arguments read by hand (billing's commands):
 * argv[1..argc-1] is split into positionals (at most maxpos, into pos)
 * and the "--name VALUE", "--name=VALUE" or "--name" flags of opts (an
 * array ended by a NULL name; each found gets seen and value). A word
 * starting with one '-' is a positional, so a negative amount reaches
 * the check that names its field rather than "unknown option". Returns
 * -1 when all is well, else the usage exit code after its message.
 */
struct cli_opt {
	const char	*name;		/* "community", without the dashes */
	bool		 has_value;
	const char	*value;
	bool		 seen;
};
int	cli_split(const char *cmd, int argc, char **argv, struct cli_opt *opts,
	    const char **pos, int maxpos, int *npos);

/* Parses a decimal int64 option value; false (message printed) if not one. */
bool	cli_int(const char *cmd, const char *what, const char *s, long long *v);

/* ---- records with a lifecycle (records.c): order, complaint ---- */

/* A record number as typed: a positive integer; false after a usage
 * message naming what. */
bool	cli_id(const char *cmd, const char *what, const char *s, int64_t *id);
/* --version V: the version the person read (1 or more). */
bool	cli_version(const char *cmd, const char *s, int64_t *version);
/* s, or "-" when NULL or empty. */
const char *cli_or_dash(const char *s);
/* "2026-11-27 10:40" local time, or "-" for 0 (not yet); returns buf. */
const char *cli_time(int64_t t, char *buf, size_t n);
/* ,"key":value on standard output (the fields after an object's first). */
void	cli_json_key_str(const char *key, const char *v);
void	cli_json_key_int(const char *key, int64_t v);
void	cli_json_key_bool(const char *key, bool v);

/*
 * Logins by staff id for a record's page (who reported, forwarded,
 * signed it): technicians from the assignment picker, everyone else from
 * kf_staff_colleagues, each loaded at most once, when first needed; an
 * account neither shows is "#id". Start zeroed, free with cli_names_free.
 */
struct cli_names {
	struct kf_tech_load	*techs;
	size_t			 ntechs;
	bool			 techs_tried;
	struct kf_staff		*staff;
	size_t			 nstaff;
	bool			 staff_tried;
	char			 buf[4][32];	/* "#id", a few at once */
	int			 next;
};
void	cli_names_free(struct cli_names *nm);
/* The login of staff id ("-" for 0), lent until nm is freed (or 4 more). */
const char *cli_login_of(struct cli *c, struct cli_names *nm, int64_t id);
/*
 * The id of the staff account login. Reception and dispatchers may not
 * read other accounts (staff.show), but may name an enabled colleague:
 * the colleagues list answers for them. KF_NOTFOUND naming the login.
 */
enum kf_rc cli_staff_id(struct kf_core *k, const char *login, int64_t *id,
	    struct kf_err *err);
/*
 * The customer s names: an account ("A-2"), or the customer's number
 * when no account is spelt so. KF_NOTFOUND naming it otherwise. Clear cu
 * with kf_customer_clear.
 */
enum kf_rc cli_customer(struct cli *c, const char *s, struct kf_customer *cu,
	    struct kf_err *err);
/*
 * A period's bound as --from and --to take it (contact export, callback
 * rate): a local day YYYY-MM-DD (with end: through its end, the next
 * midnight), or a time as cli_when reads it (with end: before it). false
 * after a usage message naming opt.
 */
bool	cli_bound(struct cli *c, const char *cmd, const char *opt,
	    const char *s, bool end, int64_t *t);
/* Prints "history:" and a record's audit rows, oldest first (at most
 * CLI_HISTORY_MAX): for supervisors and admins; nothing for others. */
#define CLI_HISTORY_MAX	200
void	cli_history(struct cli *c, const char *entity, int64_t id);

#endif
