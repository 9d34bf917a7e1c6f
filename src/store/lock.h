/* An advisory lock that keeps two wa-review processes from editing one review at once.
 * Saves replace the review by rename, so the lock lives on a sidecar file "REVIEW.lock"
 * that holds the holder's pid and host name. */
#ifndef WAR_STORE_LOCK_H
#define WAR_STORE_LOCK_H

#include "util/err.h"

struct review_lock;

/* Locks the review at path (following symbolic links, so every name of one file shares a
 * lock). Returns 0 with *out newly allocated (give it to review_lock_release()), or -1 with
 * err: "review.yaml is being edited by another wa-review (pid 1234 on host); close it
 * first" when another process holds it, or the reason the lock file cannot be made.
 * A lock file left by a process that died is taken over silently. */
int review_lock_acquire(const char *path, struct review_lock **out, struct wa_err *err);

/* Removes the lock file and releases the lock; frees lock. NULL is fine. */
void review_lock_release(struct review_lock *lock);

#endif
