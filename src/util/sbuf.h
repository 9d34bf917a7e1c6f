/* A growing text buffer for writers that build a whole document in memory (reports, JSON,
 * signed requests), optionally capped. */
#ifndef WAR_UTIL_SBUF_H
#define WAR_UTIL_SBUF_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"

struct sbuf {
	char *buf; /* NUL-terminated once anything was added; NULL before */
	size_t len, cap;
	size_t max; /* 0: no limit; else the longest text wanted: an append that would pass it
	             * sets over, and nothing more is added from then on */
	bool over;
};

/* Appends the string, n bytes of it, one character, or printf-formatted text. */
void sbuf_puts(struct sbuf *b, const char *s);
void sbuf_putn(struct sbuf *b, const char *s, size_t n);
void sbuf_putc(struct sbuf *b, char c);
void sbuf_printf(struct sbuf *b, const char *fmt, ...) ATTR_FORMAT(2, 3);
/* Shortens the text to its first len bytes (nothing happens when it is not longer). */
void sbuf_cut(struct sbuf *b, size_t len);

/* Returns the text (newly allocated, free with free(); "" when empty) and leaves b empty
 * (its max kept). */
char *sbuf_take(struct sbuf *b);
/* Frees the text and leaves b empty (its max kept). */
void sbuf_free(struct sbuf *b);

#endif
