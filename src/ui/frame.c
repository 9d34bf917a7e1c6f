#include "ui/frame.h"

#include <stdio.h>
#include <string.h>

#include "model/risk.h"
#include "ui/bigtext.h"
#include "ui/draw.h"
#include "ui/wrap.h"

static void title_bar(struct app *a)
{
	const struct rect *r = &a->lay.title;
	const struct review *rv = a->ses.rv;
	struct risk_counts c;
	int x;

	draw_fill(r, 0, 0, -1, EL_TITLE);
	x = draw_text(r, 0, 0, EL_TITLE, " wa-review ");
	if (!rv) {
		draw_text(r, 0, x, EL_TITLE, "│ no review open");
		return;
	}
	risk_count(a->qs, rv, RISK_ALL_AREAS, &c);
	{
		char line[512];
		snprintf(line, sizeof(line), "│ %s%s │ %zu/%zu answered · %zu high · %zu medium ",
		         rv->wl.name ? rv->wl.name : "(unnamed)", a->ses.demo ? " (demo copy)" : "",
		         c.answered, c.total, c.high, c.medium);
		x += draw_pieces(r, 0, x, -1, EL_TITLE, line, " │ ");
	}
	if (a->ses.save_failed)
		draw_text_right(r, 0, EL_STATUS_ERROR, " NOT SAVED ");
	else if (a->saved[0]) {
		char buf[48];
		snprintf(buf, sizeof(buf), " %s ", a->saved);
		if (x + (int)strlen(buf) < r->w)
			draw_text_right(r, 0, EL_TITLE, buf);
	}
}

static void tabs(struct app *a)
{
	const struct rect *r = &a->lay.tabs;
	int x = 0;

	if (r->h == 0)
		return;
	draw_fill(r, 0, 0, -1, EL_TAB);
	for (int i = 0; i < VIEW_TABS; i++) {
		enum color_el el = (enum view_id)i == a->current ? EL_TAB_ACTIVE : EL_TAB;
		/* app.c's click_tabs counts the same widths: title + 3. */
		x += draw_printf(r, 0, x, el, " %d %s", i + 1,
		                 app_view_ops((enum view_id)i)->title);
	}
}

static void banner(struct app *a)
{
	const struct rect *r = &a->lay.banner;
	const struct question *q = &a->qs->questions[a->cur_q];
	char big[256], clock[16], box[16], line[160];
	long secs = timer_elapsed(&a->timer);
	enum timer_state st = timer_state_of(secs, a->timer.timebox);
	enum color_el tel = st == TIMER_RED     ? EL_TIMER_RED
	                    : st == TIMER_AMBER ? EL_TIMER_AMBER
	                                        : EL_TIMER_OK;
	int tw, tx, idw = bigtext_width(q->id) + 2;
	const struct answer *ans = a->ses.rv ? review_find(a->ses.rv, q->id) : NULL;
	struct risk_counts c;

	timer_format(secs, clock, sizeof(clock));
	timer_format(a->timer.timebox, box, sizeof(box));
	tw = bigtext_width(clock) + 2;
	tx = r->w - tw;
	draw_clear(r, EL_NORMAL);
	for (int row = 0; row < BIGTEXT_ROWS; row++) {
		draw_text(r, row, 1, EL_BANNER, bigtext_row(q->id, row, big, sizeof(big)));
		draw_fill(r, row, tx, tw, tel);
		draw_text(r, row, tx + 1, tel, bigtext_row(clock, row, big, sizeof(big)));
	}
	if (a->ses.rv)
		risk_count(a->qs, a->ses.rv, RISK_ALL_AREAS, &c);
	else
		memset(&c, 0, sizeof(c));
	{
		struct rect mid = { r->y, r->x + idw + 1, r->h, tx - idw - 2 };
		draw_text(&mid, 0, 0, EL_AREA, a->qs->areas[q->area].title);
		snprintf(line, sizeof(line), "Question %zu of %zu · %zu answered%s", a->cur_q + 1,
		         a->qs->n_questions, c.answered, ans && ans->flagged ? " · ⚑ flagged" : "");
		draw_text(&mid, 1, 0, EL_NORMAL, line);
		snprintf(line, sizeof(line), "time box %s%s", box,
		         st == TIMER_RED     ? " · over time"
		         : st == TIMER_AMBER ? " · nearly up"
		                             : "");
		draw_text(&mid, 2, 0, st == TIMER_OK ? EL_DIM : EL_ERROR, line);
	}
}

static void people(struct app *a)
{
	const struct rect *r = &a->lay.people;
	const struct workload *wl = a->ses.rv ? &a->ses.rv->wl : NULL;
	int x;

	draw_fill(r, 0, 0, -1, EL_PEOPLE);
	x = draw_text(r, 0, 0, EL_PEOPLE, " Participants: ");
	if (!wl || wl->n_participants == 0) {
		draw_text(r, 0, x, EL_PEOPLE, "none listed (add them in the workload form, 2)");
		return;
	}
	/* Whole names only: those that do not fit are counted instead. */
	for (size_t i = 0; i < wl->n_participants; i++) {
		const struct participant *p = &wl->participants[i];
		char one[256], more[32];
		int w;

		snprintf(one, sizeof(one), "%s%s%s%s%s", i ? " · " : "", p->name,
		         p->role ? " (" : "", p->role ? p->role : "", p->role ? ")" : "");
		snprintf(more, sizeof(more), " · +%zu more", wl->n_participants - i);
		w = wrap_width(one, strlen(one));
		/* Room for this one, and for saying how many more when others follow. */
		if (x + w + (i + 1 < wl->n_participants ? (int)strlen(more) : 0) > r->w - 1) {
			draw_text(r, 0, x, EL_PEOPLE, more);
			return;
		}
		x += draw_text(r, 0, x, EL_PEOPLE, one);
	}
}

/* The status message over as many rows as it needs (at most 3), its last row at row y of
 * the screen, so a long message or error is read whole; rows above the status row cover the
 * bottom of the screen until the next key. */
static void message(struct app *a, int y)
{
	enum color_el el = a->msg_error ? EL_STATUS_ERROR : EL_STATUS;
	int w = a->lay.cols, n = (int)wrap_count(a->msg, strlen(a->msg), w - 2);
	struct rect r;

	if (n > 3)
		n = 3;
	r = (struct rect){ y - n + 1, 0, n, w };
	draw_clear(&r, el);
	draw_wrapped(&(struct rect){ r.y, 1, n, w - 2 }, 0, 0, 0, el, a->msg);
}

/* The key hints that fit, and at the right end how to get help and quit where those keys
 * work. */
static void hints(struct app *a, const struct rect *r)
{
	struct view *v = app_focus(a);
	const char *h = v->ops->hint ? v->ops->hint(v) : NULL;
	const char *right = keymap_has_globals(v->keymap) ? "? help  q quit " : "";
	int rw = wrap_width(right, strlen(right));

	draw_fill(r, 0, 0, -1, EL_STATUS);
	draw_pieces(r, 0, 1, r->w - 1 - rw - 2, EL_STATUS,
	            h               ? h
	            : v->ops->hints ? v->ops->hints
	                            : "",
	            "  ");
	draw_text_right(r, 0, EL_STATUS, right);
}

static void status(struct app *a, int *cy, int *cx)
{
	const struct rect *r = &a->lay.status;

	*cy = -1;
	if (a->prompt.active) {
		const struct textbuf *tb = &a->prompt.tb;
		int lw = wrap_width(a->prompt.label, strlen(a->prompt.label));
		int room = r->w - lw - 1;
		/* Long input scrolls sideways so the cursor stays visible. */
		size_t skip = wrap_scroll(tb->s, tb->cur, room);

		draw_fill(r, 0, 0, -1, EL_PROMPT);
		draw_text(r, 0, 0, EL_PROMPT, a->prompt.label);
		draw_textn(r, 0, lw, room, EL_PROMPT, tb->s + skip, tb->len - skip);
		*cy = r->y;
		*cx = r->x + lw + wrap_width(tb->s + skip, tb->cur - skip);
		/* An error about the answer, or the choices Tab found, just above it. */
		if (a->msg[0])
			message(a, r->y - 1);
		return;
	}
	if (a->msg[0])
		message(a, r->y);
	else
		hints(a, r);
}

void frame_draw(struct app *a, int *cy, int *cx)
{
	title_bar(a);
	tabs(a);
	if (a->workshop && a->lay.banner.h) {
		banner(a);
		people(a);
	}
	status(a, cy, cx);
}

void frame_draw_too_small(const struct app *a)
{
	struct rect all = { 0, 0, a->lay.rows, a->lay.cols };
	char l1[80], l2[80];
	const char *lines[4];
	int top;

	snprintf(l1, sizeof(l1), "wa-review needs at least %dx%d;", LAYOUT_MIN_COLS,
	         LAYOUT_MIN_ROWS);
	snprintf(l2, sizeof(l2), "this terminal is %dx%d.", a->lay.cols, a->lay.rows);
	lines[0] = "Please enlarge the terminal.";
	lines[1] = l1;
	lines[2] = l2;
	lines[3] = "Your review is saved; q quits.";
	draw_clear(&all, EL_NORMAL);
	top = (all.h - 4) / 2;
	if (top < 0)
		top = 0;
	for (int i = 0; i < 4; i++) {
		int w = wrap_width(lines[i], strlen(lines[i])), x = (all.w - w) / 2;
		draw_text(&all, top + i, x < 0 ? 0 : x, i == 0 ? EL_ERROR : EL_NORMAL, lines[i]);
	}
}
