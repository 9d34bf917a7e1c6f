/* What the report says, in order: the document every text format renders (Markdown and
 * HTML whole, CSV an item's part), with all its sections and wording. Figures carry their
 * unit and say where they come from; evidence is the one verdict per best practice
 * (model/verdict.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/verdict.h"
#include "report/report_int.h"
#include "util/clock.h"

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* A section heading; keep: print the section on one page where it fits. */
static void heading(struct doc *d, int level, const char *text, bool keep)
{
	doc_put(doc_heading(d, level, NULL, keep ? DOC_KEEP : 0, NULL), text);
}

/* "ID title" with the ID strong: how every best practice and question is named. */
static void named(struct inl *l, const char *id, const char *title)
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
	           plural(c->rm.n_items, "practice is", "practices are"));
	if (done || wont)
		doc_printf(l, " (%zu done, %zu not planned)", done, wont);
	if (!n_open) {
		doc_put(l, "; none is left open.");
		return;
	}
	doc_printf(l, ". The plan schedules the %zu open %s over %d weeks: ", n_open,
	           plural(n_open, "item", "items"), ROADMAP_PLAN_WEEKS);
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

	heading(d, 2, "Summary", true);
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

	heading(d, 2, "Workload", true);
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

static void availability(const struct report_ctx *c, struct doc *d)
{
	const struct avail_summary *av = &c->av;
	struct block *f;
	struct inl *l;
	char t[32], x[32], y[32], z[32];

	heading(d, 2, "Availability", true);
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
			           plural(c->me.n_incidents, "", "s"), from, to);
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

static void header(struct block *t, const char *const *names)
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

	heading(d, 2, "Risk summary by area", true);
	t = doc_table(d, 7, 0x7e);
	header(t, cols);
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
		named(doc_cell(high), q->id, q->title);
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

	heading(d, 2, "Progress since the last milestone", true);
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
		named(l, df->done[i].bp->id, df->done[i].bp->title);
		doc_put(l, df->done[i].in_place ? " (now in place)" : " (marked done)");
	}
	for (size_t i = 0; i < df->n_reopened; i++) {
		l = doc_cell(list);
		doc_put(l, "No longer in place: ");
		named(l, df->reopened[i].bp->id, df->reopened[i].bp->title);
	}
}

/* "2026-11-21 (week 3)", and ", set by the team" when it is the team's week. */
static void due(const struct report_ctx *c, struct inl *l, const struct roadmap_item *it)
{
	char buf[16];

	doc_printf(l, "%s (week %d%s)", report_due(c, it, buf), it->week,
	           it->week_overridden ? ", set by the team" : "");
}

static void verdict(struct inl *l, const struct roadmap_item *it)
{
	doc_strong(l, verdict_label(it->verdict.verdict));
	doc_put(l, ": ");
	doc_put(l, it->verdict.why);
}

/* A quadrant's first cell: its title and how many items it holds. */
static void quadrant_cell(struct block *t, enum rm_quadrant q, size_t n)
{
	struct inl *l = doc_cell(t);

	doc_strong(l, rm_quadrant_title(q));
	doc_printf(l, " (%zu)", n);
}

static void matrix(const struct report_ctx *c, struct doc *d)
{
	static const char *const cols[] = { "Quadrant", "Best practice", "Risk",    "Effort",
		                            "Owner",    "Target",        "Evidence" };
	static const char *const meaning[] = {
		"the gaps that hurt most: phase 1 when the fix is small, else phase 2",
		"serious gaps with less impact on this workload: phase 2",
		"medium risk that matters a lot to this workload: phase 2",
		"low effort, medium or high risk: phase 1",
		"the rest: phase 3",
	};
	struct block *t, *list;
	struct inl *l;

	doc_put(doc_heading(d, 2, "matrix", DOC_NEWPAGE | DOC_KEEP, NULL), "Priority matrix");
	doc_put(doc_para(d), "The plan's items by quadrant, each in the first that fits (see the "
	                     "priority model in wa-review(1)), in plan order. The target is the "
	                     "last day of the item's week; the evidence is what the automated "
	                     "checks show.");
	t = doc_table(d, 7, 0);
	header(t, cols);
	for (int q = 0; q < RM_N_QUADRANTS; q++) {
		size_t n = 0, row = 0;

		for (size_t i = 0; i < c->rm.n_planned; i++)
			n += c->rm.items[i].quadrant == (enum rm_quadrant)q;
		if (!n) {
			quadrant_cell(t, (enum rm_quadrant)q, 0);
			doc_put(doc_cell(t), "none");
			for (size_t k = 2; k < t->cols; k++)
				doc_cell(t);
			continue;
		}
		for (size_t i = 0; i < c->rm.n_planned; i++) {
			const struct roadmap_item *it = &c->rm.items[i];

			if (it->quadrant != (enum rm_quadrant)q)
				continue;
			if (row++)
				doc_cell(t);
			else
				quadrant_cell(t, (enum rm_quadrant)q, n);
			named(doc_cell(t), it->bp->id, it->bp->title);
			doc_put(doc_cell(t), bp_risk_name(it->risk));
			doc_put(doc_cell(t), effort_name(it->effort));
			doc_put(doc_cell(t), it->ov.owner ? it->ov.owner : "unassigned");
			l = doc_cell(t);
			due(c, l, it);
			if (it->ov.status != RM_PLANNED)
				doc_printf(l, ", %s", rm_status_label(it->ov.status));
			verdict(doc_cell(t), it);
		}
	}
	list = doc_list(d, BLK_LIST);
	for (int q = 0; q < RM_N_QUADRANTS; q++) {
		l = doc_cell(list);
		doc_strong(l, rm_quadrant_title((enum rm_quadrant)q));
		doc_printf(l, ": %s", meaning[q]);
	}
}

static void phase_title(const struct report_phase *ph, struct inl *l)
{
	doc_put(l, rm_phase_title(ph->phase));
	if (ph->phase == RM_PHASE_LATER)
		doc_printf(l, " (week %d and later, from %s)", ph->first, ph->start);
	else
		doc_printf(l, " (weeks %d–%d, %s to %s)", ph->first, ph->last, ph->start, ph->end);
}

static void phase(const struct report_ctx *c, const struct report_phase *ph, struct doc *d)
{
	struct block *list;
	struct inl *l;

	if (ph->phase == RM_PHASE_LATER && !ph->n_items)
		return;
	phase_title(ph, doc_heading(d, 3, "phase", 0, NULL));
	if (!ph->n_items) {
		doc_put(doc_para(d), "Nothing in this phase.");
	} else {
		list = doc_list(d, BLK_TASKS);
		for (size_t i = 0; i < c->rm.n_planned; i++) {
			const struct roadmap_item *it = &c->rm.items[i];

			if (it->phase != ph->phase)
				continue;
			l = doc_task(list, it->ov.status == RM_DONE);
			named(l, it->bp->id, it->bp->title);
			doc_put(l, " — due ");
			due(c, l, it);
			doc_put(l, ", owner: ");
			doc_put(l, it->ov.owner ? it->ov.owner : "unassigned");
			if (it->ov.status != RM_PLANNED)
				doc_printf(l, ", %s", rm_status_label(it->ov.status));
		}
		list = NULL;
		for (size_t i = 0; i < c->n_weeks; i++) {
			const struct report_week *w = &c->weeks[i];

			if (roadmap_week_phase(w->week) != ph->phase)
				continue;
			if (!list) {
				doc_strong(doc_label(d), "Weekly themes");
				list = doc_list(d, BLK_LIST);
			}
			l = doc_cell(list);
			doc_printf(l, "Week %d (%s to %s): ", w->week, w->start, w->end);
			doc_put(l, w->theme);
		}
	}
	if (!ph->n_metrics)
		return;
	l = doc_label(d);
	doc_strong(l, "Success metrics");
	if (ph->n_items)
		doc_printf(l, ": the phase is done when its %zu item%s %s done (%zu so far) and",
		           ph->n_items, plural(ph->n_items, "", "s"),
		           plural(ph->n_items, "is", "are"), ph->n_done);
	else
		doc_put(l, ": by the end of the plan");
	list = doc_list(d, BLK_LIST);
	for (size_t i = 0; i < ph->n_metrics; i++) {
		const struct report_metric *m = &ph->metrics[i];

		l = doc_cell(list);
		doc_put(l, m->text);
		for (size_t k = 0; k < m->n_items; k++) {
			doc_put(l, k ? ", " : " — ");
			doc_put(l, m->items[k]->bp->id);
		}
		if (m->n_items)
			doc_printf(l, " (%zu of %zu done)", m->n_done, m->n_items);
	}
}

static void plan(const struct report_ctx *c, struct doc *d)
{
	struct block *list;
	struct inl *l;

	heading(d, 2, "Phased plan", false);
	for (int p = RM_PHASE_1; p <= RM_PHASE_LATER; p++)
		phase(c, &c->phases[p], d);
	if (c->rm.n_planned == c->rm.n_items)
		return;
	heading(d, 3, "Not planned", true);
	doc_put(doc_para(d), "The team decided not to do these; the risk is accepted.");
	list = doc_list(d, BLK_LIST);
	for (size_t i = c->rm.n_planned; i < c->rm.n_items; i++) {
		const struct roadmap_item *it = &c->rm.items[i];

		l = doc_cell(list);
		named(l, it->bp->id, it->bp->title);
		doc_printf(l, " (%s risk): ", bp_risk_name(it->risk));
		doc_put(l, it->ov.reason);
	}
}

/* One probe result: outcome, probe, text, Region, when; then the resources it names and
 * the items it could not check, shortened after REPORT_MAX_CITED. */
static void finding(struct inl *l, const struct roadmap_evidence *e)
{
	const struct region_result *r = e->result;
	char *const *lists[] = { r->cited, r->unchecked };
	const size_t counts[] = { r->n_cited, r->n_unchecked };
	static const char *const labels[] = { "Resources: ", "Not checked: " };

	if (r->outcome == OUTCOME_FAIL)
		doc_strong(l, outcome_label(r->outcome));
	else
		doc_put(l, outcome_label(r->outcome));
	doc_put(l, " ");
	doc_code(l, e->finding->probe);
	if (r->text && *r->text) {
		doc_put(l, ": ");
		doc_put(l, r->text);
	}
	doc_put(l, " (");
	doc_put(l, r->region ? r->region : "global");
	if (e->finding->collected) {
		doc_put(l, ", checked ");
		doc_put(l, e->finding->collected);
	}
	doc_put(l, ")");
	for (size_t k = 0; k < 2; k++) {
		for (size_t n = 0; n < counts[k] && n < REPORT_MAX_CITED; n++) {
			if (!n) {
				doc_break(l);
				doc_put(l, labels[k]);
			} else {
				doc_put(l, ", ");
			}
			doc_code(l, lists[k][n]);
		}
		if (counts[k] > REPORT_MAX_CITED)
			doc_printf(l, " and %zu more (the JSON report lists them all)",
			           counts[k] - REPORT_MAX_CITED);
	}
}

void report_item_body(const struct report_ctx *c, const struct roadmap_item *it, bool full_notes,
                      struct doc *d)
{
	const struct answer *a = report_answer(c, it->q);
	const struct roadmap_item *first = report_first_of_question(c, it->q);
	struct block *f = doc_list(d, BLK_FIELDS), *list;
	struct inl *l;

	l = doc_field(f, "Question");
	doc_put(l, it->q->id);
	doc_put(l, " ");
	doc_put(l, it->q->title);
	doc_printf(doc_field(f, "Priority"), "P%d (%s): %s risk, %s impact, %s effort%s — %s",
	           it->priority, rm_priority_name(it->priority), bp_risk_name(it->risk),
	           rm_impact_name(it->impact), effort_name(it->effort),
	           it->effort_overridden ? " (set by the team)" : "",
	           rm_quadrant_title(it->quadrant));
	l = doc_field(f, "Plan");
	if (it->ov.status == RM_WONT_DO) {
		doc_put(l, "not planned: ");
		doc_put(l, it->ov.reason);
	} else {
		doc_printf(l, "%s, due ", rm_phase_title(it->phase));
		due(c, l, it);
		doc_put(l, ", owner: ");
		doc_put(l, it->ov.owner ? it->ov.owner : "unassigned");
		if (it->ov.status != RM_PLANNED)
			doc_printf(l, ", %s", rm_status_label(it->ov.status));
	}
	verdict(doc_field(f, "Evidence"), it);
	if (it->bp->why) {
		l = doc_para(d);
		doc_strong(l, "Why it matters.");
		doc_put(l, " ");
		doc_put(l, it->bp->why);
	}
	if (it->bp->n_steps) {
		doc_strong(doc_label(d), "Improvement steps");
		list = doc_list(d, BLK_STEPS);
		for (size_t s = 0; s < it->bp->n_steps; s++)
			doc_put(doc_cell(list), it->bp->steps[s]);
	}
	doc_strong(doc_label(d), "Evidence found");
	if (!it->n_findings) {
		doc_put(doc_para(d),
		        "No automated check has reported on this best practice; the gap "
		        "comes from the review's answers.");
	} else {
		list = doc_list(d, BLK_LIST);
		for (size_t k = 0; k < it->n_findings; k++)
			finding(doc_cell(list), &it->findings[k]);
	}
	if (a && a->notes && (full_notes || first == it)) {
		l = doc_label(d);
		doc_strong(l, "Notes from the review");
		doc_printf(l, " (%s)", it->q->id);
		doc_text(d, a->notes, true);
	} else if (a && a->notes) {
		/* Once per question is enough; the appendix has them all again. */
		l = doc_para(d);
		doc_strong(l, "Notes from the review:");
		doc_printf(l, " see item %zu (%s).", first->rank, it->q->id);
	}
	if (it->bp->n_links) {
		l = doc_para(d);
		doc_put(l, "Learn more: ");
		for (size_t k = 0; k < it->bp->n_links; k++) {
			doc_put(l, k ? " · " : "");
			doc_link(l, it->bp->links[k].title, it->bp->links[k].url);
		}
	}
}

static void items(const struct report_ctx *c, struct doc *d)
{
	if (!c->rm.n_items)
		return;
	heading(d, 2, "Roadmap items", false);
	doc_put(doc_para(d), "In plan order, then the items not planned; the number is the "
	                     "item's rank.");
	for (size_t i = 0; i < c->rm.n_items; i++) {
		const struct roadmap_item *it = &c->rm.items[i];
		struct inl *h = doc_heading(d, 3, "item", 0, it->bp->id);

		doc_printf(h, "%zu. ", it->rank);
		doc_put(h, it->bp->id);
		doc_put(h, " ");
		doc_put(h, it->bp->title);
		report_item_body(c, it, false, d);
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
			named(l, q->bps[i].id, q->bps[i].title);
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

	heading(d, 2, "Appendix A: Answers", false);
	for (size_t i = 0; i < c->qs->n_questions; i++)
		answer(c, &c->qs->questions[i], d);
	heading(d, 2, "Appendix B: Follow-up flags and not-applicable questions", true);
	for (size_t i = 0; i < c->qs->n_questions; i++) {
		const struct question *q = &c->qs->questions[i];
		const struct answer *a = report_answer(c, q);

		if (!a || (!a->flagged && a->na == NA_NO))
			continue;
		if (!list)
			list = doc_list(d, BLK_LIST);
		l = doc_cell(list);
		named(l, q->id, q->title);
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
	heading(d, 2, "Appendix C: Participants", true);
	if (!wl->n_participants) {
		doc_put(doc_para(d), "No participants recorded.");
		return;
	}
	t = doc_table(d, 2, 0);
	header(t, (const char *const[]){ "Name", "Role" });
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
	matrix(c, d);
	plan(c, d);
	items(c, d);
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
