#include "aws/client.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "aws/endpoint.h"
#include "aws/http.h"
#include "aws/sigv4.h"
#include "aws/uri.h"
#include "jmespath/jmespath.h"
#include "util/xalloc.h"

#define MAX_PAGES  10000 /* a paginator that never ends is a bug, not an account */
#define DONE_BATCH 64

struct aws_client {
	struct aws_client_opts opts;
	struct transport_config tcfg;
	struct transport *t;
	struct aws_settings *settings;
	struct retry retry;
};

/* Operations outside Describe/List/Get that only read. */
static const char *const public_allow[][2] = {
	{ "cloudtrail", "LookupEvents" },
	{ "config", "SelectResourceConfig" },
	{ "config", "BatchGetResourceConfig" },
	{ "dynamodb", "BatchGetItem" },
};

/* What the credential chain alone may send. */
static const char *const internal_allow[][2] = {
	{ "sts", "AssumeRole" },
	{ "sts", "AssumeRoleWithWebIdentity" },
	{ "sts", "AssumeRoleWithSAML" },
};

/* Paginators' non_aggregate_keys, which the aws CLI keeps from the first page. Only S3 has
 * them among the modelled operations (botocore paginators-1.json). */
static const char *const non_aggregate[][3] = {
	{ "s3", "ListBuckets", "Owner" },
	{ "s3", "ListBuckets", "Prefix" },
	{ "s3", "ListObjects", "Name" },
	{ "s3", "ListObjects", "Prefix" },
	{ "s3", "ListObjects", "Delimiter" },
	{ "s3", "ListObjects", "MaxKeys" },
	{ "s3", "ListObjects", "EncodingType" },
	{ "s3", "ListObjectsV2", "Name" },
	{ "s3", "ListObjectsV2", "Prefix" },
	{ "s3", "ListObjectsV2", "Delimiter" },
	{ "s3", "ListObjectsV2", "MaxKeys" },
	{ "s3", "ListObjectsV2", "EncodingType" },
	{ "s3", "ListObjectVersions", "Name" },
	{ "s3", "ListObjectVersions", "Prefix" },
	{ "s3", "ListObjectVersions", "Delimiter" },
	{ "s3", "ListObjectVersions", "MaxKeys" },
	{ "s3", "ListObjectVersions", "EncodingType" },
};

enum cstate_phase { PH_READY, PH_SENT, PH_WAIT, PH_DONE };

/* A call while it runs. */
struct cstate {
	struct aws_call *call;
	const struct aws_model *m;
	const struct aws_operation *op;
	struct aws_service_info info;
	const struct aws_paginator *pg;
	const char *svc; /* the service as the caller named it */
	const char *region;
	char where[256];
	cJSON *params;     /* working copy: page tokens go in here */
	cJSON *merged;     /* all pages so far */
	cJSON *non_agg;    /* the first page's non-aggregate keys */
	char *last_tokens; /* the tokens that asked for this page */
	int attempt;       /* of the current page, 1-based once sent */
	int cost;          /* quota taken by the last retry */
	long long due;     /* PH_WAIT: when to send again */
	enum cstate_phase phase;
	/* for the credential chain's STS calls */
	bool internal;
	bool unsigned_call;
	const struct aws_creds *signer;
	const char *endpoint; /* overrides the settings' endpoint (may be NULL) */
	bool endpoint_set;
};

/* ---- options ---------------------------------------------------------------------------- */

static long env_long(const char *name, long dflt, long scale)
{
	const char *v = getenv(name);
	char *end;
	double d;

	if (!v || !*v)
		return dflt;
	d = strtod(v, &end);
	if (*end || d <= 0)
		return dflt;
	return (long)(d * (double)scale);
}

static struct transport *default_transport(void *ctx, const struct transport_config *cfg,
                                           struct wa_err *err)
{
	(void)ctx;
	return transport_curl_new(cfg, err);
}

static void opts_resolve(struct aws_client *c, const struct aws_client_opts *in)
{
	if (in)
		c->opts = *in;
	if (c->opts.connect_timeout_ms <= 0)
		c->opts.connect_timeout_ms = env_long("WA_AWS_CONNECT_TIMEOUT", 10000, 1000);
	if (c->opts.timeout_ms <= 0)
		c->opts.timeout_ms = env_long("WA_AWS_TIMEOUT", 60000, 1000);
	if (c->opts.max_per_host <= 0)
		c->opts.max_per_host = (int)env_long("WA_AWS_MAX_CONCURRENCY", 16, 1);
	if (c->opts.max_attempts <= 0)
		c->opts.max_attempts = (int)env_long("AWS_MAX_ATTEMPTS", RETRY_MAX_ATTEMPTS, 1);
	if (!c->opts.transport_new)
		c->opts.transport_new = default_transport;
	c->tcfg.connect_timeout_ms = c->opts.connect_timeout_ms;
	c->tcfg.timeout_ms = c->opts.timeout_ms;
	c->tcfg.max_per_host = c->opts.max_per_host;
	c->tcfg.user_agent = "wa-review";
	retry_init(&c->retry, c->opts.max_attempts, c->opts.rand, c->opts.rand_ctx);
}

int aws_client_open(const struct aws_settings_in *in, const struct aws_client_opts *opts,
                    struct aws_client **out, struct wa_err *err)
{
	struct aws_client *c = xcalloc(1, sizeof(*c));
	struct aws_settings_in sin = { 0 };

	*out = NULL;
	opts_resolve(c, opts);
	if (in)
		sin = *in;
	sin.sts = aws_client_sts;
	sin.sts_ctx = c;
	if (aws_settings_load(&sin, &c->settings, err) != 0) {
		free(c);
		return -1;
	}
	c->tcfg.ca_bundle = c->settings->ca_bundle;
	c->t = c->opts.transport_new(c->opts.transport_ctx, &c->tcfg, err);
	if (!c->t) {
		aws_settings_free(c->settings);
		free(c);
		return -1;
	}
	*out = c;
	return 0;
}

struct aws_settings *aws_client_settings(struct aws_client *c)
{
	return c->settings;
}

void aws_client_free(struct aws_client *c)
{
	if (!c)
		return;
	transport_free(c->t);
	aws_settings_free(c->settings);
	free(c);
}

/* ---- read-only by construction ---------------------------------------------------------- */

static bool verb_prefix(const char *op, const char *verb)
{
	size_t n = strlen(verb);

	/* "GetX", "ListX", "DescribeX": the verb, then a new word (or nothing). */
	return strncmp(op, verb, n) == 0 && (op[n] == '\0' || isupper((unsigned char)op[n]));
}

bool aws_client_readonly(const char *service, const char *op, bool internal)
{
	if (!service || !op)
		return false;
	if (verb_prefix(op, "Describe") || verb_prefix(op, "List") || verb_prefix(op, "Get"))
		return true;
	for (size_t i = 0; i < sizeof(public_allow) / sizeof(*public_allow); i++)
		if (!strcmp(public_allow[i][0], service) && !strcmp(public_allow[i][1], op))
			return true;
	for (size_t i = 0; internal && i < sizeof(internal_allow) / sizeof(*internal_allow); i++)
		if (!strcmp(internal_allow[i][0], service) && !strcmp(internal_allow[i][1], op))
			return true;
	return false;
}

/* ---- results and errors ------------------------------------------------------------------- */

void aws_call_clear(struct aws_call *call)
{
	cJSON_Delete(call->result);
	call->result = NULL;
	call->status = AWS_CALL_PENDING;
	memset(&call->api, 0, sizeof(call->api));
	err_clear(&call->err);
	call->attempts = 0;
	call->pages = 0;
}

static void finish_ok(struct cstate *s, cJSON *result)
{
	s->call->status = AWS_CALL_OK;
	s->call->result = result;
	s->phase = PH_DONE;
}

static void finish_fail(struct cstate *s, const char *msg)
{
	s->call->status = AWS_CALL_FAILED;
	err_set(&s->call->err, s->where, 0, 0, "%s", msg);
	s->phase = PH_DONE;
}

static void finish_api(struct cstate *s, const struct aws_api_error *ae)
{
	s->call->status = AWS_CALL_API_ERROR;
	s->call->api = *ae;
	if (ae->message[0])
		err_set(&s->call->err, s->where, 0, 0, "%s \xE2\x80\x94 %s", ae->code, ae->message);
	else
		err_set(&s->call->err, s->where, 0, 0, "%s (HTTP %ld)", ae->code, ae->status);
	s->phase = PH_DONE;
}

/* An error page the protocol could not parse (an HTML 404 from a proxy, say): its text,
 * tags dropped and white space collapsed, cut short. */
static void body_gist(const char *body, size_t len, char *out, size_t cap)
{
	size_t o = 0;
	bool tag = false, space = true;

	for (size_t i = 0; i < len && o + 4 < cap; i++) {
		unsigned char ch = (unsigned char)body[i];

		if (ch == '<') {
			tag = true;
			continue;
		}
		if (tag) {
			if (ch == '>') {
				tag = false;
				if (!space)
					out[o++] = ' ', space = true;
			}
			continue;
		}
		if (isspace(ch) || ch < 0x20) {
			if (!space)
				out[o++] = ' ', space = true;
			continue;
		}
		out[o++] = (char)ch;
		space = false;
	}
	while (o > 0 && out[o - 1] == ' ')
		o--;
	if (o + 4 >= cap && cap > 4)
		memcpy(out + o, "...", 3), o += 3;
	out[o] = '\0';
}

/* ---- pagination ------------------------------------------------------------------------- */

static cJSON *path_get(const cJSON *obj, const char *path)
{
	char *copy = xstrdup(path), *save = NULL, *part;
	const cJSON *cur = obj;

	for (part = strtok_r(copy, ".", &save); part && cur; part = strtok_r(NULL, ".", &save))
		cur = cJSON_IsObject(cur) ? cJSON_GetObjectItemCaseSensitive(cur, part) : NULL;
	free(copy);
	return (cJSON *)cur;
}

/* Sets obj.path = val (taking val), making the objects on the way. */
static void path_set(cJSON *obj, const char *path, cJSON *val)
{
	char *copy = xstrdup(path), *save = NULL, *part, *next;
	cJSON *cur = obj;

	part = strtok_r(copy, ".", &save);
	while (part) {
		next = strtok_r(NULL, ".", &save);
		if (!next) {
			if (cJSON_GetObjectItemCaseSensitive(cur, part))
				cJSON_ReplaceItemInObjectCaseSensitive(cur, part, val);
			else
				cJSON_AddItemToObject(cur, part, val);
			break;
		}
		cJSON *child = cJSON_GetObjectItemCaseSensitive(cur, part);

		if (!cJSON_IsObject(child)) {
			child = cJSON_CreateObject();
			if (cJSON_GetObjectItemCaseSensitive(cur, part))
				cJSON_ReplaceItemInObjectCaseSensitive(cur, part, child);
			else
				cJSON_AddItemToObject(cur, part, child);
		}
		cur = child;
		part = next;
	}
	free(copy);
}

/* botocore's PageIterator.build_full_result(), one page at a time. */
static void merge_page(struct cstate *s, const cJSON *page)
{
	const char *const *rk = s->pg->result_key;

	if (!s->merged) {
		s->merged = cJSON_CreateObject();
		s->non_agg = cJSON_CreateObject();
		for (size_t i = 0; i < sizeof(non_aggregate) / sizeof(*non_aggregate); i++) {
			const cJSON *v;

			if (strcmp(non_aggregate[i][0], s->svc) != 0 ||
			    strcmp(non_aggregate[i][1], aws_operation_name(s->op)) != 0)
				continue;
			/* Kept even when absent (as null), as botocore does. */
			v = path_get(page, non_aggregate[i][2]);
			path_set(s->non_agg, non_aggregate[i][2],
			         v ? cJSON_Duplicate(v, 1) : cJSON_CreateNull());
		}
	}
	for (; rk && *rk; rk++) {
		const cJSON *v = path_get(page, *rk);
		cJSON *have;

		if (!v || cJSON_IsNull(v))
			continue;
		have = path_get(s->merged, *rk);
		if (!have) {
			path_set(s->merged, *rk, cJSON_Duplicate(v, 1));
		} else if (cJSON_IsArray(have) && cJSON_IsArray(v)) {
			const cJSON *it;

			cJSON_ArrayForEach(it, v)
			        cJSON_AddItemToArray(have, cJSON_Duplicate(it, 1));
		} else if (cJSON_IsNumber(have) && cJSON_IsNumber(v)) {
			cJSON_SetNumberValue(have, have->valuedouble + v->valuedouble);
		} else if (cJSON_IsString(have) && cJSON_IsString(v)) {
			char *cat = xasprintf("%s%s", have->valuestring, v->valuestring);

			cJSON_SetValuestring(have, cat);
			free(cat);
		}
	}
}

static cJSON *finish_merge(struct cstate *s)
{
	cJSON *out = s->merged, *it;

	s->merged = NULL;
	cJSON_ArrayForEach(it, s->non_agg) if (!cJSON_GetObjectItemCaseSensitive(out, it->string))
	        cJSON_AddItemToObject(out, it->string, cJSON_Duplicate(it, 1));
	cJSON_Delete(s->non_agg);
	s->non_agg = NULL;
	return out;
}

/* Evaluates an output token expression ("NextToken", "NextMarker || Contents[-1].Key"). */
static cJSON *token_value(const cJSON *page, const char *expr)
{
	struct wa_err e;
	struct jmespath *jp;
	cJSON *v;

	err_clear(&e);
	jp = jmespath_compile(expr, &e);
	if (!jp)
		return NULL;
	v = jmespath_search(jp, page, &e);
	jmespath_free(jp);
	if (v && (cJSON_IsNull(v) || (cJSON_IsString(v) && !*v->valuestring))) {
		cJSON_Delete(v);
		v = NULL;
	}
	return v;
}

static bool truthy(const cJSON *v)
{
	return v && !cJSON_IsNull(v) && !cJSON_IsFalse(v) &&
	       !(cJSON_IsString(v) && !*v->valuestring) && !(cJSON_IsArray(v) && !v->child) &&
	       !(cJSON_IsObject(v) && !v->child);
}

/* Sets up the next page's parameters. Returns 1 when there is one, 0 when done, -1 (with
 * msg) when the service repeats a token. */
static int next_page(struct cstate *s, const cJSON *page, char *msg, size_t cap)
{
	const struct aws_paginator *pg = s->pg;
	cJSON *tokens = cJSON_CreateArray();
	bool any = false;
	char *text;
	int rc = 0;

	if (pg->more_results) {
		cJSON *more = token_value(page, pg->more_results);
		bool go = truthy(more);

		cJSON_Delete(more);
		if (!go) {
			cJSON_Delete(tokens);
			return 0;
		}
	}
	for (size_t i = 0; pg->output_token && pg->output_token[i]; i++) {
		cJSON *v = token_value(page, pg->output_token[i]);

		if (v)
			any = true;
		cJSON_AddItemToArray(tokens, v ? v : cJSON_CreateNull());
	}
	if (!any) {
		cJSON_Delete(tokens);
		return 0;
	}
	text = cJSON_PrintUnformatted(tokens);
	if (s->last_tokens && strcmp(text, s->last_tokens) == 0) {
		snprintf(msg, cap, "the service sent the same pagination token twice (%.200s)",
		         text);
		free(text);
		cJSON_Delete(tokens);
		return -1;
	}
	free(s->last_tokens);
	s->last_tokens = text;
	for (size_t i = 0; pg->input_token && pg->input_token[i]; i++) {
		cJSON *v = cJSON_GetArrayItem(tokens, (int)i);

		cJSON_DeleteItemFromObjectCaseSensitive(s->params, pg->input_token[i]);
		if (v && !cJSON_IsNull(v)) {
			cJSON_AddItemToObject(s->params, pg->input_token[i], cJSON_Duplicate(v, 1));
			rc = 1;
		}
	}
	cJSON_Delete(tokens);
	return rc;
}

/* ---- building and signing a request ----------------------------------------------------- */

/* Serializes, resolves, signs. Returns 0 with *req, -1 with msg, or -2 with msg when no
 * credentials could be had (the batch then stops asking the chain). */

static char *encode_query(const struct aws_wire *w)
{
	size_t cap = 1, len = 0;
	char *q = xstrdup("");

	for (size_t i = 0; i < w->n_query; i++) {
		char *n = uri_encode(w->query[i].name, strlen(w->query[i].name), false);
		char *v = w->query[i].value
		                  ? uri_encode(w->query[i].value, strlen(w->query[i].value), false)
		                  : NULL;
		char *part = v ? xasprintf("%s%s=%s", i ? "&" : "", n, v)
		               : xasprintf("%s%s", i ? "&" : "", n);
		size_t pl = strlen(part);

		q = xgrow(q, &cap, len + pl + 1, 1);
		memcpy(q + len, part, pl + 1);
		len += pl;
		free(n);
		free(v);
		free(part);
	}
	return q;
}

static int build(struct aws_client *c, struct cstate *s, struct http_request *req, char *msg,
                 size_t cap)
{
	struct aws_wire w = { 0 };
	struct endpoint ep = { 0 };
	struct sigv4_result sr = { 0 };
	struct wa_err e;
	const char *override;
	char *query = NULL;
	int rc = -1;

	err_clear(&e);
	if (aws_proto_request(s->m, s->op, s->params, &w, &e) != 0) {
		snprintf(msg, cap, "%s", e.msg);
		return -1;
	}
	override = s->endpoint_set ? s->endpoint
	           : c->settings   ? aws_settings_endpoint(c->settings, s->info.service_id)
	                           : NULL;
	{
		struct endpoint_in ein = { &s->info, s->region, override, w.host_prefix, w.path };

		if (endpoint_resolve(&ein, &ep, &e) != 0) {
			snprintf(msg, cap, "%s", e.msg);
			goto out;
		}
	}
	if (s->unsigned_call) {
		query = encode_query(&w);
	} else {
		const struct aws_creds *cr = s->signer;
		struct sigv4_pair *qp = xcalloc(w.n_query + 1, sizeof(*qp));
		struct sigv4_pair *hp = xcalloc(w.n_headers + 1, sizeof(*hp));
		struct sigv4_request sreq = { 0 };
		struct sigv4_creds sc;
		struct sigv4_config cfg = { 0 };
		int src;

		if (!cr) {
			if (!c->settings) {
				snprintf(msg, cap, "no credentials: the client has no settings");
				free(qp);
				free(hp);
				goto out;
			}
			if (aws_creds_get(c->settings, &cr, &e) != 0) {
				snprintf(msg, cap, "%s", e.msg);
				free(qp);
				free(hp);
				rc = -2;
				goto out;
			}
		}
		for (size_t i = 0; i < w.n_query; i++)
			qp[i] = (struct sigv4_pair){ w.query[i].name, w.query[i].value };
		for (size_t i = 0; i < w.n_headers; i++)
			hp[i] = (struct sigv4_pair){ w.headers[i].name, w.headers[i].value };
		sreq.method = w.method;
		sreq.host = ep.host;
		sreq.path = ep.path;
		sreq.params = qp;
		sreq.n_params = w.n_query;
		sreq.headers = hp;
		sreq.n_headers = w.n_headers;
		sreq.body = w.body;
		sreq.body_len = w.body_len;
		sc.access_key = cr->access_key;
		sc.secret_key = cr->secret_key;
		sc.token = cr->token;
		cfg.service = s->info.signing_name ? s->info.signing_name : s->info.endpoint_prefix;
		cfg.region = ep.signing_region;
		cfg.when = c->opts.now ? c->opts.now() : time(NULL);
		cfg.creds = &sc;
		cfg.flags = strcmp(cfg.service, "s3") == 0 ? SIGV4_S3 : 0;
		src = sigv4_sign(&sreq, &cfg, &sr, &e);
		free(qp);
		free(hp);
		if (src != 0) {
			snprintf(msg, cap, "signing: %s", e.msg);
			goto out;
		}
		query = xstrdup(sr.query ? sr.query : "");
	}
	memset(req, 0, sizeof(*req));
	req->method = xstrdup(w.method);
	req->url = *query ? xasprintf("%s?%s", ep.url, query) : xstrdup(ep.url);
	req->host_key = xstrdup(ep.host_key);
	for (size_t i = 0; i < w.n_headers; i++)
		http_request_add_header(req, w.headers[i].name, w.headers[i].value);
	for (size_t i = 0; i < sr.n_headers; i++)
		http_request_add_header(req, sr.headers[i].name, sr.headers[i].value);
	if (w.body) {
		req->body = xmalloc(w.body_len + 1);
		memcpy(req->body, w.body, w.body_len);
		req->body[w.body_len] = '\0';
		req->body_len = w.body_len;
	}
	rc = 0;
out:
	free(query);
	sigv4_result_free(&sr);
	endpoint_free(&ep);
	aws_wire_free(&w);
	return rc;
}

/* ---- the batch loop --------------------------------------------------------------------- */

static void prepare(struct aws_client *c, struct cstate *s)
{
	struct aws_call *call = s->call;
	struct wa_err e;
	const char *opname;

	aws_call_clear(call);
	s->svc = call->service ? call->service : "";
	s->region = call->region                         ? call->region
	            : c->settings && c->settings->region ? c->settings->region
	                                                 : NULL;
	snprintf(s->where, sizeof(s->where), "%s:%s%s%s", s->svc,
	         call->operation ? call->operation : "", s->region ? " in " : "",
	         s->region ? s->region : "");
	err_clear(&e);
	s->m = aws_model_get(s->svc, &e);
	if (!s->m) {
		finish_fail(s, e.msg);
		return;
	}
	s->op = call->operation ? aws_model_operation(s->m, call->operation, &e) : NULL;
	if (!s->op) {
		finish_fail(s, call->operation ? e.msg : "no operation given");
		return;
	}
	opname = aws_operation_name(s->op);
	/* Without a Region, a global service still resolves (to its one endpoint). */
	aws_model_info(s->m, &s->info);
	snprintf(s->where, sizeof(s->where), "%s:%s%s%s", s->svc, opname, s->region ? " in " : "",
	         s->region ? s->region : "");
	if (!aws_client_readonly(s->svc, opname, s->internal)) {
		finish_fail(s, "refused: wa-review only sends read-only calls (Describe*, List*, "
		               "Get*), and this one is not");
		return;
	}
	if (call->params && !cJSON_IsObject(call->params)) {
		finish_fail(s, "parameters must be a JSON object");
		return;
	}
	s->params = call->params ? cJSON_Duplicate(call->params, 1) : cJSON_CreateObject();
	s->pg = (call->flags & AWS_CALL_NO_PAGINATE) ? NULL : aws_operation_paginator(s->op);
	s->phase = PH_READY;
}

static void release_state(struct cstate *s)
{
	cJSON_Delete(s->params);
	cJSON_Delete(s->merged);
	cJSON_Delete(s->non_agg);
	free(s->last_tokens);
	s->params = s->merged = s->non_agg = NULL;
	s->last_tokens = NULL;
}

/* After a failed attempt: schedules a retry, or returns false. */
static bool schedule_retry(struct aws_client *c, struct cstate *s, struct transport *t,
                           enum retry_kind kind, long retry_after)
{
	long delay = retry_next(&c->retry, s->attempt, kind, retry_after,
	                        strcmp(s->svc, "dynamodb") == 0, &s->cost);

	if (delay < 0)
		return false;
	s->phase = PH_WAIT;
	s->due = transport_now_ms(t) + delay;
	return true;
}

static void on_response(struct aws_client *c, struct cstate *s, struct transport *t,
                        struct transport_done *d)
{
	struct aws_api_error ae;
	struct wa_err e;
	cJSON *page = NULL;
	const char **hl;
	char msg[1200];
	int rc;

	if (d->fail != TRANSPORT_OK) {
		if (schedule_retry(c, s, t, retry_classify(d->fail, 0, NULL), -1))
			return;
		snprintf(msg, sizeof(msg), "%s: %s%s", transport_fail_name(d->fail), d->message,
		         s->attempt > 1 ? " (gave up after retries)" : "");
		finish_fail(s, msg);
		return;
	}
	memset(&ae, 0, sizeof(ae));
	err_clear(&e);
	hl = http_response_header_list(&d->resp);
	rc = aws_proto_response(s->m, s->op, d->resp.status, hl, d->resp.body, d->resp.body_len,
	                        &page, &ae, &e);
	free(hl);
	if (rc < 0 && (d->resp.status < 200 || d->resp.status >= 300)) {
		/* An error whose body is not the protocol's: keep what the status says. */
		memset(&ae, 0, sizeof(ae));
		ae.status = d->resp.status;
		snprintf(ae.code, sizeof(ae.code), "HTTP %ld", d->resp.status);
		body_gist(d->resp.body, d->resp.body_len, ae.message, sizeof(ae.message));
		rc = 1;
	}
	if (rc == 1) {
		enum retry_kind kind = retry_classify(
		        TRANSPORT_OK, ae.status ? ae.status : d->resp.status, ae.code);
		long after = retry_after_ms(http_response_header(&d->resp, "x-amz-retry-after"),
		                            http_response_header(&d->resp, "Retry-After"),
		                            (long long)time(NULL) * 1000);

		if (!ae.status)
			ae.status = d->resp.status;
		if (schedule_retry(c, s, t, kind, after))
			return;
		finish_api(s, &ae);
		return;
	}
	if (rc < 0) {
		snprintf(msg, sizeof(msg), "malformed response (HTTP %ld): %s", d->resp.status,
		         e.msg);
		finish_fail(s, msg);
		return;
	}
	retry_success(&c->retry, s->cost);
	s->cost = 0;
	s->call->pages++;
	if (!s->pg) {
		finish_ok(s, page);
		return;
	}
	merge_page(s, page);
	rc = s->call->pages >= MAX_PAGES ? -1 : next_page(s, page, msg, sizeof(msg));
	cJSON_Delete(page);
	if (rc == 1) {
		s->attempt = 0;
		s->phase = PH_READY;
		return;
	}
	if (rc < 0) {
		if (s->call->pages >= MAX_PAGES)
			snprintf(msg, sizeof(msg), "more than %d pages: stopped", MAX_PAGES);
		finish_fail(s, msg);
		return;
	}
	finish_ok(s, finish_merge(s));
}

static int run_states(struct aws_client *c, struct transport *t, struct cstate *st, size_t n,
                      aws_call_done_fn done, void *ctx)
{
	size_t left = 0, window = (size_t)c->opts.max_per_host * 16, sent = 0;
	struct transport_done dn[DONE_BATCH];
	char *no_creds = NULL; /* the chain's answer once it had none: asked once a batch */
	int failed = 0;

	for (size_t i = 0; i < n; i++) {
		prepare(c, &st[i]);
		if (st[i].phase == PH_DONE) {
			release_state(&st[i]);
			if (done)
				done(ctx, st[i].call);
		} else {
			left++;
		}
	}
	while (left > 0) {
		long long now = transport_now_ms(t), next_due = -1;
		struct wa_err e;
		long wait_ms;
		int k;

		for (size_t i = 0; i < n; i++) {
			struct cstate *s = &st[i];
			struct http_request req;
			char msg[1200];
			int rc;

			if (s->phase == PH_WAIT && s->due <= now)
				s->phase = PH_READY;
			if (s->phase == PH_WAIT && (next_due < 0 || s->due < next_due))
				next_due = s->due;
			if (s->phase != PH_READY || sent >= window)
				continue;
			if (no_creds) {
				finish_fail(s, no_creds);
			} else if ((rc = build(c, s, &req, msg, sizeof(msg))) != 0) {
				finish_fail(s, msg);
				if (rc == -2)
					no_creds = xstrdup(msg);
			} else {
				err_clear(&e);
				if (transport_submit(t, &req, s, &e) != 0) {
					finish_fail(s, e.msg);
				} else {
					s->attempt++;
					s->call->attempts++;
					s->phase = PH_SENT;
					sent++;
					continue;
				}
			}
			release_state(s);
			left--;
			if (done)
				done(ctx, s->call);
		}
		if (left == 0)
			break;
		wait_ms = next_due < 0 ? 1000 : (long)(next_due - now);
		if (wait_ms > 1000)
			wait_ms = 1000;
		if (wait_ms < 0)
			wait_ms = 0;
		if (sent == 0 && next_due < 0)
			wait_ms = 0; /* nothing in flight or waiting: READY ones go next round */
		err_clear(&e);
		k = transport_wait(t, wait_ms, dn, DONE_BATCH, &e);
		if (k < 0) {
			/* The transport itself broke: every call still open fails with its reason.
			 */
			for (size_t i = 0; i < n; i++)
				if (st[i].phase != PH_DONE) {
					finish_fail(&st[i], e.msg);
					release_state(&st[i]);
					if (done)
						done(ctx, st[i].call);
				}
			break;
		}
		for (int j = 0; j < k; j++) {
			struct cstate *s = dn[j].tag;

			sent--;
			on_response(c, s, t, &dn[j]);
			http_response_free(&dn[j].resp);
			if (s->phase == PH_DONE) {
				release_state(s);
				left--;
				if (done)
					done(ctx, s->call);
			}
		}
	}
	free(no_creds);
	for (size_t i = 0; i < n; i++)
		if (st[i].call->status != AWS_CALL_OK)
			failed++;
	return failed;
}

int aws_client_run(struct aws_client *c, struct aws_call *calls, size_t n, aws_call_done_fn done,
                   void *ctx)
{
	struct cstate *st = xcalloc(n ? n : 1, sizeof(*st));
	int failed;

	for (size_t i = 0; i < n; i++)
		st[i].call = &calls[i];
	failed = run_states(c, c->t, st, n, done, ctx);
	free(st);
	return failed;
}

static void copy_out(struct aws_call *call, cJSON **result, struct aws_api_error *aerr,
                     struct wa_err *err)
{
	if (call->status == AWS_CALL_OK) {
		*result = call->result;
		call->result = NULL;
		return;
	}
	if (aerr)
		*aerr = call->api;
	if (err)
		*err = call->err;
}

int aws_client_call(struct aws_client *c, const char *service, const char *operation,
                    const cJSON *params, const char *region, unsigned flags, cJSON **result,
                    struct aws_api_error *aerr, struct wa_err *err)
{
	struct aws_call call = { 0 };

	*result = NULL;
	call.service = service;
	call.operation = operation;
	call.params = params;
	call.region = region;
	call.flags = flags;
	aws_client_run(c, &call, 1, NULL, NULL);
	copy_out(&call, result, aerr, err);
	aws_call_clear(&call);
	return *result ? 0 : -1;
}

int aws_client_sts(void *ctx, const char *action, const struct aws_creds *signer,
                   const char *region, const char *const *params, cJSON **result,
                   struct wa_err *err)
{
	struct aws_client *c = ctx;
	struct aws_call call = { 0 };
	struct cstate st = { 0 };
	struct transport *t;
	cJSON *p = cJSON_CreateObject();

	*result = NULL;
	for (size_t i = 0; params && params[i] && params[i + 1]; i += 2)
		cJSON_AddStringToObject(p, params[i], params[i + 1]);
	call.service = "sts";
	call.operation = action;
	call.params = p;
	call.region = region                               ? region
	              : c->settings && c->settings->region ? c->settings->region
	                                                   : "us-east-1";
	st.call = &call;
	st.internal = true;
	st.signer = signer;
	st.unsigned_call = signer == NULL;
	st.endpoint_set = true;
	st.endpoint = c->settings ? aws_settings_configured_endpoint(c->settings, "STS") : NULL;
	/* Its own transport: the chain may be asked for credentials in the middle of a batch,
	 * and that batch's completions must not land here. */
	t = c->opts.transport_new(c->opts.transport_ctx, &c->tcfg, err);
	if (!t) {
		cJSON_Delete(p);
		return -1;
	}
	run_states(c, t, &st, 1, NULL, NULL);
	transport_free(t);
	cJSON_Delete(p);
	copy_out(&call, result, NULL, err);
	aws_call_clear(&call);
	return *result ? 0 : -1;
}
