/* The availability parts of a review file, in and out: workload.components,
 * workload.dependencies.external_apis, workload.downtime_cost_per_hour and
 * downtime_cost_currency, and the top-level incidents. review_io.c calls these so the rest
 * of the review file's code stays as it was. */
#ifndef WAR_STORE_AVAIL_IO_H
#define WAR_STORE_AVAIL_IO_H

#include <stddef.h>

#include <yaml.h>

#include "model/review.h"
#include "store/ydoc.h"
#include "store/yemit.h"
#include "util/err.h"

/* The workload keys this module reads, for review_io.c's list of known keys. */
struct avail_io_nodes {
	yaml_node_t *cost;     /* downtime_cost_per_hour */
	yaml_node_t *currency; /* downtime_cost_currency */
	yaml_node_t *components;
	yaml_node_t *dependencies;
};

/* Reads and checks those keys (each may be NULL: absent) into wl: every value checked, names
 * unique across components and external APIs, depends_on naming one of them, and each
 * component given a figure or a service with a published one. Returns 0, or -1 with err at
 * file:line:column. */
int avail_io_load_workload(struct ydoc *d, const struct avail_io_nodes *nodes, struct workload *wl,
                           struct wa_err *err);

/* The checks across a workload's lists: names unique over components and external APIs
 * (depends_on may name either), and each depends_on naming one of them, not its own
 * component. The node arrays give where each component's name and depends_on list, and each
 * API's name, stand (a depends_on node may be NULL when its list is empty). Returns 0, or -1
 * with err at the offending node. */
int avail_io_check_names(struct ydoc *d, const struct workload *wl, yaml_node_t **comp_names,
                         yaml_node_t **comp_deps, yaml_node_t **api_names, struct wa_err *err);

/* Reads a list of incidents (date, duration, impact, note) from n; `what` names it in
 * messages ("incidents"). Returns 0 with *out newly allocated (count items; free each with
 * incident_clear(), then the array), or -1 with err at file:line:column and *out NULL. */
int avail_io_load_incidents(struct ydoc *d, yaml_node_t *n, const char *what, struct incident **out,
                            size_t *count, struct wa_err *err);

/* Writes the keys above inside the open workload mapping (nothing for unset ones). */
void avail_io_put_workload(struct yemit *y, const struct workload *wl);
/* Writes the top-level incidents key (nothing when there are none). */
void avail_io_put_incidents(struct yemit *y, const struct review *rv);

#endif
