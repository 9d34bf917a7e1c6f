/* The files that belong to a review: the review, its backup "FILE~" (the version before
 * the last save, fsio_write_atomic()) and its lock "FILE.lock" (store/lock.h), all named
 * after the file the review's path finally leads to. Whatever else wa-review writes (a
 * report) must not land on one of them. */
#ifndef WAR_STORE_REVIEW_PATHS_H
#define WAR_STORE_REVIEW_PATHS_H

#include "util/err.h"

/* Checks that writing to out would leave the review at review alone: refused when out is the
 * review, its backup or its lock, under whatever name (a symbolic link, a relative path, a
 * hard link: compared by device and inode where the files exist, by the resolved path where
 * they do not). Returns 0, or -1 with err: "OUT would overwrite the review itself", "… the
 * review's backup (FILE~)", "… the review's lock file (FILE.lock)". */
int review_paths_check(const char *review, const char *out, struct wa_err *err);

#endif
