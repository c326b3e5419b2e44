/*
 * catalog.h — the message catalogues embedded at build time: each
 * po/<lang>.po compiled by msgfmt into GNU .mo bytes, held as an array
 * by the generated catalog_embed.c (cmake/embed_mo.cmake), read by
 * i18n.c.
 */
#ifndef KEFU_CATALOG_H
#define KEFU_CATALOG_H

#include <stddef.h>

struct kf_catalog {
	const char		*lang;	/* "zh_CN": the .po file's name */
	const unsigned char	*mo;	/* the .mo file's bytes */
	size_t			 size;
};

extern const struct kf_catalog	kf_catalogs[];
extern const int		kf_catalogs_count;

#endif
