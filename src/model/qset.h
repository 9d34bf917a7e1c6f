/* The question set: areas, questions and best practices, as loaded from questions/.
 * Plain data, no I/O: src/store/qset_load.c builds it, everything else reads it. */
#ifndef WAR_MODEL_QSET_H
#define WAR_MODEL_QSET_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

/* Level of risk if a best practice is not established. Order matters: higher is worse. */
enum bp_risk { BP_RISK_LOW = 1, BP_RISK_MEDIUM, BP_RISK_HIGH };
enum effort { EFFORT_LOW = 1, EFFORT_MEDIUM, EFFORT_HIGH };

/* Computed risk of a question (and what a risk rule may yield). */
enum qrisk { QRISK_UNANSWERED = 0, QRISK_NOT_APPLICABLE, QRISK_NONE, QRISK_MEDIUM, QRISK_HIGH };

struct link {
	char *title;
	char *url;
};

struct bp {
	char *id; /* "REL01-BP01" */
	char *title;
	char *choice_id; /* Well-Architected Tool ChoiceId */
	enum bp_risk risk;
	enum effort effort;
	char *description; /* what it means */
	char *why;         /* why it matters */
	char **steps;      /* how to implement, in order */
	size_t n_steps;
	char **services; /* AWS services that help */
	size_t n_services;
	struct link *links;
	size_t n_links;
};

/* A risk-rule condition: a small boolean tree over best-practice selections. */
enum rexpr_kind { REXPR_BP, REXPR_NOT, REXPR_AND, REXPR_OR };
struct rexpr {
	enum rexpr_kind kind;
	size_t bp; /* REXPR_BP: index into question.bps */
	struct rexpr *a, *b;
};

struct risk_rule {
	struct rexpr *when; /* NULL: the default rule, always true */
	enum qrisk risk;    /* QRISK_NONE, QRISK_MEDIUM or QRISK_HIGH */
};

/* Evidence probes, as declared in the question set (wa-review-questions(5), PROBES): one
 * read-only AWS call, perhaps a second call per item of the first, a JMESPath query over
 * what came back and what counts as passing. src/store/probe_load.c builds and checks them,
 * src/evidence/ runs them.
 *
 * Where a probe runs: once per Region swept, or once for the account (IAM, Route 53, S3's
 * bucket list: services with one global endpoint). */
enum probe_scope { PROBE_REGIONAL = 1, PROBE_GLOBAL };

/* What counts as passing, judged on the query's value (see wa-review-questions(5)). */
enum probe_expect {
	EXPECT_EMPTY = 1,    /* nothing found: offenders are the list's items */
	EXPECT_NOT_EMPTY,    /* something found */
	EXPECT_ALL_TRUE,     /* every item true; offenders are the matching resources */
	EXPECT_UNIQUE,       /* no value twice; offenders are the repeated values */
	EXPECT_MIN_COUNT,    /* at least N items */
	EXPECT_MAX_COUNT,    /* at most N items; offenders are the items */
	EXPECT_MIN_DISTINCT, /* at least N different values (AZ spread) */
	EXPECT_EQUALS,       /* equals a JSON value */
	EXPECT_NO_OVERLAP,   /* no two CIDR ranges overlap; offenders are the overlapping ones */
};

/* What a probe's pass proves (wa-review-questions(5), VERDICTS). Only a probe that checks a
 * setting on every resource it examines can show a best practice implemented; one that
 * shows that something of a kind exists can at most show it in part. PROVES_PART checks
 * every resource too, but a setting that is only one part of the practice (the closest
 * one AWS shows): its pass shows that part, and its offenders lack that part, which is
 * for people to weigh, so neither decides the practice. */
enum probe_proves { PROVES_EVERY_RESOURCE = 1, PROVES_EXISTENCE, PROVES_PART };

/* Where a probe's verdict comes from: our own calls, or the results of the account's AWS
 * Config rules (a question's config_rules, made into probes when the set is loaded). */
enum probe_source { SOURCE_PROBE = 0, SOURCE_CONFIG };

/* The variables the runner binds in every probe's expressions besides the 'with' results:
 * the sweep's time and the times 1, 7, 30 and 90 days before it, as ISO 8601 UTC strings
 * ("2026-11-02T09:10:00Z"), which JMESPath compares as strings. */
enum { PROBE_N_TIME_VARS = 5 };
extern const char *const probe_time_vars[PROBE_N_TIME_VARS]; /* "now", "days_ago_1", … */
extern const int probe_time_days[PROBE_N_TIME_VARS];         /* 0, 1, 7, 30, 90 */
/* The index in probe_time_vars of the time the first len bytes of name name, or -1. */
int probe_time_var(const char *name, size_t len);

/* One API call as declared. */
struct probe_call {
	char *service;   /* the client's service name: "ec2", "elbv2", "s3", "service-quotas" */
	char *operation; /* the API's operation name: "DescribeVpcs" */
	cJSON *params;   /* request parameters (an object), or NULL for none; in a fan-out
	                  * call, strings may hold {item} templates */
	char **empty_on; /* API error codes that mean "nothing there" (the result is null) */
	size_t n_empty_on;
	long max_pages; /* a probe's first call: pages to read at most (a busy account's event
	                 * history); a bound reached with pages left can pass nothing. 0: all */
};

/* A further call of a probe, made in the same Region as its first; its result is bound to
 * $name for the probe's expressions. */
struct probe_with {
	char *name;
	struct probe_call call;
};

/* A metric probe's measurement (wa-review-questions(5), METRIC PROBES): for each item of its
 * first call, CloudWatch GetMetricData over [window, now] in periods, the datapoints folded
 * by the statistic into one value per resource (divided by a second metric or by a number
 * of the item when given), compared with the threshold. A resource without datapoints is
 * not checked, never a pass. */
enum metric_cmp { METRIC_ABOVE = 1, METRIC_AT_LEAST, METRIC_BELOW, METRIC_AT_MOST };

struct probe_dim {
	char *name;  /* "LoadBalancer" */
	char *value; /* template over the item: "{item.LoadBalancerArn}" */
	char *after; /* keep only what follows this text in the value ("loadbalancer/"), or NULL */
};

struct probe_metric {
	char *ns;    /* "AWS/ApplicationELB" */
	char *name;  /* "HTTPCode_ELB_5XX_Count" */
	char *per;   /* a second metric of the same namespace and dimensions the value is
	              * divided by ("RequestCount"), or NULL */
	char *limit; /* template naming a number of the item the value is divided by
	              * ("{item.Value}", a quota), or NULL */
	/* A limit the item gives as a formula (limit: {value, divided_by, at_most, unknown}):
	 * value / divided_by, at most at_most. divided_by and at_most are a number ("9.5")
	 * or a template naming one of the item ("{item.MiB}"); NULL: none. unknown is a
	 * template over the item saying why one has no limit (its not-checked note), or
	 * NULL. All NULL for a plain limit. */
	char *limit_divided_by;
	char *limit_at_most;
	char *limit_unknown;
	struct probe_dim *dims;
	size_t n_dims;
	char *dims_from; /* template naming an object of the item holding dimension names
	                  * and values ("{item.UsageMetric.MetricDimensions}"), or NULL */
	char *stat;      /* Sum, Average, Maximum, Minimum or SampleCount */
	long period;     /* seconds, a multiple of 60 */
	int window;      /* index into probe_time_vars: the window runs from there to now */
	enum metric_cmp cmp;
	double threshold;
	char *label;        /* template naming each resource in findings, or NULL */
	char *availability; /* what a resource is ("load balancer") when the probe also
	                     * measures availability (name counts errors, per requests) over
	                     * 30 and 90 days; NULL: it does not */
};

/* A log probe's search (wa-review-questions(5), LOG PROBES): for each item of its first
 * call, CloudWatch Logs FilterLogEvents over [window, now] for a pattern, at most limit
 * events a page and max_pages pages. Events found fail the resource; a bound reached with
 * nothing found leaves it not verified, never passed. */
struct probe_logs {
	char *group;   /* template naming the log group from an item: "{item.logGroupName}" */
	char *pattern; /* CloudWatch Logs filter pattern: "?ERROR ?Exception" */
	int window;    /* index into probe_time_vars */
	long limit;    /* events a page, 1 to 10000 */
	long max_pages;
};

struct probe {
	char *id;    /* "rds-multi-az": lowercase slug, unique in the set */
	char *title; /* what it checks, as a short sentence */
	char **bps;  /* best-practice IDs of its question it is evidence for (>= 1) */
	size_t n_bps;
	enum probe_scope scope;
	bool any_region; /* regional: passing in one Region is enough (pass_in: any_region),
	                  * for "is X used at all" checks a standby Region need not repeat */
	enum probe_proves proves;
	bool account_wide; /* it looks at an account's mechanism (backup plans, runbooks,
	                    * quotas) that the workload's scope does not narrow */
	struct probe_call call;
	struct probe_with *with; /* further calls, in file order; NULL/0: none */
	size_t n_with;
	/* Fan-out (each.service NULL when the probe has none): each.call runs once per item of
	 * each_items over the first result; the query then sees [{item, result}, ...]. */
	struct probe_call each;
	char *each_items;  /* JMESPath over the first call's result */
	char *each_region; /* template ("{item.region}") choosing each call's Region, or NULL */
	char *resources;   /* JMESPath: what was examined; empty means "not applicable". NULL
	                    * only for existence checks (not_empty, min_count) */
	char *defaults;    /* JMESPath: resources AWS creates in every account (the default VPC,
	                    * its subnets), left out of what is examined; NULL: none */
	char *query;       /* JMESPath: the value judged */
	enum probe_expect expect;
	long expect_n;       /* N of min_count, max_count, min_distinct */
	cJSON *expect_value; /* the value of equals */
	char *finding;       /* template of the sentence when the probe fails */
	char *passed;        /* template when it passes, or NULL for a default */
	enum probe_source source;
	char *config_rule;   /* SOURCE_CONFIG: the managed rule's identifier (LAMBDA_DLQ_CHECK) */
	char *same_as;       /* SOURCE_CONFIG: our probe that checks the same, or NULL */
	char *scope_service; /* the ARN service naming what it examines when that is not the
	                      * call's ("lambda" for a Config rule on functions), or NULL */
	/* A metric or log probe (at most one of the two): its fan-out (each, each_items) is
	 * GetMetricData or FilterLogEvents with parameters built per item, judged by
	 * src/evidence/metric.c instead of query and expect. NULL: neither. */
	struct probe_metric *metric;
	struct probe_logs *logs;
};

struct question {
	char *id; /* "REL01" */
	char *title;
	char *description;
	char *wa_question_id;
	char *none_choice_id;
	size_t area; /* index into qset.areas */
	struct bp *bps;
	size_t n_bps;
	struct risk_rule *rules; /* NULL/0: highest risk among unselected best practices */
	size_t n_rules;
	struct probe *probes; /* evidence probes, in file order; NULL/0: none */
	size_t n_probes;
};

struct area {
	char *id;     /* "foundations" */
	char *title;  /* "Foundations" */
	size_t first; /* index of its first question in qset.questions */
	size_t count;
};

struct qset {
	char *id;
	char *name;
	char *description; /* optional: what the set is for (a custom lens's description) */
	char *pillar;
	char *framework_version;
	char *lens_alias;
	struct area *areas;
	size_t n_areas;
	struct question *questions;
	size_t n_questions;
};

/* Frees the set and everything it owns; NULL is fine. */
void qset_free(struct qset *qs);

/* Lookups by ID; return a borrowed pointer, or NULL when absent. */
const struct question *qset_find_question(const struct qset *qs, const char *id);
const struct bp *question_find_bp(const struct question *q, const char *id);
/* The probe with that ID and, in *q when q is not NULL, its question (both borrowed), or
 * NULL when the set has none. */
const struct probe *qset_find_probe(const struct qset *qs, const char *id,
                                    const struct question **q);
/* Index of the best practice in q, or -1. */
long question_bp_index(const struct question *q, const char *id);

/* Counts every best practice in the set. */
size_t qset_count_bps(const struct qset *qs);

/* Names as written in files ("high", "medium", …); parse returns 0 when unknown. */
const char *bp_risk_name(enum bp_risk r);
enum bp_risk bp_risk_parse(const char *s);
const char *effort_name(enum effort e);
enum effort effort_parse(const char *s);
/* "HIGH", "MEDIUM", "NONE", "NOT_APPLICABLE", "UNANSWERED". */
const char *qrisk_name(enum qrisk r);

/* Frees what a probe owns (not the struct itself). */
void probe_clear(struct probe *p);

/* "every_resource", "existence"; parse returns 0 when unknown. */
const char *probe_proves_name(enum probe_proves p);
enum probe_proves probe_proves_parse(const char *s);
/* What a criterion can prove on its own: whether it judges each resource examined
 * (empty, all_true, unique, max_count, min_distinct, no_overlap) or only that something
 * exists (not_empty, min_count, equals). */
enum probe_proves probe_expect_proves(enum probe_expect e);
/* The names a probe's expressions may use as variables: $name of each 'with' call in file
 * order, then the time variables (probe_time_vars). Returns a newly allocated array of *n
 * borrowed strings (free() the array). */
const char **probe_var_names(const struct probe *p, size_t *n);

/* Names as written in files ("empty", "min_count", …); parse returns 0 when unknown. */
const char *probe_expect_name(enum probe_expect e);
enum probe_expect probe_expect_parse(const char *s);
/* Whether the criterion takes a parameter (min_count: 2, equals: "Enabled"). */
int probe_expect_has_param(enum probe_expect e);
/* Whether the probe's criterion cannot tell "nothing found" from a verdict (empty, all_true
 * or unique would pass on nothing, min_distinct would fail, equals null would pass), so it
 * must say what it examines (resources) for "none found" to read as not applicable. */
int probe_needs_resources(const struct probe *p);

#endif
