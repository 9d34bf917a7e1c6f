#include "store/lens_int.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "model/rexpr.h"
#include "util/sbuf.h"
#include "util/xalloc.h"

static const struct {
	enum qrisk risk;
	const char *name;
} risk_names[] = {
	{ QRISK_NONE, "NO_RISK" },
	{ QRISK_MEDIUM, "MEDIUM_RISK" },
	{ QRISK_HIGH, "HIGH_RISK" },
};

const char *lens_risk_name(enum qrisk r)
{
	for (size_t i = 0; i < sizeof(risk_names) / sizeof(*risk_names); i++)
		if (risk_names[i].risk == r)
			return risk_names[i].name;
	return "";
}

enum qrisk lens_risk_parse(const char *s)
{
	for (size_t i = 0; i < sizeof(risk_names) / sizeof(*risk_names); i++)
		if (!strcmp(risk_names[i].name, s))
			return risk_names[i].risk;
	return QRISK_UNANSWERED;
}

/* Binding strength: || weakest, then &&, then ! and names. */
static int prec(const struct rexpr *e)
{
	switch (e->kind) {
	case REXPR_OR: return 1;
	case REXPR_AND: return 2;
	default: return 3;
	}
}

/* Writes e, in parentheses when it binds weaker than its place (min) needs. The right
 * operand of && and || asks for more than its operator, so "a && (b && c)" keeps its
 * grouping and reads back as the same tree. */
static void print_cond(struct sbuf *b, const struct rexpr *e, const char *const *names, int min)
{
	int p = prec(e);

	if (p < min)
		sbuf_putc(b, '(');
	switch (e->kind) {
	case REXPR_BP: sbuf_puts(b, names[e->bp]); break;
	case REXPR_NOT:
		sbuf_putc(b, '!');
		print_cond(b, e->a, names, 3);
		break;
	case REXPR_AND:
	case REXPR_OR:
		print_cond(b, e->a, names, p);
		sbuf_puts(b, e->kind == REXPR_AND ? " && " : " || ");
		print_cond(b, e->b, names, p + 1);
		break;
	}
	if (p < min)
		sbuf_putc(b, ')');
}

char *lens_cond_print(const struct rexpr *e, const char *const *names)
{
	struct sbuf b = { 0 };

	print_cond(&b, e, names, 1);
	return sbuf_take(&b);
}

/* "every best practice whose risk is at least min is selected", or NULL when none is. */
static struct rexpr *all_selected(const struct question *q, enum bp_risk min)
{
	struct rexpr *e = NULL;

	for (size_t i = 0; i < q->n_bps; i++) {
		struct rexpr *leaf;

		if (q->bps[i].risk < min)
			continue;
		leaf = xcalloc(1, sizeof(*leaf));
		leaf->kind = REXPR_BP;
		leaf->bp = i;
		if (e) {
			struct rexpr *and = xcalloc(1, sizeof(*and));
			and->kind = REXPR_AND;
			and->a = e;
			and->b = leaf;
			leaf = and;
		}
		e = leaf;
	}
	return e;
}

size_t lens_default_rules(const struct question *q, struct risk_rule **rules)
{
	struct rexpr *above_low = all_selected(q, BP_RISK_MEDIUM);
	struct rexpr *high = all_selected(q, BP_RISK_HIGH);
	struct risk_rule *r = xcalloc(3, sizeof(*r));
	bool medium = false;
	size_t n = 0;

	for (size_t i = 0; i < q->n_bps; i++)
		medium |= q->bps[i].risk == BP_RISK_MEDIUM;
	if (above_low)
		r[n++] = (struct risk_rule){ above_low, QRISK_NONE };
	/* Without medium ones, "every high one" is "everything above low": said once. */
	if (high && medium)
		r[n++] = (struct risk_rule){ high, QRISK_MEDIUM };
	else
		rexpr_free(high);
	r[n++] = (struct risk_rule){ NULL, !above_low ? QRISK_NONE
		                           : high     ? QRISK_HIGH
		                                      : QRISK_MEDIUM };
	*rules = r;
	return n;
}

void lens_rules_free(struct risk_rule *rules, size_t n)
{
	for (size_t i = 0; i < n; i++)
		rexpr_free(rules[i].when);
	free(rules);
}

char *lens_tool_id(const char *id)
{
	char *s = xstrdup(id);

	for (char *p = s; *p; p++)
		if (*p == '-')
			*p = '_';
	return s;
}
