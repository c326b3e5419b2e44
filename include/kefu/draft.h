/*
 * draft.h — unsaved form input and personal preferences, kept in the
 * database so nothing typed is lost when an SSH link drops or a terminal is
 * closed: the next login offers the draft back.
 *
 * A draft belongs to the session's actor and is keyed by the form's name
 * and the record it edits (0 for a new record). Its body is a list of
 * field name/value pairs. Drafts and preferences are not audited: they are
 * a person's scratch state, not records of the service desk.
 */
#ifndef KEFU_DRAFT_H
#define KEFU_DRAFT_H

#include <stddef.h>
#include <stdint.h>

#include "kefu/core.h"
#include "kefu/err.h"

/* One field to save. */
struct kf_draft_field {
	const char	*name;
	const char	*value;
};

/* A saved draft; names[i] and values[i] are its fields (owned by it). */
struct kf_draft {
	char		*form;
	int64_t		 record_id;
	int64_t		 saved_at;
	char		**names;
	char		**values;
	size_t		 nfields;
};

/*
 * Saves (replaces) the actor's draft of form/record_id with the given
 * fields. Values may hold any UTF-8 text. KF_DENIED without an actor.
 */
enum kf_rc	kf_draft_save(struct kf_core *k, const char *form,
		    int64_t record_id, const struct kf_draft_field *fields,
		    size_t n, struct kf_err *err);

/*
 * The actor's drafts, newest first, at most max. *out allocated; free with
 * kf_draft_list_free.
 */
enum kf_rc	kf_draft_list(struct kf_core *k, size_t max,
		    struct kf_draft **out, size_t *n, struct kf_err *err);
void		kf_draft_list_free(struct kf_draft *v, size_t n);

/*
 * The actor's draft of form/record_id, if any: *out allocated (free with
 * kf_draft_list_free(*out, 1)), or NULL with KF_NOTFOUND when there is
 * none. A form that opens looks here so a draft is never overlooked.
 */
enum kf_rc	kf_draft_find(struct kf_core *k, const char *form,
		    int64_t record_id, struct kf_draft **out, struct kf_err *err);

/* Drops the actor's draft of form/record_id (no error when there is none). */
enum kf_rc	kf_draft_drop(struct kf_core *k, const char *form,
		    int64_t record_id, struct kf_err *err);

/* The value of field name in d, or NULL. Lent from d. */
const char     *kf_draft_get(const struct kf_draft *d, const char *name);

/*
 * Preferences of the actor: *value is allocated (NULL when unset).
 * Keys and values are short text (at most 64 bytes).
 */
enum kf_rc	kf_pref_get(struct kf_core *k, const char *key, char **value,
		    struct kf_err *err);
enum kf_rc	kf_pref_set(struct kf_core *k, const char *key, const char *value,
		    struct kf_err *err);

#endif
