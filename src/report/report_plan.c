/* The plan a manager runs: each phase's dates and what is measured to call it done, and
 * what each week is about. Both come from the practices in the plan: each question of the
 * Reliability pillar has a theme and a success metric below (our own words, after the
 * guide's 90-day plan); questions of other sets fall back on their titles. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_int.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

enum { NEEDS_RTO = 1, NEEDS_RPO = 2 };

static const struct guide {
	const char *question;
	const char *theme;  /* what a week spent on it is about */
	const char *metric; /* what shows it done */
	unsigned needs;     /* the workload's objectives it is measured against */
} guides[] = {
	{ "REL01", "service quotas",
	  "every quota the workload depends on is watched, with headroom left to fail over", 0 },
	{ "REL02", "network topology",
	  "connectivity is redundant and address ranges can grow without overlapping", 0 },
	{ "REL03", "service boundaries",
	  "each service has a clear boundary and a documented contract with its callers", 0 },
	{ "REL04", "interactions that prevent failures",
	  "calls between components are loosely coupled, idempotent and bounded", 0 },
	{ "REL05", "interactions that withstand failures",
	  "timeouts, retries with backoff, throttling and degraded modes are in place and have "
	  "been exercised",
	  0 },
	{ "REL06", "monitoring and alarms",
	  "alarms with actions on every critical metric, notifications that reach an owner, and "
	  "logs kept long enough to query",
	  0 },
	{ "REL07", "scaling with demand",
	  "capacity scales on its own and a load test at the expected peak has passed", 0 },
	{ "REL08", "deployments",
	  "every change is deployed by automation, tested on the way and can be rolled back", 0 },
	{ "REL09", "backups",
	  "backups run on their own, are encrypted, and a test restore has met the RPO",
	  NEEDS_RPO },
	{ "REL10", "fault isolation",
	  "the workload keeps serving through the loss of an Availability Zone", 0 },
	{ "REL11", "withstanding component failures",
	  "failures are detected and recovered from automatically within the RTO", NEEDS_RTO },
	{ "REL12", "reliability testing",
	  "playbooks and a game day have been run, and what they found is followed up", 0 },
	{ "REL13", "disaster recovery", "a disaster-recovery test has met the RTO and the RPO",
	  NEEDS_RTO | NEEDS_RPO },
};

static const struct guide *guide_of(const struct question *q)
{
	for (size_t i = 0; i < sizeof(guides) / sizeof(guides[0]); i++)
		if (!strcmp(guides[i].question, q->id))
			return &guides[i];
	return NULL;
}

const char *report_due(const struct report_ctx *c, const struct roadmap_item *it, char *buf)
{
	return roadmap_week_day(c->start, it->week, true, buf, 16);
}

static void objective(struct sbuf *b, const char *name, const char *value)
{
	if (value)
		sbuf_printf(b, "%s %s", name, value);
	else
		sbuf_printf(b, "%s not set yet", name);
}

/* The sentence for question q's items in a phase. */
static char *question_metric(const struct report_ctx *c, const struct question *q)
{
	const struct guide *g = guide_of(q);
	struct sbuf b = { 0 };

	if (!g)
		return xasprintf("%s is answered with its best practices in place: %s", q->id,
		                 q->title);
	sbuf_printf(&b, "%s: %s", q->id, g->metric);
	if (g->needs) {
		sbuf_puts(&b, " (");
		if (g->needs & NEEDS_RTO)
			objective(&b, "RTO", c->rv->wl.rto);
		if (g->needs == (NEEDS_RTO | NEEDS_RPO))
			sbuf_puts(&b, ", ");
		if (g->needs & NEEDS_RPO)
			objective(&b, "RPO", c->rv->wl.rpo);
		sbuf_putc(&b, ')');
	}
	return sbuf_take(&b);
}

/* Availability against the target, where the plan ends. */
static char *availability_metric(const struct report_ctx *c)
{
	const struct avail_summary *av = &c->av;
	struct sbuf b = { 0 };
	char t[32], x[32];

	if (av->target < 0)
		return xstrdup("an availability target is agreed and measured against (none is set "
		               "yet)");
	sbuf_printf(&b, "availability at or above the target of %s",
	            report_pct(av->target, t, sizeof(t)));
	if (!av->have_components && !av->have_incidents && !av->have_requests)
		return sbuf_puts(&b, " (not measured yet: list the workload's components, "
		                     "import its incident history or collect evidence)"),
		       sbuf_take(&b);
	sbuf_puts(&b, "; now ");
	if (av->have_components)
		sbuf_printf(&b, "%s computed from the components (%s)",
		            report_pct(av->computed, x, sizeof(x)),
		            av->computed >= av->target - 1e-12 ? "meets it" : "below it");
	if (av->have_components && av->have_incidents)
		sbuf_puts(&b, " and ");
	if (av->have_incidents)
		sbuf_printf(&b, "%s measured over the incident history (%s)",
		            report_pct(av->measured, x, sizeof(x)),
		            av->measured >= av->target - 1e-12 ? "meets it" : "below it");
	if (av->have_requests)
		sbuf_printf(&b,
		            "%s%s measured from requests over 30 days, the lowest of %zu (%s, %s)",
		            av->have_components || av->have_incidents ? " and " : "",
		            report_pct(av->measured_requests, x, sizeof(x)), av->n_request_measures,
		            av->measured_requests_of,
		            av->measured_requests >= av->target - 1e-12 ? "meets it" : "below it");
	return sbuf_take(&b);
}

static struct report_metric *add_metric(struct report_phase *p, char *text)
{
	struct report_metric *m;

	p->metrics = xrealloc(p->metrics, (p->n_metrics + 1) * sizeof(*p->metrics));
	m = &p->metrics[p->n_metrics++];
	memset(m, 0, sizeof(*m));
	m->text = text;
	return m;
}

static void add_item(const struct roadmap_item ***v, size_t *n, const struct roadmap_item *it)
{
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = it;
}

/* One metric per question with items in the phase, in the set's order. */
static void phase_metrics(const struct report_ctx *c, struct report_phase *p)
{
	for (size_t qi = 0; qi < c->qs->n_questions; qi++) {
		const struct question *q = &c->qs->questions[qi];
		struct report_metric *m = NULL;

		for (size_t i = 0; i < c->rm.n_planned; i++) {
			const struct roadmap_item *it = &c->rm.items[i];

			if (it->q != q || it->phase != p->phase)
				continue;
			if (!m)
				m = add_metric(p, question_metric(c, q));
			add_item(&m->items, &m->n_items, it);
			m->n_done += it->ov.status == RM_DONE;
		}
	}
	if (p->phase == RM_PHASE_3)
		add_metric(p, availability_metric(c));
}

/* "monitoring and alarms (REL06), backups (REL09)": the questions of a week's items. */
static char *week_theme(const struct report_week *w)
{
	struct sbuf b = { 0 };

	for (size_t i = 0; i < w->n_items; i++) {
		const struct question *q = w->items[i]->q;
		const struct guide *g = guide_of(q);
		bool seen = false;

		for (size_t j = 0; j < i && !seen; j++)
			seen = w->items[j]->q == q;
		if (!seen)
			sbuf_printf(&b, "%s%s (%s)", b.len ? ", " : "", g ? g->theme : q->title,
			            q->id);
	}
	return sbuf_take(&b);
}

void report_plan(struct report_ctx *c)
{
	for (int p = RM_PHASE_1; p <= RM_PHASE_LATER; p++) {
		struct report_phase *ph = &c->phases[p];

		ph->phase = (enum rm_phase)p;
		roadmap_phase_weeks(ph->phase, &ph->first, &ph->last);
		roadmap_week_day(c->start, ph->first, false, ph->start, sizeof(ph->start));
		roadmap_week_day(c->start, ph->last, true, ph->end, sizeof(ph->end));
		for (size_t i = 0; i < c->rm.n_planned; i++) {
			ph->n_items += c->rm.items[i].phase == ph->phase;
			ph->n_done += c->rm.items[i].phase == ph->phase &&
			              c->rm.items[i].ov.status == RM_DONE;
		}
		phase_metrics(c, ph);
	}
	for (int wk = 1; wk <= ROADMAP_PLAN_WEEKS; wk++) {
		struct report_week w = { .week = wk };

		for (size_t i = 0; i < c->rm.n_planned; i++)
			if (c->rm.items[i].week == wk)
				add_item(&w.items, &w.n_items, &c->rm.items[i]);
		if (!w.n_items)
			continue;
		roadmap_week_day(c->start, wk, false, w.start, sizeof(w.start));
		roadmap_week_day(c->start, wk, true, w.end, sizeof(w.end));
		w.theme = week_theme(&w);
		c->weeks = xrealloc(c->weeks, (c->n_weeks + 1) * sizeof(*c->weeks));
		c->weeks[c->n_weeks++] = w;
	}
}

void report_plan_clear(struct report_ctx *c)
{
	for (int p = RM_PHASE_1; p <= RM_PHASE_LATER; p++) {
		struct report_phase *ph = &c->phases[p];

		for (size_t i = 0; i < ph->n_metrics; i++) {
			free(ph->metrics[i].text);
			free(ph->metrics[i].items);
		}
		free(ph->metrics);
		memset(ph, 0, sizeof(*ph));
	}
	for (size_t i = 0; i < c->n_weeks; i++) {
		free(c->weeks[i].theme);
		free(c->weeks[i].items);
	}
	free(c->weeks);
	c->weeks = NULL;
	c->n_weeks = 0;
}
