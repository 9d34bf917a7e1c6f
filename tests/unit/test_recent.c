/* Where wa-review keeps its own files (XDG directories) and the recent-reviews list. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "util/fsio.h"
#include "store/recent.h"
#include "store/xdg.h"
#include "util/xalloc.h"

static char dir[] = "/tmp/wa-recent-XXXXXX";

static int setup(void **state)
{
	(void)state;
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	int rc;

	(void)state;
	rc = system(cmd);
	free(cmd);
	return rc == 0 ? 0 : -1;
}

static void test_xdg_paths(void **state)
{
	struct wa_err err;
	char *p;
	(void)state;

	setenv("HOME", "/home/ana", 1);
	unsetenv("XDG_DATA_HOME");
	unsetenv("XDG_STATE_HOME");
	p = xdg_path(XDG_DATA, "demo.yaml", &err);
	assert_string_equal(p, "/home/ana/.local/share/wa-review/demo.yaml");
	free(p);
	p = xdg_path(XDG_STATE, "recent", &err);
	assert_string_equal(p, "/home/ana/.local/state/wa-review/recent");
	free(p);
	setenv("XDG_STATE_HOME", "/var/st", 1);
	p = xdg_path(XDG_STATE, "recent", &err);
	assert_string_equal(p, "/var/st/wa-review/recent");
	free(p);
	/* The spec says relative values are invalid and must be ignored. */
	setenv("XDG_DATA_HOME", "relative/dir", 1);
	p = xdg_path(XDG_DATA, "demo.yaml", &err);
	assert_string_equal(p, "/home/ana/.local/share/wa-review/demo.yaml");
	free(p);
	unsetenv("HOME");
	err_clear(&err);
	assert_null(xdg_path(XDG_DATA, "demo.yaml", &err));
	assert_non_null(strstr(err.msg, "XDG_DATA_HOME"));
	unsetenv("XDG_DATA_HOME");
	unsetenv("XDG_STATE_HOME");
}

static void test_mkparents(void **state)
{
	char *path = xasprintf("%s/a/b/c/file", dir), *sub = xasprintf("%s/a/b/c", dir);
	struct wa_err err;
	struct stat st;
	(void)state;

	assert_int_equal(xdg_mkparents(path, &err), 0);
	assert_int_equal(stat(sub, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(st.st_mode & 0777, 0700);
	assert_int_equal(xdg_mkparents(path, &err), 0); /* again: already there */
	free(path);
	free(sub);
	/* A file in the way is reported, naming it. */
	path = xasprintf("%s/a/b/c/file/x/y", dir);
	sub = xasprintf("%s/a/b/c/file", dir);
	assert_int_equal(fsio_write_atomic(sub, "x", 1, 0600, &err), 0);
	err_clear(&err);
	assert_int_equal(xdg_mkparents(path, &err), -1);
	assert_non_null(strstr(err.where, "file"));
	free(path);
	free(sub);
}

static void test_recent_order_and_cap(void **state)
{
	char *file = xasprintf("%s/state/wa-review/recent", dir);
	struct recent r, back;
	struct wa_err err;
	char path[64];
	(void)state;

	assert_int_equal(recent_load(file, &r, &err), 0); /* missing: empty */
	assert_int_equal(r.n, 0);
	for (int i = 0; i < RECENT_MAX + 3; i++) {
		snprintf(path, sizeof(path), "/reviews/r%d.yaml", i);
		recent_add(&r, path);
	}
	assert_int_equal(r.n, RECENT_MAX);
	assert_string_equal(r.paths[0], "/reviews/r12.yaml");
	assert_string_equal(r.paths[RECENT_MAX - 1], "/reviews/r3.yaml");
	/* Opening one again moves it to the front without a duplicate. */
	recent_add(&r, "/reviews/r5.yaml");
	assert_int_equal(r.n, RECENT_MAX);
	assert_string_equal(r.paths[0], "/reviews/r5.yaml");
	assert_string_equal(r.paths[1], "/reviews/r12.yaml");
	/* Only absolute paths without newlines: the file is one path a line. */
	recent_add(&r, "relative.yaml");
	recent_add(&r, "/bad\nname.yaml");
	assert_string_equal(r.paths[0], "/reviews/r5.yaml");
	recent_remove(&r, "/reviews/r12.yaml");
	assert_int_equal(r.n, RECENT_MAX - 1);
	assert_int_equal(recent_save(file, &r, &err), 0);
	assert_int_equal(recent_load(file, &back, &err), 0);
	assert_int_equal(back.n, r.n);
	for (size_t i = 0; i < r.n; i++)
		assert_string_equal(back.paths[i], r.paths[i]);
	recent_free(&back);
	recent_free(&r);
	free(file);
}

static void test_recent_skips_junk(void **state)
{
	char *file = xasprintf("%s/junk", dir);
	const char text[] = "/ok/one.yaml\n\nnot/absolute\n/ok/two.yaml\n";
	struct recent r;
	struct wa_err err;
	(void)state;

	assert_int_equal(fsio_write_atomic(file, text, sizeof(text) - 1, 0600, &err), 0);
	assert_int_equal(recent_load(file, &r, &err), 0);
	assert_int_equal(r.n, 2);
	assert_string_equal(r.paths[1], "/ok/two.yaml");
	recent_free(&r);
	free(file);
	/* A directory where the file should be is an error, not a crash. */
	err_clear(&err);
	assert_int_equal(recent_load(dir, &r, &err), -1);
	assert_true(err_isset(&err));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xdg_paths),
		cmocka_unit_test(test_mkparents),
		cmocka_unit_test(test_recent_order_and_cap),
		cmocka_unit_test(test_recent_skips_junk),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
