/* The wizard's undo and redo: every change the session makes to the review (answers,
 * notes, N/A, flags, the workload, the checklist, the roadmap, milestones) is a step that
 * u takes back and Ctrl-R makes again, for as long as the review stays open. A step keeps
 * only the parts of the review it changed (model/review_part.h), before and after, so
 * memory grows with what was changed, not with the review; at most UNDO_MAX steps are
 * kept, the oldest dropped first. Collected evidence and the Well-Architected Tool link are
 * records of what AWS said, not edits: no step (collect, push or pull again). No curses
 * here. */
#ifndef WAR_UI_UNDO_H
#define WAR_UI_UNDO_H

#include <stdbool.h>
#include <stddef.h>

#include "model/review.h"
#include "model/review_part.h"

#define UNDO_MAX 1000

struct undo_step {
	char label[160];           /* what the step did: "none of these on REL06" */
	struct review_parts parts; /* what it changed */
	struct review *before;     /* those parts before it (nothing else) */
	struct review *after;      /* and after it */
};

struct undo {
	struct review *shadow;  /* the review as of the last step (no evidence); NULL: none open */
	struct undo_step *done; /* oldest first */
	size_t n_done, cap_done;
	struct undo_step *undone; /* most recently undone last */
	size_t n_undone, cap_undone;
};

/* Forgets every step and starts from rv (NULL: no review open). */
void undo_reset(struct undo *u, const struct review *rv);

/* Records what changed in rv since the last step as one step called label (NULL: named
 * after the parts, "change to REL06"), clearing what could be redone. With merge, a change
 * to the same parts as the last step under the same label joins it (typing a note is one
 * step, not one per key). Returns whether anything had changed. */
bool undo_record(struct undo *u, const struct review *rv, const char *label, bool merge);

/* Parts that came into rv from elsewhere (the file, changed outside and merged) become
 * part of the starting point: they are no step of the session's to take back. */
void undo_absorb(struct undo *u, const struct review *rv, const struct review_parts *parts);

/* Takes back the last step in rv (undo) or makes the last undone one again (redo). A part
 * that changed since in another way (merged from the file) is left as it is and added to
 * skipped (may be NULL). Returns the step's label, or NULL when there is nothing to do. */
const char *undo_undo(struct undo *u, struct review *rv, struct review_parts *skipped);
const char *undo_redo(struct undo *u, struct review *rv, struct review_parts *skipped);

/* Frees every step and the shadow; u is left empty. */
void undo_free(struct undo *u);

#endif
