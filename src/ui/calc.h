/* The availability calculator screen's logic without a terminal: three inputs (an
 * expression of components in series and in parallel, MTBF, MTTR) and what they give,
 * recomputed on every change. The screen draws struct calc_out. */
#ifndef WAR_UI_CALC_H
#define WAR_UI_CALC_H

#include <stdbool.h>

#include "model/avail.h"

enum calc_field { CALC_EXPR, CALC_MTBF, CALC_MTTR, CALC_FIELDS };

struct calc_out {
	bool expr_ok;         /* the expression gave a figure */
	double availability;  /* fraction, when expr_ok */
	char figure[32];      /* "99.9399051%" */
	char down[4][32];     /* downtime per year, month, week, day ("5h 15m 29s") */
	char error[1024];     /* why the expression is wrong; "" when empty or fine */
	int error_col;        /* 1-based column of the problem in the expression; 0: none */
	bool mtbf_ok;         /* MTBF and MTTR both read */
	char mtbf_figure[32]; /* MTBF / (MTBF + MTTR) as a percentage */
	char mtbf_error[128]; /* which of the two is unreadable; "" when both empty or fine */
	int tier;             /* the highest avail_tiers[] row the figure reaches; -1: none */
};

/* Computes everything from the three inputs (NULL counts as empty). */
void calc_compute(const char *expr, const char *mtbf, const char *mttr, struct calc_out *out);

/* The field's label on the screen ("Components", "MTBF", "MTTR"). Static. */
const char *calc_label(enum calc_field f);

#endif
