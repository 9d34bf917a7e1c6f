/* Probes in the question set: a probe that loads keeps what it declares, and each kind of
 * mistake is refused at the file, line and column where it is written. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/qset.h"
#include "store/qset_load.h"
#include "util/err.h"
#include "util/xalloc.h"

static const char SET[] = "set:\n  id: t\n  name: T\n  pillar: reliability\n"
                          "  framework_version: \"1\"\n  areas: [a.yaml]\n";

/* Question REL01 with two best practices (lines 1-22), then "    probes:" on line 23 and
 * the probes text from line 24 on; REL02 follows when two is set. */
static const char HEAD[] =
        "area: {id: a, title: A}\n"                                                      /* 1 */
        "questions:\n"                                                                   /* 2 */
        "  - id: REL01\n"                                                                /* 3 */
        "    title: Q?\n"                                                                /* 4 */
        "    description: D\n"                                                           /* 5 */
        "    wa_question_id: q-1\n"                                                      /* 6 */
        "    none_choice_id: none_1\n"                                                   /* 7 */
        "    best_practices:\n"                                                          /* 8 */
        "      - id: REL01-BP01\n"                                                       /* 9 */
        "        title: T\n"                                                             /* 10 */
        "        choice_id: c1\n"                                                        /* 11 */
        "        risk: high\n"                                                           /* 12 */
        "        effort: low\n"                                                          /* 13 */
        "        description: D\n"                                                       /* 14 */
        "        why: W\n"                                                               /* 15 */
        "        steps: [s]\n"                                                           /* 16 */
        "        links: [{title: L, url: \"https://example.com/x\"}]\n"                  /* 17 */
        "      - {id: REL01-BP02, title: T, choice_id: c2, risk: medium, effort: low,\n" /* 18 */
        "         description: D, why: W, steps: [s],\n"                                 /* 19 */
        "         links: [{title: L, url: \"https://example.com/y\"}]}\n"                /* 20 */
        "      - {id: REL01-BP03, title: T, choice_id: c3, risk: low, effort: low,\n"    /* 21 */
        "         description: D, why: W, steps: [s], links: [{title: L, url: "
        "\"https://e.com/z\"}]}\n" /* 22 */
        "    probes:\n";           /* 23 */

static const char REL02[] =
        "  - id: REL02\n    title: Q?\n    description: D\n    wa_question_id: q-2\n"
        "    none_choice_id: none_2\n    best_practices:\n"
        "      - {id: REL02-BP01, title: T, choice_id: c4, risk: high, effort: low,\n"
        "         description: D, why: W, steps: [s], links: [{title: L, url: "
        "\"https://e.com/w\"}]}\n"
        "    probes:\n";

/* A valid probe, as lines 24-33 when it comes first. */
#define GOOD(id)                                                                                   \
	"      - id: " id "\n"                                             /* 24 */                \
	"        title: DB instances are Multi-AZ\n"                       /* 25 */                \
	"        evidence_for: [REL01-BP01]\n"                             /* 26 */                \
	"        scope: regional\n"                                        /* 27 */                \
	"        call: rds DescribeDBInstances\n"                          /* 28 */                \
	"        resources: \"DBInstances[].DBInstanceIdentifier\"\n"      /* 29 */                \
	"        query: \"DBInstances[?!MultiAZ].DBInstanceIdentifier\"\n" /* 30 */                \
	"        expect: empty\n"                                          /* 31 */                \
	"        finding: \"{count} of {total} single-AZ: {resources}\"\n" /* 32 */                \
	"        passed: \"all {total} Multi-AZ in {region}\"\n"           /* 33 */

struct mem {
	char *a;
};

static int mem_source(void *ctx, const char *name, char **text, size_t *len, const char **label,
                      struct wa_err *err)
{
	struct mem *m = ctx;
	const char *t = !strcmp(name, "set.yaml") ? SET : !strcmp(name, "a.yaml") ? m->a : NULL;

	*label = name;
	if (!t)
		return err_set(err, name, 0, 0, "No such file or directory");
	*text = xstrdup(t);
	*len = strlen(t);
	return 0;
}

static struct qset *load_ok(const char *probes)
{
	struct mem m = { xasprintf("%s%s", HEAD, probes) };
	struct qset *qs = NULL;
	struct wa_err err;

	err_clear(&err);
	if (qset_load(mem_source, &m, &qs, &err)) {
		char buf[1600];
		fail_msg("load failed: %s", err_format(&err, buf, sizeof(buf)));
	}
	free(m.a);
	return qs;
}

/* Loads HEAD + probes, expects an error at a.yaml:line:col whose message holds needle. */
static void load_fails(const char *probes, int line, int col, const char *needle)
{
	struct mem m = { xasprintf("%s%s", HEAD, probes) };
	struct qset *qs = NULL;
	struct wa_err err;

	err_clear(&err);
	assert_int_equal(qset_load(mem_source, &m, &qs, &err), -1);
	assert_null(qs);
	if (strcmp(err.where, "a.yaml") || err.line != line || err.col != col ||
	    !strstr(err.msg, needle))
		fail_msg("expected a.yaml:%d:%d: …%s…\n     got %s:%d:%d: %s", line, col, needle,
		         err.where, err.line, err.col, err.msg);
	free(m.a);
}

/* GOOD with one line (1-based within the probe, 1 = the id line) replaced by repl ("" to
 * drop it). */
static char *good_with(int n, const char *repl)
{
	const char *src = GOOD("p1");
	char *out = xcalloc(strlen(src) + strlen(repl) + 1, 1);
	int line = 1;

	for (const char *s = src; *s;) {
		const char *e = strchr(s, '\n') + 1;
		if (line == n)
			strcat(out, repl);
		else
			strncat(out, s, (size_t)(e - s));
		s = e;
		line++;
	}
	return out;
}

static void fails_with(int n, const char *repl, int line, int col, const char *needle)
{
	char *p = good_with(n, repl);
	load_fails(p, line, col, needle);
	free(p);
}

static void test_good_probe_loads(void **state)
{
	(void)state;
	struct qset *qs = load_ok(
	        GOOD("p1") "      - id: versioning\n"
	                   "        title: Buckets keep versions\n"
	                   "        evidence_for: [REL01-BP01, REL01-BP02]\n"
	                   "        scope: global\n"
	                   "        call: s3 ListBuckets\n"
	                   "        each:\n"
	                   "          items: \"Buckets[].{name: Name, region: BucketRegion}\"\n"
	                   "          call: s3 GetBucketReplication\n"
	                   "          params: {Bucket: \"{item.name}\", Note: \"{{literal}}\"}\n"
	                   "          region: \"{item.region}\"\n"
	                   "          empty_on: [ReplicationConfigurationNotFoundError]\n"
	                   "        resources: \"[].item.name\"\n"
	                   "        query: \"[].item.name\"\n"
	                   "        expect: {min_distinct: 2}\n"
	                   "        finding: \"only {count} (want {expected})\"\n"
	                   "      - id: plans\n"
	                   "        title: Backup plans exist\n"
	                   "        evidence_for: [REL01-BP03]\n"
	                   "        scope: regional\n"
	                   "        pass_in: any_region\n"
	                   "        call: backup ListBackupPlans\n"
	                   "        params: {IncludeDeleted: false}\n"
	                   "        query: \"BackupPlansList\"\n"
	                   "        expect: {equals: [1, \"a\"]}\n" /* fails on nothing: no
	                                                               resources needed */
	                   "        finding: \"no plan in {region}: {value}\"\n");
	const struct question *q;
	const struct probe *p = qset_find_probe(qs, "p1", &q), *v, *b;

	assert_non_null(p);
	assert_string_equal(q->id, "REL01");
	assert_int_equal(q->n_probes, 3);
	assert_int_equal(p->scope, PROBE_REGIONAL);
	assert_false(p->any_region);
	assert_string_equal(p->call.service, "rds");
	assert_string_equal(p->call.operation, "DescribeDBInstances");
	assert_null(p->call.params);
	assert_null(p->each.service);
	assert_int_equal(p->expect, EXPECT_EMPTY);
	assert_string_equal(p->passed, "all {total} Multi-AZ in {region}");

	v = qset_find_probe(qs, "versioning", NULL);
	assert_int_equal(v->scope, PROBE_GLOBAL);
	assert_int_equal(v->n_bps, 2);
	assert_string_equal(v->bps[1], "REL01-BP02");
	assert_string_equal(v->each.service, "s3");
	assert_string_equal(v->each.operation, "GetBucketReplication");
	assert_string_equal(cJSON_GetObjectItem(v->each.params, "Bucket")->valuestring,
	                    "{item.name}");
	assert_string_equal(v->each_region, "{item.region}");
	assert_int_equal(v->each.n_empty_on, 1);
	assert_int_equal(v->expect, EXPECT_MIN_DISTINCT);
	assert_int_equal(v->expect_n, 2);
	assert_null(v->passed);

	b = qset_find_probe(qs, "plans", NULL);
	assert_true(b->any_region);
	assert_true(cJSON_IsFalse(cJSON_GetObjectItem(b->call.params, "IncludeDeleted")));
	assert_int_equal(b->expect, EXPECT_EQUALS);
	assert_int_equal(cJSON_GetArraySize(b->expect_value), 2);
	assert_null(qset_find_probe(qs, "nope", NULL));
	qset_free(qs);
}

static void test_unknown_and_missing_keys(void **state)
{
	(void)state;
	fails_with(4, "        scoop: regional\n", 27, 9, "unknown key 'scoop'");
	fails_with(7, "", 24, 9, "missing required key 'query'");
	fails_with(2, "        title: \"\"\n", 25, 16, "title: must not be empty");
}

static void test_bad_and_duplicate_ids(void **state)
{
	(void)state;
	fails_with(1, "      - id: RDS_multi\n", 24, 13, "probe id 'RDS_multi' may hold only");
	fails_with(1, "      - id: trailing-\n", 24, 13, "may hold only");
	load_fails(GOOD("p1") GOOD("p1"), 34, 13,
	           "duplicate probe ID 'p1' (already defined at a.yaml:24)");
	{
		/* IDs are unique across questions too. */
		char *t = xasprintf(
		        "%s%s%s", GOOD("p1"), REL02,
		        "      - id: p1\n        title: T\n        evidence_for: [REL02-BP01]\n"
		        "        scope: regional\n        call: rds DescribeDBInstances\n"
		        "        query: \"a\"\n        expect: not_empty\n"
		        "        finding: f\n");
		load_fails(t, 43, 13, "duplicate probe ID 'p1'");
		free(t);
	}
}

static void test_evidence_for(void **state)
{
	(void)state;
	fails_with(3, "        evidence_for: [REL01-BP01, REL01-BP09]\n", 26, 36,
	           "'REL01-BP09' is not a best practice of REL01 (REL01-BP01 to REL01-BP03)");
	fails_with(3, "        evidence_for: [REL02-BP01]\n", 26, 24,
	           "not a best practice of REL01");
	fails_with(3, "        evidence_for: []\n", 26, 23, "name at least one best practice");
	fails_with(3, "        evidence_for: [REL01-BP01, REL01-BP01]\n", 26, 36, "listed twice");
	fails_with(3, "        evidence_for: REL01-BP01\n", 26, 23, "expected a list");
}

static void test_scope_and_pass_in(void **state)
{
	(void)state;
	fails_with(4, "        scope: everywhere\n", 27, 16, "scope: expected regional");
	fails_with(4, "        scope: regional\n        pass_in: some_region\n", 28, 18,
	           "pass_in: expected every_region");
	fails_with(4, "        scope: global\n        pass_in: any_region\n", 28, 18,
	           "a global probe runs once");
}

static void test_call(void **state)
{
	(void)state;
	fails_with(5, "        call: rds\n", 28, 15, "expected 'service Operation'");
	fails_with(5, "        call: rds  DescribeDBInstances\n", 28, 15,
	           "expected 'service Operation'");
	fails_with(5, "        call: rdss DescribeDBInstances\n", 28, 15,
	           "unknown service 'rdss' (known: apigateway,");
	fails_with(5, "        call: rds DeleteDBInstance\n", 28, 19,
	           "'DeleteDBInstance' is not a read-only operation");
	fails_with(5, "        call: rds DescribeDBInstance\n", 28, 19,
	           "rds has no operation 'DescribeDBInstance' (did you mean DescribeDBInstances?)");
	fails_with(5, "        call: \"rds Describe-DB\"\n", 28, 20, "not a read-only operation");
}

static void test_params(void **state)
{
	(void)state;
	fails_with(5, "        call: rds DescribeDBInstances\n        params: [a]\n", 29, 17,
	           "params: expected a mapping");
	fails_with(5,
	           "        call: rds DescribeDBInstances\n"
	           "        params: {DBInstanceIdentifier: \"db-{item}\"}\n",
	           29, 45, "items exist only in a fan-out call ('each')");
	/* The sweep's times are known to a first call: a time window in its parameters. */
	fails_with(5,
	           "        call: rds DescribeDBInstances\n"
	           "        params: {StartTime: \"{days_ago_9}\"}\n",
	           29, 31, "unknown name '{days_ago_9}': here a template names a time");
	fails_with(5, "        call: rds DescribeDBInstances\n        empty_on: [\"Not Found\"]\n",
	           29, 21, "empty_on: 'Not Found' is not an AWS error code");
}

static void test_fanout(void **state)
{
	(void)state;
	/* The each block replaces the resources line (29): each at 29, items 30, call 31. */
	fails_with(6,
	           "        each:\n          call: rds DescribeDBSnapshots\n"
	           "        resources: \"a\"\n",
	           30, 11, "each: missing required key 'items'");
	fails_with(6,
	           "        each:\n          items: \"DBInstances[?\"\n"
	           "          call: rds DescribeDBSnapshots\n        resources: \"a\"\n",
	           30, 32, "each.items: syntax error");
	fails_with(
	        6,
	        "        each:\n          items: \"a\"\n          call: rds DescribeDBSnapshots\n"
	        "          params: {DBInstanceIdentifier: \"{itm.id}\"}\n"
	        "        resources: \"a\"\n",
	        32, 44, "unknown name '{itm.id}'");
	fails_with(
	        6,
	        "        each:\n          items: \"a\"\n          call: rds DescribeDBSnapshots\n"
	        "          region: eu-west-1\n        resources: \"a\"\n",
	        32, 19, "each.region: name the item's Region");
	fails_with(
	        6,
	        "        each:\n          items: \"a\"\n          call: rds DescribeDBSnapshots\n"
	        "          frobnicate: 1\n        resources: \"a\"\n",
	        32, 11, "unknown key 'frobnicate'");
}

static void test_jmespath_errors_point_into_the_expression(void **state)
{
	(void)state;
	/* resources: "DBInstances[].DBInstanceIdentifier" starts at column 20 (after the quote). */
	fails_with(6, "        resources: \"DBInstances[?MultiAZ ==]\"\n", 29, 44,
	           "resources: syntax error at column 24");
	fails_with(7, "        query: \"length(DBInstances, `1`)\"\n", 30, 17,
	           "query: invalid-arity error");
	fails_with(7, "        query: \"DBInstances | nosuch(@)\"\n", 30, 31,
	           "query: unknown-function error");
	/* In a block scalar the expression's own column is still in the message. */
	fails_with(7, "        query: >-\n          DBInstances[?\n", 30, 16,
	           "syntax error at column 14");
}

static void test_expect(void **state)
{
	(void)state;
	fails_with(8, "        expect: nothing\n", 31, 17, "'nothing' is not a criterion");
	fails_with(8, "        expect: min_count\n", 31, 17, "min_count needs a value");
	fails_with(8, "        expect: {min_count: 0}\n", 31, 29, "min_count must be 1 or more");
	fails_with(8, "        expect: {max_count: -1}\n", 31, 29, "max_count must be 0 or more");
	fails_with(8, "        expect: {min_count: two}\n", 31, 29, "expected a whole number");
	fails_with(8, "        expect: {empty: true}\n", 31, 18, "'empty' takes no value");
	fails_with(8, "        expect: {min_count: 1, max_count: 3}\n", 31, 17,
	           "give one criterion");
	/* Criteria that hold on nothing need resources, lest "none found" read as a pass. */
	fails_with(6, "", 30, 17,
	           "expect: empty cannot tell nothing found from nothing wrong; "
	           "add 'resources'");
	/* equals a value that finding nothing also gives: the same. */
	load_fails("      - id: p1\n        title: T\n        evidence_for: [REL01-BP01]\n"
	           "        scope: regional\n        call: backup ListBackupPlans\n"
	           "        query: \"BackupPlansList\"\n        expect: {equals: []}\n"
	           "        finding: f\n",
	           30, 17, "expect: equals cannot tell nothing found");
}

/* proves: stated or inferred from the criterion; an existence criterion cannot claim
 * every resource, nor can a probe without resources. */
static void test_proves(void **state)
{
	struct qset *qs;
	const struct probe *p;

	(void)state;
	qs = load_ok(GOOD("p1") "      - id: plans\n        title: T\n"
	                        "        evidence_for: [REL01-BP01]\n        scope: regional\n"
	                        "        call: backup ListBackupPlans\n"
	                        "        query: \"BackupPlansList\"\n        expect: not_empty\n"
	                        "        finding: f\n");
	p = qset_find_probe(qs, "p1", NULL);
	assert_int_equal(p->proves, PROVES_EVERY_RESOURCE);
	p = qset_find_probe(qs, "plans", NULL);
	assert_int_equal(p->proves, PROVES_EXISTENCE);
	qset_free(qs);
	/* a weaker claim than the criterion allows is fine */
	qs = load_ok(GOOD("p1") "        proves: existence\n");
	assert_int_equal(qset_find_probe(qs, "p1", NULL)->proves, PROVES_EXISTENCE);
	qset_free(qs);
	load_fails(GOOD("p1") "        proves: all\n", 34, 17, "proves: expected every_resource");
	/* passing in one Region can only show existence */
	qs = load_ok(GOOD("p1") "        pass_in: any_region\n");
	assert_int_equal(qset_find_probe(qs, "p1", NULL)->proves, PROVES_EXISTENCE);
	qset_free(qs);
	load_fails(GOOD("p1") "        pass_in: any_region\n        proves: every_resource\n", 35,
	           17, "pass_in: any_region is for existence probes");
	load_fails("      - id: plans\n        title: T\n        evidence_for: [REL01-BP01]\n"
	           "        scope: regional\n        call: backup ListBackupPlans\n"
	           "        resources: \"BackupPlansList\"\n"
	           "        query: \"BackupPlansList\"\n        expect: not_empty\n"
	           "        proves: every_resource\n        finding: f\n",
	           32, 17, "not_empty only shows that something exists");
	/* part: every resource, one part of the practice; held to every_resource's rules */
	qs = load_ok(GOOD("p1") "        proves: part\n");
	assert_int_equal(qset_find_probe(qs, "p1", NULL)->proves, PROVES_PART);
	qset_free(qs);
	load_fails(GOOD("p1") "        pass_in: any_region\n        proves: part\n", 35, 17,
	           "proves: part is judged in every Region");
	load_fails("      - id: plans\n        title: T\n        evidence_for: [REL01-BP01]\n"
	           "        scope: regional\n        call: backup ListBackupPlans\n"
	           "        query: \"BackupPlansList[?x]\"\n        expect: empty\n"
	           "        proves: part\n        finding: f\n",
	           31, 17, "proves: part needs 'resources'");
}

/* with: further calls bound as $name; names are checked, and expressions may use them
 * (but no other variable). */
static void test_with_calls(void **state)
{
	struct qset *qs;
	const struct probe *p;

	(void)state;
	qs = load_ok(
	        "      - id: nat\n        title: T\n        evidence_for: [REL01-BP01]\n"
	        "        scope: regional\n        call: ec2 DescribeNatGateways\n"
	        "        with:\n          subnets: ec2 DescribeSubnets\n"
	        "          tables: {call: ec2 DescribeRouteTables, params: {MaxResults: 100}}\n"
	        "        resources: \"$subnets.Subnets[].SubnetId\"\n"
	        "        defaults: \"$subnets.Subnets[?DefaultForAz].SubnetId\"\n"
	        "        query: \"let $n = NatGateways[].SubnetId in "
	        "$subnets.Subnets[?!contains($n, SubnetId)].SubnetId\"\n"
	        "        expect: empty\n        finding: f\n");
	p = qset_find_probe(qs, "nat", NULL);
	assert_int_equal(p->n_with, 2);
	assert_string_equal(p->with[0].name, "subnets");
	assert_string_equal(p->with[0].call.operation, "DescribeSubnets");
	assert_string_equal(p->with[1].name, "tables");
	assert_non_null(cJSON_GetObjectItem(p->with[1].call.params, "MaxResults"));
	assert_non_null(p->defaults);
	qset_free(qs);
	load_fails(GOOD("p1") "        with: {Subnets: ec2 DescribeSubnets}\n", 34, 16,
	           "with: 'Subnets' must be a variable name");
	load_fails(GOOD("p1") "        with: {subnets: ec2 DeleteSubnet}\n", 34, 29,
	           "not a read-only operation");
	load_fails(GOOD("p1") "        with: [ec2 DescribeSubnets]\n", 34, 15,
	           "with: expected a mapping");
	/* a variable no 'with' binds */
	fails_with(7, "        query: \"$subnets\"\n", 30, 17, "undefined-variable error");
	/* defaults are left out of resources, so they need them */
	load_fails("      - id: p1\n        title: T\n        evidence_for: [REL01-BP01]\n"
	           "        scope: regional\n        call: backup ListBackupPlans\n"
	           "        defaults: \"BackupPlansList\"\n"
	           "        query: \"BackupPlansList\"\n        expect: not_empty\n"
	           "        finding: f\n",
	           29, 20, "defaults: left out of 'resources'");
	/* no_overlap judges each range examined */
	{
		char *g = good_with(8, "        expect: no_overlap\n");

		qs = load_ok(g);
		p = qset_find_probe(qs, "p1", NULL);
		assert_int_equal(p->expect, EXPECT_NO_OVERLAP);
		assert_int_equal(p->proves, PROVES_EVERY_RESOURCE);
		qset_free(qs);
		free(g);
	}
}

/* The sweep's times are variables of every probe; no 'with' may take their names. */
static void test_time_variables(void **state)
{
	struct qset *qs;
	char *g = good_with(7, "        query: \"DBInstances[?InstanceCreateTime < $days_ago_30]."
	                       "DBInstanceIdentifier\"\n");

	(void)state;
	qs = load_ok(g);
	assert_non_null(qset_find_probe(qs, "p1", NULL));
	qset_free(qs);
	free(g);
	load_fails(GOOD("p1") "        with: {now: ec2 DescribeSubnets}\n", 34, 16,
	           "with: 'now' is a time the sweep binds ($now)");
	fails_with(7, "        query: \"$days_ago_2\"\n", 30, 17, "undefined-variable error");
	/* ... and of a call's parameters: a window the request itself asks for. */
	g = good_with(5, "        call: cloudtrail LookupEvents\n"
	                 "        params: {StartTime: \"{days_ago_7}\", Note: \"since {now}\"}\n");
	qs = load_ok(g);
	assert_string_equal(
	        cJSON_GetObjectItem(qset_find_probe(qs, "p1", NULL)->call.params, "StartTime")
	                ->valuestring,
	        "{days_ago_7}");
	qset_free(qs);
	free(g);
}

/* A question's AWS Config rules become probes of their own, marked as from Config. */
static void test_config_rules(void **state)
{
	struct qset *qs;
	const struct probe *p;

	(void)state;
	qs = load_ok(GOOD("p1") "    config_rules:\n"
	                        "      - {rule: LAMBDA_DLQ_CHECK, name: lambda-dlq-check,\n"
	                        "         resource_type: \"AWS::Lambda::Function\",\n"
	                        "         evidence_for: [REL01-BP02], same_as: p1}\n"
	                        "      - {rule: CLOUD_TRAIL_ENABLED, name: cloud-trail-enabled,\n"
	                        "         resource_type: \"AWS::::Account\", evidence_for: "
	                        "[REL01-BP01]}\n"
	                        "      - {rule: ELB_LOGGING_ENABLED, name: elb-logging-enabled,\n"
	                        "         resource_type: "
	                        "\"AWS::ElasticLoadBalancingV2::LoadBalancer\",\n"
	                        "         evidence_for: [REL01-BP01]}\n");
	assert_int_equal(qs->questions[0].n_probes, 4);
	p = qset_find_probe(qs, "config-lambda-dlq-check", NULL);
	assert_non_null(p);
	assert_int_equal(p->source, SOURCE_CONFIG);
	assert_string_equal(p->config_rule, "LAMBDA_DLQ_CHECK");
	assert_string_equal(p->same_as, "p1");
	assert_string_equal(p->scope_service, "lambda");
	assert_false(p->account_wide);
	assert_int_equal(p->proves, PROVES_EVERY_RESOURCE);
	assert_string_equal(p->call.service, "config");
	assert_string_equal(p->call.operation, "DescribeConfigRules");
	assert_string_equal(p->each.operation, "GetComplianceDetailsByConfigRule");
	assert_non_null(strstr(p->each_items, "SourceIdentifier == 'LAMBDA_DLQ_CHECK'"));
	p = qset_find_probe(qs, "config-cloud-trail-enabled", NULL);
	assert_true(p->account_wide);
	assert_null(p->scope_service);
	assert_string_equal(qset_find_probe(qs, "config-elb-logging-enabled", NULL)->scope_service,
	                    "elasticloadbalancing");
	assert_int_equal(qset_find_probe(qs, "p1", NULL)->source, SOURCE_PROBE);
	qset_free(qs);
#define RULE(extra) GOOD("p1") "    config_rules:\n      - {" extra "}\n"
	load_fails(RULE("rule: lambda_dlq, name: x, resource_type: \"AWS::Lambda::Function\", "
	                "evidence_for: [REL01-BP01]"),
	           35, 16, "'lambda_dlq' is not a managed rule's identifier");
	load_fails(RULE("rule: X, name: Bad_Name, resource_type: \"AWS::Lambda::Function\", "
	                "evidence_for: [REL01-BP01]"),
	           35, 25, "name 'Bad_Name' may hold only");
	load_fails(RULE("rule: X, name: x, resource_type: Lambda, evidence_for: [REL01-BP01]"), 35,
	           43, "resource_type 'Lambda' is not a type");
	load_fails(RULE("rule: X, name: x, resource_type: \"AWS::Lambda::Function\", "
	                "evidence_for: [REL02-BP01]"),
	           35, 83, "'REL02-BP01' is not a best practice of REL01");
	load_fails(RULE("rule: X, name: x, resource_type: \"AWS::Lambda::Function\", "
	                "evidence_for: [REL01-BP01], same_as: p9"),
	           35, 105, "same_as: 'p9' is not a probe of REL01");
	load_fails(RULE("rule: X, name: x, resource_type: \"AWS::Lambda::Function\", "
	                "evidence_for: [REL01-BP01], colour: red"),
	           35, 96, "colour");
	load_fails(GOOD("p1") "    config_rules:\n"
	                      "      - {rule: X, name: x, resource_type: \"AWS::::Account\", "
	                      "evidence_for: [REL01-BP01]}\n"
	                      "      - {rule: Y, name: x, resource_type: \"AWS::::Account\", "
	                      "evidence_for: [REL01-BP01]}\n",
	           36, 25, "duplicate probe ID 'config-x'");
#undef RULE
}

static void test_templates(void **state)
{
	(void)state;
	/* finding: "…" starts at column 18; the text at 19. */
	fails_with(9, "        finding: \"{count} of {cnt}\"\n", 32, 31,
	           "unknown name '{cnt}' (known: {count}, {total}, {resources}, {value}, "
	           "{expected}, {region})");
	fails_with(9, "        finding: \"{expected} wanted\"\n", 32, 20,
	           "{expected} is the value of a criterion such as min_count; 'empty' has none");
	fails_with(9, "        finding: \"{count\"\n", 32, 19, "'{' without a closing '}'");
	fails_with(9, "        finding: \"a } b\"\n", 32, 21, "a lone '}'");
	fails_with(9, "        finding: \"{9lives}\"\n", 32, 20, "expected a name");
	fails_with(10, "        passed: \"{item}\"\n", 33, 19, "unknown name '{item}'");
	/* {total} counts what resources selects: without resources it has nothing to count. */
	load_fails("      - id: p1\n        title: T\n        evidence_for: [REL01-BP01]\n"
	           "        scope: regional\n        call: backup ListBackupPlans\n"
	           "        query: \"a\"\n        expect: not_empty\n"
	           "        finding: \"none of {total}\"\n",
	           31, 28, "{total} counts what 'resources' selects");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_probe_loads),
		cmocka_unit_test(test_unknown_and_missing_keys),
		cmocka_unit_test(test_bad_and_duplicate_ids),
		cmocka_unit_test(test_evidence_for),
		cmocka_unit_test(test_scope_and_pass_in),
		cmocka_unit_test(test_call),
		cmocka_unit_test(test_params),
		cmocka_unit_test(test_fanout),
		cmocka_unit_test(test_jmespath_errors_point_into_the_expression),
		cmocka_unit_test(test_expect),
		cmocka_unit_test(test_proves),
		cmocka_unit_test(test_with_calls),
		cmocka_unit_test(test_time_variables),
		cmocka_unit_test(test_config_rules),
		cmocka_unit_test(test_templates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
