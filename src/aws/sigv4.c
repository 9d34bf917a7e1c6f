#include "aws/sigv4.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "aws/uri.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

#define ALGORITHM        "AWS4-HMAC-SHA256"
#define UNSIGNED_PAYLOAD "UNSIGNED-PAYLOAD"
#define MAX_EXPIRES      604800L /* seven days: the longest a presigned URL may live */
#define MAX_SECRET       4096    /* HMAC() takes an int key length; real secrets are 40 bytes */

static const char where[] = "sigv4";

/* Headers never signed: proxies and HTTP clients rewrite them (botocore skips the same). */
static const char *const unsigned_headers[] = { "user-agent", "expect", "x-amzn-trace-id" };

/* A header as it enters the canonical request. */
struct chdr {
	char *name;   /* lowercased */
	char *value;  /* trimmed, inner whitespace runs collapsed */
	size_t order; /* position given, so repeated names keep their order through qsort */
};

/* A query parameter as it enters the canonical request, both parts encoded. */
struct cparam {
	char *name;
	char *value;
};

/* Everything one signing run builds; freed in one place whatever the outcome. */
struct work {
	struct chdr *hdrs;
	size_t n_hdrs;
	struct cparam *params;
	size_t n_params;
	size_t cap_params;
	char *path;
	char *canonical_uri;
	char *credential; /* "AKID/20150830/us-east-1/service/aws4_request" */
	char date[17];    /* 20150830T123600Z */
	char scope_date[9];
	char payload[65];  /* hex SHA-256 of the body, or UNSIGNED_PAYLOAD */
	const char *token; /* NULL when there is none */
	bool sign_token;
	char expires[24];
};

static void put_encoded(struct sbuf *b, const char *s, bool keep_slash)
{
	char *e = uri_encode(s, strlen(s), keep_slash);

	sbuf_puts(b, e);
	free(e);
}

static void hex(const unsigned char *p, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 15];
	}
	out[2 * n] = '\0';
}

static int sha256_hex(const void *data, size_t n, char out[65], struct wa_err *err)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;

	if (!EVP_Digest(data, n, md, &len, EVP_sha256(), NULL) || len != 32)
		return err_set(err, where, 0, 0, "SHA-256 failed in libcrypto");
	hex(md, 32, out);
	return 0;
}

static int hmac_sha256(const void *key, size_t klen, const char *msg, unsigned char out[32],
                       struct wa_err *err)
{
	unsigned int len = 0;

	if (!HMAC(EVP_sha256(), key, (int)klen, (const unsigned char *)msg, strlen(msg), out,
	          &len) ||
	    len != 32)
		return err_set(err, where, 0, 0, "HMAC-SHA256 failed in libcrypto");
	return 0;
}

/* hex(HMAC(kSigning, sts)) with kSigning derived from the secret; key material is wiped. */
static int compute_signature(const struct sigv4_config *cfg, const struct work *w, const char *sts,
                             char out[65], struct wa_err *err)
{
	size_t slen = strlen(cfg->creds->secret_key);
	char *k = xmalloc(slen + 5);
	unsigned char kdate[32], kregion[32], kservice[32], ksigning[32], sig[32];
	int rc = -1;

	memcpy(k, "AWS4", 4);
	memcpy(k + 4, cfg->creds->secret_key, slen + 1);
	if (hmac_sha256(k, slen + 4, w->scope_date, kdate, err) == 0 &&
	    hmac_sha256(kdate, 32, cfg->region, kregion, err) == 0 &&
	    hmac_sha256(kregion, 32, cfg->service, kservice, err) == 0 &&
	    hmac_sha256(kservice, 32, "aws4_request", ksigning, err) == 0 &&
	    hmac_sha256(ksigning, 32, sts, sig, err) == 0) {
		hex(sig, 32, out);
		rc = 0;
	}
	OPENSSL_cleanse(k, slen + 4);
	OPENSSL_cleanse(kdate, sizeof(kdate));
	OPENSSL_cleanse(kregion, sizeof(kregion));
	OPENSSL_cleanse(kservice, sizeof(kservice));
	OPENSSL_cleanse(ksigning, sizeof(ksigning));
	free(k);
	return rc;
}

/* RFC 9110 token characters, the only ones allowed in a method or header name. */
static bool is_tchar(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       (c && strchr("!#$%&'*+-.^_`|~", c));
}

static int check_token(const char *s, const char *what, struct wa_err *err)
{
	if (!s || !*s)
		return err_set(err, where, 0, 0, "%s is missing", what);
	for (const char *p = s; *p; p++)
		if (!is_tchar((unsigned char)*p))
			return err_set(err, where, 0, 0,
			               "%s \"%s\" has a character not allowed there", what, s);
	return 0;
}

/* Parts of the credential scope: visible ASCII without '/', which separates them, and without
 * ',' and '=', which delimit the Authorization value. */
static int check_scope_part(const char *s, const char *what, struct wa_err *err)
{
	if (!s || !*s)
		return err_set(err, where, 0, 0, "%s is missing", what);
	for (const char *p = s; *p; p++)
		if (*p <= ' ' || *p >= 0x7f || *p == '/' || *p == ',' || *p == '=')
			return err_set(err, where, 0, 0, "%s has a character not allowed there",
			               what);
	return 0;
}

static bool is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Trimall: strips leading and trailing whitespace and turns each inner run into one space,
 * which also unfolds obsolete line folding (a line break followed by SP or HT). Returns newly
 * allocated, or NULL when the value holds a control character or a bare line break. */
static char *trim_value(const char *v)
{
	size_t n = strlen(v);
	char *out = xmalloc(n + 1);
	size_t len = 0;
	bool pending = false;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)v[i];

		if (c == '\r' || c == '\n') {
			size_t j = i + 1;

			if (c == '\r' && v[j] == '\n')
				j++;
			if (v[j] != ' ' && v[j] != '\t') {
				free(out);
				return NULL;
			}
		} else if ((c < 0x20 && c != '\t') || c == 0x7f) {
			free(out);
			return NULL;
		}
		if (is_ws((char)c)) {
			pending = len > 0;
			continue;
		}
		if (pending)
			out[len++] = ' ';
		pending = false;
		out[len++] = (char)c;
	}
	out[len] = '\0';
	return out;
}

static char *lowercase(const char *s)
{
	char *l = xstrdup(s);

	for (char *p = l; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return l;
}

static bool is_unsigned_header(const char *lname)
{
	for (size_t i = 0; i < sizeof(unsigned_headers) / sizeof(unsigned_headers[0]); i++)
		if (!strcmp(lname, unsigned_headers[i]))
			return true;
	return false;
}

static int format_date(time_t when, struct work *w, struct wa_err *err)
{
	struct tm tm;

	if (!gmtime_r(&when, &tm) || tm.tm_year + 1900 < 1 || tm.tm_year + 1900 > 9999)
		return err_set(err, where, 0, 0, "signing time is out of range");
	strftime(w->date, sizeof(w->date), "%Y%m%dT%H%M%SZ", &tm);
	memcpy(w->scope_date, w->date, 8);
	w->scope_date[8] = '\0';
	return 0;
}

static int check_config(const struct sigv4_config *cfg, bool presign, struct wa_err *err)
{
	if (!cfg->creds)
		return err_set(err, where, 0, 0, "no credentials to sign with");
	if (!cfg->creds->access_key || !*cfg->creds->access_key)
		return err_set(err, where, 0, 0, "credentials have no access key ID");
	if (!cfg->creds->secret_key || !*cfg->creds->secret_key)
		return err_set(err, where, 0, 0, "credentials have no secret access key");
	if (strlen(cfg->creds->secret_key) > MAX_SECRET)
		return err_set(err, where, 0, 0, "secret access key is too long");
	if (check_scope_part(cfg->creds->access_key, "access key ID", err) ||
	    check_scope_part(cfg->service, "service name", err) ||
	    check_scope_part(cfg->region, "region", err))
		return -1;
	if (cfg->creds->token && cfg->creds->token[0]) {
		for (const char *p = cfg->creds->token; *p; p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7f)
				return err_set(err, where, 0, 0,
				               "session token has a control character");
	}
	if (presign && (cfg->expires < 1 || cfg->expires > MAX_EXPIRES))
		return err_set(err, where, 0, 0, "presigned URL lifetime %ld s is not in 1..%ld",
		               cfg->expires, MAX_EXPIRES);
	return 0;
}

static int check_path(const char *path, struct wa_err *err)
{
	if (!path)
		return err_set(err, where, 0, 0, "request has no path");
	if (path[0] && path[0] != '/')
		return err_set(err, where, 0, 0, "path \"%s\" does not start with '/'", path);
	for (const char *p = path; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c < 0x20 || c == 0x7f || c == '?' || c == '#')
			return err_set(
			        err, where, 0, 0,
			        "path has a character that cannot be sent in a path (0x%02x)", c);
	}
	return 0;
}

static void canonical_uri(const struct sigv4_request *req, unsigned flags, struct work *w)
{
	const char *p = req->path[0] ? req->path : "/";

	w->path = (flags & SIGV4_NO_NORMALIZE) ? xstrdup(p) : uri_normalize_path(p);
	if (flags & SIGV4_NO_DOUBLE_ENCODE)
		w->canonical_uri = uri_encode_path_once(w->path);
	else
		w->canonical_uri = uri_encode(w->path, strlen(w->path), true);
}

static void add_hdr(struct work *w, const char *lname, const char *value)
{
	struct chdr *h = &w->hdrs[w->n_hdrs];

	h->name = xstrdup(lname);
	h->value = xstrdup(value);
	h->order = w->n_hdrs++;
}

/* Headers the signer sets itself must not come from the caller too: two values would be sent
 * or signed. */
static bool reserved_header(const char *lname, const struct work *w, unsigned flags, bool presign)
{
	if (!strcmp(lname, "authorization"))
		return true;
	if (presign)
		return false;
	return !strcmp(lname, "x-amz-date") ||
	       (w->token && !strcmp(lname, "x-amz-security-token")) ||
	       ((flags & SIGV4_CONTENT_SHA256) && !strcmp(lname, "x-amz-content-sha256"));
}

static int cmp_chdr(const void *a, const void *b)
{
	const struct chdr *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

static int collect_headers(const struct sigv4_request *req, const struct sigv4_config *cfg,
                           bool presign, struct work *w, struct wa_err *err)
{
	bool have_host = false;

	/* The caller's headers plus at most host, x-amz-date, token and content hash. */
	w->hdrs = xcalloc(req->n_headers + 4, sizeof(*w->hdrs));
	for (size_t i = 0; i < req->n_headers; i++) {
		const struct sigv4_pair *h = &req->headers[i];
		char *lname, *value;

		if (check_token(h->name, "header name", err))
			return -1;
		if (!h->value)
			return err_set(err, where, 0, 0, "header %s has no value", h->name);
		lname = lowercase(h->name);
		if (reserved_header(lname, w, cfg->flags, presign)) {
			err_set(err, where, 0, 0, "header %s is set by the signer", h->name);
			free(lname);
			return -1;
		}
		if (!strcmp(lname, "host"))
			have_host = true;
		if (is_unsigned_header(lname)) {
			free(lname);
			continue;
		}
		value = trim_value(h->value);
		if (!value) {
			err_set(err, where, 0, 0,
			        "header %s has a control character or a bare line break", h->name);
			free(lname);
			return -1;
		}
		add_hdr(w, lname, value);
		free(lname);
		free(value);
	}
	if (!have_host) {
		if (!req->host || !*req->host)
			return err_set(err, where, 0, 0, "request has no host");
		for (const char *p = req->host; *p; p++)
			if ((unsigned char)*p <= ' ' || *p == 0x7f || *p == '/')
				return err_set(err, where, 0, 0, "host \"%s\" is malformed",
				               req->host);
		add_hdr(w, "host", req->host);
	}
	if (!presign) {
		add_hdr(w, "x-amz-date", w->date);
		if (w->sign_token)
			add_hdr(w, "x-amz-security-token", w->token);
		if (cfg->flags & SIGV4_CONTENT_SHA256)
			add_hdr(w, "x-amz-content-sha256", w->payload);
	}
	qsort(w->hdrs, w->n_hdrs, sizeof(*w->hdrs), cmp_chdr);
	return 0;
}

static char *canonical_headers(const struct work *w, char **signed_headers)
{
	struct sbuf b = { 0 }, sh = { 0 };

	for (size_t i = 0; i < w->n_hdrs; i++) {
		const struct chdr *h = &w->hdrs[i];

		if (i && !strcmp(h->name, w->hdrs[i - 1].name)) {
			/* a repeated name: one line, values joined in the order given */
			b.buf[b.len - 1] = ',';
		} else {
			if (sh.len)
				sbuf_putc(&sh, ';');
			sbuf_puts(&sh, h->name);
			sbuf_puts(&b, h->name);
			sbuf_putc(&b, ':');
		}
		sbuf_puts(&b, h->value);
		sbuf_putc(&b, '\n');
	}
	*signed_headers = sbuf_take(&sh);
	return sbuf_take(&b);
}

static void add_param(struct work *w, const char *name, const char *value)
{
	struct cparam *p;

	w->params = xgrow(w->params, &w->cap_params, w->n_params + 1, sizeof(*w->params));
	p = &w->params[w->n_params++];
	p->name = uri_encode(name, strlen(name), false);
	p->value = uri_encode(value ? value : "", value ? strlen(value) : 0, false);
}

static int cmp_cparam(const void *a, const void *b)
{
	const struct cparam *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : strcmp(x->value, y->value);
}

static const char *const presign_names[] = {
	"X-Amz-Algorithm", "X-Amz-Credential",     "X-Amz-Date",      "X-Amz-SignedHeaders",
	"X-Amz-Expires",   "X-Amz-Security-Token", "X-Amz-Signature",
};

static int collect_params(const struct sigv4_request *req, bool presign, struct work *w,
                          struct wa_err *err)
{
	for (size_t i = 0; i < req->n_params; i++) {
		const struct sigv4_pair *p = &req->params[i];

		if (!p->name)
			return err_set(err, where, 0, 0, "query parameter %zu has no name", i + 1);
		for (size_t k = 0; presign && k < sizeof(presign_names) / sizeof(*presign_names);
		     k++)
			if (!strcasecmp(p->name, presign_names[k]))
				return err_set(err, where, 0, 0,
				               "query parameter %s is set by the signer", p->name);
		add_param(w, p->name, p->value);
	}
	return 0;
}

/* A presigned-URL parameter: name and borrowed value. */
struct qparam {
	const char *name;
	const char *value;
};

/* The presigned-URL parameters into out[7], in the order they go into the URL (AWS's test
 * suite order); returns how many. Without all, the signature is left out, and so is a token
 * attached after signing: that is the set that gets signed. */
static size_t presign_values(const struct work *w, const char *signed_headers, const char *sig,
                             bool all, struct qparam out[7])
{
	size_t n = 0;

	out[n++] = (struct qparam){ "X-Amz-Algorithm", ALGORITHM };
	out[n++] = (struct qparam){ "X-Amz-Credential", w->credential };
	out[n++] = (struct qparam){ "X-Amz-Date", w->date };
	out[n++] = (struct qparam){ "X-Amz-SignedHeaders", signed_headers };
	out[n++] = (struct qparam){ "X-Amz-Expires", w->expires };
	if (w->token && (w->sign_token || all))
		out[n++] = (struct qparam){ "X-Amz-Security-Token", w->token };
	if (all)
		out[n++] = (struct qparam){ "X-Amz-Signature", sig };
	return n;
}

static char *canonical_query(struct work *w)
{
	struct sbuf b = { 0 };

	if (w->n_params) /* qsort wants a non-NULL array even for zero elements */
		qsort(w->params, w->n_params, sizeof(*w->params), cmp_cparam);
	for (size_t i = 0; i < w->n_params; i++) {
		if (i)
			sbuf_putc(&b, '&');
		sbuf_puts(&b, w->params[i].name);
		sbuf_putc(&b, '=');
		sbuf_puts(&b, w->params[i].value);
	}
	return sbuf_take(&b);
}

static int payload_hash(const struct sigv4_request *req, unsigned flags, struct work *w,
                        struct wa_err *err)
{
	if (flags & SIGV4_UNSIGNED_PAYLOAD) {
		strcpy(w->payload, UNSIGNED_PAYLOAD);
	} else if (req->payload_hash) {
		size_t n = strlen(req->payload_hash);

		if (n != 64 || strspn(req->payload_hash, "0123456789abcdef") != 64)
			return err_set(err, where, 0, 0,
			               "payload hash is not 64 lowercase hex digits");
		memcpy(w->payload, req->payload_hash, 65);
	} else {
		if (!req->body && req->body_len)
			return err_set(err, where, 0, 0, "request body is missing");
		if (sha256_hex(req->body ? req->body : "", req->body_len, w->payload, err))
			return -1;
	}
	return 0;
}

static void set_field(struct sigv4_field *f, const char *name, const char *value)
{
	f->name = xstrdup(name);
	f->value = xstrdup(value);
}

static char *url_query(const struct sigv4_request *req, const struct sigv4_result *res)
{
	struct sbuf b = { 0 };

	for (size_t i = 0; i < req->n_params; i++) {
		if (b.len)
			sbuf_putc(&b, '&');
		put_encoded(&b, req->params[i].name, false);
		if (req->params[i].value) {
			sbuf_putc(&b, '=');
			put_encoded(&b, req->params[i].value, false);
		}
	}
	for (size_t i = 0; i < res->n_params; i++) {
		if (b.len)
			sbuf_putc(&b, '&');
		put_encoded(&b, res->params[i].name, false);
		sbuf_putc(&b, '=');
		put_encoded(&b, res->params[i].value, false);
	}
	return sbuf_take(&b);
}

static void fill_outputs(const struct sigv4_request *req, const struct sigv4_config *cfg,
                         bool presign, const struct work *w, struct sigv4_result *res)
{
	if (presign) {
		struct qparam vals[7];
		size_t n = presign_values(w, res->signed_headers, res->signature, true, vals);

		res->params = xcalloc(n, sizeof(*res->params));
		for (size_t i = 0; i < n; i++)
			set_field(&res->params[res->n_params++], vals[i].name, vals[i].value);
	} else {
		char *auth = xasprintf(ALGORITHM " Credential=%s, SignedHeaders=%s, Signature=%s",
		                       w->credential, res->signed_headers, res->signature);

		res->headers = xcalloc(4, sizeof(*res->headers));
		/* The order AWS's test suite shows in its signed requests. */
		if (w->token)
			set_field(&res->headers[res->n_headers++], "X-Amz-Security-Token",
			          w->token);
		set_field(&res->headers[res->n_headers++], "X-Amz-Date", w->date);
		if (cfg->flags & SIGV4_CONTENT_SHA256)
			set_field(&res->headers[res->n_headers++], "x-amz-content-sha256",
			          w->payload);
		set_field(&res->headers[res->n_headers++], "Authorization", auth);
		free(auth);
	}
	res->query = url_query(req, res);
}

static void work_free(struct work *w)
{
	for (size_t i = 0; i < w->n_hdrs; i++) {
		free(w->hdrs[i].name);
		free(w->hdrs[i].value);
	}
	free(w->hdrs);
	for (size_t i = 0; i < w->n_params; i++) {
		free(w->params[i].name);
		free(w->params[i].value);
	}
	free(w->params);
	free(w->path);
	free(w->canonical_uri);
	free(w->credential);
}

static int sign_request(const struct sigv4_request *req, const struct sigv4_config *cfg,
                        bool presign, struct sigv4_result *res, struct wa_err *err)
{
	struct work w = { 0 };
	char *cheaders = NULL, *cquery = NULL;
	char creq_hash[65];
	int rc = -1;

	memset(res, 0, sizeof(*res));
	if (check_config(cfg, presign, err) || check_token(req->method, "method", err) ||
	    check_path(req->path, err) || format_date(cfg->when, &w, err))
		goto out;
	if (cfg->creds->token && cfg->creds->token[0]) {
		w.token = cfg->creds->token;
		w.sign_token = !(cfg->flags & SIGV4_UNSIGNED_TOKEN);
	}
	snprintf(w.expires, sizeof(w.expires), "%ld", cfg->expires);
	w.credential = xasprintf("%s/%s/%s/%s/aws4_request", cfg->creds->access_key, w.scope_date,
	                         cfg->region, cfg->service);
	canonical_uri(req, cfg->flags, &w);
	if (payload_hash(req, cfg->flags, &w, err) || collect_headers(req, cfg, presign, &w, err) ||
	    collect_params(req, presign, &w, err))
		goto out;
	cheaders = canonical_headers(&w, &res->signed_headers);
	if (presign) {
		struct qparam vals[7];
		size_t n = presign_values(&w, res->signed_headers, NULL, false, vals);

		for (size_t i = 0; i < n; i++)
			add_param(&w, vals[i].name, vals[i].value);
	}
	cquery = canonical_query(&w);

	res->canonical_request = xasprintf("%s\n%s\n%s\n%s\n%s\n%s", req->method, w.canonical_uri,
	                                   cquery, cheaders, res->signed_headers, w.payload);

	if (sha256_hex(res->canonical_request, strlen(res->canonical_request), creq_hash, err))
		goto out;
	res->string_to_sign = xasprintf(ALGORITHM "\n%s\n%s/%s/%s/aws4_request\n%s", w.date,
	                                w.scope_date, cfg->region, cfg->service, creq_hash);
	if (compute_signature(cfg, &w, res->string_to_sign, res->signature, err))
		goto out;
	fill_outputs(req, cfg, presign, &w, res);
	rc = 0;
out:
	free(cheaders);
	free(cquery);
	work_free(&w);
	return rc;
}

int sigv4_sign(const struct sigv4_request *req, const struct sigv4_config *cfg,
               struct sigv4_result *res, struct wa_err *err)
{
	return sign_request(req, cfg, false, res, err);
}

int sigv4_presign(const struct sigv4_request *req, const struct sigv4_config *cfg,
                  struct sigv4_result *res, struct wa_err *err)
{
	return sign_request(req, cfg, true, res, err);
}

static void fields_free(struct sigv4_field *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(f[i].name);
		free(f[i].value);
	}
	free(f);
}

void sigv4_result_free(struct sigv4_result *res)
{
	if (!res)
		return;
	fields_free(res->headers, res->n_headers);
	fields_free(res->params, res->n_params);
	free(res->query);
	free(res->canonical_request);
	free(res->string_to_sign);
	free(res->signed_headers);
	memset(res, 0, sizeof(*res));
}
