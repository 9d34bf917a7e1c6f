#include "ui/wrap.h"

#include <wchar.h>

#include "util/utf8.h"

size_t wrap_decode(const char *s, size_t left, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = utf8_seq_len(p, left);
	uint32_t v;

	if (n == 0) {
		*cp = 0xFFFD;
		return 1;
	}
	if (n == 1) {
		*cp = p[0];
		return 1;
	}
	v = p[0] & (0xFF >> (n + 1));
	for (size_t i = 1; i < n; i++)
		v = (v << 6) | (p[i] & 0x3F);
	*cp = v;
	return n;
}

int wrap_cp_width(uint32_t cp)
{
	int w;

	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return 1;
	w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w > 2 ? 2 : w;
}

int wrap_width(const char *s, size_t len)
{
	int w = 0;

	for (size_t i = 0; i < len;) {
		uint32_t cp;
		i += wrap_decode(s + i, len - i, &cp);
		w += wrap_cp_width(cp);
	}
	return w;
}

size_t wrap_fit(const char *s, size_t len, int cols)
{
	size_t i = 0;
	int w = 0;

	while (i < len) {
		uint32_t cp;
		size_t n = wrap_decode(s + i, len - i, &cp);
		int cw = wrap_cp_width(cp);

		if (w + cw > cols)
			break;
		w += cw;
		i += n;
	}
	return i;
}

size_t wrap_scroll(const char *s, size_t cur, int room)
{
	int before = wrap_width(s, cur);
	size_t skip = 0;

	while (before >= room && skip < cur) {
		uint32_t cp;
		size_t n = wrap_decode(s + skip, cur - skip, &cp);
		before -= wrap_cp_width(cp);
		skip += n;
	}
	return skip;
}

void wrap_begin(struct wrap_iter *it, const char *s, size_t len, int width)
{
	it->s = s;
	it->len = len;
	it->width = width < 1 ? 1 : width;
	it->pos = 0;
	it->done = false;
}

bool wrap_next(struct wrap_iter *it, size_t *start, size_t *n)
{
	size_t p = it->pos, brk = (size_t)-1;
	int w = 0;

	if (it->done)
		return false;
	*start = p;
	while (p < it->len && it->s[p] != '\n') {
		uint32_t cp;
		size_t bl = wrap_decode(it->s + p, it->len - p, &cp);
		int cw = wrap_cp_width(cp);

		if (w + cw > it->width && p > *start) {
			if (cp == ' ') { /* the space that overflows is the break */
				*n = p - *start;
				it->pos = p + 1;
			} else if (brk != (size_t)-1) {
				*n = brk - *start;
				it->pos = brk + 1;
			} else { /* one long word: cut it */
				*n = p - *start;
				it->pos = p;
			}
			return true;
		}
		w += cw;
		if (cp == ' ')
			brk = p;
		p += bl;
	}
	*n = p - *start;
	if (p < it->len)
		it->pos = p + 1;
	else {
		it->pos = p;
		it->done = true;
	}
	return true;
}

size_t wrap_count(const char *s, size_t len, int width)
{
	struct wrap_iter it;
	size_t start, n, count = 0;

	wrap_begin(&it, s, len, width);
	while (wrap_next(&it, &start, &n))
		count++;
	return count;
}
