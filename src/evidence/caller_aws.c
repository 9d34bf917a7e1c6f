#include "evidence/caller_aws.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aws/client.h"
#include "util/xalloc.h"

/* The client, and the roles assumed in other accounts: calls naming an account are
 * signed with its role's credentials. */
struct aws_impl {
	struct aws_client *client;
	struct role {
		char *account;
		struct aws_creds creds;
	} * roles;
	size_t n_roles;
};

static const struct aws_creds *role_creds(const struct aws_impl *a, const char *account)
{
	for (size_t i = 0; i < a->n_roles; i++)
		if (!strcmp(a->roles[i].account, account))
			return &a->roles[i].creds;
	return NULL;
}

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
	struct aws_impl *a = impl;
	struct aws_call *ac = xcalloc(n ? n : 1, sizeof(*ac));
	struct done_ctx d = { done, ctx };
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		const struct aws_creds *cr = NULL;

		ev_call_clear(&calls[i]);
		/* A call for an account without its role must never go out as our own. */
		if (calls[i].account && !(cr = role_creds(a, calls[i].account))) {
			ev_call_fail(&calls[i], EV_CALL_FAILED, NULL,
			             "no role assumed in this account", 0);
			if (done)
				done(ctx, &calls[i]);
			continue;
		}
		ac[k].service = calls[i].service;
		ac[k].operation = calls[i].operation;
		ac[k].params = calls[i].params;
		ac[k].region = calls[i].region;
		ac[k].max_pages = calls[i].max_pages;
		ac[k].creds = cr;
		ac[k].user = &calls[i];
		k++;
	}
	aws_client_run(a->client, ac, k, aws_done, &d);
	for (size_t i = 0; i < k; i++)
		aws_call_clear(&ac[i]);
	free(ac);
}

static void aws_assume(void *impl, const char *const *accounts, const char *const *arns, size_t n,
                       const char *session, char **errors)
{
	struct aws_impl *a = impl;
	struct aws_creds *creds = xcalloc(n ? n : 1, sizeof(*creds));
	struct wa_err *errs = xcalloc(n ? n : 1, sizeof(*errs));

	aws_client_assume_roles(a->client, arns, n, session, creds, errs);
	for (size_t i = 0; i < n; i++) {
		char buf[1600];

		if (err_isset(&errs[i])) {
			errors[i] = xasprintf("account %s: cannot assume role %s: %s", accounts[i],
			                      arns[i], err_format(&errs[i], buf, sizeof(buf)));
			continue;
		}
		a->roles = xrealloc(a->roles, (a->n_roles + 1) * sizeof(*a->roles));
		a->roles[a->n_roles].account = xstrdup(accounts[i]);
		a->roles[a->n_roles++].creds = creds[i];
	}
	free(creds);
	free(errs);
}

static void aws_free(void *impl)
{
	struct aws_impl *a = impl;

	aws_client_free(a->client);
	for (size_t i = 0; i < a->n_roles; i++) {
		free(a->roles[i].account);
		aws_creds_clear(&a->roles[i].creds);
	}
	free(a->roles);
	free(a);
}

static void aws_cancel(void *impl)
{
	aws_client_cancel(((struct aws_impl *)impl)->client);
}

static const struct ev_caller_ops aws_ops = { aws_run, aws_free, aws_cancel, aws_assume };

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
	c->impl = xcalloc(1, sizeof(struct aws_impl));
	((struct aws_impl *)c->impl)->client = client;
	c->default_region = s->region ? xstrdup(s->region) : NULL;
	c->name = s->endpoint_url ? xasprintf("AWS at %s", s->endpoint_url) : xstrdup("AWS");
	*out = c;
	return 0;
}
