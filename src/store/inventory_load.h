/* Reading the pillar guide's component inventory (YAML) into a struct inventory. */
#ifndef WAR_STORE_INVENTORY_LOAD_H
#define WAR_STORE_INVENTORY_LOAD_H

#include <stddef.h>

#include "model/inventory.h"
#include "util/err.h"

/* Parses and checks inventory text; `file` names it in errors. Accepts the guide's keys
 * (workload_name, business_criticality, availability_requirement such as "99.9%",
 * rto_requirement and rpo_requirement such as "1 hour", components as a mapping keyed by
 * name or a list, each with service, availability_zones as a count or a list of AZ names,
 * redundancy in words, single_points_of_failure; dependencies.external_apis with name,
 * availability, timeout, retry_policy, fallback; monitoring, which is not used) and the
 * review file's component keys (tier, availability, depends_on, critical). Returns 0 with
 * *out newly allocated (free with inventory_free()), or -1 with *out NULL and err at
 * file:line:column. */
int inventory_parse(const char *file, const char *text, size_t len, struct inventory **out,
                    struct wa_err *err);

/* Reads the file at path, then inventory_parse(). Same return convention. */
int inventory_load(const char *path, struct inventory **out, struct wa_err *err);

#endif
