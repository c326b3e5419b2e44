/* err.c — error values and their messages (see include/kefu/err.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "kefu/i18n.h"
#include "kefu/err.h"

enum kf_rc
kf_err_set(struct kf_err *err, enum kf_rc rc, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return rc;
	err->rc = rc;
	err->field[0] = '\0';
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), kf_gettext(fmt), ap);
	va_end(ap);
	return rc;
}

void
kf_err_field(struct kf_err *err, const char *field)
{
	if (err != NULL)
		snprintf(err->field, sizeof(err->field), "%s", field);
}

enum kf_rc
kf_err_about(struct kf_err *err, enum kf_rc rc, const char *field,
    const char *msg)
{
	kf_err_set(err, rc, "%s", kf_gettext(msg));
	kf_err_field(err, field);
	return rc;
}

void
kf_err_clear(struct kf_err *err)
{
	if (err != NULL)
		memset(err, 0, sizeof(*err));
}

const char *
kf_rc_name(enum kf_rc rc)
{
	switch (rc) {
	case KF_OK:		return "ok";
	case KF_INVALID:	return "invalid";
	case KF_NOTFOUND:	return "not found";
	case KF_CONFLICT:	return "conflict";
	case KF_DENIED:		return "denied";
	case KF_REFUSED:	return "refused";
	case KF_BUSY:		return "busy";
	case KF_DBERR:		return "storage error";
	}
	return "unknown";
}

int
kf_rc_exit(enum kf_rc rc)
{
	switch (rc) {
	case KF_OK:		return 0;
	case KF_INVALID:	return 1;
	case KF_NOTFOUND:	return 2;
	case KF_CONFLICT:	return 3;
	case KF_DENIED:		return 4;
	case KF_REFUSED:	return 5;
	case KF_BUSY:
	case KF_DBERR:		return 6;
	}
	return 6;
}
