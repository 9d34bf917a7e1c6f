/* The pre-review checklist: what to have at hand before the review, ticked as it is ready
 * and saved in the review file at once. */
#include "model/checklist.h"
#include "ui/app.h"
#include "ui/draw.h"
#include "ui/view.h"

struct checklist_view {
	int cur;
};

/* One row per item from TOP; the focused item's explanation below the list. */
enum { TOP = 3 };

static void draw(struct view *v)
{
	struct checklist_view *c = v->priv;
	const struct review *rv = v->app->ses.rv;
	const struct rect *b = &v->app->lay.body;
	struct rect in = { b->y, b->x + 2, b->h, b->w - 4 };
	int y;

	draw_clear(b, EL_NORMAL);
	draw_text(&in, 1, 0, EL_HEADING, "Before the review: is everything at hand?");
	draw_printf(&in, 1, 44, EL_DIM, "%zu of %d ready", checklist_count_done(rv),
	            CHECKLIST_COUNT);
	for (int i = 0; i < CHECKLIST_COUNT; i++) {
		bool done = checklist_done(rv, (size_t)i);
		enum color_el el = i == c->cur ? EL_CURSOR : EL_NORMAL;

		y = TOP + i;
		if (i == c->cur)
			draw_fill(&in, y, 0, -1, EL_CURSOR);
		draw_text(&in, y, 1,
		          i == c->cur ? EL_CURSOR
		          : done      ? EL_CHECK
		                      : EL_NORMAL,
		          done ? "[x]" : "[ ]");
		draw_text(&in, y, 5, el, checklist_items[i].title);
	}
	y = TOP + CHECKLIST_COUNT + 1;
	y += draw_wrapped(&in, y, 1, 0, EL_NORMAL, checklist_items[c->cur].hint) + 1;
	draw_wrapped(&in, y, 1, 0, EL_DIM,
	             "Ticks are saved in the review file, so the whole team sees what is "
	             "ready. Then 4 starts the questions.");
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
		if (row < 0 || row >= CHECKLIST_COUNT)
			return UI_NONE;
		c->cur = row;
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
		app_did(a, false, "Checklist: %s %s", checklist_items[c->cur].title,
		        checklist_done(a->ses.rv, (size_t)c->cur) ? "ready" : "not ready");
		return UI_SAVE | UI_REDRAW;
	default: return UI_UNHANDLED;
	}
}

const struct view_ops view_checklist_ops = {
	.name = "checklist",
	.title = "Checklist",
	.hints = "Space tick  j/k move  4 questions",
	.keymap = KM_CHECKLIST,
	.private_size = sizeof(struct checklist_view),
	.draw = draw,
	.key = key,
};
