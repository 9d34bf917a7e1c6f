/* What the report says, in order: the document every text format renders (Markdown and
 * HTML whole, CSV an item's part), with all its sections and wording; the roadmap's
 * sections are in report_roadmap.c. Figures carry their unit and say where they come from;
 * evidence is the one verdict per best practice (model/verdict.h). */
#include <stdlib.h>

#include "model/verdict.h"
#include "report/report_int.h"
#include "util/clock.h"

const char *report_plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

void report_heading(struct doc *d, int level, const char *text, bool keep)
{
	doc_put(doc_heading(d, level, NULL, keep ? DOC_KEEP : 0, NULL), text);
}

void report_named(struct inl *l, const char *id, const char *title)
{
	doc_strong(l, id);
	doc_put(l, " ");
	doc_put(l, title);
}

static void title(const struct report_ctx *c, struct doc *d)
{
	struct inl *l = doc_heading(d, 1, NULL, 0, NULL);

	doc_put(l, "Reliability improvement plan: ");
	doc_put(l, c->rv->wl.name ? c->rv->wl.name : "unnamed workload");
	l = doc_para(d);
	doc_printf(l, "Prepared %s from the AWS Well-Architected Reliability review", c->date);
	if (c->rv->updated)
		doc_printf(l, " last updated %.10s", c->rv->updated);
	doc_put(l, ". Question set: ");
	doc_put(l, c->qs->name);
	doc_put(l, ", framework version ");
	doc_put(l, c->qs->framework_version);
	doc_put(l, c->redacted ? ". Account IDs and ARNs are masked for sharing." : ".");
}

/* Counts and fixed words: the risks, the items missing, done and open, how the plan
 * spreads them. */
static void summary_counts(const struct report_ctx *c, struct inl *l)
{
	static const char *const what[][3] = {
		{ "", "", "" },
		{ "quick win", "quick wins", "weeks 1–2" },
		{ "high-impact improvement", "high-impact improvements", "weeks 3–8" },
		{ "further improvement", "further improvements", "weeks 9–12" },
		{ "item", "items", "after week 12" },
	};
	struct risk_counts k;
	size_t open[RM_PHASE_LATER + 1] = { 0 }, n_open = 0, done = 0,
	                             wont = c->rm.n_items - c->rm.n_planned;
	bool first = true;

	for (size_t i = 0; i < c->rm.n_planned; i++) {
		const struct roadmap_item *it = &c->rm.items[i];
		if (it->ov.status == RM_DONE) {
			done++;
		} else {
			open[it->phase]++;
			n_open++;
		}
	}
	risk_count(c->qs, c->rv, RISK_ALL_AREAS, &k);
	doc_printf(l,
	           "The review answered %zu of %zu questions: %zu at high risk, %zu at medium "
	           "risk, %zu without risk and %zu not applicable. ",
	           k.answered, k.total, k.high, k.medium, k.none, k.not_applicable);
	if (!c->rm.n_items) {
		doc_put(l, "Every best practice of the answered questions is in place.");
		return;
	}
	doc_printf(l, "%zu best %s not in place", c->rm.n_items,
	           report_plural(c->rm.n_items, "practice is", "practices are"));
	if (done || wont)
		doc_printf(l, " (%zu done, %zu not planned)", done, wont);
	if (!n_open) {
		doc_put(l, "; none is left open.");
		return;
	}
	doc_printf(l, ". The plan schedules the %zu open %s over %d weeks: ", n_open,
	           report_plural(n_open, "item", "items"), ROADMAP_PLAN_WEEKS);
	for (int p = RM_PHASE_1; p <= RM_PHASE_LATER; p++) {
		size_t later = 0;

		if (!open[p])
			continue;
		for (int q = p + 1; q <= RM_PHASE_LATER; q++)
			later += open[q] != 0;
		doc_printf(l, "%s%zu %s %s%s",
		           first   ? ""
		           : later ? ", "
		                   : " and ",
		           open[p], what[p][open[p] == 1 ? 0 : 1], p == RM_PHASE_LATER ? "" : "in ",
		           what[p][2]);
		first = false;
	}
	doc_put(l, ".");
}

static void summary(const struct report_ctx *c, struct doc *d)
{
	struct inl *l;
	char end[16];
	size_t n = 0;

	report_heading(d, 2, "Summary", true);
	summary_counts(c, doc_para(d));
	if (c->rm.n_unanswered) {
		l = doc_para(d);
		doc_printf(l, "%zu question%s not answered yet (", c->rm.n_unanswered,
		           c->rm.n_unanswered == 1 ? " is" : "s are");
		for (size_t i = 0; i < c->qs->n_questions; i++) {
			const struct question *q = &c->qs->questions[i];
			if (answer_is_answered(report_answer(c, q)))
				continue;
			doc_put(l, n++ ? ", " : "");
			doc_put(l, q->id);
		}
		doc_put(l, "); their best practices join the plan once they are.");
	}
	l = doc_para(d);
	doc_printf(l,
	           "Week 1 of the plan starts on %s, %s; week %d ends on %s. An item's target "
	           "date is the last day of its week.",
	           c->start_date,
	           c->start_is_created ? "the day the review was created"
	                               : "the date of this report (the review has no creation "
	                                 "date)",
	           ROADMAP_PLAN_WEEKS,
	           roadmap_week_day(c->start, ROADMAP_PLAN_WEEKS, true, end, sizeof(end)));
}

static void list_field(struct block *f, const char *label, char *const *v, size_t n)
{
	struct inl *l;

	if (!n)
		return;
	l = doc_field(f, label);
	for (size_t i = 0; i < n; i++) {
		doc_put(l, i ? ", " : "");
		doc_put(l, v[i]);
	}
}

static void text_field(struct block *f, const char *label, const char *value)
{
	if (value && *value)
		doc_put(doc_field(f, label), value);
}

static void workload(const struct report_ctx *c, struct doc *d)
{
	const struct workload *wl = &c->rv->wl;
	struct block *f;
	char buf[64];

	report_heading(d, 2, "Workload", true);
	if (wl->description)
		doc_text(d, wl->description, false);
	f = doc_list(d, BLK_FIELDS);
	text_field(f, "Owner", wl->owner);
	text_field(f, "Environment", wl->environment);
	if (wl->criticality)
		doc_put(doc_field(f, "Business criticality"), wl->criticality);
	else
		doc_put(doc_field(f, "Business criticality"),
		        "not set (the plan counts it as medium)");
	list_field(f, "Regions", wl->regions, wl->n_regions);
	list_field(f, "Accounts", wl->accounts, wl->n_accounts);
	if (!(wl->availability < 0))
		text_field(f, "Availability target",
		           report_pct(wl->availability / 100.0, buf, sizeof(buf)));
	text_field(f, "Recovery time objective (RTO)", wl->rto);
	text_field(f, "Recovery point objective (RPO)", wl->rpo);
	if (wl->downtime_cost_per_hour >= 0) {
		avail_format_money(wl->downtime_cost_per_hour, c->currency, buf, sizeof(buf));
		doc_printf(doc_field(f, "Cost of downtime"), "%s an hour (the team's estimate)",
		           buf);
	}
}

static const char *versus(const struct avail_summary *av, double a)
{
	if (av->target < 0)
		return "";
	return a >= av->target - 1e-12 ? ", which meets the target" : ", below the target";
}

/* Availability measured from each load balancer's and API's own request and 5xx counts
 * (the evidence's metric probes), one line per resource and window, beside the target. */
static void measured_requests(const struct report_ctx *c, struct block *f)
{
	size_t n;
	struct measure_ref *v = measures_of(c->rv->evidence, &n);

	for (size_t i = 0; i < n; i++) {
		char line[900];

		measure_describe(&v[i], c->av.target, line, sizeof(line));
		doc_put(doc_field(f, "Measured from requests"), line);
	}
	free(v);
}

static void availability(const struct report_ctx *c, struct doc *d)
{
	const struct avail_summary *av = &c->av;
	struct block *f;
	struct inl *l;
	char t[32], x[32], y[32], z[32];

	report_heading(d, 2, "Availability", true);
	f = doc_list(d, BLK_FIELDS);
	if (av->target < 0)
		doc_put(doc_field(f, "Target"),
		        "not set (give the workload an availability target)");
	else
		doc_printf(doc_field(f, "Target"), "%s (the workload's availability target)",
		           report_pct(av->target, t, sizeof(t)));
	l = doc_field(f, "Computed");
	if (!av->have_components)
		doc_put(l, "not yet known (list components in the workload)");
	else
		doc_printf(l,
		           "%s from the workload's components (the parts on the critical path, "
		           "in series)%s",
		           report_pct(av->computed, x, sizeof(x)), versus(av, av->computed));
	if (av->n_single_points)
		list_field(f, "Single points of failure", av->single_points, av->n_single_points);
	if (av->have_incidents) {
		l = doc_field(f, "Measured");
		doc_printf(l, "%s from the incident history",
		           report_pct(av->measured, x, sizeof(x)));
		if (c->me.n_incidents) {
			char from[32], to[32];

			clock_iso((time_t)c->me.start, from, sizeof(from));
			clock_iso((time_t)c->me.end, to, sizeof(to));
			doc_printf(l, ", %zu incident%s from %.10s to %.10s", c->me.n_incidents,
			           report_plural(c->me.n_incidents, "", "s"), from, to);
		}
		avail_format_duration(av->mttr_hours * 3600, y, sizeof(y));
		avail_format_duration(av->mtbf_hours * 3600, z, sizeof(z));
		doc_printf(l, " (mean time to repair %s, mean time between failures %s)%s", y, z,
		           versus(av, av->measured));
	} else if (c->incidents_left_out) {
		l = doc_field(f, "Measured");
		doc_put(l, "left out: ");
		doc_put(l, c->incidents_left_out);
	}
	measured_requests(c, f);
	if (av->have_cost) {
		l = doc_field(f, "Cost of downtime");
		avail_format_money(av->cost_per_year_computed, c->currency, x, sizeof(x));
		doc_printf(
		        l, "%s a year at the %s availability (%s, from the %s)", x,
		        av->have_components ? "computed" : "measured",
		        report_pct(av->have_components ? av->computed : av->measured, y, sizeof(y)),
		        av->have_components ? "components" : "incident history");
		if (av->cost_per_year_target >= 0) {
			avail_format_money(av->cost_per_year_target, c->currency, x, sizeof(x));
			doc_printf(l, ", %s a year at the target (%s)", x,
			           report_pct(av->target, y, sizeof(y)));
		}
		if (c->rv->wl.downtime_cost_per_hour >= 0) {
			avail_format_money(c->rv->wl.downtime_cost_per_hour, c->currency, x,
			                   sizeof(x));
			doc_printf(l, ", at %s an hour of downtime", x);
		}
		if (av->cost_per_year_target >= 0 &&
		    av->cost_per_year_computed > av->cost_per_year_target) {
			avail_format_money(av->cost_per_year_computed - av->cost_per_year_target,
			                   c->currency, x, sizeof(x));
			doc_printf(l, ": closing the gap is worth about %s a year", x);
		}
	}
}

static void risk_row(struct block *t, const char *label, bool total, const struct risk_counts *k)
{
	const size_t v[] = {
		k->total, k->answered, k->high, k->medium, k->none, k->not_applicable
	};

	if (total)
		doc_strong(doc_cell(t), label);
	else
		doc_put(doc_cell(t), label);
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		doc_printf(doc_cell(t), "%zu", v[i]);
}

void report_header(struct block *t, const char *const *names)
{
	for (size_t i = 0; i < t->cols; i++)
		doc_put(doc_cell(t), names[i]);
}

static void risks(const struct report_ctx *c, struct doc *d)
{
	static const char *const cols[] = { "Area",   "Questions", "Answered", "High",
		                            "Medium", "None",      "N/A" };
	struct risk_counts k;
	struct block *t, *high = NULL;

	report_heading(d, 2, "Risk summary by area", true);
	t = doc_table(d, 7, 0x7e);
	report_header(t, cols);
	for (size_t a = 0; a < c->qs->n_areas; a++) {
		risk_count(c->qs, c->rv, a, &k);
		risk_row(t, c->qs->areas[a].title, false, &k);
	}
	risk_count(c->qs, c->rv, RISK_ALL_AREAS, &k);
	risk_row(t, "Overall", true, &k);
	for (size_t i = 0; i < c->qs->n_questions; i++) {
		const struct question *q = &c->qs->questions[i];
		if (risk_question(q, report_answer(c, q)) != QRISK_HIGH)
			continue;
		if (!high) {
			doc_put(doc_label(d), "Questions at high risk:");
			high = doc_list(d, BLK_LIST);
		}
		report_named(doc_cell(high), q->id, q->title);
	}
}

static void changes(struct block *list, const char *label, const struct ms_change *v, size_t n)
{
	struct inl *l;

	if (!n)
		return;
	l = doc_cell(list);
	doc_printf(l, "%s: ", label);
	for (size_t i = 0; i < n; i++) {
		doc_put(l, i ? "; " : "");
		doc_strong(l, v[i].q->id);
		doc_printf(l, " %s → %s", qrisk_name(v[i].from), qrisk_name(v[i].to));
	}
}

static void progress(const struct report_ctx *c, struct doc *d)
{
	const struct ms_diff *df = &c->progress;
	struct block *list;
	struct inl *l;

	report_heading(d, 2, "Progress since the last milestone", true);
	if (!c->since) {
		l = doc_para(d);
		doc_put(l, "No milestone has been recorded yet. Record one (");
		doc_code(l, "wa-review milestone FILE NAME");
		doc_put(l, ") to measure progress against this plan.");
		return;
	}
	l = doc_para(d);
	doc_put(l, "Since the milestone ");
	doc_strong(l, c->since->name);
	doc_put(l, " (");
	doc_put(l, c->since->date);
	doc_put(l, "):");
	list = doc_list(d, BLK_LIST);
	if (milestone_diff_empty(df))
		doc_put(doc_cell(list), "nothing has changed");
	changes(list, "Risk went down", df->down, df->n_down);
	changes(list, "Risk went up", df->up, df->n_up);
	changes(list, "Other changes", df->other, df->n_other);
	for (size_t i = 0; i < df->n_done; i++) {
		l = doc_cell(list);
		doc_put(l, "Done: ");
		report_named(l, df->done[i].bp->id, df->done[i].bp->title);
		doc_put(l, df->done[i].in_place ? " (now in place)" : " (marked done)");
	}
	for (size_t i = 0; i < df->n_reopened; i++) {
		l = doc_cell(list);
		doc_put(l, "No longer in place: ");
		report_named(l, df->reopened[i].bp->id, df->reopened[i].bp->title);
	}
}

static void answer(const struct report_ctx *c, const struct question *q, struct doc *d)
{
	static const char *const state[] = { [BP_OPEN] = "Not decided yet: ",
		                             [BP_IN_PLACE] = "In place: ",
		                             [BP_MISSING] = "Missing: " };
	const struct answer *a = report_answer(c, q);
	enum qrisk r = risk_question(q, a);
	struct block *list;
	struct inl *l = doc_heading(d, 3, "answer", 0, NULL);

	doc_put(l, q->id);
	doc_put(l, " ");
	doc_put(l, q->title);
	l = doc_para(d);
	doc_put(l, "Risk: ");
	doc_strong(l, qrisk_name(r));
	if (a && a->flagged)
		doc_put(l, " · flagged for follow-up");
	if (!answer_is_answered(a)) {
		doc_put(doc_para(d), "Not answered yet.");
	} else if (r == QRISK_NOT_APPLICABLE) {
		l = doc_para(d);
		doc_printf(l, "Not applicable: %s", report_na_label(a->na));
		if (a->na_note) {
			doc_put(l, " — ");
			doc_put(l, a->na_note);
		}
	} else {
		if (r ==
		    QRISK_UNANSWERED) /* evidence decided some practices, nothing missing yet */
			doc_put(doc_para(d),
			        "Partly answered: the practices not decided yet leave the "
			        "risk open.");
		list = doc_list(d, BLK_LIST);
		for (size_t i = 0; i < q->n_bps; i++) {
			struct bp_verdict v;

			verdict_for_bp(c->rv->evidence, q->bps[i].id, &v);
			l = doc_cell(list);
			doc_put(l, state[answer_bp_state(a, q->bps[i].id)]);
			report_named(l, q->bps[i].id, q->bps[i].title);
			doc_printf(l, " — evidence: %s: ", verdict_label(v.verdict));
			doc_put(l, v.why);
			bp_verdict_clear(&v);
		}
	}
	if (a && a->notes) {
		doc_put(doc_label(d), "Notes:");
		doc_text(d, a->notes, true);
	}
}

static void appendix(const struct report_ctx *c, struct doc *d)
{
	const struct workload *wl = &c->rv->wl;
	struct block *list = NULL, *t;
	struct inl *l;

	report_heading(d, 2, "Appendix A: Answers", false);
	for (size_t i = 0; i < c->qs->n_questions; i++)
		answer(c, &c->qs->questions[i], d);
	report_heading(d, 2, "Appendix B: Follow-up flags and not-applicable questions", true);
	for (size_t i = 0; i < c->qs->n_questions; i++) {
		const struct question *q = &c->qs->questions[i];
		const struct answer *a = report_answer(c, q);

		if (!a || (!a->flagged && a->na == NA_NO))
			continue;
		if (!list)
			list = doc_list(d, BLK_LIST);
		l = doc_cell(list);
		report_named(l, q->id, q->title);
		if (a->flagged)
			doc_put(l, " — flagged for follow-up");
		if (a->na != NA_NO) {
			doc_printf(l, " — not applicable: %s", report_na_label(a->na));
			if (a->na_note) {
				doc_put(l, " (");
				doc_put(l, a->na_note);
				doc_put(l, ")");
			}
		}
	}
	if (!list)
		doc_put(doc_para(d), "None.");
	report_heading(d, 2, "Appendix C: Participants", true);
	if (!wl->n_participants) {
		doc_put(doc_para(d), "No participants recorded.");
		return;
	}
	t = doc_table(d, 2, 0);
	report_header(t, (const char *const[]){ "Name", "Role" });
	for (size_t i = 0; i < wl->n_participants; i++) {
		doc_put(doc_cell(t), wl->participants[i].name);
		doc_put(doc_cell(t), wl->participants[i].role);
	}
}

void report_doc(const struct report_ctx *c, struct doc *d)
{
	struct inl *l;

	title(c, d);
	summary(c, d);
	workload(c, d);
	availability(c, d);
	risks(c, d);
	progress(c, d);
	report_matrix(c, d);
	report_phased_plan(c, d);
	report_items(c, d);
	appendix(c, d);
	l = doc_footer(d);
	doc_printf(l, "Generated by %s on %s from question set ", c->generator, c->date);
	doc_put(l, c->qs->id);
	doc_put(l, " (");
	doc_put(l, c->qs->name);
	doc_put(l, "), framework version ");
	doc_put(l, c->qs->framework_version);
	doc_put(l, ". The priority model is described in wa-review(1).");
}
