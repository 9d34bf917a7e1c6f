/* The components of the workload's availability model, edited in the wizard one line each:
 *   Orders database: RDS MySQL, 2 AZ, managed, 99.95%, not critical, tier data, needs Payments
 * a name, then after the colon, in any order, separated by commas: a service (as review
 * files name them), the AZ copies, a redundancy (none, active-active, active-passive, n+1,
 * managed), an availability as deployed, "not critical", a tier and what it needs (names of
 * components or external APIs joined by +). No curses here, so the grammar is tested
 * directly. */
#ifndef WAR_UI_COMPEDIT_H
#define WAR_UI_COMPEDIT_H

#include <stddef.h>

#include "model/review.h"

/* Reads a line into c (which is cleared first). Returns 0, or -1 with msg saying which part
 * was not understood, and c empty. */
int compedit_parse(const char *line, struct component *c, char *msg, size_t len);

/* c as a line compedit_parse() reads back the same. Newly allocated; free(). */
char *compedit_format(const struct component *c);

/* Puts c (taken, even on failure) in rv's components at index i, replacing the one there;
 * i == n_components appends. Checked as review files are: names unique among components and
 * external APIs, each need naming one of them (not itself), and a figure the model can find.
 * Returns 0, or -1 with msg and rv unchanged. */
int compedit_set(struct review *rv, size_t i, struct component *c, char *msg, size_t len);

/* Removes component i; refused (-1 with msg) while another component needs it. */
int compedit_remove(struct review *rv, size_t i, char *msg, size_t len);

#endif
