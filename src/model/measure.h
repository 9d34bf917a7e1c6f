/* Availability measured from a resource's own request and error counts (a metric probe with
 * 'availability', wa-review-questions(5)): 1 - errors / requests over the days before a
 * sweep. A region_result of such a probe holds one per resource and window; reports show
 * them beside the target and the computed figure. */
#ifndef WAR_MODEL_MEASURE_H
#define WAR_MODEL_MEASURE_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

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

#endif
