#include "ui/evpane.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

void evpane_build(struct evpane *p, const struct question *q, const struct answer *ans,
                  const struct evidence *ev)
{
	memset(p, 0, sizeof(*p));
	p->q = q;
	p->state = ev ? EVPANE_NOT_HERE : EVPANE_NO_EVIDENCE;
	if (!ev)
		return;
	p->collected = ev->collected;
	p->account = ev->account;
	p->accounts = ev->accounts;
	p->n_accounts = ev->n_accounts;
	for (size_t i = 0; i < ev->n_findings; i++)
		if (strcmp(ev->findings[i].question, q->id) == 0) {
			p->findings =
			        xrealloc(p->findings, (p->n_findings + 1) * sizeof(*p->findings));
			p->findings[p->n_findings++] = &ev->findings[i];
		}
	if (!p->n_findings)
		return;
	p->state = EVPANE_FINDINGS;
	p->sg = suggest_question(q, ev);
	p->n_bps = q->n_bps;
	p->bps = xcalloc(q->n_bps ? q->n_bps : 1, sizeof(*p->bps));
	for (size_t i = 0; i < q->n_bps; i++) {
		struct evpane_bp *b = &p->bps[i];
		const char *dash = strrchr(q->bps[i].id, '-');

		b->bp = &q->bps[i];
		b->short_id = dash ? dash + 1 : q->bps[i].id;
		b->v = &p->sg[i].v;
		b->state = answer_bp_state(ans, q->bps[i].id);
		b->by_evidence = ans && answer_source(ans, q->bps[i].id) == SOURCE_EVIDENCE;
		b->decides = suggest_decides(b->v->verdict);
		p->n_verdict[b->v->verdict]++;
	}
}

void evpane_clear(struct evpane *p)
{
	if (p->sg)
		suggest_free(p->sg, p->q->n_bps);
	free(p->bps);
	free(p->findings);
	memset(p, 0, sizeof(*p));
}

const char *evpane_summary(const struct evpane *p, char *buf, size_t len)
{
	static const enum verdict order[] = { VERDICT_NOT_IMPLEMENTED, VERDICT_NOT_VERIFIED,
		                              VERDICT_IMPLEMENTED, VERDICT_PARTLY_SHOWN,
		                              VERDICT_NO_EVIDENCE };
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]) && used < len; i++)
		if (p->n_verdict[order[i]])
			used += (size_t)snprintf(buf + used, len - used, "%s%zu %s",
			                         used ? " · " : "", p->n_verdict[order[i]],
			                         verdict_label(order[i]));
	return buf;
}

void evpane_move(struct evpane_pos *pos, size_t n, int dir)
{
	pos->follow = (dir < 0 && pos->sel > 0) || (dir > 0 && pos->sel + 1 < n);
	if (!pos->follow)
		pos->top += dir;
	else if (dir < 0)
		pos->sel--;
	else
		pos->sel++;
	if (pos->top < 0)
		pos->top = 0;
}
