/* The sections other features fill (checklist, evidence, roadmap, milestones): read into
 * their typed form once, written back byte for byte as they were, and a hand edit gone wrong
 * refused at its file:line:column. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/checklist.h"
#include "model/evidence.h"
#include "model/milestone.h"
#include "model/roadmap_edit.h"
#include "store/qset_load.h"
#include "store/review_io.h"
#include "support/qset_fixture.h"
#include "util/builtin.h"
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

/* Six lines; a section appended starts at line 7. */
static const char head[] = "schema: 1\n"
                           "question_set:\n"
                           "  id: reliability\n"
                           "workload:\n"
                           "  name: Checkout\n"
                           "  business_criticality: high\n";

static struct review *parse_ok(const char *tail)
{
	char *text = xasprintf("%s%s", head, tail);
	struct review *rv = NULL;
	struct wa_err err;

	err_clear(&err);
	if (review_parse("t.yaml", text, strlen(text), qs, &rv, &err))
		fail_msg("refused: %s:%d:%d: %s\n%s", err.where, err.line, err.col, err.msg, text);
	free(text);
	return rv;
}

static void expect_error(const char *tail, int line, int col, const char *msg_part)
{
	char *text = xasprintf("%s%s", head, tail);
	struct review *rv = NULL;
	struct wa_err err;

	err_clear(&err);
	if (review_parse("t.yaml", text, strlen(text), qs, &rv, &err) == 0)
		fail_msg("accepted:\n%s", text);
	assert_null(rv);
	if (strcmp(err.where, "t.yaml") || err.line != line || err.col != col ||
	    !strstr(err.msg, msg_part))
		fail_msg("got    't.yaml:%d:%d: %s'\nwanted 't.yaml:%d:%d: …%s…'\nfor:\n%s",
		         err.line, err.col, err.msg, line, col, msg_part, text);
	free(text);
}

static void test_valid_sections_load(void **state)
{
	struct review *rv;
	struct roadmap_override ov;
	const struct milestone *m;
	(void)state;

	rv = parse_ok("checklist:\n"
	              "  incident_history: true\n"
	              "  time_booked: false\n"
	              "roadmap:\n"
	              "  items:\n"
	              "    REL01-BP02:\n"
	              "      owner: \"Mei Tanaka\"\n"
	              "      effort: high\n"
	              "      week: 104\n"
	              "      status: wont_do\n"
	              "      reason: \"No budget: accepted by the CTO\"\n"
	              "      updated: \"2026-11-26T10:00:00Z\"\n"
	              "    REL03-BP04: {status: done}\n"
	              "milestones:\n"
	              "  - name: baseline\n"
	              "    date: \"2026-11-01T00:00:00Z\"\n"
	              "    questions:\n"
	              "      REL01: {risk: HIGH, selected: [REL01-BP02]}\n"
	              "      REL02: {risk: UNANSWERED}\n"
	              "    done: [REL03-BP04]\n");
	assert_true(checklist_done(rv, 2));
	assert_int_equal(checklist_count_done(rv), 1);
	{
		/* An item set to false is as good as absent, and is not written back. */
		char *text = review_format(rv, qs);
		assert_non_null(strstr(text, "\nchecklist:\n  incident_history: true\nroadmap:\n"));
		free(text);
	}
	assert_true(roadmap_override_get(rv, "REL01-BP02", &ov));
	assert_string_equal(ov.owner, "Mei Tanaka");
	assert_int_equal(ov.effort, EFFORT_HIGH);
	assert_int_equal(ov.week, 104);
	assert_int_equal(ov.status, RM_WONT_DO);
	assert_string_equal(ov.reason, "No budget: accepted by the CTO");
	assert_string_equal(ov.updated, "2026-11-26T10:00:00Z");
	assert_true(roadmap_override_get(rv, "REL03-BP04", &ov));
	assert_int_equal(ov.status, RM_DONE);
	assert_int_equal(rv->n_overrides, 2);
	m = milestone_find(rv, "baseline");
	assert_non_null(m);
	assert_string_equal(m->date, "2026-11-01T00:00:00Z");
	assert_int_equal(m->n_questions, 2);
	assert_string_equal(m->questions[0].question, "REL01");
	assert_int_equal(m->questions[0].risk, QRISK_HIGH);
	assert_int_equal(m->questions[0].n_selected, 1);
	assert_string_equal(m->questions[0].selected[0], "REL01-BP02");
	assert_int_equal(m->questions[1].risk, QRISK_UNANSWERED);
	assert_int_equal(m->n_done, 1);
	assert_string_equal(m->done[0], "REL03-BP04");
	review_free(rv);
	/* Blank sections are as good as none. */
	rv = parse_ok("checklist:\nroadmap:\nmilestones: []\n");
	assert_int_equal(checklist_count_done(rv), 0);
	assert_int_equal(rv->n_overrides, 0);
	assert_int_equal(rv->n_milestones, 0);
	review_free(rv);
}

/* Only the checklist's own items, each true or false: a misspelt item would never show as
 * ticked, and a newer version's items come with a newer schema, refused before this. */
static void test_checklist_errors(void **state)
{
	(void)state;
	expect_error("checklist:\n  time_booked: true\n  architecture_documneted: true\n", 9, 3,
	             "checklist: unknown key 'architecture_documneted'");
	expect_error("checklist:\n  time_booked: yes\n", 8, 16,
	             "checklist.time_booked: expected true or false");
	expect_error("checklist: [time_booked]\n", 7, 12, "checklist: expected a mapping");
	expect_error("checklist:\n  time_booked: true\n  time_booked: true\n", 9, 3,
	             "duplicate key 'time_booked'");
}

static void test_roadmap_errors(void **state)
{
	(void)state;
	expect_error("roadmap: [a]\n", 7, 10, "roadmap: expected a mapping");
	expect_error("roadmap:\n  plan: {}\n", 8, 3, "unknown key 'plan'");
	expect_error("roadmap:\n  items:\n    REL09-BP01: {owner: x}\n", 9, 5,
	             "REL09-BP01 is not a best practice of question set 'reliability'");
	expect_error("roadmap:\n  items:\n    REL01-BP01: {owner: x, colour: red}\n", 9, 28,
	             "unknown key 'colour'");
	expect_error("roadmap:\n  items:\n    REL01-BP01: {status: finished}\n", 9, 26,
	             "status: expected planned, in_progress, done or wont_do, found 'finished'");
	expect_error("roadmap:\n  items:\n    REL01-BP01: {effort: huge}\n", 9, 26,
	             "effort: expected low, medium or high");
	expect_error("roadmap:\n  items:\n    REL01-BP01: {week: 0}\n", 9, 24,
	             "week: expected a week from 1 to 104, found 0");
	expect_error("roadmap:\n  items:\n    REL01-BP01: {week: \"3\"}\n", 9, 24,
	             "expected a whole number");
	expect_error("roadmap:\n  items:\n    REL01-BP01: {status: wont_do}\n", 9, 26,
	             "REL01-BP01: status wont_do needs a reason");
	expect_error("roadmap:\n  items:\n    REL01-BP01: {status: done, reason: x}\n", 9, 32,
	             "only an item with status wont_do has a reason");
	/* A plain 123 would read back as a number, not a name. */
	expect_error("roadmap:\n  items:\n    REL01-BP01: {owner: 123}\n", 9, 25,
	             "owner: expected text, found '123'");
}

static void test_milestone_errors(void **state)
{
	(void)state;
	expect_error("milestones: {a: 1}\n", 7, 13, "milestones: expected a list");
	expect_error("milestones:\n  - name: a\n    date: x\n", 8, 5,
	             "missing required key 'questions'");
	expect_error("milestones:\n  - {name: a, date: x, questions: {REL42: {risk: HIGH}}}\n", 8,
	             36, "REL42 is not a question of set 'reliability'");
	expect_error("milestones:\n  - {name: a, date: x, questions: {REL01: {risk: SEVERE}}}\n", 8,
	             50, "risk: expected HIGH, MEDIUM, NONE");
	expect_error("milestones:\n  - {name: a, date: x, questions: {REL01: {risk: HIGH, "
	             "selected: [REL02-BP01]}}}\n",
	             8, 67, "REL02-BP01 is not a best practice of REL01");
	expect_error("milestones:\n  - {name: a, date: x, questions: {}, done: [REL01-BP09]}\n", 8,
	             46, "REL01-BP09 is not a best practice");
	expect_error("milestones:\n"
	             "  - {name: a, date: x, questions: {}}\n"
	             "  - {name: b, date: x, questions: {}}\n"
	             "  - {name: a, date: z, questions: {}}\n",
	             10, 12, "the name 'a' is used twice (first at line 8)");
}

/* What checklist_set, milestone_add and roadmap_override_set write is what the loader
 * accepts, and it saves again byte for byte. */
static void test_written_sections_load_back(void **state)
{
	struct review *rv = parse_ok(""), *back = NULL;
	struct roadmap_change ch = {
		.owner = "true", .week = "3", .status = "wont_do", .reason = "- not now\n# really"
	};
	struct wa_err err;
	char *text, *again;
	(void)state;

	review_get(rv, "REL01")->none_of_these = true;
	assert_int_equal(checklist_set(rv, 4, true), 0);
	assert_int_equal(
	        roadmap_override_set(rv, qs, "REL01-BP01", &ch, "2026-11-26T10:00:00Z", &err), 0);
	assert_int_equal(milestone_add(rv, qs, "12345", "2026-11-26T10:00:00Z", &err), 0);
	assert_int_equal(milestone_add(rv, qs, "after: review #2", "2026-11-27T10:00:00Z", &err),
	                 0);
	text = review_format(rv, qs);
	err_clear(&err);
	if (review_parse("t.yaml", text, strlen(text), qs, &back, &err))
		fail_msg("%d:%d: %s\n%s", err.line, err.col, err.msg, text);
	again = review_format(back, qs);
	assert_string_equal(text, again);
	assert_true(checklist_done(back, 4));
	assert_string_equal(back->overrides[0].owner, "true");
	assert_string_equal(back->overrides[0].reason, "- not now\n# really");
	assert_string_equal(back->milestones[1].name, "after: review #2");
	assert_int_equal(back->milestones[1].questions[0].risk, QRISK_HIGH);
	free(text);
	free(again);
	review_free(rv);
	review_free(back);
}

/* The demo review holds every kind of section a sweep and a review write: loading and
 * saving it gives the same text each time, and its evidence section (which wa-review
 * wrote) comes out exactly as it is in the file. */
static void test_demo_round_trip(void **state)
{
	const struct builtin_file *f = builtin_find("questions/demo/review.yaml");
	char *demo, *text, *again;
	struct review *rv = NULL, *back = NULL;
	struct qset *set = NULL;
	struct wa_err err;
	(void)state;

	assert_non_null(f);
	err_clear(&err);
	assert_int_equal(qset_load_builtin(&set, &err), 0);
	assert_int_equal(review_parse("demo.yaml", f->data, f->len, set, &rv, &err), 0);
	assert_non_null(rv->evidence);
	text = review_format(rv, set);
	assert_int_equal(review_parse("demo2.yaml", text, strlen(text), set, &back, &err), 0);
	again = review_format(back, set);
	assert_string_equal(text, again);
	demo = xstrndup(f->data, f->len);
	assert_non_null(strstr(demo, "\nevidence:\n"));
	assert_string_equal(strstr(text, "\nevidence:\n"), strstr(demo, "\nevidence:\n"));
	free(demo);
	free(text);
	free(again);
	review_free(rv);
	review_free(back);
	qset_free(set);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_sections_load),
		cmocka_unit_test(test_checklist_errors),
		cmocka_unit_test(test_roadmap_errors),
		cmocka_unit_test(test_milestone_errors),
		cmocka_unit_test(test_written_sections_load_back),
		cmocka_unit_test(test_demo_round_trip),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
