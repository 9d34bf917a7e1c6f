/* One edit of a review file, from start to end: lock it, load it (or start a new one), let
 * the caller change the review, save it with its `updated` time stamped, release it. Every
 * command that changes a review and the wizard's session go through here, so each save
 * takes the same steps: review_edit_commit() is the one place a review reaches the disk.
 *
 * The lock keeps other wa-review processes out, not an editor, `git pull` or a script. So
 * each commit first reads the file again; when it changed since it was last read or written
 * here, the change is merged with the edit's part by part (model/review_merge.h): parts
 * changed on one side only merge silently, a part changed differently on both sides is a
 * conflict, and nothing is written until every conflict is decided. */
#ifndef WAR_STORE_REVIEW_EDIT_H
#define WAR_STORE_REVIEW_EDIT_H

#include <stdbool.h>

#include "model/qset.h"
#include "model/review.h"
#include "model/review_part.h"
#include "store/lock.h"
#include "util/err.h"

struct review_edit {
	char *path;            /* the review file */
	const struct qset *qs; /* borrowed: the set the review is checked against */
	struct review *rv;     /* the review being edited: change it freely between commits */
	struct review_lock *lock;
	bool is_new;  /* not on disk yet: the first commit also stamps `created` */
	bool replace; /* the first commit replaces whatever the file holds, unread */
	char *base;   /* the file's bytes as last read or written here (the merge's common
	               * version); NULL when there is no file yet */
	size_t base_len;
	/* What the last commit found: */
	bool outside;                  /* the file had been changed outside; its version went to
	                                * "FILE~" if the commit then wrote */
	struct review_parts merged;    /* the parts that came in from the file */
	struct review_parts conflicts; /* parts changed differently here and in the file, or
	                                * PART_FILE when the file no longer reads; decide each
	                                * with review_edit_decide(), then commit again */
	struct review *theirs;         /* with conflicts: the file's version (NULL: unreadable) */
	char *theirs_text;             /* with conflicts: the file's bytes, so decisions are only
	                                * used while the file still holds them */
	size_t theirs_len;
	struct review_parts take_theirs, keep_mine; /* the decisions so far */
	unsigned dropped; /* what the last commit left out of the file it replaced (comments,
	                   * tags, anchors: store/ydoc.h YDOC_*); that file is now "FILE~" */
};

/* Each starts an edit of the review file at path, taking its lock (review_lock_acquire()).
 * Returns 0 with e filled (end it with review_edit_close()), or -1 with err (the lock's
 * "being edited by another wa-review", or where the file is wrong) and e empty, nothing
 * held, nothing written.
 *   open:    loads the review the file holds
 *   create:  for a new review, rv (taken, even on failure), refusing a file that exists;
 *            nothing is written before review_edit_commit()
 *   replace: like create but whatever the file holds is replaced at the first commit (the
 *            demo's working copy, remade from the built-in demo) */
int review_edit_open(struct review_edit *e, const char *path, const struct qset *qs,
                     struct wa_err *err);
int review_edit_create(struct review_edit *e, const char *path, const struct qset *qs,
                       struct review *rv, struct wa_err *err);
int review_edit_replace(struct review_edit *e, const char *path, const struct qset *qs,
                        struct review *rv, struct wa_err *err);

/* Saves e->rv to the file atomically (review_format(), fsio_write_atomic(): mode 0600 for a
 * new file, the previous version kept as "FILE~"), its `updated` time set to now (and
 * `created` too for a new review). When the file changed since it was last read or written
 * here, its changes are merged into e->rv first (e->outside, e->merged say which). When
 * the file replaced held comments, tags or anchors, which a save cannot keep, e->dropped
 * says so and a notice (util/err.h) says once that they are in "FILE~".
 * Returns 0, or -1 with err, the file then as it was and the review's times unchanged; with
 * e->conflicts not empty the reason is a conflict ("review.yaml was changed outside
 * wa-review, and REL06 differently here; nothing saved"), and e->rv is as it was. The edit
 * stays open either way. */
int review_edit_commit(struct review_edit *e, struct wa_err *err);

/* Decides conflict p (one of e->conflicts) for the next commit: the file's version when
 * theirs, else ours (the file's text then stays in "FILE~"). The whole file's conflict
 * (PART_FILE: it no longer reads) can only be decided ours. Decisions hold while the file
 * keeps the text it had when the conflict was found. */
void review_edit_decide(struct review_edit *e, const struct review_part *p, bool theirs);

/* The workload name a new review at path gets by default: the file's name without .yaml or
 * .yml ("reviews/checkout.yaml" gives "checkout"). Returns newly allocated text. */
char *review_edit_default_name(const char *path);

/* Releases the lock and frees the review and e's own memory; e is left empty. Closing an
 * empty edit does nothing. */
void review_edit_close(struct review_edit *e);

#endif
