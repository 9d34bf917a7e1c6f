/* Editing answers the way the wizard does, and the pre-review checklist: every edit leaves
 * an answer the review file accepts and the risk engine reads as the reviewer meant. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/answer.h"
#include "model/checklist.h"
#include "model/risk.h"
#include "store/review_io.h"
#include "support/qset_fixture.h"
#include "util/xalloc.h"

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

/* Saves and reloads, so each test also proves the result is a valid review file. */
static struct review *round_trip(const struct review *rv)
{
	char *text = review_format(rv, qs);
	struct review *back = NULL;
	struct wa_err err;

	assert_non_null(text);
	err_clear(&err);
	if (review_parse("t.yaml", text, strlen(text), qs, &back, &err))
		fail_msg("saved review does not load: %s\n%s", err.msg, text);
	free(text);
	return back;
}

static struct review *new_review(void)
{
	struct review *rv = review_new();

	rv->set_id = xstrdup("reliability");
	rv->wl.name = xstrdup("w");
	return rv;
}

static void test_toggle_keeps_set_order(void **state)
{
	const struct question *q = &qs->questions[2]; /* REL03, four best practices */
	struct review *rv = new_review(), *back;
	struct answer *a = review_get(rv, "REL03");
	(void)state;

	assert_true(answer_toggle_bp(a, q, 3));
	assert_true(answer_toggle_bp(a, q, 0));
	assert_true(answer_toggle_bp(a, q, 2));
	assert_int_equal(a->n_selected, 3);
	assert_string_equal(a->selected[0], "REL03-BP01");
	assert_string_equal(a->selected[1], "REL03-BP03");
	assert_string_equal(a->selected[2], "REL03-BP04");
	/* Toggling again unticks, from the middle too. */
	assert_false(answer_toggle_bp(a, q, 2));
	assert_int_equal(a->n_selected, 2);
	assert_string_equal(a->selected[1], "REL03-BP04");
	back = round_trip(rv);
	assert_int_equal(review_find(back, "REL03")->n_selected, 2);
	review_free(back);
	review_free(rv);
}

static void test_none_and_selection_exclusive(void **state)
{
	const struct question *q = &qs->questions[0];
	struct review *rv = new_review(), *back;
	struct answer *a = review_get(rv, "REL01");
	(void)state;

	answer_toggle_bp(a, q, 1);
	answer_set_none(a, true);
	assert_int_equal(a->n_selected, 0);
	assert_true(a->none_of_these);
	assert_int_equal(risk_question(q, a), QRISK_HIGH);
	answer_toggle_bp(a, q, 0);
	assert_false(a->none_of_these);
	/* The loader refuses "none of these" together with selections: the edits never
	 * produce that. */
	back = round_trip(rv);
	review_free(back);
	review_free(rv);
}

static void test_not_applicable(void **state)
{
	const struct question *q = &qs->questions[1];
	struct review *rv = new_review(), *back;
	struct answer *a = review_get(rv, "REL02");
	(void)state;

	answer_toggle_bp(a, q, 0);
	answer_set_na(a, NA_ARCHITECTURE_CONSTRAINTS, "legacy mainframe");
	assert_int_equal(risk_question(q, a), QRISK_NOT_APPLICABLE);
	back = round_trip(rv);
	assert_int_equal(review_find(back, "REL02")->na, NA_ARCHITECTURE_CONSTRAINTS);
	assert_string_equal(review_find(back, "REL02")->na_note, "legacy mainframe");
	/* Selections survive N/A, so undoing it loses nothing. */
	assert_int_equal(review_find(back, "REL02")->n_selected, 1);
	review_free(back);
	answer_set_na(a, NA_NO, "ignored");
	assert_null(a->na_note);
	assert_int_equal(risk_question(q, a), QRISK_MEDIUM);
	answer_set_na(a, NA_OTHER, "");
	assert_null(a->na_note);
	review_free(rv);
}

static void test_notes_and_flag(void **state)
{
	struct review *rv = new_review(), *back;
	struct answer *a = review_get(rv, "REL01");
	const char *text = "Accents: é, CJK: 日本語, emoji: 😀\nsecond line";
	(void)state;

	answer_set_notes(a, text);
	assert_true(answer_toggle_flag(a));
	answer_touch(rv, a, 1795000000);
	assert_string_equal(a->updated, "2026-11-18T11:06:40Z");
	assert_string_equal(rv->updated, a->updated);
	back = round_trip(rv);
	assert_string_equal(review_find(back, "REL01")->notes, text);
	assert_true(review_find(back, "REL01")->flagged);
	review_free(back);
	answer_set_notes(a, "");
	assert_null(a->notes);
	assert_false(answer_toggle_flag(a));
	review_free(rv);
}

/* Practices left open by evidence: the state of each, the risk the missing ones already
 * give, the review file's open list, and how a reviewer's toggles and "none" decide them. */
static void test_open_practices(void **state)
{
	const struct question *q = &qs->questions[2]; /* REL03: BP01 high, BP02-04 medium */
	struct review *rv = new_review(), *back;
	struct answer *a = review_get(rv, "REL03");
	char *text;

	(void)state;
	/* evidence: BP02 is missing, BP01/BP03/BP04 wait for people */
	a->open = xcalloc(3, sizeof(*a->open));
	a->open[a->n_open++] = xstrdup("REL03-BP01");
	a->open[a->n_open++] = xstrdup("REL03-BP03");
	a->open[a->n_open++] = xstrdup("REL03-BP04");
	answer_set_source(a, "REL03-BP02", SOURCE_EVIDENCE);
	assert_true(answer_is_answered(a));
	assert_false(answer_is_complete(a));
	assert_int_equal(answer_bp_state(a, "REL03-BP01"), BP_OPEN);
	assert_int_equal(answer_bp_state(a, "REL03-BP02"), BP_MISSING);
	/* a medium practice is known to be missing: at least medium, with BP01 still open */
	assert_int_equal(risk_question(q, a), QRISK_MEDIUM);

	back = round_trip(rv);
	text = review_format(back, qs);
	assert_non_null(strstr(text, "    open: [REL03-BP01, REL03-BP03, REL03-BP04]\n"));
	free(text);
	a = review_get(back, "REL03");
	assert_int_equal(a->n_open, 3);
	/* a reviewer's toggle decides an open practice: ticked first */
	assert_true(answer_toggle_bp(a, q, 0));
	assert_int_equal(answer_bp_state(a, "REL03-BP01"), BP_IN_PLACE);
	assert_false(answer_toggle_bp(a, q, 0));
	assert_int_equal(answer_bp_state(a, "REL03-BP01"), BP_MISSING);
	assert_int_equal(risk_question(q, a), QRISK_HIGH);
	/* "none of these" decides them all */
	answer_set_none(a, true);
	assert_true(answer_is_complete(a));
	assert_int_equal(a->n_open, 0);
	assert_int_equal(answer_bp_state(a, "REL03-BP04"), BP_MISSING);
	review_free(back);
	review_free(rv);

	/* open practices only, nothing missing yet: no risk known, the question is open */
	rv = new_review();
	a = review_get(rv, "REL03");
	a->open = xcalloc(1, sizeof(*a->open));
	a->open[a->n_open++] = xstrdup("REL03-BP01");
	a->selected = xcalloc(3, sizeof(*a->selected));
	a->selected[a->n_selected++] = xstrdup("REL03-BP02");
	a->selected[a->n_selected++] = xstrdup("REL03-BP03");
	a->selected[a->n_selected++] = xstrdup("REL03-BP04");
	assert_int_equal(risk_question(q, a), QRISK_UNANSWERED);
	review_free(rv);
}

/* An open practice that is also selected, or listed twice, is refused where it stands. */
static void test_open_refusals(void **state)
{
	static const char head[] = "schema: 1\nquestion_set: {id: reliability}\n"
	                           "workload: {name: w}\nanswers:\n  REL03:\n";
	struct review *rv = NULL;
	struct wa_err err;
	char *t;

	(void)state;
	t = xasprintf("%s    selected: [REL03-BP01]\n    open: [REL03-BP01]\n", head);
	err_clear(&err);
	assert_int_equal(review_parse("t.yaml", t, strlen(t), qs, &rv, &err), -1);
	assert_non_null(
	        strstr(err.msg, "REL03.open: REL03-BP01 is selected, so it cannot be open"));
	assert_int_equal(err.line, 7);
	free(t);
	t = xasprintf("%s    open: [REL03-BP02, REL03-BP02]\n", head);
	assert_int_equal(review_parse("t.yaml", t, strlen(t), qs, &rv, &err), -1);
	assert_non_null(strstr(err.msg, "listed twice"));
	free(t);
	t = xasprintf("%s    open: [REL03-BP02]\n    none_of_these: true\n", head);
	assert_int_equal(review_parse("t.yaml", t, strlen(t), qs, &rv, &err), -1);
	assert_non_null(strstr(err.msg, "none_of_these is true but best practices are open"));
	free(t);
}

static void test_checklist(void **state)
{
	struct review *rv = new_review(), *back;
	(void)state;

	assert_int_equal(checklist_count_done(rv), 0);
	assert_int_equal(checklist_set(rv, 7, true), 0);
	assert_int_equal(checklist_set(rv, 0, true), 0);
	assert_int_equal(checklist_set(rv, 3, true), 0);
	assert_int_equal(checklist_set(rv, 3, false), 0);
	assert_true(checklist_done(rv, 0));
	assert_false(checklist_done(rv, 3));
	assert_true(checklist_done(rv, 7));
	assert_int_equal(checklist_count_done(rv), 2);
	/* Checklist order in the file, whatever order things were ticked in. */
	{
		char *text = review_format(rv, qs);
		char *first = strstr(text, checklist_items[0].id);
		char *last = strstr(text, checklist_items[7].id);
		assert_non_null(first);
		assert_non_null(last);
		assert_true(first < last);
		assert_null(strstr(text, checklist_items[3].id));
		free(text);
	}
	back = round_trip(rv);
	assert_int_equal(checklist_count_done(back), 2);
	review_free(back);
	assert_int_equal(checklist_set(rv, CHECKLIST_COUNT, true), -1);
	assert_int_equal(checklist_set(rv, 0, false), 0);
	assert_int_equal(checklist_set(rv, 7, false), 0);
	{
		/* Nothing ready: no section at all. */
		char *text = review_format(rv, qs);
		assert_null(strstr(text, "checklist"));
		free(text);
	}
	review_free(rv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_toggle_keeps_set_order),
		cmocka_unit_test(test_none_and_selection_exclusive),
		cmocka_unit_test(test_not_applicable),
		cmocka_unit_test(test_notes_and_flag),
		cmocka_unit_test(test_open_practices),
		cmocka_unit_test(test_open_refusals),
		cmocka_unit_test(test_checklist),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
