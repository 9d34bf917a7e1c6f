#include "aws/retry.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define THROTTLE_BASE_MS     1000.0
#define BASE_MS              50.0
#define DYNAMODB_BASE_MS     25.0
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

void retry_init(struct retry *r, int max_attempts, retry_rand_fn rand, void *rand_ctx)
{
	r->max_attempts = max_attempts > 0 ? max_attempts : RETRY_MAX_ATTEMPTS;
	r->rand = rand ? rand : retry_rand_default;
	r->rand_ctx = rand_ctx;
	r->quota = RETRY_QUOTA;
	r->base_scale_ms = BASE_MS;
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

enum retry_kind retry_classify(enum transport_fail fail, long status, const char *code)
{
	switch (fail) {
	case TRANSPORT_OK: break;
	case TRANSPORT_CONNECT:
	case TRANSPORT_IO: return RETRY_TRANSIENT;
	case TRANSPORT_TIMEOUT: return RETRY_TIMEOUT;
	case TRANSPORT_TLS:
	case TRANSPORT_OTHER: return RETRY_NO;
	}
	if (status >= 200 && status < 300)
		return RETRY_NO;
	if (retry_is_throttle_code(code) || status == 429)
		return RETRY_THROTTLE;
	if ((code &&
	     in(code, transient_codes, sizeof(transient_codes) / sizeof(*transient_codes))) ||
	    status == 500 || status == 502 || status == 503 || status == 504)
		return RETRY_TRANSIENT;
	return RETRY_NO;
}

long retry_next(struct retry *r, int attempt, enum retry_kind kind, long retry_after, bool dynamodb,
                int *cost)
{
	double scale, cap, t;
	int c;

	*cost = 0;
	if (kind == RETRY_NO || attempt >= r->max_attempts)
		return -1;
	c = kind == RETRY_TIMEOUT ? TIMEOUT_COST : RETRY_COST;
	if (c > r->quota)
		return -1;
	r->quota -= c;
	*cost = c;
	scale = kind == RETRY_THROTTLE ? THROTTLE_BASE_MS
	        : dynamodb             ? DYNAMODB_BASE_MS
	                               : r->base_scale_ms;
	cap = scale;
	for (int i = 1; i < attempt && cap < RETRY_MAX_BACKOFF_MS; i++)
		cap *= 2;
	if (cap > RETRY_MAX_BACKOFF_MS)
		cap = RETRY_MAX_BACKOFF_MS;
	t = r->rand(r->rand_ctx) * cap;
	if (retry_after >= 0) {
		double ra = (double)retry_after;

		if (ra > t + RETRY_AFTER_EXTRA_MS && ra > RETRY_MAX_BACKOFF_MS)
			ra = t + RETRY_AFTER_EXTRA_MS > RETRY_MAX_BACKOFF_MS
			             ? t + RETRY_AFTER_EXTRA_MS
			             : RETRY_MAX_BACKOFF_MS;
		if (ra > t)
			t = ra;
	}
	return (long)t;
}

void retry_success(struct retry *r, int cost)
{
	r->quota += cost > 0 ? cost : NO_RETRY_INCREMENT;
	if (r->quota > RETRY_QUOTA)
		r->quota = RETRY_QUOTA;
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
