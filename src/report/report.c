#include "report/report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/redact.h"
#include "report/report_int.h"
#include "util/clock.h"
#include "util/xalloc.h"

int report_format_parse(const char *s, enum report_format *out)
{
	static const struct {
		const char *name;
		enum report_format f;
	} names[] = {
		{ "md", REPORT_MD },   { "markdown", REPORT_MD }, { "json", REPORT_JSON },
		{ "csv", REPORT_CSV }, { "html", REPORT_HTML },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(s, names[i].name)) {
			*out = names[i].f;
			return 0;
		}
	return -1;
}

const char *report_format_name(enum report_format f)
{
	switch (f) {
	case REPORT_MD: return "md";
	case REPORT_JSON: return "json";
	case REPORT_CSV: return "csv";
	case REPORT_HTML: return "html";
	}
	return "?";
}

const char *report_pct(double frac, char *buf, size_t len)
{
	double p = frac * 100.0;
	char *dot;
	size_t n;

	/* Six decimals at most, trailing zeros dropped: 99.95%, 99.7003%, 90%. Just below
	 * 100 never shows as 100. */
	snprintf(buf, len, "%.6f", p < 100 && p > 99.9999995 ? 99.999999 : p);
	dot = strchr(buf, '.');
	if (dot) {
		n = strlen(buf);
		while (n > 0 && buf[n - 1] == '0')
			buf[--n] = '\0';
		if (buf[n - 1] == '.')
			buf[--n] = '\0';
	}
	if (strlen(buf) + 2 <= len)
		strcat(buf, "%");
	return buf;
}

const char *report_amount(double v, char *buf, size_t len)
{
	char digits[64];
	const char *s = digits;
	size_t n, o = 0;

	snprintf(digits, sizeof(digits), "%.0f", fabs(v) < 1e18 ? v : 0);
	if (*s == '-')
		buf[o++] = *s++;
	n = strlen(s);
	for (size_t i = 0; i < n && o + 2 < len; i++) {
		if (i && (n - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = s[i];
	}
	buf[o] = '\0';
	return buf;
}

const struct roadmap_item *report_first_of_question(const struct report_ctx *c,
                                                    const struct question *q)
{
	for (size_t i = 0; i < c->rm.n_items; i++)
		if (c->rm.items[i].q == q)
			return &c->rm.items[i];
	return NULL;
}

const struct answer *report_answer(const struct report_ctx *c, const struct question *q)
{
	return review_find(c->rv, q->id);
}

const char *report_na_label(enum na_reason r)
{
	switch (r) {
	case NA_OUT_OF_SCOPE: return "out of scope";
	case NA_BUSINESS_PRIORITIES: return "business priorities";
	case NA_ARCHITECTURE_CONSTRAINTS: return "architecture constraints";
	case NA_OTHER: return "other reason";
	case NA_NO: break;
	}
	return "applicable";
}

/* A private copy of the review to mask, so the caller's stays as it was. */
static struct review *masked_copy(const struct review *rv, bool ids)
{
	struct review *copy = review_dup(rv);

	redact_review(copy, REDACT_SECRETS | (ids ? REDACT_IDS : 0));
	return copy;
}

static void ctx_clear(struct report_ctx *c)
{
	report_plan_clear(c);
	roadmap_clear(&c->rm);
	avail_summary_clear(&c->av);
	free(c->incidents_left_out);
	milestone_diff_clear(&c->progress);
	review_free((struct review *)c->rv);
}

/* A caller's summary, copied so the context owns what it frees. */
static void copy_avail(struct avail_summary *dst, const struct avail_summary *src)
{
	*dst = *src;
	dst->single_points = NULL;
	dst->n_single_points = 0;
	if (src->n_single_points) {
		dst->single_points = xcalloc(src->n_single_points, sizeof(char *));
		for (size_t i = 0; i < src->n_single_points; i++)
			dst->single_points[dst->n_single_points++] =
			        redact_text(src->single_points[i], REDACT_SECRETS);
	}
}

/* The availability section as of the report's date. An incident ending after that date (a
 * clock behind, a date typed wrong) leaves the history out, as `status` does, and the
 * report says why. */
static int summarize(struct report_ctx *c, long long when, struct wa_err *err)
{
	struct wa_err why;
	struct review copy;

	err_clear(&why);
	if (!c->rv->n_incidents || !avail_measure(c->rv, when, &c->me, &why))
		return avail_summarize_at(c->rv, when, &c->av, err);
	c->incidents_left_out = xstrdup(why.msg);
	memset(&c->me, 0, sizeof(c->me));
	copy = *c->rv;
	copy.incidents = NULL;
	copy.n_incidents = 0;
	return avail_summarize_at(&copy, when, &c->av, err);
}

char *report_render(enum report_format fmt, const struct qset *qs, const struct review *rv,
                    const struct report_opts *opts, struct wa_err *err)
{
	static const struct report_opts none = { 0 };
	struct report_ctx c;
	time_t when;
	char *out = NULL;

	if (!opts)
		opts = &none;
	memset(&c, 0, sizeof(c));
	c.qs = qs;
	c.redacted = opts->redact;
	c.generator = opts->generator ? opts->generator : "wa-review";
	c.rv = masked_copy(rv, opts->redact);
	when = opts->date ? opts->date : clock_now();
	clock_iso(when, c.generated, sizeof(c.generated));
	snprintf(c.date, sizeof(c.date), "%.10s", c.generated);
	if (roadmap_build(qs, c.rv, &c.rm, err))
		goto out;
	if (opts->avail)
		copy_avail(&c.av, opts->avail);
	else if (summarize(&c, when, err))
		goto out;
	if (opts->redact)
		for (size_t i = 0; i < c.av.n_single_points; i++) {
			char *r = redact_text(c.av.single_points[i], REDACT_IDS);
			free(c.av.single_points[i]);
			c.av.single_points[i] = r;
		}
	c.currency = avail_currency(c.rv);
	c.start = roadmap_start(c.rv, when, &c.start_is_created);
	roadmap_week_day(c.start, 1, false, c.start_date, sizeof(c.start_date));
	c.since = milestone_last(c.rv);
	if (c.since) {
		struct milestone *now = milestone_snapshot(qs, c.rv, "now", c.generated);
		milestone_diff(qs, c.since, now, &c.progress);
		milestone_free(now);
	}
	report_plan(&c);
	switch (fmt) {
	case REPORT_MD: out = report_md(&c); break;
	case REPORT_JSON: out = report_json(&c); break;
	case REPORT_CSV: out = report_csv(&c); break;
	case REPORT_HTML: out = report_html(&c); break;
	}
	if (!out)
		err_set(err, NULL, 0, 0, "out of memory while writing the report");
out:
	ctx_clear(&c);
	return out;
}
