/* The JMESPath engine: every case of the official compliance suite (loaded at run time from
 * tests/vectors/jmespath), then the API's promises: errors with
 * kind and column, null results apart from errors, compile-time checks, nesting limits,
 * key order, JSON reading and writing. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <cjson/cJSON.h>

#include "jmespath/jmespath.h"
#include "util/err.h"
#include "util/xalloc.h"
#include "util/json.h"

/* ---- helpers ---------------------------------------------------------------------- */

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = xmalloc((size_t)n + 1);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	*len = (size_t)n;
	return buf;
}

/* Deep equality written independently of the engine's: numbers by value, key order free,
 * booleans never equal to numbers. */
static int same(const cJSON *a, const cJSON *b)
{
	if (cJSON_IsNumber(a) || cJSON_IsNumber(b))
		return cJSON_IsNumber(a) && cJSON_IsNumber(b) && a->valuedouble == b->valuedouble;
	if ((a->type & 0xFF) != (b->type & 0xFF))
		return 0;
	if (cJSON_IsString(a))
		return strcmp(a->valuestring, b->valuestring) == 0;
	if (cJSON_IsArray(a)) {
		const cJSON *x = a->child, *y = b->child;

		for (; x && y; x = x->next, y = y->next)
			if (!same(x, y))
				return 0;
		return !x && !y;
	}
	if (cJSON_IsObject(a)) {
		if (cJSON_GetArraySize(a) != cJSON_GetArraySize(b))
			return 0;
		for (const cJSON *x = a->child; x; x = x->next) {
			const cJSON *y = cJSON_GetObjectItemCaseSensitive(b, x->string);

			if (!y || !same(x, y))
				return 0;
		}
	}
	return 1;
}

/* Compiles and runs expr on the JSON text doc. Returns the result (cJSON_Delete()) or NULL
 * with err filled. */
static cJSON *run(const char *expr, const char *doc, struct wa_err *err)
{
	struct jmespath *jp;
	cJSON *d, *r;

	err_clear(err);
	jp = jmespath_compile(expr, err);
	if (!jp)
		return NULL;
	d = cJSON_Parse(doc);
	assert_non_null(d);
	r = jmespath_search(jp, d, err);
	cJSON_Delete(d);
	jmespath_free(jp);
	return r;
}

/* Runs expr on doc and checks the compact JSON of the result. */
static void expect(const char *expr, const char *doc, const char *want)
{
	struct wa_err err;
	cJSON *r = run(expr, doc, &err);
	char *got;

	if (!r)
		fail_msg("%s: unexpected error: %s", expr, err.msg);
	got = json_print(r, JSON_COMPACT);
	if (strcmp(got, want) != 0)
		fail_msg("%s on %s: got %s, want %s", expr, doc, got, want);
	free(got);
	cJSON_Delete(r);
}

/* Runs expr on doc and checks that it fails with kind (at compile or run time). */
static void expect_error(const char *expr, const char *doc, enum jmespath_errkind kind)
{
	struct wa_err err;
	cJSON *r = run(expr, doc, &err);

	if (r) {
		char *got = json_print(r, JSON_COMPACT);

		fail_msg("%s: want %s error, got result %s", expr, jmespath_errkind_name(kind),
		         got);
	}
	if (jmespath_errkind(&err) != kind)
		fail_msg("%s: want %s error, got: %s", expr, jmespath_errkind_name(kind), err.msg);
}

/* ---- the compliance suite ----------------------------------------------------------- */

static const char *const suite_files[] = {
	"basic.json",   "benchmarks.json", "boolean.json",     "current.json",
	"escape.json",  "filters.json",    "functions.json",   "identifiers.json",
	"indices.json", "literal.json",    "multiselect.json", "pipe.json",
	"slice.json",   "syntax.json",     "unicode.json",     "wildcard.json",
};

static const char *kind_of(const struct wa_err *err)
{
	return jmespath_errkind_name(jmespath_errkind(err));
}

/* Runs one case; returns 1 when it holds, 0 after printing why not. */
static int run_case(const char *file, const cJSON *given, const cJSON *c)
{
	const cJSON *expr = cJSON_GetObjectItemCaseSensitive(c, "expression");
	const cJSON *want = cJSON_GetObjectItemCaseSensitive(c, "result");
	const cJSON *want_err = cJSON_GetObjectItemCaseSensitive(c, "error");
	struct wa_err err;
	struct jmespath *jp;
	cJSON *got = NULL;
	int ok;

	if (!cJSON_IsString(expr)) {
		printf("FAIL %s: case without expression\n", file);
		return 0;
	}
	err_clear(&err);
	jp = jmespath_compile(expr->valuestring, &err);
	if (jp)
		got = jmespath_search(jp, given, &err);
	jmespath_free(jp);
	if (want_err) {
		ok = !got && cJSON_IsString(want_err) &&
		     strcmp(kind_of(&err), want_err->valuestring) == 0;
		if (!ok) {
			char *g = got ? json_print(got, JSON_COMPACT) : NULL;

			printf("FAIL %s: %s: want %s error, got %s\n", file, expr->valuestring,
			       cJSON_IsString(want_err) ? want_err->valuestring : "?",
			       g ? g : err.msg);
			free(g);
		}
	} else if (want) {
		ok = got && same(got, want);
		if (!ok) {
			char *g = got ? json_print(got, JSON_COMPACT) : NULL;
			char *w = json_print(want, JSON_COMPACT);

			printf("FAIL %s: %s: want %s, got %s\n", file, expr->valuestring, w,
			       g ? g : err.msg);
			free(g);
			free(w);
		}
	} else {
		/* A benchmark without a result: it must still compile and evaluate. */
		ok = got != NULL;
		if (!ok)
			printf("FAIL %s: %s (benchmark): %s\n", file, expr->valuestring, err.msg);
	}
	cJSON_Delete(got);
	return ok;
}

static void test_compliance(void **state)
{
	size_t in_files = 0, checked = 0, passed = 0, nfiles = 0;
	char dir[1024], path[1400];
	struct dirent *de;
	DIR *d;

	(void)state;
	snprintf(dir, sizeof(dir), "tests/vectors/jmespath");
	d = opendir(dir);
	if (!d)
		fail_msg("compliance suite not found at %s (run from the repository root)", dir);
	for (size_t i = 0; i < sizeof(suite_files) / sizeof(suite_files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, suite_files[i]);
		if (access(path, R_OK) != 0)
			fail_msg("compliance file missing: %s", path);
	}
	while ((de = readdir(d)) != NULL) {
		size_t nl = strlen(de->d_name), len;
		char *text;
		cJSON *suites;

		if (nl < 6 || strcmp(de->d_name + nl - 5, ".json") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		text = read_all(path, &len);
		if (!text)
			fail_msg("cannot read %s", path);
		suites = cJSON_Parse(text);
		free(text);
		if (!cJSON_IsArray(suites))
			fail_msg("%s is not a JSON array of suites", path);
		nfiles++;
		for (const cJSON *s = suites->child; s; s = s->next) {
			const cJSON *given = cJSON_GetObjectItemCaseSensitive(s, "given");
			const cJSON *cases = cJSON_GetObjectItemCaseSensitive(s, "cases");

			in_files += (size_t)cJSON_GetArraySize(cases);
			for (const cJSON *c = cases ? cases->child : NULL; c; c = c->next) {
				checked++;
				passed += (size_t)run_case(de->d_name, given, c);
			}
		}
		cJSON_Delete(suites);
	}
	closedir(d);
	printf("compliance: %zu files, %zu cases, %zu passed, %zu failed\n", nfiles, in_files,
	       passed, checked - passed);
	assert_true(nfiles >= sizeof(suite_files) / sizeof(suite_files[0]));
	assert_true(in_files > 0);
	assert_int_equal(checked, in_files);
	assert_int_equal(passed, in_files);
}

/* ---- the API ------------------------------------------------------------------------- */

static void test_syntax_error_kind_and_column(void **state)
{
	struct wa_err err;
	struct jmespath *jp;

	(void)state;
	err_clear(&err);
	jp = jmespath_compile("foo.bar[", &err);
	assert_null(jp);
	assert_int_equal(jmespath_errkind(&err), JMESPATH_ERR_SYNTAX);
	assert_int_equal(err.col, 9);
	assert_non_null(strstr(err.msg, "syntax error at column 9"));

	/* columns count characters: the 'é' is two bytes but one column */
	err_clear(&err);
	assert_null(jmespath_compile("'é' = 1", &err));
	assert_int_equal(err.col, 5);

	err_clear(&err);
	assert_null(jmespath_compile("", &err));
	assert_int_equal(jmespath_errkind(&err), JMESPATH_ERR_SYNTAX);
	assert_null(jmespath_compile(NULL, &err));
	assert_int_equal(jmespath_errkind(&err), JMESPATH_ERR_SYNTAX);

	/* grammar over jmespath.py's leniency */
	expect_error("length(@,)", "[]", JMESPATH_ERR_SYNTAX);
	expect_error("{a: b c: d}", "{}", JMESPATH_ERR_SYNTAX);
	expect_error("[1:2 3]", "[]", JMESPATH_ERR_SYNTAX);
	expect_error("a = b", "{}", JMESPATH_ERR_SYNTAX);
	expect_error("foo.\"bar\"(@)", "{}", JMESPATH_ERR_SYNTAX);
	expect_error("\"\\ud800\"", "{}", JMESPATH_ERR_SYNTAX);
	expect_error("\"a\\u0000b\"", "{}", JMESPATH_ERR_SYNTAX);
	expect_error("`\"abc`", "{}", JMESPATH_ERR_SYNTAX);
	/* not JSON: the deprecated form reads it as a string's contents, as jmespath.py does */
	expect("`[1,`", "{}", "\"[1,\"");
	expect_error("foo\xff", "{}", JMESPATH_ERR_SYNTAX);
}

/* Lexical scoping (JEP-18): the JEP's own examples, shadowing, projections stopped by a
 * binding, "let" still a field name, a join across two lists (the use probes make of it),
 * and unbound variables refused when compiling. */
static void test_let_expressions(void **state)
{
	(void)state;
	expect("let $foo = foo in $foo", "{\"foo\": \"bar\"}", "\"bar\"");
	expect("let $foo = foo.bar in $foo", "{\"foo\": {\"bar\": \"baz\"}}", "\"baz\"");
	expect("let $foo = foo in [$foo, $foo]", "{\"foo\": \"bar\"}", "[\"bar\",\"bar\"]");
	expect("let $a = a in b[*].[a, $a, let $a = 'shadow' in $a]",
	       "{\"a\": \"topval\", \"b\": [{\"a\": \"inner1\"}, {\"a\": \"inner2\"}]}",
	       "[[\"inner1\",\"topval\",\"shadow\"],[\"inner2\",\"topval\",\"shadow\"]]");
	expect("let $foo = foo[*] in $foo[0]", "{\"foo\": [[0, 1], [2, 3], [4, 5]]}", "[0,1]");
	expect("foo[*][0]", "{\"foo\": [[0, 1], [2, 3], [4, 5]]}", "[0,2,4]");
	expect("let $a = b, $c = d in [$a, $c]", "{\"b\": 1, \"d\": 2}", "[1,2]");
	/* the body runs as far as it can, pipes included */
	expect("let $x = a in $x | length(@)", "{\"a\": \"four\"}", "4");
	/* contextual keywords */
	expect("let", "{\"let\": 1}", "1");
	expect("let.in", "{\"let\": {\"in\": 2}}", "2");
	expect("let $in = let in $in", "{\"let\": 3}", "3");
	/* a join: the AZs of subnets that hold an available NAT gateway */
	expect("let $nat = nat[?state=='available'].subnet in subnets[?contains($nat, id)].az",
	       "{\"nat\": [{\"subnet\": \"s1\", \"state\": \"available\"},"
	       " {\"subnet\": \"s2\", \"state\": \"failed\"}],"
	       " \"subnets\": [{\"id\": \"s1\", \"az\": \"a\"}, {\"id\": \"s2\", \"az\": \"b\"}]}",
	       "[\"a\"]");
	/* a variable inside a function's expression argument */
	expect("let $m = `2` in map(&(@ > $m), xs)", "{\"xs\": [1, 2, 3]}", "[false,false,true]");
	expect_error("$foo", "{}", JMESPATH_ERR_UNDEFINED_VARIABLE);
	expect_error("[let $foo = 'bar' in $foo, $foo]", "{}", JMESPATH_ERR_UNDEFINED_VARIABLE);
	/* bindings do not see each other, only the body sees them */
	expect_error("let $x = a, $y = $x in $y", "{}", JMESPATH_ERR_UNDEFINED_VARIABLE);
	expect_error("let $a = a", "{}", JMESPATH_ERR_SYNTAX);
	expect_error("let $a == a in $a", "{}", JMESPATH_ERR_SYNTAX);
	expect_error("let $ = a in a", "{}", JMESPATH_ERR_SYNTAX);
	expect_error("let $a = a $a", "{}", JMESPATH_ERR_SYNTAX);
	expect_error("a = b", "{}", JMESPATH_ERR_SYNTAX);
	assert_string_equal(jmespath_errkind_name(JMESPATH_ERR_UNDEFINED_VARIABLE),
	                    "undefined-variable");
}

/* An initial scope: variables bound around the whole expression by the caller, as probes
 * bind the results of their further calls. */
static void test_initial_scope(void **state)
{
	static const char *const names[] = { "subnets", "limit" };
	struct wa_err err;
	struct jmespath *jp;
	cJSON *doc = cJSON_Parse("{\"nat\": [\"s1\"]}");
	cJSON *vars = cJSON_Parse("{\"subnets\": [{\"id\": \"s1\", \"az\": \"a\"},"
	                          " {\"id\": \"s2\", \"az\": \"b\"}], \"limit\": 1}");
	cJSON *r;
	char *txt;

	(void)state;
	err_clear(&err);
	jp = jmespath_compile_vars("let $n = nat in $subnets[?!contains($n, id)].[az, $limit]",
	                           names, 2, &err);
	assert_non_null(jp);
	r = jmespath_search_vars(jp, doc, vars, &err);
	txt = json_print(r, JSON_COMPACT);
	assert_string_equal(txt, "[[\"b\",1]]");
	free(txt);
	cJSON_Delete(r);
	/* a variable the caller does not fill reads as null */
	r = jmespath_search_vars(jp, doc, NULL, &err);
	txt = json_print(r, JSON_COMPACT);
	assert_string_equal(txt, "null");
	free(txt);
	cJSON_Delete(r);
	jmespath_free(jp);
	/* names outside the initial scope are still unbound */
	assert_null(jmespath_compile_vars("$other", names, 2, &err));
	assert_int_equal(jmespath_errkind(&err), JMESPATH_ERR_UNDEFINED_VARIABLE);
	assert_null(jmespath_compile("$subnets", &err));
	cJSON_Delete(doc);
	cJSON_Delete(vars);
}

static void test_errkind_helpers(void **state)
{
	struct wa_err err;

	(void)state;
	assert_string_equal(jmespath_errkind_name(JMESPATH_ERR_INVALID_TYPE), "invalid-type");
	assert_string_equal(jmespath_errkind_name(JMESPATH_ERR_UNKNOWN_FUNCTION),
	                    "unknown-function");
	assert_string_equal(jmespath_errkind_name((enum jmespath_errkind)99), "unknown");
	err_clear(&err);
	assert_int_equal(jmespath_errkind(&err), JMESPATH_OK);
	assert_int_equal(jmespath_errkind(NULL), JMESPATH_OK);
	err_set(&err, "x", 1, 2, "something else entirely");
	assert_int_equal(jmespath_errkind(&err), JMESPATH_OK);
}

static void test_null_result_is_not_an_error(void **state)
{
	struct wa_err err;
	struct jmespath *jp;
	cJSON *r;

	(void)state;
	r = run("missing.deeper", "{\"a\":1}", &err);
	assert_non_null(r);
	assert_true(cJSON_IsNull(r));
	assert_false(err_isset(&err));
	cJSON_Delete(r);

	/* a NULL document is JSON null */
	err_clear(&err);
	jp = jmespath_compile("@", &err);
	r = jmespath_search(jp, NULL, &err);
	assert_true(cJSON_IsNull(r));
	cJSON_Delete(r);
	jmespath_free(jp);

	/* no program: an error, not a crash */
	assert_null(jmespath_search(NULL, NULL, &err));
	assert_true(err_isset(&err));
	jmespath_free(NULL);
}

static void test_runtime_errors(void **state)
{
	struct wa_err err;
	cJSON *r;

	(void)state;
	r = run("abs(foo)", "{\"foo\":\"x\"}", &err);
	assert_null(r);
	assert_int_equal(jmespath_errkind(&err), JMESPATH_ERR_INVALID_TYPE);
	assert_non_null(strstr(err.msg, "abs()"));
	assert_non_null(strstr(err.msg, "column 1"));

	expect_error("sum(@)", "[1,\"2\"]", JMESPATH_ERR_INVALID_TYPE);
	expect_error("max(@)", "[1,\"2\"]", JMESPATH_ERR_INVALID_TYPE);
	expect_error("sort_by(@, &a)", "[{\"a\":1},{\"a\":\"b\"}]", JMESPATH_ERR_INVALID_TYPE);
	expect_error("min_by(@, &a)", "[{\"a\":1},{\"a\":\"b\"}]", JMESPATH_ERR_INVALID_TYPE);
	expect_error("merge(`{}`, `1`)", "{}", JMESPATH_ERR_INVALID_TYPE);
	expect_error("to_string(&a)", "{}", JMESPATH_ERR_INVALID_TYPE);
	expect_error("map(a, @)", "[]", JMESPATH_ERR_INVALID_TYPE);
	/* an error inside a projection ends the search */
	expect_error("[*].abs(@)", "[1,-2,\"x\"]", JMESPATH_ERR_INVALID_TYPE);
}

static void test_compile_time_checks(void **state)
{
	struct wa_err err;

	(void)state;
	/* caught before any data: an empty projection never reaches the call */
	err_clear(&err);
	assert_null(jmespath_compile("[].nosuch(@)", &err));
	assert_int_equal(jmespath_errkind(&err), JMESPATH_ERR_UNKNOWN_FUNCTION);
	assert_non_null(strstr(err.msg, "nosuch"));
	err_clear(&err);
	assert_null(jmespath_compile("[].length(@, @)", &err));
	assert_int_equal(jmespath_errkind(&err), JMESPATH_ERR_INVALID_ARITY);
	assert_int_equal(err.col, 4);
	err_clear(&err);
	assert_null(jmespath_compile("not_null()", &err));
	assert_int_equal(jmespath_errkind(&err), JMESPATH_ERR_INVALID_ARITY);
	err_clear(&err);
	assert_null(jmespath_compile("missing[::0]", &err));
	assert_int_equal(jmespath_errkind(&err), JMESPATH_ERR_INVALID_VALUE);
	err_clear(&err);
	assert_null(jmespath_compile("&foo", &err));
	assert_int_equal(jmespath_errkind(&err), JMESPATH_ERR_SYNTAX);
	err_clear(&err);
	assert_null(jmespath_compile("[&foo]", &err));
	assert_int_equal(jmespath_errkind(&err), JMESPATH_ERR_SYNTAX);
	/* a syntax error later in the text wins over a bad call earlier */
	err_clear(&err);
	assert_null(jmespath_compile("nosuch(@) ]", &err));
	assert_int_equal(jmespath_errkind(&err), JMESPATH_ERR_SYNTAX);
}

static char *repeat(const char *head, const char *unit, size_t n, const char *tail)
{
	size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail);
	char *s = xmalloc(hl + ul * n + tl + 1), *p = s;

	memcpy(p, head, hl);
	p += hl;
	for (size_t i = 0; i < n; i++, p += ul)
		memcpy(p, unit, ul);
	memcpy(p, tail, tl + 1);
	return s;
}

static void test_nesting_limits(void **state)
{
	struct wa_err err;
	struct jmespath *jp;
	char *s, *t;
	cJSON *r, *d;

	(void)state;
	/* deep parentheses, pipes, nots, multi-selects and literals: a clear error, no crash */
	const char *deep[][3] = {
		{ "", "(", "a" },   { "a", "|a", "" },  { "", "!", "a" },   { "", "[", "a" },
		{ "", "{a:", "a" }, { "a", "[*]", "" }, { "a", "||a", "" }, { "", "abs(", "" },
	};
	for (size_t i = 0; i < sizeof(deep) / sizeof(deep[0]); i++) {
		s = repeat(deep[i][0], deep[i][1], 100000, deep[i][2]);
		err_clear(&err);
		jp = jmespath_compile(s, &err);
		if (jp)
			fail_msg("%s%s...: compiled", deep[i][0], deep[i][1]);
		if (jmespath_errkind(&err) != JMESPATH_ERR_LIMIT &&
		    jmespath_errkind(&err) != JMESPATH_ERR_SYNTAX)
			fail_msg("%s%s...: %s", deep[i][0], deep[i][1], err.msg);
		free(s);
	}
	err_clear(&err);
	s = repeat("", "(", 1000, "a");
	t = repeat(s, ")", 1000, "");
	assert_null(jmespath_compile(t, &err));
	assert_int_equal(jmespath_errkind(&err), JMESPATH_ERR_LIMIT);
	free(s);
	free(t);

	/* a deep but well-formed literal: the limit, not the deprecated string form */
	s = repeat("`", "[", 1000, "");
	t = repeat(s, "]", 1000, "`");
	err_clear(&err);
	assert_null(jmespath_compile(t, &err));
	assert_int_equal(jmespath_errkind(&err), JMESPATH_ERR_LIMIT);
	free(s);
	free(t);

	/* moderate nesting is fine */
	s = repeat("", "(", 200, "a");
	t = repeat(s, ")", 200, "");
	expect(t, "{\"a\":1}", "1");
	free(s);
	free(t);

	/* a long path is a chain, not a nest: it compiles and runs */
	s = repeat("a", ".a", 100000, "");
	expect(s, "{\"a\":{\"a\":2}}", "null");
	free(s);

	/* deep JSON is refused by the reader, not by the stack */
	s = repeat("", "[", 100000, "");
	err_clear(&err);
	assert_null(json_parse(s, strlen(s), "deep.json", &err));
	assert_non_null(strstr(err.msg, "nested deeper"));
	free(s);

	/* a document as deep as the reader allows still prints, compares and sorts */
	s = repeat("", "[", JMESPATH_MAX_DEPTH, "");
	t = repeat(s, "]", JMESPATH_MAX_DEPTH, "");
	err_clear(&err);
	d = json_parse(t, strlen(t), "d", &err);
	assert_non_null(d);
	jp = jmespath_compile("[@ == @, to_string(@), length(to_string(@))][2]", &err);
	r = jmespath_search(jp, d, &err);
	assert_true(cJSON_IsNumber(r));
	assert_int_equal((int)r->valuedouble, 2 * JMESPATH_MAX_DEPTH);
	cJSON_Delete(r);
	jmespath_free(jp);
	cJSON_Delete(d);
	free(s);
	free(t);
}

static void test_value_limit(void **state)
{
	struct wa_err err;
	struct jmespath *jp;
	cJSON *d = cJSON_Parse("[1, 2]"), *r;
	char *s = repeat("@", " | [@, @][]", 30, "");

	(void)state;
	/* each step doubles the data: 2^31 values, far past a cap of 1000 */
	err_clear(&err);
	jp = jmespath_compile(s, &err);
	assert_non_null(jp);
	jmespath_set_limit(jp, 1000);
	assert_null(jmespath_search(jp, d, &err));
	assert_int_equal(jmespath_errkind(&err), JMESPATH_ERR_LIMIT);
	jmespath_free(jp);
	free(s);

	/* sharing makes the data huge without building values: caught when printed or copied */
	s = repeat("@", " | [@, @]", 40, "");
	jp = jmespath_compile(s, &err);
	jmespath_set_limit(jp, 1000);
	err_clear(&err);
	assert_null(jmespath_search(jp, d, &err));
	assert_int_equal(jmespath_errkind(&err), JMESPATH_ERR_LIMIT);
	jmespath_free(jp);
	free(s);
	s = repeat("length(to_string(@", " | [@, @]", 40, "))");
	jp = jmespath_compile(s, &err);
	jmespath_set_limit(jp, 1000);
	err_clear(&err);
	assert_null(jmespath_search(jp, d, &err));
	assert_int_equal(jmespath_errkind(&err), JMESPATH_ERR_LIMIT);
	/* 0 restores the default cap, under which a small search runs */
	jmespath_set_limit(jp, 0);
	jmespath_free(jp);
	free(s);
	s = repeat("length(to_string(@", " | [@, @]", 5, "))");
	jp = jmespath_compile(s, &err);
	jmespath_set_limit(jp, 1000);
	jmespath_set_limit(jp, 0);
	r = jmespath_search(jp, d, &err);
	assert_non_null(r);
	assert_int_equal((int)r->valuedouble, 253); /* [1,2] is 5 characters; each level: 2n + 3 */
	cJSON_Delete(r);
	jmespath_free(jp);
	free(s);
	cJSON_Delete(d);
}

static void test_key_order_is_kept(void **state)
{
	(void)state;
	expect("keys(@)", "{\"z\":1,\"a\":2,\"m\":3}", "[\"z\",\"a\",\"m\"]");
	expect("values(@)", "{\"z\":1,\"a\":2,\"m\":3}", "[1,2,3]");
	expect("{z: a, a: z, m: m}", "{\"z\":1,\"a\":2,\"m\":3}", "{\"z\":2,\"a\":1,\"m\":3}");
	expect("*", "{\"z\":1,\"a\":2,\"m\":3}", "[1,2,3]");
	/* merge: a later value replaces an earlier one in the earlier place */
	expect("merge(`{\"b\":1,\"a\":2}`, `{\"c\":3,\"b\":4}`)", "{}",
	       "{\"b\":4,\"a\":2,\"c\":3}");
	/* a repeated key in a multi-select hash keeps its first place, last value */
	expect("{a: `1`, b: `2`, a: `3`}", "{}", "{\"a\":3,\"b\":2}");
}

static void test_semantics_worth_pinning(void **state)
{
	(void)state;
	/* booleans are never numbers */
	expect("[?@ == `1`]", "[true, 1, 1.0, \"1\"]", "[1,1]");
	expect("contains(@, `1`)", "[true]", "false");
	expect("[@ == `[0]`, @ == `[false]`]", "[false]", "[false,true]");
	/* ordering: numbers, and strings by code point as in the aws CLI; else null */
	expect("[`1` < `2`, 'a' < 'b', 'Z' < 'a', 'a' < `1`, `true` < `false`]", "{}",
	       "[true,true,true,null,null]");
	expect("Snapshots[?StartTime >= '2024-01-01'].Id",
	       "{\"Snapshots\":[{\"Id\":\"old\",\"StartTime\":\"2023-12-31T23:00:00Z\"},"
	       "{\"Id\":\"new\",\"StartTime\":\"2024-01-02T00:00:00Z\"}]}",
	       "[\"new\"]");
	/* strings count and reverse by character */
	expect("length(@)", "\"a\xc3\xa9\xf0\x9d\x84\x9e\"", "3");
	expect("reverse(@)", "\"a\xc3\xa9\xf0\x9d\x84\x9e\"",
	       "\"\xf0\x9d\x84\x9e\xc3\xa9"
	       "a\"");
	expect("sort(@)", "[\"\xc3\xa9\",\"a\",\"Z\",\"\xf0\x9d\x84\x9e\"]",
	       "[\"Z\",\"a\",\"\xc3\xa9\",\"\xf0\x9d\x84\x9e\"]");
	/* slices: Python's rules, strings are not sliced */
	expect("[::-2]", "[0,1,2,3,4]", "[4,2,0]");
	expect("[-2:]", "[0,1,2,3,4]", "[3,4]");
	expect("[10:-10:-1]", "[0,1,2]", "[2,1,0]");
	expect("[1:2]", "\"abc\"", "null");
	/* a slice after an index still projects (jmespath.py does not; the spec does) */
	expect("[0][0:2].a", "[[{\"a\":1},{\"a\":2},{\"a\":3}]]", "[1,2]");
	/* to_number reads what Python reads, but nothing that is not a JSON number */
	expect("map(&to_number(@), [' 12 ', '1_000', '-1.5e3', '.5', '5.', '0x10', 'nan', 'inf',"
	       " '1__0', '', '+3', '1e400', `true`, `[]`, `7`])",
	       "{}", "[12,1000,-1500,0.5,5,null,null,null,null,null,3,null,null,null,7]");
	/* to_string: compact, ASCII-only JSON like the aws CLI's */
	expect("to_string(@)", "{\"k\":[1,2.5,\"\xc3\xa9\xf0\x9d\x84\x9e\\n\"]}",
	       "\"{\\\"k\\\":[1,2.5,\\\"\\\\u00e9\\\\ud834\\\\udd1e\\\\n\\\"]}\"");
	expect("[avg(@), sum(@), max(@), min(@)]", "[1, 2, 4]", "[2.3333333333333335,7,4,1]");
	expect("[ceil(`1.2`), floor(`-1.2`), abs(`-3`)]", "{}", "[2,-2,3]");
	/* sort_by is stable */
	expect("sort_by(@, &k)[].n",
	       "[{\"k\":2,\"n\":1},{\"k\":1,\"n\":2},{\"k\":2,\"n\":3},{\"k\":1,\"n\":4}]",
	       "[2,4,1,3]");
	expect("[max_by(@, &k).n, min_by(@, &k).n]",
	       "[{\"k\":2,\"n\":1},{\"k\":1,\"n\":2},{\"k\":2,\"n\":3},{\"k\":1,\"n\":4}]",
	       "[1,2]");
	/* sub-expressions do not stop at null: a function on the right still runs */
	expect_error("missing.length(@)", "{}", JMESPATH_ERR_INVALID_TYPE);
	/* '!' binds tighter than '.', as in jmespath.py */
	expect("!a.b", "{\"a\":{\"b\":false}}", "null");
}

static void test_results_outlive_the_document(void **state)
{
	struct wa_err err;
	struct jmespath *jp;
	cJSON *d, *before, *r;
	char *s;

	(void)state;
	err_clear(&err);
	d = cJSON_Parse(
	        "{\"a\":[{\"b\":\"x\",\"c\":[1,2]},{\"b\":\"y\",\"c\":[3]}],\"k\":{\"q\":1}}");
	before = cJSON_Duplicate(d, 1);
	jp = jmespath_compile("{bs: a[].b, cs: a[].c[], k: k, all: @, s: sort_by(a, &b)}", &err);
	assert_non_null(jp);
	r = jmespath_search(jp, d, &err);
	assert_non_null(r);
	assert_true(cJSON_Compare(d, before, 1));
	cJSON_Delete(d);
	cJSON_Delete(before);
	/* the result is the caller's own tree: usable after the document is gone */
	s = json_print(r, JSON_COMPACT);
	assert_string_equal(s, "{\"bs\":[\"x\",\"y\"],\"cs\":[1,2,3],\"k\":{\"q\":1},\"all\":"
	                       "{\"a\":[{\"b\":\"x\",\"c\":[1,2]},{\"b\":\"y\",\"c\":[3]}],"
	                       "\"k\":{\"q\":1}},\"s\":[{\"b\":\"x\",\"c\":[1,2]},"
	                       "{\"b\":\"y\",\"c\":[3]}]}");
	assert_null(r->string);
	free(s);
	cJSON_Delete(r);
	/* a compiled expression is reusable */
	d = cJSON_Parse("{\"a\":[],\"k\":null}");
	r = jmespath_search(jp, d, &err);
	s = json_print(r, JSON_COMPACT);
	assert_string_equal(s, "{\"bs\":[],\"cs\":[],\"k\":null,\"all\":{\"a\":[],\"k\":null},"
	                       "\"s\":[]}");
	free(s);
	cJSON_Delete(r);
	cJSON_Delete(d);
	jmespath_free(jp);
}

static void test_big_document(void **state)
{
	cJSON *d = cJSON_CreateArray(), *r;
	struct wa_err err;
	struct jmespath *jp;

	(void)state;
	for (int i = 0; i < 200000; i++) {
		cJSON *o = cJSON_CreateObject();

		cJSON_AddNumberToObject(o, "n", i);
		cJSON_AddStringToObject(o, "s", i % 2 ? "odd" : "even");
		cJSON_AddItemToArray(d, o);
	}
	err_clear(&err);
	jp = jmespath_compile("length([?n >= `100000` && s == 'odd'].n)", &err);
	r = jmespath_search(jp, d, &err);
	assert_non_null(r);
	assert_int_equal((int)r->valuedouble, 50000);
	cJSON_Delete(r);
	jmespath_free(jp);
	jp = jmespath_compile("sort_by(@, &s)[-1].n", &err);
	r = jmespath_search(jp, d, &err);
	assert_int_equal((int)r->valuedouble, 199999);
	cJSON_Delete(r);
	jmespath_free(jp);
	cJSON_Delete(d);
}

static void test_json_reader(void **state)
{
	struct wa_err err;
	cJSON *v;
	char *s;

	(void)state;
	err_clear(&err);
	v = json_parse("{\n  \"a\": tru\n}", 14, "f.json", &err);
	assert_null(v);
	assert_string_equal(err.where, "f.json");
	assert_int_equal(err.line, 2);
	assert_int_equal(err.col, 8);
	assert_non_null(strstr(err.msg, "expected a value"));

	/* columns in characters */
	err_clear(&err);
	assert_null(json_parse("[\"\xc3\xa9\" x]", 8, "f", &err));
	assert_int_equal(err.col, 6);

	static const char *bad[] = {
		"+1",
		".5",
		"01",
		"1.",
		"1e",
		"[1,]",
		"{\"a\":1,}",
		"{a:1}",
		"\"\t\"",
		"'x'",
		"\"\\ud800\"",
		"\"\\udc00x\"",
		"\"\\u0000\"",
		"\"\\x\"",
		"[1] 2",
		"",
		"   ",
		"\"\xc0\xaf\"",
		"\"\xed\xa0\x80\"",
		"nul",
		"[",
		"{\"a\" 1}",
		"NaN",
		"\xef\xbb\xbf[]",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err_clear(&err);
		v = json_parse(bad[i], strlen(bad[i]), "x", &err);
		if (v)
			fail_msg("accepted bad JSON <%s>", bad[i]);
		assert_true(err.line >= 1 && err.col >= 1);
	}

	/* duplicate keys: first place, last value (also past the hashing threshold) */
	v = json_parse("{\"a\":1,\"b\":2,\"a\":3}", 19, "x", &err);
	s = json_print(v, JSON_COMPACT);
	assert_string_equal(s, "{\"a\":3,\"b\":2}");
	free(s);
	cJSON_Delete(v);
	{
		char big[4096];
		size_t at = 0;

		at += (size_t)snprintf(big + at, sizeof(big) - at, "{");
		for (int i = 0; i < 40; i++)
			at += (size_t)snprintf(big + at, sizeof(big) - at, "\"k%d\":%d,", i, i);
		at += (size_t)snprintf(big + at, sizeof(big) - at, "\"k7\":\"again\",\"k39\":0}");
		v = json_parse(big, at, "x", &err);
		assert_non_null(v);
		assert_int_equal(cJSON_GetArraySize(v), 40);
		assert_string_equal(cJSON_GetArrayItem(v, 7)->valuestring, "again");
		assert_int_equal(cJSON_GetArrayItem(v, 39)->valueint, 0);
		cJSON_Delete(v);
	}

	/* escapes, surrogate pairs and raw UTF-8 */
	{
		const char *t = "\"\\u00e9\\ud834\\udd1e\\/\\\"x\xe2\x9c\x93\"";

		v = json_parse(t, strlen(t), "x", &err);
	}
	assert_non_null(v);
	assert_string_equal(v->valuestring, "\xc3\xa9\xf0\x9d\x84\x9e/\"x\xe2\x9c\x93");
	cJSON_Delete(v);
	v = json_parse(" [-0.5e+2, 1E2, -0, 123456789012] ", 34, "x", &err);
	assert_non_null(v);
	s = json_print(v, JSON_COMPACT);
	assert_string_equal(s, "[-50,100,0,123456789012]");
	free(s);
	cJSON_Delete(v);
}

static void test_json_writer(void **state)
{
	cJSON *v = cJSON_Parse("{\"a\":[1,{\"b\":null},[],{}],\"c\":\"\xc3\xa9\\u0001\\t\","
	                       "\"d\":true}");
	char *s;

	(void)state;
	s = json_print(v, JSON_PRETTY);
	assert_string_equal(s, "{\n"
	                       "  \"a\": [\n"
	                       "    1,\n"
	                       "    {\n"
	                       "      \"b\": null\n"
	                       "    },\n"
	                       "    [],\n"
	                       "    {}\n"
	                       "  ],\n"
	                       "  \"c\": \"\xc3\xa9\\u0001\\t\",\n"
	                       "  \"d\": true\n"
	                       "}");
	free(s);
	s = json_print(v, JSON_COMPACT | JSON_ASCII);
	assert_string_equal(s, "{\"a\":[1,{\"b\":null},[],{}],\"c\":\"\\u00e9\\u0001\\t\","
	                       "\"d\":true}");
	free(s);
	cJSON_Delete(v);

	/* numbers as Python prints them, integral values as integers */
	static const struct {
		double d;
		const char *want;
	} nums[] = {
		{ 0.1, "0.1" },
		{ 2.0, "2" },
		{ -0.0, "0" },
		{ 1e21, "1e+21" },
		{ 1e-7, "1e-07" },
		{ 0.0001, "0.0001" },
		{ 123456.789, "123456.789" },
		{ -2.5, "-2.5" },
		{ 1e16, "10000000000000000" },
		{ 1e17, "1e+17" },
		{ 1.5e300, "1.5e+300" },
		{ 2.0 / 3.0, "0.6666666666666666" },
		{ 9007199254740993.0, "9007199254740992" },
		{ 1234567890123.5, "1234567890123.5" },
	};
	for (size_t i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
		cJSON *n = cJSON_CreateNumber(nums[i].d);

		s = json_print(n, JSON_COMPACT);
		if (strcmp(s, nums[i].want) != 0)
			fail_msg("%.17g printed as %s, want %s", nums[i].d, s, nums[i].want);
		free(s);
		cJSON_Delete(n);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compliance),
		cmocka_unit_test(test_syntax_error_kind_and_column),
		cmocka_unit_test(test_let_expressions),
		cmocka_unit_test(test_initial_scope),
		cmocka_unit_test(test_errkind_helpers),
		cmocka_unit_test(test_null_result_is_not_an_error),
		cmocka_unit_test(test_runtime_errors),
		cmocka_unit_test(test_compile_time_checks),
		cmocka_unit_test(test_nesting_limits),
		cmocka_unit_test(test_value_limit),
		cmocka_unit_test(test_key_order_is_kept),
		cmocka_unit_test(test_semantics_worth_pinning),
		cmocka_unit_test(test_results_outlive_the_document),
		cmocka_unit_test(test_big_document),
		cmocka_unit_test(test_json_reader),
		cmocka_unit_test(test_json_writer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
