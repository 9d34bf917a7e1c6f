/* AWS Signature Version 4: signs a request with an Authorization header or as a presigned URL,
 * using libcrypto's SHA-256 and HMAC. The clock and the credentials come from the caller, so
 * the same input always gives the same output. No output ever contains the secret key. */
#ifndef WAR_AWS_SIGV4_H
#define WAR_AWS_SIGV4_H

#include <stddef.h>
#include <time.h>

#include "util/err.h"

/* A borrowed name/value pair: a header, or a query parameter with both parts unencoded (a NULL
 * value means a bare "name" in the URL; it signs as "name="). */
struct sigv4_pair {
	const char *name;
	const char *value;
};

/* Borrowed credentials. */
struct sigv4_creds {
	const char *access_key;
	const char *secret_key;
	const char *token; /* session token; NULL or "" when there is none */
};

enum sigv4_flag {
	SIGV4_NO_NORMALIZE = 1 << 0,     /* keep "." and ".." segments and "//" in the path */
	SIGV4_NO_DOUBLE_ENCODE = 1 << 1, /* the path is already encoded: do not encode '%' again */
	SIGV4_CONTENT_SHA256 = 1 << 2,   /* add and sign x-amz-content-sha256 (header signing) */
	SIGV4_UNSIGNED_PAYLOAD = 1 << 3, /* payload hash is "UNSIGNED-PAYLOAD", not the body's */
	SIGV4_UNSIGNED_TOKEN = 1 << 4,   /* attach the session token after signing, unsigned */
	/* What S3 needs; S3 presigned URLs also want SIGV4_UNSIGNED_PAYLOAD. */
	SIGV4_S3 = SIGV4_NO_NORMALIZE | SIGV4_NO_DOUBLE_ENCODE | SIGV4_CONTENT_SHA256,
};

/* What is sent. Every header listed is signed except User-Agent, Expect and X-Amzn-Trace-Id,
 * which proxies and the transport may change. */
struct sigv4_request {
	const char *method;
	const char *host;                /* Host value as sent: "host", or "host:port" when the
	                                  * port is not the scheme's default; signed when
	                                  * headers has no Host */
	const char *path;                /* as on the wire (percent-encoded), starting with '/';
	                                  * "" means "/" */
	const struct sigv4_pair *params; /* query parameters in URL order; names may repeat */
	size_t n_params;
	const struct sigv4_pair *headers; /* names may repeat: values join in this order */
	size_t n_headers;
	const void *body;
	size_t body_len;
	const char *payload_hash; /* hex SHA-256 of the body when the caller has it
	                           * (streamed upload); NULL: hash body */
};

/* How it is signed. */
struct sigv4_config {
	const char *service; /* signing name, e.g. "ec2", "s3" */
	const char *region;
	time_t when; /* signing time; the signer never reads the clock */
	const struct sigv4_creds *creds;
	unsigned flags; /* enum sigv4_flag bits */
	long expires;   /* presigned URL lifetime, 1..604800 s (presign only) */
};

/* An owned name/value pair the signer adds. */
struct sigv4_field {
	char *name;
	char *value;
};

/* The outcome; every member is owned and freed by sigv4_result_free(). */
struct sigv4_result {
	struct sigv4_field *headers; /* headers to add to the request, in this order */
	size_t n_headers;
	struct sigv4_field *params; /* query parameters to append (presign), unencoded */
	size_t n_params;
	char *query;             /* the URL's whole query, encoded, without '?': the request's
	                          * params in order, then the added ones; "" when none */
	char *canonical_request; /* the intermediate values, for tests and debugging */
	char *string_to_sign;
	char *signed_headers; /* "host;x-amz-date" */
	char signature[65];   /* lowercase hex */
};

/* Signs req with an Authorization header: fills *res (free with sigv4_result_free(), also
 * after a failure). Returns 0, or -1 with err set on missing credentials or malformed input. */
int sigv4_sign(const struct sigv4_request *req, const struct sigv4_config *cfg,
               struct sigv4_result *res, struct wa_err *err);

/* Like sigv4_sign() but puts the signature in query parameters (a presigned URL valid for
 * cfg->expires seconds); res->headers stays empty. Returns 0, or -1 with err set. */
int sigv4_presign(const struct sigv4_request *req, const struct sigv4_config *cfg,
                  struct sigv4_result *res, struct wa_err *err);

/* Frees what *res owns and zeroes it; safe on a zeroed or already freed result. */
void sigv4_result_free(struct sigv4_result *res);

#endif
