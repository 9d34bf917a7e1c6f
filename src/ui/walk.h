/* The question walk's logic without a screen: the rows of the question list, the items of a
 * question, unanswered-question navigation, search and jump. Pure functions over the
 * question set and the review, unit-tested directly. */
#ifndef WAR_UI_WALK_H
#define WAR_UI_WALK_H

#include <stdbool.h>
#include <stddef.h>

#include "model/qset.h"
#include "model/review.h"

/* The items of a question in the main pane, in order: its best practices, then these. */
enum walk_item {
	WALK_ITEM_BP,   /* index < n_bps */
	WALK_ITEM_NONE, /* "none of these" */
	WALK_ITEM_NA,   /* not applicable, with a reason */
	WALK_ITEM_NOTES,
};

/* Number of items of q, and what item i is. */
size_t walk_item_count(const struct question *q);
enum walk_item walk_item_kind(const struct question *q, size_t i);

/* The list pane shows each area's title row, then its questions. */
size_t walk_list_rows(const struct qset *qs);
/* Row of question qi; question at row (or -1 for an area's title row). */
size_t walk_list_row_of(const struct qset *qs, size_t qi);
long walk_list_question_at(const struct qset *qs, size_t row);

/* The next (dir > 0) or previous (dir < 0) unanswered question after qi, wrapping around;
 * qi itself comes last. Returns its index, or -1 when every question is answered. */
long walk_unanswered(const struct qset *qs, const struct review *rv, size_t qi, int dir);

/* What is still open for people, in walk order: an unanswered question as one place (bp
 * -1), and each practice left open in a question evidence answered only in part (its
 * index). From the place (qi, bp) — bp -1 for the question itself, or an item index — the
 * next (dir > 0) or previous (dir < 0) such place, wrapping around, the place itself last.
 * Returns 0 with *out_q and *out_bp set, or -1 when every question is complete. */
int walk_open(const struct qset *qs, const struct review *rv, size_t qi, long bp, int dir,
              size_t *out_q, long *out_bp);

/* Finds needle (case-insensitive for ASCII letters) in question IDs, titles and descriptions
 * and best-practice IDs, titles and descriptions, starting just after the place (qi, bp) —
 * bp -1 is the question itself — and wrapping around to that place last. Returns 0 with
 * *out_q and *out_bp (-1: the question matched) set, or -1 when nothing matches. */
int walk_search(const struct qset *qs, const char *needle, size_t qi, long bp, size_t *out_q,
                long *out_bp);

/* Resolves what a user types to jump: "REL10", "rel10", "10", "REL10-BP03", "10.3",
 * "REL10 BP3". Returns 0 with *out_q and *out_bp (-1: no best practice named), or -1. */
int walk_jump(const struct qset *qs, const char *text, size_t *out_q, long *out_bp);

#endif
