/* The credential chain: each source (environment, shared files, credential_process,
 * assume-role, web identity, SSO, container, IMDS) with a fake STS where one is needed,
 * the chain's order, its one-line account of what it tried, refresh before expiry on an
 * injected clock, and that no secret ever reaches an error message. The HTTP sources are
 * exercised against loopback servers by tests/cli/test_creds_*.sh; here only their
 * configuration rules and failure paths. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "aws/creds.h"
#include "aws/creds_int.h"
#include "util/clock.h"
#include "util/err.h"

extern char **environ;

#define NOW0 1800000000 /* 2027-01-15T08:00:00Z */

static char tmpdir[64];
static char config_path[128];
static char cred_path[128];
static time_t fake_now;

static time_t fake_clock(void)
{
	return fake_now;
}

/* ---- a fake STS: records each call, answers with numbered credentials ------------------ */

#define MAX_CALLS 8
static struct {
	int calls;
	char log[MAX_CALLS][512]; /* "Action signer=AKID|- region=R Name=Value …" */
	bool fail;
	bool echo; /* put the signer's secret and every value in the failure */
	long expires_in;
} sts;

static void sts_reset(void)
{
	memset(&sts, 0, sizeof(sts));
	sts.expires_in = 3600;
}

static int fake_sts(void *ctx, const char *action, const struct aws_creds *signer,
                    const char *region, const char *const *params, cJSON **result,
                    struct wa_err *err)
{
	char line[512], buf[64], exp[32];
	size_t n;
	cJSON *c;

	assert_ptr_equal(ctx, &sts);
	*result = NULL;
	n = (size_t)snprintf(line, sizeof(line), "%s signer=%s region=%s", action,
	                     signer ? signer->access_key : "-", region ? region : "-");
	for (size_t i = 0; params[i]; i += 2)
		n += (size_t)snprintf(line + n, sizeof(line) - n, " %s=%s", params[i],
		                      params[i + 1]);
	if (sts.calls < MAX_CALLS)
		snprintf(sts.log[sts.calls], sizeof(sts.log[0]), "%s", line);
	sts.calls++;
	if (sts.fail)
		return err_set(err, "sts", 0, 0, "AccessDenied: not allowed%s%s%s%s",
		               sts.echo && signer ? " secret " : "",
		               sts.echo && signer ? signer->secret_key : "",
		               sts.echo ? " call " : "", sts.echo ? line : "");
	*result = cJSON_CreateObject();
	c = cJSON_AddObjectToObject(*result, "Credentials");
	snprintf(buf, sizeof(buf), "ASIAFAKE%d", sts.calls);
	cJSON_AddStringToObject(c, "AccessKeyId", buf);
	snprintf(buf, sizeof(buf), "sts-secret-%d", sts.calls);
	cJSON_AddStringToObject(c, "SecretAccessKey", buf);
	snprintf(buf, sizeof(buf), "sts-token-%d", sts.calls);
	cJSON_AddStringToObject(c, "SessionToken", buf);
	/* The aws CLI v1 prints timestamps as "+00:00"; the parser takes both forms. */
	clock_iso(fake_now + sts.expires_in, exp, sizeof(exp));
	if (sts.calls % 2 == 0)
		snprintf(exp + 19, sizeof(exp) - 19, "+00:00");
	cJSON_AddStringToObject(c, "Expiration", exp);
	cJSON_AddObjectToObject(*result, "AssumedRoleUser");
	return 0;
}

/* ---- environment and files -------------------------------------------------------------- */

static void write_file(const char *path, const char *fmt, ...)
{
	FILE *fp = fopen(path, "w");
	va_list ap;

	assert_non_null(fp);
	va_start(ap, fmt);
	vfprintf(fp, fmt, ap);
	va_end(ap);
	fclose(fp);
}

static char *tmp_path(const char *name)
{
	static char paths[8][160];
	static int next;
	char *p = paths[next++ % 8];

	snprintf(p, sizeof(paths[0]), "%s/%s", tmpdir, name);
	return p;
}

/* An executable shell script in the test directory; returns its path. */
static const char *script(const char *name, const char *body)
{
	const char *p = tmp_path(name);

	write_file(p, "#!/bin/sh\n%s", body);
	assert_int_equal(chmod(p, 0755), 0);
	return p;
}

static void clean_env(void)
{
	for (;;) {
		char name[256];
		bool found = false;

		for (char **e = environ; *e; e++)
			if (!strncmp(*e, "AWS_", 4)) {
				snprintf(name, sizeof(name), "%.*s", (int)strcspn(*e, "="), *e);
				found = true;
				break;
			}
		if (!found)
			break;
		unsetenv(name);
	}
	setenv("HOME", tmpdir, 1);
	setenv("AWS_CONFIG_FILE", config_path, 1);
	setenv("AWS_SHARED_CREDENTIALS_FILE", cred_path, 1);
	setenv("AWS_EC2_METADATA_DISABLED", "true", 1); /* never the network */
	unlink(config_path);
	unlink(cred_path);
	sts_reset();
	fake_now = NOW0;
}

static struct aws_settings *load(const char *cli_profile)
{
	struct aws_settings_in in = { 0 };
	struct aws_settings *s = NULL;
	struct wa_err err;

	in.profile = cli_profile;
	in.sts = fake_sts;
	in.sts_ctx = &sts;
	in.region = "eu-west-1";
	err_clear(&err);
	if (aws_settings_load(&in, &s, &err) < 0)
		fail_msg("aws_settings_load: %s: %s", err.where, err.msg);
	aws_settings_set_clock(s, fake_clock);
	return s;
}

static const struct aws_creds *get_ok(struct aws_settings *s)
{
	const struct aws_creds *c = NULL;
	struct wa_err err;

	err_clear(&err);
	if (aws_creds_get(s, &c, &err) < 0)
		fail_msg("aws_creds_get: %s: %s", err.where, err.msg);
	assert_non_null(c);
	return c;
}

/* The error of a failing aws_creds_get, formatted as it would be printed. */
static const char *get_fails(struct aws_settings *s)
{
	static char buf[1600];
	const struct aws_creds *c = (const void *)1;
	struct wa_err err;

	err_clear(&err);
	assert_int_equal(aws_creds_get(s, &c, &err), -1);
	assert_null(c);
	assert_true(err_isset(&err));
	assert_null(strchr(err.msg, '\n'));
	return err_format(&err, buf, sizeof(buf));
}

static void assert_has(const char *text, const char *part)
{
	if (!strstr(text, part))
		fail_msg("'%s' lacks '%s'", text, part);
}

static void assert_lacks(const char *text, const char *part)
{
	if (strstr(text, part))
		fail_msg("'%s' shows '%s'", text, part);
}

/* ---- environment -------------------------------------------------------------------------- */

static void test_env(void **state)
{
	struct aws_settings *s;
	const struct aws_creds *c;

	(void)state;
	clean_env();
	setenv("AWS_ACCESS_KEY_ID", "AKIDENV", 1);
	setenv("AWS_SECRET_ACCESS_KEY", "env-secret-value", 1);
	write_file(cred_path,
	           "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = f\n"
	           "[other]\naws_access_key_id = AKIDOTHER\naws_secret_access_key = o\n");
	s = load(NULL);
	c = get_ok(s);
	/* The environment comes first. */
	assert_string_equal(c->access_key, "AKIDENV");
	assert_string_equal(c->secret_key, "env-secret-value");
	assert_null(c->token);
	assert_int_equal(c->expires, 0);
	assert_string_equal(c->source, "environment");
	aws_settings_free(s);

	/* AWS_PROFILE does not hide the environment's keys… */
	setenv("AWS_PROFILE", "other", 1);
	s = load(NULL);
	assert_string_equal(get_ok(s)->access_key, "AKIDENV");
	aws_settings_free(s);
	/* …but --profile does, as in the aws CLI. */
	s = load("other");
	c = get_ok(s);
	assert_string_equal(c->access_key, "AKIDOTHER");
	assert_string_equal(c->source, "shared credentials file, profile other");
	aws_settings_free(s);
	unsetenv("AWS_PROFILE");

	/* Session token, under either name, and an expiration. */
	setenv("AWS_SECURITY_TOKEN", "legacy-token", 1);
	setenv("AWS_CREDENTIAL_EXPIRATION", "2027-01-15T09:00:00Z", 1);
	s = load(NULL);
	c = get_ok(s);
	assert_string_equal(c->token, "legacy-token");
	assert_int_equal(c->expires, NOW0 + 3600);
	aws_settings_free(s);
	setenv("AWS_SESSION_TOKEN", "session-token", 1);
	s = load(NULL);
	assert_string_equal(get_ok(s)->token, "session-token");
	aws_settings_free(s);
	setenv("AWS_CREDENTIAL_EXPIRATION", "tomorrow", 1);
	s = load(NULL);
	assert_has(get_fails(s), "AWS_CREDENTIAL_EXPIRATION");
	aws_settings_free(s);
	unsetenv("AWS_CREDENTIAL_EXPIRATION");

	/* Half a pair is an error (the key ID alone), or nothing (the secret alone). */
	unsetenv("AWS_SECRET_ACCESS_KEY");
	s = load(NULL);
	assert_has(get_fails(s), "AWS_SECRET_ACCESS_KEY: not set, though AWS_ACCESS_KEY_ID is");
	aws_settings_free(s);
	unsetenv("AWS_ACCESS_KEY_ID");
	setenv("AWS_SECRET_ACCESS_KEY", "env-secret-value", 1);
	s = load(NULL);
	c = get_ok(s);
	assert_string_equal(c->access_key, "AKIDFILE");
	aws_settings_free(s);
}

/* ---- static keys in the shared files ------------------------------------------------------ */

static void test_static_files(void **state)
{
	struct aws_settings *s;
	const struct aws_creds *c;
	const char *e;

	(void)state;
	clean_env();
	write_file(cred_path,
	           "[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = dev-secret\n"
	           "aws_session_token = dev-token\n"
	           "[half]\naws_access_key_id = AKIDHALF\n");
	write_file(config_path, "[profile cfg]\naws_access_key_id = AKIDCFG\n"
	                        "aws_secret_access_key = cfg-secret\n"
	                        "[profile both]\naws_access_key_id = AKIDCFGBOTH\n"
	                        "aws_secret_access_key = x\n"
	                        "credential_process = /nonexistent/helper\n");
	s = load("dev");
	c = get_ok(s);
	assert_string_equal(c->access_key, "AKIDDEV");
	assert_string_equal(c->secret_key, "dev-secret");
	assert_string_equal(c->token, "dev-token");
	assert_string_equal(c->source, "shared credentials file, profile dev");
	aws_settings_free(s);

	s = load("cfg");
	c = get_ok(s);
	assert_string_equal(c->access_key, "AKIDCFG");
	assert_null(c->token);
	assert_string_equal(c->source, "config file, profile cfg");
	aws_settings_free(s);

	/* credential_process comes before the config file's keys (botocore's order): here it
	 * fails, and the chain stops there rather than falling back. */
	s = load("both");
	assert_has(get_fails(s), "credential_process /nonexistent/helper of profile both");
	aws_settings_free(s);

	/* A key ID without its secret is an error naming the file and line. */
	s = load("half");
	e = get_fails(s);
	assert_has(
	        e,
	        "credentials:6: profile half has aws_access_key_id but no aws_secret_access_key");
	aws_settings_free(s);
}

/* ---- credential_process ------------------------------------------------------------------- */

static void set_process(const char *profile, const char *cmd)
{
	write_file(config_path, "[profile %s]\ncredential_process = %s\n", profile, cmd);
}

static void test_process(void **state)
{
	struct aws_settings *s;
	const struct aws_creds *c;
	const char *e, *p;
	char cmd[400];
	struct timespec t0, t1;

	(void)state;
	clean_env();
	/* Arguments are split like a shell line but reach the program unsplit and unexpanded. */
	p = script("helper ok",
	           "printf '{\"Version\": 1, \"AccessKeyId\": \"AKID-%s-%s\", "
	           "\"SecretAccessKey\": \"proc-secret\", \"SessionToken\": \"proc-token\", "
	           "\"Expiration\": \"2027-01-15T10:00:00.000Z\"}' \"$1\" \"$#\"\n");
	snprintf(cmd, sizeof(cmd), "\"%s\" 'two words' $HOME", p);
	set_process("proc", cmd);
	s = load("proc");
	c = get_ok(s);
	assert_string_equal(c->access_key, "AKID-two words-2");
	assert_string_equal(c->secret_key, "proc-secret");
	assert_string_equal(c->token, "proc-token");
	assert_int_equal(c->expires, NOW0 + 7200);
	assert_string_equal(c->source, "credential_process, profile proc");
	aws_settings_free(s);

	/* Only Version 1. */
	p = script("v2",
	           "echo '{\"Version\": 2, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"B\"}'\n");
	set_process("proc", p);
	s = load("proc");
	assert_has(get_fails(s), "only Version 1 is supported");
	aws_settings_free(s);

	/* A failure gives the exit status and the first line of stderr, never stdout. */
	p = script("fails", "echo '{\"SecretAccessKey\": \"stdout-secret\"}'\n"
	                    "echo 'helper: session expired' >&2\necho 'second line' >&2\nexit 3\n");
	set_process("proc", p);
	s = load("proc");
	e = get_fails(s);
	assert_has(e, "credential_process ");
	assert_has(e, "exited with status 3: helper: session expired");
	assert_lacks(e, "second line");
	assert_lacks(e, "stdout-secret");
	aws_settings_free(s);

	/* Output that is not JSON is not shown either. */
	p = script("notjson", "echo 'AccessKeyId=A SecretAccessKey=plain-secret'\n");
	set_process("proc", p);
	s = load("proc");
	e = get_fails(s);
	assert_has(e, "its output is not JSON");
	assert_lacks(e, "plain-secret");
	aws_settings_free(s);

	p = script("nosecret", "echo '{\"Version\": 1, \"AccessKeyId\": \"A\"}'\n");
	set_process("proc", p);
	s = load("proc");
	assert_has(get_fails(s), "has no SecretAccessKey");
	aws_settings_free(s);

	/* Bounded in time: a hung helper is stopped. */
	p = script("hangs", "sleep 10\n");
	set_process("proc", p);
	s = load("proc");
	creds_chain_set_process_timeout(s->chain, 300);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_has(get_fails(s), "no answer within 300 ms");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_true(t1.tv_sec - t0.tv_sec < 3);
	aws_settings_free(s);

	/* A program that does not exist, a line that does not split. */
	set_process("proc", "/nonexistent/bin/helper --x");
	s = load("proc");
	assert_has(get_fails(s), "cannot run /nonexistent/bin/helper: No such file or directory");
	aws_settings_free(s);
	set_process("proc", "helper 'unclosed");
	s = load("proc");
	e = get_fails(s);
	assert_has(e, "config:2: credential_process: no closing quotation");
	aws_settings_free(s);

	/* Credentials that expired already are refused, not used. */
	p = script("stale",
	           "echo '{\"Version\": 1, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"B\","
	           " \"Expiration\": \"2020-01-01T00:00:00Z\"}'\n");
	set_process("proc", p);
	s = load("proc");
	assert_has(get_fails(s), "the credentials from credential_process, profile proc expired at "
	                         "2020-01-01T00:00:00Z");
	aws_settings_free(s);
}

/* ---- assume role ---------------------------------------------------------------------------- */

static void write_role_profiles(void)
{
	write_file(cred_path,
	           "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = base-secret\n");
	write_file(
	        config_path,
	        "[profile role]\nrole_arn = arn:aws:iam::111111111111:role/r1\nsource_profile = "
	        "base\n"
	        "external_id = ext-1\nduration_seconds = 1800\nrole_session_name = me\n"
	        "[profile chained]\nrole_arn = arn:aws:iam::222222222222:role/r2\n"
	        "source_profile = role\n"
	        "[profile keysandrole]\nrole_arn = arn:aws:iam::1:role/k\nsource_profile = base\n"
	        "aws_access_key_id = AKIDIGNORED\naws_secret_access_key = ignored\n"
	        "[profile self]\nrole_arn = arn:aws:iam::1:role/self\nsource_profile = self\n"
	        "aws_access_key_id = AKIDSELF\naws_secret_access_key = self-secret\n"
	        "[profile selfnokeys]\nrole_arn = arn:aws:iam::1:role/s\nsource_profile = "
	        "selfnokeys\n"
	        "[profile l1]\nrole_arn = arn:aws:iam::1:role/l1\nsource_profile = l2\n"
	        "[profile l2]\nrole_arn = arn:aws:iam::1:role/l2\nsource_profile = l1\n"
	        "[profile nosrc]\nrole_arn = arn:aws:iam::1:role/n\n"
	        "[profile bothsrc]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = base\n"
	        "credential_source = Environment\n"
	        "[profile missing]\nrole_arn = arn:aws:iam::1:role/m\nsource_profile = ghost\n"
	        "[profile envsrc]\nrole_arn = arn:aws:iam::1:role/e\ncredential_source = "
	        "Environment\n"
	        "[profile imdssrc]\nrole_arn = arn:aws:iam::1:role/i\n"
	        "credential_source = Ec2InstanceMetadata\n"
	        "[profile badsrc]\nrole_arn = arn:aws:iam::1:role/x\ncredential_source = Magic\n"
	        "[profile mfa]\nrole_arn = arn:aws:iam::1:role/mfa\nsource_profile = base\n"
	        "mfa_serial = arn:aws:iam::1:mfa/me\n"
	        "[profile baddur]\nrole_arn = arn:aws:iam::1:role/d\nsource_profile = base\n"
	        "duration_seconds = 1h\n");
}

static void test_assume_role(void **state)
{
	struct aws_settings *s;
	const struct aws_creds *c;

	(void)state;
	clean_env();
	write_role_profiles();
	s = load("role");
	c = get_ok(s);
	assert_int_equal(sts.calls, 1);
	assert_string_equal(sts.log[0],
	                    "AssumeRole signer=AKIDBASE region=eu-west-1 "
	                    "RoleArn=arn:aws:iam::111111111111:role/r1 RoleSessionName=me "
	                    "ExternalId=ext-1 DurationSeconds=1800");
	assert_string_equal(c->access_key, "ASIAFAKE1");
	assert_string_equal(c->secret_key, "sts-secret-1");
	assert_string_equal(c->token, "sts-token-1");
	assert_int_equal(c->expires, NOW0 + 3600);
	assert_string_equal(c->source,
	                    "assume role arn:aws:iam::111111111111:role/r1 via profile role");
	aws_settings_free(s);

	/* A chain: chained ← role ← base; each hop signed by the one before; the session
	 * name defaults to botocore's. */
	sts_reset();
	s = load("chained");
	c = get_ok(s);
	assert_int_equal(sts.calls, 2);
	assert_has(sts.log[0], "signer=AKIDBASE");
	assert_has(sts.log[0], "role/r1");
	assert_string_equal(sts.log[1], "AssumeRole signer=ASIAFAKE1 region=eu-west-1 "
	                                "RoleArn=arn:aws:iam::222222222222:role/r2 "
	                                "RoleSessionName=botocore-session-1800000000");
	assert_string_equal(c->access_key, "ASIAFAKE2");
	aws_settings_free(s);

	/* role_arn wins over keys in the same profile (botocore's order). */
	sts_reset();
	s = load("keysandrole");
	assert_string_equal(get_ok(s)->access_key, "ASIAFAKE1");
	assert_has(sts.log[0], "signer=AKIDBASE");
	aws_settings_free(s);

	/* A profile may source itself for its own keys… */
	sts_reset();
	s = load("self");
	get_ok(s);
	assert_has(sts.log[0], "signer=AKIDSELF");
	aws_settings_free(s);
	/* …but without keys that is a loop, as is any longer cycle. */
	s = load("selfnokeys");
	assert_has(get_fails(s), "source_profile loop: selfnokeys -> selfnokeys");
	aws_settings_free(s);
	s = load("l1");
	assert_has(get_fails(s), "source_profile loop: l1 -> l2 -> l1");
	aws_settings_free(s);

	s = load("missing");
	assert_has(get_fails(s), "the source_profile \"ghost\" of profile missing does not exist");
	aws_settings_free(s);
	s = load("nosrc");
	assert_has(get_fails(s), "neither source_profile nor credential_source");
	aws_settings_free(s);
	s = load("bothsrc");
	assert_has(get_fails(s), "both source_profile and credential_source");
	aws_settings_free(s);
	s = load("mfa");
	assert_has(get_fails(s),
	           "needs an MFA code (mfa_serial), which wa-review cannot prompt for");
	aws_settings_free(s);
	s = load("baddur");
	assert_has(get_fails(s), "duration_seconds \"1h\"");
	aws_settings_free(s);
	assert_int_equal(sts.calls, 1); /* none of the broken profiles reached STS */
}

static void test_assume_credential_source(void **state)
{
	struct aws_settings *s;
	const char *e;

	(void)state;
	clean_env();
	write_role_profiles();
	/* credential_source = Environment uses the environment's keys, even with --profile. */
	setenv("AWS_ACCESS_KEY_ID", "AKIDENVSRC", 1);
	setenv("AWS_SECRET_ACCESS_KEY", "envsrc-secret", 1);
	s = load("envsrc");
	assert_string_equal(get_ok(s)->access_key, "ASIAFAKE1");
	assert_has(sts.log[0], "signer=AKIDENVSRC");
	aws_settings_free(s);

	s = load("imdssrc");
	e = get_fails(s);
	assert_has(e,
	           "credential_source Ec2InstanceMetadata of profile imdssrc gave no credentials");
	assert_has(e, "disabled by AWS_EC2_METADATA_DISABLED");
	aws_settings_free(s);
	s = load("badsrc");
	assert_has(get_fails(s), "credential_source \"Magic\" of profile badsrc is not one of");
	aws_settings_free(s);
}

static void test_assume_sts_failure(void **state)
{
	struct aws_settings *s;
	struct aws_settings_in in = { 0 };
	struct wa_err err;
	const char *e;

	(void)state;
	clean_env();
	write_role_profiles();
	sts.fail = true;
	sts.echo = true;
	s = load("role");
	e = get_fails(s);
	assert_has(e,
	           "assume role arn:aws:iam::111111111111:role/r1 (profile role): STS AssumeRole "
	           "failed: sts: AccessDenied: not allowed");
	/* Whatever the callback put in its message, the signer's secret is masked. */
	assert_lacks(e, "base-secret");
	assert_has(e, "secret ****");
	aws_settings_free(s);

	/* Without an STS callback the chain says so instead of crashing. */
	in.profile = "role";
	err_clear(&err);
	assert_int_equal(aws_settings_load(&in, &s, &err), 0);
	assert_has(get_fails(s), "STS AssumeRole is not available here");
	aws_settings_free(s);
}

/* ---- web identity ------------------------------------------------------------------------ */

static void test_web_identity(void **state)
{
	struct aws_settings *s;
	const struct aws_creds *c;
	const char *tok = tmp_path("token.jwt");
	const char *e;

	(void)state;
	clean_env();
	write_file(tok, "eyJhbGciOiJSUzI1NiJ9.secret-jwt-body.sig\n");
	setenv("AWS_WEB_IDENTITY_TOKEN_FILE", tok, 1);
	setenv("AWS_ROLE_ARN", "arn:aws:iam::333333333333:role/irsa", 1);
	setenv("AWS_ROLE_SESSION_NAME", "pod-1", 1);
	s = load(NULL);
	c = get_ok(s);
	/* Unsigned, with the token read from the file without its newline. */
	assert_string_equal(sts.log[0],
	                    "AssumeRoleWithWebIdentity signer=- region=eu-west-1 "
	                    "RoleArn=arn:aws:iam::333333333333:role/irsa RoleSessionName=pod-1 "
	                    "WebIdentityToken=eyJhbGciOiJSUzI1NiJ9.secret-jwt-body.sig");
	assert_string_equal(c->access_key, "ASIAFAKE1");
	assert_string_equal(c->source, "web identity arn:aws:iam::333333333333:role/irsa");
	aws_settings_free(s);

	/* From a profile, each key taking the place of its variable. */
	unsetenv("AWS_WEB_IDENTITY_TOKEN_FILE");
	unsetenv("AWS_ROLE_SESSION_NAME");
	write_file(config_path,
	           "[profile wi]\nweb_identity_token_file = %s\n"
	           "role_arn = arn:aws:iam::4:role/from-profile\n"
	           "[profile nowi]\nregion = eu-west-1\n",
	           tok);
	sts_reset();
	s = load("wi"); /* --profile: AWS_ROLE_ARN no longer counts */
	get_ok(s);
	assert_has(sts.log[0], "RoleArn=arn:aws:iam::4:role/from-profile "
	                       "RoleSessionName=botocore-session-1800000000");
	aws_settings_free(s);
	setenv("AWS_PROFILE", "wi", 1);
	sts_reset();
	s = load(NULL); /* AWS_PROFILE: the variable beats the key */
	get_ok(s);
	assert_has(sts.log[0], "RoleArn=arn:aws:iam::333333333333:role/irsa");
	aws_settings_free(s);
	unsetenv("AWS_PROFILE");

	/* A token without a role, a missing token file, and a failing STS that echoes the
	 * token: it is masked. */
	unsetenv("AWS_ROLE_ARN");
	setenv("AWS_WEB_IDENTITY_TOKEN_FILE", tok, 1);
	s = load(NULL);
	assert_has(get_fails(s),
	           "AWS_WEB_IDENTITY_TOKEN_FILE: a web identity token file is set but "
	           "no role");
	aws_settings_free(s);
	setenv("AWS_ROLE_ARN", "arn:aws:iam::333333333333:role/irsa", 1);
	setenv("AWS_WEB_IDENTITY_TOKEN_FILE", "/nonexistent/token", 1);
	s = load(NULL);
	assert_has(get_fails(s), "web identity token /nonexistent/token: cannot open");
	aws_settings_free(s);
	setenv("AWS_WEB_IDENTITY_TOKEN_FILE", tok, 1);
	sts.fail = true;
	sts.echo = true;
	s = load(NULL);
	e = get_fails(s);
	assert_has(e, "STS AssumeRoleWithWebIdentity failed");
	assert_lacks(e, "secret-jwt-body");
	aws_settings_free(s);
	/* With --profile the variables are ignored: nothing set up in that profile. */
	sts_reset();
	s = load("nowi");
	e = get_fails(s);
	assert_has(e, "web identity (no web_identity_token_file in profile nowi)");
	assert_int_equal(sts.calls, 0);
	aws_settings_free(s);
}

/* ---- SSO (the portal itself is exercised by test_creds_sso.sh) ---------------------------- */

static void test_sso(void **state)
{
	struct aws_settings *s;
	char *path, dir[160];
	const char *e;

	(void)state;
	clean_env();
	/* botocore's cache key: SHA-1 of the session name, or of the start URL. */
	path = creds_sso_cache_path("/c", "corp");
	assert_string_equal(path, "/c/ee0bfd2552fbd840c02cc48b6e823320543c450f.json");
	free(path);
	path = creds_sso_cache_path("/c", "https://example.awsapps.com/start");
	assert_string_equal(path, "/c/e8be5486177c5b5392bd9aa76563515b29358e6e.json");
	free(path);

	write_file(
	        config_path,
	        "[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\n"
	        "sso_role_name = ReadOnly\n"
	        "[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\n"
	        "sso_region = us-east-1\n"
	        "[profile legacy]\nsso_start_url = https://example.awsapps.com/start\n"
	        "sso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = ReadOnly\n"
	        "[profile noregion]\nsso_start_url = https://x\nsso_account_id = 1\nsso_role_name "
	        "= R\n"
	        "[profile ghost]\nsso_session = nowhere\nsso_account_id = 1\nsso_role_name = R\n"
	        "[profile clash]\nsso_session = corp\nsso_region = eu-west-1\nsso_account_id = 1\n"
	        "sso_role_name = R\n");
	/* No cached token: say which command fixes it. */
	s = load("dev");
	e = get_fails(s);
	assert_has(e, "SSO session corp: no cached token "
	              "(~/.aws/sso/cache/ee0bfd2552fbd840c02cc48b6e823320543c450f.json); "
	              "run aws sso login --sso-session corp");
	aws_settings_free(s);
	s = load("legacy");
	assert_has(get_fails(s), "run aws sso login --profile legacy");
	aws_settings_free(s);

	/* An expired token; then a valid one whose portal is not there. */
	snprintf(dir, sizeof(dir), "%s/.aws/sso/cache", tmpdir);
	assert_int_equal(system("mkdir -p \"$HOME/.aws/sso/cache\""), 0);
	write_file(
	        tmp_path(".aws/sso/cache/ee0bfd2552fbd840c02cc48b6e823320543c450f.json"),
	        "{\"startUrl\": \"https://example.awsapps.com/start\", \"region\": \"us-east-1\", "
	        "\"accessToken\": \"sso-access-token-value\", "
	        "\"expiresAt\": \"2027-01-15T07:59:59Z\"}");
	s = load("dev");
	e = get_fails(s);
	assert_has(e, "SSO session corp: the cached token expired at 2027-01-15T07:59:59Z; "
	              "run aws sso login --sso-session corp");
	aws_settings_free(s);
	/* The CLI has written "…UTC" as well as "…Z". */
	write_file(tmp_path(".aws/sso/cache/ee0bfd2552fbd840c02cc48b6e823320543c450f.json"),
	           "{\"accessToken\": \"sso-access-token-value\", "
	           "\"expiresAt\": \"2027-01-15T09:00:00UTC\"}");
	setenv("AWS_ENDPOINT_URL_SSO", "http://127.0.0.1:1", 1);
	s = load("dev");
	e = get_fails(s);
	assert_has(
	        e,
	        "SSO portal 127.0.0.1:1, account 123456789012 role ReadOnly: connection refused");
	assert_lacks(e, "sso-access-token-value");
	aws_settings_free(s);
	write_file(tmp_path(".aws/sso/cache/ee0bfd2552fbd840c02cc48b6e823320543c450f.json"), "{}");
	s = load("dev");
	assert_has(get_fails(s), "is not what aws sso login writes");
	aws_settings_free(s);

	/* Configuration errors name the file and line. */
	s = load("noregion");
	assert_has(get_fails(s),
	           "config:15: profile noregion is set up for SSO but has no sso_region");
	aws_settings_free(s);
	s = load("ghost");
	assert_has(get_fails(s), "names sso_session \"nowhere\", which ~/config does not have");
	aws_settings_free(s);
	s = load("clash");
	assert_has(get_fails(s), "sso_region differs between profile clash and sso-session corp");
	aws_settings_free(s);
}

/* ---- container and IMDS (their servers are in test_creds_container.sh / _imds.sh) ---------- */

static void check_url(const char *full, int rc, const char *url)
{
	char *got = NULL;
	bool is_full;
	struct wa_err err;

	setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", full, 1);
	err_clear(&err);
	if (creds_container_url(&got, &is_full, &err) != rc)
		fail_msg("%s: expected %d (%s)", full, rc, err.msg);
	if (rc == 1) {
		assert_string_equal(got, url);
		assert_true(is_full);
	} else {
		assert_null(got);
		assert_has(err.msg, "is not allowed");
	}
	free(got);
}

static void test_container_rules(void **state)
{
	char *url;
	bool full;
	struct wa_err err;
	struct aws_settings *s;
	const char *e;

	(void)state;
	clean_env();
	assert_int_equal(creds_container_url(&url, &full, &err), 0);
	/* The relative URI always goes to the ECS agent's address, and wins over the full. */
	setenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/abc", 1);
	setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9/x", 1);
	assert_int_equal(creds_container_url(&url, &full, &err), 1);
	assert_string_equal(url, "http://169.254.170.2/v2/credentials/abc");
	assert_false(full);
	free(url);
	unsetenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
	/* Plain http only to loopback and the SDKs' container hosts; https anywhere. */
	check_url("http://127.0.0.1:8080/creds", 1, "http://127.0.0.1:8080/creds");
	check_url("http://127.3.4.5/creds", 1, "http://127.3.4.5/creds");
	check_url("http://[::1]:80/creds", 1, "http://[::1]:80/creds");
	check_url("http://localhost/creds", 1, "http://localhost/creds");
	check_url("http://169.254.170.23/v1/credentials", 1,
	          "http://169.254.170.23/v1/credentials");
	check_url("http://[fd00:ec2::23]/v1/credentials", 1,
	          "http://[fd00:ec2::23]/v1/credentials");
	check_url("https://creds.example.com/x", 1, "https://creds.example.com/x");
	check_url("http://creds.example.com/x", -1, NULL);
	check_url("http://169.254.169.254/latest", -1, NULL);
	check_url("http://128.0.0.1/x", -1, NULL);
	check_url("http://user@evil.example/x", -1, NULL);

	/* Set up but failing stops the chain (no fall-through to IMDS), as in botocore. */
	setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:1/creds", 1);
	s = load(NULL);
	e = get_fails(s);
	assert_has(e, "container credentials endpoint 127.0.0.1:1: connection refused");
	assert_lacks(e, "IMDS");
	aws_settings_free(s);
	/* A token file that cannot go in a header, or is missing. */
	write_file(tmp_path("cont.token"), "abc\r\nX-Injected: 1");
	setenv("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", tmp_path("cont.token"), 1);
	s = load(NULL);
	e = get_fails(s);
	assert_has(e, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: the token contains a line break");
	assert_lacks(e, "X-Injected");
	aws_settings_free(s);
	setenv("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "/nonexistent/tok", 1);
	s = load(NULL);
	assert_has(get_fails(s), "/nonexistent/tok");
	aws_settings_free(s);
}

static void test_imds_none(void **state)
{
	struct aws_settings *s;
	const char *e;

	(void)state;
	clean_env();
	unsetenv("AWS_EC2_METADATA_DISABLED");
	setenv("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:1", 1);
	s = load(NULL);
	e = get_fails(s);
	/* Not an EC2 instance is "nothing here", the last entry of the account. */
	assert_has(e, "; IMDSv2 (127.0.0.1:1: connection refused)");
	aws_settings_free(s);
	setenv("AWS_EC2_METADATA_SERVICE_ENDPOINT", "169.254.169.254", 1);
	s = load(NULL);
	assert_has(get_fails(s),
	           "AWS_EC2_METADATA_SERVICE_ENDPOINT: \"169.254.169.254\" is not an");
	aws_settings_free(s);
}

/* ---- the chain as a whole ------------------------------------------------------------------ */

static void test_missing_lists_every_source(void **state)
{
	static const char *const in_order[] = {
		"no AWS credentials: environment (AWS_ACCESS_KEY_ID not set); ",
		"assume role (no role_arn in profile default); ",
		"web identity (AWS_WEB_IDENTITY_TOKEN_FILE not set, no web_identity_token_file in "
		"profile default); ",
		"SSO (no sso_account_id or sso_role_name in profile default); ",
		"shared credentials file ~/credentials (not found); ",
		"credential_process (none in profile default); ",
		"config file ~/config (no profile \"default\"); ",
		"container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and _FULL_URI not "
		"set); ",
		"IMDSv2 (disabled by AWS_EC2_METADATA_DISABLED)",
	};
	struct aws_settings *s;
	const char *e, *at;

	(void)state;
	clean_env();
	write_file(config_path, "[profile other]\nregion = eu-west-1\n");
	s = load(NULL);
	e = get_fails(s);
	at = e;
	for (size_t i = 0; i < sizeof(in_order) / sizeof(in_order[0]); i++) {
		const char *p = strstr(at, in_order[i]);

		if (!p)
			fail_msg("'%s' lacks, after what came before, '%s'", e, in_order[i]);
		at = p + strlen(in_order[i]);
	}
	assert_string_equal(at, "");
	aws_settings_free(s);

	/* With --profile the environment is listed as ignored, with its reason. */
	write_file(cred_path, "[other]\naws_access_key_id = \n");
	setenv("AWS_ACCESS_KEY_ID", "AKIDENV", 1);
	setenv("AWS_SECRET_ACCESS_KEY", "env-secret-value", 1);
	s = load("other");
	e = get_fails(s);
	assert_has(e, "no AWS credentials: environment (ignored: --profile given); ");
	assert_has(e,
	           "shared credentials file ~/credentials (no aws_access_key_id in profile other)");
	assert_lacks(e, "env-secret-value");
	aws_settings_free(s);
}

/* ---- refresh ---------------------------------------------------------------------------- */

static void test_refresh(void **state)
{
	struct aws_settings *s;
	const struct aws_creds *c;
	const char *e;

	(void)state;
	clean_env();
	write_role_profiles();
	s = load("role");
	assert_string_equal(get_ok(s)->access_key, "ASIAFAKE1");
	/* Cached while more than 5 minutes remain. */
	fake_now = NOW0 + 3600 - 301;
	assert_string_equal(get_ok(s)->access_key, "ASIAFAKE1");
	assert_int_equal(sts.calls, 1);
	/* Refreshed once less remain. */
	fake_now = NOW0 + 3600 - 299;
	c = get_ok(s);
	assert_string_equal(c->access_key, "ASIAFAKE2");
	assert_int_equal(c->expires, fake_now + 3600);
	assert_int_equal(sts.calls, 2);
	assert_string_equal(get_ok(s)->access_key, "ASIAFAKE2");
	assert_int_equal(sts.calls, 2);

	/* A failed refresh while the old credentials still have a while: keep them, and do
	 * not ask again at every call. */
	sts.fail = true;
	fake_now = c->expires - 200;
	assert_string_equal(get_ok(s)->access_key, "ASIAFAKE2");
	assert_int_equal(sts.calls, 3);
	fake_now += 10;
	assert_string_equal(get_ok(s)->access_key, "ASIAFAKE2");
	assert_int_equal(sts.calls, 3);
	/* Close to expiry a failed refresh is an error. */
	fake_now = NOW0 + 3600 - 299 + 3600 - 50;
	e = get_fails(s);
	assert_has(e, "STS AssumeRole failed");
	assert_int_equal(sts.calls, 4);
	/* And it recovers when STS does. */
	sts.fail = false;
	assert_string_equal(get_ok(s)->access_key, "ASIAFAKE5");
	/* Expired credentials whose refresh fails are dropped: the chain starts over. */
	sts.fail = true;
	fake_now += 3601;
	assert_has(get_fails(s), "STS AssumeRole failed");
	assert_false(s->chain->have);
	aws_settings_free(s);

	/* Credentials without an expiry are never fetched again. */
	clean_env();
	setenv("AWS_ACCESS_KEY_ID", "AKIDENV", 1);
	setenv("AWS_SECRET_ACCESS_KEY", "env-secret-value", 1);
	s = load(NULL);
	get_ok(s);
	unsetenv("AWS_ACCESS_KEY_ID");
	fake_now += 10 * 365 * 86400;
	assert_string_equal(get_ok(s)->access_key, "AKIDENV");
	aws_settings_free(s);
}

static void test_failure_remembered(void **state)
{
	struct aws_settings *s;

	(void)state;
	clean_env();
	s = load(NULL);
	assert_has(get_fails(s), "no AWS credentials: ");
	/* Set up now, but a burst of calls right after a failure gets the same answer… */
	setenv("AWS_ACCESS_KEY_ID", "AKIDLATE", 1);
	setenv("AWS_SECRET_ACCESS_KEY", "late-secret", 1);
	fake_now += 9;
	assert_has(get_fails(s), "no AWS credentials: environment (AWS_ACCESS_KEY_ID not set)");
	/* …and 10 s later the chain is asked again. */
	fake_now += 1;
	assert_string_equal(get_ok(s)->access_key, "AKIDLATE");
	aws_settings_free(s);
}

static void test_refresh_process(void **state)
{
	struct aws_settings *s;
	const char *p;
	char cmd[300];

	(void)state;
	clean_env();
	/* Each run hands out a new key that expires an hour after the fake clock's start. */
	p = script("counter",
	           "n=$(cat \"$1\" 2>/dev/null || echo 0); n=$((n + 1)); echo $n >\"$1\"\n"
	           "printf '{\"Version\": 1, \"AccessKeyId\": \"AKID%s\", "
	           "\"SecretAccessKey\": \"s\", \"Expiration\": \"%s\"}' $n \"$2\"\n");
	snprintf(cmd, sizeof(cmd), "%s %s 2027-01-15T09:00:00Z", p, tmp_path("count"));
	unlink(tmp_path("count"));
	set_process("proc", cmd);
	s = load("proc");
	assert_string_equal(get_ok(s)->access_key, "AKID1");
	fake_now = NOW0 + 1000;
	assert_string_equal(get_ok(s)->access_key, "AKID1");
	fake_now = NOW0 + 3400;
	/* The helper gives credentials still inside the window: used, not asked again at once. */
	assert_string_equal(get_ok(s)->access_key, "AKID2");
	assert_string_equal(get_ok(s)->access_key, "AKID2");
	fake_now += 31;
	assert_string_equal(get_ok(s)->access_key, "AKID3");
	aws_settings_free(s);
}

/* ---- no secret in any message ------------------------------------------------------------ */

static void test_no_secret_in_errors(void **state)
{
	static const char *const secrets[] = { "env-secret-value", "env-session-token",
		                               "file-secret-value", "helper-stderr-secret" };
	struct aws_settings *s;
	const char *p, *e;
	char cmd[300];

	(void)state;
	clean_env();
	setenv("AWS_ACCESS_KEY_ID", "AKIDENV", 1);
	setenv("AWS_SECRET_ACCESS_KEY", "env-secret-value", 1);
	setenv("AWS_SESSION_TOKEN", "env-session-token", 1);
	/* A helper that complains with the environment's secret and session token on stderr. */
	p = script("leaky",
	           "echo \"bad key $AWS_SECRET_ACCESS_KEY/$AWS_SESSION_TOKEN\" >&2\nexit 1\n");
	snprintf(cmd, sizeof(cmd), "%s", p);
	write_file(cred_path, "[leak]\naws_access_key_id = AKIDFILE\n"
	                      "aws_secret_access_key = file-secret-value\n"
	                      "[typo]\naws_access_key_id = AKIDTYPO\n"
	                      "aws_secret_acess_key = file-secret-value\n");
	write_file(config_path,
	           "[profile leak]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = leak\n"
	           "[profile proc]\ncredential_process = %s\n",
	           cmd);
	s = load("proc");
	e = get_fails(s);
	assert_has(e, "exited with status 1: bad key ****/****");
	for (size_t i = 0; i < sizeof(secrets) / sizeof(secrets[0]); i++)
		assert_lacks(e, secrets[i]);
	aws_settings_free(s);

	sts.fail = true;
	sts.echo = true;
	s = load("leak");
	e = get_fails(s);
	for (size_t i = 0; i < sizeof(secrets) / sizeof(secrets[0]); i++)
		assert_lacks(e, secrets[i]);
	aws_settings_free(s);
	/* A misspelt key: the message names the key that is missing, not the value. */
	s = load("typo");
	e = get_fails(s);
	assert_has(e, "no aws_secret_access_key");
	assert_lacks(e, "file-secret-value");
	aws_settings_free(s);
}

static void test_parse_time(void **state)
{
	time_t t;

	(void)state;
	assert_int_equal(creds_parse_time("2027-01-15T08:00:00Z", &t), 0);
	assert_int_equal(t, NOW0);
	assert_int_equal(creds_parse_time("2027-01-15T08:00:00.123456Z", &t), 0);
	assert_int_equal(t, NOW0);
	assert_int_equal(creds_parse_time("2027-01-15T10:00:00+02:00", &t), 0);
	assert_int_equal(t, NOW0);
	assert_int_equal(creds_parse_time("2027-01-15T07:30:00-0030", &t), 0);
	assert_int_equal(t, NOW0);
	assert_int_equal(creds_parse_time("2027-01-15T08:00:00UTC", &t), 0);
	assert_int_equal(t, NOW0);
	assert_int_equal(creds_parse_time("2027-01-15 08:00:00", &t), 0);
	assert_int_equal(t, NOW0);
	assert_int_equal(creds_parse_time("2027-13-15T08:00:00Z", &t), -1);
	assert_int_equal(creds_parse_time("2027-01-15T08:00Z", &t), -1);
	assert_int_equal(creds_parse_time("2027-01-15T08:00:00+2", &t), -1);
	assert_int_equal(creds_parse_time("2027-01-15T08:00:00ZZ", &t), -1);
	assert_int_equal(creds_parse_time("", &t), -1);
}

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/wa-creds.XXXXXX");
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
		cmocka_unit_test(test_parse_time),
		cmocka_unit_test(test_env),
		cmocka_unit_test(test_static_files),
		cmocka_unit_test(test_process),
		cmocka_unit_test(test_assume_role),
		cmocka_unit_test(test_assume_credential_source),
		cmocka_unit_test(test_assume_sts_failure),
		cmocka_unit_test(test_web_identity),
		cmocka_unit_test(test_sso),
		cmocka_unit_test(test_container_rules),
		cmocka_unit_test(test_imds_none),
		cmocka_unit_test(test_missing_lists_every_source),
		cmocka_unit_test(test_refresh),
		cmocka_unit_test(test_refresh_process),
		cmocka_unit_test(test_failure_remembered),
		cmocka_unit_test(test_no_secret_in_errors),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
