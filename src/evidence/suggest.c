#include "evidence/suggest.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

struct bp_suggestion *suggest_question(const struct question *q, const struct evidence *ev)
{
	struct bp_suggestion *s = xcalloc(q->n_bps + 1, sizeof(*s));

	for (size_t i = 0; i < q->n_bps; i++) {
		s[i].bp = &q->bps[i];
		verdict_for_bp(ev, q->bps[i].id, &s[i].v);
	}
	return s;
}

void suggest_free(struct bp_suggestion *s, size_t n)
{
	if (!s)
		return;
	for (size_t i = 0; i < n; i++)
		bp_verdict_clear(&s[i].v);
	free(s);
}

bool suggest_decides(enum verdict v)
{
	return v == VERDICT_IMPLEMENTED || v == VERDICT_NOT_IMPLEMENTED;
}

/* Ticks or unticks bp in a, keeping selections in the question's order. */
static void set_selected(const struct question *q, struct answer *a, const char *bp, bool on)
{
	bool has = answer_has(a, bp);
	size_t k = 0;

	if (on == has)
		return;
	if (!on) {
		for (size_t i = 0; i < a->n_selected; i++) {
			if (!strcmp(a->selected[i], bp))
				free(a->selected[i]);
			else
				a->selected[k++] = a->selected[i];
		}
		a->n_selected = k;
		return;
	}
	a->selected = xrealloc(a->selected, (a->n_selected + 1) * sizeof(*a->selected));
	a->selected[a->n_selected++] = xstrdup(bp);
	/* Back into question order: insertion sort by index in q. */
	for (size_t i = 1; i < a->n_selected; i++) {
		char *s = a->selected[i];
		long r = question_bp_index(q, s);
		size_t j = i;
		for (; j > 0 && question_bp_index(q, a->selected[j - 1]) > r; j--)
			a->selected[j] = a->selected[j - 1];
		a->selected[j] = s;
	}
}

static bool named(const char *bp, const char *const *bps, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(bps[i], bp))
			return true;
	return n == 0;
}

size_t suggest_accept(const struct question *q, struct answer *a, const struct bp_suggestion *s,
                      const char *const *bps, size_t n_bps)
{
	bool fresh = !answer_is_answered(a);
	size_t accepted = 0;

	for (size_t i = 0; i < q->n_bps; i++)
		if (suggest_decides(s[i].v.verdict) && named(q->bps[i].id, bps, n_bps))
			accepted++;
	if (!accepted)
		return 0;
	if (fresh) {
		/* Everything starts open; the evidence decides what it can below. */
		a->open = xcalloc(q->n_bps, sizeof(*a->open));
		for (size_t i = 0; i < q->n_bps; i++)
			a->open[a->n_open++] = xstrdup(q->bps[i].id);
	}
	a->none_of_these = false;
	for (size_t i = 0; i < q->n_bps; i++) {
		const char *id = q->bps[i].id;

		if (!suggest_decides(s[i].v.verdict) || !named(id, bps, n_bps))
			continue;
		set_selected(q, a, id, s[i].v.verdict == VERDICT_IMPLEMENTED);
		answer_decide(a, id);
		answer_set_source(a, id, SOURCE_EVIDENCE);
	}
	/* Nothing in place and nothing open: every practice is missing. */
	if (!a->n_selected && !a->n_open)
		a->none_of_these = true;
	return accepted;
}
