/* One edit of a review file, from start to end: lock it, load it (or start a new one), let
 * the caller change the review, save it with its `updated` time stamped, release it. Every
 * command that changes a review and the wizard's session go through here, so each save
 * takes the same steps: review_edit_commit() is the one place a review reaches the disk. */
#ifndef WAR_STORE_REVIEW_EDIT_H
#define WAR_STORE_REVIEW_EDIT_H

#include <stdbool.h>

#include "model/qset.h"
#include "model/review.h"
#include "store/lock.h"
#include "util/err.h"

struct review_edit {
	char *path;            /* the review file */
	const struct qset *qs; /* borrowed: the set the review is checked against */
	struct review *rv;     /* the review being edited: change it freely between commits */
	struct review_lock *lock;
	bool is_new; /* not on disk yet: the first commit also stamps `created` */
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

/* Saves e->rv to the file atomically (review_save()), its `updated` time set to now (and
 * `created` too for a new review). Returns 0, or -1 with err, the file then as it was and
 * the review's times unchanged. The edit stays open either way. */
int review_edit_commit(struct review_edit *e, struct wa_err *err);

/* The workload name a new review at path gets by default: the file's name without .yaml or
 * .yml ("reviews/checkout.yaml" gives "checkout"). Returns newly allocated text. */
char *review_edit_default_name(const char *path);

/* Releases the lock and frees the review and e's own memory; e is left empty. Closing an
 * empty edit does nothing. */
void review_edit_close(struct review_edit *e);

#endif
