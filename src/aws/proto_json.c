/* The json protocol (DynamoDB, CloudWatch Logs, SQS, ECS, SSM, …): a POST of a JSON object
 * to "/" naming the operation in X-Amz-Target, a JSON answer, errors named by "__type".
 * The JSON value walkers here serve rest-json too. */
#include "aws/proto_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/xalloc.h"

/* ---- requests ---- */

cJSON *proto_json_value_in(const struct aws_ref *r, const cJSON *v, struct wa_err *err)
{
	const struct aws_shape *s = r->shape;
	cJSON *out, *item;
	char buf[64];

	switch (s->type) {
	case AWS_T_STRUCTURE:
		if (s->document)
			return cJSON_Duplicate(v, 1);
		out = cJSON_CreateObject();
		for (const cJSON *it = v->child; it; it = it->next) {
			const struct aws_member *m = aws_shape_member(s, it->string);

			item = proto_json_value_in(&m->ref, it, err);
			if (!item) {
				cJSON_Delete(out);
				return NULL;
			}
			cJSON_AddItemToObject(out, m->ref.name ? m->ref.name : m->name, item);
		}
		return out;
	case AWS_T_LIST:
	case AWS_T_MAP:
		out = s->type == AWS_T_LIST ? cJSON_CreateArray() : cJSON_CreateObject();
		for (const cJSON *it = v->child; it; it = it->next) {
			item = proto_json_value_in(s->type == AWS_T_LIST ? &s->member : &s->value,
			                           it, err);
			if (!item) {
				cJSON_Delete(out);
				return NULL;
			}
			if (s->type == AWS_T_LIST)
				cJSON_AddItemToArray(out, item);
			else
				cJSON_AddItemToObject(out, it->string, item);
		}
		return out;
	case AWS_T_TIMESTAMP: {
		const char *fmt = r->timestamp_format ? r->timestamp_format : "unixTimestamp";

		if (proto_time_wire(v, fmt, buf, sizeof(buf)) < 0) {
			err_set(err, NULL, 0, 0, "bad timestamp for %s", s->name);
			return NULL;
		}
		if (strcasecmp(fmt, "unixTimestamp") == 0)
			return cJSON_CreateNumber(strtod(buf, NULL));
		return cJSON_CreateString(buf);
	}
	case AWS_T_BLOB: {
		char *b = proto_base64(v->valuestring, strlen(v->valuestring));

		out = cJSON_CreateString(b);
		free(b);
		return out;
	}
	default: return cJSON_Duplicate(v, 1);
	}
}

int proto_json_request(const struct aws_operation *op, const cJSON *params, struct aws_wire *w,
                       struct wa_err *err)
{
	const struct aws_model *m = op->model;
	cJSON *body = op->input.shape ? proto_json_value_in(&op->input, params, err)
	                              : cJSON_CreateObject();
	char *target, *ctype, *text;

	if (!body)
		return proto_err_at(err, op);
	w->path = xstrdup("/");
	target = xasprintf("%s.%s", m->target_prefix, op->name);
	ctype = xasprintf("application/x-amz-json-%s", m->json_version);
	wire_add_header(w, "X-Amz-Target", target);
	wire_add_header(w, "Content-Type", ctype);
	/* A JSON service that used to speak query answers errors with the old codes too. */
	if (m->query_compatible)
		wire_add_header(w, "x-amzn-query-mode", "true");
	text = cJSON_PrintUnformatted(body);
	wire_set_body(w, xstrdup(text), strlen(text));
	cJSON_free(text);
	cJSON_Delete(body);
	free(target);
	free(ctype);
	return 0;
}

/* ---- responses ---- */

static cJSON *mismatch(const struct aws_ref *r, const char *want, struct wa_err *err)
{
	err_set(err, NULL, 0, 0, "invalid response: %s should be %s", r->shape->name, want);
	return NULL;
}

/* A tagged union naming no member we know: what botocore reports for it. */
static cJSON *json_union(const struct aws_shape *s, const cJSON *v, struct wa_err *err, bool *done)
{
	const cJSON *only = NULL;
	size_t n = 0;
	cJSON *out;

	*done = false;
	for (const cJSON *c = v->child; c; c = c->next) {
		if (cJSON_IsNull(c) || strcmp(c->string, "__type") == 0)
			continue;
		only = c;
		n++;
	}
	if (n != 1) {
		*done = true;
		err_set(err, NULL, 0, 0,
		        "invalid response: %s must have one and only one member set", s->name);
		return NULL;
	}
	for (size_t i = 0; i < s->n_members; i++) {
		const struct aws_member *m = &s->members[i];

		if (strcmp(m->ref.name ? m->ref.name : m->name, only->string) == 0)
			return NULL;
	}
	*done = true;
	out = cJSON_CreateObject();
	cJSON_AddStringToObject(cJSON_AddObjectToObject(out, "SDK_UNKNOWN_MEMBER"), "name",
	                        only->string);
	return out;
}

static cJSON *json_struct(const struct aws_ref *r, const cJSON *v, bool rest, struct wa_err *err)
{
	const struct aws_shape *s = r->shape;
	cJSON *out;
	bool done;

	if (s->document)
		return cJSON_Duplicate(v, 1);
	if (!cJSON_IsObject(v))
		return mismatch(r, "an object", err);
	if (s->is_union) {
		out = json_union(s, v, err, &done);
		if (done)
			return out;
	}
	out = cJSON_CreateObject();
	for (size_t i = 0; i < s->n_members; i++) {
		const struct aws_member *m = &s->members[i];
		const cJSON *raw = proto_json_get(v, m->ref.name ? m->ref.name : m->name);
		cJSON *val;

		if (!raw || cJSON_IsNull(raw))
			continue;
		val = proto_json_value(&m->ref, raw, rest, err);
		if (!val) {
			cJSON_Delete(out);
			return NULL;
		}
		cJSON_AddItemToObject(out, m->name, val);
	}
	return out;
}

/* rest-json's float(): numbers and numeric text. */
static cJSON *rest_float(const struct aws_ref *r, const cJSON *v, struct wa_err *err)
{
	char *end;
	double d;

	if (cJSON_IsNumber(v))
		return proto_float_out(v->valuedouble);
	if (cJSON_IsBool(v))
		return proto_float_out(cJSON_IsTrue(v) ? 1 : 0);
	if (!cJSON_IsString(v))
		return mismatch(r, "a number", err);
	d = strtod(v->valuestring, &end);
	if (end == v->valuestring || *end)
		return mismatch(r, "a number", err);
	return proto_float_out(d);
}

cJSON *proto_json_value(const struct aws_ref *r, const cJSON *v, bool rest, struct wa_err *err)
{
	const struct aws_shape *s = r->shape;
	cJSON *out, *item;

	if (cJSON_IsNull(v))
		return cJSON_CreateNull();
	switch (s->type) {
	case AWS_T_STRUCTURE: return json_struct(r, v, rest, err);
	case AWS_T_LIST:
	case AWS_T_MAP:
		if (s->type == AWS_T_LIST ? !cJSON_IsArray(v) : !cJSON_IsObject(v))
			return mismatch(r, s->type == AWS_T_LIST ? "a list" : "an object", err);
		out = s->type == AWS_T_LIST ? cJSON_CreateArray() : cJSON_CreateObject();
		for (const cJSON *it = v->child; it; it = it->next) {
			item = proto_json_value(s->type == AWS_T_LIST ? &s->member : &s->value, it,
			                        rest, err);
			if (!item) {
				cJSON_Delete(out);
				return NULL;
			}
			if (s->type == AWS_T_LIST)
				cJSON_AddItemToArray(out, item);
			else if (cJSON_GetObjectItemCaseSensitive(out, it->string))
				cJSON_ReplaceItemInObjectCaseSensitive(out, it->string, item);
			else
				cJSON_AddItemToObject(out, it->string, item);
		}
		return out;
	case AWS_T_TIMESTAMP:
		if (cJSON_IsNumber(v))
			return proto_time_out_number(v->valuedouble);
		if (cJSON_IsString(v))
			return proto_time_out_text(v->valuestring);
		return mismatch(r, "a timestamp", err);
	case AWS_T_INTEGER:
	case AWS_T_LONG:
		if (!rest)
			break;
		out = proto_int_from_item(v);
		return out ? out : mismatch(r, "an integer", err);
	case AWS_T_FLOAT:
	case AWS_T_DOUBLE:
		if (!rest)
			break;
		return rest_float(r, v, err);
	case AWS_T_BOOLEAN:
		if (!rest || cJSON_IsBool(v))
			break;
		/* botocore's ensure_boolean(): "true" in any case is true, anything else false. */
		return cJSON_CreateBool(cJSON_IsString(v) &&
		                        strcasecmp(v->valuestring, "true") == 0);
	default: break;
	}
	/* The json protocol hands scalars over as the JSON parser read them. */
	return cJSON_Duplicate(v, 1);
}

/* The error code botocore derives from a "__type" or an x-amzn-ErrorType value:
 * "com.amazon.coral#Throttling:http://…" is "Throttling". */
static void clean_code(const char *raw, char *out, size_t len)
{
	const char *hash, *colon = strchr(raw, ':');
	size_t n = colon ? (size_t)(colon - raw) : strlen(raw);
	char tmp[256];

	snprintf(tmp, sizeof(tmp), "%.*s", (int)n, raw);
	hash = strrchr(tmp, '#');
	snprintf(out, len, "%s", hash ? hash + 1 : tmp);
}

int proto_json_error(long status, const char *const *headers, const char *body, size_t len,
                     bool rest, struct aws_api_error *aerr)
{
	const char *qerr = proto_header(headers, "x-amzn-query-error");
	const char *etype = proto_header(headers, "x-amzn-errortype");
	const cJSON *type, *msg, *code;
	char c[256] = "";
	cJSON *root;

	root = len ? proto_json_read(body, len) : cJSON_CreateObject();
	if (!cJSON_IsObject(root)) {
		cJSON_Delete(root);
		proto_error_generic(aerr, status, body, len, headers, "the error body is not JSON");
		return 1;
	}
	msg = proto_json_get(root, "message");
	if (!cJSON_IsString(msg))
		msg = proto_json_get(root, "Message");
	type = proto_json_get(root, "__type");
	if (cJSON_IsString(type))
		clean_code(type->valuestring, c, sizeof(c));
	else
		snprintf(c, sizeof(c), "%ld", status);
	/* Query-compatible services (SQS, CloudWatch) put the old query code in a header,
	 * "AWS.SimpleQueueService.NonExistentQueue;Sender", and the aws CLI shows that one. */
	if (qerr && strchr(qerr, ';') && qerr[0] != ';' && strchr(qerr, ';') == strrchr(qerr, ';'))
		snprintf(c, sizeof(c), "%.*s", (int)(strchr(qerr, ';') - qerr), qerr);
	if (rest) {
		code = proto_json_get(root, "code");
		if (!code)
			code = proto_json_get(root, "Code");
		if (etype)
			clean_code(etype, c, sizeof(c));
		else if (cJSON_IsString(code))
			clean_code(code->valuestring, c, sizeof(c));
	}
	if (!c[0])
		snprintf(c, sizeof(c), "%ld", status);
	proto_error_fill(aerr, status, c, cJSON_IsString(msg) ? msg->valuestring : "",
	                 proto_header(headers, "x-amzn-requestid"));
	cJSON_Delete(root);
	return 1;
}

int proto_json_response(const struct aws_operation *op, long status, const char *const *headers,
                        const char *body, size_t len, cJSON **result, struct aws_api_error *aerr,
                        struct wa_err *err)
{
	cJSON *root;

	if (status >= 301)
		return proto_json_error(status, headers, body, len, false, aerr);
	root = len ? proto_json_read(body, len) : cJSON_CreateObject();
	if (!root)
		return err_set(err, proto_where(op), 0, 0,
		               "invalid response: the body is not JSON "
		               "(%zu bytes, truncated?)",
		               len);
	*result = op->output.shape ? proto_json_value(&op->output, root, false, err)
	                           : cJSON_CreateObject();
	cJSON_Delete(root);
	if (*result && cJSON_IsNull(*result)) {
		cJSON_Delete(*result);
		*result = cJSON_CreateObject();
	}
	return *result ? 0 : proto_err_at(err, op);
}
