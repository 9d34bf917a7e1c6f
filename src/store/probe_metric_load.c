#include "store/probe_metric_load.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evidence/template.h"
#include "jmespath/jmespath.h"
#include "util/xalloc.h"

struct mload {
	struct ydoc *d;
	struct probe *p;
	const char *id;
	struct wa_err *err;
};

static int item_ref(void *ctx, const char *ref, size_t len, char *msg, size_t msglen)
{
	(void)ctx;
	if ((len == 4 && !strncmp(ref, "item", 4)) || (len > 5 && !strncmp(ref, "item.", 5)))
		return 0;
	snprintf(msg, msglen, "unknown name '{%.*s}': name {item} or {item.member}", (int)len, ref);
	return -1;
}

/* A template over the item; with whole, it must be exactly one reference. */
static int load_item_tmpl(struct mload *L, yaml_node_t *n, const char *what, bool whole, char **out)
{
	char msg[300];
	size_t pos;
	const char *ref;
	size_t len;

	if (ydoc_str(L->d, n, what, out, L->err))
		return -1;
	if (tmpl_check(*out, item_ref, NULL, &pos, msg, sizeof(msg)))
		return ydoc_fail(L->d, n, L->err, "%s: %s: %s", L->id, what, msg);
	if (!tmpl_has_ref(*out))
		return ydoc_fail(L->d, n, L->err,
		                 "%s: %s: name something of the item, as in '{item.Name}'", L->id,
		                 what);
	if (whole && !tmpl_whole_ref(*out, &ref, &len))
		return ydoc_fail(L->d, n, L->err,
		                 "%s: %s: expected one reference alone, as in '{item.Value}'",
		                 L->id, what);
	return 0;
}

/* An operand of a limit formula: a positive number, or one reference to a number of the
 * item ("{item.MiB}"). */
static int load_operand(struct mload *L, yaml_node_t *n, const char *what, char **out)
{
	char *end;
	double v;

	if (n->type == YAML_SCALAR_NODE && strchr((const char *)n->data.scalar.value, '{'))
		return load_item_tmpl(L, n, what, true, out);
	if (ydoc_str(L->d, n, what, out, L->err))
		return -1;
	v = strtod(*out, &end);
	if (!**out || *end || !(v > 0) || !isfinite(v))
		return ydoc_fail(L->d, n, L->err,
		                 "%s: limit: %s: expected a positive number or one reference to "
		                 "a number of the item, as in '{item.MiB}'",
		                 L->id, what);
	return 0;
}

/* limit: "{item.Value}", or a formula {value, divided_by, at_most, unknown}. */
static int load_limit(struct mload *L, yaml_node_t *n)
{
	enum { F_VALUE, F_DIV, F_MAX, F_UNKNOWN, F_N };
	struct yfield f[F_N] = {
		[F_VALUE] = { "value", true, 0, 0 },
		[F_DIV] = { "divided_by", false, 0, 0 },
		[F_MAX] = { "at_most", false, 0, 0 },
		[F_UNKNOWN] = { "unknown", false, 0, 0 },
	};
	struct probe_metric *m = L->p->metric;
	char what[200], msg[300];
	size_t pos;

	if (n->type != YAML_MAPPING_NODE)
		return load_item_tmpl(L, n, "limit", true, &m->limit);
	snprintf(what, sizeof(what), "%s: limit", L->id);
	if (ydoc_map(L->d, n, f, F_N, what, L->err) ||
	    load_item_tmpl(L, f[F_VALUE].val, "limit", true, &m->limit) ||
	    (f[F_DIV].val && load_operand(L, f[F_DIV].val, "divided_by", &m->limit_divided_by)) ||
	    (f[F_MAX].val && load_operand(L, f[F_MAX].val, "at_most", &m->limit_at_most)) ||
	    (f[F_UNKNOWN].val &&
	     ydoc_str(L->d, f[F_UNKNOWN].val, "unknown", &m->limit_unknown, L->err)))
		return -1;
	if (m->limit_unknown &&
	    tmpl_check(m->limit_unknown, item_ref, NULL, &pos, msg, sizeof(msg)))
		return ydoc_fail(L->d, f[F_UNKNOWN].val, L->err, "%s: limit: unknown: %s", L->id,
		                 msg);
	return 0;
}

/* The items of the fan-out: JMESPath over the first call's result and the sweep's times. */
static int load_items(struct mload *L, yaml_node_t *n)
{
	size_t nv;
	const char **vars = probe_var_names(L->p, &nv);
	struct jmespath *jp;
	struct wa_err jerr;

	if (ydoc_str(L->d, n, "items", &L->p->each_items, L->err)) {
		free(vars);
		return -1;
	}
	err_clear(&jerr);
	jp = jmespath_compile_vars(L->p->each_items, vars, nv, &jerr);
	free(vars);
	if (!jp)
		return ydoc_fail(L->d, n, L->err, "%s: items: %s", L->id, jerr.msg);
	jmespath_free(jp);
	return 0;
}

/* A window start: one of the sweep's times before now ("days_ago_7"). */
static int load_window(struct mload *L, yaml_node_t *n, int *out)
{
	char *s;

	if (ydoc_str(L->d, n, "window", &s, L->err))
		return -1;
	if (*s == '$')
		memmove(s, s + 1, strlen(s));
	for (int i = 1; i < PROBE_N_TIME_VARS; i++)
		if (!strcmp(s, probe_time_vars[i])) {
			*out = i;
			free(s);
			return 0;
		}
	free(s);
	return ydoc_fail(L->d, n, L->err,
	                 "%s: window: expected where the window starts: days_ago_1, days_ago_7, "
	                 "days_ago_30 or days_ago_90 (it ends at the sweep)",
	                 L->id);
}

static int load_range(struct mload *L, yaml_node_t *n, const char *what, long lo, long hi,
                      long *out)
{
	if (ydoc_long(L->d, n, what, out, L->err))
		return -1;
	if (*out < lo || *out > hi)
		return ydoc_fail(L->d, n, L->err, "%s: %s: expected %ld to %ld, found %ld", L->id,
		                 what, lo, hi, *out);
	return 0;
}

/* A CloudWatch name (namespace, metric, dimension): printable, no braces, at most 255. */
static int load_cw_name(struct mload *L, yaml_node_t *n, const char *what, char **out)
{
	if (ydoc_str(L->d, n, what, out, L->err))
		return -1;
	if (strlen(*out) > 255)
		return ydoc_fail(L->d, n, L->err, "%s: %s: longer than 255 characters", L->id,
		                 what);
	for (const char *s = *out; *s; s++)
		if (!isgraph((unsigned char)*s) || *s == '{' || *s == '}')
			return ydoc_fail(L->d, n, L->err,
			                 "%s: %s: '%s' is not a CloudWatch name (no spaces, braces "
			                 "or control characters)",
			                 L->id, what, *out);
	return 0;
}

static int load_dims(struct mload *L, yaml_node_t *n)
{
	struct probe_metric *m = L->p->metric;
	size_t count;

	if (n->type != YAML_MAPPING_NODE)
		return ydoc_fail(L->d, n, L->err,
		                 "%s: dimensions: expected a mapping of dimension names to "
		                 "templates, such as 'FunctionName: \"{item.FunctionName}\"'",
		                 L->id);
	if (ydoc_map_any(L->d, n, "dimensions", L->err))
		return -1;
	count = (size_t)(n->data.mapping.pairs.top - n->data.mapping.pairs.start);
	if (count == 0 || count > 30)
		return ydoc_fail(L->d, n, L->err, "%s: dimensions: give 1 to 30 dimensions", L->id);
	m->dims = xcalloc(count, sizeof(*m->dims));
	for (yaml_node_pair_t *kv = n->data.mapping.pairs.start; kv < n->data.mapping.pairs.top;
	     kv++) {
		yaml_node_t *k = ydoc_get(L->d, kv->key), *v = ydoc_get(L->d, kv->value);
		struct probe_dim *dim = &m->dims[m->n_dims++];

		if (load_cw_name(L, k, "dimensions", &dim->name))
			return -1;
		if (v->type == YAML_SCALAR_NODE) {
			if (load_item_tmpl(L, v, "dimensions", false, &dim->value))
				return -1;
			continue;
		}
		enum { D_VALUE, D_AFTER, D_N };
		struct yfield f[D_N] = {
			[D_VALUE] = { "value", true, 0, 0 }, [D_AFTER] = { "after", false, 0, 0 }
		};
		char what[200];

		snprintf(what, sizeof(what), "%s: dimensions.%s", L->id, dim->name);
		if (ydoc_map(L->d, v, f, D_N, what, L->err) ||
		    load_item_tmpl(L, f[D_VALUE].val, "dimensions", false, &dim->value) ||
		    (f[D_AFTER].val &&
		     ydoc_str(L->d, f[D_AFTER].val, "after", &dim->after, L->err)))
			return -1;
	}
	return 0;
}

static const char *const stats[] = { "Sum", "Average", "Maximum", "Minimum", "SampleCount", NULL };
static const char *const cmps[] = { [METRIC_ABOVE] = "above",
	                            [METRIC_AT_LEAST] = "at_least",
	                            [METRIC_BELOW] = "below",
	                            [METRIC_AT_MOST] = "at_most" };

static int load_fail_when(struct mload *L, yaml_node_t *n)
{
	struct probe_metric *m = L->p->metric;
	yaml_node_t *k, *v;

	if (n->type != YAML_MAPPING_NODE ||
	    n->data.mapping.pairs.top - n->data.mapping.pairs.start != 1)
		return ydoc_fail(L->d, n, L->err,
		                 "%s: fail_when: give one comparison, such as '{above: 0.01}' "
		                 "(above, at_least, below, at_most)",
		                 L->id);
	if (ydoc_map_any(L->d, n, "fail_when", L->err))
		return -1;
	k = ydoc_get(L->d, n->data.mapping.pairs.start->key);
	v = ydoc_get(L->d, n->data.mapping.pairs.start->value);
	for (int i = METRIC_ABOVE; i <= METRIC_AT_MOST; i++)
		if (!strcmp((const char *)k->data.scalar.value, cmps[i]))
			m->cmp = (enum metric_cmp)i;
	if (!m->cmp)
		return ydoc_fail(L->d, k, L->err,
		                 "%s: fail_when: '%s' is not a comparison (above, at_least, "
		                 "below, at_most)",
		                 L->id, (const char *)k->data.scalar.value);
	return ydoc_double(L->d, v, "fail_when", &m->threshold, L->err);
}

int probe_metric_load(struct ydoc *d, yaml_node_t *n, struct probe *p, const char *id,
                      struct wa_err *err)
{
	enum {
		F_ITEMS,
		F_LABEL,
		F_NS,
		F_NAME,
		F_PER,
		F_LIMIT,
		F_DIMS,
		F_DIMS_FROM,
		F_STAT,
		F_PERIOD,
		F_WINDOW,
		F_FAIL,
		F_AVAIL,
		F_N
	};
	struct yfield f[F_N] = {
		[F_ITEMS] = { "items", true, 0, 0 },
		[F_LABEL] = { "label", false, 0, 0 },
		[F_NS] = { "namespace", true, 0, 0 },
		[F_NAME] = { "name", true, 0, 0 },
		[F_PER] = { "per", false, 0, 0 },
		[F_LIMIT] = { "limit", false, 0, 0 },
		[F_DIMS] = { "dimensions", false, 0, 0 },
		[F_DIMS_FROM] = { "dimensions_from", false, 0, 0 },
		[F_STAT] = { "stat", true, 0, 0 },
		[F_PERIOD] = { "period", true, 0, 0 },
		[F_WINDOW] = { "window", true, 0, 0 },
		[F_FAIL] = { "fail_when", true, 0, 0 },
		[F_AVAIL] = { "availability", false, 0, 0 },
	};
	struct mload L = { d, p, id, err };
	struct probe_metric *m;
	char what[200];
	size_t i;

	snprintf(what, sizeof(what), "%s: metric", id);
	if (ydoc_map(d, n, f, F_N, what, err))
		return -1;
	m = p->metric = xcalloc(1, sizeof(*m));
	if (load_items(&L, f[F_ITEMS].val) ||
	    (f[F_LABEL].val && load_item_tmpl(&L, f[F_LABEL].val, "label", false, &m->label)) ||
	    load_cw_name(&L, f[F_NS].val, "namespace", &m->ns) ||
	    load_cw_name(&L, f[F_NAME].val, "name", &m->name) ||
	    (f[F_PER].val && load_cw_name(&L, f[F_PER].val, "per", &m->per)) ||
	    (f[F_LIMIT].val && load_limit(&L, f[F_LIMIT].val)) ||
	    (f[F_DIMS].val && load_dims(&L, f[F_DIMS].val)) ||
	    (f[F_DIMS_FROM].val &&
	     load_item_tmpl(&L, f[F_DIMS_FROM].val, "dimensions_from", true, &m->dims_from)) ||
	    ydoc_str(d, f[F_STAT].val, "stat", &m->stat, err) ||
	    load_range(&L, f[F_PERIOD].val, "period", 60, 86400, &m->period) ||
	    load_window(&L, f[F_WINDOW].val, &m->window) || load_fail_when(&L, f[F_FAIL].val) ||
	    (f[F_AVAIL].val && ydoc_str(d, f[F_AVAIL].val, "availability", &m->availability, err)))
		return -1;
	for (i = 0; stats[i] && strcmp(stats[i], m->stat); i++)
		;
	if (!stats[i])
		return ydoc_fail(d, f[F_STAT].val, err,
		                 "%s: stat: '%s' is not a statistic (Sum, Average, Maximum, "
		                 "Minimum, SampleCount)",
		                 id, m->stat);
	if (m->period % 60)
		return ydoc_fail(d, f[F_PERIOD].val, err,
		                 "%s: period: %ld seconds is not a multiple of 60", id, m->period);
	if (!m->n_dims && !m->dims_from)
		return ydoc_fail(d, n, err,
		                 "%s: metric: name the resource's dimensions ('dimensions' or "
		                 "'dimensions_from'): without them the metric is the account's",
		                 id);
	if (m->n_dims && m->dims_from)
		return ydoc_fail(d, f[F_DIMS_FROM].val, err,
		                 "%s: metric: give 'dimensions' or 'dimensions_from', not both",
		                 id);
	if (m->per && m->limit)
		return ydoc_fail(d, f[F_LIMIT].val, err,
		                 "%s: metric: divide by 'per' (a metric) or 'limit' (a number of "
		                 "the item), not both",
		                 id);
	if (m->availability && (!m->per || strcmp(m->stat, "Sum")))
		return ydoc_fail(d, f[F_AVAIL].val, err,
		                 "%s: availability: measured from error and request counts, so "
		                 "it needs 'per' (the requests) and stat: Sum",
		                 id);
	p->each.service = xstrdup("cloudwatch");
	p->each.operation = xstrdup("GetMetricData");
	return 0;
}

int probe_logs_load(struct ydoc *d, yaml_node_t *n, struct probe *p, const char *id,
                    struct wa_err *err)
{
	enum { F_ITEMS, F_GROUP, F_PATTERN, F_WINDOW, F_LIMIT, F_PAGES, F_N };
	struct yfield f[F_N] = {
		[F_ITEMS] = { "items", true, 0, 0 },     [F_GROUP] = { "group", true, 0, 0 },
		[F_PATTERN] = { "pattern", true, 0, 0 }, [F_WINDOW] = { "window", true, 0, 0 },
		[F_LIMIT] = { "limit", true, 0, 0 },     [F_PAGES] = { "max_pages", true, 0, 0 },
	};
	struct mload L = { d, p, id, err };
	struct probe_logs *lg;
	char what[200];

	snprintf(what, sizeof(what), "%s: logs", id);
	if (ydoc_map(d, n, f, F_N, what, err))
		return -1;
	lg = p->logs = xcalloc(1, sizeof(*lg));
	if (load_items(&L, f[F_ITEMS].val) ||
	    load_item_tmpl(&L, f[F_GROUP].val, "group", false, &lg->group) ||
	    ydoc_str(d, f[F_PATTERN].val, "pattern", &lg->pattern, err) ||
	    load_window(&L, f[F_WINDOW].val, &lg->window) ||
	    load_range(&L, f[F_LIMIT].val, "limit", 1, 10000, &lg->limit) ||
	    load_range(&L, f[F_PAGES].val, "max_pages", 1, 100, &lg->max_pages))
		return -1;
	if (strlen(lg->pattern) > 1024)
		return ydoc_fail(d, f[F_PATTERN].val, err,
		                 "%s: pattern: longer than 1024 characters (the API's limit)", id);
	p->each.service = xstrdup("logs");
	p->each.operation = xstrdup("FilterLogEvents");
	return 0;
}
