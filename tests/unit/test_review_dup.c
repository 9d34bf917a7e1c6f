/* Copies of a review share nothing with the original: the copy saves to the same text, can be
 * changed without touching the original, and outlives it (the ASan build and valgrind catch
 * any pointer the two still share). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/checklist.h"
#include "model/evidence.h"
#include "model/milestone.h"
#include "model/roadmap_edit.h"
#include "report/redact.h"
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

/* The demo review (workload with components, answers with sources, incidents, evidence)
 * with the sections it lacks added: every part of a review is set. */
static struct review *everything(void)
{
	const struct builtin_file *f = builtin_find("questions/demo/review.yaml");
	struct roadmap_change ch = {
		.owner = "Mei", .week = "5", .status = "wont_do", .reason = "no budget"
	};
	struct review *rv = NULL;
	struct wa_err err;

	err_clear(&err);
	assert_non_null(f);
	if (review_parse("demo.yaml", f->data, f->len, qs, &rv, &err))
		fail_msg("demo: %s", err.msg);
	assert_int_equal(checklist_set(rv, 3, true), 0);
	assert_int_equal(
	        roadmap_override_set(rv, qs, "REL01-BP01", &ch, "2026-11-26T10:00:00Z", &err), 0);
	assert_int_equal(milestone_add(rv, qs, "baseline", "2026-11-26T10:00:00Z", &err), 0);
	assert_non_null(rv->evidence);
	assert_true(rv->wl.n_components > 0 && rv->n_incidents > 0 && rv->n_answers > 0);
	return rv;
}

static void test_copy_outlives_the_original(void **state)
{
	struct review *rv = everything(), *copy;
	char *before = review_format(rv, qs), *after;
	(void)state;

	copy = review_dup(rv);
	review_free(rv);
	after = review_format(copy, qs);
	assert_string_equal(before, after);
	/* The copy's arrays are its own to grow. */
	review_get(copy, "REL99")->flagged = true;
	assert_non_null(review_find(copy, "REL99"));
	free(before);
	free(after);
	review_free(copy);
}

static void test_changing_the_copy_leaves_the_original(void **state)
{
	struct review *rv = everything(), *copy = review_dup(rv);
	char *before = review_format(rv, qs), *after;
	(void)state;

	/* Every text masked in place, as a report does with its copy. */
	redact_review(copy, REDACT_SECRETS | REDACT_IDS);
	assert_string_equal(copy->evidence->account, "XXXXXXXXXXXX");
	assert_int_equal(checklist_set(copy, 3, false), 0);
	after = review_format(rv, qs);
	assert_string_equal(before, after);
	assert_string_equal(rv->evidence->account, "111122223333");
	free(after);
	review_free(copy);
	/* And the other way round. */
	copy = review_dup(rv);
	redact_review(rv, REDACT_SECRETS | REDACT_IDS);
	review_free(rv);
	assert_string_equal(copy->evidence->account, "111122223333");
	after = review_format(copy, qs);
	assert_string_equal(before, after);
	free(after);
	free(before);
	review_free(copy);
}

/* An empty review, and each section's copier on its own. */
static void test_empty_and_sections(void **state)
{
	struct review *rv = review_new(), *copy = review_dup(rv), *full = everything();
	struct evidence *ev;
	struct roadmap_override *ov;
	struct milestone *ms;
	(void)state;

	assert_null(copy->evidence);
	assert_null(copy->overrides);
	assert_null(copy->milestones);
	assert_int_equal(copy->n_answers, 0);
	assert_true(copy->wl.availability < 0);
	review_free(copy);
	review_free(rv);
	assert_null(evidence_dup(NULL));
	assert_null(roadmap_override_dup(NULL, 0));
	assert_null(milestone_dup(NULL, 0));

	ev = evidence_dup(full->evidence);
	ov = roadmap_override_dup(full->overrides, full->n_overrides);
	ms = milestone_dup(full->milestones, full->n_milestones);
	{
		cJSON *want = evidence_to_json(full->evidence);
		size_t n_ov = full->n_overrides, n_ms = full->n_milestones;
		const char *probe = full->evidence->findings[0].probe;
		cJSON *got;

		assert_string_equal(ev->findings[0].probe, probe);
		review_free(full);
		got = evidence_to_json(ev);
		assert_true(cJSON_Compare(want, got, 1));
		cJSON_Delete(want);
		cJSON_Delete(got);
		assert_string_equal(ov[0].bp, "REL01-BP01");
		assert_string_equal(ov[0].reason, "no budget");
		assert_string_equal(ms[0].name, "baseline");
		assert_int_equal(ms[0].n_questions, qs->n_questions);
		for (size_t i = 0; i < n_ov; i++)
			roadmap_override_clear(&ov[i]);
		for (size_t i = 0; i < n_ms; i++)
			milestone_clear(&ms[i]);
	}
	free(ov);
	free(ms);
	evidence_free(ev);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_copy_outlives_the_original),
		cmocka_unit_test(test_changing_the_copy_leaves_the_original),
		cmocka_unit_test(test_empty_and_sections),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
