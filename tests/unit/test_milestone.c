/* Milestones: a snapshot records each question's risk and selections and the items marked
 * done; the diff between two says which risks went up or down and which items were done. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/milestone.h"
#include "model/roadmap_edit.h"
#include "support/qset_fixture.h"
#include "util/xalloc.h"

/* REL01 (BP01 high, BP02-03 medium), REL02 (BP01 high, BP02 medium), REL03 (BP01-BP04). */
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

static void select_only(struct review *rv, const char *qid, const char *a, const char *b)
{
	struct answer *an = review_get(rv, qid);

	for (size_t i = 0; i < an->n_selected; i++)
		free(an->selected[i]);
	free(an->selected);
	an->selected = xcalloc(3, sizeof(char *));
	an->n_selected = 0;
	an->none_of_these = !a;
	if (a)
		an->selected[an->n_selected++] = xstrdup(a);
	if (b)
		an->selected[an->n_selected++] = xstrdup(b);
}

static void test_snapshot_records_risks_and_selections(void **state)
{
	struct review *rv = review_new();
	struct milestone *m;
	(void)state;

	select_only(rv, "REL01", "REL01-BP01", NULL);
	review_get(rv, "REL02")->na = NA_OTHER;
	m = milestone_snapshot(qs, rv, "baseline", "2026-11-01T00:00:00Z");
	assert_string_equal(m->name, "baseline");
	assert_string_equal(m->date, "2026-11-01T00:00:00Z");
	/* Every question of the set, in its order. */
	assert_int_equal(m->n_questions, qs->n_questions);
	assert_string_equal(m->questions[0].question, "REL01");
	assert_int_equal(m->questions[0].risk, QRISK_MEDIUM);
	assert_int_equal(m->questions[0].n_selected, 1);
	assert_string_equal(m->questions[0].selected[0], "REL01-BP01");
	assert_string_equal(m->questions[1].question, "REL02");
	assert_int_equal(m->questions[1].risk, QRISK_NOT_APPLICABLE);
	assert_int_equal(m->questions[2].risk, QRISK_UNANSWERED);
	assert_int_equal(m->questions[2].n_selected, 0);
	assert_int_equal(m->n_done, 0);
	/* The snapshot is the milestone's own: the review can go. */
	review_free(rv);
	assert_string_equal(m->questions[0].selected[0], "REL01-BP01");
	milestone_free(m);
}

static void test_add_names(void **state)
{
	struct review *rv = review_new();
	struct wa_err err;
	char longname[MILESTONE_NAME_MAX + 2];
	(void)state;

	assert_int_equal(milestone_add(rv, qs, "baseline", "d1", &err), 0);
	assert_int_equal(milestone_add(rv, qs, "after sprint 1", "d2", &err), 0);
	assert_int_equal(milestone_add(rv, qs, "baseline", "d3", &err), -1);
	assert_non_null(strstr(err.msg, "already exists"));
	assert_int_equal(milestone_add(rv, qs, "", "d3", &err), -1);
	assert_int_equal(milestone_add(rv, qs, "two\nlines", "d3", &err), -1);
	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	assert_int_equal(milestone_add(rv, qs, longname, "d3", &err), -1);
	assert_int_equal(rv->n_milestones, 2);
	assert_string_equal(milestone_last(rv)->name, "after sprint 1");
	assert_string_equal(milestone_find(rv, "baseline")->date, "d1");
	assert_null(milestone_find(rv, "nope"));
	review_free(rv);
}

static bool has_change(const struct ms_change *v, size_t n, const char *qid, enum qrisk from,
                       enum qrisk to)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].q->id, qid) && v[i].from == from && v[i].to == to)
			return true;
	return false;
}

static bool has_item(const struct ms_item *v, size_t n, const char *bp, bool in_place)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].bp->id, bp) && v[i].in_place == in_place)
			return true;
	return false;
}

static void test_diff(void **state)
{
	struct review *rv = review_new();
	struct roadmap_change done = { .status = "done" };
	struct ms_diff d;
	struct wa_err err;
	struct milestone *now;
	(void)state;

	select_only(rv, "REL01", NULL, NULL);                 /* HIGH */
	select_only(rv, "REL02", "REL02-BP01", "REL02-BP02"); /* NONE */
	assert_int_equal(milestone_add(rv, qs, "baseline", "d1", &err), 0);

	/* Nothing changed yet. */
	now = milestone_snapshot(qs, rv, "now", "d2");
	milestone_diff(qs, milestone_find(rv, "baseline"), now, &d);
	assert_true(milestone_diff_empty(&d));
	milestone_diff_clear(&d);
	milestone_free(now);

	select_only(rv, "REL01", "REL01-BP01", "REL01-BP02"); /* HIGH -> MEDIUM */
	select_only(rv, "REL02", "REL02-BP02", NULL);         /* NONE -> HIGH */
	select_only(rv, "REL03", NULL, NULL);                 /* UNANSWERED -> HIGH */
	assert_int_equal(roadmap_override_set(rv, qs, "REL01-BP03", &done, "d2", &err), 0);
	assert_int_equal(roadmap_override_set(rv, qs, "REL03-BP02", &done, "d2", &err), 0);
	now = milestone_snapshot(qs, rv, "now", "d2");
	milestone_diff(qs, milestone_find(rv, "baseline"), now, &d);
	assert_int_equal(d.n_down, 1);
	assert_true(has_change(d.down, d.n_down, "REL01", QRISK_HIGH, QRISK_MEDIUM));
	assert_int_equal(d.n_up, 1);
	assert_true(has_change(d.up, d.n_up, "REL02", QRISK_NONE, QRISK_HIGH));
	assert_int_equal(d.n_other, 1);
	assert_true(has_change(d.other, d.n_other, "REL03", QRISK_UNANSWERED, QRISK_HIGH));
	/* Done: two now selected, one marked done. REL03 was unanswered at the baseline, so
	 * marking its BP02 done is not progress against it. */
	assert_int_equal(d.n_done, 3);
	assert_true(has_item(d.done, d.n_done, "REL01-BP01", true));
	assert_true(has_item(d.done, d.n_done, "REL01-BP02", true));
	assert_true(has_item(d.done, d.n_done, "REL01-BP03", false));
	assert_int_equal(d.n_reopened, 1);
	assert_string_equal(d.reopened[0].bp->id, "REL02-BP01");
	milestone_diff_clear(&d);

	/* Between two recorded milestones, and the other way round. */
	assert_int_equal(milestone_add(rv, qs, "sprint 1", "d3", &err), 0);
	milestone_diff(qs, milestone_find(rv, "sprint 1"), milestone_find(rv, "baseline"), &d);
	assert_true(has_change(d.up, d.n_up, "REL01", QRISK_MEDIUM, QRISK_HIGH));
	assert_true(has_change(d.down, d.n_down, "REL02", QRISK_HIGH, QRISK_NONE));
	assert_true(has_item(d.done, d.n_done, "REL02-BP01", true));
	milestone_diff_clear(&d);
	milestone_free(now);
	review_free(rv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_snapshot_records_risks_and_selections),
		cmocka_unit_test(test_add_names),
		cmocka_unit_test(test_diff),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
