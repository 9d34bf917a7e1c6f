#include "evidence/metric.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evidence/template.h"
#include "util/clock.h"
#include "util/xalloc.h"

/* Resources named in one sentence before "and N more", as probe.c does. */
enum { SHOWN_IN_TEXT = 10 };

/* ---- templates over an item ---- */

struct ilook {
	const cJSON *item;
	char buf[512];
	int missing; /* a reference named nothing */
};

static const char *item_lookup(void *ctx, const char *ref, size_t len)
{
	struct ilook *L = ctx;
	const cJSON *v = tmpl_item_member(L->item, ref, len);

	if (cJSON_IsString(v))
		return v->valuestring;
	if (cJSON_IsNumber(v)) {
		snprintf(L->buf, sizeof(L->buf), "%.15g", v->valuedouble);
		return L->buf;
	}
	L->missing = 1;
	return "";
}

/* t rendered over item (newly allocated), or NULL when it names something item lacks. */
static char *render_item(const char *t, const cJSON *item)
{
	struct ilook L = { .item = item };
	char *s = tmpl_render(t, item_lookup, &L);

	if (L.missing) {
		free(s);
		return NULL;
	}
	return s;
}

/* The resource's name in findings: the label template, else the item's own label. */
static char *item_name(const struct probe *p, const cJSON *item)
{
	const char *t = p->metric ? p->metric->label : p->logs->group;
	char *s = t ? render_item(t, item) : NULL;

	return s && *s ? s : (free(s), probe_item_label(item));
}

/* ---- parameters ---- */

static cJSON *dimension(const char *name, const char *value)
{
	cJSON *d = cJSON_CreateObject();

	cJSON_AddStringToObject(d, "Name", name);
	cJSON_AddStringToObject(d, "Value", value);
	return d;
}

/* The item's dimensions as GetMetricData wants them, or NULL with msg. */
static cJSON *dimensions(const struct probe_metric *m, const cJSON *item, char *msg, size_t msglen)
{
	cJSON *dims = cJSON_CreateArray();

	if (m->dims_from) {
		const char *ref;
		size_t len;
		const cJSON *obj = NULL, *c;

		if (tmpl_whole_ref(m->dims_from, &ref, &len))
			obj = tmpl_item_member(item, ref, len);
		if (!cJSON_IsObject(obj) || !obj->child) {
			snprintf(msg, msglen, "dimensions_from: %s names no dimensions of the item",
			         m->dims_from);
			cJSON_Delete(dims);
			return NULL;
		}
		cJSON_ArrayForEach(c, obj) if (cJSON_IsString(c))
		        cJSON_AddItemToArray(dims, dimension(c->string, c->valuestring));
		return dims;
	}
	for (size_t i = 0; i < m->n_dims; i++) {
		char *v = render_item(m->dims[i].value, item);
		const char *use = v;

		if (!v) {
			snprintf(msg, msglen, "dimensions.%s: the item has no %s", m->dims[i].name,
			         m->dims[i].value);
			cJSON_Delete(dims);
			return NULL;
		}
		if (m->dims[i].after) {
			const char *at = strstr(v, m->dims[i].after);
			if (at)
				use = at + strlen(m->dims[i].after);
		}
		cJSON_AddItemToArray(dims, dimension(m->dims[i].name, use));
		free(v);
	}
	return dims;
}

static cJSON *metric_query(const char *id, const struct probe_metric *m, const char *name,
                           const cJSON *dims)
{
	cJSON *q = cJSON_CreateObject(), *ms, *metric;

	cJSON_AddStringToObject(q, "Id", id);
	ms = cJSON_AddObjectToObject(q, "MetricStat");
	metric = cJSON_AddObjectToObject(ms, "Metric");
	cJSON_AddStringToObject(metric, "Namespace", m->ns);
	cJSON_AddStringToObject(metric, "MetricName", name);
	cJSON_AddItemToObject(metric, "Dimensions", cJSON_Duplicate(dims, 1));
	cJSON_AddNumberToObject(ms, "Period", (double)m->period);
	cJSON_AddStringToObject(ms, "Stat", m->stat);
	cJSON_AddTrueToObject(q, "ReturnData");
	return q;
}

/* Seconds a window of p's reaches back. */
static time_t window_secs(int window)
{
	return (time_t)probe_time_days[window] * 86400;
}

cJSON *metric_params(const struct probe *p, const cJSON *item, time_t now, char *msg, size_t msglen)
{
	char t0[32], t1[32];
	cJSON *out = cJSON_CreateObject();

	if (p->logs) {
		char *group = render_item(p->logs->group, item);
		if (!group) {
			snprintf(msg, msglen, "group: the item has no %s", p->logs->group);
			cJSON_Delete(out);
			return NULL;
		}
		cJSON_AddStringToObject(out, "logGroupName", group);
		free(group);
		cJSON_AddStringToObject(out, "filterPattern", p->logs->pattern);
		cJSON_AddNumberToObject(out, "startTime",
		                        (double)(now - window_secs(p->logs->window)) * 1000.0);
		cJSON_AddNumberToObject(out, "endTime", (double)now * 1000.0);
		cJSON_AddNumberToObject(out, "limit", (double)p->logs->limit);
		return out;
	}
	const struct probe_metric *m = p->metric;
	time_t back = window_secs(m->window);
	cJSON *dims = dimensions(m, item, msg, msglen), *qs;

	if (!dims) {
		cJSON_Delete(out);
		return NULL;
	}
	/* one call covers the probe's window and the availability windows */
	if (m->availability && back < (time_t)METRIC_DAYS_LONG * 86400)
		back = (time_t)METRIC_DAYS_LONG * 86400;
	qs = cJSON_AddArrayToObject(out, "MetricDataQueries");
	cJSON_AddItemToArray(qs, metric_query("m", m, m->name, dims));
	if (m->per)
		cJSON_AddItemToArray(qs, metric_query("d", m, m->per, dims));
	cJSON_Delete(dims);
	cJSON_AddStringToObject(out, "StartTime", clock_iso(now - back, t0, sizeof(t0)));
	cJSON_AddStringToObject(out, "EndTime", clock_iso(now, t1, sizeof(t1)));
	cJSON_AddStringToObject(out, "ScanBy", "TimestampAscending");
	return out;
}

/* ---- reading datapoints ---- */

time_t metric_time(const cJSON *v)
{
	struct tm tm = { 0 };
	const char *s;
	int n = 0, oh = 0, om = 0;
	char sign;
	time_t t;

	if (cJSON_IsNumber(v))
		return (time_t)v->valuedouble;
	if (!cJSON_IsString(v))
		return -1;
	s = v->valuestring;
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
	           &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &n) != 6)
		return -1;
	s += n;
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++)
			;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	t = timegm(&tm);
	if (*s == 'Z' || !*s)
		return t;
	if (sscanf(s, "%c%2d:%2d", &sign, &oh, &om) != 3 || (sign != '+' && sign != '-'))
		return -1;
	return sign == '+' ? t - (oh * 3600 + om * 60) : t + (oh * 3600 + om * 60);
}

/* The datapoints of query id in [from, to] folded by stat; *n counts them. Pages of one
 * query may come as several results of the same Id. */
static double fold(const cJSON *result, const char *id, const char *stat, time_t from, time_t to,
                   size_t *n)
{
	const cJSON *r;
	double sum = 0, lo = INFINITY, hi = -INFINITY;

	*n = 0;
	cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(result, "MetricDataResults"))
	{
		const cJSON *rid = cJSON_GetObjectItemCaseSensitive(r, "Id");
		const cJSON *ts = cJSON_GetObjectItemCaseSensitive(r, "Timestamps");
		const cJSON *vs = cJSON_GetObjectItemCaseSensitive(r, "Values");
		const cJSON *t = ts ? ts->child : NULL, *v = vs ? vs->child : NULL;

		if (!cJSON_IsString(rid) || strcmp(rid->valuestring, id))
			continue;
		for (; t && v; t = t->next, v = v->next) {
			time_t at = metric_time(t);
			if (at < from || at > to || !cJSON_IsNumber(v) || !isfinite(v->valuedouble))
				continue;
			sum += v->valuedouble;
			lo = fmin(lo, v->valuedouble);
			hi = fmax(hi, v->valuedouble);
			(*n)++;
		}
	}
	if (!*n)
		return 0;
	if (!strcmp(stat, "Maximum"))
		return hi;
	if (!strcmp(stat, "Minimum"))
		return lo;
	if (!strcmp(stat, "Average"))
		return sum / (double)*n;
	return sum; /* Sum, SampleCount: counts add up */
}

/* Whether a count of zero is what a missing datapoint means: CloudWatch publishes counts
 * such as HTTPCode_ELB_5XX_Count only when they are not zero. */
static bool counts(const struct probe_metric *m)
{
	return !strcmp(m->stat, "Sum") || !strcmp(m->stat, "SampleCount");
}

static bool beyond(const struct probe_metric *m, double v)
{
	switch (m->cmp) {
	case METRIC_ABOVE: return v > m->threshold;
	case METRIC_AT_LEAST: return v >= m->threshold;
	case METRIC_BELOW: return v < m->threshold;
	case METRIC_AT_MOST: return v <= m->threshold;
	}
	return false;
}

/* A value as people read it: a ratio (per or limit) as a percentage. */
static void show_value(const struct probe_metric *m, double v, char *buf, size_t len)
{
	if (m->per || m->limit)
		snprintf(buf, len, "%.2f %%", v * 100);
	else
		snprintf(buf, len, "%.6g", v);
}

/* A number of the item (a quota's Value), or -1. */
static double item_number(const char *t, const cJSON *item)
{
	const char *ref;
	size_t len;
	const cJSON *v = tmpl_whole_ref(t, &ref, &len) ? tmpl_item_member(item, ref, len) : NULL;
	char *end;
	double d;

	if (cJSON_IsNumber(v))
		return v->valuedouble;
	if (!cJSON_IsString(v))
		return -1;
	d = strtod(v->valuestring, &end);
	return *v->valuestring && !*end ? d : -1;
}

/* An operand of a limit formula: a number written in the probe, or one of the item; 0
 * when the item names nothing there (null or absent), -1 when what it names is not a
 * positive number. */
static double operand(const char *t, const cJSON *item)
{
	const char *ref;
	size_t len;
	const cJSON *v;
	double d;

	if (!tmpl_whole_ref(t, &ref, &len))
		return strtod(t, NULL); /* checked positive when loaded */
	v = tmpl_item_member(item, ref, len);
	if (!v || cJSON_IsNull(v))
		return 0;
	d = item_number(t, item);
	return d > 0 && isfinite(d) ? d : -1;
}

/* The item's limit: its number, divided by divided_by, capped by at_most (a cap the item
 * names nothing for is no cap), or -1 when it has none to compare with. */
static double limit_of(const struct probe_metric *m, const cJSON *item)
{
	double v = item_number(m->limit, item), by, cap;

	if (!(v > 0))
		return -1;
	if (m->limit_divided_by) {
		by = operand(m->limit_divided_by, item);
		if (!(by > 0))
			return -1;
		v /= by;
	}
	if (m->limit_at_most) {
		cap = operand(m->limit_at_most, item);
		if (cap < 0)
			return -1;
		if (cap > 0 && cap < v)
			v = cap;
	}
	return v > 0 && isfinite(v) ? v : -1;
}

static void add_measure(struct region_result *out, const struct probe_metric *m, const char *name,
                        int days, double requests, double errors)
{
	struct measure *me;

	out->measures = xrealloc(out->measures, (out->n_measures + 1) * sizeof(*out->measures));
	me = &out->measures[out->n_measures++];
	me->resource = xstrdup(name);
	me->kind = xstrdup(m->availability);
	me->source = xasprintf("%s %s / %s", m->ns, m->name, m->per);
	me->days = days;
	me->requests = requests;
	me->errors = errors;
}

/* Judges one resource's datapoints: 1 offender, 0 within bounds, -1 not checked (why in
 * note). The value goes to *val. */
static int judge_metric(const struct probe_metric *m, const cJSON *item, const cJSON *result,
                        time_t now, double *val, char *note, size_t len)
{
	time_t from = now - window_secs(m->window);
	size_t n, nd = 0;
	double v = fold(result, "m", m->stat, from, now, &n), d = 1;

	if (m->per) {
		d = fold(result, "d", m->stat, from, now, &nd);
		if (!nd || !(d > 0)) {
			snprintf(note, len, "no %s in the window", m->per);
			return -1;
		}
		if (!n && !counts(m)) {
			snprintf(note, len, "no datapoints in the window");
			return -1;
		}
	} else if (!n) {
		snprintf(note, len, "no datapoints in the window");
		return -1;
	}
	if (m->limit) {
		d = limit_of(m, item);
		if (!(d > 0)) {
			/* the probe may say why, from the item ("custom parameter group") */
			char *why = m->limit_unknown ? render_item(m->limit_unknown, item) : NULL;
			if (why && *why)
				snprintf(note, len, "%s", why);
			else
				snprintf(note, len, "no limit to compare with (%s)", m->limit);
			free(why);
			return -1;
		}
	}
	*val = v / d;
	return beyond(m, *val) ? 1 : 0;
}

/* One resource's log events: 1 some found, 0 none in a complete search, -1 the search
 * stopped at its bound with none found. */
static int judge_logs(const struct probe_logs *lg, const cJSON *result, bool truncated, double *val,
                      char *note, size_t len)
{
	int n = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(result, "events"));

	*val = n;
	if (n > 0)
		return 1;
	if (truncated) {
		snprintf(note, len,
		         "nothing found in the first %ld pages of %ld events: bound reached",
		         lg->max_pages, lg->limit);
		return -1;
	}
	return 0;
}

/* ---- the sentence ---- */

struct tlook {
	const struct region_result *out;
	const char *region;
	char buf[64];
	char *list; /* owned */
};

static const char *text_lookup(void *ctx, const char *ref, size_t len)
{
	struct tlook *L = ctx;

	if (len == 5 && !strncmp(ref, "count", 5)) {
		snprintf(L->buf, sizeof(L->buf), "%ld", L->out->count);
		return L->buf;
	}
	if (len == 5 && !strncmp(ref, "total", 5)) {
		snprintf(L->buf, sizeof(L->buf), "%ld", L->out->examined);
		return L->buf;
	}
	if (len == 6 && !strncmp(ref, "region", 6))
		return L->region;
	if ((len == 9 && !strncmp(ref, "resources", 9)) ||
	    (len == 5 && !strncmp(ref, "value", 5))) {
		size_t n = L->out->n_cited, shown = n < SHOWN_IN_TEXT ? n : SHOWN_IN_TEXT;
		size_t cap = 1;
		for (size_t i = 0; i < shown; i++)
			cap += strlen(L->out->cited[i]) + 2;
		free(L->list);
		L->list = xcalloc(1, cap + 32);
		for (size_t i = 0; i < shown; i++) {
			if (i)
				strcat(L->list, ", ");
			strcat(L->list, L->out->cited[i]);
		}
		if (n > shown)
			sprintf(L->list + strlen(L->list), " and %zu more", n - shown);
		return L->list;
	}
	return NULL;
}

static char *sentence(const char *t, const struct region_result *out, const char *region)
{
	struct tlook L = { .out = out, .region = region };
	char *s = tmpl_render(t, text_lookup, &L);

	free(L.list);
	return s;
}

/* ---- judging ---- */

void metric_judge(const struct probe_prog *pp, const cJSON *doc, const struct probe_ctx *cx,
                  const char *region, time_t now, struct region_result *out)
{
	const struct probe *p = pp->p;
	const struct probe_metric *m = p->metric;
	const cJSON *pair;
	char why[200] = "";

	out->region = xstrdup(region);
	out->count = 0;
	out->examined = 0;
	out->out_of_scope = cx ? cx->skipped : 0;
	cJSON_ArrayForEach(pair, doc)
	{
		const cJSON *item = cJSON_GetObjectItemCaseSensitive(pair, "item");
		const cJSON *result = cJSON_GetObjectItemCaseSensitive(pair, "result");
		bool truncated = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(pair, "truncated"));
		char *name = item_name(p, item), note[200], shown[64];
		double val = 0;
		int verdict = m ? judge_metric(m, item, result, now, &val, note, sizeof(note))
		                : judge_logs(p->logs, result, truncated, &val, note, sizeof(note));

		out->examined++;
		if (verdict > 0) {
			char *cite;
			if (m)
				show_value(m, val, shown, sizeof(shown));
			else
				snprintf(shown, sizeof(shown), "%s%.0f event%s",
				         truncated ? "at least " : "", val, val == 1 ? "" : "s");
			cite = xasprintf("%s (%s)", name, shown);
			region_result_cite(out, cite);
			free(cite);
			out->count++;
		} else if (verdict < 0) {
			char *u = xasprintf("%s (%s)", name, note);
			region_result_unchecked(out, u);
			free(u);
			if (!*why)
				snprintf(why, sizeof(why), "%s", note);
		}
		if (m && m->availability) {
			static const int days[] = { METRIC_DAYS_SHORT, METRIC_DAYS_LONG };
			for (size_t i = 0; i < 2; i++) {
				size_t ne, nr;
				double r = fold(result, "d", "Sum", now - (time_t)days[i] * 86400,
				                now, &nr),
				       e = fold(result, "m", "Sum", now - (time_t)days[i] * 86400,
				                now, &ne);
				if (nr && r > 0)
					add_measure(out, m, name, days[i], r, e);
			}
		}
		free(name);
	}
	if (out->count > 0) {
		char *t = sentence(p->finding, out, region);
		out->outcome = OUTCOME_FAIL;
		if (out->n_unchecked) {
			size_t n = strlen(t);
			if (n && t[n - 1] == '.')
				t[n - 1] = '\0';
			out->text =
			        xasprintf("%s; %zu not checked (%s).", t, out->n_unchecked, why);
			free(t);
			out->fault.call = xasprintf("%s:%s in %s", p->each.service,
			                            p->each.operation, region);
			out->fault.message = xstrdup(why);
		} else {
			out->text = t;
		}
	} else if (out->n_unchecked) {
		/* never a pass: what could not be read is not known to be fine */
		out->outcome = OUTCOME_ERROR;
		out->text = xasprintf("could not check %zu of %ld: %s", out->n_unchecked,
		                      out->examined, why);
		out->fault.call =
		        xasprintf("%s:%s in %s", p->each.service, p->each.operation, region);
		out->fault.message = xstrdup(why);
	} else if (!out->examined) {
		out->outcome = OUTCOME_NOT_APPLICABLE;
		out->text = xstrdup("none found");
	} else {
		out->outcome = OUTCOME_PASS;
		out->text = p->passed ? sentence(p->passed, out, region)
		                      : xasprintf("%ld checked, none beyond the threshold",
		                                  out->examined);
	}
}
