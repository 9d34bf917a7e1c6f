/* wa-review roadmap FILE: print the prioritized plan, or change one item's owner, effort,
 * target week or status (under the edit lock, saved atomically). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "model/roadmap.h"
#include "model/roadmap_edit.h"
#include "report/report.h"
#include "report/safe.h"
#include "store/review_edit.h"
#include "util/clock.h"
#include "util/err.h"
#include "util/xalloc.h"

static const char help[] =
        "usage: wa-review roadmap FILE [--json]\n"
        "       wa-review roadmap FILE --set BP [--owner NAME] [--effort LEVEL] [--week N]\n"
        "                         [--status STATUS] [--reason TEXT] [--reset]\n"
        "       wa-review roadmap --demo [--json]\n"
        "\n"
        "Prints the improvement roadmap: every best practice not in place, in plan order,\n"
        "grouped into the plan's phases with its target week and date (week 1 starts on the\n"
        "day the review was created), owner and status; then the items that will not be done\n"
        "(see PRIORITY MODEL in wa-review(1)). With --set, changes the settings of one item\n"
        "and saves FILE; settings are kept by best-practice ID and survive any\n"
        "re-prioritization.\n"
        "\n"
        "  --json            print the plan as the JSON report (wa-review-report(5))\n"
        "  --demo            use the built-in demo review instead of FILE\n"
        "  --set BP          the item to change, by best-practice ID (REL09-BP02)\n"
        "  --owner NAME      who owns it ('' clears)\n"
        "  --effort LEVEL    low, medium or high instead of the question set's; 'auto' clears\n"
        "  --week N          target week, 1 to 104 (the plan runs 12), which moves the item to\n"
        "                    that week's phase; 'auto' clears\n"
        "  --status STATUS   planned, in_progress, done or wont_do (wont_do needs --reason)\n"
        "  --reason TEXT     why it will not be done\n"
        "  --reset           drop every setting of the item first\n";

struct set_opts {
	const char *bp;
	struct roadmap_change ch;
};

static void print_item(FILE *out, const struct roadmap_item *it, long long start)
{
	char week[16], due[16];

	snprintf(week, sizeof(week), "%d%s", it->week, it->week_overridden ? "*" : "");
	fprintf(out, "  %3zu  %-11s P%d  %-6s %-6s %-6s %4s  %-10s  %-18.18s %s\n", it->rank,
	        it->bp->id, it->priority, bp_risk_name(it->risk), rm_impact_name(it->impact),
	        effort_name(it->effort), week, roadmap_week_day(start, it->week, true, due, 16),
	        it->ov.owner ? it->ov.owner : "-", rm_status_label(it->ov.status));
	fprintf(out, "       %s%s\n", it->bp->title,
	        it->confirmed ? "  [confirmed by evidence]" : "");
}

static void print_plan(FILE *out, const struct qset *qs, const struct review *rv,
                       const struct roadmap *rm)
{
	const struct roadmap_item **v = xcalloc(rm->n_items + 1, sizeof(*v));
	size_t done = 0, quad[RM_N_QUADRANTS] = { 0 };
	bool created;
	long long start = roadmap_start(rv, (long long)clock_now(), &created);
	char day[16];

	for (size_t i = 0; i < rm->n_planned; i++) {
		done += rm->items[i].ov.status == RM_DONE;
		quad[rm->items[i].quadrant]++;
	}
	fprintf(out, "Roadmap: %s (business criticality %s%s)\n",
	        rv->wl.name ? rv->wl.name : "(unnamed workload)", rm->criticality,
	        rm->criticality_default ? ", not set: counted as medium" : "");
	fprintf(out,
	        "%zu best practices not in place: %zu in the plan (%zu open, %zu done), %zu not "
	        "planned.\n",
	        rm->n_items, rm->n_planned, rm->n_planned - done, done,
	        rm->n_items - rm->n_planned);
	fprintf(out, "Week 1 starts on %s (%s).\n",
	        roadmap_week_day(start, 1, false, day, sizeof(day)),
	        created ? "the review's creation date" : "today: the review has no creation date");
	if (rm->n_unanswered) {
		fprintf(out, "Not answered yet, so not in the plan:");
		for (size_t i = 0; i < qs->n_questions; i++)
			if (!answer_is_answered(review_find(rv, qs->questions[i].id)))
				fprintf(out, " %s", qs->questions[i].id);
		fputc('\n', out);
	}
	for (int p = RM_PHASE_1; p <= RM_PHASE_LATER; p++) {
		size_t n = roadmap_phase_items(rm, (enum rm_phase)p, v);
		int first, last;

		if (!n && p == RM_PHASE_LATER)
			continue;
		roadmap_phase_weeks((enum rm_phase)p, &first, &last);
		if (p == RM_PHASE_LATER)
			fprintf(out, "\n%s (week %d and later)\n", rm_phase_title((enum rm_phase)p),
			        first);
		else
			fprintf(out, "\n%s (weeks %d-%d)\n", rm_phase_title((enum rm_phase)p),
			        first, last);
		if (!n) {
			fprintf(out, "  nothing\n");
			continue;
		}
		fprintf(out, "  %3s  %-11s %-3s %-6s %-6s %-6s %4s  %-10s  %-18s %s\n", "#", "Item",
		        "Pri", "Risk", "Impact", "Effort", "Week", "Due", "Owner", "Status");
		for (size_t i = 0; i < n; i++)
			print_item(out, v[i], start);
	}
	if (rm->n_planned < rm->n_items) {
		fprintf(out, "\nNot planned (won't do)\n");
		for (size_t i = rm->n_planned; i < rm->n_items; i++)
			fprintf(out, "  %-11s %s: %s\n", rm->items[i].bp->id,
			        rm->items[i].bp->title, rm->items[i].ov.reason);
	}
	fprintf(out, "\nPriority matrix:");
	for (int q = 0; q < RM_N_QUADRANTS; q++)
		fprintf(out, "%s %s %zu", q ? "," : "", rm_quadrant_title((enum rm_quadrant)q),
		        quad[q]);
	fprintf(out, "\n(* the team's own target week)\n");
	free(v);
}

static int show(const struct cli *c, const char *file, int json)
{
	struct qset *qs = cli_load_qset(c);
	struct review *rv = NULL;
	struct roadmap rm = { 0 };
	struct wa_err err;
	int rc = EXIT_BAD;

	if (!qs)
		return EXIT_BAD;
	rv = cli_load_review(c, qs, file);
	if (!rv)
		goto out;
	err_clear(&err);
	if (json) {
		struct report_opts o = { .generator = c->version };
		char *text = report_render(REPORT_JSON, qs, rv, &o, &err);
		if (!text) {
			err_print(&err);
			goto out;
		}
		fputs(text, stdout);
		free(text);
	} else {
		struct safe_stream ss;
		FILE *f;

		if (roadmap_build(qs, rv, &rm, &err)) {
			err_print(&err);
			goto out;
		}
		/* Names, owners and reasons are the team's text: made safe for the terminal. */
		if (!(f = safe_stream_open(&ss, stdout)))
			goto out;
		print_plan(f, qs, rv, &rm);
		if (safe_stream_close(&ss))
			goto out;
	}
	rc = EXIT_OK;
out:
	roadmap_clear(&rm);
	review_free(rv);
	qset_free(qs);
	return rc;
}

/* Where the item stands after a change: its rank, phase and week, or why it is not in the
 * roadmap. The owner is the team's text: made safe for the terminal. */
static void print_result(const struct qset *qs, const struct review *rv, const char *bpid)
{
	const struct question *q = NULL;
	const struct roadmap_item *it;
	struct roadmap rm;
	struct wa_err err;
	struct safe_stream ss;
	FILE *out;

	if (roadmap_build(qs, rv, &rm, &err) || !(out = safe_stream_open(&ss, stdout))) {
		roadmap_clear(&rm);
		return;
	}
	it = roadmap_find(&rm, bpid);
	if (it && it->ov.status == RM_WONT_DO) {
		fprintf(out, "%s: rank %zu, not planned (won't do)\n", bpid, it->rank);
	} else if (it) {
		fprintf(out, "%s: rank %zu, P%d, %s, week %d, owner %s, %s\n", bpid, it->rank,
		        it->priority, rm_phase_title(it->phase), it->week,
		        it->ov.owner ? it->ov.owner : "unassigned", rm_status_label(it->ov.status));
	} else {
		const struct answer *a;

		roadmap_lookup_bp(qs, bpid, &q);
		a = q ? review_find(rv, q->id) : NULL;
		fprintf(out,
		        "%s: saved; it is not in the roadmap now (%s), and the settings apply if "
		        "it becomes one\n",
		        bpid,
		        !answer_is_answered(a) ? "its question is not answered yet"
		        : a->na != NA_NO       ? "its question is not applicable"
		                               : "it is in place");
	}
	safe_stream_close(&ss);
	roadmap_clear(&rm);
}

static int set_item(const struct cli *c, const char *file, const struct set_opts *o)
{
	struct qset *qs = cli_load_qset(c);
	struct review_edit ed = { 0 };
	struct wa_err err;
	char now[32];
	int rc = EXIT_BAD;

	if (!qs)
		return EXIT_BAD;
	if (!roadmap_lookup_bp(qs, o->bp, NULL)) {
		cli_usage_error(c, "roadmap",
		                "'%s' is not a best practice of set '%s' (give a full "
		                "ID such as REL09-BP02)",
		                o->bp, qs->id);
		goto out;
	}
	err_clear(&err);
	if (review_edit_open(&ed, file, qs, &err)) {
		err_print(&err);
		goto out;
	}
	clock_iso(clock_now(), now, sizeof(now));
	if (roadmap_override_set(ed.rv, qs, o->bp, &o->ch, now, &err)) {
		cli_usage_error(c, "roadmap", "%s: %s", o->bp, err.msg);
		goto out;
	}
	if (review_edit_commit(&ed, &err)) {
		err_print(&err);
		goto out;
	}
	print_result(qs, ed.rv, o->bp);
	rc = EXIT_OK;
out:
	review_edit_close(&ed);
	qset_free(qs);
	return rc;
}

int cmd_roadmap(const struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "demo", no_argument, NULL, 'd' },
		{ "set", required_argument, NULL, 's' },
		{ "owner", required_argument, NULL, 'o' },
		{ "effort", required_argument, NULL, 'e' },
		{ "week", required_argument, NULL, 'w' },
		{ "status", required_argument, NULL, 't' },
		{ "reason", required_argument, NULL, 'r' },
		{ "reset", no_argument, NULL, 'R' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct set_opts o = { 0 };
	int json = 0, demo = 0, ch, changes = 0;
	const char *file = NULL;

	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (cli_check_arg(c, "roadmap", opts, ch, optarg))
			return EXIT_BAD;
		switch (ch) {
		case 'j': json = 1; break;
		case 'd': demo = 1; break;
		case 's': o.bp = optarg; break;
		case 'o':
			o.ch.owner = optarg;
			changes++;
			break;
		case 'e':
			o.ch.effort = optarg;
			changes++;
			break;
		case 'w':
			o.ch.week = optarg;
			changes++;
			break;
		case 't':
			o.ch.status = optarg;
			changes++;
			break;
		case 'r':
			o.ch.reason = optarg;
			changes++;
			break;
		case 'R':
			o.ch.reset = true;
			changes++;
			break;
		case 'h': fputs(help, stdout); return EXIT_OK;
		default:
			return cli_usage_error(c, "roadmap", "unknown option '%s'",
			                       argv[optind - 1]);
		}
	}
	if (argc - optind == 1 && !demo)
		file = argv[optind];
	else if (!(argc - optind == 0 && demo))
		return cli_usage_error(c, "roadmap", "give one review FILE (or --demo)");
	if (!o.bp && changes)
		return cli_usage_error(c, "roadmap",
		                       "--owner, --effort, --week, --status, --reason "
		                       "and --reset go with --set BP");
	if (!o.bp)
		return show(c, file, json);
	if (json || demo)
		return cli_usage_error(c, "roadmap",
		                       "--set changes a review FILE; it does not go "
		                       "with --json or --demo");
	if (!changes)
		return cli_usage_error(c, "roadmap",
		                       "nothing to change: give --owner, --effort, "
		                       "--week, --status, --reason or --reset");
	return set_item(c, file, &o);
}
