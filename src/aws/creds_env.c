/* Credentials from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN. */
#include <stdio.h>
#include <string.h>

#include "aws/creds_int.h"
#include "util/xalloc.h"

int creds_env(struct creds_run *r, struct aws_creds *out, struct wa_err *err)
{
	const char *ak = creds_getenv("AWS_ACCESS_KEY_ID");
	const char *sk = creds_getenv("AWS_SECRET_ACCESS_KEY");
	/* AWS_SECURITY_TOKEN is the name boto2 used; botocore still reads it. */
	const char *tok = creds_getenv("AWS_SESSION_TOKEN");
	const char *exp = creds_getenv("AWS_CREDENTIAL_EXPIRATION");
	time_t when = 0;

	memset(out, 0, sizeof(*out));
	if (!tok)
		tok = creds_getenv("AWS_SECURITY_TOKEN");
	if (!ak)
		return creds_none(r,
		                  sk ? "AWS_ACCESS_KEY_ID not set, though AWS_SECRET_ACCESS_KEY is"
		                     : "AWS_ACCESS_KEY_ID not set");
	if (!sk)
		return err_set(err, "AWS_SECRET_ACCESS_KEY", 0, 0,
		               "not set, though AWS_ACCESS_KEY_ID is; set both or neither");
	if (exp && creds_parse_time(exp, &when) < 0)
		return err_set(err, "AWS_CREDENTIAL_EXPIRATION", 0, 0,
		               "\"%s\" is not an ISO 8601 time", exp);
	out->access_key = xstrdup(ak);
	out->secret_key = xstrdup(sk);
	out->token = tok ? xstrdup(tok) : NULL;
	out->expires = when;
	snprintf(out->source, sizeof(out->source), "environment");
	return 1;
}
