#include "model/roadmap_edit.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static const cJSON *items_of(const struct review *rv)
{
	const cJSON *items =
	        rv->roadmap ? cJSON_GetObjectItemCaseSensitive(rv->roadmap, "items") : NULL;
	return cJSON_IsObject(items) ? items : NULL;
}

static const char *str_member(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) && *v->valuestring ? v->valuestring : NULL;
}

bool roadmap_override_get(const struct review *rv, const char *bpid, struct roadmap_override *out)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(items_of(rv), bpid), *w;
	const char *s;
	int st;

	memset(out, 0, sizeof(*out));
	if (!cJSON_IsObject(it))
		return false;
	out->owner = str_member(it, "owner");
	s = str_member(it, "effort");
	out->effort = s ? effort_parse(s) : 0;
	w = cJSON_GetObjectItemCaseSensitive(it, "week");
	if (cJSON_IsNumber(w) && w->valuedouble >= 1 && w->valuedouble <= ROADMAP_MAX_WEEK)
		out->week = (int)w->valuedouble;
	st = rm_status_parse(str_member(it, "status"));
	out->status = st < 0 ? RM_PLANNED : (enum rm_status)st;
	out->reason = str_member(it, "reason");
	out->updated = str_member(it, "updated");
	return out->owner || out->effort || out->week || out->status != RM_PLANNED || out->reason;
}

/* A working copy of one item's settings, owned, so a failed change leaves rv as it was. */
struct settings {
	char *owner, *reason;
	enum effort effort;
	int week;
	enum rm_status status;
};

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

static int apply(struct settings *s, const struct roadmap_change *ch, struct wa_err *err)
{
	int st;

	if (ch->reset) {
		free(s->owner);
		free(s->reason);
		memset(s, 0, sizeof(*s));
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

/* The settings as a JSON object with keys in the documented order. */
static cJSON *settings_json(const struct settings *s, const char *now)
{
	cJSON *o = cJSON_CreateObject();

	if (s->owner)
		cJSON_AddStringToObject(o, "owner", s->owner);
	if (s->effort)
		cJSON_AddStringToObject(o, "effort", effort_name(s->effort));
	if (s->week)
		cJSON_AddNumberToObject(o, "week", s->week);
	if (s->status != RM_PLANNED)
		cJSON_AddStringToObject(o, "status", rm_status_name(s->status));
	if (s->reason)
		cJSON_AddStringToObject(o, "reason", s->reason);
	if (now && *now)
		cJSON_AddStringToObject(o, "updated", now);
	return o;
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

/* Sets (o) or removes (NULL) bpid's entry, keeping entries in question-set order. */
static void put_item(struct review *rv, const struct qset *qs, const char *bpid, cJSON *o)
{
	cJSON *items, *fresh, *c;
	size_t r = set_rank(qs, bpid);

	if (!cJSON_IsObject(rv->roadmap)) {
		cJSON_Delete(rv->roadmap);
		rv->roadmap = cJSON_CreateObject();
	}
	items = cJSON_GetObjectItemCaseSensitive(rv->roadmap, "items");
	if (!cJSON_IsObject(items)) {
		cJSON_DeleteItemFromObjectCaseSensitive(rv->roadmap, "items");
		items = cJSON_AddObjectToObject(rv->roadmap, "items");
	}
	cJSON_DeleteItemFromObjectCaseSensitive(items, bpid);
	/* Rebuilt by moving entries over (objects are lists of named items in cJSON), so the
	 * new one lands in place without relying on insert-at-index. */
	fresh = cJSON_CreateObject();
	if (o)
		o->string = xstrdup(bpid);
	while ((c = items->child)) {
		cJSON_DetachItemViaPointer(items, c);
		if (o && set_rank(qs, c->string) > r) {
			cJSON_AddItemToArray(fresh, o);
			o = NULL;
		}
		cJSON_AddItemToArray(fresh, c);
	}
	if (o)
		cJSON_AddItemToArray(fresh, o);
	cJSON_ReplaceItemInObjectCaseSensitive(rv->roadmap, "items", fresh);
	if (!fresh->child)
		cJSON_DeleteItemFromObjectCaseSensitive(rv->roadmap, "items");
	if (!rv->roadmap->child) {
		cJSON_Delete(rv->roadmap);
		rv->roadmap = NULL;
	}
}

int roadmap_override_set(struct review *rv, const struct qset *qs, const char *bpid,
                         const struct roadmap_change *ch, const char *now, struct wa_err *err)
{
	struct roadmap_override cur;
	struct settings s = { 0 };
	int rc = -1;

	if (!roadmap_lookup_bp(qs, bpid, NULL))
		return err_set(err, NULL, 0, 0, "%s is not a best practice of question set '%s'",
		               bpid, qs->id);
	roadmap_override_get(rv, bpid, &cur);
	s.owner = cur.owner ? xstrdup(cur.owner) : NULL;
	s.reason = cur.reason ? xstrdup(cur.reason) : NULL;
	s.effort = cur.effort;
	s.week = cur.week;
	s.status = cur.status;
	if (apply(&s, ch, err))
		goto out;
	if (!s.owner && !s.reason && !s.effort && !s.week && s.status == RM_PLANNED)
		put_item(rv, qs, bpid, NULL);
	else
		put_item(rv, qs, bpid, settings_json(&s, now));
	rc = 0;
out:
	free(s.owner);
	free(s.reason);
	return rc;
}
