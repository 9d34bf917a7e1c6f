/* Load-time checks of the review sections the roadmap and milestones write (`roadmap`,
 * `milestones`), so a hand edit gone wrong is refused at its file:line:column like every
 * other part of a review, instead of being silently ignored later. */
#ifndef WAR_STORE_REVIEW_SECTIONS_H
#define WAR_STORE_REVIEW_SECTIONS_H

#include <yaml.h>

#include "model/qset.h"
#include "store/ydoc.h"
#include "util/err.h"

/* Checks the `roadmap` section node n: a mapping with optional `items`, a mapping from
 * best-practice IDs (known to qs when qs is given) to { owner, effort, week, status, reason,
 * updated }; wont_do needs a reason and only wont_do has one. Returns 0, or -1 with err. */
int review_sections_roadmap(struct ydoc *d, yaml_node_t *n, const struct qset *qs,
                            struct wa_err *err);

/* Checks the `milestones` section node n: a list of { name, date, questions, done } with
 * distinct names, as milestone.h describes. Returns 0, or -1 with err. */
int review_sections_milestones(struct ydoc *d, yaml_node_t *n, const struct qset *qs,
                               struct wa_err *err);

#endif
