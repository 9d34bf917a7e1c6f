#include "ui/session.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/recent.h"
#include "store/review_io.h"
#include "store/xdg.h"
#include "util/builtin.h"
#include "util/fsio.h"
#include "util/xalloc.h"

void session_init(struct session *s, const struct qset *qs)
{
	memset(s, 0, sizeof(*s));
	s->qs = qs;
}

void session_close(struct session *s)
{
	review_edit_close(&s->ed);
	free(s->shown);
	s->path = s->shown = NULL;
	s->rv = NULL;
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

/* Takes over an open edit, dropping the previous review. */
static void adopt(struct session *s, const struct review_edit *ed, bool demo)
{
	session_close(s);
	s->ed = *ed;
	s->path = s->ed.path;
	s->rv = s->ed.rv;
	s->shown = shown_path(s->path);
	s->demo = demo;
}

int session_open(struct session *s, const char *path, struct wa_err *err)
{
	struct review_edit ed;

	if (s->path && strcmp(s->path, path) == 0)
		return 0;
	if (review_edit_open(&ed, path, s->qs, err))
		return -1;
	adopt(s, &ed, false);
	remember(path);
	return 0;
}

/* Starts an edit of path with rv (taken) in place of what the file holds, and saves it;
 * create refuses an existing file. Returns 0, or -1 with err and nothing held. */
static int start_new(struct review_edit *ed, const char *path, const struct qset *qs,
                     struct review *rv, bool create, struct wa_err *err)
{
	if ((create ? review_edit_create : review_edit_replace)(ed, path, qs, rv, err))
		return -1;
	if (review_edit_commit(ed, err)) {
		review_edit_close(ed);
		return -1;
	}
	return 0;
}

int session_create(struct session *s, const char *path, struct wa_err *err)
{
	struct review_edit ed;
	struct review *rv;

	if (!*path)
		return err_set(err, NULL, 0, 0, "give a file name for the new review");
	/* Said before locking, with the wizard's way out; the edit checks again under the lock. */
	if (access(path, F_OK) == 0)
		return err_set(err, path, 0, 0, "already exists; open it instead (o)");
	rv = review_new();
	rv->set_id = xstrdup(s->qs->id);
	rv->framework_version = xstrdup(s->qs->framework_version);
	rv->wl.name = review_edit_default_name(path);
	if (start_new(&ed, path, s->qs, rv, true, err))
		return -1;
	adopt(s, &ed, false);
	remember(path);
	return 0;
}

/* Puts rv (taken: the built-in demo) in place of the demo the session holds, through the
 * session's own edit and lock. Returns 0, or -1 with err and the session as it was. */
static int reset_held(struct session *s, struct review *rv, struct wa_err *err)
{
	struct review *old = s->ed.rv;

	s->ed.rv = rv;
	if (review_edit_commit(&s->ed, err)) {
		s->ed.rv = old;
		review_free(rv);
		return -1;
	}
	review_free(old);
	s->rv = rv;
	s->save_failed = false;
	return 0;
}

int session_open_demo(struct session *s, bool reset, struct wa_err *err)
{
	const struct builtin_file *f = builtin_find("questions/demo/review.yaml");
	struct review_edit ed;
	struct review *rv = NULL;
	char *path = session_demo_path(err);
	bool have, fresh;
	int rc = -1;

	if (!path)
		return -1;
	if (!f) {
		err_set(err, NULL, 0, 0, "this binary has no demo review built in");
		goto out;
	}
	/* A lock is per open file, so resetting the demo we hold goes through our own edit. */
	have = s->demo && s->path && strcmp(s->path, path) == 0;
	if (have && !reset) {
		rc = 0;
		goto out;
	}
	fresh = reset || access(path, F_OK) != 0;
	/* The working copy starts as the built-in demo, written through the normal save so it
	 * reads back exactly like any review. */
	if (xdg_mkparents(path, err) ||
	    (fresh && review_parse("(built-in) demo review", f->data, f->len, s->qs, &rv, err)))
		goto out;
	if (have) {
		rc = reset_held(s, rv, err);
		goto out;
	}
	if (fresh && start_new(&ed, path, s->qs, rv, false, err))
		goto out;
	if (!fresh && review_edit_open(&ed, path, s->qs, err)) {
		size_t n = err ? strlen(err->msg) : 0;
		if (err)
			snprintf(err->msg + n, sizeof(err->msg) - n,
			         " (this is the demo's working copy: reset it from the Start "
			         "screen, or delete the file)");
		goto out;
	}
	adopt(s, &ed, true);
	rc = 0;
out:
	free(path);
	return rc;
}

char *session_keep_unsaved(struct session *s, struct wa_err *err)
{
	char *path = xasprintf("%s.unsaved", s->path), *text = review_format(s->rv, s->qs);

	if (!text || fsio_write_atomic(path, text, strlen(text), 0600, err)) {
		if (!text)
			err_set(err, path, 0, 0, "cannot format the review; nothing was written");
		free(text);
		free(path);
		return NULL;
	}
	free(text);
	return path;
}

int session_save(struct session *s, struct wa_err *err)
{
	if (!s->rv)
		return 0;
	s->save_failed = review_edit_commit(&s->ed, err) != 0;
	return s->save_failed ? -1 : 0;
}
