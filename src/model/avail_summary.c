/* avail_summarize(): the one call reports and the wizard make for a review's availability:
 * computed vs target, single points of failure, measured from incidents, cost of downtime. */
#include "model/avail.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/evidence.h"
#include "model/measure.h"
#include "util/clock.h"
#include "util/xalloc.h"

/* Figures this close count as equal: 99.9 / 100 is not exactly 0.999 in binary. */
#define SAME 1e-12

/* The evidence's lowest 30-day figure from requests, and how many resources it covers. */
static void measured_from_requests(const struct review *rv, struct avail_summary *out)
{
	struct measure_ref low = { 0 };
	size_t n;
	struct measure_ref *v = measures_of(rv->evidence, &n);

	for (size_t i = 0; i < n; i++)
		out->n_request_measures += v[i].m->days == METRIC_DAYS_SHORT;
	free(v);
	out->measured_requests = measures_lowest(rv->evidence, METRIC_DAYS_SHORT, &low);
	out->have_requests = out->measured_requests >= 0;
	if (out->have_requests) {
		char where[64];

		snprintf(out->measured_requests_of, sizeof(out->measured_requests_of),
		         "%s %s in %s", low.m->kind, low.m->resource,
		         measure_where(&low, where, sizeof(where)));
	}
}

int avail_summarize_at(const struct review *rv, long long now, struct avail_summary *out,
                       struct wa_err *err)
{
	const struct workload *wl = &rv->wl;
	struct avail_model m;
	struct avail_measured me;
	double basis = 0;

	memset(out, 0, sizeof(*out));
	out->target = wl->availability < 0 ? -1 : wl->availability / 100;
	out->cost_per_year_target = -1;
	if (wl->n_components || wl->n_external_apis) {
		if (avail_model_build(rv, &m, err))
			return -1;
		out->have_components = true;
		out->computed = m.composite;
		out->single_points = xcalloc(m.n_parts + 1, sizeof(*out->single_points));
		for (size_t i = 0; i < m.n_parts; i++)
			if (m.parts[i].spof)
				out->single_points[out->n_single_points++] =
				        xstrdup(m.parts[i].name);
		avail_model_clear(&m);
		basis = out->computed;
	}
	if (rv->n_incidents) {
		if (avail_measure(rv, now, &me, err)) {
			avail_summary_clear(out);
			return -1;
		}
		out->have_incidents = true;
		out->measured = me.availability;
		out->mttr_hours = me.mttr / 3600;
		out->mtbf_hours = me.mtbf / 3600;
		if (!out->have_components)
			basis = out->measured;
	}
	measured_from_requests(rv, out);
	if (out->target >= 0 && (out->have_components || out->have_incidents))
		out->meets_target = basis >= out->target - SAME;
	if (wl->downtime_cost_per_hour >= 0 && (out->have_components || out->have_incidents)) {
		out->have_cost = true;
		out->cost_per_year_computed =
		        avail_cost_per_year(basis, wl->downtime_cost_per_hour);
		if (out->target >= 0)
			out->cost_per_year_target =
			        avail_cost_per_year(out->target, wl->downtime_cost_per_hour);
	}
	return 0;
}

int avail_summarize(const struct review *rv, struct avail_summary *out, struct wa_err *err)
{
	return avail_summarize_at(rv, (long long)clock_now(), out, err);
}

void avail_summary_clear(struct avail_summary *s)
{
	for (size_t i = 0; i < s->n_single_points; i++)
		free(s->single_points[i]);
	free(s->single_points);
	memset(s, 0, sizeof(*s));
}
