#include "model/review.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

struct review *review_new(void)
{
	struct review *rv = xcalloc(1, sizeof(*rv));
	rv->schema = REVIEW_SCHEMA;
	rv->wl.availability = -1;
	rv->wl.downtime_cost_per_hour = -1;
	return rv;
}

static void strv_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void answer_clear(struct answer *a)
{
	free(a->question);
	strv_free(a->selected, a->n_selected);
	free(a->na_note);
	free(a->notes);
	free(a->updated);
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
	cJSON_Delete(rv->checklist);
	cJSON_Delete(rv->evidence);
	cJSON_Delete(rv->roadmap);
	cJSON_Delete(rv->milestones);
	free(rv);
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
	return a && (a->n_selected > 0 || a->none_of_these || a->na != NA_NO);
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
