/* The workload definition as a form: one field per workload value of the review file, each
 * shown as text, checked as the user types (with the validators the loader uses), and
 * stored back. No screen here, so the rules are unit-tested directly. */
#ifndef WAR_UI_FORM_H
#define WAR_UI_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "model/review.h"

enum form_field {
	FF_NAME,
	FF_DESCRIPTION,
	FF_OWNER,
	FF_ENVIRONMENT,
	FF_CRITICALITY,
	FF_AVAILABILITY,
	FF_RTO,
	FF_RPO,
	FF_REGIONS,
	FF_ACCOUNTS,
	FF_PARTICIPANTS,
	FF_SCOPE, /* the workload's scope: --scope specs separated by commas */
	FF_COUNT
};

struct form_info {
	const char *label;          /* "Availability target" */
	const char *hint;           /* what to type, shown under the field */
	const char *const *choices; /* NULL-ended fixed values, or NULL for free text */
	bool required;
};

/* Static description of field f. */
const struct form_info *form_info(enum form_field f);

/* The field's current value as the text a user edits ("99.95", "eu-west-1, us-east-1",
 * "Ana (facilitator), Bo"). Returns newly allocated text ("" when unset); free with free(). */
char *form_get(const struct workload *wl, enum form_field f);

/* Checks text as a value of f. Returns true, or false with what is wrong in msg (one line,
 * naming the bad part); when true, msg may hold a helpful note (e.g. the downtime an
 * availability target allows) or "". */
bool form_check(enum form_field f, const char *text, char *msg, size_t len);

/* Stores text into wl. Returns 0, or -1 (wl unchanged) when form_check refuses it. An empty
 * text unsets an optional field. */
int form_set(struct workload *wl, enum form_field f, const char *text);

/* The choice after (dir > 0) or before (dir < 0) cur, wrapping; the first (or last) when
 * cur is none of them. Returns a static string, or NULL for a field without choices. */
const char *form_cycle(enum form_field f, const char *cur, int dir);

/* The first choice of f that starts with prefix, ignoring case ("pre" -> "pre-production"),
 * for choosing by typing. Returns a static string, or NULL when none does. */
const char *form_choose(enum form_field f, const char *prefix);

#endif
