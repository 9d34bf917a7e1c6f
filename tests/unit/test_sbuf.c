/* The one string buffer: appends of every kind, cutting back, taking the text, and the cap
 * that capped writers (JSON with a length limit, HTTP bodies) rely on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/sbuf.h"

static void test_append_and_take(void **state)
{
	struct sbuf b = { 0 };
	char *s;

	(void)state;
	s = sbuf_take(&b);
	assert_string_equal(s, ""); /* empty is "", never NULL */
	free(s);
	sbuf_puts(&b, "ab");
	sbuf_putc(&b, 'c');
	sbuf_putn(&b, "dexx", 2);
	sbuf_printf(&b, "-%d-%s", 42, "z");
	assert_int_equal(b.len, 10);
	assert_string_equal(b.buf, "abcde-42-z");
	sbuf_cut(&b, 3);
	assert_string_equal(b.buf, "abc");
	sbuf_cut(&b, 99); /* longer than the text: nothing happens */
	assert_string_equal(b.buf, "abc");
	s = sbuf_take(&b);
	assert_string_equal(s, "abc");
	assert_null(b.buf);
	assert_int_equal(b.len, 0);
	free(s);
	sbuf_free(&b);
}

static void test_cap(void **state)
{
	struct sbuf b = { .max = 5 };
	char *s;

	(void)state;
	sbuf_puts(&b, "abc");
	sbuf_printf(&b, "%s", "de"); /* exactly the cap still fits */
	assert_false(b.over);
	assert_string_equal(b.buf, "abcde");
	sbuf_putc(&b, 'f');
	assert_true(b.over);
	assert_string_equal(b.buf, "abcde");
	/* Once over, nothing more is added, even what would fit after a cut. */
	sbuf_cut(&b, 1);
	sbuf_putc(&b, 'x');
	assert_string_equal(b.buf, "a");
	/* An append that does not fit adds none of its bytes. */
	s = sbuf_take(&b);
	free(s);
	assert_false(b.over);
	assert_int_equal(b.max, 5);
	sbuf_puts(&b, "abcdefgh");
	assert_true(b.over);
	assert_null(b.buf);
	sbuf_free(&b);
	assert_false(b.over);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_append_and_take),
		cmocka_unit_test(test_cap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
