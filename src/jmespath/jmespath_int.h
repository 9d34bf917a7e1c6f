/* What the parts of the JMESPath engine share: tokens, the syntax tree, the evaluation
 * context and the function table. Not for use outside src/jmespath/. */
#ifndef WAR_JMESPATH_JMESPATH_INT_H
#define WAR_JMESPATH_JMESPATH_INT_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "jmespath/jmespath.h"
#include "util/err.h"
#include "util/utf8.h"

enum jp_tok {
	TK_EOF,
	TK_UNQUOTED,
	TK_QUOTED,
	TK_LITERAL,
	TK_NUMBER,
	TK_DOT,
	TK_STAR,
	TK_RBRACKET,
	TK_COMMA,
	TK_COLON,
	TK_CURRENT,
	TK_LPAREN,
	TK_RPAREN,
	TK_LBRACE,
	TK_RBRACE,
	TK_LBRACKET,
	TK_FLATTEN,
	TK_FILTER,
	TK_PIPE,
	TK_OR,
	TK_AND,
	TK_EXPREF,
	TK_NOT,
	TK_EQ,
	TK_NE,
	TK_LT,
	TK_LTE,
	TK_GT,
	TK_GTE,
	TK_VARIABLE, /* $name (JEP-18); str holds the name */
	TK_ASSIGN,   /* a single '=', only in let bindings */
};

struct jp_token {
	enum jp_tok type;
	size_t start;  /* byte offset in the expression */
	int col;       /* 1-based column in characters, for messages */
	char *str;     /* identifier text (owned) */
	cJSON *lit;    /* literal value (owned; the parser takes it) */
	long long num; /* number token, saturated to +-JP_INDEX_MAX */
};

/* Index and slice numbers beyond this behave like it (no list is that long). */
#define JP_INDEX_MAX 4611686018427387903LL

/* Splits expr into tokens ending with TK_EOF. Returns 0 with *toks (free with
 * jp_tokens_free()), or -1 with err set (syntax). */
int jp_lex(const char *expr, struct jp_token **toks, size_t *ntoks, struct wa_err *err);

/* Frees a token array and whatever its tokens still own. */
void jp_tokens_free(struct jp_token *toks, size_t n);

enum jp_ntype {
	ND_FIELD,
	ND_CURRENT,
	ND_LITERAL,
	ND_SUBEXPR,
	ND_INDEX,
	ND_SLICE,
	ND_INDEX_EXPR,
	ND_PROJECTION,
	ND_VALUE_PROJECTION,
	ND_FILTER,
	ND_FLATTEN,
	ND_COMPARE,
	ND_OR,
	ND_AND,
	ND_NOT,
	ND_PIPE,
	ND_MULTI_LIST,
	ND_MULTI_HASH,
	ND_FUNCTION,
	ND_EXPREF,
	ND_LET,      /* kids: one per binding, then the body; keys: the bound names */
	ND_VARIABLE, /* name: the variable */
};

enum jp_cmp { CMP_EQ, CMP_NE, CMP_LT, CMP_LTE, CMP_GT, CMP_GTE };

struct jp_func;

struct jp_node {
	enum jp_ntype type;
	int col;               /* 1-based column of the node's token, for errors */
	int height;            /* levels below and including this node */
	struct jp_node **kids; /* owned; projections: [left, right(, condition)] */
	size_t nkids, capkids;
	char *name;               /* ND_FIELD: key; ND_FUNCTION: function name */
	char **keys;              /* ND_MULTI_HASH: one key per kid */
	cJSON *lit;               /* ND_LITERAL */
	long long index;          /* ND_INDEX */
	long long slice[3];       /* ND_SLICE: start, stop, step */
	int has[3];               /* ND_SLICE: which of the three were given */
	enum jp_cmp cmp;          /* ND_COMPARE */
	const struct jp_func *fn; /* ND_FUNCTION */
};

/* Frees a tree; NULL is allowed. */
void jp_node_free(struct jp_node *n);

struct jmespath {
	struct jp_node *root;
	size_t max_values; /* see jmespath_set_limit() */
};

/* Records an engine error: msg "KIND error at column COL: ..." (no column when col is 0).
 * Always returns -1. */
int jp_fail(struct wa_err *err, enum jmespath_errkind kind, int col, const char *fmt, ...)
        ATTR_FORMAT(4, 5);

/* Returns v; a NULL v (cJSON out of memory) goes the way of xalloc's out of memory. */
cJSON *jp_must(cJSON *v);

/* Evaluation state: every value built during one search lives in keep[] until the search
 * ends, so values can share structure freely (cJSON references) without copying. */
struct jp_eval {
	cJSON **keep;
	size_t nkeep, capkeep;
	size_t made, max_values; /* values built so far, and the cap */
	size_t bytes, max_bytes; /* string bytes built so far, and the cap */
	const cJSON *null_v, *true_v, *false_v;
	struct wa_err *err;
	const struct jp_scope *scope; /* innermost let bindings, or NULL */
};

/* One bound variable of a let expression; frames link outwards. */
struct jp_scope {
	const char *name;
	const cJSON *value;
	const struct jp_scope *up;
};

/* JSON types as JMESPath names them; a bit each so function signatures can be masks. */
enum {
	JT_NULL = 1,
	JT_BOOLEAN = 2,
	JT_NUMBER = 4,
	JT_STRING = 8,
	JT_ARRAY = 16,
	JT_OBJECT = 32,
	JT_EXPREF = 64,
	JT_ANY = 63,
	JT_ARRAY_NUMBER = 128, /* an array whose elements are all numbers */
	JT_ARRAY_STRING = 256, /* an array whose elements are all strings */
};

/* The JT_ bit of v's type (JT_NULL for NULL). */
int jp_type(const cJSON *v);

/* The JMESPath name of a JT_ bit ("number", ...); a static string. */
const char *jp_type_name(int t);

/* Evaluates n against v. Returns a value valid until the search ends (do not free), or
 * NULL with ev->err set. */
const cJSON *jp_eval_node(struct jp_eval *ev, const struct jp_node *n, const cJSON *v);

/* Hands a freshly created value to the search, which frees it at the end; returns it. */
cJSON *jp_keep(struct jp_eval *ev, cJSON *fresh);

/* A new empty array/object kept by the search, to be filled with jp_append()/jp_put(). */
cJSON *jp_new_array(struct jp_eval *ev);
cJSON *jp_new_object(struct jp_eval *ev);

/* Fails with a limit error, and returns -1, when the search has built more than its caps
 * allow; else returns 0. */
int jp_over_budget(struct jp_eval *ev, const struct jp_node *n);

/* A kept number, string (copied) or boolean. */
const cJSON *jp_number(struct jp_eval *ev, double d);
const cJSON *jp_string(struct jp_eval *ev, const char *s);
const cJSON *jp_bool(struct jp_eval *ev, int b);

/* Appends a reference to v (which must outlive the search) to array arr. */
void jp_append(struct jp_eval *ev, cJSON *arr, const cJSON *v);

/* Sets key in obj to a reference to v; an existing key keeps its place. */
void jp_put(struct jp_eval *ev, cJSON *obj, const char *key, const cJSON *v);

/* JMESPath truthiness: false, null, "", [] and {} are false. */
int jp_truthy(const cJSON *v);

/* Deep equality; numbers by value, objects regardless of key order. */
int jp_equal(const cJSON *a, const cJSON *b);

/* Code-point order of two UTF-8 strings (byte order is the same); <0, 0, >0. */
int jp_strcmp(const char *a, const char *b);

/* A built-in function: name, parameter types (JT_ masks; variadic repeats the last) and
 * the code. Argument values are checked before call; exprefs arrive as NULL with the
 * expression in n->kids[i]->kids[0]. */
struct jp_func {
	const char *name;
	int nparams;
	int variadic;
	int types[3];
	const cJSON *(*call)(struct jp_eval *ev, const struct jp_node *n, const cJSON **args,
	                     size_t nargs);
};

/* The built-in function called name, or NULL. */
const struct jp_func *jp_func_lookup(const char *name);

/* Checks the arguments' types against f's signature and calls f. Returns its value, or
 * NULL with ev->err set (invalid-type). */
const cJSON *jp_func_call(struct jp_eval *ev, const struct jp_node *n, const cJSON **args,
                          size_t nargs);

#endif
