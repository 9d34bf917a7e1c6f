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
#include "ui/textedit.h"
#include "ui/view.h"
#include "ui/wrap.h"

enum { LABEL_W = 13 };

struct calc_view {
	struct textbuf tb[CALC_FIELDS];
	int cur;      /* the selected field */
	bool editing; /* typing into it (keymap KM_FIELD) */
	struct calc_out out;
	int field_y[CALC_FIELDS]; /* each field's body row, kept by draw() for the cursor */
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

static void draw_field(struct view *v, const struct rect *in, int f, int y)
{
	struct calc_view *c = v->priv;
	bool sel = f == c->cur;
	enum color_el el = sel ? (c->editing ? EL_INPUT : EL_CURSOR) : EL_NORMAL;
	const struct textbuf *tb = &c->tb[f];
	int room = in->w - LABEL_W - 2;
	size_t skip = sel && c->editing ? wrap_scroll(tb->s, tb->cur, room) : 0;

	c->field_y[f] = y;
	draw_text(in, y, 0, sel ? EL_HEADING : EL_NORMAL, calc_label((enum calc_field)f));
	draw_fill(in, y, LABEL_W, in->w - LABEL_W, el);
	draw_textn(in, y, LABEL_W + 1, room, el, tb->s + skip, tb->len - skip);
}

/* The expression's field and what it gives. Returns the next free row. */
static int draw_expr(struct view *v, const struct rect *in, int y)
{
	struct calc_view *c = v->priv;
	const struct calc_out *o = &c->out;
	struct rect res = { in->y, in->x + LABEL_W + 1, in->h, in->w - LABEL_W - 1 };
	char buf[256];

	draw_field(v, in, CALC_EXPR, y++);
	if (o->expr_ok) {
		int x = draw_text(&res, y, 0, EL_OK, o->figure);
		if (o->tier >= 0)
			draw_printf(&res, y, x + 1, EL_DIM, "at least %s (%s)",
			            avail_tiers[o->tier].label, avail_tiers[o->tier].nines);
		y++;
		snprintf(buf, sizeof(buf), "down %s a year · %s a month", o->down[0], o->down[1]);
		y += draw_wrapped(&res, y, 0, 0, EL_NORMAL, buf);
		snprintf(buf, sizeof(buf), "     %s a week · %s a day", o->down[2], o->down[3]);
		y += draw_wrapped(&res, y, 0, 0, EL_NORMAL, buf);
	} else if (o->error[0]) {
		if (o->error_col > 0)
			draw_text(in, y, LABEL_W + o->error_col, EL_ERROR, "^");
		y += 1 + draw_wrapped(&res, y + 1, 0, 0, EL_ERROR, o->error);
	}
	return y;
}

static void draw(struct view *v)
{
	struct calc_view *c = v->priv;
	struct app *a = v->app;
	const struct rect *b = &a->lay.body;
	int w = b->w - 4 > 100 ? 100 : b->w - 4;
	struct rect in = { b->y, b->x + 2, b->h, w };
	struct rect res = { in.y, in.x + LABEL_W + 1, in.h, in.w - LABEL_W - 1 };
	const struct calc_out *o = &c->out;
	int y = 0;

	draw_clear(b, EL_NORMAL);
	draw_text(&in, y++, 0, EL_HEADING, "Availability calculator");
	y += draw_wrapped(&in, y, 0, 0, EL_DIM,
	                  "'*' in series, '|' in parallel, ( ) to group; 99.95% or 0.9995 "
	                  "each.") +
	     1;
	y = draw_expr(v, &in, y) + 1;
	draw_field(v, &in, CALC_MTBF, y++);
	draw_field(v, &in, CALC_MTTR, y++);
	if (o->mtbf_ok)
		draw_printf(&res, y, 0, EL_OK, "MTBF / (MTBF + MTTR) = %s", o->mtbf_figure);
	else if (o->mtbf_error[0])
		draw_wrapped(&res, y, 0, 0, EL_ERROR, o->mtbf_error);
	else
		draw_text(&res, y, 0, EL_DIM, "durations such as 30d and 45m");
	y += 2;
	if (a->ses.rv && a->ses.rv->wl.availability > 0) {
		char t[32], line[256];
		avail_format(a->ses.rv->wl.availability / 100, t, sizeof(t));
		snprintf(line, sizeof(line), "The workload's target: %s%s", t,
		         !o->expr_ok ? ""
		         : o->availability + 1e-12 >= a->ses.rv->wl.availability / 100
		                 ? " — the expression meets it"
		                 : " — the expression falls short of it");
		y += draw_wrapped(&in, y, 0, 0, EL_NORMAL, line) + 1;
	}
	draw_text(&in, y, 0, EL_HEADING, "Tiers");
	for (size_t i = 0; i < avail_n_tiers; i++) {
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

	switch (act) {
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
	default:
		if (textedit_key(&c->tb[c->cur], act, k, 0, 0) == TEXTEDIT_NOT_MINE)
			return UI_NONE;
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
	case ACT_FIELD_NEXT:
	case ACT_FIELD_PREV:
	case ACT_ENTER:
		/* Tab goes into the next field, as in the workload form. */
		if (act != ACT_ENTER)
			c->cur = (c->cur + (act == ACT_FIELD_NEXT ? 1 : CALC_FIELDS - 1)) %
			         CALC_FIELDS;
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
	size_t skip = wrap_scroll(tb->s, tb->cur, (b->w - 4 > 100 ? 100 : b->w - 4) - LABEL_W - 2);

	if (!c->editing)
		return -1;
	*y = b->y + c->field_y[c->cur];
	*x = b->x + 2 + LABEL_W + 1 + wrap_width(tb->s + skip, tb->cur - skip);
	return 0;
}

static const char *hint(struct view *v)
{
	const struct calc_view *c = v->priv;

	return c->editing ? "Tab next field  Shift-Tab previous  Enter or Esc done" : NULL;
}

const struct view_ops view_calc_ops = {
	.name = "availability",
	.title = "Availability",
	.hints = "Enter edit the field  j/k another field  c clear it",
	.keymap = KM_CALC,
	.private_size = sizeof(struct calc_view),
	.open = open_calc,
	.close = close_calc,
	.draw = draw,
	.key = key,
	.hint = hint,
	.cursor = cursor,
};
