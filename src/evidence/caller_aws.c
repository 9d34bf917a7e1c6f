#include "evidence/caller_aws.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aws/client.h"
#include "util/xalloc.h"

struct done_ctx {
	ev_call_done_fn done;
	void *ctx;
};

/* Hands one finished aws_call's outcome to its ev_call: the result moves, errors copy. */
static void aws_done(void *ctx, struct aws_call *ac)
{
	struct done_ctx *d = ctx;
	struct ev_call *call = ac->user;

	if (ac->status == AWS_CALL_OK) {
		call->status = EV_CALL_OK;
		call->result = ac->result;
		call->truncated = ac->truncated;
		ac->result = NULL;
	} else if (ac->status == AWS_CALL_API_ERROR) {
		ev_call_fail(call, EV_CALL_API_ERROR, ac->api.code, ac->api.message,
		             ac->api.status);
	} else {
		ev_call_fail(call, EV_CALL_FAILED, NULL, ac->err.msg, 0);
	}
	if (d->done)
		d->done(d->ctx, call);
}

static void aws_run(void *impl, struct ev_call *calls, size_t n, ev_call_done_fn done, void *ctx)
{
	struct aws_call *ac = xcalloc(n ? n : 1, sizeof(*ac));
	struct done_ctx d = { done, ctx };

	for (size_t i = 0; i < n; i++) {
		ev_call_clear(&calls[i]);
		ac[i].service = calls[i].service;
		ac[i].operation = calls[i].operation;
		ac[i].params = calls[i].params;
		ac[i].region = calls[i].region;
		ac[i].max_pages = calls[i].max_pages;
		ac[i].user = &calls[i];
	}
	aws_client_run(impl, ac, n, aws_done, &d);
	for (size_t i = 0; i < n; i++)
		aws_call_clear(&ac[i]);
	free(ac);
}

static void aws_free(void *impl)
{
	aws_client_free(impl);
}

static void aws_cancel(void *impl)
{
	aws_client_cancel(impl);
}

static const struct ev_caller_ops aws_ops = { aws_run, aws_free, aws_cancel };

int caller_aws_open(const struct ev_caller_opts *opts, struct ev_caller **out, struct wa_err *err)
{
	struct aws_settings_in in = { 0 };
	struct aws_client *client;
	const struct aws_creds *cr;
	struct aws_settings *s;
	struct ev_caller *c;

	*out = NULL;
	if (opts) {
		in.profile = opts->profile;
		in.region = opts->region;
		in.endpoint_url = opts->endpoint_url;
	}
	if (aws_client_open(&in, NULL, &client, err))
		return -1;
	s = aws_client_settings(client);
	/* No credentials means no call can succeed: say so once, before the sweep, rather
	 * than as the same error on every probe. */
	if (aws_creds_get(s, &cr, err)) {
		aws_client_free(client);
		return -1;
	}
	c = xcalloc(1, sizeof(*c));
	c->ops = &aws_ops;
	c->impl = client;
	c->default_region = s->region ? xstrdup(s->region) : NULL;
	c->name = s->endpoint_url ? xasprintf("AWS at %s", s->endpoint_url) : xstrdup("AWS");
	*out = c;
	return 0;
}
