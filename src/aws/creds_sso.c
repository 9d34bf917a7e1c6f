/* IAM Identity Center (SSO) profiles: sso_account_id and sso_role_name, with sso_session
 * naming an "[sso-session NAME]" section (or the legacy sso_start_url and sso_region in the
 * profile). The access token is the one `aws sso login` cached in
 * ~/.aws/sso/cache/<SHA-1 of the session name, or of the start URL>.json; the portal's
 * GetRoleCredentials turns it into role credentials. We never log in or refresh the token
 * ourselves: when it is missing or expired, the message says to run aws sso login. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "aws/creds_int.h"
#include "aws/uri.h"
#include "util/fsio.h"
#include "util/clock.h"
#include "util/xalloc.h"

struct sso {
	const char *session; /* NULL for a legacy profile */
	const char *start_url;
	const char *region;
	const char *account;
	const char *role;
	char login[200]; /* the command that fixes a missing or expired token */
};

char *creds_sso_cache_path(const char *dir, const char *key)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	char hex[2 * EVP_MAX_MD_SIZE + 1];

	EVP_Digest(key, strlen(key), md, &n, EVP_sha1(), NULL);
	for (unsigned int i = 0; i < n; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	return xasprintf("%s/%s.json", dir, hex);
}

/* Fills *c from the profile and its sso-session section. Returns 1, 0 when the profile is
 * not an SSO profile, or -1 with err for an incomplete or inconsistent one. */
static int read_config(struct creds_run *r, struct sso *c, struct wa_err *err)
{
	const struct aws_profile *p = &r->prof;
	static const char *const keys[] = { "sso_start_url", "sso_region" };
	char where[600];
	const char *missing = NULL;

	memset(c, 0, sizeof(*c));
	c->account = config_get(p, "sso_account_id");
	c->role = config_get(p, "sso_role_name");
	if (!c->account && !c->role)
		return creds_none(r, "no sso_account_id or sso_role_name in profile %s",
		                  r->profile);
	config_where(&r->ch->cfg, p, c->account ? "sso_account_id" : "sso_role_name", where,
	             sizeof(where));
	c->session = config_get(p, "sso_session");
	c->start_url = config_get(p, "sso_start_url");
	c->region = config_get(p, "sso_region");
	if (c->session) {
		const struct ini_section *sec = config_sso_session(&r->ch->cfg, c->session);

		if (!sec)
			return err_set(
			        err, where, 0, 0,
			        "profile %s names sso_session \"%s\", which %s does not have",
			        r->profile, c->session, r->ch->cfg.config_shown);
		/* A key in both places must agree (botocore's rule). */
		for (size_t i = 0; i < 2; i++) {
			const char *sv = ini_value(sec, keys[i]);
			const char **pv = i == 0 ? &c->start_url : &c->region;

			if (sv && *pv && strcmp(sv, *pv))
				return err_set(err, where, 0, 0,
				               "%s differs between profile %s and sso-session %s",
				               keys[i], r->profile, c->session);
			if (sv)
				*pv = sv;
		}
		snprintf(c->login, sizeof(c->login), "aws sso login --sso-session %s", c->session);
	} else {
		snprintf(c->login, sizeof(c->login), "aws sso login --profile %s", r->profile);
	}
	if (!c->start_url)
		missing = "sso_start_url";
	else if (!c->region)
		missing = "sso_region";
	else if (!c->account)
		missing = "sso_account_id";
	else if (!c->role)
		missing = "sso_role_name";
	if (missing)
		return err_set(err, where, 0, 0, "profile %s is set up for SSO but has no %s",
		               r->profile, missing);
	for (const char *s = c->region; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '-')
			return err_set(err, where, 0, 0, "sso_region \"%s\" is not a Region name",
			               c->region);
	return 1;
}

/* The cached access token, newly allocated in *token. Returns 0, or -1 with err. */
static int cached_token(struct creds_run *r, const struct sso *c, char **token, struct wa_err *err)
{
	char *home = config_home(), *dir, *path, *text, when[32];
	const char *key = c->session ? c->session : c->start_url;
	const char *shown;
	struct wa_err e2;
	size_t len;
	cJSON *doc;
	const cJSON *tok, *exp;
	time_t t;
	int rc = -1;

	*token = NULL;
	dir = xasprintf("%s/.aws/sso/cache", home ? home : ".");
	path = creds_sso_cache_path(dir, key);
	shown = home && !strncmp(path, home, strlen(home)) ? path + strlen(home) : NULL;
	if (fsio_read_file(path, &text, &len, &e2) < 0) {
		err_set(err, NULL, 0, 0, "SSO %s %s: no cached token (%s%s); run %s",
		        c->session ? "session" : "start URL", key, shown ? "~" : "",
		        shown ? shown : path, c->login);
		goto out;
	}
	doc = cJSON_ParseWithLength(text, len);
	explicit_bzero(text, len);
	free(text);
	tok = cJSON_GetObjectItemCaseSensitive(doc, "accessToken");
	exp = cJSON_GetObjectItemCaseSensitive(doc, "expiresAt");
	if (!cJSON_IsString(tok) || !tok->valuestring[0] || !cJSON_IsString(exp) ||
	    creds_parse_time(exp->valuestring, &t) < 0) {
		err_set(err, NULL, 0, 0,
		        "SSO token cache %s%s is not what aws sso login writes; run %s",
		        shown ? "~" : "", shown ? shown : path, c->login);
	} else if (t <= r->ch->now()) {
		err_set(err, NULL, 0, 0, "SSO %s %s: the cached token expired at %s; run %s",
		        c->session ? "session" : "start URL", key, clock_iso(t, when, sizeof(when)),
		        c->login);
	} else {
		*token = xstrdup(tok->valuestring);
		rc = 0;
	}
	if (doc && cJSON_IsString(tok))
		explicit_bzero(tok->valuestring, strlen(tok->valuestring));
	cJSON_Delete(doc);
out:
	free(home);
	free(dir);
	free(path);
	return rc;
}

/* The portal's error type from its JSON body ("UnauthorizedException"), for messages. */
static void error_type(const char *body, size_t len, char *buf, size_t n)
{
	cJSON *doc = cJSON_ParseWithLength(body, len);
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(doc, "__type");

	if (!cJSON_IsString(t))
		t = cJSON_GetObjectItemCaseSensitive(doc, "errorType");
	snprintf(buf, n, "%s", cJSON_IsString(t) ? t->valuestring : "");
	/* "com.amazon…#UnauthorizedException" → the part after '#' */
	if (strchr(buf, '#'))
		memmove(buf, strchr(buf, '#') + 1, strlen(strchr(buf, '#') + 1) + 1);
	for (char *p = buf; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '.' && *p != '_')
			*p = '\0';
	cJSON_Delete(doc);
}

static int get_role_credentials(struct creds_run *r, const struct sso *c, const char *token,
                                struct aws_creds *out, struct wa_err *err)
{
	static const char *const names[4] = { "accessKeyId", "secretAccessKey", "sessionToken",
		                              "expiration" };
	const char *ep = aws_settings_configured_endpoint(r->ch->s, "SSO");
	char *base, *role, *account, *url, *auth, host[300], what[400], type[128];
	const char *hdrs[3];
	struct creds_http_req req;
	struct creds_http_resp resp;
	char why[256];
	cJSON *doc;
	size_t n;
	int rc;

	base = ep ? xstrdup(ep) : xasprintf("https://portal.sso.%s.amazonaws.com", c->region);
	n = strlen(base);
	while (n > 0 && base[n - 1] == '/')
		base[--n] = '\0';
	role = uri_encode(c->role, strlen(c->role), false);
	account = uri_encode(c->account, strlen(c->account), false);
	url = xasprintf("%s/federation/credentials?role_name=%s&account_id=%s", base, role,
	                account);
	free(base);
	free(role);
	free(account);
	creds_http_host(url, host, sizeof(host));
	snprintf(what, sizeof(what), "SSO portal %s, account %s role %s", host, c->account,
	         c->role);
	auth = xasprintf("x-amz-sso_bearer_token: %s", token);
	hdrs[0] = auth;
	hdrs[1] = "Accept: application/json";
	hdrs[2] = NULL;
	memset(&req, 0, sizeof(req));
	req.method = "GET";
	req.url = url;
	req.headers = hdrs;
	req.timeout_ms = r->ch->http_timeout_ms;
	req.connect_timeout_ms = r->ch->http_timeout_ms / 2;
	req.ca_bundle = r->ch->s->ca_bundle;
	rc = creds_http_fetch(&req, &resp, why, sizeof(why));
	explicit_bzero(auth, strlen(auth));
	free(auth);
	free(url);
	if (rc < 0)
		return err_set(err, NULL, 0, 0, "%s: %s", what, why);
	if (resp.status != 200) {
		error_type(resp.body, resp.len, type, sizeof(type));
		free(resp.body);
		/* 401 is a token the portal does not take; 403 (ForbiddenException) a role the
		 * user may not have, which logging in again does not change. */
		if (resp.status == 401 || !strcmp(type, "UnauthorizedException"))
			return err_set(err, NULL, 0, 0,
			               "%s refused the cached token (HTTP %ld%s%s); run %s", what,
			               resp.status, type[0] ? " " : "", type, c->login);
		return err_set(err, NULL, 0, 0, "%s answered HTTP %ld%s%s", what, resp.status,
		               type[0] ? " " : "", type);
	}
	doc = cJSON_ParseWithLength(resp.body, resp.len);
	explicit_bzero(resp.body, resp.len);
	free(resp.body);
	rc = creds_from_json(cJSON_GetObjectItemCaseSensitive(doc, "roleCredentials"), names, true,
	                     what, out, err);
	cJSON_Delete(doc);
	return rc;
}

int creds_sso(struct creds_run *r, struct aws_creds *out, struct wa_err *err)
{
	struct sso c;
	char *token;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = read_config(r, &c, err);
	if (rc <= 0)
		return rc;
	if (cached_token(r, &c, &token, err) < 0)
		return -1;
	rc = get_role_credentials(r, &c, token, out, err);
	creds_redact(err, token);
	explicit_bzero(token, strlen(token));
	free(token);
	if (rc < 0)
		return -1;
	snprintf(out->source, sizeof(out->source), "SSO account %s role %s, profile %s", c.account,
	         c.role, r->profile);
	return 1;
}
