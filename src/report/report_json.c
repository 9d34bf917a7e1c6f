/* The JSON report: one object whose shape is fixed by REPORT_JSON_SCHEMA_VERSION and
 * described in wa-review-report(5) and man/wa-review-report.schema.json. Every key is always
 * present (null when there is nothing), so scripts need no existence checks. */
#include "report/report.h"
#include "report/report_int.h"

#include <stdlib.h>

#include <cjson/cJSON.h>

#include "model/verdict.h"
#include "report/safe.h"
#include "util/clock.h"
#include "util/xalloc.h"

static void add_str(cJSON *o, const char *key, const char *v)
{
	if (v)
		cJSON_AddStringToObject(o, key, v);
	else
		cJSON_AddNullToObject(o, key);
}

static void add_num(cJSON *o, const char *key, bool have, double v)
{
	if (have)
		cJSON_AddNumberToObject(o, key, v);
	else
		cJSON_AddNullToObject(o, key);
}

static cJSON *strv(char *const *v, size_t n)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(v[i]));
	return a;
}

static void add_counts(cJSON *o, const struct risk_counts *k)
{
	cJSON_AddNumberToObject(o, "total", (double)k->total);
	cJSON_AddNumberToObject(o, "answered", (double)k->answered);
	cJSON_AddNumberToObject(o, "high", (double)k->high);
	cJSON_AddNumberToObject(o, "medium", (double)k->medium);
	cJSON_AddNumberToObject(o, "none", (double)k->none);
	cJSON_AddNumberToObject(o, "not_applicable", (double)k->not_applicable);
}

static cJSON *workload(const struct report_ctx *c)
{
	const struct workload *wl = &c->rv->wl;
	cJSON *o = cJSON_CreateObject(), *people;

	add_str(o, "name", wl->name);
	add_str(o, "description", wl->description);
	add_str(o, "owner", wl->owner);
	add_str(o, "environment", wl->environment);
	cJSON_AddItemToObject(o, "regions", strv(wl->regions, wl->n_regions));
	cJSON_AddItemToObject(o, "accounts", strv(wl->accounts, wl->n_accounts));
	add_str(o, "business_criticality", wl->criticality);
	add_num(o, "availability_target", !(wl->availability < 0), wl->availability);
	add_str(o, "rto", wl->rto);
	add_str(o, "rpo", wl->rpo);
	add_num(o, "downtime_cost_per_hour", wl->downtime_cost_per_hour >= 0,
	        wl->downtime_cost_per_hour);
	cJSON_AddStringToObject(o, "currency", c->currency);
	people = cJSON_AddArrayToObject(o, "participants");
	for (size_t i = 0; i < wl->n_participants; i++) {
		cJSON *p = cJSON_CreateObject();
		add_str(p, "name", wl->participants[i].name);
		add_str(p, "role", wl->participants[i].role);
		cJSON_AddItemToArray(people, p);
	}
	return o;
}

static void add_day(cJSON *o, const char *key, bool have, long long t)
{
	char iso[32];

	add_str(o, key, have ? clock_iso((time_t)t, iso, sizeof(iso)) : NULL);
}

/* Availability measured from each resource's request and 5xx counts (metric probes). */
static cJSON *measured_requests(const struct report_ctx *c)
{
	size_t n;
	struct measure_ref *v = measures_of(c->rv->evidence, &n);
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; i < n; i++) {
		const struct measure *m = v[i].m;
		double av = measure_availability(m);
		cJSON *o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, "resource", m->resource);
		cJSON_AddStringToObject(o, "kind", m->kind);
		if (v[i].account)
			cJSON_AddStringToObject(o, "account", v[i].account);
		cJSON_AddStringToObject(o, "region", v[i].region);
		cJSON_AddNumberToObject(o, "days", m->days);
		cJSON_AddNumberToObject(o, "requests", m->requests);
		cJSON_AddNumberToObject(o, "errors", m->errors);
		add_num(o, "availability", av >= 0, av);
		add_num(o, "downtime_seconds", av >= 0, measure_downtime(m));
		if (av >= 0 && c->av.target >= 0)
			cJSON_AddBoolToObject(o, "meets_target", av >= c->av.target - 1e-12);
		else
			cJSON_AddNullToObject(o, "meets_target");
		cJSON_AddStringToObject(o, "source", m->source);
		cJSON_AddItemToArray(a, o);
	}
	free(v);
	return a;
}

static cJSON *availability(const struct report_ctx *c)
{
	const struct avail_summary *av = &c->av;
	cJSON *o = cJSON_CreateObject();
	bool period = av->have_incidents && c->me.n_incidents;

	add_num(o, "target", av->target >= 0, av->target);
	add_num(o, "computed", av->have_components, av->computed);
	if ((av->have_components || av->have_incidents) && av->target >= 0)
		cJSON_AddBoolToObject(o, "meets_target", av->meets_target);
	else
		cJSON_AddNullToObject(o, "meets_target");
	cJSON_AddItemToObject(o, "single_points_of_failure",
	                      strv(av->single_points, av->n_single_points));
	add_num(o, "measured", av->have_incidents, av->measured);
	add_day(o, "measured_from", period, c->me.start);
	add_day(o, "measured_to", period, c->me.end);
	add_num(o, "incidents", period, (double)c->me.n_incidents);
	add_str(o, "incidents_left_out", c->incidents_left_out);
	add_num(o, "mttr_hours", av->have_incidents, av->mttr_hours);
	add_num(o, "mtbf_hours", av->have_incidents, av->mtbf_hours);
	cJSON_AddStringToObject(o, "currency", c->currency);
	add_num(o, "cost_per_hour", c->rv->wl.downtime_cost_per_hour >= 0,
	        c->rv->wl.downtime_cost_per_hour);
	add_str(o, "cost_basis",
	        !av->have_cost        ? NULL
	        : av->have_components ? "computed"
	                              : "measured");
	add_num(o, "cost_per_year_computed", av->have_cost, av->cost_per_year_computed);
	add_num(o, "cost_per_year_target", av->have_cost && av->cost_per_year_target >= 0,
	        av->cost_per_year_target);
	cJSON_AddItemToObject(o, "measured_from_requests", measured_requests(c));
	return o;
}

void report_json_add_risk(cJSON *o, const struct qset *qs, const struct review *rv)
{
	cJSON *areas;
	struct risk_counts k;

	risk_count(qs, rv, RISK_ALL_AREAS, &k);
	add_counts(cJSON_AddObjectToObject(o, "overall"), &k);
	areas = cJSON_AddArrayToObject(o, "areas");
	for (size_t a = 0; a < qs->n_areas; a++) {
		cJSON *x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "id", qs->areas[a].id);
		cJSON_AddStringToObject(x, "title", qs->areas[a].title);
		risk_count(qs, rv, a, &k);
		add_counts(x, &k);
		cJSON_AddItemToArray(areas, x);
	}
}

/* The evidence's verdict on a best practice, with its ID when id is not NULL. */
static cJSON *verdict(const struct bp_verdict *v, const char *id)
{
	cJSON *o = cJSON_CreateObject();

	if (id)
		cJSON_AddStringToObject(o, "id", id);
	cJSON_AddStringToObject(o, "verdict", verdict_name(v->verdict));
	cJSON_AddStringToObject(o, "why", v->why);
	return o;
}

static cJSON *findings(const struct roadmap_item *it)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t k = 0; k < it->n_findings; k++) {
		const struct finding *f = it->findings[k].finding;
		const struct region_result *r = it->findings[k].result;
		cJSON *o = cJSON_CreateObject(), *res = cJSON_AddArrayToObject(o, "resources");

		add_str(o, "probe", f->probe);
		cJSON_AddStringToObject(o, "status", outcome_name(r->outcome));
		add_str(o, "summary", r->text && *r->text ? r->text : NULL);
		if (r->account) /* only a sweep of several accounts names them */
			cJSON_AddStringToObject(o, "account", r->account);
		add_str(o, "region", r->region);
		add_str(o, "checked", f->collected);
		for (size_t n = 0; n < r->n_cited; n++)
			cJSON_AddItemToArray(res, cJSON_CreateString(r->cited[n]));
		cJSON_AddItemToObject(o, "unchecked", strv(r->unchecked, r->n_unchecked));
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static cJSON *item(const struct report_ctx *c, const struct roadmap_item *it)
{
	const struct answer *a = report_answer(c, it->q);
	cJSON *o = cJSON_CreateObject(), *links;
	bool planned = it->ov.status != RM_WONT_DO;
	char due[16];

	cJSON_AddNumberToObject(o, "rank", (double)it->rank);
	cJSON_AddStringToObject(o, "id", it->bp->id);
	cJSON_AddStringToObject(o, "title", it->bp->title);
	cJSON_AddStringToObject(o, "question", it->q->id);
	cJSON_AddStringToObject(o, "question_title", it->q->title);
	cJSON_AddStringToObject(o, "area", c->qs->areas[it->q->area].id);
	cJSON_AddStringToObject(o, "risk", bp_risk_name(it->risk));
	cJSON_AddBoolToObject(o, "question_high", it->question_high);
	cJSON_AddStringToObject(o, "impact", rm_impact_name(it->impact));
	cJSON_AddStringToObject(o, "effort", effort_name(it->effort));
	cJSON_AddStringToObject(o, "effort_source",
	                        it->effort_overridden ? "override" : "question_set");
	cJSON_AddBoolToObject(o, "confirmed", it->confirmed);
	cJSON_AddItemToObject(o, "verdict", verdict(&it->verdict, NULL));
	cJSON_AddNumberToObject(o, "score", it->score);
	cJSON_AddNumberToObject(o, "priority", it->priority);
	cJSON_AddStringToObject(o, "priority_name", rm_priority_name(it->priority));
	cJSON_AddStringToObject(o, "quadrant", rm_quadrant_key(it->quadrant));
	add_num(o, "phase", planned, it->phase);
	add_num(o, "week", planned, it->week);
	cJSON_AddNumberToObject(o, "model_week", it->model_week);
	cJSON_AddStringToObject(o, "week_source", it->week_overridden ? "override" : "model");
	add_str(o, "target_date", planned ? report_due(c, it, due) : NULL);
	add_str(o, "owner", it->ov.owner);
	cJSON_AddStringToObject(o, "status", rm_status_name(it->ov.status));
	add_str(o, "reason", it->ov.reason);
	add_str(o, "why", it->bp->why);
	cJSON_AddItemToObject(o, "steps", strv(it->bp->steps, it->bp->n_steps));
	links = cJSON_AddArrayToObject(o, "links");
	for (size_t l = 0; l < it->bp->n_links; l++) {
		cJSON *x = cJSON_CreateObject();
		add_str(x, "title", it->bp->links[l].title);
		add_str(x, "url", it->bp->links[l].url);
		cJSON_AddItemToArray(links, x);
	}
	cJSON_AddItemToObject(o, "evidence", findings(it));
	add_str(o, "notes", a ? a->notes : NULL);
	return o;
}

static cJSON *roadmap(const struct report_ctx *c)
{
	cJSON *o = cJSON_CreateObject(), *un, *items, *wont;

	cJSON_AddStringToObject(o, "criticality", c->rm.criticality);
	cJSON_AddBoolToObject(o, "criticality_default", c->rm.criticality_default);
	cJSON_AddStringToObject(o, "plan_start", c->start_date);
	cJSON_AddStringToObject(o, "plan_start_source", c->start_is_created ? "created" : "report");
	un = cJSON_AddArrayToObject(o, "unanswered_questions");
	for (size_t i = 0; i < c->qs->n_questions; i++)
		if (!answer_is_answered(report_answer(c, &c->qs->questions[i])))
			cJSON_AddItemToArray(un, cJSON_CreateString(c->qs->questions[i].id));
	items = cJSON_AddArrayToObject(o, "items");
	wont = cJSON_AddArrayToObject(o, "not_planned");
	for (size_t i = 0; i < c->rm.n_items; i++)
		cJSON_AddItemToArray(i < c->rm.n_planned ? items : wont, item(c, &c->rm.items[i]));
	return o;
}

static cJSON *matrix(const struct report_ctx *c)
{
	cJSON *a = cJSON_CreateArray();

	for (int q = 0; q < RM_N_QUADRANTS; q++) {
		cJSON *o = cJSON_CreateObject(), *ids;

		cJSON_AddStringToObject(o, "quadrant", rm_quadrant_key((enum rm_quadrant)q));
		cJSON_AddStringToObject(o, "title", rm_quadrant_title((enum rm_quadrant)q));
		ids = cJSON_AddArrayToObject(o, "items");
		for (size_t i = 0; i < c->rm.n_planned; i++)
			if (c->rm.items[i].quadrant == (enum rm_quadrant)q)
				cJSON_AddItemToArray(ids,
				                     cJSON_CreateString(c->rm.items[i].bp->id));
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static cJSON *ids(const struct roadmap_item *const *v, size_t n)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(v[i]->bp->id));
	return a;
}

static cJSON *phases(const struct report_ctx *c)
{
	cJSON *a = cJSON_CreateArray();

	for (int p = RM_PHASE_1; p <= RM_PHASE_LATER; p++) {
		const struct report_phase *ph = &c->phases[p];
		cJSON *o = cJSON_CreateObject(), *list, *metrics;

		cJSON_AddNumberToObject(o, "phase", p);
		cJSON_AddStringToObject(o, "title", rm_phase_title(ph->phase));
		cJSON_AddNumberToObject(o, "first_week", ph->first);
		cJSON_AddNumberToObject(o, "last_week", ph->last);
		cJSON_AddStringToObject(o, "start_date", ph->start);
		cJSON_AddStringToObject(o, "end_date", ph->end);
		list = cJSON_AddArrayToObject(o, "items");
		for (size_t i = 0; i < c->rm.n_planned; i++)
			if (c->rm.items[i].phase == ph->phase)
				cJSON_AddItemToArray(list,
				                     cJSON_CreateString(c->rm.items[i].bp->id));
		cJSON_AddNumberToObject(o, "items_done", (double)ph->n_done);
		metrics = cJSON_AddArrayToObject(o, "success_metrics");
		for (size_t i = 0; i < ph->n_metrics; i++) {
			const struct report_metric *m = &ph->metrics[i];
			cJSON *x = cJSON_CreateObject();

			cJSON_AddStringToObject(x, "text", m->text);
			cJSON_AddItemToObject(x, "items", ids(m->items, m->n_items));
			cJSON_AddNumberToObject(x, "items_done", (double)m->n_done);
			cJSON_AddItemToArray(metrics, x);
		}
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static cJSON *weeks(const struct report_ctx *c)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; i < c->n_weeks; i++) {
		const struct report_week *w = &c->weeks[i];
		cJSON *o = cJSON_CreateObject();

		cJSON_AddNumberToObject(o, "week", w->week);
		cJSON_AddStringToObject(o, "start_date", w->start);
		cJSON_AddStringToObject(o, "end_date", w->end);
		cJSON_AddStringToObject(o, "theme", w->theme);
		cJSON_AddItemToObject(o, "items", ids(w->items, w->n_items));
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static cJSON *changes(const struct ms_change *v, size_t n)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; i < n; i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "question", v[i].q->id);
		cJSON_AddStringToObject(o, "from", qrisk_name(v[i].from));
		cJSON_AddStringToObject(o, "to", qrisk_name(v[i].to));
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

void report_json_add_changes(cJSON *o, const struct ms_diff *d)
{
	cJSON *done, *re;

	cJSON_AddItemToObject(o, "risk_up", changes(d->up, d->n_up));
	cJSON_AddItemToObject(o, "risk_down", changes(d->down, d->n_down));
	cJSON_AddItemToObject(o, "other", changes(d->other, d->n_other));
	done = cJSON_AddArrayToObject(o, "done");
	for (size_t i = 0; i < d->n_done; i++) {
		cJSON *x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "id", d->done[i].bp->id);
		cJSON_AddBoolToObject(x, "in_place", d->done[i].in_place);
		cJSON_AddItemToArray(done, x);
	}
	re = cJSON_AddArrayToObject(o, "reopened");
	for (size_t i = 0; i < d->n_reopened; i++)
		cJSON_AddItemToArray(re, cJSON_CreateString(d->reopened[i].bp->id));
}

static cJSON *progress(const struct report_ctx *c)
{
	cJSON *o, *m;

	if (!c->since)
		return cJSON_CreateNull();
	o = cJSON_CreateObject();
	m = cJSON_AddObjectToObject(o, "milestone");
	cJSON_AddStringToObject(m, "name", c->since->name);
	cJSON_AddStringToObject(m, "date", c->since->date);
	report_json_add_changes(o, &c->progress);
	return o;
}

static cJSON *milestones(const struct report_ctx *c)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; i < c->rv->n_milestones; i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "name", c->rv->milestones[i].name);
		cJSON_AddStringToObject(o, "date", c->rv->milestones[i].date);
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static cJSON *answers(const struct report_ctx *c)
{
	cJSON *arr = cJSON_CreateArray();

	for (size_t i = 0; i < c->qs->n_questions; i++) {
		const struct question *q = &c->qs->questions[i];
		const struct answer *a = report_answer(c, q);
		cJSON *o = cJSON_CreateObject(), *lists[3], *na, *verdicts;
		enum qrisk r = risk_question(q, a);
		bool applicable = answer_is_answered(a) && a->na == NA_NO;

		cJSON_AddStringToObject(o, "question", q->id);
		cJSON_AddStringToObject(o, "title", q->title);
		cJSON_AddStringToObject(o, "area", c->qs->areas[q->area].id);
		cJSON_AddStringToObject(o, "risk", qrisk_name(r));
		/* Practices in place, missing and still open (evidence decided only some). */
		lists[BP_IN_PLACE] = cJSON_AddArrayToObject(o, "selected");
		lists[BP_MISSING] = cJSON_AddArrayToObject(o, "missing");
		lists[BP_OPEN] = cJSON_AddArrayToObject(o, "open");
		for (size_t j = 0; j < q->n_bps && applicable; j++)
			cJSON_AddItemToArray(lists[answer_bp_state(a, q->bps[j].id)],
			                     cJSON_CreateString(q->bps[j].id));
		cJSON_AddBoolToObject(o, "none_of_these", a && a->none_of_these);
		if (a && a->na != NA_NO) {
			na = cJSON_AddObjectToObject(o, "not_applicable");
			cJSON_AddStringToObject(na, "reason", na_reason_name(a->na));
			add_str(na, "note", a->na_note);
		} else {
			cJSON_AddNullToObject(o, "not_applicable");
		}
		add_str(o, "notes", a ? a->notes : NULL);
		cJSON_AddBoolToObject(o, "flagged", a && a->flagged);
		add_str(o, "updated", a ? a->updated : NULL);
		verdicts = cJSON_AddArrayToObject(o, "verdicts");
		for (size_t j = 0; j < q->n_bps; j++) {
			struct bp_verdict v;

			verdict_for_bp(c->rv->evidence, q->bps[j].id, &v);
			cJSON_AddItemToArray(verdicts, verdict(&v, q->bps[j].id));
			bp_verdict_clear(&v);
		}
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

char *report_json_print(const cJSON *root)
{
	char *text = cJSON_Print(root), *safe, *out;

	if (!text)
		return NULL; /* cJSON ran out of memory */
	safe = safe_json(text);
	cJSON_free(text);
	out = xasprintf("%s\n", safe);
	free(safe);
	return out;
}

char *report_json(const struct report_ctx *c)
{
	cJSON *root = cJSON_CreateObject(), *set, *rev;
	char *out;

	cJSON_AddNumberToObject(root, "schema_version", REPORT_JSON_SCHEMA_VERSION);
	cJSON_AddStringToObject(root, "generated", c->generated);
	cJSON_AddStringToObject(root, "generator", c->generator);
	cJSON_AddBoolToObject(root, "redacted", c->redacted);
	set = cJSON_AddObjectToObject(root, "question_set");
	cJSON_AddStringToObject(set, "id", c->qs->id);
	cJSON_AddStringToObject(set, "name", c->qs->name);
	cJSON_AddStringToObject(set, "framework_version", c->qs->framework_version);
	rev = cJSON_AddObjectToObject(root, "review");
	add_str(rev, "created", c->rv->created);
	add_str(rev, "updated", c->rv->updated);
	cJSON_AddItemToObject(root, "workload", workload(c));
	cJSON_AddItemToObject(root, "availability", availability(c));
	report_json_add_risk(cJSON_AddObjectToObject(root, "risk"), c->qs, c->rv);
	cJSON_AddItemToObject(root, "roadmap", roadmap(c));
	cJSON_AddItemToObject(root, "matrix", matrix(c));
	cJSON_AddItemToObject(root, "phases", phases(c));
	cJSON_AddItemToObject(root, "weeks", weeks(c));
	cJSON_AddItemToObject(root, "progress", progress(c));
	cJSON_AddItemToObject(root, "milestones", milestones(c));
	cJSON_AddItemToObject(root, "answers", answers(c));
	out = report_json_print(root);
	cJSON_Delete(root);
	return out;
}
