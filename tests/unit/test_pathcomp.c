/* File names in the wizard's prompts: ~ expands to the home directory, and Tab completes
 * against what is on disk as a shell does (a single match whole, a directory with its '/',
 * several as far as they agree, with the choices listed; hidden files only when asked). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "ui/pathcomp.h"
#include "util/xalloc.h"

static char dir[] = "/tmp/wa-pathcomp-XXXXXX";

static void touch(const char *name)
{
	char *p = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(p, "w");

	assert_non_null(f);
	fclose(f);
	free(p);
}

static int setup(void **state)
{
	char *sub;
	(void)state;

	if (!mkdtemp(dir))
		return -1;
	touch("shop.yaml");
	touch("shipping.yaml");
	touch("notes.txt");
	touch(".hidden.yaml");
	sub = xasprintf("%s/drafts", dir);
	mkdir(sub, 0700);
	free(sub);
	setenv("HOME", dir, 1);
	return 0;
}

static int teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	int rc = system(cmd);
	(void)state;

	free(cmd);
	return rc == 0 ? 0 : -1;
}

static void test_expand(void **state)
{
	char *s, *want;
	(void)state;

	s = pathcomp_expand("~/reviews/a.yaml");
	want = xasprintf("%s/reviews/a.yaml", dir);
	assert_string_equal(s, want);
	free(s);
	free(want);
	s = pathcomp_expand("~");
	assert_string_equal(s, dir);
	free(s);
	/* root's home comes from the password file. */
	s = pathcomp_expand("~root/x");
	assert_string_equal(s, "/root/x");
	free(s);
	/* Nothing to expand: as it is. */
	s = pathcomp_expand("~nosuchuser-wa/x");
	assert_string_equal(s, "~nosuchuser-wa/x");
	free(s);
	s = pathcomp_expand("a/~/b");
	assert_string_equal(s, "a/~/b");
	free(s);
}

static void test_complete(void **state)
{
	struct pathcomp pc;
	(void)state;

	/* One match: whole. */
	assert_int_equal(pathcomp_complete("~/sho", &pc), 1);
	assert_string_equal(pc.word, "~/shop.yaml");
	assert_null(pc.choices);
	pathcomp_free(&pc);
	/* A directory gets its '/', so the next Tab goes into it. */
	assert_int_equal(pathcomp_complete("~/d", &pc), 1);
	assert_string_equal(pc.word, "~/drafts/");
	pathcomp_free(&pc);
	/* Several: as far as they agree, with the choices in order. */
	assert_int_equal(pathcomp_complete("~/s", &pc), 2);
	assert_string_equal(pc.word, "~/sh");
	assert_string_equal(pc.choices, "shipping.yaml  shop.yaml");
	pathcomp_free(&pc);
	/* Hidden files only when the word asks for them. */
	assert_int_equal(pathcomp_complete("~/", &pc), 4);
	assert_null(strstr(pc.choices, ".hidden"));
	pathcomp_free(&pc);
	assert_int_equal(pathcomp_complete("~/.h", &pc), 1);
	assert_string_equal(pc.word, "~/.hidden.yaml");
	pathcomp_free(&pc);
	/* Nothing matches: the word as it was. */
	assert_int_equal(pathcomp_complete("~/zzz", &pc), 0);
	assert_string_equal(pc.word, "~/zzz");
	pathcomp_free(&pc);
	assert_int_equal(pathcomp_complete("/no/such/dir/x", &pc), 0);
	pathcomp_free(&pc);
	/* "~" alone is the home directory. */
	assert_int_equal(pathcomp_complete("~", &pc), 1);
	assert_string_equal(pc.word, "~/");
	pathcomp_free(&pc);
	/* Absolute names complete as typed. */
	{
		char *word = xasprintf("%s/no", dir), *want = xasprintf("%s/notes.txt", dir);
		assert_int_equal(pathcomp_complete(word, &pc), 1);
		assert_string_equal(pc.word, want);
		pathcomp_free(&pc);
		free(word);
		free(want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_expand),
		cmocka_unit_test(test_complete),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
