#include "ui/walk.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

size_t walk_item_count(const struct question *q)
{
	return q->n_bps + 3;
}

enum walk_item walk_item_kind(const struct question *q, size_t i)
{
	if (i < q->n_bps)
		return WALK_ITEM_BP;
	if (i == q->n_bps)
		return WALK_ITEM_NONE;
	if (i == q->n_bps + 1)
		return WALK_ITEM_NA;
	return WALK_ITEM_NOTES;
}

size_t walk_list_rows(const struct qset *qs)
{
	return qs->n_areas + qs->n_questions;
}

size_t walk_list_row_of(const struct qset *qs, size_t qi)
{
	return qi + qs->questions[qi].area + 1;
}

long walk_list_question_at(const struct qset *qs, size_t row)
{
	size_t r = 0;

	for (size_t a = 0; a < qs->n_areas; a++) {
		if (row == r)
			return -1;
		r++;
		if (row < r + qs->areas[a].count)
			return (long)(qs->areas[a].first + (row - r));
		r += qs->areas[a].count;
	}
	return -1;
}

long walk_unanswered(const struct qset *qs, const struct review *rv, size_t qi, int dir)
{
	size_t n = qs->n_questions;

	for (size_t k = 1; k <= n; k++) {
		size_t i = dir > 0 ? (qi + k) % n : (qi + n - k % n) % n;
		if (!answer_is_answered(review_find(rv, qs->questions[i].id)))
			return (long)i;
	}
	return -1;
}

/* Whether (q, bp) is an open place (walk_open()). */
static bool open_place(const struct question *q, const struct answer *a, long bp)
{
	if (bp < 0)
		return !answer_is_answered(a);
	return answer_is_answered(a) && !answer_is_complete(a) && answer_is_open(a, q->bps[bp].id);
}

/* The open place of q among [from, to] nearest the start in dir, or -2 when none. */
static long first_open(const struct question *q, const struct answer *a, long from, long to,
                       int dir)
{
	if (from < -1)
		from = -1;
	if (to > (long)q->n_bps - 1)
		to = (long)q->n_bps - 1;
	for (long k = 0; k <= to - from; k++) {
		long b = dir > 0 ? from + k : to - k;
		if (open_place(q, a, b))
			return b;
	}
	return -2;
}

int walk_open(const struct qset *qs, const struct review *rv, size_t qi, long bp, int dir,
              size_t *out_q, long *out_bp)
{
	size_t n = qs->n_questions;

	/* Question qi after the place, every other question, then qi up to the place. */
	for (size_t k = 0; k <= n; k++) {
		size_t i = dir > 0 ? (qi + k) % n : (qi + n - k % n) % n;
		const struct question *q = &qs->questions[i];
		long from = -1, to = (long)q->n_bps - 1, b;

		if (k == 0 && dir > 0)
			from = bp + 1;
		else if (k == 0)
			to = bp - 1;
		else if (k == n && dir > 0)
			to = bp;
		else if (k == n)
			from = bp;
		b = first_open(q, review_find(rv, q->id), from, to, dir);
		if (b != -2) {
			*out_q = i;
			*out_bp = b;
			return 0;
		}
	}
	return -1;
}

static bool contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	if (!hay)
		return false;
	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return true;
	return false;
}

static bool matches(const struct question *q, long bp, const char *needle)
{
	if (bp < 0)
		return contains(q->id, needle) || contains(q->title, needle) ||
		       contains(q->description, needle);
	return contains(q->bps[bp].id, needle) || contains(q->bps[bp].title, needle) ||
	       contains(q->bps[bp].description, needle);
}

int walk_search(const struct qset *qs, const char *needle, size_t qi, long bp, size_t *out_q,
                long *out_bp)
{
	size_t q = qi;
	long b = bp;

	if (!needle || !*needle || qs->n_questions == 0)
		return -1;
	/* Visit every place once, starting after (qi, bp), ending with (qi, bp) itself. */
	for (size_t steps = 0; steps < qset_count_bps(qs) + qs->n_questions; steps++) {
		if (++b >= (long)qs->questions[q].n_bps) {
			q = (q + 1) % qs->n_questions;
			b = -1;
		}
		if (matches(&qs->questions[q], b, needle)) {
			*out_q = q;
			*out_bp = b;
			return 0;
		}
	}
	return -1;
}

/* Reads a whole number at *p; -1 when there is none. */
static long number(const char **p)
{
	long v = 0;

	if (!isdigit((unsigned char)**p))
		return -1;
	while (isdigit((unsigned char)**p) && v < 100000)
		v = v * 10 + (*(*p)++ - '0');
	return v;
}

int walk_jump(const struct qset *qs, const char *text, size_t *out_q, long *out_bp)
{
	const char *p = text;
	long qn, bn = -1;

	while (isspace((unsigned char)*p))
		p++;
	/* An exact ID of the set first, whatever its form ("REL10", "REL10-BP03"). */
	for (size_t i = 0; i < qs->n_questions; i++) {
		const struct question *q = &qs->questions[i];
		size_t n = strlen(q->id);
		if (strncasecmp(p, q->id, n) != 0 || isdigit((unsigned char)p[n]))
			continue;
		*out_q = i;
		*out_bp = -1;
		p += n;
		while (*p == '-' || *p == ' ' || *p == '.')
			p++;
		if (!*p)
			return 0;
		if (strncasecmp(p, "bp", 2) == 0)
			p += 2;
		bn = number(&p);
		while (isspace((unsigned char)*p))
			p++;
		if (bn < 1 || bn > (long)q->n_bps || *p)
			return -1;
		*out_bp = bn - 1;
		return 0;
	}
	/* Else a number: the question of that number in the set's naming, e.g. "10" -> REL10. */
	if (strncasecmp(p, "rel", 3) == 0)
		p += 3;
	qn = number(&p);
	if (qn < 1)
		return -1;
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '.' || *p == '-' || strncasecmp(p, "bp", 2) == 0) {
		while (*p == '.' || *p == '-' || *p == ' ')
			p++;
		if (strncasecmp(p, "bp", 2) == 0)
			p += 2;
		bn = number(&p);
		if (bn < 1)
			return -1;
	}
	while (isspace((unsigned char)*p))
		p++;
	if (*p)
		return -1;
	for (size_t i = 0; i < qs->n_questions; i++) {
		const char *id = qs->questions[i].id, *d = id + strlen(id);
		while (d > id && isdigit((unsigned char)d[-1]))
			d--;
		if (*d && strtol(d, NULL, 10) == qn) {
			if (bn > (long)qs->questions[i].n_bps)
				return -1;
			*out_q = i;
			*out_bp = bn > 0 ? bn - 1 : -1;
			return 0;
		}
	}
	return -1;
}
