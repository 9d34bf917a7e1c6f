/* The risk engine: a question's risk from its answer, and counts per area and overall. */
#ifndef WAR_MODEL_RISK_H
#define WAR_MODEL_RISK_H

#include <stddef.h>

#include "model/qset.h"
#include "model/review.h"

struct risk_counts {
	size_t total;    /* questions */
	size_t answered; /* answered, including not applicable */
	size_t high;
	size_t medium;
	size_t none;
	size_t not_applicable;
};

/* Risk of question q given its answer (NULL: unanswered). Not applicable wins over any
 * selection; otherwise the question's rules decide, or by default the highest risk among
 * best practices not selected (a low-risk gap alone counts as NONE). While practices are
 * open (evidence decided only some), it is the least risk the missing ones already give —
 * open ones counted as in place — and UNANSWERED when that is NONE. */
enum qrisk risk_question(const struct question *q, const struct answer *a);

/* Counts for one area (area < qs->n_areas) or, with area == (size_t)-1, the whole set. */
void risk_count(const struct qset *qs, const struct review *rv, size_t area,
                struct risk_counts *out);

#define RISK_ALL_AREAS ((size_t)-1)

#endif
