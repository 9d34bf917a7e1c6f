/* The workload definition: a form over every workload value of the review, checked as it
 * is typed with the same validators the loader uses. Enter or Tab opens a field; once open,
 * the form keeps every key (Tab and Shift-Tab go on to the next or previous field, still
 * editing) until Enter or Esc. A value is saved when accepted; a refused value keeps the
 * field open with the reason under it. Fields with fixed values are chosen with Space,
 * Left/Right or by typing their first letters. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/app.h"
#include "ui/draw.h"
#include "ui/form.h"
#include "ui/textbuf.h"
#include "ui/textedit.h"
#include "ui/view.h"
#include "ui/wrap.h"
#include "util/xalloc.h"

struct workload_view {
	int cur; /* focused field */
	bool editing;
	struct textbuf tb; /* the value being typed or chosen */
	char typed[32];    /* letters typed to choose a value, while choosing */
	char msg[256];     /* what form_check says about it */
	bool ok;
	int cy, cx; /* where the cursor goes while typing, kept by draw() */
};

enum { LABEL_W = 22, TOP = 3 };

static void open_form(struct view *v)
{
	struct workload_view *w = v->priv;

	textbuf_init(&w->tb, NULL, true);
}

static void close_form(struct view *v)
{
	struct workload_view *w = v->priv;

	textbuf_free(&w->tb);
}

static struct workload *wl_of(struct view *v)
{
	return &v->app->ses.rv->wl;
}

static const struct form_info *info_of(const struct workload_view *w)
{
	return form_info((enum form_field)w->cur);
}

static void check(struct workload_view *w)
{
	w->ok = form_check((enum form_field)w->cur, w->tb.s, w->msg, sizeof(w->msg));
}

/* The focused field while it is open. */
static void draw_open(struct workload_view *w, const struct rect *val, int y)
{
	draw_fill(val, y, 0, -1, EL_INPUT);
	if (info_of(w)->choices) {
		int x = draw_text(val, y, 0, EL_INPUT, "◂ ");
		x += draw_text(val, y, x, EL_INPUT, *w->tb.s ? w->tb.s : "(not set)");
		draw_text(val, y, x, EL_INPUT, " ▸");
		return;
	}
	{
		/* Long values scroll sideways so the cursor stays in view. */
		size_t skip = wrap_scroll(w->tb.s, w->tb.cur, val->w - 1);
		draw_textn(val, y, 0, -1, EL_INPUT, w->tb.s + skip, w->tb.len - skip);
		w->cy = val->y + y;
		w->cx = val->x + wrap_width(w->tb.s + skip, w->tb.cur - skip);
	}
}

/* A field at rest: its value on one line, "…" where it goes on (the whole value is shown
 * under the form while the field is focused). */
static void draw_value(struct view *v, const struct rect *val, int y, int f, bool focus)
{
	const struct form_info *info = form_info((enum form_field)f);
	char *text = form_get(wl_of(v), (enum form_field)f);
	char *nl = strchr(text, '\n');
	enum color_el el = focus ? EL_CURSOR_DIM : EL_NORMAL;
	int room = val->w - (info->choices && focus ? 11 : 0);

	if (nl)
		*nl = '\0';
	if (focus)
		draw_fill(val, y, 0, -1, EL_CURSOR_DIM);
	if (!*text)
		draw_text(val, y, 0, EL_DIM, info->required ? "(required)" : "(not set)");
	else if (nl) /* more lines: say so */
		draw_text(val, y, draw_text_fit(val, y, 0, room - 2, el, text), el, " …");
	else
		draw_text_fit(val, y, 0, room, el, text);
	if (info->choices && focus)
		draw_text_right(val, y, EL_DIM, " ◂ Space ▸ ");
	free(text);
}

static void draw(struct view *v)
{
	struct workload_view *w = v->priv;
	const struct rect *b = &v->app->lay.body;
	struct rect in = { b->y, b->x + 2, b->h, b->w - 4 };
	struct rect val = { b->y, b->x + 2 + LABEL_W, b->h, b->w - 4 - LABEL_W };
	const struct form_info *info = info_of(w);
	int y = TOP;

	draw_clear(b, EL_NORMAL);
	draw_text(&in, 1, 0, EL_HEADING, "The workload under review");
	w->cy = -1;
	for (int f = 0; f < FF_COUNT; f++, y++) {
		bool focus = f == w->cur;

		draw_textn(&in, y, 0, LABEL_W - 1, focus ? EL_CURSOR : EL_NORMAL,
		           form_info((enum form_field)f)->label,
		           strlen(form_info((enum form_field)f)->label));
		if (focus && w->editing)
			draw_open(w, &val, y);
		else
			draw_value(v, &val, y, f, focus);
	}
	y++;
	if (w->editing) {
		y += draw_wrapped(&in, y, 0, 0, w->ok ? EL_OK : EL_ERROR, w->msg[0] ? w->msg : "✓");
	} else if (!info->choices) {
		/* The whole value, when the line above cannot show it all. */
		char *text = form_get(wl_of(v), (enum form_field)w->cur);
		if (wrap_width(text, strlen(text)) > val.w || strchr(text, '\n'))
			y += draw_wrapped(&in, y, 0, 0, EL_NORMAL, text) + 1;
		free(text);
	}
	draw_wrapped(&in, y, 0, 0, EL_DIM, info->hint);
}

static int cursor(struct view *v, int *y, int *x)
{
	struct workload_view *w = v->priv;

	if (!w->editing || w->cy < 0)
		return -1;
	*y = w->cy;
	*x = w->cx;
	return 0;
}

static const char *hint(struct view *v)
{
	struct workload_view *w = v->priv;

	if (!w->editing)
		return NULL;
	return info_of(w)->choices ? "Space/Left/Right or letters choose  Enter accept  Tab next "
	                             "field  Esc cancel"
	                           : "Enter accept  Tab next field  Shift-Tab previous  Esc cancel";
}

static void begin_edit(struct view *v)
{
	struct workload_view *w = v->priv;
	char *text = form_get(wl_of(v), (enum form_field)w->cur);

	textbuf_set(&w->tb, text);
	free(text);
	w->typed[0] = '\0';
	w->editing = true;
	v->keymap = info_of(w)->choices ? KM_CHOICE : KM_FIELD;
	check(w);
}

static void end_edit(struct view *v)
{
	struct workload_view *w = v->priv;

	w->editing = false;
	v->keymap = KM_WORKLOAD;
}

/* Stores the value being edited; with move, opens the next (1) or previous (-1) field.
 * Returns UI_* flags; a refused value keeps the field open. */
static int accept(struct view *v, int move)
{
	struct workload_view *w = v->priv;
	struct app *a = v->app;
	char *before = form_get(wl_of(v), (enum form_field)w->cur);
	int r = UI_REDRAW;

	check(w);
	if (!w->ok) {
		app_error(a, "Not saved: %s", w->msg);
		free(before);
		return UI_REDRAW;
	}
	form_set(wl_of(v), (enum form_field)w->cur, w->tb.s);
	{
		char *after = form_get(wl_of(v), (enum form_field)w->cur);
		if (strcmp(before, after) != 0) {
			r |= UI_SAVE;
			app_did(a, false, "%s saved", info_of(w)->label);
		}
		free(after);
	}
	free(before);
	end_edit(v);
	if (move) {
		w->cur = (w->cur + FF_COUNT + move) % FF_COUNT;
		begin_edit(v);
	}
	return r;
}

/* Space or Left/Right on a field at rest: the next value, saved at once. */
static int cycle(struct view *v, int dir)
{
	struct workload_view *w = v->priv;
	char *cur = form_get(wl_of(v), (enum form_field)w->cur);
	const char *next = form_cycle((enum form_field)w->cur, cur, dir);

	free(cur);
	if (!next)
		return UI_NONE;
	form_set(wl_of(v), (enum form_field)w->cur, next);
	app_did(v->app, false, "%s: %s", info_of(w)->label, *next ? next : "not set");
	return UI_SAVE | UI_REDRAW;
}

/* A letter while choosing: the first value starting with the letters typed so far, or
 * with this one alone when none does. */
static void choose_typed(struct workload_view *w, int k)
{
	size_t n = strlen(w->typed);
	const char *pick;

	if (k >= 0x80)
		return; /* every choice is ASCII */
	if (n + 1 < sizeof(w->typed)) {
		w->typed[n] = (char)k;
		w->typed[n + 1] = '\0';
	}
	pick = form_choose((enum form_field)w->cur, w->typed);
	if (!pick) {
		w->typed[0] = (char)k;
		w->typed[1] = '\0';
		pick = form_choose((enum form_field)w->cur, w->typed);
	}
	if (pick)
		textbuf_set(&w->tb, pick);
}

static int edit_key(struct view *v, enum action act, int k)
{
	struct workload_view *w = v->priv;

	switch (act) {
	case ACT_ACCEPT: return accept(v, 0);
	case ACT_ACCEPT_NEXT: return accept(v, 1);
	case ACT_ACCEPT_PREV: return accept(v, -1);
	case ACT_CANCEL: end_edit(v); return UI_REDRAW;
	case ACT_HELP: return UI_UNHANDLED;
	case ACT_CHOICE_NEXT:
	case ACT_CHOICE_PREV:
		textbuf_set(&w->tb, form_cycle((enum form_field)w->cur, w->tb.s,
		                               act == ACT_CHOICE_NEXT ? 1 : -1));
		w->typed[0] = '\0';
		break;
	case ACT_CHOOSE_TYPED: choose_typed(w, k); break;
	case ACT_CLEAR:
		textbuf_set(&w->tb, "");
		w->typed[0] = '\0';
		break;
	default:
		if (textedit_key(&w->tb, act, k, 0, 0) == TEXTEDIT_NOT_MINE)
			return UI_NONE;
	}
	check(w);
	return UI_REDRAW;
}

static int key(struct view *v, enum action act, int k)
{
	struct workload_view *w = v->priv;
	struct app *a = v->app;
	bool choice = info_of(w)->choices != NULL;

	if (w->editing)
		return edit_key(v, act, k);
	switch (act) {
	case ACT_UP: w->cur = w->cur > 0 ? w->cur - 1 : 0; return UI_REDRAW;
	case ACT_DOWN: w->cur = w->cur < FF_COUNT - 1 ? w->cur + 1 : FF_COUNT - 1; return UI_REDRAW;
	case ACT_FIELD_NEXT:
	case ACT_FIELD_PREV:
		/* Tab goes into the next field, as in any form, so what is typed next is its
		 * value, never a key of the screen. */
		w->cur = (w->cur + FF_COUNT + (act == ACT_FIELD_NEXT ? 1 : -1)) % FF_COUNT;
		begin_edit(v);
		return UI_REDRAW;
	case ACT_HOME: w->cur = 0; return UI_REDRAW;
	case ACT_END: w->cur = FF_COUNT - 1; return UI_REDRAW;
	case ACT_CHOICE_NEXT:
		if (choice)
			return cycle(v, 1);
		begin_edit(v); /* Space on a text field: start typing */
		return UI_REDRAW;
	case ACT_CHOICE_PREV: return choice ? cycle(v, -1) : UI_NONE;
	case ACT_ENTER: begin_edit(v); return UI_REDRAW;
	case ACT_COMPONENTS: return app_overlay(a, VIEW_COMPONENTS);
	case ACT_CLEAR:
		if (info_of(w)->required) {
			app_error(a, "%s is required", info_of(w)->label);
			return UI_REDRAW;
		}
		form_set(wl_of(v), (enum form_field)w->cur, "");
		app_did(a, false, "%s cleared", info_of(w)->label);
		return UI_SAVE | UI_REDRAW;
	case ACT_CLICK: {
		int row = a->mouse_y - a->lay.body.y - TOP;
		if (row < 0 || row >= FF_COUNT)
			return UI_NONE;
		w->cur = row;
		return UI_REDRAW;
	}
	default: return UI_UNHANDLED;
	}
}

const struct view_ops view_workload_ops = {
	.name = "workload",
	.title = "Workload",
	.hints = "Enter edit  Tab next field  Space choose  Del clear  c components  4 questions",
	.keymap = KM_WORKLOAD,
	.private_size = sizeof(struct workload_view),
	.open = open_form,
	.close = close_form,
	.draw = draw,
	.key = key,
	.hint = hint,
	.cursor = cursor,
};
