/* A small question set for unit tests, built in code so tests do not depend on the
 * question-file loader or on the real set's content. */
#ifndef WAR_SUPPORT_QSET_FIXTURE_H
#define WAR_SUPPORT_QSET_FIXTURE_H

#include "model/qset.h"

/* Returns a newly allocated set "reliability" (framework 2024-11-06) with one area and
 * three questions: REL01 (BP01-BP03), REL02 (BP01-BP02), REL03 (BP01-BP04), in that order.
 * Free with qset_free(). */
struct qset *qset_fixture_new(void);

#endif
