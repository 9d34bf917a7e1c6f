/* Safe text (report/safe.h): what each format does with control characters, bidi controls,
 * bytes that are not UTF-8 and its own specials. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "report/safe.h"

#define FFFD "\xef\xbf\xbd"

/* f applied to s, as a string to compare (static; the next call overwrites it). */
static const char *with(void (*f)(struct sbuf *, const char *), const char *s)
{
	static char out[512];
	struct sbuf b = { 0 };

	f(&b, s);
	snprintf(out, sizeof(out), "%s", b.buf ? b.buf : "");
	sbuf_free(&b);
	return out;
}

static void text_multi(struct sbuf *b, const char *s)
{
	safe_text(b, s, false);
}

static void text_line(struct sbuf *b, const char *s)
{
	safe_text(b, s, true);
}

static void md_inline(struct sbuf *b, const char *s)
{
	safe_md(b, s, false);
}

static void md_start(struct sbuf *b, const char *s)
{
	safe_md(b, s, true);
}

static void md_quote(struct sbuf *b, const char *s)
{
	safe_md_lines(b, s, "> ");
}

static void test_controls_replaced(void **state)
{
	(void)state;
	/* ESC, BEL, DEL, CSI (U+009B), RLO (U+202E), LRI (U+2066), a lone 0x9B byte and a
	 * truncated sequence each become one U+FFFD; newline and tab stay; CRLF is LF; a
	 * lone CR is replaced (it would overwrite the line). */
	assert_string_equal(with(text_multi, "a\x1b[2Jb\x07"
	                                     "c\x7f"
	                                     "d"),
	                    "a" FFFD "[2Jb" FFFD "c" FFFD "d");
	assert_string_equal(with(text_multi, "\xc2\x9b"
	                                     "31m \xe2\x80\xae"
	                                     "x \xe2\x81\xa6"
	                                     "y"),
	                    FFFD "31m " FFFD "x " FFFD "y");
	assert_string_equal(with(text_multi, "\x9b"
	                                     "2J \xe2\x80"),
	                    FFFD "2J " FFFD FFFD);
	assert_string_equal(with(text_multi, "l1\r\nl2\tx\ry"), "l1\nl2\tx" FFFD "y");
	assert_string_equal(with(text_line, "l1\nl2\tx"), "l1 l2 x");
	/* What is neither: kept byte for byte (accents, CJK, emoji, U+FFFD, LRM). */
	assert_string_equal(with(text_multi, "Zoë 東京 🚀 \xe2\x80\x8e" FFFD),
	                    "Zoë 東京 🚀 \xe2\x80\x8e" FFFD);
}

static void test_markdown(void **state)
{
	(void)state;
	assert_string_equal(with(md_inline, "*a* _b_ `c` [d](e) <f> g|h #i &j ~k \\"),
	                    "\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) \\<f\\> g\\|h \\#i \\&j \\~k \\\\");
	/* No bare URL, www. address or <...> autolink survives for GitHub to link. */
	assert_string_equal(with(md_inline, "see https://x.example, ftp://y and <http://z>"),
	                    "see https\\://x.example, ftp\\://y and \\<http\\://z\\>");
	assert_string_equal(with(md_inline, "www.x.example wwwx.y Www.z awww.b"),
	                    "www\\.x.example wwwx.y Www\\.z awww.b");
	/* Times and ARNs keep their colons. */
	assert_string_equal(with(md_inline, "at 12:30 arn:aws:s3:::b"), "at 12:30 arn:aws:s3:::b");
	/* At a line start, block markers are escaped and leading blanks dropped. */
	assert_string_equal(with(md_start, "    - item"), "\\- item");
	assert_string_equal(with(md_start, "+ x"), "\\+ x");
	assert_string_equal(with(md_start, "=== x"), "\\=== x");
	assert_string_equal(with(md_start, "12. x"), "12\\. x");
	assert_string_equal(with(md_start, "3) x"), "3\\) x");
	assert_string_equal(with(md_inline, "- 1. x"), "- 1. x");
	/* Multi-line text: hard breaks, paragraphs, a quote on every line, controls gone. */
	assert_string_equal(with(md_quote, "a\n- b  \n\n\n1. c\x1b[0m\n"),
	                    "> a\\\n> \\- b\n>\n> 1\\. c" FFFD "\\[0m\n");
	assert_string_equal(with(md_quote, " \n\t\n"), "");
}

static void test_markdown_code(void **state)
{
	struct sbuf b = { 0 };
	(void)state;

	safe_md_code(&b, "a`b``c");
	safe_md_code(&b, "`x");
	safe_md_code(&b, "line\nnext\x1b");
	assert_string_equal(b.buf, "```a`b``c```"
	                           "`` `x ``"
	                           "`line next" FFFD "`");
	sbuf_free(&b);
}

static void test_html_and_csv(void **state)
{
	(void)state;
	assert_string_equal(with(safe_html, "<a href=\"x\">&'\x1b"),
	                    "&lt;a href=&quot;x&quot;&gt;&amp;&#39;" FFFD);
	assert_string_equal(with(safe_csv, "plain"), "plain");
	assert_string_equal(with(safe_csv, "a,\"b\"\nc"), "\"a,\"\"b\"\"\nc\"");
	/* A formula is defused: an apostrophe first, inside the quotes when quoted. */
	assert_string_equal(with(safe_csv, "=HYPERLINK(\"http://x\")"),
	                    "\"'=HYPERLINK(\"\"http://x\"\")\"");
	assert_string_equal(with(safe_csv, "+1"), "'+1");
	assert_string_equal(with(safe_csv, "-1"), "'-1");
	assert_string_equal(with(safe_csv, "@SUM(A1)"), "'@SUM(A1)");
	assert_string_equal(with(safe_csv, "\tx"), "'\tx");
	assert_string_equal(with(safe_csv, "a-b=c"), "a-b=c");
	/* A control first is replaced before the guard looks: it cannot hide a formula. */
	assert_string_equal(with(safe_csv, "\x1b=1"), FFFD "=1");
}

static void test_json(void **state)
{
	char *out;
	(void)state;

	/* As cJSON prints it: C0 already escaped; the rest escaped here, valid text kept. */
	out = safe_json("{\"a\": \"x\\u001b y\x7f \xc2\x9b \xe2\x80\xae \xff é\"}");
	assert_string_equal(out, "{\"a\": \"x\\u001b y\\u007f \\u009b \\u202e \\ufffd é\"}");
	free(out);
}

static void test_stream(void **state)
{
	struct safe_stream ss;
	char *text = NULL;
	size_t len = 0;
	FILE *to = open_memstream(&text, &len), *f;
	(void)state;

	assert_non_null(to);
	f = safe_stream_open(&ss, to);
	assert_non_null(f);
	fprintf(f, "Review: %s\n", "x\x1b]0;pwned\x07y");
	assert_int_equal(safe_stream_close(&ss), 0);
	fclose(to);
	assert_string_equal(text, "Review: x" FFFD "]0;pwned" FFFD "y\n");
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_controls_replaced),
		cmocka_unit_test(test_markdown),
		cmocka_unit_test(test_markdown_code),
		cmocka_unit_test(test_html_and_csv),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_stream),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
