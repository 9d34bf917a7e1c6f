#include "model/qset.h"

#include "model/rexpr.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static void strv_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void call_clear(struct probe_call *c)
{
	free(c->service);
	free(c->operation);
	cJSON_Delete(c->params);
	strv_free(c->empty_on, c->n_empty_on);
}

void probe_clear(struct probe *p)
{
	free(p->id);
	free(p->title);
	strv_free(p->bps, p->n_bps);
	call_clear(&p->call);
	call_clear(&p->each);
	for (size_t i = 0; i < p->n_with; i++) {
		free(p->with[i].name);
		call_clear(&p->with[i].call);
	}
	free(p->with);
	free(p->defaults);
	free(p->each_items);
	free(p->each_region);
	free(p->resources);
	free(p->query);
	cJSON_Delete(p->expect_value);
	free(p->finding);
	free(p->passed);
	free(p->config_rule);
	free(p->same_as);
	free(p->scope_service);
	if (p->metric) {
		struct probe_metric *m = p->metric;
		free(m->ns);
		free(m->name);
		free(m->per);
		free(m->limit);
		free(m->limit_divided_by);
		free(m->limit_at_most);
		free(m->limit_unknown);
		for (size_t i = 0; i < m->n_dims; i++) {
			free(m->dims[i].name);
			free(m->dims[i].value);
			free(m->dims[i].after);
		}
		free(m->dims);
		free(m->dims_from);
		free(m->stat);
		free(m->label);
		free(m->availability);
		free(m);
	}
	if (p->logs) {
		free(p->logs->group);
		free(p->logs->pattern);
		free(p->logs);
	}
	memset(p, 0, sizeof(*p));
}

static const char *const expect_names[] = {
	[EXPECT_EMPTY] = "empty",
	[EXPECT_NOT_EMPTY] = "not_empty",
	[EXPECT_ALL_TRUE] = "all_true",
	[EXPECT_UNIQUE] = "unique",
	[EXPECT_MIN_COUNT] = "min_count",
	[EXPECT_MAX_COUNT] = "max_count",
	[EXPECT_MIN_DISTINCT] = "min_distinct",
	[EXPECT_EQUALS] = "equals",
	[EXPECT_NO_OVERLAP] = "no_overlap",
};

const char *probe_expect_name(enum probe_expect e)
{
	return e >= EXPECT_EMPTY && e <= EXPECT_NO_OVERLAP ? expect_names[e] : "?";
}

enum probe_expect probe_expect_parse(const char *s)
{
	for (int i = EXPECT_EMPTY; i <= EXPECT_NO_OVERLAP; i++)
		if (strcmp(s, expect_names[i]) == 0)
			return (enum probe_expect)i;
	return 0;
}

int probe_expect_has_param(enum probe_expect e)
{
	return e == EXPECT_MIN_COUNT || e == EXPECT_MAX_COUNT || e == EXPECT_MIN_DISTINCT ||
	       e == EXPECT_EQUALS;
}

const char *probe_proves_name(enum probe_proves p)
{
	return p == PROVES_EVERY_RESOURCE ? "every_resource"
	       : p == PROVES_EXISTENCE    ? "existence"
	       : p == PROVES_PART         ? "part"
	                                  : "?";
}

enum probe_proves probe_proves_parse(const char *s)
{
	return !strcmp(s, "every_resource") ? PROVES_EVERY_RESOURCE
	       : !strcmp(s, "existence")    ? PROVES_EXISTENCE
	       : !strcmp(s, "part")         ? PROVES_PART
	                                    : 0;
}

enum probe_proves probe_expect_proves(enum probe_expect e)
{
	return e == EXPECT_NOT_EMPTY || e == EXPECT_MIN_COUNT || e == EXPECT_EQUALS
	               ? PROVES_EXISTENCE
	               : PROVES_EVERY_RESOURCE;
}

const char *const probe_time_vars[PROBE_N_TIME_VARS] = { "now", "days_ago_1", "days_ago_7",
	                                                 "days_ago_30", "days_ago_90" };
const int probe_time_days[PROBE_N_TIME_VARS] = { 0, 1, 7, 30, 90 };

int probe_time_var(const char *name, size_t len)
{
	for (int i = 0; i < PROBE_N_TIME_VARS; i++)
		if (strlen(probe_time_vars[i]) == len && !strncmp(probe_time_vars[i], name, len))
			return i;
	return -1;
}

const char **probe_var_names(const struct probe *p, size_t *n)
{
	const char **names = xcalloc(p->n_with + PROBE_N_TIME_VARS, sizeof(*names));

	for (size_t i = 0; i < p->n_with; i++)
		names[i] = p->with[i].name;
	for (size_t i = 0; i < PROBE_N_TIME_VARS; i++)
		names[p->n_with + i] = probe_time_vars[i];
	*n = p->n_with + PROBE_N_TIME_VARS;
	return names;
}

int probe_needs_resources(const struct probe *p)
{
	const cJSON *v = p->expect_value;

	if (p->expect == EXPECT_NOT_EMPTY || p->expect == EXPECT_MIN_COUNT)
		return 0;
	if (p->expect != EXPECT_EQUALS)
		return 1;
	/* JMESPath's false values are what a query over nothing gives. */
	return !v || cJSON_IsNull(v) || cJSON_IsFalse(v) ||
	       (cJSON_IsString(v) && !*v->valuestring) ||
	       ((cJSON_IsArray(v) || cJSON_IsObject(v)) && !v->child);
}

static void bp_free(struct bp *bp)
{
	free(bp->id);
	free(bp->title);
	free(bp->choice_id);
	free(bp->description);
	free(bp->why);
	strv_free(bp->steps, bp->n_steps);
	strv_free(bp->services, bp->n_services);
	for (size_t i = 0; i < bp->n_links; i++) {
		free(bp->links[i].title);
		free(bp->links[i].url);
	}
	free(bp->links);
}

static void question_free(struct question *q)
{
	free(q->id);
	free(q->title);
	free(q->description);
	free(q->wa_question_id);
	free(q->none_choice_id);
	for (size_t i = 0; i < q->n_bps; i++)
		bp_free(&q->bps[i]);
	free(q->bps);
	for (size_t i = 0; i < q->n_rules; i++)
		rexpr_free(q->rules[i].when);
	free(q->rules);
	for (size_t i = 0; i < q->n_probes; i++)
		probe_clear(&q->probes[i]);
	free(q->probes);
}

void qset_free(struct qset *qs)
{
	if (!qs)
		return;
	free(qs->id);
	free(qs->name);
	free(qs->description);
	free(qs->pillar);
	free(qs->framework_version);
	free(qs->lens_alias);
	for (size_t i = 0; i < qs->n_areas; i++) {
		free(qs->areas[i].id);
		free(qs->areas[i].title);
	}
	free(qs->areas);
	for (size_t i = 0; i < qs->n_questions; i++)
		question_free(&qs->questions[i]);
	free(qs->questions);
	free(qs);
}

const struct question *qset_find_question(const struct qset *qs, const char *id)
{
	for (size_t i = 0; i < qs->n_questions; i++)
		if (strcmp(qs->questions[i].id, id) == 0)
			return &qs->questions[i];
	return NULL;
}

const struct probe *qset_find_probe(const struct qset *qs, const char *id,
                                    const struct question **q)
{
	for (size_t i = 0; i < qs->n_questions; i++)
		for (size_t j = 0; j < qs->questions[i].n_probes; j++)
			if (strcmp(qs->questions[i].probes[j].id, id) == 0) {
				if (q)
					*q = &qs->questions[i];
				return &qs->questions[i].probes[j];
			}
	return NULL;
}

long question_bp_index(const struct question *q, const char *id)
{
	for (size_t i = 0; i < q->n_bps; i++)
		if (strcmp(q->bps[i].id, id) == 0)
			return (long)i;
	return -1;
}

const struct bp *question_find_bp(const struct question *q, const char *id)
{
	long i = question_bp_index(q, id);
	return i < 0 ? NULL : &q->bps[i];
}

size_t qset_count_bps(const struct qset *qs)
{
	size_t n = 0;
	for (size_t i = 0; i < qs->n_questions; i++)
		n += qs->questions[i].n_bps;
	return n;
}

static const char *const bp_risk_names[] = { NULL, "low", "medium", "high" };
static const char *const effort_names[] = { NULL, "low", "medium", "high" };

const char *bp_risk_name(enum bp_risk r)
{
	return r >= BP_RISK_LOW && r <= BP_RISK_HIGH ? bp_risk_names[r] : "?";
}

enum bp_risk bp_risk_parse(const char *s)
{
	for (int i = BP_RISK_LOW; i <= BP_RISK_HIGH; i++)
		if (strcmp(s, bp_risk_names[i]) == 0)
			return (enum bp_risk)i;
	return 0;
}

const char *effort_name(enum effort e)
{
	return e >= EFFORT_LOW && e <= EFFORT_HIGH ? effort_names[e] : "?";
}

enum effort effort_parse(const char *s)
{
	for (int i = EFFORT_LOW; i <= EFFORT_HIGH; i++)
		if (strcmp(s, effort_names[i]) == 0)
			return (enum effort)i;
	return 0;
}

const char *qrisk_name(enum qrisk r)
{
	switch (r) {
	case QRISK_UNANSWERED: return "UNANSWERED";
	case QRISK_NOT_APPLICABLE: return "NOT_APPLICABLE";
	case QRISK_NONE: return "NONE";
	case QRISK_MEDIUM: return "MEDIUM";
	case QRISK_HIGH: return "HIGH";
	}
	return "?";
}
