/* The AWS client over a fake network: batches that keep every result when some calls
 * fail, both retry modes driven by an injected random source and a virtual clock, a retry
 * quota per service and Region,
 * pagination merged as the aws CLI merges it, signing, read-only refusals, and the STS
 * calls the credential chain makes. */
#define _GNU_SOURCE /* setenv, strcasestr */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "aws/client.h"
#include "util/xalloc.h"

/* ---- the fake network -------------------------------------------------------------------- */

struct pending {
	struct http_request req;
	void *tag;
};

/* Answers req: fills resp (status, headers, body) and returns TRANSPORT_OK, or returns a
 * failure kind. n is the number of requests seen so far for this test, from 1. */
typedef enum transport_fail (*handler_fn)(const struct http_request *req, int n,
                                          struct http_response *resp);

struct fake {
	struct transport base;
	struct pending *q;
	size_t n_q;
	size_t cap_q;
	long long now; /* virtual milliseconds */
};

static handler_fn handler;
static int seen;            /* requests answered, all fakes together */
static long long waited_ms; /* virtual time passed with nothing in flight */
static char last_url[4096];
static char last_auth[1024];
static char last_token[2048];
static char last_body[8192];

static int fake_submit(struct transport *t, struct http_request *req, void *tag, struct wa_err *err)
{
	struct fake *f = (struct fake *)t;

	(void)err;
	f->q = xgrow(f->q, &f->cap_q, f->n_q + 1, sizeof(*f->q));
	f->q[f->n_q].req = *req;
	f->q[f->n_q].tag = tag;
	f->n_q++;
	memset(req, 0, sizeof(*req));
	return 0;
}

static const char *req_header(const struct http_request *r, const char *name)
{
	for (size_t i = 0; i < r->n_headers; i++)
		if (strcasecmp(r->headers[i].name, name) == 0)
			return r->headers[i].value;
	return NULL;
}

static int fake_wait(struct transport *t, long timeout_ms, struct transport_done *out, int max,
                     struct wa_err *err)
{
	struct fake *f = (struct fake *)t;
	int n = 0;

	(void)err;
	if (f->n_q == 0) {
		f->now += timeout_ms;
		waited_ms += timeout_ms;
		return 0;
	}
	f->now += 1; /* every exchange takes a millisecond of virtual time */
	while (f->n_q > 0 && n < max) {
		struct pending p = f->q[0];
		const char *h;

		memmove(f->q, f->q + 1, (f->n_q - 1) * sizeof(*f->q));
		f->n_q--;
		memset(&out[n], 0, sizeof(out[n]));
		out[n].tag = p.tag;
		snprintf(last_url, sizeof(last_url), "%s", p.req.url);
		h = req_header(&p.req, "Authorization");
		snprintf(last_auth, sizeof(last_auth), "%s", h ? h : "");
		h = req_header(&p.req, "X-Amz-Security-Token");
		snprintf(last_token, sizeof(last_token), "%s", h ? h : "");
		snprintf(last_body, sizeof(last_body), "%.*s", (int)p.req.body_len,
		         p.req.body ? p.req.body : "");
		out[n].fail = handler(&p.req, ++seen, &out[n].resp);
		if (out[n].fail != TRANSPORT_OK) {
			http_response_free(&out[n].resp);
			snprintf(out[n].message, sizeof(out[n].message), "fake: %s",
			         transport_fail_name(out[n].fail));
		} else if (!out[n].resp.body) {
			out[n].resp.body = xstrdup("");
		}
		http_request_free(&p.req);
		n++;
	}
	return n;
}

static long long fake_now(struct transport *t)
{
	return ((struct fake *)t)->now;
}

static size_t fake_active(struct transport *t)
{
	return ((struct fake *)t)->n_q;
}

static void fake_free(struct transport *t)
{
	struct fake *f = (struct fake *)t;

	for (size_t i = 0; i < f->n_q; i++)
		http_request_free(&f->q[i].req);
	free(f->q);
	free(f);
}

static const struct transport_ops fake_ops = {
	fake_submit, fake_wait, fake_now, fake_active, fake_free, NULL, NULL,
};

static struct transport *fake_new(void *ctx, const struct transport_config *cfg, struct wa_err *err)
{
	struct fake *f = xcalloc(1, sizeof(*f));

	(void)ctx, (void)cfg, (void)err;
	f->base.ops = &fake_ops;
	f->now = 1000000;
	return &f->base;
}

static void respond(struct http_response *r, long status, const char *ctype, const char *body)
{
	r->status = status;
	http_response_add_header(r, "Content-Type", ctype);
	r->body = xstrdup(body);
	r->body_len = strlen(body);
}

static void respond_json(struct http_response *r, long status, const char *body)
{
	respond(r, status, "application/x-amz-json-1.0", body);
}

/* ---- fixtures ---------------------------------------------------------------------------- */

static double draw = 0.5;

static double fixed_rand(void *ctx)
{
	(void)ctx;
	return draw;
}

static struct aws_client *open_client(void)
{
	struct aws_client_opts o = { 0 };
	struct aws_settings_in in = { 0 };
	struct aws_client *c = NULL;
	struct wa_err err;

	o.transport_new = fake_new;
	o.rand = fixed_rand;
	o.max_per_host = 4;
	in.region = "eu-west-1";
	err_clear(&err);
	if (aws_client_open(&in, &o, &c, &err) != 0)
		fail_msg("aws_client_open: %s", err.msg);
	return c;
}

static int setup(void **state)
{
	(void)state;
	setenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", 1);
	setenv("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", 1);
	setenv("AWS_SESSION_TOKEN", "session-token-value", 1);
	setenv("AWS_CONFIG_FILE", "/nonexistent/config", 1);
	setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials", 1);
	setenv("AWS_EC2_METADATA_DISABLED", "true", 1);
	unsetenv("AWS_PROFILE");
	unsetenv("AWS_ENDPOINT_URL");
	unsetenv("AWS_MAX_ATTEMPTS");
	unsetenv("AWS_RETRY_MODE");
	unsetenv("AWS_REGION");
	unsetenv("AWS_DEFAULT_REGION");
	seen = 0;
	waited_ms = 0;
	draw = 0.5;
	return 0;
}

/* ---- handlers ---------------------------------------------------------------------------- */

static enum transport_fail ok_tables(const struct http_request *req, int n, struct http_response *r)
{
	(void)req, (void)n;
	respond_json(r, 200, "{\"TableNames\":[\"orders\"]}");
	return TRANSPORT_OK;
}

static enum transport_fail throttle_twice(const struct http_request *req, int n,
                                          struct http_response *r)
{
	(void)req;
	if (n <= 2)
		respond_json(r, 400,
		             "{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
		             "ThrottlingException\",\"message\":\"Rate exceeded\"}");
	else
		respond_json(r, 200, "{\"TableNames\":[\"a\"]}");
	return TRANSPORT_OK;
}

static enum transport_fail throttle_always(const struct http_request *req, int n,
                                           struct http_response *r)
{
	(void)req, (void)n;
	respond(r, 400, "text/xml",
	        "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>"
	        "<Message>Rate "
	        "exceeded</Message></Error><RequestId>r1</RequestId></ErrorResponse>");
	return TRANSPORT_OK;
}

/* DynamoDB ListTables in three pages, by ExclusiveStartTableName. */
static enum transport_fail three_pages(const struct http_request *req, int n,
                                       struct http_response *r)
{
	(void)n;
	if (!req->body || !strstr(req->body, "ExclusiveStartTableName"))
		respond_json(r, 200,
		             "{\"TableNames\":[\"a\",\"b\"],\"LastEvaluatedTableName\":\"b\"}");
	else if (strstr(req->body, "\"b\""))
		respond_json(r, 200, "{\"TableNames\":[\"c\"],\"LastEvaluatedTableName\":\"c\"}");
	else
		respond_json(r, 200, "{\"TableNames\":[\"d\"]}");
	return TRANSPORT_OK;
}

static enum transport_fail same_token(const struct http_request *req, int n,
                                      struct http_response *r)
{
	(void)req, (void)n;
	respond_json(r, 200, "{\"TableNames\":[\"x\"],\"LastEvaluatedTableName\":\"x\"}");
	return TRANSPORT_OK;
}

/* Per service: dynamodb fine, sqs denied, logs reset every time, ec2 a 503 once. */
static enum transport_fail mixed(const struct http_request *req, int n, struct http_response *r)
{
	const char *target = req_header(req, "X-Amz-Target");

	(void)n;
	if (strstr(req->url, "dynamodb.")) {
		respond_json(r, 200, "{\"TableNames\":[\"t\"]}");
	} else if (strstr(req->url, "sqs.")) {
		respond_json(r, 400,
		             "{\"__type\":\"com.amazon.coral.service#AccessDeniedException\","
		             "\"message\":\"not authorized\"}");
	} else if (strstr(req->url, "logs.")) {
		return TRANSPORT_IO;
	} else if (target) {
		respond_json(r, 200, "{}");
	} else {
		respond(r, 200, "text/xml",
		        "<DescribeRegionsResponse><regionInfo/>"
		        "</DescribeRegionsResponse>");
	}
	return TRANSPORT_OK;
}

static enum transport_fail tls_fail(const struct http_request *req, int n, struct http_response *r)
{
	(void)req, (void)n, (void)r;
	return TRANSPORT_TLS;
}

static enum transport_fail reset_always(const struct http_request *req, int n,
                                        struct http_response *r)
{
	(void)req, (void)n, (void)r;
	return TRANSPORT_IO;
}

static enum transport_fail html_404(const struct http_request *req, int n, struct http_response *r)
{
	(void)req, (void)n;
	respond(r, 404, "text/html",
	        "<!doctype html><title>404 Not Found</title><h1>Not Found</h1>");
	return TRANSPORT_OK;
}

static enum transport_fail web_identity(const struct http_request *req, int n,
                                        struct http_response *r)
{
	(void)req, (void)n;
	respond(r, 200, "text/xml",
	        "<AssumeRoleWithWebIdentityResponse "
	        "xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
	        "<AssumeRoleWithWebIdentityResult><Credentials><AccessKeyId>ASIAEXAMPLE</"
	        "AccessKeyId>"
	        "<SecretAccessKey>s3cr3t</SecretAccessKey><SessionToken>tok</SessionToken>"
	        "<Expiration>2030-01-01T00:00:00Z</Expiration></Credentials>"
	        "</AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>");
	return TRANSPORT_OK;
}

/* ---- tests ------------------------------------------------------------------------------- */

static int done_count;

static void on_done(void *ctx, struct aws_call *call)
{
	(void)ctx;
	assert_true(call->status != AWS_CALL_PENDING);
	done_count++;
}

static void test_batch_all_ok(void **state)
{
	struct aws_client *c = open_client();
	struct aws_call calls[10];

	(void)state;
	handler = ok_tables;
	memset(calls, 0, sizeof(calls));
	for (int i = 0; i < 10; i++) {
		calls[i].service = "dynamodb";
		calls[i].operation = i % 2 ? "ListTables" : "list-tables";
		calls[i].region = i < 5 ? "eu-west-1" : "us-east-1";
	}
	done_count = 0;
	assert_int_equal(aws_client_run(c, calls, 10, on_done, NULL), 0);
	assert_int_equal(done_count, 10);
	for (int i = 0; i < 10; i++) {
		char *s = cJSON_PrintUnformatted(calls[i].result);

		assert_int_equal(calls[i].status, AWS_CALL_OK);
		assert_string_equal(s, "{\"TableNames\":[\"orders\"]}");
		free(s);
		aws_call_clear(&calls[i]);
	}
	/* Signed for the Region of the call, with the session token. */
	assert_non_null(strstr(last_url, "https://dynamodb.us-east-1.amazonaws.com/"));
	assert_non_null(strstr(last_auth, "Credential=AKIDEXAMPLE/"));
	assert_non_null(strstr(last_auth, "/us-east-1/dynamodb/aws4_request"));
	assert_string_equal(last_token, "session-token-value");
	aws_client_free(c);
}

static void test_retry_backoff(void **state)
{
	struct aws_client *c = open_client();
	struct aws_api_error ae;
	struct wa_err err;
	cJSON *res = NULL;

	(void)state;
	handler = throttle_twice;
	err_clear(&err);
	assert_int_equal(
	        aws_client_call(c, "dynamodb", "ListTables", NULL, NULL, 0, &res, &ae, &err), 0);
	assert_int_equal(seen, 3);
	/* Legacy mode, DynamoDB: 50 ms doubling, no jitter: 50 + 100 ms. */
	assert_true(waited_ms >= 150 && waited_ms < 200);
	cJSON_Delete(res);
	aws_client_free(c);
	/* Standard mode: 1 s doubling, scaled by the draw (0.5): 500 + 1000 ms. */
	setenv("AWS_RETRY_MODE", "standard", 1);
	c = open_client();
	seen = 0;
	waited_ms = 0;
	assert_int_equal(
	        aws_client_call(c, "dynamodb", "ListTables", NULL, NULL, 0, &res, &ae, &err), 0);
	assert_int_equal(seen, 3);
	assert_true(waited_ms >= 1500 && waited_ms < 1600);
	cJSON_Delete(res);
	aws_client_free(c);
}

static void test_retry_gives_up(void **state)
{
	struct aws_client *c = open_client();
	struct aws_api_error ae;
	struct wa_err err;
	cJSON *res = NULL;

	(void)state;
	handler = throttle_always;
	draw = 0;
	err_clear(&err);
	assert_int_equal(
	        aws_client_call(c, "rds", "DescribeDBInstances", NULL, NULL, 0, &res, &ae, &err),
	        -1);
	assert_null(res);
	assert_int_equal(seen, 5); /* the legacy mode's 5 attempts */
	assert_string_equal(err.where, "rds:DescribeDBInstances in eu-west-1");
	assert_string_equal(err.msg, "Throttling \xE2\x80\x94 Rate exceeded");
	assert_string_equal(ae.code, "Throttling");
	assert_int_equal(ae.status, 400);
	aws_client_free(c);
	/* The standard mode's 3. */
	setenv("AWS_RETRY_MODE", "standard", 1);
	c = open_client();
	seen = 0;
	assert_int_equal(
	        aws_client_call(c, "rds", "DescribeDBInstances", NULL, NULL, 0, &res, &ae, &err),
	        -1);
	assert_int_equal(seen, 3);
	aws_client_free(c);
}

/* rds in eu-west-1 throttles every request; in us-east-1 every other one. */
static int east_seen;

static enum transport_fail throttle_by_region(const struct http_request *req, int n,
                                              struct http_response *r)
{
	(void)n;
	if (strstr(req->url, ".us-east-1.") && ++east_seen % 2 == 0)
		respond(r, 200, "text/xml",
		        "<DescribeDBInstancesResponse><DescribeDBInstancesResult><DBInstances/>"
		        "</DescribeDBInstancesResult></DescribeDBInstancesResponse>");
	else
		return throttle_always(req, n, r);
	return TRANSPORT_OK;
}

static void test_quota_per_region(void **state)
{
	struct aws_client *c;
	struct aws_call calls[61];

	(void)state;
	/* botocore's standard mode: 500 units a client, 5 a retry: 100 retries for a Region
	 * under throttling, while another Region's calls keep theirs. */
	setenv("AWS_RETRY_MODE", "standard", 1);
	c = open_client();
	handler = throttle_by_region;
	east_seen = 0;
	draw = 0;
	memset(calls, 0, sizeof(calls));
	for (int i = 0; i < 61; i++) {
		calls[i].service = "rds";
		calls[i].operation = "DescribeDBInstances";
		calls[i].region = i < 60 ? "eu-west-1" : "us-east-1";
	}
	/* 60 calls in eu-west-1: 60 first attempts and 100 retries, then the quota is spent. */
	assert_int_equal(aws_client_run(c, calls, 60, NULL, NULL), 60);
	assert_int_equal(seen, 60 + 100);
	/* 10 calls in us-east-1, throttled once each: retried, and fine. */
	for (int i = 0; i < 10; i++) {
		seen = 0;
		aws_call_clear(&calls[60]);
		assert_int_equal(aws_client_run(c, &calls[60], 1, NULL, NULL), 0);
		assert_int_equal(seen, 2);
	}
	/* eu-west-1's quota stays spent: one attempt and no retry. */
	seen = 0;
	assert_int_equal(aws_client_run(c, calls, 1, NULL, NULL), 1);
	assert_int_equal(seen, 1);
	aws_client_free(c);
	/* Legacy mode has no quota: every call gets its 5 attempts. */
	unsetenv("AWS_RETRY_MODE");
	c = open_client();
	seen = 0;
	assert_int_equal(aws_client_run(c, calls, 60, NULL, NULL), 60);
	assert_int_equal(seen, 60 * 5);
	for (int i = 0; i < 61; i++)
		aws_call_clear(&calls[i]);
	aws_client_free(c);
}

static void test_pagination_merged(void **state)
{
	struct aws_client *c = open_client();
	struct aws_call call = { 0 };
	char *s;

	(void)state;
	handler = three_pages;
	call.service = "dynamodb";
	call.operation = "ListTables";
	assert_int_equal(aws_client_run(c, &call, 1, NULL, NULL), 0);
	assert_int_equal(call.pages, 3);
	s = cJSON_PrintUnformatted(call.result);
	/* The result key lists joined; the output token is not part of the merged result. */
	assert_string_equal(s, "{\"TableNames\":[\"a\",\"b\",\"c\",\"d\"]}");
	free(s);
	assert_non_null(strstr(last_body, "\"ExclusiveStartTableName\":\"c\""));
	aws_call_clear(&call);
	/* --no-paginate: the first page as it came. */
	seen = 0;
	call.flags = AWS_CALL_NO_PAGINATE;
	assert_int_equal(aws_client_run(c, &call, 1, NULL, NULL), 0);
	assert_int_equal(seen, 1);
	s = cJSON_PrintUnformatted(call.result);
	assert_string_equal(s, "{\"TableNames\":[\"a\",\"b\"],\"LastEvaluatedTableName\":\"b\"}");
	free(s);
	aws_call_clear(&call);
	/* The caller's page bound: the pages read, merged, and whether more were left. */
	call.flags = 0;
	call.max_pages = 2;
	assert_int_equal(aws_client_run(c, &call, 1, NULL, NULL), 0);
	assert_int_equal(call.pages, 2);
	assert_true(call.truncated);
	s = cJSON_PrintUnformatted(call.result);
	assert_string_equal(s, "{\"TableNames\":[\"a\",\"b\",\"c\"]}");
	free(s);
	aws_call_clear(&call);
	assert_false(call.truncated);
	call.max_pages = 3; /* the last page: nothing left */
	assert_int_equal(aws_client_run(c, &call, 1, NULL, NULL), 0);
	assert_int_equal(call.pages, 3);
	assert_false(call.truncated);
	aws_call_clear(&call);
	aws_client_free(c);
}

static void test_pagination_loop_stops(void **state)
{
	struct aws_client *c = open_client();
	struct aws_call call = { 0 };

	(void)state;
	handler = same_token;
	call.service = "dynamodb";
	call.operation = "ListTables";
	assert_int_equal(aws_client_run(c, &call, 1, NULL, NULL), 1);
	assert_int_equal(call.status, AWS_CALL_FAILED);
	assert_non_null(strstr(call.err.msg, "same pagination token twice"));
	assert_true(seen <= 3);
	aws_call_clear(&call);
	aws_client_free(c);
}

static void test_failures_keep_other_results(void **state)
{
	struct aws_client *c = open_client();
	struct aws_call calls[8];
	const char *svc[] = { "dynamodb", "sqs", "logs", "ec2" };
	const char *op[] = { "ListTables", "ListQueues", "DescribeLogGroups", "DescribeRegions" };

	(void)state;
	handler = mixed;
	draw = 0;
	memset(calls, 0, sizeof(calls));
	for (int i = 0; i < 8; i++) {
		calls[i].service = svc[i % 4];
		calls[i].operation = op[i % 4];
	}
	done_count = 0;
	assert_int_equal(aws_client_run(c, calls, 8, on_done, NULL), 4);
	assert_int_equal(done_count, 8);
	for (int i = 0; i < 8; i++) {
		switch (i % 4) {
		case 0:
			assert_int_equal(calls[i].status, AWS_CALL_OK);
			assert_non_null(cJSON_GetObjectItem(calls[i].result, "TableNames"));
			break;
		case 1:
			assert_int_equal(calls[i].status, AWS_CALL_API_ERROR);
			assert_string_equal(calls[i].api.code, "AccessDeniedException");
			assert_string_equal(calls[i].err.where, "sqs:ListQueues in eu-west-1");
			break;
		case 2:
			assert_int_equal(calls[i].status, AWS_CALL_FAILED);
			assert_int_equal(calls[i].attempts, 5);
			assert_non_null(strstr(calls[i].err.msg, "connection broken"));
			break;
		case 3: assert_int_equal(calls[i].status, AWS_CALL_OK); break;
		}
		aws_call_clear(&calls[i]);
	}
	aws_client_free(c);
}

static void test_not_retried(void **state)
{
	struct aws_client *c = open_client();
	struct wa_err err;
	cJSON *res = NULL;

	(void)state;
	handler = tls_fail;
	err_clear(&err);
	assert_int_equal(
	        aws_client_call(c, "sts", "GetCallerIdentity", NULL, NULL, 0, &res, NULL, &err),
	        -1);
	assert_int_equal(seen, 1);
	assert_non_null(strstr(err.msg, "TLS"));
	/* An HTML error page (moto's missing calls): reported with its status, not retried. */
	seen = 0;
	handler = html_404;
	assert_int_equal(
	        aws_client_call(c, "sts", "GetCallerIdentity", NULL, NULL, 0, &res, NULL, &err),
	        -1);
	assert_int_equal(seen, 1);
	assert_string_equal(err.where, "sts:GetCallerIdentity in eu-west-1");
	assert_non_null(strstr(err.msg, "404"));
	/* AWS_MAX_ATTEMPTS is the SDKs' variable for the attempt limit. */
	aws_client_free(c);
	setenv("AWS_MAX_ATTEMPTS", "2", 1);
	c = open_client();
	seen = 0;
	handler = reset_always;
	assert_int_equal(
	        aws_client_call(c, "sts", "GetCallerIdentity", NULL, NULL, 0, &res, NULL, &err),
	        -1);
	assert_int_equal(seen, 2);
	aws_client_free(c);
}

static void test_bad_calls_never_sent(void **state)
{
	struct aws_client *c = open_client();
	struct aws_call calls[4];
	cJSON *bad = cJSON_CreateObject();

	(void)state;
	handler = ok_tables;
	cJSON_AddStringToObject(bad, "NoSuchMember", "x");
	memset(calls, 0, sizeof(calls));
	calls[0].service = "nosuchservice";
	calls[0].operation = "ListThings";
	calls[1].service = "dynamodb";
	calls[1].operation = "DeleteTable";
	calls[2].service = "dynamodb";
	calls[2].operation = "ListTables";
	calls[2].params = bad;
	calls[3].service = "dynamodb";
	calls[3].operation = "ListTables";
	calls[3].region = "eu-west-1.evil.example";
	assert_int_equal(aws_client_run(c, calls, 4, NULL, NULL), 4);
	assert_int_equal(seen, 0);
	assert_non_null(strstr(calls[2].err.msg, "NoSuchMember"));
	assert_non_null(strstr(calls[3].err.msg, "not a Region"));
	for (int i = 0; i < 4; i++) {
		assert_int_equal(calls[i].status, AWS_CALL_FAILED);
		assert_true(calls[i].err.msg[0] != '\0');
		aws_call_clear(&calls[i]);
	}
	cJSON_Delete(bad);
	aws_client_free(c);
}

static void test_readonly(void **state)
{
	(void)state;
	assert_true(aws_client_readonly("ec2", "DescribeInstances", false));
	assert_true(aws_client_readonly("s3", "GetBucketVersioning", false));
	assert_true(aws_client_readonly("s3", "ListBuckets", false));
	assert_true(aws_client_readonly("cloudtrail", "LookupEvents", false));
	/* log probes search logs; the writes beside it stay refused */
	assert_true(aws_client_readonly("logs", "FilterLogEvents", false));
	assert_false(aws_client_readonly("logs", "PutLogEvents", false));
	assert_false(aws_client_readonly("cloudwatch", "PutMetricData", false));
	assert_false(aws_client_readonly("ec2", "TerminateInstances", false));
	assert_false(aws_client_readonly("ec2", "RunInstances", false));
	assert_false(aws_client_readonly("dynamodb", "DeleteTable", false));
	assert_false(aws_client_readonly("s3", "PutBucketVersioning", false));
	/* A verb must be a whole word: "Getaway" is not "Get …". */
	assert_false(aws_client_readonly("x", "Getaway", false));
	assert_false(aws_client_readonly("x", "Listen", false));
	assert_false(aws_client_readonly("x", "Describer", false));
	/* The credential chain's STS calls, and only for it. */
	assert_false(aws_client_readonly("sts", "AssumeRole", false));
	assert_true(aws_client_readonly("sts", "AssumeRole", true));
	assert_true(aws_client_readonly("sts", "AssumeRoleWithWebIdentity", true));
	assert_false(aws_client_readonly("iam", "CreateAccessKey", true));
	assert_false(aws_client_readonly(NULL, "ListX", false));
}

/* Push's writes go only through a client push opened them on, and only the four it makes;
 * every other client (wa-review aws, evidence, the wizard) refuses them before sending. */
static void test_push_writes(void **state)
{
	struct aws_client *c = open_client();
	cJSON *res = NULL, *p = cJSON_Parse("{\"WorkloadId\":\"w1\",\"LensAlias\":\"x\","
	                                    "\"QuestionId\":\"q\"}");
	struct wa_err err;

	(void)state;
	handler = ok_tables;
	assert_int_equal(
	        aws_client_call(c, "wellarchitected", "UpdateAnswer", p, NULL, 0, &res, NULL, &err),
	        -1);
	assert_non_null(strstr(err.msg, "refused"));
	assert_int_equal(seen, 0);
	for (size_t i = 0; aws_client_push_ops[i]; i++)
		assert_false(
		        aws_client_may_send(c, "wellarchitected", aws_client_push_ops[i], false));
	aws_client_allow_push(c);
	for (size_t i = 0; aws_client_push_ops[i]; i++)
		assert_true(
		        aws_client_may_send(c, "wellarchitected", aws_client_push_ops[i], false));
	assert_int_equal(aws_client_push_ops[4], NULL);
	assert_false(aws_client_may_send(c, "wellarchitected", "DeleteWorkload", false));
	assert_false(aws_client_may_send(c, "wellarchitected", "ImportLens", false));
	assert_false(aws_client_may_send(c, "ec2", "TerminateInstances", false));
	assert_false(aws_client_may_send(c, "dynamodb", "UpdateAnswer", false));
	assert_true(aws_client_may_send(c, "wellarchitected", "GetAnswer", false));
	cJSON_Delete(p);
	aws_client_free(c);
}

static void test_sts_for_the_chain(void **state)
{
	struct aws_client *c = open_client();
	const char *params[] = { "RoleArn",
		                 "arn:aws:iam::123456789012:role/ci",
		                 "RoleSessionName",
		                 "wa-review",
		                 "WebIdentityToken",
		                 "jwt",
		                 "DurationSeconds",
		                 "900",
		                 NULL };
	struct wa_err err;
	cJSON *res = NULL;
	const cJSON *cr;

	(void)state;
	handler = web_identity;
	err_clear(&err);
	/* Web identity is an unsigned call: no Authorization header goes out. */
	assert_int_equal(aws_client_sts(c, "AssumeRoleWithWebIdentity", NULL, "eu-west-1", params,
	                                &res, &err),
	                 0);
	assert_string_equal(last_auth, "");
	assert_non_null(strstr(last_url, "https://sts.eu-west-1.amazonaws.com/"));
	assert_non_null(strstr(last_body, "Action=AssumeRoleWithWebIdentity"));
	assert_non_null(strstr(last_body, "DurationSeconds=900"));
	cr = cJSON_GetObjectItem(res, "Credentials");
	assert_string_equal(cJSON_GetObjectItem(cr, "AccessKeyId")->valuestring, "ASIAEXAMPLE");
	cJSON_Delete(res);
	/* Not an allowed action: refused without a request. */
	seen = 0;
	assert_int_equal(
	        aws_client_sts(c, "GetFederationToken", NULL, "eu-west-1", params, &res, &err), -1);
	assert_int_equal(seen, 0);
	aws_client_free(c);
}

/* The first call answers, every later one is throttled (a retry waits its backoff). */
static enum transport_fail ok_then_throttle(const struct http_request *req, int n,
                                            struct http_response *r)
{
	return n == 1 ? ok_tables(req, n, r) : throttle_twice(req, 1, r);
}

static struct aws_client *to_cancel;

/* Cancels as the wizard's quit does (there from another thread) once a call is done. */
static void cancel_on_done(void *ctx, struct aws_call *call)
{
	(void)ctx, (void)call;
	done_count++;
	aws_client_cancel(to_cancel);
}

/* A cancel ends the run at once: what finished keeps its result, the call waiting out a
 * backoff fails "cancelled" without waiting, and later runs send nothing. */
static void test_cancel(void **state)
{
	struct aws_call calls[2];

	(void)state;
	handler = ok_then_throttle;
	to_cancel = open_client();
	memset(calls, 0, sizeof(calls));
	for (int i = 0; i < 2; i++) {
		calls[i].service = "dynamodb";
		calls[i].operation = "ListTables";
	}
	done_count = 0;
	waited_ms = 0;
	assert_int_equal(aws_client_run(to_cancel, calls, 2, cancel_on_done, NULL), 1);
	assert_int_equal(done_count, 2);
	assert_int_equal(calls[0].status, AWS_CALL_OK);
	assert_int_equal(calls[1].status, AWS_CALL_FAILED);
	assert_string_equal(calls[1].err.msg, "cancelled");
	assert_int_equal(seen, 2);
	assert_int_equal(waited_ms, 0);
	for (int i = 0; i < 2; i++)
		aws_call_clear(&calls[i]);
	assert_int_equal(aws_client_run(to_cancel, calls, 2, on_done, NULL), 2);
	assert_int_equal(calls[0].status, AWS_CALL_FAILED);
	assert_string_equal(calls[0].err.msg, "cancelled");
	assert_int_equal(seen, 2);
	for (int i = 0; i < 2; i++)
		aws_call_clear(&calls[i]);
	aws_client_free(to_cancel);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_batch_all_ok, setup),
		cmocka_unit_test_setup(test_retry_backoff, setup),
		cmocka_unit_test_setup(test_retry_gives_up, setup),
		cmocka_unit_test_setup(test_quota_per_region, setup),
		cmocka_unit_test_setup(test_pagination_merged, setup),
		cmocka_unit_test_setup(test_pagination_loop_stops, setup),
		cmocka_unit_test_setup(test_failures_keep_other_results, setup),
		cmocka_unit_test_setup(test_not_retried, setup),
		cmocka_unit_test_setup(test_bad_calls_never_sent, setup),
		cmocka_unit_test_setup(test_readonly, setup),
		cmocka_unit_test_setup(test_cancel, setup),
		cmocka_unit_test_setup(test_push_writes, setup),
		cmocka_unit_test_setup(test_sts_for_the_chain, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
