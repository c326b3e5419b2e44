/*
 * start.c — one session start-up for the CLI and the TUI (start.h): the
 * process's privilege and environment, the mode, the database path, the
 * clock and the actor. The faces only parse their arguments into a
 * struct kf_start and print what comes back, so the two cannot drift
 * apart. Which account a name maps to is identity.c's business; this
 * file decides which name to ask for, and whether it may be asked.
 */
#include <assert.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "kefu/clock.h"
#include "kefu/dbadmin.h"
#include "kefu/start.h"
#include "kefu/util.h"

/* What a setgid kefu keeps from the environment (start.h). */
static const char *const KEEP_ENV[] = { "TERM", "LANG", "LANGUAGE",
    "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "TZ", "COLUMNS", "LINES",
    "NO_COLOR" };
#define NKEEP (sizeof(KEEP_ENV) / sizeof(KEEP_ENV[0]))

void
kf_start_process(struct kf_start *s)
{
	char *saved[NKEEP];
	size_t i;

	s->setgid = getegid() != getgid() || geteuid() != getuid();
	if (!s->setgid)
		return;
	for (i = 0; i < NKEEP; i++) {
		const char *v = getenv(KEEP_ENV[i]);

		/* A TERM or locale naming a path could load files as us. */
		saved[i] = v && !strchr(v, '/') && strlen(v) < 128 ?
		    xstrdup(v) : NULL;
	}
	clearenv();
	setenv("PATH", "/usr/bin:/bin", 1);
	for (i = 0; i < NKEEP; i++) {
		if (saved[i] != NULL)
			setenv(KEEP_ENV[i], saved[i], 1);
		free(saved[i]);
	}
	umask(007);	/* WAL and shm files shared with the group */
}

/*
 * Gives up the setgid group for good: real, effective and saved, so it
 * cannot be taken back while SQLite parses a file the person chose.
 * Returns -1 if any of the three is left.
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

/*
 * An environment override, or NULL: never for a kefu started setgid
 * (secure_getenv says NULL then too), and an empty value is none.
 */
static const char *
env_override(const struct kf_start *s, const char *name)
{
	const char *v;

	if (s->setgid || (v = secure_getenv(name)) == NULL || *v == '\0')
		return NULL;
	return v;
}

/* The one refusal of --as, wherever it is found out (start.h). */
static enum kf_rc
refuse_as(const struct kf_start *s, struct kf_err *err)
{
	return kf_err_set(err, KF_DENIED, "--as needs write access to %s "
	    "(owner mode); log in with --login instead", s->path);
}

/* Steps 1-5 of kf_start_open (start.h): *now_env and *now for step 7. */
static enum kf_rc
start_path(struct kf_start *s, const char **now_env, int64_t *now,
    struct kf_err *err)
{
	struct kf_err why;

	assert(s->system_db != NULL);
	*now_env = NULL;
	*now = 0;
	s->setgid |= getegid() != getgid() || geteuid() != getuid();
	s->deployed = s->owner = s->created = false;
	if (s->as != NULL && s->login != NULL)
		return kf_err_set(err, KF_INVALID,
		    "--as and --login exclude each other");
	s->path = s->db_path;
	if (s->path == NULL && (s->path = env_override(s, "KEFU_DB")) == NULL)
		s->path = s->system_db;
	s->deployed = s->setgid;
	if (s->deployed && strcmp(s->path, s->system_db) != 0) {
		/* Another file: open it as the person, not as the group. */
		if (drop_group() != 0)
			return kf_err_set(err, KF_DBERR,
			    "cannot drop privileges");
		s->deployed = false;
	}
	if (s->deployed && s->as != NULL)
		return refuse_as(s, err);
	if (s->deployed && s->create && getuid() != 0)
		/* Whoever runs init becomes the first admin: on a shared
		 * host that is root's job, not the first user's. */
		return kf_err_set(err, KF_DENIED, "only root creates the "
		    "shared database (sudo kefu init)");
	if ((*now_env = env_override(s, "KEFU_NOW")) != NULL &&
	    kf_time_parse(*now_env, now, &why) != KF_OK)
		return kf_err_set(err, KF_INVALID, "KEFU_NOW: %s", why.msg);
	return KF_OK;
}

enum kf_rc
kf_start_path(struct kf_start *s, struct kf_err *err)
{
	const char *now_env;
	int64_t now;

	return start_path(s, &now_env, &now, err);
}

enum kf_rc
kf_start_open(struct kf_start *s, struct kf_core **out, struct kf_err *err)
{
	struct kf_open_opts oo = { .create = s->create,
	    .busy_timeout_ms = s->busy_timeout_ms, .as_is = s->as_is };
	struct stat sb;
	const char *now_env;
	int64_t now = 0;
	enum kf_rc rc;

	*out = NULL;
	if ((rc = start_path(s, &now_env, &now, err)) != KF_OK)
		return rc;
	s->created = s->create && stat(s->path, &sb) != 0;
	/* A staff member's deployed session never migrates the shared
	 * database: the package's postinst does, behind a checked backup
	 * (issue 16 review, H1); root does when it runs kefu. */
	oo.no_migrate = s->deployed && getuid() != 0;
	if ((rc = kf_core_open(s->path, &oo, out, err)) != KF_OK) {
		s->created = false;
		return rc;
	}
	s->owner = !s->deployed && access(s->path, W_OK) == 0;
	if (s->owner && now_env != NULL)
		kf_clock_fix(kf_core_clock(*out), now);
	return KF_OK;
}

/* The real user's name, from the password database (never $USER);
 * allocated, or NULL when the uid has none. */
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

enum kf_rc
kf_start_identify(const struct kf_start *s, struct kf_core *k,
    const char *password, struct kf_err *err)
{
	enum kf_rc rc;
	char *who;
	bool nameless;

	assert(kf_core_actor_id(k) == 0);	/* once, on a fresh session */
	if (s->login != NULL && password != NULL)
		return kf_core_login_password(k, s->login, password, err);
	if (s->login != NULL && s->login_screen)
		return KF_OK;
	if (s->login != NULL)
		return kf_err_set(err, KF_INVALID, "--login %s: no password",
		    s->login);
	if (s->as != NULL)
		return s->owner ? kf_core_login_as(k, s->as, err) :
		    refuse_as(s, err);
	if ((nameless = (who = real_user()) == NULL))
		rc = kf_err_set(err, KF_DENIED, "cannot tell who you are "
		    "(uid %u has no name); use --login", (unsigned)getuid());
	else
		rc = kf_core_login_unix(k, who, err);
	free(who);
	/* Nobody mapped: a face with a login screen asks for a password
	 * (a shared kiosk account, SSH without a Unix account each). */
	if (rc != KF_OK && s->login_screen &&
	    (rc == KF_NOTFOUND || nameless)) {
		kf_err_clear(err);
		return KF_OK;
	}
	return rc;
}

enum kf_rc
kf_start_identify_system(const struct kf_start *s, struct kf_core *k,
    const char *password, struct kf_err *err)
{
	/* --as or --login name an account: that one acts, with its rights. */
	if ((s->owner || getuid() == 0) && s->as == NULL && s->login == NULL) {
		/* As kefu init does: no account is looked up. */
		k->system = true;
		return KF_OK;
	}
	return kf_start_identify(s, k, password, err);
}

/* Whether the person may write path, or create it when it is missing. */
static bool
writable(const char *path)
{
	char *dir, *slash;
	bool ok;

	if (access(path, F_OK) == 0)
		return access(path, W_OK) == 0;
	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) == NULL)
		ok = access(".", W_OK | X_OK) == 0;
	else {
		*(slash == dir ? slash + 1 : slash) = '\0';
		ok = access(dir, W_OK | X_OK) == 0;
	}
	free(dir);
	return ok;
}

enum kf_rc
kf_start_restore(struct kf_start *s, const char *backup, bool force,
    struct kf_restore_result *r, struct kf_err *err)
{
	struct kf_restore_opts o = { .backup = backup, .force = force };
	const char *now_env;
	enum kf_rc rc;
	char *who;

	memset(r, 0, sizeof(*r));
	if ((rc = start_path(s, &now_env, &o.now, err)) != KF_OK)
		return rc;
	if (s->deployed && getuid() != 0)
		return kf_err_set(err, KF_DENIED, "only root restores the "
		    "shared database (sudo kefu restore BACKUP)");
	s->owner = !s->deployed && writable(s->path);
	if (!s->deployed && !s->owner)
		return kf_err_set(err, KF_DENIED, "kefu restore needs write "
		    "access to %s (its owner), or root", s->path);
	o.live = s->path;
	o.fix_clock = s->owner && now_env != NULL;
	who = real_user();
	o.by = who;
	rc = kf_restore(&o, r, err);
	free(who);
	return rc;
}
