/* Loading one of a question's config_rules (wa-review-questions(5), AWS CONFIG RULES): an
 * AWS Config managed rule mapped to best practices of the question, made into a probe that
 * reads the rule's results in the account (DescribeConfigRules, DescribeComplianceByConfigRule,
 * GetComplianceDetailsByConfigRule) so the runner, the scope and the verdicts treat it as
 * any other probe, marked as from AWS Config. */
#ifndef WAR_STORE_CONFIG_RULE_LOAD_H
#define WAR_STORE_CONFIG_RULE_LOAD_H

#include "model/qset.h"
#include "store/ydoc.h"
#include "util/err.h"

/* Loads the mapping at node n of question q (whose best practices and probes are loaded)
 * into *p, which must be zeroed: its ID is "config-" and the rule's name. *id_node is set
 * to the node of its name (for duplicate checks). Returns 0, or -1 with err at
 * file:line:column; either way probe_clear() frees what *p holds. */
int config_rule_load(struct ydoc *d, yaml_node_t *n, const struct question *q, struct probe *p,
                     yaml_node_t **id_node, struct wa_err *err);

#endif
