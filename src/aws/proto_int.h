/* What the protocol codecs share: request building, parameter checking,
 * timestamps, numbers and base64 as botocore and the aws CLI treat them, JSON bodies read
 * with their numbers' spelling kept, and the error-response plumbing. */
#ifndef WAR_AWS_PROTO_INT_H
#define WAR_AWS_PROTO_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "aws/model_int.h"
#include "aws/proto.h"
#include "aws/xml.h"
#include "util/err.h"
#include "util/sbuf.h"

/* ---- building the request ---- */
/* Appends a copy of name and value (value NULL: a bare name). */
void wire_add_query(struct aws_wire *w, const char *name, const char *value);
void wire_add_header(struct aws_wire *w, const char *name, const char *value);
/* Sets the body, taking ownership of body (NUL-terminated, len bytes). */
void wire_set_body(struct aws_wire *w, char *body, size_t len);

/* Checks params against the operation's input and returns a copy with numbers and booleans
 * given as strings converted and nulls removed (cJSON_Delete() it), or NULL with err naming
 * the member ("Filters[0].Name"). NULL params is an empty object. */
cJSON *proto_params_check(const struct aws_operation *op, const cJSON *params, struct wa_err *err);
/* The operation's "where" for errors: "ec2:DescribeVpcs". Returns a static buffer. */
const char *proto_where(const struct aws_operation *op);

/* ---- scalars ---- */
/* A point in time: seconds since the epoch (UTC) and microseconds, plus the offset from
 * UTC in which it was written (has_tz false: written without one, "naive"). */
struct proto_time {
	int64_t sec;
	int usec;
	bool has_tz;
	int offset; /* seconds east of UTC */
};
/* Reads what botocore's parse_timestamp() reads: epoch seconds (a number or numeric text,
 * taken in the local time zone as Python's fromtimestamp() does), ISO 8601 and RFC 822 /
 * HTTP dates. Returns 0, or -1 when s is none of those. */
int proto_time_parse(const char *s, struct proto_time *t);
/* Epoch seconds as Python's fromtimestamp() reads them. Returns 0, or -1 when secs is not
 * finite or beyond the years 1 to 9999 datetime holds. */
int proto_time_epoch(double secs, struct proto_time *t);
/* Formats t as Python's datetime.isoformat() does, which is what the aws CLI prints with
 * cli_timestamp_format = iso8601: "2024-01-02T03:04:05+00:00", ".123000" when there are
 * microseconds. Writes into buf (at least 40 bytes); returns buf. */
char *proto_time_iso(const struct proto_time *t, char *buf, size_t len);
/* A request timestamp (JSON number or string) in the wire format fmt ("iso8601",
 * "unixTimestamp", "rfc822") as botocore writes it, into buf (at least 40 bytes). Returns 0,
 * or -1 when v is not a timestamp. */
int proto_time_wire(const cJSON *v, const char *fmt, char *buf, size_t len);
/* The output value for a timestamp: a string in the CLI's ISO form (the text unchanged when
 * it is no timestamp botocore could read either). Returns a new item. */
cJSON *proto_time_out_text(const char *text);
cJSON *proto_time_out_number(double secs);

/* Python's repr() of a float ("90.0", "1e-05", "inf"), into buf (at least 32 bytes). */
char *proto_float_repr(double d, char *buf, size_t len);
/* A number item that prints as Python prints float(d). Returns a new item. */
cJSON *proto_float_out(double d);
/* A number item for integer text as Python's int(text) reads it (digits beyond double
 * precision kept in valuestring). Returns a new item, or NULL when text is not an integer. */
cJSON *proto_int_out(const char *text);
/* A number item for an integer value already held as a double or exact text. */
cJSON *proto_int_from_item(const cJSON *v);
/* The decimal text of a number item as Python's str() of the value the user gave would
 * be: its valuestring, else integral values without a fraction. Into buf (32 bytes). */
char *proto_number_text(const cJSON *v, char *buf, size_t len);

/* Base64 of n bytes, newly allocated (free with free()). */
char *proto_base64(const char *s, size_t n);
/* Decodes base64 into a newly allocated NUL-terminated *out of *n bytes. Returns 0 or -1. */
int proto_unbase64(const char *s, char **out, size_t *n);

/* ---- JSON bodies ---- */
/* Parses a JSON text into a tree whose numbers keep Python's view of them: a float literal
 * ("90.0", "1e3") gets valuestring = repr(float), an integer too long for a double gets its
 * digits. Returns the tree (cJSON_Delete()), or NULL when the text is not JSON. */
cJSON *proto_json_read(const char *text, size_t len);
/* The value of the last member named key (Python's json keeps the last duplicate). */
const cJSON *proto_json_get(const cJSON *obj, const char *key);

/* ---- responses ---- */
/* The value of a header (case-insensitive name), or NULL. */
const char *proto_header(const char *const *headers, const char *name);
/* The standard reason phrase of an HTTP status ("Not Found"), or "". */
const char *proto_http_reason(long status);
/* True when body is an HTML page (a proxy's or an emulator's error page). */
bool proto_is_html(const char *body, size_t len);
/* Fills *e; NULL strings leave a field empty. */
void proto_error_fill(struct aws_api_error *e, long status, const char *code, const char *msg,
                      const char *request_id);
/* Fills *e for a body that says nothing useful (empty, HTML, garbage): the status as the
 * code, as botocore does, and a message naming what came back. */
void proto_error_generic(struct aws_api_error *e, long status, const char *body, size_t len,
                         const char *const *headers, const char *why);

/* ---- the protocols ---- */
int proto_query_request(const struct aws_operation *op, const cJSON *params, struct aws_wire *w,
                        struct wa_err *err);
int proto_json_request(const struct aws_operation *op, const cJSON *params, struct aws_wire *w,
                       struct wa_err *err);
int proto_rest_request(const struct aws_operation *op, const cJSON *params, struct aws_wire *w,
                       struct wa_err *err);
/* REST bodies: the members left for the body (or the payload member) written out. */
int proto_restjson_body(const struct aws_operation *op, const cJSON *params, struct aws_wire *w,
                        struct wa_err *err);
int proto_restxml_body(const struct aws_operation *op, const cJSON *params, struct aws_wire *w,
                       struct wa_err *err);
/* The JSON value of v as the json serializer writes it for r (new item), or NULL + err. */
cJSON *proto_json_value_in(const struct aws_ref *r, const cJSON *v, struct wa_err *err);
/* A rest-xml body element for v, appended to b. */
void proto_xml_value_in(struct sbuf *b, const struct aws_ref *r, const cJSON *v, const char *name);

/* ec2's form names: queryName, else locationName capitalized, else dflt (into buf). */
const char *proto_ec2_name(const struct aws_ref *r, const char *dflt, char *buf, size_t len);
/* Names the operation as the place of an error already in err; returns -1. */
int proto_err_at(struct wa_err *err, const struct aws_operation *op);

/* Response entry points: same returns as aws_proto_response(). */
int proto_query_response(const struct aws_operation *op, long status, const char *const *headers,
                         const char *body, size_t len, cJSON **result, struct aws_api_error *aerr,
                         struct wa_err *err);
int proto_json_response(const struct aws_operation *op, long status, const char *const *headers,
                        const char *body, size_t len, cJSON **result, struct aws_api_error *aerr,
                        struct wa_err *err);
int proto_restjson_response(const struct aws_operation *op, long status, const char *const *headers,
                            const char *body, size_t len, cJSON **result,
                            struct aws_api_error *aerr, struct wa_err *err);
int proto_restxml_response(const struct aws_operation *op, long status, const char *const *headers,
                           const char *body, size_t len, cJSON **result, struct aws_api_error *aerr,
                           struct wa_err *err);

int proto_ec2_response(const struct aws_operation *op, const char *body, size_t len, cJSON **result,
                       struct wa_err *err);
/* An XML error response (query, ec2, rest-xml) into *aerr; returns 1. */
int proto_xml_error(long status, const char *const *headers, const char *body, size_t len,
                    struct aws_api_error *aerr);

/* The output value of nodes (n matching elements: one, or several when repeated) for r,
 * as botocore's XML parser reads them. Returns a new item, or NULL with err. */
cJSON *proto_xml_value(const struct aws_ref *r, const struct xml_node *const *nodes, size_t n,
                       struct wa_err *err);
/* The output structure for a node, skipping members that travel in headers. */
cJSON *proto_xml_struct(const struct aws_ref *r, const struct xml_node *node, struct wa_err *err);
/* The output value of JSON v for r; rest selects rest-json's scalar conversions. Returns a
 * new item, or NULL with err. */
cJSON *proto_json_value(const struct aws_ref *r, const cJSON *v, bool rest, struct wa_err *err);
/* REST output members from the status line and headers, added to out. Returns 0 or -1. */
int proto_rest_headers_out(const struct aws_operation *op, long status, const char *const *headers,
                           bool xml, cJSON *out, struct wa_err *err);

/* Adds body's members to out as Python's dict.update(): a key already in out keeps its
 * place and takes the new value. Frees body. */
void proto_rest_merge(cJSON *out, cJSON *body);
/* A json-protocol or rest-json error response into *aerr; returns 1. */
int proto_json_error(long status, const char *const *headers, const char *body, size_t len,
                     bool rest, struct aws_api_error *aerr);

#endif
