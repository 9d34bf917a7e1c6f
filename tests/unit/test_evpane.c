/* The evidence pane's data (ui/evpane.c), without a screen: which findings belong to the
 * question, the verdict per best practice with the findings behind it, where the answer
 * stands now and who decided it, the one-line summary for a small pane, and how the
 * selection moves and scrolls. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "model/answer.h"
#include "support/qset_fixture.h"
#include "ui/evpane.h"
#include "util/xalloc.h"

static struct qset *qs;

static int setup(void **state)
{
	(void)state;
	qs = qset_fixture_new();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	qset_free(qs);
	return 0;
}

/* Adds a finding of probe about question's best practice bp with outcome o; the probe
 * checks every resource. */
static void add(struct evidence *ev, const char *probe, const char *question, const char *bp,
                enum outcome o)
{
	struct finding *f;

	ev->findings = xrealloc(ev->findings, (ev->n_findings + 1) * sizeof(*ev->findings));
	f = &ev->findings[ev->n_findings++];
	memset(f, 0, sizeof(*f));
	f->probe = xstrdup(probe);
	f->question = xstrdup(question);
	f->title = xstrdup(probe);
	f->bps = xcalloc(1, sizeof(*f->bps));
	f->bps[0] = xstrdup(bp);
	f->n_bps = 1;
	f->outcome = o;
	f->proves = PROVES_EVERY_RESOURCE;
}

static void test_no_evidence(void **state)
{
	struct evpane p;
	struct evidence *ev = evidence_new();
	(void)state;

	evpane_build(&p, &qs->questions[0], NULL, NULL);
	assert_int_equal(p.state, EVPANE_NO_EVIDENCE);
	evpane_clear(&p);
	/* Evidence about another question only. */
	add(ev, "other", "REL02", "REL02-BP01", OUTCOME_FAIL);
	evpane_build(&p, &qs->questions[0], NULL, ev);
	assert_int_equal(p.state, EVPANE_NOT_HERE);
	assert_int_equal(p.n_findings, 0);
	evpane_clear(&p);
	evidence_free(ev);
}

static void test_verdicts(void **state)
{
	const struct question *q = &qs->questions[0]; /* REL01: BP01-BP03 */
	struct evidence *ev = evidence_new();
	struct review *rv = review_new();
	struct answer *ans = review_get(rv, "REL01");
	struct evpane p;
	char buf[128];
	(void)state;

	ev->collected = xstrdup("2026-11-02T09:10:00Z");
	ev->account = xstrdup("111122223333");
	add(ev, "backups-on", "REL01", "REL01-BP01", OUTCOME_PASS);
	add(ev, "other-question", "REL02", "REL02-BP01", OUTCOME_FAIL);
	add(ev, "quota-alarms", "REL01", "REL01-BP02", OUTCOME_FAIL);
	add(ev, "quota-api", "REL01", "REL01-BP02", OUTCOME_PASS);
	answer_toggle_bp(ans, q, 0);
	answer_set_source(ans, "REL01-BP01", SOURCE_EVIDENCE);
	answer_toggle_bp(ans, q, 2);
	evpane_build(&p, q, ans, ev);
	assert_int_equal(p.state, EVPANE_FINDINGS);
	assert_string_equal(p.account, "111122223333");
	/* The question's findings only, in the snapshot's order. */
	assert_int_equal(p.n_findings, 3);
	assert_string_equal(p.findings[0]->probe, "backups-on");
	assert_string_equal(p.findings[1]->probe, "quota-alarms");
	/* Per practice: the verdict, the reasons, the answer now and who decided it. */
	assert_int_equal(p.n_bps, 3);
	assert_string_equal(p.bps[0].short_id, "BP01");
	assert_int_equal(p.bps[0].v->verdict, VERDICT_IMPLEMENTED);
	assert_true(p.bps[0].state == BP_IN_PLACE && p.bps[0].by_evidence);
	assert_true(p.bps[0].decides);
	/* A failure outweighs a pass, and is listed first among the reasons. */
	assert_int_equal(p.bps[1].v->verdict, VERDICT_NOT_IMPLEMENTED);
	assert_int_equal(p.bps[1].v->n_reasons, 2);
	assert_string_equal(p.bps[1].v->reasons[0].f->probe, "quota-alarms");
	assert_int_equal(p.bps[1].state, BP_MISSING);
	assert_int_equal(p.bps[2].v->verdict, VERDICT_NO_EVIDENCE);
	assert_true(p.bps[2].state == BP_IN_PLACE && !p.bps[2].by_evidence);
	assert_false(p.bps[2].decides);
	assert_string_equal(evpane_summary(&p, buf, sizeof(buf)),
	                    "1 not implemented · 1 implemented · 1 no evidence");
	evpane_clear(&p);
	review_free(rv);
	evidence_free(ev);
}

static void test_move(void **state)
{
	struct evpane_pos pos = { 0 };
	(void)state;

	evpane_move(&pos, 3, 1);
	assert_int_equal(pos.sel, 1);
	assert_true(pos.follow);
	evpane_move(&pos, 3, 1);
	assert_int_equal(pos.sel, 2);
	/* Past the last practice, the pane scrolls on (to the findings) instead. */
	evpane_move(&pos, 3, 1);
	assert_int_equal(pos.sel, 2);
	assert_false(pos.follow);
	assert_int_equal(pos.top, 1);
	evpane_move(&pos, 3, -1);
	assert_int_equal(pos.sel, 1);
	pos.sel = 0;
	pos.top = 0;
	evpane_move(&pos, 3, -1);
	assert_int_equal(pos.top, 0); /* never above the start */
	assert_int_equal(pos.sel, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_evidence),
		cmocka_unit_test(test_verdicts),
		cmocka_unit_test(test_move),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
