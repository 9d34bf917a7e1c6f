/* The batch loop: every call of a batch prepared, its requests sent as the transport takes
 * them, responses parsed, failures retried after their backoff, pages followed, each call
 * finished with its result or its own error. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "aws/client_int.h"
#include "util/secret.h"
#include "util/xalloc.h"

#define MAX_PAGES  10000 /* a paginator that never ends is a bug, not an account */
#define DONE_BATCH 64

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
	/* An error body may echo the request's headers (a debugging gateway does): the token,
	 * the signature and the key never go further than here. */
	secret_mask(s->call->api.code);
	secret_mask(s->call->api.message);
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

static void prepare(struct aws_client *c, struct cstate *s)
{
	struct aws_call *call = s->call;
	struct wa_err e;
	const char *svc, *opname;

	aws_call_clear(call);
	svc = call->service ? call->service : "";
	s->region = call->region                         ? call->region
	            : c->settings && c->settings->region ? c->settings->region
	                                                 : NULL;
	snprintf(s->where, sizeof(s->where), "%s:%s%s%s", svc,
	         call->operation ? call->operation : "", s->region ? " in " : "",
	         s->region ? s->region : "");
	err_clear(&e);
	s->m = aws_model_get(svc, &e);
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
	snprintf(s->where, sizeof(s->where), "%s:%s%s%s", svc, opname, s->region ? " in " : "",
	         s->region ? s->region : "");
	if (!aws_client_may_send(c, s->info.service, opname, s->internal)) {
		finish_fail(s, "refused: wa-review only sends read-only calls (Describe*, List*, "
		               "Get*), and this one is not");
		return;
	}
	if (call->params && !cJSON_IsObject(call->params)) {
		finish_fail(s, "parameters must be a JSON object");
		return;
	}
	s->params = call->params ? cJSON_Duplicate(call->params, 1) : cJSON_CreateObject();
	s->quota = client_quota(c, s->info.service, s->region);
	if (!(call->flags & AWS_CALL_NO_PAGINATE) && aws_operation_paginator(s->op)) {
		s->paginate = true;
		client_page_init(&s->pages, aws_operation_paginator(s->op), s->info.service,
		                 opname);
	}
	s->phase = PH_READY;
}

static void release_state(struct cstate *s)
{
	cJSON_Delete(s->params);
	s->params = NULL;
	client_page_free(&s->pages);
}

/* After a failed attempt: schedules a retry, or returns false. */
static bool schedule_retry(struct aws_client *c, struct cstate *s, struct transport *t,
                           enum retry_kind kind, long retry_after)
{
	long delay = retry_next(&c->retry, s->quota, s->info.endpoint_prefix, s->attempt, kind,
	                        retry_after, &s->cost);

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
		if (schedule_retry(c, s, t,
		                   retry_classify(c->retry.mode, s->info.endpoint_prefix, d->fail,
		                                  0, NULL),
		                   -1))
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
		enum retry_kind kind =
		        retry_classify(c->retry.mode, s->info.endpoint_prefix, TRANSPORT_OK,
		                       ae.status ? ae.status : d->resp.status, ae.code);
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
	retry_success(s->quota, s->cost);
	s->cost = 0;
	s->call->pages++;
	if (!s->paginate) {
		finish_ok(s, page);
		return;
	}
	client_page_add(&s->pages, page);
	if (s->call->max_pages > 0 && s->call->pages >= s->call->max_pages) {
		/* the caller's bound: keep what was read, say whether more was left */
		rc = client_page_next(&s->pages, page, s->params, msg, sizeof(msg));
		cJSON_Delete(page);
		if (rc < 0) {
			finish_fail(s, msg);
			return;
		}
		s->call->truncated = rc == 1;
		finish_ok(s, client_page_result(&s->pages));
		return;
	}
	rc = s->call->pages >= MAX_PAGES
	             ? -1
	             : client_page_next(&s->pages, page, s->params, msg, sizeof(msg));
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
	finish_ok(s, client_page_result(&s->pages));
}

int client_run_states(struct aws_client *c, struct transport *t, struct cstate *st, size_t n,
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

		if (atomic_load(&c->cancelled)) {
			/* What is in flight is dropped, not waited for: the user is leaving. */
			transport_abort(t);
			for (size_t i = 0; i < n; i++)
				if (st[i].phase != PH_DONE) {
					finish_fail(&st[i], "cancelled");
					release_state(&st[i]);
					if (done)
						done(ctx, st[i].call);
				}
			break;
		}
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
			} else if ((rc = client_request_build(c, s, &req, msg, sizeof(msg))) != 0) {
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

void aws_client_cancel(struct aws_client *c)
{
	atomic_store(&c->cancelled, true);
	transport_wakeup(c->t);
}

int aws_client_run(struct aws_client *c, struct aws_call *calls, size_t n, aws_call_done_fn done,
                   void *ctx)
{
	struct cstate *st = xcalloc(n ? n : 1, sizeof(*st));
	int failed;

	for (size_t i = 0; i < n; i++) {
		st[i].call = &calls[i];
		st[i].signer = calls[i].creds;
	}
	failed = client_run_states(c, c->t, st, n, done, ctx);
	free(st);
	return failed;
}
