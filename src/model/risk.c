#include "model/risk.h"

#include <stdlib.h>
#include <string.h>

#include "model/rexpr.h"
#include "util/xalloc.h"

enum qrisk risk_question(const struct question *q, const struct answer *a)
{
	unsigned char small[64], *sel;
	enum qrisk r = QRISK_NONE;

	if (!answer_is_answered(a))
		return QRISK_UNANSWERED;
	if (a->na != NA_NO)
		return QRISK_NOT_APPLICABLE;
	sel = q->n_bps <= sizeof(small) ? small : xmalloc(q->n_bps);
	/* Open practices count as in place: what is known to be missing sets a floor. One that
	 * does not apply is met, as the Well-Architected Tool counts it. */
	for (size_t i = 0; i < q->n_bps; i++)
		sel[i] = answer_bp_state(a, q->bps[i].id) != BP_MISSING ||
		         answer_bp_na(a, q->bps[i].id);
	if (q->n_rules) {
		/* Rules are tried in order; the loader guarantees the last is the default. */
		for (size_t i = 0; i < q->n_rules; i++) {
			if (!q->rules[i].when || rexpr_eval(q->rules[i].when, sel)) {
				r = q->rules[i].risk;
				break;
			}
		}
	} else {
		enum bp_risk worst = 0;
		for (size_t i = 0; i < q->n_bps; i++)
			if (!sel[i] && q->bps[i].risk > worst)
				worst = q->bps[i].risk;
		r = worst == BP_RISK_HIGH     ? QRISK_HIGH
		    : worst == BP_RISK_MEDIUM ? QRISK_MEDIUM
		                              : QRISK_NONE;
	}
	if (sel != small)
		free(sel);
	/* With practices still open, no risk known is no answer yet. */
	if (!answer_is_complete(a) && r == QRISK_NONE)
		return QRISK_UNANSWERED;
	return r;
}

void risk_count(const struct qset *qs, const struct review *rv, size_t area,
                struct risk_counts *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < qs->n_questions; i++) {
		const struct question *q = &qs->questions[i];

		if (area != RISK_ALL_AREAS && q->area != area)
			continue;
		out->total++;
		switch (risk_question(q, rv ? review_find(rv, q->id) : NULL)) {
		case QRISK_UNANSWERED: continue;
		case QRISK_NOT_APPLICABLE: out->not_applicable++; break;
		case QRISK_NONE: out->none++; break;
		case QRISK_MEDIUM: out->medium++; break;
		case QRISK_HIGH: out->high++; break;
		}
		out->answered++;
	}
}
