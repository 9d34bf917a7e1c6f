/* The edit transaction every change to a review goes through: lock, load (or start a new
 * review), commit with `updated` stamped, close. On every failure the lock is released and
 * the file left as it was. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "model/answer.h"
#include "model/checklist.h"
#include "store/lock.h"
#include "store/review_edit.h"
#include "store/review_io.h"
#include "support/qset_fixture.h"
#include "util/fsio.h"
#include "util/xalloc.h"

#define STAMP "2026-11-18T11:06:40Z" /* SOURCE_DATE_EPOCH, set in setup() */

static struct qset *qs;
static char dir[] = "/tmp/wa-review-edit-XXXXXX";

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(dir))
		return -1;
	setenv("SOURCE_DATE_EPOCH", "1795000000", 1);
	qs = qset_fixture_new();
	return 0;
}

static int teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	int rc = system(cmd);
	(void)state;

	free(cmd);
	qset_free(qs);
	return rc == 0 ? 0 : -1;
}

static const char existing[] = "schema: 1\n"
                               "question_set:\n"
                               "  id: reliability\n"
                               "created: \"2026-01-01T00:00:00Z\"\n"
                               "updated: \"2026-01-02T00:00:00Z\"\n"
                               "workload:\n"
                               "  name: Checkout\n";

/* A fresh path in the test directory holding text (NULL: no file). Newly allocated. */
static char *file_with(const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	struct wa_err err;

	unlink(path);
	if (text)
		assert_int_equal(fsio_write_atomic(path, text, strlen(text), 0600, &err), 0);
	return path;
}

static void assert_file(const char *path, const char *want)
{
	char *got;
	size_t len;
	struct wa_err err;

	assert_int_equal(fsio_read_file(path, &got, &len, &err), 0);
	assert_string_equal(got, want);
	free(got);
}

/* Nobody holds path's lock: its lock file is gone and it can be taken again. */
static void assert_unlocked(const char *path)
{
	char *lock_path = xasprintf("%s.lock", path);
	struct review_lock *lk = NULL;
	struct wa_err err;

	assert_int_equal(access(lock_path, F_OK), -1);
	assert_int_equal(review_lock_acquire(path, &lk, &err), 0);
	review_lock_release(lk);
	free(lock_path);
}

static void assert_empty(const struct review_edit *e)
{
	assert_null(e->path);
	assert_null(e->rv);
	assert_null(e->lock);
}

static void test_open_commit_close(void **state)
{
	char *path = file_with("open.yaml", existing), *text;
	struct review_edit e, other;
	struct review *back = NULL;
	struct wa_err err;
	(void)state;

	err_clear(&err);
	assert_int_equal(review_edit_open(&e, path, qs, &err), 0);
	assert_string_equal(e.rv->wl.name, "Checkout");
	/* Held for as long as the edit is open. */
	assert_int_equal(review_edit_open(&other, path, qs, &err), -1);
	assert_non_null(strstr(err.msg, "being edited by another wa-review"));
	assert_empty(&other);
	/* Nothing reaches the file before the commit. */
	review_get(e.rv, "REL01")->none_of_these = true;
	assert_file(path, existing);
	assert_int_equal(review_edit_commit(&e, &err), 0);
	assert_string_equal(e.rv->updated, STAMP);
	assert_string_equal(e.rv->created, "2026-01-01T00:00:00Z"); /* a loaded review keeps it */
	text = review_format(e.rv, qs);
	assert_file(path, text);
	free(text);
	/* Still open after a commit: more changes, another commit. */
	assert_int_equal(checklist_set(e.rv, 0, true), 0);
	assert_int_equal(review_edit_commit(&e, &err), 0);
	review_edit_close(&e);
	assert_empty(&e);
	assert_unlocked(path);
	assert_int_equal(review_load(path, qs, &back, &err), 0);
	assert_true(review_find(back, "REL01")->none_of_these);
	assert_true(checklist_done(back, 0));
	review_free(back);
	review_edit_close(&e); /* closing an empty edit does nothing */
	free(path);
}

static void test_open_failures(void **state)
{
	static const char bad[] = "schema: 1\nquestion_set: {id: reliability}\nworkload: [x]\n";
	char *missing = file_with("missing.yaml", NULL), *broken = file_with("bad.yaml", bad);
	char *busy = file_with("busy.yaml", existing);
	struct review_edit e, holder;
	struct wa_err err;
	(void)state;

	err_clear(&err);
	assert_int_equal(review_edit_open(&e, missing, qs, &err), -1);
	assert_string_equal(err.where, missing);
	assert_non_null(strstr(err.msg, "No such file or directory"));
	assert_empty(&e);
	assert_unlocked(missing);
	assert_int_equal(access(missing, F_OK), -1);

	err_clear(&err);
	assert_int_equal(review_edit_open(&e, broken, qs, &err), -1);
	assert_string_equal(err.where, broken);
	assert_int_equal(err.line, 3);
	assert_int_equal(err.col, 11);
	assert_empty(&e);
	assert_unlocked(broken);
	assert_file(broken, bad);

	/* Someone else's edit: refused, and theirs goes on unharmed. */
	assert_int_equal(review_edit_open(&holder, busy, qs, &err), 0);
	err_clear(&err);
	assert_int_equal(review_edit_open(&e, busy, qs, &err), -1);
	assert_non_null(strstr(err.msg, "being edited by another wa-review"));
	assert_empty(&e);
	assert_int_equal(review_edit_commit(&holder, &err), 0);
	review_edit_close(&holder);
	assert_unlocked(busy);
	free(missing);
	free(broken);
	free(busy);
}

/* A review that cannot be written: the commit says so, the file and the review's times stay
 * as they were, and the edit (and its lock) stays open for another try. */
static void test_commit_failure(void **state)
{
	char *path = file_with("stuck.yaml", existing);
	char *bak = xasprintf("%s~", path), *inside = xasprintf("%s/keep", bak);
	struct review_edit e, other;
	struct wa_err err;
	(void)state;

	assert_int_equal(review_edit_open(&e, path, qs, &err), 0);
	review_get(e.rv, "REL02")->flagged = true;
	/* A non-empty directory where the backup goes: the save cannot replace the file. */
	assert_int_equal(mkdir(bak, 0700), 0);
	assert_int_equal(fsio_write_atomic(inside, "x", 1, 0600, &err), 0);
	err_clear(&err);
	assert_int_equal(review_edit_commit(&e, &err), -1);
	assert_string_equal(err.where, path);
	assert_file(path, existing);
	assert_string_equal(e.rv->updated, "2026-01-02T00:00:00Z");
	assert_true(review_find(e.rv, "REL02")->flagged);
	assert_int_equal(review_edit_open(&other, path, qs, &err), -1);
	/* Once the way is clear, the same edit saves. */
	assert_int_equal(unlink(inside), 0);
	assert_int_equal(rmdir(bak), 0);
	assert_int_equal(review_edit_commit(&e, &err), 0);
	assert_string_equal(e.rv->updated, STAMP);
	review_edit_close(&e);
	assert_unlocked(path);
	free(inside);
	free(bak);
	free(path);
}

static struct review *new_review(const char *name)
{
	struct review *rv = review_new();

	rv->set_id = xstrdup(qs->id);
	rv->wl.name = xstrdup(name);
	return rv;
}

static void test_create(void **state)
{
	char *path = file_with("new.yaml", NULL), *taken = file_with("taken.yaml", existing);
	struct review_edit e;
	struct review *back = NULL;
	struct wa_err err;
	(void)state;

	/* Over an existing file: refused, the review given is freed, the file untouched. */
	err_clear(&err);
	assert_int_equal(review_edit_create(&e, taken, qs, new_review("x"), &err), -1);
	assert_string_equal(err.where, taken);
	assert_non_null(strstr(err.msg, "already exists"));
	assert_empty(&e);
	assert_unlocked(taken);
	assert_file(taken, existing);

	/* A new file appears only at the commit, with both its times. */
	assert_int_equal(review_edit_create(&e, path, qs, new_review("fresh"), &err), 0);
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(review_edit_commit(&e, &err), 0);
	review_edit_close(&e);
	assert_unlocked(path);
	assert_int_equal(review_load(path, qs, &back, &err), 0);
	assert_string_equal(back->wl.name, "fresh");
	assert_string_equal(back->created, STAMP);
	assert_string_equal(back->updated, STAMP);
	review_free(back);

	/* A directory that is not there: no lock, nothing made. */
	{
		char *nowhere = xasprintf("%s/gone/r.yaml", dir);
		assert_int_equal(review_edit_create(&e, nowhere, qs, new_review("x"), &err), -1);
		assert_empty(&e);
		free(nowhere);
	}
	free(path);
	free(taken);
}

/* The demo's way: whatever the file holds is replaced, but only at the commit. */
static void test_replace(void **state)
{
	char *path = file_with("replace.yaml", existing);
	struct review_edit e;
	struct review *back = NULL;
	struct wa_err err;
	(void)state;

	assert_int_equal(review_edit_replace(&e, path, qs, new_review("again"), &err), 0);
	assert_file(path, existing);
	assert_int_equal(review_edit_commit(&e, &err), 0);
	review_edit_close(&e);
	assert_unlocked(path);
	assert_int_equal(review_load(path, qs, &back, &err), 0);
	assert_string_equal(back->wl.name, "again");
	review_free(back);
	free(path);
}

/* The review text `existing` with a note on REL01 added (as an editor would). */
static const char with_note[] = "schema: 1\n"
                                "question_set:\n"
                                "  id: reliability\n"
                                "created: \"2026-01-01T00:00:00Z\"\n"
                                "updated: \"2026-01-02T00:00:00Z\"\n"
                                "workload:\n"
                                "  name: Checkout\n"
                                "answers:\n"
                                "  REL01:\n"
                                "    notes: written in an editor\n";

/* Changes another tool makes while the edit is open: to other answers they merge, and
 * the version overwritten stays in FILE~; only real changes count. */
static void test_outside_change_merges(void **state)
{
	char *path = file_with("outside.yaml", existing), *bak = xasprintf("%s~", path);
	struct review_edit e;
	struct review *back = NULL;
	struct wa_err err;
	char names[100];
	(void)state;

	err_clear(&err);
	assert_int_equal(review_edit_open(&e, path, qs, &err), 0);
	/* Rewritten with the same bytes (a `touch`, a checkout of the same text): no change. */
	assert_int_equal(fsio_write_atomic(path, existing, strlen(existing), 0600, &err), 0);
	assert_int_equal(review_edit_commit(&e, &err), 0);
	assert_false(e.outside);
	assert_int_equal(e.merged.n, 0);

	/* Written in place, as an editor saves: the note comes in, our flag stays. */
	{
		FILE *f = fopen(path, "w");
		assert_non_null(f);
		fputs(with_note, f);
		fclose(f);
	}
	review_get(e.rv, "REL02")->none_of_these = true;
	assert_int_equal(review_edit_commit(&e, &err), 0);
	assert_true(e.outside);
	assert_string_equal(review_parts_names(&e.merged, names, sizeof(names)), "REL01");
	assert_string_equal(review_find(e.rv, "REL01")->notes, "written in an editor");
	assert_file(bak, with_note);
	/* A second save keeps it: it is in the file now, not only in the backup. */
	review_get(e.rv, "REL02")->flagged = true;
	assert_int_equal(review_edit_commit(&e, &err), 0);
	assert_false(e.outside);
	review_edit_close(&e);
	assert_int_equal(review_load(path, qs, &back, &err), 0);
	assert_string_equal(review_find(back, "REL01")->notes, "written in an editor");
	assert_true(review_find(back, "REL02")->none_of_these);
	review_free(back);

	/* Removed outside: written again, nothing to merge. */
	assert_int_equal(review_edit_open(&e, path, qs, &err), 0);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(review_edit_commit(&e, &err), 0);
	assert_int_equal(access(path, F_OK), 0);
	review_edit_close(&e);
	free(bak);
	free(path);
}

/* The same answer changed in both places: nothing is written until someone decides, and
 * each decision goes its way. */
static void test_outside_conflict(void **state)
{
	char *path = file_with("conflict.yaml", existing), *bak = xasprintf("%s~", path);
	struct review_edit e;
	struct review_part rel01 = { PART_ANSWER, "REL01" };
	struct wa_err err;
	(void)state;

	err_clear(&err);
	assert_int_equal(review_edit_open(&e, path, qs, &err), 0);
	answer_set_notes(review_get(e.rv, "REL01"), "mine");
	review_get(e.rv, "REL02")->flagged = true;
	assert_int_equal(fsio_write_atomic(path, with_note, strlen(with_note), 0600, &err), 0);
	assert_int_equal(review_edit_commit(&e, &err), -1);
	assert_string_equal(err.where, path);
	assert_string_equal(err.msg, "was changed outside wa-review, and REL01 differently here; "
	                             "nothing saved");
	assert_int_equal(e.conflicts.n, 1);
	assert_non_null(e.theirs);
	assert_string_equal(review_find(e.theirs, "REL01")->notes, "written in an editor");
	assert_file(path, with_note);
	assert_string_equal(review_find(e.rv, "REL01")->notes, "mine");
	/* Asked again without a decision: the same answer. */
	assert_int_equal(review_edit_commit(&e, &err), -1);

	/* Theirs for REL01: their note, our flag. */
	review_edit_decide(&e, &rel01, true);
	assert_int_equal(review_edit_commit(&e, &err), 0);
	assert_int_equal(e.conflicts.n, 0);
	assert_string_equal(review_find(e.rv, "REL01")->notes, "written in an editor");
	assert_true(review_find(e.rv, "REL02")->flagged);

	/* Mine, the next time: the file gets ours, and theirs stays in FILE~. */
	{
		char *theirs = xasprintf("%s", with_note);
		char *at = strstr(theirs, "written in an editor");
		memcpy(at, "WRITTEN", 7);
		assert_int_equal(fsio_write_atomic(path, theirs, strlen(theirs), 0600, &err), 0);
		answer_set_notes(review_get(e.rv, "REL01"), "mine again");
		assert_int_equal(review_edit_commit(&e, &err), -1);
		review_edit_decide(&e, &rel01, false);
		assert_int_equal(review_edit_commit(&e, &err), 0);
		assert_file(bak, theirs);
		free(theirs);
	}
	assert_string_equal(review_find(e.rv, "REL01")->notes, "mine again");
	/* A decision holds only for the text it was made about. */
	answer_set_notes(review_get(e.rv, "REL01"), "third");
	assert_int_equal(fsio_write_atomic(path, with_note, strlen(with_note), 0600, &err), 0);
	assert_int_equal(review_edit_commit(&e, &err), -1);
	review_edit_decide(&e, &rel01, false);
	assert_int_equal(fsio_write_atomic(path, existing, strlen(existing), 0600, &err), 0);
	assert_int_equal(review_edit_commit(&e, &err), -1);
	assert_int_equal(e.keep_mine.n, 0);
	review_edit_close(&e);
	free(bak);
	free(path);
}

/* Broken outside (half-edited YAML): never merged, never silently overwritten; kept in
 * FILE~ when the user decides to write over it. */
static void test_outside_unreadable(void **state)
{
	static const char broken[] = "schema: 1\nworkload: [\n";
	char *path = file_with("broken.yaml", existing), *bak = xasprintf("%s~", path);
	struct review_edit e;
	struct review_part whole = { PART_FILE, NULL };
	struct wa_err err;
	(void)state;

	err_clear(&err);
	assert_int_equal(review_edit_open(&e, path, qs, &err), 0);
	review_get(e.rv, "REL02")->flagged = true;
	assert_int_equal(fsio_write_atomic(path, broken, strlen(broken), 0600, &err), 0);
	assert_int_equal(review_edit_commit(&e, &err), -1);
	assert_non_null(strstr(err.msg, "no longer reads"));
	assert_int_equal(e.conflicts.n, 1);
	assert_int_equal(e.conflicts.v[0].kind, PART_FILE);
	assert_null(e.theirs);
	assert_file(path, broken);
	/* Theirs cannot be taken: the decision is ours. */
	review_edit_decide(&e, &whole, true);
	assert_int_equal(review_edit_commit(&e, &err), 0);
	assert_file(bak, broken);
	review_edit_close(&e);
	free(bak);
	free(path);
}

static void test_default_name(void **state)
{
	static const char *const cases[][2] = {
		{ "reviews/checkout.yaml", "checkout" },
		{ "shop.yml", "shop" },
		{ "/tmp/notes.txt", "notes.txt" },
		{ ".yaml", ".yaml" },
	};
	(void)state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = review_edit_default_name(cases[i][0]);
		assert_string_equal(got, cases[i][1]);
		free(got);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_commit_close),
		cmocka_unit_test(test_open_failures),
		cmocka_unit_test(test_commit_failure),
		cmocka_unit_test(test_create),
		cmocka_unit_test(test_replace),
		cmocka_unit_test(test_default_name),
		cmocka_unit_test(test_outside_change_merges),
		cmocka_unit_test(test_outside_conflict),
		cmocka_unit_test(test_outside_unreadable),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
