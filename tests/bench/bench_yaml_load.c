/* Benchmark: YAML load time against size for the shapes hostile files take, to show it grows
 * linearly (before the event-built loader and the hashed duplicate check, 80,000 keys took
 * 15 s and 100,000 levels of '[' 15 s, both quadratic).
 *   wide:  one mapping of N keys, loaded and converted (every key checked for duplicates);
 *   deep:  N nests 64 levels deep (the limit), loaded and converted;
 *   over:  N levels of '[' (refused at the 65th, so the time should not grow at all);
 *   review: a review file whose top-level mapping has N unknown keys (review_parse).
 * Each size is run 7 times; the median and the time per unit are printed, then the growth
 * exponent k of time ~ size^k fitted over all sizes (1 is linear, 2 quadratic, 0 constant).
 * Run with `make bench`; numbers, not assertions. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/review.h"
#include "store/review_io.h"
#include "store/ydoc.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

#define RUNS   7
#define NSIZES 5

enum shape { WIDE, DEEP, OVER, REVIEW };

static char *make(enum shape s, size_t n)
{
	struct sbuf b = { 0 };

	switch (s) {
	case WIDE:
	case REVIEW:
		for (size_t i = 0; i < n; i++)
			sbuf_printf(&b, "key%zu: value %zu\n", i, i);
		break;
	case DEEP:
		for (size_t i = 0; i < n; i++) {
			sbuf_puts(&b, "- ");
			for (int l = 0; l < 63; l++)
				sbuf_puts(&b, "[");
			sbuf_puts(&b, "x");
			for (int l = 0; l < 63; l++)
				sbuf_puts(&b, "]");
			sbuf_puts(&b, "\n");
		}
		break;
	case OVER:
		for (size_t i = 0; i < n; i++)
			sbuf_puts(&b, "[");
		for (size_t i = 0; i < n; i++)
			sbuf_puts(&b, "]");
		sbuf_puts(&b, "\n");
		break;
	}
	return sbuf_take(&b);
}

/* One load of text; returns whether it ended as the shape should (loaded or refused). */
static int load_once(enum shape s, const char *text, size_t len)
{
	struct review *rv = NULL;
	struct wa_err err;
	struct ydoc d;
	cJSON *j = NULL;
	int rc;

	if (s == REVIEW) {
		rc = review_parse("bench.yaml", text, len, NULL, &rv, &err);
		review_free(rv);
		return rc == -1;
	}
	rc = ydoc_load(&d, "bench.yaml", text, len, &err);
	if (rc == 0)
		j = ydoc_to_json(&d, ydoc_root(&d), &err);
	ydoc_free(&d);
	cJSON_Delete(j);
	return s == OVER ? rc == -1 && err.col == 65 : j != NULL;
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Least-squares slope of log(time) against log(size). */
static double exponent(const size_t *sizes, const double *ms)
{
	double sx = 0, sy = 0, sxx = 0, sxy = 0;

	for (int i = 0; i < NSIZES; i++) {
		double x = log((double)sizes[i]), y = log(ms[i]);
		sx += x;
		sy += y;
		sxx += x * x;
		sxy += x * y;
	}
	return (NSIZES * sxy - sx * sy) / (NSIZES * sxx - sx * sx);
}

static int bench(enum shape s, const char *title, const char *unit, const size_t *sizes)
{
	double med[NSIZES];

	printf("%s\n%10s %10s %12s %14s\n", title, unit, "KB", "median ms", "us/1000 units");
	for (size_t i = 0; i < NSIZES; i++) {
		char *text = make(s, sizes[i]);
		size_t len = strlen(text);
		double t[RUNS];

		for (int r = 0; r < RUNS; r++) {
			double t0 = now_ms();
			if (!load_once(s, text, len)) {
				fprintf(stderr, "%s at %zu: unexpected result\n", title, sizes[i]);
				return 1;
			}
			t[r] = now_ms() - t0;
		}
		qsort(t, RUNS, sizeof(t[0]), cmp_double);
		med[i] = t[RUNS / 2];
		printf("%10zu %10zu %12.2f %14.1f\n", sizes[i], len / 1024, med[i],
		       med[i] * 1e6 / (double)sizes[i]);
		free(text);
	}
	printf("growth exponent: %.2f (time ~ size^k: 1 linear, 2 quadratic, 0 constant)\n\n",
	       exponent(sizes, med));
	return 0;
}

int main(void)
{
	static const size_t keys[NSIZES] = { 12500, 25000, 50000, 100000, 200000 };
	static const size_t nests[NSIZES] = { 1000, 2000, 4000, 8000, 16000 };
	static const size_t levels[NSIZES] = { 6250, 12500, 25000, 50000, 100000 };

	return bench(WIDE, "wide: one mapping of N keys (load + to JSON)", "keys", keys) ||
	       bench(REVIEW, "wide: review file with N top-level keys (review_parse)", "keys",
	             keys) ||
	       bench(DEEP, "deep: N nests 64 levels deep (load + to JSON)", "nests", nests) ||
	       bench(OVER, "over-deep: N levels of '[' (refused at level 65)", "levels", levels);
}
