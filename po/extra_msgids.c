/*
 * extra_msgids.c — messages xgettext cannot find where they are used.
 * Never compiled: cmake/po.cmake only scans it for N_("...") when it
 * builds po/kefu.pot. Keep each entry byte-identical to the source text.
 *
 * xgettext takes only the first branch of a conditional expression given
 * as the format of kf_err_set(); the second branches are listed here.
 * (Drop an entry once the source passes each branch to kf_err_set.)
 */

/* src/core/staff.c, kf_err_set(err, KF_INVALID, n < 8 ? ... : ...) */
/* xgettext:c-format */
N_("password must be valid UTF-8 of at most 1024 bytes");

/* src/core/staff.c, kf_err_set(err, KF_CONFLICT, ... ? ... : ...) */
/* xgettext:c-format */
N_("Unix user %s already belongs to another account");
