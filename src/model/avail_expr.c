/* The calculator's expressions: availabilities combined in series ('*') and in parallel
 * ('|'), grouped with parentheses, repeated with '^N'. A small recursive-descent parser that
 * evaluates as it goes and names the column of the first thing it cannot read.
 *
 *   parallel := series ('|' series)*
 *   series   := power ('*' power)*
 *   power    := primary ('^' whole-number)?
 *   primary  := number ['%'] | '(' parallel ')'
 */
#include "model/avail.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Deeper nesting than this is refused rather than recursed into. */
#define MAX_DEPTH 200
#define MAX_POWER 1000

struct parser {
	const char *s;
	size_t pos;
	int depth;
	struct wa_err *err;
};

/* 1-based column of byte offset pos, counting characters (UTF-8 lead bytes). */
static int column(const struct parser *p, size_t pos)
{
	int col = 1;

	for (size_t i = 0; i < pos && p->s[i]; i++)
		if (((unsigned char)p->s[i] & 0xC0) != 0x80)
			col++;
	return col;
}

static int fail_at(struct parser *p, size_t pos, const char *fmt, ...) ATTR_FORMAT(3, 4);

static int fail_at(struct parser *p, size_t pos, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return err_set(p->err, "expression", 1, column(p, pos), "%s", msg);
}

static void skip_ws(struct parser *p)
{
	while (p->s[p->pos] == ' ' || p->s[p->pos] == '\t' || p->s[p->pos] == '\n' ||
	       p->s[p->pos] == '\r')
		p->pos++;
}

/* What stands at the current position, for messages: "'x'" (a whole UTF-8 character) or
 * "the end of the expression". */
static const char *found(const struct parser *p, char *buf, size_t len)
{
	const unsigned char *c = (const unsigned char *)p->s + p->pos;
	size_t n = 1;

	if (!*c) {
		snprintf(buf, len, "the end of the expression");
		return buf;
	}
	if (*c >= 0xC0)
		while (n < 4 && (c[n] & 0xC0) == 0x80)
			n++;
	snprintf(buf, len, "'%.*s'", (int)n, (const char *)c);
	return buf;
}

static int parse_parallel(struct parser *p, double *out);

/* Reads digits[.digits] at *pos as a double: as one integer over a power of ten while that is
 * exact (up to 15 digits), so "0.5" is 0.5 and "99.95" the double nearest 99.95. Returns the
 * number of digits read. */
static int read_decimal(const char *s, size_t *pos, double *out)
{
	double mant = 0, scale = 1;
	int digits = 0;

	for (; isdigit((unsigned char)s[*pos]); (*pos)++, digits++)
		mant = mant * 10 + (s[*pos] - '0');
	if (s[*pos] == '.') {
		for ((*pos)++; isdigit((unsigned char)s[*pos]); (*pos)++, digits++) {
			if (digits < 15) {
				mant = mant * 10 + (s[*pos] - '0');
				scale *= 10;
			}
		}
	}
	*out = mant / scale;
	return digits;
}

static int parse_number(struct parser *p, double *out)
{
	size_t start = p->pos;
	double v;
	int digits = read_decimal(p->s, &p->pos, &v);
	const char *s = p->s;

	if (!digits)
		return fail_at(p, start, "expected a digit in the number");
	skip_ws(p);
	if (s[p->pos] == '%') {
		p->pos++;
		if (v > 100)
			return fail_at(p, start, "%.*s is above 100%%", (int)(p->pos - start),
			               s + start);
		*out = v / 100;
		return 0;
	}
	/* A bare number above 1 cannot be a fraction: read it as a percentage. */
	if (v > 1) {
		if (v > 100)
			return fail_at(p, start,
			               "%.*s is neither a fraction (0 to 1) nor a percentage (up "
			               "to 100)",
			               (int)(p->pos - start), s + start);
		v /= 100;
	}
	*out = v;
	return 0;
}

static int parse_primary(struct parser *p, double *out)
{
	char what[64];
	char c;

	skip_ws(p);
	c = p->s[p->pos];
	if (c == '(') {
		size_t open = p->pos;

		if (++p->depth > MAX_DEPTH)
			return fail_at(p, open, "parentheses nested more than %d deep", MAX_DEPTH);
		p->pos++;
		if (parse_parallel(p, out))
			return -1;
		skip_ws(p);
		if (p->s[p->pos] != ')')
			return fail_at(p, p->pos,
			               "expected ')' to close the '(' at column %d, found %s",
			               column(p, open), found(p, what, sizeof(what)));
		p->pos++;
		p->depth--;
		return 0;
	}
	if (isdigit((unsigned char)c) || c == '.')
		return parse_number(p, out);
	if (c == '-')
		return fail_at(p, p->pos, "availabilities cannot be negative");
	return fail_at(p, p->pos, "expected a number or '(', found %s",
	               found(p, what, sizeof(what)));
}

static int parse_power(struct parser *p, double *out)
{
	size_t at;
	long n = 0;
	int digits = 0;

	if (parse_primary(p, out))
		return -1;
	skip_ws(p);
	if (p->s[p->pos] != '^')
		return 0;
	p->pos++;
	skip_ws(p);
	at = p->pos;
	for (; isdigit((unsigned char)p->s[p->pos]); p->pos++, digits++)
		if (n <= MAX_POWER)
			n = n * 10 + (p->s[p->pos] - '0');
	if (!digits || p->s[p->pos] == '.')
		return fail_at(p, at, "expected a whole number of copies after '^'");
	if (n < 1 || n > MAX_POWER)
		return fail_at(p, at, "'^' takes 1 to %d copies", MAX_POWER);
	*out = pow(*out, (double)n);
	return 0;
}

static int parse_series(struct parser *p, double *out)
{
	double v;

	if (parse_power(p, out))
		return -1;
	for (;;) {
		skip_ws(p);
		if (p->s[p->pos] != '*')
			return 0;
		p->pos++;
		if (parse_power(p, &v))
			return -1;
		*out *= v;
	}
}

static int parse_parallel(struct parser *p, double *out)
{
	double down, v;

	if (parse_series(p, out))
		return -1;
	/* Parallel copies fail only together: multiply the unavailabilities. (A lone operand
	 * is left alone; 1 - (1 - x) would cost it digits.) */
	down = 1 - *out;
	skip_ws(p);
	if (p->s[p->pos] != '|')
		return 0;
	while (p->s[p->pos] == '|') {
		p->pos++;
		if (parse_series(p, &v))
			return -1;
		down *= 1 - v;
		skip_ws(p);
	}
	*out = 1 - down;
	return 0;
}

int avail_eval(const char *expr, double *out, struct wa_err *err)
{
	struct parser p = { expr ? expr : "", 0, 0, err };
	char what[64];
	double v;

	skip_ws(&p);
	if (!p.s[p.pos])
		return fail_at(&p, p.pos,
		               "the expression is empty; expected availabilities such as "
		               "0.9999 * (0.999 | 0.999)");
	if (parse_parallel(&p, &v))
		return -1;
	skip_ws(&p);
	if (p.s[p.pos])
		return fail_at(&p, p.pos, "expected '*', '|' or the end, found %s",
		               found(&p, what, sizeof(what)));
	/* Rounding can leave a hair outside [0,1]; the contract promises the interval. */
	*out = v < 0 ? 0 : v > 1 ? 1 : v;
	return 0;
}
