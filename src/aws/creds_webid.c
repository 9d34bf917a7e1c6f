/* Web identity (EKS IRSA, CI OIDC tokens): a token file and a role, from
 * AWS_WEB_IDENTITY_TOKEN_FILE / AWS_ROLE_ARN / AWS_ROLE_SESSION_NAME or the profile's
 * web_identity_token_file / role_arn / role_session_name (each variable beating its key, as
 * in botocore), exchanged by an unsigned STS AssumeRoleWithWebIdentity. The token is read
 * afresh for each call: the platform rotates it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aws/creds_int.h"
#include "util/fsio.h"
#include "util/xalloc.h"

static const char *setting(const struct creds_run *r, const char *env, const char *key,
                           const char **from)
{
	const char *v = r->use_env ? creds_getenv(env) : NULL;

	*from = env;
	if (v)
		return v;
	*from = key;
	v = config_get(&r->prof, key);
	return v && *v ? v : NULL;
}

int creds_webid(struct creds_run *r, struct aws_creds *out, struct wa_err *err)
{
	const char *file_from, *arn_from, *sess_from;
	const char *file =
	        setting(r, "AWS_WEB_IDENTITY_TOKEN_FILE", "web_identity_token_file", &file_from);
	const char *arn = setting(r, "AWS_ROLE_ARN", "role_arn", &arn_from);
	const char *session = setting(r, "AWS_ROLE_SESSION_NAME", "role_session_name", &sess_from);
	const char *params[7];
	char *token, sess[64], what[400];
	size_t len, n;
	struct wa_err e2;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!file)
		return creds_none(r,
		                  r->use_env ? "AWS_WEB_IDENTITY_TOKEN_FILE not set, no "
		                               "web_identity_token_file in profile %s"
		                             : "no web_identity_token_file in profile %s",
		                  r->profile);
	if (!arn)
		return err_set(err, file_from, 0, 0,
		               "a web identity token file is set but no role: set AWS_ROLE_ARN or "
		               "the profile's role_arn");
	snprintf(what, sizeof(what), "web identity %s", arn);
	if (fsio_read_file(file, &token, &len, &e2) < 0)
		return err_set(err, file_from, 0, 0, "web identity token %s: %s", file, e2.msg);
	/* Token files are written by tools that may end them with a newline. */
	n = len;
	while (n > 0 && (token[n - 1] == '\n' || token[n - 1] == '\r' || token[n - 1] == ' '))
		token[--n] = '\0';
	if (n == 0) {
		free(token);
		return err_set(err, file_from, 0, 0, "web identity token %s is empty", file);
	}
	if (!session) {
		snprintf(sess, sizeof(sess), "botocore-session-%lld", (long long)r->ch->now());
		session = sess;
	}
	params[0] = "RoleArn";
	params[1] = arn;
	params[2] = "RoleSessionName";
	params[3] = session;
	params[4] = "WebIdentityToken";
	params[5] = token;
	params[6] = NULL;
	rc = creds_sts(r, "AssumeRoleWithWebIdentity", NULL, params, what, out, err);
	if (rc < 0)
		creds_redact(err, token);
	explicit_bzero(token, len);
	free(token);
	if (rc < 0)
		return -1;
	snprintf(out->source, sizeof(out->source), "web identity %s", arn);
	return 1;
}
