/* Strict JSON reading: JMESPath's backtick literals and quoted identifiers, the documents
 * `wa-review query` reads, recorded fixtures. Strict where cJSON_Parse() is lenient (it takes
 * "+1", ".5" and control characters), so literals mean what they mean in the aws CLI. */
#include "util/json.h"

#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"
#include "util/xalloc.h"

/* cJSON returns NULL only when out of memory: take xmalloc's out-of-memory path. */
static cJSON *must(cJSON *v)
{
	if (!v)
		xmalloc((size_t)-1);
	return v;
}

struct jparse {
	const unsigned char *s;
	size_t len, pos;
	int depth;
	struct json_err *e;
	int failed;
};

/* Objects with more keys than this find duplicates through a hash table. */
enum { SMALL_OBJECT = 16 };

static void *fail(struct jparse *p, size_t pos, const char *fmt, ...) ATTR_FORMAT(3, 4);

static void *fail(struct jparse *p, size_t pos, const char *fmt, ...)
{
	va_list ap;

	if (p->failed)
		return NULL;
	p->failed = 1;
	p->e->pos = pos;
	va_start(ap, fmt);
	vsnprintf(p->e->msg, sizeof(p->e->msg), fmt, ap);
	va_end(ap);
	return NULL;
}

static void skip_ws(struct jparse *p)
{
	while (p->pos < p->len && (p->s[p->pos] == ' ' || p->s[p->pos] == '\t' ||
	                           p->s[p->pos] == '\n' || p->s[p->pos] == '\r'))
		p->pos++;
}

static void *unexpected(struct jparse *p, const char *wanted)
{
	unsigned char c;

	if (p->pos >= p->len)
		return fail(p, p->pos, "expected %s, got end of input", wanted);
	c = p->s[p->pos];
	if (c >= 0x21 && c < 0x7F)
		return fail(p, p->pos, "expected %s, got '%c'", wanted, c);
	return fail(p, p->pos, "expected %s, got byte 0x%02X", wanted, c);
}

static int hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static long hex4(struct jparse *p, size_t at)
{
	long v = 0;

	if (at + 4 > p->len)
		return -1;
	for (size_t i = 0; i < 4; i++) {
		int h = hexval(p->s[at + i]);

		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

/* Reads the string at p->pos (on its opening quote). Returns it newly allocated (free()),
 * or NULL after fail(). */
static char *parse_string(struct jparse *p)
{
	size_t start = p->pos, cap = 0, n = 0;
	char *out = NULL;

	p->pos++;
	for (;;) {
		unsigned long cp;
		size_t k;
		unsigned char c;

		if (p->pos >= p->len) {
			free(out);
			return fail(p, start, "unterminated string");
		}
		c = p->s[p->pos];
		out = xgrow(out, &cap, n + 5, 1);
		if (c == '"') {
			p->pos++;
			break;
		}
		if (c < 0x20) {
			free(out);
			return fail(p, p->pos,
			            "control character 0x%02X in string (write it as \\u%04X)", c,
			            c);
		}
		if (c != '\\') {
			k = utf8_get(p->s + p->pos, p->len - p->pos, &cp);
			if (!k) {
				free(out);
				return fail(p, p->pos, "invalid UTF-8 in string");
			}
			memcpy(out + n, p->s + p->pos, k);
			n += k;
			p->pos += k;
			continue;
		}
		if (p->pos + 1 >= p->len) {
			free(out);
			return fail(p, start, "unterminated string");
		}
		c = p->s[p->pos + 1];
		switch (c) {
		case '"':
		case '\\':
		case '/':
			out[n++] = (char)c;
			p->pos += 2;
			continue;
		case 'b':
			out[n++] = '\b';
			p->pos += 2;
			continue;
		case 'f':
			out[n++] = '\f';
			p->pos += 2;
			continue;
		case 'n':
			out[n++] = '\n';
			p->pos += 2;
			continue;
		case 'r':
			out[n++] = '\r';
			p->pos += 2;
			continue;
		case 't':
			out[n++] = '\t';
			p->pos += 2;
			continue;
		case 'u': break;
		default:
			free(out);
			return fail(p, p->pos, "invalid escape '\\%c' in string",
			            c >= 0x20 && c < 0x7F ? c : '?');
		}
		{
			long hi = hex4(p, p->pos + 2), lo;
			size_t at = p->pos;

			if (hi < 0) {
				free(out);
				return fail(p, at, "invalid \\u escape (four hex digits expected)");
			}
			p->pos += 6;
			cp = (unsigned long)hi;
			if (hi >= 0xD800 && hi <= 0xDBFF) {
				/* A high surrogate must pair with a low one: together one
				 * character. */
				if (p->pos + 1 < p->len && p->s[p->pos] == '\\' &&
				    p->s[p->pos + 1] == 'u' &&
				    (lo = hex4(p, p->pos + 2)) >= 0xDC00 && lo <= 0xDFFF) {
					cp = 0x10000 + (((unsigned long)hi - 0xD800) << 10) +
					     ((unsigned long)lo - 0xDC00);
					p->pos += 6;
				} else {
					free(out);
					return fail(p, at, "unpaired UTF-16 surrogate \\u%04lX",
					            (unsigned long)hi);
				}
			} else if (hi >= 0xDC00 && hi <= 0xDFFF) {
				free(out);
				return fail(p, at, "unpaired UTF-16 surrogate \\u%04lX",
				            (unsigned long)hi);
			} else if (hi == 0) {
				/* Strings here are C strings: a NUL would silently cut them short.
				 */
				free(out);
				return fail(p, at, "\\u0000 (NUL) in strings is not supported");
			}
			n += utf8_put(out + n, cp);
		}
	}
	out[n] = '\0';
	return out;
}

static double to_double(const char *text, size_t n)
{
	char *buf = xstrndup(text, n), *dot;
	char point = localeconv()->decimal_point[0];
	double d;

	/* strtod() follows LC_NUMERIC; JSON's decimal point is always '.'. */
	if (point != '.' && (dot = strchr(buf, '.')) != NULL)
		*dot = point;
	d = strtod(buf, NULL);
	free(buf);
	return d;
}

static cJSON *parse_number(struct jparse *p)
{
	size_t start = p->pos;
	const unsigned char *s = p->s;

	if (p->pos < p->len && s[p->pos] == '-')
		p->pos++;
	if (p->pos >= p->len || s[p->pos] < '0' || s[p->pos] > '9')
		return fail(p, start, "invalid number");
	if (s[p->pos] == '0') {
		p->pos++;
	} else {
		while (p->pos < p->len && s[p->pos] >= '0' && s[p->pos] <= '9')
			p->pos++;
	}
	if (p->pos < p->len && s[p->pos] == '.') {
		p->pos++;
		if (p->pos >= p->len || s[p->pos] < '0' || s[p->pos] > '9')
			return fail(p, start, "invalid number: digits expected after '.'");
		while (p->pos < p->len && s[p->pos] >= '0' && s[p->pos] <= '9')
			p->pos++;
	}
	if (p->pos < p->len && (s[p->pos] == 'e' || s[p->pos] == 'E')) {
		p->pos++;
		if (p->pos < p->len && (s[p->pos] == '+' || s[p->pos] == '-'))
			p->pos++;
		if (p->pos >= p->len || s[p->pos] < '0' || s[p->pos] > '9')
			return fail(p, start, "invalid number: digits expected in the exponent");
		while (p->pos < p->len && s[p->pos] >= '0' && s[p->pos] <= '9')
			p->pos++;
	}
	return must(cJSON_CreateNumber(to_double((const char *)s + start, p->pos - start)));
}

static int word(struct jparse *p, const char *w)
{
	size_t n = strlen(w);

	if (p->len - p->pos >= n && memcmp(p->s + p->pos, w, n) == 0) {
		p->pos += n;
		return 1;
	}
	return 0;
}

static cJSON *parse_value(struct jparse *p);

static cJSON *parse_array(struct jparse *p)
{
	cJSON *arr = must(cJSON_CreateArray()), *v;

	p->pos++;
	skip_ws(p);
	if (p->pos < p->len && p->s[p->pos] == ']') {
		p->pos++;
		return arr;
	}
	for (;;) {
		v = parse_value(p);
		if (!v) {
			cJSON_Delete(arr);
			return NULL;
		}
		cJSON_AddItemToArray(arr, v);
		skip_ws(p);
		if (p->pos < p->len && p->s[p->pos] == ',') {
			p->pos++;
			skip_ws(p);
			continue;
		}
		if (p->pos < p->len && p->s[p->pos] == ']') {
			p->pos++;
			return arr;
		}
		cJSON_Delete(arr);
		return unexpected(p, "',' or ']'");
	}
}

/* Keys seen in one large object, by hash, to find duplicates without quadratic time. */
struct keyset {
	cJSON **slot;
	size_t cap, n;
};

static size_t key_hash(const char *s)
{
	size_t h = 1469598103934665603u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* The slot holding key, or the empty slot where it would go. */
static cJSON **keyset_find(struct keyset *ks, const char *key)
{
	size_t i = key_hash(key) & (ks->cap - 1);

	while (ks->slot[i] && strcmp(ks->slot[i]->string, key) != 0)
		i = (i + 1) & (ks->cap - 1);
	return &ks->slot[i];
}

static void keyset_add(struct keyset *ks, cJSON *item)
{
	if (2 * (ks->n + 1) > ks->cap) {
		struct keyset big = { xcalloc(ks->cap ? ks->cap * 2 : 64, sizeof(cJSON *)), 0, 0 };

		big.cap = ks->cap ? ks->cap * 2 : 64;
		for (size_t i = 0; i < ks->cap; i++)
			if (ks->slot[i])
				*keyset_find(&big, ks->slot[i]->string) = ks->slot[i];
		free(ks->slot);
		ks->slot = big.slot;
		ks->cap = big.cap;
	}
	*keyset_find(ks, item->string) = item;
	ks->n++;
}

/* The member of obj called key (obj has count members), or NULL. */
static cJSON *find_key(cJSON *obj, size_t count, struct keyset *ks, const char *key)
{
	if (count <= SMALL_OBJECT) {
		for (cJSON *c = obj->child; c; c = c->next)
			if (strcmp(c->string, key) == 0)
				return c;
		return NULL;
	}
	if (!ks->slot)
		for (cJSON *c = obj->child; c; c = c->next)
			keyset_add(ks, c);
	return *keyset_find(ks, key);
}

static cJSON *parse_object(struct jparse *p)
{
	cJSON *obj = must(cJSON_CreateObject()), *v, *old;
	struct keyset ks = { NULL, 0, 0 };
	size_t count = 0;
	char *key;

	p->pos++;
	skip_ws(p);
	if (p->pos < p->len && p->s[p->pos] == '}') {
		p->pos++;
		return obj;
	}
	for (;;) {
		if (p->pos >= p->len || p->s[p->pos] != '"') {
			unexpected(p, count ? "a string key" : "a string key or '}'");
			break;
		}
		key = parse_string(p);
		if (!key)
			break;
		skip_ws(p);
		if (p->pos >= p->len || p->s[p->pos] != ':') {
			free(key);
			unexpected(p, "':'");
			break;
		}
		p->pos++;
		skip_ws(p);
		v = parse_value(p);
		if (!v) {
			free(key);
			break;
		}
		old = find_key(obj, count, &ks, key);
		if (old) {
			/* Like Python's json (so the aws CLI): the last value, at the first place.
			 */
			cJSON **slot = ks.slot ? keyset_find(&ks, key) : NULL;

			v->string = old->string;
			v->type |= old->type & cJSON_StringIsConst;
			old->string = NULL;
			cJSON_ReplaceItemViaPointer(obj, old, v);
			if (slot)
				*slot = v;
		} else {
			cJSON_AddItemToObject(obj, key, v);
			count++;
			if (ks.slot)
				keyset_add(&ks, v);
		}
		free(key);
		skip_ws(p);
		if (p->pos < p->len && p->s[p->pos] == ',') {
			p->pos++;
			skip_ws(p);
			continue;
		}
		if (p->pos < p->len && p->s[p->pos] == '}') {
			p->pos++;
			free(ks.slot);
			return obj;
		}
		unexpected(p, "',' or '}'");
		break;
	}
	free(ks.slot);
	cJSON_Delete(obj);
	return NULL;
}

static cJSON *parse_value(struct jparse *p)
{
	cJSON *v;
	char *s;

	if (p->pos >= p->len)
		return unexpected(p, "a value");
	switch (p->s[p->pos]) {
	case '{':
	case '[':
		if (++p->depth > JSON_MAX_DEPTH) {
			p->e->too_deep = 1;
			return fail(p, p->pos, "nested deeper than %d levels", JSON_MAX_DEPTH);
		}
		v = p->s[p->pos] == '{' ? parse_object(p) : parse_array(p);
		p->depth--;
		return v;
	case '"':
		s = parse_string(p);
		if (!s)
			return NULL;
		v = must(cJSON_CreateString(s));
		free(s);
		return v;
	case 't':
		if (word(p, "true"))
			return must(cJSON_CreateTrue());
		break;
	case 'f':
		if (word(p, "false"))
			return must(cJSON_CreateFalse());
		break;
	case 'n':
		if (word(p, "null"))
			return must(cJSON_CreateNull());
		break;
	default:
		if (p->s[p->pos] == '-' || (p->s[p->pos] >= '0' && p->s[p->pos] <= '9'))
			return parse_number(p);
		break;
	}
	return unexpected(p, "a value");
}

cJSON *json_parse_at(const char *s, size_t len, struct json_err *e)
{
	struct jparse p = { (const unsigned char *)s, len, 0, 0, e, 0 };
	cJSON *v;

	e->pos = 0;
	e->too_deep = 0;
	e->msg[0] = '\0';
	skip_ws(&p);
	v = parse_value(&p);
	if (v) {
		skip_ws(&p);
		if (p.pos < p.len) {
			cJSON_Delete(v);
			v = fail(&p, p.pos, "unexpected data after the JSON value");
		}
	}
	return v;
}

cJSON *json_parse(const char *text, size_t len, const char *name, struct wa_err *err)
{
	struct json_err e;
	size_t linestart = 0;
	int line = 1;
	cJSON *v = json_parse_at(text, len, &e);

	if (v)
		return v;
	for (size_t i = 0; i < e.pos && i < len; i++)
		if (text[i] == '\n') {
			line++;
			linestart = i + 1;
		}
	{
		/* Column in characters: the line's bytes up to the error, as a string. */
		char *ln = xstrndup(text + linestart, e.pos - linestart);
		int col = utf8_column(ln, e.pos - linestart);

		free(ln);
		err_set(err, name, line, col, "invalid JSON: %s", e.msg);
	}
	return NULL;
}
