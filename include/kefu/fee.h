/*
 * fee.h — the paid-service list (有偿服务项目表, R16, R22, R25): what a
 * technician may charge for, at which rate.
 *
 * An item has a code (unique, [A-Z0-9-], never reused), a Chinese name, a
 * unit (次, 米, 个), a price in fen and an active flag. Items are never
 * deleted: one no longer offered is made inactive, so old work orders
 * keep their meaning. Every change is versioned and audited. Work orders
 * copy the price at the time an item is added (see order.h), so a later
 * change of the list does not change what was charged; the supervisor's
 * charge audit (R17) shows where the two differ.
 */
#ifndef KEFU_FEE_H
#define KEFU_FEE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kefu/core.h"
#include "kefu/err.h"

struct kf_fee {
	int64_t	 id;
	char	*code;		/* "GAS-01" */
	char	*name;		/* "更换灶具胶管" */
	char	*unit;		/* "次" */
	int64_t	 price;		/* fen */
	bool	 active;
	int64_t	 version;
};

void		kf_fee_clear(struct kf_fee *f);

/*
 * Adds an item (admins). code: 1–16 of [A-Z0-9-], upper case; name:
 * non-blank, at most 64 characters; unit: non-blank, at most 8; price:
 * 0 to 100,000,000 fen. KF_INVALID names the field; KF_CONFLICT when the
 * code exists. *id may be NULL.
 */
enum kf_rc	kf_fee_add(struct kf_core *k, const char *code, const char *name,
		    const char *unit, int64_t price, int64_t *id,
		    struct kf_err *err);

/*
 * Changes an item (admins): name/unit NULL keep theirs, price < 0 keeps
 * it, active < 0 keeps it (0/1 set it). Versioned: seen_version is the
 * version the caller read (-1: the current one).
 */
enum kf_rc	kf_fee_set(struct kf_core *k, const char *code,
		    int64_t seen_version, const char *name, const char *unit,
		    int64_t price, int active, struct kf_err *err);

/* Loads an item by code (anyone logged in); KF_NOTFOUND if none. */
enum kf_rc	kf_fee_get(struct kf_core *k, const char *code,
		    struct kf_fee *f, struct kf_err *err);

/* Every item by code (inactive ones too when all); free kf_fee_list_free. */
enum kf_rc	kf_fee_list(struct kf_core *k, bool all, struct kf_fee **out,
		    size_t *n, struct kf_err *err);
void		kf_fee_list_free(struct kf_fee *v, size_t n);

/* "12.50" from 1250 fen; "-0.05" for negatives. */
void		kf_money_format(int64_t fen, char *buf, size_t n);
/* "12.5", "12.50", "12" to fen; KF_INVALID beyond two decimals or range. */
enum kf_rc	kf_money_parse(const char *s, int64_t *fen, struct kf_err *err);

#endif
