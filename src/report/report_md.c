/* The Markdown report: the report's document as CommonMark, plus GitHub's tables and task
 * lists (which read as plain text where they are not supported). Every run of text goes
 * through report/safe.h, so nothing in it can start a heading, a list, a link or a table
 * cell of its own. */
#include <stdlib.h>
#include <string.h>

#include "report/report_int.h"
#include "report/safe.h"
#include "util/sbuf.h"

/* A run; at a line start (a paragraph's or an entry's), what would open a block is
 * escaped. A line break continues after indent, inside the entry. */
static void run(struct sbuf *b, const struct inl *l, bool line_start, const char *indent)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct span *s = &l->v[i];

		switch (s->kind) {
		case SPAN_TEXT: safe_md(b, s->text, line_start); break;
		case SPAN_STRONG:
			sbuf_puts(b, "**");
			safe_md(b, s->text, false);
			sbuf_puts(b, "**");
			break;
		case SPAN_CODE: safe_md_code(b, s->text); break;
		case SPAN_LINK:
			sbuf_putc(b, '[');
			safe_md(b, s->text, false);
			sbuf_printf(b, "](<%s>)", s->url); /* doc_link_ok() checked it */
			break;
		case SPAN_BREAK: sbuf_printf(b, "\\\n%s", indent); break;
		}
		line_start = s->kind == SPAN_BREAK;
	}
}

static void table(struct sbuf *b, const struct block *t)
{
	for (size_t i = 0; i < t->n_cells; i++) {
		size_t col = i % t->cols;

		sbuf_puts(b, col ? " | " : "| ");
		run(b, &t->cells[i], false, " ");
		if (col + 1 < t->cols)
			continue;
		sbuf_puts(b, " |\n");
		if (i + 1 != t->cols)
			continue;
		for (size_t k = 0; k < t->cols; k++) /* after the header: the alignment row */
			sbuf_puts(b, t->nums >> k & 1 ? "| ---: " : "| --- ");
		sbuf_puts(b, "|\n");
	}
}

static void block(struct sbuf *b, const struct block *k)
{
	switch (k->kind) {
	case BLK_HEADING:
		for (int i = 0; i < k->level; i++)
			sbuf_putc(b, '#');
		sbuf_putc(b, ' ');
		run(b, &k->cells[0], false, "");
		sbuf_putc(b, '\n');
		break;
	case BLK_PARA:
	case BLK_LABEL:
		run(b, &k->cells[0], true, "");
		sbuf_putc(b, '\n');
		break;
	case BLK_TEXT: safe_md_lines(b, k->text, ""); break;
	case BLK_QUOTE: safe_md_lines(b, k->text, "> "); break;
	case BLK_LIST:
	case BLK_TASKS:
		for (size_t i = 0; i < k->n_cells; i++) {
			sbuf_puts(b, k->kind == BLK_LIST ? "- " : k->done[i] ? "- [x] " : "- [ ] ");
			run(b, &k->cells[i], true, "  ");
			sbuf_putc(b, '\n');
		}
		break;
	case BLK_STEPS:
		for (size_t i = 0; i < k->n_cells; i++) {
			sbuf_printf(b, "%zu. ", i + 1);
			run(b, &k->cells[i], true, "   ");
			sbuf_putc(b, '\n');
		}
		break;
	case BLK_FIELDS:
		for (size_t i = 0; i + 1 < k->n_cells; i += 2) {
			sbuf_puts(b, "- **");
			run(b, &k->cells[i], false, "");
			sbuf_puts(b, ":** ");
			run(b, &k->cells[i + 1], false, "  ");
			sbuf_putc(b, '\n');
		}
		break;
	case BLK_TABLE: table(b, k); break;
	case BLK_FOOTER:
		sbuf_puts(b, "---\n\n*");
		run(b, &k->cells[0], false, "");
		sbuf_puts(b, "*\n");
		break;
	}
}

char *report_md(const struct report_ctx *c)
{
	struct doc d = { 0 };
	struct sbuf b = { 0 };

	report_doc(c, &d);
	for (size_t i = 0; i < d.n; i++) {
		if (i)
			sbuf_putc(&b, '\n');
		block(&b, &d.v[i]);
	}
	doc_clear(&d);
	return sbuf_take(&b);
}
