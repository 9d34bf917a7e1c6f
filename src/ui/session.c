#include "ui/session.h"

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/builtin.h"
#include "store/recent.h"
#include "store/review_io.h"
#include "store/xdg.h"
#include "util/clock.h"
#include "util/xalloc.h"

void session_init(struct session *s, const struct qset *qs)
{
	memset(s, 0, sizeof(*s));
	s->qs = qs;
}

void session_close(struct session *s)
{
	review_lock_release(s->lock);
	review_free(s->rv);
	free(s->path);
	free(s->shown);
	s->lock = NULL;
	s->rv = NULL;
	s->path = s->shown = NULL;
	s->demo = false;
	s->save_failed = false;
}

char *session_demo_path(struct wa_err *err)
{
	return xdg_path(XDG_DATA, "demo.yaml", err);
}

char *session_recent_path(struct wa_err *err)
{
	return xdg_path(XDG_STATE, "recent", err);
}

static char *shown_path(const char *path)
{
	const char *home = getenv("HOME");
	size_t n = home ? strlen(home) : 0;

	if (n > 1 && strncmp(path, home, n) == 0 && path[n] == '/')
		return xasprintf("~%s", path + n);
	return xstrdup(path);
}

/* Remembering recent reviews is a convenience: failing at it must not stop the work. */
static void remember(const char *path)
{
	char *file = session_recent_path(NULL), *abs = realpath(path, NULL);
	struct recent r;

	if (file && abs && recent_load(file, &r, NULL) == 0) {
		recent_add(&r, abs);
		recent_save(file, &r, NULL);
		recent_free(&r);
	}
	free(abs);
	free(file);
}

/* Takes over a loaded review and its lock, dropping the previous one. */
static void adopt(struct session *s, const char *path, struct review *rv, struct review_lock *lock,
                  bool demo)
{
	session_close(s);
	s->path = xstrdup(path);
	s->shown = shown_path(path);
	s->rv = rv;
	s->lock = lock;
	s->demo = demo;
}

int session_open(struct session *s, const char *path, struct wa_err *err)
{
	struct review_lock *lock = NULL;
	struct review *rv = NULL;

	if (s->path && strcmp(s->path, path) == 0)
		return 0;
	if (review_lock_acquire(path, &lock, err))
		return -1;
	if (review_load(path, s->qs, &rv, err)) {
		review_lock_release(lock);
		return -1;
	}
	adopt(s, path, rv, lock, false);
	remember(path);
	return 0;
}

/* "reviews/checkout.yaml" -> "checkout"; newly allocated. */
static char *name_from(const char *path)
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

int session_create(struct session *s, const char *path, struct wa_err *err)
{
	struct review_lock *lock = NULL;
	struct review *rv;
	char now[32];

	if (!*path)
		return err_set(err, NULL, 0, 0, "give a file name for the new review");
	if (access(path, F_OK) == 0)
		return err_set(err, path, 0, 0, "already exists; open it instead (o)");
	if (review_lock_acquire(path, &lock, err))
		return -1;
	rv = review_new();
	rv->set_id = xstrdup(s->qs->id);
	rv->framework_version = xstrdup(s->qs->framework_version);
	rv->created = xstrdup(clock_iso(clock_now(), now, sizeof(now)));
	rv->updated = xstrdup(now);
	rv->wl.name = name_from(path);
	if (review_save(path, rv, s->qs, err)) {
		review_free(rv);
		review_lock_release(lock);
		return -1;
	}
	adopt(s, path, rv, lock, false);
	remember(path);
	return 0;
}

int session_open_demo(struct session *s, bool reset, struct wa_err *err)
{
	const struct builtin_file *f = builtin_find("questions/demo/review.yaml");
	struct review_lock *lock = NULL;
	struct review *rv = NULL;
	char *path = session_demo_path(err);
	bool have;
	int rc = -1;

	if (!path)
		return -1;
	if (!f) {
		err_set(err, NULL, 0, 0, "this binary has no demo review built in");
		goto out;
	}
	/* A lock is per open file, so reopening the demo we hold must reuse our lock. */
	have = s->demo && s->path && strcmp(s->path, path) == 0;
	if (have && !reset) {
		rc = 0;
		goto out;
	}
	if (xdg_mkparents(path, err) || (!have && review_lock_acquire(path, &lock, err)))
		goto out;
	if (reset || access(path, F_OK) != 0) {
		/* The working copy starts as the built-in demo, written through the normal save
		 * so it reads back exactly like any review. */
		if (review_parse("(built-in) demo review", f->data, f->len, s->qs, &rv, err) ||
		    review_save(path, rv, s->qs, err))
			goto out;
	} else if (review_load(path, s->qs, &rv, err)) {
		size_t n = err ? strlen(err->msg) : 0;
		if (err)
			snprintf(err->msg + n, sizeof(err->msg) - n,
			         " (this is the demo's working copy: reset it from the Start "
			         "screen, or "
			         "delete the file)");
		goto out;
	}
	if (have) {
		lock = s->lock;
		s->lock = NULL;
	}
	adopt(s, path, rv, lock, true);
	rv = NULL;
	lock = NULL;
	rc = 0;
out:
	review_free(rv);
	review_lock_release(lock);
	free(path);
	return rc;
}

int session_save(struct session *s, struct wa_err *err)
{
	char now[32];

	if (!s->rv)
		return 0;
	/* Every save records a change, so this is when the review last changed. */
	free(s->rv->updated);
	s->rv->updated = xstrdup(clock_iso(clock_now(), now, sizeof(now)));
	if (review_save(s->path, s->rv, s->qs, err)) {
		s->save_failed = true;
		return -1;
	}
	s->save_failed = false;
	return 0;
}
