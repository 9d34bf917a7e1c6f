#include "store/review_io.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/workload.h"
#include "store/avail_io.h"
#include "store/review_sections.h"
#include "store/ydoc.h"
#include "store/yemit.h"
#include "util/fsio.h"
#include "util/xalloc.h"

#define HEADER "wa-review review file. Edit it with wa-review, or by hand with care."

/* One load in progress: the document, the set to check against, the review being filled. */
struct rload {
	struct ydoc d;
	const struct qset *qs;
	struct review *rv;
	struct wa_err *err;
};

static const char *sval(const yaml_node_t *n)
{
	return (const char *)n->data.scalar.value;
}

/* A plain empty, "~" or "null" value: an optional field written but left blank. */
static bool is_blank(const yaml_node_t *n)
{
	const char *s;

	if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	s = sval(n);
	return !*s || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") ||
	       !strcmp(s, "NULL");
}

/* "a, b, c" from a NULL-ended list, into buf. */
static const char *join(const char *const *list, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; list[i] && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s", i ? ", " : "", list[i]);
	return buf;
}

static int load_schema(struct rload *l, yaml_node_t *root)
{
	yaml_node_t *n = NULL;
	long v;

	/* Read before any other key: a newer file may well have keys this version lacks, and
	 * "written by a newer wa-review" is the message that helps then. */
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top;
	     p++)
		if (!strcmp(sval(ydoc_get(&l->d, p->key)), "schema"))
			n = ydoc_get(&l->d, p->value);
	if (!n)
		return ydoc_fail(&l->d, root, l->err, "review: missing required key 'schema'");
	if (ydoc_long(&l->d, n, "schema", &v, l->err))
		return -1;
	if (v < 1)
		return ydoc_fail(&l->d, n, l->err,
		                 "schema: expected a version of 1 or more, found %ld", v);
	if (v > REVIEW_SCHEMA)
		return ydoc_fail(
		        &l->d, n, l->err,
		        "written by a newer wa-review (schema %ld); this version reads schema %d",
		        v, REVIEW_SCHEMA);
	l->rv->schema = (int)v;
	return 0;
}

static int load_question_set(struct rload *l, yaml_node_t *n)
{
	struct yfield f[] = {
		{ "id", true, NULL, NULL },
		{ "framework_version", false, NULL, NULL },
	};

	if (ydoc_map(&l->d, n, f, 2, "question_set", l->err))
		return -1;
	if (ydoc_str(&l->d, f[0].val, "question_set.id", &l->rv->set_id, l->err))
		return -1;
	if (l->qs && strcmp(l->rv->set_id, l->qs->id) != 0)
		return ydoc_fail(
		        &l->d, f[0].val, l->err,
		        "question_set.id: the review is for question set '%s' but the loaded "
		        "set is '%s'",
		        l->rv->set_id, l->qs->id);
	if (f[1].val && ydoc_str_opt(&l->d, f[1].val, "question_set.framework_version",
	                             &l->rv->framework_version, l->err))
		return -1;
	return 0;
}

/* An optional text field: absent or blank leaves *out NULL. */
static int opt_str(struct rload *l, yaml_node_t *n, const char *what, char **out)
{
	if (!n)
		return 0;
	return ydoc_str_opt(&l->d, n, what, out, l->err);
}

static int one_of(struct rload *l, yaml_node_t *n, const char *what, const char *const *list,
                  char **out)
{
	char buf[256];

	if (opt_str(l, n, what, out))
		return -1;
	for (size_t i = 0; *out && list[i]; i++)
		if (!strcmp(*out, list[i]))
			return 0;
	if (!*out)
		return 0;
	return ydoc_fail(&l->d, n, l->err, "%s: '%s' is not one of %s", what, *out,
	                 join(list, buf, sizeof(buf)));
}

/* An account ID as people write it, rewritten in place as its 12 digits. */
static bool account_in_place(char *s)
{
	char id[13];

	if (workload_parse_account(s, id))
		return false;
	strcpy(s, id); /* never longer than what was written */
	return true;
}

static bool region_valid(char *s)
{
	return workload_valid_region(s);
}

/* A list of strings each accepted (and maybe normalized in place) by valid(); the error
 * names the offending item. */
static int checked_list(struct rload *l, yaml_node_t *n, const char *what, bool (*valid)(char *),
                        const char *expected, char ***out, size_t *count)
{
	if (!n || is_blank(n))
		return 0;
	if (ydoc_strlist(&l->d, n, what, out, count, l->err))
		return -1;
	for (size_t i = 0; i < *count; i++)
		if (!valid((*out)[i]))
			return ydoc_fail(&l->d, ydoc_seq_item(&l->d, n, i), l->err,
			                 "%s: '%s' is not %s", what, (*out)[i], expected);
	return 0;
}

static int load_duration(struct rload *l, yaml_node_t *n, const char *what, char **out)
{
	long secs;

	if (opt_str(l, n, what, out))
		return -1;
	if (*out && workload_parse_duration(*out, &secs))
		return ydoc_fail(&l->d, n, l->err,
		                 "%s: expected a duration such as 15m, 4h, 1h30m or '4 hours', "
		                 "found '%s'",
		                 what, *out);
	return 0;
}

static int load_participants(struct rload *l, yaml_node_t *n)
{
	struct workload *wl = &l->rv->wl;
	long len;

	if (!n || is_blank(n))
		return 0;
	len = ydoc_seq_len(&l->d, n, "workload.participants", l->err);
	if (len < 0)
		return -1;
	wl->participants = xcalloc((size_t)len + 1, sizeof(*wl->participants));
	for (long i = 0; i < len; i++) {
		struct yfield f[] = {
			{ "name", true, NULL, NULL },
			{ "role", false, NULL, NULL },
		};
		struct participant *p = &wl->participants[i];
		yaml_node_t *item = ydoc_seq_item(&l->d, n, (size_t)i);
		char what[64], msg[300];

		snprintf(what, sizeof(what), "workload.participants item %ld", i + 1);
		/* A line as the wizard takes it, "Ravi Kumar [ops]", or a name and a role. */
		if (item && item->type == YAML_SCALAR_NODE) {
			char *text;
			if (ydoc_str(&l->d, item, what, &text, l->err))
				return -1;
			if (workload_parse_participant(text, &p->name, &p->role, msg,
			                               sizeof(msg))) {
				free(text);
				return ydoc_fail(&l->d, item, l->err, "%s: %s", what, msg);
			}
			free(text);
			wl->n_participants++;
			continue;
		}
		if (ydoc_map(&l->d, ydoc_seq_item(&l->d, n, (size_t)i), f, 2, what, l->err))
			return -1;
		wl->n_participants++;
		if (ydoc_str(&l->d, f[0].val, "participant name", &p->name, l->err) ||
		    opt_str(l, f[1].val, "participant role", &p->role))
			return -1;
	}
	return 0;
}

/* workload.scope: {tags: {KEY: VALUE or [VALUES]}, resource_groups: [...], applications:
 * [...], stacks: [...]}. */
static int load_scope(struct rload *l, yaml_node_t *n)
{
	enum { TAGS, GROUPS, APPS, STACKS, N };
	struct yfield f[N] = {
		[TAGS] = { "tags", false, NULL, NULL },
		[GROUPS] = { "resource_groups", false, NULL, NULL },
		[APPS] = { "applications", false, NULL, NULL },
		[STACKS] = { "stacks", false, NULL, NULL },
	};
	struct wl_scope *s = &l->rv->wl.scope;

	if (ydoc_map(&l->d, n, f, N, "workload.scope", l->err))
		return -1;
	if ((f[GROUPS].val && ydoc_strlist(&l->d, f[GROUPS].val, "workload.scope.resource_groups",
	                                   &s->groups, &s->n_groups, l->err)) ||
	    (f[APPS].val && ydoc_strlist(&l->d, f[APPS].val, "workload.scope.applications",
	                                 &s->apps, &s->n_apps, l->err)) ||
	    (f[STACKS].val && ydoc_strlist(&l->d, f[STACKS].val, "workload.scope.stacks",
	                                   &s->stacks, &s->n_stacks, l->err)))
		return -1;
	if (!f[TAGS].val || is_blank(f[TAGS].val))
		return 0;
	if (ydoc_map_any(&l->d, f[TAGS].val, "workload.scope.tags", l->err))
		return -1;
	for (yaml_node_pair_t *p = f[TAGS].val->data.mapping.pairs.start;
	     p < f[TAGS].val->data.mapping.pairs.top; p++) {
		yaml_node_t *k = ydoc_get(&l->d, p->key), *v = ydoc_get(&l->d, p->value);
		struct scope_tag *t;

		s->tags = xrealloc(s->tags, (s->n_tags + 1) * sizeof(*s->tags));
		t = &s->tags[s->n_tags++];
		memset(t, 0, sizeof(*t));
		t->key = xstrdup(sval(k));
		if (v->type == YAML_SEQUENCE_NODE) {
			if (ydoc_strlist(&l->d, v, "workload.scope.tags value", &t->values,
			                 &t->n_values, l->err))
				return -1;
		} else if (v->type == YAML_SCALAR_NODE && !is_blank(v)) {
			t->values = xcalloc(1, sizeof(*t->values));
			t->values[t->n_values++] = xstrdup(sval(v));
		} else if (!is_blank(v)) {
			return ydoc_fail(&l->d, v, l->err,
			                 "workload.scope.tags.%s: expected a value or a list of "
			                 "values (empty: any value)",
			                 t->key);
		}
	}
	return 0;
}

static int load_workload(struct rload *l, yaml_node_t *n)
{
	enum {
		NAME,
		DESC,
		OWNER,
		ENV,
		REGIONS,
		ACCOUNTS,
		CRIT,
		AVAIL,
		RTO,
		RPO,
		PEOPLE,
		COST,
		CURRENCY,
		COMPONENTS,
		DEPS,
		SCOPE,
		N
	};
	struct yfield f[N] = {
		[NAME] = { "name", false, NULL, NULL },
		[DESC] = { "description", false, NULL, NULL },
		[OWNER] = { "owner", false, NULL, NULL },
		[ENV] = { "environment", false, NULL, NULL },
		[REGIONS] = { "regions", false, NULL, NULL },
		[ACCOUNTS] = { "accounts", false, NULL, NULL },
		[CRIT] = { "business_criticality", false, NULL, NULL },
		[AVAIL] = { "availability_target", false, NULL, NULL },
		[RTO] = { "rto", false, NULL, NULL },
		[RPO] = { "rpo", false, NULL, NULL },
		[PEOPLE] = { "participants", false, NULL, NULL },
		[COST] = { "downtime_cost_per_hour", false, NULL, NULL },
		[CURRENCY] = { "downtime_cost_currency", false, NULL, NULL },
		[COMPONENTS] = { "components", false, NULL, NULL },
		[DEPS] = { "dependencies", false, NULL, NULL },
		[SCOPE] = { "scope", false, NULL, NULL },
	};
	struct workload *wl = &l->rv->wl;
	struct avail_io_nodes avail;

	if (ydoc_map(&l->d, n, f, N, "workload", l->err))
		return -1;
	if (opt_str(l, f[NAME].val, "workload.name", &wl->name) ||
	    opt_str(l, f[DESC].val, "workload.description", &wl->description) ||
	    opt_str(l, f[OWNER].val, "workload.owner", &wl->owner) ||
	    one_of(l, f[ENV].val, "workload.environment", workload_environments,
	           &wl->environment) ||
	    checked_list(l, f[REGIONS].val, "workload.regions", region_valid,
	                 "an AWS Region name such as eu-west-1 or us-gov-west-1", &wl->regions,
	                 &wl->n_regions) ||
	    checked_list(l, f[ACCOUNTS].val, "workload.accounts", account_in_place,
	                 "an AWS account ID (12 digits, best quoted: \"012345678901\", or "
	                 "1111-2222-3333)",
	                 &wl->accounts, &wl->n_accounts) ||
	    one_of(l, f[CRIT].val, "workload.business_criticality", workload_criticalities,
	           &wl->criticality))
		return -1;
	if (f[AVAIL].val && !is_blank(f[AVAIL].val)) {
		if (ydoc_double(&l->d, f[AVAIL].val, "workload.availability_target",
		                &wl->availability, l->err))
			return -1;
		if (!workload_valid_availability(wl->availability))
			return ydoc_fail(
			        &l->d, f[AVAIL].val, l->err,
			        "workload.availability_target: expected a percentage above 0 "
			        "and below 100 (such as 99.95), found %s",
			        sval(f[AVAIL].val));
	}
	if (load_duration(l, f[RTO].val, "workload.rto", &wl->rto) ||
	    load_duration(l, f[RPO].val, "workload.rpo", &wl->rpo) ||
	    load_participants(l, f[PEOPLE].val) ||
	    (f[SCOPE].val && !is_blank(f[SCOPE].val) && load_scope(l, f[SCOPE].val)))
		return -1;
	avail = (struct avail_io_nodes){ f[COST].val, f[CURRENCY].val, f[COMPONENTS].val,
		                         f[DEPS].val };
	return avail_io_load_workload(&l->d, &avail, wl, l->err);
}

static int load_selected(struct rload *l, yaml_node_t *n, const struct question *q,
                         struct answer *a)
{
	if (is_blank(n))
		return 0;
	if (ydoc_strlist(&l->d, n, "selected", &a->selected, &a->n_selected, l->err))
		return -1;
	for (size_t i = 0; i < a->n_selected; i++) {
		yaml_node_t *item = ydoc_seq_item(&l->d, n, i);

		if (q && question_bp_index(q, a->selected[i]) < 0)
			return ydoc_fail(&l->d, item, l->err,
			                 "%s: no such best practice in question %s", a->selected[i],
			                 q->id);
		for (size_t j = 0; j < i; j++)
			if (!strcmp(a->selected[i], a->selected[j]))
				return ydoc_fail(&l->d, item, l->err, "%s: selected twice",
				                 a->selected[i]);
	}
	return 0;
}

/* The reason of a not_applicable mapping: one of na_reason_name()'s. */
static int load_reason(struct rload *l, yaml_node_t *n, const char *what, enum na_reason *out)
{
	char buf[256], *reason = NULL;
	const char *names[NA_OTHER + 1];

	if (ydoc_str(&l->d, n, what, &reason, l->err))
		return -1;
	*out = na_reason_parse(reason);
	if (*out == NA_NO) {
		for (int i = NA_OUT_OF_SCOPE; i <= NA_OTHER; i++)
			names[i - 1] = na_reason_name((enum na_reason)i);
		names[NA_OTHER] = NULL;
		ydoc_fail(&l->d, n, l->err, "%s: '%s' is not one of %s", what, reason,
		          join(names, buf, sizeof(buf)));
		free(reason);
		return -1;
	}
	free(reason);
	return 0;
}

static int load_na(struct rload *l, yaml_node_t *n, struct answer *a)
{
	struct yfield f[] = {
		{ "reason", true, NULL, NULL },
		{ "note", false, NULL, NULL },
	};
	char what[64];

	snprintf(what, sizeof(what), "%s.not_applicable", a->question);
	if (ydoc_map(&l->d, n, f, 2, what, l->err))
		return -1;
	snprintf(what, sizeof(what), "%s.not_applicable.reason", a->question);
	if (load_reason(l, f[0].val, what, &a->na))
		return -1;
	snprintf(what, sizeof(what), "%s.not_applicable.note", a->question);
	return opt_str(l, f[1].val, what, &a->na_note);
}

/* open: [REL01-BP03, ...]: practices nobody has decided yet (evidence decided the others);
 * a practice is never both selected and open. */
static int load_open(struct rload *l, yaml_node_t *n, const struct question *q, struct answer *a)
{
	char what[64];

	snprintf(what, sizeof(what), "%s.open", a->question);
	if (ydoc_strlist(&l->d, n, what, &a->open, &a->n_open, l->err))
		return -1;
	for (size_t i = 0; i < a->n_open; i++) {
		yaml_node_t *item = ydoc_seq_item(&l->d, n, i);

		if (q && question_bp_index(q, a->open[i]) < 0)
			return ydoc_fail(&l->d, item, l->err, "%s: %s is not a best practice of %s",
			                 what, a->open[i], q->id);
		if (answer_has(a, a->open[i]))
			return ydoc_fail(&l->d, item, l->err,
			                 "%s: %s is selected, so it cannot be open as well", what,
			                 a->open[i]);
		for (size_t j = 0; j < i; j++)
			if (!strcmp(a->open[i], a->open[j]))
				return ydoc_fail(&l->d, item, l->err, "%s: %s is listed twice",
				                 what, a->open[i]);
	}
	return 0;
}

/* sources: {REL01-BP01: evidence, ...}: who decided each best practice. */
static int load_sources(struct rload *l, yaml_node_t *n, const struct question *q, struct answer *a)
{
	char what[64];

	if (is_blank(n))
		return 0;
	snprintf(what, sizeof(what), "%s.sources", a->question);
	if (ydoc_map_any(&l->d, n, what, l->err))
		return -1;
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = ydoc_get(&l->d, p->key), *v = ydoc_get(&l->d, p->value);
		int src;

		if (q && question_bp_index(q, sval(k)) < 0)
			return ydoc_fail(&l->d, k, l->err, "%s: %s is not a best practice of %s",
			                 what, sval(k), q->id);
		if (v->type != YAML_SCALAR_NODE || (src = answer_source_parse(sval(v))) < 0)
			return ydoc_fail(&l->d, v, l->err, "%s.%s: expected evidence or reviewer",
			                 what, sval(k));
		answer_set_source(a, sval(k), (enum answer_source)src);
	}
	return 0;
}

/* not_applicable_practices: {REL01-BP03: {reason: out_of_scope, note: ...}}: practices that
 * do not apply, never selected or open as well. */
static int load_bp_na(struct rload *l, yaml_node_t *n, const struct question *q, struct answer *a)
{
	char what[96];

	if (is_blank(n))
		return 0;
	snprintf(what, sizeof(what), "%s.not_applicable_practices", a->question);
	if (ydoc_map_any(&l->d, n, what, l->err))
		return -1;
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = ydoc_get(&l->d, p->key), *v = ydoc_get(&l->d, p->value);
		struct yfield f[] = {
			{ "reason", true, NULL, NULL },
			{ "note", false, NULL, NULL },
		};
		const char *bp = sval(k);
		enum na_reason r;
		char *note = NULL;

		if (q && question_bp_index(q, bp) < 0)
			return ydoc_fail(&l->d, k, l->err, "%s: %s is not a best practice of %s",
			                 what, bp, q->id);
		if (answer_has(a, bp) || answer_is_open(a, bp))
			return ydoc_fail(&l->d, k, l->err,
			                 "%s: %s is %s, so it cannot be not applicable as well",
			                 what, bp, answer_has(a, bp) ? "selected" : "open");
		snprintf(what, sizeof(what), "%s.not_applicable_practices.%s", a->question, bp);
		if (ydoc_map(&l->d, v, f, 2, what, l->err) ||
		    load_reason(l, f[0].val, "reason", &r) || opt_str(l, f[1].val, "note", &note))
			return -1;
		answer_set_bp_na(a, bp, r, note);
		free(note);
		snprintf(what, sizeof(what), "%s.not_applicable_practices", a->question);
	}
	return 0;
}

static int load_answer(struct rload *l, yaml_node_t *key, yaml_node_t *n)
{
	enum { SEL, OPEN, NONE, NA, BPNA, NOTES, FLAG, UPD, SRC, N };
	struct yfield f[N] = {
		[SEL] = { "selected", false, NULL, NULL },
		[OPEN] = { "open", false, NULL, NULL },
		[NONE] = { "none_of_these", false, NULL, NULL },
		[NA] = { "not_applicable", false, NULL, NULL },
		[BPNA] = { "not_applicable_practices", false, NULL, NULL },
		[NOTES] = { "notes", false, NULL, NULL },
		[FLAG] = { "flagged", false, NULL, NULL },
		[UPD] = { "updated", false, NULL, NULL },
		[SRC] = { "sources", false, NULL, NULL },
	};
	const struct question *q = NULL;
	const char *qid = sval(key);
	char what[64];
	struct answer *a;

	if (!*qid)
		return ydoc_fail(&l->d, key, l->err, "answers: empty question ID");
	if (l->qs) {
		q = qset_find_question(l->qs, qid);
		if (!q)
			return ydoc_fail(&l->d, key, l->err, "%s: no such question in set '%s'",
			                 qid, l->qs->id);
	}
	snprintf(what, sizeof(what), "%s", qid);
	if (ydoc_map(&l->d, n, f, N, what, l->err))
		return -1;
	a = review_get(l->rv, qid);
	if (f[SEL].val && load_selected(l, f[SEL].val, q, a))
		return -1;
	if (f[OPEN].val && load_open(l, f[OPEN].val, q, a))
		return -1;
	if (f[NONE].val) {
		if (ydoc_bool(&l->d, f[NONE].val, "none_of_these", &a->none_of_these, l->err))
			return -1;
		if (a->none_of_these && (a->n_selected > 0 || a->n_open > 0))
			return ydoc_fail(&l->d, f[NONE].key_node, l->err,
			                 "%s: none_of_these is true but best practices are %s; "
			                 "keep one or the other",
			                 qid, a->n_selected ? "selected" : "open");
	}
	if (f[NA].val && !is_blank(f[NA].val) && load_na(l, f[NA].val, a))
		return -1;
	if (f[BPNA].val && load_bp_na(l, f[BPNA].val, q, a))
		return -1;
	if (opt_str(l, f[NOTES].val, "notes", &a->notes))
		return -1;
	if (f[FLAG].val && ydoc_bool(&l->d, f[FLAG].val, "flagged", &a->flagged, l->err))
		return -1;
	if (f[SRC].val && load_sources(l, f[SRC].val, q, a))
		return -1;
	return opt_str(l, f[UPD].val, "updated", &a->updated);
}

static int load_answers(struct rload *l, yaml_node_t *n)
{
	if (is_blank(n))
		return 0;
	if (ydoc_map_any(&l->d, n, "answers", l->err))
		return -1;
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++)
		if (load_answer(l, ydoc_get(&l->d, p->key), ydoc_get(&l->d, p->value)))
			return -1;
	return 0;
}

/* Position of a question in the set; SIZE_MAX when the set does not have it. */
static size_t question_rank(const struct qset *qs, const char *qid)
{
	const struct question *q = qset_find_question(qs, qid);
	return q ? (size_t)(q - qs->questions) : SIZE_MAX;
}

static size_t bp_rank(const struct question *q, const char *bpid)
{
	long i = q ? question_bp_index(q, bpid) : -1;
	return i < 0 ? SIZE_MAX : (size_t)i;
}

/* Answers into question-set order, each answer's selections into best-practice order.
 * Insertion sort: stable, and the lists are tens of items long. */
static void sort_review(struct review *rv, const struct qset *qs)
{
	for (size_t i = 1; i < rv->n_answers; i++) {
		struct answer a = rv->answers[i];
		size_t r = question_rank(qs, a.question), j = i;

		for (; j > 0 && question_rank(qs, rv->answers[j - 1].question) > r; j--)
			rv->answers[j] = rv->answers[j - 1];
		rv->answers[j] = a;
	}
	for (size_t k = 0; k < rv->n_answers; k++) {
		struct answer *a = &rv->answers[k];
		const struct question *q = qset_find_question(qs, a->question);

		for (size_t i = 1; i < a->n_selected; i++) {
			char *s = a->selected[i];
			size_t r = bp_rank(q, s), j = i;

			for (; j > 0 && bp_rank(q, a->selected[j - 1]) > r; j--)
				a->selected[j] = a->selected[j - 1];
			a->selected[j] = s;
		}
	}
}

static int load_root(struct rload *l)
{
	enum {
		SCHEMA,
		QSET,
		CREATED,
		UPDATED,
		WORKLOAD,
		ANSWERS,
		CHECKLIST,
		EVIDENCE,
		ROADMAP,
		MILESTONES,
		INCIDENTS,
		WA_TOOL,
		N
	};
	struct yfield f[N] = {
		[SCHEMA] = { "schema", true, NULL, NULL },
		[QSET] = { "question_set", true, NULL, NULL },
		[CREATED] = { "created", false, NULL, NULL },
		[UPDATED] = { "updated", false, NULL, NULL },
		[WORKLOAD] = { "workload", true, NULL, NULL },
		[ANSWERS] = { "answers", false, NULL, NULL },
		[CHECKLIST] = { "checklist", false, NULL, NULL },
		[EVIDENCE] = { "evidence", false, NULL, NULL },
		[ROADMAP] = { "roadmap", false, NULL, NULL },
		[MILESTONES] = { "milestones", false, NULL, NULL },
		[INCIDENTS] = { "incidents", false, NULL, NULL },
		[WA_TOOL] = { "wa_tool", false, NULL, NULL },
	};
	struct review *rv = l->rv;
	yaml_node_t *root = ydoc_root(&l->d);

	if (!root)
		return err_set(l->err, l->d.file, 1, 1,
		               "the file is empty; expected a review (schema, question_set, "
		               "workload, answers)");
	if (ydoc_map_any(&l->d, root, "review", l->err) || load_schema(l, root) ||
	    ydoc_map(&l->d, root, f, N, "review", l->err))
		return -1;
	if (load_question_set(l, f[QSET].val) ||
	    opt_str(l, f[CREATED].val, "created", &rv->created) ||
	    opt_str(l, f[UPDATED].val, "updated", &rv->updated) ||
	    load_workload(l, f[WORKLOAD].val) ||
	    (f[ANSWERS].val && load_answers(l, f[ANSWERS].val)) ||
	    (f[CHECKLIST].val &&
	     review_sections_load_checklist(&l->d, f[CHECKLIST].val, rv, l->err)) ||
	    (f[EVIDENCE].val &&
	     review_sections_load_evidence(&l->d, f[EVIDENCE].val, l->qs, rv, l->err)) ||
	    (f[ROADMAP].val &&
	     review_sections_load_roadmap(&l->d, f[ROADMAP].val, l->qs, rv, l->err)) ||
	    (f[MILESTONES].val &&
	     review_sections_load_milestones(&l->d, f[MILESTONES].val, l->qs, rv, l->err)) ||
	    (f[INCIDENTS].val &&
	     avail_io_load_incidents(&l->d, f[INCIDENTS].val, "incidents", &rv->incidents,
	                             &rv->n_incidents, l->err)) ||
	    (f[WA_TOOL].val &&
	     review_sections_load_wa_tool(&l->d, f[WA_TOOL].val, l->qs, rv, l->err)))
		return -1;
	return 0;
}

/* Saves always end with a newline, so text that stops mid-line was cut short (a partial copy,
 * a full disk elsewhere): refuse it rather than read a review with parts missing. */
static int check_complete(const char *file, const char *text, size_t len, struct wa_err *err)
{
	int line = 1, col = 1;

	if (len == 0 || text[len - 1] == '\n')
		return 0;
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\n') {
			line++;
			col = 1;
		} else if (((unsigned char)text[i] & 0xC0) != 0x80) {
			col++;
		}
	}
	return err_set(err, file, line, col,
	               "the file ends in the middle of a line: it looks truncated (a review "
	               "file ends with a newline)");
}

int review_parse(const char *file, const char *text, size_t len, const struct qset *qs,
                 struct review **out, struct wa_err *err)
{
	struct rload l = { .qs = qs, .err = err };
	int rc;

	*out = NULL;
	if (ydoc_load(&l.d, file, text, len, err)) {
		ydoc_free(&l.d);
		return -1;
	}
	if (check_complete(file, text, len, err)) {
		ydoc_free(&l.d);
		return -1;
	}
	l.rv = review_new();
	rc = load_root(&l);
	ydoc_free(&l.d);
	if (rc) {
		review_free(l.rv);
		return -1;
	}
	if (qs)
		sort_review(l.rv, qs);
	*out = l.rv;
	return 0;
}

int review_load(const char *path, const struct qset *qs, struct review **out, struct wa_err *err)
{
	char *text;
	size_t len;
	int rc;

	*out = NULL;
	if (fsio_read(path, FSIO_REVIEW, &text, &len, err))
		return -1;
	rc = review_parse(path, text, len, qs, out, err);
	free(text);
	return rc;
}

/* ---- writing ---- */

static bool is_set(const char *s)
{
	return s && *s;
}

static void put_str(struct yemit *y, const char *key, const char *value)
{
	if (is_set(value))
		yemit_pair(y, key, value);
}

static void put_list(struct yemit *y, const char *key, char *const *v, size_t n)
{
	if (!n)
		return;
	yemit_str(y, key);
	yemit_seq_begin(y, true);
	for (size_t i = 0; i < n; i++)
		yemit_str(y, v[i]);
	yemit_seq_end(y);
}

static void put_scope(struct yemit *y, const struct wl_scope *s)
{
	if (!scope_is_set(s))
		return;
	yemit_str(y, "scope");
	yemit_map_begin(y, false);
	if (s->n_tags) {
		yemit_str(y, "tags");
		yemit_map_begin(y, false);
		for (size_t i = 0; i < s->n_tags; i++) {
			yemit_str(y, s->tags[i].key);
			if (s->tags[i].n_values == 1) {
				yemit_str(y, s->tags[i].values[0]);
				continue;
			}
			yemit_seq_begin(y, true);
			for (size_t k = 0; k < s->tags[i].n_values; k++)
				yemit_str(y, s->tags[i].values[k]);
			yemit_seq_end(y);
		}
		yemit_map_end(y);
	}
	put_list(y, "resource_groups", s->groups, s->n_groups);
	put_list(y, "applications", s->apps, s->n_apps);
	put_list(y, "stacks", s->stacks, s->n_stacks);
	yemit_map_end(y);
}

static void put_workload(struct yemit *y, const struct workload *wl)
{
	yemit_str(y, "workload");
	yemit_map_begin(y, false);
	put_str(y, "name", wl->name);
	put_str(y, "description", wl->description);
	put_str(y, "owner", wl->owner);
	put_str(y, "environment", wl->environment);
	put_list(y, "regions", wl->regions, wl->n_regions);
	put_list(y, "accounts", wl->accounts, wl->n_accounts);
	put_str(y, "business_criticality", wl->criticality);
	if (!(wl->availability < 0)) {
		yemit_str(y, "availability_target");
		yemit_double(y, wl->availability);
	}
	put_str(y, "rto", wl->rto);
	put_str(y, "rpo", wl->rpo);
	if (wl->n_participants) {
		yemit_str(y, "participants");
		yemit_seq_begin(y, false);
		for (size_t i = 0; i < wl->n_participants; i++) {
			yemit_map_begin(y, false);
			put_str(y, "name", wl->participants[i].name);
			put_str(y, "role", wl->participants[i].role);
			yemit_map_end(y);
		}
		yemit_seq_end(y);
	}
	put_scope(y, &wl->scope);
	avail_io_put_workload(y, wl);
	yemit_map_end(y);
}

static bool answer_is_empty(const struct answer *a)
{
	return !answer_is_answered(a) && !is_set(a->notes) && !a->flagged && !a->n_sources;
}

/* Indices 0..n-1 ordered by rank (stable); newly allocated, free with free(). */
static size_t *order(size_t n, size_t (*rank)(const void *ctx, size_t i), const void *ctx)
{
	size_t *ix = xcalloc(n + 1, sizeof(*ix));

	for (size_t i = 0; i < n; i++) {
		size_t j = i, r = rank(ctx, i);

		for (; j > 0 && rank(ctx, ix[j - 1]) > r; j--)
			ix[j] = ix[j - 1];
		ix[j] = i;
	}
	return ix;
}

struct rank_ctx {
	const struct qset *qs;
	const struct review *rv;
	const struct answer *a;
	const struct question *q;
};

static size_t answer_rank(const void *ctx, size_t i)
{
	const struct rank_ctx *c = ctx;
	return c->qs ? question_rank(c->qs, c->rv->answers[i].question) : i;
}

static size_t selected_rank(const void *ctx, size_t i)
{
	const struct rank_ctx *c = ctx;
	return c->q ? bp_rank(c->q, c->a->selected[i]) : i;
}

/* sources in best-practice order (as recorded, when the set is not known). */
static void put_sources(struct yemit *y, const struct answer *a, const struct question *q)
{
	if (!a->n_sources)
		return;
	yemit_str(y, "sources");
	yemit_map_begin(y, false);
	for (size_t i = 0; q && i < q->n_bps; i++)
		for (size_t k = 0; k < a->n_sources; k++)
			if (!strcmp(a->sources[k].bp, q->bps[i].id))
				yemit_pair(y, a->sources[k].bp,
				           answer_source_name(a->sources[k].source));
	for (size_t k = 0; k < a->n_sources; k++)
		if (!q || question_bp_index(q, a->sources[k].bp) < 0)
			yemit_pair(y, a->sources[k].bp, answer_source_name(a->sources[k].source));
	yemit_map_end(y);
}

static void put_na(struct yemit *y, enum na_reason r, const char *note)
{
	yemit_map_begin(y, false);
	put_str(y, "reason", na_reason_name(r));
	put_str(y, "note", note);
	yemit_map_end(y);
}

/* not_applicable_practices in best-practice order (as recorded, when the set is not known). */
static void put_bp_na(struct yemit *y, const struct answer *a, const struct question *q)
{
	if (!a->n_bp_na)
		return;
	yemit_str(y, "not_applicable_practices");
	yemit_map_begin(y, false);
	for (size_t i = 0; q && i < q->n_bps; i++) {
		const struct bp_na *n = answer_bp_na(a, q->bps[i].id);
		if (n) {
			yemit_str(y, n->bp);
			put_na(y, n->reason, n->note);
		}
	}
	for (size_t k = 0; k < a->n_bp_na; k++)
		if (!q || question_bp_index(q, a->bp_na[k].bp) < 0) {
			yemit_str(y, a->bp_na[k].bp);
			put_na(y, a->bp_na[k].reason, a->bp_na[k].note);
		}
	yemit_map_end(y);
}

static void put_answer(struct yemit *y, const struct answer *a, const struct qset *qs)
{
	struct rank_ctx c = { .qs = qs, .a = a };
	size_t *ix;

	c.q = qs ? qset_find_question(qs, a->question) : NULL;
	yemit_str(y, a->question);
	yemit_map_begin(y, false);
	if (a->n_selected) {
		ix = order(a->n_selected, selected_rank, &c);
		yemit_str(y, "selected");
		yemit_seq_begin(y, true);
		for (size_t i = 0; i < a->n_selected; i++)
			yemit_str(y, a->selected[ix[i]]);
		yemit_seq_end(y);
		free(ix);
	}
	if (a->n_open) {
		/* kept in question order when the set is known */
		yemit_str(y, "open");
		yemit_seq_begin(y, true);
		for (size_t i = 0; c.q && i < c.q->n_bps; i++)
			if (answer_is_open(a, c.q->bps[i].id))
				yemit_str(y, c.q->bps[i].id);
		for (size_t i = 0; i < a->n_open; i++)
			if (!c.q || question_bp_index(c.q, a->open[i]) < 0)
				yemit_str(y, a->open[i]);
		yemit_seq_end(y);
	}
	if (a->none_of_these) {
		yemit_str(y, "none_of_these");
		yemit_bool(y, true);
	}
	if (na_reason_name(a->na)) {
		yemit_str(y, "not_applicable");
		put_na(y, a->na, a->na_note);
	}
	put_bp_na(y, a, c.q);
	put_str(y, "notes", a->notes);
	put_sources(y, a, c.q);
	if (a->flagged) {
		yemit_str(y, "flagged");
		yemit_bool(y, true);
	}
	put_str(y, "updated", a->updated);
	yemit_map_end(y);
}

static void put_answers(struct yemit *y, const struct review *rv, const struct qset *qs)
{
	struct rank_ctx c = { .qs = qs, .rv = rv };
	size_t *ix, shown = 0;

	for (size_t i = 0; i < rv->n_answers; i++)
		if (!answer_is_empty(&rv->answers[i]))
			shown++;
	if (!shown)
		return;
	ix = order(rv->n_answers, answer_rank, &c);
	yemit_str(y, "answers");
	yemit_map_begin(y, false);
	for (size_t i = 0; i < rv->n_answers; i++)
		if (!answer_is_empty(&rv->answers[ix[i]]))
			put_answer(y, &rv->answers[ix[i]], qs);
	yemit_map_end(y);
	free(ix);
}

char *review_format(const struct review *rv, const struct qset *qs)
{
	struct yemit y;
	const char *set_id = rv->set_id ? rv->set_id : qs ? qs->id : NULL;
	char *text;

	/* The emitter remembers its first failure and ignores later events, so the steps
	 * below need no checks of their own: yemit_take() reports it. */
	yemit_init(&y);
	yemit_comment(&y, HEADER);
	yemit_doc_begin(&y);
	yemit_map_begin(&y, false);
	yemit_str(&y, "schema");
	yemit_long(&y, REVIEW_SCHEMA);
	yemit_str(&y, "question_set");
	yemit_map_begin(&y, false);
	put_str(&y, "id", set_id);
	put_str(&y, "framework_version", rv->framework_version);
	yemit_map_end(&y);
	put_str(&y, "created", rv->created);
	put_str(&y, "updated", rv->updated);
	put_workload(&y, &rv->wl);
	put_answers(&y, rv, qs);
	avail_io_put_incidents(&y, rv);
	review_sections_put(&y, rv);
	yemit_map_end(&y);
	yemit_doc_end(&y);
	text = yemit_take(&y, NULL);
	yemit_free(&y);
	return text;
}

unsigned review_extras(const char *text, size_t len)
{
	return ydoc_extras(text, len, "# " HEADER "\n");
}

int review_save(const char *path, const struct review *rv, const struct qset *qs,
                struct wa_err *err)
{
	char *text = review_format(rv, qs);
	int rc;

	if (!text)
		return err_set(err, path, 0, 0, "cannot format the review; nothing was written");
	rc = fsio_write_atomic(path, text, strlen(text), 0600, err);
	free(text);
	return rc;
}
