/* The standard retry mode: which failures are retried, how long the client waits (full
 * jitter on a capped exponential), the attempt limit, the quota, and Retry-After. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "aws/retry.h"

/* An injected random source: returns the value it points at. */
static double fixed(void *ctx)
{
	return *(double *)ctx;
}

static void test_classify(void **state)
{
	(void)state;
	/* Throttling in each protocol's words, and HTTP 429. */
	assert_int_equal(retry_classify(TRANSPORT_OK, 400, "Throttling"), RETRY_THROTTLE);
	assert_int_equal(retry_classify(TRANSPORT_OK, 503, "RequestLimitExceeded"), RETRY_THROTTLE);
	assert_int_equal(retry_classify(TRANSPORT_OK, 400, "ThrottlingException"), RETRY_THROTTLE);
	assert_int_equal(retry_classify(TRANSPORT_OK, 503, "SlowDown"), RETRY_THROTTLE);
	assert_int_equal(
	        retry_classify(TRANSPORT_OK, 400, "ProvisionedThroughputExceededException"),
	        RETRY_THROTTLE);
	assert_int_equal(retry_classify(TRANSPORT_OK, 429, NULL), RETRY_THROTTLE);
	/* Transient: 5xx whatever the code, the transient codes, broken connections. */
	assert_int_equal(retry_classify(TRANSPORT_OK, 500, "InternalError"), RETRY_TRANSIENT);
	assert_int_equal(retry_classify(TRANSPORT_OK, 503, ""), RETRY_TRANSIENT);
	assert_int_equal(retry_classify(TRANSPORT_OK, 502, NULL), RETRY_TRANSIENT);
	assert_int_equal(retry_classify(TRANSPORT_OK, 400, "RequestTimeout"), RETRY_TRANSIENT);
	assert_int_equal(retry_classify(TRANSPORT_IO, 0, NULL), RETRY_TRANSIENT);
	assert_int_equal(retry_classify(TRANSPORT_CONNECT, 0, NULL), RETRY_TRANSIENT);
	assert_int_equal(retry_classify(TRANSPORT_TIMEOUT, 0, NULL), RETRY_TIMEOUT);
	/* Not retried: success, the caller's faults, TLS, and 501 (not implemented). */
	assert_int_equal(retry_classify(TRANSPORT_OK, 200, NULL), RETRY_NO);
	assert_int_equal(retry_classify(TRANSPORT_OK, 403, "AccessDenied"), RETRY_NO);
	assert_int_equal(retry_classify(TRANSPORT_OK, 400, "ExpiredToken"), RETRY_NO);
	assert_int_equal(retry_classify(TRANSPORT_OK, 403, "SignatureDoesNotMatch"), RETRY_NO);
	assert_int_equal(retry_classify(TRANSPORT_OK, 404, "NoSuchBucket"), RETRY_NO);
	assert_int_equal(retry_classify(TRANSPORT_OK, 501, NULL), RETRY_NO);
	assert_int_equal(retry_classify(TRANSPORT_TLS, 0, NULL), RETRY_NO);
}

static void test_backoff_full_jitter(void **state)
{
	double r = 0.999999;
	struct retry rt;
	int cost;

	(void)state;
	retry_init(&rt, 10, fixed, &r);
	/* Throttling: base 1 s, doubling per attempt, capped at 20 s; the jitter scales it. */
	assert_int_equal(retry_next(&rt, 1, RETRY_THROTTLE, -1, false, &cost) / 10, 99);
	assert_int_equal(retry_next(&rt, 2, RETRY_THROTTLE, -1, false, &cost) / 10, 199);
	assert_int_equal(retry_next(&rt, 3, RETRY_THROTTLE, -1, false, &cost) / 10, 399);
	assert_int_equal(retry_next(&rt, 6, RETRY_THROTTLE, -1, false, &cost) / 10, 1999);
	assert_int_equal(retry_next(&rt, 9, RETRY_THROTTLE, -1, false, &cost) / 10, 1999);
	/* Other transient errors: base 50 ms (25 ms for DynamoDB). */
	assert_int_equal(retry_next(&rt, 1, RETRY_TRANSIENT, -1, false, &cost), 49);
	assert_int_equal(retry_next(&rt, 3, RETRY_TRANSIENT, -1, false, &cost), 199);
	assert_int_equal(retry_next(&rt, 1, RETRY_TRANSIENT, -1, true, &cost), 24);
	/* Full jitter: a draw of 0 means no wait at all. */
	r = 0;
	assert_int_equal(retry_next(&rt, 4, RETRY_THROTTLE, -1, false, &cost), 0);
}

static void test_attempt_limit(void **state)
{
	struct retry rt;
	int cost;

	(void)state;
	retry_init(&rt, 0, NULL, NULL);
	assert_int_equal(rt.max_attempts, RETRY_MAX_ATTEMPTS);
	assert_true(retry_next(&rt, 1, RETRY_TRANSIENT, -1, false, &cost) >= 0);
	assert_true(retry_next(&rt, 2, RETRY_TRANSIENT, -1, false, &cost) >= 0);
	assert_int_equal(retry_next(&rt, 3, RETRY_TRANSIENT, -1, false, &cost), -1);
	assert_int_equal(cost, 0);
	assert_int_equal(retry_next(&rt, 1, RETRY_NO, -1, false, &cost), -1);
	/* The default random source stays in [0, 1). */
	for (int i = 0; i < 1000; i++) {
		double v = retry_rand_default(NULL);

		assert_true(v >= 0 && v < 1);
	}
}

static void test_quota(void **state)
{
	double r = 0.5;
	struct retry rt;
	int cost, retries = 0;

	(void)state;
	retry_init(&rt, 1000, fixed, &r);
	/* 500 units: 100 retries of 5, or 50 timeouts of 10, then no more. */
	while (retry_next(&rt, 1, RETRY_TRANSIENT, -1, false, &cost) >= 0)
		retries++;
	assert_int_equal(retries, 100);
	assert_int_equal(rt.quota, 0);
	/* Success after a retry gives its cost back; a first-try success adds 1. */
	retry_success(&rt, 5);
	assert_int_equal(rt.quota, 5);
	retry_success(&rt, 0);
	assert_int_equal(rt.quota, 6);
	assert_true(retry_next(&rt, 1, RETRY_TRANSIENT, -1, false, &cost) >= 0);
	assert_int_equal(cost, 5);
	assert_int_equal(retry_next(&rt, 1, RETRY_TIMEOUT, -1, false, &cost), -1);
	for (int i = 0; i < 1000; i++)
		retry_success(&rt, 10);
	assert_int_equal(rt.quota, RETRY_QUOTA);
}

static void test_retry_after(void **state)
{
	double r = 0.1;
	struct retry rt;
	int cost;

	(void)state;
	assert_int_equal(retry_after_ms("1500", NULL, 0), 1500);
	assert_int_equal(retry_after_ms(NULL, "3", 0), 3000);
	assert_int_equal(retry_after_ms("junk", "2", 0), 2000);
	assert_int_equal(retry_after_ms(NULL, NULL, 0), -1);
	assert_int_equal(retry_after_ms(NULL, "soon", 0), -1);
	assert_int_equal(retry_after_ms(NULL, "-4", 0), -1);
	/* An HTTP date, relative to now (1994-11-06 08:49:30 UTC). */
	assert_int_equal(retry_after_ms(NULL, "Sun, 06 Nov 1994 08:49:37 GMT", 784111770LL * 1000),
	                 7000);
	retry_init(&rt, 3, fixed, &r);
	/* The server's wish wins over a shorter jittered delay … */
	assert_int_equal(retry_next(&rt, 1, RETRY_THROTTLE, 3000, false, &cost), 3000);
	/* … but not a shorter one, and not without bound. */
	assert_int_equal(retry_next(&rt, 1, RETRY_THROTTLE, 10, false, &cost), 100);
	assert_int_equal(retry_next(&rt, 1, RETRY_THROTTLE, 3600000, false, &cost), 20000);
	/* Asking to wait does not make a non-retryable error retryable. */
	assert_int_equal(retry_next(&rt, 1, RETRY_NO, 1000, false, &cost), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classify),      cmocka_unit_test(test_backoff_full_jitter),
		cmocka_unit_test(test_attempt_limit), cmocka_unit_test(test_quota),
		cmocka_unit_test(test_retry_after),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
