#include "evidence/probe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evidence/template.h"
#include "util/cidr.h"
#include "util/strset.h"
#include "util/xalloc.h"
#include "util/json.h"

/* Resources named in one sentence before "and N more". */
enum { SHOWN_IN_TEXT = 10 };

int probe_compile(const struct probe *p, const struct question *q, struct probe_prog *out,
                  struct wa_err *err)
{
	size_t nv;
	const char **vars = probe_var_names(p, &nv);
	int rc = 0;

	memset(out, 0, sizeof(*out));
	out->p = p;
	out->q = q;
	if ((p->each_items &&
	     !(out->items = jmespath_compile_vars(p->each_items, vars, nv, err))) ||
	    (p->resources &&
	     !(out->resources = jmespath_compile_vars(p->resources, vars, nv, err))) ||
	    (p->defaults && !(out->defaults = jmespath_compile_vars(p->defaults, vars, nv, err))) ||
	    !(out->query = jmespath_compile_vars(p->query, vars, nv, err))) {
		probe_prog_clear(out);
		rc = -1;
	}
	free(vars);
	return rc;
}

void probe_prog_clear(struct probe_prog *pp)
{
	jmespath_free(pp->items);
	jmespath_free(pp->resources);
	jmespath_free(pp->defaults);
	jmespath_free(pp->query);
	memset(pp, 0, sizeof(*pp));
}

/* ---- parameters ---- */

/* A scalar as text: strings as they are, numbers as JSON prints them. */
static char *scalar_text(const cJSON *v)
{
	if (cJSON_IsString(v))
		return xstrdup(v->valuestring);
	return json_print(v, JSON_COMPACT);
}

struct subst {
	const cJSON *item;
	const char *const *times; /* the sweep's times, in probe_time_vars' order, or NULL */
	int missing;
	char *ref; /* the first reference that could not be filled */
	char *buf;
};

/* The sweep's time a reference names ({days_ago_30}), or NULL when it names none. */
static const char *subst_time(const struct subst *s, const char *ref, size_t len)
{
	int i = s->times ? probe_time_var(ref, len) : -1;

	return i < 0 ? NULL : s->times[i];
}

static const char *subst_lookup(void *ctx, const char *ref, size_t len)
{
	struct subst *s = ctx;
	const char *t = subst_time(s, ref, len);
	const cJSON *v = t ? NULL : tmpl_item_member(s->item, ref, len);

	if (t)
		return t;

	if (!v || cJSON_IsNull(v) || cJSON_IsObject(v) || cJSON_IsArray(v)) {
		if (!s->missing++)
			s->ref = xstrndup(ref, len);
		return "";
	}
	free(s->buf);
	s->buf = scalar_text(v);
	return s->buf;
}

static cJSON *subst_tree(const cJSON *v, struct subst *s, int depth)
{
	const char *ref;
	size_t len;
	cJSON *out, *c;

	if (depth > 64)
		return cJSON_CreateNull();
	if (cJSON_IsString(v)) {
		if (s->item && tmpl_whole_ref(v->valuestring, &ref, &len) &&
		    !subst_time(s, ref, len)) {
			const cJSON *hit = tmpl_item_member(s->item, ref, len);
			if (hit && !cJSON_IsNull(hit))
				return cJSON_Duplicate(hit, 1);
			if (!s->missing++)
				s->ref = xstrndup(ref, len);
			return cJSON_CreateNull();
		}
		{
			char *t = tmpl_render(v->valuestring, subst_lookup, s);
			out = cJSON_CreateString(t);
			free(t);
			return out;
		}
	}
	if (cJSON_IsArray(v) || cJSON_IsObject(v)) {
		out = cJSON_IsArray(v) ? cJSON_CreateArray() : cJSON_CreateObject();
		cJSON_ArrayForEach(c, v)
		{
			cJSON *d = subst_tree(c, s, depth + 1);
			if (cJSON_IsArray(v))
				cJSON_AddItemToArray(out, d);
			else
				cJSON_AddItemToObject(out, c->string, d);
		}
		return out;
	}
	return cJSON_Duplicate(v, 1);
}

cJSON *probe_params(const struct probe_call *c, const cJSON *item, const char *const *times,
                    int *failed, struct wa_err *err)
{
	struct subst s = { .item = item, .times = times };
	cJSON *out;

	*failed = 0;
	if (!c->params)
		return NULL;
	out = subst_tree(c->params, &s, 0);
	free(s.buf);
	if (s.missing) {
		char *it = item ? json_print(item, JSON_COMPACT) : xstrdup("null");
		if (strlen(it) > 120)
			strcpy(it + 117, "...");
		err_set(err, NULL, 0, 0, "the item %s has no value for {%s}", it, s.ref);
		free(it);
		free(s.ref);
		cJSON_Delete(out);
		*failed = 1;
		return NULL;
	}
	return out;
}

char *probe_item_region(const struct probe *p, const cJSON *item)
{
	struct subst s = { .item = item };
	char *r;

	if (!p->each_region)
		return NULL;
	r = tmpl_render(p->each_region, subst_lookup, &s);
	free(s.buf);
	free(s.ref);
	if (s.missing || !*r) {
		free(r);
		return NULL;
	}
	return r;
}

int probe_empty_on(const struct probe_call *c, const char *code)
{
	for (size_t i = 0; code && i < c->n_empty_on; i++)
		if (!strcmp(c->empty_on[i], code))
			return 1;
	return 0;
}

/* ---- judging ---- */

/* JMESPath's truth: false, null, "", [] and {} are false; everything else is true. */
static int truthy(const cJSON *v)
{
	if (!v || cJSON_IsNull(v) || cJSON_IsFalse(v))
		return 0;
	if (cJSON_IsString(v))
		return v->valuestring[0] != '\0';
	if (cJSON_IsArray(v) || cJSON_IsObject(v))
		return v->child != NULL;
	return 1;
}

/* How many things a value holds: a list's items, an object's members, 0 for null. */
static long size_of(const cJSON *v)
{
	if (!v || cJSON_IsNull(v))
		return 0;
	if (cJSON_IsArray(v) || cJSON_IsObject(v))
		return cJSON_GetArraySize(v);
	return truthy(v) ? 1 : 0;
}

static char *cite_text(const cJSON *v)
{
	char *s = scalar_text(v);

	if (strlen(s) > 160)
		strcpy(s + 157, "...");
	return s;
}

/* What a judgement found: the cited values (all of them; the result keeps the first
 * FINDING_MAX_CITED) and the numbers the templates show. */
struct verdict {
	int pass;
	long count;
	const cJSON **cited;
	size_t n_cited, cap;
	char *problem; /* set: the query's value does not suit the criterion */
};

static void cite(struct verdict *v, const cJSON *c)
{
	v->cited = xgrow(v->cited, &v->cap, v->n_cited + 1, sizeof(*v->cited));
	v->cited[v->n_cited++] = c;
}

static void cite_items(struct verdict *v, const cJSON *val)
{
	const cJSON *c;

	if (cJSON_IsArray(val))
		cJSON_ArrayForEach(c, val) cite(v, c);
	else if (truthy(val) && !cJSON_IsObject(val))
		cite(v, val);
}

static const char *kind_of(const cJSON *v)
{
	return cJSON_IsArray(v)    ? "a list"
	       : cJSON_IsObject(v) ? "an object"
	       : cJSON_IsString(v) ? "a string"
	       : cJSON_IsNumber(v) ? "a number"
	       : cJSON_IsBool(v)   ? "a boolean"
	                           : "null";
}

static int need_list(struct verdict *v, const cJSON *val, const char *crit)
{
	if (cJSON_IsArray(val) || cJSON_IsNull(val))
		return 0;
	v->problem = xasprintf("query: %s needs a list, but the query gave %s", crit, kind_of(val));
	return -1;
}

/* An item of an aggregate criterion's list: a bare value, or {resource, value} naming the
 * resource it belongs to (then the resource is what a finding cites). */
static const cJSON *pair_value(const cJSON *c)
{
	const cJSON *x = cJSON_IsObject(c) ? cJSON_GetObjectItemCaseSensitive(c, "value") : NULL;
	return x ? x : c;
}

static const cJSON *pair_resource(const cJSON *c)
{
	const cJSON *x = cJSON_IsObject(c) ? cJSON_GetObjectItemCaseSensitive(c, "resource") : NULL;
	return x ? x : c;
}

/* no_overlap: every range that shares addresses with another is an offender. */
static void judge_no_overlap(const cJSON *val, struct verdict *v)
{
	size_t n = (size_t)cJSON_GetArraySize(val), i = 0;
	struct cidr *r = xcalloc(n ? n : 1, sizeof(*r));
	const cJSON *c;

	cJSON_ArrayForEach(c, val)
	{
		const cJSON *x = pair_value(c);

		if (!cJSON_IsString(x) || cidr_parse(x->valuestring, &r[i]) < 0) {
			char *t = cite_text(x);
			v->problem = xasprintf("query: no_overlap needs CIDR ranges such as "
			                       "10.0.0.0/16, but the query gave %s",
			                       t);
			free(t);
			free(r);
			return;
		}
		i++;
	}
	i = 0;
	cJSON_ArrayForEach(c, val)
	{
		for (size_t j = 0; j < n; j++)
			if (j != i && cidr_overlap(&r[i], &r[j])) {
				cite(v, pair_resource(c));
				break;
			}
		i++;
	}
	free(r);
	v->count = (long)v->n_cited;
	v->pass = v->count == 0;
}

static void judge_value(const struct probe *p, const cJSON *val, const cJSON *res,
                        struct verdict *v)
{
	const cJSON *c;
	long n;

	switch (p->expect) {
	case EXPECT_EMPTY:
	case EXPECT_NOT_EMPTY:
	case EXPECT_EQUALS:
		v->count = size_of(val);
		cite_items(v, val);
		v->pass = p->expect == EXPECT_EMPTY       ? !truthy(val)
		          : p->expect == EXPECT_NOT_EMPTY ? truthy(val)
		                                          : cJSON_Compare(val, p->expect_value, 1);
		return;
	case EXPECT_MIN_COUNT:
	case EXPECT_MAX_COUNT:
		n = cJSON_IsNumber(val) ? (long)val->valuedouble : size_of(val);
		v->count = n;
		cite_items(v, val);
		v->pass = p->expect == EXPECT_MIN_COUNT ? n >= p->expect_n : n <= p->expect_n;
		return;
	case EXPECT_ALL_TRUE:
		if (need_list(v, val, "all_true"))
			return;
		if (!cJSON_IsArray(res) || cJSON_GetArraySize(res) != cJSON_GetArraySize(val)) {
			v->problem = xasprintf("query: all_true pairs each value with a resource, "
			                       "but the query gave %ld values for %ld resources",
			                       size_of(val), size_of(res));
			return;
		}
		for (int i = 0; i < cJSON_GetArraySize(val); i++)
			if (!truthy(cJSON_GetArrayItem(val, i))) {
				cite(v, cJSON_GetArrayItem(res, i));
				v->count++;
			}
		v->pass = v->count == 0;
		return;
	case EXPECT_UNIQUE:
	case EXPECT_MIN_DISTINCT:
		if (need_list(v, val, probe_expect_name(p->expect)))
			return;
		cJSON_ArrayForEach(c, val)
		{
			int before = 0, after = 0;
			const cJSON *e;

			for (e = val->child; e != c; e = e->next)
				before += cJSON_Compare(pair_value(e), pair_value(c), 1);
			for (e = c->next; e; e = e->next)
				after += cJSON_Compare(pair_value(e), pair_value(c), 1);
			if (p->expect == EXPECT_MIN_DISTINCT) {
				if (!before)
					cite(v, pair_value(c)); /* each value once */
			} else if (pair_value(c) != c) {
				if (before || after)
					cite(v,
					     pair_resource(c)); /* every resource sharing a value */
			} else if (!before && after) {
				cite(v, c); /* each repeated bare value once */
			}
		}
		v->count = (long)v->n_cited;
		v->pass = p->expect == EXPECT_UNIQUE ? v->count == 0 : v->count >= p->expect_n;
		return;
	case EXPECT_NO_OVERLAP:
		if (need_list(v, val, "no_overlap"))
			return;
		judge_no_overlap(val, v);
		return;
	}
}

/* The values a finding template may name. */
struct fields {
	const struct probe *p;
	const struct region_result *r;
	const struct verdict *v;
	const cJSON *value;
	char buf[2048];
};

static const char *field_lookup(void *ctx, const char *ref, size_t len)
{
	struct fields *f = ctx;
	char *s;

	if (len == 5 && !strncmp(ref, "count", 5)) {
		snprintf(f->buf, sizeof(f->buf), "%ld", f->v->count);
	} else if (len == 5 && !strncmp(ref, "total", 5)) {
		snprintf(f->buf, sizeof(f->buf), "%ld", f->r->examined < 0 ? 0 : f->r->examined);
	} else if (len == 6 && !strncmp(ref, "region", 6)) {
		snprintf(f->buf, sizeof(f->buf), "%s", f->r->region);
	} else if (len == 9 && !strncmp(ref, "resources", 9)) {
		size_t used = 0,
		       shown = f->v->n_cited < SHOWN_IN_TEXT ? f->v->n_cited : SHOWN_IN_TEXT;
		f->buf[0] = '\0';
		for (size_t i = 0; i < shown && used < sizeof(f->buf); i++) {
			s = cite_text(f->v->cited[i]);
			used += (size_t)snprintf(f->buf + used, sizeof(f->buf) - used, "%s%s",
			                         i ? ", " : "", s);
			free(s);
		}
		if (f->v->n_cited > shown && used < sizeof(f->buf))
			snprintf(f->buf + used, sizeof(f->buf) - used, " and %zu more",
			         f->v->n_cited - shown);
	} else if (len == 5 && !strncmp(ref, "value", 5)) {
		s = cite_text(f->value);
		snprintf(f->buf, sizeof(f->buf), "%s", s);
		free(s);
	} else if (len == 8 && !strncmp(ref, "expected", 8)) {
		if (f->p->expect == EXPECT_EQUALS) {
			s = cite_text(f->p->expect_value);
			snprintf(f->buf, sizeof(f->buf), "%s", s);
			free(s);
		} else {
			snprintf(f->buf, sizeof(f->buf), "%ld", f->p->expect_n);
		}
	} else {
		return NULL;
	}
	return f->buf;
}

static void fault_text(struct region_result *out, const char *what)
{
	out->outcome = OUTCOME_ERROR;
	out->text = xasprintf("could not check: %s", what);
}

/* ---- what is left out: AWS defaults and resources outside the workload's scope ---- */

struct leftout {
	const struct probe_prog *pp;
	const struct probe_ctx *cx;
	const char *region;
	struct strset defaults; /* the probe's defaults (strings borrowed from dtree) */
	struct strset gone;     /* resources left out (borrowed from trash), to filter the
	                         * query's value */
	cJSON *dtree, *trash;   /* what the sets borrow from */
	long n_defaults, n_scope;
};

static bool has(const struct strset *s, const char *key)
{
	return strset_get(s, key) >= 0;
}

static bool in_scope(const struct leftout *lo, const char *id)
{
	return !lo->cx || !lo->cx->in_scope ||
	       lo->cx->in_scope(lo->cx->scope_ctx, lo->pp->p, lo->region, id);
}

/* Whether a value names something left out: a string left out, or an object whose
 * "resource" (aggregate items) is. Other values stay. With check_scope (a probe without
 * resources, whose values are what it found), out-of-scope values are counted here. */
static bool left_out(struct leftout *lo, const cJSON *v, bool check_scope)
{
	const cJSON *r = cJSON_IsObject(v) ? cJSON_GetObjectItemCaseSensitive(v, "resource") : v;

	if (!cJSON_IsString(r))
		return false;
	if (has(&lo->gone, r->valuestring))
		return true;
	if (has(&lo->defaults, r->valuestring)) {
		lo->n_defaults += check_scope;
		return true;
	}
	if (check_scope && !in_scope(lo, r->valuestring)) {
		lo->n_scope++;
		return true;
	}
	return false;
}

/* Moves out of list (an array) the items left out, or, when mask is given, the items whose
 * position mask[] marks, into lo->trash (the sets may borrow their strings). */
static void drop_items(cJSON *list, struct leftout *lo, const unsigned char *mask, bool check_scope)
{
	int i = 0;

	for (cJSON *c = list ? list->child : NULL, *next; c; c = next, i++) {
		next = c->next;
		if (mask ? mask[i] : left_out(lo, c, check_scope))
			cJSON_AddItemToArray(lo->trash, cJSON_DetachItemViaPointer(list, c));
	}
}

/* Removes defaults and out-of-scope resources from res (the examined list), remembering
 * them and their positions (for all_true's parallel list); returns the positions' mask
 * (free()), or NULL when res is not a list. */
static unsigned char *filter_resources(cJSON *res, struct leftout *lo)
{
	int n = cJSON_IsArray(res) ? cJSON_GetArraySize(res) : 0, i = 0;
	unsigned char *mask;

	if (!cJSON_IsArray(res))
		return NULL;
	mask = xcalloc((size_t)n + 1, 1);
	for (cJSON *c = res->child; c; c = c->next, i++) {
		if (!cJSON_IsString(c))
			continue;
		if (has(&lo->defaults, c->valuestring)) {
			mask[i] = 1;
			lo->n_defaults++;
		} else if (!in_scope(lo, c->valuestring)) {
			mask[i] = 1;
			lo->n_scope++;
		}
		if (mask[i])
			strset_add(&lo->gone, c->valuestring, 0);
	}
	drop_items(res, lo, mask, false);
	return mask;
}

static void read_defaults(const struct probe_prog *pp, const cJSON *doc, const cJSON *vars,
                          struct leftout *lo)
{
	struct wa_err err;
	cJSON *d, *c;

	if (!pp->defaults)
		return;
	err_clear(&err);
	/* A defaults expression that fails leaves nothing out: the probe then judges more, not
	 * less, so nothing is passed that should not be. */
	d = lo->dtree = jmespath_search_vars(pp->defaults, doc, vars, &err);
	if (cJSON_IsString(d))
		strset_add(&lo->defaults, d->valuestring, 0);
	if (!cJSON_IsArray(d))
		return;
	cJSON_ArrayForEach(c, d)
	{
		if (cJSON_IsString(c))
			strset_add(&lo->defaults, c->valuestring, 0);
	}
}

/* "(2 AWS defaults and 5 resources outside the workload's scope left out)", or "". */
static char *leftout_note(const struct leftout *lo)
{
	if (lo->n_defaults && lo->n_scope)
		return xasprintf(
		        " (%ld AWS default%s and %ld outside the workload's scope left out)",
		        lo->n_defaults, lo->n_defaults == 1 ? "" : "s", lo->n_scope);
	if (lo->n_defaults)
		return xasprintf(" (%ld AWS default%s left out)", lo->n_defaults,
		                 lo->n_defaults == 1 ? "" : "s");
	if (lo->n_scope)
		return xasprintf(" (%ld outside the workload's scope left out)", lo->n_scope);
	return xstrdup("");
}

static void append_note(char **text, const char *note)
{
	char *s;

	if (!*note)
		return;
	s = xasprintf("%s%s", *text ? *text : "", note);
	free(*text);
	*text = s;
}

void probe_judge(const struct probe_prog *pp, const cJSON *doc, const struct probe_ctx *cx,
                 const char *region, struct region_result *out)
{
	const struct probe *p = pp->p;
	struct verdict v = { 0 };
	struct fields f = { .p = p, .r = out, .v = &v };
	struct leftout lo = { .pp = pp,
		              .cx = cx,
		              .region = region,
		              .trash = cJSON_CreateArray(),
		              .n_scope = cx ? cx->skipped : 0 };
	const cJSON *vars = cx ? cx->vars : NULL;
	cJSON *res = NULL, *val = NULL;
	unsigned char *mask = NULL;
	char *note = NULL;
	struct wa_err err;

	out->region = xstrdup(region);
	out->examined = -1;
	err_clear(&err);
	read_defaults(pp, doc, vars, &lo);
	if (pp->resources) {
		res = jmespath_search_vars(pp->resources, doc, vars, &err);
		if (!res) {
			char *m = xasprintf("resources: %s", err.msg);
			probe_fault_msg(region, m, out);
			free(m);
			goto out;
		}
		mask = filter_resources(res, &lo);
		out->examined = cJSON_IsArray(res) ? cJSON_GetArraySize(res) : truthy(res) ? 1 : 0;
		out->defaults = lo.n_defaults;
		out->out_of_scope = lo.n_scope;
		note = leftout_note(&lo);
		if (!truthy(res)) {
			out->outcome = OUTCOME_NOT_APPLICABLE;
			out->text = xasprintf("not applicable: none found%s", note);
			goto out;
		}
	}
	val = jmespath_search_vars(pp->query, doc, vars, &err);
	if (!val) {
		char *m = xasprintf("query: %s", err.msg);
		probe_fault_msg(region, m, out);
		free(m);
		goto out;
	}
	/* The query sees the whole document; judge only what is left in. all_true's values run
	 * parallel to the resources, so they go by position. */
	if (cJSON_IsArray(val))
		drop_items(val, &lo, p->expect == EXPECT_ALL_TRUE ? mask : NULL, !pp->resources);
	if (!note) {
		out->defaults = lo.n_defaults;
		out->out_of_scope = lo.n_scope;
		note = leftout_note(&lo);
	}
	judge_value(p, val, res, &v);
	if (v.problem) {
		probe_fault_msg(region, v.problem, out);
	} else {
		f.value = val;
		out->outcome = v.pass ? OUTCOME_PASS : OUTCOME_FAIL;
		out->count = v.count;
		for (size_t i = 0; i < v.n_cited; i++) {
			char *s = cite_text(v.cited[i]);
			region_result_cite(out, s);
			free(s);
		}
		if (!v.pass)
			out->text = tmpl_render(p->finding, field_lookup, &f);
		else if (p->passed)
			out->text = tmpl_render(p->passed, field_lookup, &f);
		else
			out->text = tmpl_render(p->resources ? "passed ({total} examined)"
			                                     : "passed ({count} found)",
			                        field_lookup, &f);
		append_note(&out->text, note);
	}
out:
	free(note);
	free(mask);
	free(v.problem);
	free(v.cited);
	cJSON_Delete(val);
	cJSON_Delete(res);
	strset_free(&lo.defaults);
	strset_free(&lo.gone);
	cJSON_Delete(lo.dtree);
	cJSON_Delete(lo.trash);
}

char *probe_item_label(const cJSON *item)
{
	static const char *const keys[] = { "name", "id", "arn", NULL };

	if (cJSON_IsString(item))
		return xstrdup(item->valuestring);
	for (size_t i = 0; keys[i]; i++) {
		const cJSON *m = cJSON_GetObjectItemCaseSensitive(item, keys[i]);
		if (cJSON_IsString(m))
			return xstrdup(m->valuestring);
	}
	return cite_text(item);
}

bool probe_item_in_scope(const struct probe_prog *pp, const struct probe_ctx *cx,
                         const char *region, const cJSON *item)
{
	const cJSON *m;

	if (!cx || !cx->in_scope)
		return true;
	if (cJSON_IsString(item))
		return cx->in_scope(cx->scope_ctx, pp->p, region, item->valuestring);
	if (!cJSON_IsObject(item))
		return true; /* nothing to tell it by: keep it */
	cJSON_ArrayForEach(m, item)
	{
		if (cJSON_IsString(m) && cx->in_scope(cx->scope_ctx, pp->p, region, m->valuestring))
			return true;
	}
	return false;
}

void probe_fault(const struct ev_call *call, const char *region, const char *note,
                 struct region_result *out)
{
	char label[300], what[1600];

	out->region = xstrdup(region);
	out->examined = -1;
	ev_call_label(call, label, sizeof(label));
	out->fault.call = xstrdup(label);
	out->fault.code = call->code[0] ? xstrdup(call->code) : NULL;
	out->fault.message = xstrdup(call->message);
	out->fault.http_status = call->http_status;
	if (call->code[0])
		snprintf(what, sizeof(what), "%s: %s (%s%s%s)", call->code, call->message, label,
		         note ? "; " : "", note ? note : "");
	else
		snprintf(what, sizeof(what), "%s (%s%s%s)", call->message, label, note ? "; " : "",
		         note ? note : "");
	fault_text(out, what);
}

void probe_fault_msg(const char *region, const char *msg, struct region_result *out)
{
	if (!out->region)
		out->region = xstrdup(region);
	out->examined = -1;
	out->fault.message = xstrdup(msg);
	fault_text(out, msg);
}
