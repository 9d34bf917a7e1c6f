/* wa-review: entry point. Parses the global options and hands the rest to a subcommand. */
#include <getopt.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "cli/cli.h"
#include "cli/cmd_query.h"
#include "evidence/accounts.h"
#include "model/workload.h"
#include "ui/ui.h"
#include "util/err.h"
#include "util/xalloc.h"

#ifndef WA_VERSION
#define WA_VERSION "0.1.0"
#endif

static const char usage_text[] =
        "usage: wa-review [--questions DIR] [--offline] [--theme NAME|FILE]\n"
        "                 [--workshop [--timebox D]]\n"
        "                 [--role NAME [--org-unit OU | --accounts ID,ID]] [FILE | --demo]\n"
        "       wa-review [--questions DIR] [--offline] COMMAND [ARGS...]\n"
        "\n"
        "Runs an AWS Well-Architected Reliability review. In a terminal, opens the wizard on\n"
        "review FILE, on the demo review (--demo), or on the Start screen (no FILE). When\n"
        "standard input or output is not a terminal, prints the review's risk summary instead.\n"
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
        "  lens export [DIR] [-o FILE]  write a question set as a Well-Architected Tool\n"
        "                               custom lens (JSON)\n"
        "  lens import LENS -o DIR      turn a custom lens into a question set\n"
        "  query EXPR [FILE|-]          apply a JMESPath expression to a JSON document\n"
        "  calc EXPR | --mtbf T --mttr T | --tiers\n"
        "                               availability in series '*' and parallel '|', from\n"
        "                               MTBF/MTTR, or the tiers table; with downtime\n"
        "  import-components INV FILE   read the pillar guide's component inventory (YAML)\n"
        "                               into review FILE's workload\n"
        "  import-incidents LOG FILE    add incidents (YAML or CSV) to review FILE\n"
        "  evidence [FILE] [...]        collect evidence from AWS for each question (read-only)\n"
        "  iam-policy [--calls]         print the IAM policy evidence collection needs\n"
        "  push FILE [--dry-run]        write the review to the AWS Well-Architected Tool\n"
        "  pull --workload-id ID -o F   build or update a review from the Tool's answers\n"
        "  aws SERVICE OPERATION [...]  run one read-only AWS call, print it as the aws CLI\n"
        "  whoami                       the AWS identity in use and where its credentials\n"
        "                               came from\n"
        "\n"
        "Options:\n"
        "  --questions DIR  use the question set in DIR instead of the built-in one\n"
        "  --offline        never touch the network: evidence, aws and whoami refuse, and\n"
        "                   the wizard shows the stored evidence without collecting\n"
        "  --demo           open the demo review (a working copy under\n"
        "                   ~/.local/share/wa-review/; the built-in one never changes)\n"
        "  --theme NAME     colours: default, light, high-contrast, mono, or a theme FILE\n"
        "  --workshop       start in workshop mode: timer, large layout, participants\n"
        "  --timebox D      workshop time per question, such as 10m (default) or 90s\n"
        "  --role NAME      the wizard's evidence (e, E) sweeps each of the workload's\n"
        "                   accounts as the role NAME in it, as 'evidence --role' does;\n"
        "                   findings are kept per account\n"
        "  --org-unit OU    with --role: the accounts of that Organizations OU or root\n"
        "  --accounts LIST  with --role: these account IDs, not the workload's\n"
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
	{ "evidence", cmd_evidence },
	{ "iam-policy", cmd_iam_policy },
	{ "aws", cmd_aws },
	{ "whoami", cmd_whoami },
	{ "lens", cmd_lens },
	{ "push", cmd_push },
	{ "pull", cmd_pull },
};

/* The wizard in a terminal, else the review's summary (scripts and pipes). */
static int wizard(const struct cli *c, struct ui_opts *ui, int demo, int argc, char **argv)
{
	if (ui_check(ui))
		return EXIT_BAD;
	/* The wizard needs a terminal both ways; scripts and pipes get the summary. */
	if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
		struct qset *qs = cli_load_qset(c);
		int rc;
		if (!qs)
			return EXIT_BAD;
		ui->qs = qs;
		ui->demo = demo;
		ui->file = argc == 1 ? argv[0] : NULL;
		rc = ui_run(ui);
		qset_free(qs);
		return rc;
	}
	if (!demo && argc == 0)
		return cli_usage_error(c, NULL, "give a review FILE, --demo, or a command");
	if (isatty(STDOUT_FILENO))
		err_say("wa-review: standard input is not a terminal; printing the "
		        "summary instead of opening the wizard\n");
	{
		char *sargv[] = { "status", demo ? "--demo" : argv[0], NULL };
		optind = 0;
		return cmd_status(c, 2, sargv);
	}
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "questions", required_argument, NULL, 'q' },
		{ "demo", no_argument, NULL, 'd' },
		{ "theme", required_argument, NULL, 't' },
		{ "workshop", no_argument, NULL, 'w' },
		{ "timebox", required_argument, NULL, 'b' },
		{ "offline", no_argument, NULL, 'o' },
		{ "role", required_argument, NULL, 'R' },
		{ "org-unit", required_argument, NULL, 'O' },
		{ "accounts", required_argument, NULL, 'A' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli c = { "wa-review", NULL, "wa-review " WA_VERSION, false };
	cJSON_Hooks hooks = { xmalloc, free };
	struct ui_opts ui = { 0 };
	const char *wizard_opt = NULL; /* a wizard-only option given, for usage errors */
	const char *role = NULL, *org_unit = NULL, *accounts = NULL;
	struct ev_targets targets = { 0 };
	struct wa_err err;
	int demo = 0, ch, rc;

	/* cJSON's allocations fail the way ours do: one message, exit 2, terminal restored. */
	cJSON_InitHooks(&hooks);

	/* '+': stop at the first non-option, which is the command or FILE. */
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+hV", opts, NULL)) != -1) {
		switch (ch) {
		case 'q': c.questions_dir = optarg; break;
		case 'd': demo = 1; break;
		case 'o':
			/* Not a wizard-only option: it binds the commands and the wizard alike. */
			c.offline = true;
			ui.offline = true;
			break;
		case 't':
			ui.theme = optarg;
			wizard_opt = "--theme";
			break;
		case 'w':
			ui.workshop = true;
			wizard_opt = "--workshop";
			break;
		case 'b':
			if (workload_parse_duration(optarg, &ui.timebox) || ui.timebox <= 0)
				return cli_usage_error(&c, NULL,
				                       "--timebox: '%s' is not a duration "
				                       "such as 10m or 90s",
				                       optarg);
			wizard_opt = "--timebox";
			break;
		/* the wizard's evidence sweep; `evidence` takes them after its name */
		case 'R':
			role = optarg;
			wizard_opt = "--role";
			break;
		case 'O':
			org_unit = optarg;
			wizard_opt = "--org-unit";
			break;
		case 'A':
			accounts = optarg;
			wizard_opt = "--accounts";
			break;
		case 'h': fputs(usage_text, stdout); return EXIT_OK;
		case 'V': printf("wa-review %s\n", WA_VERSION); return EXIT_OK;
		default: return cli_usage_error(&c, NULL, "unknown option '%s'", argv[optind - 1]);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 0) {
		for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
			if (strcmp(argv[0], commands[i].name) == 0) {
				if (demo || wizard_opt)
					return cli_usage_error(&c, NULL, "%s does not go with '%s'",
					                       demo ? "--demo" : wizard_opt,
					                       argv[0]);
				optind = 0; /* glibc: start afresh for the command's own options */
				/* No screen to keep clean: warnings go to stderr. */
				err_notice_enable(1);
				return commands[i].run(&c, argc, argv);
			}
	}
	if (argc > 1)
		return cli_usage_error(&c, NULL, "unknown command '%s'", argv[0]);
	if (demo && argc == 1)
		return cli_usage_error(&c, NULL, "give FILE or --demo, not both");
	/* the same checks and words as `evidence`, before the terminal is taken */
	err_clear(&err);
	if (ev_targets_parse(&targets, role, org_unit, accounts, &err))
		return cli_usage_error(&c, NULL, "%s", err.msg);
	if (role && c.offline) {
		ev_targets_clear(&targets);
		return cli_usage_error(&c, NULL,
		                       "--role does not go with --offline: the sweep assumes the "
		                       "role in each account through AWS");
	}
	ui.targets = &targets;
	rc = wizard(&c, &ui, demo, argc, argv);
	ev_targets_clear(&targets);
	return rc;
}
