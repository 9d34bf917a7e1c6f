#include "model/measure.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/avail.h"
#include "model/evidence.h"
#include "util/xalloc.h"

void measure_clear(struct measure *m)
{
	free(m->resource);
	free(m->kind);
	free(m->source);
	memset(m, 0, sizeof(*m));
}

void measures_free(struct measure *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		measure_clear(&v[i]);
	free(v);
}

struct measure *measures_dup(const struct measure *v, size_t n)
{
	struct measure *out;

	if (!n)
		return NULL;
	out = xcalloc(n, sizeof(*out));
	for (size_t i = 0; i < n; i++) {
		out[i] = v[i];
		out[i].resource = xstrdup_opt(v[i].resource);
		out[i].kind = xstrdup_opt(v[i].kind);
		out[i].source = xstrdup_opt(v[i].source);
	}
	return out;
}

double measure_availability(const struct measure *m)
{
	if (!(m->requests > 0))
		return -1;
	/* more errors than requests is a metric's oddity, not a negative availability */
	return m->errors >= m->requests ? 0 : 1 - m->errors / m->requests;
}

cJSON *measures_to_json(const struct measure *v, size_t n)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; i < n; i++) {
		cJSON *o = cJSON_CreateObject();
		double av = measure_availability(&v[i]);

		cJSON_AddStringToObject(o, "resource", v[i].resource);
		cJSON_AddStringToObject(o, "kind", v[i].kind);
		cJSON_AddStringToObject(o, "source", v[i].source);
		cJSON_AddNumberToObject(o, "days", v[i].days);
		cJSON_AddNumberToObject(o, "requests", v[i].requests);
		cJSON_AddNumberToObject(o, "errors", v[i].errors);
		if (av >= 0)
			cJSON_AddNumberToObject(o, "availability", av);
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static const cJSON *member(const cJSON *o, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(o, key);
}

int measures_from_json(const cJSON *j, struct measure **out, size_t *n, const cJSON **at, char *msg,
                       size_t msglen)
{
	static const char *const known[] = { "resource", "kind",   "source",       "days",
		                             "requests", "errors", "availability", NULL };
	const cJSON *o;
	size_t i = 0;

	*out = NULL;
	*n = 0;
	if (!cJSON_IsArray(j)) {
		*at = j;
		snprintf(msg, msglen, ": expected a list");
		return -1;
	}
	*out = xcalloc((size_t)cJSON_GetArraySize(j) + 1, sizeof(**out));
	cJSON_ArrayForEach(o, j)
	{
		struct measure *m = &(*out)[i];
		const cJSON *c, *d = member(o, "days"), *rq = member(o, "requests"),
		                *er = member(o, "errors");

		*at = o;
		if (!cJSON_IsObject(o)) {
			snprintf(msg, msglen, "[%zu]: expected a mapping", i);
			goto bad;
		}
		cJSON_ArrayForEach(c, o)
		{
			size_t k = 0;
			while (known[k] && strcmp(known[k], c->string))
				k++;
			if (!known[k]) {
				*at = c;
				snprintf(msg, msglen, "[%zu]: unknown key '%s'", i, c->string);
				goto bad;
			}
		}
		if (!cJSON_IsString(member(o, "resource")) || !cJSON_IsString(member(o, "kind")) ||
		    !cJSON_IsString(member(o, "source"))) {
			snprintf(msg, msglen, "[%zu]: needs resource, kind and source (strings)",
			         i);
			goto bad;
		}
		if (!cJSON_IsNumber(d) || d->valuedouble < 1 || d->valuedouble > 3660 ||
		    d->valuedouble != floor(d->valuedouble) || !cJSON_IsNumber(rq) ||
		    !cJSON_IsNumber(er) || rq->valuedouble < 0 || er->valuedouble < 0 ||
		    !isfinite(rq->valuedouble) || !isfinite(er->valuedouble)) {
			snprintf(msg, msglen,
			         "[%zu]: needs days (a whole number of days), requests and errors "
			         "(numbers of 0 or more)",
			         i);
			goto bad;
		}
		m->resource = xstrdup(member(o, "resource")->valuestring);
		m->kind = xstrdup(member(o, "kind")->valuestring);
		m->source = xstrdup(member(o, "source")->valuestring);
		m->days = (int)d->valuedouble;
		m->requests = rq->valuedouble;
		m->errors = er->valuedouble;
		i++;
		*n = i;
	}
	*at = NULL;
	return 0;
bad:
	measures_free(*out, *n);
	*out = NULL;
	*n = 0;
	return -1;
}

static int cmp_ref(const void *a, const void *b)
{
	const struct measure_ref *x = a, *y = b;
	int c = strcmp(x->m->kind, y->m->kind);

	if (!c)
		c = strcmp(x->m->resource, y->m->resource);
	if (!c)
		c = strcmp(x->account ? x->account : "", y->account ? y->account : "");
	if (!c)
		c = strcmp(x->region ? x->region : "", y->region ? y->region : "");
	return c ? c : x->m->days - y->m->days;
}

struct measure_ref *measures_of(const struct evidence *ev, size_t *n)
{
	struct measure_ref *out = NULL;

	*n = 0;
	for (size_t i = 0; ev && i < ev->n_findings; i++)
		for (size_t j = 0; j < ev->findings[i].n_results; j++) {
			const struct region_result *r = &ev->findings[i].results[j];
			for (size_t k = 0; k < r->n_measures; k++) {
				out = xrealloc(out, (*n + 1) * sizeof(*out));
				out[*n].m = &r->measures[k];
				out[*n].region = r->region;
				out[*n].account = r->account;
				(*n)++;
			}
		}
	if (*n > 1)
		qsort(out, *n, sizeof(*out), cmp_ref);
	return out;
}

double measures_lowest(const struct evidence *ev, int days, struct measure_ref *ref)
{
	size_t n;
	struct measure_ref *v = measures_of(ev, &n);
	double low = -1;

	for (size_t i = 0; i < n; i++) {
		double a = measure_availability(v[i].m);
		if (v[i].m->days != days || a < 0 || (low >= 0 && a >= low))
			continue;
		low = a;
		if (ref)
			*ref = v[i];
	}
	free(v);
	return low;
}

char *measure_pct(const struct measure *m, char *buf, size_t len)
{
	double a = measure_availability(m), p;
	size_t n;

	if (a < 0) {
		snprintf(buf, len, "n/a");
		return buf;
	}
	p = a * 100;
	/* rounding must not turn a figure with errors into a clean 100% */
	snprintf(buf, len, "%.3f", m->errors > 0 && p > 99.9995 ? 99.999 : p);
	n = strlen(buf);
	while (n > 0 && buf[n - 1] == '0')
		buf[--n] = '\0';
	if (n > 0 && buf[n - 1] == '.')
		buf[--n] = '\0';
	snprintf(buf + n, len > n ? len - n : 0, "%%");
	return buf;
}

double measure_downtime(const struct measure *m)
{
	double a = measure_availability(m);

	return a < 0 ? 0 : (1 - a) * m->days * 86400.0;
}

char *measure_where(const struct measure_ref *r, char *buf, size_t len)
{
	const char *region = r->region ? r->region : "?";

	if (r->account)
		snprintf(buf, len, "account %s, %s", r->account, region);
	else
		snprintf(buf, len, "%s", region);
	return buf;
}

void measure_describe(const struct measure_ref *r, double target, char *buf, size_t len)
{
	const struct measure *m = r->m;
	char pct[32], tg[32], dt[64], yr[64], where[64];
	double a = measure_availability(m), down = measure_downtime(m);

	measure_pct(m, pct, sizeof(pct));
	measure_where(r, where, sizeof(where));
	if (a < 0) {
		snprintf(buf, len, "no requests in %d days (%s %s in %s; %s)", m->days, m->kind,
		         m->resource, where, m->source);
		return;
	}
	avail_format_duration(down, dt, sizeof(dt));
	avail_format_duration(down * 365.25 / m->days, yr, sizeof(yr));
	if (target >= 0)
		avail_format(target, tg, sizeof(tg));
	snprintf(buf, len,
	         "%s measured (%d d, %s %s in %s)%s%s%s; %s of downtime in %d days, %s a year at "
	         "this rate (%.0f errors in %.0f requests, %s)",
	         pct, m->days, m->kind, m->resource, where, target >= 0 ? " against a " : "",
	         target >= 0 ? tg : "",
	         target < 0            ? ""
	         : a >= target - 1e-12 ? " target, which meets it"
	                               : " target, below it",
	         down > 0 ? dt : "none", m->days, down > 0 ? yr : "none", m->errors, m->requests,
	         m->source);
}
