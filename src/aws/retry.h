/* When and how long to wait before trying an AWS call again, in botocore's two retry modes:
 *  - legacy, the aws CLI v1's default (botocore/retryhandler.py and data/_retry.json): 5
 *    attempts (10 for DynamoDB), a wait of rand * 2^(n-1) s (DynamoDB: 50 ms * 2^(n-1)),
 *    retried only on the statuses and status + code pairs _retry.json names;
 *  - standard (botocore/retries/standard.py): 3 attempts, rand * min(2^(n-1), 20) s, the
 *    throttling and transient codes, 5xx and broken connections, and a retry quota.
 * Unlike botocore, a server's Retry-After / x-amz-retry-after is honoured in both. No clock,
 * no sleeping: the caller schedules the delay; the random source is injected. */
#ifndef WAR_AWS_RETRY_H
#define WAR_AWS_RETRY_H

#include <stdbool.h>

#include "aws/transport.h"

enum retry_mode {
	RETRY_LEGACY = 0, /* the aws CLI v1's and botocore's default */
	RETRY_STANDARD,
};

enum retry_kind {
	RETRY_NO = 0,    /* success, or an error that will not go away by trying again */
	RETRY_TRANSIENT, /* 500/502/503/504, RequestTimeout…, connection failures */
	RETRY_TIMEOUT,   /* the exchange timed out: transient, but costs more quota */
	RETRY_THROTTLE,  /* Throttling, SlowDown, RequestLimitExceeded, 429 … */
};

enum {
	RETRY_QUOTA = 500, /* the standard mode's initial retry capacity */
	RETRY_MAX_BACKOFF_MS = 20000,
};

/* Returns a number in [0, 1); ctx is the caller's. */
typedef double (*retry_rand_fn)(void *ctx);

/* How a client retries. */
struct retry_policy {
	enum retry_mode mode;
	int max_attempts; /* 0: the mode's default for the service (retry_max_attempts()) */
	retry_rand_fn rand;
	void *rand_ctx;
};

/* The standard mode's retry quota. botocore keeps one per client, and a client serves one
 * service in one Region: so one per service and Region, never one for a whole sweep. */
struct retry_quota {
	int left; /* capacity left */
};

/* Sets q to the full RETRY_QUOTA. */
void retry_quota_init(struct retry_quota *q);

/* "legacy", "standard" or "adaptive" (the standard retries; its client-side rate limiter is
 * not implemented) into *out. Returns 0, or -1 for any other word (botocore's words only,
 * lower case). */
int retry_mode_parse(const char *word, enum retry_mode *out);

/* What kind of failure this is under mode, for the service with endpoint prefix service
 * (legacy mode's rules depend on it): fail from the transport (TRANSPORT_OK when a response
 * came), else the HTTP status and the parsed error code (NULL or "" when none). */
enum retry_kind retry_classify(enum retry_mode mode, const char *service, enum transport_fail fail,
                               long status, const char *code);

/* True for the standard mode's throttling error codes. */
bool retry_is_throttle_code(const char *code);

/* The attempts a call of service (endpoint prefix) gets: p->max_attempts, else the mode's
 * default (legacy: 5, 10 for DynamoDB; standard: 3). */
int retry_max_attempts(const struct retry_policy *p, const char *service);

/* After attempt number attempt (1-based) failed as kind: returns the delay in ms before the
 * next one, or -1 when there is to be no retry (not retryable, attempts used up, the quota
 * spent). In standard mode the retry's cost comes out of q (not NULL) and goes into *cost
 * (give it back with retry_success()); legacy mode has no quota (q may be NULL, *cost is
 * 0). retry_after_ms is what the server asked for (-1: nothing). */
long retry_next(const struct retry_policy *p, struct retry_quota *q, const char *service,
                int attempt, enum retry_kind kind, long retry_after_ms, int *cost);

/* A call succeeded: gives back to q (NULL: none) the last retry's cost, or 1 when it needed
 * none, up to the full quota. */
void retry_success(struct retry_quota *q, int cost);

/* The delay a response asks for in ms, from "x-amz-retry-after" (ms) or "Retry-After"
 * (seconds, or an HTTP date compared with now in ms since the epoch); -1 when neither is
 * present or valid.
 * Either argument may be NULL. */
long retry_after_ms(const char *x_amz_retry_after, const char *retry_after, long long now);

/* The default random source: a xorshift generator seeded once from the clock and pid. */
double retry_rand_default(void *ctx);

#endif
