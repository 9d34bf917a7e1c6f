/* Availability measured from a resource's own request and error counts (a metric probe with
 * 'availability', wa-review-questions(5)): 1 - errors / requests over the days before a
 * sweep. A region_result of such a probe holds one per resource and window; reports show
 * them beside the target and the computed figure. */
#ifndef WAR_MODEL_MEASURE_H
#define WAR_MODEL_MEASURE_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

/* The windows availability is measured over: 30 and 90 days up to the sweep. */
enum { METRIC_DAYS_SHORT = 30, METRIC_DAYS_LONG = 90 };

struct measure {
	char *resource; /* as the probe names it: "app/web/50dc6c495c0c9188" */
	char *kind;     /* what it is, in words: "load balancer", "API" */
	char *source;   /* where the counts come from: "AWS/ApplicationELB HTTPCode_ELB_5XX_Count
	                 * / RequestCount" */
	int days;       /* the window: 30 or 90 days up to the sweep */
	double requests, errors;
};

/* Frees what m owns (not m). */
void measure_clear(struct measure *m);
/* Frees an array of n measures; NULL is fine. */
void measures_free(struct measure *v, size_t n);
/* A deep copy of v[0..n) (free with measures_free()); NULL for n 0. */
struct measure *measures_dup(const struct measure *v, size_t n);

/* The measured availability as a fraction, or -1 when there were no requests. */
double measure_availability(const struct measure *m);

/* The JSON form, a list of {resource, kind, source, days, requests, errors, availability}
 * (availability is derived and ignored on reading). Returns a new array (cJSON_Delete()). */
cJSON *measures_to_json(const struct measure *v, size_t n);
/* Reads that list. Returns 0 with *out, *n (measures_free()), or -1 with msg filled, as ": …"
 * or "[i]: …" to follow the list's own path (and
 * *at the node at fault, borrowed from j). */
int measures_from_json(const cJSON *j, struct measure **out, size_t *n, const cJSON **at, char *msg,
                       size_t msglen);

/* A measure and the Region it was taken in (borrowed from a snapshot). */
struct evidence;
struct measure_ref {
	const struct measure *m;
	const char *region;
	const char *account; /* in a sweep of several accounts, the one it was measured in;
	                      * NULL: the one account swept */
};
/* Every measure of ev, ordered by kind, resource, account, Region and days. Returns a newly
 * allocated array of *n references into ev (free() it), or NULL with *n 0. */
struct measure_ref *measures_of(const struct evidence *ev, size_t *n);
/* The lowest figure over days among ev's measures, with *ref pointing at it; -1 when none. */
double measures_lowest(const struct evidence *ev, int days, struct measure_ref *ref);

/* The figure as a percentage with up to three decimals ("99.963%"), never "100%" while
 * there were errors; "n/a" without requests. Returns buf. */
char *measure_pct(const struct measure *m, char *buf, size_t len);
/* Seconds of downtime the figure implies over its window (errors as a share of time). */
double measure_downtime(const struct measure *m);
/* Where a measure was taken, as findings say it: "us-east-1", or "account 111122223333,
 * us-east-1" in a sweep of several accounts. Returns buf. */
char *measure_where(const struct measure_ref *r, char *buf, size_t len);

/* One line for people: "99.963% measured (90 d, load balancer web in us-east-1) against a
 * 99.9% target, which meets it; 47m31s of downtime in 90 days, 3h12m a year at this rate
 * (110 errors in 300000 requests, AWS/ApplicationELB HTTPCode_ELB_5XX_Count /
 * RequestCount)"; the account before the Region when r names one. target < 0: none set. */
void measure_describe(const struct measure_ref *r, double target, char *buf, size_t len);

#endif
