/* Metric and log probes (wa-review-questions(5), METRIC PROBES, LOG PROBES): the
 * GetMetricData or FilterLogEvents parameters for one item of a probe's fan-out, and the
 * judgement of what came back, resource by resource. No I/O: run.c sends the calls. */
#ifndef WAR_EVIDENCE_METRIC_H
#define WAR_EVIDENCE_METRIC_H

#include <time.h>

#include <cjson/cJSON.h>

#include "evidence/probe.h"
#include "model/evidence.h"

/* The parameters of p's call for item (p->metric or p->logs set), the window ending at now.
 * Returns a new object (cJSON_Delete()), or NULL with msg filled when the item lacks what
 * a template names. */
cJSON *metric_params(const struct probe *p, const cJSON *item, time_t now, char *msg,
                     size_t msglen);

/* Judges doc, the fan-out's [{item, result, truncated?}] for region, into *out (zeroed by
 * the caller): FAIL when a resource is beyond the threshold (or logged a matching event),
 * ERROR when none is but some could not be checked (no datapoints, a search bound reached),
 * NOT_APPLICABLE without resources, else PASS. A probe with 'availability' also records
 * out->measures for every resource with requests. cx gives the items left out of scope. */
void metric_judge(const struct probe_prog *pp, const cJSON *doc, const struct probe_ctx *cx,
                  const char *region, time_t now, struct region_result *out);

/* Seconds since the epoch of an ISO 8601 time as the client prints them
 * ("2026-12-01T10:00:00Z", "…+00:00", "….123Z"), or a number of seconds; -1 when
 * unreadable. */
time_t metric_time(const cJSON *v);

#endif
