#include "model/milestone.h"

#include <stdlib.h>
#include <string.h>

#include "model/risk.h"
#include "model/roadmap.h"
#include "model/roadmap_edit.h"
#include "util/xalloc.h"

cJSON *milestone_snapshot(const struct qset *qs, const struct review *rv, const char *name,
                          const char *date)
{
	cJSON *m = cJSON_CreateObject(), *qo, *done = cJSON_CreateArray();

	cJSON_AddStringToObject(m, "name", name);
	cJSON_AddStringToObject(m, "date", date);
	qo = cJSON_AddObjectToObject(m, "questions");
	for (size_t i = 0; i < qs->n_questions; i++) {
		const struct question *q = &qs->questions[i];
		const struct answer *a = review_find(rv, q->id);
		enum qrisk r = risk_question(q, a);
		cJSON *o = cJSON_AddObjectToObject(qo, q->id), *sel;

		cJSON_AddStringToObject(o, "risk", qrisk_name(r));
		if (a && a->n_selected && !a->none_of_these) {
			sel = cJSON_AddArrayToObject(o, "selected");
			for (size_t j = 0; j < a->n_selected; j++)
				cJSON_AddItemToArray(sel, cJSON_CreateString(a->selected[j]));
		}
		for (size_t j = 0; j < q->n_bps; j++) {
			struct roadmap_override ov;

			if (roadmap_override_get(rv, q->bps[j].id, &ov) && ov.status == RM_DONE)
				cJSON_AddItemToArray(done, cJSON_CreateString(q->bps[j].id));
		}
	}
	if (cJSON_GetArraySize(done))
		cJSON_AddItemToObject(m, "done", done);
	else
		cJSON_Delete(done);
	return m;
}

const char *milestone_name(const cJSON *m)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(m, "name");
	return cJSON_IsString(v) ? v->valuestring : "";
}

const char *milestone_date(const cJSON *m)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(m, "date");
	return cJSON_IsString(v) ? v->valuestring : "";
}

const cJSON *milestone_find(const struct review *rv, const char *name)
{
	const cJSON *list = cJSON_IsArray(rv->milestones) ? rv->milestones : NULL, *m;

	cJSON_ArrayForEach(m, list) if (!strcmp(milestone_name(m), name)) return m;
	return NULL;
}

const cJSON *milestone_last(const struct review *rv)
{
	const cJSON *list = cJSON_IsArray(rv->milestones) ? rv->milestones : NULL;
	const cJSON *m, *last = NULL;

	cJSON_ArrayForEach(m, list) last = m;
	return last;
}

int milestone_add(struct review *rv, const struct qset *qs, const char *name, const char *date,
                  struct wa_err *err)
{
	size_t len = strlen(name);

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
	if (!cJSON_IsArray(rv->milestones)) {
		cJSON_Delete(rv->milestones);
		rv->milestones = cJSON_CreateArray();
	}
	cJSON_AddItemToArray(rv->milestones, milestone_snapshot(qs, rv, name, date));
	return 0;
}

static const cJSON *snap_question(const cJSON *snap, const char *qid)
{
	return cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(snap, "questions"),
	                                        qid);
}

static enum qrisk snap_risk(const cJSON *sq)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(sq, "risk");

	if (!cJSON_IsString(v))
		return QRISK_UNANSWERED;
	for (int r = QRISK_UNANSWERED; r <= QRISK_HIGH; r++)
		if (!strcmp(v->valuestring, qrisk_name((enum qrisk)r)))
			return (enum qrisk)r;
	return QRISK_UNANSWERED;
}

static bool list_has(const cJSON *list, const char *s)
{
	const cJSON *v;

	if (!cJSON_IsArray(list))
		return false;
	cJSON_ArrayForEach(v,
	                   list) if (cJSON_IsString(v) && !strcmp(v->valuestring, s)) return true;
	return false;
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

void milestone_diff(const struct qset *qs, const cJSON *from, const cJSON *to, struct ms_diff *out)
{
	size_t cap_up = 0, cap_down = 0, cap_other = 0, cap_done = 0, cap_re = 0;
	const cJSON *done_from = cJSON_GetObjectItemCaseSensitive(from, "done");
	const cJSON *done_to = cJSON_GetObjectItemCaseSensitive(to, "done");

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < qs->n_questions; i++) {
		const struct question *q = &qs->questions[i];
		const cJSON *qf = snap_question(from, q->id), *qt = snap_question(to, q->id);
		const cJSON *sf = cJSON_GetObjectItemCaseSensitive(qf, "selected");
		const cJSON *st = cJSON_GetObjectItemCaseSensitive(qt, "selected");
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
			bool was_missing = af >= 0 && !list_has(sf, id) && !list_has(done_from, id);
			bool now_in = list_has(st, id), now_done = list_has(done_to, id);

			if (was_missing && (now_in || now_done))
				add_item(&out->done, &out->n_done, &cap_done, q, &q->bps[j],
				         now_in);
			else if (list_has(sf, id) && at >= 0 && !now_in && !now_done)
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
