/* Suggested answers from evidence: per best practice, implemented, not implemented or no
 * evidence, with the findings behind it. The rule (wa-review(1), EVIDENCE): a failing probe
 * that speaks to the practice makes it "not implemented"; otherwise a passing one makes it
 * "implemented"; probes that found nothing or could not run leave "no evidence". */
#ifndef WAR_EVIDENCE_SUGGEST_H
#define WAR_EVIDENCE_SUGGEST_H

#include <stddef.h>

#include "model/evidence.h"
#include "model/qset.h"
#include "model/review.h"

enum suggestion { SUGGEST_NO_EVIDENCE = 0, SUGGEST_IMPLEMENTED, SUGGEST_NOT_IMPLEMENTED };

struct bp_suggestion {
	const struct bp *bp; /* borrowed from the question */
	enum suggestion verdict;
	const struct finding **reasons; /* findings that speak to it (borrowed from the
	                                 * snapshot): failures, passes, errors, then N/A */
	size_t n_reasons;
};

/* One suggestion per best practice of q, in its order, from ev (NULL: no evidence).
 * Returns a newly allocated array of q->n_bps (free with suggest_free()); it borrows from
 * q and ev, which must outlive it. */
struct bp_suggestion *suggest_question(const struct question *q, const struct evidence *ev);
void suggest_free(struct bp_suggestion *s, size_t n);

/* "implemented", "not_implemented", "no_evidence" (for files and JSON), and the same for
 * people ("implemented", "not implemented", "no evidence"). */
const char *suggestion_name(enum suggestion s);
const char *suggestion_label(enum suggestion s);

/* One line about a finding as a reason: "FAIL rds-multi-az (eu-west-1): 1 of 2 DB instances
 * …". Returns a newly allocated string; free with free(). */
char *suggest_reason_text(const struct finding *f);

/* Accepts suggestions into answer a of q: each best practice whose suggestion is
 * implemented or not implemented — all of them, or only those named in bps (n_bps > 0) —
 * is ticked or unticked accordingly and recorded as decided by evidence; "no evidence"
 * leaves a practice as it was. When every practice ends up unticked on evidence, the
 * answer becomes "none of these". Returns how many practices were accepted. */
size_t suggest_accept(const struct question *q, struct answer *a, const struct bp_suggestion *s,
                      const char *const *bps, size_t n_bps);

#endif
