#include "support/qset_fixture.h"

#include "util/xalloc.h"

static void add_question(struct qset *qs, const char *id, size_t n_bps)
{
	struct question *q = &qs->questions[qs->n_questions++];

	q->id = xstrdup(id);
	q->title = xasprintf("Question %s", id);
	q->area = 0;
	q->bps = xcalloc(n_bps, sizeof(*q->bps));
	q->n_bps = n_bps;
	for (size_t i = 0; i < n_bps; i++) {
		q->bps[i].id = xasprintf("%s-BP%02zu", id, i + 1);
		q->bps[i].title = xasprintf("Best practice %zu of %s", i + 1, id);
		q->bps[i].risk = i == 0 ? BP_RISK_HIGH : BP_RISK_MEDIUM;
		q->bps[i].effort = EFFORT_LOW;
	}
}

struct qset *qset_fixture_new(void)
{
	struct qset *qs = xcalloc(1, sizeof(*qs));

	qs->id = xstrdup("reliability");
	qs->name = xstrdup("Reliability (test fixture)");
	qs->pillar = xstrdup("reliability");
	qs->framework_version = xstrdup("2024-11-06");
	qs->areas = xcalloc(1, sizeof(*qs->areas));
	qs->n_areas = 1;
	qs->areas[0].id = xstrdup("foundations");
	qs->areas[0].title = xstrdup("Foundations");
	qs->areas[0].first = 0;
	qs->areas[0].count = 3;
	qs->questions = xcalloc(3, sizeof(*qs->questions));
	add_question(qs, "REL01", 3);
	add_question(qs, "REL02", 2);
	add_question(qs, "REL03", 4);
	return qs;
}
