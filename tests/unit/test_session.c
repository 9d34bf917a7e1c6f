/* The wizard's session: creating, opening and saving reviews under the edit lock, and the
 * demo's working copy, which is made from the built-in demo and never changes it. */
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
#include "util/builtin.h"
#include "util/fsio.h"
#include "store/qset_load.h"
#include "store/recent.h"
#include "store/review_io.h"
#include "ui/session.h"
#include "util/xalloc.h"

static struct qset *qs;
static char dir[] = "/tmp/wa-session-XXXXXX";

static int setup(void **state)
{
	struct wa_err err;
	char *data, *st;
	(void)state;

	if (!mkdtemp(dir) || qset_load_builtin(&qs, &err))
		return -1;
	data = xasprintf("%s/data", dir);
	st = xasprintf("%s/state", dir);
	setenv("XDG_DATA_HOME", data, 1);
	setenv("XDG_STATE_HOME", st, 1);
	setenv("SOURCE_DATE_EPOCH", "1795000000", 1);
	free(data);
	free(st);
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

static void test_create_and_lock(void **state)
{
	char *path = xasprintf("%s/checkout.yaml", dir);
	struct session s, other;
	struct review *back = NULL;
	struct wa_err err;
	(void)state;

	session_init(&s, qs);
	session_init(&other, qs);
	err_clear(&err);
	assert_int_equal(session_create(&s, path, &err), 0);
	assert_string_equal(s.rv->wl.name, "checkout"); /* named after the file */
	assert_int_equal(review_load(path, qs, &back, &err), 0);
	assert_string_equal(back->set_id, "reliability");
	review_free(back);
	/* Another session cannot take it while this one has it. */
	err_clear(&err);
	assert_int_equal(session_open(&other, path, &err), -1);
	assert_non_null(strstr(err.msg, "being edited by another wa-review"));
	assert_null(other.rv);
	/* Creating over an existing file is refused. */
	err_clear(&err);
	assert_int_equal(session_create(&other, path, &err), -1);
	assert_non_null(strstr(err.msg, "already exists"));
	err_clear(&err);
	assert_int_equal(session_create(&other, "", &err), -1);
	session_close(&s);
	/* Released: now it opens. */
	assert_int_equal(session_open(&other, path, &err), 0);
	assert_non_null(other.rv);
	session_close(&other);
	free(path);
}

static void test_save_and_reopen(void **state)
{
	char *path = xasprintf("%s/save.yaml", dir), *sub = xasprintf("%s/gone", dir);
	char *inner = xasprintf("%s/gone/r.yaml", dir);
	struct session s;
	struct review *back = NULL;
	struct wa_err err;
	struct answer *a;
	(void)state;

	session_init(&s, qs);
	assert_int_equal(session_create(&s, path, &err), 0);
	a = review_get(s.rv, "REL02");
	answer_set_notes(a, "saved ✓");
	assert_int_equal(session_save(&s, &err), 0);
	assert_false(s.save_failed);
	assert_int_equal(review_load(path, qs, &back, &err), 0);
	assert_string_equal(review_find(back, "REL02")->notes, "saved ✓");
	assert_string_equal(back->updated, "2026-11-18T11:06:40Z");
	review_free(back);
	session_close(&s);
	/* A save that cannot be written says so and leaves save_failed set. */
	assert_int_equal(mkdir(sub, 0700), 0);
	assert_int_equal(session_create(&s, inner, &err), 0);
	assert_int_equal(unlink(inner), 0);
	{
		char *lock = xasprintf("%s.lock", inner);
		unlink(lock);
		free(lock);
	}
	assert_int_equal(rmdir(sub), 0);
	err_clear(&err);
	assert_int_equal(session_save(&s, &err), -1);
	assert_true(s.save_failed);
	assert_true(err_isset(&err));
	session_close(&s);
	/* Opening what is not a review fails and keeps the session as it was. */
	session_init(&s, qs);
	assert_int_equal(session_open(&s, path, &err), 0);
	err_clear(&err);
	assert_int_equal(session_open(&s, dir, &err), -1);
	assert_string_equal(s.path, path);
	session_close(&s);
	free(path);
	free(sub);
	free(inner);
}

static void test_recent_recorded(void **state)
{
	char *path = xasprintf("%s/recent-me.yaml", dir), *file = session_recent_path(NULL);
	struct session s;
	struct recent r;
	struct wa_err err;
	char *abs;
	(void)state;

	session_init(&s, qs);
	assert_int_equal(session_create(&s, path, &err), 0);
	session_close(&s);
	abs = realpath(path, NULL);
	assert_int_equal(recent_load(file, &r, &err), 0);
	assert_true(r.n >= 1);
	assert_string_equal(r.paths[0], abs);
	recent_free(&r);
	free(abs);
	free(file);
	free(path);
}

static void test_demo_copy(void **state)
{
	const struct builtin_file *f = builtin_find("questions/demo/review.yaml");
	char *copy = session_demo_path(NULL), *shipped = xstrndup(f->data, f->len);
	struct session s;
	struct review *back = NULL;
	struct wa_err err;
	(void)state;

	assert_non_null(strstr(copy, "/data/wa-review/demo.yaml"));
	session_init(&s, qs);
	err_clear(&err);
	assert_int_equal(session_open_demo(&s, false, &err), 0);
	assert_true(s.demo);
	assert_string_equal(s.path, copy);
	assert_string_equal(s.rv->wl.name, "Checkout service");
	answer_set_notes(review_get(s.rv, "REL13"), "demo edit");
	assert_int_equal(session_save(&s, &err), 0);
	session_close(&s);
	/* Reopening finds the edit: the copy is the user's. */
	assert_int_equal(session_open_demo(&s, false, &err), 0);
	assert_string_equal(review_find(s.rv, "REL13")->notes, "demo edit");
	/* Reset while it is open: the built-in content again, still locked by us. */
	assert_int_equal(session_open_demo(&s, true, &err), 0);
	assert_null(review_find(s.rv, "REL13"));
	assert_int_equal(review_load(copy, qs, &back, &err), 0);
	assert_null(review_find(back, "REL13"));
	review_free(back);
	session_close(&s);
	/* The built-in demo is as shipped. */
	assert_memory_equal(f->data, shipped, f->len);
	/* A broken copy is reported, with how to recover. */
	assert_int_equal(fsio_write_atomic(copy, "schema: [", 9, 0600, &err), 0);
	err_clear(&err);
	assert_int_equal(session_open_demo(&s, false, &err), -1);
	assert_non_null(strstr(err.msg, "reset it from the Start screen"));
	assert_int_equal(session_open_demo(&s, true, &err), 0);
	session_close(&s);
	free(copy);
	free(shipped);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_and_lock),
		cmocka_unit_test(test_save_and_reopen),
		cmocka_unit_test(test_recent_recorded),
		cmocka_unit_test(test_demo_copy),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
