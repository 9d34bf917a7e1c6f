/* Validators for the workload fields of a review: durations, availability, AWS regions and
 * account IDs, and the fixed choice lists. Pure functions, no I/O, so the loader and the
 * wizard's form (validation as you type) check exactly the same way. */
#ifndef WAR_MODEL_WORKLOAD_H
#define WAR_MODEL_WORKLOAD_H

#include <stdbool.h>
#include <stddef.h>

/* Choice lists as written in review files, ended by NULL (static). */
extern const char *const workload_environments[];  /* production, pre-production, … */
extern const char *const workload_criticalities[]; /* critical, high, medium, low */

/* Parses a duration (an RTO, an RPO, a time box) into whole seconds: every form `calc`
 * reads (avail_parse_duration()): "30s", "15m", "4h", "2d", "1h30m", "4 hours",
 * "1 hour and 30 minutes", "1.5h". Returns 0, or -1 (seconds untouched) for anything
 * else: no unit, a fraction of a second, over 100 years. */
int workload_parse_duration(const char *s, long *seconds);

/* Parses an AWS account ID as people write it: 12 digits, or the console's groups joined by
 * hyphens ("1111-2222-3333"). Returns 0 with out holding the 12 digits, or -1. */
int workload_parse_account(const char *s, char out[13]);

/* Parses one participant as written on a line: "Ravi Kumar", "Ravi Kumar [ops]", "Ravi
 * Kumar (ops)" or "Ravi Kumar: ops". Returns 0 with *name and *role (NULL when none) newly
 * allocated (free()), or -1 with msg saying what is wrong and both NULL. */
int workload_parse_participant(const char *s, char **name, char **role, char *msg, size_t len);

/* Whether v is a usable availability target in percent: 0 < v < 100. */
bool workload_valid_availability(double v);

/* Whether s has the form of an AWS Region name: two letters, an optional partition part
 * (gov, iso, isob, …), a direction and a number: "eu-west-1", "us-gov-west-1". */
bool workload_valid_region(const char *s);

/* Whether s is one of workload_environments / workload_criticalities. */
bool workload_valid_environment(const char *s);
bool workload_valid_criticality(const char *s);

#endif
