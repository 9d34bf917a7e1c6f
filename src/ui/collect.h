/* Evidence collection in the background for the wizard: opens the caller (the AWS client,
 * or fixtures under WA_EVIDENCE_FIXTURES), runs the sweep on its own thread and lets the
 * main loop poll it between keys, so the screen never freezes. No curses here. */
#ifndef WAR_UI_COLLECT_H
#define WAR_UI_COLLECT_H

#include <stdbool.h>
#include <stddef.h>

#include "evidence/accounts.h"
#include "evidence/run.h"
#include "model/evidence.h"
#include "model/qset.h"
#include "model/review.h"
#include "util/err.h"

struct collect;

/* Starts collecting evidence for question (NULL: every question) as `wa-review evidence
 * FILE` does for the review whose workload is wl: over its Regions (none: the caller's
 * default Region), judging only its scope, and with targets (NULL or no role: the caller's
 * own account) in each account targets names (its OU's, its --accounts, else wl's) as its
 * role. What it needs of wl and targets is copied; qs is borrowed and must outlive the job.
 * Returns 0 with *out (free with collect_free()), or -1 with err: no way to reach AWS, no
 * probes, a role but no account to sweep. */
int collect_start(const struct qset *qs, const char *question, const struct workload *wl,
                  const struct ev_targets *targets, struct collect **out, struct wa_err *err);

/* Where the job stands (any time). */
void collect_progress(struct collect *c, struct evidence_progress *p);

/* The question it collects for, or NULL for all (borrowed). */
const char *collect_question(const struct collect *c);

/* "Collecting evidence for REL10: 3 of 7 calls" (with a role: "… from 3 accounts as
 * WaReview: …") into buf; returns buf. */
const char *collect_describe(struct collect *c, char *buf, size_t len);

/* Whether the sweep has ended (done, failed or cancelled). */
bool collect_finished(struct collect *c);

/* After it has finished: the findings (evidence_free() them), or NULL with err saying why
 * the sweep failed. */
struct evidence *collect_take(struct collect *c, struct wa_err *err);

/* After it has finished, for the status bar: the accounts swept and those whose role was
 * refused, "accounts 111122223333, 444455556666; AssumeRole failed in 777788889999", or "" for
 * the caller's own account. Into buf; returns buf. */
const char *collect_accounts(struct collect *c, char *buf, size_t len);

/* Cancels a sweep still running, its calls in flight included (ev_caller_cancel()), waits
 * for its thread (moments) and frees everything; NULL is fine. */
void collect_free(struct collect *c);

#endif
