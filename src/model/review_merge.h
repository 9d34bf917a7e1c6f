/* Three-way merge of a review changed in two places at once: the wizard's session (ours)
 * and the file, changed by an editor, `git pull` or a script while it was open (theirs),
 * both from the version last read or written (base). Part by part (model/review_part.h):
 * a part changed on one side only takes that side's version; a part changed on both sides,
 * differently, is a conflict that someone must decide. Plain data, no I/O. */
#ifndef WAR_MODEL_REVIEW_MERGE_H
#define WAR_MODEL_REVIEW_MERGE_H

#include "model/review.h"
#include "model/review_part.h"

struct review_merge {
	struct review_parts taken;     /* changed in theirs only (or decided theirs): copied */
	struct review_parts conflicts; /* changed differently on both sides, still undecided */
};

/* Merges theirs into ours. base may be NULL (no common version: an empty review). Parts in
 * take_theirs or keep_mine (either may be NULL) are conflicts already decided that way.
 * Returns 0 with ours merged and out->taken naming what came from theirs; or -1 with ours
 * untouched, out->taken empty and out->conflicts naming every undecided conflict. Either way free
 * out with review_merge_free(). */
int review_merge(const struct review *base, struct review *ours, const struct review *theirs,
                 const struct review_parts *take_theirs, const struct review_parts *keep_mine,
                 struct review_merge *out);

void review_merge_free(struct review_merge *m);

#endif
