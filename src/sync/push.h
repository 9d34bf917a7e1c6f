/* Pushing a review to the AWS Well-Architected Tool (wa-review push, and the wizard's
 * Risks screen): see push.c for what is written and when it is refused. */
#ifndef WAR_SYNC_PUSH_H
#define WAR_SYNC_PUSH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "aws/client.h"
#include "model/qset.h"
#include "store/review_edit.h"

/* What a push or pull returns: everything done; something not (refused, skipped, or a
 * call failed: running again carries on where it stopped); bad input or no way to AWS. */
enum { SYNC_OK = 0, SYNC_INCOMPLETE = 1, SYNC_BAD = 2 };

/* Called as the answers are written: done of total (first with done 0). */
typedef void (*sync_progress_fn)(void *ctx, size_t done, size_t total);

struct sync_push_opts {
	const char *file;          /* the review's path, named in messages and cut notes */
	const char *workload_id;   /* push to (and link the review to) this workload; NULL:
	                            * the linked one, else a new one */
	struct aws_settings_in in; /* Region, profile, endpoint; no Region: the linked one's */
	bool dry_run;              /* print every call it would make; change nothing */
	bool force;                /* overwrite answers changed in the Tool since */
	FILE *out, *err;           /* the account of the push, and errors */
	sync_progress_fn progress; /* may be NULL */
	void *ctx;
};

struct sync_push_result {
	size_t conflicts; /* answers changed in the Tool since the last push or pull */
	size_t to_write;  /* answers the push writes (a dry run: would write) */
	int failed;       /* calls that failed */
	int skipped;      /* questions and milestones not pushed */
};

/* Pushes the review of e (open, locked), saving its link to the Tool (the wa_tool section)
 * through e as it goes. Returns SYNC_OK, SYNC_INCOMPLETE or SYNC_BAD; res (may be NULL)
 * says what happened, so a caller can ask before forcing. */
int sync_push(struct review_edit *e, const struct qset *qs, const struct sync_push_opts *o,
              struct sync_push_result *res);

#endif
