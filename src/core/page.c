/*
 * page.c — the keyset arithmetic every list of the core shares (enum
 * kf_page in include/kefu/core.h): from a direction and an anchor, the
 * bound a page's query reads past and which way it reads.
 *
 * A list is ordered by (key, id), ascending or descending. Each list
 * has two statements: one reads in the list's order past a bound (">"
 * ascending, "<" descending), the other against it ("<" or ">"), and
 * its rows are reversed after. FIRST reads in order from beyond the
 * start, LAST against it from beyond the end; FROM reads in order past
 * the row just before the anchor: ids are integers, so "(key, id) >=
 * (k, i)" is "(key, id) > (k, i - 1)" (descending: "< (k, i + 1)").
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

bool
kf_page_bound(enum kf_page dir, bool have_anchor, bool desc, int64_t *key,
    int64_t *id)
{
	bool back;

	if (!have_anchor && dir != KF_PAGE_LAST)
		dir = KF_PAGE_FIRST;
	back = dir == KF_PAGE_BEFORE || dir == KF_PAGE_LAST;
	if (dir == KF_PAGE_FIRST || dir == KF_PAGE_LAST)
		/* Beyond the start (FIRST) or the end (LAST) of any list. */
		*key = *id = (dir == KF_PAGE_FIRST) != desc ? INT64_MIN :
		    INT64_MAX;
	else if (dir == KF_PAGE_FROM)
		*id += desc ? 1 : -1;
	return back;
}

void
kf_page_reverse(void *v, size_t n, size_t size)
{
	unsigned char *p = v, *tmp;
	size_t i;

	if (n < 2)
		return;
	tmp = xmalloc(size);
	for (i = 0; i < n / 2; i++) {
		memcpy(tmp, p + i * size, size);
		memcpy(p + i * size, p + (n - 1 - i) * size, size);
		memcpy(p + (n - 1 - i) * size, tmp, size);
	}
	free(tmp);
}
