#include "model/verdict.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static const char *const names[] = {
	[VERDICT_NO_EVIDENCE] = "no_evidence",         [VERDICT_IMPLEMENTED] = "implemented",
	[VERDICT_PARTLY_SHOWN] = "partly_shown",       [VERDICT_NOT_VERIFIED] = "not_verified",
	[VERDICT_NOT_IMPLEMENTED] = "not_implemented",
};

static const char *const labels[] = {
	[VERDICT_NO_EVIDENCE] = "no evidence",         [VERDICT_IMPLEMENTED] = "implemented",
	[VERDICT_PARTLY_SHOWN] = "partly shown",       [VERDICT_NOT_VERIFIED] = "not verified",
	[VERDICT_NOT_IMPLEMENTED] = "not implemented",
};

const char *verdict_name(enum verdict v)
{
	return v <= VERDICT_NOT_IMPLEMENTED ? names[v] : "?";
}

const char *verdict_label(enum verdict v)
{
	return v <= VERDICT_NOT_IMPLEMENTED ? labels[v] : "?";
}

int verdict_parse(const char *s)
{
	for (int i = VERDICT_NO_EVIDENCE; i <= VERDICT_NOT_IMPLEMENTED; i++)
		if (!strcmp(s, names[i]))
			return i;
	return -1;
}

static bool names_bp(const struct finding *f, const char *bp)
{
	for (size_t i = 0; i < f->n_bps; i++)
		if (!strcmp(f->bps[i], bp))
			return true;
	return false;
}

/* The Region result that speaks for the finding: the first with the finding's outcome. */
static const struct region_result *telling_result(const struct finding *f)
{
	for (size_t i = 0; i < f->n_results; i++)
		if (f->results[i].outcome == f->outcome)
			return &f->results[i];
	return f->n_results ? &f->results[0] : NULL;
}

/* How a finding weighs: an every-resource failure first, then what leaves the practice
 * unknown, then passes, then nothing found. */
static int weight(const struct finding *f)
{
	switch (f->outcome) {
	case OUTCOME_FAIL: return f->proves == PROVES_EVERY_RESOURCE ? 0 : 1;
	case OUTCOME_ERROR: return 1;
	case OUTCOME_PASS: return f->proves == PROVES_EVERY_RESOURCE ? 2 : 3;
	default: return 4;
	}
}

static char *why_text(enum verdict v, const struct verdict_reason *r)
{
	const struct finding *f = r ? r->f : NULL;
	const struct region_result *rr = r ? r->r : NULL;
	const char *region = rr && rr->region ? rr->region : "global";

	switch (v) {
	case VERDICT_NOT_IMPLEMENTED:
		return xasprintf("%s found %zu offender%s in %s: %s", f->probe,
		                 rr ? rr->n_cited : 0, rr && rr->n_cited == 1 ? "" : "s", region,
		                 rr && rr->text ? rr->text : f->title);
	case VERDICT_NOT_VERIFIED:
		if (f->outcome == OUTCOME_FAIL) /* an existence probe found nothing */
			return xasprintf("%s found none in %s: %s", f->probe, region,
			                 rr && rr->text ? rr->text : f->title);
		if (rr && rr->n_unchecked)
			return xasprintf("%s could not check %zu item%s in %s: %s", f->probe,
			                 rr->n_unchecked, rr->n_unchecked == 1 ? "" : "s", region,
			                 rr->fault.code      ? rr->fault.code
			                 : rr->fault.message ? rr->fault.message
			                                     : "a call failed");
		return xasprintf("%s could not run in %s: %s", f->probe, region,
		                 rr && rr->fault.code      ? rr->fault.code
		                 : rr && rr->fault.message ? rr->fault.message
		                                           : "unknown error");
	case VERDICT_IMPLEMENTED:
		return xasprintf("%s checked every resource and found no offender (%s)", f->probe,
		                 f->title);
	case VERDICT_PARTLY_SHOWN:
		return xasprintf("%s shows that it exists (%s); no probe checks every resource",
		                 f->probe, f->title);
	default:
		return xstrdup(f ? "nothing of the kind was found in scope"
		                 : "no probe looks at this practice");
	}
}

void verdict_for_bp(const struct evidence *ev, const char *bpid, struct bp_verdict *out)
{
	size_t n = 0;
	int best = 5;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; ev && i < ev->n_findings; i++)
		n += names_bp(&ev->findings[i], bpid);
	out->reasons = n ? xcalloc(n, sizeof(*out->reasons)) : NULL;
	/* Stable by weight, then snapshot order. */
	for (int w = 0; w <= 4; w++)
		for (size_t i = 0; ev && i < ev->n_findings; i++) {
			const struct finding *f = &ev->findings[i];

			if (!names_bp(f, bpid) || weight(f) != w)
				continue;
			out->reasons[out->n_reasons++] =
			        (struct verdict_reason){ f, telling_result(f) };
			if (w < best)
				best = w;
		}
	switch (best) {
	case 0: out->verdict = VERDICT_NOT_IMPLEMENTED; break;
	case 1: out->verdict = VERDICT_NOT_VERIFIED; break;
	case 2: out->verdict = VERDICT_IMPLEMENTED; break;
	case 3: out->verdict = VERDICT_PARTLY_SHOWN; break;
	default: out->verdict = VERDICT_NO_EVIDENCE; break;
	}
	out->why = why_text(out->verdict, out->n_reasons ? &out->reasons[0] : NULL);
}

void bp_verdict_clear(struct bp_verdict *v)
{
	free(v->reasons);
	free(v->why);
	memset(v, 0, sizeof(*v));
}

char *verdict_reason_text(const struct verdict_reason *r)
{
	const struct region_result *rr = r->r;

	if (!rr)
		return xasprintf("%s %s", outcome_label(r->f->outcome), r->f->probe);
	return xasprintf("%s %s (%s): %s", outcome_label(rr->outcome), r->f->probe,
	                 rr->region ? rr->region : "global", rr->text ? rr->text : "");
}
