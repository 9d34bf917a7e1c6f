/* Changing an answer the way a reviewer does, one decision at a time, keeping it consistent:
 * selections in question-set order, "none of these" and selections exclusive, a reason
 * whenever the question is not applicable. Plain data, no I/O. */
#ifndef WAR_MODEL_ANSWER_H
#define WAR_MODEL_ANSWER_H

#include <stdbool.h>
#include <time.h>

#include "model/qset.h"
#include "model/review.h"

/* Ticks best practice i of q (i < q->n_bps) when unticked, unticks it when ticked; an open
 * practice (left by evidence) is decided by it, ticked first. Ticking clears "none of
 * these". Returns whether it is ticked now. */
bool answer_toggle_bp(struct answer *a, const struct question *q, size_t i);

/* Sets "none of these"; setting it unticks every best practice and decides the open ones. */
void answer_set_none(struct answer *a, bool on);

/* Marks the question not applicable for reason r with an optional note (copied; NULL or ""
 * for none), or applicable again with NA_NO (which drops the note). */
void answer_set_na(struct answer *a, enum na_reason r, const char *note);

/* Replaces the notes with a copy of text; NULL or "" removes them. */
void answer_set_notes(struct answer *a, const char *text);

/* Flips the follow-up flag; returns the new value. */
bool answer_toggle_flag(struct answer *a);

/* Records now as the answer's and the review's last change. */
void answer_touch(struct review *rv, struct answer *a, time_t now);

#endif
