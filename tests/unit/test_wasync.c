/* The review <-> Well-Architected Tool mapping (model/wasync): what push writes for each kind
 * of answer, what pull makes of the Tool's answer, cut notes, open practices, the canonical
 * form that tells an answer changed in the Tool, milestones and the workload's fields. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/risk.h"
#include "model/wasync.h"
#include "support/qset_fixture.h"
#include "util/utf8.h"
#include "util/xalloc.h"

static struct qset *qs;

/* The fixture's questions get the Tool's IDs: q1 … with choices q1_c1 … and q1_no. */
static int setup(void **state)
{
	(void)state;
	qs = qset_fixture_new();
	for (size_t i = 0; i < qs->n_questions; i++) {
		struct question *q = &qs->questions[i];

		q->wa_question_id = xasprintf("q%zu", i + 1);
		q->none_choice_id = xasprintf("q%zu_no", i + 1);
		for (size_t k = 0; k < q->n_bps; k++) {
			free(q->bps[k].choice_id);
			q->bps[k].choice_id = xasprintf("q%zu_c%zu", i + 1, k + 1);
		}
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	qset_free(qs);
	return 0;
}

static const struct question *Q(const char *id)
{
	return qset_find_question(qs, id);
}

static void sel(struct answer *a, const char *bp)
{
	a->selected = xrealloc(a->selected, (a->n_selected + 1) * sizeof(char *));
	a->selected[a->n_selected++] = xstrdup(bp);
}

static const char *str(const cJSON *o, const char *k)
{
	return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, k));
}

static char *selected_text(const cJSON *in)
{
	return cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(in, "SelectedChoices"));
}

/* The Tool's answer after UpdateAnswer with in on a fresh question, as the service keeps it
 * (tests/aws/watool.py does the same). */
static cJSON *apply(const cJSON *in)
{
	cJSON *out = cJSON_CreateObject(), *ca = cJSON_AddArrayToObject(out, "ChoiceAnswers");
	const cJSON *c;

	cJSON_AddItemToObject(
	        out, "SelectedChoices",
	        cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(in, "SelectedChoices"), true));
	cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(in, "ChoiceUpdates"))
	{
		cJSON *e;

		if (strcmp(str(c, "Status"), "NOT_APPLICABLE"))
			continue;
		e = cJSON_Duplicate(c, true);
		cJSON_AddStringToObject(e, "ChoiceId", c->string);
		cJSON_AddItemToArray(ca, e);
	}
	cJSON_AddStringToObject(out, "Notes", str(in, "Notes"));
	cJSON_AddItemToObject(
	        out, "IsApplicable",
	        cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(in, "IsApplicable"), true));
	cJSON_AddStringToObject(out, "Reason", str(in, "Reason"));
	return out;
}

static void test_selected_and_notes(void **state)
{
	struct answer a = { .question = "REL01", .notes = "quotas tracked" };
	cJSON *in;
	char *s;

	(void)state;
	sel(&a, "REL01-BP03");
	sel(&a, "REL01-BP01");
	in = wasync_answer_input(Q("REL01"), &a, NULL, "r.yaml", NULL);
	s = selected_text(in);
	/* In the set's order, whatever the answer's order. */
	assert_string_equal(s, "[\"q1_c1\",\"q1_c3\"]");
	assert_string_equal(str(in, "Notes"), "quotas tracked");
	assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(in, "IsApplicable")));
	assert_string_equal(str(in, "Reason"), "NONE");
	assert_null(cJSON_GetObjectItemCaseSensitive(in, "ChoiceUpdates"));
	free(s);
	cJSON_Delete(in);
	a.notes = NULL;
	for (size_t i = 0; i < a.n_selected; i++)
		free(a.selected[i]);
	free(a.selected);
}

static void test_none_and_not_applicable(void **state)
{
	struct answer none = { .question = "REL02", .none_of_these = true };
	struct answer na = { .question = "REL03",
		             .na = NA_ARCHITECTURE_CONSTRAINTS,
		             .na_note = "batch only",
		             .notes = "see the design doc" };
	cJSON *in;
	char *s;

	(void)state;
	in = wasync_answer_input(Q("REL02"), &none, NULL, "r.yaml", NULL);
	s = selected_text(in);
	assert_string_equal(s, "[\"q2_no\"]");
	free(s);
	cJSON_Delete(in);
	in = wasync_answer_input(Q("REL03"), &na, NULL, "r.yaml", NULL);
	assert_true(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(in, "IsApplicable")));
	assert_string_equal(str(in, "Reason"), "ARCHITECTURE_CONSTRAINTS");
	assert_string_equal(str(in, "Notes"), "Not applicable: batch only\n\nsee the design doc");
	cJSON_Delete(in);
}

static void test_practice_not_applicable(void **state)
{
	struct answer a = { 0 };
	cJSON *tool = cJSON_Parse("{\"ChoiceAnswers\":[{\"ChoiceId\":\"q3_c1\",\"Status\":"
	                          "\"NOT_APPLICABLE\",\"Reason\":\"OTHER\"}]}");
	cJSON *in, *u;

	(void)state;
	a.question = xstrdup("REL03");
	sel(&a, "REL03-BP02");
	answer_set_bp_na(&a, "REL03-BP04", NA_OUT_OF_SCOPE, "no clients");
	/* Marking a selected practice not applicable unticks it. */
	answer_set_bp_na(&a, "REL03-BP02", NA_BUSINESS_PRIORITIES, NULL);
	assert_int_equal(a.n_selected, 0);
	in = wasync_answer_input(Q("REL03"), &a, tool, "r.yaml", NULL);
	u = cJSON_GetObjectItemCaseSensitive(in, "ChoiceUpdates");
	assert_string_equal(str(cJSON_GetObjectItemCaseSensitive(u, "q3_c4"), "Status"),
	                    "NOT_APPLICABLE");
	assert_string_equal(str(cJSON_GetObjectItemCaseSensitive(u, "q3_c4"), "Reason"),
	                    "OUT_OF_SCOPE");
	assert_string_equal(str(cJSON_GetObjectItemCaseSensitive(u, "q3_c4"), "Notes"),
	                    "no clients");
	assert_string_equal(str(cJSON_GetObjectItemCaseSensitive(u, "q3_c2"), "Reason"),
	                    "BUSINESS_PRIORITIES");
	/* The Tool had q3_c1 not applicable; the review does not: back to unselected. */
	assert_string_equal(str(cJSON_GetObjectItemCaseSensitive(u, "q3_c1"), "Status"),
	                    "UNSELECTED");
	assert_int_equal(cJSON_GetArraySize(u), 3);
	cJSON_Delete(in);
	cJSON_Delete(tool);
	answer_clear(&a);
}

static void test_practice_na_counts_as_met(void **state)
{
	struct answer a = { 0 };

	(void)state;
	/* REL02: BP01 high, BP02 medium; BP02 in place, BP01 does not apply. */
	a.question = xstrdup("REL02");
	sel(&a, "REL02-BP02");
	assert_int_equal(risk_question(Q("REL02"), &a), QRISK_HIGH);
	answer_set_bp_na(&a, "REL02-BP01", NA_OUT_OF_SCOPE, NULL);
	assert_int_equal(risk_question(Q("REL02"), &a), QRISK_NONE);
	/* Applicable again: the record goes, and the gap is back. */
	answer_set_bp_na(&a, "REL02-BP01", NA_NO, NULL);
	assert_null(answer_bp_na(&a, "REL02-BP01"));
	assert_int_equal(risk_question(Q("REL02"), &a), QRISK_HIGH);
	answer_clear(&a);
}

static char *repeat(const char *s, size_t n)
{
	size_t len = strlen(s);
	char *out = xmalloc(len * n + 1);

	for (size_t i = 0; i < n; i++)
		memcpy(out + i * len, s, len);
	out[len * n] = '\0';
	return out;
}

static void test_long_notes_cut(void **state)
{
	struct answer a = { 0 };
	struct wasync_cut cut = { 0 };
	struct answer back;
	cJSON *in, *tool;
	const char *notes;

	(void)state;
	a.question = xstrdup("REL01");
	a.notes = repeat("é日x", 1000); /* 3,000 characters, 6,000 bytes */
	sel(&a, "REL01-BP01");
	answer_set_bp_na(&a, "REL01-BP02", NA_OTHER, a.notes);
	in = wasync_answer_input(Q("REL01"), &a, NULL, "checkout.yaml", &cut);
	notes = str(in, "Notes");
	assert_int_equal(utf8_len(notes), WASYNC_NOTES_MAX);
	assert_int_equal(cut.notes_chars, 3000);
	assert_non_null(strstr(notes, "the whole note is in checkout.yaml, answers.REL01]"));
	assert_memory_equal(notes, a.notes, 1000);
	assert_int_equal(cut.n_choices, 1);
	assert_string_equal(cut.choices[0], "REL01-BP02");
	assert_int_equal(utf8_len(str(cJSON_GetObjectItemCaseSensitive(
	                                      cJSON_GetObjectItemCaseSensitive(in, "ChoiceUpdates"),
	                                      "q1_c2"),
	                              "Notes")),
	                 WASYNC_CHOICE_NOTES_MAX);
	/* Pulled back, the review keeps the whole notes the Tool holds cut copies of. */
	tool = apply(in);
	assert_false(wasync_tool_differs(Q("REL01"), &a, tool, "checkout.yaml"));
	wasync_answer_from_tool(Q("REL01"), tool, &a, "checkout.yaml", &back);
	assert_string_equal(back.notes, a.notes);
	assert_string_equal(answer_bp_na(&back, "REL01-BP02")->note, a.notes);
	/* Without the review's copy, the cut text is what there is. */
	answer_clear(&back);
	wasync_answer_from_tool(Q("REL01"), tool, NULL, "checkout.yaml", &back);
	assert_string_equal(back.notes, notes);
	answer_clear(&back);
	wasync_cut_clear(&cut);
	cJSON_Delete(tool);
	cJSON_Delete(in);
	answer_clear(&a);
}

static void test_round_trip(void **state)
{
	struct answer a = { 0 }, back;
	cJSON *in, *tool;

	(void)state;
	a.question = xstrdup("REL03");
	a.na = NA_OUT_OF_SCOPE;
	a.na_note = xstrdup("single service");
	a.notes = xstrdup("line one\n\nline two");
	a.flagged = true;
	sel(&a, "REL03-BP01");
	answer_set_bp_na(&a, "REL03-BP03", NA_ARCHITECTURE_CONSTRAINTS, "legacy");
	in = wasync_answer_input(Q("REL03"), &a, NULL, "r.yaml", NULL);
	tool = apply(in);
	/* Pulled with no review to lean on, everything comes back from the Tool's text. */
	wasync_answer_from_tool(Q("REL03"), tool, NULL, "r.yaml", &back);
	assert_int_equal(back.n_selected, 1);
	assert_string_equal(back.selected[0], "REL03-BP01");
	assert_int_equal(back.na, NA_OUT_OF_SCOPE);
	assert_string_equal(back.na_note, "single service");
	assert_string_equal(back.notes, "line one\n\nline two");
	assert_int_equal(answer_bp_na(&back, "REL03-BP03")->reason, NA_ARCHITECTURE_CONSTRAINTS);
	assert_string_equal(answer_bp_na(&back, "REL03-BP03")->note, "legacy");
	assert_false(back.flagged);
	assert_false(wasync_tool_differs(Q("REL03"), &back, tool, "r.yaml"));
	answer_clear(&back);
	/* The flag is the review's own and survives a pull. */
	wasync_answer_from_tool(Q("REL03"), tool, &a, "r.yaml", &back);
	assert_true(back.flagged);
	answer_clear(&back);
	cJSON_Delete(tool);
	cJSON_Delete(in);
	answer_clear(&a);
}

static void test_canon_and_digest(void **state)
{
	struct answer a = { 0 };
	cJSON *in, *tool;
	char *x, *y, d1[WASYNC_DIGEST_LEN], d2[WASYNC_DIGEST_LEN];

	(void)state;
	a.question = xstrdup("REL01");
	sel(&a, "REL01-BP02");
	sel(&a, "REL01-BP01");
	in = wasync_answer_input(Q("REL01"), &a, NULL, "r.yaml", NULL);
	tool = apply(in);
	/* The Tool's order of choices is its own: the canonical form sorts. */
	cJSON_ReplaceItemInObjectCaseSensitive(tool, "SelectedChoices",
	                                       cJSON_Parse("[\"q1_c2\",\"q1_c1\"]"));
	x = wasync_canon_input(in);
	y = wasync_canon_tool(tool);
	assert_string_equal(x, y);
	wasync_digest(y, d1);
	assert_int_equal(strlen(d1), 64);
	free(y);
	/* A changed note in the Tool is a change. */
	cJSON_ReplaceItemInObjectCaseSensitive(tool, "Notes", cJSON_CreateString("edited"));
	assert_true(wasync_tool_differs(Q("REL01"), &a, tool, "r.yaml"));
	y = wasync_canon_tool(tool);
	wasync_digest(y, d2);
	assert_string_not_equal(d1, d2);
	free(x);
	free(y);
	cJSON_Delete(tool);
	cJSON_Delete(in);
	answer_clear(&a);
}

static void test_open_practices_not_pushed(void **state)
{
	struct answer a = { 0 };

	(void)state;
	a.question = xstrdup("REL01");
	sel(&a, "REL01-BP01");
	assert_true(wasync_pushable(&a));
	a.open = xcalloc(1, sizeof(char *));
	a.open[0] = xstrdup("REL01-BP02");
	a.n_open = 1;
	assert_false(wasync_pushable(&a));
	/* Not applicable covers the whole question, open practices or not. */
	a.na = NA_OTHER;
	assert_true(wasync_pushable(&a));
	assert_false(wasync_pushable(NULL));
	answer_clear(&a);
}

static void test_lens_differences(void **state)
{
	struct answer a = { 0 };
	cJSON *tool =
	        cJSON_Parse("{\"Choices\":[{\"ChoiceId\":\"q1_c1\"},{\"ChoiceId\":\"q1_no\"}],"
	                    "\"SelectedChoices\":[\"q1_c1\",\"q1_c9\"]}");

	(void)state;
	a.question = xstrdup("REL01");
	sel(&a, "REL01-BP01");
	assert_null(wasync_missing_choice(Q("REL01"), &a, tool));
	sel(&a, "REL01-BP03");
	assert_string_equal(wasync_missing_choice(Q("REL01"), &a, tool), "q1_c3");
	assert_string_equal(wasync_unknown_choice(Q("REL01"), tool), "q1_c9");
	assert_ptr_equal(wasync_question(qs, "q2"), Q("REL02"));
	assert_null(wasync_question(qs, "nope"));
	cJSON_Delete(tool);
	answer_clear(&a);
}

static void test_milestones(void **state)
{
	char *bp = "REL01-BP02";
	struct ms_question sq = {
		.question = "REL01", .risk = QRISK_MEDIUM, .selected = &bp, .n_selected = 1
	};
	struct ms_question none = { .question = "REL02", .risk = QRISK_HIGH };
	struct ms_question na = { .question = "REL03", .risk = QRISK_NOT_APPLICABLE };
	cJSON *in, *sums;
	struct milestone *m;
	char *s;

	(void)state;
	in = wasync_milestone_input(Q("REL01"), &sq, NULL);
	s = selected_text(in);
	assert_string_equal(s, "[\"q1_c2\"]");
	free(s);
	cJSON_Delete(in);
	in = wasync_milestone_input(Q("REL02"), &none, NULL);
	s = selected_text(in);
	assert_string_equal(s, "[\"q2_no\"]");
	free(s);
	cJSON_Delete(in);
	in = wasync_milestone_input(Q("REL03"), &na, NULL);
	assert_true(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(in, "IsApplicable")));
	assert_string_equal(str(in, "Reason"), "OTHER");
	cJSON_Delete(in);
	sums = cJSON_Parse("[{\"QuestionId\":\"q1\",\"Risk\":\"MEDIUM\",\"SelectedChoices\":"
	                   "[\"q1_c2\",\"q1_c7\"]},{\"QuestionId\":\"q3\",\"Risk\":"
	                   "\"NOT_APPLICABLE\",\"SelectedChoices\":[]}]");
	m = wasync_milestone_from_tool(qs, "baseline", "2026-01-01T00:00:00Z", sums);
	assert_int_equal(m->n_questions, qs->n_questions);
	assert_int_equal(m->questions[0].risk, QRISK_MEDIUM);
	assert_int_equal(m->questions[0].n_selected, 1);
	assert_string_equal(m->questions[0].selected[0], "REL01-BP02");
	assert_int_equal(m->questions[1].risk, QRISK_UNANSWERED);
	assert_int_equal(m->questions[2].risk, QRISK_NOT_APPLICABLE);
	milestone_free(m);
	cJSON_Delete(sums);
}

static void test_workload(void **state)
{
	struct review *rv = review_new();
	char msg[256];
	cJSON *in, *tool, *ch;

	(void)state;
	rv->wl.name = xstrdup("ab");
	assert_null(wasync_workload_input(rv, msg, sizeof(msg)));
	assert_non_null(strstr(msg, "3 to 100 characters"));
	free(rv->wl.name);
	rv->wl.name = xstrdup("checkout");
	rv->wl.environment = xstrdup("development");
	rv->wl.owner = xstrdup("ops");
	in = wasync_workload_input(rv, msg, sizeof(msg));
	assert_string_equal(str(in, "Environment"), "PREPRODUCTION");
	/* The Tool wants 3 to 250 characters of description: a review without one gets a
	 * plain sentence. */
	assert_string_equal(str(in, "Description"),
	                    "Reliability review of checkout, kept with wa-review");
	assert_string_equal(str(in, "ReviewOwner"), "ops");
	tool = cJSON_Parse("{\"WorkloadName\":\"checkout\",\"Environment\":\"PREPRODUCTION\","
	                   "\"Description\":\"old\",\"ReviewOwner\":\"ops\"}");
	ch = wasync_workload_changes(in, tool);
	assert_int_equal(cJSON_GetArraySize(ch), 1);
	assert_non_null(cJSON_GetObjectItemCaseSensitive(ch, "Description"));
	/* Pulled, PREPRODUCTION keeps our finer "development". */
	rv->wa_tool = xcalloc(1, sizeof(*rv->wa_tool));
	wasync_workload_from_tool(rv, tool);
	assert_string_equal(rv->wl.environment, "development");
	assert_string_equal(rv->wl.description, "old");
	cJSON_Delete(ch);
	cJSON_Delete(tool);
	cJSON_Delete(in);
	review_free(rv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_selected_and_notes),
		cmocka_unit_test(test_none_and_not_applicable),
		cmocka_unit_test(test_practice_not_applicable),
		cmocka_unit_test(test_practice_na_counts_as_met),
		cmocka_unit_test(test_long_notes_cut),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_canon_and_digest),
		cmocka_unit_test(test_open_practices_not_pushed),
		cmocka_unit_test(test_lens_differences),
		cmocka_unit_test(test_milestones),
		cmocka_unit_test(test_workload),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
