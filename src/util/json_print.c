/* JSON writing: JMESPath's to_string(), `wa-review query` and `aws` output. Numbers print the
 * way Python prints them (the aws CLI is Python), except that integral values print as
 * integers, since cJSON keeps every number as a double and cannot tell 2.0 from 2 — unless
 * the item carries its exact text in valuestring, as AWS results do. */
#include "util/json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/sbuf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

/* Python's repr() of a float: shortest digits that read back the same, positional for
 * exponents -4..15, else d.ddde+XX. */
static void put_number(struct sbuf *o, double d)
{
	char tmp[64], digits[24] = "0", res[64];
	int prec, exp, nd = 0, neg = d < 0;
	size_t r = 0;
	const char *e;

	if (isnan(d) || isinf(d)) {
		sbuf_puts(o, "null"); /* JSON has no NaN or infinity */
		return;
	}
	if (d == 0) {
		sbuf_puts(o, "0");
		return;
	}
	if (d == floor(d) && fabs(d) < 1e17) {
		snprintf(tmp, sizeof(tmp), "%.0f", d);
		sbuf_puts(o, tmp);
		return;
	}
	for (prec = 1; prec <= 17; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*e", prec - 1, d);
		if (strtod(tmp, NULL) == d)
			break;
	}
	/* tmp is "-d.ddde-XX"; the decimal point follows the locale, so skip any non-digit. */
	e = strchr(tmp, 'e');
	if (!e) {
		sbuf_puts(o, "null"); /* not reached: %e always writes an exponent */
		return;
	}
	for (const char *c = tmp; c < e && nd < 20; c++)
		if (*c >= '0' && *c <= '9')
			digits[nd++] = *c;
	if (nd == 0)
		nd = 1;
	while (nd > 1 && digits[nd - 1] == '0')
		nd--;
	exp = atoi(e + 1);
	if (neg)
		res[r++] = '-';
	if (exp >= -4 && exp < 16) {
		if (exp < 0) {
			res[r++] = '0';
			res[r++] = '.';
			for (int i = -1; i > exp; i--)
				res[r++] = '0';
			for (int i = 0; i < nd; i++)
				res[r++] = digits[i];
		} else {
			for (int i = 0; i <= exp; i++)
				res[r++] = i < nd ? digits[i] : '0';
			res[r++] = '.';
			if (nd > exp + 1)
				for (int i = exp + 1; i < nd; i++)
					res[r++] = digits[i];
			else
				res[r++] = '0';
		}
		res[r] = '\0';
	} else {
		res[r++] = digits[0];
		if (nd > 1) {
			res[r++] = '.';
			for (int i = 1; i < nd; i++)
				res[r++] = digits[i];
		}
		snprintf(res + r, sizeof(res) - r, "e%c%02d", exp < 0 ? '-' : '+', abs(exp));
	}
	sbuf_puts(o, res);
}

static void put_u(struct sbuf *o, unsigned long u)
{
	static const char hex[] = "0123456789abcdef";
	char tmp[6] = {
		'\\', 'u', hex[(u >> 12) & 15], hex[(u >> 8) & 15], hex[(u >> 4) & 15], hex[u & 15]
	};

	sbuf_putn(o, tmp, 6);
}

static void put_string(struct sbuf *o, const char *s, int ascii)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s);

	sbuf_putc(o, '"');
	for (size_t i = 0; i < len;) {
		unsigned char c = p[i];
		unsigned long cp;
		size_t k;

		switch (c) {
		case '"':
			sbuf_puts(o, "\\\"");
			i++;
			continue;
		case '\\':
			sbuf_puts(o, "\\\\");
			i++;
			continue;
		case '\b':
			sbuf_puts(o, "\\b");
			i++;
			continue;
		case '\f':
			sbuf_puts(o, "\\f");
			i++;
			continue;
		case '\n':
			sbuf_puts(o, "\\n");
			i++;
			continue;
		case '\r':
			sbuf_puts(o, "\\r");
			i++;
			continue;
		case '\t':
			sbuf_puts(o, "\\t");
			i++;
			continue;
		default: break;
		}
		if (c < 0x20 || (ascii && c == 0x7F)) {
			put_u(o, c);
			i++;
			continue;
		}
		if (c < 0x80) {
			sbuf_putc(o, (char)c);
			i++;
			continue;
		}
		k = utf8_get(p + i, len - i, &cp);
		if (!k) {
			/* Not UTF-8 (a document built in memory, not read by us): say so visibly.
			 */
			cp = 0xFFFD;
			k = 1;
		}
		if (!ascii) {
			char enc[4];

			sbuf_putn(o, enc, utf8_put(enc, cp));
		} else if (cp >= 0x10000) {
			put_u(o, 0xD800 + ((cp - 0x10000) >> 10));
			put_u(o, 0xDC00 + ((cp - 0x10000) & 0x3FF));
		} else {
			put_u(o, cp);
		}
		i += k;
	}
	sbuf_putc(o, '"');
}

static void indent(struct sbuf *o, int level)
{
	sbuf_putc(o, '\n');
	for (int i = 0; i < level; i++)
		sbuf_puts(o, "  ");
}

static void put_value(struct sbuf *o, const cJSON *v, int style, int level)
{
	int pretty = style & JSON_PRETTY, ascii = style & JSON_ASCII;
	const cJSON *c;

	if (o->over)
		return;
	switch (v ? v->type & 0xFF : cJSON_NULL) {
	case cJSON_False:
	case cJSON_True: sbuf_puts(o, cJSON_IsTrue(v) ? "true" : "false"); return;
	case cJSON_Number:
		/* A number may carry the exact text Python prints for it (src/aws sets it for
		 * floats such as 90.0 and for integers beyond 2^53). */
		if (v->valuestring)
			sbuf_puts(o, v->valuestring);
		else
			put_number(o, v->valuedouble);
		return;
	case cJSON_String:
		if (!v->valuestring) {
			sbuf_puts(o, "null");
			return;
		}
		put_string(o, v->valuestring, ascii);
		return;
	case cJSON_Array:
	case cJSON_Object:
		sbuf_putc(o, cJSON_IsArray(v) ? '[' : '{');
		for (c = v->child; c; c = c->next) {
			if (pretty)
				indent(o, level + 1);
			if (cJSON_IsObject(v)) {
				put_string(o, c->string ? c->string : "", ascii);
				sbuf_puts(o, pretty ? ": " : ":");
			}
			put_value(o, c, style, level + 1);
			if (c->next)
				sbuf_putc(o, ',');
		}
		if (pretty && v->child)
			indent(o, level);
		sbuf_putc(o, cJSON_IsArray(v) ? ']' : '}');
		return;
	default: sbuf_puts(o, "null"); return;
	}
}

char *json_print_capped(const cJSON *v, int style, size_t max)
{
	struct sbuf o = { .max = max };

	put_value(&o, v, style, 0);
	if (o.over) {
		sbuf_free(&o);
		return NULL;
	}
	return sbuf_take(&o);
}

char *json_print(const cJSON *v, int style)
{
	return json_print_capped(v, style, 0);
}
