/* Container credentials (ECS tasks, EKS Pod Identity): AWS_CONTAINER_CREDENTIALS_RELATIVE_URI
 * on 169.254.170.2, or AWS_CONTAINER_CREDENTIALS_FULL_URI, which must be https or name a
 * loopback address or one of the SDKs' container hosts, with an Authorization header from
 * AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE or AWS_CONTAINER_AUTHORIZATION_TOKEN. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "aws/creds_int.h"
#include "util/fsio.h"
#include "util/xalloc.h"

#define ECS_HOST   "169.254.170.2"
#define TIMEOUT_MS 2000
#define ATTEMPTS   2

static bool host_allowed(const char *host)
{
	static const char *const allowed[] = { ECS_HOST, "169.254.170.23", "fd00:ec2::23",
		                               "localhost" };
	unsigned char a[16], b[16];

	if (inet_pton(AF_INET, host, a) == 1)
		return a[0] == 127 || !strcmp(host, ECS_HOST) || !strcmp(host, "169.254.170.23");
	if (inet_pton(AF_INET6, host, a) == 1) {
		static const unsigned char loop6[16] = { [15] = 1 };

		inet_pton(AF_INET6, "fd00:ec2::23", b);
		return !memcmp(a, loop6, 16) || !memcmp(a, b, 16);
	}
	for (size_t i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++)
		if (!strcasecmp(host, allowed[i]))
			return true;
	return false;
}

/* The host of an http URL without port, brackets or user info. */
static void url_host(const char *url, char *buf, size_t len)
{
	char hp[300];
	char *h = hp, *end;

	creds_http_host(url, hp, sizeof(hp));
	if (*h == '[') {
		end = strchr(h, ']');
		h++;
		if (end)
			*end = '\0';
	} else if ((end = strrchr(h, ':'))) {
		*end = '\0';
	}
	snprintf(buf, len, "%s", h);
}

int creds_container_url(char **url, bool *full, struct wa_err *err)
{
	const char *rel = creds_getenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
	const char *abs = creds_getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI");
	char host[300];

	*url = NULL;
	*full = false;
	if (rel) {
		*url = xasprintf("http://" ECS_HOST "%s%s", rel[0] == '/' ? "" : "/", rel);
		return 1;
	}
	if (!abs)
		return 0;
	*full = true;
	if (!strncasecmp(abs, "https://", 8)) {
		*url = xstrdup(abs);
		return 1;
	}
	if (strncasecmp(abs, "http://", 7))
		return err_set(err, "AWS_CONTAINER_CREDENTIALS_FULL_URI", 0, 0,
		               "not an http:// or https:// URL");
	url_host(abs, host, sizeof(host));
	if (!host_allowed(host))
		return err_set(
		        err, "AWS_CONTAINER_CREDENTIALS_FULL_URI", 0, 0,
		        "host %s is not allowed: plain http may only reach a loopback address "
		        "or " ECS_HOST ", 169.254.170.23, fd00:ec2::23, localhost",
		        host);
	*url = xstrdup(abs);
	return 1;
}

/* The Authorization header, newly allocated in *hdr (NULL when no token is set). Returns 0,
 * or -1 with err. */
static int auth_header(char **hdr, struct wa_err *err)
{
	const char *file = creds_getenv("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
	const char *tok = creds_getenv("AWS_CONTAINER_AUTHORIZATION_TOKEN");
	char *text = NULL;
	size_t len;

	*hdr = NULL;
	if (file) {
		struct wa_err e2;

		if (fsio_read_file(file, &text, &len, &e2) < 0)
			return err_set(err, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", 0, 0,
			               "%s: %s", file, e2.msg);
		tok = text;
	}
	if (!tok)
		return 0;
	if (strpbrk(tok, "\r\n")) {
		err_set(err,
		        file ? "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"
		             : "AWS_CONTAINER_AUTHORIZATION_TOKEN",
		        0, 0, "the token contains a line break, which cannot go in a header");
	} else {
		*hdr = xasprintf("Authorization: %s", tok);
	}
	if (text) {
		explicit_bzero(text, len);
		free(text);
	}
	return *hdr ? 0 : -1;
}

int creds_container(struct creds_run *r, struct aws_creds *out, struct wa_err *err)
{
	static const char *const names[4] = { "AccessKeyId", "SecretAccessKey", "Token",
		                              "Expiration" };
	struct creds_http_resp resp = { 0, NULL, 0 };
	char *url, *hdr = NULL, host[300], why[256] = "", what[400];
	const char *hdrs[3] = { "Accept: application/json", NULL, NULL };
	struct creds_http_req req;
	bool full;
	cJSON *doc;
	int rc, fetched = -1;

	memset(out, 0, sizeof(*out));
	rc = creds_container_url(&url, &full, err);
	if (rc <= 0)
		return rc < 0 ? -1
		              : creds_none(r, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and "
		                              "_FULL_URI not set");
	creds_http_host(url, host, sizeof(host));
	snprintf(what, sizeof(what), "container credentials endpoint %s", host);
	if (auth_header(&hdr, err) < 0) {
		free(url);
		return -1;
	}
	hdrs[1] = hdr;
	memset(&req, 0, sizeof(req));
	req.method = "GET";
	req.url = url;
	req.headers = hdrs;
	req.timeout_ms = TIMEOUT_MS;
	req.ca_bundle = r->ch->s->ca_bundle;
	req.no_proxy = !full || strncasecmp(url, "https://", 8);
	for (int i = 0; i < ATTEMPTS && fetched < 0; i++) {
		fetched = creds_http_fetch(&req, &resp, why, sizeof(why));
		if (fetched == 0 && resp.status >= 500 && i + 1 < ATTEMPTS) {
			free(resp.body);
			fetched = -1;
		}
	}
	if (hdr) {
		explicit_bzero(hdr, strlen(hdr));
		free(hdr);
	}
	free(url);
	/* Set up but failing is an error, as in botocore: the chain does not go on to IMDS. */
	if (fetched < 0)
		return err_set(err, NULL, 0, 0, "%s: %s", what, why);
	if (resp.status != 200) {
		free(resp.body);
		return err_set(err, NULL, 0, 0, "%s answered HTTP %ld", what, resp.status);
	}
	doc = cJSON_ParseWithLength(resp.body, resp.len);
	explicit_bzero(resp.body, resp.len);
	free(resp.body);
	if (!doc)
		return err_set(err, NULL, 0, 0, "%s: the response is not JSON", what);
	rc = creds_from_json(doc, names, false, what, out, err);
	cJSON_Delete(doc);
	if (rc < 0)
		return -1;
	snprintf(out->source, sizeof(out->source), "container credentials %.100s", host);
	return 1;
}
