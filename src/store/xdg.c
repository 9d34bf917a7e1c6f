#include "store/xdg.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/xalloc.h"

char *xdg_path(enum xdg_kind kind, const char *name, struct wa_err *err)
{
	const char *var = kind == XDG_DATA ? "XDG_DATA_HOME" : "XDG_STATE_HOME";
	const char *dflt = kind == XDG_DATA ? ".local/share" : ".local/state";
	const char *dir = getenv(var), *home = getenv("HOME");

	if (dir && dir[0] == '/')
		return xasprintf("%s/wa-review/%s", dir, name);
	if (home && home[0] == '/')
		return xasprintf("%s/%s/wa-review/%s", home, dflt, name);
	err_set(err, NULL, 0, 0, "neither %s nor HOME is set to an absolute directory", var);
	return NULL;
}

int xdg_mkparents(const char *path, struct wa_err *err)
{
	char *copy = xstrdup(path);
	int rc = 0;

	for (char *p = copy + 1; *p && !rc; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0700) != 0 && errno != EEXIST)
			rc = err_set(err, copy, 0, 0, "cannot create the directory: %s",
			             strerror(errno));
		*p = '/';
	}
	free(copy);
	return rc;
}
