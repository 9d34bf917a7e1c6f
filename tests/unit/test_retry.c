/* The two retry modes: which failures each retries, how long the client waits, the attempt
 * limits, the standard mode's quota, and Retry-After. (tests/cli/test_aws_botocore.sh
 * compares the same decisions with botocore's own handlers.) */
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

static void test_classify_standard(void **state)
{
	const enum retry_mode m = RETRY_STANDARD;

	(void)state;
	/* Throttling in each protocol's words, and HTTP 429. */
	assert_int_equal(retry_classify(m, "sqs", TRANSPORT_OK, 400, "Throttling"), RETRY_THROTTLE);
	assert_int_equal(retry_classify(m, "ec2", TRANSPORT_OK, 503, "RequestLimitExceeded"),
	                 RETRY_THROTTLE);
	assert_int_equal(retry_classify(m, "s3", TRANSPORT_OK, 503, "SlowDown"), RETRY_THROTTLE);
	assert_int_equal(retry_classify(m, "lambda", TRANSPORT_OK, 429, NULL), RETRY_THROTTLE);
	/* Transient: 5xx whatever the code, the transient codes, broken connections. */
	assert_int_equal(retry_classify(m, "ec2", TRANSPORT_OK, 500, "InternalError"),
	                 RETRY_TRANSIENT);
	assert_int_equal(retry_classify(m, "ec2", TRANSPORT_OK, 503, ""), RETRY_TRANSIENT);
	assert_int_equal(retry_classify(m, "ec2", TRANSPORT_OK, 400, "RequestTimeout"),
	                 RETRY_TRANSIENT);
	assert_int_equal(retry_classify(m, "sts", TRANSPORT_OK, 400, "IDPCommunicationError"),
	                 RETRY_TRANSIENT);
	assert_int_equal(retry_classify(m, "iam", TRANSPORT_OK, 400, "IDPCommunicationError"),
	                 RETRY_NO);
	assert_int_equal(retry_classify(m, "ec2", TRANSPORT_IO, 0, NULL), RETRY_TRANSIENT);
	assert_int_equal(retry_classify(m, "ec2", TRANSPORT_CONNECT, 0, NULL), RETRY_TRANSIENT);
	assert_int_equal(retry_classify(m, "ec2", TRANSPORT_TIMEOUT, 0, NULL), RETRY_TIMEOUT);
	/* Not retried: success, the caller's faults, TLS, and 501 (not implemented). */
	assert_int_equal(retry_classify(m, "ec2", TRANSPORT_OK, 200, NULL), RETRY_NO);
	assert_int_equal(retry_classify(m, "ec2", TRANSPORT_OK, 403, "AccessDenied"), RETRY_NO);
	assert_int_equal(retry_classify(m, "ec2", TRANSPORT_OK, 400, "ExpiredToken"), RETRY_NO);
	assert_int_equal(retry_classify(m, "ec2", TRANSPORT_OK, 501, NULL), RETRY_NO);
	assert_int_equal(retry_classify(m, "ec2", TRANSPORT_TLS, 0, NULL), RETRY_NO);
}

static void test_classify_legacy(void **state)
{
	const enum retry_mode m = RETRY_LEGACY;

	(void)state;
	/* Status and code must both match _retry.json's pair. */
	assert_int_equal(retry_classify(m, "rds", TRANSPORT_OK, 400, "Throttling"), RETRY_THROTTLE);
	assert_int_equal(retry_classify(m, "rds", TRANSPORT_OK, 403, "Throttling"), RETRY_NO);
	/* Codes the standard mode retries anywhere, legacy only for their service. */
	assert_int_equal(retry_classify(m, "lambda", TRANSPORT_OK, 400, "TooManyRequestsException"),
	                 RETRY_NO);
	assert_int_equal(
	        retry_classify(m, "organizations", TRANSPORT_OK, 400, "TooManyRequestsException"),
	        RETRY_THROTTLE);
	assert_int_equal(retry_classify(m, "sqs", TRANSPORT_OK, 403, "RequestThrottled"),
	                 RETRY_THROTTLE);
	assert_int_equal(retry_classify(m, "ec2", TRANSPORT_OK, 400, "RequestTimeout"), RETRY_NO);
	assert_int_equal(retry_classify(m, "s3", TRANSPORT_OK, 400, "RequestTimeout"),
	                 RETRY_TRANSIENT);
	/* Statuses alone: 429, 500, 502, 503, 504, and 509 (which standard does not retry). */
	assert_int_equal(retry_classify(m, "ec2", TRANSPORT_OK, 509, NULL), RETRY_TRANSIENT);
	assert_int_equal(retry_classify(RETRY_STANDARD, "ec2", TRANSPORT_OK, 509, NULL), RETRY_NO);
	assert_int_equal(retry_classify(m, "ec2", TRANSPORT_OK, 503, "SlowDown"), RETRY_THROTTLE);
	assert_int_equal(retry_classify(m, "ec2", TRANSPORT_OK, 501, NULL), RETRY_NO);
	/* Broken and timed-out connections, as botocore's GENERAL_CONNECTION_ERROR. */
	assert_int_equal(retry_classify(m, "ec2", TRANSPORT_IO, 0, NULL), RETRY_TRANSIENT);
	assert_int_equal(retry_classify(m, "ec2", TRANSPORT_TIMEOUT, 0, NULL), RETRY_TIMEOUT);
}

static void test_backoff(void **state)
{
	double r = 0.999999;
	struct retry_policy p = { RETRY_STANDARD, 10, fixed, &r };
	int cost;

	(void)state;
	/* Standard: 1 s doubling per attempt, capped at 20 s, scaled by the jitter; throttling
	 * or not. */
	assert_int_equal(retry_next(&p, NULL, "ec2", 1, RETRY_THROTTLE, -1, &cost) / 10, 99);
	assert_int_equal(retry_next(&p, NULL, "ec2", 2, RETRY_TRANSIENT, -1, &cost) / 10, 199);
	assert_int_equal(retry_next(&p, NULL, "ec2", 3, RETRY_TIMEOUT, -1, &cost) / 10, 399);
	assert_int_equal(retry_next(&p, NULL, "ec2", 6, RETRY_THROTTLE, -1, &cost) / 10, 1999);
	assert_int_equal(retry_next(&p, NULL, "ec2", 9, RETRY_THROTTLE, -1, &cost) / 10, 1999);
	/* Legacy: the same doubling without a cap; DynamoDB 50 ms doubling without jitter. */
	p.mode = RETRY_LEGACY;
	assert_int_equal(retry_next(&p, NULL, "ec2", 6, RETRY_THROTTLE, -1, &cost) / 10, 3199);
	assert_int_equal(retry_next(&p, NULL, "ec2", 9, RETRY_THROTTLE, -1, &cost) / 10, 25599);
	r = 0;
	assert_int_equal(retry_next(&p, NULL, "dynamodb", 1, RETRY_TRANSIENT, -1, &cost), 50);
	assert_int_equal(retry_next(&p, NULL, "dynamodb", 4, RETRY_TRANSIENT, -1, &cost), 400);
	/* Full jitter: a draw of 0 means no wait at all. */
	assert_int_equal(retry_next(&p, NULL, "ec2", 4, RETRY_THROTTLE, -1, &cost), 0);
}

static void test_attempt_limit(void **state)
{
	struct retry_policy p = { RETRY_LEGACY, 0, retry_rand_default, NULL };
	int cost;

	(void)state;
	/* The aws CLI v1's legacy mode: 5 attempts, 10 for DynamoDB; standard: 3. */
	assert_int_equal(retry_max_attempts(&p, "ec2"), 5);
	assert_int_equal(retry_max_attempts(&p, "dynamodb"), 10);
	assert_true(retry_next(&p, NULL, "ec2", 4, RETRY_TRANSIENT, -1, &cost) >= 0);
	assert_int_equal(retry_next(&p, NULL, "ec2", 5, RETRY_TRANSIENT, -1, &cost), -1);
	assert_true(retry_next(&p, NULL, "dynamodb", 9, RETRY_TRANSIENT, -1, &cost) >= 0);
	assert_int_equal(retry_next(&p, NULL, "dynamodb", 10, RETRY_TRANSIENT, -1, &cost), -1);
	assert_int_equal(cost, 0);
	p.mode = RETRY_STANDARD;
	assert_int_equal(retry_max_attempts(&p, "dynamodb"), 3);
	/* A configured limit wins in either mode. */
	p.max_attempts = 2;
	assert_int_equal(retry_max_attempts(&p, "dynamodb"), 2);
	assert_true(retry_next(&p, NULL, "ec2", 1, RETRY_TRANSIENT, -1, &cost) >= 0);
	assert_int_equal(retry_next(&p, NULL, "ec2", 2, RETRY_TRANSIENT, -1, &cost), -1);
	assert_int_equal(retry_next(&p, NULL, "ec2", 1, RETRY_NO, -1, &cost), -1);
	/* The default random source stays in [0, 1). */
	for (int i = 0; i < 1000; i++) {
		double v = retry_rand_default(NULL);

		assert_true(v >= 0 && v < 1);
	}
}

static void test_mode_words(void **state)
{
	enum retry_mode m = RETRY_STANDARD;

	(void)state;
	assert_int_equal(retry_mode_parse("legacy", &m), 0);
	assert_int_equal(m, RETRY_LEGACY);
	assert_int_equal(retry_mode_parse("standard", &m), 0);
	assert_int_equal(m, RETRY_STANDARD);
	m = RETRY_LEGACY;
	assert_int_equal(retry_mode_parse("adaptive", &m), 0);
	assert_int_equal(m, RETRY_STANDARD);
	/* botocore's words only, as it refuses "Standard". */
	assert_int_equal(retry_mode_parse("Standard", &m), -1);
	assert_int_equal(retry_mode_parse("", &m), -1);
}

static void test_quota(void **state)
{
	double r = 0.5;
	struct retry_policy p = { RETRY_STANDARD, 1000, fixed, &r };
	struct retry_quota q;
	int cost, retries = 0;

	(void)state;
	retry_quota_init(&q);
	/* 500 units: 100 retries of 5, or 50 timeouts of 10, then no more. */
	while (retry_next(&p, &q, "ec2", 1, RETRY_TRANSIENT, -1, &cost) >= 0)
		retries++;
	assert_int_equal(retries, 100);
	assert_int_equal(q.left, 0);
	/* Success after a retry gives its cost back; a first-try success adds 1. */
	retry_success(&q, 5);
	assert_int_equal(q.left, 5);
	retry_success(&q, 0);
	assert_int_equal(q.left, 6);
	assert_true(retry_next(&p, &q, "ec2", 1, RETRY_TRANSIENT, -1, &cost) >= 0);
	assert_int_equal(cost, 5);
	assert_int_equal(retry_next(&p, &q, "ec2", 1, RETRY_TIMEOUT, -1, &cost), -1);
	for (int i = 0; i < 1000; i++)
		retry_success(&q, 10);
	assert_int_equal(q.left, RETRY_QUOTA);
	/* Legacy mode takes nothing from a quota. */
	p.mode = RETRY_LEGACY;
	assert_true(retry_next(&p, &q, "ec2", 1, RETRY_TRANSIENT, -1, &cost) >= 0);
	assert_int_equal(cost, 0);
	assert_int_equal(q.left, RETRY_QUOTA);
}

static void test_retry_after(void **state)
{
	double r = 0.1;
	struct retry_policy p = { RETRY_STANDARD, 3, fixed, &r };
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
	/* The server's wish wins over a shorter jittered delay … */
	assert_int_equal(retry_next(&p, NULL, "sqs", 1, RETRY_THROTTLE, 3000, &cost), 3000);
	/* … but not a shorter one, and not without bound. */
	assert_int_equal(retry_next(&p, NULL, "sqs", 1, RETRY_THROTTLE, 10, &cost), 100);
	assert_int_equal(retry_next(&p, NULL, "sqs", 1, RETRY_THROTTLE, 3600000, &cost), 20000);
	/* Asking to wait does not make a non-retryable error retryable. */
	assert_int_equal(retry_next(&p, NULL, "sqs", 1, RETRY_NO, 1000, &cost), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classify_standard), cmocka_unit_test(test_classify_legacy),
		cmocka_unit_test(test_backoff),           cmocka_unit_test(test_attempt_limit),
		cmocka_unit_test(test_mode_words),        cmocka_unit_test(test_quota),
		cmocka_unit_test(test_retry_after),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
