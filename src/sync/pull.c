/* Pull: builds or updates a review from a workload's answers in the AWS Well-Architected
 * Tool (the wellarchitected lens, Reliability pillar), its workload fields and its
 * milestones, and sets the Tool's risk counts beside ours, naming each question where the
 * two disagree; for `wa-review pull` and the wizard's Start screen alike. Read-only: it
 * makes only Get and List calls. */
#include "sync/pull.h"

#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/milestone.h"
#include "model/risk.h"
#include "model/wasync.h"
#include "sync/watool.h"
#include "util/clock.h"
#include "util/xalloc.h"

struct pull {
	const char *file, *base;
	const struct qset *qs;
	struct review *rv;
	struct aws_client *c;
	const char *wid;
	long milestone;
	FILE *out, *err; /* the account of the pull, and errors */
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
		watool_err(p->err, &err);
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
	int rc =
	        watool_answers(p->c, "pull", p->wid, p->milestone, p->qs, answers, missing, p->err);

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

int sync_pull(struct review *rv, const struct qset *qs, const struct sync_pull_opts *o)
{
	struct pull p = { 0 };
	struct aws_settings_in in = o->in;
	char *copy;
	int rc = SYNC_BAD;

	p.qs = qs;
	p.rv = rv;
	p.out = o->out;
	p.err = o->err;
	p.milestone = o->milestone;
	if (!o->workload_id && !rv->wa_tool) {
		fprintf(p.err,
		        "wa-review: pull: %s is not linked to a workload: give --workload-id ID\n",
		        o->file ? o->file : "the review");
		return SYNC_BAD;
	}
	if (o->workload_id && rv->wa_tool && strcmp(rv->wa_tool->workload_id, o->workload_id)) {
		fprintf(p.err,
		        "wa-review: pull: %s is linked to workload %s, not %s; pull into another "
		        "file\n",
		        o->file ? o->file : "the review", rv->wa_tool->workload_id, o->workload_id);
		return SYNC_BAD;
	}
	if (!in.region && rv->wa_tool)
		in.region = rv->wa_tool->region;
	if (!(p.c = watool_open("pull", &in, false, p.err)))
		return SYNC_BAD;
	if (!rv->wa_tool) {
		rv->wa_tool = xcalloc(1, sizeof(*rv->wa_tool));
		rv->wa_tool->workload_id = xstrdup(o->workload_id);
		rv->wa_tool->region = xstrdup(aws_client_settings(p.c)->region);
	}
	p.wid = rv->wa_tool->workload_id;
	copy = xstrdup(o->file ? o->file : "the review");
	p.base = basename(copy);
	rc = run(&p) ? SYNC_INCOMPLETE : SYNC_OK;
	aws_client_free(p.c);
	free(copy);
	fflush(p.out);
	fflush(p.err);
	return rc;
}
