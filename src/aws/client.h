/* The AWS client: joins settings and credentials (creds.h), service models and wire
 * protocols (proto.h), endpoint resolution, SigV4 signing, retries and the transport.
 * A call is service + operation + parameters + Region; its result is the JSON the aws CLI
 * prints, all pages merged as the CLI merges them. Many calls run at once through one
 * batch (aws_client_run()), each finishing with its own result or its own error.
 *
 * Read-only by construction: only operations named Describe*, List* or Get* (and a short
 * allow-list) can be sent; anything else is refused before it reaches the network. The one
 * exception is wa-review push, which turns on (aws_client_allow_push()) exactly the
 * Well-Architected Tool writes it makes, aws_client_push_ops. */
#ifndef WAR_AWS_CLIENT_H
#define WAR_AWS_CLIENT_H

#include <stdbool.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "aws/creds.h"
#include "aws/proto.h"
#include "aws/retry.h"
#include "aws/transport.h"
#include "util/err.h"

/* Makes a transport (tests pass a fake one; NULL: transport_curl_new). Returns it, or NULL
 * with err. */
typedef struct transport *(*aws_transport_new_fn)(void *ctx, const struct transport_config *cfg,
                                                  struct wa_err *err);

/* How the client behaves; zero means the default (and the environment variable, where one
 * is named, overrides that default). */
struct aws_client_opts {
	long connect_timeout_ms; /* 0: WA_AWS_CONNECT_TIMEOUT (s) or 10 s */
	long timeout_ms;         /* one attempt, connect to last byte; 0: WA_AWS_TIMEOUT (s)
	                          * or 60 s */
	int max_per_host;        /* requests in flight per endpoint; 0: WA_AWS_MAX_CONCURRENCY
	                          * or 16 */
	int max_attempts;        /* 0: AWS_MAX_ATTEMPTS, the profile's max_attempts, or the
	                          * retry mode's own (AWS_RETRY_MODE, retry_mode; retry.h) */
	retry_rand_fn rand;      /* backoff jitter; NULL: retry_rand_default */
	void *rand_ctx;
	aws_transport_new_fn transport_new;
	void *transport_ctx;
	time_t (*now)(void); /* signing clock; NULL: time() */
};

struct aws_client;

/* Creates a client: reads opts (copied; NULL for all defaults), makes its transport, and
 * loads the settings and credential chain from in (its sts and sts_ctx are filled by the
 * client, so the chain's STS calls go through it). Returns 0 with *out
 * (aws_client_free()), or -1 with err. */
int aws_client_open(const struct aws_settings_in *in, const struct aws_client_opts *opts,
                    struct aws_client **out, struct wa_err *err);

/* The settings in use (borrowed; region, profile, endpoint, credential chain). */
struct aws_settings *aws_client_settings(struct aws_client *c);

/* Frees the client, its settings and its transport; NULL is allowed. */
void aws_client_free(struct aws_client *c);

/* The aws_sts_fn the client gives the credential chain (ctx is a struct aws_client *):
 * AssumeRole, AssumeRoleWithWebIdentity and the like, made through the client on the
 * configured STS endpoint (never --endpoint-url). See creds.h for the convention. */
int aws_client_sts(void *ctx, const char *action, const struct aws_creds *signer,
                   const char *region, const char *const *params, cJSON **result,
                   struct wa_err *err);

enum aws_call_flag {
	AWS_CALL_NO_PAGINATE = 1 << 0, /* only the first page, as the CLI's --no-paginate */
};

enum aws_call_status {
	AWS_CALL_PENDING = 0, /* not run yet */
	AWS_CALL_OK,          /* result holds the output */
	AWS_CALL_API_ERROR,   /* the service answered with an error: see api */
	AWS_CALL_FAILED,      /* no answer: bad input, refused, no credentials, network */
};

/* One call of a batch. The inputs are borrowed and must stay valid during the run; the
 * outputs belong to the call until aws_call_clear(). */
struct aws_call {
	const char *service;           /* the CLI's name: "ec2", "rds", "service-quotas" … */
	const char *operation;         /* "DescribeDBInstances" or "describe-db-instances" */
	const cJSON *params;           /* an object as for --cli-input-json; NULL: none */
	const char *region;            /* NULL: the settings' Region */
	unsigned flags;                /* enum aws_call_flag */
	int max_pages;                 /* read at most this many pages and keep them (truncated says
	                                * whether more were left); 0: every page */
	const struct aws_creds *creds; /* sign with these (a role assumed in another account);
	                                * NULL: the settings' credential chain */
	void *user;                    /* the caller's */

	enum aws_call_status status;
	cJSON *result;            /* when AWS_CALL_OK */
	struct aws_api_error api; /* when AWS_CALL_API_ERROR: status, code, message */
	struct wa_err err;        /* when not OK: where = "rds:DescribeDBInstances in
	                           * eu-west-1", msg = "AccessDenied — User: … is not …" */
	int attempts;             /* requests sent, all pages and retries */
	int pages;
	bool truncated; /* when AWS_CALL_OK: max_pages stopped it with pages left */
};

/* Called as each call of a batch finishes (ok or not), in completion order. */
typedef void (*aws_call_done_fn)(void *ctx, struct aws_call *call);

/* Runs n calls at once (pages of one call go one after another; retries wait out their
 * backoff without holding up the others), then returns. A failing call never stops or
 * spoils the others. done may be NULL. Returns the number of calls not AWS_CALL_OK. */
int aws_client_run(struct aws_client *c, struct aws_call *calls, size_t n, aws_call_done_fn done,
                   void *ctx);

/* Assumes n roles at once: STS AssumeRole of arns[i] with session name session, signed
 * with the chain's credentials, in the settings' Region (us-east-1 when none), on the STS
 * endpoint the settings give (--endpoint-url included: the caller asks for these roles
 * itself, as `aws sts assume-role` would). For each i: out[i] filled (aws_creds_clear())
 * and errs[i] cleared, or out[i] zeroed and errs[i] saying why ("AccessDenied: …").
 * Returns how many failed. */
size_t aws_client_assume_roles(struct aws_client *c, const char *const *arns, size_t n,
                               const char *session, struct aws_creds *out, struct wa_err *errs);

/* Cancels the client's calls, from any thread: a run in progress stops waiting at once,
 * drops its requests in flight and ends every call not yet finished as AWS_CALL_FAILED
 * "cancelled" (its done callback still called), and every later call fails the same way.
 * For a sweep the user walks away from (the wizard's quit); c must outlive the call. */
void aws_client_cancel(struct aws_client *c);

/* One call, for callers without a batch. Returns 0 with *result (cJSON_Delete()), or -1
 * with err in the per-call form above (aerr, when not NULL, gets an API error's parts). */
int aws_client_call(struct aws_client *c, const char *service, const char *operation,
                    const cJSON *params, const char *region, unsigned flags, cJSON **result,
                    struct aws_api_error *aerr, struct wa_err *err);

/* Frees a call's outputs and resets it to AWS_CALL_PENDING (the inputs are kept). */
void aws_call_clear(struct aws_call *call);

/* True when operation op of service may be sent: Describe*, List*, Get*, or the public
 * allow-list. internal also admits what the credential chain needs (sts AssumeRole…). */
bool aws_client_readonly(const char *service, const char *op, bool internal);

/* The writes wa-review push makes to the Well-Architected Tool ("wellarchitected"
 * operations), NULL-ended: the only operations that change anything in AWS. */
extern const char *const aws_client_push_ops[];

/* Lets client c send aws_client_push_ops as well as read-only calls, for its lifetime. Only
 * wa-review push (and the wizard's push) calls this; every other client stays read-only. */
void aws_client_allow_push(struct aws_client *c);

/* Whether c may send operation op of service: read-only, or one of push's writes on a
 * client that allows them. */
bool aws_client_may_send(const struct aws_client *c, const char *service, const char *op,
                         bool internal);

#endif
