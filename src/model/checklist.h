/* The pre-review checklist: what a team should have at hand before a review, and which items
 * are ready, kept in the review file's `checklist` section as `ID: true`. Plain data. */
#ifndef WAR_MODEL_CHECKLIST_H
#define WAR_MODEL_CHECKLIST_H

#include <stdbool.h>
#include <stddef.h>

struct checklist_item {
	const char *id;    /* key in the review file, e.g. "architecture_documented" */
	const char *title; /* one line */
	const char *hint;  /* what "ready" means */
};

/* The items, in the order a team prepares them; CHECKLIST_COUNT of them (static). */
extern const struct checklist_item checklist_items[];
enum { CHECKLIST_COUNT = 8 };

/* Which items are ready; a plain value, copied by assignment. */
struct checklist {
	bool done[CHECKLIST_COUNT]; /* by index into checklist_items */
};

struct review; /* model/review.h, which holds a struct checklist */

/* Whether item i is ticked in rv. */
bool checklist_done(const struct review *rv, size_t i);

/* Ticks or unticks item i. Returns 0, or -1 when there is no item i. */
int checklist_set(struct review *rv, size_t i, bool done);

/* How many items are ticked. */
size_t checklist_count_done(const struct review *rv);

#endif
