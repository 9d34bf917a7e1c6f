/* Automated evidence as the review keeps it, read for the roadmap and the reports.
 *
 * The evidence section is written by src/evidence (its shape is documented in wa-review(1),
 * EVIDENCE, and checked when a review loads): `findings` is a list of probe outcomes, each
 * with `probe`, `best_practices`, `collected` and `results`, one per Region, each with
 * `region`, `outcome` (pass | fail | not_applicable | error), `text` and `cited`
 * resources. Here each result becomes one struct bp_evidence. */
#ifndef WAR_MODEL_FINDINGS_H
#define WAR_MODEL_FINDINGS_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "model/review.h"

enum finding_status { FINDING_PASS = 1, FINDING_FAIL, FINDING_NOT_APPLICABLE, FINDING_ERROR };

struct bp_evidence {
	const char *probe; /* borrowed from rv->evidence; NULL when not given */
	enum finding_status status;
	const char *summary;    /* NULL when not given */
	const char *region;     /* NULL when not given */
	const char *checked;    /* NULL when not given */
	const cJSON *resources; /* array of strings, or NULL */
};

/* The findings that name bpid, in the order the review lists them. Returns a newly
 * allocated array (free with free(); NULL when *n is 0) whose strings are borrowed from
 * rv->evidence and stay valid while it is unchanged. */
struct bp_evidence *findings_for_bp(const struct review *rv, const char *bpid, size_t *n);

/* "pass", "fail", "not_applicable", "error"; parse returns 0 when unknown. */
const char *finding_status_name(enum finding_status s);
enum finding_status finding_status_parse(const char *s);

#endif
