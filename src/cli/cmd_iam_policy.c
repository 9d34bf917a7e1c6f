/* wa-review iam-policy: the least-privilege IAM policy for the loaded probes' calls. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "aws/client.h"
#include "cli/cli.h"
#include "evidence/iam.h"
#include "util/json.h"
#include "util/err.h"

static const char help[] =
        "usage: wa-review iam-policy [--question ID] [--calls] [--push]\n"
        "\n"
        "Prints the IAM policy (JSON) that allows exactly the read-only calls the loaded\n"
        "question set's probes make, and the calls 'wa-review evidence' makes on its own\n"
        "(ec2:DescribeRegions for --regions all; sts:GetCallerIdentity needs no permission).\n"
        "Attach it to the role or user that collects evidence.\n"
        "\n"
        "  --question ID   only that question's probes\n"
        "  --calls         list the calls instead: service, operation and IAM action, one a\n"
        "                  line, tab-separated\n"
        "  --push          add what 'wa-review push' and 'pull' need: a statement with the\n"
        "                  Well-Architected Tool's reads they make, and one with exactly\n"
        "                  push's writes (the only calls wa-review makes that change AWS)\n";

/* The calls pull and push make to read the Tool. */
static const char *const tool_reads[] = {
	"GetAnswer", "GetLensReview", "GetWorkload", "ListAnswers", "ListMilestones", NULL,
};

static void add_statement(cJSON *doc, const char *sid, const char *const *ops)
{
	cJSON *st = cJSON_CreateObject(), *actions;
	char buf[128];

	cJSON_AddStringToObject(st, "Sid", sid);
	cJSON_AddStringToObject(st, "Effect", "Allow");
	actions = cJSON_AddArrayToObject(st, "Action");
	for (size_t i = 0; ops[i]; i++) {
		snprintf(buf, sizeof(buf), "wellarchitected:%s", ops[i]);
		cJSON_AddItemToArray(actions, cJSON_CreateString(buf));
	}
	cJSON_AddStringToObject(st, "Resource", "*");
	cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(doc, "Statement"), st);
}

int cmd_iam_policy(const struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "question", required_argument, NULL, 'q' },
		{ "calls", no_argument, NULL, 'c' },
		{ "push", no_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *question = NULL;
	int ch, calls = 0, push = 0;
	struct qset *qs;

	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'q': question = optarg; break;
		case 'c': calls = 1; break;
		case 'p': push = 1; break;
		case 'h': fputs(help, stdout); return EXIT_OK;
		default:
			return cli_usage_error(c, "iam-policy", "unknown option '%s'",
			                       argv[optind - 1]);
		}
	}
	if (argc - optind > 0)
		return cli_usage_error(c, "iam-policy", "unexpected argument '%s'", argv[optind]);
	qs = cli_load_qset(c);
	if (!qs)
		return EXIT_BAD;
	if (question && !qset_find_question(qs, question)) {
		cli_usage_error(c, "iam-policy", "no question '%s' in set '%s'", question, qs->id);
		qset_free(qs);
		return EXIT_BAD;
	}
	if (calls) {
		size_t n;
		struct iam_call *v = iam_calls(qs, question, true, &n);
		char buf[256];

		for (size_t i = 0; i < n; i++)
			printf("%s\t%s\t%s\n", v[i].service, v[i].operation,
			       iam_call_free(v[i].service, v[i].operation)
			               ? "-"
			               : iam_action(v[i].service, v[i].operation, buf,
			                            sizeof(buf)));
		free(v);
		for (size_t i = 0; push && tool_reads[i]; i++)
			printf("wellarchitected\t%s\twellarchitected:%s\n", tool_reads[i],
			       tool_reads[i]);
		for (size_t i = 0; push && aws_client_push_ops[i]; i++)
			printf("wellarchitected\t%s\twellarchitected:%s\n", aws_client_push_ops[i],
			       aws_client_push_ops[i]);
	} else {
		cJSON *doc = iam_policy(qs, question);
		char *text;

		if (push) {
			add_statement(doc, "WaReviewPull", tool_reads);
			add_statement(doc, "WaReviewPushWrites", aws_client_push_ops);
		}
		text = json_print(doc, JSON_PRETTY);

		puts(text);
		free(text);
		cJSON_Delete(doc);
	}
	qset_free(qs);
	return EXIT_OK;
}
