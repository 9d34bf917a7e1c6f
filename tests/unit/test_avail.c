/* The availability calculator: expressions (and the column of every kind of bad input),
 * downtime, MTBF/MTTR, the tiers table, and the text forms of figures and durations.
 * Expected values are derived by hand in the comments, never taken from the code's output. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "model/avail.h"

static double eval_ok(const char *expr)
{
	struct wa_err err;
	double v = -1;

	err_clear(&err);
	if (avail_eval(expr, &v, &err) != 0)
		fail_msg("'%s' refused: %s (column %d)", expr, err.msg, err.col);
	return v;
}

static void assert_near(double got, double want, double tol)
{
	if (!(fabs(got - want) <= tol))
		fail_msg("got %.17g, expected %.17g (tolerance %g)", got, want, tol);
}

/* The pillar guide's own worked examples. */
static void test_guide_examples(void **state)
{
	(void)state;
	/* Three 99.9% components in series: 0.999^2 = 0.998001, times 0.999 is
	 * 0.998001 - 0.000998001 = 0.997002999, "99.7%". */
	assert_near(eval_ok("0.999 * 0.999 * 0.999"), 0.997002999, 1e-15);
	assert_near(eval_ok("99.9% * 99.9% * 99.9%"), 0.997002999, 1e-15);
	assert_near(eval_ok("99.9%^3"), 0.997002999, 1e-15);
	assert_near(eval_ok("99.9 * 99.9 * 99.9"), 0.997002999, 1e-15);
	/* Two 99.9% copies in parallel: 1 - (0.001)^2 = 1 - 0.000001 = 0.999999. */
	assert_near(eval_ok("0.999 | 0.999"), 0.999999, 1e-15);
	assert_near(eval_ok("99.9% | 99.9%"), 0.999999, 1e-15);
	/* The mixed example: 0.9999 * 0.999999 = 0.9998990001; times 0.9995 subtracts
	 * 0.9998990001 * 0.0005 = 0.00049994950005, leaving 0.99939905059995. */
	assert_near(eval_ok("0.9999 * (0.999 | 0.999) * 0.9995"), 0.99939905059995, 1e-15);
	assert_near(eval_ok("99.99% * (99.9 | 0.999) * 99.95"), 0.99939905059995, 1e-15);
}

static void test_precedence_and_forms(void **state)
{
	(void)state;
	/* '*' binds tighter: 0.9 * 0.9 | 0.5 = 0.81 | 0.5 = 1 - 0.19 * 0.5 = 0.905. */
	assert_near(eval_ok("0.9 * 0.9 | 0.5"), 0.905, 1e-15);
	/* Parenthesised the other way: 0.9 * (0.9 | 0.5) = 0.9 * 0.95 = 0.855. */
	assert_near(eval_ok("0.9 * (0.9 | 0.5)"), 0.855, 1e-15);
	/* Three-way parallel: 1 - 0.1^3 = 0.999. */
	assert_near(eval_ok("0.9|0.9|0.9"), 0.999, 1e-15);
	assert_near(eval_ok("(0.9)^3"), 0.729, 1e-15);
	assert_near(eval_ok("(0.9 | 0.9)^2"), 0.9801, 1e-15);
	assert_near(eval_ok("  ((( 0.5 )))  "), 0.5, 0);
	assert_near(eval_ok(".5"), 0.5, 0);
	assert_near(eval_ok("1"), 1, 0);
	assert_near(eval_ok("0"), 0, 0);
	assert_near(eval_ok("100%"), 1, 0);
	assert_near(eval_ok("100"), 1, 0);
	assert_near(eval_ok("50 %"), 0.5, 0);
	assert_near(eval_ok("0.5%"), 0.005, 1e-18);
	assert_near(eval_ok("1.5"), 0.015, 1e-17); /* above 1: a percentage */
	assert_near(eval_ok("0 | 0.5"), 0.5, 0);
	assert_near(eval_ok("1 * 0.3"), 0.3, 0);
}

struct bad {
	const char *expr;
	int col;
	const char *msg; /* part of the message */
};

static void test_bad_columns(void **state)
{
	static const struct bad bad[] = {
		{ "", 1, "empty" },
		{ "   ", 4, "empty" },
		{ "0.9 *", 6, "found the end of the expression" },
		{ "0.9 ** 0.8", 6, "found '*'" },
		{ "0.9 0.8", 5, "expected '*', '|' or the end, found '0'" },
		{ "(0.9 | 0.8", 11, "expected ')' to close the '(' at column 1" },
		{ "0.9 * (0.9 | (0.8 * 0.7)", 25, "'(' at column 7" },
		{ "0.9)", 4, "found ')'" },
		{ "abc", 1, "expected a number or '(', found 'a'" },
		{ "0.9 * x", 7, "found 'x'" },
		{ "120", 1, "neither a fraction" },
		{ "0.9 * 101%", 7, "above 100%" },
		{ "-0.5", 1, "cannot be negative" },
		{ "0.9 * -0.5", 7, "cannot be negative" },
		{ "0.9 ^", 6, "whole number of copies" },
		{ "0.9^0", 5, "1 to 1000 copies" },
		{ "0.9^1.5", 5, "whole number" },
		{ "0.9^5000", 5, "1 to 1000" },
		{ "()", 2, "found ')'" },
		{ "0.9 | | 0.8", 7, "found '|'" },
		{ ".", 1, "digit" },
		{ "%", 1, "found '%'" },
		/* Columns count characters, not bytes: "×" is two bytes, one column. */
		{ "0.9 × 0.8", 5, "found '×'" },
		{ "é 0.9", 1, "found 'é'" },
	};
	(void)state;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct wa_err err;
		double v = 42;

		err_clear(&err);
		if (avail_eval(bad[i].expr, &v, &err) != -1)
			fail_msg("'%s' accepted as %g", bad[i].expr, v);
		if (err.col != bad[i].col || err.line != 1 || !strstr(err.msg, bad[i].msg))
			fail_msg("'%s': got column %d '%s', expected column %d with '%s'",
			         bad[i].expr, err.col, err.msg, bad[i].col, bad[i].msg);
		assert_string_equal(err.where, "expression");
	}
}

static void test_deep_nesting_refused(void **state)
{
	char expr[2000];
	struct wa_err err;
	double v;
	size_t n = 0;
	(void)state;

	for (int i = 0; i < 500; i++)
		expr[n++] = '(';
	expr[n++] = '1';
	for (int i = 0; i < 500; i++)
		expr[n++] = ')';
	expr[n] = '\0';
	err_clear(&err);
	assert_int_equal(avail_eval(expr, &v, &err), -1);
	assert_non_null(strstr(err.msg, "nested"));
	/* A hundred levels is fine. */
	assert_near(eval_ok("((((((((((((((((((((((((((((((((((((((((((((((((((0.5"
	                    "))))))))))))))))))))))))))))))))))))))))))))))))))"),
	            0.5, 0);
}

static void test_downtime(void **state)
{
	struct avail_downtime d;
	(void)state;

	/* 99.9%: 0.001 of a 365-day year (31,536,000 s) is 31,536 s = 8.76 h; a month is a
	 * twelfth, 2,628 s = 43.8 min; a week 0.001 * 604,800 = 604.8 s; a day 86.4 s. */
	avail_downtime(0.999, &d);
	assert_near(d.per_year, 31536, 1e-6);
	assert_near(d.per_month, 2628, 1e-6);
	assert_near(d.per_week, 604.8, 1e-6);
	assert_near(d.per_day, 86.4, 1e-6);
	/* 1 - 0.001^2: one millionth of a year is 31.536 s. */
	avail_downtime(0.999999, &d);
	assert_near(d.per_year, 31.536, 1e-6);
	avail_downtime(1, &d);
	assert_near(d.per_year, 0, 0);
	avail_downtime(0, &d);
	assert_near(d.per_day, 86400, 0);
}

static void test_mtbf(void **state)
{
	(void)state;
	/* MTBF 720 h, MTTR 30 min = 0.5 h: 720 / 720.5 = 1 - 0.5/720.5 = 0.99930603747... */
	assert_near(avail_from_mtbf(720, 0.5), 1 - 0.5 / 720.5, 1e-15);
	assert_near(avail_from_mtbf(99, 1), 0.99, 1e-15);
	assert_near(avail_from_mtbf(10, 0), 1, 0);
	assert_true(isnan(avail_from_mtbf(0, 1)));
	assert_true(isnan(avail_from_mtbf(-5, 1)));
	assert_true(isnan(avail_from_mtbf(5, -1)));
	assert_true(isnan(avail_from_mtbf(INFINITY, 1)));
}

static void test_parallel_k_of_n(void **state)
{
	(void)state;
	assert_near(avail_parallel(0.995, 2), 1 - 0.005 * 0.005, 1e-15);
	assert_near(avail_parallel(0.9, 3), 0.999, 1e-15);
	/* 2 of 3 at 0.9: all up 0.729 + exactly two up 3 * 0.81 * 0.1 = 0.243 -> 0.972. */
	assert_near(avail_k_of_n(0.9, 2, 3), 0.972, 1e-15);
	/* 1 of n is parallel; n of n is series. */
	assert_near(avail_k_of_n(0.9, 1, 3), 0.999, 1e-15);
	assert_near(avail_k_of_n(0.9, 3, 3), 0.729, 1e-15);
	/* 3 of 4 at 0.99: 0.99^4 + 4 * 0.99^3 * 0.01 = 0.96059601 + 0.03881196 = 0.99940797. */
	assert_near(avail_k_of_n(0.99, 3, 4), 0.99940797, 1e-14);
}

static void fmt_is(double a, const char *want)
{
	char buf[64];

	avail_format(a, buf, sizeof(buf));
	if (strcmp(buf, want) != 0)
		fail_msg("avail_format(%.17g) = '%s', expected '%s'", a, buf, want);
}

static void test_format(void **state)
{
	(void)state;
	fmt_is(0.9995, "99.95%");
	fmt_is(0.999999, "99.9999%");
	fmt_is(0.999 * 0.999 * 0.999, "99.7002999%");
	fmt_is(0.9, "90%");
	fmt_is(0.5, "50%");
	fmt_is(1, "100%");
	fmt_is(0, "0%");
	fmt_is(0.99939905059995, "99.9399051%"); /* to 1e-9: 0.999399051 */
	/* Short of 100% must not read as 100%, nor above 0% as 0%. */
	fmt_is(0.99999999999, "99.999999999%");
	fmt_is(1e-12, "0.0000000001%");
	fmt_is(NAN, "n/a");
	fmt_is(1.5, "n/a");
	fmt_is(-0.1, "n/a");
}

static void dur_is(double secs, const char *want)
{
	char buf[64];

	avail_format_duration(secs, buf, sizeof(buf));
	if (strcmp(buf, want) != 0)
		fail_msg("avail_format_duration(%g) = '%s', expected '%s'", secs, buf, want);
}

static void test_format_duration(void **state)
{
	(void)state;
	dur_is(31536, "8h 45m 36s"); /* 8 * 3600 = 28800, + 45 * 60 = 31500, + 36 */
	dur_is(2628, "43m 48s");
	dur_is(604.8, "10m 5s"); /* rounds to 605 s */
	dur_is(3600, "1h");
	dur_is(3605, "1h 0m 5s");
	dur_is(3153600, "36d 12h"); /* 90% of a year down: 36.5 days */
	dur_is(31.536, "31.5s");
	dur_is(6.048, "6.05s");
	dur_is(0.6048, "0.605s");
	dur_is(0, "0s");
	dur_is(59.4, "59.4s");
	dur_is(59.6, "1m");
	dur_is(-1, "n/a");
}

static void test_parse_duration(void **state)
{
	static const struct {
		const char *s;
		double secs;
	} ok[] = {
		{ "45m", 2700 },
		{ "1h30m", 5400 },
		{ "1h 30m", 5400 },
		{ "2d 4h", 187200 },
		{ "1.5h", 5400 },
		{ "45 minutes", 2700 },
		{ "1 hour", 3600 },
		{ "1 hour 30 minutes", 5400 },
		{ "1 hour and 30 minutes", 5400 },
		{ "30s", 30 },
		{ "720h", 2592000 },
		{ "1w", 604800 },
		{ "2 days", 172800 },
		{ "10 secs", 10 },
		{ "15 Minutes", 900 },
		{ "3 hrs", 10800 },
	};
	static const char *const bad[] = {
		"",     "45", "m",     "1x",           "1 fortnight", "-5m",
		"1h30", "h1", "1..5h", "99999999999d", "and 5m",      "5m and",
	};
	(void)state;

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		double v = -1;
		if (avail_parse_duration(ok[i].s, &v) != 0)
			fail_msg("'%s' refused", ok[i].s);
		assert_near(v, ok[i].secs, 1e-9);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		double v = 42;
		if (avail_parse_duration(bad[i], &v) == 0)
			fail_msg("'%s' accepted as %g", bad[i], v);
	}
	assert_int_equal(avail_parse_duration(NULL, &(double){ 0 }), -1);
}

static void test_duration_units(void **state)
{
	char buf[32];
	(void)state;

	assert_string_equal(avail_format_duration_unit(5400, buf, sizeof(buf)), "90m");
	assert_string_equal(avail_format_duration_unit(7200, buf, sizeof(buf)), "2h");
	assert_string_equal(avail_format_duration_unit(172800, buf, sizeof(buf)), "2d");
	assert_string_equal(avail_format_duration_unit(45, buf, sizeof(buf)), "45s");
	assert_string_equal(avail_format_duration_compact(5400, buf, sizeof(buf)), "1h30m");
	assert_string_equal(avail_format_duration_compact(2700, buf, sizeof(buf)), "45m");
	assert_string_equal(avail_format_duration_compact(187205, buf, sizeof(buf)), "2d4h5s");
}

/* The tiers table: 90% ... 99.999%, and the downtime each allows, derived by hand from a
 * 365-day year (8,760 h): year = (1 - a) * 8760 h, month = year / 12, week = (1 - a) * 168 h. */
static void test_tiers(void **state)
{
	static const struct {
		double a;
		const char *year, *month, *week;
	} want[] = {
		{ 0.9, "36d 12h", "3d 1h", "16h 48m" },         /* 876 h; 73 h; 16.8 h */
		{ 0.99, "3d 15h 36m", "7h 18m", "1h 40m 48s" }, /* 87.6 h; 7.3 h; 1.68 h */
		{ 0.999, "8h 45m 36s", "43m 48s", "10m 5s" },   /* 8.76 h; 43.8 min; 10.08 min */
		{ 0.9995, "4h 22m 48s", "21m 54s", "5m 2s" },   /* 4.38 h; 21.9 min; 302.4 s */
		{ 0.9999, "52m 34s", "4m 23s", "1m" },          /* 3153.6 s; 262.8 s; 60.48 s */
		{ 0.99999, "5m 15s", "26.3s", "6.05s" },        /* 315.36 s; 26.28 s; 6.048 s */
	};
	(void)state;

	assert_int_equal(avail_n_tiers, 6);
	for (size_t i = 0; i < avail_n_tiers; i++) {
		struct avail_downtime d;
		char y[32], m[32], w[32];

		assert_near(avail_tiers[i].availability, want[i].a, 1e-15);
		avail_downtime(avail_tiers[i].availability, &d);
		avail_format_duration(d.per_year, y, sizeof(y));
		avail_format_duration(d.per_month, m, sizeof(m));
		avail_format_duration(d.per_week, w, sizeof(w));
		if (strcmp(y, want[i].year) || strcmp(m, want[i].month) || strcmp(w, want[i].week))
			fail_msg("tier %s: %s / %s / %s, expected %s / %s / %s",
			         avail_tiers[i].label, y, m, w, want[i].year, want[i].month,
			         want[i].week);
	}
	assert_string_equal(avail_tiers[3].label, "99.95%");
}

static void test_money_and_cost(void **state)
{
	char buf[64];
	(void)state;

	avail_format_money(10512, "USD", buf, sizeof(buf));
	assert_string_equal(buf, "USD 10,512");
	avail_format_money(1234567.4, "EUR", buf, sizeof(buf));
	assert_string_equal(buf, "EUR 1,234,567");
	avail_format_money(999.5, "GBP", buf, sizeof(buf));
	assert_string_equal(buf, "GBP 1,000");
	avail_format_money(0, "USD", buf, sizeof(buf));
	assert_string_equal(buf, "USD 0");
	/* 99.9% at 10,000 an hour: 8.76 h a year down costs 87,600. */
	assert_near(avail_cost_per_year(0.999, 10000), 87600, 1e-6);
}

static void test_names(void **state)
{
	(void)state;
	for (int r = REDUNDANCY_NONE; r <= REDUNDANCY_MANAGED; r++)
		assert_int_equal(avail_redundancy_parse(avail_redundancy_name((enum redundancy)r)),
		                 r);
	assert_null(avail_redundancy_name(REDUNDANCY_DEFAULT));
	assert_int_equal(avail_redundancy_parse("Multi-AZ"), -1);
	assert_int_equal(avail_redundancy_parse(NULL), -1);
	assert_int_equal(avail_impact_parse("partial"), IMPACT_PARTIAL);
	assert_int_equal(avail_impact_parse("FULL"), IMPACT_FULL);
	assert_int_equal(avail_impact_parse("degraded"), -1);
}

static void test_dates(void **state)
{
	long long t = 0;
	(void)state;

	/* 2024-01-15 is 19,737 days after 1970-01-01 (54 years with 13 leap days = 19,723
	 * days to 2024-01-01, plus 14). */
	assert_int_equal(avail_parse_date("2024-01-15", &t), 0);
	assert_true(t == 19737LL * 86400);
	assert_int_equal(avail_parse_date("2024-01-15T10:30:00Z", &t), 0);
	assert_true(t == 19737LL * 86400 + 37800);
	assert_int_equal(avail_parse_date("2024-01-15 10:30", &t), 0);
	assert_true(t == 19737LL * 86400 + 37800);
	assert_int_equal(avail_parse_date("2024-02-29", &t), 0);
	assert_int_equal(avail_parse_date("1970-01-01T00:00:00Z", &t), 0);
	assert_true(t == 0);
	static const char *const bad[] = {
		"2023-02-29",
		"2024-13-01",
		"2024-00-10",
		"2024-04-31",
		"2024-1-15",
		"15/01/2024",
		"2024-01-15T25:00",
		"2024-01-15T10:61",
		"2024-01-15T10",
		"2024-01-15x",
		"",
		"1969-12-31",
		"2100-02-29",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (avail_parse_date(bad[i], &t) == 0)
			fail_msg("'%s' accepted", bad[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_guide_examples),  cmocka_unit_test(test_precedence_and_forms),
		cmocka_unit_test(test_bad_columns),     cmocka_unit_test(test_deep_nesting_refused),
		cmocka_unit_test(test_downtime),        cmocka_unit_test(test_mtbf),
		cmocka_unit_test(test_parallel_k_of_n), cmocka_unit_test(test_format),
		cmocka_unit_test(test_format_duration), cmocka_unit_test(test_parse_duration),
		cmocka_unit_test(test_duration_units),  cmocka_unit_test(test_tiers),
		cmocka_unit_test(test_money_and_cost),  cmocka_unit_test(test_names),
		cmocka_unit_test(test_dates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
