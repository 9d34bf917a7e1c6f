/* HTTP requests and responses as the AWS client and its transports exchange them: plain
 * owned data, no I/O. */
#ifndef WAR_AWS_HTTP_H
#define WAR_AWS_HTTP_H

#include <stddef.h>

/* An owned header. */
struct http_header {
	char *name;
	char *value;
};

/* A request to send; every member owned, freed by http_request_free(). */
struct http_request {
	char *method;   /* "GET", "POST", … */
	char *url;      /* scheme://host[:port]/path?query, encoded as sent */
	char *host_key; /* "scheme://host:port": what the per-host cap counts */
	struct http_header *headers;
	size_t n_headers;
	size_t cap_headers;
	char *body; /* NULL when there is none */
	size_t body_len;
};

/* A response received; every member owned, freed by http_response_free(). */
struct http_response {
	long status;
	struct http_header *headers; /* in the order received, names as sent */
	size_t n_headers;
	size_t cap_headers;
	char *body; /* always NUL-terminated (the NUL is not in body_len) */
	size_t body_len;
};

/* Appends a copy of name: value to the request. */
void http_request_add_header(struct http_request *r, const char *name, const char *value);
/* Frees what *r owns and zeroes it; safe on a zeroed request. */
void http_request_free(struct http_request *r);

/* Appends a copy of name: value to the response. */
void http_response_add_header(struct http_response *r, const char *name, const char *value);
/* The first value of header name (any case), borrowed from r, or NULL. */
const char *http_response_header(const struct http_response *r, const char *name);
/* Returns a newly allocated NULL-ended list name, value, name, value … borrowing r's
 * strings (the form aws_proto_response() takes); free the list alone with free(). */
const char **http_response_header_list(const struct http_response *r);
/* Frees what *r owns and zeroes it; safe on a zeroed response. */
void http_response_free(struct http_response *r);

/* Parses "scheme://host[:port][/path]" into newly allocated parts (free() each): *scheme
 * lowercased, *host without brackets kept as given, *port the explicit port or 0, *path
 * the rest ("" when none). Returns 0, or -1 when url is not of that form. */
int http_url_split(const char *url, char **scheme, char **host, int *port, char **path);

#endif
