/* The YAML reader every loader goes through: hostile shapes (deep, wide, aliases, a second
 * document) are refused with file:line:column, and nodes keep their positions. How fast it
 * stays as files grow is measured by tests/bench/bench_yaml_load.c, not here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "store/ydoc.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

/* `levels` times open, then close, around "x": "[[[x]]]". */
static char *nest(const char *open, const char *close, size_t levels)
{
	struct sbuf b = { 0 };

	for (size_t i = 0; i < levels; i++)
		sbuf_puts(&b, open);
	sbuf_puts(&b, "x");
	for (size_t i = 0; i < levels; i++)
		sbuf_puts(&b, close);
	sbuf_puts(&b, "\n");
	return sbuf_take(&b);
}

static void expect_fail(const char *text, int line, int col, const char *msg)
{
	struct ydoc d;
	struct wa_err err;

	err_clear(&err);
	assert_int_equal(ydoc_load(&d, "t.yaml", text, strlen(text), &err), -1);
	ydoc_free(&d);
	if (err.line != line || err.col != col || !strstr(err.msg, msg))
		fail_msg("got %s:%d:%d: %s; expected %d:%d: %s", err.where, err.line, err.col,
		         err.msg, line, col, msg);
	assert_string_equal(err.where, "t.yaml");
}

/* 100,000 levels: refused at the 65th opening, where the parser stands when it stops, so
 * nothing past the limit is read (libyaml's own loader took 15 s over this file). */
static void test_deep_refused_at_limit(void **state)
{
	static const char *const shapes[][2] = { { "[", "]" }, { "{a: ", "}" }, { "- ", "" } };
	(void)state;

	for (size_t i = 0; i < 3; i++) {
		char *text = nest(shapes[i][0], shapes[i][1], 100000);
		int col = 1 + 64 * (int)strlen(shapes[i][0]);

		expect_fail(text, 1, col, "nested more than 64 levels deep");
		free(text);
	}
}

/* 64 levels are fine, and the innermost value is there. */
static void test_deep_at_limit_loads(void **state)
{
	char *text = nest("[", "]", 64);
	struct wa_err err;
	struct ydoc d;
	cJSON *j, *in;
	(void)state;

	assert_int_equal(ydoc_load(&d, "t.yaml", text, strlen(text), &err), 0);
	j = ydoc_to_json(&d, ydoc_root(&d), &err);
	assert_non_null(j);
	in = j;
	for (int i = 0; i < 64; i++)
		in = cJSON_GetArrayItem(in, 0);
	assert_string_equal(in->valuestring, "x");
	cJSON_Delete(j);
	ydoc_free(&d);
	free(text);
}

/* A duplicate among 100,000 keys is found, with both lines. */
static void test_wide_duplicate(void **state)
{
	struct sbuf b = { 0 };
	struct wa_err err;
	struct ydoc d;
	char *text;
	(void)state;

	for (int i = 0; i < 100000; i++)
		sbuf_printf(&b, "k%d: %d\n", i, i);
	sbuf_puts(&b, "k17: again\n");
	text = sbuf_take(&b);
	assert_int_equal(ydoc_load(&d, "t.yaml", text, strlen(text), &err), 0);
	assert_int_equal(ydoc_map_any(&d, ydoc_root(&d), "top", &err), -1);
	assert_int_equal(err.line, 100001);
	assert_int_equal(err.col, 1);
	assert_string_equal(err.msg, "top: duplicate key 'k17' (first at line 18)");
	assert_null(ydoc_to_json(&d, ydoc_root(&d), &err));
	assert_non_null(strstr(err.msg, "duplicate key 'k17'"));
	ydoc_free(&d);
	free(text);
}

static void test_aliases_refused(void **state)
{
	(void)state;
	expect_fail("a: &x [1]\nb: *x\n", 2, 4, "aliases (*name) are not supported");
	/* The classic expansion bomb stops at its first alias. */
	expect_fail("a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n", 2, 8, "aliases");
}

static void test_second_document(void **state)
{
	(void)state;
	expect_fail("a: 1\n---\nb: 2\n", 3, 1, "a second YAML document");
	expect_fail("a: 1\n...\n--- x\n", 3, 5, "a second YAML document");
}

/* A tag only another program knows is refused where it stands; YAML's own load. */
static void test_local_tags_refused(void **state)
{
	static const char std[] = "a: !!str 1\nb: ! 2\nc: !!seq []\n";
	struct ydoc d;
	struct wa_err err;

	(void)state;
	expect_fail("a: 1\nb: !custom x\n", 2, 4, "the YAML tag '!custom' is not supported");
	expect_fail("a: !<tag:example.com,2000:t> [1]\n", 1, 4, "tag:example.com,2000:t");
	expect_fail("%TAG !e! tag:example.com,2000:\n---\na: !e!t {}\n", 3, 4, "not supported");
	err_clear(&err);
	assert_int_equal(ydoc_load(&d, "f", std, strlen(std), &err), 0);
	ydoc_free(&d);
}

/* What a load keeps no trace of, so a save drops it: comments (not a '#' inside a quoted or
 * block scalar, nor the header the file starts with), explicit tags, directives, anchors. */
static void test_extras(void **state)
{
	static const char hdr[] = "# ours\n";
	static const struct {
		const char *text;
		unsigned want;
	} cases[] = {
		{ "a: 1\nb: x\n", 0 },
		{ "# ours\na: 1\n", 0 },
		{ "# ours\n# theirs\na: 1\n", YDOC_COMMENTS },
		{ "a: 1 # why\n", YDOC_COMMENTS },
		{ "a:\n  - 1\n  # later\n", YDOC_COMMENTS },
		{ "a: [1, # one\n  2]\n", YDOC_COMMENTS },
		{ "a: 1\n# at the end", YDOC_COMMENTS },
		{ "a: \"x # y\"\nb: 'p#q'\nc: x#y\n", 0 },
		{ "a: |\n  # text, not a comment\n  more\nb: 1\n", 0 },
		{ "a: !!str 1\n", YDOC_TAGS },
		{ "%YAML 1.1\n---\na: 1\n", YDOC_TAGS },
		{ "a: &x 1\n", YDOC_ANCHORS },
		{ "a: &x !!str 1 # c\n", YDOC_ANCHORS | YDOC_TAGS | YDOC_COMMENTS },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		unsigned got = ydoc_extras(cases[i].text, strlen(cases[i].text), hdr);
		if (got != cases[i].want)
			fail_msg("case %zu (%s): got %u, want %u", i, cases[i].text, got,
			         cases[i].want);
	}
	/* Without a header to skip, the first comment counts too. */
	assert_int_equal(ydoc_extras(hdr, strlen(hdr), NULL), YDOC_COMMENTS);
}

/* Nodes carry their source positions (errors everywhere rely on them), and their
 * style: plain scalars resolve, quoted ones stay text, an anchor alone is harmless. */
static void test_positions_and_styles(void **state)
{
	static const char text[] = "top:\n  list: [a, \"1\", 2]\n  map: &m {k: v}\n";
	struct yfield f[] = { { "list", true, NULL, NULL }, { "map", true, NULL, NULL } };
	struct yfield top[] = { { "top", true, NULL, NULL } };
	struct wa_err err;
	struct ydoc d;
	yaml_node_t *item;
	cJSON *j;
	(void)state;

	assert_int_equal(ydoc_load(&d, "t.yaml", text, strlen(text), &err), 0);
	assert_int_equal(ydoc_map(&d, ydoc_root(&d), top, 1, "root", &err), 0);
	assert_int_equal(ydoc_map(&d, top[0].val, f, 2, "top", &err), 0);
	assert_int_equal(ydoc_line(f[0].key_node), 2);
	assert_int_equal(ydoc_col(f[0].key_node), 3);
	item = ydoc_seq_item(&d, f[0].val, 2);
	assert_int_equal(ydoc_line(item), 2);
	assert_int_equal(ydoc_col(item), 18);
	assert_int_equal(ydoc_line(f[1].val), 3);
	assert_int_equal(ydoc_col(f[1].val), 8);
	j = ydoc_to_json(&d, f[0].val, &err);
	assert_string_equal(cJSON_GetArrayItem(j, 0)->valuestring, "a");
	assert_string_equal(cJSON_GetArrayItem(j, 1)->valuestring, "1");
	assert_true(cJSON_GetArrayItem(j, 2)->valuedouble == 2);
	cJSON_Delete(j);
	ydoc_free(&d);
}

static void test_empty_and_syntax(void **state)
{
	struct wa_err err;
	struct ydoc d;
	(void)state;

	assert_int_equal(ydoc_load(&d, "t.yaml", "", 0, &err), 0);
	assert_null(ydoc_root(&d));
	ydoc_free(&d);
	expect_fail("a: [1, 2\n", 2, 1, "did not find expected ',' or ']'");
	expect_fail("a: \"\xff\"\n", 1, 5, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deep_refused_at_limit),
		cmocka_unit_test(test_deep_at_limit_loads),
		cmocka_unit_test(test_wide_duplicate),
		cmocka_unit_test(test_aliases_refused),
		cmocka_unit_test(test_second_document),
		cmocka_unit_test(test_local_tags_refused),
		cmocka_unit_test(test_extras),
		cmocka_unit_test(test_positions_and_styles),
		cmocka_unit_test(test_empty_and_syntax),
	};
	return cmocka_run_group_tests_name("ydoc", tests, NULL, NULL);
}
