#include "store/review_sections.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/milestone.h"
#include "model/roadmap.h"
#include "store/yemit.h"
#include "util/strset.h"

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
 * allocated, free with free()) when wanted. */
static int text(struct ydoc *d, yaml_node_t *n, const char *what, char **out, struct wa_err *err)
{
	char *s = NULL;

	if (ydoc_str(d, n, what, &s, err))
		return -1;
	if (n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && yemit_plain_is_typed(s)) {
		ydoc_fail(d, n, err, "%s: expected text, found '%s' (quote it: \"%s\")", what, s,
		          s);
		free(s);
		return -1;
	}
	if (out)
		*out = s;
	else
		free(s);
	return 0;
}

/* The best practice a key names, checked against qs when given. */
static const struct bp *known_bp(struct ydoc *d, yaml_node_t *n, const struct qset *qs,
                                 const char *what, bool *ok, struct wa_err *err)
{
	const struct bp *bp;

	*ok = true;
	if (!qs)
		return NULL;
	bp = roadmap_lookup_bp(qs, sval(n), NULL);
	if (!bp) {
		ydoc_fail(d, n, err, "%s: %s is not a best practice of question set '%s'", what,
		          sval(n), qs->id);
		*ok = false;
	}
	return bp;
}

static int roadmap_item(struct ydoc *d, yaml_node_t *key, yaml_node_t *n, const struct qset *qs,
                        struct wa_err *err)
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
	int status = RM_PLANNED;
	bool ok;
	long week;

	known_bp(d, key, qs, "roadmap.items", &ok, err);
	if (!ok)
		return -1;
	snprintf(what, sizeof(what), "roadmap.items.%s", sval(key));
	if (ydoc_map(d, n, f, N, what, err))
		return -1;
	if (f[OWNER].val && text(d, f[OWNER].val, "owner", NULL, err))
		return -1;
	if (f[EFFORT].val) {
		if (text(d, f[EFFORT].val, "effort", &s, err))
			return -1;
		ok = effort_parse(s) != 0;
		free(s);
		if (!ok)
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
	}
	if (f[REASON].val && text(d, f[REASON].val, "reason", NULL, err))
		return -1;
	if (f[UPDATED].val && text(d, f[UPDATED].val, "updated", NULL, err))
		return -1;
	if (status == RM_WONT_DO && !f[REASON].val)
		return ydoc_fail(d, f[STATUS].val, err,
		                 "%s: status wont_do needs a reason saying why", sval(key));
	if (status != RM_WONT_DO && f[REASON].val)
		return ydoc_fail(d, f[REASON].key_node, err,
		                 "%s: only an item with status wont_do has a reason", sval(key));
	return 0;
}

int review_sections_roadmap(struct ydoc *d, yaml_node_t *n, const struct qset *qs,
                            struct wa_err *err)
{
	struct yfield f[] = { { "items", false, NULL, NULL } };
	yaml_node_t *items;

	if (is_blank(n))
		return 0;
	if (ydoc_map(d, n, f, 1, "roadmap", err))
		return -1;
	items = f[0].val;
	if (!items || is_blank(items))
		return 0;
	if (ydoc_map_any(d, items, "roadmap.items", err))
		return -1;
	for (yaml_node_pair_t *p = items->data.mapping.pairs.start;
	     p < items->data.mapping.pairs.top; p++)
		if (roadmap_item(d, ydoc_get(d, p->key), ydoc_get(d, p->value), qs, err))
			return -1;
	return 0;
}

static int bp_list(struct ydoc *d, yaml_node_t *n, const struct qset *qs, const struct question *q,
                   const char *what, struct wa_err *err)
{
	long len = ydoc_seq_len(d, n, what, err);

	if (len < 0)
		return -1;
	for (long i = 0; i < len; i++) {
		yaml_node_t *item = ydoc_seq_item(d, n, (size_t)i);
		const struct question *owner = NULL;

		if (text(d, item, what, NULL, err))
			return -1;
		if (!qs)
			continue;
		if (!roadmap_lookup_bp(qs, sval(item), &owner) || (q && owner != q))
			return ydoc_fail(d, item, err, "%s: %s is not a best practice of %s", what,
			                 sval(item), q ? q->id : qs->id);
	}
	return 0;
}

static int snapshot_question(struct ydoc *d, yaml_node_t *key, yaml_node_t *n,
                             const struct qset *qs, const char *ms, struct wa_err *err)
{
	struct yfield f[] = {
		{ "risk", true, NULL, NULL },
		{ "selected", false, NULL, NULL },
	};
	const struct question *q = qs ? qset_find_question(qs, sval(key)) : NULL;
	char what[200];
	bool ok = false;

	if (qs && !q)
		return ydoc_fail(d, key, err, "milestone '%s': %s is not a question of set '%s'",
		                 ms, sval(key), qs->id);
	snprintf(what, sizeof(what), "milestone '%s' question %s", ms, sval(key));
	if (ydoc_map(d, n, f, 2, what, err))
		return -1;
	if (text(d, f[0].val, "risk", NULL, err))
		return -1;
	for (int r = QRISK_UNANSWERED; r <= QRISK_HIGH; r++)
		ok = ok || !strcmp(sval(f[0].val), qrisk_name((enum qrisk)r));
	if (!ok)
		return ydoc_fail(d, f[0].val, err,
		                 "risk: expected HIGH, MEDIUM, NONE, NOT_APPLICABLE or "
		                 "UNANSWERED, found '%s'",
		                 sval(f[0].val));
	if (f[1].val && !is_blank(f[1].val))
		return bp_list(d, f[1].val, qs, q, "selected", err);
	return 0;
}

static int milestone(struct ydoc *d, yaml_node_t *n, long index, const struct qset *qs,
                     struct strset *names, struct wa_err *err)
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

	snprintf(what, sizeof(what), "milestones item %ld", index + 1);
	if (ydoc_map(d, n, f, 4, what, err) || text(d, f[0].val, "milestone name", NULL, err) ||
	    text(d, f[1].val, "milestone date", NULL, err))
		return -1;
	if (strlen(sval(f[0].val)) > MILESTONE_NAME_MAX)
		return ydoc_fail(d, f[0].val, err, "milestone name: at most %d bytes",
		                 MILESTONE_NAME_MAX);
	/* Names pick milestones for diff: two with one name would be ambiguous. */
	first = strset_add(names, sval(f[0].val), ydoc_line(f[0].val));
	if (first >= 0)
		return ydoc_fail(d, f[0].val, err,
		                 "milestones: the name '%s' is used twice (first at line %ld)",
		                 sval(f[0].val), first);
	qn = f[2].val;
	if (ydoc_map_any(d, qn, "milestone questions", err))
		return -1;
	for (yaml_node_pair_t *p = qn->data.mapping.pairs.start; p < qn->data.mapping.pairs.top;
	     p++)
		if (snapshot_question(d, ydoc_get(d, p->key), ydoc_get(d, p->value), qs,
		                      sval(f[0].val), err))
			return -1;
	if (f[3].val && !is_blank(f[3].val))
		return bp_list(d, f[3].val, qs, NULL, "done", err);
	return 0;
}

int review_sections_milestones(struct ydoc *d, yaml_node_t *n, const struct qset *qs,
                               struct wa_err *err)
{
	struct strset names = { 0 };
	long len;
	int rc = 0;

	if (is_blank(n))
		return 0;
	len = ydoc_seq_len(d, n, "milestones", err);
	if (len < 0)
		return -1;
	for (long i = 0; i < len && !rc; i++)
		rc = milestone(d, ydoc_seq_item(d, n, (size_t)i), i, qs, &names, err);
	strset_free(&names);
	return rc;
}
