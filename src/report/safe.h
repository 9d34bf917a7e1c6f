/* Text from a review, a question set or AWS made safe for where it goes: the one place
 * every report format and the plain-text commands escape what they print
 * (wa-review-report(5), SAFE TEXT).
 *
 * First, every format replaces with U+FFFD what a terminal or a viewer would act on rather
 * than show: C0 controls other than newline and tab (ESC, BEL, ...; a CR before a newline is
 * dropped), DEL, C1 controls (U+0080-U+009F: CSI U+009B, OSC U+009D, ...), the bidirectional
 * embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069, which reorder what
 * is shown) and bytes that are not UTF-8. Then each format escapes its own specials. JSON
 * instead escapes those characters (\u009b), so a script reads exactly what was typed. */
#ifndef WAR_REPORT_SAFE_H
#define WAR_REPORT_SAFE_H

#include <stdbool.h>
#include <stdio.h>

#include "util/sbuf.h"

/* Appends s (NULL: nothing) with unsafe characters replaced; with one_line, newlines and
 * tabs become spaces too. For terminals and plain text. */
void safe_text(struct sbuf *b, const char *s, bool one_line);

/* Appends s as Markdown inline text on one line that reads exactly as s: newlines and tabs
 * as spaces; CommonMark specials escaped (\ ` * _ [ ] < > | # & ~), so nothing starts
 * emphasis, code, a link, raw HTML, an entity or a table cell; and autolinks broken
 * ("http\://", "www\."), so no bare URL becomes a link where GitHub renders it. With
 * line_start, what would open a block at the start of a line (a list marker, "1.", "=",
 * leading blanks) is escaped or dropped as well. */
void safe_md(struct sbuf *b, const char *s, bool line_start);

/* Appends multi-line s as Markdown paragraphs, each line after prefix ("> " for a block
 * quote, "" for plain paragraphs), escaped as safe_md() at a line start: line breaks are
 * kept as hard breaks and blank lines separate paragraphs. Ends with a newline when s has
 * any text. */
void safe_md_lines(struct sbuf *b, const char *s, const char *prefix);

/* Appends s as a Markdown code span, with a fence longer than any run of backticks in it
 * and line breaks as spaces. */
void safe_md_code(struct sbuf *b, const char *s);

/* Appends s as HTML text or attribute value: & < > " ' as entities. */
void safe_html(struct sbuf *b, const char *s);

/* Appends s as one RFC 4180 CSV field: quoted when it holds a comma, a quote or a line
 * break, quotes doubled; a field a spreadsheet would run as a formula (=, +, -, @, tab or
 * CR first) gets a leading apostrophe. */
void safe_csv(struct sbuf *b, const char *s);

/* JSON text as cJSON prints it, with DEL, the C1 and bidirectional controls escaped
 * (\u009b) and bytes that are not UTF-8 as \ufffd (cJSON escapes the C0 controls itself).
 * Returns newly allocated text (free with free()). */
char *safe_json(const char *json);

/* A stream for a command's text output: what is written to it reaches `to` with unsafe
 * characters replaced when it is closed. safe_stream_open() returns the stream to write
 * to, or NULL (nothing to close); safe_stream_close() returns 0, or EOF when a write
 * failed. */
struct safe_stream {
	FILE *f, *to;
	char *text;
	size_t len;
};
FILE *safe_stream_open(struct safe_stream *s, FILE *to);
int safe_stream_close(struct safe_stream *s);

#endif
