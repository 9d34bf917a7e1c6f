/* Sweeps through a fake caller: Regions, global probes, fan-out with per-item Regions,
 * shared calls sent once, API errors and timeouts as per-probe errors while the rest
 * completes, --regions all, the background thread, cancelling, and the snapshot. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "evidence/accounts.h"
#include "evidence/probe.h"
#include "evidence/run.h"
#include "evidence/suggest.h"
#include "store/qset_load.h"
#include "util/xalloc.h"

static const char SET[] = "set:\n  id: t\n  name: T\n  pillar: reliability\n"
                          "  framework_version: \"1\"\n  areas: [a.yaml]\n";

static const char AREA[] =
        "area: {id: a, title: A}\n"
        "questions:\n"
        "  - id: REL01\n    title: Q?\n    description: D\n    wa_question_id: q-1\n"
        "    none_choice_id: none_1\n"
        "    best_practices:\n"
        "      - {id: REL01-BP01, title: T1, choice_id: c1, risk: high, effort: low, description: "
        "D,"
        "         why: W, steps: [s], links: [{title: L, url: \"https://e.com/1\"}]}\n"
        "      - {id: REL01-BP02, title: T2, choice_id: c2, risk: high, effort: low, description: "
        "D,"
        "         why: W, steps: [s], links: [{title: L, url: \"https://e.com/2\"}]}\n"
        "      - {id: REL01-BP03, title: T3, choice_id: c3, risk: high, effort: low, description: "
        "D,"
        "         why: W, steps: [s], links: [{title: L, url: \"https://e.com/3\"}]}\n"
        "    probes:\n"
        "      - id: db-multi-az\n        title: DBs are Multi-AZ\n        evidence_for: "
        "[REL01-BP01]\n"
        "        scope: regional\n        call: rds DescribeDBInstances\n"
        "        resources: \"DBInstances[].DBInstanceIdentifier\"\n"
        "        query: \"DBInstances[?!MultiAZ].DBInstanceIdentifier\"\n        expect: empty\n"
        "        finding: \"single-AZ in {region}: {resources}\"\n"
        "      - id: db-encrypted\n        title: DBs are encrypted\n        evidence_for: "
        "[REL01-BP02]\n"
        "        scope: regional\n        call: rds DescribeDBInstances\n"
        "        resources: \"DBInstances[].DBInstanceIdentifier\"\n"
        "        query: \"DBInstances[?!StorageEncrypted].DBInstanceIdentifier\"\n        expect: "
        "empty\n"
        "        finding: \"unencrypted: {resources}\"\n"
        "      - id: versioning\n        title: Buckets keep versions\n        evidence_for: "
        "[REL01-BP02]\n"
        "        scope: global\n        call: s3 ListBuckets\n"
        "        each:\n          items: \"Buckets[].{name: Name, region: BucketRegion}\"\n"
        "          call: s3 GetBucketVersioning\n          params: {Bucket: \"{item.name}\"}\n"
        "          region: \"{item.region}\"\n"
        "        resources: \"[].item.name\"\n        query: \"[?result.Status != "
        "'Enabled'].item.name\"\n"
        "        expect: empty\n        finding: \"unversioned: {resources}\"\n"
        "      - id: replication\n        title: Buckets replicate\n        evidence_for: "
        "[REL01-BP03]\n"
        "        scope: global\n        call: s3 ListBuckets\n"
        "        each:\n          items: \"Buckets[].Name\"\n"
        "          call: s3 GetBucketReplication\n          params: {Bucket: \"{item}\"}\n"
        "          empty_on: [ReplicationConfigurationNotFoundError]\n"
        "        resources: \"[].item\"\n"
        "        query: \"[?!(result.ReplicationConfiguration)].item\"\n"
        "        expect: empty\n        finding: \"not replicated: {resources}\"\n"
        "      - id: plans\n        title: Backup plans exist\n        evidence_for: [REL01-BP03]\n"
        "        scope: regional\n        pass_in: any_region\n        call: backup "
        "ListBackupPlans\n"
        "        query: \"BackupPlansList[].BackupPlanName\"\n        expect: not_empty\n"
        "        finding: \"no plan in {region}\"\n";

static struct qset *load_set(void);

/* The fake account: what each call answers, and a log of what was asked. */
struct fake {
	int calls; /* calls answered */
	int batches;
	char log[64][128];    /* "service:Operation region params" of each call */
	int n_buckets;        /* ListBuckets returns this many (0: 3, -1: none) */
	int unversioned_from; /* buckets from this index on are unversioned too (0: none) */
	int deny_bucket;      /* GetBucketVersioning of bucket-N is denied (N+1; 0: none) */
	int fail_regions;     /* DescribeRegions fails */
	int slow_ms;          /* each batch sleeps this long */
	int own;              /* calls made as the caller's own account (account NULL) */
	int as_a, as_other;   /* calls made as account 111111111111, as any other */
	int fail_org;         /* ListAccountsForParent fails */
	int assumed;          /* roles asked for through the assume op */
	char arns[4][64];     /* the first of them */
};

static void answer(struct fake *fk, struct ev_call *c)
{
	const char *region = c->region ? c->region : "us-east-1";
	char *p = c->params ? cJSON_PrintUnformatted(c->params) : xstrdup("{}");
	const char *op = c->operation;
	char *json = NULL;

	if (fk->calls < 64)
		snprintf(fk->log[fk->calls], sizeof(fk->log[0]), "%s:%s %s %s", c->service, op,
		         c->region ? c->region : "-", p);
	fk->calls++;
	if (!c->account)
		fk->own++;
	else if (!strcmp(c->account, "111111111111"))
		fk->as_a++;
	else
		fk->as_other++;
	if (!strcmp(op, "GetCallerIdentity")) {
		json = xstrdup(
		        "{\"Account\": \"123456789012\", \"Arn\": \"a\", \"UserId\": \"u\"}");
	} else if (!strcmp(op, "DescribeRegions")) {
		if (fk->fail_regions)
			ev_call_fail(c, EV_CALL_API_ERROR, "UnauthorizedOperation", "no", 403);
		else
			json = xstrdup("{\"Regions\": [{\"RegionName\": \"us-east-1\"}, "
			               "{\"RegionName\": \"eu-west-1\"}]}");
	} else if (!strcmp(op, "DescribeDBInstances")) {
		if (!strcmp(region, "eu-west-1"))
			json = xstrdup(
			        "{\"DBInstances\": [{\"DBInstanceIdentifier\": \"orders\", "
			        "\"MultiAZ\": true, \"StorageEncrypted\": true}, "
			        "{\"DBInstanceIdentifier\": \"reports\", \"MultiAZ\": false, "
			        "\"StorageEncrypted\": true}]}");
		else if (!strcmp(region, "eu-central-1"))
			ev_call_fail(c, EV_CALL_API_ERROR, "AccessDenied", "User is not authorized",
			             403);
		else if (!strcmp(region, "ap-south-1"))
			ev_call_fail(c, EV_CALL_FAILED, NULL, "connection timed out after 10 s", 0);
		else
			json = xstrdup("{\"DBInstances\": []}");
	} else if (!strcmp(op, "ListBuckets")) {
		cJSON *b = cJSON_CreateArray(), *doc = cJSON_CreateObject();
		int n = fk->n_buckets < 0 ? 0 : fk->n_buckets ? fk->n_buckets : 3;
		for (int i = 0; i < n; i++) {
			cJSON *o = cJSON_CreateObject();
			char name[32];
			snprintf(name, sizeof(name), "bucket-%d", i);
			cJSON_AddStringToObject(o, "Name", name);
			cJSON_AddStringToObject(o, "BucketRegion",
			                        i == 2 ? "eu-central-1" : "eu-west-1");
			cJSON_AddItemToArray(b, o);
		}
		cJSON_AddItemToObject(doc, "Buckets", b);
		json = cJSON_PrintUnformatted(doc);
		cJSON_Delete(doc);
	} else if (!strcmp(op, "GetBucketVersioning")) {
		const char *name = cJSON_GetObjectItem(c->params, "Bucket")->valuestring;
		int idx = atoi(name + 7);
		if (fk->deny_bucket && idx == fk->deny_bucket - 1)
			ev_call_fail(c, EV_CALL_API_ERROR, "AccessDenied", "not yours", 403);
		else
			json = xstrdup(
			        idx == 1 || (fk->unversioned_from && idx >= fk->unversioned_from)
			                ? "{}"
			                : "{\"Status\": \"Enabled\"}");
	} else if (!strcmp(op, "GetBucketReplication")) {
		const char *name = cJSON_GetObjectItem(c->params, "Bucket")->valuestring;
		if (!strcmp(name, "bucket-0"))
			json = xstrdup(
			        "{\"ReplicationConfiguration\": {\"Role\": \"r\", \"Rules\": []}}");
		else if (!strcmp(name, "bucket-1"))
			ev_call_fail(c, EV_CALL_API_ERROR, "ReplicationConfigurationNotFoundError",
			             "none", 404);
		else
			ev_call_fail(c, EV_CALL_API_ERROR, "Throttling", "Rate exceeded", 400);
	} else if (!strcmp(op, "ListAccountsForParent")) {
		if (fk->fail_org)
			ev_call_fail(c, EV_CALL_API_ERROR, "ParentNotFoundException", "no such OU",
			             400);
		else /* the suspended one cannot be entered; a malformed ID is no account */
			json = xstrdup("{\"Accounts\": [{\"Id\": \"111111111111\", \"Status\": "
			               "\"ACTIVE\"}, {\"Id\": \"222222222222\", \"Status\": "
			               "\"ACTIVE\"}, {\"Id\": \"333333333333\", \"Status\": "
			               "\"SUSPENDED\"}, {\"Id\": \"12\", \"Status\": \"ACTIVE\"}, "
			               "{\"Id\": \"111111111111\", \"Status\": \"ACTIVE\"}]}");
	} else if (!strcmp(op, "ListBackupPlans")) {
		json = xstrdup(!strcmp(region, "eu-west-1")
		                       ? "{\"BackupPlansList\": [{\"BackupPlanName\": \"daily\"}]}"
		                       : "{\"BackupPlansList\": []}");
	} else {
		ev_call_fail(c, EV_CALL_FAILED, NULL, "unexpected call", 0);
	}
	if (json) {
		c->status = EV_CALL_OK;
		c->result = cJSON_Parse(json);
		free(json);
	}
	free(p);
}

static void fake_run(void *impl, struct ev_call *calls, size_t n, ev_call_done_fn done, void *ctx)
{
	struct fake *fk = impl;

	fk->batches++;
	if (fk->slow_ms) {
		struct timespec ts = { 0, fk->slow_ms * 1000000L };
		nanosleep(&ts, NULL);
	}
	for (size_t i = 0; i < n; i++) {
		ev_call_clear(&calls[i]);
		answer(fk, &calls[i]);
		if (done)
			done(ctx, &calls[i]);
	}
}

/* STS as the fake sees it: every role but 222222222222's is assumed. */
static void fake_assume(void *impl, const char *const *accounts, const char *const *arns, size_t n,
                        const char *session, char **errors)
{
	struct fake *fk = impl;

	assert_string_equal(session, EV_ROLE_SESSION);
	for (size_t i = 0; i < n; i++) {
		if (fk->assumed < 4)
			snprintf(fk->arns[fk->assumed], sizeof(fk->arns[0]), "%s", arns[i]);
		fk->assumed++;
		if (!strcmp(accounts[i], "222222222222"))
			errors[i] = xasprintf("account %s: cannot assume role %s: AccessDenied",
			                      accounts[i], arns[i]);
	}
}

static const struct ev_caller_ops fake_ops = { .run = fake_run };
static const struct ev_caller_ops fake_sts_ops = { .run = fake_run, .assume = fake_assume };

static struct ev_caller caller_of(struct fake *fk, const char *region)
{
	struct ev_caller c = { &fake_ops, fk, (char *)region, (char *)"fake" };
	return c;
}

static int mem_source(void *ctx, const char *name, char **text, size_t *len, const char **label,
                      struct wa_err *err)
{
	const char *t = !strcmp(name, "set.yaml") ? SET : !strcmp(name, "a.yaml") ? ctx : NULL;
	*label = name;
	if (!t)
		return err_set(err, name, 0, 0, "missing");
	*text = xstrdup(t);
	*len = strlen(t);
	return 0;
}

static struct qset *load_set(void)
{
	struct qset *qs = NULL;
	struct wa_err err;

	err_clear(&err);
	if (qset_load(mem_source, (void *)AREA, &qs, &err))
		fail_msg("set: %s:%d:%d: %s", err.where, err.line, err.col, err.msg);
	return qs;
}

/* Runs a sweep to the end by stepping; returns the snapshot (or NULL when it failed). */
static struct evidence *sweep(const struct qset *qs, struct ev_caller *c, const char *question,
                              const char *const *regions, size_t n, bool all, int *steps)
{
	struct evidence_run_opts o = {
		.question = question, .regions = regions, .n_regions = n, .all_regions = all
	};
	struct evidence_run *r;
	struct evidence *ev;
	struct wa_err err;
	int k = 0;

	err_clear(&err);
	assert_int_equal(evidence_run_new(qs, c, &o, &r, &err), 0);
	while (evidence_run_step(r) > 0)
		k++;
	if (steps)
		*steps = k;
	ev = evidence_run_take(r);
	evidence_run_free(r);
	return ev;
}

static const struct finding *find(const struct evidence *ev, const char *probe)
{
	const struct finding *f = evidence_find(ev, probe);
	if (!f)
		fail_msg("no finding for %s", probe);
	return f;
}

static const struct region_result *in(const struct finding *f, const char *region)
{
	for (size_t i = 0; i < f->n_results; i++)
		if (!strcmp(f->results[i].region, region))
			return &f->results[i];
	fail_msg("%s has no result for %s", f->probe, region);
	return NULL;
}

static int logged(const struct fake *fk, const char *needle)
{
	int n = 0;
	for (int i = 0; i < fk->calls && i < 64; i++)
		n += strstr(fk->log[i], needle) != NULL;
	return n;
}

/* Several accounts: one role assumed, one not. The sweep keeps the one-account batching
 * (first calls, then fan-out), sends every call as the account it is for and none as the
 * caller's own or to the account without a role, whose every result is its error; each
 * result names its account. Role ARNs follow the default Region's partition. */
static void test_accounts(void **state)
{
	(void)state;
	struct qset *qs = load_set();
	struct fake fk = { 0 };
	struct ev_caller c = caller_of(&fk, "us-east-1");
	const char *regions[] = { "eu-west-1", "eu-central-1" };
	const char *accounts[] = { "111111111111", "222222222222" };
	const char *errors[] = { NULL, "account 222222222222: cannot assume role "
		                       "arn:aws:iam::222222222222:role/R: AccessDenied" };
	struct evidence_run_opts o = { .regions = regions,
		                       .n_regions = 2,
		                       .accounts = accounts,
		                       .account_errors = errors,
		                       .n_accounts = 2 };
	struct evidence_run *r;
	struct evidence *ev;
	const struct finding *f;
	struct wa_err err;
	char *arn;

	err_clear(&err);
	assert_int_equal(evidence_run_new(qs, &c, &o, &r, &err), 0);
	while (evidence_run_step(r) > 0)
		;
	ev = evidence_run_take(r);
	evidence_run_free(r);
	assert_non_null(ev);
	assert_null(ev->account);
	assert_int_equal(ev->n_accounts, 2);
	assert_string_equal(ev->accounts[1], "222222222222");
	assert_int_equal(fk.batches, 2);
	assert_int_equal(fk.own, 0);
	assert_int_equal(fk.as_other, 0);
	assert_true(fk.as_a > 0);
	f = find(ev, "db-multi-az");
	assert_int_equal(f->n_results, 4);
	assert_string_equal(f->results[0].account, "111111111111");
	assert_int_equal(f->results[0].outcome, OUTCOME_FAIL);
	for (size_t i = 2; i < 4; i++) {
		assert_string_equal(f->results[i].account, "222222222222");
		assert_int_equal(f->results[i].outcome, OUTCOME_ERROR);
		assert_non_null(strstr(f->results[i].text, errors[1]));
	}
	/* the fan-out went to the account with a role only */
	f = find(ev, "versioning");
	assert_int_equal(f->n_results, 2);
	assert_string_equal(f->results[0].account, "111111111111");
	assert_int_equal(f->results[1].outcome, OUTCOME_ERROR);
	evidence_free(ev);
	qset_free(qs);

	arn = ev_role_arn("cn-north-1", "111122223333", "R");
	assert_string_equal(arn, "arn:aws-cn:iam::111122223333:role/R");
	free(arn);
	arn = ev_role_arn("us-gov-west-1", "111122223333", "R");
	assert_string_equal(arn, "arn:aws-us-gov:iam::111122223333:role/R");
	free(arn);
	arn = ev_role_arn(NULL, "111122223333", "ops/R");
	assert_string_equal(arn, "arn:aws:iam::111122223333:role/ops/R");
	free(arn);
}

static void test_two_regions_global_and_fanout(void **state)
{
	(void)state;
	struct qset *qs = load_set();
	struct fake fk = { 0 };
	struct ev_caller c = caller_of(&fk, "us-east-1");
	const char *regions[] = { "eu-west-1", "eu-central-1" };
	int steps;
	struct evidence *ev = sweep(qs, &c, NULL, regions, 2, false, &steps);
	const struct finding *f;

	assert_non_null(ev);
	assert_string_equal(ev->account, "123456789012");
	assert_int_equal(ev->n_regions, 2);
	assert_string_equal(ev->regions[0], "eu-central-1"); /* sorted */
	assert_int_equal(ev->n_findings, 5);
	assert_string_equal(ev->findings[0].probe, "db-multi-az"); /* set order */
	/* Two batches: first calls, then fan-out; one step each. */
	assert_int_equal(fk.batches, 2);
	assert_int_equal(steps, 1);

	f = find(ev, "db-multi-az");
	assert_int_equal(f->outcome, OUTCOME_FAIL);
	assert_int_equal(f->n_results, 2);
	assert_int_equal(in(f, "eu-west-1")->outcome, OUTCOME_FAIL);
	assert_string_equal(in(f, "eu-west-1")->text, "single-AZ in eu-west-1: reports");
	/* AccessDenied in one Region is that Region's error; the other still completes. */
	assert_int_equal(in(f, "eu-central-1")->outcome, OUTCOME_ERROR);
	assert_string_equal(in(f, "eu-central-1")->fault.code, "AccessDenied");
	assert_string_equal(in(f, "eu-central-1")->fault.call,
	                    "rds:DescribeDBInstances in eu-central-1");
	f = find(ev, "db-encrypted");
	assert_int_equal(in(f, "eu-west-1")->outcome, OUTCOME_PASS);
	assert_int_equal(f->outcome, OUTCOME_ERROR); /* a pass and an error: not a pass */

	/* Two probes share rds DescribeDBInstances; each Region was asked once. */
	assert_int_equal(logged(&fk, "rds:DescribeDBInstances eu-west-1"), 1);
	assert_int_equal(logged(&fk, "rds:DescribeDBInstances eu-central-1"), 1);
	/* Global probes ran once, without a Region, and ListBuckets was shared too. */
	assert_int_equal(logged(&fk, "s3:ListBuckets - {}"), 1);
	f = find(ev, "versioning");
	assert_int_equal(f->n_results, 1);
	assert_string_equal(f->results[0].region, "global");
	assert_int_equal(f->outcome, OUTCOME_FAIL);
	assert_string_equal(f->results[0].text, "unversioned: bucket-1");
	assert_int_equal(f->results[0].examined, 3);
	/* Each fan-out call went to its item's Region. */
	assert_int_equal(
	        logged(&fk, "s3:GetBucketVersioning eu-central-1 {\"Bucket\":\"bucket-2\"}"), 1);
	assert_int_equal(logged(&fk, "s3:GetBucketVersioning eu-west-1 {\"Bucket\":\"bucket-0\"}"),
	                 1);

	/* Replication: bucket-1's "not found" means none (empty_on): an offender, named though
	 * bucket-2 was throttled; bucket-2 is listed as not checked, with the error. */
	f = find(ev, "replication");
	assert_int_equal(f->outcome, OUTCOME_FAIL);
	assert_int_equal(f->results[0].n_cited, 1);
	assert_string_equal(f->results[0].cited[0], "bucket-1");
	assert_int_equal(f->results[0].n_unchecked, 1);
	assert_string_equal(f->results[0].unchecked[0], "bucket-2");
	assert_string_equal(f->results[0].fault.code, "Throttling");
	assert_non_null(strstr(f->results[0].text, "1 of 3 could not be checked (Throttling"));
	/* Without each.region, a global probe's fan-out calls go where its first call went. */
	assert_string_equal(f->results[0].fault.call, "s3:GetBucketReplication");

	/* pass_in any_region: a plan in eu-west-1 is enough. */
	f = find(ev, "plans");
	assert_int_equal(in(f, "eu-central-1")->outcome, OUTCOME_FAIL);
	assert_int_equal(f->outcome, OUTCOME_PASS);
	evidence_free(ev);
	qset_free(qs);
}

static void test_timeouts_and_one_question(void **state)
{
	(void)state;
	struct qset *qs = load_set();
	struct fake fk = { 0 };
	struct ev_caller c = caller_of(&fk, "us-east-1");
	const char *regions[] = { "ap-south-1", "ap-south-1" };
	struct evidence *ev = sweep(qs, &c, "REL01", regions, 2, false, NULL);
	const struct finding *f = find(ev, "db-multi-az");

	assert_int_equal(ev->n_regions, 1); /* asked twice, swept once */
	assert_int_equal(f->results[0].outcome, OUTCOME_ERROR);
	assert_null(f->results[0].fault.code);
	assert_non_null(strstr(f->results[0].text, "connection timed out"));
	evidence_free(ev);
	qset_free(qs);
}

static void test_none_found_everywhere(void **state)
{
	(void)state;
	struct qset *qs = load_set();
	struct fake fk = { .n_buckets = -1 };
	struct ev_caller c = caller_of(&fk, "us-west-2");
	struct evidence *ev;
	const struct finding *f;
	struct bp_suggestion *s;

	ev = sweep(qs, &c, NULL, NULL, 0, false, NULL); /* the caller's default Region */
	assert_int_equal(ev->n_regions, 1);
	assert_string_equal(ev->regions[0], "us-west-2");
	f = find(ev, "db-multi-az");
	assert_int_equal(f->outcome, OUTCOME_NOT_APPLICABLE);
	assert_int_equal(f->results[0].outcome, OUTCOME_NOT_APPLICABLE);
	/* No fan-out calls when the first call found nothing: a single batch. */
	assert_int_equal(fk.batches, 1);
	s = suggest_question(&qs->questions[0], ev);
	assert_int_equal(s[0].v.verdict, VERDICT_NO_EVIDENCE);
	assert_int_equal(s[0].v.n_reasons, 1);
	suggest_free(s, qs->questions[0].n_bps);
	evidence_free(ev);
	qset_free(qs);
}

static void test_all_regions(void **state)
{
	(void)state;
	struct qset *qs = load_set();
	struct fake fk = { 0 };
	struct ev_caller c = caller_of(&fk, "eu-west-1");
	struct evidence *ev = sweep(qs, &c, NULL, NULL, 0, true, NULL);

	assert_int_equal(ev->n_regions, 2);
	assert_string_equal(ev->regions[0], "eu-west-1");
	assert_string_equal(ev->regions[1], "us-east-1");
	assert_string_equal(ev->account, "123456789012");
	assert_int_equal(logged(&fk, "sts:GetCallerIdentity"), 1);
	assert_int_equal(fk.batches, 3);
	evidence_free(ev);
	qset_free(qs);
}

static void test_regions_that_cannot_be_listed_stop_the_sweep(void **state)
{
	(void)state;
	struct qset *qs = load_set();
	struct fake fk = { .fail_regions = 1 };
	struct ev_caller c = caller_of(&fk, "eu-west-1");
	struct evidence_run_opts o = { .all_regions = true };
	struct evidence_progress pr;
	struct evidence_run *r;
	struct wa_err err;

	err_clear(&err);
	assert_int_equal(evidence_run_new(qs, &c, &o, &r, &err), 0);
	assert_int_equal(evidence_run_step(r), 0);
	evidence_run_progress(r, &pr);
	assert_int_equal(pr.stage, EVIDENCE_STAGE_FAILED);
	assert_null(evidence_run_take(r));
	assert_non_null(strstr(evidence_run_error(r)->msg, "cannot list the account's Regions: "
	                                                   "ec2:DescribeRegions"));
	assert_non_null(strstr(evidence_run_error(r)->msg, "UnauthorizedOperation"));
	evidence_run_free(r);
	qset_free(qs);
}

static void test_bad_requests(void **state)
{
	(void)state;
	struct qset *qs = load_set();
	struct fake fk = { 0 };
	struct ev_caller c = caller_of(&fk, NULL);
	struct evidence_run_opts o = { 0 };
	struct evidence_run *r = NULL;
	struct wa_err err;

	err_clear(&err);
	assert_int_equal(evidence_run_new(qs, &c, &o, &r, &err), -1);
	assert_non_null(strstr(err.msg, "no Region to sweep"));
	o.question = "REL09";
	assert_int_equal(evidence_run_new(qs, &c, &o, &r, &err), -1);
	assert_non_null(strstr(err.msg, "no question 'REL09'"));
	assert_null(r);
	assert_int_equal(fk.calls, 0);
	qset_free(qs);
}

static void test_background_thread_and_progress(void **state)
{
	(void)state;
	struct qset *qs = load_set();
	struct fake fk = { .slow_ms = 30 };
	struct ev_caller c = caller_of(&fk, "eu-west-1");
	struct evidence_run_opts o = { 0 };
	struct evidence_progress pr;
	struct evidence_run *r;
	struct evidence *ev;
	struct wa_err err;
	int polls = 0;

	err_clear(&err);
	assert_int_equal(evidence_run_new(qs, &c, &o, &r, &err), 0);
	assert_int_equal(evidence_run_start(r, &err), 0);
	/* The caller of start is free at once: the sweep has not finished yet. */
	assert_false(evidence_run_finished(r));
	assert_null(evidence_run_take(r));
	while (!evidence_run_finished(r)) {
		struct timespec ts = { 0, 2000000 };
		evidence_run_progress(r, &pr);
		assert_true(pr.calls_done <= pr.calls_total);
		nanosleep(&ts, NULL);
		polls++;
	}
	assert_true(polls > 1);
	evidence_run_progress(r, &pr);
	assert_int_equal(pr.stage, EVIDENCE_STAGE_DONE);
	assert_int_equal(pr.probes, 5);
	assert_int_equal(pr.calls_done, pr.calls_total);
	assert_int_equal(pr.calls_total, (size_t)fk.calls);
	ev = evidence_run_take(r);
	assert_non_null(ev);
	assert_null(evidence_run_take(r)); /* handed over once */
	evidence_run_free(r);
	evidence_free(ev);
	qset_free(qs);
}

static void test_cancel(void **state)
{
	(void)state;
	struct qset *qs = load_set();
	struct fake fk = { 0 };
	struct ev_caller c = caller_of(&fk, "eu-west-1");
	struct evidence_run_opts o = { 0 };
	struct evidence_progress pr;
	struct evidence_run *r;
	struct wa_err err;

	err_clear(&err);
	assert_int_equal(evidence_run_new(qs, &c, &o, &r, &err), 0);
	evidence_run_cancel(r);
	assert_int_equal(evidence_run_step(r), 0);
	evidence_run_progress(r, &pr);
	assert_int_equal(pr.stage, EVIDENCE_STAGE_CANCELLED);
	assert_true(evidence_run_finished(r));
	assert_null(evidence_run_take(r));
	assert_int_equal(fk.calls, 0);
	evidence_run_free(r);

	/* Freeing a started sweep waits for its thread. */
	fk.slow_ms = 20;
	assert_int_equal(evidence_run_new(qs, &c, &o, &r, &err), 0);
	assert_int_equal(evidence_run_start(r, &err), 0);
	evidence_run_cancel(r);
	evidence_run_free(r);
	qset_free(qs);
}

/* 210 buckets, the last ten unversioned: every one is examined and every offender named
 * (a cap at 200 once passed over exactly those). */
static void test_fanout_has_no_cap(void **state)
{
	(void)state;
	struct qset *qs = load_set();
	struct fake fk = { .n_buckets = 210, .unversioned_from = 200 };
	struct ev_caller c = caller_of(&fk, "eu-west-1");
	struct evidence *ev = sweep(qs, &c, NULL, NULL, 0, false, NULL);
	const struct finding *f = find(ev, "versioning");

	assert_int_equal(f->outcome, OUTCOME_FAIL);
	assert_int_equal(f->results[0].examined, 210);
	assert_int_equal(f->results[0].n_cited, 11); /* bucket-1 and bucket-200..209 */
	assert_string_equal(f->results[0].cited[10], "bucket-209");
	evidence_free(ev);
	qset_free(qs);
}

/* One item of many denied: the offenders that answered are kept and the denied one is
 * listed; when the denied one was the only possible offender, the probe could not check,
 * never passes. */
static void test_one_denied_item(void **state)
{
	(void)state;
	struct qset *qs = load_set();
	struct fake fk = { .n_buckets = 5, .deny_bucket = 4 };
	struct ev_caller c = caller_of(&fk, "eu-west-1");
	struct evidence *ev = sweep(qs, &c, NULL, NULL, 0, false, NULL);
	const struct finding *f = find(ev, "versioning");

	assert_int_equal(f->outcome, OUTCOME_FAIL);
	assert_int_equal(f->results[0].n_cited, 1);
	assert_string_equal(f->results[0].cited[0], "bucket-1");
	assert_int_equal(f->results[0].n_unchecked, 1);
	assert_string_equal(f->results[0].unchecked[0], "bucket-3");
	assert_string_equal(f->results[0].fault.code, "AccessDenied");
	evidence_free(ev);

	fk = (struct fake){ .n_buckets = 3, .deny_bucket = 2 }; /* bucket-1 denied */
	ev = sweep(qs, &c, NULL, NULL, 0, false, NULL);
	f = find(ev, "versioning");
	assert_int_equal(f->outcome, OUTCOME_ERROR);
	assert_int_equal(f->results[0].examined, 2);
	assert_int_equal(f->results[0].n_unchecked, 1);
	assert_non_null(strstr(f->results[0].text, "could not check: 1 of 3 could not be checked"));
	assert_non_null(strstr(f->results[0].text, "the other 2: "));
	evidence_free(ev);
	qset_free(qs);
}

/* With a role, the sweep's first step enters the accounts itself (the wizard's and the
 * command's one path): an OU's active accounts, each once, then the role in each; an
 * account whose role is refused is that account's error, and the sweep goes on. */
static void test_role_and_org_unit_as_first_step(void **state)
{
	(void)state;
	struct qset *qs = load_set();
	struct fake fk = { 0 };
	struct ev_caller c = caller_of(&fk, "us-east-1");
	const char *regions[] = { "eu-west-1" };
	struct evidence_run_opts o = { .question = "REL01",
		                       .regions = regions,
		                       .n_regions = 1,
		                       .role = "WaReview",
		                       .org_unit = "ou-abcd-12345678" };
	struct evidence_progress p;
	struct evidence_run *r;
	struct evidence *ev;
	const struct finding *f;
	const char *why;
	struct wa_err err;

	c.ops = &fake_sts_ops;
	err_clear(&err);
	assert_int_equal(evidence_run_new(qs, &c, &o, &r, &err), 0);
	assert_int_equal(evidence_run_step(r), 1); /* the accounts: a step of its own */
	evidence_run_progress(r, &p);
	assert_int_equal(p.stage, EVIDENCE_STAGE_ACCOUNTS);
	assert_int_equal(p.calls_done, 3); /* the listing and two AssumeRoles */
	assert_int_equal(fk.calls, 1);
	assert_non_null(strstr(fk.log[0], "organizations:ListAccountsForParent - "
	                                  "{\"ParentId\":\"ou-abcd-12345678\"}"));
	assert_int_equal(fk.assumed, 2);
	assert_string_equal(fk.arns[0], "arn:aws:iam::111111111111:role/WaReview");
	assert_string_equal(fk.arns[1], "arn:aws:iam::222222222222:role/WaReview");
	while (evidence_run_step(r) > 0)
		;
	assert_int_equal(evidence_run_n_accounts(r), 2);
	assert_string_equal(evidence_run_account(r, 0, &why), "111111111111");
	assert_null(why);
	assert_string_equal(evidence_run_account(r, 1, &why), "222222222222");
	assert_non_null(strstr(why, "cannot assume role"));
	ev = evidence_run_take(r);
	evidence_run_free(r);
	assert_non_null(ev);
	assert_int_equal(ev->n_accounts, 2);
	assert_int_equal(fk.own, 1);      /* the listing only */
	assert_int_equal(fk.as_other, 0); /* nothing to the account without a role */
	f = find(ev, "db-multi-az");
	assert_int_equal(f->n_results, 2);
	assert_string_equal(f->results[0].account, "111111111111");
	assert_int_equal(f->results[0].outcome, OUTCOME_FAIL);
	assert_int_equal(f->results[1].outcome, OUTCOME_ERROR);
	assert_non_null(strstr(f->results[1].text, "account 222222222222: cannot assume role "
	                                           "arn:aws:iam::222222222222:role/WaReview"));
	evidence_free(ev);

	/* given accounts: no listing, the role in each */
	{
		const char *accounts[] = { "111111111111" };
		struct fake fk2 = { 0 };
		struct ev_caller c2 = caller_of(&fk2, "us-east-1");
		struct evidence_run_opts o2 = { .question = "REL01",
			                        .regions = regions,
			                        .n_regions = 1,
			                        .role = "WaReview",
			                        .accounts = accounts,
			                        .n_accounts = 1 };

		c2.ops = &fake_sts_ops;
		assert_int_equal(evidence_run_new(qs, &c2, &o2, &r, &err), 0);
		while (evidence_run_step(r) > 0)
			;
		ev = evidence_run_take(r);
		evidence_run_free(r);
		assert_non_null(ev);
		assert_int_equal(fk2.assumed, 1);
		assert_int_equal(fk2.own, 0);
		assert_int_equal(logged(&fk2, "ListAccountsForParent"), 0);
		evidence_free(ev);
	}

	/* an OU that cannot be listed stops the sweep, saying why; no role is asked for */
	memset(&fk, 0, sizeof(fk));
	fk.fail_org = 1;
	assert_int_equal(evidence_run_new(qs, &c, &o, &r, &err), 0);
	while (evidence_run_step(r) > 0)
		;
	evidence_run_progress(r, &p);
	assert_int_equal(p.stage, EVIDENCE_STAGE_FAILED);
	assert_null(evidence_run_take(r));
	assert_non_null(strstr(evidence_run_error(r)->msg,
	                       "cannot list the accounts of ou-abcd-12345678: "
	                       "organizations:ListAccountsForParent"));
	assert_int_equal(fk.assumed, 0);
	evidence_run_free(r);

	/* a cancel after the accounts step: nothing more is sent */
	memset(&fk, 0, sizeof(fk));
	assert_int_equal(evidence_run_new(qs, &c, &o, &r, &err), 0);
	assert_int_equal(evidence_run_step(r), 1);
	evidence_run_cancel(r);
	assert_int_equal(evidence_run_step(r), 0);
	assert_int_equal(fk.calls, 1);
	evidence_run_progress(r, &p);
	assert_int_equal(p.stage, EVIDENCE_STAGE_CANCELLED);
	evidence_run_free(r);

	/* an OU without a role, a role without accounts: refused when planned */
	o.role = NULL;
	assert_int_equal(evidence_run_new(qs, &c, &o, &r, &err), -1);
	o.role = "WaReview";
	o.org_unit = NULL;
	assert_int_equal(evidence_run_new(qs, &c, &o, &r, &err), -1);
	assert_non_null(strstr(err.msg, "no account to assume role WaReview in"));
	qset_free(qs);
}

/* The options as `evidence` and the wizard check them, in the words both print. */
static void test_targets_parse(void **state)
{
	(void)state;
	struct ev_targets t;
	struct workload wl = { 0 };
	char *wl_ids[] = { "444455556666", "111122223333" };
	char **ids;
	struct wa_err err;
	size_t n;

	err_clear(&err);
	assert_int_equal(ev_targets_parse(&t, NULL, "ou-abcd-12345678", NULL, &err), -1);
	assert_string_equal(err.msg, "--org-unit needs --role NAME: the role to assume in each "
	                             "account");
	assert_int_equal(ev_targets_parse(&t, NULL, NULL, "111122223333", &err), -1);
	assert_non_null(strstr(err.msg, "--accounts needs --role NAME"));
	assert_int_equal(ev_targets_parse(&t, "R", "r-ab12", "111122223333", &err), -1);
	assert_string_equal(err.msg, "give --org-unit or --accounts, not both");
	assert_int_equal(ev_targets_parse(&t, "a b", NULL, NULL, &err), -1);
	assert_non_null(strstr(err.msg, "--role: 'a b' is not an IAM role name"));
	assert_int_equal(ev_targets_parse(&t, "R", "ou-ab-12345678", NULL, &err), -1);
	assert_non_null(strstr(err.msg, "--org-unit: 'ou-ab-12345678' is not"));
	assert_int_equal(ev_targets_parse(&t, "R", NULL, "111122223333,x", &err), -1);
	assert_string_equal(err.msg, "--accounts: 'x' is not an AWS account ID (12 digits)");
	assert_null(t.accounts);
	assert_int_equal(ev_targets_parse(&t, "R", NULL, ",", &err), -1);
	assert_string_equal(err.msg, "--accounts: name at least one account ID");

	/* good: --accounts each once, normalized; they win over the workload's */
	wl.accounts = wl_ids;
	wl.n_accounts = 2;
	assert_int_equal(ev_targets_parse(&t, "ops/WaReview", NULL,
	                                  "1111-2222-3333,999988887777,111122223333", &err),
	                 0);
	assert_string_equal(t.role, "ops/WaReview");
	assert_null(t.org_unit);
	n = ev_targets_accounts(&t, &wl, &ids);
	assert_int_equal(n, 2);
	assert_string_equal(ids[0], "111122223333");
	assert_string_equal(ids[1], "999988887777");
	ev_ids_free(ids, n);
	ev_targets_clear(&t);
	assert_null(t.role);
	/* no --accounts: the workload's; none at all: 0 */
	assert_int_equal(ev_targets_parse(&t, "R", NULL, NULL, &err), 0);
	n = ev_targets_accounts(&t, &wl, &ids);
	assert_int_equal(n, 2);
	assert_string_equal(ids[0], "444455556666");
	ev_ids_free(ids, n);
	assert_int_equal(ev_targets_accounts(&t, NULL, &ids), 0);
	ev_ids_free(ids, 0);
	ev_targets_clear(&t);
	assert_int_equal(ev_targets_parse(&t, "R", "r-ab12", NULL, &err), 0);
	assert_string_equal(t.org_unit, "r-ab12");
	ev_targets_clear(&t);

	assert_true(ev_role_name_valid("WaReview"));
	assert_true(ev_role_name_valid("a/b/c+=,.@_-"));
	assert_false(ev_role_name_valid("ops/"));
	assert_false(ev_role_name_valid(""));
	assert_true(ev_org_parent_valid("ou-abcd-12345678"));
	assert_false(ev_org_parent_valid("ou-abcd"));
	assert_false(ev_org_parent_valid("ou-ABCD-12345678"));
	assert_false(ev_org_parent_valid("r-abc"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_two_regions_global_and_fanout),
		cmocka_unit_test(test_accounts),
		cmocka_unit_test(test_role_and_org_unit_as_first_step),
		cmocka_unit_test(test_targets_parse),
		cmocka_unit_test(test_timeouts_and_one_question),
		cmocka_unit_test(test_none_found_everywhere),
		cmocka_unit_test(test_all_regions),
		cmocka_unit_test(test_regions_that_cannot_be_listed_stop_the_sweep),
		cmocka_unit_test(test_bad_requests),
		cmocka_unit_test(test_background_thread_and_progress),
		cmocka_unit_test(test_cancel),
		cmocka_unit_test(test_fanout_has_no_cap),
		cmocka_unit_test(test_one_denied_item),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
