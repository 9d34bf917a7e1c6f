/* The parts of a review that change independently of each other: one per answer, per
 * roadmap item, per checklist item and per milestone, and whole sections for the rest
 * (workload, availability model, incidents, evidence, the Well-Architected Tool link). Merging an
 * outside change (model/review_merge.h) and the wizard's undo work part by part: compare two
 * reviews part by part, copy one part from a review into another. Plain data, no I/O. */
#ifndef WAR_MODEL_REVIEW_PART_H
#define WAR_MODEL_REVIEW_PART_H

#include <stdbool.h>
#include <stddef.h>

#include "model/review.h"

enum review_part_kind {
	PART_WORKLOAD,   /* the workload's description: name … participants, cost, currency */
	PART_COMPONENTS, /* the availability model: components and external APIs */
	PART_INCIDENTS,  /* the outage history */
	PART_EVIDENCE,   /* the evidence snapshot */
	PART_WA_TOOL,    /* the link to the Well-Architected Tool (push, pull) */
	PART_CHECKLIST,  /* key: a checklist item's ID */
	PART_ANSWER,     /* key: a question ID */
	PART_ROADMAP,    /* key: a best-practice ID (the item's settings) */
	PART_MILESTONE,  /* key: the milestone's name */
	PART_FILE,       /* the whole file (it could not be read): never compared or copied */
};

struct review_part {
	enum review_part_kind kind;
	char *key; /* owned; NULL for whole sections */
};

/* A list of distinct parts. Zero-initialized is empty; free with review_parts_free(). */
struct review_parts {
	struct review_part *v;
	size_t n, cap;
};

/* Every part a review has, sections included, added to out (none twice). */
void review_parts_of(const struct review *rv, struct review_parts *out);

/* Adds a part (key copied; NULL for a section) unless out has it. */
void review_parts_add(struct review_parts *out, enum review_part_kind kind, const char *key);

/* Whether out holds the part. */
bool review_parts_has(const struct review_parts *ps, const struct review_part *p);

/* Empties the list and frees what it owns. */
void review_parts_free(struct review_parts *ps);

/* Whether a and b say the same in part p. Time stamps of the last change (an answer's or an
 * item's `updated`) do not count, and an answer or item that is absent equals one with
 * nothing set. */
bool review_part_equal(const struct review *a, const struct review *b, const struct review_part *p);

/* Makes dst's part p a copy of src's: replaced, added, or removed when src has none. */
void review_part_copy(struct review *dst, const struct review *src, const struct review_part *p);

/* The parts where a and b differ, added to out. The records of what AWS said (the evidence,
 * the Tool link) count only with_records: they are no edit of the review's. */
void review_parts_diff(const struct review *a, const struct review *b, bool with_records,
                       struct review_parts *out);

/* The part for people: "REL06", "roadmap item REL09-BP02", "the workload", "checklist item
 * architecture_documented", "milestone 'baseline'", into buf; returns buf. */
const char *review_part_name(const struct review_part *p, char *buf, size_t len);

/* The names of the parts, comma-separated, cut short with "…" to fit len; returns buf. */
const char *review_parts_names(const struct review_parts *ps, char *buf, size_t len);

#endif
