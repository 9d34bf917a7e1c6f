#include "evidence/caller.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evidence/caller_aws.h"
#include "evidence/caller_fixture.h"
#include "aws/endpoint.h"
#include "util/xalloc.h"

int ev_caller_open(const struct ev_caller_opts *opts, struct ev_caller **out, struct wa_err *err)
{
	/* The only place the test hook is read: with it, nothing goes to the network. */
	const char *dir = getenv("WA_EVIDENCE_FIXTURES");

	*out = NULL;
	if (dir && *dir)
		return caller_fixture_open(dir, out, err);
	return caller_aws_open(opts, out, err);
}

void ev_caller_run(struct ev_caller *c, struct ev_call *calls, size_t n, ev_call_done_fn done,
                   void *ctx)
{
	c->ops->run(c->impl, calls, n, done, ctx);
}

char *ev_role_arn(const char *region, const char *account, const char *role)
{
	return xasprintf("arn:%s:iam::%s:role/%s", region ? endpoint_partition(region) : "aws",
	                 account, role);
}

size_t ev_caller_assume(struct ev_caller *c, const char *const *accounts, size_t n,
                        const char *role, const char *session, char **errors)
{
	char **arns = xcalloc(n ? n : 1, sizeof(*arns));
	size_t failed = 0;

	for (size_t i = 0; i < n; i++) {
		arns[i] = ev_role_arn(c->default_region, accounts[i], role);
		errors[i] = NULL;
	}
	if (c->ops->assume)
		c->ops->assume(c->impl, accounts, (const char *const *)arns, n, session, errors);
	for (size_t i = 0; i < n; i++) {
		if (!c->ops->assume)
			errors[i] = xasprintf("account %s: cannot assume role %s: %s offers no STS",
			                      accounts[i], arns[i], c->name);
		failed += errors[i] != NULL;
		free(arns[i]);
	}
	free(arns);
	return failed;
}

void ev_caller_cancel(struct ev_caller *c)
{
	if (c && c->ops->cancel)
		c->ops->cancel(c->impl);
}

void ev_caller_free(struct ev_caller *c)
{
	if (!c)
		return;
	if (c->ops && c->ops->free)
		c->ops->free(c->impl);
	free(c->default_region);
	free(c->name);
	free(c);
}

void ev_call_clear(struct ev_call *call)
{
	cJSON_Delete(call->result);
	call->result = NULL;
	call->status = EV_CALL_PENDING;
	call->code[0] = '\0';
	call->message[0] = '\0';
	call->http_status = 0;
	call->truncated = false;
	err_clear(&call->err);
}

const char *ev_call_label(const struct ev_call *call, char *buf, size_t len)
{
	const char *acct = call->account ? call->account : "";
	const char *sep = call->account ? " " : "";

	if (call->region)
		snprintf(buf, len, "%s:%s in %s%s%s", call->service, call->operation, acct, sep,
		         call->region);
	else if (call->account)
		snprintf(buf, len, "%s:%s in %s", call->service, call->operation, acct);
	else
		snprintf(buf, len, "%s:%s", call->service, call->operation);
	return buf;
}

void ev_call_fail(struct ev_call *call, enum ev_call_status status, const char *code,
                  const char *message, long http_status)
{
	char label[300];

	cJSON_Delete(call->result);
	call->result = NULL;
	call->status = status;
	snprintf(call->code, sizeof(call->code), "%s", code ? code : "");
	snprintf(call->message, sizeof(call->message), "%s", message ? message : "");
	call->http_status = http_status;
	ev_call_label(call, label, sizeof(label));
	if (code && *code)
		err_set(&call->err, label, 0, 0, "%s: %s", code, call->message);
	else
		err_set(&call->err, label, 0, 0, "%s", call->message);
}
