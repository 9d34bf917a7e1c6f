/* JMESPath, the query language of the aws CLI's --query, over cJSON documents.
 * Semantics follow the JMESPath specification and, where it is silent, jmespath.py (the
 * implementation inside the aws CLI); the official compliance suite passes in full.
 * As in the aws CLI, strings order too ('2024-01-02' > '2024-01-01'). Where jmespath.py
 * departs from the spec, the spec wins: false never equals 0, a slice after an index still
 * projects, f(a,) is a syntax error, and unknown functions, wrong argument counts, a slice
 * step of 0 and '&' outside a function's arguments fail at compile time.
 * Lexical scoping (JEP-18: `let $a = expr, $b = expr in body`, `$a`) is supported, so a
 * query can join two parts of a document; a variable must be bound where it is used, which
 * is checked at compile time (the JEP allows this strict mode). */
#ifndef WAR_JMESPATH_JMESPATH_H
#define WAR_JMESPATH_JMESPATH_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "util/err.h"
#include "util/json.h"

/* The error kinds, named as the compliance suite names them, plus LIMIT for input nested
 * deeper than the engine allows (instead of running out of stack). */
enum jmespath_errkind {
	JMESPATH_OK = 0,
	JMESPATH_ERR_SYNTAX,             /* "syntax" */
	JMESPATH_ERR_INVALID_TYPE,       /* "invalid-type" */
	JMESPATH_ERR_INVALID_VALUE,      /* "invalid-value" */
	JMESPATH_ERR_INVALID_ARITY,      /* "invalid-arity" */
	JMESPATH_ERR_UNKNOWN_FUNCTION,   /* "unknown-function" */
	JMESPATH_ERR_LIMIT,              /* "limit" */
	JMESPATH_ERR_UNDEFINED_VARIABLE, /* "undefined-variable" (JEP-18) */
};

/* Deepest nesting accepted in an expression and in a JSON text. */
enum { JMESPATH_MAX_DEPTH = JSON_MAX_DEPTH };

struct jmespath;

/* Compiles expr (UTF-8). Unknown functions, wrong argument counts and a slice step of 0
 * are found here, not only when evaluation reaches them. Returns the program (free with
 * jmespath_free()), or NULL with err's msg "KIND error at column N: ...". */
struct jmespath *jmespath_compile(const char *expr, struct wa_err *err);

/* Like jmespath_compile(), with the variables names[0..n-1] (without '$') bound around the
 * whole expression: the initial scope JEP-18 lets an implementation give, such as the
 * results of a probe's further calls. Same return convention. */
struct jmespath *jmespath_compile_vars(const char *expr, const char *const *names, size_t n,
                                       struct wa_err *err);

/* Evaluates jp against doc (NULL is taken as JSON null); doc is not modified. Returns a new
 * value owned by the caller (cJSON_Delete()); a JSON null result is a cJSON null item, never
 * NULL. Returns NULL only on error (invalid-type, for instance), with err filled. */
cJSON *jmespath_search(const struct jmespath *jp, const cJSON *doc, struct wa_err *err);

/* jmespath_search() with the initial scope's values: vars is an object whose members name
 * them (NULL when there are none); a variable jp was compiled with but vars lacks is null. */
cJSON *jmespath_search_vars(const struct jmespath *jp, const cJSON *doc, const cJSON *vars,
                            struct wa_err *err);

/* Values one search may build unless jmespath_set_limit() says otherwise. */
enum { JMESPATH_MAX_VALUES = 10000000 };

/* Caps the values (array elements, members, numbers, strings) one search of jp may build,
 * and the bytes of new strings at 16 per value, so an expression that multiplies its data
 * fails with a limit error instead of eating all memory. 0 restores the default. */
void jmespath_set_limit(struct jmespath *jp, size_t max_values);

/* Frees a compiled expression; NULL is allowed. */
void jmespath_free(struct jmespath *jp);

/* The kind of the error jmespath_compile()/jmespath_search() recorded in err, or
 * JMESPATH_OK when err holds none of theirs. */
enum jmespath_errkind jmespath_errkind(const struct wa_err *err);

/* The suite's name of a kind ("syntax", "invalid-type", ...); a static string. */
const char *jmespath_errkind_name(enum jmespath_errkind kind);

#endif
