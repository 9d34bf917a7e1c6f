/* The notes editor: an overlay over the main pane for the current question's discussion
 * notes. Multi-line, UTF-8, and saved as it is typed (a paste costs one save), so closing it
 * is never a decision about keeping the text. */
#include <stdio.h>
#include <string.h>

#include "model/answer.h"
#include "ui/app.h"
#include "ui/draw.h"
#include "ui/textbuf.h"
#include "ui/textedit.h"
#include "ui/view.h"
#include "util/clock.h"

struct notes {
	struct textbuf tb;
	size_t q;   /* the question whose notes these are */
	int top;    /* first wrapped row shown */
	int cy, cx; /* cursor on screen, kept by draw() */
};

static void open_notes(struct view *v)
{
	struct notes *n = v->priv;
	struct app *a = v->app;
	const struct answer *ans = review_find(a->ses.rv, a->qs->questions[a->cur_q].id);

	n->q = a->cur_q;
	textbuf_init(&n->tb, ans ? ans->notes : NULL, false);
}

static void close_notes(struct view *v)
{
	struct notes *n = v->priv;

	textbuf_free(&n->tb);
}

static struct rect area(const struct view *v)
{
	const struct layout *l = &v->app->lay;

	return l->main.h > 0 ? l->main : l->body;
}

/* Text area inside the box; the last column stays free for the cursor at a line's end. */
static struct rect inner(const struct view *v)
{
	struct rect r = area(v), in = { r.y + 1, r.x + 1, r.h - 3, r.w - 2 };

	return in;
}

static void draw(struct view *v)
{
	struct notes *n = v->priv;
	struct app *a = v->app;
	struct rect r = area(v), in = inner(v);
	struct rect foot = { r.y + r.h - 2, r.x + 1, 1, r.w - 2 };
	char title[128];
	int row, col;

	textbuf_locate(&n->tb, in.w - 1, &row, &col);
	n->top = layout_scroll(n->top, row, in.h);
	snprintf(title, sizeof(title), "Notes · %s", a->qs->questions[n->q].id);
	draw_clear(&r, EL_NORMAL);
	draw_box(&r, EL_PANE_TITLE_FOCUS, title);
	{
		struct rect text = in;
		text.w = in.w - 1;
		draw_wrapped(&text, 0, 0, n->top, EL_NORMAL, n->tb.s);
	}
	draw_pieces(&foot, 0, 0, -1, EL_DIM,
	            "Saved as you type · Esc closes · Ctrl-K/Ctrl-U cut to the end/start of the "
	            "line",
	            " · ");
	n->cy = in.y + row - n->top;
	n->cx = in.x + col;
}

static int cursor(struct view *v, int *y, int *x)
{
	struct notes *n = v->priv;

	*y = n->cy;
	*x = n->cx;
	return 0;
}

static int changed(struct view *v)
{
	struct notes *n = v->priv;
	struct app *a = v->app;
	struct answer *ans = review_get(a->ses.rv, a->qs->questions[n->q].id);

	answer_set_notes(ans, n->tb.s);
	answer_touch(a->ses.rv, ans, clock_now());
	/* Typing is one step, however many keys. */
	app_did(a, true, "Notes on %s edited", ans->question);
	return UI_SAVE | UI_REDRAW;
}

static int key(struct view *v, enum action act, int k)
{
	struct notes *n = v->priv;

	if (act == ACT_DONE)
		return UI_CLOSE;
	switch (textedit_key(&n->tb, act, k, inner(v).w - 1, inner(v).h - 1)) {
	case TEXTEDIT_CHANGED: return changed(v);
	case TEXTEDIT_SAME: return UI_REDRAW;
	default: return UI_NONE;
	}
}

const struct view_ops view_notes_ops = {
	.name = "notes",
	.title = "Notes",
	.hints = "Esc done (saved as you type)",
	.keymap = KM_EDIT,
	.private_size = sizeof(struct notes),
	.open = open_notes,
	.close = close_notes,
	.draw = draw,
	.key = key,
	.cursor = cursor,
};
