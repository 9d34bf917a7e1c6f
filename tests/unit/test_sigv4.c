/* SigV4 signer: every case of AWS's SigV4 test suite (header and presigned forms), AWS's
 * documented S3 examples, the URI helpers, and the ways signing must refuse. The suite is
 * is in tests/vectors/sigv4 (tests run from the repository root). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "aws/sigv4.h"
#include "aws/uri.h"
#include "util/err.h"
#include "util/xalloc.h"

#define SUITE_MIN_CASES 38
#define MAX_PAIRS       64

/* ---- the AWS test suite ---------------------------------------------------------------- */

struct suite_case {
	char *dir;
	char *name; /* path below the suite root, e.g. "get-vanilla" */
};

static struct suite_case *cases;
static size_t n_cases;
static size_t cap_cases;
static char *suite_root;
static bool suite_missing;
static size_t cases_passed; /* case tests (header + query) that ran to the end */

/* A request.txt taken apart. */
struct parsed_req {
	char *text; /* the whole file */
	size_t text_len;
	size_t head_len; /* bytes of request line + header lines, each ending in '\n' */
	char *method;
	char *path;
	char *raw_query; /* as written, NULL when there is no '?' */
	struct sigv4_pair params[MAX_PAIRS];
	size_t n_params;
	struct sigv4_pair headers[MAX_PAIRS];
	size_t n_headers;
	const char *body; /* into text; NULL when there is none */
	size_t body_len;
};

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (!f)
		return NULL;
	do {
		buf = xgrow(buf, &cap, n + 4097, 1);
		got = fread(buf + n, 1, 4096, f);
		n += got;
	} while (got > 0);
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

static char *case_file(const struct suite_case *c, const char *file)
{
	char *path = xasprintf("%s/%s", c->dir, file);
	char *text = read_file(path, NULL);

	if (!text)
		fail_msg("%s: cannot read %s", c->name, path);
	free(path);
	return text;
}

static void free_parsed(struct parsed_req *r)
{
	free(r->text);
	free(r->method);
	free(r->path);
	free(r->raw_query);
	for (size_t i = 0; i < r->n_params; i++) {
		free((char *)r->params[i].name);
		free((char *)r->params[i].value);
	}
	for (size_t i = 0; i < r->n_headers; i++) {
		free((char *)r->headers[i].name);
		free((char *)r->headers[i].value);
	}
}

/* Splits "a=1&b&c=" into decoded pairs (a bare name gets a NULL value). */
static void parse_query(const char *q, struct sigv4_pair *out, size_t *n)
{
	while (*q) {
		size_t len = strcspn(q, "&");
		const char *eq = memchr(q, '=', len);
		size_t nlen = eq ? (size_t)(eq - q) : len;
		char *name, *value = NULL;

		assert_true(*n < MAX_PAIRS);
		assert_int_equal(uri_decode(q, nlen, &name), 0);
		if (eq)
			assert_int_equal(uri_decode(eq + 1, len - nlen - 1, &value), 0);
		out[*n].name = name;
		out[*n].value = value;
		(*n)++;
		q += len;
		if (*q == '&')
			q++;
	}
}

/* "METHOD SP target SP HTTP/1.1", headers (a line starting with whitespace continues the one
 * before: kept with its line break, as the signer must unfold it), blank line, body. The
 * target may hold raw spaces, so it runs from the first space to the last. */
static void parse_request(const struct suite_case *c, struct parsed_req *r)
{
	char *path = xasprintf("%s/request.txt", c->dir);
	char *line, *eol, *sp1, *sp2, *target, *qm;

	memset(r, 0, sizeof(*r));
	r->text = read_file(path, &r->text_len);
	free(path);
	if (!r->text) {
		fail_msg("%s: cannot read request.txt", c->name);
		return; /* not reached: cmocka's fail longjmps, but is not marked noreturn */
	}
	eol = strchr(r->text, '\n');
	assert_non_null(eol);
	sp1 = memchr(r->text, ' ', (size_t)(eol - r->text));
	assert_non_null(sp1);
	for (sp2 = eol; sp2 > sp1 && *sp2 != ' '; sp2--)
		;
	assert_true(sp2 > sp1);
	r->method = xstrndup(r->text, (size_t)(sp1 - r->text));
	target = xstrndup(sp1 + 1, (size_t)(sp2 - sp1 - 1));
	qm = strchr(target, '?');
	if (qm) {
		r->raw_query = xstrdup(qm + 1);
		*qm = '\0';
		parse_query(r->raw_query, r->params, &r->n_params);
	}
	r->path = target;

	line = eol + 1;
	while (*line && *line != '\n') {
		eol = strchr(line, '\n');
		if (!eol)
			eol = line + strlen(line);
		if (*line == ' ' || *line == '\t') {
			struct sigv4_pair *h = &r->headers[r->n_headers - 1];
			char *joined;

			assert_true(r->n_headers > 0);
			joined = xasprintf("%s\n%.*s", h->value, (int)(eol - line), line);
			free((char *)h->value);
			h->value = joined;
		} else {
			char *colon = memchr(line, ':', (size_t)(eol - line));

			assert_non_null(colon);
			assert_true(r->n_headers < MAX_PAIRS);
			r->headers[r->n_headers].name = xstrndup(line, (size_t)(colon - line));
			r->headers[r->n_headers].value =
			        xstrndup(colon + 1, (size_t)(eol - colon - 1));
			r->n_headers++;
		}
		line = *eol ? eol + 1 : eol;
	}
	r->head_len = (size_t)(line - r->text);
	if (*line == '\n' && line[1]) {
		r->body = line + 1;
		r->body_len = r->text_len - r->head_len - 1;
	}
}

static bool json_bool(const cJSON *ctx, const char *key, bool dflt)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(ctx, key);

	return cJSON_IsBool(v) ? cJSON_IsTrue(v) : dflt;
}

static char *json_string(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsString(v) ? xstrdup(v->valuestring) : NULL;
}

/* Signing parameters from context.json; the strings are owned by *creds / the returned cfg. */
struct case_ctx {
	struct sigv4_creds creds;
	struct sigv4_config cfg;
	char *service;
	char *region;
};

static void load_context(const struct suite_case *c, struct case_ctx *x)
{
	char *text = case_file(c, "context.json");
	cJSON *ctx = cJSON_Parse(text);
	const cJSON *cr, *exp;
	char *ts;
	struct tm tm = { 0 };

	free(text);
	if (!ctx)
		fail_msg("%s: context.json is not JSON", c->name);
	memset(x, 0, sizeof(*x));
	cr = cJSON_GetObjectItemCaseSensitive(ctx, "credentials");
	x->creds.access_key = json_string(cr, "access_key_id");
	x->creds.secret_key = json_string(cr, "secret_access_key");
	x->creds.token = json_string(cr, "token");
	x->service = json_string(ctx, "service");
	x->region = json_string(ctx, "region");
	ts = json_string(ctx, "timestamp");
	assert_non_null(ts);
	assert_int_equal(sscanf(ts, "%d-%d-%dT%d:%d:%dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
	                        &tm.tm_hour, &tm.tm_min, &tm.tm_sec),
	                 6);
	free(ts);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	x->cfg.when = timegm(&tm);
	exp = cJSON_GetObjectItemCaseSensitive(ctx, "expiration_in_seconds");
	x->cfg.expires = cJSON_IsNumber(exp) ? (long)exp->valuedouble : 0;
	x->cfg.service = x->service;
	x->cfg.region = x->region;
	x->cfg.creds = &x->creds;
	if (!json_bool(ctx, "normalize", true))
		x->cfg.flags |= SIGV4_NO_NORMALIZE;
	if (json_bool(ctx, "sign_body", false))
		x->cfg.flags |= SIGV4_CONTENT_SHA256;
	if (json_bool(ctx, "omit_session_token", false))
		x->cfg.flags |= SIGV4_UNSIGNED_TOKEN;
	cJSON_Delete(ctx);
}

static void free_context(struct case_ctx *x)
{
	free((char *)x->creds.access_key);
	free((char *)x->creds.secret_key);
	free((char *)x->creds.token);
	free(x->service);
	free(x->region);
}

static void expect_file(const struct suite_case *c, const char *file, const char *got)
{
	char *want = case_file(c, file);

	if (strcmp(want, got)) {
		print_error("%s: %s differs\n--- expected\n%s\n--- got\n%s\n", c->name, file, want,
		            got);
		free(want);
		fail();
	}
	free(want);
}

static void sign_case(const struct suite_case *c, bool presign, struct parsed_req *r,
                      struct case_ctx *x, struct sigv4_result *res)
{
	struct sigv4_request req = { 0 };
	struct wa_err err;

	parse_request(c, r);
	load_context(c, x);
	req.method = r->method;
	req.path = r->path;
	req.params = r->params;
	req.n_params = r->n_params;
	req.headers = r->headers;
	req.n_headers = r->n_headers;
	req.body = r->body;
	req.body_len = r->body_len;
	err_clear(&err);
	if ((presign ? sigv4_presign : sigv4_sign)(&req, &x->cfg, res, &err))
		fail_msg("%s: signing failed: %s", c->name, err.msg);
}

static void test_suite_header(void **state)
{
	const struct suite_case *c = *state;
	struct parsed_req r;
	struct case_ctx x;
	struct sigv4_result res;
	char *want;
	size_t n;

	sign_case(c, false, &r, &x, &res);
	expect_file(c, "header-canonical-request.txt", res.canonical_request);
	expect_file(c, "header-string-to-sign.txt", res.string_to_sign);
	expect_file(c, "header-signature.txt", res.signature);

	/* The signed request is the input's head, then our headers in our order, blank, body. */
	char *got = xstrndup(r.text, r.head_len);
	for (size_t i = 0; i < res.n_headers; i++) {
		char *more = xasprintf("%s%s:%s\n", got, res.headers[i].name, res.headers[i].value);

		free(got);
		got = more;
	}
	want = case_file(c, "header-signed-request.txt");
	n = strlen(got);
	if (strncmp(want, got, n) || want[n] != '\n' ||
	    strcmp(want + n + 1, r.body ? r.body : "")) {
		print_error("%s: header-signed-request.txt differs\n--- expected\n%s--- got\n%s\n",
		            c->name, want, got);
		fail();
	}
	free(want);
	free(got);
	sigv4_result_free(&res);
	free_parsed(&r);
	free_context(&x);
	cases_passed++;
}

/* Compares two encoded query strings parameter by parameter after decoding, since the suite
 * writes one raw UTF-8 query where a client sends it encoded. */
static void expect_same_query(const char *name, const char *want, const char *got)
{
	struct sigv4_pair a[MAX_PAIRS], b[MAX_PAIRS];
	size_t na = 0, nb = 0;

	parse_query(want, a, &na);
	parse_query(got, b, &nb);
	if (na != nb)
		fail_msg("%s: query has %zu parameters, expected %zu:\n%s\n%s", name, nb, na, got,
		         want);
	for (size_t i = 0; i < na; i++) {
		if (strcmp(a[i].name, b[i].name) ||
		    strcmp(a[i].value ? a[i].value : "(none)", b[i].value ? b[i].value : "(none)"))
			fail_msg("%s: query parameter %zu differs:\n%s\n%s", name, i + 1, got,
			         want);
		free((char *)a[i].name);
		free((char *)a[i].value);
		free((char *)b[i].name);
		free((char *)b[i].value);
	}
}

static void test_suite_query(void **state)
{
	const struct suite_case *c = *state;
	struct parsed_req r;
	struct case_ctx x;
	struct sigv4_result res;
	char *want, *eol, *sp1, *sp2, *qm;

	sign_case(c, true, &r, &x, &res);
	expect_file(c, "query-canonical-request.txt", res.canonical_request);
	expect_file(c, "query-string-to-sign.txt", res.string_to_sign);
	expect_file(c, "query-signature.txt", res.signature);
	assert_int_equal(res.n_headers, 0);

	/* Request line: the same method and path, and our query; the rest unchanged. */
	want = case_file(c, "query-signed-request.txt");
	eol = strchr(want, '\n');
	assert_non_null(eol);
	*eol = '\0';
	sp1 = strchr(want, ' ');
	sp2 = strrchr(want, ' ');
	assert_true(sp1 && sp2 > sp1);
	*sp1 = *sp2 = '\0';
	qm = strchr(sp1 + 1, '?');
	assert_non_null(qm);
	*qm = '\0';
	assert_string_equal(want, r.method);
	assert_string_equal(sp1 + 1, r.path);
	assert_string_equal(sp2 + 1, "HTTP/1.1");
	expect_same_query(c->name, qm + 1, res.query);
	/* then the headers as given, a blank line and the body */
	const char *hdrs = strchr(r.text, '\n') + 1;
	char *rest = xasprintf("%.*s\n%s", (int)(r.text + r.head_len - hdrs), hdrs,
	                       r.body ? r.body : "");
	assert_string_equal(eol + 1, rest);
	free(rest);
	free(want);
	sigv4_result_free(&res);
	free_parsed(&r);
	free_context(&x);
	cases_passed++;
}

/* Every directory holding request.txt is a case, and so is every directory without
 * subdirectories (one missing its files then fails instead of vanishing from the count). */
static void find_cases(const char *dir, const char *rel)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	bool has_sub = false, has_req = false;

	if (!d)
		return;
	while ((e = readdir(d))) {
		char *sub;
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		sub = xasprintf("%s/%s", dir, e->d_name);
		if (stat(sub, &st) == 0 && S_ISDIR(st.st_mode)) {
			char *subrel =
			        rel[0] ? xasprintf("%s/%s", rel, e->d_name) : xstrdup(e->d_name);

			has_sub = true;
			find_cases(sub, subrel);
			free(subrel);
		} else if (!strcmp(e->d_name, "request.txt")) {
			has_req = true;
		}
		free(sub);
	}
	closedir(d);
	if (rel[0] && (has_req || !has_sub)) {
		cases = xgrow(cases, &cap_cases, n_cases + 1, sizeof(*cases));
		cases[n_cases].dir = xstrdup(dir);
		cases[n_cases].name = xstrdup(rel);
		n_cases++;
	}
}

static int cmp_case(const void *a, const void *b)
{
	return strcmp(((const struct suite_case *)a)->name, ((const struct suite_case *)b)->name);
}

/* Runs last: all cases found ran both ways, and the suite is really there. */
static void test_suite_count(void **state)
{
	(void)state;
	if (suite_missing)
		fail_msg("SigV4 test suite not found at %s (run from the repository root)",
		         suite_root);
	print_message("SigV4 suite: %zu cases found, %zu header+query runs completed\n", n_cases,
	              cases_passed);
	assert_true(n_cases >= SUITE_MIN_CASES);
	assert_int_equal(cases_passed, 2 * n_cases);
}

/* ---- URI helpers ----------------------------------------------------------------------- */

static void expect_encode(const char *in, bool keep_slash, const char *want)
{
	char *got = uri_encode(in, strlen(in), keep_slash);

	assert_string_equal(got, want);
	free(got);
}

static void test_uri_encode(void **state)
{
	(void)state;
	expect_encode("AZaz09-_.~", false, "AZaz09-_.~");
	expect_encode("a b+c", false, "a%20b%2Bc");
	expect_encode("/p/q", false, "%2Fp%2Fq");
	expect_encode("/p/q", true, "/p/q");
	expect_encode("\xe1\x88\xb4", false, "%E1%88%B4");
	expect_encode("!*'();:@&=$,?#[]%", false,
	              "%21%2A%27%28%29%3B%3A%40%26%3D%24%2C%3F%23%5B%5D%25");
	expect_encode("", false, "");

	char *got = uri_encode_path_once("/a%20b c/%2f%zz%4");
	assert_string_equal(got, "/a%20b%20c/%2f%25zz%254");
	free(got);
}

static void test_uri_decode(void **state)
{
	char *out = NULL;

	(void)state;
	assert_int_equal(uri_decode("a%20b+%E1%88%b4", 15, &out), 0);
	assert_string_equal(out, "a b+\xe1\x88\xb4");
	free(out);
	assert_int_equal(uri_decode("x=1", 1, &out), 0); /* only the n bytes given */
	assert_string_equal(out, "x");
	free(out);
	out = NULL;
	assert_int_equal(uri_decode("%", 1, &out), -1);
	assert_int_equal(uri_decode("ab%4", 4, &out), -1);
	assert_int_equal(uri_decode("%zz", 3, &out), -1);
	assert_int_equal(uri_decode("a%00b", 5, &out), -1);
	assert_null(out);
}

static void test_uri_normalize(void **state)
{
	static const char *const table[][2] = {
		{ "", "/" },
		{ "/", "/" },
		{ "//", "/" },
		{ "/./", "/" },
		{ "/a/./b/../c", "/a/c" },
		{ "/a/b/..", "/a" },
		{ "//example//", "/example/" },
		{ "/example1/example2/../..", "/" },
		{ "/../../a/", "/a/" },
		{ "/a..b/.c/...", "/a..b/.c/..." },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		char *got = uri_normalize_path(table[i][0]);

		if (strcmp(got, table[i][1]))
			fail_msg("normalize \"%s\": got \"%s\", want \"%s\"", table[i][0], got,
			         table[i][1]);
		free(got);
	}
}

/* ---- behaviour beyond the suite ------------------------------------------------------- */

static const struct sigv4_creds docs_creds = { "AKIAIOSFODNN7EXAMPLE",
	                                       "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", NULL };

static const char *find_field(const struct sigv4_field *f, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcasecmp(f[i].name, name))
			return f[i].value;
	return NULL;
}

/* AWS S3 documentation, "Signature calculation: transferring payload in a single chunk",
 * example GET Object: the values printed there. */
static void test_s3_docs_get_object(void **state)
{
	struct sigv4_pair hdrs[] = { { "Range", "bytes=0-9" } };
	struct sigv4_request req = { .method = "GET",
		                     .host = "examplebucket.s3.amazonaws.com",
		                     .path = "/test.txt",
		                     .headers = hdrs,
		                     .n_headers = 1 };
	struct sigv4_config cfg = { .service = "s3",
		                    .region = "us-east-1",
		                    .when = 1369353600 /* 2013-05-24T00:00:00Z */,
		                    .creds = &docs_creds,
		                    .flags = SIGV4_S3 };
	struct sigv4_result res;
	struct wa_err err;

	(void)state;
	assert_int_equal(sigv4_sign(&req, &cfg, &res, &err), 0);
	assert_string_equal(
	        find_field(res.headers, res.n_headers, "Authorization"),
	        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/"
	        "aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
	        "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
	assert_string_equal(find_field(res.headers, res.n_headers, "x-amz-content-sha256"),
	                    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	assert_string_equal(find_field(res.headers, res.n_headers, "X-Amz-Date"),
	                    "20130524T000000Z");
	assert_null(find_field(res.headers, res.n_headers, "X-Amz-Security-Token"));
	sigv4_result_free(&res);
}

/* AWS S3 documentation, "Authenticating requests: using query parameters", example. */
static void test_s3_docs_presigned(void **state)
{
	struct sigv4_request req = { .method = "GET",
		                     .host = "examplebucket.s3.amazonaws.com",
		                     .path = "/test.txt" };
	struct sigv4_config cfg = { .service = "s3",
		                    .region = "us-east-1",
		                    .when = 1369353600,
		                    .creds = &docs_creds,
		                    .flags = SIGV4_S3 | SIGV4_UNSIGNED_PAYLOAD,
		                    .expires = 86400 };
	struct sigv4_result res;
	struct wa_err err;

	(void)state;
	assert_int_equal(sigv4_presign(&req, &cfg, &res, &err), 0);
	assert_string_equal(res.signature,
	                    "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
	assert_string_equal(
	        res.query, "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE"
	                   "%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z"
	                   "&X-Amz-SignedHeaders=host&X-Amz-Expires=86400&X-Amz-Signature="
	                   "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
	assert_int_equal(res.n_headers, 0);
	assert_string_equal(find_field(res.params, res.n_params, "X-Amz-Expires"), "86400");
	sigv4_result_free(&res);
}

static const struct sigv4_creds test_creds = { "AKIDEXAMPLE", "s3cr3t+K3y/ZZZ-not-in-output",
	                                       "tok/en+=" };

/* The canonical request's lines, split in place; returns how many. */
static size_t creq_lines(char *creq, char **lines, size_t max)
{
	size_t n = 0;

	lines[n++] = creq;
	for (char *p = creq; *p && n < max; p++)
		if (*p == '\n') {
			*p = '\0';
			lines[n++] = p + 1;
		}
	return n;
}

static void test_paths_and_flags(void **state)
{
	struct sigv4_request req = { .method = "PUT",
		                     .host = "h.example",
		                     .path = "/a%20b/./c/../d",
		                     .body = "hello",
		                     .body_len = 5 };
	struct sigv4_config cfg = {
		.service = "svc", .region = "eu-west-1", .when = 1440938160, .creds = &test_creds
	};
	struct sigv4_result res;
	struct wa_err err;
	char *lines[32] = { 0 };

	(void)state;
	/* Other services: dot segments go, then the whole path is encoded again ('%' -> %25). */
	assert_int_equal(sigv4_sign(&req, &cfg, &res, &err), 0);
	assert_true(creq_lines(res.canonical_request, lines, 32) > 6);
	assert_string_equal(lines[1], "/a%2520b/d");
	assert_null(find_field(res.headers, res.n_headers, "x-amz-content-sha256"));
	sigv4_result_free(&res);

	/* S3: the path is signed as sent, and the body's hash is sent and signed. */
	cfg.flags = SIGV4_S3;
	assert_int_equal(sigv4_sign(&req, &cfg, &res, &err), 0);
	size_t n = creq_lines(res.canonical_request, lines, 32);
	assert_string_equal(lines[1], "/a%20b/./c/../d");
	/* sha256("hello") */
	assert_string_equal(lines[n - 1],
	                    "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
	assert_string_equal(find_field(res.headers, res.n_headers, "x-amz-content-sha256"),
	                    lines[n - 1]);
	assert_string_equal(lines[n - 2],
	                    "host;x-amz-content-sha256;x-amz-date;x-amz-security-token");
	sigv4_result_free(&res);

	/* Unsigned payload: the constant replaces the hash in both places. */
	cfg.flags = SIGV4_S3 | SIGV4_UNSIGNED_PAYLOAD;
	assert_int_equal(sigv4_sign(&req, &cfg, &res, &err), 0);
	n = creq_lines(res.canonical_request, lines, 32);
	assert_string_equal(lines[n - 1], "UNSIGNED-PAYLOAD");
	assert_string_equal(find_field(res.headers, res.n_headers, "x-amz-content-sha256"),
	                    "UNSIGNED-PAYLOAD");
	sigv4_result_free(&res);

	/* A hash the caller computed (a streamed upload) is used instead of the body. */
	cfg.flags = SIGV4_S3;
	req.payload_hash = "0000000000000000000000000000000000000000000000000000000000000000";
	assert_int_equal(sigv4_sign(&req, &cfg, &res, &err), 0);
	n = creq_lines(res.canonical_request, lines, 32);
	assert_string_equal(lines[n - 1], req.payload_hash);
	sigv4_result_free(&res);

	/* Unnormalized but still double-encoded (what the suite's *-unnormalized cases use). */
	req.payload_hash = NULL;
	cfg.flags = SIGV4_NO_NORMALIZE;
	assert_int_equal(sigv4_sign(&req, &cfg, &res, &err), 0);
	creq_lines(res.canonical_request, lines, 32);
	assert_string_equal(lines[1], "/a%2520b/./c/../d");
	sigv4_result_free(&res);
}

static void test_query_and_headers(void **state)
{
	struct sigv4_pair params[] = {
		{ "b", "2" }, { "a", "z" },     { "a b", "1&2=3" },
		{ "a", "y" }, { "flag", NULL }, { "~t", "\xc3\xa9" },
	};
	struct sigv4_pair hdrs[] = {
		{ "X-Multi", " one  " },          { "User-Agent", "curl/8" },
		{ "x-multi", "two\tthree" },      { "Host", "explicit.example:8443" },
		{ "Content-Type", "text/plain" },
	};
	struct sigv4_request req = { .method = "GET",
		                     .host = "ignored.example",
		                     .path = "",
		                     .params = params,
		                     .n_params = 6,
		                     .headers = hdrs,
		                     .n_headers = 5 };
	struct sigv4_config cfg = { .service = "svc",
		                    .region = "eu-west-1",
		                    .when = 1440938160,
		                    .creds = &test_creds,
		                    .flags = SIGV4_UNSIGNED_TOKEN };
	struct sigv4_result res;
	struct wa_err err;
	char *lines[32] = { 0 };

	(void)state;
	assert_int_equal(sigv4_sign(&req, &cfg, &res, &err), 0);
	/* The URL keeps the caller's order; a bare name stays bare. */
	assert_string_equal(res.query, "b=2&a=z&a%20b=1%262%3D3&a=y&flag&~t=%C3%A9");
	size_t n = creq_lines(res.canonical_request, lines, 32);
	assert_int_equal(n, 10);
	assert_string_equal(lines[0], "GET");
	assert_string_equal(lines[1], "/");
	/* Sorted by encoded name, then value; a bare name signs with an empty value. */
	assert_string_equal(lines[2], "a=y&a=z&a%20b=1%262%3D3&b=2&flag=&~t=%C3%A9");
	assert_string_equal(lines[3], "content-type:text/plain");
	assert_string_equal(lines[4], "host:explicit.example:8443");
	assert_string_equal(lines[5], "x-amz-date:20150830T123600Z");
	assert_string_equal(lines[6], "x-multi:one,two three");
	assert_string_equal(lines[7], "");
	/* User-Agent is sent but not signed; the token is attached unsigned (flag). */
	assert_string_equal(lines[8], "content-type;host;x-amz-date;x-multi");
	assert_string_equal(res.signed_headers, lines[8]);
	assert_string_equal(lines[9], /* sha256("") */
	                    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	assert_string_equal(find_field(res.headers, res.n_headers, "X-Amz-Security-Token"),
	                    "tok/en+=");
	/* Header names keep the suite's spelling and order. */
	assert_int_equal(res.n_headers, 3);
	assert_string_equal(res.headers[0].name, "X-Amz-Security-Token");
	assert_string_equal(res.headers[1].name, "X-Amz-Date");
	assert_string_equal(res.headers[2].name, "Authorization");
	sigv4_result_free(&res);

	/* Signed token: in the canonical headers and SignedHeaders. */
	cfg.flags = 0;
	assert_int_equal(sigv4_sign(&req, &cfg, &res, &err), 0);
	assert_non_null(strstr(res.canonical_request, "\nx-amz-security-token:tok/en+=\n"));
	assert_string_equal(res.signed_headers,
	                    "content-type;host;x-amz-date;x-amz-security-token;x-multi");
	const char *authz = find_field(res.headers, res.n_headers, "Authorization");
	assert_non_null(authz);
	assert_non_null(strstr(authz, "SignedHeaders=content-type;host;x-amz-date;"
	                              "x-amz-security-token;x-multi, Signature="));
	sigv4_result_free(&res);

	/* Presigned: the token is a signed query parameter, encoded. */
	cfg.expires = 60;
	req.n_headers = 0;
	req.host = "h.example";
	assert_int_equal(sigv4_presign(&req, &cfg, &res, &err), 0);
	assert_non_null(strstr(res.canonical_request, "&X-Amz-Security-Token=tok%2Fen%2B%3D&"));
	assert_non_null(strstr(res.query, "&X-Amz-Expires=60&X-Amz-Security-Token=tok%2Fen%2B%3D"
	                                  "&X-Amz-Signature="));
	assert_string_equal(res.signed_headers, "host");
	sigv4_result_free(&res);
}

static void test_time_changes_signature(void **state)
{
	struct sigv4_request req = { .method = "GET", .host = "h", .path = "/" };
	struct sigv4_config cfg = {
		.service = "s", .region = "r", .when = 1440938160, .creds = &test_creds
	};
	struct sigv4_result a, b;
	struct wa_err err;

	(void)state;
	assert_int_equal(sigv4_sign(&req, &cfg, &a, &err), 0);
	assert_int_equal(sigv4_sign(&req, &cfg, &b, &err), 0);
	assert_string_equal(a.signature, b.signature); /* no clock inside */
	sigv4_result_free(&b);
	cfg.when += 1;
	assert_int_equal(sigv4_sign(&req, &cfg, &b, &err), 0);
	assert_string_not_equal(a.signature, b.signature);
	assert_string_equal(find_field(b.headers, b.n_headers, "X-Amz-Date"), "20150830T123601Z");
	sigv4_result_free(&a);
	sigv4_result_free(&b);
	sigv4_result_free(&b); /* twice is fine */
}

/* Nothing the signer hands back, on success or failure, contains the secret key. */
static void test_secret_never_output(void **state)
{
	struct sigv4_pair hdrs[] = { { "X-Echo", "s3cr3t" } };
	struct sigv4_request req = { .method = "POST",
		                     .host = "h",
		                     .path = "/x",
		                     .headers = hdrs,
		                     .n_headers = 1,
		                     .body = "b",
		                     .body_len = 1 };
	struct sigv4_config cfg = { .service = "s",
		                    .region = "r",
		                    .when = 1440938160,
		                    .creds = &test_creds,
		                    .flags = SIGV4_CONTENT_SHA256,
		                    .expires = 5 };
	const char *secret = test_creds.secret_key;
	struct sigv4_result res;
	struct wa_err err;

	(void)state;
	for (int presign = 0; presign < 2; presign++) {
		assert_int_equal((presign ? sigv4_presign : sigv4_sign)(&req, &cfg, &res, &err), 0);
		assert_null(strstr(res.canonical_request, secret));
		assert_null(strstr(res.string_to_sign, secret));
		assert_null(strstr(res.query, secret));
		for (size_t i = 0; i < res.n_headers; i++)
			assert_null(strstr(res.headers[i].value, secret));
		for (size_t i = 0; i < res.n_params; i++)
			assert_null(strstr(res.params[i].value, secret));
		sigv4_result_free(&res);
	}
	req.method = "BAD METHOD";
	err_clear(&err);
	assert_int_equal(sigv4_sign(&req, &cfg, &res, &err), -1);
	assert_null(strstr(err.msg, secret));
}

/* ---- refusals -------------------------------------------------------------------------- */

/* Signs (or presigns) and expects failure with a message mentioning msg_part, an empty
 * result, and the error record filled. */
static void expect_refused(const struct sigv4_request *req, const struct sigv4_config *cfg,
                           bool presign, const char *msg_part)
{
	struct sigv4_result res;
	struct wa_err err;

	err_clear(&err);
	res.canonical_request = (char *)"garbage"; /* overwritten, never freed */
	if ((presign ? sigv4_presign : sigv4_sign)(req, cfg, &res, &err) != -1)
		fail_msg("signing succeeded; expected a refusal mentioning \"%s\"", msg_part);
	assert_true(err_isset(&err));
	if (!strstr(err.msg, msg_part))
		fail_msg("error \"%s\" does not mention \"%s\"", err.msg, msg_part);
	assert_null(res.headers);
	assert_null(res.query);
	sigv4_result_free(&res);
}

static void test_refusals(void **state)
{
	struct sigv4_creds creds = test_creds;
	struct sigv4_pair hdr[1] = { { "X-Ok", "v" } };
	struct sigv4_pair prm[1] = { { "X-Amz-Signature", "x" } };
	struct sigv4_request good = { .method = "GET", .host = "h.example", .path = "/" };
	struct sigv4_config gcfg = { .service = "svc",
		                     .region = "us-east-1",
		                     .when = 1440938160,
		                     .creds = &creds,
		                     .expires = 3600 };
	struct sigv4_request req;
	struct sigv4_config cfg;
	struct sigv4_result res;
	struct wa_err err;

	(void)state;
	assert_int_equal(sigv4_sign(&good, &gcfg, &res, &err), 0);
	sigv4_result_free(&res);
	assert_int_equal(sigv4_presign(&good, &gcfg, &res, &err), 0);
	sigv4_result_free(&res);

	/* credentials */
	cfg = gcfg;
	cfg.creds = NULL;
	expect_refused(&good, &cfg, false, "no credentials");
	expect_refused(&good, &cfg, true, "no credentials");
	cfg = gcfg;
	creds.access_key = "";
	expect_refused(&good, &cfg, false, "access key");
	creds.access_key = "AK/ID";
	expect_refused(&good, &cfg, false, "access key");
	creds = test_creds;
	creds.secret_key = NULL;
	expect_refused(&good, &cfg, false, "secret access key");
	creds.secret_key = "";
	expect_refused(&good, &cfg, true, "secret access key");
	creds = test_creds;
	creds.token = "to\nken";
	expect_refused(&good, &cfg, false, "session token");
	creds = test_creds;

	/* scope */
	cfg.service = NULL;
	expect_refused(&good, &cfg, false, "service");
	cfg.service = "s/3";
	expect_refused(&good, &cfg, false, "service");
	cfg = gcfg;
	cfg.region = "";
	expect_refused(&good, &cfg, false, "region");
	cfg = gcfg;
	cfg.when = (time_t)400000000000LL; /* year 12645: no 4-digit date */
	expect_refused(&good, &cfg, false, "time");

	/* presigned lifetime */
	cfg = gcfg;
	cfg.expires = 0;
	expect_refused(&good, &cfg, true, "lifetime");
	cfg.expires = 604801;
	expect_refused(&good, &cfg, true, "lifetime");
	cfg.expires = 604800;
	assert_int_equal(sigv4_presign(&good, &cfg, &res, &err), 0);
	sigv4_result_free(&res);

	/* request line */
	req = good;
	req.method = NULL;
	expect_refused(&req, &gcfg, false, "method");
	req.method = "G T";
	expect_refused(&req, &gcfg, false, "method");
	req = good;
	req.path = NULL;
	expect_refused(&req, &gcfg, false, "path");
	req.path = "relative/x";
	expect_refused(&req, &gcfg, false, "does not start with '/'");
	req.path = "/a?b=c";
	expect_refused(&req, &gcfg, false, "path");
	req.path = "/a\nb";
	expect_refused(&req, &gcfg, false, "path");
	req = good;
	req.host = NULL;
	expect_refused(&req, &gcfg, false, "no host");
	req.host = "bad host";
	expect_refused(&req, &gcfg, false, "host");

	/* headers */
	req = good;
	req.headers = hdr;
	req.n_headers = 1;
	hdr[0] = (struct sigv4_pair){ "Bad Name", "v" };
	expect_refused(&req, &gcfg, false, "header name");
	hdr[0] = (struct sigv4_pair){ "", "v" };
	expect_refused(&req, &gcfg, false, "header name");
	hdr[0] = (struct sigv4_pair){ "X-Ok", NULL };
	expect_refused(&req, &gcfg, false, "no value");
	hdr[0] = (struct sigv4_pair){ "X-Ok", "a\nInjected: yes" };
	expect_refused(&req, &gcfg, false, "line break");
	hdr[0] = (struct sigv4_pair){ "X-Ok", "a\x01" };
	expect_refused(&req, &gcfg, false, "control character");
	hdr[0] = (struct sigv4_pair){ "authorization", "AWS4-HMAC-SHA256 x" };
	expect_refused(&req, &gcfg, false, "set by the signer");
	expect_refused(&req, &gcfg, true, "set by the signer");
	hdr[0] = (struct sigv4_pair){ "X-Amz-Date", "20150830T123600Z" };
	expect_refused(&req, &gcfg, false, "set by the signer");
	hdr[0] = (struct sigv4_pair){ "X-Amz-Security-Token", "t" };
	expect_refused(&req, &gcfg, false, "set by the signer");
	cfg = gcfg;
	cfg.flags = SIGV4_S3;
	hdr[0] = (struct sigv4_pair){ "X-Amz-Content-SHA256", "UNSIGNED-PAYLOAD" };
	expect_refused(&req, &cfg, false, "set by the signer");
	/* the same header is fine where the signer does not add it */
	assert_int_equal(sigv4_sign(&req, &gcfg, &res, &err), 0);
	sigv4_result_free(&res);
	/* folded lines are fine */
	hdr[0] = (struct sigv4_pair){ "X-Ok", "a\r\n\tb" };
	assert_int_equal(sigv4_sign(&req, &gcfg, &res, &err), 0);
	assert_non_null(strstr(res.canonical_request, "\nx-ok:a b\n"));
	sigv4_result_free(&res);

	/* query */
	req = good;
	req.params = prm;
	req.n_params = 1;
	expect_refused(&req, &gcfg, true, "set by the signer");
	assert_int_equal(sigv4_sign(&req, &gcfg, &res, &err), 0); /* only presigning adds it */
	sigv4_result_free(&res);
	prm[0] = (struct sigv4_pair){ NULL, "x" };
	expect_refused(&req, &gcfg, false, "no name");

	/* payload */
	req = good;
	req.payload_hash = "ABCDEF";
	expect_refused(&req, &gcfg, false, "payload hash");
	req.payload_hash = "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855";
	expect_refused(&req, &gcfg, false, "payload hash");
	req.payload_hash = NULL;
	req.body_len = 3;
	expect_refused(&req, &gcfg, false, "body");
}

int main(void)
{
	struct CMUnitTest *tests;
	size_t n = 0;
	int failed;
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(test_uri_encode),
		cmocka_unit_test(test_uri_decode),
		cmocka_unit_test(test_uri_normalize),
		cmocka_unit_test(test_s3_docs_get_object),
		cmocka_unit_test(test_s3_docs_presigned),
		cmocka_unit_test(test_paths_and_flags),
		cmocka_unit_test(test_query_and_headers),
		cmocka_unit_test(test_time_changes_signature),
		cmocka_unit_test(test_secret_never_output),
		cmocka_unit_test(test_refusals),
	};
	size_t n_fixed = sizeof(fixed) / sizeof(fixed[0]);
	struct stat st;

	suite_root = xstrdup("tests/vectors/sigv4");
	if (stat(suite_root, &st) != 0 || !S_ISDIR(st.st_mode)) {
		suite_missing = true;
		fprintf(stderr, "test_sigv4: FAIL: SigV4 test suite not found at %s\n", suite_root);
	} else {
		find_cases(suite_root, "");
		qsort(cases, n_cases, sizeof(*cases), cmp_case);
	}

	/* One test per case and signing form, named after the case directory. */
	tests = xcalloc(n_fixed + 2 * n_cases + 1, sizeof(*tests));
	for (size_t i = 0; i < n_fixed; i++)
		tests[n++] = fixed[i];
	for (size_t i = 0; i < n_cases; i++) {
		char *hname = xasprintf("suite/%s/header", cases[i].name);
		char *qname = xasprintf("suite/%s/query", cases[i].name);

		tests[n++] = (struct CMUnitTest){ .name = hname,
			                          .test_func = test_suite_header,
			                          .initial_state = &cases[i] };
		tests[n++] = (struct CMUnitTest){ .name = qname,
			                          .test_func = test_suite_query,
			                          .initial_state = &cases[i] };
	}
	tests[n++] = (struct CMUnitTest){ .name = "suite_count", .test_func = test_suite_count };

	failed = _cmocka_run_group_tests("sigv4", tests, n, NULL, NULL);

	for (size_t i = n_fixed; i + 1 < n; i++)
		free((char *)tests[i].name);
	free(tests);
	for (size_t i = 0; i < n_cases; i++) {
		free(cases[i].dir);
		free(cases[i].name);
	}
	free(cases);
	free(suite_root);
	return failed || suite_missing ? 1 : 0;
}
