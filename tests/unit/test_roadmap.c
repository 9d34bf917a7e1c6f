/* The roadmap's priority model: which best practices become items, the documented order
 * (deterministic, ties by question then best practice), evidence raising priority, the
 * matrix and phases, and the reviewer's settings surviving every re-prioritization. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/roadmap.h"
#include "model/roadmap_edit.h"
#include "store/review_io.h"
#include "support/qset_fixture.h"
#include "util/xalloc.h"

/* The fixture: REL01 (BP01-BP03), REL02 (BP01-BP02), REL03 (BP01-BP04); each BP01 is high
 * risk, the others medium; every effort low unless a test changes it. */
static struct qset *qs;

static int setup(void **state)
{
	(void)state;
	qs = qset_fixture_new();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	qset_free(qs);
	return 0;
}

static struct bp *bp_of(const char *id)
{
	return (struct bp *)roadmap_lookup_bp(qs, id, NULL);
}

static void set_effort(enum effort e)
{
	for (size_t i = 0; i < qs->n_questions; i++)
		for (size_t j = 0; j < qs->questions[i].n_bps; j++)
			qs->questions[i].bps[j].effort = e;
}

static void select_bps(struct review *rv, const char *qid, int n, ...)
{
	struct answer *a = review_get(rv, qid);
	va_list ap;

	a->selected = xcalloc((size_t)n + 1, sizeof(char *));
	va_start(ap, n);
	for (int i = 0; i < n; i++)
		a->selected[a->n_selected++] = xstrdup(va_arg(ap, const char *));
	va_end(ap);
}

static struct review *base_review(const char *criticality)
{
	struct review *rv = review_new();

	rv->set_id = xstrdup("reliability");
	if (criticality)
		rv->wl.criticality = xstrdup(criticality);
	return rv;
}

static void none_of(struct review *rv, const char *qid)
{
	review_get(rv, qid)->none_of_these = true;
}

/* "REL01-BP02 REL02-BP01 ...": the roadmap's order as one string. */
static char *order_of(const struct review *rv)
{
	struct roadmap rm;
	struct wa_err err;
	size_t len = 0;
	char *s;

	assert_int_equal(roadmap_build(qs, rv, &rm, &err), 0);
	s = xcalloc(rm.n_items * 12 + 1, 1);
	for (size_t i = 0; i < rm.n_items; i++) {
		assert_int_equal(rm.items[i].rank, i + 1);
		len += (size_t)sprintf(s + len, "%s%s", i ? " " : "", rm.items[i].bp->id);
	}
	roadmap_clear(&rm);
	return s;
}

/* Appends a finding of one result in eu-west-1 naming bpid, as a sweep would. */
static void add_finding(struct review *rv, const char *bpid, enum outcome outcome)
{
	struct finding *f;
	struct region_result *r;

	if (!rv->evidence)
		rv->evidence = evidence_new();
	rv->evidence->findings = xrealloc(rv->evidence->findings,
	                                  (rv->evidence->n_findings + 1) * sizeof(struct finding));
	f = &rv->evidence->findings[rv->evidence->n_findings];
	memset(f, 0, sizeof(*f));
	f->probe = xasprintf("test-probe-%zu", rv->evidence->n_findings++);
	f->question = xstrndup(bpid, 5); /* "REL02-BP01" -> "REL02" */
	f->title = xstrdup("A test probe");
	f->bps = xcalloc(1, sizeof(char *));
	f->bps[f->n_bps++] = xstrdup(bpid);
	f->outcome = outcome;
	f->proves = PROVES_EVERY_RESOURCE;
	f->results = r = xcalloc(1, sizeof(*r));
	f->n_results = 1;
	r->region = xstrdup("eu-west-1");
	r->outcome = outcome;
	r->text = xstrdup("what the probe saw");
	r->examined = -1;
}

static void test_items_are_the_missing_best_practices(void **state)
{
	struct review *rv = base_review("high");
	struct roadmap rm;
	struct wa_err err;
	(void)state;

	select_bps(rv, "REL01", 1, "REL01-BP01");
	none_of(rv, "REL02");
	assert_int_equal(roadmap_build(qs, rv, &rm, &err), 0);
	/* REL01-BP02/03 and both of REL02; REL03 is unanswered, so nothing is known of it. */
	assert_int_equal(rm.n_items, 4);
	assert_int_equal(rm.n_unanswered, 1);
	assert_null(roadmap_find(&rm, "REL01-BP01"));
	assert_non_null(roadmap_find(&rm, "REL02-BP01"));
	assert_null(roadmap_find(&rm, "REL03-BP01"));
	roadmap_clear(&rm);

	/* Not applicable takes the question out, whatever else its answer holds. */
	review_get(rv, "REL02")->na = NA_OUT_OF_SCOPE;
	none_of(rv, "REL03");
	assert_int_equal(roadmap_build(qs, rv, &rm, &err), 0);
	assert_int_equal(rm.n_items, 2 + 4);
	assert_int_equal(rm.n_unanswered, 0);
	assert_null(roadmap_find(&rm, "REL02-BP01"));
	roadmap_clear(&rm);
	review_free(rv);
}

static void test_same_inputs_same_order(void **state)
{
	struct review *a = base_review("critical"), *b = base_review("critical");
	char *oa, *ob, *again;
	(void)state;

	bp_of("REL03-BP02")->effort = EFFORT_HIGH;
	bp_of("REL01-BP03")->effort = EFFORT_MEDIUM;
	/* The same answers given in another order. */
	none_of(a, "REL01");
	none_of(a, "REL02");
	select_bps(a, "REL03", 1, "REL03-BP04");
	select_bps(b, "REL03", 1, "REL03-BP04");
	none_of(b, "REL02");
	none_of(b, "REL01");
	oa = order_of(a);
	ob = order_of(b);
	again = order_of(a);
	assert_string_equal(oa, ob);
	assert_string_equal(oa, again);
	free(oa);
	free(ob);
	free(again);
	review_free(a);
	review_free(b);
	set_effort(EFFORT_LOW);
}

static void test_ties_by_question_then_best_practice(void **state)
{
	struct review *rv = base_review("medium");
	char *o;
	(void)state;

	/* Every item alike (medium risk, medium effort): set order decides. */
	for (size_t i = 0; i < qs->n_questions; i++)
		for (size_t j = 0; j < qs->questions[i].n_bps; j++)
			qs->questions[i].bps[j].risk = BP_RISK_MEDIUM;
	set_effort(EFFORT_MEDIUM);
	none_of(rv, "REL03");
	none_of(rv, "REL01");
	o = order_of(rv);
	assert_string_equal(o, "REL01-BP01 REL01-BP02 REL01-BP03 REL03-BP01 REL03-BP02 REL03-BP03 "
	                       "REL03-BP04");
	free(o);
	review_free(rv);
	qset_free(qs);
	qs = qset_fixture_new();
}

static void test_model_classifies(void **state)
{
	struct review *rv = base_review("critical");
	struct roadmap rm;
	struct wa_err err;
	const struct roadmap_item *it;
	(void)state;

	none_of(rv, "REL01");
	bp_of("REL01-BP01")->effort = EFFORT_MEDIUM; /* high risk */
	bp_of("REL01-BP02")->effort = EFFORT_LOW;    /* medium risk */
	bp_of("REL01-BP03")->effort = EFFORT_HIGH;   /* medium risk */
	assert_int_equal(roadmap_build(qs, rv, &rm, &err), 0);
	/* A low-effort fix for a medium risk is a quick win and comes first. */
	it = &rm.items[0];
	assert_string_equal(it->bp->id, "REL01-BP02");
	assert_int_equal(it->quadrant, RM_Q_QUICK_WIN);
	assert_int_equal(it->phase, RM_PHASE_1);
	assert_in_range(it->week, 1, 2);
	/* A critical workload makes every gap high impact. */
	it = roadmap_find(&rm, "REL01-BP01");
	assert_int_equal(it->impact, RM_IMPACT_HIGH);
	assert_int_equal(it->quadrant, RM_Q_HIGH_HIGH);
	assert_int_equal(it->priority, 1);
	assert_int_equal(it->phase, RM_PHASE_2);
	assert_in_range(it->week, 3, 8);
	it = roadmap_find(&rm, "REL01-BP03");
	assert_int_equal(it->quadrant, RM_Q_MEDIUM_HIGH);
	assert_int_equal(it->priority, 2);
	assert_int_equal(it->phase, RM_PHASE_2);
	/* Value for effort: the medium-effort high risk before the high-effort medium risk. */
	assert_true(roadmap_find(&rm, "REL01-BP01")->rank < it->rank);
	roadmap_clear(&rm);

	/* A low-criticality workload: high risk is medium-or-less impact, medium risk waits. */
	free(rv->wl.criticality);
	rv->wl.criticality = xstrdup("low");
	assert_int_equal(roadmap_build(qs, rv, &rm, &err), 0);
	it = roadmap_find(&rm, "REL01-BP01");
	assert_int_equal(it->impact, RM_IMPACT_LOW);
	assert_int_equal(it->quadrant, RM_Q_HIGH_MEDIUM);
	assert_int_equal(it->priority, 2);
	it = roadmap_find(&rm, "REL01-BP03");
	assert_int_equal(it->quadrant, RM_Q_OTHER);
	assert_int_equal(it->priority, 3);
	assert_int_equal(it->phase, RM_PHASE_3);
	assert_in_range(it->week, 9, 12);
	roadmap_clear(&rm);

	/* No criticality set counts as medium, and says so: with its question at high risk,
	 * a gap is of medium impact. */
	free(rv->wl.criticality);
	rv->wl.criticality = NULL;
	assert_int_equal(roadmap_build(qs, rv, &rm, &err), 0);
	assert_true(rm.criticality_default);
	assert_string_equal(rm.criticality, "medium");
	assert_int_equal(roadmap_find(&rm, "REL01-BP01")->impact, RM_IMPACT_MEDIUM);
	roadmap_clear(&rm);
	review_free(rv);
	set_effort(EFFORT_LOW);
}

static void test_weeks_fill_each_phase_in_rank_order(void **state)
{
	struct review *rv = base_review("critical");
	struct roadmap rm;
	struct wa_err err;
	int last_week[RM_PHASE_LATER + 1] = { 0 };
	(void)state;

	set_effort(EFFORT_MEDIUM);
	bp_of("REL01-BP02")->effort = EFFORT_LOW;
	bp_of("REL02-BP02")->effort = EFFORT_LOW;
	none_of(rv, "REL01");
	none_of(rv, "REL02");
	none_of(rv, "REL03");
	assert_int_equal(roadmap_build(qs, rv, &rm, &err), 0);
	for (size_t i = 0; i < rm.n_items; i++) {
		const struct roadmap_item *it = &rm.items[i];
		int first, last;

		roadmap_phase_weeks(it->phase, &first, &last);
		assert_in_range(it->week, first, last);
		assert_true(it->week >= last_week[it->phase]);
		last_week[it->phase] = it->week;
		assert_int_equal(it->week, it->model_week);
	}
	/* Two equal quick wins share weeks 1 and 2; phase 2's seven items reach week 8. */
	assert_int_equal(roadmap_find(&rm, "REL01-BP02")->week, 1);
	assert_int_equal(roadmap_find(&rm, "REL02-BP02")->week, 2);
	assert_int_equal(last_week[RM_PHASE_2], 8);
	roadmap_clear(&rm);
	review_free(rv);
	set_effort(EFFORT_LOW);
}

static void test_failing_evidence_raises_priority(void **state)
{
	struct review *rv = base_review("medium");
	struct roadmap rm;
	struct wa_err err;
	char *before, *after;
	const struct roadmap_item *it;
	(void)state;

	set_effort(EFFORT_MEDIUM);
	none_of(rv, "REL01");
	none_of(rv, "REL02");
	before = order_of(rv);
	/* Without evidence REL01-BP01 leads REL02-BP01 (same model values; set order). */
	assert_true(strstr(before, "REL01-BP01") < strstr(before, "REL02-BP01"));
	/* A passing check or one that could not run confirms no gap. */
	add_finding(rv, "REL02-BP01", OUTCOME_PASS);
	add_finding(rv, "REL02-BP01", OUTCOME_ERROR);
	after = order_of(rv);
	assert_string_equal(before, after);
	free(after);
	add_finding(rv, "REL02-BP01", OUTCOME_FAIL);
	after = order_of(rv);
	assert_true(strstr(after, "REL02-BP01") < strstr(after, "REL01-BP01"));
	assert_int_equal(roadmap_build(qs, rv, &rm, &err), 0);
	it = roadmap_find(&rm, "REL02-BP01");
	assert_true(it->confirmed);
	/* Medium criticality, a high-risk question and a confirmed gap make high impact: the
	 * top quadrant. */
	assert_int_equal(it->impact, RM_IMPACT_HIGH);
	assert_int_equal(it->quadrant, RM_Q_HIGH_HIGH);
	assert_int_equal(it->priority, 1);
	assert_int_equal(it->n_findings, 3); /* pass, error and fail, in the snapshot's order */
	assert_int_equal(it->findings[0].result->outcome, OUTCOME_PASS);
	assert_int_equal(it->findings[2].result->outcome, OUTCOME_FAIL);
	assert_string_equal(it->findings[2].finding->probe, "test-probe-2");
	assert_false(roadmap_find(&rm, "REL01-BP01")->confirmed);
	assert_int_equal(roadmap_find(&rm, "REL01-BP01")->quadrant, RM_Q_HIGH_MEDIUM);
	roadmap_clear(&rm);
	free(before);
	free(after);
	review_free(rv);
	set_effort(EFFORT_LOW);
}

static void change(struct review *rv, const char *bp, const char *owner, const char *effort,
                   const char *week, const char *status, const char *reason)
{
	struct roadmap_change ch = { owner, effort, week, status, reason, false };
	struct wa_err err;

	err_clear(&err);
	if (roadmap_override_set(rv, qs, bp, &ch, "2026-11-26T10:00:00Z", &err))
		fail_msg("override %s: %s", bp, err.msg);
}

static void test_settings_survive_reprioritization(void **state)
{
	struct review *rv = base_review("medium"), *back;
	const struct roadmap_item *it;
	struct roadmap rm;
	struct wa_err err;
	char *text;
	(void)state;

	set_effort(EFFORT_MEDIUM);
	none_of(rv, "REL01");
	none_of(rv, "REL02");
	change(rv, "REL02-BP02", "Mei Tanaka", NULL, "5", "in_progress", NULL);
	change(rv, "REL01-BP03", NULL, "low", NULL, NULL, NULL);
	assert_int_equal(roadmap_build(qs, rv, &rm, &err), 0);
	it = roadmap_find(&rm, "REL01-BP03");
	/* The effort override re-prioritizes: now a quick win at the top. */
	assert_int_equal(it->rank, 1);
	assert_true(it->effort_overridden);
	assert_int_equal(it->quadrant, RM_Q_QUICK_WIN);
	it = roadmap_find(&rm, "REL02-BP02");
	assert_string_equal(it->ov.owner, "Mei Tanaka");
	assert_int_equal(it->week, 5);
	assert_true(it->week_overridden);
	assert_int_equal(it->ov.status, RM_IN_PROGRESS);
	roadmap_clear(&rm);

	/* Everything else changes: criticality, answers, evidence, a save and a reload. */
	free(rv->wl.criticality);
	rv->wl.criticality = xstrdup("critical");
	review_get(rv, "REL01")->none_of_these = false;
	select_bps(rv, "REL01", 1, "REL01-BP02");
	add_finding(rv, "REL02-BP01", OUTCOME_FAIL);
	text = review_format(rv, qs);
	if (review_parse("t.yaml", text, strlen(text), qs, &back, &err))
		fail_msg("%s:%d:%d: %s", err.where, err.line, err.col, err.msg);
	free(text);
	assert_int_equal(roadmap_build(qs, back, &rm, &err), 0);
	it = roadmap_find(&rm, "REL02-BP02");
	assert_non_null(it);
	assert_string_equal(it->ov.owner, "Mei Tanaka");
	assert_int_equal(it->week, 5);
	assert_int_equal(it->ov.status, RM_IN_PROGRESS);
	assert_true(roadmap_find(&rm, "REL01-BP03")->effort_overridden);
	roadmap_clear(&rm);

	/* Put in place, the item leaves the roadmap; missing again, it comes back as it was. */
	review_get(back, "REL02")->none_of_these = false;
	select_bps(back, "REL02", 1, "REL02-BP02");
	assert_int_equal(roadmap_build(qs, back, &rm, &err), 0);
	assert_null(roadmap_find(&rm, "REL02-BP02"));
	roadmap_clear(&rm);
	{
		struct answer *a = review_find(back, "REL02");
		answer_clear(a);
		a->question = xstrdup("REL02");
		a->none_of_these = true;
	}
	assert_int_equal(roadmap_build(qs, back, &rm, &err), 0);
	assert_string_equal(roadmap_find(&rm, "REL02-BP02")->ov.owner, "Mei Tanaka");
	roadmap_clear(&rm);
	review_free(back);
	review_free(rv);
	set_effort(EFFORT_LOW);
}

/* The plan's items, each phase's in plan order, and every planned item in exactly one. */
static void check_plan_order(const struct roadmap *rm)
{
	const struct roadmap_item *v[16];
	size_t listed = 0;

	for (size_t i = 0; i < rm->n_items; i++) {
		const struct roadmap_item *it = &rm->items[i];

		assert_int_equal(it->rank, i + 1);
		assert_int_equal(it->ov.status == RM_WONT_DO, i >= rm->n_planned);
		if (i && i < rm->n_planned) {
			const struct roadmap_item *prev = &rm->items[i - 1];
			assert_true(prev->phase < it->phase ||
			            (prev->phase == it->phase && prev->week <= it->week));
		}
	}
	for (int p = RM_PHASE_1; p <= RM_PHASE_LATER; p++) {
		size_t n = roadmap_phase_items(rm, (enum rm_phase)p, v);
		for (size_t i = 0; i < n; i++) {
			assert_int_equal(v[i]->phase, p);
			assert_true(v[i]->ov.status != RM_WONT_DO);
			if (i)
				assert_true(v[i - 1]->rank < v[i]->rank);
		}
		listed += n;
	}
	assert_int_equal(listed, rm->n_planned);
}

/* REL01 and REL03 missing everything, every effort medium, a critical workload: the BP01s
 * lead phase 2 (high risk, high impact), then the rest; seven items over weeks 3-8. */
static struct review *seven_items(void)
{
	struct review *rv = base_review("critical");

	set_effort(EFFORT_MEDIUM);
	none_of(rv, "REL01");
	none_of(rv, "REL03");
	return rv;
}

static void test_hand_set_week_moves_the_item(void **state)
{
	struct review *rv = seven_items();
	struct roadmap rm;
	struct wa_err err;
	const struct roadmap_item *it;
	char *before;
	(void)state;

	before = order_of(rv);
	assert_string_equal(before, "REL01-BP01 REL03-BP01 REL01-BP02 REL01-BP03 REL03-BP02 "
	                            "REL03-BP03 REL03-BP04");
	assert_int_equal(roadmap_build(qs, rv, &rm, &err), 0);
	assert_int_equal(rm.items[6].week, 8);
	roadmap_clear(&rm);
	/* One item pulled to week 1, one pushed to week 10, one past the plan. */
	change(rv, "REL03-BP03", NULL, NULL, "1", NULL, NULL);
	change(rv, "REL01-BP01", NULL, NULL, "10", NULL, NULL);
	change(rv, "REL03-BP02", NULL, NULL, "20", NULL, NULL);
	assert_int_equal(roadmap_build(qs, rv, &rm, &err), 0);
	check_plan_order(&rm);
	it = &rm.items[0];
	assert_string_equal(it->bp->id, "REL03-BP03");
	assert_int_equal(it->phase, RM_PHASE_1);
	assert_int_equal(it->week, 1);
	assert_true(it->week_overridden);
	it = &rm.items[5];
	assert_string_equal(it->bp->id, "REL01-BP01");
	assert_int_equal(it->phase, RM_PHASE_3);
	assert_int_equal(it->week, 10);
	/* The model's week for it: first of phase 2 had it kept the model's. */
	assert_int_equal(it->model_week, 3);
	it = &rm.items[6];
	assert_string_equal(it->bp->id, "REL03-BP02");
	assert_int_equal(it->phase, RM_PHASE_LATER);
	/* The four left share weeks 3-8 among themselves, in the model's order. */
	{
		static const char *const rest[] = { "REL03-BP01", "REL01-BP02", "REL01-BP03",
			                            "REL03-BP04" };
		static const int weeks[] = { 3, 4, 6, 7 };

		for (size_t i = 0; i < 4; i++) {
			it = &rm.items[1 + i];
			assert_string_equal(it->bp->id, rest[i]);
			assert_int_equal(it->phase, RM_PHASE_2);
			assert_int_equal(it->week, weeks[i]);
			assert_int_equal(it->model_week, it->week);
		}
	}
	/* Pinned inside its own phase, an item takes its place by week there. */
	roadmap_clear(&rm);
	change(rv, "REL03-BP04", NULL, NULL, "3", NULL, NULL);
	assert_int_equal(roadmap_build(qs, rv, &rm, &err), 0);
	check_plan_order(&rm);
	assert_string_equal(rm.items[1].bp->id, "REL03-BP01");
	assert_string_equal(rm.items[2].bp->id, "REL03-BP04");
	assert_int_equal(rm.items[2].week, 3);
	roadmap_clear(&rm);
	free(before);
	review_free(rv);
	set_effort(EFFORT_LOW);
}

static void test_wont_do_leaves_the_plan(void **state)
{
	struct review *rv = seven_items();
	struct roadmap rm;
	struct wa_err err;
	const struct roadmap_item *v[16];
	(void)state;

	change(rv, "REL01-BP01", NULL, NULL, NULL, "wont_do", "no budget this year");
	change(rv, "REL01-BP03", NULL, NULL, "2", "wont_do", "done by the platform team");
	assert_int_equal(roadmap_build(qs, rv, &rm, &err), 0);
	check_plan_order(&rm);
	assert_int_equal(rm.n_items, 7);
	assert_int_equal(rm.n_planned, 5);
	/* After the plan, in the model's order; a week of its own moves it nowhere. */
	assert_string_equal(rm.items[5].bp->id, "REL01-BP01");
	assert_string_equal(rm.items[6].bp->id, "REL01-BP03");
	assert_int_equal(rm.items[6].rank, 7);
	/* Phase 1 stays empty; the five left share weeks 3-8, the first from week 3. */
	assert_int_equal(roadmap_phase_items(&rm, RM_PHASE_1, v), 0);
	assert_int_equal(roadmap_phase_items(&rm, RM_PHASE_2, v), 5);
	assert_string_equal(v[0]->bp->id, "REL03-BP01");
	assert_int_equal(v[0]->rank, 1);
	assert_int_equal(v[0]->week, 3);
	assert_int_equal(v[4]->week, 7);
	roadmap_clear(&rm);
	review_free(rv);
	set_effort(EFFORT_LOW);
}

static void test_worst_gaps_first_without_evidence(void **state)
{
	static const char *const crit[] = { "high", "critical" };
	(void)state;

	/* Every effort low, every question missing everything, no evidence at all: the three
	 * high-risk gaps are P1 in the top quadrant and rank first, in the set's order, ahead
	 * of the six medium-risk quick wins. */
	for (size_t c = 0; c < 2; c++) {
		struct review *rv = base_review(crit[c]);
		struct roadmap rm;
		struct wa_err err;
		char *a, *b;

		none_of(rv, "REL03");
		none_of(rv, "REL01");
		none_of(rv, "REL02");
		a = order_of(rv);
		b = order_of(rv);
		assert_string_equal(a, b);
		assert_int_equal(strncmp(a, "REL01-BP01 REL02-BP01 REL03-BP01 ", 33), 0);
		assert_int_equal(roadmap_build(qs, rv, &rm, &err), 0);
		assert_null(rv->evidence);
		for (size_t i = 0; i < rm.n_items; i++) {
			const struct roadmap_item *it = &rm.items[i];
			bool worst = i < 3;

			assert_false(it->confirmed);
			assert_true(it->question_high);
			assert_int_equal(it->impact, RM_IMPACT_HIGH);
			assert_int_equal(it->phase, RM_PHASE_1);
			assert_int_equal(it->priority, worst ? 1 : 2);
			assert_int_equal(it->quadrant, worst ? RM_Q_HIGH_HIGH : RM_Q_QUICK_WIN);
			assert_int_equal(it->risk, worst ? BP_RISK_HIGH : BP_RISK_MEDIUM);
		}
		roadmap_clear(&rm);
		free(a);
		free(b);
		review_free(rv);
	}
}

static void test_question_risk_weighs_in(void **state)
{
	struct review *rv = base_review("high");
	struct roadmap rm;
	struct wa_err err;
	const struct roadmap_item *it;
	(void)state;

	/* REL01 misses its high-risk BP01 (question HIGH); REL02 has BP01 in place, so its
	 * missing medium-risk BP02 leaves it MEDIUM. The same medium-risk gap weighs more in
	 * the high-risk question. */
	none_of(rv, "REL01");
	select_bps(rv, "REL02", 1, "REL02-BP01");
	assert_int_equal(roadmap_build(qs, rv, &rm, &err), 0);
	it = roadmap_find(&rm, "REL01-BP02");
	assert_true(it->question_high);
	assert_int_equal(it->impact, RM_IMPACT_HIGH);
	assert_int_equal(it->priority, 2);
	it = roadmap_find(&rm, "REL02-BP02");
	assert_false(it->question_high);
	assert_int_equal(it->impact, RM_IMPACT_MEDIUM);
	assert_int_equal(it->priority, 3);
	assert_true(roadmap_find(&rm, "REL01-BP02")->rank < it->rank);
	roadmap_clear(&rm);

	/* With a medium workload the worst gap is not P1 without evidence, but still first. */
	free(rv->wl.criticality);
	rv->wl.criticality = xstrdup("medium");
	assert_int_equal(roadmap_build(qs, rv, &rm, &err), 0);
	assert_string_equal(rm.items[0].bp->id, "REL01-BP01");
	assert_int_equal(rm.items[0].priority, 2);
	assert_int_equal(rm.items[0].quadrant, RM_Q_QUICK_WIN);
	roadmap_clear(&rm);
	review_free(rv);
}

static void test_plan_calendar(void **state)
{
	struct review *rv = base_review("high");
	bool from_created;
	long long start;
	char a[16], b[16];
	(void)state;

	/* Week 1 starts on the day the review was created; week 3 runs 14 to 20 days later. */
	rv->created = xstrdup("2026-11-01T09:00:00Z");
	start = roadmap_start(rv, 1795000000, &from_created);
	assert_true(from_created);
	assert_string_equal(roadmap_week_day(start, 1, false, a, sizeof(a)), "2026-11-01");
	assert_string_equal(roadmap_week_day(start, 3, false, a, sizeof(a)), "2026-11-15");
	assert_string_equal(roadmap_week_day(start, 3, true, b, sizeof(b)), "2026-11-21");
	assert_string_equal(roadmap_week_day(start, 12, true, b, sizeof(b)), "2027-01-23");
	/* Without a readable creation date, today (SOURCE_DATE_EPOCH 1795000000 is
	 * 2026-11-18T11:06:40Z) is day one. */
	free(rv->created);
	rv->created = xstrdup("sometime");
	start = roadmap_start(rv, 1795000000, &from_created);
	assert_false(from_created);
	assert_string_equal(roadmap_week_day(start, 1, false, a, sizeof(a)), "2026-11-18");
	review_free(rv);
}

static void expect_refused(struct review *rv, const char *bp, struct roadmap_change ch,
                           const char *msg)
{
	struct wa_err err;
	char *before = review_format(rv, qs), *after;

	err_clear(&err);
	assert_int_equal(roadmap_override_set(rv, qs, bp, &ch, "now", &err), -1);
	if (!strstr(err.msg, msg))
		fail_msg("expected '%s' in '%s'", msg, err.msg);
	after = review_format(rv, qs);
	assert_string_equal(before, after); /* nothing changed */
	free(before);
	free(after);
}

static void test_override_values_checked(void **state)
{
	struct review *rv = base_review("high");
	(void)state;

	change(rv, "REL01-BP01", "Ana", NULL, NULL, NULL, NULL);
	expect_refused(rv, "REL09-BP01", (struct roadmap_change){ .owner = "x" },
	               "not a best practice");
	expect_refused(rv, "REL01-BP01", (struct roadmap_change){ .week = "0" }, "week: expected");
	expect_refused(rv, "REL01-BP01", (struct roadmap_change){ .week = "105" }, "1 to 104");
	expect_refused(rv, "REL01-BP01", (struct roadmap_change){ .week = "4x" }, "'4x'");
	expect_refused(rv, "REL01-BP01", (struct roadmap_change){ .effort = "huge" }, "effort:");
	expect_refused(rv, "REL01-BP01", (struct roadmap_change){ .status = "finished" },
	               "status: expected");
	expect_refused(rv, "REL01-BP01", (struct roadmap_change){ .status = "wont_do" },
	               "needs a reason");
	expect_refused(rv, "REL01-BP01", (struct roadmap_change){ .reason = "because" },
	               "only an item marked wont_do");
	review_free(rv);
}

static void test_override_file_shape(void **state)
{
	struct review *rv = base_review("high");
	struct roadmap_override ov;
	(void)state;

	change(rv, "REL03-BP02", "Bo", NULL, NULL, NULL, NULL);
	change(rv, "REL01-BP03", "Ana", NULL, NULL, NULL, NULL);
	change(rv, "REL02-BP01", NULL, "high", "7", "wont_do", "not ours");
	/* Items sit in question-set order in the file, however they were set. */
	assert_int_equal(rv->n_overrides, 3);
	assert_string_equal(rv->overrides[0].bp, "REL01-BP03");
	assert_string_equal(rv->overrides[1].bp, "REL02-BP01");
	assert_string_equal(rv->overrides[2].bp, "REL03-BP02");
	assert_true(roadmap_override_get(rv, "REL02-BP01", &ov));
	assert_int_equal(ov.effort, EFFORT_HIGH);
	assert_int_equal(ov.week, 7);
	assert_string_equal(ov.reason, "not ours");
	assert_string_equal(ov.updated, "2026-11-26T10:00:00Z");
	/* Leaving won't-do drops its reason; "auto" gives the model its say back. */
	change(rv, "REL02-BP01", NULL, "auto", "auto", "planned", NULL);
	assert_false(roadmap_override_get(rv, "REL02-BP01", &ov));
	assert_int_equal(rv->n_overrides, 2);
	assert_string_equal(rv->overrides[0].bp, "REL01-BP03");
	assert_string_equal(rv->overrides[1].bp, "REL03-BP02");
	/* --reset, and '' clearing the owner, leave no empty item or section behind. */
	change(rv, "REL01-BP03", "", NULL, NULL, NULL, NULL);
	{
		struct roadmap_change ch = { .reset = true };
		struct wa_err err;
		assert_int_equal(roadmap_override_set(rv, qs, "REL03-BP02", &ch, "now", &err), 0);
	}
	assert_int_equal(rv->n_overrides, 0);
	{
		char *text = review_format(rv, qs);
		assert_null(strstr(text, "roadmap"));
		free(text);
	}
	review_free(rv);
}

static void test_unknown_best_practice_in_roadmap(void **state)
{
	struct review *rv = base_review("high");
	struct roadmap rm;
	struct wa_err err;
	(void)state;

	/* As a review loaded without the set could hold. */
	rv->overrides = xcalloc(1, sizeof(*rv->overrides));
	rv->n_overrides = 1;
	rv->overrides[0].bp = xstrdup("REL42-BP01");
	rv->overrides[0].owner = xstrdup("x");
	err_clear(&err);
	assert_int_equal(roadmap_build(qs, rv, &rm, &err), -1);
	assert_non_null(strstr(err.msg, "REL42-BP01"));
	assert_int_equal(rm.n_items, 0);
	review_free(rv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_items_are_the_missing_best_practices),
		cmocka_unit_test(test_same_inputs_same_order),
		cmocka_unit_test(test_ties_by_question_then_best_practice),
		cmocka_unit_test(test_model_classifies),
		cmocka_unit_test(test_weeks_fill_each_phase_in_rank_order),
		cmocka_unit_test(test_failing_evidence_raises_priority),
		cmocka_unit_test(test_settings_survive_reprioritization),
		cmocka_unit_test(test_hand_set_week_moves_the_item),
		cmocka_unit_test(test_wont_do_leaves_the_plan),
		cmocka_unit_test(test_worst_gaps_first_without_evidence),
		cmocka_unit_test(test_question_risk_weighs_in),
		cmocka_unit_test(test_plan_calendar),
		cmocka_unit_test(test_override_values_checked),
		cmocka_unit_test(test_override_file_shape),
		cmocka_unit_test(test_unknown_best_practice_in_roadmap),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
