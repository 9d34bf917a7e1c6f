/* Review files (schema 1) in and out: strict validation on load, a stable layout on save. */
#ifndef WAR_STORE_REVIEW_IO_H
#define WAR_STORE_REVIEW_IO_H

#include <stddef.h>

#include "model/qset.h"
#include "model/review.h"
#include "util/err.h"

/* Parses and validates review text; `file` names it in errors. With qs, question and
 * best-practice IDs are checked against the set and answers (and their selections) are
 * sorted into question-set order; with qs NULL those checks are skipped (e.g. to learn which
 * set a review needs). Returns 0 with *out newly allocated (free with review_free()), or -1
 * with *out NULL and err at file:line:column with what was expected. */
int review_parse(const char *file, const char *text, size_t len, const struct qset *qs,
                 struct review **out, struct wa_err *err);

/* Reads the file at path, then review_parse(). Same return convention. */
int review_load(const char *path, const struct qset *qs, struct review **out, struct wa_err *err);

/* The review as file text: keys in the documented order, unset fields left out, answers and
 * selections in question-set order when qs is given (else as stored). Returns newly
 * allocated text (free with free()), or NULL only if libyaml's emitter fails. */
char *review_format(const struct review *rv, const struct qset *qs);

/* Formats the review and writes it to path atomically (mode 0600, previous version kept as
 * "path~"). Returns 0, or -1 with err; on failure the file at path is unchanged. Changes to
 * a review are saved through review_edit_commit() (store/review_edit.h), which calls this
 * under the review's lock. */
int review_save(const char *path, const struct review *rv, const struct qset *qs,
                struct wa_err *err);

/* What review file text holds that a save leaves out (store/ydoc.h YDOC_* bits: comments
 * other than our header line, explicit tags, anchors); 0 for none. */
unsigned review_extras(const char *text, size_t len);

#endif
