/* The improvement roadmap: every best practice not in place becomes an item, ordered by a
 * fixed priority model and placed in a priority-matrix quadrant, a phase and a target week.
 *
 * The model (also in wa-review(1), PRIORITY MODEL). For each item:
 *   R  risk if missing, from the question set: high 3, medium 2, low 1
 *   C  the workload's business criticality: critical 4, high 3, medium 2, low 1 (unset: 2)
 *   Q  1 when the item's question is at high risk (risk_question()), else 0
 *   E  1 when the evidence's verdict on it is "not implemented" (model/verdict.h), else 0
 *   F  effort, from the question set or the item's override: low 1, medium 2, high 3
 *   impact I = C + Q + E: high when I >= 4, medium when I = 3, low otherwise
 *   score = 6 * R * I / F (an integer: value for the effort)
 *   priority: P1 high risk and high impact; P2 high risk, or medium risk and high impact;
 *             P3 medium risk; P4 low risk
 *   quadrant, first that fits: high risk / high impact (whatever the effort), quick win
 *             (F low, R medium or high), high risk / medium impact (medium or low), medium
 *             risk / high impact, other
 *   phase: 1 (weeks 1-2) for low effort and R medium or high; 2 (weeks 3-8) for the other
 *          items of the three risk/impact quadrants; 3 (weeks 9-12) for the rest
 *   the model's order: phase, then score (higher first), then question order, then
 *          best-practice order
 *   week: each phase's weeks are shared out in the model's order in proportion to effort
 *         among the items it schedules (won't-do items and items with a week of their own
 *         left out)
 * So the worst gaps come first in every review, evidence or not: a missing high-risk best
 * practice makes its question high risk (Q = 1), which for a high or critical workload is
 * high impact: P1 and the top quadrant. With low effort it is in phase 1, where its score
 * (18 I) is above that of any medium-risk quick win of the same review (12 I', I' <= I + 1).
 *
 * The plan is the items not marked won't-do, in plan order: phase of the week, week, then
 * the model's order. An item's own target week replaces the model's and moves the item to
 * that week's phase and place (13 and later: after the plan). Won't-do items leave the plan
 * (its counts, lists and weeks) and follow it, in the model's order. Week 1 starts on the
 * day the review was created (roadmap_start()).
 *
 * Only the answers, the set, the criticality, the evidence and the item settings enter, so
 * the same review gives the same order every time. Questions not answered yet add no items
 * (nothing is known about them); not-applicable questions add none either. */
#ifndef WAR_MODEL_ROADMAP_H
#define WAR_MODEL_ROADMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "model/evidence.h"
#include "model/qset.h"
#include "model/review.h"
#include "model/verdict.h"
#include "model/roadmap_edit.h"
#include "util/err.h"

/* Matrix quadrants in display order (not the order they are tried in: see above). */
enum rm_quadrant {
	RM_Q_HIGH_HIGH = 0,
	RM_Q_HIGH_MEDIUM,
	RM_Q_MEDIUM_HIGH,
	RM_Q_QUICK_WIN,
	RM_Q_OTHER,
	RM_N_QUADRANTS
};

/* Plan phases; RM_PHASE_LATER holds items whose own target week is past the plan. */
enum rm_phase { RM_PHASE_1 = 1, RM_PHASE_2, RM_PHASE_3, RM_PHASE_LATER };

enum rm_impact { RM_IMPACT_LOW = 1, RM_IMPACT_MEDIUM, RM_IMPACT_HIGH };

#define ROADMAP_PLAN_WEEKS 12 /* the plan's length; later weeks are "after the plan" */

/* A probe result that speaks to an item: the finding and its result in one Region, both
 * borrowed from rv->evidence. */
struct roadmap_evidence {
	const struct finding *finding;
	const struct region_result *result;
};

struct roadmap_item {
	const struct question *q; /* borrowed from the set */
	const struct bp *bp;
	size_t qi, bi;     /* positions in the set, for ties */
	size_t rank;       /* 1-based place: in the plan, then among the won't-do items */
	enum bp_risk risk; /* R */
	enum rm_impact impact;
	enum effort effort; /* F after the override */
	bool effort_overridden;
	bool question_high;        /* Q: its question is at high risk */
	bool confirmed;            /* E: the evidence's verdict is "not implemented" */
	struct bp_verdict verdict; /* the evidence's verdict on it (owned; borrows the review's
	                            * snapshot) */
	int score;
	int priority; /* 1..4 */
	enum rm_quadrant quadrant;
	int model_week; /* the week the model gives it, its own target week left out */
	int week;       /* the override's when set, else model_week */
	bool week_overridden;
	enum rm_phase phase;               /* from week (won't-do items: the one they would have) */
	struct roadmap_override ov;        /* roadmap_override_get()'s view: strings are rv's */
	struct roadmap_evidence *findings; /* every result naming it, in the snapshot's order
	                                    * (owned array, borrowed contents) */
	size_t n_findings;
};

struct roadmap {
	struct roadmap_item *items; /* in rank order: the plan, then the won't-do items */
	size_t n_items;
	size_t n_planned;         /* items in the plan: items[0 .. n_planned-1] */
	const char *criticality;  /* as used: the review's, or "medium" when unset */
	bool criticality_default; /* the review sets none */
	size_t n_unanswered;      /* questions without an answer (they add no items) */
};

/* Builds the roadmap of rv against qs. Returns 0 with out filled (free with
 * roadmap_clear()); it borrows from qs and rv, so rebuild it after either changes.
 * Returns -1 with err when the roadmap section names a best practice the set lacks. */
int roadmap_build(const struct qset *qs, const struct review *rv, struct roadmap *out,
                  struct wa_err *err);
/* Frees what the roadmap owns and leaves it empty. */
void roadmap_clear(struct roadmap *rm);

/* The item for a best-practice ID, or NULL when it is not in the roadmap (borrowed). */
const struct roadmap_item *roadmap_find(const struct roadmap *rm, const char *bpid);

/* Fills out (room for rm->n_items) with the plan's items of one phase (won't-do items are
 * in none), in plan order: by week, then rank. Returns how many. */
size_t roadmap_phase_items(const struct roadmap *rm, enum rm_phase phase,
                           const struct roadmap_item **out);

/* The best practice with ID bpid ("REL09-BP02") in qs, with its question in *q (may be
 * NULL). Returns NULL when the set has none. */
const struct bp *roadmap_lookup_bp(const struct qset *qs, const char *bpid,
                                   const struct question **q);

/* The day week 1 starts, in seconds since the epoch (midnight UTC): the review's `created`
 * date, or the day of `today` when the review has none or it is unreadable. *from_created
 * (may be NULL) says which. */
long long roadmap_start(const struct review *rv, long long today, bool *from_created);
/* The first (last false) or last day of plan week `week` from start as "2026-11-15" (buf:
 * 11 bytes or more); returns buf. */
char *roadmap_week_day(long long start, int week, bool last, char *buf, size_t len);

/* The phase a target week falls in. */
enum rm_phase roadmap_week_phase(int week);
/* First and last week of a phase (RM_PHASE_LATER: after the plan up to ROADMAP_MAX_WEEK). */
void roadmap_phase_weeks(enum rm_phase p, int *first, int *last);

/* Names: statuses as written in files ("planned", "in_progress", "done", "wont_do") and
 * for people ("planned", "in progress", "done", "won't do"); quadrant keys
 * ("quick_win", "high_risk_high_impact", …) and titles; phase titles; impact names.
 * Parse functions return -1 when unknown. All returned strings are static. */
const char *rm_status_name(enum rm_status s);
const char *rm_status_label(enum rm_status s);
int rm_status_parse(const char *s);
const char *rm_quadrant_key(enum rm_quadrant q);
const char *rm_quadrant_title(enum rm_quadrant q);
const char *rm_phase_title(enum rm_phase p);
const char *rm_impact_name(enum rm_impact i);
/* "Highest", "High", "Medium", "Low" for priorities 1..4 (tracker priority names). */
const char *rm_priority_name(int priority);

#endif
