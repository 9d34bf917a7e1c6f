/* The one key handler for typing (ui/textedit.c): what each editing action does to the text
 * and the cursor, what it tells the caller (changed, only moved, not an editing key), and
 * that one-line buffers leave the up, down and page keys to their owner (a form moves to
 * another field with them). */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "ui/textedit.h"

static int setup(void **state)
{
	(void)state;
	return setlocale(LC_CTYPE, "C.UTF-8") ? 0 : -1;
}

static enum textedit key(struct textbuf *tb, enum action act, int k)
{
	return textedit_key(tb, act, k, 20, 3);
}

static void test_typing_and_deleting(void **state)
{
	struct textbuf tb;
	(void)state;

	textbuf_init(&tb, "café", true);
	assert_int_equal(key(&tb, ACT_CHAR, '!'), TEXTEDIT_CHANGED);
	assert_string_equal(tb.s, "café!");
	assert_int_equal(key(&tb, ACT_CURSOR_LEFT, 0), TEXTEDIT_SAME);
	assert_int_equal(key(&tb, ACT_BACKSPACE, 0), TEXTEDIT_CHANGED); /* the é, whole */
	assert_string_equal(tb.s, "caf!");
	assert_int_equal(key(&tb, ACT_DELETE, 0), TEXTEDIT_CHANGED);
	assert_string_equal(tb.s, "caf");
	assert_int_equal(key(&tb, ACT_DELETE, 0), TEXTEDIT_SAME); /* nothing after the cursor */
	assert_int_equal(key(&tb, ACT_LINE_START, 0), TEXTEDIT_SAME);
	assert_int_equal(key(&tb, ACT_CHAR, 0x65E5), TEXTEDIT_CHANGED);
	assert_string_equal(tb.s, "日caf");
	assert_int_equal(key(&tb, ACT_KILL_END, 0), TEXTEDIT_CHANGED);
	assert_string_equal(tb.s, "日");
	assert_int_equal(key(&tb, ACT_KILL_START, 0), TEXTEDIT_CHANGED);
	assert_string_equal(tb.s, "");
	assert_int_equal(key(&tb, ACT_BACKSPACE, 0), TEXTEDIT_SAME);
	textbuf_free(&tb);
}

static void test_not_editing_keys(void **state)
{
	struct textbuf tb;
	(void)state;

	textbuf_init(&tb, "one line", true);
	/* The caller's: accepting, cancelling, moving to another field, completing. */
	assert_int_equal(key(&tb, ACT_ACCEPT, 0), TEXTEDIT_NOT_MINE);
	assert_int_equal(key(&tb, ACT_CANCEL, 0), TEXTEDIT_NOT_MINE);
	assert_int_equal(key(&tb, ACT_COMPLETE, 0), TEXTEDIT_NOT_MINE);
	assert_int_equal(key(&tb, ACT_QUIT, 0), TEXTEDIT_NOT_MINE);
	/* Up and down mean nothing on one line: the form uses them to change fields. */
	assert_int_equal(key(&tb, ACT_CURSOR_UP, 0), TEXTEDIT_NOT_MINE);
	assert_int_equal(key(&tb, ACT_PAGE_DOWN, 0), TEXTEDIT_NOT_MINE);
	/* A newline in a one-line buffer is a space. */
	assert_int_equal(key(&tb, ACT_NEWLINE, 0), TEXTEDIT_CHANGED);
	assert_string_equal(tb.s, "one line ");
	textbuf_free(&tb);
}

static void test_lines(void **state)
{
	struct textbuf tb;
	(void)state;

	textbuf_init(&tb, "first\nsecond\nthird\nfourth\nfifth", false);
	assert_int_equal(key(&tb, ACT_CURSOR_UP, 0), TEXTEDIT_SAME);
	assert_int_equal(key(&tb, ACT_LINE_START, 0), TEXTEDIT_SAME);
	assert_int_equal(key(&tb, ACT_CHAR, '>'), TEXTEDIT_CHANGED);
	assert_string_equal(tb.s, "first\nsecond\nthird\n>fourth\nfifth");
	/* A page is the rows shown: three up from the fourth line is the first. */
	assert_int_equal(key(&tb, ACT_PAGE_UP, 0), TEXTEDIT_SAME);
	assert_int_equal(key(&tb, ACT_NEWLINE, 0), TEXTEDIT_CHANGED);
	assert_string_equal(tb.s, "f\nirst\nsecond\nthird\n>fourth\nfifth");
	/* Three down from "irst" is ">fourth", one more "fifth", whose end Ctrl-K cuts. */
	assert_int_equal(key(&tb, ACT_PAGE_DOWN, 0), TEXTEDIT_SAME);
	assert_int_equal(key(&tb, ACT_CURSOR_DOWN, 0), TEXTEDIT_SAME);
	assert_int_equal(key(&tb, ACT_KILL_END, 0), TEXTEDIT_CHANGED);
	assert_string_equal(tb.s, "f\nirst\nsecond\nthird\n>fourth\n");
	textbuf_free(&tb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_typing_and_deleting),
		cmocka_unit_test(test_not_editing_keys),
		cmocka_unit_test(test_lines),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
