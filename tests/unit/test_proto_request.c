/* Request serialization for the five protocols, checked against botocore: for every case in
 * tests/fixtures/proto/requests.json (recorded by record_requests.py from botocore 1.43),
 * the same params must give the same method, path, host prefix, query parameters (in
 * order), protocol headers and body. Then the ways a request must be refused. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "aws/proto.h"
#include "support/proto_fixture.h"
#include "util/xalloc.h"

#define MIN_CASES 55

static int mismatches;

static void report(const char *name, const char *what, const char *want, const char *got)
{
	mismatches++;
	printf("not ok: %s: %s\n  botocore: %s\n  ours:     %s\n", name, what,
	       want ? want : "(none)", got ? got : "(none)");
}

static void same(const char *name, const char *what, const char *want, const char *got)
{
	if (!want || !*want)
		want = NULL;
	if (got && !*got)
		got = NULL;
	if ((want == NULL) != (got == NULL) || (want && strcmp(want, got) != 0))
		report(name, what, want, got);
}

static void compare_query(const char *name, const cJSON *want, const struct aws_wire *w)
{
	size_t i = 0;
	const cJSON *p;

	cJSON_ArrayForEach(p, want)
	{
		const cJSON *k = cJSON_GetArrayItem(p, 0), *v = cJSON_GetArrayItem(p, 1);
		char label[256];

		snprintf(label, sizeof(label), "query parameter %zu", i + 1);
		if (i >= w->n_query) {
			report(name, label, k->valuestring, NULL);
			return;
		}
		same(name, label, k->valuestring, w->query[i].name);
		if (cJSON_IsNull(v) != (w->query[i].value == NULL))
			report(name, label, cJSON_IsNull(v) ? "(bare name)" : v->valuestring,
			       w->query[i].value ? w->query[i].value : "(bare name)");
		else if (!cJSON_IsNull(v))
			same(name, label, v->valuestring, w->query[i].value);
		i++;
	}
	if (i != w->n_query)
		report(name, "extra query parameter", NULL, w->query[i].name);
}

static void compare_headers(const char *name, const cJSON *want, const struct aws_wire *w)
{
	const cJSON *h;

	cJSON_ArrayForEach(h, want)
	{
		const char *got = NULL;

		for (size_t i = 0; i < w->n_headers; i++)
			if (strcasecmp(w->headers[i].name, h->string) == 0)
				got = w->headers[i].value;
		same(name, h->string, h->valuestring, got);
	}
	for (size_t i = 0; i < w->n_headers; i++)
		if (!cJSON_GetObjectItem(want, w->headers[i].name))
			report(name, "extra header", NULL, w->headers[i].name);
}

static void compare_body(const char *name, const char *kind, const char *want,
                         const struct aws_wire *w)
{
	char *got = w->body ? xstrndup(w->body, w->body_len) : NULL;

	if (strcmp(kind, "json") == 0 && got) {
		/* Same members in the same order; botocore's spacing is not ours. */
		cJSON *a = cJSON_Parse(want), *b = cJSON_Parse(got);
		char *pa = a ? cJSON_PrintUnformatted(a) : NULL;
		char *pb = b ? cJSON_PrintUnformatted(b) : xstrdup("(not JSON)");

		same(name, "JSON body", pa, pb);
		cJSON_free(pa);
		free(pb);
		cJSON_Delete(a);
		cJSON_Delete(b);
	} else {
		same(name, "body", want, got);
	}
	free(got);
}

static void test_matches_botocore(void **state)
{
	cJSON *doc = proto_fixture_json(PROTO_FIXTURES "requests.json");
	const cJSON *c;
	int n = 0;

	(void)state;
	assert_non_null(doc);
	cJSON_ArrayForEach(c, cJSON_GetObjectItem(doc, "cases"))
	{
		const char *name = cJSON_GetObjectItem(c, "name")->valuestring;
		const char *svc = cJSON_GetObjectItem(c, "service")->valuestring;
		const char *opname = cJSON_GetObjectItem(c, "operation")->valuestring;
		const struct aws_model *m = proto_fixture_model(svc);
		const struct aws_operation *op;
		struct aws_wire w;
		struct wa_err err;

		n++;
		if (!m) {
			report(name, "model", svc, NULL);
			continue;
		}
		op = aws_model_operation(m, opname, &err);
		if (!op) {
			report(name, "operation", opname, err.msg);
			continue;
		}
		if (aws_proto_request(m, op, cJSON_GetObjectItem(c, "params"), &w, &err) < 0) {
			report(name, "serialization", "success", err.msg);
			continue;
		}
		same(name, "method", cJSON_GetObjectItem(c, "method")->valuestring, w.method);
		same(name, "path", cJSON_GetObjectItem(c, "path")->valuestring, w.path);
		same(name, "host prefix", cJSON_GetObjectItem(c, "host_prefix")->valuestring,
		     w.host_prefix);
		compare_query(name, cJSON_GetObjectItem(c, "query"), &w);
		compare_headers(name, cJSON_GetObjectItem(c, "headers"), &w);
		compare_body(name, cJSON_GetObjectItem(c, "body_kind")->valuestring,
		             cJSON_GetObjectItem(c, "body")->valuestring, &w);
		aws_wire_free(&w);
	}
	cJSON_Delete(doc);
	printf("ok: %d requests compared with botocore's, %d mismatches\n", n, mismatches);
	assert_true(n >= MIN_CASES);
	assert_int_equal(mismatches, 0);
}

/* ---- refusals ---- */

/* Serializes params (JSON text) for service/op; returns the rc, err filled. */
static int try(const char *service, const char *opname, const char *params, struct aws_wire *w,
               struct wa_err *err)
{
	const struct aws_model *m = proto_fixture_model(service);
	const struct aws_operation *op;
	cJSON *p = params ? cJSON_Parse(params) : NULL;
	int rc;

	assert_non_null(m);
	op = aws_model_operation(m, opname, err);
	assert_non_null(op);
	assert_true(!params || p);
	err_clear(err);
	rc = aws_proto_request(m, op, p, w, err);
	cJSON_Delete(p);
	return rc;
}

static void expect_refused(const char *service, const char *opname, const char *params,
                           const char *msg_part)
{
	struct aws_wire w;
	struct wa_err err;

	if (try(service, opname, params, &w, &err) == 0) {
		aws_wire_free(&w);
		fail_msg("%s %s accepted %s", service, opname, params);
	}
	if (!strstr(err.msg, msg_part))
		fail_msg("%s %s %s: message \"%s\" lacks \"%s\"", service, opname, params, err.msg,
		         msg_part);
	assert_non_null(strstr(err.where, opname));
	assert_null(w.body);
	assert_null(w.method);
}

static void test_refusals(void **state)
{
	(void)state;
	expect_refused("ec2", "DescribeVpcs", "{\"VpcIdz\": [\"vpc-1\"]}", "\"VpcIdz\"");
	expect_refused("ec2", "DescribeVpcs", "{\"VpcIdz\": [\"vpc-1\"]}", "VpcIds");
	expect_refused("ec2", "DescribeVpcs", "{\"VpcIds\": \"vpc-1\"}", "VpcIds: expected a list");
	expect_refused("ec2", "DescribeInstances",
	               "{\"Filters\": [{\"Name\": \"a\", \"Values\": [1]}]}",
	               "Filters[0].Values[0]: expected a string, got a number");
	expect_refused("ec2", "DescribeInstances", "{\"Filters\": [{\"Nme\": \"a\"}]}",
	               "unknown parameter \"Filters[0].Nme\"");
	expect_refused("ec2", "DescribeInstances", "{\"MaxResults\": 5.5}", "expected an integer");
	expect_refused("ec2", "DescribeInstances", "{\"MaxResults\": \"five\"}",
	               "expected an integer");
	expect_refused("ec2", "DescribeRegions", "{\"AllRegions\": \"yes\"}", "true or false");
	expect_refused("dynamodb", "DescribeTable", "{}",
	               "missing required parameter \"TableName\"");
	expect_refused("s3", "GetBucketVersioning", "{}", "\"Bucket\"");
	expect_refused("s3", "GetBucketVersioning", "{\"Bucket\": \"\"}", "{Bucket}");
	expect_refused("backup", "ListBackupJobs", "{\"ByCreatedAfter\": \"last tuesday\"}",
	               "expected a timestamp");
	expect_refused("sts", "GetCallerIdentity", "[]", "expected an object");
	expect_refused("cornerquery", "ListNothing", "{\"X\": 1}", "takes no parameters");
	expect_refused("cornerjson", "DescribeGadgets", "{\"labels\": {\"a\": 1}}",
	               "labels[\"a\"]: expected a string");
	expect_refused("cornerjson", "DescribeGadgets", "{\"limit\": 1, \"limit\": 2}",
	               "given twice");
}

/* What a command line gives as text is converted by the model's types. */
static void test_strings_converted(void **state)
{
	struct aws_wire w;
	struct wa_err err;

	(void)state;
	assert_int_equal(try("dynamodb", "ListTables", "{\"Limit\": \"10\"}", &w, &err), 0);
	assert_string_equal(w.body, "{\"Limit\":10}");
	aws_wire_free(&w);
	assert_int_equal(try("ec2", "DescribeRegions", "{\"AllRegions\": \"TRUE\"}", &w, &err), 0);
	assert_non_null(strstr(w.body, "AllRegions=true"));
	aws_wire_free(&w);
	/* null means absent, as with botocore's None */
	assert_int_equal(try("ec2", "DescribeVpcs", "{\"VpcIds\": null}", &w, &err), 0);
	assert_string_equal(w.body, "Action=DescribeVpcs&Version=2016-11-15");
	aws_wire_free(&w);
	/* no params at all is an empty input */
	assert_int_equal(try("sts", "GetCallerIdentity", NULL, &w, &err), 0);
	assert_string_equal(w.body, "Action=GetCallerIdentity&Version=2011-06-15");
	assert_string_equal(w.method, "POST");
	aws_wire_free(&w);
}

static void test_models(void **state)
{
	const char *const *svcs = aws_model_services();
	const struct aws_model *m;
	const struct aws_operation *op;
	struct aws_service_info info;
	const struct aws_paginator *pg;
	struct wa_err err;
	size_t n = 0, n_ops;

	(void)state;
	while (svcs[n])
		n++;
	assert_true(n >= 28);
	for (size_t i = 0; svcs[i]; i++) {
		m = aws_model_get(svcs[i], &err);
		if (!m)
			fail_msg("%s: %s", svcs[i], err.msg);
		assert_ptr_equal(aws_model_get(svcs[i], &err), m); /* loaded once */
		aws_model_operation_at(m, 0, &n_ops);
		assert_true(n_ops > 0);
		for (size_t k = 0; k < n_ops; k++) {
			op = aws_model_operation_at(m, k, NULL);
			assert_ptr_equal(aws_model_operation(m, aws_operation_cli_name(op), &err),
			                 op);
			assert_ptr_equal(aws_model_operation(m, aws_operation_name(op), &err), op);
		}
		assert_null(aws_model_operation_at(m, n_ops, NULL));
	}
	assert_null(aws_model_get("ec3", &err));
	assert_non_null(strstr(err.msg, "ec2, ecs"));
	assert_null(aws_model_get("../ec2", &err));

	m = aws_model_get("service-quotas", &err);
	aws_model_info(m, &info);
	assert_string_equal(info.service_id, "Service Quotas");
	assert_string_equal(info.endpoint_prefix, "servicequotas");
	assert_string_equal(info.signing_name, "servicequotas");
	assert_string_equal(info.protocol, "json");
	assert_false(info.global);

	m = aws_model_get("cloudwatch", &err);
	aws_model_info(m, &info);
	assert_string_equal(info.protocol, "json"); /* as botocore 1.43 picks it */
	assert_string_equal(info.endpoint_prefix, "monitoring");

	m = aws_model_get("route53", &err);
	aws_model_info(m, &info);
	assert_true(info.global);
	assert_string_equal(info.global_region, "us-east-1");
	assert_string_equal(info.global_host, "route53.amazonaws.com");
	assert_string_equal(info.protocol, "rest-xml");
	m = aws_model_get("iam", &err);
	aws_model_info(m, &info);
	assert_true(info.global);
	assert_string_equal(info.protocol, "query");
	m = aws_model_get("s3", &err);
	aws_model_info(m, &info);
	assert_false(info.global);
	assert_string_equal(info.signing_name, "s3");

	m = aws_model_get("rds", &err);
	op = aws_model_operation(m, "describe-db-instances", &err);
	assert_non_null(op);
	assert_string_equal(aws_operation_name(op), "DescribeDBInstances");
	pg = aws_operation_paginator(op);
	assert_non_null(pg);
	assert_string_equal(pg->input_token[0], "Marker");
	assert_null(pg->input_token[1]);
	assert_string_equal(pg->output_token[0], "Marker");
	assert_string_equal(pg->result_key[0], "DBInstances");
	assert_string_equal(pg->limit_key, "MaxRecords");
	assert_null(aws_model_operation(m, "DeleteDBInstance", &err));
	assert_non_null(strstr(err.msg, "describe-db-instances"));

	m = aws_model_get("route53", &err);
	pg = aws_operation_paginator(aws_model_operation(m, "ListResourceRecordSets", &err));
	assert_non_null(pg);
	assert_string_equal(pg->more_results, "IsTruncated");
	assert_string_equal(pg->output_token[2], "NextRecordIdentifier");
	assert_null(pg->output_token[3]);
	m = aws_model_get("sts", &err);
	assert_null(aws_operation_paginator(aws_model_operation(m, "GetCallerIdentity", &err)));
}

static void test_bad_models(void **state)
{
	static const char *const bad[] = {
		"",
		"[]",
		"{\"metadata\": {\"protocol\": \"smithy-rpc-v2-cbor\"}}",
		"{\"metadata\": {\"protocol\": \"json\", \"serviceId\": \"X\", \"endpointPrefix\": "
		"\"x\", \"apiVersion\": \"1\"}}",
		"{\"metadata\": {\"protocol\": \"query\", \"serviceId\": \"X\", "
		"\"endpointPrefix\": "
		"\"x\", \"apiVersion\": \"1\"}, \"shapes\": {\"A\": {\"type\": \"list\", "
		"\"member\": "
		"{\"shape\": \"Nope\"}}}}",
		"{\"metadata\": {\"protocol\": \"query\", \"serviceId\": \"X\", "
		"\"endpointPrefix\": "
		"\"x\", \"apiVersion\": \"1\"}, \"shapes\": {\"A\": {\"type\": \"tuple\"}}}",
		"{\"metadata\": {\"protocol\": \"query\", \"serviceId\": \"X\", "
		"\"endpointPrefix\": "
		"\"x\", \"apiVersion\": \"1\"}, \"shapes\": {}, \"operations\": {\"Op\": "
		"{\"input\": "
		"{\"shape\": \"Missing\"}, \"cliName\": \"op\"}}}",
	};
	struct wa_err err;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err_clear(&err);
		if (aws_model_parse("bad", bad[i], strlen(bad[i]), &err))
			fail_msg("accepted model %zu", i);
		assert_true(err_isset(&err));
	}
}

static int teardown(void **state)
{
	(void)state;
	proto_fixture_cleanup();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matches_botocore),  cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_strings_converted), cmocka_unit_test(test_models),
		cmocka_unit_test(test_bad_models),
	};

	return cmocka_run_group_tests_name("proto_request", tests, NULL, teardown);
}
