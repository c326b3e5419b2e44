/*
 * identity.c — resolving the actor of a session and creating the first
 * admin. How the faces choose among the three ways (Unix user in deployed
 * mode, --as in owner mode, a password otherwise) is DESIGN.md's
 * "Identity and security"; this file only checks the account.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "internal.h"
#include "kefu/perm.h"
#include "kefu/staff.h"

static const char SQL_BY_UNIX[] =
    "SELECT id, login, roles, disabled, pw_hash FROM staff "
    "WHERE unix_user = :u";
static const char SQL_BY_LOGIN[] =
    "SELECT id, login, roles, disabled, pw_hash FROM staff WHERE login = :u";
static const char SQL_BY_ID[] =
    "SELECT id, login, roles, disabled, pw_hash FROM staff WHERE id = :id";
static const char SQL_COUNT_STAFF[] = "SELECT count(*) FROM staff";

enum how { BY_UNIX, BY_LOGIN, BY_PASSWORD };

/*
 * An argon2id hash (of a random password nobody knows) with the limits
 * kf_staff_passwd uses: verifying against it when the login does not
 * exist or has no password takes as long as a real check, so the time a
 * refusal takes does not tell which logins exist.
 */
static const char DUMMY_HASH[crypto_pwhash_STRBYTES] =
    "$argon2id$v=19$m=65536,t=2,p=1$3lJFltp96Jf4S46+pIb+LA$"
    "UYbEcOYlefTtgMdk3U7b+RUH2Oa8CAF13MRqsoteSqw";

static void
burn_a_hash(const char *password)
{
	const char *p = password ? password : "";

	if (crypto_pwhash_str_verify(DUMMY_HASH, p, strlen(p)) == 0)
		abort();	/* nobody knows that password */
}

static void
forget_actor(struct kf_core *k)
{
	k->actor_id = 0;
	k->actor_login[0] = '\0';
	k->actor_roles = 0;
}

static enum kf_rc
login(struct kf_core *k, enum how how, const char *name, const char *password,
    struct kf_err *err)
{
	sqlite3_stmt *st;
	const char *hash;
	unsigned roles = 0;
	enum kf_rc rc = KF_OK;
	int src;

	forget_actor(k);
	st = kf_sql(k, how == BY_UNIX ? SQL_BY_UNIX : SQL_BY_LOGIN);
	kf_bind_text(st, ":u", name);
	src = sqlite3_step(st);
	if (src == SQLITE_DONE) {
		if (how == BY_PASSWORD)
			burn_a_hash(password);
		if (how == BY_UNIX)
			rc = kf_err_set(err, KF_NOTFOUND,
			    "no staff account for Unix user '%s' (an admin adds "
			    "one with: kefu user add LOGIN NAME ROLES --unix %s)",
			    name, name);
		else if (how == BY_PASSWORD)
			rc = kf_err_set(err, KF_DENIED, "wrong login or password");
		else
			rc = kf_err_set(err, KF_NOTFOUND, "no staff account '%s'",
			    name);
		goto out;
	}
	if (src != SQLITE_ROW) {
		rc = kf_db_err(k, src, "looking up the account", err);
		goto out;
	}
	if (how == BY_PASSWORD) {
		hash = (const char *)sqlite3_column_text(st, 4);
		if (hash == NULL)
			burn_a_hash(password);
		if (hash == NULL || password == NULL ||
		    crypto_pwhash_str_verify(hash, password, strlen(password)) != 0) {
			rc = kf_err_set(err, KF_DENIED, "wrong login or password");
			goto out;
		}
	}
	if (sqlite3_column_int(st, 3)) {
		rc = kf_err_set(err, KF_DENIED, "account %s is disabled",
		    (const char *)sqlite3_column_text(st, 1));
		goto out;
	}
	if (kf_roles_parse((const char *)sqlite3_column_text(st, 2), &roles,
	    NULL) != KF_OK) {
		rc = kf_err_set(err, KF_DBERR, "account %s has unreadable roles",
		    (const char *)sqlite3_column_text(st, 1));
		goto out;
	}
	k->actor_id = sqlite3_column_int64(st, 0);
	kf_col_copy(st, 1, k->actor_login, sizeof(k->actor_login));
	k->actor_roles = roles;
out:
	kf_sql_done(st);
	return rc;
}

enum kf_rc
kf_core_login_unix(struct kf_core *k, const char *unix_user, struct kf_err *err)
{
	return login(k, BY_UNIX, unix_user, NULL, err);
}

enum kf_rc
kf_core_login_as(struct kf_core *k, const char *login_name, struct kf_err *err)
{
	return login(k, BY_LOGIN, login_name, NULL, err);
}

enum kf_rc
kf_core_login_password(struct kf_core *k, const char *login_name,
    const char *password, struct kf_err *err)
{
	return login(k, BY_PASSWORD, login_name, password, err);
}

int64_t
kf_core_actor_id(const struct kf_core *k)
{
	return k->actor_id;
}

const char *
kf_core_actor_login(const struct kf_core *k)
{
	return k->actor_login;
}

unsigned
kf_core_actor_roles(const struct kf_core *k)
{
	return k->actor_roles;
}

enum kf_rc
kf_core_actor_refresh(struct kf_core *k, struct kf_err *err)
{
	sqlite3_stmt *st;
	enum kf_rc rc = KF_OK;
	unsigned roles;
	int src;

	if ((rc = kf_need_actor(k, err)) != KF_OK)
		return rc;
	st = kf_sql(k, SQL_BY_ID);
	kf_bind_int(st, ":id", k->actor_id);
	src = sqlite3_step(st);
	if (src == SQLITE_DONE)
		rc = kf_err_set(err, KF_DENIED, "account %s no longer exists",
		    k->actor_login);
	else if (src != SQLITE_ROW)
		rc = kf_db_err(k, src, "re-reading your account", err);
	else if (sqlite3_column_int(st, 3))
		rc = kf_err_set(err, KF_DENIED,
		    "account %s has been disabled", k->actor_login);
	else if ((rc = kf_roles_parse((const char *)sqlite3_column_text(st, 2),
	    &roles, err)) == KF_OK)
		k->actor_roles = roles;
	else
		rc = kf_err_set(err, KF_DBERR, "account %s has unreadable roles",
		    k->actor_login);
	kf_sql_done(st);
	/* Only a refusal ends the session; a passing storage error (busy)
	 * leaves the actor in place for the next try. */
	if (rc == KF_DENIED)
		forget_actor(k);
	return rc;
}

enum kf_rc
kf_core_init(struct kf_core *k, const char *unix_user, const char *display,
    struct kf_err *err)
{
	sqlite3_stmt *st;
	enum kf_rc rc;
	int64_t n = 0, id;

	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		return rc;
	st = kf_sql(k, SQL_COUNT_STAFF);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	kf_sql_done(st);
	if (n > 0) {
		rc = kf_err_set(err, KF_REFUSED,
		    "%s is already initialised (it has staff accounts)", k->path);
		return kf_tx_end(k, rc, err);
	}
	/* The first admin is created by "the system": there is nobody yet
	 * to attribute it to, and the audit row says so. */
	forget_actor(k);
	k->system = true;
	rc = kf_staff_add(k, unix_user, display, KF_ROLE_ADMIN, unix_user, NULL,
	    &id, err);
	k->system = false;
	rc = kf_tx_end(k, rc, err);
	if (rc == KF_OK)
		rc = kf_core_login_unix(k, unix_user, err);
	return rc;
}
