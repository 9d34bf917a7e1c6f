/* Response parsing for the five protocols, checked against the aws CLI: every fixture in
 * tests/fixtures/proto/responses/ holds a raw response (from moto, or a stub in AWS's
 * documented format) and what `aws … --output json` printed for it with
 * cli_timestamp_format = iso8601; our result must print the same JSON, and an error must
 * give the code the CLI reported. Then scalars, and bodies that must be refused cleanly. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "aws/proto.h"
#include "aws/proto_int.h"
#include "support/proto_fixture.h"
#include "util/xalloc.h"

#define MIN_FIXTURES 100

static void set_tz(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

struct fixture {
	char *name;
	cJSON *doc;
	const struct aws_model *m;
	const struct aws_operation *op;
	const char **headers; /* NULL-ended name, value list */
	const char *body;
	size_t body_len;
	long status;
};

static int load(const char *name, struct fixture *f)
{
	char *path = xasprintf(PROTO_FIXTURES "responses/%s", name);
	const cJSON *h, *svc, *opn;
	struct wa_err err;
	size_t n = 0;

	memset(f, 0, sizeof(*f));
	f->name = xstrdup(name);
	f->doc = proto_fixture_json(path);
	free(path);
	if (!f->doc)
		return -1;
	svc = cJSON_GetObjectItem(f->doc, "service");
	opn = cJSON_GetObjectItem(f->doc, "operation");
	f->m = proto_fixture_model(svc->valuestring);
	if (!f->m)
		return -1;
	f->op = aws_model_operation(f->m, opn->valuestring, &err);
	if (!f->op) {
		printf("not ok: %s: %s\n", name, err.msg);
		return -1;
	}
	f->headers =
	        xcalloc((size_t)cJSON_GetArraySize(cJSON_GetObjectItem(f->doc, "headers")) * 2 + 1,
	                sizeof(*f->headers));
	cJSON_ArrayForEach(h, cJSON_GetObjectItem(f->doc, "headers"))
	{
		f->headers[n++] = cJSON_GetArrayItem(h, 0)->valuestring;
		f->headers[n++] = cJSON_GetArrayItem(h, 1)->valuestring;
	}
	f->body = cJSON_GetObjectItem(f->doc, "body")->valuestring;
	f->body_len = strlen(f->body);
	f->status = (long)cJSON_GetObjectItem(f->doc, "status")->valuedouble;
	set_tz(cJSON_GetObjectItem(f->doc, "tz")->valuestring);
	return 0;
}

static void unload(struct fixture *f)
{
	free(f->headers);
	cJSON_Delete(f->doc);
	free(f->name);
}

/* The fixture file names, sorted; NULL-ended (free each and the array). */
static char **fixture_names(size_t *n)
{
	DIR *d = opendir(PROTO_FIXTURES "responses");
	struct dirent *e;
	char **names = NULL;
	size_t cap = 0;

	*n = 0;
	if (!d)
		return NULL;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);

		if (len < 6 || strcmp(e->d_name + len - 5, ".json") != 0)
			continue;
		names = xgrow(names, &cap, *n + 2, sizeof(*names));
		names[(*n)++] = xstrdup(e->d_name);
	}
	closedir(d);
	for (size_t i = 1; i < *n; i++)
		for (size_t k = i; k > 0 && strcmp(names[k - 1], names[k]) > 0; k--) {
			char *t = names[k];

			names[k] = names[k - 1];
			names[k - 1] = t;
		}
	if (names)
		names[*n] = NULL;
	return names;
}

/* Checks one fixture; returns 0 when it matches, else prints why and returns -1. */
static int check(struct fixture *f)
{
	const cJSON *code = cJSON_GetObjectItem(f->doc, "cli_error_code");
	const cJSON *msg = cJSON_GetObjectItem(f->doc, "cli_error_message");
	const char *out = cJSON_GetObjectItem(f->doc, "cli_stdout")->valuestring;
	struct aws_api_error aerr;
	struct wa_err err;
	cJSON *result = NULL, *want;
	char *a, *b;
	int rc, bad = 0;

	err_clear(&err);
	rc = aws_proto_response(f->m, f->op, f->status, f->headers, f->body, f->body_len, &result,
	                        &aerr, &err);
	if (code) {
		if (rc != 1) {
			printf("not ok: %s: rc %d, expected an API error %s (%s)\n", f->name, rc,
			       code->valuestring, err.msg);
			cJSON_Delete(result);
			return -1;
		}
		if (strcmp(aerr.code, code->valuestring) != 0) {
			printf("not ok: %s: code %s, the CLI says %s\n", f->name, aerr.code,
			       code->valuestring);
			bad = 1;
		}
		/* The CLI's message for a body that says nothing is the body itself or the reason
		 * phrase; ours names the status and what came back. Otherwise they agree. */
		if (code->valuestring[0] >= '0' && code->valuestring[0] <= '9') {
			if (!strstr(aerr.message, proto_http_reason(f->status)) ||
			    !strstr(aerr.message, "HTTP")) {
				printf("not ok: %s: generic message \"%s\"\n", f->name,
				       aerr.message);
				bad = 1;
			}
		} else if (strcmp(aerr.message, msg->valuestring) != 0) {
			printf("not ok: %s: message \"%s\", the CLI says \"%s\"\n", f->name,
			       aerr.message, msg->valuestring);
			bad = 1;
		}
		if (aerr.status != f->status && !(f->status == 200 && aerr.status == 500)) {
			printf("not ok: %s: status %ld\n", f->name, aerr.status);
			bad = 1;
		}
		if ((strstr(f->body, "<RequestId>") || strstr(f->body, "<RequestID>") ||
		     proto_header(f->headers, "x-amzn-requestid") ||
		     proto_header(f->headers, "x-amz-request-id")) &&
		    !aerr.request_id[0]) {
			printf("not ok: %s: no request id\n", f->name);
			bad = 1;
		}
		return bad ? -1 : 0;
	}
	if (rc != 0) {
		printf("not ok: %s: rc %d: %s: %s (%s)\n", f->name, rc, err.where, err.msg,
		       aerr.code);
		return -1;
	}
	/* The CLI prints nothing for an empty result. */
	want = *out ? proto_json_read(out, strlen(out)) : cJSON_CreateObject();
	a = proto_fixture_print(want);
	b = proto_fixture_print(result);
	if (strcmp(a, b) != 0) {
		printf("not ok: %s: result differs from the aws CLI's\n  cli:  %s\n  ours: %s\n",
		       f->name, a, b);
		bad = 1;
	}
	free(a);
	free(b);
	cJSON_Delete(want);
	cJSON_Delete(result);
	return bad ? -1 : 0;
}

static void test_matches_cli(void **state)
{
	size_t n, ok = 0, errors = 0;
	char **names = fixture_names(&n);

	(void)state;
	assert_non_null(names);
	for (size_t i = 0; i < n; i++) {
		struct fixture f;

		if (load(names[i], &f) == 0 && check(&f) == 0) {
			ok++;
			errors += cJSON_GetObjectItem(f.doc, "cli_error_code") != NULL;
		} else {
			printf("  (fixture %s)\n", names[i]);
		}
		unload(&f);
		free(names[i]);
	}
	free(names);
	set_tz("UTC");
	printf("ok: %zu of %zu responses parsed as the aws CLI prints them (%zu errors)\n", ok, n,
	       errors);
	assert_true(n >= MIN_FIXTURES);
	assert_int_equal(ok, n);
}

/* ---- scalars ---- */

static void test_timestamps(void **state)
{
	static const struct {
		const char *tz, *in, *out;
	} cases[] = {
		/* expected values printed by botocore's parse_timestamp(v).isoformat() */
		{ "UTC", "2024-01-02T03:04:05Z", "2024-01-02T03:04:05+00:00" },
		{ "UTC", "2024-01-02T03:04:05.000Z", "2024-01-02T03:04:05+00:00" },
		{ "UTC", "2024-01-02T03:04:05.1234567Z", "2024-01-02T03:04:05.123456+00:00" },
		{ "UTC", "2024-01-02T03:04:05.5-05:30", "2024-01-02T03:04:05.500000-05:30" },
		{ "UTC", "2024-01-02T03:04:05+0200", "2024-01-02T03:04:05+02:00" },
		{ "UTC", "2024-01-02 03:04:05", "2024-01-02T03:04:05" },
		{ "UTC", "2024-01-02", "2024-01-02T00:00:00" },
		{ "UTC", "Tue, 02 Jan 2024 03:04:05 GMT", "2024-01-02T03:04:05+00:00" },
		{ "UTC", "02 Jan 2024 03:04:05 +0100", "2024-01-02T03:04:05+01:00" },
		{ "UTC", "1704164645", "2024-01-02T03:04:05+00:00" },
		{ "UTC", "1704164645.5", "2024-01-02T03:04:05.500000+00:00" },
		{ "UTC", "0", "1970-01-01T00:00:00+00:00" },
		{ "UTC", "-1.5", "1969-12-31T23:59:58.500000+00:00" },
		{ "UTC", "2024-02-29T23:59:59.999999Z", "2024-02-29T23:59:59.999999+00:00" },
		{ "UTC", "2024-01-02T03:04:05.000-00:00", "2024-01-02T03:04:05+00:00" },
		{ "UTC", "1999-12-31T23:59:59+14:00", "1999-12-31T23:59:59+14:00" },
		{ "UTC", "2024-01-02T03:04", "2024-01-02T03:04:00" },
		{ "Asia/Kolkata", "2024-01-02T03:04:05Z", "2024-01-02T03:04:05+00:00" },
		{ "Asia/Kolkata", "1704164645", "2024-01-02T08:34:05+05:30" },
		{ "Asia/Kolkata", "1720000000.25", "2024-07-03T15:16:40.250000+05:30" },
		{ "Asia/Kolkata", "0", "1970-01-01T05:30:00+05:30" },
		{ "America/New_York", "1704164645", "2024-01-01T22:04:05-05:00" },
		{ "America/New_York", "1720000000.25", "2024-07-03T05:46:40.250000-04:00" },
		{ "America/New_York", "0", "1969-12-31T19:00:00-05:00" },
	};
	static const char *const not_times[] = {
		"",
		"yesterday",
		"2024-02-30T00:00:00Z",
		"2024-13-01",
		"2024-01-02T25:00:00Z",
		"2024-01-02T03:04:05Q",
		"Tue, 32 Jan 2024 03:04:05 GMT",
	};
	struct proto_time t;
	char buf[64];
	cJSON *v;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		set_tz(cases[i].tz);
		if (proto_time_parse(cases[i].in, &t) < 0)
			fail_msg("%s: not read", cases[i].in);
		proto_time_iso(&t, buf, sizeof(buf));
		if (strcmp(buf, cases[i].out) != 0)
			fail_msg("%s in %s: %s, expected %s", cases[i].in, cases[i].tz, buf,
			         cases[i].out);
	}
	set_tz("UTC");
	for (size_t i = 0; i < sizeof(not_times) / sizeof(not_times[0]); i++) {
		if (proto_time_parse(not_times[i], &t) == 0)
			fail_msg("read \"%s\"", not_times[i]);
		/* What is no timestamp passes through as text rather than fail the call. */
		v = proto_time_out_text(not_times[i]);
		assert_string_equal(v->valuestring, not_times[i]);
		cJSON_Delete(v);
	}
	/* Python's fromtimestamp() rounds microseconds half to even. */
	v = proto_time_out_number(1720000000.0000005);
	assert_string_equal(v->valuestring, "2024-07-03T09:46:40+00:00");
	cJSON_Delete(v);
	v = proto_time_out_number(1704164645.123);
	assert_string_equal(v->valuestring, "2024-01-02T03:04:05.123000+00:00");
	cJSON_Delete(v);

	/* Request timestamps: converted to UTC, botocore's formats. */
	v = cJSON_CreateString("2024-02-29T12:34:56.5+02:00");
	assert_int_equal(proto_time_wire(v, "iso8601", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "2024-02-29T10:34:56.500000Z");
	assert_int_equal(proto_time_wire(v, "unixTimestamp", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "1709202896");
	assert_int_equal(proto_time_wire(v, "rfc822", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "Thu, 29 Feb 2024 10:34:56 GMT");
	assert_int_equal(proto_time_wire(v, "nonsense", buf, sizeof(buf)), -1);
	cJSON_Delete(v);
	v = cJSON_CreateNumber(0);
	assert_int_equal(proto_time_wire(v, "rfc822", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "Thu, 01 Jan 1970 00:00:00 GMT");
	cJSON_Delete(v);
}

static void test_numbers(void **state)
{
	static const struct {
		double d;
		const char *repr;
	} floats[] = {
		/* Python's repr() of each value */
		{ 0x1.68p+6, "90.0" },
		{ 0x1.999999999999ap-4, "0.1" },
		{ 0x1.4f8b588e368f1p-17, "1e-05" },
		{ 0x1.a36e2eb1c432dp-14, "0.0001" },
		{ 0x1.1c37937e08p+53, "1e+16" },
		{ 0x1.1c37937e07fffp+53, "9999999999999998.0" },
		{ 0x1.c12218377de66p+46, "123456789012345.6" },
		{ 0x1.421f5f40d8376p-23, "1.5e-07" },
		{ -0.0, "-0.0" },
		{ 0x1.6dc186ef9f45cp+333, "2.5e+100" },
		{ 0x1.5555555555555p-2, "0.3333333333333333" },
		{ 0x1.9p+6, "100.0" },
		{ 0x0.0000000000001p-1022, "5e-324" },
		{ 0x1.fffffffffffffp+1023, "1.7976931348623157e+308" },
		{ 0x1.02e4b6ce5dc68p-13, "0.00012345" },
	};
	char buf[40];
	cJSON *v;

	(void)state;
	for (size_t i = 0; i < sizeof(floats) / sizeof(floats[0]); i++)
		assert_string_equal(proto_float_repr(floats[i].d, buf, sizeof(buf)),
		                    floats[i].repr);
	v = proto_int_out(" -00042 ");
	assert_non_null(v);
	assert_true(v->valuedouble == -42);
	assert_null(v->valuestring);
	cJSON_Delete(v);
	v = proto_int_out("9223372036854775807");
	assert_string_equal(v->valuestring, "9223372036854775807");
	cJSON_Delete(v);
	v = proto_int_out("1_000");
	assert_true(v->valuedouble == 1000);
	cJSON_Delete(v);
	assert_null(proto_int_out("12a"));
	assert_null(proto_int_out(""));
	assert_null(proto_int_out("1.5"));
	assert_null(proto_int_out("_1"));

	/* JSON bodies keep the spelling of their numbers the way Python's json does. */
	{
		const char *text =
		        "{\"a\": 90.0, \"b\": 90, \"c\": 1E2, \"d\": 12345678901234567890,"
		        " \"e\": [\"9.5\", -0.5e-3]}";

		v = proto_json_read(text, strlen(text));
	}
	assert_non_null(v);
	{
		char *s = proto_fixture_print(v);

		assert_string_equal(s, "{\"a\":90.0,\"b\":90,\"c\":100.0,"
		                       "\"d\":12345678901234567890,\"e\":[\"9.5\",-0.0005]}");
		free(s);
	}
	cJSON_Delete(v);
	assert_null(proto_json_read("{\"a\": ", 6));
	assert_null(proto_json_read("{\"a\": 1} x", 10));
	assert_null(proto_json_read("{} {}", 5));
	v = proto_json_read(" {} \n", 5);
	assert_non_null(v);
	cJSON_Delete(v);
}

/* ---- bodies that must be refused cleanly ---- */

static int parse(const char *fixture, long status, const char *body, size_t len, cJSON **result,
                 struct aws_api_error *aerr, struct wa_err *err)
{
	struct fixture f;
	int rc;

	assert_int_equal(load(fixture, &f), 0);
	err_clear(err);
	rc = aws_proto_response(f.m, f.op, status, f.headers, body, len, result, aerr, err);
	unload(&f);
	return rc;
}

/* Cuts each protocol's responses short at many places: never a crash or a wrong success. */
static void test_truncated(void **state)
{
	static const char *const names[] = {
		"ec2-describe-instances.json",
		"rds-describe-db-instances.json",
		"cloudwatch-describe-alarms.json",
		"dynamodb-describe-table.json",
		"lambda-list-functions.json",
		"backup-list-backup-jobs.json",
		"s3-list-buckets.json",
		"route53-list-resource-record-sets.json",
		"corner-query.json",
		"corner-restxml.json",
		"corner-json.json",
	};
	size_t tried = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		struct fixture f;
		const char *last;
		size_t end;

		assert_int_equal(load(names[i], &f), 0);
		last = strrchr(f.body, f.body[0] == '<' || strstr(f.body, "<?xml") ? '>' : '}');
		assert_non_null(last);
		end = (size_t)(last - f.body);
		for (size_t cut = 1; cut < end; cut += 1 + end / 40) {
			struct aws_api_error aerr;
			struct wa_err err;
			cJSON *result = NULL;
			int rc;

			err_clear(&err);
			rc = aws_proto_response(f.m, f.op, 200, f.headers, f.body, cut, &result,
			                        &aerr, &err);
			if (rc != -1)
				fail_msg("%s cut at %zu of %zu: rc %d", names[i], cut, f.body_len,
				         rc);
			assert_null(result);
			assert_true(err_isset(&err));
			assert_non_null(strstr(err.where, aws_operation_name(f.op)));
			tried++;
		}
		unload(&f);
	}
	set_tz("UTC");
	printf("ok: %zu truncated bodies refused\n", tried);
}

static void expect_bad(const char *fixture, long status, const char *body, const char *msg)
{
	struct aws_api_error aerr;
	struct wa_err err;
	cJSON *result = NULL;

	if (parse(fixture, status, body, strlen(body), &result, &aerr, &err) != -1)
		fail_msg("%s accepted %s", fixture, body);
	assert_null(result);
	if (!strstr(err.msg, msg))
		fail_msg("%s: \"%s\" lacks \"%s\"", fixture, err.msg, msg);
}

static void expect_api_error(const char *fixture, long status, const char *body, const char *code,
                             const char *msg)
{
	struct aws_api_error aerr;
	struct wa_err err;
	cJSON *result = NULL;

	if (parse(fixture, status, body, strlen(body), &result, &aerr, &err) != 1)
		fail_msg("%s %ld %s: not an API error (%s)", fixture, status, body, err.msg);
	assert_null(result);
	assert_int_equal(aerr.status, status);
	assert_string_equal(aerr.code, code);
	if (!strstr(aerr.message, msg))
		fail_msg("%s: message \"%s\" lacks \"%s\"", fixture, aerr.message, msg);
}

static void test_bad_bodies(void **state)
{
	char deep[4000];
	size_t n = 0;

	(void)state;
	/* A 200 that is not what the protocol sends. */
	expect_bad("ec2-describe-vpcs.json", 200, "<!DOCTYPE html><html><body>Login</body></html>",
	           "HTML");
	expect_bad("dynamodb-list-tables.json", 200, "<html><body>proxy</body></html>", "HTML");
	expect_bad("sts-get-caller-identity.json", 200, "", "no element");
	expect_bad("sts-get-caller-identity.json", 200, "not xml at all", "invalid XML");
	expect_bad("dynamodb-list-tables.json", 200, "{\"TableNames\": [\"a\"", "not JSON");
	expect_bad("dynamodb-list-tables.json", 200, "{\"TableNames\": \"a\"}", "should be a list");
	expect_bad("lambda-list-functions.json", 200, "{\"Functions\": {}}", "should be a list");
	expect_bad("corner-json.json", 200,
	           "{\"gadgets\": [{\"choice\": {\"a\": \"x\", \"b\": 1}}]}", "one and only one");
	expect_bad("corner-query.json", 200,
	           "<R><GetThingsResult><Count>many</Count></GetThingsResult></R>",
	           "not an integer");
	expect_bad("corner-query.json", 200,
	           "<R><GetThingsResult><Ratio>x</Ratio></GetThingsResult></R>", "not a number");
	expect_bad("corner-restjson.json", 200, "{\"Item\": {\"count\": \"x\"}}", "integer");
	/* Entity tricks and DOCTYPEs are refused before any expansion. */
	expect_bad(
	        "s3-list-buckets.json", 200,
	        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;\">]>"
	        "<ListAllMyBucketsResult><Owner><ID>&b;</ID></Owner></ListAllMyBucketsResult>",
	        "DOCTYPE");
	/* Nesting deeper than any AWS response. */
	for (int i = 0; i < 300; i++)
		n += (size_t)snprintf(deep + n, sizeof(deep) - n, "<a>");
	expect_bad("s3-list-buckets.json", 200, deep, "nested too deeply");

	/* Error statuses always give a status and a code, whatever the body. */
	expect_api_error("sts-get-caller-identity.json", 502, "<ErrorResponse><Error>", "502",
	                 "Bad Gateway");
	expect_api_error("sts-get-caller-identity.json", 400, "<ErrorResponse/>", "400",
	                 "no error code");
	expect_api_error("dynamodb-list-tables.json", 400, "{\"__type\": ", "400", "not JSON");
	expect_api_error("dynamodb-list-tables.json", 400, "[1]", "400", "not JSON");
	expect_api_error("dynamodb-list-tables.json", 400, "{}", "400", "");
	expect_api_error("lambda-list-functions.json", 404,
	                 "<!doctype html><title>404 Not Found</title>", "404", "\"404 Not Found\"");
	expect_api_error("s3-list-buckets.json", 503, "   ", "503", "empty body");
	expect_api_error(
	        "s3-list-buckets.json", 301,
	        "<Error><Code>PermanentRedirect</Code><Message>Use the eu endpoint</Message>"
	        "</Error>",
	        "PermanentRedirect", "eu endpoint");
	expect_api_error("ec2-describe-vpcs.json", 400,
	                 "<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>no\n"
	                 "way</Message></Error></Errors><RequestID>r1</RequestID></Response>",
	                 "UnauthorizedOperation", "no way");
	/* Status 300 is still a result, as botocore reads it. */
	{
		struct aws_api_error aerr;
		struct wa_err err;
		cJSON *result = NULL;

		assert_int_equal(parse("dynamodb-list-tables.json", 300, "{\"TableNames\": []}", 18,
		                       &result, &aerr, &err),
		                 0);
		cJSON_Delete(result);
	}
}

/* Epoch seconds beyond the years 1 to 9999 Python's datetime holds (botocore fails on
 * them): the number passes through as it came, never a made-up year from an out-of-range
 * conversion; a request timestamp that far out is refused. */
static void test_timestamp_out_of_range(void **state)
{
	static const double outside[] = { 1.86692e21, -1.86692e21, 253402300800.0, -62135596801.0,
		                          1e300 };
	struct aws_api_error aerr;
	struct wa_err err;
	cJSON *result = NULL, *v;
	const cJSON *t;
	char buf[64], *body;

	(void)state;
	body = xstrdup("{\"Table\": {\"TableName\": \"t\", \"CreationDateTime\": 1.86692e21}}");
	assert_int_equal(parse("dynamodb-describe-table.json", 200, body, strlen(body), &result,
	                       &aerr, &err),
	                 0);
	t = cJSON_GetObjectItem(cJSON_GetObjectItem(result, "Table"), "CreationDateTime");
	assert_true(cJSON_IsNumber(t));
	assert_true(t->valuedouble == 1.86692e21);
	cJSON_Delete(result);
	free(body);

	set_tz("UTC");
	for (size_t i = 0; i < sizeof(outside) / sizeof(outside[0]); i++) {
		v = proto_time_out_number(outside[i]);
		assert_true(cJSON_IsNumber(v) && v->valuedouble == outside[i]);
		cJSON_Delete(v);
		v = cJSON_CreateNumber(outside[i]);
		assert_int_equal(proto_time_wire(v, "iso8601", buf, sizeof(buf)), -1);
		cJSON_Delete(v);
	}
	/* The ends of the range still read, as Python reads them. */
	v = proto_time_out_number(253402300799.0);
	assert_string_equal(v->valuestring, "9999-12-31T23:59:59+00:00");
	cJSON_Delete(v);
	v = proto_time_out_number(-62135596800.0);
	assert_string_equal(v->valuestring, "0001-01-01T00:00:00+00:00");
	cJSON_Delete(v);
	/* In a zone east of UTC the last second is already year 10000 there: out, as in
	 * Python. */
	set_tz("Asia/Kolkata");
	v = proto_time_out_number(253402300799.0);
	assert_true(cJSON_IsNumber(v));
	cJSON_Delete(v);
	set_tz("UTC");
}

/* The request ID comes from wherever each protocol puts it. */
static void test_request_ids(void **state)
{
	static const struct {
		const char *fixture, *id;
	} cases[] = {
		{ "error-query-throttling.json", "c0ffee00-0000-4000-8000-000000000001" },
		{ "error-ec2-throttling.json", "5a4f2f9c-0000-4000-8000-00000000beef" },
		{ "error-json-throttling.json", "d1e2f3a4-0000-4000-8000-00000000abcd" },
		{ "error-restjson-header.json", "d1e2f3a4-0000-4000-8000-00000000abcd" },
		{ "error-restxml-s3.json", "4442587FB7D0A2F9" },
		{ "error-restxml-route53.json", "8e8a2c3d-0000-4000-8000-000000000042" },
		{ "error-s3-200.json", "656c76696e6727732072657175657374" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct aws_api_error aerr;
		struct wa_err err;
		struct fixture f;
		cJSON *result = NULL;

		assert_int_equal(load(cases[i].fixture, &f), 0);
		assert_int_equal(aws_proto_response(f.m, f.op, f.status, f.headers, f.body,
		                                    f.body_len, &result, &aerr, &err),
		                 1);
		assert_string_equal(aerr.request_id, cases[i].id);
		unload(&f);
	}
	set_tz("UTC");
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
		cmocka_unit_test(test_matches_cli),
		cmocka_unit_test(test_timestamps),
		cmocka_unit_test(test_timestamp_out_of_range),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_bad_bodies),
		cmocka_unit_test(test_request_ids),
	};

	set_tz("UTC");
	return cmocka_run_group_tests_name("proto_response", tests, NULL, teardown);
}
