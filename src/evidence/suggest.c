#include "evidence/suggest.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static bool speaks_to(const struct finding *f, const char *bp)
{
	for (size_t i = 0; i < f->n_bps; i++)
		if (!strcmp(f->bps[i], bp))
			return true;
	return false;
}

/* Reasons are listed by weight: what decided the verdict first. */
static const enum outcome reason_order[] = { OUTCOME_FAIL, OUTCOME_PASS, OUTCOME_ERROR,
	                                     OUTCOME_NOT_APPLICABLE };

struct bp_suggestion *suggest_question(const struct question *q, const struct evidence *ev)
{
	struct bp_suggestion *s = xcalloc(q->n_bps + 1, sizeof(*s));

	for (size_t i = 0; i < q->n_bps; i++) {
		struct bp_suggestion *b = &s[i];
		size_t n[OUTCOME_FAIL + 1] = { 0 };

		b->bp = &q->bps[i];
		for (size_t k = 0; k < sizeof(reason_order) / sizeof(reason_order[0]); k++)
			for (size_t j = 0; ev && j < ev->n_findings; j++) {
				const struct finding *f = &ev->findings[j];
				if (f->outcome != reason_order[k] || strcmp(f->question, q->id) ||
				    !speaks_to(f, b->bp->id))
					continue;
				b->reasons = xrealloc(b->reasons,
				                      (b->n_reasons + 1) * sizeof(*b->reasons));
				b->reasons[b->n_reasons++] = f;
				n[f->outcome]++;
			}
		b->verdict = n[OUTCOME_FAIL]   ? SUGGEST_NOT_IMPLEMENTED
		             : n[OUTCOME_PASS] ? SUGGEST_IMPLEMENTED
		                               : SUGGEST_NO_EVIDENCE;
	}
	return s;
}

void suggest_free(struct bp_suggestion *s, size_t n)
{
	if (!s)
		return;
	for (size_t i = 0; i < n; i++)
		free(s[i].reasons);
	free(s);
}

const char *suggestion_name(enum suggestion s)
{
	return s == SUGGEST_IMPLEMENTED       ? "implemented"
	       : s == SUGGEST_NOT_IMPLEMENTED ? "not_implemented"
	                                      : "no_evidence";
}

const char *suggestion_label(enum suggestion s)
{
	return s == SUGGEST_IMPLEMENTED       ? "implemented"
	       : s == SUGGEST_NOT_IMPLEMENTED ? "not implemented"
	                                      : "no evidence";
}

char *suggest_reason_text(const struct finding *f)
{
	size_t cap = 0, n = 0;
	char *out = NULL;

	/* The results that made the outcome, each with its Region. */
	for (size_t i = 0; i < f->n_results; i++) {
		const struct region_result *r = &f->results[i];
		char *part;
		size_t len;

		if (r->outcome != f->outcome)
			continue;
		part = n ? xasprintf("; %s: %s", r->region, r->text ? r->text : "")
		         : xasprintf("%s %s (%s): %s", outcome_label(f->outcome), f->probe,
		                     r->region, r->text ? r->text : "");
		len = strlen(part);
		out = xgrow(out, &cap, n + len + 1, 1);
		memcpy(out + n, part, len + 1);
		n += len;
		free(part);
	}
	return out ? out : xasprintf("%s %s", outcome_label(f->outcome), f->probe);
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
	size_t accepted = 0, unticked_by_evidence = 0;

	for (size_t i = 0; i < q->n_bps; i++) {
		if (s[i].verdict == SUGGEST_NO_EVIDENCE || !named(q->bps[i].id, bps, n_bps))
			continue;
		set_selected(q, a, q->bps[i].id, s[i].verdict == SUGGEST_IMPLEMENTED);
		answer_set_source(a, q->bps[i].id, SOURCE_EVIDENCE);
		accepted++;
	}
	if (a->n_selected)
		a->none_of_these = false;
	for (size_t i = 0; i < q->n_bps; i++)
		if (answer_source(a, q->bps[i].id) == SOURCE_EVIDENCE &&
		    !answer_has(a, q->bps[i].id))
			unticked_by_evidence++;
	if (accepted && unticked_by_evidence == q->n_bps)
		a->none_of_these = true;
	return accepted;
}
