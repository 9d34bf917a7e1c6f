/* The one thing evidence needs from AWS: run a batch of read-only calls and hand back, for
 * each, the result as the aws CLI prints it (all pages merged) or the error. The AWS client
 * (src/aws/client.h, aws_client_run()) is glued in behind this interface (caller_aws.h);
 * tests and demos put a fixture caller in its place (caller_fixture.h). */
#ifndef WAR_EVIDENCE_CALLER_H
#define WAR_EVIDENCE_CALLER_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "util/err.h"

enum ev_call_status {
	EV_CALL_PENDING = 0, /* not run yet */
	EV_CALL_OK,          /* result holds the output */
	EV_CALL_API_ERROR,   /* the service answered with an error: code, message, http_status */
	EV_CALL_FAILED,      /* no answer: refused, no credentials, timeout, unreachable */
};

/* One call of a batch. Inputs are borrowed and stay valid during the run; outputs belong
 * to the call until ev_call_clear(). */
struct ev_call {
	const char *service;   /* the client's name: "ec2", "elbv2", "s3", "service-quotas" */
	const char *operation; /* API name: "DescribeVpcs" */
	const cJSON *params;   /* an object as for --cli-input-json, or NULL */
	const char *region;    /* NULL: the caller's default Region (global services) */
	const char *account;   /* an account whose role ev_caller_assume() took; NULL: the
	                        * caller's own credentials */
	int max_pages;         /* pages to read at most; 0: all (as the aws CLI) */

	enum ev_call_status status;
	cJSON *result;      /* EV_CALL_OK: the output, shaped as the aws CLI prints it */
	char code[128];     /* EV_CALL_API_ERROR: "AccessDenied", "Throttling", … */
	char message[1024]; /* the service's message, or why the call failed */
	long http_status;   /* EV_CALL_API_ERROR: the HTTP status; else 0 */
	bool truncated;     /* EV_CALL_OK: max_pages were read and more were left */
	struct wa_err err;  /* not OK: where = "ec2:DescribeVpcs in eu-west-1", msg */
};

/* Called as each call finishes, in any order, on the thread that called run. */
typedef void (*ev_call_done_fn)(void *ctx, struct ev_call *call);

struct ev_caller_ops {
	/* Runs n calls (at once, as far as the implementation can), filling each one's
	 * outputs and calling done (may be NULL) as each finishes; returns when all have.
	 * One call failing never stops the others. */
	void (*run)(void *impl, struct ev_call *calls, size_t n, ev_call_done_fn done, void *ctx);
	/* Frees impl. */
	void (*free)(void *impl);
	/* Cancels: a run in progress on another thread returns at once, its unfinished calls
	 * EV_CALL_FAILED "cancelled", and so does every later run. Thread-safe, returns
	 * without waiting. */
	void (*cancel)(void *impl);
	/* Assumes role_arns[i] for accounts[i], all at once, so that calls naming accounts[i]
	 * run with that role's credentials. errors[i] gets NULL, or why (newly allocated).
	 * NULL: the caller cannot assume roles. */
	void (*assume)(void *impl, const char *const *accounts, const char *const *role_arns,
	               size_t n, const char *session, char **errors);
};

struct ev_caller {
	const struct ev_caller_ops *ops;
	void *impl;
	char *default_region; /* the Region calls with region NULL go to; NULL: none known */
	char *name;           /* what it talks to, for messages: "AWS", "fixtures in DIR" */
};

/* How to reach AWS, from the command line; NULL members: not given. */
struct ev_caller_opts {
	const char *profile;
	const char *endpoint_url;
	const char *region; /* the default Region (calls for global services go there) */
};

/* Opens the caller evidence uses: the fixture caller when the environment variable
 * WA_EVIDENCE_FIXTURES names a directory (a test and demo facility, see wa-review(1)),
 * else the AWS client. Returns 0 with *out (free with ev_caller_free()), or -1 with err
 * (bad fixtures directory, malformed AWS config, unknown profile). */
int ev_caller_open(const struct ev_caller_opts *opts, struct ev_caller **out, struct wa_err *err);

/* Runs a batch through c (see ev_caller_ops.run). */
void ev_caller_run(struct ev_caller *c, struct ev_call *calls, size_t n, ev_call_done_fn done,
                   void *ctx);

/* Assumes role NAME in each of n accounts (arn:PARTITION:iam::ACCOUNT:role/NAME, the
 * partition of the caller's default Region), with STS session name session; afterwards
 * calls naming an account run as its role. errors[i] gets NULL when account i's role was
 * assumed, else the reason naming the account and the AssumeRole error (newly allocated).
 * Returns how many failed. */
size_t ev_caller_assume(struct ev_caller *c, const char *const *accounts, size_t n,
                        const char *role, const char *session, char **errors);

/* The role ARN for role NAME in account, in the partition of region (NULL: aws). Newly
 * allocated. */
char *ev_role_arn(const char *region, const char *account, const char *role);

/* Cancels c's calls in flight and to come (see ev_caller_ops.cancel), from any thread;
 * NULL is fine. */
void ev_caller_cancel(struct ev_caller *c);

/* Frees the caller; NULL is fine. */
void ev_caller_free(struct ev_caller *c);

/* Frees a call's outputs and resets it to EV_CALL_PENDING (inputs kept). */
void ev_call_clear(struct ev_call *call);

/* Fills a call's error outputs: status (EV_CALL_API_ERROR or EV_CALL_FAILED), code (may be
 * NULL), message, HTTP status, and err with the call's label and "code: message". */
void ev_call_fail(struct ev_call *call, enum ev_call_status status, const char *code,
                  const char *message, long http_status);

/* "ec2:DescribeVpcs in eu-west-1" (or "… (global)" when region is NULL), into buf. */
const char *ev_call_label(const struct ev_call *call, char *buf, size_t len);

#endif
