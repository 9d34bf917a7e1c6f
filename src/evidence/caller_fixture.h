/* A caller that answers from files instead of AWS, for tests and offline demos: DIR holds
 * SERVICE/Operation.json per operation, each a list of responses picked by Region and
 * parameters (format in wa-review(1), ENVIRONMENT, and tests/evidence/fixtures/README.md). */
#ifndef WAR_EVIDENCE_CALLER_FIXTURE_H
#define WAR_EVIDENCE_CALLER_FIXTURE_H

#include "evidence/caller.h"
#include "util/err.h"

/* Opens a fixture caller on dir. Its default Region is AWS_REGION, else AWS_DEFAULT_REGION,
 * else DIR/caller.json's "default_region". Returns 0 with *out (ev_caller_free()), or -1
 * with err when dir is not a directory or caller.json is malformed. */
int caller_fixture_open(const char *dir, struct ev_caller **out, struct wa_err *err);

#endif
