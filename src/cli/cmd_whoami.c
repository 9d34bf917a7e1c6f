/* wa-review whoami: who the credentials belong to (STS GetCallerIdentity) and where they
 * came from, so a review starts against the account it means to. Never prints a secret. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "aws/awsjson.h"
#include "aws/client.h"
#include "cli/cli.h"
#include "report/safe.h"
#include "util/clock.h"
#include "util/err.h"
#include "util/xalloc.h"

static const char help[] =
        "usage: wa-review whoami [--profile P] [--region R] [--endpoint-url URL] [--json]\n"
        "\n"
        "Prints the AWS identity the credentials belong to (STS GetCallerIdentity: account,\n"
        "ARN, user ID), where the credentials came from (environment, a profile, assume role,\n"
        "SSO, container, instance metadata ...), the access key's last four characters, when\n"
        "they expire, and the Region in use with where it was set. Never prints a secret.\n"
        "\n"
        "  --profile P          the shared config/credentials profile\n"
        "  --region R           the Region (default: AWS_REGION, AWS_DEFAULT_REGION, profile)\n"
        "  --endpoint-url URL   send the STS call to URL\n"
        "  --json               print one JSON object instead of lines\n"
        "  -h, --help           show this help\n"
        "\n"
        "Exit status: 0 success, 1 the call failed (no credentials: the message lists every\n"
        "source tried), 2 bad usage.\n";

static int usage(const char *fmt, ...) ATTR_FORMAT(1, 2);

static int usage(const char *fmt, ...)
{
	va_list ap;

	fputs("wa-review: whoami: ", stderr);
	va_start(ap, fmt);
	err_vsay(fmt, ap);
	va_end(ap);
	fputs(" (try 'wa-review whoami --help')\n", stderr);
	return EXIT_BAD;
}

static const char *str(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);

	return cJSON_IsString(v) ? v->valuestring : "";
}

int cmd_whoami(const struct cli *c, int argc, char **argv)
{
	enum { O_PROFILE = 256, O_REGION, O_ENDPOINT, O_JSON };
	static const struct option opts[] = {
		{ "profile", required_argument, NULL, O_PROFILE },
		{ "region", required_argument, NULL, O_REGION },
		{ "endpoint-url", required_argument, NULL, O_ENDPOINT },
		{ "json", no_argument, NULL, O_JSON },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct aws_settings_in in = { 0 };
	struct aws_client *client = NULL;
	const struct aws_creds *cr;
	struct aws_settings *s;
	struct wa_err err;
	cJSON *id = NULL;
	char key[32], expires[32];
	int ch, json = 0, rc = EXIT_FINDING;
	struct safe_stream ss;
	FILE *out;
	bool werr = false;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case O_PROFILE: in.profile = optarg; break;
		case O_REGION: in.region = optarg; break;
		case O_ENDPOINT: in.endpoint_url = optarg; break;
		case O_JSON: json = 1; break;
		case 'h': fputs(help, stdout); return EXIT_OK;
		default: return usage("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return usage("unexpected argument '%s'", argv[optind]);
	if (cli_refuse_offline(c, "whoami"))
		return EXIT_BAD;
	err_clear(&err);
	if (aws_client_open(&in, NULL, &client, &err) != 0) {
		err_print(&err);
		return EXIT_BAD;
	}
	s = aws_client_settings(client);
	if (aws_creds_get(s, &cr, &err) != 0) {
		/* No credentials is bad input, as for `aws` and `evidence`: nothing was sent. */
		err_print(&err);
		rc = EXIT_BAD;
		goto out;
	}
	/* STS answers in every Region; without one, ask us-east-1 as the CLI's global STS does. */
	if (aws_client_call(client, "sts", "GetCallerIdentity", NULL,
	                    s->region ? s->region : "us-east-1", 0, &id, NULL, &err) != 0) {
		err_print(&err);
		goto out;
	}
	{
		size_t kl = strlen(cr->access_key);

		snprintf(key, sizeof(key), "****************%s",
		         kl > 4 ? cr->access_key + kl - 4 : "");
	}
	if (cr->expires)
		clock_iso(cr->expires, expires, sizeof(expires));
	else
		snprintf(expires, sizeof(expires), "never");
	if (json) {
		cJSON *o = cJSON_CreateObject();
		char *text, *safe;

		cJSON_AddStringToObject(o, "Account", str(id, "Account"));
		cJSON_AddStringToObject(o, "Arn", str(id, "Arn"));
		cJSON_AddStringToObject(o, "UserId", str(id, "UserId"));
		cJSON_AddStringToObject(o, "CredentialSource", cr->source);
		cJSON_AddStringToObject(o, "AccessKey", key);
		if (cr->expires)
			cJSON_AddStringToObject(o, "Expires", expires);
		else
			cJSON_AddNullToObject(o, "Expires");
		cJSON_AddStringToObject(o, "Profile", s->profile ? s->profile : "default");
		if (s->region) {
			cJSON_AddStringToObject(o, "Region", s->region);
			cJSON_AddStringToObject(o, "RegionSource", s->region_source);
		} else {
			cJSON_AddNullToObject(o, "Region");
			cJSON_AddNullToObject(o, "RegionSource");
		}
		text = awsjson_print(o);
		safe = safe_json(text); /* the ARN is AWS's text: C1 controls as \u escapes */
		fputs(safe, stdout);
		free(safe);
		free(text);
		cJSON_Delete(o);
	} else if ((out = safe_stream_open(&ss, stdout))) {
		/* AWS's text, made safe for the terminal as it is written. */
		fprintf(out, "Account:      %s\n", str(id, "Account"));
		fprintf(out, "Arn:          %s\n", str(id, "Arn"));
		fprintf(out, "UserId:       %s\n", str(id, "UserId"));
		fprintf(out, "Credentials:  %s\n", cr->source);
		fprintf(out, "Access key:   %s\n", key);
		fprintf(out, "Expires:      %s\n", expires);
		fprintf(out, "Profile:      %s\n", s->profile ? s->profile : "default");
		if (s->region)
			fprintf(out, "Region:       %s (from %s)\n", s->region, s->region_source);
		else
			fprintf(out, "Region:       none set (give --region, or set AWS_REGION)\n");
		werr = safe_stream_close(&ss) != 0;
	} else {
		werr = true;
	}
	if (werr || fflush(stdout) != 0 || ferror(stdout)) {
		err_say("wa-review: whoami: writing: %s\n", strerror(errno));
		rc = EXIT_BAD;
		goto out;
	}
	rc = EXIT_OK;
out:
	cJSON_Delete(id);
	aws_client_free(client);
	return rc;
}
