#include "ui/layout.h"

#include <string.h>

static struct rect rect(int y, int x, int h, int w)
{
	struct rect r = { y, x, h > 0 ? h : 0, w > 0 ? w : 0 };
	return r;
}

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* From WIDE_COLS the guidance sits beside the question and the evidence under both, as
 * wide as they are together; below it, all three are stacked. From TITLE_COLS the question
 * list has room for the questions' titles too. */
enum { WIDE_COLS = 120, TITLE_COLS = 140 };

static void walk_normal(struct layout *l)
{
	const struct rect *b = &l->body;
	int list_w = b->w >= TITLE_COLS ? clamp(b->w * 3 / 10, 40, 56) : LAYOUT_LIST_COLS;
	int rx = list_w + 1, rw = b->w - rx;

	l->list = rect(b->y, 0, b->h, list_w);
	if (b->w >= WIDE_COLS) {
		int main_w = rw * 55 / 100, gx = rx + main_w + 1;
		int evid_h = clamp(b->h * 2 / 5, 6, 16), top_h = b->h - evid_h;
		l->main = rect(b->y, rx, top_h, main_w);
		l->guide = rect(b->y, gx, top_h, b->w - gx);
		l->evid = rect(b->y + top_h, rx, evid_h, rw);
	} else {
		int evid_h = b->h >= 27 ? 3 : 2, guide_h = clamp(b->h * 3 / 10, 6, 12);
		int main_h = b->h - guide_h - evid_h;
		l->main = rect(b->y, rx, main_h, rw);
		l->guide = rect(b->y + main_h, rx, guide_h, rw);
		l->evid = rect(b->y + main_h + guide_h, rx, evid_h, rw);
	}
}

static void walk_workshop(struct layout *l)
{
	const struct rect *b = &l->body;

	l->list = rect(b->y, 0, 0, 0);
	l->evid = rect(b->y, 0, 0, 0);
	if (b->w >= WIDE_COLS) {
		int main_w = b->w * 60 / 100;
		l->main = rect(b->y, 0, b->h, main_w);
		l->guide = rect(b->y, main_w + 1, b->h, b->w - main_w - 1);
	} else {
		l->main = *b;
		l->guide = rect(b->y, 0, 0, 0);
	}
}

void layout_compute(int rows, int cols, bool workshop, struct layout *l)
{
	memset(l, 0, sizeof(*l));
	l->rows = rows;
	l->cols = cols;
	l->too_small = rows < LAYOUT_MIN_ROWS || cols < LAYOUT_MIN_COLS;
	if (l->too_small)
		return;
	l->title = rect(0, 0, 1, cols);
	l->status = rect(rows - 1, 0, 1, cols);
	if (workshop) {
		l->banner = rect(1, 0, 3, cols);
		l->people = rect(4, 0, 1, cols);
		l->body = rect(5, 0, rows - 6, cols);
		walk_workshop(l);
	} else {
		l->tabs = rect(1, 0, 1, cols);
		l->body = rect(2, 0, rows - 3, cols);
		walk_normal(l);
	}
}

bool layout_contains(const struct rect *r, int y, int x)
{
	return r->h > 0 && r->w > 0 && y >= r->y && y < r->y + r->h && x >= r->x && x < r->x + r->w;
}

int layout_scroll(int top, int cur, int height)
{
	if (height <= 0)
		return cur;
	if (cur < top)
		top = cur;
	if (cur >= top + height)
		top = cur - height + 1;
	return top < 0 ? 0 : top;
}
