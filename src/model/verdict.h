/* What the evidence says about one best practice: the one verdict the evidence pane,
 * `wa-review evidence`, accepting evidence, the roadmap's priority and every report read
 * (wa-review-questions(5), VERDICTS). It is computed from the snapshot alone, so a stored
 * snapshot gives the same verdict on any machine:
 *
 *   not implemented  a probe that checks every resource named an offender (even when other
 *                    items or Regions could not be checked)
 *   not verified     no offender, but a probe could not run or left items unchecked, an
 *                    existence probe found nothing of its kind, or resources lack the one
 *                    part of the practice a 'part' probe checks
 *   implemented      no offender, nothing left unknown, and a probe that checks every
 *                    resource passed on at least one resource the workload owns
 *   partly shown     no offender, nothing left unknown, and only existence or 'part' probes
 *                    passed: something of the kind exists, or one part of the practice
 *                    holds on every resource, but nothing checked the whole practice
 *   no evidence      no probe speaks to it, or none found anything of its kind in scope
 *
 * Findings from the account's AWS Config rules (source SOURCE_CONFIG) count as probes that
 * check every resource, except that a rule that could not be read weighs nothing: it is a
 * source missing, not the practice unknown. Where a rule and the probe of ours that checks
 * the same (its same_as) disagree, the verdict says so. */
#ifndef WAR_MODEL_VERDICT_H
#define WAR_MODEL_VERDICT_H

#include <stddef.h>

#include "model/evidence.h"

enum verdict {
	VERDICT_NO_EVIDENCE = 0,
	VERDICT_IMPLEMENTED,
	VERDICT_PARTLY_SHOWN,
	VERDICT_NOT_VERIFIED,
	VERDICT_NOT_IMPLEMENTED,
};

/* One finding behind a verdict, and the Region result that matters most for it (the first
 * failing, else could-not-check, else passing one); both borrowed from the snapshot. */
struct verdict_reason {
	const struct finding *f;
	const struct region_result *r;
};

struct bp_verdict {
	enum verdict verdict;
	struct verdict_reason *reasons; /* every finding naming the practice: those that decided
	                                 * the verdict first (failures, could-not-check, passes,
	                                 * then not applicable); owned array */
	size_t n_reasons;
	char *why; /* the verdict in one sentence, naming the probe and the Region ("dynamodb-pitr
	            * could not run in eu-west-1: AccessDenied"), then any disagreement; owned */
	char *disagreement; /* "AWS Config disagrees: …" when a Config rule and its same_as
	                     * probe say opposite things, else NULL; owned */
};

/* The verdict of ev (NULL: no evidence) for best practice bpid. Fills *out (free with
 * bp_verdict_clear()); it borrows from ev, which must outlive it. */
void verdict_for_bp(const struct evidence *ev, const char *bpid, struct bp_verdict *out);
void bp_verdict_clear(struct bp_verdict *v);

/* "implemented", "partly_shown", "not_verified", "not_implemented", "no_evidence" (files and
 * JSON); verdict_label the same for people ("partly shown", …); parse returns -1 when
 * unknown. */
const char *verdict_name(enum verdict v);
const char *verdict_label(enum verdict v);
int verdict_parse(const char *s);

/* One line for a Region result as a reason: "FAIL rds-multi-az (eu-west-1): 2 of 3 …".
 * Returns a newly allocated string; free with free(). */
char *verdict_reason_text(const struct verdict_reason *r);

#endif
