/* The JMESPath interpreter: walks the syntax tree over a document. Values are never copied
 * during a search: new arrays and objects hold cJSON references to the document or to
 * other values of the same search, and everything built is freed together at the end,
 * after the result has been copied out for the caller. */
#include "jmespath/jmespath_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

cJSON *jp_must(cJSON *v)
{
	/* Asking xmalloc for the impossible takes its out-of-memory path: die hook, exit 2. */
	if (!v)
		xmalloc((size_t)-1);
	return v;
}

int jp_type(const cJSON *v)
{
	if (!v)
		return JT_NULL;
	switch (v->type & 0xFF) {
	case cJSON_False:
	case cJSON_True: return JT_BOOLEAN;
	case cJSON_Number: return JT_NUMBER;
	case cJSON_String: return v->valuestring ? JT_STRING : JT_NULL;
	case cJSON_Array: return JT_ARRAY;
	case cJSON_Object: return JT_OBJECT;
	default: return JT_NULL;
	}
}

const char *jp_type_name(int t)
{
	switch (t) {
	case JT_BOOLEAN: return "boolean";
	case JT_NUMBER: return "number";
	case JT_STRING: return "string";
	case JT_ARRAY: return "array";
	case JT_OBJECT: return "object";
	case JT_EXPREF: return "expression";
	default: return "null";
	}
}

cJSON *jp_keep(struct jp_eval *ev, cJSON *fresh)
{
	jp_must(fresh);
	ev->made++;
	ev->keep = xgrow(ev->keep, &ev->capkeep, ev->nkeep + 1, sizeof(*ev->keep));
	ev->keep[ev->nkeep++] = fresh;
	return fresh;
}

cJSON *jp_new_array(struct jp_eval *ev)
{
	return jp_keep(ev, cJSON_CreateArray());
}

cJSON *jp_new_object(struct jp_eval *ev)
{
	return jp_keep(ev, cJSON_CreateObject());
}

const cJSON *jp_number(struct jp_eval *ev, double d)
{
	return jp_keep(ev, cJSON_CreateNumber(d));
}

const cJSON *jp_string(struct jp_eval *ev, const char *s)
{
	ev->bytes += strlen(s);
	return jp_keep(ev, cJSON_CreateString(s));
}

int jp_over_budget(struct jp_eval *ev, const struct jp_node *n)
{
	if (ev->made > ev->max_values)
		return jp_fail(ev->err, JMESPATH_ERR_LIMIT, n->col,
		               "the search built more than %zu values (the expression multiplies"
		               " its data)",
		               ev->max_values);
	if (ev->bytes > ev->max_bytes)
		return jp_fail(ev->err, JMESPATH_ERR_LIMIT, n->col,
		               "the search built more than %zu bytes of strings", ev->max_bytes);
	return 0;
}

const cJSON *jp_bool(struct jp_eval *ev, int b)
{
	return b ? ev->true_v : ev->false_v;
}

/* A new node sharing v's contents (cJSON's reference: deleting it leaves v alone). */
static cJSON *ref_of(const cJSON *v)
{
	cJSON *r = jp_must(cJSON_CreateNull());

	memcpy(r, v, sizeof(*r));
	r->next = r->prev = NULL;
	r->string = NULL;
	r->type = (v->type & 0xFF) | cJSON_IsReference;
	return r;
}

void jp_append(struct jp_eval *ev, cJSON *arr, const cJSON *v)
{
	ev->made++;
	cJSON_AddItemToArray(arr, ref_of(v));
}

void jp_put(struct jp_eval *ev, cJSON *obj, const char *key, const cJSON *v)
{
	cJSON *r = ref_of(v);

	ev->made++;
	for (cJSON *c = obj->child; c; c = c->next)
		if (c->string && strcmp(c->string, key) == 0) {
			/* Like a Python dict: a repeated key keeps its first place. */
			r->string = c->string;
			r->type |= c->type & cJSON_StringIsConst;
			c->string = NULL;
			cJSON_ReplaceItemViaPointer(obj, c, r);
			return;
		}
	cJSON_AddItemToObject(obj, key, r);
}

int jp_truthy(const cJSON *v)
{
	switch (jp_type(v)) {
	case JT_NULL: return 0;
	case JT_BOOLEAN: return cJSON_IsTrue(v);
	case JT_STRING: return v->valuestring[0] != '\0';
	case JT_ARRAY:
	case JT_OBJECT: return v->child != NULL;
	default: return 1;
	}
}

static const cJSON *member(const cJSON *obj, const char *key)
{
	for (const cJSON *c = obj->child; c; c = c->next)
		if (c->string && strcmp(c->string, key) == 0)
			return c;
	return NULL;
}

int jp_equal(const cJSON *a, const cJSON *b)
{
	int t = jp_type(a);
	const cJSON *x, *y;
	size_t na = 0, nb = 0;

	if (t != jp_type(b))
		return 0;
	/* Values of one search share structure: the same contents are equal at once. */
	if (a == b || ((t == JT_ARRAY || t == JT_OBJECT) && a->child == b->child))
		return 1;
	switch (t) {
	case JT_NULL: return 1;
	case JT_BOOLEAN: return cJSON_IsTrue(a) == cJSON_IsTrue(b);
	case JT_NUMBER: return a->valuedouble == b->valuedouble;
	case JT_STRING: return strcmp(a->valuestring, b->valuestring) == 0;
	case JT_ARRAY:
		for (x = a->child, y = b->child; x && y; x = x->next, y = y->next)
			if (!jp_equal(x, y))
				return 0;
		return !x && !y;
	default:
		for (x = a->child; x; x = x->next)
			na++;
		for (y = b->child; y; y = y->next)
			nb++;
		if (na != nb)
			return 0;
		for (x = a->child; x; x = x->next) {
			y = x->string ? member(b, x->string) : NULL;
			if (!y || !jp_equal(x, y))
				return 0;
		}
		return 1;
	}
}

static const cJSON *eval_slice(struct jp_eval *ev, const struct jp_node *n, const cJSON *v)
{
	long long len = cJSON_GetArraySize(v), step = n->has[2] ? n->slice[2] : 1, start, stop;
	cJSON *out = jp_new_array(ev), **items;
	long long i = 0;

	/* Python's slice rules: negative counts from the end, out of range clamps. */
	if (step > 0) {
		start = n->has[0] ? n->slice[0] : 0;
		stop = n->has[1] ? n->slice[1] : len;
		if (start < 0)
			start = start + len < 0 ? 0 : start + len;
		else if (start > len)
			start = len;
		if (stop < 0)
			stop = stop + len < 0 ? 0 : stop + len;
		else if (stop > len)
			stop = len;
	} else {
		start = n->has[0] ? n->slice[0] : len - 1;
		stop = n->has[1] ? n->slice[1] : -1;
		if (start < 0)
			start = start + len < 0 ? -1 : start + len;
		else if (start >= len)
			start = len - 1;
		if (!n->has[1])
			stop = -1;
		else if (stop < 0)
			stop = stop + len < 0 ? -1 : stop + len;
		else if (stop >= len)
			stop = len - 1;
	}
	items = xmalloc(sizeof(*items) * (size_t)(len ? len : 1));
	for (cJSON *c = v->child; c; c = c->next)
		items[i++] = c;
	for (i = start; step > 0 ? i < stop : i > stop; i += step)
		jp_append(ev, out, items[i]);
	free(items);
	return out;
}

/* Evaluates n on each element (or member value) of base, keeping non-null results. */
static const cJSON *project(struct jp_eval *ev, const struct jp_node *n, const cJSON *base)
{
	cJSON *out = jp_new_array(ev);
	const cJSON *r;

	for (const cJSON *e = base->child; e; e = e->next) {
		r = jp_eval_node(ev, n, e);
		if (!r)
			return NULL;
		if (jp_type(r) != JT_NULL)
			jp_append(ev, out, r);
	}
	return out;
}

static const cJSON *eval_filter(struct jp_eval *ev, const struct jp_node *n, const cJSON *v)
{
	const cJSON *base = jp_eval_node(ev, n->kids[0], v), *c, *r;
	cJSON *out;

	if (!base)
		return NULL;
	if (jp_type(base) != JT_ARRAY)
		return ev->null_v;
	out = jp_new_array(ev);
	for (const cJSON *e = base->child; e; e = e->next) {
		c = jp_eval_node(ev, n->kids[2], e);
		if (!c)
			return NULL;
		if (!jp_truthy(c))
			continue;
		r = jp_eval_node(ev, n->kids[1], e);
		if (!r)
			return NULL;
		if (jp_type(r) != JT_NULL)
			jp_append(ev, out, r);
	}
	return out;
}

static const cJSON *eval_compare(struct jp_eval *ev, const struct jp_node *n, const cJSON *v)
{
	const cJSON *a = jp_eval_node(ev, n->kids[0], v), *b;
	int ta, c;

	if (!a || !(b = jp_eval_node(ev, n->kids[1], v)))
		return NULL;
	if (n->cmp == CMP_EQ || n->cmp == CMP_NE)
		return jp_bool(ev, jp_equal(a, b) == (n->cmp == CMP_EQ));
	/* Ordering is for numbers; strings by code point too, as in the aws CLI. */
	ta = jp_type(a);
	if (ta != jp_type(b) || (ta != JT_NUMBER && ta != JT_STRING))
		return ev->null_v;
	if (ta == JT_NUMBER)
		c = a->valuedouble < b->valuedouble ? -1 : a->valuedouble > b->valuedouble;
	else
		c = jp_strcmp(a->valuestring, b->valuestring);
	switch (n->cmp) {
	case CMP_LT: return jp_bool(ev, c < 0);
	case CMP_LTE: return jp_bool(ev, c <= 0);
	case CMP_GT: return jp_bool(ev, c > 0);
	default: return jp_bool(ev, c >= 0);
	}
}

static const cJSON *eval_function(struct jp_eval *ev, const struct jp_node *n, const cJSON *v)
{
	const cJSON *small[4], **args = n->nkids <= 4 ? small : xmalloc(n->nkids * sizeof(*args));
	const cJSON *r = NULL;
	size_t i;

	for (i = 0; i < n->nkids; i++) {
		if (n->kids[i]->type == ND_EXPREF) {
			args[i] = NULL;
		} else if (!(args[i] = jp_eval_node(ev, n->kids[i], v))) {
			goto out;
		}
	}
	r = jp_func_call(ev, n, args, n->nkids);
out:
	if (args != small)
		free(args);
	return r;
}

static const cJSON *eval_multi(struct jp_eval *ev, const struct jp_node *n, const cJSON *v)
{
	cJSON *out;
	const cJSON *r;

	if (jp_type(v) == JT_NULL)
		return ev->null_v;
	out = n->type == ND_MULTI_LIST ? jp_new_array(ev) : jp_new_object(ev);
	for (size_t i = 0; i < n->nkids; i++) {
		if (!(r = jp_eval_node(ev, n->kids[i], v)))
			return NULL;
		if (n->type == ND_MULTI_LIST)
			jp_append(ev, out, r);
		else
			jp_put(ev, out, n->keys[i], r);
	}
	return out;
}

static const cJSON *eval_flatten(struct jp_eval *ev, const cJSON *base)
{
	cJSON *out;

	if (jp_type(base) != JT_ARRAY)
		return ev->null_v;
	out = jp_new_array(ev);
	for (const cJSON *e = base->child; e; e = e->next) {
		if (jp_type(e) == JT_ARRAY)
			for (const cJSON *f = e->child; f; f = f->next)
				jp_append(ev, out, f);
		else
			jp_append(ev, out, e);
	}
	return out;
}

/* let: each binding evaluated in the enclosing scope (a projection stops there: the value
 * is bound, not the expression), then the body with the new frames in front. */
static const cJSON *eval_let(struct jp_eval *ev, const struct jp_node *n, const cJSON *v)
{
	size_t nb = n->nkids - 1;
	struct jp_scope *frames = xcalloc(nb ? nb : 1, sizeof(*frames));
	const struct jp_scope *outer = ev->scope, *inner = outer;
	const cJSON *r = NULL;

	for (size_t i = 0; i < nb; i++) {
		const cJSON *val = jp_eval_node(ev, n->kids[i], v);

		if (!val)
			goto out;
		frames[i] = (struct jp_scope){ n->keys[i], val, inner };
		inner = &frames[i];
	}
	ev->scope = inner;
	r = jp_eval_node(ev, n->kids[nb], v);
	ev->scope = outer;
out:
	free(frames);
	return r;
}

const cJSON *jp_eval_node(struct jp_eval *ev, const struct jp_node *n, const cJSON *v)
{
	const cJSON *r;
	long long i, len;

	/* Checked on the way in: one step adds at most about what exists already. */
	if (jp_over_budget(ev, n) < 0)
		return NULL;
	switch (n->type) {
	case ND_CURRENT: return v;
	case ND_LITERAL: return n->lit;
	case ND_FIELD:
		if (jp_type(v) != JT_OBJECT || !(r = member(v, n->name)))
			return ev->null_v;
		return r;
	case ND_SUBEXPR:
	case ND_PIPE:
	case ND_INDEX_EXPR:
		/* Each part applies to the previous part's result. */
		for (size_t k = 0; k < n->nkids && v; k++)
			v = jp_eval_node(ev, n->kids[k], v);
		return v;
	case ND_INDEX:
		if (jp_type(v) != JT_ARRAY)
			return ev->null_v;
		len = cJSON_GetArraySize(v);
		i = n->index < 0 ? n->index + len : n->index;
		if (i < 0 || i >= len)
			return ev->null_v;
		for (r = v->child; i > 0; i--)
			r = r->next;
		return r;
	case ND_SLICE: return jp_type(v) == JT_ARRAY ? eval_slice(ev, n, v) : ev->null_v;
	case ND_PROJECTION:
		if (!(r = jp_eval_node(ev, n->kids[0], v)))
			return NULL;
		return jp_type(r) == JT_ARRAY ? project(ev, n->kids[1], r) : ev->null_v;
	case ND_VALUE_PROJECTION:
		if (!(r = jp_eval_node(ev, n->kids[0], v)))
			return NULL;
		return jp_type(r) == JT_OBJECT ? project(ev, n->kids[1], r) : ev->null_v;
	case ND_FILTER: return eval_filter(ev, n, v);
	case ND_FLATTEN:
		if (!(r = jp_eval_node(ev, n->kids[0], v)))
			return NULL;
		return eval_flatten(ev, r);
	case ND_COMPARE: return eval_compare(ev, n, v);
	case ND_OR:
	case ND_AND:
		if (!(r = jp_eval_node(ev, n->kids[0], v)))
			return NULL;
		if (jp_truthy(r) == (n->type == ND_OR))
			return r;
		return jp_eval_node(ev, n->kids[1], v);
	case ND_NOT:
		if (!(r = jp_eval_node(ev, n->kids[0], v)))
			return NULL;
		return jp_bool(ev, !jp_truthy(r));
	case ND_MULTI_LIST:
	case ND_MULTI_HASH: return eval_multi(ev, n, v);
	case ND_FUNCTION: return eval_function(ev, n, v);
	case ND_LET: return eval_let(ev, n, v);
	case ND_VARIABLE:
		for (const struct jp_scope *s = ev->scope; s; s = s->up)
			if (!strcmp(s->name, n->name))
				return s->value;
		/* The compile-time check makes this unreachable; fail cleanly all the same. */
		jp_fail(ev->err, JMESPATH_ERR_UNDEFINED_VARIABLE, n->col, "$%s is not bound",
		        n->name);
		return NULL;
	case ND_EXPREF:
	default:
		/* The compile-time check allows '&' only as an argument, where functions read it.
		 */
		return ev->null_v;
	}
}

/* A deep copy of v without references; NULL (limit error) past the value cap. */
static cJSON *copy_value(struct jp_eval *ev, const cJSON *v, const struct jp_node *root)
{
	cJSON *c, *k;

	if (++ev->made > ev->max_values) {
		jp_over_budget(ev, root);
		return NULL;
	}
	switch (jp_type(v)) {
	case JT_BOOLEAN: return jp_must(cJSON_CreateBool(cJSON_IsTrue(v)));
	case JT_NUMBER:
		c = jp_must(cJSON_CreateNumber(v->valuedouble));
		/* The protocol parser keeps the CLI's spelling there (1152.0): --query keeps it. */
		c->valuestring = v->valuestring ? xstrdup(v->valuestring) : NULL;
		return c;
	case JT_STRING: return jp_must(cJSON_CreateString(v->valuestring));
	case JT_ARRAY:
	case JT_OBJECT:
		c = jp_must(jp_type(v) == JT_ARRAY ? cJSON_CreateArray() : cJSON_CreateObject());
		for (const cJSON *e = v->child; e; e = e->next) {
			if (!(k = copy_value(ev, e, root))) {
				cJSON_Delete(c);
				return NULL;
			}
			if (jp_type(v) == JT_ARRAY)
				cJSON_AddItemToArray(c, k);
			else
				cJSON_AddItemToObject(c, e->string ? e->string : "", k);
		}
		return c;
	default: return jp_must(cJSON_CreateNull());
	}
}

static cJSON *copy_out(struct jp_eval *ev, const cJSON *v, const struct jp_node *root)
{
	/* The copy has a cap of its own: what the search built does not count twice. */
	ev->made = 0;
	return copy_value(ev, v, root);
}

cJSON *jmespath_search_vars(const struct jmespath *jp, const cJSON *doc, const cJSON *vars,
                            struct wa_err *err)
{
	struct jp_eval ev = { NULL, 0, 0, 0, 0, 0, 0, NULL, NULL, NULL, err, NULL };
	size_t nvars = (size_t)cJSON_GetArraySize(vars);
	struct jp_scope *globals = nvars ? xcalloc(nvars, sizeof(*globals)) : NULL;
	const cJSON *r, *m;
	cJSON *out = NULL;
	size_t i = 0;

	if (!jp) {
		jp_fail(err, JMESPATH_ERR_SYNTAX, 0, "no compiled expression");
		free(globals);
		return NULL;
	}
	ev.max_values = jp->max_values;
	ev.max_bytes = jp->max_values * 16;
	ev.null_v = jp_keep(&ev, cJSON_CreateNull());
	ev.true_v = jp_keep(&ev, cJSON_CreateTrue());
	ev.false_v = jp_keep(&ev, cJSON_CreateFalse());
	cJSON_ArrayForEach(m, vars)
	{
		if (!m->string)
			continue;
		globals[i] = (struct jp_scope){ m->string, m, i ? &globals[i - 1] : NULL };
		ev.scope = &globals[i++];
	}
	r = jp_eval_node(&ev, jp->root, doc ? doc : ev.null_v);
	/* The caller's copy: a plain tree, no references. Shared parts are copied each time
	 * they occur, so the copy too counts against the cap. */
	if (r)
		out = copy_out(&ev, r, jp->root);
	for (size_t k = 0; k < ev.nkeep; k++)
		cJSON_Delete(ev.keep[k]);
	free(ev.keep);
	free(globals);
	return out;
}

cJSON *jmespath_search(const struct jmespath *jp, const cJSON *doc, struct wa_err *err)
{
	return jmespath_search_vars(jp, doc, NULL, err);
}

int jp_strcmp(const char *a, const char *b)
{
	/* UTF-8 was designed so that unsigned byte order is code-point order. */
	return strcmp(a, b);
}
