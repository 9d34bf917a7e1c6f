/* The review file's availability fields: components, external APIs, the cost of downtime
 * and incidents load and save back identically, and every kind of bad value is refused at
 * the right file:line:column. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/avail.h"
#include "model/review.h"
#include "store/review_io.h"
#include "support/qset_fixture.h"
#include "util/xalloc.h"

static struct qset *qs;

static int setup(void **state)
{
	(void)state;
	qs = qset_fixture_new();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	qset_free(qs);
	return 0;
}

static struct review *parse_ok(const char *text)
{
	struct review *rv = NULL;
	struct wa_err err;

	err_clear(&err);
	if (review_parse("t.yaml", text, strlen(text), qs, &rv, &err) != 0) {
		char buf[1600];
		fail_msg("parse failed: %s\n--- text:\n%s", err_format(&err, buf, sizeof(buf)),
		         text);
	}
	return rv;
}

static char **strv1(const char *s)
{
	char **v = xcalloc(2, sizeof(*v));
	v[0] = xstrdup(s);
	return v;
}

static struct review *avail_review(void)
{
	struct review *rv = review_new();
	struct workload *wl = &rv->wl;
	struct component *c;

	rv->set_id = xstrdup("reliability");
	wl->name = xstrdup("Shop");
	wl->availability = 99.95;
	wl->downtime_cost_per_hour = 12500.5;
	wl->currency = xstrdup("EUR");
	wl->components = c = xcalloc(3, sizeof(*c));
	wl->n_components = 3;
	c[0] = (struct component){ .name = xstrdup("web"),
		                   .tier = xstrdup("web"),
		                   .service = xstrdup("ALB + EC2 Auto Scaling"),
		                   .availability_zones = 3,
		                   .redundancy = REDUNDANCY_ACTIVE_ACTIVE,
		                   .availability = -1 };
	c[0].depends_on = strv1("db");
	c[0].n_depends_on = 1;
	c[1] = (struct component){ .name = xstrdup("db"),
		                   .tier = xstrdup("data"),
		                   .service = xstrdup("RDS MySQL"),
		                   .availability_zones = 1,
		                   .redundancy = REDUNDANCY_NONE,
		                   .availability = -1 };
	c[1].spof_notes = strv1("Primary database instance — \"único\"");
	c[1].n_spof_notes = 1;
	c[2] = (struct component){ .name = xstrdup("true"),
		                   .service = xstrdup("Self-hosted"),
		                   .redundancy = REDUNDANCY_N_PLUS_1,
		                   .availability = 99.5,
		                   .not_critical = true,
		                   .availability_zones = 2 };
	wl->external_apis = xcalloc(2, sizeof(*wl->external_apis));
	wl->n_external_apis = 2;
	wl->external_apis[0] = (struct external_api){ xstrdup("Payment Gateway"), 99.95, false };
	wl->external_apis[1] = (struct external_api){ xstrdup("Email: SES"), 99.9, true };
	rv->incidents = xcalloc(2, sizeof(*rv->incidents));
	rv->n_incidents = 2;
	rv->incidents[0] = (struct incident){ xstrdup("2024-01-15"), 2700, IMPACT_FULL,
		                              xstrdup("DB connection timeout\nsecond line") };
	rv->incidents[1] =
	        (struct incident){ xstrdup("2024-02-03T10:30:00Z"), 5400, IMPACT_PARTIAL, NULL };
	return rv;
}

static void test_round_trip(void **state)
{
	struct review *rv = avail_review(), *back;
	char *text = review_format(rv, qs), *again;
	const struct component *c;
	(void)state;

	assert_non_null(text);
	back = parse_ok(text);
	again = review_format(back, qs);
	assert_string_equal(text, again);
	assert_true(back->wl.downtime_cost_per_hour == 12500.5);
	assert_string_equal(back->wl.currency, "EUR");
	assert_int_equal(back->wl.n_components, 3);
	c = back->wl.components;
	assert_string_equal(c[0].service, "ALB + EC2 Auto Scaling");
	assert_int_equal(c[0].availability_zones, 3);
	assert_int_equal(c[0].redundancy, REDUNDANCY_ACTIVE_ACTIVE);
	assert_true(c[0].availability < 0);
	assert_string_equal(c[0].depends_on[0], "db");
	assert_string_equal(c[1].spof_notes[0], "Primary database instance — \"único\"");
	assert_string_equal(c[2].name, "true");
	assert_true(c[2].not_critical);
	assert_true(c[2].availability == 99.5);
	assert_int_equal(c[2].redundancy, REDUNDANCY_N_PLUS_1);
	assert_null(c[2].tier);
	assert_int_equal(back->wl.n_external_apis, 2);
	assert_string_equal(back->wl.external_apis[1].name, "Email: SES");
	assert_true(back->wl.external_apis[1].not_critical);
	assert_false(back->wl.external_apis[0].not_critical);
	assert_int_equal(back->n_incidents, 2);
	assert_string_equal(back->incidents[0].note, "DB connection timeout\nsecond line");
	assert_int_equal(back->incidents[1].duration, 5400);
	assert_int_equal(back->incidents[1].impact, IMPACT_PARTIAL);
	/* The layout people read and diff. */
	assert_non_null(strstr(text, "  downtime_cost_per_hour: 12500.5\n"
	                             "  downtime_cost_currency: EUR\n"
	                             "  components:\n"
	                             "  - name: web\n"
	                             "    tier: web\n"
	                             "    service: ALB + EC2 Auto Scaling\n"
	                             "    availability_zones: 3\n"
	                             "    redundancy: active-active\n"
	                             "    depends_on: [db]\n"));
	assert_non_null(strstr(text, "  dependencies:\n    external_apis:\n"
	                             "    - name: Payment Gateway\n      availability: 99.95\n"));
	assert_non_null(strstr(text, "incidents:\n- date: \"2024-01-15\"\n  duration: 45m\n"
	                             "  impact: full\n"));
	assert_non_null(strstr(text, "  duration: 1h30m\n  impact: partial\n"));
	assert_non_null(strstr(text, "    critical: false\n"));
	free(text);
	free(again);
	review_free(back);
	review_free(rv);
}

static void test_unset_fields_not_written(void **state)
{
	struct review *rv = review_new();
	char *text;
	(void)state;

	rv->set_id = xstrdup("reliability");
	text = review_format(rv, qs);
	assert_null(strstr(text, "components"));
	assert_null(strstr(text, "dependencies"));
	assert_null(strstr(text, "downtime_cost"));
	assert_null(strstr(text, "incidents"));
	free(text);
	review_free(rv);
}

static const char head[] = "schema: 1\n"
                           "question_set:\n"
                           "  id: reliability\n"
                           "workload:\n"
                           "  name: Checkout\n";

static void test_hand_written(void **state)
{
	struct review *rv;
	(void)state;

	rv = parse_ok("schema: 1\nquestion_set: {id: reliability}\nworkload:\n"
	              "  downtime_cost_per_hour: 0\n"
	              "  components:\n"
	              "    - {name: a, service: lambda, depends_on: [b, api]}\n"
	              "    - name: b\n      availability: 100\n      depends_on:\n"
	              "      single_points_of_failure: []\n"
	              "  dependencies:\n    external_apis:\n"
	              "      - {name: api, availability: 99.9, critical: true}\n"
	              "incidents:\n"
	              "  - {date: 2024-01-15 10:30, duration: 1 hour 15 minutes, impact: Partial}\n"
	              "  - date: '2024-03-01'\n    duration: 90s\n");
	assert_true(rv->wl.downtime_cost_per_hour == 0);
	assert_int_equal(rv->wl.components[0].n_depends_on, 2);
	assert_true(rv->wl.components[1].availability == 100);
	assert_int_equal(rv->incidents[0].duration, 4500);
	assert_int_equal(rv->incidents[0].impact, IMPACT_PARTIAL);
	assert_int_equal(rv->incidents[1].impact, IMPACT_FULL); /* the default */
	review_free(rv);
	/* Blank sections are as good as absent. */
	rv = parse_ok("schema: 1\nquestion_set: {id: reliability}\nworkload:\n"
	              "  components:\n  dependencies:\n  downtime_cost_per_hour:\nincidents:\n");
	assert_int_equal(rv->wl.n_components, 0);
	assert_true(rv->wl.downtime_cost_per_hour < 0);
	review_free(rv);
}

static void expect_error(const char *tail, int line, int col, const char *msg_part)
{
	char *text = xasprintf("%s%s", head, tail);
	struct review *rv = (struct review *)&rv;
	struct wa_err err;
	char buf[1600];

	err_clear(&err);
	if (review_parse("t.yaml", text, strlen(text), qs, &rv, &err) == 0)
		fail_msg("accepted:\n%s", text);
	assert_null(rv);
	err_format(&err, buf, sizeof(buf));
	if (strcmp(err.where, "t.yaml") != 0 || err.line != line || err.col != col ||
	    !strstr(err.msg, msg_part))
		fail_msg("got    '%s'\nwanted 't.yaml:%d:%d: …%s…'\nfor:\n%s", buf, line, col,
		         msg_part, text);
	assert_null(strchr(err.msg, '\n'));
	free(text);
}

static void test_bad_components(void **state)
{
	(void)state;
	expect_error("  components: web\n", 6, 15,
	             "workload.components: expected a list, found a scalar");
	expect_error("  components:\n    - tier: web\n      service: ec2\n", 7, 7,
	             "workload.components item 1: missing required key 'name'");
	expect_error("  components:\n    - name: a\n      service: s3\n    - name: b\n"
	             "      colour: red\n",
	             10, 7, "workload.components item 2: unknown key 'colour'");
	expect_error("  components:\n    - name: a\n      service: ec2\n"
	             "      availability_zones: 0\n",
	             9, 27, "component 'a': availability_zones: expected 1 to 30, found 0");
	expect_error("  components:\n    - name: a\n      service: ec2\n"
	             "      availability_zones: two\n",
	             9, 27, "availability_zones: expected a whole number, found 'two'");
	expect_error("  components:\n    - name: a\n      service: ec2\n"
	             "      redundancy: Multi-AZ\n",
	             9, 19,
	             "component 'a': redundancy: 'Multi-AZ' is not one of none, active-active, "
	             "active-passive, n+1, managed");
	expect_error("  components:\n    - name: a\n      availability: 0\n", 8, 21,
	             "availability: expected a percentage above 0 and at most 100");
	expect_error("  components:\n    - name: a\n      availability: 100.5\n", 8, 21,
	             "found 100.5");
	expect_error("  components:\n    - name: a\n      availability: high\n", 8, 21,
	             "availability: expected a number, found 'high'");
	expect_error("  components:\n    - name: a\n      service: s3\n      critical: maybe\n", 9,
	             17, "critical: expected true or false, found 'maybe'");
	expect_error("  components:\n    - name: a\n      service: Mainframe\n", 8, 16,
	             "component 'a': no published figure for 'Mainframe'; give its availability");
	expect_error("  components:\n    - name: a\n      service: ALB + Mainframe\n", 8, 16,
	             "no published figure for 'Mainframe'");
	expect_error("  components:\n    - name: a\n      tier: web\n", 7, 7,
	             "component 'a': no service and no availability");
	expect_error("  components:\n    - name: ''\n      service: s3\n", 7, 13,
	             "component name: must not be empty");
	expect_error(
	        "  components:\n    - name: a\n      service: s3\n      depends_on: [b, ghost]\n"
	        "    - name: b\n      service: s3\n",
	        9, 23, "component 'a' depends on 'ghost', which is neither a component nor");
	expect_error("  components:\n    - name: a\n      service: s3\n      depends_on: [a]\n", 9,
	             20, "component 'a' depends on itself");
	expect_error("  components:\n    - name: a\n      service: s3\n    - name: a\n"
	             "      service: ec2\n",
	             9, 13, "'a' names two parts of the workload (first at line 7)");
	expect_error("  components:\n    - name: Pay\n      service: s3\n"
	             "  dependencies:\n    external_apis:\n      - {name: Pay, availability: 99}\n",
	             11, 16, "'Pay' names two parts of the workload (first at line 7)");
	expect_error("  components:\n    - name: a\n      service: s3\n"
	             "      single_points_of_failure: yes\n",
	             9, 33, "single_points_of_failure: expected a list");
}

static void test_bad_dependencies(void **state)
{
	(void)state;
	expect_error("  dependencies: [x]\n", 6, 17,
	             "workload.dependencies: expected a mapping, found a list");
	expect_error("  dependencies:\n    databases: []\n", 7, 5,
	             "workload.dependencies: unknown key 'databases' (expected one of: "
	             "external_apis)");
	expect_error("  dependencies:\n    external_apis:\n      - name: Pay\n", 8, 9,
	             "workload.dependencies.external_apis item 1: missing required key "
	             "'availability'");
	expect_error(
	        "  dependencies:\n    external_apis:\n      - {name: Pay, availability: 150}\n", 8,
	        35, "availability: expected a percentage above 0 and at most 100");
	expect_error("  dependencies:\n    external_apis:\n"
	             "      - {name: Pay, availability: \"99.9%\"}\n",
	             8, 35, "availability: expected a number, found '99.9%'");
	expect_error("  dependencies:\n    external_apis:\n"
	             "      - {name: Pay, availability: 99, timeout: 30s}\n",
	             8, 39, "unknown key 'timeout'");
}

static void test_bad_cost(void **state)
{
	(void)state;
	expect_error("  downtime_cost_per_hour: -5\n", 6, 27,
	             "workload.downtime_cost_per_hour: expected an amount of 0 or more, found -5");
	expect_error("  downtime_cost_per_hour: lots\n", 6, 27,
	             "workload.downtime_cost_per_hour: expected a number, found 'lots'");
	expect_error("  downtime_cost_currency: usd\n", 6, 27,
	             "workload.downtime_cost_currency: expected a three-letter ISO 4217 code "
	             "such as USD or EUR, found 'usd'");
	expect_error("  downtime_cost_currency: EURO\n", 6, 27, "found 'EURO'");
}

static void test_bad_incidents(void **state)
{
	(void)state;
	expect_error("incidents: {date: 2024-01-01}\n", 6, 12,
	             "incidents: expected a list, found a mapping");
	expect_error("incidents:\n  - duration: 1h\n", 7, 5,
	             "incidents item 1: missing required key 'date'");
	expect_error("incidents:\n  - {date: 2024-01-01, duration: 1h}\n"
	             "  - {date: 2024-02-30, duration: 1h}\n",
	             8, 12,
	             "incidents item 2: date: expected a date such as 2024-01-15 or "
	             "2024-01-15T10:30:00Z (UTC), found '2024-02-30'");
	expect_error("incidents:\n  - {date: 2024-01-01, duration: 45}\n", 7, 34,
	             "incidents item 1: duration: expected a length of time such as 45m, 1h30m "
	             "or \"2 hours\", found '45'");
	expect_error("incidents:\n  - {date: 2024-01-01, duration: 0s}\n", 7, 34, "found '0s'");
	expect_error("incidents:\n  - {date: 2024-01-01, duration: 1h, impact: degraded}\n", 7, 46,
	             "incidents item 1: impact: 'degraded' is not full or partial");
	expect_error("incidents:\n  - {date: 2024-01-01, duration: 1h, cause: db}\n", 7, 38,
	             "incidents item 1: unknown key 'cause'");
	expect_error("incidents:\n  - {date: 2024-01-01, duration: 1h, note: [a]}\n", 7, 44,
	             "note: expected a single value, found a list");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_unset_fields_not_written),
		cmocka_unit_test(test_hand_written),
		cmocka_unit_test(test_bad_components),
		cmocka_unit_test(test_bad_dependencies),
		cmocka_unit_test(test_bad_cost),
		cmocka_unit_test(test_bad_incidents),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
