/* Whole-file reads and crash-safe whole-file writes. */
#ifndef WAR_UTIL_FSIO_H
#define WAR_UTIL_FSIO_H

#include <stddef.h>
#include <sys/types.h>

#include "util/err.h"

/* What is being read: each kind has a size cap (fsio_cap()) far above any real file of
 * that kind, so a stray huge or endless input is refused with an error naming the cap. */
enum fsio_kind {
	FSIO_REVIEW,    /* a review file: 64 MiB */
	FSIO_QUESTIONS, /* one file of a question set: 8 MiB */
	FSIO_THEME,     /* a theme: 1 MiB */
	FSIO_INVENTORY, /* a component inventory: 16 MiB */
	FSIO_INCIDENTS, /* an incident log: 16 MiB */
	FSIO_JSON,      /* a JSON document for `query`: 256 MiB */
	FSIO_PARAMS,    /* request parameters (--cli-input-json file://): 1 MiB */
	FSIO_LOCK,      /* a review's lock file: 4 KiB */
	FSIO_OTHER,     /* AWS settings and tokens, the recent list, fixtures: 16 MiB */
};

/* The most bytes a file of this kind may hold. */
size_t fsio_cap(enum fsio_kind kind);

/* The one way wa-review reads a whole file. Reads the regular file at path, checking its
 * type before opening it, so a FIFO or a device is refused at once instead of blocking or
 * streaming forever. Returns 0 with *buf newly allocated and NUL-terminated (free with
 * free()) and *len its length without the NUL; or -1 with err naming the path and the
 * reason ("cannot open: ...", "not a regular file (a FIFO)", "too large: over the 8 MiB
 * limit for a question set file"). */
int fsio_read(const char *path, enum fsio_kind kind, char **buf, size_t *len, struct wa_err *err);

/* fsio_read() for a stream that is already open (standard input: a pipe is fine there), from
 * its current position to its end, at most the kind's cap; name is for errors. Same
 * results; the caller keeps fd. */
int fsio_read_fd(int fd, const char *name, enum fsio_kind kind, char **buf, size_t *len,
                 struct wa_err *err);

/* fsio_read(path, FSIO_OTHER, ...). */
int fsio_read_file(const char *path, char **buf, size_t *len, struct wa_err *err);

/* Checks that the open fd is a regular file. Returns 0, or -1 with err naming `name` and
 * what it is instead ("not a regular file (a FIFO)"). */
int fsio_check_regular(int fd, const char *name, struct wa_err *err);

/* Replaces the file at path with data, so that at every instant path holds either the old
 * or the new content in full: a temporary file in the same directory is written, synced and
 * renamed over path, then the directory is synced. The previous content stays as "path~".
 * Permissions: a file that exists keeps its own (the user's choice, even one the umask would
 * not give); a new file gets `mode` less the umask, from the moment it is created. If path
 * is a symbolic link, its target is replaced and the link kept. Returns 0, or -1 with err;
 * on failure path is untouched and the temporary file is removed. */
int fsio_write_atomic(const char *path, const void *data, size_t len, mode_t mode,
                      struct wa_err *err);

/* fsio_write_atomic() for a file that must never be more open than `mode` (a report, which
 * holds the review's notes): an existing file's permissions are narrowed to mode, and so
 * are those of its ~ backup (kept narrowed if the rename then fails); a new file gets mode
 * less the umask. */
int fsio_write_atomic_within(const char *path, const void *data, size_t len, mode_t mode,
                             struct wa_err *err);

/* `mode` with group and others' permissions only where the file at path gives them too:
 * for a report, no more open than the review it is made from. mode itself when path is
 * NULL (the built-in demo) or cannot be read. */
mode_t fsio_mode_within(const char *path, mode_t mode);

/* The file a path finally names after following symbolic links (even a dangling last
 * link), or path itself when it is not a link. Returns a newly allocated string (free with
 * free()), or NULL with err when the links loop or cannot be read. */
char *fsio_resolve(const char *path, struct wa_err *err);

#endif
