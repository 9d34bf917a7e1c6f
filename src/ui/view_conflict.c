/* The overlay that shows both versions of a part changed in the wizard and in the file at
 * once (the conflict prompt's "show both"): as each would be written to the review file,
 * the session's on the left, the file's on the right (one above the other when narrow). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/review_part.h"
#include "store/review_io.h"
#include "ui/app.h"
#include "ui/draw.h"
#include "ui/view.h"
#include "util/xalloc.h"

struct conflict_view {
	char title[200];
	char *mine, *theirs; /* the part's lines of the review file; NULL: nothing to show */
};

/* Whether a top-level line of a review file starts a block the part is not in: the
 * header, and the workload unless the part lives there. */
static bool skipped_block(const char *line, const struct review_part *p)
{
	bool in_workload = p->kind == PART_WORKLOAD || p->kind == PART_COMPONENTS;

	return line[0] == '#' || strncmp(line, "schema:", 7) == 0 ||
	       strncmp(line, "question_set:", 13) == 0 ||
	       (!in_workload && strncmp(line, "workload:", 9) == 0);
}

/* The part of rv as the review file has it (only its lines). Newly allocated. */
static char *part_text(const struct app *a, const struct review *rv, const struct review_part *p)
{
	struct review *one = review_new();
	char *all, *out, *line, *save = NULL;
	size_t used = 0;
	bool skip = false;

	one->set_id = xstrdup_opt(rv->set_id);
	review_part_copy(one, rv, p);
	all = review_format(one, a->qs);
	review_free(one);
	if (!all)
		return xstrdup("(cannot be shown)");
	out = xcalloc(1, strlen(all) + 1);
	for (line = strtok_r(all, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (line[0] != ' ' && line[0] != '-')
			skip = skipped_block(line, p);
		if (skip)
			continue;
		used += (size_t)sprintf(out + used, "%s\n", line);
	}
	free(all);
	if (!used) {
		free(out);
		return xstrdup("(nothing: not set)");
	}
	return out;
}

static void open_conflict(struct view *v)
{
	struct conflict_view *c = v->priv;
	struct app *a = v->app;
	const struct review_part *p = app_conflict(a);
	char name[160];

	if (!p || !a->ses.ed.theirs)
		return;
	snprintf(c->title, sizeof(c->title), "%s: yours and the file's (Esc closes)",
	         review_part_name(p, name, sizeof(name)));
	c->mine = part_text(a, a->ses.rv, p);
	c->theirs = part_text(a, a->ses.ed.theirs, p);
}

static void close_conflict(struct view *v)
{
	struct conflict_view *c = v->priv;

	free(c->mine);
	free(c->theirs);
}

/* One version under its heading, line by line, cut at the pane's edge. */
static void draw_side(const struct rect *r, const char *heading, const char *text)
{
	char *copy = xstrdup(text), *line, *save = NULL;
	int y = 1;

	draw_text(r, 0, 0, EL_HEADING, heading);
	for (line = strtok_r(copy, "\n", &save); line && y < r->h;
	     line = strtok_r(NULL, "\n", &save))
		draw_text(r, y++, 0, EL_NORMAL, line);
	free(copy);
}

static void draw(struct view *v)
{
	struct conflict_view *c = v->priv;
	const struct rect *b = &v->app->lay.body;
	struct rect in = { b->y + 1, b->x + 2, b->h - 2, b->w - 4 };

	draw_clear(b, EL_NORMAL);
	draw_box(b, EL_PANE_TITLE_FOCUS, c->title[0] ? c->title : "Nothing to compare");
	if (!c->mine)
		return;
	if (in.w >= 60) {
		int half = (in.w - 1) / 2;
		draw_side(&(struct rect){ in.y, in.x, in.h, half }, "Yours (m keeps it)", c->mine);
		draw_vline(&(struct rect){ in.y, in.x + half, in.h, 1 }, 0, EL_SEPARATOR);
		draw_side(&(struct rect){ in.y, in.x + half + 2, in.h, in.w - half - 2 },
		          "In the file (t takes it)", c->theirs);
	} else {
		int half = in.h / 2;
		draw_side(&(struct rect){ in.y, in.x, half, in.w }, "Yours (m keeps it)", c->mine);
		draw_side(&(struct rect){ in.y + half, in.x, in.h - half, in.w },
		          "In the file (t takes it)", c->theirs);
	}
}

static int key(struct view *v, enum action act, int k)
{
	(void)v;
	(void)k;
	return act == ACT_BACK ? UI_CLOSE : UI_NONE;
}

const struct view_ops view_conflict_ops = {
	.name = "conflict",
	.title = "Conflict",
	.hints = "m keep mine  t take theirs  Esc decide later",
	.keymap = KM_HELP,
	.private_size = sizeof(struct conflict_view),
	.open = open_conflict,
	.close = close_conflict,
	.draw = draw,
	.key = key,
};
