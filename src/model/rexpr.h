/* Risk-rule conditions: `REL04-BP01 && (REL04-BP02 || !REL04-BP03)` over a question's
 * best practices, as a question may give them instead of the default risk rule. */
#ifndef WAR_MODEL_REXPR_H
#define WAR_MODEL_REXPR_H

#include <stddef.h>

#include "model/qset.h"

/* Parses text against question q's best practices. Returns 0 with *out set (free with
 * rexpr_free()), or -1 with *errpos the 0-based byte offset of the problem and msg filled. */
int rexpr_parse(const char *text, const struct question *q, struct rexpr **out, size_t *errpos,
                char *msg, size_t msglen);

/* True (1) when the condition holds given which best practices are selected (sel[i]). */
int rexpr_eval(const struct rexpr *e, const unsigned char *sel);

/* Frees a condition tree; NULL is fine. */
void rexpr_free(struct rexpr *e);

#endif
