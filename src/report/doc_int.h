/* The report as a document: headings, paragraphs, lists, tables and runs of text, with all
 * the wording decided (report_doc() builds it) and nothing of any format in it. The
 * Markdown and HTML writers render it whole, the CSV writer an item's part as plain text;
 * each escapes every run through report/safe.h. Private to src/report. */
#ifndef WAR_REPORT_DOC_INT_H
#define WAR_REPORT_DOC_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"

enum span_kind {
	SPAN_TEXT,
	SPAN_STRONG,
	SPAN_CODE,  /* IDs and names from AWS: probes, resources */
	SPAN_LINK,  /* text and an https address from the question set */
	SPAN_BREAK, /* a line break within the block */
};

struct span {
	enum span_kind kind;
	char *text; /* owned; NULL for a break */
	char *url;  /* SPAN_LINK; owned */
};

/* A run of inline content: one paragraph, list entry, table cell or heading. */
struct inl {
	struct span *v;
	size_t n, cap;
};

enum block_kind {
	BLK_HEADING, /* cells[0]; level 1-3 */
	BLK_PARA,    /* cells[0] */
	BLK_LABEL,   /* cells[0]: a short paragraph that introduces the block after it */
	BLK_TEXT,    /* text: text typed over several lines, as paragraphs */
	BLK_QUOTE,   /* text: the same, quoted (the review's notes) */
	BLK_LIST,    /* one cell per entry */
	BLK_STEPS,   /* one cell per entry, numbered */
	BLK_TASKS,   /* one cell per entry, each with done[] */
	BLK_FIELDS,  /* label and value cells in turn */
	BLK_TABLE,   /* cols header cells, then rows of cols cells */
	BLK_FOOTER,  /* cells[0]: who generated the document */
};

/* Heading flags, for print: the section it opens starts a page / is kept on one page. */
enum { DOC_NEWPAGE = 1, DOC_KEEP = 2 };

struct block {
	enum block_kind kind;
	int level;         /* BLK_HEADING */
	unsigned flags;    /* BLK_HEADING: DOC_NEWPAGE, DOC_KEEP */
	const char *cls;   /* BLK_HEADING: what the section it opens is ("item", "matrix"), for
	                    * styles; static, or NULL */
	char *anchor;      /* BLK_HEADING: an ID to link to, or NULL; owned */
	struct inl *cells; /* owned */
	size_t n_cells, cap;
	bool *done;         /* BLK_TASKS: one per cell; owned */
	size_t cols;        /* BLK_TABLE */
	unsigned long nums; /* BLK_TABLE: bit i set when column i holds numbers */
	char *text;         /* BLK_TEXT, BLK_QUOTE; owned */
};

struct doc {
	struct block *v;
	size_t n, cap;
};

/* Appends a block and returns the run to fill (headings, paragraphs, the footer) or the
 * block to add entries to (lists, tables). Everything stays owned by d. */
struct inl *doc_heading(struct doc *d, int level, const char *cls, unsigned flags,
                        const char *anchor);
struct inl *doc_para(struct doc *d);
struct inl *doc_label(struct doc *d);
struct inl *doc_footer(struct doc *d);
void doc_text(struct doc *d, const char *text, bool quote);
struct block *doc_list(struct doc *d, enum block_kind kind);
struct block *doc_table(struct doc *d, size_t cols, unsigned long nums);

/* The next entry or cell of a list or table; a task's entry, done or not; a field's value
 * after its label. */
struct inl *doc_cell(struct block *b);
struct inl *doc_task(struct block *b, bool done);
struct inl *doc_field(struct block *b, const char *label);

/* Adds to a run: text (NULL adds nothing), text formatted, strong text, a code span, a
 * link (an https address; text NULL shows the address), a line break. */
void doc_put(struct inl *l, const char *s);
void doc_printf(struct inl *l, const char *fmt, ...) ATTR_FORMAT(2, 3);
void doc_strong(struct inl *l, const char *s);
void doc_code(struct inl *l, const char *s);
void doc_link(struct inl *l, const char *text, const char *url);
void doc_break(struct inl *l);

/* Whether a link's address may be shown as one: https, with nothing that could end or
 * escape the address in any format. */
bool doc_link_ok(const char *url);

/* Frees everything d holds and leaves it empty. */
void doc_clear(struct doc *d);

#endif
