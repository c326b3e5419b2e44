/*
 * check.h — the words of the one text rule (src/core/check.c), for a face
 * that applies the rule itself as a person types (the TUI's line editor)
 * and must say what the CLI says when the core refuses the same text.
 * The rule itself is in util.h (kf_text_char, kf_text_verdict).
 */
#ifndef KEFU_CHECK_H
#define KEFU_CHECK_H

#include <stddef.h>

#include "kefu/err.h"
#include "kefu/util.h"

/*
 * Sets err to the core's refusal of field for verdict v ("field F has
 * control characters", "... a combining mark with no character before
 * it", "... more than 4 combining marks on one character"), err's field
 * to field, and returns KF_INVALID; KF_TEXT_OK returns KF_OK, err alone.
 */
enum kf_rc	 kf_text_refusal(enum kf_text_verdict v, const char *field,
		     struct kf_err *err);

/* Sets err to the core's refusal of a text of field longer than max
 * characters ("field F is longer than N characters"); KF_INVALID. */
enum kf_rc	 kf_text_too_long(const char *field, size_t max,
		     struct kf_err *err);

#endif
