/* The JMESPath parser: tokens to a syntax tree, by top-down operator precedence with the
 * binding powers of jmespath.py (the aws CLI), so expressions group as they do there.
 * Where jmespath.py accepts more than the grammar (f(a,), {a: b c: d}, [1:2 3]) we keep to
 * the grammar. After parsing, a check finds unknown functions, wrong argument counts, a
 * slice step of 0 and stray '&', so they fail at compile time whatever the data. */
#include "jmespath/jmespath_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

struct parser {
	struct jp_token *t;
	size_t n, i;
	int depth; /* nested parse calls, bounded so deep nesting cannot exhaust the stack */
	struct wa_err *err;
};

/* Tokens binding at least this tightly continue a projection's right-hand side. */
enum { PROJECTION_STOP = 10 };

static int bp(enum jp_tok t)
{
	switch (t) {
	case TK_PIPE: return 1;
	case TK_OR: return 2;
	case TK_AND: return 3;
	case TK_EQ:
	case TK_NE:
	case TK_LT:
	case TK_LTE:
	case TK_GT:
	case TK_GTE: return 5;
	case TK_FLATTEN: return 9;
	case TK_STAR: return 20;
	case TK_FILTER: return 21;
	case TK_DOT: return 40;
	case TK_NOT: return 45;
	case TK_LBRACE: return 50;
	case TK_LBRACKET: return 55;
	case TK_LPAREN: return 60;
	default: return 0;
	}
}

static const char *tok_name(enum jp_tok t)
{
	static const char *const names[] = {
		[TK_EOF] = "end of expression",
		[TK_UNQUOTED] = "identifier",
		[TK_QUOTED] = "quoted identifier",
		[TK_LITERAL] = "literal",
		[TK_NUMBER] = "number",
		[TK_DOT] = "'.'",
		[TK_STAR] = "'*'",
		[TK_RBRACKET] = "']'",
		[TK_COMMA] = "','",
		[TK_COLON] = "':'",
		[TK_CURRENT] = "'@'",
		[TK_LPAREN] = "'('",
		[TK_RPAREN] = "')'",
		[TK_LBRACE] = "'{'",
		[TK_RBRACE] = "'}'",
		[TK_LBRACKET] = "'['",
		[TK_FLATTEN] = "'[]'",
		[TK_FILTER] = "'[?'",
		[TK_PIPE] = "'|'",
		[TK_OR] = "'||'",
		[TK_AND] = "'&&'",
		[TK_EXPREF] = "'&'",
		[TK_NOT] = "'!'",
		[TK_EQ] = "'=='",
		[TK_NE] = "'!='",
		[TK_LT] = "'<'",
		[TK_LTE] = "'<='",
		[TK_GT] = "'>'",
		[TK_GTE] = "'>='",
		[TK_VARIABLE] = "variable",
		[TK_ASSIGN] = "'='",
	};

	return names[t];
}

static struct jp_token *cur(struct parser *p)
{
	return &p->t[p->i];
}

static enum jp_tok cur_type(struct parser *p)
{
	return p->t[p->i].type;
}

static enum jp_tok peek_type(struct parser *p, size_t k)
{
	return p->i + k < p->n ? p->t[p->i + k].type : TK_EOF;
}

static void advance(struct parser *p)
{
	if (p->t[p->i].type != TK_EOF)
		p->i++;
}

static int col_of(const struct jp_token *t)
{
	return t->col;
}

static struct jp_node *syntax(struct parser *p, const struct jp_token *t, const char *what)
{
	if (t->type == TK_EOF)
		jp_fail(p->err, JMESPATH_ERR_SYNTAX, col_of(t), "%s, got end of expression", what);
	else
		jp_fail(p->err, JMESPATH_ERR_SYNTAX, col_of(t), "%s, got %s", what,
		        tok_name(t->type));
	return NULL;
}

static struct jp_node *node(enum jp_ntype type, const struct jp_token *t)
{
	struct jp_node *n = xcalloc(1, sizeof(*n));

	n->type = type;
	n->col = t ? col_of(t) : 0;
	n->height = 1;
	return n;
}

static void add_kid(struct jp_node *n, struct jp_node *kid)
{
	n->kids = xgrow(n->kids, &n->capkids, n->nkids + 1, sizeof(*n->kids));
	n->kids[n->nkids++] = kid;
	if (kid->height + 1 > n->height)
		n->height = kid->height + 1;
}

/* A node with the given children (NULL ends the list). */
static struct jp_node *node_with(enum jp_ntype type, int col, struct jp_node *a, struct jp_node *b,
                                 struct jp_node *c)
{
	struct jp_node *n = xcalloc(1, sizeof(*n));

	n->type = type;
	n->col = col;
	n->height = 1;
	if (a)
		add_kid(n, a);
	if (b)
		add_kid(n, b);
	if (c)
		add_kid(n, c);
	return n;
}

static struct jp_node *identity(void)
{
	struct jp_node *n = xcalloc(1, sizeof(*n));

	n->type = ND_CURRENT;
	n->height = 1;
	return n;
}

void jp_node_free(struct jp_node *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->nkids; i++) {
		jp_node_free(n->kids[i]);
		if (n->keys)
			free(n->keys[i]);
	}
	free(n->kids);
	free(n->keys);
	free(n->name);
	cJSON_Delete(n->lit);
	free(n);
}

static struct jp_node *expression(struct parser *p, int rbp);

static int match(struct parser *p, enum jp_tok type)
{
	char what[64];

	if (cur_type(p) == type) {
		advance(p);
		return 0;
	}
	snprintf(what, sizeof(what), "expected %s", tok_name(type));
	syntax(p, cur(p), what);
	return -1;
}

static struct jp_node *dot_rhs(struct parser *p, int rbp);
/* Parses "expr, expr, … CLOSE" into n's children, consuming CLOSE. Returns 1, or 0 after
 * recording a syntax error (n keeps what was parsed; the caller frees it). */
static int expression_list(struct parser *p, struct jp_node *n, enum jp_tok close, const char *msg)
{
	for (;;) {
		struct jp_node *e = expression(p, 0);

		if (!e)
			return 0;
		add_kid(n, e);
		if (cur_type(p) == close)
			break;
		if (cur_type(p) != TK_COMMA) {
			syntax(p, cur(p), msg);
			return 0;
		}
		advance(p);
	}
	advance(p);
	return 1;
}

static struct jp_node *multi_list(struct parser *p, const struct jp_token *open);
static struct jp_node *multi_hash(struct parser *p, const struct jp_token *open);

static struct jp_node *projection_rhs(struct parser *p, int rbp)
{
	if (bp(cur_type(p)) < PROJECTION_STOP)
		return identity();
	if (cur_type(p) == TK_LBRACKET || cur_type(p) == TK_FILTER)
		return expression(p, rbp);
	if (cur_type(p) == TK_DOT) {
		advance(p);
		return dot_rhs(p, rbp);
	}
	return syntax(p, cur(p), "expected '.', '[' or '[?' after a projection");
}

static struct jp_node *dot_rhs(struct parser *p, int rbp)
{
	struct jp_token *t = cur(p);

	switch (t->type) {
	case TK_UNQUOTED:
	case TK_QUOTED:
	case TK_STAR: return expression(p, rbp);
	case TK_LBRACKET: advance(p); return multi_list(p, t);
	case TK_LBRACE: advance(p); return multi_hash(p, t);
	default: return syntax(p, t, "expected an identifier, '*', '[' or '{' after '.'");
	}
}

static struct jp_node *multi_list(struct parser *p, const struct jp_token *open)
{
	struct jp_node *n = node(ND_MULTI_LIST, open);

	if (expression_list(p, n, TK_RBRACKET, "expected ',' or ']'"))
		return n;
	jp_node_free(n);
	return NULL;
}

static struct jp_node *multi_hash(struct parser *p, const struct jp_token *open)
{
	struct jp_node *n = node(ND_MULTI_HASH, open), *e;
	size_t kcap = 0;
	struct jp_token *key;

	for (;;) {
		key = cur(p);
		if (key->type != TK_UNQUOTED && key->type != TK_QUOTED) {
			syntax(p, key, "expected a key name");
			goto fail;
		}
		advance(p);
		if (match(p, TK_COLON) < 0)
			goto fail;
		e = expression(p, 0);
		if (!e)
			goto fail;
		n->keys = xgrow(n->keys, &kcap, n->nkids + 1, sizeof(*n->keys));
		n->keys[n->nkids] = xstrdup(key->str);
		add_kid(n, e);
		if (cur_type(p) == TK_RBRACE)
			break;
		if (cur_type(p) != TK_COMMA) {
			syntax(p, cur(p), "expected ',' or '}'");
			goto fail;
		}
		advance(p);
	}
	advance(p);
	return n;
fail:
	jp_node_free(n);
	return NULL;
}

/* At the token after '[' (a number or ':'): an index [n] or a slice [a:b:c]. */
static struct jp_node *index_or_slice(struct parser *p)
{
	struct jp_token *start = cur(p);
	struct jp_node *n;
	int part = 0;

	if (cur_type(p) != TK_COLON && peek_type(p, 1) != TK_COLON) {
		n = node(ND_INDEX, start);
		n->index = start->num;
		advance(p);
		if (match(p, TK_RBRACKET) < 0) {
			jp_node_free(n);
			return NULL;
		}
		return n;
	}
	n = node(ND_SLICE, start);
	while (cur_type(p) != TK_RBRACKET) {
		if (cur_type(p) == TK_COLON && part < 2) {
			part++;
		} else if (cur_type(p) == TK_NUMBER && !n->has[part]) {
			n->has[part] = 1;
			n->slice[part] = cur(p)->num;
		} else {
			syntax(p, cur(p),
			       part < 2 ? "expected a number, ':' or ']' in a slice"
			                : "expected a number or ']' in a slice");
			jp_node_free(n);
			return NULL;
		}
		advance(p);
	}
	advance(p);
	return n;
}

/* A slice projects what follows it; an index does not. */
static struct jp_node *project_if_slice(struct parser *p, struct jp_node *left,
                                        struct jp_node *right)
{
	struct jp_node *ie = node_with(ND_INDEX_EXPR, right->col, left, right, NULL), *rhs;

	if (right->type != ND_SLICE)
		return ie;
	rhs = projection_rhs(p, bp(TK_STAR));
	if (!rhs) {
		jp_node_free(ie);
		return NULL;
	}
	return node_with(ND_PROJECTION, right->col, ie, rhs, NULL);
}

static struct jp_node *filter(struct parser *p, struct jp_node *left, const struct jp_token *t)
{
	struct jp_node *cond, *right;

	cond = expression(p, 0);
	if (!cond)
		goto fail;
	if (match(p, TK_RBRACKET) < 0)
		goto fail_cond;
	right = cur_type(p) == TK_FLATTEN ? identity() : projection_rhs(p, bp(TK_FILTER));
	if (!right)
		goto fail_cond;
	return node_with(ND_FILTER, col_of(t), left, right, cond);
fail_cond:
	jp_node_free(cond);
fail:
	jp_node_free(left);
	return NULL;
}

/* let $a = expr, $b = expr in body (JEP-18), after the "let". The bindings are evaluated in
 * the enclosing scope; the body extends as far as an expression can. */
static struct jp_node *let_expression(struct parser *p, const struct jp_token *let)
{
	struct jp_node *n = node(ND_LET, let), *e;
	size_t nkeys = 0;

	for (;;) {
		struct jp_token *var = cur(p);

		if (var->type != TK_VARIABLE) {
			jp_node_free(n);
			return syntax(p, var, "expected a variable such as $name");
		}
		advance(p);
		if (match(p, TK_ASSIGN) < 0 || !(e = expression(p, 0))) {
			jp_node_free(n);
			return NULL;
		}
		n->keys = xrealloc(n->keys, (nkeys + 1) * sizeof(*n->keys));
		n->keys[nkeys++] = xstrdup(var->str);
		add_kid(n, e);
		if (cur_type(p) == TK_COMMA) {
			advance(p);
			continue;
		}
		if (cur_type(p) == TK_UNQUOTED && !strcmp(cur(p)->str, "in"))
			break;
		jp_node_free(n);
		return syntax(p, cur(p), "expected ',' or 'in' after a let binding");
	}
	advance(p);
	if (!(e = expression(p, 0))) {
		jp_node_free(n);
		return NULL;
	}
	/* keys runs parallel to kids; the body has none. */
	n->keys = xrealloc(n->keys, (nkeys + 1) * sizeof(*n->keys));
	n->keys[nkeys] = NULL;
	add_kid(n, e);
	return n;
}

static struct jp_node *nud(struct parser *p, struct jp_token *t)
{
	struct jp_node *n, *a;

	switch (t->type) {
	case TK_LITERAL:
		n = node(ND_LITERAL, t);
		n->lit = t->lit;
		t->lit = NULL;
		return n;
	case TK_UNQUOTED:
		/* "let" is a keyword only where a binding follows: it stays a field name. */
		if (!strcmp(t->str, "let") && cur_type(p) == TK_VARIABLE)
			return let_expression(p, t);
		n = node(ND_FIELD, t);
		n->name = xstrdup(t->str);
		return n;
	case TK_VARIABLE:
		n = node(ND_VARIABLE, t);
		n->name = xstrdup(t->str);
		return n;
	case TK_QUOTED:
		if (cur_type(p) == TK_LPAREN)
			return syntax(p, cur(p), "a quoted identifier cannot name a function");
		n = node(ND_FIELD, t);
		n->name = xstrdup(t->str);
		return n;
	case TK_STAR:
		a = cur_type(p) == TK_RBRACKET ? identity() : projection_rhs(p, bp(TK_STAR));
		return a ? node_with(ND_VALUE_PROJECTION, col_of(t), identity(), a, NULL) : NULL;
	case TK_FILTER: return filter(p, identity(), t);
	case TK_LBRACE: return multi_hash(p, t);
	case TK_LPAREN:
		n = expression(p, 0);
		if (n && match(p, TK_RPAREN) < 0) {
			jp_node_free(n);
			return NULL;
		}
		return n;
	case TK_FLATTEN:
		a = projection_rhs(p, bp(TK_FLATTEN));
		if (!a)
			return NULL;
		return node_with(ND_PROJECTION, col_of(t),
		                 node_with(ND_FLATTEN, col_of(t), identity(), NULL, NULL), a, NULL);
	case TK_NOT:
		a = expression(p, bp(TK_NOT));
		return a ? node_with(ND_NOT, col_of(t), a, NULL, NULL) : NULL;
	case TK_LBRACKET:
		if (cur_type(p) == TK_NUMBER || cur_type(p) == TK_COLON) {
			a = index_or_slice(p);
			return a ? project_if_slice(p, identity(), a) : NULL;
		}
		if (cur_type(p) == TK_STAR && peek_type(p, 1) == TK_RBRACKET) {
			advance(p);
			advance(p);
			a = projection_rhs(p, bp(TK_STAR));
			return a ? node_with(ND_PROJECTION, col_of(t), identity(), a, NULL) : NULL;
		}
		return multi_list(p, t);
	case TK_CURRENT: return node(ND_CURRENT, t);
	case TK_EXPREF:
		a = expression(p, 0);
		return a ? node_with(ND_EXPREF, col_of(t), a, NULL, NULL) : NULL;
	case TK_EOF:
		if (t->start == 0)
			return syntax(p, t, "empty expression");
		return syntax(p, t, "incomplete expression");
	default: return syntax(p, t, "expected an expression");
	}
}

static struct jp_node *function_call(struct parser *p, struct jp_node *left, struct jp_token *paren)
{
	if (left->type != ND_FIELD) {
		jp_fail(p->err, JMESPATH_ERR_SYNTAX, col_of(paren),
		        "'(' must follow a function name");
		jp_node_free(left);
		return NULL;
	}
	left->type = ND_FUNCTION;
	if (cur_type(p) == TK_RPAREN) {
		advance(p);
		return left;
	}
	if (expression_list(p, left, TK_RPAREN, "expected ',' or ')'"))
		return left;
	jp_node_free(left);
	return NULL;
}

static struct jp_node *led(struct parser *p, struct jp_token *t, struct jp_node *left)
{
	struct jp_node *r;

	switch (t->type) {
	case TK_DOT:
		if (cur_type(p) == TK_STAR) {
			advance(p);
			r = projection_rhs(p, bp(TK_DOT));
			if (!r)
				break;
			return node_with(ND_VALUE_PROJECTION, col_of(t), left, r, NULL);
		}
		r = dot_rhs(p, bp(TK_DOT));
		if (!r)
			break;
		if (left->type == ND_SUBEXPR) {
			/* a.b.c is one chain, not a nest: long paths do not deepen the tree */
			add_kid(left, r);
			return left;
		}
		return node_with(ND_SUBEXPR, col_of(t), left, r, NULL);
	case TK_PIPE:
	case TK_OR:
	case TK_AND:
		r = expression(p, bp(t->type));
		if (!r)
			break;
		return node_with(t->type == TK_PIPE ? ND_PIPE
		                 : t->type == TK_OR ? ND_OR
		                                    : ND_AND,
		                 col_of(t), left, r, NULL);
	case TK_EQ:
	case TK_NE:
	case TK_LT:
	case TK_LTE:
	case TK_GT:
	case TK_GTE:
		r = expression(p, bp(t->type));
		if (!r)
			break;
		left = node_with(ND_COMPARE, col_of(t), left, r, NULL);
		left->cmp = t->type == TK_EQ    ? CMP_EQ
		            : t->type == TK_NE  ? CMP_NE
		            : t->type == TK_LT  ? CMP_LT
		            : t->type == TK_LTE ? CMP_LTE
		            : t->type == TK_GT  ? CMP_GT
		                                : CMP_GTE;
		return left;
	case TK_LPAREN: return function_call(p, left, t);
	case TK_FILTER: return filter(p, left, t);
	case TK_FLATTEN:
		r = projection_rhs(p, bp(TK_FLATTEN));
		if (!r)
			break;
		return node_with(ND_PROJECTION, col_of(t),
		                 node_with(ND_FLATTEN, col_of(t), left, NULL, NULL), r, NULL);
	case TK_LBRACKET:
		if (cur_type(p) == TK_NUMBER || cur_type(p) == TK_COLON) {
			r = index_or_slice(p);
			if (!r)
				break;
			return project_if_slice(p, left, r);
		}
		if (cur_type(p) != TK_STAR) {
			syntax(p, cur(p), "expected a number, ':' or '*' after '['");
			break;
		}
		advance(p);
		if (match(p, TK_RBRACKET) < 0)
			break;
		r = projection_rhs(p, bp(TK_STAR));
		if (!r)
			break;
		return node_with(ND_PROJECTION, col_of(t), left, r, NULL);
	default: syntax(p, t, "unexpected token"); break;
	}
	jp_node_free(left);
	return NULL;
}

static int has_led(enum jp_tok t)
{
	switch (t) {
	case TK_DOT:
	case TK_PIPE:
	case TK_OR:
	case TK_AND:
	case TK_EQ:
	case TK_NE:
	case TK_LT:
	case TK_LTE:
	case TK_GT:
	case TK_GTE:
	case TK_LPAREN:
	case TK_FILTER:
	case TK_FLATTEN:
	case TK_LBRACKET: return 1;
	default: return 0;
	}
}

static struct jp_node *too_deep(struct parser *p, struct jp_token *t, struct jp_node *n)
{
	jp_node_free(n);
	jp_fail(p->err, JMESPATH_ERR_LIMIT, col_of(t), "expression nested deeper than %d levels",
	        JMESPATH_MAX_DEPTH);
	return NULL;
}

static struct jp_node *expression(struct parser *p, int rbp)
{
	struct jp_token *t = cur(p);
	struct jp_node *left;

	if (++p->depth > JMESPATH_MAX_DEPTH)
		return too_deep(p, t, NULL);
	advance(p);
	left = nud(p, t);
	while (left && left->height <= JMESPATH_MAX_DEPTH && rbp < bp(cur_type(p))) {
		t = cur(p);
		if (!has_led(t->type)) {
			jp_node_free(left);
			return syntax(p, t, "unexpected token");
		}
		advance(p);
		left = led(p, t, left);
	}
	if (left && left->height > JMESPATH_MAX_DEPTH)
		return too_deep(p, t, left);
	p->depth--;
	return left;
}

/* The compile-time checks, in evaluation order (arguments before the call); scope holds
 * the variables bound around n. */
static int check(struct parser *p, const struct jp_node *n, int is_arg,
                 const struct jp_scope *scope)
{
	if (n->type == ND_LET) {
		/* Bindings see the enclosing scope; only the body sees the new names. */
		struct jp_scope *frames = xcalloc(n->nkids, sizeof(*frames));
		const struct jp_scope *inner = scope;
		int rc = 0;

		for (size_t i = 0; i + 1 < n->nkids && rc == 0; i++) {
			rc = check(p, n->kids[i], 0, scope);
			frames[i] = (struct jp_scope){ n->keys[i], NULL, inner };
			inner = &frames[i];
		}
		if (rc == 0)
			rc = check(p, n->kids[n->nkids - 1], 0, inner);
		free(frames);
		return rc;
	}
	for (size_t i = 0; i < n->nkids; i++)
		if (check(p, n->kids[i], n->type == ND_FUNCTION, scope) < 0)
			return -1;
	switch (n->type) {
	case ND_VARIABLE:
		for (const struct jp_scope *s = scope; s; s = s->up)
			if (!strcmp(s->name, n->name))
				return 0;
		return jp_fail(p->err, JMESPATH_ERR_UNDEFINED_VARIABLE, n->col,
		               "$%s is not bound by an enclosing let", n->name);
	case ND_EXPREF:
		if (!is_arg)
			return jp_fail(p->err, JMESPATH_ERR_SYNTAX, n->col,
			               "'&expression' can only be a function's argument");
		return 0;
	case ND_SLICE:
		if (n->has[2] && n->slice[2] == 0)
			return jp_fail(p->err, JMESPATH_ERR_INVALID_VALUE, n->col,
			               "slice step cannot be 0");
		return 0;
	case ND_FUNCTION: {
		const struct jp_func *f = jp_func_lookup(n->name);

		if (!f)
			return jp_fail(p->err, JMESPATH_ERR_UNKNOWN_FUNCTION, n->col,
			               "unknown function %s()", n->name);
		if (f->variadic ? n->nkids < (size_t)f->nparams : n->nkids != (size_t)f->nparams)
			return jp_fail(p->err, JMESPATH_ERR_INVALID_ARITY, n->col,
			               "%s() takes %s%d argument%s, got %zu", f->name,
			               f->variadic ? "at least " : "", f->nparams,
			               f->nparams == 1 ? "" : "s", n->nkids);
		((struct jp_node *)n)->fn = f;
		return 0;
	}
	default: return 0;
	}
}

struct jmespath *jmespath_compile_vars(const char *expr, const char *const *names, size_t n,
                                       struct wa_err *err)
{
	struct parser p = { NULL, 0, 0, 0, err };
	struct jp_scope *globals = n ? xcalloc(n, sizeof(*globals)) : NULL;
	struct jp_node *root;
	struct jmespath *jp = NULL;

	if (!expr) {
		jp_fail(err, JMESPATH_ERR_SYNTAX, 0, "no expression");
		free(globals);
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		globals[i] = (struct jp_scope){ names[i], NULL, i ? &globals[i - 1] : NULL };
	if (jp_lex(expr, &p.t, &p.n, err) < 0) {
		free(globals);
		return NULL;
	}
	root = expression(&p, 0);
	if (root && cur_type(&p) != TK_EOF) {
		syntax(&p, cur(&p), "unexpected token");
		jp_node_free(root);
		root = NULL;
	}
	jp_tokens_free(p.t, p.n);
	if (root && check(&p, root, 0, n ? &globals[n - 1] : NULL) < 0) {
		jp_node_free(root);
		root = NULL;
	}
	free(globals);
	if (!root)
		return NULL;
	jp = xmalloc(sizeof(*jp));
	jp->root = root;
	jp->max_values = JMESPATH_MAX_VALUES;
	return jp;
}

struct jmespath *jmespath_compile(const char *expr, struct wa_err *err)
{
	return jmespath_compile_vars(expr, NULL, 0, err);
}

void jmespath_set_limit(struct jmespath *jp, size_t max_values)
{
	jp->max_values = max_values ? max_values : JMESPATH_MAX_VALUES;
}

void jmespath_free(struct jmespath *jp)
{
	if (!jp)
		return;
	jp_node_free(jp->root);
	free(jp);
}
