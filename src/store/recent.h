/* The recent-reviews list the Start screen offers: absolute paths, most recent first, one a
 * line in a small text file (by default ~/.local/state/wa-review/recent). */
#ifndef WAR_STORE_RECENT_H
#define WAR_STORE_RECENT_H

#include <stddef.h>

#include "util/err.h"

enum { RECENT_MAX = 10 };

struct recent {
	char *paths[RECENT_MAX]; /* owned */
	size_t n;
};

/* Reads the list from file; a missing file is an empty list. Lines that are not absolute
 * paths are skipped. Returns 0, or -1 with err when the file exists but cannot be read
 * (r is then empty). Free with recent_free(). */
int recent_load(const char *file, struct recent *r, struct wa_err *err);

/* Puts path (copied) first, removing an earlier entry for it and the oldest past RECENT_MAX. */
void recent_add(struct recent *r, const char *path);

/* Removes path when present. */
void recent_remove(struct recent *r, const char *path);

/* Writes the list to file atomically, creating its directory. Returns 0 or -1 with err. */
int recent_save(const char *file, const struct recent *r, struct wa_err *err);

void recent_free(struct recent *r);

#endif
