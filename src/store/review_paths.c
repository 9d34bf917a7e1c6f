#include "store/review_paths.h"

#include <libgen.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/fsio.h"
#include "util/xalloc.h"

/* The absolute name path finally leads to, for a file that need not exist yet: its
 * directory resolved, then its own name. Returns newly allocated text. */
static char *canonical(const char *path)
{
	char *target = fsio_resolve(path, NULL), *full, *d, *b, *dir;

	if (!target)
		return xstrdup(path);
	if ((full = realpath(target, NULL)) != NULL) {
		free(target);
		return full;
	}
	d = xstrdup(target);
	b = xstrdup(target);
	dir = realpath(dirname(d), NULL);
	full = dir ? xasprintf("%s/%s", dir, basename(b)) : xstrdup(target);
	free(dir);
	free(d);
	free(b);
	free(target);
	return full;
}

static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	char *ca, *cb;
	bool same;

	if (stat(a, &sa) == 0 && stat(b, &sb) == 0)
		return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
	ca = canonical(a);
	cb = canonical(b);
	same = strcmp(ca, cb) == 0;
	free(ca);
	free(cb);
	return same;
}

int review_paths_check(const char *review, const char *out, struct wa_err *err)
{
	char *target = fsio_resolve(review, NULL), *bak, *lock;
	int rc = 0;

	if (!target)
		target = xstrdup(review);
	bak = xasprintf("%s~", target);
	lock = xasprintf("%s.lock", target);
	if (same_file(out, target))
		rc = err_set(err, NULL, 0, 0, "%s would overwrite the review itself", out);
	else if (same_file(out, bak))
		rc = err_set(err, NULL, 0, 0,
		             "%s would overwrite the review's backup (%s, the version before the "
		             "last save)",
		             out, bak);
	else if (same_file(out, lock))
		rc = err_set(err, NULL, 0, 0, "%s would overwrite the review's lock file (%s)", out,
		             lock);
	free(target);
	free(bak);
	free(lock);
	return rc;
}
