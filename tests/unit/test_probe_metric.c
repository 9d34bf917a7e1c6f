/* Metric and log probes: the 'metric' and 'logs' blocks load with every value checked and
 * each mistake refused at its file:line:col; the parameters sent per resource; and the
 * judgement, resource by resource: beyond the threshold fails, within it passes, no
 * datapoints or a search bound reached is not checked (never a pass), and availability is
 * measured over 30 and 90 days from the error and request sums. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "evidence/metric.h"
#include "evidence/probe.h"
#include "model/evidence.h"
#include "model/measure.h"
#include "model/qset.h"
#include "store/qset_load.h"
#include "util/err.h"
#include "util/xalloc.h"

static const char SET[] = "set:\n  id: t\n  name: T\n  pillar: reliability\n"
                          "  framework_version: \"1\"\n  areas: [a.yaml]\n";

/* Question REL01 with one best practice (lines 1-10); "    probes:" is line 11, the probe
 * starts on line 12. */
static const char HEAD[] = "area: {id: a, title: A}\n"    /* 1 */
                           "questions:\n"                 /* 2 */
                           "  - id: REL01\n"              /* 3 */
                           "    title: Q?\n"              /* 4 */
                           "    description: D\n"         /* 5 */
                           "    wa_question_id: q-1\n"    /* 6 */
                           "    none_choice_id: none_1\n" /* 7 */
                           "    best_practices:\n"        /* 8 */
                           "      - {id: REL01-BP01, title: T, choice_id: c1, risk: high,"
                           " effort: low, description: D, why: W, steps: [s],\n"       /* 9 */
                           "         links: [{title: L, url: \"https://e.com/x\"}]}\n" /* 10 */
                           "    probes:\n";                                            /* 11 */

/* A metric probe, lines 12-32 (line n of it is file line 11 + n). */
static const char *const METRIC[] = {
	"      - id: alb-5xx\n",                                                           /* 1 */
	"        title: T\n",                                                              /* 2 */
	"        evidence_for: [REL01-BP01]\n",                                            /* 3 */
	"        proves: part\n",                                                          /* 4 */
	"        scope: regional\n",                                                       /* 5 */
	"        call: elbv2 DescribeLoadBalancers\n",                                     /* 6 */
	"        metric:\n",                                                               /* 7 */
	"          items: \"LoadBalancers\"\n",                                            /* 8 */
	"          label: \"{item.LoadBalancerName}\"\n",                                  /* 9 */
	"          namespace: AWS/ApplicationELB\n",                                       /* 10 */
	"          name: HTTPCode_ELB_5XX_Count\n",                                        /* 11 */
	"          per: RequestCount\n",                                                   /* 12 */
	"          dimensions:\n",                                                         /* 13 */
	"            LoadBalancer: {value: \"{item.LoadBalancerArn}\", after: \"lb/\"}\n", /* 14 */
	"          stat: Sum\n",                                                           /* 15 */
	"          period: 3600\n",                                                        /* 16 */
	"          window: days_ago_7\n",                                                  /* 17 */
	"          fail_when: {above: 0.01}\n",                                            /* 18 */
	"          availability: load balancer\n",                                         /* 19 */
	"        finding: \"{count} of {total}: {resources}\"\n",                          /* 20 */
	NULL,
};

/* A log probe, lines 12-24. */
static const char *const LOGS[] = {
	"      - id: timeouts\n",                                 /* 1 */
	"        title: T\n",                                     /* 2 */
	"        evidence_for: [REL01-BP01]\n",                   /* 3 */
	"        scope: regional\n",                              /* 4 */
	"        call: logs DescribeLogGroups\n",                 /* 5 */
	"        logs:\n",                                        /* 6 */
	"          items: \"logGroups\"\n",                       /* 7 */
	"          group: \"{item.logGroupName}\"\n",             /* 8 */
	"          pattern: '\"Task timed out\"'\n",              /* 9 */
	"          window: days_ago_1\n",                         /* 10 */
	"          limit: 50\n",                                  /* 11 */
	"          max_pages: 3\n",                               /* 12 */
	"        finding: \"{count} of {total}: {resources}\"\n", /* 13 */
	NULL,
};

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

/* HEAD and the probe's lines, line n replaced by repl (n 0: none; "" drops it). */
static char *file_with(const char *const *probe, int n, const char *repl)
{
	size_t cap = strlen(HEAD) + strlen(repl) + 1;
	char *out;

	for (size_t i = 0; probe[i]; i++)
		cap += strlen(probe[i]);
	out = xcalloc(cap, 1);
	strcat(out, HEAD);
	for (int i = 0; probe[i]; i++)
		strcat(out, i + 1 == n ? repl : probe[i]);
	return out;
}

static struct qset *load_ok(const char *const *probe, int n, const char *repl)
{
	struct mem m = { file_with(probe, n, repl) };
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

/* Line n of the probe replaced by repl is refused at a.yaml:line:col with needle. */
static void fails(const char *const *probe, int n, const char *repl, int line, int col,
                  const char *needle)
{
	struct mem m = { file_with(probe, n, repl) };
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

static void test_metric_loads(void **state)
{
	(void)state;
	struct qset *qs = load_ok(METRIC, 0, "");
	const struct probe *p = &qs->questions[0].probes[0];
	const struct probe_metric *m = p->metric;

	assert_non_null(m);
	assert_null(p->logs);
	assert_string_equal(p->each.service, "cloudwatch");
	assert_string_equal(p->each.operation, "GetMetricData");
	assert_string_equal(p->each_items, "LoadBalancers");
	assert_string_equal(m->ns, "AWS/ApplicationELB");
	assert_string_equal(m->per, "RequestCount");
	assert_int_equal(m->n_dims, 1);
	assert_string_equal(m->dims[0].name, "LoadBalancer");
	assert_string_equal(m->dims[0].after, "lb/");
	assert_int_equal(m->period, 3600);
	assert_string_equal(probe_time_vars[m->window], "days_ago_7");
	assert_int_equal(m->cmp, METRIC_ABOVE);
	assert_true(m->threshold == 0.01);
	assert_string_equal(m->availability, "load balancer");
	assert_int_equal(p->proves, PROVES_PART);
	qset_free(qs);
}

static void test_metric_refusals(void **state)
{
	(void)state;
	fails(METRIC, 15, "          stat: Median\n", 26, 17, "'Median' is not a statistic");
	fails(METRIC, 16, "          period: 90\n", 27, 19, "90 seconds is not a multiple of 60");
	fails(METRIC, 16, "          period: 0\n", 27, 19, "expected 60 to 86400, found 0");
	fails(METRIC, 16, "          period: hourly\n", 27, 19, "period");
	fails(METRIC, 17, "          window: now\n", 28, 19,
	      "window: expected where the window starts");
	fails(METRIC, 18, "          fail_when: {over: 1}\n", 29, 23, "'over' is not a comparison");
	fails(METRIC, 18, "          fail_when: {above: lots}\n", 29, 30, "expected a number");
	fails(METRIC, 18, "          fail_when: {above: 1, below: 0}\n", 29, 22,
	      "give one comparison");
	fails(METRIC, 12, "", 29, 25, "availability: measured from error and request counts");
	fails(METRIC, 9, "          label: \"{items.Name}\"\n", 20, 18,
	      "unknown name '{items.Name}'");
	fails(METRIC, 9, "          label: \"no reference\"\n", 20, 18,
	      "name something of the item");
	fails(METRIC, 14, "", 24, 22, "dimensions: expected a mapping of dimension names");
	fails(METRIC, 14,
	      "            LoadBalancer: \"{item.LoadBalancerArn}\"\n"
	      "          dimensions_from: \"{item.Dims}\"\n",
	      26, 28, "give 'dimensions' or 'dimensions_from', not both");
	fails(METRIC, 11, "          name: \"5xx count\"\n", 22, 17, "is not a CloudWatch name");
	fails(METRIC, 8, "          items: \"LoadBalancers[\"\n", 19, 18, "items:");
	fails(METRIC, 16, "          peroid: 60\n", 27, 11, "unknown key 'peroid'");
	fails(METRIC, 12, "          per: RequestCount\n          limit: \"{item.Max} of\"\n", 24,
	      18, "expected one reference alone");
	/* metric probes are judged by their metric: no query or expect of their own */
	fails(METRIC, 20, "        query: \"@\"\n        finding: \"x\"\n", 31, 9,
	      "'query' does not go with 'metric'");
	fails(METRIC, 20, "        logs: {}\n        finding: \"x\"\n", 31, 9,
	      "a metric probe or a log probe, not both");
}

static void test_logs_load_and_refusals(void **state)
{
	(void)state;
	struct qset *qs = load_ok(LOGS, 0, "");
	const struct probe *p = &qs->questions[0].probes[0];

	assert_non_null(p->logs);
	assert_string_equal(p->each.operation, "FilterLogEvents");
	assert_string_equal(p->logs->pattern, "\"Task timed out\"");
	assert_int_equal(p->logs->limit, 50);
	assert_int_equal(p->logs->max_pages, 3);
	/* without 'proves', a per-resource judgement claims every resource */
	assert_int_equal(p->proves, PROVES_EVERY_RESOURCE);
	qset_free(qs);
	fails(LOGS, 11, "          limit: 0\n", 22, 18, "limit: expected 1 to 10000, found 0");
	fails(LOGS, 12, "          max_pages: 101\n", 23, 22, "max_pages: expected 1 to 100");
	fails(LOGS, 9, "", 18, 11, "missing required key 'pattern'");
	fails(LOGS, 8, "          group: /aws/lambda/x\n", 19, 18, "name something of the item");
	fails(LOGS, 10, "          window: days_ago_2\n", 21, 19, "days_ago_1, days_ago_7");
}

/* ---- parameters and judgement ---- */

static const time_t NOW = 1793610600; /* 2026-11-02T09:10:00Z */

struct fx {
	struct qset *qs;
	struct probe_prog pp;
};

static void fx_open(struct fx *f, const char *const *probe, int n, const char *repl)
{
	struct wa_err err;

	f->qs = load_ok(probe, n, repl);
	err_clear(&err);
	assert_int_equal(
	        probe_compile(&f->qs->questions[0].probes[0], &f->qs->questions[0], &f->pp, &err),
	        0);
}

static void fx_close(struct fx *f)
{
	probe_prog_clear(&f->pp);
	qset_free(f->qs);
}

static void test_metric_params(void **state)
{
	(void)state;
	struct fx f;
	char msg[300];
	cJSON *item = cJSON_Parse("{\"LoadBalancerName\": \"web\", \"LoadBalancerArn\": "
	                          "\"arn:aws:elasticloadbalancing:r:1:lb/app/web/1\"}");
	cJSON *bad = cJSON_Parse("{\"LoadBalancerName\": \"web\"}");
	cJSON *pr;
	char *s;

	fx_open(&f, METRIC, 0, "");
	pr = metric_params(f.pp.p, item, NOW, msg, sizeof(msg));
	s = cJSON_PrintUnformatted(pr);
	/* the dimension keeps what follows "lb/"; with availability the call reaches back
	 * 90 days, beyond the 7-day window */
	assert_string_equal(
	        s,
	        "{\"MetricDataQueries\":[{\"Id\":\"m\",\"MetricStat\":{\"Metric\":{\"Namespace\":"
	        "\"AWS/ApplicationELB\",\"MetricName\":\"HTTPCode_ELB_5XX_Count\",\"Dimensions\":"
	        "[{\"Name\":\"LoadBalancer\",\"Value\":\"app/web/1\"}]},\"Period\":3600,\"Stat\":"
	        "\"Sum\"},\"ReturnData\":true},{\"Id\":\"d\",\"MetricStat\":{\"Metric\":{"
	        "\"Namespace\":\"AWS/ApplicationELB\",\"MetricName\":\"RequestCount\","
	        "\"Dimensions\":[{\"Name\":\"LoadBalancer\",\"Value\":\"app/web/1\"}]},"
	        "\"Period\":3600,\"Stat\":\"Sum\"},\"ReturnData\":true}],\"StartTime\":"
	        "\"2026-08-04T09:10:00Z\",\"EndTime\":\"2026-11-02T09:10:00Z\",\"ScanBy\":"
	        "\"TimestampAscending\"}");
	free(s);
	cJSON_Delete(pr);
	/* an item without what the dimension names: no call, a message */
	assert_null(metric_params(f.pp.p, bad, NOW, msg, sizeof(msg)));
	assert_non_null(strstr(msg, "dimensions.LoadBalancer: the item has no"));
	fx_close(&f);
	cJSON_Delete(item);
	cJSON_Delete(bad);
}

static void test_logs_params(void **state)
{
	(void)state;
	struct fx f;
	char msg[300];
	cJSON *item = cJSON_Parse("{\"logGroupName\": \"/aws/lambda/x\"}");
	cJSON *pr;
	char *s;

	fx_open(&f, LOGS, 0, "");
	pr = metric_params(f.pp.p, item, NOW, msg, sizeof(msg));
	s = cJSON_PrintUnformatted(pr);
	assert_string_equal(s, "{\"logGroupName\":\"/aws/lambda/x\",\"filterPattern\":"
	                       "\"\\\"Task timed out\\\"\",\"startTime\":1793524200000,"
	                       "\"endTime\":1793610600000,\"limit\":50}");
	free(s);
	cJSON_Delete(pr);
	fx_close(&f);
	cJSON_Delete(item);
}

/* One resource's GetMetricData result: m (errors) and d (requests) datapoints. */
static cJSON *pair(const char *name, const char *m_json, const char *d_json)
{
	char *text = xasprintf("{\"item\": {\"LoadBalancerName\": \"%s\", \"LoadBalancerArn\": "
	                       "\"x:lb/app/%s/1\"}, \"result\": {\"MetricDataResults\": [%s%s%s]}}",
	                       name, name, m_json, *m_json && *d_json ? "," : "", d_json);
	cJSON *j = cJSON_Parse(text);

	free(text);
	assert_non_null(j);
	return j;
}

static void test_metric_judge(void **state)
{
	(void)state;
	struct fx f;
	struct region_result r = { 0 };
	struct probe_ctx cx = { 0 };
	cJSON *doc = cJSON_CreateArray();

	fx_open(&f, METRIC, 0, "");
	/* ok: 0.1 % over the week (under 1 %); 40 days ago outside 30 d, inside 90 d */
	cJSON_AddItemToArray(doc, pair("ok",
	                               "{\"Id\":\"m\",\"Timestamps\":[\"2026-11-01T00:00:00Z\","
	                               "\"2026-09-23T00:00:00+00:00\"],\"Values\":[1,50]}",
	                               "{\"Id\":\"d\",\"Timestamps\":[\"2026-11-01T00:00:00Z\","
	                               "\"2026-09-23T00:00:00+00:00\"],\"Values\":[1000,1000]}"));
	/* bad: 5 % this week, the errors split over two pages of the same query */
	cJSON_AddItemToArray(
	        doc,
	        pair("bad",
	             "{\"Id\":\"m\",\"Timestamps\":[\"2026-11-01T00:00:00.000Z\"],"
	             "\"Values\":[30]},{\"Id\":\"m\",\"Timestamps\":[1793437200],\"Values\":[20]}",
	             "{\"Id\":\"d\",\"Timestamps\":[\"2026-11-01T00:00:00Z\"],\"Values\":[1000]}"));
	/* quiet: no 5xx datapoints but requests: a count never published is zero, a pass */
	cJSON_AddItemToArray(doc, pair("quiet", "",
	                               "{\"Id\":\"d\",\"Timestamps\":[\"2026-11-01T00:00:00Z\"],"
	                               "\"Values\":[10]}"));
	/* idle: no requests at all: not checked */
	cJSON_AddItemToArray(doc,
	                     pair("idle", "{\"Id\":\"m\",\"Timestamps\":[],\"Values\":[]}", ""));
	/* future and ancient datapoints are outside every window */
	cJSON_AddItemToArray(doc, pair("odd", "",
	                               "{\"Id\":\"d\",\"Timestamps\":[\"2026-11-03T00:00:00Z\","
	                               "\"2025-01-01T00:00:00Z\"],\"Values\":[10,10]}"));
	metric_judge(&f.pp, doc, &cx, "eu-west-1", NOW, &r);
	assert_int_equal(r.outcome, OUTCOME_FAIL);
	assert_int_equal(r.count, 1);
	assert_int_equal(r.examined, 5);
	assert_int_equal(r.n_cited, 1);
	assert_string_equal(r.cited[0], "bad (5.00 %)");
	assert_int_equal(r.n_unchecked, 2);
	assert_string_equal(r.unchecked[0], "idle (no RequestCount in the window)");
	assert_string_equal(r.unchecked[1], "odd (no RequestCount in the window)");
	assert_string_equal(r.text, "1 of 5: bad (5.00 %); 2 not checked (no RequestCount in the "
	                            "window).");
	/* measured: ok over 30 d (1 in 1000) and 90 d (51 in 2000); bad; quiet */
	assert_int_equal(r.n_measures, 6);
	assert_string_equal(r.measures[0].resource, "ok");
	assert_int_equal(r.measures[0].days, 30);
	assert_true(r.measures[0].requests == 1000 && r.measures[0].errors == 1);
	assert_int_equal(r.measures[1].days, 90);
	assert_true(r.measures[1].requests == 2000 && r.measures[1].errors == 51);
	assert_string_equal(r.measures[1].kind, "load balancer");
	assert_string_equal(r.measures[1].source,
	                    "AWS/ApplicationELB HTTPCode_ELB_5XX_Count / RequestCount");
	assert_true(r.measures[2].requests == 1000 && r.measures[2].errors == 50);
	assert_true(r.measures[4].requests == 10 && r.measures[4].errors == 0);
	region_result_clear(&r);

	/* Without the offender: what could not be checked is an error, never a pass. */
	cJSON_DeleteItemFromArray(doc, 1);
	metric_judge(&f.pp, doc, &cx, "eu-west-1", NOW, &r);
	assert_int_equal(r.outcome, OUTCOME_ERROR);
	assert_string_equal(r.text, "could not check 2 of 4: no RequestCount in the window");
	assert_string_equal(r.fault.call, "cloudwatch:GetMetricData in eu-west-1");
	region_result_clear(&r);
	/* Only resources within the threshold: a pass. */
	cJSON_DeleteItemFromArray(doc, 3);
	cJSON_DeleteItemFromArray(doc, 2);
	metric_judge(&f.pp, doc, &cx, "eu-west-1", NOW, &r);
	assert_int_equal(r.outcome, OUTCOME_PASS);
	assert_string_equal(r.text, "2 checked, none beyond the threshold");
	region_result_clear(&r);
	/* Nothing to examine: not applicable. */
	cJSON_Delete(doc);
	doc = cJSON_CreateArray();
	metric_judge(&f.pp, doc, &cx, "eu-west-1", NOW, &r);
	assert_int_equal(r.outcome, OUTCOME_NOT_APPLICABLE);
	region_result_clear(&r);
	cJSON_Delete(doc);
	fx_close(&f);
}

/* A quota probe: a gauge divided by a number of the item, lines 12-28. */
static const char *const QUOTA[] = {
	"      - id: quota\n",
	"        title: T\n",
	"        evidence_for: [REL01-BP01]\n",
	"        scope: regional\n",
	"        call: service-quotas ListServiceQuotas\n",
	"        metric:\n",
	"          items: \"Quotas\"\n",
	"          label: \"{item.QuotaName}\"\n",
	"          namespace: AWS/Usage\n",
	"          name: ResourceCount\n",
	"          dimensions_from: \"{item.Dims}\"\n",
	"          limit: \"{item.Value}\"\n",
	"          stat: Maximum\n",
	"          period: 3600\n",
	"          window: days_ago_7\n",
	"          fail_when: {above: 0.8}\n",
	"        finding: \"{resources}\"\n",
	NULL,
};

static void test_quota_refusals(void **state)
{
	(void)state;
	/* without dimensions the metric would be the account's, not the resource's */
	fails(QUOTA, 11, "", 18, 11, "name the resource's dimensions");
	fails(QUOTA, 12, "          limit: \"{item.Value}\"\n          per: X\n", 23, 18,
	      "divide by 'per' (a metric) or 'limit'");
	fails(QUOTA, 11, "          dimensions_from: \"{item.Dims} and more\"\n", 22, 28,
	      "expected one reference alone");
}

static void test_limit_judge(void **state)
{
	(void)state;
	struct fx f;
	struct region_result r = { 0 };
	struct probe_ctx cx = { 0 };
	char msg[200];
	cJSON *doc = cJSON_Parse(
	        "[{\"item\": {\"QuotaName\": \"vcpu\", \"Value\": 100, \"Dims\": {\"Class\": "
	        "\"S\"}},"
	        "  \"result\": {\"MetricDataResults\": [{\"Id\": \"m\", \"Timestamps\": "
	        "  [\"2026-11-01T00:00:00Z\", \"2026-10-30T00:00:00Z\"], \"Values\": [70, 85]}]}},"
	        " {\"item\": {\"QuotaName\": \"eip\", \"Value\": \"10\", \"Dims\": {\"Class\": "
	        "\"E\"}},"
	        "  \"result\": {\"MetricDataResults\": [{\"Id\": \"m\", \"Timestamps\": "
	        "  [\"2026-11-01T00:00:00Z\"], \"Values\": [8]}]}},"
	        " {\"item\": {\"QuotaName\": \"nolimit\", \"Dims\": {\"Class\": \"N\"}},"
	        "  \"result\": {\"MetricDataResults\": [{\"Id\": \"m\", \"Timestamps\": "
	        "  [\"2026-11-01T00:00:00Z\"], \"Values\": [8]}]}}]");
	cJSON *pr;
	char *s;

	fx_open(&f, QUOTA, 0, "");
	pr = metric_params(f.pp.p, cJSON_GetArrayItem(doc, 0)->child, NOW, msg, sizeof(msg));
	s = cJSON_PrintUnformatted(cJSON_GetObjectItem(
	        cJSON_GetArrayItem(cJSON_GetObjectItem(pr, "MetricDataQueries"), 0), "MetricStat"));
	assert_non_null(strstr(s, "\"Dimensions\":[{\"Name\":\"Class\",\"Value\":\"S\"}]"));
	/* no 'per': one query; no availability: the window alone */
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(pr, "MetricDataQueries")), 1);
	assert_string_equal(cJSON_GetObjectItem(pr, "StartTime")->valuestring,
	                    "2026-10-26T09:10:00Z");
	free(s);
	cJSON_Delete(pr);
	metric_judge(&f.pp, doc, &cx, "eu-west-1", NOW, &r);
	/* the peak (85 of 100) fails; 8 of 10 is not above 80 %; no limit: not checked */
	assert_int_equal(r.outcome, OUTCOME_FAIL);
	assert_int_equal(r.n_cited, 1);
	assert_string_equal(r.cited[0], "vcpu (85.00 %)");
	assert_int_equal(r.n_unchecked, 1);
	assert_string_equal(r.unchecked[0], "nolimit (no limit to compare with ({item.Value}))");
	assert_int_equal(r.n_measures, 0);
	region_result_clear(&r);
	cJSON_Delete(doc);
	fx_close(&f);
}

/* A limit given as a formula of the item (RDS's default max_connections: the class's
 * memory divided by a figure per engine, at most a cap), lines 12-32. */
static const char *const FORMULA[] = {
	"      - id: conns\n",                                           /* 1 */
	"        title: T\n",                                            /* 2 */
	"        evidence_for: [REL01-BP01]\n",                          /* 3 */
	"        proves: part\n",                                        /* 4 */
	"        scope: regional\n",                                     /* 5 */
	"        call: rds DescribeDBInstances\n",                       /* 6 */
	"        metric:\n",                                             /* 7 */
	"          items: \"DBInstances\"\n",                            /* 8 */
	"          label: \"{item.Id}\"\n",                              /* 9 */
	"          namespace: AWS/RDS\n",                                /* 10 */
	"          name: DatabaseConnections\n",                         /* 11 */
	"          dimensions: {DBInstanceIdentifier: \"{item.Id}\"}\n", /* 12 */
	"          limit:\n",                                            /* 13 */
	"            value: \"{item.MiB}\"\n",                           /* 14 */
	"            divided_by: \"{item.Per}\"\n",                      /* 15 */
	"            at_most: \"{item.Cap}\"\n",                         /* 16 */
	"            unknown: \"{item.Why}\"\n",                         /* 17 */
	"          stat: Maximum\n",                                     /* 18 */
	"          period: 3600\n",                                      /* 19 */
	"          window: days_ago_7\n",                                /* 20 */
	"          fail_when: {above: 0.75}\n",                          /* 21 */
	"        finding: \"{resources}\"\n",                            /* 22 */
	NULL,
};

static void test_formula_load_and_refusals(void **state)
{
	(void)state;
	struct qset *qs = load_ok(FORMULA, 0, "");
	const struct probe_metric *m = qs->questions[0].probes[0].metric;

	assert_string_equal(m->limit, "{item.MiB}");
	assert_string_equal(m->limit_divided_by, "{item.Per}");
	assert_string_equal(m->limit_at_most, "{item.Cap}");
	assert_string_equal(m->limit_unknown, "{item.Why}");
	qset_free(qs);
	/* numbers written in the probe */
	qs = load_ok(FORMULA, 15, "            divided_by: 12.5\n");
	assert_string_equal(qs->questions[0].probes[0].metric->limit_divided_by, "12.5");
	qset_free(qs);
	qs = load_ok(FORMULA, 16, "            at_most: 5000\n");
	assert_string_equal(qs->questions[0].probes[0].metric->limit_at_most, "5000");
	qset_free(qs);
	fails(FORMULA, 15, "            divided_by: 0\n", 26, 25,
	      "divided_by: expected a positive number or one reference");
	fails(FORMULA, 15, "            divided_by: lots\n", 26, 25,
	      "divided_by: expected a positive number or one reference");
	fails(FORMULA, 16, "            at_most: -5\n", 27, 22,
	      "at_most: expected a positive number or one reference");
	fails(FORMULA, 16, "            at_most: \"{item.Cap} conns\"\n", 27, 22,
	      "expected one reference alone");
	fails(FORMULA, 15, "            divided_by: \"{items.Per}\"\n", 26, 25,
	      "unknown name '{items.Per}'");
	fails(FORMULA, 17, "            unknown: \"{why}\"\n", 28, 22,
	      "limit: unknown: unknown name");
	fails(FORMULA, 17, "            otherwise: x\n", 28, 13, "unknown key 'otherwise'");
	fails(FORMULA, 14, "", 25, 13, "missing required key 'value'");
}

/* One DB instance: its memory, the figure it is divided by, the cap, why it has no limit,
 * and the peak of its connections this week. */
static cJSON *db(const char *id, const char *fields, double peak)
{
	char *text =
	        xasprintf("{\"item\": {\"Id\": \"%s\"%s%s}, \"result\": {\"MetricDataResults\": "
	                  "[{\"Id\": \"m\", \"Timestamps\": [\"2026-10-30T00:00:00Z\", "
	                  "\"2026-11-01T00:00:00Z\"], \"Values\": [1, %.15g]}]}}",
	                  id, *fields ? ", " : "", fields, peak);
	cJSON *j = cJSON_Parse(text);

	free(text);
	assert_non_null(j);
	return j;
}

static void test_formula_judge(void **state)
{
	(void)state;
	struct fx f;
	struct region_result r = { 0 };
	struct probe_ctx cx = { 0 };
	cJSON *doc = cJSON_CreateArray();

	fx_open(&f, FORMULA, 0, "");
	/* PostgreSQL on 16 GiB: 16384 / 9.08984375 = 1802.4 connections; 1500 is 83.22 % */
	cJSON_AddItemToArray(doc,
	                     db("pg", "\"MiB\": 16384, \"Per\": 9.08984375, \"Cap\": 5000", 1500));
	/* MySQL on 16 GiB, no cap (null): 1365.3; 500 is 36.6 %, within */
	cJSON_AddItemToArray(
	        doc, db("my", "\"MiB\": 16384, \"Per\": 12.000030517578125, \"Cap\": null", 500));
	/* PostgreSQL on 512 GiB: 57678 by memory, 5000 by the cap; 4000 is 80 % of the cap */
	cJSON_AddItemToArray(
	        doc, db("big", "\"MiB\": 524288, \"Per\": 9.08984375, \"Cap\": 5000", 4000));
	/* no limit, and the item says why */
	cJSON_AddItemToArray(
	        doc, db("custom", "\"MiB\": null, \"Per\": 12, \"Why\": \"custom group\"", 9000));
	/* no limit, nothing said: the probe's own note */
	cJSON_AddItemToArray(doc, db("bare", "\"Per\": 12", 10));
	/* a cap that is not a number, a divisor of zero: no limit either */
	cJSON_AddItemToArray(doc,
	                     db("oddcap", "\"MiB\": 1024, \"Per\": 12, \"Cap\": \"many\"", 10));
	cJSON_AddItemToArray(doc, db("zero", "\"MiB\": 1024, \"Per\": 0", 10));
	metric_judge(&f.pp, doc, &cx, "eu-west-1", NOW, &r);
	assert_int_equal(r.outcome, OUTCOME_FAIL);
	assert_int_equal(r.examined, 7);
	assert_int_equal(r.n_cited, 2);
	assert_string_equal(r.cited[0], "pg (83.22 %)");
	assert_string_equal(r.cited[1], "big (80.00 %)");
	assert_int_equal(r.n_unchecked, 4);
	assert_string_equal(r.unchecked[0], "custom (custom group)");
	assert_string_equal(r.unchecked[1], "bare (no limit to compare with ({item.MiB}))");
	assert_string_equal(r.unchecked[2], "oddcap (no limit to compare with ({item.MiB}))");
	assert_string_equal(r.unchecked[3], "zero (no limit to compare with ({item.MiB}))");
	region_result_clear(&r);
	/* Without the offenders, the instances without a limit are never a pass. */
	cJSON_DeleteItemFromArray(doc, 2);
	cJSON_DeleteItemFromArray(doc, 0);
	metric_judge(&f.pp, doc, &cx, "eu-west-1", NOW, &r);
	assert_int_equal(r.outcome, OUTCOME_ERROR);
	assert_string_equal(r.text, "could not check 4 of 5: custom group");
	region_result_clear(&r);
	/* The ones with a limit alone pass. */
	while (cJSON_GetArraySize(doc) > 1)
		cJSON_DeleteItemFromArray(doc, 1);
	metric_judge(&f.pp, doc, &cx, "eu-west-1", NOW, &r);
	assert_int_equal(r.outcome, OUTCOME_PASS);
	region_result_clear(&r);
	cJSON_Delete(doc);
	fx_close(&f);

	/* Numbers written in the probe: 1024 MiB / 12.5 = 81.92, at most 80 (the item's); 70 is
	 * 87.5 %; then the item's 12.5 and a cap of 100 in the probe: 85.45 %. */
	fx_open(&f, FORMULA, 15, "            divided_by: 12.5\n");
	doc = cJSON_CreateArray();
	cJSON_AddItemToArray(doc, db("lit", "\"MiB\": 1024, \"Cap\": 80", 70));
	metric_judge(&f.pp, doc, &cx, "eu-west-1", NOW, &r);
	assert_int_equal(r.outcome, OUTCOME_FAIL);
	assert_string_equal(r.cited[0], "lit (87.50 %)");
	region_result_clear(&r);
	cJSON_Delete(doc);
	fx_close(&f);
	fx_open(&f, FORMULA, 16, "            at_most: 100\n");
	doc = cJSON_CreateArray();
	cJSON_AddItemToArray(doc, db("lit2", "\"MiB\": 1024, \"Per\": 12.5", 70));
	metric_judge(&f.pp, doc, &cx, "eu-west-1", NOW, &r);
	assert_int_equal(r.outcome, OUTCOME_FAIL);
	assert_string_equal(r.cited[0], "lit2 (85.45 %)");
	region_result_clear(&r);
	cJSON_Delete(doc);
	fx_close(&f);
}

static void test_logs_judge(void **state)
{
	(void)state;
	struct fx f;
	struct region_result r = { 0 };
	struct probe_ctx cx = { 0 };
	cJSON *doc = cJSON_Parse(
	        "[{\"item\": {\"logGroupName\": \"/a\"}, \"result\": {\"events\": [{\"message\": "
	        "\"Task timed out after 3.00 seconds\"}]}, \"truncated\": true},"
	        " {\"item\": {\"logGroupName\": \"/b\"}, \"result\": {\"events\": []}},"
	        " {\"item\": {\"logGroupName\": \"/c\"}, \"result\": {\"events\": []},"
	        "  \"truncated\": true}]");

	fx_open(&f, LOGS, 0, "");
	metric_judge(&f.pp, doc, &cx, "eu-west-1", NOW, &r);
	/* events found fail, however many pages are left; the messages are not copied */
	assert_int_equal(r.outcome, OUTCOME_FAIL);
	assert_int_equal(r.n_cited, 1);
	assert_string_equal(r.cited[0], "/a (at least 1 event)");
	assert_null(strstr(r.text, "Task timed out after"));
	/* the bound reached with nothing found: not verified */
	assert_int_equal(r.n_unchecked, 1);
	assert_string_equal(r.unchecked[0],
	                    "/c (nothing found in the first 3 pages of 50 events: bound reached)");
	region_result_clear(&r);
	/* without the offender, the bound leaves the probe unverified, not passed */
	cJSON_DeleteItemFromArray(doc, 0);
	metric_judge(&f.pp, doc, &cx, "eu-west-1", NOW, &r);
	assert_int_equal(r.outcome, OUTCOME_ERROR);
	region_result_clear(&r);
	cJSON_DeleteItemFromArray(doc, 1);
	metric_judge(&f.pp, doc, &cx, "eu-west-1", NOW, &r);
	assert_int_equal(r.outcome, OUTCOME_PASS);
	region_result_clear(&r);
	cJSON_Delete(doc);
	fx_close(&f);
}

static void test_measures_json_and_text(void **state)
{
	(void)state;
	struct measure m = {
		xstrdup("web"), xstrdup("load balancer"), xstrdup("AWS/X E / R"), 30, 200000, 300
	};
	struct measure *back = NULL;
	size_t n = 0;
	const cJSON *at = NULL;
	char msg[200], line[600];
	cJSON *j = measures_to_json(&m, 1), *bad;

	assert_int_equal(measures_from_json(j, &back, &n, &at, msg, sizeof(msg)), 0);
	assert_int_equal(n, 1);
	assert_string_equal(back[0].resource, "web");
	assert_true(back[0].requests == 200000 && back[0].errors == 300 && back[0].days == 30);
	measures_free(back, n);
	/* bad values are refused with the item named */
	bad = cJSON_Parse("[{\"resource\": \"w\", \"kind\": \"k\", \"source\": \"s\", \"days\": 30,"
	                  " \"requests\": -1, \"errors\": 0}]");
	assert_int_equal(measures_from_json(bad, &back, &n, &at, msg, sizeof(msg)), -1);
	assert_non_null(strstr(msg, "[0]: needs days"));
	cJSON_Delete(bad);
	bad = cJSON_Parse("[{\"resource\": \"w\", \"kind\": \"k\", \"source\": \"s\", \"days\": 30,"
	                  " \"requests\": 1, \"errors\": 0, \"extra\": 1}]");
	assert_int_equal(measures_from_json(bad, &back, &n, &at, msg, sizeof(msg)), -1);
	assert_non_null(strstr(msg, "unknown key 'extra'"));
	cJSON_Delete(bad);
	cJSON_Delete(j);
	/* 1 - 300/200000 = 99.85 %, against 99.9 %: below, with the downtime it implies */
	{
		struct measure_ref r = { .m = &m, .region = "eu-west-1" };

		measure_describe(&r, 0.999, line, sizeof(line));
		assert_string_equal(
		        line, "99.85% measured (30 d, load balancer web in eu-west-1) against a "
		              "99.9% target, below it; 1h 4m 48s of downtime in 30 days, 13h "
		              "8m 56s a year at this rate (300 errors in 200000 requests, "
		              "AWS/X E / R)");
		/* in a sweep of several accounts, two balancers named alike are told apart */
		r.account = "111122223333";
		measure_describe(&r, -1, line, sizeof(line));
		assert_non_null(strstr(line, "(30 d, load balancer web in account 111122223333, "
		                             "eu-west-1); 1h 4m 48s of downtime"));
	}
	/* a figure with errors never rounds to 100 % */
	m.errors = 1;
	m.requests = 1e9;
	measure_pct(&m, line, sizeof(line));
	assert_string_equal(line, "99.999%");
	m.requests = 0;
	measure_pct(&m, line, sizeof(line));
	assert_string_equal(line, "n/a");
	measure_clear(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_metric_loads),
		cmocka_unit_test(test_metric_refusals),
		cmocka_unit_test(test_logs_load_and_refusals),
		cmocka_unit_test(test_metric_params),
		cmocka_unit_test(test_logs_params),
		cmocka_unit_test(test_metric_judge),
		cmocka_unit_test(test_quota_refusals),
		cmocka_unit_test(test_limit_judge),
		cmocka_unit_test(test_formula_load_and_refusals),
		cmocka_unit_test(test_formula_judge),
		cmocka_unit_test(test_logs_judge),
		cmocka_unit_test(test_measures_json_and_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
