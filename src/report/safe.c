#include "report/safe.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/safetext.h"
#include "util/utf8.h"

void safe_text(struct sbuf *b, const char *s, bool one_line)
{
	safetext_put(b, s, one_line);
}

/* s made safe as a new string (free()); "" for NULL. */
static char *clean(const char *s, bool one_line)
{
	struct sbuf b = { 0 };

	safe_text(&b, s, one_line);
	return sbuf_take(&b);
}

/* ---- Markdown ---- */

/* Characters that can open inline constructs (emphasis, code, links, HTML, entities) or
 * end a table cell anywhere in a line. */
static const char md_specials[] = "\\`*_[]<>|#&~";

static bool is_alnum(char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Whether the character at t[i] would let GitHub's autolink extension see a link: the
 * colon of "scheme://" or the dot of a word-initial "www.". */
static bool autolink_mark(const char *t, size_t i)
{
	if (t[i] == ':')
		return t[i + 1] == '/' && t[i + 2] == '/';
	return t[i] == '.' && i >= 3 && !strncasecmp(t + i - 3, "www", 3) &&
	       (i == 3 || !is_alnum(t[i - 4]));
}

/* Appends clean one-line text t, escaped. At a line start, leading blanks go (four would
 * start a code block) and a list, setext or ordered-list marker is escaped. */
static void md_escape(struct sbuf *b, const char *t, bool line_start)
{
	size_t i = 0;

	if (line_start) {
		size_t digits = 0;

		while (t[i] == ' ')
			i++;
		if (t[i] && strchr("+-=", t[i]))
			sbuf_putc(b, '\\');
		while (digits < 10 && t[i + digits] >= '0' && t[i + digits] <= '9')
			digits++;
		if (digits && (t[i + digits] == '.' || t[i + digits] == ')')) {
			sbuf_putn(b, t + i, digits);
			sbuf_putc(b, '\\');
			i += digits;
		}
	}
	for (; t[i]; i++) {
		if (strchr(md_specials, t[i]) || autolink_mark(t, i))
			sbuf_putc(b, '\\');
		sbuf_putc(b, t[i]);
	}
}

void safe_md(struct sbuf *b, const char *s, bool line_start)
{
	char *t = clean(s, true);

	md_escape(b, t, line_start);
	free(t);
}

void safe_md_lines(struct sbuf *b, const char *s, const char *prefix)
{
	char *t = clean(s, false), *line = t;
	bool first = true, blank_pending = false;

	while (*line) {
		char *nl = strchr(line, '\n'), *end = nl ? nl : line + strlen(line);

		/* Trailing blanks would make a hard break of their own or show as nothing. */
		while (end > line && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		*end = '\0';
		for (char *p = line; *p; p++)
			if (*p == '\t')
				*p = ' ';
		if (!line[strspn(line, " ")]) {
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
			md_escape(b, line, true);
			first = false;
			blank_pending = false;
		}
		line = nl ? nl + 1 : end;
	}
	if (!first)
		sbuf_putc(b, '\n');
	free(t);
}

void safe_md_code(struct sbuf *b, const char *s)
{
	char *t = clean(s, true);
	size_t run = 0, longest = 0, len = strlen(t);
	bool pad = len && (t[0] == '`' || t[len - 1] == '`' || t[0] == ' ');

	for (size_t i = 0; i < len; i++) {
		run = t[i] == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	for (size_t i = 0; i <= longest; i++)
		sbuf_putc(b, '`');
	if (pad)
		sbuf_putc(b, ' ');
	sbuf_puts(b, t);
	if (pad)
		sbuf_putc(b, ' ');
	for (size_t i = 0; i <= longest; i++)
		sbuf_putc(b, '`');
	free(t);
}

/* ---- HTML, CSV ---- */

void safe_html(struct sbuf *b, const char *s)
{
	char *t = clean(s, false);

	for (const char *p = t; *p; p++) {
		switch (*p) {
		case '&': sbuf_puts(b, "&amp;"); break;
		case '<': sbuf_puts(b, "&lt;"); break;
		case '>': sbuf_puts(b, "&gt;"); break;
		case '"': sbuf_puts(b, "&quot;"); break;
		case '\'': sbuf_puts(b, "&#39;"); break;
		default: sbuf_putc(b, *p);
		}
	}
	free(t);
}

void safe_csv(struct sbuf *b, const char *s)
{
	char *t = clean(s, false);
	bool quote = strpbrk(t, ",\"\r\n") != NULL;

	if (quote)
		sbuf_putc(b, '"');
	if (*t && strchr("=+-@\t\r", *t))
		sbuf_putc(b, '\'');
	for (const char *p = t; *p; p++) {
		if (*p == '"')
			sbuf_putc(b, '"');
		sbuf_putc(b, *p);
	}
	if (quote)
		sbuf_putc(b, '"');
	free(t);
}

/* ---- JSON, terminals ---- */

char *safe_json(const char *json)
{
	struct sbuf b = { 0 };
	size_t n = strlen(json);

	/* These characters only ever appear inside strings, where \u escapes are valid. */
	for (size_t i = 0; i < n;) {
		unsigned long cp;
		size_t len = utf8_get((const unsigned char *)json + i, n - i, &cp);

		if (!len)
			sbuf_puts(&b, "\\ufffd");
		else if (cp >= 0x20 && safetext_unsafe(cp))
			sbuf_printf(&b, "\\u%04lx", cp);
		else
			sbuf_putn(&b, json + i, len);
		i += len ? len : 1;
	}
	return sbuf_take(&b);
}

FILE *safe_stream_open(struct safe_stream *s, FILE *to)
{
	memset(s, 0, sizeof(*s));
	s->to = to;
	s->f = open_memstream(&s->text, &s->len);
	return s->f;
}

int safe_stream_close(struct safe_stream *s)
{
	struct sbuf b = { 0 };
	int rc = fclose(s->f) ? EOF : 0;

	if (!rc) {
		safe_text(&b, s->text, false);
		if (b.len && (fwrite(b.buf, 1, b.len, s->to) != b.len || fflush(s->to)))
			rc = EOF;
		sbuf_free(&b);
	}
	free(s->text);
	memset(s, 0, sizeof(*s));
	return rc;
}
