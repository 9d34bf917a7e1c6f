/* The question walk's evidence pane as data: for one question, the suggested answer of each
 * best practice with the findings behind it and where the answer stands now, then the
 * question's findings; and the pane's selection and scroll. No drawing here (that is
 * ui/evpane_draw.c), so what the pane says is tested without a screen, and what the pane
 * learns to say (new verdicts, changes made elsewhere) is added here. */
#ifndef WAR_UI_EVPANE_H
#define WAR_UI_EVPANE_H

#include <stdbool.h>
#include <stddef.h>

#include "model/evidence.h"
#include "evidence/suggest.h"
#include "model/qset.h"
#include "model/review.h"

enum evpane_state {
	EVPANE_NO_EVIDENCE, /* the review holds no evidence at all */
	EVPANE_NOT_HERE,    /* it does, but nothing about this question */
	EVPANE_FINDINGS,    /* findings about this question */
};

/* One best practice: the evidence's verdict (model/verdict.h) and what the answer says
 * now. */
struct evpane_bp {
	const struct bp *bp;        /* borrowed from the question */
	const char *short_id;       /* "BP03" (borrowed) */
	const struct bp_verdict *v; /* the verdict, its sentence and reasons (borrowed) */
	enum bp_state state;        /* in place, missing or still open in the answer */
	bool by_evidence;           /* decided by accepting evidence */
	bool decides;               /* accepting the verdict would decide the practice */
};

struct evpane {
	const struct question *q; /* borrowed */
	enum evpane_state state;
	const char *collected, *account; /* the snapshot's (borrowed); NULL when unknown */
	char *const *accounts;           /* a sweep of several: the accounts (borrowed) */
	size_t n_accounts;               /* 0: one account (see account) */
	struct evpane_bp *bps;           /* one per best practice of q, in order; owned */
	size_t n_bps;
	size_t n_verdict[VERDICT_NOT_IMPLEMENTED + 1]; /* how many practices got each verdict */
	const struct finding **findings; /* the question's findings, in snapshot order; the
	                                  * array is owned, the findings borrowed */
	size_t n_findings;
	struct bp_suggestion *sg; /* owned: what bps borrow from */
};

/* Builds the pane of question q from the answer (NULL: none yet) and the review's evidence
 * (NULL: none). It borrows from all three, which must outlive it; free with
 * evpane_clear(). */
void evpane_build(struct evpane *p, const struct question *q, const struct answer *ans,
                  const struct evidence *ev);
void evpane_clear(struct evpane *p);

/* The verdicts in one line, for a pane with no room to list them: "2 not implemented ·
 * 1 implemented · 2 no evidence" (verdicts no practice got are left out). Returns buf. */
const char *evpane_summary(const struct evpane *p, char *buf, size_t len);

/* Where the pane stands, kept by the walk from one frame to the next. */
struct evpane_pos {
	size_t sel;  /* the selected best practice */
	int top;     /* the first content row shown */
	int sel_y;   /* the selection's content row, found by drawing */
	bool follow; /* the selection moved: scroll it into view */
};

/* Moves the selection dir (-1, 1) among n best practices; past either end it scrolls the
 * pane instead, so the findings below can be read. */
void evpane_move(struct evpane_pos *pos, size_t n, int dir);

#endif
