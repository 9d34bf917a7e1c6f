#include "util/strv.h"

#include <stdlib.h>

#include "util/xalloc.h"

char **strv_dup(char *const *v, size_t n)
{
	char **out = n ? xcalloc(n, sizeof(*out)) : NULL;

	for (size_t i = 0; i < n; i++)
		out[i] = xstrdup(v[i]);
	return out;
}

void strv_free(char **v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}
