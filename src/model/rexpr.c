#include "model/rexpr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* Conditions are tiny; anything nested deeper than this is a mistake, not a rule. */
#define REXPR_MAX_DEPTH 32

struct rparser {
	const char *s;
	size_t pos;
	const struct question *q;
	char *msg;
	size_t msglen;
	int failed;
	size_t errpos;
};

static struct rexpr *parse_or(struct rparser *p, int depth);

static void skip_ws(struct rparser *p)
{
	while (p->s[p->pos] == ' ' || p->s[p->pos] == '\t')
		p->pos++;
}

static struct rexpr *fail(struct rparser *p, size_t at, const char *what)
{
	if (!p->failed) {
		p->failed = 1;
		p->errpos = at;
		snprintf(p->msg, p->msglen, "%s", what);
	}
	return NULL;
}

static struct rexpr *node(enum rexpr_kind k, struct rexpr *a, struct rexpr *b)
{
	struct rexpr *e = xcalloc(1, sizeof(*e));
	e->kind = k;
	e->a = a;
	e->b = b;
	return e;
}

static int is_id_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_';
}

static struct rexpr *parse_unary(struct rparser *p, int depth)
{
	size_t start;

	if (depth > REXPR_MAX_DEPTH)
		return fail(p, p->pos, "condition nested too deeply");
	skip_ws(p);
	start = p->pos;
	if (p->s[p->pos] == '!') {
		struct rexpr *a;
		p->pos++;
		a = parse_unary(p, depth + 1);
		return a ? node(REXPR_NOT, a, NULL) : NULL;
	}
	if (p->s[p->pos] == '(') {
		struct rexpr *a;
		p->pos++;
		a = parse_or(p, depth + 1);
		if (!a)
			return NULL;
		skip_ws(p);
		if (p->s[p->pos] != ')') {
			rexpr_free(a);
			return fail(p, p->pos, "expected ')'");
		}
		p->pos++;
		return a;
	}
	while (is_id_char(p->s[p->pos]))
		p->pos++;
	if (p->pos == start)
		return fail(p, start,
		            p->s[start] ? "expected a best-practice ID, '!' or '('"
		                        : "expected a best-practice ID at the end");
	{
		char id[128];
		size_t n = p->pos - start;
		long bp;
		struct rexpr *e;

		if (n >= sizeof(id))
			return fail(p, start, "best-practice ID too long");
		memcpy(id, p->s + start, n);
		id[n] = '\0';
		bp = question_bp_index(p->q, id);
		if (bp < 0) {
			char m[256];
			snprintf(m, sizeof(m), "'%s' is not a best practice of %s", id, p->q->id);
			return fail(p, start, m);
		}
		e = node(REXPR_BP, NULL, NULL);
		e->bp = (size_t)bp;
		return e;
	}
}

static struct rexpr *parse_and(struct rparser *p, int depth)
{
	struct rexpr *a = parse_unary(p, depth);

	while (a) {
		struct rexpr *b;
		skip_ws(p);
		if (strncmp(p->s + p->pos, "&&", 2) != 0)
			break;
		p->pos += 2;
		b = parse_unary(p, depth);
		if (!b) {
			rexpr_free(a);
			return NULL;
		}
		a = node(REXPR_AND, a, b);
	}
	return a;
}

static struct rexpr *parse_or(struct rparser *p, int depth)
{
	struct rexpr *a = parse_and(p, depth);

	while (a) {
		struct rexpr *b;
		skip_ws(p);
		if (strncmp(p->s + p->pos, "||", 2) != 0)
			break;
		p->pos += 2;
		b = parse_and(p, depth);
		if (!b) {
			rexpr_free(a);
			return NULL;
		}
		a = node(REXPR_OR, a, b);
	}
	return a;
}

int rexpr_parse(const char *text, const struct question *q, struct rexpr **out, size_t *errpos,
                char *msg, size_t msglen)
{
	struct rparser p = { text, 0, q, msg, msglen, 0, 0 };
	struct rexpr *e = parse_or(&p, 0);

	if (e) {
		skip_ws(&p);
		if (p.s[p.pos]) {
			rexpr_free(e);
			e = fail(&p, p.pos, "expected '&&', '||' or the end of the condition");
		}
	}
	*out = e;
	if (!e) {
		*errpos = p.errpos;
		return -1;
	}
	return 0;
}

int rexpr_eval(const struct rexpr *e, const unsigned char *sel)
{
	switch (e->kind) {
	case REXPR_BP: return sel[e->bp] != 0;
	case REXPR_NOT: return !rexpr_eval(e->a, sel);
	case REXPR_AND: return rexpr_eval(e->a, sel) && rexpr_eval(e->b, sel);
	case REXPR_OR: return rexpr_eval(e->a, sel) || rexpr_eval(e->b, sel);
	}
	return 0;
}

void rexpr_free(struct rexpr *e)
{
	if (!e)
		return;
	rexpr_free(e->a);
	rexpr_free(e->b);
	free(e);
}
