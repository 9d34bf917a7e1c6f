/* What the custom-lens files share: the Tool's risk names, risk rules as the Tool writes
 * them, and the conventions both directions follow. Private to src/store/lens_*.c. */
#ifndef WAR_STORE_LENS_INT_H
#define WAR_STORE_LENS_INT_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "model/qset.h"

/* The title of the "None of these" choice an export writes. */
#define LENS_NONE_TITLE "None of these"
/* What an import without an ID in the title calls questions: Q01, Q02, ... */
#define LENS_QUESTION_PREFIX "Q"
/* The framework_version of an imported set (a lens has no such field). */
#define LENS_IMPORTED_VERSION "custom lens"
/* The text before the list of services in a choice's improvement-plan resource. */
#define LENS_SERVICES_LEAD "AWS services that help: "

/* "NO_RISK", "MEDIUM_RISK", "HIGH_RISK" for QRISK_NONE, QRISK_MEDIUM, QRISK_HIGH. */
const char *lens_risk_name(enum qrisk r);
/* The reverse; QRISK_UNANSWERED (0) when s is none of them. */
enum qrisk lens_risk_parse(const char *s);

/* A condition as text, with names[i] for best practice i: the fewest parentheses, operators
 * spaced ("a && !b || c"), so printing what rexpr_parse() read from it gives it back.
 * Returns a newly allocated string (free with free()). */
char *lens_cond_print(const struct rexpr *e, const char *const *names);

/* The rules that give what wa-review's default gives (the highest risk among the best
 * practices not selected) from q's best practices' risks: everything above low selected
 * gives no risk, every high one selected medium risk, else the worst. Returns the number
 * of rules (1 to 3, the last the default) with *rules newly allocated (free with
 * lens_rules_free()). */
size_t lens_default_rules(const struct question *q, struct risk_rule **rules);

/* Frees n rules and the array. */
void lens_rules_free(struct risk_rule *rules, size_t n);

/* Parses a risk-rule condition of the Tool's, over the choices of a lens question (a JSON
 * list of choice objects; qid names it in messages): leaf i of *out is choice i. Returns
 * 0 with *out (free with rexpr_free()), or -1 with *out NULL and msg saying where and what. */
int lens_cond_parse(const cJSON *choices, const char *qid, const char *text, struct rexpr **out,
                    char *msg, size_t msglen);

/* A question, best-practice or set ID written as the Tool's IDs allow (letters, digits,
 * '_'): each '-' becomes '_'. Returns a newly allocated string (free with free()). */
char *lens_tool_id(const char *id);

#endif
