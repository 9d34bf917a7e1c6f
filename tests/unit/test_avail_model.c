/* The workload's availability model and avail_summarize(): component figures from the SLA
 * table, redundancy and AZ counts, the critical path, single points of failure, measured
 * availability from incidents, and the cost of downtime. Expected values are derived by hand
 * from the documented rules and the SLA figures (quoted in the comments). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/avail.h"
#include "util/xalloc.h"

static void assert_near(double got, double want, double tol)
{
	if (!(fabs(got - want) <= tol))
		fail_msg("got %.17g, expected %.17g", got, want);
}

static char **strv(size_t n, ...)
{
	char **v = xcalloc(n + 1, sizeof(*v));
	va_list ap;

	va_start(ap, n);
	for (size_t i = 0; i < n; i++)
		v[i] = xstrdup(va_arg(ap, const char *));
	va_end(ap);
	return v;
}

static struct component *add_component(struct review *rv, const char *name, const char *service,
                                       int azs, enum redundancy r)
{
	struct workload *wl = &rv->wl;
	struct component *c;

	wl->components = xrealloc(wl->components, (wl->n_components + 1) * sizeof(*c));
	c = &wl->components[wl->n_components++];
	memset(c, 0, sizeof(*c));
	c->name = xstrdup(name);
	c->service = service ? xstrdup(service) : NULL;
	c->availability_zones = azs;
	c->redundancy = r;
	c->availability = -1;
	return c;
}

static struct external_api *add_api(struct review *rv, const char *name, double pct)
{
	struct workload *wl = &rv->wl;
	struct external_api *x;

	wl->external_apis = xrealloc(wl->external_apis, (wl->n_external_apis + 1) * sizeof(*x));
	x = &wl->external_apis[wl->n_external_apis++];
	memset(x, 0, sizeof(*x));
	x->name = xstrdup(name);
	x->availability = pct;
	return x;
}

static void add_incident(struct review *rv, const char *date, long secs,
                         enum incident_impact impact)
{
	rv->incidents = xrealloc(rv->incidents, (rv->n_incidents + 1) * sizeof(*rv->incidents));
	rv->incidents[rv->n_incidents++] = (struct incident){ xstrdup(date), secs, impact, NULL };
}

/* The pillar guide's inventory, in review form. */
static struct review *guide_review(void)
{
	struct review *rv = review_new();
	struct component *db;
	struct external_api *email;

	rv->wl.availability = 99.9;
	add_component(rv, "web_tier", "Application Load Balancer + EC2 Auto Scaling", 3,
	              REDUNDANCY_DEFAULT);
	add_component(rv, "application_tier", "ECS Fargate", 2, REDUNDANCY_ACTIVE_ACTIVE);
	db = add_component(rv, "database_tier", "RDS MySQL", 1, REDUNDANCY_NONE);
	db->spof_notes = strv(1, "Primary database instance");
	db->n_spof_notes = 1;
	add_api(rv, "Payment Gateway", 99.95);
	email = add_api(rv, "Email Service", 99.9);
	email->not_critical = true;
	return rv;
}

static void test_guide_workload(void **state)
{
	struct review *rv = guide_review();
	struct avail_model m;
	struct wa_err err;
	(void)state;

	err_clear(&err);
	assert_int_equal(avail_model_build(rv, &m, &err), 0);
	assert_int_equal(m.n_parts, 5);
	/* web: ELB one AZ 99.9%, three in parallel 1 - 0.001^3, capped at ELB's multi-AZ
	 * 99.99%; EC2 one instance 99.5%, 1 - 0.005^3, capped at the region-level 99.99%. */
	assert_near(m.parts[0].availability, 0.9999 * 0.9999, 1e-15);
	assert_int_equal(m.parts[0].redundancy, REDUNDANCY_ACTIVE_ACTIVE);
	assert_false(m.parts[0].spof);
	assert_non_null(strstr(m.parts[0].basis, "capped"));
	/* app: two Fargate copies, 1 - 0.005^2 = 0.999975, capped at 99.99%. */
	assert_near(m.parts[1].availability, 0.9999, 1e-15);
	/* db: one RDS instance, the Single-DB figure 99.5%; a single point of failure. */
	assert_near(m.parts[2].availability, 0.995, 1e-15);
	assert_true(m.parts[2].spof);
	assert_non_null(strstr(m.parts[2].spof_reason, "redundancy none"));
	assert_non_null(strstr(m.parts[2].spof_reason, "Primary database instance"));
	assert_true(m.parts[3].external && m.parts[3].critical);
	assert_false(m.parts[4].critical); /* Email Service: critical: false */
	/* Series of the critical parts: web * app * db * payment. */
	assert_near(m.composite, 0.9999 * 0.9999 * 0.9999 * 0.995 * 0.9995, 1e-15);
	assert_int_equal(m.n_critical, 4);
	avail_model_clear(&m);
	review_free(rv);
}

static void test_summary_components(void **state)
{
	struct review *rv = guide_review();
	struct avail_summary s;
	struct wa_err err;
	double a = 0.9999 * 0.9999 * 0.9999 * 0.995 * 0.9995;
	(void)state;

	rv->wl.downtime_cost_per_hour = 10000;
	err_clear(&err);
	assert_int_equal(avail_summarize_at(rv, 1795000000, &s, &err), 0);
	assert_true(s.have_components);
	assert_near(s.computed, a, 1e-15);
	assert_near(s.target, 0.999, 1e-15);
	assert_false(s.meets_target); /* about 99.46% against 99.9% */
	assert_int_equal(s.n_single_points, 1);
	assert_string_equal(s.single_points[0], "database_tier");
	assert_false(s.have_incidents);
	assert_true(s.have_cost);
	/* A year is 8,760 h: the cost is the hours down times 10,000. */
	assert_near(s.cost_per_year_computed, (1 - a) * 8760 * 10000, 1e-6);
	assert_near(s.cost_per_year_target, 0.001 * 8760 * 10000, 1e-6);
	avail_summary_clear(&s);

	/* Making the database Multi-AZ (RDS's own mode: 99.95%) removes the single point. */
	rv->wl.components[2].redundancy = REDUNDANCY_MANAGED;
	for (size_t i = 0; i < rv->wl.components[2].n_spof_notes; i++)
		free(rv->wl.components[2].spof_notes[i]);
	rv->wl.components[2].n_spof_notes = 0;
	assert_int_equal(avail_summarize_at(rv, 1795000000, &s, &err), 0);
	assert_int_equal(s.n_single_points, 0);
	assert_near(s.computed, 0.9999 * 0.9999 * 0.9999 * 0.9995 * 0.9995, 1e-15);
	avail_summary_clear(&s);
	review_free(rv);
}

static void test_meets_target_at_equality(void **state)
{
	struct review *rv = review_new();
	struct avail_summary s;
	struct wa_err err;
	(void)state;

	/* 99.9 / 100 is not exactly 0.999 in binary; equal figures still meet the target. */
	rv->wl.availability = 99.9;
	add_api(rv, "only", 99.9);
	assert_int_equal(avail_summarize_at(rv, 0, &s, &err), 0);
	assert_true(s.meets_target);
	assert_false(s.have_cost); /* no cost per hour given */
	avail_summary_clear(&s);
	rv->wl.availability = 99.91;
	assert_int_equal(avail_summarize_at(rv, 0, &s, &err), 0);
	assert_false(s.meets_target);
	avail_summary_clear(&s);
	review_free(rv);
}

static void test_redundancy_rules(void **state)
{
	struct review *rv = review_new();
	struct avail_model m;
	struct wa_err err;
	struct component *c;
	(void)state;

	add_component(rv, "s3-default", "s3", 0, REDUNDANCY_DEFAULT);  /* managed: 99.9% */
	add_component(rv, "s3-none", "Amazon S3", 0, REDUNDANCY_NONE); /* said so: a SPOF */
	add_component(rv, "ec2-one-az", "ec2", 1, REDUNDANCY_ACTIVE_ACTIVE);
	add_component(rv, "ec2-no-azs", "EC2", 0, REDUNDANCY_DEFAULT);
	add_component(rv, "aurora-2", "aurora", 2, REDUNDANCY_DEFAULT);
	add_component(rv, "lambda", "AWS Lambda", 1, REDUNDANCY_ACTIVE_ACTIVE);
	c = add_component(rv, "given", "ec2", 3, REDUNDANCY_N_PLUS_1);
	c->availability = 99.7;
	c = add_component(rv, "custom", "Self-hosted Kafka", 3, REDUNDANCY_DEFAULT);
	c->availability = 99.5;
	c = add_component(rv, "custom-one", "Self-hosted Kafka", 0, REDUNDANCY_DEFAULT);
	c->availability = 99.5;
	add_component(rv, "dup-services", "EC2 + Auto Scaling group", 2, REDUNDANCY_DEFAULT);
	add_component(rv, "nplus1", "elb", 3, REDUNDANCY_N_PLUS_1);

	err_clear(&err);
	assert_int_equal(avail_model_build(rv, &m, &err), 0);
	assert_near(m.parts[0].availability, 0.999, 1e-15);
	assert_false(m.parts[0].spof);
	assert_int_equal(m.parts[0].redundancy, REDUNDANCY_MANAGED);
	assert_true(m.parts[1].spof);
	/* One AZ: the copies cannot help each other, the instance-level 99.5% applies. */
	assert_near(m.parts[2].availability, 0.995, 1e-15);
	assert_true(m.parts[2].spof);
	assert_non_null(strstr(m.parts[2].spof_reason, "one AZ"));
	assert_true(m.parts[3].spof); /* no AZ count: one copy */
	assert_int_equal(m.parts[3].redundancy, REDUNDANCY_NONE);
	/* Aurora in two AZs: a standby by default; 1 - 0.001^2 capped at Multi-AZ 99.99%. */
	assert_int_equal(m.parts[4].redundancy, REDUNDANCY_ACTIVE_PASSIVE);
	assert_near(m.parts[4].availability, 0.9999, 1e-15);
	/* Lambda is run across AZs by AWS: one AZ named does not make it a SPOF. */
	assert_false(m.parts[5].spof);
	assert_near(m.parts[5].availability, 0.9995, 1e-15);
	/* A given figure is used as it is. */
	assert_near(m.parts[6].availability, 0.997, 1e-15);
	assert_false(m.parts[6].spof);
	assert_near(m.parts[7].availability, 0.995, 1e-15);
	assert_false(m.parts[7].spof);
	assert_int_equal(m.parts[7].redundancy, REDUNDANCY_ACTIVE_ACTIVE);
	assert_true(m.parts[8].spof);
	/* "EC2 + Auto Scaling" names EC2 twice; it counts once: 1 - 0.005^2, capped. */
	assert_near(m.parts[9].availability, 0.9999, 1e-15);
	assert_non_null(strstr(m.parts[10].basis, "n+1"));
	avail_model_clear(&m);
	review_free(rv);
}

static void test_critical_path(void **state)
{
	struct review *rv = review_new();
	struct avail_model m;
	struct wa_err err;
	struct component *c;
	(void)state;

	c = add_component(rv, "checkout", NULL, 0, REDUNDANCY_DEFAULT);
	c->availability = 99.9;
	c->depends_on = strv(1, "payments");
	c->n_depends_on = 1;
	c = add_component(rv, "reports", NULL, 0, REDUNDANCY_NONE);
	c->availability = 90;
	c->not_critical = true;
	c->depends_on = strv(1, "mailer");
	c->n_depends_on = 1;
	add_api(rv, "payments", 99.5)->not_critical = true; /* needed by checkout anyway */
	add_api(rv, "mailer", 95)->not_critical = true;

	err_clear(&err);
	assert_int_equal(avail_model_build(rv, &m, &err), 0);
	assert_true(m.parts[0].critical);
	assert_false(m.parts[1].critical);
	assert_false(m.parts[1].spof); /* a lone copy off the critical path */
	assert_true(m.parts[2].critical);
	assert_false(m.parts[3].critical);
	assert_near(m.composite, 0.999 * 0.995, 1e-15);
	avail_model_clear(&m);

	/* Marking reports critical pulls the mailer onto the path. */
	rv->wl.components[1].not_critical = false;
	assert_int_equal(avail_model_build(rv, &m, &err), 0);
	assert_true(m.parts[3].critical);
	assert_true(m.parts[1].spof);
	assert_near(m.composite, 0.999 * 0.9 * 0.995 * 0.95, 1e-15);
	avail_model_clear(&m);
	review_free(rv);
}

static void test_model_errors(void **state)
{
	struct review *rv = review_new();
	struct avail_model m;
	struct avail_summary s;
	struct wa_err err;
	struct component *c;
	(void)state;

	c = add_component(rv, "mystery", "Mainframe", 2, REDUNDANCY_DEFAULT);
	err_clear(&err);
	assert_int_equal(avail_model_build(rv, &m, &err), -1);
	assert_non_null(strstr(err.msg, "no published figure for 'Mainframe'"));
	assert_int_equal(avail_summarize_at(rv, 0, &s, &err), -1);
	assert_int_equal(avail_component_check(c, &err), -1);
	c->availability = 99;
	assert_int_equal(avail_component_check(c, &err), 0);
	free(c->service);
	c->service = NULL;
	c->availability = -1;
	assert_int_equal(avail_component_check(c, &err), -1);
	assert_non_null(strstr(err.msg, "no service and no availability"));
	c->availability = 99;
	c->depends_on = strv(1, "ghost");
	c->n_depends_on = 1;
	assert_int_equal(avail_model_build(rv, &m, &err), -1);
	assert_non_null(strstr(err.msg, "'ghost'"));
	review_free(rv);
}

static void test_service_table(void **state)
{
	static const struct {
		const char *text, *key;
	} cases[] = {
		{ "RDS Aurora", "aurora" },
		{ "RDS MySQL", "rds" },
		{ "Amazon RDS for PostgreSQL", "rds" },
		{ "Application Load Balancer", "elb" },
		{ "EC2 instances in Auto Scaling Group", "ec2" },
		{ "ecs", "ecs" },
		{ "AWS Fargate", "ecs" },
		{ "DynamoDB global tables", "dynamodb-global" },
		{ "Amazon DynamoDB", "dynamodb" },
		{ "ElastiCache for Redis", "elasticache" },
		{ "route_53", "route53" },
		{ "S3", "s3" },
	};
	(void)state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct avail_service *e =
		        avail_service_find(cases[i].text, strlen(cases[i].text));
		if (!e || strcmp(e->key, cases[i].key) != 0)
			fail_msg("'%s' matched %s, expected %s", cases[i].text,
			         e ? e->key : "nothing", cases[i].key);
	}
	/* Whole words only: "crds" and "s3cret" name nothing. */
	assert_null(avail_service_find("crds s3cret", 11));
	assert_null(avail_service_find("Mainframe", 9));
	/* Every entry has a source and sensible figures. */
	for (size_t i = 0; i < avail_n_services; i++) {
		const struct avail_service *e = &avail_services[i];
		assert_true(strncmp(e->source, "https://aws.amazon.com/", 23) == 0);
		assert_true(e->single > 90 && e->single <= e->multi_az && e->multi_az <= 100);
		assert_true(!e->managed || e->single == e->multi_az);
	}
}

static void test_measured(void **state)
{
	struct review *rv = review_new();
	struct avail_summary s;
	struct avail_measured me;
	struct wa_err err;
	long long now;
	(void)state;

	/* Created 2026-10-01; a 45-minute full outage and a one-hour partial one; now is
	 * 2026-10-31, 30 days (2,592,000 s) later. Downtime 2700 + 0.5 * 3600 = 4500 s. */
	rv->created = xstrdup("2026-10-01T00:00:00Z");
	rv->wl.availability = 99.9;
	rv->wl.downtime_cost_per_hour = 1000;
	add_incident(rv, "2026-10-20T12:00:00Z", 3600, IMPACT_PARTIAL);
	add_incident(rv, "2026-10-10", 2700, IMPACT_FULL);
	assert_int_equal(avail_parse_date("2026-10-31", &now), 0);
	err_clear(&err);
	assert_int_equal(avail_measure(rv, now, &me, &err), 0);
	assert_int_equal(me.end - me.start, 2592000);
	assert_near(me.downtime, 4500, 0);
	assert_near(me.availability, 1 - 4500.0 / 2592000, 1e-15);
	assert_int_equal(me.n_partial, 1);
	/* MTTR: (2700 + 3600) / 2 = 3150 s; MTBF: (2,592,000 - 6,300) / 2 = 1,292,850 s. */
	assert_near(me.mttr, 3150, 0);
	assert_near(me.mtbf, 1292850, 0);

	assert_int_equal(avail_summarize_at(rv, now, &s, &err), 0);
	assert_false(s.have_components);
	assert_true(s.have_incidents);
	assert_near(s.measured, 1 - 4500.0 / 2592000, 1e-15);
	assert_near(s.mttr_hours, 0.875, 1e-12);
	assert_near(s.mtbf_hours, 359.125, 1e-9);
	assert_false(s.meets_target); /* 99.826% against 99.9% */
	assert_true(s.have_cost);     /* on the measured figure without components */
	assert_near(s.cost_per_year_computed, (4500.0 / 2592000) * 8760 * 1000, 1e-6);
	avail_summary_clear(&s);

	/* History from before the review was created: the period starts at the first one. */
	free(rv->created);
	rv->created = xstrdup("2026-10-15T00:00:00Z");
	assert_int_equal(avail_measure(rv, now, &me, &err), 0);
	assert_int_equal(me.end - me.start, 21 * 86400);

	/* An incident that ends after now is inconsistent. */
	add_incident(rv, "2026-10-30T23:30:00Z", 3600, IMPACT_FULL);
	assert_int_equal(avail_measure(rv, now, &me, &err), -1);
	assert_non_null(strstr(err.msg, "after now"));
	assert_int_equal(avail_summarize_at(rv, now, &s, &err), -1);
	review_free(rv);
}

static void test_merge(void **state)
{
	struct review *rv = review_new();
	struct incident add[3] = {
		{ xstrdup("2026-10-05"), 600, IMPACT_FULL, NULL },
		{ xstrdup("2026-10-01T00:00Z"), 60, IMPACT_FULL, xstrdup("same as recorded") },
		{ xstrdup("2026-09-01"), 60, IMPACT_PARTIAL, NULL },
	};
	size_t added, skipped;
	(void)state;

	add_incident(rv, "2026-10-01", 60, IMPACT_FULL);
	avail_incidents_merge(rv, add, 3, false, &added, &skipped);
	assert_int_equal(added, 2);
	assert_int_equal(skipped, 1);
	assert_int_equal(rv->n_incidents, 3);
	/* Sorted by start. */
	assert_string_equal(rv->incidents[0].date, "2026-09-01");
	assert_string_equal(rv->incidents[1].date, "2026-10-01");
	assert_string_equal(rv->incidents[2].date, "2026-10-05");
	for (size_t i = 0; i < 3; i++)
		incident_clear(&add[i]);

	struct incident again[1] = { { xstrdup("2026-11-01"), 5, IMPACT_FULL, NULL } };
	avail_incidents_merge(rv, again, 1, true, &added, &skipped);
	assert_int_equal(rv->n_incidents, 1);
	assert_int_equal(added, 1);
	incident_clear(&again[0]);
	review_free(rv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_guide_workload),
		cmocka_unit_test(test_summary_components),
		cmocka_unit_test(test_meets_target_at_equality),
		cmocka_unit_test(test_redundancy_rules),
		cmocka_unit_test(test_critical_path),
		cmocka_unit_test(test_model_errors),
		cmocka_unit_test(test_service_table),
		cmocka_unit_test(test_measured),
		cmocka_unit_test(test_merge),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
