/* A set of borrowed strings with a value each, for duplicate checks that stay linear on
 * large question sets. The strings must outlive the set. */
#ifndef WAR_UTIL_STRSET_H
#define WAR_UTIL_STRSET_H

#include <stddef.h>

struct strset {
	const char **keys;
	long *vals;
	size_t cap; /* power of two, or 0 */
	size_t count;
};

/* Adds key with val unless present. Returns -1 when added, else the existing value. */
long strset_add(struct strset *s, const char *key, long val);
/* The value for key, or -1 when absent. */
long strset_get(const struct strset *s, const char *key);
/* Frees the table (not the strings). */
void strset_free(struct strset *s);

#endif
