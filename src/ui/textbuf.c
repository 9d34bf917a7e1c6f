#include "ui/textbuf.h"

#include <stdlib.h>
#include <string.h>

#include "ui/wrap.h"
#include "util/xalloc.h"

/* Spaces a Tab becomes: notes are shown wrapped, where a real tab has no fixed width. */
#define TAB_SPACES 4

static void reserve(struct textbuf *tb, size_t extra)
{
	tb->s = xgrow(tb->s, &tb->cap, tb->len + extra + 1, 1);
}

void textbuf_init(struct textbuf *tb, const char *text, bool single_line)
{
	memset(tb, 0, sizeof(*tb));
	tb->single = single_line;
	tb->goal = -1;
	reserve(tb, 0);
	tb->s[0] = '\0';
	if (text)
		textbuf_insert(tb, text, strlen(text));
}

void textbuf_free(struct textbuf *tb)
{
	free(tb->s);
	memset(tb, 0, sizeof(*tb));
}

void textbuf_set(struct textbuf *tb, const char *text)
{
	tb->len = 0;
	tb->cur = 0;
	tb->s[0] = '\0';
	tb->goal = -1;
	if (text)
		textbuf_insert(tb, text, strlen(text));
}

static void put_raw(struct textbuf *tb, const char *s, size_t n)
{
	reserve(tb, n);
	memmove(tb->s + tb->cur + n, tb->s + tb->cur, tb->len - tb->cur + 1);
	memcpy(tb->s + tb->cur, s, n);
	tb->len += n;
	tb->cur += n;
}

void textbuf_insert(struct textbuf *tb, const char *s, size_t n)
{
	static const char fffd[] = "\xEF\xBF\xBD";

	tb->goal = -1;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t bl = wrap_decode(s + i, n - i, &cp);

		if (cp == '\r' || cp == '\n') {
			/* CRLF is one line break; a lone CR (what Enter and many pastes send) too.
			 */
			if (cp == '\r' && i + 1 < n && s[i + 1] == '\n')
				bl++;
			put_raw(tb, tb->single ? " " : "\n", 1);
		} else if (cp == '\t') {
			put_raw(tb, "    ", tb->single ? 1 : TAB_SPACES);
		} else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
			/* other control characters would move the terminal's cursor: drop them */
		} else if (cp == 0xFFFD) {
			put_raw(tb, fffd, 3);
		} else {
			put_raw(tb, s + i, bl);
		}
		i += bl;
	}
}

void textbuf_insert_cp(struct textbuf *tb, uint32_t cp)
{
	char buf[4];
	size_t n;

	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return;
	if (cp < 0x80) {
		buf[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		buf[0] = (char)(0xC0 | (cp >> 6));
		buf[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		buf[0] = (char)(0xE0 | (cp >> 12));
		buf[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		buf[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		buf[0] = (char)(0xF0 | (cp >> 18));
		buf[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		buf[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		buf[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	textbuf_insert(tb, buf, n);
}

/* Offset of the character before / after off. The text is valid UTF-8, so continuation
 * bytes are recognisable. */
static size_t prev_char(const struct textbuf *tb, size_t off)
{
	if (off == 0)
		return 0;
	off--;
	while (off > 0 && ((unsigned char)tb->s[off] & 0xC0) == 0x80)
		off--;
	return off;
}

static size_t next_char(const struct textbuf *tb, size_t off)
{
	uint32_t cp;

	if (off >= tb->len)
		return tb->len;
	return off + wrap_decode(tb->s + off, tb->len - off, &cp);
}

static void cut(struct textbuf *tb, size_t from, size_t to)
{
	memmove(tb->s + from, tb->s + to, tb->len - to + 1);
	tb->len -= to - from;
	tb->cur = from;
	tb->goal = -1;
}

bool textbuf_backspace(struct textbuf *tb)
{
	if (tb->cur == 0)
		return false;
	cut(tb, prev_char(tb, tb->cur), tb->cur);
	return true;
}

bool textbuf_delete(struct textbuf *tb)
{
	if (tb->cur >= tb->len)
		return false;
	cut(tb, tb->cur, next_char(tb, tb->cur));
	return true;
}

bool textbuf_left(struct textbuf *tb)
{
	tb->goal = -1;
	if (tb->cur == 0)
		return false;
	tb->cur = prev_char(tb, tb->cur);
	return true;
}

bool textbuf_right(struct textbuf *tb)
{
	tb->goal = -1;
	if (tb->cur >= tb->len)
		return false;
	tb->cur = next_char(tb, tb->cur);
	return true;
}

static size_t line_start(const struct textbuf *tb)
{
	size_t p = tb->cur;

	while (p > 0 && tb->s[p - 1] != '\n')
		p--;
	return p;
}

static size_t line_end(const struct textbuf *tb)
{
	const char *nl = memchr(tb->s + tb->cur, '\n', tb->len - tb->cur);

	return nl ? (size_t)(nl - tb->s) : tb->len;
}

bool textbuf_line_start(struct textbuf *tb)
{
	size_t p = line_start(tb);
	bool moved = p != tb->cur;

	tb->cur = p;
	tb->goal = -1;
	return moved;
}

bool textbuf_line_end(struct textbuf *tb)
{
	size_t p = line_end(tb);
	bool moved = p != tb->cur;

	tb->cur = p;
	tb->goal = -1;
	return moved;
}

bool textbuf_kill_end(struct textbuf *tb)
{
	size_t end = line_end(tb);

	/* At the end of a line, Ctrl-K joins the next one, as in Emacs and readline. */
	if (end == tb->cur)
		end = end < tb->len ? end + 1 : end;
	if (end == tb->cur)
		return false;
	cut(tb, tb->cur, end);
	return true;
}

bool textbuf_kill_start(struct textbuf *tb)
{
	size_t start = line_start(tb);

	if (start == tb->cur)
		return false;
	cut(tb, start, tb->cur);
	return true;
}

void textbuf_locate(const struct textbuf *tb, int width, int *row, int *col)
{
	struct wrap_iter it;
	size_t start, n;
	int r = 0;

	wrap_begin(&it, tb->s, tb->len, width);
	while (wrap_next(&it, &start, &n)) {
		/* The cursor belongs to this line unless it is where the next one starts. */
		if (tb->cur >= start && (tb->cur < it.pos || it.done)) {
			*row = r;
			*col = wrap_width(tb->s + start, tb->cur - start);
			return;
		}
		r++;
	}
	*row = r > 0 ? r - 1 : 0;
	*col = 0;
}

bool textbuf_vertical(struct textbuf *tb, int width, int delta)
{
	struct wrap_iter it;
	size_t start, n;
	int row, col, r = 0, target;

	textbuf_locate(tb, width, &row, &col);
	if (tb->goal < 0)
		tb->goal = col;
	/* Past the first or last row, go as far as there is (PgUp/PgDn near the ends). */
	target = row + delta;
	if (target < 0)
		target = 0;
	if (target >= (int)wrap_count(tb->s, tb->len, width))
		target = (int)wrap_count(tb->s, tb->len, width) - 1;
	if (target == row)
		return false;
	wrap_begin(&it, tb->s, tb->len, width);
	while (wrap_next(&it, &start, &n)) {
		if (r++ != target)
			continue;
		tb->cur = start + wrap_fit(tb->s + start, n, tb->goal);
		return true;
	}
	return false;
}
