#include "store/review_edit.h"

#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/review_io.h"
#include "util/clock.h"
#include "util/xalloc.h"

enum mode { OPEN, CREATE, REPLACE };

static int begin(struct review_edit *e, const char *path, const struct qset *qs, struct review *rv,
                 enum mode mode, struct wa_err *err)
{
	memset(e, 0, sizeof(*e));
	if (review_lock_acquire(path, &e->lock, err))
		goto fail;
	/* Checked under the lock, so two creators cannot both find the name free. */
	if (mode == CREATE && access(path, F_OK) == 0) {
		err_set(err, path, 0, 0, "already exists; not overwriting it");
		goto fail;
	}
	if (mode == OPEN && review_load(path, qs, &rv, err))
		goto fail;
	e->path = xstrdup(path);
	e->qs = qs;
	e->rv = rv;
	e->is_new = mode != OPEN;
	return 0;
fail:
	review_lock_release(e->lock);
	review_free(rv);
	memset(e, 0, sizeof(*e));
	return -1;
}

int review_edit_open(struct review_edit *e, const char *path, const struct qset *qs,
                     struct wa_err *err)
{
	return begin(e, path, qs, NULL, OPEN, err);
}

int review_edit_create(struct review_edit *e, const char *path, const struct qset *qs,
                       struct review *rv, struct wa_err *err)
{
	return begin(e, path, qs, rv, CREATE, err);
}

int review_edit_replace(struct review_edit *e, const char *path, const struct qset *qs,
                        struct review *rv, struct wa_err *err)
{
	return begin(e, path, qs, rv, REPLACE, err);
}

int review_edit_commit(struct review_edit *e, struct wa_err *err)
{
	struct review *rv = e->rv;
	char *was_created = rv->created, *was_updated = rv->updated, now[32];

	/* Every save records a change, so this is when the review last changed. */
	clock_iso(clock_now(), now, sizeof(now));
	rv->updated = xstrdup(now);
	if (e->is_new && !was_created)
		rv->created = xstrdup(now);
	if (review_save(e->path, rv, e->qs, err)) {
		if (rv->created != was_created)
			free(rv->created);
		free(rv->updated);
		rv->created = was_created;
		rv->updated = was_updated;
		return -1;
	}
	free(was_updated);
	e->is_new = false;
	return 0;
}

char *review_edit_default_name(const char *path)
{
	char *copy = xstrdup(path), *base = xstrdup(basename(copy));
	size_t n = strlen(base);

	if (n > 5 && strcmp(base + n - 5, ".yaml") == 0)
		base[n - 5] = '\0';
	else if (n > 4 && strcmp(base + n - 4, ".yml") == 0)
		base[n - 4] = '\0';
	free(copy);
	return base;
}

void review_edit_close(struct review_edit *e)
{
	review_lock_release(e->lock);
	review_free(e->rv);
	free(e->path);
	memset(e, 0, sizeof(*e));
}
