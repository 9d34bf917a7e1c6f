/* The JMESPath lexer: expression text to tokens. Quoting and escaping follow jmespath.py
 * (the aws CLI) exactly, including its legacy literal forms, which the compliance suite
 * tests: `foo` is the string "foo", and in 'raw strings' only \' is an escape. */
#include "jmespath/jmespath_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

struct lexer {
	const char *s;
	size_t len, pos;
	struct jp_token *t;
	size_t n, cap;
	struct wa_err *err;
};

static struct jp_token *push(struct lexer *lx, enum jp_tok type, size_t start)
{
	struct jp_token *t;

	lx->t = xgrow(lx->t, &lx->cap, lx->n + 1, sizeof(*lx->t));
	t = &lx->t[lx->n++];
	memset(t, 0, sizeof(*t));
	t->type = type;
	t->start = start;
	return t;
}

static int lex_fail(struct lexer *lx, size_t at, const char *what)
{
	return jp_fail(lx->err, JMESPATH_ERR_SYNTAX, utf8_column(lx->s, at), "%s", what);
}

/* Reads from the delimiter at lx->pos to the next unescaped one; a backslash keeps itself
 * and protects the next character. Returns the text between (free()), or NULL. */
static char *until(struct lexer *lx, char delim, size_t *n)
{
	size_t start = lx->pos, cap = 0, k = 0;
	char *buf = NULL;

	lx->pos++;
	for (;;) {
		if (lx->pos >= lx->len) {
			char msg[64];

			free(buf);
			snprintf(msg, sizeof(msg), "unclosed %c", delim);
			lex_fail(lx, start, msg);
			return NULL;
		}
		if (lx->s[lx->pos] == delim)
			break;
		buf = xgrow(buf, &cap, k + 3, 1);
		if (lx->s[lx->pos] == '\\') {
			buf[k++] = '\\';
			lx->pos++;
			if (lx->pos >= lx->len)
				continue;
		}
		buf[k++] = lx->s[lx->pos++];
	}
	lx->pos++;
	buf = xgrow(buf, &cap, k + 1, 1);
	buf[k] = '\0';
	*n = k;
	return buf;
}

/* Replaces each backslash-delim pair in buf by delim, left to right. */
static size_t unescape_delim(char *buf, size_t n, char delim)
{
	size_t w = 0;

	for (size_t r = 0; r < n; r++) {
		if (buf[r] == '\\' && r + 1 < n && buf[r + 1] == delim)
			r++;
		buf[w++] = buf[r];
	}
	buf[w] = '\0';
	return w;
}

static int lex_literal(struct lexer *lx)
{
	size_t start = lx->pos, n, skip = 0;
	char *buf = until(lx, '`', &n);
	struct json_err e;
	cJSON *v;

	if (!buf)
		return -1;
	n = unescape_delim(buf, n, '`');
	v = json_parse_at(buf, n, &e);
	if (!v && e.too_deep) {
		free(buf);
		return jp_fail(lx->err, JMESPATH_ERR_LIMIT, utf8_column(lx->s, start), "literal %s",
		               e.msg);
	}
	if (!v) {
		/* The deprecated form: text that is not JSON is taken as a string's contents. */
		char *q;

		while (skip < n && strchr(" \t\n\r\v\f\x1c\x1d\x1e\x1f", buf[skip]))
			skip++;
		q = xasprintf("\"%s\"", buf + skip);
		v = json_parse_at(q, strlen(q), &e);
		free(q);
	}
	free(buf);
	if (!v) {
		lex_fail(lx, start, "invalid JSON in literal");
		return -1;
	}
	push(lx, TK_LITERAL, start)->lit = v;
	return 0;
}

static int lex_raw_string(struct lexer *lx)
{
	size_t start = lx->pos, n;
	char *buf = until(lx, '\'', &n);
	cJSON *v;

	if (!buf)
		return -1;
	unescape_delim(buf, n, '\'');
	v = jp_must(cJSON_CreateString(buf));
	free(buf);
	push(lx, TK_LITERAL, start)->lit = v;
	return 0;
}

static int lex_quoted(struct lexer *lx)
{
	size_t start = lx->pos, n;
	char *buf = until(lx, '"', &n), *q;
	struct json_err e;
	cJSON *v;

	if (!buf)
		return -1;
	q = xasprintf("\"%s\"", buf);
	v = json_parse_at(q, n + 2, &e);
	free(q);
	free(buf);
	if (!v || !cJSON_IsString(v)) {
		char m[260];

		cJSON_Delete(v);
		snprintf(m, sizeof(m), "invalid quoted identifier: %s", e.msg);
		/* e.pos counts from the added opening quote, which stands where the real one does
		 */
		return jp_fail(lx->err, JMESPATH_ERR_SYNTAX, utf8_column(lx->s, start + e.pos),
		               "%s", m);
	}
	push(lx, TK_QUOTED, start)->str = xstrdup(v->valuestring);
	cJSON_Delete(v);
	return 0;
}

static void lex_number(struct lexer *lx)
{
	size_t start = lx->pos;
	int neg = lx->s[lx->pos] == '-';
	long long v = 0;

	if (neg)
		lx->pos++;
	while (lx->pos < lx->len && lx->s[lx->pos] >= '0' && lx->s[lx->pos] <= '9') {
		int d = lx->s[lx->pos++] - '0';

		/* Saturate: an index this large is past the end of any list anyway. */
		v = v > (JP_INDEX_MAX - d) / 10 ? JP_INDEX_MAX : v * 10 + d;
	}
	push(lx, TK_NUMBER, start)->num = neg ? -v : v;
}

/* Two-character operators: returns the long type when the next character is second. */
static void lex_pair(struct lexer *lx, char second, enum jp_tok two, enum jp_tok one)
{
	size_t start = lx->pos;

	if (lx->pos + 1 < lx->len && lx->s[lx->pos + 1] == second) {
		lx->pos += 2;
		push(lx, two, start);
	} else {
		lx->pos++;
		push(lx, one, start);
	}
}

static int is_ident_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int is_ident(char c)
{
	return is_ident_start(c) || (c >= '0' && c <= '9');
}

static int lex_one(struct lexer *lx)
{
	static const char simple[] = ".*],:@(){}";
	static const enum jp_tok simple_tok[] = {
		TK_DOT,     TK_STAR,   TK_RBRACKET, TK_COMMA,  TK_COLON,
		TK_CURRENT, TK_LPAREN, TK_RPAREN,   TK_LBRACE, TK_RBRACE,
	};
	char c = lx->s[lx->pos];
	const char *sp = strchr(simple, c);
	size_t start = lx->pos;

	if (c != '\0' && sp) {
		push(lx, simple_tok[sp - simple], lx->pos++);
		return 0;
	}
	if (is_ident_start(c)) {
		while (lx->pos < lx->len && is_ident(lx->s[lx->pos]))
			lx->pos++;
		push(lx, TK_UNQUOTED, start)->str = xstrndup(lx->s + start, lx->pos - start);
		return 0;
	}
	switch (c) {
	case ' ':
	case '\t':
	case '\n':
	case '\r': lx->pos++; return 0;
	case '[':
		if (lx->pos + 1 < lx->len && lx->s[lx->pos + 1] == ']')
			lex_pair(lx, ']', TK_FLATTEN, TK_LBRACKET);
		else
			lex_pair(lx, '?', TK_FILTER, TK_LBRACKET);
		return 0;
	case '\'': return lex_raw_string(lx);
	case '`': return lex_literal(lx);
	case '"': return lex_quoted(lx);
	case '|': lex_pair(lx, '|', TK_OR, TK_PIPE); return 0;
	case '&': lex_pair(lx, '&', TK_AND, TK_EXPREF); return 0;
	case '<': lex_pair(lx, '=', TK_LTE, TK_LT); return 0;
	case '>': lex_pair(lx, '=', TK_GTE, TK_GT); return 0;
	case '!': lex_pair(lx, '=', TK_NE, TK_NOT); return 0;
	case '=': lex_pair(lx, '=', TK_EQ, TK_ASSIGN); return 0;
	case '$':
		lx->pos++;
		if (lx->pos >= lx->len || !is_ident_start(lx->s[lx->pos]))
			return lex_fail(lx, start, "a variable name must follow '$'");
		while (lx->pos < lx->len && is_ident(lx->s[lx->pos]))
			lx->pos++;
		push(lx, TK_VARIABLE, start)->str =
		        xstrndup(lx->s + start + 1, lx->pos - start - 1);
		return 0;
	case '-':
		if (lx->pos + 1 < lx->len && lx->s[lx->pos + 1] >= '0' &&
		    lx->s[lx->pos + 1] <= '9') {
			lex_number(lx);
			return 0;
		}
		return lex_fail(lx, start, "unknown token '-' (a number must follow)");
	default:
		if (c >= '0' && c <= '9') {
			lex_number(lx);
			return 0;
		}
		break;
	}
	{
		char msg[64];

		if (c > 0x20 && c < 0x7F)
			snprintf(msg, sizeof(msg), "unknown character '%c'", c);
		else
			snprintf(msg, sizeof(msg), "unknown character 0x%02X", (unsigned char)c);
		return lex_fail(lx, start, msg);
	}
}

int jp_lex(const char *expr, struct jp_token **toks, size_t *ntoks, struct wa_err *err)
{
	struct lexer lx = { expr, strlen(expr), 0, NULL, 0, 0, err };
	unsigned long cp;

	/* Expressions are UTF-8 text; check once so no later step meets broken bytes. */
	for (size_t i = 0, k; i < lx.len; i += k) {
		k = utf8_get((const unsigned char *)expr + i, lx.len - i, &cp);
		if (!k)
			return jp_fail(err, JMESPATH_ERR_SYNTAX, utf8_column(expr, i),
			               "invalid UTF-8");
	}
	while (lx.pos < lx.len) {
		if (lex_one(&lx) < 0) {
			jp_tokens_free(lx.t, lx.n);
			return -1;
		}
	}
	push(&lx, TK_EOF, lx.len);
	/* Columns in one pass (tokens are in text order), not one scan per token. */
	for (size_t i = 0, at = 0, col = 1; i < lx.n; i++) {
		for (; at < lx.t[i].start; at++)
			if (((unsigned char)expr[at] & 0xC0) != 0x80)
				col++;
		lx.t[i].col = (int)col;
	}
	*toks = lx.t;
	*ntoks = lx.n;
	return 0;
}

void jp_tokens_free(struct jp_token *toks, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(toks[i].str);
		cJSON_Delete(toks[i].lit);
	}
	free(toks);
}
