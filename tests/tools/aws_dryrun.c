/* aws_dryrun: runs AWS calls through the real client (settings from the environment and the
 * shared files, endpoint resolution, signing, retries) against a fake network, and prints
 * what went out, for comparison with botocore on the same input (tests/cli/aws_botocore.py).
 *
 *   aws_dryrun [--rand R] SPEC.json
 *
 * SPEC is a JSON array of calls {"service", "operation", "region", "params", "answers"},
 * run one after another on one client, as a script runs the aws CLI (so its retry quotas
 * carry over from call to call, within a service and Region). "answers" is what the fake
 * network says to the call's requests in turn, the last again once they run out: {"status",
 * "headers": {name: value}, "body"} or {"fail": "connect" | "io" | "timeout"}; none means an
 * empty 200. --rand is the backoff's random draw (default 0.5).
 *
 * Output, one JSON line per call: {"url": the first request's URL without its query,
 * "region": the Region it was signed for, "attempts": requests sent, "waits": [ms between
 * them], "outcome": "ok" | the error code | "failed", "ca": the CA bundle in use or null};
 * or {"error": …} when the call never went out. One line {"error": …} and exit status 1
 * when the settings do not load; 2 on bad usage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "aws/client.h"
#include "util/fsio.h"
#include "util/xalloc.h"

/* The fake network: one request at a time, on a clock that moves only while the client
 * waits. */
struct fake {
	struct transport base;
	struct http_request req; /* the request in flight (method NULL: none) */
	void *tag;
	long long now;
};

static const cJSON *answers; /* of the call running */
static int sent;             /* its requests so far */
static long long sent_at[64];
static char first_url[2048], first_region[64];
static double draw = 0.5;

static double fixed_rand(void *ctx)
{
	(void)ctx;
	return draw;
}

static int fake_submit(struct transport *t, struct http_request *req, void *tag, struct wa_err *err)
{
	struct fake *f = (struct fake *)t;
	const char *cred = NULL;

	(void)err;
	if (sent == 0) {
		snprintf(first_url, sizeof(first_url), "%.*s", (int)strcspn(req->url, "?"),
		         req->url);
		for (size_t i = 0; i < req->n_headers; i++)
			if (!strcmp(req->headers[i].name, "Authorization"))
				cred = strstr(req->headers[i].value, "Credential=");
		/* Credential=AKID/20260101/REGION/service/aws4_request */
		if (cred && (cred = strchr(cred, '/')) && (cred = strchr(cred + 1, '/')))
			snprintf(first_region, sizeof(first_region), "%.*s",
			         (int)strcspn(cred + 1, "/"), cred + 1);
	}
	if (sent < (int)(sizeof(sent_at) / sizeof(*sent_at)))
		sent_at[sent] = f->now;
	sent++;
	http_request_free(&f->req);
	f->req = *req;
	f->tag = tag;
	memset(req, 0, sizeof(*req));
	return 0;
}

/* The answer to request number n (0-based): the n-th, or the last. */
static const cJSON *answer_for(int n)
{
	int k = cJSON_GetArraySize(answers);

	return k ? cJSON_GetArrayItem(answers, n < k ? n : k - 1) : NULL;
}

static int fake_wait(struct transport *t, long timeout_ms, struct transport_done *out, int max,
                     struct wa_err *err)
{
	struct fake *f = (struct fake *)t;
	const cJSON *a, *fail, *h, *status, *body;

	(void)err;
	if (!f->req.method || max < 1) {
		f->now += timeout_ms;
		return 0;
	}
	a = answer_for(sent - 1);
	memset(out, 0, sizeof(*out));
	out->tag = f->tag;
	fail = cJSON_GetObjectItemCaseSensitive(a, "fail");
	if (cJSON_IsString(fail)) {
		out->fail = !strcmp(fail->valuestring, "connect")   ? TRANSPORT_CONNECT
		            : !strcmp(fail->valuestring, "timeout") ? TRANSPORT_TIMEOUT
		                                                    : TRANSPORT_IO;
		snprintf(out->message, sizeof(out->message), "fake %s", fail->valuestring);
	} else {
		status = cJSON_GetObjectItemCaseSensitive(a, "status");
		body = cJSON_GetObjectItemCaseSensitive(a, "body");
		out->resp.status = cJSON_IsNumber(status) ? (long)status->valuedouble : 200;
		cJSON_ArrayForEach(h, cJSON_GetObjectItemCaseSensitive(a, "headers"))
		        http_response_add_header(&out->resp, h->string, h->valuestring);
		out->resp.body = xstrdup(cJSON_IsString(body) ? body->valuestring : "");
		out->resp.body_len = strlen(out->resp.body);
	}
	http_request_free(&f->req);
	return 1;
}

static long long fake_now(struct transport *t)
{
	return ((struct fake *)t)->now;
}

static size_t fake_active(struct transport *t)
{
	return ((struct fake *)t)->req.method ? 1 : 0;
}

static void fake_free(struct transport *t)
{
	http_request_free(&((struct fake *)t)->req);
	free(t);
}

static const struct transport_ops fake_ops = {
	fake_submit, fake_wait, fake_now, fake_active, fake_free, NULL, NULL,
};

static struct transport *fake_new(void *ctx, const struct transport_config *cfg, struct wa_err *err)
{
	struct fake *f = xcalloc(1, sizeof(*f));

	(void)ctx, (void)cfg, (void)err;
	f->base.ops = &fake_ops;
	return &f->base;
}

static const char *sget(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static void print(cJSON *o)
{
	char *line = cJSON_PrintUnformatted(o);

	puts(line);
	free(line);
	cJSON_Delete(o);
}

/* One call; its line on stdout. */
static void run_one(struct aws_client *client, const cJSON *spec)
{
	struct aws_call call = { 0 };
	cJSON *o = cJSON_CreateObject(), *waits;
	const char *ca = aws_client_settings(client)->ca_bundle;

	call.service = sget(spec, "service");
	call.operation = sget(spec, "operation");
	call.region = sget(spec, "region");
	call.params = cJSON_GetObjectItemCaseSensitive(spec, "params");
	answers = cJSON_GetObjectItemCaseSensitive(spec, "answers");
	sent = 0;
	aws_client_run(client, &call, 1, NULL, NULL);
	if (sent == 0) {
		cJSON_AddStringToObject(o, "error", call.err.msg);
		print(o);
		aws_call_clear(&call);
		return;
	}
	cJSON_AddStringToObject(o, "url", first_url);
	cJSON_AddStringToObject(o, "region", first_region);
	cJSON_AddNumberToObject(o, "attempts", sent);
	waits = cJSON_AddArrayToObject(o, "waits");
	for (int i = 1; i < sent && i < (int)(sizeof(sent_at) / sizeof(*sent_at)); i++)
		cJSON_AddItemToArray(waits,
		                     cJSON_CreateNumber((double)(sent_at[i] - sent_at[i - 1])));
	cJSON_AddStringToObject(o, "outcome",
	                        call.status == AWS_CALL_OK          ? "ok"
	                        : call.status == AWS_CALL_API_ERROR ? call.api.code
	                                                            : "failed");
	if (ca)
		cJSON_AddStringToObject(o, "ca", ca);
	else
		cJSON_AddNullToObject(o, "ca");
	print(o);
	aws_call_clear(&call);
}

int main(int argc, char **argv)
{
	struct aws_client_opts co = { 0 };
	struct aws_client *client;
	struct wa_err err;
	const char *path = NULL;
	cJSON *spec, *it;
	char *text = NULL;
	size_t len;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--rand") && i + 1 < argc)
			draw = atof(argv[++i]);
		else if (argv[i][0] != '-' && !path)
			path = argv[i];
		else
			path = NULL, i = argc;
	}
	err_clear(&err);
	if (!path || fsio_read_file(path, &text, &len, &err) != 0) {
		if (path)
			err_print(&err);
		fprintf(stderr, "usage: aws_dryrun [--rand R] SPEC.json\n");
		return 2;
	}
	spec = cJSON_ParseWithLength(text, len);
	free(text);
	if (!cJSON_IsArray(spec)) {
		fprintf(stderr, "aws_dryrun: SPEC must be a JSON array\n");
		cJSON_Delete(spec);
		return 2;
	}
	co.transport_new = fake_new;
	co.rand = fixed_rand;
	err_clear(&err);
	if (aws_client_open(NULL, &co, &client, &err) != 0) {
		cJSON *o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, "error", err.msg);
		print(o);
		cJSON_Delete(spec);
		return 1;
	}
	cJSON_ArrayForEach(it, spec) run_one(client, it);
	aws_client_free(client);
	cJSON_Delete(spec);
	return 0;
}
