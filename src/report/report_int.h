/* What the report writers share: everything a report shows, gathered once by
 * report_render() (the report model), and the document it makes of it. Private to
 * src/report. */
#ifndef WAR_REPORT_REPORT_INT_H
#define WAR_REPORT_REPORT_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "model/avail.h"
#include "model/milestone.h"
#include "model/qset.h"
#include "model/review.h"
#include "model/risk.h"
#include "model/roadmap.h"
#include "report/doc_int.h"

/* Text formats name this many resources of a probe result, then "and N more". */
#define REPORT_MAX_CITED 10

/* What is measured to call a phase done. */
struct report_metric {
	char *text;                        /* one sentence; owned */
	const struct roadmap_item **items; /* the plan's items it covers; owned array */
	size_t n_items, n_done;
};

struct report_phase {
	enum rm_phase phase;
	int first, last;               /* weeks */
	char start[16], end[16];       /* their dates */
	size_t n_items, n_done;        /* plan items in it, and how many are done */
	struct report_metric *metrics; /* owned */
	size_t n_metrics;
};

/* A week of the plan with items due: what it is about. */
struct report_week {
	int week;
	char start[16], end[16];
	char *theme;                       /* owned */
	const struct roadmap_item **items; /* owned array */
	size_t n_items;
};

struct report_ctx {
	const struct qset *qs;
	const struct review *rv; /* masked copy of the caller's review */
	struct roadmap rm;
	struct avail_summary av;
	const char *currency;     /* of the downtime cost ("EUR") */
	struct avail_measured me; /* the incident history's period; valid when av.have_incidents */
	char *incidents_left_out; /* why the history is left out (an incident after the report's
	                           * date), or NULL; owned */
	const struct milestone *since; /* the last milestone, or NULL */
	struct ms_diff progress;       /* since that milestone; empty without one */
	char date[16];                 /* "2026-11-26" */
	char generated[32];            /* "2026-11-26T10:00:00Z" */
	const char *generator;         /* "wa-review 0.1.0" */
	bool redacted;
	long long start;       /* the day week 1 starts */
	bool start_is_created; /* it is the review's creation date (else the report's date) */
	char start_date[16];
	struct report_phase phases[RM_PHASE_LATER + 1]; /* [RM_PHASE_1 .. RM_PHASE_LATER] */
	struct report_week *weeks;                      /* weeks 1-12 with items; owned */
	size_t n_weeks;
};

/* Each writer returns the whole document, newly allocated (free with free()). */
char *report_md(const struct report_ctx *c);
char *report_json(const struct report_ctx *c);
char *report_csv(const struct report_ctx *c);
char *report_html(const struct report_ctx *c);

/* The report as a document (report_text.c): fills d, which the caller clears. */
void report_doc(const struct report_ctx *c, struct doc *d);
/* Its roadmap sections (report_roadmap.c), appended to d: the priority matrix, the phased
 * plan, the roadmap items. */
void report_matrix(const struct report_ctx *c, struct doc *d);
void report_phased_plan(const struct report_ctx *c, struct doc *d);
void report_items(const struct report_ctx *c, struct doc *d);
/* An item's part below its heading: question, priority, plan, evidence, why, steps, notes
 * (in full, or a pointer to the item that shows them), links. */
void report_item_body(const struct report_ctx *c, const struct roadmap_item *it, bool full_notes,
                      struct doc *d);
/* The wording both share: one or many; a section heading (keep: printed on one page where
 * it fits); "ID title" with the ID strong, as every best practice and question is named; a
 * table's header row. */
const char *report_plural(size_t n, const char *one, const char *many);
void report_heading(struct doc *d, int level, const char *text, bool keep);
void report_named(struct inl *l, const char *id, const char *title);
void report_header(struct block *t, const char *const *names);

/* The plan's calendar, success metrics and weekly themes (report_plan.c): fills c->phases
 * and c->weeks from c->rm; report_plan_clear() frees them. */
void report_plan(struct report_ctx *c);
void report_plan_clear(struct report_ctx *c);
/* The last day of an item's target week, "2026-11-21" (buf: 16 bytes). */
const char *report_due(const struct report_ctx *c, const struct roadmap_item *it, char *buf);

/* "99.95%": a fraction as a percentage with the fewest decimals (up to 6) that show it. */
const char *report_pct(double frac, char *buf, size_t len);
/* "61,728": a whole amount with thousands separators. */
const char *report_amount(double v, char *buf, size_t len);
/* The best-ranked item of question q, where its notes are shown in full; NULL if none. */
const struct roadmap_item *report_first_of_question(const struct report_ctx *c,
                                                    const struct question *q);
/* The answer to q in the report's review, or NULL (borrowed). */
const struct answer *report_answer(const struct report_ctx *c, const struct question *q);
/* "Not answered yet", "business priorities", …: a not-applicable reason for people. */
const char *report_na_label(enum na_reason r);

#endif
