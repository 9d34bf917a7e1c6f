/* The availability calculator: components in series ('*') and in parallel ('|') as one
 * expression, recomputed as you type, with the downtime it allows per year, month, week and
 * day; MTBF and MTTR to availability; the tiers table; and the workload's own target and
 * composite. Logic in ui/calc.c and model/avail.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/avail.h"
#include "ui/app.h"
#include "ui/calc.h"
#include "ui/draw.h"
#include "ui/textbuf.h"
#include "ui/view.h"
#include "ui/wrap.h"

enum { LABEL_W = 13, ROW_FIELDS = 2 };

struct calc_view {
	struct textbuf tb[CALC_FIELDS];
	int cur;      /* the selected field */
	bool editing; /* typing into it (keymap KM_FIELD) */
	struct calc_out out;
};

static void recompute(struct calc_view *c)
{
	calc_compute(c->tb[CALC_EXPR].s, c->tb[CALC_MTBF].s, c->tb[CALC_MTTR].s, &c->out);
}

static void open_calc(struct view *v)
{
	struct calc_view *c = v->priv;

	/* The guide's worked example, so the screen shows what it does from the start. */
	textbuf_init(&c->tb[CALC_EXPR], "0.9999 * (0.999 | 0.999) * 0.9995", true);
	textbuf_init(&c->tb[CALC_MTBF], NULL, true);
	textbuf_init(&c->tb[CALC_MTTR], NULL, true);
	recompute(c);
}

static void close_calc(struct view *v)
{
	struct calc_view *c = v->priv;

	for (int i = 0; i < CALC_FIELDS; i++)
		textbuf_free(&c->tb[i]);
}

static int field_row(int f)
{
	return ROW_FIELDS + f * 2 + (f > CALC_EXPR ? 7 : 0);
}

static void draw_field(struct view *v, const struct rect *in, int f)
{
	struct calc_view *c = v->priv;
	int y = field_row(f);
	bool sel = f == c->cur;
	enum color_el el = sel ? (c->editing ? EL_INPUT : EL_CURSOR) : EL_NORMAL;
	const struct textbuf *tb = &c->tb[f];

	draw_text(in, y, 0, sel ? EL_HEADING : EL_NORMAL, calc_label((enum calc_field)f));
	draw_fill(in, y, LABEL_W, in->w - LABEL_W, el);
	draw_textn(in, y, LABEL_W + 1, in->w - LABEL_W - 2, el, tb->s, tb->len);
}

static void draw(struct view *v)
{
	struct calc_view *c = v->priv;
	struct app *a = v->app;
	const struct rect *b = &a->lay.body;
	int w = b->w - 4 > 100 ? 100 : b->w - 4;
	struct rect in = { b->y, b->x + 2, b->h, w };
	static const char *const per[4] = { "year", "month", "week", "day" };
	const struct calc_out *o = &c->out;
	int y;

	draw_clear(b, EL_NORMAL);
	draw_text(&in, 0, 0, EL_HEADING, "Availability calculator");
	draw_text_right(&in, 0, EL_DIM, "'*' in series, '|' in parallel, ( ), 99.95% or 0.9995");
	draw_field(v, &in, CALC_EXPR);
	y = field_row(CALC_EXPR) + 1;
	if (o->expr_ok) {
		int x = draw_text(&in, y, LABEL_W + 1, EL_OK, o->figure);
		if (o->tier >= 0)
			draw_printf(&in, y, LABEL_W + 2 + x, EL_DIM, "at least %s (%s)",
			            avail_tiers[o->tier].label, avail_tiers[o->tier].nines);
		for (int i = 0; i < 4; i++)
			draw_printf(&in, y + 1 + i, LABEL_W + 1, EL_NORMAL, "down %-10s per %s",
			            o->down[i], per[i]);
	} else if (o->error[0]) {
		if (o->error_col > 0)
			draw_text(&in, y, LABEL_W + o->error_col, EL_ERROR, "^");
		draw_wrapped(&(struct rect){ in.y, in.x + LABEL_W + 1, in.h, in.w - LABEL_W - 1 },
		             y + 1, 0, 0, EL_ERROR, o->error);
	}
	draw_field(v, &in, CALC_MTBF);
	draw_field(v, &in, CALC_MTTR);
	y = field_row(CALC_MTTR) + 1;
	if (o->mtbf_ok)
		draw_printf(&in, y, LABEL_W + 1, EL_OK, "MTBF / (MTBF + MTTR) = %s",
		            o->mtbf_figure);
	else if (o->mtbf_error[0])
		draw_text(&in, y, LABEL_W + 1, EL_ERROR, o->mtbf_error);
	else
		draw_text(&in, y, LABEL_W + 1, EL_DIM, "durations such as 30d and 45m");
	y += 2;
	if (a->ses.rv && a->ses.rv->wl.availability > 0) {
		char t[32];
		avail_format(a->ses.rv->wl.availability / 100, t, sizeof(t));
		draw_printf(&in, y++, 0, EL_NORMAL, "The workload's target: %s%s", t,
		            o->expr_ok
		                    ? (o->availability + 1e-12 >= a->ses.rv->wl.availability / 100
		                               ? " — the expression meets it"
		                               : " — the expression falls short of it")
		                    : "");
	}
	draw_text(&in, ++y, 0, EL_HEADING, "Tiers");
	for (size_t i = 0; i < avail_n_tiers && y + 1 < in.h; i++) {
		struct avail_downtime d;
		char yr[32];
		avail_downtime(avail_tiers[i].availability, &d);
		avail_format_duration(d.per_year, yr, sizeof(yr));
		draw_printf(&in, ++y, 0, (int)i == o->tier ? EL_CHECK : EL_DIM,
		            "%-8s %-24s %s a year", avail_tiers[i].label, avail_tiers[i].nines, yr);
	}
}

static int edit_key(struct view *v, enum action act, int k)
{
	struct calc_view *c = v->priv;
	struct textbuf *tb = &c->tb[c->cur];

	switch (act) {
	case ACT_CHAR: textbuf_insert_cp(tb, (uint32_t)k); break;
	case ACT_BACKSPACE: textbuf_backspace(tb); break;
	case ACT_DELETE: textbuf_delete(tb); break;
	case ACT_CURSOR_LEFT: textbuf_left(tb); break;
	case ACT_CURSOR_RIGHT: textbuf_right(tb); break;
	case ACT_LINE_START: textbuf_line_start(tb); break;
	case ACT_LINE_END: textbuf_line_end(tb); break;
	case ACT_KILL_END: textbuf_kill_end(tb); break;
	case ACT_KILL_START: textbuf_kill_start(tb); break;
	case ACT_ACCEPT:
	case ACT_CANCEL:
		c->editing = false;
		v->keymap = KM_CALC;
		return UI_REDRAW;
	case ACT_ACCEPT_NEXT:
	case ACT_ACCEPT_PREV:
		c->cur = (c->cur + (act == ACT_ACCEPT_NEXT ? 1 : CALC_FIELDS - 1)) % CALC_FIELDS;
		textbuf_line_end(&c->tb[c->cur]);
		return UI_REDRAW;
	case ACT_HELP: return UI_UNHANDLED;
	default: return UI_NONE;
	}
	/* Nothing is saved: the calculator is scratch work beside the review. */
	recompute(c);
	return UI_REDRAW;
}

static int key(struct view *v, enum action act, int k)
{
	struct calc_view *c = v->priv;

	if (c->editing)
		return edit_key(v, act, k);
	switch (act) {
	case ACT_UP: c->cur = c->cur > 0 ? c->cur - 1 : 0; return UI_REDRAW;
	case ACT_DOWN: c->cur = c->cur < CALC_FIELDS - 1 ? c->cur + 1 : c->cur; return UI_REDRAW;
	case ACT_ENTER:
		c->editing = true;
		v->keymap = KM_FIELD;
		textbuf_line_end(&c->tb[c->cur]);
		return UI_REDRAW;
	case ACT_CLEAR:
		textbuf_set(&c->tb[c->cur], "");
		c->editing = true;
		v->keymap = KM_FIELD;
		recompute(c);
		return UI_REDRAW;
	default: return UI_UNHANDLED;
	}
}

static int cursor(struct view *v, int *y, int *x)
{
	struct calc_view *c = v->priv;
	const struct rect *b = &v->app->lay.body;
	const struct textbuf *tb = &c->tb[c->cur];

	if (!c->editing)
		return -1;
	*y = b->y + field_row(c->cur);
	*x = b->x + 2 + LABEL_W + 1 + wrap_width(tb->s, tb->cur);
	return 0;
}

const struct view_ops view_calc_ops = {
	.name = "availability",
	.title = "Availability",
	.hints = "Enter edit the field  c clear it  j/k field  Esc done  ? help",
	.keymap = KM_CALC,
	.private_size = sizeof(struct calc_view),
	.open = open_calc,
	.close = close_calc,
	.draw = draw,
	.key = key,
	.cursor = cursor,
};
