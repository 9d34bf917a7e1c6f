/* Saves reviews to one path in a loop, for tests/cli/test_crash_safety.sh to SIGKILL at
 * random moments; and checks afterwards that the file is one complete review.
 *
 *   crashsave FILE [COUNT]   save COUNT times (default: until killed), each review larger
 *                            or smaller than the last and encoding a counter
 *   crashsave --check FILE   exit 0 and print the counter if FILE is a complete, valid
 *                            review written by this tool; exit 1 otherwise
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/qset.h"
#include "model/review.h"
#include "model/roadmap_edit.h"
#include "store/review_io.h"
#include "util/xalloc.h"

static struct qset *tiny_set(void)
{
	struct qset *qs = xcalloc(1, sizeof(*qs));
	struct question *q;

	qs->id = xstrdup("reliability");
	qs->questions = q = xcalloc(1, sizeof(*q));
	qs->n_questions = 1;
	q->id = xstrdup("REL01");
	q->bps = xcalloc(2, sizeof(*q->bps));
	q->n_bps = 2;
	q->bps[0].id = xstrdup("REL01-BP01");
	q->bps[1].id = xstrdup("REL01-BP02");
	return qs;
}

/* The description for save n: from a few bytes to about 300 KB, so saves of very
 * different sizes follow each other and a kill can land in the middle of a long write. */
static char *description(long n)
{
	size_t lines = (size_t)((n * 7919) % 6000) + 1, used = 0, cap = 0;
	char *s = NULL;

	for (size_t i = 0; i < lines; i++) {
		char line[96];
		int len = snprintf(line, sizeof(line), "save %ld line %zu: ünïcödé ✓ 日本\n", n, i);

		s = xgrow(s, &cap, used + (size_t)len + 1, 1);
		memcpy(s + used, line, (size_t)len + 1);
		used += (size_t)len;
	}
	return s;
}

static struct review *make(long n)
{
	struct review *rv = review_new();
	struct answer *a = review_get(rv, "REL01");

	rv->set_id = xstrdup("reliability");
	rv->wl.name = xasprintf("crash test %ld", n);
	rv->wl.description = description(n);
	/* The counter and size again near the end of the file, in the roadmap section. */
	rv->overrides = xcalloc(1, sizeof(*rv->overrides));
	rv->n_overrides = 1;
	rv->overrides[0].bp = xstrdup("REL01-BP01");
	rv->overrides[0].owner = xasprintf("save %ld of %zu bytes", n, strlen(rv->wl.description));
	a->selected = xcalloc(1, sizeof(*a->selected));
	a->selected[0] = xstrdup(n % 2 ? "REL01-BP02" : "REL01-BP01");
	a->n_selected = 1;
	return rv;
}

/* The counter of a complete review written by make(), or -1 with a reason on stderr. */
static long check(const char *path, const struct qset *qs)
{
	struct review *rv;
	struct wa_err err;
	char *want;
	long n, counter;
	size_t size;
	int ok;

	if (review_load(path, qs, &rv, &err)) {
		err_print(&err);
		return -1;
	}
	if (!rv->wl.name || sscanf(rv->wl.name, "crash test %ld", &n) != 1 ||
	    rv->n_overrides != 1 || !rv->overrides[0].owner ||
	    sscanf(rv->overrides[0].owner, "save %ld of %zu bytes", &counter, &size) != 2 ||
	    counter != n) {
		fprintf(stderr, "crashsave: %s: not a review written by crashsave\n", path);
		review_free(rv);
		return -1;
	}
	want = description(n);
	ok = rv->wl.description && !strcmp(rv->wl.description, want) && size == strlen(want) &&
	     rv->n_answers == 1 && rv->answers[0].n_selected == 1 &&
	     !strcmp(rv->answers[0].selected[0], n % 2 ? "REL01-BP02" : "REL01-BP01");
	free(want);
	review_free(rv);
	if (!ok) {
		fprintf(stderr, "crashsave: %s: save %ld is incomplete or mixed\n", path, n);
		return -1;
	}
	return n;
}

int main(int argc, char **argv)
{
	struct qset *qs = tiny_set();
	long n, count = -1;
	int rc = 0;

	if (argc == 3 && !strcmp(argv[1], "--check")) {
		n = check(argv[2], qs);
		if (n >= 0)
			printf("%ld\n", n);
		qset_free(qs);
		return n >= 0 ? 0 : 1;
	}
	if (argc < 2 || argc > 3 || argv[1][0] == '-') {
		fprintf(stderr, "usage: crashsave FILE [COUNT] | crashsave --check FILE\n");
		qset_free(qs);
		return 2;
	}
	if (argc == 3)
		count = atol(argv[2]);
	/* Carry on from the last complete save, so progress across kills is visible. */
	{
		FILE *f = fopen(argv[1], "r");
		n = 0;
		if (f) {
			fclose(f);
			n = check(argv[1], qs) + 1;
			if (n == 0)
				rc = 1;
		}
	}
	for (long i = 0; rc == 0 && (count < 0 || i < count); i++, n++) {
		struct review *rv = make(n);
		struct wa_err err;

		if (review_save(argv[1], rv, qs, &err)) {
			err_print(&err);
			rc = 1;
		}
		review_free(rv);
	}
	qset_free(qs);
	return rc;
}
