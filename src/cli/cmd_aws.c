/* wa-review aws SERVICE OPERATION: runs one read-only AWS call and prints its result as the
 * aws CLI would, all pages merged; the tool for trying out an evidence probe. */
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
#include "jmespath/jmespath.h"
#include "report/safe.h"
#include "util/err.h"
#include "util/fsio.h"
#include "util/xalloc.h"
#include "util/json.h"

static const char help[] =
        "usage: wa-review aws SERVICE OPERATION [--param NAME=VALUE ...]\n"
        "                     [--cli-input-json JSON|file://PATH] [--query EXPR]\n"
        "                     [--region R] [--profile P] [--endpoint-url URL]\n"
        "                     [--no-paginate | --page-size N]\n"
        "\n"
        "Runs one read-only AWS call and prints the result as `aws --output json` does, every\n"
        "page merged. SERVICE is the aws CLI's name (ec2, rds, service-quotas, ...); OPERATION\n"
        "the API name (DescribeDBInstances) or the CLI's (describe-db-instances). Only\n"
        "Describe*, List* and Get* operations are sent, and the read calls named\n"
        "otherwise that probes make (cloudtrail LookupEvents, logs FilterLogEvents).\n"
        "\n"
        "  --param NAME=VALUE       a top-level parameter; VALUE is a string (numbers and\n"
        "                           booleans are converted as the model says) unless it starts\n"
        "                           with [ or {, when it is JSON. Repeatable; wins over\n"
        "                           --cli-input-json\n"
        "  --cli-input-json JSON    all parameters as one JSON object (or file://PATH)\n"
        "  --query EXPR             a JMESPath expression applied to the result\n"
        "  --region R               the Region (default: AWS_REGION, AWS_DEFAULT_REGION, profile)\n"
        "  --profile P              the shared config/credentials profile\n"
        "  --endpoint-url URL       send to URL instead of the service's public endpoint\n"
        "  --no-paginate            only the first page; as with the aws CLI, also when --param\n"
        "                           sets the operation's own paging parameter (NextToken,\n"
        "                           MaxResults, ...)\n"
        "  --page-size N            N items a page (the operation's limit parameter), every\n"
        "                           page still merged\n"
        "  --connect-timeout S      seconds to connect (default 10; WA_AWS_CONNECT_TIMEOUT)\n"
        "  --timeout S              seconds for one attempt (default 60; WA_AWS_TIMEOUT)\n"
        "  --max-attempts N         attempts per request (default: AWS_MAX_ATTEMPTS or the\n"
        "                           profile's max_attempts, else 5, 10 for DynamoDB, in the\n"
        "                           legacy retry mode and 3 in the standard one)\n"
        "  -h, --help               show this help\n"
        "\n"
        "Exit status: 0 success, 1 the call failed (the service's error or the network's,\n"
        "printed as 'SERVICE:OPERATION in REGION: CODE — message'), 2 bad usage, an unknown\n"
        "service or operation, or an operation that is not read-only.\n";

static int usage(const char *fmt, ...) ATTR_FORMAT(1, 2);

static int usage(const char *fmt, ...)
{
	va_list ap;

	fputs("wa-review: aws: ", stderr);
	va_start(ap, fmt);
	err_vsay(fmt, ap);
	va_end(ap);
	fputs(" (try 'wa-review aws --help')\n", stderr);
	return EXIT_BAD;
}

/* Parses --cli-input-json (text or file://PATH) into an object. Returns it, or NULL after
 * printing why. */
static cJSON *input_json(const char *arg)
{
	const char *name = "--cli-input-json";
	char *text = NULL;
	struct wa_err err;
	size_t len = strlen(arg);
	cJSON *doc;

	err_clear(&err);
	if (strncmp(arg, "file://", 7) == 0) {
		name = arg + 7;
		if (fsio_read(name, FSIO_PARAMS, &text, &len, &err)) {
			err_print(&err);
			return NULL;
		}
		arg = text;
	}
	doc = json_parse(arg, len, name, &err);
	free(text);
	if (!doc) {
		err_print(&err);
		return NULL;
	}
	if (!cJSON_IsObject(doc)) {
		err_say("wa-review: %s: parameters must be a JSON object\n", name);
		cJSON_Delete(doc);
		return NULL;
	}
	return doc;
}

/* Adds NAME=VALUE to params. Returns 0, or EXIT_BAD after printing why. */
static int add_param(cJSON *params, const char *arg)
{
	const char *eq = strchr(arg, '=');
	struct wa_err err;
	cJSON *v;
	char *name;

	if (!eq || eq == arg)
		return usage("--param wants NAME=VALUE, not '%s'", arg);
	name = xstrndup(arg, (size_t)(eq - arg));
	if (eq[1] == '[' || eq[1] == '{') {
		err_clear(&err);
		v = json_parse(eq + 1, strlen(eq + 1), name, &err);
		if (!v) {
			err_say("wa-review: aws: --param %s: %s\n", name, err.msg);
			free(name);
			return EXIT_BAD;
		}
	} else {
		v = cJSON_CreateString(eq + 1);
	}
	if (cJSON_GetObjectItemCaseSensitive(params, name))
		cJSON_ReplaceItemInObjectCaseSensitive(params, name, v);
	else
		cJSON_AddItemToObject(params, name, v);
	free(name);
	return 0;
}

/* True when --param NAME=… (one of pv) names name. */
static bool param_given(char *const *pv, size_t npv, const char *name)
{
	size_t n = strlen(name);

	for (size_t i = 0; i < npv; i++)
		if (!strncmp(pv[i], name, n) && pv[i][n] == '=')
			return true;
	return false;
}

/* The aws CLI's paging rules: an operation's own paging parameter given on the command line
 * (its input token or limit key: --next-token, --max-results …) turns pagination off, and
 * --page-size sets the limit key on every page. Returns 0, or EXIT_BAD after printing why. */
static int paging(struct aws_call *call, cJSON *params, char *const *pv, size_t npv,
                  const char *page_size)
{
	const struct aws_model *m = aws_model_get(call->service, NULL);
	const struct aws_paginator *pg =
	        aws_operation_paginator(aws_model_operation(m, call->operation, NULL));
	const char *own = NULL;

	for (size_t i = 0; pg && pg->input_token && pg->input_token[i] && !own; i++)
		if (param_given(pv, npv, pg->input_token[i]))
			own = pg->input_token[i];
	if (pg && !own && pg->limit_key && param_given(pv, npv, pg->limit_key))
		own = pg->limit_key;
	if (own)
		call->flags |= AWS_CALL_NO_PAGINATE;
	if (!page_size)
		return 0;
	if (!pg || !pg->limit_key)
		return usage("%s %s takes no --page-size", call->service, call->operation);
	if (call->flags & AWS_CALL_NO_PAGINATE)
		return usage("--page-size pages; it cannot go with %s%s", own ? "--param " : "",
		             own ? own : "--no-paginate");
	cJSON_DeleteItemFromObjectCaseSensitive(params, pg->limit_key);
	cJSON_AddStringToObject(params, pg->limit_key, page_size);
	return 0;
}

static long seconds_ms(const char *opt, const char *arg, int *bad)
{
	char *end;
	double d = strtod(arg, &end);

	if (*end || d <= 0 || d > 86400) {
		*bad = usage("%s wants seconds, not '%s'", opt, arg);
		return 0;
	}
	return (long)(d * 1000);
}

int cmd_aws(const struct cli *c, int argc, char **argv)
{
	enum {
		O_PARAM = 256,
		O_INPUT,
		O_QUERY,
		O_REGION,
		O_PROFILE,
		O_ENDPOINT,
		O_NOPAGE,
		O_PAGESIZE,
		O_CTIMEOUT,
		O_TIMEOUT,
		O_ATTEMPTS
	};
	static const struct option opts[] = {
		{ "param", required_argument, NULL, O_PARAM },
		{ "cli-input-json", required_argument, NULL, O_INPUT },
		{ "query", required_argument, NULL, O_QUERY },
		{ "region", required_argument, NULL, O_REGION },
		{ "profile", required_argument, NULL, O_PROFILE },
		{ "endpoint-url", required_argument, NULL, O_ENDPOINT },
		{ "no-paginate", no_argument, NULL, O_NOPAGE },
		{ "page-size", required_argument, NULL, O_PAGESIZE },
		{ "connect-timeout", required_argument, NULL, O_CTIMEOUT },
		{ "timeout", required_argument, NULL, O_TIMEOUT },
		{ "max-attempts", required_argument, NULL, O_ATTEMPTS },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct aws_settings_in in = { 0 };
	struct aws_client_opts co = { 0 };
	const char *query = NULL, *input = NULL, *page_size = NULL;
	struct jmespath *jp = NULL;
	struct aws_client *client = NULL;
	struct aws_call call = { 0 };
	cJSON *params = NULL, *out = NULL;
	struct wa_err err;
	unsigned flags = 0;
	int ch, bad = 0, rc = EXIT_BAD;
	char **pv = xcalloc((size_t)argc + 1, sizeof(*pv));
	size_t npv = 0;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case O_PARAM: pv[npv++] = optarg; break;
		case O_INPUT: input = optarg; break;
		case O_QUERY: query = optarg; break;
		case O_REGION: in.region = optarg; break;
		case O_PROFILE: in.profile = optarg; break;
		case O_ENDPOINT: in.endpoint_url = optarg; break;
		case O_NOPAGE: flags |= AWS_CALL_NO_PAGINATE; break;
		case O_PAGESIZE:
			page_size = optarg;
			if (strspn(optarg, "0123456789") != strlen(optarg) || atol(optarg) < 1)
				bad = usage("--page-size wants a number of items, not '%s'",
				            optarg);
			break;
		case O_CTIMEOUT:
			co.connect_timeout_ms = seconds_ms("--connect-timeout", optarg, &bad);
			break;
		case O_TIMEOUT: co.timeout_ms = seconds_ms("--timeout", optarg, &bad); break;
		case O_ATTEMPTS:
			co.max_attempts = atoi(optarg);
			if (co.max_attempts < 1 || co.max_attempts > 20)
				bad = usage("--max-attempts wants 1 to 20, not '%s'", optarg);
			break;
		case 'h':
			fputs(help, stdout);
			free(pv);
			return EXIT_OK;
		default: free(pv); return usage("unknown option '%s'", argv[optind - 1]);
		}
		if (bad) {
			free(pv);
			return bad;
		}
	}
	if (cli_refuse_offline(c, "aws")) {
		free(pv);
		return EXIT_BAD;
	}
	if (argc - optind != 2) {
		free(pv);
		return argc - optind < 2 ? usage("give SERVICE and OPERATION")
		                         : usage("unexpected argument '%s'", argv[optind + 2]);
	}
	call.service = argv[optind];
	call.operation = argv[optind + 1];
	call.flags = flags;
	err_clear(&err);
	{
		const struct aws_model *m = aws_model_get(call.service, &err);
		const struct aws_operation *op =
		        m ? aws_model_operation(m, call.operation, &err) : NULL;

		if (!op) {
			err_say("wa-review: aws: %s\n", err.msg);
			goto out;
		}
		if (!aws_client_readonly(call.service, aws_operation_name(op), false)) {
			err_say("wa-review: aws: %s:%s is not read-only; wa-review only sends "
			        "Describe*, List* and Get* calls\n",
			        call.service, aws_operation_name(op));
			goto out;
		}
	}
	params = input ? input_json(input) : cJSON_CreateObject();
	if (!params)
		goto out;
	for (size_t i = 0; i < npv; i++)
		if ((rc = add_param(params, pv[i])) != 0)
			goto out;
	rc = EXIT_BAD;
	if (paging(&call, params, pv, npv, page_size) != 0)
		goto out;
	if (query) {
		jp = jmespath_compile(query, &err);
		if (!jp) {
			err_say("wa-review: aws: --query: %s\n", err.msg);
			goto out;
		}
	}
	call.params = params;
	if (aws_client_open(&in, &co, &client, &err) != 0) {
		err_print(&err);
		goto out;
	}
	aws_client_run(client, &call, 1, NULL, NULL);
	if (call.status != AWS_CALL_OK) {
		err_print(&call.err);
		/* Never sent (parameters that fail the model's checks, no credentials): bad
		 * input. Sent and failed (the service's error, the network): a finding. */
		rc = call.attempts ? EXIT_FINDING : EXIT_BAD;
		goto out;
	}
	out = call.result;
	if (jp) {
		out = jmespath_search(jp, call.result, &err);
		if (!out) {
			err_say("wa-review: aws: --query: %s\n", err.msg);
			goto out;
		}
	}
	/* Like the CLI: an empty object (no output members) prints nothing. */
	if (!(cJSON_IsObject(out) && !out->child)) {
		char *text = awsjson_print(out);
		char *safe = safe_json(text); /* AWS's text: C1 controls as \u escapes */

		fputs(safe, stdout);
		free(safe);
		free(text);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		err_say("wa-review: aws: writing the result: %s\n", strerror(errno));
		goto out;
	}
	rc = EXIT_OK;
out:
	if (out != call.result)
		cJSON_Delete(out);
	aws_call_clear(&call);
	aws_client_free(client);
	jmespath_free(jp);
	cJSON_Delete(params);
	free(pv);
	return rc;
}
