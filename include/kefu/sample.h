/*
 * sample.h — the pure arithmetic of R42's monthly repair-quality sample:
 * its size and a reproducible, stratified, uniform draw. No database, no
 * clock, no allocation the caller does not free: kf_callback_sample
 * (callback.h) reads the population and stores what this returns, and
 * the tests prove its statistics (docs/callback-sample.md).
 *
 * The generator is the project's own small counter-based PRNG
 * (splitmix64 of seed + i), so a seed gives the same draw on every
 * machine, in every build, for ever: the draw is part of the audit.
 */
#ifndef KEFU_SAMPLE_H
#define KEFU_SAMPLE_H

#include <stddef.h>
#include <stdint.h>

#include "kefu/err.h"

/*
 * ceil(n × rate_permille / 1000), at least 1 when n > 0, at most n; 0
 * when n is 0. rate_permille outside 1..1000 gives -1 (the caller
 * refuses it: a rate of 0 or over 100%).
 */
int64_t		kf_sample_size(int64_t n, int rate_permille);

/* One unit of the population: its id and its stratum (the technician). */
struct kf_sample_unit {
	int64_t	 id;
	int64_t	 stratum;
};

/*
 * Draws size units of pop (n of them, in any order: the draw sorts a copy
 * by (stratum, id), so the order the database returned them in does not
 * matter) with seed, into out (size ids, allocated; free()), in the order
 * drawn. Allocation of the size over the strata: when size >= the number
 * of strata S, one each, the rest in proportion to what each stratum has
 * left after its one (n_s - 1 of n - S) by largest remainder (ties: the
 * stratum with the smaller key), which never offers a stratum more than
 * it holds; when
 * size < S, size strata chosen uniformly, one unit each. Within a stratum
 * uniform without replacement (a partial Fisher–Yates shuffle). Same
 * (seed, population, size): same out. KF_INVALID when size is out of
 * 0..n, when an id is twice in pop, or when n >= 2^32 (the allocation's
 * exact arithmetic); *out is NULL then.
 */
enum kf_rc	kf_sample_draw(uint64_t seed, const struct kf_sample_unit *pop,
		    size_t n, size_t size, int64_t **out, struct kf_err *err);

/* A hash of the population's ids (sorted), stored with the sample so a
 * re-check can tell whether the population changed since the draw. */
uint64_t	kf_sample_hash(const struct kf_sample_unit *pop, size_t n);

/* The counter-based generator: value i of the stream of seed. */
uint64_t	kf_sample_rand(uint64_t seed, uint64_t i);

#endif
