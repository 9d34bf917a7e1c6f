#include "model/measure.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
