/* The question walk: the list of areas and questions with their risk, the question with its
 * best practices to tick, "none of these", not applicable and the notes, the guidance for
 * the focused best practice, and the evidence pane. Navigation, search and jump are in
 * ui/walk.c; answers change through model/answer.c and are saved at once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evidence/suggest.h"
#include "model/answer.h"
#include "model/risk.h"
#include "model/scope.h"
#include "ui/app.h"
#include "ui/collect.h"
#include "ui/draw.h"
#include "ui/evpane.h"
#include "ui/evpane_draw.h"
#include "ui/keys.h"
#include "ui/view.h"
#include "ui/walk.h"
#include "ui/wrap.h"
#include "util/clock.h"
#include "util/xalloc.h"

enum pane { PANE_LIST, PANE_MAIN, PANE_GUIDE, PANE_EVID, PANE_COUNT };
enum { PROMPT_SEARCH = 1, PROMPT_JUMP, PROMPT_NA_NOTE };

/* The not-applicable menu: applicable again, or one of the four reasons. */
static const struct {
	enum na_reason reason;
	const char *label;
} na_menu[] = {
	{ NA_OUT_OF_SCOPE, "Out of scope" },
	{ NA_BUSINESS_PRIORITIES, "Business priorities" },
	{ NA_ARCHITECTURE_CONSTRAINTS, "Architecture constraints" },
	{ NA_OTHER, "Other" },
	{ NA_NO, "Applicable after all (remove the mark)" },
};
enum { NA_MENU_COUNT = sizeof(na_menu) / sizeof(na_menu[0]) };

struct walk_view {
	enum pane focus;
	size_t item;   /* focused item of the question (ui/walk.h) */
	size_t item_q; /* the question item belongs to */
	int list_top, main_top, guide_top;
	struct evpane_pos evid; /* the evidence pane's selection (a best practice) and scroll */
	bool menu;              /* the not-applicable menu is open */
	int menu_cur;
	char last_search[128];
	int *list_y; /* where each entry of the list starts in its content, by draw() */
	int *item_y; /* where each item starts in the main pane's content, by draw() */
	int *item_h;
	size_t n_items;
};

static const struct question *cur_question(const struct view *v)
{
	return &v->app->qs->questions[v->app->cur_q];
}

static struct answer *cur_answer(const struct view *v)
{
	return review_find(v->app->ses.rv, cur_question(v)->id);
}

/* Keeps the item valid for the current question (another view may have moved it). */
static void sync(struct view *v)
{
	struct walk_view *w = v->priv;
	struct app *a = v->app;

	if (w->item_q != a->cur_q) {
		w->item_q = a->cur_q;
		w->item = a->cur_bp >= 0 ? (size_t)a->cur_bp : 0;
		w->main_top = 0;
		w->guide_top = 0;
	}
	if (w->item >= walk_item_count(cur_question(v)))
		w->item = 0;
	a->cur_bp = walk_item_kind(cur_question(v), w->item) == WALK_ITEM_BP ? (long)w->item : -1;
}

static void go_question(struct view *v, size_t qi, size_t item)
{
	struct walk_view *w = v->priv;

	app_set_question(v->app, qi);
	w->item_q = qi;
	w->item = item;
	w->main_top = 0;
	w->guide_top = 0;
	w->evid.top = 0;
	sync(v);
}

static void open_walk(struct view *v)
{
	struct walk_view *w = v->priv;

	/* Start on the question itself, so Space ticks at once. */
	w->focus = PANE_MAIN;
	w->item_q = (size_t)-1;
}

static void close_walk(struct view *v)
{
	struct walk_view *w = v->priv;

	free(w->list_y);
	free(w->item_y);
	free(w->item_h);
}

/* ---- drawing ---- */

struct badge {
	const char *text;
	enum color_el el;
};

static struct badge badge_of(enum qrisk r)
{
	switch (r) {
	case QRISK_HIGH: return (struct badge){ " HIGH ", EL_BADGE_HIGH };
	case QRISK_MEDIUM: return (struct badge){ " MED  ", EL_BADGE_MEDIUM };
	case QRISK_NONE: return (struct badge){ " NONE ", EL_BADGE_NONE };
	case QRISK_NOT_APPLICABLE: return (struct badge){ " N/A  ", EL_BADGE_NA };
	default: return (struct badge){ "  ·   ", EL_BADGE_UNANSWERED };
	}
}

static void pane_title(struct view *v, const struct rect *r, enum pane p, const char *left,
                       const char *right)
{
	struct walk_view *w = v->priv;
	enum color_el el = w->focus == p ? EL_PANE_TITLE_FOCUS : EL_PANE_TITLE;

	draw_fill(r, 0, 0, -1, el);
	draw_text(r, 0, 1, el, left);
	if (right)
		draw_text_right(r, 0, el, right);
}

static struct rect below_title(const struct rect *r)
{
	struct rect in = { r->y + 1, r->x, r->h - 1, r->w };

	return in;
}

/* Where the question list's titles start: after " REL05 ⚑  HIGH ". */
enum { LIST_TITLE_X = 16 };

/* The list's entries (area titles and questions) from content row 0: where each starts,
 * in w->list_y (the entry count's slot holds the total). A list wider than the IDs and
 * badges need shows each question's title too, wrapped beside them. */
static void list_measure(struct view *v, const struct rect *in)
{
	struct walk_view *w = v->priv;
	const struct qset *qs = v->app->qs;
	size_t rows = walk_list_rows(qs);
	bool titles = in->w > LAYOUT_LIST_COLS;
	int y = 0;

	w->list_y = xrealloc(w->list_y, (rows + 1) * sizeof(*w->list_y));
	for (size_t row = 0; row < rows; row++) {
		long qi = walk_list_question_at(qs, row);
		const char *t = qi >= 0 ? qs->questions[qi].title : NULL;
		w->list_y[row] = y;
		y += t && titles ? (int)wrap_count(t, strlen(t), in->w - LIST_TITLE_X - 1) : 1;
	}
	w->list_y[rows] = y;
}

static void draw_list(struct view *v)
{
	struct walk_view *w = v->priv;
	struct app *a = v->app;
	const struct qset *qs = a->qs;
	const struct rect *r = &a->lay.list;
	struct rect in = below_title(r);
	struct rect title = { in.y, in.x + LIST_TITLE_X, in.h, in.w - LIST_TITLE_X - 1 };
	struct risk_counts c;
	char count[64];
	size_t rows = walk_list_rows(qs), cur = walk_list_row_of(qs, a->cur_q);
	size_t ai = 0;

	if (r->w == 0)
		return;
	risk_count(qs, a->ses.rv, RISK_ALL_AREAS, &c);
	snprintf(count, sizeof(count), "%zu/%zu ", c.answered, c.total);
	pane_title(v, r, PANE_LIST, "Questions", count);
	list_measure(v, &in);
	/* Keep the current question in view, its area's title too when there is room. */
	if (w->list_y[cur + 1] - w->list_top > in.h)
		w->list_top = w->list_y[cur + 1] - in.h;
	if (w->list_y[cur] < w->list_top)
		w->list_top = w->list_y[cur > 0 && walk_list_question_at(qs, cur - 1) < 0 ? cur - 1
		                                                                          : cur];
	for (size_t row = 0; row < rows; row++) {
		long qi = walk_list_question_at(qs, row);
		int y = w->list_y[row] - w->list_top;
		const struct question *q;
		const struct answer *ans;
		struct badge b;
		enum color_el el;
		int x;

		if (qi < 0) {
			draw_text(&in, y, 1, EL_AREA, qs->areas[ai++].title);
			continue;
		}
		q = &qs->questions[qi];
		ans = review_find(a->ses.rv, q->id);
		b = badge_of(risk_question(q, ans));
		el = (size_t)qi != a->cur_q  ? EL_NORMAL
		     : w->focus == PANE_LIST ? EL_CURSOR
		                             : EL_CURSOR_DIM;
		for (int k = y; el != EL_NORMAL && k < w->list_y[row + 1] - w->list_top; k++)
			draw_fill(&in, k, 0, -1, el);
		x = draw_printf(&in, y, 1, el, "%s", q->id);
		x += 1 + draw_text(&in, y, 1 + x, ans && ans->flagged ? EL_FLAG : el,
		                   ans && ans->flagged ? "⚑" : " ");
		x += draw_text(&in, y, 1 + x, b.el, b.text);
		/* Answered in part: evidence decided some practices, people not yet the rest. */
		if (answer_is_answered(ans) && !answer_is_complete(ans))
			draw_text(&in, y, 1 + x, el == EL_NORMAL ? EL_RISK_MEDIUM : el, "?");
		if (in.w > LAYOUT_LIST_COLS)
			draw_wrapped(&title, y, 0, 0, el, q->title);
	}
}

static const char *risk_word(enum bp_risk r)
{
	return r == BP_RISK_HIGH ? "high" : r == BP_RISK_MEDIUM ? "medium" : "low";
}

static enum color_el risk_el(enum bp_risk r)
{
	return r == BP_RISK_HIGH     ? EL_RISK_HIGH
	       : r == BP_RISK_MEDIUM ? EL_RISK_MEDIUM
	                             : EL_RISK_LOW;
}

static const char *na_label(enum na_reason r)
{
	for (size_t i = 0; i < NA_MENU_COUNT; i++)
		if (na_menu[i].reason == r)
			return na_menu[i].label;
	return "";
}

/* Draws the main pane's content from content row `top` into in, and records where each
 * item is; with in->h 0 it only measures. Returns the content's height. */
static int main_content(struct view *v, const struct rect *in, int top)
{
	static const char na_hint[] = "Not applicable: ticks are kept but do not count.";
	struct walk_view *w = v->priv;
	struct app *a = v->app;
	const struct question *q = cur_question(v);
	const struct answer *ans = cur_answer(v);
	bool big = a->workshop, focus = w->focus == PANE_MAIN;
	/* Workshop mode reads the focused practice out from the question itself, unless the
	 * guidance pane beside it already shows it. */
	bool inline_desc = big && a->lay.guide.w == 0;
	int y = 0, n = (int)walk_item_count(q);
	struct rect text = *in;

	text.x += 1;
	text.w -= 2;
	if (w->n_items < (size_t)n) {
		w->item_y = xrealloc(w->item_y, (size_t)n * sizeof(*w->item_y));
		w->item_h = xrealloc(w->item_h, (size_t)n * sizeof(*w->item_h));
		w->n_items = (size_t)n;
	}
	y += draw_wrapped(&text, y - top, 0, 0, EL_QUESTION, q->title);
	if (ans && ans->na != NA_NO)
		y += draw_wrapped(&text, y - top, 0, 0, EL_DIM, na_hint);
	y++;
	for (int i = 0; i < n; i++) {
		enum walk_item kind = walk_item_kind(q, (size_t)i);
		bool cur = (size_t)i == w->item;
		enum color_el el = cur ? (focus ? EL_CURSOR : EL_CURSOR_DIM) : EL_NORMAL;
		struct rect line = { text.y, text.x + 4, text.h, text.w - 4 };
		char buf[512];
		const char *box = "[ ]", *label = buf;
		bool on = false, open = false;
		int ly = y - top, h;

		if (kind == WALK_ITEM_BP) {
			const struct bp *bp = &q->bps[i];
			const char *shortid = strrchr(bp->id, '-');
			on = ans && answer_has(ans, bp->id);
			/* Open: evidence decided others of the question, this one waits for
			 * people (an unanswered question's practices are simply unticked). */
			open = !answer_is_complete(ans) && answer_is_open(ans, bp->id);
			line.w -= 7; /* room for the risk level on the right */
			snprintf(buf, sizeof(buf), "%s %s%s", shortid ? shortid + 1 : bp->id,
			         bp->title,
			         open ? " (open: for people to decide)"
			         : ans && answer_source(ans, bp->id) == SOURCE_EVIDENCE
			                 ? on ? " (from evidence)" : " (missing, from evidence)"
			                 : "");
		} else if (kind == WALK_ITEM_NONE) {
			on = ans && ans->none_of_these;
			snprintf(buf, sizeof(buf), "None of these");
		} else if (kind == WALK_ITEM_NA) {
			on = ans && ans->na != NA_NO;
			if (on)
				snprintf(buf, sizeof(buf), "Not applicable: %s%s%s",
				         na_label(ans->na), ans->na_note ? " — " : "",
				         ans->na_note ? ans->na_note : "");
			else
				snprintf(buf, sizeof(buf), "Not applicable…");
		} else {
			box = "✎";
			label = ans && ans->notes ? "Notes (Enter or n to edit):"
			                          : "Notes: none yet (Enter or n to write)";
		}
		if (on)
			box = "[x]";
		else if (open)
			box = "[?]";
		/* Measure first, so the whole item gets the cursor's background. */
		h = (int)wrap_count(label, strlen(label), line.w);
		if (kind == WALK_ITEM_NOTES && ans && ans->notes)
			h += (int)wrap_count(ans->notes, strlen(ans->notes), line.w);
		if (inline_desc && kind == WALK_ITEM_BP && cur && q->bps[i].description)
			h += (int)wrap_count(q->bps[i].description, strlen(q->bps[i].description),
			                     line.w);
		w->item_y[i] = y;
		w->item_h[i] = h;
		for (int k = 0; cur && k < h; k++)
			draw_fill(in, ly + k, 0, -1, el);
		draw_text(&text, ly, 0,
		          cur    ? el
		          : on   ? EL_CHECK
		          : open ? EL_RISK_MEDIUM
		                 : EL_NORMAL,
		          box);
		ly += draw_wrapped(&line, ly, 0, 0, el, label);
		if (kind == WALK_ITEM_BP) {
			enum bp_risk rk = q->bps[i].risk;
			struct rect rr = { text.y, text.x + text.w - 6, text.h, 6 };
			draw_text_right(&rr, y - top, cur ? el : risk_el(rk), risk_word(rk));
			if (inline_desc && cur && q->bps[i].description)
				draw_wrapped(&line, ly, 0, 0, el, q->bps[i].description);
		}
		if (kind == WALK_ITEM_NOTES && ans && ans->notes)
			draw_wrapped(&line, ly, 0, 0, cur ? el : EL_OK, ans->notes);
		y += h + (big && kind == WALK_ITEM_BP ? 1 : 0);
		if (kind == WALK_ITEM_BP && i == (int)q->n_bps - 1)
			y++; /* a gap between the best practices and the rest */
	}
	return y;
}

static void draw_menu(struct view *v, const struct rect *main)
{
	struct walk_view *w = v->priv;
	int h = NA_MENU_COUNT + 3, wd = 46;
	struct rect r = { main->y + (main->h - h) / 2, main->x + (main->w - wd) / 2, h, wd };
	struct rect in = { r.y + 2, r.x + 2, r.h - 3, r.w - 4 };
	struct rect hint = { r.y + 1, r.x + 2, 1, r.w - 4 };

	draw_clear(&r, EL_NORMAL);
	draw_box(&r, EL_PANE_TITLE_FOCUS, "Not applicable because…");
	draw_text(&hint, 0, 0, EL_DIM, "Enter chooses, Esc cancels");
	for (int i = 0; i < (int)NA_MENU_COUNT; i++) {
		enum color_el el = i == w->menu_cur ? EL_CURSOR : EL_NORMAL;
		if (i == w->menu_cur)
			draw_fill(&in, i, 0, -1, el);
		draw_printf(&in, i, 1, el, "%d %s", i + 1, na_menu[i].label);
	}
}

static void draw_main(struct view *v)
{
	struct walk_view *w = v->priv;
	struct app *a = v->app;
	const struct rect *r = &a->lay.main;
	struct rect in = below_title(r);
	const struct question *q = cur_question(v);
	const struct answer *ans = cur_answer(v);
	struct badge b = badge_of(risk_question(q, ans));
	char left[256], right[64];
	int total, y0, y1;

	snprintf(left, sizeof(left), "%s · %s", q->id, a->qs->areas[q->area].title);
	if (answer_is_answered(ans) && !answer_is_complete(ans))
		snprintf(right, sizeof(right), "%zu open%s ", ans->n_open,
		         ans->flagged ? " · ⚑ flagged" : "");
	else
		snprintf(right, sizeof(right), "%s", ans && ans->flagged ? "⚑ flagged " : "");
	pane_title(v, r, PANE_MAIN, left, right);
	{
		struct rect t = { r->y, r->x, 1, r->w - (int)wrap_width(right, strlen(right)) - 1 };
		draw_text_right(&t, 0, b.el, b.text);
	}
	{
		struct rect measure = in;
		measure.h = 0;
		total = main_content(v, &measure, 0);
	}
	/* Keep the focused item in view, with the question's title when it fits. */
	y0 = w->item_y[w->item];
	y1 = y0 + w->item_h[w->item];
	if (y1 - w->main_top > in.h)
		w->main_top = y1 - in.h;
	if (y0 < w->main_top)
		w->main_top = y0;
	if (w->item == 0 && y1 <= in.h)
		w->main_top = 0;
	if (w->main_top > total - in.h)
		w->main_top = total - in.h > 0 ? total - in.h : 0;
	if (w->menu) {
		/* A modal choice: the question's title above it, nothing half-hidden beside it. */
		draw_clear(&in, EL_NORMAL);
		draw_wrapped(&(struct rect){ in.y, in.x + 1, in.h, in.w - 2 }, 0, 0, 0, EL_QUESTION,
		             q->title);
		draw_menu(v, &in);
		return;
	}
	main_content(v, &in, w->main_top);
}

/* Guidance for the focused best practice, else the question's description. Returns the
 * content height. */
static int guide_content(struct view *v, const struct rect *in, int top)
{
	struct app *a = v->app;
	const struct question *q = cur_question(v);
	struct rect text = { in->y, in->x + 1, in->h, in->w - 2 };
	int y = -top;

	if (a->cur_bp < 0) {
		y += draw_wrapped(&text, y, 0, 0, EL_NORMAL, q->description) + 1;
		y += draw_wrapped(&text, y, 0, 0, EL_DIM,
		                  "Move to a best practice for what it "
		                  "means and how to put it in place.");
		return y + top;
	}
	{
		const struct bp *bp = &q->bps[a->cur_bp];
		y += draw_wrapped(&text, y, 0, 0, EL_QUESTION, bp->title);
		y += draw_wrapped(&text, y, 0, 0, EL_NORMAL, bp->description) + 1;
		if (bp->why) {
			draw_text(&text, y++, 0, EL_HEADING, "Why it matters");
			y += draw_wrapped(&text, y, 0, 0, EL_NORMAL, bp->why) + 1;
		}
		if (bp->n_steps) {
			draw_text(&text, y++, 0, EL_HEADING, "How to put it in place");
			for (size_t i = 0; i < bp->n_steps; i++) {
				struct rect step = { text.y, text.x + 3, text.h, text.w - 3 };
				draw_printf(&text, y, 0, EL_DIM, "%zu.", i + 1);
				y += draw_wrapped(&step, y, 0, 0, EL_NORMAL, bp->steps[i]);
			}
			y++;
		}
		if (bp->n_services) {
			int x = draw_text(&text, y, 0, EL_HEADING, "AWS services: ");
			char buf[512] = "";
			size_t used = 0;
			for (size_t i = 0; i < bp->n_services && used < sizeof(buf); i++)
				used += (size_t)snprintf(buf + used, sizeof(buf) - used, "%s%s",
				                         i ? ", " : "", bp->services[i]);
			{
				struct rect rest = { text.y, text.x + x, text.h, text.w - x };
				y += draw_wrapped(&rest, y, 0, 0, EL_NORMAL, buf) + 1;
			}
		}
		if (bp->n_links) {
			draw_text(&text, y++, 0, EL_HEADING, "Links");
			for (size_t i = 0; i < bp->n_links; i++) {
				y += draw_wrapped(&text, y, 0, 0, EL_NORMAL, bp->links[i].title);
				y += draw_wrapped(&text, y, 2, 0, EL_LINK, bp->links[i].url);
			}
		}
	}
	return y + top;
}

static void draw_guide(struct view *v)
{
	struct walk_view *w = v->priv;
	struct app *a = v->app;
	const struct rect *r = &a->lay.guide;
	struct rect in = below_title(r), off = in;
	const struct question *q = cur_question(v);
	char title[160];
	int total;

	if (r->h == 0 || r->w == 0)
		return;
	if (a->cur_bp >= 0) {
		const struct bp *bp = &q->bps[a->cur_bp];
		snprintf(title, sizeof(title), "%s · risk %s · effort %s", bp->id,
		         risk_word(bp->risk), effort_name(bp->effort));
	} else {
		snprintf(title, sizeof(title), "About %s", q->id);
	}
	pane_title(v, r, PANE_GUIDE, title, NULL);
	/* Measure off-screen first, so scrolling stops at the end. */
	off.h = 0;
	total = guide_content(v, &off, 0);
	if (total > in.h) {
		/* The last row says there is more, and how to get to it. */
		struct rect more = { in.y + in.h - 1, in.x, 1, in.w };
		in.h--;
		draw_text_right(&more, 0, EL_DIM,
		                w->guide_top + in.h >= total ? "end "
		                : w->focus == PANE_GUIDE     ? "↓ more "
		                                             : "↓ more: Tab here ");
	}
	if (w->guide_top > total - in.h)
		w->guide_top = total - in.h > 0 ? total - in.h : 0;
	guide_content(v, &in, w->guide_top);
}

/* The evidence pane: while it has the keys it takes the room of the main and guidance
 * panes too, so findings, their resources and the suggestions can be read. */
static struct rect evid_rect(const struct view *v)
{
	const struct layout *l = &v->app->lay;
	const struct walk_view *w = v->priv;
	struct rect r = l->evid;

	if (w->focus == PANE_EVID && r.h) {
		int bottom = r.y + r.h, right = r.x + r.w;
		r.y = l->main.y;
		r.x = l->main.x;
		r.h = bottom - r.y;
		r.w = right - r.x;
	}
	return r;
}

static void draw_evid(struct view *v)
{
	struct walk_view *w = v->priv;
	struct app *a = v->app;
	struct rect r = evid_rect(v);
	struct evpane p;
	char prog[200];
	char *scope = scope_describe(&a->ses.rv->wl.scope);
	struct evpane_look look = { w->focus == PANE_EVID, a->offline,
		                    a->collect ? collect_describe(a->collect, prog, sizeof(prog))
		                               : NULL,
		                    scope };

	evpane_build(&p, cur_question(v), cur_answer(v), app_evidence(a));
	evpane_draw(&p, &w->evid, &r, &look);
	evpane_clear(&p);
	free(scope);
}

static void draw(struct view *v)
{
	struct app *a = v->app;
	const struct layout *l = &a->lay;

	sync(v);
	draw_clear(&l->body, EL_NORMAL);
	draw_list(v);
	if (l->list.w)
		draw_vline(&(struct rect){ l->body.y, l->list.w, l->body.h, 1 }, 0, EL_SEPARATOR);
	draw_main(v);
	if (l->guide.w && l->guide.x > l->main.x)
		draw_vline(&(struct rect){ l->guide.y, l->guide.x - 1, l->guide.h, 1 }, 0,
		           EL_SEPARATOR);
	draw_guide(v);
	draw_evid(v);
}

/* ---- keys ---- */

static bool visible(const struct view *v, enum pane p)
{
	const struct layout *l = &v->app->lay;
	const struct rect *r = p == PANE_LIST    ? &l->list
	                       : p == PANE_MAIN  ? &l->main
	                       : p == PANE_GUIDE ? &l->guide
	                                         : &l->evid;

	return r->w > 0 && r->h > 1;
}

static int cycle_pane(struct view *v, int dir)
{
	struct walk_view *w = v->priv;

	for (int i = 0; i < PANE_COUNT; i++) {
		w->focus = (enum pane)((w->focus + PANE_COUNT + dir) % PANE_COUNT);
		if (visible(v, w->focus))
			break;
	}
	return UI_REDRAW;
}

static void resize(struct view *v)
{
	struct walk_view *w = v->priv;

	if (!visible(v, w->focus))
		w->focus = PANE_MAIN;
}

static int changed(struct view *v, struct answer *ans)
{
	answer_touch(v->app->ses.rv, ans, clock_now());
	return UI_SAVE | UI_REDRAW;
}

static struct answer *edit_answer(struct view *v)
{
	return review_get(v->app->ses.rv, cur_question(v)->id);
}

/* 0 is instant and clears every tick, so it says what it did and how to take it back. */
static int set_none(struct view *v)
{
	struct answer *ans = edit_answer(v);
	const char *qid = cur_question(v)->id;
	size_t ticks = ans->n_selected;

	answer_set_none(ans, !ans->none_of_these);
	if (!ans->none_of_these)
		app_did(v->app, false, "%s: 'none of these' taken back", qid);
	else if (ticks)
		app_did(v->app, false, "None of these on %s: %zu tick%s cleared", qid, ticks,
		        ticks == 1 ? "" : "s");
	else
		app_did(v->app, false, "None of these on %s", qid);
	return changed(v, ans);
}

static int open_menu(struct view *v)
{
	struct walk_view *w = v->priv;
	const struct answer *ans = cur_answer(v);

	w->menu = true;
	w->menu_cur = 0;
	for (int i = 0; ans && i < (int)NA_MENU_COUNT; i++)
		if (na_menu[i].reason == ans->na && ans->na != NA_NO)
			w->menu_cur = i;
	v->keymap = KM_MENU;
	return UI_REDRAW;
}

static int menu_key(struct view *v, enum action act, int k)
{
	struct walk_view *w = v->priv;
	struct answer *ans;
	int r;

	switch (act) {
	case ACT_UP: w->menu_cur = w->menu_cur > 0 ? w->menu_cur - 1 : 0; return UI_REDRAW;
	case ACT_DOWN:
		w->menu_cur = w->menu_cur < (int)NA_MENU_COUNT - 1 ? w->menu_cur + 1
		                                                   : (int)NA_MENU_COUNT - 1;
		return UI_REDRAW;
	case ACT_CANCEL:
		w->menu = false;
		v->keymap = KM_WALK;
		return UI_REDRAW;
	case ACT_ACCEPT: break;
	case ACT_PICK:
		/* Digits pick directly, as the menu numbers its items. */
		if (k < '1' || k >= '1' + (int)NA_MENU_COUNT)
			return UI_NONE;
		w->menu_cur = k - '1';
		break;
	case ACT_HELP: return UI_UNHANDLED;
	default: return UI_NONE;
	}
	w->menu = false;
	v->keymap = KM_WALK;
	ans = edit_answer(v);
	answer_set_na(ans, na_menu[w->menu_cur].reason, ans->na_note);
	if (ans->na != NA_NO)
		app_did(v->app, false, "%s: not applicable (%s)", cur_question(v)->id,
		        na_menu[w->menu_cur].label);
	else
		app_did(v->app, false, "%s: applicable again", cur_question(v)->id);
	r = changed(v, ans);
	if (ans->na != NA_NO)
		app_prompt(v->app, v, PROMPT_NA_NOTE,
		           "Why it does not apply (optional, Enter to "
		           "keep): ",
		           ans->na_note ? ans->na_note : "");
	return r;
}

static int toggle_item(struct view *v)
{
	struct walk_view *w = v->priv;
	const struct question *q = cur_question(v);
	struct answer *ans;

	switch (walk_item_kind(q, w->item)) {
	case WALK_ITEM_BP:
		ans = edit_answer(v);
		app_did(v->app, false, "%s %s", q->bps[w->item].id,
		        answer_toggle_bp(ans, q, w->item) ? "ticked: in place"
		                                          : "unticked: not in place");
		/* A practice changed by hand is the reviewers' decision, whatever evidence said. */
		if (answer_source(ans, q->bps[w->item].id) == SOURCE_EVIDENCE)
			answer_set_source(ans, q->bps[w->item].id, SOURCE_REVIEWER);
		return changed(v, ans);
	case WALK_ITEM_NONE: return set_none(v);
	case WALK_ITEM_NA: return open_menu(v);
	case WALK_ITEM_NOTES: return app_overlay(v->app, VIEW_NOTES);
	}
	return UI_NONE;
}

/* Down from the last item goes on to the next question, up from the first back to the
 * previous one, so j and k alone walk the whole review. */
static int move_item(struct view *v, int dir)
{
	struct walk_view *w = v->priv;
	const struct qset *qs = v->app->qs;
	size_t n = walk_item_count(cur_question(v)), qi = v->app->cur_q;

	if (dir > 0 && w->item + 1 < n)
		w->item++;
	else if (dir < 0 && w->item > 0)
		w->item--;
	else if (dir > 0 && qi + 1 < qs->n_questions)
		go_question(v, qi + 1, 0);
	else if (dir < 0 && qi > 0)
		go_question(v, qi - 1, walk_item_count(&qs->questions[qi - 1]) - 1);
	else
		return UI_NONE;
	sync(v);
	return UI_REDRAW;
}

static int move_question(struct view *v, int dir)
{
	size_t qi = v->app->cur_q, n = v->app->qs->n_questions;

	if ((dir < 0 && qi == 0) || (dir > 0 && qi + 1 >= n))
		return UI_NONE;
	go_question(v, dir > 0 ? qi + 1 : qi - 1, 0);
	return UI_REDRAW;
}

/* ] and [: the next or previous place still open for people, an unanswered question or a
 * practice evidence left open (walk_open()). */
static int next_open(struct view *v, int dir)
{
	struct walk_view *w = v->priv;
	struct app *a = v->app;
	const struct answer *ans = cur_answer(v);
	long bp = answer_is_answered(ans) ? (long)w->item : -1;
	size_t qi;
	long at;

	if (walk_open(a->qs, a->ses.rv, a->cur_q, bp, dir, &qi, &at)) {
		app_message(a, "Every question is answered in full: see the risk dashboard (5)");
		return UI_REDRAW;
	}
	go_question(v, qi, at >= 0 ? (size_t)at : 0);
	w->focus = PANE_MAIN;
	if (at < 0) {
		app_message(a, "%s: unanswered", cur_question(v)->id);
	} else {
		const struct answer *now = cur_answer(v);
		app_message(a, "%s: open, for people to decide (%zu of %s's practices open)",
		            cur_question(v)->bps[at].id, now ? now->n_open : 0,
		            cur_question(v)->id);
	}
	return UI_REDRAW;
}

static int search(struct view *v, const char *text)
{
	struct walk_view *w = v->priv;
	struct app *a = v->app;
	size_t qi;
	long bp;

	if (*text)
		snprintf(w->last_search, sizeof(w->last_search), "%s", text);
	if (!w->last_search[0])
		return UI_REDRAW;
	if (walk_search(a->qs, w->last_search, a->cur_q, a->cur_bp, &qi, &bp)) {
		app_error(a, "Nothing matches '%s'", w->last_search);
		return UI_REFUSED;
	}
	go_question(v, qi, bp >= 0 ? (size_t)bp : 0);
	w->focus = PANE_MAIN;
	app_message(a, "'%s' found in %s (/ then Enter finds the next)", w->last_search,
	            bp >= 0 ? a->qs->questions[qi].bps[bp].id : a->qs->questions[qi].id);
	return UI_REDRAW;
}

static int jump(struct view *v, const char *text)
{
	struct walk_view *w = v->priv;
	size_t qi;
	long bp;

	if (!*text)
		return UI_REDRAW;
	if (walk_jump(v->app->qs, text, &qi, &bp)) {
		app_error(v->app, "No question or best practice '%s' (try REL10 or REL10-BP03)",
		          text);
		return UI_REFUSED;
	}
	go_question(v, qi, bp >= 0 ? (size_t)bp : 0);
	w->focus = PANE_MAIN;
	return UI_REDRAW;
}

static int prompt(struct view *v, int id, const char *text)
{
	struct answer *ans;

	if (!text)
		return UI_REDRAW;
	switch (id) {
	case PROMPT_SEARCH: return search(v, text);
	case PROMPT_JUMP: return jump(v, text);
	case PROMPT_NA_NOTE:
		ans = edit_answer(v);
		if (ans->na == NA_NO)
			return UI_REDRAW;
		answer_set_na(ans, ans->na, text);
		app_did(v->app, false, "%s: the reason it does not apply %s", ans->question,
		        *text ? "noted" : "cleared");
		return changed(v, ans);
	}
	return UI_REDRAW;
}

static int click(struct view *v)
{
	struct walk_view *w = v->priv;
	struct app *a = v->app;
	const struct layout *l = &a->lay;
	int y = a->mouse_y, x = a->mouse_x;

	if (layout_contains(&l->list, y, x)) {
		int cy = y - l->list.y - 1 + w->list_top;
		w->focus = PANE_LIST;
		for (size_t row = 0; y > l->list.y && w->list_y && row < walk_list_rows(a->qs);
		     row++) {
			long qi = walk_list_question_at(a->qs, row);
			if (qi >= 0 && cy >= w->list_y[row] && cy < w->list_y[row + 1])
				go_question(v, (size_t)qi, 0);
		}
		return UI_REDRAW;
	}
	if (layout_contains(&l->main, y, x)) {
		int cy = y - l->main.y - 1 + w->main_top;
		w->focus = PANE_MAIN;
		for (size_t i = 0; y > l->main.y && i < walk_item_count(cur_question(v)); i++)
			if (cy >= w->item_y[i] && cy < w->item_y[i] + w->item_h[i]) {
				w->item = i;
				sync(v);
			}
		return UI_REDRAW;
	}
	if (layout_contains(&l->guide, y, x))
		w->focus = PANE_GUIDE;
	else if (layout_contains(&l->evid, y, x))
		w->focus = PANE_EVID;
	return UI_REDRAW;
}

/* Accepts the evidence's suggestion for best practice bi (-1: all of the question's). */
static int accept(struct view *v, long bi)
{
	const struct question *q = cur_question(v);
	const struct evidence *ev = app_evidence(v->app);
	struct bp_suggestion *sg;
	struct answer *ans;
	const char *one[1];
	size_t n;

	if (!ev) {
		app_error(v->app, "No evidence to accept: e collects it for %s", q->id);
		return UI_REDRAW;
	}
	if (bi >= (long)q->n_bps) {
		app_error(v->app, "Select a best practice first (j/k)");
		return UI_REDRAW;
	}
	sg = suggest_question(q, ev);
	ans = edit_answer(v);
	if (bi >= 0)
		one[0] = q->bps[bi].id;
	n = suggest_accept(q, ans, sg, one, bi >= 0 ? 1 : 0);
	if (!n) {
		if (bi >= 0)
			app_message(v->app,
			            "The evidence does not decide %s (%s): it stays with people",
			            q->bps[bi].id, verdict_label(sg[bi].v.verdict));
		else
			app_message(v->app,
			            "The evidence decides none of %s's practices: they stay with "
			            "people",
			            q->id);
		suggest_free(sg, q->n_bps);
		return UI_REDRAW;
	}
	suggest_free(sg, q->n_bps);
	app_did(v->app, false, "Accepted the evidence's suggestion for %zu best practice%s of %s%s",
	        n, n == 1 ? "" : "s", q->id,
	        answer_is_complete(ans) ? ""
	                                : "; the others stay open for people (] goes to them)");
	return changed(v, ans);
}

static int scroll(int *top, int delta)
{
	*top += delta;
	if (*top < 0)
		*top = 0;
	return UI_REDRAW;
}

static int key(struct view *v, enum action act, int k)
{
	struct walk_view *w = v->priv;
	struct app *a = v->app;
	struct answer *ans;
	int page = a->lay.main.h > 3 ? a->lay.main.h - 2 : 1;

	sync(v);
	if (w->menu)
		return menu_key(v, act, k);
	switch (act) {
	case ACT_UP:
	case ACT_DOWN: {
		int dir = act == ACT_UP ? -1 : 1;
		if (w->focus == PANE_LIST)
			return move_question(v, dir);
		if (w->focus == PANE_GUIDE)
			return scroll(&w->guide_top, dir);
		if (w->focus == PANE_EVID) {
			evpane_move(&w->evid, cur_question(v)->n_bps, dir);
			return UI_REDRAW;
		}
		return move_item(v, dir);
	}
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN: {
		int dir = act == ACT_PAGE_UP ? -1 : 1;
		if (w->focus == PANE_GUIDE)
			return scroll(&w->guide_top, dir * page);
		return move_question(v, dir);
	}
	case ACT_HOME:
		if (w->focus == PANE_LIST)
			go_question(v, 0, 0);
		else
			w->item = 0;
		return UI_REDRAW;
	case ACT_END:
		if (w->focus == PANE_LIST)
			go_question(v, a->qs->n_questions - 1, 0);
		else
			w->item = walk_item_count(cur_question(v)) - 1;
		return UI_REDRAW;
	case ACT_LEFT:
		if (visible(v, PANE_LIST))
			w->focus = PANE_LIST;
		return UI_REDRAW;
	case ACT_RIGHT: w->focus = PANE_MAIN; return UI_REDRAW;
	case ACT_NEXT_PANE: return cycle_pane(v, 1);
	case ACT_PREV_PANE: return cycle_pane(v, -1);
	case ACT_ENTER:
		if (w->focus != PANE_MAIN) {
			w->focus = PANE_MAIN;
			return UI_REDRAW;
		}
		return toggle_item(v);
	case ACT_TOGGLE:
		if (w->focus != PANE_MAIN ||
		    walk_item_kind(cur_question(v), w->item) == WALK_ITEM_NOTES) {
			w->focus = PANE_MAIN;
			return UI_REDRAW;
		}
		return toggle_item(v);
	case ACT_BACK: w->focus = visible(v, PANE_LIST) ? PANE_LIST : PANE_MAIN; return UI_REDRAW;
	case ACT_CLICK: return click(v);
	case ACT_NOTES:
		/* Back from the editor, the notes are what is in view. */
		w->item = walk_item_count(cur_question(v)) - 1;
		return app_overlay(a, VIEW_NOTES);
	case ACT_SEARCH: app_prompt(a, v, PROMPT_SEARCH, "Search: ", ""); return UI_REDRAW;
	case ACT_JUMP:
		app_prompt(a, v, PROMPT_JUMP, "Go to (REL10, REL10-BP03, 10.3): ", "");
		return UI_REDRAW;
	case ACT_NEXT_UNANSWERED: return next_open(v, 1);
	case ACT_PREV_UNANSWERED: return next_open(v, -1);
	case ACT_FLAG:
		ans = edit_answer(v);
		app_did(a, false, "%s %s", cur_question(v)->id,
		        answer_toggle_flag(ans) ? "flagged for follow-up" : "no longer flagged");
		return changed(v, ans);
	case ACT_NOT_APPLICABLE: return open_menu(v);
	case ACT_NONE_OF_THESE: return set_none(v);
	case ACT_EVIDENCE: return app_collect(a, cur_question(v)->id);
	case ACT_EVIDENCE_ALL: return app_collect(a, NULL);
	case ACT_ACCEPT_EVIDENCE:
		return accept(v, w->focus == PANE_EVID ? (long)w->evid.sel : a->cur_bp);
	case ACT_ACCEPT_ALL: return accept(v, -1);
	case ACT_TIMER_RESET:
		if (!a->workshop)
			return UI_UNHANDLED;
		timer_reset(&a->timer);
		app_message(a, "Timer restarted for %s", cur_question(v)->id);
		return UI_REDRAW;
	default: return UI_UNHANDLED;
	}
}

static const char *hint(struct view *v)
{
	const struct walk_view *w = v->priv;

	if (w->menu)
		return "1-5 or Enter choose  j/k move  Esc cancel";
	switch (w->focus) {
	case PANE_LIST: return "j/k question  Enter its practices  ] next open  / search  g go to";
	case PANE_GUIDE: return "j/k scroll  PgUp/PgDn page  Tab next pane  Esc question list";
	case PANE_EVID:
		return "j/k select  a accept  A accept all  e collect again  E every question  Tab "
		       "next pane";
	default: return NULL;
	}
}

const struct view_ops view_walk_ops = {
	.name = "walk",
	.title = "Questions",
	.hints = "Space tick  n notes  x n/a  f flag  ] next open  / search  e evidence",
	.keymap = KM_WALK,
	.private_size = sizeof(struct walk_view),
	.open = open_walk,
	.close = close_walk,
	.draw = draw,
	.key = key,
	.hint = hint,
	.resize = resize,
	.prompt = prompt,
};
