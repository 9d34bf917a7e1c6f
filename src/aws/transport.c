#include "aws/transport.h"

#include <ctype.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

#include "util/sbuf.h"
#include "util/xalloc.h"

#define MAX_BODY (512L * 1024 * 1024) /* refuse responses larger than this */

struct xfer;

/* A scheme://host:port and the requests waiting for a free slot on it. */
struct host {
	char *key;
	int active;
	struct xfer *head;
	struct xfer *tail;
};

struct xfer {
	CURL *easy;
	struct http_request req;
	struct curl_slist *hdrs;
	void *tag;
	struct host *host;
	struct http_response resp; /* status and headers; the body collects in body */
	struct sbuf body;
	char errbuf[CURL_ERROR_SIZE];
	struct xfer *next; /* queue on its host, or the list of all transfers */
	struct xfer *all_prev;
	struct xfer *all_next;
};

struct curl_transport {
	struct transport base;
	struct transport_config cfg;
	char *ca_bundle;
	char *user_agent;
	CURLM *multi;
	struct host *hosts;
	size_t n_hosts;
	size_t cap_hosts;
	struct xfer *all; /* every transfer not yet handed back */
	size_t n_all;
	struct transport_done *done; /* finished, waiting for transport_wait() */
	size_t n_done;
	size_t cap_done;
	atomic_bool woken; /* transport_wakeup() was called: the wait returns */
};

static const char where[] = "transport";

const char *transport_fail_name(enum transport_fail f)
{
	switch (f) {
	case TRANSPORT_OK: return "ok";
	case TRANSPORT_CONNECT: return "connection failed";
	case TRANSPORT_TIMEOUT: return "timed out";
	case TRANSPORT_IO: return "connection broken";
	case TRANSPORT_TLS: return "TLS failed";
	case TRANSPORT_OTHER: break;
	}
	return "transport error";
}

int transport_submit(struct transport *t, struct http_request *req, void *tag, struct wa_err *err)
{
	return t->ops->submit(t, req, tag, err);
}

int transport_wait(struct transport *t, long timeout_ms, struct transport_done *out, int max,
                   struct wa_err *err)
{
	return t->ops->wait(t, timeout_ms, out, max, err);
}

long long transport_now_ms(struct transport *t)
{
	return t->ops->now_ms(t);
}

size_t transport_active(struct transport *t)
{
	return t->ops->active(t);
}

void transport_free(struct transport *t)
{
	if (t)
		t->ops->free(t);
}

void transport_abort(struct transport *t)
{
	if (t->ops->abort)
		t->ops->abort(t);
}

void transport_wakeup(struct transport *t)
{
	if (t->ops->wakeup)
		t->ops->wakeup(t);
}

/* ---- libcurl ---------------------------------------------------------------------------- */

static long long mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static size_t on_body(char *data, size_t size, size_t n, void *userp)
{
	struct xfer *x = userp;

	sbuf_putn(&x->body, data, size * n);
	return x->body.over ? 0 : size * n; /* 0 makes curl fail with CURLE_WRITE_ERROR */
}

static size_t on_header(char *data, size_t size, size_t n, void *userp)
{
	struct xfer *x = userp;
	size_t len = size * n, nl;
	const char *colon;
	char *name, *value;

	/* A status line starts a new header block (after "100 Continue", for instance). */
	if (len >= 5 && memcmp(data, "HTTP/", 5) == 0) {
		for (size_t i = 0; i < x->resp.n_headers; i++) {
			free(x->resp.headers[i].name);
			free(x->resp.headers[i].value);
		}
		x->resp.n_headers = 0;
		return len;
	}
	colon = memchr(data, ':', len);
	if (!colon)
		return len;
	nl = len;
	while (nl > 0 && (data[nl - 1] == '\r' || data[nl - 1] == '\n'))
		nl--;
	name = xstrndup(data, (size_t)(colon - data));
	colon++;
	while (colon < data + nl && (*colon == ' ' || *colon == '\t'))
		colon++;
	value = xstrndup(colon, (size_t)(data + nl - colon));
	for (size_t e = strlen(value); e > 0 && isspace((unsigned char)value[e - 1]); e--)
		value[e - 1] = '\0';
	http_response_add_header(&x->resp, name, value);
	free(name);
	free(value);
	return len;
}

static struct host *host_get(struct curl_transport *ct, const char *key)
{
	for (size_t i = 0; i < ct->n_hosts; i++)
		if (strcmp(ct->hosts[i].key, key) == 0)
			return &ct->hosts[i];
	ct->hosts = xgrow(ct->hosts, &ct->cap_hosts, ct->n_hosts + 1, sizeof(*ct->hosts));
	memset(&ct->hosts[ct->n_hosts], 0, sizeof(ct->hosts[0]));
	ct->hosts[ct->n_hosts].key = xstrdup(key);
	return &ct->hosts[ct->n_hosts++];
}

static void xfer_free(struct xfer *x)
{
	if (x->easy)
		curl_easy_cleanup(x->easy);
	curl_slist_free_all(x->hdrs);
	http_request_free(&x->req);
	http_response_free(&x->resp);
	sbuf_free(&x->body);
	free(x);
}

static void unlink_all(struct curl_transport *ct, struct xfer *x)
{
	if (x->all_prev)
		x->all_prev->all_next = x->all_next;
	else
		ct->all = x->all_next;
	if (x->all_next)
		x->all_next->all_prev = x->all_prev;
	ct->n_all--;
}

/* Hands x back through the done list, with resp moved out of it. */
static void finish(struct curl_transport *ct, struct xfer *x, enum transport_fail fail,
                   const char *message)
{
	struct transport_done *d;

	ct->done = xgrow(ct->done, &ct->cap_done, ct->n_done + 1, sizeof(*ct->done));
	d = &ct->done[ct->n_done++];
	memset(d, 0, sizeof(*d));
	d->tag = x->tag;
	d->fail = fail;
	if (fail == TRANSPORT_OK) {
		d->resp = x->resp;
		memset(&x->resp, 0, sizeof(x->resp));
		d->resp.body_len = x->body.len;
		d->resp.body = sbuf_take(&x->body);
	} else {
		snprintf(d->message, sizeof(d->message), "%s", message);
	}
	unlink_all(ct, x);
	xfer_free(x);
}

static int start(struct curl_transport *ct, struct xfer *x);

/* A slot on x's host came free: starts the next waiting request there, if any. */
static void release(struct curl_transport *ct, struct host *h)
{
	h->active--;
	while (h->head && h->active < ct->cfg.max_per_host) {
		struct xfer *next = h->head;

		h->head = next->next;
		if (!h->head)
			h->tail = NULL;
		next->next = NULL;
		h->active++;
		if (start(ct, next) != 0) {
			h->active--;
			finish(ct, next, TRANSPORT_OTHER, next->errbuf);
		}
	}
}

static enum transport_fail classify(CURLcode rc)
{
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_COULDNT_CONNECT: return TRANSPORT_CONNECT;
	case CURLE_OPERATION_TIMEDOUT: return TRANSPORT_TIMEOUT;
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
	case CURLE_WEIRD_SERVER_REPLY:
	case CURLE_UNSUPPORTED_PROTOCOL: /* "Received HTTP/0.9": our URLs are http(s) only */
	case CURLE_BAD_CONTENT_ENCODING:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM: return TRANSPORT_IO;
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS:
	case CURLE_SSL_CRL_BADFILE:
	case CURLE_SSL_ENGINE_NOTFOUND:
	case CURLE_SSL_ENGINE_SETFAILED:
	case CURLE_SSL_ENGINE_INITFAILED:
	case CURLE_SSL_SHUTDOWN_FAILED:
	case CURLE_USE_SSL_FAILED: return TRANSPORT_TLS;
	default: return TRANSPORT_OTHER;
	}
}

static void completed(struct curl_transport *ct, CURLMsg *msg)
{
	struct xfer *x = NULL;
	struct host *h;
	CURLcode rc = msg->data.result;
	enum transport_fail fail;
	char detail[CURL_ERROR_SIZE + 64];

	curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&x);
	curl_multi_remove_handle(ct->multi, x->easy);
	h = x->host;
	if (rc == CURLE_OK) {
		curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &x->resp.status);
		finish(ct, x, TRANSPORT_OK, "");
	} else {
		fail = classify(rc);
		if (rc == CURLE_OPERATION_TIMEDOUT) {
			double connect = 0;

			curl_easy_getinfo(x->easy, CURLINFO_CONNECT_TIME, &connect);
			if (connect <= 0)
				fail = TRANSPORT_CONNECT; /* the connect timeout, not the total one
				                           */
		}
		if (x->body.over)
			snprintf(detail, sizeof(detail), "response larger than %ld MiB from %s",
			         MAX_BODY / 1024 / 1024, h->key);
		else
			snprintf(detail, sizeof(detail), "%s: %s", h->key,
			         x->errbuf[0] ? x->errbuf : curl_easy_strerror(rc));
		finish(ct, x, fail, detail);
	}
	release(ct, h);
}

static int setopt_failed(struct xfer *x, const char *what)
{
	snprintf(x->errbuf, sizeof(x->errbuf), "libcurl refused %s", what);
	return -1;
}

/* Creates x's easy handle and adds it to the multi. Returns 0, or -1 with x->errbuf set. */
static int start(struct curl_transport *ct, struct xfer *x)
{
	CURL *e = curl_easy_init();
	bool has_ct = false;

	if (!e)
		return setopt_failed(x, "a new handle");
	x->easy = e;
	for (size_t i = 0; i < x->req.n_headers; i++) {
		char *line = xasprintf("%s: %s", x->req.headers[i].name, x->req.headers[i].value);

		if (strcasecmp(x->req.headers[i].name, "content-type") == 0)
			has_ct = true;
		x->hdrs = curl_slist_append(x->hdrs, line);
		free(line);
	}
	/* No "Expect: 100-continue" round trip, and no form Content-Type curl would invent. */
	x->hdrs = curl_slist_append(x->hdrs, "Expect:");
	if (!has_ct)
		x->hdrs = curl_slist_append(x->hdrs, "Content-Type:");
	if (curl_easy_setopt(e, CURLOPT_URL, x->req.url) != CURLE_OK)
		return setopt_failed(x, "the URL");
	if (curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https") != CURLE_OK)
		return setopt_failed(x, "the protocol list");
	curl_easy_setopt(e, CURLOPT_PRIVATE, x);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x->errbuf);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_1);
	curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, ct->cfg.connect_timeout_ms);
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, ct->cfg.timeout_ms);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
	if (ct->ca_bundle && curl_easy_setopt(e, CURLOPT_CAINFO, ct->ca_bundle) != CURLE_OK)
		return setopt_failed(x, "the CA bundle");
	curl_easy_setopt(e, CURLOPT_USERAGENT, ct->user_agent);
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, x->hdrs);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, x);
	if (strcmp(x->req.method, "GET") == 0 && !x->req.body) {
		curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
	} else if (strcmp(x->req.method, "HEAD") == 0) {
		curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
	} else {
		curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, x->req.method);
		if (x->req.body || strcmp(x->req.method, "POST") == 0 ||
		    strcmp(x->req.method, "PUT") == 0) {
			curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE,
			                 (curl_off_t)x->req.body_len);
			curl_easy_setopt(e, CURLOPT_POSTFIELDS, x->req.body ? x->req.body : "");
		}
	}
	if (curl_multi_add_handle(ct->multi, e) != CURLM_OK)
		return setopt_failed(x, "another transfer");
	return 0;
}

static int ct_submit(struct transport *t, struct http_request *req, void *tag, struct wa_err *err)
{
	struct curl_transport *ct = (struct curl_transport *)t;
	struct xfer *x;
	struct host *h;

	if (!req->method || !req->url) {
		http_request_free(req);
		return err_set(err, where, 0, 0, "request without a method or URL");
	}
	x = xcalloc(1, sizeof(*x));
	x->body.max = MAX_BODY;
	x->req = *req;
	memset(req, 0, sizeof(*req));
	x->tag = tag;
	h = host_get(ct, x->req.host_key ? x->req.host_key : x->req.url);
	x->host = h;
	x->all_next = ct->all;
	if (ct->all)
		ct->all->all_prev = x;
	ct->all = x;
	ct->n_all++;
	if (h->active < ct->cfg.max_per_host) {
		h->active++;
		if (start(ct, x) != 0) {
			h->active--;
			err_set(err, where, 0, 0, "%s", x->errbuf);
			unlink_all(ct, x);
			xfer_free(x);
			return -1;
		}
	} else {
		if (h->tail)
			h->tail->next = x;
		else
			h->head = x;
		h->tail = x;
	}
	return 0;
}

static void drain(struct curl_transport *ct)
{
	CURLMsg *msg;
	int left;

	while ((msg = curl_multi_info_read(ct->multi, &left)))
		if (msg->msg == CURLMSG_DONE)
			completed(ct, msg);
}

static int ct_wait(struct transport *t, long timeout_ms, struct transport_done *out, int max,
                   struct wa_err *err)
{
	struct curl_transport *ct = (struct curl_transport *)t;
	long long deadline = mono_ms() + (timeout_ms > 0 ? timeout_ms : 0);
	int running, n;

	for (;;) {
		CURLMcode mc = curl_multi_perform(ct->multi, &running);

		if (mc != CURLM_OK)
			return err_set(err, where, 0, 0, "libcurl: %s", curl_multi_strerror(mc));
		drain(ct);
		if (ct->n_done > 0)
			break;
		long long left = deadline - mono_ms();

		if (left <= 0)
			break;
		/* With nothing in flight this waits out a backoff; either way a wakeup (a
		 * cancel from another thread) ends it at once. */
		mc = curl_multi_poll(ct->multi, NULL, 0, (int)(left > 1000 ? 1000 : left), NULL);
		if (mc != CURLM_OK)
			return err_set(err, where, 0, 0, "libcurl: %s", curl_multi_strerror(mc));
		if (atomic_exchange(&ct->woken, false))
			break;
	}
	n = (int)(ct->n_done < (size_t)max ? ct->n_done : (size_t)max);
	if (n > 0) {
		memcpy(out, ct->done, (size_t)n * sizeof(*out));
		memmove(ct->done, ct->done + n, (ct->n_done - (size_t)n) * sizeof(*ct->done));
		ct->n_done -= (size_t)n;
	}
	return n;
}

static long long ct_now(struct transport *t)
{
	(void)t;
	return mono_ms();
}

static size_t ct_active(struct transport *t)
{
	struct curl_transport *ct = (struct curl_transport *)t;

	return ct->n_all + ct->n_done;
}

/* Drops every request, in flight or waiting, and every completion not yet handed back. */
static void ct_abort(struct transport *t)
{
	struct curl_transport *ct = (struct curl_transport *)t;

	while (ct->all) {
		struct xfer *x = ct->all;

		ct->all = x->all_next;
		if (x->easy)
			curl_multi_remove_handle(ct->multi, x->easy);
		xfer_free(x);
	}
	ct->n_all = 0;
	for (size_t i = 0; i < ct->n_hosts; i++) {
		ct->hosts[i].active = 0;
		ct->hosts[i].head = ct->hosts[i].tail = NULL;
	}
	for (size_t i = 0; i < ct->n_done; i++)
		http_response_free(&ct->done[i].resp);
	ct->n_done = 0;
}

/* curl_multi_wakeup() is the one libcurl call made safe from any thread. */
static void ct_wakeup(struct transport *t)
{
	struct curl_transport *ct = (struct curl_transport *)t;

	atomic_store(&ct->woken, true);
	curl_multi_wakeup(ct->multi);
}

static void ct_free(struct transport *t)
{
	struct curl_transport *ct = (struct curl_transport *)t;

	ct_abort(t);
	free(ct->done);
	for (size_t i = 0; i < ct->n_hosts; i++)
		free(ct->hosts[i].key);
	free(ct->hosts);
	curl_multi_cleanup(ct->multi);
	free(ct->ca_bundle);
	free(ct->user_agent);
	free(ct);
}

static const struct transport_ops curl_ops = {
	ct_submit, ct_wait, ct_now, ct_active, ct_free, ct_abort, ct_wakeup,
};

struct transport *transport_curl_new(const struct transport_config *cfg, struct wa_err *err)
{
	static bool inited;
	struct curl_transport *ct;

	if (!inited) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
			err_set(err, where, 0, 0, "libcurl failed to initialize");
			return NULL;
		}
		inited = true;
	}
	ct = xcalloc(1, sizeof(*ct));
	ct->base.ops = &curl_ops;
	ct->cfg = *cfg;
	if (ct->cfg.connect_timeout_ms <= 0)
		ct->cfg.connect_timeout_ms = 10000;
	if (ct->cfg.timeout_ms <= 0)
		ct->cfg.timeout_ms = 60000;
	if (ct->cfg.max_per_host <= 0)
		ct->cfg.max_per_host = 16;
	ct->ca_bundle = cfg->ca_bundle ? xstrdup(cfg->ca_bundle) : NULL;
	ct->cfg.ca_bundle = ct->ca_bundle;
	ct->user_agent = xstrdup(cfg->user_agent ? cfg->user_agent : "wa-review");
	ct->cfg.user_agent = ct->user_agent;
	ct->multi = curl_multi_init();
	if (!ct->multi) {
		free(ct->ca_bundle);
		free(ct->user_agent);
		free(ct);
		err_set(err, where, 0, 0, "libcurl failed to create a multi handle");
		return NULL;
	}
	/* Connections stay open between requests (keep-alive) up to the per-host cap; the
	 * cache holds a few hosts' worth, for clients spread over Regions. */
	curl_multi_setopt(ct->multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)ct->cfg.max_per_host);
	curl_multi_setopt(ct->multi, CURLMOPT_MAXCONNECTS, (long)ct->cfg.max_per_host * 8);
	curl_multi_setopt(ct->multi, CURLMOPT_PIPELINING, (long)CURLPIPE_NOTHING);
	return &ct->base;
}
