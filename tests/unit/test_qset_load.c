/* The question-set loader: the built-in set against the pillar's facts, and every kind of
 * bad input producing an error at the right file:line:column. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/qset.h"
#include "store/qset_load.h"
#include "store/ydoc.h"
#include "util/fsio.h"
#include "util/err.h"
#include "util/xalloc.h"

/* An in-memory set: set.yaml naming one area file a.yaml (and maybe b.yaml). */
struct mem {
	const char *set, *a, *b;
};

static int mem_source(void *ctx, const char *name, char **text, size_t *len, const char **label,
                      struct wa_err *err)
{
	struct mem *m = ctx;
	const char *t = !strcmp(name, "set.yaml") ? m->set
	                : !strcmp(name, "a.yaml") ? m->a
	                : !strcmp(name, "b.yaml") ? m->b
	                                          : NULL;

	*label = name;
	if (!t)
		return err_set(err, name, 0, 0, "No such file or directory");
	*text = xstrdup(t);
	*len = strlen(t);
	return 0;
}

static const char SET1[] = "set:\n  id: t\n  name: T\n  pillar: reliability\n"
                           "  framework_version: \"1\"\n  areas: [a.yaml]\n";
static const char SET2[] = "set:\n  id: t\n  name: T\n  pillar: reliability\n"
                           "  framework_version: \"1\"\n  areas: [a.yaml, b.yaml]\n";

/* One question with two best practices; %s slots let a test splice in a variation. */
static const char BP_TMPL[] = "      - id: %s\n"
                              "        title: T\n"
                              "        choice_id: %s\n"
                              "%s"
                              "        effort: low\n"
                              "        description: D\n"
                              "        why: W\n"
                              "        steps: [s]\n"
                              "        links: [{title: L, url: \"https://example.com/x\"}]\n";

static char *area_text(const char *qid, const char *extra_q, const char *bp2_risk)
{
	char bp1[1024], bp2[1024], id1[32], id2[32], c1[64], c2[64];

	snprintf(id1, sizeof(id1), "%s-BP01", qid);
	snprintf(id2, sizeof(id2), "%s-BP02", qid);
	snprintf(c1, sizeof(c1), "c_%s_1", qid);
	snprintf(c2, sizeof(c2), "c_%s_2", qid);
	for (char *p = c1; *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	for (char *p = c2; *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	snprintf(bp1, sizeof(bp1), BP_TMPL, id1, c1, "        risk: high\n");
	snprintf(bp2, sizeof(bp2), BP_TMPL, id2, c2, bp2_risk);
	return xasprintf("area:\n  id: a\n  title: A\nquestions:\n"
	                 "  - id: %s\n    title: Q?\n    description: D\n"
	                 "    wa_question_id: q-%c\n    none_choice_id: none_%c\n%s"
	                 "    best_practices:\n%s%s",
	                 qid, qid[3], qid[3], extra_q, bp1, bp2);
}

/* Loads and expects failure; returns the error for the caller to inspect. */
static struct wa_err load_fail(struct mem *m)
{
	struct wa_err err;
	struct qset *qs = NULL;

	err_clear(&err);
	assert_int_equal(qset_load(mem_source, m, &qs, &err), -1);
	assert_null(qs);
	assert_true(err_isset(&err));
	return err;
}

static void expect_err(const struct wa_err *e, const char *file, int line, int col,
                       const char *needle)
{
	if (strcmp(e->where, file) || e->line != line || (col && e->col != col) ||
	    !strstr(e->msg, needle))
		print_error("got %s:%d:%d: %s\n", e->where, e->line, e->col, e->msg);
	assert_string_equal(e->where, file);
	assert_int_equal(e->line, line);
	if (col)
		assert_int_equal(e->col, col);
	assert_non_null(strstr(e->msg, needle));
}

static void test_minimal_set_loads(void **state)
{
	(void)state;
	char *a = area_text("REL01", "", "        risk: medium\n");
	struct mem m = { SET1, a, NULL };
	struct qset *qs = NULL;
	struct wa_err err;

	err_clear(&err);
	assert_int_equal(qset_load(mem_source, &m, &qs, &err), 0);
	assert_int_equal(qs->n_questions, 1);
	assert_int_equal(qs->questions[0].n_bps, 2);
	assert_int_equal(qs->questions[0].bps[1].risk, BP_RISK_MEDIUM);
	assert_string_equal(qs->areas[0].title, "A");
	qset_free(qs);
	free(a);
}

static void test_missing_risk(void **state)
{
	(void)state;
	char *a = area_text("REL01", "", "");
	struct mem m = { SET1, a, NULL };
	struct wa_err e = load_fail(&m);
	/* the second best practice's mapping starts at line 20, column 9 */
	expect_err(&e, "a.yaml", 20, 9, "missing required key 'risk'");
	free(a);
}

static void test_bad_risk_value(void **state)
{
	(void)state;
	char *a = area_text("REL01", "", "        risk: severe\n");
	struct mem m = { SET1, a, NULL };
	struct wa_err e = load_fail(&m);
	expect_err(&e, "a.yaml", 23, 15, "expected high, medium or low");
	free(a);
}

static void test_unknown_key(void **state)
{
	(void)state;
	char *a = area_text("REL01", "", "        risk: low\n        riks: low\n");
	struct mem m = { SET1, a, NULL };
	struct wa_err e = load_fail(&m);
	expect_err(&e, "a.yaml", 24, 9, "unknown key 'riks'");
	free(a);
}

static void test_duplicate_key(void **state)
{
	(void)state;
	char *a = area_text("REL01", "", "        risk: low\n        risk: high\n");
	struct mem m = { SET1, a, NULL };
	struct wa_err e = load_fail(&m);
	expect_err(&e, "a.yaml", 24, 9, "duplicate key 'risk' (first at line 23)");
	free(a);
}

static void test_duplicate_question_across_files(void **state)
{
	(void)state;
	char *a = area_text("REL01", "", "        risk: low\n");
	char *b = area_text("REL01", "", "        risk: low\n");
	struct mem m = { SET2, a, b };
	struct wa_err e;

	/* b.yaml's area id must differ or that is reported first */
	b[12] = 'b';
	e = load_fail(&m);
	expect_err(&e, "b.yaml", 5, 9,
	           "duplicate question ID 'REL01' (already defined at a.yaml:5)");
	free(a);
	free(b);
}

static void test_duplicate_bp_id(void **state)
{
	(void)state;
	char *a = area_text("REL01", "", "        risk: low\n");
	char *p = strstr(a, "REL01-BP02");
	struct mem m = { SET1, a, NULL };
	struct wa_err e;

	p[9] = '1'; /* REL01-BP02 -> REL01-BP01 */
	e = load_fail(&m);
	expect_err(&e, "a.yaml", 20, 13,
	           "duplicate best practice ID 'REL01-BP01' (already defined at a.yaml:11)");
	free(a);
}

static void test_empty_question(void **state)
{
	(void)state;
	struct mem m = { SET1,
		         "area: {id: a, title: A}\nquestions:\n"
		         "  - id: REL01\n    title: Q\n    description: D\n"
		         "    wa_question_id: q\n    none_choice_id: q_no\n"
		         "    best_practices: []\n",
		         NULL };
	struct wa_err e = load_fail(&m);
	expect_err(&e, "a.yaml", 8, 21, "question REL01 has no best practices");
}

static void test_empty_area(void **state)
{
	(void)state;
	struct mem m = { SET1, "area: {id: a, title: A}\nquestions: []\n", NULL };
	struct wa_err e = load_fail(&m);
	expect_err(&e, "a.yaml", 2, 12, "area 'a' has no questions");
}

static void test_bad_bp_id(void **state)
{
	(void)state;
	char *a = area_text("REL01", "", "        risk: low\n");
	char *p = strstr(a, "REL01-BP02");
	struct mem m = { SET1, a, NULL };
	struct wa_err e;

	p[4] = '2'; /* REL02-BP02 under REL01 */
	e = load_fail(&m);
	expect_err(&e, "a.yaml", 20, 13, "must be REL01-BP followed by digits");
	free(a);
}

static void test_rule_syntax_error_column(void **state)
{
	(void)state;
	char *a = area_text("REL01",
	                    "    risk_rules:\n"
	                    "      - when: \"REL01-BP01 && && REL01-BP02\"\n"
	                    "        risk: none\n"
	                    "      - {when: default, risk: high}\n",
	                    "        risk: low\n");
	struct mem m = { SET1, a, NULL };
	struct wa_err e = load_fail(&m);
	/* the quoted value opens at column 15; its text at 16; the stray && at offset 14 */
	expect_err(&e, "a.yaml", 11, 30, "expected a best-practice ID");
	free(a);
}

static void test_rule_unknown_bp(void **state)
{
	(void)state;
	char *a = area_text("REL01",
	                    "    risk_rules:\n"
	                    "      - when: REL01-BP01 || REL01-BP09\n"
	                    "        risk: medium\n"
	                    "      - {when: default, risk: high}\n",
	                    "        risk: low\n");
	struct mem m = { SET1, a, NULL };
	struct wa_err e = load_fail(&m);
	expect_err(&e, "a.yaml", 11, 29, "'REL01-BP09' is not a best practice of REL01");
	free(a);
}

static void test_rule_default_must_be_last(void **state)
{
	(void)state;
	char *a = area_text("REL01",
	                    "    risk_rules:\n"
	                    "      - {when: default, risk: high}\n"
	                    "      - {when: REL01-BP01, risk: none}\n",
	                    "        risk: low\n");
	struct mem m = { SET1, a, NULL };
	struct wa_err e = load_fail(&m);
	expect_err(&e, "a.yaml", 11, 16, "the default rule must be the last one");
	free(a);
}

static void test_rule_missing_default(void **state)
{
	(void)state;
	char *a = area_text("REL01",
	                    "    risk_rules:\n"
	                    "      - {when: REL01-BP01, risk: none}\n",
	                    "        risk: low\n");
	struct mem m = { SET1, a, NULL };
	struct wa_err e = load_fail(&m);
	expect_err(&e, "a.yaml", 11, 16, "the last rule must be 'when: default'");
	free(a);
}

static void test_rule_bad_risk(void **state)
{
	(void)state;
	char *a = area_text("REL01",
	                    "    risk_rules:\n"
	                    "      - {when: default, risk: low}\n",
	                    "        risk: low\n");
	struct mem m = { SET1, a, NULL };
	struct wa_err e = load_fail(&m);
	expect_err(&e, "a.yaml", 11, 31, "risk must be none, medium or high");
	free(a);
}

static void test_syntax_error(void **state)
{
	(void)state;
	struct mem m = { SET1, "area:\n  id: a\n title: A\n", NULL };
	struct wa_err e = load_fail(&m);
	/* libyaml reports where the indentation broke the mapping */
	expect_err(&e, "a.yaml", 3, 2, "did not find expected key");
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	struct mem m = { SET1, "area:\n  id: a\n  title: \"A\xff\"\n", NULL };
	struct wa_err e = load_fail(&m);
	expect_err(&e, "a.yaml", 3, 12, "not valid UTF-8 (byte 0xFF)");
}

static void test_missing_area_file(void **state)
{
	(void)state;
	struct mem m = { SET2, "area: {id: a, title: A}\nquestions: []\n", NULL };
	struct wa_err e;

	m.a = NULL;
	e = load_fail(&m);
	expect_err(&e, "a.yaml", 0, 0, "No such file");
}

static void test_bad_area_filename(void **state)
{
	(void)state;
	struct mem m = { "set:\n  id: t\n  name: T\n  pillar: p\n  framework_version: \"1\"\n"
		         "  areas: [../etc/passwd]\n",
		         NULL, NULL };
	struct wa_err e = load_fail(&m);
	expect_err(&e, "set.yaml", 6, 11, "must be a file name ending in .yaml");
}

static void test_http_link_refused(void **state)
{
	(void)state;
	char *a = area_text("REL01", "", "        risk: low\n");
	char *p = strstr(a, "https://");
	struct mem m = { SET1, a, NULL };
	struct wa_err e;

	memmove(p + 4, p + 5, strlen(p + 5) + 1); /* https -> http */
	e = load_fail(&m);
	expect_err(&e, "a.yaml", 19, 33, "url must be an https:// address");
	free(a);
}

static void test_second_document(void **state)
{
	(void)state;
	char *a = area_text("REL01", "", "        risk: low\n");
	char *two = xasprintf("%s---\nfoo: 1\n", a);
	struct mem m = { SET1, two, NULL };
	struct wa_err e = load_fail(&m);
	expect_err(&e, "a.yaml", 30, 1, "a second YAML document");
	free(a);
	free(two);
}

/* The built-in set carries every fact of the pillar reference (IDs, risk levels and the
 * Well-Architected Tool's identifiers), in order, and nothing more. */
static void test_builtin_matches_reference(void **state)
{
	(void)state;
	char *path = xstrdup("tests/vectors/pillar/reliability-pillar.yaml");
	char *text = NULL;
	size_t len, qi = 0, bp_total = 0;
	struct wa_err err;
	struct ydoc d;
	struct qset *qs = NULL;
	yaml_node_t *root, *qlist = NULL;

	err_clear(&err);
	if (fsio_read_file(path, &text, &len, &err))
		fail_msg("cannot read the pillar reference %s (run from the repository root)",
		         path);
	assert_int_equal(ydoc_load(&d, path, text, len, &err), 0);
	assert_int_equal(qset_load_builtin(&qs, &err), 0);
	root = ydoc_root(&d);
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top;
	     p++)
		if (!strcmp((char *)ydoc_get(&d, p->key)->data.scalar.value, "questions"))
			qlist = ydoc_get(&d, p->value);
	assert_non_null(qlist);
	assert_int_equal(ydoc_seq_len(&d, qlist, "questions", &err), qs->n_questions);
	assert_int_equal(qs->n_questions, 13);
	assert_int_equal(qs->n_areas, 4);
	for (qi = 0; qi < qs->n_questions; qi++) {
		yaml_node_t *qn = ydoc_seq_item(&d, qlist, qi), *bps = NULL;
		const struct question *q = &qs->questions[qi];
		size_t bi = 0;

		for (yaml_node_pair_t *p = qn->data.mapping.pairs.start;
		     p < qn->data.mapping.pairs.top; p++) {
			const char *k = (char *)ydoc_get(&d, p->key)->data.scalar.value;
			yaml_node_t *v = ydoc_get(&d, p->value);
			const char *s =
			        v->type == YAML_SCALAR_NODE ? (char *)v->data.scalar.value : NULL;
			if (!strcmp(k, "id"))
				assert_string_equal(q->id, s);
			if (!strcmp(k, "title"))
				assert_string_equal(q->title, s);
			if (!strcmp(k, "wa_question_id"))
				assert_string_equal(q->wa_question_id, s);
			if (!strcmp(k, "none_choice_id"))
				assert_string_equal(q->none_choice_id, s);
			if (!strcmp(k, "best_practices"))
				bps = v;
		}
		assert_non_null(bps);
		assert_int_equal(ydoc_seq_len(&d, bps, "bps", &err), q->n_bps);
		for (bi = 0; bi < q->n_bps; bi++) {
			yaml_node_t *bn = ydoc_seq_item(&d, bps, bi);
			const struct bp *bp = &q->bps[bi];
			for (yaml_node_pair_t *p = bn->data.mapping.pairs.start;
			     p < bn->data.mapping.pairs.top; p++) {
				const char *k = (char *)ydoc_get(&d, p->key)->data.scalar.value;
				const char *s = (char *)ydoc_get(&d, p->value)->data.scalar.value;
				if (!strcmp(k, "id"))
					assert_string_equal(bp->id, s);
				if (!strcmp(k, "choice_id"))
					assert_string_equal(bp->choice_id, s);
				if (!strcmp(k, "risk")) {
					char lower[16];
					snprintf(lower, sizeof(lower), "%s", s);
					lower[0] = (char)(lower[0] | 0x20);
					assert_string_equal(bp_risk_name(bp->risk), lower);
				}
			}
			bp_total++;
		}
	}
	assert_int_equal(bp_total, 65);
	assert_int_equal(qset_count_bps(qs), 65);
	assert_string_equal(qs->areas[0].title, "Foundations");
	assert_int_equal(qs->areas[0].count, 2);
	assert_int_equal(qs->areas[1].count, 3);
	assert_int_equal(qs->areas[2].count, 3);
	assert_int_equal(qs->areas[3].count, 5);
	ydoc_free(&d);
	free(text);
	free(path);
	qset_free(qs);
}

/* The questions/ directory in the tree loads through the same path as the built-in copy. */
static void test_dir_equals_builtin(void **state)
{
	(void)state;
	struct qset *a = NULL, *b = NULL;
	struct wa_err err;

	err_clear(&err);
	assert_int_equal(qset_load_dir("questions", &a, &err), 0);
	assert_int_equal(qset_load_builtin(&b, &err), 0);
	assert_int_equal(a->n_questions, b->n_questions);
	for (size_t i = 0; i < a->n_questions; i++) {
		assert_string_equal(a->questions[i].id, b->questions[i].id);
		assert_int_equal(a->questions[i].n_bps, b->questions[i].n_bps);
	}
	qset_free(a);
	qset_free(b);
}

static void test_missing_dir(void **state)
{
	(void)state;
	struct qset *qs = NULL;
	struct wa_err err;

	err_clear(&err);
	assert_int_equal(qset_load_dir("/nonexistent-wa", &qs, &err), -1);
	assert_non_null(strstr(err.where, "/nonexistent-wa/set.yaml"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_minimal_set_loads),
		cmocka_unit_test(test_missing_risk),
		cmocka_unit_test(test_bad_risk_value),
		cmocka_unit_test(test_unknown_key),
		cmocka_unit_test(test_duplicate_key),
		cmocka_unit_test(test_duplicate_question_across_files),
		cmocka_unit_test(test_duplicate_bp_id),
		cmocka_unit_test(test_empty_question),
		cmocka_unit_test(test_empty_area),
		cmocka_unit_test(test_bad_bp_id),
		cmocka_unit_test(test_rule_syntax_error_column),
		cmocka_unit_test(test_rule_unknown_bp),
		cmocka_unit_test(test_rule_default_must_be_last),
		cmocka_unit_test(test_rule_missing_default),
		cmocka_unit_test(test_rule_bad_risk),
		cmocka_unit_test(test_syntax_error),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_missing_area_file),
		cmocka_unit_test(test_bad_area_filename),
		cmocka_unit_test(test_http_link_refused),
		cmocka_unit_test(test_second_document),
		cmocka_unit_test(test_builtin_matches_reference),
		cmocka_unit_test(test_dir_equals_builtin),
		cmocka_unit_test(test_missing_dir),
	};
	return cmocka_run_group_tests_name("qset_load", tests, NULL, NULL);
}
