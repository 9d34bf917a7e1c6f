/* The help overlay: every key of the screen underneath, then the keys that work everywhere,
 * listed from the same table that dispatches them (ui/keymap.c). */
#include <stdio.h>
#include <string.h>

#include "evidence/accounts.h"
#include "ui/app.h"
#include "ui/draw.h"
#include "ui/keymap.h"
#include "ui/view.h"
#include "ui/wrap.h"

enum { HELP_MAX = 64 };

struct help_line {
	const char *heading; /* a section title, or NULL for a key line */
	const char *note;    /* a paragraph instead of a key (help->note), or NULL */
	struct keymap_help h;
};

struct help {
	struct help_line lines[2 * HELP_MAX + 6];
	char note[600]; /* the walk's: which accounts e and E sweep, and how to choose */
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

/* Where the walk's e and E collect: the command line decides (--role, --org-unit,
 * --accounts), so the help says what this session does and how to start another. */
static void add_evidence_note(struct help *h, const struct app *a)
{
	const struct ev_targets *t = a->targets;
	char which[300];

	if (a->offline)
		snprintf(h->note, sizeof(h->note),
		         "Offline (--offline): e and E collect nothing; the pane shows the stored "
		         "evidence.");
	else if (!t)
		snprintf(h->note, sizeof(h->note),
		         "e and E sweep the account your AWS credentials reach. To sweep each of "
		         "the workload's accounts as an IAM role in it, start the wizard with "
		         "--role NAME (with --org-unit OU for an OU's accounts, or --accounts "
		         "ID,ID); see wa-review(1).");
	else {
		if (t->org_unit)
			snprintf(which, sizeof(which), "the active accounts of %s", t->org_unit);
		else if (t->n_accounts) {
			size_t used = (size_t)snprintf(which, sizeof(which), "accounts ");
			for (size_t i = 0; i < t->n_accounts && used < sizeof(which); i++)
				used += (size_t)snprintf(which + used, sizeof(which) - used, "%s%s",
				                         i ? ", " : "", t->accounts[i]);
		} else
			snprintf(which, sizeof(which), "the workload's accounts");
		snprintf(h->note, sizeof(h->note),
		         "e and E sweep %s, each as the role %s in it (--role): findings are kept "
		         "per account, and an account whose AssumeRole fails shows that error.",
		         which, t->role);
	}
	h->lines[h->n].heading = "Evidence sources";
	h->n++;
	h->lines[h->n].heading = NULL;
	h->lines[h->n].note = h->note;
	h->n++;
}

static void open_help(struct view *v)
{
	struct help *h = v->priv;
	enum keymap map = v->app->help_map;

	add_section(h, map);
	/* Screens fall back to the global keys, text maps to the editing keys. */
	if (map != KM_GLOBAL && keymap_has_globals(map))
		add_section(h, KM_GLOBAL);
	if (map != KM_TEXT && keymap_takes_text(map))
		add_section(h, KM_TEXT);
	/* after the keys, which stay where people look for them */
	if (map == KM_WALK)
		add_evidence_note(h, v->app);
}

static struct rect box(const struct view *v)
{
	const struct rect *b = &v->app->lay.body;
	/* Centred when there is room around it; else the whole width. */
	int w = b->w >= 100 ? 90 : b->w;
	struct rect r = { b->y, b->x + (b->w - w) / 2, b->h, w };

	return r;
}

/* Inside the box: the lines, and the last row for what else there is. */
static struct rect inside(const struct view *v)
{
	struct rect r = box(v), in = { r.y + 1, r.x + 2, r.h - 3, r.w - 4 };

	return in;
}

/* Rows line i takes: a description longer than the box wraps under itself. */
static int height(const struct help *h, int i, int width)
{
	const struct help_line *l = &h->lines[i];
	const char *t = action_help(l->h.act);

	if (l->note)
		return (int)wrap_count(l->note, strlen(l->note), width - 2);
	return l->heading ? 1 : (int)wrap_count(t, strlen(t), width - 4 - h->key_w);
}

/* The first line to show so that the last one is at the bottom: scrolling stops there. */
static int last_top(const struct help *h, const struct rect *in)
{
	int rows = 0, i = h->n;

	while (i > 0 && rows + height(h, i - 1, in->w) <= in->h)
		rows += height(h, --i, in->w);
	return i;
}

static void draw(struct view *v)
{
	struct help *h = v->priv;
	struct rect r = box(v), in = inside(v);
	struct rect desc = { in.y, in.x + 4 + h->key_w, in.h, in.w - 4 - h->key_w };
	struct rect para = { in.y, in.x + 2, in.h, in.w - 2 };
	int y = 0, i = h->top;

	/* Over a blank body: no half-hidden text of the screen below peeks out at its sides. */
	draw_clear(&v->app->lay.body, EL_NORMAL);
	draw_box(&r, EL_PANE_TITLE_FOCUS, "Help: keys of this screen (Esc closes)");
	for (; i < h->n && y + height(h, i, in.w) <= in.h; i++) {
		const struct help_line *l = &h->lines[i];
		if (l->heading) {
			draw_text(&in, y++, 0, EL_HEADING, l->heading);
			continue;
		}
		if (l->note) {
			y += draw_wrapped(&para, y, 0, 0, EL_NORMAL, l->note);
			continue;
		}
		draw_text(&in, y, 2, EL_HELP_KEY, l->h.keys);
		y += draw_wrapped(&desc, y, 0, 0, EL_NORMAL, action_help(l->h.act));
	}
	draw_text(&(struct rect){ in.y + in.h, in.x, 1, in.w }, 0, 0, EL_DIM,
	          i < h->n ? "more below: Down/PgDn" : "Mouse: click selects, the wheel scrolls.");
}

static int key(struct view *v, enum action act, int k)
{
	struct help *h = v->priv;
	struct rect in = inside(v);
	int page = in.h > 2 ? in.h - 2 : 1, max = last_top(h, &in);

	(void)k;
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
