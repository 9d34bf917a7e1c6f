/* Incident history: dates, the measured availability over the period, MTTR and MTBF, and
 * merging imported incidents into a review. */
#include "model/avail.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
static long long days_from_civil(long long y, unsigned m, unsigned d)
{
	long long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

static bool leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Reads exactly n digits at *p into *v. */
static bool digits(const char **p, int n, long *v)
{
	*v = 0;
	for (int i = 0; i < n; i++, (*p)++) {
		if (**p < '0' || **p > '9')
			return false;
		*v = *v * 10 + (**p - '0');
	}
	return true;
}

int avail_parse_date(const char *s, long long *out)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	const char *p = s;
	long y, mo, d, h = 0, mi = 0, se = 0;

	if (!s || !digits(&p, 4, &y) || *p++ != '-' || !digits(&p, 2, &mo) || *p++ != '-' ||
	    !digits(&p, 2, &d))
		return -1;
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] + (mo == 2 && leap(y)))
		return -1;
	if (*p == 'T' || *p == ' ') {
		p++;
		if (!digits(&p, 2, &h) || *p++ != ':' || !digits(&p, 2, &mi))
			return -1;
		if (*p == ':') {
			p++;
			if (!digits(&p, 2, &se))
				return -1;
		}
		if (h > 23 || mi > 59 || se > 59)
			return -1;
		if (*p == 'Z')
			p++;
	}
	if (*p)
		return -1;
	*out = days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + se;
	return 0;
}

static void iso(long long t, char *buf, size_t len)
{
	long long days = t / 86400, rem = t % 86400;
	/* civil_from_days, the inverse of days_from_civil. */
	long long z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
	unsigned d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
	long long y = (long long)yoe + era * 400 + (m <= 2);

	snprintf(buf, len, "%04lld-%02u-%02uT%02lld:%02lld:%02lldZ", y, m, d, rem / 3600,
	         rem / 60 % 60, rem % 60);
}

int avail_measure(const struct review *rv, long long now, struct avail_measured *m,
                  struct wa_err *err)
{
	double total = 0;
	long long created;

	memset(m, 0, sizeof(*m));
	if (!rv->n_incidents)
		return 0;
	m->start = now;
	for (size_t i = 0; i < rv->n_incidents; i++) {
		const struct incident *in = &rv->incidents[i];
		long long start;
		char a[64], b[64];

		if (avail_parse_date(in->date, &start))
			return err_set(err, "incidents", 0, 0,
			               "incident %zu: '%s' is not a date such as 2024-01-15 or "
			               "2024-01-15T10:30:00Z",
			               i + 1, in->date ? in->date : "");
		if (in->duration <= 0)
			return err_set(err, "incidents", 0, 0,
			               "incident %zu (%s): the duration must be above zero", i + 1,
			               in->date);
		if (start + in->duration > now) {
			iso(start + in->duration, a, sizeof(a));
			iso(now, b, sizeof(b));
			return err_set(err, "incidents", 0, 0,
			               "incident %zu (%s) ends at %s, after now (%s)", i + 1,
			               in->date, a, b);
		}
		if (start < m->start)
			m->start = start;
		total += (double)in->duration;
		m->downtime += (double)in->duration *
		               (in->impact == IMPACT_PARTIAL ? AVAIL_PARTIAL_WEIGHT : 1);
		m->n_partial += in->impact == IMPACT_PARTIAL;
	}
	/* The history counts from when it was kept: the review's creation, or the first
	 * incident if that is earlier (history imported from before the review). */
	if (rv->created && !avail_parse_date(rv->created, &created) && created < m->start)
		m->start = created;
	m->end = now;
	m->n_incidents = rv->n_incidents;
	m->availability = 1 - m->downtime / (double)(m->end - m->start);
	if (m->availability < 0) /* overlapping incidents counted twice */
		m->availability = 0;
	m->mttr = total / (double)m->n_incidents;
	m->mtbf = ((double)(m->end - m->start) - total) / (double)m->n_incidents;
	if (m->mtbf < 0)
		m->mtbf = 0;
	return 0;
}

/* Start time for sorting; unreadable dates sort last. */
static long long start_of(const struct incident *in)
{
	long long t;
	return avail_parse_date(in->date, &t) ? 0x7fffffffffffffffLL : t;
}

static bool same(const struct incident *a, const struct incident *b)
{
	return start_of(a) == start_of(b) && a->duration == b->duration && a->impact == b->impact;
}

void avail_incidents_merge(struct review *rv, struct incident *add, size_t n, bool replace,
                           size_t *added, size_t *skipped)
{
	size_t have;

	*added = *skipped = 0;
	if (replace) {
		for (size_t i = 0; i < rv->n_incidents; i++)
			incident_clear(&rv->incidents[i]);
		rv->n_incidents = 0;
	}
	have = rv->n_incidents;
	rv->incidents = xrealloc(rv->incidents, (have + n + 1) * sizeof(*rv->incidents));
	for (size_t i = 0; i < n; i++) {
		bool dup = false;

		for (size_t j = 0; j < rv->n_incidents && !dup; j++)
			dup = same(&rv->incidents[j], &add[i]);
		if (dup) {
			(*skipped)++;
			continue;
		}
		rv->incidents[rv->n_incidents++] = add[i];
		memset(&add[i], 0, sizeof(add[i]));
		(*added)++;
	}
	/* Insertion sort by start: stable, and histories are short. */
	for (size_t i = 1; i < rv->n_incidents; i++) {
		struct incident x = rv->incidents[i];
		long long t = start_of(&x);
		size_t j = i;

		for (; j > 0 && start_of(&rv->incidents[j - 1]) > t; j--)
			rv->incidents[j] = rv->incidents[j - 1];
		rv->incidents[j] = x;
	}
}
