/* wa-review validate [DIR]: load a question set and report what it holds. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "evidence/iam.h"
#include "util/err.h"

static const char help[] =
        "usage: wa-review validate [DIR]\n"
        "\n"
        "Loads the question set in DIR (default: --questions DIR, else the built-in set),\n"
        "checks it as wa-review-questions(5) describes, and prints what it holds.\n"
        "Exit status: 0 valid, 2 invalid (the first error names file:line:column).\n";

int cmd_validate(const struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli local = *c;
	struct qset *qs;
	size_t risk[4] = { 0 }, n_bps = 0, n_probes = 0, n_calls = 0;
	int ch;

	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (ch == 'h') {
			fputs(help, stdout);
			return EXIT_OK;
		}
		return cli_usage_error(c, "validate", "unknown option '%s'", argv[optind - 1]);
	}
	if (argc - optind > 1)
		return cli_usage_error(c, "validate", "expected at most one directory");
	if (argc - optind == 1)
		local.questions_dir = argv[optind];
	qs = cli_load_qset(&local);
	if (!qs)
		return EXIT_BAD;
	for (size_t i = 0; i < qs->n_questions; i++)
		for (size_t j = 0; j < qs->questions[i].n_bps; j++) {
			risk[qs->questions[i].bps[j].risk]++;
			n_bps++;
		}
	for (size_t i = 0; i < qs->n_questions; i++)
		n_probes += qs->questions[i].n_probes;
	free(iam_calls(qs, NULL, false, &n_calls));
	printf("ok: %s (%s, framework version %s)\n", qs->name,
	       local.questions_dir ? local.questions_dir : "built-in", qs->framework_version);
	printf("%zu questions, %zu best practices (%zu high, %zu medium, %zu low risk) "
	       "in %zu areas:\n",
	       qs->n_questions, n_bps, risk[BP_RISK_HIGH], risk[BP_RISK_MEDIUM], risk[BP_RISK_LOW],
	       qs->n_areas);
	for (size_t a = 0; a < qs->n_areas; a++) {
		const struct area *ar = &qs->areas[a];
		size_t bps = 0;
		for (size_t i = ar->first; i < ar->first + ar->count; i++)
			bps += qs->questions[i].n_bps;
		printf("  %-24s %s-%s  %zu questions, %zu best practices\n", ar->title,
		       qs->questions[ar->first].id, qs->questions[ar->first + ar->count - 1].id,
		       ar->count, bps);
	}
	if (n_probes)
		printf("%zu evidence probes, making %zu different read-only AWS calls "
		       "(wa-review iam-policy --calls)\n",
		       n_probes, n_calls);
	qset_free(qs);
	return EXIT_OK;
}
