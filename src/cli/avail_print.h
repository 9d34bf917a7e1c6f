/* The availability section of `wa-review status` (text and JSON), and the one-line verdicts
 * the import commands print: target vs computed or measured, single points of failure,
 * the cost of downtime. */
#ifndef WAR_CLI_AVAIL_PRINT_H
#define WAR_CLI_AVAIL_PRINT_H

#include <stdio.h>

#include <cjson/cJSON.h>

#include "model/review.h"

/* Whether the review has anything for the section: components, external APIs or incidents. */
int avail_print_wanted(const struct review *rv);

/* Checks that the section can be computed. Returns 0, or -1 after printing one line
 * "wa-review: FILE: …" (file may be NULL for the demo). Incidents that do not fit the clock
 * (one ending after now) only draw a warning: the section then leaves them out. */
int avail_print_check(const struct review *rv, const char *file);

/* Prints the section on out (nothing when !avail_print_wanted()). */
void avail_print_text(FILE *out, const struct review *rv);

/* Adds "availability" to a status document (nothing when !avail_print_wanted()). */
void avail_print_json(cJSON *root, const struct review *rv);

/* Prints "  LABEL  99.46% vs target 99.9%: below the target by 0.44 points" (or "meets the
 * target", or no comparison when target < 0); a and target are fractions. */
void avail_print_verdict(const char *label, double a, double target);

#endif
