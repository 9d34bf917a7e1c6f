/* Parameters checked against an operation's input before any protocol writes them, the way
 * botocore's validator checks them: unknown and missing members, wrong types. Scalars typed
 * as strings on a command line ("5", "true") are converted, so the callers need not know
 * the model. */
#include "aws/proto_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/xalloc.h"

struct check {
	const struct aws_operation *op;
	struct sbuf path; /* "Filters[0].Name" */
	struct wa_err *err;
};

static const char *kind(const cJSON *v)
{
	if (cJSON_IsString(v))
		return "a string";
	if (cJSON_IsNumber(v))
		return "a number";
	if (cJSON_IsBool(v))
		return "a boolean";
	if (cJSON_IsArray(v))
		return "a list";
	if (cJSON_IsObject(v))
		return "an object";
	return "null";
}

static cJSON *bad(struct check *c, const char *want, const cJSON *v)
{
	err_set(c->err, proto_where(c->op), 0, 0, "parameter %s: expected %s, got %s",
	        c->path.buf ? c->path.buf : "(input)", want, kind(v));
	return NULL;
}

static cJSON *check_value(struct check *c, const struct aws_ref *r, const cJSON *v);

static cJSON *check_struct(struct check *c, const struct aws_shape *s, const cJSON *v)
{
	size_t mark = c->path.len, set = 0;
	cJSON *out;

	if (!cJSON_IsObject(v))
		return bad(c, "an object", v);
	if (s->document)
		return cJSON_Duplicate(v, 1);
	out = cJSON_CreateObject();
	for (const cJSON *it = v->child; it; it = it->next) {
		const struct aws_member *m = aws_shape_member(s, it->string);
		cJSON *val;

		if (!m) {
			struct sbuf names = { 0 };

			for (size_t i = 0; i < s->n_members; i++)
				sbuf_printf(&names, "%s%s", i ? ", " : "", s->members[i].name);
			err_set(c->err, proto_where(c->op), 0, 0,
			        "unknown parameter \"%s%s%s\"; %s takes: %s",
			        c->path.buf ? c->path.buf : "", c->path.len ? "." : "", it->string,
			        c->path.len ? c->path.buf : c->op->name,
			        names.buf ? names.buf : "nothing");
			sbuf_free(&names);
			goto fail;
		}
		if (cJSON_IsNull(it))
			continue;
		if (cJSON_GetObjectItemCaseSensitive(out, it->string)) {
			err_set(c->err, proto_where(c->op), 0, 0, "parameter %s%s%s given twice",
			        c->path.buf ? c->path.buf : "", c->path.len ? "." : "", it->string);
			goto fail;
		}
		sbuf_printf(&c->path, "%s%s", mark ? "." : "", it->string);
		val = check_value(c, &m->ref, it);
		sbuf_cut(&c->path, mark);
		if (!val)
			goto fail;
		cJSON_AddItemToObject(out, it->string, val);
		set++;
	}
	for (size_t i = 0; i < s->n_members; i++) {
		if (s->members[i].required &&
		    !cJSON_GetObjectItemCaseSensitive(out, s->members[i].name)) {
			err_set(c->err, proto_where(c->op), 0, 0,
			        "missing required parameter \"%s%s%s\"",
			        c->path.buf ? c->path.buf : "", c->path.len ? "." : "",
			        s->members[i].name);
			goto fail;
		}
	}
	if (s->is_union && set != 1) {
		err_set(c->err, proto_where(c->op), 0, 0,
		        "parameter %s must set exactly one member",
		        c->path.buf ? c->path.buf : "(input)");
		goto fail;
	}
	return out;
fail:
	cJSON_Delete(out);
	return NULL;
}

static cJSON *check_value(struct check *c, const struct aws_ref *r, const cJSON *v)
{
	const struct aws_shape *s = r->shape;
	size_t mark = c->path.len;
	cJSON *out, *item;
	int i = 0;

	switch (s->type) {
	case AWS_T_STRUCTURE: return check_struct(c, s, v);
	case AWS_T_LIST:
		if (!cJSON_IsArray(v))
			return bad(c, "a list", v);
		out = cJSON_CreateArray();
		for (const cJSON *it = v->child; it; it = it->next, i++) {
			sbuf_printf(&c->path, "[%d]", i);
			item = check_value(c, &s->member, it);
			sbuf_cut(&c->path, mark);
			if (!item) {
				cJSON_Delete(out);
				return NULL;
			}
			cJSON_AddItemToArray(out, item);
		}
		return out;
	case AWS_T_MAP:
		if (!cJSON_IsObject(v))
			return bad(c, "an object (a map)", v);
		out = cJSON_CreateObject();
		for (const cJSON *it = v->child; it; it = it->next) {
			sbuf_printf(&c->path, "[\"%s\"]", it->string);
			item = check_value(c, &s->value, it);
			sbuf_cut(&c->path, mark);
			if (!item) {
				cJSON_Delete(out);
				return NULL;
			}
			cJSON_AddItemToObject(out, it->string, item);
		}
		return out;
	case AWS_T_STRING:
	case AWS_T_BLOB:
		if (r->jsonvalue) /* a JSON document sent base64-encoded in a header */
			return cJSON_Duplicate(v, 1);
		if (!cJSON_IsString(v))
			return bad(c, "a string", v);
		return cJSON_Duplicate(v, 1);
	case AWS_T_INTEGER:
	case AWS_T_LONG:
		if (cJSON_IsNumber(v) && v->valuedouble == floor(v->valuedouble))
			return cJSON_Duplicate(v, 1);
		if (cJSON_IsString(v) && (out = proto_int_out(v->valuestring)))
			return out;
		return bad(c, "an integer", v);
	case AWS_T_FLOAT:
	case AWS_T_DOUBLE:
		if (cJSON_IsNumber(v))
			return cJSON_Duplicate(v, 1);
		if (cJSON_IsString(v)) {
			char *end;
			double d = strtod(v->valuestring, &end);

			if (end != v->valuestring && !*end && isfinite(d))
				return cJSON_CreateNumber(d);
		}
		return bad(c, "a number", v);
	case AWS_T_BOOLEAN:
		if (cJSON_IsBool(v))
			return cJSON_Duplicate(v, 1);
		if (cJSON_IsString(v) && (strcasecmp(v->valuestring, "true") == 0 ||
		                          strcasecmp(v->valuestring, "false") == 0))
			return cJSON_CreateBool(strcasecmp(v->valuestring, "true") == 0);
		return bad(c, "true or false", v);
	case AWS_T_TIMESTAMP: {
		char buf[64];

		if (proto_time_wire(v, "iso8601", buf, sizeof(buf)) < 0)
			return bad(c,
			           "a timestamp (ISO 8601 such as 2024-01-31T12:00:00Z, or epoch "
			           "seconds)",
			           v);
		return cJSON_Duplicate(v, 1);
	}
	}
	return bad(c, "a value", v);
}

cJSON *proto_params_check(const struct aws_operation *op, const cJSON *params, struct wa_err *err)
{
	struct check c = { .op = op, .err = err };
	cJSON *empty = NULL, *out;

	if (!params)
		params = empty = cJSON_CreateObject();
	if (!op->input.shape) {
		bool given = !cJSON_IsObject(params) || params->child;

		cJSON_Delete(empty);
		if (given) {
			err_set(err, proto_where(op), 0, 0, "%s takes no parameters", op->name);
			return NULL;
		}
		return cJSON_CreateObject();
	}
	out = check_struct(&c, op->input.shape, params);
	sbuf_free(&c.path);
	cJSON_Delete(empty);
	return out;
}
