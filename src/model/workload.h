/* Validators for the workload fields of a review: durations, availability, AWS regions and
 * account IDs, and the fixed choice lists. Pure functions, no I/O, so the loader and the
 * wizard's form (validation as you type) check exactly the same way. */
#ifndef WAR_MODEL_WORKLOAD_H
#define WAR_MODEL_WORKLOAD_H

#include <stdbool.h>

/* Choice lists as written in review files, ended by NULL (static). */
extern const char *const workload_environments[];  /* production, pre-production, … */
extern const char *const workload_criticalities[]; /* critical, high, medium, low */

/* Parses a duration "<digits><s|m|h|d>" such as "30s", "15m", "4h", "2d" into seconds.
 * Returns 0, or -1 (seconds untouched) for anything else, including overflow. */
int workload_parse_duration(const char *s, long *seconds);

/* Whether v is a usable availability target in percent: 0 < v < 100. */
bool workload_valid_availability(double v);

/* Whether s has the form of an AWS Region name: two letters, an optional partition part
 * (gov, iso, isob, …), a direction and a number: "eu-west-1", "us-gov-west-1". */
bool workload_valid_region(const char *s);

/* Whether s is an AWS account ID: exactly 12 ASCII digits. */
bool workload_valid_account(const char *s);

/* Whether s is one of workload_environments / workload_criticalities. */
bool workload_valid_environment(const char *s);
bool workload_valid_criticality(const char *s);

#endif
