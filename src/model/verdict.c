#include "model/verdict.h"

#include <stdbool.h>
#include <stdio.h>
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

/* Whether f speaks to bp. An AWS Config rule the account does not run says nothing, so it
 * is no reason either. */
static bool names_bp(const struct finding *f, const char *bp)
{
	if (f->source == SOURCE_CONFIG && f->outcome == OUTCOME_NOT_APPLICABLE)
		return false;
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
 * unknown (an error, an existence probe finding nothing, resources lacking one part of
 * the practice), then passes, then nothing found. A pass that checked only a part, like
 * one that found something exists, shows the practice in part. An AWS Config rule checks
 * every resource of its kind it evaluated, so its offenders and its passes count as a
 * probe's; a rule that could not be read is a source missing, not a practice unknown: it
 * weighs nothing. */
static int weight(const struct finding *f)
{
	if (f->source == SOURCE_CONFIG && f->outcome == OUTCOME_ERROR)
		return 4;
	switch (f->outcome) {
	case OUTCOME_FAIL: return f->proves == PROVES_EVERY_RESOURCE ? 0 : 1;
	case OUTCOME_ERROR: return 1;
	case OUTCOME_PASS: return f->proves == PROVES_EVERY_RESOURCE ? 2 : 3;
	default: return 4;
	}
}

/* The finding's name for people: its probe ID, and where it comes from when not ours. */
static const char *who(const struct finding *f, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s", f->probe,
	         f->source == SOURCE_CONFIG ? " (from AWS Config)" : "");
	return buf;
}

static char *why_text(enum verdict v, const struct verdict_reason *r)
{
	const struct finding *f = r ? r->f : NULL;
	const struct region_result *rr = r ? r->r : NULL;
	char region[80] = "global";
	char name[300] = "";

	if (f)
		who(f, name, sizeof(name));
	if (rr)
		region_result_where(rr, region, sizeof(region));
	switch (v) {
	case VERDICT_NOT_IMPLEMENTED:
		return xasprintf("%s found %zu offender%s in %s: %s", name, rr ? rr->n_cited : 0,
		                 rr && rr->n_cited == 1 ? "" : "s", region,
		                 rr && rr->text ? rr->text : f->title);
	case VERDICT_NOT_VERIFIED:
		if (f->outcome == OUTCOME_FAIL && f->proves == PROVES_PART)
			return xasprintf("%s found %zu resource%s in %s missing one part of the "
			                 "practice, which alone does not decide it: %s",
			                 name, rr ? rr->n_cited : 0,
			                 rr && rr->n_cited == 1 ? "" : "s", region,
			                 rr && rr->text ? rr->text : f->title);
		if (f->outcome == OUTCOME_FAIL) /* an existence probe found nothing */
			return xasprintf("%s found none in %s: %s", name, region,
			                 rr && rr->text ? rr->text : f->title);
		if (rr && rr->n_unchecked)
			return xasprintf("%s could not check %zu item%s in %s: %s", name,
			                 rr->n_unchecked, rr->n_unchecked == 1 ? "" : "s", region,
			                 rr->fault.code      ? rr->fault.code
			                 : rr->fault.message ? rr->fault.message
			                                     : "a call failed");
		return xasprintf("%s could not run in %s: %s", name, region,
		                 rr && rr->fault.code      ? rr->fault.code
		                 : rr && rr->fault.message ? rr->fault.message
		                                           : "unknown error");
	case VERDICT_IMPLEMENTED:
		return xasprintf("%s checked every resource and found no offender (%s)", name,
		                 f->title);
	case VERDICT_PARTLY_SHOWN:
		if (f->proves == PROVES_PART)
			return xasprintf(
			        "%s checked one part of the practice on every resource and "
			        "found no offender (%s); the rest is for people to judge",
			        name, f->title);
		return xasprintf("%s shows that it exists (%s); no probe checks every resource",
		                 f->probe, f->title);
	default:
		return xstrdup(f ? "nothing of the kind was found in scope"
		                 : "no probe looks at this practice");
	}
}

/* "a, b, c and 2 more": the first resources a result cites. Newly allocated. */
static char *cited_text(const struct region_result *rr)
{
	char *s = xstrdup("");
	size_t n = rr ? rr->n_cited : 0;

	for (size_t i = 0; i < n && i < 3; i++) {
		char *next = xasprintf("%s%s%s", s, i ? ", " : "", rr->cited[i]);
		free(s);
		s = next;
	}
	if (n > 3) {
		char *next = xasprintf("%s and %zu more", s, n - 3);
		free(s);
		s = next;
	}
	return s;
}

/* Where an AWS Config rule and the probe of ours that checks the same (its same_as) say
 * opposite things about practice bp, one naming offenders and the other passing: a
 * sentence saying so (newly allocated), else NULL. */
static char *disagreement(const struct evidence *ev, const char *bp)
{
	for (size_t i = 0; ev && i < ev->n_findings; i++) {
		const struct finding *c = &ev->findings[i], *p;
		char *cited, *s;

		if (c->source != SOURCE_CONFIG || !c->same_as || !names_bp(c, bp) ||
		    !(p = evidence_find(ev, c->same_as)) || p->source == SOURCE_CONFIG)
			continue;
		if (c->outcome == OUTCOME_FAIL && p->outcome == OUTCOME_PASS) {
			cited = cited_text(telling_result(c));
			s = xasprintf("AWS Config disagrees: %s names offenders (%s) where %s "
			              "found none",
			              c->probe, cited, p->probe);
		} else if (c->outcome == OUTCOME_PASS && p->outcome == OUTCOME_FAIL &&
		           p->proves == PROVES_EVERY_RESOURCE) {
			cited = cited_text(telling_result(p));
			s = xasprintf("AWS Config disagrees: %s finds every resource it evaluated "
			              "compliant where %s names offenders (%s)",
			              c->probe, p->probe, cited);
		} else {
			continue;
		}
		free(cited);
		return s;
	}
	return NULL;
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
	out->disagreement = disagreement(ev, bpid);
	if (out->disagreement) {
		size_t len = strlen(out->why);
		char *why =
		        xasprintf("%s%s %s.", out->why, len && out->why[len - 1] == '.' ? "" : ".",
		                  out->disagreement);
		free(out->why);
		out->why = why;
	}
}

void bp_verdict_clear(struct bp_verdict *v)
{
	free(v->reasons);
	free(v->why);
	free(v->disagreement);
	memset(v, 0, sizeof(*v));
}

char *verdict_reason_text(const struct verdict_reason *r)
{
	const struct region_result *rr = r->r;
	const char *from = r->f->source == SOURCE_CONFIG ? ", from AWS Config" : "";
	char where[80];

	if (!rr)
		return xasprintf("%s %s%s", outcome_label(r->f->outcome), r->f->probe, from);
	return xasprintf("%s %s (%s%s): %s", outcome_label(rr->outcome), r->f->probe,
	                 region_result_where(rr, where, sizeof(where)), from,
	                 rr->text ? rr->text : "");
}
