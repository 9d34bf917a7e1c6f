#include "model/answer.h"

#include <stdlib.h>
#include <string.h>

#include "util/clock.h"
#include "util/xalloc.h"

bool answer_toggle_bp(struct answer *a, const struct question *q, size_t i)
{
	const char *id = q->bps[i].id;
	size_t at = 0;

	/* An open practice is decided by the toggle: ticked first. */
	answer_decide(a, id);
	for (size_t k = 0; k < a->n_selected; k++)
		if (strcmp(a->selected[k], id) == 0) {
			free(a->selected[k]);
			memmove(a->selected + k, a->selected + k + 1,
			        (a->n_selected - k - 1) * sizeof(*a->selected));
			a->n_selected--;
			return false;
		}
	/* Insert before the first selection that comes later in the question. */
	for (; at < a->n_selected; at++)
		if (question_bp_index(q, a->selected[at]) > (long)i)
			break;
	a->selected = xrealloc(a->selected, (a->n_selected + 1) * sizeof(*a->selected));
	memmove(a->selected + at + 1, a->selected + at,
	        (a->n_selected - at) * sizeof(*a->selected));
	a->selected[at] = xstrdup(id);
	a->n_selected++;
	a->none_of_these = false;
	return true;
}

void answer_set_none(struct answer *a, bool on)
{
	a->none_of_these = on;
	if (!on)
		return;
	for (size_t k = 0; k < a->n_selected; k++)
		free(a->selected[k]);
	a->n_selected = 0;
	/* every practice is decided now: none is in place */
	while (a->n_open)
		answer_decide(a, a->open[0]);
}

static void set_str(char **dst, const char *s)
{
	free(*dst);
	*dst = s && *s ? xstrdup(s) : NULL;
}

void answer_set_na(struct answer *a, enum na_reason r, const char *note)
{
	a->na = r;
	set_str(&a->na_note, r == NA_NO ? NULL : note);
}

void answer_set_notes(struct answer *a, const char *text)
{
	set_str(&a->notes, text);
}

bool answer_toggle_flag(struct answer *a)
{
	a->flagged = !a->flagged;
	return a->flagged;
}

void answer_touch(struct review *rv, struct answer *a, time_t now)
{
	char buf[32];

	clock_iso(now, buf, sizeof(buf));
	set_str(&a->updated, buf);
	set_str(&rv->updated, buf);
}
