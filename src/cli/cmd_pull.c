/* wa-review pull: builds or updates a review from a workload's answers in the AWS
 * Well-Architected Tool (the wellarchitected lens, Reliability pillar), its workload fields
 * and its milestones, and sets the Tool's risk counts beside ours, naming each question
 * where the two disagree. Read-only: it makes only Get and List calls. */
#include <getopt.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/watool.h"
#include "model/milestone.h"
#include "model/risk.h"
#include "model/wasync.h"
#include "report/safe.h"
#include "store/review_edit.h"
#include "store/review_io.h"
#include "util/clock.h"
#include "util/err.h"
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

struct pull {
	const char *file, *base;
	const struct qset *qs;
	struct review *rv;
	struct aws_client *c;
	const char *wid;
	long milestone;
	FILE *out; /* where the account of the pull goes: stderr when the review is printed */
};

static cJSON *wid_params(const struct pull *p)
{
	cJSON *params = cJSON_CreateObject();

	cJSON_AddStringToObject(params, "WorkloadId", p->wid);
	return params;
}

static cJSON *call(struct pull *p, const char *op, cJSON *params)
{
	struct wa_err err;
	cJSON *out = watool_call(p->c, op, params, NULL, &err);

	if (!out)
		err_print(&err);
	cJSON_Delete(params);
	return out;
}

static void print_counts(FILE *out, const char *who, const cJSON *tool,
                         const struct risk_counts *ours)
{
	if (tool) {
		const char *k[] = { "HIGH", "MEDIUM", "NONE", "NOT_APPLICABLE", "UNANSWERED" };
		long v[5];

		for (int i = 0; i < 5; i++)
			v[i] = (long)cJSON_GetNumberValue(
			        cJSON_GetObjectItemCaseSensitive(tool, k[i]));
		fprintf(out,
		        "%-10s high %ld  medium %ld  none %ld  not applicable %ld  unanswered "
		        "%ld\n",
		        who, v[0] > 0 ? v[0] : 0, v[1] > 0 ? v[1] : 0, v[2] > 0 ? v[2] : 0,
		        v[3] > 0 ? v[3] : 0, v[4] > 0 ? v[4] : 0);
		return;
	}
	fprintf(out, "%-10s high %zu  medium %zu  none %zu  not applicable %zu  unanswered %zu\n",
	        who, ours->high, ours->medium, ours->none, ours->not_applicable,
	        ours->total - ours->answered);
}

/* The answers: each replaced by the Tool's where they differ. Returns 0, or -1. */
static int pull_answers(struct pull *p)
{
	cJSON **answers = xcalloc(p->qs->n_questions + 1, sizeof(*answers));
	bool *missing = xcalloc(p->qs->n_questions + 1, sizeof(*missing));
	size_t changed = 0;
	char *canon, digest[WASYNC_DIGEST_LEN];
	int rc = watool_answers(p->c, "pull", p->wid, p->milestone, p->qs, answers, missing);

	for (size_t i = 0; !rc && i < p->qs->n_questions; i++) {
		const struct question *q = &p->qs->questions[i];
		struct answer *local = review_find(p->rv, q->id), fresh;
		const char *unknown;

		if (missing[i]) {
			fprintf(p->out, "%s: the Tool's lens has no question %s\n", q->id,
			        q->wa_question_id);
			continue;
		}
		if ((unknown = wasync_unknown_choice(q, answers[i])))
			fprintf(p->out,
			        "%s: the Tool's answer has choice %s, which the question set does "
			        "not "
			        "know; left out\n",
			        q->id, unknown);
		if (!p->milestone) {
			canon = wasync_canon_tool(answers[i]);
			wasync_digest(canon, digest);
			free(canon);
			wa_tool_set_digest(p->rv->wa_tool, q->id, digest);
		}
		if (!wasync_tool_differs(q, local, answers[i], p->base))
			continue;
		wasync_answer_from_tool(q, answers[i], local, p->base, &fresh);
		if (!local)
			local = review_get(p->rv, q->id);
		answer_clear(local);
		*local = fresh;
		changed++;
	}
	if (!rc)
		fprintf(p->out, "%zu answer%s taken from the Tool\n", changed,
		        changed == 1 ? "" : "s");
	/* The same answer, two risk engines: the Tool's lens rules and the set's. */
	for (size_t i = 0; !rc && i < p->qs->n_questions; i++) {
		const struct question *q = &p->qs->questions[i];
		enum qrisk ours = risk_question(q, review_find(p->rv, q->id));
		int risk = answers[i]
		                   ? wasync_risk_parse(cJSON_GetStringValue(
		                             cJSON_GetObjectItemCaseSensitive(answers[i], "Risk")))
		                   : -1;

		if (risk >= 0 && risk != (int)ours)
			fprintf(p->out, "%s: risk differs: the Tool says %s, wa-review says %s\n",
			        q->id, qrisk_name((enum qrisk)risk), qrisk_name(ours));
	}
	for (size_t i = 0; i < p->qs->n_questions; i++)
		cJSON_Delete(answers[i]);
	free(answers);
	free(missing);
	return rc;
}

/* The Tool's milestones the review lacks (by name), oldest first. Returns 0, or -1. */
static int pull_milestones(struct pull *p)
{
	cJSON *list = call(p, "ListMilestones", wid_params(p)), *m;
	int rc = 0;

	if (!list)
		return -1;
	cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(list, "MilestoneSummaries"))
	{
		const char *name =
		        cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(m, "MilestoneName"));
		const char *date =
		        cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(m, "RecordedAt"));
		double num = cJSON_GetNumberValue(
		        cJSON_GetObjectItemCaseSensitive(m, "MilestoneNumber"));
		cJSON *params, *out;
		struct milestone *ms;

		if (!name || milestone_find(p->rv, name))
			continue;
		params = wid_params(p);
		cJSON_AddStringToObject(params, "LensAlias", WASYNC_LENS);
		cJSON_AddNumberToObject(params, "MilestoneNumber", num);
		if (p->qs->pillar)
			cJSON_AddStringToObject(params, "PillarId", p->qs->pillar);
		if (!(out = call(p, "ListAnswers", params))) {
			rc = -1;
			break;
		}
		ms = wasync_milestone_from_tool(
		        p->qs, name, date ? date : "",
		        cJSON_GetObjectItemCaseSensitive(out, "AnswerSummaries"));
		cJSON_Delete(out);
		p->rv->milestones = xrealloc(p->rv->milestones, (p->rv->n_milestones + 1) *
		                                                        sizeof(*p->rv->milestones));
		p->rv->milestones[p->rv->n_milestones++] = *ms;
		free(ms);
		fprintf(p->out, "milestone '%s': taken from the Tool\n", name);
	}
	cJSON_Delete(list);
	return rc;
}

static int run(struct pull *p)
{
	cJSON *wl, *lr, *params;
	const cJSON *tool_counts;
	struct risk_counts ours;
	struct wa_tool *t = p->rv->wa_tool;
	char now[32];
	int rc = 0;

	if (!(wl = call(p, "GetWorkload", wid_params(p))))
		return -1;
	params = wid_params(p);
	cJSON_AddStringToObject(params, "LensAlias", WASYNC_LENS);
	if (p->milestone)
		cJSON_AddNumberToObject(params, "MilestoneNumber", (double)p->milestone);
	if (!(lr = call(p, "GetLensReview", params))) {
		cJSON_Delete(wl);
		return -1;
	}
	wasync_workload_from_tool(p->rv, cJSON_GetObjectItemCaseSensitive(wl, "Workload"));
	if (!p->milestone) {
		free(t->lens_version);
		t->lens_version = xstrdup_opt(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(
		        cJSON_GetObjectItemCaseSensitive(lr, "LensReview"), "LensVersion")));
	}
	if (pull_answers(p) || (!p->milestone && pull_milestones(p)))
		rc = -1;
	if (!rc) {
		const cJSON *ps, *review = cJSON_GetObjectItemCaseSensitive(lr, "LensReview");

		tool_counts = NULL;
		cJSON_ArrayForEach(
		        ps, cJSON_GetObjectItemCaseSensitive(review, "PillarReviewSummaries"))
		{
			const char *id = cJSON_GetStringValue(
			        cJSON_GetObjectItemCaseSensitive(ps, "PillarId"));
			if (id && p->qs->pillar && !strcmp(id, p->qs->pillar))
				tool_counts = cJSON_GetObjectItemCaseSensitive(ps, "RiskCounts");
		}
		risk_count(p->qs, p->rv, RISK_ALL_AREAS, &ours);
		fprintf(p->out, "risk counts (%s pillar):\n", p->qs->pillar ? p->qs->pillar : "");
		print_counts(p->out, "the Tool", tool_counts, NULL);
		print_counts(p->out, "wa-review", NULL, &ours);
		free(t->synced);
		t->synced = xstrdup(clock_iso(clock_now(), now, sizeof(now)));
	}
	cJSON_Delete(wl);
	cJSON_Delete(lr);
	return rc;
}

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
	struct aws_settings_in in = { 0 };
	struct pull p = { 0 };
	struct review_edit e = { 0 };
	struct safe_stream ss = { 0 };
	const char *wid = NULL;
	struct qset *qs;
	struct wa_err err;
	char *copy = NULL, *end;
	int ch, rc = EXIT_BAD;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
		if (watool_option(ch, optarg, &in))
			continue;
		switch (ch) {
		case O_WID: wid = optarg; break;
		case 'o': p.file = optarg; break;
		case O_MS:
			p.milestone = strtol(optarg, &end, 10);
			if (*end || p.milestone < 1 || p.milestone > 100000)
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
	if (!wid && !p.file)
		return cli_usage_error(c, "pull",
		                       "give --workload-id ID, or -o FILE of a linked "
		                       "review");
	if (wid && (cli_check_text(c, "pull", "--workload-id", wid) || !*wid))
		return cli_usage_error(c, "pull", "--workload-id: give the workload's ID");
	if (cli_refuse_offline(c, "pull"))
		return EXIT_BAD;
	if (!(qs = cli_load_qset(c)))
		return EXIT_BAD;
	p.qs = qs;
	/* The account of the pull quotes the Tool's names and messages: made safe. */
	if (!(p.out = safe_stream_open(&ss, p.file ? stdout : stderr)))
		p.out = stderr;
	err_clear(&err);
	if (p.file && access(p.file, F_OK) == 0) {
		if (review_edit_open(&e, p.file, qs, &err))
			goto fail;
		p.rv = e.rv;
	} else {
		struct review *rv = review_new();

		rv->set_id = xstrdup(qs->id);
		rv->framework_version = xstrdup_opt(qs->framework_version);
		if (p.file && review_edit_create(&e, p.file, qs, rv, &err))
			goto fail;
		p.rv = p.file ? e.rv : rv;
	}
	if (!wid && !p.rv->wa_tool) {
		err_say("wa-review: pull: %s is not linked to a workload: give "
		        "--workload-id ID\n",
		        p.file);
		goto done;
	}
	if (wid && p.rv->wa_tool && strcmp(p.rv->wa_tool->workload_id, wid)) {
		err_say("wa-review: pull: %s is linked to workload %s, not %s; pull into another "
		        "file\n",
		        p.file, p.rv->wa_tool->workload_id, wid);
		goto done;
	}
	if (!in.region && p.rv->wa_tool)
		in.region = p.rv->wa_tool->region;
	if (!(p.c = watool_open("pull", &in, false)))
		goto done;
	if (!p.rv->wa_tool) {
		p.rv->wa_tool = xcalloc(1, sizeof(*p.rv->wa_tool));
		p.rv->wa_tool->workload_id = xstrdup(wid);
		p.rv->wa_tool->region = xstrdup(aws_client_settings(p.c)->region);
	}
	p.wid = p.rv->wa_tool->workload_id;
	copy = xstrdup(p.file ? p.file : "the review");
	p.base = basename(copy);
	if (run(&p)) {
		rc = EXIT_FINDING;
		goto done;
	}
	if (p.file) {
		rc = review_edit_commit(&e, &err) ? (err_print(&err), EXIT_BAD) : EXIT_OK;
	} else {
		char *text = review_format(p.rv, qs);
		fputs(text ? text : "", stdout);
		free(text);
		rc = text ? EXIT_OK : EXIT_BAD;
	}
	goto done;
fail:
	err_print(&err);
done:
	if (ss.f)
		safe_stream_close(&ss);
	if (!p.file)
		review_free(p.rv);
	review_edit_close(&e);
	aws_client_free(p.c);
	free(copy);
	qset_free(qs);
	return rc;
}
