/* Engine errors: the kind travels in the message ("invalid-type error at column 3: ..."),
 * so callers keep the one error record every layer uses. */
#include "jmespath/jmespath_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const kind_names[] = {
	[JMESPATH_OK] = "ok",
	[JMESPATH_ERR_SYNTAX] = "syntax",
	[JMESPATH_ERR_INVALID_TYPE] = "invalid-type",
	[JMESPATH_ERR_INVALID_VALUE] = "invalid-value",
	[JMESPATH_ERR_INVALID_ARITY] = "invalid-arity",
	[JMESPATH_ERR_UNKNOWN_FUNCTION] = "unknown-function",
	[JMESPATH_ERR_LIMIT] = "limit",
	[JMESPATH_ERR_UNDEFINED_VARIABLE] = "undefined-variable",
};

const char *jmespath_errkind_name(enum jmespath_errkind kind)
{
	if ((unsigned)kind >= sizeof(kind_names) / sizeof(kind_names[0]))
		return "unknown";
	return kind_names[kind];
}

enum jmespath_errkind jmespath_errkind(const struct wa_err *err)
{
	if (!err_isset(err))
		return JMESPATH_OK;
	for (size_t k = JMESPATH_ERR_SYNTAX; k < sizeof(kind_names) / sizeof(kind_names[0]); k++) {
		size_t n = strlen(kind_names[k]);

		if (strncmp(err->msg, kind_names[k], n) == 0 &&
		    strncmp(err->msg + n, " error", 6) == 0)
			return (enum jmespath_errkind)k;
	}
	return JMESPATH_OK;
}

int jp_fail(struct wa_err *err, enum jmespath_errkind kind, int col, const char *fmt, ...)
{
	char detail[900];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	if (col > 0)
		return err_set(err, "", 0, col, "%s error at column %d: %s",
		               jmespath_errkind_name(kind), col, detail);
	return err_set(err, "", 0, 0, "%s error: %s", jmespath_errkind_name(kind), detail);
}
