#include "aws/awsjson.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/json.h"
#include "util/xalloc.h"

struct buf {
	char *s;
	size_t len;
	size_t cap;
};

static void put(struct buf *b, const char *s, size_t n)
{
	b->s = xgrow(b->s, &b->cap, b->len + n + 1, 1);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void puts_(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

static void indent(struct buf *b, int depth)
{
	for (int i = 0; i < depth; i++)
		put(b, "    ", 4);
}

/* Python's json string escaping with ensure_ascii=False. */
static void string(struct buf *b, const char *s)
{
	put(b, "\"", 1);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		char esc[8];

		switch (c) {
		case '"': put(b, "\\\"", 2); break;
		case '\\': put(b, "\\\\", 2); break;
		case '\n': put(b, "\\n", 2); break;
		case '\r': put(b, "\\r", 2); break;
		case '\t': put(b, "\\t", 2); break;
		case '\b': put(b, "\\b", 2); break;
		case '\f': put(b, "\\f", 2); break;
		default:
			if (c < 0x20) {
				snprintf(esc, sizeof(esc), "\\u%04x", c);
				puts_(b, esc);
			} else {
				put(b, s, 1);
			}
		}
	}
	put(b, "\"", 1);
}

static void value(struct buf *b, const cJSON *v, int depth)
{
	const cJSON *it;

	if (cJSON_IsObject(v) || cJSON_IsArray(v)) {
		bool obj = cJSON_IsObject(v);

		if (!v->child) {
			puts_(b, obj ? "{}" : "[]");
			return;
		}
		puts_(b, obj ? "{\n" : "[\n");
		cJSON_ArrayForEach(it, v)
		{
			indent(b, depth + 1);
			if (obj) {
				string(b, it->string ? it->string : "");
				put(b, ": ", 2);
			}
			value(b, it, depth + 1);
			puts_(b, it->next ? ",\n" : "\n");
		}
		indent(b, depth);
		puts_(b, obj ? "}" : "]");
	} else if (cJSON_IsString(v)) {
		string(b, v->valuestring ? v->valuestring : "");
	} else if (cJSON_IsNumber(v) && v->valuestring && *v->valuestring) {
		puts_(b, v->valuestring);
	} else {
		char *s = json_print(v, JSON_COMPACT);

		puts_(b, s);
		free(s);
	}
}

char *awsjson_print(const cJSON *v)
{
	struct buf b = { 0 };

	value(&b, v, 0);
	put(&b, "\n", 1);
	return b.s;
}
