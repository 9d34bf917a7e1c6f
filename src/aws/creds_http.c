/* The few small HTTP requests of the credential chain (instance metadata, container
 * endpoint, SSO portal) through libcurl's easy interface: one at a time, short timeouts,
 * TLS always verified. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "aws/creds_int.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

#define MAX_BODY (1024 * 1024)

static size_t on_data(char *p, size_t size, size_t n, void *arg)
{
	struct sbuf *b = arg;

	sbuf_putn(b, p, size * n);
	return b->over ? 0 : size * n; /* 0 makes curl stop with CURLE_WRITE_ERROR */
}

const char *creds_http_host(const char *url, char *buf, size_t len)
{
	const char *h = strstr(url, "://");
	size_t n;

	h = h ? h + 3 : url;
	n = strcspn(h, "/?#");
	/* Never user:password@ */
	for (size_t i = n; i > 0; i--)
		if (h[i - 1] == '@') {
			h += i;
			n -= i;
			break;
		}
	snprintf(buf, len, "%.*s", (int)n, h);
	return buf;
}

/* A short reason in lower case: the system's for a failed connection ("connection
 * refused"), else curl's detailed message. */
static void reason(CURLcode rc, const char *detail, long os_errno, long timeout_ms, char *why,
                   size_t len)
{
	if (rc == CURLE_OPERATION_TIMEDOUT)
		snprintf(why, len, "timed out after %ld ms", timeout_ms);
	else if (rc == CURLE_COULDNT_CONNECT && os_errno)
		snprintf(why, len, "%s", strerror((int)os_errno));
	else if (detail[0])
		snprintf(why, len, "%s", detail);
	else
		snprintf(why, len, "%s", curl_easy_strerror(rc));
	if (why[0])
		why[0] = (char)tolower((unsigned char)why[0]);
}

int creds_http_fetch(const struct creds_http_req *req, struct creds_http_resp *resp, char *why,
                     size_t why_len)
{
	char errbuf[CURL_ERROR_SIZE] = "";
	struct curl_slist *hdrs = NULL;
	struct sbuf b = { .max = MAX_BODY };
	CURL *c;
	CURLcode rc;

	memset(resp, 0, sizeof(resp[0]));
	c = curl_easy_init();
	if (!c) {
		snprintf(why, why_len, "cannot start libcurl");
		return -1;
	}
	curl_easy_setopt(c, CURLOPT_URL, req->url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	if (req->ca_bundle)
		curl_easy_setopt(c, CURLOPT_CAINFO, req->ca_bundle);
	if (req->no_proxy)
		curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, req->timeout_ms);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
	                 req->connect_timeout_ms ? req->connect_timeout_ms : req->timeout_ms);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "wa-review");
	if (!strcmp(req->method, "PUT")) {
		/* A PUT without a body: CUSTOMREQUEST keeps curl from waiting for upload data. */
		curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, "PUT");
		hdrs = curl_slist_append(hdrs, "Content-Length: 0");
	}
	for (const char *const *h = req->headers; h && *h; h++)
		hdrs = curl_slist_append(hdrs, *h);
	hdrs = curl_slist_append(hdrs, "Expect:");
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
	rc = curl_easy_perform(c);
	if (rc == CURLE_OK) {
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &resp->status);
		resp->len = b.len;
		resp->body = sbuf_take(&b);
	} else if (b.over) {
		snprintf(why, why_len, "the response is over %d KiB", MAX_BODY / 1024);
	} else {
		long os_errno = 0;

		curl_easy_getinfo(c, CURLINFO_OS_ERRNO, &os_errno);
		reason(rc, errbuf, os_errno, req->timeout_ms, why, why_len);
	}
	if (rc != CURLE_OK) {
		if (b.buf)
			explicit_bzero(b.buf, b.len);
		sbuf_free(&b);
	}
	/* The headers carry tokens: wipe curl's copies too. */
	for (struct curl_slist *h = hdrs; h; h = h->next)
		explicit_bzero(h->data, strlen(h->data));
	curl_slist_free_all(hdrs);
	curl_easy_cleanup(c);
	return rc == CURLE_OK ? 0 : -1;
}
