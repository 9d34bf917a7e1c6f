#include "aws/retry.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define RETRY_COST           5
#define TIMEOUT_COST         10
#define NO_RETRY_INCREMENT   1
#define RETRY_AFTER_EXTRA_MS 5000 /* botocore: x-amz-retry-after may add up to 5 s */

/* botocore ThrottledRetryableChecker._THROTTLED_ERROR_CODES */
static const char *const throttle_codes[] = {
	"Throttling",
	"ThrottlingException",
	"ThrottledException",
	"RequestThrottledException",
	"TooManyRequestsException",
	"ProvisionedThroughputExceededException",
	"TransactionInProgressException",
	"RequestLimitExceeded",
	"BandwidthLimitExceeded",
	"LimitExceededException",
	"RequestThrottled",
	"SlowDown",
	"PriorRequestNotComplete",
	"EC2ThrottledException",
};

/* botocore TransientRetryableChecker._TRANSIENT_ERROR_CODES */
static const char *const transient_codes[] = {
	"RequestTimeout",
	"RequestTimeoutException",
	"PriorRequestNotComplete",
};

/* Legacy mode's policies (botocore data/_retry.json, "__default__" and each service's by
 * endpoint prefix): a response is retried when its status matches and, where a code is
 * named, its error code too. */
static const struct {
	const char *service; /* NULL: every service */
	long status;
	const char *code; /* NULL: any */
} legacy_rules[] = {
	{ NULL, 429, NULL },
	{ NULL, 500, NULL },
	{ NULL, 502, NULL },
	{ NULL, 503, NULL },
	{ NULL, 504, NULL },
	{ NULL, 509, NULL },
	{ NULL, 400, "Throttling" },
	{ NULL, 400, "ThrottlingException" },
	{ NULL, 400, "ThrottledException" },
	{ NULL, 400, "RequestThrottledException" },
	{ NULL, 400, "ProvisionedThroughputExceededException" },
	{ "organizations", 400, "TooManyRequestsException" },
	{ "dynamodb", 409, "ReplicatedWriteConflictException" },
	{ "dynamodb", 400, "TransactionInProgressException" },
	{ "kinesis", 400, "LimitExceededException" },
	{ "sqs", 403, "RequestThrottled" },
	{ "s3", 400, "RequestTimeout" },
	{ "s3", 400, "BadDigest" },
	{ "glacier", 408, "RequestTimeoutException" },
	{ "route53", 400, "PriorRequestNotComplete" },
	{ "sts", 400, "IDPCommunicationError" },
};

void retry_quota_init(struct retry_quota *q)
{
	q->left = RETRY_QUOTA;
}

int retry_mode_parse(const char *word, enum retry_mode *out)
{
	if (!strcmp(word, "legacy"))
		*out = RETRY_LEGACY;
	else if (!strcmp(word, "standard") || !strcmp(word, "adaptive"))
		*out = RETRY_STANDARD;
	else
		return -1;
	return 0;
}

static bool in(const char *code, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(code, list[i]) == 0)
			return true;
	return false;
}

bool retry_is_throttle_code(const char *code)
{
	return code && in(code, throttle_codes, sizeof(throttle_codes) / sizeof(*throttle_codes));
}

static bool legacy_retries(const char *service, long status, const char *code)
{
	for (size_t i = 0; i < sizeof(legacy_rules) / sizeof(*legacy_rules); i++)
		if (legacy_rules[i].status == status &&
		    (!legacy_rules[i].service ||
		     (service && !strcmp(legacy_rules[i].service, service))) &&
		    (!legacy_rules[i].code || (code && !strcmp(legacy_rules[i].code, code))))
			return true;
	return false;
}

/* The standard mode's verdict on a response (TransientRetryableChecker,
 * ThrottledRetryableChecker and the STS special case). */
static enum retry_kind standard_kind(const char *service, long status, const char *code)
{
	if (retry_is_throttle_code(code) || status == 429)
		return RETRY_THROTTLE;
	if ((code &&
	     in(code, transient_codes, sizeof(transient_codes) / sizeof(*transient_codes))) ||
	    status == 500 || status == 502 || status == 503 || status == 504 ||
	    (service && !strcmp(service, "sts") && code && !strcmp(code, "IDPCommunicationError")))
		return RETRY_TRANSIENT;
	return RETRY_NO;
}

enum retry_kind retry_classify(enum retry_mode mode, const char *service, enum transport_fail fail,
                               long status, const char *code)
{
	enum retry_kind kind;

	switch (fail) {
	case TRANSPORT_OK: break;
	case TRANSPORT_CONNECT:
	case TRANSPORT_IO: return RETRY_TRANSIENT;
	case TRANSPORT_TIMEOUT: return RETRY_TIMEOUT;
	/* botocore retries TLS failures too; a certificate that is not trusted stays so. */
	case TRANSPORT_TLS:
	case TRANSPORT_OTHER: return RETRY_NO;
	}
	if (status >= 200 && status < 300)
		return RETRY_NO;
	kind = standard_kind(service, status, code);
	if (mode == RETRY_STANDARD)
		return kind;
	if (!legacy_retries(service, status, code))
		return RETRY_NO;
	/* Legacy mode retries it: the kind only decides whether Retry-After is honoured. */
	return kind == RETRY_NO ? RETRY_TRANSIENT : kind;
}

int retry_max_attempts(const struct retry_policy *p, const char *service)
{
	if (p->max_attempts > 0)
		return p->max_attempts;
	if (p->mode == RETRY_STANDARD)
		return 3;
	return service && !strcmp(service, "dynamodb") ? 10 : 5;
}

/* The wait before the next attempt without a server's wish, in ms. */
static double backoff_ms(const struct retry_policy *p, const char *service, int attempt)
{
	double growth = 1;

	for (int i = 1; i < attempt && growth < 1e9; i++)
		growth *= 2;
	if (p->mode == RETRY_STANDARD)
		return p->rand(p->rand_ctx) * (growth * 1000 < RETRY_MAX_BACKOFF_MS
		                                       ? growth * 1000
		                                       : RETRY_MAX_BACKOFF_MS);
	/* Legacy: no cap; DynamoDB's base is a fixed 50 ms, everyone else's a random second. */
	if (service && !strcmp(service, "dynamodb"))
		return 50 * growth;
	return p->rand(p->rand_ctx) * 1000 * growth;
}

long retry_next(const struct retry_policy *p, struct retry_quota *q, const char *service,
                int attempt, enum retry_kind kind, long retry_after, int *cost)
{
	double t;

	*cost = 0;
	if (kind == RETRY_NO || attempt >= retry_max_attempts(p, service))
		return -1;
	if (p->mode == RETRY_STANDARD && q) {
		int c = kind == RETRY_TIMEOUT ? TIMEOUT_COST : RETRY_COST;

		if (c > q->left)
			return -1;
		q->left -= c;
		*cost = c;
	}
	t = backoff_ms(p, service, attempt);
	if (retry_after >= 0) {
		double ra = (double)retry_after;

		if (ra > t + RETRY_AFTER_EXTRA_MS && ra > RETRY_MAX_BACKOFF_MS)
			ra = t + RETRY_AFTER_EXTRA_MS > RETRY_MAX_BACKOFF_MS
			             ? t + RETRY_AFTER_EXTRA_MS
			             : RETRY_MAX_BACKOFF_MS;
		if (ra > t)
			t = ra;
	}
	/* An hour at most: a wait longer than that means the attempt limit is set too high. */
	return t > 3600000 ? 3600000 : (long)t;
}

void retry_success(struct retry_quota *q, int cost)
{
	if (!q)
		return;
	q->left += cost > 0 ? cost : NO_RETRY_INCREMENT;
	if (q->left > RETRY_QUOTA)
		q->left = RETRY_QUOTA;
}

static int month_of(const char *m)
{
	static const char names[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	const char *p = strstr(names, m);

	return p && strlen(m) == 3 && (p - names) % 3 == 0 ? (int)(p - names) / 3 : -1;
}

long retry_after_ms(const char *x_amz_retry_after, const char *retry_after, long long now)
{
	char *end;

	if (x_amz_retry_after && *x_amz_retry_after) {
		long long v = strtoll(x_amz_retry_after, &end, 10);

		if (*end == '\0' && v >= 0)
			return v > 3600000 ? 3600000 : (long)v;
	}
	if (retry_after && *retry_after) {
		long long v = strtoll(retry_after, &end, 10);
		char wd[4], mon[4], zone[4];
		struct tm tm;
		int day, year, h, mi, s;

		if (end != retry_after && *end == '\0')
			return v < 0 ? -1 : v > 3600 ? 3600000 : (long)(v * 1000);
		/* IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT" */
		if (sscanf(retry_after, "%3s, %d %3s %d %d:%d:%d %3s", wd, &day, mon, &year, &h,
		           &mi, &s, zone) == 8 &&
		    month_of(mon) >= 0 && strcmp(zone, "GMT") == 0) {
			memset(&tm, 0, sizeof(tm));
			tm.tm_year = year - 1900;
			tm.tm_mon = month_of(mon);
			tm.tm_mday = day;
			tm.tm_hour = h;
			tm.tm_min = mi;
			tm.tm_sec = s;
			long long at = (long long)timegm(&tm) * 1000 - now;

			return at <= 0 ? 0 : at > 3600000 ? 3600000 : (long)at;
		}
	}
	return -1;
}

double retry_rand_default(void *ctx)
{
	static uint64_t state;

	(void)ctx;
	if (state == 0) {
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		state = ((uint64_t)ts.tv_nsec << 20) ^ (uint64_t)ts.tv_sec ^
		        ((uint64_t)getpid() << 40) ^ 0x9E3779B97F4A7C15ULL;
	}
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return (double)(state >> 11) / 9007199254740992.0;
}
