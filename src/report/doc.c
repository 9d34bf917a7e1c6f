#include "report/doc_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static struct block *add(struct doc *d, enum block_kind kind)
{
	struct block *b;

	d->v = xgrow(d->v, &d->cap, d->n + 1, sizeof(*d->v));
	b = &d->v[d->n++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	return b;
}

struct inl *doc_cell(struct block *b)
{
	struct inl *l;

	b->cells = xgrow(b->cells, &b->cap, b->n_cells + 1, sizeof(*b->cells));
	l = &b->cells[b->n_cells++];
	memset(l, 0, sizeof(*l));
	return l;
}

struct inl *doc_heading(struct doc *d, int level, const char *cls, unsigned flags,
                        const char *anchor)
{
	struct block *b = add(d, BLK_HEADING);

	b->level = level;
	b->cls = cls;
	b->flags = flags;
	b->anchor = anchor ? xstrdup(anchor) : NULL;
	return doc_cell(b);
}

struct inl *doc_para(struct doc *d)
{
	return doc_cell(add(d, BLK_PARA));
}

struct inl *doc_label(struct doc *d)
{
	return doc_cell(add(d, BLK_LABEL));
}

struct inl *doc_footer(struct doc *d)
{
	return doc_cell(add(d, BLK_FOOTER));
}

void doc_text(struct doc *d, const char *text, bool quote)
{
	add(d, quote ? BLK_QUOTE : BLK_TEXT)->text = xstrdup(text);
}

struct block *doc_list(struct doc *d, enum block_kind kind)
{
	return add(d, kind);
}

struct block *doc_table(struct doc *d, size_t cols, unsigned long nums)
{
	struct block *b = add(d, BLK_TABLE);

	b->cols = cols;
	b->nums = nums;
	return b;
}

struct inl *doc_task(struct block *b, bool done)
{
	struct inl *l = doc_cell(b);

	b->done = xrealloc(b->done, b->n_cells * sizeof(*b->done));
	b->done[b->n_cells - 1] = done;
	return l;
}

struct inl *doc_field(struct block *b, const char *label)
{
	doc_put(doc_cell(b), label);
	return doc_cell(b);
}

static void span(struct inl *l, enum span_kind kind, char *text, char *url)
{
	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof(*l->v));
	l->v[l->n++] = (struct span){ kind, text, url };
}

void doc_put(struct inl *l, const char *s)
{
	if (s && *s)
		span(l, SPAN_TEXT, xstrdup(s), NULL);
}

void doc_printf(struct inl *l, const char *fmt, ...)
{
	va_list ap, again;
	int n;
	char *s;

	va_start(ap, fmt);
	va_copy(again, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	s = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	vsnprintf(s, n > 0 ? (size_t)n + 1 : 1, fmt, again);
	va_end(again);
	va_end(ap);
	span(l, SPAN_TEXT, s, NULL);
}

void doc_strong(struct inl *l, const char *s)
{
	/* Emphasis cannot open or close next to a blank in Markdown: keep them outside. */
	size_t lead = strspn(s, " \t\n"), n = strlen(s + lead);

	while (n && strchr(" \t\n", s[lead + n - 1]))
		n--;
	if (n)
		span(l, SPAN_STRONG, xstrndup(s + lead, n), NULL);
}

void doc_code(struct inl *l, const char *s)
{
	span(l, SPAN_CODE, xstrdup(s ? s : ""), NULL);
}

bool doc_link_ok(const char *url)
{
	return url && !strncmp(url, "https://", 8) && !strpbrk(url, "<>\"' \n\t\\") &&
	       strlen(url) > 8;
}

void doc_link(struct inl *l, const char *text, const char *url)
{
	if (doc_link_ok(url))
		span(l, SPAN_LINK, xstrdup(text ? text : url), xstrdup(url));
	else
		doc_put(l, text ? text : url);
}

void doc_break(struct inl *l)
{
	span(l, SPAN_BREAK, NULL, NULL);
}

static void inl_clear(struct inl *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].text);
		free(l->v[i].url);
	}
	free(l->v);
}

void doc_clear(struct doc *d)
{
	for (size_t i = 0; i < d->n; i++) {
		struct block *b = &d->v[i];

		for (size_t j = 0; j < b->n_cells; j++)
			inl_clear(&b->cells[j]);
		free(b->cells);
		free(b->done);
		free(b->anchor);
		free(b->text);
	}
	free(d->v);
	memset(d, 0, sizeof(*d));
}
