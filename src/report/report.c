#include "report/report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/redact.h"
#include "report/report_int.h"
#include "util/clock.h"
#include "util/sbuf.h"
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

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

char *report_summary_text(const struct report_ctx *c)
{
	struct risk_counts k;
	size_t n[RM_PHASE_LATER + 1] = { 0 }, open = 0, done = 0, wont = 0;
	struct sbuf b = { 0 };
	bool first = true;
	static const char *const what[][3] = {
		{ "", "", "" },
		{ "quick win", "quick wins", "weeks 1–2" },
		{ "high-impact improvement", "high-impact improvements", "weeks 3–8" },
		{ "further improvement", "further improvements", "weeks 9–12" },
		{ "item", "items", "after week 12" },
	};

	risk_count(c->qs, c->rv, RISK_ALL_AREAS, &k);
	for (size_t i = 0; i < c->rm.n_items; i++) {
		const struct roadmap_item *it = &c->rm.items[i];
		if (it->ov.status == RM_DONE) {
			done++;
		} else if (it->ov.status == RM_WONT_DO) {
			wont++;
		} else {
			n[it->phase]++;
			open++;
		}
	}
	sbuf_printf(&b,
	            "The review answered %zu of %zu questions: %zu at high risk, %zu at medium "
	            "risk, %zu without risk and %zu not applicable. ",
	            k.answered, k.total, k.high, k.medium, k.none, k.not_applicable);
	if (!c->rm.n_items)
		return sbuf_puts(&b, "Every best practice of the answered questions is in place."),
		       sbuf_take(&b);
	sbuf_printf(&b, "%zu best %s not in place", c->rm.n_items,
	            plural(c->rm.n_items, "practice is", "practices are"));
	if (done || wont)
		sbuf_printf(&b, " (%zu done, %zu not planned)", done, wont);
	if (!open)
		return sbuf_puts(&b, "; none is left open."), sbuf_take(&b);
	sbuf_printf(&b, ". The plan schedules the %zu open %s over %d weeks: ", open,
	            plural(open, "item", "items"), ROADMAP_PLAN_WEEKS);
	for (int p = RM_PHASE_1; p <= RM_PHASE_LATER; p++) {
		size_t later = 0;

		if (!n[p])
			continue;
		for (int q = p + 1; q <= RM_PHASE_LATER; q++)
			later += n[q] != 0;
		sbuf_printf(&b, "%s%zu %s %s%s",
		            first   ? ""
		            : later ? ", "
		                    : " and ",
		            n[p], what[p][n[p] == 1 ? 0 : 1], p == RM_PHASE_LATER ? "" : "in ",
		            what[p][2]);
		first = false;
	}
	sbuf_puts(&b, ".");
	return sbuf_take(&b);
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

const char *report_finding_text(const struct roadmap_evidence *f)
{
	const char *t = f->result->text;
	return t && *t ? t : NULL;
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
	roadmap_clear(&c->rm);
	avail_summary_clear(&c->av);
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
	else if (avail_summarize(c.rv, &c.av, err))
		goto out;
	if (opts->redact)
		for (size_t i = 0; i < c.av.n_single_points; i++) {
			char *r = redact_text(c.av.single_points[i], REDACT_IDS);
			free(c.av.single_points[i]);
			c.av.single_points[i] = r;
		}
	c.since = milestone_last(c.rv);
	if (c.since) {
		struct milestone *now = milestone_snapshot(qs, c.rv, "now", c.generated);
		milestone_diff(qs, c.since, now, &c.progress);
		milestone_free(now);
	}
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
