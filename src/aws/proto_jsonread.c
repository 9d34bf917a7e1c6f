/* JSON bodies read so their numbers print the way the aws CLI prints them. cJSON keeps every
 * number as a double, but Python's json keeps 90.0 a float (printed "90.0") and 90 an int,
 * and keeps long integers exact; the json protocol passes numbers through as parsed, so the
 * spelling on the wire decides what the CLI shows. */
#include "aws/proto_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

struct token {
	const char *s;
	size_t n;
};

/* The number literals of a JSON text in document order. */
static struct token *number_tokens(const char *t, size_t len, size_t *count)
{
	struct token *toks = NULL;
	size_t n = 0, cap = 0, i = 0;

	while (i < len) {
		char c = t[i];

		if (c == '"') {
			for (i++; i < len && t[i] != '"'; i++)
				if (t[i] == '\\')
					i++;
			i++;
		} else if (c == '-' || (c >= '0' && c <= '9')) {
			size_t start = i;

			while (i < len && strchr("0123456789+-.eE", t[i]) && t[i])
				i++;
			toks = xgrow(toks, &cap, n + 1, sizeof(*toks));
			toks[n].s = t + start;
			toks[n++].n = i - start;
		} else {
			i++;
		}
	}
	*count = n;
	return toks;
}

static void count_numbers(const cJSON *v, size_t *n)
{
	if (cJSON_IsNumber(v))
		(*n)++;
	for (const cJSON *c = v->child; c; c = c->next)
		count_numbers(c, n);
}

static void annotate(cJSON *v, const struct token *toks, size_t *i)
{
	if (cJSON_IsNumber(v)) {
		const struct token *t = &toks[(*i)++];
		char buf[40];

		if (memchr(t->s, '.', t->n) || memchr(t->s, 'e', t->n) || memchr(t->s, 'E', t->n))
			v->valuestring =
			        xstrdup(proto_float_repr(v->valuedouble, buf, sizeof(buf)));
		else if (fabs(v->valuedouble) >= 9007199254740992.0)
			v->valuestring = xstrndup(t->s, t->n);
	}
	for (cJSON *c = v->child; c; c = c->next)
		annotate(c, toks, i);
}

cJSON *proto_json_read(const char *text, size_t len)
{
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	struct token *toks;
	size_t n_toks, n_nums = 0, i = 0;

	if (!root)
		return NULL;
	/* cJSON stops after the first value; Python's json refuses anything after it. */
	while (end && end < text + len && strchr(" \t\r\n", *end) && *end)
		end++;
	if (!end || end != text + len) {
		cJSON_Delete(root);
		return NULL;
	}
	toks = number_tokens(text, len, &n_toks);
	count_numbers(root, &n_nums);
	/* They always agree for valid JSON; if cJSON ever read a number we did not see, the
	 * numbers stay plain rather than be matched up wrongly. */
	if (n_nums == n_toks)
		annotate(root, toks, &i);
	free(toks);
	return root;
}

const cJSON *proto_json_get(const cJSON *obj, const char *key)
{
	const cJSON *found = NULL;

	if (!cJSON_IsObject(obj))
		return NULL;
	for (const cJSON *c = obj->child; c; c = c->next)
		if (c->string && strcmp(c->string, key) == 0)
			found = c;
	return found;
}
