/* Whole-file reads and crash-safe whole-file writes. */
#ifndef WAR_UTIL_FSIO_H
#define WAR_UTIL_FSIO_H

#include <stddef.h>
#include <sys/types.h>

#include "util/err.h"

/* Files larger than this are refused on reading: no review or question file comes close. */
#define FSIO_MAX_READ (64u * 1024 * 1024)

/* Reads the whole regular file at path. Returns 0 with *buf newly allocated and
 * NUL-terminated (free with free()) and *len its length without the NUL; or -1 with err
 * naming the path and the reason (strerror, not a regular file, too large). */
int fsio_read_file(const char *path, char **buf, size_t *len, struct wa_err *err);

/* Replaces the file at path with data, so that at every instant path holds either the old
 * or the new content in full: a temporary file in the same directory is written, synced and
 * renamed over path, then the directory is synced. The previous content stays as "path~".
 * The file gets permissions `mode` (e.g. 0600). If path is a symbolic link, its target is
 * replaced and the link kept. Returns 0, or -1 with err; on failure path is untouched and
 * the temporary file is removed. */
int fsio_write_atomic(const char *path, const void *data, size_t len, mode_t mode,
                      struct wa_err *err);

/* The file a path finally names after following symbolic links (even a dangling last
 * link), or path itself when it is not a link. Returns a newly allocated string (free with
 * free()), or NULL with err when the links loop or cannot be read. */
char *fsio_resolve(const char *path, struct wa_err *err);

#endif
