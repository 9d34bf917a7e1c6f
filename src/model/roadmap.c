#include "model/roadmap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/avail.h"
#include "model/risk.h"
#include "util/clock.h"
#include "util/xalloc.h"

/* Criticality points (C); an unset criticality counts as medium. */
static int criticality_points(const char *c)
{
	if (!c)
		return 2;
	if (!strcmp(c, "critical"))
		return 4;
	if (!strcmp(c, "high"))
		return 3;
	if (!strcmp(c, "low"))
		return 1;
	return 2;
}

static enum rm_impact impact_of(int points)
{
	return points >= 4 ? RM_IMPACT_HIGH : points == 3 ? RM_IMPACT_MEDIUM : RM_IMPACT_LOW;
}

static int priority_of(enum bp_risk r, enum rm_impact i)
{
	if (r == BP_RISK_HIGH)
		return i == RM_IMPACT_HIGH ? 1 : 2;
	if (r == BP_RISK_MEDIUM)
		return i == RM_IMPACT_HIGH ? 2 : 3;
	return 4;
}

static bool small_fix(enum bp_risk r, enum effort f)
{
	return f == EFFORT_LOW && r >= BP_RISK_MEDIUM;
}

static enum rm_quadrant quadrant_of(enum bp_risk r, enum rm_impact i, enum effort f)
{
	if (r == BP_RISK_HIGH && i == RM_IMPACT_HIGH)
		return RM_Q_HIGH_HIGH;
	if (small_fix(r, f))
		return RM_Q_QUICK_WIN;
	if (r == BP_RISK_HIGH)
		return RM_Q_HIGH_MEDIUM;
	if (r == BP_RISK_MEDIUM && i == RM_IMPACT_HIGH)
		return RM_Q_MEDIUM_HIGH;
	return RM_Q_OTHER;
}

static enum rm_phase model_phase(const struct roadmap_item *it)
{
	if (small_fix(it->risk, it->effort))
		return RM_PHASE_1;
	return it->quadrant == RM_Q_OTHER ? RM_PHASE_3 : RM_PHASE_2;
}

enum rm_phase roadmap_week_phase(int week)
{
	return week <= 2                    ? RM_PHASE_1
	       : week <= 8                  ? RM_PHASE_2
	       : week <= ROADMAP_PLAN_WEEKS ? RM_PHASE_3
	                                    : RM_PHASE_LATER;
}

void roadmap_phase_weeks(enum rm_phase p, int *first, int *last)
{
	static const int bounds[][2] = {
		{ 1, 2 },
		{ 3, 8 },
		{ 9, ROADMAP_PLAN_WEEKS },
		{ ROADMAP_PLAN_WEEKS + 1, ROADMAP_MAX_WEEK },
	};
	int i = p >= RM_PHASE_1 && p <= RM_PHASE_LATER ? (int)p - 1 : 0;

	*first = bounds[i][0];
	*last = bounds[i][1];
}

const struct bp *roadmap_lookup_bp(const struct qset *qs, const char *bpid,
                                   const struct question **qout)
{
	const char *dash = strchr(bpid, '-');
	const struct question *q = NULL;
	const struct bp *bp = NULL;

	if (dash) {
		char *qid = xstrndup(bpid, (size_t)(dash - bpid));
		q = qset_find_question(qs, qid);
		free(qid);
	}
	/* A set may name best practices without the question prefix: search it all then. */
	if (q)
		bp = question_find_bp(q, bpid);
	for (size_t i = 0; !bp && i < qs->n_questions; i++) {
		q = &qs->questions[i];
		bp = question_find_bp(q, bpid);
	}
	if (qout)
		*qout = bp ? q : NULL;
	return bp;
}

/* The model's order: phase, score (higher first), question, best practice. */
static int model_cmp(const void *pa, const void *pb)
{
	const struct roadmap_item *a = pa, *b = pb;
	enum rm_phase fa = model_phase(a), fb = model_phase(b);

	if (fa != fb)
		return fa < fb ? -1 : 1;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if (a->qi != b->qi)
		return a->qi < b->qi ? -1 : 1;
	if (a->bi != b->bi)
		return a->bi < b->bi ? -1 : 1;
	return 0;
}

/* Plan order: the plan before the won't-do items; in the plan, phase, week, then the
 * model's order (kept in rank, set before this sort). */
static int plan_cmp(const void *pa, const void *pb)
{
	const struct roadmap_item *a = pa, *b = pb;
	bool wa = a->ov.status == RM_WONT_DO, wb = b->ov.status == RM_WONT_DO;

	if (wa != wb)
		return wa ? 1 : -1;
	if (!wa && a->phase != b->phase)
		return a->phase < b->phase ? -1 : 1;
	if (!wa && a->week != b->week)
		return a->week < b->week ? -1 : 1;
	return a->rank < b->rank ? -1 : a->rank > b->rank;
}

/* Items the model gives weeks to: in the plan, without a week of their own. */
static bool scheduled(const struct roadmap_item *it)
{
	return it->ov.status != RM_WONT_DO && !it->week_overridden;
}

/* The week the model gives item k (items in the model's order): its phase's weeks shared
 * out in that order, in proportion to effort, among the scheduled items and k itself. */
static int model_week_of(const struct roadmap *rm, size_t k)
{
	enum rm_phase p = model_phase(&rm->items[k]);
	long total = 0, before = 0;
	int first, last;

	roadmap_phase_weeks(p, &first, &last);
	for (size_t i = 0; i < rm->n_items; i++) {
		const struct roadmap_item *it = &rm->items[i];

		if (model_phase(it) != p || (i != k && !scheduled(it)))
			continue;
		total += it->effort;
		if (i < k)
			before += it->effort;
	}
	return first + (int)(before * (last - first + 1) / total);
}

/* Weeks and phases, then the plan's order and ranks (items come in the model's order). */
static void plan(struct roadmap *rm)
{
	for (size_t i = 0; i < rm->n_items; i++) {
		struct roadmap_item *it = &rm->items[i];

		it->rank = i + 1;
		it->model_week = model_week_of(rm, i);
		it->week = it->week_overridden ? it->ov.week : it->model_week;
		it->phase = roadmap_week_phase(it->week);
		rm->n_planned += it->ov.status != RM_WONT_DO;
	}
	if (rm->n_items)
		qsort(rm->items, rm->n_items, sizeof(*rm->items), plan_cmp);
	for (size_t i = 0; i < rm->n_items; i++)
		rm->items[i].rank = i + 1;
}

static int check_overrides(const struct qset *qs, const struct review *rv, struct wa_err *err)
{
	for (size_t i = 0; i < rv->n_overrides; i++)
		if (!roadmap_lookup_bp(qs, rv->overrides[i].bp, NULL))
			return err_set(
			        err, "roadmap", 0, 0,
			        "roadmap.items: %s is not a best practice of question set '%s'",
			        rv->overrides[i].bp, qs->id);
	return 0;
}

/* One entry per probe result (a probe run in two Regions gives two), so each carries its
 * own Region, outcome, text and cited resources. */
static void collect_findings(struct roadmap_item *it, const struct evidence *ev)
{
	size_t cap = 0;

	for (size_t i = 0; ev && i < ev->n_findings; i++) {
		const struct finding *f = &ev->findings[i];
		bool names = false;

		for (size_t b = 0; b < f->n_bps && !names; b++)
			names = !strcmp(f->bps[b], it->bp->id);
		for (size_t r = 0; names && r < f->n_results; r++) {
			it->findings = xgrow(it->findings, &cap, it->n_findings + 1,
			                     sizeof(*it->findings));
			it->findings[it->n_findings++] =
			        (struct roadmap_evidence){ f, &f->results[r] };
		}
	}
	verdict_for_bp(ev, it->bp->id, &it->verdict);
	it->confirmed = it->verdict.verdict == VERDICT_NOT_IMPLEMENTED;
}

static void fill_item(struct roadmap_item *it, const struct review *rv, int crit, bool q_high)
{
	int r, f, i;

	roadmap_override_get(rv, it->bp->id, &it->ov);
	it->risk = it->bp->risk;
	it->effort = it->ov.effort ? it->ov.effort : it->bp->effort;
	it->effort_overridden = it->ov.effort != 0;
	collect_findings(it, rv->evidence);
	it->question_high = q_high;
	r = (int)it->risk;
	f = (int)it->effort;
	i = crit + q_high + it->confirmed;
	it->impact = impact_of(i);
	it->score = 6 * r * i / f;
	it->priority = priority_of(it->risk, it->impact);
	it->quadrant = quadrant_of(it->risk, it->impact, it->effort);
	it->week_overridden = it->ov.week > 0;
}

int roadmap_build(const struct qset *qs, const struct review *rv, struct roadmap *out,
                  struct wa_err *err)
{
	size_t cap = 0;
	int crit;

	memset(out, 0, sizeof(*out));
	if (check_overrides(qs, rv, err))
		return -1;
	out->criticality = rv->wl.criticality ? rv->wl.criticality : "medium";
	out->criticality_default = !rv->wl.criticality;
	crit = criticality_points(rv->wl.criticality);
	for (size_t qi = 0; qi < qs->n_questions; qi++) {
		const struct question *q = &qs->questions[qi];
		const struct answer *a = review_find(rv, q->id);
		bool q_high = risk_question(q, a) == QRISK_HIGH;

		if (!answer_is_answered(a)) {
			out->n_unanswered++;
			continue;
		}
		if (a->na != NA_NO)
			continue;
		/* Practices known to be missing, even while others are open. */
		for (size_t bi = 0; bi < q->n_bps; bi++) {
			struct roadmap_item *it;

			if (answer_bp_state(a, q->bps[bi].id) != BP_MISSING)
				continue;
			out->items = xgrow(out->items, &cap, out->n_items + 1, sizeof(*out->items));
			it = &out->items[out->n_items++];
			memset(it, 0, sizeof(*it));
			it->q = q;
			it->bp = &q->bps[bi];
			it->qi = qi;
			it->bi = bi;
			fill_item(it, rv, crit, q_high);
		}
	}
	if (out->n_items)
		qsort(out->items, out->n_items, sizeof(*out->items), model_cmp);
	plan(out);
	return 0;
}

void roadmap_clear(struct roadmap *rm)
{
	for (size_t i = 0; i < rm->n_items; i++) {
		free(rm->items[i].findings);
		bp_verdict_clear(&rm->items[i].verdict);
	}
	free(rm->items);
	memset(rm, 0, sizeof(*rm));
}

const struct roadmap_item *roadmap_find(const struct roadmap *rm, const char *bpid)
{
	for (size_t i = 0; i < rm->n_items; i++)
		if (!strcmp(rm->items[i].bp->id, bpid))
			return &rm->items[i];
	return NULL;
}

size_t roadmap_phase_items(const struct roadmap *rm, enum rm_phase phase,
                           const struct roadmap_item **out)
{
	size_t n = 0;

	for (size_t i = 0; i < rm->n_planned; i++)
		if (rm->items[i].phase == phase)
			out[n++] = &rm->items[i];
	return n;
}

long long roadmap_start(const struct review *rv, long long today, bool *from_created)
{
	char day[11];
	long long t;
	bool created = rv->created && strlen(rv->created) >= 10;

	if (created) {
		snprintf(day, sizeof(day), "%.10s", rv->created);
		created = !avail_parse_date(day, &t);
	}
	if (from_created)
		*from_created = created;
	if (!created)
		t = today - (today % 86400 + 86400) % 86400;
	return t;
}

char *roadmap_week_day(long long start, int week, bool last, char *buf, size_t len)
{
	char iso[32];

	clock_iso((time_t)(start + ((long long)(week - 1) * 7 + (last ? 6 : 0)) * 86400), iso,
	          sizeof(iso));
	snprintf(buf, len, "%.10s", iso);
	return buf;
}

static const char *const status_names[] = { "planned", "in_progress", "done", "wont_do" };
static const char *const status_labels[] = { "planned", "in progress", "done", "won't do" };

const char *rm_status_name(enum rm_status s)
{
	return s <= RM_WONT_DO ? status_names[s] : "?";
}

const char *rm_status_label(enum rm_status s)
{
	return s <= RM_WONT_DO ? status_labels[s] : "?";
}

int rm_status_parse(const char *s)
{
	for (int i = RM_PLANNED; i <= RM_WONT_DO; i++)
		if (s && !strcmp(s, status_names[i]))
			return i;
	return -1;
}

const char *rm_quadrant_key(enum rm_quadrant q)
{
	static const char *const keys[] = {
		"high_risk_high_impact",
		"high_risk_medium_impact",
		"medium_risk_high_impact",
		"quick_win",
		"other",
	};
	return q < RM_N_QUADRANTS ? keys[q] : "?";
}

const char *rm_quadrant_title(enum rm_quadrant q)
{
	static const char *const titles[] = {
		"High risk / high impact",   "High risk / medium impact",
		"Medium risk / high impact", "Quick wins",
		"Other improvements",
	};
	return q < RM_N_QUADRANTS ? titles[q] : "?";
}

const char *rm_phase_title(enum rm_phase p)
{
	switch (p) {
	case RM_PHASE_1: return "Phase 1: quick wins";
	case RM_PHASE_2: return "Phase 2: high-impact improvements";
	case RM_PHASE_3: return "Phase 3: advanced reliability";
	case RM_PHASE_LATER: return "After the plan";
	}
	return "?";
}

const char *rm_impact_name(enum rm_impact i)
{
	return i == RM_IMPACT_HIGH ? "high" : i == RM_IMPACT_MEDIUM ? "medium" : "low";
}

const char *rm_priority_name(int priority)
{
	static const char *const names[] = { "Highest", "High", "Medium", "Low" };
	return priority >= 1 && priority <= 4 ? names[priority - 1] : "?";
}
