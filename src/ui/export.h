/* The wizard's export key: what the one-line prompt means ("md", "report.html",
 * "csv plan.csv") and writing the report. No curses here, so the prompt's grammar is tested
 * directly. */
#ifndef WAR_UI_EXPORT_H
#define WAR_UI_EXPORT_H

#include "model/qset.h"
#include "model/review.h"
#include "report/report.h"
#include "util/err.h"

/* The path a report of the review at review_path gets by default: beside it, named after
 * it, "shop.yaml" -> "shop-report.md". Returns newly allocated text; free with free(). */
char *export_default_path(const char *review_path, enum report_format fmt);

/* The prompt's first text: "md PATH" with the default path. Newly allocated; free(). */
char *export_initial(const char *review_path);

/* Reads the prompt's answer: "[FORMAT] [PATH]". A leading format word (md, markdown, json,
 * csv, html) picks the format; without one, PATH's extension does, else Markdown. Without a
 * PATH, the default path for the format. Returns 0 with *fmt and *path (newly allocated;
 * free()), or -1 with err (an empty answer, a path ending in '/', more than two words). */
int export_parse(const char *text, const char *review_path, enum report_format *fmt, char **path,
                 struct wa_err *err);

/* Renders rv (read from review_path) as fmt and writes it atomically to path, no more open
 * than the review (fsio_mode_within). Returns 0, or -1 with err; a path that is the review,
 * its backup or its lock is refused (review_paths_check()) and nothing is written. */
int export_write(const struct qset *qs, const struct review *rv, const char *review_path,
                 enum report_format fmt, const char *path, struct wa_err *err);

#endif
