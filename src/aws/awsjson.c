#include "aws/awsjson.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/json.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

static void indent(struct sbuf *b, int depth)
{
	for (int i = 0; i < depth; i++)
		sbuf_puts(b, "    ");
}

/* Python's json string escaping with ensure_ascii=False. */
static void string(struct sbuf *b, const char *s)
{
	sbuf_putc(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '"': sbuf_puts(b, "\\\""); break;
		case '\\': sbuf_puts(b, "\\\\"); break;
		case '\n': sbuf_puts(b, "\\n"); break;
		case '\r': sbuf_puts(b, "\\r"); break;
		case '\t': sbuf_puts(b, "\\t"); break;
		case '\b': sbuf_puts(b, "\\b"); break;
		case '\f': sbuf_puts(b, "\\f"); break;
		default:
			if (c < 0x20)
				sbuf_printf(b, "\\u%04x", c);
			else
				sbuf_putc(b, *s);
		}
	}
	sbuf_putc(b, '"');
}

static void value(struct sbuf *b, const cJSON *v, int depth)
{
	const cJSON *it;

	if (cJSON_IsObject(v) || cJSON_IsArray(v)) {
		bool obj = cJSON_IsObject(v);

		if (!v->child) {
			sbuf_puts(b, obj ? "{}" : "[]");
			return;
		}
		sbuf_puts(b, obj ? "{\n" : "[\n");
		cJSON_ArrayForEach(it, v)
		{
			indent(b, depth + 1);
			if (obj) {
				string(b, it->string ? it->string : "");
				sbuf_puts(b, ": ");
			}
			value(b, it, depth + 1);
			sbuf_puts(b, it->next ? ",\n" : "\n");
		}
		indent(b, depth);
		sbuf_puts(b, obj ? "}" : "]");
	} else if (cJSON_IsString(v)) {
		string(b, v->valuestring ? v->valuestring : "");
	} else if (cJSON_IsNumber(v) && v->valuestring && *v->valuestring) {
		sbuf_puts(b, v->valuestring);
	} else {
		char *s = json_print(v, JSON_COMPACT);

		sbuf_puts(b, s);
		free(s);
	}
}

char *awsjson_print(const cJSON *v)
{
	struct sbuf b = { 0 };

	value(&b, v, 0);
	sbuf_putc(&b, '\n');
	return sbuf_take(&b);
}
