#include "model/review_part.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/evidence.h"
#include "model/milestone.h"
#include "model/roadmap_edit.h"
#include "util/strv.h"
#include "util/xalloc.h"

/* ---- lists ---- */

static bool same_part(const struct review_part *a, enum review_part_kind kind, const char *key)
{
	return a->kind == kind && (a->key == key || (a->key && key && strcmp(a->key, key) == 0));
}

bool review_parts_has(const struct review_parts *ps, const struct review_part *p)
{
	for (size_t i = 0; i < ps->n; i++)
		if (same_part(&ps->v[i], p->kind, p->key))
			return true;
	return false;
}

void review_parts_add(struct review_parts *out, enum review_part_kind kind, const char *key)
{
	struct review_part p = { kind, (char *)key };

	if (review_parts_has(out, &p))
		return;
	out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof(*out->v));
	out->v[out->n].kind = kind;
	out->v[out->n++].key = xstrdup_opt(key);
}

void review_parts_free(struct review_parts *ps)
{
	for (size_t i = 0; i < ps->n; i++)
		free(ps->v[i].key);
	free(ps->v);
	memset(ps, 0, sizeof(*ps));
}

void review_parts_of(const struct review *rv, struct review_parts *out)
{
	review_parts_add(out, PART_WORKLOAD, NULL);
	review_parts_add(out, PART_COMPONENTS, NULL);
	review_parts_add(out, PART_INCIDENTS, NULL);
	review_parts_add(out, PART_EVIDENCE, NULL);
	review_parts_add(out, PART_WA_TOOL, NULL);
	for (size_t i = 0; i < CHECKLIST_COUNT; i++)
		review_parts_add(out, PART_CHECKLIST, checklist_items[i].id);
	for (size_t i = 0; i < rv->n_answers; i++)
		review_parts_add(out, PART_ANSWER, rv->answers[i].question);
	for (size_t i = 0; i < rv->n_overrides; i++)
		review_parts_add(out, PART_ROADMAP, rv->overrides[i].bp);
	for (size_t i = 0; i < rv->n_milestones; i++)
		review_parts_add(out, PART_MILESTONE, rv->milestones[i].name);
}

/* ---- equality ---- */

static bool str_eq(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static bool strv_eq(char *const *a, size_t na, char *const *b, size_t nb)
{
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if (!str_eq(a[i], b[i]))
			return false;
	return true;
}

static bool answer_empty(const struct answer *a)
{
	return !a || (!a->n_selected && !a->none_of_these && a->na == NA_NO && !a->na_note &&
	              !a->notes && !a->flagged && !a->n_sources && !a->n_open && !a->n_bp_na);
}

/* Whether every practice a marks not applicable b marks the same (order does not matter). */
static bool bp_na_within(const struct answer *a, const struct answer *b)
{
	for (size_t i = 0; i < a->n_bp_na; i++) {
		const struct bp_na *o = answer_bp_na(b, a->bp_na[i].bp);
		if (!o || o->reason != a->bp_na[i].reason || !str_eq(o->note, a->bp_na[i].note))
			return false;
	}
	return true;
}

/* Whether every recorded decider of a is recorded the same in b (order does not matter). */
static bool sources_within(const struct answer *a, const struct answer *b)
{
	for (size_t i = 0; i < a->n_sources; i++)
		if (answer_source(b, a->sources[i].bp) != a->sources[i].source)
			return false;
	return true;
}

static bool answer_eq(const struct answer *a, const struct answer *b)
{
	if (answer_empty(a) || answer_empty(b))
		return answer_empty(a) && answer_empty(b);
	return strv_eq(a->selected, a->n_selected, b->selected, b->n_selected) &&
	       a->none_of_these == b->none_of_these && a->na == b->na &&
	       str_eq(a->na_note, b->na_note) && str_eq(a->notes, b->notes) &&
	       a->flagged == b->flagged && sources_within(a, b) && sources_within(b, a) &&
	       strv_eq(a->open, a->n_open, b->open, b->n_open) && a->n_bp_na == b->n_bp_na &&
	       bp_na_within(a, b);
}

static const struct roadmap_override *override_find(const struct review *rv, const char *bp)
{
	for (size_t i = 0; i < rv->n_overrides; i++)
		if (strcmp(rv->overrides[i].bp, bp) == 0)
			return &rv->overrides[i];
	return NULL;
}

static bool override_eq(const struct roadmap_override *a, const struct roadmap_override *b)
{
	static const struct roadmap_override unset;

	a = a ? a : &unset;
	b = b ? b : &unset;
	return str_eq(a->owner, b->owner) && a->effort == b->effort && a->week == b->week &&
	       a->status == b->status && str_eq(a->reason, b->reason);
}

/* Scopes compare by their one canonical description. */
static bool scope_eq(const struct wl_scope *a, const struct wl_scope *b)
{
	char *da = scope_describe(a), *db = scope_describe(b);
	bool eq = str_eq(da, db);

	free(da);
	free(db);
	return eq;
}

static bool workload_eq(const struct workload *a, const struct workload *b)
{
	if (a->n_participants != b->n_participants || !scope_eq(&a->scope, &b->scope))
		return false;
	for (size_t i = 0; i < a->n_participants; i++)
		if (!str_eq(a->participants[i].name, b->participants[i].name) ||
		    !str_eq(a->participants[i].role, b->participants[i].role))
			return false;
	return str_eq(a->name, b->name) && str_eq(a->description, b->description) &&
	       str_eq(a->owner, b->owner) && str_eq(a->environment, b->environment) &&
	       strv_eq(a->regions, a->n_regions, b->regions, b->n_regions) &&
	       strv_eq(a->accounts, a->n_accounts, b->accounts, b->n_accounts) &&
	       str_eq(a->criticality, b->criticality) && a->availability == b->availability &&
	       str_eq(a->rto, b->rto) && str_eq(a->rpo, b->rpo) &&
	       a->downtime_cost_per_hour == b->downtime_cost_per_hour &&
	       str_eq(a->currency, b->currency);
}

static bool component_eq(const struct component *a, const struct component *b)
{
	return str_eq(a->name, b->name) && str_eq(a->tier, b->tier) &&
	       str_eq(a->service, b->service) && a->availability_zones == b->availability_zones &&
	       a->redundancy == b->redundancy && a->availability == b->availability &&
	       a->not_critical == b->not_critical &&
	       strv_eq(a->depends_on, a->n_depends_on, b->depends_on, b->n_depends_on) &&
	       strv_eq(a->spof_notes, a->n_spof_notes, b->spof_notes, b->n_spof_notes);
}

static bool components_eq(const struct workload *a, const struct workload *b)
{
	if (a->n_components != b->n_components || a->n_external_apis != b->n_external_apis)
		return false;
	for (size_t i = 0; i < a->n_components; i++)
		if (!component_eq(&a->components[i], &b->components[i]))
			return false;
	for (size_t i = 0; i < a->n_external_apis; i++) {
		const struct external_api *x = &a->external_apis[i], *y = &b->external_apis[i];
		if (!str_eq(x->name, y->name) || x->availability != y->availability ||
		    x->not_critical != y->not_critical)
			return false;
	}
	return true;
}

static bool incidents_eq(const struct review *a, const struct review *b)
{
	if (a->n_incidents != b->n_incidents)
		return false;
	for (size_t i = 0; i < a->n_incidents; i++) {
		const struct incident *x = &a->incidents[i], *y = &b->incidents[i];
		if (!str_eq(x->date, y->date) || x->duration != y->duration ||
		    x->impact != y->impact || !str_eq(x->note, y->note))
			return false;
	}
	return true;
}

/* Snapshots are compared in their file form: a sweep changes them as a whole. */
static bool evidence_eq(const struct evidence *a, const struct evidence *b)
{
	cJSON *ja, *jb;
	bool eq;

	if (!a || !b)
		return a == b;
	if (!str_eq(a->collected, b->collected) || a->n_findings != b->n_findings)
		return false;
	ja = evidence_to_json(a);
	jb = evidence_to_json(b);
	eq = cJSON_Compare(ja, jb, 1);
	cJSON_Delete(ja);
	cJSON_Delete(jb);
	return eq;
}

static bool wa_tool_eq(const struct wa_tool *a, const struct wa_tool *b)
{
	if (!a || !b)
		return a == b;
	if (!str_eq(a->workload_id, b->workload_id) || !str_eq(a->region, b->region) ||
	    !str_eq(a->lens_version, b->lens_version) ||
	    !str_eq(a->architectural_design, b->architectural_design) ||
	    !str_eq(a->synced, b->synced) || a->n_answers != b->n_answers)
		return false;
	for (size_t i = 0; i < a->n_answers; i++)
		if (!str_eq(wa_tool_digest(b, a->answers[i].question), a->answers[i].digest))
			return false;
	return true;
}

static const struct milestone *milestone_named(const struct review *rv, const char *name)
{
	for (size_t i = 0; i < rv->n_milestones; i++)
		if (strcmp(rv->milestones[i].name, name) == 0)
			return &rv->milestones[i];
	return NULL;
}

static bool milestone_eq(const struct milestone *a, const struct milestone *b)
{
	if (!a || !b)
		return a == b;
	if (!str_eq(a->date, b->date) || a->n_questions != b->n_questions ||
	    !strv_eq(a->done, a->n_done, b->done, b->n_done))
		return false;
	for (size_t i = 0; i < a->n_questions; i++) {
		const struct ms_question *x = &a->questions[i], *y = &b->questions[i];
		if (!str_eq(x->question, y->question) || x->risk != y->risk ||
		    !strv_eq(x->selected, x->n_selected, y->selected, y->n_selected))
			return false;
	}
	return true;
}

static int checklist_index(const char *id)
{
	for (int i = 0; i < CHECKLIST_COUNT; i++)
		if (strcmp(checklist_items[i].id, id) == 0)
			return i;
	return -1;
}

bool review_part_equal(const struct review *a, const struct review *b, const struct review_part *p)
{
	int i;

	switch (p->kind) {
	case PART_WORKLOAD: return workload_eq(&a->wl, &b->wl);
	case PART_COMPONENTS: return components_eq(&a->wl, &b->wl);
	case PART_INCIDENTS: return incidents_eq(a, b);
	case PART_EVIDENCE: return evidence_eq(a->evidence, b->evidence);
	case PART_WA_TOOL: return wa_tool_eq(a->wa_tool, b->wa_tool);
	case PART_CHECKLIST:
		i = checklist_index(p->key);
		return i < 0 || a->checklist.done[i] == b->checklist.done[i];
	case PART_ANSWER: return answer_eq(review_find(a, p->key), review_find(b, p->key));
	case PART_ROADMAP: return override_eq(override_find(a, p->key), override_find(b, p->key));
	case PART_MILESTONE:
		return milestone_eq(milestone_named(a, p->key), milestone_named(b, p->key));
	case PART_FILE: break;
	}
	return true;
}

void review_parts_diff(const struct review *a, const struct review *b, bool with_records,
                       struct review_parts *out)
{
	struct review_parts all = { 0 };

	review_parts_of(a, &all);
	review_parts_of(b, &all);
	for (size_t i = 0; i < all.n; i++)
		if ((with_records ||
		     (all.v[i].kind != PART_EVIDENCE && all.v[i].kind != PART_WA_TOOL)) &&
		    !review_part_equal(a, b, &all.v[i]))
			review_parts_add(out, all.v[i].kind, all.v[i].key);
	review_parts_free(&all);
}

/* ---- copying ---- */

static void copy_workload(struct workload *dst, const struct workload *src)
{
	struct workload w;

	/* Everything but the availability model, which is a part of its own. */
	workload_copy(&w, src);
	for (size_t i = 0; i < w.n_components; i++)
		component_clear(&w.components[i]);
	free(w.components);
	for (size_t i = 0; i < w.n_external_apis; i++)
		external_api_clear(&w.external_apis[i]);
	free(w.external_apis);
	w.components = dst->components;
	w.n_components = dst->n_components;
	w.external_apis = dst->external_apis;
	w.n_external_apis = dst->n_external_apis;
	dst->components = NULL;
	dst->n_components = 0;
	dst->external_apis = NULL;
	dst->n_external_apis = 0;
	workload_clear(dst);
	*dst = w;
}

static void copy_components(struct workload *dst, const struct workload *src)
{
	for (size_t i = 0; i < dst->n_components; i++)
		component_clear(&dst->components[i]);
	free(dst->components);
	for (size_t i = 0; i < dst->n_external_apis; i++)
		external_api_clear(&dst->external_apis[i]);
	free(dst->external_apis);
	dst->n_components = src->n_components;
	dst->components =
	        src->n_components ? xcalloc(src->n_components, sizeof(*dst->components)) : NULL;
	for (size_t i = 0; i < src->n_components; i++)
		component_copy(&dst->components[i], &src->components[i]);
	dst->n_external_apis = src->n_external_apis;
	dst->external_apis = src->n_external_apis
	                             ? xcalloc(src->n_external_apis, sizeof(*dst->external_apis))
	                             : NULL;
	for (size_t i = 0; i < src->n_external_apis; i++) {
		dst->external_apis[i] = src->external_apis[i];
		dst->external_apis[i].name = xstrdup_opt(src->external_apis[i].name);
	}
}

static void copy_incidents(struct review *dst, const struct review *src)
{
	for (size_t i = 0; i < dst->n_incidents; i++)
		incident_clear(&dst->incidents[i]);
	free(dst->incidents);
	dst->n_incidents = src->n_incidents;
	dst->incidents =
	        src->n_incidents ? xcalloc(src->n_incidents, sizeof(*dst->incidents)) : NULL;
	for (size_t i = 0; i < src->n_incidents; i++) {
		dst->incidents[i] = src->incidents[i];
		dst->incidents[i].date = xstrdup_opt(src->incidents[i].date);
		dst->incidents[i].note = xstrdup_opt(src->incidents[i].note);
	}
}

static void copy_answer(struct review *dst, const struct review *src, const char *qid)
{
	const struct answer *from = review_find(src, qid);
	struct answer *to = review_find(dst, qid);

	if (from) {
		to = to ? to : review_get(dst, qid);
		answer_clear(to);
		answer_copy(to, from);
		return;
	}
	if (!to)
		return;
	answer_clear(to);
	memmove(to, to + 1, (size_t)(dst->answers + dst->n_answers - (to + 1)) * sizeof(*to));
	dst->n_answers--;
}

static void copy_override(struct review *dst, const struct review *src, const char *bp)
{
	const struct roadmap_override *from = override_find(src, bp);
	struct roadmap_override *to = (struct roadmap_override *)override_find(dst, bp), *one;

	if (to) {
		roadmap_override_clear(to);
		memmove(to, to + 1,
		        (size_t)(dst->overrides + dst->n_overrides - (to + 1)) * sizeof(*to));
		dst->n_overrides--;
	}
	if (!from)
		return;
	one = roadmap_override_dup(from, 1);
	dst->overrides = xrealloc(dst->overrides, (dst->n_overrides + 1) * sizeof(*dst->overrides));
	dst->overrides[dst->n_overrides++] = *one;
	free(one);
}

static void copy_milestone(struct review *dst, const struct review *src, const char *name)
{
	const struct milestone *from = milestone_named(src, name);
	struct milestone *to = (struct milestone *)milestone_named(dst, name), *one;

	if (to) {
		milestone_clear(to);
		memmove(to, to + 1,
		        (size_t)(dst->milestones + dst->n_milestones - (to + 1)) * sizeof(*to));
		dst->n_milestones--;
	}
	if (!from)
		return;
	one = milestone_dup(from, 1);
	dst->milestones =
	        xrealloc(dst->milestones, (dst->n_milestones + 1) * sizeof(*dst->milestones));
	dst->milestones[dst->n_milestones++] = *one;
	free(one);
}

void review_part_copy(struct review *dst, const struct review *src, const struct review_part *p)
{
	int i;

	switch (p->kind) {
	case PART_WORKLOAD: copy_workload(&dst->wl, &src->wl); break;
	case PART_COMPONENTS: copy_components(&dst->wl, &src->wl); break;
	case PART_INCIDENTS: copy_incidents(dst, src); break;
	case PART_EVIDENCE:
		evidence_free(dst->evidence);
		dst->evidence = evidence_dup(src->evidence);
		break;
	case PART_WA_TOOL:
		wa_tool_free(dst->wa_tool);
		dst->wa_tool = wa_tool_dup(src->wa_tool);
		break;
	case PART_CHECKLIST:
		if ((i = checklist_index(p->key)) >= 0)
			dst->checklist.done[i] = src->checklist.done[i];
		break;
	case PART_ANSWER: copy_answer(dst, src, p->key); break;
	case PART_ROADMAP: copy_override(dst, src, p->key); break;
	case PART_MILESTONE: copy_milestone(dst, src, p->key); break;
	case PART_FILE: break;
	}
}

/* ---- names ---- */

const char *review_part_name(const struct review_part *p, char *buf, size_t len)
{
	switch (p->kind) {
	case PART_WORKLOAD: snprintf(buf, len, "the workload"); break;
	case PART_COMPONENTS: snprintf(buf, len, "the components"); break;
	case PART_INCIDENTS: snprintf(buf, len, "the incidents"); break;
	case PART_EVIDENCE: snprintf(buf, len, "the evidence"); break;
	case PART_WA_TOOL: snprintf(buf, len, "the Well-Architected Tool link"); break;
	case PART_CHECKLIST: snprintf(buf, len, "checklist item %s", p->key); break;
	case PART_ANSWER: snprintf(buf, len, "%s", p->key); break;
	case PART_ROADMAP: snprintf(buf, len, "roadmap item %s", p->key); break;
	case PART_MILESTONE: snprintf(buf, len, "milestone '%s'", p->key); break;
	case PART_FILE: snprintf(buf, len, "the whole file"); break;
	}
	return buf;
}

const char *review_parts_names(const struct review_parts *ps, char *buf, size_t len)
{
	size_t used = 0;

	if (len)
		buf[0] = '\0';
	for (size_t i = 0; i < ps->n && len; i++) {
		char one[200];
		int n = snprintf(buf + used, len - used, "%s%s", i ? ", " : "",
		                 review_part_name(&ps->v[i], one, sizeof(one)));
		if (n < 0 || (size_t)n >= len - used) {
			/* Out of room: end with an ellipsis where it still fits. */
			size_t at = len >= 4 ? len - 4 : 0;
			snprintf(buf + (used < at ? used : at), len - (used < at ? used : at), "…");
			break;
		}
		used += (size_t)n;
	}
	return buf;
}
