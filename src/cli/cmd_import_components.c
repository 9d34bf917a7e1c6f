/* wa-review import-components INVENTORY FILE: the pillar guide's component inventory into a
 * review's workload, under the edit lock. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/avail_print.h"
#include "cli/cli.h"
#include "model/avail.h"
#include "model/inventory.h"
#include "store/inventory_load.h"
#include "store/review_edit.h"
#include "util/err.h"

static const char help[] =
        "usage: wa-review import-components INVENTORY FILE [--overwrite]\n"
        "\n"
        "Reads a component inventory in the Reliability pillar guide's YAML format\n"
        "(workload_name, availability_requirement, rto_requirement, rpo_requirement,\n"
        "components with service, availability_zones, redundancy, single_points_of_failure,\n"
        "and dependencies.external_apis) and puts its components and external APIs into\n"
        "review FILE, replacing those there. The workload's name, availability target, RTO,\n"
        "RPO and criticality are filled in where the review has none.\n"
        "\n"
        "  --overwrite   take those from the inventory even where the review has them\n";

static void report(const struct review *rv, const char *file)
{
	struct avail_summary s;
	struct wa_err err;

	printf("imported %zu component%s and %zu external API%s into %s\n", rv->wl.n_components,
	       rv->wl.n_components == 1 ? "" : "s", rv->wl.n_external_apis,
	       rv->wl.n_external_apis == 1 ? "" : "s", file);
	err_clear(&err);
	if (avail_summarize(rv, &s, &err)) {
		err_say("wa-review: %s: %s\n", file, err.msg);
		return;
	}
	if (s.have_components) {
		avail_print_verdict("computed", s.computed, s.target);
		printf("  single points of failure: ");
		for (size_t i = 0; i < s.n_single_points; i++)
			printf("%s%s", i ? ", " : "", s.single_points[i]);
		printf("%s\n", s.n_single_points ? "" : "none found");
	}
	avail_summary_clear(&s);
}

int cmd_import_components(const struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "overwrite", no_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct inventory *inv = NULL;
	struct qset *qs = NULL;
	struct review_edit ed = { 0 };
	struct wa_err err;
	char **notes = NULL;
	size_t n_notes = 0;
	int ch, overwrite = 0, rc = EXIT_BAD;
	const char *inv_path, *file;

	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'o': overwrite = 1; break;
		case 'h': fputs(help, stdout); return EXIT_OK;
		default:
			return cli_usage_error(c, "import-components", "unknown option '%s'",
			                       argv[optind - 1]);
		}
	}
	if (argc - optind != 2)
		return cli_usage_error(c, "import-components",
		                       "give an INVENTORY file and a review FILE");
	inv_path = argv[optind];
	file = argv[optind + 1];
	err_clear(&err);
	/* A bad inventory is reported before the review is even locked. */
	if (inventory_load(inv_path, &inv, &err)) {
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
	inventory_apply(inv, ed.rv, overwrite, &notes, &n_notes);
	if (review_edit_commit(&ed, &err)) {
		err_print(&err);
		goto out;
	}
	report(ed.rv, file);
	for (size_t i = 0; i < n_notes; i++)
		printf("  note: %s\n", notes[i]);
	rc = EXIT_OK;
out:
	for (size_t i = 0; i < n_notes; i++)
		free(notes[i]);
	free(notes);
	review_edit_close(&ed);
	qset_free(qs);
	inventory_free(inv);
	return rc;
}
