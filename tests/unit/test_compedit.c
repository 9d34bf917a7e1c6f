/* The wizard's one-line component editor: every part of a component read and written back
 * the same, what is not understood named, and changes checked as review files are (unique
 * names, needs that exist, a figure the model can find) with the review unchanged when
 * refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/avail.h"
#include "ui/compedit.h"
#include "util/xalloc.h"

static void assert_round_trip(const char *line, const char *want)
{
	struct component c = { 0 };
	char msg[300], *back;

	if (compedit_parse(line, &c, msg, sizeof(msg)))
		fail_msg("'%s' refused: %s", line, msg);
	back = compedit_format(&c);
	assert_string_equal(back, want);
	free(back);
	component_clear(&c);
}

static void assert_refused(const char *line, const char *says)
{
	struct component c = { 0 };
	char msg[300];

	assert_int_equal(compedit_parse(line, &c, msg, sizeof(msg)), -1);
	if (!strstr(msg, says))
		fail_msg("message for '%s' is '%s', expected '%s' in it", line, msg, says);
	assert_null(c.name);
}

static void test_parse_and_format(void **state)
{
	struct component c = { 0 };
	char msg[300];
	(void)state;

	assert_int_equal(compedit_parse(" Orders database : RDS MySQL, 2 az, managed, 99.95%, not "
	                                "critical, tier data, needs Payments + Cache ",
	                                &c, msg, sizeof(msg)),
	                 0);
	assert_string_equal(c.name, "Orders database");
	assert_string_equal(c.service, "RDS MySQL");
	assert_int_equal(c.availability_zones, 2);
	assert_int_equal(c.redundancy, REDUNDANCY_MANAGED);
	assert_true(c.availability > 99.949 && c.availability < 99.951);
	assert_true(c.not_critical);
	assert_string_equal(c.tier, "data");
	assert_int_equal(c.n_depends_on, 2);
	assert_string_equal(c.depends_on[1], "Cache");
	component_clear(&c);
	assert_round_trip("Web: ALB + EC2 Auto Scaling, 3 AZs, active-active",
	                  "Web: ALB + EC2 Auto Scaling, 3 AZ, active-active");
	assert_round_trip("Queue: SQS", "Queue: SQS");
	assert_round_trip("Legacy: 99.5%, depends on Queue", "Legacy: 99.5%, needs Queue");
	assert_round_trip("Odd: n+1, EC2, 4 AZ", "Odd: EC2, 4 AZ, n+1");
	assert_refused(": EC2", "give a name first");
	assert_refused("Web: EC2, 31 AZ", "out of range");
	assert_refused("Web: EC2, 0 AZ", "out of range");
	assert_refused("Web: 100.5%", "out of range");
	assert_refused("Web: EC2, Lambda", "'Lambda': not understood");
}

static struct review *with(const char *const *lines, size_t n)
{
	struct review *rv = review_new();
	char msg[300];

	for (size_t i = 0; i < n; i++) {
		struct component c = { 0 };
		assert_int_equal(compedit_parse(lines[i], &c, msg, sizeof(msg)), 0);
		if (compedit_set(rv, rv->wl.n_components, &c, msg, sizeof(msg)))
			fail_msg("'%s' refused: %s", lines[i], msg);
	}
	return rv;
}

static void assert_set_refused(struct review *rv, size_t i, const char *line, const char *says)
{
	struct component c = { 0 };
	char msg[300],
	        *before = i < rv->wl.n_components ? compedit_format(&rv->wl.components[i]) : NULL;
	size_t n = rv->wl.n_components;

	assert_int_equal(compedit_parse(line, &c, msg, sizeof(msg)), 0);
	assert_int_equal(compedit_set(rv, i, &c, msg, sizeof(msg)), -1);
	if (!strstr(msg, says))
		fail_msg("message for '%s' is '%s', expected '%s' in it", line, msg, says);
	assert_int_equal(rv->wl.n_components, n);
	if (before) {
		char *after = compedit_format(&rv->wl.components[i]);
		assert_string_equal(before, after);
		free(after);
	}
	free(before);
}

static void test_set_and_remove(void **state)
{
	static const char *const lines[] = {
		"Web: ALB + EC2 Auto Scaling, 3 AZ, active-active, needs DB",
		"DB: RDS MySQL, 1 AZ, none",
	};
	struct review *rv;
	struct avail_summary s;
	struct component c = { 0 };
	char msg[300];
	(void)state;

	/* The second names what the first needs: set one by one, the first is refused. */
	rv = review_new();
	assert_int_equal(compedit_parse(lines[0], &c, msg, sizeof(msg)), 0);
	assert_int_equal(compedit_set(rv, 0, &c, msg, sizeof(msg)), -1);
	assert_string_equal(msg, "Web needs 'DB', which is no other component or external API");
	assert_int_equal(rv->wl.n_components, 0);
	review_free(rv);

	rv = with(lines + 1, 1);
	assert_int_equal(compedit_parse(lines[0], &c, msg, sizeof(msg)), 0);
	assert_int_equal(compedit_set(rv, 1, &c, msg, sizeof(msg)), 0);
	/* The availability is computed from them, the single AZ database named. */
	assert_int_equal(avail_summarize_at(rv, 1795000000, &s, NULL), 0);
	assert_true(s.have_components && s.computed > 0.99 && s.computed < 1);
	assert_int_equal(s.n_single_points, 1);
	assert_string_equal(s.single_points[0], "DB");
	avail_summary_clear(&s);

	assert_set_refused(rv, 2, "DB: Lambda", "already a component or external API called 'DB'");
	assert_set_refused(rv, 0, "Web: 2 AZ", "Web:");
	assert_set_refused(rv, 1, "Web: EC2, needs Web", "which is no other component");
	/* Replacing one in place keeps the order. */
	assert_int_equal(compedit_parse("DB: RDS MySQL, 2 AZ, managed", &c, msg, sizeof(msg)), 0);
	assert_int_equal(compedit_set(rv, 0, &c, msg, sizeof(msg)), 0);
	assert_int_equal(rv->wl.components[0].redundancy, REDUNDANCY_MANAGED);

	assert_int_equal(compedit_remove(rv, 0, msg, sizeof(msg)), -1);
	assert_string_equal(msg, "Web needs DB: change that first");
	assert_int_equal(compedit_remove(rv, 1, msg, sizeof(msg)), 0);
	assert_int_equal(compedit_remove(rv, 0, msg, sizeof(msg)), 0);
	assert_int_equal(rv->wl.n_components, 0);
	assert_null(rv->wl.components);
	review_free(rv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_and_format),
		cmocka_unit_test(test_set_and_remove),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
