/* Service models: the JSON that src/build/gen_models.py trims out of botocore's data, loaded
 * once per service and resolved into a graph of shapes, so the codecs never look a shape up
 * by name while they work. */
#include "aws/model_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/builtin.h"
#include "util/strset.h"
#include "util/xalloc.h"

#define MODEL_DIR "src/aws/models/"

/* Loaded built-in models, kept until exit. */
static struct aws_model **cache;
static size_t n_cache, cap_cache;
static const char **services; /* NULL-ended, sorted */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

const char *const *aws_model_services(void)
{
	size_t n = 0, cap = 0, dir = strlen(MODEL_DIR);

	if (services)
		return services;
	for (const struct builtin_file *f = builtin_files; f->name; f++) {
		size_t len = strlen(f->name);

		if (strncmp(f->name, MODEL_DIR, dir) != 0 || len < dir + 6 ||
		    strcmp(f->name + len - 5, ".json") != 0 || strchr(f->name + dir, '/'))
			continue;
		services = xgrow(services, &cap, n + 2, sizeof(*services));
		services[n++] = xstrndup(f->name + dir, len - dir - 5);
	}
	if (!services)
		services = xcalloc(1, sizeof(*services));
	qsort(services, n, sizeof(*services), cmp_str);
	services[n] = NULL;
	return services;
}

/* ---- reading the JSON ------------------------------------------------------------------ */

static const char *jstr(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static bool jbool(const cJSON *o, const char *key)
{
	return cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, key));
}

static int type_of(const char *t, enum aws_type *out)
{
	static const struct {
		const char *name;
		enum aws_type type;
	} types[] = {
		{ "structure", AWS_T_STRUCTURE },
		{ "list", AWS_T_LIST },
		{ "map", AWS_T_MAP },
		{ "string", AWS_T_STRING },
		{ "character", AWS_T_STRING },
		{ "integer", AWS_T_INTEGER },
		{ "byte", AWS_T_INTEGER },
		{ "short", AWS_T_INTEGER },
		{ "long", AWS_T_LONG },
		{ "biginteger", AWS_T_LONG },
		{ "float", AWS_T_FLOAT },
		{ "double", AWS_T_DOUBLE },
		{ "bigdecimal", AWS_T_DOUBLE },
		{ "boolean", AWS_T_BOOLEAN },
		{ "timestamp", AWS_T_TIMESTAMP },
		{ "blob", AWS_T_BLOB },
	};

	for (size_t i = 0; t && i < sizeof(types) / sizeof(types[0]); i++) {
		if (strcmp(t, types[i].name) == 0) {
			*out = types[i].type;
			return 0;
		}
	}
	return -1;
}

static int loc_of(const char *l, enum aws_loc *out)
{
	if (!l)
		*out = AWS_LOC_BODY;
	else if (strcmp(l, "uri") == 0)
		*out = AWS_LOC_URI;
	else if (strcmp(l, "querystring") == 0)
		*out = AWS_LOC_QUERYSTRING;
	else if (strcmp(l, "header") == 0)
		*out = AWS_LOC_HEADER;
	else if (strcmp(l, "headers") == 0)
		*out = AWS_LOC_HEADERS;
	else if (strcmp(l, "statusCode") == 0)
		*out = AWS_LOC_STATUS;
	else
		return -1;
	return 0;
}

/* The serialization traits of one JSON object (a shape or a reference) laid over *r. */
static void traits(const cJSON *o, struct aws_ref *r)
{
	const cJSON *ns = cJSON_GetObjectItemCaseSensitive(o, "xmlNamespace");
	const char *s;

	if ((s = jstr(o, "locationName")))
		r->name = s;
	if ((s = jstr(o, "queryName")))
		r->query_name = s;
	if ((s = jstr(o, "timestampFormat")))
		r->timestamp_format = s;
	if ((s = jstr(o, "resultWrapper")))
		r->result_wrapper = s;
	if (cJSON_IsString(ns)) {
		r->xmlns_uri = ns->valuestring;
		r->xmlns_prefix = NULL;
	} else if (cJSON_IsObject(ns)) {
		r->xmlns_uri = jstr(ns, "uri");
		r->xmlns_prefix = jstr(ns, "prefix");
	}
	if (cJSON_GetObjectItemCaseSensitive(o, "flattened"))
		r->flattened = jbool(o, "flattened");
	if (cJSON_GetObjectItemCaseSensitive(o, "xmlAttribute"))
		r->xml_attribute = jbool(o, "xmlAttribute");
	if (cJSON_GetObjectItemCaseSensitive(o, "hostLabel"))
		r->host_label = jbool(o, "hostLabel");
	if (cJSON_GetObjectItemCaseSensitive(o, "jsonvalue"))
		r->jsonvalue = jbool(o, "jsonvalue");
	if (cJSON_GetObjectItemCaseSensitive(o, "streaming"))
		r->streaming = jbool(o, "streaming");
}

struct build {
	struct aws_model *m;
	struct strset names; /* shape name -> index */
	const cJSON *shapes;
	char where[160];
	struct wa_err *err;
};

/* Resolves a {"shape": …} reference: the shape's traits, then the reference's own. */
static int resolve_ref(struct build *b, const cJSON *o, const char *what, struct aws_ref *r)
{
	const char *name = jstr(o, "shape");
	const cJSON *def;
	long i;

	memset(r, 0, sizeof(*r));
	if (!name)
		return err_set(b->err, b->where, 0, 0, "%s has no shape", what);
	i = strset_get(&b->names, name);
	if (i < 0)
		return err_set(b->err, b->where, 0, 0, "%s refers to unknown shape %s", what, name);
	r->shape = &b->m->shapes[i];
	def = cJSON_GetObjectItemCaseSensitive(b->shapes, name);
	traits(def, r);
	traits(o, r);
	if (loc_of(jstr(o, "location"), &r->loc) < 0)
		return err_set(b->err, b->where, 0, 0, "%s has unknown location %s", what,
		               jstr(o, "location"));
	return 0;
}

static int build_shape(struct build *b, struct aws_shape *s, const cJSON *def)
{
	const cJSON *members = cJSON_GetObjectItemCaseSensitive(def, "members");
	const cJSON *req = cJSON_GetObjectItemCaseSensitive(def, "required");
	const cJSON *m;
	size_t i = 0;

	s->payload = jstr(def, "payload");
	s->document = jbool(def, "document");
	s->is_union = jbool(def, "union");
	s->exception = jbool(def, "exception");
	switch (s->type) {
	case AWS_T_STRUCTURE:
		s->n_members = (size_t)cJSON_GetArraySize(members);
		s->members = xcalloc(s->n_members ? s->n_members : 1, sizeof(*s->members));
		cJSON_ArrayForEach(m, members)
		{
			struct aws_member *mem = &s->members[i++];
			const cJSON *r;

			mem->name = m->string;
			if (resolve_ref(b, m, m->string, &mem->ref) < 0)
				return -1;
			cJSON_ArrayForEach(r, req) if (cJSON_IsString(r) &&
			                               strcmp(r->valuestring, m->string) == 0)
			        mem->required = true;
		}
		break;
	case AWS_T_LIST:
		return resolve_ref(b, cJSON_GetObjectItemCaseSensitive(def, "member"), "its member",
		                   &s->member);
	case AWS_T_MAP:
		if (resolve_ref(b, cJSON_GetObjectItemCaseSensitive(def, "key"), "its key",
		                &s->key) < 0)
			return -1;
		return resolve_ref(b, cJSON_GetObjectItemCaseSensitive(def, "value"), "its value",
		                   &s->value);
	default: break;
	}
	return 0;
}

/* A paginator entry that may be a string or a list of strings, as a NULL-ended array. */
static const char *const *str_list(struct aws_model *m, const cJSON *v)
{
	const char **arr;
	size_t n = 0;
	const cJSON *it;

	if (!v)
		return NULL;
	arr = xcalloc((size_t)(cJSON_IsArray(v) ? cJSON_GetArraySize(v) : 1) + 1, sizeof(*arr));
	if (cJSON_IsString(v)) {
		arr[n++] = v->valuestring;
	} else {
		cJSON_ArrayForEach(it, v) if (cJSON_IsString(it)) arr[n++] = it->valuestring;
	}
	m->strings = xrealloc(m->strings, (m->n_strings + 1) * sizeof(*m->strings));
	m->strings[m->n_strings++] = (char *)arr;
	return arr;
}

static int build_op(struct build *b, struct aws_operation *op, const cJSON *def, const cJSON *pages)
{
	const cJSON *http = cJSON_GetObjectItemCaseSensitive(def, "http");
	const cJSON *in = cJSON_GetObjectItemCaseSensitive(def, "input");
	const cJSON *out = cJSON_GetObjectItemCaseSensitive(def, "output");
	const cJSON *pg = cJSON_GetObjectItemCaseSensitive(pages, def->string);

	op->model = b->m;
	op->name = def->string;
	op->cli_name = jstr(def, "cliName");
	op->method = jstr(http, "method");
	op->request_uri = jstr(http, "requestUri");
	op->host_prefix = jstr(cJSON_GetObjectItemCaseSensitive(def, "endpoint"), "hostPrefix");
	if (!op->method)
		op->method = "POST";
	if (!op->request_uri)
		op->request_uri = "/";
	if (!op->cli_name)
		return err_set(b->err, b->where, 0, 0, "operation %s has no cliName", op->name);
	if (in && resolve_ref(b, in, op->name, &op->input) < 0)
		return -1;
	if (out && resolve_ref(b, out, op->name, &op->output) < 0)
		return -1;
	if (cJSON_IsObject(pg)) {
		op->has_paginator = true;
		op->pag.input_token =
		        str_list(b->m, cJSON_GetObjectItemCaseSensitive(pg, "input_token"));
		op->pag.output_token =
		        str_list(b->m, cJSON_GetObjectItemCaseSensitive(pg, "output_token"));
		op->pag.result_key =
		        str_list(b->m, cJSON_GetObjectItemCaseSensitive(pg, "result_key"));
		op->pag.more_results = jstr(pg, "more_results");
		op->pag.limit_key = jstr(pg, "limit_key");
	}
	return 0;
}

static int build_meta(struct build *b, const cJSON *meta)
{
	static const char *const protos[] = { "query", "ec2", "json", "rest-json", "rest-xml" };
	struct aws_model *m = b->m;
	const cJSON *glob = cJSON_GetObjectItemCaseSensitive(meta, "global");
	const char *p = jstr(meta, "protocol");
	size_t i;

	for (i = 0; p && i < sizeof(protos) / sizeof(protos[0]); i++)
		if (strcmp(p, protos[i]) == 0)
			break;
	if (!p || i == sizeof(protos) / sizeof(protos[0]))
		return err_set(b->err, b->where, 0, 0, "unsupported protocol %s", p ? p : "(none)");
	m->proto = (enum aws_proto)i;
	m->info.protocol = protos[i];
	m->info.service = m->service;
	m->info.service_id = jstr(meta, "serviceId");
	m->info.endpoint_prefix = jstr(meta, "endpointPrefix");
	m->info.signing_name = jstr(meta, "signingName");
	m->api_version = jstr(meta, "apiVersion");
	m->json_version = jstr(meta, "jsonVersion");
	m->target_prefix = jstr(meta, "targetPrefix");
	m->query_compatible = jbool(meta, "awsQueryCompatible");
	if (!m->info.signing_name)
		m->info.signing_name = m->info.endpoint_prefix;
	if (!m->json_version)
		m->json_version = "1.0";
	if (cJSON_IsObject(glob)) {
		m->info.global = true;
		m->info.global_region = jstr(glob, "region");
		m->info.global_host = jstr(glob, "hostname");
		if (!m->info.global_region)
			m->info.global_region = "us-east-1";
	}
	if (!m->info.service_id || !m->info.endpoint_prefix || !m->api_version)
		return err_set(b->err, b->where, 0, 0,
		               "metadata lacks serviceId, endpointPrefix or apiVersion");
	if (m->proto == AWS_P_JSON && !m->target_prefix)
		return err_set(b->err, b->where, 0, 0, "a json protocol model needs targetPrefix");
	return 0;
}

struct aws_model *aws_model_parse(const char *service, const char *json, size_t len,
                                  struct wa_err *err)
{
	struct build b = { .err = err };
	struct aws_model *m = xcalloc(1, sizeof(*m));
	const cJSON *ops, *def, *pages;
	size_t i = 0;

	snprintf(b.where, sizeof(b.where), "model %s", service);
	b.m = m;
	m->service = xstrdup(service);
	m->root = cJSON_ParseWithLength(json, len);
	if (!cJSON_IsObject(m->root)) {
		err_set(err, b.where, 0, 0, "not a JSON object");
		goto fail;
	}
	if (build_meta(&b, cJSON_GetObjectItemCaseSensitive(m->root, "metadata")) < 0)
		goto fail;
	b.shapes = cJSON_GetObjectItemCaseSensitive(m->root, "shapes");
	m->n_shapes = (size_t)cJSON_GetArraySize(b.shapes);
	m->shapes = xcalloc(m->n_shapes ? m->n_shapes : 1, sizeof(*m->shapes));
	/* Two passes: name every shape first, since shapes refer to each other in any order. */
	cJSON_ArrayForEach(def, b.shapes)
	{
		struct aws_shape *s = &m->shapes[i];

		s->name = def->string;
		if (type_of(jstr(def, "type"), &s->type) < 0) {
			err_set(err, b.where, 0, 0, "shape %s has unknown type %s", s->name,
			        jstr(def, "type") ? jstr(def, "type") : "(none)");
			goto fail;
		}
		strset_add(&b.names, s->name, (long)i++);
	}
	i = 0;
	cJSON_ArrayForEach(def, b.shapes)
	{
		snprintf(b.where, sizeof(b.where), "model %s, shape %s", service, def->string);
		if (build_shape(&b, &m->shapes[i++], def) < 0)
			goto fail;
	}
	snprintf(b.where, sizeof(b.where), "model %s", service);
	ops = cJSON_GetObjectItemCaseSensitive(m->root, "operations");
	pages = cJSON_GetObjectItemCaseSensitive(m->root, "paginators");
	m->n_ops = (size_t)cJSON_GetArraySize(ops);
	m->ops = xcalloc(m->n_ops ? m->n_ops : 1, sizeof(*m->ops));
	i = 0;
	cJSON_ArrayForEach(def, ops) if (build_op(&b, &m->ops[i++], def, pages) < 0) goto fail;
	strset_free(&b.names);
	return m;
fail:
	strset_free(&b.names);
	aws_model_free(m);
	return NULL;
}

void aws_model_free(struct aws_model *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->n_shapes; i++)
		free(m->shapes[i].members);
	for (size_t i = 0; i < m->n_strings; i++)
		free(m->strings[i]);
	free(m->strings);
	free(m->shapes);
	free(m->ops);
	cJSON_Delete(m->root);
	free(m->service);
	free(m);
}

/* ---- lookups --------------------------------------------------------------------------- */

/* The aws CLI names two of our services differently from botocore: accept both. */
static const char *const cli_aliases[][2] = {
	{ "s3api", "s3" },
	{ "deploy", "codedeploy" },
};

const struct aws_model *aws_model_get(const char *service, struct wa_err *err)
{
	const struct builtin_file *f;
	struct aws_model *m;
	char *path, *list;
	size_t n = 0;

	for (size_t i = 0; i < sizeof(cli_aliases) / sizeof(cli_aliases[0]); i++)
		if (strcmp(service, cli_aliases[i][0]) == 0)
			service = cli_aliases[i][1];
	for (size_t i = 0; i < n_cache; i++)
		if (strcmp(cache[i]->service, service) == 0)
			return cache[i];
	path = xasprintf(MODEL_DIR "%s.json", service);
	f = strchr(service, '/') ? NULL : builtin_find(path);
	free(path);
	if (!f) {
		const char *const *s = aws_model_services();

		for (size_t i = 0; s[i]; i++)
			n += strlen(s[i]) + 2;
		list = xcalloc(n + 1, 1);
		for (size_t i = 0; s[i]; i++) {
			strcat(list, i ? ", " : "");
			strcat(list, s[i]);
		}
		err_set(err, NULL, 0, 0, "unknown service \"%s\"; the services are: %s", service,
		        list);
		free(list);
		return NULL;
	}
	m = aws_model_parse(service, f->data, f->len, err);
	if (!m)
		return NULL;
	cache = xgrow(cache, &cap_cache, n_cache + 1, sizeof(*cache));
	cache[n_cache++] = m;
	return m;
}

const struct aws_operation *aws_model_operation(const struct aws_model *m, const char *name,
                                                struct wa_err *err)
{
	for (size_t i = 0; i < m->n_ops; i++)
		if (strcmp(m->ops[i].name, name) == 0 || strcmp(m->ops[i].cli_name, name) == 0)
			return &m->ops[i];
	/* The CLI is case-sensitive, but "describeVpcs" is an obvious slip worth forgiving. */
	for (size_t i = 0; i < m->n_ops; i++)
		if (strcasecmp(m->ops[i].name, name) == 0)
			return &m->ops[i];
	{
		size_t n = 1;
		char *list;

		for (size_t i = 0; i < m->n_ops; i++)
			n += strlen(m->ops[i].cli_name) + 2;
		list = xcalloc(n, 1);
		for (size_t i = 0; i < m->n_ops; i++) {
			strcat(list, i ? ", " : "");
			strcat(list, m->ops[i].cli_name);
		}
		err_set(err, NULL, 0, 0, "%s has no operation \"%s\" built in; it has: %s",
		        m->service, name, list);
		free(list);
	}
	return NULL;
}

const struct aws_operation *aws_model_operation_at(const struct aws_model *m, size_t i, size_t *n)
{
	if (n)
		*n = m->n_ops;
	return i < m->n_ops ? &m->ops[i] : NULL;
}

void aws_model_info(const struct aws_model *m, struct aws_service_info *out)
{
	*out = m->info;
}

const char *aws_operation_name(const struct aws_operation *op)
{
	return op->name;
}

const char *aws_operation_cli_name(const struct aws_operation *op)
{
	return op->cli_name;
}

const struct aws_paginator *aws_operation_paginator(const struct aws_operation *op)
{
	return op->has_paginator ? &op->pag : NULL;
}

const struct aws_member *aws_shape_member(const struct aws_shape *s, const char *name)
{
	for (size_t i = 0; i < s->n_members; i++)
		if (strcmp(s->members[i].name, name) == 0)
			return &s->members[i];
	return NULL;
}
