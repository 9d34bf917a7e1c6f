/* The workload definition: a form over every workload value of the review, checked as it
 * is typed with the same validators the loader uses. A value is saved when accepted (Enter,
 * Tab, Up/Down); a refused value stays in the field with the reason under it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/app.h"
#include "ui/draw.h"
#include "ui/form.h"
#include "ui/textbuf.h"
#include "ui/view.h"
#include "ui/wrap.h"
#include "util/xalloc.h"

struct workload_view {
	int cur; /* focused field */
	bool editing;
	struct textbuf tb; /* the text being typed */
	char msg[256];     /* what form_check says about it */
	bool ok;
	int cy, cx; /* where the cursor goes while editing, kept by draw() */
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

static void check(struct workload_view *w)
{
	w->ok = form_check((enum form_field)w->cur, w->tb.s, w->msg, sizeof(w->msg));
}

static void draw(struct view *v)
{
	struct workload_view *w = v->priv;
	const struct rect *b = &v->app->lay.body;
	struct rect in = { b->y, b->x + 2, b->h, b->w - 4 };
	struct rect val = { b->y, b->x + 2 + LABEL_W, b->h, b->w - 4 - LABEL_W };
	int y = TOP;

	draw_clear(b, EL_NORMAL);
	draw_text(&in, 1, 0, EL_HEADING, "The workload under review");
	draw_text(&in, 1, 30, EL_DIM,
	          w->editing ? "Enter accepts, Esc cancels"
	                     : "Enter edits a field; Space cycles choices");
	w->cy = -1;
	for (int f = 0; f < FF_COUNT; f++, y++) {
		const struct form_info *info = form_info((enum form_field)f);
		bool focus = f == w->cur;

		draw_textn(&in, y, 0, LABEL_W - 1, focus ? EL_CURSOR : EL_NORMAL, info->label,
		           strlen(info->label));
		if (focus && w->editing) {
			/* Long values scroll sideways so the cursor stays in view. */
			size_t skip = wrap_scroll(w->tb.s, w->tb.cur, val.w - 1);
			draw_fill(&val, y, 0, -1, EL_INPUT);
			draw_textn(&val, y, 0, -1, EL_INPUT, w->tb.s + skip, w->tb.len - skip);
			w->cy = val.y + y;
			w->cx = val.x + wrap_width(w->tb.s + skip, w->tb.cur - skip);
		} else {
			char *text = form_get(wl_of(v), (enum form_field)f);
			char *nl = strchr(text, '\n');
			int x;
			if (nl)
				strcpy(nl, " …"); /* "…" is three bytes; "\n" plus what follows has
				                     room */
			if (focus)
				draw_fill(&val, y, 0, -1, EL_CURSOR_DIM);
			x = draw_text(&val, y, 0, focus ? EL_CURSOR_DIM : EL_NORMAL,
			              *text ? text : "");
			if (!*text)
				draw_text(&val, y, x, EL_DIM,
				          info->required ? "(required)" : "(not set)");
			if (info->choices && focus)
				draw_text_right(&val, y, EL_DIM, " ◂ Space ▸ ");
			free(text);
		}
	}
	y++;
	{
		const struct form_info *info = form_info((enum form_field)w->cur);
		if (w->editing && w->msg[0])
			y += draw_wrapped(&in, y, 0, 0, w->ok ? EL_OK : EL_ERROR, w->msg);
		else if (w->editing)
			y += draw_wrapped(&in, y, 0, 0, EL_OK, "✓");
		draw_wrapped(&in, y, 0, 0, EL_DIM, info->hint);
	}
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

static void begin_edit(struct view *v)
{
	struct workload_view *w = v->priv;
	char *text = form_get(wl_of(v), (enum form_field)w->cur);

	textbuf_set(&w->tb, text);
	free(text);
	w->editing = true;
	v->keymap = KM_FIELD;
	check(w);
}

static void end_edit(struct view *v)
{
	struct workload_view *w = v->priv;

	w->editing = false;
	v->keymap = KM_WORKLOAD;
}

/* Stores the typed value. Returns UI_* flags; a refused value keeps the field open. */
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
			app_message(a, "%s saved", form_info((enum form_field)w->cur)->label);
		}
		free(after);
	}
	free(before);
	end_edit(v);
	if (move)
		w->cur = (w->cur + FF_COUNT + move) % FF_COUNT;
	return r;
}

static int cycle(struct view *v, int dir)
{
	struct workload_view *w = v->priv;
	const char *next = form_cycle(wl_of(v), (enum form_field)w->cur, dir);

	if (!next)
		return UI_NONE;
	form_set(wl_of(v), (enum form_field)w->cur, next);
	return UI_SAVE | UI_REDRAW;
}

static int edit_key(struct view *v, enum action act, int k)
{
	struct workload_view *w = v->priv;
	struct textbuf *tb = &w->tb;

	switch (act) {
	case ACT_ACCEPT: return accept(v, 0);
	case ACT_ACCEPT_NEXT: return accept(v, 1);
	case ACT_ACCEPT_PREV: return accept(v, -1);
	case ACT_CANCEL: end_edit(v); return UI_REDRAW;
	case ACT_CHAR: textbuf_insert_cp(tb, (uint32_t)k); break;
	case ACT_BACKSPACE: textbuf_backspace(tb); break;
	case ACT_DELETE: textbuf_delete(tb); break;
	case ACT_CURSOR_LEFT: textbuf_left(tb); break;
	case ACT_CURSOR_RIGHT: textbuf_right(tb); break;
	case ACT_LINE_START: textbuf_line_start(tb); break;
	case ACT_LINE_END: textbuf_line_end(tb); break;
	case ACT_KILL_END: textbuf_kill_end(tb); break;
	case ACT_KILL_START: textbuf_kill_start(tb); break;
	default: return UI_UNHANDLED;
	}
	check(w);
	return UI_REDRAW;
}

static int key(struct view *v, enum action act, int k)
{
	struct workload_view *w = v->priv;
	struct app *a = v->app;
	bool choice = form_info((enum form_field)w->cur)->choices != NULL;

	if (w->editing)
		return edit_key(v, act, k);
	switch (act) {
	case ACT_UP: w->cur = w->cur > 0 ? w->cur - 1 : 0; return UI_REDRAW;
	case ACT_DOWN:
	case ACT_NEXT_PANE:
		w->cur = w->cur < FF_COUNT - 1 ? w->cur + 1 : FF_COUNT - 1;
		return UI_REDRAW;
	case ACT_PREV_PANE: w->cur = w->cur > 0 ? w->cur - 1 : 0; return UI_REDRAW;
	case ACT_HOME: w->cur = 0; return UI_REDRAW;
	case ACT_END: w->cur = FF_COUNT - 1; return UI_REDRAW;
	case ACT_CHOICE_NEXT:
		if (choice)
			return cycle(v, 1);
		begin_edit(v); /* Space on a text field: start typing */
		return UI_REDRAW;
	case ACT_CHOICE_PREV: return choice ? cycle(v, -1) : UI_NONE;
	case ACT_ENTER:
		if (choice)
			return cycle(v, 1);
		begin_edit(v);
		return UI_REDRAW;
	case ACT_CLEAR:
		if (form_info((enum form_field)w->cur)->required) {
			app_error(a, "%s is required", form_info((enum form_field)w->cur)->label);
			return UI_REDRAW;
		}
		form_set(wl_of(v), (enum form_field)w->cur, "");
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
	.hints = "Enter edit  Space choose  Del clear  3 checklist  4 questions  ? help",
	.keymap = KM_WORKLOAD,
	.private_size = sizeof(struct workload_view),
	.open = open_form,
	.close = close_form,
	.draw = draw,
	.key = key,
	.cursor = cursor,
};
