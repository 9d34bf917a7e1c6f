#include "store/review_sections.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/checklist.h"
#include "model/evidence.h"
#include "model/milestone.h"
#include "model/roadmap.h"
#include "model/roadmap_edit.h"
#include "util/secret.h"
#include "util/strset.h"
#include "util/xalloc.h"

static const char *sval(const yaml_node_t *n)
{
	return (const char *)n->data.scalar.value;
}

/* A plain empty, "~" or "null" value: a section written but left blank. */
static bool is_blank(const yaml_node_t *n)
{
	const char *s;

	if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	s = sval(n);
	return !*s || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") ||
	       !strcmp(s, "NULL");
}

/* Text that must stay text once read: a plain 123 or true would not. Fills *out (newly
 * allocated, free with free()). */
static int text(struct ydoc *d, yaml_node_t *n, const char *what, char **out, struct wa_err *err)
{
	if (ydoc_str(d, n, what, out, err))
		return -1;
	if (n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && yemit_plain_is_typed(*out)) {
		ydoc_fail(d, n, err, "%s: expected text, found '%s' (quote it: \"%s\")", what, *out,
		          *out);
		free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

/* ---- checklist ---- */

int review_sections_load_checklist(struct ydoc *d, yaml_node_t *n, struct review *rv,
                                   struct wa_err *err)
{
	struct yfield f[CHECKLIST_COUNT];
	char what[64];

	if (is_blank(n))
		return 0;
	/* Only the known items: a misspelt one would otherwise never show as ticked. */
	for (size_t i = 0; i < CHECKLIST_COUNT; i++)
		f[i] = (struct yfield){ checklist_items[i].id, false, NULL, NULL };
	if (ydoc_map(d, n, f, CHECKLIST_COUNT, "checklist", err))
		return -1;
	for (size_t i = 0; i < CHECKLIST_COUNT; i++) {
		snprintf(what, sizeof(what), "checklist.%s", checklist_items[i].id);
		if (f[i].val && ydoc_bool(d, f[i].val, what, &rv->checklist.done[i], err))
			return -1;
	}
	return 0;
}

static void put_checklist(struct yemit *y, const struct checklist *c)
{
	size_t i = 0;

	while (i < CHECKLIST_COUNT && !c->done[i])
		i++;
	if (i == CHECKLIST_COUNT)
		return;
	/* An unticked item is left out, so the section only ever says what is ready. */
	yemit_str(y, "checklist");
	yemit_map_begin(y, false);
	for (; i < CHECKLIST_COUNT; i++)
		if (c->done[i]) {
			yemit_str(y, checklist_items[i].id);
			yemit_bool(y, true);
		}
	yemit_map_end(y);
}

/* ---- evidence ---- */

/* The YAML node a JSON node was converted from: ydoc_to_json() keeps the shape and the
 * order of members, so the two trees can be walked side by side. NULL when not found. */
static yaml_node_t *yaml_twin(struct ydoc *d, yaml_node_t *y, const cJSON *j, const cJSON *target)
{
	const cJSON *c;
	yaml_node_t *hit;
	size_t i = 0;

	if (j == target)
		return y;
	if (y->type == YAML_SEQUENCE_NODE && cJSON_IsArray(j)) {
		cJSON_ArrayForEach(c, j)
		{
			if (y->data.sequence.items.start + i >= y->data.sequence.items.top)
				return NULL;
			hit = yaml_twin(d, ydoc_seq_item(d, y, i++), c, target);
			if (hit)
				return hit;
		}
	} else if (y->type == YAML_MAPPING_NODE && cJSON_IsObject(j)) {
		cJSON_ArrayForEach(c, j)
		{
			yaml_node_pair_t *p = y->data.mapping.pairs.start + i++;
			if (p >= y->data.mapping.pairs.top)
				return NULL;
			hit = yaml_twin(d, ydoc_get(d, p->value), c, target);
			if (hit)
				return hit;
		}
	}
	return NULL;
}

/* The snapshot's file form is its JSON form (model/evidence.c reads and checks it), so the
 * node goes through JSON; a refusal is traced back to its line and column. */
int review_sections_load_evidence(struct ydoc *d, yaml_node_t *n, const struct qset *qs,
                                  struct review *rv, struct wa_err *err)
{
	cJSON *j = ydoc_to_json(d, n, err);
	const cJSON *at = NULL;
	yaml_node_t *y;
	struct wa_err e;
	int rc = 0;

	if (!j)
		return -1;
	err_clear(&e);
	if (evidence_from_json(j, qs, &rv->evidence, &at, &e)) {
		y = at ? yaml_twin(d, n, j, at) : NULL;
		rc = ydoc_fail(d, y ? y : n, err, "%s", e.msg);
	}
	cJSON_Delete(j);
	return rc;
}

/* Masks every string of j in place (util/secret.h): the snapshot is committed to git, so a
 * credential an error echoed must not reach it, however it got into the evidence. */
static void mask_json(cJSON *j)
{
	cJSON *c;

	if (cJSON_IsString(j))
		secret_mask(j->valuestring);
	cJSON_ArrayForEach(c, j) mask_json(c);
}

static void put_evidence(struct yemit *y, const struct evidence *ev)
{
	cJSON *j;

	if (!ev)
		return;
	j = evidence_to_json(ev);
	mask_json(j);
	yemit_str(y, "evidence");
	yemit_json(y, j);
	cJSON_Delete(j);
}

/* ---- roadmap ---- */

static int roadmap_item(struct ydoc *d, yaml_node_t *key, yaml_node_t *n, const struct qset *qs,
                        struct roadmap_override *o, struct wa_err *err)
{
	enum { OWNER, EFFORT, WEEK, STATUS, REASON, UPDATED, N };
	struct yfield f[N] = {
		[OWNER] = { "owner", false, NULL, NULL },
		[EFFORT] = { "effort", false, NULL, NULL },
		[WEEK] = { "week", false, NULL, NULL },
		[STATUS] = { "status", false, NULL, NULL },
		[REASON] = { "reason", false, NULL, NULL },
		[UPDATED] = { "updated", false, NULL, NULL },
	};
	char what[160], *s = NULL;
	long week;
	int status;

	o->bp = xstrdup(sval(key));
	if (qs && !roadmap_lookup_bp(qs, o->bp, NULL))
		return ydoc_fail(d, key, err,
		                 "roadmap.items: %s is not a best practice of question set '%s'",
		                 o->bp, qs->id);
	snprintf(what, sizeof(what), "roadmap.items.%s", o->bp);
	if (ydoc_map(d, n, f, N, what, err))
		return -1;
	if (f[OWNER].val && text(d, f[OWNER].val, "owner", &o->owner, err))
		return -1;
	if (f[EFFORT].val) {
		if (text(d, f[EFFORT].val, "effort", &s, err))
			return -1;
		o->effort = effort_parse(s);
		free(s);
		if (!o->effort)
			return ydoc_fail(d, f[EFFORT].val, err,
			                 "effort: expected low, medium or high, found '%s'",
			                 sval(f[EFFORT].val));
	}
	if (f[WEEK].val) {
		if (ydoc_long(d, f[WEEK].val, "week", &week, err))
			return -1;
		if (week < 1 || week > ROADMAP_MAX_WEEK)
			return ydoc_fail(d, f[WEEK].val, err,
			                 "week: expected a week from 1 to %d, found %ld",
			                 ROADMAP_MAX_WEEK, week);
		o->week = (int)week;
	}
	if (f[STATUS].val) {
		if (text(d, f[STATUS].val, "status", &s, err))
			return -1;
		status = rm_status_parse(s);
		free(s);
		if (status < 0)
			return ydoc_fail(d, f[STATUS].val, err,
			                 "status: expected planned, in_progress, done or wont_do, "
			                 "found '%s'",
			                 sval(f[STATUS].val));
		o->status = (enum rm_status)status;
	}
	if ((f[REASON].val && text(d, f[REASON].val, "reason", &o->reason, err)) ||
	    (f[UPDATED].val && text(d, f[UPDATED].val, "updated", &o->updated, err)))
		return -1;
	if (o->status == RM_WONT_DO && !o->reason)
		return ydoc_fail(d, f[STATUS].val, err,
		                 "%s: status wont_do needs a reason saying why", o->bp);
	if (o->status != RM_WONT_DO && o->reason)
		return ydoc_fail(d, f[REASON].key_node, err,
		                 "%s: only an item with status wont_do has a reason", o->bp);
	return 0;
}

int review_sections_load_roadmap(struct ydoc *d, yaml_node_t *n, const struct qset *qs,
                                 struct review *rv, struct wa_err *err)
{
	struct yfield f[] = { { "items", false, NULL, NULL } };
	yaml_node_t *items;
	size_t len;

	if (is_blank(n))
		return 0;
	if (ydoc_map(d, n, f, 1, "roadmap", err))
		return -1;
	items = f[0].val;
	if (!items || is_blank(items))
		return 0;
	if (ydoc_map_any(d, items, "roadmap.items", err))
		return -1;
	len = (size_t)(items->data.mapping.pairs.top - items->data.mapping.pairs.start);
	rv->overrides = len ? xcalloc(len, sizeof(*rv->overrides)) : NULL;
	for (yaml_node_pair_t *p = items->data.mapping.pairs.start;
	     p < items->data.mapping.pairs.top; p++)
		if (roadmap_item(d, ydoc_get(d, p->key), ydoc_get(d, p->value), qs,
		                 &rv->overrides[rv->n_overrides++], err))
			return -1;
	return 0;
}

static void put_roadmap(struct yemit *y, const struct review *rv)
{
	if (!rv->n_overrides)
		return;
	yemit_str(y, "roadmap");
	yemit_map_begin(y, false);
	yemit_str(y, "items");
	yemit_map_begin(y, false);
	for (size_t i = 0; i < rv->n_overrides; i++) {
		const struct roadmap_override *o = &rv->overrides[i];

		yemit_str(y, o->bp);
		yemit_map_begin(y, false);
		if (o->owner)
			yemit_pair(y, "owner", o->owner);
		if (o->effort)
			yemit_pair(y, "effort", effort_name(o->effort));
		if (o->week) {
			yemit_str(y, "week");
			yemit_long(y, o->week);
		}
		if (o->status != RM_PLANNED)
			yemit_pair(y, "status", rm_status_name(o->status));
		if (o->reason)
			yemit_pair(y, "reason", o->reason);
		if (o->updated)
			yemit_pair(y, "updated", o->updated);
		yemit_map_end(y);
	}
	yemit_map_end(y);
	yemit_map_end(y);
}

/* ---- milestones ---- */

/* A list of best-practice IDs (of question q when given, else of the set). */
static int bp_list(struct ydoc *d, yaml_node_t *n, const struct qset *qs, const struct question *q,
                   const char *what, char ***out, size_t *count, struct wa_err *err)
{
	long len = ydoc_seq_len(d, n, what, err);

	if (len < 0)
		return -1;
	*out = len ? xcalloc((size_t)len, sizeof(**out)) : NULL;
	for (long i = 0; i < len; i++) {
		yaml_node_t *item = ydoc_seq_item(d, n, (size_t)i);
		const struct question *owner = NULL;

		if (text(d, item, what, &(*out)[*count], err))
			return -1;
		(*count)++;
		if (!qs)
			continue;
		if (!roadmap_lookup_bp(qs, sval(item), &owner) || (q && owner != q))
			return ydoc_fail(d, item, err, "%s: %s is not a best practice of %s", what,
			                 sval(item), q ? q->id : qs->id);
	}
	return 0;
}

static int snapshot_question(struct ydoc *d, yaml_node_t *key, yaml_node_t *n,
                             const struct qset *qs, const char *ms, struct ms_question *sq,
                             struct wa_err *err)
{
	struct yfield f[] = {
		{ "risk", true, NULL, NULL },
		{ "selected", false, NULL, NULL },
	};
	const struct question *q = qs ? qset_find_question(qs, sval(key)) : NULL;
	char what[200], *risk = NULL;
	bool ok = false;

	sq->question = xstrdup(sval(key));
	if (qs && !q)
		return ydoc_fail(d, key, err, "milestone '%s': %s is not a question of set '%s'",
		                 ms, sval(key), qs->id);
	snprintf(what, sizeof(what), "milestone '%s' question %s", ms, sval(key));
	if (ydoc_map(d, n, f, 2, what, err) || text(d, f[0].val, "risk", &risk, err))
		return -1;
	for (int r = QRISK_UNANSWERED; r <= QRISK_HIGH && !ok; r++)
		if (!strcmp(risk, qrisk_name((enum qrisk)r))) {
			sq->risk = (enum qrisk)r;
			ok = true;
		}
	free(risk);
	if (!ok)
		return ydoc_fail(d, f[0].val, err,
		                 "risk: expected HIGH, MEDIUM, NONE, NOT_APPLICABLE or "
		                 "UNANSWERED, found '%s'",
		                 sval(f[0].val));
	if (f[1].val && !is_blank(f[1].val))
		return bp_list(d, f[1].val, qs, q, "selected", &sq->selected, &sq->n_selected, err);
	return 0;
}

static int milestone(struct ydoc *d, yaml_node_t *n, long index, const struct qset *qs,
                     struct strset *names, struct milestone *m, struct wa_err *err)
{
	struct yfield f[] = {
		{ "name", true, NULL, NULL },
		{ "date", true, NULL, NULL },
		{ "questions", true, NULL, NULL },
		{ "done", false, NULL, NULL },
	};
	char what[64];
	yaml_node_t *qn;
	long first;
	size_t len;

	snprintf(what, sizeof(what), "milestones item %ld", index + 1);
	if (ydoc_map(d, n, f, 4, what, err) || text(d, f[0].val, "milestone name", &m->name, err) ||
	    text(d, f[1].val, "milestone date", &m->date, err))
		return -1;
	if (strlen(m->name) > MILESTONE_NAME_MAX)
		return ydoc_fail(d, f[0].val, err, "milestone name: at most %d bytes",
		                 MILESTONE_NAME_MAX);
	/* Names pick milestones for diff: two with one name would be ambiguous. */
	first = strset_add(names, m->name, ydoc_line(f[0].val));
	if (first >= 0)
		return ydoc_fail(d, f[0].val, err,
		                 "milestones: the name '%s' is used twice (first at line %ld)",
		                 m->name, first);
	qn = f[2].val;
	if (ydoc_map_any(d, qn, "milestone questions", err))
		return -1;
	len = (size_t)(qn->data.mapping.pairs.top - qn->data.mapping.pairs.start);
	m->questions = len ? xcalloc(len, sizeof(*m->questions)) : NULL;
	for (yaml_node_pair_t *p = qn->data.mapping.pairs.start; p < qn->data.mapping.pairs.top;
	     p++)
		if (snapshot_question(d, ydoc_get(d, p->key), ydoc_get(d, p->value), qs, m->name,
		                      &m->questions[m->n_questions++], err))
			return -1;
	if (f[3].val && !is_blank(f[3].val))
		return bp_list(d, f[3].val, qs, NULL, "done", &m->done, &m->n_done, err);
	return 0;
}

int review_sections_load_milestones(struct ydoc *d, yaml_node_t *n, const struct qset *qs,
                                    struct review *rv, struct wa_err *err)
{
	struct strset names = { 0 };
	long len;
	int rc = 0;

	if (is_blank(n))
		return 0;
	len = ydoc_seq_len(d, n, "milestones", err);
	if (len < 0)
		return -1;
	rv->milestones = len ? xcalloc((size_t)len, sizeof(*rv->milestones)) : NULL;
	for (long i = 0; i < len && !rc; i++)
		rc = milestone(d, ydoc_seq_item(d, n, (size_t)i), i, qs, &names,
		               &rv->milestones[rv->n_milestones++], err);
	strset_free(&names);
	return rc;
}

static void put_list(struct yemit *y, const char *key, char *const *v, size_t n)
{
	if (!n)
		return;
	yemit_str(y, key);
	yemit_seq_begin(y, false);
	for (size_t i = 0; i < n; i++)
		yemit_str(y, v[i]);
	yemit_seq_end(y);
}

static void put_milestones(struct yemit *y, const struct review *rv)
{
	if (!rv->n_milestones)
		return;
	yemit_str(y, "milestones");
	yemit_seq_begin(y, false);
	for (size_t i = 0; i < rv->n_milestones; i++) {
		const struct milestone *m = &rv->milestones[i];

		yemit_map_begin(y, false);
		yemit_pair(y, "name", m->name);
		yemit_pair(y, "date", m->date);
		yemit_str(y, "questions");
		yemit_map_begin(y, false);
		for (size_t k = 0; k < m->n_questions; k++) {
			const struct ms_question *sq = &m->questions[k];

			yemit_str(y, sq->question);
			yemit_map_begin(y, false);
			yemit_pair(y, "risk", qrisk_name(sq->risk));
			put_list(y, "selected", sq->selected, sq->n_selected);
			yemit_map_end(y);
		}
		yemit_map_end(y);
		put_list(y, "done", m->done, m->n_done);
		yemit_map_end(y);
	}
	yemit_seq_end(y);
}

/* ---- wa_tool ---- */

static bool is_digest(const char *s)
{
	size_t n = 0;

	for (; s[n]; n++)
		if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
			return false;
	return n == 64;
}

static int wa_tool_answers(struct ydoc *d, yaml_node_t *n, const struct qset *qs, struct wa_tool *t,
                           struct wa_err *err)
{
	if (is_blank(n))
		return 0;
	if (ydoc_map_any(d, n, "wa_tool.answers", err))
		return -1;
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = ydoc_get(d, p->key), *v = ydoc_get(d, p->value);
		char *digest = NULL;

		if (qs && !qset_find_question(qs, sval(k)))
			return ydoc_fail(d, k, err,
			                 "wa_tool.answers: %s is not a question of set '%s'",
			                 sval(k), qs->id);
		if (text(d, v, "wa_tool.answers digest", &digest, err))
			return -1;
		if (!is_digest(digest)) {
			free(digest);
			return ydoc_fail(d, v, err,
			                 "wa_tool.answers.%s: expected a SHA-256 digest (64 hex "
			                 "digits, as push and pull write it)",
			                 sval(k));
		}
		wa_tool_set_digest(t, sval(k), digest);
		free(digest);
	}
	return 0;
}

int review_sections_load_wa_tool(struct ydoc *d, yaml_node_t *n, const struct qset *qs,
                                 struct review *rv, struct wa_err *err)
{
	enum { WID, REGION, LENS, DESIGN, SYNCED, ANSWERS, N };
	struct yfield f[N] = {
		[WID] = { "workload_id", true, NULL, NULL },
		[REGION] = { "region", true, NULL, NULL },
		[LENS] = { "lens_version", false, NULL, NULL },
		[DESIGN] = { "architectural_design", false, NULL, NULL },
		[SYNCED] = { "synced", false, NULL, NULL },
		[ANSWERS] = { "answers", false, NULL, NULL },
	};
	struct wa_tool *t;

	if (is_blank(n))
		return 0;
	if (ydoc_map(d, n, f, N, "wa_tool", err))
		return -1;
	t = rv->wa_tool = xcalloc(1, sizeof(*t));
	if (text(d, f[WID].val, "wa_tool.workload_id", &t->workload_id, err) ||
	    text(d, f[REGION].val, "wa_tool.region", &t->region, err) ||
	    (f[LENS].val && text(d, f[LENS].val, "wa_tool.lens_version", &t->lens_version, err)) ||
	    (f[DESIGN].val && text(d, f[DESIGN].val, "wa_tool.architectural_design",
	                           &t->architectural_design, err)) ||
	    (f[SYNCED].val && text(d, f[SYNCED].val, "wa_tool.synced", &t->synced, err)))
		return -1;
	return f[ANSWERS].val ? wa_tool_answers(d, f[ANSWERS].val, qs, t, err) : 0;
}

static void put_wa_tool(struct yemit *y, const struct wa_tool *t)
{
	if (!t)
		return;
	yemit_str(y, "wa_tool");
	yemit_map_begin(y, false);
	yemit_pair(y, "workload_id", t->workload_id);
	yemit_pair(y, "region", t->region);
	if (t->lens_version)
		yemit_pair(y, "lens_version", t->lens_version);
	if (t->architectural_design)
		yemit_pair(y, "architectural_design", t->architectural_design);
	if (t->synced)
		yemit_pair(y, "synced", t->synced);
	if (t->n_answers) {
		yemit_str(y, "answers");
		yemit_map_begin(y, false);
		for (size_t i = 0; i < t->n_answers; i++)
			yemit_pair(y, t->answers[i].question, t->answers[i].digest);
		yemit_map_end(y);
	}
	yemit_map_end(y);
}

void review_sections_put(struct yemit *y, const struct review *rv)
{
	put_checklist(y, &rv->checklist);
	put_evidence(y, rv->evidence);
	put_roadmap(y, rv);
	put_milestones(y, rv);
	put_wa_tool(y, rv->wa_tool);
}
