#include "aws/http.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/xalloc.h"

static void add(struct http_header **v, size_t *n, size_t *cap, const char *name, const char *value)
{
	*v = xgrow(*v, cap, *n + 1, sizeof(**v));
	(*v)[*n].name = xstrdup(name);
	(*v)[*n].value = xstrdup(value);
	(*n)++;
}

static void drop(struct http_header *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].value);
	}
	free(v);
}

void http_request_add_header(struct http_request *r, const char *name, const char *value)
{
	add(&r->headers, &r->n_headers, &r->cap_headers, name, value);
}

void http_request_free(struct http_request *r)
{
	free(r->method);
	free(r->url);
	free(r->host_key);
	drop(r->headers, r->n_headers);
	free(r->body);
	memset(r, 0, sizeof(*r));
}

void http_response_add_header(struct http_response *r, const char *name, const char *value)
{
	add(&r->headers, &r->n_headers, &r->cap_headers, name, value);
}

const char *http_response_header(const struct http_response *r, const char *name)
{
	for (size_t i = 0; i < r->n_headers; i++)
		if (strcasecmp(r->headers[i].name, name) == 0)
			return r->headers[i].value;
	return NULL;
}

const char **http_response_header_list(const struct http_response *r)
{
	const char **list = xcalloc(2 * r->n_headers + 1, sizeof(*list));

	for (size_t i = 0; i < r->n_headers; i++) {
		list[2 * i] = r->headers[i].name;
		list[2 * i + 1] = r->headers[i].value;
	}
	return list;
}

void http_response_free(struct http_response *r)
{
	drop(r->headers, r->n_headers);
	free(r->body);
	memset(r, 0, sizeof(*r));
}

int http_url_split(const char *url, char **scheme, char **host, int *port, char **path)
{
	const char *p = strstr(url, "://"), *h, *end, *colon = NULL;
	long pv = 0;

	if (!p || p == url)
		return -1;
	for (const char *s = url; s < p; s++)
		if (!isalpha((unsigned char)*s))
			return -1;
	h = p + 3;
	end = h + strcspn(h, "/?#");
	if (*end == '?' || *end == '#')
		return -1;
	if (*h == '[') {
		const char *rb = memchr(h, ']', (size_t)(end - h));

		if (!rb)
			return -1;
		if (rb + 1 < end) {
			if (rb[1] != ':')
				return -1;
			colon = rb + 1;
		}
	} else {
		colon = memchr(h, ':', (size_t)(end - h));
	}
	if (colon) {
		char *e;

		if (colon + 1 == end)
			return -1;
		pv = strtol(colon + 1, &e, 10);
		if (e != end || pv < 1 || pv > 65535)
			return -1;
	}
	if ((colon ? colon : end) == h)
		return -1;
	*scheme = xstrndup(url, (size_t)(p - url));
	for (char *s = *scheme; *s; s++)
		*s = (char)tolower((unsigned char)*s);
	if (*h == '[')
		*host = xstrndup(h + 1, (size_t)((colon ? colon : end) - h - 2));
	else
		*host = xstrndup(h, (size_t)((colon ? colon : end) - h));
	*port = (int)pv;
	*path = xstrdup(end);
	return 0;
}
