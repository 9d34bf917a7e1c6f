/* What the report writers share: everything a report shows, gathered once by
 * report_render(), and a few words every format formats the same way. Private to
 * src/report. */
#ifndef WAR_REPORT_REPORT_INT_H
#define WAR_REPORT_REPORT_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "model/avail.h"
#include "model/milestone.h"
#include "model/qset.h"
#include "model/review.h"
#include "model/risk.h"
#include "model/roadmap.h"

struct report_ctx {
	const struct qset *qs;
	const struct review *rv; /* masked copy of the caller's review */
	struct roadmap rm;
	struct avail_summary av;
	const struct milestone *since; /* the last milestone, or NULL */
	struct ms_diff progress;       /* since that milestone; empty without one */
	char date[16];                 /* "2026-11-26" */
	char generated[32];            /* "2026-11-26T10:00:00Z" */
	const char *generator;         /* "wa-review 0.1.0" */
	bool redacted;
};

/* Each writer returns the whole document, newly allocated (free with free()). */
char *report_md(const struct report_ctx *c);
char *report_json(const struct report_ctx *c);
char *report_csv(const struct report_ctx *c);
char *report_html(const struct report_ctx *c);

/* "99.95%": a fraction as a percentage with the fewest decimals (up to 6) that show it. */
const char *report_pct(double frac, char *buf, size_t len);
/* "61,728": a whole amount with thousands separators. */
const char *report_amount(double v, char *buf, size_t len);
/* The summary's sentences (counts and fixed words only, nothing to escape): risks, items
 * missing, done and open, and how the plan spreads them. Newly allocated; free(). */
char *report_summary_text(const struct report_ctx *c);
/* The best-ranked item of question q, where its notes are shown in full; NULL if none. */
const struct roadmap_item *report_first_of_question(const struct report_ctx *c,
                                                    const struct question *q);
/* The answer to q in the report's review, or NULL (borrowed). */
const struct answer *report_answer(const struct report_ctx *c, const struct question *q);
/* What a probe result says, for a report: its text, or NULL when it has none. */
const char *report_finding_text(const struct roadmap_evidence *f);
/* "Not answered yet", "business priorities", …: a not-applicable reason for people. */
const char *report_na_label(enum na_reason r);

#endif
