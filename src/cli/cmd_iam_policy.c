/* wa-review iam-policy: the least-privilege IAM policy for the loaded probes' calls. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli/cli.h"
#include "evidence/iam.h"
#include "util/json.h"
#include "util/err.h"

static const char help[] =
        "usage: wa-review iam-policy [--question ID] [--calls]\n"
        "\n"
        "Prints the IAM policy (JSON) that allows exactly the read-only calls the loaded\n"
        "question set's probes make, and the calls 'wa-review evidence' makes on its own\n"
        "(ec2:DescribeRegions for --regions all; sts:GetCallerIdentity needs no permission).\n"
        "Attach it to the role or user that collects evidence.\n"
        "\n"
        "  --question ID   only that question's probes\n"
        "  --calls         list the calls instead: service, operation and IAM action, one a\n"
        "                  line, tab-separated\n";

int cmd_iam_policy(const struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "question", required_argument, NULL, 'q' },
		{ "calls", no_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *question = NULL;
	int ch, calls = 0;
	struct qset *qs;

	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'q': question = optarg; break;
		case 'c': calls = 1; break;
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
	} else {
		cJSON *doc = iam_policy(qs, question);
		char *text = json_print(doc, JSON_PRETTY);

		puts(text);
		free(text);
		cJSON_Delete(doc);
	}
	qset_free(qs);
	return EXIT_OK;
}
