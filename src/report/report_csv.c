/* The CSV report: one row per roadmap item, in rank order, with the columns tracker imports
 * map (Jira, Linear, GitHub project importers): Title, Description, Priority, Owner,
 * Due week, Due date, Labels, Status. The description is the item's part of the report as
 * plain text. RFC 4180 and formula guards: report/safe.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_int.h"
#include "report/safe.h"
#include "util/sbuf.h"

static void run(struct sbuf *b, const struct inl *l)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct span *s = &l->v[i];

		if (s->kind == SPAN_BREAK)
			sbuf_puts(b, "\n  ");
		else if (s->kind == SPAN_LINK && strcmp(s->text, s->url))
			sbuf_printf(b, "%s <%s>", s->text, s->url);
		else
			sbuf_puts(b, s->text);
	}
}

/* Blocks as plain text, a blank line between them. */
static char *plain(const struct doc *d)
{
	struct sbuf b = { 0 };

	for (size_t i = 0; i < d->n; i++) {
		const struct block *k = &d->v[i];

		/* Paragraphs apart; a label and what it introduces together. */
		if (i)
			sbuf_puts(&b, d->v[i - 1].kind != BLK_LABEL && (k->kind == BLK_PARA ||
			                                                k->kind == BLK_LABEL ||
			                                                k->kind == BLK_FIELDS)
			                      ? "\n\n"
			                      : "\n");
		switch (k->kind) {
		case BLK_TEXT:
		case BLK_QUOTE: sbuf_puts(&b, k->text); break;
		case BLK_FIELDS:
			for (size_t j = 0; j + 1 < k->n_cells; j += 2) {
				run(&b, &k->cells[j]);
				sbuf_puts(&b, ": ");
				run(&b, &k->cells[j + 1]);
				sbuf_puts(&b, j + 2 < k->n_cells ? "\n" : "");
			}
			break;
		case BLK_LIST:
		case BLK_STEPS:
		case BLK_TASKS:
			for (size_t j = 0; j < k->n_cells; j++) {
				if (k->kind == BLK_STEPS)
					sbuf_printf(&b, "%s%zu. ", j ? "\n" : "", j + 1);
				else
					sbuf_puts(&b, j ? "\n- " : "- ");
				run(&b, &k->cells[j]);
			}
			break;
		default: run(&b, &k->cells[0]); break; /* the item's part has no table */
		}
	}
	return sbuf_take(&b);
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

static void field(struct sbuf *b, const char *s, bool last)
{
	safe_csv(b, s);
	sbuf_puts(b, last ? "\r\n" : ",");
}

char *report_csv(const struct report_ctx *c)
{
	struct sbuf b = { 0 };

	sbuf_puts(&b, "Title,Description,Priority,Owner,Due week,Due date,Labels,Status\r\n");
	for (size_t i = 0; i < c->rm.n_items; i++) {
		const struct roadmap_item *it = &c->rm.items[i];
		bool planned = it->ov.status != RM_WONT_DO;
		struct doc d = { 0 };
		struct sbuf t = { 0 };
		char *s, due[16];

		sbuf_printf(&t, "%s %s", it->bp->id, it->bp->title);
		s = sbuf_take(&t);
		field(&b, s, false);
		free(s);
		report_item_body(c, it, true, &d);
		s = plain(&d);
		doc_clear(&d);
		field(&b, s, false);
		free(s);
		field(&b, rm_priority_name(it->priority), false);
		field(&b, it->ov.owner ? it->ov.owner : "", false);
		if (planned)
			sbuf_printf(&b, "%d,%s,", it->week, report_due(c, it, due));
		else
			sbuf_puts(&b, ",,");
		sbuf_printf(&t, "reliability,%s,%s,%s,risk-%s", it->q->id,
		            rm_quadrant_key(it->quadrant),
		            planned ? phase_label(it->phase) : "not-planned",
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
