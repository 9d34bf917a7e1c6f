/* One request of a call, in the four steps botocore takes too: encode the parameters in the
 * service's protocol, resolve the endpoint, sign (or not, for the chain's unsigned STS
 * calls), and assemble what the transport sends. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "aws/client_int.h"
#include "aws/endpoint.h"
#include "aws/sigv4.h"
#include "aws/uri.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

/* Where the request goes: the endpoint override in force, else the public endpoint as the
 * settings shape it (FIPS, dual-stack, the STS and S3 global endpoints). */
static int resolve(const struct aws_client *c, const struct cstate *s, const struct aws_wire *w,
                   struct endpoint *ep, struct wa_err *e)
{
	const char *override = s->endpoint_set ? s->endpoint
	                       : c->settings
	                               ? aws_settings_endpoint(c->settings, s->info.service_id)
	                               : NULL;
	struct endpoint_in in = { .svc = &s->info,
		                  .region = s->region,
		                  .override_url = override,
		                  .host_prefix = w->host_prefix,
		                  .path = w->path };
	const struct aws_settings *st = c->settings;
	bool s3 = !strcmp(s->info.service, "s3");

	if (st) {
		in.variant =
		        (st->use_fips ? ENDPOINT_FIPS : 0) |
		        (st->use_dualstack || (s3 && st->s3_dualstack) ? ENDPOINT_DUALSTACK : 0);
		in.sts_global = st->sts_global;
		in.s3_regional = st->s3_regional;
	}
	/* botocore's customization: the bucket's Region is what GetBucketLocation finds out,
	 * so it cannot go to the bucket's own host. */
	in.path_style = s3 && !strcmp(aws_operation_name(s->op), "GetBucketLocation");
	return endpoint_resolve(&in, ep, e);
}

/* The query string of an unsigned request, percent-encoded. Returns it (free()). */
static char *encode_query(const struct aws_wire *w)
{
	struct sbuf q = { 0 };

	for (size_t i = 0; i < w->n_query; i++) {
		char *n = uri_encode(w->query[i].name, strlen(w->query[i].name), false);

		sbuf_printf(&q, "%s%s", i ? "&" : "", n);
		free(n);
		if (w->query[i].value) {
			char *v = uri_encode(w->query[i].value, strlen(w->query[i].value), false);

			sbuf_printf(&q, "=%s", v);
			free(v);
		}
	}
	return sbuf_take(&q);
}

/* Signs w for ep with the call's signer or the chain's credentials. Returns 0 with *sr, -1
 * with msg, or -2 with msg when the chain has no credentials. */
static int sign(struct aws_client *c, const struct cstate *s, const struct aws_wire *w,
                const struct endpoint *ep, struct sigv4_result *sr, char *msg, size_t cap)
{
	const struct aws_creds *cr = s->signer;
	struct sigv4_pair *qp, *hp;
	struct sigv4_request sreq = { 0 };
	struct sigv4_creds sc;
	struct sigv4_config cfg = { 0 };
	struct wa_err e;
	int rc;

	err_clear(&e);
	if (!cr && !c->settings) {
		snprintf(msg, cap, "no credentials: the client has no settings");
		return -1;
	}
	if (!cr && aws_creds_get(c->settings, &cr, &e) != 0) {
		snprintf(msg, cap, "%s", e.msg);
		return -2;
	}
	qp = xcalloc(w->n_query + 1, sizeof(*qp));
	hp = xcalloc(w->n_headers + 1, sizeof(*hp));
	for (size_t i = 0; i < w->n_query; i++)
		qp[i] = (struct sigv4_pair){ w->query[i].name, w->query[i].value };
	for (size_t i = 0; i < w->n_headers; i++)
		hp[i] = (struct sigv4_pair){ w->headers[i].name, w->headers[i].value };
	sreq.method = w->method;
	sreq.host = ep->host;
	sreq.path = ep->path;
	sreq.params = qp;
	sreq.n_params = w->n_query;
	sreq.headers = hp;
	sreq.n_headers = w->n_headers;
	sreq.body = w->body;
	sreq.body_len = w->body_len;
	sc.access_key = cr->access_key;
	sc.secret_key = cr->secret_key;
	sc.token = cr->token;
	cfg.service = s->info.signing_name ? s->info.signing_name : s->info.endpoint_prefix;
	cfg.region = ep->signing_region;
	cfg.when = c->opts.now ? c->opts.now() : time(NULL);
	cfg.creds = &sc;
	cfg.flags = strcmp(cfg.service, "s3") == 0 ? SIGV4_S3 : 0;
	rc = sigv4_sign(&sreq, &cfg, sr, &e);
	free(qp);
	free(hp);
	if (rc != 0) {
		snprintf(msg, cap, "signing: %s", e.msg);
		return -1;
	}
	return 0;
}

/* What the transport sends: method, URL with query, the protocol's and the signer's headers,
 * the body. */
static void assemble(const struct aws_wire *w, const struct endpoint *ep,
                     const struct sigv4_result *sr, const char *query, struct http_request *req)
{
	memset(req, 0, sizeof(*req));
	req->method = xstrdup(w->method);
	req->url = *query ? xasprintf("%s?%s", ep->url, query) : xstrdup(ep->url);
	req->host_key = xstrdup(ep->host_key);
	for (size_t i = 0; i < w->n_headers; i++)
		http_request_add_header(req, w->headers[i].name, w->headers[i].value);
	for (size_t i = 0; i < sr->n_headers; i++)
		http_request_add_header(req, sr->headers[i].name, sr->headers[i].value);
	if (w->body) {
		req->body = xmalloc(w->body_len + 1);
		memcpy(req->body, w->body, w->body_len);
		req->body[w->body_len] = '\0';
		req->body_len = w->body_len;
	}
}

int client_request_build(struct aws_client *c, const struct cstate *s, struct http_request *req,
                         char *msg, size_t cap)
{
	struct aws_wire w = { 0 };
	struct endpoint ep = { 0 };
	struct sigv4_result sr = { 0 };
	struct wa_err e;
	char *query = NULL;
	int rc = -1;

	err_clear(&e);
	if (aws_proto_request(s->m, s->op, s->params, &w, &e) != 0) {
		snprintf(msg, cap, "%s", e.msg);
		return -1;
	}
	if (resolve(c, s, &w, &ep, &e) != 0) {
		snprintf(msg, cap, "%s", e.msg);
		goto out;
	}
	if (s->unsigned_call)
		query = encode_query(&w);
	else if ((rc = sign(c, s, &w, &ep, &sr, msg, cap)) != 0)
		goto out;
	else
		query = xstrdup(sr.query ? sr.query : "");
	assemble(&w, &ep, &sr, query, req);
	rc = 0;
out:
	free(query);
	sigv4_result_free(&sr);
	endpoint_free(&ep);
	aws_wire_free(&w);
	return rc;
}
