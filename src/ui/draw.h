/* Drawing by meaning: views say what a piece of text is (an element of ui/theme.h) and where
 * it goes inside a rectangle; this file picks the colours and clips, so no view touches a
 * curses window. Coordinates are relative to the rectangle given. */
#ifndef WAR_UI_DRAW_H
#define WAR_UI_DRAW_H

#include <stddef.h>

#include "ui/layout.h"
#include "ui/theme.h"

/* Sets every element's colours from t for this terminal's colour count. */
void draw_set_theme(const struct theme *t);

/* UTF-8 text on row y from column x, clipped to r and to maxw columns (maxw < 0: to r's
 * right edge). Invalid bytes show as U+FFFD and control characters as '?', so no text can
 * move the terminal's cursor. Returns the columns used. */
int draw_textn(const struct rect *r, int y, int x, int maxw, enum color_el el, const char *s,
               size_t len);
/* The same for a NUL-terminated string, to r's right edge. */
int draw_text(const struct rect *r, int y, int x, enum color_el el, const char *s);
/* The same, ending in "…" where it does not fit (to r's right edge, or in maxw columns when
 * maxw >= 0), for a value whose whole text is shown elsewhere. Returns the columns used. */
int draw_text_fit(const struct rect *r, int y, int x, int maxw, enum color_el el, const char *s);
/* The same, ending at r's right edge (right-aligned). Returns the column it starts at. */
int draw_text_right(const struct rect *r, int y, enum color_el el, const char *s);
/* printf-style text; returns the columns used. */
int draw_printf(const struct rect *r, int y, int x, enum color_el el, const char *fmt, ...)
        ATTR_FORMAT(5, 6);

/* Text made of pieces joined by sep (such as "  " between key hints, or " · "), drawn from
 * column x: as many whole pieces as fit in maxw columns (< 0: to r's right edge), so a piece
 * is left out rather than cut (only a first piece wider than the room is clipped). Returns
 * the columns used. */
int draw_pieces(const struct rect *r, int y, int x, int maxw, enum color_el el, const char *s,
                const char *sep);

/* Text wrapped to r's width from column x, starting at row y, skipping its first skip lines.
 * Returns the rows the whole text takes (drawn or not), so callers can lay out what follows. */
int draw_wrapped(const struct rect *r, int y, int x, int skip, enum color_el el, const char *s);

/* w columns of row y from column x (w < 0: to the right edge) in el's background. */
void draw_fill(const struct rect *r, int y, int x, int w, enum color_el el);
/* The whole rectangle. */
void draw_clear(const struct rect *r, enum color_el el);
/* A vertical line down column x of r. */
void draw_vline(const struct rect *r, int x, enum color_el el);
/* A border around r with a title in its top edge. */
void draw_box(const struct rect *r, enum color_el el, const char *title);

#endif
