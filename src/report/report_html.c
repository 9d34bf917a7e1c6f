/* The HTML report: one self-contained page (inline CSS, no scripts, nothing fetched) with
 * the Markdown report's sections, laid out to print: A4 pages, the plan, the items and the
 * appendix each starting a new page, and tables and items kept whole where they fit. */
#include "report/report_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/sbuf.h"
#include "util/xalloc.h"

static const char css[] =
        "@page{size:A4;margin:16mm 14mm}\n"
        "*{box-sizing:border-box}\n"
        "body{font:10.5pt/1.45 'DejaVu Sans','Liberation Sans',Arial,sans-serif;color:#1b1f24;"
        "max-width:58rem;margin:2rem auto;padding:0 1rem}\n"
        "h1{font-size:1.7em;border-bottom:3px solid #232f3e;padding-bottom:.2em;margin:0 0 .4em}\n"
        "h2{font-size:1.3em;border-bottom:1px solid #c8ccd1;padding-bottom:.15em;margin:1.6em 0 "
        ".6em}\n"
        "h3{font-size:1.08em;margin:1.2em 0 .4em}\n"
        "h2,h3{break-after:avoid;page-break-after:avoid}\n"
        ".newpage{break-before:page;page-break-before:always}\n"
        ".meta{color:#555}\n"
        "table{border-collapse:collapse;width:100%;margin:.5em 0 1em}\n"
        "th,td{border:1px solid #c8ccd1;padding:.3em .5em;text-align:left;vertical-align:top}\n"
        "th{background:#f1f3f5}\n"
        "td.n{text-align:right}\n"
        "tr{break-inside:avoid;page-break-inside:avoid}\n"
        "tr.total td{font-weight:bold}\n"
        "ul.plan{list-style:none;padding-left:0}\n"
        "ul.plan li{margin:.25em 0;padding-left:1.6em;text-indent:-1.6em}\n"
        "ul.plan input{margin:0 .45em 0 0;vertical-align:middle}\n"
        ".risk-HIGH,.risk-high{color:#b3261e;font-weight:bold}\n"
        ".risk-MEDIUM,.risk-medium{color:#9a6700;font-weight:bold}\n"
        ".item{border-top:1px solid #e1e4e8;padding-top:.3em}\n"
        "h2+.item{border-top:none}\n"
        /* An item may run over a page, but never between a label and its text. */
        ".item dt{break-after:avoid;page-break-after:avoid}\n"
        ".item dd>*,.item li,blockquote{break-inside:avoid;page-break-inside:avoid}\n"
        ".item dl{display:grid;grid-template-columns:8em 1fr;gap:.15em .8em;margin:.3em 0}\n"
        ".item dt{font-weight:bold;color:#444}\n"
        ".item dd{margin:0}\n"
        "blockquote{margin:.4em 0;padding:.2em .8em;border-left:3px solid #c8ccd1;color:#333;"
        "white-space:pre-wrap}\n"
        "code{font-family:'DejaVu Sans Mono','Liberation Mono',monospace;font-size:.92em;"
        "background:#f1f3f5;padding:0 .2em;word-break:break-all}\n"
        "footer{margin-top:2em;border-top:1px solid #c8ccd1;color:#555;font-size:.9em}\n"
        "@media print{body{margin:0;max-width:none;padding:0}a{color:inherit;"
        "text-decoration:none}}\n";

static void esc(struct sbuf *b, const char *s)
{
	for (; s && *s; s++) {
		unsigned char ch = (unsigned char)*s;

		switch (*s) {
		case '&': sbuf_puts(b, "&amp;"); break;
		case '<': sbuf_puts(b, "&lt;"); break;
		case '>': sbuf_puts(b, "&gt;"); break;
		case '"': sbuf_puts(b, "&quot;"); break;
		case '\'': sbuf_puts(b, "&#39;"); break;
		default:
			if (ch >= 0x20 || ch == '\n' || ch == '\t')
				sbuf_putc(b, *s);
		}
	}
}

/* Text in an element: <tag>escaped</tag>. */
static void tag(struct sbuf *b, const char *name, const char *attrs, const char *text)
{
	sbuf_printf(b, "<%s%s%s>", name, attrs ? " " : "", attrs ? attrs : "");
	esc(b, text);
	sbuf_printf(b, "</%s>\n", name);
}

static void head(struct sbuf *b, const struct report_ctx *c)
{
	const struct workload *wl = &c->rv->wl;

	sbuf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	             "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	             "<title>Reliability improvement plan: ");
	esc(b, wl->name ? wl->name : "unnamed workload");
	sbuf_printf(b, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", css);
	sbuf_puts(b, "<h1>Reliability improvement plan: ");
	esc(b, wl->name ? wl->name : "unnamed workload");
	sbuf_printf(b,
	            "</h1>\n<p class=\"meta\">Prepared %s from the AWS Well-Architected "
	            "Reliability review",
	            c->date);
	if (c->rv->updated)
		sbuf_printf(b, " last updated %.10s", c->rv->updated);
	sbuf_puts(b, ". Question set: ");
	esc(b, c->qs->name);
	sbuf_puts(b, ", framework version ");
	esc(b, c->qs->framework_version);
	sbuf_puts(b,
	          c->redacted ? ". Account IDs and ARNs are masked for sharing.</p>\n" : ".</p>\n");
}

static void summary(struct sbuf *b, const struct report_ctx *c)
{
	char *text = report_summary_text(c);
	size_t unanswered = 0;

	sbuf_puts(b, "<h2>Summary</h2>\n<p>");
	esc(b, text);
	sbuf_puts(b, "</p>\n");
	free(text);
	if (c->rm.n_unanswered) {
		sbuf_printf(b, "<p>%zu question%s not answered yet (", c->rm.n_unanswered,
		            c->rm.n_unanswered == 1 ? " is" : "s are");
		for (size_t i = 0; i < c->qs->n_questions; i++) {
			const struct question *q = &c->qs->questions[i];
			if (answer_is_answered(report_answer(c, q)))
				continue;
			sbuf_puts(b, unanswered++ ? ", " : "");
			esc(b, q->id);
		}
		sbuf_puts(b, "); their best practices join the plan once they are.</p>\n");
	}
}

static void dl_row(struct sbuf *b, const char *key, const char *value)
{
	if (!value || !*value)
		return;
	sbuf_printf(b, "<tr><th>%s</th><td>", key);
	esc(b, value);
	sbuf_puts(b, "</td></tr>\n");
}

static void workload(struct sbuf *b, const struct report_ctx *c)
{
	const struct workload *wl = &c->rv->wl;
	const struct avail_summary *av = &c->av;
	char t[32], x[32], y[32];

	sbuf_puts(b, "<h2>Workload and availability</h2>\n");
	if (wl->description)
		tag(b, "p", "style=\"white-space:pre-wrap\"", wl->description);
	sbuf_puts(b, "<table>\n");
	dl_row(b, "Owner", wl->owner);
	dl_row(b, "Environment", wl->environment);
	dl_row(b, "Business criticality", wl->criticality);
	if (wl->n_regions || wl->n_accounts) {
		sbuf_puts(b, "<tr><th>Regions and accounts</th><td>");
		for (size_t i = 0; i < wl->n_regions; i++) {
			sbuf_puts(b, i ? ", " : "");
			esc(b, wl->regions[i]);
		}
		for (size_t i = 0; i < wl->n_accounts; i++) {
			sbuf_puts(b, i || wl->n_regions ? ", " : "");
			esc(b, wl->accounts[i]);
		}
		sbuf_puts(b, "</td></tr>\n");
	}
	dl_row(b, "RTO", wl->rto);
	dl_row(b, "RPO", wl->rpo);
	dl_row(b, "Availability target",
	       av->target < 0 ? "not set" : report_pct(av->target, t, sizeof(t)));
	if (!av->have_components) {
		dl_row(b, "Computed availability",
		       "not yet known (list components in the workload)");
	} else {
		snprintf(y, sizeof(y), "%s%s", report_pct(av->computed, x, sizeof(x)),
		         av->target < 0     ? ""
		         : av->meets_target ? ", meets the target"
		                            : ", below the target");
		dl_row(b, "Computed availability", y);
	}
	if (av->n_single_points) {
		sbuf_puts(b, "<tr><th>Single points of failure</th><td>");
		for (size_t i = 0; i < av->n_single_points; i++) {
			sbuf_puts(b, i ? ", " : "");
			esc(b, av->single_points[i]);
		}
		sbuf_puts(b, "</td></tr>\n");
	}
	if (av->have_incidents)
		sbuf_printf(b,
		            "<tr><th>Measured availability</th><td>%s (MTTR %.1f h, MTBF %.0f h)"
		            "</td></tr>\n",
		            report_pct(av->measured, x, sizeof(x)), av->mttr_hours, av->mtbf_hours);
	if (av->have_cost) {
		sbuf_printf(b, "<tr><th>Cost of downtime</th><td>%s a year now, ",
		            report_amount(av->cost_per_year_computed, x, sizeof(x)));
		sbuf_printf(b, "%s at the target</td></tr>\n",
		            report_amount(av->cost_per_year_target, y, sizeof(y)));
	}
	sbuf_puts(b, "</table>\n");
}

static void risk_row(struct sbuf *b, const char *label, const char *cls,
                     const struct risk_counts *k)
{
	sbuf_printf(b, "<tr%s><td>", cls);
	esc(b, label);
	sbuf_printf(b,
	            "</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td><td class=\"n\">%zu"
	            "</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td><td class=\"n\">%zu"
	            "</td></tr>\n",
	            k->total, k->answered, k->high, k->medium, k->none, k->not_applicable);
}

static void risks(struct sbuf *b, const struct report_ctx *c)
{
	struct risk_counts k;

	sbuf_puts(b, "<h2>Risk summary by area</h2>\n<table>\n<thead><tr><th>Area</th>"
	             "<th>Questions</th><th>Answered</th><th>High</th><th>Medium</th><th>None</th>"
	             "<th>N/A</th></tr></thead>\n<tbody>\n");
	for (size_t a = 0; a < c->qs->n_areas; a++) {
		risk_count(c->qs, c->rv, a, &k);
		risk_row(b, c->qs->areas[a].title, "", &k);
	}
	risk_count(c->qs, c->rv, RISK_ALL_AREAS, &k);
	risk_row(b, "Overall", " class=\"total\"", &k);
	sbuf_puts(b, "</tbody>\n</table>\n");
}

static void changes(struct sbuf *b, const char *label, const struct ms_change *v, size_t n)
{
	if (!n)
		return;
	sbuf_printf(b, "<li>%s: ", label);
	for (size_t i = 0; i < n; i++) {
		sbuf_puts(b, i ? "; " : "");
		sbuf_puts(b, "<strong>");
		esc(b, v[i].q->id);
		sbuf_printf(b, "</strong> %s → %s", qrisk_name(v[i].from), qrisk_name(v[i].to));
	}
	sbuf_puts(b, "</li>\n");
}

static void progress(struct sbuf *b, const struct report_ctx *c)
{
	const struct ms_diff *d = &c->progress;

	sbuf_puts(b, "<h2>Progress since the last milestone</h2>\n");
	if (!c->since) {
		sbuf_puts(b, "<p>No milestone has been recorded yet.</p>\n");
		return;
	}
	sbuf_puts(b, "<p>Since the milestone <strong>");
	esc(b, c->since->name);
	sbuf_puts(b, "</strong> (");
	esc(b, c->since->date);
	sbuf_puts(b, "):</p>\n<ul>\n");
	if (milestone_diff_empty(d))
		sbuf_puts(b, "<li>nothing has changed</li>\n");
	changes(b, "Risk went down", d->down, d->n_down);
	changes(b, "Risk went up", d->up, d->n_up);
	changes(b, "Other changes", d->other, d->n_other);
	for (size_t i = 0; i < d->n_done; i++) {
		sbuf_puts(b, "<li>Done: <strong>");
		esc(b, d->done[i].bp->id);
		sbuf_puts(b, "</strong> ");
		esc(b, d->done[i].bp->title);
		sbuf_puts(b,
		          d->done[i].in_place ? " (now in place)</li>\n" : " (marked done)</li>\n");
	}
	for (size_t i = 0; i < d->n_reopened; i++) {
		sbuf_puts(b, "<li>No longer in place: <strong>");
		esc(b, d->reopened[i].bp->id);
		sbuf_puts(b, "</strong> ");
		esc(b, d->reopened[i].bp->title);
		sbuf_puts(b, "</li>\n");
	}
	sbuf_puts(b, "</ul>\n");
}

static void matrix(struct sbuf *b, const struct report_ctx *c)
{
	sbuf_puts(b, "<h2>Priority matrix</h2>\n<table>\n<thead><tr><th>Quadrant</th><th>Items</th>"
	             "<th>Best practices</th></tr></thead>\n<tbody>\n");
	for (int q = 0; q < RM_N_QUADRANTS; q++) {
		struct sbuf ids = { 0 };
		size_t n = 0;
		char *s;

		for (size_t i = 0; i < c->rm.n_items; i++) {
			const struct roadmap_item *it = &c->rm.items[i];
			if (it->quadrant != (enum rm_quadrant)q || it->ov.status == RM_WONT_DO)
				continue;
			sbuf_puts(&ids, n++ ? ", " : "");
			esc(&ids, it->bp->id);
		}
		s = sbuf_take(&ids);
		sbuf_printf(b, "<tr><td>%s</td><td class=\"n\">%zu</td><td>%s</td></tr>\n",
		            rm_quadrant_title((enum rm_quadrant)q), n, n ? s : "none");
		free(s);
	}
	sbuf_puts(b, "</tbody>\n</table>\n");
}

static void owner_week(struct sbuf *b, const struct roadmap_item *it)
{
	sbuf_printf(b, "week %d, owner: ", it->week);
	esc(b, it->ov.owner ? it->ov.owner : "unassigned");
	if (it->ov.status != RM_PLANNED)
		sbuf_printf(b, ", %s", rm_status_label(it->ov.status));
}

static void plan(struct sbuf *b, const struct report_ctx *c)
{
	const struct roadmap_item **v = xcalloc(c->rm.n_items + 1, sizeof(*v));
	bool any = false;

	sbuf_puts(b, "<h2 class=\"newpage\">Phased plan</h2>\n");
	for (int p = RM_PHASE_1; p <= RM_PHASE_LATER; p++) {
		size_t n = roadmap_phase_items(&c->rm, (enum rm_phase)p, v);
		int first, last;

		roadmap_phase_weeks((enum rm_phase)p, &first, &last);
		if (p == RM_PHASE_LATER && !n)
			continue;
		if (p == RM_PHASE_LATER)
			sbuf_printf(b, "<h3>%s (week %d and later)</h3>\n",
			            rm_phase_title((enum rm_phase)p), first);
		else
			sbuf_printf(b, "<h3>%s (weeks %d–%d)</h3>\n",
			            rm_phase_title((enum rm_phase)p), first, last);
		if (!n) {
			sbuf_puts(b, "<p>Nothing in this phase.</p>\n");
			continue;
		}
		sbuf_puts(b, "<ul class=\"plan\">\n");
		for (size_t i = 0; i < n; i++) {
			sbuf_printf(b, "<li><input type=\"checkbox\" disabled%s><strong>",
			            v[i]->ov.status == RM_DONE ? " checked" : "");
			esc(b, v[i]->bp->id);
			sbuf_puts(b, "</strong> ");
			esc(b, v[i]->bp->title);
			sbuf_puts(b, " — ");
			owner_week(b, v[i]);
			sbuf_puts(b, "</li>\n");
		}
		sbuf_puts(b, "</ul>\n");
	}
	for (size_t i = 0; i < c->rm.n_items; i++) {
		const struct roadmap_item *it = &c->rm.items[i];
		if (it->ov.status != RM_WONT_DO)
			continue;
		if (!any)
			sbuf_puts(b,
			          "<h3>Not planned</h3>\n<p>The team decided not to do these; the "
			          "risk is accepted.</p>\n<ul>\n");
		any = true;
		sbuf_puts(b, "<li><strong>");
		esc(b, it->bp->id);
		sbuf_puts(b, "</strong> ");
		esc(b, it->bp->title);
		sbuf_printf(b, " (%s risk): ", bp_risk_name(it->risk));
		esc(b, it->ov.reason);
		sbuf_puts(b, "</li>\n");
	}
	if (any)
		sbuf_puts(b, "</ul>\n");
	free(v);
}

static void evidence(struct sbuf *b, const struct roadmap_item *it)
{
	if (!it->n_findings) {
		sbuf_puts(b, "<dt>Evidence</dt><dd>No automated check has reported on this best "
		             "practice.</dd>\n");
		return;
	}
	sbuf_puts(b, "<dt>Evidence</dt><dd><ul>\n");
	for (size_t k = 0; k < it->n_findings; k++) {
		const struct region_result *r = it->findings[k].result;
		const char *summary = report_finding_text(&it->findings[k]);

		sbuf_printf(b, "<li><strong>%s</strong> <code>", outcome_name(r->outcome));
		esc(b, it->findings[k].finding->probe);
		sbuf_puts(b, "</code>");
		if (summary) {
			sbuf_puts(b, ": ");
			esc(b, summary);
		}
		for (size_t n = 0; n < r->n_cited; n++) {
			sbuf_puts(b, n ? ", <code>" : "<br>Resources: <code>");
			esc(b, r->cited[n]);
			sbuf_puts(b, "</code>");
		}
		sbuf_puts(b, "</li>\n");
	}
	sbuf_puts(b, "</ul></dd>\n");
}

static void item(struct sbuf *b, const struct report_ctx *c, const struct roadmap_item *it)
{
	const struct answer *a = report_answer(c, it->q);

	sbuf_puts(b, "<section class=\"item\" id=\"");
	esc(b, it->bp->id);
	sbuf_printf(b, "\">\n<h3>%zu. ", it->rank);
	esc(b, it->bp->id);
	sbuf_putc(b, ' ');
	esc(b, it->bp->title);
	sbuf_puts(b, "</h3>\n<dl>\n<dt>Question</dt><dd>");
	esc(b, it->q->id);
	sbuf_putc(b, ' ');
	esc(b, it->q->title);
	sbuf_printf(b,
	            "</dd>\n<dt>Priority</dt><dd>P%d (%s): <span class=\"risk-%s\">%s risk"
	            "</span>, %s impact, %s effort%s — %s%s</dd>\n",
	            it->priority, rm_priority_name(it->priority), bp_risk_name(it->risk),
	            bp_risk_name(it->risk), rm_impact_name(it->impact), effort_name(it->effort),
	            it->effort_overridden ? " (set by the team)" : "",
	            rm_quadrant_title(it->quadrant),
	            it->confirmed ? "; confirmed by a failing check" : "");
	sbuf_puts(b, "<dt>Plan</dt><dd>");
	if (it->ov.status == RM_WONT_DO) {
		sbuf_puts(b, "not planned: ");
		esc(b, it->ov.reason);
	} else {
		sbuf_printf(b, "%s, ", rm_phase_title(it->phase));
		owner_week(b, it);
	}
	sbuf_puts(b, "</dd>\n");
	if (it->bp->why) {
		sbuf_puts(b, "<dt>Why it matters</dt><dd>");
		esc(b, it->bp->why);
		sbuf_puts(b, "</dd>\n");
	}
	if (it->bp->n_steps) {
		sbuf_puts(b, "<dt>Steps</dt><dd><ol>\n");
		for (size_t s = 0; s < it->bp->n_steps; s++)
			tag(b, "li", NULL, it->bp->steps[s]);
		sbuf_puts(b, "</ol></dd>\n");
	}
	evidence(b, it);
	if (a && a->notes && report_first_of_question(c, it->q) == it) {
		sbuf_puts(b, "<dt>Notes</dt><dd>");
		tag(b, "blockquote", NULL, a->notes);
		sbuf_puts(b, "</dd>\n");
	} else if (a && a->notes) {
		sbuf_printf(b, "<dt>Notes</dt><dd>see item %zu</dd>\n",
		            report_first_of_question(c, it->q)->rank);
	}
	if (it->bp->n_links && it->bp->links[0].url &&
	    !strncmp(it->bp->links[0].url, "https://", 8)) {
		sbuf_puts(b, "<dt>Learn more</dt><dd><a href=\"");
		esc(b, it->bp->links[0].url);
		sbuf_puts(b, "\">");
		esc(b, it->bp->links[0].title ? it->bp->links[0].title : it->bp->links[0].url);
		sbuf_puts(b, "</a></dd>\n");
	}
	sbuf_puts(b, "</dl>\n</section>\n");
}

static void appendix(struct sbuf *b, const struct report_ctx *c)
{
	const struct workload *wl = &c->rv->wl;

	sbuf_puts(b, "<h2 class=\"newpage\">Appendix A: Answers</h2>\n<table>\n<thead><tr>"
	             "<th>Question</th><th>Risk</th><th>In place</th><th>Notes</th></tr></thead>"
	             "\n<tbody>\n");
	for (size_t i = 0; i < c->qs->n_questions; i++) {
		const struct question *q = &c->qs->questions[i];
		const struct answer *a = report_answer(c, q);
		enum qrisk r = risk_question(q, a);
		size_t n = 0;

		sbuf_puts(b, "<tr><td><strong>");
		esc(b, q->id);
		sbuf_puts(b, "</strong> ");
		esc(b, q->title);
		if (a && a->flagged)
			sbuf_puts(b, " <em>(follow-up)</em>");
		sbuf_printf(b, "</td><td class=\"risk-%s\">%s</td><td>", qrisk_name(r),
		            qrisk_name(r));
		if (r == QRISK_NOT_APPLICABLE) {
			sbuf_printf(b, "not applicable: %s", report_na_label(a->na));
			if (a->na_note) {
				sbuf_puts(b, " — ");
				esc(b, a->na_note);
			}
		} else if (r != QRISK_UNANSWERED) {
			for (size_t j = 0; j < q->n_bps; j++)
				if (!a->none_of_these && answer_has(a, q->bps[j].id)) {
					sbuf_puts(b, n++ ? ", " : "");
					esc(b, q->bps[j].id);
				}
			sbuf_printf(b, "%s (%zu of %zu)", n ? "" : "none", n, q->n_bps);
		}
		sbuf_puts(b, "</td><td style=\"white-space:pre-wrap\">");
		esc(b, a ? a->notes : NULL);
		sbuf_puts(b, "</td></tr>\n");
	}
	sbuf_puts(b, "</tbody>\n</table>\n<h2>Appendix B: Participants</h2>\n");
	if (!wl->n_participants) {
		sbuf_puts(b, "<p>No participants recorded.</p>\n");
		return;
	}
	sbuf_puts(b, "<table>\n<thead><tr><th>Name</th><th>Role</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < wl->n_participants; i++) {
		sbuf_puts(b, "<tr><td>");
		esc(b, wl->participants[i].name);
		sbuf_puts(b, "</td><td>");
		esc(b, wl->participants[i].role);
		sbuf_puts(b, "</td></tr>\n");
	}
	sbuf_puts(b, "</tbody>\n</table>\n");
}

char *report_html(const struct report_ctx *c)
{
	struct sbuf b = { 0 };

	head(&b, c);
	summary(&b, c);
	workload(&b, c);
	risks(&b, c);
	progress(&b, c);
	matrix(&b, c);
	plan(&b, c);
	if (c->rm.n_items) {
		sbuf_puts(&b, "<h2 class=\"newpage\">Roadmap items</h2>\n");
		for (size_t i = 0; i < c->rm.n_items; i++)
			item(&b, c, &c->rm.items[i]);
	}
	appendix(&b, c);
	sbuf_puts(&b, "<footer><p>Generated by ");
	esc(&b, c->generator);
	sbuf_printf(&b, " on %s from question set ", c->date);
	esc(&b, c->qs->id);
	sbuf_puts(&b, ", framework version ");
	esc(&b, c->qs->framework_version);
	sbuf_puts(&b, ".</p></footer>\n</body>\n</html>\n");
	return sbuf_take(&b);
}
