#include "model/roadmap_edit.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "model/roadmap.h"
#include "util/xalloc.h"

/* Where bpid's settings sit in rv->overrides, or -1. */
static long find(const struct review *rv, const char *bpid)
{
	for (size_t i = 0; i < rv->n_overrides; i++)
		if (!strcmp(rv->overrides[i].bp, bpid))
			return (long)i;
	return -1;
}

static bool any_set(const struct roadmap_override *o)
{
	return o->owner || o->effort || o->week || o->status != RM_PLANNED || o->reason;
}

bool roadmap_override_get(const struct review *rv, const char *bpid, struct roadmap_override *out)
{
	long i = find(rv, bpid);

	memset(out, 0, sizeof(*out));
	if (i < 0)
		return false;
	*out = rv->overrides[i];
	return any_set(out);
}

void roadmap_override_clear(struct roadmap_override *o)
{
	free(o->bp);
	free(o->owner);
	free(o->reason);
	free(o->updated);
	memset(o, 0, sizeof(*o));
}

static void copy(struct roadmap_override *dst, const struct roadmap_override *src)
{
	*dst = *src;
	dst->bp = xstrdup(src->bp);
	dst->owner = xstrdup_opt(src->owner);
	dst->reason = xstrdup_opt(src->reason);
	dst->updated = xstrdup_opt(src->updated);
}

struct roadmap_override *roadmap_override_dup(const struct roadmap_override *v, size_t n)
{
	struct roadmap_override *out = n ? xcalloc(n, sizeof(*out)) : NULL;

	for (size_t i = 0; i < n; i++)
		copy(&out[i], &v[i]);
	return out;
}

static void set_text(char **dst, const char *s)
{
	free(*dst);
	*dst = *s ? xstrdup(s) : NULL;
}

static int parse_week(const char *s, int *out, struct wa_err *err)
{
	char *end;
	long v;

	if (!strcmp(s, "auto")) {
		*out = 0;
		return 0;
	}
	errno = 0;
	v = strtol(s, &end, 10);
	if (!*s || *end || errno || v < 1 || v > ROADMAP_MAX_WEEK)
		return err_set(err, NULL, 0, 0,
		               "week: expected a week from 1 to %d or 'auto', found '%s'",
		               ROADMAP_MAX_WEEK, s);
	*out = (int)v;
	return 0;
}

/* Applies ch to a working copy s of the settings. */
static int apply(struct roadmap_override *s, const struct roadmap_change *ch, struct wa_err *err)
{
	int st;

	if (ch->reset) {
		free(s->owner);
		free(s->reason);
		s->owner = s->reason = NULL;
		s->effort = 0;
		s->week = 0;
		s->status = RM_PLANNED;
	}
	if (ch->owner)
		set_text(&s->owner, ch->owner);
	if (ch->effort) {
		if (!strcmp(ch->effort, "auto"))
			s->effort = 0;
		else if (!(s->effort = effort_parse(ch->effort)))
			return err_set(err, NULL, 0, 0,
			               "effort: expected low, medium, high or 'auto', found '%s'",
			               ch->effort);
	}
	if (ch->week && parse_week(ch->week, &s->week, err))
		return -1;
	if (ch->status) {
		st = rm_status_parse(ch->status);
		if (st < 0)
			return err_set(err, NULL, 0, 0,
			               "status: expected planned, in_progress, done or wont_do, "
			               "found '%s'",
			               ch->status);
		s->status = (enum rm_status)st;
		/* A reason explains a decision not to do the item; it goes with that decision. */
		if (s->status != RM_WONT_DO) {
			free(s->reason);
			s->reason = NULL;
		}
	}
	if (ch->reason)
		set_text(&s->reason, ch->reason);
	if (s->status == RM_WONT_DO && !s->reason)
		return err_set(err, NULL, 0, 0, "status: wont_do needs a reason saying why");
	if (s->status != RM_WONT_DO && s->reason)
		return err_set(err, NULL, 0, 0, "reason: only an item marked wont_do has a reason");
	return 0;
}

/* Position of a best practice in the set, for keeping items in set order in the file. */
static size_t set_rank(const struct qset *qs, const char *bpid)
{
	size_t r = 0;

	for (size_t i = 0; i < qs->n_questions; i++)
		for (size_t j = 0; j < qs->questions[i].n_bps; j++, r++)
			if (!strcmp(qs->questions[i].bps[j].id, bpid))
				return r;
	return r;
}

/* Removes item i of rv->overrides. */
static void drop(struct review *rv, size_t i)
{
	roadmap_override_clear(&rv->overrides[i]);
	memmove(&rv->overrides[i], &rv->overrides[i + 1],
	        (rv->n_overrides - i - 1) * sizeof(*rv->overrides));
	if (!--rv->n_overrides) {
		free(rv->overrides);
		rv->overrides = NULL;
	}
}

/* Takes s into rv->overrides before the first item later in the set, so the file lists
 * items in question-set order however they were set. */
static void insert(struct review *rv, const struct qset *qs, struct roadmap_override *s)
{
	size_t r = set_rank(qs, s->bp), j = 0;

	while (j < rv->n_overrides && set_rank(qs, rv->overrides[j].bp) <= r)
		j++;
	rv->overrides = xrealloc(rv->overrides, (rv->n_overrides + 1) * sizeof(*rv->overrides));
	memmove(&rv->overrides[j + 1], &rv->overrides[j],
	        (rv->n_overrides - j) * sizeof(*rv->overrides));
	rv->overrides[j] = *s;
	rv->n_overrides++;
}

int roadmap_override_set(struct review *rv, const struct qset *qs, const char *bpid,
                         const struct roadmap_change *ch, const char *now, struct wa_err *err)
{
	struct roadmap_override s = { 0 };
	long at;

	if (!roadmap_lookup_bp(qs, bpid, NULL))
		return err_set(err, NULL, 0, 0, "%s is not a best practice of question set '%s'",
		               bpid, qs->id);
	/* A working copy, so a refused change leaves rv as it was. */
	at = find(rv, bpid);
	if (at >= 0)
		copy(&s, &rv->overrides[at]);
	if (apply(&s, ch, err)) {
		roadmap_override_clear(&s);
		return -1;
	}
	if (at >= 0)
		drop(rv, (size_t)at);
	if (!any_set(&s)) {
		roadmap_override_clear(&s);
		return 0;
	}
	if (!s.bp)
		s.bp = xstrdup(bpid);
	free(s.updated);
	s.updated = now && *now ? xstrdup(now) : NULL;
	insert(rv, qs, &s);
	return 0;
}
