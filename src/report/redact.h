/* Masking what must not leave the team: credentials always, and on request (--redact)
 * AWS account IDs and resource ARNs, in every piece of text a report shows. */
#ifndef WAR_REPORT_REDACT_H
#define WAR_REPORT_REDACT_H

#include "model/review.h"

enum {
	REDACT_SECRETS = 1, /* access key IDs (AKIA…, ASIA…), secret keys and tokens */
	REDACT_IDS =
	        2, /* 12-digit account IDs, ARNs (arn:aws:rds:eu-west-1:XXXXXXXXXXXX:REDACTED) */
};

/* Returns a newly allocated copy of s with what `what` names masked (free with free()). */
char *redact_text(const char *s, unsigned what);

/* Masks, in place, every text of the review a person wrote or AWS returned: workload,
 * answers, evidence, roadmap settings, milestone names. */
void redact_review(struct review *rv, unsigned what);

#endif
