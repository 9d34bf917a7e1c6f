/* The help overlay: every key of the screen underneath, then the keys that work everywhere,
 * listed from the same table that dispatches them (ui/keymap.c). */
#include <string.h>

#include "ui/app.h"
#include "ui/draw.h"
#include "ui/keymap.h"
#include "ui/view.h"
#include "ui/wrap.h"

enum { HELP_MAX = 64 };

struct help_line {
	const char *heading; /* a section title, or NULL for a key line */
	struct keymap_help h;
};

struct help {
	struct help_line lines[2 * HELP_MAX + 4];
	int n;
	int top;
	int key_w; /* the widest keys, so the descriptions line up just after them */
};

static void add_section(struct help *h, enum keymap map)
{
	struct keymap_help keys[HELP_MAX];
	size_t n = keymap_help(map, keys, HELP_MAX);

	if (n == 0)
		return;
	h->lines[h->n].heading = keymap_title(map);
	h->n++;
	for (size_t i = 0; i < n; i++) {
		int w = wrap_width(keys[i].keys, strlen(keys[i].keys));
		h->lines[h->n].heading = NULL;
		h->lines[h->n].h = keys[i];
		h->n++;
		if (w > h->key_w)
			h->key_w = w;
	}
}

static void open_help(struct view *v)
{
	struct help *h = v->priv;
	enum keymap map = v->app->help_map;

	add_section(h, map);
	/* Screens fall back to the global keys, text maps and pop-ups do not. */
	if (map != KM_GLOBAL && !keymap_takes_text(map) && map != KM_MENU && map != KM_HELP)
		add_section(h, KM_GLOBAL);
}

static struct rect box(const struct view *v)
{
	const struct rect *b = &v->app->lay.body;
	int w = b->w - 4 > 90 ? 90 : b->w - 4;
	struct rect r = { b->y, b->x + (b->w - w) / 2, b->h, w };

	return r;
}

static void draw(struct view *v)
{
	struct help *h = v->priv;
	struct rect r = box(v), in = { r.y + 1, r.x + 2, r.h - 2, r.w - 4 };

	draw_clear(&r, EL_NORMAL);
	draw_box(&r, EL_PANE_TITLE_FOCUS, "Help: keys of this screen (Esc closes)");
	for (int row = 0; row < in.h - 1 && h->top + row < h->n; row++) {
		const struct help_line *l = &h->lines[h->top + row];
		if (l->heading) {
			draw_text(&in, row, 0, EL_HEADING, l->heading);
			continue;
		}
		draw_text(&in, row, 2, EL_HELP_KEY, l->h.keys);
		draw_text(&in, row, 4 + h->key_w, EL_NORMAL, action_help(l->h.act));
	}
	draw_text(&in, in.h - 1, 0, EL_DIM,
	          h->top + in.h - 1 < h->n ? "more below: Down/PgDn"
	                                   : "Mouse: click selects, "
	                                     "the wheel scrolls.");
}

static int key(struct view *v, enum action act, int k)
{
	struct help *h = v->priv;
	struct rect r = box(v);
	int page = r.h - 3, max = h->n - page;

	(void)k;
	if (max < 0)
		max = 0;
	switch (act) {
	case ACT_UP: h->top = h->top > 0 ? h->top - 1 : 0; break;
	case ACT_DOWN: h->top = h->top < max ? h->top + 1 : max; break;
	case ACT_PAGE_UP: h->top = h->top > page ? h->top - page : 0; break;
	case ACT_PAGE_DOWN: h->top = h->top + page < max ? h->top + page : max; break;
	case ACT_BACK: return UI_CLOSE;
	default: return UI_NONE;
	}
	return UI_REDRAW;
}

const struct view_ops view_help_ops = {
	.name = "help",
	.title = "Help",
	.hints = "Up/Down scroll  Esc close",
	.keymap = KM_HELP,
	.private_size = sizeof(struct help),
	.open = open_help,
	.draw = draw,
	.key = key,
};
