/* The caller evidence uses against a real account: a thin layer over the AWS client's batch
 * API (src/aws/client.h), mapping each ev_call to an aws_call and back. */
#ifndef WAR_EVIDENCE_CALLER_AWS_H
#define WAR_EVIDENCE_CALLER_AWS_H

#include "evidence/caller.h"
#include "util/err.h"

/* Opens the AWS client with opts (profile, Region, endpoint URL; NULL members: the usual
 * settings chain). Its default Region is the settings' Region. Returns 0 with *out
 * (ev_caller_free()), or -1 with err (a malformed config file, an unknown profile, no
 * credentials: the message lists the sources tried). */
int caller_aws_open(const struct ev_caller_opts *opts, struct ev_caller **out, struct wa_err *err);

#endif
