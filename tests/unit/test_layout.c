/* Layout at every terminal size: below 80x24 the enlarge message, above it panes that stay
 * inside the screen and never overlap; workshop mode's large layout; the block font. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "ui/bigtext.h"
#include "ui/layout.h"
#include "ui/wrap.h"

static bool overlap(const struct rect *a, const struct rect *b)
{
	if (!a->h || !a->w || !b->h || !b->w)
		return false;
	return a->y < b->y + b->h && b->y < a->y + a->h && a->x < b->x + b->w && b->x < a->x + a->w;
}

static void check(const struct layout *l)
{
	const struct rect *all[] = { &l->title, &l->tabs,  &l->banner, &l->people, &l->list,
		                     &l->main,  &l->guide, &l->evid,   &l->status };
	size_t n = sizeof(all) / sizeof(all[0]);

	for (size_t i = 0; i < n; i++) {
		const struct rect *r = all[i];
		if (!r->h || !r->w)
			continue;
		if (r->y < 0 || r->x < 0 || r->y + r->h > l->rows || r->x + r->w > l->cols)
			fail_msg("rect %zu (%d,%d %dx%d) leaves the %dx%d screen", i, r->y, r->x,
			         r->w, r->h, l->cols, l->rows);
		for (size_t j = i + 1; j < n; j++)
			if (overlap(r, all[j]))
				fail_msg("rects %zu and %zu overlap at %dx%d", i, j, l->cols,
				         l->rows);
	}
	/* The panes fill the body: the main pane always has room to work. */
	assert_true(l->main.h >= 8);
	assert_true(l->main.w >= 40);
	assert_int_equal(l->status.y, l->rows - 1);
}

static void test_too_small(void **state)
{
	struct layout l;
	(void)state;

	layout_compute(20, 60, false, &l);
	assert_true(l.too_small);
	layout_compute(24, 79, false, &l);
	assert_true(l.too_small);
	layout_compute(23, 200, true, &l);
	assert_true(l.too_small);
	layout_compute(1, 1, false, &l);
	assert_true(l.too_small);
	layout_compute(0, 0, false, &l);
	assert_true(l.too_small);
	layout_compute(24, 80, false, &l);
	assert_false(l.too_small);
}

static void test_every_size(void **state)
{
	struct layout l;
	(void)state;

	for (int rows = 24; rows <= 80; rows += 7)
		for (int cols = 80; cols <= 300; cols += 13)
			for (int ws = 0; ws < 2; ws++) {
				layout_compute(rows, cols, ws, &l);
				assert_false(l.too_small);
				check(&l);
			}
}

static void test_modes(void **state)
{
	struct layout l;
	(void)state;

	/* 80x24 first: IDs and badges in the list, the question with guidance and evidence
	 * under it, a line of evidence at least. */
	layout_compute(24, 80, false, &l);
	assert_int_equal(l.list.w, LAYOUT_LIST_COLS); /* "Workload architecture" fits */
	assert_true(l.guide.h >= 6 && l.evid.h >= 2);
	assert_int_equal(l.guide.x, l.main.x);
	assert_int_equal(l.evid.w, l.main.w);
	/* 120 columns: guidance beside the question, and the evidence under both, as wide as
	 * they are together, not a strip at the side. */
	layout_compute(40, 120, false, &l);
	assert_true(l.guide.x > l.main.x);
	assert_int_equal(l.guide.h, l.main.h);
	assert_int_equal(l.evid.x, l.main.x);
	assert_int_equal(l.evid.w, l.guide.x + l.guide.w - l.main.x);
	assert_true(l.evid.w >= 90 && l.evid.h >= 12);
	assert_int_equal(l.list.w, LAYOUT_LIST_COLS);
	/* Wider still: the list has room for the questions' titles. */
	layout_compute(45, 160, false, &l);
	assert_true(l.list.w >= 40);
	assert_true(l.main.w >= 50);
	layout_compute(24, 80, true, &l);
	assert_int_equal(l.tabs.h, 0);
	assert_int_equal(l.banner.h, BIGTEXT_ROWS);
	assert_int_equal(l.people.h, 1);
	assert_int_equal(l.list.w, 0); /* the room is the question's */
	assert_int_equal(l.main.w, 80);
	layout_compute(40, 160, true, &l);
	assert_true(l.guide.w > 0);
}

static void test_scroll(void **state)
{
	(void)state;
	assert_int_equal(layout_scroll(0, 5, 10), 0);
	assert_int_equal(layout_scroll(0, 12, 10), 3);
	assert_int_equal(layout_scroll(8, 4, 10), 4);
	assert_int_equal(layout_scroll(3, 7, 10), 3);
	assert_int_equal(layout_scroll(3, 7, 0), 7);
}

static void test_bigtext(void **state)
{
	char buf[256];
	(void)state;

	setlocale(LC_CTYPE, "C.UTF-8");
	assert_int_equal(bigtext_width("REL04"), 19);
	assert_int_equal(bigtext_width(""), 0);
	for (int row = 0; row < BIGTEXT_ROWS; row++) {
		bigtext_row("REL04 09:30", row, buf, sizeof(buf));
		assert_int_equal(wrap_width(buf, strlen(buf)), bigtext_width("REL04 09:30"));
	}
	/* "1": the top row is ▄█ (pixel rows 0-1: .x. / xx.), the bottom row ▀▀▀. */
	assert_string_equal(bigtext_row("1", 0, buf, sizeof(buf)), "▄█ ");
	assert_string_equal(bigtext_row("1", 2, buf, sizeof(buf)), "▀▀▀");
	/* Lowercase is drawn as uppercase; unknown characters as '?'. */
	assert_string_equal(bigtext_row("r", 1, buf, sizeof(buf)),
	                    bigtext_row("R", 1, buf + 128, 128));
	assert_string_equal(bigtext_row("#", 0, buf, sizeof(buf)),
	                    bigtext_row("?", 0, buf + 128, 128));
	/* A small buffer is not overrun. */
	assert_true(strlen(bigtext_row("REL04", 0, buf, 8)) < 8);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_too_small), cmocka_unit_test(test_every_size),
		cmocka_unit_test(test_modes),     cmocka_unit_test(test_scroll),
		cmocka_unit_test(test_bigtext),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
