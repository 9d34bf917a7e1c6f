/* The text buffer behind the notes editor, form fields and prompts, and the width and
 * wrapping rules the screen uses: UTF-8 in, valid UTF-8 out, whatever is typed or pasted,
 * and a cursor that lands where the screen shows it. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ui/textbuf.h"
#include "ui/wrap.h"
#include "util/utf8.h"

static int setup(void **state)
{
	(void)state;
	/* Character widths come from the C library, which needs a UTF-8 locale. */
	return setlocale(LC_CTYPE, "C.UTF-8") ? 0 : -1;
}

static void assert_valid(const struct textbuf *tb)
{
	assert_int_equal(utf8_check("tb", tb->s, tb->len, NULL), 0);
	assert_int_equal(strlen(tb->s), tb->len);
	assert_true(tb->cur <= tb->len);
	/* never in the middle of a character */
	assert_true(tb->cur == tb->len || ((unsigned char)tb->s[tb->cur] & 0xC0) != 0x80);
}

static void test_widths(void **state)
{
	(void)state;
	assert_int_equal(wrap_width("abc", 3), 3);
	assert_int_equal(wrap_width("é", strlen("é")), 1);
	assert_int_equal(wrap_width("日本", strlen("日本")), 4);
	assert_int_equal(wrap_width("😀", strlen("😀")), 2);
	assert_int_equal(wrap_width("e\xCC\x81", 3), 1); /* e + combining acute */
	assert_int_equal(wrap_width("\xFF", 1), 1);      /* invalid byte: one U+FFFD */
	assert_int_equal(wrap_width("\t", 1), 1);        /* control: drawn as '?' */
	/* Fitting never splits a character or a wide one across the edge. */
	assert_int_equal(wrap_fit("日本語", strlen("日本語"), 5), strlen("日本"));
	assert_int_equal(wrap_fit("ab", 2, 0), 0);
}

static void collect(const char *s, int width, char out[][64], int *n)
{
	struct wrap_iter it;
	size_t start, len;

	*n = 0;
	wrap_begin(&it, s, strlen(s), width);
	while (wrap_next(&it, &start, &len)) {
		memcpy(out[*n], s + start, len);
		out[*n][len] = '\0';
		(*n)++;
	}
}

static void test_wrap(void **state)
{
	char l[16][64];
	int n;
	(void)state;

	collect("the quick brown fox", 10, l, &n);
	assert_int_equal(n, 2);
	assert_string_equal(l[0], "the quick");
	assert_string_equal(l[1], "brown fox");
	collect("abcdefghijkl", 5, l, &n); /* one long word is cut */
	assert_int_equal(n, 3);
	assert_string_equal(l[2], "kl");
	collect("日本語の文章です", 6, l, &n); /* 2 columns each: three a line */
	assert_int_equal(n, 3);
	assert_string_equal(l[0], "日本語");
	collect("one\n\ntwo\n", 20, l, &n);
	assert_int_equal(n, 4);
	assert_string_equal(l[1], "");
	assert_string_equal(l[3], "");
	collect("", 20, l, &n);
	assert_int_equal(n, 1);
	assert_int_equal(wrap_count("a b c d", 7, 1), 4);
	/* Width 0 or less still makes progress. */
	assert_int_equal(wrap_count("abc", 3, 0), 3);
}

static void test_insert_utf8(void **state)
{
	struct textbuf tb;
	(void)state;

	textbuf_init(&tb, NULL, false);
	textbuf_insert_cp(&tb, 'a');
	textbuf_insert_cp(&tb, 0xE9);    /* é */
	textbuf_insert_cp(&tb, 0x65E5);  /* 日 */
	textbuf_insert_cp(&tb, 0x1F600); /* 😀 */
	textbuf_insert_cp(&tb, 0xD800);  /* a surrogate is not text: ignored */
	assert_string_equal(tb.s, "aé日😀");
	assert_valid(&tb);
	/* Backspace removes whole characters, from the end and from the middle. */
	assert_true(textbuf_backspace(&tb));
	assert_string_equal(tb.s, "aé日");
	assert_true(textbuf_left(&tb));
	assert_true(textbuf_backspace(&tb));
	assert_string_equal(tb.s, "a日");
	assert_valid(&tb);
	assert_true(textbuf_delete(&tb));
	assert_string_equal(tb.s, "a");
	assert_false(textbuf_delete(&tb));
	assert_true(textbuf_backspace(&tb));
	assert_false(textbuf_backspace(&tb));
	assert_false(textbuf_left(&tb));
	textbuf_free(&tb);
}

static void test_paste_is_cleaned(void **state)
{
	struct textbuf tb;
	const char paste[] = "line one\r\nline two\rline three\n\ttabbed\x1b[31mred\xFF\x07!";
	(void)state;

	textbuf_init(&tb, NULL, false);
	textbuf_insert(&tb, paste, sizeof(paste) - 1);
	/* CRLF and CR become LF; Tab becomes spaces; escape sequences cannot reach the
	 * terminal; a bad byte becomes U+FFFD. */
	assert_string_equal(tb.s, "line one\nline two\nline three\n    tabbed[31mred\xEF\xBF\xBD!");
	assert_valid(&tb);
	textbuf_free(&tb);
	/* A one-line field turns line breaks into spaces. */
	textbuf_init(&tb, "a\nb", true);
	assert_string_equal(tb.s, "a b");
	textbuf_free(&tb);
}

static void test_lines(void **state)
{
	struct textbuf tb;
	(void)state;

	textbuf_init(&tb, "first line\nsecond line", false);
	assert_true(textbuf_line_start(&tb));
	assert_int_equal(tb.cur, strlen("first line\n"));
	assert_true(textbuf_kill_end(&tb));
	assert_string_equal(tb.s, "first line\n");
	/* At a line's end Ctrl-K joins the next line. */
	textbuf_set(&tb, "ab\ncd");
	tb.cur = 2;
	assert_true(textbuf_kill_end(&tb));
	assert_string_equal(tb.s, "abcd");
	textbuf_set(&tb, "ab\ncdef");
	tb.cur = 5;
	assert_true(textbuf_kill_start(&tb));
	assert_string_equal(tb.s, "ab\nef");
	assert_int_equal(tb.cur, 3);
	assert_true(textbuf_line_end(&tb));
	assert_int_equal(tb.cur, tb.len);
	assert_false(textbuf_line_end(&tb));
	textbuf_free(&tb);
}

static void test_cursor_position(void **state)
{
	struct textbuf tb;
	int row, col;
	(void)state;

	textbuf_init(&tb, "hello world again", false);
	textbuf_locate(&tb, 12, &row, &col); /* "hello world" / "again" */
	assert_int_equal(row, 1);
	assert_int_equal(col, 5);
	tb.cur = 6; /* 'w' */
	textbuf_locate(&tb, 12, &row, &col);
	assert_int_equal(row, 0);
	assert_int_equal(col, 6);
	textbuf_set(&tb, "日本語\n");
	textbuf_locate(&tb, 20, &row, &col); /* after the newline: start of row 1 */
	assert_int_equal(row, 1);
	assert_int_equal(col, 0);
	tb.cur = strlen("日本");
	textbuf_locate(&tb, 20, &row, &col);
	assert_int_equal(col, 4);
	/* A word cut at the edge: the cursor after the cut is on the next row. */
	textbuf_set(&tb, "abcdefgh");
	tb.cur = 4;
	textbuf_locate(&tb, 4, &row, &col);
	assert_int_equal(row, 1);
	assert_int_equal(col, 0);
	textbuf_free(&tb);
}

static void test_vertical(void **state)
{
	struct textbuf tb;
	int row, col;
	(void)state;

	textbuf_init(&tb, "abcdef\nxy\n日本語テキスト", false);
	tb.cur = 5; /* 'f', column 5 */
	assert_true(textbuf_vertical(&tb, 40, 1));
	assert_int_equal(tb.cur, strlen("abcdef\nxy")); /* short line: its end */
	assert_true(textbuf_vertical(&tb, 40, 1));
	/* The column is kept across moves: column 5 is inside the third wide character. */
	textbuf_locate(&tb, 40, &row, &col);
	assert_int_equal(row, 2);
	assert_int_equal(col, 4);
	assert_valid(&tb);
	assert_false(textbuf_vertical(&tb, 40, 1));  /* already on the last row */
	assert_true(textbuf_vertical(&tb, 40, -10)); /* PgUp past the top: the first row */
	textbuf_locate(&tb, 40, &row, &col);
	assert_int_equal(row, 0);
	assert_int_equal(col, 5);
	/* Rows of a wrapped line count as rows. */
	textbuf_set(&tb, "one two three four");
	tb.cur = 0;
	assert_true(textbuf_vertical(&tb, 8, 1));
	textbuf_locate(&tb, 8, &row, &col);
	assert_int_equal(row, 1);
	textbuf_free(&tb);
}

static void test_scroll(void **state)
{
	const char *s = "abcdefghij";
	(void)state;

	assert_int_equal(wrap_scroll(s, 3, 10), 0);
	/* The cursor at 10 in 5 columns: show from 6, so "ghij" and the cursor fit. */
	assert_int_equal(wrap_scroll(s, 10, 5), 6);
	assert_int_equal(wrap_scroll("日本語", strlen("日本語"), 3), strlen("日本"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_widths),      cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_insert_utf8), cmocka_unit_test(test_paste_is_cleaned),
		cmocka_unit_test(test_lines),       cmocka_unit_test(test_cursor_position),
		cmocka_unit_test(test_vertical),    cmocka_unit_test(test_scroll),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
