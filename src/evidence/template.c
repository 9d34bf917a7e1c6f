#include "evidence/template.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* A reference: identifiers joined by dots, each [A-Za-z_][A-Za-z0-9_]*. Returns its length
 * when s starts with one that ends at '}', else 0 (with *bad the offset of the problem). */
static size_t ref_len(const char *s, size_t *bad)
{
	size_t i = 0;

	for (;;) {
		if (!isalpha((unsigned char)s[i]) && s[i] != '_') {
			*bad = i;
			return 0;
		}
		while (isalnum((unsigned char)s[i]) || s[i] == '_')
			i++;
		if (s[i] == '}')
			return i;
		if (s[i] != '.') {
			*bad = i;
			return 0;
		}
		i++;
	}
}

int tmpl_check(const char *t, tmpl_check_fn check, void *ctx, size_t *errpos, char *msg,
               size_t msglen)
{
	for (size_t i = 0; t[i]; i++) {
		size_t len, bad = 0;

		if (t[i] == '}') {
			if (t[i + 1] == '}') {
				i++;
				continue;
			}
			*errpos = i;
			snprintf(msg, msglen, "a lone '}' (write '}}' for a brace)");
			return -1;
		}
		if (t[i] != '{')
			continue;
		if (t[i + 1] == '{') {
			i++;
			continue;
		}
		if (!strchr(t + i, '}')) {
			*errpos = i;
			snprintf(msg, msglen, "'{' without a closing '}' (write '{{' for a brace)");
			return -1;
		}
		len = ref_len(t + i + 1, &bad);
		if (!len) {
			*errpos = i + 1 + bad;
			snprintf(msg, msglen, "expected a name such as {count} or {item.id} here");
			return -1;
		}
		if (check && check(ctx, t + i + 1, len, msg, msglen)) {
			*errpos = i + 1;
			return -1;
		}
		i += len + 1;
	}
	return 0;
}

char *tmpl_render(const char *t, tmpl_lookup_fn lookup, void *ctx)
{
	size_t cap = 0, n = 0;
	char *out = NULL;

	for (size_t i = 0; t[i]; i++) {
		const char *put = t + i;
		size_t put_len = 1, len, bad;

		if ((t[i] == '{' && t[i + 1] == '{') || (t[i] == '}' && t[i + 1] == '}')) {
			i++;
		} else if (t[i] == '{' && (len = ref_len(t + i + 1, &bad)) > 0) {
			const char *v = lookup(ctx, t + i + 1, len);
			if (v) {
				put = v;
				put_len = strlen(v);
			} else {
				put_len = len + 2;
			}
			i += len + 1;
		}
		out = xgrow(out, &cap, n + put_len + 1, 1);
		memcpy(out + n, put, put_len);
		n += put_len;
	}
	out = xgrow(out, &cap, n + 1, 1);
	out[n] = '\0';
	return out;
}

int tmpl_whole_ref(const char *t, const char **ref, size_t *len)
{
	size_t bad;

	if (t[0] != '{' || t[1] == '{')
		return 0;
	*len = ref_len(t + 1, &bad);
	if (!*len || t[*len + 2] != '\0')
		return 0;
	*ref = t + 1;
	return 1;
}

int tmpl_has_ref(const char *t)
{
	for (size_t i = 0; t[i]; i++) {
		size_t bad;

		if ((t[i] == '{' && t[i + 1] == '{') || (t[i] == '}' && t[i + 1] == '}'))
			i++;
		else if (t[i] == '{' && ref_len(t + i + 1, &bad) > 0)
			return 1;
	}
	return 0;
}

/* The member of item a reference names ("item", "item.a.b"), or NULL. */
const cJSON *tmpl_item_member(const cJSON *item, const char *ref, size_t len)
{
	const cJSON *v = item;
	size_t i = 4;

	if (!item || len < 4 || strncmp(ref, "item", 4))
		return NULL;
	while (v && i < len) {
		size_t j = ++i;
		char name[256];

		while (j < len && ref[j] != '.')
			j++;
		if (j - i >= sizeof(name) || !cJSON_IsObject(v))
			return NULL;
		memcpy(name, ref + i, j - i);
		name[j - i] = '\0';
		v = cJSON_GetObjectItemCaseSensitive(v, name);
		i = j;
	}
	return v;
}
