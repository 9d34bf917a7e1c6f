/* The risk dashboard: per area and overall, how many questions are answered and at which
 * risk, as bars a room can read, the high-risk questions by name, and the availability
 * picture: the target against the computed and measured figures, the single points of
 * failure and what downtime costs. Enter takes the walk to the selected area. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/avail.h"
#include "model/risk.h"
#include "model/verdict.h"
#include "util/clock.h"
#include "util/sbuf.h"
#include "ui/app.h"
#include "ui/draw.h"
#include "ui/view.h"
#include "ui/walk.h"

struct dashboard {
	int cur; /* area index */
};

enum { ROW_OVERALL = 1, ROW_AREAS = 5, AREA_ROWS = 2, LABEL_W = 28 };

/* Segments in the bar, with their glyph so they differ without colour too. */
static const struct {
	enum color_el el;
	const char *glyph;
	const char *label;
} seg[] = {
	{ EL_BAR_HIGH, "█", "high" },        { EL_BAR_MEDIUM, "▓", "medium" },
	{ EL_BAR_NONE, "▒", "no risk" },     { EL_BAR_NA, "░", "not applicable" },
	{ EL_BAR_EMPTY, "·", "unanswered" },
};

static void bar(const struct rect *r, int y, int x, int w, const struct risk_counts *c)
{
	size_t counts[5] = { c->high, c->medium, c->none, c->not_applicable,
		             c->total - c->answered };
	int used = 0;
	size_t acc = 0;

	if (c->total == 0)
		return;
	for (int s = 0; s < 5; s++) {
		/* Cumulative rounding, so the segments always add up to w. */
		int end;
		acc += counts[s];
		end = (int)((acc * (size_t)w + c->total / 2) / c->total);
		for (; used < end; used++)
			draw_text(r, y, x + used, seg[s].el, seg[s].glyph);
	}
}

static void counts_text(const struct risk_counts *c, char *buf, size_t len)
{
	snprintf(buf, len, "%zu/%zu answered  %zu high  %zu medium  %zu N/A", c->answered, c->total,
	         c->high, c->medium, c->not_applicable);
}

/* One row: label, then the IDs of the questions that are at high risk (high) or flagged,
 * wrapped under the label when they do not fit. Returns the rows used. */
static int questions_where(struct view *v, const struct rect *in, int y, const char *label,
                           enum color_el el, bool high)
{
	struct app *a = v->app;
	const struct qset *qs = a->qs;
	struct sbuf b = { 0 };
	int x = draw_text(in, y, 0, el, label), rows;
	char *text;

	for (size_t i = 0; i < qs->n_questions; i++) {
		const struct answer *ans = review_find(a->ses.rv, qs->questions[i].id);
		if (high ? risk_question(&qs->questions[i], ans) == QRISK_HIGH
		         : ans && ans->flagged)
			sbuf_printf(&b, "%s%s", b.len ? ", " : "", qs->questions[i].id);
	}
	text = sbuf_take(&b);
	if (!*text) {
		draw_text(in, y, x, EL_DIM, "none");
		rows = 1;
	} else {
		struct rect rest = { in->y, in->x + x, in->h, in->w - x };
		rows = draw_wrapped(&rest, y, 0, 0, EL_NORMAL, text);
	}
	free(text);
	return rows > 0 ? rows : 1;
}

/* "Missing by evidence: REL10-BP01 not implemented, …": the practices accepted evidence
 * recorded missing, each with the verdict the evidence pane, the roadmap and the report
 * give it (model/verdict.h). Nothing when there are none. Returns rows used. */
static int evidence_gaps(struct view *v, const struct rect *in, int y)
{
	struct app *a = v->app;
	const struct qset *qs = a->qs;
	const struct evidence *ev = app_evidence(a);
	struct sbuf b = { 0 };
	char *text;
	int x, rows = 0;

	for (size_t i = 0; i < qs->n_questions; i++) {
		const struct question *q = &qs->questions[i];
		const struct answer *ans = review_find(a->ses.rv, q->id);

		for (size_t k = 0; ans && k < q->n_bps; k++) {
			struct bp_verdict vd;
			if (answer_source(ans, q->bps[k].id) != SOURCE_EVIDENCE ||
			    answer_bp_state(ans, q->bps[k].id) != BP_MISSING)
				continue;
			verdict_for_bp(ev, q->bps[k].id, &vd);
			sbuf_printf(&b, "%s%s %s", b.len ? ", " : "", q->bps[k].id,
			            verdict_label(vd.verdict));
			bp_verdict_clear(&vd);
		}
	}
	text = sbuf_take(&b);
	if (*text) {
		x = draw_text(in, y, 0, EL_RISK_HIGH, "Missing by evidence: ");
		struct rect rest = { in->y, in->x + x, in->h, in->w - x };
		rows = draw_wrapped(&rest, y, 0, 0, EL_NORMAL, text);
	}
	free(text);
	return rows;
}

/* The availability rows: target against computed and measured, single points of failure,
 * cost of downtime; each says what to do where a figure is missing. Returns rows used. */
static int availability(struct view *v, const struct rect *in, int y)
{
	const struct review *rv = v->app->ses.rv;
	struct avail_summary s;
	struct wa_err err;
	struct sbuf b = { 0 };
	char t[32], c[32], m[32], money[64], money2[64], *text;
	int y0 = y;

	err_clear(&err);
	if (avail_summarize_at(rv, (long long)clock_now(), &s, &err)) {
		draw_text_fit(in, y, 0, -1, EL_ERROR, err.msg);
		return 1;
	}
	if (s.target >= 0)
		avail_format(s.target, t, sizeof(t));
	sbuf_printf(&b, "Availability: target %s", s.target >= 0 ? t : "not set (2 Workload)");
	if (s.have_components) {
		avail_format(s.computed, c, sizeof(c));
		sbuf_printf(&b, " · computed %s%s", c,
		            s.target < 0             ? ""
		            : s.computed >= s.target ? " (meets it)"
		                                     : " (BELOW it)");
	} else {
		sbuf_printf(&b, " · computed: no components (c adds them)");
	}
	if (s.have_incidents) {
		avail_format(s.measured, m, sizeof(m));
		sbuf_printf(&b, " · from incidents %s (MTTR %.1f h)", m, s.mttr_hours);
	} else {
		sbuf_printf(&b, " · from incidents: none recorded");
	}
	/* The evidence's own measure: the lowest 30-day figure from requests and 5xx, and where. */
	if (s.have_requests) {
		avail_format(s.measured_requests, m, sizeof(m));
		sbuf_printf(&b, " · from requests %s (30 d, %s%s)%s", m, s.measured_requests_of,
		            s.n_request_measures > 1 ? ", the lowest" : "",
		            s.target < 0                      ? ""
		            : s.measured_requests >= s.target ? ""
		                                              : " BELOW the target");
	}
	text = sbuf_take(&b);
	y += draw_wrapped(in, y, 0, 0,
	                  (s.meets_target || s.target < 0) && (!s.have_requests || s.target < 0 ||
	                                                       s.measured_requests >= s.target)
	                          ? EL_NORMAL
	                          : EL_RISK_HIGH,
	                  text);
	free(text);
	for (size_t i = 0; i < s.n_single_points; i++)
		sbuf_printf(&b, "%s%s", i ? ", " : "", s.single_points[i]);
	text = sbuf_take(&b);
	{
		int x = draw_text(in, y, 0, EL_HEADING, "Single points of failure: ");
		struct rect rest = { in->y, in->x + x, in->h, in->w - x };
		if (*text) {
			y += draw_wrapped(&rest, y, 0, 0, EL_RISK_HIGH, text);
		} else {
			draw_text(in, y++, x, EL_DIM,
			          s.have_components ? "none" : "not known without components");
		}
	}
	free(text);
	if (s.have_cost) {
		avail_format_money(s.cost_per_year_computed, avail_currency(rv), money,
		                   sizeof(money));
		sbuf_printf(&b, "Cost of downtime: %s a year at the %s figure", money,
		            s.have_components ? "computed" : "measured");
		if (s.cost_per_year_target >= 0) {
			avail_format_money(s.cost_per_year_target, avail_currency(rv), money2,
			                   sizeof(money2));
			sbuf_printf(&b, ", %s at the target", money2);
		}
	} else {
		sbuf_printf(&b, "Cost of downtime: %s",
		            rv->wl.downtime_cost_per_hour < 0
		                    ? "no cost per hour set"
		                    : "needs a computed or measured figure");
	}
	text = sbuf_take(&b);
	y += draw_wrapped(in, y, 0, 0, EL_NORMAL, text);
	free(text);
	avail_summary_clear(&s);
	return y - y0;
}

static void draw(struct view *v)
{
	struct dashboard *d = v->priv;
	struct app *a = v->app;
	const struct qset *qs = a->qs;
	const struct rect *b = &a->lay.body;
	struct rect in = { b->y, b->x + 2, b->h, b->w - 4 };
	int bw = in.w - LABEL_W - 2, y, x;

	struct risk_counts c;
	char buf[160];

	if (bw > 60)
		bw = 60;
	draw_clear(b, EL_NORMAL);
	risk_count(qs, a->ses.rv, RISK_ALL_AREAS, &c);
	draw_text(&in, ROW_OVERALL, 0, EL_HEADING, "Overall");
	bar(&in, ROW_OVERALL, LABEL_W, bw, &c);
	counts_text(&c, buf, sizeof(buf));
	draw_text(&in, ROW_OVERALL + 1, LABEL_W, EL_NORMAL, buf);
	draw_text(&in, ROW_AREAS - 1, 0, EL_DIM, "By area (Enter opens the area's questions)");
	for (size_t i = 0; i < qs->n_areas; i++) {
		const struct area *ar = &qs->areas[i];
		enum color_el el = (int)i == d->cur ? EL_CURSOR : EL_AREA;

		y = ROW_AREAS + (int)i * AREA_ROWS;
		risk_count(qs, a->ses.rv, i, &c);
		if ((int)i == d->cur)
			draw_fill(&in, y, 0, LABEL_W - 1, EL_CURSOR);
		draw_textn(&in, y, 1, LABEL_W - 2, el, ar->title, strlen(ar->title));
		snprintf(buf, sizeof(buf), "%s–%s", qs->questions[ar->first].id,
		         qs->questions[ar->first + ar->count - 1].id);
		draw_text(&in, y + 1, 1, EL_DIM, buf);
		bar(&in, y, LABEL_W, bw, &c);
		counts_text(&c, buf, sizeof(buf));
		draw_text(&in, y + 1, LABEL_W, EL_NORMAL, buf);
	}
	y = ROW_AREAS + (int)qs->n_areas * AREA_ROWS;
	y += questions_where(v, &in, y, "High risk: ", EL_RISK_HIGH, true);
	y += evidence_gaps(v, &in, y);
	y += questions_where(v, &in, y, "⚑ Flagged for follow-up: ", EL_FLAG, false);
	/* A blank row before the block when there is room for it and the legend. */
	if (y + 5 < in.h)
		y++;
	y += availability(v, &in, y);
	if (y < in.h) {
		x = 0;
		y = in.h - 1;
		for (int s = 0; s < 5; s++) {
			x += draw_text(&in, y, x, seg[s].el, seg[s].glyph);
			x += draw_printf(&in, y, x, EL_DIM, " %s   ", seg[s].label);
		}
	}
}

static int open_area(struct app *a, size_t area)
{
	const struct area *ar = &a->qs->areas[area];
	size_t q = ar->first;

	/* The area's first unanswered question, else its first. */
	for (size_t i = ar->first; i < ar->first + ar->count; i++)
		if (!answer_is_answered(review_find(a->ses.rv, a->qs->questions[i].id))) {
			q = i;
			break;
		}
	app_set_question(a, q);
	return app_show(a, VIEW_WALK);
}

static int key(struct view *v, enum action act, int k)
{
	struct dashboard *d = v->priv;
	struct app *a = v->app;
	int n = (int)a->qs->n_areas;

	(void)k;
	switch (act) {
	case ACT_UP: d->cur = d->cur > 0 ? d->cur - 1 : 0; return UI_REDRAW;
	case ACT_DOWN: d->cur = d->cur < n - 1 ? d->cur + 1 : n - 1; return UI_REDRAW;
	case ACT_HOME: d->cur = 0; return UI_REDRAW;
	case ACT_END: d->cur = n - 1; return UI_REDRAW;
	case ACT_ENTER: return open_area(a, (size_t)d->cur);
	case ACT_COMPONENTS: return app_overlay(a, VIEW_COMPONENTS);
	case ACT_PUSH:
		if (a->offline) {
			app_error(a, "Offline (--offline): nothing is sent to AWS");
			return UI_REDRAW;
		}
		/* The overlay reads the Tool as it opens: say so while it does. */
		app_message(a, "Reading the workload and its answers from the Well-Architected "
		               "Tool…");
		app_paint(a);
		return app_overlay(a, VIEW_PUSH);
	case ACT_CLICK: {
		int row = a->mouse_y - a->lay.body.y - ROW_AREAS;
		if (row < 0 || row / AREA_ROWS >= n)
			return UI_NONE;
		d->cur = row / AREA_ROWS;
		return UI_REDRAW;
	}
	default: return UI_UNHANDLED;
	}
}

const struct view_ops view_dashboard_ops = {
	.name = "dashboard",
	.title = "Risks",
	.hints = "Enter open area  j/k move  c components  P push to the Tool  6 roadmap",
	.keymap = KM_DASHBOARD,
	.private_size = sizeof(struct dashboard),
	.draw = draw,
	.key = key,
};
