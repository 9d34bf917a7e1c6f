/* EC2 instance metadata (IMDSv2): a session token from PUT /latest/api/token, then the
 * role name and its credentials, each request with the token. Like botocore, falls back to
 * IMDSv1 when the token request is refused as unknown (403, 404, 405) unless
 * AWS_EC2_METADATA_V1_DISABLED is true; anything else that fails means "no credentials
 * here", not an error, since most machines are not EC2 instances. Credentials about to
 * expire, or expired, are kept a while longer, as botocore keeps them (below). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "aws/creds_int.h"
#include "util/xalloc.h"

#define TOKEN_TTL  "21600"
#define CREDS_PATH "/latest/meta-data/iam/security-credentials/"
/* botocore's ec2_credential_refresh_window, and the jitter it adds to it. */
#define STALE_WINDOW     600
#define STALE_JITTER_MIN 120
#define STALE_JITTER_MAX 600

struct imds {
	const char *base; /* endpoint without a trailing '/' */
	char host[256];
	long timeout_ms;
	int attempts;
	const char *ca_bundle;
	char token_header[1200]; /* "x-aws-ec2-metadata-token: …", or "" for IMDSv1 */
};

/* The setting from the environment, else from the profile. */
static const char *setting(const struct creds_run *r, const char *env, const char *key)
{
	const char *v = creds_getenv(env);

	return v ? v : config_get(&r->prof, key);
}

/* One request with the configured retries (transport errors and 5xx only). Returns 0 with
 * *resp, or -1 with r->why set. */
static int request(struct creds_run *r, struct imds *m, const char *method, const char *path,
                   const char *header, struct creds_http_resp *resp)
{
	char *url = xasprintf("%s%s", m->base, path);
	const char *hdrs[2] = { header && *header ? header : NULL, NULL };
	struct creds_http_req req = { method,        url,          hdrs, m->timeout_ms,
		                      m->timeout_ms, m->ca_bundle, true };
	char why[256];
	int rc = -1;

	for (int i = 0; i < m->attempts; i++) {
		if (creds_http_fetch(&req, resp, why, sizeof(why)) < 0) {
			creds_none(r, "%s: %s", m->host, why);
			continue;
		}
		if (resp->status >= 500 && i + 1 < m->attempts) {
			free(resp->body);
			continue;
		}
		rc = 0;
		break;
	}
	free(url);
	return rc;
}

/* Gets the session token into m->token_header ("" to go on without one). Returns 0, or -1
 * with r->why set. */
static int get_token(struct creds_run *r, struct imds *m)
{
	struct creds_http_resp resp;
	bool v1_disabled = config_is_true(
	        setting(r, "AWS_EC2_METADATA_V1_DISABLED", "ec2_metadata_v1_disabled"));

	m->token_header[0] = '\0';
	if (request(r, m, "PUT", "/latest/api/token",
	            "x-aws-ec2-metadata-token-ttl-seconds: " TOKEN_TTL, &resp) < 0)
		return -1;
	if (resp.status == 200 && resp.len > 0 && resp.len < 1000 && !strpbrk(resp.body, "\r\n")) {
		snprintf(m->token_header, sizeof(m->token_header), "x-aws-ec2-metadata-token: %s",
		         resp.body);
		explicit_bzero(resp.body, resp.len);
		free(resp.body);
		return 0;
	}
	free(resp.body);
	if ((resp.status == 403 || resp.status == 404 || resp.status == 405) && !v1_disabled)
		return 0;
	creds_none(r, "%s: token request answered HTTP %ld%s", m->host, resp.status,
	           v1_disabled ? " and IMDSv1 is disabled" : "");
	return -1;
}

/* botocore's InstanceMetadataFetcher._evaluate_expiration(): during an outage the metadata
 * service goes on handing out the credentials it last had, expired or not. Credentials
 * that expire within the refresh window (10 minutes and 2 to 10 of jitter) are used until
 * that window from now instead, and asked for again then; the calls go on meanwhile. */
static void extend_stale(struct creds_run *r, struct aws_creds *c)
{
	time_t now = r->ch->now();
	long window = STALE_WINDOW + STALE_JITTER_MIN +
	              (long)(((unsigned long)now ^ (unsigned long)getpid()) %
	                     (STALE_JITTER_MAX - STALE_JITTER_MIN + 1));

	if (!c->expires || c->expires - window > now)
		return;
	c->expires = now + window;
	snprintf(c->source + strlen(c->source), sizeof(c->source) - strlen(c->source),
	         ", stale: reused for %ld min", window / 60);
}

static int fetch_creds(struct creds_run *r, struct imds *m, struct aws_creds *out,
                       struct wa_err *err)
{
	static const char *const names[4] = { "AccessKeyId", "SecretAccessKey", "Token",
		                              "Expiration" };
	struct creds_http_resp resp;
	char role[256], *path, what[400];
	const cJSON *code;
	cJSON *doc;
	size_t n;
	int rc;

	if (request(r, m, "GET", CREDS_PATH, m->token_header, &resp) < 0)
		return 0;
	if (resp.status == 404) {
		free(resp.body);
		return creds_none(r, "%s: no IAM role attached to this instance", m->host);
	}
	if (resp.status != 200) {
		free(resp.body);
		return creds_none(r, "%s: role name request answered HTTP %ld", m->host,
		                  resp.status);
	}
	n = strcspn(resp.body, "\r\n");
	snprintf(role, sizeof(role), "%.*s", (int)n, resp.body);
	free(resp.body);
	if (!role[0] || strpbrk(role, "/?#% "))
		return creds_none(r, "%s: no IAM role attached to this instance", m->host);
	path = xasprintf(CREDS_PATH "%s", role);
	rc = request(r, m, "GET", path, m->token_header, &resp);
	free(path);
	if (rc < 0)
		return 0;
	if (resp.status != 200) {
		free(resp.body);
		return creds_none(r, "%s: credentials of role %s answered HTTP %ld", m->host, role,
		                  resp.status);
	}
	doc = cJSON_ParseWithLength(resp.body, resp.len);
	explicit_bzero(resp.body, resp.len);
	free(resp.body);
	snprintf(what, sizeof(what), "instance metadata %.150s, role %.200s", m->host, role);
	code = cJSON_GetObjectItemCaseSensitive(doc, "Code");
	if (!doc || (cJSON_IsString(code) && strcmp(code->valuestring, "Success"))) {
		rc = creds_none(r, "%s: %s", what, doc ? "Code is not Success" : "not JSON");
		cJSON_Delete(doc);
		return rc;
	}
	rc = creds_from_json(doc, names, false, what, out, err);
	cJSON_Delete(doc);
	if (rc < 0)
		return -1;
	snprintf(out->source, sizeof(out->source), "%s, role %.90s",
	         m->token_header[0] ? "IMDSv2" : "IMDSv1", role);
	extend_stale(r, out);
	return 1;
}

int creds_imds(struct creds_run *r, struct aws_creds *out, struct wa_err *err)
{
	struct imds m;
	const char *ep, *mode, *v;
	char *base;
	size_t n;
	int rc;

	memset(out, 0, sizeof(*out));
	memset(&m, 0, sizeof(m));
	snprintf(r->label, sizeof(r->label), "IMDSv2");
	if (config_is_true(creds_getenv("AWS_EC2_METADATA_DISABLED")))
		return creds_none(r, "disabled by AWS_EC2_METADATA_DISABLED");
	ep = setting(r, "AWS_EC2_METADATA_SERVICE_ENDPOINT", "ec2_metadata_service_endpoint");
	mode = setting(r, "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE",
	               "ec2_metadata_service_endpoint_mode");
	if (!ep || !*ep)
		ep = mode && !strcasecmp(mode, "IPv6") ? "http://[fd00:ec2::254]"
		                                       : "http://169.254.169.254";
	if (strncmp(ep, "http://", 7) && strncmp(ep, "https://", 8))
		return err_set(err, "AWS_EC2_METADATA_SERVICE_ENDPOINT", 0, 0,
		               "\"%s\" is not an http:// or https:// URL", ep);
	base = xstrdup(ep);
	n = strlen(base);
	while (n > 0 && base[n - 1] == '/')
		base[--n] = '\0';
	m.base = base;
	creds_http_host(base, m.host, sizeof(m.host));
	/* botocore's settings: a 1 s timeout by default; we retry once more than it does. */
	v = setting(r, "AWS_METADATA_SERVICE_TIMEOUT", "metadata_service_timeout");
	m.timeout_ms = v && atof(v) > 0 ? (long)(atof(v) * 1000) : 1000;
	v = setting(r, "AWS_METADATA_SERVICE_NUM_ATTEMPTS", "metadata_service_num_attempts");
	m.attempts = v && atoi(v) > 0 ? atoi(v) : 2;
	if (m.attempts > 5)
		m.attempts = 5;
	m.ca_bundle = r->ch->s->ca_bundle;
	rc = get_token(r, &m) < 0 ? 0 : fetch_creds(r, &m, out, err);
	explicit_bzero(m.token_header, sizeof(m.token_header));
	free(base);
	return rc;
}
