/* The client's face: options and settings at open, the read-only rule, single calls and the
 * credential chain's STS calls on top of the batch loop (client_run.c). */
#include "aws/client.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aws/client_int.h"
#include "util/xalloc.h"

/* Operations outside Describe/List/Get that only read. */
static const char *const public_allow[][2] = {
	{ "cloudtrail", "LookupEvents" },       { "config", "SelectResourceConfig" },
	{ "config", "BatchGetResourceConfig" }, { "dynamodb", "BatchGetItem" },
	{ "logs", "FilterLogEvents" },
};

/* What the credential chain alone may send. */
static const char *const internal_allow[][2] = {
	{ "sts", "AssumeRole" },
	{ "sts", "AssumeRoleWithWebIdentity" },
	{ "sts", "AssumeRoleWithSAML" },
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
	if (!c->opts.transport_new)
		c->opts.transport_new = default_transport;
	c->tcfg.connect_timeout_ms = c->opts.connect_timeout_ms;
	c->tcfg.timeout_ms = c->opts.timeout_ms;
	c->tcfg.max_per_host = c->opts.max_per_host;
	c->tcfg.user_agent = "wa-review";
}

/* The retry policy: the caller's attempt limit, else the settings' (AWS_MAX_ATTEMPTS, the
 * profile), in the settings' mode. */
static void retry_resolve(struct aws_client *c)
{
	c->retry.mode = c->settings->retry_mode;
	c->retry.max_attempts =
	        c->opts.max_attempts > 0 ? c->opts.max_attempts : c->settings->max_attempts;
	c->retry.rand = c->opts.rand ? c->opts.rand : retry_rand_default;
	c->retry.rand_ctx = c->opts.rand_ctx;
}

struct retry_quota *client_quota(struct aws_client *c, const char *service, const char *region)
{
	char *key;

	if (c->retry.mode != RETRY_STANDARD)
		return NULL;
	key = xasprintf("%s %s", service, region ? region : "");
	for (size_t i = 0; i < c->n_quotas; i++)
		if (!strcmp(c->quotas[i].key, key)) {
			free(key);
			return c->quotas[i].q;
		}
	c->quotas = xgrow(c->quotas, &c->cap_quotas, c->n_quotas + 1, sizeof(*c->quotas));
	c->quotas[c->n_quotas].key = key;
	/* Allocated apart: a call keeps its quota's address while the table grows. */
	c->quotas[c->n_quotas].q = xmalloc(sizeof(struct retry_quota));
	retry_quota_init(c->quotas[c->n_quotas].q);
	return c->quotas[c->n_quotas++].q;
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
	retry_resolve(c);
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
	for (size_t i = 0; i < c->n_quotas; i++) {
		free(c->quotas[i].key);
		free(c->quotas[i].q);
	}
	free(c->quotas);
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

const char *const aws_client_push_ops[] = {
	"CreateWorkload", "UpdateWorkload", "UpdateAnswer", "CreateMilestone", NULL,
};

void aws_client_allow_push(struct aws_client *c)
{
	c->push_writes = true;
}

bool aws_client_may_send(const struct aws_client *c, const char *service, const char *op,
                         bool internal)
{
	if (aws_client_readonly(service, op, internal))
		return true;
	if (!c->push_writes || internal || !service || !op || strcmp(service, "wellarchitected"))
		return false;
	for (size_t i = 0; aws_client_push_ops[i]; i++)
		if (!strcmp(aws_client_push_ops[i], op))
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
	call->truncated = false;
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

size_t aws_client_assume_roles(struct aws_client *c, const char *const *arns, size_t n,
                               const char *session, struct aws_creds *out, struct wa_err *errs)
{
	struct aws_call *calls = xcalloc(n ? n : 1, sizeof(*calls));
	struct cstate *st = xcalloc(n ? n : 1, sizeof(*st));
	cJSON **params = xcalloc(n ? n : 1, sizeof(*params));
	const struct aws_creds *base = NULL;
	struct wa_err e;
	size_t failed = 0;

	err_clear(&e);
	memset(out, 0, n * sizeof(*out));
	/* No credentials of our own: every role fails the same way, without a request. */
	if (!c->settings || aws_creds_get(c->settings, &base, &e)) {
		for (size_t i = 0; i < n; i++)
			errs[i] = e;
		failed = n;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		params[i] = cJSON_CreateObject();
		cJSON_AddStringToObject(params[i], "RoleArn", arns[i]);
		cJSON_AddStringToObject(params[i], "RoleSessionName", session);
		calls[i].service = "sts";
		calls[i].operation = "AssumeRole";
		calls[i].params = params[i];
		calls[i].region = c->settings->region ? c->settings->region : "us-east-1";
		st[i].call = &calls[i];
		st[i].internal = true;
		st[i].signer = base;
	}
	client_run_states(c, c->t, st, n, NULL, NULL);
	for (size_t i = 0; i < n; i++) {
		char *source = xasprintf("assume role %s", arns[i]);

		err_clear(&errs[i]);
		if (calls[i].status != AWS_CALL_OK)
			errs[i] = calls[i].err;
		else
			aws_creds_from_sts(calls[i].result, source, source, &out[i], &errs[i]);
		free(source);
		failed += err_isset(&errs[i]);
		aws_call_clear(&calls[i]);
		cJSON_Delete(params[i]);
	}
out:
	free(params);
	free(st);
	free(calls);
	return failed;
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
	client_run_states(c, t, &st, 1, NULL, NULL);
	transport_free(t);
	cJSON_Delete(p);
	copy_out(&call, result, NULL, err);
	aws_call_clear(&call);
	return *result ? 0 : -1;
}
