/* The component inventory of the Reliability pillar guide (workload_name,
 * availability_requirement, rto_requirement, rpo_requirement, components,
 * dependencies.external_apis), as plain data, and how it goes into a review's workload.
 * src/store/inventory_load.c reads it from YAML. */
#ifndef WAR_MODEL_INVENTORY_H
#define WAR_MODEL_INVENTORY_H

#include <stdbool.h>
#include <stddef.h>

#include "model/avail.h"
#include "model/review.h"

struct inventory {
	char *workload_name; /* NULL when not given */
	char *criticality;   /* one of workload_criticalities; NULL when not given */
	double availability; /* percent; < 0 when not given */
	char *rto, *rpo;     /* in review-file form ("1h", "15m"); NULL when not given */
	struct component *components;
	size_t n_components;
	struct external_api *external_apis;
	size_t n_external_apis;
};

/* Returns a newly allocated empty inventory; free with inventory_free(). */
struct inventory *inventory_new(void);
/* Frees the inventory and what it still owns; NULL is fine. */
void inventory_free(struct inventory *inv);

/* The redundancy a guide's free-text description means: "Single AZ" and "None" are none,
 * "Active-Active" active-active, "Active-Passive" or "Standby" active-passive, "N+1" n+1,
 * "Managed", "Regional" or "Serverless" managed, and "Multi-AZ" (with anything after it,
 * such as "Multi-AZ with read replicas") the service's own multi-AZ mode (managed) for
 * databases, else active-active. Case, spaces, hyphens and underscores do not matter.
 * Returns the value, or -1 for text it cannot place. svc may be NULL (unknown service). */
int inventory_redundancy(const char *text, const struct avail_service *svc);

/* Moves the inventory's components and external APIs into rv's workload, replacing the ones
 * there (the inventory is left without them). The workload's name, availability target, RTO,
 * RPO and criticality are taken from the inventory where the review has none, or always with
 * overwrite; each value kept because it differs adds a one-line note to *notes (newly
 * allocated; free each string, then the array). */
void inventory_apply(struct inventory *inv, struct review *rv, bool overwrite, char ***notes,
                     size_t *n_notes);

#endif
