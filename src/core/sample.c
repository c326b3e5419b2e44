/*
 * sample.c — the arithmetic of R42's monthly repair-quality sample (see
 * include/kefu/sample.h and docs/callback-sample.md): how many orders,
 * and which, from a seed. No database, no clock: kf_callback_sample
 * reads the population, draws the seed and stores what comes out, so
 * everything here can be re-run by an auditor and proved by the tests.
 *
 * The draw, in the order the random stream is consumed:
 *
 *   sort a copy of the population by (stratum, id)      order-free input
 *   group it into strata, smallest key first             S strata
 *   allocate size over the strata                        alloc[s]
 *     size >= S: 1 each, the rest R = size - S by largest remainder of
 *       R × (n_s - 1) / (n - S) (ties: the smaller key)
 *     size <  S: a partial Fisher–Yates over the S strata picks size of
 *       them, 1 each, in the order picked            (stream used here)
 *   each allocated stratum in turn (key order, or picked order):
 *     a partial Fisher–Yates of its units, alloc[s] steps (stream)
 *
 * Invariants the tests check:
 *   S1  the same (seed, set of units, size) gives the same out, whatever
 *       the order of pop;
 *   S2  sum of alloc[s] == size, 0 <= alloc[s] <= n_s, and alloc[s] >= 1
 *       for every stratum when size >= S;
 *   S3  within a stratum every unit is drawn with probability
 *       alloc[s] / n_s, and for size < S every stratum is picked with
 *       probability size / S;
 *   S4  out holds size distinct ids of pop.
 */
#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "kefu/sample.h"
#include "kefu/util.h"

/*
 * SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number
 * generators", OOPSLA 2014; the constants of Vigna's variant): the state
 * walks by the odd "golden gamma" 2^64 / φ and each state goes through a
 * bijective mixer. Written as a function of (seed, i) rather than a
 * stepping state, so value i is the (i+1)-th output of the classic
 * generator seeded with seed: anyone can recompute a draw from the
 * published algorithm, with no state of ours to replay.
 */
#define GOLDEN_GAMMA	0x9e3779b97f4a7c15ULL

static uint64_t
mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

uint64_t
kf_sample_rand(uint64_t seed, uint64_t i)
{
	return mix64(seed + (i + 1) * GOLDEN_GAMMA);	/* wraps mod 2^64 */
}

/* The stream of one draw: the seed and the next counter to use. */
struct stream {
	uint64_t	seed;
	uint64_t	i;
};

/*
 * A uniform integer in [0, m), m >= 1. Taking r % m of every r would
 * favour the small results (2^64 is not a multiple of m), so the values
 * below 2^64 mod m are thrown away and the next one taken: what is left
 * is a whole number of runs of m. The chance of a throw is below m / 2^64,
 * so at our sizes it practically never happens, but it keeps the draw
 * exactly uniform.
 */
static uint64_t
uniform(struct stream *st, uint64_t m)
{
	uint64_t low = (0 - m) % m;	/* 2^64 mod m */
	uint64_t r;

	do
		r = kf_sample_rand(st->seed, st->i++);
	while (r < low);
	return r % m;
}

int64_t
kf_sample_size(int64_t n, int rate_permille)
{
	int64_t size;

	if (rate_permille < 1 || rate_permille > 1000 || n < 0)
		return -1;
	if (n == 0)
		return 0;
	/* ceil(n × rate / 1000) in two parts, so no n overflows the product */
	size = n / 1000 * rate_permille +
	    ((n % 1000) * rate_permille + 999) / 1000;
	if (size < 1)		/* cannot happen with rate >= 1; kept as R42 */
		size = 1;
	return size < n ? size : n;
}

/*
 * Sorts u (n units) by id, or by stratum, keeping the order of equal
 * keys: sorting by id and then by stratum gives (stratum, id) order. A
 * least-significant-byte-first radix sort, as the month's population is
 * sorted once by the hash and twice by the draw and 100,000 orders must
 * leave most of R42's 200 ms to the database: the sign bit is flipped
 * so unsigned byte order is int64 order, and a byte that is the same in
 * every key (most of the high ones) costs one counting pass only.
 */
static uint64_t
key_of(const struct kf_sample_unit *u, bool by_stratum)
{
	return (uint64_t)(by_stratum ? u->stratum : u->id) ^ (1ULL << 63);
}

static void
radix_sort(struct kf_sample_unit *u, size_t n, bool by_stratum)
{
	struct kf_sample_unit *a = u, *b, *t;
	size_t count[256], i, sum, c;
	int shift;

	if (n < 2)
		return;
	b = xmalloc(n * sizeof(*b));
	for (shift = 0; shift < 64; shift += 8) {
		memset(count, 0, sizeof(count));
		for (i = 0; i < n; i++)
			count[key_of(&a[i], by_stratum) >> shift & 0xff]++;
		if (count[key_of(&a[0], by_stratum) >> shift & 0xff] == n)
			continue;
		for (sum = 0, i = 0; i < 256; i++) {
			c = count[i];
			count[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++)
			b[count[key_of(&a[i], by_stratum) >> shift & 0xff]++] =
			    a[i];
		t = a;
		a = b;
		b = t;
	}
	if (a != u) {		/* an odd number of passes ended in b */
		memcpy(u, a, n * sizeof(*u));
		b = a;
	}
	free(b);
}

/* A copy of pop (n units) sorted by id (allocated). */
static struct kf_sample_unit *
by_id(const struct kf_sample_unit *pop, size_t n)
{
	struct kf_sample_unit *u = xmalloc((n ? n : 1) * sizeof(*u));

	if (n > 0)
		memcpy(u, pop, n * sizeof(*u));
	radix_sort(u, n, false);
	return u;
}

/*
 * BLAKE2b (libsodium's generic hash, keyed by a fixed label so it names
 * what it hashes) over the ids in ascending order, 8 bytes each, little
 * endian, cut to its first 8 bytes. A cryptographic hash rather than a
 * quick mix: nobody can change the month's orders and keep the hash.
 * BLAKE2b needs no sodium_init (which only picks a faster implementation
 * of the same function), so this stays callable before any core opens.
 */
#define HASH_LABEL	"kefu.sample.population.v1"

uint64_t
kf_sample_hash(const struct kf_sample_unit *pop, size_t n)
{
	crypto_generichash_state h;
	unsigned char b[8 * 512], d[crypto_generichash_BYTES_MIN];
	struct kf_sample_unit *u = by_id(pop, n);
	size_t i, m = 0;
	uint64_t v;
	int j;

	crypto_generichash_init(&h, (const unsigned char *)HASH_LABEL,
	    sizeof(HASH_LABEL) - 1, sizeof(d));
	for (i = 0; i < n; i++) {
		v = (uint64_t)u[i].id;
		for (j = 0; j < 8; j++)
			b[m++] = (unsigned char)(v >> (8 * j));
		if (m == sizeof(b) || i == n - 1) {
			crypto_generichash_update(&h, b, m);
			m = 0;
		}
	}
	crypto_generichash_final(&h, d, sizeof(d));
	free(u);
	for (v = 0, j = 7; j >= 0; j--)
		v = v << 8 | d[j];
	return v;
}

/* One technician's run of the sorted copy, and what the draw takes. */
struct stratum {
	size_t		start, n;	/* units [start, start + n) */
	size_t		alloc;		/* units to draw from it */
	uint64_t	rem;		/* of the quota's division */
	size_t		idx;		/* position in key order */
};

/* Largest remainder first; equal ones by the smaller key (R42). */
static int
by_remainder(const void *a, const void *b)
{
	const struct stratum *x = *(struct stratum *const *)a;
	const struct stratum *y = *(struct stratum *const *)b;

	if (x->rem != y->rem)
		return (x->rem < y->rem) - (x->rem > y->rem);
	return (x->idx > y->idx) - (x->idx < y->idx);
}

/*
 * size >= S: one each (every technician is called about, R42), and the
 * rest R = size - S shared by largest remainder in proportion to what
 * each stratum has left after its one, c_s = n_s - 1 of C = n - S in all:
 * quota R × c_s / C. As R <= C a quota never exceeds c_s, and a quota
 * with a remainder is below c_s, so floor + 1 fits too: no stratum is
 * ever offered more than it holds, and size = n takes every unit.
 * (In proportion to n_s instead, a technician with one order would be
 * owed a second by her remainder; passing her over pushes the extra
 * onto others in ways no one could explain to an auditor.)
 * The floors leave L < S units; they go to the L largest remainders,
 * equal ones to the smaller key. Exact integer arithmetic (n < 2^32, so
 * R × c_s fits): no floating point to round differently on a machine.
 */
static void
allocate(struct stratum *s, size_t ns, size_t n, size_t size)
{
	struct stratum **order = xmalloc(ns * sizeof(*order));
	uint64_t rest = size - ns, room = n - ns, q, given = 0;
	size_t i;

	for (i = 0; i < ns; i++) {
		q = room > 0 ? rest * (s[i].n - 1) : 0;	/* room 0: rest 0 */
		s[i].alloc = 1 + (size_t)(room > 0 ? q / room : 0);
		s[i].rem = room > 0 ? q % room : 0;
		given += s[i].alloc - 1;
		order[i] = &s[i];
	}
	qsort(order, ns, sizeof(*order), by_remainder);
	for (i = 0; given < rest; i++, given++) {
		assert(i < ns && order[i]->rem > 0);	/* L < S, all fit */
		order[i]->alloc++;
		assert(order[i]->alloc <= order[i]->n);
	}
	free(order);
}

enum kf_rc
kf_sample_draw(uint64_t seed, const struct kf_sample_unit *pop, size_t n,
    size_t size, int64_t **out, struct kf_err *err)
{
	struct stream st = { seed, 0 };
	struct kf_sample_unit *u = NULL, t;
	struct stratum *s = NULL, **pick = NULL, *p;
	int64_t *o = NULL;
	size_t ns, i, j, r, k, npick, m = 0;
	enum kf_rc rc = KF_OK;

	*out = NULL;
	if (size > n) {
		return kf_err_set(err, KF_INVALID, "a sample of %zu cannot be "
		    "drawn from %zu orders (R42)", size, n);
	}
	if (n > UINT32_MAX) {
		return kf_err_set(err, KF_INVALID, "a population of %zu orders "
		    "is too large to sample (R42)", n);
	}
	/* S1: the database's order must not matter, only the set: sorted
	 * by id, then (stably) by stratum. An order is one unit: twice in
	 * the population, it could be drawn twice, and two callbacks made
	 * for one repair. */
	u = by_id(pop, n);
	for (i = 1; i < n; i++)
		if (u[i].id == u[i - 1].id)
			break;
	if (i < n) {
		rc = kf_err_set(err, KF_INVALID, "order %lld is twice in the "
		    "sample's population (R42)", (long long)u[i].id);
		free(u);
		return rc;
	}
	radix_sort(u, n, true);
	for (ns = 0, i = 0; i < n; i++)
		ns += i == 0 || u[i].stratum != u[i - 1].stratum;
	s = xcalloc(ns ? ns : 1, sizeof(*s));
	for (ns = 0, i = 0; i < n; i++) {
		if (i == 0 || u[i].stratum != u[i - 1].stratum) {
			s[ns].start = i;
			s[ns].idx = ns;
			ns++;
		}
		s[ns - 1].n++;
	}

	/* The strata to draw from, in the order they are drawn. */
	pick = xmalloc((ns ? ns : 1) * sizeof(*pick));
	for (i = 0; i < ns; i++)
		pick[i] = &s[i];
	if (size >= ns && size > 0) {
		allocate(s, ns, n, size);
		npick = ns;
	} else {
		/* Fewer units than technicians: which technicians is itself
		 * a uniform draw, a partial Fisher–Yates over the strata. */
		for (j = 0; j < size; j++) {
			r = j + (size_t)uniform(&st, ns - j);
			p = pick[j];
			pick[j] = pick[r];
			pick[r] = p;
			pick[j]->alloc = 1;
		}
		npick = size;
	}

	/* S3: a partial Fisher–Yates in each stratum: step j swaps a unit
	 * picked uniformly among the n - j not yet drawn into place j. */
	o = xmalloc((size ? size : 1) * sizeof(*o));
	for (k = 0; k < npick; k++) {
		p = pick[k];
		for (j = 0; j < p->alloc; j++) {
			r = j + (size_t)uniform(&st, p->n - j);
			t = u[p->start + j];
			u[p->start + j] = u[p->start + r];
			u[p->start + r] = t;
			o[m++] = u[p->start + j].id;
		}
	}
	assert(m == size);	/* S2 */
	*out = o;
	free(pick);
	free(s);
	free(u);
	return KF_OK;
}
