/* wa-review pull: the options and the review file; src/sync/pull.c does the pull (the
 * wizard's Start screen runs the same engine). */
#include <getopt.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "store/review_edit.h"
#include "store/review_io.h"
#include "sync/pull.h"
#include "sync/watool.h"
#include "util/xalloc.h"

static const char help[] =
        "usage: wa-review pull --workload-id ID [-o FILE] [--milestone N]\n"
        "                      [--region R] [--profile P] [--endpoint-url URL]\n"
        "       wa-review pull -o FILE          (FILE already linked to a workload)\n"
        "\n"
        "Reads a workload from the AWS Well-Architected Tool (GetWorkload, GetLensReview,\n"
        "ListAnswers, GetAnswer for the wellarchitected lens's Reliability pillar,\n"
        "ListMilestones) into review FILE: creates it, or updates the answers, workload fields\n"
        "and milestones of the review already there, and links it to the workload (its\n"
        "wa_tool section). Prints the Tool's risk counts next to wa-review's and names each\n"
        "question where they disagree. Without -o the review is printed instead.\n"
        "\n"
        "  --workload-id ID    the workload (default: the one FILE is linked to)\n"
        "  -o, --output FILE   the review to create or update\n"
        "  --milestone N       read the answers as milestone N recorded them\n"
        "  --region R          the Region (default: the linked workload's, then AWS_REGION,\n"
        "                      AWS_DEFAULT_REGION, the profile)\n"
        "  --profile P         the shared config/credentials profile\n"
        "  --endpoint-url URL  send to URL instead of the Tool's public endpoint\n"
        "  -h, --help          show this help\n"
        "\n"
        "Exit status: 0 pulled; 1 a call failed; 2 bad usage or bad input.\n";

int cmd_pull(const struct cli *c, int argc, char **argv)
{
	enum { O_WID = 256, O_MS };
	static const struct option opts[] = {
		{ "workload-id", required_argument, NULL, O_WID },
		{ "output", required_argument, NULL, 'o' },
		{ "milestone", required_argument, NULL, O_MS },
		{ "region", required_argument, NULL, WATOOL_O_REGION },
		{ "profile", required_argument, NULL, WATOOL_O_PROFILE },
		{ "endpoint-url", required_argument, NULL, WATOOL_O_ENDPOINT },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct sync_pull_opts o = { 0 };
	struct review_edit e = { 0 };
	struct review *rv;
	struct qset *qs;
	struct wa_err err;
	char *end;
	int ch, rc;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
		if (watool_option(ch, optarg, &o.in))
			continue;
		switch (ch) {
		case O_WID: o.workload_id = optarg; break;
		case 'o': o.file = optarg; break;
		case O_MS:
			o.milestone = strtol(optarg, &end, 10);
			if (*end || o.milestone < 1 || o.milestone > 100000)
				return cli_usage_error(
				        c, "pull", "--milestone: '%s' is not a milestone number",
				        optarg);
			break;
		case 'h': fputs(help, stdout); return EXIT_OK;
		default: return cli_usage_error(c, "pull", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (argc - optind > 0)
		return cli_usage_error(c, "pull",
		                       "unexpected argument '%s' (the review is -o FILE)",
		                       argv[optind]);
	if (!o.workload_id && !o.file)
		return cli_usage_error(c, "pull",
		                       "give --workload-id ID, or -o FILE of a linked "
		                       "review");
	if (o.workload_id &&
	    (cli_check_text(c, "pull", "--workload-id", o.workload_id) || !*o.workload_id))
		return cli_usage_error(c, "pull", "--workload-id: give the workload's ID");
	if (cli_refuse_offline(c, "pull"))
		return EXIT_BAD;
	if (!(qs = cli_load_qset(c)))
		return EXIT_BAD;
	/* The account goes to stderr when the review itself is printed. */
	o.out = o.file ? stdout : stderr;
	o.err = stderr;
	err_clear(&err);
	if (o.file && access(o.file, F_OK) == 0) {
		if (review_edit_open(&e, o.file, qs, &err)) {
			err_print(&err);
			qset_free(qs);
			return EXIT_BAD;
		}
		rv = e.rv;
	} else {
		rv = review_new();
		rv->set_id = xstrdup(qs->id);
		rv->framework_version = xstrdup_opt(qs->framework_version);
	}
	rc = sync_pull(rv, qs, &o);
	if (rc != SYNC_OK) {
		rc = rc == SYNC_INCOMPLETE ? EXIT_FINDING : EXIT_BAD;
	} else if (o.file && e.rv) {
		rc = review_edit_commit(&e, &err) ? (err_print(&err), EXIT_BAD) : EXIT_OK;
	} else if (o.file) {
		/* A new file, written only once the pull has worked: never a half review. */
		rc = review_edit_create(&e, o.file, qs, rv, &err) || review_edit_commit(&e, &err)
		             ? (err_print(&err), EXIT_BAD)
		             : EXIT_OK;
		rv = NULL; /* e owns it now, or freed it */
	} else {
		char *text = review_format(rv, qs);
		fputs(text ? text : "", stdout);
		free(text);
		rc = text ? EXIT_OK : EXIT_BAD;
	}
	if (!e.rv)
		review_free(rv);
	review_edit_close(&e);
	qset_free(qs);
	return rc;
}
