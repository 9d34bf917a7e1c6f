/* Inside the credential chain: what the chain (creds.c) and its sources (creds_*.c) share.
 * Not for use outside src/aws/creds*.c, settings.c and their tests. */
#ifndef WAR_AWS_CREDS_INT_H
#define WAR_AWS_CREDS_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "aws/config.h"
#include "aws/creds.h"
#include "util/err.h"

/* Refresh temporary credentials when fewer seconds than this remain. */
#define CREDS_REFRESH_WINDOW 300
#define CREDS_MAX_VISITED    16 /* source_profile hops before we call it a loop anyway */

struct aws_creds_chain {
	const struct aws_settings *s; /* region, CA bundle, endpoint overrides */
	struct aws_config cfg;
	char *profile;
	bool profile_cli;  /* --profile: the CLI then ignores environment keys */
	bool endpoint_cli; /* --endpoint-url given: it beats every other override */
	aws_sts_fn sts;
	void *sts_ctx;
	time_t (*now)(void);
	long process_timeout_ms; /* bound on credential_process */
	long http_timeout_ms;    /* per request to the container endpoint, SSO portal */
	struct aws_creds cur;
	bool have;             /* cur holds credentials */
	int src;               /* index of the source that gave cur */
	time_t retry_at;       /* no new refresh attempt before this */
	struct wa_err failure; /* the last failure of the whole chain… */
	time_t failed_at;      /* …and when (0: none), answered again for a while */
};

/* One pass through the chain (or one source profile of an assume-role chain). */
struct creds_run {
	struct aws_creds_chain *ch;
	const char *profile;
	struct aws_profile prof; /* the profile's sections; both NULL when absent */
	bool use_env;            /* environment settings count (not for source profiles) */
	const char *visited[CREDS_MAX_VISITED]; /* profiles of an assume-role chain so far */
	size_t n_visited;
	char label[160]; /* the source as named in "no AWS credentials: …" */
	char why[320];   /* why it gave nothing */
};

/* A source: returns 1 with *out filled (free with creds_clear()), 0 when it is not set up,
 * with r->why saying why (and r->label when the table's is not precise enough), or -1 with
 * err when it is set up but failed: the chain then stops, as the SDKs' chains do. */
typedef int (*creds_source_fn)(struct creds_run *r, struct aws_creds *out, struct wa_err *err);

int creds_env(struct creds_run *r, struct aws_creds *out, struct wa_err *err);
int creds_assume(struct creds_run *r, struct aws_creds *out, struct wa_err *err);
int creds_webid(struct creds_run *r, struct aws_creds *out, struct wa_err *err);
int creds_sso(struct creds_run *r, struct aws_creds *out, struct wa_err *err);
int creds_file_shared(struct creds_run *r, struct aws_creds *out, struct wa_err *err);
int creds_process(struct creds_run *r, struct aws_creds *out, struct wa_err *err);
int creds_file_config(struct creds_run *r, struct aws_creds *out, struct wa_err *err);
int creds_container(struct creds_run *r, struct aws_creds *out, struct wa_err *err);
int creds_imds(struct creds_run *r, struct aws_creds *out, struct wa_err *err);

/* ---- shared helpers (creds.c) ---------------------------------------------------------- */

/* Writes the reason a source gave nothing into r->why; returns 0 for `return creds_none()`. */
int creds_none(struct creds_run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Starts a run for profile in chain ch (r->use_env true). */
void creds_run_init(struct creds_run *r, struct aws_creds_chain *ch, const char *profile);

/* Credentials for a source_profile, the way botocore resolves one: assume-role when it
 * has role_arn of its own (and no static keys), else its web identity, SSO, shared file,
 * credential_process and config keys, never the environment. parent is the run that
 * names it (for loop detection). Returns 0 with *out, or -1 with err. */
int creds_source_profile(struct creds_run *parent, const char *name, struct aws_creds *out,
                         struct wa_err *err);

/* Credentials for credential_source = Environment, Ec2InstanceMetadata or EcsContainer.
 * Returns 0 with *out, or -1 with err. */
int creds_named_source(struct creds_run *parent, const char *name, struct aws_creds *out,
                       struct wa_err *err);

/* Calls STS through the client's callback: action with params (NULL-ended name, value …),
 * signed with signer (NULL: unsigned), and reads Credentials from the result into *out.
 * what names the caller in errors. Returns 0, or -1 with err. */
int creds_sts(struct creds_run *r, const char *action, const struct aws_creds *signer,
              const char *const *params, const char *what, struct aws_creds *out,
              struct wa_err *err);

/* Reads credentials from a JSON object: names are the members holding the access key ID,
 * secret, session token and expiration (a string in ISO 8601, or a number of seconds since
 * the epoch, milliseconds when exp_ms). The token and expiration may be missing. Errors
 * name `what` and the member, never a value. Returns 0 with *out, or -1 with err. */
int creds_from_json(const cJSON *obj, const char *const names[4], bool exp_ms, const char *what,
                    struct aws_creds *out, struct wa_err *err);

/* Parses "2026-01-02T03:04:05Z" (fraction and "+hh:mm"/"UTC" suffixes allowed). Returns 0
 * with *out, or -1. */
int creds_parse_time(const char *s, time_t *out);

/* Replaces each occurrence of secret (when 4 bytes or longer) in err's message with "****":
 * the last guard that keeps a secret out of an error. err and secret may be NULL. */
void creds_redact(struct wa_err *err, const char *secret);

/* Frees what c owns, overwriting the secrets first, and zeroes it. */
void creds_clear(struct aws_creds *c);

/* Copies src into *dst (newly allocated strings; free with creds_clear()). */
void creds_copy(struct aws_creds *dst, const struct aws_creds *src);

/* A variable from the environment, NULL when unset or empty. */
const char *creds_getenv(const char *name);

/* Sets the time limit of credential_process (milliseconds), for tests. */
void creds_chain_set_process_timeout(struct aws_creds_chain *ch, long ms);

/* ---- small HTTP fetches (creds_http.c) -------------------------------------------------- */

struct creds_http_req {
	const char *method; /* "GET" or "PUT" */
	const char *url;
	const char *const *headers; /* NULL-ended "Name: value" lines, or NULL */
	long timeout_ms;            /* whole transfer */
	long connect_timeout_ms;
	const char *ca_bundle; /* NULL: the system's */
	bool no_proxy;         /* link-local metadata endpoints never go through a proxy */
};

struct creds_http_resp {
	long status;
	char *body; /* NUL-terminated; free() it */
	size_t len;
};

/* Makes one request (TLS verified, http/https only, no redirects, body at most 1 MiB).
 * Returns 0 with *resp (any HTTP status), or -1 with why filled with a short reason
 * ("connection refused", "timed out after 1000 ms", …) and resp->body NULL. */
int creds_http_fetch(const struct creds_http_req *req, struct creds_http_resp *resp, char *why,
                     size_t why_len);

/* The "host" or "host:port" of a URL, for messages (never its path or query). Writes into
 * buf and returns it. */
const char *creds_http_host(const char *url, char *buf, size_t len);

/* ---- pieces of sources exposed for unit tests ------------------------------------------- */

/* Runs argv[0] (PATH searched, no shell) and reads credential_process JSON from its stdout
 * within timeout_ms. what names the process in errors. Returns 0 with *out, or -1 with err
 * (exit status and the first line of stderr, never stdout). */
int creds_process_run(char *const *argv, long timeout_ms, const char *what, struct aws_creds *out,
                      struct wa_err *err);

/* The container credentials URL from the environment into *url (newly allocated), and
 * whether an authorization token applies. Returns 1 with *url, 0 when neither variable is
 * set, or -1 with err (a host the SDKs do not allow). */
int creds_container_url(char **url, bool *full, struct wa_err *err);

/* The SSO token cache file for a session name or start URL: "<dir>/<sha1 hex>.json",
 * newly allocated. */
char *creds_sso_cache_path(const char *dir, const char *key);

#endif
