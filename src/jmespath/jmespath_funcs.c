/* The JMESPath built-in functions and their type checks. Behaviour follows the spec and,
 * where it is silent, jmespath.py (the aws CLI): min/max/sort also take strings, sort_by is
 * stable, to_string() writes compact ASCII JSON, to_number() reads what Python's int() and
 * float() read (except "nan" and "inf", which no JSON number can hold). */
#include "jmespath/jmespath_int.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static const cJSON *type_error(struct jp_eval *ev, const struct jp_node *n, size_t arg,
                               const char *wanted, int got)
{
	jp_fail(ev->err, JMESPATH_ERR_INVALID_TYPE, n->col, "%s() argument %zu must be %s, got %s",
	        n->name, arg + 1, wanted, jp_type_name(got));
	return NULL;
}

static size_t count(const cJSON *v)
{
	size_t k = 0;

	for (const cJSON *c = v->child; c; c = c->next)
		k++;
	return k;
}

/* The elements of an array as a C array (free()); *n gets their number. */
static const cJSON **elements(const cJSON *arr, size_t *n)
{
	const cJSON **e = xmalloc(sizeof(*e) * (count(arr) + 1));

	*n = 0;
	for (const cJSON *c = arr->child; c; c = c->next)
		e[(*n)++] = c;
	return e;
}

static const cJSON *fn_abs(struct jp_eval *ev, const struct jp_node *n, const cJSON **a, size_t na)
{
	(void)n, (void)na;
	return jp_number(ev, fabs(a[0]->valuedouble));
}

static const cJSON *fn_avg(struct jp_eval *ev, const struct jp_node *n, const cJSON **a, size_t na)
{
	double sum = 0;
	size_t k = 0;

	(void)n, (void)na;
	for (const cJSON *c = a[0]->child; c; c = c->next, k++)
		sum += c->valuedouble;
	return k ? jp_number(ev, sum / (double)k) : ev->null_v;
}

static const cJSON *fn_ceil(struct jp_eval *ev, const struct jp_node *n, const cJSON **a, size_t na)
{
	(void)n, (void)na;
	return jp_number(ev, ceil(a[0]->valuedouble));
}

static const cJSON *fn_floor(struct jp_eval *ev, const struct jp_node *n, const cJSON **a,
                             size_t na)
{
	(void)n, (void)na;
	return jp_number(ev, floor(a[0]->valuedouble));
}

static const cJSON *fn_contains(struct jp_eval *ev, const struct jp_node *n, const cJSON **a,
                                size_t na)
{
	(void)n, (void)na;
	if (jp_type(a[0]) == JT_STRING)
		return jp_bool(ev, jp_type(a[1]) == JT_STRING &&
		                           strstr(a[0]->valuestring, a[1]->valuestring) != NULL);
	for (const cJSON *c = a[0]->child; c; c = c->next)
		if (jp_equal(c, a[1]))
			return ev->true_v;
	return ev->false_v;
}

static const cJSON *fn_ends_with(struct jp_eval *ev, const struct jp_node *n, const cJSON **a,
                                 size_t na)
{
	size_t ls = strlen(a[0]->valuestring), lx = strlen(a[1]->valuestring);

	(void)n, (void)na;
	/* Byte comparison is code-point comparison for valid UTF-8. */
	return jp_bool(ev,
	               lx <= ls && memcmp(a[0]->valuestring + ls - lx, a[1]->valuestring, lx) == 0);
}

static const cJSON *fn_starts_with(struct jp_eval *ev, const struct jp_node *n, const cJSON **a,
                                   size_t na)
{
	size_t lx = strlen(a[1]->valuestring);

	(void)n, (void)na;
	return jp_bool(ev, strncmp(a[0]->valuestring, a[1]->valuestring, lx) == 0);
}

static const cJSON *fn_join(struct jp_eval *ev, const struct jp_node *n, const cJSON **a, size_t na)
{
	size_t total = 1, ls = strlen(a[0]->valuestring), at = 0, k;
	const cJSON *c;
	const cJSON *r;
	char *s;

	(void)na;
	for (c = a[1]->child; c; c = c->next)
		total += strlen(c->valuestring) + ls;
	if (ev->bytes + total > ev->max_bytes) {
		ev->bytes += total;
		jp_over_budget(ev, n);
		return NULL;
	}
	s = xmalloc(total);
	for (c = a[1]->child; c; c = c->next) {
		if (c != a[1]->child) {
			memcpy(s + at, a[0]->valuestring, ls);
			at += ls;
		}
		k = strlen(c->valuestring);
		memcpy(s + at, c->valuestring, k);
		at += k;
	}
	s[at] = '\0';
	r = jp_string(ev, s);
	free(s);
	return r;
}

static const cJSON *fn_keys(struct jp_eval *ev, const struct jp_node *n, const cJSON **a, size_t na)
{
	cJSON *out = jp_new_array(ev);

	(void)n, (void)na;
	for (const cJSON *c = a[0]->child; c; c = c->next) {
		cJSON_AddItemToArray(out, jp_must(cJSON_CreateString(c->string ? c->string : "")));
		ev->made++;
	}
	return out;
}

static const cJSON *fn_values(struct jp_eval *ev, const struct jp_node *n, const cJSON **a,
                              size_t na)
{
	cJSON *out = jp_new_array(ev);

	(void)n, (void)na;
	for (const cJSON *c = a[0]->child; c; c = c->next)
		jp_append(ev, out, c);
	return out;
}

static const cJSON *fn_length(struct jp_eval *ev, const struct jp_node *n, const cJSON **a,
                              size_t na)
{
	(void)n, (void)na;
	if (jp_type(a[0]) == JT_STRING)
		return jp_number(ev, (double)utf8_len(a[0]->valuestring));
	return jp_number(ev, (double)count(a[0]));
}

static const cJSON *fn_map(struct jp_eval *ev, const struct jp_node *n, const cJSON **a, size_t na)
{
	cJSON *out = jp_new_array(ev);
	const cJSON *r;

	(void)na;
	for (const cJSON *c = a[1]->child; c; c = c->next) {
		if (!(r = jp_eval_node(ev, n->kids[0]->kids[0], c)))
			return NULL;
		jp_append(ev, out, r);
	}
	return out;
}

/* Orders two numbers or two strings (the type checks guarantee the pair). */
static int order(const cJSON *x, const cJSON *y)
{
	if (jp_type(x) == JT_NUMBER)
		return x->valuedouble < y->valuedouble ? -1 : x->valuedouble > y->valuedouble;
	return jp_strcmp(x->valuestring, y->valuestring);
}

static const cJSON *extreme(struct jp_eval *ev, const cJSON *arr, int sign)
{
	const cJSON *best = arr->child;

	/* The first of equal extremes wins, as with Python's min() and max(). */
	for (const cJSON *c = arr->child; c; c = c->next)
		if (order(c, best) * sign > 0)
			best = c;
	return best ? best : ev->null_v;
}

static const cJSON *fn_max(struct jp_eval *ev, const struct jp_node *n, const cJSON **a, size_t na)
{
	(void)n, (void)na;
	return extreme(ev, a[0], 1);
}

static const cJSON *fn_min(struct jp_eval *ev, const struct jp_node *n, const cJSON **a, size_t na)
{
	(void)n, (void)na;
	return extreme(ev, a[0], -1);
}

/* Element plus sort key; idx keeps qsort() stable. */
struct keyed {
	const cJSON *v, *key;
	size_t idx;
};

static int keyed_cmp(const void *pa, const void *pb)
{
	const struct keyed *x = pa, *y = pb;
	int c = order(x->key, y->key);

	return c ? c : (x->idx > y->idx) - (x->idx < y->idx);
}

/* Evaluates the expref argument on each element of arr. Every key must be a number or a
 * string, all of one type. Returns the keyed elements (free()), or NULL with the error. */
static struct keyed *keys_of(struct jp_eval *ev, const struct jp_node *n, const cJSON *arr,
                             size_t *nk)
{
	size_t k = 0;
	struct keyed *ks = xmalloc(sizeof(*ks) * (count(arr) + 1));
	int t, first = 0;

	for (const cJSON *c = arr->child; c; c = c->next, k++) {
		ks[k].v = c;
		ks[k].idx = k;
		ks[k].key = jp_eval_node(ev, n->kids[1]->kids[0], c);
		if (!ks[k].key)
			goto fail;
		t = jp_type(ks[k].key);
		if (k == 0)
			first = t;
		if ((t != JT_NUMBER && t != JT_STRING) || t != first) {
			jp_fail(ev->err, JMESPATH_ERR_INVALID_TYPE, n->col,
			        "%s() expression must give %s for every element, got %s", n->name,
			        first == JT_NUMBER || first == JT_STRING ? jp_type_name(first)
			                                                 : "numbers or strings",
			        jp_type_name(t));
			goto fail;
		}
	}
	*nk = k;
	return ks;
fail:
	free(ks);
	return NULL;
}

static const cJSON *fn_sort_by(struct jp_eval *ev, const struct jp_node *n, const cJSON **a,
                               size_t na)
{
	size_t nk;
	struct keyed *ks = keys_of(ev, n, a[0], &nk);
	cJSON *out;

	(void)na;
	if (!ks)
		return NULL;
	qsort(ks, nk, sizeof(*ks), keyed_cmp);
	out = jp_new_array(ev);
	for (size_t i = 0; i < nk; i++)
		jp_append(ev, out, ks[i].v);
	free(ks);
	return out;
}

static const cJSON *by_extreme(struct jp_eval *ev, const struct jp_node *n, const cJSON **a,
                               int sign)
{
	size_t nk, best = 0;
	struct keyed *ks = keys_of(ev, n, a[0], &nk);
	const cJSON *r;

	if (!ks)
		return NULL;
	for (size_t i = 1; i < nk; i++)
		if (order(ks[i].key, ks[best].key) * sign > 0)
			best = i;
	r = nk ? ks[best].v : ev->null_v;
	free(ks);
	return r;
}

static const cJSON *fn_max_by(struct jp_eval *ev, const struct jp_node *n, const cJSON **a,
                              size_t na)
{
	(void)na;
	return by_extreme(ev, n, a, 1);
}

static const cJSON *fn_min_by(struct jp_eval *ev, const struct jp_node *n, const cJSON **a,
                              size_t na)
{
	(void)na;
	return by_extreme(ev, n, a, -1);
}

static const cJSON *fn_sort(struct jp_eval *ev, const struct jp_node *n, const cJSON **a, size_t na)
{
	size_t k = 0;
	struct keyed *ks = xmalloc(sizeof(*ks) * (count(a[0]) + 1));
	cJSON *out = jp_new_array(ev);

	(void)n, (void)na;
	for (const cJSON *c = a[0]->child; c; c = c->next, k++) {
		ks[k].v = ks[k].key = c;
		ks[k].idx = k;
	}
	qsort(ks, k, sizeof(*ks), keyed_cmp);
	for (size_t i = 0; i < k; i++)
		jp_append(ev, out, ks[i].v);
	free(ks);
	return out;
}

static const cJSON *fn_merge(struct jp_eval *ev, const struct jp_node *n, const cJSON **a,
                             size_t na)
{
	cJSON *out = jp_new_object(ev);

	(void)n;
	for (size_t i = 0; i < na; i++)
		for (const cJSON *c = a[i]->child; c; c = c->next)
			jp_put(ev, out, c->string ? c->string : "", c);
	return out;
}

static const cJSON *fn_not_null(struct jp_eval *ev, const struct jp_node *n, const cJSON **a,
                                size_t na)
{
	(void)n;
	for (size_t i = 0; i < na; i++)
		if (jp_type(a[i]) != JT_NULL)
			return a[i];
	return ev->null_v;
}

static const cJSON *fn_reverse(struct jp_eval *ev, const struct jp_node *n, const cJSON **a,
                               size_t na)
{
	(void)n, (void)na;
	if (jp_type(a[0]) == JT_STRING) {
		const char *s = a[0]->valuestring;
		size_t len = strlen(s), i = 0, k;
		char *r = xmalloc(len + 1);
		const cJSON *v;

		/* Reverse characters, not bytes: copy each UTF-8 sequence whole. */
		while (i < len) {
			for (k = 1; i + k < len && ((unsigned char)s[i + k] & 0xC0) == 0x80; k++)
				;
			memcpy(r + len - i - k, s + i, k);
			i += k;
		}
		r[len] = '\0';
		v = jp_string(ev, r);
		free(r);
		return v;
	}
	{
		size_t k;
		const cJSON **e = elements(a[0], &k);
		cJSON *out = jp_new_array(ev);

		while (k > 0)
			jp_append(ev, out, e[--k]);
		free(e);
		return out;
	}
}

static const cJSON *fn_sum(struct jp_eval *ev, const struct jp_node *n, const cJSON **a, size_t na)
{
	double sum = 0;

	(void)n, (void)na;
	for (const cJSON *c = a[0]->child; c; c = c->next)
		sum += c->valuedouble;
	return jp_number(ev, sum);
}

static const cJSON *fn_to_array(struct jp_eval *ev, const struct jp_node *n, const cJSON **a,
                                size_t na)
{
	cJSON *out;

	(void)n, (void)na;
	if (jp_type(a[0]) == JT_ARRAY)
		return a[0];
	out = jp_new_array(ev);
	jp_append(ev, out, a[0]);
	return out;
}

static const cJSON *fn_to_string(struct jp_eval *ev, const struct jp_node *n, const cJSON **a,
                                 size_t na)
{
	char *s;
	const cJSON *r;

	(void)na;
	if (jp_type(a[0]) == JT_STRING)
		return a[0];
	/* Shared parts print once per occurrence: the text is capped by the string budget. */
	s = json_print_capped(a[0], JSON_COMPACT | JSON_ASCII,
	                      ev->max_bytes > ev->bytes ? ev->max_bytes - ev->bytes : 0);
	if (!s) {
		ev->bytes = ev->max_bytes + 1;
		jp_over_budget(ev, n);
		return NULL;
	}
	r = jp_string(ev, s);
	free(s);
	return r;
}

static int digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Copies the digits at s (Python allows one '_' between two digits) to *o; returns the
 * number of characters read, 0 when there is no digit. */
static size_t digits(const char *s, char **o)
{
	size_t i = 0;

	if (!digit(s[0]))
		return 0;
	for (;;) {
		*(*o)++ = s[i++];
		if (digit(s[i]))
			continue;
		if (s[i] == '_' && digit(s[i + 1])) {
			i++;
			continue;
		}
		return i;
	}
}

/* What Python's int(s), else float(s), accepts: surrounding whitespace, a sign, digits
 * with single underscores, a fraction and an exponent. Returns 0 and *d, or -1. */
static int read_number(const char *s, double *d)
{
	size_t len = strlen(s), i = 0, k;
	char *buf = xmalloc(len + 2), *o = buf, *end;
	char point = localeconv()->decimal_point[0];
	int ok = 0, mant = 0;

	while (s[i] && strchr(" \t\n\v\f\r\x1c\x1d\x1e\x1f", s[i]))
		i++;
	if (s[i] == '+' || s[i] == '-')
		*o++ = s[i++];
	k = digits(s + i, &o);
	mant = k > 0;
	i += k;
	if (s[i] == '.') {
		*o++ = point; /* strtod() reads the locale's decimal point */
		i++;
		k = digits(s + i, &o);
		mant |= k > 0;
		i += k;
	}
	if (mant && (s[i] == 'e' || s[i] == 'E')) {
		*o++ = 'e';
		i++;
		if (s[i] == '+' || s[i] == '-')
			*o++ = s[i++];
		k = digits(s + i, &o);
		mant = k > 0;
		i += k;
	}
	*o = '\0';
	while (s[i] && strchr(" \t\n\v\f\r\x1c\x1d\x1e\x1f", s[i]))
		i++;
	if (mant && s[i] == '\0') {
		*d = strtod(buf, &end);
		ok = *end == '\0' && isfinite(*d);
	}
	free(buf);
	return ok ? 0 : -1;
}

static const cJSON *fn_to_number(struct jp_eval *ev, const struct jp_node *n, const cJSON **a,
                                 size_t na)
{
	double d;

	(void)n, (void)na;
	if (jp_type(a[0]) == JT_NUMBER)
		return a[0];
	if (jp_type(a[0]) == JT_STRING && read_number(a[0]->valuestring, &d) == 0)
		return jp_number(ev, d);
	return ev->null_v;
}

static const cJSON *fn_type(struct jp_eval *ev, const struct jp_node *n, const cJSON **a, size_t na)
{
	(void)n, (void)na;
	return jp_string(ev, jp_type_name(jp_type(a[0])));
}

/* Sorted by name for the reader; lookup is a scan of 26 entries. */
static const struct jp_func funcs[] = {
	{ "abs", 1, 0, { JT_NUMBER }, fn_abs },
	{ "avg", 1, 0, { JT_ARRAY_NUMBER }, fn_avg },
	{ "ceil", 1, 0, { JT_NUMBER }, fn_ceil },
	{ "contains", 2, 0, { JT_ARRAY | JT_STRING, JT_ANY }, fn_contains },
	{ "ends_with", 2, 0, { JT_STRING, JT_STRING }, fn_ends_with },
	{ "floor", 1, 0, { JT_NUMBER }, fn_floor },
	{ "join", 2, 0, { JT_STRING, JT_ARRAY_STRING }, fn_join },
	{ "keys", 1, 0, { JT_OBJECT }, fn_keys },
	{ "length", 1, 0, { JT_STRING | JT_ARRAY | JT_OBJECT }, fn_length },
	{ "map", 2, 0, { JT_EXPREF, JT_ARRAY }, fn_map },
	{ "max", 1, 0, { JT_ARRAY_NUMBER | JT_ARRAY_STRING }, fn_max },
	{ "max_by", 2, 0, { JT_ARRAY, JT_EXPREF }, fn_max_by },
	{ "merge", 1, 1, { JT_OBJECT }, fn_merge },
	{ "min", 1, 0, { JT_ARRAY_NUMBER | JT_ARRAY_STRING }, fn_min },
	{ "min_by", 2, 0, { JT_ARRAY, JT_EXPREF }, fn_min_by },
	{ "not_null", 1, 1, { JT_ANY }, fn_not_null },
	{ "reverse", 1, 0, { JT_ARRAY | JT_STRING }, fn_reverse },
	{ "sort", 1, 0, { JT_ARRAY_NUMBER | JT_ARRAY_STRING }, fn_sort },
	{ "sort_by", 2, 0, { JT_ARRAY, JT_EXPREF }, fn_sort_by },
	{ "starts_with", 2, 0, { JT_STRING, JT_STRING }, fn_starts_with },
	{ "sum", 1, 0, { JT_ARRAY_NUMBER }, fn_sum },
	{ "to_array", 1, 0, { JT_ANY }, fn_to_array },
	{ "to_number", 1, 0, { JT_ANY }, fn_to_number },
	{ "to_string", 1, 0, { JT_ANY }, fn_to_string },
	{ "type", 1, 0, { JT_ANY }, fn_type },
	{ "values", 1, 0, { JT_OBJECT }, fn_values },
};

const struct jp_func *jp_func_lookup(const char *name)
{
	for (size_t i = 0; i < sizeof(funcs) / sizeof(funcs[0]); i++)
		if (strcmp(funcs[i].name, name) == 0)
			return &funcs[i];
	return NULL;
}

/* A signature mask in words: "array of numbers or array of strings". */
static void describe(int mask, char *buf, size_t len)
{
	static const struct {
		int bit;
		const char *name;
	} names[] = {
		{ JT_NUMBER, "number" },
		{ JT_STRING, "string" },
		{ JT_BOOLEAN, "boolean" },
		{ JT_ARRAY, "array" },
		{ JT_OBJECT, "object" },
		{ JT_NULL, "null" },
		{ JT_EXPREF, "expression (&...)" },
		{ JT_ARRAY_NUMBER, "array of numbers" },
		{ JT_ARRAY_STRING, "array of strings" },
	};
	size_t at = 0;

	buf[0] = '\0';
	if ((mask & JT_ANY) == JT_ANY) {
		snprintf(buf, len, "a JSON value");
		return;
	}
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (mask & names[i].bit) {
			at += (size_t)snprintf(buf + at, len - at, "%s%s", at ? " or " : "",
			                       names[i].name);
			if (at >= len)
				return;
		}
}

/* Checks one argument against a mask: for typed arrays, every element must be of the
 * element type; where two element types are allowed, the first element picks one. On a
 * mismatch inside an array, *bad is the first element that does not fit. */
static int arg_ok(const cJSON *v, int mask, const cJSON **bad)
{
	int t = v ? jp_type(v) : JT_EXPREF, want = 0;

	*bad = NULL;
	if (mask & t)
		return 1;
	if (t != JT_ARRAY || !(mask & (JT_ARRAY_NUMBER | JT_ARRAY_STRING)))
		return 0;
	if (!v->child)
		return 1;
	if ((mask & JT_ARRAY_NUMBER) && jp_type(v->child) == JT_NUMBER)
		want = JT_NUMBER;
	else if ((mask & JT_ARRAY_STRING) && jp_type(v->child) == JT_STRING)
		want = JT_STRING;
	for (const cJSON *c = v->child; c; c = c->next)
		if (jp_type(c) != want) {
			*bad = c;
			return 0;
		}
	return 1;
}

const cJSON *jp_func_call(struct jp_eval *ev, const struct jp_node *n, const cJSON **args,
                          size_t nargs)
{
	const struct jp_func *f = n->fn;
	const cJSON *bad;
	char wanted[128];

	for (size_t i = 0; i < nargs; i++) {
		int mask = f->types[i < (size_t)f->nparams ? i : (size_t)f->nparams - 1];

		if (arg_ok(args[i], mask, &bad))
			continue;
		describe(mask, wanted, sizeof(wanted));
		if (bad) {
			jp_fail(ev->err, JMESPATH_ERR_INVALID_TYPE, n->col,
			        "%s() argument %zu must be %s, got an array holding %s %s", n->name,
			        i + 1, wanted,
			        jp_type(bad) == JT_ARRAY || jp_type(bad) == JT_OBJECT ? "an" : "a",
			        jp_type_name(jp_type(bad)));
			return NULL;
		}
		return type_error(ev, n, i, wanted, args[i] ? jp_type(args[i]) : JT_EXPREF);
	}
	return f->call(ev, n, args, nargs);
}
