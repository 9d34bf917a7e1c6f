#include "model/review.h"

#include <stdlib.h>
#include <string.h>

#include "model/evidence.h"
#include "model/milestone.h"
#include "model/roadmap_edit.h"
#include "util/strv.h"
#include "util/xalloc.h"

struct review *review_new(void)
{
	struct review *rv = xcalloc(1, sizeof(*rv));
	rv->schema = REVIEW_SCHEMA;
	rv->wl.availability = -1;
	rv->wl.downtime_cost_per_hour = -1;
	return rv;
}

void answer_clear(struct answer *a)
{
	free(a->question);
	strv_free(a->selected, a->n_selected);
	strv_free(a->open, a->n_open);
	free(a->na_note);
	free(a->notes);
	free(a->updated);
	for (size_t i = 0; i < a->n_sources; i++)
		free(a->sources[i].bp);
	free(a->sources);
	for (size_t i = 0; i < a->n_bp_na; i++) {
		free(a->bp_na[i].bp);
		free(a->bp_na[i].note);
	}
	free(a->bp_na);
	memset(a, 0, sizeof(*a));
}

void component_clear(struct component *c)
{
	free(c->name);
	free(c->tier);
	free(c->service);
	strv_free(c->depends_on, c->n_depends_on);
	strv_free(c->spof_notes, c->n_spof_notes);
	memset(c, 0, sizeof(*c));
	c->availability = -1;
}

void external_api_clear(struct external_api *x)
{
	free(x->name);
	memset(x, 0, sizeof(*x));
	x->availability = -1;
}

void incident_clear(struct incident *i)
{
	free(i->date);
	free(i->note);
	memset(i, 0, sizeof(*i));
}

void review_free(struct review *rv)
{
	if (!rv)
		return;
	free(rv->set_id);
	free(rv->framework_version);
	free(rv->created);
	free(rv->updated);
	free(rv->wl.name);
	free(rv->wl.description);
	free(rv->wl.owner);
	free(rv->wl.environment);
	strv_free(rv->wl.regions, rv->wl.n_regions);
	strv_free(rv->wl.accounts, rv->wl.n_accounts);
	free(rv->wl.criticality);
	scope_clear(&rv->wl.scope);
	free(rv->wl.rto);
	free(rv->wl.rpo);
	for (size_t i = 0; i < rv->wl.n_participants; i++) {
		free(rv->wl.participants[i].name);
		free(rv->wl.participants[i].role);
	}
	free(rv->wl.participants);
	for (size_t i = 0; i < rv->wl.n_components; i++)
		component_clear(&rv->wl.components[i]);
	free(rv->wl.components);
	for (size_t i = 0; i < rv->wl.n_external_apis; i++)
		external_api_clear(&rv->wl.external_apis[i]);
	free(rv->wl.external_apis);
	free(rv->wl.currency);
	for (size_t i = 0; i < rv->n_incidents; i++)
		incident_clear(&rv->incidents[i]);
	free(rv->incidents);
	for (size_t i = 0; i < rv->n_answers; i++)
		answer_clear(&rv->answers[i]);
	free(rv->answers);
	evidence_free(rv->evidence);
	for (size_t i = 0; i < rv->n_overrides; i++)
		roadmap_override_clear(&rv->overrides[i]);
	free(rv->overrides);
	for (size_t i = 0; i < rv->n_milestones; i++)
		milestone_clear(&rv->milestones[i]);
	free(rv->milestones);
	wa_tool_free(rv->wa_tool);
	free(rv);
}

static void answer_copy(struct answer *dst, const struct answer *src)
{
	*dst = *src;
	dst->question = xstrdup(src->question);
	dst->selected = strv_dup(src->selected, src->n_selected);
	dst->open = strv_dup(src->open, src->n_open);
	dst->na_note = xstrdup_opt(src->na_note);
	dst->notes = xstrdup_opt(src->notes);
	dst->updated = xstrdup_opt(src->updated);
	dst->sources = src->n_sources ? xcalloc(src->n_sources, sizeof(*dst->sources)) : NULL;
	for (size_t i = 0; i < src->n_sources; i++) {
		dst->sources[i].bp = xstrdup(src->sources[i].bp);
		dst->sources[i].source = src->sources[i].source;
	}
	dst->bp_na = src->n_bp_na ? xcalloc(src->n_bp_na, sizeof(*dst->bp_na)) : NULL;
	for (size_t i = 0; i < src->n_bp_na; i++) {
		dst->bp_na[i].bp = xstrdup(src->bp_na[i].bp);
		dst->bp_na[i].reason = src->bp_na[i].reason;
		dst->bp_na[i].note = xstrdup_opt(src->bp_na[i].note);
	}
}

static void component_copy(struct component *dst, const struct component *src)
{
	*dst = *src;
	dst->name = xstrdup_opt(src->name);
	dst->tier = xstrdup_opt(src->tier);
	dst->service = xstrdup_opt(src->service);
	dst->depends_on = strv_dup(src->depends_on, src->n_depends_on);
	dst->spof_notes = strv_dup(src->spof_notes, src->n_spof_notes);
}

static void workload_copy(struct workload *dst, const struct workload *src)
{
	*dst = *src;
	dst->name = xstrdup_opt(src->name);
	dst->description = xstrdup_opt(src->description);
	dst->owner = xstrdup_opt(src->owner);
	dst->environment = xstrdup_opt(src->environment);
	dst->regions = strv_dup(src->regions, src->n_regions);
	dst->accounts = strv_dup(src->accounts, src->n_accounts);
	dst->criticality = xstrdup_opt(src->criticality);
	dst->rto = xstrdup_opt(src->rto);
	dst->rpo = xstrdup_opt(src->rpo);
	dst->currency = xstrdup_opt(src->currency);
	scope_copy(&dst->scope, &src->scope);
	dst->participants = src->n_participants
	                            ? xcalloc(src->n_participants, sizeof(*dst->participants))
	                            : NULL;
	for (size_t i = 0; i < src->n_participants; i++) {
		dst->participants[i].name = xstrdup_opt(src->participants[i].name);
		dst->participants[i].role = xstrdup_opt(src->participants[i].role);
	}
	dst->components =
	        src->n_components ? xcalloc(src->n_components, sizeof(*dst->components)) : NULL;
	for (size_t i = 0; i < src->n_components; i++)
		component_copy(&dst->components[i], &src->components[i]);
	dst->external_apis = src->n_external_apis
	                             ? xcalloc(src->n_external_apis, sizeof(*dst->external_apis))
	                             : NULL;
	for (size_t i = 0; i < src->n_external_apis; i++) {
		dst->external_apis[i] = src->external_apis[i];
		dst->external_apis[i].name = xstrdup_opt(src->external_apis[i].name);
	}
}

struct review *review_dup(const struct review *rv)
{
	struct review *c = xcalloc(1, sizeof(*c));

	*c = *rv;
	c->set_id = xstrdup_opt(rv->set_id);
	c->framework_version = xstrdup_opt(rv->framework_version);
	c->created = xstrdup_opt(rv->created);
	c->updated = xstrdup_opt(rv->updated);
	workload_copy(&c->wl, &rv->wl);
	c->answers = rv->n_answers ? xcalloc(rv->n_answers, sizeof(*c->answers)) : NULL;
	c->cap_answers = rv->n_answers;
	for (size_t i = 0; i < rv->n_answers; i++)
		answer_copy(&c->answers[i], &rv->answers[i]);
	c->incidents = rv->n_incidents ? xcalloc(rv->n_incidents, sizeof(*c->incidents)) : NULL;
	for (size_t i = 0; i < rv->n_incidents; i++) {
		c->incidents[i] = rv->incidents[i];
		c->incidents[i].date = xstrdup_opt(rv->incidents[i].date);
		c->incidents[i].note = xstrdup_opt(rv->incidents[i].note);
	}
	c->evidence = evidence_dup(rv->evidence);
	c->overrides = roadmap_override_dup(rv->overrides, rv->n_overrides);
	c->milestones = milestone_dup(rv->milestones, rv->n_milestones);
	c->wa_tool = wa_tool_dup(rv->wa_tool);
	return c;
}

struct answer *review_find(const struct review *rv, const char *qid)
{
	for (size_t i = 0; i < rv->n_answers; i++)
		if (strcmp(rv->answers[i].question, qid) == 0)
			return &rv->answers[i];
	return NULL;
}

struct answer *review_get(struct review *rv, const char *qid)
{
	struct answer *a = review_find(rv, qid);

	if (a)
		return a;
	rv->answers = xgrow(rv->answers, &rv->cap_answers, rv->n_answers + 1, sizeof(*rv->answers));
	a = &rv->answers[rv->n_answers++];
	memset(a, 0, sizeof(*a));
	a->question = xstrdup(qid);
	return a;
}

bool answer_has(const struct answer *a, const char *bpid)
{
	for (size_t i = 0; i < a->n_selected; i++)
		if (strcmp(a->selected[i], bpid) == 0)
			return true;
	return false;
}

bool answer_is_answered(const struct answer *a)
{
	return a && (a->n_selected > 0 || a->none_of_these || a->na != NA_NO || a->n_open > 0 ||
	             a->n_bp_na > 0);
}

bool answer_is_complete(const struct answer *a)
{
	return answer_is_answered(a) && (a->n_open == 0 || a->none_of_these || a->na != NA_NO);
}

bool answer_is_open(const struct answer *a, const char *bpid)
{
	for (size_t i = 0; a && i < a->n_open; i++)
		if (strcmp(a->open[i], bpid) == 0)
			return true;
	return false;
}

enum bp_state answer_bp_state(const struct answer *a, const char *bpid)
{
	if (!answer_is_answered(a))
		return BP_OPEN;
	if (a->none_of_these)
		return BP_MISSING;
	if (answer_has(a, bpid))
		return BP_IN_PLACE;
	return answer_is_open(a, bpid) ? BP_OPEN : BP_MISSING;
}

void answer_decide(struct answer *a, const char *bpid)
{
	size_t k = 0;
	char *gone = NULL;

	/* bpid may be one of the open strings itself: free it only once the list is done */
	for (size_t i = 0; i < a->n_open; i++) {
		if (!gone && strcmp(a->open[i], bpid) == 0)
			gone = a->open[i];
		else
			a->open[k++] = a->open[i];
	}
	free(gone);
	a->n_open = k;
	if (!k) {
		free(a->open);
		a->open = NULL;
	}
}

enum answer_source answer_source(const struct answer *a, const char *bpid)
{
	for (size_t i = 0; a && i < a->n_sources; i++)
		if (strcmp(a->sources[i].bp, bpid) == 0)
			return a->sources[i].source;
	return SOURCE_REVIEWER;
}

void answer_set_source(struct answer *a, const char *bpid, enum answer_source s)
{
	for (size_t i = 0; i < a->n_sources; i++)
		if (strcmp(a->sources[i].bp, bpid) == 0) {
			a->sources[i].source = s;
			return;
		}
	a->sources = xrealloc(a->sources, (a->n_sources + 1) * sizeof(*a->sources));
	a->sources[a->n_sources].bp = xstrdup(bpid);
	a->sources[a->n_sources++].source = s;
}

const char *answer_source_name(enum answer_source s)
{
	return s == SOURCE_EVIDENCE ? "evidence" : "reviewer";
}

int answer_source_parse(const char *s)
{
	if (strcmp(s, "evidence") == 0)
		return SOURCE_EVIDENCE;
	if (strcmp(s, "reviewer") == 0)
		return SOURCE_REVIEWER;
	return -1;
}

const struct bp_na *answer_bp_na(const struct answer *a, const char *bpid)
{
	for (size_t i = 0; a && i < a->n_bp_na; i++)
		if (strcmp(a->bp_na[i].bp, bpid) == 0)
			return &a->bp_na[i];
	return NULL;
}

void answer_set_bp_na(struct answer *a, const char *bpid, enum na_reason reason, const char *note)
{
	struct bp_na *n = (struct bp_na *)answer_bp_na(a, bpid);
	size_t k = 0;

	if (reason == NA_NO) {
		if (!n)
			return;
		free(n->bp);
		free(n->note);
		*n = a->bp_na[--a->n_bp_na];
		return;
	}
	/* Not applicable is neither in place nor still to decide. */
	for (size_t i = 0; i < a->n_selected; i++) {
		if (strcmp(a->selected[i], bpid) == 0)
			free(a->selected[i]);
		else
			a->selected[k++] = a->selected[i];
	}
	a->n_selected = k;
	answer_decide(a, bpid);
	if (!n) {
		a->bp_na = xrealloc(a->bp_na, (a->n_bp_na + 1) * sizeof(*a->bp_na));
		n = &a->bp_na[a->n_bp_na++];
		n->bp = xstrdup(bpid);
		n->note = NULL;
	}
	n->reason = reason;
	free(n->note);
	n->note = note && *note ? xstrdup(note) : NULL;
}

const char *wa_tool_digest(const struct wa_tool *t, const char *qid)
{
	for (size_t i = 0; t && i < t->n_answers; i++)
		if (strcmp(t->answers[i].question, qid) == 0)
			return t->answers[i].digest;
	return NULL;
}

void wa_tool_set_digest(struct wa_tool *t, const char *qid, const char *digest)
{
	size_t i = 0;

	/* Kept sorted by question ID, so the file lists them in a stable order. */
	while (i < t->n_answers && strcmp(t->answers[i].question, qid) < 0)
		i++;
	if (i < t->n_answers && strcmp(t->answers[i].question, qid) == 0) {
		free(t->answers[i].digest);
		t->answers[i].digest = NULL;
		if (digest) {
			t->answers[i].digest = xstrdup(digest);
			return;
		}
		free(t->answers[i].question);
		memmove(&t->answers[i], &t->answers[i + 1],
		        (t->n_answers - i - 1) * sizeof(*t->answers));
		t->n_answers--;
		return;
	}
	if (!digest)
		return;
	t->answers = xrealloc(t->answers, (t->n_answers + 1) * sizeof(*t->answers));
	memmove(&t->answers[i + 1], &t->answers[i], (t->n_answers - i) * sizeof(*t->answers));
	t->answers[i].question = xstrdup(qid);
	t->answers[i].digest = xstrdup(digest);
	t->n_answers++;
}

struct wa_tool *wa_tool_dup(const struct wa_tool *t)
{
	struct wa_tool *c;

	if (!t)
		return NULL;
	c = xcalloc(1, sizeof(*c));
	c->workload_id = xstrdup_opt(t->workload_id);
	c->region = xstrdup_opt(t->region);
	c->lens_version = xstrdup_opt(t->lens_version);
	c->architectural_design = xstrdup_opt(t->architectural_design);
	c->synced = xstrdup_opt(t->synced);
	for (size_t i = 0; i < t->n_answers; i++)
		wa_tool_set_digest(c, t->answers[i].question, t->answers[i].digest);
	return c;
}

void wa_tool_free(struct wa_tool *t)
{
	if (!t)
		return;
	free(t->workload_id);
	free(t->region);
	free(t->lens_version);
	free(t->architectural_design);
	free(t->synced);
	for (size_t i = 0; i < t->n_answers; i++) {
		free(t->answers[i].question);
		free(t->answers[i].digest);
	}
	free(t->answers);
	free(t);
}

static const char *const na_names[] = {
	NULL, "out_of_scope", "business_priorities", "architecture_constraints", "other",
};

const char *na_reason_name(enum na_reason r)
{
	return r > NA_NO && r <= NA_OTHER ? na_names[r] : NULL;
}

enum na_reason na_reason_parse(const char *s)
{
	for (int i = NA_OUT_OF_SCOPE; i <= NA_OTHER; i++)
		if (strcmp(s, na_names[i]) == 0)
			return (enum na_reason)i;
	return NA_NO;
}
