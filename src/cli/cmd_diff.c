/* wa-review diff FILE: what changed between two milestones, or since the last one. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli/cli.h"
#include "model/milestone.h"
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

static void print_changes(const char *label, const struct ms_change *v, size_t n)
{
	if (!n)
		return;
	printf("\n%s:\n", label);
	for (size_t i = 0; i < n; i++)
		printf("  %-6s %s -> %s  %s\n", v[i].q->id, qrisk_name(v[i].from),
		       qrisk_name(v[i].to), v[i].q->title);
}

static void print_text(const struct milestone *from, const struct milestone *to,
                       const struct ms_diff *d)
{
	const char *q = strcmp(to->name, "now") ? "'" : "";

	printf("Changes from '%s' (%s) to %s%s%s (%s):\n", from->name, from->date, q, to->name, q,
	       to->date);
	if (milestone_diff_empty(d)) {
		printf("  nothing changed\n");
		return;
	}
	print_changes("Risk went down", d->down, d->n_down);
	print_changes("Risk went up", d->up, d->n_up);
	print_changes("Other changes", d->other, d->n_other);
	if (d->n_done)
		printf("\nDone:\n");
	for (size_t i = 0; i < d->n_done; i++)
		printf("  %-11s %s (%s)\n", d->done[i].bp->id, d->done[i].bp->title,
		       d->done[i].in_place ? "now in place" : "marked done");
	if (d->n_reopened)
		printf("\nNo longer in place:\n");
	for (size_t i = 0; i < d->n_reopened; i++)
		printf("  %-11s %s\n", d->reopened[i].bp->id, d->reopened[i].bp->title);
}

static cJSON *changes_json(const struct ms_change *v, size_t n)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; i < n; i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "question", v[i].q->id);
		cJSON_AddStringToObject(o, "from", qrisk_name(v[i].from));
		cJSON_AddStringToObject(o, "to", qrisk_name(v[i].to));
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static void print_json(const struct milestone *from, const struct milestone *to,
                       const struct ms_diff *d)
{
	cJSON *root = cJSON_CreateObject(), *o, *done, *re;
	char *text;

	o = cJSON_AddObjectToObject(root, "from");
	cJSON_AddStringToObject(o, "name", from->name);
	cJSON_AddStringToObject(o, "date", from->date);
	o = cJSON_AddObjectToObject(root, "to");
	cJSON_AddStringToObject(o, "name", to->name);
	cJSON_AddStringToObject(o, "date", to->date);
	cJSON_AddItemToObject(root, "risk_up", changes_json(d->up, d->n_up));
	cJSON_AddItemToObject(root, "risk_down", changes_json(d->down, d->n_down));
	cJSON_AddItemToObject(root, "other", changes_json(d->other, d->n_other));
	done = cJSON_AddArrayToObject(root, "done");
	for (size_t i = 0; i < d->n_done; i++) {
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "id", d->done[i].bp->id);
		cJSON_AddBoolToObject(o, "in_place", d->done[i].in_place);
		cJSON_AddItemToArray(done, o);
	}
	re = cJSON_AddArrayToObject(root, "reopened");
	for (size_t i = 0; i < d->n_reopened; i++)
		cJSON_AddItemToArray(re, cJSON_CreateString(d->reopened[i].bp->id));
	text = cJSON_Print(root);
	if (text)
		puts(text);
	cJSON_free(text);
	cJSON_Delete(root);
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
	if (json)
		print_json(from, to, &d);
	else
		print_text(from, to, &d);
	rc = EXIT_OK;
out:
	milestone_diff_clear(&d);
	milestone_free(now);
	review_free(rv);
	qset_free(qs);
	return rc;
}
