/* creds_probe: resolves AWS settings and credentials the way wa-review does and prints what
 * a test may check, never a secret:
 *   profile: NAME / region: R (SOURCE) / endpoint: URL / ca_bundle: PATH /
 *   endpoint SERVICE: URL (for each --service) / source: … / access_key: … /
 *   token: yes|no / expires: ISO|never
 * Options: --profile P, --region R, --endpoint-url U (as the wa-review options),
 *   --service ID (print that service's endpoint; repeatable), --settings (stop before the
 *   credentials), --fake-sts (answer STS calls with made-up credentials, printing each call
 *   on stderr as "sts: ACTION region=R signer=AKID Name=Value…", the web identity token as
 *   its length), --again (get the credentials a second time and print them again).
 * FAKE_STS_FAIL=TEXT makes the fake STS fail with TEXT; FAKE_STS_ECHO_SECRET=1 puts the
 * signer's secret into that failure, to check that it is masked.
 * Exit status: 0 credentials found, 1 an error (printed as "creds_probe: …"), 2 bad usage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aws/creds.h"
#include "util/clock.h"
#include "util/err.h"

static int sts_calls;

static int fake_sts(void *ctx, const char *action, const struct aws_creds *signer,
                    const char *region, const char *const *params, cJSON **result,
                    struct wa_err *err)
{
	const char *fail = getenv("FAKE_STS_FAIL");
	char exp[32], id[32], val[64];
	cJSON *c;

	(void)ctx;
	*result = NULL;
	fprintf(stderr, "sts: %s region=%s signer=%s", action, region ? region : "-",
	        signer ? signer->access_key : "-");
	for (size_t i = 0; params[i]; i += 2) {
		if (!strcmp(params[i], "WebIdentityToken"))
			fprintf(stderr, " %s=<%zu bytes>", params[i], strlen(params[i + 1]));
		else
			fprintf(stderr, " %s=%s", params[i], params[i + 1]);
	}
	fputc('\n', stderr);
	if (fail && *fail)
		return err_set(err, "sts", 0, 0, "%s%s%s", fail,
		               getenv("FAKE_STS_ECHO_SECRET") && signer ? " secret=" : "",
		               getenv("FAKE_STS_ECHO_SECRET") && signer ? signer->secret_key : "");
	sts_calls++;
	snprintf(id, sizeof(id), "ASIAFAKE%d", sts_calls);
	*result = cJSON_CreateObject();
	c = cJSON_AddObjectToObject(*result, "Credentials");
	cJSON_AddStringToObject(c, "AccessKeyId", id);
	snprintf(val, sizeof(val), "fake-sts-secret-%d", sts_calls);
	cJSON_AddStringToObject(c, "SecretAccessKey", val);
	snprintf(val, sizeof(val), "fake-sts-token-%d", sts_calls);
	cJSON_AddStringToObject(c, "SessionToken", val);
	cJSON_AddStringToObject(c, "Expiration", clock_iso(time(NULL) + 3600, exp, sizeof(exp)));
	return 0;
}

static void print_creds(const struct aws_creds *c)
{
	char buf[32];

	printf("source: %s\n", c->source);
	printf("access_key: %s\n", c->access_key);
	printf("token: %s\n", c->token ? "yes" : "no");
	printf("expires: %s\n", c->expires ? clock_iso(c->expires, buf, sizeof(buf)) : "never");
}

static int fail(const struct wa_err *err)
{
	char buf[1600];

	fflush(stdout);
	fprintf(stderr, "creds_probe: %s\n", err_format(err, buf, sizeof(buf)));
	return 1;
}

int main(int argc, char **argv)
{
	struct aws_settings_in in = { 0 };
	struct aws_settings *s;
	const struct aws_creds *c;
	const char *services[16];
	size_t n_services = 0;
	int settings_only = 0, again = 0, rc = 0;
	struct wa_err err;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--settings")) {
			settings_only = 1;
		} else if (!strcmp(a, "--again")) {
			again = 1;
		} else if (!strcmp(a, "--fake-sts")) {
			in.sts = fake_sts;
		} else if (v && !strcmp(a, "--profile")) {
			in.profile = argv[++i];
		} else if (v && !strcmp(a, "--region")) {
			in.region = argv[++i];
		} else if (v && !strcmp(a, "--endpoint-url")) {
			in.endpoint_url = argv[++i];
		} else if (v && !strcmp(a, "--service") && n_services < 16) {
			services[n_services++] = argv[++i];
		} else {
			fprintf(stderr, "creds_probe: bad argument %s\n", a);
			return 2;
		}
	}
	err_clear(&err);
	if (aws_settings_load(&in, &s, &err) < 0)
		return fail(&err);
	printf("profile: %s\n", s->profile);
	if (s->region)
		printf("region: %s (%s)\n", s->region, s->region_source);
	else
		printf("region: -\n");
	printf("endpoint: %s\n", s->endpoint_url ? s->endpoint_url : "-");
	printf("ca_bundle: %s\n", s->ca_bundle ? s->ca_bundle : "-");
	for (size_t i = 0; i < n_services; i++) {
		const char *e = aws_settings_endpoint(s, services[i]);

		printf("endpoint %s: %s\n", services[i], e ? e : "-");
	}
	if (!settings_only) {
		if (aws_creds_get(s, &c, &err) < 0) {
			rc = fail(&err);
		} else {
			print_creds(c);
			if (again) {
				if (aws_creds_get(s, &c, &err) < 0)
					rc = fail(&err);
				else
					print_creds(c);
			}
		}
	}
	aws_settings_free(s);
	return rc;
}
