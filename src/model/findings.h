/* Automated evidence as the review keeps it, read for the roadmap and the reports.
 *
 * The shape read here (documented in wa-review(1), EVIDENCE): the review's `evidence`
 * section holds `findings`, a list of mappings, each with
 *   probe           the check's ID (text)
 *   best_practices  the best-practice IDs the check speaks to (list)
 *   status          pass | fail | not_applicable | error
 *   summary         one line saying what was found (text, optional)
 *   resources       resources cited, ARNs or IDs (list of text, optional)
 *   region, checked where and when it ran (text, optional)
 * Entries without best_practices or with an unknown status are skipped, not refused: the
 * section belongs to the evidence feature, which validates what it writes. */
#ifndef WAR_MODEL_FINDINGS_H
#define WAR_MODEL_FINDINGS_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "model/review.h"

enum finding_status { FINDING_PASS = 1, FINDING_FAIL, FINDING_NOT_APPLICABLE, FINDING_ERROR };

struct finding {
	const char *probe;       /* borrowed from rv->evidence; NULL when not given */
	enum finding_status status;
	const char *summary;     /* NULL when not given */
	const char *region;      /* NULL when not given */
	const char *checked;     /* NULL when not given */
	const cJSON *resources;  /* array of strings, or NULL */
};

/* The findings that name bpid, in the order the review lists them. Returns a newly
 * allocated array (free with free(); NULL when *n is 0) whose strings are borrowed from
 * rv->evidence and stay valid while it is unchanged. */
struct finding *findings_for_bp(const struct review *rv, const char *bpid, size_t *n);

/* "pass", "fail", "not_applicable", "error"; parse returns 0 when unknown. */
const char *finding_status_name(enum finding_status s);
enum finding_status finding_status_parse(const char *s);

#endif
