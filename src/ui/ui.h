/* The terminal wizard: opens a review (or the Start screen) and runs until the user quits
 * or a signal ends it. */
#ifndef WAR_UI_UI_H
#define WAR_UI_UI_H

#include <stdbool.h>

#include "evidence/accounts.h"
#include "model/qset.h"

struct ui_opts {
	const struct qset *qs; /* borrowed; the set reviews are checked against */
	const char *file;      /* review to open, or NULL */
	bool demo;             /* open the demo's working copy instead */
	const char *theme;     /* --theme NAME|PATH, or NULL */
	bool workshop;         /* start in workshop mode */
	long timebox;          /* seconds per question in workshop mode; <= 0: default */
	bool offline;          /* --offline: e and E collect nothing, stored evidence only */
	/* --role NAME [--org-unit OU | --accounts LIST], checked (ev_targets_parse()): e and E
	 * sweep those accounts (default: the workload's) as the role, as `evidence --role`
	 * does. NULL or no role: the caller's own account. Borrowed. */
	const struct ev_targets *targets;
};

/* Checks what can be checked before taking the terminal (the theme). Returns 0, or prints
 * the error and returns EXIT_BAD, so a bad --theme fails the same with or without a
 * terminal. */
int ui_check(const struct ui_opts *o);

/* Runs the wizard. Errors before the terminal is taken (the review cannot be opened or is
 * locked by another wa-review) are printed as one line. Returns an exit status; after
 * SIGHUP or SIGTERM it restores the terminal and ends by that signal. */
int ui_run(const struct ui_opts *o);

#endif
