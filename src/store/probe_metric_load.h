/* Loading a probe's 'metric' or 'logs' block (wa-review-questions(5), METRIC PROBES, LOG
 * PROBES): known keys, values in range, templates naming the item, a window among the
 * sweep's times. probe_load() calls these; they fill p->metric or p->logs. */
#ifndef WAR_STORE_PROBE_METRIC_LOAD_H
#define WAR_STORE_PROBE_METRIC_LOAD_H

#include "model/qset.h"
#include "store/ydoc.h"
#include "util/err.h"

/* Loads the block at n for the probe named id ("probe alb-5xx-rate") into p. Returns 0, or
 * -1 with err at file:line:column. Either way probe_clear() frees what p holds. */
int probe_metric_load(struct ydoc *d, yaml_node_t *n, struct probe *p, const char *id,
                      struct wa_err *err);
int probe_logs_load(struct ydoc *d, yaml_node_t *n, struct probe *p, const char *id,
                    struct wa_err *err);

#endif
