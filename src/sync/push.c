/* Push: writes a review to the AWS Well-Architected Tool — the workload (created on the
 * first push, updated after), every complete answer of the Reliability pillar, and each
 * milestone the Tool does not have yet — for `wa-review push` and the wizard's Risks screen
 * alike. The only code that changes anything in AWS: its client alone allows the Tool's
 * writes (aws_client_allow_push()). Before writing it reads the Tool's answers and refuses
 * to overwrite one changed there since the last push or pull (the digests in the review's
 * wa_tool section) unless forced. The account of what it did goes to the caller's FILEs. */
#include "sync/push.h"

#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/wasync.h"
#include "sync/watool.h"
#include "util/clock.h"
#include "util/json.h"
#include "util/xalloc.h"

/* One question's part of the push. */
struct pq {
	const struct question *q;
	cJSON *tool;     /* the Tool's answer before, or NULL */
	bool missing;    /* the Tool's lens has no such question */
	cJSON *input;    /* UpdateAnswer's input, or NULL: nothing to write */
	bool unchanged;  /* the Tool already holds input */
	bool conflict;   /* changed in the Tool since the last push or pull */
	bool touched;    /* a milestone replay changed it in the Tool */
	const char *why; /* why it is not pushed, or NULL */
	struct wasync_cut cut;
};

struct push {
	const char *file, *base;
	FILE *out, *err;
	sync_progress_fn progress;
	void *ctx;
	size_t done, total; /* answers written so far, of all to write */
	const struct qset *qs;
	struct review_edit *e;
	struct aws_client *c;
	const char *wid;
	bool dry_run, force;
	struct pq *qv;
	int failed, skipped;
	size_t conflicts, to_write;
};

static void show_call(const struct push *p, const char *op, const cJSON *params)
{
	char *text = json_print(params, 0);

	fprintf(p->out, "would call wellarchitected:%s %s\n", op, text);
	free(text);
}

/* A short account of an answer for the conflict report; newly allocated. */
static char *describe(const struct answer *a)
{
	char *out = xstrdup(""), *t;

	if (!answer_is_answered(a) && !(a && a->notes))
		return xstrdup("unanswered");
#define ADD(...)                                                                                   \
	do {                                                                                       \
		char *piece = xasprintf(__VA_ARGS__);                                              \
		t = xasprintf("%s%s%s", out, *out ? "; " : "", piece);                             \
		free(piece);                                                                       \
		free(out);                                                                         \
		out = t;                                                                           \
	} while (0)
	if (a->none_of_these)
		ADD("none of these");
	for (size_t i = 0; i < a->n_selected; i++)
		ADD("%s", a->selected[i]);
	if (a->na != NA_NO)
		ADD("not applicable (%s)", na_reason_name(a->na));
	for (size_t i = 0; i < a->n_bp_na; i++)
		ADD("%s not applicable", a->bp_na[i].bp);
	if (a->notes)
		ADD("notes of %zu characters", strlen(a->notes));
#undef ADD
	return out;
}

static void print_conflict(struct push *p, const struct pq *x)
{
	struct answer theirs;
	const struct answer *ours = review_find(p->e->rv, x->q->id);
	char *a, *b;

	wasync_answer_from_tool(x->q, x->tool, ours, p->base, &theirs);
	a = describe(&theirs);
	b = describe(ours);
	fprintf(p->out,
	        "  %s (%s) changed in the Tool since the last push or pull:\n"
	        "    the Tool: %s\n    %s: %s\n",
	        x->q->id, x->q->wa_question_id, a, p->base, b);
	free(a);
	free(b);
	answer_clear(&theirs);
}

static cJSON *ids(const struct push *p, const struct question *q, cJSON *members)
{
	cJSON_AddStringToObject(members, "WorkloadId", p->wid ? p->wid : "(new)");
	cJSON_AddStringToObject(members, "LensAlias", WASYNC_LENS);
	cJSON_AddStringToObject(members, "QuestionId", q->wa_question_id);
	return members;
}

/* What to write for each question, from the review and the Tool's answers. */
static void plan(struct push *p, const struct wa_tool *link)
{
	for (size_t i = 0; i < p->qs->n_questions; i++) {
		struct pq *x = &p->qv[i];
		const struct answer *a = review_find(p->e->rv, x->q->id);
		const char *stored = link ? wa_tool_digest(link, x->q->id) : NULL;
		const char *bad;
		char *canon, digest[WASYNC_DIGEST_LEN];
		int risk;

		if (!answer_is_answered(a) && !stored)
			continue;
		if (answer_is_answered(a) && !wasync_pushable(a)) {
			x->why = "practices still open (decide them, or mark the question)";
			continue;
		}
		if (x->missing) {
			x->why = "the Tool's lens has no such question";
			continue;
		}
		if (x->tool && (bad = wasync_missing_choice(x->q, a, x->tool))) {
			fprintf(p->out, "%s: the Tool's lens has no choice %s\n", x->q->id, bad);
			x->why = "a choice it uses is not in the Tool's lens";
			continue;
		}
		x->input = ids(p, x->q,
		               wasync_answer_input(x->q, wasync_pushable(a) ? a : NULL, x->tool,
		                                   p->base, &x->cut));
		if (!x->tool)
			continue;
		x->unchanged =
		        !wasync_tool_differs(x->q, wasync_pushable(a) ? a : NULL, x->tool, p->base);
		canon = wasync_canon_tool(x->tool);
		wasync_digest(canon, digest);
		free(canon);
		risk = wasync_risk_parse(
		        cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(x->tool, "Risk")));
		x->conflict = !x->unchanged && (stored ? strcmp(stored, digest) != 0
		                                       : risk != QRISK_UNANSWERED && risk >= 0);
	}
}

static void skip_report(struct push *p)
{
	for (size_t i = 0; i < p->qs->n_questions; i++) {
		const struct pq *x = &p->qv[i];

		if (x->why) {
			fprintf(p->out, "%s: not pushed: %s\n", x->q->id, x->why);
			p->skipped++;
		}
		if (x->input && x->cut.notes_chars)
			fprintf(p->out,
			        "%s: notes cut from %zu to %d characters for the Tool; the whole "
			        "note stays in %s (answers.%s.notes)\n",
			        x->q->id, x->cut.notes_chars, WASYNC_NOTES_MAX, p->file, x->q->id);
		for (size_t k = 0; x->input && k < x->cut.n_choices; k++)
			fprintf(p->out,
			        "%s: the not-applicable note of %s cut to %d characters for the "
			        "Tool; the whole note stays in %s\n",
			        x->q->id, x->cut.choices[k], WASYNC_CHOICE_NOTES_MAX, p->file);
	}
}

static int commit(struct push *p)
{
	struct wa_err err;
	char now[32];

	free(p->e->rv->wa_tool->synced);
	p->e->rv->wa_tool->synced = xstrdup(clock_iso(clock_now(), now, sizeof(now)));
	err_clear(&err);
	if (review_edit_commit(p->e, &err)) {
		watool_err(p->err, &err);
		return -1;
	}
	return 0;
}

/* A ClientRequestToken that is the same on every run for the same thing, so a push run
 * again after a lost answer does not make a second workload or milestone. */
static char *token(const char *a, const char *b)
{
	char *text = xasprintf("%s\n%s", a ? a : "", b ? b : ""), d[WASYNC_DIGEST_LEN];

	wasync_digest(text, d);
	free(text);
	d[40] = '\0';
	return xasprintf("wa-review-%s", d);
}

static int create_workload(struct push *p, cJSON *want, const char *region)
{
	struct wa_err err;
	struct aws_api_error aerr;
	char *tok = token(p->e->rv->created, p->e->rv->wl.name);
	cJSON *lenses = cJSON_AddArrayToObject(want, "Lenses"), *out;
	struct review *rv = p->e->rv;

	cJSON_AddItemToArray(lenses, cJSON_CreateString(WASYNC_LENS));
	cJSON_AddStringToObject(want, "ClientRequestToken", tok);
	free(tok);
	if (p->dry_run) {
		show_call(p, "CreateWorkload", want);
		return 0;
	}
	out = watool_call(p->c, "CreateWorkload", want, &aerr, &err);
	if (!out) {
		watool_err(p->err, &err);
		if (!strcmp(aerr.code, "ConflictException"))
			fprintf(p->err,
			        "wa-review: push: a workload with that name may exist already: "
			        "push to it with --workload-id ID\n");
		return -1;
	}
	if (!rv->wa_tool)
		rv->wa_tool = xcalloc(1, sizeof(*rv->wa_tool));
	free(rv->wa_tool->workload_id);
	free(rv->wa_tool->region);
	rv->wa_tool->workload_id =
	        xstrdup(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(out, "WorkloadId")));
	rv->wa_tool->region = xstrdup(region);
	cJSON_Delete(out);
	p->wid = rv->wa_tool->workload_id;
	fprintf(p->out, "created workload %s in %s\n", p->wid, region);
	/* Saved at once: a push that fails later must not create the workload again. */
	return commit(p);
}

/* One answer of the final batch is written (or failed): the progress moves on. */
static void answer_done(void *ctx, struct aws_call *call)
{
	struct push *p = ctx;

	(void)call;
	p->done++;
	if (p->progress)
		p->progress(p->ctx, p->done, p->total);
}

/* Runs the UpdateAnswer calls of n inputs at once; returns how many failed. Each done
 * answer's digest is recorded when record is set. */
static int update_answers(struct push *p, cJSON **inputs, const struct question **qv, size_t n,
                          bool record)
{
	struct aws_call *calls = xcalloc(n + 1, sizeof(*calls));
	char digest[WASYNC_DIGEST_LEN], *canon;
	int failed = 0;

	for (size_t i = 0; i < n; i++) {
		cJSON_ReplaceItemInObjectCaseSensitive(inputs[i], "WorkloadId",
		                                       cJSON_CreateString(p->wid));
		calls[i].service = "wellarchitected";
		calls[i].operation = "UpdateAnswer";
		calls[i].params = inputs[i];
	}
	aws_client_run(p->c, calls, n, record ? answer_done : NULL, p);
	for (size_t i = 0; i < n; i++) {
		if (calls[i].status != AWS_CALL_OK) {
			fprintf(p->out, "%s: not written: %s\n", qv[i]->id, calls[i].err.msg);
			failed++;
		} else if (record) {
			canon = wasync_canon_tool(
			        cJSON_GetObjectItemCaseSensitive(calls[i].result, "Answer"));
			wasync_digest(canon, digest);
			free(canon);
			wa_tool_set_digest(p->e->rv->wa_tool, qv[i]->id, digest);
			fprintf(p->out, "%s: written\n", qv[i]->id);
		}
		aws_call_clear(&calls[i]);
	}
	free(calls);
	return failed;
}

/* The Tool's milestones' names; NULL after printing why. */
static cJSON *tool_milestones(struct push *p)
{
	cJSON *params = cJSON_CreateObject(), *out, *names = cJSON_CreateArray(), *m;
	struct wa_err err;

	cJSON_AddStringToObject(params, "WorkloadId", p->wid);
	out = watool_call(p->c, "ListMilestones", params, NULL, &err);
	cJSON_Delete(params);
	if (!out) {
		watool_err(p->err, &err);
		cJSON_Delete(names);
		return NULL;
	}
	cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(out, "MilestoneSummaries"))
	{
		const char *name =
		        cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(m, "MilestoneName"));
		if (name)
			cJSON_AddItemToArray(names, cJSON_CreateString(name));
	}
	cJSON_Delete(out);
	return names;
}

static bool has_name(const cJSON *names, const char *name)
{
	const cJSON *c;

	cJSON_ArrayForEach(c, names)
	{
		if (!strcmp(c->valuestring, name))
			return true;
	}
	return false;
}

/* Each milestone the Tool lacks, oldest first: its answers put back as they were, then
 * CreateMilestone. Returns how many failed. */
static int push_milestones(struct push *p, const cJSON *names)
{
	const struct review *rv = p->e->rv;
	int failed = 0;

	for (size_t m = 0; m < rv->n_milestones && !failed; m++) {
		const struct milestone *ms = &rv->milestones[m];
		cJSON **inputs, *params, *out;
		const struct question **qv;
		struct wa_err err;
		size_t n = 0;
		char *tok;

		if (has_name(names, ms->name))
			continue;
		if (strlen(ms->name) < 3) {
			fprintf(p->out,
			        "milestone '%s': not pushed: the Tool wants names of 3 characters "
			        "or more\n",
			        ms->name);
			p->skipped++;
			continue;
		}
		inputs = xcalloc(ms->n_questions + 1, sizeof(*inputs));
		qv = xcalloc(ms->n_questions + 1, sizeof(*qv));
		for (size_t k = 0; k < ms->n_questions; k++) {
			const struct question *q =
			        qset_find_question(p->qs, ms->questions[k].question);
			size_t qi = q ? (size_t)(q - p->qs->questions) : 0;

			if (!q || p->qv[qi].missing)
				continue;
			inputs[n] = ids(p, q,
			                wasync_milestone_input(q, &ms->questions[k],
			                                       review_find(rv, q->id)));
			qv[n++] = q;
			p->qv[qi].touched = true;
		}
		params = cJSON_CreateObject();
		cJSON_AddStringToObject(params, "WorkloadId", p->wid ? p->wid : "(new)");
		cJSON_AddStringToObject(params, "MilestoneName", ms->name);
		tok = token(p->wid, ms->name);
		cJSON_AddStringToObject(params, "ClientRequestToken", tok);
		free(tok);
		if (p->dry_run) {
			for (size_t k = 0; k < n; k++)
				show_call(p, "UpdateAnswer", inputs[k]);
			show_call(p, "CreateMilestone", params);
		} else if ((failed = update_answers(p, inputs, qv, n, false)) == 0) {
			out = watool_call(p->c, "CreateMilestone", params, NULL, &err);
			if (out)
				fprintf(p->out, "milestone '%s': created\n", ms->name);
			else {
				fprintf(p->out, "milestone '%s': not created: %s\n", ms->name,
				        err.msg);
				failed++;
			}
			cJSON_Delete(out);
		}
		for (size_t k = 0; k < n; k++)
			cJSON_Delete(inputs[k]);
		free(inputs);
		free(qv);
		cJSON_Delete(params);
	}
	return failed;
}

/* The answers, last: those that change, and those a milestone replay moved (put back to
 * the review's answer or, for questions push leaves alone, to what the Tool had). */
static int push_answers(struct push *p)
{
	cJSON **inputs = xcalloc(p->qs->n_questions + 1, sizeof(*inputs));
	const struct question **qv = xcalloc(p->qs->n_questions + 1, sizeof(*qv));
	size_t n = 0, unchanged = 0;
	int failed;

	for (size_t i = 0; i < p->qs->n_questions; i++) {
		struct pq *x = &p->qv[i];
		char *canon, digest[WASYNC_DIGEST_LEN];

		if (x->input && x->unchanged && !x->touched) {
			canon = wasync_canon_tool(x->tool);
			wasync_digest(canon, digest);
			free(canon);
			if (!p->dry_run)
				wa_tool_set_digest(p->e->rv->wa_tool, x->q->id, digest);
			unchanged++;
			continue;
		}
		if (x->input) {
			inputs[n] = cJSON_Duplicate(x->input, true);
		} else if (x->touched && x->tool) {
			inputs[n] = ids(p, x->q, cJSON_CreateObject());
			cJSON_AddItemToObject(inputs[n], "SelectedChoices",
			                      cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(
			                                              x->tool, "SelectedChoices"),
			                                      true));
			cJSON_AddItemToObject(inputs[n], "IsApplicable",
			                      cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(
			                                              x->tool, "IsApplicable"),
			                                      true));
			if (cJSON_GetObjectItemCaseSensitive(x->tool, "Reason"))
				cJSON_AddItemToObject(
				        inputs[n], "Reason",
				        cJSON_Duplicate(
				                cJSON_GetObjectItemCaseSensitive(x->tool, "Reason"),
				                true));
		} else {
			continue;
		}
		qv[n++] = x->q;
	}
	if (p->dry_run) {
		for (size_t i = 0; i < n; i++)
			show_call(p, "UpdateAnswer", inputs[i]);
		failed = 0;
	} else {
		p->total = n;
		if (p->progress)
			p->progress(p->ctx, 0, n);
		failed = update_answers(p, inputs, qv, n, true);
	}
	p->to_write = n;
	if (unchanged)
		fprintf(p->out, "%zu answer%s already as in the Tool\n", unchanged,
		        unchanged == 1 ? "" : "s");
	for (size_t i = 0; i < n; i++)
		cJSON_Delete(inputs[i]);
	free(inputs);
	free(qv);
	return failed;
}

/* The linked workload: its fields brought up to date. Returns 0, or -1 after printing. */
static int update_workload(struct push *p, const cJSON *want)
{
	cJSON *params = cJSON_CreateObject(), *out, *changes;
	struct wa_err err;
	struct aws_api_error aerr;

	cJSON_AddStringToObject(params, "WorkloadId", p->wid);
	out = watool_call(p->c, "GetWorkload", params, &aerr, &err);
	if (!out) {
		watool_err(p->err, &err);
		if (!strcmp(aerr.code, "ResourceNotFoundException"))
			fprintf(p->err, "wa-review: push: no workload %s in the Tool in %s\n",
			        p->wid, aws_client_settings(p->c)->region);
		cJSON_Delete(params);
		return -1;
	}
	changes = wasync_workload_changes(want, cJSON_GetObjectItemCaseSensitive(out, "Workload"));
	cJSON_Delete(out);
	if (cJSON_GetArraySize(changes)) {
		cJSON_AddStringToObject(changes, "WorkloadId", p->wid);
		if (p->dry_run) {
			show_call(p, "UpdateWorkload", changes);
		} else if (!(out = watool_call(p->c, "UpdateWorkload", changes, NULL, &err))) {
			fprintf(p->out, "workload: not updated: %s\n", err.msg);
			p->failed++;
		} else {
			fprintf(p->out, "workload %s: updated\n", p->wid);
			cJSON_Delete(out);
		}
	}
	cJSON_Delete(changes);
	cJSON_Delete(params);
	return 0;
}

/* The Tool's lens version, and what of the set its lens lacks. */
static char *lens_check(struct push *p)
{
	cJSON *params = cJSON_CreateObject(), *out;
	struct wa_err err;
	char *version = NULL;

	cJSON_AddStringToObject(params, "WorkloadId", p->wid);
	cJSON_AddStringToObject(params, "LensAlias", WASYNC_LENS);
	out = watool_call(p->c, "GetLensReview", params, NULL, &err);
	cJSON_Delete(params);
	if (out)
		version = xstrdup_opt(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(
		        cJSON_GetObjectItemCaseSensitive(out, "LensReview"), "LensVersion")));
	cJSON_Delete(out);
	if (version && p->qs->framework_version && strcmp(version, p->qs->framework_version)) {
		fprintf(p->out, "the Tool's %s lens is version %s; the question set pins %s\n",
		        WASYNC_LENS, version, p->qs->framework_version);
		for (size_t i = 0; i < p->qs->n_questions; i++)
			if (p->qv[i].missing)
				fprintf(p->out, "%s: the Tool's lens has no question %s\n",
				        p->qs->questions[i].id, p->qs->questions[i].wa_question_id);
	}
	return version;
}

static int run(struct push *p, const struct aws_settings_in *in, const char *opt_wid)
{
	struct review *rv = p->e->rv;
	const char *region;
	char msg[256], *version = NULL;
	cJSON *want, *names = NULL;
	cJSON **answers = xcalloc(p->qs->n_questions + 1, sizeof(*answers));
	bool *missing = xcalloc(p->qs->n_questions + 1, sizeof(*missing));
	size_t conflicts = 0;
	int rc = SYNC_INCOMPLETE;

	want = wasync_workload_input(rv, msg, sizeof(msg));
	if (!want) {
		fprintf(p->err, "wa-review: push: %s: %s\n", p->file, msg);
		rc = SYNC_BAD;
		goto out;
	}
	p->c = watool_open("push", in, !p->dry_run, p->err);
	if (!p->c) {
		rc = SYNC_BAD;
		goto out;
	}
	region = aws_client_settings(p->c)->region;
	if (opt_wid && (!rv->wa_tool || strcmp(rv->wa_tool->workload_id, opt_wid))) {
		/* Linked anew: digests of another workload's answers say nothing here. */
		wa_tool_free(rv->wa_tool);
		rv->wa_tool = xcalloc(1, sizeof(*rv->wa_tool));
		rv->wa_tool->workload_id = xstrdup(opt_wid);
		rv->wa_tool->region = xstrdup(region);
	}
	p->wid = rv->wa_tool ? rv->wa_tool->workload_id : NULL;
	if (p->wid ? update_workload(p, want) : create_workload(p, want, region))
		goto out;
	for (size_t i = 0; i < p->qs->n_questions; i++)
		p->qv[i].q = &p->qs->questions[i];
	if (p->wid) {
		if (watool_answers(p->c, "push", p->wid, 0, p->qs, answers, missing, p->err))
			goto out;
		for (size_t i = 0; i < p->qs->n_questions; i++) {
			p->qv[i].tool = answers[i];
			p->qv[i].missing = missing[i];
			answers[i] = NULL;
		}
		version = lens_check(p);
		if (!(names = tool_milestones(p)))
			goto out;
	} else {
		fprintf(p->out, "(a new workload: its answers are all to be written)\n");
		names = cJSON_CreateArray();
	}
	plan(p, rv->wa_tool);
	for (size_t i = 0; i < p->qs->n_questions; i++)
		conflicts += p->qv[i].conflict;
	p->conflicts = conflicts;
	if (conflicts) {
		fprintf(p->out, "%zu answer%s changed in the Tool since the last push or pull:\n",
		        conflicts, conflicts == 1 ? "" : "s");
		for (size_t i = 0; i < p->qs->n_questions; i++)
			if (p->qv[i].conflict)
				print_conflict(p, &p->qv[i]);
		if (!p->force) {
			fprintf(p->out,
			        "nothing written: pull them first (wa-review pull), or overwrite "
			        "them with push --force\n");
			goto out;
		}
	}
	skip_report(p);
	p->failed += push_milestones(p, names);
	p->failed += push_answers(p);
	if (!p->dry_run) {
		free(rv->wa_tool->lens_version);
		rv->wa_tool->lens_version = version;
		version = NULL;
		if (commit(p)) {
			rc = SYNC_BAD;
			goto out;
		}
	}
	if (p->failed)
		fprintf(p->out,
		        "%d call%s failed; what was written is recorded in %s: run push again to "
		        "finish\n",
		        p->failed, p->failed == 1 ? "" : "s", p->file);
	rc = p->failed || p->skipped ? SYNC_INCOMPLETE : SYNC_OK;
out:
	for (size_t i = 0; i < p->qs->n_questions; i++)
		cJSON_Delete(answers[i]);
	free(answers);
	free(missing);
	free(version);
	cJSON_Delete(want);
	cJSON_Delete(names);
	return rc;
}

int sync_push(struct review_edit *e, const struct qset *qs, const struct sync_push_opts *o,
              struct sync_push_result *res)
{
	struct push p = { 0 };
	struct aws_settings_in in = o->in;
	char *copy = xstrdup(o->file);
	int rc;

	p.file = o->file;
	p.base = basename(copy);
	p.out = o->out;
	p.err = o->err;
	p.progress = o->progress;
	p.ctx = o->ctx;
	p.qs = qs;
	p.e = e;
	p.dry_run = o->dry_run;
	p.force = o->force;
	if (!in.region && e->rv->wa_tool && !o->workload_id)
		in.region = e->rv->wa_tool->region;
	p.qv = xcalloc(qs->n_questions + 1, sizeof(*p.qv));
	rc = run(&p, &in, o->workload_id);
	for (size_t i = 0; i < qs->n_questions; i++) {
		cJSON_Delete(p.qv[i].tool);
		cJSON_Delete(p.qv[i].input);
		wasync_cut_clear(&p.qv[i].cut);
	}
	free(p.qv);
	aws_client_free(p.c);
	free(copy);
	if (res) {
		res->conflicts = p.conflicts;
		res->to_write = p.to_write;
		res->failed = p.failed;
		res->skipped = p.skipped;
	}
	fflush(p.out);
	fflush(p.err);
	return rc;
}
