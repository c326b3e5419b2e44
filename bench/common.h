/* common.h — what every benchmark shares: a clock, quantiles, clean-up. */
#ifndef KEFU_BENCH_COMMON_H
#define KEFU_BENCH_COMMON_H

#include <stddef.h>
#include <stdint.h>

/* Nanoseconds of the monotonic clock. */
int64_t	bench_now_ns(void);
/* ns as milliseconds, for printing. */
double	bench_ms(int64_t ns);
/* Nearest-rank q-quantile of sorted v[0..n-1] (0 when n is 0). */
int64_t	bench_quantile(const int64_t *v, size_t n, double q);
/* Removes dir and the files in it (a benchmark's temp directory). */
void	bench_remove_dir(const char *dir);

#endif
