/* Static keys from a profile: aws_access_key_id, aws_secret_access_key and
 * aws_session_token in the shared credentials file, or in the config file. */
#include <stdio.h>
#include <string.h>

#include "aws/creds_int.h"
#include "util/xalloc.h"

/* Keys of one section. kind names the file for the source ("shared credentials file"). */
static int from_section(struct creds_run *r, const struct ini_section *sec, const char *path,
                        bool found, const char *kind, struct aws_creds *out, struct wa_err *err)
{
	const struct ini_entry *ak, *sk;
	const char *tok;

	memset(out, 0, sizeof(*out));
	snprintf(r->label, sizeof(r->label), "%s %s", kind, path);
	if (!found)
		return creds_none(r, "not found");
	if (!sec)
		return creds_none(r, "no profile \"%s\"", r->profile);
	ak = ini_entry(sec, "aws_access_key_id");
	sk = ini_entry(sec, "aws_secret_access_key");
	if (!ak || ak->sub || !*ak->value)
		return creds_none(r, "no aws_access_key_id in profile %s", r->profile);
	if (!sk || sk->sub || !*sk->value)
		return err_set(err, path, ak->line, 0,
		               "profile %s has aws_access_key_id but no aws_secret_access_key",
		               r->profile);
	tok = ini_value(sec, "aws_session_token");
	if (!tok || !*tok)
		tok = ini_value(sec, "aws_security_token");
	out->access_key = xstrdup(ak->value);
	out->secret_key = xstrdup(sk->value);
	out->token = tok && *tok ? xstrdup(tok) : NULL;
	snprintf(out->source, sizeof(out->source), "%s, profile %s", kind, r->profile);
	return 1;
}

int creds_file_shared(struct creds_run *r, struct aws_creds *out, struct wa_err *err)
{
	const struct aws_config *c = &r->ch->cfg;

	return from_section(r, r->prof.cred, c->cred_shown, c->cred_found,
	                    "shared credentials file", out, err);
}

int creds_file_config(struct creds_run *r, struct aws_creds *out, struct wa_err *err)
{
	const struct aws_config *c = &r->ch->cfg;

	return from_section(r, r->prof.config, c->config_shown, c->config_found, "config file", out,
	                    err);
}
