/* Strict JSON in and out, over cJSON: a reader that refuses what RFC 8259 refuses (cJSON's
 * own parser is lenient) and a printer whose numbers print as Python prints them, since the
 * aws CLI is Python and our output is compared with its. */
#ifndef WAR_UTIL_JSON_H
#define WAR_UTIL_JSON_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "util/err.h"

/* Deepest nesting of arrays and objects accepted in a JSON text. */
enum { JSON_MAX_DEPTH = 512 };

/* Why json_parse_at() failed: where (byte offset), what, and whether it was nesting. */
struct json_err {
	size_t pos;
	int too_deep;
	char msg[200];
};

/* Parses one JSON text of len bytes at s (RFC 8259, UTF-8; duplicate keys keep the first
 * key's place and the last value, as Python's json does). Returns a new tree
 * (cJSON_Delete()), or NULL with *e filled. */
cJSON *json_parse_at(const char *s, size_t len, struct json_err *e);

/* json_parse_at() for a named text: returns a new tree (cJSON_Delete()), or NULL with err
 * set: where = name, line and col 1-based (col in characters). */
cJSON *json_parse(const char *text, size_t len, const char *name, struct wa_err *err);

/* Output styles for json_print(), or-ed. */
enum {
	JSON_COMPACT = 0, /* one line, no spaces: {"a":[1,2]} */
	JSON_PRETTY = 1,  /* two-space indent, "key": value, one item a line */
	JSON_ASCII = 2,   /* escape every non-ASCII character as \uXXXX */
};

/* Prints v as JSON. A number with a valuestring prints as that text; other integral numbers
 * print as integers, the rest in the shortest form that reads back the same. Returns a newly
 * allocated string; free with free(). */
char *json_print(const cJSON *v, int style);

/* Like json_print(), but returns NULL when the text would be longer than max bytes (0: no
 * limit). */
char *json_print_capped(const cJSON *v, int style, size_t max);

#endif
