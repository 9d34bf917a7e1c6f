/* The question walk's logic, on the built-in Reliability set: the list's rows, the items of
 * a question, next/previous unanswered, search and jump by ID. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/review.h"
#include "store/qset_load.h"
#include "ui/walk.h"

static struct qset *qs;

static int setup(void **state)
{
	struct wa_err err;
	(void)state;
	return qset_load_builtin(&qs, &err);
}

static int teardown(void **state)
{
	(void)state;
	qset_free(qs);
	return 0;
}

static size_t idx(const char *id)
{
	const struct question *q = qset_find_question(qs, id);

	assert_non_null(q);
	return (size_t)(q - qs->questions);
}

static void test_list_rows(void **state)
{
	(void)state;
	/* Four area rows and thirteen questions. */
	assert_int_equal(walk_list_rows(qs), 17);
	assert_int_equal(walk_list_question_at(qs, 0), -1); /* "Foundations" */
	assert_int_equal(walk_list_question_at(qs, 1), (long)idx("REL01"));
	assert_int_equal(walk_list_question_at(qs, 3), -1); /* "Workload architecture" */
	assert_int_equal(walk_list_question_at(qs, 16), (long)idx("REL13"));
	assert_int_equal(walk_list_question_at(qs, 17), -1);
	/* Row of a question and question of a row agree everywhere. */
	for (size_t i = 0; i < qs->n_questions; i++)
		assert_int_equal(walk_list_question_at(qs, walk_list_row_of(qs, i)), (long)i);
}

static void test_items(void **state)
{
	const struct question *q = &qs->questions[idx("REL10")];
	(void)state;

	assert_int_equal(walk_item_count(q), q->n_bps + 3);
	assert_int_equal(walk_item_kind(q, 0), WALK_ITEM_BP);
	assert_int_equal(walk_item_kind(q, q->n_bps), WALK_ITEM_NONE);
	assert_int_equal(walk_item_kind(q, q->n_bps + 1), WALK_ITEM_NA);
	assert_int_equal(walk_item_kind(q, q->n_bps + 2), WALK_ITEM_NOTES);
}

static void answer(struct review *rv, const char *id)
{
	review_get(rv, id)->none_of_these = true;
}

static void test_unanswered(void **state)
{
	struct review *rv = review_new();
	(void)state;

	/* Nothing answered: the next is simply the next, wrapping at the end. */
	assert_int_equal(walk_unanswered(qs, rv, idx("REL01"), 1), (long)idx("REL02"));
	assert_int_equal(walk_unanswered(qs, rv, idx("REL13"), 1), (long)idx("REL01"));
	assert_int_equal(walk_unanswered(qs, rv, idx("REL01"), -1), (long)idx("REL13"));
	answer(rv, "REL02");
	answer(rv, "REL03");
	review_get(rv, "REL04")->notes = strdup("notes alone do not answer");
	assert_int_equal(walk_unanswered(qs, rv, idx("REL01"), 1), (long)idx("REL04"));
	assert_int_equal(walk_unanswered(qs, rv, idx("REL04"), -1), (long)idx("REL01"));
	review_get(rv, "REL04")->na = NA_OTHER; /* not applicable counts as answered */
	assert_int_equal(walk_unanswered(qs, rv, idx("REL01"), 1), (long)idx("REL05"));
	/* Only the current one left: it comes last, so it is found. */
	for (size_t i = 0; i < qs->n_questions; i++)
		if (i != idx("REL07"))
			answer(rv, qs->questions[i].id);
	assert_int_equal(walk_unanswered(qs, rv, idx("REL07"), 1), (long)idx("REL07"));
	answer(rv, "REL07");
	assert_int_equal(walk_unanswered(qs, rv, idx("REL07"), 1), -1);
	assert_int_equal(walk_unanswered(qs, rv, idx("REL07"), -1), -1);
	review_free(rv);
}

/* q answered by evidence in part: practices at the indexes in open[] (ending at -1) are left
 * for people, the others missing. */
static void part(struct review *rv, const char *id, const int *open)
{
	const struct question *q = &qs->questions[idx(id)];
	struct answer *a = review_get(rv, id);

	for (size_t n = 0; open[n] >= 0; n++) {
		a->open = realloc(a->open, (n + 1) * sizeof(*a->open));
		a->open[n] = strdup(q->bps[open[n]].id);
		a->n_open = n + 1;
	}
}

static void test_open(void **state)
{
	struct review *rv = review_new();
	static const int rel05[] = { 1, 3, -1 }, rel09[] = { 0, -1 };
	size_t q;
	long bp;
	(void)state;

	for (size_t i = 0; i < qs->n_questions; i++)
		answer(rv, qs->questions[i].id);
	/* Everything answered in full: nothing open, either way. */
	assert_int_equal(walk_open(qs, rv, idx("REL01"), -1, 1, &q, &bp), -1);
	assert_int_equal(walk_open(qs, rv, idx("REL01"), -1, -1, &q, &bp), -1);
	review_get(rv, "REL05")->none_of_these = false;
	part(rv, "REL05", rel05);
	review_get(rv, "REL09")->none_of_these = false;
	part(rv, "REL09", rel09);
	review_get(rv, "REL11")->none_of_these = false; /* unanswered now */
	/* Forward from the start: each open practice of REL05, then REL09's, then REL11. */
	assert_int_equal(walk_open(qs, rv, idx("REL01"), 0, 1, &q, &bp), 0);
	assert_int_equal(q, idx("REL05"));
	assert_int_equal(bp, 1);
	assert_int_equal(walk_open(qs, rv, q, bp, 1, &q, &bp), 0);
	assert_int_equal(q, idx("REL05"));
	assert_int_equal(bp, 3);
	assert_int_equal(walk_open(qs, rv, q, bp, 1, &q, &bp), 0);
	assert_int_equal(q, idx("REL09"));
	assert_int_equal(bp, 0);
	assert_int_equal(walk_open(qs, rv, q, bp, 1, &q, &bp), 0);
	assert_int_equal(q, idx("REL11"));
	assert_int_equal(bp, -1); /* the unanswered question as one place */
	/* Past the end it wraps to the first. */
	assert_int_equal(walk_open(qs, rv, q, bp, 1, &q, &bp), 0);
	assert_int_equal(q, idx("REL05"));
	assert_int_equal(bp, 1);
	/* Backwards from REL05's first open practice: REL11, then REL09. */
	assert_int_equal(walk_open(qs, rv, q, bp, -1, &q, &bp), 0);
	assert_int_equal(q, idx("REL11"));
	assert_int_equal(walk_open(qs, rv, q, bp, -1, &q, &bp), 0);
	assert_int_equal(q, idx("REL09"));
	assert_int_equal(bp, 0);
	/* From an item past the practices (the notes) back to the last open one. */
	assert_int_equal(walk_open(qs, rv, idx("REL05"), 20, -1, &q, &bp), 0);
	assert_int_equal(q, idx("REL05"));
	assert_int_equal(bp, 3);
	/* A question marked not applicable is complete, whatever it left open. */
	review_get(rv, "REL05")->na = NA_OTHER;
	assert_int_equal(walk_open(qs, rv, idx("REL01"), 0, 1, &q, &bp), 0);
	assert_int_equal(q, idx("REL09"));
	/* The only open place is the current one: found last. */
	answer(rv, "REL11");
	assert_int_equal(walk_open(qs, rv, idx("REL09"), 0, 1, &q, &bp), 0);
	assert_int_equal(q, idx("REL09"));
	assert_int_equal(bp, 0);
	review_free(rv);
}

static void test_search(void **state)
{
	size_t q;
	long bp;
	(void)state;

	/* A best practice's title, case-insensitive. */
	assert_int_equal(walk_search(qs, "IMMUTABLE infrastructure", 0, -1, &q, &bp), 0);
	assert_string_equal(qs->questions[q].bps[bp].id, "REL08-BP04");
	/* A question's title matches the question itself. */
	assert_int_equal(walk_search(qs, "back up data?", 0, -1, &q, &bp), 0);
	assert_string_equal(qs->questions[q].id, "REL09");
	assert_int_equal(bp, -1);
	/* Searching again from a match finds the next one, then wraps around to it. */
	assert_int_equal(walk_search(qs, "chaos engineering", 0, -1, &q, &bp), 0);
	{
		size_t q1 = q, q2;
		long b1 = bp, b2;
		int hits = 1;
		while (walk_search(qs, "chaos engineering", q, bp, &q2, &b2) == 0 &&
		       !(q2 == q1 && b2 == b1) && hits < 100) {
			q = q2;
			bp = b2;
			hits++;
		}
		assert_true(q2 == q1 && b2 == b1); /* came back round */
		assert_true(hits >= 1);
	}
	assert_int_equal(walk_search(qs, "no such phrase anywhere", 0, -1, &q, &bp), -1);
	assert_int_equal(walk_search(qs, "", 0, -1, &q, &bp), -1);
}

static void test_jump(void **state)
{
	size_t q;
	long bp;
	(void)state;

	assert_int_equal(walk_jump(qs, "REL10", &q, &bp), 0);
	assert_string_equal(qs->questions[q].id, "REL10");
	assert_int_equal(bp, -1);
	assert_int_equal(walk_jump(qs, "rel10", &q, &bp), 0);
	assert_string_equal(qs->questions[q].id, "REL10");
	assert_int_equal(walk_jump(qs, " 10 ", &q, &bp), 0);
	assert_string_equal(qs->questions[q].id, "REL10");
	assert_int_equal(walk_jump(qs, "REL10-BP03", &q, &bp), 0);
	assert_string_equal(qs->questions[q].bps[bp].id, "REL10-BP03");
	assert_int_equal(walk_jump(qs, "10.2", &q, &bp), 0);
	assert_string_equal(qs->questions[q].bps[bp].id, "REL10-BP02");
	assert_int_equal(walk_jump(qs, "rel1 bp2", &q, &bp), 0);
	assert_string_equal(qs->questions[q].bps[bp].id, "REL01-BP02");
	/* REL1 is not REL10 or REL13: no prefix matching. */
	assert_int_equal(walk_jump(qs, "REL1", &q, &bp), 0);
	assert_string_equal(qs->questions[q].id, "REL01");
	/* Refused: unknown questions and best practices, trailing junk. */
	assert_int_equal(walk_jump(qs, "REL14", &q, &bp), -1);
	assert_int_equal(walk_jump(qs, "0", &q, &bp), -1);
	assert_int_equal(walk_jump(qs, "REL10-BP09", &q, &bp), -1);
	assert_int_equal(walk_jump(qs, "10.0", &q, &bp), -1);
	assert_int_equal(walk_jump(qs, "REL10x", &q, &bp), -1);
	assert_int_equal(walk_jump(qs, "", &q, &bp), -1);
	assert_int_equal(walk_jump(qs, "monitoring", &q, &bp), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list_rows),  cmocka_unit_test(test_items),
		cmocka_unit_test(test_unanswered), cmocka_unit_test(test_open),
		cmocka_unit_test(test_search),     cmocka_unit_test(test_jump),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
