/* The three-way merge of a review changed in the wizard and in its file at once: changes to
 * different parts all survive, the same change on both sides is no conflict, different
 * changes to one part are conflicts left to someone to decide (and ours is then untouched),
 * and decided conflicts go the way decided. Also the parts themselves: compare and copy. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/answer.h"
#include "model/checklist.h"
#include "model/evidence.h"
#include "model/milestone.h"
#include "model/review_merge.h"
#include "model/roadmap_edit.h"
#include "store/qset_load.h"
#include "store/review_io.h"
#include "util/builtin.h"
#include "util/xalloc.h"

static struct qset *qs;

static int setup(void **state)
{
	struct wa_err err;
	(void)state;
	err_clear(&err);
	return qset_load_builtin(&qs, &err);
}

static int teardown(void **state)
{
	(void)state;
	qset_free(qs);
	return 0;
}

static struct review *demo(void)
{
	const struct builtin_file *f = builtin_find("questions/demo/review.yaml");
	struct review *rv = NULL;
	struct wa_err err;

	err_clear(&err);
	assert_non_null(f);
	if (review_parse("demo.yaml", f->data, f->len, qs, &rv, &err))
		fail_msg("demo: %s", err.msg);
	return rv;
}

static void set_notes(struct review *rv, const char *qid, const char *text)
{
	answer_set_notes(review_get(rv, qid), text);
}

static const char *notes_of(const struct review *rv, const char *qid)
{
	const struct answer *a = review_find(rv, qid);
	return a && a->notes ? a->notes : "";
}

static void set_owner(struct review *rv, const char *bp, const char *owner)
{
	struct roadmap_change ch = { .owner = owner };
	struct wa_err err;

	assert_int_equal(roadmap_override_set(rv, qs, bp, &ch, "2026-11-26T10:00:00Z", &err), 0);
}

static void test_different_parts_all_survive(void **state)
{
	struct review *base = demo(), *ours = review_dup(base), *theirs = review_dup(base);
	struct review_merge m;
	(void)state;

	/* Ours: "none of these" off on REL06, a checklist tick. Theirs: a note on REL07, an
	 * owner for a roadmap item, the workload renamed, a milestone, an answer removed. */
	answer_set_none(review_get(ours, "REL06"), false);
	assert_int_equal(checklist_set(ours, 2, true), 0);
	set_notes(theirs, "REL07", "changed in an editor");
	set_owner(theirs, "REL09-BP02", "Mei");
	free(theirs->wl.name);
	theirs->wl.name = xstrdup("Checkout v2");
	assert_int_equal(milestone_add(theirs, qs, "pulled", "2026-11-26T10:00:00Z", NULL), 0);
	{
		struct review_part p = { PART_ANSWER, "REL01" };
		struct review *empty = review_new();
		review_part_copy(theirs, empty, &p);
		review_free(empty);
	}
	assert_null(review_find(theirs, "REL01"));

	assert_int_equal(review_merge(base, ours, theirs, NULL, NULL, &m), 0);
	assert_int_equal(m.conflicts.n, 0);
	assert_int_equal(m.taken.n, 5);
	assert_false(review_find(ours, "REL06")->none_of_these);
	assert_true(checklist_done(ours, 2));
	assert_string_equal(notes_of(ours, "REL07"), "changed in an editor");
	assert_string_equal(ours->wl.name, "Checkout v2");
	assert_non_null(milestone_find(ours, "pulled"));
	assert_null(review_find(ours, "REL01"));
	{
		struct roadmap_override o;
		assert_true(roadmap_override_get(ours, "REL09-BP02", &o));
		assert_string_equal(o.owner, "Mei");
	}
	/* Nothing else differs from theirs but our own two changes. */
	{
		struct review_parts d = { 0 };
		char names[200];
		review_parts_diff(ours, theirs, true, &d);
		assert_string_equal(review_parts_names(&d, names, sizeof(names)),
		                    "checklist item incident_history, REL06");
		review_parts_free(&d);
	}
	review_merge_free(&m);
	review_free(base);
	review_free(ours);
	review_free(theirs);
}

static void test_same_change_on_both_sides_is_no_conflict(void **state)
{
	struct review *base = demo(), *ours = review_dup(base), *theirs = review_dup(base);
	struct review_merge m;
	(void)state;

	set_notes(ours, "REL03", "same words");
	set_notes(theirs, "REL03", "same words");
	/* Only the time stamps differ: not a change. */
	free(review_get(theirs, "REL03")->updated);
	review_get(theirs, "REL03")->updated = xstrdup("2030-01-01T00:00:00Z");
	assert_int_equal(review_merge(base, ours, theirs, NULL, NULL, &m), 0);
	assert_int_equal(m.taken.n, 0);
	assert_string_equal(notes_of(ours, "REL03"), "same words");
	review_merge_free(&m);
	review_free(base);
	review_free(ours);
	review_free(theirs);
}

static void test_conflict_leaves_ours_untouched(void **state)
{
	struct review *base = demo(), *ours = review_dup(base), *theirs = review_dup(base);
	char *before;
	struct review_merge m;
	char names[200];
	(void)state;

	set_notes(ours, "REL06", "mine");
	set_notes(theirs, "REL06", "theirs");
	set_owner(ours, "REL09-BP02", "Ana");
	set_owner(theirs, "REL09-BP02", "Mei");
	set_notes(theirs, "REL07", "no conflict here");
	before = review_format(ours, qs);
	assert_int_equal(review_merge(base, ours, theirs, NULL, NULL, &m), -1);
	assert_string_equal(review_parts_names(&m.conflicts, names, sizeof(names)),
	                    "REL06, roadmap item REL09-BP02");
	/* Nothing applied, not even the part that merges cleanly. */
	{
		char *after = review_format(ours, qs);
		assert_string_equal(before, after);
		free(after);
	}
	review_merge_free(&m);

	/* Decided: theirs for REL06, mine for the roadmap item. */
	{
		struct review_parts take = { 0 }, keep = { 0 };
		review_parts_add(&take, PART_ANSWER, "REL06");
		review_parts_add(&keep, PART_ROADMAP, "REL09-BP02");
		assert_int_equal(review_merge(base, ours, theirs, &take, &keep, &m), 0);
		assert_string_equal(review_parts_names(&m.taken, names, sizeof(names)),
		                    "REL06, REL07");
		review_parts_free(&take);
		review_parts_free(&keep);
	}
	assert_string_equal(notes_of(ours, "REL06"), "theirs");
	assert_string_equal(notes_of(ours, "REL07"), "no conflict here");
	{
		struct roadmap_override o;
		assert_true(roadmap_override_get(ours, "REL09-BP02", &o));
		assert_string_equal(o.owner, "Ana");
	}
	review_merge_free(&m);
	free(before);
	review_free(base);
	review_free(ours);
	review_free(theirs);
}

static void test_no_base_and_sections(void **state)
{
	struct review *ours = demo(), *theirs = review_dup(ours);
	struct review_merge m;
	(void)state;

	/* Without a common version every difference is a conflict... */
	set_notes(theirs, "REL02", "theirs");
	theirs->n_incidents--;
	incident_clear(&theirs->incidents[theirs->n_incidents]);
	assert_int_equal(review_merge(NULL, ours, theirs, NULL, NULL, &m), -1);
	{
		char names[200];
		assert_string_equal(review_parts_names(&m.conflicts, names, sizeof(names)),
		                    "the incidents, REL02");
	}
	review_merge_free(&m);
	/* ...but parts only theirs has come in. */
	{
		struct review *empty = review_new();
		assert_int_equal(review_merge(NULL, empty, ours, NULL, NULL, &m), 0);
		assert_true(m.taken.n > 4);
		{
			struct review_parts d = { 0 };
			review_parts_diff(empty, ours, true, &d);
			assert_int_equal(d.n, 0);
			review_parts_free(&d);
		}
		review_free(empty);
	}
	review_merge_free(&m);
	review_free(ours);
	review_free(theirs);
}

/* The parts push, pull and scopes brought: a practice marked not applicable, the scope, the
 * Tool link (merged whole, and no edit of the session's). */
static void test_newer_parts(void **state)
{
	struct review *base = demo(), *ours = review_dup(base), *theirs = review_dup(base);
	struct review_merge m;
	struct review_parts d = { 0 };
	char names[200];
	(void)state;

	answer_set_bp_na(review_get(theirs, "REL08"), "REL08-BP01", NA_OTHER, "pulled");
	theirs->wa_tool = xcalloc(1, sizeof(*theirs->wa_tool));
	theirs->wa_tool->workload_id = xstrdup("abc123");
	theirs->wa_tool->region = xstrdup("eu-west-1");
	wa_tool_set_digest(theirs->wa_tool, "REL08", "00ff");
	assert_int_equal(scope_add_spec(&ours->wl.scope, "tag:app=checkout", NULL), 0);
	review_parts_diff(base, theirs, false, &d);
	assert_string_equal(review_parts_names(&d, names, sizeof(names)), "REL08");
	review_parts_free(&d);
	assert_int_equal(review_merge(base, ours, theirs, NULL, NULL, &m), 0);
	assert_string_equal(review_parts_names(&m.taken, names, sizeof(names)),
	                    "the Well-Architected Tool link, REL08");
	assert_non_null(answer_bp_na(review_find(ours, "REL08"), "REL08-BP01"));
	assert_string_equal(wa_tool_digest(ours->wa_tool, "REL08"), "00ff");
	assert_true(scope_is_set(&ours->wl.scope));
	review_merge_free(&m);
	/* The scope changed differently on both sides: one conflict, the workload. */
	assert_int_equal(scope_add_spec(&theirs->wl.scope, "app:shop", NULL), 0);
	review_free(base);
	base = review_dup(ours);
	scope_clear(&base->wl.scope);
	assert_int_equal(review_merge(base, ours, theirs, NULL, NULL, &m), -1);
	assert_string_equal(review_parts_names(&m.conflicts, names, sizeof(names)), "the workload");
	review_merge_free(&m);
	review_free(base);
	review_free(ours);
	review_free(theirs);
}

static void test_names_are_cut_short(void **state)
{
	struct review_parts ps = { 0 };
	char buf[24];
	(void)state;

	review_parts_add(&ps, PART_ANSWER, "REL01");
	review_parts_add(&ps, PART_ANSWER, "REL01"); /* once only */
	review_parts_add(&ps, PART_ROADMAP, "REL02-BP01");
	review_parts_add(&ps, PART_WORKLOAD, NULL);
	assert_int_equal(ps.n, 3);
	review_parts_names(&ps, buf, sizeof(buf));
	assert_string_equal(buf, "REL01…");
	review_parts_free(&ps);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_different_parts_all_survive),
		cmocka_unit_test(test_same_change_on_both_sides_is_no_conflict),
		cmocka_unit_test(test_conflict_leaves_ours_untouched),
		cmocka_unit_test(test_no_base_and_sections),
		cmocka_unit_test(test_newer_parts),
		cmocka_unit_test(test_names_are_cut_short),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
