/* Availability math: composite availability of components in series and in parallel,
 * downtime budgets, MTBF/MTTR, measured availability from incident history, and the cost of
 * downtime. Pure functions over plain data; no I/O.
 *
 * CONTRACT (shared by the availability and the roadmap/report work): the availability work
 * implements this in src/model/avail*.c; reports and the wizard call it. */
#ifndef WAR_MODEL_AVAIL_H
#define WAR_MODEL_AVAIL_H

#include <stdbool.h>
#include <stddef.h>

#include "model/review.h"
#include "util/err.h"

/* Evaluates "0.9999 * (0.999 | 0.999) * 99.95%": '*' is series, '|' is parallel (redundant),
 * parentheses group; numbers are fractions (0..1) or percentages (with '%', or bare numbers
 * above 1 taken as percent). Returns 0 with *out in [0,1], or -1 with err naming the column. */
int avail_eval(const char *expr, double *out, struct wa_err *err);

/* Downtime allowed by an availability a (fraction) per period, in seconds. */
struct avail_downtime {
	double per_year, per_month, per_week, per_day;
};
void avail_downtime(double a, struct avail_downtime *out);

/* MTBF and MTTR (same unit) to availability: MTBF / (MTBF + MTTR). */
double avail_from_mtbf(double mtbf, double mttr);

/* "99.95%", "99.9999%": the shortest percentage text that rounds back to a (to 1e-9). */
void avail_format(double a, char *buf, size_t len);

/* The workload's composite availability from the components listed in the review's workload
 * (see review.h once the availability work extends it), compared with the target. */
struct avail_summary {
	bool have_components;
	double computed;          /* fraction; valid when have_components */
	double target;            /* fraction; < 0 when the review sets none */
	bool meets_target;
	char **single_points;     /* component names that are single points of failure (owned) */
	size_t n_single_points;
	bool have_incidents;
	double measured;          /* from incident history over its period; valid when have_incidents */
	double mttr_hours, mtbf_hours;
	bool have_cost;
	double cost_per_year_computed; /* yearly downtime cost at computed (or measured) availability */
	double cost_per_year_target;   /* … and at the target */
};
/* Fills out from the review. Returns 0, or -1 with err when the review's data is inconsistent.
 * Free with avail_summary_clear(). */
int avail_summarize(const struct review *rv, struct avail_summary *out, struct wa_err *err);
void avail_summary_clear(struct avail_summary *s);

#endif
