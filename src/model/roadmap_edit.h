/* The reviewer's per-item settings (owner, effort, target week, status) kept in the review's
 * roadmap section, rv->overrides:
 *   roadmap: { items: { "REL09-BP02": { owner, effort, week, status, reason, updated } } }
 * Items are keyed by best-practice ID, so the settings survive any re-prioritization. */
#ifndef WAR_MODEL_ROADMAP_EDIT_H
#define WAR_MODEL_ROADMAP_EDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "model/qset.h"
#include "model/review.h"
#include "util/err.h"

enum rm_status { RM_PLANNED = 0, RM_IN_PROGRESS, RM_DONE, RM_WONT_DO };

#define ROADMAP_MAX_WEEK 104 /* the latest target week an override may name */

/* A reviewer's settings for one item, roadmap.items.<BP ID> of the file. */
struct roadmap_override {
	char *bp;           /* the best-practice ID it is for */
	char *owner;        /* NULL when unset */
	enum effort effort; /* 0 when unset */
	int week;           /* 0 when unset */
	enum rm_status status;
	char *reason;  /* why not (won't do only); NULL when unset */
	char *updated; /* ISO time of the last change; NULL when unknown */
};

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

/* The settings for bpid as a view: out's strings are rv's, valid while rv is unchanged
 * (never free them). Returns whether any is set; out is filled either way (unset fields
 * 0/NULL, status planned). */
bool roadmap_override_get(const struct review *rv, const char *bpid, struct roadmap_override *out);

/* Applies ch to bpid's settings in rv->overrides, stamping them with `now` (ISO time). Items
 * left with nothing set are removed, so the file keeps only real decisions. Returns 0, or
 * -1 with err (nothing changed) for a best practice qs lacks or a bad value; err names the
 * field: "week: expected a week from 1 to 104 or 'auto', found '0'". */
int roadmap_override_set(struct review *rv, const struct qset *qs, const char *bpid,
                         const struct roadmap_change *ch, const char *now, struct wa_err *err);

/* A deep copy of the n settings at v; NULL when n is 0. Free each with
 * roadmap_override_clear(), then the array. */
struct roadmap_override *roadmap_override_dup(const struct roadmap_override *v, size_t n);

/* Frees what o owns and leaves it empty (not o itself). */
void roadmap_override_clear(struct roadmap_override *o);

#endif
