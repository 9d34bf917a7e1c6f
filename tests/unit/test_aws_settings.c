/* AWS settings: which profile, Region, endpoint, CA bundle, retry mode and attempts, FIPS and
 * dual-stack endpoints are used, in the aws CLI's order of precedence (command line, then
 * environment, then the profile), and the errors for an unknown profile, a malformed file, a
 * bad Region or URL, a missing CA bundle, a retry setting botocore refuses. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aws/creds.h"
#include "util/err.h"

extern char **environ;

static char tmpdir[64];
static char config_path[128];
static char cred_path[128];

static void write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

/* Removes every AWS_* variable, then points the shared files into the test directory. */
static void clean_env(void)
{
	for (;;) {
		char name[256];
		bool found = false;

		for (char **e = environ; *e; e++)
			if (!strncmp(*e, "AWS_", 4)) {
				size_t n = strcspn(*e, "=");

				snprintf(name, sizeof(name), "%.*s", (int)n, *e);
				found = true;
				break;
			}
		if (!found)
			break;
		unsetenv(name);
	}
	unsetenv("REQUESTS_CA_BUNDLE");
	setenv("HOME", tmpdir, 1);
	setenv("AWS_CONFIG_FILE", config_path, 1);
	setenv("AWS_SHARED_CREDENTIALS_FILE", cred_path, 1);
	unlink(config_path);
	unlink(cred_path);
}

static struct aws_settings *load_ok(const struct aws_settings_in *in)
{
	struct aws_settings *s = NULL;
	struct wa_err err;

	err_clear(&err);
	if (aws_settings_load(in, &s, &err) < 0)
		fail_msg("aws_settings_load: %s: %s", err.where, err.msg);
	return s;
}

static void load_fails(const struct aws_settings_in *in, struct wa_err *err)
{
	struct aws_settings *s = NULL;

	err_clear(err);
	assert_int_equal(aws_settings_load(in, &s, err), -1);
	assert_null(s);
	assert_true(err_isset(err));
}

static void test_profile_precedence(void **state)
{
	struct aws_settings_in in = { 0 };
	struct aws_settings *s;
	struct wa_err err;

	(void)state;
	clean_env();
	write_file(config_path, "[profile cli]\n[profile env]\n[profile legacy]\n");
	s = load_ok(&in);
	assert_string_equal(s->profile, "default"); /* no default profile: still fine */
	aws_settings_free(s);
	setenv("AWS_DEFAULT_PROFILE", "legacy", 1);
	s = load_ok(&in);
	assert_string_equal(s->profile, "legacy");
	aws_settings_free(s);
	setenv("AWS_PROFILE", "env", 1);
	s = load_ok(&in);
	assert_string_equal(s->profile, "env");
	aws_settings_free(s);
	in.profile = "cli";
	s = load_ok(&in);
	assert_string_equal(s->profile, "cli");
	aws_settings_free(s);

	/* A profile that neither file has is an error when named, wherever it was named. */
	in.profile = "nope";
	load_fails(&in, &err);
	assert_string_equal(err.where, "--profile");
	assert_non_null(strstr(err.msg, "profile \"nope\" not found in ~/config"));
	in.profile = NULL;
	setenv("AWS_PROFILE", "gone", 1);
	load_fails(&in, &err);
	assert_string_equal(err.where, "AWS_PROFILE");
	/* An empty variable counts as unset. */
	setenv("AWS_PROFILE", "", 1);
	unsetenv("AWS_DEFAULT_PROFILE");
	s = load_ok(&in);
	assert_string_equal(s->profile, "default");
	aws_settings_free(s);
}

static void test_malformed_file(void **state)
{
	struct aws_settings_in in = { 0 };
	struct wa_err err;

	(void)state;
	clean_env();
	write_file(cred_path, "[default]\naws_access_key_id = AKIDEXAMPLE\noops\n");
	load_fails(&in, &err);
	assert_string_equal(err.where, cred_path);
	assert_int_equal(err.line, 3);
}

static void test_region_precedence(void **state)
{
	struct aws_settings_in in = { 0 };
	struct aws_settings *s;
	struct wa_err err;

	(void)state;
	clean_env();
	s = load_ok(&in);
	assert_null(s->region);
	aws_settings_free(s);

	write_file(config_path,
	           "[default]\nregion = eu-central-1\n[profile dev]\nregion = ap-south-1\n");
	s = load_ok(&in);
	assert_string_equal(s->region, "eu-central-1");
	assert_string_equal(s->region_source, "profile default");
	aws_settings_free(s);
	setenv("AWS_PROFILE", "dev", 1);
	s = load_ok(&in);
	assert_string_equal(s->region, "ap-south-1");
	assert_string_equal(s->region_source, "profile dev");
	aws_settings_free(s);
	setenv("AWS_DEFAULT_REGION", "us-west-1", 1);
	s = load_ok(&in);
	assert_string_equal(s->region, "us-west-1");
	assert_string_equal(s->region_source, "AWS_DEFAULT_REGION");
	aws_settings_free(s);
	setenv("AWS_REGION", "us-west-2", 1);
	s = load_ok(&in);
	assert_string_equal(s->region, "us-west-2");
	assert_string_equal(s->region_source, "AWS_REGION");
	aws_settings_free(s);
	in.region = "sa-east-1";
	s = load_ok(&in);
	assert_string_equal(s->region, "sa-east-1");
	assert_string_equal(s->region_source, "--region");
	aws_settings_free(s);

	/* The Region goes into host names: anything else is refused, naming its source. */
	in.region = "eu-west-1.evil.com/";
	load_fails(&in, &err);
	assert_string_equal(err.where, "--region");
	in.region = NULL;
	setenv("AWS_REGION", "us east", 1);
	load_fails(&in, &err);
	assert_string_equal(err.where, "AWS_REGION");
}

static void test_endpoint_precedence(void **state)
{
	struct aws_settings_in in = { 0 };
	struct aws_settings *s;

	(void)state;
	clean_env();
	s = load_ok(&in);
	assert_null(s->endpoint_url);
	assert_null(aws_settings_endpoint(s, "EC2"));
	aws_settings_free(s);

	write_file(config_path, "[default]\nendpoint_url = http://profile.example\n"
	                        "services = local\n"
	                        "[services local]\n"
	                        "service_quotas =\n  endpoint_url = http://sq.services.example\n"
	                        "s3 =\n  endpoint_url = http://s3.services.example\n");
	s = load_ok(&in);
	assert_string_equal(s->endpoint_url, "http://profile.example");
	/* The services section beats the profile's global endpoint for its services. */
	assert_string_equal(aws_settings_endpoint(s, "Service Quotas"),
	                    "http://sq.services.example");
	assert_string_equal(aws_settings_endpoint(s, "S3"), "http://s3.services.example");
	assert_string_equal(aws_settings_endpoint(s, "EC2"), "http://profile.example");
	aws_settings_free(s);

	setenv("AWS_ENDPOINT_URL", "http://env-global.example", 1);
	setenv("AWS_ENDPOINT_URL_SERVICE_QUOTAS", "http://env-sq.example", 1);
	setenv("AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2", "http://env-elb.example", 1);
	s = load_ok(&in);
	assert_string_equal(s->endpoint_url, "http://env-global.example");
	/* Service ID upper-cased, spaces to underscores; then the global variable. */
	assert_string_equal(aws_settings_endpoint(s, "Service Quotas"), "http://env-sq.example");
	assert_string_equal(aws_settings_endpoint(s, "Elastic Load Balancing v2"),
	                    "http://env-elb.example");
	assert_string_equal(aws_settings_endpoint(s, "S3"), "http://env-global.example");
	aws_settings_free(s);

	/* --endpoint-url beats all; the configured endpoint (what the CLI's own clients use)
	 * does not include it. */
	in.endpoint_url = "https://cli.example:8443";
	s = load_ok(&in);
	assert_string_equal(s->endpoint_url, "https://cli.example:8443");
	assert_string_equal(aws_settings_endpoint(s, "Service Quotas"), "https://cli.example:8443");
	assert_string_equal(aws_settings_configured_endpoint(s, "Service Quotas"),
	                    "http://env-sq.example");
	aws_settings_free(s);

	/* Ignoring configured endpoints leaves only --endpoint-url. */
	setenv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "TRUE", 1);
	s = load_ok(&in);
	assert_string_equal(aws_settings_endpoint(s, "EC2"), "https://cli.example:8443");
	assert_null(aws_settings_configured_endpoint(s, "Service Quotas"));
	aws_settings_free(s);
	in.endpoint_url = NULL;
	s = load_ok(&in);
	assert_null(s->endpoint_url);
	assert_null(aws_settings_endpoint(s, "Service Quotas"));
	aws_settings_free(s);
	/* …also when the profile says so; the variable, when set, decides. */
	unsetenv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
	write_file(config_path, "[default]\nendpoint_url = http://profile.example\n"
	                        "ignore_configured_endpoint_urls = true\n");
	s = load_ok(&in);
	assert_null(aws_settings_endpoint(s, "EC2"));
	aws_settings_free(s);
	setenv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "false", 1);
	s = load_ok(&in);
	assert_string_equal(aws_settings_endpoint(s, "EC2"), "http://env-global.example");
	aws_settings_free(s);
}

static void test_endpoint_errors(void **state)
{
	struct aws_settings_in in = { 0 };
	struct wa_err err;

	(void)state;
	clean_env();
	in.endpoint_url = "localhost:4566";
	load_fails(&in, &err);
	assert_string_equal(err.where, "--endpoint-url");
	in.endpoint_url = NULL;
	setenv("AWS_ENDPOINT_URL", "ftp://x", 1);
	load_fails(&in, &err);
	assert_string_equal(err.where, "AWS_ENDPOINT_URL");
	unsetenv("AWS_ENDPOINT_URL");
	write_file(config_path, "[default]\nregion = x\nendpoint_url = http://a b\n");
	load_fails(&in, &err);
	assert_non_null(strstr(err.where, "config:3"));
	/* A services section that does not exist, as botocore refuses it. */
	write_file(config_path, "[default]\nservices = missing\n");
	load_fails(&in, &err);
	assert_non_null(strstr(err.msg, "services section \"missing\""));
}

static void test_ca_bundle(void **state)
{
	struct aws_settings_in in = { 0 };
	struct aws_settings *s;
	struct wa_err err;
	char bundle[128], other[128];

	(void)state;
	clean_env();
	snprintf(bundle, sizeof(bundle), "%s/ca.pem", tmpdir);
	snprintf(other, sizeof(other), "%s/other.pem", tmpdir);
	write_file(bundle, "not checked here\n");
	write_file(other, "not checked here\n");
	s = load_ok(&in);
	assert_null(s->ca_bundle);
	aws_settings_free(s);
	write_file(config_path, "[default]\nca_bundle = ");
	{
		FILE *fp = fopen(config_path, "a");

		fprintf(fp, "%s\n", other);
		fclose(fp);
	}
	s = load_ok(&in);
	assert_string_equal(s->ca_bundle, other);
	aws_settings_free(s);
	setenv("AWS_CA_BUNDLE", bundle, 1);
	s = load_ok(&in);
	assert_string_equal(s->ca_bundle, bundle);
	aws_settings_free(s);
	setenv("AWS_CA_BUNDLE", "/nonexistent/ca.pem", 1);
	load_fails(&in, &err);
	assert_string_equal(err.where, "AWS_CA_BUNDLE");
	assert_non_null(strstr(err.msg, "/nonexistent/ca.pem"));
	/* REQUESTS_CA_BUNDLE, which requests reads for botocore, comes last. */
	unsetenv("AWS_CA_BUNDLE");
	setenv("REQUESTS_CA_BUNDLE", bundle, 1);
	s = load_ok(&in);
	assert_string_equal(s->ca_bundle, other);
	aws_settings_free(s);
	unlink(config_path);
	s = load_ok(&in);
	assert_string_equal(s->ca_bundle, bundle);
	aws_settings_free(s);
	setenv("REQUESTS_CA_BUNDLE", "/nonexistent/rq.pem", 1);
	load_fails(&in, &err);
	assert_string_equal(err.where, "REQUESTS_CA_BUNDLE");
}

static void test_retry_settings(void **state)
{
	struct aws_settings_in in = { 0 };
	struct aws_settings *s;
	struct wa_err err;

	(void)state;
	clean_env();
	/* botocore's defaults: the legacy mode and its own attempt counts. */
	s = load_ok(&in);
	assert_int_equal(s->retry_mode, RETRY_LEGACY);
	assert_int_equal(s->max_attempts, 0);
	aws_settings_free(s);
	write_file(config_path, "[default]\nretry_mode = standard\nmax_attempts = 7\n");
	s = load_ok(&in);
	assert_int_equal(s->retry_mode, RETRY_STANDARD);
	assert_int_equal(s->max_attempts, 7);
	aws_settings_free(s);
	/* The environment wins. */
	setenv("AWS_RETRY_MODE", "legacy", 1);
	setenv("AWS_MAX_ATTEMPTS", " 2 ", 1);
	s = load_ok(&in);
	assert_int_equal(s->retry_mode, RETRY_LEGACY);
	assert_int_equal(s->max_attempts, 2);
	aws_settings_free(s);
	/* What botocore refuses, refused, naming where it was set. */
	setenv("AWS_MAX_ATTEMPTS", "0", 1);
	load_fails(&in, &err);
	assert_string_equal(err.where, "AWS_MAX_ATTEMPTS");
	setenv("AWS_MAX_ATTEMPTS", "3.0", 1);
	load_fails(&in, &err);
	unsetenv("AWS_MAX_ATTEMPTS");
	setenv("AWS_RETRY_MODE", "Standard", 1);
	load_fails(&in, &err);
	assert_string_equal(err.where, "AWS_RETRY_MODE");
	assert_non_null(strstr(err.msg, "legacy, standard, adaptive"));
	unsetenv("AWS_RETRY_MODE");
	write_file(config_path, "[default]\nregion = x\nmax_attempts = many\n");
	load_fails(&in, &err);
	assert_non_null(strstr(err.where, "config:3"));
}

static void test_endpoint_variants(void **state)
{
	struct aws_settings_in in = { 0 };
	struct aws_settings *s;
	struct wa_err err;

	(void)state;
	clean_env();
	s = load_ok(&in);
	assert_false(s->use_fips || s->use_dualstack || s->s3_dualstack || s->sts_global ||
	             s->s3_regional);
	aws_settings_free(s);
	write_file(config_path, "[default]\nuse_fips_endpoint = TRUE\nuse_dualstack_endpoint = "
	                        "yes\nsts_regional_endpoints = legacy\ns3 =\n"
	                        "  use_dualstack_endpoint = true\n"
	                        "  us_east_1_regional_endpoint = regional\n");
	s = load_ok(&in);
	/* "true" in any case is true; anything else ("yes") is not, as ensure_boolean has it. */
	assert_true(s->use_fips);
	assert_false(s->use_dualstack);
	assert_true(s->s3_dualstack);
	assert_true(s->sts_global);
	assert_true(s->s3_regional);
	aws_settings_free(s);
	setenv("AWS_USE_FIPS_ENDPOINT", "false", 1);
	setenv("AWS_USE_DUALSTACK_ENDPOINT", "true", 1);
	setenv("AWS_STS_REGIONAL_ENDPOINTS", "regional", 1);
	setenv("AWS_S3_US_EAST_1_REGIONAL_ENDPOINT", "legacy", 1);
	s = load_ok(&in);
	assert_false(s->use_fips);
	assert_true(s->use_dualstack);
	assert_false(s->sts_global);
	assert_false(s->s3_regional);
	aws_settings_free(s);
	setenv("AWS_STS_REGIONAL_ENDPOINTS", "global", 1);
	load_fails(&in, &err);
	assert_string_equal(err.where, "AWS_STS_REGIONAL_ENDPOINTS");
	unsetenv("AWS_STS_REGIONAL_ENDPOINTS");
	unsetenv("AWS_S3_US_EAST_1_REGIONAL_ENDPOINT");
	write_file(config_path, "[default]\ns3 =\n  us_east_1_regional_endpoint = nearby\n");
	load_fails(&in, &err);
	assert_non_null(strstr(err.where, "config:2"));
}

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/wa-settings.XXXXXX");
	if (!mkdtemp(tmpdir))
		return -1;
	snprintf(config_path, sizeof(config_path), "%s/config", tmpdir);
	snprintf(cred_path, sizeof(cred_path), "%s/credentials", tmpdir);
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_profile_precedence),
		cmocka_unit_test(test_malformed_file),
		cmocka_unit_test(test_region_precedence),
		cmocka_unit_test(test_endpoint_precedence),
		cmocka_unit_test(test_endpoint_errors),
		cmocka_unit_test(test_ca_bundle),
		cmocka_unit_test(test_retry_settings),
		cmocka_unit_test(test_endpoint_variants),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
