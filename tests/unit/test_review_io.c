/* Review files: what is saved loads back identically, and every kind of bad input is
 * refused with a one-line message at the right file:line:column. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "model/checklist.h"
#include "model/evidence.h"
#include "model/milestone.h"
#include "model/review.h"
#include "model/roadmap_edit.h"
#include "util/fsio.h"
#include "store/review_io.h"
#include "store/ydoc.h"
#include "store/yemit.h"
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

static char **strv(size_t n, ...)
{
	char **v = xcalloc(n + 1, sizeof(*v));
	va_list ap;

	va_start(ap, n);
	for (size_t i = 0; i < n; i++)
		v[i] = xstrdup(va_arg(ap, const char *));
	va_end(ap);
	return v;
}

static void assert_str_eq_opt(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

static void assert_strv_eq(char **a, size_t na, const char *const *b, size_t nb)
{
	assert_int_equal(na, nb);
	for (size_t i = 0; i < na; i++)
		assert_string_equal(a[i], b[i]);
}

/* A snapshot from its JSON form, checked against the set. */
static struct evidence *evidence_of(const char *json)
{
	cJSON *j = cJSON_Parse(json);
	struct evidence *ev = NULL;
	struct wa_err err;

	err_clear(&err);
	if (!j || evidence_from_json(j, qs, &ev, NULL, &err))
		fail_msg("bad snapshot: %s", err.msg);
	cJSON_Delete(j);
	return ev;
}

/* A review with every field and section set, answers and selections deliberately out of
 * order. */
static struct review *full_review(void)
{
	struct review *rv = review_new();
	struct answer *a;
	struct wa_err err;

	rv->set_id = xstrdup("reliability");
	rv->framework_version = xstrdup("2024-11-06");
	rv->created = xstrdup("2026-11-26T22:00:00Z");
	rv->updated = xstrdup("2026-11-26T22:10:00Z");
	rv->wl.name = xstrdup("Checkout — café ☕ 日本語のサービス");
	rv->wl.description = xstrdup("  starts with two spaces\nsecond line\n\n    indented\n");
	rv->wl.owner = xstrdup("Zoë Ångström");
	rv->wl.environment = xstrdup("pre-production");
	rv->wl.regions = strv(3, "eu-west-1", "us-gov-west-1", "cn-north-1");
	rv->wl.n_regions = 3;
	rv->wl.accounts = strv(2, "012345678901", "123456789012");
	rv->wl.n_accounts = 2;
	rv->wl.criticality = xstrdup("high");
	rv->wl.availability = 99.95;
	rv->wl.rto = xstrdup("4h");
	rv->wl.rpo = xstrdup("15m");
	rv->wl.participants = xcalloc(3, sizeof(*rv->wl.participants));
	rv->wl.participants[0].name = xstrdup("Ana Silva");
	rv->wl.participants[0].role = xstrdup("facilitator");
	rv->wl.participants[1].name = xstrdup("Bo Chen");
	rv->wl.participants[2].name = xstrdup("true");
	rv->wl.participants[2].role = xstrdup("1.0");
	rv->wl.n_participants = 3;

	a = review_get(rv, "REL03");
	a->selected = strv(3, "REL03-BP04", "REL03-BP01", "REL03-BP03");
	a->n_selected = 3;
	a->notes = xstrdup("🚀 launch plan:\n  - step one\n  - step two 😀\n");
	a->updated = xstrdup("2026-11-26T22:05:00Z");
	a = review_get(rv, "REL01");
	a->none_of_these = true;
	a->flagged = true;
	a->notes = xstrdup("null");
	a = review_get(rv, "REL02");
	a->na = NA_ARCHITECTURE_CONSTRAINTS;
	a->na_note = xstrdup("123456789012");
	a->notes = xstrdup("trailing spaces  \n\ttab and \"quotes\" and \\ backslash\n\n");

	rv->checklist.done[0] = rv->checklist.done[5] = true;
	rv->evidence =
	        evidence_of("{\"collected\":\"2026-11-26T22:05:00Z\",\"account\":\"012345678901\","
	                    "\"regions\":[\"eu-west-1\"],\"findings\":[{\"probe\":\"p1\","
	                    "\"question\":\"REL01\",\"title\":\"T: with colon\","
	                    "\"best_practices\":[\"REL01-BP01\"],\"outcome\":\"fail\",\"results\":["
	                    "{\"region\":\"eu-west-1\",\"outcome\":\"fail\",\"text\":\"1 of 2: "
	                    "x\\ny\",\"count\":1,\"examined\":2,\"cited\":[\"007\",\"true\"]}]}]}");
	/* The roadmap section has a checked shape; its texts still take whatever a reviewer
	 * types. */
	rv->overrides = xcalloc(1, sizeof(*rv->overrides));
	rv->n_overrides = 1;
	rv->overrides[0] = (struct roadmap_override){
		.bp = xstrdup("REL01-BP02"),
		.owner = xstrdup("~"),
		.effort = EFFORT_HIGH,
		.week = 3,
		.status = RM_WONT_DO,
		.reason = xstrdup("- not a list item\n# not a comment\nkey: value"),
		.updated = xstrdup("2026-11-26T22:06:00Z"),
	};
	if (milestone_add(rv, qs, "baseline: #1 ✓", "2026-11-26T22:07:00Z", &err) ||
	    milestone_add(rv, qs, "123", "2026-11-26T22:08:00Z", &err))
		fail_msg("milestone_add: %s", err.msg);
	return rv;
}

/* Every typed section of a and b holds the same. */
static void assert_sections_equal(const struct review *a, const struct review *b)
{
	cJSON *ja = a->evidence ? evidence_to_json(a->evidence) : NULL;
	cJSON *jb = b->evidence ? evidence_to_json(b->evidence) : NULL;

	assert_memory_equal(&a->checklist, &b->checklist, sizeof(a->checklist));
	assert_true(ja ? jb && cJSON_Compare(ja, jb, 1) : !jb);
	cJSON_Delete(ja);
	cJSON_Delete(jb);
	assert_int_equal(a->n_overrides, b->n_overrides);
	for (size_t i = 0; i < a->n_overrides; i++) {
		const struct roadmap_override *x = &a->overrides[i], *y = &b->overrides[i];
		assert_string_equal(x->bp, y->bp);
		assert_str_eq_opt(x->owner, y->owner);
		assert_int_equal(x->effort, y->effort);
		assert_int_equal(x->week, y->week);
		assert_int_equal(x->status, y->status);
		assert_str_eq_opt(x->reason, y->reason);
		assert_str_eq_opt(x->updated, y->updated);
	}
	assert_int_equal(a->n_milestones, b->n_milestones);
	for (size_t i = 0; i < a->n_milestones; i++) {
		const struct milestone *x = &a->milestones[i], *y = &b->milestones[i];
		assert_string_equal(x->name, y->name);
		assert_string_equal(x->date, y->date);
		assert_int_equal(x->n_questions, y->n_questions);
		for (size_t k = 0; k < x->n_questions; k++) {
			assert_string_equal(x->questions[k].question, y->questions[k].question);
			assert_int_equal(x->questions[k].risk, y->questions[k].risk);
			assert_strv_eq(x->questions[k].selected, x->questions[k].n_selected,
			               (const char *const *)y->questions[k].selected,
			               y->questions[k].n_selected);
		}
		assert_strv_eq(x->done, x->n_done, (const char *const *)y->done, y->n_done);
	}
}

static struct review *parse_ok(const char *text)
{
	struct review *rv = NULL;
	struct wa_err err;

	err_clear(&err);
	if (review_parse("t.yaml", text, strlen(text), qs, &rv, &err) != 0) {
		char buf[1600];
		fail_msg("parse failed: %s\n--- text:\n%s", err_format(&err, buf, sizeof(buf)),
		         text);
	}
	assert_non_null(rv);
	return rv;
}

static void test_round_trip(void **state)
{
	struct review *rv = full_review(), *back;
	char *text, *again;
	const struct answer *a;
	(void)state;

	text = review_format(rv, qs);
	assert_non_null(text);
	back = parse_ok(text);
	again = review_format(back, qs);
	assert_non_null(again);
	assert_string_equal(text, again);

	assert_int_equal(back->schema, 1);
	assert_string_equal(back->set_id, "reliability");
	assert_string_equal(back->framework_version, rv->framework_version);
	assert_string_equal(back->created, rv->created);
	assert_string_equal(back->updated, rv->updated);
	assert_string_equal(back->wl.name, rv->wl.name);
	assert_string_equal(back->wl.description, rv->wl.description);
	assert_string_equal(back->wl.owner, rv->wl.owner);
	assert_string_equal(back->wl.environment, rv->wl.environment);
	assert_strv_eq(back->wl.regions, back->wl.n_regions, (const char *const *)rv->wl.regions,
	               rv->wl.n_regions);
	assert_strv_eq(back->wl.accounts, back->wl.n_accounts, (const char *const *)rv->wl.accounts,
	               rv->wl.n_accounts);
	assert_string_equal(back->wl.criticality, rv->wl.criticality);
	assert_true(back->wl.availability == 99.95);
	assert_string_equal(back->wl.rto, "4h");
	assert_string_equal(back->wl.rpo, "15m");
	assert_int_equal(back->wl.n_participants, 3);
	for (size_t i = 0; i < 3; i++) {
		assert_string_equal(back->wl.participants[i].name, rv->wl.participants[i].name);
		assert_str_eq_opt(back->wl.participants[i].role, rv->wl.participants[i].role);
	}

	/* Answers come back in question-set order, selections in best-practice order. */
	assert_int_equal(back->n_answers, 3);
	a = &back->answers[0];
	assert_string_equal(a->question, "REL01");
	assert_true(a->none_of_these);
	assert_true(a->flagged);
	assert_int_equal(a->n_selected, 0);
	assert_int_equal(a->na, NA_NO);
	assert_string_equal(a->notes, "null");
	a = &back->answers[1];
	assert_string_equal(a->question, "REL02");
	assert_int_equal(a->na, NA_ARCHITECTURE_CONSTRAINTS);
	assert_string_equal(a->na_note, "123456789012");
	assert_string_equal(a->notes, review_find(rv, "REL02")->notes);
	assert_false(a->flagged);
	a = &back->answers[2];
	assert_string_equal(a->question, "REL03");
	assert_strv_eq(a->selected, a->n_selected,
	               (const char *const[]){ "REL03-BP01", "REL03-BP03", "REL03-BP04" }, 3);
	assert_string_equal(a->notes, review_find(rv, "REL03")->notes);
	assert_string_equal(a->updated, "2026-11-26T22:05:00Z");

	assert_sections_equal(back, rv);

	free(text);
	free(again);
	review_free(rv);
	review_free(back);
}

/* What a person editing the file sees: documented key order, quoting only where needed,
 * flow lists, readable UTF-8, literal blocks for multi-line text. */
static void test_format_layout(void **state)
{
	/* clang-format off */
	static const char *const order[] = {
		"\nschema: 1\n", "\nquestion_set:\n", "\ncreated:", "\nupdated:", "\nworkload:\n",
		"\n  name:", "\n  description:", "\n  owner:", "\n  environment:", "\n  regions:",
		"\n  accounts:", "\n  business_criticality:", "\n  availability_target:",
		"\n  rto:", "\n  rpo:", "\n  participants:", "\nanswers:\n", "\n  REL01:\n",
		"\n  REL02:\n", "\n  REL03:\n", "\nchecklist:\n", "\nevidence:", "\nroadmap:\n",
		"\nmilestones:",
	};
	/* clang-format on */
	struct review *rv = full_review();
	char *text = review_format(rv, qs);
	const char *prev = text;
	(void)state;

	assert_true(strncmp(text, "# wa-review review file.", 24) == 0);
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		const char *at = strstr(text, order[i]);
		if (!at || at < prev)
			fail_msg("'%s' missing or out of order in:\n%s", order[i], text);
		prev = at;
	}
	assert_non_null(strstr(text, "\n  regions: [eu-west-1, us-gov-west-1, cn-north-1]\n"));
	assert_non_null(strstr(text, "\n  accounts: [\"012345678901\", \"123456789012\"]\n"));
	assert_non_null(strstr(text, "\n  environment: pre-production\n"));
	assert_non_null(strstr(text, "\n  availability_target: 99.95\n"));
	assert_non_null(strstr(text, "\n  rto: 4h\n"));
	assert_non_null(strstr(text, "\n  framework_version: \"2024-11-06\"\n"));
	assert_non_null(strstr(text, "\n    selected: [REL03-BP01, REL03-BP03, REL03-BP04]\n"));
	assert_non_null(strstr(text, "\n    notes: \"null\"\n"));
	assert_non_null(strstr(text, "\n    none_of_these: true\n"));
	assert_non_null(strstr(text, "\n      reason: architecture_constraints\n"));
	assert_non_null(strstr(text, "\n  - name: \"true\"\n"));
	/* Multi-line notes: a literal block that ends with a newline ("|") and keeps the
	 * leading spaces of its lines. */
	assert_non_null(strstr(text, "    notes: |\n      🚀 launch plan:\n        - step one\n"));
	assert_non_null(strstr(text, "  name: Checkout — café ☕ 日本語のサービス\n"));
	assert_null(strstr(text, "\\u"));
	assert_null(strstr(text, "\\U"));
	/* Unset and false fields are left out. */
	assert_null(strstr(text, "flagged: false"));
	assert_null(strstr(text, "none_of_these: false"));
	assert_null(strstr(text, "\n    role:\n"));
	/* The sections: block style, numbers plain, strings that would read as something else
	 * quoted, unticked checklist items left out. */
	assert_non_null(strstr(text, "\nchecklist:\n  architecture_documented: true\n"
	                             "  service_quotas: true\nevidence:\n"));
	assert_non_null(strstr(text, "      count: 1\n      examined: 2\n      cited:\n"
	                             "      - \"007\"\n      - \"true\"\n"));
	assert_non_null(strstr(text, "\nroadmap:\n  items:\n    REL01-BP02:\n      owner: \"~\"\n"
	                             "      effort: high\n      week: 3\n      status: wont_do\n"
	                             "      reason: |-\n        - not a list item\n"));
	assert_non_null(strstr(text, "\n- name: \"123\"\n  date: \"2026-11-26T22:08:00Z\"\n"
	                             "  questions:\n    REL01:\n      risk: HIGH\n    REL02:\n"));
	free(text);
	review_free(rv);
}

static void test_format_omits_unset(void **state)
{
	struct review *rv = review_new(), *back;
	char *text;
	(void)state;

	rv->set_id = xstrdup("reliability");
	review_get(rv, "REL02"); /* an answer with nothing in it is not written */
	text = review_format(rv, qs);
	assert_string_equal(
	        text, "# wa-review review file. Edit it with wa-review, or by hand with care.\n"
	              "schema: 1\n"
	              "question_set:\n"
	              "  id: reliability\n"
	              "workload: {}\n");
	back = parse_ok(text);
	assert_null(back->wl.name);
	assert_true(back->wl.availability < 0);
	assert_int_equal(back->n_answers, 0);
	assert_int_equal(checklist_count_done(back), 0);
	assert_null(back->evidence);
	assert_int_equal(back->n_overrides, 0);
	assert_int_equal(back->n_milestones, 0);
	free(text);
	review_free(rv);
	review_free(back);
}

/* Strings made of the characters most likely to confuse YAML all come back unchanged,
 * wherever they are used: as notes, as names, in every section that keeps text. */
static void test_round_trip_tricky_strings(void **state)
{
	/* clang-format off */
	static const char *const atoms[] = {
		" ", "  ", "\n", "\t", "\r", "\r\n", "#", ":", ": ", " #", "-", "- ", "?", ",", "[",
		"]", "{", "}", "&", "*", "!", "|", ">", "'", "\"", "\\", "%", "@", "`", "~", "0",
		"1", "12", ".", "e", "x", "0x1F", "null", "true", "yes", "No", "on", "1.5", "1e3",
		"2026-01-02", "---", "...", "é", "日本", "🎉", "\xef\xb7\x90", "\xc2\x85",
		"\xe2\x80\xa8", "\xef\xbb\xbf", "\xc2\xa0", "\x7f", "\x01", "<<", "=", "abc",
		"Ana Silva", "\xee\x80\x80",
	};
	/* clang-format on */
	const size_t n_atoms = sizeof(atoms) / sizeof(atoms[0]);
	uint32_t seed = 12345;
	(void)state;

	for (int round = 0; round < 400; round++) {
		struct review *rv = review_new(), *back;
		char s[256] = "";
		int parts = 1 + round % 7;
		char *text, *again;
		struct wa_err err;

		for (int i = 0; i < parts; i++) {
			seed = seed * 1103515245u + 12345u;
			strcat(s, atoms[(seed >> 16) % n_atoms]);
		}
		rv->set_id = xstrdup("reliability");
		rv->wl.name = xstrdup(s);
		review_get(rv, "REL01")->notes = xstrdup(s);
		/* In every section that keeps text: a milestone's name, a roadmap item's owner
		 * and reason, a probe's finding. */
		if (milestone_add(rv, qs, "m", s, &err))
			fail_msg("milestone_add: %s", err.msg);
		free(rv->milestones[0].name); /* as a hand edit could name it */
		rv->milestones[0].name = xstrdup(s);
		rv->overrides = xcalloc(1, sizeof(*rv->overrides));
		rv->n_overrides = 1;
		rv->overrides[0] = (struct roadmap_override){ .bp = xstrdup("REL01-BP01"),
			                                      .owner = xstrdup(s),
			                                      .status = RM_WONT_DO,
			                                      .reason = xstrdup(s) };
		rv->evidence = evidence_new();
		rv->evidence->findings = xcalloc(1, sizeof(struct finding));
		rv->evidence->n_findings = 1;
		rv->evidence->findings[0] = (struct finding){
			.probe = xstrdup("p"),
			.question = xstrdup("REL01"),
			.title = xstrdup(s),
			.bps = xcalloc(1, sizeof(char *)),
			.n_bps = 1,
			.outcome = OUTCOME_PASS,
			.results = xcalloc(1, sizeof(struct region_result)),
			.n_results = 1,
		};
		rv->evidence->findings[0].bps[0] = xstrdup("REL01-BP01");
		rv->evidence->findings[0].results[0] = (struct region_result){
			.region = xstrdup("global"),
			.outcome = OUTCOME_PASS,
			.text = xstrdup(s),
			.examined = -1,
		};
		region_result_cite(&rv->evidence->findings[0].results[0], s);
		text = review_format(rv, qs);
		assert_non_null(text);
		back = parse_ok(text);
		if (!back->wl.name || strcmp(back->wl.name, s) != 0 || back->n_answers != 1 ||
		    strcmp(back->answers[0].notes, s) != 0)
			fail_msg("round %d: string did not survive; file:\n%s", round, text);
		assert_sections_equal(back, rv);
		again = review_format(back, qs);
		assert_string_equal(text, again);
		free(text);
		free(again);
		review_free(rv);
		review_free(back);
	}
}

/* The emitter on its own, in a flow list, where ",[]{}" matter too. */
static void test_yemit_flow_strings(void **state)
{
	/* clang-format off */
	static const char *const items[] = {
		"a,b", "[x]", "{y}", "a, b", "x]", "c}", "plain", "1", "", "é, 日本 🎉", "- x", "a:b",
		"a: b", "#x", "x #y", "? q", "line\nbreak",
	};
	/* clang-format on */
	const size_t n = sizeof(items) / sizeof(items[0]);
	struct yemit y;
	struct ydoc d;
	struct wa_err err;
	cJSON *got, *want = cJSON_CreateArray();
	char *text;
	(void)state;

	yemit_init(&y);
	assert_int_equal(yemit_doc_begin(&y), 0);
	yemit_map_begin(&y, false);
	yemit_str(&y, "list");
	yemit_seq_begin(&y, true);
	for (size_t i = 0; i < n; i++) {
		yemit_str(&y, items[i]);
		cJSON_AddItemToArray(want, cJSON_CreateString(items[i]));
	}
	yemit_seq_end(&y);
	/* Back in block context: commas need no quotes. */
	yemit_pair(&y, "after", "a, b");
	yemit_map_end(&y);
	assert_int_equal(yemit_doc_end(&y), 0);
	text = yemit_take(&y, NULL);
	yemit_free(&y);
	assert_non_null(text);
	assert_non_null(strstr(text, "\nafter: a, b\n"));
	assert_non_null(strstr(text, "[\"a,b\", \"[x]\""));
	assert_int_equal(ydoc_load(&d, "e.yaml", text, strlen(text), &err), 0);
	got = ydoc_to_json(&d, ydoc_root(&d), &err);
	assert_non_null(got);
	if (!cJSON_Compare(cJSON_GetObjectItem(got, "list"), want, 1))
		fail_msg("flow list did not round-trip:\n%s", text);
	cJSON_Delete(got);
	cJSON_Delete(want);
	ydoc_free(&d);
	free(text);
}

static void test_yemit_numbers(void **state)
{
	static const struct {
		double v;
		const char *text;
	} cases[] = {
		{ 3, "3" },
		{ -2, "-2" },
		{ 0.1, "0.1" },
		{ 99.95, "99.95" },
		{ 1e20, "1e+20" },
		{ -2.5, "-2.5" },
		{ 1.0 / 3, "0.3333333333333333" },
		{ 123456789012345, "123456789012345" },
		{ 0.1 + 0.2, "0.30000000000000004" },
	};
	uint64_t bits = 0x9E3779B97F4A7C15u;
	char buf[40];
	(void)state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_string_equal(yemit_number(cases[i].v, buf, sizeof(buf)), cases[i].text);
	/* Any finite double reads back exactly, and as a number (not a string). */
	for (int i = 0; i < 20000; i++) {
		double v;

		bits ^= bits << 13;
		bits ^= bits >> 7;
		bits ^= bits << 17;
		memcpy(&v, &bits, sizeof(v));
		if (v != v || v - v != 0)
			continue;
		yemit_number(v, buf, sizeof(buf));
		if (strtod(buf, NULL) != v || !yemit_plain_is_typed(buf))
			fail_msg("%.17g written as '%s'", v, buf);
	}
}

static void test_parse_sorts_answers(void **state)
{
	struct review *rv = parse_ok("schema: 1\n"
	                             "question_set: {id: reliability}\n"
	                             "workload: {}\n"
	                             "answers:\n"
	                             "  REL03:\n"
	                             "    selected:\n"
	                             "      - REL03-BP04\n"
	                             "      - REL03-BP02\n"
	                             "  REL01:\n"
	                             "    selected: [REL01-BP03, REL01-BP01]\n"
	                             "  REL02:\n"
	                             "    none_of_these: true\n");
	(void)state;

	assert_int_equal(rv->n_answers, 3);
	assert_string_equal(rv->answers[0].question, "REL01");
	assert_strv_eq(rv->answers[0].selected, rv->answers[0].n_selected,
	               (const char *const[]){ "REL01-BP01", "REL01-BP03" }, 2);
	assert_string_equal(rv->answers[1].question, "REL02");
	assert_true(rv->answers[1].none_of_these);
	assert_string_equal(rv->answers[2].question, "REL03");
	assert_strv_eq(rv->answers[2].selected, rv->answers[2].n_selected,
	               (const char *const[]){ "REL03-BP02", "REL03-BP04" }, 2);
	review_free(rv);
}

/* Hand-written files: unquoted account IDs, blank optional values, comments. */
static void test_parse_hand_written(void **state)
{
	struct review *rv = parse_ok("# my review\n"
	                             "schema: 1\n"
	                             "question_set:\n"
	                             "  id: reliability\n"
	                             "workload:\n"
	                             "  name: Checkout   # trailing comment\n"
	                             "  owner:\n"
	                             "  accounts: [012345678901]\n"
	                             "  availability_target: 99\n"
	                             "  rto: 2d\n"
	                             "  rpo: 30s\n"
	                             "answers:\n"
	                             "  REL02:\n"
	                             "    not_applicable: {reason: out_of_scope}\n"
	                             "    flagged: false\n");
	(void)state;

	assert_string_equal(rv->wl.name, "Checkout");
	assert_null(rv->wl.owner);
	assert_string_equal(rv->wl.accounts[0], "012345678901");
	assert_true(rv->wl.availability == 99);
	assert_int_equal(rv->answers[0].na, NA_OUT_OF_SCOPE);
	assert_null(rv->answers[0].na_note);
	assert_false(rv->answers[0].flagged);
	review_free(rv);
}

/* ---- bad input: one test per kind, each checking position and message ---- */

static const char base_head[] = "schema: 1\n"
                                "question_set:\n"
                                "  id: reliability\n"
                                "workload:\n"
                                "  name: Checkout\n";

static void expect_error(const char *text, int line, int col, const char *msg_part)
{
	struct review *rv = (struct review *)&rv;
	struct wa_err err;
	char buf[1600];

	err_clear(&err);
	if (review_parse("t.yaml", text, strlen(text), qs, &rv, &err) == 0)
		fail_msg("accepted:\n%s", text);
	assert_null(rv);
	err_format(&err, buf, sizeof(buf));
	if (strcmp(err.where, "t.yaml") != 0 || err.line != line || err.col != col ||
	    !strstr(err.msg, msg_part))
		fail_msg("got    '%s'\nwanted 't.yaml:%d:%d: …%s…'\nfor:\n%s", buf, line, col,
		         msg_part, text);
	assert_null(strchr(err.msg, '\n'));
}

/* The same, for text appended to base_head (which ends at line 5). */
static void expect_error_after_head(const char *tail, int line, int col, const char *msg_part)
{
	char *text = xasprintf("%s%s", base_head, tail);

	expect_error(text, line, col, msg_part);
	free(text);
}

static void test_base_document_is_valid(void **state)
{
	(void)state;
	review_free(parse_ok(base_head));
}

static void test_bad_syntax(void **state)
{
	(void)state;
	/* An unclosed flow mapping swallows the next line; the ':' there is unexpected. */
	expect_error("schema: 1\nworkload: {name: x\nanswers: {}\n", 3, 8,
	             "did not find expected ',' or '}'");
	expect_error("schema: 1\n  bad indent: 2\n", 2, 13, "mapping values are not allowed");
	expect_error("schema: 1\nworkload:\n\tname: x\n", 3, 1,
	             "found character that cannot start");
}

static void test_bad_utf8(void **state)
{
	(void)state;
	/* Latin-1 "é" (0xE9) where UTF-8 was expected: column of the bad byte. */
	expect_error_after_head("  owner: Zo\xe9 Martin\n", 6, 12, "not valid UTF-8 (byte 0xE9)");
	/* A CJK character cut short, after valid multi-byte characters on the same line. */
	expect_error_after_head("  owner: 日本\xe8\xaa\n", 6, 12, "not valid UTF-8 (byte 0xE8)");
}

static void test_truncated(void **state)
{
	(void)state;
	/* Cut between keys: what is left is valid YAML, but required keys are missing. */
	expect_error("schema: 1\nquestion_set:\n  id: reliability\n", 1, 1,
	             "review: missing required key 'workload'");
	/* Cut mid-line: still YAML, but a saved file always ends with a newline. */
	expect_error("schema: 1\nquestion_set:\n  id: relia", 3, 12,
	             "ends in the middle of a line: it looks truncated");
	expect_error("# wa-review review file\nsche", 2, 5, "it looks truncated");
	/* Cut inside a flow list or after a key's first letters: a syntax error. */
	expect_error_after_head("  regions: [eu-west-1, eu-cent", 7, 1,
	                        "did not find expected ',' or ']'");
	expect_error_after_head("  participants:\n    - name: Ana\n      ro", 9, 1,
	                        "could not find expected ':'");
	expect_error("", 1, 1, "the file is empty");
}

static void test_schema_newer(void **state)
{
	(void)state;
	expect_error("schema: 2\nquestion_set: {id: reliability}\nworkload: {}\nfuture: x\n", 1, 9,
	             "written by a newer wa-review (schema 2); this version reads schema 1");
}

static void test_schema_invalid(void **state)
{
	(void)state;
	expect_error("schema: 0\nquestion_set: {id: reliability}\nworkload: {}\n", 1, 9,
	             "schema: expected a version of 1 or more, found 0");
	expect_error("schema: -3\nquestion_set: {id: reliability}\nworkload: {}\n", 1, 9,
	             "schema: expected a version of 1 or more, found -3");
	expect_error("question_set: {id: reliability}\nworkload: {}\nschema: one\n", 3, 9,
	             "schema: expected a whole number, found 'one'");
	expect_error("schema: 1.5\nquestion_set: {id: reliability}\nworkload: {}\n", 1, 9,
	             "schema: expected a whole number");
	expect_error("question_set: {id: reliability}\nworkload: {}\n", 1, 1,
	             "review: missing required key 'schema'");
}

static void test_unknown_keys(void **state)
{
	(void)state;
	expect_error_after_head("colour: blue\n", 6, 1, "review: unknown key 'colour'");
	expect_error_after_head("  colour: blue\n", 6, 3, "workload: unknown key 'colour'");
	expect_error("schema: 1\nquestion_set:\n  id: reliability\n  version: 3\nworkload: {}\n", 4,
	             3, "question_set: unknown key 'version'");
	expect_error_after_head("  participants:\n    - name: Ana\n      rank: 1\n", 8, 7,
	                        "workload.participants item 1: unknown key 'rank'");
	expect_error_after_head("answers:\n  REL01:\n    selection: [REL01-BP01]\n", 8, 5,
	                        "REL01: unknown key 'selection'");
	expect_error_after_head("answers:\n  REL01:\n    not_applicable:\n      reason: other\n"
	                        "      why: x\n",
	                        10, 7, "REL01.not_applicable: unknown key 'why'");
}

static void test_duplicate_keys(void **state)
{
	(void)state;
	expect_error_after_head("workload: {}\n", 6, 1,
	                        "review: duplicate key 'workload' (first at line 4)");
	expect_error_after_head("  name: Again\n", 6, 3,
	                        "workload: duplicate key 'name' (first at line 5)");
	expect_error_after_head("answers:\n  REL01: {flagged: true}\n  REL01: {flagged: true}\n", 8,
	                        3, "answers: duplicate key 'REL01' (first at line 7)");
	expect_error_after_head("answers:\n  REL01:\n    notes: a\n    notes: b\n", 9, 5,
	                        "REL01: duplicate key 'notes' (first at line 8)");
	expect_error_after_head("checklist:\n  a: 1\n  a: 2\n", 8, 3, "duplicate key 'a'");
}

static void test_unknown_question(void **state)
{
	(void)state;
	expect_error_after_head("answers:\n  REL01: {flagged: true}\n  REL99:\n    flagged: true\n",
	                        8, 3, "REL99: no such question in set 'reliability'");
}

static void test_unknown_best_practice(void **state)
{
	(void)state;
	expect_error_after_head("answers:\n  REL02:\n    selected: [REL02-BP01, REL01-BP01]\n", 8,
	                        28, "REL01-BP01: no such best practice in question REL02");
	expect_error_after_head("answers:\n  REL02:\n    selected:\n      - REL02-BP09\n", 9, 9,
	                        "REL02-BP09: no such best practice in question REL02");
	expect_error_after_head("answers:\n  REL02:\n    selected: [REL02-BP01, REL02-BP01]\n", 8,
	                        28, "REL02-BP01: selected twice");
}

static void test_selection_with_none(void **state)
{
	(void)state;
	expect_error_after_head("answers:\n  REL01:\n    selected: [REL01-BP02]\n"
	                        "    none_of_these: true\n",
	                        9, 5,
	                        "REL01: none_of_these is true but best practices are selected");
}

static void test_bad_na_reason(void **state)
{
	(void)state;
	expect_error_after_head(
	        "answers:\n  REL01:\n    not_applicable:\n      reason: too_hard\n", 9, 15,
	        "REL01.not_applicable.reason: 'too_hard' is not one of out_of_scope, "
	        "business_priorities, architecture_constraints, other");
	expect_error_after_head("answers:\n  REL01:\n    not_applicable:\n      note: x\n", 9, 7,
	                        "REL01.not_applicable: missing required key 'reason'");
}

static void test_bad_availability(void **state)
{
	(void)state;
	expect_error_after_head("  availability_target: high\n", 6, 24,
	                        "workload.availability_target: expected a number, found 'high'");
	expect_error_after_head(
	        "  availability_target: 100\n", 6, 24,
	        "expected a percentage above 0 and below 100 (such as 99.95), found 100");
	expect_error_after_head("  availability_target: 0\n", 6, 24,
	                        "expected a percentage above 0 and below 100");
	expect_error_after_head("  availability_target: -5\n", 6, 24,
	                        "expected a percentage above 0 and below 100");
}

static void test_bad_duration(void **state)
{
	(void)state;
	expect_error_after_head("  rto: 4 parsecs\n", 6, 8,
	                        "workload.rto: expected a duration such as 15m, 4h, 1h30m or "
	                        "'4 hours', found '4 parsecs'");
	expect_error_after_head("  rpo: 15\n", 6, 8, "workload.rpo: expected a duration");
	expect_error_after_head("  rpo: 0.5s\n", 6, 8, "workload.rpo: expected a duration");
}

/* Written by hand the way people write them: each read with the one parser the form and
 * `new` use, and kept in the file's own form. */
static void test_fields_as_people_write_them(void **state)
{
	char *text = xasprintf("%s%s", base_head,
	                       "  rto: 1h30m\n"
	                       "  rpo: 4 hours\n"
	                       "  accounts: [\"1111-2222-3333\"]\n"
	                       "  participants:\n"
	                       "    - Ravi Kumar [ops]\n"
	                       "    - {name: Ana, role: lead}\n");
	struct review *rv;
	(void)state;

	rv = parse_ok(text);
	assert_string_equal(rv->wl.rto, "1h30m");
	assert_string_equal(rv->wl.rpo, "4 hours");
	assert_string_equal(rv->wl.accounts[0], "111122223333");
	assert_int_equal(rv->wl.n_participants, 2);
	assert_string_equal(rv->wl.participants[0].name, "Ravi Kumar");
	assert_string_equal(rv->wl.participants[0].role, "ops");
	assert_string_equal(rv->wl.participants[1].role, "lead");
	review_free(rv);
	free(text);
	expect_error_after_head("  participants: [\"Ravi ops]\"]\n", 6, 18,
	                        "workload.participants item 1: 'Ravi ops]': a role goes in "
	                        "brackets");
}

static void test_bad_choice_values(void **state)
{
	(void)state;
	expect_error_after_head("  business_criticality: urgent\n", 6, 25,
	                        "workload.business_criticality: 'urgent' is not one of critical, "
	                        "high, medium, low");
	expect_error_after_head("  environment: prod\n", 6, 16,
	                        "workload.environment: 'prod' is not one of production, "
	                        "pre-production, development, test, other");
}

static void test_bad_account(void **state)
{
	(void)state;
	expect_error_after_head("  accounts: [\"123456789012\", \"12345678901\"]\n", 6, 30,
	                        "workload.accounts: '12345678901' is not an AWS account ID");
	expect_error_after_head("  accounts:\n    - 1234567890123\n", 7, 7,
	                        "'1234567890123' is not an AWS account ID");
}

static void test_bad_region(void **state)
{
	(void)state;
	expect_error_after_head("  regions: [eu-west-1, eu-west]\n", 6, 24,
	                        "workload.regions: 'eu-west' is not an AWS Region name");
	expect_error_after_head("  regions: [EU-WEST-1]\n", 6, 13,
	                        "'EU-WEST-1' is not an AWS Region");
	expect_error_after_head("  regions: [eu-wset-1]\n", 6, 13,
	                        "'eu-wset-1' is not an AWS Region");
}

static void test_wrong_question_set(void **state)
{
	(void)state;
	expect_error(
	        "schema: 1\nquestion_set:\n  id: security\nworkload: {}\n", 3, 7,
	        "the review is for question set 'security' but the loaded set is 'reliability'");
}

static void test_wrong_types(void **state)
{
	(void)state;
	expect_error_after_head("answers:\n  REL01:\n    flagged: maybe\n", 8, 14,
	                        "flagged: expected true or false, found 'maybe'");
	expect_error_after_head("  regions: eu-west-1\n", 6, 12,
	                        "workload.regions: expected a list, found a scalar");
	expect_error_after_head("answers: [REL01]\n", 6, 10, "answers: expected a mapping");
	/* Refused where the alias stands, while parsing. */
	expect_error_after_head("evidence: &a [1, *a]\n", 6, 18, "aliases");
	expect_error_after_head("---\nschema: 1\n", 7, 1, "a second YAML document");
}

static void test_load_and_save_files(void **state)
{
	char dir[] = "/tmp/wa-review-io-XXXXXX";
	struct review *rv = full_review(), *back = NULL;
	struct wa_err err;
	struct stat st;
	char *path, *text, *expect;
	size_t len;
	(void)state;

	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/review.yaml", dir);
	err_clear(&err);
	assert_int_equal(review_load(path, qs, &back, &err), -1);
	assert_null(back);
	assert_string_equal(err.where, path);
	assert_non_null(strstr(err.msg, "No such file or directory"));

	assert_int_equal(review_save(path, rv, qs, &err), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(fsio_read_file(path, &text, &len, &err), 0);
	expect = review_format(rv, qs);
	assert_string_equal(text, expect);
	assert_int_equal(review_load(path, qs, &back, &err), 0);
	assert_string_equal(back->wl.name, rv->wl.name);

	free(text);
	free(expect);
	unlink(path);
	free(path);
	rmdir(dir);
	review_free(rv);
	review_free(back);
}

static void test_parse_without_set(void **state)
{
	struct review *rv = NULL;
	struct wa_err err;
	const char *text = "schema: 1\nquestion_set: {id: security}\nworkload: {}\n"
	                   "answers:\n  SEC09: {selected: [B, A]}\n";
	(void)state;

	/* Without a set, IDs are not checked: enough to learn which set a review needs. */
	assert_int_equal(review_parse("t.yaml", text, strlen(text), NULL, &rv, &err), 0);
	assert_string_equal(rv->set_id, "security");
	assert_string_equal(rv->answers[0].selected[0], "B");
	review_free(rv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_format_layout),
		cmocka_unit_test(test_format_omits_unset),
		cmocka_unit_test(test_round_trip_tricky_strings),
		cmocka_unit_test(test_yemit_flow_strings),
		cmocka_unit_test(test_yemit_numbers),
		cmocka_unit_test(test_parse_sorts_answers),
		cmocka_unit_test(test_parse_hand_written),
		cmocka_unit_test(test_base_document_is_valid),
		cmocka_unit_test(test_bad_syntax),
		cmocka_unit_test(test_bad_utf8),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_schema_newer),
		cmocka_unit_test(test_schema_invalid),
		cmocka_unit_test(test_unknown_keys),
		cmocka_unit_test(test_duplicate_keys),
		cmocka_unit_test(test_unknown_question),
		cmocka_unit_test(test_unknown_best_practice),
		cmocka_unit_test(test_selection_with_none),
		cmocka_unit_test(test_bad_na_reason),
		cmocka_unit_test(test_bad_availability),
		cmocka_unit_test(test_bad_duration),
		cmocka_unit_test(test_fields_as_people_write_them),
		cmocka_unit_test(test_bad_choice_values),
		cmocka_unit_test(test_bad_account),
		cmocka_unit_test(test_bad_region),
		cmocka_unit_test(test_wrong_question_set),
		cmocka_unit_test(test_wrong_types),
		cmocka_unit_test(test_load_and_save_files),
		cmocka_unit_test(test_parse_without_set),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
