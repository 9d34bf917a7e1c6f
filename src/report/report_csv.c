/* The CSV report: one row per roadmap item, in rank order, with the columns tracker imports
 * map (Jira, Linear, GitHub project importers): Title, Description, Priority, Owner,
 * Due week, Labels, Status. RFC 4180: CRLF between records, fields quoted when they hold a
 * comma, quote or line break, quotes doubled. */
#include "report/report_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/sbuf.h"

/* One field. A field a spreadsheet would run as a formula (=, +, -, @ first) gets a leading
 * apostrophe, so opening the file cannot execute what a reviewer typed. */
static void field(struct sbuf *b, const char *s, bool last)
{
	bool quote = strpbrk(s, ",\"\r\n") != NULL;

	if (quote)
		sbuf_putc(b, '"');
	if (strchr("=+-@\t\r", *s) && *s)
		sbuf_putc(b, '\'');
	for (; *s; s++) {
		if (*s == '"')
			sbuf_putc(b, '"');
		sbuf_putc(b, *s);
	}
	if (quote)
		sbuf_putc(b, '"');
	sbuf_puts(b, last ? "\r\n" : ",");
}

static void description(struct sbuf *d, const struct report_ctx *c, const struct roadmap_item *it)
{
	const struct answer *a = report_answer(c, it->q);

	sbuf_printf(d, "Question: %s %s\n", it->q->id, it->q->title);
	sbuf_printf(d, "Priority P%d (%s): %s risk, %s impact, %s effort; %s.\n", it->priority,
	            rm_priority_name(it->priority), bp_risk_name(it->risk),
	            rm_impact_name(it->impact), effort_name(it->effort),
	            rm_quadrant_title(it->quadrant));
	if (it->ov.status == RM_WONT_DO)
		sbuf_printf(d, "Not planned: %s\n", it->ov.reason);
	else
		sbuf_printf(d, "%s, week %d.\n", rm_phase_title(it->phase), it->week);
	if (it->bp->why)
		sbuf_printf(d, "\nWhy it matters: %s\n", it->bp->why);
	if (it->bp->n_steps) {
		sbuf_puts(d, "\nImprovement steps:\n");
		for (size_t s = 0; s < it->bp->n_steps; s++)
			sbuf_printf(d, "%zu. %s\n", s + 1, it->bp->steps[s]);
	}
	for (size_t k = 0; k < it->n_findings; k++) {
		const struct region_result *r = it->findings[k].result;
		const char *summary = report_finding_text(&it->findings[k]);

		sbuf_printf(d, "%sEvidence (%s) %s%s%s", k ? "" : "\n", outcome_name(r->outcome),
		            it->findings[k].finding->probe, summary ? ": " : "",
		            summary ? summary : "");
		for (size_t n = 0; n < r->n_cited; n++)
			sbuf_printf(d, "%s%s", n ? ", " : "; resources: ", r->cited[n]);
		sbuf_putc(d, '\n');
	}
	if (a && a->notes)
		sbuf_printf(d, "\nNotes from the review: %s\n", a->notes);
	if (it->bp->n_links && it->bp->links[0].url)
		sbuf_printf(d, "\nMore: %s\n", it->bp->links[0].url);
}

static const char *phase_label(enum rm_phase p)
{
	switch (p) {
	case RM_PHASE_1: return "phase-1";
	case RM_PHASE_2: return "phase-2";
	case RM_PHASE_3: return "phase-3";
	case RM_PHASE_LATER: return "after-plan";
	}
	return "?";
}

char *report_csv(const struct report_ctx *c)
{
	struct sbuf b = { 0 };

	sbuf_puts(&b, "Title,Description,Priority,Owner,Due week,Labels,Status\r\n");
	for (size_t i = 0; i < c->rm.n_items; i++) {
		const struct roadmap_item *it = &c->rm.items[i];
		struct sbuf t = { 0 };
		char *s;

		sbuf_printf(&t, "%s %s", it->bp->id, it->bp->title);
		s = sbuf_take(&t);
		field(&b, s, false);
		free(s);
		description(&t, c, it);
		s = sbuf_take(&t);
		if (s[0] && s[strlen(s) - 1] == '\n')
			s[strlen(s) - 1] = '\0';
		field(&b, s, false);
		free(s);
		field(&b, rm_priority_name(it->priority), false);
		field(&b, it->ov.owner ? it->ov.owner : "", false);
		if (it->ov.status == RM_WONT_DO) {
			field(&b, "", false);
		} else {
			sbuf_printf(&b, "%d,", it->week);
		}
		sbuf_printf(&t, "reliability,%s,%s,%s,risk-%s", it->q->id,
		            rm_quadrant_key(it->quadrant), phase_label(it->phase),
		            bp_risk_name(it->risk));
		if (it->confirmed)
			sbuf_puts(&t, ",confirmed");
		s = sbuf_take(&t);
		field(&b, s, false);
		free(s);
		field(&b, rm_status_name(it->ov.status), true);
	}
	return sbuf_take(&b);
}
