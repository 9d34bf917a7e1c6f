/* The review being edited: its file, its edit lock, and the one way changes reach the disk.
 * The wizard keeps one session; opening another review releases the first only once the new
 * one is safely open. No screen here. */
#ifndef WAR_UI_SESSION_H
#define WAR_UI_SESSION_H

#include <stdbool.h>

#include "model/qset.h"
#include "model/review.h"
#include "store/review_edit.h"
#include "util/err.h"

struct session {
	const struct qset *qs; /* borrowed: the set every review is checked against */
	struct review_edit ed; /* the open review, locked for the session's life; empty while
	                        * none is open */
	char *path;            /* ed.path, for the screens; NULL while none is open */
	struct review *rv;     /* ed.rv, for the screens; NULL while none is open */
	char *shown;           /* path as shown: "~/…" under HOME */
	bool demo;             /* path is the demo review's working copy */
	bool save_failed;      /* the last save failed: the file lags behind the screen */
};

/* Starts an empty session over qs. */
void session_init(struct session *s, const struct qset *qs);

/* Locks and loads the review at path, then releases the previous one and records path in
 * the recent list. Returns 0, or -1 with err (the lock's "being edited by another
 * wa-review" message, or where the file is wrong) and the session unchanged. */
int session_open(struct session *s, const char *path, struct wa_err *err);

/* Creates a new review at path (refusing an existing file) for the set, named after the file,
 * and opens it. Same return convention. */
int session_create(struct session *s, const char *path, struct wa_err *err);

/* Opens the demo review's working copy (session_demo_path()), first making it from the
 * built-in demo when it is missing or when reset is true; the built-in one is never
 * changed. Same return convention. */
int session_open_demo(struct session *s, bool reset, struct wa_err *err);

/* Saves the review (review_edit_commit(): atomically, its `updated` time set to now).
 * Returns 0, or -1 with err and save_failed set, the file then holding the last good save. */
int session_save(struct session *s, struct wa_err *err);

/* Writes the review as the session has it to "PATH.unsaved" (mode 0600), for when the last
 * save failed and the session ends: nothing the user did is dropped silently. Returns the
 * file's name (newly allocated), or NULL with err. */
char *session_keep_unsaved(struct session *s, struct wa_err *err);

/* Releases the lock and frees the review; the session can open another. */
void session_close(struct session *s);

/* Where the demo's working copy lives: $XDG_DATA_HOME/wa-review/demo.yaml. Returns newly
 * allocated text, or NULL with err. */
char *session_demo_path(struct wa_err *err);

/* The recent-reviews list's file: $XDG_STATE_HOME/wa-review/recent. Same convention. */
char *session_recent_path(struct wa_err *err);

#endif
