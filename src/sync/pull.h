/* Pulling a workload from the AWS Well-Architected Tool into a review (wa-review pull, and
 * the wizard's Start screen): see pull.c. */
#ifndef WAR_SYNC_PULL_H
#define WAR_SYNC_PULL_H

#include <stdio.h>

#include "aws/client.h"
#include "model/qset.h"
#include "model/review.h"
#include "sync/push.h"

struct sync_pull_opts {
	const char *file;          /* the review's path for messages and notes; NULL: none */
	const char *workload_id;   /* the workload; NULL: the one rv is linked to */
	long milestone;            /* read the answers as milestone N had them; 0: now */
	struct aws_settings_in in; /* Region, profile, endpoint; no Region: the linked one's */
	FILE *out, *err;           /* the account of the pull, and errors */
};

/* Reads the workload into rv (a review of qs, new or linked to o->workload_id): its
 * answers where the Tool's differ, workload fields, milestones the review lacks, and the
 * link (wa_tool) with each answer's digest. Saving rv is the caller's. Returns SYNC_OK,
 * SYNC_INCOMPLETE (a call failed: rv may be changed in part, so do not save it) or
 * SYNC_BAD (rv linked elsewhere, no Region, no credentials). */
int sync_pull(struct review *rv, const struct qset *qs, const struct sync_pull_opts *o);

#endif
