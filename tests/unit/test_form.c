/* The workload form: every field shows its value as text, checks what is typed with the
 * loader's own rules (so the wizard never saves what the loader would refuse), and stores
 * it back; a refused value changes nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/review.h"
#include "store/review_io.h"
#include "support/qset_fixture.h"
#include "ui/form.h"
#include "util/xalloc.h"

static struct review *rv;
static struct qset *qs;

static int setup(void **state)
{
	(void)state;
	qs = qset_fixture_new();
	rv = review_new();
	rv->set_id = xstrdup("reliability");
	rv->wl.name = xstrdup("Checkout");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	review_free(rv);
	qset_free(qs);
	return 0;
}

static bool ok(enum form_field f, const char *text)
{
	char msg[256];

	return form_check(f, text, msg, sizeof(msg));
}

static void assert_refused(enum form_field f, const char *text, const char *says)
{
	char msg[256], *before = form_get(&rv->wl, f), *after;

	if (form_check(f, text, msg, sizeof(msg)))
		fail_msg("'%s' accepted for %s", text, form_info(f)->label);
	if (!strstr(msg, says))
		fail_msg("message for '%s' is '%s', expected it to mention '%s'", text, msg, says);
	assert_int_equal(form_set(&rv->wl, f, text), -1);
	after = form_get(&rv->wl, f);
	assert_string_equal(before, after); /* unchanged */
	free(before);
	free(after);
}

/* Stores text and checks the field then reads back as expect, and that the review with it
 * still loads. */
static void assert_stored(enum form_field f, const char *text, const char *expect)
{
	char *got, *file;
	struct review *back = NULL;
	struct wa_err err;

	assert_int_equal(form_set(&rv->wl, f, text), 0);
	got = form_get(&rv->wl, f);
	assert_string_equal(got, expect);
	free(got);
	file = review_format(rv, qs);
	err_clear(&err);
	if (review_parse("form.yaml", file, strlen(file), qs, &back, &err))
		fail_msg("the loader refuses what the form stored: %s", err.msg);
	review_free(back);
	free(file);
}

static void test_availability(void **state)
{
	char msg[256];
	(void)state;

	assert_true(form_check(FF_AVAILABILITY, "99.95", msg, sizeof(msg)));
	/* A valid target comes with what it means. */
	assert_string_equal(msg, "allows 4h 22m of downtime a year");
	assert_true(ok(FF_AVAILABILITY, " 99.9 % "));
	assert_refused(FF_AVAILABILITY, "100", "between 0 and 100");
	assert_refused(FF_AVAILABILITY, "0", "between 0 and 100");
	assert_refused(FF_AVAILABILITY, "99.9x", "'99.9x' is not a percentage");
	assert_refused(FF_AVAILABILITY, "nines", "is not a percentage");
	assert_stored(FF_AVAILABILITY, "99.99%", "99.99");
	assert_stored(FF_AVAILABILITY, "", ""); /* empty: unset */
	assert_true(rv->wl.availability < 0);
}

static void test_durations(void **state)
{
	(void)state;
	assert_true(ok(FF_RTO, "4h"));
	assert_true(ok(FF_RPO, "15m"));
	assert_refused(FF_RTO, "4 parsecs", "such as 15m, 4h, 1h30m or 4 hours");
	assert_refused(FF_RPO, "1.5s", "not a duration");
	assert_refused(FF_RTO, "-1h", "not a duration");
	/* What `calc` reads, kept in the one compact form. */
	assert_stored(FF_RTO, "4 hours", "4h");
	assert_stored(FF_RTO, "1h30m", "1h30m");
	assert_stored(FF_RPO, "1.5h", "1h30m");
	assert_stored(FF_RTO, " 30m ", "30m");
	assert_stored(FF_RPO, "1d", "1d");
	assert_stored(FF_RPO, "", "");
	assert_null(rv->wl.rpo);
}

static void test_regions_and_accounts(void **state)
{
	(void)state;
	assert_refused(FF_REGIONS, "eu-west-1, eu-wset-1", "'eu-wset-1' is not an AWS Region");
	assert_refused(FF_REGIONS, "Europe", "'Europe'");
	assert_stored(FF_REGIONS, "eu-west-1,us-east-1   ap-southeast-2",
	              "eu-west-1, us-east-1, ap-southeast-2");
	assert_int_equal(rv->wl.n_regions, 3);
	assert_refused(FF_ACCOUNTS, "12345678901", "12-digit");
	assert_stored(FF_ACCOUNTS, "111122223333, 444455556666", "111122223333, 444455556666");
	assert_stored(FF_ACCOUNTS, "1111-2222-3333", "111122223333");
	assert_refused(FF_ACCOUNTS, "1111-2222-333", "12-digit");
	assert_stored(FF_ACCOUNTS, "", "");
	assert_int_equal(rv->wl.n_accounts, 0);
}

static void test_choices(void **state)
{
	(void)state;
	assert_refused(FF_ENVIRONMENT, "prod", "one of: production, pre-production");
	assert_refused(FF_CRITICALITY, "urgent", "critical, high, medium, low");
	assert_string_equal(form_cycle(FF_ENVIRONMENT, rv->wl.environment, 1), "production");
	assert_stored(FF_ENVIRONMENT, "production", "production");
	assert_string_equal(form_cycle(FF_ENVIRONMENT, rv->wl.environment, 1), "pre-production");
	assert_string_equal(form_cycle(FF_ENVIRONMENT, rv->wl.environment, -1),
	                    "other"); /* wraps */
	assert_stored(FF_CRITICALITY, "low", "low");
	assert_string_equal(form_cycle(FF_CRITICALITY, rv->wl.criticality, 1), "critical");
	assert_null(form_cycle(FF_NAME, rv->wl.name, 1)); /* free text has no choices */
	/* Typing chooses: the first choice the letters start, whatever their case. */
	assert_string_equal(form_choose(FF_ENVIRONMENT, "p"), "production");
	assert_string_equal(form_choose(FF_ENVIRONMENT, "PRE"), "pre-production");
	assert_string_equal(form_choose(FF_CRITICALITY, "m"), "medium");
	assert_null(form_choose(FF_CRITICALITY, "x"));
	assert_null(form_choose(FF_NAME, "a"));
}

static void test_text_fields(void **state)
{
	(void)state;
	assert_refused(FF_NAME, "   ", "required");
	assert_stored(FF_NAME, " Checkout service ", "Checkout service");
	assert_stored(FF_OWNER, "Tomás Ortega", "Tomás Ortega");
	assert_stored(FF_OWNER, "", "");
	assert_null(rv->wl.owner);
	assert_stored(FF_DESCRIPTION, "Takes baskets\nto paid orders",
	              "Takes baskets\nto paid orders");
}

static void test_participants(void **state)
{
	(void)state;
	assert_stored(FF_PARTICIPANTS, "Ana Lima (facilitator), Bo Chen,  Mei [SRE] ",
	              "Ana Lima [facilitator], Bo Chen, Mei [SRE]");
	assert_int_equal(rv->wl.n_participants, 3);
	assert_string_equal(rv->wl.participants[0].name, "Ana Lima");
	assert_string_equal(rv->wl.participants[0].role, "facilitator");
	assert_null(rv->wl.participants[1].role);
	assert_refused(FF_PARTICIPANTS, "(facilitator)", "no name");
	assert_refused(FF_PARTICIPANTS, "[ops]", "no name");
	assert_refused(FF_PARTICIPANTS, "Ana (facilitator", "in brackets");
	assert_refused(FF_PARTICIPANTS, "Ana (lead) extra", "in brackets");
	assert_stored(FF_PARTICIPANTS, "", "");
	assert_int_equal(rv->wl.n_participants, 0);
}

static void test_scope(void **state)
{
	char msg[256];
	(void)state;
	/* The same specs as --scope, separated by commas, read back in one order. */
	assert_stored(FF_SCOPE, " stack:shop-app , tag:app=checkout|cart, group:shop",
	              "tag:app=checkout|cart, group:shop, stack:shop-app");
	assert_int_equal(rv->wl.scope.n_tags, 1);
	assert_int_equal(rv->wl.scope.tags[0].n_values, 2);
	assert_int_equal(rv->wl.scope.n_stacks, 1);
	assert_true(form_check(FF_SCOPE, "tag:app=checkout", msg, sizeof(msg)));
	assert_string_equal(msg, "evidence judges only resources tagged app=checkout");
	/* The parser's own refusal, the scope kept as it was. */
	assert_refused(FF_SCOPE, "tag:app=checkout, shop", "'shop' is not a scope");
	assert_refused(FF_SCOPE, "stack:", "names nothing");
	assert_refused(FF_SCOPE, "tag:=x", "a tag needs a key");
	/* 'account' or nothing: the whole account, said so. */
	assert_true(form_check(FF_SCOPE, "", msg, sizeof(msg)));
	assert_string_equal(msg, "the whole account");
	assert_stored(FF_SCOPE, "account", "");
	assert_false(scope_is_set(&rv->wl.scope));
	assert_stored(FF_SCOPE, "app:shop", "app:shop");
	assert_stored(FF_SCOPE, "", "");
	assert_false(scope_is_set(&rv->wl.scope));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_availability),
		cmocka_unit_test(test_durations),
		cmocka_unit_test(test_regions_and_accounts),
		cmocka_unit_test(test_choices),
		cmocka_unit_test(test_text_fields),
		cmocka_unit_test(test_participants),
		cmocka_unit_test(test_scope),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
