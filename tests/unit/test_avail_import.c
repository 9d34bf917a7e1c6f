/* Imports: the pillar guide's component inventory (its redundancy words, AZ lists, percentage
 * and duration texts) and incident logs in YAML and CSV (quoting, CRLF, byte-order marks),
 * with bad input refused at file:line:column. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/inventory.h"
#include "store/incidents_load.h"
#include "store/inventory_load.h"
#include "util/xalloc.h"

static const char guide[] =
        "workload_name: \"Production Web Application\"\n"
        "business_criticality: \"High\"\n"
        "availability_requirement: \"99.9%\"\n"
        "rto_requirement: \"1 hour\"\n"
        "rpo_requirement: \"15 minutes\"\n"
        "components:\n"
        "  web_tier:\n"
        "    service: \"Application Load Balancer + EC2 Auto Scaling\"\n"
        "    availability_zones: [\"us-east-1a\", \"us-east-1b\", \"us-east-1c\"]\n"
        "    redundancy: \"Multi-AZ\"\n"
        "    single_points_of_failure: []\n"
        "  database_tier:\n"
        "    service: \"RDS MySQL\"\n"
        "    availability_zones: [\"us-east-1a\"]\n"
        "    redundancy: \"Single AZ\"\n"
        "    single_points_of_failure: [\"Primary database instance\"]\n"
        "  cache:\n"
        "    service: \"ElastiCache Redis\"\n"
        "    availability_zones: 2\n"
        "    redundancy: \"Multi-AZ with automatic failover\"\n"
        "dependencies:\n"
        "  external_apis:\n"
        "    - name: \"Payment Gateway\"\n"
        "      availability: \"99.95%\"\n"
        "      timeout: \"30 seconds\"\n"
        "      retry_policy: \"3 retries with exponential backoff\"\n"
        "monitoring:\n"
        "  alerts: [\"High error rate\"]\n";

static void test_guide_inventory(void **state)
{
	struct inventory *inv = NULL;
	struct wa_err err;
	(void)state;

	err_clear(&err);
	if (inventory_parse("inv.yaml", guide, strlen(guide), &inv, &err))
		fail_msg("refused: %s:%d:%d: %s", err.where, err.line, err.col, err.msg);
	assert_string_equal(inv->workload_name, "Production Web Application");
	assert_string_equal(inv->criticality, "high");
	assert_true(inv->availability > 99.9 - 1e-9 && inv->availability < 99.9 + 1e-9);
	assert_string_equal(inv->rto, "1h");
	assert_string_equal(inv->rpo, "15m");
	assert_int_equal(inv->n_components, 3);
	assert_string_equal(inv->components[0].name, "web_tier");
	assert_string_equal(inv->components[0].tier, "web");
	assert_int_equal(inv->components[0].availability_zones, 3);
	assert_int_equal(inv->components[0].redundancy, REDUNDANCY_ACTIVE_ACTIVE);
	assert_int_equal(inv->components[0].n_spof_notes, 0);
	assert_int_equal(inv->components[1].redundancy, REDUNDANCY_NONE);
	assert_string_equal(inv->components[1].spof_notes[0], "Primary database instance");
	/* "Multi-AZ" for a database service is its own multi-AZ mode. */
	assert_int_equal(inv->components[2].redundancy, REDUNDANCY_MANAGED);
	assert_string_equal(inv->components[2].tier, "cache");
	assert_int_equal(inv->n_external_apis, 1);
	assert_true(inv->external_apis[0].availability > 99.95 - 1e-9 &&
	            inv->external_apis[0].availability < 99.95 + 1e-9);
	inventory_free(inv);
}

static void test_redundancy_words(void **state)
{
	const struct avail_service *rds = avail_service_find("rds", 3);
	const struct avail_service *ec2 = avail_service_find("ec2", 3);
	static const struct {
		const char *text;
		int db, other; /* for a database service and for EC2 */
	} cases[] = {
		{ "Single AZ", REDUNDANCY_NONE, REDUNDANCY_NONE },
		{ "single_az", REDUNDANCY_NONE, REDUNDANCY_NONE },
		{ "None", REDUNDANCY_NONE, REDUNDANCY_NONE },
		{ "Active-Active", REDUNDANCY_ACTIVE_ACTIVE, REDUNDANCY_ACTIVE_ACTIVE },
		{ "active active across 3 AZs", REDUNDANCY_ACTIVE_ACTIVE,
		  REDUNDANCY_ACTIVE_ACTIVE },
		{ "Active-Passive", REDUNDANCY_ACTIVE_PASSIVE, REDUNDANCY_ACTIVE_PASSIVE },
		{ "Warm standby", REDUNDANCY_ACTIVE_PASSIVE, REDUNDANCY_ACTIVE_PASSIVE },
		{ "N+1", REDUNDANCY_N_PLUS_1, REDUNDANCY_N_PLUS_1 },
		{ "Managed", REDUNDANCY_MANAGED, REDUNDANCY_MANAGED },
		{ "Serverless", REDUNDANCY_MANAGED, REDUNDANCY_MANAGED },
		{ "Multi-AZ", REDUNDANCY_MANAGED, REDUNDANCY_ACTIVE_ACTIVE },
		{ "Multi-AZ with read replicas", REDUNDANCY_MANAGED, REDUNDANCY_ACTIVE_ACTIVE },
		{ "  MULTI AZ ", REDUNDANCY_MANAGED, REDUNDANCY_ACTIVE_ACTIVE },
		{ "Triple mirrored", -1, -1 },
		{ "", -1, -1 },
	};
	(void)state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int db = inventory_redundancy(cases[i].text, rds);
		int other = inventory_redundancy(cases[i].text, ec2);

		if (db != cases[i].db || other != cases[i].other)
			fail_msg("'%s': %d/%d, expected %d/%d", cases[i].text, db, other,
			         cases[i].db, cases[i].other);
	}
	assert_int_equal(inventory_redundancy("Multi-AZ", NULL), REDUNDANCY_ACTIVE_ACTIVE);
	assert_int_equal(inventory_redundancy(NULL, NULL), -1);
}

static void test_apply(void **state)
{
	struct inventory *inv = NULL;
	struct review *rv = review_new();
	struct wa_err err;
	char **notes;
	size_t n;
	(void)state;

	rv->wl.name = xstrdup("Shop");
	rv->wl.availability = 99.95;
	rv->wl.rto = xstrdup("1h"); /* the same as the inventory's: no note */
	rv->wl.components = xcalloc(1, sizeof(*rv->wl.components));
	rv->wl.n_components = 1;
	rv->wl.components[0].name = xstrdup("old");
	assert_int_equal(inventory_parse("inv.yaml", guide, strlen(guide), &inv, &err), 0);
	inventory_apply(inv, rv, false, &notes, &n);
	assert_int_equal(n, 2);
	assert_non_null(strstr(notes[0], "kept the review's name 'Shop'"));
	assert_non_null(strstr(notes[1], "availability_target 99.95"));
	for (size_t i = 0; i < n; i++)
		free(notes[i]);
	free(notes);
	assert_string_equal(rv->wl.name, "Shop");
	assert_string_equal(rv->wl.rpo, "15m");          /* filled in */
	assert_string_equal(rv->wl.criticality, "high"); /* filled in */
	assert_int_equal(rv->wl.n_components, 3);        /* replaced */
	assert_string_equal(rv->wl.components[0].name, "web_tier");
	assert_int_equal(inv->n_components, 0);
	inventory_free(inv);

	assert_int_equal(inventory_parse("inv.yaml", guide, strlen(guide), &inv, &err), 0);
	inventory_apply(inv, rv, true, &notes, &n);
	assert_int_equal(n, 0);
	free(notes);
	assert_string_equal(rv->wl.name, "Production Web Application");
	assert_true(rv->wl.availability < 99.91);
	inventory_free(inv);
	review_free(rv);
}

static void expect_inventory_error(const char *text, int line, int col, const char *part)
{
	struct inventory *inv = (struct inventory *)&inv;
	struct wa_err err;

	err_clear(&err);
	if (inventory_parse("inv.yaml", text, strlen(text), &inv, &err) == 0)
		fail_msg("accepted:\n%s", text);
	assert_null(inv);
	if (err.line != line || err.col != col || !strstr(err.msg, part))
		fail_msg("got %d:%d: %s\nwanted %d:%d: …%s…", err.line, err.col, err.msg, line, col,
		         part);
}

static void test_inventory_errors(void **state)
{
	(void)state;
	expect_inventory_error("", 1, 1, "the file is empty");
	expect_inventory_error("- a\n", 1, 1, "inventory: expected a mapping");
	expect_inventory_error("components:\n  web:\n    service: ec2\n    name: web\n", 4, 5,
	                       "the key names this component already");
	expect_inventory_error("components:\n  - service: ec2\n", 2, 5,
	                       "components item 1: missing required key 'name'");
	expect_inventory_error(
	        "components:\n  web:\n    service: ec2\n    availability_zones: []\n", 4, 25,
	        "expected 1 to 30 AZs, found 0");
	expect_inventory_error(
	        "components:\n  web:\n    service: ec2\n    availability_zones: 31\n", 4, 25,
	        "expected 1 to 30 AZs, found 31");
	expect_inventory_error("components:\n  web:\n    availability: \"101%\"\n", 3, 19,
	                       "availability: expected a percentage such as 99.9%");
	expect_inventory_error("components:\n  web:\n    service: ec2\n    critical: perhaps\n", 4,
	                       15, "expected true or false");
	expect_inventory_error("rpo_requirement: [1h]\n", 1, 18, "expected a single value");
	expect_inventory_error("dependencies:\n  internal: []\n", 2, 3,
	                       "dependencies: unknown key 'internal'");
	expect_inventory_error(
	        "dependencies:\n  external_apis:\n    - {name: X, availability: 0}\n", 3, 31,
	        "expected a percentage such as 99.9%");
}

static struct incident *incidents_ok(const char *text, bool csv, size_t *n)
{
	struct incident *v = NULL;
	struct wa_err err;

	err_clear(&err);
	if (incidents_parse("log", text, strlen(text), csv, &v, n, &err))
		fail_msg("refused: %d:%d: %s\n%s", err.line, err.col, err.msg, text);
	return v;
}

static void free_incidents(struct incident *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		incident_clear(&v[i]);
	free(v);
}

static void test_csv(void **state)
{
	size_t n;
	struct incident *v;
	(void)state;

	/* A spreadsheet's export: BOM, CRLF, columns in its own order, a quoted note across
	 * lines with doubled quotes, blank lines and an empty impact. */
	v = incidents_ok("\xEF\xBB\xBFNote,Impact,Duration,Date\r\n"
	                 "\"first line\r\nsecond, \"\"quoted\"\"\",partial,90m,2024-01-15 10:30\r\n"
	                 "\r\n"
	                 ",,1 hour,2024-02-01\r\n",
	                 true, &n);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].note, "first line\r\nsecond, \"quoted\"");
	assert_int_equal(v[0].impact, IMPACT_PARTIAL);
	assert_int_equal(v[0].duration, 5400);
	assert_string_equal(v[0].date, "2024-01-15T10:30:00Z"); /* one form for times of day */
	assert_null(v[1].note);
	assert_int_equal(v[1].impact, IMPACT_FULL);
	assert_string_equal(v[1].date, "2024-02-01");
	free_incidents(v, n);

	/* A header alone is an empty log. */
	v = incidents_ok("date,duration\n", true, &n);
	assert_int_equal(n, 0);
	free_incidents(v, n);
	/* No newline at the end is fine. */
	v = incidents_ok("date,duration\n2024-01-01,5m", true, &n);
	assert_int_equal(n, 1);
	free_incidents(v, n);
}

static void test_yaml_log(void **state)
{
	size_t n;
	struct incident *v;
	(void)state;

	v = incidents_ok("- {date: 2024-01-15, duration: 45m}\n"
	                 "- {date: 2024-01-16T08:00Z, duration: 2 hours, impact: partial}\n",
	                 false, &n);
	assert_int_equal(n, 2);
	assert_int_equal(v[1].duration, 7200);
	assert_string_equal(v[1].date, "2024-01-16T08:00:00Z");
	free_incidents(v, n);
	v = incidents_ok("incidents: []\n", false, &n);
	assert_int_equal(n, 0);
	free_incidents(v, n);
}

static void expect_log_error(const char *text, bool csv, int line, int col, const char *part)
{
	struct incident *v = (struct incident *)&v;
	size_t n = 7;
	struct wa_err err;

	err_clear(&err);
	if (incidents_parse("log", text, strlen(text), csv, &v, &n, &err) == 0)
		fail_msg("accepted:\n%s", text);
	assert_null(v);
	assert_int_equal(n, 0);
	if (err.line != line || err.col != col || !strstr(err.msg, part))
		fail_msg("got %d:%d: %s\nwanted %d:%d: …%s…", err.line, err.col, err.msg, line, col,
		         part);
}

static void test_log_errors(void **state)
{
	(void)state;
	expect_log_error("", true, 1, 1, "the file is empty");
	expect_log_error("date,duration\n2024-01-01,1h\n2024-01-02,\"1h\"x\n", true, 3, 16,
	                 "text after a quoted field");
	expect_log_error("date,duration,note\n2024-01-01,1h,say \"hi\"\n", true, 2, 19,
	                 "a '\"' inside an unquoted field");
	expect_log_error("date,duration\n2024-01-01,1h,extra\n", true, 2, 1,
	                 "expected 2 fields as in the header row, found 3");
	expect_log_error("date,duration\n2024-01-01,0.2s\n", true, 2, 12, "duration: expected");
	expect_log_error("date,duration\n\"2024-01-01\xff\",1h\n", true, 2, 12, "UTF-8");
	expect_log_error("{date: 2024-01-01}\n", false, 1, 2, "incident log: unknown key 'date'");
	expect_log_error("", false, 1, 1, "the file is empty");
	expect_log_error("- {date: 2024-01-01, duration: 1h}\n- 42\n", false, 2, 3,
	                 "incidents item 2: expected a mapping");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_guide_inventory),
		cmocka_unit_test(test_redundancy_words),
		cmocka_unit_test(test_apply),
		cmocka_unit_test(test_inventory_errors),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_yaml_log),
		cmocka_unit_test(test_log_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
