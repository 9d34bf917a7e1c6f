/* Benchmark: question-set loading time against the set's size, to show it grows linearly.
 * Generates sets of 1,250 to 10,000 questions (5 best practices each) in memory, loads each
 * size 7 times through the real loader, and prints the median and the time per question.
 * Run with `make bench`; numbers, not assertions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/qset.h"
#include "store/qset_load.h"
#include "util/err.h"
#include "util/xalloc.h"

struct gen {
	char *area;
	size_t len;
};

static int gen_source(void *ctx, const char *name, char **text, size_t *len, const char **label,
                      struct wa_err *err)
{
	static const char set[] = "set:\n  id: bench\n  name: Bench\n  pillar: reliability\n"
	                          "  framework_version: \"1\"\n  areas: [a.yaml]\n";
	struct gen *g = ctx;

	(void)err;
	*label = name;
	if (!strcmp(name, "set.yaml")) {
		*text = xstrdup(set);
		*len = sizeof(set) - 1;
	} else {
		*text = xstrndup(g->area, g->len);
		*len = g->len;
	}
	return 0;
}

static char *make_area(size_t n_questions, size_t *len)
{
	size_t cap = n_questions * 2048 + 128, used = 0;
	char *buf = xmalloc(cap);

	used += (size_t)sprintf(buf, "area: {id: a, title: A}\nquestions:\n");
	for (size_t q = 0; q < n_questions; q++) {
		used += (size_t)sprintf(buf + used,
		                        "  - id: Q%zu\n    title: Question %zu?\n"
		                        "    description: >-\n      What question %zu covers.\n"
		                        "    wa_question_id: q-%zu\n    none_choice_id: q_%zu_no\n"
		                        "    best_practices:\n",
		                        q, q, q, q, q);
		for (int b = 1; b <= 5; b++)
			used += (size_t)sprintf(
			        buf + used,
			        "      - id: Q%zu-BP%02d\n        title: Practice %d of %zu\n"
			        "        choice_id: q_%zu_bp%d\n        risk: %s\n        effort: "
			        "low\n"
			        "        description: >-\n          What it means, in a sentence "
			        "or two.\n"
			        "        why: Why it matters.\n        steps: [Do this, Then "
			        "that]\n"
			        "        services: [Amazon CloudWatch]\n"
			        "        links: [{title: Doc, url: "
			        "\"https://example.com/q%zu/%d\"}]\n",
			        q, b, b, q, q, b, b % 2 ? "high" : "medium", q, b);
	}
	*len = used;
	return buf;
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

int main(void)
{
	static const size_t sizes[] = { 1250, 2500, 5000, 10000 };
	double per_q[4];

	printf("%10s %12s %14s\n", "questions", "median ms", "us/question");
	for (size_t s = 0; s < 4; s++) {
		struct gen g;
		double t[7];

		g.area = make_area(sizes[s], &g.len);
		for (int r = 0; r < 7; r++) {
			struct qset *qs = NULL;
			struct wa_err err;
			double t0 = now_ms();
			if (qset_load(gen_source, &g, &qs, &err)) {
				err_print(&err);
				return 1;
			}
			t[r] = now_ms() - t0;
			if (qs->n_questions != sizes[s])
				return 1;
			qset_free(qs);
		}
		qsort(t, 7, sizeof(t[0]), cmp_double);
		per_q[s] = t[3] * 1e3 / (double)sizes[s];
		printf("%10zu %12.2f %14.2f\n", sizes[s], t[3], per_q[s]);
		free(g.area);
	}
	printf("time per question at 10000 vs 1250: %.2fx (1.00x is perfectly linear)\n",
	       per_q[3] / per_q[0]);
	return 0;
}
