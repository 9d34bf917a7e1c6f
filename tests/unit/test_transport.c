/* The libcurl transport against a loopback HTTP server run in this process: many requests
 * in flight under the per-host cap, connections reused, timeouts, resets, truncated
 * bodies, refused connections, and what goes on the wire. */
#define _GNU_SOURCE /* memmem, strcasestr */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "aws/transport.h"
#include "util/xalloc.h"

/* ---- the loopback server -------------------------------------------------------------- */

static int listen_fd = -1;
static int port;
static pthread_t acceptor;
static atomic_int connections; /* accepted so far */
static atomic_int busy;        /* requests being answered now */
static atomic_int busy_max;    /* the most at once */
static atomic_int stopping;
static pthread_mutex_t last_lock = PTHREAD_MUTEX_INITIALIZER;
static char last_request[8192]; /* the head and body of the last /echo request */

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static void send_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = send(fd, s, n, MSG_NOSIGNAL);

		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

static void reply(int fd, int status, const char *extra, const char *body)
{
	char head[512];
	int n = snprintf(head, sizeof(head),
	                 "HTTP/1.1 %d X\r\nContent-Length: %zu\r\n%sConnection: keep-alive\r\n\r\n",
	                 status, strlen(body), extra);

	send_all(fd, head, (size_t)n);
	send_all(fd, body, strlen(body));
}

/* Serves one connection: requests one after another until the client closes. */
static void *serve(void *arg)
{
	int fd = (int)(intptr_t)arg;
	char buf[16384];
	size_t have = 0;

	for (;;) {
		char *end, path[256] = "", method[16] = "";
		size_t head_len, body_len = 0;
		const char *cl;
		ssize_t r;

		while (!(end = memmem(buf, have, "\r\n\r\n", 4))) {
			if (have == sizeof(buf) - 1)
				goto out;
			r = recv(fd, buf + have, sizeof(buf) - 1 - have, 0);
			if (r <= 0)
				goto out;
			have += (size_t)r;
		}
		head_len = (size_t)(end + 4 - buf);
		buf[have] = '\0';
		cl = strcasestr(buf, "\r\ncontent-length:");
		if (cl && cl < end)
			body_len = strtoul(cl + 17, NULL, 10);
		while (have < head_len + body_len) {
			r = recv(fd, buf + have, sizeof(buf) - 1 - have, 0);
			if (r <= 0)
				goto out;
			have += (size_t)r;
		}
		buf[have] = '\0';
		sscanf(buf, "%15s %255s", method, path);

		int b = atomic_fetch_add(&busy, 1) + 1, m = atomic_load(&busy_max);

		while (b > m && !atomic_compare_exchange_weak(&busy_max, &m, b))
			;
		if (strncmp(path, "/slow", 5) == 0) {
			sleep_ms(strtol(path + 6, NULL, 10));
			reply(fd, 200, "", path);
		} else if (strcmp(path, "/reset") == 0) {
			struct linger lg = { 1, 0 };

			setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
			atomic_fetch_sub(&busy, 1);
			goto out;
		} else if (strcmp(path, "/truncate") == 0) {
			const char *part = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n<partial";

			send_all(fd, part, strlen(part));
			atomic_fetch_sub(&busy, 1);
			goto out;
		} else if (strcmp(path, "/garbage") == 0) {
			send_all(fd, "NOT HTTP AT ALL\r\n\r\n", 19);
			atomic_fetch_sub(&busy, 1);
			goto out;
		} else if (strcmp(path, "/echo") == 0) {
			pthread_mutex_lock(&last_lock);
			snprintf(last_request, sizeof(last_request), "%.*s",
			         (int)(head_len + body_len), buf);
			pthread_mutex_unlock(&last_lock);
			reply(fd, 200, "X-Echo: yes\r\nx-multi:  a  \r\n", "echoed");
		} else if (strncmp(path, "/status/", 8) == 0) {
			reply(fd, atoi(path + 8), "Retry-After: 2\r\n", "<Error/>");
		} else {
			reply(fd, 200, "", path);
		}
		atomic_fetch_sub(&busy, 1);
		memmove(buf, buf + head_len + body_len, have - head_len - body_len);
		have -= head_len + body_len;
	}
out:
	close(fd);
	return NULL;
}

static void *accept_loop(void *arg)
{
	(void)arg;
	while (!atomic_load(&stopping)) {
		struct pollfd p = { listen_fd, POLLIN, 0 };
		pthread_t th;
		int fd;

		if (poll(&p, 1, 100) <= 0)
			continue;
		fd = accept(listen_fd, NULL, NULL);
		if (fd < 0)
			continue;
		atomic_fetch_add(&connections, 1);
		if (pthread_create(&th, NULL, serve, (void *)(intptr_t)fd) == 0)
			pthread_detach(th);
		else
			close(fd);
	}
	return NULL;
}

static int server_start(void **state)
{
	struct sockaddr_in a = { 0 };
	socklen_t len = sizeof(a);
	int one = 1;

	(void)state;
	listen_fd = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(listen_fd, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(listen_fd, 128) != 0)
		return -1;
	getsockname(listen_fd, (struct sockaddr *)&a, &len);
	port = ntohs(a.sin_port);
	return pthread_create(&acceptor, NULL, accept_loop, NULL) == 0 ? 0 : -1;
}

static int server_stop(void **state)
{
	(void)state;
	atomic_store(&stopping, 1);
	pthread_join(acceptor, NULL);
	close(listen_fd);
	sleep_ms(50); /* lets detached connection threads see their client close */
	return 0;
}

/* ---- helpers ---------------------------------------------------------------------------- */

static struct transport *tnew(int per_host, long timeout_ms)
{
	struct transport_config cfg = { 0 };
	struct wa_err err;
	struct transport *t;

	cfg.max_per_host = per_host;
	cfg.timeout_ms = timeout_ms;
	cfg.connect_timeout_ms = 2000;
	err_clear(&err);
	t = transport_curl_new(&cfg, &err);
	assert_non_null(t);
	return t;
}

static void submit(struct transport *t, const char *method, const char *path, void *tag)
{
	struct http_request req = { 0 };
	struct wa_err err;

	req.method = xstrdup(method);
	req.url = xasprintf("http://127.0.0.1:%d%s", port, path);
	req.host_key = xasprintf("http://127.0.0.1:%d", port);
	err_clear(&err);
	assert_int_equal(transport_submit(t, &req, tag, &err), 0);
	assert_null(req.url); /* the transport took it */
}

/* Waits for exactly n completions (at most limit_ms); fills out in completion order. */
static void collect(struct transport *t, struct transport_done *out, int n, long limit_ms)
{
	long long end = now_ms() + limit_ms;
	struct wa_err err;
	int got = 0;

	err_clear(&err);
	while (got < n) {
		int k = transport_wait(t, 200, out + got, n - got, &err);

		assert_true(k >= 0);
		got += k;
		if (now_ms() > end)
			fail_msg("only %d of %d requests finished in %ld ms", got, n, limit_ms);
	}
	assert_int_equal(transport_active(t), 0);
}

static void reset_counters(void)
{
	atomic_store(&connections, 0);
	atomic_store(&busy_max, 0);
}

/* ---- tests ------------------------------------------------------------------------------ */

static void test_many_in_flight_under_cap(void **state)
{
	enum { N = 40, CAP = 8, DELAY = 60 };
	struct transport *t = tnew(CAP, 5000);
	struct transport_done done[N];
	bool seen[N] = { false };
	long long t0;

	(void)state;
	reset_counters();
	t0 = now_ms();
	for (intptr_t i = 0; i < N; i++)
		submit(t, "GET", "/slow/60", (void *)i);
	collect(t, done, N, 10000);
	long long took = now_ms() - t0;

	for (int i = 0; i < N; i++) {
		assert_int_equal(done[i].fail, TRANSPORT_OK);
		assert_int_equal(done[i].resp.status, 200);
		assert_string_equal(done[i].resp.body, "/slow/60");
		seen[(intptr_t)done[i].tag] = true;
		http_response_free(&done[i].resp);
	}
	for (int i = 0; i < N; i++)
		assert_true(seen[i]);
	/* The cap holds, is used in full, and the work is spread over it: N/CAP rounds. */
	assert_int_equal(atomic_load(&busy_max), CAP);
	assert_true(took >= (N / CAP) * DELAY);
	assert_true(took < (N / CAP) * DELAY * 3);
	/* Connections are reused: never more than the cap were opened. */
	assert_true(atomic_load(&connections) <= CAP);
	transport_free(t);
}

static void test_keep_alive_one_connection(void **state)
{
	struct transport *t = tnew(4, 5000);
	struct transport_done d;

	(void)state;
	reset_counters();
	for (int i = 0; i < 10; i++) {
		submit(t, "GET", "/ok", NULL);
		collect(t, &d, 1, 3000);
		assert_int_equal(d.resp.status, 200);
		http_response_free(&d.resp);
	}
	assert_int_equal(atomic_load(&connections), 1);
	transport_free(t);
}

static void test_timeout(void **state)
{
	struct transport *t = tnew(4, 300);
	struct transport_done d;
	long long t0 = now_ms();

	(void)state;
	submit(t, "GET", "/slow/3000", NULL);
	collect(t, &d, 1, 3000);
	assert_int_equal(d.fail, TRANSPORT_TIMEOUT);
	assert_true(now_ms() - t0 < 1500);
	assert_non_null(strstr(d.message, "127.0.0.1"));
	transport_free(t);
}

static void test_reset_truncated_garbage(void **state)
{
	struct transport *t = tnew(4, 5000);
	struct transport_done d[4];
	const char *paths[] = { "/reset", "/truncate", "/garbage", "/ok" };

	(void)state;
	for (intptr_t i = 0; i < 4; i++)
		submit(t, "GET", paths[i], (void *)i);
	collect(t, d, 4, 5000);
	for (int i = 0; i < 4; i++) {
		intptr_t k = (intptr_t)d[i].tag;

		if (k == 3) {
			/* The good request is not lost among the broken ones. */
			assert_int_equal(d[i].fail, TRANSPORT_OK);
			assert_string_equal(d[i].resp.body, "/ok");
			http_response_free(&d[i].resp);
		} else {
			if (d[i].fail != TRANSPORT_IO)
				fail_msg("%s: %d %s", paths[k], d[i].fail, d[i].message);
			assert_true(d[i].message[0] != '\0');
		}
	}
	transport_free(t);
}

static void test_connection_refused(void **state)
{
	struct transport *t = tnew(4, 2000);
	struct http_request req = { 0 };
	struct transport_done d;
	struct wa_err err;
	int s = socket(AF_INET, SOCK_STREAM, 0), closed_port;
	struct sockaddr_in a = { 0 };
	socklen_t len = sizeof(a);

	(void)state;
	/* A port that was just free: bind, learn it, close. */
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	bind(s, (struct sockaddr *)&a, sizeof(a));
	getsockname(s, (struct sockaddr *)&a, &len);
	closed_port = ntohs(a.sin_port);
	close(s);
	req.method = xstrdup("GET");
	req.url = xasprintf("http://127.0.0.1:%d/", closed_port);
	err_clear(&err);
	assert_int_equal(transport_submit(t, &req, NULL, &err), 0);
	collect(t, &d, 1, 3000);
	assert_int_equal(d.fail, TRANSPORT_CONNECT);
	transport_free(t);
}

static void test_tls_is_verified(void **state)
{
	/* https to a plain HTTP server: the handshake fails and is reported as TLS, which the
	 * retry policy never retries. A CA bundle that does not exist fails the same way. */
	struct transport_config cfg = { 0 };
	struct http_request req = { 0 };
	struct transport_done d;
	struct transport *t;
	struct wa_err err;

	(void)state;
	cfg.timeout_ms = 3000;
	cfg.ca_bundle = "/nonexistent/ca.pem";
	err_clear(&err);
	t = transport_curl_new(&cfg, &err);
	assert_non_null(t);
	req.method = xstrdup("GET");
	req.url = xasprintf("https://127.0.0.1:%d/ok", port);
	assert_int_equal(transport_submit(t, &req, NULL, &err), 0);
	collect(t, &d, 1, 5000);
	assert_int_equal(d.fail, TRANSPORT_TLS);
	transport_free(t);
}

static void test_wire_format(void **state)
{
	struct transport *t = tnew(4, 5000);
	struct http_request req = { 0 };
	struct transport_done d;
	struct wa_err err;
	char seen[8192];

	(void)state;
	req.method = xstrdup("POST");
	req.url = xasprintf("http://127.0.0.1:%d/echo", port);
	http_request_add_header(&req, "X-Amz-Target", "DynamoDB_20120810.ListTables");
	http_request_add_header(&req, "Authorization", "AWS4-HMAC-SHA256 Credential=x");
	req.body = xstrdup("{\"Limit\":1}");
	req.body_len = strlen(req.body);
	err_clear(&err);
	assert_int_equal(transport_submit(t, &req, NULL, &err), 0);
	collect(t, &d, 1, 3000);
	assert_int_equal(d.fail, TRANSPORT_OK);
	assert_string_equal(http_response_header(&d.resp, "x-echo"), "yes");
	assert_string_equal(http_response_header(&d.resp, "X-MULTI"), "a");
	http_response_free(&d.resp);
	pthread_mutex_lock(&last_lock);
	memcpy(seen, last_request, sizeof(seen));
	pthread_mutex_unlock(&last_lock);
	assert_non_null(strstr(seen, "POST /echo HTTP/1.1\r\n"));
	assert_non_null(strstr(seen, "X-Amz-Target: DynamoDB_20120810.ListTables\r\n"));
	assert_non_null(strstr(seen, "Content-Length: 11\r\n"));
	assert_non_null(strstr(seen, "\r\n\r\n{\"Limit\":1}"));
	/* Nothing curl would add on its own that changes the request's meaning. */
	assert_null(strcasestr(seen, "Expect:"));
	assert_null(strcasestr(seen, "Content-Type:"));
	transport_free(t);
}

static void test_error_status_is_a_response(void **state)
{
	struct transport *t = tnew(4, 5000);
	struct transport_done d;

	(void)state;
	submit(t, "GET", "/status/503", NULL);
	collect(t, &d, 1, 3000);
	assert_int_equal(d.fail, TRANSPORT_OK);
	assert_int_equal(d.resp.status, 503);
	assert_string_equal(http_response_header(&d.resp, "Retry-After"), "2");
	assert_string_equal(d.resp.body, "<Error/>");
	http_response_free(&d.resp);
	transport_free(t);
}

static void test_wait_passes_time_when_idle(void **state)
{
	struct transport *t = tnew(4, 5000);
	struct transport_done d;
	struct wa_err err;
	long long t0 = now_ms();

	(void)state;
	err_clear(&err);
	assert_int_equal(transport_wait(t, 120, &d, 1, &err), 0);
	assert_true(now_ms() - t0 >= 110);
	transport_free(t);
}

static void test_free_with_requests_in_flight(void **state)
{
	struct transport *t = tnew(2, 5000);

	(void)state;
	for (int i = 0; i < 5; i++)
		submit(t, "GET", "/slow/200", NULL);
	assert_int_equal(transport_active(t), 5);
	transport_free(t); /* abandons them without leaking (ASan / valgrind check) */
}

static void *wake_later(void *arg)
{
	sleep_ms(100);
	transport_wakeup(arg);
	return NULL;
}

/* A wakeup from another thread ends a wait at once, with a slow request still in flight
 * or with none (a backoff); abort then drops what is in flight, and none of it comes back. */
static void test_wakeup_and_abort(void **state)
{
	struct transport *t = tnew(4, 30000);
	struct transport_done d[4];
	struct wa_err err;
	pthread_t th;
	long long t0;

	(void)state;
	err_clear(&err);
	submit(t, "GET", "/slow/3000", NULL);
	submit(t, "GET", "/slow/3000", NULL);
	assert_int_equal(pthread_create(&th, NULL, wake_later, t), 0);
	assert_int_equal(transport_wait(t, 20000, d, 4, &err), 0);
	pthread_join(th, NULL);
	assert_int_equal(transport_active(t), 2); /* back before either answered */
	transport_abort(t);
	assert_int_equal(transport_active(t), 0);
	assert_int_equal(transport_wait(t, 0, d, 4, &err), 0);
	/* Idle: the wakeup ends the backoff instead of the 20 s. */
	t0 = now_ms();
	assert_int_equal(pthread_create(&th, NULL, wake_later, t), 0);
	assert_int_equal(transport_wait(t, 20000, d, 4, &err), 0);
	pthread_join(th, NULL);
	assert_true(now_ms() - t0 < 10000);
	/* Still usable afterwards. */
	submit(t, "GET", "/after", NULL);
	collect(t, d, 1, 5000);
	assert_int_equal(d[0].resp.status, 200);
	http_response_free(&d[0].resp);
	transport_free(t);
}

static void test_url_split(void **state)
{
	char *s, *h, *p;
	int port_;

	(void)state;
	assert_int_equal(http_url_split("HTTP://127.0.0.1:5000/base", &s, &h, &port_, &p), 0);
	assert_string_equal(s, "http");
	assert_string_equal(h, "127.0.0.1");
	assert_int_equal(port_, 5000);
	assert_string_equal(p, "/base");
	free(s), free(h), free(p);
	assert_int_equal(http_url_split("https://[::1]:8443", &s, &h, &port_, &p), 0);
	assert_string_equal(h, "::1");
	assert_int_equal(port_, 8443);
	assert_string_equal(p, "");
	free(s), free(h), free(p);
	assert_int_equal(http_url_split("127.0.0.1:5000", &s, &h, &port_, &p), -1);
	assert_int_equal(http_url_split("http://h:99999/", &s, &h, &port_, &p), -1);
	assert_int_equal(http_url_split("http://:80/", &s, &h, &port_, &p), -1);
	assert_int_equal(http_url_split("http://h?x", &s, &h, &port_, &p), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_many_in_flight_under_cap),
		cmocka_unit_test(test_keep_alive_one_connection),
		cmocka_unit_test(test_timeout),
		cmocka_unit_test(test_reset_truncated_garbage),
		cmocka_unit_test(test_connection_refused),
		cmocka_unit_test(test_tls_is_verified),
		cmocka_unit_test(test_wire_format),
		cmocka_unit_test(test_error_status_is_a_response),
		cmocka_unit_test(test_wait_passes_time_when_idle),
		cmocka_unit_test(test_free_with_requests_in_flight),
		cmocka_unit_test(test_wakeup_and_abort),
		cmocka_unit_test(test_url_split),
	};

	return cmocka_run_group_tests(tests, server_start, server_stop);
}
