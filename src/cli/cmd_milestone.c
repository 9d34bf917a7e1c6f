/* wa-review milestone FILE NAME: record a named, dated snapshot of the review's answers,
 * risks and finished roadmap items, to measure progress against later (wa-review diff). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "model/milestone.h"
#include "model/risk.h"
#include "store/review_edit.h"
#include "util/clock.h"
#include "util/err.h"

static const char help[] =
        "usage: wa-review milestone FILE NAME\n"
        "       wa-review milestone FILE --list\n"
        "\n"
        "Records the review as it stands (each question's risk and selections, and the roadmap\n"
        "items marked done) as milestone NAME, dated now, in FILE's milestones section.\n"
        "'wa-review diff' and the report's \"Progress since the last milestone\" compare\n"
        "against it. Names are unique within a review.\n"
        "\n"
        "  --list   list the milestones recorded, oldest first\n";

static int list(const struct cli *c, const char *file)
{
	struct qset *qs = cli_load_qset(c);
	struct review *rv;

	if (!qs)
		return EXIT_BAD;
	rv = cli_load_review(c, qs, file);
	if (!rv) {
		qset_free(qs);
		return EXIT_BAD;
	}
	if (!rv->n_milestones)
		printf("No milestones yet.\n");
	for (size_t i = 0; i < rv->n_milestones; i++)
		printf("%-22s %s\n", rv->milestones[i].date, rv->milestones[i].name);
	review_free(rv);
	qset_free(qs);
	return EXIT_OK;
}

static int record(const struct cli *c, const char *file, const char *name)
{
	struct qset *qs = cli_load_qset(c);
	struct review_edit ed = { 0 };
	struct risk_counts k;
	struct wa_err err;
	char now[32];
	int rc = EXIT_BAD;

	if (!qs)
		return EXIT_BAD;
	err_clear(&err);
	if (review_edit_open(&ed, file, qs, &err)) {
		err_print(&err);
		goto out;
	}
	clock_iso(clock_now(), now, sizeof(now));
	if (milestone_add(ed.rv, qs, name, now, &err)) {
		cli_usage_error(c, "milestone", "%s", err.msg);
		goto out;
	}
	if (review_edit_commit(&ed, &err)) {
		err_print(&err);
		goto out;
	}
	risk_count(qs, ed.rv, RISK_ALL_AREAS, &k);
	printf("Recorded milestone '%s' (%s): %zu of %zu answered, %zu high, %zu medium, "
	       "%zu none, %zu not applicable\n",
	       name, now, k.answered, k.total, k.high, k.medium, k.none, k.not_applicable);
	rc = EXIT_OK;
out:
	review_edit_close(&ed);
	qset_free(qs);
	return rc;
}

int cmd_milestone(const struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "list", no_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int ch, want_list = 0;

	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'l': want_list = 1; break;
		case 'h': fputs(help, stdout); return EXIT_OK;
		default:
			return cli_usage_error(c, "milestone", "unknown option '%s'",
			                       argv[optind - 1]);
		}
	}
	if (want_list && argc - optind == 1)
		return list(c, argv[optind]);
	if (want_list || argc - optind != 2)
		return cli_usage_error(c, "milestone", "give a review FILE and a milestone NAME");
	if (cli_check_text(c, "milestone", "the milestone NAME", argv[optind + 1]))
		return EXIT_BAD;
	return record(c, argv[optind], argv[optind + 1]);
}
