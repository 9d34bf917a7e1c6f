/* wa-review status FILE: risk per question, per area and overall, as text or JSON. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli/avail_print.h"
#include "cli/cli.h"
#include "model/risk.h"
#include "report/report.h"
#include "report/safe.h"
#include "util/err.h"

static const char help[] =
        "usage: wa-review status FILE [--json] [--fail-on high|medium]\n"
        "       wa-review status --demo\n"
        "\n"
        "Prints each question's risk (HIGH, MEDIUM, NONE, NOT_APPLICABLE, UNANSWERED) and\n"
        "the counts per area and overall; when the review lists components or incidents,\n"
        "or its evidence measured requests, its availability too: computed and measured\n"
        "(from incidents, from requests) against the target, the single points of failure,\n"
        "the yearly cost of downtime.\n"
        "\n"
        "  --json            print the summary as JSON\n"
        "  --fail-on LEVEL   exit 1 when any question is at LEVEL risk or worse\n"
        "  --demo            use the built-in demo review instead of FILE\n";

static int print_json(const struct qset *qs, const struct review *rv, const char *file)
{
	cJSON *root = cJSON_CreateObject(), *set, *questions, *o;
	char *text;
	int rc;

	cJSON_AddStringToObject(root, "file", file ? file : "(built-in demo)");
	cJSON_AddStringToObject(root, "workload", rv->wl.name ? rv->wl.name : "");
	set = cJSON_AddObjectToObject(root, "question_set");
	cJSON_AddStringToObject(set, "id", qs->id);
	cJSON_AddStringToObject(set, "framework_version", qs->framework_version);
	report_json_add_risk(root, qs, rv);
	questions = cJSON_AddArrayToObject(root, "questions");
	for (size_t i = 0; i < qs->n_questions; i++) {
		const struct question *q = &qs->questions[i];
		const struct answer *an = review_find(rv, q->id);
		cJSON *sel;

		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "id", q->id);
		cJSON_AddStringToObject(o, "area", qs->areas[q->area].id);
		cJSON_AddStringToObject(o, "title", q->title);
		cJSON_AddStringToObject(o, "risk", qrisk_name(risk_question(q, an)));
		sel = cJSON_AddArrayToObject(o, "selected");
		for (size_t j = 0; an && j < an->n_selected; j++)
			cJSON_AddItemToArray(sel, cJSON_CreateString(an->selected[j]));
		cJSON_AddNumberToObject(o, "best_practices", (double)q->n_bps);
		cJSON_AddBoolToObject(o, "none_of_these", an && an->none_of_these);
		if (an && an->na != NA_NO)
			cJSON_AddStringToObject(o, "not_applicable", na_reason_name(an->na));
		cJSON_AddBoolToObject(o, "flagged", an && an->flagged);
		cJSON_AddItemToArray(questions, o);
	}
	avail_print_json(root, rv);
	text = report_json_print(root);
	cJSON_Delete(root);
	rc = text && fputs(text, stdout) != EOF ? 0 : -1;
	free(text);
	return rc;
}

static void print_counts_row(FILE *out, const char *label, const struct risk_counts *k)
{
	char answered[32];

	snprintf(answered, sizeof(answered), "%zu/%zu", k->answered, k->total);
	fprintf(out, "  %-26s %8s %5zu %7zu %5zu %5zu\n", label, answered, k->high, k->medium,
	        k->none, k->not_applicable);
}

/* The text summary, availability included, written to a buffer first so that it reaches
 * the terminal made safe (report/safe.h) in one piece. */
static int print_text(const struct qset *qs, const struct review *rv)
{
	struct risk_counts k;
	struct safe_stream ss;
	FILE *out = safe_stream_open(&ss, stdout);

	if (!out)
		return -1;
	fprintf(out, "Review: %s", rv->wl.name ? rv->wl.name : "(unnamed workload)");
	if (rv->wl.environment)
		fprintf(out, " (%s)", rv->wl.environment);
	fprintf(out, "\nQuestion set: %s, framework version %s\n\n", qs->name,
	        qs->framework_version);
	fprintf(out, "  %-26s %8s %5s %7s %5s %5s\n", "Area", "Answered", "High", "Medium", "None",
	        "N/A");
	for (size_t a = 0; a < qs->n_areas; a++) {
		risk_count(qs, rv, a, &k);
		print_counts_row(out, qs->areas[a].title, &k);
	}
	risk_count(qs, rv, RISK_ALL_AREAS, &k);
	print_counts_row(out, "Overall", &k);
	fputc('\n', out);
	for (size_t i = 0; i < qs->n_questions; i++) {
		const struct question *q = &qs->questions[i];
		const struct answer *an = review_find(rv, q->id);

		fprintf(out, "  %-6s %-14s %s%s\n", q->id, qrisk_name(risk_question(q, an)),
		        q->title, an && an->flagged ? "  [follow-up]" : "");
	}
	avail_print_text(out, rv);
	return safe_stream_close(&ss) ? -1 : 0;
}

int cmd_status(const struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "fail-on", required_argument, NULL, 'f' },
		{ "demo", no_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int json = 0, demo = 0, ch, rc = EXIT_OK;
	enum qrisk fail_on = 0;
	const char *file = NULL;
	struct qset *qs;
	struct review *rv;

	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'j': json = 1; break;
		case 'd': demo = 1; break;
		case 'f':
			if (!strcmp(optarg, "high"))
				fail_on = QRISK_HIGH;
			else if (!strcmp(optarg, "medium"))
				fail_on = QRISK_MEDIUM;
			else
				return cli_usage_error(c, "status",
				                       "--fail-on takes high or medium");
			break;
		case 'h': fputs(help, stdout); return EXIT_OK;
		default:
			return cli_usage_error(c, "status", "unknown option '%s'",
			                       argv[optind - 1]);
		}
	}
	if (argc - optind == 1 && !demo)
		file = argv[optind];
	else if (!(argc - optind == 0 && demo))
		return cli_usage_error(c, "status", "give one review FILE (or --demo)");
	qs = cli_load_qset(c);
	if (!qs)
		return EXIT_BAD;
	rv = cli_load_review(c, qs, file);
	if (!rv || avail_print_check(rv, file)) {
		review_free(rv);
		qset_free(qs);
		return EXIT_BAD;
	}
	if (json ? print_json(qs, rv, file) : print_text(qs, rv)) {
		fprintf(stderr, "%s: cannot write the status to standard output\n", c->prog);
		rc = EXIT_BAD;
	}
	if (fail_on && rc == EXIT_OK)
		for (size_t i = 0; i < qs->n_questions; i++)
			if (risk_question(&qs->questions[i],
			                  review_find(rv, qs->questions[i].id)) >= fail_on)
				rc = EXIT_FINDING;
	review_free(rv);
	qset_free(qs);
	return rc;
}
