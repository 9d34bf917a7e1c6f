/* Loading and validating a question set (questions/set.yaml and the area files it lists),
 * from a directory or from the copy built into the binary; both take the same path. */
#ifndef WAR_STORE_QSET_LOAD_H
#define WAR_STORE_QSET_LOAD_H

#include <stddef.h>

#include "model/qset.h"
#include "util/err.h"

/* Supplies a file of the set by name ("set.yaml", "foundations.yaml"). Returns 0 with
 * *text (newly allocated, NUL-terminated; the loader frees it) and *label (borrowed, names
 * the file in errors), or -1 with err. */
typedef int (*qset_source_fn)(void *ctx, const char *name, char **text, size_t *len,
                              const char **label, struct wa_err *err);

/* Loads and validates a set. Returns 0 with *out (free with qset_free()), or -1 with err
 * naming file:line:column. */
int qset_load(qset_source_fn src, void *ctx, struct qset **out, struct wa_err *err);

/* The same, reading DIR/set.yaml and its area files. */
int qset_load_dir(const char *dir, struct qset **out, struct wa_err *err);

/* The same, from the set compiled into the binary. */
int qset_load_builtin(struct qset **out, struct wa_err *err);

#endif
