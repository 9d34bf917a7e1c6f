/* The pre-review checklist: what to have at hand before the review, ticked as it is ready
 * and saved in the review file at once. */
#include "model/checklist.h"
#include "ui/app.h"
#include "ui/draw.h"
#include "ui/view.h"

struct checklist_view {
	int cur;
	int top; /* first item shown, kept by draw() for clicks */
};

/* Rows per item: its title, its hint, a gap. */
enum { ITEM_ROWS = 3, TOP = 3 };

static void draw(struct view *v)
{
	struct checklist_view *c = v->priv;
	const struct review *rv = v->app->ses.rv;
	const struct rect *b = &v->app->lay.body;
	struct rect in = {b->y, b->x + 2, b->h, b->w - 4};
	int rows = (in.h - TOP) / ITEM_ROWS, top;

	top = c->top = layout_scroll(c->top, c->cur, rows);
	draw_clear(b, EL_NORMAL);
	draw_text(&in, 1, 0, EL_HEADING, "Before the review: is everything at hand?");
	draw_printf(&in, 1, 44, EL_DIM, "%zu of %d ready", checklist_count_done(rv),
	            CHECKLIST_COUNT);
	for (int i = top; i < CHECKLIST_COUNT && (i - top) < rows; i++) {
		int y = TOP + (i - top) * ITEM_ROWS;
		bool done = checklist_done(rv, (size_t)i);
		enum color_el el = i == c->cur ? EL_CURSOR : EL_NORMAL;

		if (i == c->cur)
			draw_fill(&in, y, 0, -1, EL_CURSOR);
		draw_text(&in, y, 1,
		          i == c->cur ? EL_CURSOR
		          : done      ? EL_CHECK
		                      : EL_NORMAL,
		          done ? "[x]" : "[ ]");
		draw_text(&in, y, 5, el, checklist_items[i].title);
		draw_text(&in, y + 1, 5, EL_DIM, checklist_items[i].hint);
	}
}

static int key(struct view *v, enum action act, int k)
{
	struct checklist_view *c = v->priv;
	struct app *a = v->app;
	const struct rect *b = &a->lay.body;

	(void)k;
	switch (act) {
	case ACT_UP: c->cur = c->cur > 0 ? c->cur - 1 : 0; return UI_REDRAW;
	case ACT_DOWN:
		c->cur = c->cur < CHECKLIST_COUNT - 1 ? c->cur + 1 : CHECKLIST_COUNT - 1;
		return UI_REDRAW;
	case ACT_HOME: c->cur = 0; return UI_REDRAW;
	case ACT_END: c->cur = CHECKLIST_COUNT - 1; return UI_REDRAW;
	case ACT_CLICK: {
		int row = a->mouse_y - b->y - TOP;
		if (row < 0 || c->top + row / ITEM_ROWS >= CHECKLIST_COUNT)
			return UI_NONE;
		c->cur = c->top + row / ITEM_ROWS;
		return UI_REDRAW;
	}
	case ACT_TOGGLE:
	case ACT_ENTER:
		if (checklist_set(a->ses.rv, (size_t)c->cur,
		                  !checklist_done(a->ses.rv, (size_t)c->cur))) {
			app_error(a,
			          "The review file's checklist section is in a form this version "
			          "does not know; it is left as it is");
			return UI_REDRAW;
		}
		return UI_SAVE | UI_REDRAW;
	default: return UI_UNHANDLED;
	}
}

const struct view_ops view_checklist_ops = {
        .name = "checklist",
        .title = "Checklist",
        .hints = "Space tick  j/k move  4 questions  ? help  q quit",
        .keymap = KM_CHECKLIST,
        .private_size = sizeof(struct checklist_view),
        .draw = draw,
        .key = key,
};
