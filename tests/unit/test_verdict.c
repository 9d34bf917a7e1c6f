/* The verdict per best practice (model/verdict.h): every rule, on snapshots shaped like the
 * defects it replaced — a pass beside a probe that could not run, partial fan-outs, an
 * any_region pass beside an unknown Region, existence passing for a whole practice. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/verdict.h"
#include "util/xalloc.h"

/* A snapshot from JSON (no set: IDs are not checked here). */
static struct evidence *snap(const char *findings)
{
	char *text = xasprintf("{\"regions\": [\"eu-west-1\", \"us-east-1\"], \"findings\": [%s]}",
	                       findings);
	cJSON *j = cJSON_Parse(text);
	struct evidence *ev = NULL;
	struct wa_err err;

	assert_non_null(j);
	err_clear(&err);
	if (evidence_from_json(j, NULL, &ev, NULL, &err))
		fail_msg("snapshot: %s", err.msg);
	cJSON_Delete(j);
	free(text);
	return ev;
}

/* One finding for REL10-BP01: probe id, proves, pass_in, and the results' JSON (freed). */
static char *finding(const char *probe, const char *proves, const char *pass_in, char *results)
{
	char *f = xasprintf("{\"probe\": \"%s\", \"question\": \"REL10\", \"title\": \"T %s\","
	                    " \"best_practices\": [\"REL10-BP01\"], \"proves\": \"%s\"%s%s%s,"
	                    " \"outcome\": \"pass\", \"results\": [%s]}",
	                    probe, probe, proves, pass_in ? ", \"pass_in\": \"" : "",
	                    pass_in ? pass_in : "", pass_in ? "\"" : "", results);

	free(results);
	return f;
}

/* One finding of an AWS Config rule for REL10-BP01, with the probe of ours it matches, and
 * the results' JSON (freed). */
static char *config_finding(const char *probe, const char *same_as, char *results)
{
	char *f = finding(probe, "every_resource", NULL, results);
	char *at = strstr(f, ", \"outcome\"");
	char *out = xasprintf("%.*s, \"source\": \"aws_config\", \"same_as\": \"%s\"%s",
	                      (int)(at - f), f, same_as, at);

	free(f);
	return out;
}

static const char PASS[] = "{\"region\": \"eu-west-1\", \"outcome\": \"pass\", \"text\": "
                           "\"all 3 fine\", \"count\": 0, \"examined\": 3}";
static const char FAIL_DB1[] = "{\"region\": \"eu-west-1\", \"outcome\": \"fail\", \"text\": "
                               "\"single-AZ: db1\", \"count\": 1, \"examined\": 2, "
                               "\"cited\": [\"db1\"]}";
static const char DENIED[] = "{\"region\": \"us-east-1\", \"outcome\": \"error\", \"text\": "
                             "\"could not check\", \"error\": {\"call\": "
                             "\"dynamodb:ListTables in us-east-1\", \"code\": "
                             "\"AccessDenied\", \"message\": \"no\"}}";
static const char NONE_FOUND[] = "{\"region\": \"eu-west-1\", \"outcome\": \"fail\", \"text\": "
                                 "\"no health checks\", \"count\": 0}";
static const char NA[] = "{\"region\": \"eu-west-1\", \"outcome\": \"not_applicable\", "
                         "\"text\": \"none found\", \"examined\": 0}";

/* The verdict for REL10-BP01 of the findings given (NULL-terminated, each freed). */
static enum verdict verdict_of(char **why, ...)
{
	char *all = xstrdup(""), *f;
	va_list ap;
	struct evidence *ev;
	struct bp_verdict v;
	enum verdict out;

	va_start(ap, why);
	while ((f = va_arg(ap, char *))) {
		char *next = xasprintf("%s%s%s", all, *all ? ", " : "", f);
		free(all);
		free(f);
		all = next;
	}
	va_end(ap);
	ev = snap(all);
	verdict_for_bp(ev, "REL10-BP01", &v);
	out = v.verdict;
	*why = xstrdup(v.why);
	bp_verdict_clear(&v);
	evidence_free(ev);
	free(all);
	return out;
}

static void expect_verdict(enum verdict got, char *why, enum verdict want, const char *needle)
{
	if (got != want || !strstr(why, needle))
		fail_msg("got %s (%s), want %s with '%s'", verdict_name(got), why,
		         verdict_name(want), needle);
	free(why);
}

static void test_offender_wins_over_everything(void **state)
{
	char *why;
	(void)state;
	/* an offender stays named though another Region could not be checked */
	enum verdict got =
	        verdict_of(&why,
	                   finding("rds-multi-az", "every_resource", NULL,
	                           xasprintf("%s, %s", FAIL_DB1, DENIED)),
	                   finding("asg-multi-az", "every_resource", NULL, xstrdup(PASS)), NULL);
	expect_verdict(got, why, VERDICT_NOT_IMPLEMENTED,
	               "rds-multi-az found 1 offender in eu-west-1: single-AZ: db1");
}

static void test_a_pass_beside_an_error_is_not_verified(void **state)
{
	char *why;
	(void)state;
	enum verdict got =
	        verdict_of(&why, finding("asg-multi-az", "every_resource", NULL, xstrdup(PASS)),
	                   finding("dynamodb-pitr", "every_resource", NULL, xstrdup(DENIED)), NULL);
	expect_verdict(got, why, VERDICT_NOT_VERIFIED,
	               "dynamodb-pitr could not run in us-east-1: AccessDenied");
}

static void test_unchecked_items_are_not_verified(void **state)
{
	char *why;
	(void)state;
	/* 9 of 10 buckets answered and passed; the tenth was denied */
	enum verdict got =
	        verdict_of(&why,
	                   finding("s3-versioning", "every_resource", NULL,
	                           xstrdup("{\"region\": \"global\", \"outcome\": \"error\", "
	                                   "\"text\": \"9 checked, 1 could not be\", "
	                                   "\"examined\": 9, \"unchecked\": [\"b10\"], \"error\": "
	                                   "{\"call\": \"s3:GetBucketVersioning (global)\", "
	                                   "\"code\": \"AccessDenied\", \"message\": \"no\"}}")),
	                   NULL);
	expect_verdict(got, why, VERDICT_NOT_VERIFIED,
	               "s3-versioning could not check 1 item in global");
}

static void test_every_resource_pass_is_implemented(void **state)
{
	char *why;
	(void)state;
	enum verdict got =
	        verdict_of(&why, finding("asg-multi-az", "every_resource", NULL, xstrdup(PASS)),
	                   finding("rds-multi-az", "every_resource", NULL, xstrdup(NA)), NULL);
	expect_verdict(got, why, VERDICT_IMPLEMENTED, "asg-multi-az checked every resource");
}

static void test_existence_alone_is_partly_shown(void **state)
{
	char *why;
	(void)state;
	/* one queue exists: a mechanism is there, no probe checked the resources */
	enum verdict got = verdict_of(&why,
	                              finding("sqs-queues", "existence", "any_region",
	                                      xasprintf("%s, %s", PASS, NONE_FOUND)),
	                              NULL);
	expect_verdict(got, why, VERDICT_PARTLY_SHOWN, "sqs-queues shows that it exists");
}

static void test_existence_beside_an_unknown_region(void **state)
{
	char *why;
	(void)state;
	/* any_region: found in one Region, the other could not be checked */
	enum verdict got =
	        verdict_of(&why,
	                   finding("backup-plans", "existence", "any_region",
	                           xasprintf("%s, %s", PASS, DENIED)),
	                   finding("asg-multi-az", "every_resource", NULL, xstrdup(PASS)), NULL);
	expect_verdict(got, why, VERDICT_NOT_VERIFIED, "backup-plans could not run in us-east-1");
}

static void test_nothing_found_by_an_existence_probe(void **state)
{
	char *why;
	(void)state;
	/* no sign of the mechanism is not proof it is missing, and it keeps a pass open */
	enum verdict got = verdict_of(
	        &why, finding("route53-health-checks", "existence", NULL, xstrdup(NONE_FOUND)),
	        finding("asg-multi-az", "every_resource", NULL, xstrdup(PASS)), NULL);
	expect_verdict(got, why, VERDICT_NOT_VERIFIED,
	               "route53-health-checks found none in eu-west-1");
}

/* A probe that checks every resource for one part of the practice decides nothing: its
 * pass shows that part, and resources without it leave the practice for people. */
static void test_part_of_the_practice(void **state)
{
	char *why;
	(void)state;
	enum verdict got = verdict_of(
	        &why, finding("lambda-timeout-chosen", "part", NULL, xstrdup(PASS)), NULL);
	expect_verdict(got, why, VERDICT_PARTLY_SHOWN,
	               "lambda-timeout-chosen checked one part of the practice on every resource");
	got = verdict_of(&why, finding("lambda-timeout-chosen", "part", NULL, xstrdup(FAIL_DB1)),
	                 finding("asg-multi-az", "every_resource", NULL, xstrdup(PASS)), NULL);
	expect_verdict(got, why, VERDICT_NOT_VERIFIED,
	               "lambda-timeout-chosen found 1 resource in eu-west-1 missing one part of "
	               "the practice, which alone does not decide it");
	/* a whole-practice offender still decides, and a whole-practice pass still proves */
	got = verdict_of(&why, finding("lambda-timeout-chosen", "part", NULL, xstrdup(PASS)),
	                 finding("rds-multi-az", "every_resource", NULL, xstrdup(FAIL_DB1)), NULL);
	expect_verdict(got, why, VERDICT_NOT_IMPLEMENTED, "rds-multi-az found 1 offender");
	got = verdict_of(&why, finding("lambda-timeout-chosen", "part", NULL, xstrdup(PASS)),
	                 finding("asg-multi-az", "every_resource", NULL, xstrdup(PASS)), NULL);
	expect_verdict(got, why, VERDICT_IMPLEMENTED, "asg-multi-az checked every resource");
}

static void test_no_evidence(void **state)
{
	char *why;
	(void)state;
	enum verdict got = verdict_of(
	        &why, finding("rds-multi-az", "every_resource", NULL, xstrdup(NA)), NULL);
	expect_verdict(got, why, VERDICT_NO_EVIDENCE, "nothing of the kind was found in scope");
	{
		struct bp_verdict v;

		verdict_for_bp(NULL, "REL10-BP01", &v);
		assert_int_equal(v.verdict, VERDICT_NO_EVIDENCE);
		assert_string_equal(v.why, "no probe looks at this practice");
		assert_int_equal(v.n_reasons, 0);
		bp_verdict_clear(&v);
	}
}

/* Reasons come in the order that decided: the failure first, then unknowns, then passes. */
static void test_reason_order_and_names(void **state)
{
	struct evidence *ev;
	struct bp_verdict v;
	char *a = finding("asg-multi-az", "every_resource", NULL, xstrdup(PASS));
	char *b = finding("dynamodb-pitr", "every_resource", NULL, xstrdup(DENIED));
	char *c = finding("rds-multi-az", "every_resource", NULL, xstrdup(FAIL_DB1));
	char *all = xasprintf("%s, %s, %s", a, b, c);
	char *line;

	(void)state;
	ev = snap(all);
	verdict_for_bp(ev, "REL10-BP01", &v);
	assert_int_equal(v.n_reasons, 3);
	assert_string_equal(v.reasons[0].f->probe, "rds-multi-az");
	assert_string_equal(v.reasons[1].f->probe, "dynamodb-pitr");
	assert_string_equal(v.reasons[2].f->probe, "asg-multi-az");
	line = verdict_reason_text(&v.reasons[1]);
	assert_string_equal(line, "ERROR dynamodb-pitr (us-east-1): could not check");
	free(line);
	bp_verdict_clear(&v);
	evidence_free(ev);
	free(a);
	free(b);
	free(c);
	free(all);
	for (int i = VERDICT_NO_EVIDENCE; i <= VERDICT_NOT_IMPLEMENTED; i++)
		assert_int_equal(verdict_parse(verdict_name((enum verdict)i)), i);
	assert_int_equal(verdict_parse("maybe"), -1);
	assert_string_equal(verdict_label(VERDICT_PARTLY_SHOWN), "partly shown");
}

/* An AWS Config rule checks every resource of its kind it evaluated: its offenders are
 * offenders, its pass is a pass. */
static void test_config_rule_counts_as_a_probe(void **state)
{
	char *why;
	enum verdict got;

	(void)state;
	got = verdict_of(
	        &why,
	        config_finding("config-rds-multi-az-support", "rds-multi-az", xstrdup(FAIL_DB1)),
	        NULL);
	expect_verdict(got, why, VERDICT_NOT_IMPLEMENTED,
	               "config-rds-multi-az-support (from AWS Config) found 1 offender");
	got = verdict_of(
	        &why, config_finding("config-rds-multi-az-support", "rds-multi-az", xstrdup(PASS)),
	        NULL);
	expect_verdict(got, why, VERDICT_IMPLEMENTED,
	               "config-rds-multi-az-support (from AWS Config) checked every resource");
	/* a rule the account does not run says nothing, not even as a reason */
	got = verdict_of(&why,
	                 config_finding("config-rds-multi-az-support", "rds-multi-az", xstrdup(NA)),
	                 NULL);
	expect_verdict(got, why, VERDICT_NO_EVIDENCE, "no probe looks at this practice");
}

/* Config that cannot be read is a source missing: our probes still decide. */
static void test_config_error_weighs_nothing(void **state)
{
	char *why;
	enum verdict got;

	(void)state;
	got = verdict_of(
	        &why,
	        config_finding("config-rds-multi-az-support", "rds-multi-az", xstrdup(DENIED)),
	        finding("rds-multi-az", "every_resource", NULL, xstrdup(PASS)), NULL);
	expect_verdict(got, why, VERDICT_IMPLEMENTED, "rds-multi-az checked every resource");
}

/* A rule and the probe of ours that checks the same saying opposite things is said. */
static void test_config_disagreement(void **state)
{
	char *why;
	enum verdict got;

	(void)state;
	got = verdict_of(
	        &why, config_finding("config-rds-multi-az-support", "rds-multi-az", xstrdup(PASS)),
	        finding("rds-multi-az", "every_resource", NULL, xstrdup(FAIL_DB1)), NULL);
	expect_verdict(
	        got, why, VERDICT_NOT_IMPLEMENTED,
	        "rds-multi-az found 1 offender in eu-west-1: single-AZ: db1. AWS Config disagrees: "
	        "config-rds-multi-az-support finds every resource it evaluated compliant where "
	        "rds-multi-az names offenders (db1).");
	got = verdict_of(
	        &why,
	        config_finding("config-rds-multi-az-support", "rds-multi-az", xstrdup(FAIL_DB1)),
	        finding("rds-multi-az", "every_resource", NULL, xstrdup(PASS)), NULL);
	expect_verdict(
	        got, why, VERDICT_NOT_IMPLEMENTED,
	        "AWS Config disagrees: config-rds-multi-az-support names offenders (db1) where "
	        "rds-multi-az found none");
	/* both failing agree; a rule matched to another probe does not compare with this one */
	got = verdict_of(
	        &why,
	        config_finding("config-rds-multi-az-support", "rds-multi-az", xstrdup(FAIL_DB1)),
	        finding("rds-multi-az", "every_resource", NULL, xstrdup(FAIL_DB1)),
	        config_finding("config-elbv2-multiple-az", "load-balancers-multi-az",
	                       xstrdup(PASS)),
	        finding("asg-multi-az", "every_resource", NULL, xstrdup(FAIL_DB1)), NULL);
	expect_verdict(got, why, VERDICT_NOT_IMPLEMENTED, "found 1 offender");
	{
		struct evidence *ev = snap("");
		struct bp_verdict v;
		char *a = config_finding("config-rds-multi-az-support", "rds-multi-az",
		                         xstrdup(FAIL_DB1));
		char *b = finding("rds-multi-az", "every_resource", NULL, xstrdup(FAIL_DB1));
		char *all = xasprintf("%s, %s", a, b);

		evidence_free(ev);
		ev = snap(all);
		verdict_for_bp(ev, "REL10-BP01", &v);
		assert_null(v.disagreement);
		assert_null(strstr(v.why, "disagrees"));
		bp_verdict_clear(&v);
		evidence_free(ev);
		free(a);
		free(b);
		free(all);
	}
}

/* The snapshot keeps where a finding comes from; older snapshots read as our probes'. */
static void test_config_source_in_snapshot(void **state)
{
	char *f = config_finding("config-x", "rds-multi-az", xstrdup(FAIL_DB1));
	struct evidence *ev = snap(f), *old;
	struct bp_verdict v;
	cJSON *j = evidence_to_json(ev), *fo;
	char *line;

	(void)state;
	fo = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(j, "findings"), 0);
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(fo, "source")->valuestring,
	                    "aws_config");
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(fo, "same_as")->valuestring,
	                    "rds-multi-az");
	verdict_for_bp(ev, "REL10-BP01", &v);
	line = verdict_reason_text(&v.reasons[0]);
	assert_string_equal(line, "FAIL config-x (eu-west-1, from AWS Config): single-AZ: db1");
	free(line);
	bp_verdict_clear(&v);
	cJSON_Delete(j);
	evidence_free(ev);
	free(f);
	f = finding("rds-multi-az", "every_resource", NULL, xstrdup(FAIL_DB1));
	old = snap(f);
	assert_int_equal(old->findings[0].source, SOURCE_PROBE);
	j = evidence_to_json(old);
	assert_null(cJSON_GetObjectItemCaseSensitive(
	        cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(j, "findings"), 0), "source"));
	cJSON_Delete(j);
	evidence_free(old);
	free(f);
	{
		cJSON *bad = cJSON_Parse("{\"findings\": [{\"probe\": \"p\", \"question\": "
		                         "\"REL10\", \"title\": \"t\", \"best_practices\": "
		                         "[\"REL10-BP01\"], \"source\": \"rumour\", "
		                         "\"outcome\": \"pass\", \"results\": [{\"region\": "
		                         "\"x\", \"outcome\": \"pass\", \"text\": \"\"}]}]}");
		struct evidence *e = NULL;
		struct wa_err err;

		err_clear(&err);
		assert_int_equal(evidence_from_json(bad, NULL, &e, NULL, &err), -1);
		assert_non_null(strstr(err.msg, "findings[0].source"));
		assert_non_null(strstr(err.msg, "expected probe or aws_config"));
		cJSON_Delete(bad);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_offender_wins_over_everything),
		cmocka_unit_test(test_a_pass_beside_an_error_is_not_verified),
		cmocka_unit_test(test_unchecked_items_are_not_verified),
		cmocka_unit_test(test_every_resource_pass_is_implemented),
		cmocka_unit_test(test_existence_alone_is_partly_shown),
		cmocka_unit_test(test_existence_beside_an_unknown_region),
		cmocka_unit_test(test_nothing_found_by_an_existence_probe),
		cmocka_unit_test(test_part_of_the_practice),
		cmocka_unit_test(test_no_evidence),
		cmocka_unit_test(test_reason_order_and_names),
		cmocka_unit_test(test_config_rule_counts_as_a_probe),
		cmocka_unit_test(test_config_error_weighs_nothing),
		cmocka_unit_test(test_config_disagreement),
		cmocka_unit_test(test_config_source_in_snapshot),
	};
	return cmocka_run_group_tests_name("verdict", tests, NULL, NULL);
}
