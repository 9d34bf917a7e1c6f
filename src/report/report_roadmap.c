/* The roadmap's part of the report: the priority matrix, the phased plan with its weekly
 * themes and success metrics, and every item with its evidence (wording shared with
 * report_text.c). */
#include "model/verdict.h"
#include "report/report_int.h"

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

void report_matrix(const struct report_ctx *c, struct doc *d)
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
	report_header(t, cols);
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
			report_named(doc_cell(t), it->bp->id, it->bp->title);
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
			report_named(l, it->bp->id, it->bp->title);
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
		           ph->n_items, report_plural(ph->n_items, "", "s"),
		           report_plural(ph->n_items, "is", "are"), ph->n_done);
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

void report_phased_plan(const struct report_ctx *c, struct doc *d)
{
	struct block *list;
	struct inl *l;

	report_heading(d, 2, "Phased plan", false);
	for (int p = RM_PHASE_1; p <= RM_PHASE_LATER; p++)
		phase(c, &c->phases[p], d);
	if (c->rm.n_planned == c->rm.n_items)
		return;
	report_heading(d, 3, "Not planned", true);
	doc_put(doc_para(d), "The team decided not to do these; the risk is accepted.");
	list = doc_list(d, BLK_LIST);
	for (size_t i = c->rm.n_planned; i < c->rm.n_items; i++) {
		const struct roadmap_item *it = &c->rm.items[i];

		l = doc_cell(list);
		report_named(l, it->bp->id, it->bp->title);
		doc_printf(l, " (%s risk): ", bp_risk_name(it->risk));
		doc_put(l, it->ov.reason);
	}
}

/* One probe result: outcome, probe, text, account (of several) and Region, when; then the resources
 * it names and the items it could not check, shortened after REPORT_MAX_CITED. */
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
	if (r->account) {
		/* a sweep of several accounts: which one, next to the Region */
		doc_put(l, "account ");
		doc_put(l, r->account);
		doc_put(l, ", ");
	}
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

void report_items(const struct report_ctx *c, struct doc *d)
{
	if (!c->rm.n_items)
		return;
	report_heading(d, 2, "Roadmap items", false);
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
