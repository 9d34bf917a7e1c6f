/* Assume-role profiles: role_arn with source_profile (whose credentials may come from a
 * chain of such profiles) or credential_source, through STS AssumeRole with external_id,
 * role_session_name and duration_seconds, as botocore's AssumeRoleProvider does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aws/creds_int.h"
#include "util/xalloc.h"

static bool has_keys(const struct aws_profile *p)
{
	return config_get(p, "aws_access_key_id") || config_get(p, "aws_secret_access_key");
}

/* botocore's loop rule: a source_profile already on the way is a loop, except a profile
 * naming itself when it has keys of its own (role and keys in one profile). */
static int check_loop(struct creds_run *r, const char *source, struct wa_err *err)
{
	struct aws_profile sp;
	char path[600] = "";

	if (!config_profile(&r->ch->cfg, source, &sp))
		return err_set(err, NULL, 0, 0,
		               "the source_profile \"%s\" of profile %s does not exist", source,
		               r->profile);
	for (size_t i = 0; i < r->n_visited; i++) {
		if (strcmp(r->visited[i], source))
			continue;
		if (!strcmp(source, r->profile) && has_keys(&sp))
			return 0;
		for (size_t j = 0; j < r->n_visited; j++) {
			size_t n = strlen(path);

			snprintf(path + n, sizeof(path) - n, "%s -> ", r->visited[j]);
		}
		return err_set(err, NULL, 0, 0, "source_profile loop: %s%s", path, source);
	}
	return 0;
}

int creds_assume(struct creds_run *r, struct aws_creds *out, struct wa_err *err)
{
	const struct aws_profile *p = &r->prof;
	const char *arn = config_get(p, "role_arn");
	const char *source = config_get(p, "source_profile");
	const char *named = config_get(p, "credential_source");
	const char *session = config_get(p, "role_session_name");
	const char *external = config_get(p, "external_id");
	const char *duration = config_get(p, "duration_seconds");
	const char *params[9 * 2 + 1];
	struct aws_creds src;
	char where[600], sess[64], dur[24], what[400];
	size_t n = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!arn || !*arn)
		return creds_none(r, "no role_arn in profile %s", r->profile);
	/* role_arn with web_identity_token_file belongs to the web identity source. */
	if (config_get(p, "web_identity_token_file"))
		return creds_none(r, "profile %s assumes its role with a web identity", r->profile);
	config_where(&r->ch->cfg, p, "role_arn", where, sizeof(where));
	snprintf(what, sizeof(what), "assume role %s (profile %s)", arn, r->profile);
	if (source && named)
		return err_set(err, where, 0, 0,
		               "profile %s has both source_profile and credential_source",
		               r->profile);
	if (!source && !named)
		return err_set(err, where, 0, 0,
		               "profile %s has role_arn but neither source_profile nor "
		               "credential_source",
		               r->profile);
	if (config_get(p, "mfa_serial"))
		return err_set(err, where, 0, 0,
		               "profile %s needs an MFA code (mfa_serial), which wa-review cannot "
		               "prompt for: use credentials from `aws sts get-session-token` or a "
		               "credential_process",
		               r->profile);
	if (duration) {
		char *end;
		long d = strtol(duration, &end, 10);

		if (*end || d < 900 || d > 43200)
			return err_set(err, where, 0, 0,
			               "duration_seconds \"%s\" of profile %s is not 900 to 43200",
			               duration, r->profile);
		snprintf(dur, sizeof(dur), "%ld", d);
	}
	if (source) {
		if (check_loop(r, source, err) < 0 ||
		    creds_source_profile(r, source, &src, err) < 0)
			return -1;
	} else if (creds_named_source(r, named, &src, err) < 0) {
		return -1;
	}
	if (!session || !*session) {
		/* botocore's default name, so CloudTrail shows the same as for the CLI. */
		snprintf(sess, sizeof(sess), "botocore-session-%lld", (long long)r->ch->now());
		session = sess;
	}
	params[n++] = "RoleArn";
	params[n++] = arn;
	params[n++] = "RoleSessionName";
	params[n++] = session;
	if (external && *external) {
		params[n++] = "ExternalId";
		params[n++] = external;
	}
	if (duration) {
		params[n++] = "DurationSeconds";
		params[n++] = dur;
	}
	params[n] = NULL;
	rc = creds_sts(r, "AssumeRole", &src, params, what, out, err);
	creds_clear(&src);
	if (rc < 0)
		return -1;
	snprintf(out->source, sizeof(out->source), "assume role %s via profile %s", arn,
	         r->profile);
	return 1;
}
