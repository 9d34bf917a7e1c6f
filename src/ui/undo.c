#include "ui/undo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/evidence.h"
#include "util/xalloc.h"

static void step_free(struct undo_step *s)
{
	review_parts_free(&s->parts);
	review_free(s->before);
	review_free(s->after);
	memset(s, 0, sizeof(*s));
}

static void clear_undone(struct undo *u)
{
	for (size_t i = 0; i < u->n_undone; i++)
		step_free(&u->undone[i]);
	u->n_undone = 0;
}

void undo_free(struct undo *u)
{
	clear_undone(u);
	for (size_t i = 0; i < u->n_done; i++)
		step_free(&u->done[i]);
	free(u->done);
	free(u->undone);
	review_free(u->shadow);
	memset(u, 0, sizeof(*u));
}

void undo_reset(struct undo *u, const struct review *rv)
{
	undo_free(u);
	if (!rv)
		return;
	u->shadow = review_dup(rv);
	/* Evidence is no step (review_parts_diff() without records): the shadow need not carry
	 * a copy of it. */
	evidence_free(u->shadow->evidence);
	u->shadow->evidence = NULL;
}

/* A review holding only the parts ps of rv. Newly allocated. */
static struct review *parts_of(const struct review *rv, const struct review_parts *ps)
{
	struct review *out = review_new();

	for (size_t i = 0; i < ps->n; i++)
		review_part_copy(out, rv, &ps->v[i]);
	return out;
}

static bool same_parts(const struct review_parts *a, const struct review_parts *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (!review_parts_has(b, &a->v[i]))
			return false;
	return true;
}

bool undo_record(struct undo *u, const struct review *rv, const char *label, bool merge)
{
	struct review_parts ps = { 0 };
	struct undo_step *s, *top = u->n_done ? &u->done[u->n_done - 1] : NULL;
	char names[120];

	if (!u->shadow || !rv)
		return false;
	review_parts_diff(u->shadow, rv, false, &ps);
	if (!ps.n)
		return false;
	clear_undone(u);
	if (merge && label && top && strcmp(top->label, label) == 0 &&
	    same_parts(&top->parts, &ps)) {
		review_free(top->after);
		top->after = parts_of(rv, &ps);
	} else {
		if (u->n_done == UNDO_MAX) {
			step_free(&u->done[0]);
			memmove(u->done, u->done + 1, (UNDO_MAX - 1) * sizeof(*u->done));
			u->n_done--;
		}
		u->done = xgrow(u->done, &u->cap_done, u->n_done + 1, sizeof(*u->done));
		s = &u->done[u->n_done++];
		memset(s, 0, sizeof(*s));
		if (label)
			snprintf(s->label, sizeof(s->label), "%s", label);
		else
			snprintf(s->label, sizeof(s->label), "change to %s",
			         review_parts_names(&ps, names, sizeof(names)));
		s->before = parts_of(u->shadow, &ps);
		s->after = parts_of(rv, &ps);
		s->parts = ps;
		ps = (struct review_parts){ 0 };
	}
	for (size_t i = 0; i < u->done[u->n_done - 1].parts.n; i++)
		review_part_copy(u->shadow, rv, &u->done[u->n_done - 1].parts.v[i]);
	review_parts_free(&ps);
	return true;
}

void undo_absorb(struct undo *u, const struct review *rv, const struct review_parts *parts)
{
	if (!u->shadow)
		return;
	for (size_t i = 0; i < parts->n; i++)
		review_part_copy(u->shadow, rv, &parts->v[i]);
}

/* Moves the last step of from onto to, putting back `back`'s side of it where rv still
 * shows the other side. */
static const char *move(struct undo *u, struct undo_step **from, size_t *n_from,
                        struct undo_step **to, size_t *n_to, size_t *cap_to, bool back,
                        struct review *rv, struct review_parts *skipped)
{
	struct undo_step *s;

	if (!u->shadow || !*n_from)
		return NULL;
	s = &(*from)[--*n_from];
	for (size_t i = 0; i < s->parts.n; i++) {
		const struct review_part *p = &s->parts.v[i];
		if (!review_part_equal(rv, back ? s->after : s->before, p)) {
			if (skipped)
				review_parts_add(skipped, p->kind, p->key);
			continue;
		}
		review_part_copy(rv, back ? s->before : s->after, p);
		review_part_copy(u->shadow, rv, p);
	}
	*to = xgrow(*to, cap_to, *n_to + 1, sizeof(**to));
	(*to)[(*n_to)++] = *s;
	return (*to)[*n_to - 1].label;
}

const char *undo_undo(struct undo *u, struct review *rv, struct review_parts *skipped)
{
	return move(u, &u->done, &u->n_done, &u->undone, &u->n_undone, &u->cap_undone, true, rv,
	            skipped);
}

const char *undo_redo(struct undo *u, struct review *rv, struct review_parts *skipped)
{
	return move(u, &u->undone, &u->n_undone, &u->done, &u->n_done, &u->cap_done, false, rv,
	            skipped);
}
