#include "util/utf8.h"

/* Length of the valid UTF-8 sequence at p (at most `left` bytes), or 0 when invalid
 * (overlong forms, surrogates and code points past U+10FFFF included). */
size_t utf8_seq_len(const unsigned char *p, size_t left)
{
	unsigned c = p[0], v;
	size_t w;

	if (c < 0x80)
		return 1;
	w = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
	if (!w || w > left)
		return 0;
	v = c & (0xFF >> (w + 1));
	for (size_t i = 1; i < w; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (p[i] & 0x3F);
	}
	if ((w == 2 && v < 0x80) || (w == 3 && v < 0x800) || (w == 4 && v < 0x10000) ||
	    (v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF)
		return 0;
	return w;
}

/* libyaml reports bad encoding at the byte after the problem, in its own words ("invalid
 * trailing UTF-8 octet"); find the first bad byte ourselves and say plainly what is wrong. */
int utf8_check(const char *file, const char *text, size_t len, struct wa_err *err)
{
	const unsigned char *p = (const unsigned char *)text;
	int line = 1, col = 1;

	for (size_t i = 0; i < len;) {
		size_t w = utf8_seq_len(p + i, len - i);

		if (!w)
			return err_set(err, file, line, col,
			               "not valid UTF-8 (byte 0x%02X); save the file as UTF-8 text",
			               p[i]);
		if (p[i] == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
		i += w;
	}
	return 0;
}

size_t utf8_get(const unsigned char *s, size_t len, unsigned long *cp)
{
	unsigned long c, min;
	size_t n;

	if (len == 0)
		return 0;
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		c &= 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		c &= 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		c &= 0x07;
		min = 0x10000;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	/* Overlong forms, UTF-16 surrogates and values past U+10FFFF are not UTF-8. */
	if (c < min || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
		return 0;
	*cp = c;
	return n;
}

size_t utf8_put(char *out, unsigned long cp)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t utf8_len(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

int utf8_column(const char *s, size_t off)
{
	int col = 1;

	/* Count characters, not bytes: continuation bytes (10xxxxxx) start none. */
	for (size_t i = 0; i < off && s[i]; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			col++;
	return col;
}
