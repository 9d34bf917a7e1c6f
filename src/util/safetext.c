#include "util/safetext.h"

#include <string.h>

#include "util/utf8.h"

#define REPLACEMENT 0xFFFDUL

bool safetext_unsafe(unsigned long c)
{
	return (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7F && c <= 0x9F) ||
	       (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

/* The character at s (n bytes left, n > 0): its code point in *cp, U+FFFD for one that is
 * unsafe or a byte that is not UTF-8, and 0 for a CR before a newline (dropped). Returns
 * how many bytes it takes. */
static size_t next_char(const char *s, size_t n, unsigned long *cp)
{
	size_t len = utf8_get((const unsigned char *)s, n, cp);

	if (!len) {
		*cp = REPLACEMENT;
		return 1;
	}
	if (*cp == '\r' && n > 1 && s[1] == '\n')
		*cp = 0;
	else if (safetext_unsafe(*cp))
		*cp = REPLACEMENT;
	return len;
}

void safetext_put(struct sbuf *b, const char *s, bool one_line)
{
	size_t n = s ? strlen(s) : 0;

	for (size_t i = 0; i < n;) {
		unsigned long cp;
		size_t len = next_char(s + i, n - i, &cp);
		char enc[4];

		if (cp == REPLACEMENT || len == 1) {
			if (cp == '\n' || cp == '\t')
				cp = one_line ? ' ' : cp;
			if (cp)
				sbuf_putn(b, enc, utf8_put(enc, cp));
		} else {
			sbuf_putn(b, s + i, len); /* valid and safe: as it is */
		}
		i += len;
	}
}

char *safetext_dup(const char *s, bool one_line)
{
	struct sbuf b = { 0 };

	safetext_put(&b, s, one_line);
	return sbuf_take(&b);
}
