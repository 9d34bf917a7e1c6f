#include "store/review_edit.h"

#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/review_merge.h"
#include "store/review_io.h"
#include "store/ydoc.h"
#include "util/clock.h"
#include "util/err.h"
#include "util/fsio.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

enum mode { OPEN, CREATE, REPLACE };

/* Reads the file's bytes: 1 with *text, 0 when there is no file, -1 with err. */
static int read_file(const char *path, char **text, size_t *len, struct wa_err *err)
{
	struct stat st;

	*text = NULL;
	*len = 0;
	if (stat(path, &st) != 0 && errno == ENOENT)
		return 0;
	return fsio_read(path, FSIO_REVIEW, text, len, err) ? -1 : 1;
}

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
	if (mode == OPEN) {
		/* The bytes are kept: they are the common version if the file changes outside. */
		if (fsio_read(path, FSIO_REVIEW, &e->base, &e->base_len, err) ||
		    review_parse(path, e->base, e->base_len, qs, &rv, err))
			goto fail;
	}
	e->path = xstrdup(path);
	e->qs = qs;
	e->rv = rv;
	e->is_new = mode != OPEN;
	e->replace = mode == REPLACE;
	return 0;
fail:
	review_lock_release(e->lock);
	review_free(rv);
	free(e->base);
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

/* Forgets a conflict found earlier, with its decisions. */
static void drop_pending(struct review_edit *e)
{
	review_free(e->theirs);
	free(e->theirs_text);
	e->theirs = NULL;
	e->theirs_text = NULL;
	e->theirs_len = 0;
	review_parts_free(&e->conflicts);
	review_parts_free(&e->take_theirs);
	review_parts_free(&e->keep_mine);
}

void review_edit_decide(struct review_edit *e, const struct review_part *p, bool theirs)
{
	if (theirs && p->kind != PART_FILE)
		review_parts_add(&e->take_theirs, p->kind, p->key);
	else
		review_parts_add(&e->keep_mine, p->kind, p->key);
}

static int conflict(struct review_edit *e, struct wa_err *err)
{
	char names[300];

	if (!e->theirs)
		return err_set(err, e->path, 0, 0,
		               "was changed outside wa-review and no longer reads as a review; "
		               "nothing saved");
	return err_set(err, e->path, 0, 0,
	               "was changed outside wa-review, and %s differently here; nothing saved",
	               review_parts_names(&e->conflicts, names, sizeof(names)));
}

/* The file holds text (not what was last read or written here): merges its changes into
 * e->rv. Returns 0, or -1 with err and e->conflicts set. */
static int merge_outside(struct review_edit *e, char *text, size_t len, struct wa_err *err)
{
	struct review *base = NULL;
	struct review_merge m;
	struct wa_err perr;
	int rc;

	e->outside = true;
	/* Decisions were made about the file's text then: they hold only while it stays. */
	if (e->theirs_text && (e->theirs_len != len || memcmp(e->theirs_text, text, len) != 0))
		drop_pending(e);
	if (!e->theirs_text) {
		e->theirs_text = text;
		e->theirs_len = len;
		err_clear(&perr);
		if (review_parse(e->path, text, len, e->qs, &e->theirs, &perr)) {
			char why[600];
			review_parts_add(&e->conflicts, PART_FILE, NULL);
			err_format(&perr, why, sizeof(why));
			return err_set(err, e->path, 0, 0,
			               "was changed outside wa-review and no longer reads (%s); "
			               "nothing saved",
			               why);
		}
	} else {
		free(text);
	}
	if (!e->theirs) {
		/* Unreadable, and decided: ours replaces it (its text goes to FILE~). */
		if (review_parts_has(&e->keep_mine, &(struct review_part){ PART_FILE, NULL }))
			return 0;
		return conflict(e, err);
	}
	/* What was last read or written here always parsed: it is ours or was checked. */
	if (e->base)
		review_parse(e->path, e->base, e->base_len, e->qs, &base, NULL);
	rc = review_merge(base, e->rv, e->theirs, &e->take_theirs, &e->keep_mine, &m);
	review_free(base);
	review_parts_free(&e->conflicts);
	e->conflicts = m.conflicts;
	review_parts_free(&e->merged);
	e->merged = m.taken;
	return rc ? conflict(e, err) : 0;
}

/* The one notice of what a save left out: the file it replaced is FILE~ until the next. */
static void say_dropped(const char *path, unsigned what)
{
	const char *names[3];
	struct sbuf list = { 0 };
	size_t n = 0;

	if (what & YDOC_COMMENTS)
		names[n++] = "comments";
	if (what & YDOC_TAGS)
		names[n++] = "tags";
	if (what & YDOC_ANCHORS)
		names[n++] = "anchors";
	for (size_t i = 0; i < n; i++) {
		if (i)
			sbuf_puts(&list, i == n - 1 ? " and " : ", ");
		sbuf_puts(&list, names[i]);
	}
	err_notice("%s: %s are not kept; the file as it was is in %s~", path, list.buf, path);
	sbuf_free(&list);
}

int review_edit_commit(struct review_edit *e, struct wa_err *err)
{
	struct review *rv = e->rv;
	char *was_created = rv->created, *was_updated = rv->updated, now[32], *text, *out;
	unsigned dropped = 0;
	size_t len;
	int rc;

	e->outside = false;
	e->dropped = 0;
	review_parts_free(&e->merged);
	if (!e->replace) {
		rc = read_file(e->path, &text, &len, err);
		if (rc < 0)
			return -1;
		if (rc > 0)
			dropped = review_extras(text, len);
		/* A file removed outside is simply written again: nothing of it is left to keep. */
		if (rc > 0 && (!e->base || len != e->base_len || memcmp(text, e->base, len) != 0)) {
			if (merge_outside(e, text, len, err))
				return -1;
		} else {
			free(text);
		}
	}
	/* Every save records a change, so this is when the review last changed. */
	clock_iso(clock_now(), now, sizeof(now));
	rv->updated = xstrdup(now);
	if (e->is_new && !was_created)
		rv->created = xstrdup(now);
	out = review_format(rv, e->qs);
	if (!out)
		err_set(err, e->path, 0, 0, "cannot format the review; nothing was written");
	if (!out || fsio_write_atomic(e->path, out, strlen(out), 0600, err)) {
		if (rv->created != was_created)
			free(rv->created);
		free(rv->updated);
		rv->created = was_created;
		rv->updated = was_updated;
		free(out);
		return -1;
	}
	free(was_updated);
	free(e->base);
	e->base = out;
	e->base_len = strlen(out);
	drop_pending(e);
	e->is_new = false;
	e->replace = false;
	if ((e->dropped = dropped))
		say_dropped(e->path, dropped);
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
	free(e->base);
	review_parts_free(&e->merged);
	drop_pending(e);
	memset(e, 0, sizeof(*e));
}
