/* Replays every input the fuzzers once crashed on (tests/fuzz/regressions/NAME-ID, NAME
 * being the target) through the same entry points, so a fixed crash stays fixed. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/fsio.h"

#define LLVMFuzzerTestOneInput fuzz_qset_one
#include "../fuzz/fuzz_qset.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_review_one
#include "../fuzz/fuzz_review.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_proto_one
#include "../fuzz/fuzz_proto.c"
#undef LLVMFuzzerTestOneInput

static void test_replay(void **state)
{
	(void)state;
	const char *dir = "tests/fuzz/regressions";
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d))) {
		char path[512], *buf;
		size_t len;
		struct wa_err err;
		int (*one)(const uint8_t *, size_t) = NULL;

		if (!strncmp(e->d_name, "fuzz_qset-", 10))
			one = fuzz_qset_one;
		else if (!strncmp(e->d_name, "fuzz_review-", 12))
			one = fuzz_review_one;
		else if (!strncmp(e->d_name, "fuzz_proto-", 11))
			one = fuzz_proto_one;
		if (!one)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		assert_int_equal(fsio_read_file(path, &buf, &len, &err), 0);
		one((const uint8_t *)buf, len);
		free(buf);
		n++;
	}
	closedir(d);
	print_message("replayed %d fuzz regressions\n", n);
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(test_replay) };
	return cmocka_run_group_tests_name("fuzz_regressions", tests, NULL, NULL);
}
