/* The HTML report: the report's document as one self-contained page (inline CSS, no
 * scripts, nothing fetched) that prints well (see css[] below). Every run of text goes
 * through report/safe.h. */
#include <stdlib.h>
#include <string.h>

#include "report/report_int.h"
#include "report/safe.h"
#include "util/sbuf.h"

/* Print: A4, the matrix on a landscape page of its own; blocks (paragraphs, list entries,
 * table rows, field lists, quotes) never split, short sections kept whole, and a heading or
 * a label never left at the foot of a page. */
static const char css[] =
        "@page{size:A4;margin:14mm 12mm}\n"
        "@page matrix{size:A4 landscape;margin:10mm 12mm}\n"
        "*{box-sizing:border-box}\n"
        "body{font:10.5pt/1.45 'DejaVu Sans','Liberation Sans',Arial,sans-serif;color:#1b1f24;"
        "max-width:60rem;margin:2rem auto;padding:0 1rem}\n"
        "h1{font-size:1.7em;border-bottom:3px solid #232f3e;padding-bottom:.2em;margin:0 0 .4em}\n"
        "h2{font-size:1.3em;border-bottom:1px solid #c8ccd1;padding-bottom:.15em;margin:1.3em 0 "
        ".5em}\n"
        "h3{font-size:1.06em;margin:1em 0 .35em}\n"
        "h2,h3,p.label{break-after:avoid;page-break-after:avoid}\n"
        "p.label{margin-bottom:.2em}\n"
        ".keep,p,li,tr,dl,blockquote{break-inside:avoid;page-break-inside:avoid}\n"
        ".newpage{break-before:page;page-break-before:always}\n"
        "table{border-collapse:collapse;width:100%;margin:.4em 0 .8em}\n"
        "th,td{border:1px solid #c8ccd1;padding:.25em .45em;text-align:left;vertical-align:top}\n"
        "th{background:#f1f3f5}\n"
        "td.n,th.n{text-align:right}\n"
        "ul.plan{list-style:none;padding-left:0}\n"
        "ul.plan li{margin:.2em 0;padding-left:1.6em;text-indent:-1.6em}\n"
        "ul.plan input{margin:0 .45em 0 0;vertical-align:middle}\n"
        "dl{display:grid;grid-template-columns:max-content 1fr;gap:.15em .8em;margin:.3em 0}\n"
        "dt{font-weight:bold;color:#444}\n"
        "dd{margin:0}\n"
        "section.item{border-top:1px solid #e1e4e8;margin-top:.8em}\n"
        "blockquote{margin:.4em 0;padding:.2em .8em;border-left:3px solid #c8ccd1;color:#333;"
        "white-space:pre-wrap}\n"
        "p.pre{white-space:pre-wrap}\n"
        "code{font-family:'DejaVu Sans Mono','Liberation Mono',monospace;font-size:.92em;"
        "background:#f1f3f5;padding:0 .2em;word-break:break-all}\n"
        "section.matrix{page:matrix}\n"
        "section.matrix table{font-size:.85em}\n"
        "section.matrix td:nth-child(3),section.matrix td:nth-child(4),"
        "section.matrix td:nth-child(6){white-space:nowrap}\n"
        "footer{margin-top:2em;border-top:1px solid #c8ccd1;color:#555;font-size:.9em}\n"
        "@media print{body{margin:0;max-width:none;padding:0;font-size:9.5pt}"
        "a{color:inherit;text-decoration:none}"
        "section.matrix{font-size:7.5pt}section.matrix h2{font-size:1.6em}"
        "section.matrix td,section.matrix th{padding:.1em .3em;line-height:1.3}}\n";

static void run(struct sbuf *b, const struct inl *l)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct span *s = &l->v[i];

		switch (s->kind) {
		case SPAN_TEXT: safe_html(b, s->text); break;
		case SPAN_STRONG:
			sbuf_puts(b, "<strong>");
			safe_html(b, s->text);
			sbuf_puts(b, "</strong>");
			break;
		case SPAN_CODE:
			sbuf_puts(b, "<code>");
			safe_html(b, s->text);
			sbuf_puts(b, "</code>");
			break;
		case SPAN_LINK:
			sbuf_puts(b, "<a href=\"");
			safe_html(b, s->url);
			sbuf_puts(b, "\">");
			safe_html(b, s->text);
			sbuf_puts(b, "</a>");
			break;
		case SPAN_BREAK: sbuf_puts(b, "<br>"); break;
		}
	}
}

/* The run's text alone, for the page's title. */
static void plain(struct sbuf *b, const struct inl *l)
{
	for (size_t i = 0; i < l->n; i++)
		safe_html(b, l->v[i].text);
}

static void table(struct sbuf *b, const struct block *t)
{
	sbuf_puts(b, "<table>\n<thead>");
	for (size_t i = 0; i < t->n_cells; i++) {
		size_t col = i % t->cols;
		const char *cell = i < t->cols ? "th" : "td";

		if (!col)
			sbuf_puts(b, "<tr>");
		sbuf_printf(b, "<%s%s>", cell, t->nums >> col & 1 ? " class=\"n\"" : "");
		run(b, &t->cells[i]);
		sbuf_printf(b, "</%s>", cell);
		if (col + 1 < t->cols)
			continue;
		sbuf_puts(b, "</tr>\n");
		if (i + 1 == t->cols)
			sbuf_puts(b, "</thead>\n<tbody>\n");
	}
	sbuf_puts(b, "</tbody>\n</table>\n");
}

/* Opens the section a heading starts, after closing those it ends (open[] holds the levels
 * of the sections open, *n of them). */
static void section(struct sbuf *b, const struct block *h, int *open, size_t *n)
{
	while (*n && open[*n - 1] >= h->level) {
		sbuf_puts(b, "</section>\n");
		(*n)--;
	}
	if (h->level < 2)
		return;
	open[(*n)++] = h->level;
	sbuf_printf(b, "<section class=\"%s%s%s\"", h->cls ? h->cls : "",
	            h->flags & DOC_KEEP ? " keep" : "", h->flags & DOC_NEWPAGE ? " newpage" : "");
	if (h->anchor) {
		sbuf_puts(b, " id=\"");
		safe_html(b, h->anchor);
		sbuf_putc(b, '"');
	}
	sbuf_puts(b, ">\n");
}

static void list(struct sbuf *b, const struct block *k)
{
	static const char *const open[] = {
		[BLK_LIST] = "<ul>", [BLK_STEPS] = "<ol>", [BLK_TASKS] = "<ul class=\"plan\">"
	};

	sbuf_printf(b, "%s\n", open[k->kind]);
	for (size_t i = 0; i < k->n_cells; i++) {
		sbuf_puts(b, "<li>");
		if (k->kind == BLK_TASKS)
			sbuf_printf(b, "<input type=\"checkbox\" disabled%s>",
			            k->done[i] ? " checked" : "");
		run(b, &k->cells[i]);
		sbuf_puts(b, "</li>\n");
	}
	sbuf_puts(b, k->kind == BLK_STEPS ? "</ol>\n" : "</ul>\n");
}

static void block(struct sbuf *b, const struct block *k)
{
	switch (k->kind) {
	case BLK_HEADING:
		sbuf_printf(b, "<h%d>", k->level);
		run(b, &k->cells[0]);
		sbuf_printf(b, "</h%d>\n", k->level);
		break;
	case BLK_PARA:
	case BLK_LABEL:
		sbuf_puts(b, k->kind == BLK_LABEL ? "<p class=\"label\">" : "<p>");
		run(b, &k->cells[0]);
		sbuf_puts(b, "</p>\n");
		break;
	case BLK_TEXT:
	case BLK_QUOTE:
		sbuf_puts(b, k->kind == BLK_TEXT ? "<p class=\"pre\">" : "<blockquote>");
		safe_html(b, k->text);
		sbuf_puts(b, k->kind == BLK_TEXT ? "</p>\n" : "</blockquote>\n");
		break;
	case BLK_LIST:
	case BLK_STEPS:
	case BLK_TASKS: list(b, k); break;
	case BLK_FIELDS:
		if (!k->n_cells)
			break;
		sbuf_puts(b, "<dl>\n");
		for (size_t i = 0; i + 1 < k->n_cells; i += 2) {
			sbuf_puts(b, "<dt>");
			run(b, &k->cells[i]);
			sbuf_puts(b, "</dt><dd>");
			run(b, &k->cells[i + 1]);
			sbuf_puts(b, "</dd>\n");
		}
		sbuf_puts(b, "</dl>\n");
		break;
	case BLK_TABLE: table(b, k); break;
	case BLK_FOOTER:
		sbuf_puts(b, "<footer><p>");
		run(b, &k->cells[0]);
		sbuf_puts(b, "</p></footer>\n");
		break;
	}
}

char *report_html(const struct report_ctx *c)
{
	struct doc d = { 0 };
	struct sbuf b = { 0 };
	int open[4];
	size_t n_open = 0;

	report_doc(c, &d);
	sbuf_puts(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	              "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	              "<title>");
	plain(&b, &d.v[0].cells[0]); /* the title heading */
	sbuf_printf(&b, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", css);
	for (size_t i = 0; i < d.n; i++) {
		if (d.v[i].kind == BLK_HEADING || d.v[i].kind == BLK_FOOTER)
			section(&b, &d.v[i], open, &n_open);
		block(&b, &d.v[i]);
	}
	sbuf_puts(&b, "</body>\n</html>\n");
	doc_clear(&d);
	return sbuf_take(&b);
}
