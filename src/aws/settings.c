/* Settings for AWS calls (profile, region, endpoints, CA bundle) resolved the way the aws
 * CLI resolves them, and the credential chain set up for the profile. */
#include "aws/creds.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "aws/config.h"
#include "aws/creds_int.h"
#include "util/xalloc.h"

#define DEFAULT_PROCESS_TIMEOUT_MS 60000L
#define DEFAULT_HTTP_TIMEOUT_MS    10000L

static time_t wall_clock(void)
{
	return time(NULL);
}

/* A Region becomes part of host names: accept what botocore accepts, a DNS label. */
static bool region_valid(const char *r)
{
	size_t n = strlen(r);

	if (n == 0 || n > 63 || r[0] == '-' || r[n - 1] == '-')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)r[i]) && r[i] != '-')
			return false;
	return true;
}

static bool url_valid(const char *u)
{
	const char *host;

	if (!strncmp(u, "http://", 7))
		host = u + 7;
	else if (!strncmp(u, "https://", 8))
		host = u + 8;
	else
		return false;
	if (!*host || *host == '/')
		return false;
	for (const char *p = u; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f)
			return false;
	return true;
}

static int pick_region(struct aws_settings *s, const struct aws_settings_in *in,
                       const struct aws_profile *prof, struct wa_err *err)
{
	const char *v, *from;

	if (in->region) {
		v = in->region;
		from = "--region";
	} else if ((v = creds_getenv("AWS_REGION"))) {
		from = "AWS_REGION";
	} else if ((v = creds_getenv("AWS_DEFAULT_REGION"))) {
		from = "AWS_DEFAULT_REGION";
	} else if ((v = config_get(prof, "region")) && *v) {
		from = NULL;
	} else {
		return 0;
	}
	if (from)
		snprintf(s->region_source, sizeof(s->region_source), "%s", from);
	else
		snprintf(s->region_source, sizeof(s->region_source), "profile %s", prof->name);
	if (!region_valid(v))
		return err_set(err, s->region_source, 0, 0,
		               "\"%s\" is not a Region name (letters, digits and '-')", v);
	s->region = xstrdup(v);
	return 0;
}

static bool ignore_configured(const struct aws_settings *s)
{
	const char *v = getenv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
	struct aws_profile p;

	if (v && *v)
		return config_is_true(v);
	config_profile(&s->chain->cfg, s->profile, &p);
	return config_is_true(config_get(&p, "ignore_configured_endpoint_urls"));
}

static int pick_endpoint(struct aws_settings *s, const struct aws_settings_in *in,
                         const struct aws_profile *prof, struct wa_err *err)
{
	const char *v = NULL, *from = NULL;
	char where[600];

	if (in->endpoint_url) {
		v = in->endpoint_url;
		from = "--endpoint-url";
		s->chain->endpoint_cli = true;
	} else if (!ignore_configured(s)) {
		if ((v = creds_getenv("AWS_ENDPOINT_URL")))
			from = "AWS_ENDPOINT_URL";
		else if ((v = config_get(prof, "endpoint_url")) && *v)
			from = config_where(&s->chain->cfg, prof, "endpoint_url", where,
			                    sizeof(where));
		else
			v = NULL;
	}
	if (!v)
		return 0;
	if (!url_valid(v))
		return err_set(err, from, 0, 0, "\"%s\" is not an http:// or https:// URL", v);
	s->endpoint_url = xstrdup(v);
	return 0;
}

/* A setting as botocore's config store finds it: the environment variable env, else the
 * profile's key. Returns its value (borrowed) with where it was set written into from, or
 * NULL when neither sets it. */
static const char *setting(const struct aws_settings *s, const struct aws_profile *prof,
                           const char *env, const char *key, char *from, size_t len)
{
	const char *v = creds_getenv(env);

	if (v) {
		snprintf(from, len, "%s", env);
		return v;
	}
	v = config_get(prof, key);
	if (!v || !*v)
		return NULL;
	config_where(&s->chain->cfg, prof, key, from, len);
	return v;
}

static int pick_ca_bundle(struct aws_settings *s, const struct aws_profile *prof,
                          struct wa_err *err)
{
	char from[600];
	const char *v = setting(s, prof, "AWS_CA_BUNDLE", "ca_bundle", from, sizeof(from));
	struct stat st;

	/* botocore hands requests no bundle then, and requests reads its own variable. */
	if (!v && (v = creds_getenv("REQUESTS_CA_BUNDLE")))
		snprintf(from, sizeof(from), "REQUESTS_CA_BUNDLE");
	if (!v)
		return 0;
	/* Checked now, so a typo fails with its name instead of as a TLS error on every call. */
	if (stat(v, &st) != 0)
		return err_set(err, from, 0, 0, "CA bundle %s: %s", v, strerror(errno));
	if (access(v, R_OK) != 0)
		return err_set(err, from, 0, 0, "CA bundle %s: %s", v, strerror(errno));
	s->ca_bundle = xstrdup(v);
	return 0;
}

/* retry_mode and max_attempts, refused as botocore refuses them. */
static int pick_retries(struct aws_settings *s, const struct aws_profile *prof, struct wa_err *err)
{
	char from[600], *end;
	const char *v = setting(s, prof, "AWS_RETRY_MODE", "retry_mode", from, sizeof(from));
	long n;

	if (v && retry_mode_parse(v, &s->retry_mode) < 0)
		return err_set(err, from, 0, 0,
		               "retry mode \"%s\" is not one of legacy, standard, adaptive", v);
	v = setting(s, prof, "AWS_MAX_ATTEMPTS", "max_attempts", from, sizeof(from));
	if (!v)
		return 0;
	errno = 0;
	n = strtol(v, &end, 10);
	while (end != v && isspace((unsigned char)*end))
		end++;
	if (end == v || *end || errno || n < 1 || n > INT_MAX)
		return err_set(err, from, 0, 0,
		               "max_attempts \"%s\" is not a whole number of attempts, 1 or more",
		               v);
	s->max_attempts = (int)n;
	return 0;
}

/* "legacy" or "regional" (botocore's words) into *legacy. */
static int pick_regional(const char *v, const char *from, bool *legacy, struct wa_err *err)
{
	if (!v)
		return 0;
	if (strcmp(v, "legacy") != 0 && strcmp(v, "regional") != 0)
		return err_set(err, from, 0, 0, "\"%s\" is neither legacy nor regional", v);
	*legacy = !strcmp(v, "legacy");
	return 0;
}

/* FIPS and dual-stack endpoints, STS's and S3's global endpoints. */
static int pick_endpoint_variants(struct aws_settings *s, const struct aws_profile *prof,
                                  struct wa_err *err)
{
	char from[600];
	const char *v;
	bool s3_legacy = true;

	s->use_fips = config_is_true(
	        setting(s, prof, "AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint", from, sizeof(from)));
	s->use_dualstack = config_is_true(setting(s, prof, "AWS_USE_DUALSTACK_ENDPOINT",
	                                          "use_dualstack_endpoint", from, sizeof(from)));
	v = config_get_sub(prof, "s3", "use_dualstack_endpoint");
	s->s3_dualstack = v && (!strcmp(v, "true") || !strcmp(v, "True"));
	v = setting(s, prof, "AWS_STS_REGIONAL_ENDPOINTS", "sts_regional_endpoints", from,
	            sizeof(from));
	if (pick_regional(v, from, &s->sts_global, err) < 0)
		return -1;
	v = setting(s, prof, "AWS_S3_US_EAST_1_REGIONAL_ENDPOINT", "s3_us_east_1_regional_endpoint",
	            from, sizeof(from));
	if (!v && (v = config_get_sub(prof, "s3", "us_east_1_regional_endpoint")))
		config_where(&s->chain->cfg, prof, "s3", from, sizeof(from));
	if (pick_regional(v, from, &s3_legacy, err) < 0)
		return -1;
	s->s3_regional = !s3_legacy;
	return 0;
}

int aws_settings_load(const struct aws_settings_in *in, struct aws_settings **out,
                      struct wa_err *err)
{
	struct aws_settings *s = xcalloc(1, sizeof(*s));
	struct aws_creds_chain *ch = xcalloc(1, sizeof(*ch));
	struct aws_profile prof;
	const char *name, *named_by = NULL, *services;
	char where[600];

	*out = NULL;
	s->chain = ch;
	ch->s = s;
	ch->sts = in->sts;
	ch->sts_ctx = in->sts_ctx;
	ch->now = wall_clock;
	ch->process_timeout_ms = DEFAULT_PROCESS_TIMEOUT_MS;
	ch->http_timeout_ms = DEFAULT_HTTP_TIMEOUT_MS;
	ch->src = -1;
	/* AWS_PROFILE is what the SDKs and CLI v2 read; AWS_DEFAULT_PROFILE is CLI v1's older
	 * name for it. */
	if (in->profile) {
		name = in->profile;
		named_by = "--profile";
		ch->profile_cli = true;
	} else if ((name = creds_getenv("AWS_PROFILE"))) {
		named_by = "AWS_PROFILE";
	} else if ((name = creds_getenv("AWS_DEFAULT_PROFILE"))) {
		named_by = "AWS_DEFAULT_PROFILE";
	} else {
		name = "default";
	}
	s->profile = xstrdup(name);
	ch->profile = xstrdup(name);
	if (config_load(&ch->cfg, err) < 0)
		goto fail;
	if (!config_profile(&ch->cfg, name, &prof) && named_by) {
		err_set(err, named_by, 0, 0, "profile \"%s\" not found in %s or %s", name,
		        ch->cfg.config_shown, ch->cfg.cred_shown);
		goto fail;
	}
	services = config_get(&prof, "services");
	if (services && !config_services(&ch->cfg, services)) {
		err_set(err, config_where(&ch->cfg, &prof, "services", where, sizeof(where)), 0, 0,
		        "profile \"%s\" names services section \"%s\", which %s does not have",
		        name, services, ch->cfg.config_shown);
		goto fail;
	}
	if (pick_region(s, in, &prof, err) < 0 || pick_endpoint(s, in, &prof, err) < 0 ||
	    pick_ca_bundle(s, &prof, err) < 0 || pick_retries(s, &prof, err) < 0 ||
	    pick_endpoint_variants(s, &prof, err) < 0)
		goto fail;
	*out = s;
	return 0;
fail:
	aws_settings_free(s);
	return -1;
}

void aws_settings_free(struct aws_settings *s)
{
	if (!s)
		return;
	if (s->chain) {
		creds_clear(&s->chain->cur);
		config_free(&s->chain->cfg);
		free(s->chain->profile);
		free(s->chain);
	}
	free(s->profile);
	free(s->region);
	free(s->endpoint_url);
	free(s->ca_bundle);
	free(s);
}

/* "Service Quotas" → "SERVICE_QUOTAS" (upper) or "service_quotas" (lower), as the CLI
 * names the variable and the services-section key. */
static void service_key(const char *service_id, bool upper, char *buf, size_t len)
{
	size_t i = 0;

	for (; service_id[i] && i + 1 < len; i++) {
		unsigned char c = (unsigned char)service_id[i];

		if (c == ' ' || c == '-')
			buf[i] = '_';
		else
			buf[i] = (char)(upper ? toupper(c) : tolower(c));
	}
	buf[i] = '\0';
}

const char *aws_settings_configured_endpoint(const struct aws_settings *s, const char *service_id)
{
	char key[128], var[160];
	const char *v, *services;
	struct aws_profile p;

	if (ignore_configured(s))
		return NULL;
	service_key(service_id, true, key, sizeof(key));
	snprintf(var, sizeof(var), "AWS_ENDPOINT_URL_%s", key);
	if ((v = creds_getenv(var)) || (v = creds_getenv("AWS_ENDPOINT_URL")))
		return v;
	config_profile(&s->chain->cfg, s->profile, &p);
	services = config_get(&p, "services");
	if (services) {
		const struct ini_section *sec = config_services(&s->chain->cfg, services);
		const struct ini_entry *e;

		service_key(service_id, false, key, sizeof(key));
		e = ini_entry(sec, key);
		/* A later line wins, as in botocore's dict. */
		for (size_t i = e ? e->n_sub : 0; i > 0; i--)
			if (!strcmp(e->sub[i - 1].key, "endpoint_url") && *e->sub[i - 1].value)
				return e->sub[i - 1].value;
	}
	v = config_get(&p, "endpoint_url");
	return v && *v ? v : NULL;
}

const char *aws_settings_endpoint(const struct aws_settings *s, const char *service_id)
{
	if (s->chain->endpoint_cli)
		return s->endpoint_url;
	return aws_settings_configured_endpoint(s, service_id);
}

void aws_settings_set_clock(struct aws_settings *s, time_t (*now)(void))
{
	s->chain->now = now ? now : wall_clock;
	s->chain->retry_at = 0;
}
