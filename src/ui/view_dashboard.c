/* The risk dashboard: per area and overall, how many questions are answered and at which
 * risk, as bars a room can read; Enter takes the walk to the selected area. */
#include <stdio.h>
#include <string.h>

#include "model/risk.h"
#include "ui/app.h"
#include "ui/draw.h"
#include "ui/view.h"
#include "ui/walk.h"

struct dashboard {
	int cur; /* area index */
};

enum { ROW_OVERALL = 1, ROW_AREAS = 5, AREA_ROWS = 3, LABEL_W = 28 };

/* Segments in the bar, with their glyph so they differ without colour too. */
static const struct {
	enum color_el el;
	const char *glyph;
	const char *label;
} seg[] = {
	{ EL_BAR_HIGH, "█", "high" },        { EL_BAR_MEDIUM, "▓", "medium" },
	{ EL_BAR_NONE, "▒", "no risk" },     { EL_BAR_NA, "░", "not applicable" },
	{ EL_BAR_EMPTY, "·", "unanswered" },
};

static void bar(const struct rect *r, int y, int x, int w, const struct risk_counts *c)
{
	size_t counts[5] = { c->high, c->medium, c->none, c->not_applicable,
		             c->total - c->answered };
	int used = 0;
	size_t acc = 0;

	if (c->total == 0)
		return;
	for (int s = 0; s < 5; s++) {
		/* Cumulative rounding, so the segments always add up to w. */
		int end;
		acc += counts[s];
		end = (int)((acc * (size_t)w + c->total / 2) / c->total);
		for (; used < end; used++)
			draw_text(r, y, x + used, seg[s].el, seg[s].glyph);
	}
}

static void counts_text(const struct risk_counts *c, char *buf, size_t len)
{
	snprintf(buf, len, "%zu/%zu answered  %zu high  %zu medium  %zu N/A", c->answered, c->total,
	         c->high, c->medium, c->not_applicable);
}

static void draw(struct view *v)
{
	struct dashboard *d = v->priv;
	struct app *a = v->app;
	const struct qset *qs = a->qs;
	const struct rect *b = &a->lay.body;
	struct rect in = { b->y, b->x + 2, b->h, b->w - 4 };
	int bw = in.w - LABEL_W - 2, y, x;
	struct risk_counts c;
	char buf[160];

	if (bw > 60)
		bw = 60;
	draw_clear(b, EL_NORMAL);
	risk_count(qs, a->ses.rv, RISK_ALL_AREAS, &c);
	draw_text(&in, ROW_OVERALL, 0, EL_HEADING, "Overall");
	bar(&in, ROW_OVERALL, LABEL_W, bw, &c);
	counts_text(&c, buf, sizeof(buf));
	draw_text(&in, ROW_OVERALL + 1, LABEL_W, EL_NORMAL, buf);
	draw_text(&in, ROW_AREAS - 1, 0, EL_DIM, "By area (Enter opens the area's questions)");
	for (size_t i = 0; i < qs->n_areas; i++) {
		const struct area *ar = &qs->areas[i];
		enum color_el el = (int)i == d->cur ? EL_CURSOR : EL_AREA;

		y = ROW_AREAS + (int)i * AREA_ROWS;
		risk_count(qs, a->ses.rv, i, &c);
		if ((int)i == d->cur)
			draw_fill(&in, y, 0, LABEL_W - 1, EL_CURSOR);
		draw_textn(&in, y, 1, LABEL_W - 2, el, ar->title, strlen(ar->title));
		snprintf(buf, sizeof(buf), "%s–%s", qs->questions[ar->first].id,
		         qs->questions[ar->first + ar->count - 1].id);
		draw_text(&in, y + 1, 1, EL_DIM, buf);
		bar(&in, y, LABEL_W, bw, &c);
		counts_text(&c, buf, sizeof(buf));
		draw_text(&in, y + 1, LABEL_W, EL_NORMAL, buf);
	}
	y = ROW_AREAS + (int)qs->n_areas * AREA_ROWS;
	x = draw_text(&in, y, 0, EL_FLAG, "⚑ Flagged for follow-up: ");
	{
		int n = 0;
		for (size_t i = 0; i < qs->n_questions; i++) {
			const struct answer *ans = review_find(a->ses.rv, qs->questions[i].id);
			if (ans && ans->flagged)
				x += draw_printf(&in, y, x, EL_NORMAL, "%s%s", n++ ? ", " : "",
				                 qs->questions[i].id);
		}
		if (!n)
			draw_text(&in, y, x, EL_DIM, "none");
	}
	x = 0;
	for (int s = 0; s < 5; s++) {
		x += draw_text(&in, y + 2, x, seg[s].el, seg[s].glyph);
		x += draw_printf(&in, y + 2, x, EL_DIM, " %s   ", seg[s].label);
	}
}

static int open_area(struct app *a, size_t area)
{
	const struct area *ar = &a->qs->areas[area];
	size_t q = ar->first;

	/* The area's first unanswered question, else its first. */
	for (size_t i = ar->first; i < ar->first + ar->count; i++)
		if (!answer_is_answered(review_find(a->ses.rv, a->qs->questions[i].id))) {
			q = i;
			break;
		}
	app_set_question(a, q);
	return app_show(a, VIEW_WALK);
}

static int key(struct view *v, enum action act, int k)
{
	struct dashboard *d = v->priv;
	struct app *a = v->app;
	int n = (int)a->qs->n_areas;

	(void)k;
	switch (act) {
	case ACT_UP: d->cur = d->cur > 0 ? d->cur - 1 : 0; return UI_REDRAW;
	case ACT_DOWN: d->cur = d->cur < n - 1 ? d->cur + 1 : n - 1; return UI_REDRAW;
	case ACT_HOME: d->cur = 0; return UI_REDRAW;
	case ACT_END: d->cur = n - 1; return UI_REDRAW;
	case ACT_ENTER: return open_area(a, (size_t)d->cur);
	case ACT_CLICK: {
		int row = a->mouse_y - a->lay.body.y - ROW_AREAS;
		if (row < 0 || row / AREA_ROWS >= n)
			return UI_NONE;
		d->cur = row / AREA_ROWS;
		return UI_REDRAW;
	}
	default: return UI_UNHANDLED;
	}
}

const struct view_ops view_dashboard_ops = {
	.name = "dashboard",
	.title = "Risks",
	.hints = "Enter open area  j/k move  4 questions  6 roadmap",
	.keymap = KM_DASHBOARD,
	.private_size = sizeof(struct dashboard),
	.draw = draw,
	.key = key,
};
