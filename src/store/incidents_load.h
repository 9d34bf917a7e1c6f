/* Reading an incident log to import into a review: YAML or CSV. */
#ifndef WAR_STORE_INCIDENTS_LOAD_H
#define WAR_STORE_INCIDENTS_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "model/review.h"
#include "util/err.h"

/* Parses an incident log; `file` names it in errors. YAML: a list of incidents (date,
 * duration, impact, note), or a mapping whose `incidents` key holds one. CSV (RFC 4180,
 * UTF-8): a header row naming the columns date and duration, optionally impact and note, in
 * any order; one incident per row; an empty impact means full. Returns 0 with *out newly
 * allocated (count items; incident_clear() each, then free the array), or -1 with *out NULL
 * and err at file:line:column. */
int incidents_parse(const char *file, const char *text, size_t len, bool csv, struct incident **out,
                    size_t *count, struct wa_err *err);

/* Reads the file at path, then incidents_parse(): CSV when format is "csv", or when format
 * is NULL and the name ends in ".csv" (any case); YAML otherwise. Same return convention. */
int incidents_load(const char *path, const char *format, struct incident **out, size_t *count,
                   struct wa_err *err);

#endif
