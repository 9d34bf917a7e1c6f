/* The workshop timer, driven by a fake clock: time per question, amber from 80 % of the box,
 * red past it, paused outside workshop mode, kept per question across visits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "ui/timer.h"

static double fake_now;

static double fake(void *ctx)
{
	(void)ctx;
	return fake_now;
}

static const struct ui_clock clock_fake = { fake, NULL };

static void test_states(void **state)
{
	(void)state;
	assert_int_equal(timer_state_of(0, 600), TIMER_OK);
	assert_int_equal(timer_state_of(479, 600), TIMER_OK);
	assert_int_equal(timer_state_of(480, 600), TIMER_AMBER); /* 8:00 of 10:00 */
	assert_int_equal(timer_state_of(599, 600), TIMER_AMBER);
	assert_int_equal(timer_state_of(600, 600), TIMER_RED);
	assert_int_equal(timer_state_of(5000, 600), TIMER_RED);
	assert_int_equal(timer_state_of(3, 4), TIMER_OK); /* 75 % */
	assert_int_equal(timer_state_of(4, 5), TIMER_AMBER);
}

static void test_per_question(void **state)
{
	struct qtimer t;
	(void)state;

	fake_now = 1000;
	timer_init(&t, &clock_fake, 13, 300);
	assert_int_equal(timer_elapsed(&t), 0);
	fake_now += 50; /* not running yet: nothing counts */
	assert_int_equal(timer_elapsed(&t), 0);
	timer_run(&t, true);
	fake_now += 125.7;
	assert_int_equal(timer_elapsed(&t), 125);
	timer_switch(&t, 4); /* on to another question: it starts at zero */
	assert_int_equal(timer_elapsed(&t), 0);
	fake_now += 250;
	assert_int_equal(timer_state_of(timer_elapsed(&t), t.timebox), TIMER_AMBER);
	timer_switch(&t, 0); /* back: the first one's time is still there */
	assert_int_equal(timer_elapsed(&t), 125);
	fake_now += 200;
	assert_int_equal(timer_state_of(timer_elapsed(&t), t.timebox), TIMER_RED);
	timer_run(&t, false); /* workshop mode off: time stops */
	fake_now += 1000;
	assert_int_equal(timer_elapsed(&t), 325);
	timer_run(&t, true);
	timer_reset(&t);
	assert_int_equal(timer_elapsed(&t), 0);
	fake_now += 3;
	assert_int_equal(timer_elapsed(&t), 3);
	timer_switch(&t, 99); /* no such question: stays */
	assert_int_equal(timer_elapsed(&t), 3);
	timer_free(&t);
}

static void test_format_and_tick(void **state)
{
	struct qtimer t;
	char buf[16];
	(void)state;

	assert_string_equal(timer_format(0, buf, sizeof(buf)), "00:00");
	assert_string_equal(timer_format(605, buf, sizeof(buf)), "10:05");
	assert_string_equal(timer_format(3725, buf, sizeof(buf)), "1:02:05");
	assert_string_equal(timer_format(-5, buf, sizeof(buf)), "00:00");
	fake_now = 0;
	timer_init(&t, &clock_fake, 1, 0);
	assert_int_equal(t.timebox, 600); /* the default box */
	timer_run(&t, true);
	fake_now = 10.25;
	/* The next whole second is 0.75 s away: wait that long (and a little), no longer. */
	assert_true(timer_next_tick_ms(&t) >= 750 && timer_next_tick_ms(&t) <= 752);
	fake_now = 10.999;
	assert_true(timer_next_tick_ms(&t) >= 1 && timer_next_tick_ms(&t) <= 3);
	timer_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_states),
		cmocka_unit_test(test_per_question),
		cmocka_unit_test(test_format_and_tick),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
