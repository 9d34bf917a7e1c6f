/* The review sections other features fill — checklist, evidence, roadmap, milestones — in
 * and out of a review file. Each is read once, when the file loads, into the review's typed
 * fields, and checked on the way so that a hand edit gone wrong is refused at its
 * file:line:column like every other part of a review; saving writes them back in the same
 * layout. */
#ifndef WAR_STORE_REVIEW_SECTIONS_H
#define WAR_STORE_REVIEW_SECTIONS_H

#include <yaml.h>

#include "model/qset.h"
#include "model/review.h"
#include "store/ydoc.h"
#include "store/yemit.h"
#include "util/err.h"

/* Each reads section node n into rv. With qs, question and best-practice IDs must be the
 * set's; with qs NULL those checks are skipped. Returns 0, or -1 with err at the offending
 * node (rv may then hold part of the section; review_free() frees it).
 *   checklist:  a mapping from checklist item IDs (model/checklist.h) to true or false
 *   evidence:   the snapshot (model/evidence.h), its JSON form written as YAML
 *   roadmap:    optional `items`, a mapping from best-practice IDs to { owner, effort, week,
 *               status, reason, updated }; wont_do needs a reason and only wont_do has one
 *   milestones: a list of { name, date, questions, done } with distinct names, as
 *               model/milestone.h describes
 * A blank checklist, roadmap or milestones section is as good as none. */
int review_sections_load_checklist(struct ydoc *d, yaml_node_t *n, struct review *rv,
                                   struct wa_err *err);
int review_sections_load_evidence(struct ydoc *d, yaml_node_t *n, const struct qset *qs,
                                  struct review *rv, struct wa_err *err);
int review_sections_load_roadmap(struct ydoc *d, yaml_node_t *n, const struct qset *qs,
                                 struct review *rv, struct wa_err *err);
int review_sections_load_milestones(struct ydoc *d, yaml_node_t *n, const struct qset *qs,
                                    struct review *rv, struct wa_err *err);
/*   wa_tool:    { workload_id, region, lens_version, architectural_design, synced, answers },
 *               answers a mapping from question IDs to the hex SHA-256 digest of the Tool's
 *               answer as last pushed or pulled (model/review.h, struct wa_tool) */
int review_sections_load_wa_tool(struct ydoc *d, yaml_node_t *n, const struct qset *qs,
                                 struct review *rv, struct wa_err *err);

/* Writes the sections rv holds as keys of the open root mapping, in file order (checklist,
 * evidence, roadmap, milestones, wa_tool); an empty section is left out. */
void review_sections_put(struct yemit *y, const struct review *rv);

#endif
