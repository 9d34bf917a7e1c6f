/* When and how long to wait before trying an AWS call again: the SDKs' "standard" retry
 * mode (botocore/retries/standard.py): its throttling and transient error codes, at most
 * 3 attempts by default, truncated exponential backoff with full jitter, the retry quota,
 * and a server's Retry-After / x-amz-retry-after honoured. No clock, no sleeping: the
 * caller schedules the delay; the random source is injected. */
#ifndef WAR_AWS_RETRY_H
#define WAR_AWS_RETRY_H

#include <stdbool.h>

#include "aws/transport.h"

enum retry_kind {
	RETRY_NO = 0,    /* success, or an error that will not go away by trying again */
	RETRY_TRANSIENT, /* 500/502/503/504, RequestTimeout…, connection failures */
	RETRY_TIMEOUT,   /* the exchange timed out: transient, but costs more quota */
	RETRY_THROTTLE,  /* Throttling, SlowDown, RequestLimitExceeded, 429 … */
};

enum {
	RETRY_MAX_ATTEMPTS = 3, /* the standard mode's default */
	RETRY_MAX_BACKOFF_MS = 20000,
	RETRY_QUOTA = 500, /* initial retry capacity */
};

/* Returns a number in [0, 1); ctx is the caller's. */
typedef double (*retry_rand_fn)(void *ctx);

/* The retry state one client shares between its calls (the quota is per client). */
struct retry {
	int max_attempts;
	retry_rand_fn rand;
	void *rand_ctx;
	int quota;            /* capacity left */
	double base_scale_ms; /* non-throttling base: 50 ms, 25 ms for DynamoDB */
};

/* Sets up r: max_attempts <= 0 means RETRY_MAX_ATTEMPTS; rand NULL means
 * retry_rand_default. */
void retry_init(struct retry *r, int max_attempts, retry_rand_fn rand, void *rand_ctx);

/* What kind of failure this is: fail from the transport (TRANSPORT_OK when a response
 * came), else the HTTP status and the parsed error code (NULL or "" when none). */
enum retry_kind retry_classify(enum transport_fail fail, long status, const char *code);

/* True for the standard mode's throttling error codes. */
bool retry_is_throttle_code(const char *code);

/* After attempt number attempt (1-based) failed as kind: returns the delay in ms before
 * the next one, taking its cost from the quota, or -1 when there is to be no retry (not
 * retryable, attempts used up, quota spent). retry_after_ms is what the server asked
 * for (-1: nothing); dynamodb selects DynamoDB's shorter base delay. *cost receives the
 * quota taken (give it back with retry_success()). */
long retry_next(struct retry *r, int attempt, enum retry_kind kind, long retry_after_ms,
                bool dynamodb, int *cost);

/* A call succeeded: gives back cost (the last retry's), or 1 when it needed none. */
void retry_success(struct retry *r, int cost);

/* The delay a response asks for in ms, from "x-amz-retry-after" (ms) or "Retry-After"
 * (seconds, or an HTTP date compared with now in ms since the epoch); -1 when neither is
 * present or valid.
 * Either argument may be NULL. */
long retry_after_ms(const char *x_amz_retry_after, const char *retry_after, long long now);

/* The default random source: a xorshift generator seeded once from the clock and pid. */
double retry_rand_default(void *ctx);

#endif
