/* Sending HTTP requests, many at a time. The client talks to a struct transport through
 * its ops table, so unit tests can put a fake network in its place; transport_curl_new()
 * is the real one, on libcurl's multi interface. */
#ifndef WAR_AWS_TRANSPORT_H
#define WAR_AWS_TRANSPORT_H

#include <stddef.h>

#include "aws/http.h"
#include "util/err.h"

/* Why a request got no HTTP response. */
enum transport_fail {
	TRANSPORT_OK = 0,
	TRANSPORT_CONNECT, /* name not resolved, connection refused, connect timeout */
	TRANSPORT_TIMEOUT, /* the whole exchange took longer than timeout_ms */
	TRANSPORT_IO,      /* reset, closed early, truncated body, not HTTP */
	TRANSPORT_TLS,     /* certificate not trusted or handshake failed: never retried */
	TRANSPORT_OTHER,
};

/* One finished request: the tag given to submit, and the response or why there is none.
 * resp is owned by whoever receives it (http_response_free()). */
struct transport_done {
	void *tag;
	enum transport_fail fail;
	char message[256];         /* what went wrong, when fail != TRANSPORT_OK */
	struct http_response resp; /* when fail == TRANSPORT_OK */
};

struct transport_config {
	long connect_timeout_ms; /* TCP + TLS connect; 0: 10 s */
	long timeout_ms;         /* one exchange from connect to last byte; 0: 60 s */
	int max_per_host;        /* requests in flight per scheme://host:port; 0: 16 */
	const char *ca_bundle;   /* PEM file of trusted CAs; NULL: the system's */
	const char *user_agent;  /* NULL: "wa-review" */
};

struct transport;

struct transport_ops {
	int (*submit)(struct transport *t, struct http_request *req, void *tag, struct wa_err *err);
	int (*wait)(struct transport *t, long timeout_ms, struct transport_done *out, int max,
	            struct wa_err *err);
	long long (*now_ms)(struct transport *t);
	size_t (*active)(struct transport *t);
	void (*free)(struct transport *t);
	void (*abort)(struct transport *t);  /* may be NULL */
	void (*wakeup)(struct transport *t); /* may be NULL; callable from any thread */
};

/* Every implementation starts with this member. */
struct transport {
	const struct transport_ops *ops;
};

/* The real network: libcurl multi, HTTP/1.1 with keep-alive and connection reuse, TLS
 * always verified, at most cfg->max_per_host requests in flight per host (the rest wait
 * their turn, and their timeout starts when they go out). Returns it (transport_free()),
 * or NULL with err. cfg is copied. */
struct transport *transport_curl_new(const struct transport_config *cfg, struct wa_err *err);

/* Queues req, taking what it owns (*req is zeroed); tag comes back with its completion.
 * Returns 0, or -1 with err (req is then freed). */
int transport_submit(struct transport *t, struct http_request *req, void *tag, struct wa_err *err);
/* Waits up to timeout_ms (0: do not wait) for requests to finish and moves up to max of
 * them into out; with nothing in flight it just lets the time pass (a backoff). Returns
 * how many (0 when none finished in time), or -1 with err. */
int transport_wait(struct transport *t, long timeout_ms, struct transport_done *out, int max,
                   struct wa_err *err);
/* Milliseconds on the transport's monotonic clock (a fake transport keeps its own). */
long long transport_now_ms(struct transport *t);
/* Requests submitted and not yet returned by transport_wait(). */
size_t transport_active(struct transport *t);
/* Frees t, abandoning what is still in flight; NULL is allowed. */
void transport_free(struct transport *t);
/* Drops every request still in flight or waiting: none of them will come back from
 * transport_wait(). Connections in use are closed. */
void transport_abort(struct transport *t);
/* Makes a transport_wait() running on another thread return now (with what it has, maybe
 * nothing). Safe to call from any thread, as long as t lives. */
void transport_wakeup(struct transport *t);

/* A static name for a failure kind ("connection failed", "timed out", …). */
const char *transport_fail_name(enum transport_fail f);

#endif
