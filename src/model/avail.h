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
	double computed; /* fraction; valid when have_components */
	double target;   /* fraction; < 0 when the review sets none */
	bool meets_target;
	char **single_points; /* component names that are single points of failure (owned) */
	size_t n_single_points;
	bool have_incidents;
	double measured; /* from incident history over its period; valid when have_incidents */
	double mttr_hours, mtbf_hours;
	/* Measured from requests: the lowest 30-day figure among the load balancers and APIs
	 * whose request and 5xx counts the evidence read (model/measure.h); "measured" above
	 * is the incident history's. */
	bool have_requests;
	double measured_requests;       /* fraction; valid when have_requests */
	size_t n_request_measures;      /* resources measured over 30 days */
	char measured_requests_of[200]; /* "load balancer web in us-east-1" */
	bool have_cost;
	double cost_per_year_computed; /* yearly downtime cost at computed (or measured)
	                                  availability */
	double cost_per_year_target;   /* … and at the target */
};
/* Fills out from the review. Returns 0, or -1 with err when the review's data is inconsistent.
 * Free with avail_summary_clear(). */
int avail_summarize(const struct review *rv, struct avail_summary *out, struct wa_err *err);
void avail_summary_clear(struct avail_summary *s);

/* ---- Additions by the availability work (the declarations above are the contract) ----
 *
 * For a calculator screen: avail_eval() on each change of the input (err->col places the
 * caret on a bad expression), avail_downtime() and avail_format_duration() for the
 * downtimes, avail_format() for the figure; an MTBF/MTTR form reads its fields with
 * avail_parse_duration() and combines them with avail_from_mtbf(); avail_tiers[] is the
 * tiers table. For the workload: avail_model_build() gives each component and external API
 * with its figure, how it was found and whether it is a single point of failure;
 * avail_summarize() the totals; avail_services[] the defaults a service name picks up.
 *
 * Conventions of the contract functions, spelled out:
 * - avail_eval(): '*' binds tighter than '|' ("a * b | c" is "(a * b) | c"); "x^N" puts N
 *   copies of x in series (N a whole number 1..1000); err->where is "expression", line 1.
 * - avail_downtime(): a year is 365 days, a month a twelfth of it, a week 7 days, a day 24h.
 * - avail_from_mtbf(): NaN unless mtbf > 0 and mttr >= 0 (both finite).
 * - avail_format(): "n/a" for NaN or a outside [0,1]; never "100%" for a < 1 nor "0%" for
 *   a > 0 (more digits instead).
 * - avail_summarize(): have_components when the review lists components or external APIs;
 *   "computed" is the series of every component and external API on the
 *   critical path (see avail_model_build()). "measured" covers the period from the earlier of
 *   the first incident's start and the review's `created` up to now (clock_now()), a partial
 *   outage counting AVAIL_PARTIAL_WEIGHT of its duration as downtime. MTTR is the mean
 *   incident duration; MTBF is the time outside incidents divided by their number.
 *   meets_target compares the computed figure (the measured one when there are no
 *   components) with the target; false without a target. have_cost needs
 *   workload.downtime_cost_per_hour and a computed or measured figure; the yearly cost uses
 *   the computed figure when there is one, else the measured one; cost_per_year_target is < 0
 *   without a target. single_points holds the names of critical-path components with
 *   redundancy none, fewer than two AZs (for services whose AZs you choose), or single points
 *   of failure the team named. */

/* The most AZ copies a component can list (review files and inventories alike). */
#define AVAIL_MAX_AZS 30

/* The weight of a partial outage's duration in the measured downtime. */
#define AVAIL_PARTIAL_WEIGHT 0.5

/* avail_summarize() with "now" given (seconds since the epoch), for tests and the wizard. */
int avail_summarize_at(const struct review *rv, long long now, struct avail_summary *out,
                       struct wa_err *err);

/* ---- Durations and money ---- */

/* Parses "45m", "1h30m", "2d 4h", "1.5h", "45 minutes", "1 hour 30 minutes" (units s, m, h,
 * d, w and their English words) into seconds. Returns 0, or -1 for anything else (empty,
 * no unit, negative, overflow); *seconds untouched on failure. */
int avail_parse_duration(const char *s, double *seconds);
/* Seconds as "8h 45m 36s", "52m 34s", "31.5s", "0s": whole seconds from a minute up, units
 * from the largest non-zero one (days at most) down to the smallest non-zero one. */
void avail_format_duration(double seconds, char *buf, size_t len);
/* Whole seconds in the one unit that divides them exactly: 5400 -> "90m", 7200 -> "2h"; the
 * form review files use for rto/rpo. Returns buf. */
char *avail_format_duration_unit(long seconds, char *buf, size_t len);
/* Whole seconds as compact units, "1h30m", "45m", "2d4h5s" (how incidents are saved). */
char *avail_format_duration_compact(long seconds, char *buf, size_t len);
/* "USD 10,512": rounded to a whole amount with thousands separators. */
void avail_format_money(double amount, const char *currency, char *buf, size_t len);
/* Yearly cost of downtime at availability a (fraction) and a cost per hour of downtime. */
double avail_cost_per_year(double a, double cost_per_hour);
/* The review's currency: workload.currency, or "USD" (borrowed). */
const char *avail_currency(const struct review *rv);

/* ---- Series, parallel, k-of-n ---- */

/* n copies of a in parallel: 1 - (1-a)^n. */
double avail_parallel(double a, int n);
/* At least k of n copies of a up (k <= n), computed from the failure side for accuracy. */
double avail_k_of_n(double a, int k, int n);

/* ---- The availability tiers ("nines") table ---- */
struct avail_tier {
	double availability; /* fraction */
	const char *label;   /* "99.9%" */
	const char *nines;   /* "three nines" */
};
extern const struct avail_tier avail_tiers[];
extern const size_t avail_n_tiers;

/* ---- Published figures of AWS services (data: src/model/avail_services.c) ---- */
struct avail_service {
	const char *key;            /* "ec2" */
	const char *name;           /* "Amazon EC2" */
	const char *const *aliases; /* lowercase words matched in free text; NULL-ended */
	double single;              /* percent, one copy in one AZ (zonal services) */
	double multi_az;            /* percent, deployed across 2+ AZs, or the service's figure */
	bool managed;               /* AWS spreads it over AZs itself: AZ count does not apply */
	bool standby;               /* its multi-AZ mode is a standby (a database) */
	const char *source;         /* the SLA page the figures come from */
};
extern const struct avail_service avail_services[];
extern const size_t avail_n_services;
/* The entry a piece of free text names ("RDS MySQL", "Application Load Balancer", "ec2"),
 * matching the key or an alias as whole words, or NULL (static data). */
const struct avail_service *avail_service_find(const char *text, size_t len);

/* ---- Redundancy names ---- */
/* "none", "active-active", "active-passive", "n+1", "managed"; NULL for REDUNDANCY_DEFAULT. */
const char *avail_redundancy_name(enum redundancy r);
/* The value for one of those names; -1 when s is none of them. */
int avail_redundancy_parse(const char *s);

/* ---- The workload's availability model ---- */

/* One component or external API as the model sees it. */
struct avail_part {
	const char *name;           /* borrowed from the review */
	const char *tier;           /* borrowed; NULL when not given (and for external APIs) */
	bool external;              /* an external API rather than a component */
	bool critical;              /* on the critical path, so counted in the composite */
	double availability;        /* effective figure, fraction */
	enum redundancy redundancy; /* as given, or as derived when not given */
	int copies;                 /* AZ copies counted (1 for managed and external parts) */
	bool spof;                  /* a single point of failure on the critical path */
	char *basis;                /* how the figure was found, one line (owned) */
	char *spof_reason;          /* why it is a single point of failure, or NULL (owned) */
};
struct avail_model {
	struct avail_part *parts; /* components in review order, then external APIs */
	size_t n_parts;
	double composite; /* series of the critical parts; 1 when there are none */
	size_t n_critical;
};
/* Builds the model of rv's components and external APIs. The critical path is every part
 * not marked `critical: false`, plus everything a critical part depends on (depends_on,
 * followed transitively). A component's figure is its `availability` when given; else the
 * series of the published figures of the services its `service` names ("ALB + EC2"), each
 * with its copies in parallel (active-active, active-passive), k-of-n (n+1) or the service's
 * own figure (managed), and never above the service's published multi-AZ figure (AZs fail
 * together too). Returns 0, or -1 with err when a component has no figure or a depends_on
 * name is unknown. Free with avail_model_clear(). */
int avail_model_build(const struct review *rv, struct avail_model *m, struct wa_err *err);
/* Whether the model can give c a figure: its availability, or services the table knows.
 * Returns 0, or -1 with err saying what is missing (no file position). */
int avail_component_check(const struct component *c, struct wa_err *err);
void avail_model_clear(struct avail_model *m);

/* ---- Incident history ---- */

/* Parses "2024-01-15", "2024-01-15T10:30Z", "2024-01-15T10:30:00Z" or with a space for the
 * "T" (UTC; a trailing Z optional) into seconds since the epoch. Returns 0, or -1 for anything
 * else, including impossible dates. */
int avail_parse_date(const char *s, long long *out);
/* "full" or "partial". */
const char *avail_impact_name(enum incident_impact i);
/* The impact for "full"/"partial" (case-insensitive); -1 otherwise. */
int avail_impact_parse(const char *s);

struct avail_measured {
	long long start, end; /* the period, seconds since the epoch */
	double downtime;      /* weighted seconds */
	double availability;  /* fraction */
	double mttr, mtbf;    /* seconds */
	size_t n_incidents, n_partial;
};
/* Measured availability of rv's incidents up to now (see avail_summarize()). Returns 0 (with
 * m->n_incidents 0 when there are none), or -1 with err for an unreadable date or an incident
 * that ends after now. */
int avail_measure(const struct review *rv, long long now, struct avail_measured *m,
                  struct wa_err *err);

/* Adds incidents to rv, skipping any already recorded (same start, duration and impact),
 * then sorts the history by start. Added entries move into rv and are zeroed in add; the
 * array and any skipped entries stay the caller's (incident_clear() each, then free). With
 * replace, the old history is dropped first. *added and *skipped count what happened. */
void avail_incidents_merge(struct review *rv, struct incident *add, size_t n, bool replace,
                           size_t *added, size_t *skipped);

#endif
