/* wa-review: entry point. Parses the global options and hands the rest to a subcommand. */
#include <getopt.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli/cli.h"
#include "cli/cmd_query.h"
#include "util/err.h"
#include "util/xalloc.h"

#ifndef WA_VERSION
#define WA_VERSION "0.1.0"
#endif

static const char usage_text[] =
	"usage: wa-review [--questions DIR] [FILE | --demo]\n"
	"       wa-review [--questions DIR] COMMAND [ARGS...]\n"
	"\n"
	"Runs an AWS Well-Architected Reliability review. With FILE (or --demo, the built-in\n"
	"demo review), prints the review's risk summary; the terminal wizard will open it.\n"
	"\n"
	"Commands:\n"
	"  new FILE [--name NAME ...]   create a review file\n"
	"  status FILE [--json]         print risk per question, per area and overall\n"
	"  answer FILE QUESTION [...]   record an answer (--select, --none, --not-applicable,\n"
	"                               --note, --flag); for scripts and imports\n"
	"  roadmap FILE [--set BP ...]  print the prioritized improvement plan, or set an\n"
	"                               item's owner, effort, target week or status\n"
	"  report FILE [--format F]     write the report: md, json, csv or html (-o OUT,\n"
	"                               --redact)\n"
	"  milestone FILE NAME          record a dated snapshot of answers and risks\n"
	"  diff FILE [--from A --to B]  what changed since a milestone\n"
	"  validate [DIR]               check a question set (default: the built-in one)\n"
	"  query EXPR [FILE|-]          apply a JMESPath expression to a JSON document\n"
	"  calc EXPR | --mtbf T --mttr T | --tiers\n"
	"                               availability in series '*' and parallel '|', from\n"
	"                               MTBF/MTTR, or the tiers table; with downtime\n"
	"  import-components INV FILE   read the pillar guide's component inventory (YAML)\n"
	"                               into review FILE's workload\n"
	"  import-incidents LOG FILE    add incidents (YAML or CSV) to review FILE\n"
	"  aws SERVICE OPERATION [...]  run one read-only AWS call, print it as the aws CLI\n"
	"  whoami                       the AWS identity in use and where its credentials\n"
	"                               came from\n"
	"\n"
	"Options:\n"
	"  --questions DIR  use the question set in DIR instead of the built-in one\n"
	"  --demo           use the built-in demo review\n"
	"  -h, --help       show this help (COMMAND --help for a command's options)\n"
	"  -V, --version    show the version\n"
	"\n"
	"Exit status: 0 success, 1 a finding a script should notice (status --fail-on),\n"
	"2 bad usage or bad input. See wa-review(1) and wa-review-questions(5).\n";

struct command {
	const char *name;
	int (*run)(const struct cli *c, int argc, char **argv);
};

static int run_query(const struct cli *c, int argc, char **argv)
{
	(void)c;
	return cmd_query(argc, argv);
}

static const struct command commands[] = {
	{ "new", cmd_new },
	{ "status", cmd_status },
	{ "answer", cmd_answer },
	{ "roadmap", cmd_roadmap },
	{ "report", cmd_report },
	{ "milestone", cmd_milestone },
	{ "diff", cmd_diff },
	{ "validate", cmd_validate },
	{ "query", run_query },
	{ "calc", cmd_calc },
	{ "import-components", cmd_import_components },
	{ "import-incidents", cmd_import_incidents },
	{ "aws", cmd_aws },
	{ "whoami", cmd_whoami },
};

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "questions", required_argument, NULL, 'q' },
		{ "demo", no_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli c = { "wa-review", NULL, "wa-review " WA_VERSION };
	cJSON_Hooks hooks = { xmalloc, free };
	int demo = 0, ch;

	/* cJSON's allocations fail the way ours do: one message, exit 2, terminal restored. */
	cJSON_InitHooks(&hooks);

	/* '+': stop at the first non-option, which is the command or FILE. */
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+hV", opts, NULL)) != -1) {
		switch (ch) {
		case 'q': c.questions_dir = optarg; break;
		case 'd': demo = 1; break;
		case 'h': fputs(usage_text, stdout); return EXIT_OK;
		case 'V': printf("wa-review %s\n", WA_VERSION); return EXIT_OK;
		default:
			return cli_usage_error(&c, NULL, "unknown option '%s'", argv[optind - 1]);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 0) {
		for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
			if (strcmp(argv[0], commands[i].name) == 0) {
				if (demo)
					return cli_usage_error(&c, NULL, "--demo does not go with '%s'",
					                       argv[0]);
				optind = 0; /* glibc: start afresh for the command's own options */
				return commands[i].run(&c, argc, argv);
			}
	}
	if (argc > 1)
		return cli_usage_error(&c, NULL, "unknown command '%s'", argv[0]);
	if (demo && argc == 1)
		return cli_usage_error(&c, NULL, "give FILE or --demo, not both");
	if (!demo && argc == 0)
		return cli_usage_error(&c, NULL, "give a review FILE, --demo, or a command");
	/* Until the wizard lands, opening a review shows its summary. */
	{
		char *sargv[] = { "status", demo ? "--demo" : argv[0], NULL };
		optind = 0;
		return cmd_status(&c, 2, sargv);
	}
}
