/* libFuzzer target: the review-file parser against the built-in question set, and the scan
 * for what a save would drop (comments, tags, anchors). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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
		char *text;

		/* What loads must also save: format it to exercise the emitter. What we write
		 * has nothing a save would drop: no comment but the header, no tag, no anchor. */
		text = review_format(rv, qs);
		if (text && review_extras(text, strlen(text)))
			abort();
		free(text);
		review_free(rv);
	}
	/* Asked of every file a save replaces, readable or not. */
	(void)review_extras((const char *)data, size);
	return 0;
}
