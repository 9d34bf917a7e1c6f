/* Loading one evidence probe of a question set (wa-review-questions(5), PROBES) with every
 * check that can be made without AWS: known keys, a known read-only operation, JMESPath
 * that compiles, best practices of the question, templates naming known fields. */
#ifndef WAR_STORE_PROBE_LOAD_H
#define WAR_STORE_PROBE_LOAD_H

#include "model/qset.h"
#include "store/ydoc.h"
#include "util/err.h"

/* Loads the probe at node n of question q (whose best practices are loaded) into *p, which
 * must be zeroed. *id_node is set to the node of its id (for duplicate checks). Returns 0,
 * or -1 with err at file:line:column; either way probe_clear() frees what *p holds. */
int probe_load(struct ydoc *d, yaml_node_t *n, const struct question *q, struct probe *p,
               yaml_node_t **id_node, struct wa_err *err);

#endif
