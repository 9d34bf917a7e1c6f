/* The Markdown report: CommonMark, plus GitHub's tables and task lists (which read as plain
 * text where they are not supported). Every piece of user text goes through md_inline(),
 * md_lines() or md_code(), so nothing a reviewer typed can start a heading, a list, a link
 * or a table cell of its own. */
#include "report/report_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/sbuf.h"
#include "util/xalloc.h"

/* ---- escaping ---- */

/* Characters that can open inline constructs (emphasis, code, links, HTML, entities) or
 * end a table cell anywhere in a line. */
static const char inline_specials[] = "\\`*_[]<>|#&~";

/* Appends text as inline content on one line: specials escaped, line breaks and tabs as
 * spaces, other control characters dropped. */
static void md_inline(struct sbuf *b, const char *s)
{
	for (; s && *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '\n' || ch == '\t' || ch == '\r')
			sbuf_putc(b, ' ');
		else if (ch < 0x20 || ch == 0x7f)
			continue;
		else if (strchr(inline_specials, *s))
			sbuf_printf(b, "\\%c", *s);
		else
			sbuf_putc(b, *s);
	}
}

/* Appends one line of user text that begins a line of the document: leading blanks go (four
 * would start a code block), and a marker that would start a list, heading, quote or
 * setext underline is escaped. */
static void md_line_start(struct sbuf *b, const char *s, size_t n)
{
	size_t digits = 0;

	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	if (n && strchr("+-=", *s)) {
		sbuf_putc(b, '\\');
	} else {
		while (digits < n && digits < 10 && s[digits] >= '0' && s[digits] <= '9')
			digits++;
		if (digits && digits < n && (s[digits] == '.' || s[digits] == ')')) {
			sbuf_putn(b, s, digits);
			sbuf_putc(b, '\\');
			s += digits;
			n -= digits;
		}
	}
	{
		char *line = xstrndup(s, n);
		md_inline(b, line);
		free(line);
	}
}

/* Appends multi-line user text as paragraphs, each line after `prefix` (for a block quote,
 * "> "; for list item content, spaces). Line breaks are kept as hard breaks, blank lines
 * separate paragraphs. */
static void md_lines(struct sbuf *b, const char *s, const char *prefix)
{
	bool first = true, blank_pending = false;

	while (s && *s) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s), k = 0;

		while (k < n && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r'))
			k++;
		if (k == n) {
			blank_pending = !first;
		} else {
			if (!first) {
				if (blank_pending) {
					sbuf_putc(b, '\n');
					sbuf_putn(b, prefix, strcspn(prefix, " "));
				} else {
					sbuf_putc(b, '\\');
				}
				sbuf_putc(b, '\n');
			}
			sbuf_puts(b, prefix);
			md_line_start(b, s, n);
			first = false;
			blank_pending = false;
		}
		s = nl ? nl + 1 : s + n;
	}
	if (!first)
		sbuf_putc(b, '\n');
}

/* Appends text as a code span, with a fence longer than any run of backticks inside. */
static void md_code(struct sbuf *b, const char *s)
{
	size_t run = 0, longest = 0, len = strlen(s);
	bool pad = len && (s[0] == '`' || s[len - 1] == '`' || s[0] == ' ');

	for (size_t i = 0; i < len; i++) {
		run = s[i] == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	for (size_t i = 0; i <= longest; i++)
		sbuf_putc(b, '`');
	if (pad)
		sbuf_putc(b, ' ');
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch >= 0x20 && ch != 0x7f)
			sbuf_putc(b, s[i]);
		else if (ch == '\n' || ch == '\t')
			sbuf_putc(b, ' ');
	}
	if (pad)
		sbuf_putc(b, ' ');
	for (size_t i = 0; i <= longest; i++)
		sbuf_putc(b, '`');
}

/* A link from the question set: only plain http(s) addresses, as a <destination>. */
static void md_link(struct sbuf *b, const struct link *l)
{
	if (!l->url || strncmp(l->url, "https://", 8) || strpbrk(l->url, "<> \n\t\\"))
		return;
	sbuf_putc(b, '[');
	md_inline(b, l->title ? l->title : l->url);
	sbuf_printf(b, "](<%s>)", l->url);
}

/* ---- sections ---- */

static void kv(struct sbuf *b, const char *key, const char *value)
{
	if (!value || !*value)
		return;
	sbuf_printf(b, "- **%s:** ", key);
	md_inline(b, value);
	sbuf_putc(b, '\n');
}

static void title(struct sbuf *b, const struct report_ctx *c)
{
	const struct workload *wl = &c->rv->wl;

	sbuf_puts(b, "# Reliability improvement plan: ");
	md_inline(b, wl->name ? wl->name : "unnamed workload");
	sbuf_printf(b, "\n\nPrepared %s from the AWS Well-Architected Reliability review", c->date);
	if (c->rv->updated)
		sbuf_printf(b, " last updated %.10s", c->rv->updated);
	sbuf_puts(b, ". Question set: ");
	md_inline(b, c->qs->name);
	sbuf_puts(b, ", framework version ");
	md_inline(b, c->qs->framework_version);
	sbuf_puts(b, c->redacted ? ". Account IDs and ARNs are masked for sharing.\n\n" : ".\n\n");
}

static void workload(struct sbuf *b, const struct report_ctx *c)
{
	const struct workload *wl = &c->rv->wl;
	char buf[64];

	sbuf_puts(b, "## Workload\n\n");
	if (wl->description) {
		md_lines(b, wl->description, "");
		sbuf_putc(b, '\n');
	}
	kv(b, "Owner", wl->owner);
	kv(b, "Environment", wl->environment);
	kv(b, "Business criticality", wl->criticality);
	if (wl->n_regions) {
		sbuf_puts(b, "- **Regions:** ");
		for (size_t i = 0; i < wl->n_regions; i++) {
			sbuf_puts(b, i ? ", " : "");
			md_inline(b, wl->regions[i]);
		}
		sbuf_putc(b, '\n');
	}
	if (wl->n_accounts) {
		sbuf_puts(b, "- **Accounts:** ");
		for (size_t i = 0; i < wl->n_accounts; i++) {
			sbuf_puts(b, i ? ", " : "");
			md_inline(b, wl->accounts[i]);
		}
		sbuf_putc(b, '\n');
	}
	if (!(wl->availability < 0))
		kv(b, "Availability target",
		   report_pct(wl->availability / 100.0, buf, sizeof(buf)));
	kv(b, "Recovery time objective (RTO)", wl->rto);
	kv(b, "Recovery point objective (RPO)", wl->rpo);
	sbuf_putc(b, '\n');
}

static void summary(struct sbuf *b, const struct report_ctx *c)
{
	char *text = report_summary_text(c);
	size_t unanswered = 0;

	sbuf_printf(b, "## Summary\n\n%s\n\n", text);
	free(text);
	if (c->rm.n_unanswered) {
		sbuf_printf(b, "%zu question%s not answered yet (", c->rm.n_unanswered,
		            c->rm.n_unanswered == 1 ? " is" : "s are");
		for (size_t i = 0; i < c->qs->n_questions; i++) {
			const struct question *q = &c->qs->questions[i];
			if (answer_is_answered(report_answer(c, q)))
				continue;
			sbuf_puts(b, unanswered++ ? ", " : "");
			md_inline(b, q->id);
		}
		sbuf_puts(b, "); their best practices join the plan once they are.\n\n");
	}
}

static void availability(struct sbuf *b, const struct report_ctx *c)
{
	const struct avail_summary *av = &c->av;
	char t[32], x[32], y[32];

	sbuf_puts(b, "## Availability\n\n");
	if (av->target < 0)
		sbuf_puts(b, "- **Target:** not set (give the workload an availability target)\n");
	else
		sbuf_printf(b, "- **Target:** %s\n", report_pct(av->target, t, sizeof(t)));
	if (!av->have_components) {
		sbuf_puts(b, "- **Computed:** not yet known (list components in the workload)\n");
	} else {
		sbuf_printf(b, "- **Computed:** %s from the workload's components",
		            report_pct(av->computed, x, sizeof(x)));
		if (av->target >= 0)
			sbuf_puts(b, av->meets_target ? ", which meets the target"
			                              : ", **below the target**");
		sbuf_putc(b, '\n');
	}
	if (av->n_single_points) {
		sbuf_puts(b, "- **Single points of failure:** ");
		for (size_t i = 0; i < av->n_single_points; i++) {
			sbuf_puts(b, i ? ", " : "");
			md_inline(b, av->single_points[i]);
		}
		sbuf_putc(b, '\n');
	}
	if (av->have_incidents)
		sbuf_printf(b,
		            "- **Measured:** %s from the incident history (mean time to repair "
		            "%.1f h, mean time between failures %.0f h)\n",
		            report_pct(av->measured, x, sizeof(x)), av->mttr_hours, av->mtbf_hours);
	if (av->have_cost) {
		sbuf_printf(b,
		            "- **Cost of downtime:** %s a year at the %s availability, %s at the "
		            "target",
		            report_amount(av->cost_per_year_computed, x, sizeof(x)),
		            av->have_incidents ? "measured" : "computed",
		            report_amount(av->cost_per_year_target, y, sizeof(y)));
		if (av->cost_per_year_computed > av->cost_per_year_target)
			sbuf_printf(
			        b, ": closing the gap is worth about %s a year",
			        report_amount(av->cost_per_year_computed - av->cost_per_year_target,
			                      t, sizeof(t)));
		sbuf_putc(b, '\n');
	}
	sbuf_putc(b, '\n');
}

static void risk_row(struct sbuf *b, const char *label, bool bold, const struct risk_counts *k)
{
	sbuf_puts(b, "| ");
	if (bold)
		sbuf_puts(b, "**");
	md_inline(b, label);
	if (bold)
		sbuf_puts(b, "**");
	sbuf_printf(b, " | %zu | %zu | %zu | %zu | %zu | %zu |\n", k->total, k->answered, k->high,
	            k->medium, k->none, k->not_applicable);
}

static void risks(struct sbuf *b, const struct report_ctx *c)
{
	struct risk_counts k;
	bool any = false;

	sbuf_puts(b, "## Risk summary by area\n\n"
	             "| Area | Questions | Answered | High | Medium | None | N/A |\n"
	             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
	for (size_t a = 0; a < c->qs->n_areas; a++) {
		risk_count(c->qs, c->rv, a, &k);
		risk_row(b, c->qs->areas[a].title, false, &k);
	}
	risk_count(c->qs, c->rv, RISK_ALL_AREAS, &k);
	risk_row(b, "Overall", true, &k);
	sbuf_putc(b, '\n');
	for (size_t i = 0; i < c->qs->n_questions; i++) {
		const struct question *q = &c->qs->questions[i];
		if (risk_question(q, report_answer(c, q)) != QRISK_HIGH)
			continue;
		if (!any)
			sbuf_puts(b, "Questions at high risk:\n\n");
		any = true;
		sbuf_puts(b, "- **");
		md_inline(b, q->id);
		sbuf_puts(b, "** ");
		md_inline(b, q->title);
		sbuf_putc(b, '\n');
	}
	if (any)
		sbuf_putc(b, '\n');
}

static void change_list(struct sbuf *b, const char *label, const struct ms_change *v, size_t n)
{
	if (!n)
		return;
	sbuf_printf(b, "- %s: ", label);
	for (size_t i = 0; i < n; i++) {
		sbuf_puts(b, i ? "; " : "");
		sbuf_puts(b, "**");
		md_inline(b, v[i].q->id);
		sbuf_printf(b, "** %s → %s", qrisk_name(v[i].from), qrisk_name(v[i].to));
	}
	sbuf_putc(b, '\n');
}

static void progress(struct sbuf *b, const struct report_ctx *c)
{
	const struct ms_diff *d = &c->progress;

	sbuf_puts(b, "## Progress since the last milestone\n\n");
	if (!c->since) {
		sbuf_puts(b, "No milestone has been recorded yet. Record one (`wa-review milestone "
		             "FILE NAME`) to measure progress against this plan.\n\n");
		return;
	}
	sbuf_puts(b, "Since the milestone **");
	md_inline(b, c->since->name);
	sbuf_puts(b, "** (");
	md_inline(b, c->since->date);
	sbuf_puts(b, "):\n\n");
	if (milestone_diff_empty(d)) {
		sbuf_puts(b, "- nothing has changed\n\n");
		return;
	}
	change_list(b, "Risk went down", d->down, d->n_down);
	change_list(b, "Risk went up", d->up, d->n_up);
	change_list(b, "Other changes", d->other, d->n_other);
	for (size_t i = 0; i < d->n_done; i++) {
		sbuf_puts(b, "- Done: **");
		md_inline(b, d->done[i].bp->id);
		sbuf_puts(b, "** ");
		md_inline(b, d->done[i].bp->title);
		sbuf_puts(b, d->done[i].in_place ? " (now in place)\n" : " (marked done)\n");
	}
	for (size_t i = 0; i < d->n_reopened; i++) {
		sbuf_puts(b, "- No longer in place: **");
		md_inline(b, d->reopened[i].bp->id);
		sbuf_puts(b, "** ");
		md_inline(b, d->reopened[i].bp->title);
		sbuf_putc(b, '\n');
	}
	sbuf_putc(b, '\n');
}

static void matrix(struct sbuf *b, const struct report_ctx *c)
{
	static const char *const meaning[] = {
		"the gaps that hurt most: weeks 3–8",
		"serious gaps with less impact on this workload: weeks 3–8",
		"medium risk that matters a lot to this workload: weeks 3–8",
		"low effort, medium or high risk, whatever the impact: weeks 1–2",
		"the rest: weeks 9–12",
	};

	sbuf_puts(b, "## Priority matrix\n\n"
	             "| Quadrant | Items | Best practices | What it means |\n"
	             "| --- | ---: | --- | --- |\n");
	for (int q = 0; q < RM_N_QUADRANTS; q++) {
		size_t n = 0;

		for (size_t i = 0; i < c->rm.n_items; i++)
			if (c->rm.items[i].quadrant == (enum rm_quadrant)q &&
			    c->rm.items[i].ov.status != RM_WONT_DO)
				n++;
		sbuf_printf(b, "| %s | %zu | ", rm_quadrant_title((enum rm_quadrant)q), n);
		n = 0;
		for (size_t i = 0; i < c->rm.n_items; i++) {
			const struct roadmap_item *it = &c->rm.items[i];
			if (it->quadrant != (enum rm_quadrant)q || it->ov.status == RM_WONT_DO)
				continue;
			sbuf_puts(b, n++ ? ", " : "");
			md_inline(b, it->bp->id);
		}
		sbuf_printf(b, "%s | %s |\n", n ? "" : "none", meaning[q]);
	}
	sbuf_putc(b, '\n');
}

static void owner_week(struct sbuf *b, const struct roadmap_item *it)
{
	sbuf_printf(b, "week %d, owner: ", it->week);
	if (it->ov.owner)
		md_inline(b, it->ov.owner);
	else
		sbuf_puts(b, "unassigned");
	if (it->ov.status != RM_PLANNED)
		sbuf_printf(b, ", %s", rm_status_label(it->ov.status));
}

static void plan(struct sbuf *b, const struct report_ctx *c)
{
	const struct roadmap_item **v = xcalloc(c->rm.n_items + 1, sizeof(*v));
	bool any_wont = false;

	sbuf_puts(b, "## Phased plan\n\n");
	for (int p = RM_PHASE_1; p <= RM_PHASE_LATER; p++) {
		size_t n = roadmap_phase_items(&c->rm, (enum rm_phase)p, v);
		int first, last;

		roadmap_phase_weeks((enum rm_phase)p, &first, &last);
		if (p == RM_PHASE_LATER && !n)
			continue;
		if (p == RM_PHASE_LATER)
			sbuf_printf(b, "### %s (week %d and later)\n\n",
			            rm_phase_title((enum rm_phase)p), first);
		else
			sbuf_printf(b, "### %s (weeks %d–%d)\n\n", rm_phase_title((enum rm_phase)p),
			            first, last);
		if (!n)
			sbuf_puts(b, "Nothing in this phase.\n\n");
		for (size_t i = 0; i < n; i++) {
			sbuf_printf(b, "- [%c] **", v[i]->ov.status == RM_DONE ? 'x' : ' ');
			md_inline(b, v[i]->bp->id);
			sbuf_puts(b, "** ");
			md_inline(b, v[i]->bp->title);
			sbuf_puts(b, " — ");
			owner_week(b, v[i]);
			sbuf_putc(b, '\n');
		}
		if (n)
			sbuf_putc(b, '\n');
	}
	for (size_t i = 0; i < c->rm.n_items; i++) {
		const struct roadmap_item *it = &c->rm.items[i];
		if (it->ov.status != RM_WONT_DO)
			continue;
		if (!any_wont)
			sbuf_puts(b,
			          "### Not planned\n\nThe team decided not to do these; the risk "
			          "is accepted.\n\n");
		any_wont = true;
		sbuf_puts(b, "- **");
		md_inline(b, it->bp->id);
		sbuf_puts(b, "** ");
		md_inline(b, it->bp->title);
		sbuf_printf(b, " (%s risk): ", bp_risk_name(it->risk));
		md_inline(b, it->ov.reason);
		sbuf_putc(b, '\n');
	}
	if (any_wont)
		sbuf_putc(b, '\n');
	free(v);
}

static void evidence(struct sbuf *b, const struct roadmap_item *it)
{
	sbuf_puts(b, "**Evidence found**\n\n");
	if (!it->n_findings) {
		sbuf_puts(b, "No automated check has reported on this best practice; the gap comes "
		             "from the review's answers.\n\n");
		return;
	}
	for (size_t k = 0; k < it->n_findings; k++) {
		const struct finding *f = it->findings[k].finding;
		const struct region_result *r = it->findings[k].result;
		const char *summary = report_finding_text(&it->findings[k]);

		sbuf_printf(b, "- %s",
		            r->outcome == OUTCOME_FAIL ? "**fail**" : outcome_name(r->outcome));
		sbuf_puts(b, " ");
		md_code(b, f->probe);
		if (summary) {
			sbuf_puts(b, ": ");
			md_inline(b, summary);
		}
		sbuf_puts(b, " (");
		md_inline(b, r->region);
		if (f->collected) {
			sbuf_puts(b, ", checked ");
			md_inline(b, f->collected);
		}
		sbuf_putc(b, ')');
		for (size_t n = 0; n < r->n_cited; n++) {
			sbuf_puts(b, n ? ", " : "\\\n  Resources: ");
			md_code(b, r->cited[n]);
		}
		sbuf_putc(b, '\n');
	}
	sbuf_putc(b, '\n');
}

static void item(struct sbuf *b, const struct report_ctx *c, const struct roadmap_item *it)
{
	const struct answer *a = report_answer(c, it->q);

	sbuf_printf(b, "### %zu. ", it->rank);
	md_inline(b, it->bp->id);
	sbuf_putc(b, ' ');
	md_inline(b, it->bp->title);
	sbuf_puts(b, "\n\n- **Question:** ");
	md_inline(b, it->q->id);
	sbuf_putc(b, ' ');
	md_inline(b, it->q->title);
	sbuf_printf(b, "\n- **Priority:** P%d (%s): %s risk, %s impact, %s effort%s — %s\n",
	            it->priority, rm_priority_name(it->priority), bp_risk_name(it->risk),
	            rm_impact_name(it->impact), effort_name(it->effort),
	            it->effort_overridden ? " (set by the team)" : "",
	            rm_quadrant_title(it->quadrant));
	if (it->ov.status == RM_WONT_DO) {
		sbuf_puts(b, "- **Plan:** not planned: ");
		md_inline(b, it->ov.reason);
		sbuf_putc(b, '\n');
	} else {
		sbuf_printf(b, "- **Plan:** %s, ", rm_phase_title(it->phase));
		owner_week(b, it);
		sbuf_putc(b, '\n');
	}
	if (it->confirmed)
		sbuf_puts(b, "- **Confirmed** by a failing automated check\n");
	sbuf_putc(b, '\n');
	if (it->bp->why) {
		sbuf_puts(b, "**Why it matters.** ");
		md_inline(b, it->bp->why);
		sbuf_puts(b, "\n\n");
	}
	if (it->bp->n_steps) {
		sbuf_puts(b, "**Improvement steps**\n\n");
		for (size_t s = 0; s < it->bp->n_steps; s++) {
			sbuf_printf(b, "%zu. ", s + 1);
			md_inline(b, it->bp->steps[s]);
			sbuf_putc(b, '\n');
		}
		sbuf_putc(b, '\n');
	}
	evidence(b, it);
	if (a && a->notes && report_first_of_question(c, it->q) == it) {
		sbuf_puts(b, "**Notes from the review** (");
		md_inline(b, it->q->id);
		sbuf_puts(b, ")\n\n");
		md_lines(b, a->notes, "> ");
		sbuf_putc(b, '\n');
	} else if (a && a->notes) {
		/* Once per question is enough; the appendix has them all again. */
		sbuf_printf(b, "**Notes from the review:** see item %zu (",
		            report_first_of_question(c, it->q)->rank);
		md_inline(b, it->q->id);
		sbuf_puts(b, ").\n\n");
	}
	if (it->bp->n_links) {
		sbuf_puts(b, "Learn more: ");
		for (size_t l = 0; l < it->bp->n_links; l++) {
			sbuf_puts(b, l ? " · " : "");
			md_link(b, &it->bp->links[l]);
		}
		sbuf_puts(b, "\n\n");
	}
}

static void items(struct sbuf *b, const struct report_ctx *c)
{
	if (!c->rm.n_items)
		return;
	sbuf_puts(b, "## Roadmap items\n\nIn priority order; the number is the item's rank.\n\n");
	for (size_t i = 0; i < c->rm.n_items; i++)
		item(b, c, &c->rm.items[i]);
}

static void answer_block(struct sbuf *b, const struct report_ctx *c, const struct question *q)
{
	const struct answer *a = report_answer(c, q);
	enum qrisk r = risk_question(q, a);

	sbuf_puts(b, "### ");
	md_inline(b, q->id);
	sbuf_putc(b, ' ');
	md_inline(b, q->title);
	sbuf_printf(b, "\n\nRisk: **%s**", qrisk_name(r));
	if (a && a->flagged)
		sbuf_puts(b, " · flagged for follow-up");
	sbuf_puts(b, "\n\n");
	if (r == QRISK_UNANSWERED) {
		sbuf_puts(b, "Not answered yet.\n\n");
	} else if (r == QRISK_NOT_APPLICABLE) {
		sbuf_printf(b, "Not applicable: %s", report_na_label(a->na));
		if (a->na_note) {
			sbuf_puts(b, " — ");
			md_inline(b, a->na_note);
		}
		sbuf_puts(b, "\n\n");
	} else {
		for (size_t i = 0; i < q->n_bps; i++) {
			bool in = !a->none_of_these && answer_has(a, q->bps[i].id);
			sbuf_printf(b, "- %s: **", in ? "In place" : "Missing");
			md_inline(b, q->bps[i].id);
			sbuf_puts(b, "** ");
			md_inline(b, q->bps[i].title);
			sbuf_putc(b, '\n');
		}
		sbuf_putc(b, '\n');
	}
	if (a && a->notes) {
		sbuf_puts(b, "Notes:\n\n");
		md_lines(b, a->notes, "> ");
		sbuf_putc(b, '\n');
	}
}

static void appendix(struct sbuf *b, const struct report_ctx *c)
{
	const struct workload *wl = &c->rv->wl;
	size_t n = 0;

	sbuf_puts(b, "## Appendix A: Answers\n\n");
	for (size_t i = 0; i < c->qs->n_questions; i++)
		answer_block(b, c, &c->qs->questions[i]);
	sbuf_puts(b, "## Appendix B: Follow-up flags and not-applicable questions\n\n");
	for (size_t i = 0; i < c->qs->n_questions; i++) {
		const struct question *q = &c->qs->questions[i];
		const struct answer *a = report_answer(c, q);

		if (!a || (!a->flagged && a->na == NA_NO))
			continue;
		sbuf_puts(b, "- **");
		md_inline(b, q->id);
		sbuf_puts(b, "** ");
		md_inline(b, q->title);
		if (a->flagged)
			sbuf_puts(b, " — flagged for follow-up");
		if (a->na != NA_NO) {
			sbuf_printf(b, " — not applicable: %s", report_na_label(a->na));
			if (a->na_note) {
				sbuf_puts(b, " (");
				md_inline(b, a->na_note);
				sbuf_putc(b, ')');
			}
		}
		sbuf_putc(b, '\n');
		n++;
	}
	sbuf_puts(b, n ? "\n" : "None.\n\n");
	sbuf_puts(b, "## Appendix C: Participants\n\n");
	if (!wl->n_participants) {
		sbuf_puts(b, "No participants recorded.\n\n");
	} else {
		sbuf_puts(b, "| Name | Role |\n| --- | --- |\n");
		for (size_t i = 0; i < wl->n_participants; i++) {
			sbuf_puts(b, "| ");
			md_inline(b, wl->participants[i].name);
			sbuf_puts(b, " | ");
			md_inline(b, wl->participants[i].role ? wl->participants[i].role : "");
			sbuf_puts(b, " |\n");
		}
		sbuf_putc(b, '\n');
	}
}

char *report_md(const struct report_ctx *c)
{
	struct sbuf b = { 0 };

	title(&b, c);
	summary(&b, c);
	workload(&b, c);
	availability(&b, c);
	risks(&b, c);
	progress(&b, c);
	matrix(&b, c);
	plan(&b, c);
	items(&b, c);
	appendix(&b, c);
	sbuf_puts(&b, "---\n\n*Generated by ");
	md_inline(&b, c->generator);
	sbuf_printf(&b, " on %s from question set ", c->date);
	md_inline(&b, c->qs->id);
	sbuf_puts(&b, " (");
	md_inline(&b, c->qs->name);
	sbuf_puts(&b, "), framework version ");
	md_inline(&b, c->qs->framework_version);
	sbuf_puts(&b, ". The priority model is described in wa-review(1).*\n");
	return sbuf_take(&b);
}
