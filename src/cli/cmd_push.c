/* wa-review push FILE: the options, then src/sync/push.c does the push (the wizard's
 * Risks screen runs the same engine). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "store/review_edit.h"
#include "sync/push.h"
#include "sync/watool.h"

static const char help[] =
        "usage: wa-review push FILE [--workload-id ID] [--dry-run] [--force]\n"
        "                      [--region R] [--profile P] [--endpoint-url URL]\n"
        "\n"
        "Writes review FILE to the AWS Well-Architected Tool: creates the workload (name,\n"
        "description, environment, Regions, account IDs, review owner, architectural design,\n"
        "the wellarchitected lens) or updates the one FILE is linked to, writes every complete\n"
        "answer with UpdateAnswer, and records each milestone the Tool lacks with\n"
        "CreateMilestone. The link (workload ID, Region, a digest of each answer as written)\n"
        "is kept in FILE's wa_tool section. Questions with practices still open are not\n"
        "pushed. Notes longer than the Tool's 2,084 characters are cut, saying where the\n"
        "whole note is.\n"
        "\n"
        "  --workload-id ID    push to this workload (and link FILE to it)\n"
        "  --dry-run           print every call push would make; change nothing\n"
        "  --force             overwrite answers changed in the Tool since the last push or\n"
        "                      pull (push refuses otherwise, printing the differences)\n"
        "  --region R          the Region (default: the linked workload's, then AWS_REGION,\n"
        "                      AWS_DEFAULT_REGION, the profile)\n"
        "  --profile P         the shared config/credentials profile\n"
        "  --endpoint-url URL  send to URL instead of the Tool's public endpoint\n"
        "  -h, --help          show this help\n"
        "\n"
        "Exit status: 0 everything pushed; 1 something was not (refused, skipped, or a call\n"
        "failed: run push again, it carries on where it stopped); 2 bad usage or bad input.\n";

int cmd_push(const struct cli *c, int argc, char **argv)
{
	enum { O_WID = 256, O_DRY, O_FORCE };
	static const struct option opts[] = {
		{ "workload-id", required_argument, NULL, O_WID },
		{ "dry-run", no_argument, NULL, O_DRY },
		{ "force", no_argument, NULL, O_FORCE },
		{ "region", required_argument, NULL, WATOOL_O_REGION },
		{ "profile", required_argument, NULL, WATOOL_O_PROFILE },
		{ "endpoint-url", required_argument, NULL, WATOOL_O_ENDPOINT },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct sync_push_opts o = { 0 };
	struct review_edit e = { 0 };
	struct qset *qs;
	struct wa_err err;
	int ch, rc;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (watool_option(ch, optarg, &o.in))
			continue;
		switch (ch) {
		case O_WID: o.workload_id = optarg; break;
		case O_DRY: o.dry_run = true; break;
		case O_FORCE: o.force = true; break;
		case 'h': fputs(help, stdout); return EXIT_OK;
		default: return cli_usage_error(c, "push", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (argc - optind != 1)
		return cli_usage_error(c, "push", "give one review FILE");
	if (o.workload_id &&
	    (cli_check_text(c, "push", "--workload-id", o.workload_id) || !*o.workload_id))
		return cli_usage_error(c, "push", "--workload-id: give the workload's ID");
	if (cli_refuse_offline(c, "push"))
		return EXIT_BAD;
	qs = cli_load_qset(c);
	if (!qs)
		return EXIT_BAD;
	o.file = argv[optind];
	o.out = stdout;
	o.err = stderr;
	err_clear(&err);
	if (review_edit_open(&e, o.file, qs, &err)) {
		err_print(&err);
		qset_free(qs);
		return EXIT_BAD;
	}
	rc = sync_push(&e, qs, &o, NULL);
	review_edit_close(&e);
	qset_free(qs);
	return rc == SYNC_OK ? EXIT_OK : rc == SYNC_INCOMPLETE ? EXIT_FINDING : EXIT_BAD;
}
