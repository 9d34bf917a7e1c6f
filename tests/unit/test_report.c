/* Reports: the availability section from avail_summarize()'s data with units and currency,
 * the matrix's fields, the plan's dates, metrics and themes, won't-do items out of the
 * plan, text from the review made safe in every format, credentials never shown, --redact
 * reaching every format, the caller's review untouched, and stable output. (The documents'
 * structure is checked by the CLI tests with cmark, csv, JSON Schema and Chromium.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/evidence.h"
#include "model/milestone.h"
#include "model/roadmap_edit.h"
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
	rv->created = xstrdup("2026-11-01T09:00:00Z");
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
		        "\"proves\":\"every_resource\",\"outcome\":\"fail\",\"results\":[{"
		        "\"region\":\"eu-west-1\",\"outcome\":"
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

	assert_non_null(strstr(md, "- **Target:** 99.95% (the workload's availability target)\n"));
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
	char *md, *html, *json;
	cJSON *j, *a;
	(void)state;

	rv->wl.currency = xstrdup("EUR");
	rv->wl.downtime_cost_per_hour = 100;
	md = render(REPORT_MD, rv, &o);
	html = render(REPORT_HTML, rv, &o);
	json = render(REPORT_JSON, rv, &o);
	assert_non_null(strstr(md, "- **Computed:** 99.9% from the workload's components (the "
	                           "parts on the critical path, in series), below the target\n"));
	assert_non_null(strstr(md, "- **Single points of failure:** orders db "
	                           "(arn:aws:rds:eu-west-1:XXXXXXXXXXXX:REDACTED)"));
	assert_non_null(strstr(md, "- **Measured:** 99.85% from the incident history (mean time "
	                           "to repair 2h 30m, mean time between failures 68d 8h), below "
	                           "the target\n"));
	/* The cost is at the computed figure, since there is one, and says so, with its
	 * currency, in every format. */
	assert_non_null(strstr(md, "- **Cost of downtime:** EUR 87,660 a year at the computed "
	                           "availability (99.9%, from the components), EUR 43,830 a year "
	                           "at the target (99.95%), at EUR 100 an hour of downtime: "
	                           "closing the gap is worth about EUR 43,830 a year\n"));
	assert_non_null(strstr(html, "<dt>Cost of downtime</dt><dd>EUR 87,660 a year at the "
	                             "computed availability (99.9%, from the components), EUR "
	                             "43,830 a year at the target (99.95%)"));
	assert_non_null(strstr(html, "99.9% from the workload&#39;s components (the parts on the "
	                             "critical path, in series), below the target"));
	assert_null(strstr(html, "111122223333"));
	j = cJSON_Parse(json);
	a = cJSON_GetObjectItem(j, "availability");
	assert_string_equal(cJSON_GetObjectItem(a, "currency")->valuestring, "EUR");
	assert_string_equal(cJSON_GetObjectItem(a, "cost_basis")->valuestring, "computed");
	assert_true(cJSON_GetObjectItem(a, "cost_per_hour")->valuedouble == 100);
	cJSON_Delete(j);
	free(json);
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

static void test_incident_after_the_report_date(void **state)
{
	struct review *rv = sample();
	struct report_opts o = { .date = 1795000000 }; /* 2026-11-18T11:06:40Z */
	char *md, *json;
	cJSON *j, *av;
	(void)state;

	/* One incident ends after the report's date: the history is left out, with why, and
	 * the report is still written. */
	rv->incidents = xcalloc(1, sizeof(*rv->incidents));
	rv->n_incidents = 1;
	rv->incidents[0].date = xstrdup("2026-11-18T11:00:00Z");
	rv->incidents[0].duration = 3600;
	rv->incidents[0].impact = IMPACT_FULL;
	md = render(REPORT_MD, rv, &o);
	json = render(REPORT_JSON, rv, &o);
	assert_non_null(strstr(md, "- **Measured:** left out: incident 1 (2026-11-18T11:00:00Z) "
	                           "ends at 2026-11-18T12:00:00Z, after now"));
	j = cJSON_Parse(json);
	av = cJSON_GetObjectItem(j, "availability");
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(av, "measured")));
	assert_non_null(
	        strstr(cJSON_GetObjectItem(av, "incidents_left_out")->valuestring, "after now"));
	cJSON_Delete(j);
	free(md);
	free(json);
	review_free(rv);
}

static void test_open_practices(void **state)
{
	struct review *rv = sample();
	struct report_opts o = { .date = 1795000000 };
	struct answer *a = review_get(rv, "REL02");
	char *md, *json;
	cJSON *j, *ans;
	(void)state;

	/* Evidence decided REL02-BP01 (in place); nobody has decided BP02 yet. */
	a->selected = xcalloc(1, sizeof(char *));
	a->selected[a->n_selected++] = xstrdup("REL02-BP01");
	a->open = xcalloc(1, sizeof(char *));
	a->open[a->n_open++] = xstrdup("REL02-BP02");
	md = render(REPORT_MD, rv, &o);
	json = render(REPORT_JSON, rv, &o);
	/* Its risk stays open (nothing known missing), but the practices decided show. */
	assert_non_null(strstr(md, "### REL02 Question REL02\n\nRisk: **UNANSWERED**\n\nPartly "
	                           "answered: the practices not decided yet leave the risk open."
	                           "\n\n- In place: **REL02-BP01** "));
	assert_non_null(strstr(md, "- Not decided yet: **REL02-BP02** "));
	assert_null(strstr(md, "### 4. REL02-BP02"));
	j = cJSON_Parse(json);
	ans = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "answers"), 1);
	assert_string_equal(cJSON_GetObjectItem(ans, "question")->valuestring, "REL02");
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(ans, "missing")), 0);
	assert_string_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(ans, "open"), 0)->valuestring,
	                    "REL02-BP02");
	cJSON_Delete(j);
	free(md);
	free(json);
	review_free(rv);
}

static void test_every_offender_in_json_ten_in_text(void **state)
{
	struct review *rv = sample();
	struct report_opts o = { .date = 1795000000 };
	struct region_result *r = &rv->evidence->findings[0].results[0];
	char *md, *json, name[32];
	cJSON *j, *res;
	(void)state;

	/* The finding names 13 databases: the JSON lists every one, Markdown ten and says how
	 * many more. */
	for (int i = 2; i <= 13; i++) {
		snprintf(name, sizeof(name), "db-%02d", i);
		region_result_cite(r, name);
	}
	md = render(REPORT_MD, rv, &o);
	json = render(REPORT_JSON, rv, &o);
	assert_non_null(strstr(md, ", `db-10` and 3 more (the JSON report lists them all)\n"));
	assert_null(strstr(md, "`db-11`"));
	j = cJSON_Parse(json);
	res = cJSON_GetObjectItem(cJSON_GetObjectItem(j, "roadmap"), "items");
	res = cJSON_GetObjectItem(cJSON_GetArrayItem(res, 0), "evidence");
	res = cJSON_GetObjectItem(cJSON_GetArrayItem(res, 0), "resources");
	assert_int_equal(cJSON_GetArraySize(res), 13);
	assert_string_equal(cJSON_GetArrayItem(res, 12)->valuestring, "db-13");
	cJSON_Delete(j);
	free(md);
	free(json);
	review_free(rv);
}

/* Sets bpid's roadmap settings as the CLI would. */
static void set_item(struct review *rv, const char *bpid, struct roadmap_change ch)
{
	struct wa_err err;

	if (roadmap_override_set(rv, qs, bpid, &ch, "2026-11-20T10:00:00Z", &err))
		fail_msg("%s: %s", bpid, err.msg);
}

static void test_matrix_and_plan(void **state)
{
	struct review *rv = sample();
	struct report_opts o = { .date = 1795000000 };
	char *md, *html;
	(void)state;

	set_item(rv, "REL01-BP01", (struct roadmap_change){ .owner = "Ana" });
	md = render(REPORT_MD, rv, &o);
	html = render(REPORT_HTML, rv, &o);
	/* Week 1 is the review's creation day; the matrix row has every field. */
	assert_non_null(strstr(md, "Week 1 of the plan starts on 2026-11-01, the day the review "
	                           "was created; week 12 ends on 2027-01-23."));
	assert_non_null(strstr(md, "| **High risk / high impact** (1) | **REL01-BP01** Best "
	                           "practice 1 of REL01 | high | low | Ana | 2026-11-07 (week 1) "
	                           "| **not implemented**: rds-multi-az found 1 offender in "
	                           "eu-west-1: single-AZ database |\n"));
	assert_non_null(strstr(html, "<td>Ana</td><td>2026-11-07 (week 1)</td><td><strong>not "
	                             "implemented</strong>: rds-multi-az found 1 offender"));
	/* The phase lists its items, the week's theme and what shows it done. */
	assert_non_null(strstr(md, "### Phase 1: quick wins (weeks 1–2, 2026-11-01 to "
	                           "2026-11-14)\n\n- [ ] **REL01-BP01** Best practice 1 of "
	                           "REL01 — due 2026-11-07 (week 1), owner: Ana\n"));
	assert_non_null(strstr(md, "- Week 1 (2026-11-01 to 2026-11-07): service quotas "
	                           "(REL01)\n"));
	assert_non_null(strstr(md, "**Success metrics**: the phase is done when its 3 items are "
	                           "done (0 so far) and\n\n- REL01: every quota the workload "
	                           "depends on is watched, with headroom left to fail over — "
	                           "REL01-BP01, REL01-BP02, REL01-BP03 (0 of 3 done)\n"));
	/* Availability against the target is what ends the plan, even with phase 3 empty. */
	assert_non_null(strstr(md, "Nothing in this phase.\n\n**Success metrics**: by the end "
	                           "of the plan\n\n- availability at or above the target of "
	                           "99.95% (not measured yet: list the workload's components, "
	                           "import its incident history or collect evidence)\n"));
	free(md);
	free(html);
	review_free(rv);
}

static void test_wont_do_out_of_the_plan(void **state)
{
	struct review *rv = sample();
	struct report_opts o = { .date = 1795000000 };
	char *md, *json;
	cJSON *j, *rm, *phases;
	(void)state;

	set_item(rv, "REL01-BP01",
	         (struct roadmap_change){ .status = "wont_do", .reason = "covered elsewhere" });
	set_item(rv, "REL01-BP03", (struct roadmap_change){ .week = "5" });
	md = render(REPORT_MD, rv, &o);
	json = render(REPORT_JSON, rv, &o);
	assert_non_null(strstr(md, "3 best practices are not in place (0 done, 1 not planned). "
	                           "The plan schedules the 2 open items over 12 weeks: 1 quick "
	                           "win in weeks 1–2 and 1 high-impact improvement in weeks "
	                           "3–8."));
	assert_non_null(strstr(md, "| **High risk / high impact** (0) | none |"));
	assert_non_null(strstr(md, "### Not planned\n\nThe team decided not to do these; the "
	                           "risk is accepted.\n\n- **REL01-BP01** Best practice 1 of "
	                           "REL01 (high risk): covered elsewhere\n"));
	/* The hand-set week moves its item into phase 2, after the plan's phase 1. */
	assert_non_null(strstr(md, "### 2. REL01-BP03 "));
	assert_non_null(strstr(md, "due 2026-12-05 (week 5, set by the team)"));
	j = cJSON_Parse(json);
	rm = cJSON_GetObjectItem(j, "roadmap");
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(rm, "items")), 2);
	assert_string_equal(
	        cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(rm, "not_planned"), 0),
	                            "id")
	                ->valuestring,
	        "REL01-BP01");
	phases = cJSON_GetObjectItem(j, "phases");
	for (int p = 0; p < cJSON_GetArraySize(phases); p++) {
		cJSON *ids = cJSON_GetObjectItem(cJSON_GetArrayItem(phases, p), "items");
		for (int i = 0; i < cJSON_GetArraySize(ids); i++)
			assert_string_not_equal(cJSON_GetArrayItem(ids, i)->valuestring,
			                        "REL01-BP01");
	}
	cJSON_Delete(j);
	free(md);
	free(json);
	review_free(rv);
}

/* Bytes a terminal or a viewer acts on: ESC, BEL, DEL, C1 (UTF-8 C2 80-9F), the bidi
 * embedding, override (E2 80 AA-AE) and isolate controls (E2 81 A6-A9). */
static const char *unsafe_byte(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p < 0x20 && *p != '\n' && *p != '\r' && *p != '\t') || *p == 0x7f ||
		    (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) ||
		    (p[0] == 0xe2 && p[1] == 0x80 && p[2] >= 0xaa && p[2] <= 0xae) ||
		    (p[0] == 0xe2 && p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9))
			return (const char *)p;
	return NULL;
}

static void test_text_made_safe_in_every_format(void **state)
{
	static const char name[] = "Shop \x1b[31mred\x1b]0;title\x07 \xc2\x9b"
	                           "2J https://evil.example <http://x>";
	static const char notes[] = "see www.evil.example and <http://x>\n\xe2\x80\xae"
	                            "evil\xe2\x80\xac \x1b]8;;http://evil.example\x1b\\link"
	                            "\x1b]8;;\x1b\\ \x7f \xff";
	static const char cited[] = "db-\x1b[5m\xc2\x9b"
	                            "0m http://evil.example/r";
	struct review *rv = sample();
	struct report_opts o = { .date = 1795000000 };
	struct region_result *r = &rv->evidence->findings[0].results[0];
	(void)state;

	free(rv->wl.name);
	rv->wl.name = xstrdup(name);
	free(review_get(rv, "REL01")->notes);
	review_get(rv, "REL01")->notes = xstrdup(notes);
	region_result_cite(r, cited);
	for (int f = REPORT_MD; f <= REPORT_HTML; f++) {
		char *out = render((enum report_format)f, rv, &o);
		const char *bad = unsafe_byte(out);

		if (bad)
			fail_msg("%s report has byte 0x%02x: ...%.40s",
			         report_format_name((enum report_format)f), (unsigned char)*bad,
			         bad > out + 20 ? bad - 20 : out);
		if (f == REPORT_MD) {
			/* Autolinks broken, the rest escaped; the resource in a code span. */
			assert_non_null(strstr(out, "https\\://evil.example \\<http\\://x\\>"));
			assert_non_null(strstr(out, "www\\.evil.example"));
			assert_non_null(strstr(out, "`db-\xef\xbf\xbd[5m\xef\xbf\xbd"
			                            "0m http://evil.example/r`"));
		} else if (f == REPORT_HTML) {
			assert_non_null(strstr(out, "&lt;http://x&gt;"));
			assert_null(strstr(out, "<http://x>"));
		} else if (f == REPORT_JSON) {
			/* JSON keeps every character, escaped. */
			cJSON *j = cJSON_Parse(out);
			cJSON *wl = cJSON_GetObjectItem(j, "workload");
			cJSON *item = cJSON_GetArrayItem(
			        cJSON_GetObjectItem(cJSON_GetObjectItem(j, "roadmap"), "items"), 0);
			cJSON *ev = cJSON_GetArrayItem(cJSON_GetObjectItem(item, "evidence"), 0);

			assert_non_null(strstr(out, "\\u001b[31mred"));
			assert_non_null(strstr(out, "\\u009b2J"));
			assert_non_null(strstr(out, "\\u202eevil"));
			assert_non_null(strstr(out, "\\ufffd"));
			assert_string_equal(cJSON_GetObjectItem(wl, "name")->valuestring, name);
			assert_string_equal(
			        cJSON_GetArrayItem(cJSON_GetObjectItem(ev, "resources"), 1)
			                ->valuestring,
			        cited);
			cJSON_Delete(j);
		}
		free(out);
	}
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
		cmocka_unit_test(test_incident_after_the_report_date),
		cmocka_unit_test(test_open_practices),
		cmocka_unit_test(test_every_offender_in_json_ten_in_text),
		cmocka_unit_test(test_matrix_and_plan),
		cmocka_unit_test(test_wont_do_out_of_the_plan),
		cmocka_unit_test(test_text_made_safe_in_every_format),
		cmocka_unit_test(test_numbers),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
