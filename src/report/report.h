/* Reports of a review: the improvement roadmap with its context, as Markdown (the main
 * product), JSON (for scripts; schema in wa-review-report(5)), CSV (roadmap items for a
 * tracker import) or HTML (one self-contained, printable file). */
#ifndef WAR_REPORT_REPORT_H
#define WAR_REPORT_REPORT_H

#include <stdbool.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "model/avail.h"
#include "model/milestone.h"
#include "model/qset.h"
#include "model/review.h"
#include "util/err.h"

enum report_format { REPORT_MD, REPORT_JSON, REPORT_CSV, REPORT_HTML };

#define REPORT_JSON_SCHEMA_VERSION 2

struct report_opts {
	bool redact;                       /* mask account IDs and ARNs, notes included */
	time_t date;                       /* the report's date; 0: clock_now() */
	const char *generator;             /* "wa-review 0.1.0"; NULL: "wa-review" */
	const struct avail_summary *avail; /* NULL: avail_summarize(rv) (tests pass their own) */
};

/* "md", "json", "csv", "html" (also "markdown"); returns 0, or -1 when unknown. */
int report_format_parse(const char *s, enum report_format *out);
const char *report_format_name(enum report_format f);

/* Renders the report of rv (loaded against qs) in fmt. opts may be NULL. Text that looks
 * like an AWS access key or secret key is masked whatever opts say. Returns newly allocated
 * text (free with free()), or NULL with err (the review's roadmap or availability data is
 * inconsistent). */
char *report_render(enum report_format fmt, const struct qset *qs, const struct review *rv,
                    const struct report_opts *opts, struct wa_err *err);

/* The JSON report's builders, for the commands that print part of it (status --json,
 * diff --json): the risk counts ("overall" and "areas") and the changes between two
 * milestones ("risk_up", "risk_down", "other", "done", "reopened"), added to o. */
void report_json_add_risk(cJSON *o, const struct qset *qs, const struct review *rv);
void report_json_add_changes(cJSON *o, const struct ms_diff *d);
/* A JSON document as text with a final newline, made safe for a terminal (report/safe.h:
 * control characters escaped). Returns newly allocated text (free with free()), or NULL
 * when out of memory. */
char *report_json_print(const cJSON *root);

#endif
