#include "model/milestone.h"

#include <stdlib.h>
#include <string.h>

#include "model/risk.h"
#include "model/roadmap_edit.h"
#include "util/strv.h"
#include "util/xalloc.h"

struct milestone *milestone_snapshot(const struct qset *qs, const struct review *rv,
                                     const char *name, const char *date)
{
	struct milestone *m = xcalloc(1, sizeof(*m));
	size_t cap_done = 0;

	m->name = xstrdup(name);
	m->date = xstrdup(date);
	m->questions = qs->n_questions ? xcalloc(qs->n_questions, sizeof(*m->questions)) : NULL;
	for (size_t i = 0; i < qs->n_questions; i++) {
		const struct question *q = &qs->questions[i];
		const struct answer *a = review_find(rv, q->id);
		struct ms_question *sq = &m->questions[m->n_questions++];

		sq->question = xstrdup(q->id);
		sq->risk = risk_question(q, a);
		if (a && a->n_selected && !a->none_of_these) {
			sq->selected = strv_dup(a->selected, a->n_selected);
			sq->n_selected = a->n_selected;
		}
		for (size_t j = 0; j < q->n_bps; j++) {
			struct roadmap_override ov;

			if (roadmap_override_get(rv, q->bps[j].id, &ov) && ov.status == RM_DONE) {
				m->done =
				        xgrow(m->done, &cap_done, m->n_done + 1, sizeof(*m->done));
				m->done[m->n_done++] = xstrdup(q->bps[j].id);
			}
		}
	}
	return m;
}

void milestone_clear(struct milestone *m)
{
	free(m->name);
	free(m->date);
	for (size_t i = 0; i < m->n_questions; i++) {
		free(m->questions[i].question);
		strv_free(m->questions[i].selected, m->questions[i].n_selected);
	}
	free(m->questions);
	strv_free(m->done, m->n_done);
	memset(m, 0, sizeof(*m));
}

void milestone_free(struct milestone *m)
{
	if (!m)
		return;
	milestone_clear(m);
	free(m);
}

struct milestone *milestone_dup(const struct milestone *v, size_t n)
{
	struct milestone *out = n ? xcalloc(n, sizeof(*out)) : NULL;

	for (size_t i = 0; i < n; i++) {
		struct milestone *m = &out[i];

		m->name = xstrdup(v[i].name);
		m->date = xstrdup(v[i].date);
		m->questions =
		        v[i].n_questions ? xcalloc(v[i].n_questions, sizeof(*m->questions)) : NULL;
		for (size_t k = 0; k < v[i].n_questions; k++) {
			const struct ms_question *src = &v[i].questions[k];
			struct ms_question *dst = &m->questions[m->n_questions++];

			dst->question = xstrdup(src->question);
			dst->risk = src->risk;
			dst->selected = strv_dup(src->selected, src->n_selected);
			dst->n_selected = src->n_selected;
		}
		m->done = strv_dup(v[i].done, v[i].n_done);
		m->n_done = v[i].n_done;
	}
	return out;
}

const struct milestone *milestone_find(const struct review *rv, const char *name)
{
	for (size_t i = 0; i < rv->n_milestones; i++)
		if (!strcmp(rv->milestones[i].name, name))
			return &rv->milestones[i];
	return NULL;
}

const struct milestone *milestone_last(const struct review *rv)
{
	return rv->n_milestones ? &rv->milestones[rv->n_milestones - 1] : NULL;
}

int milestone_add(struct review *rv, const struct qset *qs, const char *name, const char *date,
                  struct wa_err *err)
{
	size_t len = strlen(name);
	struct milestone *m;

	if (!len)
		return err_set(err, NULL, 0, 0, "a milestone needs a name");
	if (len > MILESTONE_NAME_MAX)
		return err_set(err, NULL, 0, 0, "milestone name: at most %d bytes, found %zu",
		               MILESTONE_NAME_MAX, len);
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
			return err_set(err, NULL, 0, 0,
			               "milestone name: control characters are not allowed");
	if (milestone_find(rv, name))
		return err_set(err, NULL, 0, 0,
		               "a milestone named '%s' already exists; choose another name", name);
	m = milestone_snapshot(qs, rv, name, date);
	rv->milestones = xrealloc(rv->milestones, (rv->n_milestones + 1) * sizeof(*rv->milestones));
	rv->milestones[rv->n_milestones++] = *m;
	free(m);
	return 0;
}

/* A snapshot's record of question qid, or NULL. */
static const struct ms_question *snap_question(const struct milestone *m, const char *qid)
{
	for (size_t i = 0; i < m->n_questions; i++)
		if (!strcmp(m->questions[i].question, qid))
			return &m->questions[i];
	return NULL;
}

static enum qrisk snap_risk(const struct ms_question *sq)
{
	return sq ? sq->risk : QRISK_UNANSWERED;
}

static bool list_has(char *const *v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i], s))
			return true;
	return false;
}

static bool selected_has(const struct ms_question *sq, const char *bp)
{
	return sq && list_has(sq->selected, sq->n_selected, bp);
}

/* Rank among the assessed risks; -1 for unanswered or not applicable. */
static int assessed(enum qrisk r)
{
	return r == QRISK_NONE ? 0 : r == QRISK_MEDIUM ? 1 : r == QRISK_HIGH ? 2 : -1;
}

static void add_change(struct ms_change **v, size_t *n, size_t *cap, const struct question *q,
                       enum qrisk from, enum qrisk to)
{
	*v = xgrow(*v, cap, *n + 1, sizeof(**v));
	(*v)[(*n)++] = (struct ms_change){ q, from, to };
}

static void add_item(struct ms_item **v, size_t *n, size_t *cap, const struct question *q,
                     const struct bp *bp, bool in_place)
{
	*v = xgrow(*v, cap, *n + 1, sizeof(**v));
	(*v)[(*n)++] = (struct ms_item){ q, bp, in_place };
}

void milestone_diff(const struct qset *qs, const struct milestone *from, const struct milestone *to,
                    struct ms_diff *out)
{
	size_t cap_up = 0, cap_down = 0, cap_other = 0, cap_done = 0, cap_re = 0;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < qs->n_questions; i++) {
		const struct question *q = &qs->questions[i];
		const struct ms_question *qf = snap_question(from, q->id);
		const struct ms_question *qt = snap_question(to, q->id);
		enum qrisk rf = snap_risk(qf), rt = snap_risk(qt);
		int af = assessed(rf), at = assessed(rt);

		if (af >= 0 && at >= 0 && at > af)
			add_change(&out->up, &out->n_up, &cap_up, q, rf, rt);
		else if (af >= 0 && at >= 0 && at < af)
			add_change(&out->down, &out->n_down, &cap_down, q, rf, rt);
		else if (rf != rt)
			add_change(&out->other, &out->n_other, &cap_other, q, rf, rt);
		for (size_t j = 0; j < q->n_bps; j++) {
			const char *id = q->bps[j].id;
			bool was_missing = af >= 0 && !selected_has(qf, id) &&
			                   !list_has(from->done, from->n_done, id);
			bool now_in = selected_has(qt, id),
			     now_done = list_has(to->done, to->n_done, id);

			if (was_missing && (now_in || now_done))
				add_item(&out->done, &out->n_done, &cap_done, q, &q->bps[j],
				         now_in);
			else if (selected_has(qf, id) && at >= 0 && !now_in && !now_done)
				add_item(&out->reopened, &out->n_reopened, &cap_re, q, &q->bps[j],
				         false);
		}
	}
}

void milestone_diff_clear(struct ms_diff *d)
{
	free(d->up);
	free(d->down);
	free(d->other);
	free(d->done);
	free(d->reopened);
	memset(d, 0, sizeof(*d));
}

bool milestone_diff_empty(const struct ms_diff *d)
{
	return !d->n_up && !d->n_down && !d->n_other && !d->n_done && !d->n_reopened;
}
