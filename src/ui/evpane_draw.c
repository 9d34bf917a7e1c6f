#include "ui/evpane_draw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/draw.h"
#include "util/sbuf.h"

static enum color_el outcome_el(enum outcome o)
{
	return o == OUTCOME_FAIL    ? EL_RISK_HIGH
	       : o == OUTCOME_ERROR ? EL_RISK_MEDIUM
	       : o == OUTCOME_PASS  ? EL_OK
	                            : EL_DIM;
}

static enum color_el verdict_el(enum verdict v)
{
	return v == VERDICT_NOT_IMPLEMENTED ? EL_RISK_HIGH
	       : v == VERDICT_NOT_VERIFIED  ? EL_RISK_MEDIUM
	       : v == VERDICT_IMPLEMENTED   ? EL_OK
	                                    : EL_DIM;
}

/* "Evidence · whole account · 2026-11-02 09:10Z · account 111122223333 · offline": the
 * pieces that fit; the scope early, since it says what the verdicts are about, and so the
 * accounts of a sweep of several ("3 accounts"; the findings list them). */
static void title(const struct evpane *p, const struct rect *r, const struct evpane_look *look)
{
	enum color_el el = look->focus ? EL_PANE_TITLE_FOCUS : EL_PANE_TITLE;
	struct sbuf b = { 0 };
	char *text;

	sbuf_puts(&b, "Evidence");
	if (look->progress)
		sbuf_printf(&b, " · %s…", look->progress);
	sbuf_printf(&b, " · %s", look->scope ? look->scope : "whole account");
	if (p->n_accounts)
		sbuf_printf(&b, " · %zu account%s", p->n_accounts, p->n_accounts == 1 ? "" : "s");
	/* "2026-11-02T09:10:00Z" as "2026-11-02 09:10Z": the minute is enough here. */
	if (p->collected && strlen(p->collected) == 20 && p->collected[10] == 'T' &&
	    p->collected[19] == 'Z')
		sbuf_printf(&b, " · %.10s %.5sZ", p->collected, p->collected + 11);
	else if (p->collected)
		sbuf_printf(&b, " · %s", p->collected);
	if (p->account)
		sbuf_printf(&b, " · account %s", p->account);
	if (look->offline)
		sbuf_puts(&b, " · offline");
	text = sbuf_take(&b);
	draw_fill(r, 0, 0, -1, el);
	draw_pieces(r, 0, 1, r->w - 2, el, text, " · ");
	free(text);
}

/* The suggested answers: one entry per best practice, the selected one marked. */
static int suggestions(const struct evpane *p, struct evpane_pos *pos, const struct rect *text,
                       int y, int top, bool focus)
{
	struct rect reasons = { text->y, text->x + 7, text->h, text->w - 7 };

	y += draw_wrapped(text, y, 0, 0, EL_HEADING, "Suggested answers");
	y += draw_wrapped(text, y, 0, 0, EL_DIM,
	                  focus ? "j/k select, a accepts the selected one, A all of them; Space "
	                          "in the question overrides."
	                        : "Tab here to select one; a accepts, A accepts all.");
	for (size_t i = 0; i < p->n_bps; i++) {
		const struct evpane_bp *b = &p->bps[i];
		bool sel = focus && i == pos->sel;
		enum color_el el = sel ? EL_CURSOR : EL_NORMAL;
		struct sbuf why = { 0 };
		char *line;
		int x;

		if (sel) {
			pos->sel_y = y + top;
			draw_fill(text, y, 0, -1, el);
		}
		x = draw_text(text, y, 0, el, sel ? "› " : "  ");
		x += draw_printf(text, y, x, el, "%-5s", b->short_id);
		x += draw_printf(text, y, x, sel ? el : verdict_el(b->v->verdict), "%-16s",
		                 verdict_label(b->v->verdict));
		if (b->state == BP_OPEN)
			draw_printf(text, y, x, sel ? el : EL_DIM, "now open");
		else
			draw_printf(text, y, x, sel ? el : EL_DIM, "now %s by %s",
			            b->state == BP_IN_PLACE ? "in place" : "missing",
			            b->by_evidence ? "evidence" : "people");
		y++;
		/* why, in one sentence; what accepting does when it decides nothing */
		sbuf_puts(&why, b->v->why);
		if (!b->decides && b->v->n_reasons)
			sbuf_puts(&why, " (accepting leaves it to people)");
		line = sbuf_take(&why);
		if (*line)
			y += draw_wrapped(&reasons, y, 0, 0, EL_DIM, line);
		free(line);
	}
	return y;
}

/* The question's findings: the outcome and title of each probe, then each Region's result
 * with the resources it names. */
static int findings(const struct evpane *p, const struct rect *text, int y)
{
	struct rect region = { text->y, text->x + 2, text->h, text->w - 2 };
	struct rect cited = { text->y, text->x + 4, text->h, text->w - 4 };

	y += draw_wrapped(text, y, 0, 0, EL_HEADING, "Findings");
	if (p->n_accounts) {
		/* which accounts were swept, whichever of them answered */
		struct sbuf b = { 0 };
		char *line;

		sbuf_puts(&b, "From accounts ");
		for (size_t i = 0; i < p->n_accounts; i++)
			sbuf_printf(&b, "%s%s", i ? ", " : "", p->accounts[i]);
		sbuf_puts(&b, "; each result names its account.");
		line = sbuf_take(&b);
		y += draw_wrapped(text, y, 0, 0, EL_DIM, line);
		free(line);
	}
	for (size_t i = 0; i < p->n_findings; i++) {
		const struct finding *f = p->findings[i];
		int x = draw_printf(text, y, 0, outcome_el(f->outcome), "%-6s",
		                    outcome_label(f->outcome));
		struct rect rest = { text->y, text->x + x, text->h, text->w - x };

		y += draw_wrapped(&rest, y, 0, 0, EL_NORMAL, f->title ? f->title : f->probe);
		for (size_t k = 0; k < f->n_results; k++) {
			const struct region_result *rr = &f->results[k];
			char line[1024], where[64];

			/* a sweep of several accounts names the account next to the Region */
			snprintf(line, sizeof(line), "%s: %s",
			         region_result_where(rr, where, sizeof(where)),
			         rr->text            ? rr->text
			         : rr->fault.message ? rr->fault.message
			                             : outcome_label(rr->outcome));
			y += draw_wrapped(&region, y, 0, 0, EL_DIM, line);
			for (size_t c = 0; c < rr->n_cited; c++) {
				draw_text(&region, y, 0, EL_DIM, "•");
				y += draw_wrapped(&cited, y, 0, 0, EL_LINK, rr->cited[c]);
			}
			if (rr->count > (long)rr->n_cited && rr->n_cited) {
				snprintf(line, sizeof(line), "… and %ld more",
				         rr->count - (long)rr->n_cited);
				y += draw_wrapped(&cited, y, 0, 0, EL_DIM, line);
			}
		}
	}
	return y;
}

/* Everything below the title from content row 0, shifted up by top rows; with text->h 0 it
 * only measures. Returns the content's height. */
static int content(const struct evpane *p, struct evpane_pos *pos, const struct rect *text, int top,
                   const struct evpane_look *look)
{
	int y;

	if (p->state != EVPANE_FINDINGS) {
		const char *why =
		        look->offline ? "No evidence stored for this question, and offline "
		                        "(--offline) none is collected."
		        : p->state == EVPANE_NOT_HERE
		                ? "No evidence for this question yet: e collects it (E: every "
		                  "question, in the background)."
		                : "No evidence collected yet: e collects it for this question "
		                  "(E: every question, in the background).";
		return draw_wrapped(text, -top, 0, 0, EL_DIM, why);
	}
	y = suggestions(p, pos, text, -top, top, look->focus) + 1;
	return findings(p, text, y) + top;
}

void evpane_draw(const struct evpane *p, struct evpane_pos *pos, const struct rect *r,
                 const struct evpane_look *look)
{
	struct rect in = { r->y + 1, r->x + 1, r->h - 1, r->w - 2 }, off = in;
	int total;

	if (r->h == 0 || r->w == 0)
		return;
	draw_clear(r, EL_NORMAL);
	title(p, r, look);
	if (pos->sel >= p->n_bps)
		pos->sel = 0;
	if (p->state == EVPANE_FINDINGS && in.h < 4 && !look->focus) {
		/* No room to list them: what they come to, and where to read them. */
		char sum[160];
		char line[256];
		snprintf(line, sizeof(line), "%s  Tab here to read",
		         evpane_summary(p, sum, sizeof(sum)));
		draw_pieces(&in, 0, 0, -1, EL_NORMAL, line, "  ");
		return;
	}
	off.h = 0;
	total = content(p, pos, &off, 0, look);
	if (pos->follow) {
		pos->follow = false;
		if (pos->sel_y < pos->top + 1)
			pos->top = pos->sel_y > 0 ? pos->sel_y - 1 : 0;
		else if (pos->sel_y >= pos->top + in.h)
			pos->top = pos->sel_y - in.h + 1;
	}
	if (pos->top > total - in.h)
		pos->top = total - in.h > 0 ? total - in.h : 0;
	content(p, pos, &in, pos->top, look);
}
