#include "ui/bigtext.h"

#include <ctype.h>
#include <string.h>

/* Five rows of three pixels each, high bit on the left. */
static const struct {
	char c;
	unsigned char rows[5];
} font[] = {
	{ '0', { 7, 5, 5, 5, 7 } }, { '1', { 2, 6, 2, 2, 7 } }, { '2', { 7, 1, 7, 4, 7 } },
	{ '3', { 7, 1, 7, 1, 7 } }, { '4', { 5, 5, 7, 1, 1 } }, { '5', { 7, 4, 7, 1, 7 } },
	{ '6', { 7, 4, 7, 5, 7 } }, { '7', { 7, 1, 1, 1, 1 } }, { '8', { 7, 5, 7, 5, 7 } },
	{ '9', { 7, 5, 7, 1, 7 } }, { 'A', { 2, 5, 7, 5, 5 } }, { 'B', { 6, 5, 6, 5, 6 } },
	{ 'C', { 3, 4, 4, 4, 3 } }, { 'D', { 6, 5, 5, 5, 6 } }, { 'E', { 7, 4, 6, 4, 7 } },
	{ 'F', { 7, 4, 6, 4, 4 } }, { 'G', { 3, 4, 5, 5, 3 } }, { 'H', { 5, 5, 7, 5, 5 } },
	{ 'I', { 7, 2, 2, 2, 7 } }, { 'J', { 1, 1, 1, 5, 2 } }, { 'K', { 5, 5, 6, 5, 5 } },
	{ 'L', { 4, 4, 4, 4, 7 } }, { 'M', { 5, 7, 7, 5, 5 } }, { 'N', { 6, 5, 5, 5, 5 } },
	{ 'O', { 2, 5, 5, 5, 2 } }, { 'P', { 6, 5, 6, 4, 4 } }, { 'Q', { 2, 5, 5, 6, 3 } },
	{ 'R', { 6, 5, 6, 5, 5 } }, { 'S', { 3, 4, 2, 1, 6 } }, { 'T', { 7, 2, 2, 2, 2 } },
	{ 'U', { 5, 5, 5, 5, 7 } }, { 'V', { 5, 5, 5, 5, 2 } }, { 'W', { 5, 5, 7, 7, 5 } },
	{ 'X', { 5, 5, 2, 5, 5 } }, { 'Y', { 5, 5, 2, 2, 2 } }, { 'Z', { 7, 1, 2, 4, 7 } },
	{ ':', { 0, 2, 0, 2, 0 } }, { '-', { 0, 0, 7, 0, 0 } }, { '.', { 0, 0, 0, 0, 2 } },
	{ ' ', { 0, 0, 0, 0, 0 } }, { '/', { 1, 1, 2, 4, 4 } }, { '?', { 7, 1, 2, 0, 2 } },
};

static const unsigned char *glyph(char c)
{
	c = (char)toupper((unsigned char)c);
	for (size_t i = 0; i < sizeof(font) / sizeof(font[0]); i++)
		if (font[i].c == c)
			return font[i].rows;
	return glyph('?');
}

const char *bigtext_row(const char *text, int row, char *buf, size_t len)
{
	/* top pixel, bottom pixel -> character */
	static const char *const cell[2][2] = { { " ", "\xE2\x96\x84" },
		                                { "\xE2\x96\x80", "\xE2\x96\x88" } };
	size_t used = 0;

	if (len == 0)
		return buf;
	buf[0] = '\0';
	for (const char *p = text; *p; p++) {
		const unsigned char *g = glyph(*p);
		unsigned top = row >= 0 && row < 3 ? g[2 * row] : 0;
		unsigned bot = row >= 0 && row < 2 ? g[2 * row + 1] : 0;

		for (int bit = 2; bit >= 0; bit--) {
			const char *s = cell[(top >> bit) & 1][(bot >> bit) & 1];
			size_t n = strlen(s);
			if (used + n + 1 > len)
				return buf;
			memcpy(buf + used, s, n + 1);
			used += n;
		}
		if (p[1] && used + 2 <= len) {
			buf[used++] = ' ';
			buf[used] = '\0';
		}
	}
	return buf;
}

int bigtext_width(const char *text)
{
	size_t n = strlen(text);

	return n ? (int)(4 * n - 1) : 0;
}
