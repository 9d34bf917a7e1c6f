/* libFuzzer target: the review-file parser against the built-in question set. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "model/qset.h"
#include "model/review.h"
#include "store/qset_load.h"
#include "store/review_io.h"
#include "util/err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct qset *qs;
	struct review *rv = NULL;
	struct wa_err err;

	err_clear(&err);
	if (!qs && qset_load_builtin(&qs, &err))
		abort();
	if (review_parse("fuzz.yaml", (const char *)data, size, qs, &rv, &err) == 0) {
		/* What loads must also save: format it to exercise the emitter. */
		free(review_format(rv, qs));
		review_free(rv);
	}
	return 0;
}
