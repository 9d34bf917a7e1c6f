/* What rest-json and rest-xml share: each member goes where the model says — the URI path
 * (labels, greedy "{Key+}" ones keeping their slashes), the query string, a header, a family
 * of headers — and the rest into the body, which the two protocols write differently.
 * Responses likewise take members from the status line and headers. */
#include "aws/proto_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "aws/uri.h"
#include "util/xalloc.h"

/* A scalar as botocore writes it in a URI label or a query string; NULL when v is none. */
static char *uri_value(const struct aws_ref *r, const cJSON *v)
{
	char buf[64];

	switch (r->shape->type) {
	case AWS_T_BOOLEAN: return xstrdup(cJSON_IsTrue(v) ? "true" : "false");
	case AWS_T_TIMESTAMP:
		if (proto_time_wire(v, r->timestamp_format ? r->timestamp_format : "iso8601", buf,
		                    sizeof(buf)) < 0)
			return NULL;
		return xstrdup(buf);
	case AWS_T_INTEGER:
	case AWS_T_LONG:
	case AWS_T_FLOAT:
	case AWS_T_DOUBLE: return xstrdup(proto_number_text(v, buf, sizeof(buf)));
	case AWS_T_STRING:
	case AWS_T_BLOB: return xstrdup(v->valuestring);
	default: return NULL;
	}
}

/* A header value as botocore writes it; NULL when v cannot go in a header. */
static char *header_value(const struct aws_ref *r, const cJSON *v)
{
	struct sbuf b = { 0 };
	char buf[64], *s, *t;

	switch (r->shape->type) {
	case AWS_T_TIMESTAMP:
		if (proto_time_wire(v, r->timestamp_format ? r->timestamp_format : "rfc822", buf,
		                    sizeof(buf)) < 0)
			return NULL;
		/* Headers carry whole seconds whatever the format. */
		if ((s = strchr(buf, '.')) && s[1] >= '0' && s[1] <= '9' && strchr(s, 'Z'))
			memmove(s, strchr(s, 'Z'), strlen(strchr(s, 'Z')) + 1);
		return xstrdup(buf);
	case AWS_T_LIST:
		for (const cJSON *it = v->child; it; it = it->next) {
			if (r->shape->member.shape->type == AWS_T_STRING &&
			    (strchr(it->valuestring, '"') || strchr(it->valuestring, ','))) {
				/* RFC 7230 list element: quoted, inner quotes escaped. */
				sbuf_puts(&b, b.len ? ",\"" : "\"");
				for (const char *c = it->valuestring; *c; c++) {
					if (*c == '"')
						sbuf_putn(&b, "\\", 1);
					sbuf_putn(&b, c, 1);
				}
				sbuf_puts(&b, "\"");
				continue;
			}
			s = header_value(&r->shape->member, it);
			if (!s) {
				sbuf_free(&b);
				return NULL;
			}
			sbuf_printf(&b, "%s%s", b.len ? "," : "", s);
			free(s);
		}
		return sbuf_take(&b);
	case AWS_T_STRING:
		if (r->jsonvalue) {
			t = cJSON_PrintUnformatted(v);
			s = proto_base64(t, strlen(t));
			cJSON_free(t);
			return s;
		}
		return xstrdup(v->valuestring);
	default: return uri_value(r, v);
	}
}

/* route53 takes "/hostedzone/Z123" where it wants "Z123", as botocore's fix_route53_ids. */
static const char *route53_id(const struct aws_operation *op, const struct aws_member *m,
                              const cJSON *v)
{
	const char *n = m->ref.shape->name, *slash;

	if (strcmp(op->model->service, "route53") != 0 || !cJSON_IsString(v) ||
	    (strcmp(n, "ResourceId") != 0 && strcmp(n, "DelegationSetId") != 0 &&
	     strcmp(n, "ChangeId") != 0))
		return NULL;
	slash = strrchr(v->valuestring, '/');
	return slash ? slash + 1 : v->valuestring;
}

static int add_querystring(struct aws_wire *w, const struct aws_member *m, const cJSON *v)
{
	const char *name = m->ref.name ? m->ref.name : m->name;
	const struct aws_shape *s = m->ref.shape;
	char *val;

	if (s->type == AWS_T_MAP) {
		/* A map spreads into parameters of its own; list values repeat the name. */
		for (const cJSON *it = v->child; it; it = it->next) {
			if (cJSON_IsArray(it)) {
				for (const cJSON *x = it->child; x; x = x->next)
					wire_add_query(w, it->string,
					               cJSON_IsString(x) ? x->valuestring : "");
			} else {
				wire_add_query(w, it->string,
				               cJSON_IsString(it) ? it->valuestring : "");
			}
		}
		return 0;
	}
	if (s->type == AWS_T_LIST) {
		for (const cJSON *it = v->child; it; it = it->next) {
			val = uri_value(&s->member, it);
			if (!val)
				return -1;
			wire_add_query(w, name, val);
			free(val);
		}
		return 0;
	}
	val = uri_value(&m->ref, v);
	if (!val)
		return -1;
	wire_add_query(w, name, val);
	free(val);
	return 0;
}

/* The path template with its labels filled and percent-encoded. */
static int render_path(const struct aws_operation *op, const char *tmpl, size_t len,
                       const cJSON *labels, struct aws_wire *w, struct wa_err *err)
{
	struct sbuf b = { 0 };
	const char *end = tmpl + len;

	for (const char *p = tmpl; p < end;) {
		const char *close = memchr(p, '}', (size_t)(end - p));
		bool greedy;
		const cJSON *v;
		char *name, *enc;

		if (*p != '{' || !close) {
			sbuf_putn(&b, p++, 1);
			continue;
		}
		greedy = close[-1] == '+';
		name = xstrndup(p + 1, (size_t)(close - p - 1 - greedy));
		v = cJSON_GetObjectItemCaseSensitive(labels, name);
		if (!v || !v->valuestring[0]) {
			err_set(err, proto_where(op), 0, 0,
			        "parameter for the URI label {%s} is missing or empty", name);
			free(name);
			sbuf_free(&b);
			return -1;
		}
		enc = uri_encode(v->valuestring, strlen(v->valuestring), greedy);
		sbuf_puts(&b, enc);
		free(enc);
		free(name);
		p = close + 1;
	}
	w->path = sbuf_take(&b);
	return 0;
}

/* "?versioning&list-type=2" fixed in the requestUri: these come first, as botocore sends. */
static void fixed_query(struct aws_wire *w, const char *q)
{
	while (*q) {
		size_t n = strcspn(q, "&");
		char *pair = xstrndup(q, n), *eq = strchr(pair, '=');

		if (*pair) {
			if (eq)
				*eq = '\0';
			wire_add_query(w, pair, eq ? eq + 1 : NULL);
		}
		free(pair);
		q += n + (q[n] == '&');
	}
}

int proto_rest_request(const struct aws_operation *op, const cJSON *params, struct aws_wire *w,
                       struct wa_err *err)
{
	const char *uri = op->request_uri, *qmark = strchr(uri, '?');
	cJSON *labels = cJSON_CreateObject();
	int rc = 0;

	if (qmark)
		fixed_query(w, qmark + 1);
	for (const cJSON *it = params->child; it && rc == 0; it = it->next) {
		const struct aws_member *m = aws_shape_member(op->input.shape, it->string);
		const char *key = m->ref.name ? m->ref.name : m->name, *id;
		char *val;

		switch (m->ref.loc) {
		case AWS_LOC_URI:
			id = route53_id(op, m, it);
			val = id ? xstrdup(id) : uri_value(&m->ref, it);
			if (!val)
				rc = err_set(err, proto_where(op), 0, 0,
				             "parameter %s cannot go in the URI", m->name);
			else
				cJSON_AddItemToObject(labels, key, cJSON_CreateString(val));
			free(val);
			break;
		case AWS_LOC_QUERYSTRING:
			if (add_querystring(w, m, it) < 0)
				rc = err_set(err, proto_where(op), 0, 0,
				             "parameter %s cannot go in the query string", m->name);
			break;
		case AWS_LOC_HEADER:
			if (m->ref.shape->type == AWS_T_LIST && !it->child)
				break; /* botocore sends no header for an empty list */
			val = header_value(&m->ref, it);
			if (!val)
				rc = err_set(err, proto_where(op), 0, 0,
				             "parameter %s cannot go in a header", m->name);
			else
				wire_add_header(w, key, val);
			free(val);
			break;
		case AWS_LOC_HEADERS:
			for (const cJSON *h = it->child; h; h = h->next) {
				char *name = xasprintf("%s%s", key, h->string);

				wire_add_header(w, name, cJSON_IsString(h) ? h->valuestring : "");
				free(name);
			}
			break;
		default: break; /* the body's; written below */
		}
	}
	if (rc == 0)
		rc = render_path(op, uri, qmark ? (size_t)(qmark - uri) : strlen(uri), labels, w,
		                 err);
	cJSON_Delete(labels);
	if (rc < 0)
		return -1;
	/* API Gateway answers in HAL unless asked for JSON (botocore's add_accept_header). */
	if (strcmp(op->model->service, "apigateway") == 0)
		wire_add_header(w, "Accept", "application/json");
	if (op->model->proto == AWS_P_REST_JSON)
		return proto_restjson_body(op, params, w, err);
	return proto_restxml_body(op, params, w, err);
}

/* ---- responses ---- */

/* A scalar (or a comma-separated list) from a header's text. */
static cJSON *header_scalar(const struct aws_ref *r, const char *text, bool xml, struct wa_err *err)
{
	cJSON *out, *v;
	char *raw, *end;
	size_t n;
	double d;

	switch (r->shape->type) {
	case AWS_T_LIST:
		out = cJSON_CreateArray();
		for (const char *p = text;;) {
			const char *comma = strchr(p, ',');
			size_t len = comma ? (size_t)(comma - p) : strlen(p);
			char *item;

			while (len && isspace((unsigned char)*p)) {
				p++;
				len--;
			}
			while (len && isspace((unsigned char)p[len - 1]))
				len--;
			item = xstrndup(p, len);
			v = header_scalar(&r->shape->member, item, xml, err);
			free(item);
			if (!v) {
				cJSON_Delete(out);
				return NULL;
			}
			cJSON_AddItemToArray(out, v);
			if (!comma)
				return out;
			p = comma + 1;
		}
	case AWS_T_BOOLEAN:
		return cJSON_CreateBool(xml ? strcmp(text, "true") == 0
		                            : strcasecmp(text, "true") == 0);
	case AWS_T_INTEGER:
	case AWS_T_LONG:
		if (!(v = proto_int_out(text)))
			err_set(err, NULL, 0, 0, "invalid response: header %s is not an integer",
			        r->name ? r->name : r->shape->name);
		return v;
	case AWS_T_FLOAT:
	case AWS_T_DOUBLE:
		d = strtod(text, &end);
		if (end == text || *end) {
			err_set(err, NULL, 0, 0, "invalid response: header %s is not a number",
			        r->name ? r->name : r->shape->name);
			return NULL;
		}
		return proto_float_out(d);
	case AWS_T_TIMESTAMP: return proto_time_out_text(text);
	case AWS_T_STRING:
		if (r->jsonvalue && proto_unbase64(text, &raw, &n) == 0) {
			out = proto_json_read(raw, n);
			free(raw);
			if (out)
				return out;
		}
		return cJSON_CreateString(text);
	default: return cJSON_CreateString(text);
	}
}

int proto_rest_headers_out(const struct aws_operation *op, long status, const char *const *headers,
                           bool xml, cJSON *out, struct wa_err *err)
{
	const struct aws_shape *s = op->output.shape;

	for (size_t i = 0; s && i < s->n_members; i++) {
		const struct aws_member *m = &s->members[i];
		const char *name = m->ref.name ? m->ref.name : m->name, *h;
		cJSON *v;

		switch (m->ref.loc) {
		case AWS_LOC_STATUS:
			cJSON_AddItemToObject(out, m->name, cJSON_CreateNumber((double)status));
			break;
		case AWS_LOC_HEADERS:
			v = cJSON_AddObjectToObject(out, m->name);
			for (size_t k = 0; headers && headers[k] && headers[k + 1]; k += 2)
				if (strncasecmp(headers[k], name, strlen(name)) == 0)
					cJSON_AddStringToObject(v, headers[k] + strlen(name),
					                        headers[k + 1]);
			break;
		case AWS_LOC_HEADER:
			h = proto_header(headers, name);
			if (!h)
				break;
			v = header_scalar(&m->ref, h, xml, err);
			if (!v)
				return proto_err_at(err, op);
			cJSON_AddItemToObject(out, m->name, v);
			break;
		default: break;
		}
	}
	return 0;
}

/* Adds body members to out as dict.update() would: a key already there keeps its place. */
void proto_rest_merge(cJSON *out, cJSON *body)
{
	while (body->child) {
		cJSON *it = cJSON_DetachItemViaPointer(body, body->child);
		char *key = xstrdup(it->string); /* cJSON frees the item's own key first */

		if (cJSON_GetObjectItemCaseSensitive(out, key))
			cJSON_ReplaceItemInObjectCaseSensitive(out, key, it);
		else
			cJSON_AddItemToObject(out, key, it);
		free(key);
	}
	cJSON_Delete(body);
}
