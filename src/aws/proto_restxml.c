/* rest-xml (S3, Route 53, CloudFront): the body half. A request body is an XML document
 * named by the input's locationName (or the payload member's); a response body is read by
 * the shared XML walker. S3's oddities live here: GetBucketLocation's bare
 * <LocationConstraint> root, and errors sent with status 200. */
#include "aws/proto_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static void open_tag(struct sbuf *b, const char *name, const struct aws_ref *r)
{
	sbuf_printf(b, "<%s", name);
	if (r->xmlns_uri) {
		sbuf_printf(b, " xmlns%s%s=\"", r->xmlns_prefix ? ":" : "",
		            r->xmlns_prefix ? r->xmlns_prefix : "");
		xml_escape(b, r->xmlns_uri, true);
		sbuf_putc(b, '"');
	}
}

/* An element holding text; ElementTree writes an empty one as <name />. */
static void text_element(struct sbuf *b, const char *name, const struct aws_ref *r,
                         const char *text)
{
	open_tag(b, name, r);
	if (!*text) {
		sbuf_puts(b, " />");
		return;
	}
	sbuf_putc(b, '>');
	xml_escape(b, text, false);
	sbuf_printf(b, "</%s>", name);
}

static void struct_element(struct sbuf *b, const struct aws_ref *r, const cJSON *v,
                           const char *name)
{
	const struct aws_shape *s = r->shape;
	size_t start;

	open_tag(b, name, r);
	/* Members marked xmlAttribute become attributes of this element. */
	for (const cJSON *it = v->child; it; it = it->next) {
		const struct aws_member *m = aws_shape_member(s, it->string);

		if (!m->ref.xml_attribute || !cJSON_IsString(it))
			continue;
		sbuf_printf(b, " %s=\"", m->ref.name ? m->ref.name : m->name);
		xml_escape(b, it->valuestring, true);
		sbuf_putc(b, '"');
	}
	sbuf_puts(b, ">");
	start = b->len;
	for (const cJSON *it = v->child; it; it = it->next) {
		const struct aws_member *m = aws_shape_member(s, it->string);

		if (!m->ref.xml_attribute)
			proto_xml_value_in(b, &m->ref, it, m->ref.name ? m->ref.name : m->name);
	}
	if (b->len == start) {
		sbuf_cut(b, start - 1);
		sbuf_puts(b, " />");
		return;
	}
	sbuf_printf(b, "</%s>", name);
}

void proto_xml_value_in(struct sbuf *b, const struct aws_ref *r, const cJSON *v, const char *name)
{
	const struct aws_shape *s = r->shape;
	const char *item, *kname, *vname;
	char buf[64], *t;

	switch (s->type) {
	case AWS_T_STRUCTURE: struct_element(b, r, v, name); return;
	case AWS_T_LIST:
		item = r->flattened ? name : s->member.name ? s->member.name : "member";
		if (!r->flattened) {
			if (!v->child) {
				open_tag(b, name, r);
				sbuf_puts(b, " />");
				return;
			}
			open_tag(b, name, r);
			sbuf_puts(b, ">");
		}
		for (const cJSON *it = v->child; it; it = it->next)
			proto_xml_value_in(b, &s->member, it, item);
		if (!r->flattened)
			sbuf_printf(b, "</%s>", name);
		return;
	case AWS_T_MAP:
		kname = s->key.name ? s->key.name : "key";
		vname = s->value.name ? s->value.name : "value";
		if (!r->flattened) {
			open_tag(b, name, r);
			sbuf_puts(b, v->child ? ">" : " />");
		}
		for (const cJSON *it = v->child; it; it = it->next) {
			cJSON *key = cJSON_CreateString(it->string);

			sbuf_printf(b, "<%s>", r->flattened ? name : "entry");
			proto_xml_value_in(b, &s->key, key, kname);
			proto_xml_value_in(b, &s->value, it, vname);
			sbuf_printf(b, "</%s>", r->flattened ? name : "entry");
			cJSON_Delete(key);
		}
		if (!r->flattened && v->child)
			sbuf_printf(b, "</%s>", name);
		return;
	case AWS_T_BOOLEAN: text_element(b, name, r, cJSON_IsTrue(v) ? "true" : "false"); return;
	case AWS_T_BLOB:
		t = proto_base64(v->valuestring, strlen(v->valuestring));
		text_element(b, name, r, t);
		free(t);
		return;
	case AWS_T_TIMESTAMP:
		if (proto_time_wire(v, r->timestamp_format, buf, sizeof(buf)) == 0)
			text_element(b, name, r, buf);
		return;
	case AWS_T_INTEGER:
	case AWS_T_LONG:
	case AWS_T_FLOAT:
	case AWS_T_DOUBLE: text_element(b, name, r, proto_number_text(v, buf, sizeof(buf))); return;
	case AWS_T_STRING: text_element(b, name, r, v->valuestring); return;
	}
}

int proto_restxml_body(const struct aws_operation *op, const cJSON *params, struct aws_wire *w,
                       struct wa_err *err)
{
	const struct aws_shape *s = op->input.shape;
	const struct aws_member *pm = s && s->payload ? aws_shape_member(s, s->payload) : NULL;
	struct sbuf b = { 0 };
	const cJSON *v;
	cJSON *sub;
	size_t n;

	(void)err;
	if (!s)
		return 0;
	if (pm) {
		v = cJSON_GetObjectItemCaseSensitive(params, pm->name);
		if (!v)
			return 0;
		if (pm->ref.shape->type == AWS_T_BLOB || pm->ref.shape->type == AWS_T_STRING)
			sbuf_puts(&b, v->valuestring);
		else
			proto_xml_value_in(&b, &pm->ref, v, pm->ref.name ? pm->ref.name : pm->name);
	} else {
		sub = cJSON_CreateObject();
		for (const cJSON *it = params->child; it; it = it->next)
			if (aws_shape_member(s, it->string)->ref.loc == AWS_LOC_BODY)
				cJSON_AddItemToObject(sub, it->string, cJSON_Duplicate(it, 1));
		if (sub->child)
			proto_xml_value_in(&b, &op->input, sub,
			                   op->input.name ? op->input.name : s->name);
		cJSON_Delete(sub);
	}
	if (b.len) {
		n = b.len;
		wire_set_body(w, sbuf_take(&b), n);
	}
	return 0;
}

/* S3 reports some failures with status 200 and an <Error> document. */
static bool s3_error_in_200(const struct aws_operation *op, const char *body, size_t len)
{
	const char *p = body, *end = body + len;

	if (strcmp(op->model->service, "s3") != 0)
		return false;
	while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
		p++;
	if (end - p > 5 && strncmp(p, "<?xml", 5) == 0) {
		p = memchr(p, '>', (size_t)(end - p));
		if (!p)
			return false;
		for (p++; p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'); p++)
			;
	}
	return end - p >= 7 && strncmp(p, "<Error>", 7) == 0;
}

int proto_restxml_response(const struct aws_operation *op, long status, const char *const *headers,
                           const char *body, size_t len, cJSON **result, struct aws_api_error *aerr,
                           struct wa_err *err)
{
	const struct aws_shape *s = op->output.shape;
	const struct aws_member *pm = s && s->payload ? aws_shape_member(s, s->payload) : NULL;
	struct xml_node empty = { .name = "", .text = "" }, *root = NULL;
	const struct xml_node *top = &empty;
	cJSON *out, *v;

	if (status >= 301 || s3_error_in_200(op, body, len))
		return proto_xml_error(status >= 301 ? status : 500, headers, body, len, aerr);
	out = cJSON_CreateObject();
	if (!s) {
		*result = out;
		return 0;
	}
	if (proto_rest_headers_out(op, status, headers, true, out, err) < 0)
		goto fail;
	if (pm && (pm->ref.shape->type == AWS_T_BLOB || pm->ref.shape->type == AWS_T_STRING)) {
		char *text = xstrndup(body, len);

		cJSON_AddItemToObject(out, pm->name, cJSON_CreateString(text));
		free(text);
		*result = out;
		return 0;
	}
	/* An empty body reads as an element with nothing in it, as in botocore. */
	if (len) {
		if (xml_parse(body, len, proto_where(op), &root, err) < 0)
			goto fail;
		top = root;
	}
	if (strcmp(op->model->service, "s3") == 0 && strcmp(op->name, "GetBucketLocation") == 0) {
		/* <LocationConstraint>eu-west-1</LocationConstraint>, which no model can describe
		 * (botocore's parse_get_bucket_location); us-east-1 is an empty element: null. */
		if (root && root->text[0])
			cJSON_AddStringToObject(out, "LocationConstraint", root->text);
		else
			cJSON_AddNullToObject(out, "LocationConstraint");
	} else if (pm) {
		v = proto_xml_value(&pm->ref, &top, 1, err);
		if (!v)
			goto fail;
		cJSON_AddItemToObject(out, pm->name, v);
	} else {
		v = proto_xml_struct(&op->output, top, err);
		if (!v)
			goto fail;
		proto_rest_merge(out, v);
	}
	xml_free(root);
	*result = out;
	return 0;
fail:
	xml_free(root);
	cJSON_Delete(out);
	return proto_err_at(err, op);
}
