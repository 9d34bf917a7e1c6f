/* libFuzzer target: the question-set loader on an arbitrary area file (with a fixed
 * set.yaml naming it). `make fuzz` runs it; crashes go to tests/fuzz/regressions/. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "model/qset.h"
#include "store/qset_load.h"
#include "util/err.h"
#include "util/xalloc.h"

struct fuzz_src {
	const uint8_t *data;
	size_t size;
};

static int fuzz_source(void *ctx, const char *name, char **text, size_t *len, const char **label,
                       struct wa_err *err)
{
	static const char set[] = "set:\n  id: f\n  name: F\n  pillar: reliability\n"
	                          "  framework_version: \"1\"\n  areas: [a.yaml]\n";
	struct fuzz_src *s = ctx;

	(void)err;
	*label = name;
	if (!strcmp(name, "set.yaml")) {
		*text = xstrdup(set);
		*len = sizeof(set) - 1;
	} else {
		*text = xstrndup((const char *)s->data, s->size);
		*len = s->size;
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_src s = { data, size };
	struct qset *qs = NULL;
	struct wa_err err;

	err_clear(&err);
	if (qset_load(fuzz_source, &s, &qs, &err) == 0)
		qset_free(qs);
	return 0;
}
