/* Reports: the availability section from avail_summarize()'s data, credentials never shown,
 * --redact reaching every format, the caller's review untouched, and stable output.
 * (The documents' structure is checked by the CLI tests with cmark, csv, JSON Schema and
 * Chromium.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/evidence.h"
#include "model/milestone.h"
#include "report/report.h"
#include "report/report_int.h"
#include "store/review_io.h"
#include "support/qset_fixture.h"
#include "util/xalloc.h"

static struct qset *qs;

static int setup(void **state)
{
	(void)state;
	qs = qset_fixture_new();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	qset_free(qs);
	return 0;
}

static struct review *sample(void)
{
	struct review *rv = review_new();
	struct answer *a;

	rv->set_id = xstrdup("reliability");
	rv->wl.name = xstrdup("Shop 111122223333");
	rv->wl.criticality = xstrdup("high");
	rv->wl.availability = 99.95;
	rv->wl.accounts = xcalloc(1, sizeof(char *));
	rv->wl.accounts[0] = xstrdup("111122223333");
	rv->wl.n_accounts = 1;
	a = review_get(rv, "REL01");
	a->none_of_these = true;
	a->notes = xstrdup("keys AKIAIOSFODNN7EXAMPLE / wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"
	                   "db arn:aws:rds:eu-west-1:111122223333:db:orders");
	{
		cJSON *j = cJSON_Parse(
		        "{\"findings\":[{\"probe\":\"rds-multi-az\",\"question\":\"REL01\","
		        "\"title\":\"Databases span AZs\",\"best_practices\":[\"REL01-BP01\"],"
		        "\"outcome\":\"fail\",\"results\":[{\"region\":\"eu-west-1\",\"outcome\":"
		        "\"fail\",\"text\":\"single-AZ database\",\"cited\":"
		        "[\"arn:aws:rds:eu-west-1:111122223333:db:orders\"]}]}]}");
		struct wa_err err;

		if (!j || evidence_from_json(j, qs, &rv->evidence, NULL, &err))
			fail_msg("bad snapshot");
		cJSON_Delete(j);
	}
	return rv;
}

static char *render(enum report_format f, const struct review *rv, const struct report_opts *o)
{
	struct wa_err err;
	char *s;

	err_clear(&err);
	s = report_render(f, qs, rv, o, &err);
	if (!s)
		fail_msg("render %s: %s", report_format_name(f), err.msg);
	return s;
}

static void test_availability_not_yet_computed(void **state)
{
	struct review *rv = sample();
	struct report_opts o = { .date = 1795000000 };
	char *md = render(REPORT_MD, rv, &o), *json = render(REPORT_JSON, rv, &o);
	cJSON *j = cJSON_Parse(json), *av;
	(void)state;

	assert_non_null(strstr(md, "- **Target:** 99.95%\n"));
	assert_non_null(strstr(md, "- **Computed:** not yet known (list components in the "
	                           "workload)\n"));
	av = cJSON_GetObjectItem(j, "availability");
	assert_true(cJSON_GetObjectItem(av, "target")->valuedouble > 0.99949);
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(av, "computed")));
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(av, "meets_target")));
	cJSON_Delete(j);
	free(md);
	free(json);
	review_free(rv);
}

static void test_availability_computed(void **state)
{
	struct review *rv = sample();
	char *spof[] = { xstrdup("orders db (arn:aws:rds:eu-west-1:111122223333:db:orders)") };
	struct avail_summary av = {
		.have_components = true,
		.computed = 0.999,
		.target = 0.9995,
		.meets_target = false,
		.single_points = spof,
		.n_single_points = 1,
		.have_incidents = true,
		.measured = 0.9985,
		.mttr_hours = 2.5,
		.mtbf_hours = 1640,
		.have_cost = true,
		.cost_per_year_computed = 87660,
		.cost_per_year_target = 43830,
	};
	struct report_opts o = { .date = 1795000000, .avail = &av, .redact = true };
	char *md = render(REPORT_MD, rv, &o), *html = render(REPORT_HTML, rv, &o);
	(void)state;

	assert_non_null(strstr(md, "- **Computed:** 99.9% from the workload's components, "
	                           "**below the target**"));
	assert_non_null(strstr(md, "- **Single points of failure:** orders db "
	                           "(arn:aws:rds:eu-west-1:XXXXXXXXXXXX:REDACTED)"));
	assert_non_null(strstr(md, "- **Measured:** 99.85%"));
	assert_non_null(strstr(md, "87,660 a year at the measured availability, 43,830 at the "
	                           "target: closing the gap is worth about 43,830 a year"));
	assert_non_null(strstr(html, "99.9%, below the target"));
	assert_null(strstr(html, "111122223333"));
	free(spof[0]);
	free(md);
	free(html);
	review_free(rv);
}

static void test_no_credentials_and_redaction_everywhere(void **state)
{
	struct review *rv = sample();
	struct report_opts plain = { .date = 1795000000 },
	                   red = { .date = 1795000000, .redact = true };
	char *before = review_format(rv, qs), *after;
	(void)state;

	for (int f = REPORT_MD; f <= REPORT_HTML; f++) {
		char *a = render((enum report_format)f, rv, &plain);
		char *b = render((enum report_format)f, rv, &red);

		if (strstr(a, "AKIAIOSFODNN7EXAMPLE") || strstr(a, "wJalrXUtnFEMI") ||
		    strstr(b, "AKIAIOSFODNN7EXAMPLE") || strstr(b, "wJalrXUtnFEMI"))
			fail_msg("%s report shows a credential",
			         report_format_name((enum report_format)f));
		/* Without --redact the team sees its own account and resources. */
		assert_non_null(strstr(a, "111122223333"));
		if (strstr(b, "111122223333") || strstr(b, ":db:orders"))
			fail_msg("%s report with --redact shows an account or ARN:\n%s",
			         report_format_name((enum report_format)f), b);
		free(a);
		free(b);
	}
	/* The caller's review is not touched by the masking. */
	after = review_format(rv, qs);
	assert_string_equal(before, after);
	free(before);
	free(after);
	review_free(rv);
}

static void test_same_review_same_report(void **state)
{
	struct review *rv = sample();
	struct wa_err err;
	struct report_opts o = { .date = 1795000000, .generator = "wa-review test" };
	(void)state;

	assert_int_equal(milestone_add(rv, qs, "baseline", "2026-11-01T00:00:00Z", &err), 0);
	review_get(rv, "REL02")->none_of_these = true;
	for (int f = REPORT_MD; f <= REPORT_HTML; f++) {
		char *a = render((enum report_format)f, rv, &o),
		     *b = render((enum report_format)f, rv, &o);
		assert_string_equal(a, b);
		free(a);
		free(b);
	}
	review_free(rv);
}

static void test_markdown_escapes_user_text(void **state)
{
	struct review *rv = sample();
	struct report_opts o = { .date = 1795000000 };
	char *md;
	(void)state;

	free(rv->wl.name);
	rv->wl.name = xstrdup("# Shop | *bold* <b>x</b> [l](u) & `c` _u_ ~s~");
	md = render(REPORT_MD, rv, &o);
	assert_non_null(strstr(md, "# Reliability improvement plan: \\# Shop \\| \\*bold\\* "
	                           "\\<b\\>x\\</b\\> \\[l\\](u) \\& \\`c\\` \\_u\\_ \\~s\\~\n"));
	free(md);
	review_free(rv);
}

static void test_numbers(void **state)
{
	char buf[32];
	(void)state;

	assert_string_equal(report_pct(0.9995, buf, sizeof(buf)), "99.95%");
	assert_string_equal(report_pct(0.999999, buf, sizeof(buf)), "99.9999%");
	assert_string_equal(report_pct(0.9, buf, sizeof(buf)), "90%");
	assert_string_equal(report_pct(0.997002999, buf, sizeof(buf)), "99.7003%");
	assert_string_equal(report_amount(1234567.4, buf, sizeof(buf)), "1,234,567");
	assert_string_equal(report_amount(999, buf, sizeof(buf)), "999");
	assert_string_equal(report_amount(-1234, buf, sizeof(buf)), "-1,234");
	assert_string_equal(report_amount(0, buf, sizeof(buf)), "0");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_availability_not_yet_computed),
		cmocka_unit_test(test_availability_computed),
		cmocka_unit_test(test_no_credentials_and_redaction_everywhere),
		cmocka_unit_test(test_same_review_same_report),
		cmocka_unit_test(test_markdown_escapes_user_text),
		cmocka_unit_test(test_numbers),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
