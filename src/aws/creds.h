/* Credentials and settings for talking to AWS, found the way the SDKs and the aws CLI find
 * them: the default credential chain, shared config/credentials files with profiles,
 * region and endpoint overrides. Never prints or logs a secret.
 *
 * CONTRACT (shared by the credentials, protocol and client work): the declarations below are
 * the agreed interface; the credentials work implements them in src/aws/creds*.c and
 * src/aws/config.c, the client calls them. */
#ifndef WAR_AWS_CREDS_H
#define WAR_AWS_CREDS_H

#include <stdbool.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "aws/retry.h"
#include "util/err.h"

/* A set of credentials; every string owned. */
struct aws_creds {
	char *access_key;
	char *secret_key;
	char *token;      /* session token, NULL when none */
	time_t expires;   /* 0 when they do not expire */
	char source[128]; /* where they came from, for `whoami`: "environment",
	                   * "shared credentials file, profile dev", "assume role
	                   * arn:aws:iam::1:role/r via profile dev", "IMDSv2", … */
};

/* How the chain reaches STS (AssumeRole, AssumeRoleWithWebIdentity): the client supplies
 * this so the credentials code does not build AWS requests itself. params is a NULL-ended
 * list of name, value, name, value …; signer NULL means an unsigned call. Returns 0 with
 * *result the parsed result element as JSON (cJSON_Delete it), or -1 with err. */
typedef int (*aws_sts_fn)(void *ctx, const char *action, const struct aws_creds *signer,
                          const char *region, const char *const *params, cJSON **result,
                          struct wa_err *err);

/* What the command line and the environment say. NULL members: not given. */
struct aws_settings_in {
	const char *profile;      /* --profile */
	const char *region;       /* --region */
	const char *endpoint_url; /* --endpoint-url */
	aws_sts_fn sts;
	void *sts_ctx;
};

/* Resolved settings; owned by aws_settings_free(). */
struct aws_settings {
	char *profile;                 /* the profile in use ("default" when none named) */
	char *region;                  /* NULL when no source gave one */
	char region_source[64];        /* "--region", "AWS_REGION", "AWS_DEFAULT_REGION",
	                                * "profile dev" */
	char *endpoint_url;            /* --endpoint-url or AWS_ENDPOINT_URL or the profile's
	                                * endpoint_url; NULL: the service's public endpoint */
	char *ca_bundle;               /* AWS_CA_BUNDLE, the profile's ca_bundle, or
	                                * REQUESTS_CA_BUNDLE; NULL: the system's */
	enum retry_mode retry_mode;    /* AWS_RETRY_MODE or retry_mode; legacy */
	int max_attempts;              /* AWS_MAX_ATTEMPTS or max_attempts; 0: the mode's own */
	bool use_fips;                 /* AWS_USE_FIPS_ENDPOINT or use_fips_endpoint */
	bool use_dualstack;            /* AWS_USE_DUALSTACK_ENDPOINT or use_dualstack_endpoint */
	bool s3_dualstack;             /* the profile's "s3 = use_dualstack_endpoint = true" */
	bool sts_global;               /* AWS_STS_REGIONAL_ENDPOINTS or sts_regional_endpoints
	                                * is "legacy": sts.amazonaws.com for the old Regions */
	bool s3_regional;              /* AWS_S3_US_EAST_1_REGIONAL_ENDPOINT or the profile's
	                                * is "regional": s3.us-east-1.amazonaws.com, not
	                                * s3.amazonaws.com */
	struct aws_creds_chain *chain; /* opaque: the credential chain for this profile */
};

/* Reads the environment and the shared files (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE,
 * default ~/.aws/…). Returns 0 with *out (free with aws_settings_free()), or -1 with err
 * (a malformed file names file:line; an unknown --profile is an error). */
int aws_settings_load(const struct aws_settings_in *in, struct aws_settings **out,
                      struct wa_err *err);
void aws_settings_free(struct aws_settings *s);

/* The endpoint for a service: AWS_ENDPOINT_URL_<SERVICE_ID> (service ID upper-cased, spaces
 * to underscores), then the global override, then NULL (use the public endpoint).
 * Returns a borrowed or static string, or NULL. service_id is the model's serviceId.
 * In full, the aws CLI's order: --endpoint-url; then, unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS
 * (or the profile's ignore_configured_endpoint_urls) is true, AWS_ENDPOINT_URL_<SERVICE_ID>,
 * AWS_ENDPOINT_URL, the profile's "services" section for the service, the profile's
 * endpoint_url. */
const char *aws_settings_endpoint(const struct aws_settings *s, const char *service_id);

/* The same without --endpoint-url: what the CLI uses for the clients it makes on its own
 * (the SSO portal; STS for assume-role). Returns a borrowed string, or NULL. */
const char *aws_settings_configured_endpoint(const struct aws_settings *s, const char *service_id);

/* Replaces the clock the chain judges expiry by (default time(NULL)), for tests. */
void aws_settings_set_clock(struct aws_settings *s, time_t (*now)(void));

/* Current credentials from the chain, in the SDKs' order: environment, web identity token
 * file, shared credentials/config files (static keys, credential_process, assume-role with
 * source_profile, SSO cached token), container credentials, EC2 instance metadata (IMDSv2).
 * Temporary credentials are refreshed when less than 5 minutes remain. Returns 0 with *out
 * borrowed until the next call, or -1 with err listing every source tried and why each gave
 * nothing.
 * In detail, botocore's order: environment (skipped under --profile), assume-role profile
 * (role_arn), web identity, SSO, credentials file keys, credential_process, config file
 * keys, container, IMDS. A source that is set up but fails ends the chain with its error. A
 * failure is remembered for 10 s, so a burst of calls does not run the chain (and its
 * network timeouts) again for each. */
int aws_creds_get(struct aws_settings *s, const struct aws_creds **out, struct wa_err *err);

/* Reads the Credentials of an STS AssumeRole result (as the aws CLI prints it) into *out
 * (free with aws_creds_clear()); source says where they came from. Errors name what, never
 * a value. Returns 0, or -1 with err. */
int aws_creds_from_sts(const cJSON *result, const char *what, const char *source,
                       struct aws_creds *out, struct wa_err *err);

/* Frees what c owns, overwriting the secrets first, and zeroes it. */
void aws_creds_clear(struct aws_creds *c);

#endif
