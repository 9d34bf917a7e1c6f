#include "model/wasync.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "model/risk.h"
#include "util/strv.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define NA_PREFIX "Not applicable: "

static const char *const tool_reasons[] = {
	"NONE", "OUT_OF_SCOPE", "BUSINESS_PRIORITIES", "ARCHITECTURE_CONSTRAINTS", "OTHER",
};

static const char *reason_out(enum na_reason r)
{
	return tool_reasons[r >= NA_NO && r <= NA_OTHER ? r : NA_NO];
}

/* The Tool's NONE (or an unknown reason) reads as OTHER: the question still does not apply. */
static enum na_reason reason_in(const char *s)
{
	for (int i = NA_OUT_OF_SCOPE; s && i <= NA_OTHER; i++)
		if (!strcmp(s, tool_reasons[i]))
			return (enum na_reason)i;
	return NA_OTHER;
}

static const char *str_of(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

void wasync_cut_clear(struct wasync_cut *cut)
{
	strv_free(cut->choices, cut->n_choices);
	memset(cut, 0, sizeof(*cut));
}

/* text cut to max characters, ending in marker when cut; newly allocated. */
static char *cut_text(const char *text, size_t max, const char *marker, bool *was_cut)
{
	size_t keep, mlen = utf8_len(marker), n = 0, off = 0;
	char *out;

	*was_cut = utf8_len(text) > max;
	if (!*was_cut)
		return xstrdup(text);
	keep = max > mlen ? max - mlen : 0;
	while (text[off] && n < keep) {
		size_t l = utf8_seq_len((const unsigned char *)text + off, strlen(text + off));
		off += l ? l : 1;
		n++;
	}
	out = xmalloc(off + strlen(marker) + 1);
	memcpy(out, text, off);
	strcpy(out + off, marker);
	return out;
}

/* The Notes push writes for a: the not-applicable note first, then the notes; NULL when
 * there is nothing to say. */
static char *full_notes(const struct answer *a)
{
	const char *notes = a && a->notes && *a->notes ? a->notes : NULL;

	if (a && a->na != NA_NO && a->na_note && *a->na_note)
		return notes ? xasprintf(NA_PREFIX "%s\n\n%s", a->na_note, notes)
		             : xasprintf(NA_PREFIX "%s", a->na_note);
	return notes ? xstrdup(notes) : NULL;
}

static char *notes_out(const struct answer *a, const char *file, size_t *cut_from)
{
	char *full = full_notes(a), *marker, *out;
	bool cut;

	*cut_from = 0;
	if (!full)
		return xstrdup("");
	marker = xasprintf("\n[... cut by wa-review at %d characters; the whole note is in %s, "
	                   "answers.%s]",
	                   WASYNC_NOTES_MAX, file, a->question);
	out = cut_text(full, WASYNC_NOTES_MAX, marker, &cut);
	if (cut)
		*cut_from = utf8_len(full);
	free(marker);
	free(full);
	return out;
}

static char *choice_notes_out(const char *note, const char *file, bool *cut)
{
	char *marker = xasprintf(" [... cut by wa-review; see %s]", file), *out;

	if (utf8_len(marker) > WASYNC_CHOICE_NOTES_MAX / 2) {
		free(marker);
		marker = xstrdup(" [... cut by wa-review]");
	}
	out = cut_text(note, WASYNC_CHOICE_NOTES_MAX, marker, cut);
	free(marker);
	return out;
}

bool wasync_pushable(const struct answer *a)
{
	return answer_is_answered(a) && answer_is_complete(a);
}

/* Whether the Tool's answer has choice cid as not applicable. */
static bool tool_choice_na(const cJSON *tool, const char *cid)
{
	const cJSON *c;

	cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(tool, "ChoiceAnswers"))
	{
		const char *id = str_of(c, "ChoiceId"), *st = str_of(c, "Status");
		if (id && st && !strcmp(id, cid) && !strcmp(st, "NOT_APPLICABLE"))
			return true;
	}
	return false;
}

cJSON *wasync_answer_input(const struct question *q, const struct answer *a, const cJSON *tool,
                           const char *file, struct wasync_cut *cut)
{
	cJSON *in = cJSON_CreateObject(), *sel = cJSON_AddArrayToObject(in, "SelectedChoices");
	cJSON *upd = cJSON_CreateObject();
	const cJSON *c;
	size_t cut_from;
	char *notes;

	if (!answer_is_answered(a))
		a = NULL;
	if (a && a->none_of_these)
		cJSON_AddItemToArray(sel, cJSON_CreateString(q->none_choice_id));
	for (size_t i = 0; a && !a->none_of_these && i < q->n_bps; i++)
		if (answer_has(a, q->bps[i].id))
			cJSON_AddItemToArray(sel, cJSON_CreateString(q->bps[i].choice_id));
	for (size_t i = 0; a && i < q->n_bps; i++) {
		const struct bp_na *n = answer_bp_na(a, q->bps[i].id);
		cJSON *u;
		bool was_cut = false;

		if (!n)
			continue;
		u = cJSON_AddObjectToObject(upd, q->bps[i].choice_id);
		cJSON_AddStringToObject(u, "Status", "NOT_APPLICABLE");
		cJSON_AddStringToObject(u, "Reason", reason_out(n->reason));
		if (n->note) {
			char *t = choice_notes_out(n->note, file, &was_cut);
			cJSON_AddStringToObject(u, "Notes", t);
			free(t);
		}
		if (was_cut && cut) {
			cut->choices =
			        xrealloc(cut->choices, (cut->n_choices + 1) * sizeof(char *));
			cut->choices[cut->n_choices++] = xstrdup(n->bp);
		}
	}
	/* What the Tool has as not applicable and we no longer do goes back to unselected. */
	cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(tool, "ChoiceAnswers"))
	{
		const char *id = str_of(c, "ChoiceId");
		if (id && tool_choice_na(tool, id) && !cJSON_GetObjectItemCaseSensitive(upd, id)) {
			cJSON *u = cJSON_AddObjectToObject(upd, id);
			cJSON_AddStringToObject(u, "Status", "UNSELECTED");
		}
	}
	if (cJSON_GetArraySize(upd))
		cJSON_AddItemToObject(in, "ChoiceUpdates", upd);
	else
		cJSON_Delete(upd);
	if (a) {
		notes = notes_out(a, file, &cut_from);
	} else {
		notes = xstrdup("");
		cut_from = 0;
	}
	cJSON_AddStringToObject(in, "Notes", notes);
	free(notes);
	if (cut)
		cut->notes_chars = cut_from;
	cJSON_AddBoolToObject(in, "IsApplicable", !a || a->na == NA_NO);
	cJSON_AddStringToObject(in, "Reason", reason_out(a ? a->na : NA_NO));
	return in;
}

/* ---- the canonical form ---- */

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* A sorted copy of a list of strings as a JSON array. */
static cJSON *sorted(char **v, size_t n)
{
	cJSON *arr = cJSON_CreateArray();

	if (n > 1) /* qsort wants a real array, even of none */
		qsort(v, n, sizeof(*v), cmp_str);
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateString(v[i]));
	return arr;
}

/* [selected, not-applicable reason or "", [[choice, reason, notes]...], notes] as text. */
static char *canon(const cJSON *selected, bool applicable, const char *reason, char **na,
                   size_t n_na, const char *notes)
{
	cJSON *doc = cJSON_CreateArray();
	char **sel = NULL, *text;
	size_t n_sel = 0, cap = 0;
	const cJSON *c;

	cJSON_ArrayForEach(c, selected)
	{
		if (!cJSON_IsString(c))
			continue;
		sel = xgrow(sel, &cap, n_sel + 1, sizeof(*sel));
		sel[n_sel++] = c->valuestring;
	}
	cJSON_AddItemToArray(doc, sorted(sel, n_sel));
	free(sel);
	cJSON_AddItemToArray(doc,
	                     cJSON_CreateString(applicable ? "" : reason_out(reason_in(reason))));
	cJSON_AddItemToArray(doc, sorted(na, n_na));
	cJSON_AddItemToArray(doc, cJSON_CreateString(notes ? notes : ""));
	text = cJSON_PrintUnformatted(doc);
	cJSON_Delete(doc);
	return text;
}

static char *na_entry(const char *id, const cJSON *u)
{
	cJSON *e = cJSON_CreateArray();
	const char *notes = str_of(u, "Notes");
	char *text;

	cJSON_AddItemToArray(e, cJSON_CreateString(id));
	cJSON_AddItemToArray(e, cJSON_CreateString(reason_out(reason_in(str_of(u, "Reason")))));
	cJSON_AddItemToArray(e, cJSON_CreateString(notes ? notes : ""));
	text = cJSON_PrintUnformatted(e);
	cJSON_Delete(e);
	return text;
}

static bool applicable_of(const cJSON *o)
{
	return !cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(o, "IsApplicable"));
}

char *wasync_canon_tool(const cJSON *answer)
{
	char **na = NULL, *text;
	size_t n = 0, cap = 0;
	const cJSON *c;

	cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(answer, "ChoiceAnswers"))
	{
		const char *id = str_of(c, "ChoiceId"), *st = str_of(c, "Status");
		if (!id || !st || strcmp(st, "NOT_APPLICABLE"))
			continue;
		na = xgrow(na, &cap, n + 1, sizeof(*na));
		na[n++] = na_entry(id, c);
	}
	text = canon(cJSON_GetObjectItemCaseSensitive(answer, "SelectedChoices"),
	             applicable_of(answer), str_of(answer, "Reason"), na, n,
	             str_of(answer, "Notes"));
	strv_free(na, n);
	return text;
}

char *wasync_canon_input(const cJSON *input)
{
	char **na = NULL, *text;
	size_t n = 0, cap = 0;
	const cJSON *c;

	cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(input, "ChoiceUpdates"))
	{
		const char *st = str_of(c, "Status");
		if (!st || strcmp(st, "NOT_APPLICABLE"))
			continue;
		na = xgrow(na, &cap, n + 1, sizeof(*na));
		na[n++] = na_entry(c->string, c);
	}
	text = canon(cJSON_GetObjectItemCaseSensitive(input, "SelectedChoices"),
	             applicable_of(input), str_of(input, "Reason"), na, n, str_of(input, "Notes"));
	strv_free(na, n);
	return text;
}

void wasync_digest(const char *text, char out[WASYNC_DIGEST_LEN])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;

	EVP_Digest(text, strlen(text), md, &len, EVP_sha256(), NULL);
	for (unsigned int i = 0; i < len && i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

/* ---- the lens's choices ---- */

static const struct bp *bp_by_choice(const struct question *q, const char *cid)
{
	for (size_t i = 0; i < q->n_bps; i++)
		if (q->bps[i].choice_id && !strcmp(q->bps[i].choice_id, cid))
			return &q->bps[i];
	return NULL;
}

static bool is_none(const struct question *q, const char *cid)
{
	return q->none_choice_id && !strcmp(q->none_choice_id, cid);
}

const char *wasync_unknown_choice(const struct question *q, const cJSON *tool)
{
	const cJSON *c;

	cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(tool, "SelectedChoices"))
	{
		if (cJSON_IsString(c) && !bp_by_choice(q, c->valuestring) &&
		    !is_none(q, c->valuestring))
			return c->valuestring;
	}
	cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(tool, "ChoiceAnswers"))
	{
		const char *id = str_of(c, "ChoiceId");
		if (id && tool_choice_na(tool, id) && !bp_by_choice(q, id))
			return id;
	}
	return NULL;
}

static bool tool_has_choice(const cJSON *tool, const char *cid)
{
	const cJSON *c;

	cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(tool, "Choices"))
	{
		const char *id = str_of(c, "ChoiceId");
		if (id && !strcmp(id, cid))
			return true;
	}
	return false;
}

const char *wasync_missing_choice(const struct question *q, const struct answer *a,
                                  const cJSON *tool)
{
	if (!answer_is_answered(a))
		return NULL;
	if (a->none_of_these && !tool_has_choice(tool, q->none_choice_id))
		return q->none_choice_id;
	for (size_t i = 0; i < q->n_bps; i++)
		if ((answer_has(a, q->bps[i].id) || answer_bp_na(a, q->bps[i].id)) &&
		    !tool_has_choice(tool, q->bps[i].choice_id))
			return q->bps[i].choice_id;
	return NULL;
}

/* ---- from the Tool ---- */

/* Splits the Tool's Notes into a not-applicable note and the notes proper. */
static void notes_in(const char *notes, bool applicable, struct answer *out)
{
	const char *brk;

	if (!notes || !*notes)
		return;
	if (!applicable && !strncmp(notes, NA_PREFIX, strlen(NA_PREFIX))) {
		notes += strlen(NA_PREFIX);
		brk = strstr(notes, "\n\n");
		out->na_note = brk ? xstrndup(notes, (size_t)(brk - notes)) : xstrdup(notes);
		notes = brk ? brk + 2 : "";
	}
	out->notes = *notes ? xstrdup(notes) : NULL;
}

bool wasync_tool_differs(const struct question *q, const struct answer *local, const cJSON *tool,
                         const char *file)
{
	cJSON *in = wasync_answer_input(q, local, tool, file, NULL);
	char *a = wasync_canon_input(in), *b = wasync_canon_tool(tool);
	bool differs = strcmp(a, b) != 0;

	cJSON_Delete(in);
	free(a);
	free(b);
	return differs;
}

void wasync_answer_from_tool(const struct question *q, const cJSON *tool,
                             const struct answer *local, const char *file, struct answer *out)
{
	bool applicable = applicable_of(tool);
	const char *tool_notes = str_of(tool, "Notes");
	const cJSON *c;
	size_t cut_from;
	char *pushed;

	memset(out, 0, sizeof(*out));
	out->question = xstrdup(q->id);
	cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(tool, "SelectedChoices"))
	{
		const struct bp *bp = cJSON_IsString(c) ? bp_by_choice(q, c->valuestring) : NULL;
		if (cJSON_IsString(c) && is_none(q, c->valuestring))
			out->none_of_these = true;
		else if (bp && !answer_has(out, bp->id)) {
			out->selected =
			        xrealloc(out->selected, (out->n_selected + 1) * sizeof(char *));
			out->selected[out->n_selected++] = xstrdup(bp->id);
		}
	}
	/* The Tool allows nothing beside "none of these"; should it hold both, the practices
	 * win, as they say more. */
	if (out->n_selected)
		out->none_of_these = false;
	cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(tool, "ChoiceAnswers"))
	{
		const char *id = str_of(c, "ChoiceId"), *st = str_of(c, "Status");
		const struct bp *bp = id ? bp_by_choice(q, id) : NULL;
		const char *notes = str_of(c, "Notes");
		const struct bp_na *was = local && bp ? answer_bp_na(local, bp->id) : NULL;
		char *mine = NULL;
		bool cut = false;

		if (!bp || !st || strcmp(st, "NOT_APPLICABLE"))
			continue;
		/* The whole note stays when the Tool holds what push cut it to. */
		if (was && was->note && notes) {
			mine = choice_notes_out(was->note, file, &cut);
			if (cut && !strcmp(mine, notes))
				notes = was->note;
		}
		answer_set_bp_na(out, bp->id, reason_in(str_of(c, "Reason")), notes);
		free(mine);
	}
	if (!applicable)
		out->na = reason_in(str_of(tool, "Reason"));
	/* Likewise the review's own words, when the Tool holds what push made of them. */
	pushed = local ? notes_out(local, file, &cut_from) : NULL;
	if (pushed && tool_notes && *pushed && !strcmp(pushed, tool_notes)) {
		out->notes = xstrdup_opt(local->notes);
		if (out->na != NA_NO)
			out->na_note = xstrdup_opt(local->na_note);
	} else {
		notes_in(tool_notes, applicable, out);
	}
	free(pushed);
	if (local)
		out->flagged = local->flagged;
}

int wasync_risk_parse(const char *s)
{
	for (int r = QRISK_UNANSWERED; s && r <= QRISK_HIGH; r++)
		if (!strcmp(s, qrisk_name((enum qrisk)r)))
			return r;
	return -1;
}

const struct question *wasync_question(const struct qset *qs, const char *id)
{
	for (size_t i = 0; id && i < qs->n_questions; i++)
		if (qs->questions[i].wa_question_id && !strcmp(qs->questions[i].wa_question_id, id))
			return &qs->questions[i];
	return NULL;
}

/* ---- the workload ---- */

static void add_list(cJSON *o, const char *key, char *const *v, size_t n)
{
	cJSON *arr;

	if (!n)
		return;
	arr = cJSON_AddArrayToObject(o, key);
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateString(v[i]));
}

cJSON *wasync_workload_input(const struct review *rv, char *msg, size_t cap)
{
	const struct workload *wl = &rv->wl;
	cJSON *in;
	char *desc;
	bool cut;

	if (!wl->name || utf8_len(wl->name) < 3 || utf8_len(wl->name) > 100) {
		snprintf(msg, cap,
		         "the Tool needs a workload name of 3 to 100 characters; set workload.name "
		         "in the review");
		return NULL;
	}
	in = cJSON_CreateObject();
	cJSON_AddStringToObject(in, "WorkloadName", wl->name);
	/* The Tool requires 3 to 250 characters of description. */
	desc = wl->description && utf8_len(wl->description) >= 3
	               ? cut_text(wl->description, 250, "...", &cut)
	               : xasprintf("Reliability review of %s, kept with wa-review", wl->name);
	if (utf8_len(desc) > 250) {
		free(desc);
		desc = xstrdup("Reliability review kept with wa-review");
	}
	cJSON_AddStringToObject(in, "Description", desc);
	free(desc);
	cJSON_AddStringToObject(in, "Environment",
	                        wl->environment && strcmp(wl->environment, "production")
	                                ? "PREPRODUCTION"
	                                : "PRODUCTION");
	add_list(in, "AwsRegions", wl->regions, wl->n_regions);
	add_list(in, "AccountIds", wl->accounts, wl->n_accounts);
	if (wl->owner && utf8_len(wl->owner) >= 3 && utf8_len(wl->owner) <= 255)
		cJSON_AddStringToObject(in, "ReviewOwner", wl->owner);
	if (rv->wa_tool && rv->wa_tool->architectural_design)
		cJSON_AddStringToObject(in, "ArchitecturalDesign",
		                        rv->wa_tool->architectural_design);
	return in;
}

cJSON *wasync_workload_changes(const cJSON *want, const cJSON *tool)
{
	cJSON *out = cJSON_CreateObject();
	const cJSON *c;

	cJSON_ArrayForEach(c, want)
	{
		const cJSON *t = cJSON_GetObjectItemCaseSensitive(tool, c->string);
		if (!t || !cJSON_Compare(c, t, true))
			cJSON_AddItemToObject(out, c->string, cJSON_Duplicate(c, true));
	}
	return out;
}

static void set_str(char **dst, const char *v)
{
	if (!v)
		return;
	free(*dst);
	*dst = xstrdup(v);
}

static void set_list(char ***v, size_t *n, const cJSON *arr)
{
	const cJSON *c;

	if (!cJSON_IsArray(arr))
		return;
	strv_free(*v, *n);
	*v = NULL;
	*n = 0;
	cJSON_ArrayForEach(c, arr)
	{
		if (!cJSON_IsString(c))
			continue;
		*v = xrealloc(*v, (*n + 1) * sizeof(char *));
		(*v)[(*n)++] = xstrdup(c->valuestring);
	}
}

void wasync_workload_from_tool(struct review *rv, const cJSON *tool)
{
	struct workload *wl = &rv->wl;
	const char *env = str_of(tool, "Environment");
	bool ours_prod = wl->environment && !strcmp(wl->environment, "production");

	set_str(&wl->name, str_of(tool, "WorkloadName"));
	set_str(&wl->description, str_of(tool, "Description"));
	set_str(&wl->owner, str_of(tool, "ReviewOwner"));
	/* PREPRODUCTION covers several of ours (pre-production, development, test …). */
	if (env && !strcmp(env, "PRODUCTION"))
		set_str(&wl->environment, "production");
	else if (env && (!wl->environment || ours_prod))
		set_str(&wl->environment, "pre-production");
	set_list(&wl->regions, &wl->n_regions,
	         cJSON_GetObjectItemCaseSensitive(tool, "AwsRegions"));
	set_list(&wl->accounts, &wl->n_accounts,
	         cJSON_GetObjectItemCaseSensitive(tool, "AccountIds"));
	free(rv->wa_tool->architectural_design);
	rv->wa_tool->architectural_design = NULL;
	if (str_of(tool, "ArchitecturalDesign") && *str_of(tool, "ArchitecturalDesign"))
		set_str(&rv->wa_tool->architectural_design, str_of(tool, "ArchitecturalDesign"));
}

/* ---- milestones ---- */

cJSON *wasync_milestone_input(const struct question *q, const struct ms_question *sq,
                              const struct answer *cur)
{
	cJSON *in = cJSON_CreateObject(), *sel = cJSON_AddArrayToObject(in, "SelectedChoices");
	bool na = sq->risk == QRISK_NOT_APPLICABLE;

	for (size_t i = 0; i < q->n_bps; i++)
		for (size_t k = 0; k < sq->n_selected; k++)
			if (!strcmp(sq->selected[k], q->bps[i].id))
				cJSON_AddItemToArray(sel, cJSON_CreateString(q->bps[i].choice_id));
	/* Answered with nothing in place: "none of these". */
	if (!cJSON_GetArraySize(sel) && !na && sq->risk != QRISK_UNANSWERED)
		cJSON_AddItemToArray(sel, cJSON_CreateString(q->none_choice_id));
	cJSON_AddBoolToObject(in, "IsApplicable", !na);
	cJSON_AddStringToObject(in, "Reason",
	                        !na                       ? "NONE"
	                        : cur && cur->na != NA_NO ? reason_out(cur->na)
	                                                  : "OTHER");
	return in;
}

struct milestone *wasync_milestone_from_tool(const struct qset *qs, const char *name,
                                             const char *date, const cJSON *summaries)
{
	struct milestone *m = xcalloc(1, sizeof(*m));

	m->name = xstrdup(name);
	m->date = xstrdup(date);
	m->questions = xcalloc(qs->n_questions + 1, sizeof(*m->questions));
	for (size_t i = 0; i < qs->n_questions; i++) {
		const struct question *q = &qs->questions[i];
		struct ms_question *sq = &m->questions[m->n_questions++];
		const cJSON *s, *found = NULL, *c;
		int risk;

		sq->question = xstrdup(q->id);
		sq->risk = QRISK_UNANSWERED;
		cJSON_ArrayForEach(s, summaries)
		{
			const char *id = str_of(s, "QuestionId");
			if (id && q->wa_question_id && !strcmp(id, q->wa_question_id))
				found = s;
		}
		if (!found)
			continue;
		risk = wasync_risk_parse(str_of(found, "Risk"));
		sq->risk = risk < 0 ? QRISK_UNANSWERED : (enum qrisk)risk;
		cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(found, "SelectedChoices"))
		{
			const struct bp *bp =
			        cJSON_IsString(c) ? bp_by_choice(q, c->valuestring) : NULL;
			if (!bp)
				continue;
			sq->selected =
			        xrealloc(sq->selected, (sq->n_selected + 1) * sizeof(char *));
			sq->selected[sq->n_selected++] = xstrdup(bp->id);
		}
	}
	return m;
}
