/* Where wa-review keeps its own files, per the XDG base directory convention: data (the
 * demo review's working copy) and state (the recent-reviews list). */
#ifndef WAR_STORE_XDG_H
#define WAR_STORE_XDG_H

#include "util/err.h"

enum xdg_kind {
	XDG_DATA,  /* $XDG_DATA_HOME, default ~/.local/share */
	XDG_STATE, /* $XDG_STATE_HOME, default ~/.local/state */
};

/* The path of name under the kind's directory and "wa-review/": e.g.
 * ~/.local/share/wa-review/demo.yaml. A relative XDG_*_HOME is ignored, as the spec says.
 * Returns a newly allocated path (free with free()), or NULL with err when neither the
 * variable nor HOME gives an absolute directory. */
char *xdg_path(enum xdg_kind kind, const char *name, struct wa_err *err);

/* Creates the directories above path that are missing, with mode 0700. Returns 0 or -1
 * with err naming the directory. */
int xdg_mkparents(const char *path, struct wa_err *err);

#endif
