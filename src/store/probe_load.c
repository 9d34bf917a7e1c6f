#include "store/probe_load.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aws/client.h"
#include "evidence/awsops.h"
#include "evidence/iam.h"
#include "jmespath/jmespath.h"
#include "evidence/template.h"
#include "store/probe_metric_load.h"
#include "util/xalloc.h"

/* One probe being loaded: the document, its question, the probe, and its id for messages. */
struct pload {
	struct ydoc *d;
	const struct question *q;
	struct probe *p;
	struct wa_err *err;
	const char *id; /* "probe rds-multi-az", or "probe" before the id is known */
	char idbuf[160];
};

static const char *sval(const yaml_node_t *n)
{
	return (const char *)n->data.scalar.value;
}

/* Where byte off of scalar n's value stands in the file. Exact when the scalar is written on
 * one line without escapes (its source span is its value plus any quotes); otherwise the
 * scalar's own position, which still names the right key. */
static void scalar_pos(const yaml_node_t *n, size_t off, int *line, int *col)
{
	const char *v = sval(n);
	size_t len = n->data.scalar.length, span = n->end_mark.index - n->start_mark.index;
	int quoted = n->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
	             n->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	int c = 0;

	*line = ydoc_line(n);
	*col = ydoc_col(n);
	if (n->type != YAML_SCALAR_NODE || n->start_mark.line != n->end_mark.line ||
	    (!quoted && n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE) ||
	    span != len + (quoted ? 2 : 0))
		return;
	for (size_t i = 0; i < off && i < len; i++)
		if (((unsigned char)v[i] & 0xC0) != 0x80)
			c++;
	*col += quoted + c;
}

static int fail_at(struct pload *L, const yaml_node_t *n, size_t off, const char *fmt, ...)
        ATTR_FORMAT(4, 5);

static int fail_at(struct pload *L, const yaml_node_t *n, size_t off, const char *fmt, ...)
{
	char msg[900];
	va_list ap;
	int line, col;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	scalar_pos(n, off, &line, &col);
	return err_set(L->err, L->d->file, line, col, "%s: %s", L->id, msg);
}

static int valid_probe_id(const char *s)
{
	if (!islower((unsigned char)*s))
		return 0;
	for (; *s; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) && *s != '-')
			return 0;
	return s[-1] != '-';
}

/* "service Operation" into c->service and c->operation. */
static int load_call_name(struct pload *L, yaml_node_t *n, struct probe_call *c)
{
	char *s, *sp;

	if (ydoc_str(L->d, n, "call", &s, L->err))
		return -1;
	sp = strchr(s, ' ');
	if (!sp || sp == s || !sp[1] || strchr(sp + 1, ' ')) {
		free(s);
		return fail_at(L, n, 0,
		               "call: expected 'service Operation', such as "
		               "'ec2 DescribeVpcs'");
	}
	c->service = xstrndup(s, (size_t)(sp - s));
	c->operation = xstrdup(sp + 1);
	free(s);
	if (!iam_service_known(c->service)) {
		char list[700];
		size_t used = 0;
		for (size_t i = 0; i < iam_service_count() && used < sizeof(list); i++)
			used += (size_t)snprintf(list + used, sizeof(list) - used, "%s%s",
			                         i ? ", " : "", iam_service_name(i));
		return fail_at(L, n, 0, "call: unknown service '%s' (known: %s)", c->service, list);
	}
	/* the client's own rule, so a probe can never ask for what the client would refuse */
	if (!aws_client_readonly(c->service, c->operation, false))
		return fail_at(L, n, strlen(c->service) + 1,
		               "call: '%s' is not a read-only operation; probes may only call "
		               "Describe*, List* and Get* operations and the few read calls named "
		               "otherwise (cloudtrail LookupEvents, logs FilterLogEvents)",
		               c->operation);
	if (!awsops_known(c->service, c->operation)) {
		const char *near = awsops_near(c->service, c->operation);
		return fail_at(L, n, strlen(c->service) + 1, "call: %s has no operation '%s'%s%s%s",
		               c->service, c->operation, near ? " (did you mean " : "",
		               near ? near : "", near ? "?)" : "");
	}
	return 0;
}

/* Template references in a fan-out call: {item}, {item.member...} or a time. */
static int check_item_ref(void *ctx, const char *ref, size_t len, char *msg, size_t msglen)
{
	(void)ctx;
	if ((len == 4 || (len > 5 && ref[4] == '.')) && !strncmp(ref, "item", 4))
		return 0;
	if (probe_time_var(ref, len) >= 0)
		return 0;
	snprintf(msg, msglen,
	         "unknown name '{%.*s}': a fan-out call's templates name {item}, "
	         "{item.member} or a time ({now}, {days_ago_1}, {days_ago_7}, {days_ago_30}, "
	         "{days_ago_90})",
	         (int)len, ref);
	return -1;
}

/* Template references in a probe's first call and its 'with' calls: times only, since
 * there is no item yet. */
static int check_time_ref(void *ctx, const char *ref, size_t len, char *msg, size_t msglen)
{
	(void)ctx;
	if (probe_time_var(ref, len) >= 0)
		return 0;
	snprintf(msg, msglen,
	         "unknown name '{%.*s}': here a template names a time ({now}, {days_ago_1}, "
	         "{days_ago_7}, {days_ago_30}, {days_ago_90}); items exist only in a fan-out "
	         "call ('each'); write '{{' for a brace",
	         (int)len, ref);
	return -1;
}

/* Checks the templates in every string of a params tree. */
static int check_param_templates(struct pload *L, yaml_node_t *n, tmpl_check_fn check, int depth)
{
	char msg[300];
	size_t pos;

	if (depth > 32)
		return fail_at(L, n, 0, "params: nested too deeply");
	switch (n->type) {
	case YAML_SCALAR_NODE:
		if (tmpl_check(sval(n), check, NULL, &pos, msg, sizeof(msg)))
			return fail_at(L, n, pos, "params: %s", msg);
		return 0;
	case YAML_SEQUENCE_NODE:
		for (yaml_node_item_t *i = n->data.sequence.items.start;
		     i < n->data.sequence.items.top; i++)
			if (check_param_templates(L, ydoc_get(L->d, *i), check, depth + 1))
				return -1;
		return 0;
	case YAML_MAPPING_NODE:
		for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
		     p < n->data.mapping.pairs.top; p++)
			if (check_param_templates(L, ydoc_get(L->d, p->value), check, depth + 1))
				return -1;
		return 0;
	default: return 0;
	}
}

static int load_params(struct pload *L, yaml_node_t *n, struct probe_call *c, tmpl_check_fn check)
{
	if (n->type != YAML_MAPPING_NODE)
		return ydoc_fail(L->d, n, L->err,
		                 "%s: params: expected a mapping of parameter "
		                 "names to values",
		                 L->id);
	if (ydoc_map_any(L->d, n, "params", L->err) || check_param_templates(L, n, check, 0))
		return -1;
	c->params = ydoc_to_json(L->d, n, L->err);
	return c->params ? 0 : -1;
}

/* A page bound on the first call: 1 to 100 pages. */
static int load_max_pages(struct pload *L, yaml_node_t *n, struct probe_call *c)
{
	if (ydoc_long(L->d, n, "max_pages", &c->max_pages, L->err))
		return -1;
	if (c->max_pages < 1 || c->max_pages > 100)
		return ydoc_fail(L->d, n, L->err, "%s: max_pages: expected 1 to 100, found %ld",
		                 L->id, c->max_pages);
	return 0;
}

static int load_empty_on(struct pload *L, yaml_node_t *n, struct probe_call *c)
{
	if (ydoc_strlist(L->d, n, "empty_on", &c->empty_on, &c->n_empty_on, L->err))
		return -1;
	for (size_t i = 0; i < c->n_empty_on; i++)
		for (const char *s = c->empty_on[i]; *s; s++)
			if (!isalnum((unsigned char)*s) && !strchr("_.-", *s))
				return fail_at(L, ydoc_seq_item(L->d, n, i), 0,
				               "empty_on: '%s' is not an AWS error code such as "
				               "ReplicationConfigurationNotFoundError",
				               c->empty_on[i]);
	return 0;
}

/* Compiles a JMESPath expression to check it, with the probe's 'with' results bound as
 * variables; the error points into the expression. */
static int load_jmespath(struct pload *L, yaml_node_t *n, const char *what, char **out)
{
	size_t nv;
	const char **vars = probe_var_names(L->p, &nv);
	struct jmespath *jp;
	struct wa_err jerr;

	if (ydoc_str(L->d, n, what, out, L->err)) {
		free(vars);
		return -1;
	}
	err_clear(&jerr);
	jp = jmespath_compile_vars(*out, vars, nv, &jerr);
	free(vars);
	if (!jp)
		return fail_at(L, n, jerr.col > 0 ? (size_t)jerr.col - 1 : 0, "%s: %s", what,
		               jerr.msg);
	jmespath_free(jp);
	return 0;
}

static int load_bps(struct pload *L, yaml_node_t *n)
{
	struct probe *p = L->p;

	if (ydoc_strlist(L->d, n, "evidence_for", &p->bps, &p->n_bps, L->err))
		return -1;
	if (p->n_bps == 0)
		return ydoc_fail(L->d, n, L->err,
		                 "%s: evidence_for: name at least one best "
		                 "practice of %s",
		                 L->id, L->q->id);
	for (size_t i = 0; i < p->n_bps; i++) {
		yaml_node_t *item = ydoc_seq_item(L->d, n, i);

		if (question_bp_index(L->q, p->bps[i]) < 0)
			return fail_at(L, item, 0,
			               "evidence_for: '%s' is not a best practice of %s "
			               "(%s to %s)",
			               p->bps[i], L->q->id, L->q->bps[0].id,
			               L->q->bps[L->q->n_bps - 1].id);
		for (size_t j = 0; j < i; j++)
			if (!strcmp(p->bps[i], p->bps[j]))
				return fail_at(L, item, 0, "evidence_for: '%s' is listed twice",
				               p->bps[i]);
	}
	return 0;
}

static int load_expect(struct pload *L, yaml_node_t *n)
{
	struct probe *p = L->p;
	const char *word;
	yaml_node_t *k, *v;

	if (n->type == YAML_SCALAR_NODE) {
		p->expect = probe_expect_parse(sval(n));
		if (p->expect && probe_expect_has_param(p->expect))
			return fail_at(L, n, 0, "expect: %s needs a value, as in 'expect: {%s: 2}'",
			               sval(n), sval(n));
		if (!p->expect)
			return fail_at(L, n, 0,
			               "expect: '%s' is not a criterion (empty, not_empty, "
			               "all_true, unique, no_overlap, or {min_count: N}, "
			               "{max_count: N}, {min_distinct: N}, {equals: VALUE})",
			               sval(n));
		return 0;
	}
	if (n->type != YAML_MAPPING_NODE ||
	    n->data.mapping.pairs.top - n->data.mapping.pairs.start != 1)
		return ydoc_fail(L->d, n, L->err,
		                 "%s: expect: give one criterion, such as 'empty' "
		                 "or '{min_count: 2}'",
		                 L->id);
	if (ydoc_map_any(L->d, n, "expect", L->err))
		return -1;
	k = ydoc_get(L->d, n->data.mapping.pairs.start->key);
	v = ydoc_get(L->d, n->data.mapping.pairs.start->value);
	word = sval(k);
	p->expect = probe_expect_parse(word);
	if (!p->expect || !probe_expect_has_param(p->expect))
		return fail_at(L, k, 0, "expect: '%s' %s", word,
		               p->expect
		                       ? "takes no value; write it alone, as in 'expect: empty'"
		                       : "is not a criterion (min_count, max_count, min_distinct, "
		                         "equals, or a word: empty, not_empty, all_true, unique, "
		                         "no_overlap)");
	if (p->expect == EXPECT_EQUALS) {
		p->expect_value = ydoc_to_json(L->d, v, L->err);
		return p->expect_value ? 0 : -1;
	}
	if (ydoc_long(L->d, v, word, &p->expect_n, L->err))
		return -1;
	if (p->expect_n < (p->expect == EXPECT_MAX_COUNT ? 0 : 1) || p->expect_n > 1000000)
		return fail_at(L, v, 0, "expect: %s must be %s", word,
		               p->expect == EXPECT_MAX_COUNT ? "0 or more"
		                                             : "1 or more (0 always "
		                                               "holds)");
	return 0;
}

/* Names a finding template may use; which ones depend on the probe. */
static int check_finding_ref(void *ctx, const char *ref, size_t len, char *msg, size_t msglen)
{
	const struct probe *p = ctx;
	static const char *const known[] = { "count",    "total",  "resources", "value",
		                             "expected", "region", NULL };

	for (size_t i = 0; known[i]; i++) {
		if (strlen(known[i]) != len || strncmp(known[i], ref, len))
			continue;
		if (!strcmp(known[i], "total") && !p->resources) {
			snprintf(msg, msglen,
			         "{total} counts what 'resources' selects, and this probe "
			         "has no 'resources'");
			return -1;
		}
		if (!strcmp(known[i], "expected") && !probe_expect_has_param(p->expect)) {
			snprintf(msg, msglen,
			         "{expected} is the value of a criterion such as "
			         "min_count; '%s' has none",
			         probe_expect_name(p->expect));
			return -1;
		}
		return 0;
	}
	snprintf(msg, msglen,
	         "unknown name '{%.*s}' (known: {count}, {total}, {resources}, "
	         "{value}, {expected}, {region})",
	         (int)len, ref);
	return -1;
}

static int load_template(struct pload *L, yaml_node_t *n, const char *what, char **out)
{
	char msg[300];
	size_t pos;

	if (ydoc_str(L->d, n, what, out, L->err))
		return -1;
	if (tmpl_check(*out, check_finding_ref, L->p, &pos, msg, sizeof(msg)))
		return fail_at(L, n, pos, "%s: %s", what, msg);
	return 0;
}

static int load_each(struct pload *L, yaml_node_t *n)
{
	enum { F_ITEMS, F_CALL, F_PARAMS, F_REGION, F_EMPTY, F_N };
	struct yfield f[F_N] = {
		[F_ITEMS] = { "items", true, 0, 0 },     [F_CALL] = { "call", true, 0, 0 },
		[F_PARAMS] = { "params", false, 0, 0 },  [F_REGION] = { "region", false, 0, 0 },
		[F_EMPTY] = { "empty_on", false, 0, 0 },
	};
	struct probe *p = L->p;
	char what[200], msg[300];
	size_t pos;

	snprintf(what, sizeof(what), "%s: each", L->id);
	if (ydoc_map(L->d, n, f, F_N, what, L->err) ||
	    load_jmespath(L, f[F_ITEMS].val, "each.items", &p->each_items) ||
	    load_call_name(L, f[F_CALL].val, &p->each) ||
	    (f[F_PARAMS].val && load_params(L, f[F_PARAMS].val, &p->each, check_item_ref)) ||
	    (f[F_EMPTY].val && load_empty_on(L, f[F_EMPTY].val, &p->each)))
		return -1;
	if (!f[F_REGION].val)
		return 0;
	if (ydoc_str(L->d, f[F_REGION].val, "each.region", &p->each_region, L->err))
		return -1;
	if (tmpl_check(p->each_region, check_item_ref, NULL, &pos, msg, sizeof(msg)))
		return fail_at(L, f[F_REGION].val, pos, "each.region: %s", msg);
	if (!tmpl_has_ref(p->each_region))
		return fail_at(
		        L, f[F_REGION].val, 0,
		        "each.region: name the item's Region, as in "
		        "'{item.region}' (without it, each call goes to the probe's Region)");
	return 0;
}

/* with: further calls in the probe's Region, NAME: "service Operation" or NAME: {call,
 * params, empty_on}; each result is $NAME in the probe's expressions. */
static int load_with(struct pload *L, yaml_node_t *n)
{
	struct probe *p = L->p;
	size_t count;

	if (n->type != YAML_MAPPING_NODE)
		return ydoc_fail(L->d, n, L->err,
		                 "%s: with: expected a mapping of names to calls, such as "
		                 "'subnets: ec2 DescribeSubnets'",
		                 L->id);
	if (ydoc_map_any(L->d, n, "with", L->err))
		return -1;
	count = (size_t)(n->data.mapping.pairs.top - n->data.mapping.pairs.start);
	p->with = xcalloc(count ? count : 1, sizeof(*p->with));
	for (yaml_node_pair_t *kv = n->data.mapping.pairs.start; kv < n->data.mapping.pairs.top;
	     kv++) {
		yaml_node_t *k = ydoc_get(L->d, kv->key), *v = ydoc_get(L->d, kv->value);
		struct probe_with *w = &p->with[p->n_with];
		const char *name = sval(k);

		if (!(islower((unsigned char)*name) || *name == '_'))
			return fail_at(L, k, 0,
			               "with: '%s' must be a variable name: lowercase letters, "
			               "digits and '_', starting with a letter",
			               name);
		for (const char *s = name; *s; s++)
			if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) && *s != '_')
				return fail_at(L, k, (size_t)(s - name),
				               "with: '%s' must be a variable name: lowercase "
				               "letters, digits and '_'",
				               name);
		if (probe_time_var(name, strlen(name)) >= 0)
			return fail_at(L, k, 0,
			               "with: '%s' is a time the sweep binds ($%s); choose "
			               "another name",
			               name, name);
		w->name = xstrdup(name);
		p->n_with++;
		if (v->type == YAML_SCALAR_NODE) {
			if (load_call_name(L, v, &w->call))
				return -1;
			continue;
		}
		{
			enum { W_CALL, W_PARAMS, W_EMPTY, W_N };
			struct yfield f[W_N] = {
				[W_CALL] = { "call", true, 0, 0 },
				[W_PARAMS] = { "params", false, 0, 0 },
				[W_EMPTY] = { "empty_on", false, 0, 0 },
			};
			char what[200];

			snprintf(what, sizeof(what), "%s: with.%s", L->id, name);
			if (ydoc_map(L->d, v, f, W_N, what, L->err) ||
			    load_call_name(L, f[W_CALL].val, &w->call) ||
			    (f[W_PARAMS].val &&
			     load_params(L, f[W_PARAMS].val, &w->call, check_time_ref)) ||
			    (f[W_EMPTY].val && load_empty_on(L, f[W_EMPTY].val, &w->call)))
				return -1;
		}
	}
	return 0;
}

/* proves: every_resource, part or existence; without it, what the criterion can prove. A
 * criterion that only finds something cannot claim every resource, nor a part of the
 * practice on every resource. */
static int load_proves(struct pload *L, yaml_node_t *n)
{
	struct probe *p = L->p;
	enum probe_proves can = probe_expect_proves(p->expect);
	char *s;

	if (!n) {
		/* Without 'proves', a probe claims what its criterion can — except that a
		 * probe passing in any one Region can only show existence. */
		p->proves = p->any_region ? PROVES_EXISTENCE : can;
		return 0;
	}
	if (ydoc_str(L->d, n, "proves", &s, L->err))
		return -1;
	p->proves = probe_proves_parse(s);
	free(s);
	if (!p->proves)
		return fail_at(L, n, 0,
		               "proves: expected every_resource (a setting checked on every "
		               "resource examined), part (the same, for a setting that is one "
		               "part of the practice) or existence (only that something exists)");
	if (p->proves == PROVES_EXISTENCE)
		return 0;
	const char *name = probe_proves_name(p->proves);
	if (can == PROVES_EXISTENCE)
		return fail_at(L, n, 0,
		               "proves: %s needs a criterion that judges each resource (empty, "
		               "all_true, unique, max_count, min_distinct, no_overlap); %s only "
		               "shows that something exists",
		               name, probe_expect_name(p->expect));
	if (!p->resources)
		return fail_at(L, n, 0, "proves: %s needs 'resources' (what the probe examines)",
		               name);
	/* "Used in one Region is enough" suits existence; a setting must hold everywhere. */
	if (p->any_region)
		return fail_at(L, n, 0,
		               "proves: %s is judged in every Region; pass_in: any_region is for "
		               "existence probes",
		               name);
	return 0;
}

/* pass_in: every_region (the default) or any_region, for regional probes only. */
static int load_pass_in(struct pload *L, yaml_node_t *n)
{
	char *s;
	int rc = 0;

	if (ydoc_str(L->d, n, "pass_in", &s, L->err))
		return -1;
	if (!strcmp(s, "any_region"))
		L->p->any_region = true;
	else if (strcmp(s, "every_region"))
		rc = fail_at(L, n, 0,
		             "pass_in: expected every_region (each Region must pass) or "
		             "any_region (one Region passing is enough)");
	free(s);
	if (!rc && L->p->any_region && L->p->scope == PROBE_GLOBAL)
		rc = fail_at(L, n, 0,
		             "pass_in: a global probe runs once; any_region is for "
		             "regional probes");
	return rc;
}

/* A metric or log probe (metric: or logs:): its fan-out is built from the block and judged
 * per resource by src/evidence/metric.c, so it has no each, query, expect, resources or
 * defaults of its own. Field indices are probe_load()'s. */
static int load_measuring(struct pload *L, struct yfield *f, int each, int metric, int logs,
                          int query, int expect, int res, int defaults, int proves, int account,
                          int finding, int passed)
{
	const int own[] = { each, query, expect, res, defaults };
	struct probe *p = L->p;

	if (f[metric].val && f[logs].val)
		return ydoc_fail(L->d, f[logs].key_node, L->err,
		                 "%s: a probe is a metric probe or a log probe, not both", L->id);
	for (size_t i = 0; i < sizeof(own) / sizeof(*own); i++)
		if (f[own[i]].val)
			return ydoc_fail(L->d, f[own[i]].key_node, L->err,
			                 "%s: '%s' does not go with '%s': each resource is judged "
			                 "by its %s",
			                 L->id, f[own[i]].key, f[metric].val ? "metric" : "logs",
			                 f[metric].val ? "metric against fail_when"
			                               : "log events (any found fail it)");
	if (f[metric].val ? probe_metric_load(L->d, f[metric].val, p, L->id, L->err)
	                  : probe_logs_load(L->d, f[logs].val, p, L->id, L->err))
		return -1;
	/* Judged per resource: the offenders are what the criterion 'empty' would list, and
	 * everything the items name is examined. */
	p->expect = EXPECT_EMPTY;
	p->query = xstrdup("@");
	p->resources = xstrdup("@");
	if (load_proves(L, f[proves].val) ||
	    (f[account].val &&
	     ydoc_bool(L->d, f[account].val, "account_wide", &p->account_wide, L->err)))
		return -1;
	return load_template(L, f[finding].val, "finding", &p->finding) ||
	                       (f[passed].val &&
	                        load_template(L, f[passed].val, "passed", &p->passed))
	               ? -1
	               : 0;
}

int probe_load(struct ydoc *d, yaml_node_t *n, const struct question *q, struct probe *p,
               yaml_node_t **id_node, struct wa_err *err)
{
	enum {
		F_ID,
		F_TITLE,
		F_FOR,
		F_SCOPE,
		F_PASS_IN,
		F_CALL,
		F_PARAMS,
		F_EMPTY,
		F_EACH,
		F_WITH,
		F_PROVES,
		F_ACCOUNT,
		F_RES,
		F_DEFAULTS,
		F_QUERY,
		F_EXPECT,
		F_FINDING,
		F_PASSED,
		F_METRIC,
		F_LOGS,
		F_PAGES,
		F_N
	};
	struct yfield f[F_N] = {
		[F_ID] = { "id", true, 0, 0 },
		[F_TITLE] = { "title", true, 0, 0 },
		[F_FOR] = { "evidence_for", true, 0, 0 },
		[F_SCOPE] = { "scope", true, 0, 0 },
		[F_PASS_IN] = { "pass_in", false, 0, 0 },
		[F_CALL] = { "call", true, 0, 0 },
		[F_PARAMS] = { "params", false, 0, 0 },
		[F_EMPTY] = { "empty_on", false, 0, 0 },
		[F_EACH] = { "each", false, 0, 0 },
		[F_WITH] = { "with", false, 0, 0 },
		[F_PROVES] = { "proves", false, 0, 0 },
		[F_ACCOUNT] = { "account_wide", false, 0, 0 },
		[F_RES] = { "resources", false, 0, 0 },
		[F_DEFAULTS] = { "defaults", false, 0, 0 },
		[F_QUERY] = { "query", false, 0, 0 },
		[F_EXPECT] = { "expect", false, 0, 0 },
		[F_FINDING] = { "finding", true, 0, 0 },
		[F_PASSED] = { "passed", false, 0, 0 },
		[F_METRIC] = { "metric", false, 0, 0 },
		[F_LOGS] = { "logs", false, 0, 0 },
		[F_PAGES] = { "max_pages", false, 0, 0 },
	};
	struct pload L = { .d = d, .q = q, .p = p, .err = err, .id = "probe" };
	char what[96];
	char *scope = NULL;

	snprintf(what, sizeof(what), "probe of %s", q->id);
	*id_node = NULL;
	if (ydoc_map(d, n, f, F_N, what, err) || ydoc_str(d, f[F_ID].val, "probe id", &p->id, err))
		return -1;
	*id_node = f[F_ID].val;
	if (!valid_probe_id(p->id))
		return fail_at(&L, f[F_ID].val, 0,
		               "probe id '%s' may hold only lowercase letters, "
		               "digits and '-', starting with a letter",
		               p->id);
	snprintf(L.idbuf, sizeof(L.idbuf), "probe %s", p->id);
	L.id = L.idbuf;
	if (ydoc_str(d, f[F_TITLE].val, "title", &p->title, err) || load_bps(&L, f[F_FOR].val) ||
	    ydoc_str(d, f[F_SCOPE].val, "scope", &scope, err))
		return -1;
	p->scope = !strcmp(scope, "regional") ? PROBE_REGIONAL
	           : !strcmp(scope, "global") ? PROBE_GLOBAL
	                                      : 0;
	free(scope);
	if (!p->scope)
		return fail_at(&L, f[F_SCOPE].val, 0,
		               "scope: expected regional (once per Region) "
		               "or global (once for the account)");
	if (f[F_PASS_IN].val && load_pass_in(&L, f[F_PASS_IN].val))
		return -1;
	if (load_call_name(&L, f[F_CALL].val, &p->call) ||
	    (f[F_PARAMS].val && load_params(&L, f[F_PARAMS].val, &p->call, check_time_ref)) ||
	    (f[F_EMPTY].val && load_empty_on(&L, f[F_EMPTY].val, &p->call)) ||
	    (f[F_WITH].val && load_with(&L, f[F_WITH].val)) ||
	    (f[F_PAGES].val && load_max_pages(&L, f[F_PAGES].val, &p->call)))
		return -1;
	if (f[F_METRIC].val || f[F_LOGS].val)
		return load_measuring(&L, f, F_EACH, F_METRIC, F_LOGS, F_QUERY, F_EXPECT, F_RES,
		                      F_DEFAULTS, F_PROVES, F_ACCOUNT, F_FINDING, F_PASSED);
	if (!f[F_QUERY].val || !f[F_EXPECT].val)
		return ydoc_fail(d, n, err, "%s: missing required key '%s'", what,
		                 f[F_QUERY].val ? "expect" : "query");
	if ((f[F_EACH].val && load_each(&L, f[F_EACH].val)) ||
	    (f[F_RES].val && load_jmespath(&L, f[F_RES].val, "resources", &p->resources)) ||
	    (f[F_DEFAULTS].val && load_jmespath(&L, f[F_DEFAULTS].val, "defaults", &p->defaults)) ||
	    load_jmespath(&L, f[F_QUERY].val, "query", &p->query) ||
	    load_expect(&L, f[F_EXPECT].val) || load_proves(&L, f[F_PROVES].val))
		return -1;
	if (f[F_ACCOUNT].val &&
	    ydoc_bool(d, f[F_ACCOUNT].val, "account_wide", &p->account_wide, err))
		return -1;
	if (p->defaults && !p->resources)
		return fail_at(&L, f[F_DEFAULTS].val, 0,
		               "defaults: left out of 'resources', so the probe needs "
		               "'resources'");
	if (!p->resources && probe_needs_resources(p))
		return ydoc_fail(
		        d, f[F_EXPECT].val, err,
		        "%s: expect: %s cannot tell nothing found from nothing wrong; add "
		        "'resources' (what the probe examines) so that finding nothing reads "
		        "'not applicable'",
		        L.id, probe_expect_name(p->expect));
	return load_template(&L, f[F_FINDING].val, "finding", &p->finding) ||
	                       (f[F_PASSED].val &&
	                        load_template(&L, f[F_PASSED].val, "passed", &p->passed))
	               ? -1
	               : 0;
}
