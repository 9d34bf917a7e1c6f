/* wa-review diff FILE: what changed between two milestones, or since the last one. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli/cli.h"
#include "model/milestone.h"
#include "report/report.h"
#include "report/safe.h"
#include "util/clock.h"
#include "util/err.h"

static const char help[] =
        "usage: wa-review diff FILE [--from A] [--to B] [--json]\n"
        "\n"
        "Shows what changed between milestone A and milestone B of review FILE: questions whose\n"
        "risk went up or down, other changes (answered for the first time, marked not\n"
        "applicable), best practices now in place or marked done, and any no longer in place.\n"
        "\n"
        "  --from A   the earlier milestone (default: the last one; with --to, the one before B)\n"
        "  --to B     the later milestone (default: the review as it is now)\n"
        "  --json     print the changes as JSON\n";

static void print_changes(FILE *out, const char *label, const struct ms_change *v, size_t n)
{
	if (!n)
		return;
	fprintf(out, "\n%s:\n", label);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "  %-6s %s -> %s  %s\n", v[i].q->id, qrisk_name(v[i].from),
		        qrisk_name(v[i].to), v[i].q->title);
}

/* The changes as text, written to a buffer first so that they reach the terminal made
 * safe (report/safe.h): milestone names and titles are the team's text. */
static int print_text(const struct milestone *from, const struct milestone *to,
                      const struct ms_diff *d)
{
	const char *q = strcmp(to->name, "now") ? "'" : "";
	struct safe_stream ss;
	FILE *out = safe_stream_open(&ss, stdout);

	if (!out)
		return -1;
	fprintf(out, "Changes from '%s' (%s) to %s%s%s (%s):\n", from->name, from->date, q,
	        to->name, q, to->date);
	if (milestone_diff_empty(d))
		fprintf(out, "  nothing changed\n");
	print_changes(out, "Risk went down", d->down, d->n_down);
	print_changes(out, "Risk went up", d->up, d->n_up);
	print_changes(out, "Other changes", d->other, d->n_other);
	if (d->n_done)
		fprintf(out, "\nDone:\n");
	for (size_t i = 0; i < d->n_done; i++)
		fprintf(out, "  %-11s %s (%s)\n", d->done[i].bp->id, d->done[i].bp->title,
		        d->done[i].in_place ? "now in place" : "marked done");
	if (d->n_reopened)
		fprintf(out, "\nNo longer in place:\n");
	for (size_t i = 0; i < d->n_reopened; i++)
		fprintf(out, "  %-11s %s\n", d->reopened[i].bp->id, d->reopened[i].bp->title);
	return safe_stream_close(&ss) ? -1 : 0;
}

/* The changes as JSON: the two milestones, then the JSON report's progress keys. */
static int print_json(const struct milestone *from, const struct milestone *to,
                      const struct ms_diff *d)
{
	cJSON *root = cJSON_CreateObject(), *o;
	char *text;
	int rc;

	o = cJSON_AddObjectToObject(root, "from");
	cJSON_AddStringToObject(o, "name", from->name);
	cJSON_AddStringToObject(o, "date", from->date);
	o = cJSON_AddObjectToObject(root, "to");
	cJSON_AddStringToObject(o, "name", to->name);
	cJSON_AddStringToObject(o, "date", to->date);
	report_json_add_changes(root, d);
	text = report_json_print(root);
	cJSON_Delete(root);
	rc = text && fputs(text, stdout) != EOF ? 0 : -1;
	free(text);
	return rc;
}

/* The milestone recorded just before m (one of rv's), or NULL. */
static const struct milestone *before(const struct review *rv, const struct milestone *m)
{
	return m > rv->milestones ? m - 1 : NULL;
}

int cmd_diff(const struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *from_name = NULL, *to_name = NULL;
	const struct milestone *from = NULL, *to = NULL;
	struct milestone *now = NULL;
	struct qset *qs;
	struct review *rv = NULL;
	struct ms_diff d = { 0 };
	int json = 0, ch, rc = EXIT_BAD;
	char stamp[32];

	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (cli_check_arg(c, "diff", opts, ch, optarg))
			return EXIT_BAD;
		switch (ch) {
		case 'f': from_name = optarg; break;
		case 't': to_name = optarg; break;
		case 'j': json = 1; break;
		case 'h': fputs(help, stdout); return EXIT_OK;
		default: return cli_usage_error(c, "diff", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (argc - optind != 1)
		return cli_usage_error(c, "diff", "give one review FILE");
	qs = cli_load_qset(c);
	if (!qs)
		return EXIT_BAD;
	rv = cli_load_review(c, qs, argv[optind]);
	if (!rv)
		goto out;
	if (to_name && !(to = milestone_find(rv, to_name))) {
		cli_usage_error(c, "diff",
		                "no milestone named '%s' (see 'wa-review milestone FILE "
		                "--list')",
		                to_name);
		goto out;
	}
	if (from_name)
		from = milestone_find(rv, from_name);
	else
		from = to ? before(rv, to) : milestone_last(rv);
	if (!from) {
		if (from_name)
			cli_usage_error(c, "diff",
			                "no milestone named '%s' (see 'wa-review milestone "
			                "FILE --list')",
			                from_name);
		else if (to)
			cli_usage_error(c, "diff", "no milestone before '%s'; give --from",
			                to_name);
		else
			cli_usage_error(c, "diff",
			                "the review has no milestone yet; record one with "
			                "'wa-review milestone FILE NAME'");
		goto out;
	}
	if (!to) {
		now = milestone_snapshot(qs, rv, "now",
		                         clock_iso(clock_now(), stamp, sizeof(stamp)));
		to = now;
	}
	milestone_diff(qs, from, to, &d);
	if (json ? print_json(from, to, &d) : print_text(from, to, &d))
		err_say("%s: cannot write the changes to standard output\n", c->prog);
	else
		rc = EXIT_OK;
out:
	milestone_diff_clear(&d);
	milestone_free(now);
	review_free(rv);
	qset_free(qs);
	return rc;
}
