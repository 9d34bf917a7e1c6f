/* Workload field validators: the same rules for the loader and the wizard's form. */
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/workload.h"

static void test_duration_valid(void **state)
{
	static const struct {
		const char *s;
		long secs;
	} ok[] = {
		{ "30s", 30 },
		{ "15m", 900 },
		{ "4h", 14400 },
		{ "2d", 172800 },
		{ "0s", 0 },
		{ "1d", 86400 },
		{ "90m", 5400 },
		{ "007h", 25200 },
		/* Every form `calc` reads. */
		{ "1h30m", 5400 },
		{ "4 hours", 14400 },
		{ "4 h", 14400 },
		{ " 4H ", 14400 },
		{ "4hr", 14400 },
		{ "1w", 604800 },
		{ "1.5h", 5400 },
		{ "1 hour and 30 minutes", 5400 },
		{ "2 days, 4 hours", 187200 },
	};
	(void)state;

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		long secs = -1;
		if (workload_parse_duration(ok[i].s, &secs) != 0)
			fail_msg("'%s' refused", ok[i].s);
		assert_int_equal(secs, ok[i].secs);
	}
}

static void test_duration_invalid(void **state)
{
	/* clang-format off */
	static const char *const bad[] = {
		"", "s", "4", "-1h", "+1h", "h4", "4 parsecs", "1.5s", "4h x",
		"99999999999999999999s", "999999999999999999d", "101 years",
	};
	/* clang-format on */
	(void)state;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		long secs = 42;
		if (workload_parse_duration(bad[i], &secs) == 0)
			fail_msg("'%s' accepted", bad[i]);
		assert_int_equal(secs, 42); /* untouched on failure */
	}
	assert_int_equal(workload_parse_duration(NULL, &(long){ 0 }), -1);
}

static void test_account_parse(void **state)
{
	static const char *const bad[] = {
		"",
		"11112222333",
		"1111222233334",
		"1111-2222-333x",
		"-111122223333",
		"111122223333-",
		"1111--2222-3333",
		"1111 2222 3333",
		"aaaabbbbcccc",
		" 111122223333",
		"12345678901a",
	};
	char id[13] = "untouched";
	(void)state;

	assert_int_equal(workload_parse_account("111122223333", id), 0);
	assert_string_equal(id, "111122223333");
	assert_int_equal(workload_parse_account("1111-2222-3333", id), 0);
	assert_string_equal(id, "111122223333");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (workload_parse_account(bad[i], id) == 0)
			fail_msg("'%s' accepted", bad[i]);
}

static void test_participant(void **state)
{
	static const char *const cases[][3] = {
		{ "Ravi Kumar [ops]", "Ravi Kumar", "ops" },
		{ "  Ana Lima (facilitator) ", "Ana Lima", "facilitator" },
		{ "Bo Chen: SRE", "Bo Chen", "SRE" },
		{ "Mei", "Mei", NULL },
		{ "Mei []", "Mei", NULL },
		{ "Jo [team (blue)]", "Jo", "team (blue)" },
	};
	char *name, *role, msg[200];
	(void)state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (workload_parse_participant(cases[i][0], &name, &role, msg, sizeof(msg)))
			fail_msg("'%s' refused: %s", cases[i][0], msg);
		assert_string_equal(name, cases[i][1]);
		if (cases[i][2])
			assert_string_equal(role, cases[i][2]);
		else
			assert_null(role);
		free(name);
		free(role);
	}
	assert_int_equal(workload_parse_participant("[ops]", &name, &role, msg, sizeof(msg)), -1);
	assert_string_equal(msg, "'[ops]' has no name");
	assert_null(name);
	assert_int_equal(workload_parse_participant("Ravi ops]", &name, &role, msg, sizeof(msg)),
	                 -1);
	assert_non_null(strstr(msg, "in brackets after the name"));
}

static void test_availability(void **state)
{
	(void)state;
	assert_true(workload_valid_availability(99.95));
	assert_true(workload_valid_availability(0.001));
	assert_true(workload_valid_availability(99.99999));
	assert_false(workload_valid_availability(0));
	assert_false(workload_valid_availability(100));
	assert_false(workload_valid_availability(-1));
	assert_false(workload_valid_availability(150));
	assert_false(workload_valid_availability(NAN));
	assert_false(workload_valid_availability(INFINITY));
}

static void test_region_valid(void **state)
{
	static const char *const ok[] = {
		"eu-west-1",      "eu-central-1",   "us-east-1",     "us-west-2",
		"ap-southeast-2", "ap-northeast-3", "sa-east-1",     "me-central-1",
		"il-central-1",   "ca-west-1",      "us-gov-west-1", "us-gov-east-1",
		"cn-north-1",     "cn-northwest-1", "us-iso-east-1", "us-isob-east-1",
		"eu-isoe-west-1", "ap-south-12",
	};
	(void)state;

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (!workload_valid_region(ok[i]))
			fail_msg("'%s' refused", ok[i]);
}

static void test_region_invalid(void **state)
{
	/* clang-format off */
	static const char *const bad[] = {
		"", "eu", "eu-west", "eu-west-", "EU-WEST-1", "eu-wset-1", "eu_west_1",
		"euwest1", "eu-west-0", "eu-west-01", "eu-west-123", "e-west-1", "eur-west-1",
		"eu-west-1a", "eu-west-1 ", " eu-west-1", "us-gov-1", "us-gov-wes-1",
		"eu--west-1", "eu-west-x", "us-iso-1", "us-isoxx-east-1",
	};
	/* clang-format on */
	(void)state;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (workload_valid_region(bad[i]))
			fail_msg("'%s' accepted", bad[i]);
	assert_false(workload_valid_region(NULL));
}

static void test_choices(void **state)
{
	static const char *const envs[] = {
		"production", "pre-production", "development", "test", "other",
	};
	static const char *const crits[] = { "critical", "high", "medium", "low" };
	size_t n = 0;
	(void)state;

	for (size_t i = 0; i < 5; i++)
		assert_true(workload_valid_environment(envs[i]));
	for (size_t i = 0; i < 4; i++)
		assert_true(workload_valid_criticality(crits[i]));
	assert_false(workload_valid_environment("prod"));
	assert_false(workload_valid_environment("Production"));
	assert_false(workload_valid_environment(""));
	assert_false(workload_valid_criticality("urgent"));
	assert_false(workload_valid_criticality("High"));
	assert_false(workload_valid_criticality(NULL));
	/* The lists the form offers are exactly the accepted values, in this order. */
	for (; workload_environments[n]; n++)
		assert_string_equal(workload_environments[n], envs[n]);
	assert_int_equal(n, 5);
	for (n = 0; workload_criticalities[n]; n++)
		assert_string_equal(workload_criticalities[n], crits[n]);
	assert_int_equal(n, 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_duration_valid), cmocka_unit_test(test_duration_invalid),
		cmocka_unit_test(test_account_parse),  cmocka_unit_test(test_participant),
		cmocka_unit_test(test_availability),   cmocka_unit_test(test_region_valid),
		cmocka_unit_test(test_region_invalid), cmocka_unit_test(test_choices),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
