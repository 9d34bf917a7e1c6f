#include "cli/avail_print.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "model/avail.h"
#include "model/evidence.h"
#include "model/measure.h"
#include "util/clock.h"
#include "util/err.h"

int avail_print_wanted(const struct review *rv)
{
	if (rv->wl.n_components || rv->wl.n_external_apis || rv->n_incidents)
		return 1;
	/* availability measured from requests is worth showing on its own */
	return measures_lowest(rv->evidence, METRIC_DAYS_SHORT, NULL) >= 0;
}

/* The review without its incidents (a shallow copy: read it, never free it). */
static struct review without_incidents(const struct review *rv)
{
	struct review copy = *rv;

	copy.incidents = NULL;
	copy.n_incidents = 0;
	return copy;
}

/* avail_summarize(), leaving the incidents out when they do not fit the clock (one ending
 * after now: clock skew, or a date typed wrong). Returns 0 or -1 like it. */
static int summarize(const struct review *rv, struct avail_summary *s, bool *measured)
{
	struct wa_err err;
	struct avail_measured me;
	struct review copy;

	*measured = false;
	if (rv->n_incidents && avail_measure(rv, (long long)clock_now(), &me, &err)) {
		copy = without_incidents(rv);
		return avail_summarize(&copy, s, &err);
	}
	*measured = rv->n_incidents > 0;
	return avail_summarize(rv, s, &err);
}

int avail_print_check(const struct review *rv, const char *file)
{
	struct avail_summary s;
	struct avail_measured me;
	struct wa_err err;
	struct review copy = without_incidents(rv);
	const char *name = file ? file : "(built-in) demo review";

	if (!avail_print_wanted(rv))
		return 0;
	err_clear(&err);
	if (avail_summarize(&copy, &s, &err)) {
		fprintf(stderr, "wa-review: %s: %s\n", name, err.msg);
		return -1;
	}
	avail_summary_clear(&s);
	/* The history depends on the clock as well as the file: say so, show the rest. */
	if (rv->n_incidents && avail_measure(rv, (long long)clock_now(), &me, &err))
		fprintf(stderr,
		        "wa-review: warning: %s: %s; the measured availability is left out\n", name,
		        err.msg);
	return 0;
}

/* A gap between two fractions in percentage points, with the digits that matter. */
static void points(double gap, char *buf, size_t len)
{
	double p = fabs(gap) * 100;
	int dec = p >= 1 ? 2 : p >= 0.1 ? 3 : p >= 0.01 ? 4 : 7;
	char *end;

	snprintf(buf, len, "%.*f", dec, p);
	end = buf + strlen(buf) - 1;
	while (end > buf && *end == '0')
		*end-- = '\0';
	if (*end == '.')
		*end = '\0';
}

static void verdict(FILE *out, const char *label, double a, double target)
{
	char x[64], t[64], gap[64];

	avail_format(a, x, sizeof(x));
	if (target < 0) {
		fprintf(out, "  %-10s %s (no availability_target to compare with)\n", label, x);
		return;
	}
	avail_format(target, t, sizeof(t));
	if (a >= target - 1e-12) {
		fprintf(out, "  %-10s %s vs target %s: meets the target\n", label, x, t);
		return;
	}
	points(target - a, gap, sizeof(gap));
	fprintf(out, "  %-10s %s vs target %s: below the target by %s points\n", label, x, t, gap);
}

void avail_print_verdict(const char *label, double a, double target)
{
	verdict(stdout, label, a, target);
}

static void date_of(long long t, char *buf, size_t len)
{
	char iso[32];

	clock_iso((time_t)t, iso, sizeof(iso));
	snprintf(buf, len, "%.10s", iso);
}

void avail_print_text(FILE *out, const struct review *rv)
{
	struct avail_summary s;
	struct avail_model m;
	struct avail_measured me;
	struct wa_err err;
	char a[64], b[64], c[64], d[64];
	bool have_m, measured;

	if (!avail_print_wanted(rv) || summarize(rv, &s, &measured))
		return;
	have_m = s.have_components && !avail_model_build(rv, &m, &err);
	fprintf(out, "\nAvailability\n");
	if (s.target >= 0) {
		avail_format(s.target, a, sizeof(a));
		fprintf(out, "  %-10s %s\n", "target", a);
	}
	if (have_m) {
		verdict(out, "computed", s.computed, s.target);
		fprintf(out, "  %-10s %zu of %zu parts on the critical path, in series\n", "",
		        m.n_critical, m.n_parts);
	}
	if (measured && !avail_measure(rv, (long long)clock_now(), &me, &err)) {
		verdict(out, "measured", s.measured, s.target);
		date_of(me.start, a, sizeof(a));
		date_of(me.end, b, sizeof(b));
		avail_format_duration(me.mttr, c, sizeof(c));
		avail_format_duration(me.mtbf, d, sizeof(d));
		fprintf(out,
		        "  %-10s from the incident history: %zu incident%s (%zu partial) from %s "
		        "to %s; MTTR %s, MTBF %s\n",
		        "", me.n_incidents, me.n_incidents == 1 ? "" : "s", me.n_partial, a, b, c,
		        d);
	}
	if (s.have_requests) {
		verdict(out, "measured", s.measured_requests, s.target);
		fprintf(out,
		        "  %-10s from requests: the lowest 30-day figure of %zu resource%s, %s "
		        "(1 - 5xx / requests)\n",
		        "", s.n_request_measures, s.n_request_measures == 1 ? "" : "s",
		        s.measured_requests_of);
	}
	if (have_m) {
		size_t k = 0;

		fprintf(out, "  single points of failure: ");
		for (size_t i = 0; i < m.n_parts; i++) {
			if (!m.parts[i].spof)
				continue;
			fprintf(out, "%s%s (%s)", k ? ", " : "", m.parts[i].name,
			        m.parts[i].spof_reason);
			k++;
		}
		fprintf(out, "%s\n", k ? "" : "none found");
	}
	if (s.have_cost) {
		avail_format_money(s.cost_per_year_computed, avail_currency(rv), a, sizeof(a));
		avail_format(s.have_components ? s.computed : s.measured, b, sizeof(b));
		fprintf(out, "  cost of downtime: %s a year at %s", a, b);
		if (s.cost_per_year_target >= 0) {
			avail_format_money(s.cost_per_year_target, avail_currency(rv), c,
			                   sizeof(c));
			fprintf(out, "; %s at the target", c);
		}
		fputc('\n', out);
	}
	if (have_m) {
		fprintf(out, "\n  %-24s %-12s %-12s %s\n", "Part", "Tier", "Figure", "How");
		for (size_t i = 0; i < m.n_parts; i++) {
			const struct avail_part *p = &m.parts[i];

			avail_format(p->availability, a, sizeof(a));
			fprintf(out, "  %-24s %-12s %-12s %s%s%s\n", p->name,
			        p->external ? "(external)"
			        : p->tier   ? p->tier
			                    : "-",
			        a, p->basis, p->critical ? "" : " [off the critical path]",
			        p->spof ? " [single point of failure]" : "");
		}
		avail_model_clear(&m);
	}
	avail_summary_clear(&s);
}

static void add_percent(cJSON *o, const char *key, double a)
{
	cJSON_AddNumberToObject(o, key, a * 100);
}

void avail_print_json(cJSON *root, const struct review *rv)
{
	struct avail_summary s;
	struct avail_model m;
	struct avail_measured me;
	struct wa_err err;
	cJSON *o, *arr;
	char buf[64];
	bool measured;

	if (!avail_print_wanted(rv) || summarize(rv, &s, &measured))
		return;
	o = cJSON_AddObjectToObject(root, "availability");
	if (s.target >= 0)
		add_percent(o, "target_percent", s.target);
	else
		cJSON_AddNullToObject(o, "target_percent");
	cJSON_AddBoolToObject(o, "meets_target", s.meets_target);
	if (s.have_components && !avail_model_build(rv, &m, &err)) {
		add_percent(o, "computed_percent", s.computed);
		arr = cJSON_AddArrayToObject(o, "single_points_of_failure");
		for (size_t i = 0; i < s.n_single_points; i++)
			cJSON_AddItemToArray(arr, cJSON_CreateString(s.single_points[i]));
		arr = cJSON_AddArrayToObject(o, "parts");
		for (size_t i = 0; i < m.n_parts; i++) {
			const struct avail_part *p = &m.parts[i];
			cJSON *x = cJSON_CreateObject();

			cJSON_AddStringToObject(x, "name", p->name);
			if (p->tier)
				cJSON_AddStringToObject(x, "tier", p->tier);
			cJSON_AddBoolToObject(x, "external", p->external);
			cJSON_AddBoolToObject(x, "critical", p->critical);
			add_percent(x, "availability_percent", p->availability);
			if (avail_redundancy_name(p->redundancy))
				cJSON_AddStringToObject(x, "redundancy",
				                        avail_redundancy_name(p->redundancy));
			cJSON_AddNumberToObject(x, "copies", p->copies);
			cJSON_AddBoolToObject(x, "single_point_of_failure", p->spof);
			if (p->spof_reason)
				cJSON_AddStringToObject(x, "why_single_point", p->spof_reason);
			cJSON_AddStringToObject(x, "basis", p->basis);
			cJSON_AddItemToArray(arr, x);
		}
		avail_model_clear(&m);
	}
	if (measured && !avail_measure(rv, (long long)clock_now(), &me, &err)) {
		cJSON *x = cJSON_AddObjectToObject(o, "measured");

		add_percent(x, "percent", s.measured);
		clock_iso((time_t)me.start, buf, sizeof(buf));
		cJSON_AddStringToObject(x, "from", buf);
		clock_iso((time_t)me.end, buf, sizeof(buf));
		cJSON_AddStringToObject(x, "to", buf);
		cJSON_AddNumberToObject(x, "incidents", (double)me.n_incidents);
		cJSON_AddNumberToObject(x, "partial", (double)me.n_partial);
		cJSON_AddNumberToObject(x, "downtime_seconds", me.downtime);
		cJSON_AddNumberToObject(x, "mttr_hours", s.mttr_hours);
		cJSON_AddNumberToObject(x, "mtbf_hours", s.mtbf_hours);
		cJSON_AddStringToObject(x, "source", "incidents");
	}
	if (s.have_requests) {
		cJSON *x = cJSON_AddObjectToObject(o, "measured_from_requests");

		add_percent(x, "percent", s.measured_requests);
		cJSON_AddNumberToObject(x, "days", METRIC_DAYS_SHORT);
		cJSON_AddStringToObject(x, "lowest_of", s.measured_requests_of);
		cJSON_AddNumberToObject(x, "resources", (double)s.n_request_measures);
		cJSON_AddStringToObject(x, "source", "requests");
		if (s.target >= 0)
			cJSON_AddBoolToObject(x, "meets_target",
			                      s.measured_requests >= s.target - 1e-12);
	}
	if (s.have_cost) {
		cJSON *x = cJSON_AddObjectToObject(o, "cost");

		cJSON_AddStringToObject(x, "currency", avail_currency(rv));
		cJSON_AddNumberToObject(x, "per_hour", rv->wl.downtime_cost_per_hour);
		cJSON_AddStringToObject(x, "basis", s.have_components ? "computed" : "measured");
		cJSON_AddNumberToObject(x, "per_year", s.cost_per_year_computed);
		if (s.cost_per_year_target >= 0)
			cJSON_AddNumberToObject(x, "per_year_at_target", s.cost_per_year_target);
	}
	avail_summary_clear(&s);
}
