/* libFuzzer target: the calculator's expression evaluator. Whatever it accepts must lie in
 * [0,1]; whatever it refuses must say where (line 1, a column inside the text or just after
 * it). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/avail.h"
#include "util/err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *expr = malloc(size + 1);
	struct wa_err err;
	double v;

	if (!expr)
		return 0;
	memcpy(expr, data, size);
	expr[size] = '\0';
	err_clear(&err);
	if (avail_eval(expr, &v, &err) == 0) {
		if (!(v >= 0 && v <= 1))
			abort();
	} else if (err.line != 1 || err.col < 1 || (size_t)err.col > size + 1) {
		abort();
	}
	free(expr);
	return 0;
}
