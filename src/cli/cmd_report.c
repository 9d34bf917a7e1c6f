/* wa-review report FILE: the review's report as Markdown, JSON, CSV or HTML, on standard
 * output or written atomically to a file. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "report/report.h"
#include "store/review_paths.h"
#include "util/fsio.h"
#include "util/err.h"

static const char help[] =
        "usage: wa-review report FILE [--format md|json|csv|html] [-o OUT] [--redact]\n"
        "       wa-review report --demo [options]\n"
        "\n"
        "Writes the review's report: the workload, availability, risk by area, progress since\n"
        "the last milestone, the priority matrix, the phased plan and every roadmap item, with\n"
        "an appendix of all answers (see wa-review-report(5)).\n"
        "\n"
        "  --format FORMAT   md (default; CommonMark with tables and task lists), json (for\n"
        "                    scripts), csv (roadmap items for a tracker import) or html (one\n"
        "                    self-contained page that prints well)\n"
        "  -o, --output OUT  write to OUT (atomically) instead of standard output, no more\n"
        "                    open than the review (group and others read it only if they\n"
        "                    may read the review; the umask applies)\n"
        "  --redact          mask AWS account IDs and ARNs, notes included, for sharing\n"
        "  --demo            use the built-in demo review instead of FILE\n";

int cmd_report(const struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "redact", no_argument, NULL, 'r' },
		{ "demo", no_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	enum report_format fmt = REPORT_MD;
	struct report_opts ro = { .generator = c->version };
	const char *file = NULL, *out = NULL;
	int demo = 0, ch, rc = EXIT_BAD;
	struct qset *qs;
	struct review *rv = NULL;
	struct wa_err err;
	char *text = NULL;

	while ((ch = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if (report_format_parse(optarg, &fmt))
				return cli_usage_error(c, "report",
				                       "--format takes md, json, csv or "
				                       "html, not '%s'",
				                       optarg);
			break;
		case 'o': out = optarg; break;
		case 'r': ro.redact = true; break;
		case 'd': demo = 1; break;
		case 'h': fputs(help, stdout); return EXIT_OK;
		default:
			return cli_usage_error(c, "report", "unknown option '%s'",
			                       argv[optind - 1]);
		}
	}
	if (argc - optind == 1 && !demo)
		file = argv[optind];
	else if (!(argc - optind == 0 && demo))
		return cli_usage_error(c, "report", "give one review FILE (or --demo)");
	if (out && !*out)
		return cli_usage_error(c, "report", "-o needs a file name");
	if (out && file && review_paths_check(file, out, &err))
		return cli_usage_error(c, "report", "-o %s", err.msg);
	qs = cli_load_qset(c);
	if (!qs)
		return EXIT_BAD;
	rv = cli_load_review(c, qs, file);
	if (!rv)
		goto done;
	err_clear(&err);
	text = report_render(fmt, qs, rv, &ro, &err);
	if (!text) {
		err_print(&err);
		goto done;
	}
	if (out) {
		/* A report holds the review's notes: no more open than the review. */
		if (fsio_write_atomic_within(out, text, strlen(text), fsio_mode_within(file, 0644),
		                             &err)) {
			err_print(&err);
			goto done;
		}
		err_say("%s: wrote %s report to %s\n", c->prog, report_format_name(fmt), out);
	} else if (fputs(text, stdout) == EOF || fflush(stdout) == EOF) {
		err_say("%s: cannot write the report to standard output\n", c->prog);
		goto done;
	}
	rc = EXIT_OK;
done:
	free(text);
	review_free(rv);
	qset_free(qs);
	return rc;
}
