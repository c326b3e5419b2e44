/*
 * test_sample.c — R42's sample arithmetic (src/core/sample.c) on its own:
 * the size at its edges, the generator against the published SplitMix64
 * values, the draw's invariants S1–S4 (sample.c), the allocation over
 * technicians, and the statistics docs/callback-sample.md promises:
 * every unit of a stratum equally likely, every stratum equally likely
 * when there are fewer units to draw than technicians.
 *
 * The statistical tests use fixed seeds, so they give the same counts on
 * every run and never flake; their tolerances are stated with them.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "kefu/sample.h"

/* The stream the tests shuffle and pick seeds with (not the draw's). */
#define TEST_SEED	0x5eed5eedULL

static void
test_size_at_five_percent(void **state)
{
	(void)state;
	/* The numbers: ceil(n × 5%), at least one when any. */
	assert_int_equal(kf_sample_size(0, 50), 0);
	assert_int_equal(kf_sample_size(1, 50), 1);	/* 0.05 -> 1 */
	assert_int_equal(kf_sample_size(19, 50), 1);	/* 0.95 -> 1 */
	assert_int_equal(kf_sample_size(20, 50), 1);	/* 1.00 exactly */
	assert_int_equal(kf_sample_size(21, 50), 2);	/* 1.05 -> 2 */
	assert_int_equal(kf_sample_size(1000, 50), 50);
	assert_int_equal(kf_sample_size(100000, 50), 5000);
}

static void
test_size_edges(void **state)
{
	int64_t n, got;
	int rates[] = { 1, 7, 50, 333, 999, 1000 };
	size_t i;

	(void)state;
	/* A rate of 0 or over 100% is refused (-1), whatever n. */
	assert_int_equal(kf_sample_size(0, 0), -1);
	assert_int_equal(kf_sample_size(100, 0), -1);
	assert_int_equal(kf_sample_size(100, 1001), -1);
	assert_int_equal(kf_sample_size(100, -50), -1);
	assert_int_equal(kf_sample_size(-1, 50), -1);
	/* 0.1%: one order in a thousand, rounded up. */
	assert_int_equal(kf_sample_size(1, 1), 1);
	assert_int_equal(kf_sample_size(1000, 1), 1);
	assert_int_equal(kf_sample_size(1001, 1), 2);
	/* 100%: every order. */
	assert_int_equal(kf_sample_size(0, 1000), 0);
	assert_int_equal(kf_sample_size(1, 1000), 1);
	assert_int_equal(kf_sample_size(777, 1000), 777);
	/* No overflow at the far end. */
	assert_int_equal(kf_sample_size(INT64_MAX, 1000), INT64_MAX);
	assert_int_equal(kf_sample_size(INT64_MAX, 1), INT64_MAX / 1000 + 1);
	/* Never above n, at least 1 when n > 0, and ceil() as a plain
	 * product computes it where that product cannot overflow. */
	for (n = 0; n <= 3000; n++) {
		for (i = 0; i < sizeof(rates) / sizeof(rates[0]); i++) {
			got = kf_sample_size(n, rates[i]);
			assert_true(got <= n);
			assert_true(n == 0 ? got == 0 : got >= 1);
			assert_int_equal(got, (n * rates[i] + 999) / 1000);
		}
	}
}

static void
test_rand_is_splitmix64(void **state)
{
	/* The published outputs of SplitMix64 (seed 1234567, the Rosetta
	 * Code task "Pseudo-random numbers/Splitmix64"; seed 0, Vigna's
	 * reference): value i is the (i+1)-th output, so an auditor can
	 * rebuild a draw from the algorithm alone. */
	static const uint64_t want[] = { 6457827717110365317ULL,
	    3203168211198807973ULL, 9817491932198370423ULL,
	    4593380528125082431ULL, 16408922859458223821ULL };
	uint64_t i;

	(void)state;
	for (i = 0; i < 5; i++)
		assert_true(kf_sample_rand(1234567, i) == want[i]);
	assert_true(kf_sample_rand(0, 0) == 0xe220a8397b1dcdafULL);
	/* A pure function: the same value asked twice, in any order. */
	assert_true(kf_sample_rand(42, 1000) == kf_sample_rand(42, 1000));
	assert_true(kf_sample_rand(42, 0) != kf_sample_rand(43, 0));
}

/* A shuffle of v (n of them) from the test's own stream. */
static void
shuffle(struct kf_sample_unit *v, size_t n, uint64_t seed)
{
	struct kf_sample_unit t;
	size_t i, j;

	for (i = n; i > 1; i--) {
		j = (size_t)(kf_sample_rand(seed, i) % i);	/* bias: harmless
								 * in a shuffle
								 * of test data */
		t = v[i - 1];
		v[i - 1] = v[j];
		v[j] = t;
	}
}

/*
 * A population of the strata with sizes sizes[] (keys keys[], ids
 * 1000 + a running number, so ids and keys are unrelated), shuffled so
 * that no test depends on the order it is given in. Allocated.
 */
static struct kf_sample_unit *
population(const int64_t *keys, const size_t *sizes, size_t ns, size_t *n)
{
	struct kf_sample_unit *v;
	size_t i, j, m = 0;

	for (i = 0; i < ns; i++)
		m += sizes[i];
	v = calloc(m ? m : 1, sizeof(*v));
	assert_non_null(v);
	for (*n = 0, i = 0; i < ns; i++)
		for (j = 0; j < sizes[i]; j++) {
			v[*n].id = 1000 + (int64_t)*n * 7;
			v[*n].stratum = keys[i];
			(*n)++;
		}
	shuffle(v, m, TEST_SEED + ns);
	return v;
}

/* Draws and checks S4: size distinct ids, each of pop. */
static int64_t *
draw(uint64_t seed, const struct kf_sample_unit *pop, size_t n, size_t size)
{
	struct kf_err err;
	int64_t *out;
	size_t i, j;

	assert_int_equal(kf_sample_draw(seed, pop, n, size, &out, &err),
	    KF_OK);
	assert_non_null(out);
	for (i = 0; i < size; i++) {
		for (j = 0; j < n && pop[j].id != out[i]; j++)
			;
		assert_true(j < n);
		for (j = 0; j < i; j++)
			assert_true(out[j] != out[i]);
	}
	return out;
}

/* The stratum of id in pop. */
static int64_t
stratum_of(const struct kf_sample_unit *pop, size_t n, int64_t id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (pop[i].id == id)
			return pop[i].stratum;
	fail_msg("id %lld not in the population", (long long)id);
	return -1;
}

static void
test_same_seed_same_sample_any_order(void **state)
{
	static const int64_t keys[] = { 9, 2, 40, 7, 13, 5 };
	static const size_t sizes[] = { 300, 250, 200, 150, 90, 10 };
	struct kf_sample_unit *pop, *rev;
	int64_t *a, *b, *c;
	size_t n, i;

	(void)state;
	pop = population(keys, sizes, 6, &n);
	assert_int_equal(n, 1000);
	a = draw(77, pop, n, 50);
	b = draw(77, pop, n, 50);			/* again */
	assert_memory_equal(a, b, 50 * sizeof(*a));
	free(b);
	rev = malloc(n * sizeof(*rev));			/* reversed */
	assert_non_null(rev);
	for (i = 0; i < n; i++)
		rev[i] = pop[n - 1 - i];
	b = draw(77, rev, n, 50);
	assert_memory_equal(a, b, 50 * sizeof(*a));
	shuffle(pop, n, 99);				/* reshuffled */
	c = draw(77, pop, n, 50);
	assert_memory_equal(a, c, 50 * sizeof(*a));
	free(b);
	free(c);
	/* Another seed: another sample (these two differ; it is fixed). */
	b = draw(78, pop, n, 50);
	assert_memory_not_equal(a, b, 50 * sizeof(*a));
	free(b);
	b = draw(0, pop, n, 50);
	assert_memory_not_equal(a, b, 50 * sizeof(*a));
	free(b);
	free(a);
	free(rev);
	free(pop);
}

static void
test_bad_input(void **state)
{
	struct kf_sample_unit pop[3] = { { 1, 1 }, { 2, 1 }, { 3, 2 } };
	struct kf_err err;
	int64_t *out = (int64_t *)1;

	(void)state;
	/* More than there are: refused, nothing allocated. */
	assert_int_equal(kf_sample_draw(1, pop, 3, 4, &out, &err),
	    KF_INVALID);
	assert_null(out);
	assert_non_null(strstr(err.msg, "R42"));
	/* An order twice (here in two technicians' strata): refused, it
	 * could be called about twice. */
	pop[2].id = 1;
	assert_int_equal(kf_sample_draw(1, pop, 3, 1, &out, &err),
	    KF_INVALID);
	assert_null(out);
	assert_non_null(strstr(err.msg, "order 1 "));
	/* Nothing to draw from, nothing drawn. */
	out = draw(1, pop, 0, 0);
	free(out);
	out = draw(1, pop, 2, 0);
	free(out);
}

static void
test_everything_when_size_is_n(void **state)
{
	static const int64_t keys[] = { 1, 2, 3 };
	static const size_t sizes[] = { 1, 99, 4 };
	struct kf_sample_unit *pop;
	int64_t *out;
	size_t n;

	(void)state;
	pop = population(keys, sizes, 3, &n);
	out = draw(5, pop, n, n);	/* S4 checked by draw: all, once */
	free(out);
	free(pop);
}

/*
 * The worked example of docs/callback-sample.md: 100 orders of four
 * technicians (keys 3, 5, 7, 12 with 30, 1, 50 and 19 orders), 10 drawn.
 * One each leaves R = 6 over what the strata have left, 29 + 0 + 49 + 18
 * = 96: quotas 6 × 29/96 = 1.8125, 0, 3.0625, 1.125; floors 1 + 0 + 3 + 1
 * = 5; the one left goes to the largest remainder (.8125, key 3). So 3,
 * 1, 4 and 2.
 */
static const int64_t ex_keys[] = { 7, 3, 12, 5 };
static const size_t ex_sizes[] = { 50, 30, 19, 1 };
static const size_t ex_alloc[] = { 4, 3, 2, 1 };
#define EX_SIZE	10

static void
count_strata(const struct kf_sample_unit *pop, size_t n, const int64_t *out,
    size_t size, const int64_t *keys, size_t ns, size_t *got)
{
	size_t i, j;
	int64_t s;

	memset(got, 0, ns * sizeof(*got));
	for (i = 0; i < size; i++) {
		s = stratum_of(pop, n, out[i]);
		for (j = 0; j < ns && keys[j] != s; j++)
			;
		assert_true(j < ns);
		got[j]++;
	}
}

static void
test_allocation_worked_example(void **state)
{
	struct kf_sample_unit *pop;
	size_t n, got[4], i;
	uint64_t seed;
	int64_t *out;

	(void)state;
	pop = population(ex_keys, ex_sizes, 4, &n);
	for (seed = 0; seed < 50; seed++) {	/* the allocation is fixed */
		out = draw(seed, pop, n, EX_SIZE);
		count_strata(pop, n, out, EX_SIZE, ex_keys, 4, got);
		for (i = 0; i < 4; i++)
			assert_int_equal(got[i], ex_alloc[i]);
		free(out);
	}
	free(pop);
}

/*
 * A technician with 1 order beside one with 99, 50 drawn: R = 48 over the
 * 98 the second has left; the first, taken whole by her one, is owed
 * nothing more (her share of n would have been 0.48 and won her the
 * remainder's unit she does not have). So 1 and 49.
 */
static void
test_allocation_lone_order(void **state)
{
	static const int64_t keys[] = { 1, 2 };
	static const size_t sizes[] = { 1, 99 };
	struct kf_sample_unit *pop;
	size_t n, got[2], size;
	int64_t *out;

	(void)state;
	pop = population(keys, sizes, 2, &n);
	for (size = 2; size <= n; size++) {
		out = draw(size, pop, n, size);
		count_strata(pop, n, out, size, keys, 2, got);
		assert_int_equal(got[0], 1);
		assert_int_equal(got[1], size - 1);
		free(out);
	}
	free(pop);
}

/*
 * Every size of many populations, against the rule (S2): size >= S gives
 * every stratum at least one, at most its size, 1 + floor(R × (n_s - 1)
 * / (n - S)) or one more, the extra ones to the largest remainders (ties:
 * smaller key), adding up to size exactly; size < S gives size distinct
 * strata one each.
 */
static void
check_allocation(const int64_t *keys, const size_t *sizes, size_t ns,
    size_t n, size_t size, const size_t *got)
{
	uint64_t rest, room, q, rem_i, rem_j;
	size_t i, j, sum = 0, ones = 0;
	bool extra_i, extra_j;

	for (i = 0; i < ns; i++) {
		sum += got[i];
		assert_true(got[i] <= sizes[i]);
	}
	assert_int_equal(sum, size);
	if (size < ns) {
		for (i = 0; i < ns; i++) {
			assert_true(got[i] <= 1);
			ones += got[i];
		}
		assert_int_equal(ones, size);
		return;
	}
	rest = size - ns;
	room = n - ns;
	if (room == 0) {	/* one order each: all of them */
		for (i = 0; i < ns; i++)
			assert_int_equal(got[i], 1);
		return;
	}
	for (i = 0; i < ns; i++) {
		q = rest * (sizes[i] - 1) / room;
		assert_true(got[i] == 1 + q || got[i] == 2 + q);
	}
	for (i = 0; i < ns; i++) {
		q = rest * (sizes[i] - 1);
		extra_i = got[i] == 2 + q / room;
		rem_i = q % room;
		if (extra_i)
			assert_true(rem_i > 0);
		for (j = 0; j < ns && extra_i; j++) {
			q = rest * (sizes[j] - 1);
			extra_j = got[j] == 2 + q / room;
			rem_j = q % room;
			if (extra_j)
				continue;
			/* i got an extra unit j did not: i must come first
			 * by remainder, then by key. */
			assert_true(rem_i > rem_j ||
			    (rem_i == rem_j && keys[i] < keys[j]));
		}
	}
}

static void
test_allocation_every_size(void **state)
{
	int64_t keys[25], *out;
	size_t sizes[25], got[25], ns, n, size, i, p;
	struct kf_sample_unit *pop;
	uint64_t r = 0;

	(void)state;
	for (p = 0; p < 24; p++) {
		ns = 1 + (size_t)(kf_sample_rand(TEST_SEED, r++) % 25);
		for (i = 0; i < ns; i++) {
			/* distinct keys, not in order; sizes 1..20, with
			 * equal sizes common (ties in the remainders) */
			keys[i] = (int64_t)((i * 7919) % 101);
			sizes[i] = 1 + (size_t)(kf_sample_rand(TEST_SEED,
			    r++) % (p % 2 ? 20 : 4));
		}
		pop = population(keys, sizes, ns, &n);
		for (size = 0; size <= n; size++) {
			out = draw(kf_sample_rand(TEST_SEED, r++), pop, n,
			    size);
			count_strata(pop, n, out, size, keys, ns, got);
			check_allocation(keys, sizes, ns, n, size, got);
			free(out);
		}
		free(pop);
	}
}

/*
 * The statistics. Over N draws with different seeds, a unit drawn with
 * probability p is counted Binomial(N, p) times: mean N p, standard
 * deviation sqrt(N p (1 - p)). Each count must lie within 5 of those
 * deviations of its mean (a false alarm about 6 in 10^7 per unit).
 *
 * Together, a chi-square statistic per stratum: k units drawn a at a time
 * without replacement have counts of equal variance N p (1 - p) and
 * covariance -N p (1 - p) / (k - 1) (their sum is fixed at N a), so
 *	X = (k - 1) / k × sum (O - N p)^2 / (N p (1 - p))
 * follows chi-square with k - 1 degrees of freedom (Pearson's statistic
 * when a = 1); summed over strata, with the degrees of freedom summed.
 * It must stay below the 0.1% critical value (significance 0.001).
 * The seeds are fixed: the counts are the same every run.
 */
#define DRAWS		20000
#define SIGMAS		5.0

/* Adds a stratum's part to *x; asserts each count within SIGMAS. */
static void
stratum_stat(const unsigned *count, size_t k, double p, double *x)
{
	double mean = DRAWS * p, var = DRAWS * p * (1 - p), part = 0;
	size_t i;

	for (i = 0; i < k; i++) {
		if (fabs(count[i] - mean) > SIGMAS * sqrt(var))
			fail_msg("a unit (a stratum) drawn %u times of %d, expected %.1f "
			    "± %.1f", count[i], DRAWS, mean, SIGMAS *
			    sqrt(var));
		part += (count[i] - mean) * (count[i] - mean) / var;
	}
	*x += part * (double)(k - 1) / (double)k;
}

/* Chi-square critical values at significance 0.001 (upper tail). */
#define CHI2_96_001	144.567
#define CHI2_45_001	80.077
#define CHI2_9_001	27.877

static void
test_uniform_within_strata(void **state)
{
	struct kf_sample_unit *pop;
	unsigned *count;
	size_t n, i, j, k, df = 0;
	double x = 0, p;
	int64_t *out;
	int d;

	(void)state;
	pop = population(ex_keys, ex_sizes, 4, &n);
	count = calloc(n, sizeof(*count));
	assert_non_null(count);
	for (d = 0; d < DRAWS; d++) {
		out = draw(kf_sample_rand(TEST_SEED, (uint64_t)d), pop, n,
		    EX_SIZE);
		for (i = 0; i < EX_SIZE; i++)
			for (j = 0; j < n; j++)
				if (pop[j].id == out[i])
					count[j]++;
		free(out);
	}
	/* Stratum by stratum: gather its units' counts. */
	for (k = 0; k < 4; k++) {
		unsigned c[50];
		size_t m = 0;

		for (j = 0; j < n; j++)
			if (pop[j].stratum == ex_keys[k])
				c[m++] = count[j];
		assert_int_equal(m, ex_sizes[k]);
		p = (double)ex_alloc[k] / (double)ex_sizes[k];
		if (m == 1) {	/* the lone order: in every sample */
			assert_int_equal(c[0], DRAWS);
			continue;
		}
		stratum_stat(c, m, p, &x);
		df += m - 1;
	}
	assert_int_equal(df, 96);
	if (x >= CHI2_96_001)
		fail_msg("chi-square %.1f >= %.1f (96 df, 0.001)", x,
		    CHI2_96_001);
	free(count);
	free(pop);
}

/*
 * Three orders to draw, ten technicians (1..10 orders each): which
 * technicians is uniform (each picked with probability 3/10, the
 * statistic above with k = 10, a = 3), and given a technician, which of
 * her orders is uniform (Pearson's chi-square against the stratum's
 * observed count spread evenly, 45 degrees of freedom in all).
 */
static void
test_uniform_strata_when_fewer_than_technicians(void **state)
{
	int64_t keys[10], *out;
	size_t sizes[10], n, i, j, s, df = 0;
	unsigned picked[10] = { 0 }, *count;
	struct kf_sample_unit *pop;
	double x = 0, e;
	int d;

	(void)state;
	for (i = 0; i < 10; i++) {
		keys[i] = (int64_t)(100 - i);
		sizes[i] = i + 1;
	}
	pop = population(keys, sizes, 10, &n);
	count = calloc(n, sizeof(*count));
	assert_non_null(count);
	for (d = 0; d < DRAWS; d++) {
		out = draw(kf_sample_rand(TEST_SEED + 1, (uint64_t)d), pop, n,
		    3);
		for (i = 0; i < 3; i++)
			for (j = 0; j < n; j++)
				if (pop[j].id == out[i]) {
					count[j]++;
					picked[100 - pop[j].stratum]++;
				}
		free(out);
	}
	stratum_stat(picked, 10, 0.3, &x);
	if (x >= CHI2_9_001)
		fail_msg("strata: chi-square %.1f >= %.1f (9 df, 0.001)", x,
		    CHI2_9_001);
	for (x = 0, s = 0; s < 10; s++) {
		if (sizes[s] == 1)
			continue;
		e = (double)picked[s] / (double)sizes[s];
		for (j = 0; j < n; j++) {
			if (pop[j].stratum != keys[s])
				continue;
			x += (count[j] - e) * (count[j] - e) / e;
		}
		df += sizes[s] - 1;
	}
	assert_int_equal(df, 45);
	if (x >= CHI2_45_001)
		fail_msg("units: chi-square %.1f >= %.1f (45 df, 0.001)", x,
		    CHI2_45_001);
	free(count);
	free(pop);
}

static void
test_hash(void **state)
{
	static const int64_t keys[] = { 4, 8 };
	static const size_t sizes[] = { 10, 5 };
	struct kf_sample_unit *pop, one = { 42, 1 };
	uint64_t h;
	size_t n;

	(void)state;
	pop = population(keys, sizes, 2, &n);
	h = kf_sample_hash(pop, n);
	shuffle(pop, n, 3);			/* order: same hash */
	assert_true(kf_sample_hash(pop, n) == h);
	pop[0].stratum = 99;			/* ids only (sample.h) */
	assert_true(kf_sample_hash(pop, n) == h);
	pop[0].id = 5;				/* another order: another */
	assert_true(kf_sample_hash(pop, n) != h);
	assert_true(kf_sample_hash(pop, n - 1) != kf_sample_hash(pop, n));
	/* The definition, checked against another implementation of
	 * BLAKE2b (docs/callback-sample.md shows the Python line). */
	assert_true(kf_sample_hash(&one, 1) == 0x36cb138583f62d50ULL);
	assert_true(kf_sample_hash(NULL, 0) == 0x6a4d4aa4188305bdULL);
	free(pop);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_size_at_five_percent),
		cmocka_unit_test(test_size_edges),
		cmocka_unit_test(test_rand_is_splitmix64),
		cmocka_unit_test(test_same_seed_same_sample_any_order),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_everything_when_size_is_n),
		cmocka_unit_test(test_allocation_worked_example),
		cmocka_unit_test(test_allocation_lone_order),
		cmocka_unit_test(test_allocation_every_size),
		cmocka_unit_test(test_uniform_within_strata),
		cmocka_unit_test(test_uniform_strata_when_fewer_than_technicians),
		cmocka_unit_test(test_hash),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
