#include "model/scope.h"

#include <stdlib.h>
#include <string.h>

#include "util/sbuf.h"
#include "util/strv.h"
#include "util/xalloc.h"

bool scope_is_set(const struct wl_scope *s)
{
	return s && (s->n_tags || s->n_groups || s->n_apps || s->n_stacks);
}

static void push(char ***v, size_t *n, const char *s)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*v)[i], s))
			return;
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = xstrdup(s);
}

static int add_tag(struct wl_scope *s, const char *kv, struct wa_err *err)
{
	const char *eq = strchr(kv, '=');
	char *key = eq ? xstrndup(kv, (size_t)(eq - kv)) : xstrdup(kv);
	struct scope_tag *t = NULL;

	if (!*key || strlen(key) > 128) {
		free(key);
		return err_set(
		        err, NULL, 0, 0,
		        "scope: a tag needs a key of 1 to 128 characters, as in tag:app=checkout");
	}
	for (size_t i = 0; i < s->n_tags; i++)
		if (!strcmp(s->tags[i].key, key))
			t = &s->tags[i];
	if (!t) {
		s->tags = xrealloc(s->tags, (s->n_tags + 1) * sizeof(*s->tags));
		t = &s->tags[s->n_tags++];
		memset(t, 0, sizeof(*t));
		t->key = key;
	} else {
		free(key);
	}
	if (eq && eq[1]) {
		char *vals = xstrdup(eq + 1), *save = NULL;

		for (char *v = strtok_r(vals, "|", &save); v; v = strtok_r(NULL, "|", &save))
			push(&t->values, &t->n_values, v);
		free(vals);
	}
	return 0;
}

/* "PREFIXNAME" into v when spec starts with prefix: 1 added, 0 another prefix, -1 no name. */
static int add_named(const char *spec, const char *prefix, char ***v, size_t *n, struct wa_err *err)
{
	size_t k = strlen(prefix);

	if (strncmp(spec, prefix, k))
		return 0;
	if (!spec[k])
		return err_set(err, NULL, 0, 0, "scope: '%s' names nothing after '%s'", spec,
		               prefix);
	push(v, n, spec + k);
	return 1;
}

int scope_add_spec(struct wl_scope *s, const char *spec, struct wa_err *err)
{
	int rc;

	if (!strcmp(spec, "account")) {
		scope_clear(s);
		return 0;
	}
	if (!strncmp(spec, "tag:", 4))
		return add_tag(s, spec + 4, err);
	if ((rc = add_named(spec, "group:", &s->groups, &s->n_groups, err)) ||
	    (rc = add_named(spec, "app:", &s->apps, &s->n_apps, err)) ||
	    (rc = add_named(spec, "stack:", &s->stacks, &s->n_stacks, err)))
		return rc < 0 ? -1 : 0;
	return err_set(err, NULL, 0, 0,
	               "scope: '%s' is not a scope; use tag:KEY=VALUE, group:NAME, app:NAME, "
	               "stack:NAME or account",
	               spec);
}

static void list_words(struct sbuf *b, const char *what, char **v, size_t n, bool *first)
{
	if (!n)
		return;
	sbuf_printf(b, "%s%s%s ", *first ? "" : ", ", what, n == 1 ? "" : "s");
	for (size_t i = 0; i < n; i++)
		sbuf_printf(b, "%s%s", i ? " and " : "", v[i]);
	*first = false;
}

char *scope_describe(const struct wl_scope *s)
{
	struct sbuf b = { 0 };
	bool first = true;

	if (!scope_is_set(s))
		return NULL;
	if (s->n_tags) {
		sbuf_puts(&b, "resources tagged ");
		for (size_t i = 0; i < s->n_tags; i++) {
			const struct scope_tag *t = &s->tags[i];

			sbuf_printf(&b, "%s%s", i ? " and " : "", t->key);
			for (size_t k = 0; k < t->n_values; k++)
				sbuf_printf(&b, "%s%s", k ? "|" : "=", t->values[k]);
		}
		first = false;
	}
	list_words(&b, "in resource group", s->groups, s->n_groups, &first);
	list_words(&b, "in application", s->apps, s->n_apps, &first);
	list_words(&b, "in stack", s->stacks, s->n_stacks, &first);
	return sbuf_take(&b);
}

void scope_copy(struct wl_scope *dst, const struct wl_scope *src)
{
	memset(dst, 0, sizeof(*dst));
	dst->tags = src->n_tags ? xcalloc(src->n_tags, sizeof(*dst->tags)) : NULL;
	for (size_t i = 0; i < src->n_tags; i++) {
		dst->tags[i].key = xstrdup(src->tags[i].key);
		dst->tags[i].values = strv_dup(src->tags[i].values, src->tags[i].n_values);
		dst->tags[i].n_values = src->tags[i].n_values;
	}
	dst->n_tags = src->n_tags;
	dst->groups = strv_dup(src->groups, src->n_groups);
	dst->n_groups = src->n_groups;
	dst->apps = strv_dup(src->apps, src->n_apps);
	dst->n_apps = src->n_apps;
	dst->stacks = strv_dup(src->stacks, src->n_stacks);
	dst->n_stacks = src->n_stacks;
}

void scope_clear(struct wl_scope *s)
{
	for (size_t i = 0; i < s->n_tags; i++) {
		free(s->tags[i].key);
		strv_free(s->tags[i].values, s->tags[i].n_values);
	}
	free(s->tags);
	strv_free(s->groups, s->n_groups);
	strv_free(s->apps, s->n_apps);
	strv_free(s->stacks, s->n_stacks);
	memset(s, 0, sizeof(*s));
}
