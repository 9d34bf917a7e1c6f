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
