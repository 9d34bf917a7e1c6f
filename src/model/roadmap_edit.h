/* The reviewer's per-item settings (owner, effort, target week, status) in the review's
 * roadmap section, which the review keeps as JSON in rv->roadmap:
 *   roadmap: { items: { "REL09-BP02": { owner, effort, week, status, reason, updated } } }
 * Items are keyed by best-practice ID, so the settings survive any re-prioritization. */
#ifndef WAR_MODEL_ROADMAP_EDIT_H
#define WAR_MODEL_ROADMAP_EDIT_H

#include <stdbool.h>

#include "model/qset.h"
#include "model/review.h"
#include "model/roadmap.h"
#include "util/err.h"

/* A change to one item's settings, as text (the CLI's and the wizard's input). */
struct roadmap_change {
	const char *owner; /* NULL: unchanged; "": clear */
	const char
	        *effort;  /* NULL: unchanged; "auto": back to the question set's; low|medium|high */
	const char *week; /* NULL: unchanged; "auto": back to the model's; 1..ROADMAP_MAX_WEEK */
	const char *status; /* NULL: unchanged; planned|in_progress|done|wont_do */
	const char *reason; /* NULL: unchanged; "": clear. Required for wont_do */
	bool reset;         /* drop every setting before applying the rest */
};

/* The settings for bpid, with strings borrowed from rv->roadmap. Returns whether any are
 * set; out is filled either way (unset fields 0/NULL, status planned). */
bool roadmap_override_get(const struct review *rv, const char *bpid, struct roadmap_override *out);

/* Applies ch to bpid's settings in rv->roadmap, stamping them with `now` (ISO time). Items
 * left with nothing set are removed, so the file keeps only real decisions. Returns 0, or
 * -1 with err (nothing changed) for a best practice qs lacks or a bad value; err names the
 * field: "week: expected a week from 1 to 104 or 'auto', found '0'". */
int roadmap_override_set(struct review *rv, const struct qset *qs, const char *bpid,
                         const struct roadmap_change *ch, const char *now, struct wa_err *err);

#endif
