#include "ui/calc.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/err.h"

static bool blank(const char *s)
{
	if (!s)
		return true;
	while (*s == ' ' || *s == '\t')
		s++;
	return !*s;
}

static void expression(const char *expr, struct calc_out *out)
{
	struct avail_downtime d;
	struct wa_err err;
	const double *per[4] = { &d.per_year, &d.per_month, &d.per_week, &d.per_day };

	if (blank(expr))
		return;
	err_clear(&err);
	if (avail_eval(expr, &out->availability, &err)) {
		snprintf(out->error, sizeof(out->error), "%s", err.msg);
		out->error_col = err.col;
		return;
	}
	out->expr_ok = true;
	avail_format(out->availability, out->figure, sizeof(out->figure));
	avail_downtime(out->availability, &d);
	for (int i = 0; i < 4; i++)
		avail_format_duration(*per[i], out->down[i], sizeof(out->down[i]));
	for (size_t i = 0; i < avail_n_tiers; i++)
		if (out->availability + 1e-12 >= avail_tiers[i].availability &&
		    (out->tier < 0 ||
		     avail_tiers[i].availability > avail_tiers[out->tier].availability))
			out->tier = (int)i;
}

static void mtbf_mttr(const char *mtbf, const char *mttr, struct calc_out *out)
{
	double f, r, a;

	if (blank(mtbf) && blank(mttr))
		return;
	if (blank(mtbf) || avail_parse_duration(mtbf, &f)) {
		snprintf(out->mtbf_error, sizeof(out->mtbf_error),
		         "MTBF: give a duration such as 30d or 720h");
		return;
	}
	if (blank(mttr) || avail_parse_duration(mttr, &r)) {
		snprintf(out->mtbf_error, sizeof(out->mtbf_error),
		         "MTTR: give a duration such as 45m or 2h");
		return;
	}
	a = avail_from_mtbf(f, r);
	if (isnan(a)) {
		snprintf(out->mtbf_error, sizeof(out->mtbf_error), "MTBF must be more than zero");
		return;
	}
	out->mtbf_ok = true;
	avail_format(a, out->mtbf_figure, sizeof(out->mtbf_figure));
}

void calc_compute(const char *expr, const char *mtbf, const char *mttr, struct calc_out *out)
{
	memset(out, 0, sizeof(*out));
	out->tier = -1;
	expression(expr, out);
	mtbf_mttr(mtbf, mttr, out);
}

const char *calc_label(enum calc_field f)
{
	switch (f) {
	case CALC_EXPR: return "Components";
	case CALC_MTBF: return "MTBF";
	case CALC_MTTR: return "MTTR";
	default: return "";
	}
}
