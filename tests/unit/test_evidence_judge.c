/* Judging a probe's document: each criterion's pass and fail, "none found" as not
 * applicable, queries that cannot apply as errors, the finding's sentence with its cited
 * resources, fan-out parameters from items, and the templates underneath. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "evidence/probe.h"
#include "evidence/template.h"
#include "util/xalloc.h"

/* A probe built by hand: the loader's checks are not the subject here. */
static struct probe mk(const char *resources, const char *query, enum probe_expect e, long n,
                       const char *value, const char *finding, const char *passed)
{
	struct probe p;

	memset(&p, 0, sizeof(p));
	p.id = xstrdup("p");
	p.title = xstrdup("T");
	p.scope = PROBE_REGIONAL;
	p.call.service = xstrdup("ec2");
	p.call.operation = xstrdup("DescribeVpcs");
	p.resources = resources ? xstrdup(resources) : NULL;
	p.query = xstrdup(query);
	p.expect = e;
	p.expect_n = n;
	p.expect_value = value ? cJSON_Parse(value) : NULL;
	p.finding = xstrdup(finding);
	p.passed = passed ? xstrdup(passed) : NULL;
	return p;
}

/* Judges json (a document) with p for region r; returns the result (caller clears). */
static struct region_result judge(struct probe *p, const char *json)
{
	struct question q = { .id = "REL01" };
	struct probe_prog pp;
	struct region_result r;
	struct wa_err err;
	cJSON *doc = cJSON_Parse(json);

	assert_non_null(doc);
	err_clear(&err);
	assert_int_equal(probe_compile(p, &q, &pp, &err), 0);
	memset(&r, 0, sizeof(r));
	probe_judge(&pp, doc, NULL, "eu-west-1", &r);
	probe_prog_clear(&pp);
	cJSON_Delete(doc);
	return r;
}

static const char DBS[] =
        "{\"DBInstances\": [{\"DBInstanceIdentifier\": \"orders\", \"MultiAZ\": true, \"AZ\": "
        "\"a\"},"
        " {\"DBInstanceIdentifier\": \"reports\", \"MultiAZ\": false, \"AZ\": \"a\"},"
        " {\"DBInstanceIdentifier\": \"audit\", \"MultiAZ\": false, \"AZ\": \"b\"}]}";
static const char NO_DBS[] = "{\"DBInstances\": []}";

static void test_empty_fails_and_cites_offenders(void **state)
{
	(void)state;
	struct probe p = mk("DBInstances[].DBInstanceIdentifier",
	                    "DBInstances[?!MultiAZ].DBInstanceIdentifier", EXPECT_EMPTY, 0, NULL,
	                    "{count} of {total} single-AZ in {region}: {resources}.", NULL);
	struct region_result r = judge(&p, DBS);

	assert_int_equal(r.outcome, OUTCOME_FAIL);
	assert_string_equal(r.text, "2 of 3 single-AZ in eu-west-1: reports, audit.");
	assert_int_equal(r.count, 2);
	assert_int_equal(r.examined, 3);
	assert_int_equal(r.n_cited, 2);
	assert_string_equal(r.cited[0], "reports");
	assert_string_equal(r.cited[1], "audit");
	assert_string_equal(r.region, "eu-west-1");
	region_result_clear(&r);
	probe_clear(&p);
}

static void test_empty_passes_with_default_and_own_text(void **state)
{
	(void)state;
	struct probe p = mk("DBInstances[].DBInstanceIdentifier",
	                    "DBInstances[?AZ=='z'].DBInstanceIdentifier", EXPECT_EMPTY, 0, NULL,
	                    "bad: {resources}", NULL);
	struct region_result r = judge(&p, DBS);

	assert_int_equal(r.outcome, OUTCOME_PASS);
	assert_string_equal(r.text, "passed (3 examined)");
	assert_int_equal(r.n_cited, 0);
	region_result_clear(&r);
	free(p.passed);
	p.passed = xstrdup("all {total} fine");
	r = judge(&p, DBS);
	assert_string_equal(r.text, "all 3 fine");
	region_result_clear(&r);
	probe_clear(&p);
}

static void test_none_found_is_not_applicable_never_pass(void **state)
{
	(void)state;
	enum probe_expect kinds[] = { EXPECT_EMPTY, EXPECT_ALL_TRUE, EXPECT_UNIQUE,
		                      EXPECT_MAX_COUNT, EXPECT_MIN_DISTINCT };

	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		struct probe p = mk("DBInstances[].DBInstanceIdentifier", "DBInstances[].MultiAZ",
		                    kinds[i], 2, NULL, "f", NULL);
		struct region_result r = judge(&p, NO_DBS);

		assert_int_equal(r.outcome, OUTCOME_NOT_APPLICABLE);
		assert_string_equal(r.text, "not applicable: none found");
		assert_int_equal(r.examined, 0);
		region_result_clear(&r);
		/* A missing list (the API left the member out) is "none found" too. */
		r = judge(&p, "{}");
		assert_int_equal(r.outcome, OUTCOME_NOT_APPLICABLE);
		region_result_clear(&r);
		probe_clear(&p);
	}
}

static void test_existence_checks_fail_on_nothing(void **state)
{
	(void)state;
	struct probe p = mk(NULL, "BackupPlansList[].BackupPlanName", EXPECT_NOT_EMPTY, 0, NULL,
	                    "no plan in {region}", "plans: {resources}");
	struct region_result r = judge(&p, "{\"BackupPlansList\": []}");

	assert_int_equal(r.outcome, OUTCOME_FAIL);
	assert_string_equal(r.text, "no plan in eu-west-1");
	assert_int_equal(r.examined, -1);
	region_result_clear(&r);
	r = judge(&p, "{\"BackupPlansList\": [{\"BackupPlanName\": \"daily\"}]}");
	assert_int_equal(r.outcome, OUTCOME_PASS);
	assert_string_equal(r.text, "plans: daily");
	region_result_clear(&r);
	probe_clear(&p);
}

static void test_all_true_cites_the_matching_resources(void **state)
{
	(void)state;
	struct probe p = mk("DBInstances[].DBInstanceIdentifier", "DBInstances[].MultiAZ",
	                    EXPECT_ALL_TRUE, 0, NULL, "{count} of {total}: {resources}", NULL);
	struct region_result r = judge(&p, DBS);

	assert_int_equal(r.outcome, OUTCOME_FAIL);
	assert_string_equal(r.text, "2 of 3: reports, audit");
	region_result_clear(&r);
	/* Values and resources that do not line up are an error, not a guess. */
	free(p.query);
	p.query = xstrdup("DBInstances[?MultiAZ].MultiAZ");
	r = judge(&p, DBS);
	assert_int_equal(r.outcome, OUTCOME_ERROR);
	assert_non_null(strstr(r.text, "1 values for 3 resources"));
	region_result_clear(&r);
	probe_clear(&p);
}

static void test_counts_distinct_unique_equals(void **state)
{
	(void)state;
	struct probe p =
	        mk("DBInstances[].DBInstanceIdentifier", "DBInstances[].AZ", EXPECT_MIN_DISTINCT, 2,
	           NULL, "only {resources}", "over {count}: {resources}");
	struct region_result r = judge(&p, DBS);

	assert_int_equal(r.outcome, OUTCOME_PASS);
	assert_string_equal(r.text, "over 2: a, b");
	region_result_clear(&r);
	p.expect_n = 3;
	r = judge(&p, DBS);
	assert_int_equal(r.outcome, OUTCOME_FAIL);
	assert_string_equal(r.text, "only a, b");
	region_result_clear(&r);

	p.expect = EXPECT_UNIQUE;
	free(p.finding);
	p.finding = xstrdup("twice: {resources} ({count})");
	r = judge(&p, DBS);
	assert_int_equal(r.outcome, OUTCOME_FAIL);
	assert_string_equal(r.text, "twice: a (1)");
	region_result_clear(&r);

	p.expect = EXPECT_MAX_COUNT;
	p.expect_n = 2;
	free(p.finding);
	p.finding = xstrdup("{count} > {expected}");
	r = judge(&p, DBS);
	assert_int_equal(r.outcome, OUTCOME_FAIL);
	assert_string_equal(r.text, "3 > 2");
	region_result_clear(&r);

	p.expect = EXPECT_MIN_COUNT;
	free(p.query);
	p.query = xstrdup("length(DBInstances)"); /* a number counts as itself */
	r = judge(&p, DBS);
	assert_int_equal(r.outcome, OUTCOME_PASS);
	region_result_clear(&r);

	p.expect = EXPECT_EQUALS;
	p.expect_value = cJSON_Parse("3");
	free(p.finding);
	p.finding = xstrdup("{value} is not {expected}");
	r = judge(&p, DBS);
	assert_int_equal(r.outcome, OUTCOME_PASS);
	region_result_clear(&r);
	cJSON_Delete(p.expect_value);
	p.expect_value = cJSON_Parse("\"three\"");
	r = judge(&p, DBS);
	assert_int_equal(r.outcome, OUTCOME_FAIL);
	assert_string_equal(r.text, "3 is not three");
	region_result_clear(&r);
	probe_clear(&p);
}

/* no_overlap: ranges that share addresses fail, equal or nested alike, across IPv4 and
 * IPv6 separately; with {resource, value} items the resources are cited. unique with pairs
 * cites every resource sharing a value. */
static void test_no_overlap_and_pairs(void **state)
{
	(void)state;
	static const char VPCS[] = "{\"Vpcs\": [{\"VpcId\": \"vpc-a\", \"Cidr\": \"10.0.0.0/16\"},"
	                           " {\"VpcId\": \"vpc-b\", \"Cidr\": \"10.0.128.0/17\"},"
	                           " {\"VpcId\": \"vpc-c\", \"Cidr\": \"10.1.0.0/16\"},"
	                           " {\"VpcId\": \"vpc-d\", \"Cidr\": \"2001:db8::/56\"},"
	                           " {\"VpcId\": \"vpc-e\", \"Cidr\": \"2001:db8:0:ff::/64\"}]}";
	struct probe p = mk("Vpcs[].VpcId", "Vpcs[].{resource: VpcId, value: Cidr}",
	                    EXPECT_NO_OVERLAP, 0, NULL, "{count} overlap: {resources}", NULL);
	struct region_result r = judge(&p, VPCS);

	assert_int_equal(r.outcome, OUTCOME_FAIL);
	assert_string_equal(r.text, "4 overlap: vpc-a, vpc-b, vpc-d, vpc-e");
	region_result_clear(&r);
	probe_clear(&p);

	/* distinct ranges pass; 10.0.0.0/16 and 10.1.0.0/16 only share a prefix */
	p = mk("Vpcs[].VpcId", "Vpcs[?VpcId=='vpc-a' || VpcId=='vpc-c' || VpcId=='vpc-d'].Cidr",
	       EXPECT_NO_OVERLAP, 0, NULL, "f", NULL);
	r = judge(&p, VPCS);
	assert_int_equal(r.outcome, OUTCOME_PASS);
	region_result_clear(&r);
	probe_clear(&p);

	/* something that is not a range is the query's fault, never a pass */
	p = mk("Vpcs[].VpcId", "Vpcs[].VpcId", EXPECT_NO_OVERLAP, 0, NULL, "f", NULL);
	r = judge(&p, VPCS);
	assert_int_equal(r.outcome, OUTCOME_ERROR);
	assert_non_null(strstr(r.text, "no_overlap needs CIDR ranges"));
	region_result_clear(&r);
	probe_clear(&p);

	p = mk("DBInstances[].DBInstanceIdentifier",
	       "DBInstances[].{resource: DBInstanceIdentifier, value: AZ}", EXPECT_UNIQUE, 0, NULL,
	       "{resources}", NULL);
	r = judge(&p, DBS);
	assert_int_equal(r.outcome, OUTCOME_FAIL);
	assert_string_equal(r.text, "orders, reports");
	region_result_clear(&r);
	probe_clear(&p);
}

static void test_query_errors_become_error_findings(void **state)
{
	(void)state;
	/* sort() of a list mixing numbers and strings is an invalid-type error at run time. */
	struct probe p =
	        mk(NULL, "sort(DBInstances[].[MultiAZ][])", EXPECT_NOT_EMPTY, 0, NULL, "f", NULL);
	struct region_result r = judge(&p, DBS);

	assert_int_equal(r.outcome, OUTCOME_ERROR);
	assert_non_null(strstr(r.text, "could not check: query: invalid-type error"));
	assert_null(r.fault.call);
	assert_non_null(r.fault.message);
	region_result_clear(&r);
	/* unique over something that is not a list */
	free(p.query);
	p.query = xstrdup("DBInstances[0]");
	p.expect = EXPECT_UNIQUE;
	free(p.resources);
	p.resources = xstrdup("DBInstances");
	r = judge(&p, DBS);
	assert_int_equal(r.outcome, OUTCOME_ERROR);
	assert_non_null(strstr(r.text, "unique needs a list, but the query gave an object"));
	region_result_clear(&r);
	probe_clear(&p);
}

/* 120 offenders: the sentence names ten, the result keeps every one (the JSON and the
 * review's snapshot list them all). */
static void test_long_lists_are_cut_in_text_and_kept_whole(void **state)
{
	(void)state;
	struct probe p = mk("@", "@", EXPECT_EMPTY, 0, NULL, "{count}: {resources}", NULL);
	cJSON *a = cJSON_CreateArray();
	char *json, name[16];
	struct region_result r;

	for (int i = 0; i < 120; i++) {
		snprintf(name, sizeof(name), "b%02d", i);
		cJSON_AddItemToArray(a, cJSON_CreateString(name));
	}
	json = cJSON_PrintUnformatted(a);
	r = judge(&p, json);
	assert_int_equal(r.outcome, OUTCOME_FAIL);
	assert_int_equal(r.count, 120);
	assert_int_equal(r.n_cited, 120);
	assert_string_equal(r.cited[119], "b119");
	assert_string_equal(r.text,
	                    "120: b00, b01, b02, b03, b04, b05, b06, b07, b08, b09 and 110 more");
	region_result_clear(&r);
	free(json);
	cJSON_Delete(a);
	probe_clear(&p);
}

static void test_fault_from_an_api_error(void **state)
{
	(void)state;
	struct ev_call c;
	struct region_result r;

	memset(&c, 0, sizeof(c));
	memset(&r, 0, sizeof(r));
	c.service = "rds";
	c.operation = "DescribeDBInstances";
	c.region = "eu-central-1";
	ev_call_fail(&c, EV_CALL_API_ERROR, "AccessDenied", "not authorized", 403);
	assert_string_equal(c.err.where, "rds:DescribeDBInstances in eu-central-1");
	assert_string_equal(c.err.msg, "AccessDenied: not authorized");
	probe_fault(&c, "eu-central-1", "1 of 3 calls failed", &r);
	assert_int_equal(r.outcome, OUTCOME_ERROR);
	assert_string_equal(r.fault.code, "AccessDenied");
	assert_string_equal(r.fault.call, "rds:DescribeDBInstances in eu-central-1");
	assert_int_equal(r.fault.http_status, 403);
	assert_string_equal(r.text,
	                    "could not check: AccessDenied: not authorized "
	                    "(rds:DescribeDBInstances in eu-central-1; 1 of 3 calls failed)");
	region_result_clear(&r);
	/* A call that got no answer has no code. */
	ev_call_fail(&c, EV_CALL_FAILED, NULL, "connection timed out", 0);
	probe_fault(&c, "eu-central-1", NULL, &r);
	assert_null(r.fault.code);
	assert_string_equal(r.text, "could not check: connection timed out "
	                            "(rds:DescribeDBInstances in eu-central-1)");
	region_result_clear(&r);
	ev_call_clear(&c);
}

static void test_fanout_params_and_region(void **state)
{
	(void)state;
	struct probe p;
	cJSON *item = cJSON_Parse("{\"name\": \"logs\", \"n\": 7, \"region\": \"eu-central-1\","
	                          " \"tags\": [1, 2]}");
	struct wa_err err;
	char *s, *region;
	int failed;
	cJSON *out;

	memset(&p, 0, sizeof(p));
	p.each.params = cJSON_Parse(
	        "{\"Bucket\": \"{item.name}\", \"Count\": \"{item.n}\","
	        " \"Label\": \"b-{item.name}-{item.n} {{x}}\","
	        " \"Tags\": \"{item.tags}\", \"Filters\": [{\"Values\": [\"{item.name}\"]}]}");
	err_clear(&err);
	out = probe_params(&p.each, item, NULL, &failed, &err);
	assert_false(failed);
	s = cJSON_PrintUnformatted(out);
	/* A whole-string reference keeps the item's type; embedded ones become text. */
	assert_string_equal(s, "{\"Bucket\":\"logs\",\"Count\":7,\"Label\":\"b-logs-7 {x}\","
	                       "\"Tags\":[1,2],\"Filters\":[{\"Values\":[\"logs\"]}]}");
	free(s);
	cJSON_Delete(out);

	p.each_region = xstrdup("{item.region}");
	region = probe_item_region(&p, item);
	assert_string_equal(region, "eu-central-1");
	free(region);
	cJSON_DeleteItemFromObject(item, "region");
	assert_null(probe_item_region(&p, item)); /* falls back to the probe's Region */

	cJSON_Delete(p.each.params);
	p.each.params = cJSON_Parse("{\"Bucket\": \"{item.missing}\"}");
	out = probe_params(&p.each, item, NULL, &failed, &err);
	assert_null(out);
	assert_true(failed);
	assert_non_null(strstr(err.msg, "has no value for {item.missing}"));

	/* Without an item, only the braces are unescaped. */
	cJSON_Delete(p.each.params);
	p.each.params = cJSON_Parse("{\"Q\": \"{{literal}}\"}");
	out = probe_params(&p.each, NULL, NULL, &failed, &err);
	s = cJSON_PrintUnformatted(out);
	assert_string_equal(s, "{\"Q\":\"{literal}\"}");
	free(s);
	cJSON_Delete(out);
	cJSON_Delete(p.each.params);

	/* The sweep's times fill a window (CodeDeploy's createTimeRange), whole or in text,
	 * with or without an item; unbound, a time reference is an error, never sent empty. */
	{
		const char *times[PROBE_N_TIME_VARS] = { "2026-12-07T09:00:00Z", "d1", "d7",
			                                 "2026-11-07T09:00:00Z", "d90" };
		p.each.params =
		        cJSON_Parse("{\"R\": {\"start\": \"{days_ago_30}\", \"end\": "
		                    "\"{now}\"}, \"N\": \"{item.name} since {days_ago_7}\"}");
		out = probe_params(&p.each, item, times, &failed, &err);
		assert_false(failed);
		s = cJSON_PrintUnformatted(out);
		assert_string_equal(s,
		                    "{\"R\":{\"start\":\"2026-11-07T09:00:00Z\","
		                    "\"end\":\"2026-12-07T09:00:00Z\"},\"N\":\"logs since d7\"}");
		free(s);
		cJSON_Delete(out);
		out = probe_params(&p.each, NULL, NULL, &failed, &err);
		assert_null(out);
		assert_true(failed);
		assert_non_null(strstr(err.msg, "no value for {days_ago_30}"));
		cJSON_Delete(p.each.params);
	}
	free(p.each_region);
	cJSON_Delete(item);
}

static int no_y(void *ctx, const char *ref, size_t len, char *msg, size_t msglen)
{
	(void)ctx;
	if (len == 1 && *ref == 'y') {
		snprintf(msg, msglen, "no y");
		return -1;
	}
	return 0;
}

static const char *upper(void *ctx, const char *ref, size_t len)
{
	static char buf[64];
	(void)ctx;
	if (len == 1 && *ref == 'z')
		return NULL;
	for (size_t i = 0; i < len && i < sizeof(buf) - 1; i++)
		buf[i] = (char)(ref[i] >= 'a' && ref[i] <= 'z' ? ref[i] - 32 : ref[i]);
	buf[len < sizeof(buf) ? len : sizeof(buf) - 1] = '\0';
	return buf;
}

static void test_templates(void **state)
{
	(void)state;
	char msg[128];
	size_t pos;
	const char *ref;
	size_t len;
	char *s;

	assert_int_equal(tmpl_check("a {x} {{b}} {x.y_z}", no_y, NULL, &pos, msg, sizeof(msg)), 0);
	assert_int_equal(tmpl_check("a {y}", no_y, NULL, &pos, msg, sizeof(msg)), -1);
	assert_int_equal(pos, 3);
	assert_string_equal(msg, "no y");
	assert_int_equal(tmpl_check("{x", no_y, NULL, &pos, msg, sizeof(msg)), -1);
	assert_int_equal(pos, 0);
	assert_int_equal(tmpl_check("x}", no_y, NULL, &pos, msg, sizeof(msg)), -1);
	assert_int_equal(pos, 1);
	assert_int_equal(tmpl_check("{x.}", no_y, NULL, &pos, msg, sizeof(msg)), -1);
	assert_int_equal(pos, 3);
	s = tmpl_render("{x} {{lit}} {z} {ab.cd}!", upper, NULL);
	assert_string_equal(s, "X {lit} {z} AB.CD!");
	free(s);
	assert_true(tmpl_whole_ref("{item.id}", &ref, &len));
	assert_int_equal(len, 7);
	assert_false(tmpl_whole_ref("{item.id} ", &ref, &len));
	assert_false(tmpl_whole_ref("{{item}}", &ref, &len));
	assert_true(tmpl_has_ref("a {b}"));
	assert_false(tmpl_has_ref("a {{b}}"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_fails_and_cites_offenders),
		cmocka_unit_test(test_empty_passes_with_default_and_own_text),
		cmocka_unit_test(test_none_found_is_not_applicable_never_pass),
		cmocka_unit_test(test_existence_checks_fail_on_nothing),
		cmocka_unit_test(test_all_true_cites_the_matching_resources),
		cmocka_unit_test(test_counts_distinct_unique_equals),
		cmocka_unit_test(test_no_overlap_and_pairs),
		cmocka_unit_test(test_query_errors_become_error_findings),
		cmocka_unit_test(test_long_lists_are_cut_in_text_and_kept_whole),
		cmocka_unit_test(test_fault_from_an_api_error),
		cmocka_unit_test(test_fanout_params_and_region),
		cmocka_unit_test(test_templates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
