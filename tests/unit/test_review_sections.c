/* The roadmap and milestones sections of a review file: what wa-review writes loads back,
 * and a hand edit gone wrong is refused at its file:line:column, the file left alone. */
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
	(void)state;

	rv = parse_ok("roadmap:\n"
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
	assert_true(roadmap_override_get(rv, "REL01-BP02", &ov));
	assert_string_equal(ov.owner, "Mei Tanaka");
	assert_int_equal(ov.week, 104);
	assert_int_equal(ov.status, RM_WONT_DO);
	assert_non_null(milestone_find(rv, "baseline"));
	review_free(rv);
	/* Blank sections are as good as none. */
	rv = parse_ok("roadmap:\nmilestones: []\n");
	review_free(rv);
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

/* What milestone_add and roadmap_override_set write is what the loader accepts. */
static void test_written_sections_load_back(void **state)
{
	struct review *rv = parse_ok(""), *back = NULL;
	struct roadmap_change ch = {
		.owner = "true", .week = "3", .status = "wont_do", .reason = "- not now\n# really"
	};
	struct wa_err err;
	char *text;
	(void)state;

	review_get(rv, "REL01")->none_of_these = true;
	assert_int_equal(
	        roadmap_override_set(rv, qs, "REL01-BP01", &ch, "2026-11-26T10:00:00Z", &err), 0);
	assert_int_equal(milestone_add(rv, qs, "12345", "2026-11-26T10:00:00Z", &err), 0);
	assert_int_equal(milestone_add(rv, qs, "after: review #2", "2026-11-27T10:00:00Z", &err),
	                 0);
	text = review_format(rv, qs);
	err_clear(&err);
	if (review_parse("t.yaml", text, strlen(text), qs, &back, &err))
		fail_msg("%d:%d: %s\n%s", err.line, err.col, err.msg, text);
	assert_true(cJSON_Compare(rv->roadmap, back->roadmap, 1));
	assert_true(cJSON_Compare(rv->milestones, back->milestones, 1));
	free(text);
	review_free(rv);
	review_free(back);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_sections_load),
		cmocka_unit_test(test_roadmap_errors),
		cmocka_unit_test(test_milestone_errors),
		cmocka_unit_test(test_written_sections_load_back),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
