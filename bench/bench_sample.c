/*
 * bench_sample.c — the arithmetic of R42's monthly sample (sample.h):
 * issue 13 asks the month's sample over 100,000 completed orders in under
 * 200 ms. kf_callback_sample reads the population from the database and
 * stores the tasks (measured with the core); this is its pure part, the
 * part that grows with the month: the population's hash and the
 * stratified draw, as a draw and a --verify each do once.
 *
 * The population: SIZE orders (default 100,000) of 200 technicians, the
 * busiest with about 20 times the orders of the quietest (weights 1..20),
 * ids 1..SIZE dealt out at random, so each technician's orders are
 * scattered through the ids as the database holds them. The rate is
 * 5% (5,000 orders at 100,000), then 100% for the worst case (every
 * order, so every step of every shuffle). RUNS draws each (default 200),
 * each with another seed; the median, p95 and the slowest are printed,
 * and the CPU time a run (which a loaded machine inflates less).
 *
 * Usage: bench_sample [SIZE [RUNS]]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "kefu/err.h"
#include "kefu/sample.h"

#include "common.h"

#define NTECH	200

static void	usage(void) __attribute__((noreturn));

static void
usage(void)
{
	fprintf(stderr, "usage: bench_sample [SIZE [RUNS]]\n");
	exit(2);
}

/* SIZE units over NTECH strata, technician t weighted 1 + t % 20. */
static struct kf_sample_unit *
population(long size, long *sizes)
{
	struct kf_sample_unit *pop = calloc((size_t)size, sizeof(*pop));
	uint64_t rnd = 1234, total = 0, r;
	long i, t;

	if (pop == NULL)
		bench_die("out of memory");
	for (t = 0; t < NTECH; t++) {
		total += 1 + (uint64_t)t % 20;
		sizes[t] = 0;
	}
	for (i = 0; i < size; i++) {
		r = bench_rand(&rnd) % total;
		for (t = 0; r >= 1 + (uint64_t)t % 20; t++)
			r -= 1 + (uint64_t)t % 20;
		pop[i].id = i + 1;
		pop[i].stratum = 5000 + t;	/* a staff id */
		sizes[t]++;
	}
	return pop;
}

/* RUNS months: hash + draw of size units; prints the figures. */
static void
measure(const struct kf_sample_unit *pop, long n, int rate, long runs)
{
	int64_t *t = calloc((size_t)runs, sizeof(*t)), *out, t0, cpu;
	uint64_t h = 0;
	struct kf_err err;
	int64_t size = kf_sample_size(n, rate);
	char b1[32], b2[32];
	long r;

	if (t == NULL)
		bench_die("out of memory");
	cpu = bench_cpu_ns();
	for (r = 0; r < runs; r++) {
		t0 = bench_now_ns();
		h ^= kf_sample_hash(pop, (size_t)n);
		if (kf_sample_draw(kf_sample_rand(99, (uint64_t)r), pop,
		    (size_t)n, (size_t)size, &out, &err) != KF_OK)
			bench_die("draw: %s", err.msg);
		t[r] = bench_now_ns() - t0;
		free(out);
	}
	cpu = bench_cpu_ns() - cpu;
	qsort(t, (size_t)runs, sizeof(*t), bench_cmp_i64);
	printf("sample of %s orders at %d‰ (%s drawn), hash + draw:  "
	    "median %.2f ms, p95 %.2f ms, slowest %.2f ms, CPU %.2f ms a run"
	    "  (target < 200 ms)\n", bench_commas(b1, sizeof(b1), (double)n),
	    rate, bench_commas(b2, sizeof(b2), (double)size),
	    bench_ms(bench_quantile(t, (size_t)runs, 0.5)),
	    bench_ms(bench_quantile(t, (size_t)runs, 0.95)),
	    bench_ms(t[runs - 1]), bench_ms(cpu) / (double)runs);
	if (h == 0x9e3779b97f4a7c15ULL)	/* keep the hash from being dropped */
		printf("(an unlikely hash)\n");
	free(t);
}

int
main(int argc, char **argv)
{
	long size = argc > 1 ? bench_number(argv[1], NTECH, 100000000, usage) :
	    100000;
	long runs = argc > 2 ? bench_number(argv[2], 1, 100000, usage) : 200;
	long sizes[NTECH], lo, hi, t;
	struct kf_sample_unit *pop;
	char b[32];

	if (argc > 3)
		usage();
	pop = population(size, sizes);
	for (lo = hi = sizes[0], t = 1; t < NTECH; t++) {
		lo = sizes[t] < lo ? sizes[t] : lo;
		hi = sizes[t] > hi ? sizes[t] : hi;
	}
	printf("R42 sample: %s completed orders of %d technicians (%ld to "
	    "%ld each), %ld runs each\n", bench_commas(b, sizeof(b),
	    (double)size), NTECH, lo, hi, runs);
	measure(pop, size, 50, runs);
	measure(pop, size, 1000, runs);
	free(pop);
	return 0;
}
