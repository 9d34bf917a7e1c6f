#include "util/sbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* Makes room for n more bytes and the NUL; false (and over set) when the cap forbids. */
static bool room(struct sbuf *b, size_t n)
{
	if (b->over || (b->max && n > b->max - b->len)) {
		b->over = true;
		return false;
	}
	b->buf = xgrow(b->buf, &b->cap, b->len + n + 1, 1);
	return true;
}

void sbuf_putn(struct sbuf *b, const char *s, size_t n)
{
	if (!room(b, n))
		return;
	memcpy(b->buf + b->len, s, n);
	b->len += n;
	b->buf[b->len] = '\0';
}

void sbuf_puts(struct sbuf *b, const char *s)
{
	sbuf_putn(b, s, strlen(s));
}

void sbuf_putc(struct sbuf *b, char c)
{
	sbuf_putn(b, &c, 1);
}

void sbuf_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n <= 0 || !room(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->buf + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void sbuf_cut(struct sbuf *b, size_t len)
{
	if (len >= b->len)
		return;
	b->len = len;
	b->buf[len] = '\0';
}

char *sbuf_take(struct sbuf *b)
{
	char *s = b->buf ? b->buf : xstrdup("");

	b->buf = NULL;
	b->len = b->cap = 0;
	b->over = false;
	return s;
}

void sbuf_free(struct sbuf *b)
{
	free(b->buf);
	b->buf = NULL;
	b->len = b->cap = 0;
	b->over = false;
}
