/*
 * err.h — how the core reports failure.
 *
 * Every core call that can fail returns an enum kf_rc and fills a struct
 * kf_err the caller passes in (may be NULL when the caller does not care).
 * The message is one line for a person; a refusal names the rule it
 * enforces, e.g. "cannot close: no callback recorded (R39)". The core never
 * prints and never exits.
 *
 * Said once for every header: a call that acts for a person fails with
 * KF_DENIED when the session has no actor (or the account was disabled
 * meanwhile) or the actor's roles do not allow it; a call that reads or
 * writes the database may fail with KF_BUSY (the write lock stayed taken
 * past the session's timeout: nothing was changed, try again) or KF_DBERR
 * (storage failed: nothing was changed). A failed call changes nothing.
 */
#ifndef KEFU_ERR_H
#define KEFU_ERR_H

#include <stdint.h>

enum kf_rc {
	KF_OK = 0,
	KF_INVALID,	/* bad input: a value the core cannot accept */
	KF_NOTFOUND,	/* no such record, database or account */
	KF_CONFLICT,	/* the record changed meanwhile in the same field */
	KF_DENIED,	/* the actor's roles do not allow the action */
	KF_REFUSED,	/* a workflow rule forbids it; message names the rule */
	KF_BUSY,	/* the database stayed locked past the timeout */
	KF_DBERR,	/* storage failed: I/O, corruption, not a database */
};

/* What a KF_CONFLICT was about: enough for the UI to say who, when, what. */
struct kf_conflict {
	char	 entity[32];
	int64_t	 id;
	char	 field[48];
	char	 by[64];	/* login of whoever changed the field */
	int64_t	 at;		/* when they did (epoch seconds) */
	char	 theirs[256];	/* the value now saved (JSON text) */
	char	 yours[256];	/* the value that was not saved (JSON text) */
};

struct kf_err {
	enum kf_rc		 rc;
	char			 msg[512];
	char			 field[32];	/* input field a KF_INVALID is about */
	struct kf_conflict	 conflict;	/* set when rc == KF_CONFLICT */
};

/*
 * Sets err (if not NULL) to rc and a printf-formatted message; returns rc.
 * The format is translated (gettext domain "kefu") when a catalogue for
 * the person's language is bound.
 */
enum kf_rc	kf_err_set(struct kf_err *err, enum kf_rc rc, const char *fmt, ...)
		    __attribute__((format(printf, 3, 4)));

/*
 * Names the input field the error is about (after kf_err_set, which
 * clears it), so a form can show the message under that field.
 */
void		kf_err_field(struct kf_err *err, const char *field);

/* Clears err to KF_OK with an empty message. */
void		kf_err_clear(struct kf_err *err);

/* A short stable name for rc ("conflict", "denied", ...). */
const char     *kf_rc_name(enum kf_rc rc);

/*
 * The command-line exit code for rc, as DESIGN.md fixes it:
 * 0 ok, 1 usage/invalid, 2 not found, 3 conflict, 4 denied, 5 refused,
 * 6 storage (busy included).
 */
int		kf_rc_exit(enum kf_rc rc);

#endif
