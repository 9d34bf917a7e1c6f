/* Inside the AWS client: what client.c (the API), client_run.c (the batch loop),
 * client_request.c (one request: encode, resolve, sign, assemble) and client_page.c
 * (pagination) share. Not for use outside src/aws/client*.c. */
#ifndef WAR_AWS_CLIENT_INT_H
#define WAR_AWS_CLIENT_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "aws/client.h"
#include "aws/http.h"

struct aws_client {
	struct aws_client_opts opts;
	struct transport_config tcfg;
	struct transport *t;
	struct aws_settings *settings;
	struct retry_policy retry;
	struct {
		char *key; /* "service Region" */
		struct retry_quota *q;
	} * quotas; /* standard mode: one per service and Region, as botocore's clients */
	size_t n_quotas, cap_quotas;
	bool push_writes; /* aws_client_allow_push() was called */
};

/* A paginated call's progress: botocore's PageIterator.build_full_result(), one page at a
 * time. */
struct client_pages {
	const struct aws_paginator *pg;
	const char *service;   /* the model's name ("s3" also when called as "s3api") */
	const char *operation; /* the API name */
	cJSON *merged;         /* all pages so far */
	cJSON *non_agg;        /* the first page's non-aggregate keys */
	char *last_tokens;     /* the tokens that asked for the latest page */
};

enum cstate_phase { PH_READY, PH_SENT, PH_WAIT, PH_DONE };

/* A call while it runs. */
struct cstate {
	struct aws_call *call;
	const struct aws_model *m;
	const struct aws_operation *op;
	struct aws_service_info info;
	const char *region;
	char where[256];
	cJSON *params; /* working copy: page tokens go in here */
	bool paginate; /* pages holds the pages so far */
	struct client_pages pages;
	int attempt;               /* of the current page, 1-based once sent */
	struct retry_quota *quota; /* the service and Region's (standard mode), or NULL */
	int cost;                  /* quota taken by the last retry */
	long long due;             /* PH_WAIT: when to send again */
	enum cstate_phase phase;
	/* for the credential chain's STS calls */
	bool internal;
	bool unsigned_call;
	const struct aws_creds *signer;
	const char *endpoint; /* overrides the settings' endpoint (may be NULL) */
	bool endpoint_set;
};

/* The retry quota of service (the model's name) in region (NULL: none), made on first use;
 * NULL outside the standard retry mode. Borrowed until aws_client_free(). */
struct retry_quota *client_quota(struct aws_client *c, const char *service, const char *region);

/* Starts the pages of a call of operation (API name) of service (the model's name). */
void client_page_init(struct client_pages *p, const struct aws_paginator *pg, const char *service,
                      const char *operation);
/* Merges one page into the result so far. */
void client_page_add(struct client_pages *p, const cJSON *page);
/* Sets up the next page: its tokens from page go into params. Returns 1 when there is one,
 * 0 when the last page is in, -1 with msg when the service repeats a token. */
int client_page_next(struct client_pages *p, const cJSON *page, cJSON *params, char *msg,
                     size_t cap);
/* The merged result (the caller frees it with cJSON_Delete()); p is spent. */
cJSON *client_page_result(struct client_pages *p);
/* Frees what p holds. */
void client_page_free(struct client_pages *p);

/* Builds the HTTP request for s's current page: encodes the parameters, resolves the
 * endpoint, signs, assembles. Returns 0 with *req (the caller hands it to the transport), -1
 * with msg, or -2 with msg when no credentials could be had (the batch then stops asking the
 * chain). */
int client_request_build(struct aws_client *c, const struct cstate *s, struct http_request *req,
                         char *msg, size_t cap);

/* Runs the n calls of st (their call members set, the rest zero) on transport t: see
 * aws_client_run(). Returns the number not AWS_CALL_OK. */
int client_run_states(struct aws_client *c, struct transport *t, struct cstate *st, size_t n,
                      aws_call_done_fn done, void *ctx);

#endif
