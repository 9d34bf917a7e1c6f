/* wa-review import-incidents LOG FILE: incident history (YAML or CSV) into a review, under
 * the edit lock, skipping incidents already recorded. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/avail_print.h"
#include "cli/cli.h"
#include "model/avail.h"
#include "store/incidents_load.h"
#include "store/review_edit.h"
#include "util/clock.h"
#include "util/err.h"

static const char help[] =
        "usage: wa-review import-incidents LOG FILE [--replace] [--format yaml|csv]\n"
        "\n"
        "Adds the incidents in LOG to review FILE; ones already recorded (same start,\n"
        "duration and impact) are skipped, so importing the same log twice changes nothing.\n"
        "LOG is YAML (a list of date, duration, impact, note; or an incidents: key holding\n"
        "one) or CSV with a header row naming date, duration and optionally impact and note.\n"
        "Dates are UTC (2024-01-15 or 2024-01-15T10:30:00Z); durations such as 45m or\n"
        "1h30m; impact full (the default) or partial.\n"
        "\n"
        "  --replace         drop the incidents the review has first\n"
        "  --format FORMAT   yaml or csv (default: csv for a .csv file name, else yaml)\n";

static void report(const struct review *rv, size_t added, size_t skipped, const char *file)
{
	struct avail_summary s;
	struct avail_measured me;
	struct wa_err err;
	char a[64], b[64];

	printf("added %zu incident%s to %s", added, added == 1 ? "" : "s", file);
	if (skipped)
		printf(" (%zu already recorded)", skipped);
	printf("; %zu in its history\n", rv->n_incidents);
	err_clear(&err);
	if (!rv->n_incidents || avail_measure(rv, (long long)clock_now(), &me, &err) ||
	    avail_summarize(rv, &s, &err))
		return;
	avail_print_verdict("measured", s.measured, s.target);
	avail_format_duration(me.mttr, a, sizeof(a));
	avail_format_duration(me.mtbf, b, sizeof(b));
	printf("  %-10s MTTR %s, MTBF %s over %.0f days\n", "", a, b,
	       (double)(me.end - me.start) / 86400);
	avail_summary_clear(&s);
}

int cmd_import_incidents(const struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "replace", no_argument, NULL, 'r' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct incident *list = NULL;
	size_t n = 0, added = 0, skipped = 0;
	struct qset *qs = NULL;
	struct review_edit ed = { 0 };
	struct avail_measured me;
	struct wa_err err;
	const char *format = NULL, *log, *file;
	int ch, replace = 0, rc = EXIT_BAD;

	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'r': replace = 1; break;
		case 'f':
			if (strcmp(optarg, "yaml") != 0 && strcmp(optarg, "csv") != 0)
				return cli_usage_error(c, "import-incidents",
				                       "--format takes yaml or csv");
			format = optarg;
			break;
		case 'h': fputs(help, stdout); return EXIT_OK;
		default:
			return cli_usage_error(c, "import-incidents", "unknown option '%s'",
			                       argv[optind - 1]);
		}
	}
	if (argc - optind != 2)
		return cli_usage_error(c, "import-incidents",
		                       "give an incident LOG file and a review FILE");
	log = argv[optind];
	file = argv[optind + 1];
	err_clear(&err);
	if (incidents_load(log, format, &list, &n, &err)) {
		err_print(&err);
		return EXIT_BAD;
	}
	qs = cli_load_qset(c);
	if (!qs)
		goto out;
	if (review_edit_open(&ed, file, qs, &err)) {
		err_print(&err);
		goto out;
	}
	avail_incidents_merge(ed.rv, list, n, replace, &added, &skipped);
	/* An incident that has not ended yet by the clock would make every later status fail:
	 * refuse it now, with the review unchanged. */
	if (avail_measure(ed.rv, (long long)clock_now(), &me, &err)) {
		err_say("wa-review: %s: %s\n", log, err.msg);
		goto out;
	}
	if (review_edit_commit(&ed, &err)) {
		err_print(&err);
		goto out;
	}
	report(ed.rv, added, skipped, file);
	rc = EXIT_OK;
out:
	for (size_t i = 0; i < n; i++)
		incident_clear(&list[i]);
	free(list);
	review_edit_close(&ed);
	qset_free(qs);
	return rc;
}
