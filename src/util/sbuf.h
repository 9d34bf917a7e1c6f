/* A growing text buffer for writers that build a whole document in memory (reports). */
#ifndef WAR_UTIL_SBUF_H
#define WAR_UTIL_SBUF_H

#include <stddef.h>

#include "util/err.h"

struct sbuf {
	char *buf; /* NUL-terminated once anything was added; NULL before */
	size_t len, cap;
};

/* Appends the string, n bytes of it, one character, or printf-formatted text. */
void sbuf_puts(struct sbuf *b, const char *s);
void sbuf_putn(struct sbuf *b, const char *s, size_t n);
void sbuf_putc(struct sbuf *b, char c);
void sbuf_printf(struct sbuf *b, const char *fmt, ...) ATTR_FORMAT(2, 3);

/* Returns the text (newly allocated, free with free(); "" when empty) and leaves b empty. */
char *sbuf_take(struct sbuf *b);
/* Frees the text and leaves b empty. */
void sbuf_free(struct sbuf *b);

#endif
