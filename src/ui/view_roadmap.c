/* The improvement roadmap: every best practice not in place, in priority order, with the
 * plan's week, effort, status and owner; the selected item's detail below. Keys set an
 * item's owner, status, target week and effort (saved in the review's roadmap section);
 * d switches to the progress since the last milestone. Logic in ui/rmedit.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/milestone.h"
#include "model/roadmap.h"
#include "ui/app.h"
#include "ui/draw.h"
#include "ui/rmedit.h"
#include "ui/view.h"
#include "util/clock.h"
#include "util/xalloc.h"

enum { PROMPT_OWNER = 1, PROMPT_WONT_DO, PROMPT_WEEK };

struct roadmap_view {
	struct roadmap rm;
	bool built;
	char error[600]; /* why the roadmap cannot be built; "" when it can */
	size_t cur, top;
	bool diff; /* showing progress since the last milestone */
	int diff_top;
	char bp[32]; /* the item a prompt is about: ranks move when settings change */
};

static void rebuild(struct view *v)
{
	struct roadmap_view *r = v->priv;
	struct wa_err err;

	if (r->built)
		roadmap_clear(&r->rm);
	r->built = false;
	r->error[0] = '\0';
	err_clear(&err);
	if (roadmap_build(v->app->qs, v->app->ses.rv, &r->rm, &err)) {
		err_format(&err, r->error, sizeof(r->error));
		return;
	}
	r->built = true;
	if (r->cur >= r->rm.n_items)
		r->cur = r->rm.n_items ? r->rm.n_items - 1 : 0;
}

/* Selects bpid again after a rebuild, wherever it moved. */
static void select_bp(struct roadmap_view *r, const char *bpid)
{
	for (size_t i = 0; r->built && i < r->rm.n_items; i++)
		if (strcmp(r->rm.items[i].bp->id, bpid) == 0)
			r->cur = i;
}

static void close_roadmap(struct view *v)
{
	struct roadmap_view *r = v->priv;

	if (r->built)
		roadmap_clear(&r->rm);
}

static void show(struct view *v)
{
	rebuild(v);
}

static const struct roadmap_item *cur_item(struct view *v)
{
	struct roadmap_view *r = v->priv;

	return r->built && r->cur < r->rm.n_items ? &r->rm.items[r->cur] : NULL;
}

static enum color_el status_el(enum rm_status s)
{
	return s == RM_DONE          ? EL_OK
	       : s == RM_WONT_DO     ? EL_DIM
	       : s == RM_IN_PROGRESS ? EL_CHECK
	                             : EL_NORMAL;
}

/* The selected item in full below the list: its place in the plan, its titles, how it was
 * ranked and who has it. Returns the rows it takes (drawn or, with d->h 0, measured). */
static int draw_detail(struct view *v, const struct rect *d)
{
	const struct roadmap_item *it = cur_item(v);
	struct rect text = { d->y, d->x + 1, d->h, d->w - 2 };
	char buf[512];
	int y = 1;

	draw_fill(d, 0, 0, -1, EL_PANE_TITLE);
	if (!it) {
		draw_text(d, 0, 1, EL_PANE_TITLE, "No item selected");
		return 1;
	}
	snprintf(buf, sizeof(buf), "%s · %s · %s · week %d%s", it->bp->id,
	         rm_quadrant_title(it->quadrant), rm_phase_title(it->phase), it->week,
	         it->week_overridden ? " (set)" : "");
	draw_pieces(&text, 0, 0, -1, EL_PANE_TITLE, buf, " · ");
	y += draw_wrapped(&text, y, 0, 0, EL_QUESTION, it->bp->title);
	y += draw_wrapped(&text, y, 0, 0, EL_DIM, it->q->title);
	snprintf(buf, sizeof(buf),
	         "Risk %s · impact %s · effort %s%s · score %d · priority P%d (%s)",
	         it->risk == BP_RISK_HIGH     ? "high"
	         : it->risk == BP_RISK_MEDIUM ? "medium"
	                                      : "low",
	         rm_impact_name(it->impact), effort_name(it->effort),
	         it->effort_overridden ? " (set)" : "", it->score, it->priority,
	         rm_priority_name(it->priority));
	y += draw_wrapped(&text, y, 0, 0, EL_NORMAL, buf);
	/* The evidence's verdict in the words of the evidence pane and the report. */
	if (it->verdict.verdict != VERDICT_NO_EVIDENCE) {
		char *line = xasprintf("Evidence: %s: %s", verdict_label(it->verdict.verdict),
		                       it->verdict.why ? it->verdict.why : "");
		y += draw_wrapped(&text, y, 0, 0, it->confirmed ? EL_RISK_HIGH : EL_DIM, line);
		free(line);
	}
	snprintf(buf, sizeof(buf), "Owner: %s · status: %s%s%s",
	         it->ov.owner ? it->ov.owner : "nobody yet", rm_status_label(it->ov.status),
	         it->ov.reason ? " — " : "", it->ov.reason ? it->ov.reason : "");
	y += draw_wrapped(&text, y, 0, 0, status_el(it->ov.status), buf);
	return y;
}

/* The rows the detail of the selected item takes at this width. */
static int detail_height(struct view *v)
{
	const struct rect *b = &v->app->lay.body;
	struct rect measure = { b->y, b->x, 0, b->w };

	return draw_detail(v, &measure);
}

static void draw_items(struct view *v)
{
	struct roadmap_view *r = v->priv;
	struct app *a = v->app;
	const struct rect *b = &a->lay.body;
	int dh = detail_height(v);
	struct rect list = { b->y + 2, b->x, b->h - 2 - dh, b->w - 1 }; /* a margin on the right */
	struct rect detail = { b->y + b->h - dh, b->x, dh, b->w };
	size_t phase_n[RM_PHASE_LATER + 1] = { 0 };
	char buf[512];

	if (!r->rm.n_items) {
		draw_text(b, 0, 1, EL_HEADING, "Improvement roadmap");
		draw_wrapped(&(struct rect){ b->y + 2, b->x + 1, b->h - 2, b->w - 2 }, 0, 0, 0,
		             EL_NORMAL,
		             r->rm.n_unanswered
		                     ? "Nothing to improve among the answered questions. Answer "
		                       "more in the question walk (4): every best practice not in "
		                       "place becomes an item here."
		                     : "Every best practice is in place or not applicable: nothing "
		                       "to improve.");
		return;
	}
	for (size_t i = 0; i < r->rm.n_items; i++)
		phase_n[r->rm.items[i].phase]++;
	snprintf(buf, sizeof(buf),
	         "Roadmap · %zu items · phase 1: %zu, 2: %zu, 3: %zu · criticality %s%s",
	         r->rm.n_items, phase_n[RM_PHASE_1], phase_n[RM_PHASE_2], phase_n[RM_PHASE_3],
	         r->rm.criticality, r->rm.criticality_default ? " (default)" : "");
	draw_pieces(b, 0, 1, b->w - 2, EL_HEADING, buf, " · ");
	draw_fill(b, 1, 0, -1, EL_PANE_TITLE);
	draw_text_fit(b, 1, 0, list.w, EL_PANE_TITLE, rmedit_header());
	r->top = (size_t)layout_scroll((int)r->top, (int)r->cur, list.h);
	for (int row = 0; row < list.h && r->top + (size_t)row < r->rm.n_items; row++) {
		size_t i = r->top + (size_t)row;
		const struct roadmap_item *it = &r->rm.items[i];
		enum color_el el = i == r->cur ? EL_CURSOR : status_el(it->ov.status);

		if (i == r->cur)
			draw_fill(&list, row, 0, -1, el);
		/* The title in full is in the detail below. */
		draw_text_fit(&list, row, 0, -1, el, rmedit_row(it, buf, sizeof(buf)));
	}
	draw_detail(v, &detail);
}

static void line(const struct rect *r, int *y, enum color_el el, const char *text)
{
	*y += draw_wrapped(&(struct rect){ r->y, r->x + 1, r->h, r->w - 2 }, *y, 0, 0, el, text);
}

static void draw_diff(struct view *v)
{
	struct roadmap_view *r = v->priv;
	struct app *a = v->app;
	const struct rect *b = &a->lay.body;
	const struct milestone *last = milestone_last(a->ses.rv);
	struct ms_diff d;
	struct milestone *now;
	char buf[512];
	int y = 2 - r->diff_top;

	if (!last) {
		draw_text(b, 0, 1, EL_HEADING, "Progress since the last milestone");
		draw_wrapped(&(struct rect){ b->y + 2, b->x + 1, b->h - 2, b->w - 2 }, 0, 0, 0,
		             EL_NORMAL,
		             "No milestone yet. M records one (a name such as 'baseline'); "
		             "then this view shows which risks went up or down and which items "
		             "were done since. d goes back to the roadmap.");
		return;
	}
	now = milestone_snapshot(a->qs, a->ses.rv, "now", "");
	milestone_diff(a->qs, last, now, &d);
	draw_printf(b, 0, 1, EL_HEADING, "Progress since milestone '%s' (%s)", last->name,
	            last->date);
	if (milestone_diff_empty(&d))
		line(b, &y, EL_DIM, "Nothing changed since then.");
	if (d.n_down) {
		line(b, &y, EL_HEADING, "Risk went down");
		for (size_t i = 0; i < d.n_down; i++) {
			snprintf(buf, sizeof(buf), "  ↓ %s %s → %s  %s", d.down[i].q->id,
			         qrisk_name(d.down[i].from), qrisk_name(d.down[i].to),
			         d.down[i].q->title);
			line(b, &y, EL_OK, buf);
		}
	}
	if (d.n_up) {
		line(b, &y, EL_HEADING, "Risk went up");
		for (size_t i = 0; i < d.n_up; i++) {
			snprintf(buf, sizeof(buf), "  ↑ %s %s → %s  %s", d.up[i].q->id,
			         qrisk_name(d.up[i].from), qrisk_name(d.up[i].to),
			         d.up[i].q->title);
			line(b, &y, EL_RISK_HIGH, buf);
		}
	}
	if (d.n_other) {
		line(b, &y, EL_HEADING, "Answered or changed otherwise");
		for (size_t i = 0; i < d.n_other; i++) {
			snprintf(buf, sizeof(buf), "  • %s %s → %s  %s", d.other[i].q->id,
			         qrisk_name(d.other[i].from), qrisk_name(d.other[i].to),
			         d.other[i].q->title);
			line(b, &y, EL_NORMAL, buf);
		}
	}
	if (d.n_done) {
		line(b, &y, EL_HEADING, "Items done");
		for (size_t i = 0; i < d.n_done; i++) {
			snprintf(buf, sizeof(buf), "  ✓ %s %s%s", d.done[i].bp->id,
			         d.done[i].bp->title, d.done[i].in_place ? "" : " (marked done)");
			line(b, &y, EL_OK, buf);
		}
	}
	if (d.n_reopened) {
		line(b, &y, EL_HEADING, "No longer in place");
		for (size_t i = 0; i < d.n_reopened; i++) {
			snprintf(buf, sizeof(buf), "  ✗ %s %s", d.reopened[i].bp->id,
			         d.reopened[i].bp->title);
			line(b, &y, EL_RISK_HIGH, buf);
		}
	}
	milestone_diff_clear(&d);
	milestone_free(now);
}

static void draw(struct view *v)
{
	struct roadmap_view *r = v->priv;
	const struct rect *b = &v->app->lay.body;

	rebuild(v);
	draw_clear(b, EL_NORMAL);
	if (r->diff)
		draw_diff(v);
	else if (!r->built)
		draw_wrapped(b, 1, 1, 0, EL_ERROR, r->error);
	else
		draw_items(v);
}

static int apply(struct view *v, enum rmedit_field f, const char *bpid, const char *text)
{
	struct roadmap_view *r = v->priv;
	struct wa_err err;
	char now[32], buf[600];

	err_clear(&err);
	if (rmedit_apply(v->app->ses.rv, v->app->qs, bpid, f, text,
	                 clock_iso(clock_now(), now, sizeof(now)), &err)) {
		app_error(v->app, "%s: %s", bpid, err_format(&err, buf, sizeof(buf)));
		return UI_REFUSED; /* from a prompt: asked again; from a key: nothing changed */
	}
	{
		static const char *const what[] = {
			[RMEDIT_OWNER] = "owner",      [RMEDIT_STATUS] = "status",
			[RMEDIT_WONT_DO] = "won't do", [RMEDIT_WEEK] = "target week",
			[RMEDIT_EFFORT] = "effort",
		};
		app_did(v->app, false, "%s %s: %s", bpid, what[f],
		        *text              ? text
		        : f == RMEDIT_WEEK ? "the plan's"
		                           : "none");
	}
	rebuild(v);
	select_bp(r, bpid);
	return UI_SAVE | UI_REDRAW;
}

static int ask(struct view *v, int id, const char *label, const char *initial)
{
	struct roadmap_view *r = v->priv;
	const struct roadmap_item *it = cur_item(v);
	char full[96];

	snprintf(r->bp, sizeof(r->bp), "%s", it->bp->id);
	snprintf(full, sizeof(full), "%s %s: ", it->bp->id, label);
	app_prompt(v->app, v, id, full, initial ? initial : "");
	return UI_REDRAW;
}

static int prompt(struct view *v, int id, const char *text)
{
	struct roadmap_view *r = v->priv;

	if (!text)
		return UI_REDRAW;
	switch (id) {
	case PROMPT_OWNER: return apply(v, RMEDIT_OWNER, r->bp, text);
	case PROMPT_WONT_DO: return apply(v, RMEDIT_WONT_DO, r->bp, text);
	case PROMPT_WEEK: return apply(v, RMEDIT_WEEK, r->bp, text);
	}
	return UI_REDRAW;
}

static int item_key(struct view *v, enum action act)
{
	const struct roadmap_item *it = cur_item(v);
	char week[16], bpid[32];

	if (!it) {
		app_error(v->app, "No roadmap item to change");
		return UI_REDRAW;
	}
	snprintf(bpid, sizeof(bpid), "%s", it->bp->id);
	switch (act) {
	case ACT_OWNER: return ask(v, PROMPT_OWNER, "owner (empty: nobody)", it->ov.owner);
	case ACT_WONT_DO: return ask(v, PROMPT_WONT_DO, "won't do, because", it->ov.reason);
	case ACT_WEEK:
		snprintf(week, sizeof(week), "%d", it->week);
		return ask(v, PROMPT_WEEK, "target week (1-104, empty: the plan's)",
		           it->week_overridden ? week : "");
	case ACT_STATUS:
		return apply(v, RMEDIT_STATUS, bpid,
		             rm_status_name(rmedit_status_next(it->ov.status)));
	case ACT_EFFORT: return apply(v, RMEDIT_EFFORT, bpid, rmedit_effort_next(it));
	default: return UI_UNHANDLED;
	}
}

static int key(struct view *v, enum action act, int k)
{
	struct roadmap_view *r = v->priv;
	struct app *a = v->app;
	size_t n = r->built ? r->rm.n_items : 0;
	int page =
	        a->lay.body.h - 2 - detail_height(v) > 1 ? a->lay.body.h - 2 - detail_height(v) : 1;

	(void)k;
	rebuild(v);
	if (act == ACT_DIFF) {
		r->diff = !r->diff;
		r->diff_top = 0;
		return UI_REDRAW;
	}
	if (r->diff) {
		switch (act) {
		case ACT_UP: r->diff_top = r->diff_top > 0 ? r->diff_top - 1 : 0; return UI_REDRAW;
		case ACT_DOWN: r->diff_top++; return UI_REDRAW;
		case ACT_BACK: r->diff = false; return UI_REDRAW;
		default: return UI_UNHANDLED;
		}
	}
	switch (act) {
	case ACT_UP: r->cur = r->cur > 0 ? r->cur - 1 : 0; return UI_REDRAW;
	case ACT_DOWN: r->cur = r->cur + 1 < n ? r->cur + 1 : r->cur; return UI_REDRAW;
	case ACT_PAGE_UP:
		r->cur = r->cur > (size_t)page ? r->cur - (size_t)page : 0;
		return UI_REDRAW;
	case ACT_PAGE_DOWN:
		r->cur = r->cur + (size_t)page < n ? r->cur + (size_t)page : (n ? n - 1 : 0);
		return UI_REDRAW;
	case ACT_HOME: r->cur = 0; return UI_REDRAW;
	case ACT_END: r->cur = n ? n - 1 : 0; return UI_REDRAW;
	case ACT_ENTER:
		/* The item's question in the walk, to tick the practice once it is in place. */
		if (cur_item(v)) {
			app_set_question(a, cur_item(v)->qi);
			a->cur_bp = (long)cur_item(v)->bi;
			return app_show(a, VIEW_WALK);
		}
		return UI_NONE;
	case ACT_CLICK: {
		int row = a->mouse_y - a->lay.body.y - 2;
		if (row < 0 || r->top + (size_t)row >= n)
			return UI_NONE;
		r->cur = r->top + (size_t)row;
		return UI_REDRAW;
	}
	case ACT_OWNER:
	case ACT_STATUS:
	case ACT_WONT_DO:
	case ACT_WEEK:
	case ACT_EFFORT: return item_key(v, act);
	default: return UI_UNHANDLED;
	}
}

static const char *hint(struct view *v)
{
	const struct roadmap_view *r = v->priv;

	return r->diff ? "d back to the roadmap  j/k scroll  M record a milestone  X export" : NULL;
}

const struct view_ops view_roadmap_ops = {
	.name = "roadmap",
	.title = "Roadmap",
	.hints = "o owner  s status  x won't do  W week  F effort  d diff  M milestone  X export",
	.keymap = KM_ROADMAP,
	.private_size = sizeof(struct roadmap_view),
	.show = show,
	.close = close_roadmap,
	.draw = draw,
	.key = key,
	.hint = hint,
	.prompt = prompt,
};
