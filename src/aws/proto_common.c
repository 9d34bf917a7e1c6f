/* The protocol entry points, and the plumbing every protocol shares: building the request,
 * headers, and error responses that say nothing in the protocol's own shape. */
#include "aws/proto_int.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/xalloc.h"

/* ---- requests ---- */

static void add_pair(struct aws_wire_pair **arr, size_t *n, const char *name, const char *value)
{
	*arr = xrealloc(*arr, (*n + 1) * sizeof(**arr));
	(*arr)[*n].name = xstrdup(name);
	(*arr)[*n].value = value ? xstrdup(value) : NULL;
	(*n)++;
}

void wire_add_query(struct aws_wire *w, const char *name, const char *value)
{
	add_pair(&w->query, &w->n_query, name, value);
}

void wire_add_header(struct aws_wire *w, const char *name, const char *value)
{
	add_pair(&w->headers, &w->n_headers, name, value);
}

void wire_set_body(struct aws_wire *w, char *body, size_t len)
{
	free(w->body);
	w->body = body;
	w->body_len = len;
}

void aws_wire_free(struct aws_wire *w)
{
	if (!w)
		return;
	for (size_t i = 0; i < w->n_query; i++) {
		free(w->query[i].name);
		free(w->query[i].value);
	}
	for (size_t i = 0; i < w->n_headers; i++) {
		free(w->headers[i].name);
		free(w->headers[i].value);
	}
	free(w->query);
	free(w->headers);
	free(w->method);
	free(w->path);
	free(w->host_prefix);
	free(w->body);
	memset(w, 0, sizeof(*w));
}

const char *proto_where(const struct aws_operation *op)
{
	static _Thread_local char buf[192];

	snprintf(buf, sizeof(buf), "%s:%s", op->model->service, op->name);
	return buf;
}

int proto_err_at(struct wa_err *err, const struct aws_operation *op)
{
	if (err)
		snprintf(err->where, sizeof(err->where), "%s", proto_where(op));
	return -1;
}

/* The endpoint host prefix with its {Label}s filled from hostLabel members. */
static int host_prefix(const struct aws_operation *op, const cJSON *params, struct aws_wire *w,
                       struct wa_err *err)
{
	struct sbuf b = { 0 };

	for (const char *p = op->host_prefix; *p;) {
		const char *close;
		const cJSON *v;
		char *label;

		if (*p != '{') {
			sbuf_putn(&b, p++, 1);
			continue;
		}
		close = strchr(p, '}');
		if (!close) {
			sbuf_free(&b);
			return err_set(err, proto_where(op), 0, 0, "bad host prefix in the model");
		}
		label = xstrndup(p + 1, (size_t)(close - p - 1));
		v = cJSON_GetObjectItemCaseSensitive(params, label);
		if (!cJSON_IsString(v) || !v->valuestring[0] ||
		    strspn(v->valuestring, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		                           "0123456789.-") != strlen(v->valuestring)) {
			err_set(err, proto_where(op), 0, 0,
			        "parameter %s must be given and hold only letters, digits, '-' "
			        "and '.' (it becomes part of the host name)",
			        label);
			free(label);
			sbuf_free(&b);
			return -1;
		}
		sbuf_puts(&b, v->valuestring);
		free(label);
		p = close + 1;
	}
	w->host_prefix = sbuf_take(&b);
	return 0;
}

int aws_proto_request(const struct aws_model *m, const struct aws_operation *op,
                      const cJSON *params, struct aws_wire *out, struct wa_err *err)
{
	cJSON *p;
	int rc;

	memset(out, 0, sizeof(*out));
	if (op->model != m)
		return err_set(err, proto_where(op), 0, 0, "operation of another service");
	p = proto_params_check(op, params, err);
	if (!p)
		return -1;
	out->method = xstrdup(op->method);
	switch (m->proto) {
	case AWS_P_QUERY:
	case AWS_P_EC2: rc = proto_query_request(op, p, out, err); break;
	case AWS_P_JSON: rc = proto_json_request(op, p, out, err); break;
	default: rc = proto_rest_request(op, p, out, err); break;
	}
	if (rc == 0 && op->host_prefix)
		rc = host_prefix(op, p, out, err);
	cJSON_Delete(p);
	if (rc < 0)
		aws_wire_free(out);
	return rc;
}

/* ---- responses ---- */

const char *proto_header(const char *const *headers, const char *name)
{
	for (size_t i = 0; headers && headers[i] && headers[i + 1]; i += 2)
		if (strcasecmp(headers[i], name) == 0)
			return headers[i + 1];
	return NULL;
}

const char *proto_http_reason(long status)
{
	static const struct {
		long status;
		const char *reason;
	} reasons[] = {
		{ 200, "OK" },
		{ 301, "Moved Permanently" },
		{ 302, "Found" },
		{ 304, "Not Modified" },
		{ 307, "Temporary Redirect" },
		{ 400, "Bad Request" },
		{ 401, "Unauthorized" },
		{ 403, "Forbidden" },
		{ 404, "Not Found" },
		{ 405, "Method Not Allowed" },
		{ 408, "Request Timeout" },
		{ 409, "Conflict" },
		{ 413, "Request Entity Too Large" },
		{ 429, "Too Many Requests" },
		{ 500, "Internal Server Error" },
		{ 501, "Not Implemented" },
		{ 502, "Bad Gateway" },
		{ 503, "Service Unavailable" },
		{ 504, "Gateway Timeout" },
	};

	for (size_t i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (reasons[i].status == status)
			return reasons[i].reason;
	return "";
}

static const char *skip_space(const char *s, const char *end)
{
	while (s < end && isspace((unsigned char)*s))
		s++;
	return s;
}

bool proto_is_html(const char *body, size_t len)
{
	const char *end = body + len, *s = skip_space(body, end), *t;

	if (end - s >= 5 && strncasecmp(s, "<html", 5) == 0)
		return true;
	if (end - s < 9 || strncasecmp(s, "<!doctype", 9) != 0)
		return false;
	t = skip_space(s + 9, end);
	return end - t >= 4 && strncasecmp(t, "html", 4) == 0;
}

static void copy(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src ? src : "");
}

void proto_error_fill(struct aws_api_error *e, long status, const char *code, const char *msg,
                      const char *request_id)
{
	e->status = status;
	copy(e->code, sizeof(e->code), code);
	copy(e->message, sizeof(e->message), msg);
	copy(e->request_id, sizeof(e->request_id), request_id);
	/* One line: the message goes into a one-line error record. */
	for (char *p = e->message; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
}

/* The <title> of an HTML page, trimmed, into buf; "" when it has none. */
static void html_title(const char *body, size_t len, char *buf, size_t size)
{
	const char *end = body + len, *t = NULL, *close;
	size_t n;

	buf[0] = '\0';
	for (const char *p = body; p + 7 <= end; p++) {
		if (strncasecmp(p, "<title>", 7) == 0) {
			t = p + 7;
			break;
		}
	}
	if (!t)
		return;
	for (close = t; close + 8 <= end && strncasecmp(close, "</title>", 8) != 0; close++)
		;
	if (close + 8 > end)
		return;
	t = skip_space(t, close);
	while (close > t && isspace((unsigned char)close[-1]))
		close--;
	n = (size_t)(close - t);
	if (n >= size)
		n = size - 1;
	memcpy(buf, t, n);
	buf[n] = '\0';
}

void proto_error_generic(struct aws_api_error *e, long status, const char *body, size_t len,
                         const char *const *headers, const char *why)
{
	const char *rid = proto_header(headers, "x-amzn-requestid");
	const char *reason = proto_http_reason(status);
	char code[32], msg[512], title[128];

	if (!rid)
		rid = proto_header(headers, "x-amz-request-id");
	snprintf(code, sizeof(code), "%ld", status);
	if (skip_space(body, body + len) == body + len) {
		snprintf(msg, sizeof(msg), "%s%s(HTTP %ld with an empty body)", reason,
		         *reason ? " " : "", status);
	} else if (proto_is_html(body, len)) {
		html_title(body, len, title, sizeof(title));
		snprintf(msg, sizeof(msg),
		         "%s%s(HTTP %ld with an HTML page%s%s%s, not an AWS "
		         "error response)",
		         reason, *reason ? " " : "", status, *title ? " \"" : "", title,
		         *title ? "\"" : "");
	} else {
		snprintf(msg, sizeof(msg), "%s%s(HTTP %ld; %s)", reason, *reason ? " " : "", status,
		         why ? why : "the body is not an AWS error response");
	}
	proto_error_fill(e, status, code, msg, rid);
}

int aws_proto_response(const struct aws_model *m, const struct aws_operation *op, long status,
                       const char *const *headers, const char *body, size_t body_len,
                       cJSON **result, struct aws_api_error *aerr, struct wa_err *err)
{
	*result = NULL;
	memset(aerr, 0, sizeof(*aerr));
	if (!body) {
		body = "";
		body_len = 0;
	}
	if (op->model != m)
		return err_set(err, proto_where(op), 0, 0, "operation of another service");
	/* botocore's dividing line: 3xx up to 300 still parse as a result. */
	if (status >= 301 && (skip_space(body, body + body_len) == body + body_len ||
	                      proto_is_html(body, body_len))) {
		proto_error_generic(aerr, status, body, body_len, headers, NULL);
		return 1;
	}
	if (status < 301 && proto_is_html(body, body_len))
		return err_set(err, proto_where(op), 0, 0,
		               "HTTP %ld with an HTML page instead of a %s response (a proxy or "
		               "a captive portal?)",
		               status, m->info.protocol);
	switch (m->proto) {
	case AWS_P_QUERY:
	case AWS_P_EC2:
		return proto_query_response(op, status, headers, body, body_len, result, aerr, err);
	case AWS_P_JSON:
		return proto_json_response(op, status, headers, body, body_len, result, aerr, err);
	case AWS_P_REST_JSON:
		return proto_restjson_response(op, status, headers, body, body_len, result, aerr,
		                               err);
	default:
		return proto_restxml_response(op, status, headers, body, body_len, result, aerr,
		                              err);
	}
}
