/* rest-json (Lambda, Backup, API Gateway, FIS, Synthetics, X-Ray, …): the body half. A
 * request body is the JSON of the members left for it (or of the payload member); a response
 * body is JSON whose scalars are converted as botocore's RestJSONParser converts them. */
#include "aws/proto_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/xalloc.h"

static bool has_header(const struct aws_wire *w, const char *name)
{
	for (size_t i = 0; i < w->n_headers; i++)
		if (strcasecmp(w->headers[i].name, name) == 0)
			return true;
	return false;
}

int proto_restjson_body(const struct aws_operation *op, const cJSON *params, struct aws_wire *w,
                        struct wa_err *err)
{
	const struct aws_shape *s = op->input.shape;
	const struct aws_member *pm = s && s->payload ? aws_shape_member(s, s->payload) : NULL;
	cJSON *body = NULL, *v;
	char *text;

	if (!s)
		return 0;
	if (pm && (pm->ref.shape->type == AWS_T_BLOB || pm->ref.shape->type == AWS_T_STRING)) {
		/* A streaming payload is the body itself, and gets no Content-Type of ours. */
		v = cJSON_GetObjectItemCaseSensitive(params, pm->name);
		text = xstrdup(cJSON_IsString(v) ? v->valuestring : "");
		wire_set_body(w, text, strlen(text));
		return 0;
	}
	if (pm) {
		v = cJSON_GetObjectItemCaseSensitive(params, pm->name);
		body = v ? proto_json_value_in(&pm->ref, v, err) : cJSON_CreateObject();
	} else {
		bool any_body = false, any_member = false;
		cJSON *sub = cJSON_CreateObject();

		for (size_t i = 0; i < s->n_members; i++)
			if (s->members[i].ref.loc == AWS_LOC_BODY)
				any_member = true;
		for (const cJSON *it = params->child; it; it = it->next) {
			const struct aws_member *m = aws_shape_member(s, it->string);

			if (m->ref.loc == AWS_LOC_BODY) {
				cJSON_AddItemToObject(sub, it->string, cJSON_Duplicate(it, 1));
				any_body = true;
			}
		}
		/* "{}" whenever the input has body members, even when none is given. */
		if (any_body)
			body = proto_json_value_in(&op->input, sub, err);
		else if (any_member)
			body = cJSON_CreateObject();
		cJSON_Delete(sub);
		if (!any_member)
			return 0;
	}
	if (!body)
		return proto_err_at(err, op);
	text = cJSON_PrintUnformatted(body);
	wire_set_body(w, xstrdup(text), strlen(text));
	cJSON_free(text);
	cJSON_Delete(body);
	if (!has_header(w, "Content-Type"))
		wire_add_header(w, "Content-Type", "application/json");
	return 0;
}

int proto_restjson_response(const struct aws_operation *op, long status, const char *const *headers,
                            const char *body, size_t len, cJSON **result,
                            struct aws_api_error *aerr, struct wa_err *err)
{
	const struct aws_shape *s = op->output.shape;
	const struct aws_member *pm = s && s->payload ? aws_shape_member(s, s->payload) : NULL;
	cJSON *out, *root = NULL, *v;

	if (status >= 301)
		return proto_json_error(status, headers, body, len, true, aerr);
	out = cJSON_CreateObject();
	if (!s) {
		*result = out;
		return 0;
	}
	if (proto_rest_headers_out(op, status, headers, false, out, err) < 0)
		goto fail;
	if (pm && (pm->ref.shape->type == AWS_T_BLOB || pm->ref.shape->type == AWS_T_STRING)) {
		char *text = xstrndup(body, len);

		cJSON_AddItemToObject(out, pm->name, cJSON_CreateString(text));
		free(text);
		*result = out;
		return 0;
	}
	root = len ? proto_json_read(body, len) : cJSON_CreateObject();
	if (!root) {
		err_set(err, proto_where(op), 0, 0,
		        "invalid response: the body is not JSON (%zu bytes, truncated?)", len);
		goto fail;
	}
	if (pm) {
		v = proto_json_value(&pm->ref, root, true, err);
		if (!v)
			goto fail;
		cJSON_AddItemToObject(out, pm->name, v);
	} else {
		v = proto_json_value(&op->output, root, true, err);
		if (!v)
			goto fail;
		if (cJSON_IsObject(v))
			proto_rest_merge(out, v);
		else
			cJSON_Delete(v);
	}
	cJSON_Delete(root);
	*result = out;
	return 0;
fail:
	cJSON_Delete(root);
	cJSON_Delete(out);
	return proto_err_at(err, op);
}
