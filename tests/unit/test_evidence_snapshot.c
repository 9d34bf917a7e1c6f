/* The evidence snapshot: JSON in and out, refusals that name the member (and, in a review
 * file, its line and column), merging sweeps, suggestions and accepting them into answers,
 * and answers' sources surviving a save. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/evidence.h"
#include "evidence/suggest.h"
#include "model/risk.h"
#include "model/review.h"
#include "store/qset_load.h"
#include "store/review_io.h"
#include "util/xalloc.h"

static struct qset *qs;

static int setup(void **state)
{
	struct wa_err err;
	(void)state;
	err_clear(&err);
	return qset_load_builtin(&qs, &err);
}

static int teardown(void **state)
{
	(void)state;
	qset_free(qs);
	return 0;
}

/* A snapshot with three findings for REL10 and one for REL09, built as a sweep would. */
static const char SNAP[] =
        "{\"collected\": \"2026-11-20T10:00:00Z\", \"account\": \"111122223333\","
        " \"regions\": [\"eu-central-1\", \"eu-west-1\"], \"findings\": ["
        "{\"probe\": \"rds-multi-az\", \"question\": \"REL10\", \"title\": \"T\","
        " \"best_practices\": [\"REL10-BP01\"], \"collected\": \"2026-11-20T10:00:00Z\","
        " \"proves\": \"every_resource\", \"outcome\": \"fail\", \"results\": ["
        "  {\"region\": \"eu-west-1\", \"outcome\": \"fail\", \"text\": \"single-AZ: db1\","
        "   \"count\": 1, \"examined\": 2, \"defaults_left_out\": 1, \"out_of_scope\": 4,"
        "   \"cited\": [\"db1\"], \"unchecked\": [\"db9\"],"
        "   \"error\": {\"call\": \"rds:DescribeDBSnapshots in eu-west-1\", \"code\": "
        "\"Throttling\","
        "   \"message\": \"slow down\", \"http_status\": 400}},"
        "  {\"region\": \"eu-central-1\", \"outcome\": \"error\", \"text\": \"could not check\","
        "   \"error\": {\"call\": \"rds:DescribeDBInstances in eu-central-1\", \"code\": "
        "\"AccessDenied\","
        "   \"message\": \"no\", \"http_status\": 403}}]},"
        "{\"probe\": \"lambda-reserved-concurrency\", \"question\": \"REL10\", \"title\": \"T\","
        " \"best_practices\": [\"REL10-BP03\"], \"proves\": \"existence\", \"outcome\": \"pass\","
        " \"results\": ["
        "  {\"region\": \"eu-west-1\", \"outcome\": \"pass\", \"text\": \"ok\", \"count\": 1,"
        "   \"examined\": 3}]},"
        "{\"probe\": \"standalone-instances\", \"question\": \"REL10\", \"title\": \"T\","
        " \"best_practices\": [\"REL10-BP02\"], \"proves\": \"every_resource\","
        " \"outcome\": \"not_applicable\", \"results\": ["
        "  {\"region\": \"eu-west-1\", \"outcome\": \"not_applicable\", \"text\": \"none\","
        "   \"examined\": 0}]},"
        "{\"probe\": \"backup-plans\", \"question\": \"REL09\", \"title\": \"T\","
        " \"best_practices\": [\"REL09-BP03\"], \"pass_in\": \"any_region\","
        " \"proves\": \"existence\", \"outcome\": \"pass\","
        " \"results\": [{\"region\": \"eu-west-1\", \"outcome\": \"pass\", \"text\": \"ok\", "
        "\"count\": 1},"
        "  {\"region\": \"eu-central-1\", \"outcome\": \"fail\", \"text\": \"none\", \"count\": "
        "0}]}]}";

static struct evidence *parse(const char *json)
{
	cJSON *j = cJSON_Parse(json);
	struct evidence *ev = NULL;
	struct wa_err err;

	assert_non_null(j);
	err_clear(&err);
	if (evidence_from_json(j, qs, &ev, NULL, &err))
		fail_msg("from_json: %s", err.msg);
	cJSON_Delete(j);
	return ev;
}

static void test_round_trip(void **state)
{
	(void)state;
	struct evidence *ev = parse(SNAP), *back;
	cJSON *a = evidence_to_json(ev), *b;
	const struct finding *f;

	f = evidence_find(ev, "rds-multi-az");
	assert_int_equal(f->outcome, OUTCOME_FAIL);
	assert_int_equal(f->results[1].fault.http_status, 403);
	assert_string_equal(f->results[0].cited[0], "db1");
	assert_int_equal(f->proves, PROVES_EVERY_RESOURCE);
	assert_int_equal(f->results[0].defaults, 1);
	assert_int_equal(f->results[0].out_of_scope, 4);
	assert_int_equal(f->results[0].n_unchecked, 1);
	assert_string_equal(f->results[0].unchecked[0], "db9");
	assert_string_equal(f->results[0].fault.code, "Throttling");
	assert_true(evidence_find(ev, "backup-plans")->any_region);
	{
		char *s = cJSON_PrintUnformatted(a);
		back = parse(s);
		free(s);
	}
	b = evidence_to_json(back);
	assert_true(cJSON_Compare(a, b, 1));
	/* JSON out holds exactly what came in. */
	{
		cJSON *orig = cJSON_Parse(SNAP);
		assert_true(cJSON_Compare(orig, a, 1));
		cJSON_Delete(orig);
	}
	cJSON_Delete(a);
	cJSON_Delete(b);
	evidence_free(ev);
	evidence_free(back);
}

/* from_json on SNAP with one substitution must fail naming path, and *at the node. */
static void refused(const char *from, const char *to, const char *needle, const char *at_key)
{
	char *s = xstrdup(SNAP), *p = strstr(s, from), *t;
	cJSON *j;
	struct evidence *ev = NULL;
	const cJSON *at = NULL;
	struct wa_err err;

	assert_non_null(p);
	t = xasprintf("%.*s%s%s", (int)(p - s), s, to, p + strlen(from));
	j = cJSON_Parse(t);
	assert_non_null(j);
	err_clear(&err);
	assert_int_equal(evidence_from_json(j, qs, &ev, &at, &err), -1);
	assert_null(ev);
	if (!strstr(err.msg, needle))
		fail_msg("expected '%s' in '%s'", needle, err.msg);
	assert_non_null(at);
	if (at_key && (!at->string || strcmp(at->string, at_key)))
		fail_msg("at %s, expected %s", at->string ? at->string : "(no key)", at_key);
	cJSON_Delete(j);
	free(t);
	free(s);
}

/* A finding's outcome is what its results make it, whatever the file says: a snapshot from
 * a version with another rule reads under today's. Old snapshots (no "proves") claim only
 * existence. any_region passes on one Region only when no other Region is unknown. */
static void test_outcome_follows_results(void **state)
{
	(void)state;
	struct evidence *ev = parse(
	        "{\"regions\": [\"eu-west-1\", \"us-east-1\"], \"findings\": ["
	        "{\"probe\": \"backup-plans\", \"question\": \"REL09\", \"title\": \"T\","
	        " \"best_practices\": [\"REL09-BP03\"], \"pass_in\": \"any_region\","
	        " \"outcome\": \"pass\", \"results\": ["
	        "  {\"region\": \"eu-west-1\", \"outcome\": \"pass\", \"text\": \"ok\"},"
	        "  {\"region\": \"us-east-1\", \"outcome\": \"error\", \"text\": \"denied\","
	        "   \"error\": {\"message\": \"AccessDenied\"}}]},"
	        "{\"probe\": \"rds-multi-az\", \"question\": \"REL10\", \"title\": \"T\","
	        " \"best_practices\": [\"REL10-BP01\"], \"outcome\": \"pass\", \"results\": ["
	        "  {\"region\": \"eu-west-1\", \"outcome\": \"fail\", \"text\": \"db1\"}]}]}");

	assert_int_equal(ev->findings[0].outcome, OUTCOME_ERROR);
	assert_int_equal(ev->findings[0].proves, PROVES_EXISTENCE);
	assert_int_equal(ev->findings[1].outcome, OUTCOME_FAIL);
	evidence_free(ev);
}

/* Several accounts: each result names its account; "used somewhere" is asked of each
 * account, so one account's passing Region says nothing of another account's; the
 * accounts and each result's account survive the JSON round trip; a bad account ID in
 * the list is refused by position. */
static void test_accounts(void **state)
{
	(void)state;
	static const char head[] =
	        "{\"accounts\": [\"111122223333\", \"444455556666\"], \"regions\": "
	        "[\"eu-west-1\", \"us-east-1\"], \"findings\": ["
	        "{\"probe\": \"backup-plans\", \"question\": \"REL09\", \"title\": \"T\","
	        " \"best_practices\": [\"REL09-BP03\"], \"pass_in\": \"any_region\","
	        " \"outcome\": \"pass\", \"results\": ["
	        "  {\"account\": \"111122223333\", \"region\": \"eu-west-1\", \"outcome\": "
	        "\"pass\", \"text\": \"ok\"},"
	        "  {\"account\": \"111122223333\", \"region\": \"us-east-1\", \"outcome\": "
	        "\"fail\", \"text\": \"none\"},"
	        "  {\"account\": \"444455556666\", \"region\": \"eu-west-1\", \"outcome\": ";
	char *doc = xasprintf("%s%s", head, "\"fail\", \"text\": \"none\"}]}]}");
	struct evidence *ev = parse(doc), *back;
	cJSON *j;
	char where[64];
	struct wa_err err;

	err_clear(&err);
	/* passes in one Region of the first account, in none of the second: not a pass */
	assert_int_equal(ev->findings[0].outcome, OUTCOME_FAIL);
	assert_int_equal(ev->n_accounts, 2);
	assert_string_equal(region_result_where(&ev->findings[0].results[2], where, sizeof(where)),
	                    "444455556666 eu-west-1");
	j = evidence_to_json(ev);
	assert_int_equal(evidence_from_json(j, qs, &back, NULL, &err), 0);
	assert_string_equal(back->accounts[1], "444455556666");
	assert_string_equal(back->findings[0].results[2].account, "444455556666");
	cJSON_Delete(j);
	evidence_free(back);
	evidence_free(ev);
	free(doc);
	/* once the second account has it somewhere too, the finding passes */
	doc = xasprintf("%s%s", head, "\"pass\", \"text\": \"ok\"}]}]}");
	ev = parse(doc);
	assert_int_equal(ev->findings[0].outcome, OUTCOME_PASS);
	evidence_free(ev);
	free(doc);
	/* without accounts on the results, one Region of the lot is enough, as before */
	assert_int_equal(
	        finding_outcome((struct region_result[]){ { .outcome = OUTCOME_PASS },
	                                                  { .outcome = OUTCOME_NOT_APPLICABLE } },
	                        2, true),
	        OUTCOME_PASS);
	refused("\"account\": \"111122223333\"",
	        "\"account\": \"111122223333\", \"accounts\": [\"111122223333\", \"12\"]",
	        "accounts[1]: expected a 12-digit account ID", NULL);
}

static void test_refusals_name_the_member(void **state)
{
	(void)state;
	refused("\"outcome\": \"fail\", \"results\"", "\"outcome\": \"failed\", \"results\"",
	        "evidence.findings[0].outcome: expected one of not_applicable, pass, error, fail",
	        "outcome");
	refused("\"proves\": \"every_resource\", \"outcome\": \"fail\"",
	        "\"proves\": \"all\", \"outcome\": \"fail\"",
	        "evidence.findings[0].proves: expected every_resource, part or existence",
	        "proves");
	refused("\"account\": \"111122223333\"", "\"account\": \"1111\"",
	        "expected a 12-digit account ID", "account");
	refused("\"question\": \"REL10\"", "\"question\": \"REL99\"",
	        "evidence.findings[0].question: 'REL99' is not a question of set 'reliability'",
	        "question");
	refused("[\"REL10-BP03\"]", "[\"REL09-BP03\"]",
	        "findings[1].best_practices[0]: 'REL09-BP03' is not a best practice of REL10",
	        NULL);
	refused("\"results\": [{\"region\": \"eu-west-1\", \"outcome\": \"pass\", \"text\": "
	        "\"ok\", \"count\": 1},",
	        "\"results\": [], \"r\": [{\"region\": \"eu-west-1\", \"outcome\": \"pass\", "
	        "\"text\": \"ok\", \"count\": 1},",
	        "unknown key 'r'", "r");
	refused("\"http_status\": 403", "\"http_status\": 403, \"retry\": 1",
	        "evidence.findings[0].results[1].error: unknown key 'retry'", "retry");
	refused("\"text\": \"ok\", \"count\": 1,",
	        "\"text\": \"ok\", \"count\": 1, "
	        "\"error\": {\"message\": \"x\"},",
	        "only an error result, or one with unchecked items, has 'error'", "error");
	refused("\"text\": \"could not check\",", "\"text\": \"could not check\", \"x\": 1, ",
	        "results[1]: unknown key 'x'", "x");
	refused("\"probe\": \"standalone-instances\"", "\"probe\": \"rds-multi-az\"",
	        "probe 'rds-multi-az' has two findings", "probe");
	refused("\"pass_in\": \"any_region\"", "\"pass_in\": \"some\"",
	        "findings[3].pass_in: expected any_region", "pass_in");
	refused("\"cited\": [\"db1\"]", "\"cited\": [\"db1\", 7]",
	        "cited[1]: expected a non-empty string", NULL);
	refused(", \"findings\": [", ", \"findings\": {}, \"f\": [", "unknown key 'f'", "f");
}

static void test_merge(void **state)
{
	(void)state;
	struct evidence *old = parse(SNAP);
	struct evidence *newer = parse(
	        "{\"collected\": \"2026-11-26T10:00:00Z\", \"account\": \"111122223333\","
	        " \"regions\": [\"us-east-1\"], \"findings\": ["
	        "{\"probe\": \"rds-multi-az\", \"question\": \"REL10\", \"title\": \"T\","
	        " \"best_practices\": [\"REL10-BP01\"], \"outcome\": \"pass\", \"results\": ["
	        "  {\"region\": \"us-east-1\", \"outcome\": \"pass\", \"text\": \"all Multi-AZ\", "
	        "\"count\": 0}]},"
	        "{\"probe\": \"quota-usage-alarms\", \"question\": \"REL01\", \"title\": \"T\","
	        " \"best_practices\": [\"REL01-BP04\"], \"outcome\": \"fail\", \"results\": ["
	        "  {\"region\": \"us-east-1\", \"outcome\": \"fail\", \"text\": \"none\", "
	        "\"count\": 0}]}]}");
	struct evidence *m = evidence_merge(old, newer, qs), *other;

	assert_string_equal(m->collected, "2026-11-26T10:00:00Z");
	assert_int_equal(m->n_findings, 5);
	/* question-set order: REL01 first, then REL09, then REL10's in probe order */
	assert_string_equal(m->findings[0].probe, "quota-usage-alarms");
	assert_string_equal(m->findings[1].probe, "backup-plans");
	assert_string_equal(m->findings[2].probe, "rds-multi-az");
	assert_int_equal(m->findings[2].outcome, OUTCOME_PASS); /* the newer one */
	assert_int_equal(m->n_regions, 3);
	assert_string_equal(m->regions[2], "us-east-1");

	/* Another account's sweep replaces everything. */
	other = parse("{\"account\": \"999988887777\", \"regions\": [], \"findings\": []}");
	m = evidence_merge(m, other, qs);
	assert_int_equal(m->n_findings, 0);
	assert_string_equal(m->account, "999988887777");
	evidence_free(m);
	assert_null(evidence_merge(NULL, NULL, qs));
}

static void test_store_in_a_review(void **state)
{
	(void)state;
	struct review *rv = review_new();
	struct evidence *ev = parse(SNAP);
	cJSON *want[4];

	evidence_store(rv, qs, ev);
	evidence_store(rv, qs, ev); /* again: merged, not doubled */
	assert_non_null(rv->evidence);
	assert_int_equal(rv->evidence->n_findings, 4);
	assert_int_equal(ev->n_findings, 4); /* the caller's snapshot is left whole */
	/* The review holds its own copy, in question-set order: freeing the caller's snapshot
	 * leaves it intact. */
	for (size_t i = 0; i < 4; i++)
		want[i] = finding_to_json(&ev->findings[i]);
	evidence_free(ev);
	for (size_t i = 0; i < 4; i++) {
		const cJSON *probe = cJSON_GetObjectItem(want[i], "probe");
		const struct finding *f = evidence_find(rv->evidence, probe->valuestring);
		cJSON *got;

		assert_non_null(f);
		got = finding_to_json(f);
		assert_true(cJSON_Compare(want[i], got, 1));
		cJSON_Delete(got);
		cJSON_Delete(want[i]);
	}
	assert_string_equal(rv->evidence->findings[0].question, "REL09");
	review_free(rv);
}

static void test_suggestions(void **state)
{
	(void)state;
	struct evidence *ev = parse(SNAP);
	const struct question *q = qset_find_question(qs, "REL10");
	struct bp_suggestion *s = suggest_question(q, ev);
	char *t;

	/* an offender in eu-west-1, though eu-central-1 could not be checked */
	assert_int_equal(s[0].v.verdict, VERDICT_NOT_IMPLEMENTED);
	assert_int_equal(s[0].v.n_reasons, 1);
	assert_string_equal(s[0].v.reasons[0].f->probe, "rds-multi-az");
	assert_int_equal(s[1].v.verdict, VERDICT_NO_EVIDENCE); /* only "none found" */
	assert_int_equal(s[1].v.n_reasons, 1);
	/* lambda-reserved-concurrency only shows that something exists */
	assert_int_equal(s[2].v.verdict, VERDICT_PARTLY_SHOWN);
	assert_false(suggest_decides(s[2].v.verdict));
	t = verdict_reason_text(&s[0].v.reasons[0]);
	assert_string_equal(t, "FAIL rds-multi-az (eu-west-1): single-AZ: db1");
	free(t);
	suggest_free(s, q->n_bps);

	/* No evidence at all: every practice "no evidence", no reasons. */
	s = suggest_question(q, NULL);
	for (size_t i = 0; i < q->n_bps; i++) {
		assert_int_equal(s[i].v.verdict, VERDICT_NO_EVIDENCE);
		assert_int_equal(s[i].v.n_reasons, 0);
	}
	suggest_free(s, q->n_bps);

	/* An any_region existence probe that found plans in one Region: partly shown. */
	q = qset_find_question(qs, "REL09");
	s = suggest_question(q, ev);
	assert_int_equal(s[2].v.verdict, VERDICT_PARTLY_SHOWN);
	suggest_free(s, q->n_bps);
	evidence_free(ev);
}

static void test_accept_into_an_answer(void **state)
{
	(void)state;
	struct evidence *ev = parse(SNAP);
	const struct question *q = qset_find_question(qs, "REL10");
	struct bp_suggestion *s = suggest_question(q, ev);
	struct review *rv = review_new();
	struct answer *a = review_get(rv, "REL10");
	const char *only[] = { "REL10-BP03" };

	a->selected = xcalloc(4, sizeof(char *));
	a->selected[a->n_selected++] = xstrdup("REL10-BP01"); /* the reviewers thought so */
	/* BP03 is only partly shown: accepting it decides nothing */
	assert_int_equal(suggest_accept(q, a, s, only, 1), 0);
	assert_int_equal(a->n_selected, 1);
	assert_int_equal(answer_source(a, "REL10-BP03"), SOURCE_REVIEWER);
	/* All of them: BP01 is unticked on evidence; the others stay as they were. */
	assert_int_equal(suggest_accept(q, a, s, NULL, 0), 1);
	assert_int_equal(a->n_selected, 0);
	assert_int_equal(answer_source(a, "REL10-BP01"), SOURCE_EVIDENCE);
	assert_int_equal(answer_source(a, "REL10-BP02"), SOURCE_REVIEWER);
	assert_true(answer_is_complete(a)); /* the reviewers had answered the question */
	suggest_free(s, q->n_bps);
	review_free(rv);

	/* A question nobody answered: the gap is recorded at once, the rest stay open. */
	rv = review_new();
	a = review_get(rv, "REL10");
	s = suggest_question(q, ev);
	assert_int_equal(suggest_accept(q, a, s, NULL, 0), 1);
	assert_true(answer_is_answered(a));
	assert_false(answer_is_complete(a));
	assert_int_equal(answer_bp_state(a, "REL10-BP01"), BP_MISSING);
	assert_int_equal(answer_bp_state(a, "REL10-BP02"), BP_OPEN);
	assert_int_equal(answer_bp_state(a, "REL10-BP03"), BP_OPEN);
	assert_int_equal(risk_question(q, a), QRISK_HIGH); /* REL10-BP01 is high risk */
	suggest_free(s, q->n_bps);
	evidence_free(ev);

	/* Every practice not implemented: the answer becomes "none of these". */
	ev = parse("{\"findings\": [{\"probe\": \"x\", \"question\": \"REL10\", \"title\": \"T\","
	           " \"best_practices\": [\"REL10-BP01\", \"REL10-BP02\", \"REL10-BP03\"],"
	           " \"proves\": \"every_resource\","
	           " \"outcome\": \"fail\", \"results\": [{\"region\": \"global\","
	           " \"outcome\": \"fail\", \"text\": \"t\", \"count\": 1}]}]}");
	s = suggest_question(q, ev);
	assert_int_equal(suggest_accept(q, a, s, NULL, 0), 3);
	assert_int_equal(a->n_selected, 0);
	assert_true(a->none_of_these);
	suggest_free(s, q->n_bps);
	evidence_free(ev);
	review_free(rv);
}

static const char HEAD[] = "schema: 1\nquestion_set:\n  id: reliability\nworkload:\n  name: w\n";

static void load_fails(const char *tail, int line, int col, const char *needle)
{
	char *t = xasprintf("%s%s", HEAD, tail);
	struct review *rv = NULL;
	struct wa_err err;

	err_clear(&err);
	assert_int_equal(review_parse("r.yaml", t, strlen(t), qs, &rv, &err), -1);
	if (err.line != line || err.col != col || !strstr(err.msg, needle))
		fail_msg("expected r.yaml:%d:%d: …%s…, got %d:%d: %s", line, col, needle, err.line,
		         err.col, err.msg);
	free(t);
}

static void test_review_file(void **state)
{
	(void)state;
	struct review *rv = review_new(), *back = NULL;
	struct answer *a;
	struct wa_err err;
	char *text, *again;

	rv->set_id = xstrdup("reliability");
	rv->wl.name = xstrdup("w");
	rv->evidence = parse(SNAP);
	a = review_get(rv, "REL10");
	a->selected = xcalloc(2, sizeof(char *));
	a->selected[a->n_selected++] = xstrdup("REL10-BP03");
	answer_set_source(a, "REL10-BP03", SOURCE_EVIDENCE);
	answer_set_source(a, "REL10-BP01", SOURCE_REVIEWER);
	text = review_format(rv, qs);
	/* sources in best-practice order */
	assert_non_null(strstr(text, "    sources:\n      REL10-BP01: reviewer\n"
	                             "      REL10-BP03: evidence\n"));
	err_clear(&err);
	assert_int_equal(review_parse("r.yaml", text, strlen(text), qs, &back, &err), 0);
	{
		cJSON *x = evidence_to_json(back->evidence), *y = evidence_to_json(rv->evidence);
		assert_true(cJSON_Compare(x, y, 1));
		cJSON_Delete(x);
		cJSON_Delete(y);
	}
	assert_int_equal(answer_source(review_find(back, "REL10"), "REL10-BP03"), SOURCE_EVIDENCE);
	assert_int_equal(review_find(back, "REL10")->n_sources, 2);
	again = review_format(back, qs);
	assert_string_equal(text, again);
	free(again);
	free(text);
	review_free(back);
	review_free(rv);

	/* An answer that holds only sources is kept. */
	rv = review_new();
	answer_set_source(review_get(rv, "REL02"), "REL02-BP01", SOURCE_REVIEWER);
	text = review_format(rv, qs);
	assert_non_null(strstr(text, "  REL02:\n    sources:\n      REL02-BP01: reviewer\n"));
	free(text);
	review_free(rv);
}

static void test_review_file_refusals(void **state)
{
	(void)state;
	load_fails("answers:\n  REL10:\n    sources: {REL10-BP01: robot}\n", 8, 27,
	           "REL10.sources.REL10-BP01: expected evidence or reviewer");
	load_fails("answers:\n  REL10:\n    sources: {REL09-BP01: evidence}\n", 8, 15,
	           "REL10.sources: REL09-BP01 is not a best practice of REL10");
	load_fails("evidence:\n  findings:\n    - probe: p\n      question: REL10\n      title: T\n"
	           "      best_practices: [REL10-BP01]\n      outcome: passed\n      results: []\n",
	           12, 16, "evidence.findings[0].outcome: expected one of");
	load_fails("evidence:\n  account: 111122223333\n  findings: []\n", 7, 12,
	           "expected a non-empty string");
	load_fails("evidence:\n  findings: []\n  extra: 1\n", 8, 10,
	           "evidence: unknown key 'extra'");
	load_fails("evidence: [1]\n", 6, 11, "evidence: expected a mapping");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_refusals_name_the_member),
		cmocka_unit_test(test_outcome_follows_results),
		cmocka_unit_test(test_accounts),
		cmocka_unit_test(test_merge),
		cmocka_unit_test(test_store_in_a_review),
		cmocka_unit_test(test_suggestions),
		cmocka_unit_test(test_accept_into_an_answer),
		cmocka_unit_test(test_review_file),
		cmocka_unit_test(test_review_file_refusals),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
