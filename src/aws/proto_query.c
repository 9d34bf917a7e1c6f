/* The query protocol (STS, RDS, Auto Scaling, ELB, SNS, CloudFormation, IAM, …) and the
 * form body it shares with ec2: parameters flattened into "Filters.member.1.Name=…" pairs,
 * responses in XML under an <OperationResult> element, errors in <ErrorResponse>. */
#include "aws/proto_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aws/uri.h"
#include "util/xalloc.h"

struct form {
	const struct aws_operation *op;
	struct sbuf body;
	bool ec2;
	struct wa_err *err;
};

/* urlencode() with quote_plus, as botocore's request preparation writes a form body. */
static void form_encode(struct sbuf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		char esc[3] = { '%', hex[*p >> 4], hex[*p & 15] };

		if (uri_unreserved(*p))
			sbuf_putn(b, (const char *)p, 1);
		else if (*p == ' ')
			sbuf_putn(b, "+", 1);
		else
			sbuf_putn(b, esc, 3);
	}
}

static void form_add(struct form *f, const char *key, const char *value)
{
	if (f->body.len)
		sbuf_putn(&f->body, "&", 1);
	form_encode(&f->body, key);
	sbuf_putn(&f->body, "=", 1);
	form_encode(&f->body, value);
}

/* The name a reference is serialized under. */
static const char *form_name(const struct form *f, const struct aws_ref *r, const char *dflt,
                             char *buf, size_t len)
{
	if (f->ec2)
		return proto_ec2_name(r, dflt, buf, len);
	return r->name ? r->name : dflt;
}

static int form_value(struct form *f, const struct aws_ref *r, const cJSON *v, const char *prefix);

static int form_list(struct form *f, const struct aws_ref *r, const cJSON *v, const char *prefix)
{
	const struct aws_ref *item = &r->shape->member;
	char *list_prefix;
	int i = 1;

	if (f->ec2) {
		/* ec2 numbers the items right after the name, and sends nothing for []. */
		list_prefix = xstrdup(prefix);
	} else if (!v->child) {
		form_add(f, prefix, "");
		return 0;
	} else if (r->flattened) {
		const char *dot = strrchr(prefix, '.');

		if (item->name)
			list_prefix =
			        dot ? xasprintf("%.*s.%s", (int)(dot - prefix), prefix, item->name)
			            : xstrdup(item->name);
		else
			list_prefix = xstrdup(prefix);
	} else {
		list_prefix = xasprintf("%s.%s", prefix, item->name ? item->name : "member");
	}
	for (const cJSON *it = v->child; it; it = it->next, i++) {
		char *p = xasprintf("%s.%d", list_prefix, i);
		int rc = form_value(f, item, it, p);

		free(p);
		if (rc < 0) {
			free(list_prefix);
			return -1;
		}
	}
	free(list_prefix);
	return 0;
}

static int form_map(struct form *f, const struct aws_ref *r, const cJSON *v, const char *prefix)
{
	const struct aws_shape *s = r->shape;
	char kb[128], vb[128];
	const char *ks = form_name(f, &s->key, "key", kb, sizeof(kb));
	const char *vs = form_name(f, &s->value, "value", vb, sizeof(vb));
	int i = 1;

	for (const cJSON *it = v->child; it; it = it->next, i++) {
		char *kp = xasprintf(r->flattened ? "%s.%d.%s" : "%s.entry.%d.%s", prefix, i, ks);
		char *vp = xasprintf(r->flattened ? "%s.%d.%s" : "%s.entry.%d.%s", prefix, i, vs);
		cJSON *key = cJSON_CreateString(it->string);
		int rc = form_value(f, &s->key, key, kp);

		if (rc == 0)
			rc = form_value(f, &s->value, it, vp);
		cJSON_Delete(key);
		free(kp);
		free(vp);
		if (rc < 0)
			return -1;
	}
	return 0;
}

static int form_value(struct form *f, const struct aws_ref *r, const cJSON *v, const char *prefix)
{
	char buf[64], nb[128];
	char *s;

	switch (r->shape->type) {
	case AWS_T_STRUCTURE:
		for (const cJSON *it = v->child; it; it = it->next) {
			const struct aws_member *m = aws_shape_member(r->shape, it->string);
			const char *name = form_name(f, &m->ref, m->name, nb, sizeof(nb));
			char *p = *prefix ? xasprintf("%s.%s", prefix, name) : xstrdup(name);
			int rc = form_value(f, &m->ref, it, p);

			free(p);
			if (rc < 0)
				return -1;
		}
		return 0;
	case AWS_T_LIST: return form_list(f, r, v, prefix);
	case AWS_T_MAP: return form_map(f, r, v, prefix);
	case AWS_T_BLOB:
		s = proto_base64(v->valuestring, strlen(v->valuestring));
		form_add(f, prefix, s);
		free(s);
		return 0;
	case AWS_T_TIMESTAMP:
		if (proto_time_wire(v, r->timestamp_format, buf, sizeof(buf)) < 0)
			return err_set(f->err, proto_where(f->op), 0, 0,
			               "parameter %s: bad timestamp", prefix);
		form_add(f, prefix, buf);
		return 0;
	case AWS_T_BOOLEAN: form_add(f, prefix, cJSON_IsTrue(v) ? "true" : "false"); return 0;
	case AWS_T_INTEGER:
	case AWS_T_LONG:
	case AWS_T_FLOAT:
	case AWS_T_DOUBLE: form_add(f, prefix, proto_number_text(v, buf, sizeof(buf))); return 0;
	case AWS_T_STRING: form_add(f, prefix, v->valuestring); return 0;
	}
	return 0;
}

int proto_query_request(const struct aws_operation *op, const cJSON *params, struct aws_wire *w,
                        struct wa_err *err)
{
	struct form f = { .op = op, .ec2 = op->model->proto == AWS_P_EC2, .err = err };
	size_t n;

	form_add(&f, "Action", op->name);
	form_add(&f, "Version", op->model->api_version);
	if (op->input.shape && form_value(&f, &op->input, params, "") < 0) {
		sbuf_free(&f.body);
		return -1;
	}
	w->path = xstrdup("/");
	wire_add_header(w, "Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
	n = f.body.len;
	wire_set_body(w, sbuf_take(&f.body), n);
	return 0;
}

/* ---- responses ---- */

/* <ErrorResponse><Error><Code>…</Code><Message>…</Message></Error><RequestId>…</RequestId>
 * </ErrorResponse>; ec2's <Response><Errors><Error>…</Error></Errors><RequestID>… is read
 * here too, as some query services answer that way. */
int proto_xml_error(long status, const char *const *headers, const char *body, size_t len,
                    struct aws_api_error *aerr)
{
	const struct xml_node *e;
	struct xml_node *root;
	const char *rid, *code;
	struct wa_err perr;

	if (xml_parse(body, len, "error response", &root, &perr) < 0) {
		proto_error_generic(aerr, status, body, len, headers, "the error body is not XML");
		return 1;
	}
	e = strcmp(root->name, "Error") == 0 ? root : xml_child(root, "Error");
	if (!e)
		e = xml_child(xml_child(root, "Errors"), "Error");
	code = xml_child_text(e, "Code");
	rid = xml_child_text(root, "RequestId");
	if (!rid)
		rid = xml_child_text(root, "RequestID");
	if (!rid)
		rid = proto_header(headers, "x-amzn-requestid");
	if (!rid)
		rid = proto_header(headers, "x-amz-request-id");
	if (!code || !*code) {
		proto_error_generic(aerr, status, body, len, headers,
		                    "the XML holds no error code");
		if (rid)
			snprintf(aerr->request_id, sizeof(aerr->request_id), "%s", rid);
	} else {
		proto_error_fill(aerr, status, code, xml_child_text(e, "Message"), rid);
	}
	xml_free(root);
	return 1;
}

/* IAM sends policy documents URL-encoded; botocore (json_decode_policies) hands them over
 * decoded and parsed, and so the CLI prints them as JSON. Lists and structures are walked,
 * as botocore walks them; what does not decode stays a string. */
static void iam_policies(const struct aws_shape *s, cJSON *v)
{
	if (s->type == AWS_T_LIST) {
		for (cJSON *it = v->child; it; it = it->next)
			iam_policies(s->member.shape, it);
		return;
	}
	if (s->type != AWS_T_STRUCTURE || !cJSON_IsObject(v))
		return;
	for (size_t i = 0; i < s->n_members; i++) {
		const struct aws_member *m = &s->members[i];
		cJSON *val = cJSON_GetObjectItemCaseSensitive(v, m->name), *doc;
		char *text;

		if (!val)
			continue;
		if (m->ref.shape->type != AWS_T_STRING ||
		    strcmp(m->ref.shape->name, "policyDocumentType") != 0) {
			iam_policies(m->ref.shape, val);
			continue;
		}
		if (!cJSON_IsString(val) ||
		    uri_decode(val->valuestring, strlen(val->valuestring), &text) < 0)
			continue;
		doc = proto_json_read(text, strlen(text));
		free(text);
		if (doc)
			cJSON_ReplaceItemInObjectCaseSensitive(v, m->name, doc);
	}
}

int proto_query_response(const struct aws_operation *op, long status, const char *const *headers,
                         const char *body, size_t len, cJSON **result, struct aws_api_error *aerr,
                         struct wa_err *err)
{
	const struct xml_node *start;
	struct xml_node *root;

	if (status >= 301)
		return proto_xml_error(status, headers, body, len, aerr);
	if (op->model->proto == AWS_P_EC2)
		return proto_ec2_response(op, body, len, result, err);
	if (xml_parse(body, len, proto_where(op), &root, err) < 0)
		return -1;
	start = root;
	/* The result sits in <OperationResult>; a response without one has an empty result. */
	if (op->output.result_wrapper)
		start = xml_child(root, op->output.result_wrapper);
	if (!op->output.shape || !start)
		*result = cJSON_CreateObject();
	else
		*result = proto_xml_struct(&op->output, start, err);
	xml_free(root);
	if (!*result)
		return proto_err_at(err, op);
	if (strcmp(op->model->service, "iam") == 0 && op->output.shape)
		iam_policies(op->output.shape, *result);
	return 0;
}
