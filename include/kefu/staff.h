/*
 * staff.h — staff accounts: who may log in, with which roles.
 *
 * An account has a login (unique, never reused), a display name (Chinese
 * names welcome), roles, an optional Unix user it maps to (deployed mode)
 * and an optional password (argon2id through libsodium). Accounts are never
 * deleted, only disabled. Every change is versioned and audited; edits of
 * different fields by two admins merge, edits of the same field conflict.
 */
#ifndef KEFU_STAFF_H
#define KEFU_STAFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kefu/core.h"
#include "kefu/err.h"

struct kf_staff {
	int64_t	 id;
	char	*login;
	char	*display_name;
	unsigned roles;		/* mask of enum kf_role */
	char	*unix_user;	/* NULL when none */
	bool	 has_password;
	bool	 disabled;
	int64_t	 created_at;
	int64_t	 version;
};

/* Frees the strings of s (not s itself); s may be NULL. */
void		kf_staff_clear(struct kf_staff *s);

/*
 * Adds an account. login: 1–32 characters of [a-z0-9._-], starting with a
 * letter; display_name: non-blank clean text of at most 64 characters;
 * roles: at least one; unix_user may be NULL; password may be NULL (no
 * password login) or at least 8 characters. KF_INVALID names the bad field;
 * KF_CONFLICT when login or unix user is taken. *id receives the new id.
 */
enum kf_rc	kf_staff_add(struct kf_core *k, const char *login,
		    const char *display_name, unsigned roles,
		    const char *unix_user, const char *password, int64_t *id,
		    struct kf_err *err);

/*
 * Loads the account by login into *s (caller clears). KF_NOTFOUND if none.
 * Admins and supervisors may load any account; others only their own (for
 * another login they get KF_DENIED, whether it exists or not).
 */
enum kf_rc	kf_staff_get(struct kf_core *k, const char *login,
		    struct kf_staff *s, struct kf_err *err);

/* Frees a list of accounts (each cleared, then v); v may be NULL. */
void		kf_staff_list_free(struct kf_staff *v, size_t n);

/*
 * The colleagues holding any role in mask, enabled ones first, each by
 * display name (at most limit, 1..1000): whom a clerk may name (the
 * manager who received an inspection, R10) and whose names the lists
 * show. Only id, login, display_name, roles and disabled are filled in.
 * Every role but technicians (staff.names); free with kf_staff_list_free.
 */
enum kf_rc	kf_staff_colleagues(struct kf_core *k, unsigned mask, int limit,
		    struct kf_staff **out, size_t *n, struct kf_err *err);

/* Which accounts a staff list shows. */
struct kf_staff_filter {
	const char	*text;	/* NULL or "": every account */
};

/*
 * One page of the accounts f selects, for a scrolling view or an export,
 * by keyset (never the whole table): fast at any size. The order depends
 * on the filter text:
 *   - none (NULL or ""): by login;
 *   - ASCII text: accounts whose login starts with it (any case), by
 *     login;
 *   - any other text (Chinese): whose display name starts with it, by
 *     display name then login.
 * dir and anchor place the page (enum kf_page in core.h): only the
 * anchor's login (and display name when by name) is read. At most limit
 * rows (1..1000; out of range: 1000), in that order whatever dir is.
 * Supervisor or admin (KF_DENIED otherwise); KF_INVALID for text that is
 * not UTF-8 or longer than 128 bytes. *out is allocated, *n its length
 * (on failure NULL and 0); free with kf_staff_list_free.
 */
enum kf_rc	kf_staff_page(struct kf_core *k, const struct kf_staff_filter *f,
		    enum kf_page dir, const struct kf_staff *anchor, int limit,
		    struct kf_staff **out, size_t *n, struct kf_err *err);

/* Loads account id (as kf_staff_get). */
enum kf_rc	kf_staff_get_id(struct kf_core *k, int64_t id,
		    struct kf_staff *s, struct kf_err *err);

/*
 * Changes fields of account id that the caller read at seen_version.
 * Pass NULL (or ~0u for roles) for a field left alone. A unix_user of ""
 * removes the mapping. If another change touched other fields meanwhile,
 * both are kept; if it touched one of these, KF_CONFLICT fills err->conflict.
 * Removing the admin role from, or disabling, the last enabled admin is
 * KF_REFUSED (nobody could administer kefu any more).
 */
enum kf_rc	kf_staff_edit(struct kf_core *k, int64_t id, int64_t seen_version,
		    const char *display_name, unsigned roles,
		    const char *unix_user, struct kf_err *err);

/*
 * Disables (disabled true) or re-enables account id, read at seen_version
 * (-1: whatever is current). A disabled account cannot log in, and a
 * session of it is refused at its next write. Disabling the last enabled
 * admin is KF_REFUSED. Admin only; audited.
 */
enum kf_rc	kf_staff_set_disabled(struct kf_core *k, int64_t id,
		    int64_t seen_version, bool disabled, struct kf_err *err);

/*
 * Sets the password of account id (NULL removes it). Admins may set
 * anyone's; others only their own. The hash, never the password, is stored
 * and audited as "(changed)".
 */
enum kf_rc	kf_staff_passwd(struct kf_core *k, int64_t id,
		    const char *password, struct kf_err *err);

#endif
