/* Suggested answers from evidence: per best practice, the evidence's verdict
 * (model/verdict.h, the one every screen and report reads) and what accepting it does.
 * Accepting "implemented" ticks the practice and accepting "not implemented" records it as
 * missing, both as decided by evidence; "partly shown", "not verified" and "no evidence"
 * leave the practice to people. */
#ifndef WAR_EVIDENCE_SUGGEST_H
#define WAR_EVIDENCE_SUGGEST_H

#include <stdbool.h>
#include <stddef.h>

#include "model/evidence.h"
#include "model/qset.h"
#include "model/review.h"
#include "model/verdict.h"

struct bp_suggestion {
	const struct bp *bp; /* borrowed from the question */
	struct bp_verdict v; /* owned; borrows from the snapshot */
};

/* One suggestion per best practice of q, in its order, from ev (NULL: no evidence).
 * Returns a newly allocated array of q->n_bps (free with suggest_free()); it borrows from
 * q and ev, which must outlive it. */
struct bp_suggestion *suggest_question(const struct question *q, const struct evidence *ev);
void suggest_free(struct bp_suggestion *s, size_t n);

/* Whether accepting a verdict decides the practice (implemented, not implemented). */
bool suggest_decides(enum verdict v);

/* Accepts suggestions into answer a of q: each practice whose verdict decides it — all of
 * them, or only those named in bps (n_bps > 0) — is ticked or recorded as missing and as
 * decided by evidence. In a question nobody has answered yet the practices the evidence
 * does not decide stay open for people (the question counts as answered, its risk is what
 * the missing ones give); in an answered question they keep their answer. When every
 * practice ends up missing, the answer becomes "none of these". Returns how many practices
 * were accepted. */
size_t suggest_accept(const struct question *q, struct answer *a, const struct bp_suggestion *s,
                      const char *const *bps, size_t n_bps);

#endif
