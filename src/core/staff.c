/*
 * staff.c — staff accounts (see include/kefu/staff.h). Accounts are never
 * deleted; every change goes through kf_rec_update so it is versioned,
 * merged with other admins' edits and audited.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "internal.h"
#include "kefu/perm.h"
#include "kefu/staff.h"

static const char SQL_INSERT[] =
    "INSERT INTO staff (login, display_name, roles, unix_user, pw_hash, "
    "created_at) VALUES (:login, :name, :roles, :unix, :hash, :now)";
static const char SQL_TAKEN[] =
    "SELECT login FROM staff WHERE login = :login OR "
    "(:unix IS NOT NULL AND unix_user = :unix)";
static const char SQL_GET[] =
    "SELECT id, login, display_name, roles, unix_user, pw_hash IS NOT NULL, "
    "disabled, created_at, version FROM staff WHERE login = :login";
#define COLS "SELECT id, login, display_name, roles, unix_user, " \
    "pw_hash IS NOT NULL, disabled, created_at, version FROM staff "
static const char SQL_GET_ID[] = COLS "WHERE id = :id";
/* Keyset pages (kf_staff_page): by login, or by (display_name, login). */
static const char SQL_LOGIN_GT[] = COLS "WHERE login > :a AND login >= :lo "
    "AND login < :hi ORDER BY login LIMIT :n";
static const char SQL_LOGIN_GE[] = COLS "WHERE login >= :a AND login >= :lo "
    "AND login < :hi ORDER BY login LIMIT :n";
static const char SQL_LOGIN_LT[] = COLS "WHERE login < :a AND login >= :lo "
    "AND login < :hi ORDER BY login DESC LIMIT :n";
static const char SQL_NAME_GT[] = COLS "WHERE (display_name, login) > "
    "(:a, :al) AND display_name >= :lo AND display_name < :hi "
    "ORDER BY display_name, login LIMIT :n";
static const char SQL_NAME_GE[] = COLS "WHERE (display_name, login) >= "
    "(:a, :al) AND display_name >= :lo AND display_name < :hi "
    "ORDER BY display_name, login LIMIT :n";
static const char SQL_NAME_LT[] = COLS "WHERE (display_name, login) < "
    "(:a, :al) AND display_name >= :lo AND display_name < :hi "
    "ORDER BY display_name DESC, login DESC LIMIT :n";
static const char SQL_OTHER_ADMINS[] =
    "SELECT count(*) FROM staff WHERE id != :id AND disabled = 0 AND "
    "(',' || roles || ',') LIKE '%,admin,%'";

static const char SQL_COLLEAGUES[] =
    "SELECT id, login, display_name, roles, disabled FROM staff "
    "ORDER BY disabled, display_name, login";

static const char SQL_VERSION[] = "SELECT version FROM staff WHERE id = :id";
static const char SQL_BUMP[] = "UPDATE staff SET version = :v WHERE id = :id";

static const struct kf_field staff_fields[] = {
	{ "display_name", "SELECT display_name FROM staff WHERE id = :id",
	  "UPDATE staff SET display_name = :v WHERE id = :id", false },
	{ "roles", "SELECT roles FROM staff WHERE id = :id",
	  "UPDATE staff SET roles = :v WHERE id = :id", false },
	{ "unix_user", "SELECT unix_user FROM staff WHERE id = :id",
	  "UPDATE staff SET unix_user = :v WHERE id = :id", false },
	{ "disabled", "SELECT disabled FROM staff WHERE id = :id",
	  "UPDATE staff SET disabled = :v WHERE id = :id", false },
	{ "pw_hash", "SELECT pw_hash FROM staff WHERE id = :id",
	  "UPDATE staff SET pw_hash = :v WHERE id = :id", true },
};

static const struct kf_entity staff_entity = {
	"staff", SQL_VERSION, SQL_BUMP, staff_fields,
	(int)(sizeof(staff_fields) / sizeof(staff_fields[0])),
};

void
kf_staff_clear(struct kf_staff *s)
{
	if (s == NULL)
		return;
	free(s->login);
	free(s->display_name);
	free(s->unix_user);
	memset(s, 0, sizeof(*s));
}

static enum kf_rc
check_login(const char *login, struct kf_err *err)
{
	size_t i, n = login ? strlen(login) : 0;

	if (n == 0 || n > 32 || login[0] < 'a' || login[0] > 'z')
		goto bad;
	for (i = 0; i < n; i++)
		if (!((login[i] >= 'a' && login[i] <= 'z') ||
		    (login[i] >= '0' && login[i] <= '9') ||
		    login[i] == '.' || login[i] == '_' || login[i] == '-'))
			goto bad;
	return KF_OK;
bad:
	kf_err_set(err, KF_INVALID,
	    "bad login '%.40s': 1-32 of a-z 0-9 . _ -, starting with a letter",
	    login ? login : "");
	kf_err_field(err, "login");
	return KF_INVALID;
}

static enum kf_rc
check_unix(const char *u, struct kf_err *err)
{
	size_t i, n = strlen(u);

	if (n == 0 || n > 32 || u[0] == '-')
		goto bad;
	for (i = 0; i < n; i++)
		if (!((u[i] >= 'a' && u[i] <= 'z') || (u[i] >= 'A' && u[i] <= 'Z') ||
		    (u[i] >= '0' && u[i] <= '9') || u[i] == '.' || u[i] == '_' ||
		    u[i] == '-'))
			goto bad;
	return KF_OK;
bad:
	kf_err_set(err, KF_INVALID, "bad Unix user name '%.40s'", u);
	kf_err_field(err, "unix_user");
	return KF_INVALID;
}

static enum kf_rc
check_name_text(const char *name, struct kf_err *err)
{
	if (kf_blank(name))
		return kf_err_set(err, KF_INVALID, "display name is empty");
	if (!kf_text_clean(name))
		return kf_err_set(err, KF_INVALID,
		    "display name has invalid UTF-8 or control characters");
	if (kf_utf8_chars(name) > 64)
		return kf_err_set(err, KF_INVALID,
		    "display name is longer than 64 characters");
	return KF_OK;
}

static enum kf_rc
check_name(const char *name, struct kf_err *err)
{
	enum kf_rc rc = check_name_text(name, err);

	if (rc != KF_OK)
		kf_err_field(err, "display_name");
	return rc;
}

/*
 * Hashes password with argon2id into *hash (allocated). Done before the
 * write transaction: hashing takes a quarter second and must not hold the
 * lock other sessions wait for.
 */
static enum kf_rc
hash_password(const char *password, char **hash, struct kf_err *err)
{
	size_t n = strlen(password);

	*hash = NULL;
	if (n < 8 || n > 1024 || !kf_utf8_valid(password)) {
		if (n < 8)
			kf_err_set(err, KF_INVALID,
			    "password too short: at least 8 characters");
		else
			kf_err_set(err, KF_INVALID, "password must be valid "
			    "UTF-8 of at most 1024 bytes");
		kf_err_field(err, "password");
		return KF_INVALID;
	}
	*hash = xmalloc(crypto_pwhash_STRBYTES);
	if (crypto_pwhash_str(*hash, password, n,
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
		free(*hash);
		*hash = NULL;
		return kf_err_set(err, KF_DBERR,
		    "not enough memory to hash the password");
	}
	return KF_OK;
}

enum kf_rc
kf_staff_add(struct kf_core *k, const char *login, const char *display_name,
    unsigned roles, const char *unix_user, const char *password, int64_t *id,
    struct kf_err *err)
{
	char rolebuf[128], *hash = NULL;
	struct kf_buf after = { 0 };
	sqlite3_stmt *st;
	enum kf_rc rc;
	int src;

	if ((rc = kf_may(k, KF_ACT_STAFF_ADD, 0, err)) != KF_OK)
		return rc;
	if ((rc = check_login(login, err)) != KF_OK ||
	    (rc = check_name(display_name, err)) != KF_OK)
		return rc;
	if ((roles & KF_ROLE_ALL) == 0 || (roles & ~KF_ROLE_ALL)) {
		kf_err_set(err, KF_INVALID, "an account needs a role");
		kf_err_field(err, "roles");
		return KF_INVALID;
	}
	if (unix_user != NULL && *unix_user == '\0')
		unix_user = NULL;
	if (unix_user != NULL && (rc = check_unix(unix_user, err)) != KF_OK)
		return rc;
	if (password != NULL && (rc = hash_password(password, &hash, err)) != KF_OK)
		return rc;
	kf_roles_format(roles, rolebuf, sizeof(rolebuf));

	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		goto out;
	st = kf_sql(k, SQL_TAKEN);
	kf_bind_text(st, ":login", login);
	kf_bind_text(st, ":unix", unix_user);
	if ((src = sqlite3_step(st)) == SQLITE_ROW) {
		if (strcmp((const char *)sqlite3_column_text(st, 0), login) == 0)
			rc = kf_err_set(err, KF_CONFLICT, "login %s is taken",
			    login);
		else
			rc = kf_err_set(err, KF_CONFLICT, "Unix user %s already "
			    "belongs to another account", unix_user);
	}
	else if (src != SQLITE_DONE)
		rc = kf_db_err(k, src, "checking the login", err);
	kf_sql_done(st);
	if (rc != KF_OK)
		goto end;

	st = kf_sql(k, SQL_INSERT);
	kf_bind_text(st, ":login", login);
	kf_bind_text(st, ":name", display_name);
	kf_bind_text(st, ":roles", rolebuf);
	kf_bind_text(st, ":unix", unix_user);
	kf_bind_text(st, ":hash", hash);
	kf_bind_int(st, ":now", kf_core_now(k));
	src = sqlite3_step(st);
	kf_sql_done(st);
	if (src != SQLITE_DONE) {
		rc = kf_db_err(k, src, "adding the account", err);
		goto end;
	}
	if (id != NULL)
		*id = sqlite3_last_insert_rowid(k->db);
	kf_buf_puts(&after, "{\"login\":");
	kf_buf_json_str(&after, login);
	kf_buf_puts(&after, ",\"display_name\":");
	kf_buf_json_str(&after, display_name);
	kf_buf_puts(&after, ",\"roles\":");
	kf_buf_json_str(&after, rolebuf);
	kf_buf_puts(&after, ",\"unix_user\":");
	kf_buf_json_str(&after, unix_user);
	kf_buf_printf(&after, ",\"password\":%s,\"pw_hash\":",
	    hash ? "\"(set)\"" : "null");
	kf_audit_secret(&after, hash);	/* kefu check compares it */
	kf_buf_puts(&after, "}");
	rc = kf_audit_append(k, "staff.add", "staff",
	    sqlite3_last_insert_rowid(k->db), 1, NULL, kf_buf_str(&after), err);
end:
	rc = kf_tx_end(k, rc, err);
out:
	if (hash != NULL) {
		sodium_memzero(hash, crypto_pwhash_STRBYTES);
		free(hash);
	}
	kf_buf_free(&after);
	return rc;
}

static void
row_to_staff(sqlite3_stmt *st, struct kf_staff *s)
{
	s->id = sqlite3_column_int64(st, 0);
	s->login = kf_col_strdup(st, 1);
	s->display_name = kf_col_strdup(st, 2);
	if (kf_roles_parse((const char *)sqlite3_column_text(st, 3), &s->roles,
	    NULL) != KF_OK)
		s->roles = 0;
	s->unix_user = kf_col_strdup(st, 4);
	s->has_password = sqlite3_column_int(st, 5) != 0;
	s->disabled = sqlite3_column_int(st, 6) != 0;
	s->created_at = sqlite3_column_int64(st, 7);
	s->version = sqlite3_column_int64(st, 8);
}

/* Loads by login without a permission check (for the core's own use). */
static enum kf_rc
load(struct kf_core *k, const char *login, struct kf_staff *s,
    struct kf_err *err)
{
	sqlite3_stmt *st;
	enum kf_rc rc = KF_OK;
	int src;

	memset(s, 0, sizeof(*s));
	st = kf_sql(k, SQL_GET);
	kf_bind_text(st, ":login", login);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		row_to_staff(st, s);
	else if (src == SQLITE_DONE)
		rc = kf_err_set(err, KF_NOTFOUND, "no staff account '%.64s'",
		    login);
	else
		rc = kf_db_err(k, src, "reading the account", err);
	kf_sql_done(st);
	return rc;
}

enum kf_rc
kf_staff_get(struct kf_core *k, const char *login, struct kf_staff *s,
    struct kf_err *err)
{
	enum kf_rc rc;

	if ((rc = kf_need_actor(k, err)) != KF_OK)
		return rc;
	/* Someone who may only see their own account learns nothing about
	 * others, not even whether a login exists. */
	if (strcmp(login, k->actor_login) != 0 &&
	    (rc = kf_may(k, KF_ACT_STAFF_SHOW, 0, err)) != KF_OK)
		return rc;
	if ((rc = load(k, login, s, err)) != KF_OK)
		return rc;
	if ((rc = kf_may(k, KF_ACT_STAFF_SHOW, s->id, err)) != KF_OK)
		kf_staff_clear(s);
	return rc;
}

enum kf_rc
kf_staff_colleagues(struct kf_core *k, unsigned mask, int limit,
    struct kf_staff **out, size_t *n, struct kf_err *err)
{
	struct kf_staff *v;
	sqlite3_stmt *st;
	size_t len = 0;
	unsigned roles;
	enum kf_rc rc;
	int src = SQLITE_DONE;

	*out = NULL;
	*n = 0;
	if ((rc = kf_may(k, KF_ACT_STAFF_NAMES, 0, err)) != KF_OK)
		return rc;
	if (limit < 1 || limit > 1000)
		limit = 1000;
	v = xcalloc((size_t)limit, sizeof(*v));
	/* A few hundred accounts at most: the role test is done here, on
	 * the canonical list, rather than with LIKE patterns. */
	st = kf_sql(k, SQL_COLLEAGUES);
	while (len < (size_t)limit && (src = sqlite3_step(st)) == SQLITE_ROW) {
		if (kf_roles_parse((const char *)sqlite3_column_text(st, 3),
		    &roles, NULL) != KF_OK || (roles & mask) == 0)
			continue;
		v[len].id = sqlite3_column_int64(st, 0);
		v[len].login = kf_col_strdup(st, 1);
		v[len].display_name = kf_col_strdup(st, 2);
		v[len].roles = roles;
		v[len].disabled = sqlite3_column_int(st, 4) != 0;
		len++;
	}
	if (len == (size_t)limit)
		src = SQLITE_DONE;	/* stopped early, not failed */
	kf_sql_done(st);
	if (src != SQLITE_DONE) {
		kf_staff_list_free(v, len);
		return kf_db_err(k, src, "listing colleagues", err);
	}
	*out = v;
	*n = len;
	return KF_OK;
}

void
kf_staff_list_free(struct kf_staff *v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		kf_staff_clear(&v[i]);
	free(v);
}

enum kf_rc
kf_staff_get_id(struct kf_core *k, int64_t id, struct kf_staff *s,
    struct kf_err *err)
{
	sqlite3_stmt *st;
	enum kf_rc rc = KF_OK;
	int src;

	memset(s, 0, sizeof(*s));
	if ((rc = kf_may(k, KF_ACT_STAFF_SHOW, id, err)) != KF_OK)
		return rc;
	st = kf_sql(k, SQL_GET_ID);
	kf_bind_int(st, ":id", id);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		row_to_staff(st, s);
	else if (src == SQLITE_DONE)
		rc = kf_err_set(err, KF_NOTFOUND, "no staff account %lld",
		    (long long)id);
	else
		rc = kf_db_err(k, src, "reading the account", err);
	kf_sql_done(st);
	return rc;
}

/* Above every valid UTF-8 string that starts with the same prefix. */
#define TOP	"\xf4\x8f\xbf\xbf"

enum kf_rc
kf_staff_page(struct kf_core *k, const struct kf_staff_filter *f,
    enum kf_page dir, const struct kf_staff *anchor, int limit,
    struct kf_staff **out, size_t *n, struct kf_err *err)
{
	const char *filter = f != NULL ? f->text : NULL;
	struct kf_staff *v;
	const char *sql, *p, *a = "", *al = "";
	char *lo, *hi;
	bool by_name = false, reverse = false;
	sqlite3_stmt *st;
	size_t len = 0, i;
	enum kf_rc rc;
	int src;

	*out = NULL;
	*n = 0;
	if ((rc = kf_may(k, KF_ACT_STAFF_LIST, 0, err)) != KF_OK)
		return rc;
	if (filter == NULL)
		filter = "";
	if (!kf_utf8_valid(filter) || strlen(filter) > 128)
		return kf_err_set(err, KF_INVALID, "bad filter text");
	for (p = filter; *p; p++)
		if ((unsigned char)*p >= 0x80)
			by_name = true;
	lo = xstrdup(filter);
	if (!by_name)
		for (i = 0; lo[i]; i++)
			if (lo[i] >= 'A' && lo[i] <= 'Z')
				lo[i] = (char)(lo[i] - 'A' + 'a');
	hi = xasprintf("%s" TOP, lo);
	if (limit < 1 || limit > 1000)
		limit = 1000;
	if ((dir == KF_PAGE_AFTER || dir == KF_PAGE_BEFORE ||
	    dir == KF_PAGE_FROM) && (anchor == NULL || anchor->login == NULL))
		dir = KF_PAGE_FIRST;
	switch (dir) {
	case KF_PAGE_FIRST:
		sql = by_name ? SQL_NAME_GE : SQL_LOGIN_GE;
		a = lo;
		break;
	case KF_PAGE_LAST:
		sql = by_name ? SQL_NAME_LT : SQL_LOGIN_LT;
		a = hi;
		reverse = true;
		break;
	case KF_PAGE_BEFORE:
		sql = by_name ? SQL_NAME_LT : SQL_LOGIN_LT;
		reverse = true;
		break;
	case KF_PAGE_AFTER:
		sql = by_name ? SQL_NAME_GT : SQL_LOGIN_GT;
		break;
	default:
		sql = by_name ? SQL_NAME_GE : SQL_LOGIN_GE;
		break;
	}
	if (dir == KF_PAGE_AFTER || dir == KF_PAGE_BEFORE || dir == KF_PAGE_FROM) {
		a = by_name ? anchor->display_name : anchor->login;
		al = anchor->login;
	}
	v = xcalloc((size_t)limit, sizeof(*v));
	st = kf_sql(k, sql);
	kf_bind_text(st, ":a", a);
	if (by_name)
		kf_bind_text(st, ":al", al);
	kf_bind_text(st, ":lo", lo);
	kf_bind_text(st, ":hi", hi);
	kf_bind_int(st, ":n", limit);
	while ((src = sqlite3_step(st)) == SQLITE_ROW)
		row_to_staff(st, &v[len++]);
	kf_sql_done(st);
	free(lo);
	free(hi);
	if (src != SQLITE_DONE) {
		kf_staff_list_free(v, len);
		return kf_db_err(k, src, "listing accounts", err);
	}
	if (reverse)
		kf_page_reverse(v, len, sizeof(*v));
	*out = v;
	*n = len;
	return KF_OK;
}

/* KF_REFUSED when id is the last enabled admin (called inside the tx). */
static enum kf_rc
keep_an_admin(struct kf_core *k, int64_t id, struct kf_err *err)
{
	sqlite3_stmt *st = kf_sql(k, SQL_OTHER_ADMINS);
	int64_t others = 0;

	kf_bind_int(st, ":id", id);
	if (sqlite3_step(st) == SQLITE_ROW)
		others = sqlite3_column_int64(st, 0);
	kf_sql_done(st);
	if (others == 0)
		return kf_err_set(err, KF_REFUSED,
		    "this is the last enabled admin account: without it nobody "
		    "could administer kefu (add another admin first)");
	return KF_OK;
}

enum kf_rc
kf_staff_edit(struct kf_core *k, int64_t id, int64_t seen_version,
    const char *display_name, unsigned roles, const char *unix_user,
    struct kf_err *err)
{
	struct kf_change ch[3];
	char rolebuf[128];
	enum kf_rc rc;
	int n = 0;

	if ((rc = kf_may(k, KF_ACT_STAFF_EDIT, id, err)) != KF_OK)
		return rc;
	if (display_name != NULL) {
		if ((rc = check_name(display_name, err)) != KF_OK)
			return rc;
		ch[n++] = (struct kf_change){ "display_name",
		    { KF_V_TEXT, 0, display_name } };
	}
	if (roles != ~0u) {
		if ((roles & KF_ROLE_ALL) == 0 || (roles & ~KF_ROLE_ALL)) {
			kf_err_set(err, KF_INVALID, "an account needs a role");
			kf_err_field(err, "roles");
			return KF_INVALID;
		}
		kf_roles_format(roles, rolebuf, sizeof(rolebuf));
		ch[n++] = (struct kf_change){ "roles", { KF_V_TEXT, 0, rolebuf } };
	}
	if (unix_user != NULL) {
		if (*unix_user != '\0' && (rc = check_unix(unix_user, err)) != KF_OK)
			return rc;
		ch[n++] = *unix_user == '\0' ?
		    (struct kf_change){ "unix_user", { KF_V_NULL, 0, NULL } } :
		    (struct kf_change){ "unix_user", { KF_V_TEXT, 0, unix_user } };
	}
	if (n == 0)
		return kf_err_set(err, KF_INVALID, "nothing to change");
	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		return rc;
	if (roles != ~0u && !(roles & KF_ROLE_ADMIN))
		rc = keep_an_admin(k, id, err);
	if (rc == KF_OK)
		rc = kf_rec_update(k, &staff_entity, id, seen_version,
		    "staff.edit", ch, n, NULL, err);
	return kf_tx_end(k, rc, err);
}

enum kf_rc
kf_staff_set_disabled(struct kf_core *k, int64_t id, int64_t seen_version,
    bool disabled, struct kf_err *err)
{
	struct kf_change ch = { "disabled", { KF_V_INT, disabled, NULL } };
	enum kf_rc rc;

	if ((rc = kf_may(k, KF_ACT_STAFF_DISABLE, id, err)) != KF_OK)
		return rc;
	if ((rc = kf_tx_begin(k, err)) != KF_OK)
		return rc;
	if (disabled)
		rc = keep_an_admin(k, id, err);
	if (rc == KF_OK)
		rc = kf_rec_update(k, &staff_entity, id, seen_version,
		    disabled ? "staff.disable" : "staff.enable", &ch, 1, NULL,
		    err);
	return kf_tx_end(k, rc, err);
}

enum kf_rc
kf_staff_passwd(struct kf_core *k, int64_t id, const char *password,
    struct kf_err *err)
{
	struct kf_change ch = { "pw_hash", { KF_V_NULL, 0, NULL } };
	char *hash = NULL;
	enum kf_rc rc;

	if ((rc = kf_may(k, KF_ACT_STAFF_PASSWD, id, err)) != KF_OK)
		return rc;
	if (password != NULL) {
		if ((rc = hash_password(password, &hash, err)) != KF_OK)
			return rc;
		ch.v = (struct kf_value){ KF_V_TEXT, 0, hash };
	}
	if ((rc = kf_tx_begin(k, err)) == KF_OK) {
		rc = kf_rec_update(k, &staff_entity, id, -1, "staff.passwd", &ch,
		    1, NULL, err);
		rc = kf_tx_end(k, rc, err);
	}
	if (hash != NULL) {
		sodium_memzero(hash, crypto_pwhash_STRBYTES);
		free(hash);
	}
	return rc;
}

/* ---- names for messages (internal.h) ---- */

static const char SQL_NAME_OF_ID[] =
    "SELECT display_name FROM staff WHERE id = :id";
static const char SQL_NAME_OF_LOGIN[] =
    "SELECT display_name FROM staff WHERE login = :l";

void
kf_staff_name(struct kf_core *k, int64_t id, char *buf, size_t n)
{
	sqlite3_stmt *st = kf_sql(k, SQL_NAME_OF_ID);

	snprintf(buf, n, "%lld", (long long)id);
	kf_bind_int(st, ":id", id);
	if (sqlite3_step(st) == SQLITE_ROW)
		kf_col_copy(st, 0, buf, n);
	kf_sql_done(st);
}

void
kf_staff_login_name(struct kf_core *k, const char *login, char *buf,
    size_t n)
{
	sqlite3_stmt *st = kf_sql(k, SQL_NAME_OF_LOGIN);

	snprintf(buf, n, "%s", login);
	kf_bind_text(st, ":l", login);
	if (sqlite3_step(st) == SQLITE_ROW)
		kf_col_copy(st, 0, buf, n);
	kf_sql_done(st);
}
