/* sigv4_sign: signs requests described on stdin and prints what the signer produced, so a
 * script can compare it with another implementation (tests/cli/sigv4_botocore.py).
 *
 * Input: one directive per line, a request ending with "sign"; then the next one starts
 * fresh. Values marked pct are percent-decoded first (so they may hold any byte but NUL).
 *   mode header|presign          (default header)
 *   method GET
 *   host example.amazonaws.com   (Host value; not needed when a Host header is given)
 *   path <pct>                   (the path as sent, before the signer's own encoding)
 *   param <pct name>[=<pct value>]   (repeatable; no '=' means a bare name)
 *   header <Name>:<pct value>    (repeatable)
 *   body-hex <hex>
 *   payload-hash <hex>
 *   service s3 / region us-east-1
 *   time 20150830T123600Z | <seconds since the epoch>
 *   access-key <pct> / secret-key <pct> / token <pct>
 *   flags s3,no-normalize,no-double-encode,content-sha256,unsigned-payload,unsigned-token
 *   expires 3600
 *   sign
 * Output per request, ending with "end": either "error <message>" or
 *   signature <hex> / signed-headers <list> / header <Name>: <value> ... /
 *   param <pct name>=<pct value> ... / query <query> / creq <pct> / sts <pct>
 * where pct output escapes '%', control bytes and bytes >= 0x80 as %XX.
 * The secret key is never printed. Exit status: 0 all signed, 1 some refused, 2 bad input. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "aws/sigv4.h"
#include "aws/uri.h"
#include "util/err.h"
#include "util/xalloc.h"

struct desc {
	bool presign;
	char *method, *host, *path, *service, *region, *payload_hash;
	char *access_key, *secret_key, *token;
	struct sigv4_pair *params;
	size_t n_params, cap_params;
	struct sigv4_pair *headers;
	size_t n_headers, cap_headers;
	unsigned char *body;
	size_t body_len;
	time_t when;
	unsigned flags;
	long expires;
};

static const struct {
	const char *name;
	unsigned bits;
} flag_names[] = {
	{ "s3", SIGV4_S3 },
	{ "no-normalize", SIGV4_NO_NORMALIZE },
	{ "no-double-encode", SIGV4_NO_DOUBLE_ENCODE },
	{ "content-sha256", SIGV4_CONTENT_SHA256 },
	{ "unsigned-payload", SIGV4_UNSIGNED_PAYLOAD },
	{ "unsigned-token", SIGV4_UNSIGNED_TOKEN },
};

static unsigned long lineno;

static void die(const char *msg, const char *detail)
{
	fprintf(stderr, "sigv4_sign: line %lu: %s%s%s\n", lineno, msg, detail ? ": " : "",
	        detail ? detail : "");
	exit(2);
}

static void free_pairs(struct sigv4_pair *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free((char *)p[i].name);
		free((char *)p[i].value);
	}
	free(p);
}

static void desc_free(struct desc *d)
{
	free(d->method);
	free(d->host);
	free(d->path);
	free(d->service);
	free(d->region);
	free(d->payload_hash);
	free(d->access_key);
	if (d->secret_key)
		memset(d->secret_key, 0, strlen(d->secret_key));
	free(d->secret_key);
	free(d->token);
	free_pairs(d->params, d->n_params);
	free_pairs(d->headers, d->n_headers);
	free(d->body);
	memset(d, 0, sizeof(*d));
}

static char *decoded(const char *s, size_t n)
{
	char *out;

	if (uri_decode(s, n, &out))
		die("bad percent-encoding", NULL);
	return out;
}

static void set(char **field, char *value)
{
	free(*field);
	*field = value;
}

static time_t parse_time(const char *v)
{
	struct tm tm = { 0 };
	char *end;
	long long secs;

	if (strlen(v) == 16 && v[8] == 'T' && v[15] == 'Z' &&
	    sscanf(v, "%4d%2d%2dT%2d%2d%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
	           &tm.tm_min, &tm.tm_sec) == 6) {
		tm.tm_year -= 1900;
		tm.tm_mon -= 1;
		return timegm(&tm);
	}
	secs = strtoll(v, &end, 10);
	if (!*v || *end)
		die("bad time", v);
	return (time_t)secs;
}

static unsigned parse_flags(const char *v)
{
	unsigned bits = 0;

	while (*v) {
		size_t n = strcspn(v, ",");
		size_t i;

		for (i = 0; i < sizeof(flag_names) / sizeof(flag_names[0]); i++)
			if (strlen(flag_names[i].name) == n && !strncmp(v, flag_names[i].name, n))
				break;
		if (i == sizeof(flag_names) / sizeof(flag_names[0]))
			die("unknown flag", v);
		bits |= flag_names[i].bits;
		v += n;
		if (*v == ',')
			v++;
	}
	return bits;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static void parse_body(struct desc *d, const char *v)
{
	size_t n = strlen(v);

	if (n % 2)
		die("odd-length body-hex", NULL);
	free(d->body);
	d->body = xmalloc(n / 2 + 1);
	for (size_t i = 0; i < n; i += 2) {
		int hi = hexval(v[i]), lo = hexval(v[i + 1]);

		if (hi < 0 || lo < 0)
			die("bad body-hex", NULL);
		d->body[i / 2] = (unsigned char)(hi << 4 | lo);
	}
	d->body_len = n / 2;
}

static void add_pair(struct sigv4_pair **arr, size_t *n, size_t *cap, char *name, char *value)
{
	*arr = xgrow(*arr, cap, *n + 1, sizeof(**arr));
	(*arr)[*n].name = name;
	(*arr)[*n].value = value;
	(*n)++;
}

static void print_escaped(const char *label, const char *s)
{
	printf("%s ", label);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p == '%' || *p < 0x20 || *p >= 0x7f)
			printf("%%%02X", *p);
		else
			putchar(*p);
	putchar('\n');
}

/* Returns 0 when signed, 1 when the signer refused. */
static int sign_and_print(const struct desc *d)
{
	struct sigv4_creds creds = { d->access_key, d->secret_key, d->token };
	struct sigv4_request req = {
		.method = d->method,
		.host = d->host,
		.path = d->path,
		.params = d->params,
		.n_params = d->n_params,
		.headers = d->headers,
		.n_headers = d->n_headers,
		.body = d->body,
		.body_len = d->body_len,
		.payload_hash = d->payload_hash,
	};
	struct sigv4_config cfg = {
		.service = d->service,
		.region = d->region,
		.when = d->when,
		.creds = &creds,
		.flags = d->flags,
		.expires = d->expires,
	};
	struct sigv4_result res;
	struct wa_err err;
	int rc;

	err_clear(&err);
	if ((d->presign ? sigv4_presign : sigv4_sign)(&req, &cfg, &res, &err)) {
		print_escaped("error", err.msg);
		rc = 1;
	} else {
		printf("signature %s\nsigned-headers %s\n", res.signature, res.signed_headers);
		for (size_t i = 0; i < res.n_headers; i++)
			printf("header %s: %s\n", res.headers[i].name, res.headers[i].value);
		for (size_t i = 0; i < res.n_params; i++) {
			char *n = uri_encode(res.params[i].name, strlen(res.params[i].name), false);
			char *v =
			        uri_encode(res.params[i].value, strlen(res.params[i].value), false);

			printf("param %s=%s\n", n, v);
			free(n);
			free(v);
		}
		printf("query %s\n", res.query);
		print_escaped("creq", res.canonical_request);
		print_escaped("sts", res.string_to_sign);
		rc = 0;
	}
	printf("end\n");
	sigv4_result_free(&res);
	return rc;
}

static void directive(struct desc *d, char *key, char *v)
{
	if (!strcmp(key, "mode")) {
		if (strcmp(v, "header") && strcmp(v, "presign"))
			die("mode is header or presign", v);
		d->presign = !strcmp(v, "presign");
	} else if (!strcmp(key, "method")) {
		set(&d->method, xstrdup(v));
	} else if (!strcmp(key, "host")) {
		set(&d->host, xstrdup(v));
	} else if (!strcmp(key, "path")) {
		set(&d->path, decoded(v, strlen(v)));
	} else if (!strcmp(key, "param")) {
		char *eq = strchr(v, '=');
		size_t nlen = eq ? (size_t)(eq - v) : strlen(v);

		add_pair(&d->params, &d->n_params, &d->cap_params, decoded(v, nlen),
		         eq ? decoded(eq + 1, strlen(eq + 1)) : NULL);
	} else if (!strcmp(key, "header")) {
		char *colon = strchr(v, ':');

		if (!colon)
			die("header needs Name:value", v);
		add_pair(&d->headers, &d->n_headers, &d->cap_headers,
		         xstrndup(v, (size_t)(colon - v)), decoded(colon + 1, strlen(colon + 1)));
	} else if (!strcmp(key, "body-hex")) {
		parse_body(d, v);
	} else if (!strcmp(key, "payload-hash")) {
		set(&d->payload_hash, xstrdup(v));
	} else if (!strcmp(key, "service")) {
		set(&d->service, xstrdup(v));
	} else if (!strcmp(key, "region")) {
		set(&d->region, xstrdup(v));
	} else if (!strcmp(key, "time")) {
		d->when = parse_time(v);
	} else if (!strcmp(key, "access-key")) {
		set(&d->access_key, decoded(v, strlen(v)));
	} else if (!strcmp(key, "secret-key")) {
		set(&d->secret_key, decoded(v, strlen(v)));
	} else if (!strcmp(key, "token")) {
		set(&d->token, decoded(v, strlen(v)));
	} else if (!strcmp(key, "flags")) {
		d->flags = parse_flags(v);
	} else if (!strcmp(key, "expires")) {
		d->expires = strtol(v, NULL, 10);
	} else {
		die("unknown directive", key);
	}
}

int main(void)
{
	struct desc d = { 0 };
	char *line = NULL;
	size_t cap = 0;
	ssize_t got;
	int status = 0;
	bool pending = false;

	while ((got = getline(&line, &cap, stdin)) >= 0) {
		char *v;

		lineno++;
		if (got > 0 && line[got - 1] == '\n')
			line[--got] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		if (!strcmp(line, "sign")) {
			status |= sign_and_print(&d);
			desc_free(&d);
			pending = false;
			continue;
		}
		v = strchr(line, ' ');
		if (v)
			*v++ = '\0';
		directive(&d, line, v ? v : "");
		pending = true;
	}
	free(line);
	desc_free(&d);
	if (pending)
		die("input ends without \"sign\"", NULL);
	return status;
}
