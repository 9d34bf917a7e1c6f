#include "ui/rmedit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/roadmap_edit.h"
#include "ui/wrap.h"
#include "util/xalloc.h"

enum rm_status rmedit_status_next(enum rm_status s)
{
	switch (s) {
	case RM_PLANNED: return RM_IN_PROGRESS;
	case RM_IN_PROGRESS: return RM_DONE;
	default: return RM_PLANNED;
	}
}

const char *rmedit_effort_next(const struct roadmap_item *it)
{
	if (!it->effort_overridden)
		return "low";
	switch (it->effort) {
	case EFFORT_LOW: return "medium";
	case EFFORT_MEDIUM: return "high";
	default: return "auto";
	}
}

/* Text without leading and trailing blanks; newly allocated. */
static char *trim(const char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return xasprintf("%.*s", (int)n, s);
}

int rmedit_apply(struct review *rv, const struct qset *qs, const char *bpid,
                 enum rmedit_field field, const char *text, const char *now, struct wa_err *err)
{
	struct roadmap_change ch = { 0 };
	char *t = trim(text);
	int rc;

	switch (field) {
	case RMEDIT_OWNER: ch.owner = t; break;
	case RMEDIT_STATUS: ch.status = t; break;
	case RMEDIT_WONT_DO:
		if (!*t) {
			free(t);
			return err_set(err, NULL, 0, 0, "say why it won't be done");
		}
		ch.status = "wont_do";
		ch.reason = t;
		break;
	case RMEDIT_WEEK: ch.week = *t ? t : "auto"; break;
	case RMEDIT_EFFORT: ch.effort = *t ? t : "auto"; break;
	}
	rc = roadmap_override_set(rv, qs, bpid, &ch, now, err);
	free(t);
	return rc;
}

const char *rmedit_header(void)
{
	return "  #  P  Best practice  Week  Effort  Status       Owner         Title";
}

/* s in exactly cols columns: padded with spaces, or cut with "…" when longer. */
static void fit(const char *s, int cols, char *out, size_t len)
{
	int w = wrap_width(s, strlen(s));

	if (w <= cols)
		snprintf(out, len, "%s%*s", s, cols - w, "");
	else
		snprintf(out, len, "%.*s…", (int)wrap_fit(s, strlen(s), cols - 1), s);
}

const char *rmedit_row(const struct roadmap_item *it, char *buf, size_t len)
{
	char week[16], owner[64];

	if (it->week > ROADMAP_PLAN_WEEKS)
		snprintf(week, sizeof(week), "%d+", ROADMAP_PLAN_WEEKS);
	else
		snprintf(week, sizeof(week), "%d", it->week);
	fit(it->ov.owner ? it->ov.owner : "—", 13, owner, sizeof(owner));
	snprintf(buf, len, "%3zu  P%d %-13s %4s%s %-7s %-12s %s %s", it->rank, it->priority,
	         it->bp->id, week, it->week_overridden ? "*" : " ", effort_name(it->effort),
	         rm_status_label(it->ov.status), owner, it->bp->title);
	return buf;
}
