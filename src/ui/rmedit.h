/* The roadmap screen's logic without a terminal: one line per item, and the reviewer's
 * edits (owner, status, won't do, target week, effort) turned into roadmap_override_set()
 * changes, so what the keys do is tested directly. */
#ifndef WAR_UI_RMEDIT_H
#define WAR_UI_RMEDIT_H

#include <stddef.h>

#include "model/qset.h"
#include "model/review.h"
#include "model/roadmap.h"
#include "util/err.h"

enum rmedit_field { RMEDIT_OWNER, RMEDIT_STATUS, RMEDIT_WONT_DO, RMEDIT_WEEK, RMEDIT_EFFORT };

/* The status the status key moves to: planned -> in progress -> done -> planned; won't do
 * goes back to planned. */
enum rm_status rmedit_status_next(enum rm_status s);

/* The effort the effort key moves to, as roadmap_change text: low -> medium -> high ->
 * "auto" (the question set's) -> low. Static. */
const char *rmedit_effort_next(const struct roadmap_item *it);

/* Applies text to one field of bpid's settings, stamped now (ISO time): the owner ("" clears
 * it), a status name, a won't-do reason (required), a week (1..104; "" or "auto": the
 * plan's), an effort (low, medium, high, auto). Returns 0, or -1 with err and rv unchanged. */
int rmedit_apply(struct review *rv, const struct qset *qs, const char *bpid,
                 enum rmedit_field field, const char *text, const char *now, struct wa_err *err);

/* The item's list line: rank, priority, ID, week, effort, status, owner and title, in
 * columns. Returns buf. */
const char *rmedit_row(const struct roadmap_item *it, char *buf, size_t len);

/* The header line that goes over rmedit_row()'s columns. Static. */
const char *rmedit_header(void);

#endif
