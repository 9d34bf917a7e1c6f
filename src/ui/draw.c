#include "ui/draw.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "ui/display.h"
#include "ui/wrap.h"
#include "util/safetext.h"
#include "util/xalloc.h"

static attr_t el_attr[EL_COUNT];

static attr_t curses_attrs(unsigned bits)
{
	attr_t a = A_NORMAL;

	if (bits & TA_BOLD)
		a |= A_BOLD;
	if (bits & TA_DIM)
		a |= A_DIM;
	if (bits & TA_UNDERLINE)
		a |= A_UNDERLINE;
	if (bits & TA_REVERSE)
		a |= A_REVERSE;
	if (bits & TA_ITALIC)
		a |= A_ITALIC;
	if (bits & TA_STANDOUT)
		a |= A_STANDOUT;
	return a;
}

void draw_set_theme(const struct theme *t)
{
	int ncolors = display_colors();

	for (int el = 0; el < EL_COUNT; el++) {
		struct theme_style s = theme_resolve(t, (enum color_el)el, ncolors);
		attr_t a = curses_attrs(s.attrs);

		if (ncolors >= 8 && el + 1 < COLOR_PAIRS) {
			/* Without the terminal's own colours, "default" is white on black. */
			if (!display_default_colors()) {
				s.fg = s.fg < 0 ? COLOR_WHITE : s.fg;
				s.bg = s.bg < 0 ? COLOR_BLACK : s.bg;
			}
			init_pair((short)(el + 1), s.fg, s.bg);
			a |= COLOR_PAIR(el + 1);
		}
		el_attr[el] = a;
	}
	/* Cleared cells take the normal element's background. */
	wbkgdset(display_win(), ' ' | el_attr[EL_NORMAL]);
}

static bool inside(const struct rect *r, int y, int x)
{
	return y >= 0 && y < r->h && x >= 0 && x < r->w;
}

int draw_textn(const struct rect *r, int y, int x, int maxw, enum color_el el, const char *s,
               size_t len)
{
	WINDOW *w = display_win();
	int room, used = 0;
	wchar_t buf[256];
	size_t nb = 0;

	if (!inside(r, y, x) || !s)
		return 0;
	room = r->w - x;
	if (maxw >= 0 && maxw < room)
		room = maxw;
	wattrset(w, el_attr[el < EL_COUNT ? el : EL_NORMAL]);
	wmove(w, r->y + y, r->x + x);
	for (size_t i = 0; i < len && s[i];) {
		uint32_t cp;
		size_t bl = wrap_decode(s + i, len - i, &cp);
		int cw;

		/* A control from a file or AWS (ESC, CSI U+009B, a bidi override) is shown, not
		 * sent to the terminal. */
		if (safetext_unsafe(cp) || cp == '\n' || cp == '\t')
			cp = '?';
		cw = wrap_cp_width(cp);
		if (used + cw > room) {
			/* A wide character at the edge: a space where its first half would go. */
			if (used < room) {
				buf[nb++] = L' ';
				used++;
			}
			break;
		}
		buf[nb++] = (wchar_t)cp;
		used += cw;
		i += bl;
		if (nb == sizeof(buf) / sizeof(buf[0])) {
			waddnwstr(w, buf, (int)nb);
			nb = 0;
		}
	}
	if (nb)
		waddnwstr(w, buf, (int)nb);
	return used;
}

int draw_text(const struct rect *r, int y, int x, enum color_el el, const char *s)
{
	return s ? draw_textn(r, y, x, -1, el, s, strlen(s)) : 0;
}

int draw_text_fit(const struct rect *r, int y, int x, int maxw, enum color_el el, const char *s)
{
	int room = r->w - x, used;

	if (maxw >= 0 && maxw < room)
		room = maxw;
	if (wrap_width(s, strlen(s)) <= room)
		return draw_text(r, y, x, el, s);
	used = draw_textn(r, y, x, room - 1, el, s, strlen(s));
	return used + draw_text(r, y, x + used, el, "…");
}

int draw_text_right(const struct rect *r, int y, enum color_el el, const char *s)
{
	int w = wrap_width(s, strlen(s)), x = r->w - w;

	if (x < 0)
		x = 0;
	draw_text(r, y, x, el, s);
	return x;
}

int draw_printf(const struct rect *r, int y, int x, enum color_el el, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return draw_text(r, y, x, el, buf);
}

int draw_pieces(const struct rect *r, int y, int x, int maxw, enum color_el el, const char *s,
                const char *sep)
{
	size_t seplen = strlen(sep), end = 0;
	int room = r->w - x, used = 0, sepw = wrap_width(sep, seplen);

	if (maxw >= 0 && maxw < room)
		room = maxw;
	/* Find how far whole pieces go, then draw that much at once. */
	while (s[end]) {
		const char *next = strstr(s + end, sep);
		size_t stop = next ? (size_t)(next - s) : strlen(s);
		int w = wrap_width(s + end, stop - end) + (end ? sepw : 0);
		if (end && used + w > room)
			break;
		used += w;
		end = next ? stop + seplen : stop;
		if (!next)
			break;
	}
	if (end >= seplen && strncmp(s + end - seplen, sep, seplen) == 0 && s[end])
		end -= seplen;
	return draw_textn(r, y, x, room, el, s, end);
}

int draw_wrapped(const struct rect *r, int y, int x, int skip, enum color_el el, const char *s)
{
	struct wrap_iter it;
	size_t start, n;
	int row = 0;

	if (!s)
		return 0;
	wrap_begin(&it, s, strlen(s), r->w - x);
	while (wrap_next(&it, &start, &n)) {
		if (row >= skip)
			draw_textn(r, y + row - skip, x, -1, el, s + start, n);
		row++;
	}
	return row;
}

void draw_fill(const struct rect *r, int y, int x, int w, enum color_el el)
{
	WINDOW *win = display_win();

	if (!inside(r, y, x))
		return;
	if (w < 0 || x + w > r->w)
		w = r->w - x;
	wattrset(win, el_attr[el]);
	mvwhline(win, r->y + y, r->x + x, ' ', w);
}

void draw_clear(const struct rect *r, enum color_el el)
{
	for (int y = 0; y < r->h; y++)
		draw_fill(r, y, 0, -1, el);
}

void draw_vline(const struct rect *r, int x, enum color_el el)
{
	WINDOW *win = display_win();

	if (!inside(r, 0, x))
		return;
	wattrset(win, el_attr[el]);
	mvwvline_set(win, r->y, r->x + x, WACS_VLINE, r->h);
}

void draw_box(const struct rect *r, enum color_el el, const char *title)
{
	WINDOW *win = display_win();
	int bottom = r->y + r->h - 1, right = r->x + r->w - 1;

	if (r->h < 2 || r->w < 2)
		return;
	wattrset(win, el_attr[el]);
	mvwhline_set(win, r->y, r->x + 1, WACS_HLINE, r->w - 2);
	mvwhline_set(win, bottom, r->x + 1, WACS_HLINE, r->w - 2);
	mvwvline_set(win, r->y + 1, r->x, WACS_VLINE, r->h - 2);
	mvwvline_set(win, r->y + 1, right, WACS_VLINE, r->h - 2);
	mvwadd_wch(win, r->y, r->x, WACS_ULCORNER);
	mvwadd_wch(win, r->y, right, WACS_URCORNER);
	mvwadd_wch(win, bottom, r->x, WACS_LLCORNER);
	mvwadd_wch(win, bottom, right, WACS_LRCORNER);
	if (title && *title) {
		struct rect top = { r->y, r->x + 2, 1, r->w - 4 };
		int n = draw_text(&top, 0, 0, el, " ");
		n += draw_text(&top, 0, n, el, title);
		draw_text(&top, 0, n, el, " ");
	}
}
