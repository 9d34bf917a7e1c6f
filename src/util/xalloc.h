/* Allocation that never returns NULL: out of memory is fatal, after the registered hook
 * (the UI restores the terminal there) has run. */
#ifndef WAR_UTIL_XALLOC_H
#define WAR_UTIL_XALLOC_H

#include <stddef.h>

/* Called once before exiting on out-of-memory; may be NULL. */
void xalloc_set_die_hook(void (*hook)(void));

/* Each returns newly allocated memory; free with free(). */
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
/* Grows an array of *cap elements of size elsize to hold at least need; returns the
 * (possibly moved) array. */
void *xgrow(void *p, size_t *cap, size_t need, size_t elsize);
char *xstrdup(const char *s);
/* xstrdup(s), or NULL when s is NULL. */
char *xstrdup_opt(const char *s);
char *xstrndup(const char *s, size_t n);
/* Returns a newly allocated printf-formatted string; free with free(). */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
